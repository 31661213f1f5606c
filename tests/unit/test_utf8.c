/* Unit tests for UTF-8 validation: the word-at-a-time fast path must give
 * the same first bad offset as a byte-by-byte reading of RFC 3629. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

/* The reference: a plain decoder, one byte at a time. */
static size_t ref_invalid(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i], cp, len;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			len = 2, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			len = 3, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			len = 4, cp = c & 0x07;
		else
			return i + 1;
		if (i + len > n)
			return i + 1;
		for (unsigned k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return i + 1;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return i + 1;
		i += len;
	}
	return 0;
}

Test(utf8, valid_text_is_zero)
{
	const char *s = "plain ASCII, then Inês, 東京 and 😀 at the end";
	cr_assert_eq(kith_utf8_invalid(s, strlen(s)), 0);
	cr_assert_eq(kith_utf8_invalid("", 0), 0);
}

Test(utf8, bad_byte_found_at_every_offset_of_an_ascii_run)
{
	unsigned char buf[40];
	for (size_t at = 0; at < sizeof buf; at++) {
		memset(buf, 'a', sizeof buf);
		buf[at] = 0xff;
		cr_assert_eq(kith_utf8_invalid((char *)buf, sizeof buf), at + 1,
		             "0xff at %zu", at);
	}
}

Test(utf8, truncated_sequence_at_the_end_of_a_word)
{
	unsigned char buf[16];
	memset(buf, 'x', sizeof buf);
	buf[15] = 0xc3;
	cr_assert_eq(kith_utf8_invalid((char *)buf, 16), 16);
	buf[14] = 0xe2, buf[15] = 0x82;
	cr_assert_eq(kith_utf8_invalid((char *)buf, 16), 15);
}

Test(utf8, random_bytes_agree_with_the_reference)
{
	unsigned seed = 12345;
	unsigned char buf[64];
	for (int round = 0; round < 200000; round++) {
		size_t n = (size_t)(rand_r(&seed) % sizeof buf);
		for (size_t i = 0; i < n; i++) {
			unsigned r = (unsigned)rand_r(&seed);
			/* mostly ASCII, sometimes a lead or continuation byte
			 */
			buf[i] = (r % 8)
			             ? (unsigned char)(0x20 + r % 90)
			             : (unsigned char)(0x80 + (r >> 8) % 0x80);
		}
		cr_assert_eq(kith_utf8_invalid((char *)buf, n),
		             ref_invalid(buf, n), "round %d", round);
	}
}

/* kith_utf8_check: the first bad offset as above and, for valid text, the
 * first NUL, wherever they fall against the 64- and 8-byte steps. */
Test(utf8, check_finds_a_bad_byte_or_a_nul_at_every_offset)
{
	unsigned char buf[300];
	size_t nul;
	for (size_t at = 0; at < sizeof buf; at++) {
		memset(buf, 'a', sizeof buf);
		buf[at] = 0xff;
		cr_assert_eq(kith_utf8_check((char *)buf, sizeof buf, &nul),
		             at + 1, "0xff at %zu", at);
		buf[at] = 0;
		cr_assert_eq(kith_utf8_check((char *)buf, sizeof buf, &nul), 0);
		cr_assert_eq(nul, at, "NUL at %zu", at);
		buf[sizeof buf - 1] = 0; /* a second NUL: the first counts */
		cr_assert_eq(kith_utf8_check((char *)buf, sizeof buf, &nul), 0);
		cr_assert_eq(nul, at, "NUL at %zu, again", at);
	}
	memset(buf, 'a', sizeof buf);
	cr_assert_eq(kith_utf8_check((char *)buf, sizeof buf, &nul), 0);
	cr_assert_eq(nul, sizeof buf);
	/* past the length does not count */
	buf[200] = 0;
	cr_assert_eq(kith_utf8_check((char *)buf, 200, &nul), 0);
	cr_assert_eq(nul, 200);
}

Test(utf8, check_of_random_long_texts_agrees_with_the_reference)
{
	unsigned seed = 777;
	unsigned char buf[512];
	for (int round = 0; round < 40000; round++) {
		size_t n = (size_t)(rand_r(&seed) % sizeof buf), nul;
		unsigned odd = 1 + (unsigned)rand_r(&seed) % 400;
		for (size_t i = 0; i < n; i++) {
			unsigned r = (unsigned)rand_r(&seed);
			/* mostly ASCII; a NUL, lead or continuation byte about
			 * once in odd bytes */
			buf[i] = (r % odd) ? (unsigned char)(0x20 + r % 90)
			         : (r >> 9) % 3 == 0
			             ? 0
			             : (unsigned char)(0x80 + (r >> 8) % 0x80);
		}
		size_t want = ref_invalid(buf, n);
		cr_assert_eq(kith_utf8_check((char *)buf, n, &nul), want,
		             "round %d", round);
		if (!want) {
			const unsigned char *z = memchr(buf, 0, n);
			cr_assert_eq(nul, z ? (size_t)(z - buf) : n, "round %d",
			             round);
		}
	}
}
