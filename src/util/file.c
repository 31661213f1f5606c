/* Reading whole files with a size cap. Only regular files are read: a
 * FIFO, device or socket is refused at once (never a hang), and the open
 * never blocks. Writing goes through util/safewrite.c. */
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

int kith_read_file_st(const char *path, size_t max, char **out, size_t *len,
                      struct stat *stp)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	struct stat st;
	char *buf = NULL;
	size_t cap = 0, n = 0;
	int err = 0;

	*out = NULL;
	*len = 0;
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0) {
		err = errno;
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		err = S_ISDIR(st.st_mode) ? EISDIR : KITH_ENOTREG;
		goto out;
	}
	if (stp)
		*stp = st;
	if (st.st_size > 0) {
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
