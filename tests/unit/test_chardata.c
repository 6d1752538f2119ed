/*
 * Unit tests of chardata.c: readings, variants, shape and frequency of
 * characters, against known answers read off Unihan 15.0 (Debian's
 * unicode-data: `bzcat /usr/share/unicode/Unihan_*.txt.bz2 | grep ^U+52B2`),
 * and a walk over every code point for the invariants of the tables.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "scodiff/chardata.h"
#include "util.h"

/* ---- helpers ------------------------------------------------------------ */

/* Whether `syl` is among the readings of c. */
static int reads(uint32_t c, const char *syl)
{
	const char *r[64];
	size_t n = scd_chardata_readings(c, r, 64), i;

	assert_true(n <= 64);
	for (i = 0; i < n; i++)
		if (!strcmp(r[i], syl))
			return 1;
	return 0;
}

/* ---- readings ------------------------------------------------------------ */

/* The readings of c, in order: kMandarin first, then the other sources. */
static const struct {
	uint32_t c;
	size_t n;
	const char *r[4];
} reading_cases[] = {
	/* 劲 U+52B2: kMandarin jìn; kXHC1983 and kTGHZ2013 add jìng */
	{ 0x52B2, 2, { "jin", "jing" } },
	/* 径 U+5F84 */
	{ 0x5F84, 1, { "jing" } },
	/* 行 U+884C: xíng (kMandarin) first, then háng (kHanyuPinlu), héng */
	{ 0x884C, 3, { "xing", "hang", "heng" } },
	/* 的 U+7684: de, then dì, dí (and dī) are one toneless di */
	{ 0x7684, 2, { "de", "di" } },
};

/* A reading of c, spelled without tones. */
static const struct {
	uint32_t c;
	const char *syl;
} reads_cases[] = {
	{ 0x4E7E, "qian" }, /* 乾 U+4E7E: kMandarin gives two */
	{ 0x4E7E, "gan" },
	{ 0x7EFF, "lv" },   /* 绿 lǜ */
	{ 0x5973, "nv" },   /* 女 nǚ */
	{ 0x55EF, "ng" },   /* 嗯 ńg, ňg, ǹg */
	{ 0x6B38, "e" },    /* 欸 ê̄ ế ê̌ ề: combining marks */
	{ 0x5463, "m" },    /* 呣 ḿ */
};

static void readings_known(void **state)
{
	const char *r[8];
	size_t i, j;

	(void)state;
	for (i = 0; i < UTIL_LEN(reading_cases); i++) {
		assert_int_equal(scd_chardata_readings(reading_cases[i].c, r, 8),
				 reading_cases[i].n);
		for (j = 0; j < reading_cases[i].n; j++)
			assert_string_equal(r[j], reading_cases[i].r[j]);
	}
	for (i = 0; i < UTIL_LEN(reads_cases); i++)
		assert_true(reads(reads_cases[i].c, reads_cases[i].syl));
}

static void readings_cap(void **state)
{
	const char *r[1] = { NULL };

	(void)state;
	assert_int_equal(scd_chardata_readings(0x884C, r, 1), 3);
	assert_string_equal(r[0], "xing");
	assert_int_equal(scd_chardata_readings(0x884C, NULL, 0), 3);
}

/* ---- sound --------------------------------------------------------------- */

static void sound(void **state)
{
	(void)state;
	assert_int_equal(scd_chardata_sound_alike(0x5728, 0x518D), 2); /* 在 再 */
	assert_true(scd_chardata_sound_alike(0x52B2, 0x5F84) >= 1);    /* 劲 径 */
	assert_int_equal(scd_chardata_sound_alike(0x4E09, 0x4E94), 0); /* 三 五 */
	assert_int_equal(scd_chardata_sound_alike(0x5728, 0x5728), 2);
}

static void sound_near_pairs(void **state)
{
	(void)state;
	assert_int_equal(scd_chardata_sound_alike(0x77E5, 0x8D44), 1); /* 知 zhi, 资 zi */
	assert_int_equal(scd_chardata_sound_alike(0x8D44, 0x77E5), 1);
	assert_int_equal(scd_chardata_sound_alike(0x7537, 0x84DD), 1); /* 男 nan, 蓝 lan */
	assert_int_equal(scd_chardata_sound_alike(0x56E0, 0x82F1), 1); /* 因 yin, 英 ying */
	assert_int_equal(scd_chardata_sound_alike(0x5F84, 0x4ECA), 1); /* 径 jing, 今 jin */
	assert_int_equal(scd_chardata_sound_alike(0x4E09, 0x5C71), 1); /* 三 san, 山 shan */
	assert_int_equal(scd_chardata_sound_alike(0x5973, 0x7EFF), 1); /* 女 nv, 绿 lv */
}

static void sound_unknown(void **state)
{
	(void)state;
	assert_int_equal(scd_chardata_sound_alike('a', 'a'), 0);
	assert_int_equal(scd_chardata_sound_alike(0x5728, 'a'), 0);
	assert_int_equal(scd_chardata_sound_alike(0x110000, 0x5728), 0);
}

/* ---- variants ------------------------------------------------------------ */

static void variants_traditional_simplified(void **state)
{
	uint32_t v[8];

	(void)state;
	/* 強 U+5F37 kSimplifiedVariant 强 U+5F3A; 强 kTraditionalVariant 強 (and
	 * itself, which is left out) */
	assert_int_equal(scd_chardata_variants(0x5F37, SCD_VARIANT_SIMPLIFIED, v, 8), 1);
	assert_int_equal(v[0], 0x5F3A);
	assert_int_equal(scd_chardata_variants(0x5F3A, SCD_VARIANT_TRADITIONAL, v, 8), 1);
	assert_int_equal(v[0], 0x5F37);
	assert_int_equal(scd_chardata_variants(0x5F3A, SCD_VARIANT_SIMPLIFIED, v, 8), 0);
	assert_true(scd_chardata_is_variant(0x5F37, 0x5F3A, SCD_VARIANT_SIMPLIFIED));
	assert_true(scd_chardata_is_variant(0x5F3A, 0x5F37, SCD_VARIANT_SIMPLIFIED));
	assert_true(scd_chardata_is_variant(0x5F37, 0x5F3A, SCD_VARIANT_TRADITIONAL));
	assert_true(scd_chardata_is_variant(0x5F3A, 0x5F37, SCD_VARIANT_TRADITIONAL));
	assert_false(scd_chardata_is_variant(0x5F3A, 0x5F37, SCD_VARIANT_Z));
	assert_false(scd_chardata_is_variant(0x5F3A, 0x5F3A, SCD_VARIANT_ANY));
}

static void variants_kinds(void **state)
{
	uint32_t v[8];
	size_t n;

	(void)state;
	/* 強 kSemanticVariant U+5F3A<kLau,kMatthews U+5F4A<kLau,kMatthews */
	n = scd_chardata_variants(0x5F37, SCD_VARIANT_SEMANTIC, v, 8);
	assert_int_equal(n, 2);
	assert_int_equal(v[0], 0x5F3A);
	assert_int_equal(v[1], 0x5F4A);
	assert_int_equal(scd_chardata_variants(0x5F37, SCD_VARIANT_ANY, v, 8), 2);
	assert_int_equal(scd_chardata_variants(0x5F37, SCD_VARIANT_ANY, v, 1), 2);
	assert_true(scd_chardata_is_variant(0x5F4A, 0x5F37, SCD_VARIANT_SEMANTIC));
	assert_false(scd_chardata_is_variant(0x5F4A, 0x5F37, SCD_VARIANT_SIMPLIFIED));
	/* 劲 U+52B2 kTraditionalVariant 勁 U+52C1 */
	assert_true(scd_chardata_is_variant(0x52B2, 0x52C1, SCD_VARIANT_ANY));
	assert_int_equal(scd_chardata_variants('a', SCD_VARIANT_ANY, v, 8), 0);
}

static void traditional(void **state)
{
	(void)state;
	assert_true(scd_chardata_is_traditional(0x5F37));  /* 強 */
	assert_false(scd_chardata_is_traditional(0x5F3A)); /* 强 */
	assert_true(scd_chardata_is_traditional(0x52C1));  /* 勁 */
	assert_false(scd_chardata_is_traditional(0x52B2)); /* 劲 */
	assert_true(scd_chardata_is_traditional(0x4E7E));  /* 乾 → 乾 干 */
	assert_false(scd_chardata_is_traditional(0x82E7)); /* 苧: 薴 → 苧 → 苎 */
	assert_false(scd_chardata_is_traditional(0x4E09)); /* 三: no variant */
	assert_false(scd_chardata_is_traditional('A'));
}

/* ---- shape and frequency ------------------------------------------------- */

/* What scd_chardata_info says of c; a field of -1 (NULL for a string) is
 * not checked. */
struct info_case {
	uint32_t c;
	long total_strokes, radical, radical_simplified, residual_strokes;
	const char *cangjie, *four_corner;
	long phonetic, frequency, pinlu;
};

static const struct info_case info_cases[] = {
	/* 路 U+8DEF: kTotalStrokes 13, kRSUnicode 157.6, kCangjie RMHER,
	 * kFourCornerCode 6716.4, kPhonetic 646 826, kFrequency 2, lù(1987) */
	{ 0x8DEF, 13, 157, 0, 6, "RMHER", "6716.4", 646, 2, 1987 },
	/* 纟 U+7E9F: 120'.0, a simplified radical; no kFrequency, kPhonetic */
	{ 0x7E9F, -1, 120, 1, 0, NULL, NULL, 0, 0, 0 },
	/* 王 U+738B: 96.-1 reads 0 */
	{ 0x738B, 4, 96, -1, 0, NULL, NULL, -1, -1, -1 },
	/* 的 U+7684: pinlu summed over de(75596) dì(157) dí(84) */
	{ 0x7684, -1, -1, -1, -1, NULL, NULL, -1, -1, 75596 + 157 + 84 },
	/* an Extension G character */
	{ 0x30EDE, 58, -1, -1, -1, NULL, NULL, -1, -1, -1 },
};

static void assert_field(long got, long want)
{
	if (want != -1)
		assert_int_equal(got, want);
}

static void info(void **state)
{
	scd_char_info ci;
	size_t i;

	(void)state;
	for (i = 0; i < UTIL_LEN(info_cases); i++) {
		const struct info_case *w = &info_cases[i];

		assert_int_equal(scd_chardata_info(&ci, w->c), 0);
		assert_field(ci.total_strokes, w->total_strokes);
		assert_field(ci.radical, w->radical);
		assert_field(ci.radical_simplified, w->radical_simplified);
		assert_field(ci.residual_strokes, w->residual_strokes);
		if (w->cangjie)
			assert_string_equal(ci.cangjie, w->cangjie);
		if (w->four_corner)
			assert_string_equal(ci.four_corner, w->four_corner);
		assert_field(ci.phonetic, w->phonetic);
		assert_field(ci.frequency, w->frequency);
		assert_field(ci.pinlu, w->pinlu);
	}
	/* a compatibility ideograph */
	assert_int_equal(scd_chardata_info(&ci, 0xF900), 0);
	assert_true(ci.radical > 0);
}

static void info_unknown(void **state)
{
	scd_char_info ci;
	const uint32_t none[] = { 0, 'A', 0x3000, 0x3041, 0x33FF, 0x4DC0, 0xA000,
				  0xFA6E, 0x10FFFF, 0x110000, 0xFFFFFFFF };
	size_t i;

	(void)state;
	for (i = 0; i < UTIL_LEN(none); i++) {
		memset(&ci, 0x5A, sizeof(ci));
		assert_int_equal(scd_chardata_info(&ci, none[i]), SCD_ENOTFOUND);
		assert_int_equal(ci.total_strokes, 0);
		assert_null(ci.cangjie);
		assert_null(ci.four_corner);
		assert_int_equal(scd_chardata_readings(none[i], NULL, 0), 0);
		assert_true(scd_chardata_frequency(none[i]) == 0);
		assert_false(scd_chardata_is_traditional(none[i]));
	}
	assert_int_equal(scd_chardata_info(&ci, 0x3400), 0); /* first of Extension A */
	assert_int_equal(scd_chardata_info(&ci, 0x4DBF), 0); /* last */
}

static void frequency(void **state)
{
	double de = scd_chardata_frequency(0x7684);   /* 的, the most counted */
	double jian = scd_chardata_frequency(0x4FED); /* 俭 jiǎn(9) */
	double hou = scd_chardata_frequency(0x5F8C);  /* 後: kFrequency 1 only */

	(void)state;
	assert_true(de == 1.0);
	assert_true(jian > 0 && jian < 0.25);
	assert_true(scd_chardata_frequency(0x5728) > scd_chardata_frequency(0x5F84));
	assert_true(hou > 0.5 && hou < 1);
	assert_true(scd_chardata_frequency(0x9F98) == 0); /* 龘: neither */
}

/* ---- every record -------------------------------------------------------- */

static void walk_all(void **state)
{
	uint32_t c, v[64];
	size_t records = 0, with_readings = 0, with_variants = 0;

	(void)state;
	for (c = 0; c < 0x110000; c++) {
		const char *r[64];
		scd_char_info ci;
		size_t n, i, j;

		if (scd_chardata_info(&ci, c)) {
			assert_int_equal(scd_chardata_readings(c, r, 64), 0);
			assert_int_equal(scd_chardata_variants(c, SCD_VARIANT_ANY, v, 64), 0);
			continue;
		}
		records++;
		assert_true(ci.radical >= 1 && ci.radical <= 214);
		assert_true(ci.total_strokes >= 1);
		assert_true(ci.frequency <= 5);
		n = scd_chardata_readings(c, r, 64);
		assert_true(n <= 64);
		with_readings += n > 0;
		for (i = 0; i < n; i++) {
			const char *s = r[i];

			assert_true(strlen(s) >= 1 && strlen(s) <= 6);
			for (; *s; s++)
				if (*s < 'a' || *s > 'z') {
					print_error("U+%04X reads \"%s\"\n", (unsigned int)c, r[i]);
					fail();
				}
			for (j = 0; j < i; j++)
				assert_string_not_equal(r[i], r[j]);
		}
		n = scd_chardata_variants(c, SCD_VARIANT_ANY, v, 64);
		assert_true(n <= 64);
		with_variants += n > 0;
		for (i = 0; i < n; i++) {
			assert_true(v[i] != c && v[i] < 0x110000);
			assert_true(i == 0 || v[i] > v[i - 1]);
			assert_true(scd_chardata_is_variant(v[i], c, SCD_VARIANT_ANY));
		}
		if (scd_chardata_is_traditional(c))
			assert_true(scd_chardata_variants(c, SCD_VARIANT_SIMPLIFIED, v, 64) > 0);
		assert_true(scd_chardata_frequency(c) >= 0 && scd_chardata_frequency(c) <= 1);
	}
	/* Unihan 15.0: 98060 ideographs, 41421 with a reading, 15284 with a
	 * variant; later versions only add */
	assert_true(records >= 98060);
	assert_true(with_readings >= 41421);
	assert_true(with_variants >= 15284);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(readings_known),
		cmocka_unit_test(readings_cap),
		cmocka_unit_test(sound),
		cmocka_unit_test(sound_near_pairs),
		cmocka_unit_test(sound_unknown),
		cmocka_unit_test(variants_traditional_simplified),
		cmocka_unit_test(variants_kinds),
		cmocka_unit_test(traditional),
		cmocka_unit_test(info),
		cmocka_unit_test(info_unknown),
		cmocka_unit_test(frequency),
		cmocka_unit_test(walk_all),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
