/* The json renderer: the report as versioned, documented JSON
 * ("kith_json": 1, see docs/json.md), pretty-printed with keys in a fixed
 * order so that saved output diffs cleanly. */
#include "render/render.h"

#include <math.h>
#include <string.h>

static void str(kith_buf *out, const char *s)
{
	if (!s)
		kith_buf_puts(out, "null");
	else
		kith_json_string(out, s, strlen(s));
}

static void indent(kith_buf *out, int depth)
{
	for (int i = 0; i < depth; i++)
		kith_buf_puts(out, "  ");
}

/* Starts a member: a comma after the previous one, a newline, the indent
 * and the key. */
static void key(kith_buf *out, int depth, int *first, const char *k)
{
	if (!*first)
		kith_buf_putc(out, ',');
	*first = 0;
	kith_buf_putc(out, '\n');
	indent(out, depth);
	str(out, k);
	kith_buf_puts(out, ": ");
}

/* Closes an object or array opened with open; empty ones stay "{}"/"[]". */
static void close_(kith_buf *out, int depth, int first, char c)
{
	if (!first) {
		kith_buf_putc(out, '\n');
		indent(out, depth);
	}
	kith_buf_putc(out, c);
}

/* An array element: comma, newline, indent. */
static void elem(kith_buf *out, int depth, int *first)
{
	if (!*first)
		kith_buf_putc(out, ',');
	*first = 0;
	kith_buf_putc(out, '\n');
	indent(out, depth);
}

static void date(kith_buf *out, kith_day d)
{
	char s[11];
	if (d == KITH_NO_DAY) {
		kith_buf_puts(out, "null");
		return;
	}
	kith_date_fmt(d, s);
	str(out, s);
}

static void cell(kith_buf *out, const kith_cell *c)
{
	switch (c->type) {
	case KITH_CELL_EMPTY:
		kith_buf_puts(out, "null");
		break;
	case KITH_CELL_TEXT:
		str(out, c->s ? c->s : "");
		break;
	case KITH_CELL_INT:
	case KITH_CELL_DAYS:
		kith_buf_printf(out, "%lld", c->i);
		break;
	case KITH_CELL_NUM:
	case KITH_CELL_PCT:
		if (isfinite(c->d))
			(c->type == KITH_CELL_PCT ? kith_pct_fmt
			                          : kith_num_fmt)(c->d, out);
		else
			kith_buf_puts(out, "null");
		break;
	case KITH_CELL_DATE:
		date(out, c->day);
		break;
	case KITH_CELL_BOOL:
		kith_buf_puts(out, c->i ? "true" : "false");
		break;
	}
}

static void columns(kith_buf *out, const kith_section *s, int depth)
{
	int first = 1;
	kith_buf_putc(out, '[');
	for (uint32_t c = 0; c < s->ncols; c++) {
		int f = 1;
		elem(out, depth + 1, &first);
		kith_buf_putc(out, '{');
		key(out, depth + 2, &f, "id");
		str(out, s->cols[c].id);
		key(out, depth + 2, &f, "title");
		str(out, s->cols[c].title);
		key(out, depth + 2, &f, "type");
		str(out, kith_cell_type_name(s->cols[c].type));
		close_(out, depth + 1, f, '}');
	}
	close_(out, depth, first, ']');
}

static void rows(kith_buf *out, const kith_section *s, int depth,
                 const kith_render_opts *o)
{
	int first = 1;
	kith_buf_putc(out, '[');
	for (uint32_t r = 0; r < s->nrows; r++) {
		int f = 1;
		elem(out, depth + 1, &first);
		kith_buf_putc(out, '{');
		for (uint32_t c = 0; c < s->ncols; c++) {
			key(out, depth + 2, &f, s->cols[c].id);
			cell(out, kith_section_cell(s, r, c));
		}
		close_(out, depth + 1, f, '}');
		kith_render_flush(out, o);
	}
	close_(out, depth, first, ']');
}

static void section(kith_buf *out, const kith_section *s, int depth,
                    const kith_render_opts *o)
{
	int f = 1;
	kith_buf_putc(out, '{');
	key(out, depth + 1, &f, "id");
	str(out, s->id);
	key(out, depth + 1, &f, "title");
	str(out, s->title);
	key(out, depth + 1, &f, "kind");
	str(out, kith_section_kind_name(s->kind));
	key(out, depth + 1, &f, "level");
	kith_buf_printf(out, "%d", s->level > 1 ? s->level : 1);
	key(out, depth + 1, &f, "columns");
	columns(out, s, depth + 1);
	key(out, depth + 1, &f, "rows");
	rows(out, s, depth + 1, o);
	key(out, depth + 1, &f, "text");
	str(out, s->text);
	close_(out, depth, f, '}');
}

/* Fact keys come from labels; a repeated label gets "_2", "_3", ... so
 * that keys stay unique. */
static void facts(kith_buf *out, const kith_report *r, int depth)
{
	kith_buf ids = {0}, id = {0};
	int first = 1;
	kith_buf_putc(out, '{');
	for (uint32_t i = 0; i < r->facts.n; i++) {
		id.n = 0;
		kith_fact_id(r->facts.v[i].label, &id);
		size_t base = id.n;
		for (int k = 2;; k++) {
			kith_buf_putc(&id, '\0'); /* ids holds NUL-ended keys */
			int seen = 0;
			for (size_t p = 0; p < ids.n;
			     p += strlen(ids.p + p) + 1)
				if (strcmp(ids.p + p, id.p) == 0)
					seen = 1;
			if (!seen)
				break;
			id.n = base;
			kith_buf_printf(&id, "_%d", k);
		}
		kith_buf_put(&ids, id.p, id.n);
		key(out, depth + 1, &first, id.p);
		str(out, r->facts.v[i].value);
	}
	close_(out, depth, first, '}');
	kith_buf_free(&ids);
	kith_buf_free(&id);
}

int kith_render_json(const kith_report *r, const kith_render_opts *o,
                     kith_buf *out)
{
	int f = 1, sf = 1;
	kith_buf_putc(out, '{');
	key(out, 1, &f, "kith_json");
	kith_buf_putc(out, '1');
	key(out, 1, &f, "command");
	str(out, r->command);
	key(out, 1, &f, "title");
	str(out, r->title);
	key(out, 1, &f, "as_of");
	date(out, r->as_of);
	key(out, 1, &f, "period");
	if (r->from == KITH_NO_DAY && r->to == KITH_NO_DAY) {
		kith_buf_puts(out, "null");
	} else {
		int pf = 1;
		kith_buf_putc(out, '{');
		key(out, 2, &pf, "from");
		date(out, r->from);
		key(out, 2, &pf, "to");
		date(out, r->to);
		close_(out, 1, pf, '}');
	}
	key(out, 1, &f, "facts");
	facts(out, r, 1);
	key(out, 1, &f, "sections");
	kith_buf_putc(out, '[');
	for (uint32_t i = 0; i < r->sections.n; i++) {
		elem(out, 2, &sf);
		section(out, &r->sections.v[i], 2, o);
	}
	close_(out, 1, sf, ']');
	close_(out, 0, f, '}');
	kith_buf_putc(out, '\n');
	return 0;
}
