/* The language server's core: lifecycle, the method table, open documents
 * served to the loader as overlays over the files on disk, and re-checking
 * the journal (and publishing its diagnostics) after every change. */
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lib/lib.h"
#include "lsp/lsp.h"

typedef enum {
	M_INITIALIZE,
	M_INITIALIZED,
	M_SHUTDOWN,
	M_EXIT,
	M_CANCEL,
	M_DID_OPEN,
	M_DID_CHANGE,
	M_DID_SAVE,
	M_DID_CLOSE,
	M_WATCHED,
	M_CONFIG,
	M_COMPLETION,
	M_HOVER,
	M_DEFINITION,
	M_REFERENCES,
	M_PREPARE_RENAME,
	M_RENAME,
	M_DOC_SYMBOLS,
	M_WS_SYMBOLS,
	M_FOLDING,
	M_FORMATTING,
	M_CODE_ACTION,
	M_INLAY_HINT,
	M_STATS,
	M__COUNT
} method;

typedef void (*notify_fn)(kith_lsp *s, json_t *params);

static void on_did_open(kith_lsp *s, json_t *params);
static void on_did_change(kith_lsp *s, json_t *params);
static void on_did_close(kith_lsp *s, json_t *params);
static void on_dirty(kith_lsp *s, json_t *params);
static void on_initialized(kith_lsp *s, json_t *params);
static json_t *stats(kith_lsp *s, json_t *params, int *code, const char **err);

static const struct {
	const char *name;
	kith_lsp_handler request; /* requests answered from the journal */
	notify_fn notify;         /* notifications */
} methods[M__COUNT] = {
    [M_INITIALIZE] = {"initialize", NULL, NULL},
    [M_INITIALIZED] = {"initialized", NULL, on_initialized},
    [M_SHUTDOWN] = {"shutdown", NULL, NULL},
    [M_EXIT] = {"exit", NULL, NULL},
    [M_CANCEL] = {"$/cancelRequest", NULL, NULL},
    [M_DID_OPEN] = {"textDocument/didOpen", NULL, on_did_open},
    [M_DID_CHANGE] = {"textDocument/didChange", NULL, on_did_change},
    [M_DID_SAVE] = {"textDocument/didSave", NULL, on_dirty},
    [M_DID_CLOSE] = {"textDocument/didClose", NULL, on_did_close},
    [M_WATCHED] = {"workspace/didChangeWatchedFiles", NULL, on_dirty},
    [M_CONFIG] = {"workspace/didChangeConfiguration", NULL, NULL},
    [M_COMPLETION] = {"textDocument/completion", kith_lsp_completion, NULL},
    [M_HOVER] = {"textDocument/hover", kith_lsp_hover, NULL},
    [M_DEFINITION] = {"textDocument/definition", kith_lsp_definition, NULL},
    [M_REFERENCES] = {"textDocument/references", kith_lsp_references, NULL},
    [M_PREPARE_RENAME] = {"textDocument/prepareRename", kith_lsp_prepare_rename,
                          NULL},
    [M_RENAME] = {"textDocument/rename", kith_lsp_rename, NULL},
    [M_DOC_SYMBOLS] = {"textDocument/documentSymbol", kith_lsp_document_symbols,
                       NULL},
    [M_WS_SYMBOLS] = {"workspace/symbol", kith_lsp_workspace_symbols, NULL},
    [M_FOLDING] = {"textDocument/foldingRange", kith_lsp_folding, NULL},
    [M_FORMATTING] = {"textDocument/formatting", kith_lsp_formatting, NULL},
    [M_CODE_ACTION] = {"textDocument/codeAction", kith_lsp_code_actions, NULL},
    [M_INLAY_HINT] = {"textDocument/inlayHint", kith_lsp_inlay_hints, NULL},
    [M_STATS] = {"kith/stats", stats, NULL},
};

/* ---- overlays: the loader reads open documents from here ---- */

static kith_lsp_doc *doc_by_path(kith_lsp *s, const char *path)
{
	uint32_t i;
	for (i = 0; i < s->docs.n; i++)
		if (!strcmp(s->docs.v[i].path, path))
			return &s->docs.v[i];
	return NULL;
}

static kith_lsp_doc *doc_by_uri(kith_lsp *s, const char *uri)
{
	uint32_t i;
	for (i = 0; i < s->docs.n; i++)
		if (!strcmp(s->docs.v[i].uri, uri))
			return &s->docs.v[i];
	return NULL;
}

static int overlay(void *ctx, const char *path, char **out, size_t *len)
{
	kith_lsp_doc *d = doc_by_path(ctx, path);
	if (!d)
		return 0;
	/* the loaders expect slack past the end, as kith_read_file gives */
	*out = kith_xcalloc(1, d->len + 64);
	memcpy(*out, d->text, d->len);
	*len = d->len;
	return 1;
}

/* The real path of a document (its folder's, when the file is new). */
static char *resolve(const char *path)
{
	char buf[PATH_MAX];
	const char *slash;
	kith_buf b = {0};

	if (realpath(path, buf))
		return kith_xstrdup(buf);
	slash = strrchr(path, '/');
	if (slash && slash != path) {
		char *dir = kith_xstrndup(path, (size_t)(slash - path));
		if (realpath(dir, buf)) {
			kith_buf_printf(&b, "%s%s", buf, slash);
			free(dir);
			kith_buf_cstr(&b);
			return b.p;
		}
		free(dir);
	}
	return kith_xstrdup(path);
}

static void set_text(kith_lsp_doc *d, const char *p, size_t n)
{
	free(d->text);
	d->text = kith_xcalloc(1, n + 64);
	memcpy(d->text, p, n);
	d->len = n;
}

/* ---- finding the journal ---- */

/* kith.yaml in dir or the nearest parent that has one (malloc'd). */
static char *find_up(const char *dir)
{
	char *d = resolve(dir);
	struct stat st;
	kith_buf b = {0};
	char *found = NULL;

	for (;;) {
		b.n = 0;
		kith_buf_printf(&b, "%s/kith.yaml", strcmp(d, "/") ? d : "");
		if (stat(kith_buf_cstr(&b), &st) == 0 && S_ISREG(st.st_mode)) {
			found = kith_xstrdup(b.p);
			break;
		}
		char *slash = strrchr(d, '/');
		if (!slash || slash == d)
			break;
		*slash = '\0';
	}
	free(d);
	kith_buf_free(&b);
	return found;
}

static void find_root_from(kith_lsp *s, const char *path, int is_file)
{
	char *dir;
	if (s->root || !path)
		return;
	dir = kith_xstrdup(path);
	if (is_file) {
		char *slash = strrchr(dir, '/');
		if (slash)
			*(slash == dir ? slash + 1 : slash) = '\0';
	}
	s->root = find_up(dir);
	free(dir);
	if (s->root)
		s->dirty = 1;
}

/* ---- state ---- */

kith_lsp *kith_lsp_new(const char *root_hint, kith_day as_of)
{
	kith_lsp *s = kith_xcalloc(1, sizeof *s);
	if (root_hint) { /* -f: a root file or its folder */
		s->root_hint = kith_xstrdup(root_hint);
		s->root = kith_xstrdup(root_hint);
	}
	s->as_of = as_of;
	s->cache = kith_lib_cache_new();
	s->dirty = 1;
	s->w.fd = -1;
	s->cancelled = json_array();
	return s;
}

static void drop_journal(kith_lsp *s)
{
	uint32_t i;
	if (s->lines && s->j) {
		for (i = 0; i < s->j->files.n; i++)
			kith_lsp_lines_free(&s->lines[i]);
	}
	free(s->lines);
	s->lines = NULL;
	kith_vec_free(&s->occs);
	s->occs_built = 0;
	kith_journal_free(s->j);
	s->j = NULL;
}

void kith_lsp_free(kith_lsp *s)
{
	uint32_t i;
	if (!s)
		return;
	drop_journal(s);
	kith_lib_cache_free(s->cache);
	for (i = 0; i < s->docs.n; i++) {
		free(s->docs.v[i].uri);
		free(s->docs.v[i].path);
		free(s->docs.v[i].text);
	}
	kith_vec_free(&s->docs);
	for (i = 0; i < s->published.n; i++)
		free(s->published.v[i]);
	kith_vec_free(&s->published);
	json_decref(s->cancelled);
	free(s->root_hint);
	free(s->root);
	free(s);
}

/* ---- journal access for the features ---- */

uint32_t kith_lsp_file_of_uri(kith_lsp *s, const char *uri)
{
	char *path = kith_lsp_uri_to_path(uri), *real;
	uint32_t i, found = KITH_NONE;

	if (!path || !s->j)
		goto out;
	real = resolve(path);
	for (i = 0; i < s->j->files.n; i++)
		if (!strcmp(s->j->files.v[i].path, real)) {
			found = i;
			break;
		}
	free(real);
out:
	free(path);
	return found;
}

const kith_lsp_lines *kith_lsp_file_lines(kith_lsp *s, uint32_t file)
{
	if (!s->j || file >= s->j->files.n)
		return NULL;
	if (!s->lines)
		s->lines = kith_xcalloc(s->j->files.n, sizeof *s->lines);
	if (!s->lines[file].start)
		kith_lsp_lines_init(&s->lines[file], s->j->files.v[file].text,
		                    s->j->files.v[file].len);
	return &s->lines[file];
}

char *kith_lsp_file_uri(kith_lsp *s, uint32_t file)
{
	kith_lsp_doc *d = doc_by_path(s, s->j->files.v[file].path);
	/* answer with the URI the client opened the file under */
	return d ? kith_xstrdup(d->uri)
	         : kith_lsp_path_to_uri(s->j->files.v[file].path);
}

json_t *kith_lsp_location(kith_lsp *s, kith_pos pos, uint32_t len)
{
	char *uri;
	json_t *r;
	if (!s->j || pos.file >= s->j->files.n)
		return json_null();
	uri = kith_lsp_file_uri(s, pos.file);
	r = json_pack(
	    "{s:s,s:o}", "uri", uri, "range",
	    kith_lsp_range_of(kith_lsp_file_lines(s, pos.file), pos, len));
	free(uri);
	return r;
}

int kith_lsp_doc_pos(kith_lsp *s, json_t *params, uint32_t *file, size_t *off)
{
	const char *uri = NULL;
	json_int_t line = -1, ch = -1;
	const kith_lsp_lines *l;

	if (json_unpack(params, "{s:{s:s},s:{s:I,s:I}}", "textDocument", "uri",
	                &uri, "position", "line", &line, "character",
	                &ch) != 0 ||
	    line < 0 || ch < 0 || line > UINT32_MAX || ch > UINT32_MAX)
		return -1;
	*file = kith_lsp_file_of_uri(s, uri);
	if (*file == KITH_NONE)
		return 0;
	l = kith_lsp_file_lines(s, *file);
	*off = kith_lsp_offset(l, (uint32_t)line, (uint32_t)ch);
	return 0;
}

/* ---- diagnostics ---- */

static int published_index(kith_lsp *s, const char *uri)
{
	uint32_t i;
	for (i = 0; i < s->published.n; i++)
		if (!strcmp(s->published.v[i], uri))
			return (int)i;
	return -1;
}

static void publish(kith_lsp *s, const char *uri, json_t *diags)
{
	int k = published_index(s, uri);
	size_t n = json_array_size(diags);

	if (!n && k < 0) { /* nothing shown, nothing to clear */
		json_decref(diags);
		return;
	}
	if (n && k < 0)
		*kith_vec_push(&s->published) = kith_xstrdup(uri);
	else if (!n) {
		free(s->published.v[k]);
		s->published.v[k] = s->published.v[--s->published.n];
	}
	kith_rpc_send(&s->w,
	              json_pack("{s:s,s:{s:s,s:o}}", "method",
	                        "textDocument/publishDiagnostics", "params",
	                        "uri", uri, "diagnostics", diags));
}

static void publish_all(kith_lsp *s)
{
	uint32_t i, k;
	KITH_VEC(char *) seen = {0};

	for (i = 0; s->j && i < s->j->files.n; i++) {
		char *uri = kith_lsp_file_uri(s, i);
		publish(s, uri, kith_lsp_file_diagnostics(s, i));
		*kith_vec_push(&seen) = uri;
	}
	/* files that left the journal keep no stale diagnostics */
	for (k = 0; k < s->published.n;) {
		int in = 0;
		for (i = 0; i < seen.n && !in; i++)
			in = !strcmp(seen.v[i], s->published.v[k]);
		if (in) {
			k++;
			continue;
		}
		char *uri = kith_xstrdup(s->published.v[k]);
		kith_rpc_send(&s->w,
		              json_pack("{s:s,s:{s:s,s:[]}}", "method",
		                        "textDocument/publishDiagnostics",
		                        "params", "uri", uri, "diagnostics"));
		free(s->published.v[k]);
		s->published.v[k] = s->published.v[--s->published.n];
		free(uri);
	}
	for (i = 0; i < seen.n; i++)
		free(seen.v[i]);
	kith_vec_free(&seen);
}

static double clock_of(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double now(void)
{
	return clock_of(CLOCK_MONOTONIC);
}

void kith_lsp_recheck(kith_lsp *s)
{
	kith_source src = {0};
	kith_open_error err;
	double t0, c0;

	if (!s->dirty)
		return;
	s->dirty = 0;
	if (!s->root)
		return;
	drop_journal(s);
	t0 = now();
	c0 = clock_of(CLOCK_PROCESS_CPUTIME_ID);
	src.path = s->root;
	src.as_of = s->as_of;
	src.cache = s->cache; /* only changed files are parsed again */
	kith_read_set_overlay(overlay, s);
	s->j = kith_lib_load(&src, &err);
	kith_read_set_overlay(NULL, NULL);
	kith_open_error_free(&err);
	if (s->j)
		kith_journal_sort_diags(s->j);
	s->check_seconds = now() - t0;
	s->check_cpu = clock_of(CLOCK_PROCESS_CPUTIME_ID) - c0;
	publish_all(s);
}

/* kith/stats: the last re-check, for tests and benchmarks (an extension
 * of kith's, docs/editors.md). */
static json_t *stats(kith_lsp *s, json_t *params, int *code, const char **err)
{
	kith_lib_cache_stats st = kith_lib_cache_last(s->cache);
	return json_pack("{s:f,s:f,s:i,s:i,s:i}", "checkMs",
	                 s->check_seconds * 1e3, "checkCpuMs",
	                 s->check_cpu * 1e3, "files", (int)st.files, "parsed",
	                 (int)st.parsed, "kept", (int)st.kept);
}

/* ---- notifications ---- */

static void on_did_open(kith_lsp *s, json_t *params)
{
	const char *uri, *text;
	size_t n;
	json_int_t version = 0;
	kith_lsp_doc *d;
	char *path;

	if (json_unpack(params, "{s:{s:s,s:s%,s?I}}", "textDocument", "uri",
	                &uri, "text", &text, &n, "version", &version) != 0)
		return;
	path = kith_lsp_uri_to_path(uri);
	if (!path)
		return;
	d = doc_by_uri(s, uri);
	if (!d) {
		d = kith_vec_push(&s->docs);
		d->uri = kith_xstrdup(uri);
		d->path = resolve(path);
	}
	set_text(d, text, n);
	d->version = (long)version;
	find_root_from(s, d->path, 1);
	free(path);
	s->dirty = 1;
}

/* Applies one change: a range replaced by text, or the whole text. */
static void apply_change(kith_lsp_doc *d, json_t *ch)
{
	const char *text;
	size_t n, a, b;
	json_int_t l0, c0, l1, c1;
	kith_lsp_lines l;
	kith_buf nb = {0};

	if (json_unpack(ch, "{s:s%}", "text", &text, &n) != 0)
		return;
	if (json_unpack(ch, "{s:{s:{s:I,s:I},s:{s:I,s:I}}}", "range", "start",
	                "line", &l0, "character", &c0, "end", "line", &l1,
	                "character", &c1) != 0) {
		set_text(d, text, n);
		return;
	}
	if (l0 < 0 || c0 < 0 || l1 < 0 || c1 < 0 || l0 > UINT32_MAX ||
	    l1 > UINT32_MAX || c0 > UINT32_MAX || c1 > UINT32_MAX)
		return;
	kith_lsp_lines_init(&l, d->text, d->len);
	a = kith_lsp_offset(&l, (uint32_t)l0, (uint32_t)c0);
	b = kith_lsp_offset(&l, (uint32_t)l1, (uint32_t)c1);
	kith_lsp_lines_free(&l);
	if (b < a)
		b = a;
	kith_buf_put(&nb, d->text, a);
	kith_buf_put(&nb, text, n);
	kith_buf_put(&nb, d->text + b, d->len - b);
	set_text(d, nb.p ? nb.p : "", nb.n);
	kith_buf_free(&nb);
}

static void on_did_change(kith_lsp *s, json_t *params)
{
	const char *uri;
	json_t *changes, *ch;
	json_int_t version = 0;
	kith_lsp_doc *d;
	size_t i;

	if (json_unpack(params, "{s:{s:s,s?I},s:o}", "textDocument", "uri",
	                &uri, "version", &version, "contentChanges",
	                &changes) != 0 ||
	    !json_is_array(changes))
		return;
	d = doc_by_uri(s, uri);
	if (!d)
		return;
	json_array_foreach(changes, i, ch) apply_change(d, ch);
	d->version = (long)version;
	s->dirty = 1;
}

static void on_did_close(kith_lsp *s, json_t *params)
{
	const char *uri;
	kith_lsp_doc *d;

	if (json_unpack(params, "{s:{s:s}}", "textDocument", "uri", &uri) != 0)
		return;
	d = doc_by_uri(s, uri);
	if (!d)
		return;
	/* the file on disk is the truth again */
	free(d->uri);
	free(d->path);
	free(d->text);
	*d = s->docs.v[--s->docs.n];
	s->dirty = 1;
}

static void on_dirty(kith_lsp *s, json_t *params)
{
	s->dirty = 1;
}

/* Asks the client to tell us about journal files changed outside the
 * editor (git checkout, kith add), when it can. Its answer is ignored. */
static void on_initialized(kith_lsp *s, json_t *params)
{
	if (!s->watch_files)
		return;
	kith_rpc_send(
	    &s->w,
	    json_pack("{s:s,s:s,s:{s:[{s:s,s:s,s:{s:[{s:s},{s:s},{s:s}]}}]}}",
	              "id", "kith-watch", "method", "client/registerCapability",
	              "params", "registrations", "id", "kith-files", "method",
	              "workspace/didChangeWatchedFiles", "registerOptions",
	              "watchers", "globPattern", "**/*.yaml", "globPattern",
	              "**/*.yml", "globPattern", "**/*.md"));
}

/* ---- requests and replies ---- */

static void reply(kith_lsp *s, json_t *id, json_t *result)
{
	kith_rpc_send(&s->w, json_pack("{s:O,s:o}", "id", id, "result",
	                               result ? result : json_null()));
}

static void reply_error(kith_lsp *s, json_t *id, int code, const char *msg)
{
	kith_rpc_send(&s->w, json_pack("{s:O,s:{s:i,s:s}}", "id",
	                               id ? id : json_null(), "error", "code",
	                               code, "message", msg));
}

static json_t *capabilities(void)
{
	return json_pack(
	    "{s:s,s:{s:b,s:i,s:{s:b}},s:{s:[sssss],s:b},s:b,s:b,s:b,s:{s:b},"
	    "s:b,s:b,s:b,s:b,s:{s:[s]},s:b}",
	    "positionEncoding", "utf-16", "textDocumentSync", "openClose", 1,
	    "change", 2, "save", "includeText", 0, "completionProvider",
	    "triggerCharacters", "@", "#", ":", "[", ",", "resolveProvider", 0,
	    "hoverProvider", 1, "definitionProvider", 1, "referencesProvider",
	    1, "renameProvider", "prepareProvider", 1, "documentSymbolProvider",
	    1, "workspaceSymbolProvider", 1, "foldingRangeProvider", 1,
	    "documentFormattingProvider", 1, "codeActionProvider",
	    "codeActionKinds", "quickfix", "inlayHintProvider", 1);
}

static void on_initialize(kith_lsp *s, json_t *id, json_t *params)
{
	const char *uri = NULL, *path = NULL;
	json_t *folders;

	if (s->initialized) {
		reply_error(s, id, KITH_RPC_INVALID_REQUEST,
		            "initialize was already called");
		return;
	}
	s->initialized = 1;
	if (json_is_object(params)) {
		int watch = 0;
		json_unpack(params, "{s:{s:{s:{s:b}}}}", "capabilities",
		            "workspace", "didChangeWatchedFiles",
		            "dynamicRegistration", &watch);
		s->watch_files = watch;
		folders = json_object_get(params, "workspaceFolders");
		if (json_is_array(folders) && json_array_size(folders))
			json_unpack(json_array_get(folders, 0), "{s:s}", "uri",
			            &uri);
		if (!uri)
			json_unpack(params, "{s:s}", "rootUri", &uri);
		if (!uri)
			json_unpack(params, "{s:s}", "rootPath", &path);
	}
	if (uri) {
		char *p = kith_lsp_uri_to_path(uri);
		find_root_from(s, p, 0);
		free(p);
	} else if (path)
		find_root_from(s, path, 0);
	reply(s, id,
	      json_pack("{s:o,s:{s:s,s:s}}", "capabilities", capabilities(),
	                "serverInfo", "name", "kith", "version", KITH_VERSION));
}

static method find_method(const char *name)
{
	int i;
	for (i = 0; i < M__COUNT; i++)
		if (!strcmp(methods[i].name, name))
			return (method)i;
	return M__COUNT;
}

static int is_cancelled(kith_lsp *s, json_t *id)
{
	size_t i;
	json_t *v;
	json_array_foreach(s->cancelled, i, v) if (json_equal(v, id))
	{
		json_array_remove(s->cancelled, i);
		return 1;
	}
	return 0;
}

static void handle_request(kith_lsp *s, method m, json_t *id, json_t *params)
{
	int code = KITH_RPC_INVALID_PARAMS;
	const char *err = "invalid params";
	json_t *result;

	if (m == M_INITIALIZE) {
		on_initialize(s, id, params);
		return;
	}
	if (!s->initialized) {
		reply_error(s, id, KITH_RPC_NOT_INITIALIZED,
		            "the server is not initialized");
		return;
	}
	if (s->shutdown) {
		reply_error(s, id, KITH_RPC_INVALID_REQUEST,
		            "the server is shutting down");
		return;
	}
	if (m == M_SHUTDOWN) {
		s->shutdown = 1;
		reply(s, id, json_null());
		return;
	}
	if (m == M__COUNT || !methods[m].request) {
		reply_error(s, id, KITH_RPC_METHOD_NOT_FOUND, "unknown method");
		return;
	}
	if (is_cancelled(s, id)) {
		reply_error(s, id, KITH_RPC_CANCELLED, "request cancelled");
		return;
	}
	kith_lsp_recheck(s);
	if (!json_is_object(params)) {
		reply_error(s, id, code, "params must be an object");
		return;
	}
	result = methods[m].request(s, params, &code, &err);
	if (result)
		reply(s, id, result);
	else
		reply_error(s, id, code, err);
}

static void handle_notification(kith_lsp *s, method m, json_t *params)
{
	json_t *id;

	if (m == M_EXIT) {
		s->exit_seen = 1;
		return;
	}
	if (!s->initialized || s->shutdown || m == M__COUNT)
		return; /* dropped, as the spec says; $/ ones are optional */
	if (m == M_CANCEL) {
		id = json_object_get(params, "id");
		if (id && (json_is_integer(id) || json_is_string(id)))
			json_array_append(s->cancelled, id);
		return;
	}
	if (methods[m].notify) /* each checks its params */
		methods[m].notify(s, params);
}

/* One message. */
static void handle(kith_lsp *s, json_t *msg)
{
	json_t *id, *jm, *params;
	method m;

	if (!json_is_object(msg)) {
		reply_error(s, NULL, KITH_RPC_INVALID_REQUEST,
		            "a message is a JSON object");
		return;
	}
	id = json_object_get(msg, "id");
	jm = json_object_get(msg, "method");
	params = json_object_get(msg, "params");
	if (id && !json_is_integer(id) && !json_is_string(id) &&
	    !json_is_null(id)) {
		reply_error(s, NULL, KITH_RPC_INVALID_REQUEST,
		            "id must be a number or a string");
		return;
	}
	if (!jm) {
		if (!id || (!json_object_get(msg, "result") &&
		            !json_object_get(msg, "error")))
			reply_error(s, id, KITH_RPC_INVALID_REQUEST,
			            "a request needs a method");
		return; /* a response to a request of ours: none are sent */
	}
	if (!json_is_string(jm)) {
		reply_error(s, id, KITH_RPC_INVALID_REQUEST,
		            "method must be a string");
		return;
	}
	m = find_method(json_string_value(jm));
	if (id)
		handle_request(s, m, id, params);
	else
		handle_notification(s, m, params);
}

/* Reads what is waiting, handles it in order (cancellations first, so a
 * request cancelled while queued is not computed), then re-checks once
 * for the whole batch of edits. */
static int run(kith_lsp *s, kith_rpc_reader *r)
{
	kith_buf body = {0};
	json_t *queue = json_array();
	int rc;

	while (!s->exit_seen) {
		size_t i;
		json_t *msg;

		rc = kith_rpc_read(r, 1, &body);
		while (rc != 0 && json_array_size(queue) < 256) {
			json_error_t e;
			if (rc < 0)
				json_array_append_new(queue, json_string("?"));
			else if ((msg = json_loadb(body.p, body.n, 0, &e)))
				json_array_append_new(queue, msg);
			else
				json_array_append_new(queue, json_null());
			rc = kith_rpc_read(r, 0, &body);
		}
		if (!json_array_size(queue))
			break;
		json_array_foreach(queue, i, msg)
		{
			json_t *params = json_object_get(msg, "params");
			const char *mn = NULL;
			json_unpack(msg, "{s:s}", "method", &mn);
			if (mn && !strcmp(mn, "$/cancelRequest"))
				handle_notification(s, M_CANCEL, params);
		}
		json_array_foreach(queue, i, msg)
		{
			const char *mn = NULL;
			if (s->exit_seen)
				break;
			if (json_is_null(msg) || json_is_string(msg)) {
				reply_error(s, NULL, KITH_RPC_PARSE_ERROR,
				            json_is_null(msg)
				                ? "malformed JSON"
				                : "malformed header");
				continue;
			}
			json_unpack(msg, "{s:s}", "method", &mn);
			if (!mn || strcmp(mn, "$/cancelRequest") != 0)
				handle(s, msg);
		}
		json_array_clear(queue);
		/* a cancel left over names a request answered before */
		json_array_clear(s->cancelled);
		if (s->initialized && !s->shutdown)
			kith_lsp_recheck(s);
	}
	json_decref(queue);
	kith_buf_free(&body);
	kith_buf_free(&r->buf);
	return s->shutdown ? 0 : 1;
}

int kith_lsp_serve(kith_lsp *s, int in_fd, int out_fd)
{
	kith_rpc_reader r = {0};
	r.fd = in_fd;
	s->w.fd = out_fd;
	s->w.sink = NULL;
	return run(s, &r);
}

int kith_lsp_feed(kith_lsp *s, const char *data, size_t n, kith_buf *out)
{
	kith_rpc_reader r = {0};
	r.fd = -1;
	r.eof = 1;
	kith_buf_put(&r.buf, data, n);
	s->w.fd = -1;
	s->w.sink = out;
	return run(s, &r);
}
