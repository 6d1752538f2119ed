/*
 * The pair aligner (align.h) on arbitrary keys.
 *
 * Input: one byte choosing the options and the alphabet, then the two
 * keys separated by FF FF, one key character per byte (a small alphabet
 * makes repeats, periodic text and rival matches likely).  Properties:
 *  - blocks lie inside the keys, are in increasing a, and overlap on
 *    neither side;
 *  - each block's matches are non-empty, increasing on both sides, inside
 *    the block, equal on both sides, and begin and end the block unless
 *    it takes in the keys' heads or tails; `matched` is their sum;
 *  - reconstruction: each key rebuilt from the text outside blocks, the
 *    changes inside blocks (its own characters) and the matches (taken
 *    from the *other* key) is the key itself;
 *  - aligning again (two threads inside) gives the same alignment.
 */
#include <stdlib.h>
#include <string.h>

#include <scodiff.h>
#include "fuzz_util.h"

typedef struct {
	uint32_t beg, end;
	size_t block;
} side_range;

static int cmp_side(const void *x, const void *y)
{
	const side_range *p = x, *q = y;
	return (p->beg > q->beg) - (p->beg < q->beg);
}

/*
 * Rebuild key `self` (n characters) from the alignment: side 0 is a,
 * side 1 is b.  Matched characters are copied from `other`.
 */
static void check_rebuild(const scd_alignment *al, int side, const uint32_t *self,
			  size_t n, const uint32_t *other)
{
	side_range *r = malloc((al->nblocks + 1) * sizeof(*r));
	uint32_t *out = malloc((n + 1) * sizeof(*out));
	size_t i, o = 0;

	FUZZ_CHECK(r && out);
	for (i = 0; i < al->nblocks; i++) {
		r[i].beg = side ? al->blocks[i].b_beg : al->blocks[i].a_beg;
		r[i].end = side ? al->blocks[i].b_end : al->blocks[i].a_end;
		r[i].block = i;
	}
	qsort(r, al->nblocks, sizeof(*r), cmp_side);
	for (i = 0; i < al->nblocks; i++) {
		const scd_block *blk = &al->blocks[r[i].block];
		size_t m;
		uint32_t at = r[i].beg;

		/* blocks do not overlap on this side */
		FUZZ_CHECK(i == 0 || r[i - 1].end <= r[i].beg);
		while (o < r[i].beg) /* outside any block */
			out[o] = self[o], o++;
		for (m = blk->first; m < blk->first + blk->count; m++) {
			const scd_match *x = &al->matches[m];
			uint32_t mine = side ? x->b : x->a, theirs = side ? x->a : x->b;
			uint32_t k;
			FUZZ_CHECK(mine >= at);
			while (o < mine) /* a change: this key's own characters */
				out[o] = self[o], o++;
			for (k = 0; k < x->len; k++)
				out[o++] = other[theirs + k];
			at = mine + x->len;
		}
		FUZZ_CHECK(at <= r[i].end);
		while (o < r[i].end)
			out[o] = self[o], o++;
	}
	while (o < n)
		out[o] = self[o], o++;
	FUZZ_CHECK(o == n);
	FUZZ_CHECK(!n || !memcmp(out, self, n * sizeof(*out)));
	free(r);
	free(out);
}

static void check_alignment(const scd_alignment *al, const uint32_t *a, size_t na,
			    const uint32_t *b, size_t nb)
{
	size_t i;

	for (i = 0; i < al->nblocks; i++) {
		const scd_block *blk = &al->blocks[i];
		const scd_match *first, *last;
		uint32_t sum = 0;
		size_t m;

		FUZZ_CHECK(blk->a_beg <= blk->a_end && blk->a_end <= na);
		FUZZ_CHECK(blk->b_beg <= blk->b_end && blk->b_end <= nb);
		FUZZ_CHECK(i == 0 || al->blocks[i - 1].a_beg < blk->a_beg);
		FUZZ_CHECK(blk->count > 0 && blk->first + blk->count <= al->nmatches);
		for (m = blk->first; m < blk->first + blk->count; m++) {
			const scd_match *x = &al->matches[m];
			FUZZ_CHECK(x->len > 0);
			FUZZ_CHECK(x->a >= blk->a_beg && x->a + x->len <= blk->a_end);
			FUZZ_CHECK(x->b >= blk->b_beg && x->b + x->len <= blk->b_end);
			FUZZ_CHECK(!memcmp(a + x->a, b + x->b, x->len * sizeof(*a)));
			if (m > blk->first) {
				const scd_match *p = x - 1;
				FUZZ_CHECK(p->a + p->len <= x->a && p->b + p->len <= x->b);
				/* consecutive matches are joined, so something
				 * lies between them on one side at least */
				FUZZ_CHECK(p->a + p->len < x->a || p->b + p->len < x->b);
			}
			sum += x->len;
		}
		FUZZ_CHECK(sum == blk->matched);
		first = &al->matches[blk->first];
		last = &al->matches[blk->first + blk->count - 1];
		FUZZ_CHECK((first->a == blk->a_beg && first->b == blk->b_beg) ||
			   (blk->a_beg == 0 && blk->b_beg == 0));
		FUZZ_CHECK((last->a + last->len == blk->a_end && last->b + last->len == blk->b_end) ||
			   (blk->a_end == na && blk->b_end == nb));
	}
	check_rebuild(al, 0, a, na, b);
	check_rebuild(al, 1, b, nb, a);
}

static void check_same(const scd_alignment *x, const scd_alignment *y)
{
	size_t i;

	FUZZ_CHECK(x->nblocks == y->nblocks && x->nmatches == y->nmatches);
	for (i = 0; i < x->nblocks; i++) {
		/* field by field: the struct has padding */
		const scd_block *p = &x->blocks[i], *q = &y->blocks[i];
		FUZZ_CHECK(p->a_beg == q->a_beg && p->a_end == q->a_end);
		FUZZ_CHECK(p->b_beg == q->b_beg && p->b_end == q->b_end);
		FUZZ_CHECK(p->first == q->first && p->count == q->count);
		FUZZ_CHECK(p->matched == q->matched);
	}
	FUZZ_CHECK(!x->nmatches || !memcmp(x->matches, y->matches, x->nmatches * sizeof(*x->matches)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	scd_align_options opts = SCD_ALIGN_OPTIONS_INIT;
	const uint8_t *part[2];
	size_t len[2], i, p;
	uint32_t *key[2], alphabet;
	scd_alignment *al = NULL, *again = NULL;
	uint8_t sel;

	if (size == 0)
		return 0;
	sel = data[0];
	/* bits 0-1: alphabet of 4, 16, 64 or 256 characters */
	alphabet = 4u << (2 * (sel & 3));
	/* bit 2: small parameters, so that short keys make tiles and blocks */
	if (sel & 4) {
		opts.k = 2 + (sel >> 5);      /* 2..9 */
		opts.w = 1 + ((sel >> 3) & 3); /* 1..4 */
		opts.min_tile = opts.k;
		opts.max_gap = 8;
		opts.min_block = 4;
		opts.max_occ = 2 + ((sel >> 3) & 3);
	}
	if (fuzz_split(part, len, 2, data + 1, size - 1) < 2)
		return 0;
	for (p = 0; p < 2; p++) {
		key[p] = malloc((len[p] + 1) * sizeof(uint32_t));
		FUZZ_CHECK(key[p] != NULL);
		for (i = 0; i < len[p]; i++)
			key[p][i] = 0x4E00 + part[p][i] % alphabet;
	}
	FUZZ_CHECK(scd_align(&al, key[0], len[0], key[1], len[1], &opts) == 0);
	check_alignment(al, key[0], len[0], key[1], len[1]);
	FUZZ_CHECK(scd_align(&again, key[0], len[0], key[1], len[1], &opts) == 0);
	check_same(al, again);
	scd_alignment_free(al);
	scd_alignment_free(again);
	free(key[0]);
	free(key[1]);
	return 0;
}
