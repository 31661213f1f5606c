/* Helpers shared by the renderers in src/render (and the format choice in
 * src/cli): format names, the names of enum values as the machine formats
 * spell them (the UTF-8 and JSON text helpers are in util/text.h). */
#ifndef KITH_RENDER_H
#define KITH_RENDER_H

#include "compute/report.h"
#include "util/text.h"

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

/* The stable id of a fact label: ASCII lowercased, spaces as '_'. */
void kith_fact_id(const char *label, kith_buf *out);

/* A KITH_CHART_MATRIX section (long form) as a new report holding one
 * wide table: one row per series, one column per bucket, cells
 * "actual/target" with a status mark and the status style. With width >
 * 0 the oldest buckets are left out until it fits that many display
 * columns, and the section's text says so. Free with kith_report_free. */
kith_report *kith_matrix_wide(const kith_section *s, int width);

/* A column shown to people in a table (text, md): not KITH_COL_MACHINE,
 * nor KITH_COL_GROUP (the section's heading names it). */
int kith_col_shown(const kith_col *c);
/* Hands out to the caller's sink (o->flush) once it holds 64 KiB or more:
 * a renderer calls it where it never looks back at what it wrote. */
void kith_render_flush(kith_buf *out, const kith_render_opts *o);

/* Task lines of notes (kith_note_task): where the token `cut` stands in
 * s[0..n) as a whole word, with the blanks on either side: 1 and the span
 * [*a, *b) to remove (put one blank back when text stays on both sides),
 * 0 when it is not there. */
int kith_note_cut(const char *s, size_t n, const char *cut, size_t *a,
                  size_t *b);
/* The date of a task line as people read it: "due 15 Oct 2026", "done 11
 * Oct 2026" (html and md alike). */
void kith_note_task_date(kith_buf *out, const kith_note_task *t);

#endif
