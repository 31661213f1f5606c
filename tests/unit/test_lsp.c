/* Language server pieces without a journal: UTF-16 positions, file URIs,
 * Content-Length framing, and the lifecycle through kith_lsp_feed. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "lsp/lsp.h"

/* "Inês 😀 @bob\n" : 'ê' is 2 bytes and 1 UTF-16 unit, the emoji 4 bytes
 * and 2 units. */
static const char text[] = "Inês 😀 @bob\nsecond\r\nthird";

Test(lsp_text, utf16_offsets)
{
	kith_lsp_lines l;
	uint32_t line, ch;

	kith_lsp_lines_init(&l, text, strlen(text));
	cr_assert_eq(l.nlines, 3);
	/* '@' is byte 11, UTF-16 unit 8 */
	cr_assert_eq(kith_lsp_offset(&l, 0, 8), 11);
	cr_assert_eq(kith_lsp_u16col(&l, 0, 11), 8);
	kith_lsp_position(&l, 11, &line, &ch);
	cr_assert_eq(line, 0);
	cr_assert_eq(ch, 8);
	/* past the end of a line: clamped before "\r\n" */
	cr_assert_eq(kith_lsp_offset(&l, 1, 99), 22);
	cr_assert_eq(kith_lsp_offset(&l, 2, 0), 24);
	cr_assert_eq(kith_lsp_offset(&l, 9, 0), strlen(text));
	kith_lsp_lines_free(&l);
}

Test(lsp_text, range_of_model_position)
{
	kith_lsp_lines l;
	kith_pos p = {0, 1, 12}; /* 1-based byte column of '@' */
	json_t *r;

	kith_lsp_lines_init(&l, text, strlen(text));
	r = kith_lsp_range_of(&l, p, 4);
	cr_assert_eq(json_integer_value(json_object_get(
	                 json_object_get(r, "start"), "character")),
	             8);
	cr_assert_eq(json_integer_value(json_object_get(
	                 json_object_get(r, "end"), "character")),
	             12);
	json_decref(r);
	kith_lsp_lines_free(&l);
}

Test(lsp_text, uris)
{
	/* a folder the test makes itself; its name needs no escaping */
	const char *tmp = getenv("TMPDIR");
	char dir[512], path[600], want[700];
	snprintf(dir, sizeof dir, "%s/kith-uri-XXXXXX", tmp ? tmp : "/tmp");
	cr_assert_not_null(mkdtemp(dir));
	cr_assert_eq(strspn(dir,
	                    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTU"
	                    "VWXYZ0123456789/._-~"),
	             strlen(dir), "%s", dir);
	snprintf(path, sizeof path, "%s/a b/Inês+1.md", dir);
	snprintf(want, sizeof want, "file://%s/a%%20b/In%%C3%%AAs%%2B1.md",
	         dir);
	char *u = kith_lsp_path_to_uri(path);
	char *p;

	cr_assert_str_eq(u, want);
	p = kith_lsp_uri_to_path(u);
	cr_assert_str_eq(p, path);
	free(p);
	free(u);
	rmdir(dir);
	p = kith_lsp_uri_to_path("file://localhost/x/y.md");
	cr_assert_str_eq(p, "/x/y.md");
	free(p);
	cr_assert_null(kith_lsp_uri_to_path("untitled:Untitled-1"));
	cr_assert_null(kith_lsp_uri_to_path("file://otherhost/x"));
	p = kith_lsp_uri_to_path("file:///a%00b");
	cr_assert_str_eq(p, "/a"); /* no NUL inside a path */
	free(p);
}

static void reader(kith_rpc_reader *r, const char *s)
{
	memset(r, 0, sizeof *r);
	r->fd = -1;
	r->eof = 1;
	kith_buf_puts(&r->buf, s);
}

Test(lsp_rpc, framing)
{
	kith_rpc_reader r;
	kith_buf body = {0};

	reader(&r, "Content-Length: 2\r\n\r\n{}"
	           "content-length:3\nContent-Type: x\n\n[1]"
	           "Content-Type: nothing\r\n\r\n"
	           "Content-Length: 1\r\n\r\n1"
	           "Content-Length: 99\r\n\r\n{}");
	cr_assert_eq(kith_rpc_read(&r, 1, &body), 1);
	cr_assert_str_eq(kith_buf_cstr(&body), "{}");
	cr_assert_eq(kith_rpc_read(&r, 1, &body), 1, "case, LF only");
	cr_assert_str_eq(kith_buf_cstr(&body), "[1]");
	cr_assert_eq(kith_rpc_read(&r, 1, &body), -1, "no length");
	cr_assert_eq(kith_rpc_read(&r, 1, &body), 1, "resynchronised");
	cr_assert_str_eq(kith_buf_cstr(&body), "1");
	cr_assert_eq(kith_rpc_read(&r, 1, &body), 0, "cut short");
	kith_buf_free(&body);
	kith_buf_free(&r.buf);
}

/* The replies of a session fed from memory, as one JSON array. */
static json_t *replies(const kith_buf *out)
{
	json_t *arr = json_array();
	const char *p = out->p, *end = out->p + out->n;
	while (p && p < end) {
		size_t n = 0;
		const char *b;
		cr_assert_eq(sscanf(p, "Content-Length: %zu", &n), 1);
		b = strstr(p, "\r\n\r\n") + 4;
		json_array_append_new(arr, json_loadb(b, n, 0, NULL));
		p = b + n;
	}
	return arr;
}

static void frame(kith_buf *b, const char *json)
{
	kith_buf_printf(b, "Content-Length: %zu\r\n\r\n%s", strlen(json), json);
}

Test(lsp_server, lifecycle_without_a_journal)
{
	kith_lsp *s = kith_lsp_new(NULL, kith_day_from_ymd(2026, 11, 22));
	kith_buf in = {0}, out = {0};
	json_t *r;
	int rc;

	frame(&in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"hover\"}");
	frame(&in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"initialize\","
	           "\"params\":{}}");
	frame(&in, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"x/y\"}");
	frame(&in, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":"
	           "\"workspace/symbol\",\"params\":{\"query\":\"\"}}");
	frame(&in, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"shutdown\"}");
	frame(&in, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
	rc = kith_lsp_feed(s, in.p, in.n, &out);
	cr_assert_eq(rc, 0, "exit after shutdown");
	r = replies(&out);
	cr_assert_eq(json_array_size(r), 5);
	cr_assert_eq(
	    json_integer_value(json_object_get(
	        json_object_get(json_array_get(r, 0), "error"), "code")),
	    KITH_RPC_NOT_INITIALIZED);
	cr_assert_not_null(json_object_get(
	    json_object_get(json_array_get(r, 1), "result"), "capabilities"));
	cr_assert_eq(
	    json_integer_value(json_object_get(
	        json_object_get(json_array_get(r, 2), "error"), "code")),
	    KITH_RPC_METHOD_NOT_FOUND);
	cr_assert_eq(
	    json_array_size(json_object_get(json_array_get(r, 3), "result")), 0,
	    "no journal, no symbols");
	cr_assert(
	    json_is_null(json_object_get(json_array_get(r, 4), "result")));
	json_decref(r);
	kith_buf_free(&in);
	kith_buf_free(&out);
	kith_lsp_free(s);
}

Test(lsp_server, exit_without_shutdown)
{
	kith_lsp *s = kith_lsp_new(NULL, kith_day_from_ymd(2026, 11, 22));
	kith_buf in = {0}, out = {0};

	frame(&in, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
	cr_assert_eq(kith_lsp_feed(s, in.p, in.n, &out), 1);
	cr_assert_eq(out.n, 0, "no reply to a notification");
	kith_buf_free(&in);
	kith_buf_free(&out);
	kith_lsp_free(s);
}
