/* A fast path for the YAML most kith files are written in: block mappings
 * and sequences of one-line plain scalars and flow lists. It builds the
 * same node tree as libyaml's event parser (src/load/yaml.c) and gives up,
 * having reported nothing, on anything else, which libyaml then parses. */
#include <stdlib.h>
#include <string.h>

#include "load/load.h"
#include "load/yaml_internal.h"

typedef struct {
	kith_ynode *node;
	int indent;     /* column of its keys or dashes, 0-based */
	uint32_t first; /* first child in the pending stack */
} fframe;

typedef struct {
	kith_journal *j;
	uint32_t file, line_off, line;
	const char *lp; /* current line */
	fframe st[KITH_MAX_DEPTH];
	int depth;
	kith_ynode **pend; /* children of all open collections */
	uint32_t npend, cap;
	kith_ydup dup;        /* duplicate keys */
	kith_ynode *open_key; /* a "key:" whose value is not known yet */
	int open_indent;      /* indent of the map holding open_key */
	kith_ynode *root;
	const char *le; /* end of the current line, before its '\n' */
	/* a literal block scalar being read ("key: |") */
	kith_ynode *block;
	int block_parent, block_indent, block_strip;
	uint32_t block_blanks;
	kith_buf block_text;
} fparse;

/* Bytes that make a file leave the fast path wherever they appear: tabs,
 * CR and other controls. (Indicators matter only where a token starts;
 * bad_start and flow_list check them there.) */
static int refused_byte(unsigned char c)
{
	return c < 0x20 ? c != '\n' : c == 0x7f;
}

static int prescan(const char *t, size_t n)
{
	if (n >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (refused_byte((unsigned char)t[i]))
			return 0;
	return kith_utf8_invalid(t, n) == 0;
}

/* Byte classes, looked up rather than searched for. */
enum {
	C_BAD_START =
	    1,     /* may not start a plain scalar (YAML 1.1 indicators) */
	C_FLOW = 2 /* may not be in a scalar inside a flow list or map */
};
static const unsigned char byte_class[256] = {
    ['-'] = C_BAD_START,          ['?'] = C_BAD_START,
    [':'] = C_BAD_START,          [','] = C_BAD_START,
    ['['] = C_BAD_START | C_FLOW, [']'] = C_BAD_START | C_FLOW,
    ['{'] = C_BAD_START | C_FLOW, ['}'] = C_BAD_START | C_FLOW,
    ['#'] = C_BAD_START | C_FLOW, ['&'] = C_BAD_START,
    ['*'] = C_BAD_START,          ['!'] = C_BAD_START,
    ['|'] = C_BAD_START,          ['>'] = C_BAD_START,
    ['\''] = C_BAD_START,         ['"'] = C_BAD_START,
    ['%'] = C_BAD_START,          ['@'] = C_BAD_START,
    ['`'] = C_BAD_START,
};

static int bad_start(char c)
{
	return byte_class[(unsigned char)c] & C_BAD_START;
}

static int push(fparse *p, kith_ynode *n);

static int has_class(const char *s, size_t n, int cls)
{
	for (size_t i = 0; i < n; i++)
		if (byte_class[(unsigned char)s[i]] & cls)
			return 1;
	return 0;
}

/* The first ':' of [s, s + n) that ends a key (followed by a space or the
 * end), or NULL; *other is set when a ':' comes before it. */
static const char *key_colon(const char *s, size_t n, int *other)
{
	const char *e = s + n, *c = s;
	*other = 0;
	while ((c = memchr(c, ':', (size_t)(e - c))) != NULL) {
		if (c + 1 == e || c[1] == ' ')
			return c;
		*other = 1;
		c++;
	}
	return NULL;
}

/* The node and its text in one block of the arena. */
static kith_ynode *scalar(fparse *p, const char *s, size_t n)
{
	kith_ynode *v = kith_arena_alloc(p->j->arena, sizeof(*v) + n + 1);
	char *c = (char *)(v + 1);
	memcpy(c, s, n);
	v->type = KITH_YNODE_SCALAR;
	v->pos = (kith_pos){p->file, p->line + p->line_off,
	                    (uint32_t)(s - p->lp + 1)};
	v->len = (uint32_t)n;
	v->s = (kith_str){c, (uint32_t)n};
	v->plain_empty = n == 0;
	return v;
}

/* A one-line quoted scalar without escapes: "text" or 'text'. Pushes it
 * (quoted) and returns 1, or returns 0 to leave it to libyaml. */
static int quoted(fparse *p, const char *s, size_t n)
{
	char q = s[0];
	/* over the scalar limit: libyaml's path reports too-long */
	if (n < 2 || n - 2 > KITH_MAX_SCALAR || s[n - 1] != q ||
	    memchr(s + 1, q, n - 2) || (q == '"' && memchr(s + 1, '\\', n - 2)))
		return 0;
	kith_ynode *v = scalar(p, s + 1, n - 2);
	v->pos.col--;
	v->len = (uint32_t)n;
	v->quoted = q == '"' ? KITH_YQ_DOUBLE : KITH_YQ_SINGLE;
	v->plain_empty = 0;
	return push(p, v);
}

/* A plain scalar in block context: no ": ", no trailing ':'. */
static int plain_ok(const char *s, size_t n)
{
	if (n == 0 || n > KITH_MAX_SCALAR || bad_start(s[0]))
		return 0;
	if (s[n - 1] == ':')
		return 0;
	int other;
	return key_colon(s, n, &other) == NULL;
}

/* End of the content of [s, e): before a " #" comment and trailing
 * spaces. */
static const char *content_end(const char *s, const char *e)
{
	for (const char *q = s; (q = memchr(q, '#', (size_t)(e - q))) != NULL;
	     q++)
		if (q == s || q[-1] == ' ') {
			e = q;
			break;
		}
	while (e > s && e[-1] == ' ')
		e--;
	return e;
}

static int push(fparse *p, kith_ynode *n)
{
	if (p->depth == 0) {
		if (p->root)
			return 0;
		p->root = n;
		return 1;
	}
	if (p->npend == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 256;
		p->pend = kith_xrealloc(p->pend, p->cap * sizeof(*p->pend));
	}
	p->pend[p->npend++] = n;
	return 1;
}

/* A duplicate key sends the file to the slow path, which reports it. */
static int has_dup(fparse *p, kith_ynode **kv, uint32_t nkids)
{
	uint32_t npairs = nkids / 2;
	kith_ydup_begin(&p->dup, npairs);
	for (uint32_t i = 0; i < npairs; i++)
		if (kith_ydup_find(&p->dup, kv, i) >= 0)
			return 1;
	return 0;
}

static int close_top(fparse *p)
{
	fframe *f = &p->st[--p->depth];
	kith_ynode *n = f->node;
	uint32_t nkids = p->npend - f->first;
	kith_ynode **kids = p->pend + f->first;
	if (n->type == KITH_YNODE_MAP && has_dup(p, kids, nkids))
		return 0;
	if (nkids) {
		n->kids = kith_arena_alloc(p->j->arena, nkids * sizeof(*kids));
		memcpy(n->kids, kids, nkids * sizeof(*kids));
	}
	n->nkids = nkids;
	p->npend = f->first;
	return push(p, n);
}

static int open_coll(fparse *p, kith_ynode_type t, const char *at, int indent)
{
	if (p->depth == KITH_MAX_DEPTH)
		return 0;
	kith_ynode *n = kith_arena_alloc(p->j->arena, sizeof(*n));
	n->type = t;
	n->pos = (kith_pos){p->file, p->line + p->line_off,
	                    (uint32_t)(at - p->lp + 1)};
	n->len = 1;
	p->st[p->depth++] = (fframe){n, indent, p->npend};
	return 1;
}

/* The pending "key:" gets an empty value, placed at its key. */
static int settle_open_key(fparse *p)
{
	if (!p->open_key)
		return 1;
	kith_ynode *v = kith_arena_alloc(p->j->arena, sizeof(*v));
	v->type = KITH_YNODE_SCALAR;
	v->pos = p->open_key->pos;
	v->len = p->open_key->len;
	v->s = (kith_str){"", 0};
	v->plain_empty = 1;
	p->open_key = NULL;
	return push(p, v);
}

/* A piece of a flow collection: a plain or quoted scalar. */
static int flow_scalar(fparse *p, const char *q, size_t n)
{
	if (n && (*q == '"' || *q == '\''))
		return quoted(p, q, n);
	return plain_ok(q, n) && !has_class(q, n, C_FLOW) &&
	       push(p, scalar(p, q, n));
}

static const char *skip_spaces(const char *q, const char *end)
{
	while (q < end && *q == ' ')
		q++;
	return q;
}

static const char *trim_end(const char *q, const char *e)
{
	while (e > q && e[-1] == ' ')
		e--;
	return e;
}

/* "{a: 1, b: x}" on one line: a mapping of plain keys to scalars. */
static int flow_map(fparse *p, const char *s, const char *e)
{
	if (e[-1] != '}' || !open_coll(p, KITH_YNODE_MAP, s, -1))
		return 0;
	const char *q = skip_spaces(s + 1, e - 1), *end = e - 1;
	while (q < end) {
		const char *c = q;
		while (c < end && *c != ',')
			c++;
		const char *colon = q;
		while (colon < c &&
		       !(*colon == ':' && colon + 1 < c && colon[1] == ' '))
			colon++;
		if (colon == c)
			return 0;
		const char *ke = trim_end(q, colon),
		           *v = skip_spaces(colon + 1, c);
		if (ke == q || memchr(q, ':', (size_t)(ke - q)) ||
		    !flow_scalar(p, q, (size_t)(ke - q)) ||
		    !flow_scalar(p, v, (size_t)(trim_end(v, c) - v)))
			return 0;
		if (c == end)
			break;
		q = skip_spaces(c + 1, end);
		if (q == end)
			return 0;
	}
	return close_top(p);
}

/* "[a, b]" on one line: a sequence of plain scalars. */
static int flow_list(fparse *p, const char *s, const char *e)
{
	if (e[-1] != ']' || !open_coll(p, KITH_YNODE_SEQ, s, -1))
		return 0;
	const char *q = s + 1, *end = e - 1;
	while (q < end && *q == ' ')
		q++;
	while (q < end) {
		const char *c = q;
		while (c < end && *c != ',')
			c++;
		const char *ie = c;
		while (ie > q && ie[-1] == ' ')
			ie--;
		size_t n = (size_t)(ie - q);
		if (!flow_scalar(p, q, n))
			return 0;
		if (c == end)
			break;
		q = c + 1;
		while (q < end && *q == ' ')
			q++;
		if (q == end) /* a trailing comma */
			return 0;
	}
	return close_top(p);
}

/* A value on the line of its key or dash. */
static int value(fparse *p, const char *s, const char *e)
{
	if (s[0] == '[')
		return flow_list(p, s, e);
	if (s[0] == '"' || s[0] == '\'')
		return quoted(p, s, (size_t)(e - s));
	if (s[0] == '{')
		return flow_map(p, s, e);
	return plain_ok(s, (size_t)(e - s)) &&
	       push(p, scalar(p, s, (size_t)(e - s)));
}

/* "key: |" or "key: |-": a literal block scalar, read by block_line. */
static int block_header(fparse *p, const char *v, const char *e, int indent)
{
	if (!(e - v == 1 || (e - v == 2 && v[1] == '-')))
		return 0;
	kith_ynode *n = scalar(p, v, 0);
	n->len = (uint32_t)(p->le - v);
	n->quoted = KITH_YQ_LITERAL;
	n->plain_empty = 0;
	p->block = n;
	p->block_parent = indent;
	p->block_indent = -1;
	p->block_strip = e - v == 2;
	p->block_blanks = 0;
	p->block_text.n = 0;
	return push(p, n);
}

/* The literal's value: its lines less their indent, one '\n' kept at the
 * end ("|") or none ("|-"). */
static int block_end(fparse *p)
{
	kith_ynode *n = p->block;
	kith_buf *b = &p->block_text;
	p->block = NULL;
	if (p->block_strip && b->n)
		b->n--;
	if (b->n > KITH_MAX_SCALAR)
		return 0;
	char *c = kith_arena_alloc(p->j->arena, b->n + 1);
	if (b->n)
		memcpy(c, b->p, b->n);
	n->s = (kith_str){c, (uint32_t)b->n};
	return 1;
}

/* One line while a block scalar is open: 1 taken, 0 the block ended
 * before it (parse it as usual), -1 leave the file to libyaml. */
static int block_line(fparse *p, const char *s, const char *e)
{
	const char *b = skip_spaces(s, e);
	int sp = (int)(b - s);
	if (b == e) { /* an empty line: more spaces than the indent are text */
		if (sp > (p->block_indent < 0 ? 0 : p->block_indent))
			return -1;
		p->block_blanks++;
		return 1;
	}
	if (p->block_indent < 0) {
		if (sp <= p->block_parent)
			return block_end(p) ? 0 : -1;
		p->block_indent = sp;
	}
	if (sp < p->block_indent)
		return block_end(p) ? 0 : -1;
	for (; p->block_blanks; p->block_blanks--)
		kith_buf_putc(&p->block_text, '\n');
	kith_buf_put(&p->block_text, s + p->block_indent,
	             (size_t)(e - s - p->block_indent));
	kith_buf_putc(&p->block_text, '\n');
	return 1;
}

/* "key: value" or "key:" at s; e is the content end. */
static int key_line(fparse *p, const char *s, const char *e, int indent)
{
	int other;
	const char *c = key_colon(s, (size_t)(e - s), &other);
	if (!c || other || c == s || c[-1] == ' ')
		return 0;
	if (bad_start(s[0]) || memchr(s, '#', (size_t)(c - s)))
		return 0;
	kith_ynode *k = scalar(p, s, (size_t)(c - s));
	if (!push(p, k))
		return 0;
	const char *v = c + 1;
	while (v < e && *v == ' ')
		v++;
	if (v == e) {
		p->open_key = k;
		p->open_indent = indent;
		return 1;
	}
	if (*v == '|')
		return block_header(p, v, e, indent);
	return value(p, v, e);
}

static int top_is(const fparse *p, kith_ynode_type t, int indent)
{
	return p->depth > 0 && p->st[p->depth - 1].indent == indent &&
	       p->st[p->depth - 1].node->type == t;
}

/* "- value" or "- key: value" at indent. */
static int item_line(fparse *p, const char *s, const char *e, int indent)
{
	if (!top_is(p, KITH_YNODE_SEQ, indent) &&
	    !open_coll(p, KITH_YNODE_SEQ, s, indent))
		return 0;
	const char *v = s + 1;
	while (v < e && *v == ' ')
		v++;
	if (v == e || v == s + 1 || *v == '-')
		return 0;
	const char *c = v;
	while (c < e && !(*c == ':' && (c + 1 == e || c[1] == ' ')))
		c++;
	if (c == e || v[0] == '[')
		return value(p, v, e);
	int kin = indent + (int)(v - s);
	return open_coll(p, KITH_YNODE_MAP, v, kin) && key_line(p, v, e, kin);
}

/* Closes what this line's indent ends and opens what the pending key
 * starts. */
static int place(fparse *p, int indent, int is_item)
{
	if (p->open_key) {
		int deeper = indent > p->open_indent;
		int compact = is_item && indent == p->open_indent;
		if (deeper && !is_item) {
			p->open_key = NULL;
			return 2; /* a nested map opens here */
		}
		if (deeper || compact) {
			p->open_key = NULL;
			return 3; /* a nested sequence opens here */
		}
		if (!settle_open_key(p))
			return 0;
	}
	while (p->depth > 0 && p->st[p->depth - 1].indent > indent)
		if (!close_top(p))
			return 0;
	/* a key after a sequence written at its key's indent ends it */
	if (!is_item && top_is(p, KITH_YNODE_SEQ, indent) && p->depth >= 2 &&
	    p->st[p->depth - 2].indent == indent && !close_top(p))
		return 0;
	if (is_item && p->depth > 0 && top_is(p, KITH_YNODE_MAP, indent))
		return 0;
	return p->depth > 0 && p->st[p->depth - 1].indent == indent ? 1 : 0;
}

static int one_line(fparse *p, const char *s, const char *e)
{
	const char *b = s;
	while (b < e && *b == ' ')
		b++;
	const char *ce = content_end(b, e);
	if (ce == b)
		return 1; /* blank or comment */
	int indent = (int)(b - s);
	if (indent == 0 && (e - b >= 3) &&
	    (memcmp(b, "---", 3) == 0 || memcmp(b, "...", 3) == 0))
		return 0;
	int is_item = b[0] == '-' && (b + 1 == ce || b[1] == ' ');
	int r = place(p, indent, is_item);
	if (r == 0 && p->root) /* a second root, or text after the end */
		return 0;
	if (r == 0 && p->depth > 0)
		return 0; /* an indent that matches no open collection */
	if (r == 0 || r == 2) {
		if (is_item || !open_coll(p, KITH_YNODE_MAP, b, indent))
			return 0;
	}
	if (is_item)
		return item_line(p, b, ce, indent);
	return top_is(p, KITH_YNODE_MAP, indent) && key_line(p, b, ce, indent);
}

static int parse_lines(fparse *p, const char *text, size_t len)
{
	const char *s = text, *end = text + len;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		p->line++;
		p->lp = s;
		p->le = e;
		int r = p->block ? block_line(p, s, e) : 0;
		if (r < 0 || (r == 0 && !one_line(p, s, e)))
			return 0;
		s = nl ? nl + 1 : end;
	}
	if (p->block && !block_end(p))
		return 0;
	if (!settle_open_key(p))
		return 0;
	while (p->depth > 0)
		if (!close_top(p))
			return 0;
	return !p->root || p->root->type == KITH_YNODE_MAP;
}

int kith_yaml_fast(kith_journal *j, uint32_t file, const char *text, size_t len,
                   uint32_t line_off, kith_ynode **root)
{
	if (!prescan(text, len))
		return 0;
	fparse p;
	memset(&p, 0, sizeof(p));
	p.j = j;
	p.file = file;
	p.line_off = line_off;
	int ok = parse_lines(&p, text, len);
	free(p.pend);
	kith_ydup_free(&p.dup);
	kith_buf_free(&p.block_text);
	if (ok)
		*root = p.root;
	return ok;
}
