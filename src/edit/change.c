/* Edits as line changes: applying them to file text, the month file of a
 * day, putting a new entry in date order, and days as users say them.
 * Shared by kith done and kith add (and the language server's actions). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "edit/edit.h"
#include "load/load.h"

void kith_edit_init(kith_edit *e)
{
	memset(e, 0, sizeof *e);
	e->arena = kith_arena_new();
}

void kith_edit_free(kith_edit *e)
{
	if (!e)
		return;
	kith_vec_free(&e->v);
	kith_vec_free(&e->candidates);
	kith_report_free(e->r);
	kith_arena_free(e->arena);
	memset(e, 0, sizeof *e);
}

void kith_edit_files_free(kith_edit_files *f)
{
	for (uint32_t i = 0; f && i < f->n; i++) {
		free(f->v[i].old);
		kith_buf_free(&f->v[i].text);
	}
	if (f)
		kith_vec_free(f);
}

/* Byte offset of the start of 1-based line ln (len when past the end). */
static size_t line_start(const char *t, size_t len, uint32_t ln)
{
	size_t i = 0;
	for (uint32_t l = 1; l < ln && i < len; i++)
		if (t[i] == '\n')
			l++;
	return i;
}

static size_t lines_end(const char *t, size_t len, size_t from, uint32_t n)
{
	size_t i = from;
	while (n && i < len) {
		if (t[i++] == '\n')
			n--;
	}
	return i;
}

static kith_edit_file *file_for(const kith_journal *j, kith_edit_files *out,
                                const kith_change *c, int *err)
{
	for (uint32_t i = 0; i < out->n; i++)
		if (!strcmp(out->v[i].path, c->path))
			return &out->v[i];
	kith_edit_file *f = kith_vec_push(out);
	memset(f, 0, sizeof *f);
	f->path = c->path;
	f->display = c->display;
	f->new_file = c->new_file;
	for (uint32_t k = 0; k < j->files.n; k++)
		if (!strcmp(j->files.v[k].path, c->path)) {
			f->old = kith_xmalloc(j->files.v[k].len + 1);
			memcpy(f->old, j->files.v[k].text, j->files.v[k].len);
			f->oldlen = j->files.v[k].len;
			return f;
		}
	if (!c->new_file &&
	    kith_read_file(c->path, KITH_MAX_FILE_BYTES, &f->old, &f->oldlen))
		*err = errno ? errno : EIO;
	return f;
}

/* Changes to one file are applied from the last line up, so the line
 * numbers of the others still hold. */
static int change_cmp(const void *a, const void *b)
{
	const kith_change *p = *(const kith_change *const *)a,
	                  *q = *(const kith_change *const *)b;
	int c = strcmp(p->path, q->path);
	if (c)
		return c;
	return p->line > q->line ? -1 : p->line < q->line;
}

int kith_edit_apply(const kith_journal *j, const kith_edit *e,
                    kith_edit_files *out)
{
	int err = 0;
	const kith_change **ord =
	    kith_xcalloc(e->v.n ? e->v.n : 1, sizeof *ord);
	memset(out, 0, sizeof *out);
	for (uint32_t i = 0; i < e->v.n; i++)
		ord[i] = &e->v.v[i];
	qsort(ord, e->v.n, sizeof *ord, change_cmp);
	for (uint32_t i = 0; i < e->v.n && !err; i++) {
		const kith_change *c = ord[i];
		kith_edit_file *f = file_for(j, out, c, &err);
		if (err)
			break;
		kith_buf cur = {0};
		if (f->text.n || f->text.p)
			cur = f->text;
		else if (f->old)
			kith_buf_put(&cur, f->old, f->oldlen);
		const char *t = cur.p ? cur.p : "";
		size_t s = line_start(t, cur.n, c->line);
		size_t end = lines_end(t, cur.n, s, c->del);
		kith_buf nb = {0};
		kith_buf_put(&nb, t, s);
		if (s == cur.n && s && t[s - 1] != '\n')
			kith_buf_putc(&nb, '\n');
		kith_buf_puts(&nb, c->after);
		kith_buf_put(&nb, t + end, cur.n - end);
		kith_buf_free(&cur);
		f->text = nb;
	}
	free(ord);
	if (err) {
		kith_edit_files_free(out);
		errno = err;
		return -1;
	}
	return 0;
}

static const char *const weekdays[] = {"monday",   "tuesday", "wednesday",
                                       "thursday", "friday",  "saturday",
                                       "sunday"};

int kith_edit_parse_day(const char *s, kith_day today, kith_day *out)
{
	size_t n = strlen(s);
	if (!strcmp(s, "today")) {
		*out = today;
		return 0;
	}
	if (!strcmp(s, "yesterday")) {
		*out = today - 1;
		return 0;
	}
	if (n >= 3 && s[0] == '-' && s[n - 1] == 'd') {
		char *e;
		long k = strtol(s + 1, &e, 10);
		if (e == s + n - 1 && k >= 0 && k < 100000 && s[1] >= '0' &&
		    s[1] <= '9') {
			*out = today - k;
			return 0;
		}
		return -1;
	}
	for (int w = 0; n >= 3 && w < 7; w++)
		if (!strncasecmp(s, weekdays[w], n) &&
		    n <= strlen(weekdays[w]) &&
		    (n == 3 || n == strlen(weekdays[w]))) {
			int back = (kith_weekday(today) - (w + 1) + 7) % 7;
			*out = today - back;
			return 0;
		}
	return kith_date_parse(s, n, out) == 0 ? 0 : -1;
}

char *kith_edit_month_path(const kith_journal *j, kith_day day)
{
	char ds[11];
	kith_buf b = {0};
	kith_date_fmt(day, ds);
	kith_buf_printf(&b, "%s/journal/%.7s.md", j->root_dir, ds);
	return (char *)kith_buf_cstr(&b);
}

static uint32_t count_lines(const char *t, size_t n)
{
	uint32_t l = 0;
	for (size_t i = 0; i < n; i++)
		l += t[i] == '\n';
	if (n && t[n - 1] != '\n')
		l++;
	return l;
}

/* "dir/journal/2026-11.md" relative to the current folder when under it,
 * as the loader shows paths. */
static const char *display_of(const kith_journal *j, kith_edit *e,
                              const char *path)
{
	for (uint32_t k = 0; k < j->files.n; k++)
		if (!strcmp(j->files.v[k].path, path))
			return j->files.v[k].display;
	/* a sibling of the root file: show it as the root's display shows
	 * the root's folder */
	const kith_file *root = j->files.n ? &j->files.v[0] : NULL;
	size_t rl = strlen(j->root_dir);
	if (root && !strncmp(path, j->root_dir, rl) && path[rl] == '/') {
		const char *slash = strrchr(root->display, '/');
		if (!slash)
			return kith_arena_strdup(e->arena, path + rl + 1);
		return kith_arena_printf(e->arena, "%.*s/%s",
		                         (int)(slash - root->display),
		                         root->display, path + rl + 1);
	}
	return kith_arena_strdup(e->arena, path);
}

void kith_edit_insert_entry(const kith_journal *j, kith_edit *e,
                            const char *path, kith_day day, int minute,
                            const char *entry, uint32_t *heading_line)
{
	kith_change *c = kith_vec_push(&e->v);
	memset(c, 0, sizeof *c);
	c->path = kith_arena_strdup(e->arena, path);
	c->display = display_of(j, e, path);
	c->before = "";
	uint32_t file = KITH_NONE;
	for (uint32_t k = 0; k < j->files.n; k++)
		if (!strcmp(j->files.v[k].path, path))
			file = k;
	char *text = NULL;
	size_t len = 0;
	if (file != KITH_NONE) {
		text = j->files.v[file].text;
		len = j->files.v[file].len;
	} else if (kith_read_file(path, KITH_MAX_FILE_BYTES, &text, &len) !=
	           0) {
		char ds[11];
		kith_date_fmt(day, ds);
		c->new_file = 1;
		c->line = 1;
		c->after =
		    kith_arena_printf(e->arena, "# %.7s\n\n%s", ds, entry);
		*heading_line = 3;
		return;
	}
	/* The first entry of the file that comes later than the new one. */
	uint32_t before = 0;
	for (uint32_t i = 0; file != KITH_NONE && i < j->interactions.n; i++) {
		const kith_interaction *ix = &j->interactions.v[i];
		if (ix->file != file || ix->pos.line == 0)
			continue;
		int later = ix->date > day || (ix->date == day && minute >= 0 &&
		                               ix->minute > minute);
		if (later && (!before || ix->pos.line < before))
			before = ix->pos.line;
	}
	if (before) {
		c->line = before;
		c->after = kith_arena_printf(e->arena, "%s\n", entry);
		*heading_line = before;
	} else {
		uint32_t n = count_lines(text, len);
		int blank_end =
		    len >= 2 && text[len - 1] == '\n' && text[len - 2] == '\n';
		c->line = n + 1;
		c->after = kith_arena_printf(
		    e->arena, "%s%s", len && !blank_end ? "\n" : "", entry);
		*heading_line = n + 1 + (len && !blank_end ? 1 : 0);
	}
	if (file == KITH_NONE)
		free(text);
}
