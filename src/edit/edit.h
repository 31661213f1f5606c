/* Editing: canonical layout of journal files (kith fmt), closing an item
 * (kith done) and adding an entry (kith add). Works on source text, never
 * by re-emitting YAML, so comments and layout the user chose survive.
 * Internal header for src/edit, src/cli, src/lsp (through lib) and tests.
 * The edits are computed, never written here: the caller writes the
 * files of a kith_edit through the safe-write path, all or nothing. */
#ifndef KITH_EDIT_H
#define KITH_EDIT_H

#include "compute/compute.h"
#include "model/model.h"
#include "util/util.h"

/* ---- changes (src/edit/change.c) ---- */
/* One change to one file: lines [line, line + del) are replaced by after.
 * An editor's text edit, and what kith prints as "before -> after". */
typedef struct {
	const char *path;    /* absolute */
	const char *display; /* as diagnostics show it */
	uint32_t line;       /* 1-based */
	uint32_t del;        /* lines removed (0: insert before line) */
	const char *before;  /* the removed lines ("" when none) */
	const char *after;   /* the inserted lines, each ending in '\n' */
	int new_file;        /* the file does not exist yet */
} kith_change;

typedef enum {
	KITH_EDIT_OK,
	KITH_EDIT_NO_MATCH,  /* nothing open matches */
	KITH_EDIT_AMBIGUOUS, /* several items match: see candidates */
	KITH_EDIT_REFUSED    /* the item cannot be closed by an edit */
} kith_edit_status;

typedef struct {
	kith_arena *arena;
	KITH_VEC(kith_change) v;
	kith_edit_status status;
	const char *summary;       /* what was closed or added, one line */
	const char *error;         /* why nothing changes (status != OK) */
	const char *hint;          /* what to do instead, or NULL */
	kith_due_items candidates; /* ambiguous: the matching items */
	kith_report *r;            /* owns the candidates' strings */
} kith_edit;

void kith_edit_init(kith_edit *e);
void kith_edit_free(kith_edit *e); /* accepts NULL */

/* The new content of one file after an edit. */
typedef struct {
	const char *path, *display;
	int new_file;
	char *old; /* the content the changes were made against (NULL: new) */
	size_t oldlen;
	kith_buf text;
} kith_edit_file;
typedef KITH_VEC(kith_edit_file) kith_edit_files;
/* Applies e's changes to the files' text as loaded in j (read from disk
 * for a file the journal does not include). Returns 0, or -1 with errno
 * set when such a file cannot be read. */
int kith_edit_apply(const kith_journal *j, const kith_edit *e,
                    kith_edit_files *out);
void kith_edit_files_free(kith_edit_files *f);

/* A day as a user says it: today, yesterday, -Nd, a weekday name (the
 * last one on or before today; "mon" or "monday") or YYYY-MM-DD.
 * Returns 0, or -1 when s is none of these. */
int kith_edit_parse_day(const char *s, kith_day today, kith_day *out);

/* The month file of a day: ROOT/journal/YYYY-MM.md (malloc'd). */
char *kith_edit_month_path(const kith_journal *j, kith_day day);
/* Adds to e the change that puts entry (heading line and the lines after
 * it, each ending in '\n') into path in date order: after the entries
 * of the same or earlier dates (same date: by time, untimed first),
 * before the first later one; a new file starts with '# YYYY-MM'.
 * *heading_line is set to the line the heading will have. */
void kith_edit_insert_entry(const kith_journal *j, kith_edit *e,
                            const char *path, kith_day day, int minute,
                            const char *entry, uint32_t *heading_line);

/* ---- kith add (src/edit/add.c) ---- */
typedef struct {
	kith_day date;
	int minute;        /* -1: no time */
	const char *title; /* one line; may hold @handle and #kind */
	const char *kind;  /* NULL: from the title, else note */
	const char *with; /* handles, comma- or space-separated, '@' optional */
	const char *goals;        /* goal ids, comma- or space-separated */
	const char *const *notes; /* paragraphs */
	int nnotes;
	const char *const *todos; /* task texts ("Send it due:+1w") */
	int ntodos;
} kith_add_spec;
/* The Markdown of a new entry: the heading '## DATE[ HH:MM] TITLE', with
 * ' #KIND' unless the title holds #KIND as a whole word (and a 'kind:'
 * line when the title holds another declared kind first), 'with:' and
 * 'goals:' lines, the notes as paragraphs and the todos as '- [ ]' items.
 * Unknown handles, kinds and goals are refused with a did-you-mean.
 * Returns 0, or -1 with *err set (in arena a). */
int kith_add_entry(const kith_journal *j, const kith_add_spec *s, kith_arena *a,
                   kith_buf *entry, const char **err);

/* ---- kith done (src/edit/done.c) ---- */
/* Closes one open item of 'kith due' as of o->as_of, on day date: what is
 * an id (as 'kith due' shows it) or words matching the text of exactly
 * one open item. A task gets [x] and done:DATE (YAML: a done: key); a goal
 * action a done: key; an owed thank-you a new entry of the expected kind
 * with the person, in its month file in date order; a registered or
 * planned event status: attended. A stay-in-touch item or a birthday is
 * refused, with the 'kith add' line that would log the touch as hint.
 * Fills e (changes, or status, error, hint and candidates). */
kith_edit_status kith_done(const kith_journal *j, const kith_opts *o,
                           const char *what, kith_day date, kith_edit *e);

/* Canonical layout of a Markdown journal, written to out. Only layout that
 * cannot change meaning is touched:
 * - line ends LF; trailing whitespace removed from ordinary lines (a
 *   Markdown hard break of two or more spaces is kept),
 * - runs of blank lines between ordinary lines collapsed to one, one blank
 *   line before every heading, none at the start (unless the first line
 *   would then read as front matter) or the end,
 * - entry headings spaced as '## YYYY-MM-DD[ HH:MM] Title',
 * - '[X]' task boxes written '[x]'.
 * Copied byte for byte: front matter (line 1 only), fenced code, indented
 * lines (code or list continuation) and the blank lines between them, and
 * HTML blocks. */
void kith_fmt_md(const char *text, size_t len, kith_buf *out);
/* YAML: line ends LF and a final newline; nothing else, since whitespace
 * and trailing blank lines ('|+') in block scalars are content. */
void kith_fmt_yaml(const char *text, size_t len, kith_buf *out);

#endif
