/* The command line: options shared by every command, and one entry point
 * per command. Internal header for src/cli only. */
#ifndef KITH_CLI_H
#define KITH_CLI_H

#include "compute/compute.h"
#include "diag/print.h"
#include "edit/edit.h"
#include "model/model.h"
#include "util/safewrite.h"

#define KITH_CLI_MAX_REPEAT 64 /* -m and --todo given more often: error */

typedef struct {
	const char *file;       /* -f */
	const char *as_of_text; /* --as-of */
	kith_day as_of;
	int format;         /* -1 = from -o, else text */
	const char *output; /* -o */
	int color;          /* -1 auto, 0 never, 1 always */
	int color_out, color_err;
	int strict;
	kith_diag_style diag_style;
	const char *within;
	const char *period;
	int freq; /* -1 or kith_per */
	int private_fields, redact;
	int fmt_check, fmt_write;
	int force;           /* --force: write hard-linked or read-only files */
	int no_speed, speed; /* stats: timing is shown only with --speed */
	int summary;         /* report --summary */
	const char *log_limit; /* log -n N: the N most recent */
	int log_reverse;       /* log --reverse: newest first */
	const char *add_kind, *add_date, *add_with, *add_title, *add_file;
	int import_update; /* import --update, --since, --tz, --me */
	const char *import_since, *import_tz, *import_me;
	const char *add_time;  /* add --time HH:MM */
	const char *add_goals; /* add --goal IDS (comma-separated) */
	int add_edit;          /* add --edit: $EDITOR at the new entry */
	const char *add_notes[KITH_CLI_MAX_REPEAT]; /* add -m, in order */
	const char *add_todos[KITH_CLI_MAX_REPEAT]; /* add --todo, in order */
	int add_nnotes, add_ntodos;
	char **args; /* positional arguments after the command */
	int nargs;
	const char *command;
} kith_cli;

typedef int (*kith_cmd_fn)(kith_cli *c);

/* The command registry (src/cli/main.c): one row per command, in this
 * order; a command without its row does not compile. The report commands
 * carry their computation, so no second table can miss one. */
typedef enum {
	KITH_CMD_CHECK,
	KITH_CMD_DUE,
	KITH_CMD_REPORT,
	KITH_CMD_GOALS,
	KITH_CMD_LOG,
	KITH_CMD_CONTACTS,
	KITH_CMD_SHOW,
	KITH_CMD_STATS,
	KITH_CMD_FMT,
	KITH_CMD_ADD,
	KITH_CMD_DONE,
	KITH_CMD_IMPORT,
	KITH_CMD_INIT,
	KITH_CMD_LSP,
	KITH_CMD_COMPLETE,
	KITH_CMD__COUNT
} kith_command;

typedef kith_report *(*kith_compute_fn)(const kith_journal *,
                                        const kith_opts *);

typedef struct {
	kith_command id; /* == its index */
	const char *name;
	kith_cmd_fn fn;
	const char *help;
	kith_compute_fn compute; /* report commands */
	int takes_query;         /* report commands */
} kith_cmd_row;

extern const kith_cmd_row kith_commands[];
/* The row of a command name, or NULL. */
const kith_cmd_row *kith_command_find(const char *name);

int kith_cmd_check(kith_cli *c);
int kith_cmd_report_like(
    kith_cli *c); /* due goals report log contacts show stats */
int kith_cmd_fmt(kith_cli *c);
int kith_cmd_add(kith_cli *c);
int kith_cmd_done(kith_cli *c);
int kith_cmd_init(kith_cli *c);
int kith_cmd_lsp(kith_cli *c);      /* src/cli/cmd_lsp.c */
int kith_cmd_complete(kith_cli *c); /* hidden: shell completion */
int kith_cmd_import(kith_cli *c);

/* Shared steps (src/cli/common.c). */
/* Loads and checks the journal; prints diagnostics (all with show_all,
 * else errors only). Returns NULL and sets *status on failure. */
kith_journal *kith_cli_load(kith_cli *c, int show_all, int *status);
void kith_cli_print_diags(kith_cli *c, kith_journal *j, int show_all);
/* The end of a command's use of its journal, just before the process
 * exits: freed in sanitizer builds (their leak check runs at exit), else
 * kept, reachable, for the exit to take back at once. */
void kith_cli_journal_done(kith_journal *j);
/* Writes out to -o FILE (atomically) or stdout. Returns an exit status. */
int kith_cli_output(kith_cli *c, const char *p, size_t n);
void kith_cli_error(const char *fmt, ...) KITH_PRINTF(1, 2);
/* fprintf through the terminal sanitizer (util/sanitize), for any line
 * that shows file names or journal text; returns bytes written or -1. */
int kith_cli_printf(FILE *f, const char *fmt, ...) KITH_PRINTF(2, 3);
/* Prints a refused or failed safe write (util/safewrite.h). */
void kith_cli_write_error(const kith_sw_error *e);
/* Takes the journal lock (util/safewrite.h); prints why not and returns
 * -1 on failure. */
int kith_cli_lock_journal(kith_cli *c, const char *root_dir);
/* The same for the journal -f or the current folder names, before it is
 * loaded: -2 when there is no journal (the load then says why). */
int kith_cli_lock_root(kith_cli *c);

/* The edit write path of src/cli/cmd_edit.c, shared with kith import:
 * all-or-nothing writes, putting files back, printing changes. */
int kith_cli_edit_write(kith_cli *c, const kith_edit_files *files);
void kith_cli_edit_restore(const kith_edit_files *files);
void kith_cli_edit_print(const kith_edit *edit);

#endif
