/* Hover: a contact's card, a goal's metrics, an event, a task's state
 * ("overdue 3 days") and an entry date's weekday, as Markdown. */
#include <string.h>

#include "compute/compute.h"
#include "lsp/lsp.h"

static const char *const weekdays[8] = {"",          "Monday",   "Tuesday",
                                        "Wednesday", "Thursday", "Friday",
                                        "Saturday",  "Sunday"};

/* "in 5 days", "today", "3 days ago" (past) */
static void put_rel(kith_buf *b, kith_day day, kith_day as_of)
{
	int d = day - as_of;
	if (d == 0)
		kith_buf_puts(b, "today");
	else if (d > 0)
		kith_buf_printf(b, "in %d day%s", d, d == 1 ? "" : "s");
	else
		kith_buf_printf(b, "%d day%s ago", -d, d == -1 ? "" : "s");
}

static void put_day(kith_buf *b, kith_day day, kith_day as_of)
{
	char s[11];
	kith_date_fmt(day, s);
	kith_buf_printf(b, "%s (", s);
	put_rel(b, day, as_of);
	kith_buf_putc(b, ')');
}

/* A task's state as of the as-of date. */
static void put_task_state(kith_buf *b, kith_day due, kith_day done,
                           kith_day as_of)
{
	char s[11];
	if (done != KITH_NO_DAY && done <= as_of) {
		kith_date_fmt(done, s);
		kith_buf_printf(b, "done %s", s);
		if (due != KITH_NO_DAY && done > due)
			kith_buf_printf(b, ", %d day%s late", done - due,
			                done - due == 1 ? "" : "s");
		return;
	}
	if (due == KITH_NO_DAY) {
		kith_buf_puts(b, "open, no due date");
		return;
	}
	kith_date_fmt(due, s);
	if (due < as_of)
		kith_buf_printf(b, "overdue %d day%s (due %s)", as_of - due,
		                as_of - due == 1 ? "" : "s", s);
	else if (due == as_of)
		kith_buf_printf(b, "due today (%s)", s);
	else
		kith_buf_printf(b, "open, due in %d day%s (%s)", due - as_of,
		                due - as_of == 1 ? "" : "s", s);
}

static void fu_text(kith_buf *b, const kith_journal *j, const kith_fu *f)
{
	if (f->source == KITH_FU_TASK) {
		kith_buf_printf(b, "%.*s",
		                KITH_S(j->followups.v[f->followup].text.s));
		return;
	}
	kith_buf_printf(b, "%.*s to @%.*s",
	                KITH_S(j->rules.v[f->rule].expect.s),
	                KITH_S(j->contacts.v[f->contact].handle));
}

static void contact_card(kith_lsp *s, kith_buf *b, uint32_t c)
{
	const kith_journal *j = s->j;
	const kith_contact *k = &j->contacts.v[c];
	kith_touch *t = kith_touch_compute(j, s->as_of);
	kith_fus fus = {0};
	uint32_t i, open = 0;

	kith_buf_printf(b, "**@%.*s**", KITH_S(k->handle));
	if (k->name.s.p)
		kith_buf_printf(b, " — %.*s", KITH_S(k->name.s));
	if (k->title.s.p)
		kith_buf_printf(b, ", %.*s", KITH_S(k->title.s));
	if (k->org.s.p)
		kith_buf_printf(b, ", %.*s", KITH_S(k->org.s));
	kith_buf_puts(b, "\n\n");
	if (k->roles.n) {
		kith_buf_puts(b, "- roles: ");
		for (i = 0; i < k->roles.n; i++)
			kith_buf_printf(b, "%s%.*s", i ? ", " : "",
			                KITH_S(k->roles.v[i].s));
		kith_buf_putc(b, '\n');
	}
	if (t[c].has_cadence) {
		char cad[40];
		kith_cadence_fmt(t[c].cadence, cad);
		kith_buf_printf(b, "- cadence: %s (%s)\n", cad,
		                t[c].cadence_from);
	}
	kith_buf_puts(b, "- last touch: ");
	if (t[c].last_touch == KITH_NO_DAY)
		kith_buf_puts(b, "never");
	else
		put_day(b, t[c].last_touch, s->as_of);
	kith_buf_printf(b, ", %u interaction%s\n", t[c].count,
	                t[c].count == 1 ? "" : "s");
	if (t[c].due_on != KITH_NO_DAY) {
		kith_buf_puts(b, "- next due: ");
		put_day(b, t[c].due_on, s->as_of);
		if (t[c].state > 0)
			kith_buf_puts(b, t[c].state == 2 ? " — **overdue**"
			                                 : " — **due**");
		kith_buf_putc(b, '\n');
	}
	kith_fu_compute(j, s->as_of, &fus);
	for (i = 0; i < fus.n; i++) {
		const kith_fu *f = &fus.v[i];
		if (f->done != KITH_NO_DAY || !kith_disp_fu_concerns(j, f, c))
			continue;
		if (!open++)
			kith_buf_puts(b, "\nOpen follow-ups:\n");
		kith_buf_puts(b, "- ");
		fu_text(b, j, f);
		kith_buf_puts(b, ": ");
		put_task_state(b, f->due, KITH_NO_DAY, s->as_of);
		kith_buf_putc(b, '\n');
	}
	kith_vec_free(&fus);
	free(t);
}

/* A metric's value as the commands print it: a rate as a whole percent,
 * a count with up to one decimal. */
static void put_value(kith_buf *b, double v, int rate)
{
	if (rate) {
		kith_pct_fmt(v, b);
		kith_buf_putc(b, '%');
	} else
		kith_num_fmt(v, b);
}

static void goal_card(kith_lsp *s, kith_buf *b, uint32_t gi)
{
	const kith_journal *j = s->j;
	const kith_goal *g = &j->goals.v[gi];
	kith_fus fus = {0};
	uint32_t i;

	kith_buf_printf(b, "**%.*s**", KITH_S(g->id));
	if (g->title.s.p)
		kith_buf_printf(b, " — %.*s", KITH_S(g->title.s));
	kith_buf_puts(b, "\n\n");
	if (!g->metrics.n) {
		kith_buf_puts(b, "No metrics.\n");
		return;
	}
	kith_fu_compute(j, s->as_of, &fus);
	kith_buf_puts(b, "| metric | bucket | actual | target | pace | status "
	                 "|\n|---|---|--:|--:|--:|---|\n");
	for (i = 0; i < g->metrics.n; i++) {
		const kith_metric *m = &g->metrics.v[i];
		kith_period bk = kith_metric_bucket(g, m, s->as_of);
		kith_mval v = kith_metric_value_at(j, g, m, bk.from, bk.to,
		                                   &fus, s->as_of);
		double pace = 0;
		kith_pace_status st =
		    kith_metric_status(m, bk, s->as_of, v, &pace);
		char from[11], to[11];
		int rate = kith_measure_is_rate(m->measure);
		kith_date_fmt(bk.from, from);
		kith_date_fmt(bk.to, to);
		kith_buf_printf(b, "| %.*s | %s..%s | ", KITH_S(m->id), from,
		                to);
		/* numbers as every command prints them (32%, 2.5) */
		put_value(b, v.actual, rate);
		kith_buf_puts(b, " | ");
		put_value(b, m->target, rate);
		kith_buf_puts(b, " | ");
		if (rate) /* rates have no pace */
			kith_buf_puts(b, "-");
		else
			kith_num_fmt(pace, b);
		kith_buf_printf(b, " | %s |\n", kith_pace_names[st]);
	}
	kith_vec_free(&fus);
}

static void event_card(kith_lsp *s, kith_buf *b, uint32_t ei)
{
	const kith_event *e = &s->j->events.v[ei];
	kith_buf_printf(b, "**%.*s**", KITH_S(e->id));
	if (e->title.s.p)
		kith_buf_printf(b, " — %.*s", KITH_S(e->title.s));
	kith_buf_puts(b, "\n\n");
	if (e->date.day != KITH_NO_DAY) {
		kith_buf_puts(b, "- date: ");
		put_day(b, e->date.day, s->as_of);
		kith_buf_putc(b, '\n');
	}
	if (e->location.s.p)
		kith_buf_printf(b, "- location: %.*s\n", KITH_S(e->location.s));
	kith_buf_printf(b, "- status: %s\n",
	                kith_event_status_names[e->status]);
}

/* A task item or entry heading on the line of off. */
static int line_card(kith_lsp *s, kith_buf *b, uint32_t file, size_t off)
{
	const kith_journal *j = s->j;
	const kith_lsp_lines *l = kith_lsp_file_lines(s, file);
	uint32_t line, ch, i;

	kith_lsp_position(l, off, &line, &ch);
	line++;
	for (i = 0; i < j->followups.n; i++) {
		const kith_followup *f = &j->followups.v[i];
		if (f->pos.file != file || f->pos.line != line)
			continue;
		kith_buf_puts(b, "Task: ");
		put_task_state(b, f->due.day, f->done.day, s->as_of);
		return 1;
	}
	if (j->files.v[file].type == KITH_FILE_MD) {
		kith_mdline ml;
		uint32_t entry;
		kith_mdl_kind prev;
		char d[11];
		size_t at;
		/* on the date of an entry heading, as the line grammar reads it
		 */
		if (!kith_lsp_md_line(l, line, &ml, &entry, &prev) ||
		    ml.kind != KITH_MDL_HEADING || ml.entry != KITH_MDL_ENTRY)
			return 0;
		at = kith_lsp_md_offset(l, &ml) + ml.date.off;
		if (off < at || off > at + ml.date.len)
			return 0;
		kith_date_fmt(ml.day, d);
		kith_buf_printf(b, "%s, %s (", weekdays[kith_weekday(ml.day)],
		                d);
		put_rel(b, ml.day, s->as_of);
		kith_buf_putc(b, ')');
		return 1;
	}
	return 0;
}

json_t *kith_lsp_hover(kith_lsp *s, json_t *params, int *code, const char **err)
{
	uint32_t file, idx;
	size_t off;
	const kith_occ *o;
	kith_buf b = {0};
	json_t *r = NULL;

	if (kith_lsp_doc_pos(s, params, &file, &off) != 0)
		return NULL;
	if (file == KITH_NONE)
		return json_null();
	o = kith_lsp_occ_at(s, file, off);
	if (o && (idx = kith_lsp_target(s->j, (kith_occ_type)o->type,
	                                o->name)) != KITH_NONE) {
		if (o->type == KITH_OCC_CONTACT)
			contact_card(s, &b, idx);
		else if (o->type == KITH_OCC_GOAL)
			goal_card(s, &b, idx);
		else
			event_card(s, &b, idx);
	} else if (!line_card(s, &b, file, off))
		return json_null();
	r = json_pack("{s:{s:s,s:s%}}", "contents", "kind", "markdown", "value",
	              b.p, b.n);
	if (o) {
		kith_pos p = {o->file, o->line, o->col};
		json_object_set_new(
		    r, "range",
		    kith_lsp_range_of(kith_lsp_file_lines(s, file), p, o->len));
	}
	kith_buf_free(&b);
	return r;
}
