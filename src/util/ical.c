/* libical loaded with dlopen() on first use (util/ical.h): a start of
 * kith that writes or reads no iCalendar pays nothing for libical, ICU
 * and libstdc++ (about 4M instructions of relocation per start). */
#define KITH_ICAL_IMPL
#include "util/ical.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "util/util.h"

#ifndef KITH_LIBICAL_SONAME
#define KITH_LIBICAL_SONAME "libical.so.3"
#endif

static struct kith_ical_api api;
static int loaded;
static const char *soname = KITH_LIBICAL_SONAME;

void kith_ical_set_soname(const char *name)
{
	soname = name;
}

KITH_NORETURN static void cannot_load(const char *what)
{
	fprintf(stderr,
	        "kith: error: cannot load libical (%s): %s\n"
	        "  help: install it (Debian: apt-get install libical3)\n",
	        soname, what ? what : "unknown error");
	exit(KITH_EXIT_SYSTEM);
}

static void load(void)
{
	void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	void *sym;

	if (!h)
		cannot_load(dlerror());
#define KITH_ICAL_LOAD(f)                                                      \
	sym = dlsym(h, #f);                                                    \
	if (!sym)                                                              \
		cannot_load(dlerror());                                        \
	memcpy(&api.f, &sym, sizeof sym);
	KITH_ICAL_FUNCS(KITH_ICAL_LOAD)
#undef KITH_ICAL_LOAD
	loaded = 1;
}

const struct kith_ical_api *kith_ical(void)
{
	if (!loaded)
		load();
	return &api;
}
