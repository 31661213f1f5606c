/* What an import does to a journal: people matched to contacts (by
 * email, then exact name) or given new handles, events turned into
 * entries, all as text changes at positions the loader recorded, so the
 * user's comments and layout stay as they are. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "import/plan.h"

const char *const kith_import_action_names[KITH_IMPORT__COUNT] = {
    "added", "updated", "skipped"};

void kith_import_plan_free(kith_import_plan *p)
{
	if (p)
		kith_vec_free(&p->rows);
}

static void row(kith_import_plan *p, kith_import_action a, const char *source,
                uint32_t line, const char *handle, const char *what,
                const char *why)
{
	kith_import_row *r = kith_vec_push(&p->rows);
	r->source = source;
	r->action = a;
	r->line = line;
	r->handle = handle;
	r->what = what;
	r->why = why;
	p->count[a]++;
}

/* ---- ASCII handles ---- */

/* Latin letters with marks, U+00C0..U+017F, as the ASCII letter a reader
 * would type ('-': none). */
static const char latin1[] = "aaaaaaaceeeeiiiidnooooo-ouuuuyts"
                             "aaaaaaaceeeeiiiidnooooo-ouuuuyty";
static const char latin_ext_a[] =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllllllln"
    "nnnnnnnnoooooooorrrrrrsssssssstttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/* Lowercase ASCII letters and digits of the UTF-8 text p[0..n). */
static void ascii_fold(const char *p, size_t n, kith_buf *out)
{
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)p[i];
		unsigned cp = 0;
		size_t len = 1;
		if (c < 0x80)
			cp = c;
		else if ((c & 0xE0) == 0xC0 && i + 1 < n)
			cp = (c & 0x1Fu) << 6 |
			     ((unsigned char)p[i + 1] & 0x3Fu),
			len = 2;
		else
			len = (c & 0xF0) == 0xE0   ? 3
			      : (c & 0xF8) == 0xF0 ? 4
			                           : 1;
		i += len;
		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
			kith_buf_putc(out, (int)cp);
		else if (cp >= 0xC0 && cp <= 0xFF && latin1[cp - 0xC0] != '-')
			kith_buf_putc(out, latin1[cp - 0xC0]);
		else if (cp >= 0x100 && cp <= 0x17F)
			kith_buf_putc(out, latin_ext_a[cp - 0x100]);
	}
}

static int taken_by(const kith_journal *j, const kith_map *taken, const char *h)
{
	kith_str s = kith_str_c(h);
	uint32_t v;
	return kith_find_contact(j, s) != KITH_NONE ||
	       kith_map_get(taken, s, &v);
}

char *kith_import_handle(kith_arena *a, const kith_journal *j,
                         const kith_map *taken, const char *name,
                         const char *email)
{
	kith_buf first = {0}, last = {0};
	char *h = NULL;
	const char *sp = name ? strchr(name, ' ') : NULL;
	const char *ls = name ? strrchr(name, ' ') : NULL;
	if (name)
		ascii_fold(name, sp ? (size_t)(sp - name) : strlen(name),
		           &first);
	if (ls)
		ascii_fold(ls + 1, strlen(ls + 1), &last);
	if (!first.n && email)
		ascii_fold(email, strcspn(email, "@+"), &first);
	if (!first.n)
		kith_buf_puts(&first, "contact");
	if (first.n > 40)
		first.n = 40; /* room for "-2", "-w"; handles stop at 64 */
	kith_buf_cstr(&first);
	if (!taken_by(j, taken, first.p))
		h = kith_arena_strdup(a, first.p);
	else if (last.n && !taken_by(j, taken,
	                             h = kith_arena_printf(a, "%s-%c", first.p,
	                                                   last.p[0])))
		; /* alice-w */
	else
		for (unsigned k = 2;; k++)
			if (!taken_by(
			        j, taken,
			        h = kith_arena_printf(a, "%s-%u", first.p, k)))
				break;
	kith_buf_free(&first);
	kith_buf_free(&last);
	return h;
}

/* ---- YAML text ---- */

/* One line of text: runs of white space (line breaks too) as one space. */
static char *one_line(kith_arena *a, const char *s)
{
	kith_buf b = {0};
	char *r;
	for (; *s; s++) {
		int ws = (unsigned char)*s < 0x20 || *s == 0x7F || *s == ' ';
		if (ws) {
			if (b.n && b.p[b.n - 1] != ' ')
				kith_buf_putc(&b, ' ');
		} else
			kith_buf_putc(&b, *s);
	}
	while (b.n && b.p[b.n - 1] == ' ')
		b.n--;
	r = kith_arena_strndup(a, b.p ? b.p : "", b.n);
	kith_buf_free(&b);
	return r;
}

/* The code point at s (valid UTF-8) and its length. */
static unsigned utf8_at(const char *s, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;
	if (u[0] < 0x80 || !u[1]) {
		*len = 1;
		return u[0];
	}
	if ((u[0] & 0xE0) == 0xC0) {
		*len = 2;
		return (u[0] & 0x1Fu) << 6 | (u[1] & 0x3Fu);
	}
	if ((u[0] & 0xF0) == 0xE0 && u[2]) {
		*len = 3;
		return (u[0] & 0x0Fu) << 12 | (u[1] & 0x3Fu) << 6 |
		       (u[2] & 0x3Fu);
	}
	*len = (u[0] & 0xF8) == 0xF0 && u[2] && u[3] ? 4 : 1;
	return 0x10000; /* beyond the BMP: printable */
}

/* Characters written only as escapes: those YAML does not allow
 * unescaped (libyaml's "printable"), and the line breaks besides '\n'
 * (NEL, LS, PS), which end a plain scalar or a block's line and fold to
 * a space inside quotes. */
static int yaml_unprintable(unsigned cp)
{
	return (cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7F ||
	       (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
	       cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF;
}

static int has_unprintable(const char *s)
{
	for (size_t n; *s; s += n)
		if (yaml_unprintable(utf8_at(s, &n)) && *s != '\n' &&
		    *s != '\t')
			return 1;
	return 0;
}

static void yaml_quoted(kith_buf *b, const char *s)
{
	size_t len;
	kith_buf_putc(b, '"');
	for (; *s; s += len) {
		unsigned char c = (unsigned char)*s;
		unsigned cp = utf8_at(s, &len);
		if (len > 1 || cp >= 0x80) {
			if (yaml_unprintable(cp))
				kith_buf_printf(b, "\\u%04X", cp);
			else
				kith_buf_put(b, s, len);
		} else if (c == '"' || c == '\\')
			kith_buf_printf(b, "\\%c", c);
		else if (c == '\n')
			kith_buf_puts(b, "\\n");
		else if (c == '\t')
			kith_buf_puts(b, "\\t");
		else if (c < 0x20 || c == 0x7F)
			kith_buf_printf(b, "\\x%02x", c);
		else
			kith_buf_putc(b, c);
	}
	kith_buf_putc(b, '"');
}

/* In a flow list ([a, b]) libyaml ends or rejects a plain scalar at a
 * ':' followed by an indicator ("a::b", "a:?b"), so there a ':' is left
 * plain only before a letter, a digit or '/' (as in a URL). */
static int flow_colon_ok(const char *s)
{
	for (const char *c = strchr(s, ':'); c; c = strchr(c + 1, ':'))
		if (!isalnum((unsigned char)c[1]) && c[1] != '/')
			return 0;
	return 1;
}

/* A scalar plain when YAML reads it back unchanged, else double-quoted;
 * flow when it is an item of a flow list. */
static void yaml_scalar_in(kith_buf *b, const char *s, int flow)
{
	size_t n = strlen(s);
	int plain = n > 0 && !strchr("-?:,[]{}#&*!|>'\"%@`", s[0]) &&
	            s[0] != ' ' && s[n - 1] != ' ' && s[n - 1] != ':' &&
	            !strpbrk(s, ",[]{}\"'\\#\t\r\n") && !strstr(s, ": ");
	plain = plain && !has_unprintable(s) && (!flow || flow_colon_ok(s));
	if (plain)
		kith_buf_puts(b, s);
	else
		yaml_quoted(b, s);
}

static void yaml_scalar(kith_buf *b, const char *s)
{
	yaml_scalar_in(b, s, 0);
}

static void yaml_list(kith_buf *b, const kith_import_strs *v)
{
	kith_buf_putc(b, '[');
	for (uint32_t i = 0; i < v->n; i++) {
		if (i)
			kith_buf_puts(b, ", ");
		yaml_scalar_in(b, v->v[i], 1);
	}
	kith_buf_putc(b, ']');
}

/* Notes as a literal block, or quoted when a block cannot hold them. */
static void yaml_notes(kith_buf *b, const char *s, int indent)
{
	kith_buf t = {0};
	int block = 1;
	for (const char *p = s; *p; p++)
		if (*p != '\r')
			kith_buf_putc(&t, *p);
	while (t.n && (t.p[t.n - 1] == '\n' || t.p[t.n - 1] == ' '))
		t.n--;
	kith_buf_cstr(&t);
	if (!t.n || t.p[0] == ' ' || t.p[0] == '\n' || strchr(t.p, '\t') ||
	    has_unprintable(t.p))
		block = 0;
	for (size_t i = 0; block && i + 1 < t.n; i++)
		if ((t.p[i] == ' ' && t.p[i + 1] == '\n') ||
		    (t.p[i] < 0x20 && t.p[i] != '\n'))
			block = 0;
	if (!block) {
		yaml_quoted(b, t.p ? t.p : "");
		kith_buf_putc(b, '\n');
		kith_buf_free(&t);
		return;
	}
	kith_buf_puts(b, "|\n");
	for (const char *p = t.p; *p;) {
		size_t n = strcspn(p, "\n");
		if (n)
			kith_buf_printf(b, "%*s%.*s\n", indent, "", (int)n, p);
		else
			kith_buf_putc(b, '\n');
		p += n + (p[n] == '\n');
	}
	kith_buf_free(&t);
}

/* A tag word: lowercase ASCII, runs of other characters as '-'. */
static char *tag_word(kith_arena *a, const char *s)
{
	kith_buf b = {0};
	char *r;
	for (const char *p = s; *p;) {
		size_t n = strcspn(p, " \t_/&,.");
		ascii_fold(p, n, &b);
		p += n;
		if (*p) {
			if (b.n && b.p[b.n - 1] != '-')
				kith_buf_putc(&b, '-');
			p++;
		}
	}
	while (b.n && b.p[b.n - 1] == '-')
		b.n--;
	r = b.n ? kith_arena_strndup(a, b.p, b.n) : NULL;
	kith_buf_free(&b);
	return r;
}

/* ---- the fields a person brings ---- */

typedef enum {
	F_ORG,
	F_TITLE,
	F_TAGS,
	F_MET,
	F_EMAIL,
	F_PHONE,
	F_LINKS,
	F_BIRTHDAY,
	F_NOTES,
	F__COUNT
} field;
static const char *const field_names[F__COUNT] = {"org",   "title",    "tags",
                                                  "met",   "email",    "phone",
                                                  "links", "birthday", "notes"};

typedef struct {
	kith_arena *a;
	const kith_import_person *p;
	kith_import_strs tags;  /* as tag words */
	kith_import_strs links; /* the ones kith accepts */
} person_view;

static int has_field(const person_view *v, field f)
{
	const kith_import_person *p = v->p;
	switch (f) {
	case F_ORG:
		return p->org && *one_line(v->a, p->org);
	case F_TITLE:
		return p->title && *one_line(v->a, p->title);
	case F_TAGS:
		return v->tags.n > 0;
	case F_MET:
		return p->met != KITH_NO_DAY;
	case F_EMAIL:
		return p->emails.n > 0;
	case F_PHONE:
		return p->phones.n > 0;
	case F_LINKS:
		return v->links.n > 0;
	case F_BIRTHDAY:
		return p->bday_month > 0;
	case F_NOTES:
		return p->note && *p->note;
	case F__COUNT:
		break;
	}
	return 0;
}

static void put_field(kith_buf *b, const person_view *v, field f, int indent)
{
	const kith_import_person *p = v->p;
	char ds[11];
	kith_buf_printf(b, "%*s%s: ", indent, "", field_names[f]);
	switch (f) {
	case F_ORG:
		yaml_scalar(b, one_line(v->a, p->org));
		break;
	case F_TITLE:
		yaml_scalar(b, one_line(v->a, p->title));
		break;
	case F_TAGS:
		yaml_list(b, &v->tags);
		break;
	case F_MET:
		kith_date_fmt(p->met, ds);
		kith_buf_puts(b, ds);
		break;
	case F_EMAIL:
		yaml_scalar(b, p->emails.v[0]);
		break;
	case F_PHONE:
		yaml_quoted(b, one_line(v->a, p->phones.v[0]));
		break;
	case F_LINKS:
		yaml_list(b, &v->links);
		break;
	case F_BIRTHDAY:
		if (p->bday_year)
			kith_buf_printf(b, "%04d-", p->bday_year);
		kith_buf_printf(b, "%02d-%02d", p->bday_month, p->bday_day);
		break;
	case F_NOTES:
		yaml_notes(b, p->note, indent + 2);
		return;
	case F__COUNT:
		break;
	}
	kith_buf_putc(b, '\n');
}

/* Is the contact's field f empty? */
static int contact_lacks(const kith_contact *c, field f)
{
	switch (f) {
	case F_ORG:
		return !c->org.s.p;
	case F_TITLE:
		return !c->title.s.p;
	case F_TAGS:
		return c->tags.n == 0;
	case F_MET:
		return c->met.day == KITH_NO_DAY;
	case F_EMAIL:
		return !c->email.s.p;
	case F_PHONE:
		return !c->phone.s.p;
	case F_LINKS:
		return c->links.n == 0;
	case F_BIRTHDAY:
		return c->bday_month == 0;
	case F_NOTES:
		return !c->notes.s.p;
	case F__COUNT:
		break;
	}
	return 0;
}

/* Address-book groups that say nothing about the person. */
static int system_group(const char *t)
{
	return !strcasecmp(t, "myContacts") || !strcasecmp(t, "starred");
}

static char *link_of(kith_arena *a, const char *s);

static void view_init(person_view *v, kith_arena *a,
                      const kith_import_person *p)
{
	memset(v, 0, sizeof *v);
	v->a = a;
	v->p = p;
	for (uint32_t i = 0; i < p->tags.n; i++) {
		char *w = system_group(p->tags.v[i])
		              ? NULL
		              : tag_word(a, p->tags.v[i]);
		int dup = 0;
		for (uint32_t k = 0; w && k < v->tags.n; k++)
			dup |= !strcmp(v->tags.v[k], w);
		if (w && !dup)
			*kith_vec_push(&v->tags) = w;
	}
	for (uint32_t i = 0; i < p->links.n; i++) {
		char *l = link_of(a, p->links.v[i]);
		if (l)
			*kith_vec_push(&v->links) = l;
	}
}

/* A link as kith accepts it (http, https, mailto or tel, no spaces):
 * "www.example.com" gains https://; anything else is dropped (NULL). */
static char *link_of(kith_arena *a, const char *s)
{
	static const char *const schemes[] = {"http://", "https://",
	                                      "mailto:", "tel:"};
	if (!*s)
		return NULL;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7F)
			return NULL;
	for (size_t i = 0; i < KITH_ARRAY_LEN(schemes); i++)
		if (!strncasecmp(s, schemes[i], strlen(schemes[i])))
			return strlen(s) > strlen(schemes[i])
			           ? kith_arena_strdup(a, s)
			           : NULL;
	if (strchr(s, ':') || !strchr(s, '.'))
		return NULL; /* another scheme, or not an address */
	return kith_arena_printf(a, "https://%s", s);
}

/* ---- where contacts go ---- */

static const char *line_at(const kith_file *f, uint32_t ln, size_t *n)
{
	const char *p = f->text, *end = f->text + f->len;
	for (uint32_t l = 1; l < ln && p < end; l++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	*n = nl ? (size_t)(nl - p) : (size_t)(end - p);
	if (*n && p[*n - 1] == '\r')
		(*n)--;
	return p;
}

static uint32_t nlines(const kith_file *f)
{
	uint32_t l = 0;
	for (size_t i = 0; i < f->len; i++)
		l += f->text[i] == '\n';
	return l + (f->len && f->text[f->len - 1] != '\n');
}

/* The indentation of the line of field v, or dflt when v shares the line
 * of its contact's handle (flow style) or is absent. */
static int field_indent(const kith_journal *j, const kith_contact *c, int dflt)
{
	size_t n, k = 0;
	if (!c->name.s.p || c->name.pos.line <= c->pos.line)
		return dflt;
	const char *p = line_at(&j->files.v[c->file], c->name.pos.line, &n);
	while (k < n && p[k] == ' ')
		k++;
	return (int)k;
}

/* The last line of a mapping entry at line ln indented by indent: the
 * lines after it that are blank or indented deeper belong to it. */
static uint32_t block_end(const kith_file *f, uint32_t ln, uint32_t indent)
{
	uint32_t last = ln, total = nlines(f);
	for (uint32_t l = ln + 1; l <= total; l++) {
		size_t n, k = 0;
		const char *p = line_at(f, l, &n);
		while (k < n && p[k] == ' ')
			k++;
		if (k == n)
			continue; /* blank */
		if (k <= indent)
			break;
		last = l;
	}
	return last;
}

typedef struct {
	uint32_t file; /* KITH_NONE: none yet */
	uint32_t line; /* insert before this line */
	uint32_t del;  /* a 'contacts: {}' line replaced */
	int indent, field_indent;
	const char *head; /* "contacts:\n" when the section is new */
} contacts_spot;

static void spot_for_section(const kith_journal *j, contacts_spot *s)
{
	for (uint32_t f = 0; f < j->files.n; f++) {
		const kith_file *fl = &j->files.v[f];
		uint32_t total = fl->type == KITH_FILE_YAML ? nlines(fl) : 0;
		for (uint32_t l = 1; l <= total; l++) {
			size_t n;
			const char *p = line_at(fl, l, &n);
			if (n < 9 || memcmp(p, "contacts:", 9) != 0)
				continue;
			s->file = f;
			s->line = l + 1;
			if (n > 9 && memchr(p + 9, '{', n - 9)) {
				s->line = l; /* contacts: {} */
				s->del = 1;
				s->head = "contacts:\n";
			}
			return;
		}
	}
	s->file = 0; /* the root file gets the section */
	s->line = nlines(&j->files.v[0]) + 1;
	s->head = "contacts:\n";
}

/* After the last contact of the file that holds the last contact. */
static void find_spot(const kith_journal *j, contacts_spot *s)
{
	const kith_contact *last = NULL;
	memset(s, 0, sizeof *s);
	s->indent = 2;
	s->field_indent = 4;
	for (uint32_t i = 0; i < j->contacts.n; i++) {
		const kith_contact *c = &j->contacts.v[i];
		if (j->files.v[c->file].type != KITH_FILE_YAML)
			continue;
		if (!last || c->file > last->file ||
		    (c->file == last->file && c->pos.line > last->pos.line))
			last = c;
	}
	if (!last) {
		spot_for_section(j, s);
		return;
	}
	s->file = last->file;
	s->indent = (int)last->pos.col - 1;
	s->field_indent = field_indent(j, last, s->indent + 2);
	s->line = block_end(&j->files.v[last->file], last->pos.line,
	                    (uint32_t)s->indent) +
	          1;
}

static void push_change(const kith_journal *j, kith_edit *e, uint32_t file,
                        uint32_t line, uint32_t del, const char *after)
{
	const kith_file *f = &j->files.v[file];
	kith_change *c = kith_vec_push(&e->v);
	memset(c, 0, sizeof *c);
	c->path = f->path;
	c->display = f->display;
	c->line = line;
	c->del = del;
	c->before = "";
	if (del) {
		size_t n;
		const char *p = line_at(f, line, &n);
		c->before = kith_arena_printf(e->arena, "%.*s\n", (int)n, p);
	}
	c->after = kith_arena_strdup(e->arena, after);
}

/* ---- matching ---- */

/* The journal's contacts by lowercase address and by exact name (names
 * held by several contacts are in `ambiguous`). */
typedef struct {
	kith_map email, name, ambiguous;
} contact_index;

static void index_contacts(const kith_journal *j, kith_arena *a,
                           contact_index *x)
{
	memset(x, 0, sizeof *x);
	for (uint32_t i = 0; i < j->contacts.n; i++) {
		const kith_contact *c = &j->contacts.v[i];
		if (c->email.s.p) {
			char *l =
			    kith_arena_strndup(a, c->email.s.p, c->email.s.n);
			for (char *q = l; *q; q++)
				if (*q >= 'A' && *q <= 'Z')
					*q = (char)(*q - 'A' + 'a');
			kith_map_put(&x->email, kith_str_c(l), i, NULL);
		}
		if (c->name.s.p && !kith_map_put(&x->name, c->name.s, i, NULL))
			kith_map_put(&x->ambiguous, c->name.s, i, NULL);
	}
}

/* Looks an address up whatever its case. */
static int email_get(const contact_index *x, const char *email, uint32_t *i)
{
	kith_buf b = {0};
	int found;
	for (const char *q = email; *q; q++)
		kith_buf_putc(&b, *q >= 'A' && *q <= 'Z' ? *q - 'A' + 'a' : *q);
	found = kith_map_get(&x->email,
	                     (kith_str){b.p ? b.p : "", (uint32_t)b.n}, i);
	kith_buf_free(&b);
	return found;
}

static void index_free(contact_index *x)
{
	kith_map_free(&x->email);
	kith_map_free(&x->name);
	kith_map_free(&x->ambiguous);
}

/* The contact with one of p's addresses, else
 * the one contact with p's name (*ambiguous set when several have it). */
static uint32_t match(const contact_index *x, const kith_import_person *p,
                      const char *name, const char **how, int *ambiguous)
{
	uint32_t i;
	*ambiguous = 0;
	for (uint32_t k = 0; k < p->emails.n; k++)
		if (email_get(x, p->emails.v[k], &i)) {
			*how = "matched by email";
			return i;
		}
	*how = "matched by name";
	if (kith_map_get(&x->ambiguous, kith_str_c(name), &i)) {
		*ambiguous = 1;
		return KITH_NONE;
	}
	return kith_map_get(&x->name, kith_str_c(name), &i) ? i : KITH_NONE;
}

typedef struct {
	const char *email; /* lowercase */
	uint32_t line;
	const char *handle;
} seen_email;

static void update_one(const kith_journal *j, kith_arena *a,
                       const person_view *v, uint32_t ci, int update,
                       kith_buf *fields, kith_buf *text, int *flow)
{
	const kith_contact *c = &j->contacts.v[ci];
	int indent = field_indent(j, c, (int)c->pos.col + 1);
	*flow = c->name.s.p && c->name.pos.line == c->pos.line;
	for (int f = 0; f < F__COUNT; f++)
		if (has_field(v, (field)f) && contact_lacks(c, (field)f)) {
			kith_buf_printf(fields, "%s%s", fields->n ? ", " : "",
			                field_names[f]);
			if (update)
				put_field(text, v, (field)f, indent);
		}
	(void)a;
}

void kith_import_contacts(const kith_journal *j, const kith_import_set *s,
                          int update, kith_import_plan *p, kith_edit *e)
{
	kith_map taken = {0};
	KITH_VEC(seen_email) seen = {0};
	KITH_VEC(uint32_t) updated = {0};
	kith_buf added = {0};
	contacts_spot spot;
	contact_index idx;
	find_spot(j, &spot);
	index_contacts(j, e->arena, &idx);
	for (uint32_t i = 0; i < s->people.n; i++) {
		const kith_import_person *ip = &s->people.v[i];
		const char *name = ip->name ? one_line(e->arena, ip->name) : "";
		const char *how, *dup = NULL;
		int amb, flow;
		uint32_t ci, dup_line = 0;
		person_view v;
		if (!*name) {
			row(p, KITH_IMPORT_SKIPPED, ip->source, ip->line, NULL,
			    ip->org ? one_line(e->arena, ip->org) : "(no name)",
			    "no name");
			continue;
		}
		for (uint32_t k = 0; k < ip->emails.n && !dup; k++)
			for (uint32_t m = 0; m < seen.n; m++)
				if (!strcasecmp(seen.v[m].email,
				                ip->emails.v[k])) {
					dup = seen.v[m].handle;
					dup_line = seen.v[m].line;
				}
		if (dup) {
			row(p, KITH_IMPORT_SKIPPED, ip->source, ip->line, dup,
			    name,
			    kith_arena_printf(e->arena,
			                      "same email as line %u (@%s)",
			                      dup_line, dup));
			continue;
		}
		view_init(&v, e->arena, ip);
		ci = match(&idx, ip, name, &how, &amb);
		if (amb) {
			row(p, KITH_IMPORT_SKIPPED, ip->source, ip->line, NULL,
			    name,
			    "several contacts have this name and none this "
			    "email; add the email to the right one");
		} else if (ci != KITH_NONE) {
			kith_buf fields = {0}, text = {0};
			const char *h = kith_arena_printf(
			    e->arena, "%.*s", KITH_S(j->contacts.v[ci].handle));
			int again = 0;
			for (uint32_t k = 0; k < updated.n; k++)
				again |= updated.v[k] == ci;
			update_one(j, e->arena, &v, ci, update && !again,
			           &fields, &text, &flow);
			if (!fields.n || again || (update && flow)) {
				row(p, KITH_IMPORT_SKIPPED, ip->source,
				    ip->line, h, name,
				    kith_arena_printf(
				        e->arena, "already @%s (%s%s)", h, how,
				        again ? ", updated above"
				        : fields.n && flow
				            ? "; written in flow style, fill "
				              "it in by hand"
				            : ""));
			} else if (!update) {
				row(p, KITH_IMPORT_SKIPPED, ip->source,
				    ip->line, h, name,
				    kith_arena_printf(e->arena,
				                      "already @%s (%s); "
				                      "--update would fill %s",
				                      h, how,
				                      kith_buf_cstr(&fields)));
			} else {
				const kith_contact *c = &j->contacts.v[ci];
				uint32_t end =
				    block_end(&j->files.v[c->file], c->pos.line,
				              c->pos.col - 1);
				*kith_vec_push(&updated) = ci;
				push_change(j, e, c->file, end + 1, 0,
				            kith_buf_cstr(&text));
				row(p, KITH_IMPORT_UPDATED, ip->source,
				    ip->line, h, name,
				    kith_arena_printf(e->arena, "%s (%s)",
				                      kith_buf_cstr(&fields),
				                      how));
			}
			kith_buf_free(&fields);
			kith_buf_free(&text);
		} else {
			char *h = kith_import_handle(
			    e->arena, j, &taken, name,
			    ip->emails.n ? ip->emails.v[0] : NULL);
			kith_map_put(&taken, kith_str_c(h), 0, NULL);
			kith_buf_printf(&added,
			                "%*s%s:\n%*sname: ", spot.indent, "", h,
			                spot.field_indent, "");
			yaml_scalar(&added, name);
			kith_buf_putc(&added, '\n');
			for (int f = 0; f < F__COUNT; f++)
				if (has_field(&v, (field)f))
					put_field(&added, &v, (field)f,
					          spot.field_indent);
			for (uint32_t k = 0; k < ip->emails.n; k++) {
				seen_email *se = kith_vec_push(&seen);
				se->email = ip->emails.v[k];
				se->line = ip->line;
				se->handle = h;
			}
			row(p, KITH_IMPORT_ADDED, ip->source, ip->line, h, name,
			    NULL);
		}
		kith_vec_free(&v.tags);
		kith_vec_free(&v.links);
	}
	if (added.n) {
		kith_buf all = {0};
		if (spot.head) {
			const kith_file *f = &j->files.v[spot.file];
			if (!spot.del && f->len && f->text[f->len - 1] != '\n')
				kith_buf_putc(&all, '\n');
			kith_buf_puts(&all, spot.head);
		}
		kith_buf_put(&all, added.p, added.n);
		kith_change *same = NULL;
		for (uint32_t k = 0; k < e->v.n; k++)
			if (!strcmp(e->v.v[k].path,
			            j->files.v[spot.file].path) &&
			    e->v.v[k].line == spot.line && !spot.del)
				same = &e->v.v[k];
		if (same) /* the last contact's new fields, then the new ones */
			same->after = kith_arena_printf(
			    e->arena, "%s%s", same->after, kith_buf_cstr(&all));
		else
			push_change(j, e, spot.file, spot.line, spot.del,
			            kith_buf_cstr(&all));
		kith_buf_free(&all);
	}
	kith_buf_free(&added);
	kith_vec_free(&seen);
	kith_vec_free(&updated);
	kith_map_free(&taken);
	index_free(&idx);
}

/* ---- events ---- */

/* The summary as an entry title: one line, and '@word'/'#word' put in
 * code spans so they are not read as participants, kinds or tags. */
static char *entry_title(kith_arena *a, const char *summary)
{
	const char *s = summary ? one_line(a, summary) : "";
	kith_buf b = {0};
	char *r;
	if (!*s)
		s = "(untitled event)";
	for (size_t i = 0; s[i];) {
		int sigil = (s[i] == '@' || s[i] == '#') &&
		            (i == 0 || s[i - 1] == ' ' || s[i - 1] == '(') &&
		            s[i + 1] && s[i + 1] != ' ';
		if (!sigil) {
			kith_buf_putc(&b, s[i++]);
			continue;
		}
		size_t n = strcspn(s + i, " ");
		kith_buf_printf(&b, "`%.*s`", (int)n, s + i);
		i += n;
	}
	r = kith_arena_strndup(a, b.p, b.n);
	kith_buf_free(&b);
	return r;
}

static int uid_known(const kith_map *known, const char *uid,
                     const kith_map *planned)
{
	uint32_t v;
	return kith_map_get(known, kith_str_c(uid), &v) ||
	       kith_map_get(planned, kith_str_c(uid), &v);
}

static int event_cmp(const void *a, const void *b)
{
	const kith_import_event *p = *(const kith_import_event *const *)a,
	                        *q = *(const kith_import_event *const *)b;
	if (p->day != q->day)
		return p->day < q->day ? -1 : 1;
	if (p->minute != q->minute)
		return p->minute < q->minute ? -1 : 1;
	return strcmp(p->uid, q->uid);
}

/* New entries that go to one place in one file, in date order. */
typedef struct {
	const char *path, *display;
	uint32_t line;
	int new_file;
	const char *prefix, *suffix;
	kith_buf body;
} entry_group;
typedef KITH_VEC(entry_group) entry_groups;

static void group_add(kith_edit *e, entry_groups *g, const kith_change *c,
                      const char *entry)
{
	entry_group *x = NULL;
	for (uint32_t i = 0; i < g->n; i++)
		if (!strcmp(g->v[i].path, c->path) && g->v[i].line == c->line)
			x = &g->v[i];
	if (x) {
		kith_buf_printf(&x->body, "\n%s", entry);
		return;
	}
	const char *at = strstr(c->after, entry);
	x = kith_vec_push(g);
	x->path = kith_arena_strdup(e->arena, c->path);
	x->display = kith_arena_strdup(e->arena, c->display);
	x->line = c->line;
	x->new_file = c->new_file;
	x->prefix = kith_arena_strndup(e->arena, c->after,
	                               at ? (size_t)(at - c->after) : 0);
	x->suffix = kith_arena_strdup(e->arena, at ? at + strlen(entry) : "");
	kith_buf_puts(&x->body, entry);
}

/* The handles of the contacts among the event's addresses, each once. */
static const char *participants(const kith_journal *j, kith_arena *a,
                                const contact_index *x,
                                const kith_import_event *ev)
{
	kith_buf b = {0};
	const char *r = NULL;
	KITH_VEC(uint32_t) seen = {0};
	for (uint32_t k = 0; k < ev->emails.n; k++) {
		uint32_t i;
		int dup = 0;
		if (!email_get(x, ev->emails.v[k], &i))
			continue;
		for (uint32_t m = 0; m < seen.n; m++)
			dup |= seen.v[m] == i;
		if (dup)
			continue;
		*kith_vec_push(&seen) = i;
		kith_buf_printf(&b, "%s%.*s", b.n ? ", " : "",
		                KITH_S(j->contacts.v[i].handle));
	}
	if (b.n)
		r = kith_arena_strndup(a, b.p, b.n);
	kith_vec_free(&seen);
	kith_buf_free(&b);
	return r;
}

static void event_entry(const kith_journal *j, kith_edit *e,
                        entry_groups *groups, const kith_import_event *ev,
                        const char *kind, const char *with, const char *title)
{
	kith_buf b = {0};
	kith_edit scratch;
	char ds[11];
	uint32_t hl;
	kith_date_fmt(ev->day, ds);
	kith_buf_printf(&b, "## %s", ds);
	if (ev->minute >= 0)
		kith_buf_printf(&b, " %02d:%02d", ev->minute / 60,
		                ev->minute % 60);
	kith_buf_printf(&b, " %s\nkind: %s\nwith: [%s]\nuid: ", title, kind,
	                with);
	yaml_quoted(&b, ev->uid);
	kith_buf_putc(&b, '\n');
	char *path = kith_edit_month_path(j, ev->day);
	kith_edit_init(&scratch);
	kith_edit_insert_entry(j, &scratch, path, ev->day, ev->minute,
	                       kith_buf_cstr(&b), &hl);
	group_add(e, groups, &scratch.v.v[0], b.p);
	kith_edit_free(&scratch);
	free(path);
	kith_buf_free(&b);
}

void kith_import_events(const kith_journal *j, const kith_import_set *s,
                        const char *kind, kith_import_plan *p, kith_edit *e)
{
	const kith_import_event **ord =
	    kith_xcalloc(s->events.n ? s->events.n : 1, sizeof *ord);
	entry_groups groups = {0};
	kith_map planned = {0}, known = {0};
	contact_index idx;
	index_contacts(j, e->arena, &idx);
	for (uint32_t i = 0; i < j->interactions.n; i++)
		if (kith_ix_uid(&j->interactions.v[i])->s.p)
			kith_map_put(&known,
			             kith_ix_uid(&j->interactions.v[i])->s, i,
			             NULL);
	for (uint32_t i = 0; i < s->events.n; i++)
		ord[i] = &s->events.v[i];
	qsort(ord, s->events.n, sizeof *ord, event_cmp);
	for (uint32_t i = 0; i < s->events.n; i++) {
		const kith_import_event *ev = ord[i];
		char ds[11], *title = entry_title(e->arena, ev->summary);
		const char *what, *with;
		kith_date_fmt(ev->day, ds);
		what = kith_arena_printf(e->arena, "%s %s", ds, title);
		if (ev->skip) {
			row(p, KITH_IMPORT_SKIPPED, ev->source, ev->line, NULL,
			    what, ev->skip);
			continue;
		}
		if (uid_known(&known, ev->uid, &planned)) {
			row(p, KITH_IMPORT_SKIPPED, ev->source, ev->line, NULL,
			    what, "already in the journal (same uid)");
			continue;
		}
		with = participants(j, e->arena, &idx, ev);
		if (!with) {
			row(p, KITH_IMPORT_SKIPPED, ev->source, ev->line, NULL,
			    what, "no contact among the attendees");
			continue;
		}
		kith_map_put(&planned, kith_str_c(ev->uid), 0, NULL);
		event_entry(j, e, &groups, ev, kind, with, title);
		row(p, KITH_IMPORT_ADDED, ev->source, ev->line, with, what,
		    NULL);
	}
	for (uint32_t i = 0; i < groups.n; i++) {
		entry_group *g = &groups.v[i];
		kith_change *c = kith_vec_push(&e->v);
		memset(c, 0, sizeof *c);
		c->path = g->path;
		c->display = g->display;
		c->line = g->line;
		c->new_file = g->new_file;
		c->before = "";
		c->after =
		    kith_arena_printf(e->arena, "%s%.*s%s", g->prefix,
		                      (int)g->body.n, g->body.p, g->suffix);
		kith_buf_free(&g->body);
	}
	kith_vec_free(&groups);
	kith_map_free(&planned);
	kith_map_free(&known);
	index_free(&idx);
	free(ord);
}
