/* The import plan against an in-memory journal: handles, matching, the
 * text of new contacts and entries, --update, and the uid metadata key
 * the loader keeps. */
#include <criterion/criterion.h>
#include <string.h>

#include "import/plan.h"
#include "lib/lib.h"

static const char *const names[] = {"kith.yaml", "contacts.yaml",
                                    "journal/2026-03.md"};
static const char *const texts[] = {
    "kith: 1\nowner: Sam Rivera\ninclude: [contacts.yaml, "
    "\"journal/*.md\"]\n",
    "# people\ncontacts:\n  alice:\n    name: Alice Chen\n    email: "
    "Alice@Example.com # work\n  alice-w:\n    name: Alice Wong\n  sam:\n"
    "    name: Sam Lee\n  sam-l:\n    name: Sam Lee\n\n# end\n",
    "# 2026-03\n\n## 2026-03-10 Coffee with @alice #coffee\nuid: "
    "\"known-uid\"\n\nNotes.\n"};

static kith_journal *load(void)
{
	kith_source src = {.names = names, .texts = texts, .nfiles = 3};
	kith_open_error oe;
	src.as_of = kith_day_from_ymd(2026, 11, 22);
	kith_journal *j = kith_lib_load(&src, &oe);
	cr_assert_not_null(j);
	cr_assert_eq(j->diags.errors, 0);
	return j;
}

static kith_import_person *person(kith_import_set *s, const char *name,
                                  const char *email)
{
	kith_import_person *p = kith_vec_push(&s->people);
	p->line = s->people.n;
	p->source = "test.vcf";
	p->met = KITH_NO_DAY;
	p->name = name ? kith_arena_strdup(s->arena, name) : NULL;
	if (email)
		kith_import_push(s, &p->emails, email, strlen(email));
	return p;
}

Test(import_plan, uid_metadata_is_loaded)
{
	kith_journal *j = load();
	cr_assert_eq(j->interactions.n, 1);
	cr_assert(
	    kith_str_eqc(kith_ix_uid(&j->interactions.v[0])->s, "known-uid"));
	kith_journal_free(j);
}

Test(import_plan, handles_never_clash)
{
	kith_journal *j = load();
	kith_map taken = {0};
	kith_arena *a = kith_arena_new();
	cr_assert_str_eq(kith_import_handle(a, j, &taken, "Zoë Müller", NULL),
	                 "zoe");
	cr_assert_str_eq(kith_import_handle(a, j, &taken, "Alice Walker", NULL),
	                 "alice-2", "alice and alice-w are taken");
	cr_assert_str_eq(kith_import_handle(a, j, &taken, "Alice Xu", NULL),
	                 "alice-x");
	kith_map_put(&taken, kith_str_c("zoe"), 0, NULL);
	cr_assert_str_eq(kith_import_handle(a, j, &taken, "Zoe Mars", NULL),
	                 "zoe-m");
	cr_assert_str_eq(
	    kith_import_handle(a, j, &taken, "李小龍", "bruce.lee@x.cn"),
	    "brucelee");
	cr_assert_str_eq(kith_import_handle(a, j, &taken, "李小龍", NULL),
	                 "contact");
	char *h = kith_import_handle(
	    a, j, &taken,
	    "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaa",
	    NULL);
	cr_assert(kith_handle_valid(kith_str_c(h)), "%s", h);
	kith_map_free(&taken);
	kith_arena_free(a);
	kith_journal_free(j);
}

Test(import_plan, match_by_email_then_name)
{
	kith_journal *j = load();
	kith_import_set s;
	kith_import_plan p = {0};
	kith_edit e;
	kith_import_set_init(&s);
	kith_edit_init(&e);
	person(&s, "A. Chen", "alice@example.COM")->org =
	    kith_arena_strdup(s.arena, "Acme");
	person(&s, "Alice Wong", NULL);
	person(&s, "Sam Lee", NULL);
	person(&s, "Nina Park", "nina@example.com");
	person(&s, "Nina P.", "NINA@example.com");
	kith_import_contacts(j, &s, 0, &p, &e);
	cr_assert_eq(p.rows.n, 5);
	cr_assert_eq(p.rows.v[0].action, KITH_IMPORT_SKIPPED);
	cr_assert_str_eq(p.rows.v[0].why, "already @alice (matched by email); "
	                                  "--update would fill org");
	cr_assert_str_eq(p.rows.v[1].why, "already @alice-w (matched by name)");
	cr_assert(strstr(p.rows.v[2].why, "several contacts"));
	cr_assert_eq(p.rows.v[3].action, KITH_IMPORT_ADDED);
	cr_assert_str_eq(p.rows.v[3].handle, "nina");
	cr_assert_str_eq(p.rows.v[4].why, "same email as line 4 (@nina)");
	cr_assert_eq(e.v.n, 1);
	cr_assert_eq(e.v.v[0].line, 12, "after the last contact's block");
	cr_assert_str_eq(e.v.v[0].after,
	                 "  nina:\n    name: Nina Park\n    email: "
	                 "nina@example.com\n");
	kith_import_plan_free(&p);
	kith_edit_free(&e);
	kith_import_set_free(&s);
	kith_journal_free(j);
}

Test(import_plan, update_fills_only_empty_fields)
{
	kith_journal *j = load();
	kith_import_set s;
	kith_import_plan p = {0};
	kith_edit e;
	kith_import_set_init(&s);
	kith_edit_init(&e);
	kith_import_person *a = person(&s, "Alice Chen", "alice@example.com");
	a->org = kith_arena_strdup(s.arena, "Acme: \"Robotics\"");
	a->bday_month = 2;
	a->bday_day = 29;
	kith_import_push(&s, &a->phones, "555", 3);
	kith_import_push(&s, &a->links, "www.example.com/alice", 21);
	kith_import_push(&s, &a->links, "javascript:alert(1)", 19);
	kith_import_contacts(j, &s, 1, &p, &e);
	cr_assert_eq(p.count[KITH_IMPORT_UPDATED], 1);
	cr_assert_eq(e.v.n, 1);
	cr_assert_eq(e.v.v[0].line, 6, "at the end of alice's block");
	cr_assert_str_eq(e.v.v[0].after,
	                 "    org: \"Acme: \\\"Robotics\\\"\"\n"
	                 "    phone: \"555\"\n"
	                 "    links: [https://www.example.com/alice]\n"
	                 "    birthday: 02-29\n");
	kith_import_plan_free(&p);
	kith_edit_free(&e);
	kith_import_set_free(&s);
	kith_journal_free(j);
}

Test(import_plan, yaml_escapes_what_yaml_forbids)
{
	kith_journal *j = load();
	kith_import_set s;
	kith_import_plan p = {0};
	kith_edit e;
	kith_import_set_init(&s);
	kith_edit_init(&e);
	kith_import_person *x = person(&s, "Odd \xc2\x8e Name", NULL);
	x->note = kith_arena_strdup(s.arena, " starts with a space\nand\ttab");
	kith_import_contacts(j, &s, 0, &p, &e);
	cr_assert_str_eq(e.v.v[0].after,
	                 "  odd:\n    name: \"Odd \\u008E Name\"\n    notes: "
	                 "\" starts with a space\\nand\\ttab\"\n");
	kith_import_plan_free(&p);
	kith_edit_free(&e);
	kith_import_set_free(&s);
	kith_journal_free(j);
}

/* NEL, LS and PS are line breaks to YAML: plain they end the scalar,
 * quoted they fold to a space. They are escaped, and what was written
 * loads back byte for byte. */
Test(import_plan, yaml_escapes_unicode_line_breaks)
{
	kith_journal *j = load(), *j2;
	kith_import_set s;
	kith_import_plan p = {0};
	kith_edit e;
	kith_edit_files fs = {0};
	const char *name = "Ann\xc2\x85Lee \xe2\x80\xa8Ng",
	           *note = "one\xc2\x85two\xe2\x80\xa9three";
	kith_import_set_init(&s);
	kith_edit_init(&e);
	kith_import_person *x = person(&s, name, NULL);
	x->note = kith_arena_strdup(s.arena, note);
	kith_import_contacts(j, &s, 0, &p, &e);
	cr_assert_str_eq(e.v.v[0].after,
	                 "  annlee:\n    name: \"Ann\\u0085Lee \\u2028Ng\"\n"
	                 "    notes: \"one\\u0085two\\u2029three\"\n");
	cr_assert_eq(kith_edit_apply(j, &e, &fs), 0);
	const char *t[3] = {texts[0], texts[1], texts[2]};
	for (uint32_t i = 0; i < fs.n; i++)
		if (!strcmp(fs.v[i].path, "contacts.yaml"))
			t[1] = kith_buf_cstr(&fs.v[i].text);
	cr_assert_neq(t[1], texts[1]);
	kith_source src = {.names = names, .texts = t, .nfiles = 3};
	kith_open_error oe;
	src.as_of = kith_day_from_ymd(2026, 11, 22);
	j2 = kith_lib_load(&src, &oe);
	cr_assert_not_null(j2);
	cr_assert_eq(j2->diags.errors, 0);
	const kith_contact *c = &j2->contacts.v[j2->contacts.n - 1];
	cr_assert(kith_str_eqc(c->name.s, name));
	cr_assert(kith_str_eqc(c->notes.s, note));
	kith_journal_free(j2);
	kith_edit_files_free(&fs);
	kith_import_plan_free(&p);
	kith_edit_free(&e);
	kith_import_set_free(&s);
	kith_journal_free(j);
}

Test(import_plan, events_in_date_order_with_uid)
{
	kith_journal *j = load();
	kith_import_set s;
	kith_import_plan p = {0};
	kith_edit e;
	kith_import_set_init(&s);
	kith_edit_init(&e);
	const char *uids[] = {"b", "a", "known-uid", "c"};
	int days[] = {12, 2, 3, 4};
	for (int i = 0; i < 4; i++) {
		kith_import_event *ev = kith_vec_push(&s.events);
		ev->source = "cal.ics";
		ev->line = (uint32_t)i + 1;
		ev->uid = kith_arena_strdup(s.arena, uids[i]);
		ev->summary = kith_arena_strdup(s.arena, "Sync #ops @bob");
		ev->day = kith_day_from_ymd(2026, 3, days[i]);
		ev->minute = i == 1 ? -1 : 9 * 60 + 30;
		if (i != 3)
			kith_import_push(&s, &ev->emails, "alice@example.com",
			                 17);
	}
	kith_import_events(j, &s, "meeting", &p, &e);
	cr_assert_eq(p.count[KITH_IMPORT_ADDED], 2);
	cr_assert_str_eq(p.rows.v[1].why, "already in the journal (same uid)");
	cr_assert_str_eq(p.rows.v[2].why, "no contact among the attendees");
	/* an in-memory journal has no folder, so the month file is a new
	 * one: both entries in one change, in date order (golden cases
	 * cover inserting among existing entries) */
	cr_assert_eq(e.v.n, 1);
	cr_assert(e.v.v[0].new_file);
	cr_assert_str_eq(e.v.v[0].after,
	                 "# 2026-03\n\n"
	                 "## 2026-03-02 Sync `#ops` `@bob`\n"
	                 "kind: meeting\nwith: [alice]\nuid: \"a\"\n\n"
	                 "## 2026-03-12 09:30 Sync `#ops` `@bob`\n"
	                 "kind: meeting\nwith: [alice]\nuid: \"b\"\n");
	kith_import_plan_free(&p);
	kith_edit_free(&e);
	kith_import_set_free(&s);
	kith_journal_free(j);
}
