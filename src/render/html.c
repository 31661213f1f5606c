/* The html renderer: one standalone page with inline CSS, an enforcing
 * Content-Security-Policy, notes through cmark in safe mode and charts as
 * inline SVG. It computes nothing; see docs/html.md for what it shows.
 * This file is the page; tables, notes and charts are in html_*.c. */
#include "render/html.h"

#include <string.h>

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
    "text-align:left;vertical-align:top;overflow-wrap:break-word}\n",
    "thead th{background:var(--head);font-weight:600;"
    "border-bottom:2px solid var(--line);white-space:nowrap}\n",
    "tbody tr:nth-child(even){background:var(--stripe)}\n",
    "th.num,td.num{text-align:right;font-variant-numeric:tabular-nums;"
    "white-space:nowrap}\n",
    "td time{white-space:nowrap}\n",
    "td p,td ul,td ol{margin:0}\n",
    "td :is(h1,h2,h3,h4,h5,h6){font-size:1em;margin:.4rem 0 .1rem;"
    "padding:0;border:0}\n",
    "td :is(h1,h2,h3,h4,h5,h6):first-child{margin-top:0}\n",
    "td p+p,td p+ul{margin-top:.4rem}\n",
    "td ul,td ol{padding-left:1.2rem}\n",
    "li:has(>input.task),li:has(>p>input.task){list-style:none;"
    "margin-left:-1.2rem}\n",
    "input.task{appearance:none;-webkit-appearance:none;position:relative;"
    "display:inline-block;width:.95em;height:.95em;margin:0 .35em 0 0;"
    "vertical-align:-.12em;border:1.5px solid var(--muted);"
    "border-radius:3px;background:var(--bg)}\n",
    "input.task:checked{background:var(--good);border-color:var(--good)}\n",
    "input.task:checked::after{content:\"\";position:absolute;left:.24em;"
    "top:.05em;width:.22em;height:.45em;border:solid var(--bg);"
    "border-width:0 .12em .12em 0;transform:rotate(45deg)}\n",
    ".task-date{color:var(--muted);font-size:.9em;white-space:nowrap}\n",
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
    "td{border:0;padding:.15rem .5rem;text-align:left;"
    "overflow-wrap:anywhere}"
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
	kith_html_escs(out, s->id);
	kith_buf_printf(out, "\">\n<h%d>", h);
	kith_html_escs(out, s->title);
	kith_buf_printf(out, "</h%d>\n", h);
	switch (s->kind) {
	case KITH_SECTION_TEXT:
		if (s->text && *s->text) {
			kith_buf_puts(out, "<div class=\"note\">");
			kith_html_markdown(out, s->text);
			kith_buf_puts(out, "</div>\n");
		} else {
			kith_html_empty(out, s);
		}
		kith_buf_puts(out, "</section>\n");
		return;
	case KITH_SECTION_FACTS:
		if (s->nrows && s->ncols >= 2)
			kith_html_facts(out, s);
		else
			kith_html_empty(out, s);
		break;
	case KITH_SECTION_TABLE:
	default:
		if (s->nrows && s->chart == KITH_CHART_TILES) {
			kith_html_chart(out, s); /* the tiles say it all */
		} else if (s->nrows && kith_html_has_chart(s)) {
			/* each number shown once: the chart, its table folded
			 */
			kith_html_chart(out, s);
			kith_buf_puts(out,
			              "<details><summary>Table</summary>\n");
			kith_html_table(out, s);
			kith_buf_puts(out, "</details>\n");
		} else if (s->nrows) {
			kith_html_table(out, s);
		} else {
			kith_html_empty(out, s);
		}
		break;
	}
	if (s->text && *s->text) {
		kith_buf_puts(out, "<div class=\"note\">");
		kith_html_markdown(out, s->text);
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
			hit = !strcmp(kith_html_row_label(s, k, &tmp), label);
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
		kith_html_escs(out, o->version);
		kith_buf_puts(out, "\">\n");
	}
	kith_buf_puts(out, "<title>");
	kith_html_escs(out, page_title(r));
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
		kith_html_escs(out, o->version);
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
	kith_html_escs(out, page_title(r));
	kith_buf_puts(out, "</h1>\n");
	if (r->facts.n) {
		kith_buf_puts(out, "<dl class=\"facts\">\n");
		for (uint32_t i = 0; i < r->facts.n; i++) {
			if (in_tiles(r, r->facts.v[i].label))
				continue; /* shown once, as a tile */
			kith_buf_puts(out, "<dt>");
			kith_html_escs(out, r->facts.v[i].label);
			kith_buf_puts(out, "</dt><dd>");
			kith_html_escs(out, r->facts.v[i].value);
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
