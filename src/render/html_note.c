/* The html renderer's notes: Markdown through cmark in safe mode, bounded,
 * with images defused so the page fetches nothing. */
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

void kith_html_markdown(kith_buf *out, const char *s)
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
	char *h = cmark_render_html(doc, KITH_CMARK_OPTS);
	cmark_node_free(doc);
	if (!h)
		kith_die_oom();
	kith_buf_puts(out, h);
	free(h);
}
