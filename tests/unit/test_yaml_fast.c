/* The YAML fast path against libyaml: over every YAML file of examples/
 * and the golden cases, and thousands of variants of them (a line
 * deleted, indented, outdented, doubled or given a stray ': x'), whenever
 * the fast path takes a text it must build exactly libyaml's tree, and
 * libyaml must have found nothing wrong with it. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "load/load.h"
#include "load/yaml_internal.h"

static int taken, refused;

static void same_tree(const kith_ynode *a, const kith_ynode *b,
                      const char *what)
{
	cr_assert_eq(a->type, b->type, "%s: type at %u:%u", what, b->pos.line,
	             b->pos.col);
	cr_assert_eq(a->pos.line, b->pos.line, "%s: line %u vs %u", what,
	             a->pos.line, b->pos.line);
	cr_assert_eq(a->pos.col, b->pos.col, "%s: col at line %u: %u vs %u",
	             what, b->pos.line, a->pos.col, b->pos.col);
	cr_assert_eq(a->len, b->len, "%s: len at %u:%u", what, b->pos.line,
	             b->pos.col);
	cr_assert_eq(a->quoted, b->quoted, "%s: quoted", what);
	cr_assert_eq(a->plain_empty, b->plain_empty, "%s: plain_empty at %u:%u",
	             what, b->pos.line, b->pos.col);
	cr_assert_eq(a->nkids, b->nkids, "%s: kids at %u:%u", what, b->pos.line,
	             b->pos.col);
	if (a->type == KITH_YNODE_SCALAR) {
		cr_assert_eq(a->s.n, b->s.n, "%s: value at %u:%u", what,
		             b->pos.line, b->pos.col);
		cr_assert(memcmp(a->s.p, b->s.p, a->s.n) == 0, "%s: value",
		          what);
		cr_assert_eq(a->s.p[a->s.n], 0);
	}
	for (uint32_t i = 0; i < a->nkids; i++)
		same_tree(a->kids[i], b->kids[i], what);
}

static void compare(const char *text, size_t len, const char *what)
{
	kith_journal *jf = kith_journal_new(), *js = kith_journal_new();
	kith_ynode *fast = NULL;
	int ok = kith_yaml_fast(jf, 0, text, len, 0, &fast);
	kith_ynode *slow = kith_yaml_parse_slow(js, 0, text, len, 0);
	cr_assert_eq(jf->diags.list.n, 0, "%s: the fast path reported", what);
	if (ok) {
		taken++;
		cr_assert_eq(js->diags.list.n, 0,
		             "%s: fast path took a text libyaml rejects (%s)",
		             what,
		             js->diags.list.n ? js->diags.list.v[0].msg : "");
		cr_assert_eq(fast == NULL, slow == NULL, "%s: root", what);
		if (fast)
			same_tree(fast, slow, what);
	} else {
		refused++;
	}
	kith_journal_free(jf);
	kith_journal_free(js);
}

/* Variants of text: line i deleted, indented, outdented, doubled, or
 * given a stray ': x'. */
static void variants(const char *text, size_t len, const char *what)
{
	size_t starts[4096], n = 0;
	for (size_t i = 0; i < len && n < 4096; i++)
		if (i == 0 || text[i - 1] == '\n')
			starts[n++] = i;
	char *buf = malloc(len * 2 + 16);
	for (size_t l = 0; l < n; l++) {
		size_t s = starts[l], e = l + 1 < n ? starts[l + 1] : len;
		for (int kind = 0; kind < 5; kind++) {
			size_t m = 0;
			memcpy(buf, text, s);
			m = s;
			if (kind == 1)
				buf[m++] = ' ';
			if (kind == 2 && text[s] == ' ')
				s++;
			if (kind != 0) {
				memcpy(buf + m, text + s, e - s);
				m += e - s;
			}
			if (kind == 3) {
				memcpy(buf + m, text + s, e - s);
				m += e - s;
			}
			if (kind == 4 && m > 0 && buf[m - 1] == '\n') {
				memcpy(buf + m - 1, ": x\n", 4);
				m += 3;
			}
			memcpy(buf + m, text + e, len - e);
			m += len - e;
			compare(buf, m, what);
			if (kind == 2 && text[starts[l]] == ' ')
				s--;
		}
	}
	free(buf);
}

static void one_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	cr_assert_not_null(f, "%s", path);
	char *buf = malloc(1 << 20);
	size_t len = fread(buf, 1, 1 << 20, f);
	fclose(f);
	compare(buf, len, path);
	variants(buf, len, path);
	free(buf);
}

static void walk(const char *dir)
{
	DIR *d = opendir(dir);
	cr_assert_not_null(d, "%s", dir);
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		struct stat st;
		if (lstat(path, &st) != 0)
			continue;
		size_t n = strlen(de->d_name);
		if (S_ISDIR(st.st_mode))
			walk(path);
		else if (S_ISREG(st.st_mode) && st.st_size < (1 << 20) &&
		         n > 5 &&
		         (strcmp(de->d_name + n - 5, ".yaml") == 0 ||
		          strcmp(de->d_name + n - 4, ".yml") == 0))
			one_file(path);
	}
	closedir(d);
}

Test(yaml_fast, agrees_with_libyaml_over_the_corpus_and_its_variants)
{
	walk(KITH_TEST_ROOT "/examples");
	walk(KITH_TEST_ROOT "/tests/golden");
	/* both paths must have been exercised, or the test proves nothing */
	cr_assert_gt(taken, 1000, "fast path took %d texts", taken);
	cr_assert_gt(refused, 1000, "fast path refused %d texts", refused);
}

Test(yaml_fast, takes_the_usual_shapes)
{
	static const char *texts[] = {
	    "contacts:\n  alice:\n    name: Alice W\n    roles: [mentor, key]\n"
	    "    tags: []\n  bob:\n    name: Bob\n",
	    "goals:\n  g:\n    actions:\n      - do: Ask @priya\n"
	    "        due: 2026-02-28\n      - do: Another  # note\n",
	    "include:\n- contacts.yaml\n- journal/*.md\nkith: 1\n",
	    "# only a comment\n\n",
	    "",
	    "a:\nb: 1\n",
	    "x-note: C# and F# are fine\nurl: http://example.com/a\n",
	    "why: |\n  Two lines\n\n    and an indented one: # kept\nnext: 1\n",
	    "why: |-\n  stripped\n\n\nnext: 1\n",
	    "kinds:\n  coffee: {}\n  note: {touch: false, x: 'a b'}\n",
	    "phone: \"+1 555 0101\"\nname: 'O Brien'\n",
	};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		int before = taken;
		compare(texts[i], strlen(texts[i]), texts[i]);
		cr_assert_eq(taken, before + 1, "refused: %s", texts[i]);
	}
}

Test(yaml_fast, refuses_what_it_does_not_know)
{
	static const char *texts[] = {
	    "a: 'it''s'\n",     "a: \"x\\n\"\n",      "a: |+\n  keep\n\n",
	    "a: >\n  folded\n", "a: |2\n   x\n",      "a: &x 1\nb: *x\n",
	    "a: !!str 1\n",     "a: {b: {c: 1}}\n",   "a: {b}\n",
	    "a: b\na: c\n",     "a: b: c\n",          "a:\n\tb: 1\n",
	    "- a\n- b\n",       "a: b\n  c\n",        "---\na: 1\n",
	    "a: [b, [c]]\n",    "a:\n  - b\n c: 1\n", "a: -1\n",
	};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		int before = refused;
		compare(texts[i], strlen(texts[i]), texts[i]);
		cr_assert_eq(refused, before + 1, "took: %s", texts[i]);
	}
}
