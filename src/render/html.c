/* The html renderer: one standalone page with inline CSS, an enforcing
 * Content-Security-Policy, notes through cmark in safe mode and charts as
 * inline SVG. It computes nothing; see docs/html.md for what it shows. */
#include "render/render.h"

#include <cmark.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/sanitize.h"

/* Notes longer than this are shown as escaped plain text instead of being
 * given to cmark. Debian's cmark 0.30.2 has inputs that take quadratic
 * time (CVE-2023-22486, CVE-2023-24824, fixed in 0.30.3); a cap keeps a
 * hostile or pasted-in note from stalling a report. Real notes are a few
 * paragraphs; 16 KiB is pages of text. */
#define KITH_NOTE_CAP (16 * 1024)

/* Charts with more rows than this draw the first ones only: a chart of
 * hundreds of bars helps nobody, and the table below has every row. */
#define KITH_CHART_ROWS 40

/* cmark became safe by default in 0.29.0 (raw HTML and dangerous URLs
 * dropped unless CMARK_OPT_UNSAFE, which kith never passes). Older
 * libraries are only safe with CMARK_OPT_SAFE, so it is passed as well;
 * it is a no-op from 0.29 on. Libraries older than 0.28 are not trusted
 * at all: their notes are shown as plain text. */
#define KITH_CMARK_MIN 0x001c00 /* 0.28.0 */
#define KITH_CMARK_OPTS                                                        \
	(CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_SMART)

static const char CSP[] = "default-src 'none'; style-src 'unsafe-inline'; "
                          "img-src data:";

/* Every colour is a CSS variable, SVG fills and strokes included, set once
 * for light and once for dark (prefers-color-scheme), so a dark or forced
 * dark page keeps every label and mark visible. On a phone tables become
 * cards (each cell labelled by its column), so nothing is off-screen;
 * charts keep at least 11 CSS px text down to 360 px wide. Printable.
 * Every class a renderer emits is defined here and nothing is fetched. */
static const char *const CSS[] = {
    ":root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#57606a;"
    "--dim:#6e7781;--line:#d8dee4;--line2:#e5e8eb;--head:#f6f8fa;"
    "--stripe:#fbfcfd;--link:#0969da;--good:#1a7f37;--ok:#0969da;"
    "--warn:#9a6700;--bad:#cf222e;--f-none:#4c8dd6;--f-good:#2da44e;"
    "--f-warn:#d4a72c;--f-bad:#e5534b;--f-dim:#afb8c1;--track:#eef1f4;"
    "--z-good:#dafbe1;--z-ok:#ddf4ff;--z-warn:#fff8c5;--z-bad:#ffebe9;"
    "--s0:#0969da;--s1:#cf222e;--s2:#1a7f37;--s3:#8250df;--s4:#bf8700;"
    "--s5:#57606a}\n",
    "@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;"
    "--muted:#9ea7b3;--dim:#8b949e;--line:#30363d;--line2:#21262d;"
    "--head:#161b22;--stripe:#11161d;--link:#58a6ff;--good:#3fb950;"
    "--ok:#58a6ff;--warn:#d29922;--bad:#ff7b72;--f-none:#388bfd;"
    "--f-good:#2ea043;--f-warn:#bb8009;--f-bad:#da3633;--f-dim:#484f58;"
    "--track:#21262d;--z-good:#12361f;--z-ok:#0c2d4f;--z-warn:#3b2e05;"
    "--z-bad:#4a1518;--s0:#58a6ff;--s1:#ff7b72;--s2:#3fb950;--s3:#bc8cff;"
    "--s4:#d29922;--s5:#9ea7b3}}\n",
    "*{box-sizing:border-box}\n",
    "body{margin:0;background:var(--bg);color:var(--fg);"
    "font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,"
    "\"Helvetica Neue\",Arial,sans-serif;-webkit-text-size-adjust:100%}\n",
    "main{max-width:62rem;margin:0 auto;padding:1rem 1rem 2rem}\n",
    "h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0}\n",
    "h2{font-size:1.25rem;margin:2rem 0 .6rem;padding-bottom:.25rem;"
    "border-bottom:1px solid var(--line)}\n",
    "h3{font-size:1.05rem;margin:1.5rem 0 .5rem}\n",
    "dl.facts{display:grid;grid-template-columns:max-content 1fr;"
    "gap:.15rem 1rem;margin:.5rem 0 1rem}\n",
    "dl.facts dt{color:var(--muted)}\n",
    "dl.facts dd{margin:0}\n",
    "dl.facts dd p{margin:0}\n",
    ".tiles{display:flex;flex-wrap:wrap;gap:.6rem;margin:.6rem 0 1rem}\n",
    ".tile{flex:1 1 8.5rem;border:1px solid var(--line);border-radius:6px;"
    "padding:.5rem .7rem}\n",
    ".tile .v{font-size:1.6rem;font-weight:600;line-height:1.2}\n",
    ".tile .l{color:var(--muted);font-size:.85rem}\n",
    ".tile .d{font-size:.85rem}\n",
    ".scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}\n",
    "table{border-collapse:collapse;width:100%;font-size:.92rem}\n",
    "th,td{padding:.4rem .55rem;border-bottom:1px solid var(--line2);"
    "text-align:left;vertical-align:top;overflow-wrap:anywhere}\n",
    "thead th{background:var(--head);font-weight:600;"
    "border-bottom:2px solid var(--line);white-space:nowrap}\n",
    "tbody tr:nth-child(even){background:var(--stripe)}\n",
    "th.num,td.num{text-align:right;font-variant-numeric:tabular-nums;"
    "white-space:nowrap}\n",
    "td time{white-space:nowrap}\n",
    "td p,td ul,td ol{margin:0}\n",
    "td p+p,td p+ul{margin-top:.4rem}\n",
    "td ul,td ol{padding-left:1.2rem}\n",
    "li.task{list-style:none;margin-left:-1.2rem}\n",
    "a{color:var(--link);overflow-wrap:anywhere}\n",
    "code{font-size:.9em;background:var(--head);padding:.1em .3em;"
    "border-radius:3px}\n",
    "pre{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--head);"
    "padding:.5rem .7rem;border-radius:4px;font-size:.85rem;"
    "max-height:30rem;overflow:auto}\n",
    "blockquote{margin:.4rem 0;padding-left:.8rem;"
    "border-left:3px solid var(--line);color:var(--muted)}\n",
    "details{margin:.2rem 0 1rem}\n",
    "summary{cursor:pointer;color:var(--muted);font-size:.9rem}\n",
    ".good{color:var(--good)}\n",
    ".ok{color:var(--ok)}\n",
    ".warn{color:var(--warn)}\n",
    ".bad{color:var(--bad);font-weight:600}\n",
    ".dim{color:var(--dim)}\n",
    ".empty{color:var(--dim);font-style:italic}\n",
    ".heat td.good{background:var(--z-good)}.heat td.ok{background:var(--z-ok)}"
    ".heat td.warn{background:var(--z-warn)}.heat "
    "td.bad{background:var(--z-bad)}"
    ".heat td.dim{background:var(--head)}\n",
    ".notice{color:var(--warn);font-size:.85rem;margin:.2rem 0}\n",
    ".note{margin:.6rem 0;color:var(--fg)}\n",
    "svg.chart{display:block;width:100%;max-width:30rem;height:auto;"
    "margin:.4rem 0 1rem}\n",
    "svg.chart text{font-family:system-ui,-apple-system,\"Segoe UI\","
    "Roboto,Arial,sans-serif;font-size:13px;fill:var(--fg)}\n",
    "svg.chart text.dim{fill:var(--dim)}\n",
    "svg.chart text.grp{font-weight:600}\n",
    ".track{fill:var(--track);stroke:var(--line)}\n",
    ".axis{stroke:var(--f-dim);stroke-width:1}\n",
    ".pace{stroke:var(--fg);stroke-width:2}\n",
    ".over{fill:var(--good)}\n",
    ".f-none{fill:var(--f-none)}\n",
    ".f-good{fill:var(--f-good)}\n",
    ".f-ok{fill:var(--f-none)}\n",
    ".f-warn{fill:var(--f-warn)}\n",
    ".f-bad{fill:var(--f-bad)}\n",
    ".f-dim{fill:var(--f-dim)}\n",
    ".z-good{fill:var(--z-good)}\n",
    ".z-warn{fill:var(--z-warn)}\n",
    ".z-bad{fill:var(--z-bad)}\n",
    ".s0{stroke:var(--s0);fill:var(--s0)}\n",
    ".s1{stroke:var(--s1);fill:var(--s1)}\n",
    ".s2{stroke:var(--s2);fill:var(--s2)}\n",
    ".s3{stroke:var(--s3);fill:var(--s3)}\n",
    ".s4{stroke:var(--s4);fill:var(--s4)}\n",
    ".s5{stroke:var(--s5);fill:var(--s5)}\n",
    "polyline{fill:none;stroke-width:2}\n",
    "footer{color:var(--dim);font-size:.8rem;margin-top:2.5rem;"
    "border-top:1px solid var(--line);padding-top:.5rem}\n",
    "@media (max-width:40rem){body{font-size:15px}"
    "main{padding:.6rem .6rem 1.5rem}"
    "dl.facts{grid-template-columns:1fr}dl.facts dd{margin-bottom:.3rem}"
    ".scroll{overflow:visible}"
    "table,tbody,tr,td{display:block;width:100%}thead{display:none}"
    "tbody tr{border:1px solid var(--line);border-radius:6px;"
    "margin:0 0 .5rem;padding:.2rem .1rem}"
    "td{border:0;padding:.15rem .5rem;text-align:left}"
    "td.num{text-align:left;white-space:normal}"
    "td[data-label]::before{content:attr(data-label) \": \";"
    "color:var(--muted);font-size:.85em}"
    "td:empty{display:none}}\n",
    "@page{size:A4;margin:14mm 12mm}\n",
    "@media print{:root{color-scheme:light}"
    "svg.chart{max-width:21rem}h2{margin:1rem 0 .4rem}"
    ".tiles{margin:.3rem 0 .5rem}.tile{padding:.3rem .6rem}"
    "body{font-size:10pt;-webkit-print-color-adjust:exact;"
    "print-color-adjust:exact}main{max-width:none;padding:0}"
    "a{color:inherit;text-decoration:none}.scroll{overflow:visible}"
    "pre{max-height:none;overflow:visible}details>summary{display:none}"
    "h2,h3{break-after:avoid}tr,svg.chart,.tile{break-inside:avoid}"
    "thead{display:table-header-group}tbody tr:nth-child(even)"
    "{background:none}}\n"};

static const char *const STYLE_CLASS[] = {
    [KITH_STYLE_NONE] = "none", [KITH_STYLE_GOOD] = "good",
    [KITH_STYLE_OK] = "ok",     [KITH_STYLE_WARN] = "warn",
    [KITH_STYLE_BAD] = "bad",   [KITH_STYLE_DIM] = "dim",
};

static const char *style_class(kith_style st)
{
	if ((unsigned)st >= KITH_ARRAY_LEN(STYLE_CLASS))
		return "none";
	return STYLE_CLASS[st];
}

/* ---- escaping ---- */

/* Escapes for text and for double-quoted attribute values alike, so one
 * function serves both contexts. C0 controls (except tab and newlines)
 * and DEL are dropped: they are invalid in HTML and useless in a report. */
static void esc(kith_buf *out, const char *s, size_t n)
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

static void escs(kith_buf *out, const char *s)
{
	if (s)
		esc(out, s, strlen(s));
}

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
	esc(out, s, i);
	if (i < n)
		kith_buf_puts(out, "\xE2\x80\xA6");
}

/* ---- Markdown notes ---- */

static int cmark_trusted(void)
{
	return cmark_version() >= KITH_CMARK_MIN;
}

static int prefix_ci(const char *s, const char *pre)
{
	for (; *pre; s++, pre++) {
		char c = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
		if (c != *pre)
			return 0;
	}
	return 1;
}

/* Puts the image's description (its children) before it, followed by
 * " (URL)", as plain text. */
static void image_to_text(cmark_node *img, const char *url)
{
	cmark_node *c;
	int has_alt = cmark_node_first_child(img) != NULL;
	while ((c = cmark_node_first_child(img)))
		cmark_node_insert_before(img, c);
	cmark_node *t = cmark_node_new(CMARK_NODE_TEXT);
	char *txt = kith_xmalloc(strlen(url) + 4);
	sprintf(txt, has_alt ? " (%s)" : "%s", url);
	cmark_node_set_literal(t, txt);
	free(txt);
	cmark_node_insert_before(img, t);
}

/* A web image becomes a link to it, labelled with its description. */
static void image_to_link(cmark_node *img, const char *url)
{
	cmark_node *a = cmark_node_new(CMARK_NODE_LINK), *c;
	cmark_node_set_url(a, url);
	if (!cmark_node_first_child(img)) {
		cmark_node *t = cmark_node_new(CMARK_NODE_TEXT);
		cmark_node_set_literal(t, url);
		cmark_node_append_child(a, t);
	}
	while ((c = cmark_node_first_child(img)))
		cmark_node_append_child(a, c);
	cmark_node_insert_before(img, a);
}

/* The page fetches nothing: an image in a note is kept only when it is
 * inline data; any other is replaced by a link (http, https) or by its
 * description and address as text. Images are collected first (a node
 * may only be changed after the iterator has left it) and replaced
 * innermost first, since a description may hold another image. */
static void defuse_images(cmark_node *doc)
{
	KITH_VEC(cmark_node *) imgs = {0};
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *nd = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(nd) == CMARK_NODE_IMAGE)
			*kith_vec_push(&imgs) = nd;
	}
	cmark_iter_free(it);
	for (uint32_t i = imgs.n; i-- > 0;) {
		cmark_node *img = imgs.v[i];
		const char *url = cmark_node_get_url(img);
		if (!url)
			url = "";
		if (prefix_ci(url, "data:image/"))
			continue;
		if (prefix_ci(url, "http://") || prefix_ci(url, "https://"))
			image_to_link(img, url);
		else
			image_to_text(img, url);
		cmark_node_free(img);
	}
	kith_vec_free(&imgs);
}

static void put_markdown(kith_buf *out, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (!n)
		return;
	if (n > KITH_NOTE_CAP || !cmark_trusted()) {
		kith_buf_printf(out,
		                "<p class=\"notice\">This note is %zu bytes, "
		                "over the %d KiB limit for formatted notes; "
		                "it is shown as plain text.</p>\n",
		                n, KITH_NOTE_CAP / 1024);
		kith_buf_puts(out, "<pre class=\"raw\">");
		esc(out, s, n);
		kith_buf_puts(out, "</pre>\n");
		return;
	}
	/* controls and bidi controls never reach the page (docs/html.md) */
	kith_buf clean = {0};
	kith_sanitize_drop(&clean, s, n, KITH_SAN_KEEP_TAB | KITH_SAN_KEEP_NL);
	cmark_node *doc = cmark_parse_document(clean.p ? clean.p : "", clean.n,
	                                       KITH_CMARK_OPTS);
	kith_buf_free(&clean);
	if (!doc)
		kith_die_oom();
	defuse_images(doc);
	char *h = cmark_render_html(doc, KITH_CMARK_OPTS);
	cmark_node_free(doc);
	if (!h)
		kith_die_oom();
	kith_buf_puts(out, h);
	free(h);
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
		esc(out, s, n);
		return;
	}
	kith_buf_puts(out, "<a href=\"");
	esc(out, s, n);
	kith_buf_puts(out, "\" rel=\"noopener noreferrer nofollow\">");
	esc(out, s, n);
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

static int cell_value(const kith_cell *c, double *v)
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
static void put_plain(kith_buf *out, const kith_cell *c)
{
	kith_buf t = {0};
	kith_cell_fmt(c, &t);
	esc(out, t.p ? t.p : "", t.n);
	kith_buf_free(&t);
}

static void put_cell_body(kith_buf *out, const kith_col *col,
                          const kith_cell *c)
{
	if (c->type == KITH_CELL_TEXT && c->s) {
		if (col->flags & KITH_COL_NOTES)
			put_markdown(out, c->s);
		else if (col_is_url(col))
			put_links(out, c->s);
		else
			escs(out, c->s);
		return;
	}
	if (c->type == KITH_CELL_DATE && c->day != KITH_NO_DAY) {
		char d[11];
		kith_date_fmt(c->day, d);
		kith_buf_printf(out, "<time datetime=\"%s\">%s</time>", d, d);
		return;
	}
	put_plain(out, c);
}

static void put_td(kith_buf *out, const kith_col *col, const kith_cell *c)
{
	int right = col_is_right(col);
	const char *st =
	    c->style != KITH_STYLE_NONE ? style_class(c->style) : NULL;
	kith_buf_puts(out, "<td");
	if (right || st)
		kith_buf_printf(out, " class=\"%s%s%s\"", right ? "num" : "",
		                right && st ? " " : "", st ? st : "");
	/* the column's name, shown beside the value when rows are cards */
	if (col->title && *col->title) {
		kith_buf_puts(out, " data-label=\"");
		escs(out, col->title);
		kith_buf_putc(out, '"');
	}
	kith_buf_putc(out, '>');
	put_cell_body(out, col, c);
	kith_buf_puts(out, "</td>");
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
	escs(out, what);
	if (s->title && *s->title) {
		kith_buf_puts(out, ": ");
		escs(out, s->title);
	}
	if (s->nrows > KITH_CHART_ROWS)
		kith_buf_printf(out, " (first %d of %u rows)", KITH_CHART_ROWS,
		                s->nrows);
	kith_buf_puts(out, "</title>\n");
}

/* The label of a row (col 0) as plain text, in a caller-owned buffer. */
static const char *row_label(const kith_section *s, uint32_t row, kith_buf *tmp)
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
	return c && cell_value(c, v);
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
static void put_row_label(kith_buf *out, const char *label, double x, double y)
{
	kith_buf_puts(out, "<g><title>");
	escs(out, label);
	kith_buf_puts(out, "</title>");
	put_text(out, x, y, NULL, NULL);
	put_trunc(out, label, x > 0 ? 15 : 16);
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
	row_label(s, row - 1, a);
	row_label(s, row, b);
	return a->n != b->n || memcmp(a->p, b->p, a->n) != 0;
}

static void progress_row(kith_buf *out, const kith_section *s, uint32_t i,
                         double y, const int col[3])
{
	double a = 0, t = 0, p = 0;
	int has_a = num_at(s, i, col[0], &a), has_t = num_at(s, i, col[1], &t);
	int has_p = num_at(s, i, col[2], &p);
	put_rect(out, HBAR_X, y + 3, HBAR_W, 16, "track");
	double f = t > 0 ? clamp01(a / t) : (a > 0 ? 1 : 0);
	if (has_a && f > 0) {
		kith_buf c = {0};
		kith_buf_printf(&c, "f-%s",
		                style_class(row_style(s, i, col[0])));
		put_rect(out, HBAR_X, y + 3, HBAR_W * f, 16, kith_buf_cstr(&c));
		kith_buf_free(&c);
	}
	if (has_a && t > 0 && a > t) /* over target: a mark past the end */
		put_rect(out, HBAR_X + HBAR_W - 4, y + 1, 4, 20, "over");
	if (has_p && t > 0) {
		double x = HBAR_X + HBAR_W * clamp01(p / t);
		put_line(out, x, y, x, y + 22, "pace");
	}
	put_text(out, HBAR_X + HBAR_W + 8, y + 15, NULL, NULL);
	if (has_a)
		put_plain(out, kith_section_cell(s, i, (uint32_t)col[0]));
	if (has_t) {
		kith_buf_puts(out, " / ");
		put_plain(out, kith_section_cell(s, i, (uint32_t)col[1]));
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
			put_trunc(out, row_label(s, i, &tmp), 60);
			kith_buf_puts(out, "</text>\n");
			y += 22;
		}
		if (grouped) {
			const kith_cell *c = kith_section_cell(s, i, 1);
			tmp.n = 0;
			if (c)
				kith_cell_fmt(c, &tmp);
			put_row_label(out, kith_buf_cstr(&tmp), 12, y + 15);
		} else {
			put_row_label(out, row_label(s, i, &tmp), 0, y + 15);
		}
		progress_row(out, s, i, y, col);
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

/* Bars: one vertical bar per row, all on one scale. */
static void chart_bars(kith_buf *out, const chart_ctx *cx)
{
	const kith_section *s = cx->s;
	int cc = kith_section_col(s, "count");
	if (cc < 0)
		return;
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
		const char *label = row_label(s, i, &tmp);
		kith_buf_puts(out, "<g><title>");
		escs(out, label);
		kith_buf_puts(out, ": ");
		put_plain(out, kith_section_cell(s, i, (uint32_t)cc));
		kith_buf_puts(out, "</title>");
		kith_buf t = {0};
		kith_buf_printf(&t, "f-%s", style_class(row_style(s, i, cc)));
		put_rect(out, cxm - bw / 2, y1 - bh, bw, bh, kith_buf_cstr(&t));
		kith_buf_free(&t);
		if (cx->nrows <= 24) {
			put_text(out, cxm, y1 - bh - 4, "middle", NULL);
			put_plain(out, kith_section_cell(s, i, (uint32_t)cc));
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
		put_row_label(out, row_label(s, i, &tmp), 0, y + 15);
		put_rect(out, HBAR_X, y + 3, xi, 16, "z-good");
		put_rect(out, HBAR_X + xi, y + 3, xm - xi, 16, "z-warn");
		put_rect(out, HBAR_X + xm, y + 3, HBAR_W - xm, 16, "z-bad");
		put_text(out, HBAR_X + HBAR_W + 8, y + 15, NULL, NULL);
		if (has_d) {
			put_plain(out, kith_section_cell(s, i, (uint32_t)cd));
			kith_buf_puts(out, "</text>");
			kith_buf t = {0};
			kith_style st = row_style(s, i, cd);
			if (st == KITH_STYLE_NONE)
				st = d > mx   ? KITH_STYLE_BAD
				     : d > id ? KITH_STYLE_WARN
				              : KITH_STYLE_GOOD;
			kith_buf_printf(&t, "f-%s", style_class(st));
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
	svg_open(out, CHART_W, 204 + 20 * ((ns + 2) / 3), "Trend", s);
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
		escs(out, s->cols[series[k]].title);
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
	escs(out, row_label(s, 0, &tmp));
	kith_buf_puts(out, "</text>");
	if (cx->nrows > 1) {
		put_text(out, x1, y1 + 18, "end", "dim");
		escs(out, row_label(s, cx->nrows - 1, &tmp));
		kith_buf_puts(out, "</text>");
	}
	for (int k = 0; k < ns; k++) {
		double lx = (k % 3) * 130, ly = 200 + (k / 3) * 20;
		kith_buf_printf(out, "<rect x=\"");
		put_coord(out, lx);
		kith_buf_puts(out, "\" y=\"");
		put_coord(out, ly);
		kith_buf_printf(out,
		                "\" width=\"12\" height=\"10\" "
		                "class=\"s%d\"/>",
		                k);
		put_text(out, lx + 16, ly + 10, NULL, "dim");
		put_trunc(out, s->cols[series[k]].title, 13);
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
			put_plain(out, kith_section_cell(s, i, (uint32_t)cv));
		kith_buf_puts(out, "</div><div class=\"l\">");
		escs(out, row_label(s, i, &tmp));
		kith_buf_puts(out, "</div>");
		if (ct >= 0) {
			const kith_cell *c =
			    kith_section_cell(s, i, (uint32_t)ct);
			kith_buf_printf(out, "<div class=\"d %s\">",
			                style_class(c->style));
			put_plain(out, c);
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

static void put_chart(kith_buf *out, const kith_section *s)
{
	if ((unsigned)s->chart >= KITH_ARRAY_LEN(CHARTS) || !CHARTS[s->chart] ||
	    !s->nrows || !s->ncols)
		return;
	chart_ctx cx = {s, s->nrows > KITH_CHART_ROWS ? KITH_CHART_ROWS
	                                              : s->nrows};
	CHARTS[s->chart](out, &cx);
}

static int has_chart(const kith_section *s)
{
	return (unsigned)s->chart < KITH_ARRAY_LEN(CHARTS) &&
	       CHARTS[s->chart] && s->ncols;
}

/* ---- sections ---- */

static void put_empty(kith_buf *out, const kith_section *s)
{
	kith_buf_puts(out, "<p class=\"empty\">");
	escs(out, s->empty && *s->empty ? s->empty : "Nothing to show.");
	kith_buf_puts(out, "</p>\n");
}

static void put_table(kith_buf *out, const kith_section *s)
{
	kith_buf_puts(out, "<div class=\"scroll\"><table>\n<thead><tr>");
	for (uint32_t c = 0; c < s->ncols; c++) {
		const kith_col *col = &s->cols[c];
		if (col->flags & KITH_COL_MACHINE)
			continue;
		kith_buf_puts(out, col_is_right(col) ? "<th class=\"num\">"
		                                     : "<th>");
		escs(out, col->title);
		kith_buf_puts(out, "</th>");
	}
	kith_buf_puts(out, "</tr></thead>\n<tbody>\n");
	for (uint32_t r = 0; r < s->nrows; r++) {
		kith_buf_puts(out, "<tr>");
		for (uint32_t c = 0; c < s->ncols; c++)
			if (!(s->cols[c].flags & KITH_COL_MACHINE))
				put_td(out, &s->cols[c],
				       kith_section_cell(s, r, c));
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

static void put_facts_section(kith_buf *out, const kith_section *s)
{
	kith_col urlcol;
	kith_buf_puts(out, "<dl class=\"facts\">\n");
	for (uint32_t r = 0; r < s->nrows; r++) {
		const kith_cell *l = kith_section_cell(s, r, 0);
		const kith_cell *v = kith_section_cell(s, r, 1);
		kith_buf_puts(out, "<dt>");
		if (l)
			put_plain(out, l);
		kith_buf_puts(out, "</dt><dd");
		if (v && v->style != KITH_STYLE_NONE)
			kith_buf_printf(out, " class=\"%s\"",
			                style_class(v->style));
		kith_buf_putc(out, '>');
		if (v)
			put_cell_body(out, fact_col(s, l, &urlcol), v);
		kith_buf_puts(out, "</dd>\n");
	}
	kith_buf_puts(out, "</dl>\n");
}

static void put_section(kith_buf *out, const kith_section *s)
{
	if (s->chart == KITH_CHART_MATRIX && s->nrows) {
		/* a heat map: each cell coloured by its status */
		kith_report *w = kith_matrix_wide(s, 0);
		kith_buf_puts(out, "<div class=\"heat\">\n");
		put_section(out, &w->sections.v[0]);
		kith_buf_puts(out, "</div>\n");
		kith_report_free(w);
		return;
	}
	int h = s->level >= 2 ? 3 : 2;
	kith_buf_puts(out, "<section id=\"s-");
	escs(out, s->id);
	kith_buf_printf(out, "\">\n<h%d>", h);
	escs(out, s->title);
	kith_buf_printf(out, "</h%d>\n", h);
	switch (s->kind) {
	case KITH_SECTION_TEXT:
		if (s->text && *s->text) {
			kith_buf_puts(out, "<div class=\"note\">");
			put_markdown(out, s->text);
			kith_buf_puts(out, "</div>\n");
		} else {
			put_empty(out, s);
		}
		kith_buf_puts(out, "</section>\n");
		return;
	case KITH_SECTION_FACTS:
		if (s->nrows && s->ncols >= 2)
			put_facts_section(out, s);
		else
			put_empty(out, s);
		break;
	case KITH_SECTION_TABLE:
	default:
		if (s->nrows && s->chart == KITH_CHART_TILES) {
			put_chart(out, s); /* the tiles say it all */
		} else if (s->nrows && has_chart(s)) {
			/* each number shown once: the chart, its table folded
			 */
			put_chart(out, s);
			kith_buf_puts(out,
			              "<details><summary>Table</summary>\n");
			put_table(out, s);
			kith_buf_puts(out, "</details>\n");
		} else if (s->nrows) {
			put_table(out, s);
		} else {
			put_empty(out, s);
		}
		break;
	}
	if (s->text && *s->text) {
		kith_buf_puts(out, "<div class=\"note\">");
		put_markdown(out, s->text);
		kith_buf_puts(out, "</div>\n");
	}
	kith_buf_puts(out, "</section>\n");
}

/* ---- page ---- */

/* Whether a tiles section shows a figure with this label. */
static int in_tiles(const kith_report *r, const char *label)
{
	kith_buf tmp = {0};
	int hit = 0;
	for (uint32_t i = 0; i < r->sections.n && !hit; i++) {
		const kith_section *s = &r->sections.v[i];
		if (s->chart != KITH_CHART_TILES)
			continue;
		for (uint32_t k = 0; k < s->nrows && !hit; k++)
			hit = !strcmp(row_label(s, k, &tmp), label);
	}
	kith_buf_free(&tmp);
	return hit;
}

static const char *page_title(const kith_report *r)
{
	if (r->title && *r->title)
		return r->title;
	if (r->command && *r->command)
		return r->command;
	return "kith";
}

static void put_head(kith_buf *out, const kith_report *r,
                     const kith_render_opts *o)
{
	kith_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	                   "<meta charset=\"utf-8\">\n"
	                   "<meta http-equiv=\"Content-Security-Policy\" "
	                   "content=\"");
	kith_buf_puts(out, CSP);
	kith_buf_puts(out,
	              "\">\n<meta name=\"viewport\" "
	              "content=\"width=device-width, initial-scale=1\">\n"
	              "<meta name=\"referrer\" content=\"no-referrer\">\n");
	if (o && o->version) {
		kith_buf_puts(out, "<meta name=\"generator\" content=\"kith ");
		escs(out, o->version);
		kith_buf_puts(out, "\">\n");
	}
	kith_buf_puts(out, "<title>");
	escs(out, page_title(r));
	kith_buf_puts(out, "</title>\n<style>\n");
	for (size_t i = 0; i < KITH_ARRAY_LEN(CSS); i++)
		kith_buf_puts(out, CSS[i]);
	kith_buf_puts(out, "</style>\n</head>\n");
}

static void put_footer(kith_buf *out, const kith_report *r,
                       const kith_render_opts *o)
{
	kith_buf_puts(out, "<footer>kith");
	if (o && o->version) {
		kith_buf_putc(out, ' ');
		escs(out, o->version);
	}
	if (r->as_of != KITH_NO_DAY) {
		char d[11];
		kith_date_fmt(r->as_of, d);
		kith_buf_printf(out,
		                " \xC2\xB7 as of <time datetime=\"%s\">%s"
		                "</time>",
		                d, d);
	}
	kith_buf_puts(out, "</footer>\n");
}

int kith_render_html(const kith_report *r, const kith_render_opts *o,
                     kith_buf *out)
{
	put_head(out, r, o);
	kith_buf_puts(out, "<body>\n<main>\n<h1>");
	escs(out, page_title(r));
	kith_buf_puts(out, "</h1>\n");
	if (r->facts.n) {
		kith_buf_puts(out, "<dl class=\"facts\">\n");
		for (uint32_t i = 0; i < r->facts.n; i++) {
			if (in_tiles(r, r->facts.v[i].label))
				continue; /* shown once, as a tile */
			kith_buf_puts(out, "<dt>");
			escs(out, r->facts.v[i].label);
			kith_buf_puts(out, "</dt><dd>");
			escs(out, r->facts.v[i].value);
			kith_buf_puts(out, "</dd>\n");
		}
		kith_buf_puts(out, "</dl>\n");
	}
	/* A report to send leaves out what has nothing to say. */
	int drop_empty = r->command && !strcmp(r->command, "report");
	for (uint32_t i = 0; i < r->sections.n; i++) {
		const kith_section *s = &r->sections.v[i];
		if (drop_empty && !s->nrows && s->kind != KITH_SECTION_TEXT)
			continue;
		put_section(out, s);
	}
	put_footer(out, r, o);
	kith_buf_puts(out, "</main>\n</body>\n</html>\n");
	return 0;
}
