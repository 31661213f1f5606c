/* Unit tests for the computation core: touches and cadence states,
 * follow-up rules, the seven measures, pace and status, checkpoints, the
 * due digest and the goals report, on small journals loaded from text. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "compute/compute.h"
#include "lib/lib.h"
#include "load/load.h"

static kith_day D(const char *s)
{
	kith_day d = KITH_NO_DAY;
	cr_assert_eq(kith_date_parse(s, strlen(s), &d), 0, "date %s", s);
	return d;
}

static void dump_diags(const kith_journal *j)
{
	for (uint32_t i = 0; i < j->diags.list.n; i++) {
		const kith_diag *d = &j->diags.list.v[i];
		cr_log_info("diag %s %u:%u %s", kith_code_name(d->code),
		            d->pos.line, d->pos.col, d->msg);
	}
}

/* Loads kith.yaml (+ journal.md when md is given) and checks it. Only
 * checkpoint-missed and future-date (when as-of is early) may be reported:
 * the fixtures are otherwise clean. */
static kith_journal *load(const char *yaml, const char *md, const char *asof)
{
	const char *names[] = {"kith.yaml", "journal.md"};
	const char *texts[] = {yaml, md};
	kith_source src = {
	    .names = names, .texts = texts, .nfiles = md ? 2 : 1};
	kith_open_error err;
	src.as_of = D(asof);
	kith_journal *j = kith_lib_load(&src, &err);
	cr_assert_not_null(j);
	for (uint32_t i = 0; i < j->diags.list.n; i++)
		if (j->diags.list.v[i].code != KITH_D_CHECKPOINT_MISSED &&
		    j->diags.list.v[i].code != KITH_D_FUTURE_DATE) {
			dump_diags(j);
			cr_assert_fail("unexpected diagnostic %s: %s",
			               kith_code_name(j->diags.list.v[i].code),
			               j->diags.list.v[i].msg);
		}
	return j;
}

static uint32_t contact(const kith_journal *j, const char *h)
{
	uint32_t c = kith_find_contact(j, kith_str_c(h));
	cr_assert_neq(c, KITH_NONE, "contact %s", h);
	return c;
}

/* ------------------------------------------------------------------ */
/* Touches and cadence, as of 2026-11-10. */
static const char touch_yaml[] =
    "kith: 1\n"
    "contacts:\n"
    "  alice: {name: Alice Chen, roles: [mentor]}\n"
    "  bob: {name: Bob Li, roles: [mentor], cadence: 2w..3w}\n"
    "  carol: {name: Carol Diaz, roles: [peer], met: 2026-01-01}\n"
    "  dana: {name: Dana Kim, roles: [peer, key], met: 2026-09-01}\n"
    "  erin: {name: Erin Wu, roles: [mentor]}\n"
    "interactions:\n"
    "  - {date: 2026-10-01, kind: coffee, with: [alice]}\n"
    "  - {date: 2026-10-15, kind: email, with: [bob]}\n"
    "  - {date: 2026-10-20, kind: note, with: [alice]}\n"
    "  - {date: 2026-11-01, kind: call, with: [bob, bob]}\n"
    "  - {date: 2026-12-01, kind: call, with: [alice]}\n";

Test(compute, touch_and_cadence_states)
{
	kith_journal *j = load(touch_yaml, NULL, "2026-12-01");
	kith_touch *t = kith_touch_compute(j, D("2026-11-10"));

	/* alice: the note does not touch, 12-01 is after as-of. Mentor
	 * 4w..6w from 10-01: due 10-29, overdue 11-12 -> due. */
	kith_touch *a = &t[contact(j, "alice")];
	cr_assert_eq(a->last_touch, D("2026-10-01"));
	cr_assert_eq(a->first_touch, D("2026-10-01"));
	cr_assert_eq(a->count, 1);
	cr_assert_str_eq(a->cadence_from, "mentor");
	cr_assert_eq(a->due_on, D("2026-10-29"));
	cr_assert_eq(a->overdue_on, D("2026-11-12"));
	cr_assert_eq(a->state, 1);

	/* bob: own 2w..3w beats the role; named twice, counted once per
	 * interaction; last 11-01 -> due 11-15, overdue 11-22 -> ok. */
	kith_touch *b = &t[contact(j, "bob")];
	cr_assert_str_eq(b->cadence_from, "own");
	cr_assert_eq(b->count, 2);
	cr_assert_eq(b->first_touch, D("2026-10-15"));
	cr_assert_eq(b->due_on, D("2026-11-15"));
	cr_assert_eq(b->state, 0);

	/* carol: a peer has no cadence; first touch is her met date. */
	kith_touch *c = &t[contact(j, "carol")];
	cr_assert_eq(c->has_cadence, 0);
	cr_assert_eq(c->state, -1);
	cr_assert_eq(c->first_touch, D("2026-01-01"));
	cr_assert_eq(c->last_touch, KITH_NO_DAY);

	/* dana: the first role with a cadence is key (6w..10w); never
	 * touched, the clock starts at met 09-01: due 10-13, overdue 11-10. */
	kith_touch *d = &t[contact(j, "dana")];
	cr_assert_str_eq(d->cadence_from, "key");
	cr_assert_eq(d->due_on, D("2026-10-13"));
	cr_assert_eq(d->overdue_on, D("2026-11-10"));
	cr_assert_eq(d->state, 2);

	/* erin: no touch, no met: due now, not overdue. */
	kith_touch *e = &t[contact(j, "erin")];
	cr_assert_eq(e->due_on, D("2026-11-10"));
	cr_assert_gt(e->overdue_on, D("2026-11-10"));
	cr_assert_eq(e->state, 1);
	free(t);
	kith_journal_free(j);
}

/* ------------------------------------------------------------------ */
/* Follow-up rules (default: after coffee, meeting, intro a thank-you
 * within 2d) and task items, as of 2026-11-12. */
static const char fu_yaml[] =
    "kith: 1\n"
    "include: [journal.md]\n"
    "contacts:\n"
    "  alice: {name: Alice Chen}\n"
    "  bob: {name: Bob Li}\n"
    "  carol: {name: Carol Diaz}\n"
    "  dana: {name: Dana Kim}\n"
    "interactions:\n"
    "  - {date: 2026-11-01, kind: coffee, with: [alice]}\n"
    "  - {date: 2026-11-01, kind: thank-you, with: [alice]}\n"
    "  - {date: 2026-11-02, kind: meeting, with: [bob, alice]}\n"
    "  - {date: 2026-11-05, kind: thank-you, with: [alice]}\n"
    "  - {date: 2026-11-06, kind: thank-you, with: [bob]}\n"
    "  - {date: 2026-11-08, kind: intro, with: [carol]}\n";
static const char fu_md[] =
    "# November\n"
    "\n"
    "## 2026-11-03 Coffee with @dana #coffee\n"
    "\n"
    "- [ ] Send the RFC draft to @dana due:2026-11-10\n"
    "- [x] Add Dana to contacts due:+1d done:2026-11-03\n"
    "- [ ] Read her paper\n"
    "- [x] Book the next chat due:2026-11-20\n";

static const kith_fu *find_rule_fu(const kith_journal *j, const kith_fus *f,
                                   const char *who, const char *trigger)
{
	for (uint32_t i = 0; i < f->n; i++)
		if (f->v[i].source == KITH_FU_RULE &&
		    f->v[i].contact == contact(j, who) &&
		    j->interactions.v[f->v[i].interaction].date == D(trigger))
			return &f->v[i];
	cr_assert_fail("no rule follow-up for %s after %s", who, trigger);
	return NULL;
}

static const kith_fu *find_task(const kith_journal *j, const kith_fus *f,
                                const char *text)
{
	for (uint32_t i = 0; i < f->n; i++)
		if (f->v[i].source == KITH_FU_TASK &&
		    kith_str_icontains(j->followups.v[f->v[i].followup].text.s,
		                       kith_str_c(text)))
			return &f->v[i];
	cr_assert_fail("no task '%s'", text);
	return NULL;
}

/* The order follow-ups come in: by due date (undated last), entry,
 * source, task, rule, contact. */
static int fu_order(const kith_fu *x, const kith_fu *y)
{
	int64_t a[6] = {x->due == KITH_NO_DAY ? INT64_MAX : x->due,
	                x->interaction,
	                x->source,
	                x->followup,
	                x->rule,
	                x->contact};
	int64_t b[6] = {y->due == KITH_NO_DAY ? INT64_MAX : y->due,
	                y->interaction,
	                y->source,
	                y->followup,
	                y->rule,
	                y->contact};
	for (int i = 0; i < 6; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return 0;
}

Test(compute, followup_rules_and_tasks)
{
	kith_journal *j = load(fu_yaml, fu_md, "2026-11-12");
	kith_fus f = {0};
	kith_fu_compute(j, D("2026-11-12"), &f);

	/* 5 owed (alice x2, bob, carol, dana) + 4 tasks. */
	cr_assert_eq(f.n, 9);
	/* Same-day thank-you settles the coffee on time. */
	const kith_fu *x = find_rule_fu(j, &f, "alice", "2026-11-01");
	cr_assert_eq(x->due, D("2026-11-03"));
	cr_assert_eq(x->done, D("2026-11-01"));
	cr_assert_eq(x->late, 0);
	cr_assert_eq(j->interactions.v[x->settled_by].date, D("2026-11-01"));
	/* Meeting 11-02: the first thank-you with alice on or after it is
	 * 11-05, after the 11-04 window: late. */
	x = find_rule_fu(j, &f, "alice", "2026-11-02");
	cr_assert_eq(x->done, D("2026-11-05"));
	cr_assert_eq(x->late, 1);
	x = find_rule_fu(j, &f, "bob", "2026-11-02");
	cr_assert_eq(x->done, D("2026-11-06"));
	cr_assert_eq(x->late, 1);
	/* Intro 11-08 to carol: never thanked, open, due 11-10. */
	x = find_rule_fu(j, &f, "carol", "2026-11-08");
	cr_assert_eq(x->due, D("2026-11-10"));
	cr_assert_eq(x->done, KITH_NO_DAY);
	cr_assert_eq(x->settled_by, KITH_NONE);
	/* The Markdown coffee owes dana a thank-you by 11-05. */
	x = find_rule_fu(j, &f, "dana", "2026-11-03");
	cr_assert_eq(x->due, D("2026-11-05"));
	cr_assert_eq(x->done, KITH_NO_DAY);

	x = find_task(j, &f, "RFC");
	cr_assert_eq(x->due, D("2026-11-10"));
	cr_assert_eq(x->done, KITH_NO_DAY);
	x = find_task(j, &f, "Add Dana");
	cr_assert_eq(x->due, D("2026-11-04"));
	cr_assert_eq(x->done, D("2026-11-03"));
	cr_assert_eq(x->late, 0);
	x = find_task(j, &f, "paper");
	cr_assert_eq(x->due, KITH_NO_DAY);
	/* Ticked without done: done on its due date, even ahead of as-of. */
	x = find_task(j, &f, "Book");
	cr_assert_eq(x->done, D("2026-11-20"));

	/* Ordered by due date, undated last. */
	for (uint32_t i = 1; i < f.n; i++)
		if (f.v[i].due != KITH_NO_DAY)
			cr_assert(f.v[i - 1].due != KITH_NO_DAY &&
			          f.v[i - 1].due <= f.v[i].due);
	cr_assert_eq(f.v[f.n - 1].due, KITH_NO_DAY);
	/* Ties broken by entry, tasks before owed, then task, rule, contact:
	 * every pair strictly in that order. */
	for (uint32_t i = 1; i < f.n; i++)
		cr_assert_lt(fu_order(&f.v[i - 1], &f.v[i]), 0, "at %u", i);
	/* The open ones alone, in the same order. */
	kith_fus open = {0};
	kith_parts parts;
	kith_parts_init(&parts, j);
	kith_fu_compute_open(j, &parts, D("2026-11-12"), &open);
	uint32_t k = 0;
	for (uint32_t i = 0; i < f.n; i++)
		if (f.v[i].done == KITH_NO_DAY) {
			cr_assert_lt(k, open.n);
			cr_assert_eq(
			    memcmp(&open.v[k++], &f.v[i], sizeof f.v[i]), 0);
		}
	cr_assert_eq(k, open.n);
	kith_parts_free(&parts);
	kith_vec_free(&open);
	kith_vec_free(&f);

	/* As of 11-04 the 11-05 thank-you has not happened: alice's
	 * meeting obligation is open, and the 11-08 intro does not exist. */
	kith_fu_compute(j, D("2026-11-04"), &f);
	x = find_rule_fu(j, &f, "alice", "2026-11-02");
	cr_assert_eq(x->done, KITH_NO_DAY);
	for (uint32_t i = 0; i < f.n; i++)
		cr_assert_neq(f.v[i].contact, contact(j, "carol"));
	kith_vec_free(&f);
	kith_journal_free(j);
}

/* Follow-ups whose due dates run against their entries' order (and some
 * undated, some sharing a day) come out in the one order all the same:
 * the counting sort moves them in place along long cycles. */
Test(compute, followups_sorted_in_place)
{
	kith_buf md = {0};
	kith_buf_puts(&md, "# 2026\n\n");
	for (int e = 0; e < 150; e++) {
		kith_buf_printf(&md, "## 2025-%02d-%02d Call %d #call\n\n",
		                1 + e / 28, 1 + e % 28, e);
		for (int t = 0; t < 3; t++) {
			int k = (e * 7 + t * 53) % 11;
			if (k == 0)
				kith_buf_printf(&md, "- [ ] undated %d.%d\n", e,
				                t);
			else
				kith_buf_printf(
				    &md,
				    "- [ ] task %d.%d due:2026-%02d-%02d\n", e,
				    t, 12 - k, 1 + (e * 13 + t) % 28);
		}
		kith_buf_puts(&md, "\n");
	}
	kith_buf_putc(&md, '\0');
	kith_journal *j =
	    load("kith: 1\ninclude: [journal.md]\n", md.p, "2026-12-31");
	kith_fus f = {0};
	kith_fu_compute(j, D("2026-12-31"), &f);
	cr_assert_eq(f.n, 450);
	uint32_t undated = 0;
	for (uint32_t i = 0; i < f.n; i++) {
		undated += f.v[i].due == KITH_NO_DAY;
		if (i)
			cr_assert_lt(fu_order(&f.v[i - 1], &f.v[i]), 0, "at %u",
			             i);
	}
	cr_assert_gt(undated, 0);
	cr_assert_eq(f.v[f.n - 1].due, KITH_NO_DAY);
	kith_vec_free(&f);
	kith_journal_free(j);
	kith_buf_free(&md);
}

/* ------------------------------------------------------------------ */
/* One goal with a metric per measure, as of 2026-11-22. */
static const char goal_yaml[] =
    "kith: 1\n"
    "contacts:\n"
    "  alice: {name: Alice Chen, roles: [mentor], tags: [platform], "
    "met: 2025-03-14}\n"
    "  bob: {name: Bob Li, roles: [key], tags: [platform]}\n"
    "  carol: {name: Carol Diaz, roles: [peer], tags: [sales], "
    "met: 2026-11-02, birthday: 11-28}\n"
    "  dana: {name: Dana Kim, roles: [mentor], tags: [platform]}\n"
    "events:\n"
    "  meetup-nov: {title: Platform meetup, date: 2026-11-12, "
    "status: attended}\n"
    "  meetup-oct: {title: Platform meetup, date: 2026-10-08, "
    "status: attended}\n"
    "  kubecon: {title: KubeCon, date: 2026-11-30, end: 2026-12-02, "
    "location: Atlanta, status: registered}\n"
    "goals:\n"
    "  grow:\n"
    "    title: Grow platform network\n"
    "    start: 2026-01-01\n"
    "    end: 2026-12-31\n"
    "    metrics:\n"
    "      new-people: {measure: new-contacts, where: 'tag:platform', "
    "target: 4, per: month}\n"
    "      chats: {measure: interactions, where: 'kind:coffee', "
    "target: 6, per: quarter}\n"
    "      people: {measure: contacts, target: 3, per: month}\n"
    "      events: {measure: events, target: 6, per: year}\n"
    "      fus: {measure: follow-ups, target: 2, per: month}\n"
    "      thanks: {measure: on-time-rate, target: 90%, per: quarter}\n"
    "      touch: {measure: in-touch-rate, target: 50%, per: month}\n"
    "    checkpoints:\n"
    "      - date: 2026-11-15\n"
    "        expect: {new-people: 3, events: 3}\n"
    "      - date: 2026-06-30\n"
    "        expect: {events: 0}\n"
    "      - date: 2026-12-15\n"
    "        expect: {events: 4}\n"
    "    actions:\n"
    "      - do: Ask @alice for an intro to @dana\n"
    "        due: 2026-11-25\n"
    "      - do: Join the meetup\n"
    "        due: 2026-02-01\n"
    "        done: 2026-01-20\n"
    "      - do: Write a talk proposal\n"
    "  old:\n"
    "    title: Dropped goal\n"
    "    status: dropped\n"
    "    start: 2025-01-01\n"
    "    end: 2025-12-31\n"
    "interactions:\n"
    "  - {date: 2026-10-05, kind: coffee, with: [alice]}\n"
    "  - {date: 2026-11-03, kind: coffee, with: [bob]}\n"
    "  - {date: 2026-11-04, kind: thank-you, with: [bob]}\n"
    "  - {date: 2026-11-10, kind: meeting, with: [dana, carol]}\n"
    "  - {date: 2026-11-14, kind: thank-you, with: [dana]}\n"
    "  - {date: 2026-11-20, kind: coffee, with: [carol]}\n"
    "  - {date: 2026-11-21, kind: note, with: [alice]}\n";

static const kith_metric *metric(const kith_goal *g, const char *id)
{
	for (uint32_t i = 0; i < g->metrics.n; i++)
		if (kith_str_eqc(g->metrics.v[i].id, id))
			return &g->metrics.v[i];
	cr_assert_fail("no metric %s", id);
	return NULL;
}

static const kith_goal *goal(const kith_journal *j, const char *id)
{
	uint32_t g = kith_find_goal(j, kith_str_c(id));
	cr_assert_neq(g, KITH_NONE);
	return &j->goals.v[g];
}

/* Value of metric id in its bucket containing as-of, and its status. */
static kith_mval value(const kith_journal *j, const char *id,
                       kith_pace_status *st, double *pace)
{
	const kith_goal *g = goal(j, "grow");
	const kith_metric *m = metric(g, id);
	kith_day asof = D("2026-11-22");
	kith_fus f = {0};
	kith_fu_compute(j, asof, &f);
	kith_period b = kith_metric_bucket(g, m, asof);
	kith_mval v = kith_metric_value_at(j, g, m, b.from, b.to, &f, asof);
	*st = kith_metric_status(m, b, asof, v, pace);
	kith_vec_free(&f);
	return v;
}

Test(compute, measures_and_status)
{
	kith_journal *j = load(goal_yaml, NULL, "2026-11-22");
	kith_pace_status st;
	double pace;
	kith_mval v;

	/* new-contacts, tag:platform, November: bob (first touch 11-03) and
	 * dana (11-10); alice met in 2025; carol is not platform. Pace
	 * 4 x 22/30 = 2.93 -> behind. */
	v = value(j, "new-people", &st, &pace);
	cr_assert_eq(v.actual, 2);
	cr_assert_float_eq(pace, 4.0 * 22 / 30, 1e-9);
	cr_assert_eq(st, KITH_PACE_BEHIND);
	/* interactions kind:coffee in Q4 up to 11-22: 10-05, 11-03, 11-20.
	 * Pace 6 x 53/92 = 3.46 -> behind. */
	v = value(j, "chats", &st, &pace);
	cr_assert_eq(v.actual, 3);
	cr_assert_float_eq(pace, 6.0 * 53 / 92, 1e-9);
	cr_assert_eq(st, KITH_PACE_BEHIND);
	/* contacts in November's interactions: bob, dana, carol, alice (the
	 * note counts as an interaction) = 4 >= 3 -> met. */
	v = value(j, "people", &st, &pace);
	cr_assert_eq(v.actual, 4);
	cr_assert_eq(st, KITH_PACE_MET);
	/* events attended in 2026: October and November meetups; kubecon
	 * is only registered. */
	v = value(j, "events", &st, &pace);
	cr_assert_eq(v.actual, 2);
	cr_assert_float_eq(pace, 6.0 * 326 / 365, 1e-9);
	cr_assert_eq(st, KITH_PACE_BEHIND);
	/* follow-ups done in November: bob's thank-you 11-04, dana's 11-14. */
	v = value(j, "fus", &st, &pace);
	cr_assert_eq(v.actual, 2);
	cr_assert_eq(st, KITH_PACE_MET);
	/* on-time-rate Q4: due alice 10-07 (open), bob 11-05 (on time),
	 * dana 11-12 (late, 11-14), carol 11-12 (open); carol's coffee is due
	 * 11-22, today, and not rated yet: 1 of 4 = 25% < 90 -> behind. */
	v = value(j, "thanks", &st, &pace);
	cr_assert(v.defined);
	cr_assert_eq(v.num, 1);
	cr_assert_eq(v.den, 4);
	cr_assert_float_eq(v.actual, 25.0, 1e-9);
	cr_assert_float_eq(pace, 90.0, 1e-9);
	cr_assert_eq(st, KITH_PACE_BEHIND);
	/* in-touch-rate at 11-22: alice (mentor, last touch 10-05, overdue
	 * from 11-16) out; bob (key) and dana (mentor) in; carol has no
	 * cadence: 2 of 3 -> met 50%. */
	v = value(j, "touch", &st, &pace);
	cr_assert_eq(v.num, 2);
	cr_assert_eq(v.den, 3);
	cr_assert_eq(st, KITH_PACE_MET);
	kith_journal_free(j);
}

Test(compute, pace_status_and_buckets)
{
	kith_metric m = {0};
	kith_goal g = {0};
	double pace;
	kith_period nov = {D("2026-11-01"), D("2026-11-30")};
	kith_period oct = {D("2026-10-01"), D("2026-10-31")};
	kith_period dec = {D("2026-12-01"), D("2026-12-31")};
	kith_day asof = D("2026-11-15");
	kith_mval v = {0, 1, 0, 0};

	m.measure = KITH_MEASURE_INTERACTIONS;
	m.target = 10;
	m.per = KITH_PER_MONTH;
	/* 15 of 30 days elapsed: pace 5. */
	v.actual = 5;
	cr_assert_eq(kith_metric_status(&m, nov, asof, v, &pace),
	             KITH_PACE_ON_TRACK);
	cr_assert_float_eq(pace, 5.0, 1e-9);
	v.actual = 4.9;
	cr_assert_eq(kith_metric_status(&m, nov, asof, v, &pace),
	             KITH_PACE_BEHIND);
	v.actual = 10;
	cr_assert_eq(kith_metric_status(&m, nov, asof, v, &pace),
	             KITH_PACE_MET);
	v.actual = 9;
	cr_assert_eq(kith_metric_status(&m, oct, asof, v, &pace),
	             KITH_PACE_CLOSED);
	cr_assert_float_eq(pace, 10.0, 1e-9);
	cr_assert_eq(kith_metric_status(&m, dec, asof, v, &pace),
	             KITH_PACE_NOT_STARTED);
	cr_assert_str_eq(kith_pace_names[KITH_PACE_ON_TRACK], "on-track");

	/* Rates: no pace, the rate against the target. */
	m.measure = KITH_MEASURE_ON_TIME_RATE;
	m.target = 90;
	v.actual = 95;
	cr_assert_eq(kith_metric_status(&m, nov, asof, v, &pace),
	             KITH_PACE_MET);
	v.actual = 80;
	cr_assert_eq(kith_metric_status(&m, nov, asof, v, &pace),
	             KITH_PACE_BEHIND);
	cr_assert_float_eq(pace, 90.0, 1e-9);
	v.defined = 0;
	cr_assert_eq(kith_metric_status(&m, nov, asof, v, &pace),
	             KITH_PACE_NOT_STARTED);

	/* Buckets are clipped to the goal; per goal is the whole span. */
	g.start.day = D("2026-01-15");
	g.end.day = D("2026-06-10");
	kith_period b = kith_metric_bucket(&g, &m, D("2026-01-20"));
	cr_assert_eq(b.from, D("2026-01-15"));
	cr_assert_eq(b.to, D("2026-01-31"));
	m.per = KITH_PER_QUARTER;
	b = kith_metric_bucket(&g, &m, D("2026-05-01"));
	cr_assert_eq(b.from, D("2026-04-01"));
	cr_assert_eq(b.to, D("2026-06-10"));
	m.per = KITH_PER_WEEK;
	b = kith_metric_bucket(&g, &m, D("2026-03-05")); /* a Thursday */
	cr_assert_eq(b.from, D("2026-03-02"));
	cr_assert_eq(b.to, D("2026-03-08"));
	m.per = KITH_PER_GOAL;
	b = kith_metric_bucket(&g, &m, D("2026-03-05"));
	cr_assert_eq(b.from, D("2026-01-15"));
	cr_assert_eq(b.to, D("2026-06-10"));
}

/* The status is judged on the numbers as they print: never "behind" next
 * to an actual and a pace (or target) that print the same. */
Test(compute, status_agrees_with_printed_numbers)
{
	kith_metric m = {0};
	double pace;
	kith_period jan = {D("2026-01-01"), D("2026-01-31")};
	kith_mval v = {1, 1, 0, 0};
	kith_buf a = {0}, p = {0};

	m.measure = KITH_MEASURE_INTERACTIONS;
	m.per = KITH_PER_MONTH;
	/* 16 of 31 days of a target of 2: pace 1.03, printed "1". */
	m.target = 2;
	kith_pace_status st =
	    kith_metric_status(&m, jan, D("2026-01-16"), v, &pace);
	kith_num_fmt(v.actual, &a);
	kith_num_fmt(pace, &p);
	cr_assert_str_eq(kith_buf_cstr(&a), kith_buf_cstr(&p));
	cr_assert_eq(st, KITH_PACE_ON_TRACK, "actual %s, pace %s: %s",
	             kith_buf_cstr(&a), kith_buf_cstr(&p), kith_pace_names[st]);
	/* Just under the printed pace is still behind. */
	v.actual = 0.9;
	cr_assert_eq(kith_metric_status(&m, jan, D("2026-01-16"), v, &pace),
	             KITH_PACE_BEHIND);
	/* A pro-rated target of 8.04 prints "8": 8 meets it. */
	m.target = 8.04;
	v.actual = 8;
	cr_assert_eq(kith_metric_status(&m, jan, D("2026-01-16"), v, &pace),
	             KITH_PACE_MET);
	/* Rates print whole percent: 2 of 3 (66.67%) prints "67%" and
	 * meets a 67% target; 65.4% does not meet 66%. */
	m.measure = KITH_MEASURE_ON_TIME_RATE;
	m.target = 67;
	v = (kith_mval){100.0 * 2 / 3, 1, 2, 3};
	cr_assert_eq(kith_metric_status(&m, jan, D("2026-01-16"), v, &pace),
	             KITH_PACE_MET);
	m.target = 66;
	v.actual = 65.4;
	cr_assert_eq(kith_metric_status(&m, jan, D("2026-01-16"), v, &pace),
	             KITH_PACE_BEHIND);
	/* Half away from zero, as printed. */
	cr_assert_float_eq(kith_pct_shown(32.5), 33, 1e-12);
	cr_assert_float_eq(kith_pct_shown(-32.5), -33, 1e-12);
	cr_assert_float_eq(kith_num_shown(1.25), 1.3, 1e-12);
	cr_assert_float_eq(kith_num_shown(1.04), 1.0, 1e-12);
	kith_buf_free(&a);
	kith_buf_free(&p);
}

Test(compute, checkpoint_missed_diagnostic)
{
	kith_journal *j = load(goal_yaml, NULL, "2026-11-22");
	/* 11-15: new-people from 01-01: bob 11-03, dana 11-10 = 2 of 3;
	 * events: 10-08 and 11-12 = 2 of 3. 06-30 expects 0 events: met.
	 * 12-15 is after as-of: not judged. */
	uint32_t n = 0;
	for (uint32_t i = 0; i < j->diags.list.n; i++) {
		const kith_diag *d = &j->diags.list.v[i];
		if (d->code != KITH_D_CHECKPOINT_MISSED)
			continue;
		n++;
		cr_assert_eq(d->sev, KITH_SEV_WARNING);
		cr_assert_str_eq(d->msg,
		                 "checkpoint 2026-11-15 of goal 'grow' missed: "
		                 "new-people 2 of 3, events 2 of 3");
		/* The checkpoint item ("- date: 2026-11-15"), line 25. */
		cr_assert_eq(d->pos.line, 25);
		cr_assert_eq(d->pos.col, 9);
		cr_assert_not_null(d->hint);
	}
	cr_assert_eq(n, 1);
	kith_journal_free(j);

	/* As of 11-14 the checkpoint is still ahead: nothing reported. */
	j = load(goal_yaml, NULL, "2026-11-14");
	for (uint32_t i = 0; i < j->diags.list.n; i++)
		cr_assert_neq(j->diags.list.v[i].code,
		              KITH_D_CHECKPOINT_MISSED);
	kith_journal_free(j);
}

/* ------------------------------------------------------------------ */
static const kith_section *section(const kith_report *r, const char *id,
                                   uint32_t nth)
{
	for (uint32_t i = 0; i < r->sections.n; i++)
		if (!strcmp(r->sections.v[i].id, id) && nth-- == 0)
			return &r->sections.v[i];
	cr_assert_fail("no section %s", id);
	return NULL;
}

static const char *text(const kith_section *s, uint32_t row, const char *col)
{
	int c = kith_section_col(s, col);
	cr_assert_geq(c, 0, "column %s", col);
	const kith_cell *k = kith_section_cell(s, row, (uint32_t)c);
	return k->type == KITH_CELL_TEXT ? k->s : "";
}

static const kith_cell *cell(const kith_section *s, uint32_t row,
                             const char *col)
{
	int c = kith_section_col(s, col);
	cr_assert_geq(c, 0, "column %s", col);
	return kith_section_cell(s, row, (uint32_t)c);
}

static kith_opts opts(const char *asof)
{
	kith_opts o;
	memset(&o, 0, sizeof(o));
	o.as_of = D(asof);
	o.period.from = o.period.to = KITH_NO_DAY;
	o.within = (kith_dur){14, KITH_UNIT_DAY};
	o.freq = -1;
	return o;
}

Test(compute, due_digest_order)
{
	kith_journal *j = load(goal_yaml, NULL, "2026-11-22");
	kith_opts o = opts("2026-11-22");
	o.private_fields = 1;
	kith_report *r = kith_compute_due(j, &o);
	cr_assert_str_eq(r->title, "Due as of 2026-11-22");
	const kith_section *s = section(r, "items", 0);

	/* Window 11-22..12-06. Overdue: alice's thank-you for the 10-05
	 * coffee (due 10-07), carol's for the 11-10 meeting (11-12), alice
	 * out of touch since 11-16 (mentor 6w after 10-05). Due today:
	 * carol's thank-you for the 11-20 coffee. Upcoming: the action
	 * (11-25), carol's birthday (11-28), kubecon (11-30). bob (due
	 * 12-16) and dana (12-26) are beyond the window. */
	static const char *const want[][4] = {
	    {"overdue", "2026-10-07", "thank-you", "@alice"},
	    {"overdue", "2026-11-12", "thank-you", "@carol"},
	    {"overdue", "2026-11-16", "stay-in-touch", "@alice"},
	    {"due", "2026-11-22", "thank-you", "@carol"},
	    {"upcoming", "2026-11-25", "action", ""},
	    {"upcoming", "2026-11-28", "birthday", "@carol"},
	    {"upcoming", "2026-11-30", "event", ""},
	};
	cr_assert_eq(s->nrows, KITH_ARRAY_LEN(want));
	for (uint32_t i = 0; i < s->nrows; i++) {
		cr_assert_str_eq(text(s, i, "state"), want[i][0], "row %u", i);
		cr_assert_eq(cell(s, i, "date")->day, D(want[i][1]), "row %u",
		             i);
		cr_assert_str_eq(text(s, i, "type"), want[i][2], "row %u", i);
		cr_assert_str_eq(text(s, i, "who"), want[i][3], "row %u", i);
	}
	cr_assert_eq(cell(s, 0, "in")->i, -46);
	cr_assert_eq(cell(s, 0, "state")->style, KITH_STYLE_BAD);
	cr_assert_eq(cell(s, 3, "state")->style, KITH_STYLE_WARN);
	cr_assert_eq(cell(s, 4, "state")->style, KITH_STYLE_OK);
	cr_assert_str_eq(text(s, 0, "why"),
	                 "coffee 2026-10-05 (rule: thank-you within 2d)");
	cr_assert_str_eq(text(s, 2, "why"),
	                 "cadence 4w..6w (mentor), last touch 2026-10-05");
	cr_assert_str_eq(text(s, 4, "why"), "goal grow");
	cr_assert_eq(cell(s, 6, "end")->day, D("2026-12-02"));

	/* uids: unique, and the same on a second run. */
	kith_report *r2 = kith_compute_due(j, &o);
	const kith_section *s2 = section(r2, "items", 0);
	for (uint32_t i = 0; i < s->nrows; i++) {
		cr_assert_str_eq(text(s, i, "uid"), text(s2, i, "uid"));
		for (uint32_t k = 0; k < i; k++)
			cr_assert_str_neq(text(s, i, "uid"), text(s, k, "uid"));
	}
	kith_report_free(r2);
	kith_report_free(r);

	/* Without --private there is no birthday; a query keeps carol's. */
	o.private_fields = 0;
	size_t col, len;
	const char *err;
	o.query = kith_query_parse(j, "@carol", 6, o.as_of, &col, &len, &err);
	cr_assert_not_null(o.query);
	r = kith_compute_due(j, &o);
	s = section(r, "items", 0);
	cr_assert_eq(s->nrows, 2);
	for (uint32_t i = 0; i < s->nrows; i++) {
		cr_assert_str_eq(text(s, i, "who"), "@carol");
		cr_assert_str_eq(text(s, i, "type"), "thank-you");
	}
	kith_report_free(r);
	kith_query_free(o.query);
	kith_journal_free(j);
}

static int find_row(const kith_section *s, const char *metric,
                    const char *bucket)
{
	for (uint32_t i = 0; i < s->nrows; i++)
		if (!strcmp(text(s, i, "metric"), metric) &&
		    !strcmp(text(s, i, "bucket"), bucket))
			return (int)i;
	cr_assert_fail("no row %s %s", metric, bucket);
	return -1;
}

Test(compute, goals_report_and_matrix)
{
	kith_journal *j = load(goal_yaml, NULL, "2026-11-22");
	kith_opts o = opts("2026-11-22");
	kith_report *r = kith_compute_goals(j, &o);
	cr_assert_str_eq(r->title, "Goals as of 2026-11-22");

	/* Active goals first. */
	const kith_section *s = section(r, "goals", 0);
	cr_assert_eq(s->nrows, 2);
	cr_assert_str_eq(text(s, 0, "goal"), "grow");
	cr_assert_str_eq(text(s, 1, "goal"), "old");

	s = section(r, "metrics", 0);
	cr_assert_eq(s->chart, KITH_CHART_PROGRESS);
	cr_assert_eq(s->nrows, 7);
	int k = find_row(s, "new-people", "2026-11");
	cr_assert_float_eq(cell(s, k, "actual")->d, 2, 1e-9);
	cr_assert_float_eq(cell(s, k, "target")->d, 4, 1e-9);
	cr_assert_float_eq(cell(s, k, "percent")->d, 50, 1e-9);
	cr_assert_str_eq(text(s, k, "status"), "behind");
	k = find_row(s, "chats", "2026-Q4");
	cr_assert_float_eq(cell(s, k, "actual")->d, 3, 1e-9);
	k = find_row(s, "people", "2026-11");
	cr_assert_str_eq(text(s, k, "status"), "met");
	cr_assert_eq(cell(s, k, "status")->style, KITH_STYLE_GOOD);

	/* Checkpoints: 11-15 missed, 06-30 met, 12-15 upcoming. */
	s = section(r, "checkpoints", 0);
	cr_assert_eq(s->nrows, 3);
	cr_assert_str_eq(text(s, 0, "verdict"), "missed");
	cr_assert_str_eq(text(s, 0, "expect"), "new-people 3, events 3");
	cr_assert_str_eq(text(s, 0, "actual"), "new-people 2, events 2");
	cr_assert_str_eq(text(s, 1, "verdict"), "met");
	cr_assert_str_eq(text(s, 2, "verdict"), "upcoming");

	/* Open actions of active goals: the intro and the undated talk. */
	s = section(r, "actions", 0);
	cr_assert_eq(s->nrows, 2);
	cr_assert_str_eq(text(s, 0, "state"), "upcoming");
	cr_assert_eq(cell(s, 0, "in")->i, 3);
	cr_assert_str_eq(text(s, 1, "state"), "open");
	kith_report_free(r);

	/* Monthly matrix over Q4: a row per metric per month. */
	o.freq = KITH_PER_MONTH;
	o.has_period = 1;
	o.period.from = D("2026-10-01");
	o.period.to = D("2026-12-31");
	r = kith_compute_goals(j, &o);
	s = section(r, "matrix", 0);
	cr_assert_eq(s->chart, KITH_CHART_MATRIX);
	cr_assert_eq(s->nrows, 7 * 3);
	/* October: no new platform contact (alice met in 2025): missed. */
	k = find_row(s, "new-people", "2026-10");
	cr_assert_float_eq(cell(s, k, "actual")->d, 0, 1e-9);
	cr_assert_str_eq(text(s, k, "status"), "missed");
	/* events per year, monthly share: 6 x 31/365 for October; one
	 * meetup attended: met. */
	k = find_row(s, "events", "2026-10");
	cr_assert_float_eq(cell(s, k, "target")->d, 6.0 * 31 / 365, 1e-9);
	cr_assert_float_eq(cell(s, k, "actual")->d, 1, 1e-9);
	cr_assert_str_eq(text(s, k, "status"), "met");
	/* chats per quarter: a month is a third of Q4 by days (31/92). */
	k = find_row(s, "chats", "2026-11");
	cr_assert_float_eq(cell(s, k, "target")->d, 6.0 * 30 / 92, 1e-9);
	cr_assert_float_eq(cell(s, k, "actual")->d, 2, 1e-9);
	/* December has not started. */
	k = find_row(s, "new-people", "2026-12");
	cr_assert_str_eq(text(s, k, "status"), "not-started");
	kith_report_free(r);

	/* -p 2026-Q4 without a frequency: one row per metric over the
	 * period, the monthly target tripled. */
	o.freq = -1;
	r = kith_compute_goals(j, &o);
	s = section(r, "metrics", 0);
	cr_assert_eq(s->nrows, 7);
	k = find_row(s, "new-people", "2026-Q4");
	cr_assert_float_eq(cell(s, k, "target")->d, 12, 1e-9);
	cr_assert_float_eq(cell(s, k, "actual")->d, 2, 1e-9);
	kith_report_free(r);
	kith_journal_free(j);
}

/* The one-pass series agrees with bucket-by-bucket values for every
 * measure, over weekly buckets across a year (some after as-of). */
Test(compute, series_matches_single_buckets)
{
	kith_journal *j = load(goal_yaml, NULL, "2026-11-22");
	const kith_goal *g = goal(j, "grow");
	kith_day asof = D("2026-11-22");
	kith_fus f = {0};
	kith_fu_compute(j, asof, &f);
	kith_period b[60];
	uint32_t n = 0;
	for (kith_day d = D("2026-01-01"); n < 60; n++) {
		b[n] = kith_bucket_of(KITH_PER_WEEK, d);
		d = b[n].to + 1;
	}
	for (uint32_t i = 0; i < g->metrics.n; i++) {
		const kith_metric *m = &g->metrics.v[i];
		kith_mval v[60];
		kith_metric_series(j, g, m, b, n, &f, asof, v);
		for (uint32_t k = 0; k < n; k++) {
			kith_mval w = kith_metric_value_at(j, g, m, b[k].from,
			                                   b[k].to, &f, asof);
			cr_assert_eq(v[k].defined, w.defined);
			cr_assert_eq(v[k].num, w.num, "%.*s week %u",
			             KITH_S(m->id), k);
			cr_assert_eq(v[k].den, w.den);
		}
	}
	/* in-touch-rate by week: 2026-W46 ends 11-22; alice is overdue from
	 * 11-16: 2 of 3. W45 ends 11-15: alice still in, dana touched 11-14,
	 * bob 11-04: 3 of 3. */
	kith_mval w =
	    kith_metric_value_at(j, g, metric(g, "touch"), D("2026-11-09"),
	                         D("2026-11-15"), &f, asof);
	cr_assert_eq(w.num, 3);
	cr_assert_eq(w.den, 3);
	kith_vec_free(&f);
	kith_journal_free(j);
}

/* With the journal's date order set, every measure reads only the
 * interactions of its buckets' span and counts what a walk over all of
 * them counts; an order set for another journal is not used. */
Test(compute, series_in_date_order_matches_walk)
{
	kith_journal *j = load(goal_yaml, NULL, "2026-11-22");
	const kith_goal *g = goal(j, "grow");
	kith_day asof = D("2026-11-22");
	kith_fus f = {0};
	kith_fu_compute(j, asof, &f);
	kith_period b[3] = {{D("2026-01-01"), D("2026-06-30")},
	                    {D("2026-10-01"), D("2026-11-15")},
	                    {D("2026-11-16"), D("2026-12-31")}};
	uint32_t n, *chrono = kith_disp_chrono(j, &n);
	kith_journal *j2 = load(goal_yaml, NULL, "2026-11-22");
	uint32_t n2, *chrono2 = kith_disp_chrono(j2, &n2);
	uint32_t checked = 0;
	for (uint32_t i = 0; i < g->metrics.n; i++) {
		const kith_metric *m = &g->metrics.v[i];
		for (uint32_t first = 0; first < 3; first++) {
			kith_mval walk[3], fast[3], other[3];
			kith_metric_date_order(NULL, NULL, 0);
			kith_metric_series(j, g, m, b + first, 3 - first, &f,
			                   asof, walk);
			kith_metric_date_order(j, chrono, n);
			kith_metric_series(j, g, m, b + first, 3 - first, &f,
			                   asof, fast);
			kith_metric_date_order(j2, chrono2, n2);
			kith_metric_series(j, g, m, b + first, 3 - first, &f,
			                   asof, other);
			for (uint32_t k = 0; k < 3 - first; k++) {
				cr_assert_eq(fast[k].num, walk[k].num,
				             "%.*s bucket %u", KITH_S(m->id),
				             first + k);
				cr_assert_eq(fast[k].den, walk[k].den);
				cr_assert_eq(fast[k].defined, walk[k].defined);
				cr_assert_eq(other[k].num, walk[k].num);
				checked += walk[k].num != 0;
			}
		}
	}
	kith_metric_date_order(NULL, NULL, 0);
	cr_assert_gt(checked, 5, "the buckets hold something to count");
	free(chrono);
	free(chrono2);
	kith_journal_free(j2);
	kith_vec_free(&f);
	kith_journal_free(j);
}

/* A matrix row for the bucket holding as-of is the whole calendar bucket
 * with its full target, judged by pace exactly as plain `kith goals`
 * judges it; it is not cut at as-of with a scaled-down target. */
Test(compute, goals_matrix_current_bucket_as_goals)
{
	kith_journal *j = load(goal_yaml, NULL, "2026-11-22");
	kith_opts o = opts("2026-11-22");
	kith_report *plain = kith_compute_goals(j, &o);
	o.freq = KITH_PER_QUARTER;
	kith_report *r = kith_compute_goals(j, &o);
	const kith_section *p = section(plain, "metrics", 0);
	const kith_section *s = section(r, "matrix", 0);
	/* chats: 6 per quarter; 3 coffees in Q4; pace 6 x 53/92. */
	int a = find_row(p, "chats", "2026-Q4");
	int b = find_row(s, "chats", "2026-Q4");
	cr_assert_float_eq(cell(s, b, "target")->d, 6, 1e-9);
	cr_assert_float_eq(cell(s, b, "pace")->d, 6.0 * 53 / 92, 1e-9);
	cr_assert_float_eq(cell(s, b, "actual")->d, 3, 1e-9);
	for (uint32_t i = 0; i < p->ncols; i++) {
		const char *id = p->cols[i].id;
		if (kith_section_col(s, id) < 0) /* measure, percent */
			continue;
		if (!strcmp(id, "status") || !strcmp(id, "bucket") ||
		    !strcmp(id, "goal") || !strcmp(id, "metric")) {
			cr_assert_str_eq(text(s, b, id), text(p, a, id));
			continue;
		}
		cr_assert_float_eq(cell(s, b, id)->d, cell(p, a, id)->d, 1e-9,
		                   "column %s", id);
	}
	cr_assert_str_eq(text(s, b, "status"), "behind");
	kith_report_free(r);
	/* Monthly rows of a quarterly target: November is its whole month
	 * (6 x 30/92), labelled 2026-11, not 2026-11-01..2026-11-22. */
	o.freq = KITH_PER_MONTH;
	r = kith_compute_goals(j, &o);
	s = section(r, "matrix", 0);
	b = find_row(s, "chats", "2026-11");
	cr_assert_float_eq(cell(s, b, "target")->d, 6.0 * 30 / 92, 1e-9);
	cr_assert_float_eq(cell(s, b, "pace")->d, 6.0 * 22 / 92, 1e-9);
	/* new-people: 4 a month, full target in the month of as-of. */
	b = find_row(s, "new-people", "2026-11");
	cr_assert_float_eq(cell(s, b, "target")->d, 4, 1e-9);
	kith_report_free(r);
	kith_report_free(plain);
	kith_journal_free(j);
}

/* A due query picks follow-ups by whom they concern: a task by its
 * @mentions (else the entry's participants), a rule-owed one by the
 * contact owed; the entry's other fields (kind...) still apply. */
static const char due_who_yaml[] = "kith: 1\n"
                                   "include: [journal.md]\n"
                                   "contacts:\n"
                                   "  alice: {name: Alice Chen}\n"
                                   "  bob: {name: Bob Li}\n"
                                   "  carol: {name: Carol Diaz, org: Acme}\n";
static const char due_who_md[] =
    "## 2026-11-10 Meeting with @alice and @bob #meeting\n"
    "\n"
    "- [ ] Send @carol the deck due:2026-11-25\n"
    "- [ ] Write up the notes due:2026-11-26\n";

static void assert_due_whats(const kith_journal *j, const char *query,
                             const char *const *want, uint32_t n)
{
	kith_opts o = opts("2026-11-22");
	size_t col, len;
	const char *err;
	o.query = kith_query_parse((kith_journal *)j, query, strlen(query),
	                           o.as_of, &col, &len, &err);
	cr_assert_not_null(o.query, "%s", query);
	kith_report *r = kith_compute_due(j, &o);
	const kith_section *s = section(r, "items", 0);
	cr_assert_eq(s->nrows, n, "%s: %u rows", query, s->nrows);
	for (uint32_t i = 0; i < n; i++)
		cr_assert_str_eq(text(s, i, "what"), want[i], "%s row %u",
		                 query, i);
	kith_report_free(r);
	kith_query_free(o.query);
}

Test(compute, due_query_by_whom_it_concerns)
{
	kith_journal *j = load(due_who_yaml, due_who_md, "2026-11-22");
	static const char *const alice[] = {"thank-you to @alice",
	                                    "Write up the notes"};
	static const char *const carol[] = {"Send @carol the deck"};
	static const char *const all[] = {
	    "thank-you to @alice", "thank-you to @bob", "Send @carol the deck",
	    "Write up the notes"};
	assert_due_whats(j, "@alice", alice, 2);
	assert_due_whats(j, "@carol", carol, 1);
	assert_due_whats(j, "org:acme", carol, 1);
	assert_due_whats(j, "kind:meeting", all, 4);
	assert_due_whats(j, "kind:call", NULL, 0);
	kith_journal_free(j);
}

/* A regex that hits the match limit is no match, but the report says so
 * in a "warning" fact instead of silently dropping the item. */
Test(compute, regex_match_limit_is_reported)
{
	kith_journal *j = load(due_who_yaml, due_who_md, "2026-11-22");
	kith_opts o = opts("2026-11-22");
	static const char q[] = "/(a+)+$/ or kind:meeting";
	size_t col, len;
	const char *err;
	o.query = kith_query_parse(j, q, strlen(q), o.as_of, &col, &len, &err);
	cr_assert_not_null(o.query);
	/* A contact whose name is a long run of a's: the pattern gives up. */
	static char name[64];
	memset(name, 'a', 40);
	strcpy(name + 40, "!");
	kith_contact *bob = &j->contacts.v[contact(j, "bob")];
	kith_str keep = bob->name.s;
	bob->name.s = kith_str_c(name);
	kith_report *r = kith_compute_contacts(j, &o);
	const char *w = NULL;
	for (uint32_t i = 0; i < r->facts.n; i++)
		if (!strcmp(r->facts.v[i].label, "warning"))
			w = r->facts.v[i].value;
	cr_assert_str_eq(w, "the query's regular expression hit its match "
	                    "limit on 1 item; results may be incomplete");
	kith_report_free(r);
	/* Without a failure there is no warning. */
	bob->name.s = keep;
	r = kith_compute_due(j, &o);
	for (uint32_t i = 0; i < r->facts.n; i++)
		cr_assert_str_neq(r->facts.v[i].label, "warning");
	kith_report_free(r);
	kith_query_free(o.query);
	kith_journal_free(j);
}

/* Checkpoint values print as written: whole numbers plainly, however big. */
Test(compute, checkpoint_values_print_plainly)
{
	static const char yaml[] =
	    "kith: 1\n"
	    "goals:\n"
	    "  big:\n"
	    "    title: Big\n"
	    "    start: 2026-01-01\n"
	    "    metrics:\n"
	    "      chats: {measure: interactions, target: 2, per: month}\n"
	    "      rate: {measure: in-touch-rate, target: 50%, per: month}\n"
	    "    checkpoints:\n"
	    "      - date: 2026-12-31\n"
	    "        expect: {chats: 1000000000000, rate: 12.5%}\n";
	kith_journal *j = load(yaml, NULL, "2026-11-22");
	const kith_goal *g = goal(j, "big");
	kith_buf e = {0}, a = {0};
	int v = kith_checkpoint_eval(j, g, &g->checkpoints.v[0],
	                             D("2026-11-22"), NULL, &e, &a, NULL);
	cr_assert_eq(v, -1);
	cr_assert_str_eq(kith_buf_cstr(&e), "chats 1000000000000, rate 13%");
	cr_assert_str_eq(kith_buf_cstr(&a), "chats 0, rate -");
	kith_buf_free(&e);
	kith_buf_free(&a);
	kith_journal_free(j);
}

Test(compute, file_window_keeps_the_last_four_read)
{
	/* no files: nothing to give back, only the window's order counts */
	kith_journal *j = kith_journal_new();
	kith_file_window w;
	kith_file_window_init(&w);
	for (uint32_t f = 1; f <= 5; f++)
		kith_file_window_read(j, &w, f);
	uint32_t want[4] = {5, 4, 3, 2};
	for (int k = 0; k < 4; k++)
		cr_assert_eq(w.f[k], want[k], "slot %d", k);
	kith_file_window_read(j, &w, 3); /* read again: to the front */
	uint32_t again[4] = {3, 5, 4, 2};
	for (int k = 0; k < 4; k++)
		cr_assert_eq(w.f[k], again[k], "slot %d", k);
	kith_file_window_read(j, &w, 3); /* already the newest: unchanged */
	cr_assert_eq(w.f[0], 3);
	cr_assert_eq(w.f[1], 5);
	kith_file_window_close(j, &w);
	for (int k = 0; k < 4; k++)
		cr_assert_eq(w.f[k], KITH_NONE, "slot %d empty", k);
	kith_journal_free(j);
}
