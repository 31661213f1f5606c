/* kith fmt and kith add: the editing commands. Both rewrite source text
 * (never re-emitting YAML, which would drop comments) and write files
 * atomically, so an interrupted run never leaves a half-written file. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "edit/edit.h"
#include "lib/lib.h"
#include "load/load.h"

static int fmt_one(kith_cli *c, const char *path, const char *display,
                   int *changed, int print)
{
	char *text;
	size_t len;
	kith_buf out = {0};
	const char *dot = strrchr(path, '.');
	int md = dot && (!strcmp(dot, ".md") || !strcmp(dot, ".markdown"));
	int rc = KITH_EXIT_OK;
	kith_snapshot snap;
	kith_sw_error e;

	if (kith_read_file_snap(path, KITH_MAX_FILE_BYTES, &text, &len,
	                        &snap) != 0 ||
	    !text) {
		kith_cli_error("cannot read '%s': %s", display,
		               kith_strerror(snap.taken ? ENOENT : errno));
		return KITH_EXIT_SYSTEM;
	}
	if (md)
		kith_fmt_md(text, len, &out);
	else
		kith_fmt_yaml(text, len, &out);
	*changed = out.n != len || (len && memcmp(out.p, text, len) != 0);
	if (print)
		rc = kith_cli_output(c, out.p ? out.p : "", out.n);
	else if (*changed && c->fmt_write) {
		if (kith_safe_write(path, display, out.p ? out.p : "", out.n,
		                    &snap, c->force ? KITH_SW_FORCE : 0,
		                    &e) != 0) {
			kith_cli_write_error(&e);
			rc = KITH_EXIT_SYSTEM;
		} else
			printf("formatted %s\n", display);
	} else if (*changed)
		printf("would reformat %s\n", display);
	free(text);
	kith_buf_free(&out);
	return rc;
}

int kith_cmd_fmt(kith_cli *c)
{
	int status, rc = KITH_EXIT_OK, any = 0, changed = 0, i;
	kith_journal *j = NULL;

	if (c->fmt_check && c->fmt_write) {
		kith_cli_error("'fmt' takes --check or --write, not both");
		return KITH_EXIT_USAGE;
	}
	if (c->nargs == 1 && !c->fmt_check && !c->fmt_write)
		return fmt_one(c, c->args[0], c->args[0], &changed, 1);
	if (c->nargs) {
		for (i = 0; i < c->nargs; i++) {
			int r = fmt_one(c, c->args[i], c->args[i], &changed, 0);
			any |= changed;
			if (r)
				rc = r;
		}
	} else {
		uint32_t f;
		int lock = -1;
		j = kith_cli_load(c, 0, &status);
		if (!j)
			return status;
		if (c->fmt_write &&
		    (lock = kith_cli_lock_journal(c, j->root_dir)) < 0) {
			kith_journal_free(j);
			return KITH_EXIT_SYSTEM;
		}
		for (f = 0; f < j->files.n; f++) {
			int r = fmt_one(c, j->files.v[f].path,
			                j->files.v[f].display, &changed, 0);
			any |= changed;
			if (r)
				rc = r;
		}
		kith_journal_unlock(lock);
		kith_journal_free(j);
		kith_md_grammar_free();
	}
	if (rc)
		return rc;
	if (!any && !c->fmt_write)
		fputs("all files are formatted\n", stderr);
	return c->fmt_check && any ? KITH_EXIT_ERRORS : KITH_EXIT_OK;
}

/* Validates the pieces of a new entry against the journal before anything
 * is written: a declared kind, known handles. */
static int add_validate(kith_cli *c, kith_journal *j, kith_buf *with)
{
	if (c->add_kind &&
	    kith_find_kind(j, kith_str_c(c->add_kind)) == KITH_NONE) {
		kith_cli_error("no interaction kind '%s' (declared kinds are "
		               "under 'kinds:' in kith.yaml)",
		               c->add_kind);
		return KITH_EXIT_USAGE;
	}
	if (c->add_with) {
		const char *p = c->add_with;
		while (*p) {
			size_t n = strcspn(p, ", ");
			kith_str h = {p, (uint32_t)n};
			if (n && h.p[0] == '@')
				h.p++, h.n--;
			if (h.n) {
				if (kith_find_contact(j, h) == KITH_NONE) {
					kith_cli_error("no contact '@%.*s' "
					               "(see 'kith contacts')",
					               KITH_S(h));
					return KITH_EXIT_USAGE;
				}
				kith_buf_printf(with, "%s%.*s",
				                with->n ? ", " : "", KITH_S(h));
			}
			p += n;
			while (*p == ',' || *p == ' ')
				p++;
		}
	}
	return 0;
}

/* The 1-based line of the last line of p (which ends in '\n'). */
static size_t line_of_end(const char *p, size_t n)
{
	size_t i, lines = 0;
	for (i = 0; i < n; i++)
		lines += p[i] == '\n';
	return lines;
}

/* The absolute path, symlinks resolved, of a file that may not exist
 * yet (its folder must): as the loader names files. */
static char *abs_path(const char *path)
{
	char *real = realpath(path, NULL), *dir, *slash, *rdir;
	kith_buf b = {0};

	if (real || errno != ENOENT)
		return real;
	dir = kith_xstrdup(path);
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	rdir = realpath(slash ? (dir[0] ? dir : "/") : ".", NULL);
	if (rdir) {
		kith_buf_printf(&b, "%s/%s", strcmp(rdir, "/") ? rdir : "",
		                slash ? slash + 1 : path);
		kith_buf_cstr(&b);
	}
	free(rdir);
	free(dir);
	return b.p;
}

/* Loads the journal from memory, its files as read with file real holding
 * text (added when the journal does not list it yet), and checks it. */
static kith_journal *load_with(kith_cli *c, const kith_journal *j,
                               const char *real, const char *text)
{
	uint32_t n = j->files.n, f, k = 0;
	const char **names = kith_xcalloc(n + 1, sizeof(char *));
	const char **texts = kith_xcalloc(n + 1, sizeof(char *));
	kith_journal *m;
	kith_source src = {0};
	kith_open_error err;
	int seen = 0;

	for (f = 0; f < n; f++) {
		names[k] = j->files.v[f].path;
		texts[k] = j->files.v[f].text ? j->files.v[f].text : "";
		if (!strcmp(names[k], real)) {
			seen = 1;
			if (text)
				texts[k] = text;
		}
		k++;
	}
	if (!seen && text) {
		names[k] = real;
		texts[k++] = text;
	}
	src.names = names;
	src.texts = texts;
	src.nfiles = k;
	src.as_of = c->as_of;
	src.strict = c->strict;
	m = kith_lib_load(&src, &err);
	if (!m)
		kith_open_error_free(&err);
	free(names);
	free(texts);
	return m;
}

/* Proves in memory, before anything is written, that the new text of file
 * real is read as intended: the entry appears as an interaction at its
 * heading line and brings no new errors. Returns 0 (with *included 0 when
 * the journal does not include the file), or an exit status. */
static int add_check(kith_cli *c, const kith_journal *j, const char *real,
                     const char *text, uint32_t heading_line, const char *shown,
                     int *included)
{
	kith_journal *old = load_with(c, j, real, NULL);
	kith_journal *now = load_with(c, j, real, text);
	uint32_t f, i, file = KITH_NONE;
	int found = 0, rc = 0;

	if (!old || !now) {
		kith_cli_error(
		    "cannot check the new entry; nothing was changed");
		rc = KITH_EXIT_SYSTEM;
		goto out;
	}
	for (f = 0; f < now->files.n; f++)
		if (!strcmp(now->files.v[f].path, real))
			file = f;
	*included = file != KITH_NONE;
	if (!*included)
		goto out;
	for (i = 0; i < now->interactions.n; i++)
		if (now->interactions.v[i].file == file &&
		    now->interactions.v[i].pos.line == heading_line)
			found = 1;
	if (!found || now->diags.errors > old->diags.errors) {
		kith_cli_print_diags(c, now, 0);
		if (!found)
			kith_cli_error("the new entry would not be read as an "
			               "entry of '%s' (is the file's last code "
			               "block left open?); nothing was changed",
			               shown);
		else
			kith_cli_error("the new entry brings errors (above); "
			               "nothing was changed");
		rc = KITH_EXIT_ERRORS;
	}
out:
	kith_journal_free(old);
	kith_journal_free(now);
	return rc;
}

/* Checks the new file text in memory, then writes it through the safe
 * write path: refused if the file changed since it was read. */
static int add_commit(kith_cli *c, kith_journal *before, const char *path,
                      const char *p, size_t n, const kith_snapshot *snap,
                      uint32_t heading_line, const kith_buf *entry)
{
	char *real = abs_path(path);
	char cwd[4096];
	const char *shown = path;
	size_t cl;
	int rc, included = 0;
	kith_sw_error e;
	kith_buf text = {0};

	if (!real) {
		kith_cli_error("cannot write '%s': %s", path, strerror(errno));
		return KITH_EXIT_SYSTEM;
	}
	cl = getcwd(cwd, sizeof cwd) ? strlen(cwd) : 0;
	if (cl && !strncmp(real, cwd, cl) && real[cl] == '/')
		shown = real + cl + 1; /* relative, as diagnostics are */
	kith_buf_put(&text, p, n);
	rc = add_check(c, before, real, kith_buf_cstr(&text), heading_line,
	               shown, &included);
	if (rc)
		goto out;
	if (kith_safe_write(path, shown, p, n, snap,
	                    (snap->exists ? 0 : KITH_SW_CREATE) |
	                        (c->force ? KITH_SW_FORCE : 0),
	                    &e) != 0) {
		kith_cli_write_error(&e);
		rc = KITH_EXIT_SYSTEM;
		goto out;
	}
	printf("added to %s: %.*s", shown, (int)entry->n, entry->p);
	if (!included)
		fprintf(stderr,
		        "kith: note: '%s' is not included by the journal; add "
		        "it (or a glob such as \"journal/*.md\") under "
		        "'include:' in kith.yaml\n",
		        shown);
out:
	kith_buf_free(&text);
	free(real);
	return rc;
}

int kith_cmd_add(kith_cli *c)
{
	int status, rc = KITH_EXIT_OK, i;
	kith_journal *j;
	kith_day date = c->as_of;
	kith_buf title = {0}, with = {0}, entry = {0}, path = {0}, file = {0};
	char ds[11], *text = NULL;
	size_t len = 0;
	kith_snapshot snap;
	int lock;

	if (c->nargs == 0) {
		kith_cli_error("'add' needs a TITLE (see 'kith add --help')");
		return KITH_EXIT_USAGE;
	}
	if (c->add_date &&
	    kith_date_parse(c->add_date, strlen(c->add_date), &date) != 0) {
		kith_cli_error(
		    "--date takes a calendar date YYYY-MM-DD, not '%s'",
		    c->add_date);
		return KITH_EXIT_USAGE;
	}
	/* the lock comes before any read, so that concurrent adds each
	 * start from the entries the others wrote */
	lock = kith_cli_lock_root(c);
	if (lock == -1)
		return KITH_EXIT_SYSTEM;
	j = kith_cli_load(c, 0, &status);
	if (!j) {
		kith_journal_unlock(lock);
		return status;
	}
	if ((rc = add_validate(c, j, &with)))
		goto out;
	for (i = 0; i < c->nargs; i++) {
		const char *a = c->args[i];
		if (strchr(a, '\n')) {
			kith_cli_error("the title must be one line");
			rc = KITH_EXIT_USAGE;
			goto out;
		}
		kith_buf_printf(&title, "%s%s", i ? " " : "", a);
	}
	kith_date_fmt(date, ds);
	kith_buf_printf(&entry, "## %s %s", ds, kith_buf_cstr(&title));
	if (c->add_kind) {
		kith_buf tag = {0};
		kith_buf_printf(&tag, "#%s", c->add_kind);
		if (!strstr(title.p, kith_buf_cstr(&tag)))
			kith_buf_printf(&entry, " #%s", c->add_kind);
		kith_buf_free(&tag);
	}
	kith_buf_putc(&entry, '\n');
	if (with.n)
		kith_buf_printf(&entry, "with: [%s]\n", kith_buf_cstr(&with));
	if (c->add_file)
		kith_buf_puts(&path, c->add_file);
	else
		kith_buf_printf(&path, "%s/journal/%.7s.md", j->root_dir, ds);
	kith_buf_cstr(&path);
	if (kith_read_file_snap(path.p, KITH_MAX_FILE_BYTES, &text, &len,
	                        &snap) != 0) {
		kith_cli_error("cannot read '%s': %s", path.p,
		               kith_strerror(errno));
		rc = KITH_EXIT_SYSTEM;
		goto out;
	}
	if (snap.exists) {
		kith_buf_put(&file, text, len);
		if (len && text[len - 1] != '\n')
			kith_buf_putc(&file, '\n');
		kith_buf_putc(&file, '\n');
	} else {
		char *dir = kith_xstrdup(path.p), *slash = strrchr(dir, '/');
		if (slash) {
			*slash = '\0';
			mkdir(dir, 0755); /* the journal/ folder; an error shows
			                     at write */
		}
		free(dir);
		kith_buf_printf(&file, "# %.7s\n\n", ds);
	}
	kith_buf_put(&file, entry.p, entry.n);
	rc = add_commit(
	    c, j, path.p, file.p, file.n, &snap,
	    (uint32_t)(line_of_end(file.p, file.n) - (with.n ? 1 : 0)), &entry);
out:
	kith_journal_unlock(lock);
	free(text);
	kith_buf_free(&title);
	kith_buf_free(&with);
	kith_buf_free(&entry);
	kith_buf_free(&path);
	kith_buf_free(&file);
	kith_journal_free(j);
	kith_md_grammar_free();
	return rc;
}

/* ---- kith done ---- */

/* Writes every file of an edit, all or nothing: a file changed on disk
 * since it was loaded is refused before anything is written, and on a
 * failed write the files already written are put back. */
static int write_files(kith_cli *c, const kith_edit_files *fs)
{
	kith_txn *t = kith_txn_new();
	kith_sw_error e;
	int rc = KITH_EXIT_OK;
	uint32_t i;

	for (i = 0; i < fs->n && !rc; i++) {
		const kith_edit_file *f = &fs->v[i];
		kith_snapshot snap;
		struct stat st = {0};
		if (f->new_file) {
			char *dir = kith_xstrdup(f->path),
			     *slash = strrchr(dir, '/');
			if (slash) {
				*slash = '\0';
				mkdir(dir, 0777);
			}
			free(dir);
		}
		kith_snapshot_of(&snap, f->old, f->oldlen,
		                 f->new_file ? NULL : &st);
		if (kith_txn_put(t, f->path, f->display,
		                 f->text.p ? f->text.p : "", f->text.n, &snap,
		                 c->force ? KITH_SW_FORCE : 0, &e) != 0)
			rc = KITH_EXIT_SYSTEM;
	}
	if (!rc && kith_txn_commit(t, &e) != 0)
		rc = KITH_EXIT_SYSTEM;
	if (rc)
		kith_cli_write_error(&e);
	kith_txn_free(t);
	return rc;
}

/* Puts a file back as it was before an edit (removes a new one). */
static void restore(const char *path, const char *old, size_t oldlen)
{
	kith_sw_error e;
	if (!old)
		unlink(path);
	else if (kith_safe_write(path, NULL, old, oldlen, NULL, KITH_SW_FORCE,
	                         &e) != 0)
		kith_cli_write_error(&e);
}

/* "FILE:LINE" then the removed lines with '-' and the new ones with '+',
 * as a diff shows them. */
static void print_changes(const kith_edit *e)
{
	for (uint32_t i = 0; i < e->v.n; i++) {
		const kith_change *ch = &e->v.v[i];
		printf("%s:%u%s\n", ch->display, (unsigned)ch->line,
		       ch->new_file ? " (new file)" : "");
		for (int k = 0; k < 2; k++) {
			const char *p = k ? ch->after : ch->before;
			while (*p) {
				size_t n = strcspn(p, "\n");
				if (n && p[n - 1] == '\r')
					n--;
				printf("%c%s%.*s\n", k ? '+' : '-',
				       n ? " " : "", (int)n, p);
				p += strcspn(p, "\n");
				if (*p)
					p++;
			}
		}
	}
}

/* After a write: the diagnostics on the lines the edit touched, and the
 * journal's exit status; -1 when the edit brought new errors and the
 * files were put back. */
static int recheck(kith_cli *c, const kith_edit *e, uint32_t errors_before,
                   const kith_edit_files *fs)
{
	int status;
	kith_journal *j = kith_cli_load(c, 0, &status);
	if (!j)
		return status;
	if (j->diags.errors > errors_before) {
		/* The edit broke something: put every file back. */
		kith_cli_print_diags(c, j, 0);
		for (uint32_t i = 0; i < fs->n; i++)
			restore(fs->v[i].path, fs->v[i].old, fs->v[i].oldlen);
		kith_cli_error("the change brings errors (above); nothing was "
		               "changed");
		kith_journal_free(j);
		return -1;
	}
	kith_diags all = j->diags, mine = {0};
	for (uint32_t i = 0; i < all.list.n; i++) {
		const kith_diag *g = &all.list.v[i];
		const char *path = g->pos.file < j->files.n
		                       ? j->files.v[g->pos.file].path
		                       : "";
		for (uint32_t k = 0; k < e->v.n; k++) {
			const kith_change *ch = &e->v.v[k];
			uint32_t added = 0;
			for (const char *p = ch->after; *p; p++)
				added += *p == '\n';
			if (!strcmp(path, ch->path) &&
			    g->pos.line >= ch->line &&
			    g->pos.line < ch->line + (added ? added : 1)) {
				*(kith_diag *)kith_vec_push(&mine.list) = *g;
				break;
			}
		}
	}
	j->diags = mine;
	kith_cli_print_diags(c, j, 1);
	kith_vec_free(&j->diags.list);
	j->diags = all;
	if (all.errors)
		fprintf(stderr,
		        "kith: the journal has %u error%s; see 'kith check'\n",
		        (unsigned)all.errors, all.errors == 1 ? "" : "s");
	kith_journal_free(j);
	return status;
}

static int done_refused(const kith_edit *e)
{
	kith_cli_error("%s", e->error ? e->error : "cannot close the item");
	for (uint32_t i = 0; i < e->candidates.n; i++) {
		const kith_due_item *it = &e->candidates.v[i];
		fprintf(stderr, "  %-6s %-13s %-10s %s  (%s)\n", it->id,
		        it->type,
		        it->date != KITH_NO_DAY ? kith_disp_day(e->r, it->date)
		                                : "",
		        it->what, it->source);
	}
	if (e->hint)
		fprintf(stderr, "  help: %s\n", e->hint);
	return e->status == KITH_EDIT_NO_MATCH ||
	               e->status == KITH_EDIT_REFUSED ||
	               e->status == KITH_EDIT_AMBIGUOUS
	           ? KITH_EXIT_USAGE
	           : KITH_EXIT_ERRORS;
}

int kith_cmd_done(kith_cli *c)
{
	int status, rc;
	kith_journal *j;
	kith_day date = c->as_of;
	kith_buf what = {0};
	kith_edit e;
	kith_edit_files files = {0};
	int lock;

	if (c->nargs == 0) {
		kith_cli_error("'done' needs an ID or TEXT (see 'kith due')");
		return KITH_EXIT_USAGE;
	}
	if (c->add_date && kith_edit_parse_day(c->add_date, c->as_of, &date)) {
		kith_cli_error(
		    "--date takes today, yesterday, -Nd, a weekday or "
		    "YYYY-MM-DD, not '%s'",
		    c->add_date);
		return KITH_EXIT_USAGE;
	}
	for (int i = 0; i < c->nargs; i++)
		kith_buf_printf(&what, "%s%s", i ? " " : "", c->args[i]);
	if ((lock = kith_cli_lock_root(c)) == -1) {
		kith_buf_free(&what);
		return KITH_EXIT_SYSTEM;
	}
	j = kith_cli_load(c, 0, &status);
	if (!j) {
		kith_journal_unlock(lock);
		kith_buf_free(&what);
		return status;
	}
	kith_edit_init(&e);
	kith_opts o = {0};
	o.as_of = c->as_of;
	o.within = (kith_dur){14, KITH_UNIT_DAY};
	o.private_fields = 1; /* birthdays are items too */
	if (kith_done(j, &o, kith_buf_cstr(&what), date, &e) != KITH_EDIT_OK) {
		rc = done_refused(&e);
		goto out;
	}
	if (kith_edit_apply(j, &e, &files) != 0) {
		kith_cli_error("cannot read the file to change: %s",
		               strerror(errno));
		rc = KITH_EXIT_SYSTEM;
		goto out;
	}
	if ((rc = write_files(c, &files)))
		goto out;
	if ((rc = recheck(c, &e, j->diags.errors, &files)) < 0) {
		rc = KITH_EXIT_ERRORS; /* the files were put back */
		goto out;
	}
	printf("closed %s\n", e.summary);
	print_changes(&e);
out:
	kith_journal_unlock(lock);
	kith_edit_files_free(&files);
	kith_edit_free(&e);
	kith_buf_free(&what);
	kith_journal_free(j);
	kith_md_grammar_free();
	return rc;
}

/* ---- the same write path, for kith import ---- */

int kith_cli_edit_write(kith_cli *c, const kith_edit_files *fs)
{
	return write_files(c, fs);
}

void kith_cli_edit_restore(const kith_edit_files *fs)
{
	for (uint32_t i = 0; i < fs->n; i++)
		restore(fs->v[i].path, fs->v[i].old, fs->v[i].oldlen);
}

void kith_cli_edit_print(const kith_edit *edit)
{
	print_changes(edit);
}
