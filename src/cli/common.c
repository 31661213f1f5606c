/* Steps every command shares: loading and checking the journal, printing
 * its diagnostics, and writing output to stdout or a file. */
#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "cli/cli.h"
#include "lib/lib.h"

void kith_cli_error(const char *fmt, ...)
{
	va_list ap;
	fputs("kith: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static int to_stream(void *ctx, const char *p, size_t n)
{
	return fwrite(p, 1, n, ctx) != n;
}

/* GitHub reads workflow commands from stdout; the other styles go to
 * stderr, next to kith's other messages. */
void kith_cli_print_diags(kith_cli *c, kith_journal *j, int show_all)
{
	FILE *f = c->diag_style == KITH_DIAG_GITHUB ? stdout : stderr;

	kith_journal_print_diags_to(
	    j, c->diag_style, c->diag_style == KITH_DIAG_HUMAN && c->color_err,
	    !show_all, to_stream, f);
	fflush(f);
}

kith_journal *kith_cli_load(kith_cli *c, int show_all, int *status)
{
	const char *env = getenv("KITH_FILE");
	kith_source src = {0};
	kith_open_error err;
	kith_journal *j;

	/* -f wins over $KITH_FILE; an empty $KITH_FILE is not set */
	src.path = c->file ? c->file : env && *env ? env : NULL;
	src.as_of = c->as_of;
	src.strict = c->strict;
	j = kith_lib_load(&src, &err);
	if (!j) {
		if (err.status == KITH_OPEN_UNREADABLE)
			kith_cli_error("cannot read '%s': %s", err.root,
			               err.reason);
		else if (c->file)
			kith_cli_error("cannot open '%s': %s", c->file,
			               err.reason);
		else
			kith_cli_error("%s", err.reason);
		*status = err.status == KITH_OPEN_UNREADABLE || c->file
		              ? KITH_EXIT_SYSTEM
		              : KITH_EXIT_USAGE;
		kith_open_error_free(&err);
		return NULL;
	}
	*status = j->diags.errors ? KITH_EXIT_ERRORS : KITH_EXIT_OK;
	return j;
}

int kith_cli_output(kith_cli *c, const char *p, size_t n)
{
	if (c->output && strcmp(c->output, "-") != 0) {
		if (kith_write_file_atomic(c->output, p, n) != 0) {
			kith_cli_error("cannot write '%s': %s", c->output,
			               strerror(errno));
			return KITH_EXIT_SYSTEM;
		}
		return KITH_EXIT_OK;
	}
	if (n && fwrite(p, 1, n, stdout) != n) {
		kith_cli_error("cannot write output: %s", strerror(errno));
		return KITH_EXIT_SYSTEM;
	}
	if (fflush(stdout) != 0) {
		kith_cli_error("cannot write output: %s", strerror(errno));
		return KITH_EXIT_SYSTEM;
	}
	return KITH_EXIT_OK;
}
