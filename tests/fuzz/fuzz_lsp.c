/* libFuzzer target for the language server's input. The journal is a small
 * one written once to a temporary folder. If the input starts with
 * "Content-Length" it is fed as the raw byte stream (framing and all);
 * otherwise it is a list of JSON messages separated by lines "%%", each
 * framed here ("$URI" in them read as the Markdown file's URI), after an
 * initialize and a didOpen of that file, so that the fuzzer spends its
 * time in the methods and in edits re-checked through the overlays. */
#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "lsp/lsp.h"

static char root[512], md_uri[600];

static void put(const char *dir, const char *name, const char *text)
{
	char path[600];
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f)
		abort();
	fputs(text, f);
	fclose(f);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");
	char dir[512];
	snprintf(root, sizeof root, "%s/kith-fuzz-lsp.XXXXXX",
	         tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(root))
		abort();
	snprintf(dir, sizeof dir, "%s/journal", root);
	mkdir(dir, 0700);
	put(root, "kith.yaml",
	    "kith: 1\ninclude: [contacts.yaml, \"journal/*.md\"]\n"
	    "goals:\n  grow:\n    title: Grow\n    actions:\n"
	    "      - do: Ask @alice\n        due: 2026-11-30\n"
	    "events:\n  meetup: {title: Meetup, date: 2026-11-20}\n");
	put(root, "contacts.yaml",
	    "contacts:\n  alice: {name: Alice Chen, roles: [mentor]}\n"
	    "  bob:\n    name: Bob Inês\n    via: alice\n");
	put(dir, "2026-11.md",
	    "# November\n\n## 2026-11-03 Coffee with @alice #coffee\n"
	    "goals: [grow]\nevent: meetup\n\nTalked 😀 about @bob.\n\n"
	    "- [ ] Send the draft due:+2d\n");
	snprintf(md_uri, sizeof md_uri, "file://%s/journal/2026-11.md", root);
	return 0;
}

static void frame(kith_buf *b, const char *body, size_t n)
{
	kith_buf x = {0};
	const char *p = body, *end = body + n, *u;

	while ((u = memmem(p, (size_t)(end - p), "$URI", 4))) {
		kith_buf_put(&x, p, (size_t)(u - p));
		kith_buf_puts(&x, md_uri);
		p = u + 4;
	}
	kith_buf_put(&x, p, (size_t)(end - p));
	kith_buf_printf(b, "Content-Length: %zu\r\n\r\n", x.n);
	kith_buf_put(b, x.p ? x.p : "", x.n);
	kith_buf_free(&x);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	kith_buf in = {0}, out = {0}, msg = {0};
	kith_lsp *s = kith_lsp_new(NULL, kith_fuzz_as_of());
	const char *p = (const char *)data, *end = p + size;

	if (size >= 14 && !memcmp(data, "Content-Length", 14))
		kith_buf_put(&in, data, size);
	else {
		kith_buf_printf(&msg,
		                "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":"
		                "\"initialize\",\"params\":{\"rootUri\":"
		                "\"file://%s\"}}",
		                root);
		frame(&in, msg.p, msg.n);
		msg.n = 0;
		kith_buf_printf(&msg,
		                "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/"
		                "didOpen\",\"params\":{\"textDocument\":{\"uri\":"
		                "\"%s\",\"version\":1,\"text\":\"## 2026-11-04 "
		                "Call with @alcie #call\\n- [ ] x due:+1d\\n\"}}}",
		                md_uri);
		frame(&in, msg.p, msg.n);
		while (p < end) {
			const char *sep = memmem(p, (size_t)(end - p), "\n%%\n", 4);
			const char *e = sep ? sep : end;
			frame(&in, p, (size_t)(e - p));
			p = sep ? sep + 4 : end;
		}
	}
	kith_lsp_feed(s, in.p ? in.p : "", in.n, &out);
	kith_lsp_free(s);
	kith_buf_free(&in);
	kith_buf_free(&out);
	kith_buf_free(&msg);
	return 0;
}
