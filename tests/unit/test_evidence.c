/*
 * Unit tests of evidence.c: pair counts (all pairs, or only the watched
 * ones), ICU dictionary words, and the score that prefers the reading
 * forming a word and seen elsewhere (路径 over 路劲).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>

#include "scodiff.h"
#include "scodiff/evidence.h"

/* 路 径 劲 发 展 的 */
#define LU 0x8DEF
#define JING 0x5F84
#define JIN 0x52B2
#define FA 0x53D1
#define ZHAN 0x5C55
#define DE 0x7684

static void pairs_all_and_watched(void **state)
{
	static const uint32_t text[] = { FA, ZHAN, LU, JING, DE, LU, JING, FA, ZHAN };
	scd_evidence *ev;

	(void)state;
	assert_int_equal(scd_evidence_new(&ev), 0);
	assert_int_equal(scd_evidence_add(ev, text, 9), 0);
	assert_int_equal(scd_evidence_pair(ev, LU, JING), 2);
	assert_int_equal(scd_evidence_pair(ev, FA, ZHAN), 2);
	assert_int_equal(scd_evidence_pair(ev, JING, DE), 1);
	assert_int_equal(scd_evidence_pair(ev, LU, JIN), 0);
	scd_evidence_free(ev);

	/* watching counts only what is watched, and all of it */
	assert_int_equal(scd_evidence_new(&ev), 0);
	assert_int_equal(scd_evidence_watch(ev, LU, JING), 0);
	assert_int_equal(scd_evidence_watch(ev, LU, JIN), 0);
	assert_int_equal(scd_evidence_add(ev, text, 9), 0);
	assert_int_equal(scd_evidence_add(ev, text, 9), 0);
	assert_int_equal(scd_evidence_pair(ev, LU, JING), 4);
	assert_int_equal(scd_evidence_pair(ev, LU, JIN), 0);
	assert_int_equal(scd_evidence_pair(ev, FA, ZHAN), 0);
	assert_int_equal(scd_evidence_count(ev, LU), 4);
	scd_evidence_free(ev);
	scd_evidence_free(NULL);
}

/* One long text counted in two halves at once counts what one call does,
 * the pair across the cut and the character at the cut included. */
static void split_counts_the_same(void **state)
{
	static const uint32_t chars[] = { LU, JING, DE, FA, ZHAN, JIN, 0x20000 };
	size_t n = 100003, i;
	uint32_t *text = malloc(n * sizeof(*text));
	scd_evidence *one, *two;

	(void)state;
	assert_non_null(text);
	for (i = 0; i < n; i++)
		text[i] = chars[(i * 7 + i / 3) % 7];
	assert_int_equal(scd_evidence_new(&one), 0);
	assert_int_equal(scd_evidence_new(&two), 0);
	for (i = 0; i < 7; i++) {
		size_t j;
		for (j = 0; j < 7; j++) {
			assert_int_equal(scd_evidence_watch(one, chars[i], chars[j]), 0);
			assert_int_equal(scd_evidence_watch(two, chars[i], chars[j]), 0);
		}
	}
	assert_int_equal(scd_evidence_add(one, text, n), 0);
	assert_int_equal(scd_evidence_add_split(two, text, n), 0);
	for (i = 0; i < 7; i++) {
		size_t j;
		assert_int_equal(scd_evidence_count(one, chars[i]), scd_evidence_count(two, chars[i]));
		for (j = 0; j < 7; j++)
			assert_int_equal(scd_evidence_pair(one, chars[i], chars[j]),
					 scd_evidence_pair(two, chars[i], chars[j]));
	}
	scd_evidence_free(one);
	scd_evidence_free(two);
	free(text);
}

static void dictionary_words(void **state)
{
	static const uint32_t right[] = { FA, ZHAN, LU, JING };
	static const uint32_t wrong[] = { FA, ZHAN, LU, JIN };
	scd_evidence *ev;

	(void)state;
	assert_int_equal(scd_evidence_new(&ev), 0);
	/* 发展路径: 路径 is one dictionary word, 路劲 is not */
	assert_int_equal(scd_evidence_word_at(ev, right, 4, 3), 2);
	assert_int_equal(scd_evidence_word_at(ev, right, 4, 0), 2);
	assert_int_equal(scd_evidence_word_at(ev, wrong, 4, 3), 1);
	/* out of range */
	assert_int_equal(scd_evidence_word_at(ev, right, 4, 4), 0);
	/* the whole window: 发展 路径 all in words, 路劲 leaves two out */
	assert_int_equal(scd_evidence_word_chars(ev, right, 4), 4);
	assert_int_equal(scd_evidence_word_chars(ev, wrong, 4), 2);
	{
		/* 中国实现代化 reads no better than 中国式现代化 (中国 现代
		 * in words), though 实 makes a word (实现) where 式 stands
		 * alone: it takes 现 from 现代 */
		static const uint32_t shi4[] = { 0x4E2D, 0x56FD, 0x5F0F, 0x73B0, 0x4EE3, 0x5316 };
		static const uint32_t shi2[] = { 0x4E2D, 0x56FD, 0x5B9E, 0x73B0, 0x4EE3, 0x5316 };
		assert_int_equal(scd_evidence_word_at(ev, shi4, 6, 2), 1);
		assert_int_equal(scd_evidence_word_at(ev, shi2, 6, 2), 2);
		assert_int_equal(scd_evidence_word_chars(ev, shi4, 6), 4);
		assert_int_equal(scd_evidence_word_chars(ev, shi2, 6), 4);
	}
	scd_evidence_free(ev);
}

static void score_prefers_the_word(void **state)
{
	static const uint32_t text[] = { LU, JING, DE, FA, ZHAN };
	uint32_t before[] = { LU }, after[] = { DE, FA, ZHAN };
	uint32_t jing = JING, jin = JIN;
	scd_evidence *ev;
	double right, wrong;

	(void)state;
	assert_int_equal(scd_evidence_new(&ev), 0);
	assert_int_equal(scd_evidence_add(ev, text, 5), 0);
	right = scd_evidence_score(ev, before, 1, &jing, 1, after, 3);
	wrong = scd_evidence_score(ev, before, 1, &jin, 1, after, 3);
	assert_true(right > wrong + 1.5);
	assert_true(scd_evidence_score(ev, before, 1, &jing, 0, after, 3) == 0);
	scd_evidence_free(ev);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pairs_all_and_watched),
		cmocka_unit_test(split_counts_the_same),
		cmocka_unit_test(dictionary_words),
		cmocka_unit_test(score_prefers_the_word),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
