/* The per-file cache's face to the library's load (src/lib/load.c):
 * a load through the cache goes between begin and end.
 * Internal header for src/lib. */
#ifndef KITH_LIB_CACHE_H
#define KITH_LIB_CACHE_H

#include "lib/lib.h"
#include "load/load.h"

/* Starts a load: fills *hook for kith_load_via. -1 when the journal of
 * the last load is still alive (then load without the cache). */
int kith_lib_cache_begin(kith_lib_cache *c, kith_load_hook *hook);
/* Ends it: units of files no longer in the journal are freed. */
void kith_lib_cache_end(kith_lib_cache *c);

#endif
