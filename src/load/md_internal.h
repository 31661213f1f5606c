/* Internals of the Markdown journal loader, shared with its unit tests:
 * the line-grammar patterns (mirrored in grammar/journal.ebnf) and the
 * metadata fast path. Include only from src/load/journal_md.c,
 * src/load/mdline.c and tests/. */
#ifndef KITH_MD_INTERNAL_H
#define KITH_MD_INTERNAL_H

#include "load/load.h"

enum {
	KITH_MD_PAT_ENTRY, /* ## YYYY-MM-DD[ HH:MM] TITLE */
	KITH_MD_PAT_FENCE, /* ``` or ~~~ opening a code block */
	KITH_MD_PAT_TASK,  /* - [ ] task list item */
	KITH_MD_PAT_TOKEN, /* due:VALUE / done:VALUE inside an item */
	KITH_MD_PAT_META,  /* key: value, first line of a metadata block */
	KITH_MD_PAT__COUNT
};

/* Names as written in grammar/journal.ebnf ("pcre2 NAME = PATTERN"). */
extern const char *const kith_md_pattern_names[KITH_MD_PAT__COUNT];
extern const char *const kith_md_patterns[KITH_MD_PAT__COUNT];

/* Builds the node tree of a metadata block [p, p+n) starting on line
 * `line` directly in the journal arena, when every line is a simple
 * `key: plain` or `key: [a, b]`; returns NULL when the block needs the
 * full YAML parser. */
kith_ynode *kith_md_meta_fast(kith_journal *j, kith_arena *tree, uint32_t file,
                              const char *p, size_t n, uint32_t line);

/* Tests: sets the PCRE2 match limit (0 restores the default), so the
 * regex-limit path can be exercised. Call after a first load. */
void kith_md_set_match_limit(uint32_t limit);
/* Tests: 1 matches every line with the PCRE2 patterns (the reference),
 * 0 (the default) with the hand-written matchers of src/load/mdline.c. */
void kith_mdl_use_reference(int on);

#endif
