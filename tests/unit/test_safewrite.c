/* The safe-write path (util/safewrite.h): conflicts, symlinks, hard links,
 * read-only files, devices and FIFOs, all-or-nothing transactions, temp
 * cleanup and the journal lock, each in a fresh temporary folder. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/safewrite.h"
#include "util/util.h"

static char dir[400];

static void setup(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/kith-sw-XXXXXX",
	         tmp && *tmp ? tmp : "/tmp");
	cr_assert_not_null(mkdtemp(dir));
}

static void teardown(void)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(safewrite, .init = setup, .fini = teardown);

static char *in(const char *name)
{
	static char buf[4][1024];
	static int k;
	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
	return buf[k];
}

static void put(const char *name, const char *text)
{
	FILE *f = fopen(in(name), "w");
	cr_assert_not_null(f);
	fputs(text, f);
	cr_assert_eq(fclose(f), 0);
}

static void expect(const char *name, const char *text)
{
	char *got;
	size_t len;
	cr_assert_eq(kith_read_file(in(name), 1 << 20, &got, &len), 0, "%s",
	             name);
	cr_assert_str_eq(got, text);
	free(got);
}

/* Files in the folder other than the ones the test made: stray temps. */
static int count_entries(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;
	cr_assert_not_null(d);
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

static int write_text(const char *name, const char *text,
                      const kith_snapshot *snap, unsigned flags,
                      kith_sw_error *e)
{
	return kith_safe_write(in(name), name, text, strlen(text), snap, flags,
	                       e);
}

Test(safewrite, replaces_and_keeps_mode)
{
	kith_sw_error e;
	struct stat st;
	put("a.md", "old\n");
	cr_assert_eq(chmod(in("a.md"), 0640), 0);
	cr_assert_eq(write_text("a.md", "new\n", NULL, 0, &e), 0);
	expect("a.md", "new\n");
	cr_assert_eq(stat(in("a.md"), &st), 0);
	cr_assert_eq(st.st_mode & 07777, 0640);
	cr_assert_eq(count_entries(), 1);
}

Test(safewrite, new_file_gets_umask_mode)
{
	kith_sw_error e;
	struct stat st;
	mode_t old = umask(022);
	cr_assert_eq(write_text("n.md", "x\n", NULL, KITH_SW_CREATE, &e), 0);
	umask(old);
	cr_assert_eq(stat(in("n.md"), &st), 0);
	cr_assert_eq(st.st_mode & 07777, 0644);
}

Test(safewrite, refuses_a_file_changed_since_read)
{
	kith_sw_error e;
	kith_snapshot s;
	char *text, msg[1024];
	size_t len;

	put("a.md", "mine\n");
	cr_assert_eq(kith_read_file_snap(in("a.md"), 1 << 20, &text, &len, &s),
	             0);
	free(text);
	put("a.md", "edited\n"); /* an editor saves meanwhile */
	cr_assert_eq(write_text("a.md", "kith\n", &s, 0, &e), -1);
	cr_assert_eq(e.status, KITH_SW_CHANGED);
	expect("a.md", "edited\n");
	cr_assert_str_eq(kith_sw_message(&e, msg, sizeof msg),
	                 "'a.md' changed on disk since kith read it; nothing "
	                 "written (run the command again to start from the new "
	                 "text)");
	cr_assert_eq(count_entries(), 1);
}

Test(safewrite, same_size_change_is_seen)
{
	kith_sw_error e;
	kith_snapshot s;
	char *text;
	size_t len;

	put("a.md", "aaaa\n");
	cr_assert_eq(kith_read_file_snap(in("a.md"), 1 << 20, &text, &len, &s),
	             0);
	free(text);
	put("a.md", "bbbb\n"); /* same size, maybe the same mtime tick */
	cr_assert_eq(write_text("a.md", "kith\n", &s, 0, &e), -1);
	cr_assert_eq(e.status, KITH_SW_CHANGED);
	expect("a.md", "bbbb\n");
}

Test(safewrite, file_created_since_read_is_a_change)
{
	kith_sw_error e;
	kith_snapshot s;
	char *text;
	size_t len;

	cr_assert_eq(kith_read_file_snap(in("m.md"), 1 << 20, &text, &len, &s),
	             0);
	cr_assert_null(text);
	cr_assert_eq(s.exists, 0);
	put("m.md", "someone else\n");
	cr_assert_eq(write_text("m.md", "kith\n", &s, 0, &e), -1);
	cr_assert_eq(e.status, KITH_SW_CHANGED);
	expect("m.md", "someone else\n");
}

Test(safewrite, unchanged_snapshot_writes)
{
	kith_sw_error e;
	kith_snapshot s;
	char *text;
	size_t len;

	put("a.md", "one\n");
	cr_assert_eq(kith_read_file_snap(in("a.md"), 1 << 20, &text, &len, &s),
	             0);
	free(text);
	cr_assert_eq(write_text("a.md", "two\n", &s, 0, &e), 0);
	expect("a.md", "two\n");
}

Test(safewrite, symlink_is_followed_and_kept)
{
	kith_sw_error e;
	struct stat st;
	char target[512];
	ssize_t n;

	put("real.md", "old\n");
	cr_assert_eq(symlink("real.md", in("link.md")), 0);
	cr_assert_eq(write_text("link.md", "new\n", NULL, 0, &e), 0);
	cr_assert_eq(lstat(in("link.md"), &st), 0);
	cr_assert(S_ISLNK(st.st_mode));
	n = readlink(in("link.md"), target, sizeof target - 1);
	cr_assert_eq(n, 7);
	expect("real.md", "new\n");
}

Test(safewrite, dangling_symlink_is_refused)
{
	kith_sw_error e;
	cr_assert_eq(symlink("missing.md", in("link.md")), 0);
	cr_assert_eq(write_text("link.md", "new\n", NULL, 0, &e), -1);
	cr_assert_eq(e.status, KITH_SW_DANGLING);
	cr_assert_eq(access(in("missing.md"), F_OK), -1);
}

Test(safewrite, hard_link_refused_unless_forced)
{
	kith_sw_error e;
	struct stat st;

	put("a.md", "old\n");
	cr_assert_eq(link(in("a.md"), in("b.md")), 0);
	cr_assert_eq(write_text("a.md", "new\n", NULL, 0, &e), -1);
	cr_assert_eq(e.status, KITH_SW_HARDLINK);
	expect("a.md", "old\n");
	cr_assert_eq(write_text("a.md", "new\n", NULL, KITH_SW_FORCE, &e), 0);
	expect("a.md", "new\n");
	expect("b.md", "old\n");
	cr_assert_eq(stat(in("b.md"), &st), 0);
	cr_assert_eq(st.st_nlink, 1);
}

Test(safewrite, read_only_refused_unless_forced)
{
	kith_sw_error e;
	struct stat st;

	put("a.md", "old\n");
	cr_assert_eq(chmod(in("a.md"), 0444), 0);
	cr_assert_eq(write_text("a.md", "new\n", NULL, 0, &e), -1);
	cr_assert_eq(e.status, KITH_SW_READONLY);
	expect("a.md", "old\n");
	cr_assert_eq(write_text("a.md", "new\n", NULL, KITH_SW_FORCE, &e), 0);
	expect("a.md", "new\n");
	cr_assert_eq(stat(in("a.md"), &st), 0);
	cr_assert_eq(st.st_mode & 07777, 0444);
}

Test(safewrite, create_never_overwrites)
{
	kith_sw_error e;
	put("a.md", "old\n");
	cr_assert_eq(write_text("a.md", "new\n", NULL, KITH_SW_CREATE, &e), -1);
	cr_assert_eq(e.status, KITH_SW_EXISTS);
	expect("a.md", "old\n");
	cr_assert_eq(count_entries(), 1);
}

Test(safewrite, device_is_written_through)
{
	kith_sw_error e;
	struct stat st;
	cr_assert_eq(kith_safe_write("/dev/null", NULL, "x", 1, NULL, 0, &e),
	             0);
	cr_assert_eq(stat("/dev/null", &st), 0);
	cr_assert(S_ISCHR(st.st_mode));
}

Test(safewrite, fifo_without_reader_fails_at_once)
{
	kith_sw_error e;
	cr_assert_eq(mkfifo(in("f"), 0600), 0);
	cr_assert_eq(write_text("f", "x", NULL, 0, &e), -1);
	cr_assert_eq(e.status, KITH_SW_NOREADER);
}

Test(safewrite, fifo_with_reader_gets_the_bytes)
{
	kith_sw_error e;
	char buf[16] = {0};
	int fd;
	cr_assert_eq(mkfifo(in("f"), 0600), 0);
	fd = open(in("f"), O_RDONLY | O_NONBLOCK);
	cr_assert_geq(fd, 0);
	cr_assert_eq(write_text("f", "hello", NULL, 0, &e), 0);
	cr_assert_eq(read(fd, buf, sizeof buf - 1), 5);
	cr_assert_str_eq(buf, "hello");
	close(fd);
}

Test(safewrite, folder_is_refused)
{
	kith_sw_error e;
	cr_assert_eq(mkdir(in("d"), 0700), 0);
	cr_assert_eq(write_text("d", "x", NULL, 0, &e), -1);
	cr_assert_eq(e.status, KITH_SW_ISDIR);
}

Test(safewrite, long_name_is_rewritable)
{
	kith_sw_error e;
	char name[256];
	memset(name, 'n', 250);
	strcpy(name + 250, ".md");
	put(name, "old\n");
	cr_assert_eq(write_text(name, "new\n", NULL, 0, &e), 0);
	expect(name, "new\n");
	cr_assert_eq(count_entries(), 1);
}

Test(safewrite, missing_folder_leaves_nothing)
{
	kith_sw_error e;
	cr_assert_eq(write_text("no/such.md", "x", NULL, 0, &e), -1);
	cr_assert_eq(e.status, KITH_SW_ERRNO);
	cr_assert_eq(e.err, ENOENT);
	cr_assert_eq(count_entries(), 0);
}

Test(safewrite, txn_is_all_or_nothing_on_a_refusal)
{
	kith_txn *t = kith_txn_new();
	kith_sw_error e;

	put("b.md", "exists\n");
	cr_assert_eq(kith_txn_put(t, in("a.md"), NULL, "A\n", 2, NULL,
	                          KITH_SW_CREATE, &e),
	             0);
	cr_assert_eq(kith_txn_put(t, in("b.md"), NULL, "B\n", 2, NULL,
	                          KITH_SW_CREATE, &e),
	             -1);
	cr_assert_eq(e.status, KITH_SW_EXISTS);
	kith_txn_free(t);
	cr_assert_eq(access(in("a.md"), F_OK), -1);
	expect("b.md", "exists\n");
	cr_assert_eq(count_entries(), 1);
}

Test(safewrite, txn_conflict_at_commit_changes_nothing)
{
	kith_txn *t = kith_txn_new();
	kith_sw_error e;
	kith_snapshot s;
	char *text;
	size_t len;

	put("a.md", "a0\n");
	put("b.md", "b0\n");
	cr_assert_eq(kith_read_file_snap(in("b.md"), 1 << 20, &text, &len, &s),
	             0);
	free(text);
	cr_assert_eq(kith_txn_put(t, in("a.md"), NULL, "a1\n", 3, NULL, 0, &e),
	             0);
	cr_assert_eq(kith_txn_put(t, in("b.md"), NULL, "b1\n", 3, &s, 0, &e),
	             0);
	put("b.md", "b-edited\n");
	cr_assert_eq(kith_txn_commit(t, &e), -1);
	cr_assert_eq(e.status, KITH_SW_CHANGED);
	kith_txn_free(t);
	expect("a.md", "a0\n");
	expect("b.md", "b-edited\n");
	cr_assert_eq(count_entries(), 2);
}

/* Removes the staged temp of name, so its rename fails at commit. */
static void steal_temp(const char *name)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char prefix[300];
	int n = 0;
	snprintf(prefix, sizeof prefix, ".%s.kith-", name);
	while ((e = readdir(d)))
		if (!strncmp(e->d_name, prefix, strlen(prefix))) {
			cr_assert_eq(unlink(in(e->d_name)), 0);
			n++;
		}
	closedir(d);
	cr_assert_eq(n, 1);
}

Test(safewrite, txn_failure_midway_restores_the_first_files)
{
	kith_txn *t = kith_txn_new();
	kith_sw_error e;

	put("a.md", "a0\n");
	put("c.md", "c0\n");
	cr_assert_eq(kith_txn_put(t, in("a.md"), NULL, "a1\n", 3, NULL, 0, &e),
	             0);
	cr_assert_eq(kith_txn_put(t, in("b.md"), NULL, "b1\n", 3, NULL,
	                          KITH_SW_CREATE, &e),
	             0);
	cr_assert_eq(kith_txn_put(t, in("c.md"), NULL, "c1\n", 3, NULL, 0, &e),
	             0);
	steal_temp("c.md");
	cr_assert_eq(kith_txn_commit(t, &e), -1);
	cr_assert_eq(e.status, KITH_SW_ERRNO);
	kith_txn_free(t);
	expect("a.md", "a0\n");
	expect("c.md", "c0\n");
	cr_assert_eq(access(in("b.md"), F_OK), -1);
	cr_assert_eq(count_entries(), 2);
}

Test(safewrite, txn_commits_every_file)
{
	kith_txn *t = kith_txn_new();
	kith_sw_error e;

	put("a.md", "a0\n");
	cr_assert_eq(kith_txn_put(t, in("a.md"), NULL, "a1\n", 3, NULL, 0, &e),
	             0);
	cr_assert_eq(kith_txn_put(t, in("b.md"), NULL, "b1\n", 3, NULL,
	                          KITH_SW_CREATE, &e),
	             0);
	cr_assert_eq(kith_txn_commit(t, &e), 0);
	kith_txn_free(t);
	expect("a.md", "a1\n");
	expect("b.md", "b1\n");
	cr_assert_eq(count_entries(), 2);
}

Test(safewrite, journal_lock_excludes_a_second_writer)
{
	kith_sw_error e;
	int fd = kith_journal_lock(dir, &e), other;

	cr_assert_geq(fd, 0);
	other = open(dir, O_RDONLY | O_DIRECTORY);
	cr_assert_geq(other, 0);
	cr_assert_eq(flock(other, LOCK_EX | LOCK_NB), -1);
	cr_assert_eq(errno, EWOULDBLOCK);
	kith_journal_unlock(fd);
	cr_assert_eq(flock(other, LOCK_EX | LOCK_NB), 0);
	close(other);
	cr_assert_eq(count_entries(), 0); /* no lock file in the journal */
}

Test(safewrite, read_refuses_a_fifo_at_once)
{
	char *text;
	size_t len;
	cr_assert_eq(mkfifo(in("f"), 0600), 0);
	cr_assert_eq(kith_read_file(in("f"), 1 << 20, &text, &len), -1);
	cr_assert_eq(errno, KITH_ENOTREG);
	cr_assert_str_eq(kith_strerror(KITH_ENOTREG),
	                 "not a regular file (a FIFO, device or socket); kith "
	                 "reads only regular files");
}
