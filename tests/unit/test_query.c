/* Unit tests for the query language: every term, precedence, every syntax
 * error with its column, contact and event matching, regex limits. */
#include <criterion/criterion.h>
#include <string.h>
#include <time.h>

#include "query/query.h"

static kith_journal *j;
static char long_a[20002];

static kith_day D(const char *s)
{
	kith_day d = KITH_NO_DAY;
	cr_assert_eq(kith_date_parse(s, strlen(s), &d), 0);
	return d;
}

static void push_refs(kith_refs *r, const char *const *names)
{
	for (; names && *names; names++)
		kith_vec_push(r)->s = kith_str_c(*names);
}

/* Sets one of x's lists (in the journal arena). */
static void set_refs(kith_interaction *x, kith_ix_list l,
                     const char *const *names)
{
	kith_refs r = {NULL, 0, 0};
	push_refs(&r, names);
	kith_ix_set_list(j->arena, x, l, r);
	kith_vec_free(&r);
}

static void add_contact(const char *handle, const char *name, const char *org,
                        const char *const *roles, const char *const *tags)
{
	kith_contact *c = kith_vec_push(&j->contacts);
	c->handle = kith_str_c(handle);
	c->name.s = kith_str_c(name);
	c->org.s = kith_str_c(org);
	c->notes.s = kith_str_c("Met at a meetup.");
	push_refs(&c->roles, roles);
	push_refs(&c->tags, tags);
}

static kith_interaction *add_ix(const char *date, const char *kind,
                                const char *title, const char *notes,
                                const char *const *with)
{
	kith_interaction *x = kith_vec_push(&j->interactions);
	x->date = D(date);
	x->minute = -1;
	x->title.s = kith_str_c(title);
	if (notes)
		x->notes.s = kith_str_c(notes);
	set_refs(x, KITH_IXR_WITH, with);
	if (kind) {
		kith_ix_lists ls = kith_ix_lists_of(x);
		ls.kind.s = kith_str_c(kind);
		kith_ix_pack(j->arena, x, &ls);
	}
	return x;
}

static kith_event *add_event(const char *id, const char *title, const char *loc,
                             const char *from, const char *to)
{
	kith_event *e = kith_vec_push(&j->events);
	e->id = kith_str_c(id);
	e->title.s = kith_str_c(title);
	e->location.s = kith_str_c(loc);
	e->date.day = D(from);
	e->end.day = to ? D(to) : KITH_NO_DAY;
	return e;
}

/* Interactions:
 * 0 2026-11-03 coffee    @alice       goal grow
 * 1 2026-11-05 thank-you @alice
 * 2 2026-10-20 meeting   @bob @dana   tag q4, event kubecon-2026
 * 3 2026-09-01 (note)    nobody
 * 4 2026-08-01 email     @bob         notes: 20000 'a' then 'b'
 */
static void setup(void)
{
	static const char *const mentor[] = {"mentor", NULL};
	static const char *const key[] = {"key", NULL};
	static const char *const peer[] = {"peer", NULL};
	static const char *const atags[] = {"robotics", "platform", NULL};
	static const char *const btags[] = {"sales", NULL};
	static const char *const alice[] = {"alice", NULL};
	static const char *const bob_dana[] = {"bob", "dana", NULL};
	static const char *const bob[] = {"bob", NULL};
	static const char *const grow[] = {"grow", NULL};
	static const char *const q4[] = {"q4", NULL};
	static const char *const conf[] = {"conf", NULL};

	j = kith_journal_new();
	add_contact("alice", "Alice Chen", "Acme Robotics", mentor, atags);
	add_contact("bob", "Bob Stone", "Globex", key, btags);
	add_contact("dana", "Dana Park", "Initech", peer, NULL);

	kith_interaction *x;
	x = add_ix("2026-11-03", "coffee", "Coffee at Blue Bottle",
	           "Talked about the platform reorg.", alice);
	set_refs(x, KITH_IXR_GOALS, grow);
	add_ix("2026-11-05", "thank-you", "Thank-you note", NULL, alice);
	x = add_ix("2026-10-20", "meeting", "Sales sync", "Pipeline review",
	           bob_dana);
	set_refs(x, KITH_IXR_TAGS, q4);
	kith_ix_more_of(j, x)->event.s = kith_str_c("kubecon-2026");
	add_ix("2026-09-01", NULL, "Ideas", "Write more", NULL);
	memset(long_a, 'a', sizeof(long_a) - 2);
	long_a[sizeof(long_a) - 2] = 'b';
	add_ix("2026-08-01", "email", "Long mail", long_a, bob);

	kith_event *e = add_event("kubecon-2026", "KubeCon North America",
	                          "Atlanta", "2026-11-10", "2026-11-13");
	push_refs(&e->goals, grow);
	push_refs(&e->tags, conf);
	add_event("meetup", "Platform meetup", "Berlin", "2026-12-01", NULL);
	kith_journal_index(j);
}

static void teardown(void)
{
	kith_journal_free(j);
	j = NULL;
}

TestSuite(query, .init = setup, .fini = teardown);

static kith_query *parse_ok(const char *s)
{
	size_t col = 0, len = 0;
	const char *err = NULL;
	kith_query *q = kith_query_parse(j, s, strlen(s), D("2026-11-22"), &col,
	                                 &len, &err);
	cr_assert_not_null(q, "query '%s': %s at %zu", s, err ? err : "?", col);
	return q;
}

typedef int (*match_fn)(const kith_journal *, const kith_query *, uint32_t,
                        int *);

/* Bit i is set when item i matches. */
static unsigned matches(const char *s, match_fn fn, uint32_t n)
{
	kith_query *q = parse_ok(s);
	unsigned bits = 0;
	int failed = 0;
	for (uint32_t i = 0; i < n; i++)
		if (fn(j, q, i, &failed))
			bits |= 1u << i;
	cr_assert_eq(failed, 0, "query '%s' failed", s);
	kith_query_free(q);
	return bits;
}

#define IX(s) matches(s, kith_query_match_interaction, j->interactions.n)
#define CT(s) matches(s, kith_query_match_contact, j->contacts.n)
#define EV(s) matches(s, kith_query_match_event, j->events.n)
#define B(i) (1u << (i))

static void assert_err(const char *s, size_t want_col, size_t want_len,
                       const char *want_msg)
{
	size_t col = 999, len = 999;
	const char *err = NULL;
	kith_query *q = kith_query_parse(j, s, strlen(s), D("2026-11-22"), &col,
	                                 &len, &err);
	cr_assert_null(q, "query '%s' should fail", s);
	cr_assert_not_null(err);
	cr_assert(strstr(err, want_msg), "query '%s': message '%s'", s, err);
	cr_assert_eq(col, want_col, "query '%s': col %zu, want %zu (%s)", s,
	             col, want_col, err);
	cr_assert_eq(len, want_len, "query '%s': len %zu, want %zu (%s)", s,
	             len, want_len, err);
}

Test(query, kind)
{
	cr_assert_eq(IX("kind:coffee"), B(0));
	cr_assert_eq(IX("kind:thank-you"), B(1));
	cr_assert_eq(IX("kind:note"), B(3));
	cr_assert_eq(IX("kind:call"), 0);
}

Test(query, with)
{
	cr_assert_eq(IX("with:alice"), B(0) | B(1));
	cr_assert_eq(IX("with:@alice"), B(0) | B(1));
	cr_assert_eq(IX("@alice"), B(0) | B(1));
	cr_assert_eq(IX("@dana"), B(2));
	cr_assert_eq(IX("@bob"), B(2) | B(4));
	cr_assert_eq(IX("@nobody"), 0);
}

Test(query, contact_terms_through_participants)
{
	cr_assert_eq(IX("role:mentor"), B(0) | B(1));
	cr_assert_eq(IX("role:peer"), B(2));
	cr_assert_eq(IX("org:acme"), B(0) | B(1));
	cr_assert_eq(IX("org:\"Acme Robotics\""), B(0) | B(1));
	cr_assert_eq(IX("org:initech"), B(2));
	cr_assert_eq(IX("tag:robotics"), B(0) | B(1));
	cr_assert_eq(IX("tag:sales"), B(2) | B(4));
}

Test(query, tag_goal_event)
{
	cr_assert_eq(IX("tag:q4"), B(2));
	cr_assert_eq(IX("#q4"), B(2));
	cr_assert_eq(IX("goal:grow"), B(0));
	cr_assert_eq(IX("event:kubecon-2026"), B(2));
	cr_assert_eq(IX("event:other"), 0);
}

Test(query, date)
{
	cr_assert_eq(IX("date:2026-11"), B(0) | B(1));
	cr_assert_eq(IX("date:this-month"), B(0) | B(1));
	cr_assert_eq(IX("date:last-month"), B(2));
	cr_assert_eq(IX("date:2026-11-03"), B(0));
	cr_assert_eq(IX("date:2026-09-01..2026-10-31"), B(2) | B(3));
	cr_assert_eq(IX("date:2026-Q3"), B(3) | B(4));
	cr_assert_eq(IX("date:2026"), 0x1f);
	cr_assert_eq(IX("date:2026-W45"), B(0) | B(1));
}

Test(query, words_and_phrases)
{
	cr_assert_eq(IX("platform"), B(0)); /* in the notes */
	cr_assert_eq(IX("COFFEE"), B(0));   /* case-insensitive */
	cr_assert_eq(IX("\"blue bottle\""), B(0));
	cr_assert_eq(IX("\"bottle blue\""), 0);
	cr_assert_eq(IX("pipeline"), B(2));
	cr_assert_eq(IX("10:30"), 0); /* digits before ':' are not a field */
}

Test(query, regex)
{
	cr_assert_eq(IX("/blue\\s+bottle/"), 0);
	cr_assert_eq(IX("/blue\\s+bottle/i"), B(0));
	cr_assert_eq(IX("/^Sales/"), B(2));
	cr_assert_eq(IX("/re(org|view)/"), B(0) | B(2));
	cr_assert_eq(IX("/a\\/b/"), 0);
	cr_assert_eq(IX("/é/"), 0);
}

Test(query, juxtaposition_and_operators)
{
	cr_assert_eq(IX("@alice kind:coffee"), B(0));
	cr_assert_eq(IX("@alice and kind:coffee"), B(0));
	cr_assert_eq(IX("kind:coffee or kind:meeting"), B(0) | B(2));
	cr_assert_eq(IX("-kind:coffee"), 0x1f & ~B(0));
	cr_assert_eq(IX("not kind:coffee"), 0x1f & ~B(0));
	cr_assert_eq(IX("not not kind:coffee"), B(0));
	cr_assert_eq(IX("--kind:coffee"), B(0));
	cr_assert_eq(IX("-(@alice or @bob)"), B(3));
	cr_assert_eq(IX(""), 0x1f);
	cr_assert_eq(IX("   "), 0x1f);
	cr_assert(kith_query_match_interaction(j, NULL, 0, NULL));
}

Test(query, precedence)
{
	/* not > and > or */
	cr_assert_eq(IX("kind:coffee or kind:meeting @dana"), B(0) | B(2));
	cr_assert_eq(IX("kind:thank-you or kind:meeting @alice"), B(1));
	cr_assert_eq(IX("(kind:thank-you or kind:meeting) @bob"), B(2));
	cr_assert_eq(IX("not kind:coffee @alice"), B(1));
	cr_assert_eq(IX("not (kind:coffee @alice)"), 0x1f & ~B(0));
	cr_assert_eq(IX("@bob -kind:email or kind:note"), B(2) | B(3));
	cr_assert_eq(IX("@bob (-kind:email or kind:note)"), B(2));
	cr_assert_eq(IX("((((kind:coffee))))"), B(0));
}

Test(query, nesting_limit)
{
	char buf[300];
	size_t k = 0;
	for (int i = 0; i < 64; i++)
		buf[k++] = '(';
	buf[k++] = 'x';
	for (int i = 0; i < 64; i++)
		buf[k++] = ')';
	buf[k] = 0;
	kith_query_free(parse_ok(buf));

	k = 0;
	for (int i = 0; i < 65; i++)
		buf[k++] = '(';
	buf[k++] = 'x';
	for (int i = 0; i < 65; i++)
		buf[k++] = ')';
	buf[k] = 0;
	assert_err(buf, 64, 1, "nested too deeply");
}

Test(query, long_chains_do_not_deepen)
{
	/* 5000 terms: n-ary nodes, so evaluation stays shallow. */
	static char buf[5000 * 12];
	size_t k = 0;
	for (int i = 0; i < 5000; i++)
		k +=
		    (size_t)sprintf(buf + k, "%s", i % 2 ? "or -a " : "not b ");
	buf[k] = 0;
	kith_query *q = parse_ok(buf);
	int failed = 0;
	(void)kith_query_match_interaction(j, q, 0, &failed);
	kith_query_free(q);
}

Test(query, syntax_errors)
{
	assert_err("(kind:coffee", 0, 1, "unclosed '('");
	assert_err("a (b (c)", 2, 1, "unclosed '('");
	assert_err("kind:coffee)", 11, 1, "unmatched ')'");
	assert_err(")", 0, 1, "unmatched ')'");
	assert_err("kind:coffee or", 12, 2, "expected a term after 'or'");
	assert_err("a or or b", 2, 2, "expected a term after 'or'");
	assert_err("(a or)", 3, 2, "expected a term after 'or'");
	assert_err("or kind:coffee", 0, 2, "expected a term before 'or'");
	assert_err("(or a)", 1, 2, "expected a term before 'or'");
	assert_err("a and", 2, 3, "expected a term after 'and'");
	assert_err("and a", 0, 3, "expected a term before 'and'");
	assert_err("not", 0, 3, "expected a term after 'not'");
	assert_err("a not )", 2, 3, "expected a term after 'not'");
	assert_err("a - b", 2, 1, "expected a term after '-'");
	assert_err("a -", 2, 1, "expected a term after '-'");
	assert_err("()", 0, 2, "empty parentheses");
	assert_err("a ( )", 2, 3, "empty parentheses");
}

Test(query, field_errors)
{
	assert_err("knd:coffee", 0, 3,
	           "unknown field 'knd' (did you mean 'kind'?)");
	assert_err("a Kind:coffee", 2, 4, "did you mean 'kind'?");
	assert_err("zzzzzz:1", 0, 6, "unknown field 'zzzzzz' (fields:");
	assert_err("kind:", 0, 5, "empty value after 'kind:'");
	assert_err("x with:@", 2, 6, "empty value after 'with:'");
	assert_err("org:\"\"", 0, 6, "empty value after 'org:'");
	assert_err("@", 0, 1, "empty value after '@'");
	assert_err("a #", 2, 1, "empty value after '#'");
}

Test(query, period_errors)
{
	assert_err("date:2026-13", 10, 2, "bad period: the month must be");
	assert_err("date:2025-W53", 10, 3, "no ISO week 53");
	assert_err("x date:2026..2027..2028", 17, 1, "more than one");
	assert_err("date:2026-02-30", 13, 2, "no such day");
	assert_err("date:this-decade", 10, 6, "expected week");
	assert_err("date:2026-03..2026-01", 14, 4, "ends before it starts");
}

Test(query, lexical_errors)
{
	assert_err("/abc", 0, 1, "unclosed '/'");
	assert_err("x \"abc", 2, 1, "unclosed '\"'");
	assert_err("org:\"Acme", 4, 1, "unclosed '\"'");
	assert_err("\"\"", 0, 2, "empty phrase");
	assert_err("\"abc\"def", 5, 1, "expected a space");
	assert_err("//", 0, 2, "empty regex");
	assert_err("/a/x", 3, 1, "unknown regex flag");
	assert_err("/a/ix", 4, 1, "unknown regex flag");
}

Test(query, regex_compile_error_column)
{
	/* PCRE2 reports the missing ')' at the end of the pattern. */
	assert_err("x /(ab/", 6, 1, "bad regex: missing closing parenthesis");
	assert_err("/a{2,1}/", 6, 1, "bad regex:");
	assert_err("/ab\\/", 0, 1, "unclosed '/'");
}

Test(query, regex_match_limit)
{
	kith_query *q = parse_ok("/(a+)+$/");
	int failed = 0;
	clock_t t0 = clock();
	int m = kith_query_match_interaction(j, q, 4, &failed);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	cr_assert_eq(m, 0);
	cr_assert_eq(failed, 1);
	cr_assert_lt(secs, 2.0, "took %.2fs", secs);
	/* Without a failure pointer it is simply no match. */
	cr_assert_eq(kith_query_match_interaction(j, q, 4, NULL), 0);
	/* Other items still match normally. */
	failed = 0;
	cr_assert_eq(kith_query_match_interaction(j, q, 0, &failed), 0);
	cr_assert_eq(failed, 0);
	kith_query_free(q);
}

Test(query, contacts)
{
	cr_assert_eq(CT("@alice"), B(0));
	cr_assert_eq(CT("with:bob"), B(1));
	cr_assert_eq(CT("role:mentor"), B(0));
	cr_assert_eq(CT("tag:sales"), B(1));
	cr_assert_eq(CT("org:globex"), B(1));
	cr_assert_eq(CT("chen"), B(0));  /* name */
	cr_assert_eq(CT("acme"), B(0));  /* org */
	cr_assert_eq(CT("dana"), B(2));  /* handle */
	cr_assert_eq(CT("meetup"), 0x7); /* notes */
	cr_assert_eq(CT("/^Dana P/"), B(2));
	/* Interaction terms: some interaction with the contact matches. */
	cr_assert_eq(CT("kind:coffee"), B(0));
	cr_assert_eq(CT("kind:meeting"), B(1) | B(2));
	cr_assert_eq(CT("date:2026-10"), B(1) | B(2));
	cr_assert_eq(CT("goal:grow"), B(0));
	cr_assert_eq(CT("event:kubecon-2026"), B(1) | B(2));
	cr_assert_eq(CT("kind:meeting -@dana"), B(1));
	cr_assert_eq(CT("not kind:email"), B(0) | B(2));
	cr_assert_eq(CT(""), 0x7);
}

Test(query, events)
{
	cr_assert_eq(EV("event:kubecon-2026"), B(0));
	cr_assert_eq(EV("tag:conf"), B(0));
	cr_assert_eq(EV("#conf"), B(0));
	cr_assert_eq(EV("goal:grow"), B(0));
	cr_assert_eq(EV("date:2026-11-12"), B(0));
	cr_assert_eq(EV("date:2026-11-13..2026-12-31"), B(0) | B(1));
	cr_assert_eq(EV("date:2026-12"), B(1));
	cr_assert_eq(EV("date:2026-11-01..2026-11-09"), 0);
	cr_assert_eq(EV("atlanta"), B(0));
	cr_assert_eq(EV("platform"), B(1));
	/* Interaction terms: an interaction at the event matches. */
	cr_assert_eq(EV("kind:meeting"), B(0));
	cr_assert_eq(EV("@bob"), B(0));
	cr_assert_eq(EV("role:peer"), B(0));
	cr_assert_eq(EV("org:acme"), 0);
	cr_assert_eq(EV("-@bob"), B(1));
}

Test(query, collect_refs)
{
	const char *s = "kind:coffee @alice with:@bob role:mentor goal:grow "
	                "event:kubecon-2026 tag:x org:y date:2026 with:dana";
	kith_query *q = parse_ok(s);
	kith_query_refs refs = {0};
	kith_query_collect_refs(q, &refs);
	static const struct {
		int kind;
		const char *name, *at;
		size_t len;
	} want[] = {
	    {1, "coffee", "coffee", 6}, {0, "alice", "@alice", 6},
	    {0, "bob", "@bob", 4},      {2, "mentor", "mentor", 6},
	    {3, "grow", "grow", 4},     {4, "kubecon-2026", "kubecon", 12},
	    {0, "dana", "dana", 4},
	};
	cr_assert_eq(refs.n, KITH_ARRAY_LEN(want));
	for (size_t i = 0; i < KITH_ARRAY_LEN(want); i++) {
		cr_assert_eq(refs.v[i].kind, want[i].kind);
		cr_assert(kith_str_eqc(refs.v[i].name, want[i].name),
		          "ref %zu: %.*s", i, KITH_S(refs.v[i].name));
		cr_assert_eq(refs.v[i].col,
		             (size_t)(strstr(s, want[i].at) - s));
		cr_assert_eq(refs.v[i].len, want[i].len);
	}
	kith_vec_free(&refs);
	kith_query_free(q);
	kith_query_free(NULL);
}

/* Every line of every ```query block in docs/query.md parses. */
Test(query, docs_examples_parse)
{
	FILE *f = fopen(KITH_TEST_ROOT "/docs/query.md", "r");
	char line[512];
	int in_block = 0, n = 0;
	cr_assert_not_null(f, "%s/docs/query.md", KITH_TEST_ROOT);
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		if (strncmp(line, "```", 3) == 0) {
			in_block = !in_block && strcmp(line, "```query") == 0;
			continue;
		}
		if (!in_block || !line[0])
			continue;
		kith_query_free(parse_ok(line));
		n++;
	}
	fclose(f);
	cr_assert_gt(n, 15);
}

/* The error table in docs/query.md: each query fails with its message. */
Test(query, docs_error_examples)
{
	FILE *f = fopen(KITH_TEST_ROOT "/docs/query.md", "r");
	char line[512];
	int in_block = 0, n = 0;
	cr_assert_not_null(f, "%s/docs/query.md", KITH_TEST_ROOT);
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		if (strncmp(line, "```", 3) == 0) {
			in_block = !in_block && strcmp(line, "```text") == 0;
			continue;
		}
		char *gap = in_block ? strstr(line, "  ") : NULL;
		if (!gap)
			continue;
		*gap = 0;
		char *msg = gap + 1;
		while (*msg == ' ')
			msg++;
		size_t col, len;
		const char *err = NULL;
		kith_query *q = kith_query_parse(
		    j, line, strlen(line), D("2026-11-22"), &col, &len, &err);
		cr_assert_null(q, "'%s' should fail", line);
		cr_assert_str_eq(err, msg, "'%s'", line);
		n++;
	}
	fclose(f);
	cr_assert_gt(n, 8);
}
