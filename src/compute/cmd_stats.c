/* kith stats: what the journal holds (files, entries per file, counts per
 * section, date span) and how fast it loaded. The timing lives in its own
 * section, id "speed", because it differs run to run: the CLI shows it only
 * on request (--speed) and drops it otherwise, so output is reproducible. */
#include <stdlib.h>

#include "compute/compute.h"

static const kith_col fact_cols[KITH_FACT__COUNT] = {
    [KITH_FACT_LABEL] = {"label", "Item", KITH_CELL_TEXT, 0},
    [KITH_FACT_VALUE] = {"value", "Value", KITH_CELL_TEXT, KITH_COL_RIGHT},
};

enum { TYPE_TYPE, TYPE_COUNT, TYPE__COUNT };
static const kith_col type_cols[TYPE__COUNT] = {
    [TYPE_TYPE] = {"type", "Type", KITH_CELL_TEXT, 0},
    [TYPE_COUNT] = {"count", "Files", KITH_CELL_INT, KITH_COL_RIGHT},
};

enum { FILE_FILE, FILE_TYPE, FILE_ENTRIES, FILE__COUNT };
static const kith_col file_cols[FILE__COUNT] = {
    [FILE_FILE] = {"file", "File", KITH_CELL_TEXT, KITH_COL_WIDE},
    [FILE_TYPE] = {"type", "Type", KITH_CELL_TEXT, 0},
    [FILE_ENTRIES] = {"entries", "Entries", KITH_CELL_INT, KITH_COL_RIGHT},
};

static const char *const type_names[] = {"yaml", "md"};

/* Contacts, goals, events, interactions and assessments per file. */
static uint32_t *entries_per_file(const kith_journal *j)
{
	uint32_t nf = j->files.n ? j->files.n : 1;
	uint32_t *e = kith_xcalloc(nf, sizeof(*e));
#define COUNT(vec, fileexpr)                                                   \
	for (uint32_t i = 0; i < (vec).n; i++) {                               \
		uint32_t f = (fileexpr);                                       \
		if (f < j->files.n)                                            \
			e[f]++;                                                \
	}
	COUNT(j->contacts, j->contacts.v[i].file)
	COUNT(j->goals, j->goals.v[i].file)
	COUNT(j->events, j->events.v[i].file)
	COUNT(j->interactions, j->interactions.v[i].file)
	COUNT(j->assessments, j->assessments.v[i].pos.file)
#undef COUNT
	return e;
}

static void fact_int(kith_report *r, kith_section *s, const char *label,
                     long long v)
{
	kith_row w = kith_row_add(r, s);
	kith_row_text(w, KITH_FACT_LABEL, label);
	kith_row_int(w, KITH_FACT_VALUE, v);
}

static void fact_day(kith_report *r, kith_section *s, const char *label,
                     kith_day d)
{
	kith_row w = kith_row_add(r, s);
	kith_row_text(w, KITH_FACT_LABEL, label);
	kith_row_date(w, KITH_FACT_VALUE, d);
}

static void files_sections(kith_report *r, const kith_journal *j)
{
	uint32_t ntype[2] = {0, 0};
	for (uint32_t i = 0; i < j->files.n; i++)
		ntype[j->files.v[i].type == KITH_FILE_MD]++;
	kith_section *s = kith_report_section(r, "file-types", "Files by type",
	                                      KITH_SECTION_TABLE, type_cols,
	                                      KITH_ARRAY_LEN(type_cols));
	s->empty = "No files.";
	for (int t = 0; t < 2; t++) {
		kith_row w = kith_row_add(r, s);
		kith_row_text(w, TYPE_TYPE, type_names[t]);
		kith_row_int(w, TYPE_COUNT, ntype[t]);
	}

	uint32_t *e = entries_per_file(j);
	s = kith_report_section(r, "files", "Files", KITH_SECTION_TABLE,
	                        file_cols, KITH_ARRAY_LEN(file_cols));
	s->empty = "No files.";
	for (uint32_t i = 0; i < j->files.n; i++) {
		const kith_file *f = &j->files.v[i];
		kith_row w = kith_row_add(r, s);
		kith_row_text(w, FILE_FILE, f->display ? f->display : f->path);
		kith_row_text(w, FILE_TYPE,
		              type_names[f->type == KITH_FILE_MD]);
		kith_row_int(w, FILE_ENTRIES, e[i]);
	}
	free(e);
}

static void counts_section(kith_report *r, const kith_journal *j)
{
	kith_section *s =
	    kith_report_section(r, "counts", "Entries", KITH_SECTION_FACTS,
	                        fact_cols, KITH_ARRAY_LEN(fact_cols));
	s->empty = "The journal is empty.";
	fact_int(r, s, "contacts", j->contacts.n);
	fact_int(r, s, "goals", j->goals.n);
	fact_int(r, s, "events", j->events.n);
	fact_int(r, s, "interactions", j->interactions.n);
	fact_int(r, s, "follow-ups", j->followups.n);
	fact_int(r, s, "assessments", j->assessments.n);
}

static void span_section(kith_report *r, const kith_journal *j)
{
	kith_day first = KITH_NO_DAY, last = KITH_NO_DAY;
	for (uint32_t i = 0; i < j->interactions.n; i++) {
		kith_day d = j->interactions.v[i].date;
		if (d == KITH_NO_DAY)
			continue;
		if (first == KITH_NO_DAY || d < first)
			first = d;
		if (last == KITH_NO_DAY || d > last)
			last = d;
	}
	kith_section *s = kith_report_section(r, "span", "Interactions span",
	                                      KITH_SECTION_FACTS, fact_cols,
	                                      KITH_ARRAY_LEN(fact_cols));
	s->empty = "No interactions yet.";
	if (first == KITH_NO_DAY)
		return;
	fact_day(r, s, "first", first);
	fact_day(r, s, "last", last);
	fact_int(r, s, "days", (long long)last - first + 1);
}

/* Non-deterministic: keep it last and in its own section (see top). */
static void speed_section(kith_report *r, const kith_journal *j)
{
	kith_section *s =
	    kith_report_section(r, "speed", "Speed", KITH_SECTION_FACTS,
	                        fact_cols, KITH_ARRAY_LEN(fact_cols));
	s->empty = "Not measured.";
	kith_row w = kith_row_add(r, s);
	/* Milliseconds: a cell shows one decimal at most. */
	kith_row_text(w, KITH_FACT_LABEL, "load ms");
	kith_row_num(w, KITH_FACT_VALUE, j->load_seconds * 1000.0);
	w = kith_row_add(r, s);
	kith_row_text(w, KITH_FACT_LABEL, "interactions per second");
	if (j->load_seconds > 0)
		kith_row_int(
		    w, KITH_FACT_VALUE,
		    (long long)(j->interactions.n / j->load_seconds + 0.5));
}

kith_report *kith_compute_stats(const kith_journal *j, const kith_opts *o)
{
	kith_report *r = kith_report_new("stats", o->as_of);
	kith_disp_init(r, j, o);
	r->title = "Journal statistics";
	kith_report_fact(r, "files",
	                 kith_arena_printf(r->arena, "%u", j->files.n));
	files_sections(r, j);
	counts_section(r, j);
	span_section(r, j);
	speed_section(r, j);
	return r;
}
