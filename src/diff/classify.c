/*
 * Classification of differences (kinds in classify.h).
 *
 * Two entry points: scd_classify_surface() for spans whose keys agree (so
 * the difference can only be layout, width, punctuation or a variant
 * form), and scd_classify() for what the alignment could not match.
 *
 * One Han character for another is a slip (ocr) when the two share a
 * reading or nearly (all Unihan readings, chardata.c), look alike
 * (lookalike.c) or share a component (Unihan radical and Cangjie codes), a
 * variant when Unihan links them as forms of one character; two for two
 * are a slip when each pair is.  One character more or less is a slip
 * (doubled beside its twin, dropped otherwise).  Anything else is an
 * edit, and so is a numeral changed for another (三→五).
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf8.h>
#include <unicode/utf16.h>

#include "scodiff/classify.h"
#include "scodiff/chardata.h"
#include "scodiff/lookalike.h"
#include "scodiff/normalize.h"

static const char *const kind_names[SCD_KIND__COUNT] = {
	"layout", "width", "punct", "variant", "ocr", "edit"
};

const char *scd_kind_name(scd_kind kind)
{
	return (unsigned)kind < SCD_KIND__COUNT ? kind_names[kind] : "?";
}

int scd_kind_from_name(const char *name)
{
	int i;
	for (i = 0; i < SCD_KIND__COUNT; i++)
		if (!strcmp(name, kind_names[i]))
			return i;
	return -1;
}

/* Code points of s[0..len) without whitespace; returns how many (up to
 * cap; *more is set when there were more). */
static size_t content(uint32_t *out, size_t cap, const char *s, size_t len,
		      int *more)
{
	size_t n = 0, i = 0;

	*more = 0;
	while (i < len) {
		UChar32 c;
		int32_t j = 0, m = (int32_t)(len - i < 4 ? len - i : 4);
		U8_NEXT((const uint8_t *)s + i, j, m, c);
		i += (size_t)j;
		if (c < 0 || u_isUWhiteSpace(c) ||
		    u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
			continue;
		if (n == cap) {
			*more = 1;
			break;
		}
		out[n++] = (uint32_t)c;
	}
	return n;
}

static int all_punct(const uint32_t *c, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!scd_normalize_is_punct(c[i]))
			return 0;
	return 1;
}

/* Is s[0..len) punctuation and whitespace only?  Whatever its length. */
static int text_punct(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		UChar32 c;
		int32_t j = 0, m = (int32_t)(len - i < 4 ? len - i : 4);
		U8_NEXT((const uint8_t *)s + i, j, m, c);
		i += (size_t)j;
		if (c < 0)
			return 0;
		if (!u_isUWhiteSpace(c) && !scd_normalize_is_punct((uint32_t)c) &&
		    !u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
			return 0;
	}
	return 1;
}

/* NFKC of the content of s, as UTF-16, into buf (cap units); -1 if long. */
static int32_t nfkc(UChar *buf, int32_t cap, const uint32_t *c, size_t n)
{
	UChar src[128];
	int32_t sl = 0;
	size_t i;
	UBool err = 0;
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *n2 = unorm2_getNFKCInstance(&st);

	for (i = 0; i < n && !err; i++)
		U16_APPEND(src, sl, 128, (UChar32)c[i], err);
	if (err || U_FAILURE(st))
		return -1;
	sl = unorm2_normalize(n2, src, sl, buf, cap, &st);
	return U_FAILURE(st) ? -1 : sl;
}

#define SURFACE_MAX 64

scd_kind scd_classify_surface(const char *a, size_t alen, const char *b,
			      size_t blen)
{
	uint32_t ca[SURFACE_MAX], cb[SURFACE_MAX];
	UChar na[4 * SURFACE_MAX], nb[4 * SURFACE_MAX];
	int ma, mb;
	size_t la = content(ca, SURFACE_MAX, a, alen, &ma);
	size_t lb = content(cb, SURFACE_MAX, b, blen, &mb);
	int32_t ka, kb;

	if (la == lb && !ma && !mb && !memcmp(ca, cb, la * sizeof(*ca)))
		return SCD_KIND_LAYOUT; /* only the whitespace differs */
	if (!ma && !mb) {
		ka = nfkc(na, 4 * SURFACE_MAX, ca, la);
		kb = nfkc(nb, 4 * SURFACE_MAX, cb, lb);
		if (ka >= 0 && ka == kb && !memcmp(na, nb, (size_t)ka * sizeof(UChar)))
			return SCD_KIND_WIDTH;
	}
	if (all_punct(ca, la) && all_punct(cb, lb))
		return SCD_KIND_PUNCT;
	return SCD_KIND_VARIANT;
}

/* ---- changes ------------------------------------------------------------ */

#define CHANGE_MAX 16

static int is_han(uint32_t c)
{
	return u_hasBinaryProperty((UChar32)c, UCHAR_IDEOGRAPHIC) != 0;
}

/* Least glyph similarity (lookalike.h, normalised cross-correlation of
 * rendered glyphs) for a substitution to be a shape slip on the strength
 * of the glyphs alone: above the 99.9th percentile of random pairs of
 * common characters (0.61, data/README.md), so that nearly no unrelated
 * substitution passes. */
#define MIN_SHAPE 0.65
/* Below it, down to the look-alike table's own floor (0.50, reached by
 * 0.36 % of random pairs), a pair in the table is a shape slip with less
 * confidence. */
#define MIN_TABLE 0.50

/*
 * How alike x and y look, 0 when not enough to call a slip: glyphs that
 * correlate above MIN_TABLE, and Unihan's spoofing variants (characters
 * made to be mistaken for each other).
 */
static double shape_alike(uint32_t x, uint32_t y)
{
	double s = scd_lookalike_score(x, y);

	if (scd_chardata_is_variant(x, y, SCD_VARIANT_SPOOFING) && s < 0.8)
		s = 0.8;
	return s >= MIN_TABLE ? s : 0;
}

/*
 * Do x and y share a component where OCR engines see one: the same
 * radical (Unihan kRSUnicode), or the same first or last Cangjie code
 * (kCangjie; the first code is the left or top part, the last the right
 * or bottom one: 铭/铝, 漾/澜, 宪/完).  Whole-glyph correlation misses
 * these, since the other part differs.  Measured on tesseract's chi_sim
 * confusions of corpus text (bench/ocr): 62 % of its one-for-one
 * substitutions share a component or are in the look-alike table,
 * against 10 % of random pairs of common characters — a likelihood ratio
 * of about 6, a weak sign that is given a low confidence.
 */
static int share_component(uint32_t x, uint32_t y)
{
	scd_char_info a, b;

	if (scd_chardata_info(&a, x) < 0 || scd_chardata_info(&b, y) < 0)
		return 0;
	if (a.radical && a.radical == b.radical &&
	    a.radical_simplified == b.radical_simplified)
		return 1;
	if (a.cangjie && b.cangjie && a.cangjie[0] && b.cangjie[0]) {
		size_t la = strlen(a.cangjie), lb = strlen(b.cangjie);
		return a.cangjie[0] == b.cangjie[0] ||
		       a.cangjie[la - 1] == b.cangjie[lb - 1];
	}
	return 0;
}

/* Are x and y numerals of different values (一, 三, 五, 百, 万: Unihan's
 * numeric values as ICU has them; 五 and its accounting form 伍 are one
 * value)?  A number changed is a change of content however alike the
 * glyphs: 三→五 correlates at 0.63, and an auditor must see it. */
static int other_number(uint32_t x, uint32_t y)
{
	double vx = u_getNumericValue((UChar32)x), vy = u_getNumericValue((UChar32)y);

	return vx != U_NO_NUMERIC_VALUE && vy != U_NO_NUMERIC_VALUE && vx != vy;
}

static void verdict(scd_verdict *out, scd_kind kind, const char *reason,
		    double confidence)
{
	out->kind = kind;
	out->reason = reason;
	out->confidence = confidence;
	out->suggest[0] = '\0';
}

static int keys_equal(const uint32_t *ca, size_t la, const uint32_t *cb,
		      size_t lb)
{
	uint32_t ka[4 * CHANGE_MAX], kb[4 * CHANGE_MAX];
	size_t na = 0, nb = 0, i;

	for (i = 0; i < la; i++)
		na += scd_normalize_char(ka + na, 4 * CHANGE_MAX - na, ca[i], SCD_FOLD_DEFAULT);
	for (i = 0; i < lb; i++)
		nb += scd_normalize_char(kb + nb, 4 * CHANGE_MAX - nb, cb[i], SCD_FOLD_DEFAULT);
	return na == nb && !memcmp(ka, kb, na * sizeof(*ka));
}

/* One character for another (equal characters never get here). */
static void substitution(scd_verdict *out, uint32_t x, uint32_t y)
{
	int sound;
	double shape;

	if (!is_han(x) || !is_han(y) || other_number(x, y)) {
		verdict(out, SCD_KIND_EDIT, NULL, 0);
		return;
	}
	/* another standard form of the same character (semantic,
	 * z-variants: 着/著, 群/羣) is a variant, not a slip */
	if (scd_chardata_is_variant(x, y, SCD_VARIANT_ANY & ~SCD_VARIANT_SPOOFING)) {
		verdict(out, SCD_KIND_VARIANT, "variant form", 0.9);
		return;
	}
	sound = scd_chardata_sound_alike(x, y);
	shape = shape_alike(x, y);
	if (shape > 0 && sound)
		verdict(out, SCD_KIND_OCR, "similar shape and sound", 0.5 + 0.4 * shape);
	else if (shape >= MIN_SHAPE)
		verdict(out, SCD_KIND_OCR, "similar shape", 0.3 + 0.5 * shape);
	else if (sound == 2)
		verdict(out, SCD_KIND_OCR, "same sound", 0.5);
	else if (sound == 1)
		verdict(out, SCD_KIND_OCR, "similar sound", 0.35);
	else if (shape > 0)
		verdict(out, SCD_KIND_OCR, "similar shape", 0.2 + 0.4 * shape);
	else if (share_component(x, y))
		verdict(out, SCD_KIND_OCR, "shared component", 0.25);
	else
		verdict(out, SCD_KIND_EDIT, NULL, 0);
}

void scd_classify(scd_verdict *out, const char *a, size_t alen,
		  const char *b, size_t blen, const scd_context *xa,
		  const scd_context *xb)
{
	uint32_t ca[CHANGE_MAX], cb[CHANGE_MAX];
	int ma, mb;
	size_t la = content(ca, CHANGE_MAX, a, alen, &ma);
	size_t lb = content(cb, CHANGE_MAX, b, blen, &mb);

	if (la == 0 && lb == 0 && !ma && !mb) {
		verdict(out, SCD_KIND_LAYOUT, NULL, 0);
		return;
	}
	if (text_punct(a, alen) && text_punct(b, blen)) {
		/* a rule of twenty dashes is punctuation too */
		verdict(out, SCD_KIND_PUNCT, NULL, 0);
		return;
	}
	if (!ma && !mb) {
		if (keys_equal(ca, la, cb, lb)) {
			verdict(out, scd_classify_surface(a, alen, b, blen), NULL, 0);
			return;
		}
	}
	if (!ma && !mb && la + lb == 1) {
		/* one character more on one side: beside its twin it was
		 * doubled; a lone Han character was dropped by the other */
		uint32_t c = la ? ca[0] : cb[0];
		const scd_context *x = la ? xa : xb;
		if (x && (x->before == c || x->after == c) &&
		    !scd_normalize_is_punct(c)) {
			verdict(out, SCD_KIND_OCR, "doubled", 0.6);
			return;
		}
		if (is_han(c)) {
			verdict(out, SCD_KIND_OCR, "dropped", 0.35);
			return;
		}
	}
	if (!ma && !mb && la == lb && la <= 2) {
		/* one or two Han characters for as many: each pair a slip
		 * (宪章 → 完竟), the weakest deciding */
		scd_verdict v;
		size_t i;
		for (i = 0; i < la; i++) {
			substitution(i ? &v : out, ca[i], cb[i]);
			if (i && (v.kind == SCD_KIND_EDIT ||
				  (v.kind == SCD_KIND_OCR && out->kind == SCD_KIND_VARIANT) ||
				  (v.kind == out->kind && v.confidence < out->confidence)))
				*out = v;
		}
		if (la)
			return;
	}
	verdict(out, SCD_KIND_EDIT, NULL, 0);
}
