/* The one terminal sanitizer: every byte that came from a file passes it
 * before kith prints text or a diagnostic (docs/testing.md lists the tests).
 * Internal header: any file in src/ and tests/ may include it. */
#ifndef KITH_SANITIZE_H
#define KITH_SANITIZE_H

#include <stddef.h>
#include <stdint.h>

#include "util/util.h"

/* What counts as unsafe: C0 controls (U+0000-U+001F), DEL, C1 controls
 * (U+0080-U+009F), the bidi embeddings, overrides and isolates
 * (U+202A-U+202E, U+2066-U+2069) and bytes that are not valid UTF-8. */
enum {
	KITH_SAN_KEEP_TAB = 1, /* a tab stays a tab */
	KITH_SAN_KEEP_NL = 2,  /* a line feed (and the CR of CRLF) stays */
	KITH_SAN_KEEP_CR = 4,  /* any carriage return stays (CSV fields) */
};

/* Length of the unsafe sequence at s[0..n) (1 to 3 bytes), 0 if the
 * character there is safe. *cp gets the code point, or, for a byte that
 * is not valid UTF-8, KITH_SAN_BAD_BYTE + the byte (past Unicode). */
#define KITH_SAN_BAD_BYTE 0x110000u
size_t kith_unsafe_at(const char *s, size_t n, uint32_t *cp);
/* 1 if s[0..n) holds anything kith_sanitize would change. */
int kith_needs_sanitize(const char *s, size_t n, unsigned flags);
/* Appends s[0..n) with each unsafe character shown visibly: a C0 control,
 * DEL or an invalid byte as \xHH (lowercase), a C1 or bidi control as
 * <U+HHHH>. */
void kith_sanitize(kith_buf *b, const char *s, size_t n, unsigned flags);
void kith_sanitize_cstr(kith_buf *b, const char *s, unsigned flags);
/* kith_sanitize straight to a stream, allocating nothing (messages printed
 * after a write must not fail for memory). Returns 0, or -1 on a write
 * error. */
int kith_sanitize_file(FILE *f, const char *s, size_t n, unsigned flags);
/* Appends s[0..n) with each unsafe character left out (CSV, HTML). */
void kith_sanitize_drop(kith_buf *b, const char *s, size_t n, unsigned flags);

#endif
