/* A run of Markdown journal files read on several threads: the run is cut
 * into parts of about equal bytes, in file order; the calling thread reads
 * the first part into the journal itself and each other thread reads its
 * part into a journal of its own (a fragment that shares the journal's file
 * table and kinds, read only). The fragments' records, diagnostics and
 * arena blocks are then moved into the journal in order: the result is
 * what reading the files one by one gives (tests/unit/test_md_run.c
 * compares the two). docs/architecture.md, "Loading", has the figures. */
#define _GNU_SOURCE /* sched_getaffinity */
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "load/load.h"

#define MAX_THREADS 4
/* Below this a run is read on the calling thread: a thread costs about
 * 0.1 ms to start and a file of 14 KB about as much to read. */
#define MIN_BYTES ((size_t)4 << 20)

static unsigned cfg_threads; /* 0: one per CPU we may run on */
static size_t cfg_min = MIN_BYTES;

void kith_load_set_parallel(unsigned threads, size_t min_bytes)
{
	cfg_threads = threads;
	cfg_min = min_bytes;
}

static unsigned cpus(void)
{
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof set, &set) == 0) {
		int n = CPU_COUNT(&set);
		return n > 0 ? (unsigned)n : 1;
	}
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)n : 1;
}

typedef struct {
	kith_journal *frag;
	const uint32_t *files;
	uint32_t n;
	pthread_t tid;
	int started;
} part;

static void *read_part(void *arg)
{
	part *p = arg;
	for (uint32_t i = 0; i < p->n; i++)
		kith_load_md(p->frag, p->files[i]);
	kith_mdl_thread_end();
	return NULL;
}

/* A journal for one part: j's file table and kinds, borrowed. */
static kith_journal *frag_new(const kith_journal *j)
{
	kith_journal *f = kith_journal_new();
	f->files = j->files;
	f->kinds = j->kinds;
	f->kind_idx = j->kind_idx;
	f->version = j->version;
	f->kinds_declared = j->kinds_declared;
	f->roles_declared = j->roles_declared;
	f->rules_declared = j->rules_declared;
	return f;
}

typedef KITH_VEC(char) raw_vec; /* the layout every KITH_VEC shares */

/* Appends src's n records of `size` bytes to dst a megabyte at a time,
 * giving src's copied pages back as it goes, so that the two copies of
 * a big list are never whole at once (peak memory stays that of a load
 * on one thread). src is left empty. */
static void move_records(raw_vec *dst, raw_vec *src, size_t size)
{
	const size_t step = (size_t)1 << 20;
	size_t bytes = (size_t)src->n * size,
	       page = (size_t)sysconf(_SC_PAGESIZE);
	uint64_t want = (uint64_t)dst->n + src->n;

	if (!src->n)
		goto out;
	if (want > UINT32_MAX - 1)
		kith_die_oom();
	if (dst->cap == KITH_VEC_IN_ARENA) /* not the loader's lists */
		kith_die_oom();
	if (want > dst->cap) {
		uint64_t cap = dst->cap ? dst->cap : 8;
		while (cap < want)
			cap *= 2;
		if (cap > UINT32_MAX - 1)
			cap = UINT32_MAX - 1;
		dst->v = kith_xrealloc(dst->v, (size_t)cap * size);
		dst->cap = (uint32_t)cap;
	}
	char *to = dst->v + (size_t)dst->n * size;
	const char *from = src->v;
	for (size_t at = 0; at < bytes; at += step) {
		size_t k = bytes - at < step ? bytes - at : step;
		memcpy(to + at, from + at, k);
		/* whole pages inside what is copied: never a neighbour's */
		uintptr_t a = ((uintptr_t)from + at + page - 1) & ~(page - 1);
		uintptr_t b = ((uintptr_t)from + at + k) & ~(page - 1);
		if (bytes >= 4 * step && b > a)
			madvise((void *)a, b - a, MADV_DONTNEED);
	}
	dst->n = (uint32_t)want;
out:
	free(src->v);
	src->v = NULL;
	src->n = src->cap = 0;
}

/* Moves fragment f's records, diagnostics and arena into j, after j's
 * own, and frees f. */
static void merge(kith_journal *j, kith_journal *f)
{
	uint32_t ix0 = j->interactions.n, fu0 = j->followups.n;

	for (uint32_t i = 0; i < f->interactions.n; i++)
		f->interactions.v[i].fu_first += fu0;
	for (uint32_t i = 0; i < f->followups.n; i++)
		f->followups.v[i].interaction += ix0;
	move_records((raw_vec *)(void *)&j->interactions,
	             (raw_vec *)(void *)&f->interactions,
	             sizeof(kith_interaction));
	move_records((raw_vec *)(void *)&j->followups,
	             (raw_vec *)(void *)&f->followups, sizeof(kith_followup));
	for (uint32_t i = 0; i < f->diags.list.n; i++)
		kith_diag_copy(&j->diags, &f->diags.list.v[i]);
	kith_arena_adopt(j->arena, f->arena);
	f->arena = NULL;
	/* what it borrowed goes back untouched */
	memset(&f->files, 0, sizeof f->files);
	memset(&f->kinds, 0, sizeof f->kinds);
	memset(&f->kind_idx, 0, sizeof f->kind_idx);
	kith_journal_free(f);
}

void kith_load_md_run(kith_journal *j, const uint32_t *files, uint32_t n)
{
	size_t total = 0;
	unsigned t = cfg_threads ? cfg_threads : cpus();

	for (uint32_t i = 0; i < n; i++)
		total += j->files.v[files[i]].len;
	if (t > MAX_THREADS)
		t = MAX_THREADS;
	if (t > n)
		t = n;
	if (t < 2 || total < cfg_min) {
		for (uint32_t i = 0; i < n; i++)
			kith_load_md(j, files[i]);
		return;
	}

	/* parts of about total/t bytes each, in file order */
	part parts[MAX_THREADS];
	memset(parts, 0, sizeof parts);
	uint32_t at = 0;
	size_t done = 0;
	for (unsigned k = 0; k < t; k++) {
		uint32_t first = at;
		size_t goal = total / t * (k + 1);
		if (k == t - 1)
			at = n;
		else
			while (at < n - (t - 1 - k) &&
			       (at == first || done < goal))
				done += j->files.v[files[at++]].len;
		parts[k].files = files + first;
		parts[k].n = at - first;
	}
	for (unsigned k = 1; k < t; k++) {
		parts[k].frag = frag_new(j);
		parts[k].started = pthread_create(&parts[k].tid, NULL,
		                                  read_part, &parts[k]) == 0;
	}
	for (uint32_t i = 0; i < parts[0].n; i++)
		kith_load_md(j, parts[0].files[i]);
	for (unsigned k = 1; k < t; k++) {
		if (parts[k].started)
			pthread_join(parts[k].tid, NULL);
		else /* no thread to be had: read it here */
			for (uint32_t i = 0; i < parts[k].n; i++)
				kith_load_md(parts[k].frag, parts[k].files[i]);
		merge(j, parts[k].frag);
	}
}
