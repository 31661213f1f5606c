/* The renderer dispatch table, format names and the small helpers every
 * renderer shares. */
#include "render/render.h"

#include <string.h>

/* The format registry: one row per KITH_FMT_*, in enum order. The rows
 * are positional and the arrays unsized, so a format without its row is
 * a build error (the assertions), not a NULL to call. */
const kith_renderer kith_renderers[] = {
    /* KITH_FMT_TEXT */ kith_render_text,
    /* KITH_FMT_MD */ kith_render_md,
    /* KITH_FMT_HTML */ kith_render_html,
    /* KITH_FMT_JSON */ kith_render_json,
    /* KITH_FMT_CSV */ kith_render_csv,
    /* KITH_FMT_ICS */ kith_render_ics,
    /* KITH_FMT_EML */ kith_render_eml,
};
_Static_assert(sizeof kith_renderers / sizeof kith_renderers[0] ==
                   KITH_FMT__COUNT,
               "a renderer for every KITH_FMT_*");

const char *const kith_format_names[] = {
    /* KITH_FMT_TEXT */ "text",
    /* KITH_FMT_MD */ "md",
    /* KITH_FMT_HTML */ "html",
    /* KITH_FMT_JSON */ "json",
    /* KITH_FMT_CSV */ "csv",
    /* KITH_FMT_ICS */ "ics",
    /* KITH_FMT_EML */ "eml",
};
_Static_assert(sizeof kith_format_names / sizeof kith_format_names[0] ==
                   KITH_FMT__COUNT,
               "a name for every KITH_FMT_*");

int kith_format_parse(const char *name)
{
	if (!name)
		return -1;
	for (int i = 0; i < KITH_FMT__COUNT; i++)
		if (strcmp(name, kith_format_names[i]) == 0)
			return i;
	return -1;
}

static int ext_is(const char *ext, const char *want)
{
	for (; *ext && *want; ext++, want++) {
		int c = (unsigned char)*ext;
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c != *want)
			return 0;
	}
	return *ext == *want;
}

int kith_format_from_path(const char *path)
{
	static const struct {
		const char *ext;
		kith_format fmt;
	} exts[] = {
	    {"txt", KITH_FMT_TEXT},  {"md", KITH_FMT_MD},
	    {"html", KITH_FMT_HTML}, {"htm", KITH_FMT_HTML},
	    {"json", KITH_FMT_JSON}, {"csv", KITH_FMT_CSV},
	    {"ics", KITH_FMT_ICS},   {"eml", KITH_FMT_EML},
	};
	if (!path)
		return -1;
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	const char *dot = strrchr(base, '.');
	/* A leading dot names a hidden file, not an extension. */
	if (!dot || dot == base)
		return -1;
	for (size_t i = 0; i < KITH_ARRAY_LEN(exts); i++)
		if (ext_is(dot + 1, exts[i].ext))
			return (int)exts[i].fmt;
	return -1;
}

const char *kith_cell_type_name(kith_cell_type t)
{
	static const char *const names[] = {
	    [KITH_CELL_EMPTY] = "empty", [KITH_CELL_TEXT] = "text",
	    [KITH_CELL_INT] = "int",     [KITH_CELL_NUM] = "num",
	    [KITH_CELL_PCT] = "pct",     [KITH_CELL_DATE] = "date",
	    [KITH_CELL_DAYS] = "days",   [KITH_CELL_BOOL] = "bool",
	};
	if ((unsigned)t >= KITH_ARRAY_LEN(names))
		return "text";
	return names[t];
}

const char *kith_style_name(kith_style s)
{
	static const char *const names[] = {
	    [KITH_STYLE_NONE] = "",   [KITH_STYLE_GOOD] = "good",
	    [KITH_STYLE_OK] = "ok",   [KITH_STYLE_WARN] = "warn",
	    [KITH_STYLE_BAD] = "bad", [KITH_STYLE_DIM] = "dim",
	};
	if ((unsigned)s >= KITH_ARRAY_LEN(names))
		return "";
	return names[s];
}

const char *kith_section_kind_name(kith_section_kind k)
{
	switch (k) {
	case KITH_SECTION_FACTS:
		return "facts";
	case KITH_SECTION_TEXT:
		return "text";
	case KITH_SECTION_TABLE:
		break;
	}
	return "table";
}

void kith_fact_id(const char *label, kith_buf *out)
{
	for (const char *p = label; *p; p++) {
		int c = (unsigned char)*p;
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		else if (c == ' ')
			c = '_';
		kith_buf_putc(out, c);
	}
}

int kith_col_shown(const kith_col *c)
{
	return !(c->flags & (KITH_COL_MACHINE | KITH_COL_GROUP));
}

void kith_render_flush(kith_buf *out, const kith_render_opts *o)
{
	if (o && o->flush && out->n >= ((size_t)1 << 16))
		o->flush(o->flush_ctx, out);
}

/* ---- task lines of notes (docs/html.md, "Task lines in notes") ---- */

static int note_blank(char c)
{
	return c == ' ' || c == '\t';
}

int kith_note_cut(const char *s, size_t n, const char *cut, size_t *a,
                  size_t *b)
{
	size_t k = strlen(cut);
	if (!k || k > n)
		return 0;
	for (size_t i = 0; i + k <= n; i++) {
		if (memcmp(s + i, cut, k) != 0 ||
		    (i > 0 && !note_blank(s[i - 1])) ||
		    (i + k < n && !note_blank(s[i + k])))
			continue;
		size_t x = i, y = i + k;
		while (x > 0 && note_blank(s[x - 1]))
			x--;
		/* the blanks on both sides go: the caller puts one back
		 * between what stays on either side */
		while (y < n && note_blank(s[y]))
			y++;
		*a = x;
		*b = y;
		return 1;
	}
	return 0;
}

void kith_note_task_date(kith_buf *out, const kith_note_task *t)
{
	static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr",
	                                  "May", "Jun", "Jul", "Aug",
	                                  "Sep", "Oct", "Nov", "Dec"};
	int y, m, d;
	kith_day_to_ymd(t->day, &y, &m, &d);
	kith_buf_printf(out, "%s %d %s %d", t->done ? "done" : "due", d,
	                mon[(m + 11) % 12], y);
}
