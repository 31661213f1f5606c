/* Shared by the import fuzz targets (fuzz_vcard, fuzz_linkedin,
 * fuzz_icsimport): what a reader made of the input is planned against a
 * small journal and applied; for contacts, the journal with the new text
 * must load with no error, since kith import --write would otherwise
 * refuse it. Included only by those targets. */
#ifndef KITH_FUZZ_IMPORT_H
#define KITH_FUZZ_IMPORT_H

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "import/plan.h"
#include "lib/lib.h"

static const char *const fuzz_import_names[] = {"kith.yaml", "contacts.yaml",
                                                "journal/2026-03.md"};
static const char *const fuzz_import_texts[] = {
    "kith: 1\nowner: Sam Rivera\ninclude: [contacts.yaml, "
    "\"journal/*.md\"]\n",
    "# people\ncontacts:\n  alice:\n    name: Alice Chen\n    email: "
    "alice@example.com # work\n  bob:\n    name: Bob Marsh\n    email: "
    "bob.marsh@example.com\n\n# end\n",
    "# 2026-03\n\n## 2026-03-10 Coffee with @alice #coffee\nNotes.\n"};

static kith_journal *fuzz_import_load(const char *const *texts)
{
	kith_source src = {.names = fuzz_import_names,
	                   .texts = texts,
	                   .nfiles = 3};
	kith_open_error oe;
	src.as_of = kith_fuzz_as_of();
	kith_journal *j = kith_lib_load(&src, &oe);
	if (!j)
		kith_open_error_free(&oe);
	return j;
}

/* Plans s (contacts, with and without --update, or events of kind
 * meeting) and applies each plan. */
static void fuzz_import_check(const kith_import_set *s, int events)
{
	kith_journal *j = fuzz_import_load(fuzz_import_texts), *j2;
	if (!j || j->diags.errors)
		abort(); /* the fixed journal is valid */
	for (int update = 0; update < 2 - events; update++) {
		kith_import_plan p = {0};
		kith_edit e;
		kith_edit_files fs = {0};
		kith_edit_init(&e);
		if (events)
			kith_import_events(j, s, "meeting", &p, &e);
		else
			kith_import_contacts(j, s, update, &p, &e);
		if (kith_edit_apply(j, &e, &fs) == 0 && !events) {
			const char *texts[3];
			memcpy(texts, fuzz_import_texts, sizeof texts);
			for (uint32_t i = 0; i < fs.n; i++)
				for (int k = 0; k < 3; k++)
					if (!strcmp(fs.v[i].path,
					            fuzz_import_names[k]))
						texts[k] = kith_buf_cstr(
						    &fs.v[i].text);
			j2 = fuzz_import_load(texts);
			if (!j2 || j2->diags.errors) {
				if (j2)
					kith_fuzz_print_diags(j2);
				abort(); /* an import must never break the
				            journal */
			}
			kith_journal_free(j2);
		}
		kith_edit_files_free(&fs);
		kith_edit_free(&e);
		kith_import_plan_free(&p);
	}
	kith_journal_free(j);
}

#endif
