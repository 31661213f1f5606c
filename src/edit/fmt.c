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
	if (level == 2 && n - i >= 10 && digits(l.p + i, 4) &&
	    l.p[i + 4] == '-') {
		kith_buf_put(out, l.p + i, 10);
		i += 10;
		while (i < n && (l.p[i] == ' ' || l.p[i] == '\t'))
			i++;
		if (n - i >= 5 && digits(l.p + i, 2) && l.p[i + 2] == ':' &&
		    digits(l.p + i + 3, 2) &&
		    (n - i == 5 || l.p[i + 5] == ' ' || l.p[i + 5] == '\t')) {
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
	if (l.n - n >= 2 && l.p[n] == ' ' && l.p[l.n - 1] == ' ' &&
	    l.p[l.n - 2] == ' ')
		n = l.n;
	kith_buf_put(out, l.p, n);
	/* '- [X] ' -> '- [x] ' */
	while (start + i < out->n &&
	       (out->p[start + i] == ' ' || out->p[start + i] == '\t'))
		i++;
	if (start + i + 4 < out->n && strchr("-*+", out->p[start + i]) &&
	    out->p[start + i + 1] == ' ' && out->p[start + i + 2] == '[' &&
	    out->p[start + i + 3] == 'X' && out->p[start + i + 4] == ']')
		out->p[start + i + 3] = 'x';
	kith_buf_putc(out, '\n');
}

/* Columns of leading whitespace (a tab advances to the next stop of 4). */
static size_t indent_of(line l)
{
	size_t i, col = 0;
	for (i = 0; i < l.n && (l.p[i] == ' ' || l.p[i] == '\t'); i++)
		col = l.p[i] == '\t' ? (col / 4 + 1) * 4 : col + 1;
	return col;
}

static int starts_ci(line l, size_t at, const char *w)
{
	size_t k, n = strlen(w);
	if (at + n > l.n)
		return 0;
	for (k = 0; k < n; k++) {
		char c = l.p[at + k];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (c != w[k])
			return 0;
	}
	return 1;
}

static int contains_ci(line l, const char *w)
{
	size_t i;
	for (i = 0; i < l.n; i++)
		if (starts_ci(l, i, w))
			return 1;
	return 0;
}

/* CommonMark HTML blocks: 1 = <pre|script|style|textarea> up to its end
 * tag, 2 = <!-- up to -->, 7 = any other tag, up to a blank line. Their
 * content is copied byte for byte. */
static int html_start(line l, const char **end)
{
	static const char *const raw[] = {"pre", "script", "style", "textarea"};
	static const char *const close[] = {"</pre>", "</script>", "</style>",
	                                    "</textarea>"};
	size_t i = 0, k;
	while (i < l.n && i < 3 && l.p[i] == ' ')
		i++;
	if (i >= l.n || l.p[i] != '<')
		return 0;
	if (starts_ci(l, i, "<!--")) {
		*end = "-->";
		return 2;
	}
	for (k = 0; k < 4; k++)
		if (starts_ci(l, i + 1, raw[k])) {
			size_t after = i + 1 + strlen(raw[k]);
			if (after == l.n || l.p[after] == '>' ||
			    l.p[after] == ' ' || l.p[after] == '\t') {
				*end = close[k];
				return 1;
			}
		}
	if (i + 1 < l.n &&
	    ((l.p[i + 1] >= 'a' && l.p[i + 1] <= 'z') ||
	     (l.p[i + 1] >= 'A' && l.p[i + 1] <= 'Z') || l.p[i + 1] == '/'))
		return 7;
	return 0;
}

static void put_raw(kith_buf *out, line l)
{
	kith_buf_put(out, l.p, l.n);
	kith_buf_putc(out, '\n');
}

/* Lines copied byte for byte: indented (code or list continuation, where
 * trailing spaces and blank lines can be content), HTML blocks, fences. */
typedef enum { PREV_NONE, PREV_TEXT, PREV_VERBATIM } prev_kind;

void kith_fmt_md(const char *text, size_t len, kith_buf *out)
{
	size_t off = 0, fence_n = 0, lineno = 0;
	char fence_ch = 0;
	int in_fence = 0, front = 0, html = 0;
	const char *html_end = NULL;
	prev_kind prev = PREV_NONE;
	kith_buf blanks = {0}; /* the pending blank lines, as written */
	size_t nblank = 0;
	line l;

	if (len >= 3 && (unsigned char)text[0] == 0xef &&
	    (unsigned char)text[1] == 0xbb && (unsigned char)text[2] == 0xbf) {
		kith_buf_put(out, text,
		             3); /* keep a BOM: it is the user's choice */
		off = 3;
	}
	while (next_line(text, len, &off, &l)) {
		char ch;
		size_t cnt;
		int level, verbatim;

		lineno++;
		/* front matter only where the loader sees it: on line 1 */
		if (lineno == 1 && l.n == 3 && !memcmp(l.p, "---", 3)) {
			front = 1;
			put_raw(out, l);
			prev = PREV_VERBATIM;
			continue;
		}
		if (front) {
			put_raw(out, l);
			if (l.n == 3 && (!memcmp(l.p, "---", 3) ||
			                 !memcmp(l.p, "...", 3))) {
				front = 0;
				prev = PREV_TEXT;
			}
			continue;
		}
		if (in_fence) {
			put_raw(out, l);
			if (closes_fence(l, fence_ch, fence_n))
				in_fence = 0;
			continue;
		}
		if (html == 1 || html == 2) {
			put_raw(out, l);
			if (contains_ci(l, html_end))
				html = 0;
			continue;
		}
		if (is_blank(l)) {
			if (html == 7)
				html = 0; /* a blank line ends the HTML block */
			kith_buf_put(&blanks, l.p, l.n);
			kith_buf_putc(&blanks, '\n');
			nblank++;
			continue;
		}
		level = heading_level(l);
		verbatim = html == 7 || (!level && indent_of(l) >= 4);
		if (!level && !verbatim &&
		    (html = html_start(l, &html_end)) != 0)
			verbatim = 1;
		/* the blank lines before this line */
		if (prev == PREV_NONE) {
			/* leading blanks go, unless a '---' would become line 1
			 */
			if (nblank && l.n == 3 && !memcmp(l.p, "---", 3))
				kith_buf_putc(out, '\n');
		} else if (prev == PREV_VERBATIM && verbatim && nblank)
			kith_buf_put(out, blanks.p, blanks.n);
		else if (nblank || level)
			kith_buf_putc(out, '\n');
		blanks.n = 0;
		nblank = 0;
		if (level) {
			put_heading(out, l, level);
			prev = PREV_TEXT;
		} else if (verbatim) {
			put_raw(out, l);
			prev = PREV_VERBATIM;
			if (html == 1 || html == 2) {
				if (contains_ci(l, html_end))
					html = 0;
			}
		} else if (fence(l, &ch, &cnt)) {
			in_fence = 1;
			fence_ch = ch;
			fence_n = cnt;
			put_raw(out, l);
			prev = PREV_VERBATIM;
		} else {
			put_body(out, l);
			prev = PREV_TEXT;
		}
	}
	/* blank lines at the end go, except inside verbatim regions */
	if (in_fence || html == 1 || html == 2 || front)
		kith_buf_put(out, blanks.p, blanks.n);
	kith_buf_free(&blanks);
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
