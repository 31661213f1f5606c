/* Unit tests for calendar arithmetic: dates, durations, cadences, periods,
 * buckets and the as-of date. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"

static kith_day D(const char *s)
{
	kith_day d = KITH_NO_DAY;
	cr_assert_eq(kith_date_parse(s, strlen(s), &d), 0, "date %s", s);
	return d;
}

static void assert_date(kith_day day, const char *want)
{
	char buf[11];
	kith_date_fmt(day, buf);
	cr_assert_str_eq(buf, want);
}

static kith_dur dur(const char *s)
{
	kith_dur d;
	cr_assert_eq(kith_dur_parse(s, strlen(s), &d), 0, "duration %s", s);
	return d;
}

Test(date, epoch_and_round_trip)
{
	cr_assert_eq(kith_day_from_ymd(1970, 1, 1), 0);
	cr_assert_eq(kith_day_from_ymd(1969, 12, 31), -1);
	cr_assert_eq(kith_day_from_ymd(2000, 3, 1), 11017);
	for (kith_day d = kith_day_from_ymd(1, 1, 1);
	     d <= kith_day_from_ymd(9999, 12, 31); d += 97) {
		int y, m, dd;
		kith_day_to_ymd(d, &y, &m, &dd);
		cr_assert(kith_ymd_valid(y, m, dd));
		cr_assert_eq(kith_day_from_ymd(y, m, dd), d);
	}
	assert_date(kith_day_from_ymd(1, 1, 1), "0001-01-01");
	assert_date(kith_day_from_ymd(9999, 12, 31), "9999-12-31");
}

Test(date, weekday)
{
	cr_assert_eq(kith_weekday(0), 4); /* 1970-01-01 Thursday */
	cr_assert_eq(kith_weekday(D("2026-11-23")), 1);
	cr_assert_eq(kith_weekday(D("2026-11-22")), 7);
	cr_assert_eq(kith_weekday(D("1969-12-29")), 1);
}

Test(date, month_ends_and_leap_years)
{
	cr_assert_eq(kith_days_in_month(2024, 2), 29);
	cr_assert_eq(kith_days_in_month(2026, 2), 28);
	cr_assert_eq(kith_days_in_month(1900, 2), 28);
	cr_assert_eq(kith_days_in_month(2000, 2), 29);
	cr_assert_eq(kith_days_in_month(2026, 4), 30);
	cr_assert_eq(kith_days_in_month(2026, 12), 31);
	cr_assert(kith_ymd_valid(2024, 2, 29));
	cr_assert(!kith_ymd_valid(1900, 2, 29));
	cr_assert(kith_ymd_valid(2000, 2, 29));
	cr_assert(!kith_ymd_valid(0, 1, 1));
	cr_assert(!kith_ymd_valid(10000, 1, 1));
}

Test(date, strict_parse)
{
	kith_day d;
	cr_assert_eq(kith_date_parse("2024-02-29", 10, &d), 0);
	assert_date(d, "2024-02-29");
	cr_assert_eq(kith_date_parse("2026-02-30", 10, &d), -2);
	cr_assert_eq(kith_date_parse("1900-02-29", 10, &d), -2);
	cr_assert_eq(kith_date_parse("2026-13-01", 10, &d), -2);
	cr_assert_eq(kith_date_parse("2026-00-10", 10, &d), -2);
	cr_assert_eq(kith_date_parse("0000-01-01", 10, &d), -2);
	cr_assert_eq(kith_date_parse("2026-1-01", 9, &d), -1);
	cr_assert_eq(kith_date_parse("2026/01/01", 10, &d), -1);
	cr_assert_eq(kith_date_parse("2026-01-0a", 10, &d), -1);
	cr_assert_eq(kith_date_parse("2026-01-011", 11, &d), -1);
	cr_assert_eq(kith_date_parse("+026-01-01", 10, &d), -1);
	cr_assert_eq(kith_date_parse("", 0, &d), -1);
}

Test(date, duration_parse_and_format)
{
	kith_dur d;
	char buf[16];
	cr_assert_eq(kith_dur_parse("3d", 2, &d), 0);
	cr_assert_eq(d.n, 3);
	cr_assert_eq(d.unit, KITH_UNIT_DAY);
	cr_assert_eq(kith_dur_parse("9999y", 5, &d), 0);
	cr_assert_eq(d.unit, KITH_UNIT_YEAR);
	kith_dur_fmt(dur("6w"), buf);
	cr_assert_str_eq(buf, "6w");
	cr_assert_eq(kith_dur_parse("0d", 2, &d), -1);
	cr_assert_eq(kith_dur_parse("10000d", 6, &d), -1);
	cr_assert_eq(kith_dur_parse("d", 1, &d), -1);
	cr_assert_eq(kith_dur_parse("3", 1, &d), -1);
	cr_assert_eq(kith_dur_parse("3h", 2, &d), -1);
	cr_assert_eq(kith_dur_parse("-3d", 3, &d), -1);
	cr_assert_eq(kith_dur_parse("3D", 2, &d), -1);
	cr_assert_eq(kith_dur_days_approx(dur("2m")), 60);
	cr_assert_eq(kith_dur_days_approx(dur("2w")), 14);
	cr_assert_eq(kith_dur_days_approx(dur("1y")), 365);
}

Test(date, duration_add_sub_clamps)
{
	assert_date(kith_dur_add(D("2026-01-31"), dur("1m")), "2026-02-28");
	assert_date(kith_dur_add(D("2024-01-31"), dur("1m")), "2024-02-29");
	assert_date(kith_dur_add(D("2024-02-29"), dur("1y")), "2025-02-28");
	assert_date(kith_dur_add(D("2024-02-29"), dur("4y")), "2028-02-29");
	assert_date(kith_dur_add(D("2026-11-15"), dur("2m")), "2027-01-15");
	assert_date(kith_dur_add(D("2026-12-31"), dur("1d")), "2027-01-01");
	assert_date(kith_dur_add(D("2026-11-03"), dur("2w")), "2026-11-17");
	assert_date(kith_dur_sub(D("2026-03-31"), dur("1m")), "2026-02-28");
	assert_date(kith_dur_sub(D("2026-01-15"), dur("2m")), "2025-11-15");
	assert_date(kith_dur_sub(D("2025-02-28"), dur("1y")), "2024-02-28");
	assert_date(kith_dur_sub(D("2026-03-01"), dur("1d")), "2026-02-28");
	assert_date(kith_dur_sub(D("2026-01-01"), dur("13m")), "2024-12-01");
	cr_assert_eq(kith_dur_add(KITH_NO_DAY, dur("1d")), KITH_NO_DAY);
}

Test(date, arithmetic_stays_in_the_calendar)
{
	/* 9999-12-31 + 2m would be 10000-02-29: saturate, never wrap. */
	cr_assert_eq(kith_dur_add(D("9999-12-31"), dur("2m")), KITH_DAY_MAX);
	cr_assert_eq(kith_dur_add(D("9990-01-01"), dur("99y")), KITH_DAY_MAX);
	cr_assert_eq(kith_dur_add(D("9999-12-25"), dur("9999w")), KITH_DAY_MAX);
	cr_assert_eq(kith_dur_sub(D("0001-02-01"), dur("2m")), KITH_DAY_MIN);
	cr_assert_eq(kith_dur_sub(D("0002-01-01"), dur("9999d")), KITH_DAY_MIN);
	assert_date(KITH_DAY_MAX, "9999-12-31");
	assert_date(KITH_DAY_MIN, "0001-01-01");
	assert_date(kith_dur_add(D("9999-11-30"), dur("1m")), "9999-12-30");
	kith_day out = 0;
	cr_assert_eq(kith_dur_add_checked(D("9999-12-31"), dur("2m"), &out),
	             -1);
	cr_assert_eq(kith_dur_add_checked(D("9999-12-31"), dur("1d"), &out),
	             -1);
	cr_assert_eq(kith_dur_add_checked(D("9999-12-30"), dur("1d"), &out), 0);
	cr_assert_eq(out, KITH_DAY_MAX);
	cr_assert_eq(kith_dur_add_checked(KITH_NO_DAY, dur("1d"), &out), -1);
}

Test(date, format_never_prints_an_impossible_date)
{
	/* 10000-02-29 used to print as 9999-02-29, which does not exist. */
	assert_date(kith_day_from_ymd(10000, 2, 29), "9999-12-31");
	assert_date(KITH_DAY_MAX + 400, "9999-12-31");
	assert_date(kith_day_from_ymd(0, 2, 29), "0001-01-01");
	assert_date(KITH_DAY_MIN - 1, "0001-01-01");
	cr_assert_eq(kith_day_from_ymd(1, 1, 1), KITH_DAY_MIN);
	cr_assert_eq(kith_day_from_ymd(9999, 12, 31), KITH_DAY_MAX);
}

Test(date, cadence)
{
	kith_cadence c;
	char buf[40];
	cr_assert_eq(kith_cadence_parse("4w..6w", 6, &c), 0);
	cr_assert_eq(c.ideal.n, 4);
	cr_assert_eq(c.max.n, 6);
	kith_cadence_fmt(c, buf);
	cr_assert_str_eq(buf, "4w..6w");
	cr_assert_eq(kith_cadence_parse("2m", 2, &c), 0);
	cr_assert_eq(c.max.n, 2);
	cr_assert_eq(c.max.unit, KITH_UNIT_MONTH);
	kith_cadence_fmt(c, buf);
	cr_assert_str_eq(buf, "2m");
	cr_assert_eq(kith_cadence_parse("3w..1m", 6, &c), 0);
	cr_assert_eq(kith_cadence_parse("4w..4w", 6, &c), 0);
	cr_assert_eq(kith_cadence_parse("6w..4w", 6, &c), -1);
	cr_assert_eq(kith_cadence_parse("2m..5w", 6, &c), -1);
	cr_assert_eq(kith_cadence_parse("4w..", 4, &c), -1);
	cr_assert_eq(kith_cadence_parse("..4w", 4, &c), -1);
	cr_assert_eq(kith_cadence_parse("4w...6w", 7, &c), -1);
	cr_assert_eq(kith_cadence_parse("", 0, &c), -1);
}

/* Parses a period and checks its inclusive bounds. */
static void assert_period(const char *s, kith_day as_of, const char *from,
                          const char *to)
{
	kith_period p;
	size_t col = 99;
	const char *err = NULL;
	int rc = kith_period_parse(s, strlen(s), as_of, &p, &col, &err);
	cr_assert_eq(rc, 0, "period %s: %s at %zu", s, err ? err : "", col);
	assert_date(p.from, from);
	assert_date(p.to, to);
}

static void assert_period_err(const char *s, size_t want_col,
                              const char *want_msg)
{
	kith_period p;
	size_t col = 99;
	const char *err = NULL;
	int rc =
	    kith_period_parse(s, strlen(s), D("2026-11-22"), &p, &col, &err);
	cr_assert_eq(rc, -1, "period %s should fail", s);
	cr_assert_eq(col, want_col, "period %s: col %zu, want %zu (%s)", s, col,
	             want_col, err);
	cr_assert_not_null(err);
	cr_assert(strstr(err, want_msg), "period %s: message '%s'", s, err);
}

Test(date, period_forms)
{
	kith_day as_of = D("2026-11-22");
	assert_period("2026", as_of, "2026-01-01", "2026-12-31");
	assert_period("2026-Q1", as_of, "2026-01-01", "2026-03-31");
	assert_period("2026-Q4", as_of, "2026-10-01", "2026-12-31");
	assert_period("2026-11", as_of, "2026-11-01", "2026-11-30");
	assert_period("2024-02", as_of, "2024-02-01", "2024-02-29");
	assert_period("2026-W47", as_of, "2026-11-16", "2026-11-22");
	assert_period("2026-W01", as_of, "2025-12-29", "2026-01-04");
	assert_period("2026-W53", as_of, "2026-12-28", "2027-01-03");
	assert_period("2020-W53", as_of, "2020-12-28", "2021-01-03");
	assert_period("2026-11-03", as_of, "2026-11-03", "2026-11-03");
	assert_period("2026-01-01..2026-03-31", as_of, "2026-01-01",
	              "2026-03-31");
	assert_period("2026-01..2026-03", as_of, "2026-01-01", "2026-03-31");
	assert_period("2025..2026-Q1", as_of, "2025-01-01", "2026-03-31");
	assert_period("2026-W47..2026-W48", as_of, "2026-11-16", "2026-11-29");
	assert_period("2026-11-03..2026-11-03", as_of, "2026-11-03",
	              "2026-11-03");
	assert_period("2026-01..this-month", as_of, "2026-01-01", "2026-11-30");
}

Test(date, period_relative)
{
	kith_day as_of = D("2026-11-22"); /* a Sunday */
	assert_period("this-week", as_of, "2026-11-16", "2026-11-22");
	assert_period("last-week", as_of, "2026-11-09", "2026-11-15");
	assert_period("this-month", as_of, "2026-11-01", "2026-11-30");
	assert_period("last-month", as_of, "2026-10-01", "2026-10-31");
	assert_period("this-quarter", as_of, "2026-10-01", "2026-12-31");
	assert_period("last-quarter", as_of, "2026-07-01", "2026-09-30");
	assert_period("this-year", as_of, "2026-01-01", "2026-12-31");
	assert_period("last-year", as_of, "2025-01-01", "2025-12-31");
	/* Across a year boundary. */
	as_of = D("2026-01-02");
	assert_period("last-week", as_of, "2025-12-22", "2025-12-28");
	assert_period("last-month", as_of, "2025-12-01", "2025-12-31");
	assert_period("last-quarter", as_of, "2025-10-01", "2025-12-31");
	/* Last month clamps nothing: March 31st goes to all of February. */
	assert_period("last-month", D("2024-03-31"), "2024-02-01",
	              "2024-02-29");
}

Test(date, period_errors)
{
	assert_period_err("", 0, "empty period");
	assert_period_err("abc", 0, "expected YYYY");
	assert_period_err("this-decade", 5, "expected week, month");
	assert_period_err("next-week", 0, "expected YYYY");
	assert_period_err("202", 0, "expected YYYY");
	assert_period_err("0000", 0, "0001..9999");
	assert_period_err("2026x", 4, "expected '-'");
	assert_period_err("2026-", 5, "expected a month");
	assert_period_err("2026-13", 5, "01..12");
	assert_period_err("2026-00", 5, "01..12");
	assert_period_err("2026-1", 5, "two-digit month");
	assert_period_err("2026-Q5", 5, "Q1..Q4");
	assert_period_err("2026-Q0", 5, "Q1..Q4");
	assert_period_err("2026-Q12", 5, "Q1..Q4");
	assert_period_err("2026-W54", 5, "W01..W53");
	assert_period_err("2026-W00", 5, "W01..W53");
	assert_period_err("2026-W5", 5, "W01..W53");
	assert_period_err("2025-W53", 5, "no ISO week 53");
	assert_period_err("2026-02-30", 8, "no such day");
	assert_period_err("1900-02-29", 8, "no such day");
	assert_period_err("2026-02-3", 8, "two-digit day");
	assert_period_err("2026-02x01", 7, "expected '-' after the month");
	assert_period_err("..2026", 0, "missing start");
	assert_period_err("2026..", 4, "missing end");
	assert_period_err("2026..2027..2028", 10, "more than one");
	assert_period_err("2026-13..2027", 5, "01..12");
	assert_period_err("2026..2027-13", 11, "01..12");
	assert_period_err("2026-03..2026-01", 9, "ends before it starts");
}

Test(date, period_relative_needs_as_of)
{
	kith_period p;
	size_t col = 9;
	const char *err = NULL;
	cr_assert_eq(
	    kith_period_parse("this-week", 9, KITH_NO_DAY, &p, &col, &err), -1);
	cr_assert_eq(col, 0);
	cr_assert(strstr(err, "as-of"));
}

Test(date, iso_week_53)
{
	char buf[16];
	/* 2027-01-01 is a Friday in 2026-W53. */
	kith_bucket_label(KITH_PER_WEEK, D("2027-01-01"), buf);
	cr_assert_str_eq(buf, "2026-W53");
	kith_bucket_label(KITH_PER_WEEK, D("2027-01-04"), buf);
	cr_assert_str_eq(buf, "2027-W01");
	/* 2025-12-29 (Monday) is in 2026-W01: the ISO year is not the
	 * calendar year. */
	kith_bucket_label(KITH_PER_WEEK, D("2025-12-29"), buf);
	cr_assert_str_eq(buf, "2026-W01");
	kith_bucket_label(KITH_PER_WEEK, D("2021-01-03"), buf);
	cr_assert_str_eq(buf, "2020-W53");
	kith_bucket_label(KITH_PER_WEEK, D("2026-11-22"), buf);
	cr_assert_str_eq(buf, "2026-W47");
}

Test(date, buckets)
{
	char buf[16];
	kith_period b = kith_bucket_of(KITH_PER_WEEK, D("2027-01-01"));
	assert_date(b.from, "2026-12-28");
	assert_date(b.to, "2027-01-03");
	b = kith_bucket_of(KITH_PER_MONTH, D("2024-02-10"));
	assert_date(b.from, "2024-02-01");
	assert_date(b.to, "2024-02-29");
	b = kith_bucket_of(KITH_PER_QUARTER, D("2026-08-15"));
	assert_date(b.from, "2026-07-01");
	assert_date(b.to, "2026-09-30");
	b = kith_bucket_of(KITH_PER_YEAR, D("2026-08-15"));
	assert_date(b.from, "2026-01-01");
	assert_date(b.to, "2026-12-31");
	b = kith_bucket_of(KITH_PER_GOAL, D("2026-08-15"));
	cr_assert(b.from <= D("0001-01-01") && b.to >= D("9999-12-31"));
	kith_bucket_label(KITH_PER_MONTH, D("2026-08-15"), buf);
	cr_assert_str_eq(buf, "2026-08");
	kith_bucket_label(KITH_PER_QUARTER, D("2026-08-15"), buf);
	cr_assert_str_eq(buf, "2026-Q3");
	kith_bucket_label(KITH_PER_YEAR, D("2026-08-15"), buf);
	cr_assert_str_eq(buf, "2026");
}

Test(date, per_names)
{
	kith_per p;
	for (int i = 0; i < KITH_PER__COUNT; i++) {
		const char *name = kith_per_name((kith_per)i);
		cr_assert_eq(kith_per_parse(name, strlen(name), &p), 0);
		cr_assert_eq(p, (kith_per)i);
	}
	cr_assert_str_eq(kith_per_name(KITH_PER_QUARTER), "quarter");
	cr_assert_eq(kith_per_parse("weekly", 6, &p), -1);
	cr_assert_eq(kith_per_parse("wee", 3, &p), -1);
}

/* The inputs as the CLI passes them: --as-of, $KITH_AS_OF,
 * $SOURCE_DATE_EPOCH (the library itself reads no environment). */
static int as_of(const char *opt, const char *env, const char *epoch,
                 kith_day *d, const char **err)
{
	kith_as_of_inputs in = {opt, env, epoch};
	return kith_as_of(&in, d, err);
}

Test(date, as_of_precedence)
{
	kith_day d = 0;
	const char *err = NULL;
	const char *env = "2026-05-01", *epoch = "1700000000"; /* 2023-11-14 */
	cr_assert_eq(as_of("2026-11-22", env, epoch, &d, &err), 0);
	assert_date(d, "2026-11-22");
	cr_assert_eq(as_of(NULL, env, epoch, &d, &err), 0);
	assert_date(d, "2026-05-01");
	cr_assert_eq(as_of(NULL, NULL, epoch, &d, &err), 0);
	assert_date(d, "2023-11-14");
	cr_assert_eq(as_of(NULL, "", epoch, &d, &err), 0);
	assert_date(d, "2023-11-14");
	cr_assert_eq(as_of(NULL, NULL, "86399", &d, &err), 0);
	assert_date(d, "1970-01-01");
	cr_assert_eq(as_of(NULL, NULL, NULL, &d, &err), 0);
	cr_assert(d > D("2020-01-01"));
	cr_assert_eq(kith_as_of(NULL, &d, &err), 0);
	cr_assert(d > D("2020-01-01"));
}

Test(date, as_of_errors)
{
	kith_day d = 0;
	const char *err = NULL;
	cr_assert_eq(as_of("2026-02-30", NULL, NULL, &d, &err), -1);
	cr_assert(strstr(err, "--as-of"));
	cr_assert_eq(as_of(NULL, "yesterday", NULL, &d, &err), -1);
	cr_assert(strstr(err, "KITH_AS_OF"));
	/* A valid --as-of wins over a broken environment. */
	cr_assert_eq(as_of("2026-01-01", "yesterday", "12ab", &d, &err), 0);
	assert_date(d, "2026-01-01");
	cr_assert_eq(as_of(NULL, NULL, "12ab", &d, &err), -1);
	cr_assert(strstr(err, "SOURCE_DATE_EPOCH"));
	cr_assert_eq(as_of(NULL, NULL, "-5", &d, &err), -1);
}
