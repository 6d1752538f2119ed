/*
 * Character knowledge: lookups in the tables tools/gen_unihan.c generates
 * from Unihan at build time (unihan.c in the build folder; its comments
 * and the generator's describe the layout).
 *
 * A character's record index comes from a binary search over the runs of
 * consecutive code points Unihan describes (a dozen: the CJK blocks).  Its
 * shape is a table read; each sparse property (readings, variants, Cangjie,
 * four-corner, phonetic, frequency) is a column with a presence bitmap,
 * and the value's position in the column is the number of records before
 * it that have one (a count stored per 64-bit word plus one popcount).
 */
#include <string.h>

#include "scodiff/chardata.h"
#include "util/error.h"

/* ---- the generated tables ---------------------------------------------- */

extern const uint32_t scd_chardata__nranges, scd_chardata__ranges[];
extern const uint64_t scd_chardata__readings_bits[], scd_chardata__variants_bits[],
	scd_chardata__cangjie_bits[], scd_chardata__four_corner_bits[],
	scd_chardata__phonetic_bits[], scd_chardata__frequency_bits[];
extern const uint32_t scd_chardata__readings_rank[], scd_chardata__variants_rank[],
	scd_chardata__cangjie_rank[], scd_chardata__four_corner_rank[],
	scd_chardata__phonetic_rank[], scd_chardata__frequency_rank[];
extern const uint16_t scd_chardata__shape_id[];
extern const uint32_t scd_chardata__shapes[];
extern const char scd_chardata__strings[];
extern const uint32_t scd_chardata__syllables[];
extern const uint16_t scd_chardata__reading_set[];
extern const uint32_t scd_chardata__set_start[];
extern const uint16_t scd_chardata__set_syllables[];
extern const uint32_t scd_chardata__var_start[], scd_chardata__variants[];
extern const uint32_t scd_chardata__cangjie[], scd_chardata__four_corner[];
extern const uint16_t scd_chardata__phonetic[];
extern const uint8_t scd_chardata__frequency[];
extern const uint32_t scd_chardata__pinlu[];
extern const uint16_t scd_chardata__score[];

#define NONE ((size_t)-1)
#define LINK_CP(l) ((l) & 0x1FFFFFu)    /* a variant link's code point */
#define LINK_KINDS(l) ((l) >> 21)       /* and its SCD_VARIANT_* bits */

/* The record of c, or NONE. */
static size_t record_of(uint32_t c)
{
	size_t lo = 0, hi = scd_chardata__nranges;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const uint32_t *r = scd_chardata__ranges + 3 * mid;

		if (c < r[0])
			hi = mid;
		else if (c - r[0] >= r[1])
			lo = mid + 1;
		else
			return r[2] + (c - r[0]);
	}
	return NONE;
}

enum { COL_READINGS, COL_VARIANTS, COL_CANGJIE, COL_FOUR_CORNER, COL_PHONETIC,
       COL_FREQUENCY };

static const struct {
	const uint64_t *bits;
	const uint32_t *rank;
} columns[] = {
	{ scd_chardata__readings_bits, scd_chardata__readings_rank },
	{ scd_chardata__variants_bits, scd_chardata__variants_rank },
	{ scd_chardata__cangjie_bits, scd_chardata__cangjie_rank },
	{ scd_chardata__four_corner_bits, scd_chardata__four_corner_rank },
	{ scd_chardata__phonetic_bits, scd_chardata__phonetic_rank },
	{ scd_chardata__frequency_bits, scd_chardata__frequency_rank },
};

static unsigned int popcount64(uint64_t w)
{
#if defined(__GNUC__)
	return (unsigned int)__builtin_popcountll(w);
#else
	w = w - ((w >> 1) & 0x5555555555555555u);
	w = (w & 0x3333333333333333u) + ((w >> 2) & 0x3333333333333333u);
	w = (w + (w >> 4)) & 0x0F0F0F0F0F0F0F0Fu;
	return (unsigned int)((w * 0x0101010101010101u) >> 56);
#endif
}

/* Where record `rec` (not NONE) has its value in column `col`, or NONE. */
static size_t in_column(int col, size_t rec)
{
	uint64_t w = columns[col].bits[rec / 64];
	uint64_t bit = (uint64_t)1 << (rec % 64);

	if (!(w & bit))
		return NONE;
	return columns[col].rank[rec / 64] + popcount64(w & (bit - 1));
}

/* Where c has its value in column `col`, or NONE. */
static size_t lookup(int col, uint32_t c)
{
	size_t rec = record_of(c);

	return rec == NONE ? NONE : in_column(col, rec);
}

/* ---- readings ------------------------------------------------------------ */

/* c's syllable numbers (into scd_chardata__syllables); *n of them. */
static const uint16_t *syllables_of(uint32_t c, size_t *n)
{
	size_t j = lookup(COL_READINGS, c), set;

	if (j == NONE) {
		*n = 0;
		return NULL;
	}
	set = scd_chardata__reading_set[j];
	*n = scd_chardata__set_start[set + 1] - scd_chardata__set_start[set];
	return scd_chardata__set_syllables + scd_chardata__set_start[set];
}

static const char *syllable(uint16_t id)
{
	return scd_chardata__strings + scd_chardata__syllables[id];
}

size_t scd_chardata_readings(uint32_t c, const char **out, size_t cap)
{
	size_t n, i;
	const uint16_t *s = syllables_of(c, &n);

	for (i = 0; i < n && i < cap; i++)
		out[i] = syllable(s[i]);
	return n;
}

static int is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'v';
}

/*
 * Syllable s with the near pairs merged, in buf: zh, ch, sh → z, c, s; an
 * initial n (before a vowel, so not the syllables n, ng) → l; final ing,
 * eng, ang → in, en, an (also iang, uang).  Syllables are at most six
 * letters ("zhuang"); anything longer is compared as it is.
 */
static const char *near_form(char buf[8], const char *s)
{
	size_t n = strlen(s), k = 0;

	if (n >= 8)
		return s;
	if ((s[0] == 'z' || s[0] == 'c' || s[0] == 's') && s[1] == 'h') {
		buf[k++] = s[0];
		s += 2;
	} else if (s[0] == 'n' && is_vowel(s[1])) {
		buf[k++] = 'l';
		s++;
	}
	while (*s)
		buf[k++] = *s++;
	if (k >= 3 && buf[k - 1] == 'g' && buf[k - 2] == 'n' &&
	    (buf[k - 3] == 'i' || buf[k - 3] == 'e' || buf[k - 3] == 'a'))
		k--;
	buf[k] = 0;
	return buf;
}

int scd_chardata_sound_alike(uint32_t a, uint32_t b)
{
	size_t na, nb, i, j;
	const uint16_t *sa = syllables_of(a, &na), *sb = syllables_of(b, &nb);
	char ba[8], bb[8];

	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++)
			if (sa[i] == sb[j])
				return 2;
	for (i = 0; i < na; i++) {
		const char *ka = near_form(ba, syllable(sa[i]));

		for (j = 0; j < nb; j++)
			if (!strcmp(ka, near_form(bb, syllable(sb[j]))))
				return 1;
	}
	return 0;
}

/* ---- variants ------------------------------------------------------------ */

/* c's variant links (code point | kinds << 21, by code point); *n of them. */
static const uint32_t *links_of(uint32_t c, size_t *n)
{
	size_t j = lookup(COL_VARIANTS, c);

	if (j == NONE) {
		*n = 0;
		return NULL;
	}
	*n = scd_chardata__var_start[j + 1] - scd_chardata__var_start[j];
	return scd_chardata__variants + scd_chardata__var_start[j];
}

size_t scd_chardata_variants(uint32_t c, unsigned int kinds, uint32_t *out,
			     size_t cap)
{
	size_t n, i, found = 0;
	const uint32_t *l = links_of(c, &n);

	for (i = 0; i < n; i++)
		if (LINK_KINDS(l[i]) & kinds) {
			if (found < cap)
				out[found] = LINK_CP(l[i]);
			found++;
		}
	return found;
}

/* Whether a has a link of one of `kinds` to b. */
static int links_to(uint32_t a, uint32_t b, unsigned int kinds)
{
	size_t n, i;
	const uint32_t *l = links_of(a, &n);

	for (i = 0; i < n; i++)
		if (LINK_CP(l[i]) == b)
			return (LINK_KINDS(l[i]) & kinds) != 0;
	return 0;
}

int scd_chardata_is_variant(uint32_t a, uint32_t b, unsigned int kinds)
{
	return a != b && (links_to(a, b, kinds) || links_to(b, a, kinds));
}

int scd_chardata_is_traditional(uint32_t c)
{
	size_t n, i;
	const uint32_t *l = links_of(c, &n);
	unsigned int kinds = 0;

	for (i = 0; i < n; i++)
		kinds |= LINK_KINDS(l[i]);
	/* links to c itself were dropped by the generator */
	return (kinds & SCD_VARIANT_SIMPLIFIED) && !(kinds & SCD_VARIANT_TRADITIONAL);
}

/* ---- shape and frequency ------------------------------------------------- */

int scd_chardata_info(scd_char_info *out, uint32_t c)
{
	static const scd_char_info none = { 0, 0, 0, 0, 0, 0, NULL, NULL, 0 };
	size_t rec = record_of(c), j;
	uint32_t shape;

	*out = none;
	if (rec == NONE)
		return scd_error__set(SCD_ENOTFOUND, "U+%04X: not in Unihan", (unsigned int)c);
	shape = scd_chardata__shapes[scd_chardata__shape_id[rec]];
	out->total_strokes = (uint8_t)shape;
	out->radical = (uint8_t)(shape >> 8);
	out->residual_strokes = (uint8_t)(shape >> 16);
	out->radical_simplified = (uint8_t)(shape >> 24);
	if ((j = in_column(COL_CANGJIE, rec)) != NONE)
		out->cangjie = scd_chardata__strings + scd_chardata__cangjie[j];
	if ((j = in_column(COL_FOUR_CORNER, rec)) != NONE)
		out->four_corner = scd_chardata__strings + scd_chardata__four_corner[j];
	if ((j = in_column(COL_PHONETIC, rec)) != NONE)
		out->phonetic = scd_chardata__phonetic[j];
	if ((j = in_column(COL_FREQUENCY, rec)) != NONE) {
		out->frequency = scd_chardata__frequency[j];
		out->pinlu = scd_chardata__pinlu[j];
	}
	return 0;
}

/* The score is computed by the generator (see chardata.h for the rule),
 * which spares the library libm. */
double scd_chardata_frequency(uint32_t c)
{
	size_t j = lookup(COL_FREQUENCY, c);

	return j == NONE ? 0 : scd_chardata__score[j] / 65535.0;
}
