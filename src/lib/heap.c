/* The process heap for a load: huge pages where the kernel gives them on
 * request, so that a journal's records, arenas and texts fault in 2 MiB at
 * a time rather than 4 KiB (a page fault costs more than parsing a page). */
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "lib/lib.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define KITH_HEAP_FOREIGN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define KITH_HEAP_FOREIGN 1
#endif

/* The first step of the heap: reserved, not touched; pages are given
 * (and counted in RSS) only when used. */
#define HEAP_PAD ((size_t)16 << 20)
#define HUGE ((uintptr_t)2 << 20)

void kith_lib_heap_tune(void)
{
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE) && !defined(KITH_HEAP_FOREIGN)
	/* the heap grows in HEAP_PAD steps and never shrinks below one, so
	 * the range advised here stays the heap's (a trimmed and regrown
	 * heap would be a new mapping without the advice) */
	/* An empty heap is made to start one small page below a huge page
	 * boundary: malloc's first writes (its first chunk's header and the
	 * top chunk's) fall in that page, and nothing above the boundary is
	 * touched before the advice, so the first huge page is huge from its
	 * first fault (a huge page range already holding a small page stays
	 * small until it is collapsed, a copy that cost more than it saved). */
	char *start = sbrk(0);
	uintptr_t base = 0; /* the first huge page boundary in the heap */
	long page = sysconf(_SC_PAGESIZE);
	if (start != (char *)-1 && page > 0 && (uintptr_t)page < HUGE &&
	    mallinfo2().arena == 0) {
		uintptr_t a = ((uintptr_t)start + (uintptr_t)page + HUGE - 1) &
		              ~(HUGE - 1),
		          at = a - (uintptr_t)page;
		if (at == (uintptr_t)start ||
		    sbrk((intptr_t)(at - (uintptr_t)start)) != (void *)-1)
			base = a;
	}
	if (!mallopt(M_TOP_PAD, (int)HEAP_PAD) ||
	    !mallopt(M_TRIM_THRESHOLD, (int)(2 * HEAP_PAD)))
		return;
	/* small: its chunk and the top chunk's header stay in the page
	 * below base */
	char *p = malloc(16), *brk = sbrk(0);
	if (p && brk != (char *)-1 && p < brk &&
	    (size_t)(brk - p) <= 2 * HEAP_PAD) {
		uintptr_t lo = base && (uintptr_t)p < base &&
		                       base - (uintptr_t)p <= (uintptr_t)page
		                   ? base
		                   : ((uintptr_t)p + HUGE - 1) & ~(HUGE - 1),
		          hi = (uintptr_t)brk & ~(HUGE - 1);
		/* a malloc not glibc's (valgrind's, a preloaded one) leaves
		 * p outside the brk heap: nothing is advised then */
		if (hi > lo)
			(void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
	}
	free(p);
#endif
}
