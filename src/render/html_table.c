/* The html renderer's tables: escaping, cells (links, dates, notes),
 * tables and label/value sections. */
#include "render/html.h"

#include <math.h>
#include <string.h>

#include "util/sanitize.h"

static const char *const STYLE_CLASS[] = {
    [KITH_STYLE_NONE] = "none", [KITH_STYLE_GOOD] = "good",
    [KITH_STYLE_OK] = "ok",     [KITH_STYLE_WARN] = "warn",
    [KITH_STYLE_BAD] = "bad",   [KITH_STYLE_DIM] = "dim",
};

const char *kith_html_style_class(kith_style st)
{
	if ((unsigned)st >= KITH_ARRAY_LEN(STYLE_CLASS))
		return "none";
	return STYLE_CLASS[st];
}

/* ---- escaping ---- */

/* Escapes for text and for double-quoted attribute values alike, so one
 * function serves both contexts. C0 controls (except tab and newlines)
 * and DEL are dropped: they are invalid in HTML and useless in a report. */
void kith_html_esc(kith_buf *out, const char *s, size_t n)
{
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;
		uint32_t cp;
		size_t u = c >= 0x80 ? kith_unsafe_at(s + i, n - i, &cp) : 0;
		if (u) { /* C1 and bidi controls go too (util/sanitize) */
			kith_buf_put(out, s + run, i - run);
			run = i + u;
		}
		if (c >= 0x80) { /* a character is kept or dropped whole */
			i += (u ? u : kith_utf8_seq(s + i, n - i)) - 1;
			continue;
		}
		if (kith_crlf_cr(s, n, i))
			rep = "";
		switch (c) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
			    c == 0x7f)
				rep = "";
			break;
		}
		if (!rep)
			continue;
		kith_buf_put(out, s + run, i - run);
		kith_buf_puts(out, rep);
		run = i + 1;
	}
	kith_buf_put(out, s + run, n - run);
}

void kith_html_escs(kith_buf *out, const char *s)
{
	if (s)
		kith_html_esc(out, s, strlen(s));
}

/* ---- links ---- */

static int has_prefix_ci(const char *s, size_t n, const char *pre)
{
	size_t k = strlen(pre);
	if (n < k)
		return 0;
	for (size_t i = 0; i < k; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != pre[i])
			return 0;
	}
	return 1;
}

/* Only these schemes become links; anything else (javascript:, data:,
 * file:, relative paths) is printed as text. */
static int url_linkable(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f)
			return 0;
	return (has_prefix_ci(s, n, "https://") && n > 8) ||
	       (has_prefix_ci(s, n, "http://") && n > 7) ||
	       (has_prefix_ci(s, n, "mailto:") && n > 7) ||
	       (has_prefix_ci(s, n, "tel:") && n > 4);
}

static void put_url(kith_buf *out, const char *s, size_t n)
{
	if (!url_linkable(s, n)) {
		kith_html_esc(out, s, n);
		return;
	}
	kith_buf_puts(out, "<a href=\"");
	kith_html_esc(out, s, n);
	kith_buf_puts(out, "\" rel=\"noopener noreferrer nofollow\">");
	kith_html_esc(out, s, n);
	kith_buf_puts(out, "</a>");
}

/* A links cell holds URLs separated by white space or ", ". */
static void put_links(kith_buf *out, const char *s)
{
	size_t i = 0, n = strlen(s);
	int first = 1;
	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
		                 s[i] == ','))
			i++;
		size_t b = i;
		while (i < n && s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
			i++;
		size_t e = i;
		while (e > b && s[e - 1] == ',')
			e--;
		if (e == b)
			continue;
		if (!first)
			kith_buf_puts(out, "<br>");
		put_url(out, s + b, e - b);
		first = 0;
	}
}

/* ---- cells ---- */

static int col_is_url(const kith_col *c)
{
	return strcmp(c->id, "url") == 0 || strcmp(c->id, "links") == 0;
}

static int col_is_right(const kith_col *c)
{
	return (c->flags & KITH_COL_RIGHT) || c->type == KITH_CELL_INT ||
	       c->type == KITH_CELL_NUM || c->type == KITH_CELL_PCT ||
	       c->type == KITH_CELL_DAYS;
}

int kith_html_cell_value(const kith_cell *c, double *v)
{
	switch (c->type) {
	case KITH_CELL_INT:
	case KITH_CELL_DAYS:
	case KITH_CELL_BOOL:
		*v = (double)c->i;
		return 1;
	case KITH_CELL_NUM:
	case KITH_CELL_PCT:
		*v = c->d;
		return isfinite(c->d);
	default:
		return 0;
	}
}

/* The plain text of a cell, as text/md/csv show it, escaped. */
void kith_html_plain(kith_buf *out, const kith_cell *c)
{
	kith_buf t = {0};
	kith_cell_fmt(c, &t);
	kith_html_esc(out, t.p ? t.p : "", t.n);
	kith_buf_free(&t);
}

/* tasks: the note's task lines (a NOTES cell of a table), or NULL. */
static void put_cell_body(kith_buf *out, const kith_col *col,
                          const kith_cell *c, const kith_note_task *tasks,
                          uint32_t ntasks)
{
	if (c->type == KITH_CELL_TEXT && c->s) {
		if (col->flags & KITH_COL_NOTES)
			kith_html_markdown_tasks(out, c->s, tasks, ntasks);
		else if (col_is_url(col))
			put_links(out, c->s);
		else
			kith_html_escs(out, c->s);
		return;
	}
	if (c->type == KITH_CELL_DATE && c->day != KITH_NO_DAY) {
		char d[11];
		kith_date_fmt(c->day, d);
		kith_buf_printf(out, "<time datetime=\"%s\">%s</time>", d, d);
		return;
	}
	kith_html_plain(out, c);
}

static void put_td(kith_buf *out, const kith_section *s, uint32_t row,
                   uint32_t ci)
{
	const kith_col *col = &s->cols[ci];
	const kith_cell *c = kith_section_cell(s, row, ci);
	uint32_t ntasks = 0;
	const kith_note_task *tasks =
	    col->flags & KITH_COL_NOTES
	        ? kith_section_note_tasks(s, row, ci, &ntasks)
	        : NULL;
	int right = col_is_right(col);
	const char *st = c->style != KITH_STYLE_NONE
	                     ? kith_html_style_class(c->style)
	                     : NULL;
	kith_buf_puts(out, "<td");
	if (right || st)
		kith_buf_printf(out, " class=\"%s%s%s\"", right ? "num" : "",
		                right && st ? " " : "", st ? st : "");
	/* the column's name, shown beside the value when rows are cards */
	if (col->title && *col->title) {
		kith_buf_puts(out, " data-label=\"");
		kith_html_escs(out, col->title);
		kith_buf_putc(out, '"');
	}
	kith_buf_putc(out, '>');
	put_cell_body(out, col, c, tasks, ntasks);
	kith_buf_puts(out, "</td>");
}

void kith_html_empty(kith_buf *out, const kith_section *s)
{
	kith_buf_puts(out, "<p class=\"empty\">");
	kith_html_escs(out,
	               s->empty && *s->empty ? s->empty : "Nothing to show.");
	kith_buf_puts(out, "</p>\n");
}

void kith_html_table(kith_buf *out, const kith_section *s)
{
	kith_buf_puts(out, "<div class=\"scroll\"><table>\n<thead><tr>");
	for (uint32_t c = 0; c < s->ncols; c++) {
		const kith_col *col = &s->cols[c];
		if (col->flags & KITH_COL_MACHINE)
			continue;
		kith_buf_puts(out, col_is_right(col) ? "<th class=\"num\">"
		                                     : "<th>");
		kith_html_escs(out, col->title);
		kith_buf_puts(out, "</th>");
	}
	kith_buf_puts(out, "</tr></thead>\n<tbody>\n");
	for (uint32_t r = 0; r < s->nrows; r++) {
		kith_buf_puts(out, "<tr>");
		for (uint32_t c = 0; c < s->ncols; c++)
			if (!(s->cols[c].flags & KITH_COL_MACHINE))
				put_td(out, s, r, c);
		kith_buf_puts(out, "</tr>\n");
	}
	kith_buf_puts(out, "</tbody>\n</table></div>\n");
}

/* In a label/value section the label names the value: a fact labelled
 * "url" or "links" (as `kith show` gives) is shown as links. */
static const kith_col *fact_col(const kith_section *s, const kith_cell *l,
                                kith_col *urlcol)
{
	if (l && l->type == KITH_CELL_TEXT && l->s &&
	    (strcmp(l->s, "url") == 0 || strcmp(l->s, "links") == 0)) {
		*urlcol = s->cols[1];
		urlcol->id = "url";
		return urlcol;
	}
	return &s->cols[1];
}

void kith_html_facts(kith_buf *out, const kith_section *s)
{
	kith_col urlcol;
	kith_buf_puts(out, "<dl class=\"facts\">\n");
	for (uint32_t r = 0; r < s->nrows; r++) {
		const kith_cell *l = kith_section_cell(s, r, 0);
		const kith_cell *v = kith_section_cell(s, r, 1);
		kith_buf_puts(out, "<dt>");
		if (l)
			kith_html_plain(out, l);
		kith_buf_puts(out, "</dt><dd");
		if (v && v->style != KITH_STYLE_NONE)
			kith_buf_printf(out, " class=\"%s\"",
			                kith_html_style_class(v->style));
		kith_buf_putc(out, '>');
		if (v)
			put_cell_body(out, fact_col(s, l, &urlcol), v, NULL, 0);
		kith_buf_puts(out, "</dd>\n");
	}
	kith_buf_puts(out, "</dl>\n");
}
