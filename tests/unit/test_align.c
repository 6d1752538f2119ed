/*
 * Unit tests of align.c and myers.c: blocks found in any order, each key
 * character used at most once on each side, changes inside a block, the
 * structural invariants every caller relies on, and Myers' LCS checked
 * against a plain dynamic-programming LCS.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "scodiff.h"
#include "util.h"
#include "align/myers.h"

/* ---- helpers ------------------------------------------------------------ */


static scd_alignment *align(const uint32_t *a, size_t na, const uint32_t *b,
			    size_t nb)
{
	scd_alignment *al = NULL;

	assert_int_equal(scd_align(&al, a, na, b, nb, NULL), 0);
	assert_non_null(al);
	return al;
}

/* A field of a block or match that assert_block / assert_match leave
 * unchecked. */
#define ANY SIZE_MAX

static void assert_field(size_t got, size_t want)
{
	if (want != ANY)
		assert_int_equal(got, want);
}

/* Block i of `al` spans [a_beg, a_end) of a and [b_beg, b_end) of b, with
 * `matched` characters matched (ANY: not checked). */
static void assert_block(const scd_alignment *al, size_t i, size_t a_beg,
			 size_t a_end, size_t b_beg, size_t b_end,
			 size_t matched)
{
	const scd_block *blk = &al->blocks[i];

	assert_true(i < al->nblocks);
	assert_field(blk->a_beg, a_beg);
	assert_field(blk->a_end, a_end);
	assert_field(blk->b_beg, b_beg);
	assert_field(blk->b_end, b_end);
	assert_field(blk->matched, matched);
}

/* A match of `len` characters at a and b (ANY: not checked). */
static void assert_match(const scd_match *m, size_t a, size_t b, size_t len)
{
	assert_field(m->a, a);
	assert_field(m->b, b);
	assert_field(m->len, len);
}

static uint32_t total_matched(const scd_alignment *al)
{
	uint32_t n = 0;
	size_t i;

	for (i = 0; i < al->nblocks; i++)
		n += al->blocks[i].matched;
	return n;
}

/*
 * The invariants of align.h: blocks in increasing a order, never
 * overlapping on either side; each block's matches lie inside it, begin
 * and end it, are real runs of equal characters and increase on both
 * sides; `matched` is their total.
 */
static void check_alignment(const scd_alignment *al, const uint32_t *a,
			    size_t na, const uint32_t *b, size_t nb)
{
	scd_align_options o = SCD_ALIGN_OPTIONS_INIT;
	size_t i, j;

	for (i = 0; i < al->nblocks; i++) {
		const scd_block *blk = &al->blocks[i];
		const scd_match *m = al->matches + blk->first;
		uint32_t sum = 0;

		assert_true(blk->a_beg < blk->a_end && blk->a_end <= na);
		assert_true(blk->b_beg < blk->b_end && blk->b_end <= nb);
		assert_true(blk->count >= 1);
		assert_true(blk->first + blk->count <= al->nmatches);
		/* a block begins with its first match and ends with its last,
		 * unless it took in the heads (tails) of both texts */
		if (m[0].a != blk->a_beg || m[0].b != blk->b_beg) {
			assert_int_equal(blk->a_beg, 0);
			assert_int_equal(blk->b_beg, 0);
		}
		if (m[blk->count - 1].a + m[blk->count - 1].len != blk->a_end ||
		    m[blk->count - 1].b + m[blk->count - 1].len != blk->b_end) {
			assert_int_equal(blk->a_end, na);
			assert_int_equal(blk->b_end, nb);
		}
		for (j = 0; j < blk->count; j++) {
			assert_true(m[j].len > 0);
			assert_memory_equal(a + m[j].a, b + m[j].b,
					    m[j].len * sizeof(*a));
			if (j > 0) {
				assert_true(m[j].a >= m[j - 1].a + m[j - 1].len);
				assert_true(m[j].b >= m[j - 1].b + m[j - 1].len);
				/* two matches touching on both sides would be one */
				assert_true(m[j].a > m[j - 1].a + m[j - 1].len ||
					    m[j].b > m[j - 1].b + m[j - 1].len);
			}
			sum += m[j].len;
		}
		assert_int_equal(blk->matched, sum);
		assert_true(blk->matched >= o.min_block);
		if (i > 0)
			assert_true(blk->a_beg >= al->blocks[i - 1].a_end);
		/* no other block overlaps this one on b, and the matches of
		 * two blocks are distinct entries */
		for (j = 0; j < i; j++) {
			const scd_block *q = &al->blocks[j];
			assert_true(blk->b_end <= q->b_beg || q->b_end <= blk->b_beg);
			assert_true(blk->first >= q->first + q->count ||
				    q->first >= blk->first + blk->count);
		}
	}
}

/* scd_align, and the invariants above checked on its result. */
static scd_alignment *align_checked(const uint32_t *a, size_t na,
				    const uint32_t *b, size_t nb)
{
	scd_alignment *al = align(a, na, b, nb);

	check_alignment(al, a, na, b, nb);
	return al;
}

/* B made from A: segments moved, characters substituted, inserted and
 * dropped, and unrelated text inserted.  Returns the length of B. */
static size_t noisy_copy(uint32_t *b, const uint32_t *a, size_t na,
			 unsigned int rate_per_mille)
{
	size_t nb = 0, nseg = 1 + util_rng_below(5), s, order[6], i;
	size_t cut[7];

	/* split A into nseg segments and shuffle them */
	cut[0] = 0;
	for (s = 1; s < nseg; s++)
		cut[s] = na * s / nseg;
	cut[nseg] = na;
	for (s = 0; s < nseg; s++)
		order[s] = s;
	for (s = nseg; s > 1; s--) {
		size_t r = util_rng_below((uint32_t)s), t = order[s - 1];
		order[s - 1] = order[r];
		order[r] = t;
	}
	for (s = 0; s < nseg; s++) {
		for (i = cut[order[s]]; i < cut[order[s] + 1]; i++) {
			uint32_t r = util_rng_below(1000);
			if (r < rate_per_mille / 3) {
				b[nb++] = 0x9000 + util_rng_below(100); /* substitution */
			} else if (r < 2 * rate_per_mille / 3) {
				b[nb++] = a[i];                     /* insertion */
				b[nb++] = 0x9000 + util_rng_below(100);
			} else if (r >= rate_per_mille) {
				b[nb++] = a[i];
			}                                           /* else dropped */
		}
		if (util_rng_below(3) == 0) /* unrelated text between segments */
			for (i = util_rng_below(60); i > 0; i--)
				b[nb++] = 0x9100 + util_rng_below(500);
	}
	return nb;
}

/* ---- scd_align ------------------------------------------------------------- */

static void identical_keys(void **state)
{
	size_t n = 3000;
	uint32_t *a;
	scd_alignment *al;

	(void)state;
	util_rng_seed(1);
	a = util_random_key_new(n, 5000);
	al = align_checked(a, n, a, n);
	assert_int_equal(al->nblocks, 1);
	assert_block(al, 0, 0, n, 0, n, n);
	assert_int_equal(al->blocks[0].count, 1);
	scd_alignment_free(al);
	free(a);
}

/* Two copies of a key made only of frequent shingles (a slogan printed
 * over and over, a run of one character) still align as one block. */
static void identical_repetitive_keys(void **state)
{
	static const uint32_t slogan[] = { 0x5408, 0x4F5C, 0x5171, 0x8D62,
					   0x3002 }; /* 合作共赢。 */
	size_t n = 1000, i, round;
	uint32_t *a = util_key_new(n);
	scd_alignment *al;

	(void)state;
	for (round = 0; round < 2; round++) {
		for (i = 0; i < n; i++)
			a[i] = round ? 0x54C8 : slogan[i % 5];
		al = align_checked(a, n, a, n);
		assert_int_equal(al->nblocks, 1);
		assert_block(al, 0, 0, n, ANY, ANY, n);
		scd_alignment_free(al);
	}
	free(a);
}

/* Two paragraphs in opposite orders: two blocks, both aligned, crossed. */
static void swapped_paragraphs(void **state)
{
	size_t n1 = 400, n2 = 300, n = n1 + n2;
	uint32_t *a, *b = util_key_new(n);
	scd_alignment *al;

	(void)state;
	util_rng_seed(2);
	a = util_random_key_new(n, 5000);
	memcpy(b, a + n1, n2 * sizeof(*a));
	memcpy(b + n2, a, n1 * sizeof(*a));
	al = align_checked(a, n, b, n);
	assert_int_equal(al->nblocks, 2);
	assert_block(al, 0, 0, n1, n2, n, ANY);
	assert_block(al, 1, n1, n, 0, n2, ANY);
	assert_int_equal(total_matched(al), n);
	scd_alignment_free(al);
	free(a);
	free(b);
}

/* A passage printed twice on one side and once on the other is paired
 * once: no key character of b is used twice. */
static void repeated_passage(void **state)
{
	size_t np = 300, na = 200 + np + 200 + np + 100, nb = 150 + np + 150;
	uint32_t *a, *b;
	scd_alignment *al;

	(void)state;
	util_rng_seed(3);
	a = util_random_key_new(na, 5000);
	b = util_random_key_new(nb, 5000);
	memcpy(a + 200 + np + 200, a + 200, np * sizeof(*a));
	memcpy(b + 150, a + 200, np * sizeof(*a));
	al = align_checked(a, na, b, nb);
	assert_int_equal(al->nblocks, 1);
	assert_block(al, 0, ANY, ANY, 150, 150 + np, np);
	assert_true(al->blocks[0].a_beg == 200 || al->blocks[0].a_beg == 200 + np + 200);
	scd_alignment_free(al);
	/* and the other way round */
	al = align_checked(b, nb, a, na);
	assert_int_equal(al->nblocks, 1);
	assert_block(al, 0, 150, ANY, ANY, ANY, np);
	scd_alignment_free(al);
	free(a);
	free(b);
}

/* A slip in the first or last few characters of both texts stays inside
 * the passage: nothing is left unmatched at the edges. */
static void slips_at_the_edges(void **state)
{
	uint32_t a[60], b[60];
	scd_alignment *al;
	size_t i;

	(void)state;
	for (i = 0; i < 60; i++)
		a[i] = b[i] = 0x4E00 + (uint32_t)(i * 7 % 97);
	b[2] = 0x9000;   /* third character */
	b[57] = 0x9001;  /* third from the end */
	al = align(a, 60, b, 60);
	assert_int_equal(al->nblocks, 1);
	assert_block(al, 0, 0, 60, 0, 60, 58);
	scd_alignment_free(al);
	/* text only one side has before or after the passage is not taken */
	al = align(a + 5, 50, b + 3, 57);
	assert_int_equal(al->nblocks, 1);
	assert_block(al, 0, 0, ANY, 2, ANY, ANY);
	scd_alignment_free(al);
}

/* One substituted character inside a long run: one block, a change between
 * two matches. */
static void single_substitution(void **state)
{
	size_t n = 500;
	uint32_t *a, *b = util_key_new(n);
	scd_alignment *al;
	const scd_match *m;

	(void)state;
	util_rng_seed(4);
	a = util_random_key_new(n, 5000);
	memcpy(b, a, n * sizeof(*a));
	b[250] = 0x9FA0;
	al = align_checked(a, n, b, n);
	assert_int_equal(al->nblocks, 1);
	assert_int_equal(al->blocks[0].count, 2);
	assert_block(al, 0, ANY, ANY, ANY, ANY, n - 1);
	m = al->matches + al->blocks[0].first;
	assert_match(&m[0], 0, 0, 250);
	assert_match(&m[1], 251, 251, 249);
	scd_alignment_free(al);
	free(a);
	free(b);
}

/* Three characters inserted: the change is empty on a. */
static void small_insertion(void **state)
{
	size_t n = 500;
	uint32_t *a, *b = util_key_new(n + 3);
	scd_alignment *al;
	const scd_match *m;

	(void)state;
	util_rng_seed(5);
	a = util_random_key_new(n, 5000);
	memcpy(b, a, 100 * sizeof(*a));
	b[100] = 0x9FA0;
	b[101] = 0x9FA1;
	b[102] = 0x9FA2;
	memcpy(b + 103, a + 100, (n - 100) * sizeof(*a));
	al = align_checked(a, n, b, n + 3);
	assert_int_equal(al->nblocks, 1);
	assert_int_equal(al->blocks[0].count, 2);
	m = al->matches + al->blocks[0].first;
	assert_match(&m[1], 100, 103, ANY);
	assert_block(al, 0, ANY, ANY, ANY, ANY, n);
	scd_alignment_free(al);
	free(a);
	free(b);
}

/* Invariants on many noisy pairs with moved segments; most of a is
 * aligned. */
static void noisy_pairs(int round)
{
	size_t na = 500 + util_rng_below(3000), nb;
	unsigned int rate = round < 30 ? 10 : 40;
	uint32_t *a = util_random_key_new(na, round % 2 ? 3000 : 300);
	uint32_t *b = util_key_new(3 * na + 400);
	scd_alignment *al;

	nb = noisy_copy(b, a, na, rate);
	al = align_checked(a, na, b, nb);
	if (rate == 10 && total_matched(al) < na * 8 / 10)
		print_error("round %d: %u of %zu aligned\n", round,
			    total_matched(al), na);
	if (rate == 10)
		assert_true(total_matched(al) >= na * 8 / 10);
	scd_alignment_free(al);
	free(a);
	free(b);
}

/* Keys with much repetition (small alphabets, runs of one value). */
static void repetitive_keys(int round)
{
	size_t na = 50 + util_rng_below(800), nb = 50 + util_rng_below(800), i;
	uint32_t *a = util_random_key_new(na, 2 + util_rng_below(3));
	uint32_t *b = util_random_key_new(nb, 2 + util_rng_below(3));
	scd_alignment *al;

	if (round % 4 == 0)
		for (i = 0; i < na; i++)
			a[i] = 0x4E00;
	al = align_checked(a, na, b, nb);
	scd_alignment_free(al);
	free(a);
	free(b);
}

static void empty_and_short(void **state)
{
	uint32_t k[20];
	scd_alignment *al;
	scd_align_options o = SCD_ALIGN_OPTIONS_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < 20; i++)
		k[i] = 0x4E00 + (uint32_t)i;
	al = align(k, 0, k, 0);
	assert_int_equal(al->nblocks, 0);
	scd_alignment_free(al);
	al = align(k, 0, k, 20);
	assert_int_equal(al->nblocks, 0);
	scd_alignment_free(al);
	/* two whole texts shorter than min_block still align... */
	al = align(k, o.min_block - 1, k, o.min_block - 1);
	assert_int_equal(al->nblocks, 1);
	assert_int_equal(al->blocks[0].matched, o.min_block - 1);
	scd_alignment_free(al);
	/* ...but fewer than min_block shared characters inside longer,
	 * otherwise different texts are no shared passage */
	{
		uint32_t x[60], y[60];
		for (i = 0; i < 60; i++) {
			x[i] = 0x5000 + (uint32_t)i;
			y[i] = 0x6000 + (uint32_t)i;
		}
		for (i = 0; i < o.min_block - 1; i++)
			x[20 + i] = y[30 + i] = k[i];
		al = align(x, 60, y, 60);
		assert_int_equal(al->nblocks, 0);
		scd_alignment_free(al);
	}
	scd_alignment_free(NULL);
	o.k = 0;
	al = (scd_alignment *)&o;
	assert_int_equal(scd_align(&al, k, 20, k, 20, &o), SCD_EINVALID);
	assert_null(al);
}

/* ---- Myers --------------------------------------------------------------- */

/* Length of a longest common subsequence, by dynamic programming. */
static uint32_t lcs_dp(const uint32_t *a, uint32_t na, const uint32_t *b,
		       uint32_t nb)
{
	uint32_t *row = calloc((size_t)nb + 1, sizeof(*row));
	uint32_t i, j, r;

	assert_non_null(row);
	for (i = 1; i <= na; i++) {
		uint32_t diag = 0;
		for (j = 1; j <= nb; j++) {
			uint32_t up = row[j];
			if (a[i - 1] == b[j - 1])
				row[j] = diag + 1;
			else if (row[j - 1] > row[j])
				row[j] = row[j - 1];
			diag = up;
		}
	}
	r = row[nb];
	free(row);
	return r;
}

/* The runs appended after `from` are real, increasing, inside the inputs
 * shifted by the offsets; returns their total length. */
static uint32_t check_runs(const scd_match *m, size_t from, size_t n,
			   const uint32_t *a, uint32_t na, const uint32_t *b,
			   uint32_t nb, uint32_t a_off, uint32_t b_off)
{
	uint32_t total = 0;
	size_t i;

	for (i = from; i < n; i++) {
		uint32_t t;
		assert_true(m[i].len > 0);
		assert_true(m[i].a >= a_off && m[i].a + m[i].len <= a_off + na);
		assert_true(m[i].b >= b_off && m[i].b + m[i].len <= b_off + nb);
		for (t = 0; t < m[i].len; t++)
			assert_int_equal(a[m[i].a - a_off + t], b[m[i].b - b_off + t]);
		if (i > from) {
			assert_true(m[i].a >= m[i - 1].a + m[i - 1].len);
			assert_true(m[i].b >= m[i - 1].b + m[i - 1].len);
		}
		total += m[i].len;
	}
	return total;
}

static void myers_against_dp(int round)
{
	uint32_t na = util_rng_below(25), nb = util_rng_below(25);
	uint32_t alphabet = 1 + util_rng_below(4), i;
	uint32_t a[32], b[32], lcs, got;
	uint32_t a_off = util_rng_below(1000), b_off = util_rng_below(1000);
	scd_match *m = NULL;
	size_t n = 0, cap = 0;

	for (i = 0; i < na; i++)
		a[i] = util_rng_below(alphabet);
	for (i = 0; i < nb; i++)
		b[i] = util_rng_below(alphabet);
	lcs = lcs_dp(a, na, b, nb);
	assert_int_equal(scd_myers__diff(&m, &n, &cap, a, na, b, nb,
					 a_off, b_off, na + nb), 0);
	got = check_runs(m, 0, n, a, na, b, nb, a_off, b_off);
	if (got != lcs)
		print_error("round %d: LCS %u, myers %u (na=%u nb=%u)\n",
			    round, lcs, got, na, nb);
	assert_int_equal(got, lcs);
	free(m);
}

/* The bound on the edit distance: exactly enough still finds the LCS; one
 * less finds nothing inside the part that differs. */
static void myers_max_d(int round)
{
	uint32_t na = 1 + util_rng_below(20), nb = 1 + util_rng_below(20), i;
	uint32_t a[24], b[24], lcs, d, pre = 0, suf = 0;
	scd_match *m = NULL;
	size_t n = 0, cap = 0;

	(void)round;

	for (i = 0; i < na; i++)
		a[i] = util_rng_below(3);
	for (i = 0; i < nb; i++)
		b[i] = util_rng_below(3);
	lcs = lcs_dp(a, na, b, nb);
	d = na + nb - 2 * lcs;
	assert_int_equal(scd_myers__diff(&m, &n, &cap, a, na, b, nb, 0, 0, d), 0);
	assert_int_equal(check_runs(m, 0, n, a, na, b, nb, 0, 0), lcs);
	if (d == 0) {
		free(m);
		return;
	}
	n = 0;
	assert_int_equal(scd_myers__diff(&m, &n, &cap, a, na, b, nb, 0, 0, d - 1), 0);
	check_runs(m, 0, n, a, na, b, nb, 0, 0);
	while (pre < na && pre < nb && a[pre] == b[pre])
		pre++;
	while (suf < na - pre && suf < nb - pre &&
	       a[na - 1 - suf] == b[nb - 1 - suf])
		suf++;
	for (i = 0; i < n; i++)
		assert_true(m[i].a + m[i].len <= pre || m[i].a >= na - suf);
	free(m);
}

/* Runs are appended after what the array already holds. */
static void myers_appends(void **state)
{
	static const uint32_t a[] = { 1, 2, 3, 4, 5, 6 }, b[] = { 1, 2, 9, 4, 5, 6 };
	scd_match *m = malloc(4 * sizeof(*m));
	size_t n = 1, cap = 1;

	(void)state;
	m[0].a = 7;
	m[0].b = 8;
	m[0].len = 9;
	assert_int_equal(scd_myers__diff(&m, &n, &cap, a, 6, b, 6, 100, 200, 12), 0);
	assert_match(&m[0], 7, ANY, 9);
	assert_int_equal(n, 3);
	assert_match(&m[1], 100, 200, 2);
	assert_match(&m[2], 103, 203, 3);
	assert_true(cap >= n);
	free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(identical_keys),
		cmocka_unit_test(identical_repetitive_keys),
		cmocka_unit_test(swapped_paragraphs),
		cmocka_unit_test(repeated_passage),
		cmocka_unit_test(single_substitution),
		cmocka_unit_test(slips_at_the_edges),
		cmocka_unit_test(small_insertion),
		UTIL_PROPERTY_TEST(noisy_pairs, 6, 60),
		UTIL_PROPERTY_TEST(repetitive_keys, 8, 40),
		cmocka_unit_test(empty_and_short),
		UTIL_PROPERTY_TEST(myers_against_dp, 9, 5000),
		UTIL_PROPERTY_TEST(myers_max_d, 10, 2000),
		cmocka_unit_test(myers_appends),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
