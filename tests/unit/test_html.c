/* Unit tests for the html renderer: hostile notes come out inert, every
 * string is escaped, links only for safe schemes, the CSP and page frame,
 * one SVG per chart kind, and byte-identical output. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compute/report.h"

static kith_day D(const char *s)
{
	kith_day d = KITH_NO_DAY;
	cr_assert_eq(kith_date_parse(s, strlen(s), &d), 0, "date %s", s);
	return d;
}

static char *render(const kith_report *r)
{
	kith_buf b = {0};
	kith_render_opts o = {.version = "0.1.0"};
	cr_assert_eq(kith_render_html(r, &o, &b), 0);
	char *s = kith_xstrndup(b.p, b.n);
	kith_buf_free(&b);
	return s;
}

/* With KITH_HTML_DUMP=DIR set, pages are also written to DIR/NAME.html
 * for tests/browser/check_html.py and tests/browser/chromium.sh. */
static void dump(const char *name, const char *html)
{
	const char *dir = getenv("KITH_HTML_DUMP");
	if (!dir || !*dir)
		return;
	char path[4096];
	snprintf(path, sizeof path, "%s/%s.html", dir, name);
	FILE *f = fopen(path, "wb");
	cr_assert(f, "cannot write %s", path);
	fputs(html, f);
	fclose(f);
}

static const char *find_ci(const char *hay, const char *needle, size_t lim)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= lim && hay[i]; i++) {
		size_t k = 0;
		while (k < n && hay[i + k] &&
		       (hay[i + k] | 0x20) == (needle[k] | 0x20))
			k++;
		if (k == n)
			return hay + i;
	}
	return NULL;
}

/* 1 if needle (ASCII case-insensitive) occurs inside any tag <...>, i.e.
 * as markup rather than as escaped text. */
static int in_tag(const char *html, const char *needle)
{
	const char *p = html;
	while ((p = strchr(p, '<'))) {
		const char *e = strchr(p, '>');
		if (!e)
			return find_ci(p, needle, strlen(p)) != NULL;
		if (find_ci(p, needle, (size_t)(e - p)))
			return 1;
		p = e + 1;
	}
	return 0;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

static const kith_col NOTE_COLS[] = {
    {"title", "Title", KITH_CELL_TEXT, 0},
    {"notes", "Notes", KITH_CELL_TEXT, KITH_COL_NOTES},
};

static const char *const HOSTILE[] = {
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "[y](JaVaScRiPt:alert(1)) and [z](vbscript:msgbox) "
    "[f](file:///etc/passwd) [d](data:text/html,<script>alert(1)</script>)",
    "<img src=x onerror=alert(1)>",
    "<div onclick=\"alert(1)\">\n<script>alert(1)</script>\n</div>\n",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "![i](javascript:alert(1)) <a href=\"javascript:alert(1)\">a</a>",
    "<svg onload=alert(1)>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "text <style>body{display:none}</style> more",
};

static char *big_note(size_t size)
{
	const char *unit =
	    "<script>alert(1)</script> <img src=x onerror=alert(1)> "
	    "[x](javascript:alert(1))\n";
	size_t u = strlen(unit);
	char *s = kith_xmalloc(size + 1);
	for (size_t i = 0; i < size; i++)
		s[i] = unit[i % u];
	s[size] = '\0';
	return s;
}

static void assert_inert(const char *html)
{
	cr_assert_null(find_ci(html, "<script", strlen(html)),
	               "a <script in:\n%s", html);
	cr_assert_null(find_ci(html, "<iframe", strlen(html)));
	/* Only the page's own <style>, in any letter case. */
	const char *st = find_ci(html, "<style", strlen(html));
	cr_assert(st && strncmp(st, "<style>\n:root", 13) == 0);
	cr_assert_null(find_ci(st + 1, "<style", strlen(st + 1)));
	cr_assert(!in_tag(html, "javascript:"), "javascript: in markup");
	cr_assert(!in_tag(html, "vbscript:"));
	cr_assert(!in_tag(html, "file:"));
	cr_assert(!in_tag(html, "data:text"));
	cr_assert(!in_tag(html, "onerror"), "onerror attribute");
	cr_assert(!in_tag(html, "onclick"));
	cr_assert(!in_tag(html, "onload"));
	cr_assert(!in_tag(html, "evil.example"));
}

Test(html, hostile_notes_are_inert)
{
	kith_report *r = kith_report_new("log", D("2026-11-22"));
	r->title = "Log";
	kith_section *s = kith_report_section(r, "log", "Log",
	                                      KITH_SECTION_TABLE, NOTE_COLS, 2);
	for (size_t i = 0; i < KITH_ARRAY_LEN(HOSTILE); i++) {
		kith_cell *c = kith_section_row(r, s);
		kith_cell_textf(r, &c[0], "row %zu", i);
		kith_cell_text(r, &c[1], HOSTILE[i]);
	}
	kith_section *t = kith_report_section(r, "summary", "Summary",
	                                      KITH_SECTION_TEXT, NULL, 0);
	t->text = "Summary <script>alert(2)</script> [c](javascript:alert(3))\n"
	          "\n<img src=x onerror=alert(4)>\n";
	char *html = render(r);
	dump("hostile", html);
	assert_inert(html);
	cr_assert(strstr(html, "<!-- raw HTML omitted -->"), "%s", html);
	/* The harmless text around hostile markup survives. */
	cr_assert(strstr(html, "text "));
	cr_assert(strstr(html, ">x</a>"));
	free(html);
	kith_report_free(r);
}

Test(html, markdown_notes_are_formatted)
{
	kith_report *r = kith_report_new("log", D("2026-11-22"));
	kith_section *s = kith_report_section(r, "log", "Log",
	                                      KITH_SECTION_TABLE, NOTE_COLS, 2);
	kith_cell *c = kith_section_row(r, s);
	kith_cell_text(r, &c[0], "coffee");
	kith_cell_text(r, &c[1],
	               "Talked about **the reorg**.\n\n- one\n- two\n"
	               "[site](https://example.com/a?b=1&c=2)");
	char *html = render(r);
	cr_assert(strstr(html, "<strong>the reorg</strong>"), "%s", html);
	cr_assert(strstr(html, "<li>one</li>"));
	cr_assert(strstr(html, "<a href=\"https://example.com/a?b=1&amp;c=2\">"
	                       "site</a>"),
	          "%s", html);
	free(html);
	kith_report_free(r);
}

/* Task lines: the box becomes a disabled checkbox and the tokens one
 * date, while what the user wrote stays escaped; a line cmark does not
 * start an item on (here: inside fenced code) is left as written. */
Test(html, note_task_lines_are_checkboxes_and_stay_inert)
{
	kith_report *r = kith_report_new("log", D("2026-10-20"));
	kith_section *s = kith_report_section(r, "log", "Log",
	                                      KITH_SECTION_TABLE, NOTE_COLS, 2);
	kith_row w = kith_row_add(r, s);
	kith_row_text(w, 0, "call");
	kith_row_text(w, 1,
	              "- [x] <script>alert(1)</script> done:2026-10-11\n"
	              "- [ ] Send [deck](javascript:alert(2)) (due:+4d)\n"
	              "```\n- [ ] in code due:+1d\n```\n");
	kith_note_task t1 = {.line = 1,
	                     .done = 1,
	                     .day = D("2026-10-11"),
	                     .cut = {"done:2026-10-11", NULL}};
	kith_note_task t2 = {.line = 2,
	                     .day = D("2026-10-13"),
	                     .style = KITH_STYLE_BAD,
	                     .cut = {"(due:+4d)", NULL}};
	kith_note_task t3 = {
	    .line = 3, .day = D("2026-10-10"), .cut = {"due:+1d", NULL}};
	kith_row_note_task(w, 1, &t1);
	kith_row_note_task(w, 1, &t2);
	kith_row_note_task(w, 1, &t3);
	char *html = render(r);
	dump("tasks", html);
	assert_inert(html);
	cr_assert(strstr(html, "<li><input type=\"checkbox\" class=\"task\" "
	                       "checked disabled> <!-- raw HTML omitted -->"
	                       "alert(1)<!-- raw HTML omitted --> <time "
	                       "class=\"task-date\" datetime=\"2026-10-11\">"
	                       "done 11 Oct 2026</time></li>"),
	          "%s", html);
	cr_assert(strstr(html,
	                 "<li><input type=\"checkbox\" class=\"task\" "
	                 "disabled> Send <a href=\"\">deck</a> <time "
	                 "class=\"task-date bad\" datetime=\"2026-10-13\">"
	                 "due 13 Oct 2026</time></li>"),
	          "%s", html);
	cr_assert(strstr(html, "- [ ] in code due:+1d"), "%s", html);
	cr_assert_null(strstr(html, "due:+4d"), "%s", html);
	cr_assert_null(strstr(html, "done:2026"), "%s", html);
	free(html);
	kith_report_free(r);
}

Test(html, note_images_fetch_nothing)
{
	kith_report *r = kith_report_new("log", D("2026-11-22"));
	kith_section *s = kith_report_section(r, "log", "Log",
	                                      KITH_SECTION_TABLE, NOTE_COLS, 2);
	kith_cell *c = kith_section_row(r, s);
	kith_cell_text(r, &c[0], "coffee");
	kith_cell_text(r, &c[1],
	               "A ![chart](http://evil.example/x.png) B "
	               "![](HTTPS://evil.example/y.png) C "
	               "![local *pic*](img/p.png) D "
	               "![![inner](http://evil.example/in.png)](z.png) E "
	               "![dot](data:image/png;base64,iVBORw0KGgo=)");
	char *html = render(r);
	dump("note-images", html);
	cr_assert_eq(count(html, "<img"), 1, "%s", html);
	cr_assert(strstr(html,
	                 "<img src=\"data:image/png;base64,iVBORw0KGgo=\" "
	                 "alt=\"dot\""),
	          "%s", html);
	cr_assert(strstr(html,
	                 "A <a href=\"http://evil.example/x.png\">chart</a> "
	                 "B <a href=\"HTTPS://evil.example/y.png\">"
	                 "HTTPS://evil.example/y.png</a> C local "
	                 "<em>pic</em> (img/p.png) D "
	                 "<a href=\"http://evil.example/in.png\">inner</a>"
	                 " (z.png) E"),
	          "%s", html);
	free(html);
	kith_report_free(r);
}

Test(html, over_cap_note_is_escaped_with_notice)
{
	kith_report *r = kith_report_new("log", D("2026-11-22"));
	kith_section *s = kith_report_section(r, "log", "Log",
	                                      KITH_SECTION_TABLE, NOTE_COLS, 2);
	char *note = big_note(1024 * 1024);
	kith_cell *c = kith_section_row(r, s);
	kith_cell_text(r, &c[0], "huge");
	kith_cell_text(r, &c[1], note);
	char *html = render(r);
	dump("overcap", html);
	assert_inert(html);
	cr_assert(strstr(html,
	                 "<p class=\"notice\">This note is 1048576 bytes, "
	                 "over the 16 KiB limit"),
	          "notice missing");
	cr_assert(strstr(html, "<pre class=\"raw\">&lt;script&gt;alert(1)"
	                       "&lt;/script&gt; &lt;img src=x onerror=alert(1)"
	                       "&gt;"));
	cr_assert_gt(strlen(html), 1024 * 1024);
	free(html);
	free(note);
	kith_report_free(r);
}

Test(html, note_at_cap_is_formatted)
{
	kith_report *r = kith_report_new("log", D("2026-11-22"));
	kith_section *s = kith_report_section(r, "log", "Log",
	                                      KITH_SECTION_TABLE, NOTE_COLS, 2);
	char *note = kith_xmalloc(16 * 1024 + 1);
	memset(note, 'a', 16 * 1024);
	note[16 * 1024] = '\0';
	note[0] = '*';
	note[2] = '*';
	kith_cell *c = kith_section_row(r, s);
	kith_cell_text(r, &c[0], "big but fine");
	kith_cell_text(r, &c[1], note);
	char *html = render(r);
	cr_assert(strstr(html, "<em>a</em>"));
	cr_assert_null(strstr(html, "class=\"notice\""));
	free(html);
	free(note);
	kith_report_free(r);
}

Test(html, page_frame_and_csp)
{
	kith_report *r = kith_report_new("due", D("2026-11-22"));
	r->title = "Due";
	char *html = render(r);
	const char *head = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	                   "<meta charset=\"utf-8\">\n"
	                   "<meta http-equiv=\"Content-Security-Policy\" "
	                   "content=\"default-src 'none'; style-src "
	                   "'unsafe-inline'; img-src data:\">\n"
	                   "<meta name=\"viewport\" ";
	cr_assert_eq(strncmp(html, head, strlen(head)), 0, "%s", html);
	cr_assert(strstr(html, "<title>Due</title>"));
	cr_assert(strstr(html, "<h1>Due</h1>"));
	cr_assert(strstr(html, "@media print"));
	cr_assert_eq(count(html, "<style>"), 1);
	cr_assert_null(strstr(html, "<script"));
	cr_assert_null(strstr(html, "<link"));
	cr_assert_null(strstr(html, "http://"));
	cr_assert_null(strstr(html, "https://"));
	cr_assert_null(strstr(html, "@import"));
	cr_assert_null(strstr(html, "url("));
	cr_assert(strstr(html, "2026-11-22"));
	size_t n = strlen(html);
	cr_assert_str_eq(html + n - 16, "</body>\n</html>\n");
	free(html);
	kith_report_free(r);
}

Test(html, escaping_of_title_facts_and_cells)
{
	static const kith_col cols[] = {
	    {"name", "Name <&>", KITH_CELL_TEXT, 0},
	    {"count", "Count", KITH_CELL_INT, KITH_COL_RIGHT},
	    {"uid", "UID", KITH_CELL_TEXT, KITH_COL_MACHINE},
	};
	kith_report *r = kith_report_new("contacts", D("2026-11-22"));
	r->title = "<b>\"Tom\" & 'Jerry'</b>";
	kith_report_fact(r, "owner <x>", "Sam & \"Co\"");
	kith_section *s = kith_report_section(r, "a\"b", "Sec <i>",
	                                      KITH_SECTION_TABLE, cols, 3);
	kith_cell *c = kith_section_row(r, s);
	kith_cell_text(r, &c[0], "<img src=x onerror=alert(1)> O'Brien");
	kith_cell_int(&c[1], 42);
	c[1].style = KITH_STYLE_BAD;
	kith_cell_text(r, &c[2], "secret-uid-123");
	char *html = render(r);
	const char *t =
	    "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;";
	char want[256];
	snprintf(want, sizeof want, "<title>%s</title>", t);
	cr_assert(strstr(html, want), "%s", html);
	snprintf(want, sizeof want, "<h1>%s</h1>", t);
	cr_assert(strstr(html, want));
	cr_assert(strstr(html, "<dt>owner &lt;x&gt;</dt><dd>Sam &amp; "
	                       "&quot;Co&quot;</dd>"));
	cr_assert(strstr(html, "<section id=\"s-a&quot;b\">"));
	cr_assert(strstr(html, "<h2>Sec &lt;i&gt;</h2>"));
	cr_assert(strstr(html, "<th>Name &lt;&amp;&gt;</th>"));
	cr_assert(strstr(html, "<th class=\"num\">Count</th>"));
	/* each cell names its column, escaped, for the phone's cards */
	cr_assert(strstr(html, "<td data-label=\"Name &lt;&amp;&gt;\">&lt;img "
	                       "src=x onerror=alert(1)&gt; O&#39;Brien</td>"),
	          "%s", html);
	cr_assert(
	    strstr(html, "<td class=\"num bad\" data-label=\"Count\">42</td>"));
	/* MACHINE columns are not shown. */
	cr_assert_null(strstr(html, "secret-uid-123"));
	cr_assert_null(strstr(html, "<th>UID</th>"));
	assert_inert(html);
	free(html);
	kith_report_free(r);
}

Test(html, url_columns_link_only_safe_schemes)
{
	static const kith_col cols[] = {
	    {"name", "Name", KITH_CELL_TEXT, 0},
	    {"url", "URL", KITH_CELL_TEXT, 0},
	    {"links", "Links", KITH_CELL_TEXT, 0},
	};
	kith_report *r = kith_report_new("show", D("2026-11-22"));
	kith_section *s =
	    kith_report_section(r, "ev", "Events", KITH_SECTION_TABLE, cols, 3);
	kith_cell *c = kith_section_row(r, s);
	kith_cell_text(r, &c[0], "a");
	kith_cell_text(r, &c[1], "https://example.com/k?a=1&b=\"2\"");
	kith_cell_text(r, &c[2],
	               "mailto:a@example.com, tel:+15550100 "
	               "javascript:alert(1) data:text/html,x "
	               "HTTP://EXAMPLE.ORG/");
	c = kith_section_row(r, s);
	kith_cell_text(r, &c[0], "b");
	kith_cell_text(r, &c[1], "javascript:alert(document.cookie)");
	kith_cell_text(r, &c[2], "ftp://example.com/x");
	char *html = render(r);
	dump("links", html);
	cr_assert(strstr(html,
	                 "<a href=\"https://example.com/k?a=1&amp;b=&quot;2"
	                 "&quot;\""),
	          "%s", html);
	cr_assert(strstr(html, "<a href=\"mailto:a@example.com\""));
	cr_assert(strstr(html, "<a href=\"tel:+15550100\""));
	cr_assert(strstr(html, "<a href=\"HTTP://EXAMPLE.ORG/\""));
	cr_assert(strstr(html, "<br>javascript:alert(1)<br>data:text/html,x"));
	cr_assert(strstr(html, "<td data-label=\"URL\">javascript:alert("
	                       "document.cookie)</td>"));
	cr_assert(strstr(html, "<td data-label=\"Links\">ftp://example.com/x"
	                       "</td>"));
	cr_assert_eq(count(html, "<a href="), 4);
	assert_inert(html);
	free(html);
	kith_report_free(r);
}

Test(html, empty_sections_and_facts)
{
	static const kith_col cols[] = {
	    {"what", "What", KITH_CELL_TEXT, 0},
	    {"value", "Value", KITH_CELL_TEXT, 0},
	};
	kith_report *r = kith_report_new("due", D("2026-11-22"));
	kith_section *s = kith_report_section(r, "overdue", "Overdue",
	                                      KITH_SECTION_TABLE, cols, 2);
	s->empty = "Nothing is overdue <yay>.";
	kith_section *f = kith_report_section(r, "totals", "Totals",
	                                      KITH_SECTION_FACTS, cols, 2);
	f->level = 2;
	kith_cell *c = kith_section_row(r, f);
	kith_cell_text(r, &c[0], "contacts");
	kith_cell_text(r, &c[1], "12");
	c[1].style = KITH_STYLE_GOOD;
	c = kith_section_row(r, f);
	kith_cell_text(r, &c[0], "links");
	kith_cell_text(r, &c[1], "https://a.example/, javascript:alert(1)");
	char *html = render(r);
	cr_assert(strstr(html, "<p class=\"empty\">Nothing is overdue "
	                       "&lt;yay&gt;.</p>"));
	cr_assert_null(strstr(html, "<table>"));
	cr_assert(strstr(html, "<h3>Totals</h3>"));
	cr_assert(strstr(html, "<dt>contacts</dt><dd class=\"good\">12</dd>"),
	          "%s", html);
	free(html);
	kith_report_free(r);
}

static kith_report *chart_report(void)
{
	static const kith_col prog[] = {
	    {"metric", "Metric", KITH_CELL_TEXT, 0},
	    {"actual", "Actual", KITH_CELL_INT, 0},
	    {"target", "Target", KITH_CELL_INT, 0},
	    {"pace", "Pace", KITH_CELL_NUM, 0},
	};
	static const kith_col bars[] = {
	    {"kind", "Kind", KITH_CELL_TEXT, 0},
	    {"count", "Count", KITH_CELL_INT, 0},
	};
	static const kith_col cad[] = {
	    {"contact", "Contact", KITH_CELL_TEXT, 0},
	    {"days_since", "Since", KITH_CELL_DAYS, 0},
	    {"ideal_days", "Ideal", KITH_CELL_DAYS, 0},
	    {"max_days", "Max", KITH_CELL_DAYS, 0},
	};
	static const kith_col trend[] = {
	    {"date", "Date", KITH_CELL_DATE, 0},
	    {"pitch", "Pitch", KITH_CELL_INT, 0},
	    {"listening", "Listening", KITH_CELL_INT, 0},
	};
	kith_report *r = kith_report_new("report", D("2026-11-22"));
	r->title = "Report for 2026-11";
	kith_section *s = kith_report_section(r, "goals", "Goals <&>",
	                                      KITH_SECTION_TABLE, prog, 4);
	s->chart = KITH_CHART_PROGRESS;
	for (int i = 0; i < 3; i++) {
		kith_cell *c = kith_section_row(r, s);
		kith_cell_textf(r, &c[0], "metric %d <m>", i);
		kith_cell_int(&c[1], i * 3);
		c[1].style = i == 2 ? KITH_STYLE_GOOD : KITH_STYLE_BAD;
		kith_cell_int(&c[2], 4);
		kith_cell_num(&c[3], 2.5);
	}
	s = kith_report_section(r, "kinds", "By kind", KITH_SECTION_TABLE, bars,
	                        2);
	s->chart = KITH_CHART_BARS;
	for (int i = 0; i < 4; i++) {
		kith_cell *c = kith_section_row(r, s);
		kith_cell_textf(r, &c[0], "kind%d", i);
		kith_cell_int(&c[1], i + 1);
	}
	s = kith_report_section(r, "cadence", "Staying in touch",
	                        KITH_SECTION_TABLE, cad, 4);
	s->chart = KITH_CHART_CADENCE;
	for (int i = 0; i < 3; i++) {
		kith_cell *c = kith_section_row(r, s);
		kith_cell_textf(r, &c[0], "contact %d", i);
		if (i < 2)
			kith_cell_days(&c[1], 20 + i * 30);
		kith_cell_days(&c[2], 28);
		kith_cell_days(&c[3], 42);
	}
	s = kith_report_section(r, "skills", "Skills", KITH_SECTION_TABLE,
	                        trend, 3);
	s->chart = KITH_CHART_TREND;
	for (int i = 0; i < 3; i++) {
		kith_cell *c = kith_section_row(r, s);
		kith_cell_date(&c[0], D("2026-01-05") + i * 60);
		kith_cell_int(&c[1], 2 + i);
		kith_cell_int(&c[2], 4);
	}
	return r;
}

Test(html, one_svg_per_chart_kind_above_its_table)
{
	kith_report *r = chart_report();
	char *html = render(r);
	dump("charts", html);
	cr_assert_eq(count(html, "<svg class=\"chart\""), 4, "%s", html);
	cr_assert_eq(count(html, "role=\"img\"><title>"), 4);
	cr_assert_eq(count(html, "</svg>"), 4);
	cr_assert(strstr(html, "<title>Progress: actual against target and "
	                       "pace: Goals &lt;&amp;&gt;</title>"));
	cr_assert(strstr(html, "class=\"pace\""));
	cr_assert(strstr(html, "class=\"f-good\""));
	cr_assert(strstr(html, "class=\"z-warn\""));
	cr_assert(strstr(html, "<polyline points=\""));
	cr_assert(strstr(html, "metric 0 &lt;m&gt;"));
	cr_assert(strstr(html, ">never</text>"));
	static const char *const ids[] = {"s-goals", "s-kinds", "s-cadence",
	                                  "s-skills"};
	for (size_t i = 0; i < KITH_ARRAY_LEN(ids); i++) {
		const char *sec = strstr(html, ids[i]);
		cr_assert(sec, "%s", ids[i]);
		const char *svg = strstr(sec, "<svg"),
		           *tab = strstr(sec, "<table>");
		cr_assert(svg && tab && svg < tab, "chart above table in %s",
		          ids[i]);
		const char *end = strstr(sec, "</section>");
		cr_assert(tab < end);
	}
	free(html);
	kith_report_free(r);
}

Test(html, charts_skip_missing_columns_and_empty_rows)
{
	static const kith_col cols[] = {{"x", "X", KITH_CELL_TEXT, 0}};
	kith_report *r = kith_report_new("report", D("2026-11-22"));
	kith_section *s =
	    kith_report_section(r, "a", "A", KITH_SECTION_TABLE, cols, 1);
	s->chart = KITH_CHART_PROGRESS;
	kith_cell *c = kith_section_row(r, s);
	kith_cell_text(r, &c[0], "only a label");
	s = kith_report_section(r, "b", "B", KITH_SECTION_TABLE, cols, 1);
	s->chart = KITH_CHART_BARS;
	char *html = render(r);
	cr_assert_null(strstr(html, "<svg"));
	cr_assert(strstr(html, "only a label"));
	free(html);
	kith_report_free(r);
}

Test(html, byte_identical_output)
{
	kith_report *r = chart_report();
	char *a = render(r), *b = render(r);
	cr_assert_str_eq(a, b);
	free(a);
	free(b);
	kith_report_free(r);
}

Test(html, progress_rows_grouped_by_goal)
{
	static const kith_col cols[] = {
	    {"goal", "Goal", KITH_CELL_TEXT, 0},
	    {"metric", "Metric", KITH_CELL_TEXT, 0},
	    {"actual", "Actual", KITH_CELL_INT, 0},
	    {"target", "Target", KITH_CELL_INT, 0},
	    {"pace", "Pace", KITH_CELL_NUM, 0},
	};
	static const char *const rows[][2] = {
	    {"grow", "new-people"}, {"grow", "events"}, {"speak", "talks"}};
	kith_report *r = kith_report_new("goals", D("2026-11-22"));
	kith_section *s = kith_report_section(r, "goals", "Goals",
	                                      KITH_SECTION_TABLE, cols, 5);
	s->chart = KITH_CHART_PROGRESS;
	for (size_t i = 0; i < KITH_ARRAY_LEN(rows); i++) {
		kith_cell *c = kith_section_row(r, s);
		kith_cell_text(r, &c[0], rows[i][0]);
		kith_cell_text(r, &c[1], rows[i][1]);
		kith_cell_int(&c[2], 1);
		kith_cell_int(&c[3], 2);
		kith_cell_num(&c[4], 1.5);
	}
	char *html = render(r);
	cr_assert_eq(count(html, "class=\"grp\">grow</text>"), 1, "%s", html);
	cr_assert_eq(count(html, "class=\"grp\">speak</text>"), 1);
	cr_assert(strstr(html, ">new-people</text>"));
	cr_assert(strstr(html, ">talks</text>"));
	cr_assert(strstr(html, ">1 / 2</text>"));
	free(html);
	kith_report_free(r);
}
