/* libFuzzer target: the input is a vCard file. Reads it; what it reads is
 * planned against a small journal and the result must load cleanly. */
#include "fuzz_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	kith_import_set s;
	kith_import_set_init(&s);
	if (kith_vcard_read((const char *)data, size, &s) == 0)
		fuzz_import_check(&s, 0);
	kith_import_set_free(&s);
	return 0;
}
