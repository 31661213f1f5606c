/* libFuzzer target: the input is an iCalendar file. Reads it in a window
 * of 2026 (recurrences bounded), then plans and applies its events
 * against a small journal. */
#include "fuzz_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *me[] = {"sam@rivera.example", NULL};
	kith_ics_opts o = {kith_day_from_ymd(2026, 1, 1),
	                   kith_day_from_ymd(2026, 12, 31), "Europe/Berlin",
	                   me, "Sam Rivera", 200};
	kith_import_set s;
	kith_import_set_init(&s);
	if (kith_ics_read((const char *)data, size, &o, &s) == 0)
		fuzz_import_check(&s, 1);
	kith_import_set_free(&s);
	return 0;
}
