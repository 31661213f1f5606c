/* kith fmt's canonical layout: each rewrite, what it must never touch,
 * and idempotence. */
#include <criterion/criterion.h>
#include <string.h>

#include "edit/edit.h"

static char *fmt_md(const char *in)
{
	kith_buf b = {0};
	kith_fmt_md(in, strlen(in), &b);
	return (char *)kith_buf_cstr(&b);
}

static void expect_md(const char *in, const char *want)
{
	char *got = fmt_md(in);
	char *again = fmt_md(got);
	cr_assert_str_eq(got, want);
	cr_assert_str_eq(again, got, "not idempotent");
	free(got);
	free(again);
}

Test(fmt, headings_are_spaced_and_separated)
{
	expect_md("# Nov\n##   2026-11-03    09:30   Coffee with @alice  "
	          "\ntext\n## 2026-11-04 Next\n",
	          "# Nov\n\n## 2026-11-03 09:30 Coffee with @alice\ntext\n\n## "
	          "2026-11-04 Next\n");
}

Test(fmt, blank_runs_collapse_and_trailing_space_goes)
{
	expect_md("\n\n## 2026-11-03 A\n\n\n\nline one \t\nline two\n\n\n",
	          "## 2026-11-03 A\n\nline one\nline two\n");
}

Test(fmt, hard_breaks_and_fences_are_kept)
{
	expect_md("## 2026-11-03 A\n\nfirst line  \nsecond\n\n```\n## not a "
	          "heading   \n\n\n   \n```\n",
	          "## 2026-11-03 A\n\nfirst line  \nsecond\n\n```\n## not a "
	          "heading   \n\n\n   \n```\n");
}

Test(fmt, checked_boxes_lowercase_and_crlf)
{
	expect_md("## 2026-11-03 A\r\n\r\n- [X] done: item\r\n  * [ ] open\r\n",
	          "## 2026-11-03 A\n\n- [x] done: item\n  * [ ] open\n");
}

Test(fmt, front_matter_is_untouched)
{
	expect_md("---\ntitle:   x   \n\n\n---\n## 2026-11-03 A\n",
	          "---\ntitle:   x   \n\n\n---\n\n## 2026-11-03 A\n");
}

Test(fmt, metadata_block_stays_attached)
{
	expect_md("## 2026-11-03 A\ngoals: [g]\n\nbody\n",
	          "## 2026-11-03 A\ngoals: [g]\n\nbody\n");
}

Test(fmt, yaml_only_line_ends_and_final_newline)
{
	kith_buf b = {0};
	const char *in =
	    "contacts:\r\n  a:\r\n    notes: |\r\n      two  \r\n\r\n\r\n";
	kith_fmt_yaml(in, strlen(in), &b);
	cr_assert_str_eq(kith_buf_cstr(&b),
	                 "contacts:\n  a:\n    notes: |\n      two  \n\n\n");
	kith_buf_free(&b);
}

Test(fmt, empty_input)
{
	expect_md("", "");
	expect_md("\n\n\n", "");
}

/* Review findings: each of these once changed what a journal means. */
Test(fmt, leading_blanks_never_make_front_matter)
{
	expect_md("\n---\n\n## 2026-11-01 A\n\nx\n\n---\n\n## 2026-11-05 B\n",
	          "\n---\n\n## 2026-11-01 A\n\nx\n\n---\n\n## 2026-11-05 B\n");
}

Test(fmt, indented_code_and_html_blocks_are_verbatim)
{
	expect_md("## 2026-11-01 X\n\n    code1   \n\n\n\n    "
	          "code2\n\n<pre>\n\n\nx  \n</pre>\n\n<!--\n\n\n-->\n",
	          "## 2026-11-01 X\n\n    code1   \n\n\n\n    "
	          "code2\n\n<pre>\n\n\nx  \n</pre>\n\n<!--\n\n\n-->\n");
}

Test(fmt, yaml_keep_chomping_survives)
{
	kith_buf b = {0};
	const char *in =
	    "contacts:\n  a:\n    name: A\n    notes: |+\n      keep\n\n\n";
	kith_fmt_yaml(in, strlen(in), &b);
	cr_assert_str_eq(kith_buf_cstr(&b), in);
	kith_buf_free(&b);
}

/* A stray CR before the line end of an entry heading is trailing
 * whitespace: the first pass drops it, so a second pass changes nothing
 * (a fuzz find: "ked.\r" came out as a CRLF line end). */
Test(fmt, stray_cr_at_a_heading_end_goes)
{
	expect_md("## 2026-11-03 ked.\r \r\n", "## 2026-11-03 ked.\n");
	char *once = fmt_md("## 2026-11-03 ked.\r \r\n\r\n```\r\nc\r\n```\r\n");
	char *twice = fmt_md(once);
	cr_assert_str_eq(once, twice);
	free(once);
	free(twice);
}
