/* The journal's diagnostics as LSP Diagnostic objects: severity, the
 * stable code, the range in UTF-16 columns, the help line, and related
 * locations read from the notes ("first defined at FILE:LINE:COL", the
 * include chain) and from did-you-mean hints ("(contacts.yaml:2)"). */
#include <string.h>

#include "lsp/lsp.h"

static int severity(kith_severity sev)
{
	return sev == KITH_SEV_ERROR ? 1 : sev == KITH_SEV_WARNING ? 2 : 3;
}

/* The journal file whose shown path is [p, p+n), or KITH_NONE. */
static uint32_t file_named(const kith_journal *j, const char *p, size_t n)
{
	uint32_t i;
	for (i = 0; i < j->files.n; i++)
		if (strlen(j->files.v[i].display) == n &&
		    !memcmp(j->files.v[i].display, p, n))
			return i;
	return KITH_NONE;
}

static int is_path_char(int c)
{
	return c && c != ' ' && c != '\'' && c != '(' && c != '"' &&
	       c != '\n' && c != ',';
}

/* Appends a related location for each FILE:LINE[:COL] in text, the whole
 * line of text as its message. */
static void related_from(kith_lsp *s, const char *text, json_t *out)
{
	const char *p = text;

	while (p && *p) {
		const char *c = strchr(p, ':');
		const char *a, *eol;
		unsigned line = 0, col = 0;
		uint32_t f;

		if (!c)
			break;
		a = c;
		while (a > text && is_path_char(a[-1]))
			a--;
		if (c[1] < '0' || c[1] > '9' || a == c) {
			p = c + 1;
			continue;
		}
		sscanf(c + 1, "%u:%u", &line, &col);
		f = file_named(s->j, a, (size_t)(c - a));
		p = c + 1;
		if (f == KITH_NONE || !line)
			continue;
		{
			const char *ls = text, *q;
			for (q = text; q < a; q++)
				if (*q == '\n')
					ls = q + 1;
			eol = strchr(a, '\n');
			kith_pos pos = {f, line, col ? col : 1};
			json_t *loc = kith_lsp_location(s, pos, col ? 1 : 0);
			json_array_append_new(
			    out,
			    json_pack("{s:o,s:s%}", "location", loc, "message",
			              ls,
			              eol ? (size_t)(eol - ls) : strlen(ls)));
		}
	}
}

/* "... at line N" (a place in the diagnostic's own file). */
static void related_line(kith_lsp *s, const char *text, uint32_t file,
                         json_t *out)
{
	const char *p = text ? strstr(text, "at line ") : NULL;
	unsigned line = 0;

	if (!p || sscanf(p + 8, "%u", &line) != 1 || !line)
		return;
	{
		kith_pos pos = {file, line, 1};
		const char *eol = strchr(text, '\n');
		json_array_append_new(
		    out,
		    json_pack("{s:o,s:s%}", "location",
		              kith_lsp_location(s, pos, 0), "message", text,
		              eol ? (size_t)(eol - text) : strlen(text)));
	}
}

static json_t *one(kith_lsp *s, const kith_diag *g, uint32_t file)
{
	kith_buf msg = {0};
	json_t *rel = json_array(), *d;
	kith_pos pos = g->pos;

	kith_buf_puts(&msg, g->msg);
	if (g->hint)
		kith_buf_printf(&msg, "\nhelp: %s", g->hint);
	if (g->note)
		kith_buf_printf(&msg, "\nnote: %s", g->note);
	if (g->note)
		related_from(s, g->note, rel);
	if (g->hint)
		related_from(s, g->hint, rel);
	if (!json_array_size(rel)) {
		related_line(s, g->hint, file, rel);
		related_line(s, g->note, file, rel);
	}
	pos.file = file;
	d = json_pack("{s:o,s:i,s:s,s:s,s:s}", "range",
	              kith_lsp_range_of(kith_lsp_file_lines(s, file), pos,
	                                g->len ? g->len : 1),
	              "severity", severity(g->sev), "code",
	              kith_code_name(g->code), "source", "kith", "message",
	              kith_buf_cstr(&msg));
	if (json_array_size(rel))
		json_object_set(d, "relatedInformation", rel);
	json_decref(rel);
	kith_buf_free(&msg);
	return d;
}

json_t *kith_lsp_file_diagnostics(kith_lsp *s, uint32_t file)
{
	json_t *arr = json_array();
	uint32_t i;

	for (i = 0; i < s->j->diags.list.n; i++) {
		const kith_diag *g = &s->j->diags.list.v[i];
		uint32_t f = g->pos.file;
		if (f >= s->j->files.n)
			f = 0; /* journal-wide: shown on the root file */
		if (f == file)
			json_array_append_new(arr, one(s, g, file));
	}
	return arr;
}
