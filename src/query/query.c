/* The query language (grammar/query.ebnf): a tokenizer and
 * a depth-bounded recursive-descent parser building an n-ary tree in the
 * journal arena, and allocation-free evaluation per item. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "query/query.h"

/* Parenthesis nesting limit: keeps parsing and evaluation depth bounded. */
#define MAX_DEPTH 64
/* PCRE2 limits: a catastrophic pattern fails fast instead of hanging. */
#define MATCH_LIMIT 200000
#define DEPTH_LIMIT 5000

enum {
	Q_ALL,
	Q_AND,
	Q_OR,
	Q_NOT,
	Q_KIND,
	Q_WITH,
	Q_ROLE,
	Q_TAG,
	Q_ORG,
	Q_GOAL,
	Q_EVENT,
	Q_DATE,
	Q_TEXT,
	Q_REGEX
};

typedef struct qnode {
	int op;
	struct qnode *kid;  /* first operand of AND, OR, NOT */
	struct qnode *next; /* next operand of the parent */
	kith_str val;
	kith_period per;
	pcre2_code *re;
} qnode;

struct kith_query {
	qnode *root;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	KITH_VEC(pcre2_code *) res;
	kith_query_refs refs;
	/* Terms that a contact or an event answers through its interactions;
	 * the index from item to interactions is built on first use. */
	int contact_via, event_via;
	uint32_t *c_off, *c_ix, *e_off, *e_ix;
	/* Most items one evaluation lost to the match limit (metrics). */
	uint32_t limit_items;
};

/* ---- tokens ---- */

enum { T_END, T_LP, T_RP, T_OR, T_AND, T_NOT, T_TERM };

typedef struct {
	int type;
	size_t col, len;
} tok;

typedef struct {
	kith_journal *j;
	kith_day as_of; /* for relative periods in date: terms */
	kith_query *q;
	const char *s;
	size_t n, pos;
	tok cur;
	int depth;
	int failed;
	size_t ecol, elen;
	const char *emsg;
} parser;

static int set_err(parser *p, size_t col, size_t len, const char *msg)
{
	if (p->failed)
		return -1;
	p->failed = 1;
	if (col >= p->n)
		col = p->n ? p->n - 1 : 0;
	if (len < 1)
		len = 1;
	if (col + len > p->n && p->n)
		len = p->n - col;
	p->ecol = col;
	p->elen = len ? len : 1;
	p->emsg = msg;
	return -1;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

static int word_end(char c)
{
	return is_space(c) || c == '(' || c == ')';
}

/* Scans a quoted run starting at s[i] == '"'; returns the index after the
 * closing quote, or 0 when it is unclosed. */
static size_t scan_quote(parser *p, size_t i)
{
	for (i++; i < p->n; i++)
		if (p->s[i] == '"')
			return i + 1;
	return 0;
}

static int lex_regex(parser *p, size_t i)
{
	size_t k = i + 1;
	while (k < p->n && p->s[k] != '/') {
		if (p->s[k] == '\\' && k + 1 < p->n)
			k++;
		k++;
	}
	if (k >= p->n)
		return set_err(p, i, 1, "unclosed '/'");
	for (k++; k < p->n && !word_end(p->s[k]); k++)
		;
	p->cur = (tok){T_TERM, i, k - i};
	return 0;
}

static int lex_word(parser *p, size_t i)
{
	size_t k = i;
	while (k < p->n && !word_end(p->s[k])) {
		if (p->s[k] == '"') {
			size_t e = scan_quote(p, k);
			if (!e)
				return set_err(p, k, 1, "unclosed '\"'");
			k = e;
			continue;
		}
		k++;
	}
	p->cur = (tok){T_TERM, i, k - i};
	if (k - i == 2 && memcmp(p->s + i, "or", 2) == 0)
		p->cur.type = T_OR;
	else if (k - i == 3 && memcmp(p->s + i, "and", 3) == 0)
		p->cur.type = T_AND;
	else if (k - i == 3 && memcmp(p->s + i, "not", 3) == 0)
		p->cur.type = T_NOT;
	return 0;
}

/* Reads the next token into p->cur; on a lexical error p->failed is set
 * and the token is T_END. */
static void advance(parser *p)
{
	size_t i = p->cur.col + p->cur.len;
	while (i < p->n && is_space(p->s[i]))
		i++;
	p->cur = (tok){T_END, i, 0};
	if (p->failed || i >= p->n)
		return;
	switch (p->s[i]) {
	case '(':
		p->cur = (tok){T_LP, i, 1};
		return;
	case ')':
		p->cur = (tok){T_RP, i, 1};
		return;
	case '-':
		if (i + 1 >= p->n || is_space(p->s[i + 1]) ||
		    p->s[i + 1] == ')') {
			set_err(p, i, 1, "expected a term after '-'");
			p->cur = (tok){T_END, i, 0};
			return;
		}
		p->cur = (tok){T_NOT, i, 1};
		return;
	case '/':
		if (lex_regex(p, i))
			p->cur = (tok){T_END, i, 0};
		return;
	default:
		if (lex_word(p, i))
			p->cur = (tok){T_END, i, 0};
		return;
	}
}

/* ---- terms ---- */

static const struct {
	const char *name;
	int op;
	int ref; /* kith_query_ref kind, -1 for none */
} fields[] = {
    {"kind", Q_KIND, 1},   {"with", Q_WITH, 0},  {"role", Q_ROLE, 2},
    {"tag", Q_TAG, -1},    {"org", Q_ORG, -1},   {"goal", Q_GOAL, 3},
    {"event", Q_EVENT, 4}, {"date", Q_DATE, -1},
};

static qnode *new_node(parser *p, int op)
{
	qnode *n = kith_arena_alloc(p->j->arena, sizeof(*n));
	n->op = op;
	return n;
}

static kith_str slice(parser *p, size_t col, size_t len)
{
	return (kith_str){p->s + col, (uint32_t)len};
}

static void add_ref(parser *p, int kind, kith_str name, size_t col, size_t len)
{
	kith_query_ref *r = kith_vec_push(&p->q->refs);
	r->kind = kind;
	r->name = name;
	r->col = col;
	r->len = len;
}

static int compile_regex(parser *p, qnode *n, size_t col, size_t len)
{
	const char *s = p->s + col;
	size_t close = len - 1, k;
	uint32_t opts =
	    PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_NEVER_BACKSLASH_C;
	int ec;
	PCRE2_SIZE eoff;
	PCRE2_UCHAR buf[160];

	/* The same scan as lex_regex: the first unescaped '/'. */
	for (close = 1; s[close] != '/'; close++)
		if (s[close] == '\\')
			close++;
	for (k = close + 1; k < len; k++) {
		if (s[k] != 'i')
			return set_err(p, col + k, 1,
			               "unknown regex flag (only 'i' is "
			               "allowed)");
		opts |= PCRE2_CASELESS;
	}
	if (close == 1)
		return set_err(p, col, 2, "empty regex");
	n->re = pcre2_compile((PCRE2_SPTR)(s + 1), close - 1, opts, &ec, &eoff,
	                      NULL);
	if (!n->re) {
		pcre2_get_error_message(ec, buf, sizeof(buf));
		return set_err(p, col + 1 + eoff, 1,
		               kith_arena_printf(p->j->arena, "bad regex: %s",
		                                 (char *)buf));
	}
	*kith_vec_push(&p->q->res) = n->re;
	/* JIT when available (it honours the match limit); the interpreter
	 * is the fallback, so a JIT failure is not an error. */
	(void)pcre2_jit_compile(n->re, PCRE2_JIT_COMPLETE);
	if (!p->q->md) {
		p->q->md = pcre2_match_data_create(1, NULL);
		p->q->mctx = pcre2_match_context_create(NULL);
		if (!p->q->md || !p->q->mctx)
			kith_die_oom();
		pcre2_set_match_limit(p->q->mctx, MATCH_LIMIT);
		pcre2_set_depth_limit(p->q->mctx, DEPTH_LIMIT);
	}
	return 0;
}

static int date_term(parser *p, qnode *n, size_t col, size_t len)
{
	size_t ecol = 0, elen = 1;
	const char *err = NULL;
	if (kith_period_parse(p->s + col, len, p->as_of, &n->per, &ecol,
	                      &err) == 0)
		return 0;
	/* Underline the alphanumeric run at the fault, e.g. "13" or "W53". */
	while (ecol + elen < len && (p->s[col + ecol + elen] != '-' &&
	                             p->s[col + ecol + elen] != '.'))
		elen++;
	return set_err(p, col + ecol, elen,
	               kith_arena_printf(p->j->arena, "bad period: %s", err));
}

static int unknown_field(parser *p, size_t col, size_t flen)
{
	kith_suggest sg;
	kith_str f = slice(p, col, flen);
	kith_suggest_init(&sg);
	for (size_t i = 0; i < KITH_ARRAY_LEN(fields); i++)
		kith_suggest_try(&sg, f, kith_str_c(fields[i].name));
	if (sg.found)
		return set_err(p, col, flen,
		               kith_arena_printf(p->j->arena,
		                                 "unknown field '%.*s' (did "
		                                 "you mean '%.*s'?)",
		                                 KITH_S(f), KITH_S(sg.best)));
	return set_err(p, col, flen,
	               kith_arena_printf(p->j->arena,
	                                 "unknown field '%.*s' (fields: kind, "
	                                 "with, role, tag, org, goal, event, "
	                                 "date)",
	                                 KITH_S(f)));
}

/* The value of field:VALUE, @VALUE or #VALUE at [vcol, vcol+vlen). */
static int field_value(parser *p, qnode *n, int ref, size_t fcol, size_t vcol,
                       size_t vlen)
{
	size_t rcol = vcol, rlen = vlen;
	if (n->op == Q_WITH && vlen && p->s[vcol] == '@')
		vcol++, vlen--;
	if (vlen >= 2 && p->s[vcol] == '"' && p->s[vcol + vlen - 1] == '"')
		vcol++, vlen -= 2;
	if (vlen == 0)
		return set_err(
		    p, fcol, rcol + rlen - fcol,
		    kith_arena_printf(p->j->arena, "empty value after '%.*s'",
		                      (int)(rcol - fcol), p->s + fcol));
	n->val = slice(p, vcol, vlen);
	if (n->op == Q_KIND || n->op == Q_GOAL || n->op == Q_EVENT ||
	    n->op == Q_DATE)
		p->q->contact_via = 1;
	if (n->op == Q_KIND || n->op == Q_WITH || n->op == Q_ROLE ||
	    n->op == Q_ORG)
		p->q->event_via = 1;
	if (n->op == Q_DATE)
		return date_term(p, n, vcol, vlen);
	/* The reference spans the value as written, '@' included. */
	if (p->s[fcol] == '@')
		rcol = fcol, rlen++;
	if (ref >= 0)
		add_ref(p, ref, n->val, rcol, rlen);
	return 0;
}

static int field_term(parser *p, qnode *n, size_t col, size_t len, size_t flen)
{
	for (size_t i = 0; i < KITH_ARRAY_LEN(fields); i++) {
		if (strlen(fields[i].name) != flen ||
		    memcmp(fields[i].name, p->s + col, flen) != 0)
			continue;
		n->op = fields[i].op;
		return field_value(p, n, fields[i].ref, col, col + flen + 1,
		                   len - flen - 1);
	}
	return unknown_field(p, col, flen);
}

static size_t field_name_len(const char *s, size_t len)
{
	size_t k = 0;
	while (k < len &&
	       ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z')))
		k++;
	return k > 0 && k < len && s[k] == ':' ? k : 0;
}

static qnode *term(parser *p)
{
	size_t col = p->cur.col, len = p->cur.len, flen;
	const char *s = p->s + col;
	qnode *n = new_node(p, Q_TEXT);
	int rc = 0;

	if (s[0] == '/') {
		n->op = Q_REGEX;
		rc = compile_regex(p, n, col, len);
	} else if (s[0] == '"') {
		size_t close = scan_quote(p, col) - col;
		if (close < len)
			rc = set_err(p, col + close, 1,
			             "expected a space after the closing '\"'");
		else if (len == 2)
			rc = set_err(p, col, len, "empty phrase");
		n->val = slice(p, col + 1, len - 2);
	} else if (s[0] == '@') {
		n->op = Q_WITH;
		rc = field_value(p, n, 0, col, col + 1, len - 1);
	} else if (s[0] == '#') {
		n->op = Q_TAG;
		rc = field_value(p, n, -1, col, col + 1, len - 1);
	} else if ((flen = field_name_len(s, len)) > 0) {
		rc = field_term(p, n, col, len, flen);
	} else {
		n->val = slice(p, col, len);
	}
	if (rc)
		return NULL;
	advance(p);
	return p->failed ? NULL : n;
}

/* ---- grammar ---- */

static int term_start(const parser *p)
{
	return p->cur.type == T_TERM || p->cur.type == T_LP ||
	       p->cur.type == T_NOT;
}

/* Reports why no term starts at the current token. */
static qnode *need_term(parser *p, tok after, const char *what)
{
	if (p->failed)
		return NULL;
	if (after.len == 0 && p->cur.type == T_OR)
		set_err(p, p->cur.col, 2, "expected a term before 'or'");
	else if (after.len == 0 && p->cur.type == T_AND)
		set_err(p, p->cur.col, 3, "expected a term before 'and'");
	else if (after.len == 0 && p->cur.type == T_RP)
		set_err(p, p->cur.col, 1, "unmatched ')'");
	else
		set_err(p, after.col, after.len,
		        kith_arena_printf(p->j->arena,
		                          "expected a term after '%s'", what));
	return NULL;
}

static qnode *parse_or(parser *p);

static qnode *parse_group(parser *p)
{
	tok lp = p->cur;
	if (++p->depth > MAX_DEPTH) {
		set_err(p, lp.col, 1,
		        "parentheses nested too deeply (the limit is 64)");
		return NULL;
	}
	advance(p);
	if (p->failed)
		return NULL;
	if (p->cur.type == T_RP) {
		set_err(p, lp.col, p->cur.col + 1 - lp.col,
		        "empty parentheses");
		return NULL;
	}
	if (p->cur.type == T_END) {
		set_err(p, lp.col, 1, "unclosed '('");
		return NULL;
	}
	if (!term_start(p))
		return need_term(p, (tok){0, 0, 0}, "");
	qnode *n = parse_or(p);
	if (!n)
		return NULL;
	if (p->cur.type != T_RP) {
		set_err(p, lp.col, 1, "unclosed '('");
		return NULL;
	}
	p->depth--;
	advance(p);
	return p->failed ? NULL : n;
}

static qnode *parse_unary(parser *p)
{
	int nots = 0;
	tok last = p->cur;
	while (p->cur.type == T_NOT) {
		last = p->cur;
		nots++;
		advance(p);
		if (p->failed)
			return NULL;
	}
	if (!term_start(p))
		return need_term(p, nots ? last : (tok){0, 0, 0},
		                 last.len == 1 ? "-" : "not");
	qnode *n = p->cur.type == T_LP ? parse_group(p) : term(p);
	if (!n || nots % 2 == 0)
		return n;
	qnode *x = new_node(p, Q_NOT);
	x->kid = n;
	return x;
}

/* Builds an n-ary node of op from a first operand and its successors. */
static qnode *nary(parser *p, int op, qnode *first)
{
	if (!first->next)
		return first;
	qnode *n = new_node(p, op);
	n->kid = first;
	return n;
}

static qnode *parse_and(parser *p)
{
	qnode *first = parse_unary(p), *last = first;
	while (last) {
		if (p->cur.type == T_AND) {
			tok at = p->cur;
			advance(p);
			if (p->failed)
				return NULL;
			if (!term_start(p))
				return need_term(p, at, "and");
		} else if (!term_start(p)) {
			break;
		}
		last->next = parse_unary(p);
		last = last->next;
	}
	return last ? nary(p, Q_AND, first) : NULL;
}

static qnode *parse_or(parser *p)
{
	qnode *first = parse_and(p), *last = first;
	while (last && p->cur.type == T_OR) {
		tok at = p->cur;
		advance(p);
		if (p->failed)
			return NULL;
		if (!term_start(p))
			return need_term(p, at, "or");
		last->next = parse_and(p);
		last = last->next;
	}
	return last ? nary(p, Q_OR, first) : NULL;
}

static qnode *parse_query(parser *p)
{
	advance(p);
	if (p->failed)
		return NULL;
	if (p->cur.type == T_END)
		return new_node(p, Q_ALL);
	if (!term_start(p))
		return need_term(p, (tok){0, 0, 0}, "");
	qnode *n = parse_or(p);
	if (n && p->cur.type == T_RP) {
		set_err(p, p->cur.col, 1, "unmatched ')'");
		return NULL;
	}
	return n;
}

static void query_release(void *q)
{
	kith_query_free(q);
}

kith_query *kith_query_parse(kith_journal *j, const char *q, size_t n,
                             kith_day as_of, size_t *errcol, size_t *errlen,
                             const char **err)
{
	parser p;
	memset(&p, 0, sizeof(p));
	p.j = j;
	p.as_of = as_of;
	p.s = q ? q : "";
	p.n = q ? n : 0;
	p.q = kith_arena_alloc(j->arena, sizeof(*p.q));
	/* the journal owns the tree; its arena releases the regexes */
	kith_arena_defer(j->arena, query_release, p.q);
	p.q->root = parse_query(&p);
	if (p.q->root && !p.failed)
		return p.q;
	if (errcol)
		*errcol = p.ecol;
	if (errlen)
		*errlen = p.elen;
	if (err)
		*err = p.emsg ? p.emsg : "bad query";
	kith_query_free(p.q);
	return NULL;
}

void kith_query_free(kith_query *q)
{
	if (!q)
		return;
	for (uint32_t i = 0; i < q->res.n; i++)
		pcre2_code_free(q->res.v[i]);
	kith_vec_free(&q->res);
	kith_vec_free(&q->refs);
	pcre2_match_data_free(q->md);
	pcre2_match_context_free(q->mctx);
	free(q->c_off);
	free(q->c_ix);
	free(q->e_off);
	free(q->e_ix);
	q->md = NULL;
	q->mctx = NULL;
	q->c_off = q->c_ix = q->e_off = q->e_ix = NULL;
}

void kith_query_collect_refs(const kith_query *q, kith_query_refs *out)
{
	if (!q)
		return;
	for (uint32_t i = 0; i < q->refs.n; i++)
		*kith_vec_push(out) = q->refs.v[i];
}

/* ---- evaluation ---- */

static int refs_has(const kith_refs *r, kith_str s)
{
	for (uint32_t i = 0; i < r->n; i++)
		if (kith_str_eq(r->v[i].s, s))
			return 1;
	return 0;
}

static int re_match(const kith_query *q, const pcre2_code *re, kith_str s,
                    int *failed)
{
	int rc = pcre2_match(re, (PCRE2_SPTR)(s.p ? s.p : ""), s.n, 0, 0, q->md,
	                     q->mctx);
	/* 0 means a match with too small an ovector: still a match. */
	if (rc >= 0)
		return 1;
	if (rc != PCRE2_ERROR_NOMATCH && failed)
		*failed = 1;
	return 0;
}

static int text_match(const kith_query *q, const qnode *n, const kith_str *f,
                      int nf, int *failed)
{
	for (int i = 0; i < nf; i++) {
		if (n->op == Q_TEXT ? kith_str_icontains(f[i], n->val)
		                    : re_match(q, n->re, f[i], failed))
			return 1;
	}
	return 0;
}

typedef int (*contact_pred)(const kith_contact *c, const qnode *n);

static int contact_role(const kith_contact *c, const qnode *n)
{
	return refs_has(&c->roles, n->val);
}

static int contact_tag(const kith_contact *c, const qnode *n)
{
	return refs_has(&c->tags, n->val);
}

static int contact_org(const kith_contact *c, const qnode *n)
{
	return kith_str_icontains(c->org.s, n->val) && c->org.s.n > 0;
}

/* Contact terms reach an interaction through any of its participants. */
static int any_participant(const kith_journal *j, const kith_refs *with,
                           const qnode *n, contact_pred pred)
{
	for (uint32_t i = 0; i < with->n; i++) {
		uint32_t c = kith_find_contact(j, with->v[i].s);
		if (c != KITH_NONE && pred(&j->contacts.v[c], n))
			return 1;
	}
	return 0;
}

/* An interaction and the participants its terms see: its own, or (for
 * kith_query_match_ix) the people a follow-up concerns. */
typedef struct {
	const kith_interaction *ix;
	kith_refs with;
} ix_item;

static int term_ix(const kith_journal *j, const kith_query *q, const qnode *n,
                   const ix_item *it, int *failed)
{
	const kith_interaction *ix = it->ix;
	switch (n->op) {
	case Q_KIND:
		return kith_ix_kind(ix).s.p
		           ? kith_str_eq(kith_ix_kind(ix).s, n->val)
		           : kith_str_eqc(n->val, "note");
	case Q_WITH:
		return refs_has(&it->with, n->val);
	case Q_ROLE:
		return any_participant(j, &it->with, n, contact_role);
	case Q_TAG: {
		kith_refs tags = kith_ix_tags(ix);
		return refs_has(&tags, n->val) ||
		       any_participant(j, &it->with, n, contact_tag);
	}
	case Q_ORG:
		return any_participant(j, &it->with, n, contact_org);
	case Q_GOAL: {
		kith_refs goals = kith_ix_goals(ix);
		return refs_has(&goals, n->val);
	}
	case Q_EVENT:
		return kith_ix_event(ix)->s.p &&
		       kith_str_eq(kith_ix_event(ix)->s, n->val);
	case Q_DATE:
		return ix->date >= n->per.from && ix->date <= n->per.to;
	case Q_TEXT:
	case Q_REGEX: {
		kith_str f[2] = {ix->title.s, ix->notes.s};
		return text_match(q, n, f, 2, failed);
	}
	}
	return 0;
}

/* item: a const kith_interaction * for interactions, a const uint32_t *
 * index for contacts and events. */
typedef int (*term_fn)(const kith_journal *j, const kith_query *q,
                       const qnode *n, const void *item, int *failed);

/* Evaluates the tree; depth is bounded by the parser's nesting limit. */
static int eval(const kith_journal *j, const kith_query *q, const qnode *n,
                const void *item, term_fn fn, int *failed)
{
	const qnode *k;
	switch (n->op) {
	case Q_ALL:
		return 1;
	case Q_AND:
		for (k = n->kid; k; k = k->next)
			if (!eval(j, q, k, item, fn, failed))
				return 0;
		return 1;
	case Q_OR:
		for (k = n->kid; k; k = k->next)
			if (eval(j, q, k, item, fn, failed))
				return 1;
		return 0;
	case Q_NOT:
		return !eval(j, q, n->kid, item, fn, failed);
	default:
		return fn(j, q, n, item, failed);
	}
}

static int term_interaction(const kith_journal *j, const kith_query *q,
                            const qnode *n, const void *ix, int *failed)
{
	return term_ix(j, q, n, ix, failed);
}

int kith_query_match_interaction(const kith_journal *j, const kith_query *q,
                                 uint32_t ix, int *failed)
{
	if (!q)
		return 1;
	const kith_interaction *x = &j->interactions.v[ix];
	ix_item it = {x, kith_ix_with(x)};
	return eval(j, q, q->root, &it, term_interaction, failed);
}

int kith_query_match_ix(const kith_journal *j, const kith_query *q,
                        const kith_interaction *ix, const kith_refs *with,
                        int *failed)
{
	if (!q)
		return 1;
	ix_item it = {ix, with ? *with : kith_ix_with(ix)};
	return eval(j, q, q->root, &it, term_interaction, failed);
}

/* Builds a CSR index item -> interactions; key returns the item of one
 * participant slot (contacts) or of the interaction (events). */
static void build_index(const kith_journal *j, uint32_t nitems, int by_event,
                        uint32_t **off_out, uint32_t **ix_out)
{
	uint32_t *off = kith_xcalloc((size_t)nitems + 2, sizeof(*off));
	uint32_t *list = NULL, i, k, it;
	for (int pass = 0; pass < 2; pass++) {
		for (i = 0; i < j->interactions.n; i++) {
			const kith_interaction *x = &j->interactions.v[i];
			uint32_t nk = by_event ? 1 : kith_ix_with(x).n;
			for (k = 0; k < nk; k++) {
				it = by_event
				         ? (kith_ix_event(x)->s.p
				                ? kith_find_event(
				                      j, kith_ix_event(x)->s)
				                : KITH_NONE)
				         : kith_find_contact(
				               j, kith_ix_with(x).v[k].s);
				if (it == KITH_NONE || it >= nitems)
					continue;
				if (pass == 0)
					off[it + 2]++;
				else
					list[off[it + 1]++] = i;
			}
		}
		if (pass == 0) {
			for (i = 0; i < nitems; i++)
				off[i + 2] += off[i + 1];
			list = kith_xmalloc(((size_t)off[nitems + 1] + 1) *
			                    sizeof(*list));
		}
	}
	*off_out = off;
	*ix_out = list;
}

/* Any of the item's interactions [off[it], off[it+1]) matches the term. */
static int via_interactions(const kith_journal *j, const kith_query *q,
                            const qnode *n, const uint32_t *off,
                            const uint32_t *list, uint32_t it, int *failed)
{
	for (uint32_t i = off[it]; i < off[it + 1]; i++) {
		const kith_interaction *x = &j->interactions.v[list[i]];
		ix_item item = {x, kith_ix_with(x)};
		if (term_ix(j, q, n, &item, failed))
			return 1;
	}
	return 0;
}

static int term_contact(const kith_journal *j, const kith_query *q,
                        const qnode *n, const void *item, int *failed)
{
	uint32_t c = *(const uint32_t *)item;
	const kith_contact *ct = &j->contacts.v[c];
	switch (n->op) {
	case Q_WITH:
		return kith_str_eq(ct->handle, n->val);
	case Q_ROLE:
		return contact_role(ct, n);
	case Q_TAG:
		return contact_tag(ct, n);
	case Q_ORG:
		return contact_org(ct, n);
	case Q_TEXT:
	case Q_REGEX: {
		kith_str f[5] = {ct->handle, ct->name.s, ct->org.s, ct->title.s,
		                 ct->notes.s};
		return text_match(q, n, f, 5, failed);
	}
	default:
		return via_interactions(j, q, n, q->c_off, q->c_ix, c, failed);
	}
}

int kith_query_match_contact(const kith_journal *j, const kith_query *q,
                             uint32_t c, int *failed)
{
	if (!q)
		return 1;
	if (q->contact_via && !q->c_off) {
		/* Built once per query; like the match data, not thread-safe.
		 */
		kith_query *mq = (kith_query *)q;
		build_index(j, j->contacts.n, 0, &mq->c_off, &mq->c_ix);
	}
	return eval(j, q, q->root, &c, term_contact, failed);
}

static int event_overlaps(const kith_event *e, kith_period per)
{
	kith_day from = e->date.day, to = e->end.day;
	if (from == KITH_NO_DAY)
		return 0;
	if (to == KITH_NO_DAY || to < from)
		to = from;
	return from <= per.to && to >= per.from;
}

static int term_event(const kith_journal *j, const kith_query *q,
                      const qnode *n, const void *item, int *failed)
{
	uint32_t e = *(const uint32_t *)item;
	const kith_event *ev = &j->events.v[e];
	switch (n->op) {
	case Q_EVENT:
		return kith_str_eq(ev->id, n->val);
	case Q_TAG:
		return refs_has(&ev->tags, n->val);
	case Q_GOAL:
		return refs_has(&ev->goals, n->val);
	case Q_DATE:
		return event_overlaps(ev, n->per);
	case Q_TEXT:
	case Q_REGEX: {
		kith_str f[2] = {ev->title.s, ev->location.s};
		return text_match(q, n, f, 2, failed);
	}
	default:
		return via_interactions(j, q, n, q->e_off, q->e_ix, e, failed);
	}
}

int kith_query_match_event(const kith_journal *j, const kith_query *q,
                           uint32_t e, int *failed)
{
	if (!q)
		return 1;
	if (q->event_via && !q->e_off) {
		kith_query *mq = (kith_query *)q;
		build_index(j, j->events.n, 1, &mq->e_off, &mq->e_ix);
	}
	return eval(j, q, q->root, &e, term_event, failed);
}

void kith_query_note_limit(const kith_query *q, uint32_t items)
{
	/* Mutable bookkeeping on a const query, like the lazy indexes. */
	kith_query *mq = (kith_query *)q;
	if (mq && items > mq->limit_items)
		mq->limit_items = items;
}

uint32_t kith_query_limit_items(const kith_query *q)
{
	return q ? q->limit_items : 0;
}
