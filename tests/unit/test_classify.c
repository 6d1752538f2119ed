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
#include "util.h"

/* ---- helpers ------------------------------------------------------------ */

/* Matched spans a and b have surface kind `want`. */
struct surface_case {
	const char *a, *b;
	scd_kind want;
};

static void assert_surfaces(const struct surface_case *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		scd_verdict v;
		scd_kind got;

		scd_classify_surface(&v, c[i].a, strlen(c[i].a), c[i].b, strlen(c[i].b));
		got = v.kind;

		if (got != c[i].want)
			print_error("[%s] vs [%s]: %s, wanted %s\n", c[i].a,
				    c[i].b, scd_kind_name(got),
				    scd_kind_name(c[i].want));
		assert_int_equal(got, c[i].want);
	}
}

/* A change from a to b, between the contexts ca and cb, has kind `kind`;
 * when `reason` is set, that reason; and a confidence above `above` and
 * below `below`.  Every verdict has a confidence in [0, 1] and a
 * NUL-terminated suggestion. */
struct verdict_case {
	const char *a, *b;
	const scd_context *ca, *cb;
	scd_kind kind;
	const char *reason;
	double above, below;
};

/* the confidence bounds of a case that checks none */
#define ANY_CONFIDENCE -1, 2

static scd_verdict classify_ctx(const char *a, const char *b,
				const scd_context *ca, const scd_context *cb)
{
	scd_verdict v;

	memset(&v, 0x5A, sizeof(v));
	scd_classify(&v, a, strlen(a), b, strlen(b), ca, cb);
	return v;
}

static void assert_verdicts(const struct verdict_case *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		scd_verdict v = classify_ctx(c[i].a, c[i].b, c[i].ca, c[i].cb);

		if (v.kind != c[i].kind)
			print_error("[%s] vs [%s]: %s, wanted %s\n", c[i].a,
				    c[i].b, scd_kind_name(v.kind),
				    scd_kind_name(c[i].kind));
		assert_int_equal(v.kind, c[i].kind);
		if (c[i].reason) {
			assert_non_null(v.reason);
			assert_string_equal(v.reason, c[i].reason);
		}
		assert_true(v.confidence >= 0 && v.confidence <= 1);
		assert_true(v.confidence > c[i].above && v.confidence < c[i].below);
		assert_true(memchr(v.suggest, 0, sizeof(v.suggest)) != NULL);
	}
}

/* A change of kind `want`, for the cases that check nothing more. */
static void assert_kind(const char *a, const char *b, const scd_context *ca,
			const scd_context *cb, scd_kind want)
{
	const struct verdict_case c = { a, b, ca, cb, want, NULL, ANY_CONFIDENCE };

	assert_verdicts(&c, 1);
}

/* ---- scd_classify_surface ------------------------------------------------- */

static void surface_kinds(void **state)
{
	static const struct surface_case cases[] = {
		{ "－", "—", SCD_KIND_PUNCT },
		{ "———", "——", SCD_KIND_PUNCT },
		{ "－", "——", SCD_KIND_PUNCT },
		{ "“", "\"", SCD_KIND_PUNCT },
		{ "，", ",", SCD_KIND_WIDTH },
		{ "（", "(", SCD_KIND_WIDTH },
		{ "：", ":", SCD_KIND_WIDTH },
		{ "ＡＢＣ", "ABC", SCD_KIND_WIDTH },
		{ "①", "1", SCD_KIND_WIDTH },
		{ "－", "-", SCD_KIND_WIDTH },
		{ "強", "强", SCD_KIND_VARIANT },
		{ "國", "国", SCD_KIND_VARIANT },
		{ " ", "\n", SCD_KIND_LAYOUT },
		{ "\r\n", "", SCD_KIND_LAYOUT },
		{ "  ", "\u3000", SCD_KIND_LAYOUT },
		{ "\u200B", "", SCD_KIND_LAYOUT },
	};

	(void)state;
	assert_surfaces(cases, UTIL_LEN(cases));
}

/* ---- scd_classify ---------------------------------------------------------- */

/* The contexts of the doubling cases: the characters before and after a
 * change. */
static const scd_context none = { 0, 0 }, before = { 0x56FD, 0x9645 },
			 after = { 0x4E2D, 0x56FD }, other = { 0x4E2D, 0x9645 },
			 twin = { 0xFF0C, 0 };

static const struct verdict_case verdicts[] = {
	/* edits */
	{ "上海", "北京", NULL, NULL, SCD_KIND_EDIT, NULL, ANY_CONFIDENCE },
	{ "二〇二四年", "二〇二五年的", NULL, NULL, SCD_KIND_EDIT, NULL, ANY_CONFIDENCE },
	/* two characters gone is more than a dropped one */
	{ "国家", "", NULL, NULL, SCD_KIND_EDIT, NULL, ANY_CONFIDENCE },

	/* OCR, sound: 劲 reads jìn and jìng (Unihan kXHC1983), 径 jìng */
	{ "劲", "径", NULL, NULL, SCD_KIND_OCR, "same sound", ANY_CONFIDENCE },
	/* 金 jīn / 京 jīng: near readings only */
	{ "金", "京", NULL, NULL, SCD_KIND_OCR, "similar sound", 0, 2 },
	/* 在 / 再: both zài */
	{ "在", "再", NULL, NULL, SCD_KIND_OCR, "same sound", 0, 2 },
	/* 三 sān / 五 wǔ: nothing alike */
	{ "三", "五", NULL, NULL, SCD_KIND_EDIT, NULL, ANY_CONFIDENCE },

	/* OCR, shape slips the whole-glyph table misses, and what stays an
	 * edit.  己/已: one stroke apart, the table's strongest kind of pair */
	{ "己", "已", NULL, NULL, SCD_KIND_OCR, "similar shape", 0.6, 2 },
	/* 铭/铝 and 漾/澜 (tesseract's confusions of corpus text): the left
	 * part is the same, the rest differs */
	{ "漾", "澜", NULL, NULL, SCD_KIND_OCR, NULL, 0, 0.5 },
	{ "铭", "铝", NULL, NULL, SCD_KIND_OCR, NULL, ANY_CONFIDENCE },
	/* two characters for two, each a slip: 宪章 read as 完竟 */
	{ "宪章", "完竟", NULL, NULL, SCD_KIND_OCR, NULL, ANY_CONFIDENCE },
	/* one of the two pairs alike is not enough */
	{ "宪法", "完竟", NULL, NULL, SCD_KIND_EDIT, NULL, ANY_CONFIDENCE },
	/* a number changed is an edit however alike the numerals look (the
	 * same number in its accounting form is not: classify_numbers) */
	{ "二", "三", NULL, NULL, SCD_KIND_EDIT, NULL, ANY_CONFIDENCE },

	/* OCR, doubling: a character added next to an identical one.  b has
	 * 国 once more, right after a 国 */
	{ "", "国", &none, &before, SCD_KIND_OCR, "doubled", ANY_CONFIDENCE },
	/* the twin follows, on a's side */
	{ "国", "", &after, &none, SCD_KIND_OCR, "doubled", ANY_CONFIDENCE },
	/* no twin around: dropped on a's side, a weaker slip */
	{ "", "国", &none, &other, SCD_KIND_OCR, "dropped", -1, 0.5 },
	{ "国", "", NULL, NULL, SCD_KIND_OCR, "dropped", ANY_CONFIDENCE },
	/* a letter is no Han character: an edit */
	{ "", "x", NULL, NULL, SCD_KIND_EDIT, NULL, ANY_CONFIDENCE },

	/* punctuation only */
	{ "，", "", NULL, NULL, SCD_KIND_PUNCT, NULL, ANY_CONFIDENCE },
	{ "", "。", NULL, NULL, SCD_KIND_PUNCT, NULL, ANY_CONFIDENCE },
	{ "、", "，", NULL, NULL, SCD_KIND_PUNCT, NULL, ANY_CONFIDENCE },
	{ "“”", "《》", NULL, NULL, SCD_KIND_PUNCT, NULL, ANY_CONFIDENCE },
	/* a doubled mark is punctuation, not a slip */
	{ "", "，", NULL, &twin, SCD_KIND_PUNCT, NULL, ANY_CONFIDENCE },
	/* punctuation beside words is not punctuation only */
	{ "，和", "", NULL, NULL, SCD_KIND_EDIT, NULL, ANY_CONFIDENCE },

	/* changes whose keys agree get the surface kinds */
	{ " ", "\n", NULL, NULL, SCD_KIND_LAYOUT, NULL, ANY_CONFIDENCE },
	{ "", "", NULL, NULL, SCD_KIND_LAYOUT, NULL, ANY_CONFIDENCE },
	{ "強", "强", NULL, NULL, SCD_KIND_VARIANT, "script", ANY_CONFIDENCE },
	{ "ＡＢＣ", "ABC", NULL, NULL, SCD_KIND_WIDTH, NULL, ANY_CONFIDENCE },

	/* the same word in another region's vocabulary (OpenCC's TWPhrases),
	 * whichever script each side is in */
	{ "文件", "檔案", NULL, NULL, SCD_KIND_VARIANT, "regional word", ANY_CONFIDENCE },
	{ "文件", "档案", NULL, NULL, SCD_KIND_VARIANT, "regional word", ANY_CONFIDENCE },
	{ "用户", "使用者", NULL, NULL, SCD_KIND_VARIANT, "regional word", ANY_CONFIDENCE },
	{ "默认参数", "預設引數", NULL, NULL, SCD_KIND_VARIANT, "regional word", ANY_CONFIDENCE },
	{ "軟件", "軟體", NULL, NULL, SCD_KIND_VARIANT, "regional word", ANY_CONFIDENCE },
	/* a phrase whose traditional form is not character by character
	 * (OpenCC's STPhrases): another script */
	{ "仿佛", "彷彿", NULL, NULL, SCD_KIND_VARIANT, "script", ANY_CONFIDENCE },
	{ "抵触", "牴觸", NULL, NULL, SCD_KIND_VARIANT, "script", ANY_CONFIDENCE },
	/* words the dictionaries only chain (高级 → 高階 ← 高端): two mainland
	 * words, an edit; but 进程 → 程序 → 程式 is what s2twp run to its end
	 * writes (clean --to=tw), a regional word */
	{ "高级", "高端", NULL, NULL, SCD_KIND_EDIT, NULL, ANY_CONFIDENCE },
	{ "进程", "程式", NULL, NULL, SCD_KIND_VARIANT, "regional word", ANY_CONFIDENCE },
	/* a word for another that is no regional pair stays an edit */
	{ "文件", "文章", NULL, NULL, SCD_KIND_EDIT, NULL, ANY_CONFIDENCE },
	{ "用户", "客户", NULL, NULL, SCD_KIND_EDIT, NULL, ANY_CONFIDENCE },
};

static void classify_kinds(void **state)
{
	(void)state;
	assert_verdicts(verdicts, UTIL_LEN(verdicts));
}

/* An edit has no reason, no confidence and no suggestion. */
static void classify_edit(void **state)
{
	scd_verdict v;

	(void)state;
	v = classify_ctx("三", "五", NULL, NULL);
	assert_int_equal(v.kind, SCD_KIND_EDIT);
	assert_null(v.reason);
	assert_true(v.confidence == 0);
	assert_string_equal(v.suggest, "");
}

/* The same number in its accounting form is not an edit. */
static void classify_numbers(void **state)
{
	(void)state;
	assert_true(classify_ctx("五", "伍", NULL, NULL).kind != SCD_KIND_EDIT);
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
		cmocka_unit_test(surface_kinds),
		cmocka_unit_test(classify_kinds),
		cmocka_unit_test(classify_edit),
		cmocka_unit_test(classify_numbers),
		cmocka_unit_test(classify_long),
		cmocka_unit_test(classify_long_punct_only),
		cmocka_unit_test(kind_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
