/* Rows by named columns: the checked setters behind kith_row, so a value
 * lands in the column its enum names, of the type the column declares, or
 * kith stops with the section and column named. */
#include <stdio.h>
#include <stdlib.h>

#include "compute/report.h"

static const char *const type_names[] = {"empty", "text", "int",  "num",
                                         "pct",   "date", "days", "bool"};
_Static_assert(sizeof type_names / sizeof type_names[0] == KITH_CELL_BOOL + 1,
               "a name for every cell type");

KITH_NORETURN static void misuse(const kith_section *s, uint32_t col,
                                 const char *what)
{
	fprintf(stderr, "kith: internal error: section '%s' column %u: %s\n",
	        s->id, (unsigned)col, what);
	abort();
}

/* NUM and PCT are both numbers: a rate is a PCT in a NUM column. */
static int fits(kith_cell_type col, kith_cell_type value)
{
	if (col == value)
		return 1;
	return (col == KITH_CELL_NUM || col == KITH_CELL_PCT) &&
	       (value == KITH_CELL_NUM || value == KITH_CELL_PCT);
}

kith_cell *kith_row_cell(kith_row w, uint32_t col, kith_cell_type type)
{
	if (col >= w.s->ncols)
		misuse(w.s, col, "no such column");
	/* A facts section's value column takes a value of any type. */
	int any = w.s->kind == KITH_SECTION_FACTS && col == 1;
	if (!any && !fits(w.s->cols[col].type, type)) {
		char what[80];
		snprintf(what, sizeof what, "'%s' is %s, set as %s",
		         w.s->cols[col].id, type_names[w.s->cols[col].type],
		         type_names[type]);
		misuse(w.s, col, what);
	}
	return &w.cells[col];
}

void kith_cols_check(const char *section, const kith_col *cols, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		if (cols[i].id && cols[i].title)
			continue;
		fprintf(stderr,
		        "kith: internal error: section '%s' column %u has no "
		        "entry in its column table\n",
		        section ? section : "", (unsigned)i);
		abort();
	}
}

void kith_row_note_task(kith_row w, uint32_t col, const kith_note_task *t)
{
	if (col >= w.s->ncols || !(w.s->cols[col].flags & KITH_COL_NOTES))
		misuse(w.s, col, "a task line outside a notes column");
	/* a made row keeps its own (kith_section_fill) */
	kith_note_task *o = kith_made_row_task(w.s, w.cells);
	if (o) {
		uint32_t row = o->row;
		*o = *t;
		o->row = row;
		o->col = col;
		return;
	}
	/* the section is the caller's (kith_row_add took it mutable) */
	kith_section *s = (kith_section *)w.s;
	o = kith_vec_push(&s->tasks);
	*o = *t;
	o->row = (uint32_t)((size_t)(w.cells - s->cells) / s->ncols);
	o->col = col;
}

const kith_note_task *kith_section_note_tasks(const kith_section *s,
                                              uint32_t row, uint32_t col,
                                              uint32_t *n)
{
	if (s->fill && row >= s->fill->from && row < s->nrows)
		return kith_made_row_tasks(s, row, col, n);
	/* binary search for the row's first task: rows are added in order */
	uint32_t lo = 0, hi = s->tasks.n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		const kith_note_task *t = &s->tasks.v[mid];
		if (t->row < row || (t->row == row && t->col < col))
			lo = mid + 1;
		else
			hi = mid;
	}
	uint32_t e = lo;
	while (e < s->tasks.n && s->tasks.v[e].row == row &&
	       s->tasks.v[e].col == col)
		e++;
	*n = e - lo;
	return *n ? &s->tasks.v[lo] : NULL;
}

kith_row kith_row_add(kith_report *r, kith_section *s)
{
	kith_row w = {r, s, kith_section_row(r, s)};
	return w;
}

void kith_row_text(kith_row w, uint32_t col, const char *s)
{
	kith_cell_text(w.r, kith_row_cell(w, col, KITH_CELL_TEXT), s);
}

void kith_row_text_ref(kith_row w, uint32_t col, const char *s)
{
	kith_cell *c = kith_row_cell(w, col, KITH_CELL_TEXT);
	c->type = KITH_CELL_TEXT;
	c->s = s ? s : "";
}

void kith_row_textn(kith_row w, uint32_t col, const char *s, size_t n)
{
	kith_cell_textn(w.r, kith_row_cell(w, col, KITH_CELL_TEXT), s, n);
}

void kith_row_str(kith_row w, uint32_t col, kith_str s)
{
	kith_cell *c = kith_row_cell(w, col, KITH_CELL_TEXT);
	if (s.p && s.n)
		kith_cell_textn(w.r, c, s.p, s.n);
}

void kith_row_textf(kith_row w, uint32_t col, const char *fmt, ...)
{
	kith_cell *c = kith_row_cell(w, col, KITH_CELL_TEXT);
	kith_buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	kith_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	kith_cell_textn(w.r, c, b.p, b.n);
	kith_buf_free(&b);
}

void kith_row_int(kith_row w, uint32_t col, long long v)
{
	kith_cell_int(kith_row_cell(w, col, KITH_CELL_INT), v);
}

void kith_row_num(kith_row w, uint32_t col, double v)
{
	kith_cell_num(kith_row_cell(w, col, KITH_CELL_NUM), v);
}

void kith_row_pct(kith_row w, uint32_t col, double v)
{
	kith_cell_pct(kith_row_cell(w, col, KITH_CELL_PCT), v);
}

void kith_row_date(kith_row w, uint32_t col, kith_day d)
{
	kith_cell_date(kith_row_cell(w, col, KITH_CELL_DATE), d);
}

void kith_row_days(kith_row w, uint32_t col, long long v)
{
	kith_cell_days(kith_row_cell(w, col, KITH_CELL_DAYS), v);
}

void kith_row_bool(kith_row w, uint32_t col, int v)
{
	kith_cell_bool(kith_row_cell(w, col, KITH_CELL_BOOL), v);
}

void kith_row_style(kith_row w, uint32_t col, kith_style style)
{
	if (col >= w.s->ncols)
		misuse(w.s, col, "no such column");
	w.cells[col].style = style;
}
