/* The language server (kith lsp): JSON-RPC framing, the server state with
 * its open documents, and the feature handlers. Internal header for
 * src/lsp, src/cli (the entry point) and tests/fuzz. */
#ifndef KITH_LSP_H
#define KITH_LSP_H

#include <jansson.h>

#include "load/mdline.h"
#include "model/model.h"

/* ---- the server as seen from outside ---- */
typedef struct kith_lsp kith_lsp;

/* root_hint: -f FILE or NULL (found from the workspace, else the first
 * opened document); as_of: the day "today" is computed from. */
kith_lsp *kith_lsp_new(const char *root_hint, kith_day as_of);
void kith_lsp_free(kith_lsp *s); /* accepts NULL */
/* Serves LSP on in_fd/out_fd until 'exit' or end of input; returns the
 * process exit status of the spec (0 after shutdown, 1 otherwise). */
int kith_lsp_serve(kith_lsp *s, int in_fd, int out_fd);
/* Feeds a framed byte stream from memory and collects the replies in out
 * (fuzzing and tests). Returns like kith_lsp_serve. */
int kith_lsp_feed(kith_lsp *s, const char *data, size_t n, kith_buf *out);

/* ---- framing (src/lsp/rpc.c) ---- */
typedef struct {
	int fd;       /* -1: memory only */
	kith_buf buf; /* bytes read, not yet consumed from pos */
	size_t pos;
	int eof;
} kith_rpc_reader;
/* Next message body: 1 found, 0 end of input, -1 broken header (the
 * reader resynchronises at the next Content-Length). With block = 0, it
 * returns 0 when no whole message is waiting. */
int kith_rpc_read(kith_rpc_reader *r, int block, kith_buf *body);

typedef struct {
	int fd; /* -1: append to sink */
	kith_buf *sink;
} kith_rpc_writer;
void kith_rpc_send(kith_rpc_writer *w, json_t *msg); /* steals msg */

/* JSON-RPC and LSP error codes */
enum {
	KITH_RPC_PARSE_ERROR = -32700,
	KITH_RPC_INVALID_REQUEST = -32600,
	KITH_RPC_METHOD_NOT_FOUND = -32601,
	KITH_RPC_INVALID_PARAMS = -32602,
	KITH_RPC_INTERNAL_ERROR = -32603,
	KITH_RPC_NOT_INITIALIZED = -32002,
	KITH_RPC_REQUEST_FAILED = -32803,
	KITH_RPC_CANCELLED = -32800
};

/* ---- text positions (src/lsp/text.c) ---- */
/* A file's lines: offsets of each line start (0-based line numbers). */
typedef struct {
	const char *p;
	size_t n;
	uint32_t *start;
	uint32_t nlines;
} kith_lsp_lines;
void kith_lsp_lines_init(kith_lsp_lines *l, const char *p, size_t n);
void kith_lsp_lines_free(kith_lsp_lines *l);
/* Byte offset of an LSP position (0-based line, UTF-16 character),
 * clamped to the line. */
size_t kith_lsp_offset(const kith_lsp_lines *l, uint32_t line, uint32_t ch);
/* UTF-16 column of a byte offset within its line (0-based line given). */
uint32_t kith_lsp_u16col(const kith_lsp_lines *l, uint32_t line, size_t off);
/* Line and UTF-16 column of a byte offset. */
void kith_lsp_position(const kith_lsp_lines *l, size_t off, uint32_t *line,
                       uint32_t *ch);
/* {"line":..,"character":..} */
json_t *kith_lsp_pos_json(uint32_t line, uint32_t ch);
/* A range from a model position (1-based line, 1-based byte column) and a
 * byte length on that line. */
json_t *kith_lsp_range_of(const kith_lsp_lines *l, kith_pos pos, uint32_t len);
json_t *kith_lsp_range_json(uint32_t l0, uint32_t c0, uint32_t l1, uint32_t c1);
/* file:///abs/path <-> /abs/path (percent-encoding). malloc'd. */
char *kith_lsp_uri_to_path(const char *uri);
char *kith_lsp_path_to_uri(const char *path);
/* Is c a character of a handle or id ([a-z0-9._-], also upper case and
 * UTF-8 continuation bytes so a typo still selects the whole word)? */
int kith_lsp_word_char(int c);

/* Line `line` (1-based) of a Markdown journal file as the journal's one
 * line grammar classifies it (src/load/mdline.h): 1 and *out, 0 past the
 * end. *entry: the entry heading's line above it (0: none); *prev: the
 * kind of the line before (KITH_MDL__COUNT on line 1). */
int kith_lsp_md_line(const kith_lsp_lines *l, uint32_t line, kith_mdline *out,
                     uint32_t *entry, kith_mdl_kind *prev);
/* Byte offset in the file of a line the scanner returned. */
size_t kith_lsp_md_offset(const kith_lsp_lines *l, const kith_mdline *ml);

/* ---- the server state ---- */
typedef struct {
	char *uri;
	char *path; /* resolved absolute path */
	char *text; /* malloc'd with slack, NUL-terminated */
	size_t len;
	long version;
} kith_lsp_doc;

/* An occurrence of a name: a definition or a reference. */
typedef enum {
	KITH_OCC_CONTACT,
	KITH_OCC_GOAL,
	KITH_OCC_EVENT,
	KITH_OCC__COUNT
} kith_occ_type;
typedef struct {
	uint32_t file, line, col, len; /* model position; len in bytes */
	uint32_t name_off; /* bytes of the occurrence before the name ('@') */
	kith_str name;
	uint8_t type; /* kith_occ_type */
	uint8_t def;  /* the definition (YAML key) */
} kith_occ;

typedef KITH_VEC(kith_occ) kith_occs;

struct kith_lsp {
	char *root_hint;
	char *root; /* kith.yaml, absolute; NULL until found */
	kith_day as_of;
	int initialized, shutdown, exit_seen;
	int watch_files; /* the client registers file watchers for us */
	KITH_VEC(kith_lsp_doc) docs;
	kith_journal *j;
	struct kith_lib_cache *cache; /* per-file parse results (lib/lib.h) */
	int dirty;             /* documents changed since the last check */
	double check_seconds;  /* last re-check, for logs and tests */
	double check_cpu;      /* its CPU seconds (kith/stats) */
	kith_lsp_lines *lines; /* per journal file, built on demand */
	kith_occs occs;        /* sorted by file, line, col; on demand */
	int occs_built;
	KITH_VEC(char *) published; /* URIs that hold diagnostics now */
	kith_rpc_writer w;
	json_t *cancelled; /* ids cancelled before they were handled */
};

/* src/lsp/server.c helpers used by the feature files */
/* Checks the journal again when documents changed; publishes. */
void kith_lsp_recheck(kith_lsp *s);
/* The journal file of a document URI, or KITH_NONE. */
uint32_t kith_lsp_file_of_uri(kith_lsp *s, const char *uri);
const kith_lsp_lines *kith_lsp_file_lines(kith_lsp *s, uint32_t file);
/* URI of a journal file (malloc'd). */
char *kith_lsp_file_uri(kith_lsp *s, uint32_t file);
/* {"uri":..,"range":..} of a model position in a file. */
json_t *kith_lsp_location(kith_lsp *s, kith_pos pos, uint32_t len);
/* textDocument.uri and position of a request; -1 if malformed. Sets the
 * file index and the byte offset in it. */
int kith_lsp_doc_pos(kith_lsp *s, json_t *params, uint32_t *file, size_t *off);

/* src/lsp/index.c */
const kith_occs *kith_lsp_occs(kith_lsp *s);
/* The occurrence covering byte offset off of file, or NULL. */
const kith_occ *kith_lsp_occ_at(kith_lsp *s, uint32_t file, size_t off);
/* Index of the definition of a name (contact, goal, event), or KITH_NONE. */
uint32_t kith_lsp_target(const kith_journal *j, kith_occ_type t, kith_str name);
kith_pos kith_lsp_def_pos(const kith_journal *j, kith_occ_type t, uint32_t idx);

/* Last line (1-based) of the Markdown entry whose heading is on line
 * `line` (src/lsp/navigate.c). */
uint32_t kith_lsp_entry_end(kith_lsp *s, uint32_t file, uint32_t line);

/* Feature handlers: each takes the params and returns the result (a new
 * reference; json_null() for "nothing") or NULL with *err set to a
 * message (then *code says which error). */
typedef json_t *(*kith_lsp_handler)(kith_lsp *s, json_t *params, int *code,
                                    const char **err);
json_t *kith_lsp_completion(kith_lsp *s, json_t *params, int *code,
                            const char **err);
json_t *kith_lsp_hover(kith_lsp *s, json_t *params, int *code,
                       const char **err);
json_t *kith_lsp_definition(kith_lsp *s, json_t *params, int *code,
                            const char **err);
json_t *kith_lsp_references(kith_lsp *s, json_t *params, int *code,
                            const char **err);
json_t *kith_lsp_prepare_rename(kith_lsp *s, json_t *params, int *code,
                                const char **err);
json_t *kith_lsp_rename(kith_lsp *s, json_t *params, int *code,
                        const char **err);
json_t *kith_lsp_document_symbols(kith_lsp *s, json_t *params, int *code,
                                  const char **err);
json_t *kith_lsp_workspace_symbols(kith_lsp *s, json_t *params, int *code,
                                   const char **err);
json_t *kith_lsp_folding(kith_lsp *s, json_t *params, int *code,
                         const char **err);
json_t *kith_lsp_formatting(kith_lsp *s, json_t *params, int *code,
                            const char **err);
json_t *kith_lsp_code_actions(kith_lsp *s, json_t *params, int *code,
                              const char **err);
json_t *kith_lsp_inlay_hints(kith_lsp *s, json_t *params, int *code,
                             const char **err);

/* The diagnostics of one journal file as LSP Diagnostic objects. */
json_t *kith_lsp_file_diagnostics(kith_lsp *s, uint32_t file);

#endif
