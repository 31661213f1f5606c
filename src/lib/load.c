/* The one load-and-check entry: find the root, load every file, run the
 * checks, apply --strict. */
#include "lib/cache.h"

#include "check/check.h"
#include "compute/compute.h"
#include "load/load.h"

static kith_journal *load_disk(const kith_source *src,
                               const kith_load_hook *hook, kith_open_error *err)
{
	const char *why = NULL;
	char *root = kith_find_root(src->path, &why);
	kith_journal *j;

	if (!root) {
		err->status = KITH_OPEN_NO_ROOT;
		err->reason = why ? why : "no journal";
		return NULL;
	}
	j = kith_load_via(root, hook, &why);
	if (!j) {
		err->status = KITH_OPEN_UNREADABLE;
		err->reason = why ? why : "error";
		err->root = root;
		return NULL;
	}
	free(root);
	return j;
}

kith_journal *kith_lib_load(const kith_source *src, kith_open_error *err)
{
	kith_load_hook hook;
	const kith_load_hook *via = NULL;
	kith_journal *j;

	err->status = KITH_OPEN_OK;
	err->reason = NULL;
	err->root = NULL;
	if (src->cache && kith_lib_cache_begin(src->cache, &hook) == 0)
		via = &hook;
	if (src->nfiles > 0) {
		j = kith_load_mem_via(src->names, src->texts, src->nfiles, via);
		if (!j) {
			err->status = KITH_OPEN_NO_ROOT;
			err->reason = "no root file";
		}
	} else
		j = load_disk(src, via, err);
	if (via)
		kith_lib_cache_end(src->cache);
	if (!j)
		return NULL;
	kith_check(j, src->as_of, kith_checkpoint_misses);
	if (src->strict)
		kith_diags_strict(&j->diags);
	return j;
}

void kith_open_error_free(kith_open_error *err)
{
	if (!err)
		return;
	free(err->root);
	err->root = NULL;
}
