/*
 * Unit tests of lookalike.c: the glyph-similarity table compiled from
 * data/lookalikes.tsv — known look-alikes are there, unrelated characters
 * are not, the table reads the same both ways, lists come best first.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "scodiff.h"

static void known_pairs(void **state)
{
	(void)state;
	/* 己 / 已: one stroke apart, what OCR confuses */
	assert_true(scd_lookalike_score(0x5DF1, 0x5DF2) > 0.8);
	assert_true(scd_lookalike_score(0x5DF2, 0x5DF1) > 0.8);
	/* 未 / 末 */
	assert_true(scd_lookalike_score(0x672A, 0x672B) > 0.65);
	/* 三 / 五 share strokes but not enough to be a slip (classify.c's
	 * bar is 0.65) */
	assert_true(scd_lookalike_score(0x4E09, 0x4E94) < 0.65);
	/* a Latin letter is in no pair */
	assert_true(scd_lookalike_score('a', 'b') == 0);
}

static void lists_best_first_and_symmetric(void **state)
{
	uint32_t out[16];
	double score[16];
	size_t n, i;

	(void)state;
	n = scd_lookalike_list(0x5DF1, out, score, 16);
	assert_true(n >= 2);
	if (n > 16)
		n = 16;
	for (i = 1; i < n; i++)
		assert_true(score[i - 1] >= score[i]);
	for (i = 0; i < n; i++) {
		assert_true(score[i] > 0 && score[i] <= 1);
		assert_true(scd_lookalike_score(out[i], 0x5DF1) == score[i]);
	}
	assert_int_equal(scd_lookalike_list('a', out, NULL, 16), 0);
}

static void classified_as_shape_slip(void **state)
{
	scd_verdict v;

	(void)state;
	scd_classify(&v, "己", 3, "已", 3, NULL, NULL);
	assert_int_equal(v.kind, SCD_KIND_OCR);
	assert_non_null(v.reason);
	assert_non_null(strstr(v.reason, "shape"));
	scd_classify(&v, "三", 3, "五", 3, NULL, NULL);
	assert_int_equal(v.kind, SCD_KIND_EDIT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(known_pairs),
		cmocka_unit_test(lists_best_first_and_symmetric),
		cmocka_unit_test(classified_as_shape_slip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
