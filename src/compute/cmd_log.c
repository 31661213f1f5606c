/* kith log: the chronological register of interactions in a period that
 * match a query, one row per interaction with its source position. */
#include <stdlib.h>

#include "compute/compute.h"

enum {
	LOG_DATE,
	LOG_TIME,
	LOG_KIND,
	LOG_WHO,
	LOG_TITLE,
	LOG_GOALS,
	LOG_FUS,
	LOG_SOURCE,
	LOG__COUNT
};
static const kith_col log_cols[LOG__COUNT] = {
    [LOG_DATE] = {"date", "Date", KITH_CELL_DATE, 0},
    [LOG_TIME] = {"time", "Time", KITH_CELL_TEXT, KITH_COL_DROP_AT(3)},
    [LOG_KIND] = {"kind", "Kind", KITH_CELL_TEXT, KITH_COL_DROP_AT(1)},
    [LOG_WHO] = {"who", "With", KITH_CELL_TEXT,
                 KITH_COL_WIDE | KITH_COL_DROP_AT(2)},
    [LOG_TITLE] = {"title", "Title", KITH_CELL_TEXT,
                   KITH_COL_WIDE | KITH_COL_MAIN},
    [LOG_GOALS] = {"goals", "Goals", KITH_CELL_TEXT,
                   KITH_COL_WIDE | KITH_COL_DROP_AT(5)},
    [LOG_FUS] = {"follow_ups", "Follow-ups", KITH_CELL_TEXT,
                 KITH_COL_DROP_AT(4)},
    [LOG_SOURCE] = {"source", "Source", KITH_CELL_TEXT, KITH_COL_MACHINE},
};

/* Open and done obligations (tasks and rule-owed) per interaction. */
static void count_fus(const kith_journal *j, const kith_fus *fus,
                      uint32_t *open, uint32_t *done)
{
	for (uint32_t i = 0; i < fus->n; i++) {
		uint32_t ix = fus->v[i].interaction;
		if (ix >= j->interactions.n)
			continue;
		if (fus->v[i].done == KITH_NO_DAY)
			open[ix]++;
		else
			done[ix]++;
	}
}

static void log_row(kith_report *r, kith_section *s, const kith_journal *j,
                    uint32_t i, uint32_t open, uint32_t done, int redact)
{
	const kith_interaction *ix = &j->interactions.v[i];
	kith_row w = kith_row_add(r, s);
	kith_row_date(w, LOG_DATE, ix->date);
	if (ix->minute >= 0)
		kith_row_textf(w, LOG_TIME, "%02d:%02d", ix->minute / 60,
		               ix->minute % 60);
	kith_row_str(w, LOG_KIND, kith_disp_kind(ix));
	kith_refs with = kith_ix_with(ix), ix_goals = kith_ix_goals(ix);
	if (with.n)
		kith_row_text(w, LOG_WHO,
		              kith_disp_who_list(r, j, &with, redact));
	if (ix->title.s.n)
		kith_row_text(
		    w, LOG_TITLE,
		    kith_redact_text(r, j, kith_disp_title(r, ix), redact));
	const char *goals = kith_disp_names(r, &ix_goals);
	if (goals)
		kith_row_text(w, LOG_GOALS, goals);
	if (open + done) {
		kith_row_textf(w, LOG_FUS, "%u open / %u done", open, done);
		kith_row_style(w, LOG_FUS,
		               open ? KITH_STYLE_WARN : KITH_STYLE_GOOD);
	}
	kith_row_text(w, LOG_SOURCE, kith_disp_source(r, j, ix->pos));
}

kith_report *kith_compute_log(const kith_journal *j, const kith_opts *o)
{
	kith_report *r = kith_report_new("log", o->as_of);
	kith_disp_init(r, j, o);
	if (o->has_period) {
		r->from = o->period.from;
		r->to = o->period.to;
		r->title = kith_arena_printf(r->arena, "Log %s",
		                             kith_disp_period(r, o->period));
		kith_report_fact(r, "period", kith_disp_period(r, o->period));
	} else {
		r->title = "Log";
	}
	if (o->query_text && *o->query_text)
		kith_report_fact(r, "query", o->query_text);

	kith_fus fus = {0};
	kith_fu_compute(j, o->as_of, &fus);
	uint32_t nix = j->interactions.n ? j->interactions.n : 1;
	uint32_t *open = kith_xcalloc(nix, sizeof(*open));
	uint32_t *done = kith_xcalloc(nix, sizeof(*done));
	count_fus(j, &fus, open, done);

	uint32_t n;
	uint32_t *order = kith_disp_chrono(j, &n);
	kith_section *s =
	    kith_report_section(r, "interactions", "Interactions",
	                        KITH_SECTION_TABLE, log_cols, LOG__COUNT);
	s->empty = "No interactions match.";
	uint32_t lost = 0; /* items lost to the regex match limit */
	uint32_t nm = 0;   /* matches, kept in order[0..nm) */
	for (uint32_t k = 0; k < n; k++) {
		uint32_t i = order[k];
		kith_day d = j->interactions.v[i].date;
		if (o->has_period && (d < o->period.from || d > o->period.to))
			continue;
		int failed = 0;
		int m = kith_query_match_interaction(j, o->query, i, &failed);
		lost += failed != 0;
		if (m)
			order[nm++] = i;
	}
	/* -n: the most recent, whatever the order they are shown in */
	uint32_t first = o->limit && nm > o->limit ? nm - o->limit : 0;
	for (uint32_t k = first; k < nm; k++) {
		uint32_t i = order[o->reverse ? nm - 1 - (k - first) : k];
		log_row(r, s, j, i, open[i], done[i], o->redact);
	}
	kith_report_fact(r, "interactions",
	                 kith_arena_printf(r->arena, "%u", s->nrows));
	if (first)
		kith_report_fact(r, "matching",
		                 kith_arena_printf(r->arena, "%u", nm));
	kith_disp_limit_warning(r, lost);
	free(order);
	free(open);
	free(done);
	kith_vec_free(&fus);
	return r;
}
