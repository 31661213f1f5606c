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

/* The task item f (index i, of an entry dated entry) as an obligation as
 * of as_of; 0 when it does
 * not count: its entry has not happened yet, or open_only and it is done.
 * open_only: obligations not done as of as_of, and no others (due lists
 * only those: the done ones of a long journal are most of them). */
static int task_fu(const kith_journal *j, uint32_t i, kith_day entry,
                   kith_day as_of, int open_only, kith_fu *o)
{
	const kith_followup *f = &j->followups.v[i];
	/* An entry dated after as_of has not happened yet. */
	if (entry != KITH_NO_DAY && entry > as_of)
		return 0;
	kith_day done = kith_fu_task_done(f, entry, as_of);
	if (open_only && done != KITH_NO_DAY)
		return 0;
	memset(o, 0, sizeof *o);
	o->source = KITH_FU_TASK;
	o->interaction = f->interaction;
	o->followup = i;
	o->rule = KITH_NONE;
	o->contact = KITH_NONE;
	o->settled_by = KITH_NONE;
	o->due = f->due.day;
	o->done = done;
	o->late =
	    o->done != KITH_NO_DAY && o->due != KITH_NO_DAY && o->done > o->due;
	return 1;
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

static void build_index(const kith_journal *j, const kith_parts *p,
                        kith_day as_of, const uint8_t *expected,
                        const uint32_t *kinds, settle_index *x)
{
	uint32_t nc = j->contacts.n;
	x->start = kith_xcalloc(nc + 2, sizeof(uint32_t));
	/* Pass 1 counts per contact, pass 2 fills (counting sort). */
	for (int pass = 0; pass < 2; pass++) {
		for (uint32_t i = 0; i < j->interactions.n; i++) {
			kith_day d = p->date[i];
			if (kinds[i] == KITH_NONE || !expected[kinds[i]] ||
			    d == KITH_NO_DAY || d > as_of)
				continue;
			for (uint32_t w = p->off[i]; w < p->off[i + 1]; w++) {
				uint32_t c = p->c[w];
				if (c == KITH_NONE)
					continue;
				if (pass == 0)
					x->start[c + 2]++;
				else
					x->slots[x->start[c + 1]++] =
					    (slot){kinds[i], d, i};
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

/* What the rules need, found once for all of them: each rule's expected
 * kind, the rules each kind triggers (in rule order), the settling index. */
typedef struct {
	const kith_journal *j;
	const kith_parts *p;
	kith_day as_of;
	int open_only;
	uint32_t *expect;   /* per rule */
	uint32_t *trig_off; /* kinds.n + 1 offsets into trig */
	uint32_t *trig;     /* rule indexes */
	settle_index x;
	KITH_VEC(uint32_t) cs; /* one interaction's contacts, sorted */
} rules_ctx;

/* Which kinds trigger which rules; 0 when no rule can owe anything. */
static int rules_init(rules_ctx *rc)
{
	const kith_journal *j = rc->j;
	uint32_t nk = j->kinds.n, nr = j->rules.n;
	if (nr == 0 || nk == 0)
		return 0;
	uint8_t *expected = kith_xcalloc(nk + 1, 1);
	uint8_t *after = kith_xcalloc((size_t)nr * nk, 1);
	rc->expect = kith_xcalloc(nr, sizeof(uint32_t));
	rc->trig_off = kith_xcalloc((size_t)nk + 2, sizeof(uint32_t));
	int any = 0;
	uint32_t total = 0;
	for (uint32_t r = 0; r < nr; r++) {
		const kith_rule *ru = &j->rules.v[r];
		rc->expect[r] = rule_expect(j, ru);
		if (rc->expect[r] == KITH_NONE || rc->expect[r] >= nk)
			continue;
		expected[rc->expect[r]] = any = 1;
		for (uint32_t a = 0; a < ru->after.n; a++) {
			uint32_t k = kith_find_kind(j, ru->after.v[a].s);
			if (k != KITH_NONE && k < nk &&
			    !after[(size_t)r * nk + k])
				after[(size_t)r * nk + k] = 1, total++;
		}
	}
	rc->trig = kith_xcalloc(total + 1, sizeof(uint32_t));
	for (uint32_t k = 0, t = 0; k < nk; k++) {
		rc->trig_off[k] = t;
		for (uint32_t r = 0; r < nr; r++)
			if (after[(size_t)r * nk + k])
				rc->trig[t++] = r;
		rc->trig_off[k + 1] = t;
	}
	if (any)
		build_index(j, rc->p, rc->as_of, expected, rc->p->kind, &rc->x);
	free(expected);
	free(after);
	return any;
}

static void rules_free(rules_ctx *rc)
{
	free(rc->expect);
	free(rc->trig_off);
	free(rc->trig);
	free(rc->x.start);
	free(rc->x.slots);
	kith_vec_free(&rc->cs);
}

static int u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* The participants of interaction i, in contact order. */
static void sorted_contacts(rules_ctx *rc, uint32_t i)
{
	const kith_parts *p = rc->p;
	rc->cs.n = 0;
	for (uint32_t w = p->off[i]; w < p->off[i + 1]; w++)
		if (p->c[w] != KITH_NONE)
			*kith_vec_push(&rc->cs) = p->c[w];
	uint32_t *v = rc->cs.v, n = rc->cs.n;
	if (n > 16) {
		qsort(v, n, sizeof *v, u32_cmp);
		return;
	}
	for (uint32_t a = 1; a < n; a++)
		for (uint32_t b = a; b > 0 && v[b - 1] > v[b]; b--) {
			uint32_t t = v[b];
			v[b] = v[b - 1], v[b - 1] = t;
		}
}

/* What the rules owe after interaction i, in (rule, contact) order. */
static void add_owed(rules_ctx *rc, uint32_t i, kith_fus *out)
{
	const kith_journal *j = rc->j;
	uint32_t k = rc->p->kind[i];
	kith_day date = rc->p->date[i];
	if (k == KITH_NONE || rc->trig_off[k] == rc->trig_off[k + 1] ||
	    date == KITH_NO_DAY || date > rc->as_of)
		return;
	sorted_contacts(rc, i);
	for (uint32_t t = rc->trig_off[k]; t < rc->trig_off[k + 1]; t++) {
		uint32_t ri = rc->trig[t];
		const kith_rule *r = &j->rules.v[ri];
		kith_day due = kith_dur_add(date, r->within);
		for (uint32_t ci = 0; ci < rc->cs.n; ci++) {
			uint32_t c = rc->cs.v[ci];
			const slot *s =
			    settler(&rc->x, c, rc->expect[ri], date, i);
			if (s && rc->open_only)
				continue;
			kith_fu *o = kith_vec_push(out);
			o->source = KITH_FU_RULE;
			o->interaction = i;
			o->followup = KITH_NONE;
			o->rule = ri;
			o->contact = c;
			o->due = due;
			o->done = KITH_NO_DAY;
			o->settled_by = KITH_NONE;
			if (s) {
				o->done = s->date;
				o->settled_by = s->ix;
				o->late = s->date > o->due;
			}
		}
	}
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
		return kith_ix_with(&j->interactions.v[f->interaction]);
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

/* Task items of no interaction, in (interaction, index) order. */
typedef struct {
	uint32_t interaction, followup;
} orphan;

static int orphan_cmp(const void *a, const void *b)
{
	const orphan *x = a, *y = b;
	if (x->interaction != y->interaction)
		return x->interaction < y->interaction ? -1 : 1;
	return x->followup < y->followup ? -1 : x->followup > y->followup;
}

/* Every obligation in fu_cmp's order but for the due date: by interaction,
 * its tasks (in index order) before what its rules owe (by rule, then
 * contact); task items of no interaction last. */
static void generate(const kith_journal *j, rules_ctx *rc, int rules,
                     kith_fus *out)
{
	uint32_t n = j->interactions.n, nf = j->followups.n, no = 0;
	uint32_t *start = kith_xcalloc((size_t)n + 2, sizeof(uint32_t));
	uint32_t *byix = kith_xcalloc(nf ? nf : 1, sizeof(uint32_t));
	orphan *orphans = NULL;
	int in_order = 1; /* as the loader makes them: no need to move them */
	for (uint32_t f = 0, last = 0; f < nf; f++) {
		uint32_t i = j->followups.v[f].interaction;
		if (i < n)
			start[i + 2]++;
		else
			no++;
		in_order &= i < n && i >= last;
		last = i;
	}
	for (uint32_t i = 0; i < n; i++)
		start[i + 2] += start[i + 1];
	if (in_order) {
		/* what the fill below leaves: start[i + 1] is i's end */
		memmove(start + 1, start + 2, (size_t)n * sizeof *start);
		for (uint32_t f = 0; f < nf; f++)
			byix[f] = f;
	}
	if (no)
		orphans = kith_xcalloc(no, sizeof *orphans);
	no = 0;
	for (uint32_t f = 0; !in_order && f < nf; f++) {
		uint32_t i = j->followups.v[f].interaction;
		if (i < n)
			byix[start[i + 1]++] = f;
		else
			orphans[no++] = (orphan){i, f};
	}
	kith_fu o;
	for (uint32_t i = 0; i < n; i++) {
		kith_day entry = KITH_NO_DAY;
		if (start[i] < start[i + 1])
			entry = rc->p->date ? rc->p->date[i]
			                    : j->interactions.v[i].date;
		for (uint32_t t = start[i]; t < start[i + 1]; t++)
			if (task_fu(j, byix[t], entry, rc->as_of, rc->open_only,
			            &o))
				*kith_vec_push(out) = o;
		if (rules)
			add_owed(rc, i, out);
	}
	if (no > 1)
		qsort(orphans, no, sizeof *orphans, orphan_cmp);
	for (uint32_t t = 0; t < no; t++)
		if (task_fu(j, orphans[t].followup, KITH_NO_DAY, rc->as_of,
		            rc->open_only, &o))
			*kith_vec_push(out) = o;
	free(orphans);
	free(byix);
	free(start);
}

/* Stable counting sort of in (in fu_cmp's order but for the due date) by
 * due date, undated last, moved into the empty out: fu_cmp's order. A span of
 * dates far wider than the list falls back to qsort. */
static void sort_by_due(kith_fus *in, kith_fus *out)
{
	kith_day lo = INT32_MAX, hi = INT32_MIN;
	for (uint32_t i = 0; i < in->n; i++) {
		kith_day d = in->v[i].due;
		if (d == KITH_NO_DAY)
			continue;
		lo = d < lo ? d : lo;
		hi = d > hi ? d : hi;
	}
	uint64_t span = lo <= hi ? (uint64_t)((int64_t)hi - lo) + 1 : 0;
	if (span > (uint64_t)in->n * 4 + 4096) {
		qsort(in->v, in->n, sizeof *in->v, fu_cmp);
		kith_vec_free(out);
		*out = *in;
		*in = (kith_fus){0};
		return;
	}
	/* count[d - lo + 1]; undated in the last bucket */
	uint32_t *count = kith_xcalloc(span + 2, sizeof(uint32_t));
	for (uint32_t i = 0; i < in->n; i++) {
		kith_day d = in->v[i].due;
		count[d == KITH_NO_DAY ? span + 1 : (uint64_t)(d - lo) + 1]++;
	}
	for (uint64_t b = 1; b <= span + 1; b++)
		count[b] += count[b - 1];
	/* Each one's place, then moved there in place along the cycles of
	 * the permutation: 4 bytes a follow-up of room, not a second list
	 * (20 MB at a million entries). */
	uint32_t *to = kith_xmalloc((in->n ? in->n : 1) * sizeof *to);
	for (uint32_t i = 0; i < in->n; i++) {
		kith_day d = in->v[i].due;
		uint64_t b = d == KITH_NO_DAY ? span : (uint64_t)(d - lo);
		to[i] = count[b]++;
	}
	free(count);
	for (uint32_t i = 0; i < in->n; i++)
		while (to[i] != i) {
			uint32_t t = to[i];
			kith_fu f = in->v[t];
			in->v[t] = in->v[i];
			in->v[i] = f;
			to[i] = to[t];
			to[t] = t;
		}
	free(to);
	/* out is empty (see fu_compute) */
	kith_vec_free(out);
	*out = *in;
	*in = (kith_fus){0};
}

static void fu_compute(const kith_journal *j, const kith_parts *p,
                       kith_day as_of, int open_only, kith_fus *out)
{
	kith_parts own = {0};
	rules_ctx rc = {0};
	rc.j = j, rc.as_of = as_of, rc.open_only = open_only;
	rc.p = p ? p : &own;
	if (!p && j->rules.n && j->kinds.n)
		kith_parts_init(&own, j);
	int rules = rules_init(&rc);
	kith_fus gen = {0};
	generate(j, &rc, rules, &gen);
	if (out->n == 0 && gen.n < 2) {
		kith_vec_free(out);
		*out = gen;
		gen = (kith_fus){0};
	} else if (out->n == 0) {
		sort_by_due(&gen, out);
	} else {
		/* Obligations already there: sorted together with them. */
		for (uint32_t i = 0; i < gen.n; i++)
			*kith_vec_push(out) = gen.v[i];
		qsort(out->v, out->n, sizeof *out->v, fu_cmp);
	}
	kith_vec_free(&gen);
	rules_free(&rc);
	if (!p && j->rules.n && j->kinds.n)
		kith_parts_free(&own);
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
