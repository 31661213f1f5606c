/* Completion: @handles, #kinds and tags, goal and event ids, due: values,
 * roles, enumerated values, and the YAML keys allowed where the cursor is
 * (from the loader's own key tables, so the two never disagree). */
#include <string.h>

#include "compute/compute.h"
#include "load/load.h"
#include "lsp/lsp.h"

enum {
	CI_PROPERTY = 10,
	CI_VALUE = 12,
	CI_KEYWORD = 14,
	CI_REFERENCE = 18,
	CI_ENUM_MEMBER = 20,
	CI_CLASS = 7,
	CI_EVENT = 23
};

typedef struct {
	kith_lsp *s;
	uint32_t file;
	const kith_lsp_lines *l;
	const char *t;
	uint32_t line; /* 0-based */
	size_t ls, le; /* line start and end (before the newline) */
	size_t off;    /* cursor */
	size_t ws;     /* start of the word being typed */
	json_t *items;
	json_t *range; /* replaced by each item: [ws or sigil, off) */
} ctx;

static void item(ctx *c, const char *label, int kind, const char *detail,
                 const char *doc, const char *insert)
{
	json_t *it = json_pack("{s:s,s:i,s:{s:O,s:s}}", "label", label, "kind",
	                       kind, "textEdit", "range", c->range, "newText",
	                       insert ? insert : label);
	if (detail && *detail)
		json_object_set_new(it, "detail", json_string(detail));
	if (doc && *doc)
		json_object_set_new(
		    it, "documentation",
		    json_pack("{s:s,s:s}", "kind", "markdown", "value", doc));
	json_array_append_new(c->items, it);
}

static void set_range(ctx *c, size_t from)
{
	uint32_t c0 = kith_lsp_u16col(c->l, c->line, from);
	uint32_t c1 = kith_lsp_u16col(c->l, c->line, c->off);
	json_decref(c->range);
	c->range = kith_lsp_range_json(c->line, c0, c->line, c1);
}

/* ---- candidates ---- */

static void handles(ctx *c, int at)
{
	const kith_journal *j = c->s->j;
	kith_touch *t = kith_touch_compute(j, c->s->as_of);
	uint32_t i;
	kith_buf lab = {0}, det = {0}, doc = {0};

	for (i = 0; i < j->contacts.n; i++) {
		const kith_contact *k = &j->contacts.v[i];
		char d[11];
		lab.n = det.n = doc.n = 0;
		kith_buf_printf(&lab, "%s%.*s", at ? "@" : "",
		                KITH_S(k->handle));
		if (k->name.s.p)
			kith_buf_printf(&det, "%.*s", KITH_S(k->name.s));
		if (k->org.s.p)
			kith_buf_printf(&det, "%s%.*s", det.n ? ", " : "",
			                KITH_S(k->org.s));
		kith_buf_puts(&doc, "last touch: ");
		if (t[i].last_touch == KITH_NO_DAY)
			kith_buf_puts(&doc, "never");
		else {
			kith_date_fmt(t[i].last_touch, d);
			kith_buf_puts(&doc, d);
		}
		if (t[i].due_on != KITH_NO_DAY) {
			kith_date_fmt(t[i].due_on, d);
			kith_buf_printf(&doc, "  \nnext due: %s%s", d,
			                t[i].state == 2   ? " (overdue)"
			                : t[i].state == 1 ? " (due)"
			                                  : "");
		}
		item(c, kith_buf_cstr(&lab), CI_REFERENCE, kith_buf_cstr(&det),
		     kith_buf_cstr(&doc), NULL);
	}
	kith_buf_free(&lab);
	kith_buf_free(&det);
	kith_buf_free(&doc);
	free(t);
}

static void named(ctx *c, const char *pre, kith_str name, int kind,
                  kith_str detail)
{
	kith_buf b = {0}, d = {0};
	kith_buf_printf(&b, "%s%.*s", pre, KITH_S(name));
	if (detail.p)
		kith_buf_printf(&d, "%.*s", KITH_S(detail));
	item(c, kith_buf_cstr(&b), kind, d.n ? d.p : NULL, NULL, NULL);
	kith_buf_free(&b);
	kith_buf_free(&d);
}

static void goals(ctx *c)
{
	uint32_t i;
	for (i = 0; i < c->s->j->goals.n; i++)
		named(c, "", c->s->j->goals.v[i].id, CI_CLASS,
		      c->s->j->goals.v[i].title.s);
}

static void events(ctx *c)
{
	uint32_t i;
	for (i = 0; i < c->s->j->events.n; i++)
		named(c, "", c->s->j->events.v[i].id, CI_EVENT,
		      c->s->j->events.v[i].title.s);
}

static void kinds(ctx *c, const char *pre)
{
	uint32_t i;
	for (i = 0; i < c->s->j->kinds.n; i++)
		named(c, pre, c->s->j->kinds.v[i].name, CI_KEYWORD,
		      kith_str_c("kind"));
}

static void roles(ctx *c)
{
	uint32_t i;
	for (i = 0; i < c->s->j->roles.n; i++)
		named(c, "", c->s->j->roles.v[i].name, CI_KEYWORD,
		      kith_str_c("role"));
}

static void tag_list(ctx *c, kith_map *seen, const kith_refs *r,
                     const char *pre)
{
	uint32_t i;
	for (i = 0; i < r->n; i++)
		if (kith_map_put(seen, r->v[i].s, 0, NULL) &&
		    kith_find_kind(c->s->j, r->v[i].s) == KITH_NONE)
			named(c, pre, r->v[i].s, CI_VALUE, kith_str_c("tag"));
}

static void tags(ctx *c, const char *pre)
{
	const kith_journal *j = c->s->j;
	kith_map seen = {0};
	uint32_t i;
	for (i = 0; i < j->contacts.n; i++)
		tag_list(c, &seen, &j->contacts.v[i].tags, pre);
	for (i = 0; i < j->events.n; i++)
		tag_list(c, &seen, &j->events.v[i].tags, pre);
	for (i = 0; i < j->interactions.n; i++) {
		kith_refs tags = kith_ix_tags(&j->interactions.v[i]);
		tag_list(c, &seen, &tags, pre);
	}
	kith_map_free(&seen);
}

static void dates(ctx *c, int relative)
{
	static const char *const rel[] = {"+1d", "+2d", "+3d", "+1w",
	                                  "+2w", "+1m", "+3m"};
	static const char *const what[] = {"today", "tomorrow", "next Monday",
	                                   "in a week", "in a month"};
	kith_day as_of = c->s->as_of;
	int wd = kith_weekday(as_of);
	kith_day days[5] = {
	    as_of, as_of + 1, as_of + 8 - wd, as_of + 7,
	    kith_dur_add(as_of, (kith_dur){1, KITH_UNIT_MONTH})};
	size_t i;
	char d[11];

	if (relative)
		for (i = 0; i < KITH_ARRAY_LEN(rel); i++)
			item(c, rel[i], CI_VALUE, "after the entry's date",
			     NULL, NULL);
	for (i = 0; i < KITH_ARRAY_LEN(days); i++) {
		kith_date_fmt(days[i], d);
		item(c, d, CI_VALUE, what[i], NULL, NULL);
	}
}

static void words(ctx *c, const char *const *w, size_t n, int kind)
{
	size_t i;
	for (i = 0; i < n; i++)
		item(c, w[i], kind, NULL, NULL, NULL);
}

/* ---- where the cursor is ---- */

typedef struct {
	size_t indent; /* column of the key */
	int dash;      /* a "- " list item */
	const char *key;
	size_t keylen; /* 0: no "key:" on the line */
	size_t colon;  /* offset of the key's colon */
} yline;

static int blank_or_comment(const char *p, size_t a, size_t e)
{
	while (a < e && (p[a] == ' ' || p[a] == '\t' || p[a] == '\r'))
		a++;
	return a == e || p[a] == '#';
}

static void parse_yline(const char *p, size_t a, size_t e, yline *y)
{
	size_t i = a, k;
	memset(y, 0, sizeof *y);
	while (i < e && p[i] == ' ')
		i++;
	if (i + 1 < e && p[i] == '-' && (p[i + 1] == ' ' || p[i + 1] == '\n')) {
		y->dash = 1;
		i += 2;
		while (i < e && p[i] == ' ')
			i++;
	} else if (i + 1 == e && p[i] == '-')
		y->dash = 1, i++;
	y->indent = i - a;
	for (k = i; k < e && (kith_lsp_word_char((unsigned char)p[k]) ||
	                      p[k] == '"' || p[k] == '\'');
	     k++)
		;
	if (k < e && p[k] == ':' && k > i &&
	    (k + 1 == e || p[k + 1] == ' ' || p[k + 1] == '\n' ||
	     p[k + 1] == '\r')) {
		y->key = p + i;
		y->keylen = k - i;
		y->colon = k;
	}
}

static size_t line_end_of(const kith_lsp_lines *l, uint32_t k)
{
	return k + 1 < l->nlines ? l->start[k + 1] - 1 : l->n;
}

#define MAX_PATH 8
typedef struct {
	const char *name[MAX_PATH]; /* "-" for a list item */
	size_t len[MAX_PATH];
	int n;
} ypath;

/* The chain of keys and list items above column `col` of line `line`,
 * outermost first; stops at line `top` (a Markdown metadata block). */
static void yaml_path(ctx *c, uint32_t line, size_t col, int dash, uint32_t top,
                      ypath *out)
{
	const char *rev[MAX_PATH];
	size_t rlen[MAX_PATH];
	int n = 0, i;
	size_t cur = col;
	uint32_t k = line;

	if (dash && col >= 2 && n < MAX_PATH) {
		rev[n] = "-", rlen[n++] = 1;
		cur = col - 2;
	}
	while (k > top && cur > 0 && n < MAX_PATH) {
		yline y;
		size_t a, e;
		k--;
		a = c->l->start[k];
		e = line_end_of(c->l, k);
		if (blank_or_comment(c->t, a, e))
			continue;
		parse_yline(c->t, a, e, &y);
		if (y.dash && y.indent - 2 < cur) {
			rev[n] = "-", rlen[n++] = 1;
			cur = y.indent - 2;
		} else if (!y.dash && y.indent < cur && y.keylen) {
			rev[n] = y.key, rlen[n++] = y.keylen;
			cur = y.indent;
		}
	}
	out->n = n;
	for (i = 0; i < n; i++) {
		out->name[i] = rev[n - 1 - i];
		out->len[i] = rlen[n - 1 - i];
	}
}

static int is(const ypath *p, int i, const char *w)
{
	return i < p->n && strlen(w) == p->len[i] &&
	       !memcmp(p->name[i], w, p->len[i]);
}

static int yctx_of(const ypath *p, int root)
{
	static const struct {
		const char *a, *b;
		int n, ctx;
	} table[] = {
	    {"kinds", NULL, 2, KITH_YCTX_KIND},
	    {"roles", NULL, 2, KITH_YCTX_ROLE},
	    {"follow-up-rules", NULL, 2, KITH_YCTX_RULE},
	    {"contacts", NULL, 2, KITH_YCTX_CONTACT},
	    {"goals", NULL, 2, KITH_YCTX_GOAL},
	    {"goals", "metrics", 4, KITH_YCTX_METRIC},
	    {"goals", "checkpoints", 4, KITH_YCTX_CHECKPOINT},
	    {"goals", "actions", 4, KITH_YCTX_ACTION},
	    {"events", NULL, 2, KITH_YCTX_EVENT},
	    {"interactions", NULL, 2, KITH_YCTX_INTERACTION},
	    {"interactions", "follow-ups", 4, KITH_YCTX_FOLLOWUP},
	    {"assessments", NULL, 2, KITH_YCTX_ASSESSMENT},
	};
	size_t i;
	if (!p->n)
		return root ? KITH_YCTX_ROOT : KITH_YCTX_FILE;
	for (i = 0; i < KITH_ARRAY_LEN(table); i++)
		if (p->n == table[i].n && is(p, 0, table[i].a) &&
		    (!table[i].b || is(p, 2, table[i].b)))
			return table[i].ctx;
	return -1;
}

/* Values for key (as written on the line or the list's key). */
static int values_for(ctx *c, const char *key, size_t n, const ypath *p)
{
	char k[32];
	const char *const *w;
	size_t wn;

	if (n >= sizeof k)
		return 0;
	memcpy(k, key, n);
	k[n] = '\0';
	if (!strcmp(k, "with") || !strcmp(k, "via"))
		handles(c, 0);
	else if (!strcmp(k, "goals"))
		goals(c);
	else if (!strcmp(k, "event"))
		events(c);
	else if (!strcmp(k, "kind") || !strcmp(k, "after") ||
	         !strcmp(k, "expect"))
		kinds(c, "");
	else if (!strcmp(k, "roles"))
		roles(c);
	else if (!strcmp(k, "tags"))
		tags(c, "");
	else if (!strcmp(k, "status"))
		w = kith_yaml_values(
		    is(p, 0, "goals") ? "goal-status" : "event-status", &wn),
		words(c, w, wn, CI_ENUM_MEMBER);
	else if ((w = kith_yaml_values(k, &wn)))
		words(c, w, wn, CI_ENUM_MEMBER);
	else if (!strcmp(k, "touch"))
		words(c, (const char *const[]){"true", "false"}, 2,
		      CI_ENUM_MEMBER);
	else if (!strcmp(k, "date") || !strcmp(k, "due") ||
	         !strcmp(k, "done") || !strcmp(k, "start") ||
	         !strcmp(k, "end") || !strcmp(k, "met"))
		dates(c, 0);
	else
		return 0;
	return 1;
}

/* Is key k already written in the mapping of the cursor line (the lines
 * around it at the same key column, up to a shallower line or the start
 * of another list item)? */
static int key_present(ctx *c, const char *k, size_t col, uint32_t top)
{
	size_t n = strlen(k);
	int dir;

	for (dir = -1; dir <= 1; dir += 2) {
		uint32_t l = c->line;
		for (;;) {
			yline y;
			size_t a, e;
			if (dir < 0 ? l <= top : l + 1 >= c->l->nlines)
				break;
			l = dir < 0 ? l - 1 : l + 1;
			a = c->l->start[l];
			e = line_end_of(c->l, l);
			if (blank_or_comment(c->t, a, e)) {
				if (top > 0)
					break; /* a metadata block ends there */
				continue;
			}
			parse_yline(c->t, a, e, &y);
			if (y.indent < col ||
			    (y.dash && dir > 0 && y.indent == col))
				break;
			if (y.indent == col && y.keylen == n &&
			    !memcmp(y.key, k, n))
				return 1;
			if (y.dash && y.indent == col)
				break; /* the first key of this item */
		}
	}
	return 0;
}

static void keys(ctx *c, int yc, size_t col, uint32_t top)
{
	const char *const *k;
	size_t n, i;
	if (yc < 0)
		return;
	k = kith_yaml_keys((kith_yctx)yc, &n);
	for (i = 0; i < n; i++) {
		char ins[48];
		if (key_present(c, k[i], col, top))
			continue; /* a key may be given once */
		snprintf(ins, sizeof ins, "%s: ", k[i]);
		item(c, k[i], CI_PROPERTY, "key", NULL, ins);
	}
}

/* A key: value line (YAML, or a Markdown metadata block). */
static void structured(ctx *c, uint32_t top, int md)
{
	yline y;
	ypath p;
	size_t a = c->ls;

	parse_yline(c->t, a, c->le, &y);
	yaml_path(c, c->line, y.indent, y.dash, top, &p);
	if (y.keylen && c->off > y.colon) { /* a value */
		values_for(c, y.key, y.keylen, &p);
		return;
	}
	if (c->ws > a + y.indent) { /* after a list's "- " */
		ypath q = p;
		if (q.n && is(&q, q.n - 1, "-"))
			q.n--;
		if (q.n)
			values_for(c, q.name[q.n - 1], q.len[q.n - 1], &q);
		return;
	}
	if (md)
		keys(c, KITH_YCTX_MD_META, y.indent, top);
	else if (!y.dash || y.indent >= 2)
		keys(c, yctx_of(&p, c->file == 0), y.indent, top);
}

/* Is the cursor right after the token (as in a task's "due:")? */
static int after_token(ctx *c, const char *tok)
{
	size_t n = strlen(tok);
	return c->ws >= c->ls + n && !memcmp(c->t + c->ws - n, tok, n) &&
	       (c->ws == c->ls + n || c->t[c->ws - n - 1] == ' ');
}

/* A Markdown line, as the journal's line grammar classifies it: a task
 * (due: and done: values), an entry heading (#kinds and tags), or a line
 * of a metadata block, also the one being started under a heading. */
static void markdown(ctx *c)
{
	kith_mdline ml;
	uint32_t entry;
	kith_mdl_kind prev;

	if (!kith_lsp_md_line(c->l, c->line + 1, &ml, &entry, &prev))
		return;
	if (ml.kind == KITH_MDL_TASK) {
		if (after_token(c, "due:"))
			dates(c, 1);
		else if (after_token(c, "done:"))
			dates(c, 0);
		return;
	}
	if (ml.kind == KITH_MDL_META ||
	    (entry && (ml.kind == KITH_MDL_BLANK || ml.kind == KITH_MDL_BODY) &&
	     (prev == KITH_MDL_META || entry == c->line)))
		structured(c, entry, 1);
}

static int entry_heading(ctx *c)
{
	kith_mdline ml;
	uint32_t entry;
	kith_mdl_kind prev;
	return kith_lsp_md_line(c->l, c->line + 1, &ml, &entry, &prev) &&
	       ml.kind == KITH_MDL_HEADING && ml.level == 2;
}

json_t *kith_lsp_completion(kith_lsp *s, json_t *params, int *code,
                            const char **err)
{
	ctx c = {0};
	uint32_t ch;
	int md;
	char sig;

	if (kith_lsp_doc_pos(s, params, &c.file, &c.off) != 0)
		return NULL;
	if (c.file == KITH_NONE)
		return json_array();
	c.s = s;
	c.l = kith_lsp_file_lines(s, c.file);
	c.t = c.l->p;
	kith_lsp_position(c.l, c.off, &c.line, &ch);
	c.ls = c.l->start[c.line];
	c.le = line_end_of(c.l, c.line);
	for (c.ws = c.off;
	     c.ws > c.ls && kith_lsp_word_char((unsigned char)c.t[c.ws - 1]);
	     c.ws--)
		;
	c.items = json_array();
	md = s->j->files.v[c.file].type == KITH_FILE_MD;
	sig = c.ws > c.ls ? c.t[c.ws - 1] : 0;
	if (sig == '@' && (c.ws - 1 == c.ls ||
	                   !kith_lsp_word_char((unsigned char)c.t[c.ws - 2]))) {
		set_range(&c, c.ws - 1);
		handles(&c, 1);
	} else if (sig == '#' && md && c.ws - 1 > c.ls + 2 &&
	           entry_heading(&c)) {
		set_range(&c, c.ws - 1);
		kinds(&c, "#");
		tags(&c, "#");
	} else {
		set_range(&c, c.ws);
		if (md)
			markdown(&c);
		else
			structured(&c, 0, 0);
	}
	json_decref(c.range);
	return json_pack("{s:b,s:o}", "isIncomplete", 0, "items", c.items);
}
