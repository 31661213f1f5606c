/* The query language of docs/format.md: parsed once into a tree, then
 * evaluated per interaction, contact or event. The query layer sits above
 * model and load, below check and compute (both use it).
 * Internal header for src/check, src/compute, src/lib, src/cli, tests/. */
#ifndef KITH_QUERY_H
#define KITH_QUERY_H

#include "model/model.h"

typedef struct kith_query kith_query;

/* Parses q[0..n); relative periods (date:this-month) are taken as of
 * as_of. On error returns NULL and sets *errcol (0-based byte offset in
 * q), *errlen (span >= 1) and *err (static message). References
 * (contacts, kinds, roles, goals, events) are resolved against j but an
 * unknown name is not an error here (check reports those separately).
 * The tree lives in the journal arena, and the arena releases its
 * regexes when the journal is freed; kith_query_free releases them
 * earlier (accepts NULL, may be called more than once). */
kith_query *kith_query_parse(kith_journal *j, const char *q, size_t n,
                             kith_day as_of, size_t *errcol, size_t *errlen,
                             const char **err);
void kith_query_free(kith_query *q);

/* Evaluation. A NULL query matches everything. A PCRE2 error while
 * matching (e.g. the match limit) counts as no match and sets *failed
 * when failed is not NULL. */
int kith_query_match_interaction(const kith_journal *j, const kith_query *q,
                                 uint32_t ix, int *failed);
/* Contacts: contact terms apply to the contact itself; interaction terms
 * (kind, date, goal, event, text) match when any of the contact's
 * interactions matches them... see docs/query.md. */
int kith_query_match_contact(const kith_journal *j, const kith_query *q,
                             uint32_t c, int *failed);
int kith_query_match_event(const kith_journal *j, const kith_query *q,
                           uint32_t e, int *failed);

/* Collect the references in the query for check (unknown-contact etc). */
typedef struct {
	int kind; /* 0 contact, 1 kind, 2 role, 3 goal, 4 event */
	kith_str name;
	size_t col, len; /* in the query text */
} kith_query_ref;
typedef KITH_VEC(kith_query_ref) kith_query_refs;
void kith_query_collect_refs(const kith_query *q, kith_query_refs *out);

/* Query evaluation over an interaction with other participants: kith due
 * matches a follow-up by the entry it comes from, with the people the
 * follow-up concerns as participants. As kith_query_match_interaction,
 * for *ix with `with` in place of its own (NULL: its own). */
int kith_query_match_ix(const kith_journal *j, const kith_query *q,
                        const kith_interaction *ix, const kith_refs *with,
                        int *failed);

/* Regexes that hit PCRE2's match limit count as no match. A query keeps
 * the largest number of items that failed so in one evaluation, so that a
 * goal metric's where: can be reported as possibly incomplete. */
void kith_query_note_limit(const kith_query *q, uint32_t items);
uint32_t kith_query_limit_items(const kith_query *q);

#endif
