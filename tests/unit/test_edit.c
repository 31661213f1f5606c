/* The edits behind kith done and kith add: days as users say them, entry
 * text, date-order placement and the changes done computes. */
#include <criterion/criterion.h>
#include <string.h>

#include "edit/edit.h"
#include "lib/lib.h"

static kith_day D(const char *s)
{
	kith_day d;
	cr_assert_eq(kith_date_parse(s, strlen(s), &d), 0);
	return d;
}

static const char root[] = "kith: 1\ninclude: [journal.md]\n"
                           "contacts:\n  ravi: {name: Ravi}\n"
                           "  mia: {name: Mia}\n"
                           "goals:\n  grow:\n    title: Grow\n"
                           "    actions:\n      - do: Ask @mia\n"
                           "        due: 2026-09-20\n";
static const char md[] = "# September\n\n"
                         "## 2026-09-05 Coffee with @ravi #coffee\n\n"
                         "- [ ] Send @ravi the deck due:2026-09-08\n\n"
                         "## 2026-09-10 Call with @mia #call\n";

static kith_journal *load(void)
{
	const char *names[] = {"/j/kith.yaml", "/j/journal.md"};
	const char *texts[] = {root, md};
	kith_source src = {.names = names, .texts = texts, .nfiles = 2};
	kith_open_error err;
	src.as_of = D("2026-09-12");
	kith_journal *j = kith_lib_load(&src, &err);
	cr_assert_not_null(j);
	cr_assert_eq(j->diags.errors, 0);
	return j;
}

Test(edit, days_as_users_say_them)
{
	kith_day today = D("2026-11-20"), d; /* a Friday */
	cr_assert_eq(kith_edit_parse_day("today", today, &d), 0);
	cr_assert_eq(d, today);
	cr_assert_eq(kith_edit_parse_day("yesterday", today, &d), 0);
	cr_assert_eq(d, today - 1);
	cr_assert_eq(kith_edit_parse_day("-10d", today, &d), 0);
	cr_assert_eq(d, today - 10);
	cr_assert_eq(kith_edit_parse_day("fri", today, &d), 0);
	cr_assert_eq(d, today, "a weekday is the last one on or before today");
	cr_assert_eq(kith_edit_parse_day("Monday", today, &d), 0);
	cr_assert_eq(d, D("2026-11-16"));
	cr_assert_eq(kith_edit_parse_day("sat", today, &d), 0);
	cr_assert_eq(d, D("2026-11-14"));
	cr_assert_eq(kith_edit_parse_day("2026-02-28", today, &d), 0);
	cr_assert_eq(d, D("2026-02-28"));
	cr_assert_neq(kith_edit_parse_day("tomorrow", today, &d), 0);
	cr_assert_neq(kith_edit_parse_day("-d", today, &d), 0);
	cr_assert_neq(kith_edit_parse_day("mo", today, &d), 0);
	cr_assert_neq(kith_edit_parse_day("2026-02-30", today, &d), 0);
}

Test(edit, entry_text_kind_whole_word_and_participants)
{
	kith_journal *j = load();
	kith_arena *a = kith_arena_new();
	const char *notes[] = {"One.", "Two."};
	const char *todos[] = {"Send it due:+1w"};
	kith_add_spec s = {D("2026-09-11"),
	                   9 * 60 + 5,
	                   "Met @ravi at #coffeehouse",
	                   "coffee",
	                   "ravi,mia",
	                   "grow",
	                   notes,
	                   2,
	                   todos,
	                   1};
	kith_buf e = {0};
	const char *err = NULL;
	cr_assert_eq(kith_add_entry(j, &s, a, &e, &err), 0);
	cr_assert_str_eq(
	    kith_buf_cstr(&e),
	    "## 2026-09-11 09:05 Met @ravi at #coffeehouse #coffee\n"
	    "with: [mia]\ngoals: [grow]\n\nOne.\n\nTwo.\n\n"
	    "- [ ] Send it due:+1w\n");
	kith_buf_free(&e);
	kith_add_spec t = {D("2026-09-11"),
	                   -1,
	                   "#call then",
	                   "coffee",
	                   NULL,
	                   NULL,
	                   NULL,
	                   0,
	                   NULL,
	                   0};
	cr_assert_eq(kith_add_entry(j, &t, a, &e, &err), 0);
	cr_assert_str_eq(kith_buf_cstr(&e),
	                 "## 2026-09-11 #call then #coffee\nkind: coffee\n");
	kith_buf_free(&e);
	t.with = "rav";
	cr_assert_eq(kith_add_entry(j, &t, a, &e, &err), -1);
	cr_assert_str_eq(err, "no contact '@rav'; did you mean '@ravi'?");
	kith_buf_free(&e);
	kith_arena_free(a);
	kith_journal_free(j);
}

Test(edit, insert_in_date_order)
{
	kith_journal *j = load();
	kith_edit e;
	kith_edit_init(&e);
	uint32_t line = 0;
	kith_edit_insert_entry(j, &e, "/j/journal.md", D("2026-09-07"), -1,
	                       "## 2026-09-07 Between\n", &line);
	cr_assert_eq(line, 7);
	kith_edit_files f;
	cr_assert_eq(kith_edit_apply(j, &e, &f), 0);
	cr_assert_eq(f.n, 1);
	cr_assert_str_eq(kith_buf_cstr(&f.v[0].text),
	                 "# September\n\n"
	                 "## 2026-09-05 Coffee with @ravi #coffee\n\n"
	                 "- [ ] Send @ravi the deck due:2026-09-08\n\n"
	                 "## 2026-09-07 Between\n\n"
	                 "## 2026-09-10 Call with @mia #call\n");
	kith_edit_files_free(&f);
	kith_edit_free(&e);
	kith_journal_free(j);
}

Test(edit, done_ticks_a_task_and_sets_an_action)
{
	kith_journal *j = load();
	kith_opts o = {0};
	o.as_of = D("2026-09-12");
	kith_edit e;
	kith_edit_init(&e);
	cr_assert_eq(kith_done(j, &o, "deck", D("2026-09-08"), &e),
	             KITH_EDIT_OK);
	cr_assert_eq(e.v.n, 1);
	cr_assert_eq(e.v.v[0].line, 5);
	cr_assert_str_eq(e.v.v[0].after,
	                 "- [x] Send @ravi the deck due:2026-09-08 "
	                 "done:2026-09-08\n");
	kith_edit_free(&e);
	kith_edit_init(&e);
	cr_assert_eq(kith_done(j, &o, "Ask @mia", D("2026-09-11"), &e),
	             KITH_EDIT_OK);
	cr_assert_eq(e.v.n, 1);
	cr_assert_eq(e.v.v[0].del, 0);
	cr_assert_str_eq(e.v.v[0].after, "        done: 2026-09-11\n");
	kith_edit_free(&e);
	kith_edit_init(&e);
	cr_assert_eq(kith_done(j, &o, "nothing", D("2026-09-11"), &e),
	             KITH_EDIT_NO_MATCH);
	cr_assert_eq(e.v.n, 0);
	kith_edit_free(&e);
	kith_journal_free(j);
}
