/* The text renderer: the report for a terminal, as aligned tables sized by
 * display width, with ANSI colour from style hints only when asked. Output
 * has no trailing whitespace, so saved reports diff cleanly. */
#include "render/render.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/sanitize.h"

#define SGR_RESET "\033[0m"
#define SGR_BOLD "\033[1m"

typedef struct {
	const char *p; /* the text as is, or NULL: at off in the table's text */
	size_t off;
	uint32_t len, width; /* a cell is far shorter than 4 GB */
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
		size_t k = i + kith_printable_run(p + i, n - i);
		while (k < n && p[k] != '\t' && !(p[k] == '\n' && !keep_nl) &&
		       !kith_crlf_cr(p, n, k))
			k += 1 + kith_printable_run(p + k + 1, n - k - 1);
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
	if (!n)
		return;
	kith_buf_grow(out, n);
	memset(out->p + out->n, ' ', n);
	out->n += n;
}

/* Drops spaces at the end of the current line. */
static void end_line(kith_buf *out)
{
	while (out->n && out->p[out->n - 1] == ' ')
		out->n--;
	kith_buf_putc(out, '\n');
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

/* Appends the clean one-line text p[0..n), which starts at display column
 * col, broken at spaces so that no line is wider than width (0: no
 * limit); continuation lines start with indent spaces. A word longer than
 * a line is cut where the line ends. */
static void put_wrapped(kith_buf *out, const char *p, size_t n, size_t col,
                        size_t indent, size_t width)
{
	if (!width || col + kith_utf8_width(p, n) <= width) {
		kith_buf_put(out, p, n);
		return;
	}
	if (indent + 16 > width)
		indent = 2;
	for (size_t i = 0; i < n;) {
		size_t sp = i, e;
		while (sp < n && p[sp] == ' ')
			sp++;
		for (e = sp; e < n && p[e] != ' ';)
			e++;
		size_t ww = kith_utf8_width(p + sp, e - sp);
		if (col > indent && col + (sp - i) + ww > width) {
			end_line(out);
			put_spaces(out, indent);
			col = indent;
		} else {
			put_spaces(out, sp - i);
			col += sp - i;
		}
		while (sp < e && col + ww > width) {
			size_t w = 0, k = fit_prefix(
			                  p + sp, e - sp,
			                  width > col ? width - col : 0, &w);
			if (!k) { /* not one character fits: take one */
				k = kith_utf8_seq(p + sp, e - sp);
				k = k ? k : 1;
				w = kith_utf8_width(p + sp, k);
			}
			kith_buf_put(out, p + sp, k);
			sp += k;
			ww = ww > w ? ww - w : 0;
			end_line(out);
			put_spaces(out, indent);
			col = indent;
		}
		kith_buf_put(out, p + sp, e - sp);
		col += ww;
		i = e;
	}
}

/* A heading: bold with colour, wrapped to the width. */
static void put_heading_n(kith_buf *out, const char *p, size_t n,
                          const kith_render_opts *o)
{
	kith_buf b = {0};
	put_clean(&b, p, n, 0);
	if (o->color)
		kith_buf_puts(out, SGR_BOLD);
	put_wrapped(out, b.p, b.n, 0, 0, o->width > 0 ? (size_t)o->width : 0);
	if (o->color)
		kith_buf_puts(out, SGR_RESET);
	end_line(out);
	kith_buf_free(&b);
}

static void put_heading(kith_buf *out, const char *title,
                        const kith_render_opts *o)
{
	put_heading_n(out, title, strlen(title), o);
}

/* Writes a cell into a column of width colw; returns the columns used. */
static size_t put_cell(kith_buf *out, const char *text, const tcell *c,
                       size_t colw, const kith_render_opts *o)
{
	/* text is NULL when every cell of the table is pointed at */
	const char *p = c->p ? c->p : text ? text + c->off : "";
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

/* ---- fitting a table to the terminal ----
 * One mechanism for every table, driven by the table description (the
 * column flags, compute/report.h): WIDE columns may be cut down to a
 * minimum (12, 24 for the MAIN text column, or KITH_COL_MIN), columns
 * with a drop rank shrink before those that rank lower, and when even
 * the minimums do not fit, the highest rank is left out first. Other
 * columns keep their natural width. As a last resort every text column
 * goes down to KITH_MIN_LAST, then the rightmost columns go, and a single
 * column still too wide is cut at the terminal's edge. */
#define KITH_MIN_WIDE 12
#define KITH_MIN_MAIN 24
#define KITH_MIN_LAST 6
#define KITH_GAP 2 /* spaces between columns */

typedef struct {
	size_t natural, min; /* display widths */
	unsigned rank;       /* KITH_COL_DROP_RANK: 0 = never left out */
	int wide, text;
} tfit;

static void fit_describe(const kith_col *col, size_t natural, tfit *f)
{
	size_t m = KITH_COL_MIN_OF(col->flags);
	if (!m)
		m = (col->flags & KITH_COL_MAIN) ? KITH_MIN_MAIN
		                                 : KITH_MIN_WIDE;
	f->natural = natural;
	f->wide = (col->flags & KITH_COL_WIDE) != 0;
	f->min = f->wide && natural > m ? m : natural;
	f->rank = (unsigned)KITH_COL_DROP_RANK(col->flags);
	f->text = col->type == KITH_CELL_TEXT;
}

static size_t gaps(uint32_t n)
{
	return KITH_GAP * (size_t)(n ? n - 1 : 0);
}

/* Leaves out droppable columns, highest rank first (the rightmost among
 * equals), until the minimums fit the width. keep[] (indexes into f) is
 * compacted; returns how many stay. */
static uint32_t drop_columns(const tfit *f, uint32_t *keep, uint32_t nv,
                             int width)
{
	while (width > 0 && nv > 1) {
		size_t total = gaps(nv);
		for (uint32_t c = 0; c < nv; c++)
			total += f[keep[c]].min;
		if (total <= (size_t)width)
			break;
		uint32_t d = nv;
		for (uint32_t c = 0; c < nv; c++)
			if (f[keep[c]].rank &&
			    (d == nv || f[keep[c]].rank >= f[keep[d]].rank))
				d = c;
		if (d == nv)
			break;
		memmove(keep + d, keep + d + 1, (nv - d - 1) * sizeof *keep);
		nv--;
	}
	return nv;
}

/* Takes up to over columns from those with can[c] set, each in
 * proportion to its room above min[c], so the widest lose most and a
 * long title keeps more than a short one; rounding leftovers come off the
 * widest first. Returns what was taken. */
static size_t shrink(size_t *w, const size_t *min, const int *can, uint32_t n,
                     size_t over)
{
	size_t slack = 0, cut = 0;
	for (uint32_t c = 0; c < n; c++)
		if (can[c] && w[c] > min[c])
			slack += w[c] - min[c];
	if (over > slack)
		over = slack;
	if (!over)
		return 0;
	for (uint32_t c = 0; c < n; c++) {
		if (!can[c] || w[c] <= min[c])
			continue;
		size_t k = (size_t)((unsigned long long)over * (w[c] - min[c]) /
		                    slack);
		w[c] -= k;
		cut += k;
	}
	while (cut < over) {
		uint32_t best = n;
		for (uint32_t c = 0; c < n; c++)
			if (can[c] && w[c] > min[c] &&
			    (best == n || w[c] > w[best]))
				best = c;
		w[best]--;
		cut++;
	}
	return over;
}

/* Widths of the kept columns (kf[0..n)) for the terminal: the lowest
 * ranking WIDE columns shrink first, rank by rank, then every text column
 * down to KITH_MIN_LAST. */
static void fit_widths(const tfit *kf, uint32_t n, size_t *w, int width)
{
	size_t total = gaps(n);
	for (uint32_t c = 0; c < n; c++)
		total += w[c] = kf[c].natural;
	if (width <= 0 || total <= (size_t)width || !n)
		return;
	size_t over = total - (size_t)width;
	size_t *min = kith_xcalloc(n, sizeof(*min));
	int *can = kith_xcalloc(n, sizeof(*can));
	for (uint32_t c = 0; c < n; c++)
		min[c] = kf[c].min;
	for (int rank = 15; rank >= 0 && over; rank--) {
		for (uint32_t c = 0; c < n; c++)
			can[c] = kf[c].wide && kf[c].rank == (unsigned)rank;
		over -= shrink(w, min, can, n, over);
	}
	for (uint32_t c = 0; c < n && over; c++) {
		can[c] = kf[c].text;
		if (min[c] > KITH_MIN_LAST)
			min[c] = KITH_MIN_LAST;
	}
	if (over)
		shrink(w, min, can, n, over);
	free(min);
	free(can);
}

/* Display width of sanitized (valid UTF-8) text: runs of printable ASCII
 * count their bytes, the rest is measured character by character. */
static size_t text_width(const char *p, size_t n)
{
	size_t w = 0, i = 0;
	while (i < n) {
		size_t k = kith_printable_run(p + i, n - i);
		w += k;
		i += k;
		for (k = i; k < n && ((unsigned char)p[k] < 0x20 ||
		                      (unsigned char)p[k] >= 0x7F);)
			k++;
		w += kith_utf8_width(p + i, k - i);
		i = k;
	}
	return w;
}

/* Most cells are printable ASCII, one column a byte: kept where they are
 * when p lives as long as the table (stable), else copied in one piece;
 * the others go through the sanitizer into text and are measured. */
static void fill_cell(tcell *tc, kith_buf *text, const char *p, size_t n,
                      kith_style st, int stable)
{
	tc->p = NULL;
	tc->off = text->n;
	tc->style = st;
	if (kith_printable_run(p, n) == n) {
		if (stable)
			tc->p = p;
		else
			kith_buf_put(text, p, n);
		tc->len = tc->width = (uint32_t)n;
		return;
	}
	put_clean(text, p, n, 0);
	tc->len = (uint32_t)(text->n - tc->off);
	tc->width = (uint32_t)text_width(text->p + tc->off, tc->len);
}

/* One line of a table; with a width, a row that still overflows after
 * every column gave way is cut at the terminal's edge. */
static void put_row(kith_buf *out, const kith_section *s, const uint32_t *vis,
                    uint32_t nv, const tcell *row, const char *text,
                    const size_t *widths, const kith_render_opts *o)
{
	size_t used = 0, limit = o->width > 0 ? (size_t)o->width : SIZE_MAX;
	for (uint32_t c = 0; c < nv; c++) {
		const tcell *tc = &row[c];
		size_t colw = widths[c], gap = c ? KITH_GAP : 0;
		if (used + gap >= limit)
			break;
		if (colw > limit - used - gap)
			colw = limit - used - gap;
		size_t shown = tc->width < colw ? tc->width : colw;
		int right = s->cols[vis[c]].flags & KITH_COL_RIGHT;
		put_spaces(out, gap);
		if (right)
			put_spaces(out, colw - shown);
		shown = put_cell(out, text, tc, colw, o);
		if (!right && shown < colw)
			put_spaces(out, colw - shown);
		used += gap + colw;
	}
	end_line(out);
}

/* The text of a cell as the renderers show it. */
static const char *cell_str(const kith_section *s, uint32_t r, uint32_t c,
                            kith_buf *tmp)
{
	tmp->n = 0;
	kith_cell_fmt(kith_section_cell(s, r, c), tmp);
	kith_buf_cstr(tmp);
	return tmp->p;
}

/* Whether the cell of row r in column col shows the text v. */
static int shows(const kith_section *s, uint32_t r, uint32_t col, const char *v,
                 kith_buf *tmp)
{
	const kith_cell *c = kith_section_cell(s, r, col);
	if (c->type == KITH_CELL_TEXT)
		return !strcmp(v, c->s ? c->s : "");
	return !strcmp(v, cell_str(s, r, col, tmp));
}

/* A group's heading: its title from group_titles (else the value) and the
 * number of rows. */
static void put_group_heading(kith_buf *out, const kith_section *s,
                              const char *value, uint32_t count,
                              const kith_render_opts *o)
{
	const char *title = value;
	for (const char *const *t = s->group_titles; t && t[0] && t[1]; t += 2)
		if (!strcmp(t[0], value)) {
			title = t[1];
			break;
		}
	kith_buf b = {0};
	kith_buf_printf(&b, "%s (%u)", title, count);
	put_heading_n(out, b.p, b.n, o);
	kith_buf_free(&b);
}

/* Columns a person sees in this table: not machine columns, not one
 * its heading names (GROUP), not the one rows are grouped by. */
static uint32_t visible_cols(const kith_section *s, int gcol, uint32_t *vis)
{
	uint32_t nv = 0;
	for (uint32_t c = 0; c < s->ncols; c++)
		if (kith_col_shown(&s->cols[c]) && (int)c != gcol)
			vis[nv++] = c;
	return nv;
}

/* The cell of line `line` (0: the header, then the rows) in column col,
 * as shown: text cells as they are when clean, the others formatted or
 * sanitized into text (offsets, so text may grow). A long table is
 * measured in one pass and printed in another, a line at a time, so no
 * line but the current one is held. */
static void line_cell(const kith_section *s, size_t line, uint32_t col,
                      kith_buf *text, kith_buf *tmp, tcell *tc)
{
	if (!line) {
		const char *t = s->cols[col].title;
		fill_cell(tc, text, t, strlen(t), KITH_STYLE_NONE, 1);
		return;
	}
	const kith_cell *cell = kith_section_cell(s, (uint32_t)line - 1, col);
	if (cell->type == KITH_CELL_TEXT) {
		const char *p = cell->s ? cell->s : "";
		fill_cell(tc, text, p, strlen(p), cell->style, 1);
		return;
	}
	tmp->n = 0;
	kith_cell_fmt(cell, tmp);
	fill_cell(tc, text, tmp->p, tmp->n, cell->style, 0);
}

/* The width of a date or day count as kith_cell_fmt shows it (ASCII:
 * "2026-01-15", "-12d"), without showing it; 0 for other types. */
static int ascii_width(const kith_cell *c, size_t *w)
{
	if (c->type == KITH_CELL_DATE) {
		*w = c->day == KITH_NO_DAY ? 0 : 10;
		return 1;
	}
	if (c->type != KITH_CELL_DAYS)
		return 0;
	*w = kith_i64_width(c->i) + 1; /* and the 'd' */
	return 1;
}

/* The width the section's maker gives the made rows of column col
 * (kith_rows_fill.widths), or KITH_WIDTH_UNKNOWN. */
static uint32_t made_width(const kith_section *s, uint32_t col)
{
	const kith_rows_fill *f = s->fill;
	return f && f->widths ? f->widths[col] : KITH_WIDTH_UNKNOWN;
}

/* Widens *w to the width of the cell of line l in column col. */
static void measure_cell(const kith_section *s, size_t l, uint32_t col,
                         size_t *w, kith_buf *text, kith_buf *tmp)
{
	size_t cw;
	tcell tc;
	if (l && ascii_width(kith_section_cell(s, (uint32_t)l - 1, col), &cw)) {
		if (cw > *w)
			*w = cw;
		return;
	}
	text->n = 0;
	line_cell(s, l, col, text, tmp, &tc);
	if (tc.width > *w)
		*w = tc.width;
}

/* The display width of each visible column: its widest line. The made
 * rows of a column whose width their maker gives are not read. */
static void measure(const kith_section *s, const uint32_t *vis, uint32_t nv,
                    size_t *widths)
{
	kith_buf text = {0}, tmp = {0};
	uint32_t *todo = kith_xcalloc(nv + 1, sizeof(*todo)), nt = 0;
	for (uint32_t c = 0; c < nv; c++) {
		uint32_t w = made_width(s, vis[c]);
		if (w == KITH_WIDTH_UNKNOWN)
			todo[nt++] = c;
		else if (w > widths[c])
			widths[c] = w;
	}
	size_t held = s->fill ? s->fill->from : s->nrows;
	for (size_t l = 0; l <= s->nrows; l++) {
		int made = l > held; /* line l shows row l - 1 */
		if (made && !nt)
			break;
		for (uint32_t k = 0; k < (made ? nt : nv); k++) {
			uint32_t c = made ? todo[k] : k;
			measure_cell(s, l, vis[c], &widths[c], &text, &tmp);
		}
	}
	free(todo);
	kith_buf_free(&text);
	kith_buf_free(&tmp);
}

/* Hands what is written so far to the caller's sink, at a line's end. */
static void maybe_flush(kith_buf *out, const kith_render_opts *o)
{
	kith_render_flush(out, o);
}

/* A row as put_row writes it when nothing is coloured or cut (a pipe, a
 * file) and every cell is plain ASCII: made in place in one piece.
 * Returns 0, having written nothing, when a cell needs put_row. */
static int put_row_plain(kith_buf *out, const kith_section *s, uint32_t row,
                         const uint32_t *kvis, uint32_t ns, const size_t *kw)
{
	size_t need = 1;
	for (uint32_t k = 0; k < ns; k++)
		need += kw[k] + KITH_GAP;
	kith_buf_grow(out, need);
	char *q = out->p + out->n, *start = q;
	int made = s->fill && row >= s->fill->from;
	for (uint32_t k = 0; k < ns; k++) {
		const kith_cell *c = kith_section_cell(s, row, kvis[k]);
		/* a made cell of a column of known width is printable ASCII */
		int plain_made =
		    made && made_width(s, kvis[k]) != KITH_WIDTH_UNKNOWN;
		const char *p = "";
		size_t n = 0;
		char tmp[24];
		switch (c->type) {
		case KITH_CELL_EMPTY:
			break;
		case KITH_CELL_TEXT:
			p = c->s ? c->s : "";
			n = strlen(p);
			if (!plain_made && kith_printable_run(p, n) != n)
				return 0;
			break;
		case KITH_CELL_DATE:
			if (c->day != KITH_NO_DAY) {
				kith_date_fmt(c->day, tmp);
				p = tmp;
				n = 10;
			}
			break;
		case KITH_CELL_DAYS:
			n = kith_fmt_i64(tmp, c->i);
			tmp[n++] = 'd';
			p = tmp;
			break;
		default:
			return 0;
		}
		if (n > kw[k])
			return 0;
		if (k) {
			memset(q, ' ', KITH_GAP);
			q += KITH_GAP;
		}
		size_t pad = kw[k] - n;
		if (s->cols[kvis[k]].flags & KITH_COL_RIGHT) {
			memset(q, ' ', pad);
			memcpy(q + pad, p, n);
		} else {
			memcpy(q, p, n);
			memset(q + n, ' ', pad);
		}
		q += kw[k];
	}
	while (q > start && q[-1] == ' ') /* end_line */
		q--;
	*q++ = '\n';
	out->n = (size_t)(q - out->p);
	return 1;
}

/* Prints the header line and rows [from, to) of the kept columns
 * (kvis[0..ns), widths kw). */
static void put_lines(kith_buf *out, const kith_section *s,
                      const uint32_t *kvis, uint32_t ns, const size_t *kw,
                      uint32_t from, uint32_t to, const kith_render_opts *o)
{
	tcell *row = kith_xcalloc(ns + 1, sizeof(*row));
	kith_buf text = {0}, tmp = {0};
	int plain = !o->color && o->width <= 0;
	for (size_t l = 0; ns && l <= to - from; l++) {
		size_t line = l ? from + l : 0; /* 0 is the header */
		if (plain && line &&
		    put_row_plain(out, s, (uint32_t)line - 1, kvis, ns, kw)) {
			maybe_flush(out, o);
			continue;
		}
		text.n = 0;
		for (uint32_t k = 0; k < ns; k++)
			line_cell(s, line, kvis[k], &text, &tmp, &row[k]);
		put_row(out, s, kvis, ns, row, text.p, kw, o);
		maybe_flush(out, o);
	}
	kith_buf_free(&text);
	kith_buf_free(&tmp);
	free(row);
}

/* Rows in runs of equal values of column gcol, each run under its own
 * heading with the table's header; the widths are the whole table's, so
 * the groups line up. */
static void put_groups(kith_buf *out, const kith_section *s, int gcol,
                       const uint32_t *kvis, uint32_t ns, const size_t *kw,
                       const kith_render_opts *o)
{
	kith_buf a = {0}, b = {0};
	for (uint32_t r = 0; r < s->nrows;) {
		uint32_t e = r + 1;
		cell_str(s, r, (uint32_t)gcol, &a);
		while (e < s->nrows && shows(s, e, (uint32_t)gcol, a.p, &b))
			e++;
		if (r)
			kith_buf_putc(out, '\n');
		put_group_heading(out, s, a.p, e - r, o);
		put_lines(out, s, kvis, ns, kw, r, e, o);
		r = e;
	}
	kith_buf_free(&a);
	kith_buf_free(&b);
}

/* Adds the title of each column of vis[] that did not fit the terminal
 * (not in kvis[0..ns)) and holds something to left, once each, so the
 * output can say what it left out. */
static int column_has_value(const kith_section *s, uint32_t col)
{
	for (uint32_t r = 0; r < s->nrows; r++) {
		const kith_cell *c = kith_section_cell(s, r, col);
		if (c && c->type != KITH_CELL_EMPTY &&
		    (c->type != KITH_CELL_TEXT || (c->s && *c->s)))
			return 1;
	}
	return 0;
}

static int title_listed(const kith_buf *left, const char *t)
{
	size_t n = strlen(t);
	for (size_t i = 0; i + n <= left->n; i++)
		if ((i == 0 || left->p[i - 1] == '\n') &&
		    !memcmp(left->p + i, t, n) &&
		    (i + n == left->n || left->p[i + n] == '\n'))
			return 1;
	return 0;
}

static void note_left_out(const kith_section *s, const uint32_t *vis,
                          uint32_t nv, const uint32_t *kvis, uint32_t ns,
                          kith_buf *left)
{
	if (!left)
		return;
	for (uint32_t c = 0; c < nv; c++) {
		uint32_t k = 0;
		while (k < ns && kvis[k] != vis[c])
			k++;
		const char *t = s->cols[vis[c]].title;
		if (k < ns || !t || !*t || !column_has_value(s, vis[c]) ||
		    title_listed(left, t))
			continue;
		if (left->n)
			kith_buf_putc(left, '\n');
		kith_buf_puts(left, t);
	}
}

static void render_table(const kith_section *s, const kith_render_opts *o,
                         kith_buf *out, kith_buf *left)
{
	int gcol = s->group ? kith_section_col(s, s->group) : -1;
	uint32_t *vis = kith_xcalloc(s->ncols + 1, sizeof(*vis));
	uint32_t nv = visible_cols(s, gcol, vis);
	size_t *widths = kith_xcalloc(nv + 1, sizeof(*widths));

	measure(s, vis, nv, widths);
	tfit *f = kith_xcalloc(nv + 1, sizeof(*f));
	uint32_t *keep = kith_xcalloc(nv + 1, sizeof(*keep));
	for (uint32_t c = 0; c < nv; c++) {
		fit_describe(&s->cols[vis[c]], widths[c], &f[c]);
		keep[c] = c;
	}
	uint32_t ns = drop_columns(f, keep, nv, o->width);
	uint32_t *kvis = kith_xcalloc(ns + 1, sizeof(*kvis));
	size_t *kw = kith_xcalloc(ns + 1, sizeof(*kw));
	tfit *kf = kith_xcalloc(ns + 1, sizeof(*kf));
	for (uint32_t k = 0; k < ns; k++) {
		kvis[k] = vis[keep[k]];
		kf[k] = f[keep[k]];
	}
	/* Last resort: a table still too wide (numeric columns, which never
	 * shrink) loses its rightmost columns. */
	for (;;) {
		fit_widths(kf, ns, kw, o->width);
		size_t total = gaps(ns);
		for (uint32_t k = 0; k < ns; k++)
			total += kw[k];
		if (o->width <= 0 || ns <= 1 || total <= (size_t)o->width)
			break;
		ns--;
	}
	note_left_out(s, vis, nv, kvis, ns, left);
	if (gcol >= 0)
		put_groups(out, s, gcol, kvis, ns, kw, o);
	else
		put_lines(out, s, kvis, ns, kw, 0, s->nrows, o);
	free(f);
	free(kf);
	free(keep);
	free(kvis);
	free(kw);
	free(widths);
	free(vis);
}

static size_t out_width(const kith_render_opts *o)
{
	return o->width > 0 ? (size_t)o->width : 0;
}

/* FACTS: "label:" then the value, values aligned in one column; a long
 * value wraps under its first line. */
static void render_facts(const kith_section *s, const kith_render_opts *o,
                         kith_buf *out)
{
	kith_buf lab = {0}, val = {0}, v = {0};
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
		lab.n = val.n = v.n = 0;
		kith_cell_fmt(c0, &lab);
		kith_buf_putc(&lab, ':');
		size_t start = out->n;
		put_clean(out, lab.p, lab.n, 0);
		put_spaces(
		    out,
		    maxw - kith_utf8_width(out->p + start, out->n - start) + 1);
		if (c1) {
			kith_cell_fmt(c1, &val);
			put_clean(&v, val.p, val.n, 0);
			const char *sgr =
			    o->color ? style_sgr(c1->style) : NULL;
			if (sgr && v.n)
				kith_buf_puts(out, sgr);
			put_wrapped(out, v.p, v.n, maxw + 1, maxw + 1,
			            out_width(o));
			if (sgr && v.n)
				kith_buf_puts(out, SGR_RESET);
		}
		end_line(out);
	}
	kith_buf_free(&lab);
	kith_buf_free(&val);
	kith_buf_free(&v);
}

/* Where a wrapped line of a paragraph continues: under its text, past
 * its indent and a list marker ("- ", "* ", "+ "). */
static size_t hang_indent(const char *p, size_t n)
{
	size_t i = 0;
	while (i < n && p[i] == ' ')
		i++;
	if (i + 1 < n && strchr("-*+", p[i]) && p[i + 1] == ' ')
		i += 2;
	return i;
}

/* A paragraph: its lines with trailing blanks and blank tail lines gone,
 * long lines wrapped to the width. */
static void render_text(const char *t, const kith_render_opts *o, kith_buf *out)
{
	kith_buf b = {0};
	put_clean(&b, t, strlen(t), 1);
	while (b.n && (b.p[b.n - 1] == '\n' || b.p[b.n - 1] == ' '))
		b.n--;
	size_t i = 0;
	while (i < b.n && b.p[i] == '\n')
		i++;
	while (i < b.n) {
		const char *nl = memchr(b.p + i, '\n', b.n - i);
		size_t e = nl ? (size_t)(nl - b.p) : b.n;
		put_wrapped(out, b.p + i, e - i, 0, hang_indent(b.p + i, e - i),
		            out_width(o));
		end_line(out);
		i = e + 1;
	}
	kith_buf_free(&b);
}

static void render_section(const kith_section *s, const kith_render_opts *o,
                           int heading, kith_buf *out, kith_buf *left)
{
	if (s->chart == KITH_CHART_MATRIX && s->nrows) {
		kith_report *w = kith_matrix_wide(s, o->width);
		render_section(&w->sections.v[0], o, heading, out, left);
		kith_report_free(w);
		return;
	}
	if (heading && s->title && *s->title)
		put_heading(out, s->title, o);
	switch (s->kind) {
	case KITH_SECTION_TEXT:
		if (s->text)
			render_text(s->text, o, out);
		return;
	case KITH_SECTION_FACTS:
		if (s->nrows && s->ncols)
			render_facts(s, o, out);
		break;
	case KITH_SECTION_TABLE:
		if (s->nrows)
			render_table(s, o, out, left);
		break;
	}
	if (!s->nrows)
		render_text(s->empty ? s->empty : "(none)", o, out);
	if (s->text)
		render_text(s->text, o, out);
}

/* Facts that say when and over what the report is: text shows them once,
 * on the title's line, not as lines of their own. */
static const char *const header_facts[] = {"as of", "period", "window", "per"};

static int is_header_fact(const kith_fact *f)
{
	for (size_t i = 0; i < KITH_ARRAY_LEN(header_facts); i++)
		if (!strcmp(f->label, header_facts[i]))
			return 1;
	return 0;
}

/* The one header: "Due as of 2026-11-22 · window 14d". A fact the title
 * already holds ("as of" in "Due as of ...") is not said twice. On a
 * narrow terminal the line breaks between its parts, not inside one. */
static void put_title(const kith_report *r, const kith_render_opts *o,
                      kith_buf *out)
{
	kith_buf line = {0}, part = {0};
	const char *title = r->title ? r->title : "";
	size_t width = out_width(o);
	put_clean(&line, title, strlen(title), 0);
	for (uint32_t i = 0; i < r->facts.n; i++) {
		const kith_fact *f = &r->facts.v[i];
		if (!is_header_fact(f) || strstr(title, f->value))
			continue;
		part.n = 0;
		put_clean(&part, f->label, strlen(f->label), 0);
		kith_buf_putc(&part, ' ');
		put_clean(&part, f->value, strlen(f->value), 0);
		if (line.n && width &&
		    kith_utf8_width(line.p, line.n) + 3 +
		            kith_utf8_width(part.p, part.n) >
		        width) {
			put_heading_n(out, line.p, line.n, o);
			line.n = 0;
		}
		if (line.n)
			kith_buf_puts(&line, " \xC2\xB7 "); /* · */
		kith_buf_put(&line, part.p, part.n);
	}
	if (line.n)
		put_heading_n(out, line.p, line.n, o);
	kith_buf_free(&line);
	kith_buf_free(&part);
}

/* The first section's heading says again what the title says when the
 * title starts with it ("Due" under "Due as of ...") or when it is the
 * report's only section: text leaves it out. */
static int heading_repeats(const kith_report *r, uint32_t i)
{
	if (i != 0 || !r->title || !*r->title || !r->sections.v[0].title)
		return 0;
	if (r->sections.n == 1)
		return 1;
	size_t n = strlen(r->sections.v[0].title);
	return n && !strncasecmp(r->title, r->sections.v[0].title, n) &&
	       (r->title[n] == ' ' || !r->title[n]);
}

/* One dim line at the end when columns were left out to fit the
 * terminal: which, and how to see them (piped output keeps them all). */
static void put_left_out(kith_buf *out, kith_buf *left,
                         const kith_render_opts *o)
{
	if (!left->n)
		return;
	for (size_t i = 0; i < left->n; i++)
		if (left->p[i] == '\n')
			left->p[i] = ',';
	kith_buf b = {0}, t = {0};
	put_clean(&t, left->p, left->n, 0);
	kith_buf_printf(&b, "Not shown at %d columns: ", o->width);
	for (size_t i = 0; i < t.n; i++) {
		kith_buf_putc(&b, t.p[i]);
		if (t.p[i] == ',')
			kith_buf_putc(&b, ' ');
	}
	kith_buf_puts(&b, ". Pipe the output (| less -S) to see every column.");
	kith_buf_putc(out, '\n');
	if (o->color)
		kith_buf_puts(out, style_sgr(KITH_STYLE_DIM));
	put_wrapped(out, b.p, b.n, 0, 0, out_width(o));
	if (o->color)
		kith_buf_puts(out, SGR_RESET);
	end_line(out);
	kith_buf_free(&b);
	kith_buf_free(&t);
}

/* The caller's sink, counting what went to it, so that a place in the
 * output is what was handed over plus what out holds. */
typedef struct {
	const kith_render_opts *user;
	size_t gone;
} sink;

static int sink_flush(void *ctx, kith_buf *out)
{
	sink *k = ctx;
	k->gone += out->n;
	return k->user->flush(k->user->flush_ctx, out);
}

int kith_render_text(const kith_report *r, const kith_render_opts *user,
                     kith_buf *out)
{
	kith_render_opts none = {0}, so;
	const kith_render_opts *o = user ? user : &none;
	sink k = {o, 0};
	if (o->flush) {
		so = *o;
		so.flush = sink_flush;
		so.flush_ctx = &k;
		o = &so;
	}
	size_t start = out->n;
	put_title(r, o, out);
	for (uint32_t i = 0; i < r->facts.n; i++) {
		const kith_fact *f = &r->facts.v[i];
		if (is_header_fact(f))
			continue;
		kith_buf b = {0};
		put_clean(&b, f->label, strlen(f->label), 0);
		kith_buf_puts(&b, ": ");
		size_t lw = kith_utf8_width(b.p, b.n);
		put_clean(&b, f->value, strlen(f->value), 0);
		put_wrapped(out, b.p, b.n, 0, lw, out_width(o));
		end_line(out);
		kith_buf_free(&b);
	}
	kith_buf left = {0};
	for (uint32_t i = 0; i < r->sections.n; i++) {
		size_t before = k.gone + out->n;
		if (before > start)
			kith_buf_putc(out, '\n');
		render_section(&r->sections.v[i], o, !heading_repeats(r, i),
		               out, &left);
		/* A section with nothing to show leaves no blank line. */
		if (k.gone + out->n == before + 1)
			out->n--;
	}
	put_left_out(out, &left, o);
	kith_buf_free(&left);
	return 0;
}
