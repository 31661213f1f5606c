/* Loaders: journal discovery and includes, YAML files through libyaml's
 * event API into a bounded node tree, the tree into the model, and
 * Markdown journals. Internal header for src/load, src/cli and tests/. */
#ifndef KITH_LOAD_H
#define KITH_LOAD_H

#include "model/model.h"

/* Limits (docs/format.md "Limits"). */
#define KITH_MAX_FILE_BYTES ((size_t)256 << 20) /* 256 MiB per file */
#define KITH_MAX_DEPTH 32                       /* YAML nesting */
#define KITH_MAX_SCALAR ((size_t)1 << 20)       /* 1 MiB per scalar */
#define KITH_MAX_LINE ((size_t)1 << 20)         /* Markdown line */
#define KITH_MAX_FILES 10000                    /* files per journal */

/* ---- YAML node tree ---- */
typedef enum {
	KITH_YNODE_SCALAR,
	KITH_YNODE_MAP,
	KITH_YNODE_SEQ
} kith_ynode_type;

typedef struct kith_ynode kith_ynode;
struct kith_ynode {
	kith_ynode_type type;
	kith_pos pos; /* start of the node */
	uint32_t len; /* scalar: span on its first line, for carets */
	kith_str s;   /* scalar value (arena), NUL-terminated */
	/* map: children alternate key, value; seq: items */
	kith_ynode **kids;
	uint32_t nkids;
	/* (small fields last: a node is 56 bytes, not 72) */
	uint8_t quoted;      /* scalar was quoted (never a null/number by
	                        YAML): KITH_YQ_* of load/yaml_internal.h */
	uint8_t plain_empty; /* plain empty scalar (YAML null, e.g. "key:") */
	uint8_t stub; /* map standing for an entry left out after a syntax
	                 error: its name is declared, its fields are not
	                 checked */
};

/* Parses one YAML document (a mapping, or empty) from text[0..len).
 * Positions: line and col are added to line_off/col_off (for Markdown
 * metadata blocks; pass 0, 0 for whole files). Reports yaml-syntax,
 * yaml-alias, yaml-tag, too-deep, too-long, duplicate-key. Returns the
 * root node (NULL on a fatal error or an empty document). Nodes live in
 * the journal arena. */
kith_ynode *kith_yaml_parse(kith_journal *j, uint32_t file, const char *text,
                            size_t len, uint32_t line_off);

/* Model building from a parsed file (src/load/yaml_model.c). root may be
 * NULL. is_root: settings are allowed. Include paths are returned to the
 * caller (include.c) rather than followed here. */
void kith_model_from_yaml(kith_journal *j, uint32_t file, kith_ynode *root,
                          int is_root, kith_refs *includes);

/* One interaction from a metadata block of a Markdown entry: fills the
 * keys kind, event, time into *ix and with, goals, tags into *ls
 * (appending to lists already holding title values; the caller packs
 * them). Unknown keys are reported. */
void kith_model_md_meta(kith_journal *j, kith_ynode *map, kith_interaction *ix,
                        kith_ix_lists *ls);

/* The schema for editors: the keys allowed in each kind of mapping (in
 * the loader's own tables), and the values of enumerated keys ("horizon",
 * "per", "measure", "goal-status", "event-status"; NULL otherwise). */
typedef enum {
	KITH_YCTX_ROOT,
	KITH_YCTX_FILE, /* top level of an included file */
	KITH_YCTX_KIND,
	KITH_YCTX_ROLE,
	KITH_YCTX_RULE,
	KITH_YCTX_CONTACT,
	KITH_YCTX_GOAL,
	KITH_YCTX_METRIC,
	KITH_YCTX_CHECKPOINT,
	KITH_YCTX_ACTION,
	KITH_YCTX_EVENT,
	KITH_YCTX_INTERACTION,
	KITH_YCTX_FOLLOWUP,
	KITH_YCTX_ASSESSMENT,
	KITH_YCTX_MD_META,
	KITH_YCTX__COUNT
} kith_yctx;
const char *const *kith_yaml_keys(kith_yctx c, size_t *n);
const char *const *kith_yaml_values(const char *key, size_t *n);

/* Markdown journal loader (src/load/journal_md.c): appends interactions
 * and follow-ups of file to the journal. */
void kith_load_md(kith_journal *j, uint32_t file);
/* Forgets the loader's table of reference names (the copies stay in the
 * arena): at the end of a load. */
void kith_md_names_drop(kith_journal *j);
/* Grammar patterns are compiled once per process; free them at exit. */
void kith_md_grammar_free(void);
/* Frees the calling thread's PCRE2 match data (each thread that reads
 * Markdown has its own): at the end of a thread that read some. */
void kith_mdl_thread_end(void);
/* Parse the Markdown files files[0..n) of j (registered, in include
 * order) exactly as n calls of kith_load_file would: the same records and
 * diagnostics in the same order; each mapped text's pages are given back
 * once its records are built (kith_text_drop). On several threads when
 * the run is big enough and more than one CPU is ours (src/load/md_run.c).
 * In two steps: _start sets the other threads reading (none
 * when the run is read on one thread); the calling thread may meanwhile
 * parse files that come before the run, and add files after it (the run
 * reads from a copy of the file table), but change no kind or setting;
 * _finish reads the rest on the calling thread too and moves it all into
 * j, in file order, after whatever was added to j meanwhile, and frees
 * the run. */
typedef struct kith_md_run kith_md_run;
kith_md_run *kith_load_md_run_start(kith_journal *j, const uint32_t *files,
                                    uint32_t n);
void kith_load_md_run_finish(kith_journal *j, kith_md_run *run);
/* Tests and benchmarks: at most `threads` threads for a run (0: one per
 * CPU, at most 4; 1: the calling thread alone), used for runs of at least
 * min_bytes. The default is (0, 512 KiB). */
void kith_load_set_parallel(unsigned threads, size_t min_bytes);

/* ---- whole journal (src/load/root.c, glob.c, include.c) ---- */
/* Finds the root file: explicit path (a file, or a folder holding
 * kith.yaml) if given and not empty, else kith.yaml in cwd or a parent.
 * ($KITH_FILE is the CLI's to read.) Returns a malloc'd absolute path or
 * NULL with *err set. */
char *kith_find_root(const char *explicit_path, const char **err);

/* Does the path S match the include pattern PAT (docs/format.md 1.1)? '*',
 * '?' and '[...]' stay within a folder, '**' crosses them. */
int kith_glob_match(const char *pat, const char *s);
/* Loads the root file and everything it includes, in include order.
 * Never fails: problems are diagnostics. Returns NULL only when the root
 * cannot be read (then *err says why). */
kith_journal *kith_load(const char *root_path, const char **err);
/* Loads a journal from in-memory files (tests and fuzzers): the first is
 * the root; includes resolve only among the given names. */
kith_journal *kith_load_mem(const char *const *names, const char *const *texts,
                            size_t n);

/* Parses file `file` of j (already read and registered) into the model:
 * the Markdown loader, or the YAML parser and model builder (the root's
 * settings when file is 0), appending the include paths a YAML file
 * names to *includes. Reads j->kinds (a Markdown heading's #word is a
 * kind when declared); writes only the file's own records and
 * diagnostics, allocating from j->arena. */
void kith_load_file(kith_journal *j, uint32_t file, kith_refs *includes);
/* The loader calls hook->parse in place of kith_load_file for each file
 * it reads (the library's per-file cache for the language server). */
typedef struct {
	void (*parse)(void *ctx, kith_journal *j, uint32_t file,
	              kith_refs *includes);
	void *ctx;
} kith_load_hook;
kith_journal *kith_load_via(const char *root_path, const kith_load_hook *hook,
                            const char **err);
kith_journal *kith_load_mem_via(const char *const *names,
                                const char *const *texts, size_t n,
                                const kith_load_hook *hook);

#endif
