/* Internals of journal discovery shared by src/load/root.c, glob.c and
 * include.c: the loader state and the path and folder-listing helpers.
 * Include only from those three files and tests/unit/. */
#ifndef KITH_DISCOVER_INTERNAL_H
#define KITH_DISCOVER_INTERNAL_H

#include "load/load.h"

typedef struct kith_loader {
	kith_journal *j;
	const kith_load_hook *hook; /* parses each file when set */
	char *cwd;
	int mem; /* in-memory journal (tests, fuzzers) */
	const char *const *mem_names;
	const char *const *mem_texts;
	size_t mem_n;
	char **tree; /* root-relative paths of files under the root, sorted */
	size_t ntree;
	int walked, capped;
	/* every file of the listing is a plain file (its type from readdir),
	 * none a link: their real paths need no lstat (include.c) */
	int tree_plain;
	int said_too_many;  /* the file limit is reported once per run */
	int walk_errno;     /* first folder or path the walk could not read */
	char *walk_errpath; /* (root-relative), reported once */
	char *walk_prefix;  /* the folder of the last listing */
	char *real_dir;     /* the folder last resolved (include.c) */
	char *real_of_dir;  /* and its realpath */
	kith_map loaded;    /* absolute path -> file index */
	kith_map
	    unparsed; /* files registered for diagnostics only (bad UTF-8) */
	/* the Markdown run files [early_at, early_end) started on other
	 * threads while the YAML files before it are parsed (include.c) */
	kith_md_run *early;
	uint32_t early_at, early_end;
} kith_loader;

/* ---- paths (src/load/root.c) ---- */
/* dir/rel, or rel itself when it is absolute; malloc'd. */
char *kith_load_path_join(const char *dir, const char *rel);
/* The folder part of path ("." without a '/'); malloc'd. */
char *kith_load_path_dir(const char *path);

/* ---- globs and folder listing (src/load/glob.c) ---- */
/* Does the include path hold a wildcard ('*', '?', '[')? */
int kith_glob_has(const char *p);
/* The folder part of a glob before its first wildcard; malloc'd. */
char *kith_glob_prefix(const char *pat);
/* Lists the regular files under prefix into L->tree (sorted). */
void kith_loader_walk(kith_loader *L, const char *prefix);
/* The first entry of L->tree not below the n-byte prefix p. */
size_t kith_loader_tree_lower_bound(const kith_loader *L, const char *p,
                                    size_t n);
void kith_loader_tree_free(kith_loader *L);

#endif
