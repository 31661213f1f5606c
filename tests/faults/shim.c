/* Write-fault shim for tests/faults (LD_PRELOAD): fails or delays the
 * N-th write(2), fsync(2), rename(2) or link(2) kith makes on a file
 * (descriptors 0-2 are never touched), as a full disk or a failing
 * device would. KITH_SHIM_FAULT=CALL-WHAT:N, e.g. write-enospc:2,
 * write-eio:1, write-short:1 (writes half, then works), write-full:1
 * (writes half, then ENOSPC: a disk filling up mid-file), fsync-eio:1,
 * rename-eio:1, link-eio:1, link-eperm:1 (a file system without hard
 * links), fsync-sleep:MS (each fsync sleeps MS ms). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static char call[16], what[16];
static long nth = -1, counts[4];
static int ready;

enum { C_WRITE, C_FSYNC, C_RENAME, C_LINK };
static const char *const names[] = {"write", "fsync", "rename", "link"};

static void setup(void)
{
	const char *f = getenv("KITH_SHIM_FAULT");
	ready = 1;
	if (!f || sscanf(f, "%15[a-z]-%15[a-z]:%ld", call, what, &nth) != 3)
		nth = -1;
}

/* 1 when this call is the one to fail (or delay). */
static int hit(int c)
{
	if (!ready)
		setup();
	if (nth < 0 || strcmp(call, names[c]) != 0)
		return 0;
	if (!strcmp(what, "sleep"))
		return 1;
	++counts[c];
	/* write-full: the N-th write is short and every later one fails */
	if (!strcmp(what, "full"))
		return counts[c] >= nth;
	return counts[c] == nth;
}

static int errno_of(void)
{
	if (!strcmp(what, "eperm"))
		return EPERM; /* link(2) on a file system without hard links */
	return !strcmp(what, "enospc") || !strcmp(what, "full") ? ENOSPC
	                                                        : EIO;
}

ssize_t write(int fd, const void *p, size_t n)
{
	static ssize_t (*real)(int, const void *, size_t);
	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "write");
	if (fd > 2 && hit(C_WRITE)) {
		if ((!strcmp(what, "short") ||
		     (!strcmp(what, "full") && counts[C_WRITE] == nth)) &&
		    n > 1)
			return real(fd, p, n / 2);
		errno = errno_of();
		return -1;
	}
	return real(fd, p, n);
}

int fsync(int fd)
{
	static int (*real)(int);
	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "fsync");
	if (fd > 2 && hit(C_FSYNC)) {
		if (!strcmp(what, "sleep")) {
			struct timespec ts = {nth / 1000, (nth % 1000) * 1000000};
			nanosleep(&ts, NULL);
			return real(fd);
		}
		errno = errno_of();
		return -1;
	}
	return real(fd);
}

int rename(const char *a, const char *b)
{
	static int (*real)(const char *, const char *);
	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "rename");
	if (hit(C_RENAME)) {
		errno = errno_of();
		return -1;
	}
	return real(a, b);
}

int link(const char *a, const char *b)
{
	static int (*real)(const char *, const char *);
	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "link");
	if (hit(C_LINK)) {
		errno = errno_of();
		return -1;
	}
	return real(a, b);
}
