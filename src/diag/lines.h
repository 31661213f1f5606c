/* A file's line index: the offset where each line starts, built once in
 * one pass, so finding a diagnostic's line costs O(1) and an offset's line
 * a binary search, never a rescan from the top of the file.
 * Internal header for src/ and tests/. */
#ifndef KITH_DIAG_LINES_H
#define KITH_DIAG_LINES_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	const char *text;
	size_t len;
	size_t *start; /* start[i] is the offset of line i + 1 */
	uint32_t n;    /* number of lines */
} kith_lines;

/* Indexes text[0..len) (one scan, memchr per line). */
void kith_lines_build(kith_lines *ix, const char *text, size_t len);
void kith_lines_free(kith_lines *ix); /* accepts NULL */
/* Line `line` (1-based) without its "\n" or "\r\n"; 0 if out of range. */
int kith_lines_get(const kith_lines *ix, uint32_t line, const char **start,
                   size_t *n);
/* The 1-based line holding byte offset off (binary search). */
uint32_t kith_lines_of_offset(const kith_lines *ix, size_t off);
/* Byte column col (1-based) of line `line` as a character column: one per
 * UTF-8 character before it, plus one (a byte order mark on line 1 is not
 * counted, as the loaders do not count it). */
uint32_t kith_lines_char_col(const kith_lines *ix, uint32_t line, uint32_t col);

#endif
