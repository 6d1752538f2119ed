/*
 * Unit tests of classify.c: the kind of a difference between two spans of
 * text, for spans the alignment matched (scd_classify_surface) and for
 * changes it could not match (scd_classify), and the kind names used on the
 * command line and in reports.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "scodiff.h"

/* ---- helpers ------------------------------------------------------------ */

static scd_kind surface(const char *a, const char *b)
{
	return scd_classify_surface(a, strlen(a), b, strlen(b));
}

static void assert_surface(const char *a, const char *b, scd_kind want)
{
	scd_kind got = surface(a, b);

	if (got != want)
		print_error("[%s] vs [%s]: %s, wanted %s\n", a, b,
			    scd_kind_name(got), scd_kind_name(want));
	assert_int_equal(got, want);
}

static scd_verdict classify_ctx(const char *a, const char *b,
				const scd_context *ca, const scd_context *cb)
{
	scd_verdict v;

	memset(&v, 0x5A, sizeof(v));
	scd_classify(&v, a, strlen(a), b, strlen(b), ca, cb);
	return v;
}

static void assert_kind(const char *a, const char *b, const scd_context *ca,
			const scd_context *cb, scd_kind want)
{
	scd_verdict v = classify_ctx(a, b, ca, cb);

	if (v.kind != want)
		print_error("[%s] vs [%s]: %s, wanted %s\n", a, b,
			    scd_kind_name(v.kind), scd_kind_name(want));
	assert_int_equal(v.kind, want);
	assert_true(v.confidence >= 0 && v.confidence <= 1);
	assert_true(memchr(v.suggest, 0, sizeof(v.suggest)) != NULL);
}

/* ---- scd_classify_surface ------------------------------------------------- */

static void surface_punct(void **state)
{
	(void)state;
	assert_surface("－", "—", SCD_KIND_PUNCT);
	assert_surface("———", "——", SCD_KIND_PUNCT);
	assert_surface("－", "——", SCD_KIND_PUNCT);
	assert_surface("“", "\"", SCD_KIND_PUNCT);
}

static void surface_width(void **state)
{
	(void)state;
	assert_surface("，", ",", SCD_KIND_WIDTH);
	assert_surface("（", "(", SCD_KIND_WIDTH);
	assert_surface("：", ":", SCD_KIND_WIDTH);
	assert_surface("ＡＢＣ", "ABC", SCD_KIND_WIDTH);
	assert_surface("①", "1", SCD_KIND_WIDTH);
	assert_surface("－", "-", SCD_KIND_WIDTH);
}

static void surface_variant(void **state)
{
	(void)state;
	assert_surface("強", "强", SCD_KIND_VARIANT);
	assert_surface("國", "国", SCD_KIND_VARIANT);
}

static void surface_layout(void **state)
{
	(void)state;
	assert_surface(" ", "\n", SCD_KIND_LAYOUT);
	assert_surface("\r\n", "", SCD_KIND_LAYOUT);
	assert_surface("  ", "\u3000", SCD_KIND_LAYOUT);
	assert_surface("\u200B", "", SCD_KIND_LAYOUT);
}

/* ---- scd_classify ---------------------------------------------------------- */

static void classify_edit(void **state)
{
	scd_verdict v;

	(void)state;
	v = classify_ctx("三", "五", NULL, NULL);
	assert_int_equal(v.kind, SCD_KIND_EDIT);
	assert_null(v.reason);
	assert_true(v.confidence == 0);
	assert_string_equal(v.suggest, "");
	assert_kind("上海", "北京", NULL, NULL, SCD_KIND_EDIT);
	assert_kind("二〇二四年", "二〇二五年的", NULL, NULL, SCD_KIND_EDIT);
	/* two characters gone is more than a dropped one */
	assert_kind("国家", "", NULL, NULL, SCD_KIND_EDIT);
}

static void classify_ocr_sound(void **state)
{
	scd_verdict v;

	(void)state;
	/* 劲 reads jìn and jìng (Unihan kXHC1983), 径 jìng: same sound */
	v = classify_ctx("劲", "径", NULL, NULL);
	assert_int_equal(v.kind, SCD_KIND_OCR);
	assert_non_null(v.reason);
	assert_string_equal(v.reason, "same sound");
	/* 金 jīn / 京 jīng: near readings only */
	v = classify_ctx("金", "京", NULL, NULL);
	assert_int_equal(v.kind, SCD_KIND_OCR);
	assert_string_equal(v.reason, "similar sound");
	assert_true(v.confidence > 0 && v.confidence <= 1);
	/* 在 / 再: both zài */
	v = classify_ctx("在", "再", NULL, NULL);
	assert_int_equal(v.kind, SCD_KIND_OCR);
	assert_string_equal(v.reason, "same sound");
	assert_true(v.confidence > 0 && v.confidence <= 1);
	/* 三 sān / 五 wǔ: nothing alike */
	assert_kind("三", "五", NULL, NULL, SCD_KIND_EDIT);
}

/* Shape slips the whole-glyph table misses, and what stays an edit. */
static void classify_ocr_shape(void **state)
{
	scd_verdict v;

	(void)state;
	/* 己/已: one stroke apart, the table's strongest kind of pair */
	v = classify_ctx("己", "已", NULL, NULL);
	assert_int_equal(v.kind, SCD_KIND_OCR);
	assert_string_equal(v.reason, "similar shape");
	assert_true(v.confidence > 0.6);
	/* 铭/铝 and 漾/澜 (tesseract's confusions of corpus text): the left
	 * part is the same, the rest differs */
	v = classify_ctx("漾", "澜", NULL, NULL);
	assert_int_equal(v.kind, SCD_KIND_OCR);
	assert_true(v.confidence > 0 && v.confidence < 0.5);
	assert_kind("铭", "铝", NULL, NULL, SCD_KIND_OCR);
	/* two characters for two, each a slip: 宪章 read as 完竟 */
	v = classify_ctx("宪章", "完竟", NULL, NULL);
	assert_int_equal(v.kind, SCD_KIND_OCR);
	/* one of the two pairs alike is not enough */
	assert_kind("宪法", "完竟", NULL, NULL, SCD_KIND_EDIT);
	/* a number changed is an edit however alike the numerals look;
	 * the same number in its accounting form is not */
	assert_kind("三", "五", NULL, NULL, SCD_KIND_EDIT);
	assert_kind("二", "三", NULL, NULL, SCD_KIND_EDIT);
	v = classify_ctx("五", "伍", NULL, NULL);
	assert_true(v.kind != SCD_KIND_EDIT);
	/* nothing shared: 上/北, 海/京 */
	assert_kind("上海", "北京", NULL, NULL, SCD_KIND_EDIT);
}

/* A character added next to an identical one is a doubling slip. */
static void classify_ocr_doubled(void **state)
{
	scd_context none = { 0, 0 }, before = { 0x56FD, 0x9645 },
		    after = { 0x4E2D, 0x56FD }, other = { 0x4E2D, 0x9645 };
	scd_verdict v;

	(void)state;
	/* b has 国 once more, right after a 国 */
	v = classify_ctx("", "国", &none, &before);
	assert_int_equal(v.kind, SCD_KIND_OCR);
	assert_string_equal(v.reason, "doubled");
	/* the twin follows, on a's side */
	v = classify_ctx("国", "", &after, &none);
	assert_int_equal(v.kind, SCD_KIND_OCR);
	assert_string_equal(v.reason, "doubled");
	/* no twin around: dropped on a's side, a weaker slip */
	v = classify_ctx("", "国", &none, &other);
	assert_int_equal(v.kind, SCD_KIND_OCR);
	assert_string_equal(v.reason, "dropped");
	assert_true(v.confidence < 0.5);
	v = classify_ctx("国", "", NULL, NULL);
	assert_int_equal(v.kind, SCD_KIND_OCR);
	assert_string_equal(v.reason, "dropped");
	/* a letter is no Han character: an edit */
	assert_kind("", "x", NULL, NULL, SCD_KIND_EDIT);
}

static void classify_punct_only(void **state)
{
	scd_context twin = { 0xFF0C, 0 };

	(void)state;
	assert_kind("，", "", NULL, NULL, SCD_KIND_PUNCT);
	assert_kind("", "。", NULL, NULL, SCD_KIND_PUNCT);
	assert_kind("、", "，", NULL, NULL, SCD_KIND_PUNCT);
	assert_kind("“”", "《》", NULL, NULL, SCD_KIND_PUNCT);
	/* a doubled mark is punctuation, not a slip */
	assert_kind("", "，", NULL, &twin, SCD_KIND_PUNCT);
	/* punctuation beside words is not punctuation only */
	assert_kind("，和", "", NULL, NULL, SCD_KIND_EDIT);
}

/* Changes whose keys agree get the surface kinds. */
static void classify_surface_kinds(void **state)
{
	(void)state;
	assert_kind(" ", "\n", NULL, NULL, SCD_KIND_LAYOUT);
	assert_kind("", "", NULL, NULL, SCD_KIND_LAYOUT);
	assert_kind("強", "强", NULL, NULL, SCD_KIND_VARIANT);
	assert_kind("ＡＢＣ", "ABC", NULL, NULL, SCD_KIND_WIDTH);
}

/* Long changes (beyond the classifier's buffers) are still classified. */
static void classify_long(void **state)
{
	char a[400], b[400];
	size_t i;

	(void)state;
	a[0] = b[0] = '\0';
	for (i = 0; i < 40; i++) {
		strcat(a, "上海");
		strcat(b, "北京");
	}
	assert_kind(a, b, NULL, NULL, SCD_KIND_EDIT);
	assert_kind(a, "", NULL, NULL, SCD_KIND_EDIT);
}

/* A separator rule of many dashes, or a long row of marks, added or
 * dropped is still punctuation only, however long. */
static void classify_long_punct_only(void **state)
{
	char rule[256] = "", stars[256] = "";
	size_t i;

	(void)state;
	for (i = 0; i < 20; i++) {
		strcat(rule, "—");
		strcat(stars, "＊");
	}
	assert_kind(rule, "", NULL, NULL, SCD_KIND_PUNCT);
	assert_kind("", stars, NULL, NULL, SCD_KIND_PUNCT);
	assert_kind(rule, stars, NULL, NULL, SCD_KIND_PUNCT);
}

/* ---- kind names ------------------------------------------------------------ */

static void kind_names(void **state)
{
	static const char *const names[] = {
		"layout", "width", "punct", "variant", "ocr", "edit"
	};
	int k;

	(void)state;
	assert_int_equal(SCD_KIND__COUNT, 6);
	for (k = 0; k < SCD_KIND__COUNT; k++) {
		assert_string_equal(scd_kind_name((scd_kind)k), names[k]);
		assert_int_equal(scd_kind_from_name(names[k]), k);
		assert_int_equal(scd_kind_from_name(scd_kind_name((scd_kind)k)), k);
	}
	assert_int_equal(scd_kind_from_name("nonsense"), -1);
	assert_int_equal(scd_kind_from_name(""), -1);
	assert_int_equal(scd_kind_from_name("Edit"), -1);
	assert_non_null(scd_kind_name(SCD_KIND__COUNT));
	assert_int_equal(scd_kind_from_name(scd_kind_name(SCD_KIND__COUNT)), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(surface_punct),
		cmocka_unit_test(surface_width),
		cmocka_unit_test(surface_variant),
		cmocka_unit_test(surface_layout),
		cmocka_unit_test(classify_edit),
		cmocka_unit_test(classify_ocr_sound),
		cmocka_unit_test(classify_ocr_shape),
		cmocka_unit_test(classify_ocr_doubled),
		cmocka_unit_test(classify_punct_only),
		cmocka_unit_test(classify_surface_kinds),
		cmocka_unit_test(classify_long),
		cmocka_unit_test(classify_long_punct_only),
		cmocka_unit_test(kind_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
