/* Markdown journals: splits a file into dated entries by the line grammar of
 * grammar/journal.ebnf and builds one interaction, with its follow-ups, per
 * entry. Lines are scanned once; PCRE2 runs only on candidate lines. */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <stdio.h>
#include <string.h>

#include "load/load.h"
#include "load/md_internal.h"

/* Keep in sync with grammar/journal.ebnf: the unit tests compare them. */
const char *const kith_md_pattern_names[KITH_MD_PAT__COUNT] = {
    "entry-heading", "fence", "task-item", "due-done", "meta-key",
};
const char *const kith_md_patterns[KITH_MD_PAT__COUNT] = {
    "^##[ \\t]+(\\d{4}-\\d{1,2}-\\d{1,2})(?:[ \\t]+(\\d{1,2}:\\d{1,2}))?"
    "(?=[ \\t]|$)[ \\t]*(.*)$",
    "^ {0,3}(?:(`{3,})(?!.*`)|(~{3,}))(.*)$",
    "^([ \\t]*)([-*+])[ \\t]+\\[([ xX])\\](?:[ \\t]+(.*))?$",
    "(?<![^ \\t(])(due|done):([^ \\t]*)",
    "^([A-Za-z][A-Za-z0-9_-]*):(?: |$)",
};

/* Bounds on one match: the patterns are linear, so these only stop a
 * runaway on hostile input, reported as regex-limit. */
#define MD_MATCH_LIMIT 10000000u
#define MD_DEPTH_LIMIT 10000u
#define MD_MAX_META_KEYS 32
#define MD_MAX_TICKS 256 /* longest backtick run treated as a code span */

/* Compiled once per process, on first use. */
static struct {
	int state; /* 0 not yet compiled, 1 ready, -1 failed */
	pcre2_code *re[KITH_MD_PAT__COUNT];
	pcre2_match_data *md;
	pcre2_match_context *mc;
	char err[200];
} G;

static int grammar_init(void)
{
	if (G.state)
		return G.state;
	for (int i = 0; i < KITH_MD_PAT__COUNT; i++) {
		int ec;
		PCRE2_SIZE eo;
		G.re[i] = pcre2_compile((PCRE2_SPTR)kith_md_patterns[i],
		                        PCRE2_ZERO_TERMINATED, PCRE2_UTF, &ec,
		                        &eo, NULL);
		if (!G.re[i]) {
			PCRE2_UCHAR msg[120];
			pcre2_get_error_message(ec, msg, sizeof msg);
			snprintf(G.err, sizeof G.err, "%s at offset %zu",
			         (char *)msg, (size_t)eo);
			G.state = -1;
			return -1;
		}
		/* JIT is optional: without it the interpreter runs. */
		(void)pcre2_jit_compile(G.re[i], PCRE2_JIT_COMPLETE);
	}
	G.md = pcre2_match_data_create(8, NULL);
	G.mc = pcre2_match_context_create(NULL);
	if (!G.md || !G.mc)
		kith_die_oom();
	pcre2_set_match_limit(G.mc, MD_MATCH_LIMIT);
	pcre2_set_depth_limit(G.mc, MD_DEPTH_LIMIT);
	G.state = 1;
	return 1;
}

void kith_md_set_match_limit(uint32_t limit)
{
	if (grammar_init() > 0)
		pcre2_set_match_limit(G.mc, limit ? limit : MD_MATCH_LIMIT);
}

void kith_md_grammar_free(void)
{
	for (int i = 0; i < KITH_MD_PAT__COUNT; i++)
		pcre2_code_free(G.re[i]);
	pcre2_match_data_free(G.md);
	pcre2_match_context_free(G.mc);
	memset(&G, 0, sizeof G);
}

enum { MODE_PREAMBLE, MODE_ENTRY, MODE_SKIP };

typedef struct {
	kith_journal *j;
	uint32_t file;
	uint32_t line;  /* 1-based number of the current line */
	const char *lp; /* current line, without its line break */
	size_t ln;
	int mode;
	/* open fenced code block */
	int fence_open;
	char fence_ch;
	size_t fence_len;
	uint32_t fence_line, fence_col;
	/* current entry */
	uint32_t ixi; /* index in j->interactions */
	kith_day date;
	int meta_pending; /* the next line may open a metadata block */
	int in_meta;
	const char *meta_p;
	uint32_t meta_line;
	const char *body_first, *body_end; /* non-blank body span */
	uint32_t body_line;
	size_t body_first_len;
	/* code spans: fail[k] == gen means no closing run of k backticks
	 * follows on this line (bounds the scan, as cmark does) */
	uint32_t gen;
	uint32_t fail[MD_MAX_TICKS + 1];
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

/* Runs pattern pat on [p, p+n) from off. 1 match, 0 none, -1 error
 * (reported: a limit is never taken for a silent non-match). */
static int md_match(md_state *st, int pat, const char *p, size_t n, size_t off)
{
	/* The caller validated the file as UTF-8; lines split at '\n'. */
	int rc = pcre2_match(G.re[pat], (PCRE2_SPTR)p, n, off,
	                     PCRE2_NO_UTF_CHECK, G.md, G.mc);
	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	PCRE2_UCHAR msg[120];
	pcre2_get_error_message(rc, msg, sizeof msg);
	kith_diag *g = KITH_DIAG(st->j, KITH_D_REGEX_LIMIT, at(st, 0), 1,
	                         kith_md_pattern_names[pat], (char *)msg);
	kith_diag_hint(g, "shorten or split this line");
	return -1;
}

static PCRE2_SIZE *ovec(void)
{
	return pcre2_get_ovector_pointer(G.md);
}

/* ---- @handles and #words, outside `inline code` ---- */

typedef struct {
	const char *p;
	size_t n, i;
	size_t nx[3]; /* next '@', '#' and '`' at or after i; NX_UNKNOWN */
} ref_iter;

#define NX_UNKNOWN ((size_t)-1)

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

/* Length of the handle (or, for tags, word) at q, without a trailing '.'
 * or '-' (sentence punctuation); 0 when there is none. */
static size_t word_len(const char *q, size_t m, int tag)
{
	if (!m || !(tag ? is_alnum(q[0]) : is_lower_digit(q[0])))
		return 0;
	size_t w = 1;
	while (w < m && ((tag ? is_alnum(q[w]) : is_lower_digit(q[w])) ||
	                 q[w] == '.' || q[w] == '_' || q[w] == '-'))
		w++;
	while (q[w - 1] == '.' || q[w - 1] == '-')
		w--;
	return w;
}

/* The offset of the next '@', '#' (with tags) or '`' at or after it->i,
 * it->n when there is none. Each sigil is searched with memchr once per
 * occurrence, so a line is scanned in linear time, not byte by byte. */
static size_t ref_jump(ref_iter *it, int tags)
{
	static const char sig[3] = {'@', '#', '`'};
	size_t best = it->n;
	for (int k = 0; k < 3; k++) {
		if (k == 1 && !tags)
			continue;
		if (it->nx[k] == NX_UNKNOWN || it->nx[k] < it->i) {
			const char *q =
			    memchr(it->p + it->i, sig[k], it->n - it->i);
			it->nx[k] = q ? (size_t)(q - it->p) : it->n;
		}
		if (it->nx[k] < best)
			best = it->nx[k];
	}
	return best;
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
	it->nx[0] = it->nx[1] = it->nx[2] = NX_UNKNOWN;
	st->gen++;
}

static void push_ref(kith_refs *v, const md_state *st, const char *p,
                     size_t len, size_t col_off)
{
	kith_ref *r = kith_vec_push(v);
	r->s = (kith_str){p + 1, (uint32_t)len - 1};
	r->pos = at(st, col_off);
	r->len = (uint32_t)len;
}

/* Vectors start at 8 slots; most entries name one or two people, and a
 * million-entry journal pays for the slack in page faults. */
static void refs_fit(kith_refs *v)
{
	if (v->n && v->n < v->cap) {
		v->v = kith_xrealloc(v->v, v->n * sizeof *v->v);
		v->cap = v->n;
	}
}

/* ---- entry heading and title ---- */

static void parse_title(md_state *st, size_t t0, size_t t1)
{
	kith_journal *j = st->j;
	kith_interaction *ix = cur_ix(st);
	const char *p = st->lp;
	while (t1 > t0 && is_blank(p[t1 - 1]))
		t1--;
	if (t1 > t0) {
		ix->title.s = (kith_str){p + t0, (uint32_t)(t1 - t0)};
		ix->title.pos = at(st, t0);
		ix->title.len = (uint32_t)(t1 - t0);
	}
	ref_iter it;
	size_t off, len;
	int c;
	ref_begin(st, &it, p + t0, t1 - t0);
	while ((c = ref_next(st, &it, 1, &off, &len))) {
		const char *w = p + t0 + off;
		if (c == '@') {
			push_ref(&ix->with, st, w, len, t0 + off);
			continue;
		}
		kith_str word = {w + 1, (uint32_t)len - 1};
		if (kith_find_kind(j, word) == KITH_NONE)
			push_ref(&ix->tags, st, w, len, t0 + off);
		else if (!ix->kind.s.p)
			ix->kind =
			    (kith_ref){word, at(st, t0 + off), (uint32_t)len};
	}
	refs_fit(&ix->with);
	refs_fit(&ix->tags);
}

static int parse_time(const char *p, size_t n, int *minute)
{
	if (n != 5 || p[2] != ':')
		return -1;
	int h = (p[0] - '0') * 10 + (p[1] - '0');
	int m = (p[3] - '0') * 10 + (p[4] - '0');
	if (h > 23 || m > 59)
		return -1;
	*minute = h * 60 + m;
	return 0;
}

static void stray_heading(md_state *st)
{
	kith_diag *g = KITH_DIAG(st->j, KITH_D_STRAY_HEADING, at(st, 0), 2);
	kith_diag_hint(g, "start an entry with '## YYYY-MM-DD Title', or use "
	                  "'###' for a sub-section");
}

static void start_entry(md_state *st)
{
	kith_journal *j = st->j;
	const char *p = st->lp;
	char buf[80];
	st->mode = MODE_SKIP;
	int r = md_match(st, KITH_MD_PAT_ENTRY, p, st->ln, 0);
	if (r <= 0) {
		if (r == 0)
			stray_heading(st);
		return;
	}
	PCRE2_SIZE *ov = ovec();
	size_t d0 = ov[2], d1 = ov[3], t0 = ov[6], t1 = ov[7];
	size_t h0 = ov[4], h1 = ov[5];
	kith_day day;
	int minute = -1, bad = 0;
	if (kith_date_parse(p + d0, d1 - d0, &day) != 0) {
		kith_diag *g = KITH_DIAG(
		    j, KITH_D_BAD_ENTRY_DATE, at(st, d0), span(d1 - d0),
		    cstr(buf, sizeof buf, p + d0, d1 - d0));
		kith_diag_hint(g, "write the date as YYYY-MM-DD, a day that "
		                  "exists in the calendar");
		bad = 1;
	}
	if (h0 != PCRE2_UNSET && parse_time(p + h0, h1 - h0, &minute) != 0) {
		kith_diag *g =
		    KITH_DIAG(j, KITH_D_BAD_TIME, at(st, h0), span(h1 - h0),
		              cstr(buf, sizeof buf, p + h0, h1 - h0));
		kith_diag_hint(g,
		               "write the time as HH:MM, from 00:00 to 23:59");
		bad = 1;
	}
	if (bad)
		return;
	st->ixi = j->interactions.n;
	kith_interaction *ix = kith_vec_push(&j->interactions);
	ix->date = day;
	ix->minute = minute;
	ix->pos = at(st, 0);
	ix->file = st->file;
	ix->fu_first = j->followups.n;
	ix->kind_idx = KITH_NONE;
	ix->event_idx = KITH_NONE;
	parse_title(st, t0, t1);
	st->date = day;
	st->mode = MODE_ENTRY;
	st->meta_pending = 1;
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

static kith_ynode *ynode(kith_journal *j, kith_ynode_type type, kith_pos pos,
                         const char *s, size_t n)
{
	kith_ynode *y = kith_arena_alloc(j->arena, sizeof *y);
	y->type = type;
	y->pos = pos;
	y->len = span(n);
	if (type == KITH_YNODE_SCALAR)
		y->s =
		    (kith_str){kith_arena_strndup(j->arena, s, n), (uint32_t)n};
	return y;
}

static kith_ynode *flow_node(kith_journal *j, uint32_t file, uint32_t line,
                             const meta_line *m)
{
	const char *p = m->line;
	kith_pos pos = {file, line, (uint32_t)m->v0 + 1};
	kith_ynode *seq = ynode(j, KITH_YNODE_SEQ, pos, NULL, m->v1 - m->v0);
	seq->kids = kith_arena_alloc(j->arena, (m->items + 1) * sizeof(void *));
	for (size_t i = m->v0 + 1; seq->nkids < m->items;) {
		const char *c = memchr(p + i, ',', m->v1 - 1 - i);
		size_t e = c ? (size_t)(c - p) : m->v1 - 1, a = i, b = e;
		while (p[a] == ' ')
			a++;
		while (p[b - 1] == ' ')
			b--;
		pos.col = (uint32_t)a + 1;
		seq->kids[seq->nkids++] =
		    ynode(j, KITH_YNODE_SCALAR, pos, p + a, b - a);
		i = e + 1;
	}
	return seq;
}

kith_ynode *kith_md_meta_fast(kith_journal *j, uint32_t file, const char *p,
                              size_t n, uint32_t line)
{
	meta_line m[MD_MAX_META_KEYS];
	uint32_t nm = 0;
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
	    ynode(j, KITH_YNODE_MAP, (kith_pos){file, line, 1}, NULL, 1);
	map->kids = kith_arena_alloc(j->arena, 2 * nm * sizeof(void *));
	for (uint32_t k = 0; k < nm; k++) {
		const meta_line *ml = &m[k];
		kith_pos pos = {file, line + k, 1};
		map->kids[map->nkids++] =
		    ynode(j, KITH_YNODE_SCALAR, pos, ml->line, ml->k1);
		pos.col = (uint32_t)ml->v0 + 1;
		map->kids[map->nkids++] =
		    ml->list ? flow_node(j, file, line + k, ml)
		             : ynode(j, KITH_YNODE_SCALAR, pos,
		                     ml->line + ml->v0, ml->v1 - ml->v0);
	}
	return map;
}

static void end_meta(md_state *st, const char *end)
{
	st->in_meta = 0;
	kith_journal *j = st->j;
	size_t n = (size_t)(end - st->meta_p);
	kith_ynode *root =
	    kith_md_meta_fast(j, st->file, st->meta_p, n, st->meta_line);
	if (!root)
		root = kith_yaml_parse(j, st->file, st->meta_p, n,
		                       st->meta_line - 1);
	if (root)
		kith_model_md_meta(j, root, cur_ix(st));
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
		int r = md_match(st, KITH_MD_PAT_TOKEN, p, t1, off);
		if (r <= 0)
			break;
		PCRE2_SIZE *ov = ovec();
		md_token t = {ov[0], ov[1] - ov[0], ov[4], ov[5], 1};
		int is_due = p[ov[2] + 1] == 'u';
		off = ov[1];
		while (t.v1 > t.v0 && p[t.v1 - 1] &&
		       strchr(".,;:!?)", p[t.v1 - 1]))
			t.v1--;
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

static void task_item(md_state *st)
{
	kith_journal *j = st->j;
	const char *p = st->lp;
	if (md_match(st, KITH_MD_PAT_TASK, p, st->ln, 0) <= 0)
		return;
	PCRE2_SIZE *ov = ovec();
	size_t mcol = ov[4];
	int checked = p[ov[6]] != ' ';
	size_t t0 = ov[8], t1 = ov[9];
	if (t0 == PCRE2_UNSET)
		t0 = t1 = st->ln;
	while (t1 > t0 && is_blank(p[t1 - 1]))
		t1--;
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
	fu->text =
	    (kith_val){{p + t0, (uint32_t)(e - t0)}, at(st, t0), span(e - t0)};
	ref_iter it;
	size_t off, len;
	ref_begin(st, &it, p + t0, t1 - t0);
	while (ref_next(st, &it, 0, &off, &len))
		push_ref(&fu->who, st, p + t0 + off, len, t0 + off);
	refs_fit(&fu->who);
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
	kith_interaction *ix = cur_ix(st);
	ref_begin(st, &it, st->lp + k, st->ln - k);
	while (ref_next(st, &it, 0, &off, &len))
		push_ref(&ix->mentions, st, st->lp + k + off, len, k + off);
}

/* ---- fences ---- */

static int fence_opens(md_state *st)
{
	if (md_match(st, KITH_MD_PAT_FENCE, st->lp, st->ln, 0) <= 0)
		return 0;
	PCRE2_SIZE *ov = ovec();
	int tick = ov[2] != PCRE2_UNSET;
	size_t r0 = tick ? ov[2] : ov[4], r1 = tick ? ov[3] : ov[5];
	st->fence_open = 1;
	st->fence_ch = tick ? '`' : '~';
	st->fence_len = r1 - r0;
	st->fence_line = st->line;
	st->fence_col = (uint32_t)r0 + 1;
	return 1;
}

/* A closing fence: up to 3 spaces, a run of the opening character at
 * least as long, then only blanks. */
static int fence_closes(const md_state *st)
{
	const char *p = st->lp;
	size_t n = st->ln, i = 0, r;
	while (i < n && i < 3 && p[i] == ' ')
		i++;
	for (r = i; r < n && p[r] == st->fence_ch; r++)
		;
	return r - i >= st->fence_len && all_blank(p, r, n);
}

/* ---- lines ---- */

/* 1 or 2 for a level-1/level-2 ATX heading at column 1, else 0. */
static int heading_level(const char *p, size_t n)
{
	size_t h = 0;
	while (h < n && h < 3 && p[h] == '#')
		h++;
	if (h > 2 || (h < n && !is_blank(p[h])))
		return 0;
	return (int)h;
}

static void body_mark(md_state *st)
{
	if (!st->body_first) {
		st->body_first = st->lp;
		st->body_line = st->line;
		st->body_first_len = st->ln;
	}
	st->body_end = st->lp + st->ln;
}

static void end_entry(md_state *st, const char *end)
{
	if (st->in_meta)
		end_meta(st, end);
	st->meta_pending = 0;
	if (st->mode == MODE_ENTRY)
		refs_fit(&cur_ix(st)->mentions);
	if (st->mode == MODE_ENTRY && st->body_first) {
		kith_interaction *ix = cur_ix(st);
		size_t n = (size_t)(st->body_end - st->body_first);
		ix->notes.s = (kith_str){st->body_first, (uint32_t)n};
		ix->notes.pos = (kith_pos){st->file, st->body_line, 1};
		ix->notes.len = span(st->body_first_len);
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

static int may_open_meta(md_state *st)
{
	const char *p = st->lp;
	if (!st->ln || !is_alnum(p[0]) || (p[0] >= '0' && p[0] <= '9'))
		return 0;
	return md_match(st, KITH_MD_PAT_META, p, st->ln, 0) > 0;
}

static void body_line(md_state *st, size_t k)
{
	const char *p = st->lp;
	size_t n = st->ln;
	char c = p[k];
	if ((c == '-' || c == '*' || c == '+') && k + 2 < n &&
	    is_blank(p[k + 1]))
		task_item(st);
	if (memchr(p + k, '@', n - k))
		mentions(st, k);
}

static void md_line(md_state *st)
{
	const char *p = st->lp;
	size_t n = st->ln, k = 0;
	if (n > KITH_MAX_LINE) {
		too_long(st);
		if (st->in_meta)
			end_meta(st, p);
		st->meta_pending = 0;
		return;
	}
	if (st->fence_open) {
		if (fence_closes(st))
			st->fence_open = 0;
		if (st->mode == MODE_ENTRY && !all_blank(p, 0, n))
			body_mark(st);
		return;
	}
	if (n && p[0] == '#') {
		int level = heading_level(p, n);
		if (level) {
			end_entry(st, p);
			if (level == 2)
				start_entry(st);
			return;
		}
	}
	while (k < n && is_blank(p[k]))
		k++;
	if (st->in_meta) {
		if (k == n)
			end_meta(st, p);
		return;
	}
	if (st->meta_pending) {
		st->meta_pending = 0;
		if (k == 0 && may_open_meta(st)) {
			st->in_meta = 1;
			st->meta_p = p;
			st->meta_line = st->line;
			return;
		}
	}
	if (k == n)
		return;
	if (st->mode == MODE_ENTRY)
		body_mark(st);
	if (k <= 3 && (p[k] == '`' || p[k] == '~') && fence_opens(st))
		return;
	if (st->mode == MODE_ENTRY)
		body_line(st, k);
}

static int marker_line(const char *q, size_t n, const char *mark)
{
	size_t i = 3;
	if (n < 3 || memcmp(q, mark, 3) != 0)
		return 0;
	while (i < n && (is_blank(q[i]) || q[i] == '\r'))
		i++;
	return i == n;
}

/* Front matter that swallowed entries is a mistake that loses them
 * silently (a '---' thematic break on line 1 and another one further
 * down): warn at the first entry heading inside, counting the others. */
static void entries_in_front_matter(md_state *st, const char *p,
                                    const char *close, uint32_t close_line)
{
	kith_diags *d = &st->j->diags;
	uint32_t first = UINT32_MAX, more = 0;
	for (const char *q = p; q < close; st->line++) {
		const char *nl = memchr(q, '\n', (size_t)(close - q));
		const char *le = nl ? nl : close;
		st->lp = q;
		st->ln = (size_t)(le - q);
		while (st->ln && q[st->ln - 1] == '\r')
			st->ln--;
		q = nl ? nl + 1 : close;
		if (st->ln < 3 || st->lp[0] != '#' || st->lp[1] != '#' ||
		    md_match(st, KITH_MD_PAT_ENTRY, st->lp, st->ln, 0) <= 0)
			continue;
		if (first != UINT32_MAX) {
			more++;
			continue;
		}
		kith_diag *g = KITH_DIAG(st->j, KITH_D_ENTRY_IN_FRONT_MATTER,
		                         at(st, 0), span(ovec()[3]));
		kith_diag_hint(g,
		               "the '---' on line 1 opens front matter that "
		               "runs to line %u; close it before the first "
		               "entry, or remove the '---' on line 1 if it is "
		               "not front matter",
		               (unsigned)close_line);
		first = d->list.n - 1;
	}
	if (more)
		kith_diag_note(&d->list.v[first],
		               "and %u more entry headings in the front matter",
		               (unsigned)more);
}

/* A '---' line that is physically line 1 (after a BOM) opens YAML front
 * matter, closed by '---' or '...'; without a closing line it is ordinary
 * preamble text. */
static const char *front_matter(md_state *st, const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	if (!nl || !marker_line(p, (size_t)(nl - p), "---"))
		return p;
	uint32_t lines = 1;
	for (const char *q = nl + 1; q < end;) {
		const char *qn = memchr(q, '\n', (size_t)(end - q));
		const char *le = qn ? qn : end;
		lines++;
		if (marker_line(q, (size_t)(le - q), "---") ||
		    marker_line(q, (size_t)(le - q), "...")) {
			st->line = 2;
			entries_in_front_matter(st, nl + 1, q, lines);
			st->line = lines;
			return qn ? qn + 1 : end;
		}
		q = qn ? qn + 1 : end;
	}
	return p;
}

void kith_load_md(kith_journal *j, uint32_t file)
{
	md_state *st = kith_xcalloc(1, sizeof *st);
	st->j = j;
	st->file = file;
	st->mode = MODE_PREAMBLE;
	if (grammar_init() < 0) {
		kith_diag *g =
		    KITH_DIAG(j, KITH_D_REGEX_LIMIT, ((kith_pos){file, 0, 0}),
		              1, "*", G.err);
		kith_diag_hint(g, "this is a bug in kith; please report it");
		free(st);
		return;
	}
	const char *p = j->files.v[file].text;
	const char *end = p + j->files.v[file].len;
	/* Columns on line 1 count from after a BOM, as editors show them. */
	if (end - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	p = front_matter(st, p, end);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		st->line++;
		st->lp = p;
		st->ln = (size_t)(le - p);
		/* every CR before the LF belongs to the line end */
		while (st->ln && p[st->ln - 1] == '\r')
			st->ln--;
		md_line(st);
		p = nl ? nl + 1 : end;
	}
	if (st->fence_open) {
		kith_diag *g =
		    KITH_DIAG(j, KITH_D_UNCLOSED_FENCE,
		              ((kith_pos){file, st->fence_line, st->fence_col}),
		              (uint32_t)st->fence_len);
		kith_diag_hint(g,
		               "close the code block with a line of at "
		               "least %zu '%c'",
		               st->fence_len, st->fence_ch);
	}
	end_entry(st, end);
	free(st);
}
