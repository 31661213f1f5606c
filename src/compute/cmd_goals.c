/* kith goals: each goal's metrics against target and pace for the bucket
 * containing the as-of date (or a period, or a matrix of buckets like
 * hledger's budget report), its checkpoints and its open actions. */
#include <stdlib.h>
#include <string.h>

#include "compute/compute.h"

typedef struct {
	const kith_journal *j;
	const kith_opts *o;
	kith_report *r;
	kith_fus fus;
} goals_ctx;

enum {
	SUM_GOAL,
	SUM_TITLE,
	SUM_HORIZON,
	SUM_STATUS,
	SUM_START,
	SUM_END,
	SUM_WHY,
	SUM__COUNT
};
static const kith_col summary_cols[SUM__COUNT] = {
    [SUM_GOAL] = {"goal", "Goal", KITH_CELL_TEXT, 0},
    [SUM_TITLE] = {"title", "Title", KITH_CELL_TEXT,
                   KITH_COL_WIDE | KITH_COL_MAIN},
    [SUM_HORIZON] = {"horizon", "Horizon", KITH_CELL_TEXT, KITH_COL_DROP_AT(2)},
    [SUM_STATUS] = {"status", "Status", KITH_CELL_TEXT, 0},
    [SUM_START] = {"start", "Start", KITH_CELL_DATE, KITH_COL_DROP_AT(3)},
    [SUM_END] = {"end", "End", KITH_CELL_DATE, KITH_COL_DROP_AT(1)},
    [SUM_WHY] = {"why", "Why", KITH_CELL_TEXT,
                 KITH_COL_WIDE | KITH_COL_DROP_AT(4)},
};
enum {
	MET_GOAL,
	MET_METRIC,
	MET_MEASURE,
	MET_BUCKET,
	MET_ACTUAL,
	MET_TARGET,
	MET_PACE,
	MET_PERCENT,
	MET_STATUS,
	MET__COUNT
};
static const kith_col metric_cols[MET__COUNT] = {
    [MET_GOAL] = {"goal", "Goal", KITH_CELL_TEXT, KITH_COL_GROUP},
    [MET_METRIC] = {"metric", "Metric", KITH_CELL_TEXT, 0},
    [MET_MEASURE] = {"measure", "Measure", KITH_CELL_TEXT, KITH_COL_DROP_AT(2)},
    [MET_BUCKET] = {"bucket", "Bucket", KITH_CELL_TEXT,
                    KITH_COL_WIDE | KITH_COL_MIN(10)},
    [MET_ACTUAL] = {"actual", "Actual", KITH_CELL_NUM, KITH_COL_RIGHT},
    [MET_TARGET] = {"target", "Target", KITH_CELL_NUM, KITH_COL_RIGHT},
    [MET_PACE] = {"pace", "Pace", KITH_CELL_NUM,
                  KITH_COL_RIGHT | KITH_COL_DROP_AT(1)},
    [MET_PERCENT] = {"percent", "%", KITH_CELL_PCT, KITH_COL_RIGHT},
    [MET_STATUS] = {"status", "Status", KITH_CELL_TEXT, 0},
};
enum { CP_GOAL, CP_DATE, CP_EXPECT, CP_ACTUAL, CP_VERDICT, CP_NOTE, CP__COUNT };
static const kith_col checkpoint_cols[CP__COUNT] = {
    [CP_GOAL] = {"goal", "Goal", KITH_CELL_TEXT, 0},
    [CP_DATE] = {"date", "Date", KITH_CELL_DATE, 0},
    [CP_EXPECT] = {"expect", "Expect", KITH_CELL_TEXT, KITH_COL_WIDE},
    [CP_ACTUAL] = {"actual", "Actual", KITH_CELL_TEXT, KITH_COL_WIDE},
    [CP_VERDICT] = {"verdict", "Verdict", KITH_CELL_TEXT, 0},
    [CP_NOTE] = {"note", "Note", KITH_CELL_TEXT,
                 KITH_COL_WIDE | KITH_COL_DROP_AT(2)},
};
enum { ACT_GOAL, ACT_DUE, ACT_IN, ACT_ACTION, ACT_STATE, ACT__COUNT };
static const kith_col action_cols[ACT__COUNT] = {
    [ACT_GOAL] = {"goal", "Goal", KITH_CELL_TEXT, 0},
    [ACT_DUE] = {"due", "Due", KITH_CELL_DATE, 0},
    [ACT_IN] = {"in", "In", KITH_CELL_DAYS,
                KITH_COL_RIGHT | KITH_COL_DROP_AT(1)},
    [ACT_ACTION] = {"action", "Action", KITH_CELL_TEXT,
                    KITH_COL_WIDE | KITH_COL_MAIN},
    [ACT_STATE] = {"state", "State", KITH_CELL_TEXT, 0},
};

/* The matrix (--weekly|--monthly|--quarterly|--yearly) in long form, one
 * row per metric and bucket: csv and json show it so; text, md and html
 * turn it into one row per metric and one column per bucket (hledger's
 * budget report). The bucket is the calendar bucket's label, so goals
 * that start mid-month still share its column; from/to say what counted. */
enum {
	MX_GOAL,
	MX_METRIC,
	MX_BUCKET,
	MX_FROM,
	MX_TO,
	MX_ACTUAL,
	MX_TARGET,
	MX_PACE,
	MX_STATUS,
	MX__COUNT
};
static const kith_col matrix_cols[MX__COUNT] = {
    [MX_GOAL] = {"goal", "Goal", KITH_CELL_TEXT, 0},
    [MX_METRIC] = {"metric", "Metric", KITH_CELL_TEXT, 0},
    [MX_BUCKET] = {"bucket", "Bucket", KITH_CELL_TEXT, 0},
    [MX_FROM] = {"from", "From", KITH_CELL_DATE, KITH_COL_MACHINE},
    [MX_TO] = {"to", "To", KITH_CELL_DATE, KITH_COL_MACHINE},
    [MX_ACTUAL] = {"actual", "Actual", KITH_CELL_NUM, KITH_COL_RIGHT},
    [MX_TARGET] = {"target", "Target", KITH_CELL_NUM, KITH_COL_RIGHT},
    [MX_PACE] = {"pace", "Pace", KITH_CELL_NUM, KITH_COL_RIGHT},
    [MX_STATUS] = {"status", "Status", KITH_CELL_TEXT, 0},
};

static const char *const status_names[] = {"active", "done", "dropped"};
static const char *const horizon_names[] = {"", "short", "long"};
static const kith_style pace_styles[] = {KITH_STYLE_GOOD, KITH_STYLE_OK,
                                         KITH_STYLE_BAD, KITH_STYLE_DIM,
                                         KITH_STYLE_BAD};

/* ---- ordering: active, then done, then dropped; by id ---- */
typedef struct {
	const kith_goal *g;
	uint32_t idx;
} goal_key;

static int goal_cmp(const void *a, const void *b)
{
	const kith_goal *x = ((const goal_key *)a)->g;
	const kith_goal *y = ((const goal_key *)b)->g;
	if (x->status != y->status)
		return x->status < y->status ? -1 : 1;
	return kith_str_cmp(x->id, y->id);
}

static uint32_t *goal_order(const kith_journal *j)
{
	uint32_t n = j->goals.n;
	goal_key *keys = kith_xcalloc(n ? n : 1, sizeof(*keys));
	uint32_t *ord = kith_xcalloc(n ? n : 1, sizeof(*ord));
	for (uint32_t i = 0; i < n; i++)
		keys[i] = (goal_key){&j->goals.v[i], i};
	qsort(keys, n, sizeof(*keys), goal_cmp);
	for (uint32_t i = 0; i < n; i++)
		ord[i] = keys[i].idx;
	free(keys);
	return ord;
}

static kith_period goal_span(const kith_goal *g)
{
	kith_period p = {kith_day_from_ymd(1, 1, 1),
	                 kith_day_from_ymd(9999, 12, 31)};
	if (g->start.day != KITH_NO_DAY)
		p.from = g->start.day;
	if (g->end.day != KITH_NO_DAY)
		p.to = g->end.day;
	return p;
}

static kith_period intersect(kith_period a, kith_period b)
{
	kith_period p = {a.from > b.from ? a.from : b.from,
	                 a.to < b.to ? a.to : b.to};
	return p;
}

/* The target for window w: each bucket of the metric's `per` (clipped to
 * the goal, as kith_metric_bucket does) contributes its target in
 * proportion to the part of it that w covers. Rates are not summed. */
double kith_window_target(const kith_goal *g, const kith_metric *m,
                          kith_period w)
{
	if (kith_measure_is_rate(m->measure) || w.from > w.to)
		return m->target;
	double t = 0;
	kith_day d = w.from;
	while (d <= w.to) {
		kith_period b = kith_metric_bucket(g, m, d);
		if (b.to < d) /* a bound beyond the goal: stop */
			break;
		kith_period in = intersect(b, w);
		t += m->target * (double)(in.to - in.from + 1) /
		     (double)(b.to - b.from + 1);
		d = b.to + 1;
	}
	return t;
}

static void metric_row(goals_ctx *x, kith_section *s, const kith_goal *g,
                       const kith_metric *m, kith_period w, kith_mval v)
{
	kith_report *r = x->r;
	kith_metric mm = *m;
	mm.target = kith_window_target(g, m, w);
	double pace = 0;
	kith_pace_status st = kith_metric_status(&mm, w, x->o->as_of, v, &pace);
	kith_row row = kith_row_add(r, s);

	kith_row_str(row, MET_GOAL, g->id);
	kith_row_str(row, MET_METRIC, m->id);
	kith_row_text(row, MET_MEASURE, kith_measure_names[m->measure]);
	kith_row_text(row, MET_BUCKET, kith_disp_period(r, w));
	int rate = kith_measure_is_rate(m->measure);
	if (v.defined)
		(rate ? kith_row_pct : kith_row_num)(row, MET_ACTUAL, v.actual);
	(rate ? kith_row_pct : kith_row_num)(row, MET_TARGET, mm.target);
	/* Rates are judged as they stand: no pace to show, and no percent
	 * of a percentage. The percent is of the numbers as printed. */
	if (st != KITH_PACE_NOT_STARTED && !rate)
		kith_row_num(row, MET_PACE, pace);
	double shown_target = kith_num_shown(mm.target);
	if (v.defined && !rate && shown_target > 0)
		kith_row_pct(row, MET_PERCENT,
		             100.0 * kith_num_shown(v.actual) / shown_target);
	kith_row_text(row, MET_STATUS, kith_pace_names[st]);
	kith_row_style(row, MET_STATUS, pace_styles[st]);
}

/* The day whose bucket is shown: as_of, kept inside the goal's span. */
static kith_day focus_day(const kith_goal *g, kith_day as_of)
{
	if (g->end.day != KITH_NO_DAY && as_of > g->end.day)
		return g->end.day;
	if (g->start.day != KITH_NO_DAY && as_of < g->start.day)
		return g->start.day;
	return as_of;
}

/* Matrix period: -p, else the goal's span up to the end of the bucket
 * holding as_of. Buckets are whole calendar buckets: the one containing
 * as_of keeps its full target and is judged by pace, as `kith goals`
 * judges it; only the goal's start/end or a -p period may cut one. */
static kith_period matrix_period(const goals_ctx *x, const kith_goal *g)
{
	kith_period span = goal_span(g);
	if (x->o->has_period)
		return intersect(x->o->period, span);
	kith_period p = span;
	if (g->start.day == KITH_NO_DAY)
		p.from = kith_bucket_of(KITH_PER_YEAR, x->o->as_of).from;
	kith_day last = kith_bucket_of((kith_per)x->o->freq, x->o->as_of).to;
	if (p.to > last)
		p.to = last;
	return p;
}

static void metrics_section(goals_ctx *x, const kith_goal *g)
{
	kith_report *r = x->r;
	const char *title =
	    g->title.s.p && g->title.s.n
	        ? kith_arena_printf(
	              r->arena, "%.*s: %s", KITH_S(g->id),
	              kith_redact_text(r, x->j, g->title.s, x->o->redact))
	        : kith_arena_printf(r->arena, "%.*s", KITH_S(g->id));
	kith_section *s = kith_report_section(
	    r, "metrics", title, KITH_SECTION_TABLE, metric_cols, MET__COUNT);
	s->chart = KITH_CHART_PROGRESS;
	s->level = 2;
	s->empty = "No metrics.";
	for (uint32_t i = 0; i < g->metrics.n; i++) {
		const kith_metric *m = &g->metrics.v[i];
		kith_period w =
		    x->o->has_period
		        ? intersect(x->o->period, goal_span(g))
		        : kith_metric_bucket(g, m, focus_day(g, x->o->as_of));
		if (w.from <= w.to)
			metric_row(x, s, g, m, w,
			           kith_metric_value_at(x->j, g, m, w.from,
			                                w.to, &x->fus,
			                                x->o->as_of));
	}
}

static void matrix_row(kith_report *r, kith_section *s, const kith_goal *g,
                       const kith_metric *m, kith_per per, kith_period b,
                       kith_mval v, kith_day as_of)
{
	kith_metric mm = *m;
	mm.target = kith_window_target(g, m, b);
	double pace = 0;
	kith_pace_status st = kith_metric_status(&mm, b, as_of, v, &pace);
	int rate = kith_measure_is_rate(m->measure);
	kith_row w = kith_row_add(r, s);
	kith_row_str(w, MX_GOAL, g->id);
	kith_row_str(w, MX_METRIC, m->id);
	kith_row_text(w, MX_BUCKET,
	              kith_disp_period(r, kith_bucket_of(per, b.from)));
	kith_row_date(w, MX_FROM, b.from);
	kith_row_date(w, MX_TO, b.to);
	if (v.defined)
		(rate ? kith_row_pct : kith_row_num)(w, MX_ACTUAL, v.actual);
	(rate ? kith_row_pct : kith_row_num)(w, MX_TARGET, mm.target);
	if (st != KITH_PACE_NOT_STARTED && !rate)
		kith_row_num(w, MX_PACE, pace);
	kith_row_text(w, MX_STATUS, kith_pace_names[st]);
	kith_row_style(w, MX_ACTUAL, pace_styles[st]);
	kith_row_style(w, MX_STATUS, pace_styles[st]);
}

void kith_goals_matrix_rows(kith_report *r, kith_section *s,
                            const kith_journal *j, const kith_goal *g,
                            kith_per per, kith_period p, kith_day as_of,
                            const kith_fus *fus)
{
	KITH_VEC(kith_period) bs = {0};
	for (kith_day d = p.from; d <= p.to;) {
		kith_period b = kith_bucket_of(per, d);
		*kith_vec_push(&bs) = intersect(b, p);
		d = b.to + 1;
	}
	kith_mval *v = kith_xcalloc(bs.n + 1, sizeof(*v));
	for (uint32_t i = 0; i < g->metrics.n; i++) {
		const kith_metric *m = &g->metrics.v[i];
		kith_metric_series(j, g, m, bs.v, bs.n, fus, as_of, v);
		for (uint32_t k = 0; k < bs.n; k++)
			matrix_row(r, s, g, m, per, bs.v[k], v[k], as_of);
	}
	free(v);
	kith_vec_free(&bs);
}

kith_section *kith_goals_matrix_section(kith_report *r, const char *id,
                                        const char *title)
{
	kith_section *s = kith_report_section(r, id, title, KITH_SECTION_TABLE,
	                                      matrix_cols, MX__COUNT);
	s->chart = KITH_CHART_MATRIX;
	s->empty = "No metrics in this period.";
	return s;
}

/* One row per metric and bucket of every goal, oldest bucket first. */
static void matrix_section(goals_ctx *x, const uint32_t *ord)
{
	kith_report *r = x->r;
	kith_per per = (kith_per)x->o->freq;
	kith_section *s = kith_goals_matrix_section(
	    r, "matrix",
	    kith_arena_printf(r->arena, "Goals per %s", kith_per_name(per)));
	for (uint32_t gi = 0; gi < x->j->goals.n; gi++) {
		const kith_goal *g = &x->j->goals.v[ord[gi]];
		kith_goals_matrix_rows(r, s, x->j, g, per, matrix_period(x, g),
		                       x->o->as_of, &x->fus);
	}
}

/* Cells bucket, actual, target, pace, status of metric m over window w
 * (any span): the target summed as a budget over w, counted up to as_of,
 * as 'kith goals -p' shows it. */
void kith_goal_window_cells(kith_report *r, const kith_journal *j,
                            const kith_goal *g, const kith_metric *m,
                            kith_period w, kith_day as_of, const kith_fus *fus,
                            kith_cell *cells)
{
	kith_metric mm = *m;
	mm.target = kith_window_target(g, m, w);
	kith_mval v = kith_metric_value_at(j, g, m, w.from, w.to, fus, as_of);
	double pace = 0;
	kith_pace_status st = kith_metric_status(&mm, w, as_of, v, &pace);
	int rate = kith_measure_is_rate(m->measure);
	kith_cell_text(r, &cells[0], kith_disp_period(r, w));
	if (v.defined)
		(rate ? kith_cell_pct : kith_cell_num)(&cells[1], v.actual);
	(rate ? kith_cell_pct : kith_cell_num)(&cells[2], mm.target);
	if (st != KITH_PACE_NOT_STARTED && !rate)
		kith_cell_num(&cells[3], pace);
	kith_cell_text(r, &cells[4], kith_pace_names[st]);
	cells[4].style = pace_styles[st];
}

static void summary_section(goals_ctx *x, const uint32_t *ord)
{
	kith_report *r = x->r;
	kith_section *s = kith_report_section(
	    r, "goals", "Goals", KITH_SECTION_TABLE, summary_cols, SUM__COUNT);
	s->empty = "No goals.";
	for (uint32_t i = 0; i < x->j->goals.n; i++) {
		const kith_goal *g = &x->j->goals.v[ord[i]];
		kith_row w = kith_row_add(r, s);
		kith_row_str(w, SUM_GOAL, g->id);
		kith_disp_cell_redact(
		    r, x->j, kith_row_cell(w, SUM_TITLE, KITH_CELL_TEXT),
		    g->title.s, x->o->redact);
		if (g->horizon != KITH_HORIZON_NONE)
			kith_row_text(w, SUM_HORIZON,
			              horizon_names[g->horizon]);
		kith_row_text(w, SUM_STATUS, status_names[g->status]);
		kith_row_date(w, SUM_START, g->start.day);
		kith_row_date(w, SUM_END, g->end.day);
		kith_disp_cell_redact(r, x->j,
		                      kith_row_cell(w, SUM_WHY, KITH_CELL_TEXT),
		                      g->why.s, x->o->redact);
	}
}

static const char *buf_arena(kith_report *r, kith_buf *b)
{
	const char *s = kith_arena_strndup(r->arena, b->p ? b->p : "", b->n);
	kith_buf_free(b);
	return s;
}

static void checkpoints_section(goals_ctx *x, const uint32_t *ord)
{
	static const char *const verdicts[] = {"missed", "met"};
	kith_report *r = x->r;
	kith_section *s =
	    kith_report_section(r, "checkpoints", "Checkpoints",
	                        KITH_SECTION_TABLE, checkpoint_cols, CP__COUNT);
	s->empty = "No checkpoints.";
	for (uint32_t i = 0; i < x->j->goals.n; i++) {
		const kith_goal *g = &x->j->goals.v[ord[i]];
		for (uint32_t c = 0; c < g->checkpoints.n; c++) {
			const kith_checkpoint *cp = &g->checkpoints.v[c];
			kith_buf e = {0}, a = {0};
			int v = kith_checkpoint_eval(x->j, g, cp, x->o->as_of,
			                             &x->fus, &e, &a, NULL);
			kith_row w = kith_row_add(r, s);
			kith_row_str(w, CP_GOAL, g->id);
			kith_row_date(w, CP_DATE, cp->date.day);
			kith_row_text(w, CP_EXPECT, buf_arena(r, &e));
			kith_row_text(w, CP_ACTUAL, buf_arena(r, &a));
			kith_row_text(w, CP_VERDICT,
			              v < 0 ? "upcoming" : verdicts[v]);
			kith_row_style(w, CP_VERDICT,
			               v < 0   ? KITH_STYLE_OK
			               : v > 0 ? KITH_STYLE_GOOD
			                       : KITH_STYLE_BAD);
			if (cp->note.s.p && cp->note.s.n)
				kith_row_text(w, CP_NOTE,
				              kith_redact_text(r, x->j,
				                               cp->note.s,
				                               x->o->redact));
		}
	}
}

/* Open actions of active goals: a done or dropped goal owes nothing. */
static void actions_section(goals_ctx *x, const uint32_t *ord)
{
	kith_report *r = x->r;
	kith_day as_of = x->o->as_of;
	kith_section *s =
	    kith_report_section(r, "actions", "Open actions",
	                        KITH_SECTION_TABLE, action_cols, ACT__COUNT);
	s->empty = "No open actions.";
	for (uint32_t i = 0; i < x->j->goals.n; i++) {
		const kith_goal *g = &x->j->goals.v[ord[i]];
		if (g->status != KITH_GOAL_ACTIVE)
			continue;
		for (uint32_t k = 0; k < g->actions.n; k++) {
			const kith_action *ac = &g->actions.v[k];
			if (ac->done.day != KITH_NO_DAY &&
			    ac->done.day <= as_of)
				continue;
			kith_day due = ac->due.day;
			kith_row w = kith_row_add(r, s);
			kith_row_str(w, ACT_GOAL, g->id);
			kith_row_date(w, ACT_DUE, due);
			if (due != KITH_NO_DAY)
				kith_row_days(w, ACT_IN,
				              (long long)due - as_of);
			kith_row_text(w, ACT_ACTION,
			              kith_redact_text(r, x->j, ac->text.s,
			                               x->o->redact));
			const char *st = due == KITH_NO_DAY ? "open"
			                 : due < as_of      ? "overdue"
			                 : due == as_of     ? "due"
			                                    : "upcoming";
			kith_row_text(w, ACT_STATE, st);
			kith_row_style(w, ACT_STATE,
			               due == KITH_NO_DAY ? KITH_STYLE_NONE
			               : due < as_of      ? KITH_STYLE_BAD
			               : due == as_of     ? KITH_STYLE_WARN
			                                  : KITH_STYLE_OK);
		}
	}
}

kith_report *kith_compute_goals(const kith_journal *j, const kith_opts *o)
{
	kith_report *r = kith_report_new("goals", o->as_of);
	kith_disp_init(r, j, o);
	char day[11];
	kith_date_fmt(o->as_of, day);
	r->title = kith_arena_printf(r->arena, "Goals as of %s", day);
	kith_report_fact(r, "as of", day);
	if (o->has_period) {
		r->from = o->period.from;
		r->to = o->period.to;
		kith_report_fact(r, "period", kith_disp_period(r, o->period));
	}
	if (o->freq >= 0 && o->freq < KITH_PER_GOAL)
		kith_report_fact(r, "per", kith_per_name((kith_per)o->freq));

	goals_ctx x = {j, o, r, {0}};
	kith_fu_compute(j, o->as_of, &x.fus);
	uint32_t *ord = goal_order(j);
	summary_section(&x, ord);
	if (o->freq >= 0 && o->freq < KITH_PER_GOAL)
		matrix_section(&x, ord);
	else
		for (uint32_t i = 0; i < j->goals.n; i++)
			metrics_section(&x, &j->goals.v[ord[i]]);
	checkpoints_section(&x, ord);
	actions_section(&x, ord);
	for (uint32_t i = 0; i < j->goals.n; i++)
		kith_disp_metric_limit_warnings(r, &j->goals.v[ord[i]]);
	free(ord);
	kith_vec_free(&x.fus);
	return r;
}
