/* kith due: one digest of what needs doing as of a date: open follow-ups
 * (tasks and rule-owed ones), stay-in-touch, goal actions, upcoming events
 * and birthdays, overdue first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compute/compute.h"
#include "util/text.h"

enum {
	ST_OVERDUE = KITH_DUE_OVERDUE,
	ST_DUE = KITH_DUE_DUE,
	ST_UPCOMING = KITH_DUE_UPCOMING,
	ST_OPEN = KITH_DUE_OPEN
};
const char *const kith_due_state_names[] = {"overdue", "due", "upcoming",
                                            "open"};
static const kith_style state_styles[] = {KITH_STYLE_BAD, KITH_STYLE_WARN,
                                          KITH_STYLE_OK, KITH_STYLE_NONE};

typedef kith_due_item item;
typedef kith_due_items items;

/* The items' strings end to end, without the arena's alignment, in
 * blocks of the report's arena: at a million entries most of due's
 * memory is these strings. */
typedef struct {
	kith_arena *a;
	char *p;
	size_t left;
	/* the strings put once for all items that hold them (a follow-up's
	 * text and who repeat): open addressing, size a power of 2 */
	const char **set;
	uint32_t nset, capset;
} strpool;

#define POOL_BLOCK ((size_t)1 << 20)

static const char *pool_put(strpool *sp, const char *s)
{
	size_t n = strlen(s) + 1;
	if (n > sp->left) {
		size_t cap = n > POOL_BLOCK ? n : POOL_BLOCK;
		sp->p = kith_arena_alloc(sp->a, cap);
		sp->left = cap;
	}
	char *o = sp->p;
	memcpy(o, s, n);
	sp->p += n;
	sp->left -= n;
	return o;
}

typedef struct {
	const kith_journal *j;
	const kith_opts *o;
	kith_report *r;
	kith_day as_of, until; /* the window: as_of..until */
	items v;
	uint32_t limit_hits; /* items whose regex hit the match limit */
	/* follow-ups, the bulk of the items, are described in a scratch
	 * arena (sr: the report with that arena), then packed into sp */
	kith_report sr;
	strpool sp;
	const char *owed_type;   /* the last rule-owed type packed */
	kith_file_window recent; /* journal files read last */
} due_ctx;

enum {
	DUE_ID,
	DUE_STATE,
	DUE_DATE,
	DUE_IN,
	DUE_TYPE,
	DUE_WHAT,
	DUE_WHO,
	DUE_WHY,
	DUE_SOURCE,
	DUE_UID,
	DUE_END,
	DUE__COUNT
};
static const kith_col due_cols[DUE__COUNT] = {
    [DUE_ID] = {"id", "ID", KITH_CELL_TEXT, 0},
    [DUE_STATE] = {"state", "State", KITH_CELL_TEXT, KITH_COL_DROP},
    [DUE_DATE] = {"date", "Date", KITH_CELL_DATE, 0},
    [DUE_IN] = {"in", "In", KITH_CELL_DAYS,
                KITH_COL_RIGHT | KITH_COL_DROP_AT(3)},
    [DUE_TYPE] = {"type", "Type", KITH_CELL_TEXT, KITH_COL_DROP_AT(1)},
    [DUE_WHAT] = {"what", "What", KITH_CELL_TEXT,
                  KITH_COL_WIDE | KITH_COL_MAIN},
    [DUE_WHO] = {"who", "Who", KITH_CELL_TEXT,
                 KITH_COL_WIDE | KITH_COL_DROP_AT(2)},
    [DUE_WHY] = {"why", "Why", KITH_CELL_TEXT,
                 KITH_COL_WIDE | KITH_COL_DROP_AT(4)},
    [DUE_SOURCE] = {"source", "Source", KITH_CELL_TEXT, KITH_COL_MACHINE},
    [DUE_UID] = {"uid", "UID", KITH_CELL_TEXT, KITH_COL_MACHINE},
    [DUE_END] = {"end", "End", KITH_CELL_DATE, KITH_COL_MACHINE},
};

/* State of a dated item; -1 when it lies beyond the window. */
static int dated_state(const due_ctx *x, kith_day d)
{
	if (d == KITH_NO_DAY)
		return ST_OPEN;
	if (d < x->as_of)
		return ST_OVERDUE;
	if (d == x->as_of)
		return ST_DUE;
	return d <= x->until || x->until == KITH_DAY_MAX ? ST_UPCOMING : -1;
}

static item *add_in(due_ctx *x, kith_report *r, int state, kith_day date,
                    const char *type, kith_due_kind kind, kith_pos pos)
{
	item *it = kith_vec_push(&x->v);
	kith_due_item_set(it, r, x->j, type, kind, pos, date);
	it->state = state;
	return it;
}

static item *add(due_ctx *x, int state, kith_day date, const char *type,
                 kith_due_kind kind, kith_pos pos)
{
	item *it = kith_vec_push(&x->v);
	kith_due_item_set(it, x->r, x->j, type, kind, pos, date);
	it->state = state;
	return it;
}

static const char *str(due_ctx *x, kith_str s)
{
	return s.p ? kith_arena_strndup(x->r->arena, s.p, s.n) : "";
}

/* An item whose regex hit the match limit is counted (and dropped), so
 * the report can say that it may be incomplete. */
static int counted(due_ctx *x, int match, int failed)
{
	if (failed)
		x->limit_hits++;
	return match;
}

/* A follow-up passes when its entry matches with the people it concerns
 * as participants (with ix->with replaced by who): `due @dana` lists
 * what is owed to dana, whoever else was at the entry. */
static int passes_fu(due_ctx *x, uint32_t ix, const kith_refs *who)
{
	if (!x->o->query)
		return 1;
	if (ix >= x->j->interactions.n)
		return 0;
	int failed = 0;
	int m = kith_query_match_ix(x->j, x->o->query,
	                            &x->j->interactions.v[ix], who, &failed);
	return counted(x, m, failed);
}

/* s, put in the pool once: the copy there when it holds one already. */
static const char *pool_once(strpool *sp, const char *s)
{
	size_t n = strlen(s);
	if (sp->nset * 2 >= sp->capset) {
		uint32_t cap = sp->capset ? sp->capset * 2 : 1024;
		const char **set = kith_xcalloc(cap, sizeof *set);
		for (uint32_t i = 0; i < sp->capset; i++) {
			const char *o = sp->set[i];
			if (!o)
				continue;
			uint64_t h = kith_hash(o, strlen(o));
			uint32_t k = (uint32_t)h & (cap - 1);
			while (set[k])
				k = (k + 1) & (cap - 1);
			set[k] = o;
		}
		free(sp->set);
		sp->set = set;
		sp->capset = cap;
	}
	uint32_t k = (uint32_t)kith_hash(s, n) & (sp->capset - 1);
	for (; sp->set[k]; k = (k + 1) & (sp->capset - 1))
		if (!strcmp(sp->set[k], s))
			return sp->set[k];
	sp->nset++;
	return sp->set[k] = pool_put(sp, s);
}

static void pool_free(strpool *sp)
{
	free(sp->set);
	sp->set = NULL;
	sp->nset = sp->capset = 0;
}

/* The longest type whose items' uids are written when read (below): the
 * uid of one is type "-" 16 hex digits "@kith", 22 bytes more. */
#define UID_TYPE_MAX 64
#define UID_MAX (UID_TYPE_MAX + 32)

/* The uid of an item: its own string, or, for a follow-up that keeps
 * only its type and hash (pack), written into buf. */
static const char *uid_of(const item *it, char *buf)
{
	static const char hex[] = "0123456789abcdef";
	if (it->uid)
		return it->uid;
	size_t t = strlen(it->type);
	memcpy(buf, it->type, t);
	buf[t++] = '-';
	for (int i = 0; i < 16; i++)
		buf[t++] = hex[it->hash >> (60 - 4 * i) & 15];
	memcpy(buf + t, "@kith", 6);
	return buf;
}

static void uid_parts(const char *uid, kith_str *hex, kith_str *dup);
static uint64_t hex_value(kith_str h);

/* A follow-up's uid, known by its hash (kith_due_task_item): NULL when
 * uid_of writes it from the type and the hash, else put in the pool. */
static const char *pack_uid(due_ctx *x, item *it)
{
	if (strlen(it->type) <= UID_TYPE_MAX)
		return NULL;
	return pool_put(&x->sp, kith_uid_fmt(&x->sr, it->type, it->hash));
}

enum { TW_ID, TW_WHAT, TW_WHO, TW_WHY };

/* The width of s in a text listing when it is printable ASCII (one
 * column a byte), else KITH_DUE_TW_OTHER: the renderer measures it. */
static uint8_t text_width(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	return n < KITH_DUE_TW_OTHER && kith_printable_run(s, n) == n
	           ? (uint8_t)n
	           : KITH_DUE_TW_OTHER;
}

/* it->tw of what, who and why, read while they are fresh. */
static void text_widths(item *it)
{
	it->tw[TW_WHAT] = text_width(it->what);
	it->tw[TW_WHO] = text_width(it->who);
	it->tw[TW_WHY] = text_width(it->why);
}

/* Moves a follow-up's strings from the scratch arena into the pool: its
 * text and who once for all items that hold them; its source and uid
 * not at all when they are made again from its position and hash where
 * they are read (fill_row, kith_due_all). */
static void pack(due_ctx *x, item *it)
{
	text_widths(it);
	it->source = NULL;
	it->what = pool_once(&x->sp, it->what);
	it->who = pool_once(&x->sp, it->who);
	it->why = pool_put(&x->sp, it->why);
	if (it->kind == KITH_DUE_OWED) {
		if (!x->owed_type || strcmp(x->owed_type, it->type))
			x->owed_type = pool_put(&x->sp, it->type);
		it->type = x->owed_type;
	}
	it->uid = pack_uid(x, it);
	kith_arena_reset(x->sr.arena);
}

static void add_task(due_ctx *x, const kith_fu *f)
{
	const kith_journal *j = x->j;
	const kith_followup *fu = &j->followups.v[f->followup];
	int st = dated_state(x, f->due);
	if (st < 0)
		return;
	item *it =
	    add_in(x, &x->sr, st, f->due, "follow-up", KITH_DUE_TASK, fu->pos);
	kith_due_task_item(it, &x->sr, j, f, x->o->redact);
	pack(x, it);
}

static void add_owed(due_ctx *x, const kith_fu *f)
{
	const kith_journal *j = x->j;
	const kith_rule *rl = &j->rules.v[f->rule];
	const kith_interaction *in = &j->interactions.v[f->interaction];
	int st = dated_state(x, f->due);
	if (st < 0)
		return;
	item *it = add_in(x, &x->sr, st, f->due, kith_due_owed_type(&x->sr, rl),
	                  KITH_DUE_OWED, in->pos);
	kith_due_owed_item(it, &x->sr, j, f, x->o->redact);
	pack(x, it);
}

/* The open follow-ups fus (freed here) as items. */
static void add_followups(due_ctx *x, kith_fus fus)
{
	/* room for them all and the contacts' items, at once */
	uint32_t want = x->v.n + fus.n + x->j->contacts.n;
	if (x->v.cap < want) {
		x->v.v = kith_xrealloc(x->v.v, (size_t)want * sizeof(item));
		x->v.cap = want;
	}
	kith_file_window_init(&x->recent);
	for (uint32_t i = 0; i < fus.n; i++) {
		const kith_fu *f = &fus.v[i];
		if (f->done != KITH_NO_DAY)
			continue;
		if (f->interaction < x->j->interactions.n)
			kith_file_window_read(
			    x->j, &x->recent,
			    x->j->interactions.v[f->interaction].pos.file);
		if (f->source == KITH_FU_TASK &&
		    f->followup < x->j->followups.n)
			add_task(x, f);
		else if (f->source == KITH_FU_RULE && f->rule < x->j->rules.n &&
		         f->contact < x->j->contacts.n)
			add_owed(x, f);
	}
	kith_file_window_close(x->j, &x->recent);
	kith_vec_free(&fus);
}

static int passes_contact(due_ctx *x, uint32_t c)
{
	if (!x->o->query)
		return 1;
	int failed = 0;
	int m = kith_query_match_contact(x->j, x->o->query, c, &failed);
	return counted(x, m, failed);
}

/* "cadence 4w..6w (mentor), last touch 2026-09-30" */
static const char *cadence_why(due_ctx *x, const kith_touch *t,
                               const kith_contact *c)
{
	char cad[40];
	kith_cadence_fmt(t->cadence, cad);
	const char *since;
	if (t->last_touch != KITH_NO_DAY)
		since = kith_arena_printf(x->r->arena, "last touch %s",
		                          kith_disp_day(x->r, t->last_touch));
	else if (c->met.day != KITH_NO_DAY)
		since = kith_arena_printf(x->r->arena, "met %s, no touch yet",
		                          kith_disp_day(x->r, c->met.day));
	else
		since = "never touched";
	return kith_arena_printf(x->r->arena, "cadence %s (%s), %s", cad,
	                         t->cadence_from, since);
}

static void add_stay_in_touch(due_ctx *x, const kith_parts *parts)
{
	const kith_journal *j = x->j;
	kith_touch *t = kith_touch_compute_p(j, parts, x->as_of);
	for (uint32_t c = 0; c < j->contacts.n; c++) {
		if (!t[c].has_cadence)
			continue;
		int st;
		kith_day d = t[c].due_on;
		/* By cadence: overdue once MAX has passed (dated then), due
		 * once IDEAL has. */
		if (t[c].state == 2) {
			st = ST_OVERDUE;
			d = t[c].overdue_on;
		} else if (t[c].state == 1) {
			st = ST_DUE;
		} else if (d <= x->until) {
			st = ST_UPCOMING;
		} else {
			continue;
		}
		item *it = add(x, st, d, "stay-in-touch", KITH_DUE_CADENCE,
		               j->contacts.v[c].pos);
		it->a = c;
		it->who = kith_who(x->r, j, c, x->o->redact);
		it->what =
		    kith_arena_printf(x->r->arena, "reach out to %s", it->who);
		it->why = cadence_why(x, &t[c], &j->contacts.v[c]);
		/* never touched nor met: due every day, one item all along */
		int dated = t[c].last_touch != KITH_NO_DAY ||
		            j->contacts.v[c].met.day != KITH_NO_DAY;
		it->uid = kith_uid_cadence(x->r, j->contacts.v[c].handle,
		                           dated ? t[c].due_on : KITH_NO_DAY);
	}
	free(t);
}

/* With a query, an action passes when a contact it @mentions matches. */
static int passes_action(due_ctx *x, kith_str text)
{
	if (!x->o->query)
		return 1;
	uint32_t from = 0, c;
	while ((c = kith_action_mention(x->j, text, &from)) != KITH_NONE)
		if (passes_contact(x, c))
			return 1;
	return 0;
}

static void add_actions(due_ctx *x)
{
	const kith_journal *j = x->j;
	for (uint32_t g = 0; g < j->goals.n; g++) {
		const kith_goal *gl = &j->goals.v[g];
		if (gl->status != KITH_GOAL_ACTIVE)
			continue;
		for (uint32_t a = 0; a < gl->actions.n; a++) {
			const kith_action *ac = &gl->actions.v[a];
			if (ac->done.day != KITH_NO_DAY &&
			    ac->done.day <= x->as_of)
				continue;
			if (ac->due.day == KITH_NO_DAY)
				continue;
			int st = dated_state(x, ac->due.day);
			if (st < 0)
				continue;
			item *it = add(x, st, ac->due.day, "action",
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

/* Planned or registered events still ahead (or under way) in the window;
 * a past one that was never marked attended is stale, not due. */
static void add_events(due_ctx *x)
{
	const kith_journal *j = x->j;
	for (uint32_t e = 0; e < j->events.n; e++) {
		const kith_event *ev = &j->events.v[e];
		if (ev->status != KITH_EVENT_PLANNED &&
		    ev->status != KITH_EVENT_REGISTERED)
			continue;
		kith_day from = ev->date.day;
		kith_day last = ev->end.day != KITH_NO_DAY ? ev->end.day : from;
		if (from == KITH_NO_DAY || last < x->as_of || from > x->until)
			continue;
		item *it = add(x, from <= x->as_of ? ST_DUE : ST_UPCOMING, from,
		               "event", KITH_DUE_EVENT, ev->pos);
		it->a = e;
		it->end = ev->end.day;
		it->what =
		    ev->title.s.p && ev->title.s.n
		        ? kith_redact_text(x->r, j, ev->title.s, x->o->redact)
		        : str(x, ev->id);
		const char *st = kith_event_status_names[ev->status];
		it->why = ev->location.s.p && ev->location.s.n
		              ? kith_arena_printf(
		                    x->r->arena, "%s, %s", st,
		                    kith_redact_text(x->r, j, ev->location.s,
		                                     x->o->redact))
		              : st;
		it->uid = kith_uid_event(x->r, ev);
	}
}

/* The next MM-DD on or after day; 29 February falls on the 28th in common
 * years. */
static kith_day next_birthday(const kith_contact *c, kith_day day)
{
	int y, m, d;
	kith_day_to_ymd(day, &y, &m, &d);
	for (int k = 0; k < 2; k++) {
		int dd = c->bday_day;
		if (dd > kith_days_in_month(y + k, c->bday_month))
			dd = kith_days_in_month(y + k, c->bday_month);
		kith_day b = kith_day_from_ymd(y + k, c->bday_month, dd);
		if (b >= day)
			return b;
	}
	return KITH_NO_DAY;
}

/* Birthdays are private: listed only when private fields are shown. */
static void add_birthdays(due_ctx *x)
{
	const kith_journal *j = x->j;
	if (!x->r->private_fields)
		return;
	for (uint32_t c = 0; c < j->contacts.n; c++) {
		const kith_contact *ct = &j->contacts.v[c];
		if (ct->bday_month < 1 || ct->bday_month > 12 ||
		    ct->bday_day < 1)
			continue;
		kith_day b = next_birthday(ct, x->as_of);
		if (b == KITH_NO_DAY || b > x->until)
			continue;
		item *it = add(x, b == x->as_of ? ST_DUE : ST_UPCOMING, b,
		               "birthday", KITH_DUE_BIRTHDAY, ct->birthday_pos);
		it->a = c;
		it->who = kith_who(x->r, j, c, x->o->redact);
		int y, m, d;
		kith_day_to_ymd(b, &y, &m, &d);
		if (ct->bday_year > 0 && y > ct->bday_year)
			it->what = kith_arena_printf(
			    x->r->arena, "birthday of %s (%d)", it->who,
			    y - ct->bday_year);
		else
			it->what = kith_arena_printf(x->r->arena,
			                             "birthday of %s", it->who);
		it->why = kith_arena_printf(x->r->arena, "birthday %02d-%02d",
		                            ct->bday_month, ct->bday_day);
		it->uid = kith_uid_birthday(x->r, ct);
	}
}

/* The order of items: state, date, type, who, what, uid, then the order
 * they were collected in. Sorted as keys of integers that hold the state
 * and date and the first 8 bytes of type and who (big-endian, so their
 * order is strcmp's), the strings read only when those are equal. */
typedef struct {
	uint64_t sd, type, who;
	const item *it;
	uint32_t i;
} item_key;

static uint64_t head8(const char *s)
{
	uint64_t v = 0;
	int k = 0;
	for (; k < 8 && s[k]; k++)
		v = v << 8 | (unsigned char)s[k];
	return k ? v << (8 * (8 - k)) : 0; /* a shift by 64 is undefined */
}

static int item_key_cmp(const void *a, const void *b)
{
	const item_key *x = a, *y = b;
	if (x->sd != y->sd)
		return x->sd < y->sd ? -1 : 1;
	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	const item *p = x->it, *q = y->it;
	int c;
	/* equal first 8 bytes: the whole type decides before the who
	 * ("thank-you" before "thank-you-note", whoever they name) */
	if ((c = strcmp(p->type, q->type)) != 0)
		return c;
	if (x->who != y->who)
		return x->who < y->who ? -1 : 1;
	if ((c = strcmp(p->who, q->who)) != 0)
		return c;
	if ((c = strcmp(p->what, q->what)) != 0)
		return c;
	char ub[2][UID_MAX];
	if ((c = strcmp(uid_of(p, ub[0]), uid_of(q, ub[1]))) != 0)
		return c;
	return x->i < y->i ? -1 : x->i > y->i;
}

static item_key key_of(const item *it, uint32_t i)
{
	uint64_t d = (uint64_t)((int64_t)it->date + ((int64_t)1 << 31));
	return (item_key){(uint64_t)(uint32_t)it->state << 32 | d,
	                  head8(it->type), head8(it->who), it, i};
}

/* The items of ord[0..n) in order by compare, keys made for them only. */
static void sort_run(const items *v, uint32_t *ord, uint32_t n, item_key **k,
                     uint32_t *cap)
{
	if (n > *cap) {
		*k = kith_xrealloc(*k, (size_t)n * sizeof **k);
		*cap = n;
	}
	for (uint32_t i = 0; i < n; i++)
		(*k)[i] = key_of(&v->v[ord[i]], ord[i]);
	qsort(*k, n, sizeof **k, item_key_cmp);
	for (uint32_t i = 0; i < n; i++)
		ord[i] = (*k)[i].i;
}

/* The (state, date) bucket of an item: state, then day from lo. */
static size_t state_day(const item *it, uint64_t lo, uint64_t span)
{
	uint64_t d = (uint64_t)((int64_t)it->date + ((int64_t)1 << 31));
	return (size_t)((uint64_t)(uint32_t)it->state * span + (d - lo));
}

/* The order of the items, ord[i]: the item that goes i-th. A counting
 * sort of their indexes by (state, date) when the dates span a few
 * years' days, then each run of one day by compare, with keys made for
 * that run only (a long journal has a hundred items a day, not a third
 * of a million); else one compare sort of them all. */
static void order_items(const items *v, uint32_t *ord)
{
	uint32_t n = v->n, cap = 0;
	uint64_t lo = UINT64_MAX, hi = 0;
	item_key *k = NULL;
	for (uint32_t i = 0; i < n; i++) {
		uint64_t d =
		    (uint64_t)((int64_t)v->v[i].date + ((int64_t)1 << 31));
		lo = d < lo ? d : lo;
		hi = d > hi ? d : hi;
		ord[i] = i;
	}
	uint64_t span = hi - lo + 1;
	if (span > ((uint64_t)1 << 20)) {
		sort_run(v, ord, n, &k, &cap);
		free(k);
		return;
	}
	size_t nb = (size_t)(4 * span);
	uint32_t *at = kith_xcalloc(nb + 1, sizeof *at);
	for (uint32_t i = 0; i < n; i++)
		at[state_day(&v->v[i], lo, span) + 1]++;
	for (size_t b = 1; b <= nb; b++)
		at[b] += at[b - 1];
	for (uint32_t i = 0; i < n; i++)
		ord[at[state_day(&v->v[i], lo, span)]++] = i;
	free(at);
	for (uint32_t a = 0, b; a < n; a = b) {
		size_t sd = state_day(&v->v[ord[a]], lo, span);
		for (b = a + 1;
		     b < n && state_day(&v->v[ord[b]], lo, span) == sd;)
			b++;
		if (b - a > 1)
			sort_run(v, ord + a, b - a, &k, &cap);
	}
	free(k);
}

static void sort_items(items *v)
{
	uint32_t n = v->n;
	if (n < 2)
		return;
	uint32_t *ord = kith_xcalloc(n, sizeof *ord);
	order_items(v, ord);
	/* the items move in place, cycle by cycle: slot d takes item ord[d];
	 * a slot done points at itself */
	for (uint32_t d = 0; d < n; d++) {
		if (ord[d] == d)
			continue;
		item tmp = v->v[d];
		uint32_t at = d;
		while (ord[at] != d) {
			uint32_t from = ord[at];
			v->v[at] = v->v[from];
			ord[at] = at;
			at = from;
		}
		v->v[at] = tmp;
		ord[at] = at;
	}
	free(ord);
}

/* A uid's hash and its item, sorted by hash, then item. */
typedef struct {
	uint64_t h;
	uint32_t i;
} hash_ent;

static int hash_ent_cmp(const void *a, const void *b)
{
	const hash_ent *p = a, *q = b;
	if (p->h != q->h)
		return p->h < q->h ? -1 : 1;
	return p->i < q->i ? -1 : p->i > q->i;
}

/* Sorts by h, equal ones in the order they come (LSD radix, 16 bits a
 * pass: linear, and no compare calls for a third of a million uids; a
 * short list by compare, as its counts would cost more than it). The
 * items come in index order, so both give the same order. */
static void sort_hashes(hash_ent *e, uint32_t n)
{
	if (n < 2)
		return;
	if (n < 4096) {
		qsort(e, n, sizeof *e, hash_ent_cmp);
		return;
	}
	hash_ent *t = kith_xcalloc(n, sizeof *t);
	uint32_t *count = kith_xcalloc((size_t)4 << 16, sizeof *count);
	for (uint32_t i = 0; i < n; i++)
		for (int d = 0; d < 4; d++)
			count[((size_t)d << 16) +
			      (e[i].h >> (16 * d) & 0xffff)]++;
	hash_ent *from = e, *to = t;
	for (int d = 0; d < 4; d++) {
		uint32_t *c = count + ((size_t)d << 16), sum = 0;
		if (c[from[0].h >> (16 * d) & 0xffff] == n)
			continue; /* one value in this digit: order unchanged */
		for (uint32_t k = 0; k < 1u << 16; k++) {
			uint32_t x = c[k];
			c[k] = sum;
			sum += x;
		}
		for (uint32_t i = 0; i < n; i++)
			to[c[from[i].h >> (16 * d) & 0xffff]++] = from[i];
		hash_ent *sw = from;
		from = to;
		to = sw;
	}
	if (from != e)
		memcpy(e, from, (size_t)n * sizeof *e);
	free(count);
	free(t);
}

/* A uid and its item, for ordering the items of one hash. */
typedef struct {
	const char *uid;
	uint32_t i;
} uid_ent;

static int uid_ent_cmp(const void *a, const void *b)
{
	const uid_ent *p = a, *q = b;
	int c = strcmp(p->uid, q->uid);
	if (c)
		return c;
	return p->i < q->i ? -1 : p->i > q->i;
}

/* Identical items (two equal follow-ups in one entry) get "-2", "-3"...
 * so every uid is unique; the sort makes the numbering stable: among
 * the items of one hash (e[0..n)), ordered by (uid, index), the n-th
 * copy of a uid is the n-th item. dup[i] gets item i's N (0: none). */
static void unique_run(due_ctx *x, const hash_ent *e, uint32_t n, uint32_t *dup)
{
	uid_ent *u = kith_xcalloc(n, sizeof *u);
	for (uint32_t k = 0; k < n; k++) {
		item *it = &x->v.v[e[k].i];
		char ub[UID_MAX];
		if (!it->uid)
			it->uid = pool_put(&x->sp, uid_of(it, ub));
		u[k] = (uid_ent){it->uid, e[k].i};
	}
	qsort(u, n, sizeof *u, uid_ent_cmp);
	for (uint32_t a = 0, b; a < n; a = b) {
		for (b = a + 1; b < n && !strcmp(u[b].uid, u[a].uid); b++) {
			item *it = &x->v.v[u[b].i];
			dup[u[b].i] = b - a + 1;
			it->uid =
			    kith_arena_printf(x->r->arena, "%.*s-%u@kith",
			                      (int)(strlen(it->uid) - 5),
			                      it->uid, (unsigned)(b - a + 1));
		}
	}
	free(u);
}

/* Hex digits two different hashes share at their start. */
static size_t common_hex(uint64_t a, uint64_t b)
{
	return (size_t)__builtin_clzll(a ^ b) / 4;
}

/* Unique uids, then short ids: the shortest prefix (at least 4) of each
 * uid's hash that no other item shares, plus "-N" for identical items.
 * The hashes are sorted as numbers; equal ones (the -N items) sit
 * together, and the nearest different hash on either side sets how many
 * digits tell them apart. The hash is the uid's 16 hex digits, so the
 * id is written from it. */
static void unique_and_short(due_ctx *x)
{
	static const char hex[] = "0123456789abcdef";
	uint32_t n = x->v.n;
	hash_ent *e = kith_xcalloc(n ? n : 1, sizeof *e);
	uint32_t *dup = kith_xcalloc(n ? n : 1, sizeof *dup);
	unsigned char *need = kith_xcalloc(n ? n : 1, 1);
	for (uint32_t i = 0; i < n; i++)
		e[i] = (hash_ent){x->v.v[i].hash, i};
	sort_hashes(e, n);
	for (uint32_t a = 0, b; a < n; a = b) {
		for (b = a + 1; b < n && e[b].h == e[a].h;)
			b++;
		if (b - a > 1)
			unique_run(x, e + a, b - a, dup);
		size_t k = 0;
		if (a > 0)
			k = common_hex(e[a - 1].h, e[a].h);
		if (b < n && common_hex(e[b].h, e[a].h) > k)
			k = common_hex(e[b].h, e[a].h);
		k = k + 1 < 4 ? 4 : k + 1;
		for (uint32_t i = a; i < b; i++)
			need[e[i].i] = (unsigned char)(k > 16 ? 16 : k);
	}
	free(e);
	/* the ids in the items' order, which is the order rows read them */
	for (uint32_t i = 0; i < n; i++) {
		item *it = &x->v.v[i];
		char id[40];
		size_t len = need[i];
		for (size_t k = 0; k < len; k++)
			id[k] = hex[it->hash >> (60 - 4 * k) & 15];
		if (dup[i])
			len += (size_t)snprintf(id + len, sizeof id - len,
			                        "-%u", dup[i]);
		id[len] = 0;
		it->id = pool_put(&x->sp, id);
		it->tw[TW_ID] = (uint8_t)len; /* hex digits and "-N": < 40 */
	}
	free(need);
	free(dup);
}

/* The rows of the listing: its items, each row's cells made when a
 * renderer reads them (kith_section_fill), so the items are all it
 * holds: a row of cells takes more room than an item. */
typedef struct {
	kith_rows_fill fill; /* first: the section points at it */
	items v;
	const kith_journal *j; /* for the sources of follow-ups */
	kith_day as_of;
	uint32_t widths[DUE__COUNT]; /* fill.widths */
} due_rows;

static void widen(uint32_t *w, uint32_t to)
{
	if (*w != KITH_WIDTH_UNKNOWN && (to > *w || to == KITH_WIDTH_UNKNOWN))
		*w = to;
}

static uint32_t tw_of(const item *it, int k)
{
	return it->tw[k] == KITH_DUE_TW_OTHER ? KITH_WIDTH_UNKNOWN : it->tw[k];
}

/* d->widths over the item it, as the text renderer measures its row
 * (fill_row makes the cells), so it need not read the rows twice. */
static void widen_by(due_rows *d, const item *it, const char **type,
                     uint32_t *type_w)
{
	uint32_t *w = d->widths;
	widen(&w[DUE_ID], tw_of(it, TW_ID));
	widen(&w[DUE_STATE], (uint32_t)strlen(kith_due_state_names[it->state]));
	if (it->date != KITH_NO_DAY) {
		widen(&w[DUE_DATE], 10);
		widen(&w[DUE_IN],
		      kith_i64_width((long long)it->date - d->as_of) + 1);
	}
	if (it->type != *type) {
		*type = it->type;
		uint8_t t = text_width(it->type);
		*type_w = t == KITH_DUE_TW_OTHER ? KITH_WIDTH_UNKNOWN : t;
	}
	widen(&w[DUE_TYPE], *type_w);
	widen(&w[DUE_WHAT], tw_of(it, TW_WHAT));
	widen(&w[DUE_WHO], tw_of(it, TW_WHO));
	widen(&w[DUE_WHY], tw_of(it, TW_WHY));
}

static void due_rows_free(void *p)
{
	due_rows *d = p;
	kith_vec_free(&d->v);
	free(d);
}

static void fill_row(kith_rows_fill *f, uint32_t row, uint32_t col, kith_row w)
{
	const due_rows *d = (const due_rows *)f;
	const item *it = &d->v.v[row];
	switch (col) {
	case DUE_ID:
		kith_row_text_ref(w, col, it->id);
		return;
	case DUE_STATE:
		kith_row_text_ref(w, col, kith_due_state_names[it->state]);
		break;
	case DUE_DATE:
		kith_row_date(w, col, it->date);
		break;
	case DUE_IN:
		if (it->date != KITH_NO_DAY)
			kith_row_days(w, col, (long long)it->date - d->as_of);
		break;
	case DUE_TYPE:
		kith_row_text_ref(w, col, it->type);
		return;
	case DUE_WHAT:
		kith_row_text_ref(w, col, it->what);
		return;
	case DUE_WHO:
		if (*it->who)
			kith_row_text_ref(w, col, it->who);
		return;
	case DUE_WHY:
		kith_row_text_ref(w, col, it->why);
		return;
	case DUE_SOURCE:
		kith_row_text_ref(w, col,
		                  it->source
		                      ? it->source
		                      : kith_disp_source(w.r, d->j, it->pos));
		return;
	case DUE_UID:
		if (it->uid) {
			kith_row_text_ref(w, col, it->uid);
		} else {
			char ub[UID_MAX];
			kith_row_text(w, col, uid_of(it, ub));
		}
		return;
	case DUE_END:
		kith_row_date(w, col, it->end);
		return;
	}
	/* state, date and in: styled by the state */
	kith_row_style(w, col, state_styles[it->state]);
}

/* The rows: items keep[0..n) of v (in order), which the section takes;
 * the items' strings are in the report's arena (or static), and the
 * cells point at them. */
static void emit(due_ctx *x, items *v, const uint32_t *keep, uint32_t n)
{
	char within[16];
	kith_dur_fmt(x->o->within, within);
	kith_section *s = kith_report_section(
	    x->r, "items", "Due", KITH_SECTION_TABLE, due_cols, DUE__COUNT);
	s->empty =
	    kith_arena_printf(x->r->arena, "Nothing due within %s.", within);
	/* text shows the rows in groups by state, "Overdue (3)" */
	static const char *const groups[] = {"overdue", "Overdue",  "due",
	                                     "Today",   "upcoming", "Upcoming",
	                                     "open",    "Open",     NULL};
	s->group = "state";
	s->group_titles = groups;
	due_rows *d = kith_xcalloc(1, sizeof *d);
	/* machine columns: never in text */
	d->widths[DUE_SOURCE] = d->widths[DUE_UID] = d->widths[DUE_END] =
	    KITH_WIDTH_UNKNOWN;
	d->as_of = x->as_of;
	const char *type = NULL;
	uint32_t type_w = 0;
	for (uint32_t i = 0; i < n; i++) {
		if (keep[i] != i)
			v->v[i] = v->v[keep[i]];
		widen_by(d, &v->v[i], &type, &type_w);
	}
	v->n = n;
	if (n < v->cap) {
		v->v = kith_xrealloc(v->v, (size_t)(n ? n : 1) * sizeof(item));
		v->cap = n ? n : 1;
	}
	d->fill.make_cell = fill_row;
	d->fill.widths = d->widths;
	d->v = *v;
	d->j = x->j;
	*v = (items){0};
	kith_arena_defer(x->r->arena, due_rows_free, d);
	kith_section_fill(x->r, s, &d->fill, n);
}

/* The 16 hex digits of a uid ("TYPE-HEX[-N]@kith"), and its "-N". */
static void uid_parts(const char *uid, kith_str *hex, kith_str *dup)
{
	size_t n = strlen(uid);
	size_t end = n >= 5 ? n - 5 : 0, k = end;
	*dup = (kith_str){uid + end, 0};
	while (k > 0 && uid[k - 1] >= '0' && uid[k - 1] <= '9')
		k--;
	if (k > 0 && k < end && end - k < 8 && uid[k - 1] == '-' && k >= 17 &&
	    uid[k - 18] == '-') {
		*dup = (kith_str){uid + k - 1, (uint32_t)(end - k + 1)};
		end = k - 1;
	}
	*hex = end >= 16 ? (kith_str){uid + end - 16, 16} : (kith_str){uid, 0};
}

/* The 16 hex digits as a number: their order as strings is its order. */
static uint64_t hex_value(kith_str h)
{
	uint64_t v = 0;
	for (uint32_t i = 0; i < h.n; i++) {
		char c = h.p[i];
		v = v << 4 | (uint64_t)(c >= 'a' ? c - 'a' + 10 : c - '0');
	}
	return v;
}

static void collect(due_ctx *x)
{
	/* the participants' table goes before the follow-ups' items and
	 * strings come (at 1M, 20 MB off the peak); the items' order is
	 * made by the sort, whose last key, the index, orders only items
	 * of one kind alike in all else */
	kith_parts parts;
	kith_fus fus = {0};
	kith_parts_init(&parts, x->j);
	kith_fu_compute_open(x->j, &parts, x->as_of, &fus);
	add_stay_in_touch(x, &parts);
	kith_parts_free(&parts);
	add_followups(x, fus);
	add_actions(x);
	add_events(x);
	add_birthdays(x);
	/* each uid's hash as a number, read while the uids are fresh */
	for (uint32_t i = 0; i < x->v.n; i++) {
		kith_str h, d;
		if (x->v.v[i].kind <= KITH_DUE_OWED)
			continue; /* a follow-up's, read as it was packed */
		text_widths(&x->v.v[i]);
		uid_parts(x->v.v[i].uid, &h, &d);
		x->v.v[i].hash = hex_value(h);
	}
	sort_items(&x->v);
}

/* The type: and state: terms of the query. A thank-you owed by a rule is
 * type thank-you; any other rule-owed kind counts as a follow-up. */
static uint32_t keep_types_states(due_ctx *x, const items *v, uint32_t *keep,
                                  uint32_t n)
{
	unsigned types = x->o->due_types, states = x->o->due_states;
	uint32_t k = 0;
	for (uint32_t i = 0; i < n; i++) {
		const item *it = &v->v[keep[i]];
		unsigned t = 1u << it->kind;
		if (it->kind == KITH_DUE_OWED && strcmp(it->type, "thank-you"))
			t = 1u << KITH_DUE_TASK;
		if ((types && !(types & t)) ||
		    (states && !(states & (1u << it->state))))
			continue;
		keep[k++] = keep[i];
	}
	return k;
}

const char *const kith_due_type_names[KITH_DUE__COUNT] = {
    "follow-up", "thank-you", "stay-in-touch", "action", "event", "birthday"};

/* Every open item as of o->as_of, without window or query: sorted, uids
 * unique, short ids set. */
static void all_items(const kith_journal *j, const kith_opts *o, kith_report *r,
                      items *out)
{
	kith_opts all = *o;
	all.query = NULL;
	due_ctx x = {.j = j,
	             .o = &all,
	             .r = r,
	             .as_of = o->as_of,
	             .until = KITH_DAY_MAX};
	x.sr = *r;
	x.sr.arena = kith_arena_new();
	x.sp.a = r->arena;
	collect(&x);
	kith_arena_free(x.sr.arena);
	pool_free(&x.sp);
	unique_and_short(&x);
	*out = x.v;
}

void kith_due_all(const kith_journal *j, const kith_opts *o, kith_report *r,
                  kith_due_items *out)
{
	all_items(j, o, r, out);
	/* every item with its uid and source as strings, which the listing
	 * makes only when it shows them */
	for (uint32_t i = 0; i < out->n; i++) {
		item *it = &out->v[i];
		char ub[UID_MAX];
		if (!it->uid)
			it->uid = kith_arena_strdup(r->arena, uid_of(it, ub));
		if (!it->source)
			it->source = kith_disp_source(r, j, it->pos);
	}
}

/* The query, by kind, applied to an item of the full list, with the
 * arguments collecting it under the query used to pass. */
static int query_task(due_ctx *x, const item *it)
{
	const kith_journal *j = x->j;
	const kith_followup *fu = &j->followups.v[it->a];
	kith_fu f = {.source = KITH_FU_TASK,
	             .interaction = fu->interaction,
	             .followup = it->a};
	kith_ref one;
	kith_refs who = kith_fu_who(j, &f, &one);
	return passes_fu(x, fu->interaction, &who);
}

static int query_owed(due_ctx *x, const item *it)
{
	/* The owed contact is who it concerns. */
	kith_fu f = {.source = KITH_FU_RULE,
	             .interaction = it->a,
	             .followup = KITH_NONE,
	             .contact = it->b};
	kith_ref owed;
	kith_refs to = kith_fu_who(x->j, &f, &owed);
	return passes_fu(x, it->a, &to);
}

static int query_contact(due_ctx *x, const item *it)
{
	return passes_contact(x, it->a);
}

static int query_action(due_ctx *x, const item *it)
{
	return passes_action(x, x->j->goals.v[it->a].actions.v[it->b].text.s);
}

static int query_event(due_ctx *x, const item *it)
{
	int failed = 0;
	int m = kith_query_match_event(x->j, x->o->query, it->a, &failed);
	return counted(x, m, failed);
}

static int (*const query_by_kind[KITH_DUE__COUNT])(due_ctx *, const item *) = {
    [KITH_DUE_TASK] = query_task,       [KITH_DUE_OWED] = query_owed,
    [KITH_DUE_CADENCE] = query_contact, [KITH_DUE_ACTION] = query_action,
    [KITH_DUE_EVENT] = query_event,     [KITH_DUE_BIRTHDAY] = query_contact,
};

/* Indexes of the full list's items in the window that pass the query
 * (the window first: only items in it count toward the limit warning). */
static uint32_t *in_window(due_ctx *x, const items *all, uint32_t *n)
{
	uint32_t *keep = kith_xcalloc(all->n ? all->n : 1, sizeof *keep);
	*n = 0;
	for (uint32_t i = 0; i < all->n; i++) {
		const item *it = &all->v[i];
		if (it->state == ST_UPCOMING && it->date > x->until)
			continue;
		if (x->o->query && !query_by_kind[it->kind](x, it))
			continue;
		keep[(*n)++] = i;
	}
	return keep;
}

kith_report *kith_compute_due(const kith_journal *j, const kith_opts *o)
{
	kith_opts oo = *o;
	/* The CLI defaults --within to 14d; 0d means today only. */
	if (oo.within.n < 0)
		oo.within = (kith_dur){14, KITH_UNIT_DAY};
	kith_report *r = kith_report_new("due", oo.as_of);
	kith_disp_init(r, j, &oo);
	char day[11], within[16];
	kith_date_fmt(oo.as_of, day);
	kith_dur_fmt(oo.within, within);
	r->title = kith_arena_printf(r->arena, "Due as of %s", day);
	kith_report_fact(r, "as of", day);
	kith_report_fact(r, "window", within);
	if (oo.query_text && *oo.query_text)
		kith_report_fact(r, "query", oo.query_text);

	/* Ids and uids are unique among all open items, whatever the window
	 * and the query: an item keeps them in every listing, so an id read
	 * from one listing closes the same item later.
	 * The listing is that full list cut to the window and the query. */
	kith_due_items all = {0};
	all_items(j, &oo, r, &all);
	due_ctx x = {.j = j,
	             .o = &oo,
	             .r = r,
	             .as_of = oo.as_of,
	             .until = kith_dur_add(oo.as_of, oo.within)};
	uint32_t n = 0;
	uint32_t *keep = in_window(&x, &all, &n);
	n = keep_types_states(&x, &all, keep, n);
	emit(&x, &all, keep, n);
	free(keep);
	if (oo.due_done)
		kith_due_done(j, &oo, r);
	kith_disp_limit_warning(r, x.limit_hits);
	return r;
}
