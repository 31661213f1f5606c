/* kith fmt's canonical layout: line-level rewrites that never change what
 * a journal means (see edit.h for the exact list). */
#include <string.h>

#include "edit/edit.h"
#include "load/mdline.h"

typedef struct {
	const char *p;
	size_t n;
} line;

/* Trailing whitespace, for layout: a stray CR is as invisible as a space. */
static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static size_t rtrim(line l)
{
	while (l.n && is_space(l.p[l.n - 1]))
		l.n--;
	return l.n;
}

static void put_span(kith_buf *out, const char *p, kith_span s)
{
	kith_buf_put(out, p + s.off, s.len);
}

/* '##   2026-11-03   09:30   Title  ' -> '## 2026-11-03 09:30 Title';
 * other headings: the hashes, one space, the text. */
static void put_heading(kith_buf *out, const kith_mdline *l)
{
	line t = {l->p, l->n};
	size_t i = (size_t)l->level, n = rtrim(t);
	kith_buf_put(out, l->p, (size_t)l->level);
	if (l->level == 2 && l->entry != KITH_MDL_NOT_ENTRY) {
		kith_buf_putc(out, ' ');
		put_span(out, l->p, l->date);
		if (l->time.len) {
			kith_buf_putc(out, ' ');
			put_span(out, l->p, l->time);
		}
		/* a stray CR at the title's end is trailing whitespace too */
		kith_span title = l->title;
		while (title.len && is_space(l->p[title.off + title.len - 1]))
			title.len--;
		if (title.len) {
			kith_buf_putc(out, ' ');
			put_span(out, l->p, title);
		}
		kith_buf_putc(out, '\n');
		return;
	}
	while (i < n && (l->p[i] == ' ' || l->p[i] == '\t'))
		i++;
	if (i < n)
		kith_buf_putc(out, ' ');
	kith_buf_put(out, l->p + i, n - i);
	kith_buf_putc(out, '\n');
}

static void put_body(kith_buf *out, const kith_mdline *l)
{
	line t = {l->p, l->n};
	size_t n = rtrim(t), start = out->n;
	/* keep a hard line break: two or more trailing spaces after text */
	if (l->n - n >= 2 && l->p[n] == ' ' && l->p[l->n - 1] == ' ' &&
	    l->p[l->n - 2] == ' ')
		n = l->n;
	kith_buf_put(out, l->p, n);
	/* a task's '[X]' -> '[x]' */
	if (l->kind == KITH_MDL_TASK && l->p[l->box.off + 1] == 'X')
		out->p[start + l->box.off + 1] = 'x';
	kith_buf_putc(out, '\n');
}

static void put_raw(kith_buf *out, const kith_mdline *l)
{
	kith_buf_put(out, l->p, l->n);
	kith_buf_putc(out, '\n');
}

/* Lines copied byte for byte: front matter, fenced code, HTML blocks and
 * indented lines (code or list continuation, where trailing spaces and
 * blank lines can be content). */
typedef enum { PREV_NONE, PREV_TEXT, PREV_VERBATIM } prev_kind;

typedef enum { OUT_RAW, OUT_HEADING, OUT_BODY, OUT_VERBATIM } out_kind;

/* What fmt does with each kind of line of the grammar (load/mdline.h). */
static const out_kind by_kind[KITH_MDL__COUNT] = {
    [KITH_MDL_BLANK] = OUT_RAW,       [KITH_MDL_FRONT] = OUT_RAW,
    [KITH_MDL_HEADING] = OUT_HEADING, [KITH_MDL_META] = OUT_BODY,
    [KITH_MDL_FENCE_OPEN] = OUT_RAW,  [KITH_MDL_CODE] = OUT_RAW,
    [KITH_MDL_FENCE_CLOSE] = OUT_RAW, [KITH_MDL_HTML] = OUT_VERBATIM,
    [KITH_MDL_TASK] = OUT_BODY,       [KITH_MDL_BODY] = OUT_BODY,
    [KITH_MDL_TOO_LONG] = OUT_BODY,
};
_Static_assert(sizeof by_kind / sizeof by_kind[0] == KITH_MDL__COUNT,
               "a row for every kind of line");

typedef struct {
	kith_buf *out;
	prev_kind prev;
	kith_buf blanks; /* the pending blank lines, as written */
	size_t nblank;
} fmt_state;

/* The blank lines before a line that is not blank. */
static void put_blanks(fmt_state *f, const kith_mdline *l, int verbatim)
{
	if (f->prev == PREV_NONE) {
		/* leading blanks go, unless a '---' would become line 1 */
		if (f->nblank && kith_mdl_fm_marker(l->p, l->n, 0))
			kith_buf_putc(f->out, '\n');
	} else if (f->prev == PREV_VERBATIM && verbatim && f->nblank)
		kith_buf_put(f->out, f->blanks.p, f->blanks.n);
	else if (f->nblank || l->kind == KITH_MDL_HEADING)
		kith_buf_putc(f->out, '\n');
	f->blanks.n = 0;
	f->nblank = 0;
}

static void fmt_line(fmt_state *f, const kith_mdline *l)
{
	out_kind k = by_kind[l->kind];
	int verbatim = k == OUT_VERBATIM || (k == OUT_BODY && l->indent >= 4);

	/* blank lines, also those inside <pre> or <!--: written as they are
	 * between verbatim lines, else as one */
	if (l->kind == KITH_MDL_BLANK ||
	    (l->kind == KITH_MDL_HTML && l->blank)) {
		kith_buf_put(&f->blanks, l->p, l->n);
		kith_buf_putc(&f->blanks, '\n');
		f->nblank++;
		return;
	}
	if (k == OUT_RAW && l->kind != KITH_MDL_FENCE_OPEN) {
		/* inside front matter or fenced code */
		put_raw(f->out, l);
		if (l->kind == KITH_MDL_FENCE_CLOSE)
			f->prev = PREV_VERBATIM;
		if (l->kind == KITH_MDL_FRONT)
			f->prev = PREV_TEXT;
		return;
	}
	put_blanks(f, l, verbatim);
	if (k == OUT_HEADING) {
		put_heading(f->out, l);
		f->prev = PREV_TEXT;
	} else if (verbatim || k == OUT_RAW) {
		put_raw(f->out, l);
		f->prev = PREV_VERBATIM;
	} else {
		put_body(f->out, l);
		f->prev = PREV_TEXT;
	}
}

void kith_fmt_md(const char *text, size_t len, kith_buf *out)
{
	size_t bom = kith_mdl_bom(text, len);
	fmt_state f = {out, PREV_NONE, {0}, 0};
	kith_mdscan s;
	kith_mdline l;

	kith_buf_put(out, text, bom); /* keep a BOM: it is the user's choice */
	kith_mdscan_init(&s, text + bom, len - bom);
	while (kith_mdscan_next(&s, &l))
		fmt_line(&f, &l);
	/* blank lines at the end go, except inside an HTML block that runs
	 * to the end (inside fenced code they were written as code) */
	if (s.html == 1 || s.html == 2)
		kith_buf_put(out, f.blanks.p, f.blanks.n);
	kith_buf_free(&f.blanks);
}

void kith_fmt_yaml(const char *text, size_t len, kith_buf *out)
{
	size_t i;

	/* YAML breaks lines at CRLF, LF and a lone CR alike: each becomes one
	 * LF, so block scalars keep exactly their lines */
	for (i = 0; i < len; i++) {
		if (text[i] != '\r') {
			kith_buf_putc(out, text[i]);
			continue;
		}
		if (i + 1 < len && text[i + 1] == '\n')
			i++;
		kith_buf_putc(out, '\n');
	}
	/* a final newline; trailing blank lines stay (a '|+' block scalar
	 * keeps them as content) */
	if (out->n && out->p[out->n - 1] != '\n')
		kith_buf_putc(out, '\n');
}
