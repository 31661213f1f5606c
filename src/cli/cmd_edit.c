/* kith fmt and kith add: the editing commands. Both rewrite source text
 * (never re-emitting YAML, which would drop comments) and write files
 * atomically, so an interrupted run never leaves a half-written file. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
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
			kith_cli_printf(stdout, "formatted %s\n", display);
	} else if (*changed)
		kith_cli_printf(stdout, "would reformat %s\n", display);
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

/* Files loaded from memory are named by their absolute paths: give them
 * the names the journal on disk shows, so diagnostics read the same. */
static void shown_as_loaded(kith_journal *m, const kith_journal *j,
                            const char *real, const char *shown)
{
	uint32_t f, g;
	for (f = 0; f < m->files.n; f++) {
		const char *d =
		    !strcmp(m->files.v[f].path, real) ? shown : NULL;
		for (g = 0; !d && g < j->files.n; g++)
			if (!strcmp(m->files.v[f].path, j->files.v[g].path))
				d = j->files.v[g].display;
		if (d) {
			free(m->files.v[f].display);
			m->files.v[f].display = kith_xstrdup(d);
		}
	}
}

/* Proves in memory, before anything is written, that the new text of file
 * real is read as intended: the entry appears as an interaction at its
 * heading line and brings no new errors. Returns 0 (with *included 0 when
 * the journal does not include the file), or an exit status. */
/* Prints the diagnostics of the new entry's lines (warnings such as a
 * date in the future), as a user adding by hand would see them. */
static void entry_warnings(kith_cli *c, kith_journal *now, uint32_t file,
                           uint32_t first, uint32_t lines, const char *shown)
{
	kith_diags all = now->diags, mine = {0};
	for (uint32_t i = 0; i < all.list.n; i++) {
		const kith_diag *g = &all.list.v[i];
		if (g->pos.file == file && g->pos.line >= first &&
		    g->pos.line < first + lines)
			*(kith_diag *)kith_vec_push(&mine.list) = *g;
	}
	if (mine.list.n) {
		/* loaded from memory under its real path: show it as the
		 * user named it */
		char *display = now->files.v[file].display;
		now->files.v[file].display = (char *)shown;
		now->diags = mine;
		kith_cli_print_diags(c, now, 1);
		now->diags = all;
		now->files.v[file].display = display;
	}
	kith_vec_free(&mine.list);
}

static int add_check(kith_cli *c, const kith_journal *j, const char *real,
                     const char *text, uint32_t heading_line,
                     uint32_t entry_lines, const char *shown, int *included)
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
	shown_as_loaded(now, j, real, shown);
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
	} else
		entry_warnings(c, now, file, heading_line, entry_lines, shown);
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
	uint32_t lines = 0;
	for (size_t k = 0; k < entry->n; k++)
		lines += entry->p[k] == '\n';
	rc = add_check(c, before, real, kith_buf_cstr(&text), heading_line,
	               lines, shown, &included);
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
	kith_cli_printf(stdout, "added to %s:%u\n%.*s", shown,
	                (unsigned)heading_line, (int)entry->n, entry->p);
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

/* $VISUAL or $EDITOR (else vi) at line of path, through the shell so
 * that an editor setting with arguments works. */
static int open_editor(const char *path, uint32_t line)
{
	const char *ed = getenv("VISUAL");
	if (!ed || !*ed)
		ed = getenv("EDITOR");
	if (!ed || !*ed)
		ed = "vi";
	setenv("KITH_ED", ed, 1);
	char ln[16];
	snprintf(ln, sizeof ln, "+%u", (unsigned)line);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", "$KITH_ED \"$@\"", "sh", ln, path,
		      (char *)NULL);
		_exit(127);
	}
	if (pid < 0)
		return -1;
	int st;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

static int parse_add_time(kith_cli *c, int *minute)
{
	const char *t = c->add_time;
	*minute = -1;
	if (!t)
		return 0;
	if (strlen(t) == 5 && t[2] == ':' && t[0] >= '0' && t[0] <= '2' &&
	    t[1] >= '0' && t[1] <= '9' && t[3] >= '0' && t[3] <= '5' &&
	    t[4] >= '0' && t[4] <= '9' && (t[0] - '0') * 10 + t[1] - '0' < 24) {
		*minute = ((t[0] - '0') * 10 + t[1] - '0') * 60 +
		          (t[3] - '0') * 10 + t[4] - '0';
		return 0;
	}
	kith_cli_error("--time takes HH:MM (00:00 to 23:59), not '%s'", t);
	return -1;
}

int kith_cmd_add(kith_cli *c)
{
	int status, rc = KITH_EXIT_OK, i, lock;
	kith_journal *j;
	kith_add_spec s = {0};
	kith_buf title = {0}, entry = {0}, path = {0};
	char *text = NULL;
	size_t len = 0;
	kith_snapshot snap;
	kith_edit e;
	kith_edit_files files = {0};
	uint32_t heading_line = 0;
	const char *err = NULL;

	if (c->nargs == 0) {
		kith_cli_error("'add' needs a TITLE (see 'kith add --help')");
		return KITH_EXIT_USAGE;
	}
	s.date = c->as_of;
	if (c->add_date &&
	    kith_edit_parse_day(c->add_date, c->as_of, &s.date)) {
		kith_cli_error("--date takes YYYY-MM-DD, today, yesterday, -Nd "
		               "or a weekday name, not '%s'",
		               c->add_date);
		return KITH_EXIT_USAGE;
	}
	if (parse_add_time(c, &s.minute))
		return KITH_EXIT_USAGE;
	for (i = 0; i < c->nargs; i++)
		kith_buf_printf(&title, "%s%s", i ? " " : "", c->args[i]);
	s.title = kith_buf_cstr(&title);
	s.kind = c->add_kind;
	s.with = c->add_with;
	s.goals = c->add_goals;
	s.notes = c->add_notes;
	s.nnotes = c->add_nnotes;
	s.todos = c->add_todos;
	s.ntodos = c->add_ntodos;
	/* the lock comes before any read, so that concurrent adds each
	 * start from the entries the others wrote */
	lock = kith_cli_lock_root(c);
	if (lock == -1) {
		kith_buf_free(&title);
		return KITH_EXIT_SYSTEM;
	}
	j = kith_cli_load(c, 0, &status);
	if (!j) {
		kith_journal_unlock(lock);
		kith_buf_free(&title);
		return status;
	}
	kith_edit_init(&e);
	if (kith_add_entry(j, &s, e.arena, &entry, &err) != 0) {
		kith_cli_error("%s", err);
		rc = KITH_EXIT_USAGE;
		goto out;
	}
	if (c->add_file) {
		char *real = abs_path(c->add_file);
		kith_buf_puts(&path, real ? real : c->add_file);
		free(real);
	} else {
		char *m = kith_edit_month_path(j, s.date);
		kith_buf_puts(&path, m);
		free(m);
	}
	kith_buf_cstr(&path);
	if (kith_read_file_snap(path.p, KITH_MAX_FILE_BYTES, &text, &len,
	                        &snap) != 0) {
		kith_cli_error("cannot read '%s': %s", path.p,
		               kith_strerror(errno));
		rc = KITH_EXIT_SYSTEM;
		goto out;
	}
	kith_edit_insert_entry(j, &e, path.p, s.date, s.minute,
	                       kith_buf_cstr(&entry), &heading_line);
	if (kith_edit_apply(j, &e, &files) != 0 || files.n != 1) {
		kith_cli_error("cannot read '%s': %s", path.p,
		               kith_strerror(errno));
		rc = KITH_EXIT_SYSTEM;
		goto out;
	}
	if (!snap.exists) {
		char *dir = kith_xstrdup(path.p), *slash = strrchr(dir, '/');
		if (slash) {
			*slash = '\0';
			mkdir(dir, 0755); /* the journal/ folder; an error shows
			                     at write */
		}
		free(dir);
	}
	rc = add_commit(c, j, path.p, files.v[0].text.p, files.v[0].text.n,
	                &snap, heading_line, &entry);
	if (!rc && c->add_edit) {
		if (open_editor(path.p, heading_line) != 0) {
			kith_cli_error(
			    "the editor failed; the entry was added");
			rc = KITH_EXIT_SYSTEM;
		}
	}
out:
	kith_journal_unlock(lock);
	free(text);
	kith_edit_files_free(&files);
	kith_edit_free(&e);
	kith_buf_free(&title);
	kith_buf_free(&entry);
	kith_buf_free(&path);
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
		kith_cli_printf(stdout, "%s:%u%s\n", ch->display,
		                (unsigned)ch->line,
		                ch->new_file ? " (new file)" : "");
		for (int k = 0; k < 2; k++) {
			const char *p = k ? ch->after : ch->before;
			while (*p) {
				size_t n = strcspn(p, "\n");
				if (n && p[n - 1] == '\r')
					n--;
				kith_cli_printf(stdout, "%c%s%.*s\n",
				                k ? '+' : '-', n ? " " : "",
				                (int)n, p);
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
		kith_cli_printf(
		    stderr, "  %-6s %-13s %-10s %s  (%s)\n", it->id, it->type,
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
	kith_cli_printf(stdout, "closed %s\n", e.summary);
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
