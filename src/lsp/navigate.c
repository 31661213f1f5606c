/* Moving around the journal: go to definition, find references, rename
 * (every file, YAML keys and mentions alike; collisions refused), and
 * document and workspace symbols. */
#include <string.h>

#include "lsp/lsp.h"

static const char *const type_word[KITH_OCC__COUNT] = {"contact", "goal",
                                                       "event"};

/* The occurrence at a request's position (NULL: nothing there). */
static const kith_occ *occ_of(kith_lsp *s, json_t *params, int *bad)
{
	uint32_t file;
	size_t off;

	*bad = 0;
	if (kith_lsp_doc_pos(s, params, &file, &off) != 0) {
		*bad = 1;
		return NULL;
	}
	if (file == KITH_NONE)
		return NULL;
	return kith_lsp_occ_at(s, file, off);
}

static json_t *occ_location(kith_lsp *s, const kith_occ *o)
{
	kith_pos p = {o->file, o->line, o->col + o->name_off};
	return kith_lsp_location(s, p, o->name.n);
}

json_t *kith_lsp_definition(kith_lsp *s, json_t *params, int *code,
                            const char **err)
{
	int bad;
	const kith_occ *o = occ_of(s, params, &bad);
	uint32_t idx;

	if (bad)
		return NULL;
	if (!o)
		return json_null();
	idx = kith_lsp_target(s->j, (kith_occ_type)o->type, o->name);
	if (idx == KITH_NONE)
		return json_null();
	return kith_lsp_location(
	    s, kith_lsp_def_pos(s->j, (kith_occ_type)o->type, idx), o->name.n);
}

static int same(const kith_occ *a, const kith_occ *b)
{
	return a->type == b->type && kith_str_eq(a->name, b->name);
}

json_t *kith_lsp_references(kith_lsp *s, json_t *params, int *code,
                            const char **err)
{
	int bad, decl = 1;
	const kith_occ *o = occ_of(s, params, &bad);
	const kith_occs *v;
	json_t *arr;
	uint32_t i;

	if (bad)
		return NULL;
	if (!o)
		return json_null();
	json_unpack(params, "{s:{s:b}}", "context", "includeDeclaration",
	            &decl);
	v = kith_lsp_occs(s);
	arr = json_array();
	for (i = 0; i < v->n; i++)
		if (same(&v->v[i], o) && (decl || !v->v[i].def))
			json_array_append_new(arr, occ_location(s, &v->v[i]));
	return arr;
}

json_t *kith_lsp_prepare_rename(kith_lsp *s, json_t *params, int *code,
                                const char **err)
{
	int bad;
	const kith_occ *o = occ_of(s, params, &bad);
	json_t *loc, *r;

	if (bad)
		return NULL;
	if (!o)
		return json_null();
	loc = occ_location(s, o);
	r = json_pack("{s:O,s:s%}", "range", json_object_get(loc, "range"),
	              "placeholder", o->name.p, (size_t)o->name.n);
	json_decref(loc);
	return r;
}

/* The edit of one occurrence to new_name, added to changes[uri]. */
static void rename_edit(kith_lsp *s, json_t *changes, const kith_occ *o,
                        const char *new_name)
{
	json_t *loc = occ_location(s, o);
	const char *uri = json_string_value(json_object_get(loc, "uri"));
	json_t *edits = json_object_get(changes, uri);

	if (!edits) {
		edits = json_array();
		json_object_set_new(changes, uri, edits);
	}
	json_array_append_new(edits, json_pack("{s:O,s:s}", "range",
	                                       json_object_get(loc, "range"),
	                                       "newText", new_name));
	json_decref(loc);
}

json_t *kith_lsp_rename(kith_lsp *s, json_t *params, int *code,
                        const char **err)
{
	static char msg[256];
	int bad;
	const kith_occ *o = occ_of(s, params, &bad);
	const char *nn = NULL;
	const kith_occs *v;
	json_t *changes;
	uint32_t i, idx;
	kith_str name;

	if (bad || json_unpack(params, "{s:s}", "newName", &nn) != 0)
		return NULL;
	*code = KITH_RPC_REQUEST_FAILED;
	if (!o) {
		*err = "nothing to rename here: put the cursor on a handle, "
		       "goal id or event id";
		return NULL;
	}
	if (o->type == KITH_OCC_CONTACT && nn[0] == '@')
		nn++;
	name = kith_str_c(nn);
	if (!kith_handle_valid(name)) {
		snprintf(msg, sizeof msg,
		         "'%s' is not a valid name: use lowercase letters, "
		         "digits, '.', '_' and '-', starting with a letter or "
		         "digit",
		         nn);
		*err = msg;
		return NULL;
	}
	if (kith_lsp_target(s->j, (kith_occ_type)o->type, o->name) ==
	    KITH_NONE) {
		snprintf(msg, sizeof msg, "no %s '%.*s' is defined to rename",
		         type_word[o->type], KITH_S(o->name));
		*err = msg;
		return NULL;
	}
	idx = kith_lsp_target(s->j, (kith_occ_type)o->type, name);
	if (idx != KITH_NONE && !kith_str_eq(name, o->name)) {
		kith_pos p =
		    kith_lsp_def_pos(s->j, (kith_occ_type)o->type, idx);
		snprintf(msg, sizeof msg,
		         "'%s' already names a %s (%s:%u): rename refused", nn,
		         type_word[o->type], s->j->files.v[p.file].display,
		         p.line);
		*err = msg;
		return NULL;
	}
	v = kith_lsp_occs(s);
	changes = json_object();
	for (i = 0; i < v->n; i++)
		if (same(&v->v[i], o))
			rename_edit(s, changes, &v->v[i], nn);
	return json_pack("{s:o}", "changes", changes);
}

/* ---- symbols ---- */

enum { SYM_CLASS = 5, SYM_CONSTANT = 14, SYM_OBJECT = 19, SYM_EVENT = 24 };

/* Last line (1-based) of the entry whose heading is on line `line`: up to
 * the next heading of level 1 or 2, blank lines at the end left out. */
uint32_t kith_lsp_entry_end(kith_lsp *s, uint32_t file, uint32_t line)
{
	const kith_lsp_lines *l = kith_lsp_file_lines(s, file);
	size_t bom = kith_mdl_bom(l->p, l->n);
	kith_mdscan sc;
	kith_mdline ml;
	uint32_t last = line;

	/* the journal's line grammar says where the next heading is (not
	 * one inside fenced code) and which lines are blank */
	kith_mdscan_init(&sc, l->p + bom, l->n - bom);
	while (kith_mdscan_next(&sc, &ml)) {
		if (ml.line <= line)
			continue;
		if (ml.kind == KITH_MDL_HEADING && ml.level <= 2)
			break;
		if (!ml.blank)
			last = ml.line;
	}
	return last;
}

static json_t *symbol(kith_lsp *s, const char *name, size_t n, int kind,
                      const char *detail, kith_pos pos, uint32_t len,
                      uint32_t end_line)
{
	const kith_lsp_lines *l = kith_lsp_file_lines(s, pos.file);
	json_t *sel = kith_lsp_range_of(l, pos, len);
	json_t *range = json_deep_copy(sel);
	if (end_line > pos.line) {
		kith_pos ep = {pos.file, end_line, 1};
		json_t *er = kith_lsp_range_of(l, ep, 1 << 30);
		json_object_set(range, "end", json_object_get(er, "end"));
		json_object_set_new(range, "start",
		                    kith_lsp_pos_json(pos.line - 1, 0));
		json_decref(er);
	}
	return json_pack("{s:s%,s:s,s:i,s:o,s:o}", "name", name, n, "detail",
	                 detail ? detail : "", "kind", kind, "range", range,
	                 "selectionRange", sel);
}

/* Every symbol of a file (file = KITH_NONE: of all files) passing the
 * filter; as DocumentSymbol, or SymbolInformation when flat. */
static json_t *symbols(kith_lsp *s, uint32_t file, const char *query, int flat)
{
	const kith_journal *j = s->j;
	json_t *arr = json_array();
	kith_str q = kith_str_c(query ? query : "");
	uint32_t i;
	const size_t cap = 2000;

#define WANT(f, nm)                                                            \
	((file == KITH_NONE || (f) == file) &&                                 \
	 (!q.n || kith_str_icontains((nm), q)) && json_array_size(arr) < cap)
#define PUSH(sym, cont)                                                        \
	do {                                                                   \
		json_t *sy_ = (sym);                                           \
		if (flat) {                                                    \
			char *u_ = kith_lsp_file_uri(s, f);                    \
			json_t *f_ = json_pack(                                \
			    "{s:O,s:O,s:{s:s,s:O},s:s}", "name",               \
			    json_object_get(sy_, "name"), "kind",              \
			    json_object_get(sy_, "kind"), "location", "uri",   \
			    u_, "range", json_object_get(sy_, "range"),        \
			    "containerName", (cont));                          \
			free(u_);                                              \
			json_decref(sy_);                                      \
			sy_ = f_;                                              \
		}                                                              \
		json_array_append_new(arr, sy_);                               \
	} while (0)

	for (i = 0; i < j->contacts.n; i++) {
		const kith_contact *c = &j->contacts.v[i];
		uint32_t f = c->pos.file;
		if (WANT(f, c->handle) || (q.n && WANT(f, c->name.s)))
			PUSH(symbol(s, c->handle.p, c->handle.n, SYM_OBJECT,
			            c->name.s.p ? c->name.s.p : NULL, c->pos,
			            c->handle.n, 0),
			     "contacts");
	}
	for (i = 0; i < j->goals.n; i++) {
		const kith_goal *g = &j->goals.v[i];
		uint32_t f = g->pos.file;
		if (WANT(f, g->id) || (q.n && WANT(f, g->title.s)))
			PUSH(symbol(s, g->id.p, g->id.n, SYM_CLASS, NULL,
			            g->pos, g->id.n, 0),
			     "goals");
	}
	for (i = 0; i < j->events.n; i++) {
		const kith_event *e = &j->events.v[i];
		uint32_t f = e->pos.file;
		if (WANT(f, e->id) || (q.n && WANT(f, e->title.s)))
			PUSH(symbol(s, e->id.p, e->id.n, SYM_CONSTANT, NULL,
			            e->pos, e->id.n, 0),
			     "events");
	}
	for (i = 0; i < j->interactions.n; i++) {
		const kith_interaction *ix = &j->interactions.v[i];
		uint32_t f = ix->file;
		char date[11];
		kith_buf nm = {0};
		if (!WANT(f, ix->title.s))
			continue;
		int md = j->files.v[f].type == KITH_FILE_MD;
		uint32_t sel = 1;
		uint32_t tcol = md ? kith_ix_title_col(j, ix) : 0;
		if (tcol)
			sel = ix->title.s.n + tcol - ix->pos.col;
		kith_date_fmt(ix->date, date);
		kith_buf_printf(&nm, "%s %.*s", date, KITH_S(ix->title.s));
		PUSH(symbol(s, nm.p, nm.n, SYM_EVENT,
		            kith_ix_kind(ix).s.p ? NULL : "note", ix->pos, sel,
		            md ? kith_lsp_entry_end(s, f, ix->pos.line) : 0),
		     "interactions");
		kith_buf_free(&nm);
	}
#undef WANT
#undef PUSH
	return arr;
}

json_t *kith_lsp_document_symbols(kith_lsp *s, json_t *params, int *code,
                                  const char **err)
{
	const char *uri;
	uint32_t file;

	if (json_unpack(params, "{s:{s:s}}", "textDocument", "uri", &uri) != 0)
		return NULL;
	file = kith_lsp_file_of_uri(s, uri);
	if (file == KITH_NONE)
		return json_array();
	return symbols(s, file, NULL, 0);
}

json_t *kith_lsp_workspace_symbols(kith_lsp *s, json_t *params, int *code,
                                   const char **err)
{
	const char *q = "";
	if (json_unpack(params, "{s:s}", "query", &q) != 0)
		return NULL;
	if (!s->j)
		return json_array();
	return symbols(s, KITH_NONE, q, 1);
}
