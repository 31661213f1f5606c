/* The one safe-write path: every file kith writes (-o, fmt --write, add,
 * init, done, imports) goes through these functions. Internal header: any
 * file in src/ and tests/ may include it; nothing in src/ may write a
 * user's file any other way.
 *
 * What a write guarantees (docs/safe-writes.md):
 * - A regular file is replaced atomically: the new bytes go to a temp file
 *   made with mkstemp in the target's own folder, are fsync'd, keep the
 *   target's mode, owner and group, and are renamed over it; the folder is
 *   fsync'd after. A crash leaves the old file or the new one, never half.
 * - A symlink is followed: its final target is replaced, the link stays.
 * - A non-regular target (a device such as /dev/null, a FIFO, a terminal,
 *   /dev/stdout or /dev/fd/N) is written through, never replaced; a FIFO
 *   with no reader is an error at once rather than a hang.
 * - A hard-linked file (a rewrite would split the links), a read-only file
 *   and a file whose owner or group kith cannot keep are refused unless
 *   KITH_SW_FORCE.
 * - With a snapshot taken when kith read the file, the write is refused
 *   if the file changed on disk since (size, mtime in ns or content hash):
 *   "changed on disk since kith read it; nothing written".
 * - Temp files are removed on failure and on SIGINT/SIGTERM; their names
 *   are random (never by PID), hidden and outside any "*.md" glob, so a
 *   temp left by kill -9 is never in the way of a later write.
 * - A transaction (kith_txn) stages several files and renames them all or
 *   none: on a failure the files already replaced are restored and the
 *   new ones removed. SIGINT/SIGTERM are held while it commits.
 * - kith_journal_lock serialises the writers of one journal (flock on the
 *   journal's root folder, so no lock file litters the journal). */
#ifndef KITH_SAFEWRITE_H
#define KITH_SAFEWRITE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

/* What kith saw when it read a file. A zeroed snapshot (taken == 0) means
 * "no snapshot": the write does not check for changes. */
typedef struct {
	int taken;  /* 1 once filled by kith_snapshot_* */
	int exists; /* the file existed when read */
	uint64_t size;
	int64_t mtime_ns;
	uint64_t hash; /* of the content */
} kith_snapshot;

/* Fills *s from bytes just read and the fstat of the descriptor they were
 * read from (st NULL: a file that did not exist). */
void kith_snapshot_of(kith_snapshot *s, const char *p, size_t n,
                      const struct stat *st);
/* Reads path whole (as kith_read_file) and snapshots it. A missing file
 * is not an error: *out is NULL and s->exists is 0. Returns 0, or -1 with
 * errno set. */
int kith_read_file_snap(const char *path, size_t max, char **out, size_t *len,
                        kith_snapshot *s);

enum {
	/* write a hard-linked, read-only or foreign-owned file anyway */
	KITH_SW_FORCE = 1u << 0,
	/* the file must not exist: a new file, never an overwrite */
	KITH_SW_CREATE = 1u << 1
};

/* Why a write was refused or failed. The table in safewrite.c gives each
 * its message; kith_sw_message formats one line for the user. */
typedef enum {
	KITH_SW_OK,
	KITH_SW_ERRNO,    /* a system error, errno in err */
	KITH_SW_CHANGED,  /* changed on disk since the snapshot */
	KITH_SW_EXISTS,   /* KITH_SW_CREATE and the file exists */
	KITH_SW_HARDLINK, /* more than one hard link */
	KITH_SW_READONLY, /* no write permission */
	KITH_SW_OWNER,    /* owner or group could not be kept */
	KITH_SW_NOREADER, /* a FIFO with no reader */
	KITH_SW_DANGLING, /* a symlink to nothing */
	KITH_SW_ISDIR,    /* a folder */
	KITH_SW_NOTFILE,  /* a socket or other non-writable special file */
	KITH_SW_STATUS_COUNT
} kith_sw_status;

typedef struct {
	kith_sw_status status;
	int err;        /* errno, for KITH_SW_ERRNO */
	int partial;    /* a write-through target may hold part of the bytes */
	char path[512]; /* the file concerned, as the caller showed it */
} kith_sw_error;

/* One line, no "kith: " prefix, no newline: "'PATH' changed on disk since
 * kith read it; nothing written". */
const char *kith_sw_message(const kith_sw_error *e, char *buf, size_t size);

/* Writes one file as described above. display: the name shown in errors
 * (NULL: path). snap: NULL or a snapshot from the read. flags: KITH_SW_*.
 * Returns 0, or -1 with *e filled. */
int kith_safe_write(const char *path, const char *display, const void *p,
                    size_t n, const kith_snapshot *snap, unsigned flags,
                    kith_sw_error *e);

/* ---- transactions: several files, all or nothing ---- */
typedef struct kith_txn kith_txn;
kith_txn *kith_txn_new(void);
/* Checks the target and writes the new bytes to a fsync'd temp beside it;
 * nothing the user sees changes yet. Returns 0, or -1 with *e filled (the
 * transaction is then still usable, or can be freed). */
int kith_txn_put(kith_txn *t, const char *path, const char *display,
                 const void *p, size_t n, const kith_snapshot *snap,
                 unsigned flags, kith_sw_error *e);
/* Checks every snapshot again, then replaces every target. On a failure
 * the targets already replaced are restored and new files removed.
 * Returns 0, or -1 with *e filled. */
int kith_txn_commit(kith_txn *t, kith_sw_error *e);
/* Removes temps still staged (an uncommitted transaction changes nothing).
 * Accepts NULL. */
void kith_txn_free(kith_txn *t);

/* ---- the journal lock ---- */
/* Takes an exclusive lock on the journal whose root folder is root_dir,
 * waiting for other kith writers. A writer takes it before it reads the
 * files it will change. Returns a descriptor for kith_journal_unlock, or
 * -1 with *e filled. */
int kith_journal_lock(const char *root_dir, kith_sw_error *e);
void kith_journal_unlock(int fd); /* accepts -1 */

#endif
