/* The text renderer: the report for a terminal, as aligned tables sized by
 * display width, with ANSI colour from style hints only when asked. Output
 * has no trailing whitespace, so saved reports diff cleanly. */
#include "render/render.h"

#include <stdlib.h>
#include <string.h>

#include "util/sanitize.h"

#define SGR_RESET "\033[0m"
#define SGR_BOLD "\033[1m"

typedef struct {
	size_t off, len, width; /* into the table's text buffer */
	kith_style style;
} tcell;

static const char *style_sgr(kith_style s)
{
	switch (s) {
	case KITH_STYLE_GOOD:
		return "\033[32m";
	case KITH_STYLE_OK:
		return "\033[36m";
	case KITH_STYLE_WARN:
		return "\033[33m";
	case KITH_STYLE_BAD:
		return "\033[31m";
	case KITH_STYLE_DIM:
		return "\033[2m";
	case KITH_STYLE_NONE:
		break;
	}
	return NULL;
}

/* Copies p through the terminal sanitizer (util/sanitize: escape
 * sequences and bidi controls in a journal must not reach the terminal):
 * a tab becomes a space, the CR of a CRLF goes, and a line feed stays
 * only with keep_nl (else it becomes a space). */
static void put_clean(kith_buf *out, const char *p, size_t n, int keep_nl)
{
	size_t i = 0;
	while (i < n) {
		size_t k = i;
		while (k < n && p[k] != '\t' && !(p[k] == '\n' && !keep_nl) &&
		       !kith_crlf_cr(p, n, k))
			k++;
		kith_sanitize(out, p + i, k - i,
		              keep_nl ? KITH_SAN_KEEP_NL : 0);
		if (k < n && p[k] != '\r')
			kith_buf_putc(out, ' ');
		i = k + 1;
	}
}

static void put_styled(kith_buf *out, const char *p, size_t n, kith_style st,
                       const kith_render_opts *o)
{
	const char *sgr = o->color ? style_sgr(st) : NULL;
	if (sgr && n)
		kith_buf_puts(out, sgr);
	kith_buf_put(out, p, n);
	if (sgr && n)
		kith_buf_puts(out, SGR_RESET);
}

static void put_spaces(kith_buf *out, size_t n)
{
	while (n--)
		kith_buf_putc(out, ' ');
}

/* Drops spaces at the end of the current line. */
static void end_line(kith_buf *out)
{
	while (out->n && out->p[out->n - 1] == ' ')
		out->n--;
	kith_buf_putc(out, '\n');
}

static void put_heading(kith_buf *out, const char *title,
                        const kith_render_opts *o)
{
	if (o->color)
		kith_buf_puts(out, SGR_BOLD);
	put_clean(out, title, strlen(title), 0);
	if (o->color)
		kith_buf_puts(out, SGR_RESET);
	end_line(out);
}

/* Bytes of p that fit in max display columns (whole characters, with the
 * combining marks that follow a kept one); *w gets their width. */
static size_t fit_prefix(const char *p, size_t n, size_t max, size_t *w)
{
	size_t i = 0, acc = 0;
	while (i < n) {
		size_t len = kith_utf8_seq(p + i, n - i);
		if (len == 0)
			len = 1;
		size_t cw = kith_utf8_width(p + i, len);
		if (acc + cw > max)
			break;
		acc += cw;
		i += len;
	}
	*w = acc;
	return i;
}

/* Writes a cell into a column of width colw; returns the columns used. */
static size_t put_cell(kith_buf *out, const char *text, const tcell *c,
                       size_t colw, const kith_render_opts *o)
{
	const char *p = text + c->off;
	if (c->width <= colw) {
		put_styled(out, p, c->len, c->style, o);
		return c->width;
	}
	size_t w = 0;
	size_t keep = fit_prefix(p, c->len, colw ? colw - 1 : 0, &w);
	/* "RFC…" reads better than "RFC …". */
	while (keep && p[keep - 1] == ' ')
		keep--, w--;
	if (o->color && style_sgr(c->style))
		kith_buf_puts(out, style_sgr(c->style));
	kith_buf_put(out, p, keep);
	if (colw)
		kith_buf_puts(out, "\xE2\x80\xA6"); /* … */
	if (o->color && style_sgr(c->style))
		kith_buf_puts(out, SGR_RESET);
	return w + (colw ? 1 : 0);
}

/* A WIDE column is never cut below this (or its natural width if less):
 * a dozen columns still say what a title is about. */
#define KITH_MIN_WIDE 12

static int is_wide(const kith_section *s, const uint32_t *vis, uint32_t c)
{
	return (s->cols[vis[c]].flags & KITH_COL_WIDE) != 0;
}

/* The narrowest a column may become: a WIDE one its minimum (24 for the
 * MAIN text column), others their natural width. */
static size_t min_width(const kith_section *s, const uint32_t *vis, uint32_t c,
                        size_t natural)
{
	size_t m = (s->cols[vis[c]].flags & KITH_COL_MAIN) ? 24 : KITH_MIN_WIDE;
	return is_wide(s, vis, c) && natural > m ? m : natural;
}

/* On a terminal too narrow for even the narrowest widths, the DROP
 * columns go, rightmost first, until the table fits or none is left.
 * keep[] (indexes into vis) is compacted; returns how many stay. */
static uint32_t drop_columns(const kith_section *s, const uint32_t *vis,
                             uint32_t *keep, uint32_t nv, const size_t *widths,
                             int width)
{
	while (width > 0 && nv > 1) {
		size_t total = 2 * (size_t)(nv - 1);
		for (uint32_t c = 0; c < nv; c++)
			total += min_width(s, vis, keep[c], widths[keep[c]]);
		if (total <= (size_t)width)
			break;
		uint32_t d = nv;
		for (uint32_t c = nv; c-- > 0;)
			if (s->cols[vis[keep[c]]].flags & KITH_COL_DROP) {
				d = c;
				break;
			}
		if (d == nv)
			break;
		memmove(keep + d, keep + d + 1, (nv - d - 1) * sizeof *keep);
		nv--;
	}
	return nv;
}

/* Narrows the WIDE columns until the table fits the terminal. Each gives
 * up a share of the overflow in proportion to what it has above the
 * minimum, so the widest lose most and a long title keeps more room than
 * a short one; rounding leftovers come off the widest first. When even
 * the minimums do not fit, the table is wider than the terminal. */
static void fit_widths(const kith_section *s, const uint32_t *vis, uint32_t nv,
                       size_t *widths, int width)
{
	size_t total = 2 * (size_t)(nv ? nv - 1 : 0), slack = 0;
	if (width <= 0 || nv == 0)
		return;
	size_t *spare = kith_xcalloc(nv, sizeof(*spare));
	for (uint32_t c = 0; c < nv; c++) {
		total += widths[c];
		spare[c] = widths[c] - min_width(s, vis, c, widths[c]);
		slack += spare[c];
	}
	size_t over = total > (size_t)width ? total - (size_t)width : 0;
	if (over > slack)
		over = slack;
	size_t cut = 0;
	for (uint32_t c = 0; c < nv && over; c++) {
		size_t k =
		    (size_t)((unsigned long long)over * spare[c] / slack);
		widths[c] -= k;
		spare[c] -= k;
		cut += k;
	}
	while (cut < over) {
		uint32_t best = 0;
		for (uint32_t c = 1; c < nv; c++)
			if (spare[c] &&
			    (!spare[best] || widths[c] > widths[best]))
				best = c;
		widths[best]--;
		spare[best]--;
		cut++;
	}
	free(spare);
}

static void fill_cell(tcell *tc, kith_buf *text, const char *p, size_t n,
                      kith_style st)
{
	tc->off = text->n;
	put_clean(text, p, n, 0);
	tc->len = text->n - tc->off;
	tc->width = kith_utf8_width(text->p + tc->off, tc->len);
	tc->style = st;
}

static void put_row(kith_buf *out, const kith_section *s, const uint32_t *vis,
                    uint32_t nv, const tcell *row, const char *text,
                    const size_t *widths, const kith_render_opts *o)
{
	for (uint32_t c = 0; c < nv; c++) {
		const tcell *tc = &row[c];
		size_t shown = tc->width < widths[c] ? tc->width : widths[c];
		int right = s->cols[vis[c]].flags & KITH_COL_RIGHT;
		if (c)
			put_spaces(out, 2);
		if (right)
			put_spaces(out, widths[c] - shown);
		shown = put_cell(out, text, tc, widths[c], o);
		if (!right && shown < widths[c])
			put_spaces(out, widths[c] - shown);
	}
	end_line(out);
}

static void render_table(const kith_section *s, const kith_render_opts *o,
                         kith_buf *out)
{
	uint32_t nv = 0;
	uint32_t *vis = kith_xcalloc(s->ncols + 1, sizeof(*vis));
	for (uint32_t c = 0; c < s->ncols; c++)
		if (kith_col_shown(&s->cols[c]))
			vis[nv++] = c;
	size_t nlines = (size_t)s->nrows + 1;
	tcell *cells = kith_xcalloc(nlines * nv + 1, sizeof(*cells));
	size_t *widths = kith_xcalloc(nv + 1, sizeof(*widths));
	kith_buf text = {0}, tmp = {0};

	for (uint32_t c = 0; c < nv; c++) {
		const char *t = s->cols[vis[c]].title;
		fill_cell(&cells[c], &text, t, strlen(t), KITH_STYLE_NONE);
	}
	for (uint32_t r = 0; r < s->nrows; r++)
		for (uint32_t c = 0; c < nv; c++) {
			const kith_cell *cell = kith_section_cell(s, r, vis[c]);
			tmp.n = 0;
			kith_cell_fmt(cell, &tmp);
			fill_cell(&cells[(r + 1) * nv + c], &text, tmp.p, tmp.n,
			          cell->style);
		}
	for (size_t i = 0; i < nlines * nv; i++)
		if (cells[i].width > widths[i % nv])
			widths[i % nv] = cells[i].width;
	uint32_t *keep = kith_xcalloc(nv + 1, sizeof(*keep));
	for (uint32_t c = 0; c < nv; c++)
		keep[c] = c;
	uint32_t ns = drop_columns(s, vis, keep, nv, widths, o->width);
	uint32_t *kvis = kith_xcalloc(ns + 1, sizeof(*kvis));
	size_t *kw = kith_xcalloc(ns + 1, sizeof(*kw));
	tcell *row = kith_xcalloc(ns + 1, sizeof(*row));
	for (uint32_t k = 0; k < ns; k++) {
		kvis[k] = vis[keep[k]];
		kw[k] = widths[keep[k]];
	}
	fit_widths(s, kvis, ns, kw, o->width);
	for (size_t l = 0; ns && l < nlines; l++) {
		for (uint32_t k = 0; k < ns; k++)
			row[k] = cells[l * nv + keep[k]];
		put_row(out, s, kvis, ns, row, text.p, kw, o);
	}
	free(keep);
	free(kvis);
	free(kw);
	free(row);
	kith_buf_free(&text);
	kith_buf_free(&tmp);
	free(widths);
	free(cells);
	free(vis);
}

/* FACTS: "label:" then the value, values aligned in one column. */
static void render_facts(const kith_section *s, const kith_render_opts *o,
                         kith_buf *out)
{
	kith_buf lab = {0}, val = {0};
	size_t maxw = 0;
	for (uint32_t r = 0; r < s->nrows; r++) {
		const kith_cell *c = kith_section_cell(s, r, 0);
		lab.n = 0;
		kith_cell_fmt(c, &lab);
		kith_buf_putc(&lab, ':');
		size_t w = kith_utf8_width(lab.p, lab.n);
		if (w > maxw)
			maxw = w;
	}
	for (uint32_t r = 0; r < s->nrows; r++) {
		const kith_cell *c0 = kith_section_cell(s, r, 0);
		const kith_cell *c1 = kith_section_cell(s, r, 1);
		lab.n = val.n = 0;
		kith_cell_fmt(c0, &lab);
		kith_buf_putc(&lab, ':');
		size_t start = out->n;
		put_clean(out, lab.p, lab.n, 0);
		put_spaces(
		    out,
		    maxw - kith_utf8_width(out->p + start, out->n - start) + 1);
		if (c1) {
			kith_buf v = {0};
			kith_cell_fmt(c1, &val);
			put_clean(&v, val.p, val.n, 0);
			put_styled(out, v.p, v.n, c1->style, o);
			kith_buf_free(&v);
		}
		end_line(out);
	}
	kith_buf_free(&lab);
	kith_buf_free(&val);
}

/* A paragraph: its lines with trailing blanks and blank tail lines gone. */
static void render_text(const char *t, kith_buf *out)
{
	kith_buf b = {0};
	put_clean(&b, t, strlen(t), 1);
	while (b.n && (b.p[b.n - 1] == '\n' || b.p[b.n - 1] == ' '))
		b.n--;
	size_t i = 0;
	while (i < b.n && b.p[i] == '\n')
		i++;
	for (; i < b.n; i++) {
		if (b.p[i] == '\n')
			end_line(out);
		else
			kith_buf_putc(out, b.p[i]);
	}
	if (b.n)
		end_line(out);
	kith_buf_free(&b);
}

static void render_section(const kith_section *s, const kith_render_opts *o,
                           kith_buf *out)
{
	if (s->chart == KITH_CHART_MATRIX && s->nrows) {
		kith_report *w = kith_matrix_wide(s, o->width);
		render_section(&w->sections.v[0], o, out);
		kith_report_free(w);
		return;
	}
	if (s->title && *s->title)
		put_heading(out, s->title, o);
	switch (s->kind) {
	case KITH_SECTION_TEXT:
		if (s->text)
			render_text(s->text, out);
		return;
	case KITH_SECTION_FACTS:
		if (s->nrows && s->ncols)
			render_facts(s, o, out);
		break;
	case KITH_SECTION_TABLE:
		if (s->nrows)
			render_table(s, o, out);
		break;
	}
	if (!s->nrows)
		render_text(s->empty ? s->empty : "(none)", out);
	if (s->text)
		render_text(s->text, out);
}

int kith_render_text(const kith_report *r, const kith_render_opts *o,
                     kith_buf *out)
{
	kith_render_opts none = {0};
	size_t start = out->n;
	if (!o)
		o = &none;
	if (r->title && *r->title)
		put_heading(out, r->title, o);
	for (uint32_t i = 0; i < r->facts.n; i++) {
		const kith_fact *f = &r->facts.v[i];
		put_clean(out, f->label, strlen(f->label), 0);
		kith_buf_puts(out, ": ");
		put_clean(out, f->value, strlen(f->value), 0);
		end_line(out);
	}
	for (uint32_t i = 0; i < r->sections.n; i++) {
		size_t before = out->n;
		if (out->n > start)
			kith_buf_putc(out, '\n');
		render_section(&r->sections.v[i], o, out);
		/* A section with nothing to show leaves no blank line. */
		if (out->n == before + 1)
			out->n = before;
	}
	return 0;
}
