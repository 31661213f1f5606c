/* Unit tests for the iCalendar renderer: exact output, escaping, folding
 * of long UTF-8 text, stable UIDs, and a parse by Python's icalendar. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "compute/report.h"
#include "render/render.h"
#include "util/ical.h"
#include "util/util.h"

static kith_day D(const char *s)
{
	kith_day d = KITH_NO_DAY;
	cr_assert_eq(kith_date_parse(s, strlen(s), &d), 0, "date %s", s);
	return d;
}

static const kith_col DUE_COLS[] = {
    {"type", "Type", KITH_CELL_TEXT, 0},
    {"state", "State", KITH_CELL_TEXT, 0},
    {"date", "Due", KITH_CELL_DATE, 0},
    {"what", "What", KITH_CELL_TEXT, KITH_COL_WIDE},
    {"who", "Who", KITH_CELL_TEXT, 0},
    {"why", "Why", KITH_CELL_TEXT, 0},
    {"uid", "UID", KITH_CELL_TEXT, KITH_COL_MACHINE},
    {"end", "End", KITH_CELL_DATE, 0},
};
enum { C_TYPE, C_STATE, C_DATE, C_WHAT, C_WHO, C_WHY, C_UID, C_END, C_N };

static kith_report *due_report(void)
{
	kith_report *r = kith_report_new("due", D("2026-11-22"));
	r->title = "Due as of 2026-11-22";
	kith_section *s = kith_report_section(
	    r, "due", "Due", KITH_SECTION_TABLE, DUE_COLS, C_N);
	s->empty = "Nothing is due.";
	return r;
}

static void add(kith_report *r, const char *type, const char *state,
                const char *date, const char *what, const char *who,
                const char *why, const char *uid, const char *end)
{
	kith_section *s = &r->sections.v[0];
	kith_cell *c = kith_section_row(r, s);
	kith_cell_text(r, &c[C_TYPE], type);
	kith_cell_text(r, &c[C_STATE], state);
	kith_cell_date(&c[C_DATE], date ? D(date) : KITH_NO_DAY);
	kith_cell_text(r, &c[C_WHAT], what);
	if (who)
		kith_cell_text(r, &c[C_WHO], who);
	if (why)
		kith_cell_text(r, &c[C_WHY], why);
	if (uid)
		kith_cell_text(r, &c[C_UID], uid);
	kith_cell_date(&c[C_END], end ? D(end) : KITH_NO_DAY);
}

static char *render(const kith_report *r)
{
	kith_buf b = {0};
	kith_render_opts o = {.version = "0.1.0"};
	cr_assert_eq(kith_render_ics(r, &o, &b), 0);
	char *s = kith_xstrndup(b.p, b.n);
	kith_buf_free(&b);
	return s;
}

Test(ics, exact_output_for_a_small_report)
{
	kith_report *r = due_report();
	add(r, "follow-up", "overdue", "2026-11-10", "Send the RFC draft",
	    "Alice Chen", "coffee on 2026-11-03", "fu-1@kith", NULL);
	add(r, "event", "registered", "2026-11-10", "KubeCon North America",
	    NULL, NULL, "ev-kubecon@kith", "2026-11-13");
	add(r, "birthday", "upcoming", "2026-11-30", "Bob's birthday", "Bob",
	    NULL, "bd-bob-2026@kith", NULL);
	char *got = render(r);
	const char *want =
	    "BEGIN:VCALENDAR\r\n"
	    "PRODID:-//kith//kith 0.1.0//EN\r\n"
	    "VERSION:2.0\r\n"
	    "CALSCALE:GREGORIAN\r\n"
	    "BEGIN:VTODO\r\n"
	    "UID:fu-1@kith\r\n"
	    "DTSTAMP:20261122T000000Z\r\n"
	    "DUE;VALUE=DATE:20261110\r\n"
	    "SUMMARY:Send the RFC draft\r\n"
	    "DESCRIPTION:Who: Alice Chen\\nWhy: coffee on 2026-11-03\r\n"
	    "STATUS:NEEDS-ACTION\r\n"
	    "CATEGORIES:follow-up\r\n"
	    "END:VTODO\r\n"
	    "BEGIN:VEVENT\r\n"
	    "UID:ev-kubecon@kith\r\n"
	    "DTSTAMP:20261122T000000Z\r\n"
	    "DTSTART;VALUE=DATE:20261110\r\n"
	    "DTEND;VALUE=DATE:20261114\r\n"
	    "SUMMARY:KubeCon North America\r\n"
	    "STATUS:CONFIRMED\r\n"
	    "CATEGORIES:event\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\r\n"
	    "UID:bd-bob-2026@kith\r\n"
	    "DTSTAMP:20261122T000000Z\r\n"
	    "DTSTART;VALUE=DATE:20261130\r\n"
	    "DTEND;VALUE=DATE:20261201\r\n"
	    "RRULE:FREQ=YEARLY\r\n"
	    "TRANSP:TRANSPARENT\r\n"
	    "SUMMARY:birthday of Bob\r\n"
	    "DESCRIPTION:Who: Bob\r\n"
	    "CATEGORIES:birthday\r\n"
	    "END:VEVENT\r\n"
	    "END:VCALENDAR\r\n";
	cr_assert_str_eq(got, want);
	free(got);
	kith_report_free(r);
}

Test(ics, one_day_event_ends_the_next_day)
{
	kith_report *r = due_report();
	add(r, "event", "planned", "2026-12-31", "Year-end meetup", NULL, NULL,
	    "ev-1@kith", NULL);
	char *got = render(r);
	cr_assert(strstr(got, "DTSTART;VALUE=DATE:20261231\r\n"));
	cr_assert(strstr(got, "DTEND;VALUE=DATE:20270101\r\n"));
	cr_assert(strstr(got, "STATUS:TENTATIVE\r\n"));
	cr_assert_null(strstr(got, "VTODO"));
	free(got);
	kith_report_free(r);
}

Test(ics, text_escaping)
{
	kith_report *r = due_report();
	add(r, "action", "due", "2026-11-22", "a,b;c\\d\r\ne", "x;y", "p,q",
	    "a-1@kith", NULL);
	char *got = render(r);
	cr_assert(strstr(got, "\r\nSUMMARY:a\\,b\\;c\\\\d\\ne\r\n"), "%s", got);
	cr_assert(strstr(got, "\r\nDESCRIPTION:Who: x\\;y\\nWhy: p\\,q\r\n"),
	          "%s", got);
	free(got);
	kith_report_free(r);
}

Test(ics, controls_dropped_and_bad_utf8_replaced)
{
	kith_report *r = due_report();
	add(r, "action", "due", "2026-11-22", "bell\x07 and \xff byte", NULL,
	    NULL, "a-2@kith", NULL);
	char *got = render(r);
	cr_assert(strstr(got, "\r\nSUMMARY:bell and \xEF\xBF\xBD byte\r\n"),
	          "%s", got);
	free(got);
	kith_report_free(r);
}

/* Every physical line is at most 75 octets, continuation lines start with
 * one space, no line splits a UTF-8 sequence, and unfolding gives back
 * the value. */
Test(ics, folding_of_long_utf8_summary)
{
	char what[256] = "";
	/* 2-, 3- and 4-byte sequences at every alignment: 200 bytes. */
	for (int i = 0; i < 21; i++)
		strcat(what, "\xC3\xA9\xE6\x97\xA5\xF0\x9F\x98\x80");
	strcat(what, "abcdefghijk");
	cr_assert_eq(strlen(what), 200);
	kith_report *r = due_report();
	add(r, "action", "due", "2026-11-22", what, NULL, NULL, "a-3@kith",
	    NULL);
	char *got = render(r);
	kith_buf unfolded = {0};
	const char *p = got;
	int folded = 0;
	while (*p) {
		const char *e = strstr(p, "\r\n");
		cr_assert(e, "every line ends in CRLF");
		size_t n = (size_t)(e - p);
		cr_assert_leq(n, 75, "line of %zu octets: %.*s", n, (int)n, p);
		for (size_t i = 0; i < n;) {
			size_t k = kith_utf8_seq(p + i, n - i);
			cr_assert_gt(k, 0, "split UTF-8 at %zu: %.*s", i,
			             (int)n, p);
			i += k;
		}
		if (*p == ' ') {
			folded++;
			kith_buf_put(&unfolded, p + 1, n - 1);
		} else {
			if (unfolded.n)
				kith_buf_puts(&unfolded, "\n");
			kith_buf_put(&unfolded, p, n);
		}
		p = e + 2;
	}
	cr_assert_geq(folded, 2);
	char want[300];
	snprintf(want, sizeof want, "\nSUMMARY:%s\n", what);
	cr_assert(strstr(kith_buf_cstr(&unfolded), want));
	kith_buf_free(&unfolded);
	free(got);
	kith_report_free(r);
}

Test(ics, deterministic_and_same_uids)
{
	kith_report *r = due_report();
	add(r, "follow-up", "due", "2026-11-23", "Thank Dana", "Dana", NULL,
	    "fu-dana@kith", NULL);
	add(r, "stay-in-touch", "overdue", "2026-11-01", "Catch up with Eve",
	    "Eve", "last touch 2026-08-01", "sit-eve@kith", NULL);
	char *a = render(r), *b = render(r);
	cr_assert_str_eq(a, b);
	cr_assert(strstr(a, "\r\nUID:fu-dana@kith\r\n"));
	cr_assert(strstr(a, "\r\nUID:sit-eve@kith\r\n"));
	free(a);
	free(b);
	kith_report_free(r);
}

Test(ics, duplicate_and_missing_uids)
{
	kith_report *r = due_report();
	add(r, "action", "due", "2026-11-22", "First", NULL, NULL, "dup@kith",
	    NULL);
	add(r, "action", "due", "2026-11-22", "Second", NULL, NULL, "dup@kith",
	    NULL);
	add(r, "action", "due", "2026-11-22", "No uid", NULL, NULL, NULL, NULL);
	char *got = render(r);
	cr_assert(strstr(got, "SUMMARY:First"));
	cr_assert_null(strstr(got, "SUMMARY:Second"));
	cr_assert_null(strstr(got, "No uid"));
	free(got);
	kith_report_free(r);
}

Test(ics, sections_without_uid_and_date_are_skipped)
{
	static const kith_col cols[] = {
	    {"goal", "Goal", KITH_CELL_TEXT, 0},
	    {"date", "Date", KITH_CELL_DATE, 0},
	};
	kith_report *r = kith_report_new("goals", D("2026-11-22"));
	kith_section *s = kith_report_section(r, "goals", "Goals",
	                                      KITH_SECTION_TABLE, cols, 2);
	kith_cell *c = kith_section_row(r, s);
	kith_cell_text(r, &c[0], "grow");
	kith_cell_date(&c[1], D("2026-12-01"));
	char *got = render(r);
	cr_assert_str_eq(got, "BEGIN:VCALENDAR\r\n"
	                      "PRODID:-//kith//kith 0.1.0//EN\r\n"
	                      "VERSION:2.0\r\n"
	                      "CALSCALE:GREGORIAN\r\n"
	                      "END:VCALENDAR\r\n");
	free(got);
	kith_report_free(r);
}

/* A second opinion: Python's icalendar (python3-icalendar) reads the file
 * back with the same values. A python3 without it fails the test: the
 * suite installs it (make test-deps). Files go under $TMPDIR. */
Test(ics, parsed_by_python_icalendar)
{
	char what[256] = "";
	while (strlen(what) < 180)
		strcat(what, "caf\xC3\xA9, \xE6\x97\xA5; ");
	kith_report *r = due_report();
	add(r, "thank-you", "due", "2026-11-24", what, "Alice Chen",
	    "coffee on 2026-11-22\nsecond line", "ty-1@kith", NULL);
	add(r, "event", "registered", "2026-11-10", "KubeCon", NULL, NULL,
	    "ev-1@kith", "2026-11-13");
	char *got = render(r);
	const char *tmp = getenv("TMPDIR");
	char dir[512], ics[600], want[600];
	snprintf(dir, sizeof dir, "%s/kith-ics-XXXXXX",
	         tmp && *tmp ? tmp : "/tmp");
	cr_assert_not_null(mkdtemp(dir), "mkdtemp %s", dir);
	snprintf(ics, sizeof ics, "%s/due.ics", dir);
	snprintf(want, sizeof want, "%s/want.txt", dir);
	FILE *f = fopen(ics, "wb");
	cr_assert_not_null(f);
	fputs(got, f);
	fclose(f);
	FILE *w = fopen(want, "wb");
	cr_assert_not_null(w);
	fputs(what, w);
	fclose(w);
	char cmd[4096];
	snprintf(cmd, sizeof cmd,
	         "sh '%s/tests/python3.sh' - '%s' '%s' <<'EOF'\n"
	         "import sys, icalendar, datetime\n"
	         "cal = icalendar.Calendar.from_ical(open(sys.argv[1],'rb')."
	         "read())\n"
	         "want = open(sys.argv[2], encoding='utf-8').read()\n"
	         "todos = cal.walk('VTODO'); evs = cal.walk('VEVENT')\n"
	         "assert len(todos) == 1 and len(evs) == 1\n"
	         "t = todos[0]\n"
	         "assert str(t['SUMMARY']) == want, repr(str(t['SUMMARY']))\n"
	         "assert str(t['DESCRIPTION']) == 'Who: Alice Chen\\nWhy: "
	         "coffee on 2026-11-22\\nsecond line'\n"
	         "assert t['DUE'].dt == datetime.date(2026, 11, 24)\n"
	         "assert str(t['UID']) == 'ty-1@kith'\n"
	         "e = evs[0]\n"
	         "assert e['DTSTART'].dt == datetime.date(2026, 11, 10)\n"
	         "assert e['DTEND'].dt == datetime.date(2026, 11, 14)\n"
	         "EOF",
	         KITH_TEST_ROOT, ics, want);
	int rc = system(cmd);
	unlink(ics);
	unlink(want);
	rmdir(dir);
	cr_assert_eq(rc, 0, "python icalendar rejected (or is missing):\n%s",
	             got);
	free(got);
	kith_report_free(r);
}

/* A machine without libical: writing a calendar stops with one line that
 * names the library and how to install it, status 3, no crash. Run in a
 * child, which loads (and fails to load) libical under another name. */
Test(ics, libical_missing_is_an_error_not_a_crash)
{
	int fd[2];
	cr_assert_eq(pipe(fd), 0);
	pid_t pid = fork();
	cr_assert_neq(pid, -1);
	if (pid == 0) {
		close(fd[0]);
		dup2(fd[1], 2);
		kith_ical_set_soname("libkith-test-no-such-ical.so.3");
		(void)kith_ical();
		_exit(0); /* not reached when the load fails */
	}
	close(fd[1]);
	char buf[512] = {0};
	size_t n = 0;
	ssize_t r;
	while (n < sizeof buf - 1 &&
	       (r = read(fd[0], buf + n, sizeof buf - 1 - n)) > 0)
		n += (size_t)r;
	close(fd[0]);
	int st;
	cr_assert_eq(waitpid(pid, &st, 0), pid);
	cr_assert(WIFEXITED(st), "the child crashed: %s", buf);
	cr_assert_eq(WEXITSTATUS(st), KITH_EXIT_SYSTEM);
	cr_assert(strstr(buf, "kith: error: cannot load libical "
	                      "(libkith-test-no-such-ical.so.3)"),
	          "%s", buf);
	cr_assert(strstr(buf, "apt-get install libical3"), "%s", buf);
}
