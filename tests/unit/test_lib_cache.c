/* The library's per-file cache: after every edit of a sequence (in
 * different files, includes added and removed, a contact renamed, YAML
 * broken and fixed, kinds declared), a load through the cache gives the
 * diagnostics and model of a plain load while parsing only the changed
 * files; and memory stays flat over many edits. */
#define _XOPEN_SOURCE 700
#include <criterion/criterion.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ftw.h>
#include <sys/stat.h>

#include "lib/lib.h"
#include "load/load.h"

#ifndef KITH_TEST_ROOT
#define KITH_TEST_ROOT "."
#endif

#define MAXF 8

typedef struct {
	const char *names[MAXF];
	char *texts[MAXF];
	size_t n;
} files;

static void set(files *fs, const char *name, const char *text)
{
	size_t i;
	for (i = 0; i < fs->n; i++)
		if (!strcmp(fs->names[i], name))
			break;
	if (i == fs->n) {
		cr_assert_lt(fs->n, MAXF);
		fs->names[fs->n++] = name;
	} else
		free(fs->texts[i]);
	fs->texts[i] = strdup(text);
}

static void files_free(files *fs)
{
	for (size_t i = 0; i < fs->n; i++)
		free(fs->texts[i]);
	fs->n = 0;
}

static kith_journal *load(const files *fs, kith_lib_cache *c)
{
	kith_source src = {0};
	kith_open_error err;
	kith_journal *j;

	src.names = fs->names;
	src.texts = (const char *const *)fs->texts;
	src.nfiles = fs->n;
	src.as_of = kith_day_from_ymd(2026, 11, 22);
	src.cache = c;
	j = kith_lib_load(&src, &err);
	cr_assert_not_null(j);
	kith_open_error_free(&err);
	kith_journal_sort_diags(j);
	return j;
}

static char *diag_text(kith_journal *j)
{
	kith_buf b = {0};
	kith_journal_print_diags(j, KITH_DIAG_HUMAN, 0, 0, &b);
	kith_buf_cstr(&b);
	return b.p;
}

static void same_refs(const kith_refs *a, const kith_refs *b)
{
	cr_assert_eq(a->n, b->n);
	for (uint32_t i = 0; i < a->n; i++) {
		cr_assert(kith_str_eq(a->v[i].s, b->v[i].s));
		cr_assert_eq(
		    memcmp(&a->v[i].pos, &b->v[i].pos, sizeof(kith_pos)), 0);
	}
}

/* The cached journal c against the plain one p: every diagnostic in
 * order and in full, and the model's records field by field where they
 * could differ (indexes across files, positions, lists). */
static void same(kith_journal *p, kith_journal *c)
{
	char *tp = diag_text(p), *tc = diag_text(c);

	cr_assert_str_eq(tc, tp);
	free(tp);
	free(tc);
	cr_assert_eq(c->diags.list.n, p->diags.list.n);
	cr_assert_eq(c->diags.errors, p->diags.errors);
	cr_assert_eq(c->diags.warnings, p->diags.warnings);
	for (uint32_t i = 0; i < p->diags.list.n; i++) {
		const kith_diag *x = &p->diags.list.v[i],
		                *y = &c->diags.list.v[i];
		cr_assert_eq(x->code, y->code);
		cr_assert_eq(x->sev, y->sev);
		cr_assert_eq(memcmp(&x->pos, &y->pos, sizeof x->pos), 0);
		cr_assert_eq(x->len, y->len);
		cr_assert_eq(x->seq, y->seq, "diagnostic %u emitted in order",
		             i);
		cr_assert_str_eq(x->msg, y->msg);
		cr_assert_str_eq(x->hint ? x->hint : "-",
		                 y->hint ? y->hint : "-");
		cr_assert_str_eq(x->note ? x->note : "-",
		                 y->note ? y->note : "-");
	}
	cr_assert_eq(c->files.n, p->files.n);
	for (uint32_t i = 0; i < p->files.n; i++) {
		cr_assert_str_eq(c->files.v[i].path, p->files.v[i].path);
		cr_assert_eq(c->files.v[i].len, p->files.v[i].len);
		cr_assert_eq(memcmp(c->files.v[i].text, p->files.v[i].text,
		                    p->files.v[i].len),
		             0);
		cr_assert_eq(c->files.v[i].parent, p->files.v[i].parent);
	}
	cr_assert_eq(c->version, p->version);
	cr_assert(kith_str_eq(c->owner.s, p->owner.s));
	cr_assert_eq(c->kinds.n, p->kinds.n);
	cr_assert_eq(c->roles.n, p->roles.n);
	cr_assert_eq(c->rules.n, p->rules.n);
	cr_assert_eq(c->contacts.n, p->contacts.n);
	for (uint32_t i = 0; i < p->contacts.n; i++) {
		cr_assert(kith_str_eq(c->contacts.v[i].handle,
		                      p->contacts.v[i].handle));
		cr_assert_eq(c->contacts.v[i].file, p->contacts.v[i].file);
		cr_assert_eq(c->contacts.v[i].via_idx,
		             p->contacts.v[i].via_idx);
		same_refs(&c->contacts.v[i].roles, &p->contacts.v[i].roles);
	}
	cr_assert_eq(c->goals.n, p->goals.n);
	cr_assert_eq(c->events.n, p->events.n);
	cr_assert_eq(c->assessments.n, p->assessments.n);
	cr_assert_eq(c->interactions.n, p->interactions.n);
	for (uint32_t i = 0; i < p->interactions.n; i++) {
		const kith_interaction *x = &p->interactions.v[i],
		                       *y = &c->interactions.v[i];
		cr_assert_eq(x->date, y->date);
		cr_assert_eq(x->file, y->file);
		cr_assert_eq(memcmp(&x->pos, &y->pos, sizeof x->pos), 0);
		cr_assert_eq(x->fu_first, y->fu_first, "interaction %u", i);
		cr_assert_eq(x->fu_count, y->fu_count);
		cr_assert_eq(x->kind_idx, y->kind_idx);
		cr_assert_eq(kith_ix_event_idx(x), kith_ix_event_idx(y));
		cr_assert_eq(x->task, y->task);
		cr_assert(kith_str_eq(x->title.s, y->title.s));
		cr_assert(kith_str_eq(x->notes.s, y->notes.s));
		cr_assert_eq(x->minute, y->minute);
		cr_assert_eq(x->notes_line, y->notes_line);
		cr_assert(kith_str_eq(kith_ix_kind(x).s, kith_ix_kind(y).s));
		cr_assert(kith_str_eq(kith_ix_uid(x)->s, kith_ix_uid(y)->s));
		for (int l = 0; l < KITH_IXR__COUNT; l++) {
			kith_refs a = kith_ix_list_of(x, (kith_ix_list)l),
			          b = kith_ix_list_of(y, (kith_ix_list)l);
			same_refs(&a, &b);
		}
	}
	cr_assert_eq(c->followups.n, p->followups.n);
	for (uint32_t i = 0; i < p->followups.n; i++) {
		cr_assert_eq(c->followups.v[i].interaction,
		             p->followups.v[i].interaction, "follow-up %u", i);
		cr_assert_eq(c->followups.v[i].due.day,
		             p->followups.v[i].due.day);
		cr_assert_eq(c->followups.v[i].done.day,
		             p->followups.v[i].done.day);
		cr_assert_eq(c->followups.v[i].checked,
		             p->followups.v[i].checked);
		cr_assert(kith_str_eq(c->followups.v[i].text.s,
		                      p->followups.v[i].text.s));
		cr_assert_eq(memcmp(&c->followups.v[i].pos,
		                    &p->followups.v[i].pos, sizeof(kith_pos)),
		             0);
		same_refs(&c->followups.v[i].who, &p->followups.v[i].who);
	}
}

/* Loads fs plainly and through c, compares, and returns how many files
 * the cached load parsed. */
static uint32_t step(const files *fs, kith_lib_cache *c)
{
	kith_journal *p = load(fs, NULL), *q = load(fs, c);
	same(p, q);
	kith_journal_free(p);
	kith_journal_free(q);
	return kith_lib_cache_last(c).parsed;
}

static const char root[] = "kith: 1\n"
                           "owner: Sam\n"
                           "include:\n"
                           "  - contacts.yaml\n"
                           "  - goals.yaml\n"
                           "  - \"journal/*.md\"\n";
static const char contacts[] = "contacts:\n"
                               "  alice:\n"
                               "    name: Alice\n"
                               "    roles: [mentor]\n"
                               "  bob:\n"
                               "    name: Bob\n"
                               "    via: alice\n";
static const char goals[] = "goals:\n"
                            "  grow:\n"
                            "    title: Grow\n"
                            "    start: 2026-01-01\n"
                            "    metrics:\n"
                            "      coffees:\n"
                            "        measure: interactions\n"
                            "        where: kind:coffee\n"
                            "        target: 2\n"
                            "        per: month\n"
                            "interactions:\n"
                            "  - date: 2026-10-05\n"
                            "    kind: call\n"
                            "    with: [bob]\n"
                            "    follow-ups:\n"
                            "      - do: Send @bob the notes\n"
                            "        due: 2026-10-09\n";
static const char oct[] = "# October\n\n"
                          "## 2026-10-03 Coffee with @alice #coffee\n"
                          "goals: [grow]\n\n"
                          "- [ ] Send the draft to @alice due:+2d\n"
                          "- [x] Thank @alice #thank-you done:2026-10-04\n";
static const char nov[] = "# November\n\n"
                          "## 2026-11-03 Call with @bob #call\n\n"
                          "Talked about @alice.\n\n"
                          "- [ ] Book lunch with @bob due:2026-11-27\n\n"
                          "## 2026-11-05 Lunch with @bob #lunch\n";

static files start(void)
{
	files fs = {0};
	set(&fs, "kith.yaml", root);
	set(&fs, "contacts.yaml", contacts);
	set(&fs, "goals.yaml", goals);
	set(&fs, "journal/2026-10.md", oct);
	set(&fs, "journal/2026-11.md", nov);
	return fs;
}

static char *replace(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	kith_buf b = {0};
	cr_assert_not_null(at, "'%s' in the text", from);
	kith_buf_put(&b, text, (size_t)(at - text));
	kith_buf_puts(&b, to);
	kith_buf_puts(&b, at + strlen(from));
	kith_buf_cstr(&b);
	return b.p;
}

static void edit(files *fs, const char *name, const char *from, const char *to)
{
	for (size_t i = 0; i < fs->n; i++)
		if (!strcmp(fs->names[i], name)) {
			char *t = replace(fs->texts[i], from, to);
			free(fs->texts[i]);
			fs->texts[i] = t;
			return;
		}
	cr_assert_fail("no file %s", name);
}

Test(lib_cache, edits_in_different_files_match_a_plain_load)
{
	kith_lib_cache *c = kith_lib_cache_new();
	files fs = start();

	cr_assert_eq(step(&fs, c), 5, "the first load parses every file");
	cr_assert_eq(step(&fs, c), 0, "nothing changed, nothing parsed");
	cr_assert_eq(kith_lib_cache_last(c).kept, 5);

	/* one month: an entry more, shifting the later follow-ups */
	edit(&fs, "journal/2026-10.md", "# October\n\n",
	     "# October\n\n## 2026-10-01 Call with @carol #call\n\n"
	     "- [ ] Ask @bob about it due:+1d\n\n");
	cr_assert_eq(step(&fs, c), 1);
	/* a contact used in other files renamed: their references break
	 * without those files being parsed again */
	edit(&fs, "contacts.yaml", "  bob:", "  robert:");
	cr_assert_eq(step(&fs, c), 1);
	cr_assert_eq(step(&fs, c), 0);
	edit(&fs, "contacts.yaml", "  robert:", "  bob:");
	cr_assert_eq(step(&fs, c), 1);
	/* YAML broken, then fixed */
	edit(&fs, "goals.yaml", "    title: Grow\n", "    title: [Grow\n");
	cr_assert_eq(step(&fs, c), 1);
	edit(&fs, "goals.yaml", "    title: [Grow\n", "    title: Grow\n");
	cr_assert_eq(step(&fs, c), 1);
	/* an include removed (its file leaves), then added back; and a new
	 * file included */
	edit(&fs, "kith.yaml", "  - goals.yaml\n", "");
	cr_assert_eq(step(&fs, c), 3, "the root and the files moved up");
	cr_assert_eq(kith_lib_cache_last(c).kept, 4);
	edit(&fs, "kith.yaml", "  - contacts.yaml\n",
	     "  - contacts.yaml\n  - goals.yaml\n  - more.yaml\n");
	set(&fs, "more.yaml",
	    "contacts:\n  alice:\n    name: Alice again\n"
	    "  carol:\n    name: Carol\n");
	/* the root, the two new files and the Markdown files that moved
	 * down the file table (positions hold file indexes) */
	cr_assert_eq(step(&fs, c), 5);
	/* a new file at the end moves nothing: only it and the root */
	edit(&fs, "kith.yaml", "*.md\"\n", "*.md\"\n  - extra.yaml\n");
	set(&fs, "extra.yaml", "contacts:\n  dana:\n    name: Dana\n");
	cr_assert_eq(step(&fs, c), 2);
	/* a kind declared: every Markdown file reads #lunch differently */
	edit(&fs, "kith.yaml", "owner: Sam\n",
	     "owner: Sam\nkinds:\n  lunch: {touch: true}\n  call: {}\n"
	     "  coffee: {}\n  thank-you: {}\n");
	cr_assert_eq(step(&fs, c), 3);
	cr_assert_eq(step(&fs, c), 0);
	/* a file made unreadable as text, then fixed */
	edit(&fs, "journal/2026-11.md", "Talked", "Talk\xff");
	cr_assert_eq(step(&fs, c), 0, "a file with bad UTF-8 is not parsed");
	edit(&fs, "journal/2026-11.md", "Talk\xff", "Talked");
	cr_assert_eq(step(&fs, c), 1);
	/* an include of a file already in, and a cycle */
	edit(&fs, "goals.yaml", "goals:\n",
	     "include: [contacts.yaml]\n"
	     "goals:\n");
	cr_assert_eq(step(&fs, c), 1);
	edit(&fs, "goals.yaml", "include: [contacts.yaml]\n",
	     "include: [kith.yaml]\n");
	cr_assert_eq(step(&fs, c), 1);
	files_free(&fs);
	kith_lib_cache_free(c);
}

Test(lib_cache, root_settings_come_back_from_the_cache)
{
	kith_lib_cache *c = kith_lib_cache_new();
	files fs = start();
	kith_journal *j;

	edit(&fs, "kith.yaml", "owner: Sam\n",
	     "owner: Sam\nroles:\n  mentor: {cadence: 2w..4w}\n");
	step(&fs, c);
	edit(&fs, "journal/2026-11.md", "Talked", "Spoke");
	cr_assert_eq(step(&fs, c), 1);
	j = load(&fs, c);
	cr_assert_eq(kith_lib_cache_last(c).parsed, 0);
	cr_assert_eq(j->version, 1);
	cr_assert(kith_str_eqc(j->owner.s, "Sam"));
	cr_assert_eq(j->roles_declared, 1);
	cr_assert_eq(j->roles.n, 1);
	kith_journal_free(j);
	files_free(&fs);
	kith_lib_cache_free(c);
}

Test(lib_cache, a_second_journal_alive_loads_plainly)
{
	kith_lib_cache *c = kith_lib_cache_new();
	files fs = start();
	kith_journal *a = load(&fs, c), *b, *p = load(&fs, NULL);

	b = load(&fs, c); /* a still borrows from the cache */
	cr_assert_eq(kith_lib_cache_last(c).parsed, 5);
	same(p, b);
	kith_journal_free(b);
	same(p, a);
	kith_lib_cache_free(c); /* a still alive: the cache goes with it */
	same(p, a);
	kith_journal_free(a);
	kith_journal_free(p);
	files_free(&fs);
}

/* Bytes in use on the heap. */
static size_t heap(void)
{
	return mallinfo2().uordblks;
}

Test(lib_cache, memory_stays_flat_over_many_edits)
{
	kith_lib_cache *c = kith_lib_cache_new();
	files fs = start();
	kith_buf entry = {0};
	size_t at20 = 0, at200;

	for (int i = 1; i <= 200; i++) {
		/* each edit a new text of one of two files */
		const char *name =
		    i % 2 ? "journal/2026-11.md" : "contacts.yaml";
		entry.n = 0;
		if (i % 2)
			kith_buf_printf(
			    &entry,
			    "%s\n## 2026-11-%02d Note %03d @bob #call\n", nov,
			    6 + i % 20, i);
		else
			kith_buf_printf(&entry, "%s  c%d:\n    name: C %03d\n",
			                contacts, i % 7, i);
		set(&fs, name, kith_buf_cstr(&entry));
		kith_journal *j = load(&fs, c);
		cr_assert_eq(kith_lib_cache_last(c).parsed, i == 1 ? 5 : 1);
		kith_journal_free(j);
		if (i == 20)
			at20 = heap();
	}
	at200 = heap();
	/* 180 edits later the heap holds what it held then, give or take
	 * the allocator's per-thread caches (a few KiB): one file kept per
	 * edit would be 180 arenas of 8 KiB and more */
	cr_assert_lt(at200, at20 + 32768,
	             "heap %zu bytes after 20 edits, %zu after 200", at20,
	             at200);
	cr_assert_eq(kith_lib_cache_last(c).kept, 5);
	kith_buf_free(&entry);
	files_free(&fs);
	kith_lib_cache_free(c);
}

/* ---- on disk: large files are mapped by the loader ---- */

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[1024];
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	cr_assert_not_null(f, "%s", path);
	fputs(text, f);
	fclose(f);
}

static kith_journal *load_dir(const char *dir, kith_lib_cache *c)
{
	kith_source src = {0};
	kith_open_error err;
	kith_journal *j;

	src.path = dir;
	src.as_of = kith_day_from_ymd(2026, 11, 22);
	src.cache = c;
	j = kith_lib_load(&src, &err);
	cr_assert_not_null(j);
	kith_open_error_free(&err);
	kith_journal_sort_diags(j);
	return j;
}

Test(lib_cache, large_files_on_disk_are_kept_as_copies)
{
	const char *tmp = getenv("TMPDIR");
	char dir[512], sub[600], cmd[700];
	kith_lib_cache *c = kith_lib_cache_new();
	kith_buf big = {0};
	kith_journal *p, *q;

	snprintf(dir, sizeof dir, "%s/kith-cache-XXXXXX", tmp ? tmp : "/tmp");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(sub, sizeof sub, "%s/journal", dir);
	cr_assert_eq(mkdir(sub, 0700), 0);
	write_file(dir, "kith.yaml", root);
	write_file(dir, "contacts.yaml", contacts);
	write_file(dir, "goals.yaml", goals);
	write_file(dir, "journal/2026-10.md", oct);
	/* a month over 32 KiB, which the loader maps rather than reads */
	kith_buf_puts(&big, nov);
	for (int i = 0; big.n < 48 << 10; i++)
		kith_buf_printf(&big,
		                "\n## 2026-11-%02d Call %d with @bob #call\n\n"
		                "- [ ] Ask @nobody%d due:+3d\n",
		                6 + i % 20, i, i % 5);
	write_file(dir, "journal/2026-11.md", kith_buf_cstr(&big));
	q = load_dir(dir, c);
	cr_assert_eq(kith_lib_cache_last(c).parsed, 5);
	kith_journal_free(q);
	p = load_dir(dir, NULL);
	q = load_dir(dir, c);
	cr_assert_eq(kith_lib_cache_last(c).parsed, 0);
	same(p, q);
	kith_journal_free(p);
	kith_journal_free(q);
	/* the big file rewritten in place, same length: the cache kept a
	 * copy of the text its records point into, not a mapping of the
	 * file (which would now read the new text) */
	char *at = strstr(big.p, "Call 0 with @bob");
	cr_assert_not_null(at);
	memcpy(at, "Call 0 with @bab", 16);
	write_file(dir, "journal/2026-11.md", big.p);
	p = load_dir(dir, NULL);
	q = load_dir(dir, c);
	cr_assert_eq(kith_lib_cache_last(c).parsed, 1);
	same(p, q);
	kith_journal_free(p);
	kith_journal_free(q);
	write_file(dir, "contacts.yaml", "contacts:\n  bob:\n    name: Bob\n");
	p = load_dir(dir, NULL);
	q = load_dir(dir, c);
	cr_assert_eq(kith_lib_cache_last(c).parsed, 1);
	same(p, q);
	cr_assert_gt(q->diags.list.n, 5);
	kith_journal_free(p);
	kith_journal_free(q);
	kith_lib_cache_free(c);
	kith_buf_free(&big);
	snprintf(cmd, sizeof cmd, "rm -r '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

/* ---- Markdown files read on several threads (src/load/md_run.c) ---- */

#define MAXC 512

typedef struct {
	const char *names[MAXC];
	const char *texts[MAXC];
	char *own[2 * MAXC];
	size_t n, nown;
} corpus;

static corpus *the_corpus;

static void corpus_add(corpus *c, char *name, char *text)
{
	cr_assert_lt(c->n, MAXC);
	c->names[c->n] = name;
	c->texts[c->n++] = text;
	c->own[c->nown++] = name;
	if (text)
		c->own[c->nown++] = text;
}

static int corpus_visit(const char *path, const struct stat *sb, int type,
                        struct FTW *ftw)
{
	size_t n = strlen(path);
	char *text, name[64];
	size_t len;
	(void)sb;
	(void)ftw;
	if (type != FTW_F || n < 3 || strcmp(path + n - 3, ".md") != 0)
		return 0;
	cr_assert_eq(kith_read_file(path, KITH_MAX_FILE_BYTES, &text, &len), 0,
	             "%s", path);
	/* in three folders, so that YAML files come between runs */
	snprintf(name, sizeof name, "%c/%03zu.md", "abc"[the_corpus->n % 3],
	         the_corpus -> n);
	corpus_add(the_corpus, strdup(name), text);
	return 0;
}

/* While contacts.yaml is parsed, b/ is read on the other threads; while
 * more.yaml and goals.yaml are, c/ is: more.yaml includes d/, whose
 * files are added to the file table meanwhile, and goals.yaml adds
 * interactions and a follow-up before c/'s. */
static const char corpus_root[] = "kith: 1\n"
                                  "owner: Sam\n"
                                  "include:\n"
                                  "  - \"a/*.md\"\n"
                                  "  - contacts.yaml\n"
                                  "  - \"b/*.md\"\n"
                                  "  - more.yaml\n"
                                  "  - goals.yaml\n"
                                  "  - \"c/*.md\"\n";
static const char corpus_more[] = "include:\n"
                                  "  - \"d/*.md\"\n"
                                  "contacts:\n"
                                  "  carol:\n"
                                  "    name: Carol\n"
                                  "    favourite: tea\n";

/* Every Markdown file of examples/ and the golden cases (headings,
 * metadata blocks the fast path takes and those it leaves to libyaml,
 * tasks, fenced code for the PCRE2 patterns, front matter, broken
 * entries), plus generated months with an error in each, as one journal. */
static corpus *corpus_load(void)
{
	static const char *const dirs[] = {"examples", "tests/golden"};
	corpus *c = calloc(1, sizeof *c);
	char path[4096];

	the_corpus = c;
	corpus_add(c, strdup("kith.yaml"), strdup(corpus_root));
	corpus_add(c, strdup("contacts.yaml"), strdup(contacts));
	corpus_add(c, strdup("goals.yaml"), strdup(goals));
	corpus_add(c, strdup("more.yaml"), strdup(corpus_more));
	for (size_t i = 0; i < KITH_ARRAY_LEN(dirs); i++) {
		snprintf(path, sizeof path, "%s/%s", KITH_TEST_ROOT, dirs[i]);
		cr_assert_eq(nftw(path, corpus_visit, 16, FTW_PHYS), 0, "%s",
		             path);
	}
	cr_assert_gt(c->n, 60, "the corpus was not found");
	for (int m = 1; m <= 12; m++) {
		kith_buf b = {0};
		for (int d = 1; d <= 28; d++)
			kith_buf_printf(
			    &b,
			    "## 2025-%02d-%02d %s with @alice #%s\n"
			    "with: [bob]\ngoals: [grow]\n\n"
			    "Talked with @bob about #growth.\n\n"
			    "- [ ] Follow up with @bob due:+%dd\n"
			    "- [x] Thank @alice done:2025-%02d-%02d\n\n",
			    m, d, d % 2 ? "Coffee" : "Call",
			    d % 2 ? "coffee" : "call", d, m, d);
		kith_buf_printf(&b,
		                "## 2025-%02d-31x broken\n\n"
		                "```\n## 2025-01-01 not an entry\n```\n",
		                m);
		kith_buf_cstr(&b);
		snprintf(path, sizeof path, "%c/gen-%02d.md", "abcd"[m % 4], m);
		corpus_add(c, strdup(path), b.p);
	}
	return c;
}

static void corpus_free(corpus *c)
{
	for (size_t i = 0; i < c->nown; i++)
		free(c->own[i]);
	free(c);
}

static kith_journal *load_corpus_via(const corpus *c, kith_lib_cache *cache)
{
	kith_source src = {0};
	kith_open_error err;
	src.names = c->names;
	src.texts = c->texts;
	src.nfiles = c->n;
	src.cache = cache;
	src.as_of = kith_day_from_ymd(2026, 11, 22);
	kith_journal *j = kith_lib_load(&src, &err);
	cr_assert_not_null(j);
	kith_open_error_free(&err);
	kith_journal_sort_diags(j);
	return j;
}

static kith_journal *load_corpus(const corpus *c)
{
	return load_corpus_via(c, NULL);
}

Test(md_run, threads_read_as_one_thread_does)
{
	corpus *c = corpus_load();

	kith_load_set_parallel(1, 0);
	kith_journal *one = load_corpus(c);
	/* the reference: through the per-file cache every file is parsed by
	 * itself, in file order, on this thread (no run, nothing started
	 * early) */
	kith_lib_cache *cache = kith_lib_cache_new();
	kith_journal *ref = load_corpus_via(c, cache);
	same(ref, one);
	kith_journal_free(ref);
	kith_lib_cache_free(cache);
	cr_assert_gt(one->interactions.n, 400);
	cr_assert_gt(one->followups.n, 600);
	cr_assert_gt(one->diags.errors, 12, "the corpus has broken entries");
	/* more.yaml was read, and its include brought d/ in after c/ */
	cr_assert_gt(one->files.n, 8);
	cr_assert(strstr(one->files.v[one->files.n - 1].path, "d/gen-"), "%s",
	          one->files.v[one->files.n - 1].path);
	int unknown = 0;
	for (uint32_t i = 0; i < one->diags.list.n; i++)
		unknown +=
		    strstr(one->diags.list.v[i].msg, "favourite") != NULL;
	cr_assert_eq(unknown, 1);
	for (unsigned t = 2; t <= 5; t++) {
		kith_load_set_parallel(t, 0);
		kith_journal *many = load_corpus(c);
		same(one, many);
		kith_journal_free(many);
	}
	/* a run below the size bound stays on one thread: same result */
	kith_load_set_parallel(4, (size_t)1 << 30);
	kith_journal *small = load_corpus(c);
	same(one, small);
	kith_journal_free(small);
	kith_load_set_parallel(0, (size_t)4 << 20);
	kith_journal_free(one);
	corpus_free(c);
}
