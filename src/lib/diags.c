/* A journal's diagnostics, sorted by file and line and printed in one
 * style: the one printer of the CLI, the library and the fuzzers. */
#include "lib/lib.h"

void kith_journal_sort_diags(kith_journal *j)
{
	const char **paths = kith_xcalloc(j->files.n + 1, sizeof(char *));
	uint32_t i;

	for (i = 0; i < j->files.n; i++)
		paths[i] = j->files.v[i].display;
	kith_diags_sort(&j->diags, paths, j->files.n);
	free(paths);
}

int kith_journal_print_diags_to(kith_journal *j, kith_diag_style style,
                                int color, int errors_only, kith_diag_sink sink,
                                void *ctx)
{
	kith_diag_file *files =
	    kith_xcalloc(j->files.n + 1, sizeof(kith_diag_file));
	uint32_t i;
	int rc;

	for (i = 0; i < j->files.n; i++) {
		files[i].display = j->files.v[i].display;
		files[i].text = j->files.v[i].text;
		files[i].len = j->files.v[i].len;
	}
	kith_journal_sort_diags(j);
	rc = kith_diags_print_to(&j->diags, files, j->files.n, style, color,
	                         errors_only, sink, ctx);
	free(files);
	return rc;
}

static int to_buf(void *ctx, const char *p, size_t n)
{
	kith_buf_put(ctx, p, n);
	return 0;
}

void kith_journal_print_diags(kith_journal *j, kith_diag_style style, int color,
                              int errors_only, kith_buf *out)
{
	kith_journal_print_diags_to(j, style, color, errors_only, to_buf, out);
}
