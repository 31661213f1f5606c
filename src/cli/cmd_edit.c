/* kith fmt and kith add: the editing commands. Both rewrite source text
 * (never re-emitting YAML, which would drop comments) and write files
 * atomically, so an interrupted run never leaves a half-written file. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "edit/edit.h"
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

	if (kith_read_file(path, KITH_MAX_FILE_BYTES, &text, &len) != 0) {
		kith_cli_error("cannot read '%s': %s", display,
		               strerror(errno));
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
		if (kith_write_file_atomic(path, out.p ? out.p : "", out.n) !=
		    0) {
			kith_cli_error("cannot write '%s': %s", display,
			               strerror(errno));
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
		j = kith_cli_load(c, 0, &status);
		if (!j)
			return status;
		for (f = 0; f < j->files.n; f++) {
			int r = fmt_one(c, j->files.v[f].path,
			                j->files.v[f].display, &changed, 0);
			any |= changed;
			if (r)
				rc = r;
		}
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

static void restore(const char *path, const char *old, size_t oldlen)
{
	if (old)
		kith_write_file_atomic(path, old, oldlen);
	else
		unlink(path);
}

/* Writes the new file text, then loads the journal again to prove the
 * entry is read as intended: it must appear as an interaction at its
 * heading line and bring no new errors. Otherwise the file is restored. */
static int add_commit(kith_cli *c, kith_journal *before, const char *path,
                      const char *p, size_t n, const char *old, size_t oldlen,
                      uint32_t heading_line, const kith_buf *entry)
{
	kith_journal *j;
	char *real;
	uint32_t f, i, file = KITH_NONE;
	int status, found = 0;
	char cwd[4096];
	const char *shown = path;
	size_t cl;

	if (kith_write_file_atomic(path, p, n) != 0) {
		kith_cli_error("cannot write '%s': %s", path, strerror(errno));
		return KITH_EXIT_SYSTEM;
	}
	real = realpath(path, NULL);
	cl = getcwd(cwd, sizeof cwd) ? strlen(cwd) : 0;
	if (real && cl && !strncmp(real, cwd, cl) && real[cl] == '/')
		shown = real + cl + 1; /* relative, as diagnostics are */
	j = kith_cli_load(c, 0, &status);
	if (!j) {
		restore(path, old, oldlen);
		free(real);
		return status;
	}
	for (f = 0; real && f < j->files.n; f++)
		if (!strcmp(j->files.v[f].path, real))
			file = f;
	if (file == KITH_NONE) {
		printf("added to %s: %.*s", shown, (int)entry->n, entry->p);
		fprintf(stderr,
		        "kith: note: '%s' is not included by the journal; add "
		        "it (or a glob such as \"journal/*.md\") under "
		        "'include:' in kith.yaml\n",
		        shown);
		goto out;
	}
	for (i = 0; i < j->interactions.n; i++)
		if (j->interactions.v[i].file == file &&
		    j->interactions.v[i].pos.line == heading_line)
			found = 1;
	if (!found || j->diags.errors > before->diags.errors) {
		kith_cli_print_diags(c, j, 0);
		if (!found)
			kith_cli_error("the new entry would not be read as an "
			               "entry of '%s' (is the file's last code "
			               "block left open?); nothing was changed",
			               shown);
		else
			kith_cli_error("the new entry brings errors (above); "
			               "nothing was changed");
		restore(path, old, oldlen);
		status = KITH_EXIT_ERRORS;
		goto out;
	}
	printf("added to %s: %.*s", shown, (int)entry->n, entry->p);
	status = KITH_EXIT_OK;
out:
	free(real);
	kith_journal_free(j);
	return status;
}

int kith_cmd_add(kith_cli *c)
{
	int status, rc = KITH_EXIT_OK, i;
	kith_journal *j;
	kith_day date = c->as_of;
	kith_buf title = {0}, with = {0}, entry = {0}, path = {0}, file = {0};
	char ds[11], *text = NULL;
	size_t len = 0;
	struct stat st;

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
	j = kith_cli_load(c, 0, &status);
	if (!j)
		return status;
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
	if (stat(path.p, &st) == 0) {
		if (kith_read_file(path.p, KITH_MAX_FILE_BYTES, &text, &len) !=
		    0) {
			kith_cli_error("cannot read '%s': %s", path.p,
			               strerror(errno));
			rc = KITH_EXIT_SYSTEM;
			goto out;
		}
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
	    c, j, path.p, file.p, file.n, text, text ? len : 0,
	    (uint32_t)(line_of_end(file.p, file.n) - (with.n ? 1 : 0)), &entry);
out:
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
