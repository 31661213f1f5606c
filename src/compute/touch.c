/* Touches and stay-in-touch: the last and first touch of every contact as
 * of a date, how often we were in touch, and where each stands against its
 * cadence. One pass over interactions, one over contacts. */
#include <stdlib.h>
#include <string.h>

#include "compute/compute.h"

uint32_t kith_interaction_kind(const kith_journal *j, uint32_t ix)
{
	const kith_interaction *in = &j->interactions.v[ix];
	kith_str name = kith_ix_kind(in).s;
	if (!name.p)
		name = kith_str_c("note");
	uint32_t k = in->kind_idx;

	/* Trust check's index, but fall back to the name when it is stale. */
	if (k >= j->kinds.n || !kith_str_eq(j->kinds.v[k].name, name))
		k = kith_find_kind(j, name);
	return k < j->kinds.n ? k : KITH_NONE;
}

int kith_interaction_touches(const kith_journal *j, uint32_t ix)
{
	uint32_t k = kith_interaction_kind(j, ix);
	/* Unknown kinds (check reported them) do not count as contact. */
	return k != KITH_NONE && j->kinds.v[k].touch;
}

/* The contact a name refers to, remembered by the address of the name's
 * one copy (kith_memo). */
static uint32_t seen_contact(const kith_journal *j, kith_memo *seen, kith_str h)
{
	uint32_t c;
	if (kith_memo_get(seen, h, &c))
		return c;
	c = kith_find_contact(j, h);
	kith_memo_put(seen, h, c);
	return c;
}

void kith_parts_init(kith_parts *p, const kith_journal *j)
{
	uint32_t n = j->interactions.n, total = 0, cap = n * 2 + 16;
	p->off = kith_xcalloc((size_t)n + 1, sizeof *p->off);
	p->kind = kith_xcalloc(n ? n : 1, sizeof *p->kind);
	p->date = kith_xcalloc(n ? n : 1, sizeof *p->date);
	p->c = kith_xmalloc((size_t)cap * sizeof *p->c);
	kith_memo seen;
	kith_memo_init(&seen, j->contacts.n);
	/* One pass over the records: each is read once. */
	for (uint32_t i = 0; i < n; i++) {
		const kith_interaction *ix = &j->interactions.v[i];
		p->off[i] = total;
		p->date[i] = ix->date;
		p->kind[i] = kith_interaction_kind(j, i);
		kith_refs with = kith_ix_with(ix);
		if (with.n > cap - total) {
			while (with.n > cap - total)
				cap *= 2;
			p->c = kith_xrealloc(p->c, (size_t)cap * sizeof *p->c);
		}
		for (uint32_t w = 0; w < with.n; w++) {
			kith_str h = with.v[w].s;
			uint32_t c = seen_contact(j, &seen, h);
			/* with: [alice, alice] touches alice once. */
			for (uint32_t k = 0; c != KITH_NONE && k < w; k++)
				if (kith_str_eq(with.v[k].s, h))
					c = KITH_NONE;
			p->c[total + w] = c;
		}
		total += with.n;
	}
	p->off[n] = total;
	kith_memo_free(&seen);
}

void kith_parts_free(kith_parts *p)
{
	free(p->off);
	free(p->c);
	free(p->kind);
	free(p->date);
	memset(p, 0, sizeof *p);
}

int kith_parts_touches(const kith_journal *j, const kith_parts *p, uint32_t ix)
{
	return p->kind[ix] != KITH_NONE && j->kinds.v[p->kind[ix]].touch;
}

uint32_t kith_participant(const kith_journal *j, const kith_interaction *ix,
                          uint32_t i)
{
	kith_refs with = kith_ix_with(ix);
	uint32_t c = kith_find_contact(j, with.v[i].s);

	if (c == KITH_NONE)
		return KITH_NONE;
	/* with: [alice, alice] touches alice once. */
	for (uint32_t k = 0; k < i; k++)
		if (kith_str_eq(with.v[k].s, with.v[i].s))
			return KITH_NONE;
	return c;
}

/* Own cadence, else the first role that has one. Returns the role index,
 * KITH_NONE for "own", or KITH_NONE - 1 for no cadence. */
static uint32_t cadence_source(const kith_journal *j, const kith_contact *c,
                               kith_cadence *out)
{
	if (c->has_cadence) {
		*out = c->cadence;
		return KITH_NONE;
	}
	for (uint32_t i = 0; i < c->roles.n; i++) {
		uint32_t r = kith_find_role(j, c->roles.v[i].s);
		if (r != KITH_NONE && j->roles.v[r].has_cadence) {
			*out = j->roles.v[r].cadence;
			return r;
		}
	}
	return KITH_NONE - 1;
}

/* Contact c (KITH_NONE: none) was in touch on day. */
static inline void touched(kith_touch *t, uint32_t c, kith_day day)
{
	if (c == KITH_NONE)
		return;
	kith_touch *tc = &t[c];
	tc->count++;
	if (tc->last_touch == KITH_NO_DAY || day > tc->last_touch)
		tc->last_touch = day;
	if (tc->first_touch == KITH_NO_DAY || day < tc->first_touch)
		tc->first_touch = day;
}

/* scan_interactions from the table alone. */
static void scan_parts(const kith_journal *j, const kith_parts *p,
                       kith_day as_of, kith_touch *t)
{
	for (uint32_t i = 0; i < j->interactions.n; i++) {
		kith_day d = p->date[i];
		if (d == KITH_NO_DAY || d > as_of ||
		    !kith_parts_touches(j, p, i))
			continue;
		for (uint32_t w = p->off[i]; w < p->off[i + 1]; w++)
			touched(t, p->c[w], d);
	}
}

static void scan_interactions(const kith_journal *j, const kith_parts *p,
                              kith_day as_of, kith_touch *t)
{
	if (p) {
		scan_parts(j, p, as_of, t);
		return;
	}
	for (uint32_t i = 0; i < j->interactions.n; i++) {
		const kith_interaction *ix = &j->interactions.v[i];
		if (ix->date == KITH_NO_DAY || ix->date > as_of ||
		    !kith_interaction_touches(j, i))
			continue;
		for (uint32_t w = 0; w < kith_ix_with(ix).n; w++)
			touched(&t[0], kith_participant(j, ix, w), ix->date);
	}
}

/* A contact never touched and never met is due now, and stays merely due:
 * there is no date to be late from. */
static void place(kith_touch *t, const kith_contact *c, kith_day as_of)
{
	kith_day base = t->last_touch;

	if (base == KITH_NO_DAY)
		base = c->met.day;
	if (base == KITH_NO_DAY) {
		kith_day gap = kith_dur_add(as_of, t->cadence.max) -
		               kith_dur_add(as_of, t->cadence.ideal);
		t->due_on = as_of;
		t->overdue_on = as_of + (gap > 0 ? gap : 1);
	} else {
		t->due_on = kith_dur_add(base, t->cadence.ideal);
		t->overdue_on = kith_dur_add(base, t->cadence.max);
		if (t->overdue_on < t->due_on)
			t->overdue_on = t->due_on;
	}
	if (as_of >= t->overdue_on)
		t->state = 2;
	else if (as_of >= t->due_on)
		t->state = 1;
	else
		t->state = 0;
}

int kith_cadence_state(const kith_contact *c, kith_cadence cadence,
                       kith_day last_touch, kith_day day)
{
	kith_touch t = {0};
	t.last_touch = last_touch;
	t.cadence = cadence;
	place(&t, c, day);
	return t.state;
}

kith_touch *kith_touch_compute(const kith_journal *j, kith_day as_of)
{
	return kith_touch_compute_p(j, NULL, as_of);
}

kith_touch *kith_touch_compute_p(const kith_journal *j, const kith_parts *p,
                                 kith_day as_of)
{
	uint32_t n = j->contacts.n;
	size_t pool = 0;

	/* Role names are slices; copy them NUL-terminated after the array so
	 * that one free() releases everything. */
	for (uint32_t c = 0; c < n; c++)
		for (uint32_t i = 0; i < j->contacts.v[c].roles.n; i++)
			pool += j->contacts.v[c].roles.v[i].s.n + 1;
	kith_touch *t = kith_xcalloc(1, (n ? n : 1) * sizeof(*t) + pool + 1);
	char *names = (char *)(t + (n ? n : 1));

	for (uint32_t c = 0; c < n; c++) {
		t[c].last_touch = KITH_NO_DAY;
		t[c].first_touch = KITH_NO_DAY;
		t[c].due_on = t[c].overdue_on = KITH_NO_DAY;
		t[c].state = -1;
	}
	scan_interactions(j, p, as_of, t);
	for (uint32_t c = 0; c < n; c++) {
		const kith_contact *ct = &j->contacts.v[c];
		kith_day met = ct->met.day;
		if (met != KITH_NO_DAY && met <= as_of &&
		    (t[c].first_touch == KITH_NO_DAY || met < t[c].first_touch))
			t[c].first_touch = met;
		uint32_t src = cadence_source(j, ct, &t[c].cadence);
		if (src == KITH_NONE - 1)
			continue;
		t[c].has_cadence = 1;
		if (src == KITH_NONE) {
			t[c].cadence_from = "own";
		} else {
			kith_str rn = j->roles.v[src].name;
			memcpy(names, rn.p, rn.n);
			names[rn.n] = '\0';
			t[c].cadence_from = names;
			names += rn.n + 1;
		}
		place(&t[c], ct, as_of);
	}
	return t;
}
