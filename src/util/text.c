/* Text helpers shared by the diagnostic printer and the renderers: UTF-8
 * sequences, JSON string escaping and the CR of a CRLF line end. */
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "util/text.h"
#include "util/sanitize.h"

size_t kith_utf8_seq(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char c = p[0];
	size_t len;
	uint32_t cp, min;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2, cp = c & 0x1F, min = 0x80;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3, cp = c & 0x0F, min = 0x800;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4, cp = c & 0x07, min = 0x10000;
	else
		return 0;
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

#ifdef __SSE2__
/* Bit k set when p[k] is a, b or c, for the 16 bytes at p. */
static unsigned find3_bits(const char *p, __m128i a, __m128i b, __m128i c)
{
	__m128i v = _mm_loadu_si128((const __m128i *)p);
	__m128i m = _mm_or_si128(
	    _mm_or_si128(_mm_cmpeq_epi8(v, a), _mm_cmpeq_epi8(v, b)),
	    _mm_cmpeq_epi8(v, c));
	return (unsigned)_mm_movemask_epi8(m);
}
#endif

size_t kith_find3(const char *s, size_t n, char a, char b, char c)
{
	size_t i = 0;
#ifdef __SSE2__
	if (n >= 16) {
		const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b),
		              vc = _mm_set1_epi8(c);
		unsigned m;
		for (; i + 16 <= n; i += 16)
			if ((m = find3_bits(s + i, va, vb, vc)) != 0)
				return i + (size_t)__builtin_ctz(m);
		if (i == n)
			return n;
		/* the tail: the last 16 bytes, less those already read */
		m = find3_bits(s + n - 16, va, vb, vc) >> (i - (n - 16));
		return m ? i + (size_t)__builtin_ctz(m) : n;
	}
#endif
	for (; i < n; i++)
		if (s[i] == a || s[i] == b || s[i] == c)
			return i;
	return n;
}

size_t kith_printable_run(const char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101u, high = ones * 0x80;
	size_t i = 0;
	/* A word passes when no byte has its high bit set, none is below
	 * 0x20 (adding 0x60 sets the high bit of 0x20..0x7F) and none is
	 * 0x7F (adding 1 sets it); without high bits no add carries. */
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if ((w & high) || (~(w + ones * 0x60) & high) ||
		    ((w + ones) & high))
			break;
	}
	while (i < n && (unsigned char)s[i] >= 0x20 &&
	       (unsigned char)s[i] < 0x7F)
		i++;
	return i;
}

size_t kith_fmt_u64(char *buf, uint64_t v)
{
	char tmp[20];
	size_t n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (size_t i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	return n;
}

size_t kith_fmt_i64(char *buf, int64_t v)
{
	if (v >= 0)
		return kith_fmt_u64(buf, (uint64_t)v);
	buf[0] = '-';
	return 1 + kith_fmt_u64(buf + 1, (uint64_t)0 - (uint64_t)v);
}

char *kith_arena_cat(kith_arena *a, const kith_str *parts, size_t n)
{
	size_t len = 0;
	for (size_t i = 0; i < n; i++)
		len += parts[i].n;
	char *p = kith_arena_alloc(a, len + 1), *q = p;
	for (size_t i = 0; i < n; i++)
		if (parts[i].n) {
			memcpy(q, parts[i].p, parts[i].n);
			q += parts[i].n;
		}
	*q = '\0';
	return p;
}

int kith_crlf_cr(const char *s, size_t n, size_t i)
{
	return s[i] == '\r' && i + 1 < n && s[i + 1] == '\n';
}

void kith_json_string(kith_buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	uint32_t cp;
	kith_buf_putc(out, '"');
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		size_t len, run = i;
		/* plain ASCII goes out in one piece */
		while (run < n && (unsigned char)s[run] >= 0x20 &&
		       (unsigned char)s[run] < 0x7F && s[run] != '"' &&
		       s[run] != '\\')
			run++;
		if (run > i) {
			kith_buf_put(out, s + i, run - i);
			i = run;
			continue;
		}
		len = kith_utf8_seq(s + i, n - i);
		if (kith_crlf_cr(s, n, i)) {
			i++;
			continue;
		}
		if (len == 0) { /* invalid UTF-8: JSON text must be valid */
			kith_buf_puts(out, "\\ufffd");
			i++;
			continue;
		}
		i += len;
		switch (c) {
		case '"':
			kith_buf_puts(out, "\\\"");
			break;
		case '\\':
			kith_buf_puts(out, "\\\\");
			break;
		case '\n':
			kith_buf_puts(out, "\\n");
			break;
		case '\r':
			kith_buf_puts(out, "\\r");
			break;
		case '\t':
			kith_buf_puts(out, "\\t");
			break;
		default:
			if (c < 0x20 || c == 0x7F) {
				kith_buf_puts(out, "\\u00");
				kith_buf_putc(out, hex[c >> 4]);
				kith_buf_putc(out, hex[c & 15]);
			} else if (len > 1 &&
			           kith_unsafe_at(s + i - len, len, &cp)) {
				/* C1 and bidi controls: escaped, so the
				 * JSON is safe to print on a terminal */
				kith_buf_printf(out, "\\u%04x", (unsigned)cp);
			} else {
				kith_buf_put(out, s + i - len, len);
			}
		}
	}
	kith_buf_putc(out, '"');
}
