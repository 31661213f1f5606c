/* The csv renderer: RFC 4180 (CRLF, quoted fields). One table section is
 * plain CSV; several are one table with a leading "section" column over
 * the union of their columns (see docs/csv.md). */
#include "render/render.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/sanitize.h"

static void quoted(kith_buf *out, const char *p, size_t n)
{
	if (n == 0)
		return;
	if (!memchr(p, ',', n) && !memchr(p, '"', n) && !memchr(p, '\r', n) &&
	    !memchr(p, '\n', n)) {
		kith_buf_put(out, p, n);
		return;
	}
	kith_buf_putc(out, '"');
	for (size_t i = 0; i < n; i++) {
		if (kith_crlf_cr(p, n, i))
			continue;
		if (p[i] == '"')
			kith_buf_putc(out, '"');
		kith_buf_putc(out, p[i]);
	}
	kith_buf_putc(out, '"');
}

/* Controls other than tab and line breaks, and bidi controls, are left
 * out (util/sanitize; docs/csv.md). */
#define CSV_KEEP (KITH_SAN_KEEP_TAB | KITH_SAN_KEEP_NL | KITH_SAN_KEEP_CR)
static void field(kith_buf *out, const char *p, size_t n)
{
	kith_buf t = {0};

	if (!p || n == 0)
		return;
	if (!kith_needs_sanitize(p, n, CSV_KEEP)) {
		quoted(out, p, n);
		return;
	}
	kith_sanitize_drop(&t, p, n, CSV_KEEP);
	quoted(out, t.p, t.n);
	kith_buf_free(&t);
}

/* Machine values: numbers plain (PCT without '%', DAYS without 'd'), dates
 * ISO, booleans true/false, empty cells as empty fields. */
static void cell(kith_buf *out, kith_buf *tmp, const kith_cell *c)
{
	tmp->n = 0;
	switch (c->type) {
	case KITH_CELL_DAYS:
		kith_buf_printf(tmp, "%lld", c->i);
		break;
	case KITH_CELL_NUM:
	case KITH_CELL_PCT:
		if (isfinite(c->d))
			(c->type == KITH_CELL_PCT ? kith_pct_fmt
			                          : kith_num_fmt)(c->d, tmp);
		break;
	case KITH_CELL_BOOL:
		kith_buf_puts(tmp, c->i ? "true" : "false");
		break;
	default:
		kith_cell_fmt(c, tmp);
		break;
	}
	field(out, tmp->p, tmp->n);
}

static int tabular(const kith_section *s)
{
	return s->kind != KITH_SECTION_TEXT && s->ncols > 0;
}

/* The union of column ids over tabular sections, in order of first use. */
static uint32_t union_cols(const kith_report *r, const char ***ids)
{
	uint32_t n = 0, cap = 0;
	const char **v = NULL;
	for (uint32_t i = 0; i < r->sections.n; i++) {
		const kith_section *s = &r->sections.v[i];
		if (!tabular(s))
			continue;
		for (uint32_t c = 0; c < s->ncols; c++) {
			uint32_t k = 0;
			while (k < n && strcmp(v[k], s->cols[c].id) != 0)
				k++;
			if (k < n)
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 16;
				v = kith_xrealloc(v, cap * sizeof(*v));
			}
			v[n++] = s->cols[c].id;
		}
	}
	*ids = v;
	return n;
}

static void single(const kith_section *s, kith_buf *out,
                   const kith_render_opts *o)
{
	kith_buf tmp = {0};
	for (uint32_t c = 0; c < s->ncols; c++) {
		if (c)
			kith_buf_putc(out, ',');
		field(out, s->cols[c].id, strlen(s->cols[c].id));
	}
	kith_buf_puts(out, "\r\n");
	for (uint32_t r = 0; r < s->nrows; r++) {
		for (uint32_t c = 0; c < s->ncols; c++) {
			if (c)
				kith_buf_putc(out, ',');
			cell(out, &tmp, kith_section_cell(s, r, c));
		}
		kith_buf_puts(out, "\r\n");
		kith_render_flush(out, o);
	}
	kith_buf_free(&tmp);
}

static void multi(const kith_report *r, kith_buf *out,
                  const kith_render_opts *o)
{
	const char **ids;
	uint32_t n = union_cols(r, &ids);
	kith_buf tmp = {0};
	kith_buf_puts(out, "section");
	for (uint32_t k = 0; k < n; k++) {
		kith_buf_putc(out, ',');
		field(out, ids[k], strlen(ids[k]));
	}
	kith_buf_puts(out, "\r\n");
	for (uint32_t i = 0; i < r->sections.n; i++) {
		const kith_section *s = &r->sections.v[i];
		if (!tabular(s))
			continue;
		for (uint32_t row = 0; row < s->nrows; row++) {
			field(out, s->id, strlen(s->id));
			for (uint32_t k = 0; k < n; k++) {
				int c = kith_section_col(s, ids[k]);
				kith_buf_putc(out, ',');
				if (c >= 0)
					cell(out, &tmp,
					     kith_section_cell(s, row,
					                       (uint32_t)c));
			}
			kith_buf_puts(out, "\r\n");
			kith_render_flush(out, o);
		}
	}
	kith_buf_free(&tmp);
	free(ids);
}

int kith_render_csv(const kith_report *r, const kith_render_opts *o,
                    kith_buf *out)
{
	const kith_section *only = NULL;
	uint32_t count = 0;
	for (uint32_t i = 0; i < r->sections.n; i++)
		if (tabular(&r->sections.v[i])) {
			only = &r->sections.v[i];
			count++;
		}
	if (count == 1)
		single(only, out, o);
	else if (count > 1)
		multi(r, out, o);
	return 0;
}
