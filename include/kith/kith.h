/* libkith: load and check a kith journal (format v1) from C.
 * The public face of the library that the kith command, the tests and the
 * fuzzers link. Types are opaque; strings returned belong to the journal
 * and live until kith_close(). */
#ifndef KITH_KITH_H
#define KITH_KITH_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kith_journal kith_journal;

/* "0.1.0" */
const char *kith_version(void);

/* Loads the journal whose root file is root_path (a kith.yaml, or a
 * folder holding one; NULL searches from the current folder up) and every
 * file it includes, then checks it as of as_of ("YYYY-MM-DD", or NULL for
 * today; the library reads no environment). Returns NULL only when the
 * root cannot be found or read; *err (if not NULL) then says why.
 * Problems in the files are diagnostics, not failures. */
kith_journal *kith_open(const char *root_path, const char *as_of,
                        const char **err);
void kith_close(kith_journal *j); /* accepts NULL */

/* Diagnostics, sorted by file and line. */
size_t kith_diag_count(const kith_journal *j);
size_t kith_error_count(const kith_journal *j);
typedef struct {
	const char *code;     /* stable name, e.g. "unknown-contact" */
	const char *severity; /* "error" or "warning" */
	const char *file;     /* as shown to the user */
	unsigned line, column, end_column;
	const char *message, *hint; /* hint may be NULL */
} kith_diagnostic;
int kith_diag_get(const kith_journal *j, size_t i, kith_diagnostic *out);

/* Model counts. */
size_t kith_contact_count(const kith_journal *j);
size_t kith_interaction_count(const kith_journal *j);

#ifdef __cplusplus
}
#endif

#endif
