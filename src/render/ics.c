/* The iCalendar renderer (RFC 5545) for `kith due`: a VTODO per due item
 * (completed for a row with a "done" date), a VEVENT per event, built with
 * libical, which does the TEXT escaping
 * and the 75-octet line folding (it never splits a UTF-8 sequence). */
#include "compute/report.h"
#include "render/render.h"

#include "util/ical.h"
#include <stdlib.h>
#include <string.h>

/* The columns a calendar section provides (see docs/html.md and the due
 * report); -1 when absent. */
typedef struct {
	int uid, date, type, what, who, why, end, state, done;
} ics_cols;

static ics_cols find_cols(const kith_section *s)
{
	ics_cols c = {
	    kith_section_col(s, "uid"),  kith_section_col(s, "date"),
	    kith_section_col(s, "type"), kith_section_col(s, "what"),
	    kith_section_col(s, "who"),  kith_section_col(s, "why"),
	    kith_section_col(s, "end"),  kith_section_col(s, "state"),
	    kith_section_col(s, "done"),
	};
	return c;
}

/* Copies s into out as text libical may fold safely: valid UTF-8 (each bad
 * byte becomes U+FFFD, so folding cannot split a sequence), no control
 * characters but tab and newline (RFC 5545 forbids them in TEXT; CR is
 * dropped so CRLF notes become one newline). With oneline, newlines and
 * tabs become spaces, for values that are not escaped TEXT. */
static const char *clean(kith_buf *out, const char *s, int oneline)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n = strlen((const char *)p);
	out->n = 0;
	for (size_t i = 0; i < n;) {
		size_t k = kith_utf8_seq((const char *)p + i, n - i);
		if (!k) {
			kith_buf_puts(out, "\xEF\xBF\xBD");
			i++;
			continue;
		}
		unsigned char c = p[i];
		if (k == 1 && (c == '\n' || c == '\t'))
			kith_buf_putc(out, oneline ? ' ' : c);
		else if (k > 1 || (c >= 0x20 && c != 0x7f))
			kith_buf_put(out, p + i, k);
		i += k;
	}
	return kith_buf_cstr(out);
}

/* A cell as plain text (what text and csv show), "" when absent. */
static const char *cell_str(const kith_section *s, uint32_t row, int col,
                            kith_buf *tmp)
{
	tmp->n = 0;
	const kith_cell *c =
	    col < 0 ? NULL : kith_section_cell(s, row, (uint32_t)col);
	if (c)
		kith_cell_fmt(c, tmp);
	return kith_buf_cstr(tmp);
}

static kith_day cell_day(const kith_section *s, uint32_t row, int col)
{
	const kith_cell *c =
	    col < 0 ? NULL : kith_section_cell(s, row, (uint32_t)col);
	kith_day d;
	if (!c)
		return KITH_NO_DAY;
	if (c->type == KITH_CELL_DATE)
		return c->day;
	if (c->type == KITH_CELL_TEXT && c->s &&
	    kith_date_parse(c->s, strlen(c->s), &d) == 0)
		return d;
	return KITH_NO_DAY;
}

static struct icaltimetype ical_date(kith_day day)
{
	struct icaltimetype t = icaltime_null_date();
	kith_day_to_ymd(day, &t.year, &t.month, &t.day);
	t.is_date = 1;
	return t;
}

/* DTSTAMP is the as-of date at midnight UTC, not the wall clock, so two
 * runs on the same journal and as-of date give the same bytes. */
static struct icaltimetype ical_stamp(kith_day day)
{
	struct icaltimetype t = icaltime_null_time();
	kith_day_to_ymd(day, &t.year, &t.month, &t.day);
	t.is_date = 0;
	t.zone = icaltimezone_get_utc_timezone();
	return t;
}

/* COMPLETED is a UTC date-time (RFC 5545 3.8.2.1); kith knows the day
 * only, so noon UTC, which is that same day from UTC-11 to UTC+11. */
static struct icaltimetype ical_noon(kith_day day)
{
	struct icaltimetype t = ical_stamp(day);
	t.hour = 12;
	return t;
}

static icalproperty *date_prop(icalproperty *p)
{
	icalproperty_set_parameter(p, icalparameter_new_value(ICAL_VALUE_DATE));
	return p;
}

/* "Who: ...\nWhy: ..." from the who and why columns, labelled by their
 * column titles; NULL when both are empty. */
static const char *description(const kith_section *s, uint32_t row,
                               const ics_cols *c, kith_buf *out)
{
	kith_buf tmp = {0};
	int cols[2] = {c->who, c->why};
	out->n = 0;
	for (int k = 0; k < 2; k++) {
		const char *v = cell_str(s, row, cols[k], &tmp);
		if (!*v)
			continue;
		if (out->n)
			kith_buf_putc(out, '\n');
		kith_buf_printf(out, "%s: %s", s->cols[cols[k]].title, v);
	}
	kith_buf_free(&tmp);
	return out->n ? kith_buf_cstr(out) : NULL;
}

/* Event status from the event's state, when it is one kith knows. */
static int event_status(const char *state, icalproperty_status *st)
{
	static const struct {
		const char *state;
		icalproperty_status st;
	} map[] = {
	    {"registered", ICAL_STATUS_CONFIRMED},
	    {"attended", ICAL_STATUS_CONFIRMED},
	    {"planned", ICAL_STATUS_TENTATIVE},
	    {"idea", ICAL_STATUS_TENTATIVE},
	    {"skipped", ICAL_STATUS_CANCELLED},
	};
	for (size_t i = 0; i < KITH_ARRAY_LEN(map); i++)
		if (strcmp(state, map[i].state) == 0) {
			*st = map[i].st;
			return 1;
		}
	return 0;
}

typedef struct {
	const kith_report *r;
	icalcomponent *cal;
	kith_arena *seen_keys;
	kith_map seen; /* UIDs already written: a calendar holds each once */
	kith_buf tmp, cl;
} ics_ctx;

static void add_row(ics_ctx *x, const kith_section *s, uint32_t row,
                    const ics_cols *c)
{
	const char *uid = cell_str(s, row, c->uid, &x->tmp);
	/* A row without a UID cannot be imported stably; skip it. */
	if (!*uid)
		return;
	kith_str key = kith_str_c(kith_arena_strdup(x->seen_keys, uid));
	if (!kith_map_put(&x->seen, key, 0, NULL))
		return;
	kith_buf cl = {0}, tmp = {0};
	char *type = kith_xstrdup(cell_str(s, row, c->type, &tmp));
	/* A birthday is an all-day event that comes back every year, not a
	 * task to tick off. */
	int is_bday = strcmp(type, "birthday") == 0;
	int is_event = strcmp(type, "event") == 0 || is_bday;
	kith_day day = cell_day(s, row, c->date);
	icalcomponent *comp = icalcomponent_new(
	    is_event ? ICAL_VEVENT_COMPONENT : ICAL_VTODO_COMPONENT);
	icalcomponent_add_property(comp,
	                           icalproperty_new_uid(clean(&cl, uid, 1)));
	icalcomponent_add_property(
	    comp, icalproperty_new_dtstamp(ical_stamp(x->r->as_of)));
	if (is_event && day != KITH_NO_DAY) {
		kith_day end = cell_day(s, row, c->end);
		if (end == KITH_NO_DAY || end < day)
			end = day;
		icalcomponent_add_property(
		    comp, date_prop(icalproperty_new_dtstart(ical_date(day))));
		/* DTEND of an all-day event is exclusive: the day after. */
		icalcomponent_add_property(
		    comp,
		    date_prop(icalproperty_new_dtend(ical_date(end + 1))));
		if (is_bday) {
			struct icalrecurrencetype rr;
			icalrecurrencetype_clear(&rr);
			rr.freq = ICAL_YEARLY_RECURRENCE;
			icalcomponent_add_property(comp,
			                           icalproperty_new_rrule(rr));
			icalcomponent_add_property(
			    comp,
			    icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
		}
	} else if (day != KITH_NO_DAY) {
		icalcomponent_add_property(
		    comp, date_prop(icalproperty_new_due(ical_date(day))));
	}
	const char *what = cell_str(s, row, c->what, &tmp);
	kith_buf bday = {0};
	/* the same every year: no age in a recurring summary */
	if (is_bday && *cell_str(s, row, c->who, &bday)) {
		kith_buf who = {0};
		kith_buf_printf(&who, "birthday of %s", kith_buf_cstr(&bday));
		kith_buf_free(&bday);
		bday = who;
		what = kith_buf_cstr(&bday);
	}
	if (!*what)
		what = *type ? type : "kith";
	icalcomponent_add_property(
	    comp, icalproperty_new_summary(clean(&cl, what, 0)));
	kith_buf_free(&bday);
	const char *desc = description(s, row, c, &tmp);
	if (desc)
		icalcomponent_add_property(
		    comp, icalproperty_new_description(clean(&cl, desc, 0)));
	icalproperty_status st;
	kith_day done = cell_day(s, row, c->done);
	if (!is_event && done != KITH_NO_DAY) {
		/* done: the calendar that holds it open closes it */
		icalcomponent_add_property(
		    comp, icalproperty_new_status(ICAL_STATUS_COMPLETED));
		icalcomponent_add_property(
		    comp, icalproperty_new_completed(ical_noon(done)));
		icalcomponent_add_property(
		    comp, icalproperty_new_percentcomplete(100));
	} else if (!is_event)
		icalcomponent_add_property(
		    comp, icalproperty_new_status(ICAL_STATUS_NEEDSACTION));
	else if (event_status(cell_str(s, row, c->state, &tmp), &st))
		icalcomponent_add_property(comp, icalproperty_new_status(st));
	if (*type)
		icalcomponent_add_property(
		    comp, icalproperty_new_categories(clean(&cl, type, 0)));
	icalcomponent_add_component(x->cal, comp);
	free(type);
	kith_buf_free(&cl);
	kith_buf_free(&tmp);
}

int kith_render_ics(const kith_report *r, const kith_render_opts *o,
                    kith_buf *out)
{
	ics_ctx x = {.r = r, .seen_keys = kith_arena_new()};
	kith_buf prodid = {0};
	kith_buf_printf(&prodid, "-//kith//kith %s//EN",
	                o && o->version ? o->version : KITH_VERSION);
	x.cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	icalcomponent_add_property(
	    x.cal, icalproperty_new_prodid(clean(&x.cl, prodid.p, 1)));
	icalcomponent_add_property(x.cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(x.cal,
	                           icalproperty_new_calscale("GREGORIAN"));
	for (uint32_t i = 0; i < r->sections.n; i++) {
		const kith_section *s = &r->sections.v[i];
		ics_cols c = find_cols(s);
		if (s->kind != KITH_SECTION_TABLE || c.uid < 0 || c.date < 0)
			continue;
		for (uint32_t row = 0; row < s->nrows; row++)
			add_row(&x, s, row, &c);
	}
	char *text = icalcomponent_as_ical_string_r(x.cal);
	if (!text)
		kith_die_oom();
	kith_buf_puts(out, text);
	icalmemory_free_buffer(text);
	icalcomponent_free(x.cal);
	kith_map_free(&x.seen);
	kith_arena_free(x.seen_keys);
	kith_buf_free(&x.tmp);
	kith_buf_free(&x.cl);
	kith_buf_free(&prodid);
	return 0;
}
