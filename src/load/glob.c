/* Include globs: matching a pattern against a root-relative path, and
 * listing the files under a glob's folder (sorted, capped, each folder
 * read once). */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "load/discover_internal.h"

#define MAX_WALK 200000 /* entries scanned under the root for globs */

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

int kith_glob_has(const char *p)
{
	return strpbrk(p, "*?[") != NULL;
}

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void kith_loader_tree_free(kith_loader *L)
{
	size_t i;
	for (i = 0; i < L->ntree; i++)
		free(L->tree[i]);
	free(L->tree);
	L->tree = NULL;
	L->ntree = 0;
}

/* The first entry of the sorted tree not below the n-byte prefix p. */
size_t kith_loader_tree_lower_bound(const kith_loader *L, const char *p,
                                    size_t n)
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
char *kith_glob_prefix(const char *pat)
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
static void walk_problem(kith_loader *L, const char *rel, int err)
{
	if (L->walk_errno)
		return;
	L->walk_errno = err;
	L->walk_errpath = kith_xstrdup(rel[0] ? rel : ".");
}

/* Lists the regular files under prefix (a root-relative folder ending in
 * '/', or ""), skipping dot entries; the last listing is reused. Sets
 * L->capped when MAX_WALK entries were scanned. */
void kith_loader_walk(kith_loader *L, const char *prefix)
{
	KITH_VEC(char *) stack = {0};
	KITH_VEC(char *) files = {0};
	size_t seen = 0;
	int plain = !L->mem;

	/* a complete listing of a folder also covers its subfolders: each
	 * folder is listed once for globs that share it */
	if (L->walked && L->walk_prefix && !L->capped &&
	    !strncmp(prefix, L->walk_prefix, strlen(L->walk_prefix)))
		return;
	kith_loader_tree_free(L);
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
		char *abs = rel[0] ? kith_load_path_join(L->j->root_dir, rel)
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
			crel = rel[0] ? kith_load_path_join(rel, e->d_name)
			              : kith_xstrdup(e->d_name);
			cabs = kith_load_path_join(abs, e->d_name);
			errno = 0;
			/* the listing's own type spares a stat for folders and
			 * plain files; links and unknown types are looked at */
			int l = 0;
			if (e->d_type == DT_DIR)
				st.st_mode = S_IFDIR;
			else if (e->d_type == DT_REG)
				st.st_mode = S_IFREG;
			else {
				l = lstat(cabs, &st);
				plain = 0;
			}
			if (l == 0 && S_ISDIR(st.st_mode))
				*kith_vec_push(&stack) = crel;
			else if (l == 0 && S_ISREG(st.st_mode))
				*kith_vec_push(&files) = crel;
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
	L->tree_plain = plain;
}
