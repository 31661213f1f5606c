/* Unit tests of the terminal sanitizer (util/sanitize) and the line index
 * (diag/lines): what is shown, what is kept, what is dropped. */
#include <criterion/criterion.h>
#include <string.h>

#include "diag/lines.h"
#include "util/sanitize.h"

static char *san(const char *s, size_t n, unsigned flags, int drop)
{
	static char out[512];
	kith_buf b = {0};
	if (drop)
		kith_sanitize_drop(&b, s, n, flags);
	else
		kith_sanitize(&b, s, n, flags);
	snprintf(out, sizeof out, "%.*s", (int)b.n, b.p ? b.p : "");
	kith_buf_free(&b);
	return out;
}

#define SAN(lit, flags) san(lit, sizeof(lit) - 1, flags, 0)
#define DROP(lit, flags) san(lit, sizeof(lit) - 1, flags, 1)

Test(sanitize, plain_text_unchanged)
{
	cr_assert_str_eq(SAN("Inês Café @alice 日本", 0),
	                 "Inês Café @alice 日本");
	cr_assert_eq(kith_needs_sanitize("Inês", 5, 0), 0);
}

Test(sanitize, c0_and_del_shown_as_hex)
{
	cr_assert_str_eq(SAN("a\033[2Jb\007\177", 0), "a\\x1b[2Jb\\x07\\x7f");
	cr_assert_str_eq(SAN("x\0y", 0), "x\\x00y");
	cr_assert_str_eq(SAN("t\tn\nr\r", 0), "t\\x09n\\x0ar\\x0d");
}

Test(sanitize, flags_keep_tab_and_newlines)
{
	cr_assert_str_eq(
	    SAN("t\tn\nr\r\nz\r", KITH_SAN_KEEP_TAB | KITH_SAN_KEEP_NL),
	    "t\tn\nr\r\nz\\x0d");
}

Test(sanitize, c1_and_bidi_shown_as_code_points)
{
	cr_assert_str_eq(SAN("\302\233[31m", 0), "<U+009B>[31m");
	cr_assert_str_eq(SAN("a\342\200\256b\342\201\246c\342\201\251", 0),
	                 "a<U+202E>b<U+2066>c<U+2069>");
	/* neighbours of the ranges are ordinary text */
	cr_assert_str_eq(SAN("\342\200\251\342\200\257\342\201\245", 0),
	                 "\342\200\251\342\200\257\342\201\245");
}

Test(sanitize, invalid_utf8_bytes_shown_as_hex)
{
	cr_assert_str_eq(SAN("a\377b\303", 0), "a\\xffb\\xc3");
	cr_assert_str_eq(SAN("\233", 0), "\\x9b");
}

Test(sanitize, drop_removes_unsafe_keeps_text)
{
	cr_assert_str_eq(DROP("a\033b\302\233c\342\200\256d\177\ne", 0),
	                 "abcde");
	cr_assert_str_eq(DROP("a\tb\nc", KITH_SAN_KEEP_TAB | KITH_SAN_KEEP_NL),
	                 "a\tb\nc");
}

Test(lines, index_get_and_offset)
{
	const char *t = "one\r\ntwo\n\nfour";
	kith_lines ix;
	const char *p;
	size_t n;

	kith_lines_build(&ix, t, strlen(t));
	cr_assert_eq(ix.n, 4);
	cr_assert(kith_lines_get(&ix, 1, &p, &n));
	cr_assert_eq(n, 3);
	cr_assert(!strncmp(p, "one", 3));
	cr_assert(kith_lines_get(&ix, 3, &p, &n));
	cr_assert_eq(n, 0);
	cr_assert(kith_lines_get(&ix, 4, &p, &n));
	cr_assert(!strncmp(p, "four", n) && n == 4);
	cr_assert(!kith_lines_get(&ix, 5, &p, &n));
	cr_assert(!kith_lines_get(&ix, 0, &p, &n));
	cr_assert_eq(kith_lines_of_offset(&ix, 0), 1);
	cr_assert_eq(kith_lines_of_offset(&ix, 4), 1);
	cr_assert_eq(kith_lines_of_offset(&ix, 5), 2);
	cr_assert_eq(kith_lines_of_offset(&ix, 9), 3);
	cr_assert_eq(kith_lines_of_offset(&ix, 12), 4);
	kith_lines_free(&ix);
}

Test(lines, final_newline_is_not_a_line)
{
	kith_lines ix;
	kith_lines_build(&ix, "a\nb\n", 4);
	cr_assert_eq(ix.n, 2);
	kith_lines_free(&ix);
}

Test(lines, char_columns)
{
	const char *t = "\xef\xbb\xbfInês @x\nInês @y";
	kith_lines ix;

	kith_lines_build(&ix, t, strlen(t));
	/* line 1: BOM not counted by the loader nor here; ê is 2 bytes */
	cr_assert_eq(kith_lines_char_col(&ix, 1, 7), 6);
	cr_assert_eq(kith_lines_char_col(&ix, 2, 7), 6);
	cr_assert_eq(kith_lines_char_col(&ix, 2, 1), 1);
	/* past the end of the line: one column per byte beyond */
	cr_assert_eq(kith_lines_char_col(&ix, 2, 11), 10);
	kith_lines_free(&ix);
}
