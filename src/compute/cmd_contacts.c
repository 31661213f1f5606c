/* kith contacts: every contact matching a query, by handle, with last
 * touch, interaction count, cadence and where it stands; private fields
 * (email, phone, birthday) only when asked for. */
#include <stdlib.h>
#include <string.h>

#include "compute/compute.h"

/* The private columns come last so the public table is a prefix. */
enum {
	CON_HANDLE,
	CON_NAME,
	CON_ROLES,
	CON_ORG,
	CON_LAST_TOUCH,
	CON_INTERACTIONS,
	CON_CADENCE,
	CON_NEXT_DUE,
	CON_STATE,
	CON_EMAIL,
	CON_PHONE,
	CON_BIRTHDAY,
	CON__COUNT
};
static const kith_col contact_cols[CON__COUNT] = {
    [CON_HANDLE] = {"handle", "Handle", KITH_CELL_TEXT, 0},
    [CON_NAME] = {"name", "Name", KITH_CELL_TEXT,
                  KITH_COL_WIDE | KITH_COL_MAIN},
    [CON_ROLES] = {"roles", "Roles", KITH_CELL_TEXT,
                   KITH_COL_WIDE | KITH_COL_DROP_AT(4)},
    [CON_ORG] = {"org", "Org", KITH_CELL_TEXT,
                 KITH_COL_WIDE | KITH_COL_MIN(8) | KITH_COL_DROP_AT(5)},
    [CON_LAST_TOUCH] = {"last_touch", "Last touch", KITH_CELL_DATE, 0},
    [CON_INTERACTIONS] = {"interactions", "Interactions", KITH_CELL_INT,
                          KITH_COL_RIGHT | KITH_COL_DROP_AT(6)},
    [CON_CADENCE] = {"cadence", "Cadence", KITH_CELL_TEXT, KITH_COL_DROP_AT(7)},
    [CON_NEXT_DUE] = {"next_due", "Next due", KITH_CELL_DATE, 0},
    [CON_STATE] = {"state", "State", KITH_CELL_TEXT, 0},
    [CON_EMAIL] = {"email", "Email", KITH_CELL_TEXT, KITH_COL_DROP_AT(10)},
    [CON_PHONE] = {"phone", "Phone", KITH_CELL_TEXT, KITH_COL_DROP_AT(9)},
    [CON_BIRTHDAY] = {"birthday", "Birthday", KITH_CELL_TEXT,
                      KITH_COL_DROP_AT(8)},
};
enum { PUBLIC_COLS = CON_EMAIL };

static const char *const state_names[] = {"ok", "due", "overdue"};
static const kith_style state_styles[] = {KITH_STYLE_GOOD, KITH_STYLE_WARN,
                                          KITH_STYLE_BAD};

typedef struct {
	kith_str handle;
	uint32_t idx;
} handle_key;

static int handle_cmp(const void *a, const void *b)
{
	const handle_key *x = a, *y = b;
	int c = kith_str_cmp(x->handle, y->handle);
	return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

static void cadence_cell(kith_report *r, kith_cell *c, const kith_touch *t)
{
	if (!t->has_cadence)
		return;
	char buf[40];
	kith_cadence_fmt(t->cadence, buf);
	kith_cell_text(r, c, buf);
}

void kith_disp_state_cell(kith_report *r, kith_cell *c, int state)
{
	if (state < 0 || state > 2) {
		kith_cell_text(r, c, "-");
		c->style = KITH_STYLE_DIM;
		return;
	}
	kith_cell_text(r, c, state_names[state]);
	c->style = state_styles[state];
}

const char *kith_disp_birthday(kith_report *r, const kith_contact *k)
{
	if (!k->bday_month)
		return NULL;
	if (k->bday_year)
		return kith_arena_printf(r->arena, "%04d-%02d-%02d",
		                         k->bday_year, k->bday_month,
		                         k->bday_day);
	return kith_arena_printf(r->arena, "%02d-%02d", k->bday_month,
	                         k->bday_day);
}

static void contact_row(kith_report *r, kith_section *s, const kith_journal *j,
                        uint32_t c, const kith_touch *t, int redact)
{
	const kith_contact *k = &j->contacts.v[c];
	kith_row w = kith_row_add(r, s);
	kith_row_text(w, CON_HANDLE, kith_who(r, j, c, redact));
	/* Name and org identify a person: a redacted report shows neither. */
	if (!redact) {
		kith_row_str(w, CON_NAME, k->name.s);
		kith_row_str(w, CON_ORG, k->org.s);
	}
	const char *roles = kith_disp_names(r, &k->roles);
	if (roles)
		kith_row_text(w, CON_ROLES, roles);
	kith_row_date(w, CON_LAST_TOUCH, t->last_touch);
	kith_row_int(w, CON_INTERACTIONS, t->count);
	cadence_cell(r, kith_row_cell(w, CON_CADENCE, KITH_CELL_TEXT), t);
	kith_row_date(w, CON_NEXT_DUE, t->due_on);
	kith_disp_state_cell(r, kith_row_cell(w, CON_STATE, KITH_CELL_TEXT),
	                     t->has_cadence ? t->state : -1);
	if (!r->private_fields)
		return;
	kith_row_str(w, CON_EMAIL, k->email.s);
	kith_row_str(w, CON_PHONE, k->phone.s);
	const char *bd = kith_disp_birthday(r, k);
	if (bd)
		kith_row_text(w, CON_BIRTHDAY, bd);
}

uint32_t *kith_disp_by_handle(const kith_journal *j)
{
	uint32_t n = j->contacts.n;
	handle_key *keys = kith_xcalloc(n ? n : 1, sizeof(*keys));
	for (uint32_t i = 0; i < n; i++)
		keys[i] = (handle_key){j->contacts.v[i].handle, i};
	qsort(keys, n, sizeof(*keys), handle_cmp);
	uint32_t *out = kith_xcalloc(n ? n : 1, sizeof(*out));
	for (uint32_t i = 0; i < n; i++)
		out[i] = keys[i].idx;
	free(keys);
	return out;
}

/* A private column that no listed contact fills is left to json and csv
 * (whose columns stay fixed): the terminal, md and html omit it. */
static void hide_empty_private(const kith_journal *j, const uint32_t *list,
                               uint32_t n, kith_col *cols)
{
	int has[3] = {0, 0, 0};
	for (uint32_t k = 0; k < n; k++) {
		const kith_contact *c = &j->contacts.v[list[k]];
		has[0] |= c->email.s.n > 0;
		has[1] |= c->phone.s.n > 0;
		has[2] |= c->bday_month != 0;
	}
	for (int i = 0; i < 3; i++)
		if (!has[i])
			cols[CON_EMAIL + i].flags |= KITH_COL_MACHINE;
}

kith_report *kith_compute_contacts(const kith_journal *j, const kith_opts *o)
{
	kith_report *r = kith_report_new("contacts", o->as_of);
	kith_disp_init(r, j, o);
	r->title = kith_arena_printf(r->arena, "Contacts as of %s",
	                             kith_disp_day(r, o->as_of));
	if (o->query_text && *o->query_text)
		kith_report_fact(r, "query", o->query_text);

	kith_touch *t = kith_touch_compute(j, o->as_of);
	uint32_t *order = kith_disp_by_handle(j);
	uint32_t n = 0;
	uint32_t lost = 0; /* contacts lost to the regex match limit */
	for (uint32_t k = 0; k < j->contacts.n; k++) {
		int failed = 0;
		if (kith_query_match_contact(j, o->query, order[k], &failed))
			order[n++] = order[k];
		lost += failed != 0;
	}
	kith_col cols[CON__COUNT];
	memcpy(cols, contact_cols, sizeof(cols));
	if (r->private_fields)
		hide_empty_private(j, order, n, cols);
	kith_section *s = kith_report_section(
	    r, "contacts", "Contacts", KITH_SECTION_TABLE, cols,
	    r->private_fields ? CON__COUNT : PUBLIC_COLS);
	s->empty = "No contacts match.";
	uint32_t counts[3] = {0, 0, 0};
	for (uint32_t k = 0; k < n; k++) {
		uint32_t c = order[k];
		contact_row(r, s, j, c, &t[c], o->redact);
		if (t[c].has_cadence && t[c].state >= 0 && t[c].state <= 2)
			counts[t[c].state]++;
	}
	kith_report_fact(r, "contacts",
	                 kith_arena_printf(r->arena, "%u", s->nrows));
	kith_report_fact(r, "due",
	                 kith_arena_printf(r->arena, "%u", counts[1]));
	kith_report_fact(r, "overdue",
	                 kith_arena_printf(r->arena, "%u", counts[2]));
	kith_disp_limit_warning(r, lost);
	free(order);
	free(t);
	return r;
}
