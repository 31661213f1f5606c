/* Core utilities shared by every stage: allocation, arenas, string slices,
 * growable buffers and vectors, and a string-keyed hash index.
 * Internal header: any file in src/ and tests/ may include it. */
#ifndef KITH_UTIL_H
#define KITH_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KITH_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define KITH_NORETURN __attribute__((noreturn))
#define KITH_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Exit statuses of docs/format.md */
enum {
	KITH_EXIT_OK = 0,
	KITH_EXIT_ERRORS = 1,
	KITH_EXIT_USAGE = 2,
	KITH_EXIT_SYSTEM = 3
};

/* Allocation wrappers: on failure print one line and exit with status 3. */
void *kith_xmalloc(size_t n);
void *kith_xcalloc(size_t n, size_t size);
void *kith_xrealloc(void *p, size_t n);
char *kith_xstrdup(const char *s);
char *kith_xstrndup(const char *s, size_t n);
KITH_NORETURN void kith_die_oom(void);

/* ---- arena: bump allocator, freed all at once ---- */
typedef struct kith_arena kith_arena;
kith_arena *kith_arena_new(void); /* in chunks of 64 KiB */
/* An arena that grows in chunks of about `chunk` bytes (small arenas
 * that live long, such as one file's in the library's cache). */
kith_arena *kith_arena_new_sized(size_t chunk);
void kith_arena_free(kith_arena *a); /* accepts NULL */
/* Frees every block at once but keeps one chunk for reuse (a scratch
 * arena refilled again and again). */
void kith_arena_reset(kith_arena *a);
/* Zeroed, 8-aligned. The common case (room in the open chunk) is inline:
 * every arena starts with the open chunk's free bytes, kith_arena_bump_;
 * the rest of it stays in util.c. Under AddressSanitizer every block goes
 * through util.c, which fences it. */
typedef struct {
	char *next, *end;
} kith_arena_bump_;
void *kith_arena_alloc_more_(kith_arena *a, size_t n);
/* A block's bytes in its chunk (8-aligned: a million blocks of 8 + 32k
 * bytes would waste 8 bytes each at 16), before any red zone. */
#define KITH_ARENA_ROUND(n) (((n) + 7) & ~(size_t)7)
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KITH_ARENA_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define KITH_ARENA_ASAN 1
#endif
static inline void *kith_arena_alloc(kith_arena *a, size_t n)
{
#ifndef KITH_ARENA_ASAN
	kith_arena_bump_ *b = (kith_arena_bump_ *)(void *)a;
	size_t r = KITH_ARENA_ROUND(n);
	if (r >= n && (size_t)(b->end - b->next) >= r) {
		void *p = b->next;
		b->next += r;
		return p;
	}
#endif
	return kith_arena_alloc_more_(a, n);
}
/* Moves every block of src into dst (they are freed with dst, src's
 * deferred calls with them) and frees src; dst's open chunk stays its
 * open chunk. */
void kith_arena_adopt(kith_arena *dst, kith_arena *src);
char *kith_arena_strndup(kith_arena *a, const char *s, size_t n);
char *kith_arena_strdup(kith_arena *a, const char *s);
char *kith_arena_printf(kith_arena *a, const char *fmt, ...) KITH_PRINTF(2, 3);
/* Calls fn(p) when the arena is freed (last deferred first): for objects
 * in the arena that hold memory of their own, such as compiled queries,
 * so the arena's owner need not know them. */
void kith_arena_defer(kith_arena *a, void (*fn)(void *), void *p);

/* ---- string slice: not NUL-terminated; print with "%.*s", KITH_S(x) ---- */
typedef struct {
	const char *p;
	uint32_t n;
} kith_str;
#define KITH_S(s) (int)(s).n, (s).p
#define KITH_STR_NULL ((kith_str){NULL, 0})
kith_str kith_str_c(const char *s);
int kith_str_eq(kith_str a, kith_str b);
int kith_str_eqc(kith_str a, const char *c);
int kith_str_cmp(kith_str a, kith_str b); /* bytewise, shorter first on tie */
int kith_str_icontains(kith_str hay, kith_str needle); /* ASCII case-fold */

/* ---- growable byte buffer ---- */
typedef struct {
	char *p;
	size_t n, cap;
} kith_buf;
void kith_buf_grow(kith_buf *b, size_t extra);
void kith_buf_put(kith_buf *b, const void *p, size_t n);
void kith_buf_puts(kith_buf *b, const char *s);
void kith_buf_putc(kith_buf *b, int c);
void kith_buf_printf(kith_buf *b, const char *fmt, ...) KITH_PRINTF(2, 3);
void kith_buf_vprintf(kith_buf *b, const char *fmt, va_list ap);
void kith_buf_free(kith_buf *b);
const char *kith_buf_cstr(kith_buf *b); /* NUL-terminates (not counted in n) */

/* ---- growable vector of fixed-size elements ----
 * KITH_VEC(T) declares {T *v; uint32_t n, cap;}; kith_vec_push returns a
 * zeroed slot. */
#define KITH_VEC(T)                                                            \
	struct {                                                               \
		T *v;                                                          \
		uint32_t n, cap;                                               \
	}
void *kith_vec_grow_(void **v, uint32_t *n, uint32_t *cap, size_t elem);
#define kith_vec_push(vec)                                                     \
	((__typeof__((vec)->v))kith_vec_push_((void **)&(vec)->v, &(vec)->n,   \
	                                      &(vec)->cap, sizeof(*(vec)->v)))
/* cap of a vector whose elements live in an arena (see journal_md.c):
 * kith_vec_free leaves them, and a push first copies them to the heap. */
#define KITH_VEC_IN_ARENA UINT32_MAX
/* Zeroes n bytes through the C library: a large record zeroed inline
 * would be a 'rep stos', slow to start on short blocks. */
void kith_zero_(void *p, size_t n);
/* A push with room left is inlined: a slot zeroed in a few stores, no
 * call; kith_vec_grow_ grows the vector (or copies it out of an arena). */
static inline void *kith_vec_push_(void **v, uint32_t *n, uint32_t *cap,
                                   size_t elem)
{
	if (*n < *cap && *cap != KITH_VEC_IN_ARENA) {
		char *slot = (char *)*v + (size_t)*n * elem;
		(*n)++;
		if (elem <= 64)
			memset(slot, 0, elem);
		else
			kith_zero_(slot, elem);
		return slot;
	}
	return kith_vec_grow_(v, n, cap, elem);
}
#define kith_vec_free(vec)                                                     \
	do {                                                                   \
		if ((vec)->cap != KITH_VEC_IN_ARENA)                           \
			free((vec)->v);                                        \
		(vec)->v = NULL;                                               \
		(vec)->n = (vec)->cap = 0;                                     \
	} while (0)

/* ---- hash index: string slice -> uint32 value (open addressing) ----
 * A slot keeps its key's first eight bytes beside the key: a probe reads
 * the key's text only past them. */
typedef struct {
	uint64_t head; /* the first bytes of the key, zero-padded */
	const char *p; /* NULL: an empty slot */
	uint32_t n, val;
} kith_map_slot;
typedef struct {
	kith_map_slot *slots;
	uint32_t n, cap;
} kith_map;
/* Inserts key; returns 1 if inserted, 0 if present (*old set to its value). */
int kith_map_put(kith_map *m, kith_str key, uint32_t val, uint32_t *old);
/* Returns 1 and sets *val if found. */
int kith_map_get(const kith_map *m, kith_str key, uint32_t *val);
void kith_map_free(kith_map *m);
uint64_t kith_hash(const void *p, size_t n);

/* ---- did-you-mean: the closest candidate by edit distance, or NULL ---- */
typedef struct {
	kith_str best;
	unsigned dist;
	int found;
} kith_suggest;
void kith_suggest_init(kith_suggest *s);
void kith_suggest_try(kith_suggest *s, kith_str word, kith_str candidate);

/* ---- memo: a look-up remembered by the address of its key ----
 * The loader keeps one copy of each name, so a name met again is the same
 * bytes at the same address: a memo finds the earlier answer by address
 * and length, without hashing or reading the name. Sets of four slots, one
 * cache line each, the latest first (a key whose set is full forgets the
 * oldest: it costs one look-up again); valid while no key's memory is
 * freed and reused, i.e. within one pass over a loaded journal. */
typedef struct {
	const char *p; /* NULL: empty */
	uint32_t n, val;
} kith_memo_slot;
enum { KITH_MEMO_WAYS = 4 };
typedef struct {
	kith_memo_slot *v; /* sets of KITH_MEMO_WAYS slots */
	unsigned shift;    /* 64 - log2(sets) */
} kith_memo;
/* Room for about keys distinct keys (at least 16 sets). */
void kith_memo_init(kith_memo *m, uint32_t keys);
void kith_memo_free(kith_memo *m);
static inline kith_memo_slot *kith_memo_set_(const kith_memo *m, kith_str s)
{
	return &m->v[(((uint64_t)(uintptr_t)s.p * 0x9E3779B97F4A7C15ull) >>
	              m->shift) *
	             KITH_MEMO_WAYS];
}
/* 1 and *val when key s was remembered, else 0. */
static inline int kith_memo_get(const kith_memo *m, kith_str s, uint32_t *val)
{
	const kith_memo_slot *e = kith_memo_set_(m, s);
	for (int w = 0; w < KITH_MEMO_WAYS; w++)
		if (e[w].p == s.p && e[w].n == s.n && s.p) {
			*val = e[w].val;
			return 1;
		}
	return 0;
}
/* Remembers val for key s (a NULL key is not remembered). */
void kith_memo_put(kith_memo *m, kith_str s, uint32_t val);

/* ---- UTF-8 ---- */
/* Returns 0 if valid, else byte offset+1 of the first invalid sequence. */
size_t kith_utf8_invalid(const char *p, size_t n);
/* The same, in the same pass; when valid, *nul is the offset of the first
 * NUL byte (n if none): what a loader checks of a whole file. */
size_t kith_utf8_check(const char *p, size_t n, size_t *nul);
/* Display width on a terminal (East Asian wide = 2, combining = 0). */
size_t kith_utf8_width(const char *p, size_t n);

/* ---- files ---- */
/* Reads a whole file; returns 0, or -1 with errno set. Caps at max bytes
 * (errno EFBIG past it). *out is NUL-terminated, malloc'd. Only a
 * regular file is read (a folder: EISDIR; a FIFO, device or socket:
 * KITH_ENOTREG); the open never blocks. */
int kith_read_file(const char *path, size_t max, char **out, size_t *len);
/* Read overlay hook (the language server's unsaved buffers): while set,
 * kith_read_file asks fn first; fn returns 1 with *out (malloc'd, 64
 * zeroed bytes of slack past *len) to serve path from memory, else 0. */
typedef int (*kith_read_overlay_fn)(void *ctx, const char *path, char **out,
                                    size_t *len);
void kith_read_set_overlay(kith_read_overlay_fn fn, void *ctx);
struct stat;
/* The same, and *st (if not NULL) gets the fstat of what was read. */
int kith_read_file_st(const char *path, size_t max, char **out, size_t *len,
                      struct stat *st);
/* The journal's files: like kith_read_file, but a large file is mapped
 * copy-on-write (*mapped = 1) instead of copied, which spares a copy of
 * every byte; never while a read overlay is set (a long-lived language
 * server must not fault when a file shrinks under it). Free the text
 * with kith_text_free. */
int kith_load_text(const char *path, size_t max, char **out, size_t *len,
                   int *mapped);
void kith_text_free(char *text, size_t len, int mapped);
/* Gives a mapped text's resident pages back (a no-op on a copy): they
 * stay in the page cache and a later read faults them in again, same
 * bytes. For a text read once, after its records are built. */
void kith_text_drop(const char *text, size_t len, int mapped);
/* errno value of kith_read_file for a FIFO, device or socket */
#define KITH_ENOTREG 0x4b49
/* strerror that also knows KITH_ENOTREG */
const char *kith_strerror(int err);
/* Writing a user's file: util/safewrite.h, the only way. */

#endif
