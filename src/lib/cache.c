/* The per-file cache of a journal's parse results (the language server
 * keeps one): a re-load parses only the files whose text changed and
 * builds the model from the kept records of the others, then checks. */
#include <stddef.h>
#include <string.h>

#include "lib/cache.h"
#include "load/load.h"

/* The journal's record lists a file's parse appends to, with their
 * element sizes: a file's records are one run in each. */
typedef enum {
	R_KINDS,
	R_ROLES,
	R_RULES,
	R_CONTACTS,
	R_GOALS,
	R_EVENTS,
	R_INTERACTIONS,
	R_FOLLOWUPS,
	R_ASSESSMENTS,
	R__COUNT
} rlist;

#define UNIT_CHUNK ((size_t)8 << 10) /* a unit's arena chunk */

typedef KITH_VEC(char) raw_vec; /* the layout every KITH_VEC shares */

#define RL(field, type)                                                        \
	{                                                                      \
		offsetof(kith_journal, field), sizeof(type)                    \
	}
static const struct {
	size_t off, size;
} rlists[R__COUNT] = {
    [R_KINDS] = RL(kinds, kith_kind),
    [R_ROLES] = RL(roles, kith_role),
    [R_RULES] = RL(rules, kith_rule),
    [R_CONTACTS] = RL(contacts, kith_contact),
    [R_GOALS] = RL(goals, kith_goal),
    [R_EVENTS] = RL(events, kith_event),
    [R_INTERACTIONS] = RL(interactions, kith_interaction),
    [R_FOLLOWUPS] = RL(followups, kith_followup),
    [R_ASSESSMENTS] = RL(assessments, kith_assessment),
};
#undef RL

static raw_vec *rvec(kith_journal *j, rlist r)
{
	return (raw_vec *)(void *)((char *)j + rlists[r].off);
}

static char *relem(kith_journal *j, rlist r, uint32_t i)
{
	char *v = rvec(j, r)->v;
	/* an empty list has no array: no offset is added to NULL */
	return v ? v + (size_t)i * rlists[r].size : NULL;
}

/* Appends n records to list r of j (through kith_vec_grow_, so lists
 * the model keeps elsewhere stay its business). */
static void rappend(kith_journal *j, rlist r, const char *src, uint32_t n)
{
	raw_vec *v = rvec(j, r);
	size_t size = rlists[r].size;
	for (uint32_t i = 0; i < n; i++)
		memcpy(kith_vec_grow_((void **)&v->v, &v->n, &v->cap, size),
		       src + i * size, size);
}

/* One file's parse results. They live in a journal of their own, the
 * fragment: its record lists, its diagnostics, its arena (the strings,
 * lists and YAML nodes the loader allocated) and its one file (the
 * text the records point into), so that kith_journal_free frees a unit
 * whatever the records hold. */
typedef struct {
	kith_journal *frag;
	uint32_t file;      /* its index in the journal it was parsed for */
	uint64_t kinds;     /* Markdown: the declared kinds it was read with */
	uint32_t ix_base;   /* index of its first interaction then */
	uint32_t fu_base;   /* index of its first follow-up then */
	kith_refs includes; /* the include entries a YAML file names */
	uint64_t gen;       /* the last load that used it */
} unit;

/* A run of a journal's records that belongs to a unit. */
typedef struct {
	uint8_t list; /* rlist */
	uint32_t start, n;
} borrowed;

struct kith_lib_cache {
	KITH_VEC(unit *) units;
	kith_map by_path; /* unit path -> index in units */
	uint64_t gen;
	kith_journal *live;       /* the journal that borrows from us */
	KITH_VEC(borrowed) runs;  /* its records that are the units' */
	KITH_VEC(uint32_t) texts; /* its files whose text is a unit's */
	int orphan;               /* freed while live: free on release */
	kith_lib_cache_stats stats;
};

kith_lib_cache *kith_lib_cache_new(void)
{
	return kith_xcalloc(1, sizeof(kith_lib_cache));
}

static void unit_free(unit *u)
{
	if (!u)
		return;
	kith_journal_free(u->frag);
	kith_vec_free(&u->includes);
	free(u);
}

static void cache_free_now(kith_lib_cache *c)
{
	for (uint32_t i = 0; i < c->units.n; i++)
		unit_free(c->units.v[i]);
	kith_vec_free(&c->units);
	kith_map_free(&c->by_path);
	kith_vec_free(&c->runs);
	kith_vec_free(&c->texts);
	free(c);
}

void kith_lib_cache_free(kith_lib_cache *c)
{
	if (!c)
		return;
	if (c->live) /* the journal still borrows: freed with it */
		c->orphan = 1;
	else
		cache_free_now(c);
}

kith_lib_cache_stats kith_lib_cache_last(const kith_lib_cache *c)
{
	return c->stats;
}

/* ---- giving a journal back: its borrowed records leave it ---- */

/* Removes list r's borrowed runs from j, keeping its own records (the
 * defaults, the check's task interactions) in order. */
static void drop_runs(kith_lib_cache *c, kith_journal *j, rlist r)
{
	raw_vec *v = rvec(j, r);
	size_t size = rlists[r].size;
	uint32_t w = 0, at = 0;

	for (uint32_t k = 0; k <= c->runs.n; k++) {
		uint32_t end = v->n;
		if (k < c->runs.n) {
			if (c->runs.v[k].list != r)
				continue;
			end = c->runs.v[k].start;
		}
		if (end > at) {
			memmove(v->v + (size_t)w * size,
			        v->v + (size_t)at * size,
			        (size_t)(end - at) * size);
			w += end - at;
		}
		if (k < c->runs.n)
			at = c->runs.v[k].start + c->runs.v[k].n;
	}
	v->n = w;
}

static void release(kith_journal *j, void *ctx)
{
	kith_lib_cache *c = ctx;

	for (rlist r = 0; r < R__COUNT; r++)
		drop_runs(c, j, r);
	for (uint32_t i = 0; i < c->texts.n; i++)
		if (c->texts.v[i] < j->files.n) {
			j->files.v[c->texts.v[i]].text = NULL;
			j->files.v[c->texts.v[i]].mapped = 0;
		}
	c->runs.n = c->texts.n = 0;
	c->live = NULL;
	j->on_free = NULL;
	if (c->orphan)
		cache_free_now(c);
}

/* ---- a load through the cache ---- */

static void lend(kith_lib_cache *c, kith_journal *j, rlist r, uint32_t start,
                 uint32_t n)
{
	borrowed *b;
	if (!n)
		return;
	b = kith_vec_push(&c->runs);
	b->list = (uint8_t)r;
	b->start = start;
	b->n = n;
}

/* The kinds a Markdown file is read with (a heading's #word is a kind
 * when declared), as one number. */
static uint64_t kinds_of(const kith_journal *j)
{
	uint64_t h = 1469598103934665603ull;
	for (uint32_t i = 0; i < j->kinds.n; i++)
		h = (h ^
		     kith_hash(j->kinds.v[i].name.p, j->kinds.v[i].name.n)) *
		    1099511628211ull;
	return h;
}

static unit *find_unit(kith_lib_cache *c, const char *path)
{
	uint32_t i;
	return kith_map_get(&c->by_path, kith_str_c(path), &i) ? c->units.v[i]
	                                                       : NULL;
}

static int unit_fits(const unit *u, const kith_journal *j, uint32_t file,
                     uint64_t kinds)
{
	const kith_file *f = &j->files.v[file];
	const kith_file *g = &u->frag->files.v[0];
	return u->file == file && g->type == f->type && g->len == f->len &&
	       (f->type != KITH_FILE_MD || u->kinds == kinds) &&
	       !memcmp(g->text, f->text, f->len);
}

/* Builds the unit of file from a fresh parse into j: j keeps the records
 * and diagnostics it gained, the unit owns them (and the text). */
static unit *parse_unit(kith_lib_cache *c, kith_journal *j, uint32_t file,
                        kith_refs *includes, uint64_t kinds)
{
	unit *u = kith_xcalloc(1, sizeof *u);
	kith_file *f = &j->files.v[file];
	kith_arena *mine = j->arena;
	uint32_t start[R__COUNT], d0 = j->diags.list.n;

	if (f->mapped) {
		/* kept for long: a copy, not a mapping of a file that may
		 * shrink under us (with the loader's 64 bytes of slack) */
		char *t = kith_xcalloc(1, f->len + 64);
		memcpy(t, f->text, f->len);
		kith_text_free(f->text, f->len, 1);
		f->text = t;
		f->mapped = 0;
	}
	u->frag = kith_journal_new();
	/* kept as long as the file is unchanged: grown in small steps */
	kith_arena_free(u->frag->arena);
	u->frag->arena = kith_arena_new_sized(UNIT_CHUNK);
	u->file = file;
	u->kinds = kinds;
	for (rlist r = 0; r < R__COUNT; r++)
		start[r] = rvec(j, r)->n;
	u->ix_base = start[R_INTERACTIONS];
	u->fu_base = start[R_FOLLOWUPS];
	j->arena = u->frag->arena; /* what the parse allocates is the unit's */
	kith_load_file(j, file, includes);
	j->arena = mine;
	for (rlist r = 0; r < R__COUNT; r++) {
		uint32_t n = rvec(j, r)->n - start[r];
		rappend(u->frag, r, relem(j, r, start[r]), n);
		lend(c, j, r, start[r], n);
	}
	for (uint32_t i = d0; i < j->diags.list.n; i++)
		kith_diag_copy(&u->frag->diags, &j->diags.list.v[i]);
	for (uint32_t i = 0; i < includes->n; i++)
		*kith_vec_push(&u->includes) = includes->v[i];
	if (file == 0)
		kith_journal_copy_settings(u->frag, j);
	kith_journal_add_file(u->frag, f->path, f->display, f->text, f->len,
	                      f->type);
	*kith_vec_push(&c->texts) = file;
	c->stats.parsed++;
	return u;
}

/* Replays a kept unit into j: its records (their follow-up and
 * interaction indexes moved to where they land), its diagnostics in
 * their order, its includes; j's file takes the unit's text. */
static void replay_unit(kith_lib_cache *c, kith_journal *j, uint32_t file,
                        unit *u, kith_refs *includes)
{
	kith_file *f = &j->files.v[file];
	uint32_t ix0 = j->interactions.n, fu0 = j->followups.n;

	for (rlist r = 0; r < R__COUNT; r++) {
		uint32_t at = rvec(j, r)->n, n = rvec(u->frag, r)->n;
		rappend(j, r, rvec(u->frag, r)->v, n);
		lend(c, j, r, at, n);
	}
	for (uint32_t i = ix0; i < j->interactions.n; i++)
		j->interactions.v[i].fu_first += fu0 - u->fu_base;
	for (uint32_t i = fu0; i < j->followups.n; i++)
		j->followups.v[i].interaction += ix0 - u->ix_base;
	for (uint32_t i = 0; i < u->frag->diags.list.n; i++)
		kith_diag_copy(&j->diags, &u->frag->diags.list.v[i]);
	for (uint32_t i = 0; i < u->includes.n; i++)
		*kith_vec_push(includes) = u->includes.v[i];
	if (file == 0)
		kith_journal_copy_settings(j, u->frag);
	kith_text_free(f->text, f->len, f->mapped);
	f->text = u->frag->files.v[0].text;
	f->mapped = 0;
	*kith_vec_push(&c->texts) = file;
}

static void parse_hook(void *ctx, kith_journal *j, uint32_t file,
                       kith_refs *includes)
{
	kith_lib_cache *c = ctx;
	const kith_file *f = &j->files.v[file];
	uint64_t kinds = f->type == KITH_FILE_MD ? kinds_of(j) : 0;
	unit *u = find_unit(c, f->path);

	if (!j->on_free) {
		j->on_free = release;
		j->on_free_ctx = c;
		c->live = j;
	}
	c->stats.files++;
	if (u && u->gen == c->gen) {
		/* named twice in one load (the loader prevents it): parsed
		 * plainly, the journal's own */
		kith_load_file(j, file, includes);
		c->stats.parsed++;
		return;
	}
	if (u && unit_fits(u, j, file, kinds)) {
		replay_unit(c, j, file, u, includes);
	} else {
		/* a unit the file's old text made stays unused: evicted at
		 * the end, where the path index is built again */
		u = parse_unit(c, j, file, includes, kinds);
		*kith_vec_push(&c->units) = u;
	}
	u->gen = c->gen;
}

/* Units the last load did not use (files that left the journal) go. */
static void evict(kith_lib_cache *c)
{
	uint32_t w = 0;
	kith_map_free(&c->by_path);
	for (uint32_t i = 0; i < c->units.n; i++) {
		unit *u = c->units.v[i];
		if (u->gen != c->gen) {
			unit_free(u);
			continue;
		}
		c->units.v[w] = u;
		kith_map_put(&c->by_path, kith_str_c(u->frag->files.v[0].path),
		             w, NULL);
		w++;
	}
	c->units.n = w;
}

int kith_lib_cache_begin(kith_lib_cache *c, kith_load_hook *hook)
{
	if (c->live)
		return -1; /* the last journal is still out: load plainly */
	c->gen++;
	c->runs.n = c->texts.n = 0;
	memset(&c->stats, 0, sizeof c->stats);
	hook->parse = parse_hook;
	hook->ctx = c;
	return 0;
}

void kith_lib_cache_end(kith_lib_cache *c)
{
	evict(c);
	c->stats.kept = c->units.n;
}
