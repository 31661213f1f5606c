/* Helpers shared by the renderers in src/render (and the format choice in
 * src/cli): format names, the names of enum values as the machine formats
 * spell them, and UTF-8 walking for escaping and truncation. */
#ifndef KITH_RENDER_H
#define KITH_RENDER_H

#include "compute/report.h"

/* "text", "md", ... -> KITH_FMT_*, or -1 if unknown. */
int kith_format_parse(const char *name);
/* By extension: .txt .md .html/.htm .json .csv .ics (ASCII case-folded);
 * -1 if unknown or none. */
int kith_format_from_path(const char *path);

/* "empty", "text", "int", "num", "pct", "date", "days", "bool". */
const char *kith_cell_type_name(kith_cell_type t);
/* "", "good", "ok", "warn", "bad", "dim": for html classes. */
const char *kith_style_name(kith_style s);
/* "table", "facts", "text". */
const char *kith_section_kind_name(kith_section_kind k);

/* Length of the valid UTF-8 sequence at p (1..4), or 0 if the bytes at p
 * are not one (overlong, surrogate, truncated, > U+10FFFF). n > 0. */
size_t kith_utf8_seq(const char *p, size_t n);

/* The stable id of a fact label: ASCII lowercased, spaces as '_'. */
void kith_fact_id(const char *label, kith_buf *out);

/* s[0..n) as a JSON string (RFC 8259): '"', '\\' and \n \r \t escaped,
 * other controls as \u00XX, valid UTF-8 passed through, invalid bytes as
 * \ufffd. */
void kith_json_string(kith_buf *out, const char *s, size_t n);

/* 1 when s[i] is the '\r' of a "\r\n" in s[0..n). Notes are slices of
 * the file text, so a journal saved with CRLF line ends hands its CRs to
 * the renderers; each drops them here, and the same journal gives the
 * same bytes whichever line ends it was saved with. */
int kith_crlf_cr(const char *s, size_t n, size_t i);

/* A column shown to people (text, md, html): not KITH_COL_MACHINE. */
int kith_col_shown(const kith_col *c);

#endif
