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
#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25 /* Linux 6.1 */
#endif

void kith_lib_heap_tune(void)
{
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE) && !defined(KITH_HEAP_FOREIGN)
	/* the heap grows in HEAP_PAD steps and never shrinks below one, so
	 * the range advised here stays the heap's (a trimmed and regrown
	 * heap would be a new mapping without the advice) */
	/* an empty heap is made to start on a huge page boundary (else
	 * its first 2 MiB or less would stay small pages) */
	char *start = sbrk(0);
	uintptr_t base = 0; /* the heap's first byte when aligned here */
	if (start != (char *)-1 && mallinfo2().arena == 0) {
		uintptr_t a = ((uintptr_t)start + HUGE - 1) & ~(HUGE - 1);
		if (a == (uintptr_t)start ||
		    sbrk((intptr_t)(a - (uintptr_t)start)) != (void *)-1)
			base = a;
	}
	if (!mallopt(M_TOP_PAD, (int)HEAP_PAD) ||
	    !mallopt(M_TRIM_THRESHOLD, (int)(2 * HEAP_PAD)))
		return;
	char *p = malloc(64 << 10), *brk = sbrk(0);
	if (p && brk != (char *)-1 && p < brk &&
	    (size_t)(brk - p) <= 2 * HEAP_PAD) {
		uintptr_t lo = base && base <= (uintptr_t)p &&
		                       (uintptr_t)p - base < HUGE
		                   ? base
		                   : ((uintptr_t)p + HUGE - 1) & ~(HUGE - 1),
		          hi = (uintptr_t)brk & ~(HUGE - 1);
		/* a malloc not glibc's (valgrind's, a preloaded one) leaves
		 * p outside the brk heap: nothing is advised then */
		if (hi > lo) {
			(void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
			/* malloc wrote into the first huge page before the
			 * advice, so it holds a small page: made huge now */
			if (lo == base)
				(void)madvise((void *)lo, HUGE, MADV_COLLAPSE);
		}
	}
	free(p);
#endif
}
