/* kith lsp (the language server on stdin/stdout) and kith complete (the
 * hidden entry point the shell completion scripts ask for candidates). */
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "lib/lib.h"
#include "load/load.h"
#include "lsp/lsp.h"

int kith_cmd_lsp(kith_cli *c)
{
	kith_lsp *s;
	int rc;

	if (c->nargs > 0) {
		kith_cli_error("'lsp' takes no arguments (it speaks LSP on "
		               "stdin and stdout)");
		return KITH_EXIT_USAGE;
	}
	s = kith_lsp_new(c->file, c->as_of);
	rc = kith_lsp_serve(s, STDIN_FILENO, STDOUT_FILENO);
	kith_lsp_free(s);
	kith_md_grammar_free();
	return rc;
}

static const char *const periods[] = {
    "this-week",    "last-week",    "this-month", "last-month",
    "this-quarter", "last-quarter", "this-year",  "last-year",
};

/* The journal for completion, quietly: no journal, no candidates. */
static kith_journal *quiet_load(kith_cli *c)
{
	kith_source src = {0};
	kith_open_error err;
	kith_journal *j;

	src.path = c->file;
	src.as_of = c->as_of;
	j = kith_lib_load(&src, &err);
	kith_open_error_free(&err);
	return j;
}

int kith_cmd_complete(kith_cli *c)
{
	const char *what = c->nargs > 0 ? c->args[0] : "";
	kith_journal *j = NULL;
	uint32_t i;

	if (!strcmp(what, "periods")) {
		char y[16];
		int yy, mm, dd;
		kith_day_to_ymd(c->as_of, &yy, &mm, &dd);
		for (i = 0; i < KITH_ARRAY_LEN(periods); i++)
			puts(periods[i]);
		snprintf(y, sizeof y, "%04d", yy);
		printf("%s\n%s-Q%d\n%s-%02d\n", y, y, (mm - 1) / 3 + 1, y, mm);
		return KITH_EXIT_OK;
	}
	if (strcmp(what, "handles") != 0 && strcmp(what, "goals") != 0 &&
	    strcmp(what, "events") != 0 && strcmp(what, "kinds") != 0 &&
	    strcmp(what, "targets") != 0) {
		kith_cli_error("complete takes handles, goals, events, kinds, "
		               "targets or periods");
		return KITH_EXIT_USAGE;
	}
	j = quiet_load(c);
	if (!j)
		return KITH_EXIT_OK;
	if (!strcmp(what, "handles") || !strcmp(what, "targets"))
		for (i = 0; i < j->contacts.n; i++)
			printf("%s%.*s\n", what[0] == 'h' ? "@" : "",
			       KITH_S(j->contacts.v[i].handle));
	if (!strcmp(what, "goals") || !strcmp(what, "targets"))
		for (i = 0; i < j->goals.n; i++)
			printf("%.*s\n", KITH_S(j->goals.v[i].id));
	if (!strcmp(what, "events") || !strcmp(what, "targets"))
		for (i = 0; i < j->events.n; i++)
			printf("%.*s\n", KITH_S(j->events.v[i].id));
	if (!strcmp(what, "kinds"))
		for (i = 0; i < j->kinds.n; i++)
			printf("%.*s\n", KITH_S(j->kinds.v[i].name));
	kith_journal_free(j);
	return KITH_EXIT_OK;
}
