/* libical, loaded on first use: kith links no libical (nor the ICU and
 * libstdc++ it pulls in) at start, and dlopen()s it when an iCalendar
 * file is written or read. Include this instead of <libical/ical.h>. */
#ifndef KITH_ICAL_H
#define KITH_ICAL_H

#include <libical/ical.h>

/* every libical function kith calls */
#define KITH_ICAL_FUNCS(X)                                                     \
	X(icalcomponent_add_component)                                         \
	X(icalcomponent_add_property)                                          \
	X(icalcomponent_as_ical_string_r)                                      \
	X(icalcomponent_free)                                                  \
	X(icalcomponent_get_dtstart)                                           \
	X(icalcomponent_get_first_component)                                   \
	X(icalcomponent_get_first_property)                                    \
	X(icalcomponent_get_next_component)                                    \
	X(icalcomponent_get_next_property)                                     \
	X(icalcomponent_get_status)                                            \
	X(icalcomponent_get_summary)                                           \
	X(icalcomponent_get_uid)                                               \
	X(icalcomponent_isa)                                                   \
	X(icalcomponent_new)                                                   \
	X(icalmemory_free_buffer)                                              \
	X(icalparameter_get_cn)                                                \
	X(icalparameter_get_partstat)                                          \
	X(icalparameter_new_value)                                             \
	X(icalparser_parse_string)                                             \
	X(icalproperty_get_datetime_with_component)                            \
	X(icalproperty_get_exdate)                                             \
	X(icalproperty_get_first_parameter)                                    \
	X(icalproperty_get_rrule)                                              \
	X(icalproperty_get_value_as_string)                                    \
	X(icalproperty_get_x)                                                  \
	X(icalproperty_get_x_name)                                             \
	X(icalproperty_get_xlicerror)                                          \
	X(icalproperty_isa)                                                    \
	X(icalproperty_new_calscale)                                           \
	X(icalproperty_new_categories)                                         \
	X(icalproperty_new_completed)                                          \
	X(icalproperty_new_description)                                        \
	X(icalproperty_new_dtend)                                              \
	X(icalproperty_new_dtstamp)                                            \
	X(icalproperty_new_dtstart)                                            \
	X(icalproperty_new_percentcomplete)                                    \
	X(icalproperty_new_due)                                                \
	X(icalproperty_new_prodid)                                             \
	X(icalproperty_new_rrule)                                              \
	X(icalproperty_new_status)                                             \
	X(icalproperty_new_summary)                                            \
	X(icalproperty_new_transp)                                             \
	X(icalproperty_new_uid)                                                \
	X(icalproperty_new_version)                                            \
	X(icalproperty_set_parameter)                                          \
	X(icalrecur_iterator_free)                                             \
	X(icalrecur_iterator_new)                                              \
	X(icalrecur_iterator_next)                                             \
	X(icalrecur_iterator_set_start)                                        \
	X(icalrecurrencetype_clear)                                            \
	X(icaltime_as_ical_string)                                             \
	X(icaltime_as_timet_with_zone)                                         \
	X(icaltime_compare)                                                    \
	X(icaltime_convert_to_zone)                                            \
	X(icaltime_is_null_time)                                               \
	X(icaltime_is_utc)                                                     \
	X(icaltime_null_date)                                                  \
	X(icaltime_null_time)                                                  \
	X(icaltimezone_get_builtin_timezone)                                   \
	X(icaltimezone_get_utc_timezone)

struct kith_ical_api {
#define KITH_ICAL_SLOT(f) __typeof__(f) *f;
	KITH_ICAL_FUNCS(KITH_ICAL_SLOT)
#undef KITH_ICAL_SLOT
};

/* The table, loading libical the first time; when it cannot be loaded,
 * prints one line and exits with status 3. */
const struct kith_ical_api *kith_ical(void);

/* The file dlopen() is given (default KITH_LIBICAL_SONAME); before the
 * first kith_ical() call only. For the tests of a machine without it. */
void kith_ical_set_soname(const char *soname);

/* calls go through the table (util/ical.c itself sees the real names) */
#ifndef KITH_ICAL_IMPL
#define icalcomponent_add_component (kith_ical()->icalcomponent_add_component)
#define icalcomponent_add_property (kith_ical()->icalcomponent_add_property)
#define icalcomponent_as_ical_string_r                                         \
	(kith_ical()->icalcomponent_as_ical_string_r)
#define icalcomponent_free (kith_ical()->icalcomponent_free)
#define icalcomponent_get_dtstart (kith_ical()->icalcomponent_get_dtstart)
#define icalcomponent_get_first_component                                      \
	(kith_ical()->icalcomponent_get_first_component)
#define icalcomponent_get_first_property                                       \
	(kith_ical()->icalcomponent_get_first_property)
#define icalcomponent_get_next_component                                       \
	(kith_ical()->icalcomponent_get_next_component)
#define icalcomponent_get_next_property                                        \
	(kith_ical()->icalcomponent_get_next_property)
#define icalcomponent_get_status (kith_ical()->icalcomponent_get_status)
#define icalcomponent_get_summary (kith_ical()->icalcomponent_get_summary)
#define icalcomponent_get_uid (kith_ical()->icalcomponent_get_uid)
#define icalcomponent_isa (kith_ical()->icalcomponent_isa)
#define icalcomponent_new (kith_ical()->icalcomponent_new)
#define icalmemory_free_buffer (kith_ical()->icalmemory_free_buffer)
#define icalparameter_get_cn (kith_ical()->icalparameter_get_cn)
#define icalparameter_get_partstat (kith_ical()->icalparameter_get_partstat)
#define icalparameter_new_value (kith_ical()->icalparameter_new_value)
#define icalparser_parse_string (kith_ical()->icalparser_parse_string)
#define icalproperty_get_datetime_with_component                               \
	(kith_ical()->icalproperty_get_datetime_with_component)
#define icalproperty_get_exdate (kith_ical()->icalproperty_get_exdate)
#define icalproperty_get_first_parameter                                       \
	(kith_ical()->icalproperty_get_first_parameter)
#define icalproperty_get_rrule (kith_ical()->icalproperty_get_rrule)
#define icalproperty_get_value_as_string                                       \
	(kith_ical()->icalproperty_get_value_as_string)
#define icalproperty_get_x (kith_ical()->icalproperty_get_x)
#define icalproperty_get_x_name (kith_ical()->icalproperty_get_x_name)
#define icalproperty_get_xlicerror (kith_ical()->icalproperty_get_xlicerror)
#define icalproperty_isa (kith_ical()->icalproperty_isa)
#define icalproperty_new_calscale (kith_ical()->icalproperty_new_calscale)
#define icalproperty_new_categories (kith_ical()->icalproperty_new_categories)
#define icalproperty_new_completed (kith_ical()->icalproperty_new_completed)
#define icalproperty_new_description (kith_ical()->icalproperty_new_description)
#define icalproperty_new_dtend (kith_ical()->icalproperty_new_dtend)
#define icalproperty_new_dtstamp (kith_ical()->icalproperty_new_dtstamp)
#define icalproperty_new_dtstart (kith_ical()->icalproperty_new_dtstart)
#define icalproperty_new_percentcomplete                                       \
	(kith_ical()->icalproperty_new_percentcomplete)
#define icalproperty_new_due (kith_ical()->icalproperty_new_due)
#define icalproperty_new_prodid (kith_ical()->icalproperty_new_prodid)
#define icalproperty_new_rrule (kith_ical()->icalproperty_new_rrule)
#define icalproperty_new_status (kith_ical()->icalproperty_new_status)
#define icalproperty_new_summary (kith_ical()->icalproperty_new_summary)
#define icalproperty_new_transp (kith_ical()->icalproperty_new_transp)
#define icalproperty_new_uid (kith_ical()->icalproperty_new_uid)
#define icalproperty_new_version (kith_ical()->icalproperty_new_version)
#define icalproperty_set_parameter (kith_ical()->icalproperty_set_parameter)
#define icalrecur_iterator_free (kith_ical()->icalrecur_iterator_free)
#define icalrecur_iterator_new (kith_ical()->icalrecur_iterator_new)
#define icalrecur_iterator_next (kith_ical()->icalrecur_iterator_next)
#define icalrecur_iterator_set_start (kith_ical()->icalrecur_iterator_set_start)
#define icalrecurrencetype_clear (kith_ical()->icalrecurrencetype_clear)
#define icaltime_as_ical_string (kith_ical()->icaltime_as_ical_string)
#define icaltime_as_timet_with_zone (kith_ical()->icaltime_as_timet_with_zone)
#define icaltime_compare (kith_ical()->icaltime_compare)
#define icaltime_convert_to_zone (kith_ical()->icaltime_convert_to_zone)
#define icaltime_is_null_time (kith_ical()->icaltime_is_null_time)
#define icaltime_is_utc (kith_ical()->icaltime_is_utc)
#define icaltime_null_date (kith_ical()->icaltime_null_date)
#define icaltime_null_time (kith_ical()->icaltime_null_time)
#define icaltimezone_get_builtin_timezone                                      \
	(kith_ical()->icaltimezone_get_builtin_timezone)
#define icaltimezone_get_utc_timezone                                          \
	(kith_ical()->icaltimezone_get_utc_timezone)

#endif /* KITH_ICAL_IMPL */

#endif
