/* Unit tests for the Markdown journal loader: entries, titles, metadata,
 * bodies, follow-ups, fences, preamble and every diagnostic it emits. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/load.h"
#include "load/md_internal.h"

static kith_journal *load_n(const char *text, size_t len)
{
	kith_journal *j = kith_journal_new();
	kith_journal_defaults(j);
	kith_journal_index(j);
	char *copy = malloc(len + 1);
	memcpy(copy, text, len);
	copy[len] = 0;
	uint32_t f =
	    kith_journal_add_file(j, "j.md", "j.md", copy, len, KITH_FILE_MD);
	kith_load_md(j, f);
	return j;
}

static kith_journal *load(const char *text)
{
	return load_n(text, strlen(text));
}

static kith_day D(const char *s)
{
	kith_day d = KITH_NO_DAY;
	cr_assert_eq(kith_date_parse(s, strlen(s), &d), 0, "date %s", s);
	return d;
}

/* Number of diagnostics with this code at line:col. */
static int diag_at(const kith_journal *j, const char *code, uint32_t line,
                   uint32_t col)
{
	int n = 0;
	for (uint32_t i = 0; i < j->diags.list.n; i++) {
		const kith_diag *g = &j->diags.list.v[i];
		if (!strcmp(kith_code_name(g->code), code) &&
		    g->pos.line == line && g->pos.col == col)
			n++;
	}
	return n;
}

static void expect_diag(const kith_journal *j, const char *code, uint32_t line,
                        uint32_t col)
{
	if (diag_at(j, code, line, col) == 1)
		return;
	for (uint32_t i = 0; i < j->diags.list.n; i++) {
		const kith_diag *g = &j->diags.list.v[i];
		fprintf(stderr, "  have %s at %u:%u: %s\n",
		        kith_code_name(g->code), g->pos.line, g->pos.col,
		        g->msg);
	}
	cr_assert_fail("want one %s at %u:%u", code, line, col);
}

static void no_diags(const kith_journal *j)
{
	for (uint32_t i = 0; i < j->diags.list.n; i++) {
		const kith_diag *g = &j->diags.list.v[i];
		fprintf(stderr, "  unexpected %s at %u:%u: %s\n",
		        kith_code_name(g->code), g->pos.line, g->pos.col,
		        g->msg);
	}
	cr_assert_eq(j->diags.list.n, 0);
}

static void expect_str(kith_str s, const char *want)
{
	cr_assert_not_null(s.p, "want '%s', have NULL", want);
	cr_assert_eq(s.n, strlen(want), "want '%s', have '%.*s'", want,
	             KITH_S(s));
	cr_assert_eq(memcmp(s.p, want, s.n), 0, "want '%s', have '%.*s'", want,
	             KITH_S(s));
}

static void expect_ref(const kith_ref *r, const char *s, uint32_t line,
                       uint32_t col, uint32_t len)
{
	expect_str(r->s, s);
	cr_assert_eq(r->pos.line, line, "%s: line %u", s, r->pos.line);
	cr_assert_eq(r->pos.col, col, "%s: col %u", s, r->pos.col);
	cr_assert_eq(r->len, len, "%s: len %u", s, r->len);
}

static void expect_kind(const kith_interaction *x, const char *s, uint32_t line,
                        uint32_t col, uint32_t len)
{
	kith_ref k = kith_ix_kind(x);
	expect_ref(&k, s, line, col, len);
}

static const char spec_example[] =
    "# November 2026\n"
    "\n"
    "## 2026-11-03 Coffee with @alice #coffee\n"
    "goals: [grow-platform-network]\n"
    "event: kubecon-2026\n"
    "\n"
    "Talked about the platform reorg. She offered to introduce me to "
    "@dana.\n"
    "\n"
    "- [ ] Send the RFC draft to @alice due:2026-11-10\n"
    "- [x] Add Dana to contacts due:+1d done:2026-11-03\n"
    "\n"
    "## 2026-11-05 09:30 Thank-you note to @alice #thank-you\n";

/* The line of the journal's first file a slice starts on. */
static uint32_t line_of(const kith_journal *j, const char *p)
{
	uint32_t n = 1;
	for (const char *t = j->files.v[0].text; t < p; t++)
		n += *t == '\n';
	return n;
}

Test(md, spec_example)
{
	kith_journal *j = load(spec_example);
	no_diags(j);
	cr_assert_eq(j->interactions.n, 2);
	kith_interaction *a = &j->interactions.v[0];
	cr_assert_eq(a->date, D("2026-11-03"));
	cr_assert_eq(a->minute, -1);
	cr_assert_eq(a->pos.line, 3);
	cr_assert_eq(a->pos.col, 1);
	cr_assert_eq(a->file, 0);
	expect_str(a->title.s, "Coffee with @alice #coffee");
	cr_assert_eq(kith_ix_title_col(j, a), 15);
	expect_kind(a, "coffee", 3, 34, 7);
	cr_assert_eq(kith_ix_with(a).n, 1);
	expect_ref(&kith_ix_with(a).v[0], "alice", 3, 27, 6);
	cr_assert_eq(kith_ix_tags(a).n, 0);
	cr_assert_eq(kith_ix_goals(a).n, 1);
	expect_ref(&kith_ix_goals(a).v[0], "grow-platform-network", 4, 9, 21);
	expect_str(kith_ix_event(a)->s, "kubecon-2026");
	cr_assert_eq(kith_ix_event(a)->pos.line, 5);
	cr_assert_eq(kith_ix_event(a)->pos.col, 8);
	/* mentions: @dana. in prose and @alice in the first task */
	cr_assert_eq(kith_ix_mentions(a).n, 2);
	expect_ref(&kith_ix_mentions(a).v[0], "dana", 7, 65, 5);
	expect_ref(&kith_ix_mentions(a).v[1], "alice", 9, 29, 6);
	expect_str(a->notes.s,
	           "Talked about the platform reorg. She offered to introduce "
	           "me to @dana.\n\n- [ ] Send the RFC draft to @alice "
	           "due:2026-11-10\n- [x] Add Dana to contacts due:+1d "
	           "done:2026-11-03");
	cr_assert_eq(line_of(j, a->notes.s.p), 7);

	cr_assert_eq(a->fu_first, 0);
	cr_assert_eq(a->fu_count, 2);
	cr_assert_eq(j->followups.n, 2);
	kith_followup *f = &j->followups.v[0];
	cr_assert_eq(f->interaction, 0);
	cr_assert_eq(f->pos.line, 9);
	cr_assert_eq(f->pos.col, 1);
	cr_assert_not(f->checked);
	expect_str(f->text.s, "Send the RFC draft to @alice");
	cr_assert_eq(f->due.day, D("2026-11-10"));
	cr_assert_eq(f->due.pos.col, 40);
	cr_assert_eq(f->done.day, KITH_NO_DAY);
	cr_assert_eq(f->who.n, 1);
	expect_ref(&f->who.v[0], "alice", 9, 29, 6);
	f = &j->followups.v[1];
	cr_assert(f->checked);
	expect_str(f->text.s, "Add Dana to contacts");
	cr_assert_eq(f->due.day, D("2026-11-04"));
	cr_assert_eq(f->done.day, D("2026-11-03"));
	cr_assert_eq(f->done.pos.col, 41);
	cr_assert_eq(f->who.n, 0);

	kith_interaction *b = &j->interactions.v[1];
	cr_assert_eq(b->date, D("2026-11-05"));
	cr_assert_eq(b->minute, 9 * 60 + 30);
	expect_str(b->title.s, "Thank-you note to @alice #thank-you");
	cr_assert_eq(kith_ix_title_col(j, b), 21);
	expect_kind(b, "thank-you", 12, 46, 10);
	cr_assert_null(b->notes.s.p);
	cr_assert_eq(b->fu_first, 2);
	cr_assert_eq(b->fu_count, 0);
	kith_journal_free(j);
}

/* What a million entries cost: the record stays small, and an entry
 * without an event or a uid carries no side record. */
Test(md, interaction_record_is_compact)
{
	kith_journal *j = load(spec_example);
	cr_assert_leq(sizeof(kith_interaction), 96);
	cr_assert_eq(j->interactions.v[1].file, j->interactions.v[1].pos.file);
	cr_assert_not_null(j->interactions.v[0].more); /* event: */
	cr_assert_null(j->interactions.v[1].more);
	cr_assert_null(kith_ix_event(&j->interactions.v[1])->s.p);
	cr_assert_null(kith_ix_uid(&j->interactions.v[1])->s.p);
	cr_assert_eq(kith_ix_event_idx(&j->interactions.v[1]), KITH_NONE);
	kith_journal_free(j);
}

/* An entry's kind and four lists share one block: each list keeps its
 * own references in order, an entry without any has no block, and a
 * list far longer than 65535 references loses none. */
Test(md, lists_share_one_block)
{
	const char *text = "## 2026-01-02 Coffee @ann #coffee #x @bo\n"
	                   "goals: [g1, g2]\n"
	                   "tags: [y]\n"
	                   "\n"
	                   "Met @cy there.\n"
	                   "\n"
	                   "## 2026-01-03 Nothing named\n";
	kith_journal *j = load(text);
	cr_assert_eq(j->interactions.n, 2);
	const kith_interaction *a = &j->interactions.v[0];
	kith_refs w = kith_ix_with(a), m = kith_ix_mentions(a),
	          g = kith_ix_goals(a), t = kith_ix_tags(a);
	cr_assert_eq(w.n, 2);
	cr_assert_eq(m.n, 1);
	cr_assert_eq(g.n, 2);
	cr_assert_eq(t.n, 2);
	expect_ref(&w.v[1], "bo", 1, 38, 3);
	expect_ref(&m.v[0], "cy", 5, 5, 3);
	cr_assert(kith_str_eqc(g.v[1].s, "g2"));
	cr_assert(kith_str_eqc(t.v[0].s, "x"));
	cr_assert(kith_str_eqc(t.v[1].s, "y"));
	expect_kind(a, "coffee", 1, 27, 7);
	/* a heading's #kind is in the record, a metadata kind in the block */
	cr_assert_not_null(a->kind_name);
	cr_assert_eq(a->refs->n[0] & KITH_IXR_KIND_BIT, 0);
	cr_assert_null(kith_ix_kind(&j->interactions.v[1]).s.p);
	cr_assert_null(j->interactions.v[1].refs);
	cr_assert_eq(kith_ix_with(&j->interactions.v[1]).n, 0);
	kith_journal_free(j);

	enum { MANY = 70000 };
	kith_buf b = {0};
	kith_buf_printf(&b, "## 2026-01-02 Many @ann #coffee\nkind: call\n\n");
	for (int i = 0; i < MANY; i++)
		kith_buf_printf(&b, "@p%d\n", i);
	j = load(kith_buf_cstr(&b));
	kith_buf_free(&b);
	cr_assert_eq(j->interactions.n, 1);
	m = kith_ix_mentions(&j->interactions.v[0]);
	cr_assert_eq(kith_ix_with(&j->interactions.v[0]).n, 1);
	cr_assert_eq(m.n, MANY);
	cr_assert(kith_str_eqc(m.v[MANY - 1].s, "p69999"));
	cr_assert_eq(m.v[MANY - 1].pos.line, MANY + 3);
	expect_kind(&j->interactions.v[0], "call", 2, 7, 4);
	cr_assert_eq(j->interactions.v[0].refs->n[1], KITH_IXR_WIDE);
	kith_journal_free(j);
}

/* Counts up to 32767 fit the block's short header, more take the wide
 * one: either way every list reads back whole, the kind first. */
Test(md, block_counts_short_and_wide)
{
	static const uint32_t sizes[] = {0x7fff, 0x8000};
	kith_arena *a = kith_arena_new();
	kith_ref *many = calloc(0x8000, sizeof *many);
	for (uint32_t i = 0; i < 0x8000; i++)
		many[i].pos.col = i + 1;
	for (size_t t = 0; t < 2; t++) {
		kith_interaction x;
		memset(&x, 0, sizeof x);
		x.pos = (kith_pos){0, 1, 1};
		kith_ix_lists ls;
		memset(&ls, 0, sizeof ls);
		ls.kind.s = kith_str_c("call");
		ls.kind.pos = (kith_pos){0, 2, 7};
		ls.l[KITH_IXR_WITH] = (kith_refs){many, 2, 0};
		ls.l[KITH_IXR_MENTIONS] = (kith_refs){many, sizes[t], 0};
		ls.l[KITH_IXR_TAGS] = (kith_refs){many + 5, 1, 0};
		kith_ix_pack(a, &x, &ls);
		cr_assert_eq(x.refs->n[1] == KITH_IXR_WIDE, (int)t);
		expect_str(kith_ix_kind(&x).s, "call");
		cr_assert_eq(kith_ix_with(&x).n, 2);
		cr_assert_eq(kith_ix_with(&x).v[1].pos.col, 2);
		kith_refs m = kith_ix_mentions(&x);
		cr_assert_eq(m.n, sizes[t]);
		cr_assert_eq(m.v[sizes[t] - 1].pos.col, sizes[t]);
		cr_assert_eq(kith_ix_goals(&x).n, 0);
		cr_assert_eq(kith_ix_tags(&x).n, 1);
		cr_assert_eq(kith_ix_tags(&x).v[0].pos.col, 6);
		kith_ix_lists back = kith_ix_lists_of(&x);
		cr_assert_eq(back.l[KITH_IXR_MENTIONS].v, m.v);
		cr_assert_eq(back.l[KITH_IXR_TAGS].n, 1);
	}
	free(many);
	kith_arena_free(a);
}

Test(md, title_kinds_tags_handles)
{
	kith_journal *j = load("## 2026-01-02   Lunch #Robotics #intro #coffee "
	                       "with @bob. and @c-d- at C# day &#39; "
	                       "sam@example.com #x.   \n");
	no_diags(j);
	cr_assert_eq(j->interactions.n, 1);
	kith_interaction *ix = &j->interactions.v[0];
	expect_str(ix->title.s, "Lunch #Robotics #intro #coffee with @bob. "
	                        "and @c-d- at C# day &#39; sam@example.com "
	                        "#x.");
	cr_assert_eq(kith_ix_title_col(j, ix), 17);
	/* the first declared kind wins; later kinds are not tags */
	expect_kind(ix, "intro", 1, 33, 6);
	cr_assert_eq(kith_ix_tags(ix).n, 2);
	expect_ref(&kith_ix_tags(ix).v[0], "Robotics", 1, 23, 9);
	expect_ref(&kith_ix_tags(ix).v[1], "x", 1, 101, 2);
	cr_assert_eq(kith_ix_with(ix).n, 2);
	expect_ref(&kith_ix_with(ix).v[0], "bob", 1, 53, 4);
	expect_ref(&kith_ix_with(ix).v[1], "c-d", 1, 63, 4);
	kith_journal_free(j);
}

/* A reference's name is a copy, one per distinct name, not a slice of
 * the text (the loader gives the text's pages back once the records are
 * built); its position still points into the text. Names of every
 * length, and at the very end of the text, where fewer than 16 bytes
 * follow. */
Test(md, reference_names_are_shared_copies)
{
	const char *text =
	    "## 2026-01-02 Call #call @ann and @a-very-long-handle-name\n"
	    "\n"
	    "Met @ann again, and @b.\n"
	    "- [ ] ask @a-very-long-handle-name due:+1d\n"
	    "## 2026-01-03 Coffee #coffee @b\n"
	    "\n"
	    "Later @ann12345678 and @ann123456789 and @ann1234567";
	kith_journal *j = load(text);
	no_diags(j);
	cr_assert_eq(j->interactions.n, 2);
	const kith_interaction *a = &j->interactions.v[0],
	                       *b = &j->interactions.v[1];
	const kith_file *f = &j->files.v[0];
	cr_assert_eq(kith_ix_with(a).n, 2);
	cr_assert_eq(kith_ix_mentions(a).n, 3); /* the task's @ too */
	cr_assert_eq(kith_ix_with(b).n, 1);
	cr_assert_eq(kith_ix_mentions(b).n, 3);
	expect_ref(&kith_ix_with(a).v[0], "ann", 1, 26, 4);
	expect_ref(&kith_ix_with(a).v[1], "a-very-long-handle-name", 1, 35, 24);
	expect_ref(&kith_ix_mentions(a).v[0], "ann", 3, 5, 4);
	expect_ref(&kith_ix_mentions(a).v[1], "b", 3, 21, 2);
	expect_ref(&kith_ix_mentions(a).v[2], "a-very-long-handle-name", 4, 11,
	           24);
	expect_ref(&kith_ix_with(b).v[0], "b", 5, 30, 2);
	expect_ref(&kith_ix_mentions(b).v[0], "ann12345678", 7, 7, 12);
	expect_ref(&kith_ix_mentions(b).v[1], "ann123456789", 7, 24, 13);
	expect_ref(&kith_ix_mentions(b).v[2], "ann1234567", 7, 42, 11);
	expect_kind(b, "coffee", 5, 22, 7);
	cr_assert_eq(j->followups.n, 1);
	expect_ref(&j->followups.v[0].who.v[0], "a-very-long-handle-name", 4,
	           11, 24);
	/* one copy per name, none in the text */
	cr_assert_eq(kith_ix_with(a).v[0].s.p, kith_ix_mentions(a).v[0].s.p);
	cr_assert_eq(kith_ix_mentions(a).v[1].s.p, kith_ix_with(b).v[0].s.p);
	cr_assert_eq(kith_ix_with(a).v[1].s.p, j->followups.v[0].who.v[0].s.p);
	cr_assert_eq(kith_ix_with(a).v[1].s.p, kith_ix_mentions(a).v[2].s.p);
	cr_assert_neq(kith_ix_mentions(b).v[0].s.p,
	              kith_ix_mentions(b).v[1].s.p);
	kith_ref bk = kith_ix_kind(b);
	const kith_ref *all[] = {&kith_ix_with(a).v[0],
	                         &kith_ix_with(a).v[1],
	                         &kith_ix_mentions(a).v[1],
	                         &kith_ix_mentions(b).v[0],
	                         &kith_ix_mentions(b).v[1],
	                         &kith_ix_mentions(b).v[2],
	                         &bk};
	for (size_t i = 0; i < sizeof all / sizeof *all; i++)
		cr_assert(all[i]->s.p < f->text ||
		              all[i]->s.p >= f->text + f->len,
		          "name %zu is a slice of the text", i);
	kith_journal_free(j);
}

/* A task's text is a copy (due and report show every open one: they
 * would read all the file's pages for it); the entry keeps the line its
 * notes start on, which places a task in them. */
Test(md, task_texts_are_copies_and_notes_know_their_line)
{
	const char *text = "## 2026-01-02 Call #call @ann\n"
	                   "tags: [x]\n"
	                   "\n"
	                   "Talked.\n"
	                   "- [ ] send the deck due:+1d\n"
	                   "- [ ]\n";
	kith_journal *j = load(text);
	const kith_interaction *ix = &j->interactions.v[0];
	const kith_file *f = &j->files.v[0];
	cr_assert_eq(ix->notes_line, 4);
	expect_str(ix->notes.s, "Talked.\n- [ ] send the deck due:+1d\n- [ ]");
	cr_assert_eq(j->followups.n, 2);
	const kith_followup *a = &j->followups.v[0], *b = &j->followups.v[1];
	expect_str(a->text.s, "send the deck");
	cr_assert_eq(a->text.pos.line, 5);
	cr_assert_eq(a->text.pos.col, 7);
	cr_assert(a->text.s.p < f->text || a->text.s.p >= f->text + f->len);
	cr_assert_eq(b->text.s.n, 0);
	cr_assert_eq(b->text.pos.line, 6);
	kith_journal_free(j);
}

Test(md, no_kind_is_note_and_empty_title)
{
	kith_journal *j = load("## 2026-01-02\n## 2026-01-03 Plain @Upper\n");
	no_diags(j);
	cr_assert_eq(j->interactions.n, 2);
	cr_assert_null(kith_ix_kind(&j->interactions.v[0]).s.p);
	cr_assert_null(j->interactions.v[0].title.s.p);
	cr_assert_null(kith_ix_kind(&j->interactions.v[1]).s.p);
	cr_assert_eq(kith_ix_with(&j->interactions.v[1]).n, 0);
	kith_journal_free(j);
}

Test(md, inline_code_hides_handles)
{
	kith_journal *j = load("## 2026-01-02 Call `@x` with @amy\n"
	                       "Use `` a ` @nope `` and ``@no`` but @yes, "
	                       "`unclosed @also\n");
	no_diags(j);
	kith_interaction *ix = &j->interactions.v[0];
	cr_assert_eq(kith_ix_with(ix).n, 1);
	expect_ref(&kith_ix_with(ix).v[0], "amy", 1, 30, 4);
	cr_assert_eq(kith_ix_mentions(ix).n, 2);
	expect_ref(&kith_ix_mentions(ix).v[0], "yes", 2, 37, 4);
	expect_ref(&kith_ix_mentions(ix).v[1], "also", 2, 53, 5);
	kith_journal_free(j);
}

Test(md, metadata_fast_path_positions)
{
	kith_journal *j = load("## 2026-03-01 Meetup\n"
	                       "kind: event\n"
	                       "with:   [bob,carol ,  dan]\n"
	                       "tags: []\n"
	                       "time: 18:30\n"
	                       "\n"
	                       "kind: not-meta\n");
	no_diags(j);
	kith_interaction *ix = &j->interactions.v[0];
	expect_kind(ix, "event", 2, 7, 5);
	cr_assert_eq(kith_ix_with(ix).n, 3);
	expect_ref(&kith_ix_with(ix).v[0], "bob", 3, 10, 3);
	expect_ref(&kith_ix_with(ix).v[1], "carol", 3, 14, 5);
	expect_ref(&kith_ix_with(ix).v[2], "dan", 3, 23, 3);
	cr_assert_eq(ix->minute, 18 * 60 + 30);
	expect_str(ix->notes.s, "kind: not-meta");
	kith_journal_free(j);
}

Test(md, metadata_fast_tree)
{
	kith_journal *j = kith_journal_new();
	const char *m = "kind: coffee\r\nwith: [a, b]\n";
	kith_ynode *y = kith_md_meta_fast(j, j->arena, 0, m, strlen(m), 7);
	cr_assert_not_null(y);
	cr_assert_eq(y->type, KITH_YNODE_MAP);
	cr_assert_eq(y->nkids, 4);
	cr_assert_str_eq(y->kids[0]->s.p, "kind");
	cr_assert_str_eq(y->kids[1]->s.p, "coffee");
	cr_assert_eq(y->kids[1]->pos.line, 7);
	cr_assert_eq(y->kids[1]->pos.col, 7);
	cr_assert_eq(y->kids[1]->len, 6);
	cr_assert_eq(y->kids[3]->type, KITH_YNODE_SEQ);
	cr_assert_eq(y->kids[3]->nkids, 2);
	/* a list item is a slice of the text, not a copy */
	cr_assert_eq(y->kids[3]->kids[1]->s.p, m + 24);
	cr_assert_eq(y->kids[3]->kids[1]->s.n, 1);
	cr_assert_eq(y->kids[3]->kids[1]->pos.line, 8);
	cr_assert_eq(y->kids[3]->kids[1]->pos.col, 11);
	/* anything beyond simple lines goes to the YAML parser */
	const char *slow[] = {"kind: 'coffee'\n",     "with:\n  - a\n",
	                      "kind: coffee # c\n",   "kind: a\nkind: b\n",
	                      "with: [a, [b]]\n",     "kind:\n",
	                      "kind:\tx\n",           "with: [a, ]\n",
	                      "title: caf\xc3\xa9\n", "kind: a: b\n"};
	for (size_t i = 0; i < KITH_ARRAY_LEN(slow); i++)
		cr_assert_null(kith_md_meta_fast(j, j->arena, 0, slow[i],
		                                 strlen(slow[i]), 1),
		               "%s", slow[i]);
	kith_journal_free(j);
}

Test(md, metadata_slow_path)
{
	kith_journal *j = load("## 2026-03-01 Meetup\n"
	                       "kind: \"call\"   # quoted\n"
	                       "with:\n"
	                       "  - bob\n"
	                       "Body starts here.\n"
	                       "\n"
	                       "Real body.\n");
	/* the block runs to the blank line: the prose line breaks the YAML */
	cr_assert(j->diags.list.n >= 1);
	cr_assert_eq(j->diags.list.v[0].pos.line >= 2, 1);
	kith_journal_free(j);

	j = load("## 2026-03-01 Meetup\n"
	         "kind: \"call\"   # quoted\n"
	         "with:\n"
	         "  - bob\n"
	         "\n"
	         "Real body.\n");
	no_diags(j);
	kith_interaction *ix = &j->interactions.v[0];
	expect_str(kith_ix_kind(ix).s, "call");
	cr_assert_eq(kith_ix_kind(ix).pos.line, 2);
	cr_assert_null(ix->kind_name);
	cr_assert_neq(ix->refs->n[0] & KITH_IXR_KIND_BIT, 0);
	cr_assert_eq(kith_ix_with(ix).n, 1);
	expect_str(kith_ix_with(ix).v[0].s, "bob");
	cr_assert_eq(kith_ix_with(ix).v[0].pos.line, 4);
	cr_assert_eq(kith_ix_with(ix).v[0].pos.col, 5);
	expect_str(ix->notes.s, "Real body.");
	cr_assert_eq(line_of(j, ix->notes.s.p), 6);
	kith_journal_free(j);
}

Test(md, metadata_only_right_after_heading)
{
	kith_journal *j = load("## 2026-03-01 A\n\nkind: call\n"
	                       "## 2026-03-02 B\nNote: this is prose\n");
	/* "Note: this is prose" is a metadata block with an unknown key */
	cr_assert_null(kith_ix_kind(&j->interactions.v[0]).s.p);
	expect_str(j->interactions.v[0].notes.s, "kind: call");
	expect_diag(j, "unknown-key", 5, 1);
	kith_journal_free(j);
}

Test(md, followups_relative_and_bullets)
{
	kith_journal *j = load("## 2026-01-31 Plan @ann\n"
	                       "* [ ] one due:+2w\n"
	                       "+ [X] two due:+1m (see @bob)\n"
	                       "  - [x] nested done:2026-02-01, ok\n"
	                       "\t- [ ] tab-nested due:+0d.\n"
	                       "- [ ]\n"
	                       "- [ ] due:2026-02-02\n"
	                       "-  [ ]not a task\n"
	                       "- [y] not a task\n"
	                       "1. [ ] not a bullet\n");
	no_diags(j);
	cr_assert_eq(j->followups.n, 6);
	kith_followup *f = j->followups.v;
	cr_assert_eq(f[0].due.day, D("2026-02-14"));
	expect_str(f[0].text.s, "one");
	cr_assert_eq(f[1].due.day, D("2026-02-28"));  /* month end clamps */
	cr_assert_eq(f[1].done.day, D("2026-02-28")); /* [X]: on its due */
	expect_str(f[1].text.s, "two due:+1m (see @bob)");
	cr_assert_eq(f[1].who.n, 1);
	expect_ref(&f[1].who.v[0], "bob", 3, 24, 4);
	cr_assert_eq(f[2].pos.col, 3);
	cr_assert_eq(f[2].done.day, D("2026-02-01"));
	cr_assert_eq(f[2].due.day, KITH_NO_DAY);
	expect_str(f[2].text.s, "nested done:2026-02-01, ok");
	cr_assert_eq(f[3].due.day, D("2026-01-31"));
	cr_assert_eq(f[3].pos.col, 2);
	expect_str(f[3].text.s, "tab-nested");
	cr_assert_eq(f[4].text.s.n, 0);
	expect_str(f[5].text.s, "due:2026-02-02");
	cr_assert_eq(j->interactions.v[0].fu_count, 6);
	kith_journal_free(j);
}

Test(md, checked_without_dates_is_done_on_entry_date)
{
	kith_journal *j = load("## 2026-05-05 X\n- [x] sent thanks\n");
	no_diags(j);
	cr_assert_eq(j->followups.v[0].done.day, D("2026-05-05"));
	cr_assert_eq(j->followups.v[0].due.day, KITH_NO_DAY);
	kith_journal_free(j);
}

Test(md, followup_diagnostics)
{
	kith_journal *j = load("## 2026-05-05 X\n"
	                       "- [ ] a done:2026-05-06\n"
	                       "- [ ] b due:2026-05-04\n"
	                       "- [ ] c due:2026-5-9 done:x\n"
	                       "- [x] d due:+3y due:2026-06-01\n"
	                       "- [ ] e due:\n"
	                       "- [x] f done:2026-02-30\n");
	expect_diag(j, "done-on-open", 2, 9);
	expect_diag(j, "due-before-entry", 3, 9);
	expect_diag(j, "bad-date", 4, 13);
	expect_diag(j, "bad-date", 4, 27);
	expect_diag(j, "bad-date", 5, 13);
	expect_diag(j, "duplicate-key", 5, 17);
	expect_diag(j, "bad-date", 6, 13);
	expect_diag(j, "bad-date", 7, 14);
	cr_assert_eq(j->diags.list.n, 8);
	kith_followup *f = j->followups.v;
	cr_assert_eq(f[0].done.day, KITH_NO_DAY);
	cr_assert_eq(f[1].due.day, D("2026-05-04"));
	cr_assert_eq(f[3].due.day, KITH_NO_DAY);
	kith_journal_free(j);
}

Test(md, relative_due_past_the_calendar_is_refused)
{
	kith_journal *j = load("## 9999-11-15 X\n"
	                       "- [ ] a due:+99m\n"
	                       "- [ ] b due:+2m\n"
	                       "- [ ] c due:+47d\n"
	                       "- [ ] d due:+1m\n");
	expect_diag(j, "bad-date", 2, 13);
	expect_diag(j, "bad-date", 3, 13);
	expect_diag(j, "bad-date", 4, 13);
	cr_assert_eq(j->diags.list.n, 3);
	cr_assert(strstr(j->diags.list.v[0].hint, "after 9999-12-31"));
	kith_followup *f = j->followups.v;
	cr_assert_eq(f[0].due.day, KITH_NO_DAY);
	cr_assert_eq(f[2].due.day, KITH_NO_DAY);
	cr_assert_eq(f[3].due.day, D("9999-12-15"));
	kith_journal_free(j);
}

Test(md, fences_hide_headings_tasks_mentions)
{
	kith_journal *j = load("## 2026-01-02 A\n"
	                       "```markdown\n"
	                       "## not a heading\n"
	                       "# nor this\n"
	                       "- [ ] no task @nobody\n"
	                       "~~~\n"
	                       "````\n"
	                       "after @amy\n"
	                       "  ~~~~\n"
	                       "## 2026-99-99 hidden\n"
	                       "```\n"
	                       "~~~\n"
	                       "## x\n"
	                       "@still-code\n"
	                       "   ~~~~~~\n"
	                       "- [ ] real\n");
	no_diags(j);
	cr_assert_eq(j->interactions.n, 1);
	cr_assert_eq(j->followups.n, 1);
	kith_interaction *ix = &j->interactions.v[0];
	cr_assert_eq(kith_ix_mentions(ix).n, 1);
	expect_ref(&kith_ix_mentions(ix).v[0], "amy", 8, 7, 4);
	kith_journal_free(j);
}

Test(md, backtick_fence_info_with_backtick_is_not_a_fence)
{
	kith_journal *j = load("## 2026-01-02 A\n``` a`b\n## stray\n");
	expect_diag(j, "stray-heading", 3, 1);
	kith_journal_free(j);
}

Test(md, unclosed_fence_warns_and_swallows)
{
	kith_journal *j = load("## 2026-01-02 A\ntext\n  ~~~~ sh\n"
	                       "## 2026-01-03 B\n");
	expect_diag(j, "unclosed-fence", 3, 3);
	cr_assert_eq(j->diags.list.v[0].len, 4);
	cr_assert_eq(j->diags.list.v[0].sev, KITH_SEV_WARNING);
	cr_assert_eq(j->diags.list.n, 1);
	cr_assert_eq(j->interactions.n, 1);
	/* four spaces of indent is no fence */
	kith_journal_free(j);
	j = load("## 2026-01-02 A\n    ```\n## 2026-01-03 B\n");
	no_diags(j);
	cr_assert_eq(j->interactions.n, 2);
	kith_journal_free(j);
}

Test(md, stray_and_sub_headings)
{
	kith_journal *j = load("Preamble @x\n"
	                       "## About\n"
	                       "- [ ] ignored\n"
	                       "## 2026-01-02 A\n"
	                       "### Sub @sue\n"
	                       "#hashtag line\n"
	                       "##\n"
	                       "## 2026 review\n"
	                       "## 2026-01-03: colon\n"
	                       "#### deep\n");
	expect_diag(j, "stray-heading", 2, 1);
	expect_diag(j, "stray-heading", 7, 1);
	expect_diag(j, "stray-heading", 8, 1);
	expect_diag(j, "stray-heading", 9, 1);
	cr_assert_eq(j->diags.list.n, 4);
	cr_assert_eq(j->diags.list.v[0].len, 2);
	cr_assert_str_eq(j->diags.list.v[0].hint,
	                 "start an entry with '## YYYY-MM-DD Title', or use "
	                 "'###' for a sub-section");
	cr_assert_eq(j->interactions.n, 1);
	cr_assert_eq(j->followups.n, 0);
	kith_interaction *ix = &j->interactions.v[0];
	expect_str(ix->notes.s, "### Sub @sue\n#hashtag line");
	cr_assert_eq(kith_ix_mentions(ix).n, 1);
	kith_journal_free(j);
}

Test(md, level_one_heading_ends_entry)
{
	kith_journal *j = load("## 2026-01-02 A\nbody\n\n# December\n"
	                       "- [ ] not a follow-up @zed\n");
	no_diags(j);
	kith_interaction *ix = &j->interactions.v[0];
	expect_str(ix->notes.s, "body");
	cr_assert_eq(kith_ix_mentions(ix).n, 0);
	cr_assert_eq(j->followups.n, 0);
	kith_journal_free(j);
}

Test(md, bad_entry_date_and_time)
{
	kith_journal *j = load("## 2026-02-30 Leap\n"
	                       "- [ ] lost\n"
	                       "## 2026-13-01 Month\n"
	                       "##\t2026-1-05 Short\n"
	                       "## 2026-01-05 25:00 Late\n"
	                       "## 2026-01-05 9:30 Early\n"
	                       "## 2026-01-05 09:61 Odd\n"
	                       "## 2026-02-29 24:00 Both\n"
	                       "## 2026-01-06 23:59 Fine @z\n"
	                       "## 2026-01-06 10:00am Title\n");
	expect_diag(j, "bad-entry-date", 1, 4);
	expect_diag(j, "bad-entry-date", 3, 4);
	expect_diag(j, "bad-entry-date", 4, 4);
	expect_diag(j, "bad-time", 5, 15);
	expect_diag(j, "bad-time", 6, 15);
	expect_diag(j, "bad-time", 7, 15);
	expect_diag(j, "bad-entry-date", 8, 4);
	expect_diag(j, "bad-time", 8, 15);
	cr_assert_eq(j->diags.list.n, 8);
	cr_assert_eq(j->diags.list.v[0].len, 10);
	cr_assert_eq(j->followups.n, 0);
	cr_assert_eq(j->interactions.n, 2);
	cr_assert_eq(j->interactions.v[0].minute, 23 * 60 + 59);
	cr_assert_eq(j->interactions.v[1].minute, -1);
	expect_str(j->interactions.v[1].title.s, "10:00am Title");
	kith_journal_free(j);
}

Test(md, front_matter_is_preamble)
{
	kith_journal *j = load("---\ntitle: x\n...\n"
	                       "## 2026-01-02 Real\n");
	no_diags(j);
	cr_assert_eq(j->interactions.n, 1);
	cr_assert_eq(j->interactions.v[0].pos.line, 4);
	kith_journal_free(j);
	/* without a closing line, '---' is ordinary text */
	j = load("---\n## 2026-01-02 Real\n");
	no_diags(j);
	cr_assert_eq(j->interactions.n, 1);
	cr_assert_eq(j->interactions.v[0].pos.line, 2);
	kith_journal_free(j);
	/* after a BOM, line 1 still opens it (CRLF lines alike) */
	j = load("\xEF\xBB\xBF---\r\ntitle: x\r\n---\r\n"
	         "## 2026-01-02 Real\r\n");
	no_diags(j);
	cr_assert_eq(j->interactions.n, 1);
	cr_assert_eq(j->interactions.v[0].pos.line, 4);
	kith_journal_free(j);
}

Test(md, front_matter_only_on_line_1)
{
	/* A '---' on line 2 (or indented, or longer) is a thematic break:
	 * the entries between two of them are entries. */
	static const char *const texts[] = {
	    "\n---\n## 2026-01-01 A\n---\n## 2026-01-02 B\n",
	    " ---\n## 2026-01-01 A\n---\n## 2026-01-02 B\n",
	    "----\n## 2026-01-01 A\n---\n## 2026-01-02 B\n",
	    "# Title\n---\n## 2026-01-01 A\n...\n## 2026-01-02 B\n",
	};
	for (size_t i = 0; i < KITH_ARRAY_LEN(texts); i++) {
		kith_journal *j = load(texts[i]);
		no_diags(j);
		cr_assert_eq(j->interactions.n, 2, "text %zu", i);
		kith_journal_free(j);
	}
}

Test(md, entry_heading_in_front_matter_warns)
{
	kith_journal *j = load("---\n"
	                       "title: x\n"
	                       "## 2026-01-01 Lost\n"
	                       "## not an entry\n"
	                       "## 2026-01-02 Lost too\n"
	                       "## 2026-01-03 10:00 And this\n"
	                       "---\n"
	                       "## 2026-01-04 Real\n");
	expect_diag(j, "entry-in-front-matter", 3, 1);
	cr_assert_eq(j->diags.list.n, 1);
	const kith_diag *g = &j->diags.list.v[0];
	cr_assert_eq(g->sev, KITH_SEV_WARNING);
	cr_assert_eq(g->len, 13);
	cr_assert(strstr(g->hint, "runs to line 7"), "%s", g->hint);
	cr_assert(g->note && strstr(g->note, "and 2 more entry headings"));
	cr_assert_eq(j->interactions.n, 1);
	cr_assert_eq(j->interactions.v[0].pos.line, 8);
	kith_journal_free(j);
}

Test(md, crlf_and_bom)
{
	kith_journal *j = load("\xEF\xBB\xBF## 2026-01-02 Tea with @amy\r\n"
	                       "with: [bob]\r\n"
	                       "\r\n"
	                       "Hello @cy\r\n"
	                       "- [ ] do due:2026-01-03\r\n"
	                       "\r\n"
	                       "## 2026-01-03 X\r\n"
	                       "## bad\r\n");
	expect_diag(j, "stray-heading", 8, 1);
	cr_assert_eq(j->diags.list.n, 1);
	cr_assert_eq(j->interactions.n, 2);
	kith_interaction *ix = &j->interactions.v[0];
	cr_assert_eq(ix->pos.col, 1);
	expect_str(ix->title.s, "Tea with @amy");
	cr_assert_eq(kith_ix_title_col(j, ix), 15);
	cr_assert_eq(kith_ix_with(ix).n, 2);
	expect_ref(&kith_ix_with(ix).v[0], "amy", 1, 24, 4);
	expect_ref(&kith_ix_with(ix).v[1], "bob", 2, 8, 3);
	expect_str(ix->notes.s, "Hello @cy\r\n- [ ] do due:2026-01-03");
	cr_assert_eq(j->followups.v[0].due.day, D("2026-01-03"));
	expect_str(j->interactions.v[1].title.s, "X");
	kith_journal_free(j);
}

Test(md, long_lines)
{
	size_t big = (size_t)2 << 20, fit = KITH_MAX_LINE - 100;
	kith_buf b = {0};
	kith_buf_puts(&b, "## 2026-01-02 A\nintro\n");
	for (size_t i = 0; i < big; i++)
		kith_buf_putc(&b, i % 7 ? 'x' : '@');
	kith_buf_puts(&b, "\n## 2026-01-03 ");
	for (size_t i = 0; i < fit; i++)
		kith_buf_putc(&b, ' ');
	kith_buf_puts(&b, "Long @title\n- [ ] ");
	for (size_t i = 0; i < fit; i++)
		kith_buf_putc(&b, i % 2 ? ' ' : '.');
	kith_buf_puts(&b, "due:2026-01-04\n");
	kith_journal *j = load_n(b.p, b.n);
	expect_diag(j, "too-long", 3, 1);
	cr_assert_eq(j->diags.list.n, 1);
	cr_assert_eq(j->interactions.n, 2);
	cr_assert_eq(kith_ix_mentions(&j->interactions.v[0]).n, 0);
	expect_str(j->interactions.v[1].title.s, "Long @title");
	cr_assert_eq(kith_ix_with(&j->interactions.v[1]).n, 1);
	cr_assert_eq(j->followups.n, 1);
	cr_assert_eq(j->followups.v[0].due.day, D("2026-01-04"));
	kith_journal_free(j);
	kith_buf_free(&b);
}

Test(md, notes_trimmed)
{
	kith_journal *j = load("## 2026-01-02 A\n\n  \n  indented\n\nend\n"
	                       " \t\n\n## 2026-01-03 B\n \n\n");
	kith_interaction *ix = &j->interactions.v[0];
	expect_str(ix->notes.s, "  indented\n\nend");
	cr_assert_eq(line_of(j, ix->notes.s.p), 4);
	cr_assert_null(j->interactions.v[1].notes.s.p);
	kith_journal_free(j);
}

Test(md, grammar_file_matches_code)
{
	FILE *f = fopen(KITH_TEST_ROOT "/grammar/journal.ebnf", "r");
	cr_assert_not_null(f, "%s/grammar/journal.ebnf", KITH_TEST_ROOT);
	char line[1024];
	int found = 0;
	while (fgets(line, sizeof line, f)) {
		if (strncmp(line, "pcre2 ", 6) != 0)
			continue;
		line[strcspn(line, "\n")] = 0;
		char *eq = strstr(line, " = ");
		cr_assert_not_null(eq);
		*eq = 0;
		int k = -1;
		for (int i = 0; i < KITH_MD_PAT__COUNT; i++)
			if (!strcmp(line + 6, kith_md_pattern_names[i]))
				k = i;
		cr_assert_geq(k, 0, "unknown pattern %s", line + 6);
		cr_assert_str_eq(eq + 3, kith_md_patterns[k], "pattern %s",
		                 line + 6);
		found |= 1 << k;
	}
	fclose(f);
	cr_assert_eq(found, (1 << KITH_MD_PAT__COUNT) - 1);
}

Test(md, grammar_free_and_reload)
{
	kith_journal *j = load("## 2026-01-02 A\n");
	kith_md_grammar_free();
	kith_md_grammar_free();
	kith_journal_free(j);
	j = load("## 2026-01-02 A\n## 2026-01-03 B\n");
	cr_assert_eq(j->interactions.n, 2);
	kith_journal_free(j);
	kith_md_grammar_free();
}

Test(md, regex_limit_is_an_error_not_a_miss)
{
	kith_mdl_use_reference(1); /* the limit is PCRE2's */
	kith_md_set_match_limit(1);
	kith_journal *j = load("intro\n## 2026-01-02 A @b\n- [ ] x\n");
	kith_md_set_match_limit(0);
	kith_mdl_use_reference(0);
	expect_diag(j, "regex-limit", 2, 1);
	cr_assert_eq(diag_at(j, "stray-heading", 2, 1), 0);
	cr_assert_eq(j->interactions.n, 0);
	cr_assert_eq(j->diags.list.v[0].sev, KITH_SEV_ERROR);
	kith_journal_free(j);
	j = load("## 2026-01-02 A @b\n");
	no_diags(j);
	cr_assert_eq(j->interactions.n, 1);
	kith_journal_free(j);
}

Test(md, metadata_edges)
{
	kith_journal *j = load("## 2026-03-01 A\nkind:\tcall\n"
	                       "## 2026-03-02 B\nhttps://example.com\n"
	                       "## 2026-03-03 C\nkind: call\n"
	                       "## 2026-03-04 D\nwith: [zoe]");
	no_diags(j);
	cr_assert_eq(j->interactions.n, 4);
	cr_assert_null(kith_ix_kind(&j->interactions.v[0]).s.p);
	expect_str(j->interactions.v[0].notes.s, "kind:\tcall");
	expect_str(j->interactions.v[1].notes.s, "https://example.com");
	/* a block ended by the next heading, and one ended by EOF */
	expect_kind(&j->interactions.v[2], "call", 6, 7, 4);
	cr_assert_null(j->interactions.v[2].notes.s.p);
	cr_assert_eq(kith_ix_with(&j->interactions.v[3]).n, 1);
	expect_ref(&kith_ix_with(&j->interactions.v[3]).v[0], "zoe", 8, 8, 3);
	kith_journal_free(j);
}
