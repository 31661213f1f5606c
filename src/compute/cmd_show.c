/* kith show: one contact, goal or event with its details as facts and its
 * timeline: interactions, follow-ups, metrics, checkpoints and actions. */
#include <stdlib.h>

#include "compute/compute.h"

static const kith_col fact_cols[KITH_FACT__COUNT] = {
    [KITH_FACT_LABEL] = {"label", "Field", KITH_CELL_TEXT, 0},
    [KITH_FACT_VALUE] = {"value", "Value", KITH_CELL_TEXT, KITH_COL_WIDE},
};

enum {
	TL_DATE,
	TL_KIND,
	TL_AS,
	TL_WHO,
	TL_TITLE,
	TL_NOTES,
	TL_SOURCE,
	TL__COUNT
};
static const kith_col timeline_cols[TL__COUNT] = {
    [TL_DATE] = {"date", "Date", KITH_CELL_DATE, 0},
    [TL_KIND] = {"kind", "Kind", KITH_CELL_TEXT, 0},
    [TL_AS] = {"as", "As", KITH_CELL_TEXT, KITH_COL_DROP_AT(2)},
    [TL_WHO] = {"who", "With", KITH_CELL_TEXT,
                KITH_COL_WIDE | KITH_COL_DROP_AT(1)},
    [TL_TITLE] = {"title", "Title", KITH_CELL_TEXT,
                  KITH_COL_WIDE | KITH_COL_MAIN},
    [TL_NOTES] = {"notes", "Notes", KITH_CELL_TEXT,
                  KITH_COL_NOTES | KITH_COL_WIDE | KITH_COL_MIN(24) |
                      KITH_COL_DROP_AT(3)},
    [TL_SOURCE] = {"source", "Source", KITH_CELL_TEXT, KITH_COL_MACHINE},
};

/* A goal's or event's timeline: the TL_ columns without TL_AS, the later
 * ones shifted left by one (see tl_col). */
static const kith_col item_cols[TL__COUNT - 1] = {
    [TL_DATE] = {"date", "Date", KITH_CELL_DATE, 0},
    [TL_KIND] = {"kind", "Kind", KITH_CELL_TEXT, 0},
    [TL_WHO - 1] = {"who", "With", KITH_CELL_TEXT,
                    KITH_COL_WIDE | KITH_COL_DROP_AT(1)},
    [TL_TITLE - 1] = {"title", "Title", KITH_CELL_TEXT,
                      KITH_COL_WIDE | KITH_COL_MAIN},
    [TL_NOTES - 1] = {"notes", "Notes", KITH_CELL_TEXT,
                      KITH_COL_NOTES | KITH_COL_WIDE | KITH_COL_MIN(24) |
                          KITH_COL_DROP_AT(3)},
    [TL_SOURCE - 1] = {"source", "Source", KITH_CELL_TEXT, KITH_COL_MACHINE},
};

/* Where column c of the TL_ enum is in a timeline with or without "as". */
static uint32_t tl_col(uint32_t c, int with_as)
{
	return with_as || c < TL_AS ? c : c - 1;
}

enum { FU_DUE, FU_WHAT, FU_FROM, FU_STATE, FU_SOURCE, FU__COUNT };
static const kith_col fu_cols[FU__COUNT] = {
    [FU_DUE] = {"due", "Due", KITH_CELL_DATE, 0},
    [FU_WHAT] = {"what", "Follow-up", KITH_CELL_TEXT,
                 KITH_COL_WIDE | KITH_COL_MAIN},
    [FU_FROM] = {"from", "From", KITH_CELL_DATE, KITH_COL_DROP_AT(1)},
    [FU_STATE] = {"state", "State", KITH_CELL_TEXT, 0},
    [FU_SOURCE] = {"source", "Source", KITH_CELL_TEXT, KITH_COL_MACHINE},
};

enum { GREF_GOAL, GREF_TITLE, GREF_INTERACTIONS, GREF__COUNT };
static const kith_col goal_ref_cols[GREF__COUNT] = {
    [GREF_GOAL] = {"goal", "Goal", KITH_CELL_TEXT, 0},
    [GREF_TITLE] = {"title", "Title", KITH_CELL_TEXT,
                    KITH_COL_WIDE | KITH_COL_MAIN},
    [GREF_INTERACTIONS] = {"interactions", "Interactions", KITH_CELL_INT,
                           KITH_COL_RIGHT},
};

enum {
	MET_METRIC,
	MET_MEASURE,
	MET_WHERE,
	MET_BUCKET,
	MET_ACTUAL,
	MET_TARGET,
	MET_PACE,
	MET_STATUS,
	MET__COUNT
};
/* kith_disp_metric_cells fills five columns from MET_BUCKET on. */
_Static_assert(MET_STATUS == MET_BUCKET + 4, "the metric cells in a run");
static const kith_col metric_cols[MET__COUNT] = {
    [MET_METRIC] = {"metric", "Metric", KITH_CELL_TEXT, 0},
    [MET_MEASURE] = {"measure", "Measure", KITH_CELL_TEXT, KITH_COL_DROP_AT(2)},
    [MET_WHERE] = {"where", "Where", KITH_CELL_TEXT,
                   KITH_COL_WIDE | KITH_COL_DROP_AT(3)},
    [MET_BUCKET] = {"bucket", "Period", KITH_CELL_TEXT,
                    KITH_COL_WIDE | KITH_COL_MIN(10)},
    [MET_ACTUAL] = {"actual", "Actual", KITH_CELL_NUM, KITH_COL_RIGHT},
    [MET_TARGET] = {"target", "Target", KITH_CELL_NUM, KITH_COL_RIGHT},
    [MET_PACE] = {"pace", "Pace", KITH_CELL_NUM,
                  KITH_COL_RIGHT | KITH_COL_DROP_AT(1)},
    [MET_STATUS] = {"status", "Status", KITH_CELL_TEXT, 0},
};

enum { CP_DATE, CP_EXPECT, CP_ACTUAL, CP_VERDICT, CP_NOTE, CP__COUNT };
static const kith_col checkpoint_cols[CP__COUNT] = {
    [CP_DATE] = {"date", "Date", KITH_CELL_DATE, 0},
    [CP_EXPECT] = {"expect", "Expect", KITH_CELL_TEXT, KITH_COL_WIDE},
    [CP_ACTUAL] = {"actual", "Actual", KITH_CELL_TEXT, KITH_COL_WIDE},
    [CP_VERDICT] = {"verdict", "Verdict", KITH_CELL_TEXT, 0},
    [CP_NOTE] = {"note", "Note", KITH_CELL_TEXT,
                 KITH_COL_NOTES | KITH_COL_WIDE | KITH_COL_DROP_AT(2)},
};

enum { ACT_DUE, ACT_DONE, ACT_DO, ACT_STATE, ACT_SOURCE, ACT__COUNT };
static const kith_col action_cols[ACT__COUNT] = {
    [ACT_DUE] = {"due", "Due", KITH_CELL_DATE, 0},
    [ACT_DONE] = {"done", "Done", KITH_CELL_DATE, KITH_COL_DROP_AT(1)},
    [ACT_DO] = {"do", "Action", KITH_CELL_TEXT, KITH_COL_WIDE | KITH_COL_MAIN},
    [ACT_STATE] = {"state", "State", KITH_CELL_TEXT, 0},
    [ACT_SOURCE] = {"source", "Source", KITH_CELL_TEXT, KITH_COL_MACHINE},
};

enum { EV_DATE, EV_EVENT, EV_TITLE, EV_STATUS, EV__COUNT };
static const kith_col event_cols[EV__COUNT] = {
    [EV_DATE] = {"date", "Date", KITH_CELL_DATE, 0},
    [EV_EVENT] = {"event", "Event", KITH_CELL_TEXT,
                  KITH_COL_WIDE | KITH_COL_DROP_AT(1)},
    [EV_TITLE] = {"title", "Title", KITH_CELL_TEXT,
                  KITH_COL_WIDE | KITH_COL_MAIN},
    [EV_STATUS] = {"status", "Status", KITH_CELL_TEXT, 0},
};

/* ---- facts ---- */

static kith_row fact(kith_report *r, kith_section *s, const char *label)
{
	kith_row w = kith_row_add(r, s);
	kith_row_text(w, KITH_FACT_LABEL, label);
	return w;
}

static void fact_str(kith_report *r, kith_section *s, const char *label,
                     kith_str v)
{
	if (v.p && v.n)
		kith_row_textn(fact(r, s, label), KITH_FACT_VALUE, v.p, v.n);
}

static void fact_text(kith_report *r, kith_section *s, const char *label,
                      const char *v)
{
	if (v && *v)
		kith_row_text(fact(r, s, label), KITH_FACT_VALUE, v);
}

static void fact_day(kith_report *r, kith_section *s, const char *label,
                     kith_day d)
{
	if (d != KITH_NO_DAY)
		kith_row_date(fact(r, s, label), KITH_FACT_VALUE, d);
}

static kith_section *facts_section(kith_report *r, const char *id,
                                   const char *title)
{
	kith_section *s = kith_report_section(r, id, title, KITH_SECTION_FACTS,
	                                      fact_cols, KITH_FACT__COUNT);
	s->empty = "No details.";
	return s;
}

/* ---- metric rows (shared with progress.c) ---- */

static const kith_style pace_styles[] = {
    [KITH_PACE_MET] = KITH_STYLE_GOOD,
    [KITH_PACE_ON_TRACK] = KITH_STYLE_OK,
    [KITH_PACE_BEHIND] = KITH_STYLE_BAD,
    [KITH_PACE_NOT_STARTED] = KITH_STYLE_DIM,
    [KITH_PACE_CLOSED] = KITH_STYLE_BAD,
};

static int is_rate(const kith_metric *m)
{
	return kith_measure_is_rate(m->measure);
}

static void num_cell(kith_cell *c, double v, int pct)
{
	if (pct)
		kith_cell_pct(c, v);
	else
		kith_cell_num(c, v);
}

void kith_disp_metric_cells(kith_report *r, const kith_journal *j,
                            const kith_goal *g, const kith_metric *m,
                            kith_day day, kith_day as_of, const kith_fus *fus,
                            kith_cell *cells)
{
	/* Nothing after day counts: a report for a past period is judged as
	 * it stood at the period's end, not with what happened since. */
	kith_day upto = day < as_of ? day : as_of;
	/* A day outside the goal's span shows its first or last bucket. */
	if (g->start.day != KITH_NO_DAY && day < g->start.day)
		day = g->start.day;
	if (g->end.day != KITH_NO_DAY && day > g->end.day)
		day = g->end.day;
	kith_period b = kith_metric_bucket(g, m, day);
	if (b.from == KITH_NO_DAY || b.to == KITH_NO_DAY || b.from > b.to)
		return;
	kith_cell_text(r, &cells[0], kith_disp_period(r, b));
	kith_mval v = kith_metric_value_at(j, g, m, b.from, b.to, fus, upto);
	double pace = 0;
	/* A bucket over by then is judged as closed (met or missed); one
	 * still running then, by its pace on that day. */
	kith_pace_status st =
	    kith_metric_status(m, b, b.to <= upto ? as_of : upto, v, &pace);
	int pct = is_rate(m) || m->target_pct;
	if (v.defined || !is_rate(m))
		num_cell(&cells[1], v.actual, is_rate(m));
	num_cell(&cells[2], m->target, pct);
	/* Rates are judged as they stand: no pace, as in 'kith goals'. */
	if (!is_rate(m) && (st == KITH_PACE_ON_TRACK ||
	                    st == KITH_PACE_BEHIND || st == KITH_PACE_MET))
		num_cell(&cells[3], pace, pct);
	kith_cell_text(r, &cells[4], kith_pace_names[st]);
	cells[4].style = pace_styles[st];
}

static void metrics_section(kith_report *r, const kith_journal *j,
                            const kith_goal *g, kith_day as_of,
                            const kith_fus *fus)
{
	kith_section *s =
	    kith_report_section(r, "metrics", "Metrics", KITH_SECTION_TABLE,
	                        metric_cols, MET__COUNT);
	s->chart = KITH_CHART_PROGRESS;
	s->empty = "This goal has no metrics.";
	for (uint32_t i = 0; i < g->metrics.n; i++) {
		const kith_metric *m = &g->metrics.v[i];
		kith_row w = kith_row_add(r, s);
		kith_row_str(w, MET_METRIC, m->id);
		kith_row_text(w, MET_MEASURE, kith_measure_names[m->measure]);
		kith_row_str(w, MET_WHERE, m->where.s);
		/* the helper fills bucket, actual, target, pace, status */
		kith_disp_metric_cells(
		    r, j, g, m, as_of, as_of, fus,
		    kith_row_cell(w, MET_BUCKET, KITH_CELL_TEXT));
	}
}

/* ---- timelines ---- */

/* The timeline of a contact has an "as" column (with / mentioned); that
 * of a goal or an event does not. */
static void timeline_row(kith_report *r, kith_section *s, const kith_journal *j,
                         uint32_t i, const char *as, int redact)
{
	const kith_interaction *ix = &j->interactions.v[i];
	kith_row w = kith_row_add(r, s);
	int has = as != NULL; /* without "as", the later columns shift left */
	kith_row_date(w, TL_DATE, ix->date);
	kith_row_str(w, TL_KIND, kith_disp_kind(ix));
	if (as)
		kith_row_text(w, TL_AS, as);
	kith_refs with = kith_ix_with(ix);
	if (with.n)
		kith_row_text(w, tl_col(TL_WHO, has),
		              kith_disp_who_list(r, j, &with, redact));
	if (ix->title.s.n)
		kith_row_text(
		    w, tl_col(TL_TITLE, has),
		    kith_redact_text(r, j, kith_disp_title(r, ix), redact));
	if (ix->notes.s.n) {
		kith_row_text(w, tl_col(TL_NOTES, has),
		              kith_redact_text(r, j, ix->notes.s, redact));
		kith_disp_note_tasks(w, tl_col(TL_NOTES, has), j, ix, r->as_of);
	}
	kith_row_text(w, tl_col(TL_SOURCE, has),
	              kith_disp_source(r, j, ix->pos));
}

/* keep() says whether interaction i belongs to item `what`, and as what
 * (NULL: it does not). */
typedef const char *(*keep_fn)(const kith_journal *j, uint32_t i,
                               uint32_t what);

static void timeline(kith_report *r, const kith_journal *j, keep_fn keep,
                     uint32_t what, int with_as, int redact)
{
	kith_section *s =
	    kith_report_section(r, "timeline", "Timeline", KITH_SECTION_TABLE,
	                        with_as ? timeline_cols : item_cols,
	                        with_as ? TL__COUNT : TL__COUNT - 1);
	s->empty = "No interactions yet.";
	uint32_t n;
	uint32_t *order = kith_disp_chrono(j, &n);
	for (uint32_t k = 0; k < n; k++) {
		const char *as = keep(j, order[k], what);
		if (as)
			timeline_row(r, s, j, order[k], with_as ? as : NULL,
			             redact);
	}
	free(order);
}

static const char *keep_contact(const kith_journal *j, uint32_t i, uint32_t c)
{
	switch (kith_disp_involves(j, &j->interactions.v[i], c)) {
	case 1:
		return "with";
	case 2:
		return "mentioned";
	default:
		return NULL;
	}
}

static const char *keep_goal(const kith_journal *j, uint32_t i, uint32_t g)
{
	kith_refs goals = kith_ix_goals(&j->interactions.v[i]);
	for (uint32_t k = 0; k < goals.n; k++)
		if (kith_str_eq(goals.v[k].s, j->goals.v[g].id))
			return "";
	return NULL;
}

static const char *keep_event(const kith_journal *j, uint32_t i, uint32_t e)
{
	return kith_disp_at_event(j, &j->interactions.v[i], e) ? "" : NULL;
}

/* ---- contact ---- */

static const char *introduced(kith_report *r, const kith_journal *j, uint32_t c,
                              int redact)
{
	kith_buf b = {0};
	uint32_t *order = kith_disp_by_handle(j);
	for (uint32_t k = 0; k < j->contacts.n; k++) {
		const kith_contact *o = &j->contacts.v[order[k]];
		if (!o->via.s.p ||
		    !kith_str_eq(o->via.s, j->contacts.v[c].handle))
			continue;
		if (b.n)
			kith_buf_puts(&b, ", ");
		kith_buf_puts(&b, kith_who(r, j, order[k], redact));
	}
	free(order);
	const char *s = b.n ? kith_arena_strndup(r->arena, b.p, b.n) : NULL;
	kith_buf_free(&b);
	return s;
}

static void contact_facts(kith_report *r, const kith_journal *j, uint32_t c,
                          const kith_touch *t, int redact)
{
	const kith_contact *k = &j->contacts.v[c];
	kith_section *s = facts_section(r, "contact", "Contact");
	fact_text(r, s, "handle", kith_who(r, j, c, redact));
	/* Name, org and title together identify a person: a published
	 * (redacted) report shows none of them. */
	if (!redact) {
		fact_str(r, s, "name", k->name.s);
		fact_str(r, s, "org", k->org.s);
		fact_str(r, s, "title", k->title.s);
	}
	fact_text(r, s, "roles", kith_disp_names(r, &k->roles));
	fact_text(r, s, "tags", kith_disp_names(r, &k->tags));
	fact_day(r, s, "met", k->met.day);
	if (k->via.s.p)
		fact_text(r, s, "introduced by",
		          kith_disp_who_ref(r, j, k->via.s, redact));
	fact_text(r, s, "introduced", introduced(r, j, c, redact));
	if (t->has_cadence) {
		char buf[40];
		kith_cadence_fmt(t->cadence, buf);
		fact_text(r, s, "cadence",
		          kith_arena_printf(r->arena, "%s (%s)", buf,
		                            t->cadence_from ? t->cadence_from
		                                            : "own"));
	}
	fact_day(r, s, "first touch", t->first_touch);
	fact_day(r, s, "last touch", t->last_touch);
	kith_row_int(fact(r, s, "interactions"), KITH_FACT_VALUE, t->count);
	if (t->has_cadence) {
		fact_day(r, s, "due on", t->due_on);
		fact_day(r, s, "overdue on", t->overdue_on);
		kith_disp_state_cell(r,
		                     kith_row_cell(fact(r, s, "state"),
		                                   KITH_FACT_VALUE,
		                                   KITH_CELL_TEXT),
		                     t->state);
	}
	if (!r->private_fields)
		return;
	fact_str(r, s, "email", k->email.s);
	fact_str(r, s, "phone", k->phone.s);
	fact_text(r, s, "birthday", kith_disp_birthday(r, k));
	fact_text(r, s, "links", kith_disp_names(r, &k->links));
}

static void contact_notes(kith_report *r, const kith_contact *k)
{
	if (!r->private_fields || !k->notes.s.n)
		return;
	kith_section *s = kith_report_section(r, "notes", "Notes",
	                                      KITH_SECTION_TEXT, NULL, 0);
	s->text = kith_arena_strndup(r->arena, k->notes.s.p, k->notes.s.n);
	s->empty = "No notes.";
}

static void contact_goals(kith_report *r, const kith_journal *j, uint32_t c,
                          int redact)
{
	kith_section *s =
	    kith_report_section(r, "goals", "Goals involved",
	                        KITH_SECTION_TABLE, goal_ref_cols, GREF__COUNT);
	s->empty = "No goals involve this contact yet.";
	for (uint32_t g = 0; g < j->goals.n; g++) {
		uint32_t count = 0;
		for (uint32_t i = 0; i < j->interactions.n; i++)
			if (kith_disp_involves(j, &j->interactions.v[i], c) &&
			    keep_goal(j, i, g))
				count++;
		if (!count)
			continue;
		kith_row w = kith_row_add(r, s);
		kith_row_str(w, GREF_GOAL, j->goals.v[g].id);
		kith_disp_cell_redact(
		    r, j, kith_row_cell(w, GREF_TITLE, KITH_CELL_TEXT),
		    j->goals.v[g].title.s, redact);
		kith_row_int(w, GREF_INTERACTIONS, count);
	}
}

static void contact_followups(kith_report *r, const kith_journal *j, uint32_t c,
                              kith_day as_of, const kith_fus *fus, int redact)
{
	kith_section *s =
	    kith_report_section(r, "follow-ups", "Open follow-ups",
	                        KITH_SECTION_TABLE, fu_cols, FU__COUNT);
	s->empty = "Nothing owed.";
	for (uint32_t i = 0; i < fus->n; i++) {
		const kith_fu *f = &fus->v[i];
		if (f->done != KITH_NO_DAY || !kith_disp_fu_concerns(j, f, c))
			continue;
		kith_row w = kith_row_add(r, s);
		kith_row_date(w, FU_DUE, f->due);
		kith_row_text(w, FU_WHAT, kith_disp_fu_text(r, j, f, redact));
		if (f->interaction < j->interactions.n)
			kith_row_date(w, FU_FROM,
			              j->interactions.v[f->interaction].date);
		int late = f->due != KITH_NO_DAY && f->due < as_of;
		kith_row_text(w, FU_STATE, late ? "overdue" : "open");
		kith_row_style(w, FU_STATE,
		               late ? KITH_STYLE_BAD : KITH_STYLE_OK);
		kith_pos at =
		    f->source == KITH_FU_TASK && f->followup < j->followups.n
		        ? j->followups.v[f->followup].pos
		    : f->interaction < j->interactions.n
		        ? j->interactions.v[f->interaction].pos
		        : (kith_pos){0};
		if (at.line)
			kith_row_text(w, FU_SOURCE, kith_disp_source(r, j, at));
	}
}

static kith_report *show_contact(const kith_journal *j, const kith_opts *o,
                                 uint32_t c)
{
	kith_report *r = kith_report_new("show", o->as_of);
	kith_disp_init(r, j, o);
	const kith_contact *k = &j->contacts.v[c];
	if (o->redact || !k->name.s.n)
		r->title = kith_who(r, j, c, o->redact);
	else
		r->title =
		    kith_arena_printf(r->arena, "%s (%.*s)",
		                      kith_who(r, j, c, 0), KITH_S(k->name.s));
	kith_touch *t = kith_touch_compute(j, o->as_of);
	kith_fus fus = {0};
	kith_fu_compute(j, o->as_of, &fus);
	contact_facts(r, j, c, &t[c], o->redact);
	contact_notes(r, k);
	contact_goals(r, j, c, o->redact);
	timeline(r, j, keep_contact, c, 1, o->redact);
	contact_followups(r, j, c, o->as_of, &fus, o->redact);
	kith_vec_free(&fus);
	free(t);
	return r;
}

/* ---- goal ---- */

static const char *const horizon_names[] = {NULL, "short", "long"};
static const char *const goal_status_names[] = {"active", "done", "dropped"};

static void goal_facts(kith_report *r, const kith_journal *j,
                       const kith_goal *g, int redact)
{
	kith_section *s = facts_section(r, "goal", "Goal");
	fact_str(r, s, "id", g->id);
	fact_text(r, s, "title", kith_redact_text(r, j, g->title.s, redact));
	fact_text(r, s, "horizon", horizon_names[g->horizon]);
	fact_text(r, s, "why", kith_redact_text(r, j, g->why.s, redact));
	fact_day(r, s, "start", g->start.day);
	fact_day(r, s, "end", g->end.day);
	fact_text(r, s, "status", goal_status_names[g->status]);
}

static void goal_checkpoints(kith_report *r, const kith_journal *j,
                             const kith_goal *g, kith_day as_of,
                             const kith_fus *fus, int redact)
{
	kith_section *s =
	    kith_report_section(r, "checkpoints", "Checkpoints",
	                        KITH_SECTION_TABLE, checkpoint_cols, CP__COUNT);
	s->empty = "No checkpoints.";
	for (uint32_t i = 0; i < g->checkpoints.n; i++) {
		const kith_checkpoint *cp = &g->checkpoints.v[i];
		const char *expect, *actual;
		int v = kith_disp_checkpoint(r, j, g, cp, as_of, fus, &expect,
		                             &actual);
		kith_row w = kith_row_add(r, s);
		kith_row_date(w, CP_DATE, cp->date.day);
		kith_row_text(w, CP_EXPECT, expect);
		kith_row_text(w, CP_ACTUAL, actual);
		kith_disp_verdict_cell(
		    r, kith_row_cell(w, CP_VERDICT, KITH_CELL_TEXT), v);
		if (cp->note.s.n)
			kith_row_text(
			    w, CP_NOTE,
			    kith_redact_text(r, j, cp->note.s, redact));
	}
}

static void goal_actions(kith_report *r, const kith_journal *j,
                         const kith_goal *g, kith_day as_of, int redact)
{
	kith_section *s =
	    kith_report_section(r, "actions", "Actions", KITH_SECTION_TABLE,
	                        action_cols, ACT__COUNT);
	s->empty = "No actions.";
	for (uint32_t i = 0; i < g->actions.n; i++) {
		const kith_action *a = &g->actions.v[i];
		kith_row w = kith_row_add(r, s);
		kith_row_date(w, ACT_DUE, a->due.day);
		kith_row_date(w, ACT_DONE, a->done.day);
		kith_row_text(w, ACT_DO,
		              kith_redact_text(r, j, a->text.s, redact));
		int done = a->done.day != KITH_NO_DAY && a->done.day <= as_of;
		int late =
		    !done && a->due.day != KITH_NO_DAY && a->due.day < as_of;
		kith_row_text(w, ACT_STATE,
		              done   ? "done"
		              : late ? "overdue"
		                     : "open");
		kith_row_style(w, ACT_STATE,
		               done   ? KITH_STYLE_GOOD
		               : late ? KITH_STYLE_BAD
		                      : KITH_STYLE_OK);
		kith_row_text(w, ACT_SOURCE, kith_disp_source(r, j, a->pos));
	}
}

static int event_has_goal(const kith_event *e, kith_str goal)
{
	for (uint32_t k = 0; k < e->goals.n; k++)
		if (kith_str_eq(e->goals.v[k].s, goal))
			return 1;
	return 0;
}

static void goal_events(kith_report *r, const kith_journal *j,
                        const kith_goal *g, int redact)
{
	kith_section *s = kith_report_section(
	    r, "events", "Events", KITH_SECTION_TABLE, event_cols, EV__COUNT);
	s->empty = "No events serve this goal.";
	uint32_t *order = kith_disp_events_by_date(j);
	for (uint32_t k = 0; k < j->events.n; k++) {
		const kith_event *e = &j->events.v[order[k]];
		if (!event_has_goal(e, g->id))
			continue;
		kith_row w = kith_row_add(r, s);
		kith_row_date(w, EV_DATE, e->date.day);
		kith_row_str(w, EV_EVENT, e->id);
		kith_row_text(w, EV_TITLE,
		              kith_redact_text(r, j, e->title.s, redact));
		kith_row_text(w, EV_STATUS, kith_event_status_names[e->status]);
	}
	free(order);
}

static kith_report *show_goal(const kith_journal *j, const kith_opts *o,
                              uint32_t gi)
{
	const kith_goal *g = &j->goals.v[gi];
	kith_report *r = kith_report_new("show", o->as_of);
	kith_disp_init(r, j, o);
	r->title = kith_arena_printf(r->arena, "Goal %.*s", KITH_S(g->id));
	r->from = g->start.day;
	r->to = g->end.day;
	kith_fus fus = {0};
	kith_fu_compute(j, o->as_of, &fus);
	goal_facts(r, j, g, o->redact);
	metrics_section(r, j, g, o->as_of, &fus);
	goal_checkpoints(r, j, g, o->as_of, &fus, o->redact);
	goal_actions(r, j, g, o->as_of, o->redact);
	goal_events(r, j, g, o->redact);
	kith_disp_metric_limit_warnings(r, g);
	timeline(r, j, keep_goal, gi, 0, o->redact);
	kith_vec_free(&fus);
	return r;
}

/* ---- event ---- */

static kith_report *show_event(const kith_journal *j, const kith_opts *o,
                               uint32_t ei)
{
	const kith_event *e = &j->events.v[ei];
	kith_report *r = kith_report_new("show", o->as_of);
	kith_disp_init(r, j, o);
	r->title = kith_arena_printf(r->arena, "Event %.*s", KITH_S(e->id));
	kith_section *s = facts_section(r, "event", "Event");
	fact_str(r, s, "id", e->id);
	fact_text(r, s, "title", kith_redact_text(r, j, e->title.s, o->redact));
	fact_day(r, s, "date", e->date.day);
	fact_day(r, s, "end", e->end.day);
	fact_str(r, s, "location", e->location.s);
	fact_str(r, s, "url", e->url.s);
	fact_text(r, s, "status", kith_event_status_names[e->status]);
	fact_text(r, s, "goals", kith_disp_names(r, &e->goals));
	fact_text(r, s, "tags", kith_disp_names(r, &e->tags));
	timeline(r, j, keep_event, ei, 0, o->redact);
	return r;
}

kith_report *kith_compute_show(const kith_journal *j, const kith_opts *o)
{
	if (!o->target || !*o->target)
		return NULL;
	const char *name = o->target;
	int at = name[0] == '@';
	kith_str s = kith_str_c(name + at);
	uint32_t i = kith_find_contact(j, s);
	if (i != KITH_NONE)
		return show_contact(j, o, i);
	if (at)
		return NULL;
	if ((i = kith_find_goal(j, s)) != KITH_NONE)
		return show_goal(j, o, i);
	if ((i = kith_find_event(j, s)) != KITH_NONE)
		return show_event(j, o, i);
	return NULL;
}
