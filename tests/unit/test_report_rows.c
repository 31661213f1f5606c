/* Unit tests for how kith report makes its long tables: rows shown by two
 * tables alike, the period's entries found in date order (a journal
 * written out of order too), texts kept once and shared by the rows, the
 * overdue follow-ups' rows made when read. */
#include <criterion/criterion.h>
#include <string.h>

#include "compute/compute.h"
#include "lib/lib.h"

static const char *const names[] = {"kith.yaml", "journal.md"};
static const char *const texts[] = {
    "kith: 1\n"
    "include: [journal.md]\n"
    "contacts:\n"
    "  ana:\n"
    "    name: Ana Lima\n"
    "  ben:\n"
    "    name: Ben Ode\n",

    /* out of date order on purpose: 2026-03 before 2026-02 */
    "# 2026\n"
    "\n"
    "## 2026-03-02 Feedback from @ana #feedback\n"
    "\n"
    "Good pace.\n"
    "\n"
    "- [ ] Thank @ana due:2026-03-05\n"
    "\n"
    "## 2026-02-10 Coffee with @ben #coffee\n"
    "\n"
    "- [ ] Send notes to @ben due:2026-02-12\n"
    "\n"
    "## 2026-02-11 Lunch #coffee\n"
    "with: [ana, ben, ana]\n"
    "\n"
    "## 2025-12-30 Call with @ben #call\n"
    "\n"
    "- [ ] Old task for @ben due:2026-01-02\n"
    "\n"
    "## 2026-04-01 Call with @ana #call\n",
};

static kith_journal *j;
static kith_report *r;

static kith_day D(const char *s)
{
	kith_day d = KITH_NO_DAY;
	cr_assert_eq(kith_date_parse(s, strlen(s), &d), 0);
	return d;
}

static void setup(void)
{
	kith_source src = {
	    .names = names, .texts = texts, .nfiles = KITH_ARRAY_LEN(names)};
	kith_open_error err;
	src.as_of = D("2026-03-20");
	j = kith_lib_load(&src, &err);
	cr_assert_not_null(j);
	cr_assert_eq(j->diags.errors, 0);
	kith_opts o;
	memset(&o, 0, sizeof o);
	o.as_of = D("2026-03-20");
	o.freq = -1;
	o.has_period = 1;
	o.period = (kith_period){D("2026-02-01"), D("2026-03-31")};
	r = kith_compute_report(j, &o);
	cr_assert_not_null(r);
}

static void teardown(void)
{
	kith_report_free(r);
	kith_journal_free(j);
}

static const kith_section *sec(const char *id)
{
	for (uint32_t i = 0; i < r->sections.n; i++)
		if (!strcmp(r->sections.v[i].id, id))
			return &r->sections.v[i];
	cr_assert_fail("no section %s", id);
	return NULL;
}

static const kith_cell *cell(const char *id, uint32_t row, const char *col)
{
	const kith_section *s = sec(id);
	int c = kith_section_col(s, col);
	cr_assert_geq(c, 0, "no column %s in %s", col, id);
	const kith_cell *x = kith_section_cell(s, row, (uint32_t)c);
	cr_assert_not_null(x, "no row %u in %s", row, id);
	return x;
}

static const char *text(const char *id, uint32_t row, const char *col)
{
	const kith_cell *c = cell(id, row, col);
	return c->type == KITH_CELL_TEXT && c->s ? c->s : "";
}

TestSuite(report_rows, .init = setup, .fini = teardown);

Test(report_rows, period_entries_in_date_order)
{
	const kith_section *h = sec("highlights");
	cr_assert_eq(h->nrows, 3); /* not 2025-12-30, not after as-of */
	cr_assert_eq(cell("highlights", 0, "date")->day, D("2026-02-10"));
	cr_assert_eq(cell("highlights", 1, "date")->day, D("2026-02-11"));
	cr_assert_eq(cell("highlights", 2, "date")->day, D("2026-03-02"));
	/* a participant named twice is shown as written */
	cr_assert_str_eq(text("highlights", 1, "who"), "@ana, @ben, @ana");
	cr_assert_str_eq(text("kinds", 0, "kind"), "coffee");
	cr_assert_eq(cell("kinds", 0, "count")->i, 2);
	cr_assert_eq(cell("headline", 0, "value")->i, 3);
	cr_assert_eq(cell("headline", 0, "previous")->i, 1);
	/* ana and ben: the duplicate does not count twice */
	cr_assert_eq(cell("contacts", 0, "count")->i, 2);
	cr_assert_str_eq(sec("contacts")->text, "2 distinct contacts.");
}

Test(report_rows, feedback_rows_as_highlights_show_them)
{
	cr_assert_eq(sec("feedback")->nrows, 1);
	static const char *const cols[] = {"kind", "who", "title", "notes",
	                                   "source"};
	for (size_t k = 0; k < KITH_ARRAY_LEN(cols); k++)
		cr_assert_str_eq(text("highlights", 2, cols[k]),
		                 text("feedback", 0, cols[k]), "%s", cols[k]);
	cr_assert_eq(cell("highlights", 2, "date")->day,
	             cell("feedback", 0, "date")->day);
	uint32_t nf, nh;
	int col = kith_section_col(sec("feedback"), "notes");
	const kith_note_task *f =
	    kith_section_note_tasks(sec("feedback"), 0, (uint32_t)col, &nf);
	const kith_note_task *h =
	    kith_section_note_tasks(sec("highlights"), 2, (uint32_t)col, &nh);
	cr_assert_eq(nf, 1);
	cr_assert_eq(nh, 1);
	cr_assert_eq(h->row, 2);
	cr_assert_eq(h->line, f->line);
	cr_assert_eq(h->day, D("2026-03-05"));
	cr_assert_eq(h->done, 0);
	cr_assert_str_eq(h->cut[0], "due:2026-03-05");
	/* the rows are made when read: after two other rows took the
	 * places of the made rows kept, the same task line again */
	cr_assert_str_eq(text("highlights", 0, "notes"),
	                 "- [ ] Send notes to @ben due:2026-02-12");
	cr_assert_str_eq(text("highlights", 1, "title"), "Lunch");
	h = kith_section_note_tasks(sec("highlights"), 2, (uint32_t)col, &nh);
	cr_assert_eq(nh, 1);
	cr_assert_eq(h->row, 2);
	cr_assert_str_eq(h->cut[0], "due:2026-03-05");
	cr_assert_null(
	    kith_section_note_tasks(sec("highlights"), 1, (uint32_t)col, &nh));
	cr_assert_eq(nh, 0);
}

Test(report_rows, overdue_follow_ups_once)
{
	/* every open follow-up due before as-of, from any period: tasks and
	 * the thank-yous the default rule owes after a coffee */
	const kith_section *risk = sec("at-risk");
	cr_assert_eq(risk->nrows, 6);
	cr_assert_str_eq(text("at-risk", 0, "item"), "Old task for @ben");
	cr_assert_str_eq(text("at-risk", 0, "detail"), "77 days late");
	cr_assert_str_eq(text("at-risk", 1, "item"), "Send notes to @ben");
	cr_assert_str_eq(text("at-risk", 2, "item"), "thank-you to @ben");
	cr_assert_str_eq(text("at-risk", 5, "item"), "Thank @ana");
	/* the rows are made when read, each with its own figures, and
	 * back again */
	cr_assert_str_eq(text("at-risk", 1, "detail"), "36 days late");
	cr_assert_str_eq(text("at-risk", 5, "detail"), "15 days late");
	cr_assert_str_eq(text("at-risk", 1, "detail"), "36 days late");
	cr_assert_eq(cell("at-risk", 5, "date")->day, D("2026-03-05"));
	cr_assert_eq(cell("at-risk", 5, "risk")->style, KITH_STYLE_BAD);
	/* the texts are packed end to end, in the rows' order */
	for (uint32_t k = 0; k + 1 < risk->nrows; k++) {
		const char *a = text("at-risk", k, "item");
		cr_assert_eq(text("at-risk", k + 1, "item"), a + strlen(a) + 1,
		             "row %u", k);
	}
	/* the period's open ones show the at-risk rows' own texts */
	cr_assert_eq(sec("open-follow-ups")->nrows, 5);
	for (uint32_t k = 0; k < 5; k++)
		cr_assert_eq(text("open-follow-ups", k, "what"),
		             text("at-risk", k + 1, "item"), "row %u", k);
	cr_assert_str_eq(text("open-follow-ups", 0, "who"), "@ben");
	cr_assert_str_eq(text("open-follow-ups", 2, "who"), "@ana");
	cr_assert_eq(cell("open-follow-ups", 0, "late")->i, 36);
}
