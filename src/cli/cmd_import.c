/* kith import: reads address books, LinkedIn's export or a calendar,
 * previews what the journal gains, and with --write writes it through
 * the edit write path, then checks the journal and undoes it on errors. */
#include <errno.h>
#include <string.h>

#include "cli/cli.h"
#include "import/plan.h"
#include "load/load.h"

typedef enum { SRC_VCARD, SRC_LINKEDIN, SRC_ICS, SRC__COUNT } source_kind;

static const char *const source_names[SRC__COUNT] = {"vcard", "linkedin",
                                                     "ics"};

typedef int (*reader_fn)(const char *, size_t, kith_import_set *);
static const reader_fn readers[SRC__COUNT] = {kith_vcard_read,
                                              kith_linkedin_read, NULL};

typedef struct {
	kith_cli *c;
	kith_journal *j;
	source_kind kind;
	kith_ics_opts ics;
	const char *me[9];
	char *me_copy;
	kith_import_set *sets;
	int nsets;
} import_run;

static int parse_source(const char *s, source_kind *out)
{
	for (int k = 0; k < SRC__COUNT; k++)
		if (!strcmp(s, source_names[k])) {
			*out = (source_kind)k;
			return 0;
		}
	return -1;
}

/* --since, --tz, --me and the owner for the calendar reader. */
static int ics_options(import_run *r)
{
	kith_cli *c = r->c;
	kith_dur year = {1, KITH_UNIT_YEAR};
	r->ics.to = c->as_of;
	r->ics.from = kith_dur_sub(c->as_of, year);
	r->ics.max_occur = 2000;
	if (c->import_since &&
	    kith_date_parse(c->import_since, strlen(c->import_since),
	                    &r->ics.from) != 0) {
		kith_cli_error("--since takes a date YYYY-MM-DD, not '%s'",
		               c->import_since);
		return KITH_EXIT_USAGE;
	}
	if (c->import_tz && !kith_ics_zone_valid(c->import_tz)) {
		kith_cli_error("--tz takes a time zone name such as "
		               "Europe/Berlin, not '%s'",
		               c->import_tz);
		return KITH_EXIT_USAGE;
	}
	r->ics.tz = c->import_tz;
	if (c->import_me) {
		int n = 0;
		r->me_copy = kith_xstrdup(c->import_me);
		for (char *t = strtok(r->me_copy, ", "); t && n < 8;
		     t = strtok(NULL, ", "))
			r->me[n++] = t;
	}
	r->ics.me = r->me;
	if (r->j->owner.s.p)
		r->ics.owner = kith_arena_printf(r->j->arena, "%.*s",
		                                 KITH_S(r->j->owner.s));
	return 0;
}

/* Reads every file; a malformed line is reported as FILE:LINE: error. */
static int read_all(import_run *r)
{
	int rc = KITH_EXIT_OK;
	r->nsets = r->c->nargs - 1;
	r->sets = kith_xcalloc((size_t)r->nsets, sizeof *r->sets);
	for (int i = 0; i < r->nsets; i++) {
		const char *path = r->c->args[i + 1];
		kith_import_set *s = &r->sets[i];
		char *text;
		size_t len;
		int bad;
		kith_import_set_init(s);
		if (kith_read_file(path, KITH_MAX_FILE_BYTES, &text, &len)) {
			kith_cli_error("cannot read '%s': %s", path,
			               strerror(errno));
			rc = KITH_EXIT_SYSTEM;
			continue;
		}
		bad = r->kind == SRC_ICS ? kith_ics_read(text, len, &r->ics, s)
		                         : readers[r->kind](text, len, s);
		free(text);
		if (bad) {
			kith_cli_printf(stderr, "%s:%u: error: %s\n", path,
			                (unsigned)s->err_line, s->err);
			if (rc == KITH_EXIT_OK)
				rc = KITH_EXIT_ERRORS;
		}
		for (uint32_t k = 0; k < s->people.n; k++)
			s->people.v[k].source = path;
		for (uint32_t k = 0; k < s->events.n; k++)
			s->events.v[k].source = path;
	}
	return rc;
}

/* All files' records as one set, so handles never clash between them. */
static void merge_sets(import_run *r, kith_import_set *all)
{
	memset(all, 0, sizeof *all);
	for (int i = 0; i < r->nsets; i++) {
		for (uint32_t k = 0; k < r->sets[i].people.n; k++)
			*kith_vec_push(&all->people) = r->sets[i].people.v[k];
		for (uint32_t k = 0; k < r->sets[i].events.n; k++)
			*kith_vec_push(&all->events) = r->sets[i].events.v[k];
	}
}

static void print_plan(const kith_import_plan *p, int events)
{
	for (uint32_t i = 0; i < p->rows.n; i++) {
		const kith_import_row *w = &p->rows.v[i];
		kith_cli_printf(stdout, "%s:%u: %s ", w->source,
		                (unsigned)w->line,
		                kith_import_action_names[w->action]);
		if (w->action == KITH_IMPORT_SKIPPED)
			kith_cli_printf(stdout, "%s: %s\n", w->what, w->why);
		else if (w->action == KITH_IMPORT_UPDATED)
			kith_cli_printf(stdout, "@%s %s: %s\n", w->handle,
			                w->what, w->why);
		else if (events)
			kith_cli_printf(stdout, "%s (with %s)\n", w->what,
			                w->handle);
		else
			kith_cli_printf(stdout, "@%s %s\n", w->handle, w->what);
	}
	printf("%u added, %u updated, %u skipped\n",
	       (unsigned)p->count[KITH_IMPORT_ADDED],
	       (unsigned)p->count[KITH_IMPORT_UPDATED],
	       (unsigned)p->count[KITH_IMPORT_SKIPPED]);
}

/* Whether the text of b (not NUL-terminated) holds s. */
static int holds(const kith_buf *b, const char *s)
{
	size_t m = strlen(s);
	for (size_t i = 0; m && i + m <= b->n; i++)
		if (b->p[i] == s[0] && memcmp(b->p + i, s, m) == 0)
			return 1;
	return 0;
}

/* Loads the journal again: the import must bring no new error, and every
 * imported event must be read back (its month file included). */
static int recheck(import_run *r, const kith_import_set *all,
                   const kith_import_plan *p, const kith_edit_files *fs)
{
	int status;
	kith_journal *j = kith_cli_load(r->c, 0, &status);
	uint32_t missing = 0;
	if (!j) {
		kith_cli_edit_restore(fs);
		return status;
	}
	for (uint32_t i = 0; r->kind == SRC_ICS && i < all->events.n; i++) {
		const char *uid = all->events.v[i].uid;
		int planned = 0, found = 0;
		for (uint32_t k = 0; k < fs->n && !planned; k++)
			planned = holds(&fs->v[k].text, uid);
		for (uint32_t k = 0; planned && k < j->interactions.n; k++)
			found |= kith_str_eqc(
			    kith_ix_uid(&j->interactions.v[k])->s, uid);
		missing += planned && !found;
	}
	(void)p;
	if (j->diags.errors > r->j->diags.errors || missing) {
		kith_cli_print_diags(r->c, j, 0);
		kith_cli_edit_restore(fs);
		if (missing)
			kith_cli_error("%u imported entr%s would not be read: "
			               "the journal does not include its month "
			               "file; add \"journal/*.md\" under "
			               "'include:' in kith.yaml. Nothing was "
			               "changed",
			               (unsigned)missing,
			               missing == 1 ? "y" : "ies");
		else
			kith_cli_error("the import brings errors (above); "
			               "nothing was changed");
		kith_journal_free(j);
		return KITH_EXIT_ERRORS;
	}
	kith_journal_free(j);
	return KITH_EXIT_OK;
}

static int write_plan(import_run *r, const kith_import_set *all,
                      const kith_import_plan *p, const kith_edit *e)
{
	kith_edit_files files = {0};
	int rc;
	if (!e->v.n) {
		puts("nothing to write");
		return KITH_EXIT_OK;
	}
	if (kith_edit_apply(r->j, e, &files) != 0) {
		kith_cli_error("cannot read a file to change: %s",
		               strerror(errno));
		return KITH_EXIT_SYSTEM;
	}
	rc = kith_cli_edit_write(r->c, &files);
	if (rc == KITH_EXIT_OK)
		rc = recheck(r, all, p, &files);
	if (rc == KITH_EXIT_OK)
		for (uint32_t i = 0; i < files.n; i++)
			printf("wrote %s\n", files.v[i].display);
	kith_edit_files_free(&files);
	return rc;
}

static int run(import_run *r)
{
	kith_cli *c = r->c;
	const char *kind = c->add_kind ? c->add_kind : "meeting";
	kith_import_set all;
	kith_import_plan plan = {0};
	kith_edit e;
	int rc;

	if (r->kind == SRC_ICS) {
		if (kith_find_kind(r->j, kith_str_c(kind)) == KITH_NONE) {
			kith_cli_error("no interaction kind '%s' (declared "
			               "kinds are under 'kinds:' in kith.yaml; "
			               "choose one with --kind)",
			               kind);
			return KITH_EXIT_USAGE;
		}
		if ((rc = ics_options(r)))
			return rc;
	}
	if ((rc = read_all(r)))
		return rc; /* nothing is written after a malformed line */
	merge_sets(r, &all);
	kith_edit_init(&e);
	if (r->kind == SRC_ICS)
		kith_import_events(r->j, &all, kind, &plan, &e);
	else
		kith_import_contacts(r->j, &all, c->import_update, &plan, &e);
	print_plan(&plan, r->kind == SRC_ICS);
	if (c->fmt_write)
		rc = write_plan(r, &all, &plan, &e);
	else if (e.v.n) {
		kith_cli_edit_print(&e);
		puts("preview only: nothing written (write with --write)");
	}
	kith_vec_free(&all.people);
	kith_vec_free(&all.events);
	kith_import_plan_free(&plan);
	kith_edit_free(&e);
	return rc;
}

int kith_cmd_import(kith_cli *c)
{
	import_run r = {.c = c};
	int status, rc, lock = -1;

	if (c->nargs < 2 || parse_source(c->args[0], &r.kind) != 0) {
		kith_cli_error("'import' needs a source (vcard, linkedin or "
		               "ics) and at least one file (see 'kith import "
		               "--help')");
		return KITH_EXIT_USAGE;
	}
	if (r.kind != SRC_ICS &&
	    (c->import_since || c->import_tz || c->import_me || c->add_kind)) {
		kith_cli_error("--since, --tz, --me and --kind are for 'import "
		               "ics'");
		return KITH_EXIT_USAGE;
	}
	/* with --write, the lock comes before any read (as for kith add) */
	if (c->fmt_write && (lock = kith_cli_lock_root(c)) == -1)
		return KITH_EXIT_SYSTEM;
	if (lock == -2)
		lock = -1; /* no journal: the load says why */
	r.j = kith_cli_load(c, 0, &status);
	if (!r.j) {
		kith_journal_unlock(lock);
		return status;
	}
	rc = run(&r);
	for (int i = 0; i < r.nsets; i++)
		kith_import_set_free(&r.sets[i]);
	free(r.sets);
	free(r.me_copy);
	kith_journal_free(r.j);
	kith_md_grammar_free();
	kith_journal_unlock(lock);
	return rc;
}
