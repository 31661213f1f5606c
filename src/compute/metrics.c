/* Goal metrics: the seven measures over a date range, the calendar bucket
 * a metric is judged in, pace and status, and checkpoint verdicts (which
 * kith check reports as checkpoint-missed). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compute/compute.h"

const char *const kith_pace_names[] = {"met", "on-track", "behind",
                                       "not-started", "missed"};

int kith_measure_is_rate(kith_measure m)
{
	return m == KITH_MEASURE_ON_TIME_RATE ||
	       m == KITH_MEASURE_IN_TOUCH_RATE;
}

/* One metric over sorted, disjoint buckets (clipped at as_of): every
 * measure is one pass over its items, each dropped into its bucket by
 * binary search, so a --weekly matrix over years costs no more than one
 * bucket. */
typedef struct {
	const kith_journal *j;
	const kith_metric *m;
	const kith_period *b;
	uint32_t n;
	kith_mval *out;
	kith_day as_of;
	uint32_t lost;   /* items whose where: regex hit the match limit */
	kith_day lo, hi; /* the buckets' span: most items fall outside */
} series;

/* where: on one item; an item lost to the regex match limit is counted
 * so that goals and report can say the value may be incomplete. */
static int where_ix(series *s, uint32_t i)
{
	int failed = 0;
	int m = kith_query_match_interaction(s->j, s->m->q, i, &failed);
	s->lost += failed != 0;
	return m;
}

/* where_ix on the interactions of a pass in date order: a where: may read
 * an entry's text (a #tag of its title is a slice of its line), whose
 * pages go back as the pass leaves their file (kith_file_window), so a
 * pass over a year of a long journal keeps four files resident, not
 * twelve months of them. kith_file_window_close ends the pass. */
static int where_ix_read(series *s, kith_file_window *w, uint32_t i)
{
	if (s->m->q)
		kith_file_window_read(s->j, w, s->j->interactions.v[i].file);
	return where_ix(s, i);
}

static int where_contact(series *s, uint32_t c)
{
	int failed = 0;
	int m = kith_query_match_contact(s->j, s->m->q, c, &failed);
	s->lost += failed != 0;
	return m;
}

static int where_event(series *s, uint32_t e)
{
	int failed = 0;
	int m = kith_query_match_event(s->j, s->m->q, e, &failed);
	s->lost += failed != 0;
	return m;
}

/* The date order metrics on one journal use (kith_metric_date_order). */
static struct {
	const kith_journal *j;
	const uint32_t *v;
	uint32_t n;
} date_order;

void kith_metric_date_order(const kith_journal *j, const uint32_t *chrono,
                            uint32_t n)
{
	date_order.j = chrono ? j : NULL;
	date_order.v = chrono;
	date_order.n = n;
}

/* The interactions a measure reads: places [a, b) of the date order, or
 * of the journal itself when none is set for it. */
typedef struct {
	const uint32_t *ord;
	uint32_t a, b;
} ix_span;

static uint32_t ix_at(const ix_span *w, uint32_t k)
{
	return w->ord ? w->ord[k] : k;
}

/* Those dated from..to (all of them without a date order). */
static ix_span ix_dated(const series *s, kith_day from, kith_day to)
{
	const kith_journal *j = s->j;
	ix_span w = {NULL, 0, j->interactions.n};
	if (date_order.j != j || date_order.n != j->interactions.n)
		return w;
	w.ord = date_order.v;
	if (from > to) {
		w.b = 0;
		return w;
	}
	w.a = kith_disp_chrono_from(j, w.ord, w.b, from);
	w.b = kith_disp_chrono_from(j, w.ord, w.b, to + 1);
	return w;
}

static int bucket_of(series *s, kith_day d)
{
	uint32_t lo = 0, hi = s->n;

	if (d == KITH_NO_DAY || d < s->lo || d > s->hi)
		return -1;
	/* The last bucket starting on or before d. */
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (s->b[mid].from <= d)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0 || d > s->b[lo - 1].to)
		return -1;
	return (int)lo - 1;
}

static void count_interactions(series *s)
{
	ix_span w = ix_dated(s, s->lo, s->hi);
	kith_file_window win;
	kith_file_window_init(&win);
	for (uint32_t k = w.a; k < w.b; k++) {
		uint32_t i = ix_at(&w, k);
		int b = bucket_of(s, s->j->interactions.v[i].date);
		if (b >= 0 && where_ix_read(s, &win, i))
			s->out[b].num++;
	}
	kith_file_window_close(s->j, &win);
}

static int u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* Distinct participants per bucket: (bucket, contact) pairs, sorted. */
static void count_contacts(series *s)
{
	KITH_VEC(uint64_t) pairs = {0};
	ix_span sp = ix_dated(s, s->lo, s->hi);
	kith_file_window win;
	kith_file_window_init(&win);
	for (uint32_t k = sp.a; k < sp.b; k++) {
		uint32_t i = ix_at(&sp, k);
		const kith_interaction *ix = &s->j->interactions.v[i];
		int b = bucket_of(s, ix->date);
		if (b < 0 || kith_ix_with(ix).n == 0 ||
		    !where_ix_read(s, &win, i))
			continue;
		for (uint32_t w = 0; w < kith_ix_with(ix).n; w++) {
			uint32_t c = kith_participant(s->j, ix, w);
			if (c != KITH_NONE)
				*kith_vec_push(&pairs) = (uint64_t)b << 32 | c;
		}
	}
	kith_file_window_close(s->j, &win);
	if (pairs.n > 1)
		qsort(pairs.v, pairs.n, sizeof(uint64_t), u64_cmp);
	for (uint32_t i = 0; i < pairs.n; i++)
		if (i == 0 || pairs.v[i] != pairs.v[i - 1])
			s->out[pairs.v[i] >> 32].num++;
	kith_vec_free(&pairs);
}

/* Contacts whose first touch (the earlier of met and their first touching
 * interaction) falls in the bucket. */
static void count_new_contacts(series *s)
{
	kith_touch *t = kith_touch_compute(s->j, s->as_of);
	for (uint32_t c = 0; c < s->j->contacts.n; c++) {
		int b = bucket_of(s, t[c].first_touch);
		if (b >= 0 && where_contact(s, c))
			s->out[b].num++;
	}
	free(t);
}

static void count_events(series *s)
{
	for (uint32_t e = 0; e < s->j->events.n; e++) {
		const kith_event *ev = &s->j->events.v[e];
		if (ev->status != KITH_EVENT_ATTENDED)
			continue;
		int b = bucket_of(s, ev->date.day);
		if (b >= 0 && where_event(s, e))
			s->out[b].num++;
	}
}

static int fu_matches(series *s, const kith_fu *f)
{
	if (!s->m->q)
		return 1;
	if (f->interaction >= s->j->interactions.n)
		return 0;
	return where_ix(s, f->interaction);
}

static void count_followups(series *s, const kith_fus *fus)
{
	for (uint32_t i = 0; i < fus->n; i++) {
		int b = bucket_of(s, fus->v[i].done);
		if (b >= 0 && fu_matches(s, &fus->v[i]))
			s->out[b].num++;
	}
}

/* Follow-ups due in the bucket, done by their due date. An open one is
 * rated only once its due date has passed: one due today can still be
 * done on time. */
static void on_time_rate(series *s, const kith_fus *fus)
{
	for (uint32_t i = 0; i < fus->n; i++) {
		const kith_fu *f = &fus->v[i];
		int b = bucket_of(s, f->due);
		if (b < 0 || !fu_matches(s, f))
			continue;
		int done = f->done != KITH_NO_DAY && f->done <= s->as_of;
		if (!done && f->due >= s->as_of)
			continue;
		s->out[b].den++;
		if (done && f->done <= f->due)
			s->out[b].num++;
	}
}

typedef struct {
	kith_day date;
	uint32_t contact;
} touch_ev;

static int touch_ev_cmp(const void *a, const void *b)
{
	const touch_ev *x = a, *y = b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return x->contact < y->contact ? -1 : x->contact > y->contact;
}

/* Contacts matching where, with a cadence, not overdue on each bucket's
 * last day: touches are replayed in date order, sweeping the bucket ends. */
static void in_touch_rate(series *s)
{
	const kith_journal *j = s->j;
	kith_touch *t = kith_touch_compute(j, s->as_of);
	KITH_VEC(uint32_t) cand = {0};
	KITH_VEC(touch_ev) ev = {0};
	kith_day *last = kith_xcalloc(j->contacts.n + 1, sizeof(kith_day));

	for (uint32_t c = 0; c < j->contacts.n; c++) {
		last[c] = KITH_NO_DAY;
		if (t[c].has_cadence && where_contact(s, c))
			*kith_vec_push(&cand) = c;
	}
	/* no bucket ends after s->hi: later touches are never replayed */
	ix_span sp = ix_dated(s, KITH_NO_DAY + 1, s->hi);
	for (uint32_t k = sp.a; cand.n && k < sp.b; k++) {
		uint32_t i = ix_at(&sp, k);
		const kith_interaction *ix = &j->interactions.v[i];
		if (ix->date == KITH_NO_DAY || ix->date > s->as_of ||
		    !kith_interaction_touches(j, i))
			continue;
		for (uint32_t w = 0; w < kith_ix_with(ix).n; w++) {
			uint32_t c = kith_participant(j, ix, w);
			if (c != KITH_NONE && t[c].has_cadence)
				*kith_vec_push(&ev) = (touch_ev){ix->date, c};
		}
	}
	if (ev.n > 1)
		qsort(ev.v, ev.n, sizeof(touch_ev), touch_ev_cmp);
	uint32_t k = 0;
	for (uint32_t b = 0; b < s->n; b++) {
		kith_day end = s->b[b].to;
		if (s->b[b].from > end)
			continue;
		for (; k < ev.n && ev.v[k].date <= end; k++)
			last[ev.v[k].contact] = ev.v[k].date;
		for (uint32_t i = 0; i < cand.n; i++) {
			uint32_t c = cand.v[i];
			/* not yet known at this bucket's end: not rated */
			if (t[c].first_touch != KITH_NO_DAY &&
			    t[c].first_touch > end)
				continue;
			s->out[b].den++;
			if (kith_cadence_state(&j->contacts.v[c], t[c].cadence,
			                       last[c], end) != 2)
				s->out[b].num++;
		}
	}
	free(last);
	kith_vec_free(&cand);
	kith_vec_free(&ev);
	free(t);
}

void kith_metric_series(const kith_journal *j, const kith_goal *g,
                        const kith_metric *m, const kith_period *buckets,
                        uint32_t n, const kith_fus *fus, kith_day as_of,
                        kith_mval *out)
{
	kith_fus own = {0};
	kith_period *b = kith_xcalloc(n ? n : 1, sizeof(*b));
	series s = {j, m, b, n, out, as_of, 0, 0, -1};

	/* Nothing after as_of has happened yet. */
	for (uint32_t i = 0; i < n; i++) {
		b[i] = buckets[i];
		if (b[i].to > as_of)
			b[i].to = as_of;
		out[i] = (kith_mval){0, 0, 0, 0};
		if (b[i].from > b[i].to) /* not started: holds nothing */
			continue;
		int first = s.lo > s.hi;
		if (first || b[i].from < s.lo)
			s.lo = b[i].from;
		if (first || b[i].to > s.hi)
			s.hi = b[i].to;
	}
	if (!fus && (m->measure == KITH_MEASURE_FOLLOW_UPS ||
	             m->measure == KITH_MEASURE_ON_TIME_RATE)) {
		kith_fu_compute(j, as_of, &own);
		fus = (const kith_fus *)&own;
	}
	switch (m->measure) {
	case KITH_MEASURE_INTERACTIONS:
		count_interactions(&s);
		break;
	case KITH_MEASURE_CONTACTS:
		count_contacts(&s);
		break;
	case KITH_MEASURE_NEW_CONTACTS:
		count_new_contacts(&s);
		break;
	case KITH_MEASURE_EVENTS:
		count_events(&s);
		break;
	case KITH_MEASURE_FOLLOW_UPS:
		count_followups(&s, fus);
		break;
	case KITH_MEASURE_ON_TIME_RATE:
		on_time_rate(&s, fus);
		break;
	case KITH_MEASURE_IN_TOUCH_RATE:
	default:
		in_touch_rate(&s);
		break;
	}
	for (uint32_t i = 0; i < n; i++) {
		kith_mval *v = &out[i];
		if (kith_measure_is_rate(m->measure)) {
			v->defined = v->den > 0;
			v->actual = v->defined ? 100.0 * v->num / v->den : 0;
		} else {
			v->defined = 1;
			v->actual = v->num;
		}
	}
	kith_query_note_limit(m->q, s.lost);
	kith_vec_free(&own);
	free(b);
}

kith_mval kith_metric_value_at(const kith_journal *j, const kith_goal *g,
                               const kith_metric *m, kith_day from, kith_day to,
                               const kith_fus *fus, kith_day as_of)
{
	kith_period p = {from, to};
	kith_mval v;
	kith_metric_series(j, g, m, &p, 1, fus, as_of, &v);
	return v;
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

/* Judged on the values as they print (kith_num_shown, kith_pct_shown), so
 * "behind" never stands next to an actual and a pace that print equal. */
kith_pace_status kith_metric_status(const kith_metric *m, kith_period bucket,
                                    kith_day as_of, kith_mval v, double *pace)
{
	int past = bucket.to < as_of;
	int rate = kith_measure_is_rate(m->measure);
	double (*shown)(double) = rate ? kith_pct_shown : kith_num_shown;
	double actual = shown(v.actual), target = shown(m->target), p = 0;
	kith_pace_status st;

	if (bucket.from > bucket.to || bucket.from > as_of) {
		st = KITH_PACE_NOT_STARTED;
	} else if (rate) {
		/* A rate is judged as it stands: no pace. */
		p = m->target;
		if (!v.defined)
			st = KITH_PACE_NOT_STARTED;
		else if (actual >= target)
			st = KITH_PACE_MET;
		else
			st = past ? KITH_PACE_CLOSED : KITH_PACE_BEHIND;
	} else {
		kith_day upto = past ? bucket.to : as_of;
		double elapsed = (double)(upto - bucket.from + 1) /
		                 (double)(bucket.to - bucket.from + 1);
		p = m->target * elapsed;
		if (actual >= target)
			st = KITH_PACE_MET;
		else if (past)
			st = KITH_PACE_CLOSED;
		else if (actual >= shown(p))
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

/* Rates as every report prints them ("32%"); counts whole numbers
 * plainly ("1000000000000", never "1e+12"), others with %g's six
 * significant digits. */
static void put_value(kith_buf *b, const kith_metric *m, double v)
{
	if (kith_measure_is_rate(m->measure)) {
		kith_pct_fmt(v, b);
		kith_buf_putc(b, '%');
	} else if (v == floor(v) && fabs(v) < 1e18) {
		kith_buf_printf(b, "%.0f", v);
	} else {
		kith_buf_printf(b, "%g", v);
	}
}

/* Whether the actual value reaches the expected one as both print. */
static int reaches(const kith_metric *m, double actual, double expect)
{
	if (kith_measure_is_rate(m->measure))
		return kith_pct_shown(actual) >= kith_pct_shown(expect);
	return actual >= expect - 1e-9;
}

int kith_checkpoint_eval(const kith_journal *j, const kith_goal *g,
                         const kith_checkpoint *cp, kith_day as_of,
                         const kith_fus *fus, kith_buf *expect,
                         kith_buf *actual, kith_buf *shortfall)
{
	int upcoming = cp->date.day == KITH_NO_DAY || cp->date.day > as_of;
	kith_day to = upcoming ? as_of : cp->date.day;
	/* Cumulative from the goal's start (or from the beginning). */
	kith_day from = g->start.day != KITH_NO_DAY
	                    ? g->start.day
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
			kith_buf_printf(expect, "%s%.*s ",
			                expect->n ? ", " : "",
			                KITH_S(x->metric.s));
			put_value(expect, m, x->value);
		}
		if (actual) {
			kith_buf_printf(actual, "%s%.*s ",
			                actual->n ? ", " : "",
			                KITH_S(x->metric.s));
			if (v.defined)
				put_value(actual, m, v.actual);
			else
				kith_buf_puts(actual, "-");
		}
		/* Nothing to rate (no follow-ups due) is not a shortfall. */
		if (!v.defined || reaches(m, v.actual, x->value))
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

void kith_checkpoint_misses(const kith_journal *j, kith_day as_of,
                            kith_cp_misses *out)
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
			                         NULL, &sf) == 0) {
				kith_cp_miss *m = kith_vec_push(out);
				m->goal = gi;
				m->checkpoint = c;
				m->shortfall = kith_xstrdup(kith_buf_cstr(&sf));
			}
			kith_buf_free(&sf);
		}
	}
	kith_vec_free(&fus);
}
