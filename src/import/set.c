/* The set of people and events one import reader produced, allocated in
 * one arena, with the reader's first error. */
#include <stdarg.h>
#include <string.h>

#include "import/import.h"

void kith_import_set_init(kith_import_set *s)
{
	memset(s, 0, sizeof *s);
	s->arena = kith_arena_new();
}

void kith_import_set_free(kith_import_set *s)
{
	if (!s)
		return;
	for (uint32_t i = 0; i < s->people.n; i++) {
		kith_import_person *p = &s->people.v[i];
		kith_vec_free(&p->emails);
		kith_vec_free(&p->phones);
		kith_vec_free(&p->tags);
		kith_vec_free(&p->links);
	}
	for (uint32_t i = 0; i < s->events.n; i++)
		kith_vec_free(&s->events.v[i].emails);
	kith_vec_free(&s->people);
	kith_vec_free(&s->events);
	kith_arena_free(s->arena);
	s->arena = NULL;
}

int kith_import_fail(kith_import_set *s, uint32_t line, const char *fmt, ...)
{
	va_list ap;
	kith_buf b = {0};
	if (s->err)
		return -1;
	va_start(ap, fmt);
	kith_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	s->err_line = line ? line : 1;
	s->err = kith_arena_strdup(s->arena, kith_buf_cstr(&b));
	kith_buf_free(&b);
	return -1;
}

char *kith_import_strndup(kith_import_set *s, const char *p, size_t n)
{
	return kith_arena_strndup(s->arena, p, n);
}

void kith_import_push(kith_import_set *s, kith_import_strs *v, const char *p,
                      size_t n)
{
	for (uint32_t i = 0; i < v->n; i++)
		if (strlen(v->v[i]) == n && !memcmp(v->v[i], p, n))
			return; /* a value listed twice is listed once */
	*kith_vec_push(v) = kith_import_strndup(s, p, n);
}
