/* Calendar arithmetic on day numbers (proleptic Gregorian, years 1..9999):
 * strict date parsing, durations, cadences, periods, buckets and the as-of
 * date. The period grammar is written down in grammar/period.ebnf. */
#include "util/date.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- days <-> civil dates (H. Hinnant's days_from_civil) ---- */

kith_day kith_day_from_ymd(int y, int m, int d)
{
	long yy = (long)y - (m <= 2);
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;
	long mp = (m + 9) % 12;
	long doy = (153 * mp + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (kith_day)(era * 146097 + doe - 719468);
}

void kith_day_to_ymd(kith_day day, int *y, int *m, int *d)
{
	long z = (long)day + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long dd = doy - (153 * mp + 2) / 5 + 1;
	long mm = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yoe + era * 400 + (mm <= 2));
	*m = (int)mm;
	*d = (int)dd;
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int kith_days_in_month(int y, int m)
{
	static const int dim[12] = {31, 28, 31, 30, 31, 30,
	                            31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

int kith_ymd_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= kith_days_in_month(y, m);
}

int kith_weekday(kith_day day)
{
	/* 1970-01-01 was a Thursday (4). */
	int r = (int)(((long)day % 7 + 7) % 7);
	return (r + 3) % 7 + 1;
}

static int digits(const char *p, size_t n, int *out)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	*out = v;
	return 0;
}

int kith_date_parse(const char *p, size_t n, kith_day *out)
{
	int y, m, d;
	if (n != 10 || p[4] != '-' || p[7] != '-' || digits(p, 4, &y) ||
	    digits(p + 5, 2, &m) || digits(p + 8, 2, &d))
		return -1;
	if (!kith_ymd_valid(y, m, d))
		return -2;
	*out = kith_day_from_ymd(y, m, d);
	return 0;
}

void kith_date_fmt(kith_day day, char out[11])
{
	int y, m, d;
	if (day == KITH_NO_DAY) {
		memcpy(out, "----------", 11);
		return;
	}
	/* Only 0001..9999 fits the 10-byte shape; a day outside that range
	 * shows as the range's end, never as a date that does not exist. */
	if (day < KITH_DAY_MIN)
		day = KITH_DAY_MIN;
	if (day > KITH_DAY_MAX)
		day = KITH_DAY_MAX;
	kith_day_to_ymd(day, &y, &m, &d);
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

/* ---- durations ---- */

int kith_dur_parse(const char *p, size_t n, kith_dur *out)
{
	int v;
	if (n < 2 || n > 5 || digits(p, n - 1, &v) || v <= 0)
		return -1;
	switch (p[n - 1]) {
	case 'd':
		out->unit = KITH_UNIT_DAY;
		break;
	case 'w':
		out->unit = KITH_UNIT_WEEK;
		break;
	case 'm':
		out->unit = KITH_UNIT_MONTH;
		break;
	case 'y':
		out->unit = KITH_UNIT_YEAR;
		break;
	default:
		return -1;
	}
	out->n = v;
	return 0;
}

/* Moves by whole months, clamping the day to the target month's end.
 * Works on long so a move far past the calendar's range cannot wrap. */
static long add_months(kith_day day, long months)
{
	int y, m, d;
	kith_day_to_ymd(day, &y, &m, &d);
	long t = (long)y * 12 + (m - 1) + months;
	if (t < 0)
		return (long)KITH_DAY_MIN - 1;
	if (t > 9999L * 12 + 11)
		return (long)KITH_DAY_MAX + 1;
	long ny = t / 12;
	int nm = (int)(t - ny * 12) + 1;
	int dim = kith_days_in_month((int)ny, nm);
	return kith_day_from_ymd((int)ny, nm, d > dim ? dim : d);
}

/* day moved by sign * d, unbounded. */
static long dur_move(kith_day day, kith_dur d, int sign)
{
	long n = (long)d.n * sign;
	switch (d.unit) {
	case KITH_UNIT_DAY:
		return (long)day + n;
	case KITH_UNIT_WEEK:
		return (long)day + 7 * n;
	case KITH_UNIT_MONTH:
		return add_months(day, n);
	case KITH_UNIT_YEAR:
		return add_months(day, 12 * n);
	}
	return day;
}

/* Results outside 0001-01-01..9999-12-31 stop at those ends, so callers
 * never see a day the formatter cannot print truthfully. */
static kith_day saturate(long day)
{
	if (day < KITH_DAY_MIN)
		return KITH_DAY_MIN;
	if (day > KITH_DAY_MAX)
		return KITH_DAY_MAX;
	return (kith_day)day;
}

kith_day kith_dur_add(kith_day day, kith_dur d)
{
	if (day == KITH_NO_DAY)
		return KITH_NO_DAY;
	return saturate(dur_move(day, d, 1));
}

kith_day kith_dur_sub(kith_day day, kith_dur d)
{
	if (day == KITH_NO_DAY)
		return KITH_NO_DAY;
	return saturate(dur_move(day, d, -1));
}

int kith_dur_add_checked(kith_day day, kith_dur d, kith_day *out)
{
	if (day == KITH_NO_DAY)
		return -1;
	long r = dur_move(day, d, 1);
	if (r < KITH_DAY_MIN || r > KITH_DAY_MAX)
		return -1;
	*out = (kith_day)r;
	return 0;
}

static const char unit_char[] = {'d', 'w', 'm', 'y'};

void kith_dur_fmt(kith_dur d, char out[16])
{
	snprintf(out, 16, "%ld%c", (long)d.n, unit_char[d.unit & 3]);
}

int kith_dur_days_approx(kith_dur d)
{
	static const int per[] = {1, 7, 30, 365};
	return d.n * per[d.unit & 3];
}

/* ---- cadences ---- */

static const char *find_dots(const char *p, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++)
		if (p[i] == '.' && p[i + 1] == '.')
			return p + i;
	return NULL;
}

int kith_cadence_parse(const char *p, size_t n, kith_cadence *out)
{
	const char *dots = find_dots(p, n);
	if (!dots) {
		if (kith_dur_parse(p, n, &out->ideal))
			return -1;
		out->max = out->ideal;
		return 0;
	}
	size_t a = (size_t)(dots - p);
	if (kith_dur_parse(p, a, &out->ideal) ||
	    kith_dur_parse(dots + 2, n - a - 2, &out->max))
		return -1;
	if (kith_dur_days_approx(out->ideal) > kith_dur_days_approx(out->max))
		return -1;
	return 0;
}

void kith_cadence_fmt(kith_cadence c, char out[40])
{
	char a[16], b[16];
	kith_dur_fmt(c.ideal, a);
	if (c.ideal.n == c.max.n && c.ideal.unit == c.max.unit) {
		snprintf(out, 40, "%s", a);
		return;
	}
	kith_dur_fmt(c.max, b);
	snprintf(out, 40, "%s..%s", a, b);
}

/* ---- ISO weeks ---- */

/* The Monday of ISO week 1 of year y (the week holding January 4th). */
static kith_day iso_week1(int y)
{
	kith_day jan4 = kith_day_from_ymd(y, 1, 4);
	return jan4 - (kith_weekday(jan4) - 1);
}

static int iso_weeks_in_year(int y)
{
	return (int)((iso_week1(y + 1) - iso_week1(y)) / 7);
}

static void iso_week_of(kith_day day, int *iy, int *wk)
{
	int y, m, d;
	kith_day_to_ymd(day, &y, &m, &d);
	if (day >= iso_week1(y + 1))
		y++;
	else if (day < iso_week1(y))
		y--;
	*iy = y;
	*wk = (int)((day - iso_week1(y)) / 7) + 1;
}

/* ---- buckets ---- */

static const char *const per_names[KITH_PER__COUNT] = {
    "week", "month", "quarter", "year", "goal"};

const char *kith_per_name(kith_per per)
{
	return (unsigned)per < KITH_PER__COUNT ? per_names[per] : "?";
}

int kith_per_parse(const char *p, size_t n, kith_per *out)
{
	for (int i = 0; i < KITH_PER__COUNT; i++)
		if (strlen(per_names[i]) == n &&
		    memcmp(per_names[i], p, n) == 0) {
			*out = (kith_per)i;
			return 0;
		}
	return -1;
}

kith_period kith_bucket_of(kith_per per, kith_day day)
{
	int y, m, d;
	kith_period r;
	kith_day_to_ymd(day, &y, &m, &d);
	switch (per) {
	case KITH_PER_WEEK:
		r.from = day - (kith_weekday(day) - 1);
		r.to = r.from + 6;
		return r;
	case KITH_PER_MONTH:
		r.from = kith_day_from_ymd(y, m, 1);
		r.to = kith_day_from_ymd(y, m, kith_days_in_month(y, m));
		return r;
	case KITH_PER_QUARTER: {
		int q0 = (m - 1) / 3 * 3 + 1;
		r.from = kith_day_from_ymd(y, q0, 1);
		r.to =
		    kith_day_from_ymd(y, q0 + 2, kith_days_in_month(y, q0 + 2));
		return r;
	}
	case KITH_PER_YEAR:
		r.from = kith_day_from_ymd(y, 1, 1);
		r.to = kith_day_from_ymd(y, 12, 31);
		return r;
	default:
		/* The goal "bucket" is unbounded; callers clip it to the goal's
		 * own span. */
		r.from = kith_day_from_ymd(1, 1, 1);
		r.to = kith_day_from_ymd(9999, 12, 31);
		return r;
	}
}

void kith_bucket_label(kith_per per, kith_day day, char out[16])
{
	int y, m, d;
	kith_day_to_ymd(day, &y, &m, &d);
	/* The casts bound the widths for the truncation analysis. */
	switch (per) {
	case KITH_PER_WEEK: {
		int iy, wk;
		iso_week_of(day, &iy, &wk);
		snprintf(out, 16, "%04u-W%02u", (unsigned short)iy,
		         (unsigned char)wk);
		break;
	}
	case KITH_PER_MONTH:
		snprintf(out, 16, "%04d-%02d", y, m);
		break;
	case KITH_PER_QUARTER:
		snprintf(out, 16, "%04u-Q%u", (unsigned short)y,
		         (unsigned char)((m - 1) / 3 + 1));
		break;
	case KITH_PER_YEAR:
		snprintf(out, 16, "%04d", y);
		break;
	default:
		snprintf(out, 16, "goal");
		break;
	}
}

/* ---- periods ---- */

typedef struct {
	size_t errcol;
	const char *err;
} perr;

static int fail(perr *e, size_t col, const char *msg)
{
	e->errcol = col;
	e->err = msg;
	return -1;
}

static int relative(const char *p, size_t n, kith_day as_of, kith_period *out,
                    perr *e)
{
	static const struct {
		const char *name;
		kith_per per;
	} units[] = {{"week", KITH_PER_WEEK},
	             {"month", KITH_PER_MONTH},
	             {"quarter", KITH_PER_QUARTER},
	             {"year", KITH_PER_YEAR}};
	size_t skip = n >= 5 && memcmp(p, "this-", 5) == 0   ? 5
	              : n >= 5 && memcmp(p, "last-", 5) == 0 ? 5
	                                                     : 0;
	if (!skip)
		return fail(e, 0,
		            "expected YYYY, YYYY-Qn, YYYY-MM, YYYY-Www, "
		            "YYYY-MM-DD, or this-/last- with week, "
		            "month, quarter or year");
	for (size_t i = 0; i < KITH_ARRAY_LEN(units); i++) {
		if (strlen(units[i].name) != n - skip ||
		    memcmp(units[i].name, p + skip, n - skip) != 0)
			continue;
		if (as_of == KITH_NO_DAY)
			return fail(e, 0,
			            "a relative period needs an as-of "
			            "date");
		*out = kith_bucket_of(units[i].per, as_of);
		if (p[0] == 'l')
			*out = kith_bucket_of(units[i].per, out->from - 1);
		return 0;
	}
	return fail(e, skip, "expected week, month, quarter or year");
}

static int year_part(const char *p, size_t n, int *y, perr *e)
{
	if (n < 4 || digits(p, 4, y))
		return fail(e, 0,
		            "expected YYYY, YYYY-Qn, YYYY-MM, YYYY-Www, "
		            "YYYY-MM-DD, or this-/last- with week, "
		            "month, quarter or year");
	if (n > 4 && p[4] != '-')
		return fail(e, 4, "expected '-' after the year");
	if (*y < 1)
		return fail(e, 0, "the year must be 0001..9999");
	return 0;
}

static int quarter_form(const char *p, size_t n, int y, kith_period *out,
                        perr *e)
{
	if (n != 7 || p[6] < '1' || p[6] > '4')
		return fail(e, 5, "a quarter is Q1..Q4");
	int q0 = (p[6] - '1') * 3 + 1;
	out->from = kith_day_from_ymd(y, q0, 1);
	out->to = kith_day_from_ymd(y, q0 + 2, kith_days_in_month(y, q0 + 2));
	return 0;
}

static int week_form(const char *p, size_t n, int y, kith_period *out, perr *e)
{
	int w;
	if (n != 8 || digits(p + 6, 2, &w))
		return fail(e, 5, "a week is W01..W53");
	if (w < 1 || w > 53)
		return fail(e, 5, "a week is W01..W53");
	if (w > iso_weeks_in_year(y))
		return fail(e, 5, "this year has no ISO week 53");
	out->from = iso_week1(y) + (w - 1) * 7;
	out->to = out->from + 6;
	return 0;
}

static int month_or_day_form(const char *p, size_t n, int y, kith_period *out,
                             perr *e)
{
	int m, d;
	if (n < 7 || digits(p + 5, 2, &m))
		return fail(e, 5, "expected a two-digit month, Qn or Www");
	if (n > 7 && p[7] != '-')
		return fail(e, 7, "expected '-' after the month");
	if (m < 1 || m > 12)
		return fail(e, 5, "the month must be 01..12");
	if (n == 7) {
		out->from = kith_day_from_ymd(y, m, 1);
		out->to = kith_day_from_ymd(y, m, kith_days_in_month(y, m));
		return 0;
	}
	if (n != 10 || digits(p + 8, 2, &d))
		return fail(e, 8, "expected a two-digit day");
	if (!kith_ymd_valid(y, m, d))
		return fail(e, 8, "no such day in that month");
	out->from = out->to = kith_day_from_ymd(y, m, d);
	return 0;
}

/* One period without "..": a year, quarter, month, ISO week, day or a
 * relative name. Error columns are relative to p. */
static int single(const char *p, size_t n, kith_day as_of, kith_period *out,
                  perr *e)
{
	int y;
	if (n == 0)
		return fail(e, 0, "empty period");
	if (p[0] < '0' || p[0] > '9')
		return relative(p, n, as_of, out, e);
	if (year_part(p, n, &y, e))
		return -1;
	if (n == 4) {
		out->from = kith_day_from_ymd(y, 1, 1);
		out->to = kith_day_from_ymd(y, 12, 31);
		return 0;
	}
	if (n == 5)
		return fail(e, 5, "expected a month, Qn or Www after '-'");
	if (p[5] == 'Q')
		return quarter_form(p, n, y, out, e);
	if (p[5] == 'W')
		return week_form(p, n, y, out, e);
	return month_or_day_form(p, n, y, out, e);
}

int kith_period_parse(const char *p, size_t n, kith_day as_of, kith_period *out,
                      size_t *errcol, const char **err)
{
	perr e = {0, NULL};
	kith_period a, b;
	const char *dots = find_dots(p, n);
	int rc;
	if (!dots) {
		rc = single(p, n, as_of, out, &e);
		goto out;
	}
	size_t at = (size_t)(dots - p);
	if (at == 0) {
		rc = fail(&e, 0, "missing start before '..'");
		goto out;
	}
	if (at + 2 == n) {
		rc = fail(&e, at, "missing end after '..'");
		goto out;
	}
	if (single(p, at, as_of, &a, &e)) {
		rc = -1;
		goto out;
	}
	if (find_dots(dots + 2, n - at - 2)) {
		rc = fail(&e, (size_t)(find_dots(dots + 2, n - at - 2) - p),
		          "more than one '..'");
		goto out;
	}
	if (single(dots + 2, n - at - 2, as_of, &b, &e)) {
		e.errcol += at + 2;
		rc = -1;
		goto out;
	}
	if (b.to < a.from) {
		rc = fail(&e, at + 2, "the period ends before it starts");
		goto out;
	}
	out->from = a.from;
	out->to = b.to;
	rc = 0;
out:
	if (rc) {
		if (errcol)
			*errcol = e.errcol;
		if (err)
			*err = e.err;
	}
	return rc;
}

/* ---- as-of ---- */

static int epoch_day(const char *s, kith_day *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || end == s || *end || *s == '-' || *s == '+' || *s == ' ')
		return -1;
	/* Past year 9999 there is no date to show. */
	if (v > 253402300799LL)
		return -1;
	*out = (kith_day)(v / 86400);
	return 0;
}

int kith_as_of(const kith_as_of_inputs *in, kith_day *out, const char **err)
{
	static const kith_as_of_inputs none;
	const char *s, *opt;
	if (!in)
		in = &none;
	opt = in->option;
	if (opt) {
		if (kith_date_parse(opt, strlen(opt), out) == 0)
			return 0;
		*err = "--as-of expects a calendar date YYYY-MM-DD";
		return -1;
	}
	s = in->env_as_of;
	if (s && *s) {
		if (kith_date_parse(s, strlen(s), out) == 0)
			return 0;
		*err = "$KITH_AS_OF is not a calendar date YYYY-MM-DD";
		return -1;
	}
	s = in->env_source_epoch;
	if (s && *s) {
		if (epoch_day(s, out) == 0)
			return 0;
		*err = "$SOURCE_DATE_EPOCH is not a count of seconds since "
		       "1970-01-01";
		return -1;
	}
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm)) {
		*err = "cannot read the local date";
		return -1;
	}
	*out = kith_day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return 0;
}
