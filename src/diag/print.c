/* Printing diagnostics: GCC-style first line with the source excerpt and
 * carets (human), one JSON object per line (json), or GitHub Actions
 * workflow commands (github). */
#include <string.h>

#include "diag/print.h"
#include "util/text.h"

static const char *sev_name(kith_severity s)
{
	return s == KITH_SEV_ERROR     ? "error"
	       : s == KITH_SEV_WARNING ? "warning"
	                               : "note";
}

/* Finds line `line` (1-based) of text; returns its start and length. */
static int find_line(const char *text, size_t len, uint32_t line,
                     const char **start, size_t *n)
{
	const char *p = text, *end = text + len;
	uint32_t l = 1;

	if (!text || line == 0)
		return 0;
	while (l < line) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return 0;
		p = nl + 1;
		l++;
	}
	{
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t k = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (k && p[k - 1] == '\r')
			k--;
		*start = p;
		*n = k;
	}
	return 1;
}

static void put_excerpt(kith_buf *b, const kith_diag_file *f,
                        const kith_diag *g, int color)
{
	const char *line;
	size_t n, col, w_before, w_span, i, span, win_from = 0;
	char num[16];
	int nw;

	if (!f || !find_line(f->text, f->len, g->pos.line, &line, &n))
		return;
	/* columns on line 1 do not count a UTF-8 byte order mark */
	if (g->pos.line == 1 && n >= 3 && !memcmp(line, "\xef\xbb\xbf", 3))
		line += 3, n -= 3;
	{
		/* a long line: show a window of about 160 bytes around the
		 * column, cut at UTF-8 boundaries, so N diagnostics on one huge
		 * line print N short excerpts, not N copies of the line */
		size_t c0 = g->pos.col ? g->pos.col - 1 : 0, from = 0, to = n;
		if (n > 240) {
			if (c0 > 80)
				from = c0 - 80;
			to = c0 + 80 + g->len < n ? c0 + 80 + g->len : n;
			while (from > 0 &&
			       ((unsigned char)line[from] & 0xc0) == 0x80)
				from--;
			while (to < n &&
			       ((unsigned char)line[to] & 0xc0) == 0x80)
				to++;
			line += from;
			n = to - from;
			win_from = from;
		}
	}
	nw = snprintf(num, sizeof num, "%u", g->pos.line);
	if (nw < 4)
		nw = 4;
	kith_buf_printf(b, "%*u | ", nw + 1, g->pos.line);
	for (i = 0; i < n; i++)
		kith_buf_putc(b, line[i] == '\t' ? ' ' : line[i]);
	kith_buf_putc(b, '\n');
	col = g->pos.col ? g->pos.col - 1 : 0;
	col = col >= win_from ? col - win_from : 0;
	if (col > n)
		col = n;
	span = g->len;
	if (col + span > n)
		span = n > col ? n - col : 1;
	if (span == 0)
		span = 1;
	w_before = kith_utf8_width(line, col);
	/* tabs were shown as one space; utf8_width counts them as 0 */
	for (i = 0; i < col; i++)
		if (line[i] == '\t')
			w_before++;
	w_span = col < n ? kith_utf8_width(line + col, span) : 1;
	if (w_span == 0)
		w_span = 1;
	kith_buf_printf(b, "%*s | ", nw + 1, "");
	for (i = 0; i < w_before; i++)
		kith_buf_putc(b, ' ');
	if (color)
		kith_buf_puts(b, g->sev == KITH_SEV_ERROR ? "\033[1;31m"
		                                          : "\033[1;33m");
	for (i = 0; i < w_span; i++)
		kith_buf_putc(b, '^');
	if (color)
		kith_buf_puts(b, "\033[0m");
	kith_buf_putc(b, '\n');
}

static void put_human(kith_buf *b, const kith_diag_file *files, uint32_t nfiles,
                      const kith_diag *g, int color)
{
	const kith_diag_file *f =
	    g->pos.file < nfiles ? &files[g->pos.file] : NULL;
	const char *sc = g->sev == KITH_SEV_ERROR ? "\033[1;31m" : "\033[1;33m";

	if (f && g->pos.line)
		kith_buf_printf(b, "%s%s:%u:%u:%s ", color ? "\033[1m" : "",
		                f->display, g->pos.line,
		                g->pos.col ? g->pos.col : 1,
		                color ? "\033[0m" : "");
	else if (f)
		kith_buf_printf(b, "%s%s:%s ", color ? "\033[1m" : "",
		                f->display, color ? "\033[0m" : "");
	else
		kith_buf_puts(b, "kith: ");
	kith_buf_printf(b, "%s%s[%s]:%s %s\n", color ? sc : "",
	                sev_name(g->sev), kith_code_name(g->code),
	                color ? "\033[0m" : "", g->msg);
	put_excerpt(b, f, g, color);
	if (g->note) {
		const char *p = g->note;
		while (*p) {
			const char *nl = strchr(p, '\n');
			size_t k = nl ? (size_t)(nl - p) : strlen(p);
			kith_buf_printf(b, "   = note: %.*s\n", (int)k, p);
			p += k + (nl != NULL);
		}
	}
	if (g->hint)
		kith_buf_printf(b, "   = help: %s\n", g->hint);
}

/* JSON strings: the same escaping as the json renderer (util/text). */
static void json_str(kith_buf *b, const char *s)
{
	kith_json_string(b, s, strlen(s));
}

static void put_json(kith_buf *b, const kith_diag_file *files, uint32_t nfiles,
                     const kith_diag *g)
{
	const kith_diag_file *f =
	    g->pos.file < nfiles ? &files[g->pos.file] : NULL;
	kith_buf_puts(b, "{\"file\":");
	if (f)
		json_str(b, f->display);
	else
		kith_buf_puts(b, "null");
	kith_buf_printf(
	    b, ",\"line\":%u,\"column\":%u,\"end_column\":%u,\"severity\":",
	    g->pos.line, g->pos.col, g->pos.col + g->len);
	json_str(b, sev_name(g->sev));
	kith_buf_puts(b, ",\"code\":");
	json_str(b, kith_code_name(g->code));
	kith_buf_puts(b, ",\"message\":");
	json_str(b, g->msg);
	kith_buf_puts(b, ",\"hint\":");
	if (g->hint)
		json_str(b, g->hint);
	else
		kith_buf_puts(b, "null");
	kith_buf_puts(b, ",\"note\":");
	if (g->note)
		json_str(b, g->note);
	else
		kith_buf_puts(b, "null");
	kith_buf_puts(b, "}\n");
}

/* GitHub workflow commands: property values escape % \r \n : , and the
 * message escapes % \r \n. */
static void gh_escape(kith_buf *b, const char *s, int prop)
{
	for (; s && *s; s++) {
		if (*s == '%')
			kith_buf_puts(b, "%25");
		else if (*s == '\r')
			kith_buf_puts(b, "%0D");
		else if (*s == '\n')
			kith_buf_puts(b, "%0A");
		else if (prop && *s == ':')
			kith_buf_puts(b, "%3A");
		else if (prop && *s == ',')
			kith_buf_puts(b, "%2C");
		else
			kith_buf_putc(b, *s);
	}
}

static void put_github(kith_buf *b, const kith_diag_file *files,
                       uint32_t nfiles, const kith_diag *g)
{
	const kith_diag_file *f =
	    g->pos.file < nfiles ? &files[g->pos.file] : NULL;
	kith_buf_printf(b, "::%s ",
	                g->sev == KITH_SEV_ERROR     ? "error"
	                : g->sev == KITH_SEV_WARNING ? "warning"
	                                             : "notice");
	if (f) {
		kith_buf_puts(b, "file=");
		gh_escape(b, f->display, 1);
		if (g->pos.line)
			kith_buf_printf(
			    b, ",line=%u,col=%u,endColumn=%u,", g->pos.line,
			    g->pos.col ? g->pos.col : 1, g->pos.col + g->len);
		else
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
	switch (style) {
	case KITH_DIAG_HUMAN:
		put_human(b, files, nfiles, g, color);
		break;
	case KITH_DIAG_JSON:
		put_json(b, files, nfiles, g);
		break;
	case KITH_DIAG_GITHUB:
		put_github(b, files, nfiles, g);
		break;
	}
}
