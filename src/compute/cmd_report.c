/* kith report: the progress report for a period (default: the month of the
 * as-of date) that a person reads to evaluate their plan: goals against
 * targets, activity, new and touched contacts, follow-ups, who is out of
 * touch, checkpoints, feedback, what is coming, skills, and highlights. */
#include <stdlib.h>
#include <string.h>

#include "compute/compute.h"
#include "util/text.h"

/* Contacts as kith_who shows them, each made once into the report's
 * arena: by the sections, and by the interactions' rows when read. */
typedef struct {
	kith_report *r;
	const kith_journal *j;
	const char **who; /* per contact (lazily), in r's arena */
	int redact;
} who_names;

typedef struct {
	const kith_journal *j;
	kith_report *r;
	kith_period p; /* the report period */
	kith_day to;   /* end of what has happened: min(p.to, as_of) */
	kith_day as_of;
	int redact;
	kith_fus fus;
	/* as of the end of what has happened (to): the first touches up to
	 * then are those as of as_of, and the period's sections ask no
	 * later one */
	kith_touch *t;
	kith_parts parts; /* kinds and participants, looked up once */
	uint32_t *chrono;
	uint32_t nchrono;
	who_names names; /* contacts as shown, also for rows made later */
	const kith_section *risk; /* "at-risk", for the open follow-ups */
	uint32_t risk_fus;        /* its rows of overdue follow-ups */
	kith_file_window recent;  /* journal files read last */
} ctx;

static int in_past(const ctx *x, kith_day d)
{
	return d != KITH_NO_DAY && d >= x->p.from && d <= x->to;
}

static uint32_t chrono_from(const ctx *x, kith_day d)
{
	return kith_disp_chrono_from(x->j, x->chrono, x->nchrono, d);
}

/* The places [*a, *b) in chrono of the interactions dated from..to: a
 * period's entries without a walk over the journal's others. */
static void chrono_range(const ctx *x, kith_day from, kith_day to, uint32_t *a,
                         uint32_t *b)
{
	*a = chrono_from(x, from);
	if (to < from)
		*b = *a;
	else if (to == INT32_MAX)
		*b = x->nchrono;
	else
		*b = chrono_from(x, to + 1);
}

static kith_section *table(ctx *x, const char *id, const char *title,
                           const kith_col *cols, uint32_t ncols,
                           const char *empty)
{
	kith_section *s = kith_report_section(x->r, id, title,
	                                      KITH_SECTION_TABLE, cols, ncols);
	s->empty = empty;
	return s;
}

static const char *name_or_null(ctx *x, uint32_t c)
{
	const kith_contact *k = &x->j->contacts.v[c];
	if (x->redact || !k->name.s.n)
		return NULL;
	return kith_arena_strndup(x->r->arena, k->name.s.p, k->name.s.n);
}

/* ---- journal pages (kith_file_window: model.h) ----
 * After a section: every journal file's pages go back. */
static void section_done(ctx *x)
{
	for (uint32_t f = 0; f < x->j->files.n; f++)
		kith_journal_drop_file(x->j, f);
	kith_file_window_init(&x->recent);
}

/* Contact c as kith_who shows them, made once per contact. */
static const char *who_of(const who_names *w, uint32_t c)
{
	if (c >= w->j->contacts.n)
		return kith_who(w->r, w->j, c, w->redact);
	if (!w->who[c])
		w->who[c] = kith_who(w->r, w->j, c, w->redact);
	return w->who[c];
}

/* A reference as kith_disp_who_ref shows it; c: its contact when known
 * (KITH_NONE: looked up by name); tmp: where a text made for this use
 * only goes (the report, or a made row's arena). */
static const char *who_ref(const who_names *w, kith_report *tmp,
                           kith_str handle, uint32_t c)
{
	if (c == KITH_NONE)
		c = kith_find_contact(w->j, handle);
	if (c != KITH_NONE)
		return who_of(w, c);
	return kith_disp_who_ref(tmp, w->j, handle, w->redact);
}

/* "@ana, @ben" as kith_disp_who_list shows refs; c[i] (may be NULL): the
 * contact of refs->v[i], KITH_NONE when to be looked up. */
static const char *who_refs(const who_names *w, kith_report *tmp,
                            const kith_refs *refs, const uint32_t *c)
{
	if (refs->n == 1)
		return who_ref(w, tmp, refs->v[0].s, c ? c[0] : KITH_NONE);
	kith_buf b = {0};
	for (uint32_t i = 0; i < refs->n; i++) {
		if (i)
			kith_buf_puts(&b, ", ");
		kith_buf_puts(
		    &b, who_ref(w, tmp, refs->v[i].s, c ? c[i] : KITH_NONE));
	}
	return kith_disp_buf(tmp, &b);
}

/* ---- goals ---- */

enum {
	RG_GOAL,
	RG_METRIC,
	RG_BUCKET,
	RG_ACTUAL,
	RG_TARGET,
	RG_PACE,
	RG_STATUS,
	RG__COUNT
};
/* kith_goal_window_cells and kith_disp_metric_cells fill five columns
 * from RG_BUCKET on. */
_Static_assert(RG_STATUS == RG_BUCKET + 4, "the metric cells in a run");
static const kith_col goal_cols[RG__COUNT] = {
    [RG_GOAL] = {"goal", "Goal", KITH_CELL_TEXT, KITH_COL_WIDE},
    [RG_METRIC] = {"metric", "Metric", KITH_CELL_TEXT, KITH_COL_WIDE},
    [RG_BUCKET] = {"bucket", "Period", KITH_CELL_TEXT,
                   KITH_COL_WIDE | KITH_COL_MIN(10)},
    [RG_ACTUAL] = {"actual", "Actual", KITH_CELL_NUM, KITH_COL_RIGHT},
    [RG_TARGET] = {"target", "Target", KITH_CELL_NUM, KITH_COL_RIGHT},
    [RG_PACE] = {"pace", "Pace", KITH_CELL_NUM,
                 KITH_COL_RIGHT | KITH_COL_DROP_AT(1)},
    [RG_STATUS] = {"status", "Status", KITH_CELL_TEXT, 0},
};

static int goal_in_period(const kith_goal *g, kith_period p)
{
	if (g->status == KITH_GOAL_DROPPED)
		return 0;
	if (g->end.day != KITH_NO_DAY && g->end.day < p.from)
		return 0;
	return g->start.day == KITH_NO_DAY || g->start.day <= p.to;
}

/* The period cut to the goal's start and end. */
static kith_period goal_window(const kith_goal *g, kith_period p)
{
	kith_period w = p;
	if (g->start.day != KITH_NO_DAY && g->start.day > w.from)
		w.from = g->start.day;
	if (g->end.day != KITH_NO_DAY && g->end.day < w.to)
		w.to = g->end.day;
	return w;
}

/* Whether window w holds more than one bucket of m: then the report shows
 * the total over w against the summed target, as 'kith goals -p' does;
 * otherwise the one bucket that holds it. */
static int spans_buckets(const kith_goal *g, const kith_metric *m,
                         kith_period w)
{
	if (w.from > w.to)
		return 0;
	kith_period b = kith_metric_bucket(g, m, w.to);
	return b.from > w.from;
}

static void goals_section(ctx *x)
{
	kith_section *s = table(x, "goals", "Goals", goal_cols, RG__COUNT,
	                        "No goal with metrics runs in this period.");
	s->chart = KITH_CHART_PROGRESS;
	/* A past period is judged as it stood at its end: each metric is
	 * counted over its bucket up to then (kith_disp_metric_cells). */
	if (x->to < x->as_of)
		s->text = kith_arena_printf(
		    x->r->arena,
		    "Counted up to %s, the end of the period; pace and status "
		    "as they stood that day.",
		    kith_disp_day(x->r, x->to));
	for (uint32_t gi = 0; gi < x->j->goals.n; gi++) {
		const kith_goal *g = &x->j->goals.v[gi];
		if (!goal_in_period(g, x->p))
			continue;
		for (uint32_t mi = 0; mi < g->metrics.n; mi++) {
			const kith_metric *m = &g->metrics.v[mi];
			kith_row row = kith_row_add(x->r, s);
			kith_row_str(row, RG_GOAL, g->id);
			kith_row_str(row, RG_METRIC, m->id);
			kith_period w = goal_window(g, x->p);
			/* both fill bucket, actual, target, pace, status */
			kith_cell *run =
			    kith_row_cell(row, RG_BUCKET, KITH_CELL_TEXT);
			if (spans_buckets(g, m, w))
				kith_goal_window_cells(x->r, x->j, g, m, w,
				                       x->as_of, &x->fus, run);
			else
				kith_disp_metric_cells(x->r, x->j, g, m, x->to,
				                       x->as_of, &x->fus, run);
		}
	}
}

/* A period longer than a month: every goal's metrics month by month, so
 * a quarter report shows each of its months, not only the last. */
static void goal_months_section(ctx *x)
{
	int y0, m0, d0, y1, m1, d1;
	kith_day_to_ymd(x->p.from, &y0, &m0, &d0);
	kith_day_to_ymd(x->p.to, &y1, &m1, &d1);
	if (y0 == y1 && m0 == m1)
		return;
	kith_section *s = kith_goals_matrix_section(x->r, "goal-months",
	                                            "Goals month by month");
	for (uint32_t gi = 0; gi < x->j->goals.n; gi++) {
		const kith_goal *g = &x->j->goals.v[gi];
		if (!goal_in_period(g, x->p))
			continue;
		kith_period w = goal_window(g, x->p);
		if (w.from <= w.to)
			kith_goals_matrix_rows(x->r, s, x->j, g, KITH_PER_MONTH,
			                       w, x->as_of, &x->fus);
	}
}

/* ---- activity ---- */

enum { KIND_KIND, KIND_COUNT, KIND__COUNT };
static const kith_col kind_cols[KIND__COUNT] = {
    [KIND_KIND] = {"kind", "Kind", KITH_CELL_TEXT, 0},
    [KIND_COUNT] = {"count", "Interactions", KITH_CELL_INT, KITH_COL_RIGHT},
};

typedef struct {
	kith_str name;
	uint32_t count;
} kind_count;

static int kind_count_cmp(const void *a, const void *b)
{
	const kind_count *p = a, *q = b;
	if (p->count != q->count)
		return p->count > q->count ? -1 : 1;
	return kith_str_cmp(p->name, q->name);
}

static void kinds_section(ctx *x)
{
	const kith_journal *j = x->j;
	uint32_t a, b;
	chrono_range(x, x->p.from, x->to, &a, &b);
	uint32_t cap = j->kinds.n + (b - a) + 1, n = 0;
	kind_count *kc = kith_xcalloc(cap, sizeof(*kc));
	for (uint32_t at = a; at < b; at++) {
		const kith_interaction *ix = &j->interactions.v[x->chrono[at]];
		kith_str k = kith_disp_kind(ix);
		uint32_t w = 0;
		while (w < n && !kith_str_eq(kc[w].name, k))
			w++;
		if (w == n)
			kc[n++].name = k;
		kc[w].count++;
	}
	qsort(kc, n, sizeof(*kc), kind_count_cmp);
	kith_section *s = table(x, "kinds", "Activity by kind", kind_cols,
	                        KIND__COUNT, "No interactions in this period.");
	s->chart = KITH_CHART_BARS;
	for (uint32_t w = 0; w < n; w++) {
		kith_row row = kith_row_add(x->r, s);
		kith_row_str(row, KIND_KIND, kc[w].name);
		kith_row_int(row, KIND_COUNT, kc[w].count);
	}
	free(kc);
}

enum { MON_MONTH, MON_COUNT, MON__COUNT };
static const kith_col month_cols[MON__COUNT] = {
    [MON_MONTH] = {"month", "Month", KITH_CELL_TEXT, 0},
    [MON_COUNT] = {"count", "Interactions", KITH_CELL_INT, KITH_COL_RIGHT},
};

/* The twelve months ending with the one that holds the period's end (or
 * the as-of date, when earlier); nothing after as_of counts. */
static void months_section(ctx *x)
{
	kith_section *s =
	    table(x, "months", "Activity by month", month_cols, MON__COUNT,
	          "No interactions in the last 12 months.");
	s->chart = KITH_CHART_BARS;
	kith_day ref = x->p.to < x->as_of ? x->p.to : x->as_of;
	int y, m, d;
	kith_day_to_ymd(ref, &y, &m, &d);
	int idx = y * 12 + (m - 1) - 11, last = idx + 11;
	/* One pass over the interactions: the twelve months' counts and the
	 * journal's first date (the chart starts with the journal, not with
	 * empty months). */
	kith_day bound[13]; /* bound[k]: first day of month idx + k */
	for (int k = 0; k <= 12; k++)
		bound[k] =
		    kith_day_from_ymd((idx + k) / 12, (idx + k) % 12 + 1, 1);
	uint32_t count[12] = {0};
	/* the journal's first date: the first dated one in date order */
	uint32_t dated = chrono_from(x, KITH_NO_DAY + 1), a, b;
	kith_day first = dated < x->nchrono
	                     ? x->j->interactions.v[x->chrono[dated]].date
	                     : KITH_NO_DAY;
	chrono_range(x, bound[0],
	             bound[12] - 1 < x->as_of ? bound[12] - 1 : x->as_of, &a,
	             &b);
	for (uint32_t at = a; at < b; at++) {
		kith_day dd = x->j->interactions.v[x->chrono[at]].date;
		int k = 11;
		while (dd < bound[k])
			k--;
		count[k]++;
	}
	int from = idx;
	if (first != KITH_NO_DAY && first <= ref) {
		int fy, fm, fd;
		kith_day_to_ymd(first, &fy, &fm, &fd);
		if (fy * 12 + fm - 1 > from)
			from = fy * 12 + fm - 1;
	}
	for (int k = from - idx; k <= last - idx; k++) {
		int yy = (idx + k) / 12, mm = (idx + k) % 12 + 1;
		kith_row row = kith_row_add(x->r, s);
		kith_row_textf(row, MON_MONTH, "%04d-%02d", yy, mm);
		kith_row_int(row, MON_COUNT, count[k]);
	}
}

/* ---- contacts ---- */

enum {
	NEW_WHO,
	NEW_NAME,
	NEW_ORG,
	NEW_ROLES,
	NEW_FIRST_TOUCH,
	NEW_VIA,
	NEW__COUNT
};
static const kith_col new_cols[NEW__COUNT] = {
    [NEW_WHO] = {"who", "Contact", KITH_CELL_TEXT, 0},
    [NEW_NAME] = {"name", "Name", KITH_CELL_TEXT, 0},
    [NEW_ORG] = {"org", "Org", KITH_CELL_TEXT,
                 KITH_COL_WIDE | KITH_COL_DROP_AT(2)},
    [NEW_ROLES] = {"roles", "Roles", KITH_CELL_TEXT, KITH_COL_DROP_AT(1)},
    [NEW_FIRST_TOUCH] = {"first_touch", "First touch", KITH_CELL_DATE, 0},
    [NEW_VIA] = {"via", "Via", KITH_CELL_TEXT,
                 KITH_COL_WIDE | KITH_COL_DROP_AT(3)},
};

typedef struct {
	kith_day day;
	long long n;
	kith_str handle;
	uint32_t idx;
} contact_key;

/* By day, then handle. */
static int key_day_cmp(const void *a, const void *b)
{
	const contact_key *p = a, *q = b;
	if (p->day != q->day)
		return p->day < q->day ? -1 : 1;
	return kith_str_cmp(p->handle, q->handle);
}

/* By count (most first), then handle. */
static int key_count_cmp(const void *a, const void *b)
{
	const contact_key *p = a, *q = b;
	if (p->n != q->n)
		return p->n > q->n ? -1 : 1;
	return kith_str_cmp(p->handle, q->handle);
}

static uint32_t new_contacts_section(ctx *x)
{
	const kith_journal *j = x->j;
	contact_key *keys = kith_xcalloc(j->contacts.n + 1, sizeof(*keys));
	uint32_t n = 0;
	for (uint32_t c = 0; c < j->contacts.n; c++)
		if (in_past(x, x->t[c].first_touch))
			keys[n++] = (contact_key){x->t[c].first_touch, 0,
			                          j->contacts.v[c].handle, c};
	qsort(keys, n, sizeof(*keys), key_day_cmp);
	kith_section *s = table(x, "new-contacts", "New contacts", new_cols,
	                        NEW__COUNT, "No new contacts in this period.");
	for (uint32_t k = 0; k < n; k++) {
		uint32_t c = keys[k].idx;
		const kith_contact *ct = &j->contacts.v[c];
		kith_row row = kith_row_add(x->r, s);
		kith_row_text_ref(row, NEW_WHO, who_of(&x->names, c));
		const char *name = name_or_null(x, c);
		if (name)
			kith_row_text_ref(row, NEW_NAME, name);
		kith_row_str(row, NEW_ORG, ct->org.s);
		const char *roles = kith_disp_names(x->r, &ct->roles);
		if (roles)
			kith_row_text_ref(row, NEW_ROLES, roles);
		kith_row_date(row, NEW_FIRST_TOUCH, keys[k].day);
		if (ct->via.s.p)
			kith_row_text_ref(
			    row, NEW_VIA,
			    who_ref(&x->names, x->r, ct->via.s, KITH_NONE));
	}
	free(keys);
	return n;
}

enum { TD_WHO, TD_NAME, TD_COUNT, TD_LAST, TD__COUNT };
static const kith_col touched_cols[TD__COUNT] = {
    [TD_WHO] = {"who", "Contact", KITH_CELL_TEXT, 0},
    [TD_NAME] = {"name", "Name", KITH_CELL_TEXT, 0},
    [TD_COUNT] = {"count", "Interactions", KITH_CELL_INT, KITH_COL_RIGHT},
    [TD_LAST] = {"last", "Last", KITH_CELL_DATE, 0},
};

/* The contacts touched in the period, most first, counted while the
 * participants' table is there (kith_compute_report frees it before the
 * goals): *n of them. */
static contact_key *touched_keys(ctx *x, uint32_t *nout)
{
	const kith_journal *j = x->j;
	contact_key *keys = kith_xcalloc(j->contacts.n + 1, sizeof(*keys));
	for (uint32_t c = 0; c < j->contacts.n; c++)
		keys[c] =
		    (contact_key){KITH_NO_DAY, 0, j->contacts.v[c].handle, c};
	uint32_t a, b;
	chrono_range(x, x->p.from, x->to, &a, &b);
	for (uint32_t at = a; at < b; at++) {
		uint32_t i = x->chrono[at];
		const kith_interaction *ix = &j->interactions.v[i];
		if (!kith_parts_touches(j, &x->parts, i))
			continue;
		for (uint32_t w = 0; w < kith_ix_with(ix).n; w++) {
			uint32_t c = x->parts.c[x->parts.off[i] + w];
			if (c == KITH_NONE)
				continue;
			keys[c].n++;
			if (keys[c].day == KITH_NO_DAY ||
			    ix->date > keys[c].day)
				keys[c].day = ix->date;
		}
	}
	uint32_t n = 0;
	for (uint32_t c = 0; c < j->contacts.n; c++)
		if (keys[c].n)
			keys[n++] = keys[c];
	qsort(keys, n, sizeof(*keys), key_count_cmp);
	*nout = n;
	return keys;
}

/* keys: touched_keys, n of them, freed here. */
static uint32_t touched_section(ctx *x, contact_key *keys, uint32_t n)
{
	kith_section *s =
	    table(x, "contacts", "Contacts in touch", touched_cols, TD__COUNT,
	          "No contact touched in this period.");
	s->text = kith_arena_printf(x->r->arena, "%u distinct contact%s.", n,
	                            n == 1 ? "" : "s");
	for (uint32_t k = 0; k < n; k++) {
		uint32_t c = keys[k].idx;
		kith_row row = kith_row_add(x->r, s);
		kith_row_text_ref(row, TD_WHO, who_of(&x->names, c));
		const char *name = name_or_null(x, c);
		if (name)
			kith_row_text_ref(row, TD_NAME, name);
		kith_row_int(row, TD_COUNT, keys[k].n);
		kith_row_date(row, TD_LAST, keys[k].day);
	}
	free(keys);
	return n;
}

/* ---- events ---- */

enum {
	EVT_DATE,
	EVT_EVENT,
	EVT_TITLE,
	EVT_LOCATION,
	EVT_STATUS,
	EVT_INTERACTIONS,
	EVT__COUNT
};
static const kith_col event_cols[EVT__COUNT] = {
    [EVT_DATE] = {"date", "Date", KITH_CELL_DATE, 0},
    [EVT_EVENT] = {"event", "Event", KITH_CELL_TEXT,
                   KITH_COL_WIDE | KITH_COL_DROP_AT(1)},
    [EVT_TITLE] = {"title", "Title", KITH_CELL_TEXT,
                   KITH_COL_WIDE | KITH_COL_MAIN},
    [EVT_LOCATION] = {"location", "Location", KITH_CELL_TEXT,
                      KITH_COL_WIDE | KITH_COL_DROP_AT(2)},
    [EVT_STATUS] = {"status", "Status", KITH_CELL_TEXT, 0},
    [EVT_INTERACTIONS] = {"interactions", "Interactions", KITH_CELL_INT,
                          KITH_COL_RIGHT | KITH_COL_DROP_AT(3)},
};

static uint32_t linked(const kith_journal *j, uint32_t e)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < j->interactions.n; i++)
		n += kith_disp_at_event(j, &j->interactions.v[i], e) != 0;
	return n;
}

static void event_row(ctx *x, kith_section *s, uint32_t e)
{
	const kith_event *ev = &x->j->events.v[e];
	kith_row row = kith_row_add(x->r, s);
	kith_row_date(row, EVT_DATE, ev->date.day);
	kith_row_str(row, EVT_EVENT, ev->id);
	if (ev->title.s.n)
		kith_row_text(
		    row, EVT_TITLE,
		    kith_redact_text(x->r, x->j, ev->title.s, x->redact));
	kith_disp_cell_redact(x->r, x->j,
	                      kith_row_cell(row, EVT_LOCATION, KITH_CELL_TEXT),
	                      ev->location.s, x->redact);
	kith_row_text(row, EVT_STATUS, kith_event_status_names[ev->status]);
	kith_row_int(row, EVT_INTERACTIONS, linked(x->j, e));
}

static int attended_in(const ctx *x, const kith_event *e)
{
	kith_day end = e->end.day != KITH_NO_DAY ? e->end.day : e->date.day;
	return e->status == KITH_EVENT_ATTENDED && e->date.day != KITH_NO_DAY &&
	       e->date.day <= x->to && end >= x->p.from;
}

static int upcoming(const ctx *x, const kith_event *e)
{
	return e->date.day != KITH_NO_DAY && e->date.day > x->as_of &&
	       e->status != KITH_EVENT_SKIPPED &&
	       e->status != KITH_EVENT_ATTENDED;
}

/* Attended events overlapping the part of the period that has happened,
 * or (later) planned, registered and idea events after the as-of date. */
static uint32_t events_section(ctx *x, int later)
{
	const kith_journal *j = x->j;
	uint32_t *order = kith_disp_events_by_date(j);
	kith_section *s =
	    later ? table(x, "upcoming", "Upcoming events", event_cols,
	                  EVT__COUNT, "No upcoming events.")
	          : table(x, "events", "Events attended", event_cols,
	                  EVT__COUNT, "No events attended in this period.");
	for (uint32_t k = 0; k < j->events.n; k++) {
		const kith_event *e = &j->events.v[order[k]];
		if (later ? upcoming(x, e) : attended_in(x, e))
			event_row(x, s, order[k]);
	}
	free(order);
	return s->nrows;
}

/* ---- follow-ups ---- */

/* The at-risk table's columns (risk_section): its overdue follow-ups
 * are the open ones below. */
enum { RISK_RISK, RISK_ITEM, RISK_DETAIL, RISK_DATE, RISK__COUNT };

enum { FUC_STATUS, FUC_COUNT, FUC__COUNT };
static const kith_col fu_count_cols[FUC__COUNT] = {
    [FUC_STATUS] = {"status", "Follow-ups", KITH_CELL_TEXT, 0},
    [FUC_COUNT] = {"count", "Count", KITH_CELL_INT, KITH_COL_RIGHT},
};

enum { FUO_DUE, FUO_WHAT, FUO_WHO, FUO_FROM, FUO_LATE, FUO__COUNT };
static const kith_col fu_open_cols[FUO__COUNT] = {
    [FUO_DUE] = {"due", "Due", KITH_CELL_DATE, 0},
    [FUO_WHAT] = {"what", "Follow-up", KITH_CELL_TEXT,
                  KITH_COL_WIDE | KITH_COL_MAIN},
    [FUO_WHO] = {"who", "With", KITH_CELL_TEXT,
                 KITH_COL_WIDE | KITH_COL_DROP_AT(2)},
    [FUO_FROM] = {"from", "From", KITH_CELL_DATE, KITH_COL_DROP_AT(1)},
    [FUO_LATE] = {"late", "Late by", KITH_CELL_DAYS, KITH_COL_RIGHT},
};

/* Follow-ups of the period: those due in it, or (without a due date)
 * owed by an interaction in it. */
static int fu_in_period(const ctx *x, const kith_fu *f)
{
	kith_day d = f->due;
	if (d == KITH_NO_DAY && f->interaction < x->j->interactions.n)
		d = x->j->interactions.v[f->interaction].date;
	return d != KITH_NO_DAY && d >= x->p.from && d <= x->p.to;
}

/* Whether the at-risk section lists f (risk_section, in the same order). */
static int fu_overdue(const ctx *x, const kith_fu *f)
{
	return f->done == KITH_NO_DAY && f->due != KITH_NO_DAY &&
	       f->due < x->as_of;
}

/* f's text as the follow-up tables show it: a task's own text is the
 * journal's copy when that ends in a NUL (the loader's), not another. */
static const char *fu_what(ctx *x, const kith_fu *f)
{
	const kith_journal *j = x->j;
	if (!x->redact && f->source == KITH_FU_TASK &&
	    f->followup < j->followups.n) {
		kith_str t = j->followups.v[f->followup].text.s;
		if (t.p && t.p[t.n] == '\0')
			return t.p;
	}
	return kith_disp_fu_text(x->r, j, f, x->redact);
}

/* what: f's text as the at-risk section already holds it, or NULL. */
static void fu_open_row(ctx *x, kith_section *s, const kith_fu *f,
                        const char *what)
{
	const kith_journal *j = x->j;
	kith_row row = kith_row_add(x->r, s);
	kith_row_date(row, FUO_DUE, f->due);
	kith_row_text_ref(row, FUO_WHAT, what ? what : fu_what(x, f));
	if (f->interaction < j->interactions.n) {
		kith_row_date(row, FUO_FROM,
		              j->interactions.v[f->interaction].date);
	}
	/* The person 'kith due' names: the one the task is about. */
	kith_ref one;
	kith_refs refs = kith_fu_who(j, f, &one);
	const char *who = who_refs(&x->names, x->r, &refs, NULL);
	if (*who)
		kith_row_text_ref(row, FUO_WHO, who);
	if (f->due != KITH_NO_DAY && f->due < x->as_of) {
		kith_row_days(row, FUO_LATE, (long long)x->as_of - f->due);
		kith_row_style(row, FUO_LATE, KITH_STYLE_BAD);
	}
}

static void followups_sections(ctx *x, uint32_t counts[3])
{
	counts[0] = counts[1] = counts[2] = 0;
	for (uint32_t i = 0; i < x->fus.n; i++) {
		const kith_fu *f = &x->fus.v[i];
		if (!fu_in_period(x, f))
			continue;
		counts[f->done == KITH_NO_DAY ? 2 : f->late ? 1 : 0]++;
	}
	static const char *const labels[] = {"done on time", "done late",
	                                     "open"};
	static const kith_style styles[] = {KITH_STYLE_GOOD, KITH_STYLE_WARN,
	                                    KITH_STYLE_BAD};
	kith_section *s = table(x, "follow-ups", "Follow-ups", fu_count_cols,
	                        FUC__COUNT, "No follow-ups in this period.");
	s->chart = KITH_CHART_BARS;
	if (counts[0] + counts[1] + counts[2])
		for (int k = 0; k < 3; k++) {
			kith_row row = kith_row_add(x->r, s);
			kith_row_text(row, FUC_STATUS, labels[k]);
			kith_row_int(row, FUC_COUNT, counts[k]);
			kith_row_style(row, FUC_COUNT,
			               counts[k] ? styles[k] : KITH_STYLE_NONE);
		}
	s = table(x, "open-follow-ups", "Open follow-ups", fu_open_cols,
	          FUO__COUNT, "Nothing open from this period.");
	/* the k-th overdue follow-up is the at-risk row after the goals'
	 * and checkpoints' ones: its text is made once */
	uint32_t k = x->risk ? x->risk->nrows - x->risk_fus : 0;
	for (uint32_t i = 0; i < x->fus.n; i++) {
		const kith_fu *f = &x->fus.v[i];
		int risk = fu_overdue(x, f);
		if (f->done == KITH_NO_DAY && fu_in_period(x, f)) {
			const kith_cell *c =
			    risk && x->risk
			        ? kith_section_cell(x->risk, k, RISK_ITEM)
			        : NULL;
			fu_open_row(x, s, f, c ? c->s : NULL);
		}
		k += risk;
	}
}

/* ---- out of touch ---- */

enum {
	OOT_WHO,
	OOT_NAME,
	OOT_ROLES,
	OOT_LAST_TOUCH,
	OOT_DAYS_SINCE,
	OOT_IDEAL_DAYS,
	OOT_MAX_DAYS,
	OOT_OVERDUE_ON,
	OOT__COUNT
};
static const kith_col touch_cols[OOT__COUNT] = {
    [OOT_WHO] = {"who", "Contact", KITH_CELL_TEXT, 0},
    [OOT_NAME] = {"name", "Name", KITH_CELL_TEXT, 0},
    [OOT_ROLES] = {"roles", "Roles", KITH_CELL_TEXT, KITH_COL_DROP_AT(1)},
    [OOT_LAST_TOUCH] = {"last_touch", "Last touch", KITH_CELL_DATE, 0},
    [OOT_DAYS_SINCE] = {"days_since", "Days since", KITH_CELL_INT,
                        KITH_COL_RIGHT},
    [OOT_IDEAL_DAYS] = {"ideal_days", "Ideal", KITH_CELL_INT,
                        KITH_COL_RIGHT | KITH_COL_DROP_AT(2)},
    [OOT_MAX_DAYS] = {"max_days", "Max", KITH_CELL_INT,
                      KITH_COL_RIGHT | KITH_COL_DROP_AT(2)},
    [OOT_OVERDUE_ON] = {"overdue_on", "Overdue since", KITH_CELL_DATE, 0},
};

static int key_or_mentor(const kith_contact *c)
{
	for (uint32_t i = 0; i < c->roles.n; i++)
		if (kith_str_eqc(c->roles.v[i].s, "key") ||
		    kith_str_eqc(c->roles.v[i].s, "mentor"))
			return 1;
	return 0;
}

static void out_of_touch_row(ctx *x, kith_section *s, uint32_t c,
                             const kith_touch *t, kith_day ref)
{
	const kith_journal *j = x->j;
	const kith_contact *ct = &j->contacts.v[c];
	kith_row row = kith_row_add(x->r, s);
	kith_row_text_ref(row, OOT_WHO, who_of(&x->names, c));
	const char *name = name_or_null(x, c);
	if (name)
		kith_row_text_ref(row, OOT_NAME, name);
	kith_row_text_ref(row, OOT_ROLES, kith_disp_names(x->r, &ct->roles));
	kith_row_date(row, OOT_LAST_TOUCH, t->last_touch);
	kith_day base =
	    t->last_touch != KITH_NO_DAY ? t->last_touch : ct->met.day;
	if (base != KITH_NO_DAY) {
		kith_row_int(row, OOT_DAYS_SINCE, (long long)ref - base);
		kith_row_int(row, OOT_IDEAL_DAYS, (long long)t->due_on - base);
		kith_row_int(row, OOT_MAX_DAYS,
		             (long long)t->overdue_on - base);
	} else {
		kith_row_int(row, OOT_IDEAL_DAYS,
		             kith_dur_days_approx(t->cadence.ideal));
		kith_row_int(row, OOT_MAX_DAYS,
		             kith_dur_days_approx(t->cadence.max));
	}
	kith_row_date(row, OOT_OVERDUE_ON, t->overdue_on);
	kith_row_style(row, OOT_OVERDUE_ON, KITH_STYLE_BAD);
}

/* Key connections and mentors overdue at the end of the period, or as of
 * today when the period has not ended yet. */
static void out_of_touch_section(ctx *x)
{
	const kith_journal *j = x->j;
	kith_day ref = x->to;
	const kith_touch *t = x->t; /* as of ref (kith_compute_report) */
	contact_key *keys = kith_xcalloc(j->contacts.n + 1, sizeof(*keys));
	uint32_t n = 0;
	for (uint32_t c = 0; c < j->contacts.n; c++)
		if (t[c].has_cadence && t[c].state == 2 &&
		    key_or_mentor(&j->contacts.v[c]))
			keys[n++] = (contact_key){t[c].overdue_on, 0,
			                          j->contacts.v[c].handle, c};
	qsort(keys, n, sizeof(*keys), key_day_cmp);
	kith_section *s =
	    table(x, "out-of-touch", "Key connections and mentors out of touch",
	          touch_cols, OOT__COUNT,
	          "Every key connection and mentor is in touch.");
	s->chart = KITH_CHART_CADENCE;
	for (uint32_t k = 0; k < n; k++)
		out_of_touch_row(x, s, keys[k].idx, &t[keys[k].idx], ref);
	free(keys);
}

/* ---- checkpoints ---- */

enum {
	CPT_DATE,
	CPT_GOAL,
	CPT_EXPECT,
	CPT_ACTUAL,
	CPT_VERDICT,
	CPT_NOTE,
	CPT__COUNT
};
static const kith_col cp_cols[CPT__COUNT] = {
    [CPT_DATE] = {"date", "Date", KITH_CELL_DATE, 0},
    [CPT_GOAL] = {"goal", "Goal", KITH_CELL_TEXT, 0},
    [CPT_EXPECT] = {"expect", "Expect", KITH_CELL_TEXT, KITH_COL_WIDE},
    [CPT_ACTUAL] = {"actual", "Actual", KITH_CELL_TEXT, KITH_COL_WIDE},
    [CPT_VERDICT] = {"verdict", "Verdict", KITH_CELL_TEXT, 0},
    [CPT_NOTE] = {"note", "Note", KITH_CELL_TEXT,
                  KITH_COL_NOTES | KITH_COL_WIDE | KITH_COL_DROP_AT(2)},
};

typedef struct {
	kith_day day;
	kith_str goal;
	uint32_t g, cp;
} cp_key;

static int cp_cmp(const void *a, const void *b)
{
	const cp_key *p = a, *q = b;
	if (p->day != q->day)
		return p->day < q->day ? -1 : 1;
	int c = kith_str_cmp(p->goal, q->goal);
	if (c)
		return c;
	return (p->cp > q->cp) - (p->cp < q->cp);
}

static void checkpoints_section(ctx *x)
{
	const kith_journal *j = x->j;
	KITH_VEC(cp_key) keys = {0};
	for (uint32_t g = 0; g < j->goals.n; g++)
		for (uint32_t i = 0; i < j->goals.v[g].checkpoints.n; i++) {
			kith_day d = j->goals.v[g].checkpoints.v[i].date.day;
			if (d != KITH_NO_DAY && d >= x->p.from && d <= x->p.to)
				*kith_vec_push(&keys) =
				    (cp_key){d, j->goals.v[g].id, g, i};
		}
	if (keys.n)
		qsort(keys.v, keys.n, sizeof(*keys.v), cp_cmp);
	kith_section *s = table(x, "checkpoints", "Checkpoints", cp_cols,
	                        CPT__COUNT, "No checkpoints in this period.");
	for (uint32_t k = 0; k < keys.n; k++) {
		const kith_goal *g = &j->goals.v[keys.v[k].g];
		const kith_checkpoint *cp = &g->checkpoints.v[keys.v[k].cp];
		const char *expect, *actual;
		int v = kith_disp_checkpoint(x->r, j, g, cp, x->as_of, &x->fus,
		                             &expect, &actual);
		kith_row row = kith_row_add(x->r, s);
		kith_row_date(row, CPT_DATE, cp->date.day);
		kith_row_str(row, CPT_GOAL, g->id);
		kith_row_text(row, CPT_EXPECT, expect);
		kith_row_text(row, CPT_ACTUAL, actual);
		kith_disp_verdict_cell(
		    x->r, kith_row_cell(row, CPT_VERDICT, KITH_CELL_TEXT), v);
		if (cp->note.s.n)
			kith_row_text(
			    row, CPT_NOTE,
			    kith_redact_text(x->r, j, cp->note.s, x->redact));
	}
	kith_vec_free(&keys);
}

/* ---- interactions: feedback and highlights ---- */

enum { IX_DATE, IX_KIND, IX_WHO, IX_TITLE, IX_NOTES, IX_SOURCE, IX__COUNT };
static const kith_col ix_cols[IX__COUNT] = {
    [IX_DATE] = {"date", "Date", KITH_CELL_DATE, 0},
    [IX_KIND] = {"kind", "Kind", KITH_CELL_TEXT, 0},
    [IX_WHO] = {"who", "With", KITH_CELL_TEXT,
                KITH_COL_WIDE | KITH_COL_DROP_AT(2)},
    [IX_TITLE] = {"title", "Title", KITH_CELL_TEXT,
                  KITH_COL_WIDE | KITH_COL_MAIN},
    [IX_NOTES] = {"notes", "Notes", KITH_CELL_TEXT,
                  KITH_COL_NOTES | KITH_COL_WIDE | KITH_COL_MIN(24) |
                      KITH_COL_DROP_AT(3)},
    [IX_SOURCE] = {"source", "Source", KITH_CELL_TEXT, KITH_COL_MACHINE},
};

/* The interactions' tables (100k rows at 1M in a year's report) are
 * rows made when read, cell by cell, from each row's interaction: the
 * texts are made into the row's arena and the entry's pages read through
 * a window of files (so a renderer's pass keeps four files resident),
 * where held rows took 96 bytes of cells and copies of the title, notes
 * and source each. */
typedef struct {
	kith_rows_fill fill; /* first: the section points at it */
	const kith_journal *j;
	who_names names;
	const uint32_t *ix; /* per row: its interaction */
	const char **who;   /* per row: its participants as shown */
	int redact;
	kith_file_window recent;
} ix_rows;

/* fills a cell of row k, whose interaction is ix */
typedef void (*ix_cell_fn)(ix_rows *m, uint32_t k, const kith_interaction *ix,
                           kith_row row);

static void ix_date(ix_rows *m, uint32_t k, const kith_interaction *ix,
                    kith_row row)
{
	(void)k;
	(void)m;
	kith_row_date(row, IX_DATE, ix->date);
}

static void ix_kind(ix_rows *m, uint32_t k, const kith_interaction *ix,
                    kith_row row)
{
	(void)k;
	(void)m;
	kith_row_str(row, IX_KIND, kith_disp_kind(ix));
}

static void ix_who(ix_rows *m, uint32_t k, const kith_interaction *ix,
                   kith_row row)
{
	(void)ix;
	if (m->who[k])
		kith_row_text_ref(row, IX_WHO, m->who[k]);
}

static void ix_title(ix_rows *m, uint32_t k, const kith_interaction *ix,
                     kith_row row)
{
	(void)k;
	if (!ix->title.s.n)
		return;
	kith_file_window_read(m->j, &m->recent, ix->file);
	kith_row_text_ref(row, IX_TITLE,
	                  kith_redact_text(row.r, m->j,
	                                   kith_disp_title(row.r, ix),
	                                   m->redact));
}

static void ix_notes(ix_rows *m, uint32_t k, const kith_interaction *ix,
                     kith_row row)
{
	(void)k;
	if (!ix->notes.s.n)
		return;
	kith_file_window_read(m->j, &m->recent, ix->file);
	kith_row_text_ref(
	    row, IX_NOTES,
	    kith_redact_text(row.r, m->j, ix->notes.s, m->redact));
	kith_disp_note_tasks(row, IX_NOTES, m->j, ix, row.r->as_of);
}

static void ix_source(ix_rows *m, uint32_t k, const kith_interaction *ix,
                      kith_row row)
{
	(void)k;
	kith_row_text_ref(row, IX_SOURCE,
	                  kith_disp_source(row.r, m->j, ix->pos));
}

static const ix_cell_fn ix_cells[IX__COUNT] = {
    [IX_DATE] = ix_date,   [IX_KIND] = ix_kind,   [IX_WHO] = ix_who,
    [IX_TITLE] = ix_title, [IX_NOTES] = ix_notes, [IX_SOURCE] = ix_source,
};

static void ix_make_cell(kith_rows_fill *fill, uint32_t k, uint32_t col,
                         kith_row row)
{
	ix_rows *m = (ix_rows *)fill;
	ix_cells[col](m, k, &m->j->interactions.v[m->ix[k]], row);
}

/* Interactions of the period in register order; only_kind: a filter. */
static uint32_t ix_section(ctx *x, const char *id, const char *title,
                           const char *only_kind, const char *empty)
{
	kith_section *s = table(x, id, title, ix_cols, IX__COUNT, empty);
	uint32_t first, last, n = 0;
	chrono_range(x, x->p.from, x->to, &first, &last);
	ix_rows *m = kith_arena_alloc(x->r->arena, sizeof(*m));
	uint32_t *ix =
	    kith_arena_alloc(x->r->arena, (last - first + 1) * sizeof(*ix));
	const char **who =
	    kith_arena_alloc(x->r->arena, (last - first + 1) * sizeof(*who));
	for (uint32_t k = first; k < last; k++) {
		uint32_t i = x->chrono[k];
		const kith_interaction *in = &x->j->interactions.v[i];
		if (only_kind && !kith_str_eqc(kith_disp_kind(in), only_kind))
			continue;
		/* shown once per read of the row, twice in text: found once */
		kith_refs with = kith_ix_with(in);
		who[n] = with.n ? who_refs(&x->names, x->r, &with, NULL) : NULL;
		ix[n++] = i;
	}
	m->fill.make_cell = ix_make_cell;
	m->j = x->j;
	m->names = x->names;
	m->ix = ix;
	m->who = who;
	m->redact = x->redact;
	kith_file_window_init(&m->recent);
	kith_section_fill(x->r, s, &m->fill, n);
	return n;
}

/* ---- skills ---- */

static int skill_cmp(const void *a, const void *b)
{
	return kith_str_cmp(*(const kith_str *)a, *(const kith_str *)b);
}

typedef struct {
	kith_day day;
	uint32_t idx;
} as_key;

static int as_cmp(const void *a, const void *b)
{
	const as_key *p = a, *q = b;
	if (p->day != q->day)
		return p->day < q->day ? -1 : 1;
	return (p->idx > q->idx) - (p->idx < q->idx);
}

/* One row per assessment up to the period's end, one column per skill
 * (sorted by name), empty where a skill was not rated that day. */
static void skills_section(ctx *x)
{
	const kith_journal *j = x->j;
	KITH_VEC(kith_str) skills = {0};
	KITH_VEC(as_key) rows = {0};
	for (uint32_t a = 0; a < j->assessments.n; a++) {
		const kith_assessment *as = &j->assessments.v[a];
		if (as->date.day == KITH_NO_DAY || as->date.day > x->to)
			continue;
		*kith_vec_push(&rows) = (as_key){as->date.day, a};
		for (uint32_t k = 0; k < as->skills.n; k++) {
			uint32_t w = 0;
			while (w < skills.n &&
			       !kith_str_eq(skills.v[w], as->skills.v[k].skill))
				w++;
			if (w == skills.n)
				*kith_vec_push(&skills) = as->skills.v[k].skill;
		}
	}
	if (skills.n)
		qsort(skills.v, skills.n, sizeof(*skills.v), skill_cmp);
	if (rows.n)
		qsort(rows.v, rows.n, sizeof(*rows.v), as_cmp);
	/* SK_DATE, then one column per skill from SK_SKILL on */
	enum { SK_DATE, SK_SKILL };
	uint32_t ncols = SK_SKILL + skills.n;
	kith_col *cols = kith_arena_alloc(x->r->arena, ncols * sizeof(*cols));
	cols[SK_DATE] = (kith_col){"date", "Date", KITH_CELL_DATE, 0};
	for (uint32_t w = 0; w < skills.n; w++) {
		char *id = kith_arena_strndup(x->r->arena, skills.v[w].p,
		                              skills.v[w].n);
		char *title = kith_arena_strdup(x->r->arena, id);
		for (char *p = id; *p; p++)
			if (*p == '-' || *p == '.')
				*p = '_';
		cols[SK_SKILL + w] =
		    (kith_col){id, title, KITH_CELL_INT, KITH_COL_RIGHT};
	}
	kith_section *s = table(x, "skills", "Skills", cols, ncols,
	                        "No skills assessed yet.");
	s->chart = KITH_CHART_TREND;
	for (uint32_t k = 0; k < rows.n; k++) {
		const kith_assessment *as = &j->assessments.v[rows.v[k].idx];
		kith_row row = kith_row_add(x->r, s);
		kith_row_date(row, SK_DATE, as->date.day);
		for (uint32_t q = 0; q < as->skills.n; q++) {
			kith_str *hit =
			    bsearch(&as->skills.v[q].skill, skills.v, skills.n,
			            sizeof(*skills.v), skill_cmp);
			if (hit)
				kith_row_int(
				    row, SK_SKILL + (uint32_t)(hit - skills.v),
				    as->skills.v[q].rating);
		}
	}
	kith_vec_free(&skills);
	kith_vec_free(&rows);
}

/* ---- headline: the period against the one before ---- */

enum {
	HEAD_FIGURE,
	HEAD_VALUE,
	HEAD_PREVIOUS,
	HEAD_CHANGE,
	HEAD_TREND,
	HEAD__COUNT
};
static const kith_col headline_cols[HEAD__COUNT] = {
    [HEAD_FIGURE] = {"figure", "Figure", KITH_CELL_TEXT, 0},
    [HEAD_VALUE] = {"value", "This period", KITH_CELL_INT, KITH_COL_RIGHT},
    [HEAD_PREVIOUS] = {"previous", "Previous", KITH_CELL_INT, KITH_COL_RIGHT},
    [HEAD_CHANGE] = {"change", "Change", KITH_CELL_INT, KITH_COL_MACHINE},
    [HEAD_TREND] = {"trend", "Change", KITH_CELL_TEXT, KITH_COL_RIGHT},
};

enum { HL_INTERACTIONS, HL_TOUCHED, HL_NEW, HL_EVENTS, HL__COUNT };
static const char *const headline_names[HL__COUNT] = {
    "interactions", "contacts touched", "new contacts", "events attended"};

/* The previous period of the same length: the month, quarter or year
 * before a calendar one, else the same number of days before. */
static kith_period previous_period(kith_period p)
{
	static const kith_per pers[] = {KITH_PER_MONTH, KITH_PER_QUARTER,
	                                KITH_PER_YEAR, KITH_PER_WEEK};
	for (size_t i = 0; i < KITH_ARRAY_LEN(pers); i++) {
		kith_period b = kith_bucket_of(pers[i], p.from);
		if (b.from == p.from && b.to == p.to)
			return kith_bucket_of(pers[i], p.from - 1);
	}
	kith_day len = p.to - p.from + 1;
	return (kith_period){p.from - len, p.from - 1};
}

/* The headline figures over p (nothing after as_of counts). */
static void count_period(const ctx *x, kith_period p, uint32_t out[HL__COUNT])
{
	const kith_journal *j = x->j;
	kith_day to = p.to < x->as_of ? p.to : x->as_of;
	uint8_t *seen = kith_xcalloc(j->contacts.n + 1, 1);
	memset(out, 0, HL__COUNT * sizeof(*out));
	uint32_t a, b;
	chrono_range(x, p.from, to, &a, &b);
	for (uint32_t at = a; at < b; at++) {
		uint32_t i = x->chrono[at];
		const kith_interaction *ix = &j->interactions.v[i];
		out[HL_INTERACTIONS]++;
		if (!kith_parts_touches(j, &x->parts, i))
			continue;
		for (uint32_t w = 0; w < kith_ix_with(ix).n; w++) {
			uint32_t c = x->parts.c[x->parts.off[i] + w];
			if (c != KITH_NONE && !seen[c]++)
				out[HL_TOUCHED]++;
		}
	}
	for (uint32_t c = 0; c < j->contacts.n; c++) {
		kith_day f = x->t[c].first_touch;
		out[HL_NEW] += f != KITH_NO_DAY && f >= p.from && f <= to;
	}
	for (uint32_t e = 0; e < j->events.n; e++) {
		const kith_event *ev = &j->events.v[e];
		kith_day end =
		    ev->end.day != KITH_NO_DAY ? ev->end.day : ev->date.day;
		out[HL_EVENTS] += ev->status == KITH_EVENT_ATTENDED &&
		                  ev->date.day != KITH_NO_DAY &&
		                  ev->date.day <= to && end >= p.from;
	}
	free(seen);
}

static void headline_section(ctx *x)
{
	kith_period prev = previous_period(x->p);
	uint32_t now[HL__COUNT], before[HL__COUNT];
	count_period(x, x->p, now);
	count_period(x, prev, before);
	kith_section *s =
	    table(x, "headline", "At a glance", headline_cols, HEAD__COUNT,
	          "Nothing to count in this period.");
	s->chart = KITH_CHART_TILES;
	s->text = kith_arena_printf(x->r->arena,
	                            "Change against %s, the period before.",
	                            kith_disp_period(x->r, prev));
	for (int k = 0; k < HL__COUNT; k++) {
		kith_row row = kith_row_add(x->r, s);
		long long d = (long long)now[k] - before[k];
		kith_row_text(row, HEAD_FIGURE, headline_names[k]);
		kith_row_int(row, HEAD_VALUE, now[k]);
		kith_row_int(row, HEAD_PREVIOUS, before[k]);
		kith_row_int(row, HEAD_CHANGE, d);
		kith_row_textf(row, HEAD_TREND, "%s %lld",
		               d > 0   ? "\xE2\x96\xB2"
		               : d < 0 ? "\xE2\x96\xBC"
		                       : "=",
		               d < 0 ? -d : d);
		kith_row_style(row, HEAD_TREND,
		               d > 0   ? KITH_STYLE_GOOD
		               : d < 0 ? KITH_STYLE_WARN
		                       : KITH_STYLE_DIM);
	}
}

/* ---- at risk: what needs attention, from what was computed ---- */

static const kith_col risk_cols[RISK__COUNT] = {
    [RISK_RISK] = {"risk", "Risk", KITH_CELL_TEXT, 0},
    [RISK_ITEM] = {"item", "Item", KITH_CELL_TEXT,
                   KITH_COL_WIDE | KITH_COL_MAIN},
    [RISK_DETAIL] = {"detail", "Detail", KITH_CELL_TEXT,
                     KITH_COL_WIDE | KITH_COL_DROP_AT(1)},
    [RISK_DATE] = {"date", "Date", KITH_CELL_DATE, 0},
};

static const char *cell_text(ctx *x, const kith_section *s, uint32_t r,
                             const char *col)
{
	int c = kith_section_col(s, col);
	const kith_cell *cl =
	    c < 0 ? NULL : kith_section_cell(s, r, (uint32_t)c);
	kith_buf b = {0};
	if (cl)
		kith_cell_fmt(cl, &b);
	const char *t = kith_arena_strndup(x->r->arena, b.p ? b.p : "", b.n);
	kith_buf_free(&b);
	return t;
}

static void risk_row(ctx *x, kith_section *s, const char *risk,
                     const char *item, const char *detail, kith_day d)
{
	/* every string here is static or in the report's arena */
	kith_row row = kith_row_add(x->r, s);
	kith_row_text_ref(row, RISK_RISK, risk);
	kith_row_style(row, RISK_RISK, KITH_STYLE_BAD);
	kith_row_text_ref(row, RISK_ITEM, item);
	kith_row_text_ref(row, RISK_DETAIL, detail);
	kith_row_date(row, RISK_DATE, d);
}

/* The at-risk rows of the overdue follow-ups, one per open obligation
 * past due (a third of a million at a million entries): made when read,
 * from the text and due date of each, 12 bytes a row and the text where
 * its cells and a copy of its text took 96. */
typedef struct {
	kith_rows_fill fill; /* first: the section points at it */
	const char **what;   /* per row: fu_what */
	kith_day *due;
	kith_day as_of;
	/* "12 days late" by the days, made once each in the report's arena
	 * (nlate of them; a row later than that has its own copy) */
	const char **late;
	uint32_t nlate;
	uint32_t widths[RISK__COUNT]; /* fill.widths */
} risk_fus;

static void risk_fu_make(kith_rows_fill *fill, uint32_t k, kith_row row)
{
	risk_fus *rf = (risk_fus *)fill;
	long long days = (long long)rf->as_of - rf->due[k];
	const char **kept =
	    days >= 0 && days < rf->nlate ? &rf->late[days] : NULL;
	if (!kept || !*kept) {
		char late[32]; /* "12 days late" */
		size_t n = kith_fmt_i64(late, days);
		memcpy(late + n, " days late", sizeof " days late");
		kith_row_text(row, RISK_DETAIL, late); /* the row's arena */
		if (kept)
			*kept = kith_arena_strdup(fill->r->arena, late);
	} else {
		kith_row_text_ref(row, RISK_DETAIL, *kept);
	}
	kith_row_text_ref(row, RISK_RISK, "follow-up overdue");
	kith_row_style(row, RISK_RISK, KITH_STYLE_BAD);
	kith_row_text_ref(row, RISK_ITEM, rf->what[k]);
	kith_row_date(row, RISK_DATE, rf->due[k]);
}

/* Copies the n texts end to end into one block of a: a renderer reads
 * them in order, and the journal's own copies lie apart in its arena, a
 * cache miss each. Returns the widest's display width when all are
 * printable ASCII, else KITH_WIDTH_UNKNOWN (kith_rows_fill.widths). */
static uint32_t pack_texts(kith_arena *a, const char **v, uint32_t n)
{
	size_t total = 1;
	for (uint32_t k = 0; k < n; k++)
		total += strlen(v[k]) + 1;
	char *p = kith_arena_alloc(a, total);
	uint32_t widest = 0;
	for (uint32_t k = 0; k < n; k++) {
		size_t len = strlen(v[k]);
		memcpy(p, v[k], len + 1);
		if (kith_printable_run(p, len) != len || len >= UINT32_MAX)
			widest = KITH_WIDTH_UNKNOWN;
		else if (widest < len && widest != KITH_WIDTH_UNKNOWN)
			widest = (uint32_t)len;
		v[k] = p;
		p += len + 1;
	}
	return widest;
}

/* rf->widths: those of the cells risk_fu_make makes, so the text
 * renderer need not read the rows to measure them. */
static void risk_fus_widths(risk_fus *rf, uint32_t n, uint32_t item_w)
{
	uint32_t *w = rf->widths;
	w[RISK_RISK] = n ? (uint32_t)strlen("follow-up overdue") : 0;
	w[RISK_ITEM] = item_w;
	w[RISK_DETAIL] = w[RISK_DATE] = 0;
	for (uint32_t k = 0; k < n; k++) {
		long long days = (long long)rf->as_of - rf->due[k];
		uint32_t dw =
		    kith_i64_width(days) + (uint32_t)strlen(" days late");
		if (dw > w[RISK_DETAIL])
			w[RISK_DETAIL] = dw;
		if (rf->due[k] != KITH_NO_DAY)
			w[RISK_DATE] = 10;
	}
	rf->fill.widths = rf->widths;
}

static void risk_fus_rows(ctx *x, kith_section *s)
{
	const kith_journal *j = x->j;
	uint32_t n = 0;
	for (uint32_t i = 0; i < x->fus.n; i++)
		n += fu_overdue(x, &x->fus.v[i]);
	kith_arena *a = x->r->arena;
	risk_fus *rf = kith_arena_alloc(a, sizeof(*rf));
	rf->fill.make = risk_fu_make;
	rf->what = kith_arena_alloc(a, (n ? n : 1) * sizeof(*rf->what));
	rf->due = kith_arena_alloc(a, (n ? n : 1) * sizeof(*rf->due));
	rf->as_of = x->as_of;
	for (uint32_t i = 0, k = 0; i < x->fus.n; i++) {
		const kith_fu *f = &x->fus.v[i];
		if (!fu_overdue(x, f))
			continue;
		if (f->source == KITH_FU_TASK && f->followup < j->followups.n)
			kith_file_window_read(
			    x->j, &x->recent,
			    j->followups.v[f->followup].pos.file);
		rf->what[k] = fu_what(x, f);
		rf->due[k++] = f->due;
	}
	risk_fus_widths(rf, n, pack_texts(a, rf->what, n));
	/* the days late run from 1 to as_of - the oldest due date: a table
	 * as long as the list at most */
	kith_day oldest = x->as_of;
	for (uint32_t k = 0; k < n; k++)
		oldest = rf->due[k] < oldest ? rf->due[k] : oldest;
	uint64_t span = (uint64_t)((int64_t)x->as_of - oldest) + 1;
	rf->nlate = span <= (uint64_t)n + 4096 ? (uint32_t)span : 0;
	rf->late = kith_arena_alloc(a, (rf->nlate + 1) * sizeof(*rf->late));
	memset(rf->late, 0, (rf->nlate + 1) * sizeof(*rf->late));
	x->risk = s;
	x->risk_fus = n;
	kith_section_fill(x->r, s, &rf->fill, n);
}

/* Goals behind or missed, checkpoints missed in the period or coming in
 * the next 30 days, and follow-ups overdue as of today. */
static void risk_section(ctx *x, const kith_section *goals)
{
	kith_section *s = table(x, "at-risk", "At risk", risk_cols, RISK__COUNT,
	                        "Nothing at risk.");
	for (uint32_t r = 0; r < goals->nrows; r++) {
		const char *st = cell_text(x, goals, r, "status");
		if (strcmp(st, "behind") && strcmp(st, "missed"))
			continue;
		const char *pace = cell_text(x, goals, r, "pace");
		risk_row(x, s, kith_arena_printf(x->r->arena, "goal %s", st),
		         kith_arena_printf(x->r->arena, "%s %s",
		                           cell_text(x, goals, r, "goal"),
		                           cell_text(x, goals, r, "metric")),
		         kith_arena_printf(x->r->arena, "%s of %s in %s%s%s",
		                           cell_text(x, goals, r, "actual"),
		                           cell_text(x, goals, r, "target"),
		                           cell_text(x, goals, r, "bucket"),
		                           *pace ? ", pace " : "", pace),
		         KITH_NO_DAY);
	}
	const kith_journal *j = x->j;
	for (uint32_t g = 0; g < j->goals.n; g++) {
		const kith_goal *gl = &j->goals.v[g];
		if (gl->status != KITH_GOAL_ACTIVE)
			continue;
		for (uint32_t i = 0; i < gl->checkpoints.n; i++) {
			const kith_checkpoint *cp = &gl->checkpoints.v[i];
			kith_day d = cp->date.day;
			int missed_here = d >= x->p.from && d <= x->to;
			int coming = d > x->as_of && d <= x->as_of + 30;
			if (d == KITH_NO_DAY || (!missed_here && !coming))
				continue;
			const char *expect, *actual;
			int v = kith_disp_checkpoint(x->r, j, gl, cp, x->as_of,
			                             &x->fus, &expect, &actual);
			if (v > 0)
				continue;
			risk_row(
			    x, s,
			    v == 0 ? "checkpoint missed" : "checkpoint coming",
			    kith_arena_printf(x->r->arena, "%.*s",
			                      KITH_S(gl->id)),
			    kith_arena_printf(x->r->arena, "expect %s; now %s",
			                      expect, actual),
			    d);
		}
	}
	risk_fus_rows(x, s);
}

/* ---- the report ---- */

static void header(ctx *x, const kith_opts *o)
{
	kith_report *r = x->r;
	const char *label = kith_disp_period(r, x->p);
	r->title = kith_arena_printf(r->arena, "Progress report %s", label);
	r->from = x->p.from;
	r->to = x->p.to;
	kith_report_fact(r, "period",
	                 kith_arena_printf(r->arena, "%s..%s",
	                                   kith_disp_day(r, x->p.from),
	                                   kith_disp_day(r, x->p.to)));
	kith_report_fact(r, "as of", kith_disp_day(r, o->as_of));
	if (r->owner)
		kith_report_fact(r, "owner", r->owner);
}

static void fact_count(kith_report *r, const char *label, uint32_t n)
{
	kith_report_fact(r, label, kith_arena_printf(r->arena, "%u", n));
}

/* report --summary: what fits on two printed pages (docs/html.md). */
static void summary_only(kith_report *r)
{
	static const char *const keep[] = {"headline", "goals", "at-risk",
	                                   "checkpoints", "open-follow-ups"};
	for (uint32_t i = r->sections.n; i-- > 0;) {
		size_t k = 0;
		while (k < KITH_ARRAY_LEN(keep) &&
		       strcmp(r->sections.v[i].id, keep[k]) != 0)
			k++;
		if (k == KITH_ARRAY_LEN(keep))
			kith_report_drop_section(r, r->sections.v[i].id);
	}
}

kith_report *kith_compute_report(const kith_journal *j, const kith_opts *o)
{
	ctx x = {0};
	x.j = j;
	x.r = kith_report_new("report", o->as_of);
	kith_disp_init(x.r, j, o);
	x.as_of = o->as_of;
	x.redact = o->redact;
	x.p = o->has_period ? o->period
	                    : kith_bucket_of(KITH_PER_MONTH, o->as_of);
	x.to = x.p.to < o->as_of ? x.p.to : o->as_of;
	kith_parts_init(&x.parts, j);
	kith_fu_compute_p(j, &x.parts, o->as_of, &x.fus);
	x.t = kith_touch_compute_p(j, &x.parts, x.to);
	x.chrono = kith_disp_chrono(j, &x.nchrono);
	kith_metric_date_order(j, x.chrono, x.nchrono);
	size_t nwho = (j->contacts.n + 1) * sizeof(*x.names.who);
	x.names =
	    (who_names){x.r, j, kith_arena_alloc(x.r->arena, nwho), x.redact};
	memset(x.names.who, 0, nwho);
	header(&x, o);
	/* sections that read entries' text give the pages back after */
	section_done(&x);

	headline_section(&x);
	/* the last that read the participants' table: it goes before the
	 * goals (ix_section looks its few names up) */
	uint32_t ntouched;
	contact_key *touched_by = touched_keys(&x, &ntouched);
	kith_parts_free(&x.parts);
	goals_section(&x);
	section_done(&x);
	risk_section(&x, &x.r->sections.v[x.r->sections.n - 1]);
	section_done(&x);
	goal_months_section(&x);
	section_done(&x);
	kinds_section(&x);
	section_done(&x);
	months_section(&x);
	uint32_t fresh = new_contacts_section(&x);
	uint32_t touched = touched_section(&x, touched_by, ntouched);
	uint32_t attended = events_section(&x, 0);
	uint32_t fu[3];
	followups_sections(&x, fu);
	section_done(&x);
	out_of_touch_section(&x);
	checkpoints_section(&x);
	/* what follows needs no follow-ups: they go before the longest
	 * tables are made */
	kith_vec_free(&x.fus);
	ix_section(&x, "feedback", "Feedback received", "feedback",
	           "No feedback in this period.");
	section_done(&x);
	events_section(&x, 1);
	skills_section(&x);
	uint32_t total = ix_section(&x, "highlights", "Interactions", NULL,
	                            "No interactions in this period.");
	section_done(&x);

	fact_count(x.r, "interactions", total);
	fact_count(x.r, "contacts touched", touched);
	fact_count(x.r, "new contacts", fresh);
	fact_count(x.r, "events attended", attended);
	kith_report_fact(x.r, "follow-ups",
	                 kith_arena_printf(x.r->arena,
	                                   "%u on time, %u late, %u open",
	                                   fu[0], fu[1], fu[2]));
	for (uint32_t g = 0; g < j->goals.n; g++)
		if (goal_in_period(&j->goals.v[g], x.p))
			kith_disp_metric_limit_warnings(x.r, &j->goals.v[g]);
	if (o->summary)
		summary_only(x.r);
	kith_metric_date_order(NULL, NULL, 0);
	free(x.chrono);
	free(x.t);
	kith_parts_free(&x.parts);
	kith_vec_free(&x.fus);
	return x.r;
}
