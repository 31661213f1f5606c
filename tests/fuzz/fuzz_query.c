/* libFuzzer target: the input is a query (docs/format.md) parsed against
 * a small fixed journal and evaluated on every interaction, contact and
 * event, then used as the filter of due, log and contacts. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lib/lib.h"

static const char root[] =
    "kith: 1\n"
    "owner: Sam Rivera\n"
    "include: [journal.md]\n"
    "contacts:\n"
    "  alice: {name: Alice Chen, org: Acme Robotics, roles: [mentor],"
    " tags: [platform], met: 2026-01-10}\n"
    "  bob: {name: Bob Li, org: Corvid, roles: [key], via: alice}\n"
    "  dana: {name: Dana Ruiz, roles: [peer], tags: [robotics]}\n"
    "goals:\n"
    "  grow:\n"
    "    title: Grow the network\n"
    "    start: 2026-01-01\n"
    "    end: 2026-12-31\n"
    "    metrics:\n"
    "      coffees: {measure: interactions, where: 'kind:coffee', target: 4,"
    " per: quarter}\n"
    "events:\n"
    "  kubecon: {title: KubeCon, date: 2026-11-10, status: attended}\n"
    "interactions:\n"
    "  - {date: 2026-10-01, kind: email, with: [dana], title: Hello Dana,"
    " tags: [cold]}\n";

static const char journal[] =
    "# 2026\n\n"
    "## 2026-03-12 Coffee with @alice #coffee #platform\n"
    "goals: [grow]\n\n"
    "Talked about the reorg; she knows @dana.\n\n"
    "- [ ] Send the RFC draft due:+1w\n\n"
    "## 2026-11-10 09:30 KubeCon with @bob and @alice #event\n"
    "event: kubecon\n\n"
    "Booth at 2pm. Ünïcode notes.\n\n"
    "## 2026-11-12 Thanks to @bob #thank-you\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *names[] = {"kith.yaml", "journal.md"};
	const char *texts[] = {root, journal};
	kith_source src = {.names = names, .texts = texts, .nfiles = 2};
	kith_open_error oe;
	kith_journal *j;
	size_t col = 0, len = 0;
	const char *err = NULL;
	kith_query *q;
	char *s;
	uint32_t i;
	int failed = 0;

	src.as_of = kith_fuzz_as_of();
	j = kith_lib_load(&src, &oe);
	if (!j)
		abort();
	if (j->diags.errors)
		abort(); /* the fixed journal must be valid */
	s = kith_fuzz_cstr(data, size);
	q = kith_query_parse(j, s, size, kith_fuzz_as_of(), &col, &len, &err);
	if (!q) {
		/* the caret must point into the query (or just past its end) */
		if (col > size || len < 1 || !err)
			abort();
	} else {
		kith_query_refs refs = {0};
		kith_opts o;

		for (i = 0; i < j->interactions.n; i++)
			kith_query_match_interaction(j, q, i, &failed);
		for (i = 0; i < j->contacts.n; i++)
			kith_query_match_contact(j, q, i, &failed);
		for (i = 0; i < j->events.n; i++)
			kith_query_match_event(j, q, i, &failed);
		kith_query_collect_refs(q, &refs);
		for (i = 0; i < refs.n; i++)
			if (refs.v[i].col > size || refs.v[i].len > size - refs.v[i].col)
				abort(); /* a reference outside the query text */
		kith_vec_free(&refs);

		memset(&o, 0, sizeof o);
		o.as_of = kith_fuzz_as_of();
		o.freq = -1;
		o.within.n = 14;
		o.within.unit = KITH_UNIT_DAY;
		o.query = q;
		o.query_text = s;
		{
			kith_report *r[3];
			kith_render_opts ro = {0};
			int k, f;
			r[0] = kith_compute_due(j, &o);
			r[1] = kith_compute_log(j, &o);
			r[2] = kith_compute_contacts(j, &o);
			for (k = 0; k < 3; k++) {
				for (f = 0; f < KITH_FMT__COUNT; f++) {
					kith_buf out = {0};
					kith_renderers[f](r[k], &ro, &out);
					kith_buf_free(&out);
				}
				kith_report_free(r[k]);
			}
		}
		kith_query_free(q);
	}
	free(s);
	kith_journal_free(j);
	return 0;
}
