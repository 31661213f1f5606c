/* Shared by the parts of the html renderer (html.c the page, html_table.c
 * cells and tables, html_note.c Markdown notes, html_chart.c SVG charts);
 * not part of render.h: nothing outside the html renderer uses these. */
#ifndef KITH_RENDER_HTML_H
#define KITH_RENDER_HTML_H

#include "render/render.h"

/* Escapes for text and double-quoted attribute values alike. */
void kith_html_esc(kith_buf *out, const char *s, size_t n);
void kith_html_escs(kith_buf *out, const char *s);
/* "none", "good", "ok", "warn", "bad", "dim". */
const char *kith_html_style_class(kith_style st);
/* A numeric cell's value; 0 when the cell holds no number. */
int kith_html_cell_value(const kith_cell *c, double *v);
/* The plain text of a cell, as text/md/csv show it, escaped. */
void kith_html_plain(kith_buf *out, const kith_cell *c);
void kith_html_empty(kith_buf *out, const kith_section *s);
void kith_html_table(kith_buf *out, const kith_section *s);
void kith_html_facts(kith_buf *out, const kith_section *s);

/* A note's Markdown as HTML (cmark, safe, bounded). */
void kith_html_markdown(kith_buf *out, const char *s);
/* The same, with the note's task lines (kith_section_note_tasks) shown as
 * checkboxes and their dates resolved. */
void kith_html_markdown_tasks(kith_buf *out, const char *s,
                              const kith_note_task *tasks, uint32_t ntasks);

/* The section's chart, if its kind has one. */
void kith_html_chart(kith_buf *out, const kith_section *s);
int kith_html_has_chart(const kith_section *s);
/* The label of a row (col 0) as plain text, in a caller-owned buffer. */
const char *kith_html_row_label(const kith_section *s, uint32_t row,
                                kith_buf *tmp);

#endif
