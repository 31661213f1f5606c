/* Journal discovery and loading: finds kith.yaml, reads every file the
 * include globs name (relative to the naming file, confined to the root
 * folder), validates UTF-8, and hands each file to its loader. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "load/load.h"

#define MAX_WALK 200000 /* entries scanned under the root for globs */

typedef struct {
	kith_journal *j;
	char *cwd;
	int mem; /* in-memory journal (tests, fuzzers) */
	const char *const *mem_names;
	const char *const *mem_texts;
	size_t mem_n;
	char **tree; /* root-relative paths of files under the root, sorted */
	size_t ntree;
	int walked, capped;
	int said_too_many;  /* the file limit is reported once per run */
	int walk_errno;     /* first folder or path the walk could not read */
	char *walk_errpath; /* (root-relative), reported once */
	char *walk_prefix;  /* the folder of the last listing */
	kith_map loaded;    /* absolute path -> file index */
	kith_map
	    unparsed; /* files registered for diagnostics only (bad UTF-8) */
} loader;

/* ---- paths ---- */

static char *path_join(const char *dir, const char *rel)
{
	kith_buf b = {0};
	if (rel[0] == '/')
		kith_buf_puts(&b, rel);
	else
		kith_buf_printf(&b, "%s/%s", dir, rel);
	kith_buf_cstr(&b);
	return b.p;
}

static char *path_dir(const char *path)
{
	const char *s = strrchr(path, '/');
	if (!s)
		return kith_xstrdup(".");
	if (s == path)
		return kith_xstrdup("/");
	return kith_xstrndup(path, (size_t)(s - path));
}

/* Lexically normalizes a '/'-separated path: drops "." and "" segments and
 * resolves ".." (returns NULL if it climbs above the start). */
static char *path_normalize(const char *p)
{
	size_t n = strlen(p), i = 0, o = 0;
	char *out = kith_xmalloc(n + 2);
	int abs = p[0] == '/';

	if (abs)
		out[o++] = '/';
	while (i < n) {
		size_t s = i, len;
		while (i < n && p[i] != '/')
			i++;
		len = i - s;
		if (i < n)
			i++;
		if (len == 0 || (len == 1 && p[s] == '.'))
			continue;
		if (len == 2 && p[s] == '.' && p[s + 1] == '.') {
			if (o == (size_t)abs) {
				free(out);
				return NULL;
			}
			while (o > (size_t)abs && out[o - 1] != '/')
				o--;
			if (o > (size_t)abs)
				o--;
			continue;
		}
		if (o > (size_t)abs)
			out[o++] = '/';
		memcpy(out + o, p + s, len);
		o += len;
	}
	out[o] = '\0';
	return out;
}

static char *display_path(const loader *L, const char *abs)
{
	size_t n = L->cwd ? strlen(L->cwd) : 0;
	if (L->mem || !L->cwd)
		return kith_xstrdup(abs);
	if (n > 1 && strncmp(abs, L->cwd, n) == 0 && abs[n] == '/')
		return kith_xstrdup(abs + n + 1);
	if (n == 1 && abs[0] == '/')
		return kith_xstrdup(abs + 1);
	return kith_xstrdup(abs);
}

char *kith_find_root(const char *explicit_path, const char **err)
{
	char buf[PATH_MAX], *dir;
	struct stat st;

	if (explicit_path && !*explicit_path)
		explicit_path = NULL;
	if (explicit_path) {
		if (stat(explicit_path, &st) == 0 && S_ISDIR(st.st_mode)) {
			char *p = path_join(explicit_path, "kith.yaml");
			char *r = realpath(p, NULL);
			free(p);
			if (!r)
				*err = strerror(errno);
			return r;
		}
		char *r = realpath(explicit_path, NULL);
		if (!r)
			*err = strerror(errno);
		return r;
	}
	if (!getcwd(buf, sizeof buf)) {
		*err = strerror(errno);
		return NULL;
	}
	dir = kith_xstrdup(buf);
	for (;;) {
		char *p = path_join(dir, "kith.yaml");
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
			char *r = realpath(p, NULL);
			free(p);
			free(dir);
			if (!r)
				*err = strerror(errno);
			return r;
		}
		free(p);
		if (strcmp(dir, "/") == 0)
			break;
		p = path_dir(dir);
		free(dir);
		dir = p;
	}
	free(dir);
	*err = "no kith.yaml in this folder or any parent (use -f FILE, or run "
	       "'kith init')";
	return NULL;
}

/* ---- glob matching: '*', '?', '[...]' within a segment, '**' across ---- */

static int class_match(const char *pat, size_t *pi, size_t pn, char c, int *ok)
{
	size_t i = *pi + 1;
	int neg = 0, hit = 0, first = 1;

	if (i < pn && (pat[i] == '!' || pat[i] == '^'))
		neg = 1, i++;
	while (i < pn && (pat[i] != ']' || first)) {
		first = 0;
		if (i + 2 < pn && pat[i + 1] == '-' && pat[i + 2] != ']') {
			if (c >= pat[i] && c <= pat[i + 2])
				hit = 1;
			i += 3;
		} else {
			if (c == pat[i])
				hit = 1;
			i++;
		}
	}
	if (i >= pn) {
		*ok = 0; /* unclosed: treat '[' literally */
		return c == '[';
	}
	*ok = 1;
	*pi = i; /* at ']' */
	return hit != neg;
}

int kith_glob_match(const char *pat, const char *s)
{
	size_t pn = strlen(pat), sn = strlen(s), i, k;
	unsigned char *cur = kith_xcalloc(sn + 1, 1),
	              *nxt = kith_xcalloc(sn + 1, 1);
	int r;

	cur[0] = 1;
	for (i = 0; i < pn; i++) {
		char c = pat[i];
		memset(nxt, 0, sn + 1);
		if (c == '*' && i + 1 < pn && pat[i + 1] == '*') {
			int slash = i + 2 < pn && pat[i + 2] == '/';
			int reach = 0;
			i += slash ? 2 : 1;
			for (k = 0; k <= sn; k++) {
				if (slash) {
					nxt[k] =
					    cur[k] ||
					    (k > 0 && s[k - 1] == '/' && reach);
					reach = reach || cur[k];
				} else
					nxt[k] =
					    cur[k] || (k > 0 && nxt[k - 1]);
			}
		} else if (c == '*') {
			for (k = 0; k <= sn; k++)
				nxt[k] = cur[k] || (k > 0 && nxt[k - 1] &&
				                    s[k - 1] != '/');
		} else if (c == '?') {
			for (k = 0; k < sn; k++)
				nxt[k + 1] = cur[k] && s[k] != '/';
		} else if (c == '[') {
			/* where the class ends depends on the pattern only */
			size_t end = i;
			int ok = 1, unused;
			class_match(pat, &end, pn, 0, &ok);
			for (k = 0; k < sn; k++) {
				size_t pi = i;
				int m =
				    s[k] != '/' &&
				    class_match(pat, &pi, pn, s[k], &unused);
				nxt[k + 1] = cur[k] && m;
			}
			if (ok)
				i = end;
		} else {
			if (c == '\\' && i + 1 < pn)
				c = pat[++i];
			for (k = 0; k < sn; k++)
				nxt[k + 1] = cur[k] && s[k] == c;
		}
		unsigned char *t = cur;
		cur = nxt;
		nxt = t;
	}
	r = cur[sn];
	free(cur);
	free(nxt);
	return r;
}

static int has_glob(const char *p)
{
	return strpbrk(p, "*?[") != NULL;
}

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void tree_free(loader *L)
{
	size_t i;
	for (i = 0; i < L->ntree; i++)
		free(L->tree[i]);
	free(L->tree);
	L->tree = NULL;
	L->ntree = 0;
}

/* The first entry of the sorted tree not below the n-byte prefix p. */
static size_t tree_lower_bound(const loader *L, const char *p, size_t n)
{
	size_t lo = 0, hi = L->ntree;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strncmp(L->tree[mid], p, n) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The folder part of a glob before its first wildcard: "journal/2026/" of
 * a glob of the .md files in journal/2026/ (empty when the glob starts
 * with a wildcard). */
static char *glob_prefix(const char *pat)
{
	const char *w = strpbrk(pat, "*?["), *slash;
	if (!w)
		w = pat + strlen(pat);
	for (slash = w; slash > pat && slash[-1] != '/'; slash--)
		;
	return kith_xstrndup(pat, (size_t)(slash - pat));
}

/* Notes the first path a glob's listing could not read (an unreadable
 * folder, a path past PATH_MAX): reported, never skipped in silence. */
static void walk_problem(loader *L, const char *rel, int err)
{
	if (L->walk_errno)
		return;
	L->walk_errno = err;
	L->walk_errpath = kith_xstrdup(rel[0] ? rel : ".");
}

/* Lists the regular files under prefix (a root-relative folder ending in
 * '/', or ""), skipping dot entries; the last listing is reused. Sets
 * L->capped when MAX_WALK entries were scanned. */
static void walk_root(loader *L, const char *prefix)
{
	KITH_VEC(char *) stack = {0};
	KITH_VEC(char *) files = {0};
	size_t seen = 0;

	/* a complete listing of a folder also covers its subfolders: each
	 * folder is listed once for globs that share it */
	if (L->walked && L->walk_prefix && !L->capped &&
	    !strncmp(prefix, L->walk_prefix, strlen(L->walk_prefix)))
		return;
	tree_free(L);
	free(L->walk_prefix);
	L->walk_prefix = kith_xstrdup(prefix);
	L->walked = 1;
	L->capped = 0;
	if (L->mem) {
		size_t i;
		for (i = 1; i < L->mem_n; i++)
			*kith_vec_push(&files) = kith_xstrdup(L->mem_names[i]);
		goto done;
	}
	*kith_vec_push(&stack) =
	    kith_xstrndup(prefix, prefix[0] ? strlen(prefix) - 1 : 0);
	while (stack.n && seen < MAX_WALK) {
		char *rel = stack.v[--stack.n];
		char *abs = rel[0] ? path_join(L->j->root_dir, rel)
		                   : kith_xstrdup(L->j->root_dir);
		DIR *d = opendir(abs);
		struct dirent *e;
		if (!d && errno != ENOENT)
			walk_problem(L, rel, errno);
		while (d && (e = readdir(d)) && seen < MAX_WALK) {
			struct stat st;
			char *crel, *cabs;
			seen++;
			if (e->d_name[0] == '.')
				continue;
			crel = rel[0] ? path_join(rel, e->d_name)
			              : kith_xstrdup(e->d_name);
			cabs = path_join(abs, e->d_name);
			errno = 0;
			if (lstat(cabs, &st) == 0 && S_ISDIR(st.st_mode))
				*kith_vec_push(&stack) = crel;
			else if (stat(cabs, &st) == 0 && S_ISREG(st.st_mode))
				*kith_vec_push(&files) = crel;
			else {
				if (errno == ENAMETOOLONG || errno == EACCES)
					walk_problem(L, crel, errno);
				free(crel);
			}
			free(cabs);
		}
		if (d)
			closedir(d);
		free(abs);
		free(rel);
	}
	L->capped = seen >= MAX_WALK;
	while (stack.n)
		free(stack.v[--stack.n]);
	kith_vec_free(&stack);
done:
	if (files.n)
		qsort(files.v, files.n, sizeof(char *), cmp_cstr);
	L->tree = files.v;
	L->ntree = files.n;
}

/* ---- loading one file ---- */

static void pos_of_offset(const char *text, size_t off, uint32_t *line,
                          uint32_t *col)
{
	size_t i, ls = 0;
	uint32_t l = 1;
	for (i = 0; i < off; i++)
		if (text[i] == '\n')
			l++, ls = i + 1;
	*line = l;
	*col = (uint32_t)(off - ls + 1);
}

static kith_file_type type_of(const char *path, int *ok)
{
	const char *dot = strrchr(path, '.');
	*ok = 1;
	if (dot && (!strcmp(dot, ".yaml") || !strcmp(dot, ".yml")))
		return KITH_FILE_YAML;
	if (dot && (!strcmp(dot, ".md") || !strcmp(dot, ".markdown")))
		return KITH_FILE_MD;
	*ok = 0;
	return KITH_FILE_YAML;
}

static void add_chain_note(kith_journal *j, kith_diag *g, uint32_t file)
{
	uint32_t guard = 0;
	while (file < j->files.n && j->files.v[file].parent != KITH_NONE &&
	       guard++ < 64) {
		kith_pos p = j->files.v[file].include_pos;
		kith_diag_note(g, "'%s' is included from %s:%u:%u",
		               j->files.v[file].display,
		               j->files.v[p.file].display, p.line, p.col);
		file = j->files.v[file].parent;
	}
}

/* Reads, validates and registers a file; returns its index or KITH_NONE. */
static uint32_t open_file(loader *L, const char *abs, kith_file_type type,
                          uint32_t parent, kith_pos inc_pos, uint32_t inc_len)
{
	kith_journal *j = L->j;
	char *text = NULL, *disp;
	size_t len = 0, bad;
	uint32_t idx;

	if (L->mem) {
		size_t i;
		for (i = 0; i < L->mem_n; i++)
			if (!strcmp(L->mem_names[i], abs))
				break;
		if (i == L->mem_n) {
			errno = ENOENT;
			goto fail;
		}
		len = strlen(L->mem_texts[i]);
		text = kith_xstrndup(L->mem_texts[i], len);
	} else if (kith_read_file(abs, KITH_MAX_FILE_BYTES, &text, &len) != 0)
		goto fail;
	disp = display_path(L, abs);
	idx = kith_journal_add_file(j, abs, disp, text, len, type);
	free(disp);
	j->files.v[idx].parent = parent;
	j->files.v[idx].include_pos = inc_pos;
	kith_map_put(&L->loaded, kith_str_c(j->files.v[idx].path), idx, NULL);
	if ((bad = kith_utf8_invalid(text, len)) != 0) {
		kith_pos p = {idx, 0, 0};
		kith_diag *g;
		pos_of_offset(text, bad - 1, &p.line, &p.col);
		g = KITH_DIAG(j, KITH_D_INVALID_UTF8, p, 1);
		kith_diag_hint(
		    g, "save the file as UTF-8 (byte 0x%02x at offset %zu)",
		    (unsigned char)text[bad - 1], bad - 1);
		/* registered (the excerpt shows its line), but never parsed:
		 * the loaders rely on valid UTF-8 */
		kith_map_put(&L->unparsed, kith_str_c(j->files.v[idx].path),
		             idx, NULL);
		return KITH_NONE;
	}
	if (memchr(text, '\0', len)) {
		/* a NUL would cut a C string short: say where, parse nothing */
		size_t off =
		    (size_t)((const char *)memchr(text, '\0', len) - text);
		kith_pos p = {idx, 0, 0};
		pos_of_offset(text, off, &p.line, &p.col);
		kith_diag_hint(
		    KITH_DIAG(j, KITH_D_NUL_BYTE, p, 1),
		    "remove the NUL byte (offset %zu); journal files "
		    "are text",
		    off);
		kith_map_put(&L->unparsed, kith_str_c(j->files.v[idx].path),
		             idx, NULL);
		return KITH_NONE;
	}
	return idx;
fail : {
	int e = errno;
	kith_pos p = inc_pos;
	kith_diag *g;
	if (parent == KITH_NONE)
		return KITH_NONE;
	if (e == EFBIG) {
		g = KITH_DIAG(j, KITH_D_FILE_TOO_LARGE, p, inc_len, "256 MiB");
		char *d = display_path(L, abs);
		kith_diag_hint(g, "split '%s' into smaller files", d);
		free(d);
	} else {
		char *d = display_path(L, abs);
		g = KITH_DIAG(j, KITH_D_IO, p, inc_len, d, kith_strerror(e));
		free(d);
		kith_diag_hint(g, "check that the file exists and is readable");
	}
	return KITH_NONE;
}
}

static int is_ancestor(kith_journal *j, uint32_t anc, uint32_t file)
{
	uint32_t guard = 0;
	while (file != KITH_NONE && guard++ < KITH_MAX_FILES) {
		if (file == anc)
			return 1;
		file = j->files.v[file].parent;
	}
	return 0;
}

static void include_one(loader *L, uint32_t from, const kith_ref *inc,
                        kith_refs *queue_files);

static void include_path(loader *L, uint32_t from, const kith_ref *inc,
                         const char *abs)
{
	kith_journal *j = L->j;
	char *real = L->mem ? kith_xstrdup(abs) : realpath(abs, NULL);
	size_t rn = strlen(j->root_dir);
	uint32_t old;
	int ok;
	kith_file_type type;
	char *pat = kith_arena_strndup(j->arena, inc->s.p, inc->s.n);

	if (!real) {
		kith_diag *g = KITH_DIAG(j, KITH_D_IO, inc->pos, inc->len, abs,
		                         strerror(errno));
		kith_diag_hint(g, "check the path in 'include'");
		return;
	}
	if (!L->mem && !(strncmp(real, j->root_dir, rn) == 0 &&
	                 (real[rn] == '/' || (rn == 1 && real[0] == '/')))) {
		kith_diag *g = KITH_DIAG(j, KITH_D_INCLUDE_OUTSIDE, inc->pos,
		                         inc->len, pat);
		kith_diag_note(g, "it resolves to '%s'", real);
		kith_diag_hint(g, "move the file into the journal folder "
		                  "(symlinks are resolved)");
		free(real);
		return;
	}
	if (kith_map_get(&L->loaded, kith_str_c(real), &old)) {
		kith_diag *g;
		if (is_ancestor(j, old, from)) {
			g = KITH_DIAG(j, KITH_D_INCLUDE_CYCLE, inc->pos,
			              inc->len, j->files.v[old].display);
			add_chain_note(j, g, from);
			kith_diag_hint(g, "remove this include: the file is "
			                  "already being loaded");
		} else {
			g = KITH_DIAG(j, KITH_D_INCLUDE_TWICE, inc->pos,
			              inc->len, j->files.v[old].display);
			if (j->files.v[old].parent != KITH_NONE) {
				kith_pos p = j->files.v[old].include_pos;
				kith_diag_note(g, "first included at %s:%u:%u",
				               j->files.v[p.file].display,
				               p.line, p.col);
			} else
				kith_diag_note(g, "it is the root file");
			kith_diag_hint(g, "include each file once; narrow the "
			                  "glob or remove this entry");
		}
		free(real);
		return;
	}
	type = type_of(real, &ok);
	if (!ok) {
		if (!has_glob(pat)) {
			kith_diag *g = KITH_DIAG(j, KITH_D_INCLUDE_BAD_TYPE,
			                         inc->pos, inc->len, pat);
			kith_diag_hint(
			    g,
			    "name YAML files .yaml or .yml and journals .md");
		}
		free(real);
		return;
	}
	if (j->files.n >= KITH_MAX_FILES) {
		if (!L->said_too_many++) {
			kith_diag *g = KITH_DIAG(j, KITH_D_TOO_LONG, inc->pos,
			                         inc->len, "10000 files");
			kith_diag_hint(
			    g, "a journal may hold at most 10000 files");
		}
		free(real);
		return;
	}
	open_file(L, real, type, from, inc->pos, inc->len);
	free(real);
}

static void include_one(loader *L, uint32_t from, const kith_ref *inc,
                        kith_refs *unused)
{
	kith_journal *j = L->j;
	char *pat = kith_xstrndup(inc->s.p, inc->s.n);
	char *dir = path_dir(j->files.v[from].path);
	char *joined = path_join(dir, pat), *norm = path_normalize(joined);
	size_t rn = strlen(j->root_dir), i, found = 0;
	int unreadable = 0;

	(void)unused;
	if (!norm) {
		kith_diag *g = KITH_DIAG(j, KITH_D_INCLUDE_OUTSIDE, inc->pos,
		                         inc->len, pat);
		kith_diag_hint(
		    g, "include paths are relative to the file that names them "
		       "and must stay inside the journal folder");
		goto out;
	}
	if (!L->mem && !(strncmp(norm, j->root_dir, rn) == 0 &&
	                 (norm[rn] == '/' || rn == 1))) {
		kith_diag *g = KITH_DIAG(j, KITH_D_INCLUDE_OUTSIDE, inc->pos,
		                         inc->len, pat);
		kith_diag_hint(g, "include paths are relative to the file that "
		                  "names them and must stay inside the journal "
		                  "folder (where the root kith.yaml is)");
		goto out;
	}
	if (!has_glob(pat)) {
		struct stat st;
		if (!L->mem && stat(norm, &st) != 0) {
			kith_diag *g = KITH_DIAG(j, KITH_D_INCLUDE_NO_MATCH,
			                         inc->pos, inc->len, pat);
			kith_diag_hint(
			    g,
			    "check the file name (paths are relative to '%s')",
			    j->files.v[from].display);
			goto out;
		}
		if (L->mem) {
			for (i = 0; i < L->mem_n; i++)
				if (!strcmp(L->mem_names[i], norm))
					break;
			if (i == L->mem_n) {
				kith_diag *g =
				    KITH_DIAG(j, KITH_D_INCLUDE_NO_MATCH,
				              inc->pos, inc->len, pat);
				kith_diag_hint(g, "check the file name");
				goto out;
			}
		}
		include_path(L, from, inc, norm);
		goto out;
	}
	/* A glob: match root-relative paths of the files under its folder. */
	{
		const char *relpat =
		    L->mem ? norm : norm + rn + (rn == 1 ? 0 : 1);
		char *prefix = L->mem ? kith_xstrdup("") : glob_prefix(relpat);
		walk_root(L, prefix);
		free(prefix);
		if (L->walk_errno && L->walk_errpath) {
			kith_diag *g =
			    KITH_DIAG(j, KITH_D_IO, inc->pos, inc->len,
			              L->walk_errpath, strerror(L->walk_errno));
			kith_diag_hint(g, "the glob's folder holds a path kith "
			                  "cannot read; fix its permissions or "
			                  "shorten the path");
			free(L->walk_errpath);
			L->walk_errpath = NULL; /* once per run */
			unreadable = 1;         /* not also "matches no file" */
		}
		if (L->capped) {
			kith_diag *g =
			    KITH_DIAG(j, KITH_D_INCLUDE_TOO_MANY, inc->pos,
			              inc->len, pat, "200000");
			kith_diag_hint(
			    g, "give the glob a narrower folder, e.g. "
			       "\"journal/*.md\" rather than \"**/*.md\"");
		}
		/* only the sorted run of paths that start with the glob's
		 * literal part can match: globs x files stays linear */
		size_t lit = strcspn(relpat, "*?[\\");
		for (i = tree_lower_bound(L, relpat, lit); i < L->ntree; i++) {
			if (strncmp(L->tree[i], relpat, lit) != 0)
				break;
			if (!kith_glob_match(relpat, L->tree[i]))
				continue;
			int ok;
			type_of(L->tree[i], &ok);
			if (!ok)
				continue;
			char *abs = L->mem ? kith_xstrdup(L->tree[i])
			                   : path_join(j->root_dir, L->tree[i]);
			found++;
			include_path(L, from, inc, abs);
			free(abs);
		}
	}
	if (!found && !unreadable) {
		kith_diag *g = KITH_DIAG(j, KITH_D_INCLUDE_NO_MATCH, inc->pos,
		                         inc->len, pat);
		kith_diag_hint(g,
		               "check the pattern; it is relative to '%s' and "
		               "matches .yaml, .yml and .md files",
		               j->files.v[from].display);
	}
out:
	free(pat);
	free(dir);
	free(joined);
	free(norm);
}

static void index_kinds(kith_journal *j)
{
	uint32_t i;
	kith_map_free(&j->kind_idx);
	for (i = 0; i < j->kinds.n; i++)
		kith_map_put(&j->kind_idx, j->kinds.v[i].name, i, NULL);
}

static int has_diag(const kith_journal *j, kith_code code)
{
	uint32_t i;
	for (i = 0; i < j->diags.list.n; i++)
		if (j->diags.list.v[i].code == code)
			return 1;
	return 0;
}

static kith_journal *load_all(loader *L, const char *root_abs, const char **err)
{
	kith_journal *j = L->j;
	struct timespec t0, t1;
	uint32_t i, root;
	int ok;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	j->root_file = kith_xstrdup(root_abs);
	j->root_dir = L->mem ? kith_xstrdup("") : path_dir(root_abs);
	{
		kith_pos none = {KITH_NO_FILE, 0, 0};
		root = open_file(L, root_abs, type_of(root_abs, &ok), KITH_NONE,
		                 none, 0);
	}
	if (j->files.n == 0) {
		*err = strerror(errno);
		return NULL;
	}
	j->files.v[0].type =
	    KITH_FILE_YAML; /* the root is YAML whatever its name */
	for (i = 0; i < j->files.n; i++) {
		kith_file *f = &j->files.v[i];
		kith_refs incs = {0};
		uint32_t k;

		if (i == 0 && root == KITH_NONE)
			break;
		if (kith_map_get(&L->unparsed, kith_str_c(f->path), NULL))
			continue;
		if (f->type == KITH_FILE_MD) {
			kith_load_md(j, i);
			continue;
		}
		{
			kith_ynode *node =
			    kith_yaml_parse(j, i, f->text, f->len, 0);
			kith_model_from_yaml(j, i, node, i == 0, &incs);
		}
		if (i == 0) {
			if (!j->version && !has_diag(j, KITH_D_BAD_VERSION)) {
				kith_pos p = {0, 1, 1};
				kith_diag *g =
				    KITH_DIAG(j, KITH_D_MISSING_VERSION, p, 1);
				kith_diag_hint(
				    g,
				    "add the line 'kith: 1' at the top of %s",
				    f->display);
			}
			kith_journal_defaults(j);
			index_kinds(j);
		}
		for (k = 0; k < incs.n; k++)
			include_one(L, i, &incs.v[k], NULL);
		kith_vec_free(&incs);
	}
	kith_journal_index(j);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	j->load_seconds = (double)(t1.tv_sec - t0.tv_sec) +
	                  (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	return j;
}

static void loader_free(loader *L)
{
	tree_free(L);
	free(L->walk_prefix);
	free(L->walk_errpath);
	free(L->cwd);
	kith_map_free(&L->loaded);
	kith_map_free(&L->unparsed);
}

kith_journal *kith_load(const char *root_path, const char **err)
{
	loader L = {0};
	char buf[PATH_MAX];
	kith_journal *j;

	L.j = kith_journal_new();
	L.cwd = getcwd(buf, sizeof buf) ? kith_xstrdup(buf) : NULL;
	j = load_all(&L, root_path, err);
	if (!j)
		kith_journal_free(L.j);
	loader_free(&L);
	return j;
}

kith_journal *kith_load_mem(const char *const *names, const char *const *texts,
                            size_t n)
{
	loader L = {0};
	const char *err;
	kith_journal *j;

	if (n == 0)
		return NULL;
	L.j = kith_journal_new();
	L.mem = 1;
	L.mem_names = names;
	L.mem_texts = texts;
	L.mem_n = n;
	j = load_all(&L, names[0], &err);
	if (!j)
		kith_journal_free(L.j);
	loader_free(&L);
	return j;
}
