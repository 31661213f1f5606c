/* Reading whole files with a size cap, or mapping them (the journal's
 * files). Only regular files are read: a FIFO, device or socket is
 * refused at once (never a hang), and the open never blocks. Writing
 * goes through util/safewrite.c. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/util.h"

/* The read overlay hook: the language server serves editor buffers that
 * are not saved yet in place of the files on disk. */
static kith_read_overlay_fn read_overlay;
static void *read_overlay_ctx;

void kith_read_set_overlay(kith_read_overlay_fn fn, void *ctx)
{
	read_overlay = fn;
	read_overlay_ctx = ctx;
}

const char *kith_strerror(int err)
{
	if (err == KITH_ENOTREG)
		return "not a regular file (a FIFO, device or socket); kith "
		       "reads only regular files";
	return strerror(err);
}

int kith_read_file(const char *path, size_t max, char **out, size_t *len)
{
	if (read_overlay && read_overlay(read_overlay_ctx, path, out, len))
		return 0;
	return kith_read_file_st(path, max, out, len, NULL);
}

/* Opens path for reading; -1 with errno unless it is a regular file of at
 * most max bytes. */
static int open_regular(const char *path, size_t max, struct stat *st)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	int err = 0;

	if (fd < 0)
		return -1;
	if (fstat(fd, st) != 0)
		err = errno;
	else if (!S_ISREG(st->st_mode))
		err = S_ISDIR(st->st_mode) ? EISDIR : KITH_ENOTREG;
	else if (st->st_size > 0 && (unsigned long long)st->st_size > max)
		err = EFBIG;
	if (err) {
		close(fd);
		errno = err;
		return -1;
	}
	return fd;
}

/* Reads all of fd (st_size is a hint: /proc files say 0). */
static int read_all(int fd, const struct stat *st, size_t max, char **out,
                    size_t *len)
{
	size_t cap = st->st_size > 0 ? (size_t)st->st_size + 1 : 4096, n = 0;
	/* slack past the end: vectorised scanners (PCRE2 JIT, memchr) may
	 * read a few bytes beyond the text, within the allocation */
	char *buf = kith_xmalloc(cap + 64);
	int err = 0;

	for (;;) {
		ssize_t r;
		if (n == cap) {
			if (cap > max) {
				err = EFBIG;
				break;
			}
			cap *= 2;
			buf = kith_xrealloc(buf, cap + 64);
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			break;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (!err && n > max)
		err = EFBIG;
	if (err) {
		free(buf);
		errno = err;
		return -1;
	}
	memset(buf + n, 0, cap + 64 - n);
	*out = buf;
	*len = n;
	return 0;
}

int kith_read_file_st(const char *path, size_t max, char **out, size_t *len,
                      struct stat *stp)
{
	struct stat st;
	int fd, rc, err;

	*out = NULL;
	*len = 0;
	if ((fd = open_regular(path, max, &st)) < 0)
		return -1;
	if (stp)
		*stp = st;
	rc = read_all(fd, &st, max, out, len);
	err = errno;
	close(fd);
	errno = err;
	return rc;
}

/* ---- mapped texts ---- */

/* From this size on a file is mapped: below it one read() costs less
 * than setting up and tearing down a mapping. */
#define MAP_MIN ((size_t)32 << 10)

/* The mapping's length: the file, a NUL and the 64 bytes of slack that
 * kith_read_file gives, in whole pages. */
static size_t map_span(size_t len)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	return (len + 65 + page - 1) / page * page;
}

/* Maps the file's pages read-only over zeroed anonymous pages: the bytes
 * past the end of the file are zero, and so NUL and slack. Read-only, so
 * that no page is ever a private copy: kith_text_drop may give them back. */
static char *map_text(int fd, size_t len)
{
	size_t span = map_span(len);
	char *p =
	    mmap(NULL, span, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	if (mmap(p, len, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0) ==
	    MAP_FAILED) {
		munmap(p, span);
		return NULL;
	}
	return p;
}

int kith_load_text(const char *path, size_t max, char **out, size_t *len,
                   int *mapped)
{
	struct stat st;
	int fd, rc = 0, err;

	*mapped = 0;
	if (read_overlay)
		return kith_read_file(path, max, out, len);
	*out = NULL;
	*len = 0;
	if ((fd = open_regular(path, max, &st)) < 0)
		return -1;
	if ((size_t)st.st_size >= MAP_MIN &&
	    (*out = map_text(fd, (size_t)st.st_size)) != NULL) {
		*len = (size_t)st.st_size;
		*mapped = 1;
	} else
		rc = read_all(fd, &st, max, out, len);
	err = errno;
	close(fd);
	errno = err;
	return rc;
}

void kith_text_drop(const char *text, size_t len, int mapped)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	if (mapped && text && len)
		(void)madvise((void *)(uintptr_t)text,
		              (len + page - 1) / page * page, MADV_DONTNEED);
}

void kith_text_free(char *text, size_t len, int mapped)
{
	if (mapped && text)
		munmap(text, map_span(len));
	else
		free(text);
}
