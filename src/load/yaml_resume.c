/* A YAML file resumes after a syntax error: the entry holding the error is
 * left out (a stub keeps its name declared), and what parses before it and
 * from the next entry or top-level key on is merged into one root map. */
#include <stdlib.h>
#include <string.h>

#include "load/load.h"
#include "load/yaml_internal.h"

/* Syntax errors reported per file before the rest is left unread. */
enum { KITH_MAX_SYNTAX_PER_FILE = 5 };

typedef KITH_VEC(kith_ynode *) ynodes;

typedef struct {
	kith_journal *j;
	uint32_t file;
	const char *text;
	size_t len;
	size_t *start; /* line i is text[start[i], start[i + 1]) */
	uint32_t n;
	ynodes acc; /* the root's keys and values, alternating */
} resume;

/* Indent of a line with content, or -1 for a blank or comment line and
 * for one indented with a tab (no place to resume). */
static int indent(const resume *r, uint32_t i)
{
	size_t k = r->start[i], end = r->start[i + 1];
	int ind = 0;
	while (k < end && r->text[k] == ' ') {
		k++;
		ind++;
	}
	if (k >= end || r->text[k] == '\n' || r->text[k] == '\r' ||
	    r->text[k] == '#' || r->text[k] == '\t')
		return -1;
	return ind;
}

/* A top-level key line: content at column 0 that is no list item and no
 * document marker. */
static int is_top(const resume *r, uint32_t i)
{
	if (indent(r, i) != 0)
		return 0;
	char c = r->text[r->start[i]];
	return c != '-' && c != '.';
}

/* The last top-level key line at or before line i, or UINT32_MAX. */
static uint32_t top_of(const resume *r, uint32_t i)
{
	for (uint32_t k = i + 1; k-- > 0;)
		if (is_top(r, k))
			return k;
	return UINT32_MAX;
}

/* The indent of the entries under top-level key line t (0: none). */
static int entry_indent(const resume *r, uint32_t t)
{
	if (t == UINT32_MAX)
		return 0;
	for (uint32_t k = t + 1; k < r->n; k++) {
		int ind = indent(r, k);
		if (ind >= 0)
			return ind;
	}
	return 0;
}

static int is_entry(const resume *r, uint32_t i, int ind)
{
	return ind > 0 && indent(r, i) == ind;
}

/* A scalar node for the plain key that line i starts with at its indent
 * ("  alice:" -> alice), or NULL. */
static kith_ynode *key_of(resume *r, uint32_t i)
{
	int ind = indent(r, i);
	size_t k = r->start[i] + (size_t)ind, end = r->start[i + 1];
	size_t from = k;
	if (ind < 0 || strchr("-'\"?[{&*!|>%@`", r->text[k]))
		return NULL;
	while (k < end && r->text[k] != ':' && r->text[k] != '\n')
		k++;
	if (k >= end || r->text[k] != ':' ||
	    (k + 1 < end && !strchr(" \t\r\n", r->text[k + 1])))
		return NULL;
	while (k > from && r->text[k - 1] == ' ')
		k--;
	if (k == from)
		return NULL;
	kith_ynode *n = kith_arena_alloc(r->j->arena, sizeof(*n));
	memset(n, 0, sizeof(*n));
	n->type = KITH_YNODE_SCALAR;
	n->s.p = kith_arena_strndup(r->j->arena, r->text + from, k - from);
	n->s.n = (uint32_t)(k - from);
	n->pos = (kith_pos){r->file, i + 1, (uint32_t)ind + 1};
	n->len = (uint32_t)(k - from);
	return n;
}

static kith_ynode *new_coll(resume *r, kith_ynode_type t, kith_pos pos,
                            kith_ynode **kids, uint32_t nkids)
{
	kith_ynode *n = kith_arena_alloc(r->j->arena, sizeof(*n));
	memset(n, 0, sizeof(*n));
	n->type = t;
	n->pos = pos;
	if (nkids) {
		n->kids = kith_arena_alloc(r->j->arena, nkids * sizeof(*kids));
		memcpy(n->kids, kids, nkids * sizeof(*kids));
	}
	n->nkids = nkids;
	return n;
}

/* Adds key: value to the root; a key already there with a collection of
 * the same type gets the new items after its own. */
static void merge_pair(resume *r, kith_ynode *k, kith_ynode *v)
{
	for (uint32_t i = 0; i + 1 < r->acc.n; i += 2) {
		kith_ynode *ok = r->acc.v[i], *ov = r->acc.v[i + 1];
		if (!kith_str_eq(ok->s, k->s))
			continue;
		if (!v ||
		    (v->type != KITH_YNODE_MAP && v->type != KITH_YNODE_SEQ))
			return;
		if (ov->type != v->type) {
			if (ov->type == KITH_YNODE_SCALAR && ov->plain_empty)
				r->acc.v[i + 1] = v;
			return;
		}
		uint32_t n = ov->nkids + v->nkids;
		kith_ynode **kids = kith_xcalloc(n ? n : 1, sizeof(*kids));
		/* an empty collection has no kids array: memcpy takes no NULL
		 */
		if (ov->nkids)
			memcpy(kids, ov->kids, ov->nkids * sizeof(*kids));
		if (v->nkids)
			memcpy(kids + ov->nkids, v->kids,
			       v->nkids * sizeof(*kids));
		r->acc.v[i + 1] = new_coll(r, v->type, ov->pos, kids, n);
		free(kids);
		return;
	}
	*kith_vec_push(&r->acc) = k;
	*kith_vec_push(&r->acc) = v;
}

/* Merges what lines [a, ...) parsed to: a map of top-level keys, or the
 * entries under the top-level key above line a. */
static void merge_piece(resume *r, uint32_t a, kith_ynode *node)
{
	if (!node)
		return;
	if (indent(r, a) != 0) {
		uint32_t t = top_of(r, a);
		kith_ynode *k = t == UINT32_MAX ? NULL : key_of(r, t);
		if (k)
			merge_pair(r, k, node);
		return;
	}
	if (node->type != KITH_YNODE_MAP)
		return;
	for (uint32_t i = 0; i + 1 < node->nkids; i += 2)
		merge_pair(r, node->kids[i], node->kids[i + 1]);
}

/* Drops the diagnostics since d, except the first syntax error unless
 * all is set. */
static void drop_since(kith_journal *j, uint32_t d, int all)
{
	kith_diags *g = &j->diags;
	uint32_t keep = KITH_NONE;
	for (uint32_t i = d; i < g->list.n; i++) {
		kith_diag *x = &g->list.v[i];
		if (!all && keep == KITH_NONE &&
		    x->code == KITH_D_YAML_SYNTAX) {
			keep = i;
			continue;
		}
		if (x->sev == KITH_SEV_ERROR)
			g->errors--;
		else if (x->sev == KITH_SEV_WARNING)
			g->warnings--;
	}
	if (keep != KITH_NONE) {
		g->list.v[d] = g->list.v[keep];
		g->list.v[d].seq = d;
		g->list.n = d + 1;
	} else {
		g->list.n = d;
	}
}

/* Parses lines [a, b); *syntax_line as kith_yaml_piece. */
static kith_ynode *piece(resume *r, uint32_t a, uint32_t b, int *fatal,
                         uint32_t *syntax_line)
{
	size_t from = r->start[a], to = r->start[b];
	return kith_yaml_piece(r->j, r->file, r->text + from, to - from, a,
	                       fatal, syntax_line);
}

/* The lines before the broken entry count when they parse on their own;
 * when they do not, they are left out without a second report. */
static int prefix(resume *r, uint32_t a, uint32_t s)
{
	int fatal;
	uint32_t sl, d = r->j->diags.list.n;
	kith_ynode *node = piece(r, a, s, &fatal, &sl);
	if (fatal) {
		drop_since(r->j, d, 1);
		return 0;
	}
	merge_piece(r, a, node);
	return 1;
}

/* The broken entry at line s stays declared under its name. */
static void stub(resume *r, uint32_t s, int ind)
{
	if (!is_entry(r, s, ind))
		return;
	kith_ynode *k = key_of(r, s), *t = key_of(r, top_of(r, s));
	if (!k || !t)
		return;
	kith_ynode *v = new_coll(r, KITH_YNODE_MAP, k->pos, NULL, 0);
	v->stub = 1;
	kith_ynode *kv[2] = {k, v};
	merge_pair(r, t, new_coll(r, KITH_YNODE_MAP, k->pos, kv, 2));
}

/* The end of the piece starting at line a: the file's end for top-level
 * keys, the next top-level key for entries. */
static uint32_t piece_end(const resume *r, uint32_t a)
{
	if (indent(r, a) == 0)
		return r->n;
	for (uint32_t k = a + 1; k < r->n; k++)
		if (is_top(r, k))
			return k;
	return r->n;
}

/* Handles an error at line e of the piece from line a; returns the line
 * to go on from, or r->n. */
static uint32_t skip_broken(resume *r, uint32_t a, uint32_t e)
{
	uint32_t t = top_of(r, e);
	int ind = entry_indent(r, t);
	uint32_t lo = t != UINT32_MAX && t >= a ? t : a, s = lo;
	for (uint32_t k = e; k > lo; k--)
		if (is_entry(r, k, ind)) {
			s = k;
			break;
		}
	/* An error found at the first line of an entry or key may be one
	 * further up (an unclosed bracket): when the lines before do not
	 * parse, the nearest entry or top-level key above whose lines before
	 * it do parse is the broken one (a few are tried); it is left out and
	 * reading goes on at line s. */
	if (s == e && s > a && !prefix(r, a, s)) {
		uint32_t p = a, tries = 0;
		int pind = entry_indent(r, top_of(r, s - 1)), at = pind;
		for (uint32_t k = s - 1; k > a && tries < 8; k--) {
			int top = is_top(r, k);
			if (!top && !is_entry(r, k, pind))
				continue;
			tries++;
			if (prefix(r, a, k)) {
				p = k;
				at = pind;
				break;
			}
			if (top)
				pind = entry_indent(r, top_of(r, k - 1));
		}
		if (p > a)
			stub(r, p, at);
		return s;
	}
	if (s > a && s != e)
		prefix(r, a, s);
	stub(r, s, ind);
	for (uint32_t k = e + 1; k < r->n; k++)
		if (is_top(r, k) || is_entry(r, k, ind))
			return k;
	return r->n;
}

static void index_lines(resume *r)
{
	uint32_t n = 1;
	for (size_t i = 0; i < r->len; i++)
		n += r->text[i] == '\n';
	r->start = kith_xcalloc((size_t)n + 1, sizeof(size_t));
	uint32_t k = 1;
	for (size_t i = 0; i < r->len; i++)
		if (r->text[i] == '\n')
			r->start[k++] = i + 1;
	r->start[n] = r->len;
	r->n = n;
}

kith_ynode *kith_yaml_resume(kith_journal *j, uint32_t file, const char *text,
                             size_t len, uint32_t d0, uint32_t syntax_line)
{
	resume r = {j, file, text, len, NULL, 0, {0}};
	index_lines(&r);
	drop_since(j, d0, 0);
	uint32_t a = 0, e = syntax_line - 1, errors = 1;
	for (;;) {
		if (e >= r.n)
			e = r.n - 1;
		a = skip_broken(&r, a, e);
		/* Read on past an error: what the file declares loaded. */
		if (a < r.n && file < j->files.n)
			j->files.v[file].resumed = 1;
		/* Go on piece by piece until the next error. */
		for (e = UINT32_MAX; a < r.n && e == UINT32_MAX;) {
			uint32_t b = piece_end(&r, a), sl, d = j->diags.list.n;
			int fatal;
			kith_ynode *node = piece(&r, a, b, &fatal, &sl);
			if (!fatal) {
				merge_piece(&r, a, node);
				a = b;
			} else if (sl > a) {
				drop_since(j, d, 0);
				e = sl - 1;
			} else {
				a = r.n; /* not a syntax error: stop here */
			}
		}
		if (a >= r.n || ++errors > KITH_MAX_SYNTAX_PER_FILE)
			break;
	}
	kith_ynode *root = new_coll(&r, KITH_YNODE_MAP, (kith_pos){file, 1, 1},
	                            r.acc.v, r.acc.n);
	kith_vec_free(&r.acc);
	free(r.start);
	return root;
}
