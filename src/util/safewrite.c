/* The one safe-write path (util/safewrite.h): snapshots taken at read,
 * checks of the target, temp files beside it, all-or-nothing commits of
 * one or more files, cleanup on signals, and the journal lock. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/safewrite.h"
#include "util/util.h"

/* ---- messages, indexed by kith_sw_status ---- */
static const char *const sw_reason[KITH_SW_STATUS_COUNT] = {
    [KITH_SW_OK] = "written",
    [KITH_SW_ERRNO] = NULL, /* strerror */
    [KITH_SW_CHANGED] = "changed on disk since kith read it; nothing "
                        "written (run the command again to start from the "
                        "new text)",
    [KITH_SW_EXISTS] = "already exists; nothing written (kith never "
                       "overwrites it)",
    [KITH_SW_HARDLINK] = "has other hard links that replacing it would "
                         "split; nothing written (use --force to write it "
                         "anyway)",
    [KITH_SW_READONLY] = "is read-only; nothing written (make it writable, "
                         "or use --force)",
    [KITH_SW_OWNER] = "belongs to an owner or group kith cannot give the "
                      "new file; nothing written (run as its owner, or use "
                      "--force)",
    [KITH_SW_NOREADER] = "is a FIFO with no reader; nothing written (start "
                         "the reader first)",
    [KITH_SW_DANGLING] = "is a symlink to a file that does not exist; "
                         "nothing written",
    [KITH_SW_ISDIR] = "is a folder; nothing written",
    [KITH_SW_NOTFILE] = "is a socket or other special file kith cannot "
                        "write; nothing written",
};

const char *kith_sw_message(const kith_sw_error *e, char *buf, size_t size)
{
	if (e->status == KITH_SW_ERRNO)
		snprintf(buf, size, "cannot write '%s': %s; %s", e->path,
		         strerror(e->err),
		         e->partial ? "part of the output may have been written"
		                    : "nothing written");
	else
		snprintf(buf, size, "'%s' %s", e->path, sw_reason[e->status]);
	return buf;
}

static int fail(kith_sw_error *e, kith_sw_status st, int err,
                const char *display)
{
	e->status = st;
	e->err = err;
	snprintf(e->path, sizeof e->path, "%s", display);
	return -1;
}

/* ---- snapshots ---- */
void kith_snapshot_of(kith_snapshot *s, const char *p, size_t n,
                      const struct stat *st)
{
	memset(s, 0, sizeof *s);
	s->taken = 1;
	if (!st)
		return;
	s->exists = 1;
	s->size = (uint64_t)n;
	s->mtime_ns =
	    (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
	s->hash = kith_hash(p, n);
}

int kith_read_file_snap(const char *path, size_t max, char **out, size_t *len,
                        kith_snapshot *s)
{
	struct stat st;

	memset(s, 0, sizeof *s);
	if (kith_read_file_st(path, max, out, len, &st) != 0) {
		if (errno != ENOENT)
			return -1;
		kith_snapshot_of(s, NULL, 0, NULL);
		*out = NULL;
		*len = 0;
		return 0;
	}
	kith_snapshot_of(s, *out, *len, &st);
	return 0;
}

/* 1 when the file at path is no longer what the snapshot saw. The size and
 * mtime are a shortcut; the content hash decides (a save of the same text
 * is not a change; a change within one mtime tick still is). */
static int snapshot_changed(const kith_snapshot *s, const char *path)
{
	struct stat st;
	char *text;
	size_t len;
	int changed;

	if (!s || !s->taken)
		return 0;
	if (stat(path, &st) != 0)
		return s->exists || errno != ENOENT;
	if (!s->exists || (uint64_t)st.st_size != s->size)
		return 1;
	if (kith_read_file(path, (size_t)st.st_size + 1, &text, &len) != 0)
		return 1;
	changed = len != s->size || kith_hash(text, len) != s->hash;
	free(text);
	return changed;
}

/* ---- temp files: registered so a signal handler can remove them ---- */
#define MAX_TEMPS 256
static char *temps[MAX_TEMPS];
static volatile sig_atomic_t ntemps;
static struct sigaction old_int, old_term;
static int handlers_set;

static void on_signal(int sig)
{
	sig_atomic_t i;
	for (i = 0; i < ntemps; i++)
		if (temps[i])
			unlink(temps[i]);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	raise(sig);
}

static void block_signals(sigset_t *old)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, old);
}

/* An exit() while temps are staged (out of memory, a fatal error) must
 * not leave them behind either. */
static void remove_temps_at_exit(void)
{
	sig_atomic_t i;
	for (i = 0; i < ntemps; i++)
		if (temps[i])
			unlink(temps[i]);
}

static void set_handlers(void)
{
	struct sigaction sa;

	if (handlers_set)
		return;
	atexit(remove_temps_at_exit);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, NULL, &old_int);
	sigaction(SIGTERM, NULL, &old_term);
	/* a signal the parent ignores stays ignored */
	if (old_int.sa_handler != SIG_IGN)
		sigaction(SIGINT, &sa, NULL);
	if (old_term.sa_handler != SIG_IGN)
		sigaction(SIGTERM, &sa, NULL);
	handlers_set = 1;
}

static int temp_register(char *path)
{
	sigset_t old;
	int ok = 0;

	set_handlers();
	block_signals(&old);
	if (ntemps < MAX_TEMPS) {
		temps[ntemps] = path;
		ntemps = ntemps + 1;
		ok = 1;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return ok;
}

static void temp_forget(const char *path)
{
	sigset_t old;
	sig_atomic_t i;

	block_signals(&old);
	for (i = 0; i < ntemps; i++)
		if (temps[i] == path) {
			temps[i] = temps[ntemps - 1];
			ntemps = ntemps - 1;
			break;
		}
	sigprocmask(SIG_SETMASK, &old, NULL);
}

/* "DIR/.NAME.kith-XXXXXX", or "DIR/.kith-XXXXXX" when NAME is so long the
 * longer form would pass NAME_MAX. */
static char *temp_template(const char *real)
{
	const char *slash = strrchr(real, '/');
	size_t dn = slash ? (size_t)(slash - real) + 1 : 0;
	const char *base = real + dn;
	kith_buf b = {0};

	kith_buf_put(&b, real, dn);
	if (strlen(base) + 13 <= NAME_MAX)
		kith_buf_printf(&b, ".%s.kith-XXXXXX", base);
	else
		kith_buf_puts(&b, ".kith-XXXXXX");
	kith_buf_cstr(&b);
	return b.p;
}

/* The folder of real in buf (no allocation: used while committing). */
static const char *dir_of(const char *real, char *buf, size_t size)
{
	const char *slash = strrchr(real, '/');
	size_t n = slash ? (size_t)(slash - real) : 0;
	if (!slash)
		return ".";
	if (slash == real)
		return "/";
	if (n >= size)
		n = size - 1;
	memcpy(buf, real, n);
	buf[n] = '\0';
	return buf;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (w == 0) {
			errno = EIO;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc = 0;
	if (fd < 0)
		return -1;
	if (fsync(fd) != 0 && errno != EINVAL)
		rc = -1;
	close(fd);
	return rc;
}

/* ---- one staged file ---- */
typedef enum { TARGET_REPLACE, TARGET_THROUGH, TARGET_FD } target_kind;

typedef struct {
	target_kind kind;
	char *real;        /* the file replaced or written through */
	char *tmp;         /* staged temp (TARGET_REPLACE) */
	char *backup;      /* hard link to the original while committing */
	char *backup_name; /* its template, made at put: commit allocates
	                      nothing, so running out of memory cannot stop
	                      it half way */
	char *display;     /* shown in errors */
	int fd;            /* TARGET_FD */
	int existed, done;
	unsigned flags;
	kith_snapshot snap;
	const char *p; /* TARGET_THROUGH/FD: bytes, written at commit */
	size_t n;
} staged;

struct kith_txn {
	KITH_VEC(staged) files;
};

kith_txn *kith_txn_new(void)
{
	return kith_xcalloc(1, sizeof(kith_txn));
}

static void staged_free(staged *s)
{
	if (s->tmp) {
		unlink(s->tmp);
		temp_forget(s->tmp);
	}
	if (s->backup) {
		unlink(s->backup);
		temp_forget(s->backup);
	}
	free(s->tmp);
	free(s->backup);
	free(s->backup_name);
	free(s->real);
	free(s->display);
	free((void *)s->p);
}

void kith_txn_free(kith_txn *t)
{
	uint32_t i;
	if (!t)
		return;
	for (i = 0; i < t->files.n; i++)
		staged_free(&t->files.v[i]);
	kith_vec_free(&t->files);
	free(t);
}

/* /dev/stdout, /dev/stderr, /dev/fd/N and /proc/self/fd/N name a
 * descriptor kith already holds: write to it, never reopen the file it
 * points at (which would replace a redirected file). */
static int named_fd(const char *path)
{
	const char *num = NULL;
	char *end;
	long v;

	if (!strcmp(path, "/dev/stdout"))
		return 1;
	if (!strcmp(path, "/dev/stderr"))
		return 2;
	if (!strncmp(path, "/dev/fd/", 8))
		num = path + 8;
	else if (!strncmp(path, "/proc/self/fd/", 14))
		num = path + 14;
	if (!num || !*num)
		return -1;
	v = strtol(num, &end, 10);
	return *end || v < 0 || v > INT_MAX ? -1 : (int)v;
}

/* Resolves path to the file a write would change: *real is malloc'd; *st
 * is filled and *exists set when it exists. */
static int resolve(const char *path, const char *display, char **real,
                   struct stat *st, int *exists, kith_sw_error *e)
{
	struct stat lst;

	*real = NULL;
	*exists = 0;
	if (lstat(path, &lst) != 0) {
		if (errno != ENOENT)
			return fail(e, KITH_SW_ERRNO, errno, display);
		*real = kith_xstrdup(path);
		return 0;
	}
	if (S_ISLNK(lst.st_mode)) {
		*real = realpath(path, NULL);
		if (!*real)
			return fail(e,
			            errno == ENOENT ? KITH_SW_DANGLING
			                            : KITH_SW_ERRNO,
			            errno, display);
		if (stat(*real, st) != 0) {
			int err = errno;
			free(*real);
			*real = NULL;
			return fail(e, KITH_SW_ERRNO, err, display);
		}
	} else {
		*st = lst;
		*real = kith_xstrdup(path);
	}
	*exists = 1;
	return 0;
}

/* Refusals for an existing regular file that would be replaced. */
static int check_replace(const struct stat *st, const char *real,
                         const char *display, unsigned flags, kith_sw_error *e)
{
	if (flags & KITH_SW_CREATE)
		return fail(e, KITH_SW_EXISTS, 0, display);
	if (flags & KITH_SW_FORCE)
		return 0;
	if (st->st_nlink > 1)
		return fail(e, KITH_SW_HARDLINK, 0, display);
	if (!(st->st_mode & 0222) || access(real, W_OK) != 0)
		return fail(e, KITH_SW_READONLY, 0, display);
	return 0;
}

static mode_t new_file_mode(void)
{
	mode_t m = umask(0);
	umask(m);
	return 0666 & ~m;
}

/* Gives the temp the target's owner, group and mode (owner first: chown
 * clears set-id bits). */
static int keep_attrs(int fd, const struct stat *st, int existed,
                      unsigned flags, const char *display, kith_sw_error *e)
{
	struct stat ts;

	if (!existed)
		return fchmod(fd, new_file_mode()) == 0
		           ? 0
		           : fail(e, KITH_SW_ERRNO, errno, display);
	if (fstat(fd, &ts) != 0)
		return fail(e, KITH_SW_ERRNO, errno, display);
	if ((ts.st_uid != st->st_uid || ts.st_gid != st->st_gid) &&
	    fchown(fd, st->st_uid, st->st_gid) != 0 && !(flags & KITH_SW_FORCE))
		return fail(e, KITH_SW_OWNER, 0, display);
	if (fchmod(fd, st->st_mode & 07777) != 0)
		return fail(e, KITH_SW_ERRNO, errno, display);
	return 0;
}

/* Writes the bytes to a new temp beside the target. */
static int stage_temp(staged *s, const struct stat *st, const void *p, size_t n,
                      kith_sw_error *e)
{
	char *tmp = temp_template(s->real);
	int fd, err;

	if (!temp_register(tmp)) {
		free(tmp);
		return fail(e, KITH_SW_ERRNO, EMFILE, s->display);
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		err = errno;
		temp_forget(tmp);
		free(tmp);
		return fail(e, KITH_SW_ERRNO, err, s->display);
	}
	s->tmp = tmp;
	if (write_all(fd, p, n) != 0 || fsync(fd) != 0) {
		err = errno;
		close(fd);
		return fail(e, KITH_SW_ERRNO, err, s->display);
	}
	if (keep_attrs(fd, st, s->existed, s->flags, s->display, e) != 0) {
		close(fd);
		return -1;
	}
	if (close(fd) != 0)
		return fail(e, KITH_SW_ERRNO, errno, s->display);
	return 0;
}

static int stage(staged *s, const char *path, const void *p, size_t n,
                 kith_sw_error *e)
{
	struct stat st;
	int fd = named_fd(path);

	memset(&st, 0, sizeof st);
	if (fd >= 0) {
		s->kind = TARGET_FD;
		s->fd = fd;
		s->p = kith_xstrndup(p, n);
		s->n = n;
		return 0;
	}
	if (resolve(path, s->display, &s->real, &st, &s->existed, e) != 0)
		return -1;
	if (s->existed && S_ISDIR(st.st_mode))
		return fail(e, KITH_SW_ISDIR, 0, s->display);
	if (s->existed && S_ISSOCK(st.st_mode))
		return fail(e, KITH_SW_NOTFILE, 0, s->display);
	if (s->existed && !S_ISREG(st.st_mode)) {
		s->kind = TARGET_THROUGH;
		s->p = kith_xstrndup(p, n);
		s->n = n;
		return 0;
	}
	if (s->existed &&
	    check_replace(&st, s->real, s->display, s->flags, e) != 0)
		return -1;
	s->kind = TARGET_REPLACE;
	if (s->existed)
		s->backup_name = temp_template(s->real);
	return stage_temp(s, &st, p, n, e);
}

int kith_txn_put(kith_txn *t, const char *path, const char *display,
                 const void *p, size_t n, const kith_snapshot *snap,
                 unsigned flags, kith_sw_error *e)
{
	staged *s = kith_vec_push(&t->files);

	memset(e, 0, sizeof *e);
	s->display = kith_xstrdup(display ? display : path);
	s->flags = flags;
	s->fd = -1;
	if (snap)
		s->snap = *snap;
	if (stage(s, path, p, n, e) != 0) {
		staged_free(s);
		t->files.n--;
		return -1;
	}
	return 0;
}

/* Writes through to a device, FIFO, terminal or held descriptor. */
static int write_through(staged *s, kith_sw_error *e)
{
	int fd = s->fd, flags;

	if (s->kind == TARGET_THROUGH) {
		fd =
		    open(s->real, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
		if (fd < 0)
			return fail(e,
			            errno == ENXIO ? KITH_SW_NOREADER
			                           : KITH_SW_ERRNO,
			            errno, s->display);
		flags = fcntl(fd, F_GETFL);
		if (flags >= 0)
			fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	}
	if (write_all(fd, s->p, s->n) != 0) {
		int err = errno;
		if (s->kind == TARGET_THROUGH)
			close(fd);
		e->partial = 1;
		return fail(e, KITH_SW_ERRNO, err, s->display);
	}
	if (s->kind == TARGET_THROUGH && close(fd) != 0) {
		e->partial = 1;
		return fail(e, KITH_SW_ERRNO, errno, s->display);
	}
	return 0;
}

/* A hard link to the original, so a failed commit can put it back. */
static int make_backup(staged *s)
{
	char *b = s->backup_name;
	int fd, err = 0;

	s->backup_name = NULL;
	if (!temp_register(b)) {
		free(b);
		errno = EMFILE;
		return -1;
	}
	fd = mkstemp(b); /* reserves a unique name, then frees it for link */
	if (fd < 0)
		err = errno;
	else {
		close(fd);
		unlink(b);
		if (link(s->real, b) != 0)
			err = errno;
	}
	if (err) {
		temp_forget(b);
		free(b);
		errno = err;
		return -1;
	}
	s->backup = b;
	return 0;
}

static int no_hard_links(int err)
{
	return err == EPERM || err == ENOTSUP || err == EOPNOTSUPP ||
	       err == EMLINK || err == ENOSYS;
}

/* Moves the temp into place: a new file by link (fails if one appeared
 * meanwhile: never clobbered), an existing one by rename. */
static int install(staged *s)
{
	if (!s->existed) {
		if (link(s->tmp, s->real) == 0)
			unlink(s->tmp);
		else if (!no_hard_links(errno))
			return -1;
		else if (access(s->real, F_OK) == 0) {
			errno = EEXIST;
			return -1;
		} else if (rename(s->tmp, s->real) != 0)
			/* a file system without hard links (FAT, some network
			 * mounts): a rename right after the check instead */
			return -1;
	} else if (rename(s->tmp, s->real) != 0)
		return -1;
	temp_forget(s->tmp);
	free(s->tmp);
	s->tmp = NULL;
	s->done = 1;
	return 0;
}

static void rollback(kith_txn *t)
{
	uint32_t i = t->files.n;
	while (i--) {
		staged *s = &t->files.v[i];
		if (!s->done || s->kind != TARGET_REPLACE)
			continue;
		if (s->backup) {
			/* if the rename back fails, the link is the only copy
			 * of the original: keep it, never unlink it */
			rename(s->backup, s->real);
			temp_forget(s->backup);
			free(s->backup);
			s->backup = NULL;
		} else if (!s->existed)
			unlink(s->real);
		s->done = 0;
	}
}

static int verify(kith_txn *t, kith_sw_error *e)
{
	uint32_t i;
	for (i = 0; i < t->files.n; i++) {
		staged *s = &t->files.v[i];
		if (s->kind == TARGET_REPLACE &&
		    snapshot_changed(&s->snap, s->real))
			return fail(e, KITH_SW_CHANGED, 0, s->display);
		if (s->kind == TARGET_REPLACE && !s->existed &&
		    access(s->real, F_OK) == 0)
			return fail(e,
			            s->flags & KITH_SW_CREATE ? KITH_SW_EXISTS
			                                      : KITH_SW_CHANGED,
			            0, s->display);
	}
	return 0;
}

static int commit_files(kith_txn *t, kith_sw_error *e)
{
	uint32_t i;
	int many = t->files.n > 1;

	for (i = 0; i < t->files.n; i++)
		if (t->files.v[i].kind != TARGET_REPLACE &&
		    write_through(&t->files.v[i], e) != 0)
			return -1;
	for (i = 0; i < t->files.n; i++) {
		staged *s = &t->files.v[i];
		if (s->kind != TARGET_REPLACE)
			continue;
		if ((many && s->existed && make_backup(s) != 0) ||
		    install(s) != 0) {
			int err = errno;
			rollback(t);
			return fail(
			    e, err == EEXIST ? KITH_SW_EXISTS : KITH_SW_ERRNO,
			    err, s->display);
		}
	}
	for (i = 0; i < t->files.n; i++) {
		staged *s = &t->files.v[i];
		char buf[PATH_MAX];
		if (s->kind != TARGET_REPLACE)
			continue;
		/* the rename is done; a failed folder fsync is reported so
		 * the user knows durability is not certain */
		if (fsync_dir(dir_of(s->real, buf, sizeof buf)) != 0) {
			e->partial = 1;
			return fail(e, KITH_SW_ERRNO, errno, s->display);
		}
	}
	return 0;
}

int kith_txn_commit(kith_txn *t, kith_sw_error *e)
{
	sigset_t old;
	int rc;

	memset(e, 0, sizeof *e);
	block_signals(&old);
	rc = verify(t, e);
	if (rc == 0)
		rc = commit_files(t, e);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return rc;
}

int kith_safe_write(const char *path, const char *display, const void *p,
                    size_t n, const kith_snapshot *snap, unsigned flags,
                    kith_sw_error *e)
{
	kith_txn *t = kith_txn_new();
	int rc = kith_txn_put(t, path, display, p, n, snap, flags, e);
	if (rc == 0)
		rc = kith_txn_commit(t, e);
	kith_txn_free(t);
	return rc;
}

/* ---- the journal lock ---- */
int kith_journal_lock(const char *root_dir, kith_sw_error *e)
{
	int fd = open(root_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	memset(e, 0, sizeof *e);
	if (fd < 0)
		return fail(e, KITH_SW_ERRNO, errno, root_dir);
	while (flock(fd, LOCK_EX) != 0) {
		if (errno == EINTR)
			continue;
		int err = errno;
		close(fd);
		return fail(e, KITH_SW_ERRNO, err, root_dir);
	}
	return fd;
}

void kith_journal_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}
