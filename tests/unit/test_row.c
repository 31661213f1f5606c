/* Unit tests for rows by named columns (src/compute/row.c): values land in
 * the column their enum names, and a column out of range, a value of
 * another type or a column left out of its table stops kith. */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <signal.h>

#include "compute/report.h"

enum { T_WHO, T_DATE, T_COUNT, T_ACTUAL, T_LATE, T__COUNT };
static const kith_col t_cols[T__COUNT] = {
    [T_WHO] = {"who", "Who", KITH_CELL_TEXT, 0},
    [T_DATE] = {"date", "Date", KITH_CELL_DATE, 0},
    [T_COUNT] = {"count", "Count", KITH_CELL_INT, KITH_COL_RIGHT},
    [T_ACTUAL] = {"actual", "Actual", KITH_CELL_NUM, KITH_COL_RIGHT},
    [T_LATE] = {"late", "Late", KITH_CELL_DAYS, KITH_COL_RIGHT},
};

static kith_section *table(kith_report *r)
{
	return kith_report_section(r, "t", "T", KITH_SECTION_TABLE, t_cols,
	                           T__COUNT);
}

Test(row, values_land_in_their_named_columns)
{
	kith_report *r = kith_report_new("t", 100);
	kith_section *s = table(r);
	kith_row w = kith_row_add(r, s);
	kith_row_days(w, T_LATE, -3);
	kith_row_text(w, T_WHO, "@ann");
	kith_row_pct(w, T_ACTUAL, 50.0); /* a rate in a number column */
	kith_row_int(w, T_COUNT, 7);
	kith_row_date(w, T_DATE, 20000);
	kith_row_style(w, T_LATE, KITH_STYLE_BAD);
	w = kith_row_add(r, s);
	kith_row_str(w, T_WHO, kith_str_c(""));
	kith_row_textf(w, T_WHO, "%s-%d", "x", 2);
	cr_assert_eq(s->nrows, 2);
	const kith_cell *c = kith_section_cell(s, 0, T_WHO);
	cr_assert_eq(c->type, KITH_CELL_TEXT);
	cr_assert_str_eq(c->s, "@ann");
	cr_assert_eq(kith_section_cell(s, 0, T_DATE)->day, 20000);
	cr_assert_eq(kith_section_cell(s, 0, T_COUNT)->i, 7);
	cr_assert_eq(kith_section_cell(s, 0, T_ACTUAL)->type, KITH_CELL_PCT);
	cr_assert_eq(kith_section_cell(s, 0, T_LATE)->i, -3);
	cr_assert_eq(kith_section_cell(s, 0, T_LATE)->style, KITH_STYLE_BAD);
	cr_assert_str_eq(kith_section_cell(s, 1, T_WHO)->s, "x-2");
	cr_assert_eq(kith_section_cell(s, 1, T_DATE)->type, KITH_CELL_EMPTY);
	kith_report_free(r);
}

Test(row, facts_value_takes_any_type)
{
	static const kith_col f_cols[KITH_FACT__COUNT] = {
	    [KITH_FACT_LABEL] = {"label", "Item", KITH_CELL_TEXT, 0},
	    [KITH_FACT_VALUE] = {"value", "Value", KITH_CELL_TEXT, 0},
	};
	kith_report *r = kith_report_new("t", 100);
	kith_section *s = kith_report_section(r, "f", "F", KITH_SECTION_FACTS,
	                                      f_cols, KITH_FACT__COUNT);
	kith_row w = kith_row_add(r, s);
	kith_row_text(w, KITH_FACT_LABEL, "days");
	kith_row_int(w, KITH_FACT_VALUE, 3);
	cr_assert_eq(kith_section_cell(s, 0, KITH_FACT_VALUE)->i, 3);
	kith_report_free(r);
}

Test(row, value_of_another_type_stops, .signal = SIGABRT,
     .init = cr_redirect_stderr)
{
	kith_report *r = kith_report_new("t", 100);
	kith_row w = kith_row_add(r, table(r));
	kith_row_int(w, T_COUNT, 3);   /* an INT in an INT column: fine */
	kith_row_num(w, T_COUNT, 2.5); /* a NUM in an INT column */
}

Test(row, text_in_a_date_column_stops, .signal = SIGABRT,
     .init = cr_redirect_stderr)
{
	kith_report *r = kith_report_new("t", 100);
	kith_row w = kith_row_add(r, table(r));
	kith_row_text(w, T_DATE, "2026-11-29");
}

Test(row, column_out_of_range_stops, .signal = SIGABRT,
     .init = cr_redirect_stderr)
{
	kith_report *r = kith_report_new("t", 100);
	kith_row w = kith_row_add(r, table(r));
	kith_row_style(w, T__COUNT, KITH_STYLE_BAD);
}

Test(row, column_left_out_of_its_table_stops, .signal = SIGABRT,
     .init = cr_redirect_stderr)
{
	enum { M_A, M_B, M_C, M__COUNT };
	static const kith_col m_cols[M__COUNT] = {
	    [M_A] = {"a", "A", KITH_CELL_TEXT, 0},
	    [M_C] = {"c", "C", KITH_CELL_TEXT, 0},
	};
	kith_report *r = kith_report_new("t", 100);
	kith_report_section(r, "m", "M", KITH_SECTION_TABLE, m_cols, M__COUNT);
}

/* Rows made when read (kith_section_fill): row k of them is the made
 * one's k-th, after the rows the section holds. */
static void count_make(kith_rows_fill *f, uint32_t k, kith_row w)
{
	(void)f;
	kith_row_int(w, T_COUNT, 10 + k);
	kith_row_date(w, T_DATE, 500 + k);
}

Test(row, rows_made_when_read)
{
	kith_report *r = kith_report_new("t", 100);
	kith_section *s = table(r);
	kith_row_int(kith_row_add(r, s), T_COUNT, 1);
	kith_rows_fill *f = kith_arena_alloc(r->arena, sizeof(*f));
	f->make = count_make;
	kith_section_fill(r, s, f, 3);
	cr_assert_eq(s->nrows, 4);
	cr_assert_eq(kith_section_cell(s, 0, T_COUNT)->i, 1);
	cr_assert_eq(kith_section_cell(s, 3, T_COUNT)->i, 12);
	cr_assert_eq(kith_section_cell(s, 3, T_DATE)->day, 502);
	cr_assert_eq(kith_section_cell(s, 1, T_COUNT)->i, 10);
	/* what make leaves alone is empty, whatever the row before held */
	cr_assert_eq(kith_section_cell(s, 1, T_WHO)->type, KITH_CELL_EMPTY);
	cr_assert_null(kith_section_cell(s, 4, T_COUNT));
	kith_report_free(r);
}

Test(row, row_after_made_rows_stops, .signal = SIGABRT,
     .init = cr_redirect_stderr)
{
	kith_report *r = kith_report_new("t", 100);
	kith_section *s = table(r);
	kith_rows_fill *f = kith_arena_alloc(r->arena, sizeof(*f));
	f->make = count_make;
	kith_section_fill(r, s, f, 1);
	kith_row_add(r, s);
}

/* Made a cell at a time (make_cell): each cell once per visit of its
 * row; the two rows read last are kept, with the text made for them. */
typedef struct {
	kith_rows_fill fill; /* first */
	uint32_t calls[8][T__COUNT];
} cell_maker;

static void cell_make(kith_rows_fill *f, uint32_t k, uint32_t col, kith_row w)
{
	cell_maker *m = (cell_maker *)f;
	m->calls[k][col]++;
	if (col == T_WHO)
		kith_row_textf(w, col, "who-%u", (unsigned)k);
	else if (col == T_LATE) {
		kith_row_days(w, col, -(long long)k);
		kith_row_style(w, col, KITH_STYLE_BAD);
	}
}

Test(row, cells_made_when_read_once_each_and_two_rows_kept)
{
	kith_report *r = kith_report_new("t", 100);
	kith_section *s = table(r);
	cell_maker *m = kith_arena_alloc(r->arena, sizeof(*m));
	m->fill.make_cell = cell_make;
	kith_section_fill(r, s, &m->fill, 8);
	cr_assert_eq(s->nrows, 8);
	/* a row compared with the next: both cells stay as they were */
	const kith_cell *a = kith_section_cell(s, 2, T_WHO);
	const kith_cell *b = kith_section_cell(s, 3, T_WHO);
	cr_assert_str_eq(a->s, "who-2");
	cr_assert_str_eq(b->s, "who-3");
	cr_assert_eq(kith_section_cell(s, 3, T_LATE)->i, -3);
	cr_assert_eq(kith_section_cell(s, 3, T_LATE)->style, KITH_STYLE_BAD);
	cr_assert_eq(kith_section_cell(s, 2, T_LATE)->i, -2);
	cr_assert_str_eq(a->s, "who-2");
	/* a cell no maker sets is empty; a column not read is not made */
	cr_assert_eq(kith_section_cell(s, 3, T_DATE)->type, KITH_CELL_EMPTY);
	cr_assert_eq(m->calls[2][T_WHO], 1);
	cr_assert_eq(m->calls[3][T_LATE], 1);
	cr_assert_eq(m->calls[3][T_DATE], 1);
	cr_assert_eq(m->calls[3][T_COUNT], 0);
	/* a third row takes the slot of the one read less recently (3) */
	cr_assert_eq(kith_section_cell(s, 2, T_WHO), a);
	cr_assert_str_eq(kith_section_cell(s, 5, T_WHO)->s, "who-5");
	cr_assert_str_eq(a->s, "who-2");
	cr_assert_str_eq(kith_section_cell(s, 3, T_WHO)->s, "who-3");
	cr_assert_eq(m->calls[3][T_WHO], 2);
	cr_assert_eq(m->calls[2][T_WHO], 1);
	cr_assert_null(kith_section_cell(s, 8, T_WHO));
	kith_report_free(r);
}
