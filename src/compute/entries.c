/* Which journal entries concern what, and in what order: an interaction's
 * kind, whom it involves and at which event; register order of
 * interactions and date order of events; what an obligation asks for and
 * whom it concerns. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "compute/compute.h"

kith_str kith_disp_kind(const kith_interaction *ix)
{
	if (!ix->kind.s.p || ix->kind.s.n == 0)
		return kith_str_c("note");
	return ix->kind.s;
}

static int tag_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/* Whether t from i on holds only hashtags and blanks. */
static int only_tags_from(kith_str t, uint32_t i)
{
	while (i < t.n) {
		if (t.p[i] == ' ' || t.p[i] == '\t') {
			i++;
			continue;
		}
		if (t.p[i] != '#')
			return 0;
		for (i++; i < t.n && tag_char(t.p[i]); i++)
			;
	}
	return 1;
}

/* Where "#kind" starts in t as a whole hashtag among the title's trailing
 * hashtags, or -1. A hashtag inside the sentence is one of its words and
 * stays ("Second #coffee with @eli"). */
static long kind_tag_at(kith_str t, kith_str k)
{
	for (uint32_t i = 0; k.n && i + 1 + k.n <= t.n; i++) {
		if (t.p[i] != '#' ||
		    (i && t.p[i - 1] != ' ' && t.p[i - 1] != '\t'))
			continue;
		uint32_t e = i + 1 + k.n;
		if (strncasecmp(t.p + i + 1, k.p, k.n) == 0 &&
		    (e == t.n || !tag_char(t.p[e])) && only_tags_from(t, e))
			return (long)i;
	}
	return -1;
}

kith_str kith_disp_title(kith_report *r, const kith_interaction *ix)
{
	kith_str t = ix->title.s;
	long at = kind_tag_at(t, ix->kind.s);
	if (at < 0)
		return t;
	uint32_t from = (uint32_t)at, to = from + 1 + ix->kind.s.n;
	/* the space before the tag goes with it; at the start, the one after */
	while (from > 0 && (t.p[from - 1] == ' ' || t.p[from - 1] == '\t'))
		from--;
	if (from == 0)
		while (to < t.n && (t.p[to] == ' ' || t.p[to] == '\t'))
			to++;
	char *s = kith_arena_alloc(r->arena, t.n - (to - from) + 1);
	memcpy(s, t.p, from);
	memcpy(s + from, t.p + to, t.n - to);
	kith_str out = {s, t.n - (to - from)};
	return out.n ? out : t;
}

int kith_disp_involves(const kith_journal *j, const kith_interaction *ix,
                       uint32_t c)
{
	kith_str h = j->contacts.v[c].handle;
	for (uint32_t i = 0; i < ix->with.n; i++)
		if (kith_str_eq(ix->with.v[i].s, h))
			return 1;
	for (uint32_t i = 0; i < ix->mentions.n; i++)
		if (kith_str_eq(ix->mentions.v[i].s, h))
			return 2;
	return 0;
}

int kith_disp_at_event(const kith_journal *j, const kith_interaction *ix,
                       uint32_t e)
{
	if (!ix->event.s.p)
		return 0;
	return kith_str_eq(ix->event.s, j->events.v[e].id);
}

typedef struct {
	kith_day date;
	int minute;
	uint32_t file, line, idx;
} chrono_key;

static int chrono_cmp(const void *a, const void *b)
{
	const chrono_key *x = a, *y = b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->minute != y->minute)
		return x->minute < y->minute ? -1 : 1;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

uint32_t *kith_disp_chrono(const kith_journal *j, uint32_t *n)
{
	uint32_t cnt = j->interactions.n;
	chrono_key *keys = kith_xcalloc(cnt ? cnt : 1, sizeof(*keys));
	for (uint32_t i = 0; i < cnt; i++) {
		const kith_interaction *ix = &j->interactions.v[i];
		keys[i] = (chrono_key){ix->date, ix->minute, ix->file,
		                       ix->pos.line, i};
	}
	qsort(keys, cnt, sizeof(*keys), chrono_cmp);
	uint32_t *out = kith_xcalloc(cnt ? cnt : 1, sizeof(*out));
	for (uint32_t i = 0; i < cnt; i++)
		out[i] = keys[i].idx;
	free(keys);
	*n = cnt;
	return out;
}

const char *kith_disp_fu_text(kith_report *r, const kith_journal *j,
                              const kith_fu *f, int redact)
{
	if (f->source == KITH_FU_TASK && f->followup < j->followups.n)
		return kith_redact_text(
		    r, j, j->followups.v[f->followup].text.s, redact);
	kith_str kind = kith_str_c("follow-up");
	if (f->rule < j->rules.n && j->rules.v[f->rule].expect.s.p)
		kind = j->rules.v[f->rule].expect.s;
	return kith_arena_printf(r->arena, "%.*s to %s", KITH_S(kind),
	                         kith_who(r, j, f->contact, redact));
}

int kith_disp_fu_concerns(const kith_journal *j, const kith_fu *f, uint32_t c)
{
	kith_ref one;
	kith_refs who = kith_fu_who(j, f, &one);
	for (uint32_t i = 0; i < who.n; i++)
		if (kith_find_contact(j, who.v[i].s) == c)
			return 1;
	return 0;
}

typedef struct {
	kith_day date;
	kith_str id;
	uint32_t idx;
} event_key;

static int event_cmp(const void *a, const void *b)
{
	const event_key *x = a, *y = b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	int c = kith_str_cmp(x->id, y->id);
	return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

uint32_t *kith_disp_events_by_date(const kith_journal *j)
{
	uint32_t n = j->events.n;
	event_key *keys = kith_xcalloc(n ? n : 1, sizeof(*keys));
	for (uint32_t i = 0; i < n; i++)
		keys[i] =
		    (event_key){j->events.v[i].date.day, j->events.v[i].id, i};
	qsort(keys, n, sizeof(*keys), event_cmp);
	uint32_t *out = kith_xcalloc(n ? n : 1, sizeof(*out));
	for (uint32_t i = 0; i < n; i++)
		out[i] = keys[i].idx;
	free(keys);
	return out;
}
