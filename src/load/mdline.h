/* THE Markdown line grammar of kith journals (grammar/journal.ebnf): one
 * scanner that classifies each line of a journal file, and accessors to
 * the pieces of a line that the loader and the editors (fmt, add, done,
 * the language server) read or rewrite. Nothing else in kith may decide
 * what a journal line is.
 *
 * Use:
 *     kith_mdscan s;
 *     kith_mdline l;
 *     size_t off = kith_mdl_bom(text, len);
 *     kith_mdscan_init(&s, text + off, len - off);
 *     while (kith_mdscan_next(&s, &l))
 *             switch (l.kind) { ... }    l.p, l.n: the line, no line end
 *
 * Spans are byte offsets into the line (l.p). A pattern that fails (the
 * PCRE2 match limit, on hostile input) is not a silent non-match: l.err
 * is set, and the loader reports it as regex-limit.
 * Internal header for src/load, src/edit, src/lsp, src/import and tests/. */
#ifndef KITH_MDLINE_H
#define KITH_MDLINE_H

#include "util/date.h"
#include "util/util.h"

typedef enum {
	KITH_MDL_BLANK,       /* only spaces, tabs or stray CRs */
	KITH_MDL_FRONT,       /* YAML front matter, from line 1, markers too */
	KITH_MDL_HEADING,     /* ATX heading at column 1, level 1..6 */
	KITH_MDL_META,        /* a line of an entry's metadata block */
	KITH_MDL_FENCE_OPEN,  /* ``` or ~~~ opening fenced code */
	KITH_MDL_CODE,        /* inside fenced code */
	KITH_MDL_FENCE_CLOSE, /* the line closing fenced code */
	KITH_MDL_HTML,        /* a line of an HTML block */
	KITH_MDL_TASK,        /* - [ ] task list item (a follow-up) */
	KITH_MDL_BODY,        /* any other text */
	KITH_MDL_TOO_LONG,    /* longer than KITH_MAX_LINE: skipped */
	KITH_MDL__COUNT
} kith_mdl_kind;

/* Stable lowercase names ("blank", "front-matter", ...). */
extern const char *const kith_mdl_kind_names[KITH_MDL__COUNT];

typedef struct {
	size_t off, len;
} kith_span;

/* The entry-heading shape of a level-2 heading. */
typedef enum {
	KITH_MDL_NOT_ENTRY, /* '## Notes': a stray heading */
	KITH_MDL_ENTRY, /* '## 2026-11-03[ 09:30] Title', date and time valid */
	KITH_MDL_BAD_ENTRY /* entry-shaped, but bad_date or bad_time */
} kith_mdl_entry;

typedef struct {
	kith_mdl_kind kind;
	const char *p; /* the line, without its line end */
	size_t n;
	uint32_t line; /* 1-based, counted after a byte-order mark */
	int blank;     /* only blanks (also for CODE and HTML lines) */
	size_t indent; /* columns of leading blanks, a tab to the next 4 */
	int utf8_ok;   /* the text is valid UTF-8 (else no pattern matches) */
	int err;       /* a pattern failed: err_pattern, err_msg say which */
	const char *err_pattern;
	/* HEADING */
	int level;
	kith_mdl_entry entry;   /* level 2 only */
	kith_span date, time;   /* time.len 0 when absent */
	kith_span title;        /* trailing blanks trimmed; may be empty */
	int bad_date, bad_time; /* BAD_ENTRY: which one is wrong */
	kith_day day;           /* ENTRY */
	int minute;             /* ENTRY: -1 without a time */
	/* TASK */
	kith_span marker; /* '-', '*' or '+' */
	kith_span box;    /* "[ ]", "[x]" or "[X]" */
	int checked;      /* 'x' or 'X' in the box */
	kith_span text;   /* after the box, trailing blanks trimmed */
	/* FENCE_OPEN */
	kith_span fence;   /* the run of '`' or '~' */
	char err_msg[200]; /* last: not cleared for every line */
} kith_mdline;

/* Scanner state: front matter, open fence, HTML block, metadata block. */
typedef struct {
	const char *text, *end, *at;
	uint32_t line;
	uint32_t front_lines; /* lines of front matter, 0 when there is none */
	int fence;            /* fenced code open */
	char fence_ch;
	size_t fence_len;
	uint32_t fence_line, fence_col; /* where it opened (1-based) */
	int html;             /* HTML block: 0, 1 (<pre>...), 2 (<!--), 7 */
	const char *html_end; /* the end marker of blocks 1 and 2 */
	int meta;             /* 1 after an entry heading, 2 in a block */
	int utf8_ok;          /* the whole text is valid UTF-8 */
	/* line ends found 64 bytes at a time: bit k of nl_bits is set when
	 * nl_blk[k] is a LF (nl_blk NULL: none read yet) */
	const char *nl_blk;
	uint64_t nl_bits;
	/* the last entry date read: entries of a day follow each other */
	char last_date[10];
	int last_bad; /* kith_date_parse of it; last_date[0] 0: none */
	kith_day last_day;
} kith_mdscan;

/* Bytes of a UTF-8 byte-order mark at the start of text (0 or 3). */
size_t kith_mdl_bom(const char *text, size_t len);
/* text: the file after its byte-order mark. */
void kith_mdscan_init(kith_mdscan *s, const char *text, size_t len);
/* The same for text already checked to be valid UTF-8 (the loader). */
void kith_mdscan_init_valid(kith_mdscan *s, const char *text, size_t len);
/* Classifies the next line into *l; 0 at the end of the text. A line ends
 * at LF; every CR before the LF belongs to the line end. */
int kith_mdscan_next(kith_mdscan *s, kith_mdline *l);
/* Offset in the text of the line *l (l->p - text). */
size_t kith_mdscan_offset(const kith_mdscan *s, const kith_mdline *l);

/* A front-matter marker: "---" (or "..." when dots) then only blanks. */
int kith_mdl_fm_marker(const char *p, size_t n, int dots);

/* due:VALUE and done:VALUE tokens of a task's text. */
typedef struct {
	size_t off, len; /* the whole token, for carets */
	size_t v0, v1;   /* the value, without trailing .,;:!?) */
	int is_due;
} kith_mdl_token;
/* Finds the next token in p[off..n): 1 and *t, 0 when there is none, -1
 * when the pattern failed (l->err and err_msg set). */
int kith_mdl_next_token(kith_mdline *l, const char *p, size_t n, size_t off,
                        kith_mdl_token *t);

/* Each pattern is compiled once per process, on first use; this compiles
 * them all: 0 when ready, -1 when one cannot be compiled (a bug; *err
 * says why). */
int kith_mdl_ready(const char **err);

#endif
