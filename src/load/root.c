/* Finding the root file: an explicit file or folder, else kith.yaml in
 * the working folder or a parent; and the path helpers discovery shares. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "load/discover_internal.h"

/* ---- paths ---- */

char *kith_load_path_join(const char *dir, const char *rel)
{
	kith_buf b = {0};
	if (rel[0] == '/')
		kith_buf_puts(&b, rel);
	else
		kith_buf_printf(&b, "%s/%s", dir, rel);
	kith_buf_cstr(&b);
	return b.p;
}

char *kith_load_path_dir(const char *path)
{
	const char *s = strrchr(path, '/');
	if (!s)
		return kith_xstrdup(".");
	if (s == path)
		return kith_xstrdup("/");
	return kith_xstrndup(path, (size_t)(s - path));
}

char *kith_find_root(const char *explicit_path, const char **err)
{
	char buf[PATH_MAX], *dir;
	struct stat st;

	if (explicit_path && !*explicit_path)
		explicit_path = NULL;
	if (explicit_path) {
		if (stat(explicit_path, &st) == 0 && S_ISDIR(st.st_mode)) {
			char *p =
			    kith_load_path_join(explicit_path, "kith.yaml");
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
		char *p = kith_load_path_join(dir, "kith.yaml");
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
		p = kith_load_path_dir(dir);
		free(dir);
		dir = p;
	}
	free(dir);
	*err = "no kith.yaml in this folder or any parent (use -f FILE, or run "
	       "'kith init')";
	return NULL;
}
