/*
 * The normaliser and its offset map (normalize.h) on arbitrary text.
 *
 * Input: one byte of fold flags, then text (ill-formed UTF-8 replaced,
 * fuzz_utf8()).  Properties:
 *  - every key character's span lies inside the text, begins and ends on
 *    a character boundary, is not empty, and spans never decrease;
 *  - scd_key_index() finds the first key character at or after an offset;
 *  - normalising is deterministic, and idempotent: the key of the key
 *    (written out as UTF-8) is the key itself.  Idempotence is asked of
 *    text whose combining sequences are whole (plain_text()): at most 30
 *    combining marks in a row (UAX #15 section 13, stream-safe text:
 *    normalize.c cuts longer runs into segments, each put in canonical
 *    order), and no mark, or conjoining jamo, right after layout the key
 *    drops (whitespace, default ignorables, or the space that begins the
 *    NFKC form of a spacing accent such as U+0385): in the key it would
 *    meet the character before the layout and compose with it.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf8.h>

#include <scodiff.h>
#include "fuzz_util.h"

static void check_spans(const scd_key *key, const char *text, size_t len)
{
	size_t n = scd_key_len(key), i;
	const uint32_t *beg = scd_key_begins(key), *end = scd_key_ends(key);
	const uint32_t *val = scd_key_values(key);

	for (i = 0; i < n; i++) {
		FUZZ_CHECK(beg[i] < end[i] && end[i] <= len);
		FUZZ_CHECK(fuzz_on_boundary(text, len, beg[i]));
		FUZZ_CHECK(fuzz_on_boundary(text, len, end[i]));
		FUZZ_CHECK(val[i] <= 0x10FFFF && !(val[i] >= 0xD800 && val[i] < 0xE000));
		if (i > 0)
			FUZZ_CHECK(beg[i] >= beg[i - 1] && end[i] >= end[i - 1]);
		/* the first of the characters sharing this span */
		{
			size_t k = scd_key_index(key, beg[i]);
			FUZZ_CHECK(k <= i && beg[k] == beg[i]);
			FUZZ_CHECK(k == 0 || beg[k - 1] < beg[i]);
		}
	}
	FUZZ_CHECK(scd_key_index(key, (uint32_t)len + 1) == n);
}

static void check_same(const scd_key *x, const scd_key *y, int spans)
{
	size_t n = scd_key_len(x);

	FUZZ_CHECK(scd_key_len(y) == n);
	FUZZ_CHECK(!n || !memcmp(scd_key_values(x), scd_key_values(y), n * 4));
	if (spans) {
		FUZZ_CHECK(!n || !memcmp(scd_key_begins(x), scd_key_begins(y), n * 4));
		FUZZ_CHECK(!n || !memcmp(scd_key_ends(x), scd_key_ends(y), n * 4));
	}
}

/* Combining sequences whole: see the top of the file. */
static int plain_text(const char *t, size_t len)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *n2 = unorm2_getNFKCInstance(&st);
	size_t i = 0, run = 0;
	int after_layout = 0;

	FUZZ_CHECK(U_SUCCESS(st));
	while (i < len) {
		UChar32 c;
		int joins;
		U8_NEXT_UNSAFE(t, i, c);
		joins = !unorm2_hasBoundaryBefore(n2, c);
		run = u_getCombiningClass(c) ? run + 1 : 0;
		if (run > 30 || (joins && after_layout))
			return 0;
		{
			/* a spacing accent: a space, then marks, in NFKC */
			UChar d[8];
			UErrorCode st2 = U_ZERO_ERROR;
			int32_t dl = unorm2_getDecomposition(n2, c, d, 8, &st2);
			if (U_SUCCESS(st2) && dl > 1 && u_isUWhiteSpace(d[0]))
				return 0;
		}
		after_layout = u_isUWhiteSpace(c) || c == 0x85 ||
			       u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	scd_normalize_options opts = SCD_NORMALIZE_OPTIONS_INIT;
	scd_key *key = NULL, *again = NULL, *twice = NULL;
	char *text, *ktext;
	size_t len, klen = 0, i;

	if (size == 0)
		return 0;
	opts.fold = data[0] & SCD_FOLD_DEFAULT;
	text = fuzz_utf8(data + 1, size - 1, &len);
	FUZZ_CHECK(scd_normalize(&key, text, len, &opts) == 0);
	check_spans(key, text, len);

	FUZZ_CHECK(scd_normalize(&again, text, len, &opts) == 0);
	check_same(key, again, 1);

	/* the key as text, normalised again */
	ktext = malloc(4 * scd_key_len(key) + 1);
	FUZZ_CHECK(ktext != NULL);
	for (i = 0; i < scd_key_len(key); i++)
		U8_APPEND_UNSAFE(ktext, klen, scd_key_values(key)[i]);
	FUZZ_CHECK(scd_normalize(&twice, ktext, klen, &opts) == 0);
	check_spans(twice, ktext, klen);
	if (plain_text(text, len))
		check_same(key, twice, 0);

	scd_key_free(key);
	scd_key_free(again);
	scd_key_free(twice);
	free(ktext);
	free(text);
	return 0;
}
