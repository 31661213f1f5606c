/* The public library interface: open the example journal and a broken
 * one, read diagnostics through include/kith/kith.h only. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kith/kith.h"

Test(api, example_journal_is_clean)
{
	const char *err = NULL;
	kith_journal *j =
	    kith_open(KITH_TEST_ROOT "/examples/kith.yaml", "2026-11-22", &err);
	cr_assert_not_null(j, "%s", err ? err : "");
	cr_assert_eq(kith_error_count(j), 0);
	cr_assert_gt(kith_contact_count(j), 8);
	cr_assert_gt(kith_interaction_count(j), 60);
	kith_close(j);
}

Test(api, diagnostics_are_readable)
{
	const char *tmp = getenv("TMPDIR");
	char dir[512], path[600];
	FILE *f;
	const char *err = NULL;
	kith_journal *j;
	kith_diagnostic d;

	snprintf(dir, sizeof dir, "%s/kith-api-XXXXXX",
	         tmp && *tmp ? tmp : "/tmp");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/kith.yaml", dir);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs("kith: 1\ncontacts:\n  alice:\n    name: Alice\n    roles: "
	      "[mentr]\n",
	      f);
	fclose(f);
	j = kith_open(path, "2026-11-22", &err);
	cr_assert_not_null(j);
	cr_assert_eq(kith_error_count(j), 1);
	cr_assert_eq(kith_diag_get(j, 0, &d), 0);
	cr_assert_str_eq(d.code, "unknown-role");
	cr_assert_eq(d.line, 5);
	cr_assert_eq(d.column, 13);
	cr_assert_eq(d.end_column, 18);
	cr_assert_str_eq(d.hint, "did you mean 'mentor'?");
	cr_assert_eq(kith_diag_get(j, 1, &d), -1);
	kith_close(j);
	unlink(path);
	rmdir(dir);
}

Test(api, missing_root_is_an_error)
{
	const char *err = NULL;
	cr_assert_null(kith_open("/nonexistent/kith.yaml", "2026-11-22", &err));
	cr_assert_not_null(err);
	cr_assert_str_eq(kith_version(), KITH_VERSION);
}
