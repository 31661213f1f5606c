/* libFuzzer target: the input is a root kith.yaml. Loads it (YAML events,
 * node tree, model), checks it, prints its diagnostics, lays it out as
 * kith fmt does, and computes every report when it has no errors. */
#include <stdlib.h>

#include "edit/edit.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *names[] = {"kith.yaml"};
	const char *texts[1];
	char *s = kith_fuzz_cstr(data, size);
	kith_buf out = {0};

	texts[0] = s;
	kith_fuzz_pipeline(names, texts, 1);
	kith_fmt_yaml(s, size, &out);
	kith_buf_free(&out);
	free(s);
	return 0;
}
