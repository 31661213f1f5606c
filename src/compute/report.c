/* The report struct builder: arena-backed titles, facts, sections and
 * typed cells, plus the one plain-text formatting of a cell that text, md
 * and csv share, so every format shows the same numbers. */
#include "compute/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"

/* Sections are few; reserving room keeps kith_section pointers stable for
 * every ordinary report (see the note in report.h). */
enum { KITH_SECTIONS_RESERVE = 32 };

kith_report *kith_report_new(const char *command, kith_day as_of)
{
	kith_arena *a = kith_arena_new();
	kith_report *r = kith_arena_alloc(a, sizeof(*r));
	r->arena = a;
	r->command = command ? kith_arena_strdup(a, command) : "";
	r->title = "";
	r->as_of = as_of;
	r->from = r->to = KITH_NO_DAY;
	r->sections.v =
	    kith_xcalloc(KITH_SECTIONS_RESERVE, sizeof(*r->sections.v));
	r->sections.cap = KITH_SECTIONS_RESERVE;
	return r;
}

void kith_report_free(kith_report *r)
{
	if (!r)
		return;
	for (uint32_t i = 0; i < r->sections.n; i++) {
		free(r->sections.v[i].cells);
		kith_vec_free(&r->sections.v[i].tasks);
	}
	kith_vec_free(&r->sections);
	kith_vec_free(&r->facts);
	/* The report itself lives in its arena: free that last. */
	kith_arena_free(r->arena);
}

static const char *dup_or_empty(kith_report *r, const char *s)
{
	return s ? kith_arena_strdup(r->arena, s) : "";
}

kith_section *kith_report_section(kith_report *r, const char *id,
                                  const char *title, kith_section_kind kind,
                                  const kith_col *cols, uint32_t ncols)
{
	kith_section *s = kith_vec_push(&r->sections);
	kith_col *c = NULL;
	s->id = dup_or_empty(r, id);
	s->title = dup_or_empty(r, title);
	s->kind = kind;
	s->chart = KITH_CHART_NONE;
	s->level = 1;
	/* Columns are copied so callers may build titles on the fly. */
	kith_cols_check(id, cols, ncols);
	if (ncols) {
		c = kith_arena_alloc(r->arena, ncols * sizeof(*c));
		for (uint32_t i = 0; i < ncols; i++) {
			c[i] = cols[i];
			c[i].id = dup_or_empty(r, cols[i].id);
			c[i].title = dup_or_empty(r, cols[i].title);
		}
	}
	s->cols = c;
	s->ncols = ncols;
	return s;
}

int kith_report_drop_section(kith_report *r, const char *id)
{
	for (uint32_t i = 0; i < r->sections.n; i++) {
		if (strcmp(r->sections.v[i].id, id) != 0)
			continue;
		free(r->sections.v[i].cells);
		kith_vec_free(&r->sections.v[i].tasks);
		memmove(&r->sections.v[i], &r->sections.v[i + 1],
		        (r->sections.n - i - 1) * sizeof(*r->sections.v));
		r->sections.n--;
		return 1;
	}
	return 0;
}

KITH_NORETURN static void misuse(const kith_section *s, const char *what)
{
	fprintf(stderr, "kith: internal error: section '%s': %s\n", s->id,
	        what);
	abort();
}

static void section_grow(kith_section *s, uint32_t cap)
{
	size_t per = s->ncols ? s->ncols : 1;
	s->cells =
	    kith_xrealloc(s->cells, (size_t)cap * per * sizeof(*s->cells));
	s->cap = cap;
}

void kith_section_reserve(kith_section *s, uint32_t nrows)
{
	if (nrows > s->cap - s->nrows)
		section_grow(s, s->nrows + nrows);
}

kith_cell *kith_section_row(kith_report *r, kith_section *s)
{
	(void)r;
	if (s->fill)
		misuse(s, "a row appended after its made rows");
	if (s->nrows == s->cap)
		section_grow(s, s->cap ? s->cap * 2 : 8);
	kith_cell *row = s->cells + (size_t)s->nrows * s->ncols;
	memset(row, 0, s->ncols * sizeof(*row));
	s->nrows++;
	return row;
}

void kith_cell_text(kith_report *r, kith_cell *c, const char *s)
{
	c->type = KITH_CELL_TEXT;
	c->s = dup_or_empty(r, s);
}

void kith_cell_textn(kith_report *r, kith_cell *c, const char *s, size_t n)
{
	c->type = KITH_CELL_TEXT;
	c->s = kith_arena_strndup(r->arena, s ? s : "", s ? n : 0);
}

void kith_cell_textf(kith_report *r, kith_cell *c, const char *fmt, ...)
{
	kith_buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	kith_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	kith_cell_textn(r, c, b.p, b.n);
	kith_buf_free(&b);
}

void kith_cell_int(kith_cell *c, long long v)
{
	c->type = KITH_CELL_INT;
	c->i = v;
}

void kith_cell_num(kith_cell *c, double v)
{
	c->type = KITH_CELL_NUM;
	c->d = v;
}

void kith_cell_pct(kith_cell *c, double v)
{
	c->type = KITH_CELL_PCT;
	c->d = v;
}

void kith_cell_date(kith_cell *c, kith_day d)
{
	if (d == KITH_NO_DAY) {
		c->type = KITH_CELL_EMPTY;
		return;
	}
	c->type = KITH_CELL_DATE;
	c->day = d;
}

void kith_cell_days(kith_cell *c, long long v)
{
	c->type = KITH_CELL_DAYS;
	c->i = v;
}

void kith_cell_bool(kith_cell *c, int v)
{
	c->type = KITH_CELL_BOOL;
	c->i = v != 0;
}

/* A made row: its cells (made[col] once made), and a copy of the report
 * whose arena holds the text made for it. */
struct kith_made_row {
	uint32_t at; /* the row held, UINT32_MAX: none */
	kith_report scratch;
	kith_cell *cells;
	unsigned char *made;
	KITH_VEC(kith_note_task) tasks; /* its notes' task lines */
};

static void made_rows_free(void *p)
{
	struct kith_made_row *m = p;
	for (int i = 0; i < 2; i++) {
		kith_arena_free(m[i].scratch.arena);
		kith_vec_free(&m[i].tasks);
	}
}

void kith_section_fill(kith_report *r, kith_section *s, kith_rows_fill *f,
                       uint32_t n)
{
	if (s->fill)
		misuse(s, "rows made when read twice");
	size_t nc = s->ncols ? s->ncols : 1;
	f->r = r;
	f->from = s->nrows;
	f->last = 0;
	f->slot = kith_arena_alloc(r->arena, 2 * sizeof(*f->slot));
	for (int i = 0; i < 2; i++) {
		struct kith_made_row *m = &f->slot[i];
		m->at = UINT32_MAX;
		m->scratch = *r;
		m->scratch.arena = kith_arena_new_sized(4096);
		m->cells = kith_arena_alloc(r->arena, nc * sizeof(*m->cells));
		m->made = kith_arena_alloc(r->arena, nc);
	}
	kith_arena_defer(r->arena, made_rows_free, f->slot);
	s->fill = f;
	s->nrows += n;
}

/* The slot holding made row `row`; else the one read less recently,
 * emptied for it. */
static struct kith_made_row *made_row(const kith_section *s, uint32_t row)
{
	kith_rows_fill *f = s->fill;
	if (f->slot[f->last].at == row)
		return &f->slot[f->last];
	f->last = !f->last;
	struct kith_made_row *m = &f->slot[f->last];
	if (m->at == row)
		return m;
	m->at = row;
	m->tasks.n = 0;
	kith_arena_reset(m->scratch.arena);
	memset(m->cells, 0, s->ncols * sizeof(*m->cells));
	memset(m->made, 0, s->ncols);
	if (f->make)
		f->make(f, row - f->from, (kith_row){&m->scratch, s, m->cells});
	return m;
}

const kith_cell *kith_section_cell(const kith_section *s, uint32_t row,
                                   uint32_t col)
{
	if (row >= s->nrows || col >= s->ncols)
		return NULL;
	kith_rows_fill *f = s->fill;
	if (!f || row < f->from)
		return s->cells + (size_t)row * s->ncols + col;
	struct kith_made_row *m = made_row(s, row);
	if (f->make_cell && !m->made[col]) {
		f->make_cell(f, row - f->from, col,
		             (kith_row){&m->scratch, s, m->cells});
		m->made[col] = 1;
	}
	return m->cells + col;
}

kith_note_task *kith_made_row_task(const kith_section *s,
                                   const kith_cell *cells)
{
	for (int i = 0; s->fill && i < 2; i++) {
		struct kith_made_row *m = &s->fill->slot[i];
		if (m->cells != cells)
			continue;
		kith_note_task *t = kith_vec_push(&m->tasks);
		t->row = m->at;
		return t;
	}
	return NULL;
}

const kith_note_task *kith_made_row_tasks(const kith_section *s, uint32_t row,
                                          uint32_t col, uint32_t *n)
{
	*n = 0;
	if (!kith_section_cell(s, row, col)) /* makes the cell's tasks */
		return NULL;
	struct kith_made_row *m = made_row(s, row);
	uint32_t a = 0;
	while (a < m->tasks.n && m->tasks.v[a].col != col)
		a++;
	while (a + *n < m->tasks.n && m->tasks.v[a + *n].col == col)
		(*n)++;
	return *n ? &m->tasks.v[a] : NULL;
}

int kith_section_col(const kith_section *s, const char *id)
{
	for (uint32_t i = 0; i < s->ncols; i++)
		if (strcmp(s->cols[i].id, id) == 0)
			return (int)i;
	return -1;
}

void kith_report_fact(kith_report *r, const char *label, const char *value)
{
	kith_fact *f = kith_vec_push(&r->facts);
	f->label = dup_or_empty(r, label);
	f->value = dup_or_empty(r, value);
}

/* Rounds half away from zero to `places` decimals (0 or 1) and prints
 * without a trailing ".0", so "3" and "2.5"; never "-0". */
static void put_rounded(double v, int places, kith_buf *out)
{
	if (!isfinite(v)) {
		kith_buf_puts(out, isnan(v) ? "nan" : v > 0 ? "inf" : "-inf");
		return;
	}
	double scale = places ? 10.0 : 1.0;
	double t = round(fabs(v) * scale);
	if (t > 9e15) { /* beyond exact integers: print as is */
		kith_buf_printf(out, "%.0f", v);
		return;
	}
	long long q = (long long)t;
	char d[24];
	size_t n = 0;
	if (q != 0 && v < 0)
		d[n++] = '-';
	n += kith_fmt_i64(d + n, places ? q / 10 : q);
	if (places && q % 10) {
		d[n++] = '.';
		d[n++] = (char)('0' + q % 10);
	}
	kith_buf_put(out, d, n);
}

/* v in decimal, then suffix (may be NUL: none). */
static void put_int(kith_buf *out, long long v, char suffix)
{
	char d[24];
	size_t n = kith_fmt_i64(d, v);
	if (suffix)
		d[n++] = suffix;
	kith_buf_put(out, d, n);
}

void kith_num_fmt(double v, kith_buf *out)
{
	put_rounded(v, 1, out);
}

void kith_pct_fmt(double v, kith_buf *out)
{
	put_rounded(v, 0, out);
}

/* The value put_rounded prints, as a number: what a status is judged on. */
static double shown(double v, double scale)
{
	if (!isfinite(v) || fabs(v) * scale > 9e15)
		return v;
	double t = round(fabs(v) * scale) / scale;
	return v < 0 && t != 0 ? -t : t;
}

double kith_num_shown(double v)
{
	return shown(v, 10.0);
}

double kith_pct_shown(double v)
{
	return shown(v, 1.0);
}

uint32_t kith_i64_width(long long v)
{
	unsigned long long u =
	    v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
	uint32_t n = (v < 0) + 1;
	for (; u >= 10; u /= 10)
		n++;
	return n;
}

void kith_cell_fmt(const kith_cell *c, kith_buf *out)
{
	char date[11];
	switch (c->type) {
	case KITH_CELL_EMPTY:
		break;
	case KITH_CELL_TEXT:
		kith_buf_puts(out, c->s ? c->s : "");
		break;
	case KITH_CELL_INT:
		put_int(out, c->i, 0);
		break;
	case KITH_CELL_NUM:
		put_rounded(c->d, 1, out);
		break;
	case KITH_CELL_PCT:
		kith_pct_fmt(c->d, out);
		kith_buf_putc(out, '%');
		break;
	case KITH_CELL_DATE:
		if (c->day == KITH_NO_DAY)
			break;
		kith_date_fmt(c->day, date);
		kith_buf_put(out, date, 10);
		break;
	case KITH_CELL_DAYS:
		put_int(out, c->i, 'd');
		break;
	case KITH_CELL_BOOL:
		kith_buf_puts(out, c->i ? "yes" : "no");
		break;
	}
}
