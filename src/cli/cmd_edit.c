/* kith fmt and kith add: the editing commands. Both rewrite source text
 * from what the loaders recorded, never by re-emitting YAML, and write
 * files atomically. */
#include "cli/cli.h"

int kith_cmd_fmt(kith_cli *c)
{
	kith_cli_error("'fmt' is not available in this version");
	return KITH_EXIT_USAGE;
}

int kith_cmd_add(kith_cli *c)
{
	kith_cli_error("'add' is not available in this version");
	return KITH_EXIT_USAGE;
}
