/* The import readers on the hand-written exports in tests/golden/_import/ and
 * on small malformed inputs: every field kith keeps, and the line of the first
 * error. */
#include <criterion/criterion.h>
#include <string.h>

#include "import/import.h"

static char *fixture(const char *name, size_t *len)
{
	kith_buf path = {0};
	char *text;
	kith_buf_printf(&path, "%s/tests/golden/_import/%s", KITH_TEST_ROOT,
	                name);
	cr_assert_eq(kith_read_file(kith_buf_cstr(&path), 1 << 20, &text, len),
	             0, "cannot read %s", path.p);
	kith_buf_free(&path);
	return text;
}

static kith_import_set
read_with(int (*rd)(const char *, size_t, kith_import_set *), const char *text)
{
	kith_import_set s;
	kith_import_set_init(&s);
	rd(text, strlen(text), &s);
	return s;
}

static kith_import_set read_fixture(int (*rd)(const char *, size_t,
                                              kith_import_set *),
                                    const char *name)
{
	size_t len;
	char *text = fixture(name, &len);
	kith_import_set s;
	kith_import_set_init(&s);
	cr_assert_eq(rd(text, len, &s), 0, "%s:%u: %s", name, s.err_line,
	             s.err ? s.err : "");
	free(text);
	return s;
}

Test(vcard, google_export_fields)
{
	kith_import_set s = read_fixture(kith_vcard_read, "google.vcf");
	kith_import_person *z = &s.people.v[0];
	cr_assert_eq(s.people.n, 6);
	cr_assert_str_eq(z->name, "Zoë Müller");
	cr_assert_eq(z->line, 1);
	cr_assert_str_eq(z->org, "Acme Robotics, GmbH");
	cr_assert_str_eq(z->title, "Staff Engineer");
	cr_assert_str_eq(z->note,
	                 "Met at KubeCon; wants an intro to Dana.\nPrefers "
	                 "mornings.");
	cr_assert_eq(z->emails.n, 2);
	cr_assert_str_eq(z->emails.v[0], "zoe@acme.example", "pref first");
	cr_assert_str_eq(z->emails.v[1], "zoe.mueller@example.org");
	cr_assert_str_eq(z->phones.v[0], "+49 170 1234567");
	cr_assert_eq(z->tags.n, 3);
	cr_assert_str_eq(z->tags.v[2], "Platform Team");
	cr_assert_str_eq(z->links.v[0], "https://example.org/zoe");
	cr_assert_eq(z->bday_year, 0);
	cr_assert_eq(z->bday_month, 4);
	cr_assert_eq(z->bday_day, 27);
	cr_assert_eq(s.people.v[1].bday_year, 1984);
	cr_assert_str_eq(s.people.v[2].note,
	                 "A long note that the exporter folded across two "
	                 "lines, with a comma.");
	cr_assert_null(s.people.v[4].name, "a card with no name");
	cr_assert_str_eq(s.people.v[4].org, "Pizza Place");
	kith_import_set_free(&s);
}

Test(vcard, apple_and_4_0)
{
	kith_import_set s = read_fixture(kith_vcard_read, "apple.vcf");
	cr_assert_eq(s.people.n, 2);
	cr_assert_str_eq(s.people.v[0].org, "University of St. John");
	cr_assert_eq(s.people.v[0].bday_year, 0, "X-APPLE-OMIT-YEAR");
	cr_assert_eq(s.people.v[0].bday_month, 11);
	cr_assert_str_eq(s.people.v[0].emails.v[0], "chidi@stjohn.example");
	cr_assert_str_eq(s.people.v[0].phones.v[0], "(555) 010-2000");
	cr_assert_str_eq(s.people.v[1].name, "李小龍");
	cr_assert_eq(s.people.v[1].bday_year, 1940);
	cr_assert_str_eq(s.people.v[1].note,
	                 "Name in Han characters, no ASCII letters.");
	kith_import_set_free(&s);
}

Test(vcard, outlook_2_1_quoted_printable_and_charset)
{
	kith_import_set s = read_fixture(kith_vcard_read, "outlook21.vcf");
	kith_import_person *p = &s.people.v[0];
	cr_assert_eq(s.people.n, 1);
	cr_assert_str_eq(p->name, "François Dubois");
	cr_assert_str_eq(p->org, "Société Générale");
	cr_assert_str_eq(p->title, "Directeur général");
	cr_assert_str_eq(p->note, "First line\r\nSecond line, long enough that "
	                          "Outlook breaks it with a soft line break.");
	cr_assert_str_eq(p->emails.v[0], "francois@societe.example");
	cr_assert_eq(p->emails.n, 2);
	kith_import_set_free(&s);
}

Test(vcard, name_from_n_without_fn)
{
	kith_import_set s =
	    read_with(kith_vcard_read, "BEGIN:VCARD\nVERSION:3.0\nN:Lovelace;"
	                               "Ada;;;\nEND:VCARD\n");
	cr_assert_null(s.err);
	cr_assert_str_eq(s.people.v[0].name, "Ada Lovelace");
	kith_import_set_free(&s);
}

static void expect_error(int (*rd)(const char *, size_t, kith_import_set *),
                         const char *text, uint32_t line, const char *part)
{
	kith_import_set s = read_with(rd, text);
	cr_assert_not_null(s.err, "no error for: %s", text);
	cr_assert_eq(s.err_line, line, "line %u, want %u (%s)", s.err_line,
	             line, s.err);
	cr_assert(strstr(s.err, part), "message '%s' lacks '%s'", s.err, part);
	kith_import_set_free(&s);
}

Test(vcard, malformed_lines)
{
	expect_error(kith_vcard_read,
	             "BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nno colon here\n"
	             "END:VCARD\n",
	             4, "not a vCard line");
	expect_error(kith_vcard_read, "BEGIN:VCARD\nFN:Ada\n", 1, "not closed");
	expect_error(kith_vcard_read,
	             "BEGIN:VCARD\nFN:Ada\nBEGIN:VCARD\nEND:VCARD\n", 3,
	             "inside a card");
	expect_error(kith_vcard_read, "FN:Ada\n", 1, "outside");
	expect_error(kith_vcard_read,
	             "BEGIN:VCARD\nFN:Ada\nBDAY:April\nEND:VCARD\n", 3, "BDAY");
	expect_error(kith_vcard_read,
	             "BEGIN:VCARD\nVERSION:2.1\nFN;ENCODING=QUOTED-PRINTABLE:"
	             "A=ZZ\nEND:VCARD\n",
	             3, "quoted-printable");
	expect_error(kith_vcard_read,
	             "BEGIN:VCARD\nFN:Fran\xe7ois\nEND:VCARD\n", 2, "UTF-8");
}

Test(linkedin, export_with_preamble)
{
	kith_import_set s = read_fixture(kith_linkedin_read, "Connections.csv");
	kith_import_person *p = s.people.v;
	cr_assert_eq(s.people.n, 5);
	cr_assert_str_eq(p[0].name, "Dana Okoye");
	cr_assert_eq(p[0].line, 5);
	cr_assert_str_eq(p[0].org, "Globex, Inc.");
	cr_assert_str_eq(p[0].title, "Head of Platform");
	cr_assert_eq(p[0].met, kith_day_from_ymd(2025, 3, 14));
	cr_assert_eq(p[0].emails.n, 0);
	cr_assert_str_eq(p[0].links.v[0],
	                 "https://www.linkedin.com/in/dana-okoye");
	cr_assert_str_eq(p[1].emails.v[0], "alice@example.com");
	cr_assert_str_eq(p[2].name, "Björn Ström");
	cr_assert_str_eq(p[2].title, "Engineer, \"Platform\"");
	cr_assert_str_eq(p[3].title, "Staff Engineer\r\nReliability");
	cr_assert_eq(p[3].line, 8);
	cr_assert_null(p[4].name);
	cr_assert_eq(p[4].line, 10);
	kith_import_set_free(&s);
}

Test(linkedin, malformed)
{
	expect_error(kith_linkedin_read, "Name,Email\nAda,ada@x\n", 1,
	             "no header line");
	expect_error(kith_linkedin_read,
	             "First Name,Last Name,Connected On\nAda,L,yesterday\n", 2,
	             "not a date");
	expect_error(kith_linkedin_read,
	             "First Name,Last Name,Connected On\nAda,L\n", 2,
	             "2 fields");
	expect_error(kith_linkedin_read,
	             "First Name,Last Name,Connected On\nAda,\"L\"x,01 Jan "
	             "2024\n",
	             2, "");
	expect_error(kith_linkedin_read,
	             "First Name,Last Name,Connected On\nAda,L,01 Jan 2024\n"
	             "Bob,\"open,01 Jan 2024\n",
	             3, "not closed");
}

static kith_import_set read_ics(const char *text, size_t len, kith_day from,
                                kith_day to)
{
	static const char *me[] = {NULL};
	kith_ics_opts o = {from, to, "Europe/Berlin", me, "Sam Rivera", 500};
	kith_import_set s;
	kith_import_set_init(&s);
	kith_ics_read(text, len, &o, &s);
	return s;
}

static const kith_import_event *find_uid(const kith_import_set *s,
                                         const char *uid)
{
	for (uint32_t i = 0; i < s->events.n; i++)
		if (!strcmp(s->events.v[i].uid, uid))
			return &s->events.v[i];
	cr_assert_fail("no event %s", uid);
	return NULL;
}

Test(ics, zones_recurrence_all_day_declined)
{
	size_t len;
	char *text = fixture("calendar.ics", &len);
	kith_import_set s = read_ics(text, len, kith_day_from_ymd(2026, 1, 1),
	                             kith_day_from_ymd(2026, 12, 31));
	const kith_import_event *e;
	cr_assert_null(s.err, "%u: %s", s.err_line, s.err);
	cr_assert_eq(s.events.n, 9);
	/* 19:00 in New York is midnight in Berlin, the next day */
	e = find_uid(&s, "7kukuqrfedlm2f9t0vp4b5a7s8@google.com");
	cr_assert_eq(e->day, kith_day_from_ymd(2026, 3, 11));
	cr_assert_eq(e->minute, 0);
	cr_assert_eq(e->emails.n, 1, "the user is not a participant");
	cr_assert_str_eq(e->emails.v[0], "alice@example.com");
	cr_assert_str_eq(e->summary,
	                 "Platform roadmap, Q2 #planning with @alice");
	/* weekly: 2, 9, (16 excluded), (23 moved to 25), 30 March */
	e = find_uid(&s, "weekly-1on1-bob@example.com/20260302T140000Z");
	cr_assert_eq(e->minute, 15 * 60);
	e = find_uid(&s, "weekly-1on1-bob@example.com/20260309T130000Z");
	cr_assert_eq(e->minute, 14 * 60, "US summer time starts first");
	e = find_uid(&s, "weekly-1on1-bob@example.com/20260330T130000Z");
	cr_assert_eq(e->minute, 15 * 60);
	e = find_uid(&s, "weekly-1on1-bob@example.com/20260323T130000Z");
	cr_assert_eq(e->day, kith_day_from_ymd(2026, 3, 25), "moved");
	cr_assert_str_eq(e->emails.v[0], "bob.marsh@example.com");
	e = find_uid(&s, "offsite-2026@example.com");
	cr_assert_eq(e->day, kith_day_from_ymd(2026, 4, 15));
	cr_assert_eq(e->minute, -1);
	cr_assert_eq(e->emails.n, 2);
	cr_assert_str_eq(find_uid(&s, "declined-demo@example.com")->skip,
	                 "declined");
	cr_assert_str_eq(find_uid(&s, "cancelled-lunch@example.com")->skip,
	                 "cancelled");
	cr_assert_eq(find_uid(&s, "dentist@example.com")->emails.n, 0);
	kith_import_set_free(&s);
	free(text);
}

Test(ics, window_bounds_recurrence)
{
	const char *cal =
	    "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:daily\n"
	    "DTSTART:20000101T100000Z\nRRULE:FREQ=DAILY\nSUMMARY:Standup\n"
	    "END:VEVENT\nEND:VCALENDAR\n";
	kith_import_set s =
	    read_ics(cal, strlen(cal), kith_day_from_ymd(2026, 3, 1),
	             kith_day_from_ymd(2026, 3, 31));
	cr_assert_null(s.err);
	cr_assert_eq(s.events.n, 31, "only the window, never unbounded");
	kith_import_set_free(&s);
}

Test(ics, malformed)
{
	const char *a = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nthis is not "
	                "a line\nEND:VEVENT\nEND:VCALENDAR\n";
	const char *b = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nSUMMARY:s\n"
	                "END:VEVENT\n";
	const char *c = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:s\n"
	                "DTSTART:20260101T100000Z\nEND:VEVENT\nEND:VCALENDAR\n";
	kith_import_set s = read_ics(a, strlen(a), 0, 1000000);
	cr_assert_eq(s.err_line, 4, "%s", s.err);
	kith_import_set_free(&s);
	s = read_ics(b, strlen(b), 0, 1000000);
	cr_assert(s.err && strstr(s.err, "missing"));
	kith_import_set_free(&s);
	s = read_ics(c, strlen(c), 0, 1000000);
	cr_assert_eq(s.err_line, 2);
	cr_assert(s.err && strstr(s.err, "UID"), "%s", s.err);
	kith_import_set_free(&s);
}
