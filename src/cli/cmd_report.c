/* The report commands (due, report, goals, log, contacts, show, stats):
 * load and check, parse the period and query, compute the report struct,
 * render it in the chosen format. */
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "check/check.h"
#include "cli/cli.h"
#include "load/load.h"
#include "render/render.h"

/* Prints a query or period error pointing at the column inside the text. */
static void arg_error(const char *what, const char *text, size_t col,
                      size_t len, const char *msg)
{
	size_t i;
	fprintf(stderr, "kith: error: invalid %s: %s [bad-%s]\n", what, msg,
	        what);
	fprintf(stderr, "   %s | %s\n", what, text);
	fprintf(stderr, "   %*s | ", (int)strlen(what), "");
	for (i = 0; i < col; i++)
		fputc(' ', stderr);
	for (i = 0; i < (len ? len : 1); i++)
		fputc('^', stderr);
	fputc('\n', stderr);
	/* periods and queries are both described in docs/query.md */
	fputs("   = help: see 'man kith' or docs/query.md\n", stderr);
}

static char *join_args(kith_cli *c)
{
	kith_buf b = {0};
	int i;
	for (i = 0; i < c->nargs; i++) {
		if (i)
			kith_buf_putc(&b, ' ');
		kith_buf_puts(&b, c->args[i]);
	}
	kith_buf_cstr(&b);
	return b.p;
}

/* due's type:T and state:S terms, taken out of the query before it is
 * parsed (they are and-ed with the rest). Returns 1 when arg was one, -1
 * when its value is unknown (reported). */
static int due_term(const char *arg, kith_opts *o)
{
	static const char *const states[] = {"overdue", "due", "upcoming",
	                                     "open"};
	int is_type = !strncmp(arg, "type:", 5);
	if (!is_type && strncmp(arg, "state:", 6))
		return 0;
	const char *v = arg + (is_type ? 5 : 6);
	const char *const *names = is_type ? kith_due_type_names : states;
	int n = is_type ? KITH_DUE__COUNT : 4;
	kith_suggest s;
	kith_suggest_init(&s);
	for (int i = 0; i < n; i++) {
		if (!strcmp(v, names[i])) {
			if (is_type)
				o->due_types |= 1u << i;
			else
				o->due_states |= 1u << i;
			return 1;
		}
		kith_suggest_try(&s, kith_str_c(v), kith_str_c(names[i]));
	}
	if (s.found)
		kith_cli_error("no %s '%s'; did you mean '%.*s'?",
		               is_type ? "type" : "state", v, KITH_S(s.best));
	else
		kith_cli_error("no %s '%s' (use %s)",
		               is_type ? "type" : "state", v,
		               is_type ? "follow-up, thank-you, stay-in-touch, "
		                         "action, event or birthday"
		                       : "overdue, due, upcoming or open");
	return -1;
}

/* Removes due's type: and state: terms from the arguments. */
static int due_terms(kith_cli *c, kith_opts *o)
{
	int k = 0;
	for (int i = 0; i < c->nargs; i++) {
		int t = due_term(c->args[i], o);
		if (t < 0)
			return KITH_EXIT_USAGE;
		if (!t)
			c->args[k++] = c->args[i];
	}
	c->nargs = k;
	return 0;
}

/* A query naming a handle, kind or goal that does not exist answers
 * nothing: say so, with a did-you-mean, instead of an empty answer. */
static void warn_unknown_names(const kith_journal *j, const char *q)
{
	static const struct {
		const char *prefix;
		int what; /* 0 contact, 1 kind, 2 goal, 3 event */
	} terms[] = {{"@", 0},     {"with:@", 0}, {"with:", 0},
	             {"kind:", 1}, {"goal:", 2},  {"event:", 3}};
	static const char *const names[] = {"contact", "kind", "goal", "event"};
	for (const char *p = q; *p;) {
		while (*p == ' ' || *p == '(' || *p == '-')
			p++;
		size_t n = strcspn(p, " ()");
		for (size_t t = 0; t < KITH_ARRAY_LEN(terms); t++) {
			size_t pl = strlen(terms[t].prefix);
			if (n <= pl || strncmp(p, terms[t].prefix, pl))
				continue;
			kith_str w = {p + pl, (uint32_t)(n - pl)};
			int what = terms[t].what;
			uint32_t found = what == 0   ? kith_find_contact(j, w)
			                 : what == 1 ? kith_find_kind(j, w)
			                 : what == 2 ? kith_find_goal(j, w)
			                             : kith_find_event(j, w);
			if (found != KITH_NONE)
				break;
			kith_suggest s;
			kith_suggest_init(&s);
			uint32_t m = what == 0   ? j->contacts.n
			             : what == 1 ? j->kinds.n
			             : what == 2 ? j->goals.n
			                         : j->events.n;
			for (uint32_t i = 0; i < m; i++)
				kith_suggest_try(
				    &s, w,
				    what == 0   ? j->contacts.v[i].handle
				    : what == 1 ? j->kinds.v[i].name
				    : what == 2 ? j->goals.v[i].id
				                : j->events.v[i].id);
			const char *at = what == 0 ? "@" : "";
			if (s.found)
				fprintf(stderr,
				        "kith: warning: no %s '%s%.*s' in the "
				        "query; did you mean '%s%.*s'?\n",
				        names[what], at, KITH_S(w), at,
				        KITH_S(s.best));
			else
				fprintf(stderr,
				        "kith: warning: no %s '%s%.*s' in the "
				        "query; it matches nothing\n",
				        names[what], at, KITH_S(w));
			break;
		}
		p += n;
		while (*p == ')')
			p++;
	}
}

/* log -n N: a whole number of entries, 1 or more. */
static int log_limit(const char *text, uint32_t *out)
{
	unsigned long long v = 0;
	const char *p = text;
	while (*p >= '0' && *p <= '9' && v <= UINT32_MAX)
		v = v * 10 + (unsigned)(*p++ - '0');
	if (p == text || *p || v == 0 || v > UINT32_MAX) {
		kith_cli_error("-n takes a number of entries (1 or more), "
		               "like -n 10, not '%s'",
		               text);
		return -1;
	}
	*out = (uint32_t)v;
	return 0;
}

static int parse_opts(kith_cli *c, kith_journal *j, int takes_query,
                      kith_opts *o, char **qtext)
{
	memset(o, 0, sizeof *o);
	o->as_of = c->as_of;
	o->freq = c->freq;
	o->redact = c->redact;
	o->summary = c->summary;
	o->reverse = c->log_reverse;
	if (c->log_limit && log_limit(c->log_limit, &o->limit) != 0)
		return KITH_EXIT_USAGE;
	/* the calendar feed closes what was done (src/compute/due_done.c) */
	o->due_done = c->format == KITH_FMT_ICS;
	/* docs/format.md: private fields are held back from the formats that
	 * get published (md, html, json, csv) unless --private; the terminal
	 * and the calendar are the owner's own. --redact still wins. */
	o->private_fields = c->private_fields || c->format == KITH_FMT_TEXT ||
	                    c->format == KITH_FMT_ICS;
	o->within.n = 14;
	o->within.unit = KITH_UNIT_DAY;
	/* --within 0d: today only (the format allows N >= 0) */
	if (c->within && c->within[0] == '0' && c->within[1] &&
	    strchr("dwmy", c->within[1]) && !c->within[2])
		o->within.n = 0;
	else if (c->within && kith_dur_parse(c->within, strlen(c->within),
	                                     &o->within) != 0) {
		kith_cli_error(
		    "--within takes a duration like 14d, 2w or 1m, not '%s'",
		    c->within);
		return KITH_EXIT_USAGE;
	}
	if (c->period) {
		size_t col = 0;
		const char *err = "bad period";
		if (kith_period_parse(c->period, strlen(c->period), c->as_of,
		                      &o->period, &col, &err) != 0) {
			arg_error("period", c->period, col, 1, err);
			return KITH_EXIT_USAGE;
		}
		o->has_period = 1;
	}
	if (!strcmp(c->command, "show")) {
		if (c->nargs != 1) {
			kith_cli_error(
			    "'show' takes one HANDLE, GOAL or EVENT");
			return KITH_EXIT_USAGE;
		}
		o->target = c->args[0];
		return 0;
	}
	if (!strcmp(c->command, "due") && due_terms(c, o))
		return KITH_EXIT_USAGE;
	if (!takes_query && c->nargs) {
		kith_cli_error("'%s' takes no query (got '%s')", c->command,
		               c->args[0]);
		return KITH_EXIT_USAGE;
	}
	if (takes_query && c->nargs) {
		size_t col = 0, len = 1;
		const char *err = "syntax error";
		*qtext = join_args(c);
		o->query_text = *qtext;
		o->query = kith_query_parse(j, *qtext, strlen(*qtext), c->as_of,
		                            &col, &len, &err);
		if (!o->query) {
			arg_error("query", *qtext, col, len, err);
			return KITH_EXIT_USAGE;
		}
		warn_unknown_names(j, *qtext);
	}
	return 0;
}

static void show_not_found(const kith_journal *j, const char *target)
{
	kith_str t = kith_str_c(target);
	kith_suggest s;
	uint32_t i;

	if (t.n && t.p[0] == '@')
		t.p++, t.n--;
	kith_suggest_init(&s);
	for (i = 0; i < j->contacts.n; i++)
		kith_suggest_try(&s, t, j->contacts.v[i].handle);
	for (i = 0; i < j->goals.n; i++)
		kith_suggest_try(&s, t, j->goals.v[i].id);
	for (i = 0; i < j->events.n; i++)
		kith_suggest_try(&s, t, j->events.v[i].id);
	if (s.found)
		kith_cli_error(
		    "no contact, goal or event '%s'; did you mean '%.*s'?",
		    target, KITH_S(s.best));
	else
		kith_cli_error(
		    "no contact, goal or event '%s' (see 'kith contacts')",
		    target);
}

/* Standard output as the renderers' sink: a long table goes out while it
 * is rendered, not held whole. The first write error is kept (errno) and
 * what follows is dropped; the command reports it once at the end. */
static int stdout_flush(void *ctx, kith_buf *out)
{
	int *err = ctx;
	if (!*err && out->n && fwrite(out->p, 1, out->n, stdout) != out->n)
		*err = errno ? errno : EIO;
	out->n = 0;
	return *err != 0;
}

int kith_cmd_report_like(kith_cli *c)
{
	int status, rc;
	const kith_cmd_row *row;
	kith_journal *j;
	kith_opts o;
	kith_report *r = NULL;
	char *qtext = NULL;
	kith_buf out = {0};
	kith_render_opts ro = {0};

	memset(&o, 0, sizeof o);
	/* the registry row (cli.h) carries the computation */
	row = kith_command_find(c->command);
	if (!row || !row->compute) {
		kith_cli_error("'%s' is not a report command", c->command);
		return KITH_EXIT_USAGE;
	}
	j = kith_cli_load(c, 0, &status);
	if (!j)
		return status;
	/* A typo in an old entry does not stop the report: it computes over
	 * what loaded cleanly, says what it left out, and exits 1. */
	const char *notice = NULL;
	if (j->diags.errors) {
		uint32_t e = j->diags.errors, left = kith_check_leave_out(j);
		kith_cli_print_diags(c, j, 0);
		notice = kith_arena_printf(
		    j->arena,
		    "%u error%s in the journal; %u entr%s left out; "
		    "see 'kith check'",
		    e, e == 1 ? "" : "s", left, left == 1 ? "y" : "ies");
		fprintf(stderr, "kith: %s\n", notice);
	}
	rc = parse_opts(c, j, row->takes_query, &o, &qtext);
	if (rc)
		goto out;
	r = row->compute(j, &o);
	if (!r) {
		show_not_found(j, o.target);
		rc = KITH_EXIT_USAGE;
		goto out;
	}
	/* timing varies from run to run; every default output is
	 * byte-identical for the same files and as-of date */
	if (!c->speed || c->no_speed)
		kith_report_drop_section(r, "speed"); /* frees its rows too */
	if (notice)
		kith_report_fact(r, "errors", notice);
	ro.color = c->color_out && c->format == KITH_FMT_TEXT;
	{
		/* fit wide columns to the terminal; files and pipes get it all
		 */
		struct winsize ws;
		if (!c->output && isatty(1) && ioctl(1, TIOCGWINSZ, &ws) == 0 &&
		    ws.ws_col >= 40)
			ro.width = ws.ws_col;
	}
	ro.version = KITH_VERSION;
	int write_err = 0;
	if (!c->output || !strcmp(c->output, "-")) {
		ro.flush = stdout_flush;
		ro.flush_ctx = &write_err;
	}
	if (kith_renderers[c->format](r, &ro, &out) != 0) {
		kith_cli_error("cannot render '%s' as %s", c->command,
		               kith_format_names[c->format]);
		rc = KITH_EXIT_USAGE;
		goto out;
	}
	if (write_err) {
		kith_cli_error("cannot write output: %s", strerror(write_err));
		rc = KITH_EXIT_SYSTEM;
		goto out;
	}
	rc = kith_cli_output(c, out.p, out.n);
	if (!rc && notice)
		rc = KITH_EXIT_ERRORS;
out:
	kith_buf_free(&out);
	kith_report_free(r);
	if (o.query)
		kith_query_free(o.query);
	free(qtext);
	kith_cli_journal_done(j);
	kith_md_grammar_free();
	return rc;
}
