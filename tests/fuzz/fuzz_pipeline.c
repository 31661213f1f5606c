/* libFuzzer target for the whole pipeline: the input is a kith.yaml and a
 * Markdown journal "journal.md", separated by a line "%%%%". Loads,
 * checks as of a fixed date, prints diagnostics, and (without errors)
 * computes every command and renders it in every format. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

#define SEP "\n%%%%\n"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *names[] = {"kith.yaml", "journal.md"};
	const char *texts[2];
	char *s = kith_fuzz_cstr(data, size);
	char *sep = strstr(s, SEP);
	size_t n = 1;

	texts[0] = s;
	if (sep) {
		*sep = '\0';
		texts[1] = sep + strlen(SEP);
		n = 2;
	}
	kith_fuzz_pipeline(names, texts, n);
	free(s);
	return 0;
}
