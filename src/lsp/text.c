/* Positions between the model and LSP: the model counts 1-based lines and
 * byte columns, LSP 0-based lines and UTF-16 code units; and file URIs. */
#include <string.h>

#include "lsp/lsp.h"

void kith_lsp_lines_init(kith_lsp_lines *l, const char *p, size_t n)
{
	uint32_t cap = 64;
	size_t i;

	l->p = p;
	l->n = n;
	l->nlines = 1;
	l->start = kith_xmalloc(cap * sizeof *l->start);
	l->start[0] = 0;
	for (i = 0; i < n; i++) {
		const char *nl = memchr(p + i, '\n', n - i);
		if (!nl)
			break;
		i = (size_t)(nl - p);
		if (l->nlines == cap) {
			cap *= 2;
			l->start =
			    kith_xrealloc(l->start, cap * sizeof *l->start);
		}
		l->start[l->nlines++] = (uint32_t)(i + 1);
	}
}

void kith_lsp_lines_free(kith_lsp_lines *l)
{
	if (!l)
		return;
	free(l->start);
	l->start = NULL;
	l->nlines = 0;
}

/* End of line `line` (before "\r\n" or "\n"). */
static size_t line_end(const kith_lsp_lines *l, uint32_t line)
{
	size_t e = line + 1 < l->nlines ? l->start[line + 1] - 1 : l->n;
	if (e > l->start[line] && l->p[e - 1] == '\r' && e < l->n)
		e--;
	return e;
}

/* UTF-16 units of the UTF-8 sequence starting with byte c. */
static int seq_len(unsigned char c, int *units)
{
	*units = 1;
	if (c < 0x80)
		return 1;
	if (c >= 0xf0) {
		*units = 2;
		return 4;
	}
	if (c >= 0xe0)
		return 3;
	if (c >= 0xc0)
		return 2;
	return 1; /* stray continuation byte: one unit */
}

size_t kith_lsp_offset(const kith_lsp_lines *l, uint32_t line, uint32_t ch)
{
	size_t i, e;
	uint32_t u = 0;

	if (line >= l->nlines)
		return l->n;
	i = l->start[line];
	e = line_end(l, line);
	while (i < e && u < ch) {
		int units;
		int k = seq_len((unsigned char)l->p[i], &units);
		if (i + (size_t)k > e)
			k = (int)(e - i);
		i += (size_t)k;
		u += (uint32_t)units;
	}
	return i;
}

uint32_t kith_lsp_u16col(const kith_lsp_lines *l, uint32_t line, size_t off)
{
	size_t i;
	uint32_t u = 0;

	if (line >= l->nlines)
		return 0;
	i = l->start[line];
	while (i < off && i < l->n) {
		int units;
		int k = seq_len((unsigned char)l->p[i], &units);
		i += (size_t)k;
		u += (uint32_t)units;
	}
	return u;
}

void kith_lsp_position(const kith_lsp_lines *l, size_t off, uint32_t *line,
                       uint32_t *ch)
{
	uint32_t lo = 0, hi = l->nlines;
	if (off > l->n)
		off = l->n;
	while (hi - lo > 1) { /* last line start <= off */
		uint32_t mid = lo + (hi - lo) / 2;
		if (l->start[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = lo;
	*ch = kith_lsp_u16col(l, lo, off);
}

json_t *kith_lsp_pos_json(uint32_t line, uint32_t ch)
{
	return json_pack("{s:I,s:I}", "line", (json_int_t)line, "character",
	                 (json_int_t)ch);
}

json_t *kith_lsp_range_json(uint32_t l0, uint32_t c0, uint32_t l1, uint32_t c1)
{
	return json_pack("{s:o,s:o}", "start", kith_lsp_pos_json(l0, c0), "end",
	                 kith_lsp_pos_json(l1, c1));
}

json_t *kith_lsp_range_of(const kith_lsp_lines *l, kith_pos pos, uint32_t len)
{
	uint32_t line, c0, c1;
	size_t off, e;

	if (!l || pos.line == 0 || pos.line > l->nlines)
		return kith_lsp_range_json(0, 0, 0, 0);
	line = pos.line - 1;
	off = l->start[line] + (pos.col ? pos.col - 1 : 0);
	e = line_end(l, line);
	if (off > e)
		off = e;
	c0 = kith_lsp_u16col(l, line, off);
	c1 = kith_lsp_u16col(l, line, off + len > e ? e : off + len);
	return kith_lsp_range_json(line, c0, line, c1);
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *kith_lsp_uri_to_path(const char *uri)
{
	kith_buf b = {0};
	const char *p;

	if (!uri || strncmp(uri, "file://", 7) != 0)
		return NULL;
	p = uri + 7;
	if (*p != '/') { /* file://host/path: only the local host */
		if (strncmp(p, "localhost/", 10) != 0)
			return NULL;
		p += 9;
	}
	for (; *p && *p != '?' && *p != '#'; p++) {
		int h, lo;
		if (*p == '%' && (h = hexval(p[1])) >= 0 &&
		    (lo = hexval(p[2])) >= 0) {
			if (h == 0 && lo == 0)
				break; /* no NUL in a path */
			kith_buf_putc(&b, h * 16 + lo);
			p += 2;
		} else
			kith_buf_putc(&b, *p);
	}
	kith_buf_cstr(&b);
	return b.p;
}

char *kith_lsp_path_to_uri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	kith_buf b = {0};
	const unsigned char *p;

	kith_buf_puts(&b, "file://");
	for (p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/-._~", *p))
			kith_buf_putc(&b, *p);
		else {
			kith_buf_putc(&b, '%');
			kith_buf_putc(&b, hex[*p >> 4]);
			kith_buf_putc(&b, hex[*p & 15]);
		}
	}
	kith_buf_cstr(&b);
	return b.p;
}

int kith_lsp_md_line(const kith_lsp_lines *l, uint32_t line, kith_mdline *out,
                     uint32_t *entry, kith_mdl_kind *prev)
{
	size_t bom = kith_mdl_bom(l->p, l->n);
	kith_mdscan sc;
	kith_mdline ml;

	*entry = 0;
	*prev = KITH_MDL__COUNT;
	kith_mdscan_init(&sc, l->p + bom, l->n - bom);
	while (kith_mdscan_next(&sc, &ml)) {
		if (ml.line == line) {
			*out = ml;
			return 1;
		}
		if (ml.kind == KITH_MDL_HEADING && ml.level <= 2)
			*entry = ml.level == 2 && ml.entry != KITH_MDL_NOT_ENTRY
			             ? ml.line
			             : 0;
		*prev = ml.kind;
	}
	return 0;
}

size_t kith_lsp_md_offset(const kith_lsp_lines *l, const kith_mdline *ml)
{
	return (size_t)(ml->p - l->p);
}

int kith_lsp_word_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' ||
	       (c & 0x80);
}
