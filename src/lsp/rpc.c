/* JSON-RPC framing of the language server: "Content-Length: N" headers,
 * a blank line and N bytes of JSON, read from a file descriptor (or from
 * memory) and written back the same way. */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "lsp/lsp.h"

/* A message larger than this is refused (and skipped). */
#define MAX_BODY ((size_t)64 << 20)

/* Reads more bytes into the buffer; 1 read some, 0 end of input. */
static int fill(kith_rpc_reader *r, int block)
{
	char tmp[65536];
	ssize_t k;

	if (r->fd < 0 || r->eof)
		return 0;
	if (!block) {
		struct pollfd pf = {r->fd, POLLIN, 0};
		if (poll(&pf, 1, 0) <= 0)
			return 0;
	}
	for (;;) {
		k = read(r->fd, tmp, sizeof tmp);
		if (k < 0 && errno == EINTR)
			continue;
		break;
	}
	if (k <= 0) {
		r->eof = 1;
		return 0;
	}
	if (r->pos) { /* drop consumed bytes */
		memmove(r->buf.p, r->buf.p + r->pos, r->buf.n - r->pos);
		r->buf.n -= r->pos;
		r->pos = 0;
	}
	kith_buf_put(&r->buf, tmp, (size_t)k);
	return 1;
}

/* End of the header block at or after pos ("\r\n\r\n", also "\n\n"), or
 * NULL when it has not arrived yet. */
static const char *header_end(const kith_rpc_reader *r, size_t *hlen)
{
	const char *p = r->buf.p + r->pos, *e = r->buf.p + r->buf.n;
	for (; p < e; p++) {
		if (p + 3 < e && !memcmp(p, "\r\n\r\n", 4)) {
			*hlen = 4;
			return p;
		}
		if (p + 1 < e && !memcmp(p, "\n\n", 2)) {
			*hlen = 2;
			return p;
		}
	}
	return NULL;
}

/* Content-Length from the header block [h, e); -1 when absent or bad. */
static long long content_length(const char *h, const char *e)
{
	static const char key[] = "content-length:";
	while (h < e) {
		const char *nl = memchr(h, '\n', (size_t)(e - h));
		const char *le = nl ? nl : e;
		if ((size_t)(le - h) > sizeof key - 1 &&
		    !strncasecmp(h, key, sizeof key - 1)) {
			const char *q = h + sizeof key - 1;
			long long v = 0;
			int digits = 0;
			while (q < le && (*q == ' ' || *q == '\t'))
				q++;
			while (q < le && *q >= '0' && *q <= '9' &&
			       v < 1LL << 40) {
				v = v * 10 + (*q++ - '0');
				digits++;
			}
			while (q < le &&
			       (*q == ' ' || *q == '\t' || *q == '\r'))
				q++;
			return digits && q == le ? v : -1;
		}
		h = le + (nl ? 1 : 0);
	}
	return -1;
}

int kith_rpc_read(kith_rpc_reader *r, int block, kith_buf *body)
{
	for (;;) {
		size_t hlen = 0;
		const char *he = header_end(r, &hlen);
		if (he) {
			const char *h = r->buf.p + r->pos;
			long long n = content_length(h, he);
			size_t rel = (size_t)(he - h) + hlen, start;
			if (n < 0 || (size_t)n > MAX_BODY) {
				r->pos += rel; /* skip the broken header */
				return -1;
			}
			while (r->buf.n - r->pos - rel < (size_t)n)
				if (!fill(r, 1)) {
					r->pos = r->buf.n;
					return 0; /* cut short */
				}
			start = r->pos + rel;
			body->n = 0;
			kith_buf_put(body, r->buf.p + start, (size_t)n);
			kith_buf_cstr(body);
			r->pos = start + (size_t)n;
			return 1;
		}
		if (!fill(r, block))
			return 0;
	}
}

static void write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t k = write(fd, p, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return; /* the client is gone; exit comes with EOF */
		p += k;
		n -= (size_t)k;
	}
}

void kith_rpc_send(kith_rpc_writer *w, json_t *msg)
{
	char *s;
	char head[64];
	int hn;
	size_t n;

	json_object_set_new(msg, "jsonrpc", json_string("2.0"));
	s = json_dumps(msg, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(msg);
	if (!s)
		return;
	n = strlen(s);
	hn = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", n);
	if (w->fd >= 0) {
		write_all(w->fd, head, (size_t)hn);
		write_all(w->fd, s, n);
	} else if (w->sink) {
		kith_buf_put(w->sink, head, (size_t)hn);
		kith_buf_put(w->sink, s, n);
	}
	free(s);
}
