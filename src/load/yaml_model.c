/* The YAML node tree to the journal model (docs/format.md): one walker per
 * section, checking keys and value shapes and keeping a position on every
 * value. Cross-references and semantics are left to src/check/rules.c. */
#include <stdlib.h>
#include <string.h>

#include "load/load.h"
#include "load/yaml_internal.h"

const char *const kith_measure_names[KITH_MEASURE__COUNT] = {
    "interactions", "contacts",     "new-contacts",  "events",
    "follow-ups",   "on-time-rate", "in-touch-rate",
};

const char *const kith_event_status_names[5] = {
    "idea", "planned", "registered", "attended", "skipped",
};

static const char *const horizon_names[] = {"short", "long"};
static const char *const goal_status_names[] = {"active", "done", "dropped"};
static const char *const per_names[KITH_PER__COUNT] = {
    "week", "month", "quarter", "year", "goal",
};

/* What a mapping describes, for messages: fmt takes the name as "%.*s"
 * (or ignores it), and pos/len locate it for missing keys. */
typedef struct {
	const char *fmt;
	kith_str name;
	kith_pos pos;
	uint32_t len;
} what_t;

/* Flags for lists of references. */
/* REF_BUF: the list is a reusable buffer (an interaction's, packed
 * later), never sized in the arena. */
enum { REF_AT = 1, REF_ID = 2, REF_URL = 4, REF_BUF = 8 };

typedef void (*field_fn)(kith_journal *j, void *obj, int key,
                         const kith_ynode *k, const kith_ynode *v);

typedef struct {
	const char *const *keys;
	size_t n;
	uint32_t required; /* bit i: keys[i] is required */
	const char *what_default;
} keyset;

/* ---- small helpers ---- */

static uint32_t span(const kith_ynode *n)
{
	return n->len ? n->len : 1;
}

static const char *cstr(const kith_ynode *n)
{
	return n->s.p ? n->s.p : "";
}

static int absent(const kith_ynode *v)
{
	return !v || (v->type == KITH_YNODE_SCALAR && v->plain_empty);
}

static const char *what_str(kith_journal *j, const what_t *w)
{
	return kith_arena_printf(j->arena, w->fmt, KITH_S(w->name));
}

static what_t what_of(const char *fmt, const kith_ynode *at)
{
	what_t w = {fmt, KITH_STR_NULL, at->pos, span(at)};
	if (at->type == KITH_YNODE_SCALAR)
		w.name = at->s;
	return w;
}

static kith_val val_of(const kith_ynode *v)
{
	kith_val out = {v->s, v->pos, span(v)};
	return out;
}

/* subject is already quoted or described ("'name'", "contact '@a'"). */
static void wrong_type_of(kith_journal *j, const kith_ynode *v,
                          const char *subject, const char *expect)
{
	kith_diag *g =
	    KITH_DIAG(j, KITH_D_WRONG_TYPE, v->pos, span(v), subject, expect);
	if (strstr(expect, "list"))
		kith_diag_hint(g,
		               "write a list as [a, b] or as '- item' lines");
	else if (strstr(expect, "mapping"))
		kith_diag_hint(g, "write it as indented 'key: value' lines");
	else
		kith_diag_hint(g, "write one value on the line of its key");
}

static void wrong_type(kith_journal *j, const kith_ynode *v, const char *name,
                       const char *expect)
{
	wrong_type_of(j, v, kith_arena_printf(j->arena, "'%s'", name), expect);
}

static int is_scalar(kith_journal *j, const kith_ynode *v, const char *name)
{
	if (v->type == KITH_YNODE_SCALAR)
		return 1;
	wrong_type(j, v, name, "a single value");
	return 0;
}

static void join_keys(kith_buf *b, const char *const *keys, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			kith_buf_puts(b, ", ");
		kith_buf_puts(b, keys[i]);
	}
}

static void unknown_key(kith_journal *j, const kith_ynode *k,
                        const char *const *keys, size_t n, const what_t *w)
{
	kith_diag *g = KITH_DIAG(j, KITH_D_UNKNOWN_KEY, k->pos, span(k),
	                         cstr(k), what_str(j, w));
	kith_suggest sg;
	kith_suggest_init(&sg);
	for (size_t i = 0; i < n; i++)
		kith_suggest_try(&sg, k->s, kith_str_c(keys[i]));
	if (sg.found)
		kith_diag_hint(g, "did you mean '%.*s'?", KITH_S(sg.best));
	else
		kith_diag_hint(g, "remove it, or start it with 'x-' to keep "
		                  "it as your own extension");
	kith_buf b = {0};
	join_keys(&b, keys, n);
	kith_diag_note(g, "allowed keys here: %s", kith_buf_cstr(&b));
	kith_buf_free(&b);
}

static int is_extension(const kith_ynode *k)
{
	return k->s.n >= 2 && k->s.p[0] == 'x' && k->s.p[1] == '-';
}

/* Index of key k in keys, or -1 (unknown keys are reported here). */
static int key_index(kith_journal *j, const kith_ynode *k,
                     const char *const *keys, size_t n, const what_t *w)
{
	if (k->type != KITH_YNODE_SCALAR) {
		wrong_type(j, k, "key", "a plain name");
		return -1;
	}
	/* the first byte rules out most names without a call */
	for (size_t i = 0; i < n; i++)
		if (k->s.n && keys[i][0] == k->s.p[0] &&
		    kith_str_eqc(k->s, keys[i]))
			return (int)i;
	if (!is_extension(k))
		unknown_key(j, k, keys, n, w);
	return -1;
}

/* A mapping node, or a plain empty value standing for an empty one. */
static int is_map(kith_journal *j, const kith_ynode *v, const char *name,
                  const char *expect)
{
	if (v->type == KITH_YNODE_MAP || absent(v))
		return 1;
	wrong_type(j, v, name, expect);
	return 0;
}

static void missing(kith_journal *j, const what_t *w, const char *key)
{
	kith_diag *g = KITH_DIAG(j, KITH_D_MISSING_KEY, w->pos, w->len,
	                         what_str(j, w), key);
	kith_diag_hint(g, "add a line '%s: ...' to it", key);
}

/* Calls fn for every known key with a value; reports unknown keys and
 * missing required ones. */
static void walk(kith_journal *j, const kith_ynode *map, const keyset *ks,
                 const what_t *w, field_fn fn, void *obj)
{
	uint32_t seen = 0;
	uint32_t n = map && map->type == KITH_YNODE_MAP ? map->nkids : 0;
	for (uint32_t i = 0; i + 1 < n; i += 2) {
		const kith_ynode *k = map->kids[i], *v = map->kids[i + 1];
		int idx = key_index(j, k, ks->keys, ks->n, w);
		if (idx < 0)
			continue;
		if (absent(v) && (ks->required >> idx & 1))
			continue; /* "name:" with nothing is a missing name */
		seen |= 1u << idx;
		if (!absent(v))
			fn(j, obj, idx, k, v);
	}
	for (size_t i = 0; i < ks->n && !(map && map->stub); i++)
		if ((ks->required >> i & 1) && !(seen >> i & 1))
			missing(j, w, ks->keys[i]);
}

/* ---- values ---- */

static void get_val(kith_journal *j, const kith_ynode *v, const char *name,
                    kith_val *out)
{
	if (is_scalar(j, v, name))
		*out = val_of(v);
}

static void get_date(kith_journal *j, const kith_ynode *v, const char *name,
                     kith_dval *out)
{
	out->pos = v->pos;
	if (!is_scalar(j, v, name))
		return;
	int rc = kith_date_parse(v->s.p, v->s.n, &out->day);
	if (rc == 0)
		return;
	out->day = KITH_NO_DAY;
	kith_diag *g = KITH_DIAG(j, KITH_D_BAD_DATE, v->pos, span(v), cstr(v));
	if (rc == -2)
		kith_diag_hint(g, "that day does not exist in the calendar");
	else
		kith_diag_hint(g, "write dates as YYYY-MM-DD, e.g. 2026-03-14");
}

static int get_dur(kith_journal *j, const kith_ynode *v, const char *name,
                   kith_dur *out)
{
	if (!is_scalar(j, v, name))
		return -1;
	if (kith_dur_parse(v->s.p, v->s.n, out) == 0)
		return 0;
	kith_diag *g =
	    KITH_DIAG(j, KITH_D_BAD_DURATION, v->pos, span(v), cstr(v));
	kith_diag_hint(g, "write a number and a unit d, w, m or y, e.g. 2d "
	                  "or 6w");
	return -1;
}

static int get_cadence(kith_journal *j, const kith_ynode *v, kith_cadence *out)
{
	if (!is_scalar(j, v, "cadence"))
		return -1;
	if (kith_cadence_parse(v->s.p, v->s.n, out) == 0)
		return 0;
	kith_diag *g =
	    KITH_DIAG(j, KITH_D_BAD_CADENCE, v->pos, span(v), cstr(v));
	kith_diag_hint(g, "write a duration such as 4w, or IDEAL..MAX such as "
	                  "4w..6w");
	return -1;
}

static void bad_enum(kith_journal *j, const kith_ynode *v,
                     const char *const *names, size_t n)
{
	kith_buf b = {0};
	join_keys(&b, names, n);
	kith_diag *g = KITH_DIAG(j, KITH_D_BAD_ENUM, v->pos, span(v), cstr(v),
	                         kith_buf_cstr(&b));
	kith_buf_free(&b);
	kith_suggest sg;
	kith_suggest_init(&sg);
	for (size_t i = 0; i < n; i++)
		kith_suggest_try(&sg, v->s, kith_str_c(names[i]));
	if (sg.found)
		kith_diag_hint(g, "did you mean '%.*s'?", KITH_S(sg.best));
	else
		kith_diag_hint(g, "use one of the values listed");
}

/* Index of the scalar's value in names, or -1 (reported). */
static int get_enum(kith_journal *j, const kith_ynode *v, const char *name,
                    const char *const *names, size_t n)
{
	if (!is_scalar(j, v, name))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (kith_str_eqc(v->s, names[i]))
			return (int)i;
	bad_enum(j, v, names, n);
	return -1;
}

static const char *const bool_names[] = {"false", "true"};

static int ascii_ieq_prefix(kith_str s, const char *pre)
{
	size_t n = strlen(pre);
	if (s.n <= n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s.p[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != pre[i])
			return 0;
	}
	return 1;
}

static int url_ok(kith_str s)
{
	static const char *const schemes[] = {"http://", "https://",
	                                      "mailto:", "tel:"};
	for (size_t i = 0; i < KITH_ARRAY_LEN(schemes); i++)
		if (ascii_ieq_prefix(s, schemes[i]))
			break;
		else if (i + 1 == KITH_ARRAY_LEN(schemes))
			return 0;
	for (uint32_t i = 0; i < s.n; i++)
		if ((unsigned char)s.p[i] <= ' ')
			return 0;
	return 1;
}

static int check_url(kith_journal *j, const kith_ynode *v)
{
	if (url_ok(v->s))
		return 1;
	kith_diag *g = KITH_DIAG(j, KITH_D_BAD_URL, v->pos, span(v), cstr(v));
	kith_diag_hint(g, "write the full address, e.g. https://example.com/");
	return 0;
}

static void bad_handle(kith_journal *j, const kith_ynode *at, kith_str s)
{
	kith_diag *g = KITH_DIAG(j, KITH_D_BAD_HANDLE, at->pos, span(at),
	                         kith_arena_strndup(j->arena, s.p, s.n));
	kith_diag_hint(g, "use lowercase letters, digits, '.', '_' and '-', "
	                  "starting with a letter or digit");
}

/* One reference; flags say whether '@' is dropped and what is checked.
 * Returns 0 when the value was unusable. */
static int ref_of(kith_journal *j, const kith_ynode *v, int flags,
                  kith_ref *out)
{
	kith_str s = v->s;
	if ((flags & REF_AT) && s.n && s.p[0] == '@') {
		s.p++;
		s.n--;
	}
	if ((flags & REF_ID) && !kith_handle_valid(s)) {
		bad_handle(j, v, s);
		return 0;
	}
	if ((flags & REF_URL) && !check_url(j, v))
		return 0;
	if (s.n == 0)
		return 0;
	out->s = s;
	out->pos = v->pos;
	out->len = span(v);
	return 1;
}

static void get_ref(kith_journal *j, const kith_ynode *v, const char *name,
                    int flags, kith_ref *out)
{
	kith_ref r;
	if (is_scalar(j, v, name) && ref_of(j, v, flags, &r))
		*out = r;
}

/* A list of references, or a single one written without brackets. */
static void get_refs(kith_journal *j, const kith_ynode *v, const char *name,
                     int flags, kith_refs *out)
{
	if (v->type == KITH_YNODE_SCALAR) {
		kith_ref r;
		if (ref_of(j, v, flags, &r))
			*kith_vec_push(out) = r;
		return;
	}
	if (v->type != KITH_YNODE_SEQ) {
		wrong_type(j, v, name, "a list");
		return;
	}
	/* an empty list is sized once, in the arena, for one ref per item
	 * (pushed to later, by an edit, it moves to the heap first) */
	int sized = !(flags & REF_BUF) && !out->v && v->nkids;
	if (sized) {
		out->v = kith_arena_alloc(j->arena, v->nkids * sizeof(*out->v));
		out->cap = KITH_VEC_IN_ARENA;
	}
	for (uint32_t i = 0; i < v->nkids; i++) {
		const kith_ynode *it = v->kids[i];
		kith_ref r;
		if (it->type != KITH_YNODE_SCALAR)
			wrong_type(j, it, name, "a list of single values");
		else if (!absent(it) && ref_of(j, it, flags, &r)) {
			if (sized)
				out->v[out->n++] = r;
			else
				*kith_vec_push(out) = r;
		}
	}
	if (sized && !out->n) { /* nothing kept: no list, as before */
		out->v = NULL;
		out->cap = 0;
	}
}

/* digits [. digits] [%]; returns 0 and the value, else -1. */
static int parse_number(kith_str s, double *out, int *pct, int *whole)
{
	uint32_t i = 0;
	double v = 0, scale = 1;
	int digits = 0;
	*whole = 1;
	*pct = 0;
	for (; i < s.n && s.p[i] >= '0' && s.p[i] <= '9'; i++, digits++)
		v = v * 10 + (s.p[i] - '0');
	if (i < s.n && s.p[i] == '.') {
		*whole = 0;
		for (i++; i < s.n && s.p[i] >= '0' && s.p[i] <= '9'; i++) {
			scale /= 10;
			v += (s.p[i] - '0') * scale;
			digits++;
		}
	}
	if (i < s.n && s.p[i] == '%') {
		*pct = 1;
		i++;
	}
	if (!digits || i != s.n || digits > 15)
		return -1;
	*out = v;
	return 0;
}

static void bad_number(kith_journal *j, const kith_ynode *v, const char *why)
{
	kith_diag *g =
	    KITH_DIAG(j, KITH_D_BAD_NUMBER, v->pos, span(v), cstr(v));
	kith_diag_hint(g, "%s", why);
}

/* HH:MM to minutes after midnight, or -1. */
static int parse_time(kith_str s)
{
	if (s.n != 5 || s.p[2] != ':')
		return -1;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (s.p[i] < '0' || s.p[i] > '9'))
			return -1;
	int h = (s.p[0] - '0') * 10 + (s.p[1] - '0');
	int m = (s.p[3] - '0') * 10 + (s.p[4] - '0');
	if (h > 23 || m > 59)
		return -1;
	return h * 60 + m;
}

static void get_time(kith_journal *j, const kith_ynode *v, int16_t *minute)
{
	if (!is_scalar(j, v, "time"))
		return;
	int m = parse_time(v->s);
	if (m >= 0) { /* 0 .. 23 * 60 + 59 */
		*minute = (int16_t)m;
		return;
	}
	kith_diag *g = KITH_DIAG(j, KITH_D_BAD_TIME, v->pos, span(v), cstr(v));
	kith_diag_hint(g, "write the time as 24-hour HH:MM, e.g. 09:30");
}

/* ---- mappings of named entries and lists of mappings ---- */

typedef void (*entry_fn)(kith_journal *j, const kith_ynode *k,
                         const kith_ynode *v, void *ctx);

/* Calls fn for each "name: value" pair of a mapping of names (handles,
 * ids, kinds, metrics); ids=1 checks each name is a valid id. */
static void each_entry(kith_journal *j, const kith_ynode *map, const char *name,
                       const char *expect, int ids, entry_fn fn, void *ctx)
{
	if (!is_map(j, map, name, expect) || map->type != KITH_YNODE_MAP)
		return;
	for (uint32_t i = 0; i + 1 < map->nkids; i += 2) {
		const kith_ynode *k = map->kids[i], *v = map->kids[i + 1];
		if (k->type != KITH_YNODE_SCALAR) {
			wrong_type(j, k, "key", "a plain name");
			continue;
		}
		if (ids && !kith_handle_valid(k->s))
			bad_handle(j, k, k->s);
		fn(j, k, v, ctx);
	}
}

/* Calls fn for each mapping item of a list. */
static void each_item(kith_journal *j, const kith_ynode *seq, const char *name,
                      const char *expect, const char *item_expect, entry_fn fn,
                      void *ctx)
{
	if (seq->type != KITH_YNODE_SEQ) {
		if (!absent(seq))
			wrong_type(j, seq, name, expect);
		return;
	}
	for (uint32_t i = 0; i < seq->nkids; i++) {
		const kith_ynode *it = seq->kids[i];
		if (it->type != KITH_YNODE_MAP) {
			wrong_type(j, it, name, item_expect);
			continue;
		}
		fn(j, NULL, it, ctx);
	}
}

/* Walks value v of an entry as a mapping of fields. */
static void walk_entry(kith_journal *j, const kith_ynode *v, const keyset *ks,
                       const what_t *w, const char *expect, field_fn fn,
                       void *obj)
{
	if (v->type != KITH_YNODE_MAP && !absent(v)) {
		wrong_type_of(j, v, what_str(j, w), expect);
		return;
	}
	walk(j, v, ks, w, fn, obj);
}

#define KEYSET(keys, req)                                                      \
	{                                                                      \
		keys, KITH_ARRAY_LEN(keys), req, NULL                          \
	}
#define BIT(e) (1u << (e))

/* ---- settings ---- */

static const char *const kind_keys[] = {"touch"};

static void kind_field(kith_journal *j, void *obj, int key, const kith_ynode *k,
                       const kith_ynode *v)
{
	kith_kind *kd = obj;
	int b = get_enum(j, v, "touch", bool_names, 2);
	if (b >= 0)
		kd->touch = b;
}

static void kind_entry(kith_journal *j, const kith_ynode *k,
                       const kith_ynode *v, void *ctx)
{
	static const keyset ks = KEYSET(kind_keys, 0);
	kith_kind *kd = kith_vec_push(&j->kinds);
	kd->name = k->s;
	kd->pos = k->pos;
	kd->touch = 1;
	what_t w = what_of("kind '%.*s'", k);
	walk_entry(j, v, &ks, &w, "a mapping such as {touch: false}",
	           kind_field, kd);
}

static const char *const role_keys[] = {"cadence"};

static void role_field(kith_journal *j, void *obj, int key, const kith_ynode *k,
                       const kith_ynode *v)
{
	kith_role *r = obj;
	if (get_cadence(j, v, &r->cadence) == 0)
		r->has_cadence = 1;
}

static void role_entry(kith_journal *j, const kith_ynode *k,
                       const kith_ynode *v, void *ctx)
{
	static const keyset ks = KEYSET(role_keys, 0);
	kith_role *r = kith_vec_push(&j->roles);
	r->name = k->s;
	r->pos = k->pos;
	what_t w = what_of("role '%.*s'", k);
	walk_entry(j, v, &ks, &w, "a mapping such as {cadence: 4w..6w}",
	           role_field, r);
}

static const char *const rule_keys[] = {"after", "expect", "within"};
enum { R_AFTER, R_EXPECT, R_WITHIN };

static void rule_field(kith_journal *j, void *obj, int key, const kith_ynode *k,
                       const kith_ynode *v)
{
	kith_rule *r = obj;
	switch (key) {
	case R_AFTER:
		get_refs(j, v, "after", 0, &r->after);
		break;
	case R_EXPECT:
		get_ref(j, v, "expect", 0, &r->expect);
		break;
	case R_WITHIN:
		get_dur(j, v, "within", &r->within);
		break;
	}
}

static void rule_item(kith_journal *j, const kith_ynode *k, const kith_ynode *v,
                      void *ctx)
{
	static const keyset ks =
	    KEYSET(rule_keys, BIT(R_AFTER) | BIT(R_EXPECT) | BIT(R_WITHIN));
	kith_rule *r = kith_vec_push(&j->rules);
	r->pos = v->pos;
	r->expect_kind = KITH_NONE;
	what_t w = what_of("a follow-up rule", v);
	walk(j, v, &ks, &w, rule_field, r);
}

static void set_version(kith_journal *j, const kith_ynode *v)
{
	if (v->type == KITH_YNODE_SCALAR && kith_str_eqc(v->s, "1")) {
		j->version = 1;
		return;
	}
	const char *shown = v->type == KITH_YNODE_SCALAR ? cstr(v) : "...";
	kith_diag *g = KITH_DIAG(j, KITH_D_BAD_VERSION, v->pos, span(v), shown);
	kith_diag_hint(g, "this kith reads format version 1: write 'kith: 1'");
}

/* ---- contacts (docs/format.md) ---- */

static const char *const contact_keys[] = {
    "name",    "org",   "title", "roles", "tags",     "met",   "via",
    "cadence", "email", "phone", "links", "birthday", "notes",
};
enum {
	C_NAME,
	C_ORG,
	C_TITLE,
	C_ROLES,
	C_TAGS,
	C_MET,
	C_VIA,
	C_CADENCE,
	C_EMAIL,
	C_PHONE,
	C_LINKS,
	C_BIRTHDAY,
	C_NOTES
};

static int two_digits(const char *p)
{
	if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9')
		return -1;
	return (p[0] - '0') * 10 + (p[1] - '0');
}

/* MM-DD (02-29 allowed: some years have it) or YYYY-MM-DD. */
static int parse_birthday(kith_str s, int *y, int *m, int *d)
{
	*y = 0;
	if (s.n == 5 && s.p[2] == '-') {
		*m = two_digits(s.p);
		*d = two_digits(s.p + 3);
		if (*m < 0 || *d < 0)
			return -1;
		if (*m < 1 || *m > 12 || *d < 1 ||
		    *d > kith_days_in_month(2000, *m))
			return -2;
		return 0;
	}
	kith_day day;
	int rc = kith_date_parse(s.p, s.n, &day);
	if (rc == 0)
		kith_day_to_ymd(day, y, m, d);
	return rc;
}

static void get_birthday(kith_journal *j, const kith_ynode *v, kith_contact *c)
{
	c->birthday_pos = v->pos;
	if (!is_scalar(j, v, "birthday"))
		return;
	int y, m, d, rc = parse_birthday(v->s, &y, &m, &d);
	if (rc == 0) {
		c->bday_year = y;
		c->bday_month = m;
		c->bday_day = d;
		return;
	}
	kith_diag *g = KITH_DIAG(j, KITH_D_BAD_DATE, v->pos, span(v), cstr(v));
	if (rc == -2)
		kith_diag_hint(g, "that day does not exist in the calendar");
	else
		kith_diag_hint(g, "write a birthday as MM-DD or YYYY-MM-DD, "
		                  "e.g. 04-27");
}

static void contact_field(kith_journal *j, void *obj, int key,
                          const kith_ynode *k, const kith_ynode *v)
{
	kith_contact *c = obj;
	const char *name = contact_keys[key];
	switch (key) {
	case C_NAME:
		get_val(j, v, name, &c->name);
		break;
	case C_ORG:
		get_val(j, v, name, &c->org);
		break;
	case C_TITLE:
		get_val(j, v, name, &c->title);
		break;
	case C_ROLES:
		get_refs(j, v, name, 0, &c->roles);
		break;
	case C_TAGS:
		get_refs(j, v, name, 0, &c->tags);
		break;
	case C_MET:
		get_date(j, v, name, &c->met);
		break;
	case C_VIA:
		get_ref(j, v, name, REF_AT | REF_ID, &c->via);
		break;
	case C_CADENCE:
		c->cadence_pos = v->pos;
		if (get_cadence(j, v, &c->cadence) == 0)
			c->has_cadence = 1;
		break;
	case C_EMAIL:
		get_val(j, v, name, &c->email);
		break;
	case C_PHONE:
		get_val(j, v, name, &c->phone);
		break;
	case C_LINKS:
		get_refs(j, v, name, REF_URL, &c->links);
		break;
	case C_BIRTHDAY:
		get_birthday(j, v, c);
		break;
	case C_NOTES:
		get_val(j, v, name, &c->notes);
		break;
	}
}

static void contact_entry(kith_journal *j, const kith_ynode *k,
                          const kith_ynode *v, void *ctx)
{
	static const keyset ks = KEYSET(contact_keys, BIT(C_NAME));
	uint32_t file = *(const uint32_t *)ctx;
	kith_contact *c = kith_vec_push(&j->contacts);
	c->handle = k->s;
	c->pos = k->pos;
	c->file = file;
	c->met.day = KITH_NO_DAY;
	c->via_idx = KITH_NONE;
	what_t w = what_of("contact '@%.*s'", k);
	walk_entry(j, v, &ks, &w, "a mapping of contact fields", contact_field,
	           c);
}

/* ---- goals (docs/format.md) ---- */

static const char *const metric_keys[] = {"measure", "where", "target", "per"};
enum { M_MEASURE, M_WHERE, M_TARGET, M_PER };

typedef struct {
	kith_metric *m;
	const kith_ynode *target;
	int measure_ok;
} metric_ctx;

static void metric_field(kith_journal *j, void *obj, int key,
                         const kith_ynode *k, const kith_ynode *v)
{
	metric_ctx *mc = obj;
	int e;
	switch (key) {
	case M_MEASURE:
		e = get_enum(j, v, "measure", kith_measure_names,
		             KITH_MEASURE__COUNT);
		if (e >= 0) {
			mc->m->measure = (kith_measure)e;
			mc->measure_ok = 1;
		}
		break;
	case M_WHERE:
		get_val(j, v, "where", &mc->m->where);
		/* the query's columns count from its first byte */
		if (v->quoted == KITH_YQ_SINGLE || v->quoted == KITH_YQ_DOUBLE)
			mc->m->where.pos.col++;
		break;
	case M_TARGET:
		if (is_scalar(j, v, "target"))
			mc->target = v;
		break;
	case M_PER:
		e = get_enum(j, v, "per", per_names, KITH_PER__COUNT);
		if (e >= 0)
			mc->m->per = (kith_per)e;
		break;
	}
}

static int is_rate(kith_measure m)
{
	return m == KITH_MEASURE_ON_TIME_RATE ||
	       m == KITH_MEASURE_IN_TOUCH_RATE;
}

/* Rates take N% (0..100); counts take a whole number. */
static void metric_target(kith_journal *j, metric_ctx *mc)
{
	const kith_ynode *v = mc->target;
	double x;
	int pct, whole;
	if (!v)
		return;
	int rc = parse_number(v->s, &x, &pct, &whole);
	if (!mc->measure_ok) {
		if (rc == 0) {
			mc->m->target = x;
			mc->m->target_pct = pct;
		}
		return;
	}
	const char *mname = kith_measure_names[mc->m->measure];
	if (is_rate(mc->m->measure)) {
		if (rc == 0 && pct && x <= 100) {
			mc->m->target = x;
			mc->m->target_pct = 1;
			return;
		}
		bad_number(j, v,
		           kith_arena_printf(j->arena,
		                             "an %s target is a percentage "
		                             "from 0%% to 100%%, e.g. 90%%",
		                             mname));
		return;
	}
	if (rc == 0 && !pct && whole) {
		mc->m->target = x;
		return;
	}
	/* "a contacts target", "an events target" */
	const char *article = strchr("aeiou", mname[0]) ? "an" : "a";
	bad_number(j, v,
	           kith_arena_printf(j->arena,
	                             "%s %s target is a whole number (only "
	                             "on-time-rate and in-touch-rate take N%%)",
	                             article, mname));
}

static void metric_entry(kith_journal *j, const kith_ynode *k,
                         const kith_ynode *v, void *ctx)
{
	static const keyset ks =
	    KEYSET(metric_keys, BIT(M_MEASURE) | BIT(M_TARGET));
	kith_goal *g = ctx;
	metric_ctx mc = {kith_vec_push(&g->metrics), NULL, 0};
	mc.m->id = k->s;
	mc.m->pos = k->pos;
	mc.m->per = KITH_PER_GOAL;
	what_t w = what_of("metric '%.*s'", k);
	walk_entry(j, v, &ks, &w, "a mapping of metric fields", metric_field,
	           &mc);
	metric_target(j, &mc);
}

static void expect_entry(kith_journal *j, const kith_ynode *k,
                         const kith_ynode *v, void *ctx)
{
	kith_checkpoint *cp = ctx;
	double x;
	int pct, whole;
	if (!is_scalar(j, v, cstr(k)))
		return;
	if (parse_number(v->s, &x, &pct, &whole) != 0) {
		bad_number(j, v,
		           "write the expected value as a number, e.g. 20");
		return;
	}
	kith_expect *e = kith_vec_push(&cp->expect);
	e->metric.s = k->s;
	e->metric.pos = k->pos;
	e->metric.len = span(k);
	e->value = x;
	e->value_pos = v->pos;
	e->metric_idx = KITH_NONE;
}

static const char *const checkpoint_keys[] = {"date", "expect", "note"};
enum { K_DATE, K_EXPECT, K_NOTE };

static void checkpoint_field(kith_journal *j, void *obj, int key,
                             const kith_ynode *k, const kith_ynode *v)
{
	kith_checkpoint *cp = obj;
	switch (key) {
	case K_DATE:
		get_date(j, v, "date", &cp->date);
		break;
	case K_EXPECT:
		each_entry(j, v, "expect", "a mapping of metric to number", 0,
		           expect_entry, cp);
		break;
	case K_NOTE:
		get_val(j, v, "note", &cp->note);
		break;
	}
}

static void checkpoint_item(kith_journal *j, const kith_ynode *k,
                            const kith_ynode *v, void *ctx)
{
	static const keyset ks = KEYSET(checkpoint_keys, BIT(K_DATE));
	kith_goal *g = ctx;
	kith_checkpoint *cp = kith_vec_push(&g->checkpoints);
	cp->pos = v->pos;
	cp->date.day = KITH_NO_DAY;
	what_t w = what_of("a checkpoint", v);
	walk(j, v, &ks, &w, checkpoint_field, cp);
	/* undated, it would count as missed on every run: reported, dropped */
	if (cp->date.day == KITH_NO_DAY) {
		kith_vec_free(&cp->expect);
		g->checkpoints.n--;
	}
}

static const char *const action_keys[] = {"do", "due", "done"};
enum { A_DO, A_DUE, A_DONE };

static void action_field(kith_journal *j, void *obj, int key,
                         const kith_ynode *k, const kith_ynode *v)
{
	kith_action *a = obj;
	switch (key) {
	case A_DO:
		get_val(j, v, "do", &a->text);
		break;
	case A_DUE:
		get_date(j, v, "due", &a->due);
		break;
	case A_DONE:
		get_date(j, v, "done", &a->done);
		break;
	}
}

static void action_item(kith_journal *j, const kith_ynode *k,
                        const kith_ynode *v, void *ctx)
{
	static const keyset ks = KEYSET(action_keys, BIT(A_DO));
	kith_goal *g = ctx;
	kith_action *a = kith_vec_push(&g->actions);
	a->pos = v->pos;
	a->due.day = a->done.day = KITH_NO_DAY;
	what_t w = what_of("an action", v);
	walk(j, v, &ks, &w, action_field, a);
}

static const char *const goal_keys[] = {
    "title",  "horizon", "why",         "start",   "end",
    "status", "metrics", "checkpoints", "actions",
};
enum {
	G_TITLE,
	G_HORIZON,
	G_WHY,
	G_START,
	G_END,
	G_STATUS,
	G_METRICS,
	G_CHECKPOINTS,
	G_ACTIONS
};

static void goal_field(kith_journal *j, void *obj, int key, const kith_ynode *k,
                       const kith_ynode *v)
{
	kith_goal *g = obj;
	int e;
	switch (key) {
	case G_TITLE:
		get_val(j, v, "title", &g->title);
		break;
	case G_HORIZON:
		e = get_enum(j, v, "horizon", horizon_names, 2);
		if (e >= 0)
			g->horizon = e ? KITH_HORIZON_LONG : KITH_HORIZON_SHORT;
		break;
	case G_WHY:
		get_val(j, v, "why", &g->why);
		break;
	case G_START:
		get_date(j, v, "start", &g->start);
		break;
	case G_END:
		get_date(j, v, "end", &g->end);
		break;
	case G_STATUS:
		e = get_enum(j, v, "status", goal_status_names, 3);
		if (e >= 0)
			g->status = (kith_goal_status)e;
		break;
	case G_METRICS:
		each_entry(j, v, "metrics", "a mapping of metric id to metric",
		           1, metric_entry, g);
		break;
	case G_CHECKPOINTS:
		each_item(j, v, "checkpoints", "a list of checkpoints",
		          "a checkpoint mapping", checkpoint_item, g);
		break;
	case G_ACTIONS:
		each_item(j, v, "actions", "a list of actions",
		          "an action mapping", action_item, g);
		break;
	}
}

static void goal_entry(kith_journal *j, const kith_ynode *k,
                       const kith_ynode *v, void *ctx)
{
	static const keyset ks = KEYSET(goal_keys, BIT(G_TITLE));
	kith_goal *g = kith_vec_push(&j->goals);
	g->id = k->s;
	g->pos = k->pos;
	g->file = *(const uint32_t *)ctx;
	g->start.day = g->end.day = KITH_NO_DAY;
	g->status = KITH_GOAL_ACTIVE;
	what_t w = what_of("goal '%.*s'", k);
	walk_entry(j, v, &ks, &w, "a mapping of goal fields", goal_field, g);
}

/* ---- events (docs/format.md) ---- */

static const char *const event_keys[] = {
    "title", "date", "end", "location", "url", "status", "goals", "tags",
};
enum { E_TITLE, E_DATE, E_END, E_LOCATION, E_URL, E_STATUS, E_GOALS, E_TAGS };

static void event_field(kith_journal *j, void *obj, int key,
                        const kith_ynode *k, const kith_ynode *v)
{
	kith_event *ev = obj;
	int e;
	switch (key) {
	case E_TITLE:
		get_val(j, v, "title", &ev->title);
		break;
	case E_DATE:
		get_date(j, v, "date", &ev->date);
		break;
	case E_END:
		get_date(j, v, "end", &ev->end);
		break;
	case E_LOCATION:
		get_val(j, v, "location", &ev->location);
		break;
	case E_URL:
		if (is_scalar(j, v, "url") && check_url(j, v))
			ev->url = val_of(v);
		break;
	case E_STATUS:
		e = get_enum(j, v, "status", kith_event_status_names, 5);
		if (e >= 0)
			ev->status = (kith_event_status)e;
		break;
	case E_GOALS:
		get_refs(j, v, "goals", REF_ID, &ev->goals);
		break;
	case E_TAGS:
		get_refs(j, v, "tags", 0, &ev->tags);
		break;
	}
}

static void event_entry(kith_journal *j, const kith_ynode *k,
                        const kith_ynode *v, void *ctx)
{
	static const keyset ks = KEYSET(event_keys, BIT(E_TITLE) | BIT(E_DATE));
	kith_event *ev = kith_vec_push(&j->events);
	ev->id = k->s;
	ev->pos = k->pos;
	ev->file = *(const uint32_t *)ctx;
	ev->date.day = ev->end.day = KITH_NO_DAY;
	ev->status = KITH_EVENT_PLANNED;
	what_t w = what_of("event '%.*s'", k);
	walk_entry(j, v, &ks, &w, "a mapping of event fields", event_field, ev);
}

/* ---- interactions and follow-ups (docs/format.md) ---- */

static const char *const followup_keys[] = {"do", "due", "done", "with"};
enum { F_DO, F_DUE, F_DONE, F_WITH };

static void followup_field(kith_journal *j, void *obj, int key,
                           const kith_ynode *k, const kith_ynode *v)
{
	kith_followup *f = obj;
	switch (key) {
	case F_DO:
		get_val(j, v, "do", &f->text);
		break;
	case F_DUE:
		get_date(j, v, "due", &f->due);
		break;
	case F_DONE:
		f->checked = 1;
		get_date(j, v, "done", &f->done);
		break;
	case F_WITH:
		get_refs(j, v, "with", REF_AT | REF_ID, &f->who);
		break;
	}
}

/* The owning interaction gets index j->interactions.n once it is added. */
/* An interaction being read and its lists (packed once it is read). */
typedef struct {
	kith_interaction *ix;
	kith_ix_lists *ls;
} ix_build;

static void followup_item(kith_journal *j, const kith_ynode *k,
                          const kith_ynode *v, void *ctx)
{
	static const keyset ks = KEYSET(followup_keys, BIT(F_DO));
	kith_interaction *ix = ((ix_build *)ctx)->ix;
	kith_followup *f = kith_vec_push(&j->followups);
	f->pos = v->pos;
	f->due.day = f->done.day = KITH_NO_DAY;
	f->interaction = j->interactions.n;
	ix->fu_count++;
	what_t w = what_of("a follow-up", v);
	walk(j, v, &ks, &w, followup_field, f);
}

static const char *const interaction_keys[] = {
    "date",  "time", "kind",  "with",       "title", "goals",
    "event", "tags", "notes", "follow-ups", "uid",
};
enum {
	I_DATE,
	I_TIME,
	I_KIND,
	I_WITH,
	I_TITLE,
	I_GOALS,
	I_EVENT,
	I_TAGS,
	I_NOTES,
	I_FOLLOWUPS,
	I_UID
};

static void interaction_field(kith_journal *j, void *obj, int key,
                              const kith_ynode *k, const kith_ynode *v)
{
	ix_build *b = obj;
	kith_interaction *ix = b->ix;
	kith_dval d = {KITH_NO_DAY, v->pos};
	switch (key) {
	case I_DATE:
		get_date(j, v, "date", &d);
		ix->date = d.day;
		break;
	case I_TIME:
		get_time(j, v, &ix->minute);
		break;
	case I_KIND:
		get_ref(j, v, "kind", 0, &b->ls->kind);
		break;
	case I_WITH:
		get_refs(j, v, "with", REF_AT | REF_ID | REF_BUF,
		         &b->ls->l[KITH_IXR_WITH]);
		break;
	case I_TITLE: {
		kith_val t = {{0}, {0}, 0};
		get_val(j, v, "title", &t);
		ix->title.s = t.s; /* the record keeps no position for it */
		break;
	}
	case I_GOALS:
		get_refs(j, v, "goals", REF_ID | REF_BUF,
		         &b->ls->l[KITH_IXR_GOALS]);
		break;
	case I_EVENT:
		get_ref(j, v, "event", REF_ID, &kith_ix_more_of(j, ix)->event);
		break;
	case I_TAGS:
		get_refs(j, v, "tags", REF_BUF, &b->ls->l[KITH_IXR_TAGS]);
		break;
	case I_NOTES: { /* the record keeps the text, not its place */
		kith_val notes = {ix->notes.s, {0, 0, 0}, 0};
		get_val(j, v, "notes", &notes);
		ix->notes.s = notes.s;
		break;
	}
	case I_UID: {
		kith_val uid = {{NULL, 0}, {0, 0, 0}, 0};
		get_val(j, v, "uid", &uid);
		if (uid.s.p)
			kith_ix_more_of(j, ix)->uid.s = uid.s;
		break;
	}
	case I_FOLLOWUPS:
		each_item(j, v, "follow-ups", "a list of follow-ups",
		          "a follow-up mapping", followup_item, b);
		break;
	}
}

static void free_refs_from(kith_journal *j, uint32_t first)
{
	for (uint32_t i = first; i < j->followups.n; i++)
		kith_vec_free(&j->followups.v[i].who);
	j->followups.n = first;
}

/* An interaction without a valid date is reported and left out: every
 * later stage files interactions by date. */
static void interaction_item(kith_journal *j, const kith_ynode *k,
                             const kith_ynode *v, void *ctx)
{
	static const keyset ks = KEYSET(interaction_keys, BIT(I_DATE));
	kith_interaction ix;
	memset(&ix, 0, sizeof(ix));
	ix.date = KITH_NO_DAY;
	ix.minute = -1;
	ix.pos = v->pos;
	ix.file = *(const uint32_t *)ctx;
	ix.fu_first = j->followups.n;
	ix.kind_idx = KITH_NONE;
	kith_ix_lists ls;
	memset(&ls, 0, sizeof ls);
	ix_build b = {&ix, &ls};
	what_t w = what_of("an interaction", v);
	walk(j, v, &ks, &w, interaction_field, &b);
	if (ix.date == KITH_NO_DAY)
		free_refs_from(j, ix.fu_first);
	else
		kith_ix_pack(j->arena, &ix, &ls);
	for (int l = 0; l < KITH_IXR__COUNT; l++)
		kith_vec_free(&ls.l[l]);
	if (ix.date != KITH_NO_DAY)
		*kith_vec_push(&j->interactions) = ix;
}

/* ---- assessments (docs/format.md) ---- */

static void rating_entry(kith_journal *j, const kith_ynode *k,
                         const kith_ynode *v, void *ctx)
{
	kith_assessment *a = ctx;
	double x;
	int pct, whole;
	if (!is_scalar(j, v, cstr(k)))
		return;
	if (parse_number(v->s, &x, &pct, &whole) != 0 || pct || !whole ||
	    x < 1 || x > 5) {
		kith_diag *g =
		    KITH_DIAG(j, KITH_D_BAD_RATING, v->pos, span(v), cstr(v));
		kith_diag_hint(g, "rate each skill 1 (weak) to 5 (strong)");
		return;
	}
	kith_rating *r = kith_vec_push(&a->skills);
	r->skill = k->s;
	r->rating = (int)x;
	r->pos = k->pos;
}

static const char *const assessment_keys[] = {"date", "skills", "note"};
enum { S_DATE, S_SKILLS, S_NOTE };

static void assessment_field(kith_journal *j, void *obj, int key,
                             const kith_ynode *k, const kith_ynode *v)
{
	kith_assessment *a = obj;
	switch (key) {
	case S_DATE:
		get_date(j, v, "date", &a->date);
		break;
	case S_SKILLS:
		each_entry(j, v, "skills", "a mapping of skill to rating", 0,
		           rating_entry, a);
		break;
	case S_NOTE:
		get_val(j, v, "note", &a->note);
		break;
	}
}

static void assessment_item(kith_journal *j, const kith_ynode *k,
                            const kith_ynode *v, void *ctx)
{
	static const keyset ks = KEYSET(assessment_keys, BIT(S_DATE));
	kith_assessment *a = kith_vec_push(&j->assessments);
	a->pos = v->pos;
	a->date.day = KITH_NO_DAY;
	what_t w = what_of("an assessment", v);
	walk(j, v, &ks, &w, assessment_field, a);
	if (a->date.day == KITH_NO_DAY) { /* reported; a trend needs dates */
		kith_vec_free(&a->skills);
		j->assessments.n--;
	}
}

/* ---- the file ---- */

static const char *const top_keys[] = {
    "include", "contacts", "goals", "events", "interactions",    "assessments",
    "kith",    "owner",    "kinds", "roles",  "follow-up-rules",
};
enum {
	T_INCLUDE,
	T_CONTACTS,
	T_GOALS,
	T_EVENTS,
	T_INTERACTIONS,
	T_ASSESSMENTS,
	T_KITH,
	T_OWNER,
	T_KINDS,
	T_ROLES,
	T_RULES
};

static void get_includes(kith_journal *j, const kith_ynode *v,
                         kith_refs *includes)
{
	kith_refs tmp = {0};
	get_refs(j, v, "include", 0, includes ? includes : &tmp);
	kith_vec_free(&tmp);
}

/* owner: a name, or a mapping with name and email (the digest's To:). */
static const char *const owner_keys[] = {"name", "email"};

static void owner_field(kith_journal *j, void *obj, int key,
                        const kith_ynode *k, const kith_ynode *v)
{
	(void)obj, (void)k;
	get_val(j, v, owner_keys[key], key ? &j->owner_email : &j->owner);
}

static void owner_setting(kith_journal *j, const kith_ynode *v)
{
	static const keyset ks = KEYSET(owner_keys, 0);
	if (v->type != KITH_YNODE_MAP) {
		get_val(j, v, "owner", &j->owner);
		return;
	}
	what_t w = what_of("owner", v);
	walk(j, v, &ks, &w, owner_field, NULL);
}

static void settings(kith_journal *j, int key, const kith_ynode *v)
{
	switch (key) {
	case T_KITH:
		set_version(j, v);
		break;
	case T_OWNER:
		owner_setting(j, v);
		break;
	case T_KINDS:
		j->kinds_declared = 1;
		each_entry(j, v, "kinds", "a mapping of kind name to settings",
		           1, kind_entry, NULL);
		break;
	case T_ROLES:
		j->roles_declared = 1;
		each_entry(j, v, "roles", "a mapping of role name to settings",
		           1, role_entry, NULL);
		break;
	case T_RULES:
		j->rules_declared = 1;
		each_item(j, v, "follow-up-rules", "a list of rules",
		          "a rule mapping (after, expect, within)", rule_item,
		          NULL);
		break;
	}
}

static void section(kith_journal *j, uint32_t file, int key,
                    const kith_ynode *v, kith_refs *includes)
{
	switch (key) {
	case T_INCLUDE:
		get_includes(j, v, includes);
		break;
	case T_CONTACTS:
		each_entry(j, v, "contacts", "a mapping of handle to contact",
		           1, contact_entry, &file);
		break;
	case T_GOALS:
		each_entry(j, v, "goals", "a mapping of goal id to goal", 1,
		           goal_entry, &file);
		break;
	case T_EVENTS:
		each_entry(j, v, "events", "a mapping of event id to event", 1,
		           event_entry, &file);
		break;
	case T_INTERACTIONS:
		each_item(j, v, "interactions", "a list of interactions",
		          "an interaction mapping", interaction_item, &file);
		break;
	case T_ASSESSMENTS:
		each_item(j, v, "assessments", "a list of assessments",
		          "an assessment mapping", assessment_item, NULL);
		break;
	}
}

static void not_root(kith_journal *j, const kith_ynode *k)
{
	kith_diag *g =
	    KITH_DIAG(j, KITH_D_SETTINGS_NOT_ROOT, k->pos, span(k), cstr(k));
	kith_diag_hint(g, "move '%s' to the root kith.yaml", cstr(k));
}

/* A root file without 'kith: 1' is reported by the caller (include.c),
 * which sees the whole root whether or not it parsed. */
void kith_model_from_yaml(kith_journal *j, uint32_t file, kith_ynode *root,
                          int is_root, kith_refs *includes)
{
	what_t w = {is_root ? "the root file" : "the file",
	            KITH_STR_NULL,
	            {file, 0, 0},
	            1};
	uint32_t n = root && root->type == KITH_YNODE_MAP ? root->nkids : 0;
	for (uint32_t i = 0; i + 1 < n; i += 2) {
		const kith_ynode *k = root->kids[i], *v = root->kids[i + 1];
		int key =
		    key_index(j, k, top_keys, KITH_ARRAY_LEN(top_keys), &w);
		if (key < 0)
			continue;
		if (key >= T_KITH && !is_root) {
			not_root(j, k);
			continue;
		}
		if (absent(v) && key != T_KITH)
			continue;
		if (key >= T_KITH)
			settings(j, key, v);
		else
			section(j, file, key, v, includes);
	}
}

/* ---- Markdown metadata blocks (docs/format.md) ---- */

static const char *const md_keys[] = {"kind", "with", "goals", "event",
                                      "tags", "time", "uid"};
static const int md_to_interaction[] = {I_KIND, I_WITH, I_GOALS, I_EVENT,
                                        I_TAGS, I_TIME, I_UID};

void kith_model_md_meta(kith_journal *j, kith_ynode *map, kith_interaction *ix,
                        kith_ix_lists *ls)
{
	ix_build b = {ix, ls};
	if (!map || map->type != KITH_YNODE_MAP)
		return;
	what_t w = what_of("the metadata block", map);
	for (uint32_t i = 0; i + 1 < map->nkids; i += 2) {
		const kith_ynode *k = map->kids[i], *v = map->kids[i + 1];
		int key = key_index(j, k, md_keys, KITH_ARRAY_LEN(md_keys), &w);
		if (key >= 0 && !absent(v))
			interaction_field(j, &b, md_to_interaction[key], k, v);
	}
}

/* ---- the schema for editors (the language server's completion) ---- */

const char *const *kith_yaml_keys(kith_yctx c, size_t *n)
{
#define KEYS(a) (*n = KITH_ARRAY_LEN(a), a)
	switch (c) {
	case KITH_YCTX_ROOT:
		return KEYS(top_keys);
	case KITH_YCTX_FILE:
		*n = T_ASSESSMENTS + 1; /* sections only, no settings */
		return top_keys;
	case KITH_YCTX_KIND:
		return KEYS(kind_keys);
	case KITH_YCTX_ROLE:
		return KEYS(role_keys);
	case KITH_YCTX_RULE:
		return KEYS(rule_keys);
	case KITH_YCTX_CONTACT:
		return KEYS(contact_keys);
	case KITH_YCTX_GOAL:
		return KEYS(goal_keys);
	case KITH_YCTX_METRIC:
		return KEYS(metric_keys);
	case KITH_YCTX_CHECKPOINT:
		return KEYS(checkpoint_keys);
	case KITH_YCTX_ACTION:
		return KEYS(action_keys);
	case KITH_YCTX_EVENT:
		return KEYS(event_keys);
	case KITH_YCTX_INTERACTION:
		return KEYS(interaction_keys);
	case KITH_YCTX_FOLLOWUP:
		return KEYS(followup_keys);
	case KITH_YCTX_ASSESSMENT:
		return KEYS(assessment_keys);
	case KITH_YCTX_MD_META:
		return KEYS(md_keys);
	default:
		*n = 0;
		return NULL;
	}
#undef KEYS
}

const char *const *kith_yaml_values(const char *key, size_t *n)
{
	*n = 0;
	if (!strcmp(key, "horizon"))
		return *n = KITH_ARRAY_LEN(horizon_names), horizon_names;
	if (!strcmp(key, "per"))
		return *n = KITH_ARRAY_LEN(per_names), per_names;
	if (!strcmp(key, "measure"))
		return *n = KITH_MEASURE__COUNT, kith_measure_names;
	if (!strcmp(key, "goal-status"))
		return *n = KITH_ARRAY_LEN(goal_status_names),
		       goal_status_names;
	if (!strcmp(key, "event-status"))
		return *n = 5, kith_event_status_names;
	return NULL;
}
