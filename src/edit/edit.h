/* Editing: canonical layout of journal files (kith fmt) and appending an
 * entry (kith add). Works on source text, never by re-emitting YAML, so
 * comments and layout the user chose survive. Internal header. */
#ifndef KITH_EDIT_H
#define KITH_EDIT_H

#include "util/util.h"

/* Canonical layout of a Markdown journal, written to out:
 * - line ends LF, no trailing whitespace outside fenced code blocks
 *   (except a Markdown hard break of two or more spaces after text),
 * - runs of blank lines outside fences collapsed to one,
 * - one blank line before every heading, none at the start,
 * - entry headings spaced as '## YYYY-MM-DD[ HH:MM] Title',
 * - '[X]' task boxes written '[x]',
 * - exactly one final newline. */
void kith_fmt_md(const char *text, size_t len, kith_buf *out);
/* YAML: line ends LF and exactly one final newline; nothing else, since
 * whitespace in block scalars is content. */
void kith_fmt_yaml(const char *text, size_t len, kith_buf *out);

#endif
