/* Goal metrics: the seven measures over a date range, the calendar bucket
 * a metric is judged in, pace and status, and checkpoint verdicts (which
 * kith check reports as checkpoint-missed). */
#include <stdlib.h>
#include <string.h>

#include "compute/compute.h"

const char *const kith_pace_names[] = {"met", "on-track", "behind",
				       "not-started", "missed"};

int kith_measure_is_rate(kith_measure m)
{
	return m == KITH_MEASURE_ON_TIME_RATE || m == KITH_MEASURE_IN_TOUCH_RATE;
}

static int in_range(kith_day d, kith_day from, kith_day to)
{
	return d != KITH_NO_DAY && d >= from && d <= to;
}

static kith_mval count_interactions(const kith_journal *j,
				    const kith_metric *m, kith_day from,
				    kith_day to, int distinct)
{
	kith_mval v = {0, 1, 0, 0};
	uint8_t *seen = distinct ? kith_xcalloc(j->contacts.n + 1, 1) : NULL;

	for (uint32_t i = 0; i < j->interactions.n; i++) {
		const kith_interaction *ix = &j->interactions.v[i];
		if (!in_range(ix->date, from, to) ||
		    !kith_query_match_interaction(j, m->q, i, NULL))
			continue;
		if (!distinct) {
			v.num++;
			continue;
		}
		for (uint32_t w = 0; w < ix->with.n; w++) {
			uint32_t c = kith_participant(j, ix, w);
			if (c != KITH_NONE && !seen[c]) {
				seen[c] = 1;
				v.num++;
			}
		}
	}
	free(seen);
	v.actual = v.num;
	return v;
}

/* Contacts whose first touch (the earlier of met and their first touching
 * interaction) falls in [from, to]. */
static kith_mval count_new_contacts(const kith_journal *j,
				    const kith_metric *m, kith_day from,
				    kith_day to)
{
	kith_mval v = {0, 1, 0, 0};
	kith_touch *t = kith_touch_compute(j, to);

	for (uint32_t c = 0; c < j->contacts.n; c++)
		if (in_range(t[c].first_touch, from, to) &&
		    kith_query_match_contact(j, m->q, c, NULL))
			v.num++;
	free(t);
	v.actual = v.num;
	return v;
}

static kith_mval count_events(const kith_journal *j, const kith_metric *m,
			      kith_day from, kith_day to)
{
	kith_mval v = {0, 1, 0, 0};

	for (uint32_t e = 0; e < j->events.n; e++) {
		const kith_event *ev = &j->events.v[e];
		if (ev->status == KITH_EVENT_ATTENDED &&
		    in_range(ev->date.day, from, to) &&
		    kith_query_match_event(j, m->q, e, NULL))
			v.num++;
	}
	v.actual = v.num;
	return v;
}

static int fu_matches(const kith_journal *j, const kith_metric *m,
		      const kith_fu *f)
{
	if (!m->q)
		return 1;
	if (f->interaction >= j->interactions.n)
		return 0;
	return kith_query_match_interaction(j, m->q, f->interaction, NULL);
}

static kith_mval count_followups(const kith_journal *j, const kith_metric *m,
				 kith_day from, kith_day to,
				 const kith_fus *fus)
{
	kith_mval v = {0, 1, 0, 0};

	for (uint32_t i = 0; i < fus->n; i++)
		if (in_range(fus->v[i].done, from, to) &&
		    fu_matches(j, m, &fus->v[i]))
			v.num++;
	v.actual = v.num;
	return v;
}

static void rate(kith_mval *v)
{
	v->defined = v->den > 0;
	v->actual = v->defined ? 100.0 * v->num / v->den : 0;
}

/* Follow-ups due in [from, to], done by their due date. An open one is
 * rated only once its due date has passed: one due today can still be
 * done on time. */
static kith_mval on_time_rate(const kith_journal *j, const kith_metric *m,
			      kith_day from, kith_day to, const kith_fus *fus,
			      kith_day as_of)
{
	kith_mval v = {0, 0, 0, 0};

	for (uint32_t i = 0; i < fus->n; i++) {
		const kith_fu *f = &fus->v[i];
		if (!in_range(f->due, from, to) || !fu_matches(j, m, f))
			continue;
		int done = f->done != KITH_NO_DAY && f->done <= as_of;
		if (!done && f->due >= as_of)
			continue;
		v.den++;
		if (done && f->done <= f->due)
			v.num++;
	}
	rate(&v);
	return v;
}

/* Contacts matching where, with a cadence, not overdue on day `at`. */
static kith_mval in_touch_rate(const kith_journal *j, const kith_metric *m,
			       kith_day at)
{
	kith_mval v = {0, 0, 0, 0};
	kith_touch *t = kith_touch_compute(j, at);

	for (uint32_t c = 0; c < j->contacts.n; c++) {
		if (!t[c].has_cadence ||
		    !kith_query_match_contact(j, m->q, c, NULL))
			continue;
		v.den++;
		if (t[c].state != 2)
			v.num++;
	}
	free(t);
	rate(&v);
	return v;
}

kith_mval kith_metric_value_at(const kith_journal *j, const kith_goal *g,
			       const kith_metric *m, kith_day from,
			       kith_day to, const kith_fus *fus,
			       kith_day as_of)
{
	kith_fus own = {0};
	kith_mval v = {0, 0, 0, 0};

	/* Nothing after as_of has happened yet. */
	if (to > as_of)
		to = as_of;
	if (from > to) {
		v.defined = !kith_measure_is_rate(m->measure);
		return v;
	}
	if (!fus && (m->measure == KITH_MEASURE_FOLLOW_UPS ||
		     m->measure == KITH_MEASURE_ON_TIME_RATE)) {
		kith_fu_compute(j, as_of, &own);
		fus = (const kith_fus *)&own;
	}
	switch (m->measure) {
	case KITH_MEASURE_INTERACTIONS:
		v = count_interactions(j, m, from, to, 0);
		break;
	case KITH_MEASURE_CONTACTS:
		v = count_interactions(j, m, from, to, 1);
		break;
	case KITH_MEASURE_NEW_CONTACTS:
		v = count_new_contacts(j, m, from, to);
		break;
	case KITH_MEASURE_EVENTS:
		v = count_events(j, m, from, to);
		break;
	case KITH_MEASURE_FOLLOW_UPS:
		v = count_followups(j, m, from, to, fus);
		break;
	case KITH_MEASURE_ON_TIME_RATE:
		v = on_time_rate(j, m, from, to, fus, as_of);
		break;
	case KITH_MEASURE_IN_TOUCH_RATE:
	default:
		v = in_touch_rate(j, m, to);
		break;
	}
	kith_vec_free(&own);
	return v;
}

kith_day kith_journal_as_of(const kith_journal *j, kith_day fallback)
{
	return j->as_of != KITH_NO_DAY ? j->as_of : fallback;
}

kith_mval kith_metric_value(const kith_journal *j, const kith_goal *g,
			    const kith_metric *m, kith_day from, kith_day to,
			    const kith_fus *fus)
{
	return kith_metric_value_at(j, g, m, from, to, fus,
				    kith_journal_as_of(j, to));
}

/* A goal without start or end is bounded by the calendar year of `day`
 * when a bucket needs a bound (per: goal). */
kith_period kith_metric_bucket(const kith_goal *g, const kith_metric *m,
			       kith_day day)
{
	kith_period y = kith_bucket_of(KITH_PER_YEAR, day);
	kith_period b;

	if (m->per == KITH_PER_GOAL) {
		b.from = g->start.day != KITH_NO_DAY ? g->start.day : y.from;
		b.to = g->end.day != KITH_NO_DAY ? g->end.day : y.to;
		return b;
	}
	b = kith_bucket_of(m->per, day);
	if (g->start.day != KITH_NO_DAY && b.from < g->start.day)
		b.from = g->start.day;
	if (g->end.day != KITH_NO_DAY && b.to > g->end.day)
		b.to = g->end.day;
	return b;
}

kith_pace_status kith_metric_status(const kith_metric *m, kith_period bucket,
				    kith_day as_of, kith_mval v, double *pace)
{
	int past = bucket.to < as_of;
	double p = 0;
	kith_pace_status st;

	if (bucket.from > bucket.to || bucket.from > as_of) {
		st = KITH_PACE_NOT_STARTED;
	} else if (kith_measure_is_rate(m->measure)) {
		/* A rate is judged as it stands: no pace. */
		p = m->target;
		if (!v.defined)
			st = KITH_PACE_NOT_STARTED;
		else if (v.actual >= m->target - 1e-9)
			st = KITH_PACE_MET;
		else
			st = past ? KITH_PACE_CLOSED : KITH_PACE_BEHIND;
	} else {
		kith_day upto = past ? bucket.to : as_of;
		double elapsed = (double)(upto - bucket.from + 1) /
				 (double)(bucket.to - bucket.from + 1);
		p = m->target * elapsed;
		if (v.actual >= m->target - 1e-9)
			st = KITH_PACE_MET;
		else if (past)
			st = KITH_PACE_CLOSED;
		else if (v.actual >= p - 1e-9)
			st = KITH_PACE_ON_TRACK;
		else
			st = KITH_PACE_BEHIND;
	}
	if (pace)
		*pace = p;
	return st;
}

/* ---- checkpoints ---- */

static uint32_t expect_metric(const kith_goal *g, const kith_expect *x)
{
	uint32_t mi = x->metric_idx;
	if (mi < g->metrics.n && kith_str_eq(g->metrics.v[mi].id, x->metric.s))
		return mi;
	for (uint32_t k = 0; k < g->metrics.n; k++)
		if (kith_str_eq(g->metrics.v[k].id, x->metric.s))
			return k;
	return KITH_NONE;
}

static void put_value(kith_buf *b, const kith_metric *m, double v)
{
	kith_buf_printf(b, "%g%s", v, kith_measure_is_rate(m->measure) ? "%" : "");
}

int kith_checkpoint_eval(const kith_journal *j, const kith_goal *g,
			 const kith_checkpoint *cp, kith_day as_of,
			 const kith_fus *fus, kith_buf *expect,
			 kith_buf *actual, kith_buf *shortfall)
{
	int upcoming = cp->date.day == KITH_NO_DAY || cp->date.day > as_of;
	kith_day to = upcoming ? as_of : cp->date.day;
	/* Cumulative from the goal's start (or from the beginning). */
	kith_day from = g->start.day != KITH_NO_DAY ? g->start.day
						    : kith_day_from_ymd(1, 1, 1);
	int met = 1;

	for (uint32_t i = 0; i < cp->expect.n; i++) {
		const kith_expect *x = &cp->expect.v[i];
		uint32_t mi = expect_metric(g, x);
		if (mi == KITH_NONE)
			continue; /* check reported unknown-metric */
		const kith_metric *m = &g->metrics.v[mi];
		kith_mval v =
			kith_metric_value_at(j, g, m, from, to, fus, as_of);
		if (expect) {
			kith_buf_printf(expect, "%s%.*s ", expect->n ? ", " : "",
					KITH_S(x->metric.s));
			put_value(expect, m, x->value);
		}
		if (actual) {
			kith_buf_printf(actual, "%s%.*s ", actual->n ? ", " : "",
					KITH_S(x->metric.s));
			if (v.defined)
				put_value(actual, m, v.actual);
			else
				kith_buf_puts(actual, "-");
		}
		/* Nothing to rate (no follow-ups due) is not a shortfall. */
		if (!v.defined || v.actual >= x->value - 1e-9)
			continue;
		met = 0;
		if (shortfall) {
			kith_buf_printf(shortfall, "%s%.*s ",
					shortfall->n ? ", " : "",
					KITH_S(x->metric.s));
			put_value(shortfall, m, v.actual);
			kith_buf_puts(shortfall, " of ");
			put_value(shortfall, m, x->value);
		}
	}
	return upcoming ? -1 : met;
}

static void report_missed(kith_journal *j, const kith_goal *g,
			  const kith_checkpoint *cp, const char *shortfall)
{
	char date[11];
	char *id = kith_xstrndup(g->id.p ? g->id.p : "", g->id.n);
	kith_pos pos = cp->pos.line ? cp->pos : cp->date.pos;

	kith_date_fmt(cp->date.day, date);
	kith_diag *d = KITH_DIAG(j, KITH_D_CHECKPOINT_MISSED, pos, 1, date, id,
				 shortfall);
	kith_diag_hint(d,
		       "review the plan: step up the actions behind these "
		       "metrics, or, if the goal changed, lower the "
		       "expectation or move the checkpoint ('kith goals' "
		       "shows progress)");
	free(id);
}

void kith_check_checkpoints(kith_journal *j, kith_day as_of)
{
	kith_fus fus = {0};
	int have_fus = 0;

	for (uint32_t gi = 0; gi < j->goals.n; gi++) {
		const kith_goal *g = &j->goals.v[gi];
		for (uint32_t c = 0; c < g->checkpoints.n; c++) {
			const kith_checkpoint *cp = &g->checkpoints.v[c];
			if (cp->date.day == KITH_NO_DAY || cp->date.day > as_of)
				continue;
			if (!have_fus) {
				kith_fu_compute(j, as_of, &fus);
				have_fus = 1;
			}
			kith_buf sf = {0};
			if (kith_checkpoint_eval(j, g, cp, as_of, &fus, NULL,
						 NULL, &sf) == 0)
				report_missed(j, g, cp, kith_buf_cstr(&sf));
			kith_buf_free(&sf);
		}
	}
	kith_vec_free(&fus);
}
