/*
 * Unit tests of the index layer: the fingerprint index (fpindex.c) finds
 * every posting of a hash and only those, in the order given, whatever
 * the table size, with colliding top bits and with repeats; the segment
 * table agrees with the builder's; the hit chainer (chain.c) follows a
 * diagonal through slips, splits at a jump and closes every chain once;
 * the formula rule rounds up.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "index/chain.h"
#include "index/fingerprint.h"
#include "index/fpindex.h"

/* A small deterministic generator (xorshift64*). */
static uint64_t next_rand(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ull;
}

/* n postings over `distinct` hashes (some sharing their top 20 bits),
 * in (doc, pos) order. */
static scd_posting *postings(size_t n, size_t distinct, uint64_t seed)
{
	scd_posting *e = malloc(n * sizeof(*e));
	uint64_t *h = malloc(distinct * sizeof(*h)), s = seed;
	size_t i;

	assert_non_null(e);
	assert_non_null(h);
	for (i = 0; i < distinct; i++) {
		h[i] = next_rand(&s);
		if (i % 7 == 1) /* same top bits as the one before */
			h[i] = (h[i - 1] & ~(uint64_t)0xfffff) | (h[i] & 0xfffff);
	}
	for (i = 0; i < n; i++) {
		e[i].hash = h[next_rand(&s) % distinct];
		e[i].doc = (uint32_t)(i / 100);
		e[i].pos = (uint32_t)(i % 100);
	}
	free(h);
	return e;
}

/* Every hash of e is found with exactly its postings, in e's order. */
static void check_index(const scd_posting *e, size_t n, unsigned int bits)
{
	scd_posting *copy = malloc((n ? n : 1) * sizeof(*copy));
	scd_fpindex x;
	size_t i, j;

	assert_non_null(copy);
	memcpy(copy, e, n * sizeof(*e));
	assert_int_equal(scd_fpindex_build(&x, copy, n, bits), 0);
	assert_int_equal(x.n, n);
	for (i = 1; i < n; i++)
		assert_true(scd_posting_cmp(&x.e[i - 1], &x.e[i]) <= 0);
	for (i = 0; i < n; i += 1 + i / 64) {
		const scd_posting *run;
		size_t got = scd_fpindex_find(&x, e[i].hash, &run), want = 0, k = 0;
		for (j = 0; j < n; j++)
			if (e[j].hash == e[i].hash) {
				assert_true(k < got);
				assert_int_equal(run[k].doc, e[j].doc);
				assert_int_equal(run[k].pos, e[j].pos);
				k++;
				want++;
			}
		assert_int_equal(got, want);
	}
	{
		const scd_posting *run;
		assert_int_equal(scd_fpindex_find(&x, 0x0123456789abcdefull, &run), 0);
	}
	scd_fpindex_free(&x);
}

static void test_fpindex_finds_all(void **state)
{
	static const unsigned int bits[] = { 0, 1, 4, 16 };
	scd_posting *e = postings(20000, 3000, 42);
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bits) / sizeof(*bits); i++)
		check_index(e, 20000, bits[i]);
	check_index(e, 20000, scd_fpindex_bits(20000));
	check_index(e, 1, 0);
	check_index(e, 0, scd_fpindex_bits(0));
	free(e);
}

/* Large enough to run on two threads, with huge-page hints. */
static void test_fpindex_large(void **state)
{
	size_t n = 600000;
	scd_posting *e = postings(n, n / 3, 7);

	(void)state;
	check_index(e, n, scd_fpindex_bits(n));
	free(e);
}

/* The segment table of sorted postings equals the builder's. */
static void test_fpindex_table(void **state)
{
	size_t n = 5000, nb = (size_t)1 << 16;
	scd_posting *e = postings(n, 900, 3);
	uint32_t *t = malloc((nb + 1) * sizeof(*t));
	scd_fpindex x, v;
	size_t i;

	(void)state;
	assert_non_null(t);
	assert_int_equal(scd_fpindex_build(&x, e, n, 16), 0);
	scd_fpindex_table(t, x.e, n, 16);
	assert_memory_equal(t, x.start, (nb + 1) * sizeof(*t));
	scd_fpindex_view(&v, x.e, n, t, 16);
	for (i = 0; i < n; i += 13) {
		const scd_posting *r1, *r2;
		assert_int_equal(scd_fpindex_find(&v, x.e[i].hash, &r1),
				 scd_fpindex_find(&x, x.e[i].hash, &r2));
		assert_ptr_equal(r1, r2);
	}
	/* a damaged table cannot lead outside the postings */
	t[nb] = (uint32_t)(n + 1000);
	t[nb - 1] = (uint32_t)(n + 2000);
	{
		const scd_posting *r;
		size_t got = scd_fpindex_find(&v, ~(uint64_t)0, &r);
		assert_true(r >= x.e && r + got <= x.e + n);
	}
	scd_fpindex_free(&x);
	free(t);
}

static void test_fpindex_rejects(void **state)
{
	scd_fpindex x;
	scd_posting *e = malloc(sizeof(*e));

	(void)state;
	assert_int_equal(scd_fpindex_build(&x, e, 1, SCD_FPINDEX_MAX_BITS + 1), SCD_EINVALID);
	scd_fpindex_free(NULL);
}

/* ---- the chainer --------------------------------------------------------- */

typedef struct {
	scd_chain c[16];
	size_t n;
} closed;

static int collect(const scd_hit *h, const scd_chain *c, void *payload)
{
	closed *cl = payload;

	(void)h;
	assert_true(cl->n < 16);
	cl->c[cl->n++] = *c;
	return 0;
}

static int stop(const scd_hit *h, const scd_chain *c, void *payload)
{
	(void)h;
	(void)c;
	(void)payload;
	return -7;
}

static void test_chain_follows_diagonal(void **state)
{
	/* a diagonal with a slip (+3 on b) at 40, then a jump to far away */
	scd_hit h[] = {
		{ 0, 1, 10, 110, 0, 0 }, { 0, 1, 20, 120, 0, 0 }, { 0, 1, 30, 130, 0, 0 },
		{ 0, 1, 40, 143, 0, 0 }, { 0, 1, 50, 153, 0, 0 },
		{ 0, 1, 60, 900, 0, 0 }, { 0, 1, 70, 910, 0, 0 },
	};
	scd_chain_rule rule = SCD_CHAIN_RULE_INIT;
	closed cl = { { { 0 } }, 0 };
	size_t i, total = 0;

	(void)state;
	assert_int_equal(scd_chain_hits(h, 7, &rule, collect, &cl), 0);
	assert_int_equal(cl.n, 2);
	for (i = 0; i < cl.n; i++) {
		total += cl.c[i].hits;
		if (cl.c[i].first == 0) {
			assert_int_equal(cl.c[i].hits, 5);
			assert_int_equal(cl.c[i].last, 4);
			assert_int_equal(cl.c[i].blast, 4);
		} else {
			assert_int_equal(cl.c[i].first, 5);
			assert_int_equal(cl.c[i].hits, 2);
		}
	}
	assert_int_equal(total, 7);
	/* a gap larger than the rule's closes the chain */
	h[3].pa = 40 + SCD_CHAIN_GAP + 1;
	h[3].pb = 143 + SCD_CHAIN_GAP + 1;
	cl.n = 0;
	assert_int_equal(scd_chain_hits(h, 4, &rule, collect, &cl), 0);
	assert_int_equal(cl.n, 2);
	/* the callback's error stops the chaining */
	assert_int_equal(scd_chain_hits(h, 7, &rule, stop, NULL), -7);
	assert_int_equal(scd_chain_hits(h, 0, &rule, stop, NULL), 0);
}

static void test_formula_docs(void **state)
{
	(void)state;
	assert_int_equal(scd_fingerprint__formula_docs(0), SCD_FORMULA_MIN_DOCS);
	assert_int_equal(scd_fingerprint__formula_docs(200), 10);
	assert_int_equal(scd_fingerprint__formula_docs(201), 11);
	assert_int_equal(scd_fingerprint__formula_docs(1000), 50);
}

static void test_text_fingerprints(void **state)
{
	const char *t = "上海合作组织成员国元首理事会天津宣言全文如下";
	scd_key *key;
	scd_fingerprint *fp;
	size_t n, i;

	(void)state;
	assert_int_equal(scd_fingerprint__text(&key, &fp, &n, t, strlen(t), NULL, 4, 3), 0);
	assert_non_null(key);
	assert_true(n > 0);
	for (i = 1; i < n; i++)
		assert_true(fp[i - 1].pos < fp[i].pos);
	assert_true(fp[n - 1].pos + 4 <= scd_key_len(key));
	free(fp);
	scd_key_free(key);
	assert_true(scd_fingerprint__text(&key, &fp, &n, t, strlen(t), NULL, 0, 3) < 0);
	assert_null(key);
	assert_null(fp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fpindex_finds_all),
		cmocka_unit_test(test_fpindex_large),
		cmocka_unit_test(test_fpindex_table),
		cmocka_unit_test(test_fpindex_rejects),
		cmocka_unit_test(test_chain_follows_diagonal),
		cmocka_unit_test(test_formula_docs),
		cmocka_unit_test(test_text_fingerprints),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
