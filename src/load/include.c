/* Loading a journal: reads the root file and every file its includes
 * name (relative to the naming file, confined to the root folder, cycles
 * and repeats reported), validates UTF-8, and hands each to its loader. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "load/discover_internal.h"

/* ---- paths ---- */

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

static char *display_path(const kith_loader *L, const char *abs)
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
static uint32_t open_file(kith_loader *L, const char *abs, kith_file_type type,
                          uint32_t parent, kith_pos inc_pos, uint32_t inc_len)
{
	kith_journal *j = L->j;
	char *text = NULL, *disp;
	size_t len = 0, bad, nul;
	uint32_t idx;
	int mapped = 0;

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
	} else if (kith_load_text(abs, KITH_MAX_FILE_BYTES, &text, &len,
	                          &mapped) != 0)
		goto fail;
	disp = display_path(L, abs);
	idx = kith_journal_add_file(j, abs, disp, text, len, type);
	j->files.v[idx].mapped = mapped;
	free(disp);
	j->files.v[idx].parent = parent;
	j->files.v[idx].include_pos = inc_pos;
	kith_map_put(&L->loaded, kith_str_c(j->files.v[idx].path), idx, NULL);
	if ((bad = kith_utf8_check(text, len, &nul)) != 0) {
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
	if (nul < len) {
		/* a NUL would cut a C string short: say where, parse nothing */
		size_t off = nul;
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

static void include_one(kith_loader *L, uint32_t from, const kith_ref *inc,
                        kith_refs *queue_files);

/* realpath(abs) for a clean absolute path (no "." or ".." parts): its
 * folder is resolved once for all the files in it, and one lstat tells
 * whether the file itself is a symlink, which realpath then resolves
 * (realpath alone reads every part of every path as a possible link).
 * plain: the folder's listing said it is a plain file, so no lstat. */
static char *real_path(kith_loader *L, const char *abs, int plain)
{
	const char *slash = strrchr(abs, '/');
	struct stat st;

	if (!slash || slash == abs || !slash[1] ||
	    (!plain && (lstat(abs, &st) != 0 || S_ISLNK(st.st_mode))))
		return realpath(abs, NULL);
	size_t dn = (size_t)(slash - abs);
	if (!L->real_dir || strlen(L->real_dir) != dn ||
	    memcmp(L->real_dir, abs, dn) != 0) {
		char *dir = kith_xstrndup(abs, dn), *real = realpath(dir, NULL);
		if (!real) {
			free(dir);
			return realpath(abs, NULL);
		}
		free(L->real_dir);
		free(L->real_of_dir);
		L->real_dir = dir;
		L->real_of_dir = real;
	}
	return kith_load_path_join(L->real_of_dir, slash + 1);
}

static void include_path(kith_loader *L, uint32_t from, const kith_ref *inc,
                         const char *abs, int plain)
{
	kith_journal *j = L->j;
	char *real = L->mem ? kith_xstrdup(abs) : real_path(L, abs, plain);
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
		if (!kith_glob_has(pat)) {
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

static void include_one(kith_loader *L, uint32_t from, const kith_ref *inc,
                        kith_refs *unused)
{
	kith_journal *j = L->j;
	char *pat = kith_xstrndup(inc->s.p, inc->s.n);
	char *dir = kith_load_path_dir(j->files.v[from].path);
	char *joined = kith_load_path_join(dir, pat),
	     *norm = path_normalize(joined);
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
	if (!kith_glob_has(pat)) {
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
		include_path(L, from, inc, norm, 0);
		goto out;
	}
	/* A glob: match root-relative paths of the files under its folder. */
	{
		const char *relpat =
		    L->mem ? norm : norm + rn + (rn == 1 ? 0 : 1);
		char *prefix =
		    L->mem ? kith_xstrdup("") : kith_glob_prefix(relpat);
		kith_loader_walk(L, prefix);
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
		for (i = kith_loader_tree_lower_bound(L, relpat, lit);
		     i < L->ntree; i++) {
			if (strncmp(L->tree[i], relpat, lit) != 0)
				break;
			if (!kith_glob_match(relpat, L->tree[i]))
				continue;
			int ok;
			type_of(L->tree[i], &ok);
			if (!ok)
				continue;
			char *abs = L->mem ? kith_xstrdup(L->tree[i])
			                   : kith_load_path_join(j->root_dir,
			                                         L->tree[i]);
			found++;
			include_path(L, from, inc, abs, L->tree_plain);
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

void kith_load_file(kith_journal *j, uint32_t file, kith_refs *includes)
{
	kith_file *f = &j->files.v[file];
	kith_ynode *node;

	if (f->type == KITH_FILE_MD) {
		kith_load_md(j, file);
		return;
	}
	node = kith_yaml_parse(j, file, f->text, f->len, 0);
	kith_model_from_yaml(j, file, node, file == 0, includes);
}

/* Starts the Markdown files from file i up to the next YAML file (they
 * include nothing, so the file table does not grow meanwhile), on
 * several threads when it pays; sets *end to the index after them. */
static kith_md_run *md_run_start(kith_loader *L, uint32_t i, uint32_t *end)
{
	kith_journal *j = L->j;
	KITH_VEC(uint32_t) run = {0};
	uint32_t k;

	for (k = i; k < j->files.n && j->files.v[k].type == KITH_FILE_MD; k++)
		if (!kith_map_get(&L->unparsed, kith_str_c(j->files.v[k].path),
		                  NULL))
			*kith_vec_push(&run) = k;
	kith_md_run *r = kith_load_md_run_start(j, run.v, run.n);
	kith_vec_free(&run);
	*end = k;
	return r;
}

/* Parses the Markdown run that starts at file i (started already, or
 * now); returns the index after it. */
static uint32_t md_run(kith_loader *L, uint32_t i)
{
	uint32_t end;
	kith_md_run *r;

	if (L->early && L->early_at == i) {
		r = L->early;
		end = L->early_end;
		L->early = NULL;
	} else
		r = md_run_start(L, i, &end);
	kith_load_md_run_finish(L->j, r);
	return end;
}

/* Before YAML file i (not the root: the kinds and settings are known) is
 * parsed: the next Markdown run after it, whose files are all registered,
 * starts reading on the other threads, so that they read it while this
 * thread parses the YAML files before it (at 10k entries contacts.yaml
 * takes 2 ms). Files those YAML files include come after the run. */
static void md_run_early(kith_loader *L, uint32_t i)
{
	kith_journal *j = L->j;
	uint32_t k = i + 1;

	if (L->early || i == 0 || (L->hook && L->hook->parse))
		return;
	while (k < j->files.n && j->files.v[k].type != KITH_FILE_MD)
		k++;
	if (k < j->files.n) {
		L->early = md_run_start(L, k, &L->early_end);
		L->early_at = k;
	}
}

static kith_journal *load_all(kith_loader *L, const char *root_abs,
                              const char **err)
{
	kith_journal *j = L->j;
	struct timespec t0, t1;
	uint32_t i, root;
	int ok;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	j->root_file = kith_xstrdup(root_abs);
	j->root_dir = L->mem ? kith_xstrdup("") : kith_load_path_dir(root_abs);
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
		/* a run leaves out its unparsed files itself */
		if (f->type == KITH_FILE_MD && !(L->hook && L->hook->parse)) {
			i = md_run(L, i) - 1;
			continue;
		}
		if (kith_map_get(&L->unparsed, kith_str_c(f->path), NULL))
			continue;
		if (L->hook && L->hook->parse)
			L->hook->parse(L->hook->ctx, j, i, &incs);
		else {
			md_run_early(L, i);
			kith_load_file(j, i, &incs);
		}
		f = &j->files.v[i];
		/* its records are built: a mapped text's pages go back to
		 * the page cache (docs/architecture.md, "Loading") */
		kith_text_drop(f->text, f->len, f->mapped);
		if (f->type == KITH_FILE_MD)
			continue;
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
	if (L->early) { /* not met (the loop goes past every file) */
		kith_load_md_run_finish(j, L->early);
		L->early = NULL;
	}
	kith_md_names_drop(j);
	kith_journal_index(j);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	j->load_seconds = (double)(t1.tv_sec - t0.tv_sec) +
	                  (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	return j;
}

static void loader_free(kith_loader *L)
{
	kith_loader_tree_free(L);
	free(L->walk_prefix);
	free(L->walk_errpath);
	free(L->cwd);
	kith_map_free(&L->loaded);
	kith_map_free(&L->unparsed);
	free(L->real_dir);
	free(L->real_of_dir);
}

kith_journal *kith_load(const char *root_path, const char **err)
{
	return kith_load_via(root_path, NULL, err);
}

kith_journal *kith_load_via(const char *root_path, const kith_load_hook *hook,
                            const char **err)
{
	kith_loader L = {0};
	char buf[PATH_MAX];
	kith_journal *j;

	L.hook = hook;
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
	return kith_load_mem_via(names, texts, n, NULL);
}

kith_journal *kith_load_mem_via(const char *const *names,
                                const char *const *texts, size_t n,
                                const kith_load_hook *hook)
{
	kith_loader L = {0};
	const char *err;
	kith_journal *j;

	if (n == 0)
		return NULL;
	L.hook = hook;
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
