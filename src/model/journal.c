/* The journal container: creation, defaults of docs/format.md, the file table
 * and the hash indexes by handle, id and name. */
#include <stdlib.h>
#include <string.h>

#include "model/model.h"

kith_journal *kith_journal_new(void)
{
	kith_journal *j = kith_xcalloc(1, sizeof(*j));
	j->arena = kith_arena_new();
	return j;
}

void kith_journal_free(kith_journal *j)
{
	uint32_t i;

	if (!j)
		return;
	if (j->on_free)
		j->on_free(j, j->on_free_ctx);
	for (i = 0; i < j->files.n; i++) {
		free(j->files.v[i].path);
		free(j->files.v[i].display);
		kith_text_free(j->files.v[i].text, j->files.v[i].len,
		               j->files.v[i].mapped);
	}
	kith_vec_free(&j->files);
	for (i = 0; i < j->rules.n; i++)
		kith_vec_free(&j->rules.v[i].after);
	for (i = 0; i < j->contacts.n; i++) {
		kith_contact *c = &j->contacts.v[i];
		kith_vec_free(&c->roles);
		kith_vec_free(&c->tags);
		kith_vec_free(&c->links);
	}
	for (i = 0; i < j->goals.n; i++) {
		kith_goal *g = &j->goals.v[i];
		uint32_t k;
		for (k = 0; k < g->checkpoints.n; k++)
			kith_vec_free(&g->checkpoints.v[k].expect);
		kith_vec_free(&g->metrics);
		kith_vec_free(&g->checkpoints);
		kith_vec_free(&g->actions);
	}
	for (i = 0; i < j->events.n; i++) {
		kith_vec_free(&j->events.v[i].goals);
		kith_vec_free(&j->events.v[i].tags);
	}
	/* the check's own interactions come last (kith_ix_pack) */
	for (i = j->interactions.n; i > 0 && j->interactions.v[i - 1].task; i--)
		free(j->interactions.v[i - 1].refs);
	for (i = 0; i < j->followups.n; i++)
		kith_vec_free(&j->followups.v[i].who);
	for (i = 0; i < j->assessments.n; i++)
		kith_vec_free(&j->assessments.v[i].skills);
	kith_vec_free(&j->kinds);
	kith_vec_free(&j->roles);
	kith_vec_free(&j->rules);
	kith_vec_free(&j->contacts);
	kith_vec_free(&j->goals);
	kith_vec_free(&j->events);
	kith_vec_free(&j->interactions);
	kith_vec_free(&j->followups);
	kith_vec_free(&j->assessments);
	kith_map_free(&j->contact_idx);
	kith_map_free(&j->goal_idx);
	kith_map_free(&j->event_idx);
	kith_map_free(&j->kind_idx);
	kith_map_free(&j->role_idx);
	kith_diags_free(&j->diags);
	free(j->names);
	free(j->root_dir);
	free(j->root_file);
	kith_arena_free(j->arena);
	free(j);
}

static const struct {
	const char *name;
	int touch;
} default_kinds[] = {
    {"coffee", 1},   {"meeting", 1}, {"call", 1},  {"email", 1},
    {"message", 1},  {"event", 1},   {"intro", 1}, {"thank-you", 1},
    {"feedback", 1}, {"note", 0},
};

static const struct {
	const char *name, *cadence;
} default_roles[] = {
    {"mentor", "4w..6w"},
    {"key", "6w..10w"},
    {"peer", NULL},
    {"prospect", NULL},
};

static kith_pos no_pos(void)
{
	kith_pos p = {KITH_NO_FILE, 0, 0};
	return p;
}

void kith_journal_defaults(kith_journal *j)
{
	size_t i;

	if (!j->kinds_declared && j->kinds.n == 0)
		for (i = 0; i < KITH_ARRAY_LEN(default_kinds); i++) {
			kith_kind *k = kith_vec_push(&j->kinds);
			k->name = kith_str_c(default_kinds[i].name);
			k->touch = default_kinds[i].touch;
			k->pos = no_pos();
		}
	if (!j->roles_declared && j->roles.n == 0)
		for (i = 0; i < KITH_ARRAY_LEN(default_roles); i++) {
			kith_role *r = kith_vec_push(&j->roles);
			r->name = kith_str_c(default_roles[i].name);
			r->pos = no_pos();
			if (default_roles[i].cadence) {
				r->has_cadence = 1;
				kith_cadence_parse(
				    default_roles[i].cadence,
				    strlen(default_roles[i].cadence),
				    &r->cadence);
			}
		}
	if (!j->rules_declared && j->rules.n == 0) {
		static const char *const after[] = {"coffee", "meeting",
		                                    "intro"};
		kith_rule *r = kith_vec_push(&j->rules);
		for (i = 0; i < KITH_ARRAY_LEN(after); i++) {
			kith_ref *a = kith_vec_push(&r->after);
			a->s = kith_str_c(after[i]);
			a->pos = no_pos();
		}
		r->expect.s = kith_str_c("thank-you");
		r->expect.pos = no_pos();
		r->within.n = 2;
		r->within.unit = KITH_UNIT_DAY;
		r->pos = no_pos();
		r->expect_kind = KITH_NONE;
	}
}

static void index_one(kith_journal *j, kith_map *m, kith_str key, kith_pos pos,
                      uint32_t idx, const char *what,
                      kith_pos (*first)(kith_journal *, uint32_t))
{
	uint32_t old;
	if (!kith_map_put(m, key, idx, &old)) {
		kith_pos fp = first(j, old);
		kith_diag *g =
		    KITH_DIAG(j, KITH_D_DUPLICATE_ID, pos, key.n, what,
		              kith_arena_strndup(j->arena, key.p, key.n));
		if (fp.file < j->files.n)
			kith_diag_note(g, "first defined at %s:%u:%u",
			               j->files.v[fp.file].display, fp.line,
			               fp.col);
		kith_diag_hint(g,
		               "rename one of them; %s ids must be unique "
		               "across all files",
		               what);
	}
}

static kith_pos contact_pos(kith_journal *j, uint32_t i)
{
	return j->contacts.v[i].pos;
}
static kith_pos goal_pos(kith_journal *j, uint32_t i)
{
	return j->goals.v[i].pos;
}
static kith_pos event_pos(kith_journal *j, uint32_t i)
{
	return j->events.v[i].pos;
}
static kith_pos kind_pos(kith_journal *j, uint32_t i)
{
	return j->kinds.v[i].pos;
}
static kith_pos role_pos(kith_journal *j, uint32_t i)
{
	return j->roles.v[i].pos;
}

void kith_journal_index(kith_journal *j)
{
	uint32_t i;

	kith_map_free(&j->contact_idx);
	kith_map_free(&j->goal_idx);
	kith_map_free(&j->event_idx);
	kith_map_free(&j->kind_idx);
	kith_map_free(&j->role_idx);
	for (i = 0; i < j->kinds.n; i++)
		index_one(j, &j->kind_idx, j->kinds.v[i].name,
		          j->kinds.v[i].pos, i, "kind", kind_pos);
	for (i = 0; i < j->roles.n; i++)
		index_one(j, &j->role_idx, j->roles.v[i].name,
		          j->roles.v[i].pos, i, "role", role_pos);
	for (i = 0; i < j->contacts.n; i++)
		index_one(j, &j->contact_idx, j->contacts.v[i].handle,
		          j->contacts.v[i].pos, i, "contact", contact_pos);
	for (i = 0; i < j->goals.n; i++)
		index_one(j, &j->goal_idx, j->goals.v[i].id, j->goals.v[i].pos,
		          i, "goal", goal_pos);
	for (i = 0; i < j->events.n; i++)
		index_one(j, &j->event_idx, j->events.v[i].id,
		          j->events.v[i].pos, i, "event", event_pos);
}

uint32_t kith_journal_add_file(kith_journal *j, const char *path,
                               const char *display, char *text, size_t len,
                               kith_file_type type)
{
	kith_file *f = kith_vec_push(&j->files);
	f->path = kith_xstrdup(path);
	f->display = kith_xstrdup(display);
	f->text = text;
	f->len = len;
	f->type = type;
	f->parent = KITH_NONE;
	return j->files.n - 1;
}

static uint32_t find(const kith_map *m, kith_str s)
{
	uint32_t v;
	return kith_map_get(m, s, &v) ? v : KITH_NONE;
}

uint32_t kith_find_contact(const kith_journal *j, kith_str h)
{
	if (h.n && h.p[0] == '@')
		h.p++, h.n--;
	return find(&j->contact_idx, h);
}
uint32_t kith_find_goal(const kith_journal *j, kith_str s)
{
	return find(&j->goal_idx, s);
}
uint32_t kith_find_event(const kith_journal *j, kith_str s)
{
	return find(&j->event_idx, s);
}
uint32_t kith_find_kind(const kith_journal *j, kith_str s)
{
	return find(&j->kind_idx, s);
}
uint32_t kith_find_role(const kith_journal *j, kith_str s)
{
	return find(&j->role_idx, s);
}

int kith_handle_valid(kith_str s)
{
	uint32_t i;
	if (s.n == 0 || s.n > 64)
		return 0;
	for (i = 0; i < s.n; i++) {
		unsigned char c = (unsigned char)s.p[i];
		int ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		         (i > 0 && (c == '.' || c == '_' || c == '-'));
		if (!ok)
			return 0;
	}
	return 1;
}

static const kith_ix_more no_more = {
    .event = {{NULL, 0}, {KITH_NO_FILE, 0, 0}, 0},
    .event_idx = KITH_NONE,
};

const kith_ref *kith_ix_event(const kith_interaction *x)
{
	return x->more ? &x->more->event : &no_more.event;
}

uint32_t kith_ix_event_idx(const kith_interaction *x)
{
	return x->more ? x->more->event_idx : KITH_NONE;
}

const kith_text *kith_ix_uid(const kith_interaction *x)
{
	return x->more ? &x->more->uid : &no_more.uid;
}

uint32_t kith_ix_title_col(const kith_journal *j, const kith_interaction *x)
{
	if (!x->title.s.p || x->file >= j->files.n ||
	    j->files.v[x->file].type != KITH_FILE_MD)
		return 0;
	/* a done task's interaction: its title is the task's text, a copy
	 * (journal_md.c), whose column the follow-up keeps */
	if (x->task && x->task - 1 < j->followups.n)
		return j->followups.v[x->task - 1].text.pos.col;
	const kith_file *f = &j->files.v[x->file];
	const char *p = x->title.s.p, *start = f->text, *q = p;
	if (!f->text || p < f->text || p > f->text + f->len)
		return 0;
	/* line 1 counts from after a BOM, as the loader does */
	if (f->len >= 3 && !memcmp(start, "\xef\xbb\xbf", 3) && p >= start + 3)
		start += 3;
	while (q > start && q[-1] != '\n')
		q--;
	return (uint32_t)(p - q) + 1;
}

kith_ix_more *kith_ix_more_of(kith_journal *j, kith_interaction *x)
{
	if (!x->more) {
		x->more = kith_arena_alloc(j->arena, sizeof *x->more);
		x->more->event_idx = KITH_NONE;
	}
	return x->more;
}

const kith_ref kith_ref_none;

kith_ix_lists kith_ix_lists_of(const kith_interaction *x)
{
	kith_ix_lists ls;
	const kith_ix_refs *b = x->refs;
	uint32_t n[KITH_IXR__COUNT] = {0};
	const kith_ref *r = b ? kith_ix_refs_counts(b, n) : NULL;
	ls.kind = kith_ix_kind(x);
	if (b)
		r += b->n[0] >> 15;                 /* the kind */
	for (int l = 0; l < KITH_IXR__COUNT; l++) { /* one pass */
		ls.l[l] = (kith_refs){n[l] ? (kith_ref *)r : NULL, n[l],
		                      KITH_VEC_IN_ARENA};
		if (n[l]) /* r is NULL without a block: no offset, not even 0 */
			r += n[l];
	}
	return ls;
}

/* A kind written "#name" on x's heading line whose name is a
 * NUL-terminated copy: the record holds it, rebuilt the same. */
static int kind_fits(const kith_interaction *x, const kith_ref *k)
{
	return k->pos.file == x->pos.file && k->pos.line == x->pos.line &&
	       k->pos.col <= UINT16_MAX && k->len == k->s.n + 1 &&
	       strnlen(k->s.p, (size_t)k->s.n + 1) == k->s.n;
}

void kith_ix_pack(kith_arena *a, kith_interaction *x, const kith_ix_lists *ls)
{
	x->kind_name = NULL;
	x->kind_col = 0;
	size_t kind = ls->kind.s.p != NULL, total;
	if (kind && kind_fits(x, &ls->kind)) {
		x->kind_name = ls->kind.s.p;
		x->kind_col = (uint16_t)ls->kind.pos.col;
		kind = 0;
	}
	total = kind;
	int wide = 0;
	for (int l = 0; l < KITH_IXR__COUNT; l++) {
		total += ls->l[l].n;
		wide |= ls->l[l].n > KITH_IXR_SHORT_MAX;
	}
	if (!total) {
		x->refs = NULL;
		return;
	}
	uint32_t n[KITH_IXR__COUNT];
	size_t head = wide ? sizeof n : 0;
	size_t bytes = sizeof(kith_ix_refs) + head + total * sizeof(kith_ref);
	kith_ix_refs *b = a ? kith_arena_alloc(a, bytes) : kith_xmalloc(bytes);
	kith_ref *r = (kith_ref *)(void *)((char *)b->r + head);
	if (kind)
		*r++ = ls->kind;
	for (int l = 0; l < KITH_IXR__COUNT; l++) {
		n[l] = ls->l[l].n;
		b->n[l] = (uint16_t)(wide ? 0 : n[l]);
		if (n[l])
			memcpy(r, ls->l[l].v, n[l] * sizeof *r);
		r += n[l];
	}
	if (wide) {
		b->n[1] = KITH_IXR_WIDE;
		memcpy(b->r, n, sizeof n);
	}
	if (kind)
		b->n[0] |= KITH_IXR_KIND_BIT;
	x->refs = b;
}

void kith_ix_set_list(kith_arena *a, kith_interaction *x, kith_ix_list l,
                      kith_refs v)
{
	kith_ix_lists ls = kith_ix_lists_of(x);
	ls.l[l] = v;
	kith_ix_pack(a, x, &ls);
}

void kith_journal_drop_file(const kith_journal *j, uint32_t f)
{
	if (f < j->files.n && j->files.v[f].type == KITH_FILE_MD)
		kith_text_drop(j->files.v[f].text, j->files.v[f].len,
		               j->files.v[f].mapped);
}

void kith_file_window_init(kith_file_window *w)
{
	for (uint32_t k = 0; k < KITH_ARRAY_LEN(w->f); k++)
		w->f[k] = KITH_NONE;
}

void kith_file_window_read(const kith_journal *j, kith_file_window *w,
                           uint32_t f)
{
	const uint32_t n = KITH_ARRAY_LEN(w->f);
	uint32_t k = 0;
	while (k < n && w->f[k] != f)
		k++;
	if (k == 0)
		return;
	if (k == n) { /* new: the oldest goes */
		k = n - 1;
		if (w->f[k] != KITH_NONE)
			kith_journal_drop_file(j, w->f[k]);
	}
	memmove(w->f + 1, w->f, k * sizeof *w->f);
	w->f[0] = f;
}

void kith_file_window_close(const kith_journal *j, kith_file_window *w)
{
	for (uint32_t k = 0; k < KITH_ARRAY_LEN(w->f); k++)
		if (w->f[k] != KITH_NONE)
			kith_journal_drop_file(j, w->f[k]);
	kith_file_window_init(w);
}

void kith_journal_copy_settings(kith_journal *to, const kith_journal *from)
{
	to->version = from->version;
	to->owner = from->owner;
	to->owner_email = from->owner_email;
	to->kinds_declared = from->kinds_declared;
	to->roles_declared = from->roles_declared;
	to->rules_declared = from->rules_declared;
}
