/* kith's entry point: global and command options (accepted before or
 * after the command, as in hledger), help texts, and dispatch. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "lib/lib.h"
#include "render/render.h"

static const char usage_text[] =
    "usage: kith [-f FILE] [--as-of DATE] [--format FMT] [-o FILE]\n"
    "            [--color auto|always|never] COMMAND [ARGS]\n"
    "\n"
    "Commands:\n"
    "  check     check the journal and report every problem\n"
    "  due       open follow-ups, stay-in-touch, actions, events, birthdays\n"
    "  report    progress report for a period (default: this month)\n"
    "  goals     goal metrics: actual, target, pace, status\n"
    "  log       chronological register of interactions\n"
    "  contacts  contacts with last touch, next due, counts\n"
    "  show      one contact, goal or event with its timeline\n"
    "  stats     files, counts, date span, speed\n"
    "  fmt       canonical layout of the journal files (lossless)\n"
    "  add       append an interaction to the journal\n"
    "  done      close an item of 'kith due' by id or text\n"
    "  import    bring in contacts (vCard, LinkedIn) and meetings (ics)\n"
    "  init      start a new journal\n"
    "  lsp       language server for editors (LSP on stdin/stdout)\n"
    "\n"
    "Global options:\n"
    "  -f, --file FILE        root file (default: $KITH_FILE, else kith.yaml\n"
    "                         in this folder or a parent)\n"
    "      --as-of DATE       compute as of DATE (default: $KITH_AS_OF,\n"
    "                         $SOURCE_DATE_EPOCH, else today)\n"
    "      --format FMT       text, md, html, json, csv, ics or eml\n"
    "  -o, --output FILE      write to FILE (format from its extension)\n"
    "      --force            write a hard-linked or read-only file anyway\n"
    "      --color WHEN       auto (default), always or never\n"
    "      --private          include email, phone, birthday and notes\n"
    "      --redact           show contacts as initials\n"
    "  -h, --help             this help; 'kith COMMAND --help' for a command\n"
    "      --version          print the version\n"
    "\n"
    "Exit status: 0 success, 1 journal errors, 2 usage error, 3 system "
    "error.\n";

typedef kith_cmd_row command;

/* A report command: its computation, and whether it takes a query. */
#define REPORT_CMD(id, name, compute, takes_query, help)                       \
	{                                                                      \
		id, name, kith_cmd_report_like, help, compute, takes_query     \
	}

const kith_cmd_row kith_commands[] = {
    {KITH_CMD_CHECK, "check", kith_cmd_check,
     "usage: kith check [--strict] [--diagnostics human|json|github]\n"
     "\n"
     "Loads the journal and every file it includes, checks them against the\n"
     "format's rules and prints every problem, sorted by file and line.\n"
     "\n"
     "  --strict             treat warnings as errors (for CI)\n"
     "  --diagnostics STYLE  human (default), json (one object per line)\n"
     "                       or github (workflow annotations)\n"
     "\n"
     "Exit status 0 when there are no errors, 1 otherwise.\n",
     NULL, 0},
    REPORT_CMD(
        KITH_CMD_DUE, "due", kith_compute_due, 1,
        "usage: kith due [--within DURATION] [QUERY]\n"
        "\n"
        "What needs doing: overdue first, then due, then upcoming within the\n"
        "window: follow-ups, owed thank-yous, stay-in-touch, goal actions,\n"
        "events and birthdays. Text shows them in groups with counts\n"
        "(Overdue, Today, Upcoming) and fits the terminal's width.\n"
        "\n"
        "  --within DURATION    window for upcoming items (default 14d)\n"
        "  --format FMT         text, md, html, json, csv, ics or eml (a mail\n"
        "                       digest for sendmail -t)\n"),
    REPORT_CMD(
        KITH_CMD_REPORT, "report", kith_compute_report, 0,
        "usage: kith report [-p PERIOD] [--summary]\n"
        "\n"
        "The progress report for a period (default: this month): figures\n"
        "against the period before, goals, what is at risk, then details.\n"
        "\n"
        "  --summary            only the first page: figures, goals, at risk,\n"
        "                       checkpoints and open follow-ups\n"
        "  -p, --period PERIOD  2026, 2026-Q4, 2026-11, 2026-W47, 2026-11-03,\n"
        "                       A..B, this-month, last-month, ...\n"),
    REPORT_CMD(
        KITH_CMD_GOALS, "goals", kith_compute_goals, 0,
        "usage: kith goals [-p PERIOD] "
        "[--weekly|--monthly|--quarterly|--yearly]\n"
        "\n"
        "Per goal and metric: actual, target, percent, pace and status; with "
        "a\n"
        "bucket option, a matrix: one row per metric, one column per bucket\n"
        "(give only one). Also checkpoints and open actions.\n"),
    REPORT_CMD(KITH_CMD_LOG, "log", kith_compute_log, 1,
               "usage: kith log [-p PERIOD] [-n N] [--reverse] [QUERY]\n"
               "\n"
               "The register: one line per interaction, oldest first (in date\n"
               "and time order, as ledger's register).\n"
               "\n"
               "  -p, --period PERIOD  only interactions in PERIOD\n"
               "  -n, --limit N        only the N most recent matching ones\n"
               "  --reverse            newest first\n"),
    REPORT_CMD(KITH_CMD_CONTACTS, "contacts", kith_compute_contacts, 1,
               "usage: kith contacts [QUERY]\n"
               "\n"
               "Contacts with roles, org, last touch, interactions and next "
               "due date.\n"),
    REPORT_CMD(KITH_CMD_SHOW, "show", kith_compute_show, 0,
               "usage: kith show HANDLE|GOAL|EVENT\n"
               "\n"
               "One contact, goal or event with its details and timeline.\n"),
    REPORT_CMD(
        KITH_CMD_STATS, "stats", kith_compute_stats, 0,
        "usage: kith stats [--speed]\n"
        "\n"
        "Files, counts per section and the date span of the journal.\n"
        "  --speed              also the load time and entries per second "
        "(these\n"
        "                       vary from run to run, so they are not shown "
        "by\n"
        "                       default; --no-speed is accepted and is the "
        "default)\n"),
    {KITH_CMD_FMT, "fmt", kith_cmd_fmt,
     "usage: kith fmt [--check|--write] [FILE...]\n"
     "\n"
     "Canonical layout of the journal's Markdown and YAML files, lossless:\n"
     "trailing whitespace removed, line ends normalised, one blank line\n"
     "between entries, a final newline. Without --write, prints the result\n"
     "of one file or a diff summary; --check exits 1 when a file would "
     "change.\n"
     "--write refuses a file changed on disk while kith ran, a hard-linked\n"
     "or a read-only file (--force writes those anyway).\n",
     NULL, 0},
    {KITH_CMD_ADD, "add", kith_cmd_add,
     "usage: kith add [--date DATE] [--time HH:MM] [--kind KIND]\n"
     "                [--with HANDLES] [--goal IDS] [-m NOTE]... [--todo "
     "TASK]...\n"
     "                [--to FILE] [--edit] TITLE...\n"
     "\n"
     "Adds an entry to the Markdown journal of the entry's month\n"
     "(journal/YYYY-MM.md under the root, or --to FILE), in date order:\n"
     "after the entries of the same date. The new text is checked before\n"
     "it is written (its warnings are printed); concurrent runs wait for\n"
     "each other.\n"
     "\n"
     "  --date DATE       YYYY-MM-DD, today (default), yesterday, -Nd or a\n"
     "                    weekday name (the last one on or before today)\n"
     "  --time HH:MM      the time of day, in the heading\n"
     "  --kind KIND       the entry's kind (a declared kind)\n"
     "  --with HANDLES    participants, comma-separated\n"
     "  --goal IDS        goals it serves, comma-separated\n"
     "  -m, --note TEXT   a paragraph of notes (repeatable)\n"
     "  --todo TASK       a follow-up task, e.g. 'Send the deck due:+1w'\n"
     "                    (repeatable)\n"
     "  --to FILE         the file to add to\n"
     "  --edit            then open $VISUAL or $EDITOR at the new entry\n",
     NULL, 0},
    {KITH_CMD_DONE, "done", kith_cmd_done,
     "usage: kith done [--date DATE] ID|TEXT...\n"
     "\n"
     "Closes one open item of 'kith due', named by its id or by words that\n"
     "match exactly one item (several: they are listed with their ids and\n"
     "nothing changes). A task gets [x] and done:DATE, a goal action\n"
     "done: DATE, an owed thank-you a new #thank-you entry in its month\n"
     "file, a registered event status: attended. Prints each change as\n"
     "FILE:LINE with the old (-) and new (+) lines, then checks again.\n"
     "\n"
     "  --date DATE          when it was done (default: today): YYYY-MM-DD,\n"
     "                       today, yesterday, -Nd or a weekday name\n",
     NULL, 0},
    {KITH_CMD_IMPORT, "import", kith_cmd_import,
     "usage: kith import vcard|linkedin|ics FILE... [--write] [--update]\n"
     "                   [--since DATE] [--kind KIND] [--tz ZONE] [--me "
     "EMAIL]\n"
     "\n"
     "Brings contacts from vCard files (phone and mail address books) or\n"
     "LinkedIn's Connections.csv, and meetings from an iCalendar export.\n"
     "A person already in the journal (same email, else same full name) is\n"
     "never added twice. Without --write, prints what would be added,\n"
     "updated and skipped, and the lines that would be written; with\n"
     "--write, writes them, checks the journal and puts every file back if\n"
     "it has new errors. See docs/import.md.\n"
     "\n"
     "  --write              write the changes (default: preview only)\n"
     "  --update             fill the empty fields of matched contacts\n"
     "  --since DATE         ics: events from DATE (default: a year before\n"
     "                       the as-of date) up to the as-of date\n"
     "  --kind KIND          ics: the entries' kind (default: meeting)\n"
     "  --tz ZONE            ics: local days in ZONE, e.g. Europe/Berlin\n"
     "                       (default: the system's zone, $TZ)\n"
     "  --me EMAIL,...       ics: your addresses (also found from the\n"
     "                       calendar's name and the journal's owner)\n",
     NULL, 0},
    {KITH_CMD_INIT, "init", kith_cmd_init,
     "usage: kith init [DIR]\n"
     "\n"
     "Starts a new journal in DIR (default: the current folder): kith.yaml,\n"
     "contacts.yaml, goals.yaml and journal/. Never overwrites a file; all\n"
     "files are made or none.\n",
     NULL, 0},
    {KITH_CMD_LSP, "lsp", kith_cmd_lsp,
     "usage: kith lsp [--stdio]\n"
     "\n"
     "A language server (LSP 3.17, JSON-RPC on stdin and stdout) for editors:\n"
     "diagnostics as you type, completion, hover, definition, references,\n"
     "rename, symbols, folding, formatting, code actions and inlay hints.\n"
     "The journal is found from -f, else from the editor's workspace folder\n"
     "or the first file opened. See docs/editors.md.\n"
     "\n"
     "  --stdio              accepted for clients that pass it (the "
     "default)\n",
     NULL, 0},
    {KITH_CMD_COMPLETE, "complete", kith_cmd_complete,
     "usage: kith complete handles|goals|events|targets|kinds|periods\n"
     "\n"
     "Candidates for shell completion, one per line (used by the scripts in\n"
     "contrib/completion). Prints nothing when no journal is found.\n",
     NULL, 0},
};
_Static_assert(sizeof kith_commands / sizeof kith_commands[0] ==
                   KITH_CMD__COUNT,
               "a row in kith_commands for every KITH_CMD_*");

const kith_cmd_row *kith_command_find(const char *name)
{
	for (size_t k = 0; k < KITH_CMD__COUNT; k++)
		if (!strcmp(kith_commands[k].name, name))
			return &kith_commands[k];
	return NULL;
}

enum {
	OPT_AS_OF = 256,
	OPT_FORMAT,
	OPT_COLOR,
	OPT_STRICT,
	OPT_DIAG,
	OPT_WITHIN,
	OPT_WEEKLY,
	OPT_MONTHLY,
	OPT_QUARTERLY,
	OPT_YEARLY,
	OPT_PRIVATE,
	OPT_REDACT,
	OPT_CHECK,
	OPT_WRITE,
	OPT_VERSION,
	OPT_NO_SPEED,
	OPT_DATE,
	OPT_KIND,
	OPT_WITH,
	OPT_TO,
	OPT_TIME,
	OPT_TODO,
	OPT_GOAL,
	OPT_EDIT,
	OPT_SPEED,
	OPT_STDIO,
	OPT_FORCE,
	OPT_UPDATE,
	OPT_SINCE,
	OPT_TZ,
	OPT_ME,
	OPT_SUMMARY,
	OPT_REVERSE
};

static const struct option long_opts[] = {
    {"file", required_argument, NULL, 'f'},
    {"as-of", required_argument, NULL, OPT_AS_OF},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"output", required_argument, NULL, 'o'},
    {"color", required_argument, NULL, OPT_COLOR},
    {"colour", required_argument, NULL, OPT_COLOR},
    {"strict", no_argument, NULL, OPT_STRICT},
    {"diagnostics", required_argument, NULL, OPT_DIAG},
    {"within", required_argument, NULL, OPT_WITHIN},
    {"period", required_argument, NULL, 'p'},
    {"limit", required_argument, NULL, 'n'},
    {"reverse", no_argument, NULL, OPT_REVERSE},
    {"weekly", no_argument, NULL, OPT_WEEKLY},
    {"monthly", no_argument, NULL, OPT_MONTHLY},
    {"quarterly", no_argument, NULL, OPT_QUARTERLY},
    {"yearly", no_argument, NULL, OPT_YEARLY},
    {"private", no_argument, NULL, OPT_PRIVATE},
    {"redact", no_argument, NULL, OPT_REDACT},
    {"check", no_argument, NULL, OPT_CHECK},
    {"write", no_argument, NULL, OPT_WRITE},
    {"no-speed", no_argument, NULL, OPT_NO_SPEED},
    {"speed", no_argument, NULL, OPT_SPEED},
    {"summary", no_argument, NULL, OPT_SUMMARY},
    {"date", required_argument, NULL, OPT_DATE},
    {"kind", required_argument, NULL, OPT_KIND},
    {"with", required_argument, NULL, OPT_WITH},
    {"to", required_argument, NULL, OPT_TO},
    {"time", required_argument, NULL, OPT_TIME},
    {"note", required_argument, NULL, 'm'},
    {"todo", required_argument, NULL, OPT_TODO},
    {"goal", required_argument, NULL, OPT_GOAL},
    {"edit", no_argument, NULL, OPT_EDIT},
    {"stdio", no_argument, NULL, OPT_STDIO},
    {"force", no_argument, NULL, OPT_FORCE},
    {"update", no_argument, NULL, OPT_UPDATE},
    {"since", required_argument, NULL, OPT_SINCE},
    {"tz", required_argument, NULL, OPT_TZ},
    {"me", required_argument, NULL, OPT_ME},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, OPT_VERSION},
    {NULL, 0, NULL, 0},
};

#define REPORTS " due report goals log contacts show stats "

/* Which command-specific options each command accepts. */
static int allowed(const char *cmd, int opt)
{
	static const struct {
		int opt;
		const char *cmds;
	} table[] = {
	    {OPT_STRICT, " check "},
	    {OPT_DIAG, " check "},
	    {OPT_WITHIN, " due "},
	    {'p', " report goals log "},
	    {'n', " log "},
	    {OPT_REVERSE, " log "},
	    {OPT_WEEKLY, " goals "},
	    {OPT_MONTHLY, " goals "},
	    {OPT_QUARTERLY, " goals "},
	    {OPT_YEARLY, " goals "},
	    {OPT_CHECK, " fmt "},
	    {OPT_WRITE, " fmt import "},
	    {OPT_UPDATE, " import "},
	    {OPT_SINCE, " import "},
	    {OPT_TZ, " import "},
	    {OPT_ME, " import "},
	    {OPT_NO_SPEED, " stats "},
	    {OPT_SPEED, " stats "},
	    {OPT_SUMMARY, " report "},
	    {OPT_DATE, " add done "},
	    {OPT_KIND, " add import "},
	    {OPT_WITH, " add "},
	    {OPT_TO, " add "},
	    {OPT_TIME, " add "},
	    {'m', " add "},
	    {OPT_TODO, " add "},
	    {OPT_GOAL, " add "},
	    {OPT_EDIT, " add "},
	    {OPT_STDIO, " lsp "}, /* clients pass it; stdio is the default */
	    {'o', REPORTS},
	    {OPT_FORMAT, REPORTS},
	    {OPT_PRIVATE, REPORTS},
	    {OPT_REDACT, REPORTS},
	    {OPT_FORCE, REPORTS "fmt add done import "},
	};
	size_t i;
	char key[32];

	snprintf(key, sizeof key, " %s ", cmd);
	for (i = 0; i < KITH_ARRAY_LEN(table); i++)
		if (table[i].opt == opt)
			return strstr(table[i].cmds, key) != NULL;
	return 1;
}

static const char *opt_name(int opt)
{
	size_t i;
	for (i = 0; long_opts[i].name; i++)
		if (long_opts[i].val == opt)
			return long_opts[i].name;
	return "?";
}

static int usage_error(const char *fmt, const char *arg)
{
	fputs("kith: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'kith --help'.\n", stderr);
	return KITH_EXIT_USAGE;
}

/* getopt permutes argv, so argv[optind - 1] need not be the offending
 * argument: find the first one that is not a known option. */
static int known_option(const char *a)
{
	size_t i, n;
	if (a[0] != '-' || !a[1])
		return 1;
	if (a[1] != '-')
		return strchr("fohpmn", a[1]) != NULL;
	n = strcspn(a + 2, "=");
	for (i = 0; long_opts[i].name; i++)
		if (strlen(long_opts[i].name) == n &&
		    !strncmp(long_opts[i].name, a + 2, n))
			return 1;
	return 0;
}

static const char *bad_option(int argc, char **argv)
{
	int i;
	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (!known_option(argv[i]))
			return argv[i];
	return argv[argc - 1];
}

static int unknown_option(int argc, char **argv)
{
	const char *a = bad_option(argc, argv);
	fprintf(stderr, "kith: unknown option '%s'\n", a);
	if (a[0] == '-' && a[1] != '-')
		fprintf(stderr,
		        "To search for a query term that starts with '-', put "
		        "'--' before the query: kith log -- %s\n",
		        a);
	else
		fputs("Try 'kith --help'.\n", stderr);
	return KITH_EXIT_USAGE;
}

/* --help and --version: their text must reach stdout (a full disk or a
 * closed pipe is an error, as for every other output). */
static int stdout_done(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("kith: cannot write output");
		return KITH_EXIT_SYSTEM;
	}
	return KITH_EXIT_OK;
}

/* One bucket size per run: --monthly --weekly has no one meaning. */
static int set_freq(kith_cli *c, int freq)
{
	if (c->freq >= 0 && c->freq != freq) {
		char both[64];
		snprintf(both, sizeof both, "--%sly and --%sly",
		         kith_per_name((kith_per)c->freq),
		         kith_per_name((kith_per)freq));
		usage_error("%s both set the bucket; give one of --weekly, "
		            "--monthly, --quarterly or --yearly",
		            both);
		return -1;
	}
	c->freq = freq;
	return 0;
}

#define CLI_GO (-1) /* an option or step went through: carry on */

/* Options that only store their value or set a flag; 0 if opt is not one. */
static int store_option(kith_cli *c, int opt)
{
	switch (opt) {
	case 'f':
		c->file = optarg;
		break;
	case 'o':
		c->output = optarg;
		break;
	case 'p':
		c->period = optarg;
		break;
	case OPT_AS_OF:
		c->as_of_text = optarg;
		break;
	case OPT_STRICT:
		c->strict = 1;
		break;
	case OPT_WITHIN:
		c->within = optarg;
		break;
	case OPT_PRIVATE:
		c->private_fields = 1;
		break;
	case OPT_REDACT:
		c->redact = 1;
		break;
	case OPT_CHECK:
		c->fmt_check = 1;
		break;
	case OPT_WRITE:
		c->fmt_write = 1;
		break;
	case OPT_NO_SPEED:
		c->no_speed = 1;
		break;
	case OPT_SUMMARY:
		c->summary = 1;
		break;
	case 'n':
		c->log_limit = optarg;
		break;
	case OPT_REVERSE:
		c->log_reverse = 1;
		break;
	default:
		return 0;
	}
	return 1;
}

/* Options of import and add that only store their value or set a flag. */
static int store_edit_option(kith_cli *c, int opt)
{
	switch (opt) {
	case OPT_UPDATE:
		c->import_update = 1;
		break;
	case OPT_SINCE:
		c->import_since = optarg;
		break;
	case OPT_TZ:
		c->import_tz = optarg;
		break;
	case OPT_ME:
		c->import_me = optarg;
		break;
	case OPT_SPEED:
		c->speed = 1;
		break;
	case OPT_DATE:
		c->add_date = optarg;
		break;
	case OPT_KIND:
		c->add_kind = optarg;
		break;
	case OPT_WITH:
		c->add_with = optarg;
		break;
	case OPT_TO:
		c->add_file = optarg;
		break;
	case OPT_TIME:
		c->add_time = optarg;
		break;
	case OPT_GOAL:
		c->add_goals = optarg;
		break;
	case OPT_EDIT:
		c->add_edit = 1;
		break;
	case OPT_FORCE:
		c->force = 1;
		break;
	case OPT_STDIO: /* LSP clients pass it; stdio is the default */
		break;
	default:
		return 0;
	}
	return 1;
}

/* Options whose value is one of a few words: --format, --color,
 * --diagnostics. Returns CLI_GO or the exit status. */
static int choice_option(kith_cli *c, int opt)
{
	switch (opt) {
	case OPT_FORMAT:
		c->format = kith_format_parse(optarg);
		if (c->format < 0)
			return usage_error(
			    "unknown format '%s' (use text, md, html, "
			    "json, csv, ics or eml)",
			    optarg);
		break;
	case OPT_COLOR:
		if (!strcmp(optarg, "auto"))
			c->color = -1;
		else if (!strcmp(optarg, "always"))
			c->color = 1;
		else if (!strcmp(optarg, "never"))
			c->color = 0;
		else
			return usage_error("--color takes auto, always "
			                   "or never, not '%s'",
			                   optarg);
		break;
	case OPT_DIAG:
		if (!strcmp(optarg, "human"))
			c->diag_style = KITH_DIAG_HUMAN;
		else if (!strcmp(optarg, "json"))
			c->diag_style = KITH_DIAG_JSON;
		else if (!strcmp(optarg, "github"))
			c->diag_style = KITH_DIAG_GITHUB;
		else
			return usage_error("--diagnostics takes human, "
			                   "json or github, not '%s'",
			                   optarg);
		break;
	}
	return CLI_GO;
}

/* -m NOTE and --todo TEXT, each repeatable up to KITH_CLI_MAX_REPEAT. */
static int repeat_option(kith_cli *c, int opt)
{
	if ((opt == 'm' ? c->add_nnotes : c->add_ntodos) >= KITH_CLI_MAX_REPEAT)
		return usage_error("at most 64 %s",
		                   opt == 'm' ? "notes" : "todos");
	if (opt == 'm')
		c->add_notes[c->add_nnotes++] = optarg;
	else
		c->add_todos[c->add_ntodos++] = optarg;
	return CLI_GO;
}

/* Applies one option getopt_long returned; CLI_GO or the exit status. */
static int apply_option(kith_cli *c, int opt, int *help, int argc, char **argv)
{
	if (store_option(c, opt) || store_edit_option(c, opt))
		return CLI_GO;
	switch (opt) {
	case 'h':
		*help = 1;
		return CLI_GO;
	case OPT_FORMAT:
	case OPT_COLOR:
	case OPT_DIAG:
		return choice_option(c, opt);
	case OPT_WEEKLY:
	case OPT_MONTHLY:
	case OPT_QUARTERLY:
	case OPT_YEARLY: {
		int freq = opt == OPT_WEEKLY      ? KITH_PER_WEEK
		           : opt == OPT_MONTHLY   ? KITH_PER_MONTH
		           : opt == OPT_QUARTERLY ? KITH_PER_QUARTER
		                                  : KITH_PER_YEAR;
		return set_freq(c, freq) != 0 ? KITH_EXIT_USAGE : CLI_GO;
	}
	case 'm':
	case OPT_TODO:
		return repeat_option(c, opt);
	case OPT_VERSION:
		printf("kith %s\n", KITH_VERSION);
		return stdout_done();
	case ':':
		return usage_error("option '%s' needs a value",
		                   bad_option(argc, argv));
	default:
		return unknown_option(argc, argv);
	}
}

/* The command named on the command line into *out; CLI_GO, or the exit
 * status after saying it is unknown (with the nearest name if any). */
static int lookup_command(const char *name, const command **out)
{
	size_t k;
	kith_suggest sg;

	for (k = 0; k < KITH_CMD__COUNT; k++)
		if (!strcmp(kith_commands[k].name, name))
			*out = &kith_commands[k];
	if (*out)
		return CLI_GO;
	kith_suggest_init(&sg);
	for (k = 0; k < KITH_CMD__COUNT; k++)
		kith_suggest_try(&sg, kith_str_c(name),
		                 kith_str_c(kith_commands[k].name));
	if (sg.found) {
		fprintf(stderr,
		        "kith: unknown command '%s'; did you "
		        "mean '%.*s'?\n",
		        name, KITH_S(sg.best));
		return KITH_EXIT_USAGE;
	}
	return usage_error("unknown command '%s'", name);
}

/* Every option given must be one the command takes. */
static int check_allowed(const command *cmd, const int *seen, int nseen)
{
	int i;
	for (i = 0; i < nseen; i++)
		if (!allowed(cmd->name, seen[i])) {
			if (seen[i] == OPT_FORMAT &&
			    allowed(cmd->name, OPT_DIAG))
				return usage_error(
				    "'%s' does not take --format; choose the "
				    "diagnostics' style with --diagnostics "
				    "human|json|github",
				    cmd->name);
			fprintf(stderr,
			        "kith: '%s' does not take --%s\nTry 'kith %s "
			        "--help'.\n",
			        cmd->name, opt_name(seen[i]), cmd->name);
			return KITH_EXIT_USAGE;
		}
	return CLI_GO;
}

/* The output format (from --format, else -o's extension, else text),
 * colour on each stream, and the as-of date. */
static int settle_outputs(kith_cli *c, const command *cmd)
{
	const char *err = NULL;

	if (c->format < 0 && c->output)
		c->format = kith_format_from_path(c->output);
	if (c->format < 0)
		c->format = KITH_FMT_TEXT;
	if (c->format == KITH_FMT_ICS && strcmp(cmd->name, "due") != 0)
		return usage_error("--format ics is only for 'due' (not '%s')",
		                   cmd->name);
	if (c->format == KITH_FMT_EML && strcmp(cmd->name, "due") != 0)
		return usage_error("--format eml is only for 'due' (not '%s')",
		                   cmd->name);
	{
		int nc = getenv("NO_COLOR") && *getenv("NO_COLOR");
		c->color_out = c->color == 1 || (c->color == -1 && !nc &&
		                                 !c->output && isatty(1));
		c->color_err =
		    c->color == 1 || (c->color == -1 && !nc && isatty(2));
		/* NO_COLOR sets the default; an explicit --color always on
		 * the command line wins (docs/kith.1, https://no-color.org) */
	}
	{
		/* the environment is the CLI's to read, not the library's */
		kith_as_of_inputs in = {c->as_of_text, getenv("KITH_AS_OF"),
		                        getenv("SOURCE_DATE_EPOCH")};
		if (kith_as_of(&in, &c->as_of, &err) != 0)
			return usage_error("%s", err ? err
			                             : "bad --as-of date (use "
			                               "YYYY-MM-DD)");
	}
	return CLI_GO;
}

int main(int argc, char **argv)
{
	kith_cli c;
	int opt, help = 0, r, seen[64] = {0}, nseen = 0;
	const command *cmd = NULL;

	kith_lib_heap_tune();
	memset(&c, 0, sizeof c);
	c.format = -1;
	c.color = -1;
	c.freq = -1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":f:o:p:m:n:h", long_opts,
	                          NULL)) != -1) {
		if (nseen < 64)
			seen[nseen++] = opt;
		if ((r = apply_option(&c, opt, &help, argc, argv)) != CLI_GO)
			return r;
	}
	if (optind < argc) {
		if ((r = lookup_command(argv[optind], &cmd)) != CLI_GO)
			return r;
		c.command = cmd->name;
		c.args = argv + optind + 1;
		c.nargs = argc - optind - 1;
	}
	if (help) {
		fputs(cmd ? cmd->help : usage_text, stdout);
		return stdout_done();
	}
	if (!cmd) {
		fputs(usage_text, stderr);
		return KITH_EXIT_USAGE;
	}
	if ((r = check_allowed(cmd, seen, nseen)) != CLI_GO)
		return r;
	if ((r = settle_outputs(&c, cmd)) != CLI_GO)
		return r;
	return cmd->fn(&c);
}
