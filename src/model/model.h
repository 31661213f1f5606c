/* The journal model: plain data built by the loaders, read by check,
 * compute and render. Every value that came from a file has a kith_pos.
 * Strings are slices into file text or the journal arena; dates are day
 * numbers. Internal header for src/ and tests/. */
#ifndef KITH_MODEL_H
#define KITH_MODEL_H

#include <stdint.h>
#include <string.h>

#include "diag/diag.h"
#include "util/date.h"
#include "util/util.h"

#define KITH_NONE UINT32_MAX /* "no index" */

/* A name reference as written (without '@'), and where. */
typedef struct {
	kith_str s;
	kith_pos pos;
	uint32_t len; /* span of the reference in the source, for carets */
} kith_ref;
typedef KITH_VEC(kith_ref) kith_refs;

/* A scalar value with its position, for optional fields. */
typedef struct {
	kith_str s;
	kith_pos pos;
	uint32_t len;
} kith_val;

typedef struct {
	kith_day day; /* KITH_NO_DAY when absent */
	kith_pos pos;
} kith_dval;

/* ---- files ---- */
typedef enum { KITH_FILE_YAML, KITH_FILE_MD } kith_file_type;
typedef struct {
	char *path;    /* absolute, symlinks resolved */
	char *display; /* relative to cwd when under it, else absolute */
	char *text; /* whole content, NUL-terminated (BOM kept; see loaders) */
	size_t len;
	int mapped; /* text mapped by kith_load_text: free with kith_text_free
	             */
	kith_file_type type;
	uint32_t parent; /* file that included it, KITH_NONE for the root */
	kith_pos include_pos; /* where the parent names it */
	int resumed; /* YAML read on after a syntax error, entries left out */
} kith_file;

/* ---- settings ---- */
typedef struct {
	kith_str name;
	int touch; /* does an interaction of this kind touch its participants */
	kith_pos pos;
} kith_kind;

typedef struct {
	kith_str name;
	int has_cadence;
	kith_cadence cadence;
	kith_pos pos;
} kith_role;

typedef struct {
	kith_refs after; /* kind names */
	kith_ref expect; /* kind name */
	kith_dur within;
	kith_pos pos;
	/* resolved by check: */
	uint32_t expect_kind;
} kith_rule;

/* ---- contacts ---- */
typedef struct {
	kith_str handle;
	kith_pos pos; /* the handle key */
	uint32_t file;
	kith_val name, org, title, email, phone, notes;
	kith_refs roles, tags, links;
	kith_dval met;
	kith_ref via; /* s.p NULL when absent */
	int has_cadence;
	kith_cadence cadence;
	kith_pos cadence_pos;
	int bday_month, bday_day, bday_year; /* 0 when absent / no year */
	kith_pos birthday_pos;
	/* resolved by check (indexes): */
	uint32_t via_idx;
} kith_contact;

/* ---- goals ---- */
typedef enum {
	KITH_MEASURE_INTERACTIONS,
	KITH_MEASURE_CONTACTS,
	KITH_MEASURE_NEW_CONTACTS,
	KITH_MEASURE_EVENTS,
	KITH_MEASURE_FOLLOW_UPS,
	KITH_MEASURE_ON_TIME_RATE,
	KITH_MEASURE_IN_TOUCH_RATE,
	KITH_MEASURE__COUNT
} kith_measure;
extern const char *const kith_measure_names[KITH_MEASURE__COUNT];

struct kith_query;
typedef struct {
	kith_str id;
	kith_pos pos;
	kith_measure measure;
	kith_val where;       /* query text; s.p NULL when absent */
	struct kith_query *q; /* parsed by check; NULL = everything */
	double target;
	int target_pct; /* written as N% (rates) */
	kith_per per;
} kith_metric;

typedef struct {
	kith_ref metric; /* metric id */
	double value;
	kith_pos value_pos;
	uint32_t metric_idx; /* resolved by check */
} kith_expect;

typedef struct {
	kith_dval date;
	KITH_VEC(kith_expect) expect;
	kith_val note;
	kith_pos pos;
} kith_checkpoint;

typedef struct {
	kith_val text; /* do: */
	kith_dval due, done;
	kith_pos pos;
} kith_action;

typedef enum {
	KITH_HORIZON_NONE,
	KITH_HORIZON_SHORT,
	KITH_HORIZON_LONG
} kith_horizon;
typedef enum {
	KITH_GOAL_ACTIVE,
	KITH_GOAL_DONE,
	KITH_GOAL_DROPPED
} kith_goal_status;

typedef struct {
	kith_str id;
	kith_pos pos;
	uint32_t file;
	kith_val title, why;
	kith_horizon horizon;
	kith_dval start, end;
	kith_goal_status status;
	KITH_VEC(kith_metric) metrics;
	KITH_VEC(kith_checkpoint) checkpoints;
	KITH_VEC(kith_action) actions;
} kith_goal;

/* ---- events ---- */
typedef enum {
	KITH_EVENT_IDEA,
	KITH_EVENT_PLANNED,
	KITH_EVENT_REGISTERED,
	KITH_EVENT_ATTENDED,
	KITH_EVENT_SKIPPED
} kith_event_status;
extern const char *const kith_event_status_names[5];

typedef struct {
	kith_str id;
	kith_pos pos;
	uint32_t file;
	kith_val title, location, url;
	kith_dval date, end;
	kith_event_status status;
	kith_refs goals;
	kith_refs tags;
} kith_event;

/* ---- interactions and follow-ups ---- */
typedef struct {
	kith_val text;  /* the task text (markdown: the item line) */
	kith_dval due;  /* KITH_NO_DAY: no due date */
	kith_dval done; /* KITH_NO_DAY: open */
	int checked;    /* [x] in Markdown; done: set in YAML */
	kith_refs who;  /* @handles named in it; empty = the entry's */
	kith_pos pos;
	uint32_t interaction; /* owning interaction index */
} kith_followup;

/* A text kept without a position of its own (an entry's notes and
 * calendar uid: nothing points at them by line and column). */
typedef struct {
	kith_str s;
} kith_text;

/* What few interactions have, kept out of the record every entry pays
 * for: an event and a calendar uid (in the journal arena). */
typedef struct {
	kith_ref event;     /* s.p NULL when absent */
	kith_text uid;      /* the calendar event it was imported from */
	uint32_t event_idx; /* resolved by check */
} kith_ix_more;

/* The four reference lists of an interaction, in the order its block
 * keeps them. */
typedef enum {
	KITH_IXR_WITH,     /* participants */
	KITH_IXR_MENTIONS, /* @handles in the body (Markdown) */
	KITH_IXR_GOALS,
	KITH_IXR_TAGS,
	KITH_IXR__COUNT
} kith_ix_list;

/* An interaction's references in one block in the journal arena: the
 * counts, then its kind when the record cannot hold it (KITH_IXR_KIND_BIT
 * set in n[0]) and the references of each list in turn (most entries
 * name one or two people: one block, not four vectors in the record).
 * The counts are 15 bits; when a list holds more, n[1] is KITH_IXR_WIDE
 * and the four counts are 32 bits, in the 16 bytes r starts with (a list
 * never nears 2^32 references: 128 GB of them). */
#define KITH_IXR_KIND_BIT 0x8000u
#define KITH_IXR_SHORT_MAX 0x7fffu
#define KITH_IXR_WIDE 0xffffu
typedef struct {
	uint16_t n[KITH_IXR__COUNT];
	kith_ref r[];
} kith_ix_refs;
_Static_assert(sizeof(kith_ix_refs) == 8, "kith_ix_refs header grew");

/* Block b's four counts into n; returns its first reference (the kind,
 * when it holds one). */
static inline const kith_ref *kith_ix_refs_counts(const kith_ix_refs *b,
                                                  uint32_t *n)
{
	if (b->n[1] != KITH_IXR_WIDE) {
		for (int l = 0; l < KITH_IXR__COUNT; l++)
			n[l] = b->n[l] & KITH_IXR_SHORT_MAX;
		return b->r;
	}
	memcpy(n, b->r, KITH_IXR__COUNT * sizeof *n);
	return (const kith_ref *)(const void *)((const char *)b->r +
	                                        KITH_IXR__COUNT * sizeof *n);
}

/* One interaction (96 bytes: a million entries hold a million of them,
 * so a field every entry pays for must earn its place). */
typedef struct {
	kith_day date;
	int16_t minute;    /* minutes after midnight, -1 when no time */
	uint16_t kind_col; /* where kind_name is on the heading line */
	union {
		kith_pos pos;  /* the entry heading / list item */
		uint32_t file; /* pos.file: the file it is written in */
	};
	/* resolved by check: */
	uint32_t kind_idx; /* the kind's name: kith_ix_kind */
	kith_text title;   /* its column: kith_ix_title_col */
	kith_text notes;
	kith_ix_refs *refs; /* NULL: none; read with kith_ix_kind, _with ... */
	kith_ix_more *more; /* NULL: no event, no uid (kith_ix_event) */
	/* A heading's #kind, as most entries name theirs: the name (interned,
	 * NUL-terminated) at kind_col of the heading line; any other kind is
	 * in refs. Read with kith_ix_kind. */
	const char *kind_name;
	uint32_t fu_first, fu_count; /* range in journal->followups */
	/* 1 + index in followups when kith_check added this interaction for
	 * a done task with a #kind (docs/semantics.md); 0 otherwise */
	uint32_t task;
	uint32_t notes_line; /* Markdown: the line the notes start on; 0 */
} kith_interaction;
_Static_assert(sizeof(kith_interaction) == 96, "kith_interaction grew");

/* A reference that names nothing (s.p NULL). */
extern const kith_ref kith_ref_none;

/* The kind x names (s.p NULL: none, "note" by default). */
static inline kith_ref kith_ix_kind(const kith_interaction *x)
{
	const kith_ix_refs *b = x->refs;
	if (b && (b->n[0] & KITH_IXR_KIND_BIT)) {
		uint32_t n[KITH_IXR__COUNT];
		return kith_ix_refs_counts(b, n)[0];
	}
	kith_ref k = kith_ref_none;
	if (x->kind_name) {
		uint32_t n = (uint32_t)strlen(x->kind_name);
		k.s = (kith_str){x->kind_name, n};
		k.pos = (kith_pos){x->pos.file, x->pos.line, x->kind_col};
		k.len = n + 1;
	}
	return k;
}

/* One of x's lists, as a view (not to be grown or freed). */
static inline kith_refs kith_ix_list_of(const kith_interaction *x,
                                        kith_ix_list l)
{
	kith_refs v = {NULL, 0, KITH_VEC_IN_ARENA};
	const kith_ix_refs *b = x->refs;
	if (!b)
		return v;
	uint32_t n[KITH_IXR__COUNT];
	const kith_ref *r = kith_ix_refs_counts(b, n);
	if (!n[l])
		return v;
	r += b->n[0] >> 15; /* the kind */
	for (int i = 0; i < (int)l; i++)
		r += n[i];
	v.v = (kith_ref *)r;
	v.n = n[l];
	return v;
}
static inline kith_refs kith_ix_with(const kith_interaction *x)
{
	return kith_ix_list_of(x, KITH_IXR_WITH);
}
static inline kith_refs kith_ix_mentions(const kith_interaction *x)
{
	return kith_ix_list_of(x, KITH_IXR_MENTIONS);
}
static inline kith_refs kith_ix_goals(const kith_interaction *x)
{
	return kith_ix_list_of(x, KITH_IXR_GOALS);
}
static inline kith_refs kith_ix_tags(const kith_interaction *x)
{
	return kith_ix_list_of(x, KITH_IXR_TAGS);
}

/* The kind and four lists while a loader builds them (vectors or views). */
typedef struct {
	kith_ref kind; /* s.p NULL: none */
	kith_refs l[KITH_IXR__COUNT];
} kith_ix_lists;
/* x's kind and views of its lists, to change one and pack them again. */
kith_ix_lists kith_ix_lists_of(const kith_interaction *x);
/* Sets x->refs to one block in arena a holding copies of the kind and
 * lists (NULL when all are empty); the lists themselves are left as
 * they are.
 * With a NULL, the block is malloc'd: the caller frees x->refs (the
 * interactions kith_check adds, dropped on a second check). */
void kith_ix_pack(kith_arena *a, kith_interaction *x, const kith_ix_lists *ls);
/* Packs x's lists again with list l replaced by v (a copy), in arena a. */
void kith_ix_set_list(kith_arena *a, kith_interaction *x, kith_ix_list l,
                      kith_refs v);

/* The event an interaction names (s.p NULL when none), its index once
 * check resolved it (KITH_NONE when none), its uid (s.p NULL when none). */
const kith_ref *kith_ix_event(const kith_interaction *x);
uint32_t kith_ix_event_idx(const kith_interaction *x);
const kith_text *kith_ix_uid(const kith_interaction *x);

typedef struct {
	kith_str skill;
	int rating; /* 1..5 */
	kith_pos pos;
} kith_rating;

typedef struct {
	kith_dval date;
	KITH_VEC(kith_rating) skills;
	kith_val note;
	kith_pos pos;
} kith_assessment;

/* A name in the Markdown loader's table (see kith_journal.names): the
 * key and the copy side by side, so a look-up reads one place. */
typedef struct kith_name {
	uint64_t w[2];    /* length, first 12 bytes; 0: a free slot */
	const char *text; /* the copy, in names_arena */
} kith_name;

/* ---- the journal ---- */
typedef struct kith_journal {
	kith_arena *arena;
	char *root_dir;  /* absolute, symlinks resolved */
	char *root_file; /* absolute path of kith.yaml */
	KITH_VEC(kith_file) files;

	/* settings */
	int version; /* 0 until 'kith: 1' is read */
	kith_val owner;
	kith_val owner_email; /* owner: {email: ...}: the digest's To: */
	KITH_VEC(kith_kind) kinds;
	KITH_VEC(kith_role) roles;
	KITH_VEC(kith_rule) rules;
	int kinds_declared, roles_declared, rules_declared;

	KITH_VEC(kith_contact) contacts;
	KITH_VEC(kith_goal) goals;
	KITH_VEC(kith_event) events;
	KITH_VEC(kith_interaction) interactions;
	KITH_VEC(kith_followup) followups;
	KITH_VEC(kith_assessment) assessments;

	/* indexes, built by kith_journal_index() */
	kith_map contact_idx, goal_idx, event_idx, kind_idx, role_idx;

	kith_diags diags;
	double load_seconds; /* for kith stats */

	/* The Markdown loader's table of the names references hold, copies
	 * in names_arena (load/journal_md.c); dropped at the end of a load. */
	kith_name *names;
	uint32_t names_cap, names_n;
	kith_arena *names_arena;

	/* Called first by kith_journal_free when set: the library's per-file
	 * cache (src/lib/cache.c) takes back the records, texts and lists
	 * the journal borrowed from it. */
	void (*on_free)(struct kith_journal *j, void *ctx);
	void *on_free_ctx;
} kith_journal;

/* A checkpoint on or before the as-of date whose expectations are not met:
 * compute judges (kith_checkpoint_misses), check reports it as
 * checkpoint-missed; check never computes and compute never reports. */
typedef struct {
	uint32_t goal, checkpoint; /* indexes */
	char *shortfall;           /* "new-people 14 of 20, ..." (malloc'd) */
} kith_cp_miss;
typedef KITH_VEC(kith_cp_miss) kith_cp_misses;
typedef void (*kith_cp_judge)(const kith_journal *j, kith_day as_of,
                              kith_cp_misses *out);

kith_journal *kith_journal_new(void);
void kith_journal_free(kith_journal *j); /* accepts NULL */
/* Adds the default kinds/roles/rules of docs/format.md for those not declared.
 */
void kith_journal_defaults(kith_journal *j);
/* Copies the root file's settings (version, owner, whether kinds, roles
 * and rules were declared) from one journal to another: the per-file
 * cache and the loader's reading threads give them to a journal that
 * reads one file. */
void kith_journal_copy_settings(kith_journal *to, const kith_journal *from);
/* (Re)builds the hash indexes; reports duplicate ids as diagnostics. */
void kith_journal_index(kith_journal *j);
uint32_t kith_journal_add_file(kith_journal *j, const char *path,
                               const char *display, char *text, size_t len,
                               kith_file_type type);

/* The 1-based column where a Markdown entry's title starts on its line
 * (a slice of the text: found from it, not kept in every record), 0
 * when it has none or is not Markdown's. */
uint32_t kith_ix_title_col(const kith_journal *j, const kith_interaction *x);

/* A mapped journal file's pages count in the resident set again once read
 * (the load gave them back). A pass that reads entries' text file by file
 * (in date order) keeps the last few files read resident and gives an
 * older one's pages back; a later read faults them in again from the
 * page cache, same bytes. */
typedef struct {
	uint32_t f[4]; /* journal files read last, newest first */
} kith_file_window;
void kith_file_window_init(kith_file_window *w);
/* Notes that file f is read now; the oldest of the window goes back. */
void kith_file_window_read(const kith_journal *j, kith_file_window *w,
                           uint32_t f);
/* Gives back the files of the window, which is empty again. */
void kith_file_window_close(const kith_journal *j, kith_file_window *w);
/* Gives back the pages of a mapped Markdown file f (else nothing). */
void kith_journal_drop_file(const kith_journal *j, uint32_t f);

/* x->more, first made in the journal arena when x has none. */
kith_ix_more *kith_ix_more_of(kith_journal *j, kith_interaction *x);

uint32_t kith_find_contact(const kith_journal *j, kith_str handle);
uint32_t kith_find_goal(const kith_journal *j, kith_str id);
uint32_t kith_find_event(const kith_journal *j, kith_str id);
uint32_t kith_find_kind(const kith_journal *j, kith_str name);
uint32_t kith_find_role(const kith_journal *j, kith_str name);

/* Convenience for diagnostics located at a position. */
#define KITH_DIAG(j, ...) kith_diag_add(&(j)->diags, __VA_ARGS__)

/* A valid handle/id: [a-z0-9][a-z0-9._-]* */
int kith_handle_valid(kith_str s);

#endif
