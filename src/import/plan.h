/* The import plan: what each record of a source becomes (added, updated,
 * skipped and why) and the text changes that do it, as a kith_edit the
 * caller previews or writes. Internal header for src/import, src/cli and
 * tests. */
#ifndef KITH_IMPORT_PLAN_H
#define KITH_IMPORT_PLAN_H

#include "edit/edit.h"
#include "import/import.h"

typedef enum {
	KITH_IMPORT_ADDED,
	KITH_IMPORT_UPDATED,
	KITH_IMPORT_SKIPPED,
	KITH_IMPORT__COUNT
} kith_import_action;
extern const char *const kith_import_action_names[KITH_IMPORT__COUNT];

typedef struct {
	kith_import_action action;
	const char *source; /* the source file */
	uint32_t line;      /* the record in it */
	const char *handle; /* the contact, or NULL */
	const char *what;   /* a name, or an entry heading */
	const char *why;    /* skipped: the reason; updated: the fields */
} kith_import_row;

typedef struct {
	KITH_VEC(kith_import_row) rows;
	uint32_t count[KITH_IMPORT__COUNT];
} kith_import_plan;

void kith_import_plan_free(kith_import_plan *p); /* accepts NULL */

/* People become contacts: matched by email, then by exact full name;
 * a match is never duplicated (with update, its empty fields are filled);
 * a new one gets a fresh handle and goes after the last contact. */
void kith_import_contacts(const kith_journal *j, const kith_import_set *s,
                          int update, kith_import_plan *p, kith_edit *e);

/* Events become journal entries of kind `kind` in their month files, in
 * date order, with the contacts among their attendees as participants
 * and their uid in the metadata; an event whose uid the journal has, or
 * with no contact among its attendees, is skipped. */
void kith_import_events(const kith_journal *j, const kith_import_set *s,
                        const char *kind, kith_import_plan *p, kith_edit *e);

/* A handle for a name that clashes with none in taken (nor the journal's):
 * alice, alice-w, alice-2, ... ASCII only; the e-mail's local part when
 * the name has no Latin letters. Exposed for tests. */
char *kith_import_handle(kith_arena *a, const kith_journal *j,
                         const kith_map *taken, const char *name,
                         const char *email);

#endif
