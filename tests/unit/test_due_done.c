/* Unit tests for the done items of the due feed (compute/due_done.c): what
 * is in the 30 days, the UID each had while open (the same as 'kith due'
 * gave it), query and type: terms, and the feed read back by Python's
 * icalendar with STATUS:COMPLETED and COMPLETED on the done date. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compute/compute.h"
#include "lib/lib.h"
#include "render/render.h"

static kith_day D(const char *s)
{
	kith_day d = KITH_NO_DAY;
	cr_assert_eq(kith_date_parse(s, strlen(s), &d), 0, "date %s", s);
	return d;
}

static const char yaml[] =
    "kith: 1\n"
    "include: [journal.md]\n"
    "contacts:\n"
    "  ana: {name: Ana Diaz}\n"
    "  ben: {name: Ben Li}\n"
    "follow-up-rules:\n"
    "  - {after: [coffee], expect: thank-you, within: 2d}\n"
    "interactions:\n"
    "  - date: 2026-10-01\n"
    "    kind: meeting\n"
    "    with: [ben]\n"
    "    title: Planning with Ben\n"
    "    follow-ups:\n"
    "      - {do: Send Ben the plan, due: 2026-10-08, done: 2026-10-30}\n"
    "      - {do: Send Ben the old deck, due: 2026-10-05, done: "
    "2026-10-06}\n"
    "  - {date: 2026-11-02, kind: coffee, with: [ana]}\n"
    "  - {date: 2026-11-03, kind: thank-you, with: [ana]}\n"
    "goals:\n"
    "  grow:\n"
    "    title: Grow\n"
    "    start: 2026-01-01\n"
    "    end: 2026-12-31\n"
    "    actions:\n"
    "      - {do: Ask @ana for an intro, due: 2026-11-10, done: "
    "2026-11-12}\n"
    "      - {do: Write the talk, due: 2026-11-20}\n";

static const char md[] = "## 2026-11-05 Call with @ana #call\n"
                         "\n"
                         "- [x] Send @ana the outline due:+4d done:2026-11-11\n"
                         "- [ ] Read Ana's notes due:2026-11-30\n";

static kith_journal *load(void)
{
	const char *names[] = {"kith.yaml", "journal.md"};
	const char *texts[] = {yaml, md};
	kith_source src = {.names = names, .texts = texts, .nfiles = 2};
	kith_open_error err;
	src.as_of = D("2026-11-20");
	kith_journal *j = kith_lib_load(&src, &err);
	cr_assert_not_null(j);
	for (uint32_t i = 0; i < j->diags.list.n; i++)
		cr_assert_neq(j->diags.list.v[i].sev, KITH_SEV_ERROR, "%s",
		              j->diags.list.v[i].msg);
	return j;
}

static kith_opts opts(const char *as_of)
{
	kith_opts o = {0};
	o.as_of = D(as_of);
	o.within = (kith_dur){1, KITH_UNIT_YEAR};
	o.due_done = 1;
	return o;
}

static const kith_section *section(const kith_report *r, const char *id)
{
	for (uint32_t i = 0; i < r->sections.n; i++)
		if (!strcmp(r->sections.v[i].id, id))
			return &r->sections.v[i];
	return NULL;
}

static const char *cell(const kith_section *s, uint32_t row, const char *col)
{
	int c = kith_section_col(s, col);
	cr_assert_geq(c, 0, "column %s", col);
	const kith_cell *v = kith_section_cell(s, row, (uint32_t)c);
	return v && v->type == KITH_CELL_TEXT && v->s ? v->s : "";
}

static kith_day cell_day(const kith_section *s, uint32_t row, const char *col)
{
	int c = kith_section_col(s, col);
	cr_assert_geq(c, 0, "column %s", col);
	const kith_cell *v = kith_section_cell(s, row, (uint32_t)c);
	return v && v->type == KITH_CELL_DATE ? v->day : KITH_NO_DAY;
}

/* The row of the "done" section whose what is `what`, or -1. */
static int done_row(const kith_section *s, const char *what)
{
	for (uint32_t i = 0; i < s->nrows; i++)
		if (!strcmp(cell(s, i, "what"), what))
			return (int)i;
	return -1;
}

Test(due_done, the_last_30_days_each_with_its_done_date)
{
	kith_journal *j = load();
	kith_opts o = opts("2026-11-20");
	kith_report *r = kith_compute_due(j, &o);
	const kith_section *s = section(r, "done");
	cr_assert_not_null(s);
	/* the plan (10-30), the thank-you (11-03), the outline (11-11) and
	 * the intro (11-12); the old deck (10-06) is more than 30 days ago */
	cr_assert_eq(s->nrows, 4);
	cr_assert_eq(done_row(s, "Send Ben the old deck"), -1);
	struct {
		const char *what, *type, *done;
	} want[] = {
	    {"Ask @ana for an intro", "action", "2026-11-12"},
	    {"Send @ana the outline", "follow-up", "2026-11-11"},
	    {"thank-you to @ana", "thank-you", "2026-11-03"},
	    {"Send Ben the plan", "follow-up", "2026-10-30"},
	};
	for (uint32_t i = 0; i < 4; i++) {
		/* most recently done first */
		cr_assert_str_eq(cell(s, i, "what"), want[i].what);
		cr_assert_str_eq(cell(s, i, "type"), want[i].type);
		cr_assert_eq(cell_day(s, i, "done"), D(want[i].done), "%s",
		             want[i].what);
	}
	/* the open items are not among them, nor the done ones among these */
	const kith_section *items = section(r, "items");
	cr_assert_not_null(items);
	for (uint32_t i = 0; i < items->nrows; i++)
		cr_assert_eq(done_row(s, cell(items, i, "what")), -1);
	kith_report_free(r);
	kith_journal_free(j);
}

Test(due_done, thirty_days_after_the_done_date_and_not_before)
{
	kith_journal *j = load();
	kith_opts o = opts("2026-11-29");
	kith_report *r = kith_compute_due(j, &o);
	const kith_section *s = section(r, "done");
	cr_assert_geq(done_row(s, "Send Ben the plan"), 0, "day 30 is in");
	kith_report_free(r);
	o = opts("2026-11-30");
	r = kith_compute_due(j, &o);
	s = section(r, "done");
	cr_assert_eq(done_row(s, "Send Ben the plan"), -1, "day 31 is out");
	kith_report_free(r);
	/* an item done after as-of is still open, not done */
	o = opts("2026-11-11");
	r = kith_compute_due(j, &o);
	s = section(r, "done");
	cr_assert_eq(done_row(s, "Ask @ana for an intro"), -1);
	cr_assert_geq(done_row(s, "Send @ana the outline"), 0);
	kith_report_free(r);
	kith_journal_free(j);
}

/* The point of the feed: a done item keeps the UID 'kith due' gave it the
 * day before it was done, so the calendar closes that same item. */
Test(due_done, the_uid_it_had_while_open)
{
	kith_journal *j = load();
	kith_opts o = opts("2026-11-20");
	kith_report *r = kith_compute_due(j, &o);
	const kith_section *s = section(r, "done");
	cr_assert_eq(s->nrows, 4);
	for (uint32_t i = 0; i < s->nrows; i++) {
		kith_opts before = opts("2026-11-20");
		before.as_of = cell_day(s, i, "done") - 1;
		before.due_done = 0;
		kith_report *b = kith_compute_due(j, &before);
		const kith_section *open = section(b, "items");
		cr_assert_null(section(b, "done"));
		int found = 0;
		for (uint32_t k = 0; k < open->nrows; k++)
			if (!strcmp(cell(open, k, "uid"), cell(s, i, "uid"))) {
				found = 1;
				cr_assert_str_eq(cell(open, k, "what"),
				                 cell(s, i, "what"));
			}
		cr_assert(found, "%s: uid %s was not the open item's",
		          cell(s, i, "what"), cell(s, i, "uid"));
		kith_report_free(b);
	}
	kith_report_free(r);
	kith_journal_free(j);
}

Test(due_done, query_and_type_terms_apply)
{
	kith_journal *j = load();
	kith_opts o = opts("2026-11-20");
	const char *err = NULL;
	size_t col = 0, len = 0;
	o.query = kith_query_parse(j, "@ben", 4, o.as_of, &col, &len, &err);
	cr_assert_not_null(o.query, "%s", err ? err : "");
	o.query_text = "@ben";
	kith_report *r = kith_compute_due(j, &o);
	const kith_section *s = section(r, "done");
	cr_assert_eq(s->nrows, 1);
	cr_assert_str_eq(cell(s, 0, "what"), "Send Ben the plan");
	kith_report_free(r);
	o = opts("2026-11-20");
	o.due_types = 1u << KITH_DUE_ACTION;
	r = kith_compute_due(j, &o);
	s = section(r, "done");
	cr_assert_eq(s->nrows, 1);
	cr_assert_str_eq(cell(s, 0, "what"), "Ask @ana for an intro");
	kith_report_free(r);
	kith_journal_free(j);
}

static char *ics_of(const kith_journal *j, const char *as_of)
{
	kith_opts o = opts(as_of);
	kith_report *r = kith_compute_due(j, &o);
	kith_buf b = {0};
	kith_render_opts ro = {.version = "0.1.0"};
	cr_assert_eq(kith_render_ics(r, &ro, &b), 0);
	kith_report_free(r);
	char *s = kith_xstrndup(b.p ? b.p : "", b.n);
	kith_buf_free(&b);
	return s;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f, "%s", path);
	fputs(text, f);
	fclose(f);
}

/* The feed before (2026-11-09: the outline open) and after (2026-11-20:
 * done) read by Python's icalendar: the same UID, now COMPLETED on its done
 * date, 100 percent; the open ones still NEEDS-ACTION. */
Test(due_done, completed_in_the_feed_parsed_by_python_icalendar)
{
	kith_journal *j = load();
	char *before = ics_of(j, "2026-11-09"),
	     *after = ics_of(j, "2026-11-20");
	const char *tmp = getenv("TMPDIR");
	char dir[512], a[600], b[600];
	snprintf(dir, sizeof dir, "%s/kith-done-XXXXXX",
	         tmp && *tmp ? tmp : "/tmp");
	cr_assert_not_null(mkdtemp(dir), "mkdtemp %s", dir);
	snprintf(a, sizeof a, "%s/before.ics", dir);
	snprintf(b, sizeof b, "%s/after.ics", dir);
	write_file(a, before);
	write_file(b, after);
	char cmd[4096];
	snprintf(
	    cmd, sizeof cmd,
	    "sh '%s/tests/python3.sh' - '%s' '%s' <<'EOF'\n"
	    "import sys, icalendar, datetime\n"
	    "def todos(p):\n"
	    "    cal = icalendar.Calendar.from_ical(open(p, 'rb').read())\n"
	    "    return {str(t['SUMMARY']): t for t in cal.walk('VTODO')}\n"
	    "b, a = todos(sys.argv[1]), todos(sys.argv[2])\n"
	    "o, d = b['Send @ana the outline'], a['Send @ana the outline']\n"
	    "assert str(o['STATUS']) == 'NEEDS-ACTION', o['STATUS']\n"
	    "assert str(d['UID']) == str(o['UID']), (d['UID'], o['UID'])\n"
	    "assert str(d['STATUS']) == 'COMPLETED', d['STATUS']\n"
	    "c = d['COMPLETED'].dt\n"
	    "assert isinstance(c, datetime.datetime) and c.tzinfo, c\n"
	    "assert c.date() == datetime.date(2026, 11, 11), c\n"
	    "assert int(d['PERCENT-COMPLETE']) == 100\n"
	    "assert d['DUE'].dt == o['DUE'].dt == datetime.date(2026, 11, 9)\n"
	    "t = a['thank-you to @ana']\n"
	    "assert str(t['STATUS']) == 'COMPLETED'\n"
	    "assert t['COMPLETED'].dt.date() == datetime.date(2026, 11, 3)\n"
	    "r = a[\"Read Ana's notes\"]\n"
	    "assert str(r['STATUS']) == 'NEEDS-ACTION' and 'COMPLETED' not in "
	    "r\n"
	    "done = [s for s, t in a.items() if str(t['STATUS']) == "
	    "'COMPLETED']\n"
	    "assert len(done) == 4, done\n"
	    "uids = [str(t['UID']) for t in a.values()]\n"
	    "assert len(set(uids)) == len(uids)\n"
	    "EOF",
	    KITH_TEST_ROOT, a, b);
	int rc = system(cmd);
	unlink(a);
	unlink(b);
	rmdir(dir);
	cr_assert_eq(rc, 0, "python icalendar check failed:\n%s", after);
	free(before);
	free(after);
	kith_journal_free(j);
}

/* Stay in touch: a touch closes the cycle's item (the UID 'kith due' gave
 * it the day before, from the date that cycle asked for a touch) and the
 * next cycle is a new item; a contact never touched nor met keeps one
 * item, whatever the day. */
static const char cadence_yaml[] =
    "kith: 1\n"
    "contacts:\n"
    "  cy: {name: Cy Park, cadence: 2w..4w, met: 2026-09-01}\n"
    "  dee: {name: Dee Ross, cadence: 1w}\n"
    "interactions:\n"
    "  - {date: 2026-10-01, kind: call, with: [cy]}\n"
    "  - {date: 2026-11-10, kind: coffee, with: [cy]}\n";

static kith_journal *load_cadence(void)
{
	const char *names[] = {"kith.yaml"};
	const char *texts[] = {cadence_yaml};
	kith_source src = {.names = names, .texts = texts, .nfiles = 1};
	kith_open_error err;
	src.as_of = D("2026-11-20");
	kith_journal *j = kith_lib_load(&src, &err);
	cr_assert_not_null(j);
	for (uint32_t i = 0; i < j->diags.list.n; i++)
		cr_assert_neq(j->diags.list.v[i].sev, KITH_SEV_ERROR, "%s",
		              j->diags.list.v[i].msg);
	return j;
}

/* The uid of the open item `what` of 'kith due' as of `as_of`. */
static const char *open_uid(kith_report **keep, const kith_journal *j,
                            const char *as_of, const char *what)
{
	kith_opts o = opts(as_of);
	o.due_done = 0;
	*keep = kith_compute_due(j, &o);
	const kith_section *s = section(*keep, "items");
	cr_assert_not_null(s);
	for (uint32_t i = 0; i < s->nrows; i++)
		if (!strcmp(cell(s, i, "what"), what))
			return cell(s, i, "uid");
	cr_assert_fail("%s not open as of %s", what, as_of);
	return NULL;
}

Test(due_done, a_touch_closes_the_stay_in_touch_item)
{
	kith_journal *j = load_cadence();
	kith_report *before, *after, *r;
	const char *was =
	    open_uid(&before, j, "2026-11-09", "reach out to @cy");
	const char *now = open_uid(&after, j, "2026-11-20", "reach out to @cy");
	cr_assert_str_neq(was, now, "the next cycle is a new item");
	kith_opts o = opts("2026-11-20");
	r = kith_compute_due(j, &o);
	const kith_section *s = section(r, "done");
	cr_assert_eq(s->nrows, 1);
	cr_assert_str_eq(cell(s, 0, "type"), "stay-in-touch");
	cr_assert_str_eq(cell(s, 0, "what"), "reach out to @cy");
	cr_assert_str_eq(cell(s, 0, "uid"), was);
	cr_assert_eq(cell_day(s, 0, "done"), D("2026-11-10"));
	/* overdue since 10-29 (10-01 + 4w), as 'kith due' dated it */
	cr_assert_eq(cell_day(s, 0, "date"), D("2026-10-29"));
	kith_report_free(r);
	kith_report *d1, *d2;
	cr_assert_str_eq(open_uid(&d1, j, "2026-11-09", "reach out to @dee"),
	                 open_uid(&d2, j, "2026-11-20", "reach out to @dee"));
	/* 30 days after the touch it is gone */
	o = opts("2026-12-11");
	r = kith_compute_due(j, &o);
	cr_assert_eq(section(r, "done")->nrows, 0);
	kith_report_free(r);
	kith_report_free(d1);
	kith_report_free(d2);
	kith_report_free(before);
	kith_report_free(after);
	kith_journal_free(j);
}

/* The same in the feed, read by Python's icalendar. */
Test(due_done, stay_in_touch_completed_in_the_feed)
{
	kith_journal *j = load_cadence();
	char *before = ics_of(j, "2026-11-09"),
	     *after = ics_of(j, "2026-11-20");
	const char *tmp = getenv("TMPDIR");
	char dir[512], a[600], b[600];
	snprintf(dir, sizeof dir, "%s/kith-done-XXXXXX",
	         tmp && *tmp ? tmp : "/tmp");
	cr_assert_not_null(mkdtemp(dir), "mkdtemp %s", dir);
	snprintf(a, sizeof a, "%s/before.ics", dir);
	snprintf(b, sizeof b, "%s/after.ics", dir);
	write_file(a, before);
	write_file(b, after);
	char cmd[4096];
	snprintf(
	    cmd, sizeof cmd,
	    "sh '%s/tests/python3.sh' - '%s' '%s' <<'EOF'\n"
	    "import sys, icalendar, datetime\n"
	    "def todos(p):\n"
	    "    cal = icalendar.Calendar.from_ical(open(p, 'rb').read())\n"
	    "    return [t for t in cal.walk('VTODO')\n"
	    "            if str(t['SUMMARY']) == 'reach out to @cy']\n"
	    "b, a = todos(sys.argv[1]), todos(sys.argv[2])\n"
	    "assert len(b) == 1 and str(b[0]['STATUS']) == 'NEEDS-ACTION'\n"
	    "st = {str(t['STATUS']): t for t in a}\n"
	    "assert len(a) == 2 and len(st) == 2, a\n"
	    "d, n = st['COMPLETED'], st['NEEDS-ACTION']\n"
	    "assert str(d['UID']) == str(b[0]['UID'])\n"
	    "assert str(n['UID']) != str(d['UID'])\n"
	    "assert d['COMPLETED'].dt.date() == datetime.date(2026, 11, 10)\n"
	    "assert n['DUE'].dt == datetime.date(2026, 11, 24), n['DUE'].dt\n"
	    "EOF",
	    KITH_TEST_ROOT, a, b);
	int rc = system(cmd);
	unlink(a);
	unlink(b);
	rmdir(dir);
	cr_assert_eq(rc, 0, "python icalendar check failed:\n%s", after);
	free(before);
	free(after);
	kith_journal_free(j);
}
