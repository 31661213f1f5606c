/* The hand-written matchers of the Markdown line grammar against its PCRE2
 * patterns, the reference: every line of examples/ and the golden cases,
 * and hundreds of thousands of mutated and generated lines, classified and
 * taken apart both ways, must give the same kinds, spans and tokens. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "load/md_internal.h"
#include "load/mdline.h"

#define MAXL 4096

typedef struct {
	kith_mdline l[MAXL];
	kith_mdl_token tok[MAXL][4];
	int ntok[MAXL];
	size_t n;
} scan_result;

static scan_result A, B;
static long lines_compared, tasks_seen, entries_seen;

static void scan(scan_result *r, const char *text, size_t len, int ref)
{
	kith_mdscan s;
	kith_mdl_use_reference(ref);
	kith_mdscan_init(&s, text, len);
	r->n = 0;
	while (r->n < MAXL && kith_mdscan_next(&s, &r->l[r->n])) {
		kith_mdline *l = &r->l[r->n];
		size_t off = 0;
		int k = 0;
		kith_mdl_token t;
		/* tokens are looked for in task texts; try every line */
		while (k < 4 &&
		       kith_mdl_next_token(l, l->p, l->n, off, &t) > 0) {
			r->tok[r->n][k++] = t;
			off = t.off + t.len > off ? t.off + t.len : off + 1;
		}
		r->ntok[r->n] = k;
		r->n++;
	}
	kith_mdl_use_reference(0);
}

static void same_span(kith_span a, kith_span b, const char *what,
                      const kith_mdline *l)
{
	cr_assert(a.off == b.off && a.len == b.len,
	          "%s differs on line '%.*s': fast %zu+%zu, pcre2 %zu+%zu",
	          what, (int)l->n, l->p, a.off, a.len, b.off, b.len);
}

static void compare(const char *text, size_t len)
{
	scan(&A, text, len, 0);
	scan(&B, text, len, 1);
	cr_assert_eq(A.n, B.n);
	for (size_t i = 0; i < A.n; i++) {
		const kith_mdline *a = &A.l[i], *b = &B.l[i];
		cr_assert_eq(b->err, 0, "pcre2 failed on '%.*s'", (int)b->n,
		             b->p);
		cr_assert_eq(a->kind, b->kind, "kind of '%.*s': %s vs %s",
		             (int)a->n, a->p, kith_mdl_kind_names[a->kind],
		             kith_mdl_kind_names[b->kind]);
		cr_assert_eq(a->entry, b->entry, "entry of '%.*s'", (int)a->n,
		             a->p);
		cr_assert_eq(a->level, b->level);
		cr_assert_eq(a->blank, b->blank, "blank of '%.*s'", (int)a->n,
		             a->p);
		cr_assert_eq(a->indent, b->indent, "indent of '%.*s'",
		             (int)a->n, a->p);
		same_span(a->date, b->date, "date", a);
		same_span(a->time, b->time, "time", a);
		same_span(a->title, b->title, "title", a);
		cr_assert_eq(a->bad_date, b->bad_date);
		cr_assert_eq(a->bad_time, b->bad_time);
		cr_assert_eq(a->day, b->day);
		cr_assert_eq(a->minute, b->minute);
		same_span(a->marker, b->marker, "marker", a);
		same_span(a->box, b->box, "box", a);
		cr_assert_eq(a->checked, b->checked);
		same_span(a->text, b->text, "task text", a);
		same_span(a->fence, b->fence, "fence", a);
		cr_assert_eq(A.ntok[i], B.ntok[i], "tokens of '%.*s': %d vs %d",
		             (int)a->n, a->p, A.ntok[i], B.ntok[i]);
		for (int k = 0; k < A.ntok[i]; k++) {
			const kith_mdl_token *x = &A.tok[i][k],
			                     *y = &B.tok[i][k];
			cr_assert(x->off == y->off && x->len == y->len &&
			              x->v0 == y->v0 && x->v1 == y->v1 &&
			              x->is_due == y->is_due,
			          "token %d of '%.*s'", k, (int)a->n, a->p);
		}
		lines_compared++;
		tasks_seen += a->kind == KITH_MDL_TASK;
		entries_seen += a->entry == KITH_MDL_ENTRY;
	}
}

static void one_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	cr_assert_not_null(f, "%s", path);
	static char buf[1 << 20];
	size_t len = fread(buf, 1, sizeof buf, f);
	fclose(f);
	compare(buf, len);
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
		         n > 3 && strcmp(de->d_name + n - 3, ".md") == 0)
			one_file(path);
	}
	closedir(d);
}

Test(mdline_fast, agrees_with_pcre2_on_the_corpus)
{
	walk(KITH_TEST_ROOT "/examples");
	walk(KITH_TEST_ROOT "/tests/golden");
	cr_assert_gt(entries_seen, 100);
	cr_assert_gt(tasks_seen, 30);
}

/* Lines built from the pieces the patterns care about, then mutated; the
 * HTML pieces and stray CRs test the scanner's short cut for lines that
 * can only be body text against the whole walk. */
static const char *const pieces[] = {
    "##",    "#",    " ",   "\t",  "2026", "-",          "11",     "1",
    "03",    "3",    "09",  ":",   "30",   "5",          "x",      "X",
    "[",     "]",    "[ ]", "[x]", "- ",   "* ",         "+ ",     "due:",
    "done:", "(",    ")",   "+3d", ".",    ",",          "key",    "a",
    "é",     "\xff", "`",   "```", "~~~",  "2026-11-03", " 09:30", "12:345",
    "d",     "do",   "du",  "e:",  "<",    "<div>",      "<pre>",  "</pre>",
    "<!--",  "-->",  "\r",  "~",
};

Test(mdline_fast, agrees_with_pcre2_on_generated_lines)
{
	unsigned seed = 2026;
	char text[512];
	const size_t np = sizeof pieces / sizeof *pieces;
	for (int round = 0; round < 40000; round++) {
		size_t n = 0;
		/* a few lines: an entry heading first makes metadata possible
		 */
		int lines = 1 + rand_r(&seed) % 4;
		for (int li = 0; li < lines; li++) {
			int k = rand_r(&seed) % 9;
			static const char *const starts[] = {
			    "",          "## 2026-11-03 ", "## ", "- [ ] ",
			    "  * [x]",   "+ [X] ",         "- [", "key: ",
			    "\t- [ ]\t", "## 2026-1-3",    "<",   "Text ",
			    "\r",        "<pre>",          "```"};
			const char *st = starts[rand_r(&seed) % 15];
			if (li == 0 && rand_r(&seed) % 2)
				st = "## 2026-11-03 ";
			n += (size_t)snprintf(text + n, sizeof text - n, "%s",
			                      st);
			for (int j = 0; j < k && n < 400; j++) {
				const char *pc = pieces[rand_r(&seed) % np];
				size_t m = strlen(pc);
				memcpy(text + n, pc, m);
				n += m;
			}
			text[n++] = '\n';
		}
		compare(text, n);
	}
	cr_assert_gt(tasks_seen, 500, "generated %ld tasks", tasks_seen);
	cr_assert_gt(entries_seen, 5000, "generated %ld entries", entries_seen);
}
