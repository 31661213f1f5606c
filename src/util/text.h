/* Text helpers: UTF-8 sequences, JSON string escaping and CRLF line ends,
 * shared by the diagnostic printer (src/diag) and the renderers.
 * Internal header: any file in src/ and tests/ may include it. */
#ifndef KITH_TEXT_H
#define KITH_TEXT_H

#include "util/util.h"

/* Length of the valid UTF-8 sequence at p (1..4), or 0 if the bytes at p
 * are not one (overlong, surrogate, truncated, > U+10FFFF). n > 0. */
size_t kith_utf8_seq(const char *p, size_t n);

/* Length of the run of printable ASCII (0x20..0x7E) that s[0..n) starts
 * with, read a word at a time: the bytes every escaper and sanitizer may
 * copy as they are. */
size_t kith_printable_run(const char *s, size_t n);

/* The offset of the first byte of s[0..n) that is a, b or c; n when
 * there is none. Sixteen bytes a step: one pass finds the next of three
 * bytes (a line's '@', '#' and '`') where three memchr would each run. */
size_t kith_find3(const char *s, size_t n, char a, char b, char c);

/* Small formatters for hot paths, where vsnprintf costs a thousand
 * instructions a call. kith_fmt_u64 writes v in decimal to buf (at least
 * 20 bytes, no NUL) and returns its length; kith_fmt_i64 the same with a
 * '-' (21 bytes). kith_arena_cat returns the n parts joined, NUL-ended,
 * in the arena. */
size_t kith_fmt_u64(char *buf, uint64_t v);
size_t kith_fmt_i64(char *buf, int64_t v);
char *kith_arena_cat(kith_arena *a, const kith_str *parts, size_t n);

/* s[0..n) as a JSON string (RFC 8259): '"', '\\' and \n \r \t escaped,
 * other controls as \u00XX, C1 and bidi controls (util/sanitize) as
 * \uXXXX, other valid UTF-8 passed through, invalid bytes as
 * \ufffd. */
void kith_json_string(kith_buf *out, const char *s, size_t n);

/* 1 when s[i] is the '\r' of a "\r\n" in s[0..n). Notes are slices of
 * the file text, so a journal saved with CRLF line ends hands its CRs to
 * the renderers; each drops them here, and the same journal gives the
 * same bytes whichever line ends it was saved with. */
int kith_crlf_cr(const char *s, size_t n, size_t i);

#endif
