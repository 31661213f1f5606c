/* How contacts, dates, kinds and sources are shown in reports, with
 * redaction (contacts as initials); plus small helpers the report
 * computations share (register order, follow-up text, checkpoint verdicts). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "compute/compute.h"

static int is_handle_char(int ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
	       ch == '.' || ch == '_' || ch == '-';
}

/* A word character before '@' makes it an e-mail address, not a mention. */
static int is_word_char(int ch)
{
	return isalnum(ch) || ch == '.' || ch == '_' || ch == '-' ||
	       ch == '+' || (ch & 0x80);
}

/* Length of the UTF-8 sequence starting with byte b. */
static size_t utf8_len(unsigned char b)
{
	if (b < 0x80)
		return 1;
	if ((b & 0xE0) == 0xC0)
		return 2;
	if ((b & 0xF0) == 0xE0)
		return 3;
	if ((b & 0xF8) == 0xF0)
		return 4;
	return 1;
}

/* Initials of a name: the first character of each space-separated word,
 * each followed by '.'. */
static void initials(kith_buf *b, kith_str name)
{
	int at_word = 1;
	for (uint32_t i = 0; i < name.n;) {
		unsigned char ch = (unsigned char)name.p[i];
		if (ch == ' ' || ch == '\t' || ch == '\n') {
			at_word = 1;
			i++;
			continue;
		}
		size_t l = utf8_len(ch);
		if (i + l > name.n)
			l = name.n - i;
		if (at_word) {
			if (l == 1)
				kith_buf_putc(b, toupper(ch));
			else
				kith_buf_put(b, name.p + i, l);
			kith_buf_putc(b, '.');
			at_word = 0;
		}
		i += (uint32_t)l;
	}
}

static const char *buf_to_arena(kith_report *r, kith_buf *b)
{
	const char *s = kith_arena_strndup(r->arena, b->p ? b->p : "", b->n);
	kith_buf_free(b);
	return s;
}

static void put_initials(kith_buf *b, const kith_journal *j, uint32_t c,
                         kith_str handle)
{
	size_t before = b->n;
	if (c != KITH_NONE && c < j->contacts.n)
		initials(b, j->contacts.v[c].name.s);
	if (b->n == before && handle.n > 0) {
		kith_buf_putc(b, toupper((unsigned char)handle.p[0]));
		kith_buf_putc(b, '.');
	}
	if (b->n == before)
		kith_buf_puts(b, "?");
}

const char *kith_who(kith_report *r, const kith_journal *j, uint32_t contact,
                     int redact)
{
	if (contact == KITH_NONE || contact >= j->contacts.n)
		return "?";
	const kith_contact *k = &j->contacts.v[contact];
	if (!redact)
		return kith_arena_printf(r->arena, "@%.*s", KITH_S(k->handle));
	kith_buf b = {0};
	put_initials(&b, j, contact, k->handle);
	return buf_to_arena(r, &b);
}

const char *kith_disp_who_ref(kith_report *r, const kith_journal *j,
                              kith_str handle, int redact)
{
	uint32_t c = kith_find_contact(j, handle);
	if (c != KITH_NONE)
		return kith_who(r, j, c, redact);
	if (!redact)
		return kith_arena_printf(r->arena, "@%.*s", KITH_S(handle));
	kith_buf b = {0};
	put_initials(&b, j, KITH_NONE, handle);
	return buf_to_arena(r, &b);
}

/* The contact named by the handle run p[0..*n), trimming trailing '.', '_'
 * and '-' (sentence punctuation) until one matches. */
static uint32_t mention_at(const kith_journal *j, const char *p, size_t *n)
{
	size_t len = *n;
	while (len > 0) {
		uint32_t c = kith_find_contact(j, (kith_str){p, (uint32_t)len});
		if (c != KITH_NONE) {
			*n = len;
			return c;
		}
		char last = p[len - 1];
		if (last != '.' && last != '_' && last != '-')
			break;
		len--;
	}
	return KITH_NONE;
}

/* Compares n bytes ignoring case for ASCII and the Latin-1 letters
 * (U+00C0-U+00DE against U+00E0-U+00FE: "INÊS" is "Inês"). */
static int name_casecmp(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
		if (i > 0 && (unsigned char)a[i - 1] == 0xC3 &&
		    (unsigned char)b[i - 1] == 0xC3) {
			if (x >= 0x80 && x <= 0x9E && x != 0x97)
				x += 0x20;
			if (y >= 0x80 && y <= 0x9E && y != 0x97)
				y += 0x20;
		} else {
			x = (unsigned char)tolower(x);
			y = (unsigned char)tolower(y);
		}
		if (x != y)
			return x < y ? -1 : 1;
	}
	return 0;
}

/* The contact whose full name is written at p[0..n) as a whole word (a
 * published report must not name people in notes either), or KITH_NONE.
 * Names of one word are left alone: "Mei" may be anyone's word. */
static uint32_t name_at(const kith_journal *j, const char *p, size_t n,
                        size_t *len)
{
	for (uint32_t c = 0; c < j->contacts.n; c++) {
		kith_str name = j->contacts.v[c].name.s;
		/* in any case: "dana kim" and "DANA KIM" name her too */
		if (name.n < 3 || name.n > n || !memchr(name.p, ' ', name.n) ||
		    name_casecmp(p, name.p, name.n) != 0)
			continue;
		if (name.n < n && is_word_char((unsigned char)p[name.n]) &&
		    p[name.n] != '.' && p[name.n] != '-')
			continue;
		*len = name.n;
		return c;
	}
	return KITH_NONE;
}

/* The first word of a contact's name when it can stand for them in a
 * text: capitalised and at least 3 bytes ("Dana" in "Dana Kim"); else
 * an empty slice. */
static kith_str first_name(kith_str name)
{
	uint32_t n = 0;
	while (n < name.n && name.p[n] != ' ' && name.p[n] != '\t')
		n++;
	unsigned char ch = name.n ? (unsigned char)name.p[0] : 0;
	if (n < 3 || !(isupper(ch) || (ch & 0x80)))
		return (kith_str){name.p, 0};
	return (kith_str){name.p, n};
}

/* Is word w (at least 3 bytes) written at p[0..n) as a whole word, in
 * any case ("Dana", "DANA", "Dana's"; not "Danas")? The caller only
 * looks at words that start with a capital. */
static int word_at(kith_str w, const char *p, size_t n)
{
	if (w.n < 3 || w.n > n || name_casecmp(p, w.p, w.n) != 0)
		return 0;
	if (w.n < n && is_word_char((unsigned char)p[w.n]) && p[w.n] != '.' &&
	    p[w.n] != '-')
		return 0;
	return 1;
}

/* The contact whose first name, or whose handle written as a name
 * ("Olu" for @olu, a nickname), stands at p[0..n) as a whole word, or
 * KITH_NONE. Published notes say "Lunch with Dana" more often than the
 * full name. */
static uint32_t first_name_at(const kith_journal *j, const char *p, size_t n,
                              size_t *len)
{
	for (uint32_t c = 0; c < j->contacts.n; c++) {
		kith_str f = first_name(j->contacts.v[c].name.s);
		kith_str h = j->contacts.v[c].handle;
		if (word_at(f, p, n)) {
			*len = f.n;
			return c;
		}
		if (word_at(h, p, n)) {
			*len = h.n;
			return c;
		}
	}
	return KITH_NONE;
}

/* A word starts at i: a name there is a whole word, not a suffix. */
static int word_start(kith_str text, uint32_t i)
{
	unsigned char ch = (unsigned char)text.p[i];
	if (!(isalpha(ch) || (ch & 0x80)))
		return 0;
	return i == 0 || !is_word_char((unsigned char)text.p[i - 1]);
}

/* A full name counts in any case; a first name or a handle only when
 * capitalised ("Dana", "DANA"), as "dana" may be an ordinary word. */
static int capital(unsigned char ch)
{
	return isupper(ch) || (ch & 0x80);
}

/* Contact c's initials in place of text up to i; returns where to go on. */
static uint32_t put_initials_at(kith_buf *b, const kith_journal *j, uint32_t c,
                                kith_str text, uint32_t i)
{
	put_initials(b, j, c, j->contacts.v[c].handle);
	/* "@carol." ends a sentence: "C.D." already ends in a dot. */
	if (i < text.n && text.p[i] == '.' && b->n && b->p[b->n - 1] == '.' &&
	    (i + 1 == text.n || isspace((unsigned char)text.p[i + 1])))
		i++;
	return i;
}

/* One @handle at text.p[k] ('@'), written to b as initials; returns the
 * index after it, or 0 when it is no mention. */
static uint32_t redact_mention(kith_buf *b, const kith_journal *j,
                               kith_str text, uint32_t k)
{
	size_t n = 0;
	while (k + 1 + n < text.n &&
	       is_handle_char((unsigned char)text.p[k + 1 + n]))
		n++;
	int email = k > 0 && is_word_char((unsigned char)text.p[k - 1]);
	uint32_t c = KITH_NONE;
	if (!email && n > 0)
		c = mention_at(j, text.p + k + 1, &n);
	if (c == KITH_NONE)
		return 0;
	return put_initials_at(b, j, c, text, k + 1 + (uint32_t)n);
}

const char *kith_redact_text(kith_report *r, const kith_journal *j,
                             kith_str text, int redact)
{
	if (!text.p)
		return "";
	if (!redact)
		return kith_arena_strndup(r->arena, text.p, text.n);
	kith_buf b = {0};
	uint32_t i = 0;
	while (i < text.n) {
		uint32_t next = 0;
		if (text.p[i] == '@') {
			next = redact_mention(&b, j, text, i);
		} else if (word_start(text, i)) {
			size_t len = 0;
			uint32_t c = name_at(j, text.p + i, text.n - i, &len);
			if (c == KITH_NONE && capital((unsigned char)text.p[i]))
				c = first_name_at(j, text.p + i, text.n - i,
				                  &len);
			if (c != KITH_NONE)
				next = put_initials_at(&b, j, c, text,
				                       i + (uint32_t)len);
		}
		if (next) {
			i = next;
			continue;
		}
		kith_buf_putc(&b, text.p[i]);
		i++;
	}
	return buf_to_arena(r, &b);
}

const char *kith_disp_who_list(kith_report *r, const kith_journal *j,
                               const kith_refs *refs, int redact)
{
	kith_buf b = {0};
	for (uint32_t i = 0; i < refs->n; i++) {
		if (i)
			kith_buf_puts(&b, ", ");
		kith_buf_puts(&b,
		              kith_disp_who_ref(r, j, refs->v[i].s, redact));
	}
	return buf_to_arena(r, &b);
}

const char *kith_disp_names(kith_report *r, const kith_refs *refs)
{
	if (refs->n == 0)
		return NULL;
	kith_buf b = {0};
	for (uint32_t i = 0; i < refs->n; i++) {
		if (i)
			kith_buf_puts(&b, ", ");
		kith_buf_put(&b, refs->v[i].s.p, refs->v[i].s.n);
	}
	return buf_to_arena(r, &b);
}

kith_str kith_disp_kind(const kith_interaction *ix)
{
	if (!ix->kind.s.p || ix->kind.s.n == 0)
		return kith_str_c("note");
	return ix->kind.s;
}

int kith_disp_involves(const kith_journal *j, const kith_interaction *ix,
                       uint32_t c)
{
	kith_str h = j->contacts.v[c].handle;
	for (uint32_t i = 0; i < ix->with.n; i++)
		if (kith_str_eq(ix->with.v[i].s, h))
			return 1;
	for (uint32_t i = 0; i < ix->mentions.n; i++)
		if (kith_str_eq(ix->mentions.v[i].s, h))
			return 2;
	return 0;
}

int kith_disp_at_event(const kith_journal *j, const kith_interaction *ix,
                       uint32_t e)
{
	if (!ix->event.s.p)
		return 0;
	return kith_str_eq(ix->event.s, j->events.v[e].id);
}

typedef struct {
	kith_day date;
	int minute;
	uint32_t file, line, idx;
} chrono_key;

static int chrono_cmp(const void *a, const void *b)
{
	const chrono_key *x = a, *y = b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->minute != y->minute)
		return x->minute < y->minute ? -1 : 1;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

uint32_t *kith_disp_chrono(const kith_journal *j, uint32_t *n)
{
	uint32_t cnt = j->interactions.n;
	chrono_key *keys = kith_xcalloc(cnt ? cnt : 1, sizeof(*keys));
	for (uint32_t i = 0; i < cnt; i++) {
		const kith_interaction *ix = &j->interactions.v[i];
		keys[i] = (chrono_key){ix->date, ix->minute, ix->file,
		                       ix->pos.line, i};
	}
	qsort(keys, cnt, sizeof(*keys), chrono_cmp);
	uint32_t *out = kith_xcalloc(cnt ? cnt : 1, sizeof(*out));
	for (uint32_t i = 0; i < cnt; i++)
		out[i] = keys[i].idx;
	free(keys);
	*n = cnt;
	return out;
}

const char *kith_disp_day(kith_report *r, kith_day d)
{
	if (d == KITH_NO_DAY)
		return "";
	char buf[11];
	kith_date_fmt(d, buf);
	return kith_arena_strdup(r->arena, buf);
}

const char *kith_disp_source(kith_report *r, const kith_journal *j,
                             kith_pos pos)
{
	const char *path = "?";
	if (pos.file < j->files.n) {
		const kith_file *f = &j->files.v[pos.file];
		path = f->display ? f->display : f->path;
	}
	return kith_arena_printf(r->arena, "%s:%u", path, (unsigned)pos.line);
}

const char *kith_disp_period(kith_report *r, kith_period p)
{
	static const kith_per pers[] = {KITH_PER_MONTH, KITH_PER_QUARTER,
	                                KITH_PER_YEAR, KITH_PER_WEEK};
	if (p.from == p.to)
		return kith_disp_day(r, p.from);
	for (size_t i = 0; i < KITH_ARRAY_LEN(pers); i++) {
		kith_period b = kith_bucket_of(pers[i], p.from);
		if (b.from == p.from && b.to == p.to) {
			char label[16];
			kith_bucket_label(pers[i], p.from, label);
			return kith_arena_strdup(r->arena, label);
		}
	}
	char a[11], z[11];
	kith_date_fmt(p.from, a);
	kith_date_fmt(p.to, z);
	return kith_arena_printf(r->arena, "%s..%s", a, z);
}

void kith_disp_cell_str(kith_report *r, kith_cell *c, kith_str s)
{
	if (s.p && s.n)
		kith_cell_textn(r, c, s.p, s.n);
}

void kith_disp_cell_redact(kith_report *r, const kith_journal *j, kith_cell *c,
                           kith_str s, int redact)
{
	if (s.p && s.n)
		kith_cell_text(r, c, kith_redact_text(r, j, s, redact));
}

const char *kith_disp_fu_text(kith_report *r, const kith_journal *j,
                              const kith_fu *f, int redact)
{
	if (f->source == KITH_FU_TASK && f->followup < j->followups.n)
		return kith_redact_text(
		    r, j, j->followups.v[f->followup].text.s, redact);
	kith_str kind = kith_str_c("follow-up");
	if (f->rule < j->rules.n && j->rules.v[f->rule].expect.s.p)
		kind = j->rules.v[f->rule].expect.s;
	return kith_arena_printf(r->arena, "%.*s to %s", KITH_S(kind),
	                         kith_who(r, j, f->contact, redact));
}

int kith_disp_fu_concerns(const kith_journal *j, const kith_fu *f, uint32_t c)
{
	if (f->source == KITH_FU_RULE)
		return f->contact == c;
	if (f->followup >= j->followups.n)
		return 0;
	const kith_followup *fu = &j->followups.v[f->followup];
	kith_str h = j->contacts.v[c].handle;
	if (fu->who.n > 0) {
		for (uint32_t i = 0; i < fu->who.n; i++)
			if (kith_str_eq(fu->who.v[i].s, h))
				return 1;
		return 0;
	}
	if (fu->interaction >= j->interactions.n)
		return 0;
	return kith_disp_involves(j, &j->interactions.v[fu->interaction], c) ==
	       1;
}

int kith_disp_checkpoint(kith_report *r, const kith_journal *j,
                         const kith_goal *g, const kith_checkpoint *cp,
                         kith_day as_of, const kith_fus *fus,
                         const char **expect, const char **actual)
{
	kith_buf e = {0}, a = {0};
	int v = kith_checkpoint_eval(j, g, cp, as_of, fus, &e, &a, NULL);
	*expect = buf_to_arena(r, &e);
	*actual = buf_to_arena(r, &a);
	return v;
}

void kith_disp_init(kith_report *r, const kith_journal *j, const kith_opts *o)
{
	r->as_of = o->as_of;
	r->redacted = o->redact != 0;
	/* Redaction is for publishing: it wins over --private. */
	r->private_fields = o->private_fields && !o->redact;
	if (j->owner.s.p && j->owner.s.n)
		r->owner =
		    kith_arena_strndup(r->arena, j->owner.s.p, j->owner.s.n);
	if (j->owner_email.s.p && j->owner_email.s.n)
		r->owner_email = kith_arena_strndup(
		    r->arena, j->owner_email.s.p, j->owner_email.s.n);
	r->from = r->to = KITH_NO_DAY;
}

void kith_disp_verdict_cell(kith_report *r, kith_cell *c, int verdict)
{
	static const char *const names[] = {"upcoming", "missed", "met"};
	static const kith_style styles[] = {KITH_STYLE_DIM, KITH_STYLE_BAD,
	                                    KITH_STYLE_GOOD};
	if (verdict < -1 || verdict > 1)
		return;
	kith_cell_text(r, c, names[verdict + 1]);
	c->style = styles[verdict + 1];
}

typedef struct {
	kith_day date;
	kith_str id;
	uint32_t idx;
} event_key;

static int event_cmp(const void *a, const void *b)
{
	const event_key *x = a, *y = b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	int c = kith_str_cmp(x->id, y->id);
	return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

uint32_t *kith_disp_events_by_date(const kith_journal *j)
{
	uint32_t n = j->events.n;
	event_key *keys = kith_xcalloc(n ? n : 1, sizeof(*keys));
	for (uint32_t i = 0; i < n; i++)
		keys[i] =
		    (event_key){j->events.v[i].date.day, j->events.v[i].id, i};
	qsort(keys, n, sizeof(*keys), event_cmp);
	uint32_t *out = kith_xcalloc(n ? n : 1, sizeof(*out));
	for (uint32_t i = 0; i < n; i++)
		out[i] = keys[i].idx;
	free(keys);
	return out;
}

void kith_disp_limit_warning(kith_report *r, uint32_t n)
{
	if (n == 0)
		return;
	kith_report_fact(
	    r, "warning",
	    kith_arena_printf(r->arena,
	                      "the query's regular expression hit its match "
	                      "limit on %u item%s; results may be incomplete",
	                      n, n == 1 ? "" : "s"));
}

void kith_disp_metric_limit_warnings(kith_report *r, const kith_goal *g)
{
	for (uint32_t i = 0; i < g->metrics.n; i++) {
		const kith_metric *m = &g->metrics.v[i];
		uint32_t n = kith_query_limit_items(m->q);
		if (n == 0)
			continue;
		kith_report_fact(
		    r, "warning",
		    kith_arena_printf(
		        r->arena,
		        "goal %.*s, metric %.*s: the where: regular expression "
		        "hit its match limit on %u item%s; results may be "
		        "incomplete",
		        KITH_S(g->id), KITH_S(m->id), n, n == 1 ? "" : "s"));
	}
}
