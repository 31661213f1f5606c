/* kith add: the text of a new journal entry from the command line's
 * pieces, checked against the journal (declared kind, known handles and
 * goals, each with a did-you-mean). Placement is kith_edit_insert_entry. */
#include <string.h>

#include "edit/edit.h"

typedef uint32_t (*find_fn)(const kith_journal *, kith_str);

/* The closest declared name to word, or NULL. */
static const char *closest(const kith_journal *j, kith_arena *a, int what,
                           kith_str word)
{
	kith_suggest s;
	kith_suggest_init(&s);
	uint32_t n = what == 0   ? j->contacts.n
	             : what == 1 ? j->kinds.n
	                         : j->goals.n;
	for (uint32_t i = 0; i < n; i++)
		kith_suggest_try(&s, word,
		                 what == 0   ? j->contacts.v[i].handle
		                 : what == 1 ? j->kinds.v[i].name
		                             : j->goals.v[i].id);
	return s.found ? kith_arena_strndup(a, s.best.p, s.best.n) : NULL;
}

static const char *unknown(const kith_journal *j, kith_arena *a, int what,
                           kith_str word)
{
	static const char *const names[] = {"contact", "interaction kind",
	                                    "goal"};
	static const char *const where[] = {
	    "see 'kith contacts'",
	    "declared kinds are under 'kinds:' in kith.yaml",
	    "see 'kith goals'"};
	const char *at = what == 0 ? "@" : "";
	const char *best = closest(j, a, what, word);
	if (best)
		return kith_arena_printf(
		    a, "no %s '%s%.*s'; did you mean '%s%s'?", names[what], at,
		    KITH_S(word), at, best);
	return kith_arena_printf(a, "no %s '%s%.*s' (%s)", names[what], at,
	                         KITH_S(word), where[what]);
}

static int word_char(char c);

/* Whether the title names @h as a whole word (it is a participant). */
static int in_title(const char *title, kith_str h)
{
	for (const char *p = title; title && (p = strchr(p, '@')); p++)
		if ((p == title || !word_char(p[-1])) &&
		    !strncmp(p + 1, h.p, h.n) && !word_char(p[1 + h.n]) &&
		    p[1 + h.n] != '.')
			return 1;
	return 0;
}

/* "a, b" from a comma- or space-separated list, each name checked;
 * handles the title already names are left out. */
static int name_list(const kith_journal *j, kith_arena *a, int what,
                     const char *p, const char *title, kith_buf *out,
                     const char **err)
{
	find_fn find = what == 0 ? kith_find_contact : kith_find_goal;
	while (p && *p) {
		size_t n = strcspn(p, ", ");
		kith_str h = {p, (uint32_t)n};
		if (what == 0 && n && h.p[0] == '@')
			h.p++, h.n--;
		if (h.n) {
			if (find(j, h) == KITH_NONE) {
				*err = unknown(j, a, what, h);
				return -1;
			}
			if (what != 0 || !in_title(title, h))
				kith_buf_printf(out, "%s%.*s",
				                out->n ? ", " : "", KITH_S(h));
		}
		p += n;
		while (*p == ',' || *p == ' ')
			p++;
	}
	return 0;
}

static int word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/* The first #word of the title that is a declared kind (NULL: none), and
 * whether #kind occurs as a whole word. */
static kith_str title_kind(const kith_journal *j, const char *t,
                           const char *kind, int *has_kind)
{
	kith_str first = {NULL, 0};
	*has_kind = 0;
	for (const char *p = t; (p = strchr(p, '#')) != NULL; p++) {
		if (p > t && p[-1] != ' ')
			continue;
		size_t n = 0;
		while (word_char(p[1 + n]))
			n++;
		kith_str w = {p + 1, (uint32_t)n};
		if (kind && kith_str_eqc(w, kind))
			*has_kind = 1;
		if (!first.p && n && kith_find_kind(j, w) != KITH_NONE)
			first = w;
	}
	return first;
}

static void heading(const kith_journal *j, const kith_add_spec *s, kith_buf *e,
                    int *meta_kind)
{
	char ds[11];
	kith_date_fmt(s->date, ds);
	kith_buf_printf(e, "## %s ", ds);
	if (s->minute >= 0)
		kith_buf_printf(e, "%02d:%02d ", s->minute / 60,
		                s->minute % 60);
	kith_buf_puts(e, s->title);
	*meta_kind = 0;
	if (!s->kind)
		return;
	int has;
	kith_str first = title_kind(j, s->title, s->kind, &has);
	if (!has)
		kith_buf_printf(e, " #%s", s->kind);
	/* the title's first declared #kind would win over the one added */
	*meta_kind = first.p && !kith_str_eqc(first, s->kind);
}

int kith_add_entry(const kith_journal *j, const kith_add_spec *s, kith_arena *a,
                   kith_buf *entry, const char **err)
{
	kith_buf with = {0}, goals = {0};
	int rc = -1, meta_kind;
	if (strchr(s->title, '\n') || strchr(s->title, '\r')) {
		*err = "the title must be one line";
		return -1;
	}
	if (s->kind && kith_find_kind(j, kith_str_c(s->kind)) == KITH_NONE) {
		*err = unknown(j, a, 1, kith_str_c(s->kind));
		return -1;
	}
	if (name_list(j, a, 0, s->with, s->title, &with, err) ||
	    name_list(j, a, 2, s->goals, NULL, &goals, err))
		goto out;
	for (int i = 0; i < s->ntodos; i++)
		if (strchr(s->todos[i], '\n')) {
			*err = "a --todo must be one line";
			goto out;
		}
	for (int i = 0; i < s->nnotes; i++)
		for (const char *l = s->notes[i]; l; l = strchr(l, '\n')) {
			l += *l == '\n';
			size_t h = strspn(l, "#");
			if ((h == 1 || h == 2) &&
			    (!l[h] || l[h] == ' ' || l[h] == '\n')) {
				*err =
				    "a note cannot hold a '#' or '##' heading "
				    "line (it would end the entry); use '###'";
				goto out;
			}
		}
	heading(j, s, entry, &meta_kind);
	kith_buf_putc(entry, '\n');
	if (meta_kind)
		kith_buf_printf(entry, "kind: %s\n", s->kind);
	if (with.n)
		kith_buf_printf(entry, "with: [%s]\n", kith_buf_cstr(&with));
	if (goals.n)
		kith_buf_printf(entry, "goals: [%s]\n", kith_buf_cstr(&goals));
	for (int i = 0; i < s->nnotes; i++) {
		size_t n = strlen(s->notes[i]);
		while (n && (s->notes[i][n - 1] == '\n' ||
		             s->notes[i][n - 1] == ' '))
			n--;
		kith_buf_printf(entry, "\n%.*s\n", (int)n, s->notes[i]);
	}
	if (s->ntodos)
		kith_buf_putc(entry, '\n');
	for (int i = 0; i < s->ntodos; i++)
		kith_buf_printf(entry, "- [ ] %s\n", s->todos[i]);
	rc = 0;
out:
	kith_buf_free(&with);
	kith_buf_free(&goals);
	return rc;
}
