/* Loading the journal's files (util/file.c): kith_load_text maps large
 * files and reads small ones, and either way gives the text with a NUL
 * and 64 zero bytes past its end, as the loaders' scanners expect. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/util.h"

static char dir[400];

static void setup(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/kith-file-XXXXXX",
	         tmp && *tmp ? tmp : "/tmp");
	cr_assert_not_null(mkdtemp(dir));
}

static void teardown(void)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(file, .init = setup, .fini = teardown);

static const char *in(const char *name)
{
	static char buf[1024];
	snprintf(buf, sizeof buf, "%s/%s", dir, name);
	return buf;
}

/* Writes n bytes of a repeating line pattern; returns the bytes. */
static char *put(const char *name, size_t n)
{
	char *b = malloc(n + 1);
	FILE *f;
	cr_assert_not_null(b);
	for (size_t i = 0; i < n; i++)
		b[i] = i % 61 == 60 ? '\n' : (char)('a' + i % 26);
	b[n] = '\0';
	f = fopen(in(name), "w");
	cr_assert_not_null(f);
	cr_assert_eq(fwrite(b, 1, n, f), n);
	cr_assert_eq(fclose(f), 0);
	return b;
}

/* Loads name and compares it with want; returns whether it was mapped. */
static int load(const char *name, const char *want, size_t n)
{
	char *text;
	size_t len;
	int mapped;
	cr_assert_eq(
	    kith_load_text(in(name), (size_t)1 << 30, &text, &len, &mapped), 0,
	    "%s: %s", name, strerror(errno));
	cr_assert_eq(len, n);
	cr_assert_eq(memcmp(text, want, n), 0);
	for (size_t i = 0; i < 65; i++)
		cr_assert_eq(text[n + i], '\0', "%s: byte %zu past the end",
		             name, i);
	/* its pages given back, the text reads the same */
	kith_text_drop(text, len, mapped);
	cr_assert_eq(memcmp(text, want, n), 0, "%s: changed by a drop", name);
	for (size_t i = 0; i < 65; i++)
		cr_assert_eq(text[n + i], '\0', "%s: byte %zu after a drop",
		             name, i);
	kith_text_free(text, len, mapped);
	return mapped;
}

Test(file, large_files_are_mapped_with_slack)
{
	long page = sysconf(_SC_PAGESIZE);
	/* whole pages (the NUL and slack fall in the next page), a page
	 * but a few bytes, and an odd size */
	size_t sizes[] = {(size_t)page * 16, (size_t)page * 16 - 10,
	                  (size_t)page * 20 + 1234};
	for (size_t i = 0; i < 3; i++) {
		char *b = put("big.md", sizes[i]);
		cr_assert_eq(load("big.md", b, sizes[i]), 1, "size %zu",
		             sizes[i]);
		char *again;
		size_t len;
		cr_assert_eq(
		    kith_read_file(in("big.md"), (size_t)1 << 30, &again, &len),
		    0);
		cr_assert_eq(memcmp(again, b, len), 0, "the file changed");
		cr_assert_eq(len, sizes[i]);
		free(again);
		free(b);
	}
}

/* The permissions /proc/self/maps gives the page holding p ("r--p"...). */
static void perms_of(const void *p, char out[5])
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[512];
	uintptr_t a = (uintptr_t)p;
	out[0] = '\0';
	cr_assert_not_null(f);
	while (fgets(line, sizeof line, f)) {
		unsigned long lo, hi;
		char perms[5];
		if (sscanf(line, "%lx-%lx %4s", &lo, &hi, perms) == 3 &&
		    a >= lo && a < hi) {
			memcpy(out, perms, 5);
			break;
		}
	}
	fclose(f);
}

/* A mapped text is never written, so that dropping its pages (the
 * loader does after a file's records are built) can lose nothing. */
Test(file, mapped_texts_are_read_only)
{
	size_t n = (size_t)sysconf(_SC_PAGESIZE) * 12 + 7;
	char *b = put("ro.md", n), *text, perms[5];
	size_t len;
	int mapped;
	cr_assert_eq(
	    kith_load_text(in("ro.md"), (size_t)1 << 30, &text, &len, &mapped),
	    0);
	cr_assert_eq(mapped, 1);
	perms_of(text, perms);
	cr_assert_str_eq(perms, "r--p");
	perms_of(text + len, perms); /* the NUL and slack past the end */
	cr_assert_str_eq(perms, "r--p");
	kith_text_drop(text, len, mapped);
	cr_assert_eq(memcmp(text, b, n), 0);
	kith_text_free(text, len, mapped);
	free(b);
}

Test(file, small_and_empty_files_are_read)
{
	char *b = put("small.md", 100);
	cr_assert_eq(load("small.md", b, 100), 0);
	free(b);
	b = put("empty.md", 0);
	cr_assert_eq(load("empty.md", b, 0), 0);
	free(b);
}

Test(file, load_text_refuses_what_read_file_refuses)
{
	char *text;
	size_t len;
	int mapped;
	char *b = put("big.md", 100000);
	free(b);
	cr_assert_eq(kith_load_text(in("big.md"), 1000, &text, &len, &mapped),
	             -1);
	cr_assert_eq(errno, EFBIG);
	cr_assert_eq(kith_load_text(dir, 1000, &text, &len, &mapped), -1);
	cr_assert_eq(errno, EISDIR);
	cr_assert_eq(mkfifo(in("fifo"), 0600), 0);
	cr_assert_eq(kith_load_text(in("fifo"), 1000, &text, &len, &mapped),
	             -1);
	cr_assert_eq(errno, KITH_ENOTREG);
	cr_assert_eq(
	    kith_load_text(in("missing.md"), 1000, &text, &len, &mapped), -1);
	cr_assert_eq(errno, ENOENT);
}

static int no_overlay(void *ctx, const char *path, char **out, size_t *len)
{
	(*(int *)ctx)++;
	return 0;
}

Test(file, never_mapped_under_an_overlay)
{
	int asked = 0;
	char *b = put("big.md", 100000);
	kith_read_set_overlay(no_overlay, &asked);
	cr_assert_eq(load("big.md", b, 100000), 0);
	kith_read_set_overlay(NULL, NULL);
	cr_assert_eq(asked, 1);
	free(b);
}
