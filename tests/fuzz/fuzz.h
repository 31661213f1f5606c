/* Shared helpers of the libFuzzer targets in tests/fuzz: a fixed as-of
 * date, and running every computation and renderer over a journal.
 * Included only by tests/fuzz. */
#ifndef KITH_FUZZ_H
#define KITH_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "compute/compute.h"
#include "model/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* 2026-11-22, the date the examples are written for. */
kith_day kith_fuzz_as_of(void);
/* Input bytes as a NUL-terminated malloc'd string. */
char *kith_fuzz_cstr(const uint8_t *data, size_t size);
/* Loads the in-memory files, checks as of kith_fuzz_as_of() and, when the
 * journal has no errors (as the commands require), runs every command's
 * computation with every renderer. Frees everything. */
void kith_fuzz_pipeline(const char *const *names, const char *const *texts,
			size_t n);
/* Sorts the diagnostics and prints them in every style, as kith check. */
void kith_fuzz_print_diags(kith_journal *j);
/* Every computation (with o as the base options) and every renderer over
 * a loaded, checked journal without errors. */
void kith_fuzz_compute_all(const kith_journal *j, const kith_opts *o);

#endif
