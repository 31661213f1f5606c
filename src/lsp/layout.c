/* Folding ranges (entries), formatting (kith fmt as text edits), inlay
 * hints after due dates ("in 5d", "overdue 3d") and code actions
 * (did-you-mean fixes; closing an item and logging an owed thank-you
 * through the edit module of kith done). */
#include <string.h>

#include "compute/compute.h"
#include "edit/edit.h"
#include "lsp/lsp.h"

static uint32_t file_param(kith_lsp *s, json_t *params, int *bad)
{
	const char *uri;
	*bad = json_unpack(params, "{s:{s:s}}", "textDocument", "uri", &uri);
	return *bad ? KITH_NONE : kith_lsp_file_of_uri(s, uri);
}

json_t *kith_lsp_folding(kith_lsp *s, json_t *params, int *code,
                         const char **err)
{
	int bad;
	uint32_t file = file_param(s, params, &bad), i;
	json_t *arr;

	if (bad)
		return NULL;
	arr = json_array();
	if (file == KITH_NONE || s->j->files.v[file].type != KITH_FILE_MD)
		return arr;
	for (i = 0; i < s->j->interactions.n; i++) {
		const kith_interaction *ix = &s->j->interactions.v[i];
		uint32_t end;
		if (ix->file != file)
			continue;
		end = kith_lsp_entry_end(s, file, ix->pos.line);
		if (end > ix->pos.line)
			json_array_append_new(
			    arr, json_pack("{s:i,s:i,s:s}", "startLine",
			                   (int)ix->pos.line - 1, "endLine",
			                   (int)end - 1, "kind", "region"));
	}
	return arr;
}

/* One edit replacing the lines that differ between old and new. */
static json_t *diff_edit(const kith_lsp_lines *l, const char *nt, size_t nn)
{
	const char *ot = l->p;
	size_t on = l->n, a = 0, ea, eb;
	uint32_t l0, c0, l1, c1;

	while (a < on && a < nn && ot[a] == nt[a])
		a++;
	while (a > 0 && ot[a - 1] != '\n') /* back to a line start */
		a--;
	ea = on, eb = nn;
	while (ea > a && eb > a && ot[ea - 1] == nt[eb - 1])
		ea--, eb--;
	while (ea < on && ea > a && ot[ea - 1] != '\n') /* to a line end */
		ea++, eb++;
	kith_lsp_position(l, a, &l0, &c0);
	kith_lsp_position(l, ea, &l1, &c1);
	return json_pack("{s:o,s:s%}", "range",
	                 kith_lsp_range_json(l0, c0, l1, c1), "newText", nt + a,
	                 eb - a);
}

json_t *kith_lsp_formatting(kith_lsp *s, json_t *params, int *code,
                            const char **err)
{
	int bad;
	uint32_t file = file_param(s, params, &bad);
	const kith_file *f;
	kith_buf out = {0};
	json_t *arr;

	if (bad)
		return NULL;
	arr = json_array();
	if (file == KITH_NONE)
		return arr;
	f = &s->j->files.v[file];
	if (f->type == KITH_FILE_MD)
		kith_fmt_md(f->text, f->len, &out);
	else
		kith_fmt_yaml(f->text, f->len, &out);
	if (out.n != f->len || memcmp(out.p, f->text, f->len) != 0)
		json_array_append_new(arr,
		                      diff_edit(kith_lsp_file_lines(s, file),
		                                out.p ? out.p : "", out.n));
	kith_buf_free(&out);
	return arr;
}

/* ---- inlay hints ---- */

/* The requested range as lines [from, to] (1-based); all when absent. */
static void range_lines(json_t *params, uint32_t *from, uint32_t *to)
{
	json_int_t a, b, ch = 1;
	*from = 1;
	*to = UINT32_MAX;
	if (json_unpack(params, "{s:{s:{s:I},s:{s:I,s?I}}}", "range", "start",
	                "line", &a, "end", "line", &b, "character", &ch) == 0 &&
	    a >= 0 && b >= a && b < UINT32_MAX) {
		*from = (uint32_t)a + 1;
		/* an end at character 0 leaves its line out */
		*to = (uint32_t)b + (ch > 0 || b == a ? 1 : 0);
	}
}

static void hint(kith_lsp *s, json_t *arr, kith_pos at, kith_day due,
                 kith_day done)
{
	const kith_lsp_lines *l = kith_lsp_file_lines(s, at.file);
	const char *t = l->p;
	size_t off, e;
	uint32_t line, ch;
	int d = due - s->as_of;
	char label[48];

	if (done != KITH_NO_DAY && done <= s->as_of)
		return;
	if (!at.line || at.line > l->nlines)
		return;
	off = l->start[at.line - 1] + (at.col ? at.col - 1 : 0);
	e = at.line < l->nlines ? l->start[at.line] : l->n;
	while (off < e && t[off] != ' ' && t[off] != '\n' && t[off] != '\r' &&
	       t[off] != ',' && t[off] != '}' && t[off] != ']' && t[off] != '#')
		off++;
	if (d > 0)
		snprintf(label, sizeof label, "in %dd", d);
	else if (d == 0)
		snprintf(label, sizeof label, "due today");
	else
		snprintf(label, sizeof label, "overdue %dd", -d);
	kith_lsp_position(l, off, &line, &ch);
	json_array_append_new(arr, json_pack("{s:o,s:s,s:b}", "position",
	                                     kith_lsp_pos_json(line, ch),
	                                     "label", label, "paddingLeft", 1));
}

json_t *kith_lsp_inlay_hints(kith_lsp *s, json_t *params, int *code,
                             const char **err)
{
	int bad;
	uint32_t file = file_param(s, params, &bad), i, k, from, to;
	json_t *arr;

	if (bad)
		return NULL;
	arr = json_array();
	if (file == KITH_NONE)
		return arr;
	range_lines(params, &from, &to);
	for (i = 0; i < s->j->followups.n; i++) {
		const kith_followup *f = &s->j->followups.v[i];
		if (f->due.day == KITH_NO_DAY || f->due.pos.file != file ||
		    f->due.pos.line < from || f->due.pos.line > to)
			continue;
		hint(s, arr, f->due.pos, f->due.day, f->done.day);
	}
	for (i = 0; i < s->j->goals.n; i++) {
		const kith_goal *g = &s->j->goals.v[i];
		for (k = 0; k < g->actions.n; k++) {
			const kith_action *a = &g->actions.v[k];
			if (a->due.day == KITH_NO_DAY ||
			    a->due.pos.file != file || a->due.pos.line < from ||
			    a->due.pos.line > to)
				continue;
			hint(s, arr, a->due.pos, a->due.day, a->done.day);
		}
	}
	return arr;
}

/* ---- code actions ---- */

/* The suggestion of a "did you mean 'X'" hint (malloc'd), or NULL. */
static char *suggestion(const char *hint)
{
	const char *p = hint ? strstr(hint, "did you mean '") : NULL, *q;
	if (!p)
		return NULL;
	p += strlen("did you mean '");
	q = strchr(p, '\'');
	return q && q > p ? kith_xstrndup(p, (size_t)(q - p)) : NULL;
}

static void did_you_mean(kith_lsp *s, json_t *arr, uint32_t file,
                         const char *uri, uint32_t from, uint32_t to)
{
	const kith_lsp_lines *l = kith_lsp_file_lines(s, file);
	json_t *diags = kith_lsp_file_diagnostics(s, file);
	uint32_t i, k = 0;

	for (i = 0; i < s->j->diags.list.n; i++) {
		const kith_diag *g = &s->j->diags.list.v[i];
		char *sug;
		const char *src, *text;
		size_t off;
		json_t *d, *title;
		uint32_t f = g->pos.file < s->j->files.n ? g->pos.file : 0;
		if (f != file)
			continue;
		d = json_array_get(diags, k++);
		if (g->pos.line < from || g->pos.line > to || !g->pos.line ||
		    g->pos.line > l->nlines || !(sug = suggestion(g->hint)))
			continue;
		off = l->start[g->pos.line - 1] +
		      (g->pos.col ? g->pos.col - 1 : 0);
		src = l->p + off;
		/* '@alice' replaces '@alcie'; in YAML, 'alice' replaces 'alcie'
		 */
		text = sug[0] == '@' && off < l->n && src[0] != '@' ? sug + 1
		                                                    : sug;
		title = json_sprintf("Change to '%s'", text);
		json_array_append_new(
		    arr,
		    json_pack("{s:o,s:s,s:[O],s:b,s:{s:{s:[{s:O,s:s}]}}}",
		              "title", title, "kind", "quickfix", "diagnostics",
		              d, "isPreferred", 1, "edit", "changes", uri,
		              "range", json_object_get(d, "range"), "newText",
		              text));
		free(sug);
	}
	json_decref(diags);
}

/* A kith_edit as a WorkspaceEdit: each change replaces whole lines. */
static json_t *workspace_edit(kith_lsp *s, const kith_edit *e)
{
	json_t *doc_changes = json_array();
	uint32_t i;

	for (i = 0; i < e->v.n; i++) {
		const kith_change *c = &e->v.v[i];
		char *uri = kith_lsp_path_to_uri(c->path);
		uint32_t l0 = c->line ? c->line - 1 : 0;
		json_t *edit =
		    json_pack("{s:o,s:s}", "range",
		              kith_lsp_range_json(l0, 0, l0 + c->del, 0),
		              "newText", c->after ? c->after : "");
		kith_lsp_doc *d = NULL;
		uint32_t k;
		for (k = 0; k < s->docs.n; k++)
			if (!strcmp(s->docs.v[k].path, c->path))
				d = &s->docs.v[k];
		if (d) { /* answer with the URI the client knows */
			free(uri);
			uri = kith_xstrdup(d->uri);
		}
		if (c->new_file)
			json_array_append_new(doc_changes,
			                      json_pack("{s:s,s:s,s:{s:b}}",
			                                "kind", "create", "uri",
			                                uri, "options",
			                                "ignoreIfExists", 1));
		json_array_append_new(
		    doc_changes,
		    json_pack("{s:{s:s,s:o},s:[o]}", "textDocument", "uri", uri,
		              "version",
		              d ? json_integer(d->version) : json_null(),
		              "edits", edit));
		free(uri);
	}
	return json_pack("{s:o}", "documentChanges", doc_changes);
}

/* Is due item it written in file within lines [from, to] (an owed
 * thank-you: anywhere in the entry that owes it)? */
static int item_here(kith_lsp *s, const kith_due_item *it, uint32_t file,
                     uint32_t from, uint32_t to)
{
	uint32_t first = it->pos.line, last = it->pos.line;

	if (it->pos.file != file || it->kind == KITH_DUE_CADENCE ||
	    it->kind == KITH_DUE_BIRTHDAY)
		return 0;
	if (it->kind == KITH_DUE_OWED &&
	    s->j->files.v[file].type == KITH_FILE_MD)
		last = kith_lsp_entry_end(s, file, first);
	return first <= to && last >= from;
}

/* "Mark done" for tasks, goal actions and events, "Log the thank-you"
 * for an owed one: what kith done would change, as edits. */
static void close_items(kith_lsp *s, json_t *arr, uint32_t file, uint32_t from,
                        uint32_t to)
{
	kith_opts o = {0};
	kith_report *r = kith_report_new("due", s->as_of);
	kith_due_items items = {0};
	uint32_t i;

	o.as_of = s->as_of;
	o.within = (kith_dur){14, KITH_UNIT_DAY};
	kith_due_all(s->j, &o, r, &items);
	for (i = 0; i < items.n; i++) {
		const kith_due_item *it = &items.v[i];
		kith_edit e;
		kith_buf title = {0};
		if (!item_here(s, it, file, from, to))
			continue;
		kith_edit_init(&e);
		if (kith_done(s->j, &o, it->id, s->as_of, &e) == KITH_EDIT_OK &&
		    e.v.n) {
			if (it->kind == KITH_DUE_OWED)
				kith_buf_printf(&title, "Log the %s", it->what);
			else
				kith_buf_printf(&title, "Mark done: %s",
				                it->what);
			json_array_append_new(
			    arr,
			    json_pack("{s:s,s:s,s:o}", "title",
			              kith_buf_cstr(&title), "kind", "quickfix",
			              "edit", workspace_edit(s, &e)));
		}
		kith_buf_free(&title);
		kith_edit_free(&e);
	}
	kith_vec_free(&items);
	kith_report_free(r);
}

json_t *kith_lsp_code_actions(kith_lsp *s, json_t *params, int *code,
                              const char **err)
{
	int bad;
	uint32_t file = file_param(s, params, &bad), from, to;
	const char *uri;
	json_t *arr;

	if (bad)
		return NULL;
	arr = json_array();
	if (file == KITH_NONE)
		return arr;
	json_unpack(params, "{s:{s:s}}", "textDocument", "uri", &uri);
	range_lines(params, &from, &to);
	did_you_mean(s, arr, file, uri, from, to);
	close_items(s, arr, file, from, to);
	return arr;
}
