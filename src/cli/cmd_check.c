/* kith check: load, check, print every diagnostic, exit 1 on errors. */
#include "cli/cli.h"
#include "load/load.h"

int kith_cmd_check(kith_cli *c)
{
	int status;
	kith_journal *j;

	if (c->nargs > 0) {
		kith_cli_error("'check' takes no arguments (got '%s')",
		               c->args[0]);
		return KITH_EXIT_USAGE;
	}
	j = kith_cli_load(c, 1, &status);
	if (!j)
		return status;
	kith_cli_print_diags(c, j, 1);
	if (c->diag_style == KITH_DIAG_HUMAN &&
	    (j->diags.errors || j->diags.warnings))
		fprintf(stderr, "%u error%s, %u warning%s\n", j->diags.errors,
		        j->diags.errors == 1 ? "" : "s", j->diags.warnings,
		        j->diags.warnings == 1 ? "" : "s");
	kith_cli_journal_done(j);
	kith_md_grammar_free();
	return status;
}
