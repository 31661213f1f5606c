/* The library's internal face: one call that finds, loads and checks a
 * journal (from disk or from memory), and the journal-level diagnostic
 * printer. The CLI, the language server, the unit tests and the fuzzers
 * all load journals through here; include/kith/kith.h is built on it.
 * The library never prints and never reads the environment.
 * Internal header for src/lib, src/cli, src/lsp and tests/. */
#ifndef KITH_LIB_H
#define KITH_LIB_H

#include "diag/print.h"
#include "model/model.h"

/* Per-file parse results kept between loads (src/lib/cache.c): a load
 * through a cache parses again only the files whose text changed (or, for
 * Markdown, whose declared kinds changed) and builds the model from the
 * kept records of the others; its diagnostics are those of a plain load.
 * One journal loaded through a cache may be alive at a time (a load while
 * one is alive loads plainly); the journal gives back what it borrowed
 * when freed, and is read-only meanwhile (its records share lists with
 * the cache: no kith_check_leave_out, no edits of its lists). Memory: one
 * parsed file per journal file. */
typedef struct kith_lib_cache kith_lib_cache;
kith_lib_cache *kith_lib_cache_new(void);
/* Accepts NULL; a journal still alive keeps it until freed itself. */
void kith_lib_cache_free(kith_lib_cache *c);
typedef struct {
	uint32_t files;  /* files the last load read */
	uint32_t parsed; /* of them, parsed again */
	uint32_t kept;   /* parsed files kept now */
} kith_lib_cache_stats;
kith_lib_cache_stats kith_lib_cache_last(const kith_lib_cache *c);

/* Where the journal comes from and how it is checked. */
typedef struct {
	/* On disk: the root file or a folder holding kith.yaml; NULL or ""
	 * searches kith.yaml from the current folder up. */
	const char *path;
	/* In memory (tests, fuzzers), used when nfiles > 0: the first file
	 * is the root; includes resolve only among the given names. */
	const char *const *names;
	const char *const *texts;
	size_t nfiles;
	kith_day as_of;        /* KITH_NO_DAY: no date-dependent checks */
	int strict;            /* warnings count as errors */
	kith_lib_cache *cache; /* NULL: parse every file */
} kith_source;

typedef enum {
	KITH_OPEN_OK,
	KITH_OPEN_NO_ROOT,   /* no root file found at path or above cwd */
	KITH_OPEN_UNREADABLE /* the root file was found but cannot be read */
} kith_open_status;

typedef struct {
	kith_open_status status;
	const char *reason; /* static text: why */
	char *root;         /* UNREADABLE: the root's path (malloc'd) */
} kith_open_error;

/* Finds, loads and checks the journal. Problems in its files are
 * diagnostics in j->diags, not failures; NULL only when there is no
 * journal to load (then *err says why; free it with
 * kith_open_error_free). */
kith_journal *kith_lib_load(const kith_source *src, kith_open_error *err);
void kith_open_error_free(kith_open_error *err);

/* Called first by a program that loads journals (kith's main): backs
 * the heap with transparent huge pages where the kernel gives them on
 * request (madvise), else changes nothing. */
void kith_lib_heap_tune(void);

/* Sorts a journal's diagnostics by file path, line and column. */
void kith_journal_sort_diags(kith_journal *j);
/* Sorts and prints them all (or only the errors) in one style, chunk by
 * chunk through sink (see kith_diags_print_to); returns the sink's first
 * nonzero value, else 0. */
int kith_journal_print_diags_to(kith_journal *j, kith_diag_style style,
                                int color, int errors_only, kith_diag_sink sink,
                                void *ctx);
/* The same, all into one buffer. */
void kith_journal_print_diags(kith_journal *j, kith_diag_style style, int color,
                              int errors_only, kith_buf *out);

#endif
