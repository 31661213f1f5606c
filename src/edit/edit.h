/* Editing: canonical layout of journal files (kith fmt) and appending an
 * entry (kith add). Works on source text, never by re-emitting YAML, so
 * comments and layout the user chose survive. Internal header. */
#ifndef KITH_EDIT_H
#define KITH_EDIT_H

#include "util/util.h"

/* Canonical layout of a Markdown journal, written to out. Only layout that
 * cannot change meaning is touched:
 * - line ends LF; trailing whitespace removed from ordinary lines (a
 *   Markdown hard break of two or more spaces is kept),
 * - runs of blank lines between ordinary lines collapsed to one, one blank
 *   line before every heading, none at the start (unless the first line
 *   would then read as front matter) or the end,
 * - entry headings spaced as '## YYYY-MM-DD[ HH:MM] Title',
 * - '[X]' task boxes written '[x]'.
 * Copied byte for byte: front matter (line 1 only), fenced code, indented
 * lines (code or list continuation) and the blank lines between them, and
 * HTML blocks. */
void kith_fmt_md(const char *text, size_t len, kith_buf *out);
/* YAML: line ends LF and a final newline; nothing else, since whitespace
 * and trailing blank lines ('|+') in block scalars are content. */
void kith_fmt_yaml(const char *text, size_t len, kith_buf *out);

#endif
