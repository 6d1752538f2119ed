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
#include "text/opencc.h"
#include "diff/classify_priv.h"

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

static void verdict(scd_verdict *out, scd_kind kind, const char *reason,
		    double confidence);

/* Whether OpenCC turns one of a, b into the other: a mainland word and
 * its Taiwan form (s2twp), or a Taiwan word and its mainland form
 * (tw2sp). */
static int regional_pair(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	return scd_opencc__converts_to("s2twp", a, na, b, nb) ||
	       scd_opencc__converts_to("s2twp", b, nb, a, na) ||
	       scd_opencc__converts_to("tw2sp", a, na, b, nb) ||
	       scd_opencc__converts_to("tw2sp", b, nb, a, na);
}

/* Whether c[0..la) and cb[0..lb) have one key under `fold` (taken each
 * alone: scd_normalize_chars()). */
static int keys_equal(const uint32_t *ca, size_t la, const uint32_t *cb,
		      size_t lb, unsigned int fold)
{
	uint32_t ka[4 * SURFACE_MAX], kb[4 * SURFACE_MAX];
	int na = scd_normalize_chars(ka, 4 * SURFACE_MAX, ca, la, fold);
	int nb = scd_normalize_chars(kb, 4 * SURFACE_MAX, cb, lb, fold);

	return na >= 0 && na < 4 * SURFACE_MAX && na == nb &&
	       !memcmp(ka, kb, (size_t)na * sizeof(*ka));
}

/* One text in other characters, phrase by phrase: their keys without the
 * vocabulary equal, or equal once OpenCC's script phrases are folded. */
static int same_script(const uint32_t *ca, size_t la, const uint32_t *cb, size_t lb)
{
	uint32_t ka[4 * SURFACE_MAX], kb[4 * SURFACE_MAX];
	unsigned int fold = SCD_FOLD_DEFAULT & ~SCD_FOLD_REGIONAL;
	int na = scd_normalize_chars(ka, 4 * SURFACE_MAX, ca, la, fold);
	int nb = scd_normalize_chars(kb, 4 * SURFACE_MAX, cb, lb, fold);

	if (na < 0 || nb < 0 || na == 4 * SURFACE_MAX || nb == 4 * SURFACE_MAX)
		return 0;
	if (na == nb && !memcmp(ka, kb, (size_t)na * sizeof(*ka)))
		return 1;
	return scd_opencc__same("phrases", ka, (size_t)na, kb, (size_t)nb);
}

void scd_classify_surface(scd_verdict *out, const char *a, size_t alen,
			  const char *b, size_t blen)
{
	uint32_t ca[SURFACE_MAX], cb[SURFACE_MAX];
	UChar na[4 * SURFACE_MAX], nb[4 * SURFACE_MAX];
	int ma, mb;
	size_t la = content(ca, SURFACE_MAX, a, alen, &ma);
	size_t lb = content(cb, SURFACE_MAX, b, blen, &mb);
	int32_t ka, kb;

	if (la == lb && !ma && !mb && !memcmp(ca, cb, la * sizeof(*ca))) {
		verdict(out, SCD_KIND_LAYOUT, NULL, 0); /* only the whitespace differs */
		return;
	}
	if (!ma && !mb) {
		ka = nfkc(na, 4 * SURFACE_MAX, ca, la);
		kb = nfkc(nb, 4 * SURFACE_MAX, cb, lb);
		if (ka >= 0 && ka == kb && !memcmp(na, nb, (size_t)ka * sizeof(UChar))) {
			verdict(out, SCD_KIND_WIDTH, NULL, 0);
			return;
		}
	}
	if (all_punct(ca, la) && all_punct(cb, lb)) {
		verdict(out, SCD_KIND_PUNCT, NULL, 0);
		return;
	}
	/* the same without the regional vocabulary, or a phrase whose
	 * traditional form is not character by character (仿佛/彷彿): another
	 * script only */
	if (ma || mb || same_script(ca, la, cb, lb)) {
		verdict(out, SCD_KIND_VARIANT, "script", 0);
		return;
	}
	/* another region's word when OpenCC turns one into the other; the
	 * key also joins words only chained through the dictionaries (高级
	 * and 高端 both read 高階 in Taiwan), and those are two words */
	if (regional_pair(ca, la, cb, lb))
		verdict(out, SCD_KIND_VARIANT, "regional word", 0);
	else
		verdict(out, SCD_KIND_EDIT, NULL, 0);
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
	scd_classify__folded(out, a, alen, b, blen, xa, xb, SCD_FOLD_DEFAULT);
}

void scd_classify__folded(scd_verdict *out, const char *a, size_t alen,
			  const char *b, size_t blen, const scd_context *xa,
			  const scd_context *xb, unsigned int fold)
{
	uint32_t ca[CHANGE_MAX], cb[CHANGE_MAX];
	int ma, mb;
	size_t la = content(ca, CHANGE_MAX, a, alen, &ma);
	size_t lb = content(cb, CHANGE_MAX, b, blen, &mb);
	scd_context trimmed_a, trimmed_b;

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
		if (keys_equal(ca, la, cb, lb, fold)) {
			/* 文件/檔案 unaligned: a variant all the same (unless
			 * the caller keeps the vocabulary: then the keys
			 * differ, and another word is an edit) */
			scd_classify_surface(out, a, alen, b, blen);
			return;
		}
		/* a word the regional fold took whole (资讯 read as 资汛: the
		 * key has 信息 against 资汛) differs in fewer characters than it
		 * spans: what differs is classified, beside what does not */
		size_t p = 0, q = 0;
		while (p < la && p < lb && ca[p] == cb[p])
			p++;
		while (q < la - p && q < lb - p && ca[la - 1 - q] == cb[lb - 1 - q])
			q++;
		if (p || q) {
			trimmed_a.before = trimmed_b.before = p ? ca[p - 1] : 0;
			trimmed_a.after = trimmed_b.after = q ? ca[la - q] : 0;
			if (!p) {
				trimmed_a.before = xa ? xa->before : 0;
				trimmed_b.before = xb ? xb->before : 0;
			}
			if (!q) {
				trimmed_a.after = xa ? xa->after : 0;
				trimmed_b.after = xb ? xb->after : 0;
			}
			memmove(ca, ca + p, (la - p - q) * sizeof(*ca));
			memmove(cb, cb + p, (lb - p - q) * sizeof(*cb));
			la -= p + q;
			lb -= p + q;
			xa = &trimmed_a;
			xb = &trimmed_b;
			if (!la && !lb) {
				/* the same characters: only the spacing differs */
				scd_classify_surface(out, a, alen, b, blen);
				return;
			}
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
