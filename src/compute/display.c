/* How values are shown in reports: days, sources and periods as text,
 * text cells from journal slices, checkpoint verdicts, the report's
 * owner and redaction fields, and match-limit warnings. */
#include "compute/compute.h"
#include "util/text.h"

const char *kith_disp_day(kith_report *r, kith_day d)
{
	if (d == KITH_NO_DAY)
		return "";
	char buf[11];
	kith_date_fmt(d, buf);
	return kith_arena_strdup(r->arena, buf);
}

const char *kith_disp_source(kith_report *r, const kith_journal *j,
                             kith_pos pos)
{
	const char *path = "?";
	if (pos.file < j->files.n) {
		const kith_file *f = &j->files.v[pos.file];
		path = f->display ? f->display : f->path;
	}
	char line[20];
	kith_str parts[] = {kith_str_c(path),
	                    {":", 1},
	                    {line, (uint32_t)kith_fmt_u64(line, pos.line)}};
	return kith_arena_cat(r->arena, parts, KITH_ARRAY_LEN(parts));
}

const char *kith_disp_period(kith_report *r, kith_period p)
{
	static const kith_per pers[] = {KITH_PER_MONTH, KITH_PER_QUARTER,
	                                KITH_PER_YEAR, KITH_PER_WEEK};
	if (p.from == p.to)
		return kith_disp_day(r, p.from);
	for (size_t i = 0; i < KITH_ARRAY_LEN(pers); i++) {
		kith_period b = kith_bucket_of(pers[i], p.from);
		if (b.from == p.from && b.to == p.to) {
			char label[16];
			kith_bucket_label(pers[i], p.from, label);
			return kith_arena_strdup(r->arena, label);
		}
	}
	char a[11], z[11];
	kith_date_fmt(p.from, a);
	kith_date_fmt(p.to, z);
	return kith_arena_printf(r->arena, "%s..%s", a, z);
}

void kith_disp_cell_str(kith_report *r, kith_cell *c, kith_str s)
{
	if (s.p && s.n)
		kith_cell_textn(r, c, s.p, s.n);
}

void kith_disp_cell_redact(kith_report *r, const kith_journal *j, kith_cell *c,
                           kith_str s, int redact)
{
	if (s.p && s.n)
		kith_cell_text(r, c, kith_redact_text(r, j, s, redact));
}

int kith_disp_checkpoint(kith_report *r, const kith_journal *j,
                         const kith_goal *g, const kith_checkpoint *cp,
                         kith_day as_of, const kith_fus *fus,
                         const char **expect, const char **actual)
{
	kith_buf e = {0}, a = {0};
	int v = kith_checkpoint_eval(j, g, cp, as_of, fus, &e, &a, NULL);
	*expect = kith_disp_buf(r, &e);
	*actual = kith_disp_buf(r, &a);
	return v;
}

void kith_disp_init(kith_report *r, const kith_journal *j, const kith_opts *o)
{
	r->as_of = o->as_of;
	r->redacted = o->redact != 0;
	/* Redaction is for publishing: it wins over --private. */
	r->private_fields = o->private_fields && !o->redact;
	if (j->owner.s.p && j->owner.s.n)
		r->owner =
		    kith_arena_strndup(r->arena, j->owner.s.p, j->owner.s.n);
	if (j->owner_email.s.p && j->owner_email.s.n)
		r->owner_email = kith_arena_strndup(
		    r->arena, j->owner_email.s.p, j->owner_email.s.n);
	r->from = r->to = KITH_NO_DAY;
}

void kith_disp_verdict_cell(kith_report *r, kith_cell *c, int verdict)
{
	static const char *const names[] = {"upcoming", "missed", "met"};
	static const kith_style styles[] = {KITH_STYLE_DIM, KITH_STYLE_BAD,
	                                    KITH_STYLE_GOOD};
	if (verdict < -1 || verdict > 1)
		return;
	kith_cell_text(r, c, names[verdict + 1]);
	c->style = styles[verdict + 1];
}

void kith_disp_limit_warning(kith_report *r, uint32_t n)
{
	if (n == 0)
		return;
	kith_report_fact(
	    r, "warning",
	    kith_arena_printf(r->arena,
	                      "the query's regular expression hit its match "
	                      "limit on %u item%s; results may be incomplete",
	                      n, n == 1 ? "" : "s"));
}

void kith_disp_metric_limit_warnings(kith_report *r, const kith_goal *g)
{
	for (uint32_t i = 0; i < g->metrics.n; i++) {
		const kith_metric *m = &g->metrics.v[i];
		uint32_t n = kith_query_limit_items(m->q);
		if (n == 0)
			continue;
		kith_report_fact(
		    r, "warning",
		    kith_arena_printf(
		        r->arena,
		        "goal %.*s, metric %.*s: the where: regular expression "
		        "hit its match limit on %u item%s; results may be "
		        "incomplete",
		        KITH_S(g->id), KITH_S(m->id), n, n == 1 ? "" : "s"));
	}
}
