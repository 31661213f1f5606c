/* Steps every command shares: loading and checking the journal, printing
 * its diagnostics, and writing output to stdout or a file. */
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "lib/lib.h"
#include "load/load.h"
#include "util/safewrite.h"
#include "util/sanitize.h"

/* Formats, then writes through the terminal sanitizer (tabs and line
 * breaks kept): the arguments may hold file names and journal text. A
 * line that does not fit the stack buffer takes plain malloc, and if even
 * that fails is printed cut short: a message printed after a write must
 * not turn the write into an "out of memory" exit. */
static int vprint_clean(FILE *f, const char *fmt, va_list ap)
{
	char small[4096], *p = small;
	va_list again;
	int n, rc;

	va_copy(again, ap);
	n = vsnprintf(small, sizeof small, fmt, ap);
	if (n >= (int)sizeof small) {
		char *big = malloc((size_t)n + 1);
		if (big && vsnprintf(big, (size_t)n + 1, fmt, again) == n)
			p = big;
		else {
			free(big);
			n = (int)sizeof small - 1;
		}
	}
	va_end(again);
	rc = n < 0 ? -1
	           : kith_sanitize_file(f, p, (size_t)n,
	                                KITH_SAN_KEEP_TAB | KITH_SAN_KEEP_NL);
	if (p != small)
		free(p);
	return rc < 0 ? -1 : n;
}

int kith_cli_printf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int rc;
	va_start(ap, fmt);
	rc = vprint_clean(f, fmt, ap);
	va_end(ap);
	return rc;
}

void kith_cli_error(const char *fmt, ...)
{
	va_list ap;
	fputs("kith: ", stderr);
	va_start(ap, fmt);
	vprint_clean(stderr, fmt, ap);
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

/* -f wins over $KITH_FILE; an empty $KITH_FILE is not set */
static const char *cli_root_arg(const kith_cli *c)
{
	const char *env = getenv("KITH_FILE");
	return c->file ? c->file : env && *env ? env : NULL;
}

void kith_cli_write_error(const kith_sw_error *e)
{
	char msg[1024];
	kith_cli_error("%s", kith_sw_message(e, msg, sizeof msg));
}

int kith_cli_lock_journal(kith_cli *c, const char *root_dir)
{
	kith_sw_error e;
	int fd = kith_journal_lock(root_dir, &e);
	(void)c;
	if (fd < 0)
		kith_cli_write_error(&e);
	return fd;
}

int kith_cli_lock_root(kith_cli *c)
{
	const char *err = NULL;
	char *root = kith_find_root(cli_root_arg(c), &err), *slash;
	int fd;

	if (!root)
		return -2;
	slash = strrchr(root, '/');
	if (slash && slash != root)
		*slash = '\0';
	else if (slash)
		slash[1] = '\0';
	fd = kith_cli_lock_journal(c, root);
	free(root);
	return fd;
}

/* -f names the root file, which includes others relative to its folder:
 * standard input or a FIFO cannot be one. Refused clearly, before the
 * lookup would say "No such file". */
static int root_arg_ok(const char *file)
{
	struct stat st;

	if (!file)
		return 1;
	if (!strcmp(file, "-")) {
		kith_cli_error(
		    "-f - : kith reads a journal from files (the root "
		    "includes others relative to its folder), not "
		    "from standard input; give the path of kith.yaml");
		return 0;
	}
	if (stat(file, &st) == 0 && !S_ISREG(st.st_mode) &&
	    !S_ISDIR(st.st_mode)) {
		kith_cli_error("cannot open '%s': %s", file,
		               kith_strerror(KITH_ENOTREG));
		return 0;
	}
	return 1;
}

/* -o onto one of the journal's own files would overwrite the user's data
 * with a report: refused before anything is computed. */
static int output_clobbers(kith_cli *c, const kith_journal *j)
{
	struct stat o, f;
	uint32_t i;

	if (!c->output || !strcmp(c->output, "-") || stat(c->output, &o) != 0 ||
	    !S_ISREG(o.st_mode))
		return 0;
	for (i = 0; i < j->files.n; i++)
		if (stat(j->files.v[i].path, &f) == 0 && f.st_dev == o.st_dev &&
		    f.st_ino == o.st_ino) {
			kith_cli_error(
			    "-o '%s' is the journal's own file '%s'; "
			    "refusing to overwrite it with output",
			    c->output, j->files.v[i].display);
			return 1;
		}
	return 0;
}

kith_journal *kith_cli_load(kith_cli *c, int show_all, int *status)
{
	kith_source src = {0};
	kith_open_error err;
	kith_journal *j;

	if (!root_arg_ok(c->file)) {
		*status = KITH_EXIT_USAGE;
		return NULL;
	}
	src.path = cli_root_arg(c);
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
	if (output_clobbers(c, j)) {
		kith_journal_free(j);
		*status = KITH_EXIT_USAGE;
		return NULL;
	}
	*status = j->diags.errors ? KITH_EXIT_ERRORS : KITH_EXIT_OK;
	return j;
}

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define KITH_CLI_FREE_AT_EXIT 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define KITH_CLI_FREE_AT_EXIT 1
#endif

/* Freeing a million records one by one costs 2% of a check and returns
 * nothing the exit would not; a pointer here keeps the journal reachable
 * (for valgrind it is no leak). */
#ifdef KITH_CLI_FREE_AT_EXIT
void kith_cli_journal_done(kith_journal *j)
{
	kith_journal_free(j);
}
#else
static kith_journal *kept;

void kith_cli_journal_done(kith_journal *j)
{
	kept = j;
}
#endif

int kith_cli_output(kith_cli *c, const char *p, size_t n)
{
	if (c->output && strcmp(c->output, "-") != 0) {
		kith_sw_error e;
		if (kith_safe_write(c->output, NULL, p, n, NULL,
		                    c->force ? KITH_SW_FORCE : 0, &e) != 0) {
			kith_cli_write_error(&e);
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
