/* Calendar exports (iCalendar, RFC 5545) read through libical: events on
 * their local day, recurring ones expanded within a bounded window,
 * moved occurrences, cancelled and declined meetings marked skipped. */
#include "util/ical.h"
#include <string.h>
#include <strings.h>
#include <time.h>

#include "import/import.h"

/* Lines where each VEVENT begins, in order, from a pass over the text that
 * also rejects malformed content lines (libical would drop them quietly). */
typedef KITH_VEC(uint32_t) ics_lines;

static int ics_syntax(const char *text, size_t len, kith_import_set *s,
                      ics_lines *vevents)
{
	size_t i = 0;
	uint32_t line = 0;
	int depth = 0;
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len) {
		const char *p = text + i, *e = memchr(p, '\n', len - i);
		size_t n = e ? (size_t)(e - p) : len - i, k = 0;
		line++;
		i += n + (e ? 1 : 0);
		if (n && p[n - 1] == '\r')
			n--;
		if (n == 0 || p[0] == ' ' || p[0] == '\t')
			continue; /* blank, or folded onto the line before */
		while (k < n &&
		       (p[k] == '-' || (p[k] >= '0' && p[k] <= '9') ||
		        ((p[k] | 0x20) >= 'a' && (p[k] | 0x20) <= 'z')))
			k++;
		if (k == 0 || k == n || (p[k] != ':' && p[k] != ';'))
			return kith_import_fail(s, line,
			                        "not an iCalendar line "
			                        "(NAME:VALUE, or a folded "
			                        "line starting with a space)");
		if (k == 5 && !strncasecmp(p, "BEGIN", 5)) {
			depth++;
			if (n - k - 1 == 6 && !strncasecmp(p + 6, "VEVENT", 6))
				*kith_vec_push(vevents) = line;
		} else if (k == 3 && !strncasecmp(p, "END", 3) && --depth < 0)
			return kith_import_fail(s, line, "END without a BEGIN");
	}
	if (depth > 0)
		return kith_import_fail(
		    s, line,
		    "the calendar ends inside a component "
		    "(END:VCALENDAR or END:VEVENT missing)");
	return 0;
}

typedef struct {
	const kith_ics_opts *o;
	kith_import_set *s;
	icaltimezone *zone;         /* NULL: the process's local zone */
	const char *calname;        /* X-WR-CALNAME when it is an address */
	KITH_VEC(char *) overrides; /* "UID/RECURRENCE-ID" of moved ones */
} ics_ctx;

int kith_ics_zone_valid(const char *tz)
{
	return icaltimezone_get_builtin_timezone(tz) != NULL;
}

/* The local day and minute of t. */
static void local_of(const ics_ctx *c, struct icaltimetype t, kith_day *day,
                     int *minute)
{
	if (t.is_date) {
		*day = kith_day_from_ymd(t.year, t.month, t.day);
		*minute = -1;
		return;
	}
	if (t.zone && c->zone)
		t = icaltime_convert_to_zone(t, c->zone);
	else if (t.zone || icaltime_is_utc(t)) {
		time_t tt = icaltime_as_timet_with_zone(
		    t, t.zone ? t.zone : icaltimezone_get_utc_timezone());
		struct tm tm;
		localtime_r(&tt, &tm);
		t.year = tm.tm_year + 1900;
		t.month = tm.tm_mon + 1;
		t.day = tm.tm_mday;
		t.hour = tm.tm_hour;
		t.minute = tm.tm_min;
	} /* else a floating time: already local */
	*day = kith_day_from_ymd(t.year, t.month, t.day);
	*minute = t.hour * 60 + t.minute;
}

/* The address in mailto:ADDR, lowercase, or NULL. */
static char *address(kith_import_set *s, const char *v)
{
	if (!v)
		return NULL;
	if (!strncasecmp(v, "mailto:", 7))
		v += 7;
	if (!strchr(v, '@'))
		return NULL;
	char *a = kith_import_strndup(s, v, strlen(v));
	for (char *q = a; *q; q++)
		if (*q >= 'A' && *q <= 'Z')
			*q = (char)(*q - 'A' + 'a');
	return a;
}

static int is_me(const ics_ctx *c, const char *addr, icalproperty *p)
{
	icalparameter *cn =
	    icalproperty_get_first_parameter(p, ICAL_CN_PARAMETER);
	for (const char **m = c->o->me; m && *m; m++)
		if (addr && !strcasecmp(*m, addr))
			return 1;
	if (addr && c->calname && !strcasecmp(c->calname, addr))
		return 1;
	return cn && c->o->owner && icalparameter_get_cn(cn) &&
	       !strcasecmp(icalparameter_get_cn(cn), c->o->owner);
}

/* Who took part: the organiser and the attendees who did not decline.
 * Returns "declined" when the user declined, else NULL. */
static const char *people(const ics_ctx *c, icalcomponent *ev,
                          kith_import_strs *out)
{
	icalproperty *p;
	const char *why = NULL;
	for (p = icalcomponent_get_first_property(ev, ICAL_ANY_PROPERTY); p;
	     p = icalcomponent_get_next_property(ev, ICAL_ANY_PROPERTY)) {
		icalproperty_kind k = icalproperty_isa(p);
		icalparameter *ps;
		char *a;
		if (k != ICAL_ATTENDEE_PROPERTY && k != ICAL_ORGANIZER_PROPERTY)
			continue;
		a = address(c->s, icalproperty_get_value_as_string(p));
		ps = icalproperty_get_first_parameter(p,
		                                      ICAL_PARTSTAT_PARAMETER);
		if (ps &&
		    icalparameter_get_partstat(ps) == ICAL_PARTSTAT_DECLINED) {
			if (is_me(c, a, p))
				why = "declined";
			continue;
		}
		if (a && !is_me(c, a, p))
			kith_import_push(c->s, out, a, strlen(a));
	}
	return why;
}

static char *rid_of(kith_import_set *s, struct icaltimetype t)
{
	if (!t.is_date && t.zone)
		t = icaltime_convert_to_zone(t,
		                             icaltimezone_get_utc_timezone());
	return kith_import_strndup(s, icaltime_as_ical_string(t),
	                           strlen(icaltime_as_ical_string(t)));
}

static void add_event(ics_ctx *c, icalcomponent *ev, uint32_t line,
                      const char *uid, struct icaltimetype start)
{
	kith_import_event *e;
	kith_day day;
	int minute;
	const char *sum = icalcomponent_get_summary(ev);
	local_of(c, start, &day, &minute);
	if (day < c->o->from || day > c->o->to)
		return;
	e = kith_vec_push(&c->s->events);
	e->line = line;
	e->uid = kith_import_strndup(c->s, uid, strlen(uid));
	e->summary = sum ? kith_import_strndup(c->s, sum, strlen(sum)) : NULL;
	e->day = day;
	e->minute = minute;
	if (icalcomponent_get_status(ev) == ICAL_STATUS_CANCELLED)
		e->skip = "cancelled";
	const char *why = people(c, ev, &e->emails);
	if (!e->skip)
		e->skip = why;
}

/* RECURRENCE-ID with its time zone resolved. */
static struct icaltimetype recurrence_id(icalcomponent *ev)
{
	icalproperty *p =
	    icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY);
	return icalproperty_get_datetime_with_component(p, ev);
}

static int is_override(const ics_ctx *c, const char *key)
{
	for (uint32_t i = 0; i < c->overrides.n; i++)
		if (!strcmp(c->overrides.v[i], key))
			return 1;
	return 0;
}

static int excluded(icalcomponent *ev, struct icaltimetype t)
{
	icalproperty *p;
	for (p = icalcomponent_get_first_property(ev, ICAL_EXDATE_PROPERTY); p;
	     p = icalcomponent_get_next_property(ev, ICAL_EXDATE_PROPERTY)) {
		struct icaltimetype x = icalproperty_get_exdate(p);
		if (x.is_date || t.is_date
		        ? x.year == t.year && x.month == t.month &&
		              x.day == t.day
		        : icaltime_compare(x, t) == 0)
			return 1;
	}
	return 0;
}

/* Occurrences of a recurring event up to the window's end, bounded. */
static void expand(ics_ctx *c, icalcomponent *ev, uint32_t line,
                   const char *uid, struct icaltimetype start)
{
	icalproperty *rp =
	    icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY);
	struct icalrecurrencetype r = icalproperty_get_rrule(rp);
	icalrecur_iterator *it = icalrecur_iterator_new(r, start);
	struct icaltimetype t;
	uint32_t n = 0;
	kith_buf key = {0};
	if (!it)
		return;
	if (kith_day_from_ymd(start.year, start.month, start.day) <
	    c->o->from - 1) {
		/* jump to the window (a rule with COUNT cannot: it is bounded
		 * by max_occur instead) */
		struct icaltimetype jump = start;
		int y, m, d;
		kith_day_to_ymd(c->o->from - 1, &y, &m, &d);
		jump.year = y, jump.month = m, jump.day = d;
		icalrecur_iterator_set_start(it, jump);
	}
	while (n++ < c->o->max_occur &&
	       !icaltime_is_null_time(t = icalrecur_iterator_next(it))) {
		kith_day day;
		int minute;
		t.zone = start.zone;
		local_of(c, t, &day, &minute);
		if (day > c->o->to)
			break;
		if (day < c->o->from || excluded(ev, t))
			continue;
		key.n = 0;
		kith_buf_printf(&key, "%s/%s", uid, rid_of(c->s, t));
		if (!is_override(c, kith_buf_cstr(&key)))
			add_event(c, ev, line, key.p, t);
	}
	icalrecur_iterator_free(it);
	kith_buf_free(&key);
}

static int one_event(ics_ctx *c, icalcomponent *ev, uint32_t line)
{
	icalproperty *err =
	    icalcomponent_get_first_property(ev, ICAL_XLICERROR_PROPERTY);
	const char *uid = icalcomponent_get_uid(ev);
	struct icaltimetype start = icalcomponent_get_dtstart(ev);
	if (err)
		return kith_import_fail(c->s, line, "in this event: %s",
		                        icalproperty_get_xlicerror(err));
	if (icaltime_is_null_time(start))
		return kith_import_fail(c->s, line, "the event has no DTSTART");
	if (!uid || !*uid)
		return kith_import_fail(c->s, line,
		                        "the event has no UID (kith keeps it "
		                        "to know the event on a later import)");
	const char *sum = icalcomponent_get_summary(ev);
	if (kith_utf8_invalid(uid, strlen(uid)) ||
	    (sum && kith_utf8_invalid(sum, strlen(sum))))
		return kith_import_fail(c->s, line,
		                        "the event's UID or SUMMARY is not "
		                        "UTF-8 (iCalendar files are)");
	if (icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY)) {
		kith_buf key = {0};
		kith_buf_printf(&key, "%s/%s", uid,
		                rid_of(c->s, recurrence_id(ev)));
		add_event(c, ev, line, kith_buf_cstr(&key), start);
		kith_buf_free(&key);
	} else if (icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY))
		expand(c, ev, line, uid, start);
	else
		add_event(c, ev, line, uid, start);
	return 0;
}

static void collect_overrides(ics_ctx *c, icalcomponent *root)
{
	icalcomponent *ev;
	for (ev =
	         icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT);
	     ev; ev = icalcomponent_get_next_component(root,
	                                               ICAL_VEVENT_COMPONENT)) {
		const char *uid = icalcomponent_get_uid(ev);
		if (!uid || !icalcomponent_get_first_property(
		                ev, ICAL_RECURRENCEID_PROPERTY))
			continue;
		*kith_vec_push(&c->overrides) = kith_arena_printf(
		    c->s->arena, "%s/%s", uid, rid_of(c->s, recurrence_id(ev)));
	}
}

static void calendar_name(ics_ctx *c, icalcomponent *root)
{
	icalproperty *p;
	for (p = icalcomponent_get_first_property(root, ICAL_X_PROPERTY); p;
	     p = icalcomponent_get_next_property(root, ICAL_X_PROPERTY)) {
		const char *name = icalproperty_get_x_name(p);
		if (name && !strcasecmp(name, "X-WR-CALNAME"))
			c->calname = address(c->s, icalproperty_get_x(p));
	}
}

int kith_ics_read(const char *text, size_t len, const kith_ics_opts *o,
                  kith_import_set *s)
{
	ics_lines lines = {0};
	ics_ctx c = {.o = o, .s = s};
	icalcomponent *root = NULL, *ev;
	char *copy = NULL;
	uint32_t k = 0;
	int rc = -1;

	if (ics_syntax(text, len, s, &lines) != 0)
		goto out;
	c.zone = o->tz ? icaltimezone_get_builtin_timezone(o->tz) : NULL;
	copy = kith_xstrndup(text, len);
	root = icalparser_parse_string(copy);
	if (!root) {
		rc = lines.n ? kith_import_fail(s, 1, "not an iCalendar file")
		             : 0;
		goto out;
	}
	calendar_name(&c, root);
	collect_overrides(&c, root);
	ev = icalcomponent_isa(root) == ICAL_VEVENT_COMPONENT
	         ? root
	         : icalcomponent_get_first_component(root,
	                                             ICAL_VEVENT_COMPONENT);
	rc = 0;
	for (; ev && rc == 0; ev = ev == root
	                               ? NULL
	                               : icalcomponent_get_next_component(
	                                     root, ICAL_VEVENT_COMPONENT)) {
		uint32_t line = k < lines.n ? lines.v[k] : 1;
		k++;
		rc = one_event(&c, ev, line);
	}
out:
	if (root)
		icalcomponent_free(root);
	free(copy);
	kith_vec_free(&lines);
	kith_vec_free(&c.overrides);
	return rc;
}
