/* kith show: one contact, goal or event with its details as facts and its
 * timeline: interactions, follow-ups, metrics, checkpoints and actions. */
#include <stdlib.h>

#include "compute/compute.h"

static const kith_col fact_cols[] = {
    {"label", "Field", KITH_CELL_TEXT, 0},
    {"value", "Value", KITH_CELL_TEXT, KITH_COL_WIDE},
};

static const kith_col timeline_cols[] = {
    {"date", "Date", KITH_CELL_DATE, 0},
    {"kind", "Kind", KITH_CELL_TEXT, 0},
    {"as", "As", KITH_CELL_TEXT, KITH_COL_DROP_AT(2)},
    {"who", "With", KITH_CELL_TEXT, KITH_COL_WIDE | KITH_COL_DROP_AT(1)},
    {"title", "Title", KITH_CELL_TEXT, KITH_COL_WIDE | KITH_COL_MAIN},
    {"notes", "Notes", KITH_CELL_TEXT,
     KITH_COL_NOTES | KITH_COL_WIDE | KITH_COL_MIN(24) | KITH_COL_DROP_AT(3)},
    {"source", "Source", KITH_CELL_TEXT, KITH_COL_MACHINE},
};

static const kith_col item_cols[] = {
    {"date", "Date", KITH_CELL_DATE, 0},
    {"kind", "Kind", KITH_CELL_TEXT, 0},
    {"who", "With", KITH_CELL_TEXT, KITH_COL_WIDE | KITH_COL_DROP_AT(1)},
    {"title", "Title", KITH_CELL_TEXT, KITH_COL_WIDE | KITH_COL_MAIN},
    {"notes", "Notes", KITH_CELL_TEXT,
     KITH_COL_NOTES | KITH_COL_WIDE | KITH_COL_MIN(24) | KITH_COL_DROP_AT(3)},
    {"source", "Source", KITH_CELL_TEXT, KITH_COL_MACHINE},
};

static const kith_col fu_cols[] = {
    {"due", "Due", KITH_CELL_DATE, 0},
    {"what", "Follow-up", KITH_CELL_TEXT, KITH_COL_WIDE | KITH_COL_MAIN},
    {"from", "From", KITH_CELL_DATE, KITH_COL_DROP_AT(1)},
    {"state", "State", KITH_CELL_TEXT, 0},
    {"source", "Source", KITH_CELL_TEXT, KITH_COL_MACHINE},
};

static const kith_col goal_ref_cols[] = {
    {"goal", "Goal", KITH_CELL_TEXT, 0},
    {"title", "Title", KITH_CELL_TEXT, KITH_COL_WIDE | KITH_COL_MAIN},
    {"interactions", "Interactions", KITH_CELL_INT, KITH_COL_RIGHT},
};

static const kith_col metric_cols[] = {
    {"metric", "Metric", KITH_CELL_TEXT, 0},
    {"measure", "Measure", KITH_CELL_TEXT, KITH_COL_DROP_AT(2)},
    {"where", "Where", KITH_CELL_TEXT, KITH_COL_WIDE | KITH_COL_DROP_AT(3)},
    {"bucket", "Period", KITH_CELL_TEXT, KITH_COL_WIDE | KITH_COL_MIN(10)},
    {"actual", "Actual", KITH_CELL_NUM, KITH_COL_RIGHT},
    {"target", "Target", KITH_CELL_NUM, KITH_COL_RIGHT},
    {"pace", "Pace", KITH_CELL_NUM, KITH_COL_RIGHT | KITH_COL_DROP_AT(1)},
    {"status", "Status", KITH_CELL_TEXT, 0},
};

static const kith_col checkpoint_cols[] = {
    {"date", "Date", KITH_CELL_DATE, 0},
    {"expect", "Expect", KITH_CELL_TEXT, KITH_COL_WIDE},
    {"actual", "Actual", KITH_CELL_TEXT, KITH_COL_WIDE},
    {"verdict", "Verdict", KITH_CELL_TEXT, 0},
    {"note", "Note", KITH_CELL_TEXT,
     KITH_COL_NOTES | KITH_COL_WIDE | KITH_COL_DROP_AT(2)},
};

static const kith_col action_cols[] = {
    {"due", "Due", KITH_CELL_DATE, 0},
    {"done", "Done", KITH_CELL_DATE, KITH_COL_DROP_AT(1)},
    {"do", "Action", KITH_CELL_TEXT, KITH_COL_WIDE | KITH_COL_MAIN},
    {"state", "State", KITH_CELL_TEXT, 0},
    {"source", "Source", KITH_CELL_TEXT, KITH_COL_MACHINE},
};

static const kith_col event_cols[] = {
    {"date", "Date", KITH_CELL_DATE, 0},
    {"event", "Event", KITH_CELL_TEXT, KITH_COL_WIDE | KITH_COL_DROP_AT(1)},
    {"title", "Title", KITH_CELL_TEXT, KITH_COL_WIDE | KITH_COL_MAIN},
    {"status", "Status", KITH_CELL_TEXT, 0},
};

/* ---- facts ---- */

static kith_cell *fact(kith_report *r, kith_section *s, const char *label)
{
	kith_cell *row = kith_section_row(r, s);
	kith_cell_text(r, &row[0], label);
	return row;
}

static void fact_str(kith_report *r, kith_section *s, const char *label,
                     kith_str v)
{
	if (v.p && v.n)
		kith_cell_textn(r, &fact(r, s, label)[1], v.p, v.n);
}

static void fact_text(kith_report *r, kith_section *s, const char *label,
                      const char *v)
{
	if (v && *v)
		kith_cell_text(r, &fact(r, s, label)[1], v);
}

static void fact_day(kith_report *r, kith_section *s, const char *label,
                     kith_day d)
{
	if (d != KITH_NO_DAY)
		kith_cell_date(&fact(r, s, label)[1], d);
}

static kith_section *facts_section(kith_report *r, const char *id,
                                   const char *title)
{
	kith_section *s =
	    kith_report_section(r, id, title, KITH_SECTION_FACTS, fact_cols,
	                        KITH_ARRAY_LEN(fact_cols));
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
	                        metric_cols, KITH_ARRAY_LEN(metric_cols));
	s->chart = KITH_CHART_PROGRESS;
	s->empty = "This goal has no metrics.";
	for (uint32_t i = 0; i < g->metrics.n; i++) {
		const kith_metric *m = &g->metrics.v[i];
		kith_cell *row = kith_section_row(r, s);
		kith_disp_cell_str(r, &row[0], m->id);
		kith_cell_text(r, &row[1], kith_measure_names[m->measure]);
		kith_disp_cell_str(r, &row[2], m->where.s);
		kith_disp_metric_cells(r, j, g, m, as_of, as_of, fus, row + 3);
	}
}

/* ---- timelines ---- */

/* The timeline of a contact has an "as" column (with / mentioned); that
 * of a goal or an event does not. */
static void timeline_row(kith_report *r, kith_section *s, const kith_journal *j,
                         uint32_t i, const char *as, int redact)
{
	const kith_interaction *ix = &j->interactions.v[i];
	kith_cell *row = kith_section_row(r, s);
	kith_cell_date(&row[0], ix->date);
	kith_disp_cell_str(r, &row[1], kith_disp_kind(ix));
	int sh = 0; /* without "as", the remaining columns shift left */
	if (as)
		kith_cell_text(r, &row[2], as);
	else
		sh = 1;
	if (ix->with.n)
		kith_cell_text(r, &row[3 - sh],
		               kith_disp_who_list(r, j, &ix->with, redact));
	if (ix->title.s.n)
		kith_cell_text(r, &row[4 - sh],
		               kith_redact_text(r, j, ix->title.s, redact));
	if (ix->notes.s.n)
		kith_cell_text(r, &row[5 - sh],
		               kith_redact_text(r, j, ix->notes.s, redact));
	kith_cell_text(r, &row[6 - sh], kith_disp_source(r, j, ix->pos));
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
	                        with_as ? KITH_ARRAY_LEN(timeline_cols)
	                                : KITH_ARRAY_LEN(item_cols));
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
	const kith_interaction *ix = &j->interactions.v[i];
	for (uint32_t k = 0; k < ix->goals.n; k++)
		if (kith_str_eq(ix->goals.v[k].s, j->goals.v[g].id))
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
	kith_cell_int(&fact(r, s, "interactions")[1], t->count);
	if (t->has_cadence) {
		fact_day(r, s, "due on", t->due_on);
		fact_day(r, s, "overdue on", t->overdue_on);
		kith_disp_state_cell(r, &fact(r, s, "state")[1], t->state);
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
	kith_section *s = kith_report_section(r, "goals", "Goals involved",
	                                      KITH_SECTION_TABLE, goal_ref_cols,
	                                      KITH_ARRAY_LEN(goal_ref_cols));
	s->empty = "No goals involve this contact yet.";
	for (uint32_t g = 0; g < j->goals.n; g++) {
		uint32_t count = 0;
		for (uint32_t i = 0; i < j->interactions.n; i++)
			if (kith_disp_involves(j, &j->interactions.v[i], c) &&
			    keep_goal(j, i, g))
				count++;
		if (!count)
			continue;
		kith_cell *row = kith_section_row(r, s);
		kith_disp_cell_str(r, &row[0], j->goals.v[g].id);
		kith_disp_cell_redact(r, j, &row[1], j->goals.v[g].title.s,
		                      redact);
		kith_cell_int(&row[2], count);
	}
}

static void contact_followups(kith_report *r, const kith_journal *j, uint32_t c,
                              kith_day as_of, const kith_fus *fus, int redact)
{
	kith_section *s = kith_report_section(
	    r, "follow-ups", "Open follow-ups", KITH_SECTION_TABLE, fu_cols,
	    KITH_ARRAY_LEN(fu_cols));
	s->empty = "Nothing owed.";
	for (uint32_t i = 0; i < fus->n; i++) {
		const kith_fu *f = &fus->v[i];
		if (f->done != KITH_NO_DAY || !kith_disp_fu_concerns(j, f, c))
			continue;
		kith_cell *row = kith_section_row(r, s);
		kith_cell_date(&row[0], f->due);
		kith_cell_text(r, &row[1], kith_disp_fu_text(r, j, f, redact));
		if (f->interaction < j->interactions.n)
			kith_cell_date(&row[2],
			               j->interactions.v[f->interaction].date);
		int late = f->due != KITH_NO_DAY && f->due < as_of;
		kith_cell_text(r, &row[3], late ? "overdue" : "open");
		row[3].style = late ? KITH_STYLE_BAD : KITH_STYLE_OK;
		kith_pos at =
		    f->source == KITH_FU_TASK && f->followup < j->followups.n
		        ? j->followups.v[f->followup].pos
		    : f->interaction < j->interactions.n
		        ? j->interactions.v[f->interaction].pos
		        : (kith_pos){0};
		if (at.line)
			kith_cell_text(r, &row[4], kith_disp_source(r, j, at));
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
	kith_section *s = kith_report_section(
	    r, "checkpoints", "Checkpoints", KITH_SECTION_TABLE,
	    checkpoint_cols, KITH_ARRAY_LEN(checkpoint_cols));
	s->empty = "No checkpoints.";
	for (uint32_t i = 0; i < g->checkpoints.n; i++) {
		const kith_checkpoint *cp = &g->checkpoints.v[i];
		const char *expect, *actual;
		int v = kith_disp_checkpoint(r, j, g, cp, as_of, fus, &expect,
		                             &actual);
		kith_cell *row = kith_section_row(r, s);
		kith_cell_date(&row[0], cp->date.day);
		kith_cell_text(r, &row[1], expect);
		kith_cell_text(r, &row[2], actual);
		kith_disp_verdict_cell(r, &row[3], v);
		if (cp->note.s.n)
			kith_cell_text(
			    r, &row[4],
			    kith_redact_text(r, j, cp->note.s, redact));
	}
}

static void goal_actions(kith_report *r, const kith_journal *j,
                         const kith_goal *g, kith_day as_of, int redact)
{
	kith_section *s =
	    kith_report_section(r, "actions", "Actions", KITH_SECTION_TABLE,
	                        action_cols, KITH_ARRAY_LEN(action_cols));
	s->empty = "No actions.";
	for (uint32_t i = 0; i < g->actions.n; i++) {
		const kith_action *a = &g->actions.v[i];
		kith_cell *row = kith_section_row(r, s);
		kith_cell_date(&row[0], a->due.day);
		kith_cell_date(&row[1], a->done.day);
		kith_cell_text(r, &row[2],
		               kith_redact_text(r, j, a->text.s, redact));
		int done = a->done.day != KITH_NO_DAY && a->done.day <= as_of;
		int late =
		    !done && a->due.day != KITH_NO_DAY && a->due.day < as_of;
		kith_cell_text(r, &row[3],
		               done   ? "done"
		               : late ? "overdue"
		                      : "open");
		row[3].style = done   ? KITH_STYLE_GOOD
		               : late ? KITH_STYLE_BAD
		                      : KITH_STYLE_OK;
		kith_cell_text(r, &row[4], kith_disp_source(r, j, a->pos));
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
	kith_section *s =
	    kith_report_section(r, "events", "Events", KITH_SECTION_TABLE,
	                        event_cols, KITH_ARRAY_LEN(event_cols));
	s->empty = "No events serve this goal.";
	uint32_t *order = kith_disp_events_by_date(j);
	for (uint32_t k = 0; k < j->events.n; k++) {
		const kith_event *e = &j->events.v[order[k]];
		if (!event_has_goal(e, g->id))
			continue;
		kith_cell *row = kith_section_row(r, s);
		kith_cell_date(&row[0], e->date.day);
		kith_disp_cell_str(r, &row[1], e->id);
		kith_cell_text(r, &row[2],
		               kith_redact_text(r, j, e->title.s, redact));
		kith_cell_text(r, &row[3], kith_event_status_names[e->status]);
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
