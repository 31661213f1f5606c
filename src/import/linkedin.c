/* LinkedIn's Connections.csv (its data export) read with libcsv: the
 * free-text notes before the header, RFC 4180 quoting, "14 Mar 2025"
 * dates. Columns are found by their header names, not their order. */
#include <csv.h>
#include <string.h>
#include <strings.h>

#include "import/import.h"

#define LI_MAX_COLS 32

typedef enum {
	LI_FIRST,
	LI_LAST,
	LI_URL,
	LI_EMAIL,
	LI_COMPANY,
	LI_POSITION,
	LI_CONNECTED,
	LI__COUNT
} li_col;

static const char *const li_headers[LI__COUNT] = {
    "First Name", "Last Name", "URL",          "Email Address",
    "Company",    "Position",  "Connected On",
};

typedef struct {
	kith_import_set *s;
	uint32_t line;     /* the physical line being fed */
	uint32_t row_line; /* where the current row starts */
	int header_done;
	int ncols;                /* fields in the header */
	int col[LI__COUNT];       /* field index of each column, -1 absent */
	char *field[LI_MAX_COLS]; /* the current row */
	int nfields;
	int failed;
} li_state;

static void on_field(void *p, size_t n, void *data)
{
	li_state *st = data;
	const char *s = p ? p : "";
	if (st->nfields == 0) {
		st->row_line = st->line;
		for (size_t i = 0; i < n; i++)
			st->row_line -= s[i] == '\n';
	}
	if (st->nfields < LI_MAX_COLS)
		st->field[st->nfields] = kith_import_strndup(st->s, s, n);
	st->nfields++;
}

static const char *months[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* "14 Mar 2025" (LinkedIn) or 2025-03-14. */
static int parse_connected(const char *v, kith_day *out)
{
	int d = 0, y = 0, m = -1, k = 0;
	char mon[4] = {0};
	if (kith_date_parse(v, strlen(v), out) == 0)
		return 0;
	if (sscanf(v, "%2d %3[A-Za-z] %4d%n", &d, mon, &y, &k) != 3 ||
	    v[k] != '\0')
		return -1;
	for (int i = 0; i < 12; i++)
		if (!strcasecmp(mon, months[i]))
			m = i + 1;
	if (m < 0 || !kith_ymd_valid(y, m, d))
		return -1;
	*out = kith_day_from_ymd(y, m, d);
	return 0;
}

static char *cell(li_state *st, li_col c)
{
	int i = st->col[c];
	if (i < 0 || i >= st->nfields || i >= LI_MAX_COLS)
		return NULL;
	char *v = st->field[i];
	size_t n = strlen(v);
	while (*v == ' ' || *v == '\t')
		v++, n--;
	while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		v[--n] = '\0';
	return n ? v : NULL;
}

static void header_row(li_state *st)
{
	st->header_done = 1;
	st->ncols = st->nfields;
	for (int c = 0; c < LI__COUNT; c++) {
		st->col[c] = -1;
		for (int i = 0; i < st->nfields && i < LI_MAX_COLS; i++)
			if (!strcasecmp(st->field[i], li_headers[c]))
				st->col[c] = i;
	}
}

static void data_row(li_state *st)
{
	kith_import_person *p;
	char *first = cell(st, LI_FIRST), *last = cell(st, LI_LAST), *v;
	if (st->nfields != st->ncols) {
		kith_import_fail(st->s, st->row_line,
		                 "this row has %d fields, the header has %d "
		                 "(is a quote missing?)",
		                 st->nfields, st->ncols);
		st->failed = 1;
		return;
	}
	for (int i = 0; i < st->nfields && i < LI_MAX_COLS; i++)
		if (kith_utf8_invalid(st->field[i], strlen(st->field[i]))) {
			kith_import_fail(st->s, st->row_line,
			                 "field %d is not UTF-8 (LinkedIn's "
			                 "export is; was the file re-saved in "
			                 "another encoding?)",
			                 i + 1);
			st->failed = 1;
			return;
		}
	p = kith_vec_push(&st->s->people);
	p->line = st->row_line;
	p->met = KITH_NO_DAY;
	if (first || last)
		p->name = kith_arena_printf(
		    st->s->arena, "%s%s%s", first ? first : "",
		    first && last ? " " : "", last ? last : "");
	p->org = cell(st, LI_COMPANY);
	p->title = cell(st, LI_POSITION);
	if ((v = cell(st, LI_URL)))
		kith_import_push(st->s, &p->links, v, strlen(v));
	if ((v = cell(st, LI_EMAIL))) {
		for (char *q = v; *q; q++)
			if (*q >= 'A' && *q <= 'Z')
				*q = (char)(*q - 'A' + 'a');
		kith_import_push(st->s, &p->emails, v, strlen(v));
	}
	if ((v = cell(st, LI_CONNECTED)) && parse_connected(v, &p->met) != 0) {
		kith_import_fail(st->s, st->row_line,
		                 "'Connected On' is '%s', not a date like "
		                 "'14 Mar 2025'",
		                 v);
		st->failed = 1;
	}
}

static void on_row(int c, void *data)
{
	li_state *st = data;
	(void)c;
	if (st->failed)
		return;
	if (!st->header_done)
		header_row(st);
	else
		data_row(st);
	st->nfields = 0;
}

/* The header line: the first line that starts with "First Name,". */
static size_t find_header(const char *text, size_t len, uint32_t *line)
{
	size_t i = 0;
	*line = 1;
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len) {
		const char *e = memchr(text + i, '\n', len - i);
		if (len - i >= 11 && !memcmp(text + i, "First Name,", 11))
			return i;
		if (!e)
			break;
		i = (size_t)(e - text) + 1;
		(*line)++;
	}
	return len;
}

static int feed(li_state *st, struct csv_parser *cp, const char *text,
                size_t from, size_t len)
{
	size_t i = from;
	while (i < len && !st->failed) {
		const char *e = memchr(text + i, '\n', len - i);
		size_t n = e ? (size_t)(e - text) + 1 - i : len - i;
		if (csv_parse(cp, text + i, n, on_field, on_row, st) != n)
			return kith_import_fail(st->s, st->line,
			                        "%s (a quote inside a field is "
			                        "written twice: \"\")",
			                        csv_strerror(csv_error(cp)));
		i += n;
		st->line++;
	}
	if (!st->failed &&
	    csv_fini(cp, on_field, on_row, st) != 0) /* strict: open quote */
		return kith_import_fail(st->s, st->row_line,
		                        "a quoted field is not closed before "
		                        "the end of the file");
	return st->failed ? -1 : 0;
}

int kith_linkedin_read(const char *text, size_t len, kith_import_set *s)
{
	li_state st = {.s = s};
	struct csv_parser cp;
	size_t h = find_header(text, len, &st.line);
	int rc;

	if (h == len)
		return kith_import_fail(
		    s, 1,
		    "no header line 'First Name,Last Name,URL,Email "
		    "Address,Company,Position,Connected On' (is this "
		    "LinkedIn's Connections.csv?)");
	if (csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		kith_die_oom();
	st.row_line = st.line;
	rc = feed(&st, &cp, text, h, len);
	csv_free(&cp);
	if (rc == 0 && (st.col[LI_FIRST] < 0 || st.col[LI_LAST] < 0))
		return kith_import_fail(s, 1,
		                        "the header has no 'First Name' and "
		                        "'Last Name' columns");
	return rc;
}
