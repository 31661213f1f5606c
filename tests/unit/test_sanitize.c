/* Unit tests of the terminal sanitizer (util/sanitize) and the line index
 * (diag/lines): what is shown, what is kept, what is dropped. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "diag/lines.h"
#include "util/sanitize.h"
#include "util/text.h"

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

/* The word-at-a-time run against the byte rule, for every byte value at
 * every offset of a word and its neighbours (and a short tail). */
Test(sanitize, printable_run_every_byte_every_offset)
{
	char s[27];
	for (int b = 0; b < 256; b++)
		for (size_t pos = 0; pos < sizeof s; pos++) {
			memset(s, 'a', sizeof s);
			s[pos] = (char)b;
			size_t want = b >= 0x20 && b < 0x7F ? sizeof s : pos;
			cr_assert_eq(kith_printable_run(s, sizeof s), want,
			             "byte %02x at %zu", b, pos);
			cr_assert_eq(kith_printable_run(s, pos), pos);
		}
	cr_assert_eq(kith_printable_run("", 0), 0);
}

/* kith_find3 against a byte loop: random texts of every length up to 70
 * (the sixteen-byte steps, the overlapping tail, the short texts), every
 * start, with the bytes looked for few, many or none. */
Test(sanitize, find3_agrees_with_a_byte_loop)
{
	static const char pool[] = "ab@#`c\x80\xff";
	unsigned seed = 3;
	char s[72];
	for (int round = 0; round < 20000; round++) {
		size_t n = (size_t)(rand_r(&seed) % 71);
		unsigned spread = 3 + (unsigned)rand_r(&seed) % 6;
		for (size_t i = 0; i < n; i++)
			s[i] = pool[(unsigned)rand_r(&seed) % spread];
		char a = '@', b = round % 2 ? '#' : '@', c = '`';
		for (size_t from = 0; from <= n; from++) {
			size_t want = n - from;
			for (size_t i = from; i < n; i++)
				if (s[i] == a || s[i] == b || s[i] == c) {
					want = i - from;
					break;
				}
			cr_assert_eq(kith_find3(s + from, n - from, a, b, c),
			             want, "round %d, n %zu, from %zu", round,
			             n, from);
		}
	}
}

/* The small formatters against snprintf, at the edges of their types. */
Test(sanitize, fmt_ints_and_cat_match_printf)
{
	const int64_t v[] = {
	    0,       7,         -1,       10, 99, 100, -2147483647 - 1,
	    2932896, INT64_MAX, INT64_MIN};
	char got[24], want[24];
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		size_t n = kith_fmt_i64(got, v[i]);
		snprintf(want, sizeof want, "%lld", (long long)v[i]);
		cr_assert_eq(n, strlen(want));
		cr_assert_eq(memcmp(got, want, n), 0, "%s", want);
	}
	size_t n = kith_fmt_u64(got, UINT64_MAX);
	cr_assert_eq(n, 20);
	cr_assert_eq(memcmp(got, "18446744073709551615", 20), 0);
	kith_arena *a = kith_arena_new();
	kith_str parts[] = {
	    {"journal/x.md", 12}, {":", 1}, {NULL, 0}, {"42", 2}};
	cr_assert_str_eq(kith_arena_cat(a, parts, 4), "journal/x.md:42");
	cr_assert_str_eq(kith_arena_cat(a, parts, 0), "");
	kith_arena_free(a);
}

/* A control anywhere in a long text is shown where it stands. */
Test(sanitize, control_at_every_offset_of_a_long_text)
{
	char s[40], want[64];
	for (size_t pos = 0; pos < sizeof s; pos++) {
		memset(s, 'x', sizeof s);
		s[pos] = '\033';
		snprintf(want, sizeof want, "%.*s\\x1b%.*s", (int)pos, s,
		         (int)(sizeof s - pos - 1), s + pos + 1);
		cr_assert_str_eq(san(s, sizeof s, 0, 0), want, "at %zu", pos);
	}
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

/* ---- the renderers' call sites ---- */
#include "compute/report.h"
#include "render/render.h"

static char *render_one(kith_format f, const char *title, const char *cell,
                        const char *text)
{
	static const kith_col cols[] = {{"who", "Who", KITH_CELL_TEXT, 0}};
	kith_report *r = kith_report_new("log", 20000);
	kith_render_opts o = {0};
	kith_buf b = {0};
	kith_section *s;
	char *out;

	r->title = title;
	s = kith_report_section(r, "log", "Log", KITH_SECTION_TABLE, cols, 1);
	kith_cell_text(r, &kith_section_row(r, s)[0], cell);
	s->text = text;
	cr_assert_eq(kith_renderers[f](r, &o, &b), 0);
	out = kith_xstrndup(b.p ? b.p : "", b.n);
	kith_buf_free(&b);
	kith_report_free(r);
	return out;
}

/* No raw ESC, BEL, DEL, C1 or bidi control anywhere in s. */
static int terminal_safe(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') ||
		    c == 0x7f)
			return 0;
		if (c == 0xC2 && (unsigned char)s[1] >= 0x80 &&
		    (unsigned char)s[1] <= 0x9F)
			return 0;
		if (c == 0xE2 && (((unsigned char)s[1] == 0x80 &&
		                   (unsigned char)s[2] >= 0xAA &&
		                   (unsigned char)s[2] <= 0xAE) ||
		                  ((unsigned char)s[1] == 0x81 &&
		                   (unsigned char)s[2] >= 0xA6 &&
		                   (unsigned char)s[2] <= 0xA9)))
			return 0;
	}
	return 1;
}

#define HOSTILE "Ev\033]0;pwned\007e \342\200\256lin\302\233x\177"

Test(sanitize, text_md_csv_html_never_pass_controls)
{
	kith_format fs[] = {KITH_FMT_TEXT, KITH_FMT_MD, KITH_FMT_CSV,
	                    KITH_FMT_HTML};
	for (size_t i = 0; i < sizeof fs / sizeof fs[0]; i++) {
		char *o = render_one(fs[i], "T " HOSTILE, HOSTILE,
		                     "note " HOSTILE "\nline two");
		cr_assert(terminal_safe(o), "%s leaks a control:\n%s",
		          kith_format_names[fs[i]], o);
		free(o);
	}
}

Test(sanitize, text_shows_them_csv_drops_them)
{
	char *t = render_one(KITH_FMT_TEXT, "T", HOSTILE, NULL);
	char *c = render_one(KITH_FMT_CSV, "T", HOSTILE, NULL);
	cr_assert(strstr(t, "Ev\\x1b]0;pwned\\x07e <U+202E>lin<U+009B>x\\x7f"),
	          "%s", t);
	cr_assert_str_eq(c, "who\r\nEv]0;pwnede linx\r\n");
	free(t);
	free(c);
}

Test(sanitize, md_escapes_raw_html_in_names_and_titles)
{
	char *m = render_one(KITH_FMT_MD, "Report <script>alert(1)</script>",
	                     "Eve <img src=x onerror=alert(1)> & co", NULL);
	cr_assert(strstr(m, "# Report &lt;script&gt;alert(1)&lt;/script&gt;\n"),
	          "%s", m);
	cr_assert(
	    strstr(m, "| Eve &lt;img src=x onerror=alert(1)&gt; &amp; co |"),
	    "%s", m);
	cr_assert_null(strstr(m, "<script"));
	cr_assert_null(strstr(m, "<img"));
	free(m);
}

Test(sanitize, renderers_keep_multibyte_text_whole)
{
	kith_format fs[] = {KITH_FMT_TEXT, KITH_FMT_MD, KITH_FMT_CSV,
	                    KITH_FMT_HTML};
	for (size_t i = 0; i < sizeof fs / sizeof fs[0]; i++) {
		char *o = render_one(fs[i], "Café", "Inês Tomé 日本", "Zoë");
		cr_assert(strstr(o, "Inês Tomé 日本"), "%s:\n%s",
		          kith_format_names[fs[i]], o);
		cr_assert_eq(kith_utf8_invalid(o, strlen(o)), 0, "%s:\n%s",
		             kith_format_names[fs[i]], o);
		free(o);
	}
}

Test(sanitize, to_a_stream_as_to_a_buffer)
{
	const char s[] = "a\033[2J\tb\nc\342\200\256d\377";
	char *got = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&got, &n);
	kith_buf b = {0};

	cr_assert_not_null(f);
	cr_assert_eq(kith_sanitize_file(f, s, sizeof s - 1, KITH_SAN_KEEP_NL),
	             0);
	fclose(f);
	kith_sanitize(&b, s, sizeof s - 1, KITH_SAN_KEEP_NL);
	cr_assert_eq(n, b.n);
	cr_assert(!memcmp(got, b.p, n), "%s", got);
	cr_assert_str_eq(got, "a\\x1b[2J\\x09b\nc<U+202E>d\\xff");
	free(got);
	kith_buf_free(&b);
}
