/* libFuzzer target: the input is a root kith.yaml. Loads it (YAML events,
 * node tree, model), checks it, prints its diagnostics, computes every
 * report when it has no errors, and checks that kith fmt's layout is
 * stable (formatting its own output changes nothing). */
#include <stdlib.h>
#include <string.h>

#include "edit/edit.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *names[] = {"kith.yaml"};
	const char *texts[1];
	char *s = kith_fuzz_cstr(data, size);
	kith_buf once = {0}, twice = {0};

	texts[0] = s;
	kith_fuzz_pipeline(names, texts, 1);
	kith_fmt_yaml(s, size, &once);
	kith_fmt_yaml(once.p ? once.p : "", once.n, &twice);
	if (once.n != twice.n || (once.n && memcmp(once.p, twice.p, once.n)))
		abort(); /* fmt is not idempotent */
	kith_buf_free(&once);
	kith_buf_free(&twice);
	free(s);
	return 0;
}
