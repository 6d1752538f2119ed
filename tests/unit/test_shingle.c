/*
 * Unit tests of shingle.c: the k-gram hash (a known-answer check against
 * xxHash itself) and winnowing (Schleimer, Wilkerson and Aiken 2003): the
 * guarantee that a shared run of w+k-1 key characters always yields a
 * shared fingerprint, the local rule behind it, order, and density.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "scodiff.h"
#include "util.h"

/* ---- helpers ------------------------------------------------------------ */


static void winnow(scd_fingerprint **fp, size_t *nfp, const uint32_t *key,
		   size_t n, unsigned int k, unsigned int w)
{
	assert_int_equal(scd_shingle_winnow(fp, nfp, key, n, k, w), 0);
	if (n >= k)
		assert_non_null(*fp);
}

/* Hash of a k-gram computed here: XXH3-64 of the little-endian bytes. */
static uint64_t reference_hash(const uint32_t *gram, unsigned int k)
{
	unsigned char *buf = malloc(4 * (size_t)k + 1);
	uint64_t h;
	unsigned int i;

	assert_non_null(buf);
	for (i = 0; i < k; i++) {
		buf[4 * i] = (unsigned char)gram[i];
		buf[4 * i + 1] = (unsigned char)(gram[i] >> 8);
		buf[4 * i + 2] = (unsigned char)(gram[i] >> 16);
		buf[4 * i + 3] = (unsigned char)(gram[i] >> 24);
	}
	h = XXH3_64bits(buf, 4 * (size_t)k);
	free(buf);
	return h;
}

/* ---- hash ------------------------------------------------------------------ */

static void hash_known_answer(void **state)
{
	static const uint32_t gram[] = { 0x4E0A, 0x6D77, 0x5408, 0x4F5C,
					 0xFF0C, 0x2D, 0x1F600, 0 };
	uint32_t long_gram[100];
	unsigned int k;

	(void)state;
	for (k = 1; k <= 8; k++)
		assert_true(scd_shingle_hash(gram, k) == reference_hash(gram, k));
	/* "上海合作" as a 4-gram, a fixed vector: the hash is written to
	 * disk later, so it must never change */
	assert_true(scd_shingle_hash(gram, 4) == UINT64_C(0x4b89105a97c4df87));
	for (k = 0; k < 100; k++)
		long_gram[k] = 0x4E00 + k * 37;
	assert_true(scd_shingle_hash(long_gram, 100) == reference_hash(long_gram, 100));
	/* order matters */
	assert_true(scd_shingle_hash(gram, 2) != scd_shingle_hash(gram + 1, 2));
}

/* ---- winnowing ------------------------------------------------------------- */

/*
 * What every winnowing of key[0..n) must satisfy: fingerprints in strictly
 * increasing position order, each the hash of the k-gram at its position;
 * every window of w consecutive k-grams holds at least one of them; and
 * each is the rightmost minimum of some window that holds it.
 */
static void check_winnowing(const uint32_t *key, size_t n, unsigned int k,
			    unsigned int w, const scd_fingerprint *fp,
			    size_t nfp)
{
	size_t ngrams = n >= k ? n - k + 1 : 0, i, s, f = 0;
	uint64_t *h = malloc((ngrams + 1) * sizeof(*h));

	assert_non_null(h);
	for (i = 0; i < ngrams; i++)
		h[i] = scd_shingle_hash(key + i, k);
	for (i = 0; i < nfp; i++) {
		size_t p = fp[i].pos, lo, found = 0;
		assert_true(p < ngrams);
		assert_true(fp[i].hash == h[p]);
		if (i)
			assert_true(fp[i].pos > fp[i - 1].pos);
		/* some window [lo, lo+w) containing p has p as its
		 * rightmost minimum (or the whole text if shorter) */
		for (lo = p + 1 >= w ? p + 1 - w : 0; lo <= p && !found; lo++) {
			size_t hi = lo + w < ngrams ? lo + w : ngrams, j, m = lo;
			if (lo + w > ngrams && lo > 0)
				break;
			for (j = lo; j < hi; j++)
				if (h[j] <= h[m])
					m = j;
			found = (m == p);
		}
		assert_true(found);
	}
	/* every full window holds a fingerprint */
	for (s = 0; s + w <= ngrams; s++) {
		while (f < nfp && fp[f].pos < s)
			f++;
		assert_true(f < nfp && fp[f].pos < s + w);
	}
	if (ngrams > 0)
		assert_true(nfp > 0);
	free(h);
}

static void winnow_properties_random(int round)
{
	unsigned int k = 1 + util_rng_below(8), w = 1 + util_rng_below(16);
	size_t n = util_rng_below(300);
	/* small alphabets make equal hashes, the tie rule's case */
	uint32_t alphabet = round % 3 == 0 ? 2 : round % 3 == 1 ? 5 : 20000;
	uint32_t *key = util_random_key_new(n, alphabet);
	scd_fingerprint *fp = NULL;
	size_t nfp;

	winnow(&fp, &nfp, key, n, k, w);
	check_winnowing(key, n, k, w, fp, nfp);
	free(fp);
	free(key);
}

/*
 * The guarantee: a run of at least t = w + k - 1 key characters present in
 * two keys yields a fingerprint in each with the same hash at the same
 * place inside the run.
 */
static void winnow_guarantee(int round)
{
	unsigned int k = 1 + util_rng_below(10), w = 1 + util_rng_below(20);
	size_t t = w + k - 1 + util_rng_below(4);
	size_t na = t + util_rng_below(400), nb = t + util_rng_below(400);
	size_t pa = util_rng_below((uint32_t)(na - t + 1));
	size_t pb = util_rng_below((uint32_t)(nb - t + 1));
	uint32_t alphabet = round % 4 == 0 ? 3 : 30000;
	uint32_t *a = util_random_key_new(na, alphabet);
	uint32_t *b = util_random_key_new(nb, alphabet);
	scd_fingerprint *fa = NULL, *fb = NULL;
	size_t la, lb, i, j;
	int shared = 0;

	util_random_key(a + pa, t, alphabet);
	memcpy(b + pb, a + pa, t * sizeof(*a));
	winnow(&fa, &la, a, na, k, w);
	winnow(&fb, &lb, b, nb, k, w);
	for (i = 0; i < la && !shared; i++) {
		if (fa[i].pos < pa || fa[i].pos + k > pa + t)
			continue;
		for (j = 0; j < lb && !shared; j++)
			shared = fb[j].hash == fa[i].hash &&
				 fb[j].pos - pb == fa[i].pos - pa &&
				 fb[j].pos >= pb;
	}
	if (!shared)
		print_error("round %d: k=%u w=%u t=%zu na=%zu nb=%zu\n",
			    round, k, w, t, na, nb);
	assert_true(shared);
	free(fa);
	free(fb);
	free(a);
	free(b);
}

/* On random text about 2/(w+1) of the k-grams are kept. */
static void winnow_density(void **state)
{
	static const unsigned int ws[] = { 4, 10, 20 };
	size_t n = 200000, nfp, i;
	uint32_t *key = util_key_new(n);

	(void)state;
	util_rng_seed(7);
	for (i = 0; i < n; i++)
		key[i] = util_rng_below(1u << 20);
	for (i = 0; i < UTIL_LEN(ws); i++) {
		scd_fingerprint *fp = NULL;
		double want = 2.0 / (ws[i] + 1), got;

		winnow(&fp, &nfp, key, n, SCD_SHINGLE_K, ws[i]);
		got = (double)nfp / (double)(n - SCD_SHINGLE_K + 1);
		if (got < 0.9 * want || got > 1.1 * want)
			print_error("w=%u: density %.4f, expected about %.4f\n",
				    ws[i], got, want);
		assert_true(got > 0.9 * want && got < 1.1 * want);
		free(fp);
	}
	free(key);
}

static void winnow_short_and_edge(void **state)
{
	static const uint32_t key[] = { 1, 2, 3, 4, 5, 6, 7 };
	scd_fingerprint *fp = (scd_fingerprint *)&fp;
	size_t nfp = 99;

	(void)state;
	/* shorter than k: nothing */
	assert_int_equal(scd_shingle_winnow(&fp, &nfp, key, 5, 6, 10), 0);
	assert_int_equal(nfp, 0);
	free(fp);
	assert_int_equal(scd_shingle_winnow(&fp, &nfp, key, 0, 6, 10), 0);
	assert_int_equal(nfp, 0);
	free(fp);
	/* exactly k: the one k-gram */
	winnow(&fp, &nfp, key, 6, 6, 10);
	assert_int_equal(nfp, 1);
	assert_int_equal(fp[0].pos, 0);
	assert_true(fp[0].hash == scd_shingle_hash(key, 6));
	free(fp);
	/* w = 1 keeps every k-gram */
	winnow(&fp, &nfp, key, 7, 2, 1);
	assert_int_equal(nfp, 6);
	free(fp);
	/* k = 0 or w = 0 is refused */
	assert_int_equal(scd_shingle_winnow(&fp, &nfp, key, 7, 0, 4), SCD_EINVALID);
	assert_int_equal(scd_shingle_winnow(&fp, &nfp, key, 7, 3, 0), SCD_EINVALID);
}

/* The same key gives the same fingerprints; fingerprints depend only on
 * the text around them (a prefix shifts positions, not hashes). */
/* Windows winnowed in shares and joined give exactly the whole key's
 * fingerprints: what the aligner's two threads rely on. */
static void winnow_parts_join(void **state)
{
	static const size_t sizes[] = { 0, 3, 7, 8, 9, 15, 16, 17, 40, 301, 5000 };
	static const unsigned int kw[][2] = { { 8, 8 }, { 4, 4 }, { 1, 1 }, { 5, 12 } };
	size_t s, c;
	unsigned int parts, part;
	uint32_t *key = util_key_new(5000);

	(void)state;
	util_rng_seed(77);
	for (s = 0; s < UTIL_LEN(sizes); s++)
		for (c = 0; c < UTIL_LEN(kw); c++)
			for (parts = 1; parts <= 4; parts++) {
				unsigned int k = kw[c][0], w = kw[c][1];
				scd_fingerprint *whole = NULL, *all = NULL;
				size_t nwhole = 0, nall = 0;

				/* a small alphabet makes equal hashes and ties common */
				util_random_key(key, sizes[s], 3);
				assert_int_equal(scd_shingle_winnow(&whole, &nwhole, key,
								    sizes[s], k, w), 0);
				for (part = 0; part < parts; part++) {
					scd_fingerprint *p = NULL;
					size_t np = 0;
					assert_int_equal(scd_shingle_winnow_part(&p, &np, key, sizes[s],
										 k, w, part, parts), 0);
					assert_int_equal(scd_shingle_join(&all, &nall, all, nall, p, np), 0);
				}
				assert_int_equal(nall, nwhole);
				for (part = 0; part < nwhole; part++) {
					assert_int_equal(all[part].pos, whole[part].pos);
					assert_true(all[part].hash == whole[part].hash);
				}
				free(whole);
				free(all);
			}
	{
		scd_fingerprint *p = NULL;
		size_t np = 0;
		assert_int_equal(scd_shingle_winnow_part(&p, &np, key, 10, 8, 8, 2, 2),
				 SCD_EINVALID);
		assert_null(p);
	}
	free(key);
}

static void winnow_local(void **state)
{
	size_t n = 5000, pre = 777, la, lb, i, j = 0;
	uint32_t *a;
	scd_fingerprint *fa = NULL, *fb = NULL;

	(void)state;
	util_rng_seed(99);
	a = util_random_key_new(n + pre, 50000);
	winnow(&fa, &la, a + pre, n, SCD_SHINGLE_K, SCD_SHINGLE_W);
	winnow(&fb, &lb, a, n + pre, SCD_SHINGLE_K, SCD_SHINGLE_W);
	/* past the first window, the fingerprints of the suffix are those of
	 * the whole key shifted by `pre` */
	for (i = 0; i < la; i++) {
		if (fa[i].pos < SCD_SHINGLE_W)
			continue;
		while (j < lb && fb[j].pos < fa[i].pos + pre)
			j++;
		assert_true(j < lb);
		assert_int_equal(fb[j].pos, fa[i].pos + pre);
		assert_true(fb[j].hash == fa[i].hash);
	}
	free(fa);
	free(fb);
	free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hash_known_answer),
		UTIL_PROPERTY_TEST(winnow_properties_random, 20250901, 300),
		UTIL_PROPERTY_TEST(winnow_guarantee, 42, 2000),
		cmocka_unit_test(winnow_density),
		cmocka_unit_test(winnow_short_and_edge),
		cmocka_unit_test(winnow_local),
		cmocka_unit_test(winnow_parts_join),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
