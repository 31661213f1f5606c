/* Printing diagnostics in the three styles of docs/diagnostics.md
 * Internal header for src/cli and tests/. */
#ifndef KITH_DIAG_PRINT_H
#define KITH_DIAG_PRINT_H

#include "diag/diag.h"
#include "diag/lines.h"

typedef enum {
	KITH_DIAG_HUMAN,
	KITH_DIAG_JSON,
	KITH_DIAG_GITHUB
} kith_diag_style;

/* What the printer needs of a file: its shown path, its text and its line
 * index (built by kith_diags_print_to for the files it prints about; when
 * lines.start is NULL kith_diag_print indexes the text for that call). */
typedef struct {
	const char *display;
	const char *text;
	size_t len;
	kith_lines lines;
} kith_diag_file;

/* Human output shows at most this many diagnostics of one code in one
 * file, then one "... and N more" line; json and github show all. */
#define KITH_DIAG_SHOWN_PER_CODE 50

void kith_diag_print(kith_buf *b, kith_diag_style style,
                     const kith_diag_file *files, uint32_t nfiles,
                     const kith_diag *g, int color);

/* Called with each chunk of printed output (64 KiB or so), so a million
 * diagnostics never sit in memory as text. Nonzero stops the printing. */
typedef int (*kith_diag_sink)(void *ctx, const char *p, size_t n);
/* Prints the sorted list (or only its errors) in one style, with the
 * per-code cap in human style. Builds and frees the files' line indexes.
 * Returns the first nonzero value of the sink, else 0. */
int kith_diags_print_to(const kith_diags *d, kith_diag_file *files,
                        uint32_t nfiles, kith_diag_style style, int color,
                        int errors_only, kith_diag_sink sink, void *ctx);

#endif
