/* How contacts are shown in reports: "@handle" or, redacted, initials;
 * @mentions in free text replaced by initials under --redact; lists of
 * participants and of names joined for one cell. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "compute/compute.h"
#include "util/text.h"

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

const char *kith_disp_buf(kith_report *r, kith_buf *b)
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
		return kith_arena_cat(r->arena,
		                      (kith_str[]){{"@", 1}, k->handle}, 2);
	kith_buf b = {0};
	put_initials(&b, j, contact, k->handle);
	return kith_disp_buf(r, &b);
}

const char *kith_disp_who_ref(kith_report *r, const kith_journal *j,
                              kith_str handle, int redact)
{
	/* Unredacted, a contact found is shown by its handle, which the
	 * index matched byte for byte: "@" and the handle as written, found
	 * or not, with no look-up. */
	if (!redact && !(handle.n && handle.p[0] == '@'))
		return kith_arena_cat(r->arena, (kith_str[]){{"@", 1}, handle},
		                      2);
	uint32_t c = kith_find_contact(j, handle);
	if (c != KITH_NONE)
		return kith_who(r, j, c, redact);
	if (!redact)
		return kith_arena_printf(r->arena, "@%.*s", KITH_S(handle));
	kith_buf b = {0};
	put_initials(&b, j, KITH_NONE, handle);
	return kith_disp_buf(r, &b);
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
	return kith_disp_buf(r, &b);
}

const char *kith_disp_who_list(kith_report *r, const kith_journal *j,
                               const kith_refs *refs, int redact)
{
	if (refs->n == 1) /* the common case: no list to build */
		return kith_disp_who_ref(r, j, refs->v[0].s, redact);
	kith_buf b = {0};
	for (uint32_t i = 0; i < refs->n; i++) {
		if (i)
			kith_buf_puts(&b, ", ");
		kith_buf_puts(&b,
		              kith_disp_who_ref(r, j, refs->v[i].s, redact));
	}
	return kith_disp_buf(r, &b);
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
	return kith_disp_buf(r, &b);
}
