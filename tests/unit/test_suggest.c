/*
 * Unit tests of the suggestions and learned confusions of a comparison
 * (suggest.c, through scd_diff_inputs()): the reading probably right for
 * slips and variants, and substitutions that recur becoming ocr.
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

/* A paragraph long enough to align, with `x` at the mark `@`. */
static char *text_with(const char *x)
{
	static const char base[] =
		"成员国愿共同探索符合各国国情的发展@并推动构建更加公正合理的全球治理体系，"
		"携手迈向人类命运共同体。成员国重申，在发展上合组织成员国关系时将平等全面恪守宪章宗旨。";
	const char *at = strchr(base, '@');
	size_t n = strlen(base) + strlen(x);
	char *t = malloc(n + 1);

	assert_non_null(t);
	memcpy(t, base, (size_t)(at - base));
	strcpy(t + (at - base), x);
	strcat(t, at + 1);
	return t;
}

/* The single listed difference of a against b. */
static void one(const char *xa, const char *xb, scd_kind kind,
		const char *reason, const char *suggest)
{
	char *ta = text_with(xa), *tb = text_with(xb);
	scd_input *a = util_input("a", ta, strlen(ta)), *b = util_input("b", tb, strlen(tb));
	scd_diff *d;
	scd_diff_options o = SCD_DIFF_OPTIONS_INIT;

	assert_int_equal(scd_diff_inputs(&d, a, b, &o), 0);
	assert_int_equal(d->ndiffs, 1);
	if (d->diffs[0].kind != kind)
		print_error("%s / %s: %s\n", xa, xb, scd_kind_name(d->diffs[0].kind));
	assert_int_equal(d->diffs[0].kind, kind);
	if (reason)
		assert_string_equal(d->diffs[0].reason, reason);
	if (suggest) {
		assert_true(d->diffs[0].suggested);
		assert_string_equal(d->diffs[0].suggest, suggest);
	} else {
		assert_false(d->diffs[0].suggested);
	}
	scd_diff_free(d);
	scd_input_free(a);
	scd_input_free(b);
	free(ta);
	free(tb);
}

static void slip_suggests_the_word(void **state)
{
	(void)state;
	/* 路径 is a word, 路劲 is not: whichever side has it */
	one("路径", "路劲", SCD_KIND_OCR, "same sound", "径");
	one("路劲", "路径", SCD_KIND_OCR, "same sound", "径");
}

static void variant_suggests_simplified(void **state)
{
	(void)state;
	one("强化", "強化", SCD_KIND_VARIANT, NULL, "强");
	one("強化", "强化", SCD_KIND_VARIANT, NULL, "强");
}

static void doubled_suggests_once(void **state)
{
	(void)state;
	/* 路路径: the doubled character goes */
	one("路径", "路路径", SCD_KIND_OCR, "doubled", "");
	/* a pair the texts have elsewhere stays: 谢谢 here and at the end */
	one("谢谢。谢谢", "谢谢。谢", SCD_KIND_OCR, "doubled", "谢");
	/* once only, it goes, dictionary word or not */
	one("谢", "谢谢", SCD_KIND_OCR, "doubled", "");
}

/* A character dropped: the bigram model of the texts decides. */
static void dropped_suggests_by_model(void **state)
{
	(void)state;
	/* 的 between 发展 and 道路 appears elsewhere in the text: keep it */
	one("的道路，各国发展的道路", "道路，各国发展的道路", SCD_KIND_OCR, "dropped", "的");
}

static void edits_have_no_suggestion(void **state)
{
	(void)state;
	one("路径", "办法", SCD_KIND_EDIT, NULL, NULL);
}

/* 三 → 五 at two places is no editor's doing: the engine confuses them. */
static void recurring_substitution(void **state)
{
	static const char ta[] =
		"第三次会议在天津举行，各方就区域合作深入交换意见并达成广泛共识。"
		"会议通过了关于加强经贸合作的联合声明和第三个五年规划的实施方案。";
	char *tb = strdup(ta), *p;
	scd_input *a, *b;
	scd_diff *d;
	size_t i, ocr = 0;

	(void)state;
	assert_non_null(tb);
	/* both 三 become 五 */
	while ((p = strstr(tb, "三")))
		memcpy(p, "五", 3);
	a = util_input("a", ta, strlen(ta));
	b = util_input("b", tb, strlen(tb));
	assert_int_equal(scd_diff_inputs(&d, a, b, NULL), 0);
	for (i = 0; i < d->ndiffs; i++) {
		assert_int_equal(d->diffs[i].kind, SCD_KIND_OCR);
		assert_string_equal(d->diffs[i].reason, "recurring confusion");
		ocr++;
	}
	assert_int_equal(ocr, 2);
	assert_int_equal(d->counts[SCD_KIND_EDIT], 0);
	assert_int_equal(d->counts[SCD_KIND_OCR], 2);
	scd_diff_free(d);
	scd_input_free(a);
	scd_input_free(b);
	free(tb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(slip_suggests_the_word),
		cmocka_unit_test(variant_suggests_simplified),
		cmocka_unit_test(doubled_suggests_once),
		cmocka_unit_test(dropped_suggests_by_model),
		cmocka_unit_test(edits_have_no_suggestion),
		cmocka_unit_test(recurring_substitution),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
