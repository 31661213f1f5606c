/* Follow-up obligations as of a date: task items from the journal, and the
 * ones owed by follow-up rules (a thank-you after a coffee), each settled
 * by the first matching interaction with the same person. */
#include <stdlib.h>
#include <string.h>

#include "compute/compute.h"

/* A checked item without done: counts as done on its due date, else on its
 * entry date (docs/format.md; the Markdown loader fills that date in at the
 * item's own position). Completion after as_of is not yet done, except for
 * such an implicit date lying ahead: the item is ticked, so it is done, and
 * it is counted on that date. */
kith_day kith_fu_task_done(const kith_followup *f, kith_day entry,
                           kith_day as_of)
{
	int implicit = f->checked && (f->done.day == KITH_NO_DAY ||
	                              (f->done.pos.line == f->pos.line &&
	                               f->done.pos.col == f->pos.col));
	if (!implicit)
		return f->done.day != KITH_NO_DAY && f->done.day <= as_of
		           ? f->done.day
		           : KITH_NO_DAY;
	if (f->done.day != KITH_NO_DAY)
		return f->done.day;
	return f->due.day != KITH_NO_DAY ? f->due.day : entry;
}

/* open_only: obligations not done as of as_of, and no others (due lists
 * only those: the done ones of a long journal are most of them). */
static void add_tasks(const kith_journal *j, kith_day as_of, int open_only,
                      kith_fus *out)
{
	for (uint32_t i = 0; i < j->followups.n; i++) {
		const kith_followup *f = &j->followups.v[i];
		kith_day entry = KITH_NO_DAY;
		if (f->interaction < j->interactions.n)
			entry = j->interactions.v[f->interaction].date;
		/* An entry dated after as_of has not happened yet. */
		if (entry != KITH_NO_DAY && entry > as_of)
			continue;
		kith_day done = kith_fu_task_done(f, entry, as_of);
		if (open_only && done != KITH_NO_DAY)
			continue;
		kith_fu *o = kith_vec_push(out);
		o->source = KITH_FU_TASK;
		o->interaction = f->interaction;
		o->followup = i;
		o->rule = KITH_NONE;
		o->contact = KITH_NONE;
		o->settled_by = KITH_NONE;
		o->due = f->due.day;
		o->done = done;
		o->late = o->done != KITH_NO_DAY && o->due != KITH_NO_DAY &&
		          o->done > o->due;
	}
}

/* Interactions of the rules' expected kinds, per contact, sorted by
 * (kind, date, index): one binary search finds what settles a trigger. */
typedef struct {
	uint32_t kind;
	kith_day date;
	uint32_t ix;
} slot;
typedef struct {
	uint32_t *start; /* contacts.n + 1 offsets into slots */
	slot *slots;
} settle_index;

static int slot_cmp(const void *a, const void *b)
{
	const slot *x = a, *y = b;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return x->ix < y->ix ? -1 : x->ix > y->ix;
}

static uint32_t rule_expect(const kith_journal *j, const kith_rule *r)
{
	uint32_t k = r->expect_kind;
	if (k >= j->kinds.n || !kith_str_eq(j->kinds.v[k].name, r->expect.s))
		k = kith_find_kind(j, r->expect.s);
	return k;
}

/* Participant w of interaction i: from p, else looked up. */
static uint32_t participant(const kith_journal *j, const kith_parts *p,
                            uint32_t i, uint32_t w)
{
	return p ? p->c[p->off[i] + w]
	         : kith_participant(j, &j->interactions.v[i], w);
}

static void build_index(const kith_journal *j, const kith_parts *p,
                        kith_day as_of, const uint8_t *expected,
                        const uint32_t *kinds, settle_index *x)
{
	uint32_t nc = j->contacts.n;
	x->start = kith_xcalloc(nc + 2, sizeof(uint32_t));
	/* Pass 1 counts per contact, pass 2 fills (counting sort). */
	for (int pass = 0; pass < 2; pass++) {
		for (uint32_t i = 0; i < j->interactions.n; i++) {
			const kith_interaction *in = &j->interactions.v[i];
			if (kinds[i] == KITH_NONE || !expected[kinds[i]] ||
			    in->date == KITH_NO_DAY || in->date > as_of)
				continue;
			for (uint32_t w = 0; w < in->with.n; w++) {
				uint32_t c = participant(j, p, i, w);
				if (c == KITH_NONE)
					continue;
				if (pass == 0)
					x->start[c + 2]++;
				else
					x->slots[x->start[c + 1]++] =
					    (slot){kinds[i], in->date, i};
			}
		}
		if (pass == 0) {
			/* start[c + 2] held counts; shift into offsets so
			 * that start[c + 1] is c's fill cursor. */
			for (uint32_t c = 0; c < nc; c++)
				x->start[c + 2] += x->start[c + 1];
			x->slots =
			    kith_xcalloc(x->start[nc + 1] + 1, sizeof(slot));
		}
	}
	/* After filling, start[c + 1] is c's end, start[c] its beginning. */
	for (uint32_t c = 0; c < nc; c++)
		qsort(x->slots + x->start[c], x->start[c + 1] - x->start[c],
		      sizeof(slot), slot_cmp);
}

/* The first interaction of kind k with contact c dated on or after day,
 * other than the trigger itself; KITH_NONE if none. */
static const slot *settler(const settle_index *x, uint32_t c, uint32_t k,
                           kith_day day, uint32_t trigger)
{
	uint32_t lo = x->start[c], hi = x->start[c + 1];
	slot key = {k, day, 0};
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (slot_cmp(&x->slots[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < x->start[c + 1] && x->slots[lo].kind == k; lo++)
		if (x->slots[lo].ix != trigger)
			return &x->slots[lo];
	return NULL;
}

static void add_owed(const kith_journal *j, const kith_parts *p, uint32_t ri,
                     uint32_t expect, const uint32_t *kinds,
                     const settle_index *x, kith_day as_of, int open_only,
                     kith_fus *out)
{
	const kith_rule *r = &j->rules.v[ri];
	uint8_t *after = kith_xcalloc(j->kinds.n + 1, 1);
	for (uint32_t a = 0; a < r->after.n; a++) {
		uint32_t k = kith_find_kind(j, r->after.v[a].s);
		if (k != KITH_NONE && k < j->kinds.n)
			after[k] = 1;
	}
	for (uint32_t i = 0; i < j->interactions.n; i++) {
		const kith_interaction *in = &j->interactions.v[i];
		if (kinds[i] == KITH_NONE || !after[kinds[i]] ||
		    in->date == KITH_NO_DAY || in->date > as_of)
			continue;
		for (uint32_t w = 0; w < in->with.n; w++) {
			uint32_t c = participant(j, p, i, w);
			if (c == KITH_NONE)
				continue;
			const slot *s = settler(x, c, expect, in->date, i);
			if (s && open_only)
				continue;
			kith_fu *o = kith_vec_push(out);
			o->source = KITH_FU_RULE;
			o->interaction = i;
			o->followup = KITH_NONE;
			o->rule = ri;
			o->contact = c;
			o->due = kith_dur_add(in->date, r->within);
			o->done = KITH_NO_DAY;
			o->settled_by = KITH_NONE;
			if (s) {
				o->done = s->date;
				o->settled_by = s->ix;
				o->late = s->date > o->due;
			}
		}
	}
	free(after);
}

static void add_rules(const kith_journal *j, const kith_parts *p,
                      kith_day as_of, int open_only, kith_fus *out)
{
	if (j->rules.n == 0 || j->kinds.n == 0)
		return;
	uint8_t *expected = kith_xcalloc(j->kinds.n + 1, 1);
	uint32_t *expects = kith_xcalloc(j->rules.n, sizeof(uint32_t));
	int any = 0;
	for (uint32_t r = 0; r < j->rules.n; r++) {
		expects[r] = rule_expect(j, &j->rules.v[r]);
		if (expects[r] != KITH_NONE && expects[r] < j->kinds.n)
			expected[expects[r]] = any = 1;
	}
	if (any) {
		uint32_t n = j->interactions.n, *own = NULL;
		const uint32_t *kinds = p ? p->kind : NULL;
		if (!p) {
			own = kith_xcalloc(n ? n : 1, sizeof(uint32_t));
			for (uint32_t i = 0; i < n; i++)
				own[i] = kith_interaction_kind(j, i);
			kinds = own;
		}
		settle_index x = {0};
		build_index(j, p, as_of, expected, kinds, &x);
		for (uint32_t r = 0; r < j->rules.n; r++)
			if (expects[r] != KITH_NONE && expects[r] < j->kinds.n)
				add_owed(j, p, r, expects[r], kinds, &x, as_of,
				         open_only, out);
		free(x.start);
		free(x.slots);
		free(own);
	}
	free(expected);
	free(expects);
}

static int fu_cmp(const void *a, const void *b)
{
	const kith_fu *x = a, *y = b;
	/* Undated obligations go last. */
	if (x->due != y->due) {
		if (x->due == KITH_NO_DAY)
			return 1;
		if (y->due == KITH_NO_DAY)
			return -1;
		return x->due < y->due ? -1 : 1;
	}
	if (x->interaction != y->interaction)
		return x->interaction < y->interaction ? -1 : 1;
	if (x->source != y->source)
		return x->source < y->source ? -1 : 1;
	if (x->followup != y->followup)
		return x->followup < y->followup ? -1 : 1;
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	return x->contact < y->contact ? -1 : x->contact > y->contact;
}

kith_refs kith_fu_who(const kith_journal *j, const kith_fu *f, kith_ref *one)
{
	*one = (kith_ref){{0}, {0}, 0};
	if (f->source == KITH_FU_RULE) {
		if (f->contact >= j->contacts.n)
			return (kith_refs){0};
		one->s = j->contacts.v[f->contact].handle;
		return (kith_refs){one, 1, 1};
	}
	if (f->followup < j->followups.n && j->followups.v[f->followup].who.n)
		return j->followups.v[f->followup].who;
	if (f->interaction < j->interactions.n)
		return j->interactions.v[f->interaction].with;
	return (kith_refs){0};
}

const char *kith_fu_who_text(kith_report *r, const kith_journal *j,
                             const kith_fu *f, int redact)
{
	kith_ref one;
	kith_refs who = kith_fu_who(j, f, &one);
	return kith_disp_who_list(r, j, &who, redact);
}

void kith_fu_compute(const kith_journal *j, kith_day as_of, kith_fus *out)
{
	kith_fu_compute_p(j, NULL, as_of, out);
}

static void fu_compute(const kith_journal *j, const kith_parts *p,
                       kith_day as_of, int open_only, kith_fus *out)
{
	add_tasks(j, as_of, open_only, out);
	add_rules(j, p, as_of, open_only, out);
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), fu_cmp);
}

void kith_fu_compute_p(const kith_journal *j, const kith_parts *p,
                       kith_day as_of, kith_fus *out)
{
	fu_compute(j, p, as_of, 0, out);
}

void kith_fu_compute_open(const kith_journal *j, const kith_parts *p,
                          kith_day as_of, kith_fus *out)
{
	fu_compute(j, p, as_of, 1, out);
}
