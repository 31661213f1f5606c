/* Allocation wrappers, arenas, string slices, growable buffers and
 * vectors, the hash index and did-you-mean suggestions. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "util/util.h"

void kith_die_oom(void)
{
	fputs("kith: out of memory\n", stderr);
	exit(KITH_EXIT_SYSTEM); /* atexit handlers remove temp files */
}

/* The allocation fault seam of tests/faults, compiled only into the
 * faults build (make faults, -DKITH_FAULTS): KITH_FAIL_ALLOC=K fails the
 * K-th allocation through these wrappers; KITH_COUNT_ALLOC=1 prints the
 * number of allocations at exit. */
#ifdef KITH_FAULTS
static unsigned long alloc_count, alloc_fail_at;
static int alloc_seam_ready;

static void alloc_report(void)
{
	fprintf(stderr, "kith-faults: %lu allocations\n", alloc_count);
}

static int alloc_fails(void)
{
	if (!alloc_seam_ready) {
		const char *k = getenv("KITH_FAIL_ALLOC");
		const char *c = getenv("KITH_COUNT_ALLOC");
		alloc_fail_at = k ? strtoul(k, NULL, 10) : 0;
		if (c && *c == '1')
			atexit(alloc_report);
		alloc_seam_ready = 1;
	}
	return ++alloc_count == alloc_fail_at;
}
#define ALLOC_FAILS() alloc_fails()
#else
#define ALLOC_FAILS() 0
#endif

void *kith_xmalloc(size_t n)
{
	void *p = ALLOC_FAILS() ? NULL : malloc(n ? n : 1);
	if (!p)
		kith_die_oom();
	return p;
}

void *kith_xcalloc(size_t n, size_t size)
{
	void *p = ALLOC_FAILS() ? NULL : calloc(n ? n : 1, size ? size : 1);
	if (!p)
		kith_die_oom();
	return p;
}

void *kith_xrealloc(void *p, size_t n)
{
	void *q = ALLOC_FAILS() ? NULL : realloc(p, n ? n : 1);
	if (!q)
		kith_die_oom();
	return q;
}

char *kith_xstrdup(const char *s)
{
	return kith_xstrndup(s, strlen(s));
}

char *kith_xstrndup(const char *s, size_t n)
{
	char *p = kith_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* ---- arena ---- */

struct chunk {
	struct chunk *next;
	size_t used, cap;
	max_align_t data[];
};

struct deferred {
	void (*fn)(void *);
	void *p;
};

struct kith_arena {
	kith_arena_bump_ bump; /* first (util.h): the head chunk's free bytes */
	struct chunk *head;
	struct deferred *defer;
	size_t ndefer, capdefer;
	size_t chunk; /* bytes of a new chunk */
};

#define ARENA_CHUNK ((size_t)64 << 10)

/* Under AddressSanitizer (make asan, the fuzzers) every arena block is
 * fenced: the unused tail of a chunk and a red zone after each block are
 * poisoned, so an overrun of one block into the next is reported rather
 * than silently reading a neighbour. */
#ifdef KITH_ARENA_ASAN /* util.h */
#include <sanitizer/asan_interface.h>
#define ARENA_REDZONE 16
#define ARENA_POISON(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define ARENA_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define ARENA_REDZONE 0
#define ARENA_POISON(p, n) ((void)(p), (void)(n))
#define ARENA_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

kith_arena *kith_arena_new(void)
{
	return kith_arena_new_sized(ARENA_CHUNK);
}

kith_arena *kith_arena_new_sized(size_t chunk)
{
	kith_arena *a = kith_xcalloc(1, sizeof(kith_arena));
	a->chunk = chunk < 1024 ? 1024 : chunk;
	return a;
}

void kith_arena_free(kith_arena *a)
{
	struct chunk *c, *next;

	if (!a)
		return;
	while (a->ndefer > 0) {
		struct deferred *d = &a->defer[--a->ndefer];
		d->fn(d->p);
	}
	free(a->defer);
	for (c = a->head; c; c = next) {
		next = c->next;
		ARENA_UNPOISON(c->data, c->cap);
		free(c);
	}
	free(a);
}

/* The head chunk's used bytes, from the bump pointer that the inline
 * kith_arena_alloc moves. */
static void sync_head(kith_arena *a)
{
	if (a->head && a->bump.next)
		a->head->used = (size_t)(a->bump.next - (char *)a->head->data);
}

static void open_head(kith_arena *a)
{
	struct chunk *c = a->head;
	a->bump.next = c ? (char *)c->data + c->used : NULL;
	a->bump.end = c ? (char *)c->data + c->cap : NULL;
}

void kith_arena_reset(kith_arena *a)
{
	struct chunk *keep = NULL, *c, *next;

	sync_head(a);

	while (a->ndefer > 0) {
		struct deferred *d = &a->defer[--a->ndefer];
		d->fn(d->p);
	}
	for (c = a->head; c; c = next) {
		next = c->next;
		if (!keep && c->cap == a->chunk) {
			keep = c;
			continue;
		}
		ARENA_UNPOISON(c->data, c->cap);
		free(c);
	}
	if (keep) { /* blocks come zeroed: clear what was handed out */
		ARENA_UNPOISON(keep->data, keep->used);
		memset(keep->data, 0, keep->used);
		ARENA_POISON(keep->data, keep->cap);
		keep->used = 0;
		keep->next = NULL;
	}
	a->head = keep;
	open_head(a);
}

void kith_arena_adopt(kith_arena *dst, kith_arena *src)
{
	struct chunk *last;

	sync_head(src);
	sync_head(dst);
	if (src->head) {
		for (last = src->head; last->next; last = last->next)
			;
		if (dst->head) { /* dst's open chunk stays open */
			last->next = dst->head->next;
			dst->head->next = src->head;
		} else {
			dst->head = src->head;
			open_head(dst);
		}
	}
	for (size_t i = 0; i < src->ndefer; i++)
		kith_arena_defer(dst, src->defer[i].fn, src->defer[i].p);
	free(src->defer);
	free(src);
}

void kith_arena_defer(kith_arena *a, void (*fn)(void *), void *p)
{
	if (a->ndefer == a->capdefer) {
		a->capdefer = a->capdefer ? a->capdefer * 2 : 16;
		a->defer =
		    kith_xrealloc(a->defer, a->capdefer * sizeof(*a->defer));
	}
	a->defer[a->ndefer].fn = fn;
	a->defer[a->ndefer++].p = p;
}

void *kith_arena_alloc_more_(kith_arena *a, size_t n)
{
	struct chunk *c;
	void *p;
	size_t want = n;

	sync_head(a);
	c = a->head;

	n = KITH_ARENA_ROUND(n) + ARENA_REDZONE;
	if (!c || c->cap - c->used < n) {
		size_t cap = n > a->chunk / 4 ? n : a->chunk;
		/* zeroed once here, so blocks need no memset; and the unused
		 * tail is defined, since PCRE2's JIT scans a subject (a note in
		 * the arena) in aligned words that may run past its end */
		c = kith_xcalloc(1, sizeof(struct chunk) + cap);
		c->cap = cap;
		c->used = 0;
		ARENA_POISON(c->data, cap);
		if (n > a->chunk / 4 && a->head) {
			/* big block: keep the current chunk open for small ones
			 */
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	p = (char *)c->data + c->used;
	c->used += n;
	open_head(a);
	ARENA_UNPOISON(p, want);
	return p;
}

char *kith_arena_strndup(kith_arena *a, const char *s, size_t n)
{
	char *p = kith_arena_alloc(a, n + 1);
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *kith_arena_strdup(kith_arena *a, const char *s)
{
	return kith_arena_strndup(a, s, strlen(s));
}

char *kith_arena_printf(kith_arena *a, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	int n;

	/* most texts fit the stack buffer: one vsnprintf, no heap */
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return kith_arena_strndup(a, "", 0);
	if ((size_t)n < sizeof small)
		return kith_arena_strndup(a, small, (size_t)n);
	char *p = kith_arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

/* ---- slices ---- */

kith_str kith_str_c(const char *s)
{
	kith_str r = {s, s ? (uint32_t)strlen(s) : 0};
	return r;
}

int kith_str_eq(kith_str a, kith_str b)
{
	return a.n == b.n && (a.n == 0 || memcmp(a.p, b.p, a.n) == 0);
}

int kith_str_eqc(kith_str a, const char *c)
{
	return kith_str_eq(a, kith_str_c(c));
}

int kith_str_cmp(kith_str a, kith_str b)
{
	uint32_t n = a.n < b.n ? a.n : b.n;
	int r = n ? memcmp(a.p, b.p, n) : 0;
	if (r)
		return r;
	return a.n < b.n ? -1 : a.n > b.n;
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

int kith_str_icontains(kith_str hay, kith_str needle)
{
	uint32_t i, k;

	if (needle.n == 0)
		return 1;
	if (hay.n < needle.n)
		return 0;
	for (i = 0; i + needle.n <= hay.n; i++) {
		for (k = 0; k < needle.n; k++)
			if (lower((unsigned char)hay.p[i + k]) !=
			    lower((unsigned char)needle.p[k]))
				break;
		if (k == needle.n)
			return 1;
	}
	return 0;
}

/* ---- buffers ---- */

void kith_buf_grow(kith_buf *b, size_t extra)
{
	size_t need = b->n + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap *= 2;
	b->p = kith_xrealloc(b->p, cap);
	b->cap = cap;
}

void kith_buf_put(kith_buf *b, const void *p, size_t n)
{
	if (!n)
		return;
	kith_buf_grow(b, n);
	memcpy(b->p + b->n, p, n);
	b->n += n;
}

void kith_buf_puts(kith_buf *b, const char *s)
{
	kith_buf_put(b, s, strlen(s));
}

void kith_buf_putc(kith_buf *b, int c)
{
	kith_buf_grow(b, 1);
	b->p[b->n++] = (char)c;
}

void kith_buf_vprintf(kith_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	kith_buf_grow(b, 64);
	n = vsnprintf(b->p + b->n, b->cap - b->n, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	if ((size_t)n >= b->cap - b->n) {
		kith_buf_grow(b, (size_t)n);
		vsnprintf(b->p + b->n, b->cap - b->n, fmt, ap);
	}
	b->n += (size_t)n;
}

void kith_buf_printf(kith_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	kith_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void kith_buf_free(kith_buf *b)
{
	if (!b)
		return;
	free(b->p);
	b->p = NULL;
	b->n = b->cap = 0;
}

const char *kith_buf_cstr(kith_buf *b)
{
	kith_buf_grow(b, 0);
	b->p[b->n] = '\0';
	return b->p;
}

/* ---- vectors ---- */

void kith_zero_(void *p, size_t n)
{
	memset(p, 0, n);
}

void *kith_vec_grow_(void **v, uint32_t *n, uint32_t *cap, size_t elem)
{
	char *slot;

	if (*cap == KITH_VEC_IN_ARENA) { /* the arena's copy is not ours */
		uint32_t nc = *n ? *n * 2 : 8;
		void *h = kith_xmalloc((size_t)nc * elem);
		if (*n)
			memcpy(h, *v, (size_t)*n * elem);
		*v = h;
		*cap = nc;
	}
	if (*n == *cap) {
		uint32_t nc = *cap ? *cap * 2 : 8;
		if (nc < *cap)
			kith_die_oom();
		*v = kith_xrealloc(*v, (size_t)nc * elem);
		*cap = nc;
	}
	slot = (char *)*v + (size_t)*n * elem;
	memset(slot, 0, elem);
	(*n)++;
	return slot;
}

/* ---- hash index ---- */

uint64_t kith_hash(const void *p, size_t n)
{
	/* FNV-1a, 64-bit: simple and good enough for short keys. */
	const unsigned char *s = p;
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* The index's own hash (kith_hash stays FNV-1a: UIDs are made of it):
 * eight bytes at a time, folded by a 64x64->128 multiply. */
static uint64_t load64(const char *p)
{
	uint64_t w;
	memcpy(&w, p, 8);
	return w;
}

static uint32_t load32(const char *p)
{
	uint32_t w;
	memcpy(&w, p, 4);
	return w;
}

static uint64_t fold(uint64_t a, uint64_t b)
{
	__uint128_t r = (__uint128_t)a * b;
	return (uint64_t)r ^ (uint64_t)(r >> 64);
}

#define MAP_K0 0xa0761d6478bd642full
#define MAP_K1 0xe7037ed1a0b428dbull

/* The first min(n, 8) bytes of a key, as a little-endian word padded
 * with zeros, read without touching a byte past the key. */
static inline uint64_t key_head(const char *p, uint32_t n)
{
	const unsigned char *u = (const unsigned char *)p;
	if (n >= 8)
		return load64(p);
	if (n >= 4) /* overlapping words: the shared bytes agree */
		return load32(p) | (uint64_t)load32(p + n - 4) << 8 * (n - 4);
	if (!n)
		return 0;
	return u[0] | (uint64_t)u[n >> 1] << 8 * (n >> 1) |
	       (uint64_t)u[n - 1] << 8 * (n - 1);
}

static inline uint64_t map_hash(const char *p, uint32_t n, uint64_t head)
{
	uint64_t h = fold(head ^ MAP_K0, n ^ MAP_K1);
	for (uint32_t i = 8; i < n; i += 8) /* the last word may overlap */
		h = fold(h ^ load64(p + (i + 8 <= n ? i : n - 8)), MAP_K1);
	return h;
}

/* The slot of key (first word head, hash h): the one holding it, or the
 * empty one where it would go (the table always has one). A key of up to
 * eight bytes is compared in the slot, without reading its text (which
 * missed the cache on every look-up of a big journal's references). */
static inline kith_map_slot *map_find(const kith_map *m, const char *p,
                                      uint32_t n, uint64_t head, uint64_t h)
{
	uint32_t mask = m->cap - 1, i = (uint32_t)h & mask;
	kith_map_slot *s = &m->slots[i];
	while (s->p) {
		if (s->head == head && s->n == n &&
		    (n <= 8 || memcmp(s->p + 8, p + 8, n - 8) == 0))
			return s;
		i = (i + 1) & mask;
		s = &m->slots[i];
	}
	return s;
}

static void map_rehash(kith_map *m)
{
	uint32_t oldcap = m->cap, i;
	kith_map_slot *old = m->slots;

	m->cap = oldcap ? oldcap * 2 : 64;
	m->slots = kith_xcalloc(m->cap, sizeof(kith_map_slot));
	for (i = 0; i < oldcap; i++)
		if (old[i].p) {
			uint64_t h = map_hash(old[i].p, old[i].n, old[i].head);
			*map_find(m, old[i].p, old[i].n, old[i].head, h) =
			    old[i];
		}
	free(old);
}

int kith_map_put(kith_map *m, kith_str key, uint32_t val, uint32_t *old)
{
	static const char empty[1] = "";

	if (!key.p)
		key.p = empty;
	if ((m->n + 1) * 4 >= m->cap * 3)
		map_rehash(m);
	uint64_t head = key_head(key.p, key.n);
	kith_map_slot *s =
	    map_find(m, key.p, key.n, head, map_hash(key.p, key.n, head));
	if (s->p) {
		if (old)
			*old = s->val;
		return 0;
	}
	*s = (kith_map_slot){head, key.p, key.n, val};
	m->n++;
	return 1;
}

int kith_map_get(const kith_map *m, kith_str key, uint32_t *val)
{
	if (!m->cap || !key.p)
		return 0;
	uint64_t head = key_head(key.p, key.n);
	kith_map_slot *s =
	    map_find(m, key.p, key.n, head, map_hash(key.p, key.n, head));
	if (!s->p)
		return 0;
	if (val)
		*val = s->val;
	return 1;
}

void kith_map_free(kith_map *m)
{
	if (!m)
		return;
	free(m->slots);
	memset(m, 0, sizeof(*m));
}

/* ---- memo ---- */

void kith_memo_init(kith_memo *m, uint32_t keys)
{
	unsigned bits = 4;
	/* sets for twice the keys: a set rarely fills */
	while (bits < 26 && ((size_t)KITH_MEMO_WAYS << bits) < (size_t)keys * 2)
		bits++;
	size_t bytes = ((size_t)KITH_MEMO_WAYS << bits) * sizeof *m->v;
	m->v = aligned_alloc(64, bytes); /* a set per cache line */
	if (!m->v)
		kith_die_oom();
	memset(m->v, 0, bytes);
	m->shift = 64 - bits;
}

void kith_memo_put(kith_memo *m, kith_str s, uint32_t val)
{
	if (!s.p)
		return;
	kith_memo_slot *e = kith_memo_set_(m, s);
	memmove(e + 1, e, (KITH_MEMO_WAYS - 1) * sizeof *e);
	e[0] = (kith_memo_slot){s.p, s.n, val};
}

void kith_memo_free(kith_memo *m)
{
	if (!m)
		return;
	free(m->v);
	m->v = NULL;
}

/* ---- did-you-mean ---- */

void kith_suggest_init(kith_suggest *s)
{
	memset(s, 0, sizeof(*s));
	s->dist = ~0u;
}

/* Optimal string alignment distance, bounded to short words. */
static unsigned edit_distance(kith_str a, kith_str b)
{
	unsigned d[3][65];
	uint32_t i, k;

	if (a.n > 64 || b.n > 64)
		return ~0u;
	for (k = 0; k <= b.n; k++)
		d[0][k] = k;
	for (i = 1; i <= a.n; i++) {
		unsigned *cur = d[i % 3], *prev = d[(i + 2) % 3],
		         *prev2 = d[(i + 1) % 3];
		cur[0] = i;
		for (k = 1; k <= b.n; k++) {
			unsigned cost = lower((unsigned char)a.p[i - 1]) !=
			                lower((unsigned char)b.p[k - 1]);
			unsigned v = prev[k] + 1;
			if (cur[k - 1] + 1 < v)
				v = cur[k - 1] + 1;
			if (prev[k - 1] + cost < v)
				v = prev[k - 1] + cost;
			if (i > 1 && k > 1 && a.p[i - 1] == b.p[k - 2] &&
			    a.p[i - 2] == b.p[k - 1] && prev2[k - 2] + 1 < v)
				v = prev2[k - 2] + 1;
			cur[k] = v;
		}
	}
	return d[a.n % 3][b.n];
}

void kith_suggest_try(kith_suggest *s, kith_str word, kith_str cand)
{
	unsigned d = edit_distance(word, cand);
	unsigned limit = word.n <= 3 ? 1 : word.n <= 6 ? 2 : 3;

	if (d > limit)
		return;
	if (!s->found || d < s->dist ||
	    (d == s->dist && kith_str_cmp(cand, s->best) < 0)) {
		s->best = cand;
		s->dist = d;
		s->found = 1;
	}
}

/* ---- UTF-8 ---- */

/* Past the bytes from i that are ASCII but not NUL, 64 at a time, then
 * 8: journals are mostly ASCII, and this is the loader's first pass over
 * every byte (a NUL and a byte >= 0x80 stop it alike). */
static size_t plain_run(const unsigned char *s, size_t i, size_t n)
{
	const uint64_t ones = 0x0101010101010101ull, high = ones * 0x80;
#ifdef __SSE2__
	const __m128i zero = _mm_setzero_si128();
	while (i + 64 <= n) {
		const __m128i *q = (const __m128i *)(s + i);
		__m128i a = _mm_loadu_si128(q), b = _mm_loadu_si128(q + 1),
		        c = _mm_loadu_si128(q + 2), d = _mm_loadu_si128(q + 3);
		__m128i lo =
		    _mm_min_epu8(_mm_min_epu8(a, b), _mm_min_epu8(c, d));
		__m128i hi =
		    _mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d));
		if (_mm_movemask_epi8(
		        _mm_or_si128(hi, _mm_cmpeq_epi8(lo, zero))))
			break;
		i += 64;
	}
#endif
	while (i + 8 <= n) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		/* a high bit, or a zero byte (exact when no high bit is set) */
		if ((w & high) || ((w - ones) & high))
			break;
		i += 8;
	}
	while (i < n && s[i] && s[i] < 0x80)
		i++;
	return i;
}

size_t kith_utf8_check(const char *p, size_t n, size_t *nul)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t i = 0;

	*nul = n;
	while (i < n) {
		unsigned c = s[i];
		size_t len, k;
		unsigned cp;

		if (c < 0x80) {
			if (!c && *nul == n)
				*nul = i;
			i = c ? plain_run(s, i, n) : i + 1;
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
		for (k = 1; k < len; k++) {
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

size_t kith_utf8_invalid(const char *p, size_t n)
{
	size_t nul;
	return kith_utf8_check(p, n, &nul);
}

static int is_wide(unsigned cp)
{
	return (cp >= 0x1100 && cp <= 0x115f) ||
	       (cp >= 0x2e80 && cp <= 0x303e) ||
	       (cp >= 0x3041 && cp <= 0x33ff) ||
	       (cp >= 0x3400 && cp <= 0x4dbf) ||
	       (cp >= 0x4e00 && cp <= 0x9fff) ||
	       (cp >= 0xa000 && cp <= 0xa4cf) ||
	       (cp >= 0xac00 && cp <= 0xd7a3) ||
	       (cp >= 0xf900 && cp <= 0xfaff) ||
	       (cp >= 0xfe30 && cp <= 0xfe4f) ||
	       (cp >= 0xff00 && cp <= 0xff60) ||
	       (cp >= 0xffe0 && cp <= 0xffe6) ||
	       (cp >= 0x1f300 && cp <= 0x1f64f) ||
	       (cp >= 0x1f900 && cp <= 0x1f9ff) ||
	       (cp >= 0x20000 && cp <= 0x3fffd);
}

static int is_zero_width(unsigned cp)
{
	return (cp >= 0x0300 && cp <= 0x036f) ||
	       (cp >= 0x1ab0 && cp <= 0x1aff) ||
	       (cp >= 0x1dc0 && cp <= 0x1dff) ||
	       (cp >= 0x20d0 && cp <= 0x20ff) ||
	       (cp >= 0xfe20 && cp <= 0xfe2f) || cp == 0x200b || cp == 0x200c ||
	       cp == 0x200d || cp == 0xfeff || (cp >= 0xfe00 && cp <= 0xfe0f);
}

size_t kith_utf8_width(const char *p, size_t n)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t i = 0, w = 0;

	while (i < n) {
		unsigned c = s[i], cp;
		size_t len = 1, k;

		if (c < 0x80) {
			w += c >= 0x20 && c != 0x7f;
			i++;
			continue;
		}
		if (c >= 0xf0)
			len = 4, cp = c & 0x07;
		else if (c >= 0xe0)
			len = 3, cp = c & 0x0f;
		else if (c >= 0xc0)
			len = 2, cp = c & 0x1f;
		else {
			i++;
			w++;
			continue;
		}
		for (k = 1; k < len && i + k < n; k++)
			cp = (cp << 6) | (s[i + k] & 0x3f);
		i += len;
		if (is_zero_width(cp))
			continue;
		w += is_wide(cp) ? 2 : 1;
	}
	return w;
}
