/* Unit tests for the one Markdown line grammar (load/mdline.h): kinds of
 * lines, the spans editors use, and a property test over every journal
 * of examples/ and tests/golden (the fuzz seeds): kith fmt and the
 * loader read each file alike, and fmt keeps every line's kind. */
#define _XOPEN_SOURCE 700
#include <criterion/criterion.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edit/edit.h"
#include "load/load.h"
#include "load/mdline.h"

#ifndef KITH_TEST_ROOT
#define KITH_TEST_ROOT "."
#endif

/* The kinds of the lines of text, one letter each: b blank, f front
 * matter, h heading, m metadata, o fence open, c code, e fence close,
 * x HTML, t task, . body, L too long. */
static void kinds(const char *text, size_t len, kith_buf *out)
{
	static const char letter[KITH_MDL__COUNT] = "bfhmocext.L";
	kith_mdscan s;
	kith_mdline l;
	size_t bom = kith_mdl_bom(text, len);

	kith_mdscan_init(&s, text + bom, len - bom);
	while (kith_mdscan_next(&s, &l))
		kith_buf_putc(out, letter[l.kind]);
}

static void expect_kinds(const char *text, const char *want)
{
	kith_buf b = {0};
	kinds(text, strlen(text), &b);
	cr_expect_str_eq(kith_buf_cstr(&b), want, "kinds of:\n%s", text);
	kith_buf_free(&b);
}

Test(mdline, kinds_of_lines)
{
	expect_kinds("intro\n\n## 2026-11-03 A\nkind: call\nwith: [bo]\n\n"
	             "Notes\n- [ ] x due:+3d\n### Sub\n# Top\n",
	             ".bhmmb.thh");
	/* a backtick fence's info string holds no backtick (CommonMark) */
	expect_kinds("```a`\n## 2026-01-02 B\n", ".h");
	expect_kinds("```a\n## 2026-01-02 B\n```\n", "oce");
	expect_kinds("~~~a`\n## x\n~~~~\n", "oce");
	expect_kinds("````\n```\n````\n", "oce");
	expect_kinds("    ```\n\t```\n", "..");
	/* front matter only when closed; markers may carry blanks */
	expect_kinds("---\ntitle: x\n...\n## 2026-01-01 A\n", "fffh");
	expect_kinds("--- \n\n---\nA\n", "fff.");
	expect_kinds("---\ntitle: x\n", "..");
	/* HTML blocks: 1 and 2 to their end marker, 7 to a blank line; a
	 * heading or a fence always ends them */
	expect_kinds("<pre>\n\n- [ ] x\n</pre>\n- [ ] y\n", "xxxxt");
	expect_kinds("<div>\n- [ ] x\n\n- [ ] y\n", "xxbt");
	expect_kinds("<!-- a\n## 2026-01-01 A\n-->\n", "xh.");
	expect_kinds("<div>\n```\n<div>\n```\n", "xoce");
	/* metadata: only right after an entry heading, at column 1 */
	expect_kinds("## 2026-01-01 A\n\nkind: call\n", "hb.");
	expect_kinds("## 2026-13-01 A\nkind: call\n", "h.");
	expect_kinds("## 2026-01-01 A\n kind: call\n", "h.");
	expect_kinds("## 2026-01-01 A\nkind: call\n### x\n\n", "hmmb");
	/* blank: spaces, tabs and stray CRs; CRs before LF end the line */
	expect_kinds("a\r\n \t\r \r\r\n\r\nb", ".bb.");
	expect_kinds("#x\n####### 7\n###### 6\n", "..h");
}

Test(mdline, too_long_line)
{
	size_t n = KITH_MAX_LINE + 2;
	char *t = malloc(n + 32);
	memset(t, 'a', n);
	memcpy(t + n, "\n- [ ] x\n", 10);
	kith_buf b = {0};
	kinds(t, strlen(t), &b);
	cr_assert_str_eq(kith_buf_cstr(&b), "Lt");
	kith_buf_free(&b);
	free(t);
}

static kith_mdline line_of(const char *text)
{
	kith_mdscan s;
	kith_mdline l;
	kith_mdscan_init(&s, text, strlen(text));
	cr_assert(kith_mdscan_next(&s, &l));
	return l;
}

static void expect_span(const kith_mdline *l, kith_span s, const char *want)
{
	cr_expect_eq(s.len, strlen(want), "span '%.*s', want '%s'", (int)s.len,
	             l->p + s.off, want);
	cr_expect_eq(memcmp(l->p + s.off, want, s.len), 0, "span '%.*s'",
	             (int)s.len, l->p + s.off);
}

Test(mdline, heading_spans)
{
	kith_mdline l = line_of("##  2026-11-03\t09:30  Coffee @ana  ");
	cr_assert_eq(l.kind, KITH_MDL_HEADING);
	cr_assert_eq(l.level, 2);
	cr_assert_eq(l.entry, KITH_MDL_ENTRY);
	expect_span(&l, l.date, "2026-11-03");
	expect_span(&l, l.time, "09:30");
	expect_span(&l, l.title, "Coffee @ana");
	cr_assert_eq(l.minute, 9 * 60 + 30);
	l = line_of("## 2026-02-30 25:00 X");
	cr_assert_eq(l.entry, KITH_MDL_BAD_ENTRY);
	cr_assert(l.bad_date && l.bad_time);
	l = line_of("## 2026 review");
	cr_assert_eq(l.entry, KITH_MDL_NOT_ENTRY);
	l = line_of("## 2026-11-03");
	cr_assert_eq(l.entry, KITH_MDL_ENTRY);
	cr_assert_eq(l.title.len, 0);
	cr_assert_eq(l.minute, -1);
}

Test(mdline, task_and_token_spans)
{
	kith_mdline l = line_of("  * [X]  Send @bo the deck due:2026-11-25, "
	                        "done:2026-11-24  ");
	kith_mdl_token t;
	size_t end;
	cr_assert_eq(l.kind, KITH_MDL_TASK);
	expect_span(&l, l.marker, "*");
	expect_span(&l, l.box, "[X]");
	cr_assert(l.checked);
	expect_span(&l, l.text,
	            "Send @bo the deck due:2026-11-25, done:2026-11-24");
	end = l.text.off + l.text.len;
	cr_assert_eq(kith_mdl_next_token(&l, l.p, end, l.text.off, &t), 1);
	cr_assert(t.is_due);
	cr_assert_eq(memcmp(l.p + t.off, "due:", 4), 0);
	cr_assert_eq(t.v1 - t.v0, 10); /* the ',' is punctuation */
	cr_assert_eq(kith_mdl_next_token(&l, l.p, end, t.off + t.len, &t), 1);
	cr_assert_not(t.is_due);
	cr_assert_eq(memcmp(l.p + t.v0, "2026-11-24", t.v1 - t.v0), 0);
	cr_assert_eq(kith_mdl_next_token(&l, l.p, end, t.off + t.len, &t), 0);
	l = line_of("- [ ]");
	cr_assert_eq(l.kind, KITH_MDL_TASK);
	cr_assert_not(l.checked);
	cr_assert_eq(l.text.len, 0);
	l = line_of("- [X]x");
	cr_assert_eq(l.kind, KITH_MDL_BODY);
}

Test(mdline, invalid_utf8_matches_nothing)
{
	kith_mdline l = line_of("## 2026-11-03 \xff");
	cr_assert_eq(l.kind, KITH_MDL_HEADING);
	cr_assert_eq(l.entry, KITH_MDL_NOT_ENTRY);
	cr_assert_not(l.err);
}

/* ---- property test: fmt and the loader read every journal alike ---- */

static kith_journal *load_md(const char *text, size_t len)
{
	kith_journal *j = kith_journal_new();
	char *copy = malloc(len + 1);
	memcpy(copy, text, len);
	copy[len] = 0;
	kith_journal_defaults(j);
	kith_journal_index(j);
	kith_load_md(j, kith_journal_add_file(j, "j.md", "j.md", copy, len,
	                                      KITH_FILE_MD));
	return j;
}

static int str_eq(kith_str a, kith_str b)
{
	return a.n == b.n && (a.n == 0 || memcmp(a.p, b.p, a.n) == 0);
}

/* The same entries, follow-ups and diagnostic codes. */
static void same_journal(const char *name, const kith_journal *a,
                         const kith_journal *b)
{
	cr_expect_eq(a->interactions.n, b->interactions.n, "%s", name);
	cr_expect_eq(a->followups.n, b->followups.n, "%s", name);
	cr_expect_eq(a->diags.list.n, b->diags.list.n, "%s", name);
	if (a->interactions.n != b->interactions.n ||
	    a->followups.n != b->followups.n ||
	    a->diags.list.n != b->diags.list.n)
		return;
	for (uint32_t i = 0; i < a->interactions.n; i++) {
		const kith_interaction *x = &a->interactions.v[i];
		const kith_interaction *y = &b->interactions.v[i];
		cr_expect_eq(x->date, y->date, "%s entry %u", name, i);
		cr_expect_eq(x->minute, y->minute, "%s entry %u", name, i);
		cr_expect(str_eq(x->title.s, y->title.s), "%s entry %u", name,
		          i);
		cr_expect(str_eq(kith_ix_kind(x).s, kith_ix_kind(y).s),
		          "%s entry %u", name, i);
		cr_expect_eq(kith_ix_with(x).n, kith_ix_with(y).n,
		             "%s entry %u", name, i);
		cr_expect_eq(kith_ix_mentions(x).n, kith_ix_mentions(y).n,
		             "%s entry %u", name, i);
	}
	for (uint32_t i = 0; i < a->followups.n; i++) {
		const kith_followup *x = &a->followups.v[i];
		const kith_followup *y = &b->followups.v[i];
		cr_expect_eq(x->due.day, y->due.day, "%s follow-up %u", name,
		             i);
		cr_expect_eq(x->done.day, y->done.day, "%s follow-up %u", name,
		             i);
		cr_expect_eq(!!x->checked, !!y->checked, "%s follow-up %u",
		             name, i);
		cr_expect(str_eq(x->text.s, y->text.s), "%s follow-up %u", name,
		          i);
	}
	for (uint32_t i = 0; i < a->diags.list.n; i++)
		cr_expect_eq(a->diags.list.v[i].code, b->diags.list.v[i].code,
		             "%s diagnostic %u", name, i);
}

/* Kinds of the lines that are not blank. */
static void text_kinds(const char *t, size_t n, kith_buf *out)
{
	kith_buf all = {0};
	kinds(t, n, &all);
	for (size_t i = 0; i < all.n; i++)
		if (all.p[i] != 'b')
			kith_buf_putc(out, all.p[i]);
	kith_buf_free(&all);
}

static unsigned checked_files;

static void check_one(const char *name, const char *text, size_t len)
{
	kith_buf f1 = {0}, f2 = {0}, k0 = {0}, k1 = {0};
	kith_journal *a, *b;

	kith_fmt_md(text, len, &f1);
	kith_fmt_md(f1.p ? f1.p : "", f1.n, &f2);
	cr_expect(f1.n == f2.n && (!f1.n || !memcmp(f1.p, f2.p, f1.n)),
	          "%s: fmt is not idempotent", name);
	text_kinds(text, len, &k0);
	text_kinds(f1.p ? f1.p : "", f1.n, &k1);
	cr_expect_str_eq(kith_buf_cstr(&k0), kith_buf_cstr(&k1),
	                 "%s: fmt changed the kind of a line", name);
	a = load_md(text, len);
	b = load_md(f1.p ? f1.p : "", f1.n);
	same_journal(name, a, b);
	kith_journal_free(a);
	kith_journal_free(b);
	kith_buf_free(&f1);
	kith_buf_free(&f2);
	kith_buf_free(&k0);
	kith_buf_free(&k1);
	checked_files++;
}

static int visit(const char *path, const struct stat *st, int type,
                 struct FTW *ftw)
{
	size_t n = strlen(path);
	char *text = NULL;
	size_t len = 0;
	(void)st;
	(void)ftw;
	if (type != FTW_F || n < 3 || strcmp(path + n - 3, ".md") != 0)
		return 0;
	cr_assert_eq(kith_read_file(path, KITH_MAX_FILE_BYTES, &text, &len), 0,
	             "%s", path);
	check_one(path, text, len);
	free(text);
	return 0;
}

Test(mdline, fmt_and_loader_agree_on_every_corpus_line)
{
	static const char *const dirs[] = {"examples", "tests/golden"};
	static const char *const tricky[] = {
	    "## 2026-01-01 A\n```a`\n##   2026-01-02   B\n- [X] done\n",
	    "## 2026-01-01 A\n<pre>\n\n##  2026-01-02 B\n</pre>\n",
	    "## 2026-01-01 A\n<div>\n- [ ] hidden\n\n- [ ] seen  \n",
	    "--- \ntitle: x\n\n---\n\n\n## 2026-01-01 A\n",
	    "\n\n--- \n## 2026-01-01 A\n---\n",
	    "## 2026-01-01 A\nkind: call  \nwith: [a]\n\n\n\nbody @bo  \n",
	    "## 2026-01-01 A\n    code  \n\n\n    more\n```\nx\n",
	    "## 2026-1-5 Title\n## 2026-01-05x y\n##\t2026-01-06\t\tZ\n",
	};
	char path[4096];
	for (size_t i = 0; i < KITH_ARRAY_LEN(dirs); i++) {
		snprintf(path, sizeof path, "%s/%s", KITH_TEST_ROOT, dirs[i]);
		cr_assert_eq(nftw(path, visit, 16, FTW_PHYS), 0, "%s", path);
	}
	cr_assert_gt(checked_files, 50, "the corpus was not found");
	for (size_t i = 0; i < KITH_ARRAY_LEN(tricky); i++)
		check_one(tricky[i], tricky[i], strlen(tricky[i]));
}

/* The case that two grammars once disagreed on: "```a`" opens no fence,
 * so fmt lays out the entry heading after it and the loader reads it. */
Test(mdline, backtick_info_string_is_no_fence_to_anyone)
{
	const char *t = "## 2026-01-01 A\n```a`\n##   2026-01-02   B\n";
	kith_buf out = {0};
	kith_journal *j = load_md(t, strlen(t));
	kith_fmt_md(t, strlen(t), &out);
	cr_assert_str_eq(kith_buf_cstr(&out),
	                 "## 2026-01-01 A\n```a`\n\n## 2026-01-02 B\n");
	cr_assert_eq(j->interactions.n, 2);
	cr_assert_eq(j->diags.list.n, 0);
	kith_journal_free(j);
	kith_buf_free(&out);
}

/* Lines are found 64 bytes at a time: lines of every length around that
 * size, LF or CR LF, with or without a last line end, must come out as
 * a plain split at LF gives them (the end of each line, its number). */
Test(mdline, lines_split_as_a_plain_split_at_lf)
{
	static char text[1 << 16];
	unsigned seed = 64;
	for (int round = 0; round < 300; round++) {
		size_t len = 0;
		int lines = 1 + rand_r(&seed) % 60;
		for (int li = 0; li < lines && len < sizeof text - 300; li++) {
			size_t n =
			    (size_t)(rand_r(&seed) % 3 ? rand_r(&seed) % 80
			                               : rand_r(&seed) % 200);
			for (size_t k = 0; k < n; k++)
				text[len++] = (char)('a' + rand_r(&seed) % 26);
			if (rand_r(&seed) % 4 == 0)
				text[len++] = '\r';
			if (li + 1 < lines || rand_r(&seed) % 2)
				text[len++] = '\n';
		}
		kith_mdscan s;
		kith_mdline l;
		size_t at = 0;
		uint32_t line = 0;
		kith_mdscan_init(&s, text, len);
		while (kith_mdscan_next(&s, &l)) {
			const char *nl = memchr(text + at, '\n', len - at);
			size_t end = nl ? (size_t)(nl - text) : len,
			       n = end - at;
			while (n && text[at + n - 1] == '\r')
				n--;
			cr_assert_eq(l.p, text + at, "round %d line %u", round,
			             line + 1);
			cr_assert_eq(l.n, n, "round %d line %u", round,
			             line + 1);
			cr_assert_eq(l.line, ++line);
			at = nl ? end + 1 : len;
		}
		cr_assert_eq(at, len, "round %d: stopped early", round);
	}
}
