/* The done items of the due feed: follow-ups (tasks, YAML follow-ups and
 * ones owed by rules), goal actions and stay-in-touch cycles done in the
 * last 30 days, with the UID they had while open, so a calendar that
 * imported them closes them. */
#include <stdlib.h>
#include <string.h>

#include "compute/compute.h"

/* How long a done item stays in the feed after its done date. */
#define KITH_DONE_DAYS 30

typedef struct {
	const kith_journal *j;
	const kith_opts *o;
	kith_report *r;
	kith_due_items v;
	KITH_VEC(kith_day) done; /* done date of v.v[i] */
} done_ctx;

enum {
	DONE_STATE,
	DONE_DATE,
	DONE_DONE,
	DONE_TYPE,
	DONE_WHAT,
	DONE_WHO,
	DONE_WHY,
	DONE_SOURCE,
	DONE_UID,
	DONE__COUNT
};
static const kith_col done_cols[DONE__COUNT] = {
    [DONE_STATE] = {"state", "State", KITH_CELL_TEXT, 0},
    [DONE_DATE] = {"date", "Date", KITH_CELL_DATE, 0},
    [DONE_DONE] = {"done", "Done", KITH_CELL_DATE, 0},
    [DONE_TYPE] = {"type", "Type", KITH_CELL_TEXT, 0},
    [DONE_WHAT] = {"what", "What", KITH_CELL_TEXT,
                   KITH_COL_WIDE | KITH_COL_MAIN},
    [DONE_WHO] = {"who", "Who", KITH_CELL_TEXT, KITH_COL_WIDE},
    [DONE_WHY] = {"why", "Why", KITH_CELL_TEXT, KITH_COL_WIDE},
    [DONE_SOURCE] = {"source", "Source", KITH_CELL_TEXT, KITH_COL_MACHINE},
    [DONE_UID] = {"uid", "UID", KITH_CELL_TEXT, KITH_COL_MACHINE},
};

/* ---- the items ---- */

static kith_due_item *add(done_ctx *x, kith_day done, kith_day due,
                          const char *type, kith_due_kind kind, kith_pos pos)
{
	kith_due_item *it = kith_vec_push(&x->v);
	*kith_vec_push(&x->done) = done;
	kith_due_item_set(it, x->r, x->j, type, kind, pos, due);
	return it;
}

/* With a query, a follow-up is kept when its entry matches with the
 * people it concerns as participants, as 'kith due' judges it open. */
static int passes_fu(done_ctx *x, uint32_t ix, const kith_refs *who)
{
	if (!x->o->query)
		return 1;
	if (ix >= x->j->interactions.n)
		return 0;
	int failed = 0;
	return kith_query_match_ix(x->j, x->o->query, &x->j->interactions.v[ix],
	                           who, &failed);
}

static void add_task(done_ctx *x, const kith_fu *f, kith_day done)
{
	const kith_journal *j = x->j;
	const kith_followup *fu = &j->followups.v[f->followup];
	kith_ref one;
	kith_refs whom = kith_fu_who(j, f, &one);
	const kith_refs *who = &whom;
	if (!passes_fu(x, f->interaction, who))
		return;
	kith_due_item *it =
	    add(x, done, f->due, "follow-up", KITH_DUE_TASK, fu->pos);
	kith_due_task_item(it, x->r, j, f, x->o->redact);
	it->uid = kith_uid_fmt(x->r, it->type, it->hash);
}

static void add_owed(done_ctx *x, const kith_fu *f, kith_day done)
{
	const kith_journal *j = x->j;
	const kith_rule *rl = &j->rules.v[f->rule];
	const kith_interaction *in = &j->interactions.v[f->interaction];
	kith_ref owed = {j->contacts.v[f->contact].handle, {0}, 0};
	kith_refs to = {&owed, 1, 1};
	if (!passes_fu(x, f->interaction, &to))
		return;
	kith_due_item *it = add(x, done, f->due, kith_due_owed_type(x->r, rl),
	                        KITH_DUE_OWED, in->pos);
	kith_due_owed_item(it, x->r, j, f, x->o->redact);
	it->uid = kith_uid_fmt(x->r, it->type, it->hash);
}

/* The first day a done item is still in the feed. */
static kith_day first_day(const done_ctx *x)
{
	return x->o->as_of - KITH_DONE_DAYS;
}

/* A ticked task without done: counts as done on its due date (docs/
 * format.md), which may lie ahead; in the feed it is done as of today. */
static kith_day shown_done(const done_ctx *x, kith_day done)
{
	return done > x->o->as_of ? x->o->as_of : done;
}

static void add_followups(done_ctx *x)
{
	kith_fus fus = {0};
	kith_fu_compute(x->j, x->o->as_of, &fus);
	for (uint32_t i = 0; i < fus.n; i++) {
		const kith_fu *f = &fus.v[i];
		if (f->done == KITH_NO_DAY || f->done < first_day(x))
			continue;
		kith_day done = shown_done(x, f->done);
		if (f->source == KITH_FU_TASK &&
		    f->followup < x->j->followups.n)
			add_task(x, f, done);
		else if (f->source == KITH_FU_RULE && f->rule < x->j->rules.n &&
		         f->contact < x->j->contacts.n &&
		         f->interaction < x->j->interactions.n)
			add_owed(x, f, done);
	}
	kith_vec_free(&fus);
}

/* With a query, an action is kept when a contact it @mentions matches. */
static int passes_action(done_ctx *x, kith_str text)
{
	if (!x->o->query)
		return 1;
	uint32_t from = 0, c;
	while ((c = kith_action_mention(x->j, text, &from)) != KITH_NONE) {
		int failed = 0;
		if (kith_query_match_contact(x->j, x->o->query, c, &failed))
			return 1;
	}
	return 0;
}

/* Actions with a due date (the only ones the feed ever held), done in the
 * window, whatever their goal's status now. */
static void add_actions(done_ctx *x)
{
	const kith_journal *j = x->j;
	for (uint32_t g = 0; g < j->goals.n; g++) {
		const kith_goal *gl = &j->goals.v[g];
		for (uint32_t a = 0; a < gl->actions.n; a++) {
			const kith_action *ac = &gl->actions.v[a];
			kith_day done = ac->done.day;
			if (done == KITH_NO_DAY || done > x->o->as_of ||
			    done < first_day(x) || ac->due.day == KITH_NO_DAY ||
			    !passes_action(x, ac->text.s))
				continue;
			kith_due_item *it = add(x, done, ac->due.day, "action",
			                        KITH_DUE_ACTION, ac->pos);
			it->a = g;
			it->b = a;
			it->what =
			    kith_redact_text(x->r, j, ac->text.s, x->o->redact);
			it->why = kith_arena_printf(x->r->arena, "goal %.*s",
			                            KITH_S(gl->id));
			it->uid = kith_uid_action(x->r, gl, ac);
		}
	}
}

/* ---- stay in touch ---- */

/* A touch closes the stay-in-touch item of its cycle: the one 'kith due'
 * showed the day before, whose UID comes from the date that cycle asked
 * for a touch (the touch before, else the met date, plus the ideal gap;
 * none when there is neither). So each touch of the window gives a done
 * item, and the next cycle is a new item with a new UID. */
typedef struct {
	uint32_t c;
	kith_day day;
} touch_at;
typedef KITH_VEC(touch_at) touch_ats;

static int touch_cmp(const void *a, const void *b)
{
	const touch_at *p = a, *q = b;
	if (p->c != q->c)
		return p->c < q->c ? -1 : 1;
	return p->day < q->day ? -1 : p->day > q->day;
}

/* The touches of the window of contacts with a cadence, sorted by contact
 * and date; before[c]: the contact's last touch before the window. */
static void window_touches(done_ctx *x, const kith_touch *t, kith_day *before,
                           touch_ats *out)
{
	const kith_journal *j = x->j;
	for (uint32_t i = 0; i < j->interactions.n; i++) {
		const kith_interaction *ix = &j->interactions.v[i];
		if (ix->date == KITH_NO_DAY || ix->date > x->o->as_of ||
		    !kith_interaction_touches(j, i))
			continue;
		for (uint32_t w = 0; w < kith_ix_with(ix).n; w++) {
			uint32_t c = kith_participant(j, ix, w);
			if (c == KITH_NONE || !t[c].has_cadence)
				continue;
			if (ix->date >= first_day(x))
				*kith_vec_push(out) = (touch_at){c, ix->date};
			else if (before[c] == KITH_NO_DAY ||
			         ix->date > before[c])
				before[c] = ix->date;
		}
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, touch_cmp);
}

/* The item of the cycle a touch on `day` closed; prev: the touch before. */
static void add_touch(done_ctx *x, const kith_touch *t, uint32_t c,
                      kith_day prev, kith_day day)
{
	const kith_contact *ct = &x->j->contacts.v[c];
	kith_day base = prev != KITH_NO_DAY ? prev : ct->met.day;
	kith_day due_on = KITH_NO_DAY, date = day - 1;
	if (base != KITH_NO_DAY) {
		kith_day late = kith_dur_add(base, t->cadence.max);
		due_on = kith_dur_add(base, t->cadence.ideal);
		/* dated as 'kith due' dated it the day before: once late,
		 * on the day it became overdue */
		date = late > due_on && day - 1 >= late ? late : due_on;
	}
	kith_due_item *it =
	    add(x, day, date, "stay-in-touch", KITH_DUE_CADENCE, ct->pos);
	it->a = c;
	it->who = kith_who(x->r, x->j, c, x->o->redact);
	it->what = kith_arena_printf(x->r->arena, "reach out to %s", it->who);
	char cad[40];
	kith_cadence_fmt(t->cadence, cad);
	it->why =
	    kith_arena_printf(x->r->arena, "cadence %s (%s), touched %s", cad,
	                      t->cadence_from, kith_disp_day(x->r, day));
	it->uid = kith_uid_cadence(x->r, ct->handle, due_on);
}

static void add_stay_in_touch(done_ctx *x)
{
	const kith_journal *j = x->j;
	kith_touch *t = kith_touch_compute(j, x->o->as_of);
	kith_day *before = kith_xmalloc((j->contacts.n + 1) * sizeof *before);
	for (uint32_t c = 0; c < j->contacts.n; c++)
		before[c] = KITH_NO_DAY;
	touch_ats v = {0};
	window_touches(x, t, before, &v);
	for (uint32_t i = 0; i < v.n; i++) {
		uint32_t c = v.v[i].c;
		int first = i == 0 || v.v[i - 1].c != c;
		kith_day prev = first ? before[c] : v.v[i - 1].day;
		int failed = 0;
		if ((!first && prev == v.v[i].day) ||
		    (x->o->query &&
		     !kith_query_match_contact(j, x->o->query, c, &failed)))
			continue;
		/* met on the day of the first touch: the cycle goes on */
		if (prev == KITH_NO_DAY &&
		    j->contacts.v[c].met.day == v.v[i].day)
			continue;
		add_touch(x, &t[c], c, prev, v.v[i].day);
	}
	kith_vec_free(&v);
	free(before);
	free(t);
}

/* ---- order, filters, rows ---- */

/* The type: terms of the query, as 'kith due' applies them: a thank-you
 * owed by a rule is type thank-you, any other rule-owed kind a follow-up.
 * state: terms do not apply: done is none of those states, and a done
 * item must reach the calendar that holds it open. */
static int type_kept(const done_ctx *x, const kith_due_item *it)
{
	unsigned t = 1u << it->kind;
	if (it->kind == KITH_DUE_OWED && strcmp(it->type, "thank-you"))
		t = 1u << KITH_DUE_TASK;
	return !x->o->due_types || (x->o->due_types & t);
}

typedef struct {
	kith_due_item it;
	kith_day done;
} done_item;

/* Most recently done first, then as 'kith due' orders open items. */
static int done_cmp(const void *a, const void *b)
{
	const done_item *p = a, *q = b;
	int c;
	if (p->done != q->done)
		return p->done > q->done ? -1 : 1;
	if (p->it.date != q->it.date)
		return p->it.date < q->it.date ? -1 : 1;
	if ((c = strcmp(p->it.type, q->it.type)) != 0)
		return c;
	if ((c = strcmp(p->it.who, q->it.who)) != 0)
		return c;
	if ((c = strcmp(p->it.what, q->it.what)) != 0)
		return c;
	return strcmp(p->it.uid, q->it.uid);
}

/* Identical items get "-2", "-3"... as in due.c, so every UID is unique. */
static void unique_uids(done_ctx *x, done_item *v, uint32_t n)
{
	kith_map seen = {0};
	for (uint32_t i = 0; i < n; i++) {
		uint32_t old = 0;
		kith_str k = kith_str_c(v[i].it.uid);
		if (kith_map_put(&seen, k, 1, &old))
			continue;
		kith_map_put(&seen, k, old + 1, &old);
		v[i].it.uid = kith_arena_printf(x->r->arena, "%.*s-%u@kith",
		                                (int)(strlen(v[i].it.uid) - 5),
		                                v[i].it.uid, (unsigned)old + 1);
	}
	kith_map_free(&seen);
}

static void emit(done_ctx *x, done_item *v, uint32_t n)
{
	kith_section *s = kith_report_section(
	    x->r, "done", "Done in the last 30 days", KITH_SECTION_TABLE,
	    done_cols, KITH_ARRAY_LEN(done_cols));
	s->empty = "Nothing done in the last 30 days.";
	for (uint32_t i = 0; i < n; i++) {
		const kith_due_item *it = &v[i].it;
		kith_row w = kith_row_add(x->r, s);
		kith_row_text(w, DONE_STATE, "done");
		kith_row_style(w, DONE_STATE, KITH_STYLE_GOOD);
		kith_row_date(w, DONE_DATE, it->date);
		kith_row_date(w, DONE_DONE, v[i].done);
		kith_row_text(w, DONE_TYPE, it->type);
		kith_row_text(w, DONE_WHAT, it->what);
		if (*it->who)
			kith_row_text(w, DONE_WHO, it->who);
		kith_row_text(w, DONE_WHY, it->why);
		kith_row_text(w, DONE_SOURCE, it->source);
		kith_row_text(w, DONE_UID, it->uid);
	}
}

void kith_due_done(const kith_journal *j, const kith_opts *o, kith_report *r)
{
	done_ctx x = {j, o, r, {0}, {0}};
	add_followups(&x);
	add_actions(&x);
	add_stay_in_touch(&x);
	done_item *v = kith_xcalloc(x.v.n ? x.v.n : 1, sizeof *v);
	uint32_t n = 0;
	for (uint32_t i = 0; i < x.v.n; i++)
		if (type_kept(&x, &x.v.v[i]))
			v[n++] = (done_item){x.v.v[i], x.done.v[i]};
	if (n > 1)
		qsort(v, n, sizeof *v, done_cmp);
	unique_uids(&x, v, n);
	emit(&x, v, n);
	free(v);
	kith_vec_free(&x.v);
	kith_vec_free(&x.done);
}
