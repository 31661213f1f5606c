/* Details of the YAML node tree shared by src/load/yaml.c and
 * src/load/yaml_model.c (and their unit tests). Include nowhere else. */
#ifndef KITH_YAML_INTERNAL_H
#define KITH_YAML_INTERNAL_H

#include "load/load.h"

/* Values of kith_ynode.quoted: how a scalar was written. Any non-zero
 * value means "not plain", so YAML never typed it. */
enum {
	KITH_YQ_PLAIN = 0,
	KITH_YQ_SINGLE = 1,  /* 'text' */
	KITH_YQ_DOUBLE = 2,  /* "text" */
	KITH_YQ_LITERAL = 3, /* | block */
	KITH_YQ_FOLDED = 4,  /* > block */
	KITH_YQ_ALIAS = 5    /* *alias: reported, read as an empty value */
};

/* Duplicate keys among a mapping's pairs (kv: key, value, key, value,
 * ...), for both parsers: small maps are checked pairwise, bigger ones
 * through a hash table kept from map to map. begin starts a map of npairs
 * pairs; find, called for pairs 0, 1, ... in order (i counting the pairs
 * kept), returns the earlier pair whose key equals pair i's, or -1 and
 * remembers pair i. Keys that are not scalars equal nothing. */
typedef struct {
	uint32_t *htab; /* pair index + 1 (0: empty), a power of two long */
	size_t hcap;
	int big;
} kith_ydup;
void kith_ydup_begin(kith_ydup *d, uint32_t npairs);
int kith_ydup_find(kith_ydup *d, kith_ynode **kv, uint32_t i);
void kith_ydup_free(kith_ydup *d);

/* The two parsers behind kith_yaml_parse. The fast one (yaml_fast.c)
 * takes the common subset, block collections of one-line plain scalars
 * and flow lists, and returns 0 having reported nothing on anything else;
 * the slow one is libyaml's event parser and takes everything. Both build
 * the same tree (tests/unit/test_yaml_fast.c compares them). */
int kith_yaml_fast(kith_journal *j, uint32_t file, const char *text, size_t len,
                   uint32_t line_off, kith_ynode **root);
kith_ynode *kith_yaml_parse_slow(kith_journal *j, uint32_t file,
                                 const char *text, size_t len,
                                 uint32_t line_off);

/* One parse of text[0..len) with libyaml, its lines counted from
 * line_off + 1: the root node as parsed (any type), or NULL with *fatal
 * set; *syntax_line is the line of a syntax error (0: none). */
kith_ynode *kith_yaml_piece(kith_journal *j, uint32_t file, const char *text,
                            size_t len, uint32_t line_off, int *fatal,
                            uint32_t *syntax_line);
/* After a syntax error at syntax_line of a whole file, the rest of the
 * file read entry by entry (src/load/yaml_resume.c): the diagnostics
 * since d0 are kept for the syntax error only, the entry holding it is
 * left out (a stub keeps its name declared), and what parses before and
 * after it is merged into one root mapping. */
kith_ynode *kith_yaml_resume(kith_journal *j, uint32_t file, const char *text,
                             size_t len, uint32_t d0, uint32_t syntax_line);

#endif
