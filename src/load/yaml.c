/* YAML text to a bounded node tree through libyaml's event API: our own
 * limits on depth, scalar size, anchors and tags, duplicate keys, and
 * positions converted once from libyaml's character marks to byte columns. */
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "load/load.h"
#include "load/yaml_internal.h"

/* Small maps are checked for duplicate keys pairwise; bigger ones hash. */
#define SMALL_MAP 16
/* Anchors and aliases reported per file; the rest are counted in a note. */
#define KITH_MAX_ALIAS_DIAGS 20

/* Walks the text to turn libyaml's character index into a byte offset and
 * an editor line (only '\n' ends a line for editors; libyaml also counts
 * a lone '\r' and Unicode line separators). Moves in both directions, so
 * consecutive marks cost only the distance between them. */
typedef struct {
	const char *text;
	size_t len, base; /* base: bytes of a leading BOM (not in marks) */
	size_t cidx;      /* character index (libyaml's mark.index) */
	size_t boff;      /* byte offset of that character */
	size_t lstart;    /* byte offset of its line start */
	uint32_t line;    /* 1-based */
} cursor;

typedef struct {
	kith_ynode *node;
	uint32_t first; /* its first child in the pending stack */
} frame;

typedef struct {
	kith_journal *j;
	uint32_t file, line_off;
	cursor cur;
	frame frames[KITH_MAX_DEPTH];
	int depth;
	kith_ynode **pend; /* children of all open collections */
	uint32_t npend, cap;
	kith_ynode *local[128];
	kith_ydup dup; /* duplicate keys */
	kith_ynode *root;
	int docs, fatal;
	uint32_t syntax_line; /* 1-based line of a syntax error, 0 if none */
	uint32_t naliases;    /* anchors and aliases seen in this file */
	uint32_t last_alias;  /* index of the last one reported, for the note */
} yparse;

static size_t u8len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xF0)
		return 4;
	if (c >= 0xE0)
		return 3;
	if (c >= 0xC0)
		return 2;
	return 1; /* stray continuation byte: count it alone */
}

static void cur_init(cursor *c, const char *text, size_t len)
{
	memset(c, 0, sizeof(*c));
	c->text = text;
	c->len = len;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		c->base = 3; /* editors do not count the BOM in columns */
	c->boff = c->lstart = c->base;
	c->line = 1;
}

static void cur_forward(cursor *c)
{
	size_t w = u8len((unsigned char)c->text[c->boff]);
	if (c->text[c->boff] == '\n') {
		c->line++;
		c->lstart = c->boff + 1;
	}
	c->boff += w;
	if (c->boff > c->len)
		c->boff = c->len;
	c->cidx++;
}

static void cur_back(cursor *c)
{
	size_t b = c->boff - 1;
	while (b > c->base && ((unsigned char)c->text[b] & 0xC0) == 0x80 &&
	       c->boff - b < 4)
		b--;
	c->boff = b;
	c->cidx--;
	if (c->text[b] == '\n') {
		c->line--;
		c->lstart = b;
		while (c->lstart > c->base && c->text[c->lstart - 1] != '\n')
			c->lstart--;
	}
}

static void cur_seek(cursor *c, size_t cidx)
{
	while (c->cidx < cidx && c->boff < c->len)
		cur_forward(c);
	while (c->cidx > cidx && c->boff > c->base)
		cur_back(c);
}

static kith_pos cur_pos(const yparse *p)
{
	kith_pos pos = {p->file, p->cur.line + p->line_off,
	                (uint32_t)(p->cur.boff - p->cur.lstart + 1)};
	return pos;
}

static kith_pos mark_pos(yparse *p, yaml_mark_t m)
{
	cur_seek(&p->cur, m.index);
	return cur_pos(p);
}

/* Byte span from start to end, cut at the end of the start's line. */
static uint32_t mark_span(yparse *p, yaml_mark_t start, yaml_mark_t end)
{
	cur_seek(&p->cur, start.index);
	size_t from = p->cur.boff, line = p->cur.line;
	cur_seek(&p->cur, end.index);
	size_t to = p->cur.boff;
	if (p->cur.line != line) {
		to = from;
		while (to < p->cur.len && p->cur.text[to] != '\n')
			to++;
	}
	while (to > from && (p->cur.text[to - 1] == '\r'))
		to--;
	return (uint32_t)(to - from);
}

static uint32_t at_least_1(uint32_t n)
{
	return n ? n : 1;
}

static void push_pending(yparse *p, kith_ynode *n)
{
	if (p->npend == p->cap) {
		uint32_t cap = p->cap * 2;
		if (p->pend == p->local) {
			p->pend = kith_xmalloc(cap * sizeof(*p->pend));
			memcpy(p->pend, p->local, p->npend * sizeof(*p->pend));
		} else {
			p->pend =
			    kith_xrealloc(p->pend, cap * sizeof(*p->pend));
		}
		p->cap = cap;
	}
	p->pend[p->npend++] = n;
}

static void add_node(yparse *p, kith_ynode *n)
{
	if (p->depth > 0)
		push_pending(p, n);
	else if (!p->root)
		p->root = n;
}

/* Anchors and aliases are refused, but the parse goes on so the file's
 * other problems are reported too. Only the first few are reported: a
 * file full of them (an alias bomb) must not flood the output. */
static void refuse_anchor(yparse *p, const yaml_char_t *anchor, yaml_mark_t m,
                          char sigil)
{
	if (!anchor)
		return;
	if (++p->naliases > KITH_MAX_ALIAS_DIAGS)
		return;
	kith_diag *g =
	    KITH_DIAG(p->j, KITH_D_YAML_ALIAS, mark_pos(p, m),
	              at_least_1((uint32_t)strlen((char *)anchor) + 1));
	kith_diag_hint(g, "write the value out in full instead of '%c%s'%s",
	               sigil, (char *)anchor,
	               sigil == '*' ? " (it is read as empty)" : "");
	p->last_alias = p->j->diags.list.n - 1;
}

/* One note on the last reported one counts those left unreported. */
static void note_more_aliases(yparse *p)
{
	if (p->naliases <= KITH_MAX_ALIAS_DIAGS)
		return;
	kith_diag_note(&p->j->diags.list.v[p->last_alias],
	               "and %u more anchors or aliases in this file",
	               (unsigned)(p->naliases - KITH_MAX_ALIAS_DIAGS));
}

/* An alias is never expanded (that is what makes an alias bomb
 * harmless): it stands for an empty value at its own position. */
static void on_alias(yparse *p, yaml_event_t *e)
{
	refuse_anchor(p, e->data.alias.anchor, e->start_mark, '*');
	kith_ynode *n = kith_arena_alloc(p->j->arena, sizeof(*n));
	n->type = KITH_YNODE_SCALAR;
	n->pos = mark_pos(p, e->start_mark);
	n->len = at_least_1(mark_span(p, e->start_mark, e->end_mark));
	n->s.p = "";
	n->quoted = KITH_YQ_ALIAS;
	n->plain_empty = 1; /* absent, as far as the model is concerned */
	add_node(p, n);
}

static void refuse_tag(yparse *p, const yaml_char_t *tag, yaml_mark_t m)
{
	if (!tag)
		return;
	kith_diag *g = KITH_DIAG(p->j, KITH_D_YAML_TAG, mark_pos(p, m), 1);
	kith_diag_hint(g,
	               "remove the tag '%s'; kith decides the type of "
	               "each value itself (quote a value to keep it as text)",
	               (char *)tag);
}

static kith_ynode *new_node(yparse *p, kith_ynode_type t, yaml_mark_t start)
{
	kith_ynode *n = kith_arena_alloc(p->j->arena, sizeof(*n));
	n->type = t;
	n->pos = mark_pos(p, start);
	return n;
}

/* Cuts a too-long scalar at a character boundary, so the rest of the file
 * still loads after the one error. */
static size_t cut_utf8(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return max;
}

static void on_scalar(yparse *p, yaml_event_t *e)
{
	refuse_anchor(p, e->data.scalar.anchor, e->start_mark, '&');
	refuse_tag(p, e->data.scalar.tag, e->start_mark);
	kith_ynode *n = new_node(p, KITH_YNODE_SCALAR, e->start_mark);
	n->len = mark_span(p, e->start_mark, e->end_mark);
	const char *v = (const char *)e->data.scalar.value;
	size_t len = e->data.scalar.length;
	if (len > KITH_MAX_SCALAR) {
		kith_diag *g = KITH_DIAG(p->j, KITH_D_TOO_LONG, n->pos,
		                         at_least_1(n->len), "1 MiB");
		kith_diag_hint(g, "keep long notes in a Markdown journal file");
		len = cut_utf8(v, len, KITH_MAX_SCALAR);
	}
	char *s = kith_arena_alloc(p->j->arena, len + 1);
	memcpy(s, v, len);
	n->s.p = s;
	n->s.n = (uint32_t)len;
	switch (e->data.scalar.style) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE:
		n->quoted = KITH_YQ_SINGLE;
		break;
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
		n->quoted = KITH_YQ_DOUBLE;
		break;
	case YAML_LITERAL_SCALAR_STYLE:
		n->quoted = KITH_YQ_LITERAL;
		break;
	case YAML_FOLDED_SCALAR_STYLE:
		n->quoted = KITH_YQ_FOLDED;
		break;
	default:
		n->quoted = KITH_YQ_PLAIN;
		n->plain_empty = len == 0;
	}
	add_node(p, n);
}

static void on_start(yparse *p, yaml_event_t *e, kith_ynode_type t)
{
	const yaml_char_t *anchor = t == KITH_YNODE_MAP
	                                ? e->data.mapping_start.anchor
	                                : e->data.sequence_start.anchor;
	const yaml_char_t *tag = t == KITH_YNODE_MAP
	                             ? e->data.mapping_start.tag
	                             : e->data.sequence_start.tag;
	refuse_anchor(p, anchor, e->start_mark, '&');
	refuse_tag(p, tag, e->start_mark);
	if (p->depth == KITH_MAX_DEPTH) {
		kith_diag *g =
		    KITH_DIAG(p->j, KITH_D_TOO_DEEP, mark_pos(p, e->start_mark),
		              1, KITH_MAX_DEPTH);
		kith_diag_hint(g, "flatten the structure; kith files need only "
		                  "a few levels");
		p->fatal = 1;
		return;
	}
	kith_ynode *n = new_node(p, t, e->start_mark);
	n->len = 1;
	p->frames[p->depth].node = n;
	p->frames[p->depth].first = p->npend;
	p->depth++;
}

static int key_eq(const kith_ynode *a, const kith_ynode *b)
{
	return a->type == KITH_YNODE_SCALAR && b->type == KITH_YNODE_SCALAR &&
	       kith_str_eq(a->s, b->s);
}

static void report_dup(yparse *p, const kith_ynode *first,
                       const kith_ynode *again)
{
	kith_diag *g = KITH_DIAG(p->j, KITH_D_DUPLICATE_KEY, again->pos,
	                         at_least_1(again->len), again->s.p);
	kith_diag_hint(g, "'%s' is first given at line %u; keep one of them",
	               again->s.p, (unsigned)first->pos.line);
}

/* Finds the earlier key equal to kv[i] among kv[0..i) (pairs). */
static int dup_small(kith_ynode **kv, uint32_t i)
{
	for (uint32_t k = 0; k < i; k++)
		if (key_eq(kv[2 * k], kv[2 * i]))
			return (int)k;
	return -1;
}

/* Hash table of pair indexes + 1 (0 = empty), sized to a power of two. */
static int dup_hashed(kith_ydup *d, kith_ynode **kv, uint32_t i)
{
	const kith_ynode *key = kv[2 * i];
	if (key->type != KITH_YNODE_SCALAR)
		return -1;
	size_t mask = d->hcap - 1;
	size_t h = (size_t)kith_hash(key->s.p, key->s.n) & mask;
	while (d->htab[h]) {
		uint32_t k = d->htab[h] - 1;
		if (key_eq(kv[2 * k], key))
			return (int)k;
		h = (h + 1) & mask;
	}
	d->htab[h] = i + 1;
	return -1;
}

void kith_ydup_begin(kith_ydup *d, uint32_t npairs)
{
	d->big = npairs > SMALL_MAP;
	if (!d->big)
		return;
	size_t want = 16;
	while (want < (size_t)npairs * 2)
		want *= 2;
	if (want > d->hcap) {
		free(d->htab);
		d->htab = kith_xmalloc(want * sizeof(*d->htab));
		d->hcap = want;
	}
	memset(d->htab, 0, d->hcap * sizeof(*d->htab));
}

int kith_ydup_find(kith_ydup *d, kith_ynode **kv, uint32_t i)
{
	return d->big ? dup_hashed(d, kv, i) : dup_small(kv, i);
}

void kith_ydup_free(kith_ydup *d)
{
	free(d->htab);
	memset(d, 0, sizeof(*d));
}

static int is_alias(const kith_ynode *n)
{
	return n->type == KITH_YNODE_SCALAR && n->quoted == KITH_YQ_ALIAS;
}

/* Reports duplicate keys at the later one and drops the later pair, so the
 * model sees each key once. A pair keyed by an alias (already reported)
 * is dropped too: it has no name to check. Returns the children kept. */
static uint32_t dedupe_map(yparse *p, kith_ynode **kv, uint32_t nkids)
{
	uint32_t npairs = nkids / 2, kept = 0;
	kith_ydup_begin(&p->dup, npairs);
	for (uint32_t i = 0; i < npairs; i++) {
		if (is_alias(kv[2 * i]))
			continue;
		kv[2 * kept] = kv[2 * i];
		kv[2 * kept + 1] = kv[2 * i + 1];
		int first = kith_ydup_find(&p->dup, kv, kept);
		if (first >= 0) {
			report_dup(p, kv[2 * first], kv[2 * kept]);
			continue;
		}
		kept++;
	}
	return kept * 2;
}

/* A plain empty value ("key:") gets the key's position: libyaml marks it
 * at the next token, which may be lines further down. (An alias read as
 * empty has a span of its own and keeps its place.) */
static void place_empty_values(kith_ynode **kv, uint32_t nkids)
{
	for (uint32_t i = 0; i + 1 < nkids; i += 2) {
		kith_ynode *v = kv[i + 1];
		if (v->type == KITH_YNODE_SCALAR && v->plain_empty &&
		    !is_alias(v)) {
			v->pos = kv[i]->pos;
			v->len = kv[i]->len;
		}
	}
}

static void on_end(yparse *p)
{
	if (p->depth == 0)
		return;
	frame *f = &p->frames[--p->depth];
	kith_ynode *n = f->node;
	kith_ynode **kids = p->pend + f->first;
	uint32_t nkids = p->npend - f->first;
	if (n->type == KITH_YNODE_MAP) {
		nkids = dedupe_map(p, kids, nkids);
		place_empty_values(kids, nkids);
	}
	if (nkids) {
		n->kids = kith_arena_alloc(p->j->arena, nkids * sizeof(*kids));
		memcpy(n->kids, kids, nkids * sizeof(*kids));
	}
	n->nkids = nkids;
	p->npend = f->first;
	add_node(p, n);
}

static void on_document(yparse *p, yaml_event_t *e)
{
	if (++p->docs == 1)
		return;
	kith_diag *g =
	    KITH_DIAG(p->j, KITH_D_YAML_SYNTAX, mark_pos(p, e->start_mark), 3,
	              "a second document in the same file");
	kith_diag_hint(g, "a kith file holds one YAML document: remove the "
	                  "'---' line or split the file");
	p->fatal = 1;
}

/* Reader errors carry a byte offset into the raw input, not a mark. */
static kith_pos byte_pos(yparse *p, size_t off)
{
	const char *t = p->cur.text;
	size_t base = p->cur.base, ls = base;
	uint32_t line = 1;
	if (off > p->cur.len)
		off = p->cur.len;
	if (off < base)
		off = base;
	for (size_t i = base; i < off; i++)
		if (t[i] == '\n') {
			line++;
			ls = i + 1;
		}
	kith_pos pos = {p->file, line + p->line_off, (uint32_t)(off - ls + 1)};
	return pos;
}

static void reader_error(yparse *p, const yaml_parser_t *yp)
{
	kith_pos pos = byte_pos(p, yp->problem_offset);
	const char *prob = yp->problem ? yp->problem : "unreadable input";
	if (strstr(prob, "UTF-8") || strstr(prob, "Unicode")) {
		kith_diag *g = KITH_DIAG(p->j, KITH_D_INVALID_UTF8, pos, 1);
		kith_diag_hint(g, "save the file as UTF-8");
		return;
	}
	kith_diag *g = KITH_DIAG(p->j, KITH_D_YAML_SYNTAX, pos, 1, prob);
	kith_diag_hint(g, "remove the control character, or write it as an "
	                  "escape inside a double-quoted string");
}

static const char *syntax_hint(const yparse *p, kith_pos pos, size_t off)
{
	(void)pos;
	if (off < p->cur.len && p->cur.text[off] == '\t')
		return "indent with spaces: YAML does not allow tabs for "
		       "indentation";
	return "check the indentation and quoting here and on the line above";
}

static void syntax_error(yparse *p, const yaml_parser_t *yp)
{
	kith_pos pos = mark_pos(p, yp->problem_mark);
	size_t off = p->cur.boff;
	p->syntax_line = pos.line;
	const char *prob = yp->problem ? yp->problem : "malformed YAML";
	const char *msg = prob;
	if (yp->context)
		msg =
		    kith_arena_printf(p->j->arena, "%s %s", prob, yp->context);
	kith_diag *g = KITH_DIAG(p->j, KITH_D_YAML_SYNTAX, pos, 1, msg);
	kith_diag_hint(g, "%s", syntax_hint(p, pos, off));
	if (yp->context && yp->context_mark.index != yp->problem_mark.index) {
		kith_pos cpos = mark_pos(p, yp->context_mark);
		kith_diag_note(g, "%s that starts at line %u, column %u",
		               yp->context, (unsigned)cpos.line,
		               (unsigned)cpos.col);
	}
}

static void parse_error(yparse *p, const yaml_parser_t *yp)
{
	p->fatal = 1;
	switch (yp->error) {
	case YAML_MEMORY_ERROR:
		kith_die_oom();
	case YAML_READER_ERROR:
		reader_error(p, yp);
		return;
	default:
		syntax_error(p, yp);
	}
}

/* Returns 1 when the stream has ended or the parse must stop. */
static int on_event(yparse *p, yaml_event_t *e)
{
	switch (e->type) {
	case YAML_STREAM_END_EVENT:
		return 1;
	case YAML_DOCUMENT_START_EVENT:
		on_document(p, e);
		break;
	case YAML_ALIAS_EVENT:
		on_alias(p, e);
		break;
	case YAML_SCALAR_EVENT:
		on_scalar(p, e);
		break;
	case YAML_MAPPING_START_EVENT:
		on_start(p, e, KITH_YNODE_MAP);
		break;
	case YAML_SEQUENCE_START_EVENT:
		on_start(p, e, KITH_YNODE_SEQ);
		break;
	case YAML_MAPPING_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
		on_end(p);
		break;
	default:
		break;
	}
	return p->fatal;
}

/* The file must be one mapping; an empty document is an empty file. */
static kith_ynode *check_root(yparse *p)
{
	kith_ynode *r = p->root;
	if (!r || r->type == KITH_YNODE_MAP)
		return r;
	if (r->type == KITH_YNODE_SCALAR && r->plain_empty)
		return NULL;
	kith_diag *g = KITH_DIAG(
	    p->j, KITH_D_WRONG_TYPE, r->pos, at_least_1(r->len),
	    p->line_off ? "the metadata block" : "the file", "a mapping");
	kith_diag_hint(g, "write 'key: value' lines at the top level");
	return NULL;
}

kith_ynode *kith_yaml_parse(kith_journal *j, uint32_t file, const char *text,
                            size_t len, uint32_t line_off)
{
	kith_ynode *root = NULL;
	if (kith_yaml_fast(j, file, text, len, line_off, &root))
		return root;
	return kith_yaml_parse_slow(j, file, text, len, line_off);
}

kith_ynode *kith_yaml_piece(kith_journal *j, uint32_t file, const char *text,
                            size_t len, uint32_t line_off, int *fatal,
                            uint32_t *syntax_line)
{
	yparse p;
	memset(&p, 0, sizeof(p));
	p.j = j;
	p.file = file;
	p.line_off = line_off;
	p.pend = p.local;
	p.cap = KITH_ARRAY_LEN(p.local);
	cur_init(&p.cur, text, len);

	yaml_parser_t yp;
	if (!yaml_parser_initialize(&yp))
		kith_die_oom();
	yaml_parser_set_input_string(&yp, (const unsigned char *)text, len);
	for (;;) {
		yaml_event_t e;
		if (!yaml_parser_parse(&yp, &e)) {
			parse_error(&p, &yp);
			break;
		}
		int stop = on_event(&p, &e);
		yaml_event_delete(&e);
		if (stop)
			break;
	}
	yaml_parser_delete(&yp);
	note_more_aliases(&p);
	if (p.pend != p.local)
		free(p.pend);
	kith_ydup_free(&p.dup);
	*fatal = p.fatal;
	*syntax_line = p.syntax_line;
	return p.fatal ? NULL : p.root;
}

kith_ynode *kith_yaml_parse_slow(kith_journal *j, uint32_t file,
                                 const char *text, size_t len,
                                 uint32_t line_off)
{
	int fatal;
	uint32_t syntax_line;
	uint32_t d0 = j->diags.list.n;
	kith_ynode *root =
	    kith_yaml_piece(j, file, text, len, line_off, &fatal, &syntax_line);
	/* A whole file resumes after a syntax error (yaml_resume.c). */
	if (fatal && syntax_line && line_off == 0)
		root = kith_yaml_resume(j, file, text, len, d0, syntax_line);
	else if (fatal)
		return NULL;
	yparse p;
	memset(&p, 0, sizeof(p));
	p.j = j;
	p.line_off = line_off;
	p.root = root;
	return check_root(&p);
}
