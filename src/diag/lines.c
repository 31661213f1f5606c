/* Line index of a file's text: line starts in one array, for the printer
 * (excerpts, character columns) and any stage that maps offsets to lines. */
#include <string.h>

#include "diag/lines.h"
#include "util/util.h"

void kith_lines_build(kith_lines *ix, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	uint32_t cap = 16;

	ix->text = text;
	ix->len = len;
	ix->n = 0;
	ix->start = kith_xmalloc(cap * sizeof(size_t));
	ix->start[ix->n++] = 0;
	while (text && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			break;
		p = nl + 1;
		if (ix->n == cap) {
			cap *= 2;
			ix->start =
			    kith_xrealloc(ix->start, cap * sizeof(size_t));
		}
		ix->start[ix->n++] = (size_t)(p - text);
	}
	/* a final newline does not begin a line */
	if (ix->n > 1 && ix->start[ix->n - 1] == len)
		ix->n--;
}

void kith_lines_free(kith_lines *ix)
{
	if (!ix)
		return;
	free(ix->start);
	ix->start = NULL;
	ix->n = 0;
}

int kith_lines_get(const kith_lines *ix, uint32_t line, const char **start,
                   size_t *n)
{
	size_t a, b;

	if (!ix->text || line == 0 || line > ix->n)
		return 0;
	a = ix->start[line - 1];
	b = line < ix->n ? ix->start[line] : ix->len;
	if (b > a && ix->text[b - 1] == '\n')
		b--;
	if (b > a && ix->text[b - 1] == '\r')
		b--;
	*start = ix->text + a;
	*n = b - a;
	return 1;
}

uint32_t kith_lines_of_offset(const kith_lines *ix, size_t off)
{
	uint32_t lo = 0, hi = ix->n;

	/* the last line start <= off */
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (ix->start[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo + 1;
}

uint32_t kith_lines_char_col(const kith_lines *ix, uint32_t line, uint32_t col)
{
	const char *p;
	size_t n, i, k;
	uint32_t c = 1;

	if (col <= 1 || !kith_lines_get(ix, line, &p, &n))
		return col;
	if (line == 1 && n >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		p += 3, n -= 3;
	k = (size_t)col - 1;
	if (k > n) {
		/* past the end (a diagnostic at end of line): count on */
		c += (uint32_t)(k - n);
		k = n;
	}
	for (i = 0; i < k; i++)
		if (((unsigned char)p[i] & 0xC0) != 0x80)
			c++;
	return c;
}
