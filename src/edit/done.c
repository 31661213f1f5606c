/* kith done: closes one open item of 'kith due' by editing its source in
 * place (a task's box, a YAML done: key, an event's status) or by logging
 * the interaction a follow-up rule expects. Computes changes only. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "edit/edit.h"
#include "load/mdline.h"

typedef struct {
	const kith_journal *j;
	kith_edit *e;
	kith_day date;
	char ds[11];
} done_ctx;

/* Line ln (1-based) of file f: start and length without the '\n'. */
static const char *line_of(const kith_file *f, uint32_t ln, size_t *n)
{
	const char *t = f->text, *end = f->text + f->len;
	for (uint32_t l = 1; l < ln && t < end; l++) {
		const char *nl = memchr(t, '\n', (size_t)(end - t));
		t = nl ? nl + 1 : end;
	}
	const char *nl = memchr(t, '\n', (size_t)(end - t));
	*n = (size_t)((nl ? nl : end) - t);
	return t;
}

static kith_change *change(done_ctx *x, const kith_file *f, uint32_t line,
                           uint32_t del, const char *before, const char *after)
{
	kith_change *c = kith_vec_push(&x->e->v);
	memset(c, 0, sizeof *c);
	c->path = f->path;
	c->display = f->display;
	c->line = line;
	c->del = del;
	c->before = before;
	c->after = after;
	return c;
}

static kith_edit_status refuse(done_ctx *x, const char *hint, const char *fmt,
                               const char *a)
{
	x->e->status = KITH_EDIT_REFUSED;
	x->e->error = kith_arena_printf(x->e->arena, fmt, a);
	x->e->hint = hint;
	return KITH_EDIT_REFUSED;
}

/* Line ln of file f read through the one Markdown line grammar, with the
 * state of the lines before it (a task inside fenced code is no task). */
static int md_line_at(const kith_file *f, uint32_t ln, kith_mdline *l)
{
	kith_mdscan s;
	size_t bom = kith_mdl_bom(f->text, f->len);
	kith_mdscan_init(&s, f->text + bom, f->len - bom);
	while (kith_mdscan_next(&s, l))
		if (l->line == ln)
			return 1;
	return 0;
}

/* "- [ ] Send the draft due:2026-11-10" becomes "- [x] Send the draft
 * due:2026-11-10 done:DATE"; an existing done: token gets the new date. */
static kith_edit_status tick_md(done_ctx *x, const kith_followup *fu)
{
	const kith_file *f = &x->j->files.v[fu->pos.file];
	kith_mdline l;
	if (!md_line_at(f, fu->pos.line, &l) || l.kind != KITH_MDL_TASK)
		return refuse(x, "run 'kith check' and try again",
		              "%s: the task is no longer where kith found it",
		              f->display);
	const char *p = l.p, *end = f->text + f->len;
	size_t raw = l.n;
	while (p + raw < end && p[raw] == '\r')
		raw++;
	kith_buf nb = {0};
	kith_mdl_token t;
	size_t off = l.text.off, vend = 0, v0 = 0;
	while (kith_mdl_next_token(&l, p, l.n, off, &t) > 0) {
		if (!t.is_due && t.v0 < l.n &&
		    isdigit((unsigned char)p[t.v0])) {
			v0 = t.v0;
			vend = t.off + t.len;
		}
		off = t.off + t.len;
	}
	kith_buf_put(&nb, p, l.box.off + 1);
	kith_buf_putc(&nb, 'x');
	if (vend) { /* a done: date already there gets the new one */
		kith_buf_put(&nb, p + l.box.off + 2, v0 - l.box.off - 2);
		kith_buf_puts(&nb, x->ds);
		kith_buf_put(&nb, p + vend, l.n - vend);
	} else {
		size_t k = l.n;
		while (k > l.box.off + 2 &&
		       (p[k - 1] == ' ' || p[k - 1] == '\t'))
			k--;
		kith_buf_put(&nb, p + l.box.off + 2, k - l.box.off - 2);
		kith_buf_printf(&nb, " done:%s", x->ds);
	}
	kith_buf_puts(&nb, raw > l.n ? "\r\n" : "\n");
	change(x, f, fu->pos.line, 1,
	       kith_arena_printf(x->e->arena, "%.*s\n", (int)l.n, p),
	       kith_arena_strdup(x->e->arena, kith_buf_cstr(&nb)));
	kith_buf_free(&nb);
	return KITH_EDIT_OK;
}

static size_t indent_of(const char *p, size_t n)
{
	size_t i = 0;
	while (i < n && p[i] == ' ')
		i++;
	return i;
}

static int is_key_line(const char *p, size_t n, size_t col, const char *key)
{
	size_t kl = strlen(key);
	return n >= col + kl + 1 && !strncmp(p + col, key, kl) &&
	       p[col + kl] == ':' &&
	       (n == col + kl + 1 || p[col + kl + 1] == ' ' ||
	        p[col + kl + 1] == '\r');
}

/* Sets key: value in the block mapping whose first key is at pos: the
 * value of an existing key is replaced on its line (a comment after it
 * stays); otherwise a line is added after the mapping's last line, at the
 * keys' indentation. Only the one line changes. */
static kith_edit_status yaml_set(done_ctx *x, kith_pos pos, const char *key,
                                 const char *value)
{
	const kith_file *f = &x->j->files.v[pos.file];
	size_t n, col = pos.col ? pos.col - 1 : 0;
	const char *p = line_of(f, pos.line, &n);
	if (col >= n || p[col] == '{' || p[col] == '[')
		return refuse(
		    x, "write it in block style, one key a line",
		    "'%s' is written as a flow mapping; add the key by "
		    "hand",
		    f->display);
	uint32_t last = pos.line, found = 0;
	if (is_key_line(p, n, col, key))
		found = pos.line;
	for (uint32_t ln = pos.line + 1; !found; ln++) {
		const char *q = line_of(f, ln, &n);
		if (q >= f->text + f->len)
			break;
		size_t in = indent_of(q, n);
		if (in == n || (n - in == 1 && q[in] == '\r'))
			continue; /* blank */
		if (in < col)
			break;
		if (q[in] != '#')
			last = ln;
		if (in == col && is_key_line(q, n, col, key))
			found = ln;
	}
	if (!found) {
		change(x, f, last + 1, 0, "",
		       kith_arena_printf(x->e->arena, "%*s%s: %s\n", (int)col,
		                         "", key, value));
		return KITH_EDIT_OK;
	}
	const char *q = line_of(f, found, &n);
	size_t v0 = (size_t)(strchr(q + col, ':') - q) + 1;
	while (v0 < n && q[v0] == ' ')
		v0++;
	size_t v1 = v0;
	while (v1 < n && q[v1] != '\r' && !(q[v1] == '#' && q[v1 - 1] == ' '))
		v1++;
	while (v1 > v0 && q[v1 - 1] == ' ')
		v1--;
	change(x, f, found, 1,
	       kith_arena_printf(x->e->arena, "%.*s\n", (int)n, q),
	       kith_arena_printf(x->e->arena, "%.*s%s%.*s\n", (int)v0, q, value,
	                         (int)(n - v1), q + v1));
	return KITH_EDIT_OK;
}

/* As yaml_set, for the mapping that is the value of the key at keypos
 * ("  kubecon-2026:" with its fields on the lines below). */
static kith_edit_status yaml_set_under(done_ctx *x, kith_pos keypos,
                                       const char *key, const char *value)
{
	const kith_file *f = &x->j->files.v[keypos.file];
	for (uint32_t ln = keypos.line + 1;; ln++) {
		size_t n;
		const char *q = line_of(f, ln, &n);
		if (q >= f->text + f->len)
			break;
		size_t in = indent_of(q, n);
		if (in == n || q[in] == '#' || (n - in == 1 && q[in] == '\r'))
			continue;
		if (in + 1 <= keypos.col)
			break;
		return yaml_set(x,
		                (kith_pos){keypos.file, ln, (uint32_t)in + 1},
		                key, value);
	}
	return refuse(x, "write it in block style, one key a line",
	              "the fields of the item in '%s' are not a block mapping; "
	              "change it by hand",
	              f->display);
}

static kith_edit_status close_task(done_ctx *x, const kith_due_item *it)
{
	const kith_followup *fu = &x->j->followups.v[it->a];
	if (fu->pos.file >= x->j->files.n)
		return refuse(x, NULL, "%s", "the task has no source line");
	if (x->j->files.v[fu->pos.file].type == KITH_FILE_MD)
		return tick_md(x, fu);
	return yaml_set(x, fu->pos, "done", x->ds);
}

static kith_edit_status close_owed(done_ctx *x, const kith_due_item *it)
{
	const kith_journal *j = x->j;
	const kith_interaction *ix = &j->interactions.v[it->a];
	kith_str h = j->contacts.v[it->b].handle;
	kith_str kind = j->rules.v[it->c].expect.s;
	if (x->date < ix->date)
		return refuse(x, NULL,
		              "%s is before the entry that owes it; only an "
		              "interaction on or after it settles the rule",
		              x->ds);
	const char *entry =
	    kith_str_eqc(kind, "thank-you")
	        ? kith_arena_printf(
	              x->e->arena, "## %s Thank-you note to @%.*s #thank-you\n",
	              x->ds, KITH_S(h))
	        : kith_arena_printf(x->e->arena, "## %s %.*s to @%.*s #%.*s\n",
	                            x->ds, KITH_S(kind), KITH_S(h),
	                            KITH_S(kind));
	char *path = kith_edit_month_path(j, x->date);
	uint32_t line;
	kith_edit_insert_entry(j, x->e, path, x->date, -1, entry, &line);
	free(path);
	return KITH_EDIT_OK;
}

static const char *touch_kind(const kith_journal *j)
{
	if (kith_find_kind(j, kith_str_c("call")) != KITH_NONE)
		return "call";
	for (uint32_t k = 0; k < j->kinds.n; k++)
		if (j->kinds.v[k].touch)
			return kith_arena_strndup(j->arena,
			                          j->kinds.v[k].name.p,
			                          j->kinds.v[k].name.n);
	return "KIND";
}

static kith_edit_status close_contact(done_ctx *x, const kith_due_item *it)
{
	kith_str h = x->j->contacts.v[it->a].handle;
	const char *kind = touch_kind(x->j);
	int bday = it->kind == KITH_DUE_BIRTHDAY;
	const char *hint = kith_arena_printf(
	    x->e->arena,
	    "log it: kith add --date %s --kind %s --with %.*s '%s @%.*s'",
	    x->ds, bday ? "message" : kind, KITH_S(h),
	    bday ? "Birthday wishes to" : "Caught up with", KITH_S(h));
	return refuse(x, hint,
	              bday ? "a birthday is not closed: %s passes by itself"
	                   : "staying in touch is not closed by hand: %s is "
	                     "settled by an interaction that touches them",
	              it->what);
}

static kith_edit_status close_item(done_ctx *x, const kith_due_item *it)
{
	const kith_journal *j = x->j;
	switch (it->kind) {
	case KITH_DUE_TASK:
		return close_task(x, it);
	case KITH_DUE_OWED:
		return close_owed(x, it);
	case KITH_DUE_ACTION:
		return yaml_set(x, j->goals.v[it->a].actions.v[it->b].pos,
		                "done", x->ds);
	case KITH_DUE_EVENT:
		return yaml_set_under(x, j->events.v[it->a].pos, "status",
		                      "attended");
	case KITH_DUE_CADENCE:
	case KITH_DUE_BIRTHDAY:
	case KITH_DUE__COUNT:
		break;
	}
	return close_contact(x, it);
}

static int all_hex(const char *s)
{
	size_t n = strspn(s, "0123456789abcdef");
	return n >= 4 &&
	       (!s[n] || (s[n] == '-' && isdigit((unsigned char)s[n + 1])));
}

/* An id as shown, or a longer prefix of the uid's hash from an older
 * listing. */
static int id_matches(const kith_due_item *it, const char *what)
{
	if (!strcmp(it->id, what))
		return 1;
	if (!all_hex(what) || strchr(what, '-'))
		return 0;
	const char *at = strrchr(it->uid, '@');
	size_t n = at ? (size_t)(at - it->uid) : strlen(it->uid);
	size_t wl = strlen(what);
	/* the hash is the last 16 hex digits before '@' (or before "-N") */
	for (size_t k = 0; k + wl <= n; k++)
		if (it->uid[k] == '-' && k + 1 + wl <= n &&
		    !strncmp(it->uid + k + 1, what, wl) && n - (k + 1) >= 16)
			return 1;
	return 0;
}

/* Every word of the text occurs (case-insensitively) in the item's type,
 * what or who. */
static int text_matches(const kith_due_item *it, const char *what)
{
	char hay[1024];
	snprintf(hay, sizeof hay, "%s %s %s", it->type, it->what, it->who);
	const char *w = what;
	while (*w) {
		while (*w == ' ')
			w++;
		size_t n = strcspn(w, " ");
		if (!n)
			break;
		int hit = 0;
		for (const char *h = hay; *h && !hit; h++)
			hit = !strncasecmp(h, w, n);
		if (!hit)
			return 0;
		w += n;
	}
	return 1;
}

static void candidate(kith_edit *e, const kith_due_item *it)
{
	*(kith_due_item *)kith_vec_push(&e->candidates) = *it;
}

kith_edit_status kith_done(const kith_journal *j, const kith_opts *o,
                           const char *what, kith_day date, kith_edit *e)
{
	done_ctx x = {j, e, date, {0}};
	kith_date_fmt(date, x.ds);
	e->r = kith_report_new("done", o->as_of);
	e->r->private_fields = o->private_fields;
	kith_due_items all = {0};
	kith_due_all(j, o, e->r, &all);
	const kith_due_item *hit = NULL;
	for (uint32_t i = 0; i < all.n && !hit; i++)
		if (id_matches(&all.v[i], what))
			hit = &all.v[i];
	for (uint32_t i = 0; i < all.n && !hit; i++)
		if (!strcasecmp(all.v[i].what, what))
			hit = &all.v[i];
	for (uint32_t i = 0; i < all.n && !hit; i++)
		if (text_matches(&all.v[i], what))
			candidate(e, &all.v[i]);
	if (!hit && e->candidates.n == 1)
		hit = &e->candidates.v[0];
	kith_edit_status st = KITH_EDIT_OK;
	if (hit) {
		e->summary = kith_arena_printf(e->arena, "%s %s: %s", hit->type,
		                               hit->id, hit->what);
		e->candidates.n = 0;
		st = close_item(&x, hit);
	} else if (e->candidates.n > 1) {
		st = e->status = KITH_EDIT_AMBIGUOUS;
		e->error =
		    kith_arena_printf(e->arena, "'%s' matches %u open items",
		                      what, (unsigned)e->candidates.n);
		e->hint = "name one by its id";
	} else {
		st = e->status = KITH_EDIT_NO_MATCH;
		e->error = kith_arena_printf(e->arena,
		                             "no open item matches '%s'", what);
		e->hint = "see 'kith due' for the open items and their ids";
	}
	kith_vec_free(&all);
	return e->status = st;
}
