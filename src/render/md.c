/* The md renderer: GitHub-flavoured Markdown for issues, pull requests and
 * wikis: headings, fact lists and GFM tables with escaped cells. */
#include "render/render.h"

#include <string.h>

#include "util/sanitize.h"

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Inline text for a table cell, list item or heading: trimmed, '|' as
 * "\|", line breaks as "<br>" (a raw newline would end the table row),
 * raw HTML escaped (& < > as entities), controls shown visibly. */
static void put_inline(kith_buf *out, const char *p, size_t n)
{
	while (n && is_blank(p[0]))
		p++, n--;
	while (n && is_blank(p[n - 1]))
		n--;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		uint32_t cp;
		size_t k;
		if (c == '|')
			kith_buf_puts(out, "\\|");
		else if (c == '<')
			kith_buf_puts(out, "&lt;");
		else if (c == '>')
			kith_buf_puts(out, "&gt;");
		else if (c == '&')
			kith_buf_puts(out, "&amp;");
		else if (kith_crlf_cr(p, n, i))
			continue;
		else if (c == '\n' || c == '\r')
			kith_buf_puts(out, "<br>");
		else if (c == '\t')
			kith_buf_putc(out, ' ');
		else if ((k = kith_unsafe_at(p + i, n - i, &cp)) != 0) {
			kith_sanitize(out, p + i, k, 0);
			i += k - 1;
		} else {
			/* a whole character (ASCII or a valid sequence) */
			k = c < 0x80 ? 1 : kith_utf8_seq(p + i, n - i);
			kith_buf_put(out, p + i, k);
			i += k - 1;
		}
	}
}

static void put_cell(kith_buf *out, kith_buf *tmp, const kith_cell *c)
{
	tmp->n = 0;
	kith_cell_fmt(c, tmp);
	put_inline(out, tmp->p, tmp->n);
}

/* One task line of a note: its due:/done: tokens give way to the date
 * they resolve to, "(due 15 Oct 2026)", as html shows it. */
static void put_task_line(kith_buf *o, const char *p, size_t n,
                          const kith_note_task *t)
{
	kith_buf line = {0};
	kith_buf_put(&line, p, n);
	for (int k = 0; k < 2; k++) {
		size_t a, b;
		if (!t->cut[k] ||
		    !kith_note_cut(line.p, line.n, t->cut[k], &a, &b))
			continue;
		int join = a > 0 && b < line.n;
		memmove(line.p + a + join, line.p + b, line.n - b);
		if (join)
			line.p[a] = ' ';
		line.n = a + join + (line.n - b);
	}
	while (line.n && is_blank(line.p[line.n - 1]))
		line.n--;
	kith_buf_put(o, line.p, line.n);
	if (t->day != KITH_NO_DAY) {
		kith_buf_puts(o, " (");
		kith_note_task_date(o, t);
		kith_buf_putc(o, ')');
	}
	kith_buf_free(&line);
}

/* A note with task lines: each of those lines resolved, the rest as
 * written. */
static void put_note(kith_buf *out, kith_buf *tmp, const char *s,
                     const kith_note_task *tasks, uint32_t ntasks)
{
	size_t n = strlen(s);
	uint32_t line = 1, k = 0;
	tmp->n = 0;
	for (size_t i = 0; i <= n; line++) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - s) : n;
		while (k < ntasks && tasks[k].line < line)
			k++;
		if (k < ntasks && tasks[k].line == line)
			put_task_line(tmp, s + i, e - i, &tasks[k]);
		else
			kith_buf_put(tmp, s + i, e - i);
		if (!nl)
			break;
		kith_buf_putc(tmp, '\n');
		i = e + 1;
	}
	put_inline(out, tmp->p, tmp->n);
}

/* A Markdown block (notes, paragraphs): as written, minus trailing
 * whitespace on each line and blank lines at either end. */
static void put_block(kith_buf *out, const char *t)
{
	size_t n = strlen(t), i = 0;
	while (n && is_blank(t[n - 1]))
		n--;
	/* Skip leading blank lines but keep the first line's indentation. */
	for (size_t j = 0; j < n && is_blank(t[j]); j++)
		if (t[j] == '\n')
			i = j + 1;
	while (i < n) {
		const char *nl = memchr(t + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - t) : n, k = e;
		while (k > i && (t[k - 1] == ' ' || t[k - 1] == '\t' ||
		                 t[k - 1] == '\r'))
			k--;
		kith_sanitize(out, t + i, k - i, KITH_SAN_KEEP_TAB);
		kith_buf_putc(out, '\n');
		i = e + 1;
	}
}

static void put_fact(kith_buf *out, const char *label, const char *value)
{
	kith_buf_puts(out, "- **");
	put_inline(out, label, strlen(label));
	kith_buf_puts(out, ":** ");
	put_inline(out, value, strlen(value));
	/* An empty value would leave a trailing space. */
	while (out->n && out->p[out->n - 1] == ' ')
		out->n--;
	kith_buf_putc(out, '\n');
}

static void render_table(const kith_section *s, kith_buf *out)
{
	kith_buf tmp = {0};
	int any = 0;
	for (uint32_t c = 0; c < s->ncols; c++)
		any |= kith_col_shown(&s->cols[c]);
	if (!any)
		return;
	kith_buf_putc(out, '|');
	for (uint32_t c = 0; c < s->ncols; c++) {
		if (!kith_col_shown(&s->cols[c]))
			continue;
		kith_buf_putc(out, ' ');
		put_inline(out, s->cols[c].title, strlen(s->cols[c].title));
		kith_buf_puts(out, " |");
	}
	kith_buf_puts(out, "\n|");
	for (uint32_t c = 0; c < s->ncols; c++)
		if (kith_col_shown(&s->cols[c]))
			kith_buf_puts(out, s->cols[c].flags & KITH_COL_RIGHT
			                       ? " ---: |"
			                       : " --- |");
	kith_buf_putc(out, '\n');
	for (uint32_t r = 0; r < s->nrows; r++) {
		kith_buf_putc(out, '|');
		for (uint32_t c = 0; c < s->ncols; c++) {
			if (!kith_col_shown(&s->cols[c]))
				continue;
			const kith_cell *cell = kith_section_cell(s, r, c);
			uint32_t nt = 0;
			const kith_note_task *t =
			    s->cols[c].flags & KITH_COL_NOTES
			        ? kith_section_note_tasks(s, r, c, &nt)
			        : NULL;
			kith_buf_putc(out, ' ');
			if (nt && cell->type == KITH_CELL_TEXT && cell->s)
				put_note(out, &tmp, cell->s, t, nt);
			else
				put_cell(out, &tmp, cell);
			kith_buf_puts(out, " |");
		}
		kith_buf_putc(out, '\n');
	}
	kith_buf_free(&tmp);
}

static void render_facts(const kith_section *s, kith_buf *out)
{
	kith_buf lab = {0}, val = {0};
	if (!s->ncols) /* a malformed facts section: nothing to label */
		return;
	for (uint32_t r = 0; r < s->nrows; r++) {
		const kith_cell *c1 = kith_section_cell(s, r, 1);
		lab.n = val.n = 0;
		kith_cell_fmt(kith_section_cell(s, r, 0), &lab);
		if (c1)
			kith_cell_fmt(c1, &val);
		put_fact(out, kith_buf_cstr(&lab), kith_buf_cstr(&val));
	}
	kith_buf_free(&lab);
	kith_buf_free(&val);
}

static void render_section(const kith_section *s, kith_buf *out)
{
	if (s->chart == KITH_CHART_MATRIX && s->nrows) {
		kith_report *w = kith_matrix_wide(s, 0);
		render_section(&w->sections.v[0], out);
		kith_report_free(w);
		return;
	}
	int level = s->level > 1 ? s->level + 1 : 2;
	if (level > 6)
		level = 6;
	if (s->title && *s->title) {
		for (int i = 0; i < level; i++)
			kith_buf_putc(out, '#');
		kith_buf_putc(out, ' ');
		put_inline(out, s->title, strlen(s->title));
		kith_buf_puts(out, "\n\n");
	}
	if (s->kind == KITH_SECTION_TEXT) {
		if (s->text)
			put_block(out, s->text);
		return;
	}
	if (!s->nrows)
		put_block(out, s->empty ? s->empty : "(none)");
	else if (s->kind == KITH_SECTION_FACTS)
		render_facts(s, out);
	else
		render_table(s, out);
	if (s->text && *s->text) {
		kith_buf_putc(out, '\n');
		put_block(out, s->text);
	}
}

int kith_render_md(const kith_report *r, const kith_render_opts *o,
                   kith_buf *out)
{
	size_t start = out->n;
	(void)o;
	if (r->title && *r->title) {
		kith_buf_puts(out, "# ");
		put_inline(out, r->title, strlen(r->title));
		kith_buf_putc(out, '\n');
	}
	if (r->facts.n && out->n > start)
		kith_buf_putc(out, '\n');
	for (uint32_t i = 0; i < r->facts.n; i++)
		put_fact(out, r->facts.v[i].label, r->facts.v[i].value);
	for (uint32_t i = 0; i < r->sections.n; i++) {
		if (out->n > start)
			kith_buf_putc(out, '\n');
		render_section(&r->sections.v[i], out);
		/* Sections end in exactly one newline, whatever they hold. */
		while (out->n > start + 1 && out->p[out->n - 1] == '\n' &&
		       out->p[out->n - 2] == '\n')
			out->n--;
	}
	return 0;
}
