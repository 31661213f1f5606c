/* kith fmt's canonical layout: line-level rewrites that never change what
 * a journal means (see edit.h for the exact list). */
#include <string.h>

#include "edit/edit.h"

typedef struct {
	const char *p;
	size_t n;
} line;

static int next_line(const char *text, size_t len, size_t *off, line *l)
{
	const char *nl;
	if (*off >= len)
		return 0;
	l->p = text + *off;
	nl = memchr(l->p, '\n', len - *off);
	l->n = nl ? (size_t)(nl - l->p) : len - *off;
	*off += l->n + (nl != NULL);
	/* CRs before the LF are part of the line end: stripping only one
	 * would let "\r\r\n" become "\r\n" here and "\n" on the next run */
	while (l->n && l->p[l->n - 1] == '\r')
		l->n--;
	return 1;
}

/* Trailing whitespace, for layout: a stray CR is as invisible as a space. */
static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static int is_blank(line l)
{
	size_t i;
	for (i = 0; i < l.n; i++)
		if (!is_space(l.p[i]))
			return 0;
	return 1;
}

static size_t rtrim(line l)
{
	while (l.n && is_space(l.p[l.n - 1]))
		l.n--;
	return l.n;
}

/* A fence opener/closer: up to 3 spaces, then 3+ '`' or '~'. */
static int fence(line l, char *ch, size_t *cnt)
{
	size_t i = 0, k;
	while (i < l.n && i < 3 && l.p[i] == ' ')
		i++;
	if (i >= l.n || (l.p[i] != '`' && l.p[i] != '~'))
		return 0;
	for (k = i; k < l.n && l.p[k] == l.p[i]; k++)
		;
	if (k - i < 3)
		return 0;
	*ch = l.p[i];
	*cnt = k - i;
	return 1;
}

/* A closing fence: up to 3 spaces, n+ of ch, then only blanks. */
static int closes_fence(line l, char ch, size_t n)
{
	size_t i = 0, k;
	while (i < l.n && i < 3 && l.p[i] == ' ')
		i++;
	for (k = i; k < l.n && l.p[k] == ch; k++)
		;
	if (k - i < n)
		return 0;
	for (; k < l.n; k++)
		if (l.p[k] != ' ' && l.p[k] != '\t')
			return 0;
	return 1;
}

static int heading_level(line l)
{
	size_t i = 0;
	while (i < l.n && l.p[i] == '#')
		i++;
	if (i == 0 || i > 6 || (i < l.n && l.p[i] != ' ' && l.p[i] != '\t'))
		return 0;
	return (int)i;
}

static int digits(const char *p, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return 0;
	return 1;
}

/* '##   2026-11-03   09:30   Title  ' -> '## 2026-11-03 09:30 Title' */
static void put_heading(kith_buf *out, line l, int level)
{
	size_t i = (size_t)level, n = rtrim(l);
	while (i < n && (l.p[i] == ' ' || l.p[i] == '\t'))
		i++;
	kith_buf_put(out, l.p, (size_t)level);
	if (i >= n) {
		kith_buf_putc(out, '\n');
		return;
	}
	kith_buf_putc(out, ' ');
	if (level == 2 && n - i >= 10 && digits(l.p + i, 4) && l.p[i + 4] == '-') {
		kith_buf_put(out, l.p + i, 10);
		i += 10;
		while (i < n && (l.p[i] == ' ' || l.p[i] == '\t'))
			i++;
		if (n - i >= 5 && digits(l.p + i, 2) && l.p[i + 2] == ':' &&
		    digits(l.p + i + 3, 2) && (n - i == 5 || l.p[i + 5] == ' ' || l.p[i + 5] == '\t')) {
			kith_buf_putc(out, ' ');
			kith_buf_put(out, l.p + i, 5);
			i += 5;
			while (i < n && (l.p[i] == ' ' || l.p[i] == '\t'))
				i++;
		}
		if (i < n)
			kith_buf_putc(out, ' ');
	}
	kith_buf_put(out, l.p + i, n - i);
	kith_buf_putc(out, '\n');
}

static void put_body(kith_buf *out, line l)
{
	size_t n = rtrim(l), i = 0, start = out->n;
	/* keep a hard line break: two or more trailing spaces after text */
	if (l.n - n >= 2 && l.p[n] == ' ' && l.p[l.n - 1] == ' ' && l.p[l.n - 2] == ' ')
		n = l.n;
	kith_buf_put(out, l.p, n);
	/* '- [X] ' -> '- [x] ' */
	while (start + i < out->n && (out->p[start + i] == ' ' || out->p[start + i] == '\t'))
		i++;
	if (start + i + 4 < out->n && strchr("-*+", out->p[start + i]) &&
	    out->p[start + i + 1] == ' ' && out->p[start + i + 2] == '[' &&
	    out->p[start + i + 3] == 'X' && out->p[start + i + 4] == ']')
		out->p[start + i + 3] = 'x';
	kith_buf_putc(out, '\n');
}

void kith_fmt_md(const char *text, size_t len, kith_buf *out)
{
	size_t off = 0, fence_n = 0;
	char fence_ch = 0;
	int in_fence = 0, pending_blank = 0, started = 0, front = 0;
	line l;

	if (len >= 3 && (unsigned char)text[0] == 0xef && (unsigned char)text[1] == 0xbb &&
	    (unsigned char)text[2] == 0xbf) {
		kith_buf_put(out, text, 3); /* keep a BOM: it is the user's choice */
		off = 3;
	}
	while (next_line(text, len, &off, &l)) {
		char ch;
		size_t cnt;

		if (!started && l.n == 3 && !memcmp(l.p, "---", 3)) {
			front = 1; /* front matter: copied as is */
			started = 1;
			kith_buf_put(out, l.p, l.n);
			kith_buf_putc(out, '\n');
			continue;
		}
		if (front) {
			kith_buf_put(out, l.p, l.n);
			kith_buf_putc(out, '\n');
			if ((l.n == 3 && !memcmp(l.p, "---", 3)) || (l.n == 3 && !memcmp(l.p, "...", 3)))
				front = 0;
			continue;
		}
		if (in_fence) {
			kith_buf_put(out, l.p, l.n);
			kith_buf_putc(out, '\n');
			if (closes_fence(l, fence_ch, fence_n))
				in_fence = 0;
			continue;
		}
		if (is_blank(l)) {
			if (started)
				pending_blank = 1;
			continue;
		}
		{
			int level = heading_level(l);
			if (started && (pending_blank || level))
				kith_buf_putc(out, '\n');
			pending_blank = 0;
			started = 1;
			if (level)
				put_heading(out, l, level);
			else if (fence(l, &ch, &cnt)) {
				in_fence = 1;
				fence_ch = ch;
				fence_n = cnt;
				kith_buf_put(out, l.p, rtrim(l));
				kith_buf_putc(out, '\n');
			} else
				put_body(out, l);
			if (level) /* the blank line after a heading is the user's */
				continue;
		}
	}
}

void kith_fmt_yaml(const char *text, size_t len, kith_buf *out)
{
	size_t i, end;

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
	if (out->n && out->p[out->n - 1] != '\n')
		kith_buf_putc(out, '\n');
	/* exactly one final newline */
	end = out->n;
	while (end > 1 && out->p[end - 1] == '\n' && out->p[end - 2] == '\n')
		end--;
	out->n = end;
}
