/* Markdown journals: splits a file into dated entries by the one line
 * grammar (load/mdline.h) and builds one interaction, with its follow-ups,
 * per entry. Lines are scanned once; PCRE2 runs only on candidate lines. */
#include <stdio.h>
#include <string.h>

#include "load/load.h"
#include "load/md_internal.h"
#include "load/mdline.h"
#include "util/text.h"

/* Bounds on one match: see load/mdline.c; here the metadata fast path
 * and the code-span scan. */
#define MD_MAX_META_KEYS 32
#define MD_MAX_TICKS 256 /* longest backtick run treated as a code span */

enum { MODE_PREAMBLE, MODE_ENTRY, MODE_SKIP };

typedef struct {
	kith_journal *j;
	uint32_t file;
	uint32_t line;  /* 1-based number of the current line */
	const char *lp; /* current line, without its line break */
	size_t ln;
	int mode;
	kith_mdline *l; /* the current line, as the grammar classified it */
	/* current entry */
	uint32_t ixi; /* index in j->interactions */
	kith_day date;
	int in_meta;
	const char *meta_p;
	uint32_t meta_line;
	const char *body_first, *body_end; /* non-blank body span */
	uint32_t body_line;                /* where body_first is */
	/* code spans: fail[k] == gen means no closing run of k backticks
	 * follows on this line (bounds the scan, as cmark does) */
	uint32_t gen;
	uint32_t fail[MD_MAX_TICKS + 1];
	/* The reference lists of the entry (and task) being read grow in
	 * these buffers, reused for the next one; when it ends the entry's
	 * lists are packed into one block in the journal arena (a task's
	 * into its own), sized exactly: nothing to free one by one. */
	kith_ix_lists ls;
	kith_refs who;
	uint32_t lent;    /* interaction the buffers are for, or KITH_NONE */
	kith_arena *tree; /* metadata trees, one block at a time */
	const char *end;  /* the end of the text */
} md_state;

static kith_pos at(const md_state *st, size_t off)
{
	return (kith_pos){st->file, st->line, (uint32_t)off + 1};
}

static uint32_t span(size_t n)
{
	return n ? (uint32_t)n : 1;
}

/* A NUL-terminated copy for message arguments, cut at a sane length. */
static const char *cstr(char *buf, size_t cap, const char *p, size_t n)
{
	if (n > cap - 4)
		snprintf(buf, cap, "%.*s...", (int)(cap - 4), p);
	else
		snprintf(buf, cap, "%.*s", (int)n, p);
	return buf;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int all_blank(const char *p, size_t a, size_t b)
{
	while (a < b && is_blank(p[a]))
		a++;
	return a == b;
}

static int is_lower_digit(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static int is_alnum(char c)
{
	return is_lower_digit(c) || (c >= 'A' && c <= 'Z');
}

static kith_interaction *cur_ix(md_state *st)
{
	return &st->j->interactions.v[st->ixi];
}

/* A grammar pattern failed on this line (the PCRE2 match limit): never
 * taken for a silent non-match. */
static void regex_limit(md_state *st, const kith_mdline *l)
{
	kith_diag *g = KITH_DIAG(st->j, KITH_D_REGEX_LIMIT, at(st, 0), 1,
	                         l->err_pattern, l->err_msg);
	kith_diag_hint(g, "shorten or split this line");
}

/* ---- @handles and #words, outside `inline code` ---- */

typedef struct {
	const char *p;
	size_t n, i;
} ref_iter;

/* Skips the backtick run at i and, when a run of the same length closes
 * it on this line, the whole code span. */
static size_t skip_code(md_state *st, const char *p, size_t n, size_t i)
{
	size_t k = 0;
	while (i + k < n && p[i + k] == '`')
		k++;
	if (k > MD_MAX_TICKS || st->fail[k] == st->gen)
		return i + k;
	for (size_t s = i + k; s < n;) {
		const char *q = memchr(p + s, '`', n - s);
		if (!q)
			break;
		size_t b = (size_t)(q - p), m = 0;
		while (b + m < n && p[b + m] == '`')
			m++;
		if (m == k)
			return b + m;
		s = b + m;
	}
	st->fail[k] = st->gen;
	return i + k;
}

/* The bytes of handles and #words, one table look-up a byte:
 * CH_HANDLE [a-z0-9], CH_WORD [A-Za-z0-9], CH_JOIN '.', '_', '-'. */
enum { CH_HANDLE = 1, CH_WORD = 2, CH_JOIN = 4 };
/* clang-format off */
static const unsigned char ch_class[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 4, 0,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0, 0,
	0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 4,
	0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0,
	/* 128..255: none */
};
/* clang-format on */

/* Length of the handle (or, for tags, word) at q, without a trailing '.'
 * or '-' (sentence punctuation); 0 when there is none. */
static size_t word_len(const char *q, size_t m, int tag)
{
	const unsigned char *u = (const unsigned char *)q;
	unsigned first = tag ? CH_WORD : CH_HANDLE, more = first | CH_JOIN;
	if (!m || !(ch_class[u[0]] & first))
		return 0;
	size_t w = 1;
	while (w < m && (ch_class[u[w]] & more))
		w++;
	while (q[w - 1] == '.' || q[w - 1] == '-')
		w--;
	return w;
}

/* The offset of the next '@', '#' (with tags) or '`' at or after it->i,
 * it->n when there is none: one pass for the three (util/text.h), so a
 * line is scanned in linear time, not byte by byte. */
static size_t ref_jump(ref_iter *it, int tags)
{
	return it->i + kith_find3(it->p + it->i, it->n - it->i, '@',
	                          tags ? '#' : '@', '`');
}

/* Next reference; returns its sigil ('@' or '#') or 0 at the end. An '@'
 * after a letter or digit is an e-mail address, '#' after one (C#) or
 * after '&' (&#39;) is no tag. */
static int ref_next(md_state *st, ref_iter *it, int tags, size_t *off,
                    size_t *len)
{
	const char *p = it->p;
	while (it->i < it->n) {
		size_t i = ref_jump(it, tags);
		if (i >= it->n)
			break;
		char c = p[i];
		if (c == '`') {
			it->i = skip_code(st, p, it->n, i);
			continue;
		}
		it->i = i + 1;
		if (i > 0 && (is_alnum(p[i - 1]) || (p[i - 1] & 0x80) ||
		              (c == '#' && p[i - 1] == '&')))
			continue;
		size_t w = word_len(p + i + 1, it->n - i - 1, c == '#');
		if (!w)
			continue;
		*off = i;
		*len = w + 1;
		it->i = i + 1 + w;
		return c;
	}
	it->i = it->n;
	return 0;
}

static void ref_begin(md_state *st, ref_iter *it, const char *p, size_t n)
{
	it->p = p;
	it->n = n;
	it->i = 0;
	st->gen++;
}

/* ---- the names references hold ---- */

/* A reference's name (a handle, a #word) as the model keeps it: one copy
 * per distinct name in the journal arena (the table lives as long as the
 * load, per arena: the language server's cache gives each file its own),
 * not a slice of the text. Check, due and report look names up again and
 * again; with the copies they never read a file's pages after its
 * records are built, and the loader gives those pages back. */
/* The low k bytes of a word. */
static const uint64_t low_mask[9] = {0,
                                     0xff,
                                     0xffff,
                                     0xffffff,
                                     0xffffffffu,
                                     0xffffffffffull,
                                     0xffffffffffffull,
                                     0xffffffffffffffull,
                                     ~0ull};

/* A name's key: its length and first 12 bytes, zero-padded, in two
 * words (a slot of the table is the same 16 bytes: one load compares).
 * Read as two words when 16 bytes of text follow p, as most do. */
static inline kith_name name_key(const char *p, size_t n, const char *end)
{
	kith_name key = {{0, 0}, NULL};
	size_t m = n < 12 ? n : 12;
	if (end - p >= 16) {
		uint64_t a, b;
		memcpy(&a, p, 8);
		memcpy(&b, p + 4, 8);
		key.w[0] = (uint32_t)n | (a & low_mask[m < 4 ? m : 4]) << 32;
		key.w[1] = b & low_mask[m > 4 ? m - 4 : 0];
		return key;
	}
	unsigned char buf[16] = {0};
	uint32_t n32 = (uint32_t)n;
	memcpy(buf, &n32, 4);
	memcpy(buf + 4, p, m);
	memcpy(key.w, buf, sizeof key.w);
	return key;
}

static inline uint32_t name_slot(kith_name key, uint32_t cap)
{
	uint32_t bits = (uint32_t)__builtin_ctz(cap);
	/* the top bits of two Fibonacci products: every key bit counts */
	uint64_t h = key.w[0] * 0x9e3779b97f4a7c15ull ^
	             (key.w[1] + 0x632be59bd9b4e019ull) * 0xbf58476d1ce4e5b9ull;
	return (uint32_t)(h >> (64 - bits));
}

static void names_grow(kith_journal *j)
{
	uint32_t cap = j->names_cap ? j->names_cap * 2 : 1024;
	kith_name *t = kith_xcalloc(cap, sizeof *t);
	for (uint32_t i = 0; i < j->names_cap; i++) {
		if (!j->names[i].w[0])
			continue;
		uint32_t k = name_slot(j->names[i], cap);
		while (t[k].w[0])
			k = (k + 1) & (cap - 1);
		t[k] = j->names[i];
	}
	free(j->names);
	j->names = t;
	j->names_cap = cap;
}

static kith_str intern_slow(md_state *st, const char *p, size_t n)
{
	kith_journal *j = st->j;
	if (j->names_arena != j->arena) {
		kith_md_names_drop(j);
		j->names_arena = j->arena;
	}
	if (4 * (j->names_n + 1) > j->names_cap) /* short probes */
		names_grow(j);
	kith_name key = name_key(p, n, st->end);
	uint32_t mask = j->names_cap - 1, k = name_slot(key, j->names_cap);
	for (; j->names[k].w[0]; k = (k + 1) & mask)
		if (j->names[k].w[0] == key.w[0] &&
		    j->names[k].w[1] == key.w[1] &&
		    (n <= 12 || !memcmp(j->names[k].text + 12, p + 12, n - 12)))
			return (kith_str){j->names[k].text, (uint32_t)n};
	key.text = kith_arena_strndup(j->arena, p, n);
	j->names[k] = key;
	j->names_n++;
	return (kith_str){key.text, (uint32_t)n};
}

/* Most names are short and found in their first slot. */
static inline kith_str intern(md_state *st, const char *p, size_t n)
{
	const kith_journal *j = st->j;
	if (n <= 12 && j->names_cap && j->names_arena == j->arena) {
		kith_name key = name_key(p, n, st->end);
		uint32_t k = name_slot(key, j->names_cap);
		if (j->names[k].w[0] == key.w[0] &&
		    j->names[k].w[1] == key.w[1])
			return (kith_str){j->names[k].text, (uint32_t)n};
	}
	return intern_slow(st, p, n);
}

void kith_md_names_drop(kith_journal *j)
{
	free(j->names);
	j->names = NULL;
	j->names_cap = j->names_n = 0;
	j->names_arena = NULL;
}

static void push_ref(kith_refs *v, md_state *st, const char *p, size_t len,
                     size_t col_off)
{
	kith_ref *r = kith_vec_push(v);
	r->s = intern(st, p + 1, len - 1);
	r->pos = at(st, col_off);
	r->len = (uint32_t)len;
}

static void lend(kith_refs *list, const kith_refs *buf)
{
	*list = *buf;
	list->n = 0;
}

/* Takes the buffer back from list and leaves list an exact arena copy. */
static void settle(md_state *st, kith_refs *list, kith_refs *buf)
{
	kith_refs out = {NULL, 0, 0};
	*buf = *list;
	if (list->n) {
		size_t bytes = list->n * sizeof *out.v;
		out.v = kith_arena_alloc(st->j->arena, bytes);
		memcpy(out.v, list->v, bytes);
		out.n = list->n;
		out.cap = KITH_VEC_IN_ARENA;
	}
	*list = out;
}

static void lend_entry(md_state *st)
{
	for (int l = 0; l < KITH_IXR__COUNT; l++)
		st->ls.l[l].n = 0;
	st->ls.kind = kith_ref_none;
	st->lent = st->ixi;
}

static void settle_entry(md_state *st)
{
	if (st->lent == KITH_NONE)
		return;
	kith_ix_pack(st->j->arena, &st->j->interactions.v[st->lent], &st->ls);
	st->lent = KITH_NONE;
}

/* ---- entry heading and title ---- */

static void parse_title(md_state *st, size_t t0, size_t t1)
{
	kith_journal *j = st->j;
	kith_interaction *ix = cur_ix(st);
	const char *p = st->lp;
	while (t1 > t0 && is_blank(p[t1 - 1]))
		t1--;
	if (t1 > t0)
		ix->title.s = (kith_str){p + t0, (uint32_t)(t1 - t0)};
	ref_iter it;
	size_t off, len;
	int c;
	ref_begin(st, &it, p + t0, t1 - t0);
	while ((c = ref_next(st, &it, 1, &off, &len))) {
		const char *w = p + t0 + off;
		if (c == '@') {
			push_ref(&st->ls.l[KITH_IXR_WITH], st, w, len,
			         t0 + off);
			continue;
		}
		kith_str word = {w + 1, (uint32_t)len - 1};
		if (kith_find_kind(j, word) == KITH_NONE)
			push_ref(&st->ls.l[KITH_IXR_TAGS], st, w, len,
			         t0 + off);
		else if (!st->ls.kind.s.p)
			st->ls.kind =
			    (kith_ref){intern(st, word.p, word.n),
			               at(st, t0 + off), (uint32_t)len};
	}
}

static void stray_heading(md_state *st)
{
	kith_diag *g = KITH_DIAG(st->j, KITH_D_STRAY_HEADING, at(st, 0), 2);
	kith_diag_hint(g, "start an entry with '## YYYY-MM-DD Title', or use "
	                  "'###' for a sub-section");
}

static void bad_entry(md_state *st, const kith_mdline *l)
{
	const char *p = st->lp;
	char buf[80];
	if (l->bad_date) {
		kith_diag *g = KITH_DIAG(
		    st->j, KITH_D_BAD_ENTRY_DATE, at(st, l->date.off),
		    span(l->date.len),
		    cstr(buf, sizeof buf, p + l->date.off, l->date.len));
		kith_diag_hint(g, "write the date as YYYY-MM-DD, a day that "
		                  "exists in the calendar");
	}
	if (l->bad_time) {
		kith_diag *g = KITH_DIAG(
		    st->j, KITH_D_BAD_TIME, at(st, l->time.off),
		    span(l->time.len),
		    cstr(buf, sizeof buf, p + l->time.off, l->time.len));
		kith_diag_hint(g,
		               "write the time as HH:MM, from 00:00 to 23:59");
	}
}

static void start_entry(md_state *st, const kith_mdline *l)
{
	kith_journal *j = st->j;
	st->mode = MODE_SKIP;
	if (l->entry == KITH_MDL_NOT_ENTRY) {
		if (!l->err)
			stray_heading(st);
		return;
	}
	if (l->entry == KITH_MDL_BAD_ENTRY) {
		bad_entry(st, l);
		return;
	}
	settle_entry(st);
	st->ixi = j->interactions.n;
	kith_interaction *ix = kith_vec_push(&j->interactions);
	ix->date = l->day;
	ix->minute = (int16_t)l->minute; /* -1 .. 23 * 60 + 59 */
	ix->pos = at(st, 0);
	ix->file = st->file;
	ix->fu_first = j->followups.n;
	ix->kind_idx = KITH_NONE;
	lend_entry(st);
	parse_title(st, l->title.off, l->title.off + l->title.len);
	st->date = l->day;
	st->mode = MODE_ENTRY;
	st->body_first = NULL;
}

/* ---- metadata block ---- */

/* A plain scalar that YAML reads as the same text in block and flow
 * context: ASCII, starts with a letter, digit or '_', no indicator that
 * could start a comment, a mapping, a flow collection or a quote. */
static int plain_ok(const char *p, size_t n)
{
	if (!n || !(is_alnum(p[0]) || p[0] == '_'))
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c < 0x20 || c > 0x7e || strchr(",[]{}#\"'`|>", c))
			return 0;
		if (c == ':' && (i + 1 == n || p[i + 1] == ' '))
			return 0;
	}
	return 1;
}

typedef struct {
	size_t k0, k1, v0, v1; /* key and value, offsets in the line */
	const char *line;
	int list;
	uint32_t items;
} meta_line;

/* Checks one flow list "[a, b]" and counts its items. */
static int flow_ok(const char *p, size_t n, uint32_t *items)
{
	size_t i = 1, e = n - 1;
	*items = 0;
	if (all_blank(p, i, e))
		return 1;
	while (i <= e) {
		const char *c = memchr(p + i, ',', e - i);
		size_t j = c ? (size_t)(c - p) : e, a = i, b = j;
		while (a < b && p[a] == ' ')
			a++;
		while (b > a && p[b - 1] == ' ')
			b--;
		if (!plain_ok(p + a, b - a))
			return 0;
		(*items)++;
		i = j + 1;
	}
	return 1;
}

static int meta_parse_line(const char *p, size_t n, meta_line *m)
{
	size_t i = 1;
	if (!n || !is_alnum(p[0]) || (p[0] >= '0' && p[0] <= '9'))
		return 0;
	while (i < n && (is_alnum(p[i]) || p[i] == '_' || p[i] == '-'))
		i++;
	if (i + 2 > n || p[i] != ':' || p[i + 1] != ' ')
		return 0;
	m->line = p;
	m->k0 = 0;
	m->k1 = i;
	for (i += 2; i < n && p[i] == ' ';)
		i++;
	while (n > i && p[n - 1] == ' ')
		n--;
	m->v0 = i;
	m->v1 = n;
	m->list = n > i && p[i] == '[';
	if (m->list)
		return p[n - 1] == ']' && flow_ok(p + i, n - i, &m->items);
	return plain_ok(p + i, n - i);
}

/* A node of a metadata tree: the node in `tree` (a scratch arena, reset
 * once the block is in the model), a value's text in the journal arena
 * (the model keeps it); a key's text is only looked up, so in `tree`.
 * An item of a flow list is a slice of the file itself (text NULL): the
 * model keeps it only as a reference (with, goals, tags), read with its
 * length, and its diagnostics copy it; this spares a copy of every tag. */
typedef struct {
	kith_arena *tree, *text;
	uint32_t file;
} meta_arenas;

static kith_ynode *ynode(const meta_arenas *a, kith_arena *text,
                         kith_ynode_type type, kith_pos pos, const char *s,
                         size_t n)
{
	kith_ynode *y = kith_arena_alloc(a->tree, sizeof *y);
	y->type = type;
	y->pos = pos;
	y->len = span(n);
	if (type == KITH_YNODE_SCALAR)
		y->s = (kith_str){text ? kith_arena_strndup(text, s, n) : s,
		                  (uint32_t)n};
	return y;
}

static kith_ynode *flow_node(const meta_arenas *a, uint32_t line,
                             const meta_line *m)
{
	const char *p = m->line;
	kith_pos pos = {a->file, line, (uint32_t)m->v0 + 1};
	kith_ynode *seq =
	    ynode(a, a->tree, KITH_YNODE_SEQ, pos, NULL, m->v1 - m->v0);
	seq->kids = kith_arena_alloc(a->tree, (m->items + 1) * sizeof(void *));
	for (size_t i = m->v0 + 1; seq->nkids < m->items;) {
		const char *c = memchr(p + i, ',', m->v1 - 1 - i);
		size_t e = c ? (size_t)(c - p) : m->v1 - 1, x = i, y = e;
		while (p[x] == ' ')
			x++;
		while (p[y - 1] == ' ')
			y--;
		pos.col = (uint32_t)x + 1;
		seq->kids[seq->nkids++] =
		    ynode(a, NULL, KITH_YNODE_SCALAR, pos, p + x, y - x);
		i = e + 1;
	}
	return seq;
}

kith_ynode *kith_md_meta_fast(kith_journal *j, kith_arena *tree, uint32_t file,
                              const char *p, size_t n, uint32_t line)
{
	meta_line m[MD_MAX_META_KEYS];
	uint32_t nm = 0;
	const meta_arenas a = {tree, j->arena, file};
	for (size_t i = 0; i < n;) {
		const char *nl = memchr(p + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - p) : n, len = e - i;
		while (len && p[i + len - 1] == '\r')
			len--;
		if (nm == MD_MAX_META_KEYS ||
		    !meta_parse_line(p + i, len, &m[nm]))
			return NULL;
		for (uint32_t k = 0; k < nm; k++)
			if (m[k].k1 == m[nm].k1 &&
			    !memcmp(m[k].line, m[nm].line, m[k].k1))
				return NULL; /* the parser reports duplicates */
		nm++;
		i = e + 1;
	}
	if (!nm)
		return NULL;
	kith_ynode *map =
	    ynode(&a, tree, KITH_YNODE_MAP, (kith_pos){file, line, 1}, NULL, 1);
	map->kids = kith_arena_alloc(tree, 2 * nm * sizeof(void *));
	for (uint32_t k = 0; k < nm; k++) {
		const meta_line *ml = &m[k];
		kith_pos pos = {file, line + k, 1};
		map->kids[map->nkids++] =
		    ynode(&a, tree, KITH_YNODE_SCALAR, pos, ml->line, ml->k1);
		pos.col = (uint32_t)ml->v0 + 1;
		map->kids[map->nkids++] =
		    ml->list ? flow_node(&a, line + k, ml)
		             : ynode(&a, j->arena, KITH_YNODE_SCALAR, pos,
		                     ml->line + ml->v0, ml->v1 - ml->v0);
	}
	return map;
}

static void end_meta(md_state *st, const char *end)
{
	st->in_meta = 0;
	kith_journal *j = st->j;
	size_t n = (size_t)(end - st->meta_p);
	kith_ynode *root = kith_md_meta_fast(j, st->tree, st->file, st->meta_p,
	                                     n, st->meta_line);
	if (root) { /* the model keeps the values' text, not the tree */
		kith_model_md_meta(j, root, cur_ix(st), &st->ls);
		kith_arena_reset(st->tree);
		return;
	}
	root = kith_yaml_parse(j, st->file, st->meta_p, n, st->meta_line - 1);
	if (root)
		kith_model_md_meta(j, root, cur_ix(st), &st->ls);
}

/* ---- follow-ups ---- */

typedef struct {
	size_t off, len; /* whole token, for carets */
	size_t v0, v1;   /* value */
	int seen;
} md_token;

static kith_diag *bad_token_date(md_state *st, const md_token *t)
{
	char buf[80];
	return KITH_DIAG(st->j, KITH_D_BAD_DATE, at(st, t->v0),
	                 span(t->v1 - t->v0),
	                 cstr(buf, sizeof buf, st->lp + t->v0, t->v1 - t->v0));
}

enum { REL_PAST_END = -10 };

/* due:+N(d|w|m), relative to the entry date. Returns 0, -1 when
 * malformed, REL_PAST_END when it lands after 9999-12-31. */
static int parse_rel(const char *p, size_t n, kith_day base, kith_day *out)
{
	if (n < 3 || n > 6 || p[0] != '+')
		return -1;
	kith_dur d = {0, KITH_UNIT_DAY};
	for (size_t i = 1; i + 1 < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		d.n = d.n * 10 + (p[i] - '0');
	}
	switch (p[n - 1]) {
	case 'd':
		d.unit = KITH_UNIT_DAY;
		break;
	case 'w':
		d.unit = KITH_UNIT_WEEK;
		break;
	case 'm':
		d.unit = KITH_UNIT_MONTH;
		break;
	default:
		return -1;
	}
	return kith_dur_add_checked(base, d, out) ? REL_PAST_END : 0;
}

static void fu_due(md_state *st, kith_followup *fu, md_token *t)
{
	const char *v = st->lp + t->v0;
	size_t n = t->v1 - t->v0;
	kith_day day;
	int ok = n && v[0] == '+' ? parse_rel(v, n, st->date, &day)
	                          : kith_date_parse(v, n, &day);
	if (ok == REL_PAST_END) {
		kith_diag *g = bad_token_date(st, t);
		kith_diag_hint(g, "it falls after 9999-12-31, the last date "
		                  "kith knows; give a nearer due date");
		return;
	}
	if (ok != 0) {
		kith_diag_hint(bad_token_date(st, t),
		               "write 'due:YYYY-MM-DD', or 'due:+N' and d, w "
		               "or m for a date after the entry");
		return;
	}
	fu->due = (kith_dval){day, at(st, t->v0)};
	if (day < st->date) {
		char a[11], b[11];
		kith_date_fmt(day, a);
		kith_date_fmt(st->date, b);
		kith_diag *g = KITH_DIAG(st->j, KITH_D_DUE_BEFORE_ENTRY,
		                         at(st, t->off), span(t->len), a, b);
		kith_diag_hint(g,
		               "a follow-up falls due on or after its "
		               "entry; 'due:+Nd' counts from the entry date");
	}
}

static void fu_done(md_state *st, kith_followup *fu, md_token *t)
{
	kith_day day;
	if (kith_date_parse(st->lp + t->v0, t->v1 - t->v0, &day) != 0) {
		kith_diag_hint(bad_token_date(st, t),
		               "write 'done:YYYY-MM-DD'");
		return;
	}
	if (!fu->checked) {
		kith_diag *g = KITH_DIAG(st->j, KITH_D_DONE_ON_OPEN,
		                         at(st, t->off), span(t->len));
		kith_diag_hint(g, "check the item ('- [x]') or remove 'done:'");
		return;
	}
	fu->done = (kith_dval){day, at(st, t->v0)};
}

/* Reads the due:/done: tokens of [t0, t1); returns where the run of
 * tokens that ends the item starts (t1 when there is none). */
static size_t fu_tokens(md_state *st, kith_followup *fu, size_t t0, size_t t1)
{
	const char *p = st->lp;
	md_token tok[2] = {{0}};
	size_t off = t0, run = t1, prev_end = t0;
	while (off < t1) {
		kith_mdl_token mt;
		int r = kith_mdl_next_token(st->l, p, t1, off, &mt);
		if (r < 0)
			regex_limit(st, st->l);
		if (r <= 0)
			break;
		md_token t = {mt.off, mt.len, mt.v0, mt.v1, 1};
		int is_due = mt.is_due;
		off = mt.off + mt.len;
		if (run == t1 || !all_blank(p, prev_end, t.off))
			run = t.off;
		prev_end = off;
		if (tok[is_due].seen) {
			kith_diag *g = KITH_DIAG(st->j, KITH_D_DUPLICATE_KEY,
			                         at(st, t.off), span(t.len),
			                         is_due ? "due" : "done");
			kith_diag_hint(g, "give a follow-up one 'due:' and "
			                  "one 'done:'");
			continue;
		}
		tok[is_due] = t;
		if (is_due)
			fu_due(st, fu, &t);
		else
			fu_done(st, fu, &t);
	}
	if (run == t1 || !all_blank(p, prev_end, t1))
		return t1;
	return run;
}

static void task_item(md_state *st, const kith_mdline *l)
{
	kith_journal *j = st->j;
	const char *p = st->lp;
	size_t mcol = l->marker.off;
	int checked = l->checked;
	size_t t0 = l->text.off, t1 = l->text.off + l->text.len;
	kith_followup *fu = kith_vec_push(&j->followups);
	fu->interaction = st->ixi;
	fu->pos = at(st, mcol);
	fu->checked = checked;
	fu->due.day = fu->done.day = KITH_NO_DAY;
	cur_ix(st)->fu_count++;
	size_t e = fu_tokens(st, fu, t0, t1);
	while (e > t0 && is_blank(p[e - 1]))
		e--;
	if (e == t0) /* nothing but tokens: keep them as the text */
		e = t1;
	/* a copy: due and report show every open task's text, and would
	 * read all of the file's pages again for it */
	fu->text = (kith_val){
	    {kith_arena_strndup(j->arena, p + t0, e - t0), (uint32_t)(e - t0)},
	    at(st, t0),
	    span(e - t0)};
	ref_iter it;
	size_t off, len;
	ref_begin(st, &it, p + t0, t1 - t0);
	lend(&fu->who, &st->who);
	while (ref_next(st, &it, 0, &off, &len))
		push_ref(&fu->who, st, p + t0 + off, len, t0 + off);
	settle(st, &fu->who, &st->who);
	if (checked && fu->done.day == KITH_NO_DAY) {
		fu->done.day =
		    fu->due.day != KITH_NO_DAY ? fu->due.day : st->date;
		fu->done.pos = fu->pos;
	}
}

static void mentions(md_state *st, size_t k)
{
	ref_iter it;
	size_t off, len;
	ref_begin(st, &it, st->lp + k, st->ln - k);
	while (ref_next(st, &it, 0, &off, &len))
		push_ref(&st->ls.l[KITH_IXR_MENTIONS], st, st->lp + k + off,
		         len, k + off);
}

/* ---- lines ---- */

static void body_mark(md_state *st)
{
	if (!st->body_first) {
		st->body_first = st->lp;
		st->body_line = st->line;
	}
	st->body_end = st->lp + st->ln;
}

static void end_entry(md_state *st, const char *end)
{
	if (st->in_meta)
		end_meta(st, end);
	if (st->mode == MODE_ENTRY && st->body_first) {
		kith_interaction *ix = cur_ix(st);
		size_t n = (size_t)(st->body_end - st->body_first);
		ix->notes.s = (kith_str){st->body_first, (uint32_t)n};
		ix->notes_line = st->body_line;
	}
	st->mode = MODE_SKIP;
	st->body_first = NULL;
}

static void too_long(md_state *st)
{
	kith_diag *g = KITH_DIAG(st->j, KITH_D_TOO_LONG, at(st, 0), 1,
	                         "1 MiB (one Markdown line)");
	kith_diag_hint(g, "break the line in two; it is skipped");
}

/* Front matter that swallowed entries is a mistake that loses them
 * silently (a '---' thematic break on line 1 and another one further
 * down): warn at the first entry heading inside, counting the others. */
typedef struct {
	uint32_t first, more; /* diagnostic index, later headings */
} fm_entries;

static void front_line(md_state *st, const kith_mdline *l, fm_entries *fm,
                       uint32_t close_line)
{
	kith_diags *d = &st->j->diags;
	if (l->level != 2 || l->entry == KITH_MDL_NOT_ENTRY)
		return;
	if (fm->first != UINT32_MAX) {
		fm->more++;
		return;
	}
	kith_diag *g = KITH_DIAG(st->j, KITH_D_ENTRY_IN_FRONT_MATTER, at(st, 0),
	                         span(l->date.off + l->date.len));
	kith_diag_hint(g,
	               "the '---' on line 1 opens front matter that "
	               "runs to line %u; close it before the first "
	               "entry, or remove the '---' on line 1 if it is "
	               "not front matter",
	               (unsigned)close_line);
	fm->first = d->list.n - 1;
}

static void heading_line(md_state *st, const kith_mdline *l)
{
	if (l->level > 2) { /* '###' and deeper: body text */
		if (st->mode == MODE_ENTRY) {
			body_mark(st);
			if (memchr(st->lp, '@', st->ln))
				mentions(st, 0);
		}
		return;
	}
	end_entry(st, st->lp);
	if (l->level == 2)
		start_entry(st, l);
}

/* Text of the entry's notes: code, HTML, tasks and other body lines. */
static void body(md_state *st, const kith_mdline *l)
{
	size_t k = 0;
	if (st->mode != MODE_ENTRY || l->blank)
		return;
	body_mark(st);
	if (l->kind == KITH_MDL_TASK)
		task_item(st, l);
	if (l->kind == KITH_MDL_CODE || l->kind == KITH_MDL_FENCE_CLOSE ||
	    l->kind == KITH_MDL_FENCE_OPEN)
		return;
	while (k < st->ln && is_blank(st->lp[k]))
		k++;
	if (memchr(st->lp + k, '@', st->ln - k))
		mentions(st, k);
}

static void md_line(md_state *st, kith_mdline *l)
{
	st->lp = l->p;
	st->ln = l->n;
	st->line = l->line;
	st->l = l;
	if (l->err)
		regex_limit(st, l);
	if (st->in_meta && l->kind != KITH_MDL_META)
		end_meta(st, l->p);
	switch (l->kind) {
	case KITH_MDL_TOO_LONG:
		too_long(st);
		break;
	case KITH_MDL_HEADING:
		heading_line(st, l);
		break;
	case KITH_MDL_META:
		if (!st->in_meta) {
			st->in_meta = 1;
			st->meta_p = l->p;
			st->meta_line = l->line;
		}
		break;
	case KITH_MDL_FENCE_OPEN:
	case KITH_MDL_CODE:
	case KITH_MDL_FENCE_CLOSE:
	case KITH_MDL_HTML:
	case KITH_MDL_TASK:
	case KITH_MDL_BODY:
		body(st, l);
		break;
	case KITH_MDL_BLANK:
	case KITH_MDL_FRONT:
	case KITH_MDL__COUNT:
		break;
	}
}

static void unclosed_fence(md_state *st, const kith_mdscan *s)
{
	kith_diag *g =
	    KITH_DIAG(st->j, KITH_D_UNCLOSED_FENCE,
	              ((kith_pos){st->file, s->fence_line, s->fence_col}),
	              (uint32_t)s->fence_len);
	kith_diag_hint(g,
	               "close the code block with a line of at "
	               "least %zu '%c'",
	               s->fence_len, s->fence_ch);
}

void kith_load_md(kith_journal *j, uint32_t file)
{
	md_state *st = kith_xcalloc(1, sizeof *st);
	st->lent = KITH_NONE;
	st->tree = kith_arena_new_sized(4096);
	fm_entries fm = {UINT32_MAX, 0};
	kith_mdscan s;
	kith_mdline l;

	st->j = j;
	st->file = file;
	st->end = j->files.v[file].text + j->files.v[file].len;
	st->mode = MODE_PREAMBLE;
	/* the PCRE2 patterns compile on first use (mdline.c); a failure
	 * comes back from the line that needed one, as regex-limit */
	const char *p = j->files.v[file].text;
	size_t len = j->files.v[file].len, bom = kith_mdl_bom(p, len);
	/* Columns on line 1 count from after a BOM, as editors show them. */
	kith_mdscan_init_valid(&s, p + bom, len - bom); /* see include.c */
	while (kith_mdscan_next(&s, &l)) {
		if (l.kind == KITH_MDL_FRONT) {
			st->lp = l.p;
			st->ln = l.n;
			st->line = l.line;
			front_line(st, &l, &fm, s.front_lines);
			continue;
		}
		md_line(st, &l);
	}
	if (fm.more)
		kith_diag_note(&j->diags.list.v[fm.first],
		               "and %u more entry headings in the front matter",
		               (unsigned)fm.more);
	if (s.fence)
		unclosed_fence(st, &s);
	end_entry(st, p + len);
	settle_entry(st);
	for (int k = 0; k < KITH_IXR__COUNT; k++)
		kith_vec_free(&st->ls.l[k]);
	kith_vec_free(&st->who);
	kith_arena_free(st->tree);
	free(st);
}
