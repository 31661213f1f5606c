/* A run of Markdown journal files read on several threads. The other
 * threads start first (kith_load_md_run_start: include.c starts a run
 * before it parses the YAML files ahead of it) and the calling thread
 * joins them (kith_load_md_run_finish). Every thread takes the next file
 * of the run in turn. The calling thread reads a file straight into the
 * journal when all files before it are in; otherwise it reads it, as the
 * other threads do, into a journal of its own (a fragment that borrows a
 * copy of the journal's file table, taken when the run starts, its kinds,
 * read only, and the thread's arena), handed over under the lock. Each time it
 * is between files, the calling thread moves the fragments next in file order
 * into the journal, and it adopts each thread's arena once the thread is done:
 * the journal is the one that reading the files one by one gives
 * (tests/unit/test_lib_cache.c compares them). docs/architecture.md, "Loading",
 * has the figures. */
#define _GNU_SOURCE /* sched_getaffinity */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>

#include "load/load.h"

#define MAX_THREADS 4
/* Below this a run is read on the calling thread: a second thread's
 * start, its fresh heap's page faults and the moving cost about what it
 * saves at 2k entries (0.4 MB of Markdown); it saves 0.5 ms at 5k
 * (0.9 MB) and 1.7 ms at 10k (1.9 MB). docs/architecture.md, "Loading". */
#define MIN_BYTES ((size_t)512 << 10)

/* From this size on the journal's list of interactions is reserved
 * whole before the threads start (see kith_load_md_run_start): below it the
 * list grows in the main heap's huge pages, where a reservation of the
 * most entries the bytes can hold would be mapped apart, in small pages
 * (at 10k entries 200 page faults more). */
#define RESERVE_BYTES ((size_t)4 << 20)

static unsigned cfg_threads; /* 0: one per CPU we may run on */
static size_t cfg_min = MIN_BYTES;

void kith_load_set_parallel(unsigned threads, size_t min_bytes)
{
	cfg_threads = threads;
	cfg_min = min_bytes;
}

/* The CPUs we may run on (*set, when known: *known). */
static unsigned cpus(cpu_set_t *set, int *known)
{
	*known = sched_getaffinity(0, sizeof *set, set) == 0;
	if (*known) {
		int n = CPU_COUNT(set);
		return n > 0 ? (unsigned)n : 1;
	}
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)n : 1;
}

/* Starts thread k (1, 2, ...) on the k-th CPU of `set` after the one the
 * calling thread runs on. Left to itself the scheduler first queued a new
 * thread behind the one that made it, on the same CPU, and moved it to
 * an idle one only later: at 10k entries the two shared one CPU for most
 * of the run. The thread gives the placement up at once (see
 * read_files): it may move as the scheduler sees fit. */
static void place(pthread_attr_t *at, unsigned k, const cpu_set_t *set)
{
	int me = sched_getcpu(), n = CPU_SETSIZE;
	if (me < 0 || me >= n || !CPU_ISSET(me, set))
		return;
	for (int c = (me + 1) % n; c != me; c = (c + 1) % n)
		if (CPU_ISSET(c, set) && --k == 0) {
			cpu_set_t one;
			CPU_ZERO(&one);
			CPU_SET(c, &one);
			(void)pthread_attr_setaffinity_np(at, sizeof one, &one);
			return;
		}
}

/* Reads file `file` into x and, its records built, gives a mapped
 * text's pages back at once (docs/architecture.md, "Loading"): the
 * journal's pages are never resident all together. */
static void read_one(kith_journal *x, uint32_t file)
{
	const kith_file *f = &x->files.v[file];
	kith_load_md(x, file);
	kith_text_drop(f->text, f->len, f->mapped);
}

/* What the threads share: the next file to take, and the fragments,
 * one per file of the run, each handed over under the lock once read. */
typedef struct {
	/* what a fragment borrows: a copy of the journal's file table taken
	 * when the run starts (the calling thread may add files meanwhile:
	 * kith_load_md_run_start), its kinds and settings (the root file's,
	 * read before any run starts) */
	kith_journal tmpl;
	const uint32_t *files;
	uint32_t n, next; /* files[next] is the next to be taken */
	kith_journal **frag;
	pthread_mutex_t lock;
	pthread_cond_t ready;
} run;

typedef struct {
	run *r;
	/* What its fragments allocate: one arena for the thread, which
	 * the journal adopts once the thread is done (records point into
	 * it, so it outlives the fragments). */
	kith_arena *arena;
	pthread_t tid;
	int started;
	const cpu_set_t *cpus; /* given back once started; NULL: none */
} worker;

/* Takes the next file of the run (r->n: none left); r->lock held. */
static uint32_t take(run *r)
{
	return r->next < r->n ? r->next++ : r->n;
}

/* Moves the Markdown loader's table of names from one journal to another. */
static void names_move(kith_journal *to, kith_journal *from)
{
	to->names = from->names;
	to->names_cap = from->names_cap;
	to->names_n = from->names_n;
	to->names_arena = from->names_arena;
	from->names = NULL;
	from->names_cap = from->names_n = 0;
	from->names_arena = NULL;
}

/* A journal for one file: j's file table and kinds and arena a (the
 * reading thread's), borrowed. */
static kith_journal *frag_new(const kith_journal *j, kith_arena *a)
{
	kith_journal *f = kith_journal_new();
	kith_arena_free(f->arena);
	f->arena = a;
	f->files = j->files;
	f->kinds = j->kinds;
	f->kind_idx = j->kind_idx;
	kith_journal_copy_settings(f, j);
	return f;
}

/* Reads files[i] into a fragment that allocates from a and looks names up
 * in the table that `names` holds (the thread's), and hands it over. */
static void read_frag(run *r, uint32_t i, kith_arena *a, kith_journal *names)
{
	kith_journal *f = frag_new(&r->tmpl, a);
	/* the names the thread met are looked up, not copied again */
	names_move(f, names);
	read_one(f, r->files[i]);
	names_move(names, f);
	pthread_mutex_lock(&r->lock);
	r->frag[i] = f;
	pthread_cond_signal(&r->ready);
	pthread_mutex_unlock(&r->lock);
}

static void *read_files(void *arg)
{
	worker *w = arg;
	run *r = w->r;
	kith_journal names = {0}; /* the thread's table of names */
	if (w->cpus)
		(void)pthread_setaffinity_np(pthread_self(), sizeof *w->cpus,
		                             w->cpus);
	for (;;) {
		pthread_mutex_lock(&r->lock);
		uint32_t i = take(r);
		pthread_mutex_unlock(&r->lock);
		if (i == r->n)
			break;
		read_frag(r, i, w->arena, &names);
	}
	kith_md_names_drop(&names);
	kith_mdl_thread_end();
	return NULL;
}

typedef KITH_VEC(char) raw_vec; /* the layout every KITH_VEC shares */

/* Appends src's records of `size` bytes to dst (one file's records: a
 * fragment is never big) and frees src's array. */
static void move_records(raw_vec *dst, raw_vec *src, size_t size)
{
	uint64_t want = (uint64_t)dst->n + src->n;

	if (src->n) {
		if (want > UINT32_MAX - 1)
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
		memcpy(dst->v + (size_t)dst->n * size, src->v,
		       (size_t)src->n * size);
		dst->n = (uint32_t)want;
	}
	free(src->v);
	src->v = NULL;
	src->n = src->cap = 0;
}

/* Makes room for `want` records in v when the C library gives it (a
 * reservation is only a speed-up: without it the list grows as before). */
static void reserve(raw_vec *v, size_t size, uint64_t want)
{
	if (want <= v->cap || want > UINT32_MAX - 1 ||
	    v->cap == KITH_VEC_IN_ARENA || want > SIZE_MAX / size)
		return;
	void *p = realloc(v->v, (size_t)want * size);
	if (!p)
		return;
	v->v = p;
	v->cap = (uint32_t)want;
}

/* Moves fragment f's records and diagnostics into j, after j's own, and
 * frees f. */
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
	f->arena = NULL; /* j's own, or the thread's: adopted when it is done */
	/* what it borrowed goes back untouched */
	memset(&f->files, 0, sizeof f->files);
	memset(&f->kinds, 0, sizeof f->kinds);
	memset(&f->kind_idx, 0, sizeof f->kind_idx);
	kith_journal_free(f);
}

struct kith_md_run {
	run r;
	worker ws[MAX_THREADS];
	unsigned t; /* threads, the calling one included; 1: it alone */
	cpu_set_t set;
	uint32_t *files; /* the run's files, in include order */
};

kith_md_run *kith_load_md_run_start(kith_journal *j, const uint32_t *files,
                                    uint32_t n)
{
	kith_md_run *m = kith_xcalloc(1, sizeof *m);
	size_t total = 0;
	int known;

	m->t = cpus(&m->set, &known);
	if (cfg_threads)
		m->t = cfg_threads;
	m->files = kith_xmalloc((n ? n : 1) * sizeof *m->files);
	if (n)
		memcpy(m->files, files, n * sizeof *files);
	m->r.files = m->files;
	m->r.n = n;
	for (uint32_t i = 0; i < n; i++)
		total += j->files.v[files[i]].len;
	if (m->t > MAX_THREADS)
		m->t = MAX_THREADS;
	if (m->t > n)
		m->t = n;
	if (m->t < 2 || total < cfg_min) {
		m->t = 1;
		return m;
	}
	/* Room for the most entries the run can hold (a heading is at least
	 * 12 bytes), reserved, not touched: the list is not copied as the
	 * fragments are moved in, and its pages fault in as it fills. Only
	 * for a big run: a small list stays in the main heap's huge pages. */
	if (total >= RESERVE_BYTES)
		reserve((raw_vec *)(void *)&j->interactions,
		        sizeof(kith_interaction),
		        (uint64_t)j->interactions.n + total / 12 + n);

	/* Every thread takes the next file in turn. The calling thread joins
	 * in kith_load_md_run_finish: it moves the fragments in, in file
	 * order, each time it is between files, and reads a file straight
	 * into the journal when all before it are in: the threads share the
	 * work whatever the files' sizes, and few fragments wait at a time
	 * (each holds its records twice). */
	run *r = &m->r;
	r->tmpl.files.v = kith_xmalloc(j->files.n * sizeof *j->files.v);
	memcpy(r->tmpl.files.v, j->files.v, j->files.n * sizeof *j->files.v);
	r->tmpl.files.n = r->tmpl.files.cap = j->files.n;
	r->tmpl.kinds = j->kinds;
	r->tmpl.kind_idx = j->kind_idx;
	kith_journal_copy_settings(&r->tmpl, j);
	r->frag = kith_xcalloc(n, sizeof *r->frag);
	pthread_mutex_init(&r->lock, NULL);
	pthread_cond_init(&r->ready, NULL);
	for (unsigned k = 1; k < m->t; k++) {
		worker *w = &m->ws[k];
		pthread_attr_t at;
		int attr = pthread_attr_init(&at) == 0;
		w->r = r;
		w->arena = kith_arena_new();
		if (attr && known) {
			place(&at, k, &m->set);
			w->cpus = &m->set;
		}
		w->started = pthread_create(&w->tid, attr ? &at : NULL,
		                            read_files, w) == 0;
		if (!w->started && attr) /* a placement refused: unplaced */
			w->started =
			    pthread_create(&w->tid, NULL, read_files, w) == 0;
		if (attr)
			pthread_attr_destroy(&at);
	}
	return m;
}

void kith_load_md_run_finish(kith_journal *j, kith_md_run *m)
{
	run *r = &m->r;
	const uint32_t *files = m->files, n = r->n;

	if (m->t == 1) {
		for (uint32_t i = 0; i < n; i++)
			read_one(j, files[i]);
		free(m->files);
		free(m);
		return;
	}
	uint32_t in = 0; /* files[0 .. in) are in the journal */
	for (;;) {
		pthread_mutex_lock(&r->lock);
		while (in < n && r->frag[in]) {
			kith_journal *f = r->frag[in++];
			pthread_mutex_unlock(&r->lock);
			merge(j, f);
			pthread_mutex_lock(&r->lock);
		}
		uint32_t i = take(r);
		pthread_mutex_unlock(&r->lock);
		if (i == n)
			break;
		if (i == in) {
			read_one(j, files[i]);
			in++;
			continue;
		}
		read_frag(r, i, j->arena, j);
	}
	for (; in < n; in++) {
		pthread_mutex_lock(&r->lock);
		while (!r->frag[in])
			pthread_cond_wait(&r->ready, &r->lock);
		kith_journal *f = r->frag[in];
		pthread_mutex_unlock(&r->lock);
		merge(j, f);
	}
	for (unsigned k = 1; k < m->t; k++) {
		if (m->ws[k].started)
			pthread_join(m->ws[k].tid, NULL);
		kith_arena_adopt(j->arena, m->ws[k].arena);
	}
	pthread_cond_destroy(&r->ready);
	pthread_mutex_destroy(&r->lock);
	free(r->frag);
	free(r->tmpl.files.v);
	free(m->files);
	free(m);
}
