/* The html renderer's notes: Markdown through cmark in safe mode, bounded,
 * with images defused so the page fetches nothing, and task lines shown as
 * checkboxes with their resolved dates. */
#include "render/html.h"

#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/sanitize.h"

/* Notes longer than this are shown as escaped plain text instead of being
 * given to cmark. Debian's cmark 0.30.2 has inputs that take quadratic
 * time (CVE-2023-22486, CVE-2023-24824, fixed in 0.30.3); a cap keeps a
 * hostile or pasted-in note from stalling a report. Real notes are a few
 * paragraphs; 16 KiB is pages of text. */
#define KITH_NOTE_CAP (16 * 1024)

/* cmark became safe by default in 0.29.0 (raw HTML and dangerous URLs
 * dropped unless CMARK_OPT_UNSAFE, which kith never passes). Older
 * libraries are only safe with CMARK_OPT_SAFE, so it is passed as well;
 * it is a no-op from 0.29 on. Libraries older than 0.28 are not trusted
 * at all: their notes are shown as plain text. */
#define KITH_CMARK_MIN 0x001c00 /* 0.28.0 */
#define KITH_CMARK_OPTS                                                        \
	(CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_SMART)

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

/* ---- task lines ---- */

static int blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Drops the "[ ]", "[x]" or "[X]" and the blanks after it from the start
 * of the item's first text; 0 when it is not there (cmark read the line
 * otherwise than the journal did: the item is left as it is). */
static int drop_box(cmark_node *para)
{
	cmark_node *t = cmark_node_first_child(para);
	const char *s = t && cmark_node_get_type(t) == CMARK_NODE_TEXT
	                    ? cmark_node_get_literal(t)
	                    : NULL;
	if (!s || s[0] != '[' || !(s[1] == ' ' || s[1] == 'x' || s[1] == 'X') ||
	    s[2] != ']' || (s[3] && !blank(s[3])))
		return 0;
	s += 3;
	while (blank(*s))
		s++;
	char *rest = kith_xstrdup(s);
	cmark_node_set_literal(t, rest);
	free(rest);
	return 1;
}

/* Removes the token `cut` (a whole word) and the blanks that go with it
 * from the first text node of the item's first line that holds it. */
static void drop_token(cmark_node *para, const char *cut)
{
	for (cmark_node *t = cmark_node_first_child(para); t;
	     t = cmark_node_next(t)) {
		cmark_node_type ty = cmark_node_get_type(t);
		if (ty == CMARK_NODE_SOFTBREAK || ty == CMARK_NODE_LINEBREAK)
			return;
		const char *s =
		    ty == CMARK_NODE_TEXT ? cmark_node_get_literal(t) : NULL;
		size_t a, b, n = s ? strlen(s) : 0;
		if (!s || !kith_note_cut(s, n, cut, &a, &b))
			continue;
		kith_buf nb = {0};
		kith_buf_put(&nb, s, a);
		if (a > 0 && b < n)
			kith_buf_putc(&nb, ' ');
		kith_buf_put(&nb, s + b, n - b);
		cmark_node_set_literal(t, kith_buf_cstr(&nb));
		kith_buf_free(&nb);
		return;
	}
}

/* The last inline of the item's first line (before a line break). */
static cmark_node *first_line_end(cmark_node *para)
{
	cmark_node *t = cmark_node_first_child(para), *last = NULL;
	for (; t; t = cmark_node_next(t)) {
		cmark_node_type ty = cmark_node_get_type(t);
		if (ty == CMARK_NODE_SOFTBREAK || ty == CMARK_NODE_LINEBREAK)
			break;
		last = t;
	}
	return last;
}

static cmark_node *custom(const char *html)
{
	cmark_node *c = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
	if (!c || !cmark_node_set_on_enter(c, html))
		kith_die_oom();
	return c;
}

static void task_date(kith_buf *b, const kith_note_task *t)
{
	char iso[11];
	kith_date_fmt(t->day, iso);
	kith_buf_puts(b, " <time class=\"task-date");
	if (t->style != KITH_STYLE_NONE)
		kith_buf_printf(b, " %s", kith_html_style_class(t->style));
	kith_buf_printf(b, "\" datetime=\"%s\">", iso);
	kith_note_task_date(b, t);
	kith_buf_puts(b, "</time>");
}

/* The item's box becomes a disabled checkbox and its due:/done: tokens
 * one readable date; the rest of the item stays cmark's (escaped). The
 * nodes kith adds are custom inlines, which cmark prints as given in
 * safe mode too, unlike raw HTML. */
static void task_item(cmark_node *item, const kith_note_task *t)
{
	cmark_node *para = cmark_node_first_child(item);
	if (!para || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH ||
	    !drop_box(para))
		return;
	for (int k = 0; k < 2; k++)
		if (t->cut[k] && *t->cut[k])
			drop_token(para, t->cut[k]);
	cmark_node *end = first_line_end(para);
	if (end && cmark_node_get_type(end) == CMARK_NODE_TEXT) {
		const char *s = cmark_node_get_literal(end);
		size_t n = strlen(s);
		while (n && blank(s[n - 1]))
			n--;
		char *trim = kith_xstrdup(s);
		trim[n] = 0;
		cmark_node_set_literal(end, trim);
		free(trim);
	}
	if (t->day != KITH_NO_DAY) {
		kith_buf b = {0};
		task_date(&b, t);
		cmark_node *c = custom(kith_buf_cstr(&b));
		kith_buf_free(&b);
		if (end)
			cmark_node_insert_after(end, c);
		else
			cmark_node_append_child(para, c);
	}
	cmark_node_prepend_child(
	    para, custom(t->done ? "<input type=\"checkbox\" class=\"task\" "
	                           "checked disabled> "
	                         : "<input type=\"checkbox\" class=\"task\" "
	                           "disabled> "));
}

/* Each task line of the note (compute found them in the journal) is
 * matched to the list item cmark starts on that line. */
static void mark_tasks(cmark_node *doc, const kith_note_task *tasks, uint32_t n)
{
	KITH_VEC(cmark_node *) items = {0};
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *nd = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(nd) == CMARK_NODE_ITEM)
			*kith_vec_push(&items) = nd;
	}
	cmark_iter_free(it);
	for (uint32_t i = 0; i < n; i++)
		for (uint32_t k = 0; k < items.n; k++)
			if (cmark_node_get_start_line(items.v[k]) ==
			    (int)tasks[i].line) {
				task_item(items.v[k], &tasks[i]);
				break;
			}
	kith_vec_free(&items);
}

void kith_html_markdown(kith_buf *out, const char *s)
{
	kith_html_markdown_tasks(out, s, NULL, 0);
}

void kith_html_markdown_tasks(kith_buf *out, const char *s,
                              const kith_note_task *tasks, uint32_t ntasks)
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
		kith_html_esc(out, s, n);
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
	if (ntasks) {
		cmark_consolidate_text_nodes(doc);
		mark_tasks(doc, tasks, ntasks);
	}
	char *h = cmark_render_html(doc, KITH_CMARK_OPTS);
	cmark_node_free(doc);
	if (!h)
		kith_die_oom();
	kith_buf_puts(out, h);
	free(h);
}
