/* Where each contact, goal and event is defined and named: built from the
 * positions the loaders recorded (participants, mentions, follow-ups,
 * metadata, YAML references), plus @handles inside YAML text (a goal
 * action "Ask @alice ..."), sorted by position for lookups. */
#include <string.h>

#include "lsp/lsp.h"

typedef struct {
	kith_lsp *s;
	kith_occs *v;
} builder;

/* Byte offset of a model position in its file. */
static size_t offset_of(kith_lsp *s, kith_pos p)
{
	const kith_lsp_lines *l = kith_lsp_file_lines(s, p.file);
	if (!l || !p.line || p.line > l->nlines)
		return 0;
	return l->start[p.line - 1] + (p.col ? p.col - 1 : 0);
}

static void add(builder *b, kith_occ_type t, kith_str name, kith_pos pos,
                int def)
{
	const kith_journal *j = b->s->j;
	kith_occ *o;
	size_t off;
	const char *text;
	uint32_t lead = 0;

	if (!name.p || !name.n || pos.file >= j->files.n || !pos.line)
		return;
	off = offset_of(b->s, pos);
	text = j->files.v[pos.file].text;
	/* the name may follow '@' or an opening quote at the position */
	while (lead < 2 && off + lead < j->files.v[pos.file].len &&
	       (text[off + lead] == '@' || text[off + lead] == '"' ||
	        text[off + lead] == '\''))
		lead++;
	if (off + lead + name.n > j->files.v[pos.file].len ||
	    memcmp(text + off + lead, name.p, name.n) != 0)
		return; /* not written at that place (a default, a flow map) */
	o = kith_vec_push(b->v);
	o->file = pos.file;
	o->line = pos.line;
	o->col = pos.col;
	o->name_off = lead;
	o->len = lead + name.n;
	o->name = name;
	o->type = (uint8_t)t;
	o->def = (uint8_t)def;
}

static void add_refs(builder *b, kith_occ_type t, const kith_refs *r)
{
	uint32_t i;
	for (i = 0; i < r->n; i++)
		add(b, t, r->v[i].s, r->v[i].pos, 0);
}

static int alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* Query terms that name something: with:H, goal:G, event:E. */
static const struct {
	const char *term;
	kith_occ_type type;
} query_terms[] = {
    {"with:", KITH_OCC_CONTACT},
    {"goal:", KITH_OCC_GOAL},
    {"event:", KITH_OCC_EVENT},
};

/* The occurrence type of what starts at text[i] (a '@handle' or a query
 * term), with the name's start in *name; -1 when nothing does. */
static int name_at(const char *t, size_t ls, size_t i, size_t e, size_t *name)
{
	size_t k;
	if (i > ls && (alnum((unsigned char)t[i - 1]) || t[i - 1] == '@' ||
	               (t[i - 1] & 0x80)))
		return -1;
	if (t[i] == '@') {
		*name = i + 1;
		return KITH_OCC_CONTACT;
	}
	for (k = 0; k < KITH_ARRAY_LEN(query_terms); k++) {
		size_t n = strlen(query_terms[k].term);
		if (i + n < e && !memcmp(t + i, query_terms[k].term, n) &&
		    alnum((unsigned char)t[i + n])) {
			*name = i + n;
			return (int)query_terms[k].type;
		}
	}
	return -1;
}

/* Names written inside YAML text: '@handle' in notes, actions and
 * titles, and with:, goal: and event: terms in 'where:' queries. */
static void scan_yaml(builder *b, uint32_t file)
{
	const kith_file *f = &b->s->j->files.v[file];
	const kith_lsp_lines *l = kith_lsp_file_lines(b->s, file);
	const char *t = f->text;
	uint32_t line;

	for (line = 0; line < l->nlines; line++) {
		size_t ls = l->start[line], i = ls;
		size_t e = line + 1 < l->nlines ? l->start[line + 1] : f->len;
		for (; i < e; i++) {
			size_t k, n0;
			int type;
			if (t[i] == '#' && (i == ls || t[i - 1] == ' '))
				break; /* a comment */
			if ((type = name_at(t, ls, i, e, &n0)) < 0)
				continue;
			for (k = n0;
			     k < e && kith_lsp_word_char((unsigned char)t[k]) &&
			     !(t[k] & 0x80);
			     k++)
				;
			while (k > n0 && t[k - 1] == '.')
				k--; /* sentence end */
			if (k > n0) {
				kith_pos p = {file, line + 1,
				              (uint32_t)(n0 - ls) + 1};
				/* '@' is taken as the lead of the occurrence */
				if (t[i] == '@')
					p.col--;
				add(b, (kith_occ_type)type,
				    (kith_str){t + n0, (uint32_t)(k - n0)}, p,
				    0);
			}
			i = k ? k - 1 : i;
		}
	}
}

static int occ_cmp(const void *a, const void *b)
{
	const kith_occ *x = a, *y = b;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return (int)y->def - (int)x->def;
}

static void build(kith_lsp *s)
{
	const kith_journal *j = s->j;
	builder b = {s, &s->occs};
	uint32_t i, k, n = 0;

	for (i = 0; i < j->contacts.n; i++) {
		add(&b, KITH_OCC_CONTACT, j->contacts.v[i].handle,
		    j->contacts.v[i].pos, 1);
		add(&b, KITH_OCC_CONTACT, j->contacts.v[i].via.s,
		    j->contacts.v[i].via.pos, 0);
	}
	for (i = 0; i < j->goals.n; i++)
		add(&b, KITH_OCC_GOAL, j->goals.v[i].id, j->goals.v[i].pos, 1);
	for (i = 0; i < j->events.n; i++) {
		add(&b, KITH_OCC_EVENT, j->events.v[i].id, j->events.v[i].pos,
		    1);
		add_refs(&b, KITH_OCC_GOAL, &j->events.v[i].goals);
	}
	for (i = 0; i < j->interactions.n; i++) {
		const kith_interaction *ix = &j->interactions.v[i];
		kith_ix_lists ls = kith_ix_lists_of(ix);
		add_refs(&b, KITH_OCC_CONTACT, &ls.l[KITH_IXR_WITH]);
		add_refs(&b, KITH_OCC_CONTACT, &ls.l[KITH_IXR_MENTIONS]);
		add_refs(&b, KITH_OCC_GOAL, &ls.l[KITH_IXR_GOALS]);
		add(&b, KITH_OCC_EVENT, kith_ix_event(ix)->s,
		    kith_ix_event(ix)->pos, 0);
	}
	for (i = 0; i < j->followups.n; i++)
		add_refs(&b, KITH_OCC_CONTACT, &j->followups.v[i].who);
	for (i = 0; i < j->files.n; i++)
		if (j->files.v[i].type == KITH_FILE_YAML)
			scan_yaml(&b, i);
	qsort(s->occs.v, s->occs.n, sizeof *s->occs.v, occ_cmp);
	for (k = 0; k < s->occs.n; k++) { /* one per position */
		const kith_occ *o = &s->occs.v[k];
		if (n && s->occs.v[n - 1].file == o->file &&
		    s->occs.v[n - 1].line == o->line &&
		    s->occs.v[n - 1].col == o->col)
			continue;
		s->occs.v[n++] = *o;
	}
	s->occs.n = n;
	s->occs_built = 1;
}

const kith_occs *kith_lsp_occs(kith_lsp *s)
{
	if (!s->occs_built && s->j)
		build(s);
	return &s->occs;
}

const kith_occ *kith_lsp_occ_at(kith_lsp *s, uint32_t file, size_t off)
{
	const kith_occs *v = kith_lsp_occs(s);
	const kith_lsp_lines *l = kith_lsp_file_lines(s, file);
	uint32_t line, lo = 0, hi, col;

	if (!l)
		return NULL;
	{
		uint32_t ch;
		kith_lsp_position(l, off, &line, &ch);
	}
	line++;
	col = (uint32_t)(off - l->start[line - 1]) + 1;
	hi = v->n;
	while (lo < hi) { /* first occurrence at or after (file, line) */
		uint32_t mid = lo + (hi - lo) / 2;
		const kith_occ *o = &v->v[mid];
		if (o->file < file || (o->file == file && o->line < line))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < v->n && v->v[lo].file == file && v->v[lo].line == line;
	     lo++) {
		const kith_occ *o = &v->v[lo];
		if (col >= o->col && col <= o->col + o->len)
			return o;
	}
	return NULL;
}

uint32_t kith_lsp_target(const kith_journal *j, kith_occ_type t, kith_str name)
{
	switch (t) {
	case KITH_OCC_CONTACT:
		return kith_find_contact(j, name);
	case KITH_OCC_GOAL:
		return kith_find_goal(j, name);
	default:
		return kith_find_event(j, name);
	}
}

kith_pos kith_lsp_def_pos(const kith_journal *j, kith_occ_type t, uint32_t idx)
{
	switch (t) {
	case KITH_OCC_CONTACT:
		return j->contacts.v[idx].pos;
	case KITH_OCC_GOAL:
		return j->goals.v[idx].pos;
	default:
		return j->events.v[idx].pos;
	}
}
