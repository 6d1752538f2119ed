/*
 * Character knowledge from Unicode's Unihan database: readings, variant
 * forms, shape and frequency of every CJK ideograph Unihan describes (the
 * Unified Ideographs with all their extensions, and the compatibility
 * ideographs).  classify.c and its helpers ask it whether two characters
 * could be a recognition slip (same sound, near shape) or the same
 * character in another standard form.
 *
 * The data is compiled into the library (tools/gen_unihan.c turns Debian's
 * unicode-data files into static tables at build time): nothing is loaded
 * or parsed at run time, no function here allocates, every lookup is a
 * binary search over a few code-point ranges followed by O(1) table reads,
 * and all functions are safe to call from any thread.  Every string
 * returned is static.  A code point Unihan says nothing about (ASCII,
 * kana, unassigned…) has no readings, no variants and no info.
 */
#ifndef SCODIFF_CHARDATA_H
#define SCODIFF_CHARDATA_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The Mandarin readings of c, without tones, in lowercase ASCII with ü
 * written "v" and ê written "e" ("jin", "lv", "ng"): every reading given
 * by kMandarin, kHanyuPinlu, kXHC1983, kTGHZ2013 and kHanyuPinyin, each
 * once.  The customary reading (kMandarin) comes first, then those of
 * kHanyuPinlu (most counted first), kXHC1983, kTGHZ2013 and kHanyuPinyin,
 * in that order.  Stores up to `cap` static strings in out and returns how
 * many readings c has, which may exceed `cap` (0 when it has none).
 */
size_t scd_chardata_readings(uint32_t c, const char **out, size_t cap);

/*
 * Kinds of variant link, as Unihan's variant fields name them.  A link is
 * stored as Unihan gives it, from the character that carries the field:
 * 強 has the simplified variant 强, 强 the traditional variant 強.
 */
enum {
	SCD_VARIANT_TRADITIONAL = 1,  /* kTraditionalVariant */
	SCD_VARIANT_SIMPLIFIED = 2,   /* kSimplifiedVariant */
	SCD_VARIANT_SEMANTIC = 4,     /* kSemanticVariant: same meaning */
	SCD_VARIANT_SPECIALIZED = 8,  /* kSpecializedSemanticVariant */
	SCD_VARIANT_Z = 16,           /* kZVariant: same character, glyph differs */
	SCD_VARIANT_SPOOFING = 32,    /* kSpoofingVariant: looks alike */
	SCD_VARIANT_ANY = 63
};

/*
 * The variants of c linked by a field of one of the `kinds` (SCD_VARIANT_*
 * bits), in code point order, each once, never c itself (Unihan lists a
 * character as its own simplified form when it also serves as one; that
 * says nothing about another character and is left out).  Stores up to
 * `cap` of them in out and returns how many there are (may exceed `cap`).
 */
size_t scd_chardata_variants(uint32_t c, unsigned int kinds, uint32_t *out,
			     size_t cap);

/*
 * Whether b is a variant of a, or a of b, by a link of one of the `kinds`:
 * scd_chardata_is_variant(强, 強, SCD_VARIANT_TRADITIONAL) and
 * (強, 强, SCD_VARIANT_TRADITIONAL) are both true.  A character is not its
 * own variant (0 when a == b).
 */
int scd_chardata_is_variant(uint32_t a, uint32_t b, unsigned int kinds);

/* What Unihan says of one character's shape and frequency. */
typedef struct {
	uint8_t total_strokes;      /* kTotalStrokes (first value), 0 unknown */
	uint8_t radical;            /* Kangxi radical 1-214 of kRSUnicode, 0 unknown */
	/*
	 * 0 when the radical has its traditional form, 1 when it is the
	 * Chinese simplified form (120' is 纟), 2 when it is a non-Chinese
	 * simplified form (two apostrophes, Unicode 15.1 and later).
	 */
	uint8_t radical_simplified;
	/*
	 * Strokes besides the radical (kRSUnicode).  Unihan gives a negative
	 * count for some 30 characters written with fewer strokes than their
	 * radical (王 is 玉 less one); those read 0 here.
	 */
	uint8_t residual_strokes;
	uint8_t frequency;          /* kFrequency 1 (most common) - 5, 0 unknown */
	uint32_t pinlu;             /* kHanyuPinlu counts summed over readings, 0 unknown */
	const char *cangjie;        /* kCangjie ("MOW"), NULL unknown; static */
	const char *four_corner;    /* kFourCornerCode, first ("8020.0"), NULL unknown; static */
	uint16_t phonetic;          /* kPhonetic class (Casey), first, 0 unknown */
} scd_char_info;

/*
 * Fill *out with what Unihan says of c.  Returns 0, or SCD_ENOTFOUND
 * (with a message for scd_error_last()) when Unihan has nothing on c;
 * *out is then zeroed.
 */
int scd_chardata_info(scd_char_info *out, uint32_t c);

/*
 * How alike a and b sound, by their readings (scd_chardata_readings()):
 * 2 when they share a reading; 1 when a reading of one and a reading of
 * the other become equal once the usual near pairs are merged — initials
 * zh/z, ch/c, sh/s, n/l and finals in/ing, en/eng, an/ang (also ian/iang,
 * uan/uang), the confusions of southern Mandarin speakers and of
 * recognisers trained on them; 0 otherwise, or when either has no reading.
 */
int scd_chardata_sound_alike(uint32_t a, uint32_t b);

/*
 * Whether c is a traditional form: it has a kSimplifiedVariant other than
 * itself and no kTraditionalVariant other than itself, i.e. it simplifies
 * to another character and is not the simplified form of another.  強 is
 * traditional; 强 (its simplified form) is not; 乾 is (it simplifies to 干
 * in some senses and stays 乾 in others); 苧, both the simplified form of
 * 薴 and the traditional form of 苎, is not.  Unihan keeps the two fields
 * mutual, so either direction gives the same answer.
 */
int scd_chardata_is_traditional(uint32_t c);

/*
 * How common c is, in [0, 1]: log(1 + n) / log(1 + N) where n is c's
 * kHanyuPinlu count and N the largest (that of 的), so 1 is 的 and the
 * rarest characters counted score about 0.2.  A character with no
 * kHanyuPinlu count but a kFrequency level gets the median score of the
 * characters counted at that level (computed from the data at build time).
 * 0 when Unihan knows neither.
 */
double scd_chardata_frequency(uint32_t c);

#ifdef __cplusplus
}
#endif
#endif
