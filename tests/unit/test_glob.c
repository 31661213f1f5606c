/* Unit tests for include patterns (kith_glob_match, docs/format.md 1.1):
 * '*', '?', '[...]' within a folder, '**' across folders, escapes, edge
 * cases, and a differential check against POSIX fnmatch(FNM_PATHNAME). */
#include <criterion/criterion.h>
#include <fnmatch.h>
#include <stdio.h>
#include <string.h>

#include "load/load.h"

typedef struct {
	const char *pat, *path;
	int want;
} glob_case;

static void run_cases(const glob_case *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		cr_expect_eq(kith_glob_match(c[i].pat, c[i].path), c[i].want,
		             "'%s' on '%s': want %s", c[i].pat, c[i].path,
		             c[i].want ? "a match" : "no match");
}

#define RUN(t) run_cases(t, sizeof(t) / sizeof((t)[0]))

Test(glob, literal)
{
	static const glob_case t[] = {
	    {"contacts.yaml", "contacts.yaml", 1},
	    {"contacts.yaml", "contacts.yml", 0},
	    {"contacts.yaml", "contacts.yaml.bak", 0},
	    {"contacts.yaml", "x/contacts.yaml", 0},
	    {"journal/a.md", "journal/a.md", 1},
	    {"journal/a.md", "journal/A.md", 0},
	    {"", "", 1},
	    {"", "a", 0},
	    {"a", "", 0},
	};
	RUN(t);
}

Test(glob, star_stays_in_one_folder)
{
	static const glob_case t[] = {
	    {"*.md", "a.md", 1},
	    {"*.md", ".md", 1},
	    {"*.md", ".hidden.md", 1},
	    {"*.md", "a.mdx", 0},
	    {"*.md", "journal/a.md", 0},
	    {"journal/*.md", "journal/2026-11.md", 1},
	    {"journal/*.md", "journal/sub/2026-11.md", 0},
	    {"journal/*.md", "journal/.md", 1},
	    {"journal/*", "journal/", 1},
	    {"journal/*", "journal", 0},
	    {"*", "", 1},
	    {"*", "a/b", 0},
	    {"a*b*c", "abc", 1},
	    {"a*b*c", "axxbyyc", 1},
	    {"a*b*c", "axxbyy", 0},
	    {"a*b*c", "ax/bc", 0},
	    {"*/*.md", "journal/a.md", 1},
	    {"*/*.md", "a.md", 0},
	    {"*/*.md", "x/y/a.md", 0},
	};
	RUN(t);
}

Test(glob, question_mark_is_one_char_not_slash)
{
	static const glob_case t[] = {
	    {"journal/2026-1?.md", "journal/2026-11.md", 1},
	    {"journal/2026-1?.md", "journal/2026-1.md", 0},
	    {"journal/2026-1?.md", "journal/2026-123.md", 0},
	    {"a?b", "a/b", 0},
	    {"?", "", 0},
	    {"?", "x", 1},
	    {"??", "x", 0},
	    {"?*", "x", 1},
	    {"*?", "", 0},
	};
	RUN(t);
}

Test(glob, double_star_crosses_folders)
{
	static const glob_case t[] = {
	    {"**/*.md", "a.md", 1},
	    {"**/*.md", "journal/a.md", 1},
	    {"**/*.md", "journal/2026/11/a.md", 1},
	    {"**/*.md", "journal/a.yaml", 0},
	    {"journal/**/*.md", "journal/a.md", 1},
	    {"journal/**/*.md", "journal/x/y/a.md", 1},
	    {"journal/**/*.md", "other/a.md", 0},
	    {"journal/**/*.md", "journalx/a.md", 0},
	    {"journal/**", "journal/a.md", 1},
	    {"journal/**", "journal/x/y/a.md", 1},
	    {"journal/**", "other/a.md", 0},
	    {"**", "", 1},
	    {"**", "a/b/c", 1},
	    {"a**z", "a/b/z", 1},
	    {"a**z", "az", 1},
	    {"a/**/b/**/c.md", "a/b/c.md", 1},
	    {"a/**/b/**/c.md", "a/x/b/y/z/c.md", 1},
	    {"a/**/b/**/c.md", "a/x/y/c.md", 0},
	    /* '**' followed by a slash takes whole folders only */
	    {"**/b.md", "ab.md", 0},
	    {"**/b.md", "a/b.md", 1},
	    {"x/**/b.md", "x/ab.md", 0},
	};
	RUN(t);
}

Test(glob, classes)
{
	static const glob_case t[] = {
	    {"[abc].md", "a.md", 1},
	    {"[abc].md", "c.md", 1},
	    {"[abc].md", "d.md", 0},
	    {"[abc].md", ".md", 0},
	    {"2026-[0-1][0-9].md", "2026-11.md", 1},
	    {"2026-[0-1][0-9].md", "2026-21.md", 0},
	    {"[a-c-]", "-", 1},
	    {"[a-c-]", "b", 1},
	    {"[a-c-]", "d", 0},
	    {"[]]", "]", 1},
	    {"[]a]", "a", 1},
	    {"[]a]", "b", 0},
	    /* a '/' never matches a class, not even a negated one */
	    {"a[/]b", "a/b", 0},
	    {"a[!x]b", "a/b", 0},
	    /* the class ends where the pattern says, whatever the path */
	    {"[a]/", "a/", 1},
	    {"x/[a]", "x/a", 1},
	};
	RUN(t);
}

Test(glob, negated_classes)
{
	static const glob_case t[] = {
	    {"[!a].md", "a.md", 0}, {"[!a].md", "b.md", 1},
	    {"[^a].md", "a.md", 0}, {"[^a].md", "b.md", 1},
	    {"[!0-9]*", "x1", 1},   {"[!0-9]*", "1x", 0},
	    {"[!]]", "]", 0},       {"[!]]", "x", 1},
	    {"[!a]", "", 0},
	};
	RUN(t);
}

Test(glob, unclosed_class_and_escapes_are_literal)
{
	static const glob_case t[] = {
	    {"[", "[", 1},     {"a[b", "a[b", 1}, {"a[b", "ab", 0},
	    {"a[!", "a[!", 1}, {"\\*", "*", 1},   {"\\*", "a", 0},
	    {"\\?", "?", 1},   {"\\?", "x", 0},   {"\\[a]", "[a]", 1},
	    {"\\[a]", "a", 0}, {"a\\", "a\\", 1},
	};
	RUN(t);
}

Test(glob, long_inputs_stay_linear)
{
	/* Backtracking matchers go exponential on this; a table does not. */
	char pat[200] = "", path[4096];
	for (int i = 0; i < 30; i++)
		strcat(pat, "*a");
	strcat(pat, "*b");
	memset(path, 'a', sizeof path - 1);
	path[sizeof path - 1] = 0;
	cr_assert_eq(kith_glob_match(pat, path), 0);
	path[sizeof path - 2] = 'b';
	cr_assert_eq(kith_glob_match(pat, path), 1);
}

/* Every pattern over a small alphabet without '**' against every path
 * over a small alphabet: the same verdict as fnmatch with FNM_PATHNAME
 * (and without FNM_PERIOD: a leading dot is not special in includes). */
static const char pat_alpha[] = {'a', 'b', '/', '*', '?', '[', ']', '!', '-'};
static const char path_alpha[] = {'a', 'b', '/', '-', ']'};

static void nth(char *out, size_t len, unsigned long n, const char *alpha,
                size_t na)
{
	for (size_t i = 0; i < len; i++, n /= na)
		out[i] = alpha[n % na];
	out[len] = 0;
}

Test(glob, agrees_with_fnmatch)
{
	char pat[8], path[8];
	unsigned long checked = 0;
	size_t np = sizeof pat_alpha, ns = sizeof path_alpha;
	for (size_t pl = 0; pl <= 4; pl++) {
		unsigned long pmax = 1;
		for (size_t i = 0; i < pl; i++)
			pmax *= np;
		for (unsigned long p = 0; p < pmax; p++) {
			nth(pat, pl, p, pat_alpha, np);
			if (strstr(pat, "**"))
				continue;
			for (size_t sl = 0; sl <= 4; sl++) {
				unsigned long smax = 1;
				for (size_t i = 0; i < sl; i++)
					smax *= ns;
				for (unsigned long s = 0; s < smax; s++) {
					nth(path, sl, s, path_alpha, ns);
					int want = fnmatch(pat, path,
					                   FNM_PATHNAME) == 0;
					cr_assert_eq(
					    kith_glob_match(pat, path), want,
					    "'%s' on '%s': fnmatch says %d",
					    pat, path, want);
					checked++;
				}
			}
		}
	}
	cr_assert_gt(checked, 1000000);
}
