/* The goals matrix for people: a long-form section (one row per metric and
 * bucket, as csv and json show it) turned into one row per metric and one
 * column per bucket, like hledger's budget report. Shared by text, md and
 * html; it only rearranges cells the computation made. */
#include "render/render.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
	const char *label;
	kith_day from;
} bucket;

typedef struct {
	int bucket, from, actual, target, status;
} matrix_cols;

static int bucket_cmp(const void *a, const void *b)
{
	const bucket *p = a, *q = b;
	if (p->from != q->from)
		return p->from < q->from ? -1 : 1;
	return strcmp(p->label, q->label);
}

static const char *cell_str(const kith_section *s, uint32_t row, int col,
                            kith_buf *tmp)
{
	tmp->n = 0;
	const kith_cell *c =
	    col < 0 ? NULL : kith_section_cell(s, row, (uint32_t)col);
	if (c)
		kith_cell_fmt(c, tmp);
	return kith_buf_cstr(tmp);
}

/* A status as a mark, so the matrix reads without colour too. */
static const char *status_mark(const char *st)
{
	static const struct {
		const char *status, *mark;
	} marks[] = {
	    {"met", " \xE2\x9C\x93"},    /* ✓ */
	    {"missed", " \xE2\x9C\x97"}, /* ✗ */
	    {"behind", " !"},
	};
	for (size_t i = 0; i < KITH_ARRAY_LEN(marks); i++)
		if (!strcmp(st, marks[i].status))
			return marks[i].mark;
	return "  ";
}

/* Distinct buckets, oldest first. */
static uint32_t collect_buckets(const kith_section *s, const matrix_cols *mc,
                                kith_report *w, bucket **out)
{
	kith_buf tmp = {0};
	bucket *b = kith_xcalloc(s->nrows + 1, sizeof(*b));
	uint32_t n = 0;
	for (uint32_t r = 0; r < s->nrows; r++) {
		const char *label = cell_str(s, r, mc->bucket, &tmp);
		uint32_t k = 0;
		while (k < n && strcmp(b[k].label, label) != 0)
			k++;
		if (k < n)
			continue;
		b[n].label = kith_arena_strdup(w->arena, label);
		const kith_cell *f =
		    mc->from < 0 ? NULL
		                 : kith_section_cell(s, r, (uint32_t)mc->from);
		b[n].from = f && f->type == KITH_CELL_DATE ? f->day : 0;
		n++;
	}
	qsort(b, n, sizeof(*b), bucket_cmp);
	kith_buf_free(&tmp);
	*out = b;
	return n;
}

static int same_series(const kith_section *s, uint32_t a, uint32_t b,
                       kith_buf *x, kith_buf *y)
{
	for (int c = 0; c < 2; c++) {
		cell_str(s, a, c, x);
		cell_str(s, b, c, y);
		if (x->n != y->n || memcmp(x->p, y->p, x->n) != 0)
			return 0;
	}
	return 1;
}

/* "3/4 ✓": the actual (or "–" when there is nothing to rate yet) against the
 * target, with the status mark. */
static void matrix_cell(kith_report *w, kith_cell *out, const kith_section *s,
                        uint32_t r, const matrix_cols *mc)
{
	kith_buf t = {0}, tmp = {0};
	/* a bucket not started yet has nothing to show, not a zero */
	int later = !strcmp(cell_str(s, r, mc->status, &tmp), "not-started");
	const char *a = cell_str(s, r, mc->actual, &tmp);
	kith_buf_puts(&t, *a && !later ? a : "\xE2\x80\x93");
	kith_buf_putc(&t, '/');
	kith_buf_puts(&t, cell_str(s, r, mc->target, &tmp));
	kith_buf_puts(&t, status_mark(cell_str(s, r, mc->status, &tmp)));
	kith_cell_textn(w, out, t.p, t.n);
	const kith_cell *st =
	    mc->status < 0 ? NULL
	                   : kith_section_cell(s, r, (uint32_t)mc->status);
	out->style = st ? st->style : KITH_STYLE_NONE;
	kith_buf_free(&t);
	kith_buf_free(&tmp);
}

/* Display width of the wide table with buckets [first, nb). */
static size_t table_width(const size_t *colw, uint32_t nb, uint32_t first)
{
	size_t total = colw[0] + 2 + colw[1];
	for (uint32_t k = first; k < nb; k++)
		total += 2 + colw[2 + k];
	return total;
}

static size_t text_width(const char *s)
{
	return kith_utf8_width(s, strlen(s));
}

/* The series' label widths and each bucket column's width. */
static void measure(const kith_section *s, const matrix_cols *mc,
                    const bucket *b, uint32_t nb, kith_report *w, size_t *colw)
{
	kith_buf tmp = {0};
	colw[0] = text_width(s->cols[0].title);
	colw[1] = text_width(s->cols[1].title);
	for (uint32_t k = 0; k < nb; k++)
		colw[2 + k] = text_width(b[k].label);
	for (uint32_t r = 0; r < s->nrows; r++) {
		for (int c = 0; c < 2; c++) {
			size_t cw = text_width(cell_str(s, r, c, &tmp));
			if (cw > colw[c])
				colw[c] = cw;
		}
		const char *label = cell_str(s, r, mc->bucket, &tmp);
		uint32_t k = 0;
		while (k < nb && strcmp(b[k].label, label) != 0)
			k++;
		kith_cell c = {0};
		matrix_cell(w, &c, s, r, mc);
		size_t cw = text_width(c.s);
		if (k < nb && cw > colw[2 + k])
			colw[2 + k] = cw;
	}
	kith_buf_free(&tmp);
}

static void fill_rows(kith_report *w, kith_section *ws, const kith_section *s,
                      const matrix_cols *mc, const bucket *b, uint32_t nb,
                      uint32_t first)
{
	kith_buf x = {0}, y = {0};
	kith_cell *row = NULL;
	for (uint32_t r = 0; r < s->nrows; r++) {
		if (r == 0 || !same_series(s, r - 1, r, &x, &y)) {
			row = kith_section_row(w, ws);
			for (uint32_t c = 0; c < 2; c++)
				row[c] = *kith_section_cell(s, r, c);
		}
		const char *label = cell_str(s, r, mc->bucket, &x);
		for (uint32_t k = first; k < nb; k++)
			if (!strcmp(b[k].label, label))
				matrix_cell(w, &row[2 + k - first], s, r, mc);
	}
	kith_buf_free(&x);
	kith_buf_free(&y);
}

kith_report *kith_matrix_wide(const kith_section *s, int width)
{
	kith_report *w = kith_report_new("matrix", KITH_NO_DAY);
	matrix_cols mc = {
	    kith_section_col(s, "bucket"), kith_section_col(s, "from"),
	    kith_section_col(s, "actual"), kith_section_col(s, "target"),
	    kith_section_col(s, "status")};
	bucket *b = NULL;
	uint32_t nb = s->ncols >= 2 ? collect_buckets(s, &mc, w, &b) : 0;
	size_t *colw = kith_xcalloc(nb + 2, sizeof(*colw));
	uint32_t first = 0;
	measure(s, &mc, b, nb, w, colw);
	while (width > 0 && first + 1 < nb &&
	       table_width(colw, nb, first) > (size_t)width)
		first++;
	kith_col *cols = kith_xcalloc(nb - first + 2, sizeof(*cols));
	for (uint32_t c = 0; c < 2 && c < s->ncols; c++)
		cols[c] = s->cols[c];
	for (uint32_t k = first; k < nb; k++)
		cols[2 + k - first] = (kith_col){
		    b[k].label, b[k].label, KITH_CELL_TEXT, KITH_COL_RIGHT};
	kith_section *ws =
	    kith_report_section(w, s->id, s->title, KITH_SECTION_TABLE, cols,
	                        s->ncols >= 2 ? nb - first + 2 : 0);
	ws->level = s->level;
	ws->empty = s->empty;
	if (s->ncols >= 2)
		fill_rows(w, ws, s, &mc, b, nb, first);
	ws->text = kith_arena_printf(
	    w->arena,
	    "Each cell: actual/target; \xE2\x9C\x93 met, ! behind, "
	    "\xE2\x9C\x97 missed.%s%s",
	    s->text && *s->text ? " " : "", s->text ? s->text : "");
	if (first == 1)
		ws->text = kith_arena_printf(
		    w->arena,
		    "%s The oldest bucket is left out to fit the width.",
		    ws->text);
	else if (first)
		ws->text = kith_arena_printf(
		    w->arena,
		    "%s The %u oldest buckets are left out to fit the "
		    "width.",
		    ws->text, first);
	free(cols);
	free(colw);
	free(b);
	return w;
}
