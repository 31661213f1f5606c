/* Diagnostics: named codes with a severity from one table, collected in a
 * sink owned by the journal, sorted and printed by the CLI.
 * Internal header for src/ and tests/. */
#ifndef KITH_DIAG_H
#define KITH_DIAG_H

#include <stdint.h>

#include "util/util.h"

typedef enum { KITH_SEV_NOTE, KITH_SEV_WARNING, KITH_SEV_ERROR } kith_severity;

typedef enum {
#define X(e, sev, name, msg) KITH_D_##e,
#include "diag/codes.def"
#undef X
	KITH_D__COUNT
} kith_code;

/* Where a value came from. file indexes the journal's file table; line and
 * col are 1-based (col counts bytes). line 0 means "the whole file". */
typedef struct {
	uint32_t file, line, col;
} kith_pos;
#define KITH_NO_FILE UINT32_MAX

struct kith_diags;

/* The texts are interned in the sink (kith_diags.strs): a million equal
 * diagnostics share one message and one hint. Set them only through
 * kith_diag_hint and kith_diag_note; never free them. */
typedef struct {
	kith_code code;
	kith_severity sev; /* from the table; --strict raises warnings */
	kith_pos pos;
	uint32_t len;     /* span in bytes on the line, for the carets (>= 1) */
	uint32_t seq;     /* emission order, the last sort key */
	const char *msg;  /* formatted from the table's template */
	const char *hint; /* "help:" line or NULL */
	const char *note; /* extra "note:" lines (e.g. include chain) or NULL */
	struct kith_diags *owner; /* whose string pool holds the texts */
} kith_diag;

typedef struct kith_diags {
	KITH_VEC(kith_diag) list;
	uint32_t errors, warnings;
	kith_map index;        /* text -> its slot in strs */
	KITH_VEC(char *) strs; /* the interned texts, owned */
	const char *recent[4]; /* the last texts interned: checked first */
	uint32_t nrecent;
} kith_diags;

const char *kith_code_name(kith_code c);
kith_severity kith_code_severity(kith_code c);
const char *kith_code_template(kith_code c);
int kith_code_from_name(const char *name); /* -1 if unknown */

/* Adds a diagnostic; the message is the code's template filled with the
 * variadic arguments. Returns it so the caller can set hint/note. */
kith_diag *kith_diag_add(kith_diags *d, kith_code code, kith_pos pos,
                         uint32_t len, ...);
/* Adds a copy of g (from another sink) as the next diagnostic of d: same
 * code, severity, position and texts (the library's per-file cache
 * replays a file's diagnostics with it). */
kith_diag *kith_diag_copy(kith_diags *d, const kith_diag *g);
void kith_diag_hint(kith_diag *g, const char *fmt, ...) KITH_PRINTF(2, 3);
void kith_diag_note(kith_diag *g, const char *fmt, ...) KITH_PRINTF(2, 3);
/* Sort by file path (paths[pos.file]), line, col, seq. */
void kith_diags_sort(kith_diags *d, const char *const *paths, uint32_t npaths);
/* Under --strict every warning becomes an error. */
void kith_diags_strict(kith_diags *d);
void kith_diags_free(kith_diags *d);

#endif
