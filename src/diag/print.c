/* Printing diagnostics: GCC-order first line with the source excerpt and
 * carets (human), one JSON object per line (json), or GitHub Actions
 * workflow commands (github). Every byte from a file is sanitized. */
#include <string.h>

#include "diag/print.h"
#include "util/sanitize.h"
#include "util/text.h"

static const char *sev_name(kith_severity s)
{
	return s == KITH_SEV_ERROR     ? "error"
	       : s == KITH_SEV_WARNING ? "warning"
	                               : "note";
}

static const char *sev_color(kith_severity s)
{
	return s == KITH_SEV_ERROR     ? "\033[1;31m"
	       : s == KITH_SEV_WARNING ? "\033[1;35m"
	                               : "\033[1;36m";
}

/* Columns as characters (docs/diagnostics.md): col and end column. */
static void char_cols(const kith_diag_file *f, const kith_diag *g,
                      uint32_t *col, uint32_t *end)
{
	uint32_t c = g->pos.col ? g->pos.col : 1;
	if (!f || !f->lines.text) {
		*col = c;
		*end = c + g->len;
		return;
	}
	*col = kith_lines_char_col(&f->lines, g->pos.line, c);
	*end = kith_lines_char_col(&f->lines, g->pos.line, c + g->len);
}

/* Display width of line[0..n) as the excerpt shows it: tabs as one space,
 * unsafe characters in their visible form. */
static size_t shown_width(const char *line, size_t n)
{
	kith_buf t = {0};
	size_t w;
	kith_sanitize(&t, line, n, KITH_SAN_KEEP_TAB);
	w = kith_utf8_width(t.p ? t.p : "", t.n);
	for (size_t i = 0; i < t.n; i++)
		w += t.p[i] == '\t'; /* utf8_width counts a tab as 0 */
	kith_buf_free(&t);
	return w;
}

/* A long line: a window of about 160 bytes around the column, cut at
 * UTF-8 boundaries, so N diagnostics on one huge line print N short
 * excerpts, not N copies of the line. Returns the window's start. */
static size_t excerpt_window(const char **line, size_t *n, size_t c0,
                             uint32_t len)
{
	size_t from = 0, to = *n;
	if (*n <= 240)
		return 0;
	if (c0 > 80)
		from = c0 - 80;
	to = c0 + 80 + len < *n ? c0 + 80 + len : *n;
	while (from > 0 && ((unsigned char)(*line)[from] & 0xc0) == 0x80)
		from--;
	while (to < *n && ((unsigned char)(*line)[to] & 0xc0) == 0x80)
		to++;
	*line += from;
	*n = to - from;
	return from;
}

static void put_excerpt(kith_buf *b, const kith_diag_file *f,
                        const kith_diag *g, int color)
{
	const char *line;
	size_t n, col, i, span, win_from, w_before, w_span;
	int nw;
	char num[16];

	if (!f || !kith_lines_get(&f->lines, g->pos.line, &line, &n))
		return;
	/* columns on line 1 do not count a UTF-8 byte order mark */
	if (g->pos.line == 1 && n >= 3 && !memcmp(line, "\xef\xbb\xbf", 3))
		line += 3, n -= 3;
	col = g->pos.col ? g->pos.col - 1 : 0;
	win_from = excerpt_window(&line, &n, col, g->len);
	nw = snprintf(num, sizeof num, "%u", g->pos.line);
	if (nw < 4)
		nw = 4;
	kith_buf_printf(b, "%*u | ", nw + 1, g->pos.line);
	for (i = 0; i < n;) {
		size_t k = i;
		while (k < n && line[k] != '\t')
			k++;
		kith_sanitize(b, line + i, k - i, 0);
		if (k < n)
			kith_buf_putc(b, ' ');
		i = k + 1;
	}
	kith_buf_putc(b, '\n');
	col = col >= win_from ? col - win_from : 0;
	if (col > n)
		col = n;
	span = g->len;
	if (col + span > n)
		span = n > col ? n - col : 1;
	if (span == 0)
		span = 1;
	w_before = shown_width(line, col);
	w_span = col < n ? shown_width(line + col, span) : 1;
	if (w_span == 0)
		w_span = 1;
	kith_buf_printf(b, "%*s | %*s", nw + 1, "", (int)w_before, "");
	if (color)
		kith_buf_puts(b, sev_color(g->sev));
	for (i = 0; i < w_span; i++)
		kith_buf_putc(b, '^');
	if (color)
		kith_buf_puts(b, "\033[0m");
	kith_buf_putc(b, '\n');
}

/* The first line, in GCC order: FILE:LINE:COL: error: MESSAGE [CODE] */
static void put_first_line(kith_buf *b, const kith_diag_file *f,
                           const kith_diag *g, int color)
{
	if (color)
		kith_buf_puts(b, "\033[1m");
	if (f) {
		kith_sanitize_cstr(b, f->display, 0);
		if (g->pos.line) {
			uint32_t col, end;
			char_cols(f, g, &col, &end);
			kith_buf_printf(b, ":%u:%u", g->pos.line, col);
		}
	} else
		kith_buf_puts(b, "kith");
	kith_buf_puts(b, ":");
	if (color)
		kith_buf_puts(b, "\033[0m");
	kith_buf_printf(b, " %s%s:%s ", color ? sev_color(g->sev) : "",
	                sev_name(g->sev), color ? "\033[0m" : "");
	kith_sanitize_cstr(b, g->msg, 0);
	kith_buf_printf(b, " [%s]\n", kith_code_name(g->code));
}

static void put_human(kith_buf *b, const kith_diag_file *f, const kith_diag *g,
                      int color)
{

	put_first_line(b, f, g, color);
	put_excerpt(b, f, g, color);
	if (g->note) {
		const char *p = g->note;
		while (*p) {
			const char *nl = strchr(p, '\n');
			size_t k = nl ? (size_t)(nl - p) : strlen(p);
			kith_buf_puts(b, "   = note: ");
			kith_sanitize(b, p, k, 0);
			kith_buf_putc(b, '\n');
			p += k + (nl != NULL);
		}
	}
	if (g->hint) {
		kith_buf_puts(b, "   = help: ");
		kith_sanitize_cstr(b, g->hint, 0);
		kith_buf_putc(b, '\n');
	}
}

/* JSON strings: the same escaping as the json renderer (util/text). */
static void json_str(kith_buf *b, const char *s)
{
	kith_json_string(b, s, strlen(s));
}

static void json_opt(kith_buf *b, const char *key, const char *s)
{
	kith_buf_printf(b, ",\"%s\":", key);
	if (s)
		json_str(b, s);
	else
		kith_buf_puts(b, "null");
}

static void put_json(kith_buf *b, const kith_diag_file *f, const kith_diag *g)
{
	uint32_t col, end;

	char_cols(f, g, &col, &end);
	kith_buf_puts(b, "{\"file\":");
	if (f)
		json_str(b, f->display);
	else
		kith_buf_puts(b, "null");
	/* column counts bytes, char_column characters (docs/diagnostics.md) */
	kith_buf_printf(b,
	                ",\"line\":%u,\"column\":%u,\"end_column\":%u,"
	                "\"char_column\":%u,\"end_char_column\":%u,"
	                "\"severity\":",
	                g->pos.line, g->pos.col, g->pos.col + g->len,
	                g->pos.line ? col : 0, g->pos.line ? end : 0);
	json_str(b, sev_name(g->sev));
	kith_buf_puts(b, ",\"code\":");
	json_str(b, kith_code_name(g->code));
	kith_buf_puts(b, ",\"message\":");
	json_str(b, g->msg);
	json_opt(b, "hint", g->hint);
	json_opt(b, "note", g->note);
	kith_buf_puts(b, "}\n");
}

/* GitHub workflow commands: property values escape % \r \n : , and the
 * message escapes % \r \n; the text is sanitized first. */
static void gh_escape(kith_buf *b, const char *raw, int prop)
{
	kith_buf t = {0};
	const char *s;

	kith_sanitize_cstr(&t, raw, 0);
	s = kith_buf_cstr(&t);
	for (; *s; s++) {
		if (*s == '%')
			kith_buf_puts(b, "%25");
		else if (prop && *s == ':')
			kith_buf_puts(b, "%3A");
		else if (prop && *s == ',')
			kith_buf_puts(b, "%2C");
		else
			kith_buf_putc(b, *s);
	}
	kith_buf_free(&t);
}

static void put_github(kith_buf *b, const kith_diag_file *f, const kith_diag *g)
{
	kith_buf_printf(b, "::%s ",
	                g->sev == KITH_SEV_ERROR     ? "error"
	                : g->sev == KITH_SEV_WARNING ? "warning"
	                                             : "notice");
	if (f) {
		kith_buf_puts(b, "file=");
		gh_escape(b, f->display, 1);
		if (g->pos.line) {
			uint32_t col, end;
			char_cols(f, g, &col, &end);
			kith_buf_printf(b, ",line=%u,col=%u,endColumn=%u,",
			                g->pos.line, col, end);
		} else
			kith_buf_putc(b, ',');
	}
	kith_buf_puts(b, "title=");
	gh_escape(b, kith_code_name(g->code), 1);
	kith_buf_puts(b, "::");
	gh_escape(b, g->msg, 0);
	if (g->hint) {
		kith_buf_puts(b, " (help: ");
		gh_escape(b, g->hint, 0);
		kith_buf_putc(b, ')');
	}
	kith_buf_putc(b, '\n');
}

void kith_diag_print(kith_buf *b, kith_diag_style style,
                     const kith_diag_file *files, uint32_t nfiles,
                     const kith_diag *g, int color)
{
	kith_diag_file tmp;
	const kith_diag_file *f =
	    g->pos.file < nfiles ? &files[g->pos.file] : NULL;

	if (f && !f->lines.start) {
		/* one diagnostic alone: index its file for this call */
		tmp = *f;
		kith_lines_build(&tmp.lines, tmp.text, tmp.len);
		f = &tmp;
	}
	switch (style) {
	case KITH_DIAG_HUMAN:
		put_human(b, f, g, color);
		break;
	case KITH_DIAG_JSON:
		put_json(b, f, g);
		break;
	case KITH_DIAG_GITHUB:
		put_github(b, f, g);
		break;
	}
	if (f == &tmp)
		kith_lines_free(&tmp.lines);
}

/* Per file, how many diagnostics of each code were printed or held back
 * (human style only). */
typedef struct {
	uint32_t file;
	uint32_t seen[KITH_D__COUNT];
} code_counts;

static void put_more(kith_buf *b, const kith_diag_file *files, uint32_t nfiles,
                     const code_counts *cc, int color)
{
	for (int k = 0; k < KITH_D__COUNT; k++) {
		uint32_t more = cc->seen[k] > KITH_DIAG_SHOWN_PER_CODE
		                    ? cc->seen[k] - KITH_DIAG_SHOWN_PER_CODE
		                    : 0;
		if (!more)
			continue;
		if (cc->file < nfiles)
			kith_sanitize_cstr(b, files[cc->file].display, 0);
		else
			kith_buf_puts(b, "kith");
		kith_buf_printf(b,
		                ": %snote:%s … and %u more [%s] in this file "
		                "(--diagnostics json lists them all)\n",
		                color ? sev_color(KITH_SEV_NOTE) : "",
		                color ? "\033[0m" : "", more,
		                kith_code_name((kith_code)k));
	}
}

/* Builds the line index of each file that has a diagnostic. */
static void index_files(const kith_diags *d, kith_diag_file *files,
                        uint32_t nfiles)
{
	for (uint32_t i = 0; i < d->list.n; i++) {
		uint32_t k = d->list.v[i].pos.file;
		if (k < nfiles && !files[k].lines.start)
			kith_lines_build(&files[k].lines, files[k].text,
			                 files[k].len);
	}
}

int kith_diags_print_to(const kith_diags *d, kith_diag_file *files,
                        uint32_t nfiles, kith_diag_style style, int color,
                        int errors_only, kith_diag_sink sink, void *ctx)
{
	code_counts *cc = kith_xcalloc(1, sizeof *cc);
	kith_buf b = {0};
	int rc = 0;
	uint32_t i;

	index_files(d, files, nfiles);
	cc->file = KITH_NO_FILE;
	for (i = 0; i < d->list.n && !rc; i++) {
		const kith_diag *g = &d->list.v[i];
		if (errors_only && g->sev != KITH_SEV_ERROR)
			continue;
		if (style == KITH_DIAG_HUMAN && g->pos.file != cc->file) {
			put_more(&b, files, nfiles, cc, color);
			memset(cc, 0, sizeof *cc);
			cc->file = g->pos.file;
		}
		if (style != KITH_DIAG_HUMAN ||
		    ++cc->seen[g->code] <= KITH_DIAG_SHOWN_PER_CODE)
			kith_diag_print(&b, style, files, nfiles, g, color);
		if (b.n >= 65536) {
			rc = sink(ctx, b.p, b.n);
			b.n = 0;
		}
	}
	if (style == KITH_DIAG_HUMAN)
		put_more(&b, files, nfiles, cc, color);
	if (!rc && b.n)
		rc = sink(ctx, b.p, b.n);
	kith_buf_free(&b);
	for (i = 0; i < nfiles; i++)
		kith_lines_free(&files[i].lines);
	free(cc);
	return rc;
}
