/* The public library interface of include/kith/kith.h, a thin layer over
 * the library's load-and-check entry (lib/lib.h). */
#include "kith/kith.h"

#include "lib/lib.h"

const char *kith_version(void)
{
	return KITH_VERSION;
}

kith_journal *kith_open(const char *root_path, const char *as_of,
                        const char **err)
{
	kith_as_of_inputs in = {as_of, NULL, NULL};
	kith_source src = {0};
	kith_open_error oe;
	const char *e = NULL;
	kith_journal *j;

	if (kith_as_of(&in, &src.as_of, &e) != 0) {
		if (err)
			*err = e ? e : "bad as-of date";
		return NULL;
	}
	src.path = root_path;
	j = kith_lib_load(&src, &oe);
	if (!j) {
		if (err)
			*err = oe.reason;
		kith_open_error_free(&oe);
		return NULL;
	}
	kith_journal_sort_diags(j);
	return j;
}

void kith_close(kith_journal *j)
{
	kith_journal_free(j);
}

size_t kith_diag_count(const kith_journal *j)
{
	return j ? j->diags.list.n : 0;
}

size_t kith_error_count(const kith_journal *j)
{
	return j ? j->diags.errors : 0;
}

int kith_diag_get(const kith_journal *j, size_t i, kith_diagnostic *out)
{
	const kith_diag *g;

	if (!j || i >= j->diags.list.n)
		return -1;
	g = &j->diags.list.v[i];
	out->code = kith_code_name(g->code);
	out->severity = g->sev == KITH_SEV_ERROR ? "error" : "warning";
	out->file =
	    g->pos.file < j->files.n ? j->files.v[g->pos.file].display : NULL;
	out->line = g->pos.line;
	out->column = g->pos.col;
	out->end_column = g->pos.col + g->len;
	out->message = g->msg;
	out->hint = g->hint;
	return 0;
}

size_t kith_contact_count(const kith_journal *j)
{
	return j ? j->contacts.n : 0;
}

size_t kith_interaction_count(const kith_journal *j)
{
	return j ? j->interactions.n : 0;
}
