/* libFuzzer target: the input is a Markdown journal included by a fixed
 * root. Loads and checks it, prints its diagnostics, computes every report
 * when it has no errors, and checks that kith fmt's layout is stable
 * (formatting its own output changes nothing). */
#include <stdlib.h>
#include <string.h>

#include "edit/edit.h"
#include "fuzz.h"

static const char root[] =
    "kith: 1\n"
    "owner: Sam Rivera\n"
    "include: [journal.md]\n"
    "contacts:\n"
    "  alice: {name: Alice Chen, org: Acme, roles: [mentor], tags: [platform],"
    " met: 2026-01-10, birthday: 04-27}\n"
    "  bob: {name: Bob Li, roles: [key], via: alice, cadence: 2w..4w}\n"
    "  dana: {name: Dana Ruiz, roles: [peer], tags: [robotics]}\n"
    "goals:\n"
    "  grow:\n"
    "    title: Grow the network\n"
    "    start: 2026-01-01\n"
    "    end: 2026-12-31\n"
    "    metrics:\n"
    "      people: {measure: new-contacts, where: 'tag:platform', target: 2,"
    " per: month}\n"
    "      coffees: {measure: interactions, where: 'kind:coffee', target: 4,"
    " per: quarter}\n"
    "      ontime: {measure: on-time-rate, target: 90%, per: year}\n"
    "    checkpoints:\n"
    "      - {date: 2026-06-30, expect: {coffees: 2}}\n"
    "events:\n"
    "  kubecon: {title: KubeCon, date: 2026-11-10, end: 2026-11-13,"
    " status: attended, goals: [grow]}\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *names[] = {"kith.yaml", "journal.md"};
	const char *texts[2];
	char *s = kith_fuzz_cstr(data, size);
	kith_buf once = {0}, twice = {0};

	texts[0] = root;
	texts[1] = s;
	kith_fuzz_pipeline(names, texts, 2);

	kith_fmt_md(s, size, &once);
	kith_fmt_md(once.p ? once.p : "", once.n, &twice);
	if (once.n != twice.n || (once.n && memcmp(once.p, twice.p, once.n)))
		abort(); /* fmt is not idempotent */
	kith_buf_free(&once);
	kith_buf_free(&twice);
	free(s);
	return 0;
}
