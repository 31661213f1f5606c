/* The html renderer's charts: inline SVG (progress, bars, cadence, trend,
 * tiles), every colour from a CSS class so dark mode keeps them visible. */
#include "render/html.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Charts with more rows than this draw the first ones only: a chart of
 * hundreds of bars helps nobody, and the table below has every row. */
#define KITH_CHART_ROWS 40

/* Writes a number with at most one decimal without printf, so the page
 * never depends on the C locale's decimal point. */
static void put_coord(kith_buf *out, double v)
{
	if (!isfinite(v))
		v = 0;
	long long t = llround(v * 10);
	if (t < 0) {
		kith_buf_putc(out, '-');
		t = -t;
	}
	kith_buf_printf(out, "%lld", t / 10);
	if (t % 10)
		kith_buf_printf(out, ".%lld", t % 10);
}

/* Writes at most max characters (code points) of s, escaped, with an
 * ellipsis when cut; a UTF-8 sequence is never split. */
static void put_trunc(kith_buf *out, const char *s, size_t max)
{
	size_t n = strlen(s), chars = 0, i;
	for (i = 0; i < n; i++) {
		if (((unsigned char)s[i] & 0xC0) == 0x80)
			continue;
		if (chars == max)
			break;
		chars++;
	}
	kith_html_esc(out, s, i);
	if (i < n)
		kith_buf_puts(out, "\xE2\x80\xA6");
}

/* ---- charts ---- */

typedef struct {
	const kith_section *s;
	uint32_t nrows; /* rows drawn, at most KITH_CHART_ROWS */
} chart_ctx;

static void svg_open(kith_buf *out, int w, int h, const char *what,
                     const kith_section *s)
{
	kith_buf_printf(out,
	                "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/"
	                "svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\""
	                " role=\"img\"><title>",
	                w, h, w, h);
	kith_html_escs(out, what);
	if (s->title && *s->title) {
		kith_buf_puts(out, ": ");
		kith_html_escs(out, s->title);
	}
	if (s->nrows > KITH_CHART_ROWS)
		kith_buf_printf(out, " (first %d of %u rows)", KITH_CHART_ROWS,
		                s->nrows);
	kith_buf_puts(out, "</title>\n");
}

/* The label of a row (col 0) as plain text, in a caller-owned buffer. */
const char *kith_html_row_label(const kith_section *s, uint32_t row,
                                kith_buf *tmp)
{
	tmp->n = 0;
	const kith_cell *c = kith_section_cell(s, row, 0);
	if (c)
		kith_cell_fmt(c, tmp);
	return kith_buf_cstr(tmp);
}

static int num_at(const kith_section *s, uint32_t row, int col, double *v)
{
	const kith_cell *c =
	    col < 0 ? NULL : kith_section_cell(s, row, (uint32_t)col);
	return c && kith_html_cell_value(c, v);
}

static void put_text(kith_buf *out, double x, double y, const char *anchor,
                     const char *cls)
{
	kith_buf_puts(out, "<text x=\"");
	put_coord(out, x);
	kith_buf_puts(out, "\" y=\"");
	put_coord(out, y);
	kith_buf_putc(out, '"');
	if (anchor)
		kith_buf_printf(out, " text-anchor=\"%s\"", anchor);
	if (cls)
		kith_buf_printf(out, " class=\"%s\"", cls);
	kith_buf_putc(out, '>');
}

static void put_rect(kith_buf *out, double x, double y, double w, double h,
                     const char *cls)
{
	kith_buf_puts(out, "<rect x=\"");
	put_coord(out, x);
	kith_buf_puts(out, "\" y=\"");
	put_coord(out, y);
	kith_buf_puts(out, "\" width=\"");
	put_coord(out, w < 0 ? 0 : w);
	kith_buf_puts(out, "\" height=\"");
	put_coord(out, h < 0 ? 0 : h);
	kith_buf_printf(out, "\" class=\"%s\"/>", cls);
}

static void put_line(kith_buf *out, double x1, double y1, double x2, double y2,
                     const char *cls)
{
	kith_buf_puts(out, "<line x1=\"");
	put_coord(out, x1);
	kith_buf_puts(out, "\" y1=\"");
	put_coord(out, y1);
	kith_buf_puts(out, "\" x2=\"");
	put_coord(out, x2);
	kith_buf_puts(out, "\" y2=\"");
	put_coord(out, y2);
	kith_buf_printf(out, "\" class=\"%s\"/>", cls);
}

/* A row label at the left of a horizontal chart, full text as tooltip. */
static void put_row_label(kith_buf *out, const char *label, double x, double y,
                          size_t maxch)
{
	kith_buf_puts(out, "<g><title>");
	kith_html_escs(out, label);
	kith_buf_puts(out, "</title>");
	put_text(out, x, y, NULL, NULL);
	put_trunc(out, label, maxch);
	kith_buf_puts(out, "</text></g>");
}

/* The colour of a row's bar: the style of the value cell, else the first
 * styled cell of the row (a status column, say). */
static kith_style row_style(const kith_section *s, uint32_t row, int col)
{
	const kith_cell *c =
	    col >= 0 ? kith_section_cell(s, row, (uint32_t)col) : NULL;
	if (c && c->style != KITH_STYLE_NONE)
		return c->style;
	for (uint32_t k = 0; k < s->ncols; k++) {
		c = kith_section_cell(s, row, k);
		if (c && c->style != KITH_STYLE_NONE)
			return c->style;
	}
	return KITH_STYLE_NONE;
}

static double clamp01(double v)
{
	return v < 0 ? 0 : v > 1 ? 1 : v;
}

/* Charts are drawn 400 units wide and shown at most 30rem (480 px) wide,
 * so 13-unit text stays at least 11 CSS px on a 360 px phone. */
enum { HBAR_X = 130, HBAR_W = 172, HBAR_ROW = 28, CHART_W = 400 };

/* The widest label of the rows (column col), in chart units (13-unit text
 * averages under 7.5 units a character), within [lo, hi]. */
static double label_room(const chart_ctx *cx, uint32_t col, double lo,
                         double hi)
{
	kith_buf tmp = {0};
	size_t most = 0;
	for (uint32_t i = 0; i < cx->nrows; i++) {
		const kith_cell *c = kith_section_cell(cx->s, i, col);
		tmp.n = 0;
		if (c)
			kith_cell_fmt(c, &tmp);
		const char *l = kith_buf_cstr(&tmp);
		size_t n = 0;
		for (; *l; l++)
			n += ((unsigned char)*l & 0xC0) != 0x80;
		most = n > most ? n : most;
	}
	kith_buf_free(&tmp);
	double w = (double)most * 7.5 + 10;
	return w < lo ? lo : w > hi ? hi : w;
}

/* Progress rows are often "goal, metric, ...": when column 1 is a text
 * column, rows are grouped under a header line per distinct column 0 and
 * labelled by column 1, so every bar says which metric it is. */
static int progress_grouped(const kith_section *s)
{
	return s->ncols > 1 && s->cols[1].type == KITH_CELL_TEXT &&
	       !(s->cols[1].flags & KITH_COL_MACHINE);
}

static int new_group(const kith_section *s, uint32_t row, kith_buf *a,
                     kith_buf *b)
{
	if (row == 0)
		return 1;
	kith_html_row_label(s, row - 1, a);
	kith_html_row_label(s, row, b);
	return a->n != b->n || memcmp(a->p, b->p, a->n) != 0;
}

static void progress_row(kith_buf *out, const kith_section *s, uint32_t i,
                         double y, const int col[3], double bx, double bw)
{
	double a = 0, t = 0, p = 0;
	int has_a = num_at(s, i, col[0], &a), has_t = num_at(s, i, col[1], &t);
	int has_p = num_at(s, i, col[2], &p);
	put_rect(out, bx, y + 3, bw, 16, "track");
	double f = t > 0 ? clamp01(a / t) : (a > 0 ? 1 : 0);
	if (has_a && f > 0) {
		kith_buf c = {0};
		kith_buf_printf(&c, "f-%s",
		                kith_html_style_class(row_style(s, i, col[0])));
		put_rect(out, bx, y + 3, bw * f, 16, kith_buf_cstr(&c));
		kith_buf_free(&c);
	}
	if (has_a && t > 0 && a > t) /* over target: a mark past the end */
		put_rect(out, bx + bw - 4, y + 1, 4, 20, "over");
	if (has_p && t > 0) {
		double x = bx + bw * clamp01(p / t);
		put_line(out, x, y, x, y + 22, "pace");
	}
	put_text(out, bx + bw + 8, y + 15, NULL, NULL);
	if (has_a)
		kith_html_plain(out, kith_section_cell(s, i, (uint32_t)col[0]));
	if (has_t) {
		kith_buf_puts(out, " / ");
		kith_html_plain(out, kith_section_cell(s, i, (uint32_t)col[1]));
	}
	kith_buf_puts(out, "</text>\n");
}

/* The key to the progress chart: status colours, the pace tick, the
 * target (the end of the track) and the over-target mark. */
static void put_progress_legend(kith_buf *out, double ly)
{
	static const struct {
		const char *cls, *label;
		int line;
	} keys[] = {
	    {"f-good", "met", 0},   {"f-none", "on track", 0},
	    {"f-bad", "behind", 0}, {"pace", "pace", 1},
	    {"track", "target", 0}, {"over", "over target", 0},
	};
	for (size_t k = 0; k < KITH_ARRAY_LEN(keys); k++) {
		double x = (double)(k % 3) * 130,
		       yy = ly + (double)(k / 3) * 20;
		if (keys[k].line)
			put_line(out, x + 6, yy - 1, x + 6, yy + 11, "pace");
		else
			put_rect(out, x, yy, 12, 10, keys[k].cls);
		put_text(out, x + 16, yy + 10, NULL, "dim");
		kith_buf_puts(out, keys[k].label);
		kith_buf_puts(out, "</text>");
	}
	kith_buf_putc(out, '\n');
}

/* Progress: a track per row scaled to its target, the actual as a fill and
 * the pace as a marker line. Rows differ in unit (counts, %), so each is
 * scaled to its own target. */
static void chart_progress(kith_buf *out, const chart_ctx *cx)
{
	const kith_section *s = cx->s;
	int col[3] = {kith_section_col(s, "actual"),
	              kith_section_col(s, "target"),
	              kith_section_col(s, "pace")};
	if (col[0] < 0 || col[1] < 0)
		return;
	int grouped = progress_grouped(s);
	/* the bars start after the longest label (at most 23 characters
	 * whole), leaving room for "100% / 80%" after them */
	double bx = label_room(cx, grouped ? 1 : 0, HBAR_X - 12, 188) +
	            (grouped ? 12 : 0);
	size_t maxch = (size_t)((bx - (grouped ? 22 : 10)) / 7.5);
	kith_buf tmp = {0}, prev = {0};
	double h = 10 + cx->nrows * HBAR_ROW + 48;
	for (uint32_t i = 0; grouped && i < cx->nrows; i++)
		if (new_group(s, i, &prev, &tmp))
			h += 22;
	svg_open(out, CHART_W, (int)h,
	         "Progress: actual against target and pace", s);
	double y = 10;
	for (uint32_t i = 0; i < cx->nrows; i++) {
		if (grouped && new_group(s, i, &prev, &tmp)) {
			put_text(out, 0, y + 14, NULL, "grp");
			put_trunc(out, kith_html_row_label(s, i, &tmp), 60);
			kith_buf_puts(out, "</text>\n");
			y += 22;
		}
		if (grouped) {
			const kith_cell *c = kith_section_cell(s, i, 1);
			tmp.n = 0;
			if (c)
				kith_cell_fmt(c, &tmp);
			put_row_label(out, kith_buf_cstr(&tmp), 12, y + 15,
			              maxch);
		} else {
			put_row_label(out, kith_html_row_label(s, i, &tmp), 0,
			              y + 15, maxch);
		}
		progress_row(out, s, i, y, col, bx, CHART_W - bx - 92);
		y += HBAR_ROW;
	}
	put_progress_legend(out, y + 8);
	kith_buf_puts(out, "</svg>\n");
	kith_buf_free(&tmp);
	kith_buf_free(&prev);
}

/* Whether a label is a month "YYYY-MM". */
static int month_of(const char *label, int *y, int *m)
{
	if (strlen(label) != 7 || label[4] != '-')
		return 0;
	for (int k = 0; k < 7; k++)
		if (k != 4 && (label[k] < '0' || label[k] > '9'))
			return 0;
	*y = atoi(label);
	*m = atoi(label + 5);
	return *m >= 1 && *m <= 12;
}

/* A month bar is labelled "Nov"; January and the first bar add the year
 * below ("’26"), so a year change is seen. Other labels are cut to fit. */
static void put_bar_label(kith_buf *out, const char *label, size_t maxch,
                          double x, double y, int first)
{
	static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr",
	                                  "May", "Jun", "Jul", "Aug",
	                                  "Sep", "Oct", "Nov", "Dec"};
	int yy, mm;
	put_text(out, x, y, "middle", "dim");
	if (!month_of(label, &yy, &mm)) {
		put_trunc(out, label, maxch);
		kith_buf_puts(out, "</text>");
		return;
	}
	kith_buf_puts(out, mon[mm - 1]);
	kith_buf_puts(out, "</text>");
	if (mm == 1 || first) {
		put_text(out, x, y + 15, "middle", "dim");
		kith_buf_printf(out, "\xE2\x80\x99%02d</text>", yy % 100);
	}
}

/* Named bars (kinds, follow-up states): one horizontal bar per row, the
 * whole name at its left and the count at its end, so no name is cut. */
static void chart_hbars(kith_buf *out, const chart_ctx *cx, int cc)
{
	const kith_section *s = cx->s;
	double max = 0, v;
	for (uint32_t i = 0; i < cx->nrows; i++)
		if (num_at(s, i, cc, &v) && v > max)
			max = v;
	if (max <= 0)
		max = 1;
	const double lx = label_room(cx, 0, 60, 220), bw = CHART_W - lx - 44;
	/* a name longer than the widest room (28 characters) is cut, with
	 * the whole name as its tooltip */
	const size_t maxch = (size_t)((lx - 10) / 7.5);
	kith_buf tmp = {0};
	svg_open(out, CHART_W, 10 + (int)cx->nrows * HBAR_ROW,
	         "Bar chart of counts", s);
	for (uint32_t i = 0; i < cx->nrows; i++) {
		double y = 10 + i * HBAR_ROW;
		const char *label = kith_html_row_label(s, i, &tmp);
		const kith_cell *c = kith_section_cell(s, i, (uint32_t)cc);
		kith_buf_puts(out, "<g><title>");
		kith_html_escs(out, label);
		kith_buf_puts(out, ": ");
		kith_html_plain(out, c);
		kith_buf_puts(out, "</title>");
		put_text(out, 0, y + 15, NULL, NULL);
		put_trunc(out, label, maxch);
		kith_buf_puts(out, "</text>");
		double w = num_at(s, i, cc, &v) ? bw * v / max : 0;
		kith_buf t = {0};
		kith_buf_printf(&t, "f-%s",
		                kith_html_style_class(row_style(s, i, cc)));
		put_rect(out, lx, y + 3, w, 16, kith_buf_cstr(&t));
		kith_buf_free(&t);
		put_text(out, lx + w + 6, y + 15, NULL, NULL);
		kith_html_plain(out, c);
		kith_buf_puts(out, "</text></g>\n");
	}
	kith_buf_puts(out, "</svg>\n");
	kith_buf_free(&tmp);
}

/* Bars: one bar per row, all on one scale; vertical for months (a time
 * axis), horizontal for names, which then read whole. */
static void chart_bars(kith_buf *out, const chart_ctx *cx)
{
	const kith_section *s = cx->s;
	int cc = kith_section_col(s, "count");
	if (cc < 0)
		return;
	kith_buf lb = {0};
	int yy, mm, months = month_of(kith_html_row_label(s, 0, &lb), &yy, &mm);
	kith_buf_free(&lb);
	if (!months) {
		chart_hbars(out, cx, cc);
		return;
	}
	const double x0 = 34, x1 = 396, y0 = 16, y1 = 180;
	double max = 0, v;
	for (uint32_t i = 0; i < cx->nrows; i++)
		if (num_at(s, i, cc, &v) && v > max)
			max = v;
	if (max <= 0)
		max = 1;
	kith_buf tmp = {0};
	svg_open(out, CHART_W, 222, "Bar chart of counts", s);
	put_line(out, x0, y1, x1, y1, "axis");
	put_text(out, x0 - 6, y1 + 4, "end", "dim");
	kith_buf_puts(out, "0</text>");
	put_text(out, x0 - 6, y0 + 4, "end", "dim");
	put_coord(out, max);
	kith_buf_puts(out, "</text>\n");
	double slot = (x1 - x0) / cx->nrows;
	double bw = slot * 0.7 > 56 ? 56 : slot * 0.7;
	uint32_t every = cx->nrows > 12 ? (cx->nrows + 11) / 12 : 1;
	size_t maxch =
	    (size_t)(slot * every / 8.5) > 3 ? (size_t)(slot * every / 8.5) : 3;
	for (uint32_t i = 0; i < cx->nrows; i++) {
		double cxm = x0 + slot * (i + 0.5);
		double bh = num_at(s, i, cc, &v) ? (y1 - y0) * v / max : 0;
		const char *label = kith_html_row_label(s, i, &tmp);
		kith_buf_puts(out, "<g><title>");
		kith_html_escs(out, label);
		kith_buf_puts(out, ": ");
		kith_html_plain(out, kith_section_cell(s, i, (uint32_t)cc));
		kith_buf_puts(out, "</title>");
		kith_buf t = {0};
		kith_buf_printf(&t, "f-%s",
		                kith_html_style_class(row_style(s, i, cc)));
		put_rect(out, cxm - bw / 2, y1 - bh, bw, bh, kith_buf_cstr(&t));
		kith_buf_free(&t);
		if (cx->nrows <= 24) {
			put_text(out, cxm, y1 - bh - 4, "middle", NULL);
			kith_html_plain(out,
			                kith_section_cell(s, i, (uint32_t)cc));
			kith_buf_puts(out, "</text>");
		}
		if (i % every == 0)
			put_bar_label(out, label, maxch, cxm, y1 + 18, i == 0);
		kith_buf_puts(out, "</g>\n");
	}
	kith_buf_puts(out, "</svg>\n");
	kith_buf_free(&tmp);
}

/* Cadence: per contact, the days since the last touch against the ideal
 * and maximum gap, on one day scale shared by every row. */
static void chart_cadence(kith_buf *out, const chart_ctx *cx)
{
	const kith_section *s = cx->s;
	int cd = kith_section_col(s, "days_since");
	int ci = kith_section_col(s, "ideal_days");
	int cm = kith_section_col(s, "max_days");
	if (cd < 0 || ci < 0 || cm < 0)
		return;
	double scale = 1, v;
	for (uint32_t i = 0; i < cx->nrows; i++) {
		if (num_at(s, i, cd, &v) && v > scale)
			scale = v;
		if (num_at(s, i, cm, &v) && v * 1.25 > scale)
			scale = v * 1.25;
	}
	kith_buf tmp = {0};
	int h = 10 + (int)cx->nrows * HBAR_ROW + 24;
	svg_open(out, CHART_W, h,
	         "Days since last touch against the ideal and maximum gap", s);
	for (uint32_t i = 0; i < cx->nrows; i++) {
		double d = 0, id = 0, mx = 0, y = 10 + i * HBAR_ROW;
		int has_d = num_at(s, i, cd, &d);
		int has_i = num_at(s, i, ci, &id),
		    has_m = num_at(s, i, cm, &mx);
		if (!has_i)
			id = has_m ? mx : scale;
		if (!has_m)
			mx = id;
		double xi = HBAR_W * clamp01(id / scale);
		double xm = HBAR_W * clamp01(mx / scale);
		put_row_label(out, kith_html_row_label(s, i, &tmp), 0, y + 15,
		              16);
		put_rect(out, HBAR_X, y + 3, xi, 16, "z-good");
		put_rect(out, HBAR_X + xi, y + 3, xm - xi, 16, "z-warn");
		put_rect(out, HBAR_X + xm, y + 3, HBAR_W - xm, 16, "z-bad");
		put_text(out, HBAR_X + HBAR_W + 8, y + 15, NULL, NULL);
		if (has_d) {
			kith_html_plain(out,
			                kith_section_cell(s, i, (uint32_t)cd));
			kith_buf_puts(out, "</text>");
			kith_buf t = {0};
			kith_style st = row_style(s, i, cd);
			if (st == KITH_STYLE_NONE)
				st = d > mx   ? KITH_STYLE_BAD
				     : d > id ? KITH_STYLE_WARN
				              : KITH_STYLE_GOOD;
			kith_buf_printf(&t, "f-%s", kith_html_style_class(st));
			put_rect(out, HBAR_X, y + 7,
			         HBAR_W * clamp01(d / scale), 8,
			         kith_buf_cstr(&t));
			kith_buf_free(&t);
		} else {
			kith_buf_puts(out, "never</text>");
		}
		kith_buf_putc(out, '\n');
	}
	double ly = 10 + cx->nrows * HBAR_ROW + 8;
	put_rect(out, HBAR_X, ly, 12, 10, "z-good");
	put_text(out, HBAR_X + 16, ly + 9, NULL, "dim");
	kith_buf_puts(out, "in touch</text>");
	put_rect(out, HBAR_X + 90, ly, 12, 10, "z-warn");
	put_text(out, HBAR_X + 106, ly + 9, NULL, "dim");
	kith_buf_puts(out, "due</text>");
	put_rect(out, HBAR_X + 150, ly, 12, 10, "z-bad");
	put_text(out, HBAR_X + 166, ly + 9, NULL, "dim");
	kith_buf_puts(out, "overdue</text>\n</svg>\n");
	kith_buf_free(&tmp);
}

/* Trend: one line per numeric column over the rows (col 0 labels the
 * x axis), all on one scale from zero. */
static void chart_trend(kith_buf *out, const chart_ctx *cx)
{
	const kith_section *s = cx->s;
	int series[6], ns = 0;
	for (uint32_t c = 1; c < s->ncols && ns < 6; c++) {
		kith_cell_type t = s->cols[c].type;
		if (!(s->cols[c].flags & KITH_COL_MACHINE) &&
		    (t == KITH_CELL_INT || t == KITH_CELL_NUM ||
		     t == KITH_CELL_PCT))
			series[ns++] = (int)c;
	}
	if (!ns)
		return;
	const double x0 = 34, x1 = 380, y0 = 14, y1 = 170;
	double max = 0, v;
	for (uint32_t i = 0; i < cx->nrows; i++)
		for (int k = 0; k < ns; k++)
			if (num_at(s, i, series[k], &v) && v > max)
				max = v;
	if (max <= 0)
		max = 1;
	kith_buf tmp = {0};
	svg_open(out, CHART_W, 204 + 20 * ((ns + 1) / 2), "Trend", s);
	put_line(out, x0, y1, x1, y1, "axis");
	put_line(out, x0, y0, x0, y1, "axis");
	put_text(out, x0 - 6, y1 + 4, "end", "dim");
	kith_buf_puts(out, "0</text>");
	put_text(out, x0 - 6, y0 + 4, "end", "dim");
	put_coord(out, max);
	kith_buf_puts(out, "</text>\n");
	double step = cx->nrows > 1 ? (x1 - x0) / (cx->nrows - 1) : 0;
	for (int k = 0; k < ns; k++) {
		kith_buf_printf(out, "<g class=\"s%d\"><title>", k);
		kith_html_escs(out, s->cols[series[k]].title);
		kith_buf_puts(out, "</title><polyline points=\"");
		for (uint32_t i = 0; i < cx->nrows; i++) {
			if (!num_at(s, i, series[k], &v))
				continue;
			double x =
			    cx->nrows > 1 ? x0 + step * i : (x0 + x1) / 2;
			put_coord(out, x);
			kith_buf_putc(out, ',');
			put_coord(out, y1 - (y1 - y0) * v / max);
			kith_buf_putc(out, ' ');
		}
		kith_buf_puts(out, "\"/>");
		for (uint32_t i = 0; i < cx->nrows; i++) {
			if (!num_at(s, i, series[k], &v))
				continue;
			double x =
			    cx->nrows > 1 ? x0 + step * i : (x0 + x1) / 2;
			kith_buf_puts(out, "<circle cx=\"");
			put_coord(out, x);
			kith_buf_puts(out, "\" cy=\"");
			put_coord(out, y1 - (y1 - y0) * v / max);
			kith_buf_puts(out, "\" r=\"3\"/>");
		}
		kith_buf_puts(out, "</g>\n");
	}
	put_text(out, x0, y1 + 18, NULL, "dim");
	kith_html_escs(out, kith_html_row_label(s, 0, &tmp));
	kith_buf_puts(out, "</text>");
	if (cx->nrows > 1) {
		put_text(out, x1, y1 + 18, "end", "dim");
		kith_html_escs(out,
		               kith_html_row_label(s, cx->nrows - 1, &tmp));
		kith_buf_puts(out, "</text>");
	}
	for (int k = 0; k < ns; k++) {
		double lx = (k % 2) * 200, ly = 200 + (k / 2) * 20;
		kith_buf_printf(out, "<rect x=\"");
		put_coord(out, lx);
		kith_buf_puts(out, "\" y=\"");
		put_coord(out, ly);
		kith_buf_printf(out,
		                "\" width=\"12\" height=\"10\" "
		                "class=\"s%d\"/>",
		                k);
		put_text(out, lx + 16, ly + 10, NULL, "dim");
		put_trunc(out, s->cols[series[k]].title, 23);
		kith_buf_puts(out, "</text>");
	}
	kith_buf_puts(out, "\n</svg>\n");
	kith_buf_free(&tmp);
}

/* Tiles: each row a big figure with its label and change. */
static void chart_tiles(kith_buf *out, const chart_ctx *cx)
{
	const kith_section *s = cx->s;
	int cv = kith_section_col(s, "value"),
	    ct = kith_section_col(s, "trend");
	kith_buf tmp = {0};
	kith_buf_puts(out, "<div class=\"tiles\">\n");
	for (uint32_t i = 0; i < s->nrows; i++) {
		kith_buf_puts(out, "<div class=\"tile\"><div class=\"v\">");
		if (cv >= 0)
			kith_html_plain(out,
			                kith_section_cell(s, i, (uint32_t)cv));
		kith_buf_puts(out, "</div><div class=\"l\">");
		kith_html_escs(out, kith_html_row_label(s, i, &tmp));
		kith_buf_puts(out, "</div>");
		if (ct >= 0) {
			const kith_cell *c =
			    kith_section_cell(s, i, (uint32_t)ct);
			kith_buf_printf(out, "<div class=\"d %s\">",
			                kith_html_style_class(c->style));
			kith_html_plain(out, c);
			kith_buf_puts(out, "</div>");
		}
		kith_buf_puts(out, "</div>\n");
	}
	kith_buf_puts(out, "</div>\n");
	kith_buf_free(&tmp);
}

typedef void (*chart_fn)(kith_buf *out, const chart_ctx *cx);
static const chart_fn CHARTS[] = {
    [KITH_CHART_NONE] = NULL,         [KITH_CHART_PROGRESS] = chart_progress,
    [KITH_CHART_BARS] = chart_bars,   [KITH_CHART_CADENCE] = chart_cadence,
    [KITH_CHART_TREND] = chart_trend, [KITH_CHART_MATRIX] = NULL,
    [KITH_CHART_TILES] = chart_tiles,
};

void kith_html_chart(kith_buf *out, const kith_section *s)
{
	if ((unsigned)s->chart >= KITH_ARRAY_LEN(CHARTS) || !CHARTS[s->chart] ||
	    !s->nrows || !s->ncols)
		return;
	chart_ctx cx = {s, s->nrows > KITH_CHART_ROWS ? KITH_CHART_ROWS
	                                              : s->nrows};
	CHARTS[s->chart](out, &cx);
}

int kith_html_has_chart(const kith_section *s)
{
	return (unsigned)s->chart < KITH_ARRAY_LEN(CHARTS) &&
	       CHARTS[s->chart] && s->ncols;
}
