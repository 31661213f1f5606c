/* The rules of kith check: resolves every reference in the model and
 * reports what is undeclared, inconsistent or suspicious, each as a named
 * diagnostic. Loaders report syntax and types; this file the semantics. */
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "query/query.h"

typedef enum {
	REF_CONTACT,
	REF_KIND,
	REF_ROLE,
	REF_GOAL,
	REF_EVENT,
	REF__COUNT
} ref_kind;

static const char *ref_what[] = {"contact", "kind", "role", "goal", "event"};

static uint32_t lookup(const kith_journal *j, ref_kind k, kith_str s)
{
	switch (k) {
	case REF_CONTACT:
		return kith_find_contact(j, s);
	case REF_KIND:
		return kith_find_kind(j, s);
	case REF_ROLE:
		return kith_find_role(j, s);
	case REF_GOAL:
		return kith_find_goal(j, s);
	case REF_EVENT:
		return kith_find_event(j, s);
	case REF__COUNT:
		break;
	}
	return KITH_NONE;
}

/* The best did-you-mean candidate among the declared names of kind k. */
static int suggest(const kith_journal *j, ref_kind k, kith_str word,
                   kith_str *best, kith_pos *where)
{
	kith_suggest s;
	uint32_t i, n = 0;

	kith_suggest_init(&s);
	switch (k) {
	case REF_CONTACT:
		n = j->contacts.n;
		break;
	case REF_KIND:
		n = j->kinds.n;
		break;
	case REF_ROLE:
		n = j->roles.n;
		break;
	case REF_GOAL:
		n = j->goals.n;
		break;
	case REF_EVENT:
		n = j->events.n;
		break;
	case REF__COUNT:
		break;
	}
	for (i = 0; i < n; i++) {
		kith_str c = k == REF_CONTACT ? j->contacts.v[i].handle
		             : k == REF_KIND  ? j->kinds.v[i].name
		             : k == REF_ROLE  ? j->roles.v[i].name
		             : k == REF_GOAL  ? j->goals.v[i].id
		                              : j->events.v[i].id;
		kith_suggest_try(&s, word, c);
	}
	if (!s.found)
		return 0;
	*best = s.best;
	i = lookup(j, k, s.best);
	where->file = KITH_NO_FILE;
	if (i != KITH_NONE)
		*where = k == REF_CONTACT ? j->contacts.v[i].pos
		         : k == REF_KIND  ? j->kinds.v[i].pos
		         : k == REF_ROLE  ? j->roles.v[i].pos
		         : k == REF_GOAL  ? j->goals.v[i].pos
		                          : j->events.v[i].pos;
	return 1;
}

static const kith_code unknown_code[] = {
    KITH_D_UNKNOWN_CONTACT, KITH_D_UNKNOWN_KIND, KITH_D_UNKNOWN_ROLE,
    KITH_D_UNKNOWN_GOAL, KITH_D_UNKNOWN_EVENT};

/* A user's kinds: or roles: block replaces the defaults: say so, and
 * what is declared, since 'call' or 'mentor' may have gone with them. */
static void declared_note(kith_journal *j, ref_kind k, kith_diag *g)
{
	int kinds = k == REF_KIND;
	if (!(kinds ? j->kinds_declared : j->roles_declared))
		return;
	kith_buf b = {0};
	uint32_t n = kinds ? j->kinds.n : j->roles.n;
	for (uint32_t i = 0; i < n; i++)
		kith_buf_printf(
		    &b, "%s%.*s", i ? ", " : "",
		    KITH_S(kinds ? j->kinds.v[i].name : j->roles.v[i].name));
	kith_diag_note(g,
	               "the '%s:' block in kith.yaml replaces the default %s; "
	               "declared: %s",
	               kinds ? "kinds" : "roles", kinds ? "kinds" : "roles",
	               n ? kith_buf_cstr(&b) : "none");
	kith_buf_free(&b);
}

static void report_unknown(kith_journal *j, ref_kind k, kith_str name,
                           kith_pos pos, uint32_t len)
{
	char *nm = kith_arena_strndup(j->arena, name.p, name.n);
	kith_diag *g =
	    KITH_DIAG(j, unknown_code[k], pos, len ? len : name.n, nm);
	kith_str best;
	kith_pos where;

	if (k == REF_KIND || k == REF_ROLE)
		declared_note(j, k, g);
	if (suggest(j, k, name, &best, &where)) {
		const char *at = k == REF_CONTACT ? "@" : "";
		if (where.file < j->files.n)
			kith_diag_hint(g, "did you mean '%s%.*s' (%s:%u)?", at,
			               KITH_S(best),
			               j->files.v[where.file].display,
			               where.line);
		else
			kith_diag_hint(g, "did you mean '%s%.*s'?", at,
			               KITH_S(best));
	} else if (k == REF_CONTACT)
		kith_diag_hint(
		    g, "add '%s' under 'contacts:' or fix the handle", nm);
	else if (k == REF_KIND || k == REF_ROLE)
		kith_diag_hint(g,
		               "declare it under '%ss:' in the root kith.yaml",
		               ref_what[k]);
	else
		kith_diag_hint(g, "declare it under '%ss:'", ref_what[k]);
}

/* The look-ups of the references of every entry, remembered per kind of
 * name by the address of the name's one copy (a journal's references name
 * a few thousand contacts, kinds and goals, a million times over). */
typedef kith_memo ref_memos[REF__COUNT];

static void memos_init(ref_memos m, const kith_journal *j)
{
	const uint32_t names[REF__COUNT] = {[REF_CONTACT] = j->contacts.n,
	                                    [REF_KIND] = j->kinds.n,
	                                    [REF_ROLE] = j->roles.n,
	                                    [REF_GOAL] = j->goals.n,
	                                    [REF_EVENT] = j->events.n};
	for (int k = 0; k < REF__COUNT; k++)
		kith_memo_init(&m[k], names[k]);
}

static void memos_free(ref_memos m)
{
	for (int k = 0; k < REF__COUNT; k++)
		kith_memo_free(&m[k]);
}

/* A contact reference written '@handle' names the contact 'handle'. */
static kith_str strip_at(ref_kind k, kith_str s)
{
	if (k == REF_CONTACT && s.n && s.p[0] == '@')
		s.p++, s.n--;
	return s;
}

/* Resolves one reference (through the memos m, or NULL); returns its index
 * or KITH_NONE (reported, every time it is met). */
static uint32_t resolve_in(kith_journal *j, ref_memos m, ref_kind k,
                           const kith_ref *r)
{
	uint32_t i;

	if (!r->s.p)
		return KITH_NONE;
	/* remembered by the reference's own text, '@' or not: a name met
	 * again is not read */
	if (!m || !kith_memo_get(&m[k], r->s, &i)) {
		i = lookup(j, k, strip_at(k, r->s));
		if (m)
			kith_memo_put(&m[k], r->s, i);
	}
	if (i == KITH_NONE)
		report_unknown(j, k, strip_at(k, r->s), r->pos, r->len);
	return i;
}

static uint32_t resolve(kith_journal *j, ref_kind k, const kith_ref *r)
{
	return resolve_in(j, NULL, k, r);
}

static void resolve_all(kith_journal *j, ref_memos m, ref_kind k,
                        const kith_refs *refs)
{
	uint32_t i;
	for (i = 0; i < refs->n; i++)
		resolve_in(j, m, k, &refs->v[i]);
}

static void check_settings(kith_journal *j)
{
	uint32_t i;

	for (i = 0; i < j->rules.n; i++) {
		kith_rule *r = &j->rules.v[i];
		resolve_all(j, NULL, REF_KIND, &r->after);
		r->expect_kind = resolve(j, REF_KIND, &r->expect);
	}
}

static void check_contacts(kith_journal *j)
{
	uint32_t i;

	for (i = 0; i < j->contacts.n; i++) {
		kith_contact *c = &j->contacts.v[i];
		resolve_all(j, NULL, REF_ROLE, &c->roles);
		c->via_idx = KITH_NONE;
		if (c->via.s.p) {
			kith_str v = c->via.s;
			if (v.n && v.p[0] == '@')
				v.p++, v.n--;
			if (kith_str_eq(v, c->handle)) {
				kith_diag *g = KITH_DIAG(
				    j, KITH_D_SELF_VIA, c->via.pos,
				    c->via.len ? c->via.len : c->via.s.n,
				    kith_arena_strndup(j->arena, v.p, v.n));
				kith_diag_hint(g, "'via' names who introduced "
				                  "you to this contact");
			} else
				c->via_idx = resolve(j, REF_CONTACT, &c->via);
		}
	}
}

static void end_before_start(kith_journal *j, const char *what, kith_dval start,
                             kith_dval end)
{
	char a[11], b[11];
	kith_diag *g;

	if (start.day == KITH_NO_DAY || end.day == KITH_NO_DAY ||
	    end.day >= start.day)
		return;
	kith_date_fmt(end.day, a);
	kith_date_fmt(start.day, b);
	g = KITH_DIAG(j, KITH_D_END_BEFORE_START, end.pos, 10, what, a, b);
	kith_diag_hint(g, "swap the dates or fix the typo");
}

/* A metric's where: is parsed here; errors point inside the YAML value. */
static void check_metric_query(kith_journal *j, kith_metric *m, kith_day as_of)
{
	size_t col = 0, len = 1;
	const char *err = NULL;
	kith_query_refs refs = {0};
	uint32_t i;

	m->q = NULL;
	if (!m->where.s.p)
		return;
	m->q = kith_query_parse(j, m->where.s.p, m->where.s.n, as_of, &col,
	                        &len, &err);
	if (!m->q) {
		kith_pos p = m->where.pos;
		kith_diag *g;
		p.col += (uint32_t)col;
		g = KITH_DIAG(j, KITH_D_BAD_QUERY, p, (uint32_t)len,
		              err ? err : "syntax error");
		kith_diag_hint(g, "see docs/query.md for the query language");
		return;
	}
	kith_query_collect_refs(m->q, &refs);
	for (i = 0; i < refs.n; i++) {
		kith_query_ref *r = &refs.v[i];
		kith_pos p = m->where.pos;
		p.col += (uint32_t)r->col;
		if (r->kind >= 0 && r->kind <= 4 &&
		    lookup(j, (ref_kind)r->kind, r->name) == KITH_NONE)
			report_unknown(j, (ref_kind)r->kind, r->name, p,
			               (uint32_t)r->len);
	}
	kith_vec_free(&refs);
}

static void check_goals(kith_journal *j, kith_day as_of)
{
	uint32_t i, k, e;

	for (i = 0; i < j->goals.n; i++) {
		kith_goal *g = &j->goals.v[i];
		char *what =
		    kith_arena_printf(j->arena, "goal '%.*s'", KITH_S(g->id));
		end_before_start(j, what, g->start, g->end);
		for (k = 0; k < g->metrics.n; k++)
			check_metric_query(j, &g->metrics.v[k], as_of);
		for (k = 0; k < g->checkpoints.n; k++) {
			kith_checkpoint *c = &g->checkpoints.v[k];
			for (e = 0; e < c->expect.n; e++) {
				kith_expect *x = &c->expect.v[e];
				uint32_t m;
				x->metric_idx = KITH_NONE;
				for (m = 0; m < g->metrics.n; m++)
					if (kith_str_eq(g->metrics.v[m].id,
					                x->metric.s))
						x->metric_idx = m;
				if (x->metric_idx == KITH_NONE) {
					kith_suggest s;
					kith_diag *d = KITH_DIAG(
					    j, KITH_D_UNKNOWN_METRIC,
					    x->metric.pos,
					    x->metric.len ? x->metric.len
					                  : x->metric.s.n,
					    kith_arena_strndup(j->arena,
					                       x->metric.s.p,
					                       x->metric.s.n));
					kith_suggest_init(&s);
					for (m = 0; m < g->metrics.n; m++)
						kith_suggest_try(
						    &s, x->metric.s,
						    g->metrics.v[m].id);
					if (s.found)
						kith_diag_hint(
						    d, "did you mean '%.*s'?",
						    KITH_S(s.best));
					else
						kith_diag_hint(
						    d,
						    "checkpoint expectations "
						    "name metrics of goal "
						    "'%.*s'",
						    KITH_S(g->id));
				}
			}
		}
	}
}

static void check_events(kith_journal *j)
{
	uint32_t i;
	for (i = 0; i < j->events.n; i++) {
		kith_event *ev = &j->events.v[i];
		char *what =
		    kith_arena_printf(j->arena, "event '%.*s'", KITH_S(ev->id));
		end_before_start(j, what, ev->date, ev->end);
		resolve_all(j, NULL, REF_GOAL, &ev->goals);
	}
}

static void check_followups(kith_journal *j, ref_memos m, kith_interaction *ix)
{
	uint32_t f;
	int yaml = ix->file < j->files.n &&
	           j->files.v[ix->file].type == KITH_FILE_YAML;

	for (f = ix->fu_first;
	     f < ix->fu_first + ix->fu_count && f < j->followups.n; f++) {
		kith_followup *fu = &j->followups.v[f];
		char a[11], b[11];
		resolve_all(j, m, REF_CONTACT, &fu->who);
		/* the Markdown loader reports due-before-entry itself */
		if (yaml && fu->due.day != KITH_NO_DAY &&
		    fu->due.day < ix->date) {
			kith_diag *g;
			kith_date_fmt(fu->due.day, a);
			kith_date_fmt(ix->date, b);
			g = KITH_DIAG(j, KITH_D_DUE_BEFORE_ENTRY, fu->due.pos,
			              10, a, b);
			kith_diag_hint(g, "a follow-up is due on or after the "
			                  "interaction it comes from");
		}
		if (fu->done.day != KITH_NO_DAY && fu->done.day < ix->date) {
			kith_diag *g;
			kith_date_fmt(fu->done.day, a);
			kith_date_fmt(ix->date, b);
			g = KITH_DIAG(j, KITH_D_DONE_BEFORE_START, fu->done.pos,
			              10, a, b);
			kith_diag_hint(g, "check the done: date");
		}
	}
}

/* Typos never change meaning silently: a heading's #word close to a
 * declared kind, and an entry with participants but no kind. */
static void check_kind_typos(kith_journal *j, const kith_interaction *ix)
{
	if (kith_ix_kind(ix).s.p || ix->file >= j->files.n ||
	    j->files.v[ix->file].type != KITH_FILE_MD)
		return;
	kith_refs tags = kith_ix_tags(ix);
	for (uint32_t t = 0; t < tags.n; t++) {
		kith_str w = tags.v[t].s;
		if (tags.v[t].pos.line != ix->pos.line)
			continue; /* a tags: list, not a #word of the heading */
		if (w.n && w.p[0] == '#')
			w.p++, w.n--;
		kith_suggest s;
		kith_suggest_init(&s);
		for (uint32_t k = 0; k < j->kinds.n; k++)
			kith_suggest_try(&s, w, j->kinds.v[k].name);
		if (!s.found || (w.n <= 5 && s.dist > 1))
			continue;
		kith_diag *g =
		    KITH_DIAG(j, KITH_D_KIND_TYPO, tags.v[t].pos, tags.v[t].len,
		              kith_arena_strndup(j->arena, w.p, w.n));
		kith_diag_hint(g,
		               "did you mean '#%.*s'? (the entry is a 'note' "
		               "until its kind is declared)",
		               KITH_S(s.best));
		return;
	}
	if (kith_ix_with(ix).n) {
		kith_diag *g = KITH_DIAG(j, KITH_D_NO_KIND, ix->pos, 2);
		kith_diag_hint(g,
		               "add '#coffee', '#call'... to the heading (or "
		               "'#note' if it was not contact)");
	}
}

static void check_interactions(kith_journal *j, ref_memos m, kith_day as_of)
{
	uint32_t i, note = kith_find_kind(j, kith_str_c("note"));
	uint32_t last_file = KITH_NONE;
	kith_day last_date = KITH_NO_DAY;

	for (i = 0; i < j->interactions.n; i++) {
		kith_interaction *ix = &j->interactions.v[i];
		char a[11], b[11];

		kith_ref kind = kith_ix_kind(ix);
		ix->kind_idx =
		    kind.s.p ? resolve_in(j, m, REF_KIND, &kind) : note;
		if (ix->more)
			ix->more->event_idx =
			    ix->more->event.s.p
			        ? resolve(j, REF_EVENT, &ix->more->event)
			        : KITH_NONE;
		kith_ix_lists ls = kith_ix_lists_of(ix);
		resolve_all(j, m, REF_CONTACT, &ls.l[KITH_IXR_WITH]);
		resolve_all(j, m, REF_CONTACT, &ls.l[KITH_IXR_MENTIONS]);
		resolve_all(j, m, REF_GOAL, &ls.l[KITH_IXR_GOALS]);
		check_followups(j, m, ix);
		check_kind_typos(j, ix);
		if (ix->file != last_file) {
			last_file = ix->file;
			last_date = KITH_NO_DAY;
		}
		if (last_date != KITH_NO_DAY && ix->date < last_date) {
			kith_diag *g;
			kith_date_fmt(ix->date, a);
			kith_date_fmt(last_date, b);
			g = KITH_DIAG(j, KITH_D_OUT_OF_ORDER, ix->pos, 2, a, b);
			kith_diag_hint(
			    g, "keep entries in date order within a file");
		} else
			last_date = ix->date;
		if (as_of != KITH_NO_DAY && ix->date > as_of) {
			kith_diag *g;
			kith_date_fmt(ix->date, a);
			kith_date_fmt(as_of, b);
			g = KITH_DIAG(j, KITH_D_FUTURE_DATE, ix->pos, 2, a, b);
			kith_diag_hint(g, "plans belong in follow-ups or "
			                  "events; or pass --as-of");
		}
	}
}

/* The first #word of a task's text that names a declared kind. */
static uint32_t task_kind(const kith_journal *j, kith_str t, kith_ref *ref,
                          const kith_followup *fu)
{
	for (uint32_t i = 0; i < t.n; i++) {
		if (t.p[i] != '#' ||
		    (i && t.p[i - 1] != ' ' && t.p[i - 1] != '('))
			continue;
		uint32_t k = i + 1;
		while (k < t.n && ((t.p[k] >= 'a' && t.p[k] <= 'z') ||
		                   (t.p[k] >= '0' && t.p[k] <= '9') ||
		                   t.p[k] == '-' || t.p[k] == '_'))
			k++;
		kith_str w = {t.p + i + 1, k - i - 1};
		uint32_t kind = w.n ? kith_find_kind(j, w) : KITH_NONE;
		if (kind != KITH_NONE) {
			ref->s = j->kinds.v[kind].name;
			ref->pos = fu->text.pos;
			ref->pos.col += i;
			ref->len = k - i;
			return kind;
		}
	}
	return KITH_NONE;
}

/* A done task whose text holds a declared #kind is an interaction of that
 * kind, on its done date, with the people it names (else the entry's
 * participants): it touches, settles follow-up rules and counts in
 * metrics like one written as an entry. Added after the interaction
 * rules, so it brings no diagnostics of its own. */
static void task_interactions(kith_journal *j)
{
	uint32_t n = j->interactions.n;
	for (uint32_t f = 0; f < j->followups.n; f++) {
		const kith_followup *fu = &j->followups.v[f];
		kith_ref kref = {{0}, {0}, 0};
		if (fu->done.day == KITH_NO_DAY || fu->interaction >= n)
			continue;
		uint32_t kind = task_kind(j, fu->text.s, &kref, fu);
		if (kind == KITH_NONE)
			continue;
		const kith_interaction *from =
		    &j->interactions.v[fu->interaction];
		kith_interaction ix;
		memset(&ix, 0, sizeof ix);
		ix.date = fu->done.day;
		ix.minute = -1;
		ix.pos = fu->pos;
		ix.file = from->file;
		ix.kind_idx = kind;
		ix.title.s = fu->text.s;
		kith_ix_lists ls = {kref, {{NULL, 0, 0}}};
		ls.l[KITH_IXR_WITH] = fu->who.n ? fu->who : kith_ix_with(from);
		ls.l[KITH_IXR_GOALS] = kith_ix_goals(from);
		kith_ix_pack(NULL, &ix, &ls); /* freed when dropped */
		ix.fu_first = (uint32_t)j->followups.n;
		ix.task = f + 1;
		*(kith_interaction *)kith_vec_push(&j->interactions) = ix;
	}
}

/* Diagnostics that mean a file (or part of one) did not load. */
static int is_load_failure(kith_code c)
{
	switch (c) {
	case KITH_D_IO:
	case KITH_D_FILE_TOO_LARGE:
	case KITH_D_INVALID_UTF8:
	case KITH_D_NUL_BYTE:
	case KITH_D_YAML_SYNTAX:
	case KITH_D_TOO_DEEP:
	case KITH_D_INCLUDE_NO_MATCH:
	case KITH_D_INCLUDE_OUTSIDE:
	case KITH_D_INCLUDE_BAD_TYPE:
	case KITH_D_INCLUDE_CYCLE:
		return 1;
	default:
		return 0;
	}
}

/* The first diagnostic saying a file did not load, or KITH_NONE. A YAML
 * file resumes after a syntax error with its broken entries declared
 * (src/load/yaml_resume.c): what it declares loaded. */
static uint32_t load_failure(const kith_journal *j)
{
	for (uint32_t i = 0; i < j->diags.list.n; i++) {
		const kith_diag *g = &j->diags.list.v[i];
		uint32_t f = g->pos.file;
		if (g->code == KITH_D_YAML_SYNTAX && f < j->files.n &&
		    j->files.v[f].resumed)
			continue;
		if (is_load_failure(g->code))
			return i;
	}
	return KITH_NONE;
}

/* Whether a YAML file left entries out after a syntax error: what they
 * held (roles, metrics) is missing from the counts. */
static int any_resumed(const kith_journal *j)
{
	for (uint32_t i = 0; i < j->files.n; i++)
		if (j->files.v[i].resumed)
			return 1;
	return 0;
}

static int is_dangling(kith_code c)
{
	return c == KITH_D_UNKNOWN_CONTACT || c == KITH_D_UNKNOWN_GOAL ||
	       c == KITH_D_UNKNOWN_EVENT || c == KITH_D_UNKNOWN_METRIC;
}

/* When a file did not load, references to what it may have declared are
 * not reported one by one (one over-indented line in contacts.yaml
 * would bury the cause under a hundred unknown-contact errors): they are
 * counted in one note on the cause, which is reported first. */
static void collapse_cascade(kith_journal *j, uint32_t first)
{
	uint32_t cause = load_failure(j), n = 0, k = first;
	if (cause == KITH_NONE)
		return;
	for (uint32_t i = first; i < j->diags.list.n; i++) {
		kith_diag *g = &j->diags.list.v[i];
		if (is_dangling(g->code)) {
			n++;
			if (g->sev == KITH_SEV_ERROR)
				j->diags.errors--;
			else
				j->diags.warnings--;
			continue;
		}
		j->diags.list.v[k++] = *g;
	}
	j->diags.list.n = k;
	if (n)
		kith_diag_note(&j->diags.list.v[cause],
		               "%u reference%s to contacts, goals, events or "
		               "metrics %s not checked until this loads",
		               (unsigned)n, n == 1 ? "" : "s",
		               n == 1 ? "is" : "are");
}

/* A second check of the same journal starts from what was loaded. */
static void drop_task_interactions(kith_journal *j)
{
	while (j->interactions.n &&
	       j->interactions.v[j->interactions.n - 1].task) {
		kith_interaction *x = &j->interactions.v[--j->interactions.n];
		free(x->refs);
	}
}

static void report_missed(kith_journal *j, const kith_cp_miss *m)
{
	const kith_goal *g = &j->goals.v[m->goal];
	const kith_checkpoint *cp = &g->checkpoints.v[m->checkpoint];
	char date[11];
	char *id = kith_xstrndup(g->id.p ? g->id.p : "", g->id.n);
	kith_pos pos = cp->pos.line ? cp->pos : cp->date.pos;

	kith_date_fmt(cp->date.day, date);
	kith_diag *d = KITH_DIAG(j, KITH_D_CHECKPOINT_MISSED, pos, 1, date, id,
	                         m->shortfall);
	kith_diag_hint(d, "review the plan: step up the actions behind these "
	                  "metrics, or, if the goal changed, lower the "
	                  "expectation or move the checkpoint ('kith goals' "
	                  "shows progress)");
	free(id);
}

/* The judge's verdicts become diagnostics here: compute never reports. */
static void check_checkpoints(kith_journal *j, kith_day as_of,
                              kith_cp_judge judge)
{
	kith_cp_misses misses = {0};
	judge(j, as_of, &misses);
	for (uint32_t i = 0; i < misses.n; i++) {
		report_missed(j, &misses.v[i]);
		free(misses.v[i].shortfall);
	}
	kith_vec_free(&misses);
}

void kith_check(kith_journal *j, kith_day as_of, kith_cp_judge judge)
{
	drop_task_interactions(j);
	uint32_t first = j->diags.list.n;
	check_settings(j);
	check_contacts(j);
	check_events(j);
	check_goals(j, as_of);
	ref_memos memos;
	memos_init(memos, j);
	check_interactions(j, memos, as_of);
	memos_free(memos);
	task_interactions(j);
	/* Checkpoints count what loaded: with a file missing they would be
	 * missed for no fault of the plan. */
	if (judge && as_of != KITH_NO_DAY && load_failure(j) == KITH_NONE &&
	    !any_resumed(j))
		check_checkpoints(j, as_of, judge);
	collapse_cascade(j, first);
}

/* ---- leaving out the entries with errors ---- */

typedef struct {
	uint32_t file, line, ix;
} ix_at;

static int ix_at_cmp(const void *a, const void *b)
{
	const ix_at *p = a, *q = b;
	if (p->file != q->file)
		return p->file < q->file ? -1 : 1;
	if (p->line != q->line)
		return p->line < q->line ? -1 : 1;
	return 0;
}

/* Marks bad[ix] for every interaction holding an error. */
static uint32_t mark_bad(const kith_journal *j, uint8_t *bad)
{
	uint32_t n = 0, m = 0;
	ix_at *at = kith_xcalloc(j->interactions.n + 1, sizeof *at);
	for (uint32_t i = 0; i < j->interactions.n; i++)
		if (!j->interactions.v[i].task)
			at[m++] = (ix_at){j->interactions.v[i].file,
			                  j->interactions.v[i].pos.line, i};
	qsort(at, m, sizeof *at, ix_at_cmp);
	for (uint32_t d = 0; d < j->diags.list.n; d++) {
		const kith_diag *g = &j->diags.list.v[d];
		if (g->sev != KITH_SEV_ERROR || g->pos.line == 0)
			continue;
		/* the last interaction of the file starting on or before it */
		ix_at key = {g->pos.file, g->pos.line, 0};
		uint32_t lo = 0, hi = m;
		while (lo < hi) {
			uint32_t mid = (lo + hi) / 2;
			if (ix_at_cmp(&at[mid], &key) <= 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo && at[lo - 1].file == g->pos.file &&
		    !bad[at[lo - 1].ix]) {
			bad[at[lo - 1].ix] = 1;
			n++;
		}
	}
	free(at);
	return n;
}

/* A loader's lists are in the arena; the check's own on the heap. */
static void free_interaction(kith_interaction *x)
{
	if (x->task)
		free(x->refs);
}

uint32_t kith_check_leave_out(kith_journal *j)
{
	uint32_t nix = j->interactions.n, nfu = j->followups.n;
	uint8_t *bad = kith_xcalloc(nix + 1, 1);
	uint32_t n = mark_bad(j, bad);
	if (!n) {
		free(bad);
		return 0;
	}
	/* a task's interaction goes with its entry */
	for (uint32_t i = 0; i < nix; i++) {
		const kith_interaction *x = &j->interactions.v[i];
		if (x->task && x->task - 1 < nfu &&
		    bad[j->followups.v[x->task - 1].interaction])
			bad[i] = 1;
	}
	uint32_t *ixmap = kith_xcalloc(nix + 1, sizeof *ixmap);
	uint32_t *fumap = kith_xcalloc(nfu + 1, sizeof *fumap);
	uint32_t k = 0;
	for (uint32_t i = 0; i < nix; i++)
		ixmap[i] = bad[i] ? KITH_NONE : k++;
	k = 0;
	for (uint32_t f = 0; f < nfu; f++) {
		kith_followup *fu = &j->followups.v[f];
		uint32_t to =
		    fu->interaction < nix ? ixmap[fu->interaction] : KITH_NONE;
		if (to == KITH_NONE) {
			fumap[f] = KITH_NONE;
			kith_vec_free(&fu->who);
			continue;
		}
		fumap[f] = k;
		fu->interaction = to;
		j->followups.v[k++] = *fu;
	}
	j->followups.n = k;
	k = 0;
	for (uint32_t i = 0; i < nix; i++) {
		kith_interaction *x = &j->interactions.v[i];
		if (bad[i]) {
			free_interaction(x);
			continue;
		}
		if (x->fu_count && x->fu_first < nfu)
			x->fu_first = fumap[x->fu_first];
		else
			x->fu_first = j->followups.n;
		if (x->task)
			x->task = fumap[x->task - 1] + 1;
		j->interactions.v[k++] = *x;
	}
	j->interactions.n = k;
	free(bad);
	free(ixmap);
	free(fumap);
	return n;
}
