/* The terminal sanitizer: shows (or drops) every character that could move
 * the cursor, set a title, ring a bell or flip text direction, so no byte
 * from a journal file can take over the terminal that prints it. */
#include <string.h>

#include "util/sanitize.h"
#include "util/text.h"

/* Decodes one UTF-8 sequence; returns its length, 0 if invalid. */
static size_t utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
	size_t len, i;
	uint32_t c, min;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xC2 && p[0] <= 0xDF)
		len = 2, c = p[0] & 0x1Fu, min = 0x80;
	else if (p[0] >= 0xE0 && p[0] <= 0xEF)
		len = 3, c = p[0] & 0x0Fu, min = 0x800;
	else if (p[0] >= 0xF0 && p[0] <= 0xF4)
		len = 4, c = p[0] & 0x07u, min = 0x10000;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3Fu);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

static int unsafe_cp(uint32_t c)
{
	return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) ||
	       (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

size_t kith_unsafe_at(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len;

	if (n == 0)
		return 0;
	/* the common case first: printable ASCII */
	if (p[0] >= 0x20 && p[0] < 0x7F)
		return 0;
	len = utf8_decode(p, n, cp);
	if (len == 0) {
		*cp = KITH_SAN_BAD_BYTE + p[0];
		return 1;
	}
	return unsafe_cp(*cp) ? len : 0;
}

/* Is the unsafe character at s[i] one the flags keep? */
static int kept(const char *s, size_t n, size_t i, uint32_t cp, unsigned flags)
{
	if (cp == '\t')
		return (flags & KITH_SAN_KEEP_TAB) != 0;
	if (cp == '\n')
		return (flags & KITH_SAN_KEEP_NL) != 0;
	if (cp == '\r')
		return (flags & KITH_SAN_KEEP_CR) ||
		       ((flags & KITH_SAN_KEEP_NL) && i + 1 < n &&
		        s[i + 1] == '\n');
	return 0;
}

/* Length of the run of safe (or kept) bytes from s[i]; sets *bad to the
 * length of the unsafe sequence after it (0 at the end). */
static size_t safe_run(const char *s, size_t n, size_t i, unsigned flags,
                       size_t *bad, uint32_t *cp)
{
	size_t j = i;

	while (j < n) {
		size_t k;
		j += kith_printable_run(s + j, n - j);
		if (j >= n)
			break;
		k = kith_unsafe_at(s + j, n - j, cp);
		if (k == 0) {
			/* a safe multibyte character: skip its bytes */
			j++;
			while (j < n && ((unsigned char)s[j] & 0xC0) == 0x80)
				j++;
			continue;
		}
		if (kept(s, n, j, *cp, flags)) {
			j += k;
			continue;
		}
		*bad = k;
		return j - i;
	}
	*bad = 0;
	return j - i;
}

int kith_needs_sanitize(const char *s, size_t n, unsigned flags)
{
	size_t bad;
	uint32_t cp;
	return safe_run(s, n, 0, flags, &bad, &cp) < n;
}

static void put_visible(kith_buf *b, uint32_t cp)
{
	if (cp >= KITH_SAN_BAD_BYTE)
		kith_buf_printf(b, "\\x%02x",
		                (unsigned)(cp - KITH_SAN_BAD_BYTE));
	else if (cp < 0x80)
		kith_buf_printf(b, "\\x%02x", (unsigned)cp);
	else
		kith_buf_printf(b, "<U+%04X>", (unsigned)cp);
}

static void sanitize(kith_buf *b, const char *s, size_t n, unsigned flags,
                     int drop)
{
	size_t i = 0;

	if (!s)
		return;
	while (i < n) {
		size_t bad;
		uint32_t cp = 0;
		size_t k = safe_run(s, n, i, flags, &bad, &cp);
		kith_buf_put(b, s + i, k);
		i += k;
		if (!bad)
			break;
		if (!drop)
			put_visible(b, cp);
		i += bad;
	}
}

void kith_sanitize(kith_buf *b, const char *s, size_t n, unsigned flags)
{
	sanitize(b, s, n, flags, 0);
}

void kith_sanitize_cstr(kith_buf *b, const char *s, unsigned flags)
{
	if (s)
		sanitize(b, s, strlen(s), flags, 0);
}

void kith_sanitize_drop(kith_buf *b, const char *s, size_t n, unsigned flags)
{
	sanitize(b, s, n, flags, 1);
}

int kith_sanitize_file(FILE *f, const char *s, size_t n, unsigned flags)
{
	size_t i = 0;
	char vis[16];

	while (i < n) {
		size_t bad;
		uint32_t cp = 0;
		size_t k = safe_run(s, n, i, flags, &bad, &cp);
		if (k && fwrite(s + i, 1, k, f) != k)
			return -1;
		i += k;
		if (!bad)
			break;
		if (cp >= KITH_SAN_BAD_BYTE || cp < 0x80)
			snprintf(vis, sizeof vis, "\\x%02x",
			         (unsigned)(cp >= KITH_SAN_BAD_BYTE
			                        ? cp - KITH_SAN_BAD_BYTE
			                        : cp));
		else
			snprintf(vis, sizeof vis, "<U+%04X>", (unsigned)cp);
		if (fputs(vis, f) == EOF)
			return -1;
		i += bad;
	}
	return 0;
}
