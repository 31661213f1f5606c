/* Importing a network from other tools: readers for vCard, LinkedIn's
 * Connections.csv and iCalendar, and the plan that turns what they read
 * into contacts and journal entries. Internal header for src/import,
 * src/cli and tests (the import layer sits with edit). */
#ifndef KITH_IMPORT_H
#define KITH_IMPORT_H

#include <stdint.h>

#include "model/model.h"
#include "util/date.h"
#include "util/util.h"

typedef KITH_VEC(char *) kith_import_strs;

/* One person as a source describes them. Strings are UTF-8, NUL-terminated,
 * in the set's arena; NULL when absent. */
typedef struct {
	uint32_t line;      /* where the record starts in its file (1-based) */
	const char *source; /* the file, as shown to the user */
	char *name;         /* full name as shown */
	char *org, *title, *note;
	kith_import_strs emails, phones, tags, links;
	int bday_year, bday_month, bday_day; /* 0 when absent / no year */
	kith_day met;                        /* KITH_NO_DAY when absent */
} kith_import_person;

/* One calendar occurrence: an event, or one instance of a recurring one. */
typedef struct {
	uint32_t line; /* the VEVENT's BEGIN line */
	const char *source;
	char *uid; /* UID, or UID/RECURRENCE-ID for one occurrence */
	char *summary;
	kith_day day;
	int minute;              /* local start, -1 for all-day events */
	kith_import_strs emails; /* organiser and attendees who did not decline,
	                            lowercase */
	const char *skip;        /* why it is skipped (cancelled, declined), or
	                            NULL */
} kith_import_event;

/* What one reader produced, with its first error. */
typedef struct {
	kith_arena *arena;
	KITH_VEC(kith_import_person) people;
	KITH_VEC(kith_import_event) events;
	uint32_t err_line; /* 0: no error */
	char *err;         /* the message, in the arena */
} kith_import_set;

void kith_import_set_init(kith_import_set *s);
void kith_import_set_free(kith_import_set *s); /* accepts NULL */
/* Records the first error at line; returns -1 for "return fail(...)". */
int kith_import_fail(kith_import_set *s, uint32_t line, const char *fmt, ...)
    KITH_PRINTF(3, 4);
char *kith_import_strndup(kith_import_set *s, const char *p, size_t n);
void kith_import_push(kith_import_set *s, kith_import_strs *v, const char *p,
                      size_t n);

/* ---- readers: each returns 0, or -1 with s->err_line/s->err set ---- */
int kith_vcard_read(const char *text, size_t len, kith_import_set *s);
int kith_linkedin_read(const char *text, size_t len, kith_import_set *s);

typedef struct {
	kith_day from, to;  /* occurrences on these local days, inclusive */
	const char *tz;     /* IANA zone for local days; NULL: the process's */
	const char **me;    /* the user's own addresses (NULL-terminated) */
	const char *owner;  /* the user's name (an attendee CN), or NULL */
	uint32_t max_occur; /* bound on occurrences of one recurring event */
} kith_ics_opts;
/* 1 when tz names a zone libical knows (IANA names such as Europe/Berlin). */
int kith_ics_zone_valid(const char *tz);
int kith_ics_read(const char *text, size_t len, const kith_ics_opts *o,
                  kith_import_set *s);

#endif
