/* Helpers shared by the fuzz targets: run each command's computation with
 * a few option variants, and render every report in every format, so the
 * sanitizers see the whole pipeline. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lib/lib.h"

kith_day kith_fuzz_as_of(void)
{
	return kith_day_from_ymd(2026, 11, 22);
}

char *kith_fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

static void render_all(kith_report *r)
{
	int f;
	kith_render_opts ro = {0};

	if (!r)
		return;
	ro.version = "0.0.0";
	for (f = 0; f < KITH_FMT__COUNT; f++) {
		kith_buf out = {0};
		kith_renderers[f](r, &ro, &out);
		kith_buf_free(&out);
	}
	/* the terminal variant: colour and a narrow width */
	{
		kith_buf out = {0};
		ro.color = 1;
		ro.width = 40;
		kith_render_text(r, &ro, &out);
		kith_buf_free(&out);
	}
	kith_report_free(r);
}

static void show_all(const kith_journal *j, kith_opts o)
{
	static const char *const missing[] = {"nobody", "@", ""};
	size_t k;

	if (j->contacts.n) {
		const kith_contact *c = &j->contacts.v[0];
		char *t = kith_fuzz_cstr((const uint8_t *)c->handle.p, c->handle.n);
		o.target = t;
		render_all(kith_compute_show(j, &o));
		free(t);
	}
	if (j->goals.n) {
		const kith_goal *g = &j->goals.v[j->goals.n - 1];
		char *t = kith_fuzz_cstr((const uint8_t *)g->id.p, g->id.n);
		o.target = t;
		render_all(kith_compute_show(j, &o));
		free(t);
	}
	if (j->events.n) {
		const kith_event *e = &j->events.v[0];
		char *t = kith_fuzz_cstr((const uint8_t *)e->id.p, e->id.n);
		o.target = t;
		render_all(kith_compute_show(j, &o));
		free(t);
	}
	for (k = 0; k < sizeof missing / sizeof missing[0]; k++) {
		o.target = missing[k];
		render_all(kith_compute_show(j, &o));
	}
}

void kith_fuzz_compute_all(const kith_journal *j, const kith_opts *base)
{
	kith_opts o = *base;
	int f;

	render_all(kith_compute_due(j, &o));
	render_all(kith_compute_report(j, &o));
	render_all(kith_compute_log(j, &o));
	render_all(kith_compute_contacts(j, &o));
	render_all(kith_compute_stats(j, &o));
	render_all(kith_compute_goals(j, &o));
	show_all(j, o);
	/* redacted, with private fields, over a year, at each frequency */
	o.redact = 1;
	o.private_fields = 1;
	o.within.n = 3;
	o.within.unit = KITH_UNIT_MONTH;
	o.has_period = 1;
	o.period.from = kith_day_from_ymd(2026, 1, 1);
	o.period.to = kith_day_from_ymd(2026, 12, 31);
	render_all(kith_compute_due(j, &o));
	render_all(kith_compute_report(j, &o));
	render_all(kith_compute_log(j, &o));
	render_all(kith_compute_contacts(j, &o));
	for (f = KITH_PER_WEEK; f <= KITH_PER_YEAR; f++) {
		o.freq = f;
		render_all(kith_compute_goals(j, &o));
	}
	show_all(j, o);
}

void kith_fuzz_print_diags(kith_journal *j)
{
	int style;

	for (style = KITH_DIAG_HUMAN; style <= KITH_DIAG_GITHUB; style++) {
		kith_buf b = {0};
		kith_journal_print_diags(j, (kith_diag_style)style,
					 style == KITH_DIAG_HUMAN, 0, &b);
		kith_buf_free(&b);
	}
}

void kith_fuzz_pipeline(const char *const *names, const char *const *texts,
			size_t n)
{
	kith_source src = {.names = names, .texts = texts, .nfiles = n};
	kith_open_error oe;
	kith_journal *j;
	kith_opts o;

	src.as_of = kith_fuzz_as_of();
	j = kith_lib_load(&src, &oe);
	if (!j)
		return;
	kith_fuzz_print_diags(j);
	if (!j->diags.errors) {
		memset(&o, 0, sizeof o);
		o.as_of = kith_fuzz_as_of();
		o.freq = -1;
		o.within.n = 14;
		o.within.unit = KITH_UNIT_DAY;
		kith_fuzz_compute_all(j, &o);
	}
	kith_journal_free(j);
}
