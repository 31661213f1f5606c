/* The diagnostic table and sink: codes to names, severities and message
 * templates; collecting, sorting and raising diagnostics. */
#include <stdlib.h>
#include <string.h>

#include "diag/diag.h"

static const struct {
	kith_severity sev;
	const char *name;
	const char *msg;
} table[KITH_D__COUNT] = {
#define X(e, s, n, m) [KITH_D_##e] = {KITH_SEV_##s, n, m},
#include "diag/codes.def"
#undef X
};

const char *kith_code_name(kith_code c)
{
	return c < KITH_D__COUNT ? table[c].name : "?";
}

kith_severity kith_code_severity(kith_code c)
{
	return c < KITH_D__COUNT ? table[c].sev : KITH_SEV_ERROR;
}

const char *kith_code_template(kith_code c)
{
	return c < KITH_D__COUNT ? table[c].msg : "";
}

int kith_code_from_name(const char *name)
{
	int i;
	for (i = 0; i < KITH_D__COUNT; i++)
		if (strcmp(table[i].name, name) == 0)
			return i;
	return -1;
}

/* The pooled copy of s (taken over: freed here when already pooled). */
static const char *intern(kith_diags *d, char *s)
{
	kith_str k;
	uint32_t slot, i;
	const char *r;

	/* a run of equal diagnostics hits here, without hashing */
	for (i = 0; i < KITH_ARRAY_LEN(d->recent); i++)
		if (d->recent[i] && !strcmp(d->recent[i], s)) {
			free(s);
			return d->recent[i];
		}
	k = kith_str_c(s);
	if (kith_map_get(&d->index, k, &slot)) {
		free(s);
		r = d->strs.v[slot];
	} else {
		*kith_vec_push(&d->strs) = s;
		kith_map_put(&d->index, k, d->strs.n - 1, NULL);
		r = s;
	}
	d->recent[d->nrecent++ % KITH_ARRAY_LEN(d->recent)] = r;
	return r;
}

static char *vformat(const char *fmt, va_list ap)
{
	kith_buf b = {0};
	kith_buf_vprintf(&b, fmt, ap);
	kith_buf_cstr(&b);
	return b.p;
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
kith_diag *kith_diag_add(kith_diags *d, kith_code code, kith_pos pos,
                         uint32_t len, ...)
{
	kith_diag *g = kith_vec_push(&d->list);
	va_list ap;

	g->code = code;
	g->sev = kith_code_severity(code);
	g->pos = pos;
	g->len = len ? len : 1;
	g->seq = d->list.n - 1;
	g->owner = d;
	va_start(ap, len);
	g->msg = intern(d, vformat(kith_code_template(code), ap));
	va_end(ap);
	if (g->sev == KITH_SEV_ERROR)
		d->errors++;
	else if (g->sev == KITH_SEV_WARNING)
		d->warnings++;
	return g;
}
#pragma GCC diagnostic pop

kith_diag *kith_diag_copy(kith_diags *d, const kith_diag *src)
{
	kith_diag *g = kith_vec_push(&d->list);

	g->code = src->code;
	g->sev = src->sev;
	g->pos = src->pos;
	g->len = src->len;
	g->seq = d->list.n - 1;
	g->owner = d;
	g->msg = intern(d, kith_xstrdup(src->msg ? src->msg : ""));
	g->hint = src->hint ? intern(d, kith_xstrdup(src->hint)) : NULL;
	g->note = src->note ? intern(d, kith_xstrdup(src->note)) : NULL;
	if (g->sev == KITH_SEV_ERROR)
		d->errors++;
	else if (g->sev == KITH_SEV_WARNING)
		d->warnings++;
	return g;
}

void kith_diag_hint(kith_diag *g, const char *fmt, ...)
{
	va_list ap;
	if (!g)
		return;
	va_start(ap, fmt);
	g->hint = intern(g->owner, vformat(fmt, ap));
	va_end(ap);
}

void kith_diag_note(kith_diag *g, const char *fmt, ...)
{
	va_list ap;
	char *n;
	if (!g)
		return;
	va_start(ap, fmt);
	n = vformat(fmt, ap);
	va_end(ap);
	if (g->note) {
		kith_buf b = {0};
		kith_buf_printf(&b, "%s\n%s", g->note, n);
		free(n);
		n = (char *)kith_buf_cstr(&b);
	}
	g->note = intern(g->owner, n);
}

static const char *const *sort_paths;
static uint32_t sort_npaths;

static int cmp_diag(const void *a, const void *b)
{
	const kith_diag *x = a, *y = b;
	if (x->pos.file != y->pos.file) {
		const char *px =
		    x->pos.file < sort_npaths ? sort_paths[x->pos.file] : "";
		const char *py =
		    y->pos.file < sort_npaths ? sort_paths[y->pos.file] : "";
		int r = strcmp(px, py);
		if (r)
			return r;
		return x->pos.file < y->pos.file ? -1 : 1;
	}
	if (x->pos.line != y->pos.line)
		return x->pos.line < y->pos.line ? -1 : 1;
	if (x->pos.col != y->pos.col)
		return x->pos.col < y->pos.col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void kith_diags_sort(kith_diags *d, const char *const *paths, uint32_t npaths)
{
	sort_paths = paths;
	sort_npaths = npaths;
	if (d->list.n > 1)
		qsort(d->list.v, d->list.n, sizeof(kith_diag), cmp_diag);
}

void kith_diags_strict(kith_diags *d)
{
	uint32_t i;
	for (i = 0; i < d->list.n; i++)
		if (d->list.v[i].sev == KITH_SEV_WARNING) {
			d->list.v[i].sev = KITH_SEV_ERROR;
			d->warnings--;
			d->errors++;
		}
}

void kith_diags_free(kith_diags *d)
{
	uint32_t i;
	if (!d)
		return;
	for (i = 0; i < d->strs.n; i++)
		free(d->strs.v[i]);
	kith_vec_free(&d->strs);
	kith_map_free(&d->index);
	kith_vec_free(&d->list);
	memset(d->recent, 0, sizeof d->recent);
	d->errors = d->warnings = 0;
}
