/* THE Markdown line grammar (grammar/journal.ebnf): the PCRE2 patterns,
 * compiled once, and the scanner that classifies journal lines for the
 * loader and the editors. */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <pthread.h>
#include <stddef.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdio.h>
#include <string.h>

#include "load/load.h"
#include "load/md_internal.h"
#include "load/mdline.h"

/* Keep in sync with grammar/journal.ebnf: the unit tests compare them. */
const char *const kith_md_pattern_names[KITH_MD_PAT__COUNT] = {
    "entry-heading", "fence", "task-item", "due-done", "meta-key",
};
const char *const kith_md_patterns[KITH_MD_PAT__COUNT] = {
    ("^##[ \\t]+(\\d{4}-\\d{1,2}-\\d{1,2})(?:[ \\t]+(\\d{1,2}:\\d{1,2}))?"
     "(?=[ \\t]|$)[ \\t]*(.*)$"),
    "^ {0,3}(?:(`{3,})(?!.*`)|(~{3,}))(.*)$",
    "^([ \\t]*)([-*+])[ \\t]+\\[([ xX])\\](?:[ \\t]+(.*))?$",
    "(?<![^ \\t(])(due|done):([^ \\t]*)",
    "^([A-Za-z][A-Za-z0-9_-]*):(?: |$)",
};

const char *const kith_mdl_kind_names[KITH_MDL__COUNT] = {
    [KITH_MDL_BLANK] = "blank",
    [KITH_MDL_FRONT] = "front-matter",
    [KITH_MDL_HEADING] = "heading",
    [KITH_MDL_META] = "metadata",
    [KITH_MDL_FENCE_OPEN] = "fence-open",
    [KITH_MDL_CODE] = "code",
    [KITH_MDL_FENCE_CLOSE] = "fence-close",
    [KITH_MDL_HTML] = "html",
    [KITH_MDL_TASK] = "task",
    [KITH_MDL_BODY] = "body",
    [KITH_MDL_TOO_LONG] = "too-long",
};

/* Bounds on one match: the patterns are linear, so these only stop a
 * runaway on hostile input, reported as regex-limit. */
#define MD_MATCH_LIMIT 10000000u
#define MD_DEPTH_LIMIT 10000u

/* Each pattern compiled once per process, on its first use: the hot
 * lines are matched by hand-written C, so a run over a journal without
 * fenced code compiles none. The loader may read files on several threads
 * (load/md_run.c): a pattern is compiled under a lock and then only read,
 * the match context is shared read-only and each thread matches into
 * match data of its own. */
static struct {
	int state; /* 0 not yet set up, 1 ready, -1 failed */
	pcre2_code *re[KITH_MD_PAT__COUNT];
	pcre2_match_context *mc;
	uint32_t limit; /* 0: MD_MATCH_LIMIT */
	char err[200];
} G;
static pthread_mutex_t G_lock = PTHREAD_MUTEX_INITIALIZER;
static _Thread_local pcre2_match_data *T_md; /* this thread's match data */

static int grammar_init(void)
{
	if (G.state)
		return G.state;
	G.mc = pcre2_match_context_create(NULL);
	if (!G.mc)
		kith_die_oom();
	pcre2_set_match_limit(G.mc, G.limit ? G.limit : MD_MATCH_LIMIT);
	pcre2_set_depth_limit(G.mc, MD_DEPTH_LIMIT);
	G.state = 1;
	return 1;
}

static int pattern_compile(int pat)
{
	int ec;
	PCRE2_SIZE eo;

	if (grammar_init() < 0)
		return -1;
	if (G.re[pat])
		return 1;
	pcre2_code *re =
	    pcre2_compile((PCRE2_SPTR)kith_md_patterns[pat],
	                  PCRE2_ZERO_TERMINATED, PCRE2_UTF, &ec, &eo, NULL);
	if (!re) {
		PCRE2_UCHAR msg[120];
		pcre2_get_error_message(ec, msg, sizeof msg);
		snprintf(G.err, sizeof G.err, "%s at offset %zu", (char *)msg,
		         (size_t)eo);
		G.state = -1;
		return -1;
	}
	/* JIT is optional: without it the interpreter runs. */
	(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	__atomic_store_n(&G.re[pat], re, __ATOMIC_RELEASE);
	return 1;
}

static int pattern_ready(int pat)
{
	int rc;
	if (__atomic_load_n(&G.re[pat], __ATOMIC_ACQUIRE))
		return 1;
	pthread_mutex_lock(&G_lock);
	rc = pattern_compile(pat);
	pthread_mutex_unlock(&G_lock);
	return rc;
}

static pcre2_match_data *match_data(void)
{
	if (!T_md && !(T_md = pcre2_match_data_create(8, NULL)))
		kith_die_oom();
	return T_md;
}

void kith_mdl_thread_end(void)
{
	pcre2_match_data_free(T_md);
	T_md = NULL;
}

int kith_mdl_ready(const char **err)
{
	for (int i = 0; i < KITH_MD_PAT__COUNT; i++)
		if (pattern_ready(i) < 0) {
			if (err)
				*err = G.err;
			return -1;
		}
	return 0;
}

/* The hot patterns (entry heading, task item, due/done token, metadata
 * key) are matched by hand-written C below; the PCRE2 patterns stay the
 * reference, and tests switch to them to compare the two. */
static int use_reference;

void kith_mdl_use_reference(int on)
{
	use_reference = on;
}

void kith_md_set_match_limit(uint32_t limit)
{
	G.limit = limit;
	if (G.state > 0)
		pcre2_set_match_limit(G.mc, limit ? limit : MD_MATCH_LIMIT);
}

void kith_md_grammar_free(void)
{
	for (int i = 0; i < KITH_MD_PAT__COUNT; i++)
		pcre2_code_free(G.re[i]);
	kith_mdl_thread_end();
	pcre2_match_context_free(G.mc);
	memset(&G, 0, sizeof G);
}

/* Runs pattern pat on [p, p+n) from off: 1 match, 0 none, -1 error (set
 * in *l: a limit is never taken for a silent non-match). */
static int match(kith_mdline *l, int pat, const char *p, size_t n, size_t off)
{
	int rc;

	if (pattern_ready(pat) < 0) {
		l->err = 1;
		l->err_pattern = "*";
		pthread_mutex_lock(&G_lock);
		snprintf(l->err_msg, sizeof l->err_msg, "%s", G.err);
		pthread_mutex_unlock(&G_lock);
		return -1;
	}
	/* Lines split at '\n' of valid UTF-8 are valid UTF-8; on invalid
	 * text (kith fmt of a file the loader rejects) PCRE2 checks, and
	 * fails, rather than read past a sequence. */
	rc = pcre2_match(G.re[pat], (PCRE2_SPTR)p, n, off,
	                 l->utf8_ok ? PCRE2_NO_UTF_CHECK : 0, match_data(),
	                 G.mc);
	if (rc <= PCRE2_ERROR_UTF8_ERR1 && rc >= PCRE2_ERROR_UTF8_ERR21)
		return 0; /* not valid UTF-8: no line of the grammar matches */
	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	l->err = 1;
	l->err_pattern = kith_md_pattern_names[pat];
	pcre2_get_error_message(rc, (PCRE2_UCHAR *)l->err_msg,
	                        sizeof l->err_msg);
	return -1;
}

static PCRE2_SIZE *ovec(void)
{
	return pcre2_get_ovector_pointer(match_data());
}

static kith_span group(int k)
{
	PCRE2_SIZE *ov = ovec();
	kith_span s = {0, 0};
	if (ov[2 * k] != PCRE2_UNSET) {
		s.off = ov[2 * k];
		s.len = ov[2 * k + 1] - ov[2 * k];
	}
	return s;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int all_blank(const char *p, size_t a, size_t b)
{
	while (a < b && is_blank(p[a]))
		a++;
	return a == b;
}

/* ---- front matter ---- */

int kith_mdl_fm_marker(const char *p, size_t n, int dots)
{
	size_t i = 3;
	if (n < 3 || memcmp(p, dots ? "..." : "---", 3) != 0)
		return 0;
	while (i < n && (is_blank(p[i]) || p[i] == '\r'))
		i++;
	return i == n;
}

/* A '---' line that is physically line 1 (after a BOM) opens YAML front
 * matter, closed by '---' or '...'; without a closing line it is ordinary
 * preamble text. Returns its lines, markers included, or 0. */
static uint32_t front_lines(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	uint32_t lines = 1;
	if (!nl || !kith_mdl_fm_marker(p, (size_t)(nl - p), 0))
		return 0;
	for (const char *q = nl + 1; q < end;) {
		const char *qn = memchr(q, '\n', (size_t)(end - q));
		size_t n = (size_t)((qn ? qn : end) - q);
		lines++;
		if (kith_mdl_fm_marker(q, n, 0) || kith_mdl_fm_marker(q, n, 1))
			return lines;
		q = qn ? qn + 1 : end;
	}
	return 0;
}

/* ---- hand-written matchers: the same answers as the patterns ---- */

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static size_t digits(const char *p, size_t n, size_t i)
{
	size_t k = i;
	while (k < n && is_digit(p[k]))
		k++;
	return k - i;
}

static size_t skip_blanks(const char *p, size_t n, size_t i)
{
	while (i < n && is_blank(p[i]))
		i++;
	return i;
}

/* A line PCRE2 would refuse as invalid UTF-8 matches no pattern. */
static int bad_utf8(const kith_mdline *l, const char *p, size_t n)
{
	return !l->utf8_ok && kith_utf8_invalid(p, n) != 0;
}

/* "HH:MM"-shaped at i (1-2 digits, ':', 1-2 digits) and then a blank or
 * the end: its end, or 0. */
static size_t time_at(const char *p, size_t n, size_t i)
{
	size_t h = digits(p, n, i);
	if (h < 1 || h > 2 || i + h >= n || p[i + h] != ':')
		return 0;
	size_t m = digits(p, n, i + h + 1), e = i + h + 1 + m;
	if (m < 1 || m > 2 || (e < n && !is_blank(p[e])))
		return 0;
	return e;
}

/* 'YYYY-MM-DD' at p: ten bytes, digits and two dashes. */
static int is_ymd10(const char *p)
{
	return is_digit(p[0]) && is_digit(p[1]) && is_digit(p[2]) &&
	       is_digit(p[3]) && p[4] == '-' && is_digit(p[5]) &&
	       is_digit(p[6]) && p[7] == '-' && is_digit(p[8]) &&
	       is_digit(p[9]);
}

/* "YYYY-M-D"-shaped at i (4 digits, 1-2, 1-2, dashes between) and then
 * a blank or the end: its end, or 0. */
static size_t date_at(const char *p, size_t n, size_t i)
{
	size_t d;
	if (n - i >= 10 && is_ymd10(p + i) &&
	    (n - i == 10 || is_blank(p[i + 10])))
		return i + 10; /* the usual shape, in one test */
	if (digits(p, n, i) != 4 || i + 4 >= n || p[i + 4] != '-')
		return 0;
	i += 5;
	d = digits(p, n, i);
	if (d < 1 || d > 2 || i + d >= n || p[i + d] != '-')
		return 0;
	i += d + 1;
	d = digits(p, n, i);
	if (d < 1 || d > 2)
		return 0;
	i += d;
	if (i < n && !is_blank(p[i]))
		return 0;
	return i;
}

/* KITH_MD_PAT_ENTRY: date, optional time, title. */
static int entry_fast(kith_mdline *l, const char *p, size_t n)
{
	if (n < 3 || p[0] != '#' || p[1] != '#' || !is_blank(p[2]) ||
	    bad_utf8(l, p, n))
		return 0;
	size_t d0 = skip_blanks(p, n, 2), i = date_at(p, n, d0);
	if (!i)
		return 0;
	l->date = (kith_span){d0, i - d0};
	size_t t0 = skip_blanks(p, n, i), te = t0 < n ? time_at(p, n, t0) : 0;
	l->time = (kith_span){0, 0};
	if (te) {
		l->time = (kith_span){t0, te - t0};
		i = te;
	}
	i = skip_blanks(p, n, i);
	l->title = (kith_span){i, n - i};
	return 1;
}

/* KITH_MD_PAT_TASK, with k the first non-blank: marker, box, text. */
static int task_fast(kith_mdline *l, const char *p, size_t n, size_t k)
{
	size_t i = skip_blanks(p, n, k + 1);
	if (bad_utf8(l, p, n) || i + 2 >= n || p[i] != '[' ||
	    !(p[i + 1] == ' ' || p[i + 1] == 'x' || p[i + 1] == 'X') ||
	    p[i + 2] != ']')
		return 0;
	size_t e = i + 3;
	if (e < n && !is_blank(p[e]))
		return 0;
	l->marker = (kith_span){k, 1};
	l->box = (kith_span){i, 3};
	e = skip_blanks(p, n, e);
	l->text = (kith_span){e, n - e};
	return 1;
}

/* KITH_MD_PAT_TOKEN from off: due: or done: after a blank, '(' or the
 * start, and its value up to the next blank. */
static int token_fast(kith_mdline *l, const char *p, size_t n, size_t off,
                      kith_mdl_token *t)
{
	if (bad_utf8(l, p, n))
		return 0;
	for (size_t i = off; i + 4 <= n; i++) {
		const char *q = memchr(p + i, 'd', n - i);
		if (!q)
			return 0;
		i = (size_t)(q - p);
		if (i > 0 && !is_blank(p[i - 1]) && p[i - 1] != '(')
			continue;
		size_t k;
		if (i + 4 <= n && memcmp(p + i, "due:", 4) == 0)
			k = 4;
		else if (i + 5 <= n && memcmp(p + i, "done:", 5) == 0)
			k = 5;
		else
			continue;
		size_t v = i + k, e = v;
		while (e < n && !is_blank(p[e]))
			e++;
		t->off = i;
		t->len = e - i;
		t->v0 = v;
		t->v1 = e;
		t->is_due = k == 4;
		return 1;
	}
	return 0;
}

/* KITH_MD_PAT_META: a key at column 1, then ':' and a space or the end. */
static int meta_fast(const kith_mdline *l, const char *p, size_t n)
{
	size_t i = 1;
	if (!n || bad_utf8(l, p, n) ||
	    !((p[0] >= 'a' && p[0] <= 'z') || (p[0] >= 'A' && p[0] <= 'Z')))
		return 0;
	while (i < n &&
	       ((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z') ||
	        is_digit(p[i]) || p[i] == '_' || p[i] == '-'))
		i++;
	return i < n && p[i] == ':' && (i + 1 == n || p[i + 1] == ' ');
}

/* ---- headings ---- */

/* 1..6 for an ATX heading at column 1: hashes, then a blank or the end. */
static int heading_level(const char *p, size_t n)
{
	size_t h = 0;
	while (h < n && h < 7 && p[h] == '#')
		h++;
	if (h == 0 || h > 6 || (h < n && !is_blank(p[h])))
		return 0;
	return (int)h;
}

static int parse_time(const char *p, size_t n, int *minute)
{
	if (n != 5 || p[2] != ':')
		return -1;
	int h = (p[0] - '0') * 10 + (p[1] - '0');
	int m = (p[3] - '0') * 10 + (p[4] - '0');
	if (h > 23 || m > 59)
		return -1;
	*minute = h * 60 + m;
	return 0;
}

/* kith_date_parse, remembering the last date of the shape YYYY-MM-DD. */
static int parse_date(kith_mdscan *s, const char *p, size_t n, kith_day *day)
{
	if (n != sizeof s->last_date)
		return kith_date_parse(p, n, day);
	if (!s->last_date[0] || memcmp(s->last_date, p, n) != 0) {
		memcpy(s->last_date, p, n);
		s->last_bad = kith_date_parse(p, n, &s->last_day);
	}
	if (!s->last_bad)
		*day = s->last_day;
	return s->last_bad;
}

/* Level 2: is it an entry heading, with a valid date and time? */
static void entry_heading(kith_mdscan *s, kith_mdline *l)
{
	const char *p = l->p;
	if (!use_reference) {
		if (!entry_fast(l, p, l->n))
			return;
	} else {
		if (match(l, KITH_MD_PAT_ENTRY, p, l->n, 0) <= 0)
			return;
		l->date = group(1);
		l->time = group(2);
		l->title = group(3);
	}
	while (l->title.len && is_blank(p[l->title.off + l->title.len - 1]))
		l->title.len--;
	l->minute = -1;
	l->bad_date = parse_date(s, p + l->date.off, l->date.len, &l->day) != 0;
	l->bad_time = l->time.len &&
	              parse_time(p + l->time.off, l->time.len, &l->minute) != 0;
	l->entry =
	    l->bad_date || l->bad_time ? KITH_MDL_BAD_ENTRY : KITH_MDL_ENTRY;
}

/* ---- fences ---- */

static int fence_opens(kith_mdscan *s, kith_mdline *l, size_t k)
{
	int tick;
	if (k > 3 || (l->p[k] != '`' && l->p[k] != '~'))
		return 0;
	if (match(l, KITH_MD_PAT_FENCE, l->p, l->n, 0) <= 0)
		return 0;
	tick = ovec()[2] != PCRE2_UNSET;
	l->fence = group(tick ? 1 : 2);
	s->fence = 1;
	s->fence_ch = tick ? '`' : '~';
	s->fence_len = l->fence.len;
	s->fence_line = l->line;
	s->fence_col = (uint32_t)l->fence.off + 1;
	s->html = 0;
	return 1;
}

/* A closing fence: up to 3 spaces, a run of the opening character at
 * least as long, then only blanks. */
static int fence_closes(const kith_mdscan *s, const kith_mdline *l)
{
	const char *p = l->p;
	size_t n = l->n, i = 0, r;
	while (i < n && i < 3 && p[i] == ' ')
		i++;
	for (r = i; r < n && p[r] == s->fence_ch; r++)
		;
	return r - i >= s->fence_len && all_blank(p, r, n);
}

/* ---- HTML blocks (CommonMark) ---- */

static int starts_ci(const char *p, size_t n, size_t at, const char *w)
{
	size_t k, m = strlen(w);
	if (at + m > n)
		return 0;
	for (k = 0; k < m; k++) {
		char c = p[at + k];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (c != w[k])
			return 0;
	}
	return 1;
}

static int contains_ci(const char *p, size_t n, const char *w)
{
	for (size_t i = 0; i < n; i++)
		if (starts_ci(p, n, i, w))
			return 1;
	return 0;
}

/* 1 = <pre|script|style|textarea> up to its end tag, 2 = <!-- up to -->,
 * 7 = any other tag, up to a blank line; 0 = no HTML block starts. */
static int html_start(const char *p, size_t n, const char **end)
{
	static const char *const raw[] = {"pre", "script", "style", "textarea"};
	static const char *const close[] = {"</pre>", "</script>", "</style>",
	                                    "</textarea>"};
	size_t i = 0, k;
	while (i < n && i < 3 && p[i] == ' ')
		i++;
	if (i >= n || p[i] != '<')
		return 0;
	if (starts_ci(p, n, i, "<!--")) {
		*end = "-->";
		return 2;
	}
	for (k = 0; k < 4; k++)
		if (starts_ci(p, n, i + 1, raw[k])) {
			size_t after = i + 1 + strlen(raw[k]);
			if (after == n || p[after] == '>' ||
			    is_blank(p[after])) {
				*end = close[k];
				return 1;
			}
		}
	if (i + 1 < n &&
	    ((p[i + 1] >= 'a' && p[i + 1] <= 'z') ||
	     (p[i + 1] >= 'A' && p[i + 1] <= 'Z') || p[i + 1] == '/'))
		return 7;
	return 0;
}

/* A line of an open block 1 or 2 (blank lines included): HTML, and the
 * block ends on the line holding its end marker. */
static kith_mdl_kind html_line(kith_mdscan *s, const kith_mdline *l)
{
	if (s->html != 7 && contains_ci(l->p, l->n, s->html_end))
		s->html = 0;
	return KITH_MDL_HTML;
}

/* ---- task items ---- */

static int task_item(kith_mdline *l, size_t k)
{
	const char *p = l->p;
	char c = p[k];
	if (!((c == '-' || c == '*' || c == '+') && k + 2 < l->n &&
	      is_blank(p[k + 1])))
		return 0;
	if (!use_reference) {
		if (!task_fast(l, p, l->n, k))
			return 0;
	} else {
		if (match(l, KITH_MD_PAT_TASK, p, l->n, 0) <= 0)
			return 0;
		l->marker = group(2);
		l->box = group(3);
		l->box.off--;
		l->box.len = 3;
		l->text = group(4);
		if (ovec()[8] == PCRE2_UNSET)
			l->text.off = l->n;
	}
	l->checked = p[l->box.off + 1] != ' ';
	while (l->text.len && is_blank(p[l->text.off + l->text.len - 1]))
		l->text.len--;
	return 1;
}

int kith_mdl_next_token(kith_mdline *l, const char *p, size_t n, size_t off,
                        kith_mdl_token *t)
{
	if (!use_reference) {
		if (!token_fast(l, p, n, off, t))
			return 0;
	} else {
		int r = match(l, KITH_MD_PAT_TOKEN, p, n, off);
		if (r <= 0)
			return r;
		PCRE2_SIZE *ov = ovec();
		t->off = ov[0];
		t->len = ov[1] - ov[0];
		t->v0 = ov[4];
		t->v1 = ov[5];
		t->is_due = p[ov[2] + 1] == 'u';
	}
	while (t->v1 > t->v0 && p[t->v1 - 1] && strchr(".,;:!?)", p[t->v1 - 1]))
		t->v1--;
	return 1;
}

/* ---- the scanner ---- */

size_t kith_mdl_bom(const char *text, size_t len)
{
	return len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

void kith_mdscan_init_valid(kith_mdscan *s, const char *text, size_t len)
{
	memset(s, 0, sizeof *s);
	s->text = s->at = text;
	s->end = text + len;
	s->front_lines = front_lines(text, s->end);
	s->utf8_ok = 1;
}

void kith_mdscan_init(kith_mdscan *s, const char *text, size_t len)
{
	kith_mdscan_init_valid(s, text, len);
	s->utf8_ok = kith_utf8_invalid(text, len) == 0;
}

size_t kith_mdscan_offset(const kith_mdscan *s, const kith_mdline *l)
{
	return (size_t)(l->p - s->text);
}

static void measure(kith_mdline *l)
{
	size_t i, col = 0;
	if (!use_reference && l->n && !is_blank(l->p[0]) && l->p[0] != '\r')
		return; /* most lines: not blank, indent 0 (as cleared) */
	l->blank = 1;
	for (i = 0; i < l->n; i++)
		if (!is_blank(l->p[i]) && l->p[i] != '\r') {
			l->blank = 0;
			break;
		}
	for (i = 0; i < l->n && is_blank(l->p[i]); i++)
		col = l->p[i] == '\t' ? (col / 4 + 1) * 4 : col + 1;
	l->indent = col;
}

/* A heading: levels 1 and 2 end any metadata or HTML block and give the
 * journal its structure; 3 to 6 inside a metadata block are metadata. */
static int heading(kith_mdscan *s, kith_mdline *l)
{
	int level = l->n && l->p[0] == '#' ? heading_level(l->p, l->n) : 0;
	if (!level || (level > 2 && s->meta == 2))
		return 0;
	l->level = level;
	s->html = 0;
	s->meta = 0;
	if (level == 2) {
		entry_heading(s, l);
		if (l->entry == KITH_MDL_ENTRY)
			s->meta = 1;
	}
	return 1;
}

/* The metadata block: the lines after an entry heading up to a blank
 * line, when the first one reads 'key: value' at column 1. */
static int meta(kith_mdscan *s, kith_mdline *l)
{
	if (s->meta == 2) {
		if (!l->blank)
			return 1;
		s->meta = 0;
		return 0;
	}
	if (s->meta == 1) {
		s->meta = 0;
		if (l->n &&
		    ((l->p[0] >= 'a' && l->p[0] <= 'z') ||
		     (l->p[0] >= 'A' && l->p[0] <= 'Z')) &&
		    (use_reference
		         ? match(l, KITH_MD_PAT_META, l->p, l->n, 0) > 0
		         : meta_fast(l, l->p, l->n))) {
			s->meta = 2;
			return 1;
		}
	}
	return 0;
}

/* First bytes after which a line can only be body text (or metadata):
 * not blank, and no heading, fence, HTML block or list item starts. */
static const unsigned char not_plain[256] = {
    [' '] = 1, ['\t'] = 1, ['\r'] = 1, ['#'] = 1, ['`'] = 1,
    ['~'] = 1, ['<'] = 1,  ['-'] = 1,  ['*'] = 1, ['+'] = 1,
};

static int plain_start(unsigned char c)
{
	return !not_plain[c];
}

static kith_mdl_kind classify(kith_mdscan *s, kith_mdline *l)
{
	size_t k = 0;

	if (l->line <= s->front_lines) {
		/* an entry heading here is lost to the front matter: the
		 * loader warns, so it needs the shape */
		if (l->n && l->p[0] == '#' && heading_level(l->p, l->n) == 2) {
			l->level = 2;
			entry_heading(s, l);
		}
		return KITH_MDL_FRONT;
	}
	if (l->n > KITH_MAX_LINE) {
		s->meta = 0;
		return KITH_MDL_TOO_LONG;
	}
	if (s->fence) {
		if (!fence_closes(s, l))
			return KITH_MDL_CODE;
		s->fence = 0;
		return KITH_MDL_FENCE_CLOSE;
	}
	if (heading(s, l))
		return KITH_MDL_HEADING;
	if (meta(s, l))
		return KITH_MDL_META;
	/* the short cut is off with the reference patterns, so the tests
	 * compare it with the whole walk below */
	if (!use_reference && !s->html && l->n &&
	    plain_start((unsigned char)l->p[0]))
		return KITH_MDL_BODY;
	while (k < l->n && is_blank(l->p[k]))
		k++;
	if (s->html == 1 || s->html == 2)
		return fence_opens(s, l, k) ? KITH_MDL_FENCE_OPEN
		                            : html_line(s, l);
	if (l->blank) {
		s->html = 0; /* a blank line ends block 7 */
		return KITH_MDL_BLANK;
	}
	if (fence_opens(s, l, k))
		return KITH_MDL_FENCE_OPEN;
	if (s->html == 7)
		return KITH_MDL_HTML;
	if (k <= 3 && (s->html = html_start(l->p, l->n, &s->html_end)) != 0)
		return html_line(s, l);
	return task_item(l, k) ? KITH_MDL_TASK : KITH_MDL_BODY;
}

/* Zeroes *l up to err_msg in 16-byte stores: memset of this constant
 * size is inlined as 'rep stos', whose start-up cost was half of the
 * scanner's time on a journal of short lines. */
typedef unsigned char kith_v16 __attribute__((vector_size(16), aligned(1)));

static void clear_line(kith_mdline *l)
{
	enum { N = offsetof(kith_mdline, err_msg) };
	unsigned char *p = (unsigned char *)l;
	kith_v16 z = {0};
	size_t i;
	__asm__("" : "+x"(z)); /* an opaque zero: no memset to fold into */
#pragma GCC unroll 16
	for (i = 0; i + 16 <= N; i += 16)
		__builtin_memcpy(p + i, &z, 16);
	for (; i < N; i++)
		p[i] = 0;
}

/* Bit k set when p[k] is a LF, for the 64 bytes at p. */
static uint64_t lf_bits(const char *p)
{
	uint64_t bits = 0;
#ifdef __SSE2__
	const __m128i lf = _mm_set1_epi8('\n');
#pragma GCC unroll 4
	for (int k = 0; k < 4; k++) {
		__m128i v = _mm_loadu_si128((const __m128i *)(p + 16 * k));
		uint32_t m = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, lf));
		bits |= (uint64_t)m << (16 * k);
	}
#else
	for (int k = 0; k < 8; k++) {
		uint64_t w, x, hi = 0x8080808080808080ull;
		memcpy(&w, p + 8 * k, 8);
		x = w ^ 0x0a0a0a0a0a0a0a0aull;     /* a LF byte becomes 0 */
		x = ~(((x & ~hi) + ~hi) | x) & hi; /* its high bit, exactly */
		bits |= ((x >> 7) * 0x0102040810204080ull) >> 56 << (8 * k);
	}
#endif
	return bits;
}

/* The next LF at or after at, or NULL: a bit mask of each 64 bytes is
 * made once, so a short line costs a shift and a count, not a call. */
static const char *next_lf(kith_mdscan *s, const char *at)
{
	for (;;) {
		if (s->nl_blk && (size_t)(at - s->nl_blk) < 64) {
			uint64_t m = s->nl_bits >> (at - s->nl_blk);
			if (m)
				return at + __builtin_ctzll(m);
			at = s->nl_blk + 64;
		}
		if (s->end - at < 64)
			return memchr(at, '\n', (size_t)(s->end - at));
		s->nl_blk = at;
		s->nl_bits = lf_bits(at);
	}
}

int kith_mdscan_next(kith_mdscan *s, kith_mdline *l)
{
	const char *nl;

	if (s->at >= s->end)
		return 0;
	clear_line(l);
	l->p = s->at;
	nl = next_lf(s, s->at);
	l->n = (size_t)((nl ? nl : s->end) - s->at);
	s->at = nl ? nl + 1 : s->end;
	/* every CR before the LF belongs to the line end */
	while (l->n && l->p[l->n - 1] == '\r')
		l->n--;
	l->line = ++s->line;
	l->minute = -1;
	l->utf8_ok = s->utf8_ok;
	measure(l);
	l->kind = classify(s, l);
	return 1;
}
