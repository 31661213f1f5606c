/* The report struct: what every command computes, and every renderer
 * renders. It knows no output format: a report is a title, a few facts,
 * and sections; a section is a table of typed cells (or a list of facts)
 * with hints that let html draw a chart. Everything lives in an arena,
 * but for strings a report computed from a journal may share with it (a
 * task's text): render it before the journal is freed.
 * Internal header for src/compute, src/render, src/cli and tests/. */
#ifndef KITH_REPORT_H
#define KITH_REPORT_H

#include "util/date.h"
#include "util/util.h"

typedef enum {
	KITH_CELL_EMPTY, /* no value: "" in text/csv, null in json */
	KITH_CELL_TEXT,  /* plain string (may contain Markdown in notes cols) */
	KITH_CELL_INT,   /* whole number */
	KITH_CELL_NUM,   /* decimal, shown with up to 1 decimal */
	KITH_CELL_PCT,   /* percentage 0..100+ (num), shown "83%" */
	KITH_CELL_DATE,  /* day number, shown YYYY-MM-DD */
	KITH_CELL_DAYS,  /* signed day count, shown "12d" */
	KITH_CELL_BOOL
} kith_cell_type;

/* A style hint for colour (text) and classes (html). */
typedef enum {
	KITH_STYLE_NONE,
	KITH_STYLE_GOOD, /* met, done on time */
	KITH_STYLE_OK,   /* on track, upcoming */
	KITH_STYLE_WARN, /* due, late */
	KITH_STYLE_BAD,  /* behind, overdue, missed */
	KITH_STYLE_DIM
} kith_style;

/* One value: the member its type names (a long table holds millions of
 * cells, so they share their room; an EMPTY cell is all zero). */
typedef struct {
	kith_cell_type type;
	kith_style style;
	union {
		const char *s; /* TEXT */
		long long i;   /* INT, DAYS, BOOL */
		double d;      /* NUM, PCT */
		kith_day day;  /* DATE */
	};
} kith_cell;
_Static_assert(sizeof(kith_cell) == 16, "a cell is two words");

enum {
	KITH_COL_RIGHT = 1,   /* right-align in text/md */
	KITH_COL_MACHINE = 2, /* only in json/csv/ics (ids, uids) */
	KITH_COL_NOTES = 4,   /* Markdown notes: html renders with cmark */
	KITH_COL_WIDE = 8,    /* may be cut in text (titles), down to its
	                         minimum: 12, or KITH_COL_MIN */
	KITH_COL_DROP = 16,   /* same as KITH_COL_DROP_AT(1) */
	KITH_COL_MAIN = 32,   /* the main text column: a WIDE column kept at
	                         24 columns at least */
	KITH_COL_GROUP = 64   /* the same in every row and named by the
	                         section's heading (a per-goal table): text
	                         leaves it out */
};
/* How a column gives way on a narrow terminal (render/text.c), in the
 * table description with the flags. KITH_COL_DROP_AT(n), n 1..15: the
 * column matters less than those with a lower n (0: it stays); it shrinks
 * (when WIDE) before them, and when even every minimum does not fit, the
 * highest n is left out first (the rightmost among equals).
 * KITH_COL_MIN(n), n 1..255: a WIDE column's narrowest width. */
#define KITH_COL_DROP_AT(n) ((n) << 8)
#define KITH_COL_MIN(n) ((n) << 12)
#define KITH_COL_DROP_RANK(flags)                                              \
	(((flags) >> 8 & 15) ? ((flags) >> 8 & 15)                             \
	                     : ((flags)&KITH_COL_DROP ? 1 : 0))
#define KITH_COL_MIN_OF(flags) ((flags) >> 12 & 255)

typedef struct {
	const char *id;    /* json key / csv header: lowercase, '_' */
	const char *title; /* human header */
	kith_cell_type type;
	int flags;
} kith_col;

typedef enum {
	KITH_SECTION_TABLE, /* rows x cols */
	KITH_SECTION_FACTS, /* label/value pairs: col 0 label, col 1 value */
	KITH_SECTION_TEXT   /* a paragraph: text (Markdown allowed) */
} kith_section_kind;

typedef enum {
	KITH_CHART_NONE,
	/* per row: cols "actual", "target", "pace" */
	KITH_CHART_PROGRESS,
	/* per row: col 0 label, col "count" value */
	KITH_CHART_BARS,
	/* per row: cols "days_since", "ideal_days", "max_days" */
	KITH_CHART_CADENCE,
	/* per row: col 0 label (date), other INT cols series */
	KITH_CHART_TREND,
	/* long form, per row: cols 0 and 1 name a series (goal, metric),
	 * "bucket" a column, "from" orders the columns, "actual", "target"
	 * and "status" the cell; text, md and html show one row per series
	 * and one column per bucket (render/matrix.c) */
	KITH_CHART_MATRIX,
	/* per row: col 0 label, col "value" a figure, col "trend" its change
	 * (styled): html shows tiles and no table */
	KITH_CHART_TILES
} kith_chart;

/* A task line ("- [ ] ..." / "- [x] ...") of a note in a KITH_COL_NOTES
 * cell, as the journal read it: html shows a checkbox and the resolved
 * date in place of the box and the due:/done: tokens, md resolves the
 * tokens (docs/html.md, "Task lists in notes"); text, json and csv show
 * the note as written. Rows of a section come in row order. */
typedef struct {
	uint32_t row, col; /* the note's cell */
	uint32_t line;     /* 1-based, within the note's text */
	int done;
	kith_day day;       /* done: when; open: due (KITH_NO_DAY: none) */
	kith_style style;   /* of the date: an open task due or overdue */
	const char *cut[2]; /* tokens as written ("due:+4d"), NULL: none */
} kith_note_task;

typedef struct {
	const char *id;    /* stable key, e.g. "goals", "overdue" */
	const char *title; /* heading */
	kith_section_kind kind;
	kith_chart chart;
	const kith_col *cols;
	uint32_t ncols;
	kith_cell *cells; /* nrows * ncols, row-major */
	uint32_t nrows, cap;
	const char *text;  /* KITH_SECTION_TEXT body, or a note under a table */
	const char *empty; /* what to say when there are no rows */
	int level;         /* heading level: 1 = top sections, 2 = nested */
	/* text: the id of a column whose runs of equal values (the rows come
	 * sorted so) are shown as groups, each under "Title (count)" with
	 * the title from group_titles (pairs of value and title, NULL-ended;
	 * else the value); the column itself is left out. NULL: one table. */
	const char *group;
	const char *const *group_titles;
	KITH_VEC(kith_note_task) tasks; /* task lines of its note cells */
	struct kith_rows_fill *fill;    /* NULL, or what makes its last rows */
} kith_section;

typedef struct {
	const char *label, *value;
} kith_fact;

typedef struct {
	kith_arena *arena;
	const char *command; /* "due", "goals", ... */
	const char *title;   /* "Due as of 2026-11-22" */
	kith_day as_of;
	kith_day from, to; /* period, KITH_NO_DAY if none */
	const char *owner;
	const char *owner_email; /* NULL unless owner: {email: ...} */
	int redacted, private_fields;
	KITH_VEC(kith_fact) facts;
	KITH_VEC(kith_section) sections;
} kith_report;

kith_report *kith_report_new(const char *command, kith_day as_of);
void kith_report_free(kith_report *r); /* accepts NULL */
/* Adds a section (level 1, no chart); id, title and the column array are
 * copied. The pointer stays valid while the report has at most 32
 * sections; past that, look sections up again after adding one. */
kith_section *kith_report_section(kith_report *r, const char *id,
                                  const char *title, kith_section_kind kind,
                                  const kith_col *cols, uint32_t ncols);
/* Appends a row of ncols empty cells and returns it; valid until the next
 * row is appended to the same section. */
kith_cell *kith_section_row(kith_report *r, kith_section *s);
/* Makes room for nrows more rows at once (a long table grows once, not by
 * doubling and copying). */
void kith_section_reserve(kith_section *s, uint32_t nrows);
/* Removes the first section with this id, freeing its rows (they are not
 * in the arena), and keeps the others in order. Section pointers taken
 * before the call are invalid after it. Returns 1 when one was dropped. */
int kith_report_drop_section(kith_report *r, const char *id);
/* Cell setters (strings are copied into the report arena). */
void kith_cell_text(kith_report *r, kith_cell *c, const char *s);
void kith_cell_textn(kith_report *r, kith_cell *c, const char *s, size_t n);
void kith_cell_textf(kith_report *r, kith_cell *c, const char *fmt, ...)
    KITH_PRINTF(3, 4);
void kith_cell_int(kith_cell *c, long long v);
void kith_cell_num(kith_cell *c, double v);
void kith_cell_pct(kith_cell *c, double v);
void kith_cell_date(kith_cell *c, kith_day d); /* KITH_NO_DAY -> empty */
void kith_cell_days(kith_cell *c, long long v);
void kith_cell_bool(kith_cell *c, int v);
/* A cell, or NULL out of range. A made row's cell (kith_section_fill)
 * stays valid until cells of two other made rows of s have been read
 * since: a renderer may hold a row, or compare one with the next. */
const kith_cell *kith_section_cell(const kith_section *s, uint32_t row,
                                   uint32_t col);
int kith_section_col(const kith_section *s, const char *id); /* -1 if none */
/* A report-level fact, e.g. "period" → shown under the title. */
void kith_report_fact(kith_report *r, const char *label, const char *value);

/* ---- rows by named columns (src/compute/row.c) ----
 * A table's columns are named by an enum (LOG_DATE, ..., LOG__COUNT) and
 * described by a kith_col array of exactly that size with designated
 * initialisers ([LOG_DATE] = {"date", "Date", KITH_CELL_DATE, 0}), so a
 * column past the enum does not compile and one left out has no id, which
 * kith_report_section refuses. A row is filled through kith_row setters
 * that take the enum value: a column out of range, or a value of another
 * type than the column's (NUM and PCT are both numbers; a facts section's
 * value column takes any type), stops kith with the section and column
 * named instead of landing in the wrong cell. */
/* The two columns of every KITH_SECTION_FACTS section. */
enum { KITH_FACT_LABEL, KITH_FACT_VALUE, KITH_FACT__COUNT };
typedef struct {
	kith_report *r;
	const kith_section *s;
	kith_cell *cells;
} kith_row;
/* Appends an empty row; valid until the next row of the same section. */
kith_row kith_row_add(kith_report *r, kith_section *s);
/* Rows a section does not hold: made when read (kith_section_fill). A
 * long table of rows alike keeps what varies per row in its own arrays
 * and fills row k through the kith_row setters on demand. The two rows
 * read last are kept, each in a slot with a scratch arena (row.r's, reset
 * when the slot takes another row) for the text a maker makes; text a
 * maker keeps itself holds for the row it made last only. */
struct kith_made_row;
#define KITH_WIDTH_UNKNOWN UINT32_MAX
typedef struct kith_rows_fill {
	/* fills row k (counted from `from`), whose cells are empty */
	void (*make)(struct kith_rows_fill *f, uint32_t k, kith_row row);
	/* or, set instead of make: fills cell col of row k alone, once per
	 * visit of the row, so a renderer that reads a few columns of a wide
	 * row (text shows no machine column) makes only those */
	void (*make_cell)(struct kith_rows_fill *f, uint32_t k, uint32_t col,
	                  kith_row row);
	/* NULL, or per column (ncols entries) the display width of its
	 * widest made cell as the text renderer shows it, which then does
	 * not read the made rows to measure them; KITH_WIDTH_UNKNOWN for a
	 * column it must measure. A known width also says that every made
	 * cell of the column is printable ASCII (its width is its length). */
	const uint32_t *widths;
	kith_report *r;
	uint32_t from;              /* the section's first made row */
	struct kith_made_row *slot; /* the two rows read last */
	int last;                   /* the slot read last */
} kith_rows_fill;

/* For row.c: a new task line of the made row whose cells these are, its
 * row set, or NULL when they are a held row's. */
kith_note_task *kith_made_row_task(const kith_section *s,
                                   const kith_cell *cells);
/* The task lines of column col of made row `row` (made now if not yet):
 * *n of them, valid as the row's cells are. */
const kith_note_task *kith_made_row_tasks(const kith_section *s, uint32_t row,
                                          uint32_t col, uint32_t *n);
/* Adds n rows to s that f->make (or f->make_cell) fills when read, after
 * the rows s holds; no row may be appended after them. f (and what it
 * reads) must live as long as the report: in its arena, or freed by a
 * kith_arena_defer of it. */
void kith_section_fill(kith_report *r, kith_section *s, kith_rows_fill *f,
                       uint32_t n);
void kith_row_text(kith_row w, uint32_t col, const char *s);
/* A text cell that keeps s, not a copy: s must live as long as the report
 * (in its arena, or static). For long tables built from strings the
 * report's arena already holds. */
void kith_row_text_ref(kith_row w, uint32_t col, const char *s);
void kith_row_textn(kith_row w, uint32_t col, const char *s, size_t n);
/* A text cell from a slice; left empty when the slice is empty. */
void kith_row_str(kith_row w, uint32_t col, kith_str s);
void kith_row_textf(kith_row w, uint32_t col, const char *fmt, ...)
    KITH_PRINTF(3, 4);
void kith_row_int(kith_row w, uint32_t col, long long v);
void kith_row_num(kith_row w, uint32_t col, double v);
void kith_row_pct(kith_row w, uint32_t col, double v);
void kith_row_date(kith_row w, uint32_t col, kith_day d); /* NO_DAY: empty */
void kith_row_days(kith_row w, uint32_t col, long long v);
void kith_row_bool(kith_row w, uint32_t col, int v);
void kith_row_style(kith_row w, uint32_t col, kith_style style);
/* The cell of a column whose value is of the given type, for helpers that
 * fill one cell (a state, a verdict); checked as the setters are. */
kith_cell *kith_row_cell(kith_row w, uint32_t col, kith_cell_type type);
/* Records a task line of the note in column col of row w (a NOTES column);
 * the token texts must live as long as the report (its arena). */
void kith_row_note_task(kith_row w, uint32_t col, const kith_note_task *t);
/* The task lines of a note cell: *n of them from the returned one. */
const kith_note_task *kith_section_note_tasks(const kith_section *s,
                                              uint32_t row, uint32_t col,
                                              uint32_t *n);
/* Stops kith when a column array has an entry without an id (a column of
 * the enum left out of the catalogue). Called by kith_report_section. */
void kith_cols_check(const char *section, const kith_col *cols, uint32_t n);

/* Formats a cell as plain text (what text and md show): INT plain, NUM
 * with up to 1 decimal ("2.5", "3"), PCT rounded ("83%"), DATE YYYY-MM-DD,
 * DAYS "12d", BOOL yes/no, EMPTY "". Rounding is half away from zero. */
void kith_cell_fmt(const kith_cell *c, kith_buf *out);
/* The number of characters kith_fmt_i64 writes for v (its sign and
 * digits), for widths known without formatting. */
uint32_t kith_i64_width(long long v);
/* A number with up to 1 decimal, as NUM cells show everywhere (json and
 * csv too). */
void kith_num_fmt(double v, kith_buf *out);
/* The one rate formatter: a percentage rounded half away from zero to a
 * whole number, without the '%' ("32"); text, md and html add the sign,
 * json and csv print the number (docs/semantics.md, "Numbers"). */
void kith_pct_fmt(double v, kith_buf *out);
/* The value as those formatters print it (2.96 -> 3.0, 32.26 -> 32):
 * statuses are judged on these, so they never contradict the numbers. */
double kith_num_shown(double v);
double kith_pct_shown(double v);

/* ---- rendering: one file per format, one signature ---- */
typedef enum {
	KITH_FMT_TEXT,
	KITH_FMT_MD,
	KITH_FMT_HTML,
	KITH_FMT_JSON,
	KITH_FMT_CSV,
	KITH_FMT_ICS,
	KITH_FMT_EML,
	KITH_FMT__COUNT
} kith_format;

typedef struct {
	int color; /* ANSI colour (text only) */
	int width; /* terminal width for text, 0 = unlimited */
	const char *version;
	/* NULL, or where a renderer may hand over what it has at the end of
	 * a line, so a long table streams instead of being held whole:
	 * flush takes out->p[0..out->n) and empties out (also on a write
	 * error, which its caller keeps and reports: it returns nonzero). */
	int (*flush)(void *ctx, kith_buf *out);
	void *flush_ctx;
} kith_render_opts;

typedef int (*kith_renderer)(const kith_report *r, const kith_render_opts *o,
                             kith_buf *out);
int kith_render_text(const kith_report *r, const kith_render_opts *o,
                     kith_buf *out);
int kith_render_md(const kith_report *r, const kith_render_opts *o,
                   kith_buf *out);
int kith_render_html(const kith_report *r, const kith_render_opts *o,
                     kith_buf *out);
int kith_render_json(const kith_report *r, const kith_render_opts *o,
                     kith_buf *out);
int kith_render_csv(const kith_report *r, const kith_render_opts *o,
                    kith_buf *out);
int kith_render_ics(const kith_report *r, const kith_render_opts *o,
                    kith_buf *out);
/* Indexed by kith_format; sized (and checked) where they are defined. */
int kith_render_eml(const kith_report *r, const kith_render_opts *o,
                    kith_buf *out);
extern const kith_renderer kith_renderers[];
extern const char *const kith_format_names[];

#endif
