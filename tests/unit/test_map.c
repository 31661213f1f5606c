/* Unit tests for the hash index (kith_map): every key of every length
 * found again with its value, keys that differ in one byte or only in
 * length kept apart, duplicates refused, across many rehashes. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "util/util.h"

#define NKEYS 5000

Test(map, empty_map_finds_nothing)
{
	kith_map m = {0};
	uint32_t v = 7;
	cr_assert_not(kith_map_get(&m, kith_str_c("a"), &v));
	cr_assert_not(kith_map_get(&m, KITH_STR_NULL, &v));
	cr_assert_eq(v, 7);
	kith_map_free(&m);
}

Test(map, many_keys_of_every_length_found_again)
{
	static char text[NKEYS][48];
	kith_map m = {0};
	for (uint32_t i = 0; i < NKEYS; i++) {
		/* lengths 1..40: the word, short and long tail paths */
		int n = snprintf(text[i], sizeof text[i], "%u-", i);
		for (; n < (int)(1 + i % 40); n++)
			text[i][n] = (char)('a' + (i + (unsigned)n) % 26);
		text[i][n] = '\0';
		cr_assert(kith_map_put(&m, kith_str_c(text[i]), i, NULL));
	}
	cr_assert_eq(m.n, NKEYS);
	for (uint32_t i = 0; i < NKEYS; i++) {
		char copy[48];
		uint32_t v = UINT32_MAX;
		strcpy(copy, text[i]); /* found by bytes, not by address */
		cr_assert(kith_map_get(&m, kith_str_c(copy), &v), "%s", copy);
		cr_assert_eq(v, i);
		copy[strlen(copy) - 1] ^= 1; /* one byte off: another key */
		if (kith_map_get(&m, kith_str_c(copy), &v))
			cr_assert_str_eq(text[v], copy);
	}
	kith_map_free(&m);
	cr_assert_eq(m.cap, 0);
}

Test(map, prefixes_and_the_empty_key_are_distinct_keys)
{
	const char *s = "abcdefghijklmnopqrstuvwxyz0123456789";
	kith_map m = {0};
	uint32_t v;
	for (uint32_t n = 0; n <= 36; n++)
		cr_assert(kith_map_put(&m, (kith_str){s, n}, n, NULL));
	for (uint32_t n = 0; n <= 36; n++) {
		cr_assert(kith_map_get(&m, (kith_str){s, n}, &v));
		cr_assert_eq(v, n);
	}
	cr_assert(kith_map_get(&m, kith_str_c(""), &v));
	cr_assert_eq(v, 0);
	kith_map_free(&m);
}

Test(map, a_duplicate_is_refused_with_the_first_value)
{
	kith_map m = {0};
	uint32_t old = 0;
	cr_assert(kith_map_put(&m, kith_str_c("c0808"), 3, NULL));
	cr_assert_not(kith_map_put(&m, kith_str_c("c0808"), 9, &old));
	cr_assert_eq(old, 3);
	cr_assert(kith_map_get(&m, kith_str_c("c0808"), &old));
	cr_assert_eq(old, 3);
	cr_assert_not(kith_map_get(&m, kith_str_c("c0809"), NULL));
	cr_assert_not(kith_map_get(&m, kith_str_c("c080"), NULL));
	kith_map_free(&m);
}

Test(map, keys_alike_in_their_first_eight_bytes_are_told_apart)
{
	static char text[300][24];
	kith_map m = {0};
	uint32_t v;
	for (uint32_t i = 0; i < 300; i++) {
		snprintf(text[i], sizeof text[i], "person-0%03u", i);
		cr_assert(kith_map_put(&m, kith_str_c(text[i]), i, NULL));
	}
	for (uint32_t i = 0; i < 300; i++) {
		cr_assert(kith_map_get(&m, kith_str_c(text[i]), &v));
		cr_assert_eq(v, i, "%s", text[i]);
	}
	cr_assert_not(kith_map_get(&m, kith_str_c("person-0300"), &v));
	cr_assert_not(kith_map_get(&m, kith_str_c("person-0"), &v));
	kith_map_free(&m);
}

/* The memo (kith_memo): an answer is found again by the key's address and
 * length only; equal bytes elsewhere, or a shorter key at the same
 * address, are not its key. */
Test(memo, found_by_address_and_length_only)
{
	static const char a[] = "alice", b[] = "alice";
	kith_memo m;
	kith_memo_init(&m, 10);
	kith_str ka = {a, 5}, kb = {b, 5}, shorter = {a, 3};
	uint32_t v = 7;
	cr_assert_not(kith_memo_get(&m, ka, &v));
	kith_memo_put(&m, ka, 42);
	cr_assert(kith_memo_get(&m, ka, &v));
	cr_assert_eq(v, 42);
	cr_assert_not(kith_memo_get(&m, kb, &v));
	cr_assert_not(kith_memo_get(&m, shorter, &v));
	kith_memo_put(&m, KITH_STR_NULL, 1); /* not remembered */
	cr_assert_not(kith_memo_get(&m, KITH_STR_NULL, &v));
	cr_assert_eq(v, 42);
	kith_memo_free(&m);
	kith_memo_free(NULL);
}

/* Keys of one set: the last four put are all found; a fifth forgets the
 * oldest, never answers for another key. */
Test(memo, a_full_set_forgets_its_oldest_key)
{
	static char text[1 << 16];
	kith_memo m;
	kith_memo_init(&m, 64);
	const kith_memo_slot *set = NULL;
	kith_str k[KITH_MEMO_WAYS + 1];
	int found = 0;
	for (size_t i = 0; i < sizeof text && found <= KITH_MEMO_WAYS; i++) {
		kith_str s = {text + i, 1};
		if (!set)
			set = kith_memo_set_(&m, s);
		if (kith_memo_set_(&m, s) == set)
			k[found++] = s;
	}
	cr_assert_eq(found, KITH_MEMO_WAYS + 1);
	uint32_t v;
	for (int i = 0; i < KITH_MEMO_WAYS; i++)
		kith_memo_put(&m, k[i], 100 + (uint32_t)i);
	for (int i = 0; i < KITH_MEMO_WAYS; i++) {
		cr_assert(kith_memo_get(&m, k[i], &v), "key %d", i);
		cr_assert_eq(v, 100 + (uint32_t)i);
	}
	kith_memo_put(&m, k[KITH_MEMO_WAYS], 200);
	cr_assert_not(kith_memo_get(&m, k[0], &v)); /* the oldest */
	for (int i = 1; i <= KITH_MEMO_WAYS; i++) {
		cr_assert(kith_memo_get(&m, k[i], &v), "key %d", i);
		cr_assert_eq(v, i < KITH_MEMO_WAYS ? 100 + (uint32_t)i : 200);
	}
	kith_memo_free(&m);
}

Test(memo, many_keys_each_answered_right_or_missed)
{
	static char text[NKEYS][8];
	kith_memo m;
	kith_memo_init(&m, NKEYS / 8); /* small: many full sets */
	for (uint32_t i = 0; i < NKEYS; i++) {
		snprintf(text[i], sizeof text[i], "%u", i);
		kith_memo_put(&m, kith_str_c(text[i]), i);
	}
	uint32_t hits = 0;
	for (uint32_t i = 0; i < NKEYS; i++) {
		uint32_t v;
		if (kith_memo_get(&m, kith_str_c(text[i]), &v)) {
			cr_assert_eq(v, i); /* a hit is never another's */
			hits++;
		}
	}
	cr_assert_gt(hits, 0);
	kith_memo_free(&m);
}

/* The arena (kith_arena_alloc, inline while the open chunk has room):
 * blocks are zeroed, 8-aligned and apart, across chunks, big blocks
 * (which leave the open chunk open) and a reset. */
static void fill_blocks(kith_arena *a, unsigned round)
{
	enum { N = 3000 };
	static unsigned char *blk[N];
	static size_t len[N];
	for (unsigned i = 0; i < N; i++) {
		len[i] = i % 97 == 0 ? 3000 + i : 1 + (i * 7 + round) % 61;
		blk[i] = kith_arena_alloc(a, len[i]);
		cr_assert_not_null(blk[i]);
		cr_assert_eq((uintptr_t)blk[i] % 8, 0, "block %u", i);
		for (size_t k = 0; k < len[i]; k++)
			cr_assert_eq(blk[i][k], 0, "block %u byte %zu", i, k);
		memset(blk[i], (int)(i % 251) + 1, len[i]);
	}
	for (unsigned i = 0; i < N; i++) /* no block wrote over another */
		for (size_t k = 0; k < len[i]; k++)
			cr_assert_eq(blk[i][k], (unsigned char)(i % 251 + 1),
			             "block %u byte %zu", i, k);
}

Test(arena, blocks_zeroed_aligned_and_apart_across_chunks_and_reset)
{
	kith_arena *a = kith_arena_new_sized(4096);
	fill_blocks(a, 0);
	kith_arena_reset(a);
	fill_blocks(a, 1);
	kith_arena_reset(a);
	kith_arena_reset(a);
	fill_blocks(a, 2);
	kith_arena_free(a);
	kith_arena *b = kith_arena_new();
	fill_blocks(b, 3);
	kith_arena_free(b);
}
