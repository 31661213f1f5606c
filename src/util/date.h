/* Calendar arithmetic on day numbers: dates, durations, cadences, periods
 * and the as-of date. Internal header for src/ and tests/. */
#ifndef KITH_DATE_H
#define KITH_DATE_H

#include <stdint.h>

#include "util/util.h"

/* Days since 1970-01-01 (proleptic Gregorian). */
typedef int32_t kith_day;
#define KITH_NO_DAY INT32_MIN
/* The calendar's range: 0001-01-01 .. 9999-12-31. */
#define KITH_DAY_MIN (-719162)
#define KITH_DAY_MAX 2932896

kith_day kith_day_from_ymd(int y, int m, int d); /* no validation */
void kith_day_to_ymd(kith_day day, int *y, int *m, int *d);
int kith_ymd_valid(int y, int m, int d);
int kith_days_in_month(int y, int m);
int kith_weekday(kith_day day); /* 1 = Monday .. 7 = Sunday (ISO) */
/* Strict YYYY-MM-DD, calendar-checked. 0 on success, -1 malformed,
 * -2 well-formed but not a calendar date. */
int kith_date_parse(const char *p, size_t n, kith_day *out);
/* Writes "YYYY-MM-DD" + NUL into out (11 bytes). */
void kith_date_fmt(kith_day day, char out[11]);

/* Durations: Nd, Nw, Nm (calendar months, clamped to month end), Ny. */
typedef enum {
	KITH_UNIT_DAY,
	KITH_UNIT_WEEK,
	KITH_UNIT_MONTH,
	KITH_UNIT_YEAR
} kith_unit;
typedef struct {
	int32_t n;
	kith_unit unit;
} kith_dur;
int kith_dur_parse(const char *p, size_t n, kith_dur *out); /* 0 or -1 */
/* day + d and day - d, stopping at KITH_DAY_MIN / KITH_DAY_MAX. */
kith_day kith_dur_add(kith_day day, kith_dur d);
kith_day kith_dur_sub(kith_day day, kith_dur d);
/* day + d; -1 when it falls outside the calendar's range (or day is
 * KITH_NO_DAY), for loaders that must refuse rather than saturate. */
int kith_dur_add_checked(kith_day day, kith_dur d, kith_day *out);
void kith_dur_fmt(kith_dur d, char out[16]);
int kith_dur_days_approx(kith_dur d); /* for sorting: m=30, y=365 */

/* Cadence IDEAL..MAX (a single duration D means D..D). */
typedef struct {
	kith_dur ideal, max;
} kith_cadence;
int kith_cadence_parse(const char *p, size_t n, kith_cadence *out); /* 0/-1 */
void kith_cadence_fmt(kith_cadence c, char out[40]);

/* Periods: inclusive day ranges. */
typedef enum {
	KITH_PER_WEEK,
	KITH_PER_MONTH,
	KITH_PER_QUARTER,
	KITH_PER_YEAR,
	KITH_PER_GOAL,
	KITH_PER__COUNT
} kith_per;
typedef struct {
	kith_day from, to; /* inclusive */
} kith_period;
/* Parses 2026, 2026-Q4, 2026-11, 2026-W47, 2026-11-03, A..B, this-week,
 * last-month, ... relative to as_of. Returns 0, or -1 and sets *errcol to
 * the 0-based byte offset of the problem and *err to a static message. */
int kith_period_parse(const char *p, size_t n, kith_day as_of, kith_period *out,
                      size_t *errcol, const char **err);
/* The bucket of kind per containing day (KITH_PER_GOAL is not a bucket). */
kith_period kith_bucket_of(kith_per per, kith_day day);
/* A label for the bucket containing day: 2026-W47, 2026-11, 2026-Q4, 2026 */
void kith_bucket_label(kith_per per, kith_day day, char out[16]);
const char *kith_per_name(kith_per per); /* "week", ... */
int kith_per_parse(const char *p, size_t n, kith_per *out);

/* The inputs of the as-of date, any may be NULL. The library reads no
 * environment: the CLI passes $KITH_AS_OF and $SOURCE_DATE_EPOCH here. */
typedef struct {
	const char *option;           /* --as-of */
	const char *env_as_of;        /* $KITH_AS_OF */
	const char *env_source_epoch; /* $SOURCE_DATE_EPOCH */
} kith_as_of_inputs;

/* As-of date: the option, else $KITH_AS_OF, else $SOURCE_DATE_EPOCH
 * (UTC), else the local date. Returns 0, or -1 with a message in *err
 * when a given value is malformed. in may be NULL (the local date). */
int kith_as_of(const kith_as_of_inputs *in, kith_day *out, const char **err);

#endif
