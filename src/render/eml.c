/* The eml renderer: `kith due --format eml`, an RFC 5322 message with a
 * multipart/alternative body (the text and the html of the report), ready
 * for `sendmail -t` from cron. Stable: the Date is the as-of day and the
 * Message-ID a hash of the content, so one day's digest is one message. */
#include "render/render.h"

#include <string.h>

#define CRLF "\r\n"

static uint64_t fnv1a(uint64_t h, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* Rows of the due list in a state ("overdue", "due"). */
static uint32_t count_state(const kith_report *r, const char *state)
{
	uint32_t n = 0;
	kith_buf tmp = {0};
	for (uint32_t i = 0; i < r->sections.n; i++) {
		const kith_section *s = &r->sections.v[i];
		int c = kith_section_col(s, "state");
		for (uint32_t k = 0; c >= 0 && k < s->nrows; k++) {
			tmp.n = 0;
			kith_cell_fmt(kith_section_cell(s, k, (uint32_t)c),
			              &tmp);
			n += !strcmp(kith_buf_cstr(&tmp), state);
		}
	}
	kith_buf_free(&tmp);
	return n;
}

/* "kith: 3 overdue, 2 due today" for due; the title otherwise. */
static void put_subject(kith_buf *out, const kith_report *r)
{
	if (strcmp(r->command, "due") != 0) {
		kith_buf_printf(out, "kith: %s", r->title);
		return;
	}
	uint32_t over = count_state(r, "overdue"),
	         today = count_state(r, "due");
	if (!over && !today)
		kith_buf_puts(out, "kith: nothing overdue or due today");
	else
		kith_buf_printf(out, "kith: %u overdue, %u due today", over,
		                today);
}

static int plain_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e ||
		    *s == '"' || *s == '\\')
			return 0;
	return 1;
}

static const char B64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Base64 of p[0..n); with wrap, CRLF every 76 characters (RFC 2045). */
static void put_base64(kith_buf *out, const char *p, size_t n, int wrap)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t col = 0;
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)u[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)u[i + 1] << 8;
		if (i + 2 < n)
			v |= u[i + 2];
		char q[4] = {B64[v >> 18 & 63], B64[v >> 12 & 63],
		             i + 1 < n ? B64[v >> 6 & 63] : '=',
		             i + 2 < n ? B64[v & 63] : '='};
		kith_buf_put(out, q, 4);
		col += 4;
		if (wrap && col >= 76) {
			kith_buf_puts(out, CRLF);
			col = 0;
		}
	}
	if (wrap && col)
		kith_buf_puts(out, CRLF);
}

/* A display name as it may stand in a header: quoted ASCII, or an RFC
 * 2047 encoded word; controls never reach the header. */
static void put_name(kith_buf *out, const char *name)
{
	if (plain_ascii(name)) {
		kith_buf_printf(out, "\"%s\"", name);
		return;
	}
	kith_buf clean = {0};
	for (const char *p = name; *p; p++)
		if ((unsigned char)*p >= 0x20 && *p != 0x7f)
			kith_buf_putc(&clean, *p);
	kith_buf_puts(out, "=?UTF-8?B?");
	put_base64(out, clean.p ? clean.p : "", clean.n, 0);
	kith_buf_puts(out, "?=");
	kith_buf_free(&clean);
}

/* An address is written only when it is one plain word@word. */
static int plain_address(const char *a)
{
	const char *at = strchr(a, '@');
	if (!at || at == a || !at[1] || strchr(at + 1, '@'))
		return 0;
	for (const char *p = a; *p; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f ||
		    strchr("<>()[]\\,;:\"", *p))
			return 0;
	return 1;
}

static void put_date(kith_buf *out, kith_day day)
{
	static const char *const wd[] = {"Mon", "Tue", "Wed", "Thu",
	                                 "Fri", "Sat", "Sun"};
	static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr",
	                                  "May", "Jun", "Jul", "Aug",
	                                  "Sep", "Oct", "Nov", "Dec"};
	int y, m, d;
	kith_day_to_ymd(day, &y, &m, &d);
	/* kith_day 0 is 1970-01-01, a Thursday */
	long long k = ((long long)day % 7 + 7 + 3) % 7;
	kith_buf_printf(out, "Date: %s, %02d %s %04d 00:00:00 +0000" CRLF,
	                wd[k], d, mon[m - 1], y);
}

static void put_part(kith_buf *out, const char *boundary, const char *type,
                     const kith_buf *body)
{
	kith_buf_printf(out,
	                "--%s" CRLF "Content-Type: %s; charset=utf-8" CRLF
	                "Content-Transfer-Encoding: base64" CRLF CRLF,
	                boundary, type);
	put_base64(out, body->p ? body->p : "", body->n, 1);
}

int kith_render_eml(const kith_report *r, const kith_render_opts *o,
                    kith_buf *out)
{
	kith_render_opts plain = {0};
	plain.version = o ? o->version : NULL;
	kith_buf text = {0}, html = {0};
	kith_render_text(r, &plain, &text);
	kith_render_html(r, &plain, &html);
	uint64_t h = fnv1a(0xcbf29ce484222325ULL, text.p ? text.p : "", text.n);
	h = fnv1a(h, r->owner_email ? r->owner_email : "",
	          r->owner_email ? strlen(r->owner_email) : 0);
	char day[11] = "";
	if (r->as_of != KITH_NO_DAY)
		kith_date_fmt(r->as_of, day);
	char boundary[48];
	snprintf(boundary, sizeof boundary, "=_kith_%016llx",
	         (unsigned long long)h);

	int addr = r->owner_email && plain_address(r->owner_email);
	const char *who = r->owner && *r->owner ? r->owner : "kith";
	kith_buf_puts(out, "From: ");
	put_name(out, who);
	kith_buf_printf(out, " <%s>" CRLF,
	                addr ? r->owner_email : "kith@localhost");
	if (addr) {
		kith_buf_puts(out, "To: ");
		put_name(out, who);
		kith_buf_printf(out, " <%s>" CRLF, r->owner_email);
	}
	kith_buf_puts(out, "Subject: ");
	put_subject(out, r);
	kith_buf_puts(out, CRLF);
	if (r->as_of != KITH_NO_DAY)
		put_date(out, r->as_of);
	kith_buf_printf(out, "Message-ID: <%s.%016llx@kith>" CRLF, day,
	                (unsigned long long)h);
	kith_buf_puts(out, "MIME-Version: 1.0" CRLF);
	kith_buf_printf(out,
	                "Content-Type: multipart/alternative; "
	                "boundary=\"%s\"" CRLF CRLF,
	                boundary);
	put_part(out, boundary, "text/plain", &text);
	put_part(out, boundary, "text/html", &html);
	kith_buf_printf(out, "--%s--" CRLF, boundary);
	kith_buf_free(&text);
	kith_buf_free(&html);
	return 0;
}
