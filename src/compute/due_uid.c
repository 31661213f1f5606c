/* Shared by `kith due` (cmd_due.c) and its done items (due_done.c): the
 * UID of each kind of item, from the values that identify it, so an item
 * keeps its UID from open to done; how a follow-up is described, the same
 * open and done; and the contacts an action @mentions. */
#include <string.h>

#include "compute/compute.h"
#include "util/text.h"

/* The bytes a UID is the hash of: on the stack while they fit (they
 * nearly always do), else on the heap. */
typedef struct {
	char small[256];
	size_t n;
	kith_buf big; /* used once small is outgrown */
} uid_key;

static void key_put(uid_key *k, const char *p, size_t n)
{
	if (!k->big.n && k->n + n <= sizeof k->small) {
		if (n)
			memcpy(k->small + k->n, p, n);
		k->n += n;
		return;
	}
	if (!k->big.n)
		kith_buf_put(&k->big, k->small, k->n);
	kith_buf_put(&k->big, p, n);
}

static void key_str(uid_key *k, kith_str s)
{
	if (s.p)
		key_put(k, s.p, s.n);
	key_put(k, "\x1f", 1);
}

static void key_day(uid_key *k, kith_day d)
{
	char n[24];
	size_t len = kith_fmt_i64(n, d);
	n[len++] = 0x1f;
	key_put(k, n, len);
}

/* The hash of the key's bytes; frees the key. */
static uint64_t key_hash(uid_key *key)
{
	uint64_t h = key->big.n ? kith_hash(key->big.p, key->big.n)
	                        : kith_hash(key->small, key->n);
	kith_buf_free(&key->big);
	return h;
}

const char *kith_uid_fmt(kith_report *r, const char *type, uint64_t h)
{
	static const char hex[] = "0123456789abcdef";
	char digits[16];
	for (int i = 15; i >= 0; i--, h >>= 4)
		digits[i] = hex[h & 15];
	kith_str parts[] = {
	    kith_str_c(type), {"-", 1}, {digits, 16}, {"@kith", 5}};
	return kith_arena_cat(r->arena, parts, KITH_ARRAY_LEN(parts));
}

/* "TYPE-<16 hex digits of the key's hash>@kith"; frees the key. A UID
 * from content survives reordering and edits elsewhere in the journal. */
static const char *make_uid(kith_report *r, const char *type, uid_key *key)
{
	return kith_uid_fmt(r, type, key_hash(key));
}

/* The hash in a task follow-up's UID. */
static uint64_t uid_task_hash(const kith_journal *j, const kith_fu *f)
{
	const kith_followup *fu = &j->followups.v[f->followup];
	kith_ref one;
	kith_refs who = kith_fu_who(j, f, &one);
	uid_key key;
	key.n = 0;
	key.big = (kith_buf){0};
	if (f->interaction < j->interactions.n)
		key_day(&key, j->interactions.v[f->interaction].date);
	key_str(&key, fu->text.s);
	for (uint32_t i = 0; i < who.n; i++)
		key_str(&key, who.v[i].s);
	return key_hash(&key);
}

/* The hash in the UID of what a rule owes. */
static uint64_t uid_owed_hash(const kith_journal *j, const kith_fu *f)
{
	const kith_rule *rl = &j->rules.v[f->rule];
	const kith_interaction *in = &j->interactions.v[f->interaction];
	uid_key key;
	key.n = 0;
	key.big = (kith_buf){0};
	key_str(&key, rl->expect.s);
	key_str(&key, kith_disp_kind(in));
	key_day(&key, in->date);
	key_str(&key, j->contacts.v[f->contact].handle);
	return key_hash(&key);
}

const char *kith_uid_cadence(kith_report *r, kith_str handle, kith_day due_on)
{
	uid_key key;
	key.n = 0;
	key.big = (kith_buf){0};
	key_str(&key, handle);
	key_day(&key, due_on);
	return make_uid(r, "stay-in-touch", &key);
}

const char *kith_uid_action(kith_report *r, const kith_goal *g,
                            const kith_action *a)
{
	uid_key key;
	key.n = 0;
	key.big = (kith_buf){0};
	key_str(&key, g->id);
	key_str(&key, a->text.s);
	key_day(&key, a->due.day);
	return make_uid(r, "action", &key);
}

const char *kith_uid_event(kith_report *r, const kith_event *e)
{
	uid_key key;
	key.n = 0;
	key.big = (kith_buf){0};
	key_str(&key, e->id);
	return make_uid(r, "event", &key);
}

const char *kith_uid_birthday(kith_report *r, const kith_contact *c)
{
	uid_key key;
	key.n = 0;
	key.big = (kith_buf){0};
	/* the same uid every year: calendars keep one yearly event */
	key_str(&key, c->handle);
	return make_uid(r, "birthday", &key);
}

uint32_t kith_action_mention(const kith_journal *j, kith_str text,
                             uint32_t *from)
{
	for (uint32_t i = *from; i < text.n; i++) {
		if (text.p[i] != '@')
			continue;
		uint32_t k = i + 1;
		while (k < text.n && ((text.p[k] >= 'a' && text.p[k] <= 'z') ||
		                      (text.p[k] >= '0' && text.p[k] <= '9') ||
		                      text.p[k] == '.' || text.p[k] == '_' ||
		                      text.p[k] == '-'))
			k++;
		/* Trailing sentence punctuation is not part of the handle. */
		while (k > i + 1 &&
		       (text.p[k - 1] == '.' || text.p[k - 1] == '-'))
			k--;
		uint32_t c =
		    kith_find_contact(j, (kith_str){text.p + i + 1, k - i - 1});
		if (c != KITH_NONE) {
			*from = k;
			return c;
		}
		i = k - 1;
	}
	*from = text.n;
	return KITH_NONE;
}

/* ---- items described the same open and done ---- */

void kith_due_item_set(kith_due_item *it, kith_report *r, const kith_journal *j,
                       const char *type, kith_due_kind kind, kith_pos pos,
                       kith_day date)
{
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->pos = pos;
	it->source = kith_disp_source(r, j, pos);
	it->id = "";
	it->date = date;
	it->end = KITH_NO_DAY;
	it->type = type;
	it->what = it->who = it->why = "";
}

/* "coffee 2026-11-03: Coffee at Blue Bottle" */
static const char *entry_why(kith_report *r, const kith_journal *j, uint32_t ix,
                             int redact)
{
	const kith_interaction *in = &j->interactions.v[ix];
	kith_str kind = kith_disp_kind(in);
	char day[11];
	kith_str d = {"", 0};
	if (in->date != KITH_NO_DAY) {
		kith_date_fmt(in->date, day);
		d = (kith_str){day, 10};
	}
	int titled = in->title.s.p && in->title.s.n;
	/* unredacted, the title goes in as written (to a NUL, as a C string
	 * would end), with no copy first */
	kith_str t = {"", 0};
	if (titled && redact) {
		t = kith_str_c(kith_redact_text(r, j, in->title.s, redact));
	} else if (titled) {
		const char *z = memchr(in->title.s.p, 0, in->title.s.n);
		t = (kith_str){in->title.s.p, z ? (uint32_t)(z - in->title.s.p)
		                                : in->title.s.n};
	}
	kith_str parts[] = {kind, {" ", 1}, d, {": ", 2}, t};
	return kith_arena_cat(r->arena, parts,
	                      titled ? KITH_ARRAY_LEN(parts) : 3);
}

void kith_due_task_item(kith_due_item *it, kith_report *r,
                        const kith_journal *j, const kith_fu *f, int redact)
{
	it->a = f->followup;
	it->what = kith_disp_fu_text(r, j, f, redact);
	it->who = kith_fu_who_text(r, j, f, redact);
	if (f->interaction < j->interactions.n)
		it->why = entry_why(r, j, f->interaction, redact);
	it->uid = NULL;
	it->hash = uid_task_hash(j, f);
}

const char *kith_due_owed_type(kith_report *r, const kith_rule *rl)
{
	if (kith_str_eqc(rl->expect.s, "thank-you"))
		return "thank-you";
	return kith_arena_strndup(
	    r->arena, rl->expect.s.p ? rl->expect.s.p : "", rl->expect.s.n);
}

void kith_due_owed_item(kith_due_item *it, kith_report *r,
                        const kith_journal *j, const kith_fu *f, int redact)
{
	const kith_rule *rl = &j->rules.v[f->rule];
	const kith_interaction *in = &j->interactions.v[f->interaction];
	it->a = f->interaction;
	it->b = f->contact;
	it->c = f->rule;
	it->what = kith_disp_fu_text(r, j, f, redact);
	it->who = kith_fu_who_text(r, j, f, redact);
	char within[16];
	kith_dur_fmt(rl->within, within);
	kith_str kind = kith_disp_kind(in);
	it->why = kith_arena_printf(r->arena, "%.*s %s (rule: %.*s within %s)",
	                            KITH_S(kind), kith_disp_day(r, in->date),
	                            KITH_S(rl->expect.s), within);
	it->uid = NULL;
	it->hash = uid_owed_hash(j, f);
}
