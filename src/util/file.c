/* Reading whole files with a size cap, and atomic writes (temp file in
 * the same folder, fsync, rename) so a crash never leaves a half file. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
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

int kith_read_file(const char *path, size_t max, char **out, size_t *len)
{
	if (read_overlay && read_overlay(read_overlay_ctx, path, out, len))
		return 0;
	int fd = open(path, O_RDONLY);
	struct stat st;
	char *buf = NULL;
	size_t cap = 0, n = 0;
	int err = 0;

	*out = NULL;
	*len = 0;
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		err = EISDIR;
		goto out;
	}
	if (fstat(fd, &st) == 0 && st.st_size > 0) {
		if ((unsigned long long)st.st_size > max) {
			err = EFBIG;
			goto out;
		}
		cap = (size_t)st.st_size + 1;
	} else
		cap = 4096;
	/* slack past the end: vectorised scanners (PCRE2 JIT, memchr) may
	 * read a few bytes beyond the text, within the allocation */
	buf = kith_xmalloc(cap + 64);
	for (;;) {
		ssize_t r;
		if (n == cap) {
			if (cap > max) {
				err = EFBIG;
				goto out;
			}
			cap *= 2;
			buf = kith_xrealloc(buf, cap + 64);
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			goto out;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (n > max) {
		err = EFBIG;
		goto out;
	}
	memset(buf + n, 0, cap + 64 - n);
	*out = buf;
	*len = n;
	buf = NULL;
out:
	free(buf);
	close(fd);
	if (err) {
		errno = err;
		return -1;
	}
	return 0;
}

int kith_write_file_atomic(const char *path, const char *p, size_t n)
{
	kith_buf tmp = {0};
	struct stat st;
	int fd, err = 0;
	size_t off = 0;

	kith_buf_printf(&tmp, "%s.kith-tmp.%ld", path, (long)getpid());
	fd = open(kith_buf_cstr(&tmp), O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (fd < 0) {
		err = errno;
		goto out;
	}
	if (stat(path, &st) == 0)
		fchmod(fd, st.st_mode & 07777);
	while (off < n) {
		ssize_t w = write(fd, p + off, n - off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			break;
		}
		off += (size_t)w;
	}
	if (!err && fsync(fd) != 0)
		err = errno;
	if (close(fd) != 0 && !err)
		err = errno;
	if (!err && rename(tmp.p, path) != 0)
		err = errno;
	if (err)
		unlink(tmp.p);
out:
	kith_buf_free(&tmp);
	if (err) {
		errno = err;
		return -1;
	}
	return 0;
}
