/* Unit tests for the report commands (report, log, contacts, show, stats)
 * and the display helpers: cells, ordering, redaction and privacy, on a
 * small journal loaded from memory. */
#include <criterion/criterion.h>
#include <string.h>

#include "compute/compute.h"
#include "lib/lib.h"
#include "load/load.h"

static const char *const names[] = {"kith.yaml", "people.yaml", "journal.md"};
static const char *const texts[] = {
    "kith: 1\n"
    "owner: Sam Rivera\n"
    "include: [people.yaml, journal.md]\n",

    "contacts:\n"
    "  alice:\n"
    "    name: Alice Chen\n"
    "    org: Acme Robotics\n"
    "    roles: [mentor]\n"
    "    tags: [platform]\n"
    "    email: alice@example.com\n"
    "    phone: \"+1 555 0100\"\n"
    "    birthday: 04-27\n"
    "    notes: Prefers mornings.\n"
    "  bob:\n"
    "    name: Bob Stone\n"
    "    roles: [key]\n"
    "    met: 2026-01-10\n"
    "  carol:\n"
    "    name: Carol Diaz\n"
    "    roles: [peer]\n"
    "    via: alice\n"
    "goals:\n"
    "  grow:\n"
    "    title: Grow the platform network\n"
    "    horizon: short\n"
    "    start: 2026-01-01\n"
    "    end: 2026-12-31\n"
    "    metrics:\n"
    "      people:\n"
    "        measure: contacts\n"
    "        target: 2\n"
    "        per: month\n"
    "    checkpoints:\n"
    "      - date: 2026-11-15\n"
    "        expect: {people: 1}\n"
    "        note: Check with @alice\n"
    "    actions:\n"
    "      - do: Ask @alice for an intro\n"
    "        due: 2026-11-30\n"
    "events:\n"
    "  meetup:\n"
    "    title: Platform meetup\n"
    "    date: 2026-11-05\n"
    "    status: attended\n"
    "    goals: [grow]\n"
    "  conf:\n"
    "    title: Big conference\n"
    "    date: 2026-12-10\n"
    "    status: registered\n"
    "assessments:\n"
    "  - date: 2026-01-05\n"
    "    skills: {pitch: 2, listening: 4}\n"
    "  - date: 2026-11-01\n"
    "    skills: {pitch: 3}\n",

    "# 2026\n"
    "\n"
    "## 2026-08-01 Coffee with @bob #coffee\n"
    "\n"
    "## 2026-11-03 09:30 Coffee with @alice #coffee\n"
    "goals: [grow]\n"
    "\n"
    "Talked about @carol. Mail alice@example.com later.\n"
    "\n"
    "- [ ] Send the RFC draft to @alice due:2026-11-10\n"
    "- [x] Add notes due:+1d done:2026-11-04\n"
    "\n"
    "## 2026-11-03 Call with @carol #call\n"
    "\n"
    "## 2026-11-05 Meetup with @carol #event\n"
    "event: meetup\n"
    "\n"
    "## 2026-11-08 Feedback from @alice #feedback\n"
    "\n"
    "Great talk; slow down.\n",
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
	src.as_of = D("2026-11-20");
	j = kith_lib_load(&src, &err);
	cr_assert_not_null(j);
	for (uint32_t i = 0; i < j->diags.list.n; i++)
		cr_log_warn("diag %s line %u: %s",
		            kith_code_name(j->diags.list.v[i].code),
		            j->diags.list.v[i].pos.line,
		            j->diags.list.v[i].msg);
	cr_assert_eq(j->diags.errors, 0);
	r = NULL;
}

static void teardown(void)
{
	kith_report_free(r);
	kith_journal_free(j);
}

static kith_opts opts(void)
{
	kith_opts o;
	memset(&o, 0, sizeof o);
	o.as_of = D("2026-11-20");
	o.freq = -1;
	o.within = (kith_dur){14, KITH_UNIT_DAY};
	return o;
}

static const kith_section *sec(const char *id)
{
	for (uint32_t i = 0; i < r->sections.n; i++)
		if (!strcmp(r->sections.v[i].id, id))
			return &r->sections.v[i];
	cr_assert_fail("no section '%s'", id);
	return NULL;
}

static const kith_cell *cell(const char *id, uint32_t row, const char *col)
{
	const kith_section *s = sec(id);
	int c = kith_section_col(s, col);
	cr_assert_geq(c, 0, "no column '%s' in '%s'", col, id);
	cr_assert_lt(row, s->nrows, "section '%s' has %u rows", id, s->nrows);
	return kith_section_cell(s, row, (uint32_t)c);
}

static const char *text(const char *id, uint32_t row, const char *col)
{
	const kith_cell *c = cell(id, row, col);
	return c->type == KITH_CELL_TEXT ? c->s : "";
}

static const char *fact(const char *label)
{
	for (uint32_t i = 0; i < r->facts.n; i++)
		if (!strcmp(r->facts.v[i].label, label))
			return r->facts.v[i].value;
	return NULL;
}

/* The value cell of a FACTS row with this label, or NULL. */
static const kith_cell *fact_cell(const char *id, const char *label)
{
	const kith_section *s = sec(id);
	for (uint32_t i = 0; i < s->nrows; i++) {
		const kith_cell *l = kith_section_cell(s, i, 0);
		if (l->type == KITH_CELL_TEXT && !strcmp(l->s, label))
			return kith_section_cell(s, i, 1);
	}
	return NULL;
}

/* No text cell of the report mentions s. */
static void assert_nowhere(const char *s)
{
	for (uint32_t i = 0; i < r->sections.n; i++) {
		const kith_section *x = &r->sections.v[i];
		for (uint32_t k = 0; k < x->nrows * x->ncols; k++) {
			/* through the accessor: rows made when read too */
			const kith_cell *c =
			    kith_section_cell(x, k / x->ncols, k % x->ncols);
			if (c->type == KITH_CELL_TEXT)
				cr_assert_null(strstr(c->s, s),
				               "'%s' in section %s: %s", s,
				               x->id, c->s);
		}
		if (x->text)
			cr_assert_null(strstr(x->text, s));
	}
}

static void every_section_has_empty_text(void)
{
	for (uint32_t i = 0; i < r->sections.n; i++)
		cr_assert(r->sections.v[i].empty && *r->sections.v[i].empty,
		          "section %s", r->sections.v[i].id);
}

TestSuite(commands, .init = setup, .fini = teardown);

/* ---- display helpers ---- */

Test(commands, who_and_initials)
{
	r = kith_report_new("test", D("2026-11-20"));
	uint32_t a = kith_find_contact(j, kith_str_c("alice"));
	cr_assert_str_eq(kith_who(r, j, a, 0), "@alice");
	cr_assert_str_eq(kith_who(r, j, a, 1), "A.C.");
	cr_assert_str_eq(kith_disp_who_ref(r, j, kith_str_c("zed"), 1), "Z.");
	cr_assert_str_eq(kith_disp_who_ref(r, j, kith_str_c("zed"), 0), "@zed");
}

Test(commands, redact_text)
{
	r = kith_report_new("test", D("2026-11-20"));
	kith_str t = kith_str_c("Ask @alice about @carol. Mail bob@x.org, "
	                        "not @zed; (@bob)");
	cr_assert_str_eq(kith_redact_text(r, j, t, 0), t.p);
	cr_assert_str_eq(
	    kith_redact_text(r, j, t, 1),
	    "Ask A.C. about C.D. Mail bob@x.org, not @zed; (B.S.)");
	cr_assert_str_eq(kith_redact_text(r, j, KITH_STR_NULL, 1), "");
}

/* A first name alone (capitalised, 3 letters or more, a whole word, also
 * before 's) names a contact as well as the full name does. */
Test(commands, redact_first_names)
{
	r = kith_report_new("test", D("2026-11-20"));
	kith_str t = kith_str_c("Lunch with Alice; Carol's advice. Bob, "
	                        "Alicia, Bobby and alice stay; Carol Diaz.");
	cr_assert_str_eq(kith_redact_text(r, j, t, 1),
	                 "Lunch with A.C.; C.D.'s advice. B.S., Alicia, "
	                 "Bobby and alice stay; C.D.");
}

/* Under --redact, show leaves out what identifies a contact: name, org
 * and title. */
Test(commands, show_contact_redacted)
{
	kith_opts o = opts();
	o.target = "alice";
	o.redact = 1;
	r = kith_compute_show(j, &o);
	cr_assert_not_null(r);
	cr_assert_str_eq(fact_cell("contact", "handle")->s, "A.C.");
	cr_assert_null(fact_cell("contact", "name"));
	cr_assert_null(fact_cell("contact", "org"));
	cr_assert_null(fact_cell("contact", "title"));
	assert_nowhere("Acme");
	assert_nowhere("Alice");
}

/* ---- log ---- */

Test(commands, log_register_order_and_cells)
{
	kith_opts o = opts();
	r = kith_compute_log(j, &o);
	const kith_section *s = sec("interactions");
	cr_assert_eq(s->nrows, 5);
	cr_assert_eq(cell("interactions", 0, "date")->day, D("2026-08-01"));
	/* Same day: the untimed entry first, then by time. */
	cr_assert_str_eq(text("interactions", 1, "kind"), "call");
	cr_assert_str_eq(text("interactions", 2, "kind"), "coffee");
	cr_assert_str_eq(text("interactions", 2, "time"), "09:30");
	cr_assert_eq(cell("interactions", 1, "time")->type, KITH_CELL_EMPTY);
	cr_assert_str_eq(text("interactions", 2, "who"), "@alice");
	cr_assert_str_eq(text("interactions", 2, "goals"), "grow");
	/* RFC draft open, notes done, thank-you owed by the rule open. */
	cr_assert_str_eq(text("interactions", 2, "follow_ups"),
	                 "2 open / 1 done");
	cr_assert_str_eq(text("interactions", 2, "source"), "journal.md:5");
	int src = kith_section_col(s, "source");
	cr_assert(s->cols[src].flags & KITH_COL_MACHINE);
	cr_assert_str_eq(text("interactions", 4, "kind"), "feedback");
	cr_assert_str_eq(fact("interactions"), "5");
}

Test(commands, log_period_and_query)
{
	kith_opts o = opts();
	o.has_period = 1;
	o.period = (kith_period){D("2026-11-01"), D("2026-11-30")};
	o.query_text = "@carol";
	size_t col, len;
	const char *err;
	o.query = kith_query_parse(j, "@carol", 6, o.as_of, &col, &len, &err);
	cr_assert_not_null(o.query);
	r = kith_compute_log(j, &o);
	cr_assert_str_eq(r->title, "Log 2026-11");
	cr_assert_eq(sec("interactions")->nrows, 2);
	cr_assert_str_eq(text("interactions", 0, "title"), "Call with @carol");
	cr_assert_eq(cell("interactions", 1, "date")->day, D("2026-11-05"));
	kith_query_free(o.query);
}

Test(commands, log_redacted)
{
	kith_opts o = opts();
	o.redact = 1;
	r = kith_compute_log(j, &o);
	cr_assert_str_eq(text("interactions", 2, "who"), "A.C.");
	cr_assert_str_eq(text("interactions", 2, "title"), "Coffee with A.C.");
	assert_nowhere("@alice");
	assert_nowhere("@carol");
}

/* ---- contacts ---- */

Test(commands, contacts_table)
{
	kith_opts o = opts();
	r = kith_compute_contacts(j, &o);
	const kith_section *s = sec("contacts");
	cr_assert_eq(s->nrows, 3);
	cr_assert_str_eq(text("contacts", 0, "handle"), "@alice");
	cr_assert_str_eq(text("contacts", 1, "handle"), "@bob");
	cr_assert_str_eq(text("contacts", 2, "handle"), "@carol");
	cr_assert_str_eq(text("contacts", 0, "name"), "Alice Chen");
	cr_assert_eq(cell("contacts", 0, "last_touch")->day, D("2026-11-08"));
	cr_assert_eq(cell("contacts", 0, "interactions")->i, 2);
	cr_assert_str_eq(text("contacts", 0, "cadence"), "4w..6w");
	cr_assert_eq(cell("contacts", 0, "next_due")->day, D("2026-12-06"));
	cr_assert_str_eq(text("contacts", 0, "state"), "ok");
	cr_assert_str_eq(text("contacts", 1, "state"), "overdue");
	cr_assert_str_eq(text("contacts", 2, "state"), "-");
	/* Private fields are absent by default. */
	cr_assert_eq(kith_section_col(s, "email"), -1);
	cr_assert_eq(kith_section_col(s, "phone"), -1);
	cr_assert_eq(kith_section_col(s, "birthday"), -1);
	assert_nowhere("alice@example.com");
	cr_assert_str_eq(fact("overdue"), "1");
}

Test(commands, contacts_private_and_redacted)
{
	kith_opts o = opts();
	o.private_fields = 1;
	r = kith_compute_contacts(j, &o);
	cr_assert_str_eq(text("contacts", 0, "email"), "alice@example.com");
	cr_assert_str_eq(text("contacts", 0, "phone"), "+1 555 0100");
	cr_assert_str_eq(text("contacts", 0, "birthday"), "04-27");
	kith_report_free(r);

	o.redact = 1; /* redaction wins over --private */
	r = kith_compute_contacts(j, &o);
	cr_assert_eq(r->private_fields, 0);
	cr_assert_eq(kith_section_col(sec("contacts"), "email"), -1);
	cr_assert_str_eq(text("contacts", 0, "handle"), "A.C.");
	cr_assert_eq(cell("contacts", 0, "name")->type, KITH_CELL_EMPTY);
	assert_nowhere("Alice");
}

Test(commands, contacts_query)
{
	kith_opts o = opts();
	size_t col, len;
	const char *err;
	o.query = kith_query_parse(j, "role:key", 8, o.as_of, &col, &len, &err);
	cr_assert_not_null(o.query);
	r = kith_compute_contacts(j, &o);
	cr_assert_eq(sec("contacts")->nrows, 1);
	cr_assert_str_eq(text("contacts", 0, "handle"), "@bob");
	kith_query_free(o.query);
}

/* ---- report ---- */

Test(commands, report_header_and_activity)
{
	kith_opts o = opts();
	r = kith_compute_report(j, &o);
	cr_assert_str_eq(r->title, "Progress report 2026-11");
	cr_assert_eq(r->from, D("2026-11-01"));
	cr_assert_eq(r->to, D("2026-11-30"));
	cr_assert_str_eq(fact("period"), "2026-11-01..2026-11-30");
	cr_assert_str_eq(fact("as of"), "2026-11-20");
	cr_assert_str_eq(fact("owner"), "Sam Rivera");
	cr_assert_str_eq(fact("interactions"), "4");
	every_section_has_empty_text();

	/* By count, ties by name. */
	cr_assert_eq(sec("kinds")->chart, KITH_CHART_BARS);
	cr_assert_eq(sec("kinds")->nrows, 4);
	cr_assert_str_eq(text("kinds", 0, "kind"), "call");
	cr_assert_str_eq(text("kinds", 3, "kind"), "feedback");
	cr_assert_eq(cell("kinds", 0, "count")->i, 1);

	const kith_section *m = sec("months");
	/* the months start with the journal's first interaction (August),
	 * not twelve months back */
	cr_assert_eq(m->nrows, 4);
	cr_assert_str_eq(text("months", 0, "month"), "2026-08");
	cr_assert_eq(cell("months", 0, "count")->i, 1);
	cr_assert_eq(cell("months", 3, "count")->i, 4);
}

Test(commands, report_contacts_and_events)
{
	kith_opts o = opts();
	r = kith_compute_report(j, &o);
	/* bob was met in January; alice and carol are new (same day: by
	 * handle). */
	cr_assert_eq(sec("new-contacts")->nrows, 2);
	cr_assert_str_eq(text("new-contacts", 0, "who"), "@alice");
	cr_assert_str_eq(text("new-contacts", 1, "who"), "@carol");
	cr_assert_str_eq(text("new-contacts", 1, "via"), "@alice");
	cr_assert_eq(cell("new-contacts", 0, "first_touch")->day,
	             D("2026-11-03"));

	cr_assert_eq(sec("contacts")->nrows, 2);
	cr_assert_str_eq(sec("contacts")->text, "2 distinct contacts.");
	cr_assert_eq(cell("contacts", 0, "count")->i, 2);
	cr_assert_str_eq(fact("contacts touched"), "2");

	cr_assert_eq(sec("events")->nrows, 1);
	cr_assert_str_eq(text("events", 0, "event"), "meetup");
	cr_assert_eq(cell("events", 0, "interactions")->i, 1);
	cr_assert_eq(sec("upcoming")->nrows, 1);
	cr_assert_str_eq(text("upcoming", 0, "event"), "conf");

	/* bob: key, last touch 2026-08-01, 6w..10w: overdue since 10-10. */
	const kith_section *t = sec("out-of-touch");
	cr_assert_eq(t->chart, KITH_CHART_CADENCE);
	cr_assert_eq(t->nrows, 1);
	cr_assert_str_eq(text("out-of-touch", 0, "who"), "@bob");
	cr_assert_eq(cell("out-of-touch", 0, "days_since")->i, 111);
	cr_assert_eq(cell("out-of-touch", 0, "ideal_days")->i, 42);
	cr_assert_eq(cell("out-of-touch", 0, "max_days")->i, 70);
	cr_assert_eq(cell("out-of-touch", 0, "overdue_on")->day,
	             D("2026-10-10"));
}

Test(commands, report_followups_checkpoints_feedback_skills)
{
	kith_opts o = opts();
	r = kith_compute_report(j, &o);
	cr_assert_str_eq(text("follow-ups", 0, "status"), "done on time");
	cr_assert_eq(cell("follow-ups", 0, "count")->i, 1);
	cr_assert_eq(cell("follow-ups", 1, "count")->i, 0);
	cr_assert_eq(cell("follow-ups", 2, "count")->i, 2);
	cr_assert_eq(sec("open-follow-ups")->nrows, 2);
	/* Ordered by due date: the thank-you (11-05) before the RFC (11-10). */
	cr_assert_str_eq(text("open-follow-ups", 0, "what"),
	                 "thank-you to @alice");
	cr_assert_eq(cell("open-follow-ups", 0, "late")->i, 15);
	cr_assert_str_eq(text("open-follow-ups", 1, "what"),
	                 "Send the RFC draft to @alice");

	cr_assert_eq(sec("checkpoints")->nrows, 1);
	cr_assert_str_eq(text("checkpoints", 0, "goal"), "grow");
	cr_assert_str_eq(text("checkpoints", 0, "verdict"), "met");

	cr_assert_eq(sec("goals")->chart, KITH_CHART_PROGRESS);
	cr_assert_eq(sec("goals")->nrows, 1);
	cr_assert_str_eq(text("goals", 0, "bucket"), "2026-11");
	cr_assert_float_eq(cell("goals", 0, "actual")->d, 2.0, 1e-9);
	cr_assert_float_eq(cell("goals", 0, "target")->d, 2.0, 1e-9);
	cr_assert_str_eq(text("goals", 0, "status"), "met");

	cr_assert_eq(sec("feedback")->nrows, 1);
	cr_assert_str_eq(text("feedback", 0, "notes"),
	                 "Great talk; slow down.");
	int nc = kith_section_col(sec("feedback"), "notes");
	cr_assert(sec("feedback")->cols[nc].flags & KITH_COL_NOTES);

	const kith_section *sk = sec("skills");
	cr_assert_eq(sk->chart, KITH_CHART_TREND);
	cr_assert_eq(sk->ncols, 3);
	cr_assert_str_eq(sk->cols[1].id, "listening");
	cr_assert_str_eq(sk->cols[2].id, "pitch");
	cr_assert_eq(sk->nrows, 2);
	cr_assert_eq(cell("skills", 0, "listening")->i, 4);
	cr_assert_eq(cell("skills", 1, "listening")->type, KITH_CELL_EMPTY);
	cr_assert_eq(cell("skills", 1, "pitch")->i, 3);

	cr_assert_eq(sec("highlights")->nrows, 4);
	cr_assert_eq(cell("highlights", 0, "date")->day, D("2026-11-03"));
	cr_assert_str_eq(text("highlights", 0, "kind"), "call");
}

Test(commands, report_past_period)
{
	kith_opts o = opts();
	o.has_period = 1;
	o.period = (kith_period){D("2026-08-01"), D("2026-08-31")};
	r = kith_compute_report(j, &o);
	cr_assert_str_eq(r->title, "Progress report 2026-08");
	cr_assert_eq(sec("highlights")->nrows, 1);
	cr_assert_eq(sec("new-contacts")->nrows, 0);
	cr_assert_str_eq(text("goals", 0, "status"), "missed");
	/* As of 2026-08-31 bob was touched a month ago: in touch. */
	cr_assert_eq(sec("out-of-touch")->nrows, 0);
	/* Skills trend stops at the period's end. */
	cr_assert_eq(sec("skills")->nrows, 1);
	kith_report_free(r);

	o.period = (kith_period){D("2026-11-02"), D("2026-11-04")};
	r = kith_compute_report(j, &o);
	cr_assert_str_eq(r->title, "Progress report 2026-11-02..2026-11-04");
	cr_assert_eq(sec("highlights")->nrows, 2);
}

/* The goals table of a past period counts each metric over its bucket
 * only up to the period's end, and judges pace on that day. */
Test(commands, report_goals_stop_at_period_end)
{
	kith_opts o = opts();
	o.has_period = 1;
	o.period = (kith_period){D("2026-11-01"), D("2026-11-02")};
	r = kith_compute_report(j, &o);
	/* people (contacts, 2 a month): nobody met by 11-02, though alice
	 * and carol were by the as-of date 11-20. */
	cr_assert_str_eq(text("goals", 0, "bucket"), "2026-11");
	cr_assert_float_eq(cell("goals", 0, "actual")->d, 0, 1e-9);
	cr_assert_float_eq(cell("goals", 0, "pace")->d, 2.0 * 2 / 30, 1e-9);
	cr_assert_str_eq(text("goals", 0, "status"), "behind");
	cr_assert_not_null(strstr(sec("goals")->text, "2026-11-02"));
	kith_report_free(r);
	/* The period holding as-of counts up to as-of, with no note. */
	o.has_period = 0;
	r = kith_compute_report(j, &o);
	cr_assert_float_eq(cell("goals", 0, "actual")->d, 2, 1e-9);
	cr_assert_str_eq(text("goals", 0, "status"), "met");
	cr_assert_null(sec("goals")->text);
}

Test(commands, report_redacted)
{
	kith_opts o = opts();
	o.redact = 1;
	o.private_fields = 1;
	r = kith_compute_report(j, &o);
	cr_assert(r->redacted);
	cr_assert_str_eq(text("new-contacts", 0, "who"), "A.C.");
	cr_assert_eq(cell("new-contacts", 0, "name")->type, KITH_CELL_EMPTY);
	cr_assert_str_eq(text("open-follow-ups", 0, "what"),
	                 "thank-you to A.C.");
	assert_nowhere("@alice");
	assert_nowhere("@bob");
	assert_nowhere("@carol");
	assert_nowhere("Alice");
}

/* ---- show ---- */

Test(commands, show_contact)
{
	kith_opts o = opts();
	o.target = "@alice";
	r = kith_compute_show(j, &o);
	cr_assert_not_null(r);
	cr_assert_str_eq(r->title, "@alice (Alice Chen)");
	cr_assert_eq(sec("contact")->kind, KITH_SECTION_FACTS);
	cr_assert_str_eq(fact_cell("contact", "handle")->s, "@alice");
	cr_assert_str_eq(fact_cell("contact", "introduced")->s, "@carol");
	cr_assert_str_eq(fact_cell("contact", "state")->s, "ok");
	cr_assert_eq(fact_cell("contact", "last touch")->day, D("2026-11-08"));
	cr_assert_null(fact_cell("contact", "email"));
	cr_assert_null(fact_cell("contact", "birthday"));
	for (uint32_t i = 0; i < r->sections.n; i++)
		cr_assert_str_neq(r->sections.v[i].id, "notes");
	cr_assert_eq(sec("timeline")->nrows, 2);
	cr_assert_str_eq(text("timeline", 0, "as"), "with");
	cr_assert_str_eq(text("timeline", 1, "kind"), "feedback");
	cr_assert_eq(sec("goals")->nrows, 1);
	cr_assert_eq(cell("goals", 0, "interactions")->i, 1);
	/* RFC draft and the thank-you owed to her. */
	cr_assert_eq(sec("follow-ups")->nrows, 2);
	cr_assert_str_eq(text("follow-ups", 0, "state"), "overdue");
}

Test(commands, show_contact_private_and_mentions)
{
	kith_opts o = opts();
	o.target = "alice";
	o.private_fields = 1;
	r = kith_compute_show(j, &o);
	cr_assert_str_eq(fact_cell("contact", "email")->s, "alice@example.com");
	cr_assert_str_eq(sec("notes")->text, "Prefers mornings.");
	kith_report_free(r);

	o.target = "carol";
	o.private_fields = 0;
	o.redact = 1;
	r = kith_compute_show(j, &o);
	cr_assert_str_eq(r->title, "C.D.");
	cr_assert_str_eq(fact_cell("contact", "introduced by")->s, "A.C.");
	cr_assert_null(fact_cell("contact", "name"));
	/* Mentioned in the coffee with alice, then the call and the meetup. */
	cr_assert_eq(sec("timeline")->nrows, 3);
	cr_assert_str_eq(text("timeline", 0, "as"), "with");
	cr_assert_str_eq(text("timeline", 1, "as"), "mentioned");
	cr_assert_str_eq(text("timeline", 1, "notes"),
	                 "Talked about C.D. Mail alice@example.com later.\n\n"
	                 "- [ ] Send the RFC draft to A.C. due:2026-11-10\n"
	                 "- [x] Add notes due:+1d done:2026-11-04");
	assert_nowhere("@carol");
}

Test(commands, show_goal_and_event)
{
	kith_opts o = opts();
	o.target = "grow";
	r = kith_compute_show(j, &o);
	cr_assert_not_null(r);
	cr_assert_str_eq(r->title, "Goal grow");
	cr_assert_str_eq(fact_cell("goal", "title")->s,
	                 "Grow the platform network");
	cr_assert_eq(sec("metrics")->nrows, 1);
	cr_assert_str_eq(text("metrics", 0, "measure"), "contacts");
	cr_assert_str_eq(text("checkpoints", 0, "verdict"), "met");
	cr_assert_str_eq(text("checkpoints", 0, "note"), "Check with @alice");
	cr_assert_str_eq(text("actions", 0, "state"), "open");
	cr_assert_eq(sec("events")->nrows, 1);
	cr_assert_eq(sec("timeline")->nrows, 1);
	cr_assert_eq(kith_section_col(sec("timeline"), "as"), -1);
	kith_report_free(r);

	o.target = "meetup";
	r = kith_compute_show(j, &o);
	cr_assert_not_null(r);
	cr_assert_str_eq(fact_cell("event", "status")->s, "attended");
	cr_assert_eq(sec("timeline")->nrows, 1);
	cr_assert_str_eq(text("timeline", 0, "who"), "@carol");
}

Test(commands, show_unknown)
{
	kith_opts o = opts();
	o.target = "nobody";
	cr_assert_null(kith_compute_show(j, &o));
	o.target = "@grow"; /* '@' names a contact only */
	cr_assert_null(kith_compute_show(j, &o));
}

/* ---- stats ---- */

Test(commands, stats_counts)
{
	kith_opts o = opts();
	r = kith_compute_stats(j, &o);
	cr_assert_eq(fact_cell("counts", "contacts")->i, 3);
	cr_assert_eq(fact_cell("counts", "goals")->i, 1);
	cr_assert_eq(fact_cell("counts", "events")->i, 2);
	cr_assert_eq(fact_cell("counts", "interactions")->i, 5);
	cr_assert_eq(fact_cell("counts", "follow-ups")->i, 2);
	cr_assert_eq(fact_cell("counts", "assessments")->i, 2);
	cr_assert_eq(sec("files")->nrows, 3);
	cr_assert_str_eq(text("files", 2, "file"), "journal.md");
	cr_assert_eq(cell("files", 1, "entries")->i, 8);
	cr_assert_eq(cell("files", 2, "entries")->i, 5);
	cr_assert_eq(cell("file-types", 0, "count")->i, 2);
	cr_assert_eq(cell("file-types", 1, "count")->i, 1);
	cr_assert_eq(fact_cell("span", "first")->day, D("2026-08-01"));
	cr_assert_eq(fact_cell("span", "days")->i, 100);
	/* Timing is kept apart so that it can be left out. */
	const kith_section *sp = sec("speed");
	cr_assert_eq(sp, &r->sections.v[r->sections.n - 1]);
	/* Dropping it frees its rows (LeakSanitizer checks under asan) and
	 * keeps the other sections. */
	uint32_t n = r->sections.n;
	cr_assert_eq(kith_report_drop_section(r, "speed"), 1);
	cr_assert_eq(r->sections.n, n - 1);
	cr_assert_eq(kith_report_drop_section(r, "speed"), 0);
	cr_assert_eq(kith_report_drop_section(r, "file-types"), 1);
	cr_assert_str_eq(r->sections.v[0].id, "files");
	cr_assert_eq(fact_cell("span", "days")->i, 100);
}

/* The first screen: the figures against the month before (October had
 * none of these interactions), what is at risk, and --summary keeping only
 * the first page's sections. */
Test(commands, report_headline_risk_and_summary)
{
	kith_opts o = opts();
	r = kith_compute_report(j, &o);
	const kith_section *h = sec("headline");
	cr_assert_eq(h->chart, KITH_CHART_TILES);
	cr_assert_str_eq(text("headline", 0, "figure"), "interactions");
	cr_assert_eq(cell("headline", 0, "value")->i, 4);
	long long prev = cell("headline", 0, "previous")->i;
	cr_assert_eq(cell("headline", 0, "change")->i, 4 - prev);
	cr_assert_str_eq(r->sections.v[0].id, "headline");
	cr_assert_str_eq(r->sections.v[1].id, "goals");
	cr_assert_str_eq(r->sections.v[2].id, "at-risk");
	const kith_section *k = sec("at-risk");
	for (uint32_t i = 0; i < k->nrows; i++)
		cr_assert(
		    !strncmp(text("at-risk", i, "risk"), "goal ", 5) ||
		    !strncmp(text("at-risk", i, "risk"), "checkpoint ", 11) ||
		    !strcmp(text("at-risk", i, "risk"), "follow-up overdue"));
	kith_report_free(r);
	o.summary = 1;
	r = kith_compute_report(j, &o);
	static const char *const kept[] = {"headline", "goals", "at-risk",
	                                   "open-follow-ups", "checkpoints"};
	cr_assert_eq(r->sections.n, 5);
	for (uint32_t i = 0; i < r->sections.n; i++) {
		int found = 0;
		for (size_t q = 0; q < 5; q++)
			found |= !strcmp(r->sections.v[i].id, kept[q]);
		cr_assert(found, "section %s in --summary",
		          r->sections.v[i].id);
	}
}
