/* A small strict vCard reader (2.1, 3.0 and 4.0 as address books export
 * them): unfolding, escapes, quoted-printable and CHARSET, and the fields
 * kith keeps. Debian's libvformat keeps 3.0 escapes; see docs/import.md. */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>

#include "import/import.h"

#define VC_MAX_PARAMS 16

typedef struct {
	const char *name; /* without a group prefix */
	size_t name_n;
	struct {
		const char *k, *v; /* v NULL for a bare 2.1 parameter */
		size_t kn, vn;
	} params[VC_MAX_PARAMS];
	int nparams;
	const char *value;
	size_t value_n;
} vc_prop;

typedef struct {
	kith_import_set *s;
	int in_card;
	uint32_t card_line;
	int version; /* 21, 30 or 40 */
	kith_import_person *p;
	char *n_name; /* "Given Family" from N, used without FN */
	kith_buf tmp;
} vc_state;

static int name_is(const vc_prop *pr, const char *name)
{
	return strlen(name) == pr->name_n &&
	       !strncasecmp(pr->name, name, pr->name_n);
}

/* The value of parameter k, or for a bare 2.1 parameter whose text is k
 * itself, k. NULL when absent. */
static const char *param(const vc_prop *pr, const char *k, size_t *n)
{
	size_t kl = strlen(k);
	for (int i = 0; i < pr->nparams; i++) {
		if (pr->params[i].kn != kl ||
		    strncasecmp(pr->params[i].k, k, kl) != 0)
			continue;
		*n = pr->params[i].v ? pr->params[i].vn : kl;
		return pr->params[i].v ? pr->params[i].v : pr->params[i].k;
	}
	return NULL;
}

static int param_is(const vc_prop *pr, const char *k, const char *v)
{
	size_t n;
	const char *p = param(pr, k, &n);
	return p && strlen(v) == n && !strncasecmp(p, v, n);
}

/* Splits NAME;PARAMS:VALUE. Returns 0, or -1 when the line has no colon
 * outside quoted parameter values. */
static int split_prop(const char *p, size_t n, vc_prop *pr)
{
	size_t i = 0, start;
	int q = 0;
	memset(pr, 0, sizeof *pr);
	while (i < n && p[i] != ';' && p[i] != ':')
		i++;
	if (i == n || i == 0)
		return -1;
	pr->name = p;
	pr->name_n = i;
	for (size_t k = 0; k < i; k++)
		if (p[k] == '.') { /* item1.EMAIL: drop the group */
			pr->name = p + k + 1;
			pr->name_n = i - k - 1;
		}
	while (i < n && p[i] == ';') {
		start = ++i;
		q = 0;
		while (i < n && (q || (p[i] != ';' && p[i] != ':'))) {
			if (p[i] == '"')
				q = !q;
			i++;
		}
		if (i == n)
			return -1;
		if (pr->nparams < VC_MAX_PARAMS && i > start) {
			const char *eq = memchr(p + start, '=', i - start);
			int k = pr->nparams++;
			pr->params[k].k = p + start;
			pr->params[k].kn =
			    eq ? (size_t)(eq - p - start) : i - start;
			if (eq) {
				pr->params[k].v = eq + 1;
				pr->params[k].vn = (size_t)(p + i - eq - 1);
				if (pr->params[k].vn >= 2 &&
				    pr->params[k].v[0] == '"') {
					pr->params[k].v++;
					pr->params[k].vn -= 2;
				}
			}
		}
	}
	if (i >= n || p[i] != ':')
		return -1;
	pr->value = p + i + 1;
	pr->value_n = n - i - 1;
	return 0;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = toupper(c);
	return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Decodes quoted-printable into out; soft breaks were joined already. */
static int qp_decode(const char *p, size_t n, kith_buf *out)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] != '=') {
			kith_buf_putc(out, p[i]);
			continue;
		}
		if (i + 1 == n)
			break; /* a trailing soft break */
		if (i + 2 >= n || hexval(p[i + 1]) < 0 || hexval(p[i + 2]) < 0)
			return -1;
		kith_buf_putc(out, hexval(p[i + 1]) * 16 + hexval(p[i + 2]));
		i += 2;
	}
	return 0;
}

/* Converts from charset to UTF-8 in place of b. */
static int to_utf8(kith_buf *b, const char *cs, size_t csn)
{
	char name[40];
	kith_buf out = {0};
	iconv_t cd;
	int rc = 0;
	if (csn >= sizeof name)
		return -1;
	memcpy(name, cs, csn);
	name[csn] = '\0';
	if (!strcasecmp(name, "UTF-8") || !strcasecmp(name, "US-ASCII") ||
	    b->n == 0)
		return 0;
	cd = iconv_open("UTF-8", name);
	if (cd == (iconv_t)-1)
		return -1;
	kith_buf_grow(&out, b->n * 4 + 4);
	{
		char *in = b->p, *o = out.p;
		size_t il = b->n, ol = out.cap;
		if (iconv(cd, &in, &il, &o, &ol) == (size_t)-1)
			rc = -1;
		out.n = (size_t)(o - out.p);
	}
	iconv_close(cd);
	if (!rc) {
		b->n = 0;
		kith_buf_put(b, out.p, out.n);
	}
	kith_buf_free(&out);
	return rc;
}

/* The raw value bytes after ENCODING and CHARSET, in st->tmp (UTF-8). */
static int raw_value(vc_state *st, const vc_prop *pr, uint32_t line)
{
	size_t n;
	const char *cs = param(pr, "CHARSET", &n);
	st->tmp.n = 0;
	if (param_is(pr, "ENCODING", "QUOTED-PRINTABLE") ||
	    param(pr, "QUOTED-PRINTABLE", &(size_t){0})) {
		if (qp_decode(pr->value, pr->value_n, &st->tmp) != 0)
			return kith_import_fail(
			    st->s, line,
			    "bad quoted-printable value (an '=' must be "
			    "followed by two hex digits)");
	} else
		kith_buf_put(&st->tmp, pr->value, pr->value_n);
	if (cs && to_utf8(&st->tmp, cs, n) != 0)
		return kith_import_fail(st->s, line,
		                        "cannot read the value as CHARSET=%.*s",
		                        (int)n, cs);
	if (kith_utf8_invalid(st->tmp.p ? st->tmp.p : "", st->tmp.n))
		return kith_import_fail(
		    st->s, line,
		    "the value is not UTF-8 (re-export as UTF-8, or name the "
		    "encoding with a CHARSET parameter)");
	return 0;
}

/* Component `want` (0-based) of a value split on unescaped sep, unescaped,
 * trimmed. Returns its length in out (out->n) or -1 when absent. */
static int component(const vc_state *st, const char *p, size_t n, char sep,
                     int want, kith_buf *out)
{
	int idx = 0;
	out->n = 0;
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		if (c == '\\' && i + 1 < n) {
			char e = p[++i];
			if (st->version == 21 && e != ';' && e != '\\') {
				if (idx == want)
					kith_buf_putc(out, '\\');
			} else if (e == 'n' || e == 'N')
				e = '\n';
			if (idx == want)
				kith_buf_putc(out, e);
			continue;
		}
		if (c == sep) {
			if (idx == want)
				break;
			idx++;
			continue;
		}
		if (idx == want)
			kith_buf_putc(out, c);
	}
	if (idx < want)
		return -1;
	while (out->n && isspace((unsigned char)out->p[out->n - 1]))
		out->n--;
	{
		size_t k = 0;
		while (k < out->n && isspace((unsigned char)out->p[k]))
			k++;
		if (k) {
			memmove(out->p, out->p + k, out->n - k);
			out->n -= k;
		}
	}
	return 0;
}

static char *text_of(vc_state *st, char sep, int want)
{
	kith_buf c = {0};
	char *r = NULL;
	if (component(st, st->tmp.p, st->tmp.n, sep, want, &c) == 0 && c.n)
		r = kith_import_strndup(st->s, c.p, c.n);
	kith_buf_free(&c);
	return r;
}

/* BDAY: 1985-04-27, 19850427, --04-27, --0427, a date-time, or Apple's
 * year 1604 with X-APPLE-OMIT-YEAR. */
static int bday(vc_state *st, const vc_prop *pr, uint32_t line)
{
	const char *v = st->tmp.p;
	size_t n = st->tmp.n, dn;
	int y = 0, m, d;
	const char *omit = param(pr, "X-APPLE-OMIT-YEAR", &dn);
	char digits[9];
	size_t k = 0;
	for (size_t i = 0; i < n && v[i] != 'T'; i++)
		if (isdigit((unsigned char)v[i]) && k < 8)
			digits[k++] = v[i];
		else if (v[i] != '-')
			goto bad;
	digits[k] = '\0';
	if (k == 8 && strncmp(v, "--", 2) != 0) {
		y = (digits[0] - '0') * 1000 + (digits[1] - '0') * 100 +
		    (digits[2] - '0') * 10 + (digits[3] - '0');
		m = (digits[4] - '0') * 10 + (digits[5] - '0');
		d = (digits[6] - '0') * 10 + (digits[7] - '0');
	} else if (k == 4 && !strncmp(v, "--", 2)) {
		m = (digits[0] - '0') * 10 + (digits[1] - '0');
		d = (digits[2] - '0') * 10 + (digits[3] - '0');
	} else
		goto bad;
	if (omit && dn == 4 && y && !strncmp(omit, digits, 4))
		y = 0;
	if (!kith_ymd_valid(y ? y : 2000, m, d))
		goto bad;
	st->p->bday_year = y;
	st->p->bday_month = m;
	st->p->bday_day = d;
	return 0;
bad:
	return kith_import_fail(st->s, line,
	                        "BDAY '%.*s' is not a date (YYYY-MM-DD, "
	                        "YYYYMMDD or --MM-DD)",
	                        (int)(n > 40 ? 40 : n), v ? v : "");
}

static void list_of(vc_state *st, char sep, kith_import_strs *v, int lower)
{
	kith_buf c = {0};
	for (int i = 0; component(st, st->tmp.p, st->tmp.n, sep, i, &c) == 0;
	     i++) {
		if (!c.n)
			continue;
		if (lower)
			for (size_t k = 0; k < c.n; k++)
				c.p[k] = (char)tolower((unsigned char)c.p[k]);
		kith_import_push(st->s, v, c.p, c.n);
	}
	kith_buf_free(&c);
}

/* Puts a preferred value first: TYPE=pref (3.0), PREF=1 (4.0) or a bare
 * PREF (2.1). */
static void prefer_last(const vc_prop *pr, kith_import_strs *v, uint32_t n0)
{
	int pref = 0;
	for (int i = 0; i < pr->nparams; i++) {
		const char *t =
		    pr->params[i].v ? pr->params[i].v : pr->params[i].k;
		size_t tn =
		    pr->params[i].v ? pr->params[i].vn : pr->params[i].kn;
		if (pr->params[i].kn == 4 &&
		    !strncasecmp(pr->params[i].k, "PREF", 4))
			pref = 1;
		for (size_t k = 0; k + 4 <= tn; k++)
			pref |= !strncasecmp(t + k, "pref", 4);
	}
	if (pref && v->n > n0 && n0 > 0) {
		char *x = v->v[v->n - 1];
		memmove(v->v + 1, v->v, (v->n - 1) * sizeof *v->v);
		v->v[0] = x;
	}
}

static int property(vc_state *st, const vc_prop *pr, uint32_t line)
{
	kith_import_person *p = st->p;
	uint32_t n0;
	if (name_is(pr, "PHOTO") || name_is(pr, "LOGO") || name_is(pr, "KEY") ||
	    name_is(pr, "SOUND") || param_is(pr, "ENCODING", "B") ||
	    param_is(pr, "ENCODING", "BASE64"))
		return 0; /* binary data kith does not keep */
	if (raw_value(st, pr, line) != 0)
		return -1;
	if (name_is(pr, "VERSION")) {
		st->version = st->tmp.n && st->tmp.p[0] == '2'   ? 21
		              : st->tmp.n && st->tmp.p[0] == '4' ? 40
		                                                 : 30;
	} else if (name_is(pr, "FN"))
		p->name = text_of(st, '\0', 0);
	else if (name_is(pr, "N")) {
		char *given = text_of(st, ';', 1),
		     *family = text_of(st, ';', 0);
		if (given || family)
			st->n_name = kith_arena_printf(
			    st->s->arena, "%s%s%s", given ? given : "",
			    given && family ? " " : "", family ? family : "");
	} else if (name_is(pr, "ORG"))
		p->org = text_of(st, ';', 0);
	else if (name_is(pr, "TITLE"))
		p->title = text_of(st, '\0', 0);
	else if (name_is(pr, "NOTE"))
		p->note = text_of(st, '\0', 0);
	else if (name_is(pr, "EMAIL")) {
		n0 = p->emails.n;
		list_of(st, '\0', &p->emails, 1);
		prefer_last(pr, &p->emails, n0);
	} else if (name_is(pr, "TEL")) {
		n0 = p->phones.n;
		list_of(st, '\0', &p->phones, 0);
		prefer_last(pr, &p->phones, n0);
	} else if (name_is(pr, "URL"))
		list_of(st, '\0', &p->links, 0);
	else if (name_is(pr, "CATEGORIES"))
		list_of(st, ',', &p->tags, 0);
	else if (name_is(pr, "BDAY") && !param_is(pr, "VALUE", "text"))
		return bday(st, pr, line);
	return 0;
}

static int begin_end(vc_state *st, const vc_prop *pr, uint32_t line)
{
	int is_card = pr->value_n == 5 && !strncasecmp(pr->value, "VCARD", 5);
	if (name_is(pr, "BEGIN")) {
		if (!is_card)
			return st->in_card
			           ? 0
			           : kith_import_fail(st->s, line,
			                              "expected BEGIN:VCARD");
		if (st->in_card)
			return kith_import_fail(st->s, line,
			                        "BEGIN:VCARD inside a card (is "
			                        "the END:VCARD of line %u "
			                        "missing?)",
			                        st->card_line);
		st->in_card = 1;
		st->card_line = line;
		st->version = 30;
		st->n_name = NULL;
		st->p = kith_vec_push(&st->s->people);
		st->p->line = line;
		st->p->met = KITH_NO_DAY;
		return 0;
	}
	if (!is_card)
		return 0;
	if (!st->in_card)
		return kith_import_fail(st->s, line,
		                        "END:VCARD without BEGIN:VCARD");
	if (!st->p->name)
		st->p->name = st->n_name;
	st->in_card = 0;
	return 0;
}

static int logical_line(vc_state *st, const char *p, size_t n, uint32_t line)
{
	vc_prop pr;
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if (n == 0)
		return 0;
	if (split_prop(p, n, &pr) != 0)
		return kith_import_fail(st->s, line,
		                        "not a vCard line (NAME:VALUE, or a "
		                        "folded line starting with a space)");
	if (name_is(&pr, "BEGIN") || name_is(&pr, "END"))
		return begin_end(st, &pr, line);
	if (!st->in_card)
		return kith_import_fail(st->s, line,
		                        "'%.*s' outside BEGIN:VCARD..END:VCARD",
		                        (int)pr.name_n, pr.name);
	return property(st, &pr, line);
}

/* A quoted-printable line ending in '=' continues on the next line. */
static int qp_soft_break(const char *p, size_t n)
{
	if (!n || p[n - 1] != '=')
		return 0;
	const char *colon = memchr(p, ':', n);
	size_t hn = colon ? (size_t)(colon - p) : n;
	for (size_t i = 0; i + 16 <= hn; i++)
		if (!strncasecmp(p + i, "QUOTED-PRINTABLE", 16))
			return 1;
	return 0;
}

int kith_vcard_read(const char *text, size_t len, kith_import_set *s)
{
	vc_state st = {.s = s};
	kith_buf logical = {0};
	uint32_t line = 0, start = 0;
	size_t i = 0;
	int rc = 0;

	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len && rc == 0) {
		const char *e = memchr(text + i, '\n', len - i);
		size_t n = e ? (size_t)(e - text - i) : len - i;
		const char *p = text + i;
		line++;
		i += n + (e ? 1 : 0);
		if (n && p[n - 1] == '\r')
			n--;
		if (logical.n && qp_soft_break(logical.p, logical.n)) {
			logical.n--; /* the soft break '=' */
			kith_buf_put(&logical, p, n);
			continue;
		}
		if (logical.n && n && (p[0] == ' ' || p[0] == '\t')) {
			kith_buf_put(&logical, p + 1, n - 1);
			continue;
		}
		if (logical.n)
			rc = logical_line(&st, logical.p, logical.n, start);
		logical.n = 0;
		kith_buf_put(&logical, p, n);
		start = line;
	}
	if (rc == 0 && logical.n)
		rc = logical_line(&st, logical.p, logical.n, start);
	if (rc == 0 && st.in_card)
		rc = kith_import_fail(s, st.card_line,
		                      "the card is not closed (END:VCARD "
		                      "missing)");
	kith_buf_free(&logical);
	kith_buf_free(&st.tmp);
	return rc;
}
