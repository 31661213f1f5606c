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
	kith_str kind = kith_ix_kind(ix).s;
	if (!kind.p || kind.n == 0)
		return kith_str_c("note");
	return kind;
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
	kith_str kind = kith_ix_kind(ix).s;
	long at = kind_tag_at(t, kind);
	if (at < 0)
		return t;
	uint32_t from = (uint32_t)at, to = from + 1 + kind.n;
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
	kith_refs with = kith_ix_with(ix), mentions = kith_ix_mentions(ix);
	for (uint32_t i = 0; i < with.n; i++)
		if (kith_str_eq(with.v[i].s, h))
			return 1;
	for (uint32_t i = 0; i < mentions.n; i++)
		if (kith_str_eq(mentions.v[i].s, h))
			return 2;
	return 0;
}

int kith_disp_at_event(const kith_journal *j, const kith_interaction *ix,
                       uint32_t e)
{
	const kith_ref *ev = kith_ix_event(ix);
	if (!ev->s.p)
		return 0;
	return kith_str_eq(ev->s, j->events.v[e].id);
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

static chrono_key chrono_key_of(const kith_journal *j, uint32_t i)
{
	const kith_interaction *ix = &j->interactions.v[i];
	return (chrono_key){ix->date, ix->minute, ix->file, ix->pos.line, i};
}

uint32_t kith_disp_chrono_from(const kith_journal *j, const uint32_t *chrono,
                               uint32_t n, kith_day d)
{
	uint32_t lo = 0, hi = n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (j->interactions.v[chrono[mid]].date < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

uint32_t *kith_disp_chrono(const kith_journal *j, uint32_t *n)
{
	uint32_t cnt = j->interactions.n;
	uint32_t *out = kith_xcalloc(cnt ? cnt : 1, sizeof(*out));
	*n = cnt;
	/* Journals are mostly written in order: then the order is the
	 * records' own, found without a table of keys (the order is the same
	 * either way, the keys being unique). */
	uint32_t k = 1;
	if (cnt) {
		chrono_key prev = chrono_key_of(j, 0), cur;
		for (; k < cnt; k++, prev = cur) {
			cur = chrono_key_of(j, k);
			if (chrono_cmp(&prev, &cur) >= 0)
				break;
		}
	}
	if (k >= cnt) {
		for (uint32_t i = 0; i < cnt; i++)
			out[i] = i;
		return out;
	}
	chrono_key *keys = kith_xcalloc(cnt, sizeof(*keys));
	for (uint32_t i = 0; i < cnt; i++)
		keys[i] = chrono_key_of(j, i);
	qsort(keys, cnt, sizeof(*keys), chrono_cmp);
	for (uint32_t i = 0; i < cnt; i++)
		out[i] = keys[i].idx;
	free(keys);
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

/* ---- task lines of a note ---- */

/* The start of line `rel` (0-based) of text t, or NULL past its end. */
static const char *note_line(kith_str t, uint32_t rel)
{
	const char *p = t.p, *end = t.p + t.n;
	while (rel--) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return NULL;
		p = nl + 1;
	}
	return p < end ? p : NULL;
}

/* The token whose value starts at column col of line ln (which ends at
 * end), as the grammar read it: the key ("due:", "done:") before the
 * value, the value up to the next blank; with the '(' before it when it
 * ends in ')' ("(due:+4d)"), so no bracket is left alone. NULL when the
 * line does not hold the key there. */
static const char *note_token(kith_report *r, const char *ln, const char *end,
                              uint32_t col, const char *key)
{
	size_t k = strlen(key);
	if (col < 1 + k || (size_t)(end - ln) < col - 1)
		return NULL;
	const char *p = ln + col - 1 - k, *e = p + k;
	if (memcmp(p, key, k) != 0)
		return NULL;
	while (e < end && *e != ' ' && *e != '\t' && *e != '\n' && *e != '\r')
		e++;
	if (p > ln && p[-1] == '(' && e[-1] == ')')
		p--;
	return kith_arena_strndup(r->arena, p, (size_t)(e - p));
}

/* The 0-based line of ix's notes that holds task f's text, -1 when it
 * is not in them. A Markdown task is a line of its entry's notes, which
 * start on line notes_line of the file: found by line, as the task's
 * text is a copy, not a slice of the notes. */
static int64_t note_line_of(const kith_interaction *ix, const kith_followup *f)
{
	kith_str t = ix->notes.s;
	if (!t.p || !ix->notes_line || f->text.pos.line < ix->notes_line)
		return -1;
	int64_t rel = f->text.pos.line - ix->notes_line;
	const char *ln = note_line(t, (uint32_t)rel);
	if (!ln || (size_t)(t.p + t.n - ln) < f->text.pos.col)
		return -1; /* an empty text at the notes' very end */
	return rel;
}

static void note_task(kith_row w, uint32_t col, const kith_interaction *ix,
                      const kith_followup *f, kith_day as_of)
{
	kith_str t = ix->notes.s;
	int64_t rel = note_line_of(ix, f);
	const char *ln = rel < 0 ? NULL : note_line(t, (uint32_t)rel);
	if (!ln)
		return;
	const char *end = t.p + t.n;
	kith_note_task nt = {0};
	nt.line = (uint32_t)rel + 1;
	nt.day = kith_fu_task_done(f, ix->date, as_of);
	nt.done = nt.day != KITH_NO_DAY;
	if (!nt.done) {
		nt.day = f->due.day;
		if (nt.day != KITH_NO_DAY && nt.day < as_of)
			nt.style = KITH_STYLE_BAD;
		else if (nt.day == as_of)
			nt.style = KITH_STYLE_WARN;
	}
	int k = 0;
	if (f->due.day != KITH_NO_DAY && f->due.pos.line == f->pos.line)
		nt.cut[k++] = note_token(w.r, ln, end, f->due.pos.col, "due:");
	/* a checked item's implicit done date sits on its marker */
	if (f->done.day != KITH_NO_DAY && f->done.pos.line == f->pos.line &&
	    f->done.pos.col != f->pos.col)
		nt.cut[k++] =
		    note_token(w.r, ln, end, f->done.pos.col, "done:");
	kith_row_note_task(w, col, &nt);
}

void kith_disp_note_tasks(kith_row w, uint32_t col, const kith_journal *j,
                          const kith_interaction *ix, kith_day as_of)
{
	uint32_t file = ix->file;
	if (!ix->notes.s.n || !ix->fu_count || file >= j->files.n ||
	    j->files.v[file].type != KITH_FILE_MD)
		return;
	for (uint32_t i = 0; i < ix->fu_count; i++) {
		uint32_t fi = ix->fu_first + i;
		if (fi >= j->followups.n)
			break;
		const kith_followup *f = &j->followups.v[fi];
		if (f->pos.file == file)
			note_task(w, col, ix, f, as_of);
	}
}
