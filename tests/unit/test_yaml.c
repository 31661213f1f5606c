/* Unit tests for the YAML loader: the bounded node tree (limits, aliases,
 * tags, duplicate keys, byte positions) and model building per section. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "load/load.h"
#include "load/yaml_internal.h"

static kith_journal *J;
static kith_refs INC;
static kith_ynode *ROOT;

static void teardown(void)
{
	kith_vec_free(&INC);
	kith_journal_free(J);
	J = NULL;
}

static uint32_t add(const char *text, size_t len)
{
	char *copy = malloc(len + 1);
	memcpy(copy, text, len);
	copy[len] = 0;
	if (!J)
		J = kith_journal_new();
	return kith_journal_add_file(J, "t.yaml", "t.yaml", copy, len,
	                             KITH_FILE_YAML);
}

static void load_n(const char *text, size_t len, int is_root)
{
	uint32_t f = add(text, len);
	ROOT = kith_yaml_parse(J, f, J->files.v[f].text, J->files.v[f].len, 0);
	kith_model_from_yaml(J, f, ROOT, is_root, &INC);
}

static void load(const char *text)
{
	load_n(text, strlen(text), 1);
}

static int count(kith_code code)
{
	int n = 0;
	for (uint32_t i = 0; i < J->diags.list.n; i++)
		n += J->diags.list.v[i].code == code;
	return n;
}

static const kith_diag *find(kith_code code, uint32_t line, uint32_t col)
{
	for (uint32_t i = 0; i < J->diags.list.n; i++) {
		const kith_diag *g = &J->diags.list.v[i];
		if (g->code == code && g->pos.line == line && g->pos.col == col)
			return g;
	}
	return NULL;
}

static void dump(void)
{
	for (uint32_t i = 0; i < J->diags.list.n; i++) {
		const kith_diag *g = &J->diags.list.v[i];
		cr_log_info("%u:%u %s: %s [%s]", g->pos.line, g->pos.col,
		            kith_code_name(g->code), g->msg,
		            g->hint ? g->hint : "");
	}
}

#define HAS(code, line, col)                                                   \
	do {                                                                   \
		if (!find(KITH_D_##code, line, col))                           \
			dump();                                                \
		cr_assert(find(KITH_D_##code, line, col),                      \
		          "expected " #code " at %d:%d", line, col);           \
	} while (0)

#define CLEAN()                                                                \
	do {                                                                   \
		if (J->diags.list.n)                                           \
			dump();                                                \
		cr_assert_eq(J->diags.list.n, 0, "expected no diagnostics");   \
	} while (0)

static kith_day day(const char *s)
{
	kith_day d = KITH_NO_DAY;
	cr_assert_eq(kith_date_parse(s, strlen(s), &d), 0);
	return d;
}

static int str_is(kith_str s, const char *c)
{
	return kith_str_eqc(s, c);
}

TestSuite(yaml, .fini = teardown);

/* ---- settings ---- */

Test(yaml, settings)
{
	load("kith: 1\n"
	     "owner: Sam Rivera\n"
	     "kinds:\n"
	     "  coffee: {}\n"
	     "  note: {touch: false}\n"
	     "  call:\n"
	     "roles:\n"
	     "  mentor: {cadence: 4w..6w}\n"
	     "  peer: {}\n"
	     "follow-up-rules:\n"
	     "  - after: [coffee, call]\n"
	     "    expect: thank-you\n"
	     "    within: 2d\n"
	     "  - {after: call, expect: note, within: 1w}\n"
	     "include: [contacts.yaml, 'journal/*.md']\n");
	CLEAN();
	cr_assert_eq(J->version, 1);
	cr_assert(str_is(J->owner.s, "Sam Rivera"));
	cr_assert_eq(J->owner.pos.line, 2);
	cr_assert_eq(J->owner.pos.col, 8);
	cr_assert_eq(J->owner.len, 10);
	cr_assert(J->kinds_declared && J->roles_declared && J->rules_declared);
	cr_assert_eq(J->kinds.n, 3);
	cr_assert(str_is(J->kinds.v[1].name, "note"));
	cr_assert_eq(J->kinds.v[0].touch, 1);
	cr_assert_eq(J->kinds.v[1].touch, 0);
	cr_assert_eq(J->kinds.v[2].touch, 1);
	cr_assert_eq(J->kinds.v[1].pos.line, 5);
	cr_assert_eq(J->kinds.v[1].pos.col, 3);
	cr_assert_eq(J->roles.n, 2);
	cr_assert(J->roles.v[0].has_cadence);
	cr_assert_eq(J->roles.v[0].cadence.ideal.n, 4);
	cr_assert_eq(J->roles.v[0].cadence.max.n, 6);
	cr_assert_eq(J->roles.v[0].cadence.max.unit, KITH_UNIT_WEEK);
	cr_assert_not(J->roles.v[1].has_cadence);
	cr_assert_eq(J->rules.n, 2);
	cr_assert_eq(J->rules.v[0].after.n, 2);
	cr_assert(str_is(J->rules.v[0].after.v[1].s, "call"));
	cr_assert(str_is(J->rules.v[0].expect.s, "thank-you"));
	cr_assert_eq(J->rules.v[0].within.n, 2);
	cr_assert_eq(J->rules.v[0].within.unit, KITH_UNIT_DAY);
	cr_assert_eq(J->rules.v[1].after.n, 1);
	cr_assert_eq(J->rules.v[1].within.unit, KITH_UNIT_WEEK);
	cr_assert_eq(INC.n, 2);
	cr_assert(str_is(INC.v[1].s, "journal/*.md"));
	cr_assert_eq(INC.v[1].pos.line, 15);
	cr_assert_eq(INC.v[1].pos.col, 26);
}

Test(yaml, include_single_string)
{
	load("kith: 1\ninclude: people.yaml\n");
	CLEAN();
	cr_assert_eq(INC.n, 1);
	cr_assert(str_is(INC.v[0].s, "people.yaml"));
	cr_assert_eq(INC.v[0].pos.col, 10);
}

Test(yaml, version_errors)
{
	load("kith: 2\n");
	HAS(BAD_VERSION, 1, 7);
	cr_assert_eq(J->version, 0);
	cr_assert_eq(J->diags.list.n, 1);
	teardown();
	/* a missing version is left to the journal loader */
	load("owner: me\n");
	CLEAN();
	cr_assert_eq(J->version, 0);
}

Test(yaml, settings_not_root)
{
	const char *text = "kinds: {coffee: {}}\nkith: 1\ncontacts: {}\n";
	load_n(text, strlen(text), 0);
	HAS(SETTINGS_NOT_ROOT, 1, 1);
	HAS(SETTINGS_NOT_ROOT, 2, 1);
	cr_assert_eq(J->diags.list.n, 2);
	cr_assert_eq(J->kinds.n, 0);
	cr_assert_not(J->kinds_declared);
}

Test(yaml, rule_errors)
{
	load("kith: 1\n"
	     "follow-up-rules:\n"
	     "  - after: coffee\n"
	     "    within: soon\n"
	     "  - 3\n");
	HAS(MISSING_KEY, 3, 5);
	HAS(BAD_DURATION, 4, 13);
	HAS(WRONG_TYPE, 5, 5);
	cr_assert_eq(J->diags.list.n, 3);
}

Test(yaml, kind_touch_must_be_bool)
{
	load("kith: 1\nkinds:\n  note: {touch: no}\n  bad name: {}\n");
	HAS(BAD_ENUM, 3, 17);
	HAS(BAD_HANDLE, 4, 3);
	cr_assert_eq(J->diags.list.n, 2);
}

/* ---- contacts ---- */

Test(yaml, contact_fields)
{
	load("kith: 1\n"
	     "contacts:\n"
	     "  alice:\n"
	     "    name: Alice Chen\n"
	     "    org: Acme Robotics\n"
	     "    title: VP Engineering\n"
	     "    roles: [mentor]\n"
	     "    tags: [robotics, platform]\n"
	     "    met: 2025-03-14\n"
	     "    via: '@bob'\n"
	     "    cadence: 3w..5w\n"
	     "    email: alice@example.com\n"
	     "    phone: \"+1 555 0100\"\n"
	     "    links: [https://example.com/alice, mailto:a@example.com]\n"
	     "    birthday: 04-27\n"
	     "    notes: |\n"
	     "      Markdown. Prefers mornings.\n"
	     "    x-crm-id: 42\n"
	     "  bob:\n"
	     "    name: Bob\n"
	     "    roles: key\n"
	     "    birthday: 1990-02-28\n"
	     "  cy: {name: Cy, birthday: 02-29}\n");
	CLEAN();
	cr_assert_eq(J->contacts.n, 3);
	const kith_contact *c = &J->contacts.v[0];
	cr_assert(str_is(c->handle, "alice"));
	cr_assert_eq(c->pos.line, 3);
	cr_assert_eq(c->pos.col, 3);
	cr_assert_eq(c->file, 0);
	cr_assert(str_is(c->name.s, "Alice Chen"));
	cr_assert(str_is(c->org.s, "Acme Robotics"));
	cr_assert(str_is(c->title.s, "VP Engineering"));
	cr_assert_eq(c->roles.n, 1);
	cr_assert(str_is(c->roles.v[0].s, "mentor"));
	cr_assert_eq(c->tags.n, 2);
	cr_assert(str_is(c->tags.v[1].s, "platform"));
	cr_assert_eq(c->tags.v[1].pos.col, 22);
	cr_assert_eq(c->met.day, day("2025-03-14"));
	cr_assert_eq(c->met.pos.line, 9);
	cr_assert(str_is(c->via.s, "bob"));
	cr_assert_eq(c->via.pos.line, 10);
	cr_assert(c->has_cadence);
	cr_assert_eq(c->cadence.ideal.n, 3);
	cr_assert_eq(c->cadence.max.n, 5);
	cr_assert_eq(c->cadence_pos.line, 11);
	cr_assert(str_is(c->email.s, "alice@example.com"));
	cr_assert(str_is(c->phone.s, "+1 555 0100"));
	cr_assert_eq(c->phone.len, 13);
	cr_assert_eq(c->links.n, 2);
	cr_assert_eq(c->bday_month, 4);
	cr_assert_eq(c->bday_day, 27);
	cr_assert_eq(c->bday_year, 0);
	cr_assert(str_is(c->notes.s, "Markdown. Prefers mornings.\n"));
	cr_assert_eq(c->via_idx, KITH_NONE);
	c = &J->contacts.v[1];
	cr_assert_eq(c->roles.n, 1);
	cr_assert(str_is(c->roles.v[0].s, "key"));
	cr_assert_eq(c->bday_year, 1990);
	cr_assert_eq(c->met.day, KITH_NO_DAY);
	cr_assert_null(c->via.s.p);
	cr_assert_eq(J->contacts.v[2].bday_month, 2);
	cr_assert_eq(J->contacts.v[2].bday_day, 29);
}

Test(yaml, contact_errors)
{
	load("kith: 1\n"
	     "contacts:\n"
	     "  alice:\n"
	     "    org: Acme\n"
	     "  Bob Smith:\n"
	     "    name: Bob\n"
	     "    cadence: often\n"
	     "    birthday: 02-30\n"
	     "    met: 2026-02-29\n"
	     "    links: [example.com]\n"
	     "    via: '@Not Valid'\n"
	     "  cy:\n"
	     "    name:\n"
	     "    birthday: 13-01\n"
	     "    met: March\n"
	     "  dee: [a, b]\n");
	HAS(MISSING_KEY, 3, 3);
	HAS(BAD_HANDLE, 5, 3);
	HAS(BAD_CADENCE, 7, 14);
	HAS(BAD_DATE, 8, 15);
	HAS(BAD_DATE, 9, 10);
	HAS(BAD_URL, 10, 13);
	HAS(BAD_HANDLE, 11, 10);
	HAS(MISSING_KEY, 12, 3);
	HAS(BAD_DATE, 14, 15);
	HAS(BAD_DATE, 15, 10);
	HAS(WRONG_TYPE, 16, 8);
	cr_assert_eq(J->diags.list.n, 11);
	const kith_diag *g = find(KITH_D_BAD_DATE, 9, 10);
	cr_assert_str_eq(g->hint, "that day does not exist in the calendar");
	g = find(KITH_D_BAD_DATE, 15, 10);
	cr_assert(strstr(g->hint, "YYYY-MM-DD"));
	g = find(KITH_D_MISSING_KEY, 3, 3);
	cr_assert_str_eq(g->msg, "contact '@alice' is missing required key "
	                         "'name'");
	g = find(KITH_D_WRONG_TYPE, 16, 8);
	cr_assert_str_eq(g->msg,
	                 "contact '@dee' must be a mapping of contact fields");
}

Test(yaml, section_wrong_type)
{
	load("kith: 1\ncontacts: [alice, bob]\ninteractions: {a: 1}\n");
	HAS(WRONG_TYPE, 2, 11);
	HAS(WRONG_TYPE, 3, 15);
	cr_assert_str_eq(find(KITH_D_WRONG_TYPE, 2, 11)->msg,
	                 "'contacts' must be a mapping of handle to contact");
	cr_assert_eq(J->diags.list.n, 2);
}

Test(yaml, unknown_keys_suggest)
{
	load("kith: 1\n"
	     "contcts: {}\n"
	     "x-mine: {anything: [goes]}\n"
	     "contacts:\n"
	     "  al:\n"
	     "    name: Al\n"
	     "    emial: a@b.c\n"
	     "    zzzzzz: 1\n"
	     "    x-note: fine\n");
	HAS(UNKNOWN_KEY, 2, 1);
	HAS(UNKNOWN_KEY, 7, 5);
	HAS(UNKNOWN_KEY, 8, 5);
	cr_assert_eq(J->diags.list.n, 3);
	const kith_diag *g = find(KITH_D_UNKNOWN_KEY, 2, 1);
	cr_assert_str_eq(g->hint, "did you mean 'contacts'?");
	cr_assert(strstr(g->note, "include, contacts, goals"));
	g = find(KITH_D_UNKNOWN_KEY, 7, 5);
	cr_assert_str_eq(g->msg, "unknown key 'emial' in contact '@al'");
	cr_assert_str_eq(g->hint, "did you mean 'email'?");
	g = find(KITH_D_UNKNOWN_KEY, 8, 5);
	cr_assert(strstr(g->hint, "x-"));
	cr_assert(strstr(g->note, "name, org, title"));
}

/* ---- goals ---- */

Test(yaml, goal_fields)
{
	load("kith: 1\n"
	     "goals:\n"
	     "  grow:\n"
	     "    title: Build relationships\n"
	     "    horizon: long\n"
	     "    why: Staff role\n"
	     "    start: 2026-01-01\n"
	     "    end: 2026-12-31\n"
	     "    status: done\n"
	     "    metrics:\n"
	     "      new-people:\n"
	     "        measure: new-contacts\n"
	     "        where: tag:platform\n"
	     "        target: 4\n"
	     "        per: month\n"
	     "      thanks:\n"
	     "        measure: on-time-rate\n"
	     "        where: \"kind:thank-you or #x\"\n"
	     "        target: 90%\n"
	     "    checkpoints:\n"
	     "      - date: 2026-06-30\n"
	     "        expect: {new-people: 20, thanks: 80%}\n"
	     "        note: Mid-year\n"
	     "    actions:\n"
	     "      - do: Join the meetup\n"
	     "        due: 2026-02-01\n"
	     "        done: 2026-01-20\n"
	     "      - do: Ask for an intro\n");
	CLEAN();
	cr_assert_eq(J->goals.n, 1);
	const kith_goal *g = &J->goals.v[0];
	cr_assert(str_is(g->id, "grow"));
	cr_assert(str_is(g->title.s, "Build relationships"));
	cr_assert_eq(g->horizon, KITH_HORIZON_LONG);
	cr_assert(str_is(g->why.s, "Staff role"));
	cr_assert_eq(g->start.day, day("2026-01-01"));
	cr_assert_eq(g->end.day, day("2026-12-31"));
	cr_assert_eq(g->status, KITH_GOAL_DONE);
	cr_assert_eq(g->metrics.n, 2);
	const kith_metric *m = &g->metrics.v[0];
	cr_assert(str_is(m->id, "new-people"));
	cr_assert_eq(m->measure, KITH_MEASURE_NEW_CONTACTS);
	cr_assert(str_is(m->where.s, "tag:platform"));
	cr_assert_eq(m->where.pos.line, 13);
	cr_assert_eq(m->where.pos.col, 16);
	cr_assert_eq(m->target, 4);
	cr_assert_not(m->target_pct);
	cr_assert_eq(m->per, KITH_PER_MONTH);
	m = &g->metrics.v[1];
	cr_assert_eq(m->measure, KITH_MEASURE_ON_TIME_RATE);
	/* inside the quotes: the first byte of the query text */
	cr_assert_eq(m->where.pos.col, 17);
	cr_assert_eq(m->target, 90);
	cr_assert(m->target_pct);
	cr_assert_eq(m->per, KITH_PER_GOAL);
	cr_assert_null(m->q);
	cr_assert_eq(g->checkpoints.n, 1);
	const kith_checkpoint *cp = &g->checkpoints.v[0];
	cr_assert_eq(cp->date.day, day("2026-06-30"));
	cr_assert_eq(cp->expect.n, 2);
	cr_assert(str_is(cp->expect.v[0].metric.s, "new-people"));
	cr_assert_eq(cp->expect.v[0].value, 20);
	cr_assert_eq(cp->expect.v[1].value, 80);
	cr_assert_eq(cp->expect.v[0].metric_idx, KITH_NONE);
	cr_assert(str_is(cp->note.s, "Mid-year"));
	cr_assert_eq(g->actions.n, 2);
	cr_assert(str_is(g->actions.v[0].text.s, "Join the meetup"));
	cr_assert_eq(g->actions.v[0].due.day, day("2026-02-01"));
	cr_assert_eq(g->actions.v[0].done.day, day("2026-01-20"));
	cr_assert_eq(g->actions.v[1].due.day, KITH_NO_DAY);
	cr_assert_eq(g->actions.v[1].done.day, KITH_NO_DAY);
	cr_assert_eq(g->actions.v[1].pos.line, 28);
}

Test(yaml, goal_errors)
{
	load("kith: 1\n"
	     "goals:\n"
	     "  g:\n"
	     "    horizon: medium\n"
	     "    status: actve\n"
	     "    metrics:\n"
	     "      a: {measure: interactions, target: 50%}\n"
	     "      b: {measure: on-time-rate, target: 9}\n"
	     "      c: {measure: contacs, target: 3, per: fortnight}\n"
	     "      d: {measure: events, target: 2.5}\n"
	     "      e: {where: x}\n"
	     "    checkpoints:\n"
	     "      - expect: {a: lots}\n"
	     "    actions:\n"
	     "      - due: 2026-01-01\n");
	HAS(MISSING_KEY, 3, 3);
	HAS(BAD_ENUM, 4, 14);
	HAS(BAD_ENUM, 5, 13);
	HAS(BAD_NUMBER, 7, 42);
	HAS(BAD_NUMBER, 8, 42);
	HAS(BAD_ENUM, 9, 20);
	HAS(BAD_ENUM, 9, 45);
	HAS(BAD_NUMBER, 10, 36);
	HAS(MISSING_KEY, 11, 7);
	HAS(MISSING_KEY, 13, 9);
	HAS(BAD_NUMBER, 13, 21);
	HAS(MISSING_KEY, 15, 9);
	cr_assert_eq(count(KITH_D_MISSING_KEY), 5); /* e: measure and target */
	cr_assert_eq(J->diags.list.n, 13);
	cr_assert_str_eq(find(KITH_D_BAD_ENUM, 5, 13)->hint,
	                 "did you mean 'active'?");
	cr_assert_str_eq(find(KITH_D_BAD_ENUM, 9, 20)->hint,
	                 "did you mean 'contacts'?");
	cr_assert(strstr(find(KITH_D_BAD_NUMBER, 8, 42)->hint, "percentage"));
	/* the undated checkpoint is left out */
	cr_assert_eq(J->goals.v[0].checkpoints.n, 0);
	cr_assert_eq(J->goals.v[0].actions.n, 1);
}

/* ---- events ---- */

Test(yaml, event_fields)
{
	load(
	    "kith: 1\n"
	    "events:\n"
	    "  kubecon-2026:\n"
	    "    title: KubeCon North America\n"
	    "    date: 2026-11-10\n"
	    "    end: 2026-11-13\n"
	    "    location: Atlanta\n"
	    "    url: https://example.com/kubecon\n"
	    "    status: registered\n"
	    "    goals: [grow-platform-network]\n"
	    "    tags: platform\n"
	    "  meetup: {title: Meetup, date: 2026-02-01}\n"
	    "  bad: {title: X, date: 2026-02-01, url: ftp://x, status: maybe}\n"
	    "  nodate: {title: Y}\n");
	HAS(BAD_URL, 13, 42);
	HAS(BAD_ENUM, 13, 59);
	HAS(MISSING_KEY, 14, 3);
	cr_assert_eq(J->diags.list.n, 3);
	cr_assert_eq(J->events.n, 4);
	const kith_event *e = &J->events.v[0];
	cr_assert(str_is(e->id, "kubecon-2026"));
	cr_assert(str_is(e->title.s, "KubeCon North America"));
	cr_assert_eq(e->date.day, day("2026-11-10"));
	cr_assert_eq(e->end.day, day("2026-11-13"));
	cr_assert(str_is(e->location.s, "Atlanta"));
	cr_assert(str_is(e->url.s, "https://example.com/kubecon"));
	cr_assert_eq(e->status, KITH_EVENT_REGISTERED);
	cr_assert_eq(e->goals.n, 1);
	cr_assert_eq(e->tags.n, 1);
	cr_assert_eq(J->events.v[1].status, KITH_EVENT_PLANNED);
	cr_assert_eq(J->events.v[1].end.day, KITH_NO_DAY);
	cr_assert_str_eq(kith_event_status_names[KITH_EVENT_ATTENDED],
	                 "attended");
	cr_assert_str_eq(kith_measure_names[KITH_MEASURE_IN_TOUCH_RATE],
	                 "in-touch-rate");
}

/* ---- interactions ---- */

Test(yaml, interaction_fields)
{
	load("kith: 1\n"
	     "interactions:\n"
	     "  - date: 2026-11-03\n"
	     "    time: \"09:30\"\n"
	     "    kind: coffee\n"
	     "    with: [alice, '@bob']\n"
	     "    title: Coffee at Blue Bottle\n"
	     "    goals: [grow]\n"
	     "    event: kubecon-2026\n"
	     "    tags: [platform]\n"
	     "    notes: |\n"
	     "      Markdown.\n"
	     "    follow-ups:\n"
	     "      - do: Send the RFC draft\n"
	     "        due: 2026-11-10\n"
	     "        done: 2026-11-09\n"
	     "      - do: Intro to Dana\n"
	     "        with: '@dana'\n"
	     "  - date: 2026-11-05\n"
	     "    with: alice\n"
	     "    follow-ups:\n"
	     "      - do: Call back\n");
	CLEAN();
	cr_assert_eq(J->interactions.n, 2);
	const kith_interaction *x = &J->interactions.v[0];
	cr_assert_eq(x->date, day("2026-11-03"));
	cr_assert_eq(x->minute, 9 * 60 + 30);
	cr_assert_eq(x->pos.line, 3);
	cr_assert_eq(x->pos.col, 5);
	cr_assert(str_is(kith_ix_kind(x).s, "coffee"));
	cr_assert_eq(kith_ix_with(x).n, 2);
	cr_assert(str_is(kith_ix_with(x).v[1].s, "bob"));
	cr_assert(str_is(x->title.s, "Coffee at Blue Bottle"));
	cr_assert(str_is(kith_ix_goals(x).v[0].s, "grow"));
	cr_assert(str_is(kith_ix_event(x)->s, "kubecon-2026"));
	cr_assert(str_is(kith_ix_tags(x).v[0].s, "platform"));
	cr_assert(str_is(x->notes.s, "Markdown.\n"));
	cr_assert_eq(x->fu_first, 0);
	cr_assert_eq(x->fu_count, 2);
	cr_assert_eq(x->kind_idx, KITH_NONE);
	cr_assert_eq(kith_ix_event_idx(x), KITH_NONE);
	cr_assert_eq(J->followups.n, 3);
	const kith_followup *f = &J->followups.v[0];
	cr_assert(str_is(f->text.s, "Send the RFC draft"));
	cr_assert_eq(f->due.day, day("2026-11-10"));
	cr_assert_eq(f->done.day, day("2026-11-09"));
	cr_assert(f->checked);
	cr_assert_eq(f->interaction, 0);
	f = &J->followups.v[1];
	cr_assert_not(f->checked);
	cr_assert_eq(f->done.day, KITH_NO_DAY);
	cr_assert_eq(f->who.n, 1);
	cr_assert(str_is(f->who.v[0].s, "dana"));
	x = &J->interactions.v[1];
	cr_assert_eq(x->minute, -1);
	cr_assert_null(kith_ix_kind(x).s.p);
	cr_assert_eq(kith_ix_with(x).n, 1);
	cr_assert_eq(x->fu_first, 2);
	cr_assert_eq(x->fu_count, 1);
	cr_assert_eq(J->followups.v[2].interaction, 1);
}

Test(yaml, interaction_errors)
{
	load("kith: 1\n"
	     "interactions:\n"
	     "  - kind: coffee\n"
	     "    follow-ups:\n"
	     "      - do: lost with its interaction\n"
	     "  - date: 2026-11-31\n"
	     "  - date: 2026-11-03\n"
	     "    time: 25:00\n"
	     "    with: [Alice]\n"
	     "    follow-ups:\n"
	     "      - due: 2026-11-04\n"
	     "        wen: later\n"
	     "  - just text\n");
	HAS(MISSING_KEY, 3, 5);
	HAS(BAD_DATE, 6, 11);
	HAS(BAD_TIME, 8, 11);
	HAS(BAD_HANDLE, 9, 12);
	HAS(MISSING_KEY, 11, 9);
	HAS(UNKNOWN_KEY, 12, 9);
	HAS(WRONG_TYPE, 13, 5);
	cr_assert_eq(J->diags.list.n, 7);
	/* only the dated interaction is kept, with its own follow-up */
	cr_assert_eq(J->interactions.n, 1);
	cr_assert_eq(J->followups.n, 1);
	cr_assert_eq(J->interactions.v[0].fu_first, 0);
	cr_assert_eq(J->followups.v[0].interaction, 0);
}

/* ---- assessments ---- */

Test(yaml, assessments)
{
	load("kith: 1\n"
	     "assessments:\n"
	     "  - date: 2026-01-05\n"
	     "    skills: {elevator-pitch: 2, follow-up: 3, listening: 5}\n"
	     "    note: Baseline\n"
	     "  - date: 2026-06-05\n"
	     "    skills: {pitch: 6, listening: 2.5, x: 0}\n");
	HAS(BAD_RATING, 7, 21);
	HAS(BAD_RATING, 7, 35);
	HAS(BAD_RATING, 7, 43);
	cr_assert_eq(J->diags.list.n, 3);
	cr_assert_eq(J->assessments.n, 2);
	const kith_assessment *a = &J->assessments.v[0];
	cr_assert_eq(a->date.day, day("2026-01-05"));
	cr_assert_eq(a->skills.n, 3);
	cr_assert(str_is(a->skills.v[0].skill, "elevator-pitch"));
	cr_assert_eq(a->skills.v[0].rating, 2);
	cr_assert_eq(a->skills.v[2].rating, 5);
	cr_assert(str_is(a->note.s, "Baseline"));
	cr_assert_eq(J->assessments.v[1].skills.n, 0);
	teardown();
	load("kith: 1\nassessments:\n  - date: someday\n    skills: {a: 1}\n");
	HAS(BAD_DATE, 3, 11);
	cr_assert_eq(J->assessments.n, 0);
}

/* ---- Markdown metadata blocks ---- */

Test(yaml, md_meta)
{
	const char *text = "kind: coffee\n"
	                   "with: [bob, '@cy']\n"
	                   "goals: grow\n"
	                   "event: kubecon\n"
	                   "tags: [a]\n"
	                   "time: \"18:05\"\n"
	                   "date: 2026-01-01\n";
	uint32_t f = add(text, strlen(text));
	kith_ynode *m = kith_yaml_parse(J, f, text, strlen(text), 10);
	cr_assert_not_null(m);
	kith_interaction ix;
	memset(&ix, 0, sizeof(ix));
	ix.minute = -1;
	kith_ix_lists ls;
	memset(&ls, 0, sizeof ls);
	kith_ref *r = kith_vec_push(&ls.l[KITH_IXR_WITH]);
	r->s = kith_str_c("alice");
	kith_model_md_meta(J, m, &ix, &ls);
	kith_ix_pack(J->arena, &ix, &ls);
	HAS(UNKNOWN_KEY, 17, 1);
	cr_assert_eq(J->diags.list.n, 1);
	cr_assert(str_is(kith_ix_kind(&ix).s, "coffee"));
	cr_assert_eq(kith_ix_kind(&ix).pos.line, 11);
	cr_assert_eq(kith_ix_kind(&ix).pos.col, 7);
	cr_assert_eq(kith_ix_with(&ix).n, 3);
	cr_assert(str_is(kith_ix_with(&ix).v[0].s, "alice"));
	cr_assert(str_is(kith_ix_with(&ix).v[2].s, "cy"));
	cr_assert_eq(kith_ix_goals(&ix).n, 1);
	cr_assert(str_is(kith_ix_event(&ix)->s, "kubecon"));
	cr_assert_eq(kith_ix_tags(&ix).n, 1);
	cr_assert_eq(ix.minute, 18 * 60 + 5);
	for (int l = 0; l < KITH_IXR__COUNT; l++)
		kith_vec_free(&ls.l[l]);
}

Test(yaml, md_meta_not_a_mapping)
{
	const char *text = "- a\n- b\n";
	uint32_t f = add(text, strlen(text));
	cr_assert_null(kith_yaml_parse(J, f, text, strlen(text), 4));
	HAS(WRONG_TYPE, 5, 1);
	cr_assert_str_eq(J->diags.list.v[0].msg,
	                 "the metadata block must be a mapping");
}

/* ---- the node tree: scalars, positions, limits, hostile input ---- */

Test(yaml, scalars_stay_strings)
{
	load("kith: 1\n"
	     "owner: no\n"
	     "x-a: [yes, 1.0, ~, null, 'no', \"\", ]\n"
	     "x-b:\n");
	CLEAN();
	cr_assert(str_is(J->owner.s, "no"));
	const kith_ynode *seq = ROOT->kids[5];
	cr_assert_eq(seq->type, KITH_YNODE_SEQ);
	cr_assert_eq(seq->nkids, 6);
	cr_assert(str_is(seq->kids[0]->s, "yes"));
	cr_assert(str_is(seq->kids[1]->s, "1.0"));
	cr_assert(str_is(seq->kids[2]->s, "~"));
	cr_assert(str_is(seq->kids[3]->s, "null"));
	cr_assert_eq(seq->kids[4]->quoted, KITH_YQ_SINGLE);
	cr_assert_eq(seq->kids[5]->quoted, KITH_YQ_DOUBLE);
	cr_assert_not(seq->kids[5]->plain_empty);
	cr_assert_eq(seq->kids[5]->len, 2);
	const kith_ynode *empty = ROOT->kids[7];
	cr_assert(empty->plain_empty);
	cr_assert_eq(empty->s.n, 0);
	cr_assert_not_null(empty->s.p);
	/* a null value points at its key, not at the next token */
	cr_assert_eq(empty->pos.line, 4);
	cr_assert_eq(empty->pos.col, 1);
}

Test(yaml, empty_file)
{
	load_n("", 0, 0);
	cr_assert_null(ROOT);
	CLEAN();
	teardown();
	load_n("# only a comment\n\n", 18, 0);
	cr_assert_null(ROOT);
	CLEAN();
	teardown();
	load_n("---\n", 4, 0);
	cr_assert_null(ROOT);
	CLEAN();
}

Test(yaml, root_not_a_mapping)
{
	load("- a\n- b\n");
	HAS(WRONG_TYPE, 1, 1);
	cr_assert_str_eq(find(KITH_D_WRONG_TYPE, 1, 1)->msg,
	                 "the file must be a mapping");
	teardown();
	load("just text\n");
	HAS(WRONG_TYPE, 1, 1);
}

Test(yaml, bom_and_crlf)
{
	const char *text = "\xEF\xBB\xBF"
	                   "kith: 1\r\n"
	                   "contacts:\r\n"
	                   "  al:\r\n"
	                   "    name: \"Al\"\r\n"
	                   "    met: 2026-02-30\r\n";
	load_n(text, strlen(text), 1);
	HAS(BAD_DATE, 5, 10);
	cr_assert_eq(J->diags.list.n, 1);
	cr_assert_eq(J->version, 1);
	cr_assert(str_is(J->contacts.v[0].name.s, "Al"));
	cr_assert_eq(J->contacts.v[0].name.pos.col, 11);
	cr_assert_eq(J->contacts.v[0].name.len, 4); /* quotes, no \r */
	cr_assert_eq(ROOT->kids[0]->pos.col, 1);    /* the BOM is no column */
}

Test(yaml, columns_count_bytes)
{
	/* "Zoë Ängel" holds two 2-byte characters before 'met' */
	load("kith: 1\n"
	     "contacts:\n"
	     "  bob: {name: Zoë Ängel, met: 2026-02-30}\n"
	     "  ça: {name: X}\n");
	HAS(BAD_DATE, 3, 33);
	HAS(BAD_HANDLE, 4, 3);
	cr_assert_eq(J->contacts.v[0].name.len, 11);
	cr_assert_eq(J->diags.list.n, 2);
}

Test(yaml, multiline_scalar_span)
{
	load("kith: 1\n"
	     "owner: Sam\n"
	     "  Rivera\n");
	CLEAN();
	cr_assert(str_is(J->owner.s, "Sam Rivera"));
	cr_assert_eq(J->owner.len, 3);
}

Test(yaml, duplicate_keys_depth3)
{
	load("kith: 1\n"
	     "contacts:\n"
	     "  al:\n"
	     "    name: Al\n"
	     "    org: A\n"
	     "    name: Other\n"
	     "  al:\n"
	     "    name: Again\n");
	HAS(DUPLICATE_KEY, 6, 5);
	HAS(DUPLICATE_KEY, 7, 3);
	cr_assert_eq(J->diags.list.n, 2);
	const kith_diag *g = find(KITH_D_DUPLICATE_KEY, 6, 5);
	cr_assert_str_eq(g->msg, "duplicate key 'name'");
	cr_assert(strstr(g->hint, "line 4"), "%s", g->hint);
	/* the first wins; the second is dropped */
	cr_assert_eq(J->contacts.n, 1);
	cr_assert(str_is(J->contacts.v[0].name.s, "Al"));
}

Test(yaml, duplicate_keys_big_map)
{
	kith_buf b = {0};
	kith_buf_puts(&b, "kith: 1\ncontacts:\n");
	for (int i = 0; i < 500; i++)
		kith_buf_printf(&b, "  c%d: {name: N}\n", i);
	kith_buf_puts(&b, "  c7: {name: again}\n");
	load_n(b.p, b.n, 1);
	kith_buf_free(&b);
	HAS(DUPLICATE_KEY, 503, 3);
	cr_assert(strstr(J->diags.list.v[0].hint, "line 10"));
	cr_assert_eq(J->diags.list.n, 1);
	cr_assert_eq(J->contacts.n, 500);
}

Test(yaml, tags_refused)
{
	load("kith: 1\nowner: !!str Sam\nx-a: !foo {}\n");
	HAS(YAML_TAG, 2, 8);
	HAS(YAML_TAG, 3, 6);
	cr_assert_eq(J->diags.list.n, 2);
}

Test(yaml, anchor_reported_and_parse_goes_on)
{
	/* The version after the anchor is still read (no missing-version
	 * follows) and later problems in the file are still reported. */
	load("owner: &me Sam\nkith: 1\nownr: x\n");
	HAS(YAML_ALIAS, 1, 8);
	HAS(UNKNOWN_KEY, 3, 1);
	cr_assert_not_null(ROOT);
	cr_assert_eq(J->version, 1);
	cr_assert(str_is(J->owner.s, "Sam"));
	cr_assert_eq(J->diags.list.n, 2);
}

Test(yaml, alias_is_an_empty_value_in_place)
{
	load("kith: 1\nx-list: &l [a]\nowner: *l\nx-m: {k: *l}\nbad: 1\n");
	HAS(YAML_ALIAS, 2, 9);
	HAS(YAML_ALIAS, 3, 8);
	HAS(YAML_ALIAS, 4, 10);
	HAS(UNKNOWN_KEY, 5, 1);
	cr_assert_eq(count(KITH_D_YAML_ALIAS), 3);
	cr_assert_eq(J->diags.list.n, 4);
	cr_assert_eq(J->version, 1);
	cr_assert_null(J->owner.s.p);
	const kith_ynode *v = ROOT->kids[5];
	cr_assert_eq(v->type, KITH_YNODE_SCALAR);
	cr_assert_eq(v->s.n, 0);
	cr_assert_eq(v->pos.line, 3);
	cr_assert_eq(v->pos.col, 8);
	cr_assert_eq(v->len, 2);
	teardown();
	/* An alias as a key drops its pair: no unknown-key or duplicate-key
	 * follows for a name that was never written. */
	load("kith: 1\n*a : x\n? *b\n: y\nowner: Sam\n");
	HAS(YAML_ALIAS, 2, 1);
	HAS(YAML_ALIAS, 3, 3);
	cr_assert_eq(J->diags.list.n, 2);
	cr_assert_eq(ROOT->nkids, 4);
	cr_assert(str_is(J->owner.s, "Sam"));
}

Test(yaml, billion_laughs)
{
	kith_buf b = {0};
	kith_buf_puts(&b, "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol]\n");
	for (int i = 1; i < 10; i++)
		kith_buf_printf(&b,
		                "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, "
		                "*a%d, *a%d, *a%d, *a%d]\n",
		                i, i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1,
		                i - 1, i - 1, i - 1);
	kith_buf_puts(&b, "a10: &a10 [*a9, *a9]\n");
	clock_t t0 = clock();
	load_n(b.p, b.n, 0);
	kith_buf_free(&b);
	/* Never expanded: each alias is one empty item. */
	cr_assert_not_null(ROOT);
	cr_assert_eq(ROOT->nkids, 22);
	cr_assert_eq(ROOT->kids[3]->nkids, 9);
	cr_assert_eq(ROOT->kids[3]->kids[0]->nkids, 0);
	/* 11 anchors and 83 aliases: 20 reported, one note counts the rest. */
	HAS(YAML_ALIAS, 1, 5);
	cr_assert_eq(count(KITH_D_YAML_ALIAS), 20);
	int notes = 0;
	for (uint32_t i = 0; i < J->diags.list.n; i++) {
		const char *n = J->diags.list.v[i].note;
		if (n && strstr(n, "and 74 more anchors or aliases"))
			notes++;
	}
	cr_assert_eq(notes, 1);
	cr_assert_lt((double)(clock() - t0) / CLOCKS_PER_SEC, 1.0);
}

Test(yaml, deep_nesting)
{
	size_t n = 100000;
	char *text = malloc(n + 1);
	memset(text, '[', n);
	text[n] = 0;
	clock_t t0 = clock();
	load_n(text, n, 0);
	free(text);
	cr_assert_null(ROOT);
	HAS(TOO_DEEP, 1, KITH_MAX_DEPTH + 1);
	cr_assert_eq(J->diags.list.n, 1);
	cr_assert_lt((double)(clock() - t0) / CLOCKS_PER_SEC, 1.0);
	teardown();
	/* 32 levels are fine */
	kith_buf b = {0};
	kith_buf_puts(&b, "x-a: ");
	for (int i = 0; i < KITH_MAX_DEPTH - 1; i++)
		kith_buf_putc(&b, '[');
	for (int i = 0; i < KITH_MAX_DEPTH - 1; i++)
		kith_buf_putc(&b, ']');
	kith_buf_putc(&b, '\n');
	load_n(b.p, b.n, 0);
	kith_buf_free(&b);
	CLEAN();
	cr_assert_not_null(ROOT);
}

Test(yaml, long_scalar)
{
	size_t n = (size_t)2 << 20;
	char *text = malloc(n + 32);
	strcpy(text, "x-long: ");
	memset(text + 8, 'a', n);
	strcpy(text + 8 + n, "\nowner: me\n");
	load_n(text, strlen(text), 0);
	free(text);
	HAS(TOO_LONG, 1, 9);
	/* reported once; the rest of the file still loads */
	HAS(SETTINGS_NOT_ROOT, 2, 1);
	cr_assert_eq(J->diags.list.n, 2);
	cr_assert_eq(ROOT->kids[1]->s.n, KITH_MAX_SCALAR);
}

Test(yaml, tab_indentation)
{
	load("kith: 1\ncontacts:\n\tal: {name: Al}\n");
	HAS(YAML_SYNTAX, 3, 1);
	/* The file resumes: what parsed before the error is kept. */
	cr_assert_not_null(ROOT);
	cr_assert_eq(ROOT->type, KITH_YNODE_MAP);
	cr_assert(strstr(J->diags.list.v[0].hint, "tabs"));
	cr_assert(strstr(J->diags.list.v[0].msg, "cannot start any token"));
}

Test(yaml, syntax_error_context)
{
	load("kith: 1\n"
	     "contacts:\n"
	     "  al:\n"
	     "    name: [Al\n"
	     "    org: A\n");
	cr_assert_eq(count(KITH_D_YAML_SYNTAX), 1);
	const kith_diag *g = &J->diags.list.v[0];
	cr_assert(strstr(g->msg, "flow sequence"), "%s", g->msg);
	cr_assert(strstr(g->note, "line 4"), "%s", g->note);
}

/* Index of top-level key name in ROOT's pairs, or -1. */
static int root_key(const char *name)
{
	for (uint32_t i = 0; ROOT && i + 1 < ROOT->nkids; i += 2)
		if (kith_str_eq(ROOT->kids[i]->s, kith_str_c(name)))
			return (int)i;
	return -1;
}

/* An unclosed bracket in a top-level key is found at the next key: that
 * key is the one left out, and what comes before it (kith: 1) stays. */
Test(yaml, unclosed_bracket_above_a_top_level_key)
{
	load("kith: 1\n"
	     "owner: Sam\n"
	     "include: [c.yaml\n"
	     "contacts:\n"
	     "  al: {name: Al}\n");
	cr_assert_eq(count(KITH_D_YAML_SYNTAX), 1);
	cr_assert_eq(root_key("kith"), 0);
	cr_assert_geq(root_key("owner"), 0);
	cr_assert_geq(root_key("contacts"), 0);
	cr_assert_eq(root_key("include"), -1);
}

/* The broken entry sits under an earlier key; an empty collection before
 * it takes the entries read after it (no NULL given to memcpy: a fuzz
 * find under UBSan). */
Test(yaml, unclosed_bracket_in_an_earlier_entry)
{
	load("kith: 1\n"
	     "contacts: {}\n"
	     "goals:\n"
	     "  a: [\n"
	     "contacts:\n"
	     "  al: {name: Al}\n");
	cr_assert_eq(count(KITH_D_YAML_SYNTAX), 1);
	cr_assert_eq(root_key("kith"), 0);
	int g = root_key("goals");
	cr_assert_geq(g, 0);
	cr_assert(ROOT->kids[g + 1]->kids[1]->stub);
	int c = root_key("contacts");
	cr_assert_geq(c, 0);
	cr_assert_eq(ROOT->kids[c + 1]->nkids, 2);
}

/* After a syntax error in one entry the file resumes at the next one:
 * one diagnostic, the broken entry a stub under its name, the rest read
 * with its own line numbers. */
Test(yaml, resumes_at_the_next_entry)
{
	load("kith: 1\n"
	     "contacts:\n"
	     "  al:\n"
	     "    name: Al\n"
	     "      org: A\n"
	     "  bo:\n"
	     "    name: Bo\n"
	     "      bad: x\n"
	     "  cy:\n"
	     "    name: Cy\n"
	     "owner: me\n");
	cr_assert_eq(count(KITH_D_YAML_SYNTAX), 2);
	cr_assert_eq(J->diags.list.v[0].pos.line, 5);
	cr_assert_not_null(ROOT);
	cr_assert_eq(ROOT->nkids, 6);
	const kith_ynode *c = ROOT->kids[3];
	cr_assert_eq(c->type, KITH_YNODE_MAP);
	cr_assert_eq(c->nkids, 6);
	cr_assert_str_eq(c->kids[0]->s.p, "al");
	cr_assert(c->kids[1]->stub);
	cr_assert_str_eq(c->kids[2]->s.p, "bo");
	cr_assert(c->kids[3]->stub);
	cr_assert_str_eq(c->kids[4]->s.p, "cy");
	cr_assert_eq(c->kids[4]->pos.line, 9);
	cr_assert_str_eq(ROOT->kids[4]->s.p, "owner");
}

/* An unclosed bracket is reported at the next entry's first line: the
 * entry with the bracket is the one left out, the next one is read. A
 * line indented with a tab is no place to resume; the next entry is. */
Test(yaml, resume_after_an_error_found_late_or_a_tab)
{
	load("contacts:\n"
	     "  c:\n"
	     "    name: [C\n"
	     "  d:\n"
	     "    name: D\n");
	cr_assert_eq(count(KITH_D_YAML_SYNTAX), 1);
	const kith_ynode *c = ROOT->kids[1];
	cr_assert_eq(c->nkids, 4);
	cr_assert_str_eq(c->kids[0]->s.p, "c");
	cr_assert(c->kids[1]->stub);
	cr_assert_str_eq(c->kids[2]->s.p, "d");
	cr_assert_not(c->kids[3]->stub);
	cr_assert_eq(c->kids[3]->nkids, 2);
	load("contacts:\n"
	     "\ta: 1\n"
	     "  b:\n"
	     "    name: B\n");
	cr_assert_eq(count(KITH_D_YAML_SYNTAX), 2); /* one each */
	c = ROOT->kids[1];
	cr_assert_eq(c->nkids, 2);
	cr_assert_str_eq(c->kids[0]->s.p, "b");
}

Test(yaml, second_document)
{
	load("kith: 1\n---\nowner: me\n");
	HAS(YAML_SYNTAX, 2, 1);
	cr_assert_null(ROOT);
	cr_assert(strstr(J->diags.list.v[0].msg, "second document"));
}

Test(yaml, invalid_utf8_in_reader)
{
	load("kith: 1\nowner: \xff\xfe\n");
	HAS(INVALID_UTF8, 2, 8);
	cr_assert_null(ROOT);
}

Test(yaml, control_character)
{
	load("kith: 1\nowner: a\x01\n");
	cr_assert_eq(count(KITH_D_YAML_SYNTAX), 1);
	HAS(YAML_SYNTAX, 2, 9);
}

Test(yaml, complex_key)
{
	load("kith: 1\n? [a, b]\n: c\n");
	HAS(WRONG_TYPE, 2, 3);
}

/* The one duplicate-key finder both parsers use: pairwise for small maps,
 * hashed for big ones (its table reused, cleared, from map to map); a key
 * that is not a scalar equals nothing. */
static kith_ynode *ydup_key(kith_ynode *n, kith_ynode_type t, const char *s)
{
	memset(n, 0, sizeof(*n));
	n->type = t;
	n->s = (kith_str){s, (uint32_t)strlen(s)};
	return n;
}

static void ydup_case(uint32_t npairs)
{
	static kith_ynode nodes[2 * 40];
	static kith_ynode *kv[2 * 40];
	static char names[40][16];
	kith_ydup d = {0};
	for (int round = 0; round < 2; round++) {
		for (uint32_t i = 0; i < npairs; i++) {
			snprintf(names[i], sizeof names[i], "k%u",
			         i == npairs - 1 ? 3u : i);
			kv[2 * i] = ydup_key(&nodes[2 * i], KITH_YNODE_SCALAR,
			                     names[i]);
			kv[2 * i + 1] =
			    ydup_key(&nodes[2 * i + 1], KITH_YNODE_SCALAR, "v");
		}
		/* pair 1: a mapping as key, "k1" by its text but no match */
		kv[2] = ydup_key(&nodes[2], KITH_YNODE_MAP, "k3");
		kith_ydup_begin(&d, npairs);
		cr_assert_eq(d.big, npairs > 16);
		for (uint32_t i = 0; i + 1 < npairs; i++)
			cr_assert_eq(kith_ydup_find(&d, kv, i), -1,
			             "%u pairs, round %d, pair %u", npairs,
			             round, i);
		cr_assert_eq(kith_ydup_find(&d, kv, npairs - 1), 3,
		             "%u pairs: the last key repeats pair 3", npairs);
	}
	kith_ydup_free(&d);
	cr_assert_null(d.htab);
}

Test(yaml, duplicate_key_finder_small_and_big)
{
	ydup_case(5);
	ydup_case(16);
	ydup_case(17);
	ydup_case(40);
}
