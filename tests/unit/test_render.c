/* Unit tests for the report builder and the text, md, json and csv
 * renderers: exact output for hand-built reports, escaping and alignment. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/render.h"

static kith_day D(const char *s)
{
	kith_day d = KITH_NO_DAY;
	cr_assert_eq(kith_date_parse(s, strlen(s), &d), 0, "date %s", s);
	return d;
}

static const kith_col due_cols[] = {
    {"due", "Due", KITH_CELL_DATE, 0},
    {"days", "Days", KITH_CELL_DAYS, KITH_COL_RIGHT},
    {"who", "Who", KITH_CELL_TEXT, 0},
    {"what", "What", KITH_CELL_TEXT, KITH_COL_WIDE},
    {"uid", "UID", KITH_CELL_TEXT, KITH_COL_MACHINE},
};
static const kith_col fact_cols[] = {
    {"label", "Label", KITH_CELL_TEXT, 0},
    {"value", "Value", KITH_CELL_INT, KITH_COL_RIGHT},
};
static const kith_col goal_cols[] = {
    {"goal", "Goal", KITH_CELL_TEXT, KITH_COL_WIDE},
    {"actual", "Actual", KITH_CELL_NUM, KITH_COL_RIGHT},
    {"target", "Target", KITH_CELL_INT, KITH_COL_RIGHT},
    {"pct", "Done", KITH_CELL_PCT, KITH_COL_RIGHT},
    {"met", "Met", KITH_CELL_BOOL, 0},
};

static void due_row(kith_report *r, kith_section *s, const char *due,
                    long long days, kith_style st, const char *who,
                    const char *what, const char *uid)
{
	kith_cell *c = kith_section_row(r, s);
	kith_cell_date(&c[0], D(due));
	kith_cell_days(&c[1], days);
	c[1].style = st;
	kith_cell_text(r, &c[2], who);
	kith_cell_text(r, &c[3], what);
	kith_cell_text(r, &c[4], uid);
}

static void goal_row(kith_report *r, kith_section *s, const char *goal,
                     double actual, long long target, double pct, int met,
                     kith_style st)
{
	kith_cell *c = kith_section_row(r, s);
	kith_cell_text(r, &c[0], goal);
	kith_cell_num(&c[1], actual);
	kith_cell_int(&c[2], target);
	kith_cell_pct(&c[3], pct);
	c[3].style = st;
	kith_cell_bool(&c[4], met);
}

/* A report with every section kind: a due-like table, facts, text and a
 * goals-like table with PCT and NUM. */
static kith_report *full_report(void)
{
	kith_report *r = kith_report_new("due", D("2026-11-22"));
	r->title = "Due as of 2026-11-22";
	r->from = D("2026-11-01");
	r->to = D("2026-11-30");
	kith_report_fact(r, "period", "2026-11-01..2026-11-30");
	kith_report_fact(r, "Open items", "2");
	kith_section *s = kith_report_section(r, "followups", "Open follow-ups",
	                                      KITH_SECTION_TABLE, due_cols, 5);
	due_row(r, s, "2026-11-20", -2, KITH_STYLE_BAD, "Alice Chen",
	        "Send the RFC draft", "fu-1");
	due_row(r, s, "2026-11-25", 3, KITH_STYLE_OK, "Bob", "Thank-you note",
	        "fu-2");
	s = kith_report_section(r, "summary", "Summary", KITH_SECTION_FACTS,
	                        fact_cols, 2);
	kith_cell *c = kith_section_row(r, s);
	kith_cell_text(r, &c[0], "Open");
	kith_cell_int(&c[1], 2);
	c = kith_section_row(r, s);
	kith_cell_text(r, &c[0], "Overdue");
	kith_cell_int(&c[1], 1);
	c[1].style = KITH_STYLE_BAD;
	s = kith_report_section(r, "notes", "Notes", KITH_SECTION_TEXT, NULL,
	                        0);
	s->text = "Keep going.\nAsk @alice about Dana.\n";
	s = kith_report_section(r, "goals", "Goals", KITH_SECTION_TABLE,
	                        goal_cols, 5);
	goal_row(r, s, "grow-platform-network", 2.5, 4, 62.5, 0,
	         KITH_STYLE_WARN);
	goal_row(r, s, "events", 6, 6, 100, 1, KITH_STYLE_GOOD);
	s->text = "Pace is as of 2026-11-22.";
	s = kith_report_section(r, "events", "Upcoming events",
	                        KITH_SECTION_TABLE, due_cols, 5);
	s->level = 2;
	s->empty = "No events coming up.";
	return r;
}

static char *render(kith_format f, const kith_report *r, int color, int width)
{
	kith_render_opts o = {.color = color, .width = width};
	kith_buf b = {0};
	cr_assert_eq(kith_renderers[f](r, &o, &b), 0);
	char *s = kith_xstrndup(b.p ? b.p : "", b.n);
	kith_buf_free(&b);
	return s;
}

static void assert_render(kith_format f, const kith_report *r, int color,
                          int width, const char *want)
{
	char *got = render(f, r, color, width);
	cr_assert_str_eq(got, want, "%s output:\n%s\nwanted:\n%s",
	                 kith_format_names[f], got, want);
	free(got);
}

static char *fmt(const kith_cell *c)
{
	kith_buf b = {0};
	kith_cell_fmt(c, &b);
	char *s = kith_xstrndup(b.p ? b.p : "", b.n);
	kith_buf_free(&b);
	return s;
}

static void assert_fmt(const kith_cell *c, const char *want)
{
	char *got = fmt(c);
	cr_assert_str_eq(got, want);
	free(got);
}

Test(render, cell_fmt_every_type)
{
	kith_report *r = kith_report_new("t", D("2026-11-22"));
	kith_cell c = {0};
	assert_fmt(&c, "");
	kith_cell_int(&c, -42);
	assert_fmt(&c, "-42");
	kith_cell_num(&c, 2.5);
	assert_fmt(&c, "2.5");
	kith_cell_num(&c, 3.0);
	assert_fmt(&c, "3");
	kith_cell_num(&c, 2.25);
	assert_fmt(&c, "2.3");
	kith_cell_num(&c, 2.96);
	assert_fmt(&c, "3");
	kith_cell_num(&c, -0.04);
	assert_fmt(&c, "0");
	kith_cell_num(&c, -3.5);
	assert_fmt(&c, "-3.5");
	kith_cell_pct(&c, 83.3);
	assert_fmt(&c, "83%");
	kith_cell_pct(&c, 82.5);
	assert_fmt(&c, "83%");
	kith_cell_pct(&c, 99.5);
	assert_fmt(&c, "100%");
	kith_cell_pct(&c, 0);
	assert_fmt(&c, "0%");
	kith_cell_date(&c, D("2026-02-03"));
	assert_fmt(&c, "2026-02-03");
	kith_cell_date(&c, KITH_NO_DAY);
	cr_assert_eq(c.type, KITH_CELL_EMPTY);
	assert_fmt(&c, "");
	kith_cell_days(&c, 12);
	assert_fmt(&c, "12d");
	kith_cell_days(&c, -3);
	assert_fmt(&c, "-3d");
	kith_cell_bool(&c, 7);
	assert_fmt(&c, "yes");
	kith_cell_bool(&c, 0);
	assert_fmt(&c, "no");
	kith_cell_textf(r, &c, "%d items of %s", 3, "x");
	assert_fmt(&c, "3 items of x");
	kith_cell_textn(r, &c, "abcdef", 3);
	assert_fmt(&c, "abc");
	kith_report_free(r);
}

Test(render, builder_copies_and_grows)
{
	kith_report *r = kith_report_new("goals", D("2026-11-22"));
	char id[] = "goals", title[] = "Goals";
	kith_col cols[] = {{"goal", "Goal", KITH_CELL_TEXT, 0},
	                   {"n", "N", KITH_CELL_INT, KITH_COL_RIGHT}};
	kith_section *s =
	    kith_report_section(r, id, title, KITH_SECTION_TABLE, cols, 2);
	/* The report owns copies: changing the caller's arrays is harmless. */
	id[0] = title[0] = 'X';
	cols[1].id = "changed";
	cr_assert_str_eq(s->id, "goals");
	cr_assert_str_eq(s->title, "Goals");
	cr_assert_eq(s->level, 1);
	cr_assert_eq(kith_section_col(s, "n"), 1);
	cr_assert_eq(kith_section_col(s, "goal"), 0);
	cr_assert_eq(kith_section_col(s, "changed"), -1);
	for (int i = 0; i < 100; i++) {
		kith_cell *c = kith_section_row(r, s);
		cr_assert_eq(c[0].type, KITH_CELL_EMPTY);
		cr_assert_eq(c[1].type, KITH_CELL_EMPTY);
		kith_cell_int(&c[1], i);
	}
	cr_assert_eq(s->nrows, 100);
	cr_assert_eq(kith_section_cell(s, 99, 1)->i, 99);
	cr_assert_eq(kith_section_cell(s, 37, 1)->i, 37);
	cr_assert_null(kith_section_cell(s, 100, 0));
	cr_assert_null(kith_section_cell(s, 0, 2));
	kith_report_fact(r, "period", "2026");
	cr_assert_eq(r->facts.n, 1);
	cr_assert_str_eq(r->facts.v[0].value, "2026");
	cr_assert_eq(r->from, KITH_NO_DAY);
	kith_report_free(r);
	kith_report_free(NULL);
}

Test(render, format_names)
{
	cr_assert_eq(kith_format_parse("text"), KITH_FMT_TEXT);
	cr_assert_eq(kith_format_parse("md"), KITH_FMT_MD);
	cr_assert_eq(kith_format_parse("ics"), KITH_FMT_ICS);
	cr_assert_eq(kith_format_parse("markdown"), -1);
	cr_assert_eq(kith_format_parse(NULL), -1);
	cr_assert_eq(kith_format_from_path("out/report.MD"), KITH_FMT_MD);
	cr_assert_eq(kith_format_from_path("r.htm"), KITH_FMT_HTML);
	cr_assert_eq(kith_format_from_path("r.html"), KITH_FMT_HTML);
	cr_assert_eq(kith_format_from_path("due.ics"), KITH_FMT_ICS);
	cr_assert_eq(kith_format_from_path("a.json"), KITH_FMT_JSON);
	cr_assert_eq(kith_format_from_path("a.csv"), KITH_FMT_CSV);
	cr_assert_eq(kith_format_from_path("a.txt"), KITH_FMT_TEXT);
	cr_assert_eq(kith_format_from_path("a.pdf"), -1);
	cr_assert_eq(kith_format_from_path("dir.md/report"), -1);
	cr_assert_eq(kith_format_from_path(".md"), -1);
	for (int i = 0; i < KITH_FMT__COUNT; i++) {
		cr_assert_eq(kith_format_parse(kith_format_names[i]), i);
		cr_assert_not_null(kith_renderers[i]);
	}
}

Test(render, text_full_report)
{
	kith_report *r = full_report();
	assert_render(KITH_FMT_TEXT, r, 0, 0,
	              "Due as of 2026-11-22 \xC2\xB7 period "
	              "2026-11-01..2026-11-30\n"
	              "Open items: 2\n"
	              "\n"
	              "Open follow-ups\n"
	              "Due         Days  Who         What\n"
	              "2026-11-20   -2d  Alice Chen  Send the RFC draft\n"
	              "2026-11-25    3d  Bob         Thank-you note\n"
	              "\n"
	              "Summary\n"
	              "Open:    2\n"
	              "Overdue: 1\n"
	              "\n"
	              "Notes\n"
	              "Keep going.\n"
	              "Ask @alice about Dana.\n"
	              "\n"
	              "Goals\n"
	              "Goal                   Actual  Target  Done  Met\n"
	              "grow-platform-network     2.5       4   63%  no\n"
	              "events                      6       6  100%  yes\n"
	              "Pace is as of 2026-11-22.\n"
	              "\n"
	              "Upcoming events\n"
	              "No events coming up.\n");
	kith_report_free(r);
}

Test(render, text_colour)
{
	kith_report *r = full_report();
	assert_render(
	    KITH_FMT_TEXT, r, 1, 0,
	    "\033[1mDue as of 2026-11-22 \xC2\xB7 period "
	    "2026-11-01..2026-11-30\033[0m\n"
	    "Open items: 2\n"
	    "\n"
	    "\033[1mOpen follow-ups\033[0m\n"
	    "Due         Days  Who         What\n"
	    "2026-11-20   \033[31m-2d\033[0m  Alice Chen  Send the RFC draft\n"
	    "2026-11-25    \033[36m3d\033[0m  Bob         Thank-you note\n"
	    "\n"
	    "\033[1mSummary\033[0m\n"
	    "Open:    2\n"
	    "Overdue: \033[31m1\033[0m\n"
	    "\n"
	    "\033[1mNotes\033[0m\n"
	    "Keep going.\n"
	    "Ask @alice about Dana.\n"
	    "\n"
	    "\033[1mGoals\033[0m\n"
	    "Goal                   Actual  Target  Done  Met\n"
	    "grow-platform-network     2.5       4   \033[33m63%\033[0m  no\n"
	    "events                      6       6  \033[32m100%\033[0m  yes\n"
	    "Pace is as of 2026-11-22.\n"
	    "\n"
	    "\033[1mUpcoming events\033[0m\n"
	    "No events coming up.\n");
	/* Colour off writes no escape at all. */
	char *plain = render(KITH_FMT_TEXT, r, 0, 0);
	cr_assert_null(strchr(plain, '\033'));
	free(plain);
	kith_report_free(r);
}

Test(render, md_full_report)
{
	kith_report *r = full_report();
	assert_render(KITH_FMT_MD, r, 0, 0,
	              "# Due as of 2026-11-22\n"
	              "\n"
	              "- **period:** 2026-11-01..2026-11-30\n"
	              "- **Open items:** 2\n"
	              "\n"
	              "## Open follow-ups\n"
	              "\n"
	              "| Due | Days | Who | What |\n"
	              "| --- | ---: | --- | --- |\n"
	              "| 2026-11-20 | -2d | Alice Chen | Send the RFC draft |\n"
	              "| 2026-11-25 | 3d | Bob | Thank-you note |\n"
	              "\n"
	              "## Summary\n"
	              "\n"
	              "- **Open:** 2\n"
	              "- **Overdue:** 1\n"
	              "\n"
	              "## Notes\n"
	              "\n"
	              "Keep going.\n"
	              "Ask @alice about Dana.\n"
	              "\n"
	              "## Goals\n"
	              "\n"
	              "| Goal | Actual | Target | Done | Met |\n"
	              "| --- | ---: | ---: | ---: | --- |\n"
	              "| grow-platform-network | 2.5 | 4 | 63% | no |\n"
	              "| events | 6 | 6 | 100% | yes |\n"
	              "\n"
	              "Pace is as of 2026-11-22.\n"
	              "\n"
	              "### Upcoming events\n"
	              "\n"
	              "No events coming up.\n");
	kith_report_free(r);
}

Test(render, json_full_report)
{
	kith_report *r = full_report();
	assert_render(
	    KITH_FMT_JSON, r, 0, 0,
	    "{\n"
	    "  \"kith_json\": 1,\n"
	    "  \"command\": \"due\",\n"
	    "  \"title\": \"Due as of 2026-11-22\",\n"
	    "  \"as_of\": \"2026-11-22\",\n"
	    "  \"period\": {\n"
	    "    \"from\": \"2026-11-01\",\n"
	    "    \"to\": \"2026-11-30\"\n"
	    "  },\n"
	    "  \"facts\": {\n"
	    "    \"period\": \"2026-11-01..2026-11-30\",\n"
	    "    \"open_items\": \"2\"\n"
	    "  },\n"
	    "  \"sections\": [\n"
	    "    {\n"
	    "      \"id\": \"followups\",\n"
	    "      \"title\": \"Open follow-ups\",\n"
	    "      \"kind\": \"table\",\n"
	    "      \"level\": 1,\n"
	    "      \"columns\": [\n"
	    "        {\n"
	    "          \"id\": \"due\",\n"
	    "          \"title\": \"Due\",\n"
	    "          \"type\": \"date\"\n"
	    "        },\n"
	    "        {\n"
	    "          \"id\": \"days\",\n"
	    "          \"title\": \"Days\",\n"
	    "          \"type\": \"days\"\n"
	    "        },\n"
	    "        {\n"
	    "          \"id\": \"who\",\n"
	    "          \"title\": \"Who\",\n"
	    "          \"type\": \"text\"\n"
	    "        },\n"
	    "        {\n"
	    "          \"id\": \"what\",\n"
	    "          \"title\": \"What\",\n"
	    "          \"type\": \"text\"\n"
	    "        },\n"
	    "        {\n"
	    "          \"id\": \"uid\",\n"
	    "          \"title\": \"UID\",\n"
	    "          \"type\": \"text\"\n"
	    "        }\n"
	    "      ],\n"
	    "      \"rows\": [\n"
	    "        {\n"
	    "          \"due\": \"2026-11-20\",\n"
	    "          \"days\": -2,\n"
	    "          \"who\": \"Alice Chen\",\n"
	    "          \"what\": \"Send the RFC draft\",\n"
	    "          \"uid\": \"fu-1\"\n"
	    "        },\n"
	    "        {\n"
	    "          \"due\": \"2026-11-25\",\n"
	    "          \"days\": 3,\n"
	    "          \"who\": \"Bob\",\n"
	    "          \"what\": \"Thank-you note\",\n"
	    "          \"uid\": \"fu-2\"\n"
	    "        }\n"
	    "      ],\n"
	    "      \"text\": null\n"
	    "    },\n"
	    "    {\n"
	    "      \"id\": \"summary\",\n"
	    "      \"title\": \"Summary\",\n"
	    "      \"kind\": \"facts\",\n"
	    "      \"level\": 1,\n"
	    "      \"columns\": [\n"
	    "        {\n"
	    "          \"id\": \"label\",\n"
	    "          \"title\": \"Label\",\n"
	    "          \"type\": \"text\"\n"
	    "        },\n"
	    "        {\n"
	    "          \"id\": \"value\",\n"
	    "          \"title\": \"Value\",\n"
	    "          \"type\": \"int\"\n"
	    "        }\n"
	    "      ],\n"
	    "      \"rows\": [\n"
	    "        {\n"
	    "          \"label\": \"Open\",\n"
	    "          \"value\": 2\n"
	    "        },\n"
	    "        {\n"
	    "          \"label\": \"Overdue\",\n"
	    "          \"value\": 1\n"
	    "        }\n"
	    "      ],\n"
	    "      \"text\": null\n"
	    "    },\n"
	    "    {\n"
	    "      \"id\": \"notes\",\n"
	    "      \"title\": \"Notes\",\n"
	    "      \"kind\": \"text\",\n"
	    "      \"level\": 1,\n"
	    "      \"columns\": [],\n"
	    "      \"rows\": [],\n"
	    "      \"text\": \"Keep going.\\nAsk @alice about Dana.\\n\"\n"
	    "    },\n"
	    "    {\n"
	    "      \"id\": \"goals\",\n"
	    "      \"title\": \"Goals\",\n"
	    "      \"kind\": \"table\",\n"
	    "      \"level\": 1,\n"
	    "      \"columns\": [\n"
	    "        {\n"
	    "          \"id\": \"goal\",\n"
	    "          \"title\": \"Goal\",\n"
	    "          \"type\": \"text\"\n"
	    "        },\n"
	    "        {\n"
	    "          \"id\": \"actual\",\n"
	    "          \"title\": \"Actual\",\n"
	    "          \"type\": \"num\"\n"
	    "        },\n"
	    "        {\n"
	    "          \"id\": \"target\",\n"
	    "          \"title\": \"Target\",\n"
	    "          \"type\": \"int\"\n"
	    "        },\n"
	    "        {\n"
	    "          \"id\": \"pct\",\n"
	    "          \"title\": \"Done\",\n"
	    "          \"type\": \"pct\"\n"
	    "        },\n"
	    "        {\n"
	    "          \"id\": \"met\",\n"
	    "          \"title\": \"Met\",\n"
	    "          \"type\": \"bool\"\n"
	    "        }\n"
	    "      ],\n"
	    "      \"rows\": [\n"
	    "        {\n"
	    "          \"goal\": \"grow-platform-network\",\n"
	    "          \"actual\": 2.5,\n"
	    "          \"target\": 4,\n"
	    "          \"pct\": 63,\n"
	    "          \"met\": false\n"
	    "        },\n"
	    "        {\n"
	    "          \"goal\": \"events\",\n"
	    "          \"actual\": 6,\n"
	    "          \"target\": 6,\n"
	    "          \"pct\": 100,\n"
	    "          \"met\": true\n"
	    "        }\n"
	    "      ],\n"
	    "      \"text\": \"Pace is as of 2026-11-22.\"\n"
	    "    },\n"
	    "    {\n"
	    "      \"id\": \"events\",\n"
	    "      \"title\": \"Upcoming events\",\n"
	    "      \"kind\": \"table\",\n"
	    "      \"level\": 2,\n"
	    "      \"columns\": [\n"
	    "        {\n"
	    "          \"id\": \"due\",\n"
	    "          \"title\": \"Due\",\n"
	    "          \"type\": \"date\"\n"
	    "        },\n"
	    "        {\n"
	    "          \"id\": \"days\",\n"
	    "          \"title\": \"Days\",\n"
	    "          \"type\": \"days\"\n"
	    "        },\n"
	    "        {\n"
	    "          \"id\": \"who\",\n"
	    "          \"title\": \"Who\",\n"
	    "          \"type\": \"text\"\n"
	    "        },\n"
	    "        {\n"
	    "          \"id\": \"what\",\n"
	    "          \"title\": \"What\",\n"
	    "          \"type\": \"text\"\n"
	    "        },\n"
	    "        {\n"
	    "          \"id\": \"uid\",\n"
	    "          \"title\": \"UID\",\n"
	    "          \"type\": \"text\"\n"
	    "        }\n"
	    "      ],\n"
	    "      \"rows\": [],\n"
	    "      \"text\": null\n"
	    "    }\n"
	    "  ]\n"
	    "}\n");
	kith_report_free(r);
}

Test(render, csv_several_sections)
{
	kith_report *r = full_report();
	assert_render(
	    KITH_FMT_CSV, r, 0, 0,
	    "section,due,days,who,what,uid,label,value,goal,actual,target,pct,"
	    "met\r\n"
	    "followups,2026-11-20,-2,Alice Chen,Send the RFC "
	    "draft,fu-1,,,,,,,\r\n"
	    "followups,2026-11-25,3,Bob,Thank-you note,fu-2,,,,,,,\r\n"
	    "summary,,,,,,Open,2,,,,,\r\n"
	    "summary,,,,,,Overdue,1,,,,,\r\n"
	    "goals,,,,,,,,grow-platform-network,2.5,4,63,false\r\n"
	    "goals,,,,,,,,events,6,6,100,true\r\n");
	kith_report_free(r);
}

/* A log report whose texts use the line ends nl. */
static kith_report *notes_report(const char *nl)
{
	static const kith_col cols[] = {
	    {"date", "Date", KITH_CELL_DATE, 0},
	    {"uid", "UID", KITH_CELL_TEXT, KITH_COL_MACHINE},
	    {"what", "What", KITH_CELL_TEXT, 0},
	    {"notes", "Notes", KITH_CELL_TEXT, KITH_COL_NOTES},
	};
	kith_report *r = kith_report_new("due", D("2026-11-22"));
	r->title = "Due";
	kith_section *s =
	    kith_report_section(r, "due", "Due", KITH_SECTION_TABLE, cols, 4);
	kith_cell *c = kith_section_row(r, s);
	kith_cell_date(&c[0], D("2026-11-25"));
	kith_cell_text(r, &c[1], "fu-1");
	kith_cell_textf(r, &c[2], "Send, \"the\" draft%sto Alice", nl);
	kith_cell_textf(r, &c[3],
	                "Talked%sabout the reorg.%s%s```%scode%s```%s%s- one%s",
	                nl, nl, nl, nl, nl, nl, nl, nl);
	s = kith_report_section(r, "notes", "Notes", KITH_SECTION_TEXT, NULL,
	                        0);
	s->text = kith_arena_printf(r->arena, "Keep%sgoing.%s", nl, nl);
	return r;
}

Test(render, crlf_text_renders_as_lf_in_every_format)
{
	kith_report *lf = notes_report("\n"), *crlf = notes_report("\r\n");
	for (int f = 0; f < KITH_FMT__COUNT; f++) {
		char *a = render((kith_format)f, lf, 0, 0);
		char *b = render((kith_format)f, crlf, 0, 0);
		cr_assert_str_eq(b, a,
		                 "%s differs with CRLF:\n%s\nwith LF:\n%s",
		                 kith_format_names[f], b, a);
		free(a);
		free(b);
	}
	/* A lone CR is not a line end and is kept where the format can. */
	kith_report *cr = notes_report("\r");
	char *j = render(KITH_FMT_JSON, cr, 0, 0);
	cr_assert(strstr(j, "Talked\\rabout"), "%s", j);
	free(j);
	kith_report_free(cr);
	kith_report_free(lf);
	kith_report_free(crlf);
}

Test(render, text_wide_and_combining_alignment)
{
	static const kith_col cols[] = {
	    {"name", "Name", KITH_CELL_TEXT, 0},
	    {"n", "N", KITH_CELL_INT, KITH_COL_RIGHT},
	};
	static const char *names[] = {"日本語", "e\xCC\x81te", "abc"};
	static const long long ns[] = {1, 22, 333};
	kith_report *r = kith_report_new("contacts", D("2026-11-22"));
	r->title = "T";
	kith_section *s = kith_report_section(r, "people", "People",
	                                      KITH_SECTION_TABLE, cols, 2);
	for (int i = 0; i < 3; i++) {
		kith_cell *c = kith_section_row(r, s);
		kith_cell_text(r, &c[0], names[i]);
		kith_cell_int(&c[1], ns[i]);
	}
	assert_render(KITH_FMT_TEXT, r, 0, 0,
	              "T\n"
	              "\n"
	              "Name      N\n"
	              "日本語    1\n"
	              "e\xCC\x81te      22\n"
	              "abc     333\n");
	kith_report_free(r);
}

Test(render, text_truncates_wide_columns_to_width)
{
	static const kith_col cols[] = {
	    {"what", "What", KITH_CELL_TEXT, KITH_COL_WIDE},
	    {"days", "Days", KITH_CELL_DAYS, KITH_COL_RIGHT},
	};
	kith_report *r = kith_report_new("due", D("2026-11-22"));
	kith_section *s =
	    kith_report_section(r, "due", "", KITH_SECTION_TABLE, cols, 2);
	kith_cell *c = kith_section_row(r, s);
	kith_cell_text(r, &c[0], "Send the RFC draft to Alice");
	kith_cell_days(&c[1], -2);
	c = kith_section_row(r, s);
	kith_cell_text(r, &c[0], "日本語の長いタイトルです");
	kith_cell_days(&c[1], 5);
	assert_render(KITH_FMT_TEXT, r, 0, 20,
	              "What            Days\n"
	              "Send the RFC…    -2d\n"
	              "日本語の長い…     5d\n");
	/* Unlimited width: nothing is cut. */
	assert_render(KITH_FMT_TEXT, r, 0, 0,
	              "What                         Days\n"
	              "Send the RFC draft to Alice   -2d\n"
	              "日本語の長いタイトルです       5d\n");
	kith_report_free(r);
}

Test(render, text_fit_shrinks_wide_columns_in_proportion)
{
	static const kith_col cols[] = {
	    {"what", "What", KITH_CELL_TEXT, KITH_COL_WIDE},
	    {"who", "Who", KITH_CELL_TEXT, 0},
	    {"why", "Why", KITH_CELL_TEXT, KITH_COL_WIDE},
	};
	kith_report *r = kith_report_new("due", D("2026-11-22"));
	kith_section *s =
	    kith_report_section(r, "due", "", KITH_SECTION_TABLE, cols, 3);
	kith_cell *c = kith_section_row(r, s);
	/* What 61, Who 6, Why 30 wide: 101 columns with the gaps. */
	kith_cell_text(r, &c[0],
	               "Ask whether the tenant checklist can be "
	               "shared outside Corvid");
	kith_cell_text(r, &c[1], "@alice");
	kith_cell_text(r, &c[2], "coffee 2026-04-22: Coffee with");
	/* 31 too many: What (49 above the minimum of 12) gives up 23, Why
	 * (18 above it) 8; the widest did not simply shrink to the other. */
	assert_render(KITH_FMT_TEXT, r, 0, 70,
	              "What                                    Who     Why\n"
	              "Ask whether the tenant checklist can…   @alice  "
	              "coffee 2026-04-22: Co…\n");
	/* Too narrow for even the minimums (12 each): the table still fits,
	 * the rightmost column goes. */
	assert_render(KITH_FMT_TEXT, r, 0, 20,
	              "What          Who\n"
	              "Ask whether…  @alice\n"
	              "\n"
	              "Not shown at 20\n"
	              "columns: Why. Pipe\n"
	              "the output (| less\n"
	              "-S) to see every\n"
	              "column.\n");
	kith_report_free(r);
}

Test(render, text_neutralises_control_characters)
{
	static const kith_col cols[] = {{"t", "T", KITH_CELL_TEXT, 0}};
	kith_report *r = kith_report_new("log", D("2026-11-22"));
	r->title = "Log\nwith\tbreaks";
	kith_report_fact(r, "owner", "Sam\x1b[2J");
	kith_section *s =
	    kith_report_section(r, "log", "Log", KITH_SECTION_TABLE, cols, 1);
	kith_cell *c = kith_section_row(r, s);
	kith_cell_text(r, &c[0],
	               "a\x1b[31mb\xC2\x9B"
	               "c\xFF");
	assert_render(KITH_FMT_TEXT, r, 0, 0,
	              "Log with breaks\n"
	              "owner: Sam\\x1b[2J\n"
	              "\n"
	              "T\n"
	              "a\\x1b[31mb<U+009B>c\\xff\n");
	kith_report_free(r);
}

Test(render, text_empty_table_and_hidden_machine_columns)
{
	static const kith_col cols[] = {
	    {"uid", "UID", KITH_CELL_TEXT, KITH_COL_MACHINE},
	    {"who", "Who", KITH_CELL_TEXT, 0},
	    {"note", "Note", KITH_CELL_TEXT, 0},
	};
	kith_report *r = kith_report_new("due", D("2026-11-22"));
	r->title = "Due";
	kith_section *s =
	    kith_report_section(r, "a", "Open", KITH_SECTION_TABLE, cols, 3);
	kith_cell *c = kith_section_row(r, s);
	kith_cell_text(r, &c[0], "uid-secret");
	kith_cell_text(r, &c[1], "Bob");
	/* An empty last cell leaves no trailing spaces. */
	s = kith_report_section(r, "b", "Events", KITH_SECTION_TABLE, cols, 3);
	s->empty = "Nothing planned.";
	assert_render(KITH_FMT_TEXT, r, 0, 0,
	              "Due\n"
	              "\n"
	              "Open\n"
	              "Who  Note\n"
	              "Bob\n"
	              "\n"
	              "Events\n"
	              "Nothing planned.\n");
	kith_report_free(r);
}

Test(render, md_escapes_pipes_and_newlines)
{
	static const kith_col cols[] = {
	    {"a", "A|1", KITH_CELL_TEXT, 0},
	    {"id", "ID", KITH_CELL_TEXT, KITH_COL_MACHINE},
	    {"n", "N", KITH_CELL_INT, KITH_COL_RIGHT},
	};
	kith_report *r = kith_report_new("log", D("2026-11-22"));
	r->title = "Pipes";
	kith_section *s =
	    kith_report_section(r, "t", "T|able", KITH_SECTION_TABLE, cols, 3);
	kith_cell *c = kith_section_row(r, s);
	kith_cell_text(r, &c[0], "  a|b\r\nc  ");
	kith_cell_text(r, &c[1], "uid-1");
	kith_cell_int(&c[2], 5);
	c = kith_section_row(r, s);
	kith_cell_int(&c[2], 6);
	assert_render(KITH_FMT_MD, r, 0, 0,
	              "# Pipes\n"
	              "\n"
	              "## T\\|able\n"
	              "\n"
	              "| A\\|1 | N |\n"
	              "| --- | ---: |\n"
	              "| a\\|b<br>c | 5 |\n"
	              "|  | 6 |\n");
	kith_report_free(r);
}

Test(render, json_escapes_strings)
{
	kith_report *r = kith_report_new("log", KITH_NO_DAY);
	r->title = "Say \"hi\"\\ \x01\x1f\t\n é 日本 \xff!";
	kith_report_fact(r, "Open items", "1");
	kith_report_fact(r, "open items", "2");
	kith_report_fact(r, "Period", "</script>");
	assert_render(KITH_FMT_JSON, r, 0, 0,
	              "{\n"
	              "  \"kith_json\": 1,\n"
	              "  \"command\": \"log\",\n"
	              "  \"title\": \"Say \\\"hi\\\"\\\\ \\u0001\\u001f\\t\\n"
	              " é 日本 \\ufffd!\",\n"
	              "  \"as_of\": null,\n"
	              "  \"period\": null,\n"
	              "  \"facts\": {\n"
	              "    \"open_items\": \"1\",\n"
	              "    \"open_items_2\": \"2\",\n"
	              "    \"period\": \"</script>\"\n"
	              "  },\n"
	              "  \"sections\": []\n"
	              "}\n");
	kith_report_free(r);
}

Test(render, json_values_by_cell_type)
{
	static const kith_col cols[] = {
	    {"p", "P", KITH_CELL_PCT, 0},  {"x", "X", KITH_CELL_NUM, 0},
	    {"e", "E", KITH_CELL_TEXT, 0}, {"b", "B", KITH_CELL_BOOL, 0},
	    {"d", "D", KITH_CELL_DAYS, 0},
	};
	kith_report *r = kith_report_new("goals", D("2026-11-22"));
	r->from = D("2026-11-01");
	kith_section *s =
	    kith_report_section(r, "g", "G", KITH_SECTION_TABLE, cols, 5);
	kith_cell *c = kith_section_row(r, s);
	kith_cell_pct(&c[0], 83.333);
	kith_cell_num(&c[1], NAN);
	kith_cell_bool(&c[3], 1);
	kith_cell_days(&c[4], -3);
	char *got = render(KITH_FMT_JSON, r, 0, 0);
	cr_assert_not_null(strstr(got, "  \"period\": {\n"
	                               "    \"from\": \"2026-11-01\",\n"
	                               "    \"to\": null\n"
	                               "  },\n"));
	cr_assert_not_null(strstr(got, "        {\n"
	                               "          \"p\": 83,\n"
	                               "          \"x\": null,\n"
	                               "          \"e\": null,\n"
	                               "          \"b\": true,\n"
	                               "          \"d\": -3\n"
	                               "        }\n"),
	                   "%s", got);
	free(got);
	kith_report_free(r);
}

Test(render, csv_single_table_quoting)
{
	static const kith_col cols[] = {
	    {"who", "Who", KITH_CELL_TEXT, 0},
	    {"note", "Note", KITH_CELL_TEXT, KITH_COL_NOTES},
	    {"pct", "Done", KITH_CELL_PCT, KITH_COL_RIGHT},
	    {"d", "Date", KITH_CELL_DATE, 0},
	    {"e", "Empty", KITH_CELL_BOOL, 0},
	    {"uid", "UID", KITH_CELL_TEXT, KITH_COL_MACHINE},
	};
	kith_report *r = kith_report_new("log", D("2026-11-22"));
	r->title = "Log";
	kith_report_fact(r, "period", "2026-11");
	kith_section *s = kith_report_section(r, "intro", "Intro",
	                                      KITH_SECTION_TEXT, NULL, 0);
	s->text = "Not in csv.";
	s = kith_report_section(r, "log", "Log", KITH_SECTION_TABLE, cols, 6);
	kith_cell *c = kith_section_row(r, s);
	kith_cell_text(r, &c[0], "Chen, Alice");
	kith_cell_text(r, &c[1], "She said \"hi\"\nthen left");
	kith_cell_pct(&c[2], 83.33);
	kith_cell_date(&c[3], D("2026-11-03"));
	kith_cell_text(r, &c[5], "u1");
	c = kith_section_row(r, s);
	kith_cell_text(r, &c[0], "a\rb");
	kith_cell_text(r, &c[1], "plain");
	kith_cell_pct(&c[2], 100);
	kith_cell_bool(&c[4], 0);
	kith_cell_text(r, &c[5], "u2");
	assert_render(KITH_FMT_CSV, r, 0, 0,
	              "who,note,pct,d,e,uid\r\n"
	              "\"Chen, Alice\",\"She said \"\"hi\"\"\nthen left\","
	              "83,2026-11-03,,u1\r\n"
	              "\"a\rb\",plain,100,,false,u2\r\n");
	kith_report_free(r);
}

/* One rate prints one way: the whole percent text shows is the number
 * json and csv carry, for every value (half away from zero). */
Test(render, rates_print_one_way_in_every_format)
{
	static const kith_col cols[] = {{"rate", "Rate", KITH_CELL_PCT, 0}};
	static const double vals[] = {32.258, 32.5, 99.5, 0.4, 66.667, 100};
	static const char *const want[] = {"32", "33", "100", "0", "67", "100"};
	for (size_t i = 0; i < KITH_ARRAY_LEN(vals); i++) {
		kith_report *r = kith_report_new("goals", D("2026-11-22"));
		kith_section *s = kith_report_section(
		    r, "g", "G", KITH_SECTION_TABLE, cols, 1);
		kith_cell *c = kith_section_row(r, s);
		kith_cell_pct(&c[0], vals[i]);
		char pct[16], num[32], row[32];
		snprintf(pct, sizeof pct, "%s%%", want[i]);
		snprintf(num, sizeof num, "\"rate\": %s\n", want[i]);
		snprintf(row, sizeof row, "\n%s\r\n", want[i]);
		char *t = fmt(&c[0]);
		cr_assert_str_eq(t, pct);
		free(t);
		const kith_format human[] = {KITH_FMT_TEXT, KITH_FMT_MD,
		                             KITH_FMT_HTML};
		for (size_t f = 0; f < KITH_ARRAY_LEN(human); f++) {
			t = render(human[f], r, 0, 0);
			char cell[24];
			snprintf(cell, sizeof cell,
			         human[f] == KITH_FMT_HTML ? ">%s<"
			         : human[f] == KITH_FMT_MD ? "| %s |"
			                                   : "\n%s\n",
			         pct);
			cr_assert_not_null(strstr(t, cell), "%s: %s",
			                   kith_format_names[human[f]], t);
			free(t);
		}
		t = render(KITH_FMT_JSON, r, 0, 0);
		cr_assert_not_null(strstr(t, num), "json: %s", t);
		free(t);
		t = render(KITH_FMT_CSV, r, 0, 0);
		cr_assert_not_null(strstr(t, row), "csv: %s", t);
		free(t);
		kith_report_free(r);
	}
}

Test(render, csv_without_tables_is_empty)
{
	kith_report *r = kith_report_new("stats", D("2026-11-22"));
	r->title = "Stats";
	kith_report_fact(r, "files", "3");
	assert_render(KITH_FMT_CSV, r, 0, 0, "");
	kith_report_free(r);
}

Test(render, empty_sections_leave_no_blank_lines)
{
	static const kith_col cols[] = {{"t", "T", KITH_CELL_TEXT, 0}};
	kith_report *r = kith_report_new("report", D("2026-11-22"));
	r->title = "Report";
	kith_report_section(r, "blank", "", KITH_SECTION_TEXT, NULL, 0);
	kith_section *s =
	    kith_report_section(r, "a", "A", KITH_SECTION_TABLE, cols, 1);
	kith_cell_text(r, kith_section_row(r, s), "x");
	s = kith_report_section(r, "f", "", KITH_SECTION_FACTS, NULL, 0);
	kith_section_row(r, s);
	s = kith_report_section(r, "n", "Notes", KITH_SECTION_TEXT, NULL, 0);
	s->text = "\n\n  First line  \nsecond\n\n";
	assert_render(KITH_FMT_TEXT, r, 0, 0,
	              "Report\n"
	              "\n"
	              "A\n"
	              "T\n"
	              "x\n"
	              "\n"
	              "Notes\n"
	              "  First line\n"
	              "second\n");
	assert_render(KITH_FMT_MD, r, 0, 0,
	              "# Report\n"
	              "\n"
	              "## A\n"
	              "\n"
	              "| T |\n"
	              "| --- |\n"
	              "| x |\n"
	              "\n"
	              "## Notes\n"
	              "\n"
	              "  First line\n"
	              "second\n");
	kith_report_free(r);
}

/* The goals matrix: a long-form section becomes one row per metric and one
 * column per bucket, oldest first whatever the row order; at a narrow
 * width the oldest buckets go first and the text says how many. */
static const kith_col matrix_cols[] = {
    {"goal", "Goal", KITH_CELL_TEXT, 0},
    {"metric", "Metric", KITH_CELL_TEXT, 0},
    {"bucket", "Bucket", KITH_CELL_TEXT, 0},
    {"from", "From", KITH_CELL_DATE, KITH_COL_MACHINE},
    {"actual", "Actual", KITH_CELL_NUM, KITH_COL_RIGHT},
    {"target", "Target", KITH_CELL_NUM, KITH_COL_RIGHT},
    {"status", "Status", KITH_CELL_TEXT, 0},
};

static void matrix_row(kith_report *r, kith_section *s, const char *metric,
                       const char *bucket, const char *from, double a, double t,
                       const char *st, kith_style style)
{
	kith_cell *c = kith_section_row(r, s);
	kith_cell_text(r, &c[0], "grow");
	kith_cell_text(r, &c[1], metric);
	kith_cell_text(r, &c[2], bucket);
	kith_cell_date(&c[3], D(from));
	kith_cell_num(&c[4], a);
	kith_cell_num(&c[5], t);
	kith_cell_text(r, &c[6], st);
	c[6].style = style;
}

static kith_report *matrix_report(void)
{
	kith_report *r = kith_report_new("goals", D("2026-11-22"));
	kith_section *s = kith_report_section(r, "matrix", "Goals per month",
	                                      KITH_SECTION_TABLE, matrix_cols,
	                                      KITH_ARRAY_LEN(matrix_cols));
	s->chart = KITH_CHART_MATRIX;
	matrix_row(r, s, "chats", "2026-10", "2026-10-01", 1, 3, "missed",
	           KITH_STYLE_BAD);
	matrix_row(r, s, "chats", "2026-09", "2026-09-01", 3, 3, "met",
	           KITH_STYLE_GOOD);
	matrix_row(r, s, "chats", "2026-11", "2026-11-01", 2, 3, "behind",
	           KITH_STYLE_BAD);
	matrix_row(r, s, "people", "2026-11", "2026-11-01", 1, 1, "met",
	           KITH_STYLE_GOOD);
	return r;
}

Test(render, matrix_pivots_long_rows_into_bucket_columns)
{
	kith_report *r = matrix_report();
	kith_buf out = {0};
	kith_render_opts o = {0};
	cr_assert_eq(kith_render_text(r, &o, &out), 0);
	cr_assert_str_eq(kith_buf_cstr(&out),
	                 "Goals per month\n"
	                 "Goal  Metric  2026-09  2026-10  2026-11\n"
	                 "grow  chats     3/3 \xE2\x9C\x93    1/3 "
	                 "\xE2\x9C\x97    2/3 !\n"
	                 "grow  people                      1/1 "
	                 "\xE2\x9C\x93\n"
	                 "Each cell: actual/target; \xE2\x9C\x93 met, ! "
	                 "behind, \xE2\x9C\x97 missed.\n");
	/* 25 columns: only November fits beside the labels. */
	out.n = 0;
	o.width = 25;
	kith_render_text(r, &o, &out);
	cr_assert(strstr(kith_buf_cstr(&out), "Goal  Metric  2026-11\n"
	                                      "grow  chats     2/3 !\n"),
	          "%s", out.p);
	/* the note under it wraps at the width */
	cr_assert(strstr(out.p, "missed. The 2 oldest\n"
	                        "buckets are left out to\n"
	                        "fit the width.\n"),
	          "%s", out.p);
	/* csv keeps the long form, one row per metric and bucket. */
	out.n = 0;
	kith_render_csv(r, &o, &out);
	cr_assert(strstr(kith_buf_cstr(&out),
	                 "grow,chats,2026-10,2026-10-01,1,3,missed\r\n"));
	/* html: a heat map whose cells carry the status class. */
	out.n = 0;
	kith_render_html(r, &o, &out);
	cr_assert(strstr(kith_buf_cstr(&out), "<div class=\"heat\">"));
	cr_assert(strstr(out.p, "<td class=\"num bad\" data-label=\"2026-10\">"
	                        "1/3 \xE2\x9C\x97</td>"));
	kith_buf_free(&out);
	kith_report_free(r);
}

/* The table description decides how a table gives way on a terminal: the
 * highest drop rank shrinks first and goes first, the MAIN column keeps
 * 24, a column without a rank never goes. */
static kith_report *fit_report(void)
{
	static const kith_col cols[] = {
	    {"id", "ID", KITH_CELL_TEXT, 0},
	    {"what", "What", KITH_CELL_TEXT, KITH_COL_WIDE | KITH_COL_MAIN},
	    {"who", "Who", KITH_CELL_TEXT, KITH_COL_WIDE | KITH_COL_DROP_AT(1)},
	    {"why", "Why", KITH_CELL_TEXT, KITH_COL_WIDE | KITH_COL_DROP_AT(2)},
	};
	kith_report *r = kith_report_new("due", D("2026-11-22"));
	kith_section *s =
	    kith_report_section(r, "due", "", KITH_SECTION_TABLE, cols, 4);
	kith_cell *c = kith_section_row(r, s);
	kith_cell_text(r, &c[0], "abcd");
	kith_cell_text(r, &c[1], "Send the quarterly platform review notes");
	kith_cell_text(r, &c[2], "@alice, @bob");
	kith_cell_text(r, &c[3], "coffee 2026-11-10 notes");
	return r;
}

Test(render, text_fit_by_rank)
{
	kith_report *r = fit_report();
	/* 85 wide in full: piped (no width) and wide enough, all of it. */
	assert_render(KITH_FMT_TEXT, r, 0, 0,
	              "ID    What                                      Who    "
	              "       Why\n"
	              "abcd  Send the quarterly platform review notes  "
	              "@alice, @bob  coffee 2026-11-10 notes\n");
	/* 70: Why (rank 2) shrinks first, to its minimum of 12, then What
	 * gives the rest; Who (rank 1) is at its natural width. */
	assert_render(KITH_FMT_TEXT, r, 0, 70,
	              "ID    What                                  Who         "
	              "  Why\n"
	              "abcd  Send the quarterly platform review…   @alice, @bob"
	              "  coffee 2026…\n");
	/* 50: the minimums (58) do not fit, so Why goes, then What shrinks. */
	assert_render(KITH_FMT_TEXT, r, 0, 50,
	              "ID    What                            Who\n"
	              "abcd  Send the quarterly platform r…  @alice, @bob\n"
	              "\n"
	              "Not shown at 50 columns: Why. Pipe the output (|\n"
	              "less -S) to see every column.\n");
	/* 40: Who goes too; What keeps far more than its 24. The last line
	 * names what was left out, wrapped at the width. */
	assert_render(KITH_FMT_TEXT, r, 0, 40,
	              "ID    What\n"
	              "abcd  Send the quarterly platform revie…\n"
	              "\n"
	              "Not shown at 40 columns: Who, Why. Pipe\n"
	              "the output (| less -S) to see every\n"
	              "column.\n");
	kith_report_free(r);
}

Test(render, text_fit_min_width)
{
	static const kith_col cols[] = {
	    {"what", "What", KITH_CELL_TEXT, KITH_COL_WIDE | KITH_COL_MAIN},
	    {"note", "Note", KITH_CELL_TEXT,
	     KITH_COL_WIDE | KITH_COL_MIN(20) | KITH_COL_DROP_AT(1)},
	};
	kith_report *r = kith_report_new("log", D("2026-11-22"));
	kith_section *s =
	    kith_report_section(r, "log", "", KITH_SECTION_TABLE, cols, 2);
	kith_cell *c = kith_section_row(r, s);
	kith_cell_text(r, &c[0], "Send the quarterly platform review notes");
	kith_cell_text(r, &c[1], "coffee 2026-11-10 notes and more words");
	/* Note shrinks to its own minimum of 20, not 12. */
	assert_render(KITH_FMT_TEXT, r, 0, 62,
	              "What                                      Note\n"
	              "Send the quarterly platform review notes  coffee "
	              "2026-11-10 n…\n");
	/* 24 + 2 + 20 = 46 do not fit 45: Note goes, What keeps it all. */
	assert_render(KITH_FMT_TEXT, r, 0, 45,
	              "What\n"
	              "Send the quarterly platform review notes\n"
	              "\n"
	              "Not shown at 45 columns: Note. Pipe the\n"
	              "output (| less -S) to see every column.\n");
	kith_report_free(r);
}

/* due's groups: runs of the group column under "Title (count)", the
 * column itself left out, one set of widths for every group; a GROUP
 * column (named by the heading) is left out too. */
Test(render, text_groups_and_group_columns)
{
	static const kith_col cols[] = {
	    {"goal", "Goal", KITH_CELL_TEXT, KITH_COL_GROUP},
	    {"state", "State", KITH_CELL_TEXT, 0},
	    {"what", "What", KITH_CELL_TEXT, 0},
	};
	static const char *const titles[] = {"overdue", "Overdue", "due",
	                                     "Today", NULL};
	static const char *const rows[][3] = {{"g", "overdue", "Send CV"},
	                                      {"g", "overdue", "Thank Dee"},
	                                      {"g", "due", "Call Ana"},
	                                      {"g", "later", "Book hotel"}};
	kith_report *r = kith_report_new("due", D("2026-11-22"));
	r->title = "Due as of 2026-11-22";
	kith_report_fact(r, "as of", "2026-11-22");
	kith_report_fact(r, "window", "14d");
	kith_report_fact(r, "open", "4");
	kith_section *s =
	    kith_report_section(r, "items", "Due", KITH_SECTION_TABLE, cols, 3);
	s->group = "state";
	s->group_titles = titles;
	for (size_t i = 0; i < KITH_ARRAY_LEN(rows); i++) {
		kith_cell *c = kith_section_row(r, s);
		for (int k = 0; k < 3; k++)
			kith_cell_text(r, &c[k], rows[i][k]);
	}
	/* One header line: the title, the window (as of is in the title
	 * already); the section's heading "Due" would say it again. */
	assert_render(KITH_FMT_TEXT, r, 0, 0,
	              "Due as of 2026-11-22 \xC2\xB7 window 14d\n"
	              "open: 4\n"
	              "\n"
	              "Overdue (2)\n"
	              "What\n"
	              "Send CV\n"
	              "Thank Dee\n"
	              "\n"
	              "Today (1)\n"
	              "What\n"
	              "Call Ana\n"
	              "\n"
	              "later (1)\n"
	              "What\n"
	              "Book hotel\n");
	/* md leaves the GROUP column out too, and keeps one table. */
	char *md = render(KITH_FMT_MD, r, 0, 0);
	cr_assert(strstr(md, "| State | What |\n"), "%s", md);
	free(md);
	/* csv keeps every column and one list. */
	char *csv = render(KITH_FMT_CSV, r, 0, 0);
	cr_assert(strstr(csv, "goal,state,what\r\ng,overdue,Send CV\r\n"), "%s",
	          csv);
	free(csv);
	kith_report_free(r);
}

/* Facts, headings and notes wrap at the width, under their first line
 * (the only section's heading is left out: the title says what it is). */
Test(render, text_wraps_facts_headings_and_notes)
{
	kith_report *r = kith_report_new("goals", D("2026-11-22"));
	r->title = "Goals as of 2026-11-22";
	kith_report_fact(r, "why",
	                 "A staff platform role next year, with a talk "
	                 "record to show for it");
	kith_section *s =
	    kith_report_section(r, "n", "Notes", KITH_SECTION_TEXT, NULL, 0);
	s->text = "- Prefers a short agenda sent the day before the call.";
	assert_render(KITH_FMT_TEXT, r, 0, 30,
	              "Goals as of 2026-11-22\n"
	              "why: A staff platform role\n"
	              "     next year, with a talk\n"
	              "     record to show for it\n"
	              "\n"
	              "- Prefers a short agenda sent\n"
	              "  the day before the call.\n");
	/* a word longer than a line is cut where the line ends */
	r->title = "Averyveryverylongwordthatdoesnotfit here";
	char *got = render(KITH_FMT_TEXT, r, 0, 30);
	cr_assert(!strncmp(got,
	                   "Averyveryverylongwordthatdoesn\n"
	                   "otfit here\n",
	                   41),
	          "%s", got);
	free(got);
	kith_report_free(r);
}

/* The header line breaks between its parts on a narrow terminal. */
Test(render, text_header_breaks_between_parts)
{
	kith_report *r = kith_report_new("report", D("2026-11-22"));
	r->title = "Progress report 2026-11";
	kith_report_fact(r, "period", "2026-11-01..2026-11-30");
	kith_report_fact(r, "as of", "2026-11-22");
	kith_report_fact(r, "owner", "Sam");
	assert_render(KITH_FMT_TEXT, r, 0, 0,
	              "Progress report 2026-11 \xC2\xB7 period "
	              "2026-11-01..2026-11-30 \xC2\xB7 as of 2026-11-22\n"
	              "owner: Sam\n");
	assert_render(KITH_FMT_TEXT, r, 0, 60,
	              "Progress report 2026-11 \xC2\xB7 period "
	              "2026-11-01..2026-11-30\n"
	              "as of 2026-11-22\n"
	              "owner: Sam\n");
	kith_report_free(r);
}

/* Rows made when read whose maker gives the text renderer the widths of
 * some columns (kith_rows_fill.widths): those columns' made cells are
 * read once (to print them), the others twice (measured, printed), and
 * the output is the same as when every column is measured. */
typedef struct {
	kith_rows_fill fill; /* first */
	uint32_t widths[2];
	unsigned reads[2];
} width_maker;

static const char *const made_names[] = {"Alice", "Bob", "Chen Yu-ting"};
static const char *const made_notes[] = {"call", "café", "long lunch"};

static void width_make(kith_rows_fill *f, uint32_t k, uint32_t col, kith_row w)
{
	width_maker *m = (width_maker *)f;
	m->reads[col]++;
	kith_row_text_ref(w, col, col ? made_notes[k] : made_names[k]);
}

static char *made_table(const uint32_t *widths, unsigned *reads)
{
	static const kith_col cols[] = {
	    {"who", "Who", KITH_CELL_TEXT, 0},
	    {"note", "Note", KITH_CELL_TEXT, 0},
	};
	kith_report *r = kith_report_new("t", D("2026-11-22"));
	r->title = "T";
	kith_section *s = kith_report_section(r, "people", "People",
	                                      KITH_SECTION_TABLE, cols, 2);
	kith_cell *c = kith_section_row(r, s); /* a held row, measured */
	kith_cell_text(r, &c[0], "Dana");
	kith_cell_text(r, &c[1], "x");
	width_maker *m = kith_arena_alloc(r->arena, sizeof(*m));
	memset(m, 0, sizeof(*m));
	m->fill.make_cell = width_make;
	if (widths) {
		memcpy(m->widths, widths, sizeof(m->widths));
		m->fill.widths = m->widths;
	}
	kith_section_fill(r, s, &m->fill, 3);
	char *got = render(KITH_FMT_TEXT, r, 0, 0);
	memcpy(reads, m->reads, sizeof(m->reads));
	kith_report_free(r);
	return got;
}

Test(render, text_takes_made_rows_widths_from_their_maker)
{
	static const char want[] = "T\n"
	                           "\n"
	                           "Who           Note\n"
	                           "Dana          x\n"
	                           "Alice         call\n"
	                           "Bob           café\n"
	                           "Chen Yu-ting  long lunch\n";
	unsigned reads[2];
	char *all = made_table(NULL, reads);
	cr_assert_str_eq(all, want, "%s", all);
	cr_assert_eq(reads[0], 6); /* measured and printed */
	cr_assert_eq(reads[1], 6);
	/* the names' width is given, the notes' (not ASCII) measured */
	static const uint32_t given[] = {12, KITH_WIDTH_UNKNOWN};
	char *some = made_table(given, reads);
	cr_assert_str_eq(some, want, "%s", some);
	cr_assert_eq(reads[0], 3); /* printed only */
	cr_assert_eq(reads[1], 6);
	free(all);
	free(some);
}
