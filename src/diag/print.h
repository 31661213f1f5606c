/* Printing diagnostics in the three styles of docs/diagnostics.md
 * Internal header for src/cli and tests/. */
#ifndef KITH_DIAG_PRINT_H
#define KITH_DIAG_PRINT_H

#include "diag/diag.h"

typedef enum {
	KITH_DIAG_HUMAN,
	KITH_DIAG_JSON,
	KITH_DIAG_GITHUB
} kith_diag_style;

/* What the printer needs of a file: its shown path and its text. */
typedef struct {
	const char *display;
	const char *text;
	size_t len;
} kith_diag_file;

void kith_diag_print(kith_buf *b, kith_diag_style style,
                     const kith_diag_file *files, uint32_t nfiles,
                     const kith_diag *g, int color);

#endif
