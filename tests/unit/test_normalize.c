/*
 * Unit tests of normalize.c: what the comparison key sees through (layout,
 * compatibility forms, punctuation classes, variant forms), what it keeps
 * (spaces between Latin words), and the span of text behind every key
 * character.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "scodiff.h"
#include "util.h"

static const char *const corpus_files[] = {
	"astana-summit-2024.txt", "council-meeting-2025.txt",
	"sco-plus-meeting-2025.txt", "tianjin-declaration-2025.txt",
	"tianjin-eight-outcomes-2025.txt"
};
#define NCORPUS (sizeof(corpus_files) / sizeof(corpus_files[0]))

/* ---- helpers ------------------------------------------------------------ */

static char *slurp(const char *name, size_t *len)
{
	char path[512];
	char *buf;

	snprintf(path, sizeof(path), "%s/%s", SCD_CORPORA, name);
	buf = util_slurp(path, len);
	assert_true(*len > 0);
	return buf;
}

static scd_key *key_with(const char *s, unsigned int fold)
{
	scd_normalize_options opts = SCD_NORMALIZE_OPTIONS_INIT;
	scd_key *k = NULL;

	opts.fold = fold;
	assert_int_equal(scd_normalize(&k, s, strlen(s), &opts), 0);
	assert_non_null(k);
	return k;
}

static scd_key *key_of(const char *s)
{
	return key_with(s, SCD_FOLD_DEFAULT);
}

static scd_key *key_of_len(const char *s, size_t len)
{
	scd_key *k = NULL;

	assert_int_equal(scd_normalize(&k, s, len, NULL), 0);
	assert_non_null(k);
	return k;
}

/* Text t[from..to) is layout only: whitespace and default ignorables. */
static void assert_layout_only(const char *t, uint32_t from, uint32_t to)
{
	int32_t i = (int32_t)from;

	while (i < (int32_t)to) {
		UChar32 c;
		U8_NEXT(t, i, (int32_t)to, c);
		if (!(u_isUWhiteSpace(c) || c == 0x85 ||
		      u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)))
			print_error("U+%04X at %d left out of the key\n", (unsigned)c, i);
		assert_true(u_isUWhiteSpace(c) || c == 0x85 ||
			    u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT));
	}
}

static void print_key(const char *label, const char *s, const scd_key *k)
{
	size_t i;

	print_message("%s [%s]:", label, s);
	for (i = 0; i < scd_key_len(k); i++)
		print_message(" U+%04X", (unsigned)scd_key_values(k)[i]);
	print_message("\n");
}

static int keys_equal(const scd_key *x, const scd_key *y)
{
	return scd_key_len(x) == scd_key_len(y) &&
	       (scd_key_len(x) == 0 ||
		!memcmp(scd_key_values(x), scd_key_values(y),
			scd_key_len(x) * sizeof(uint32_t)));
}

/* The keys of s and t (default folds) are equal, or not. */
static void same_key(const char *s, const char *t, int want)
{
	scd_key *x = key_of(s), *y = key_of(t);
	int eq = keys_equal(x, y);

	if (eq != want) {
		print_key("a", s, x);
		print_key("b", t, y);
	}
	assert_int_equal(eq, want);
	scd_key_free(x);
	scd_key_free(y);
}

/* The key of s is exactly the code points want[0..n). */
static void key_is(const char *s, const uint32_t *want, size_t n)
{
	scd_key *k = key_of(s);

	if (scd_key_len(k) != n ||
	    (n && memcmp(scd_key_values(k), want, n * sizeof(*want))))
		print_key("key", s, k);
	assert_int_equal(scd_key_len(k), n);
	if (n)
		assert_memory_equal(scd_key_values(k), want, n * sizeof(*want));
	scd_key_free(k);
}

/* Where a text offset falls in the key: "上 海 合作" has key 上海合作
 * with spans at 0, 4, 8, 11 (bytes). */
static void key_index(void **state)
{
	static const char t[] = "上 海 合作";
	scd_key *k = NULL;

	(void)state;
	assert_int_equal(scd_normalize(&k, t, strlen(t), NULL), 0);
	assert_int_equal(scd_key_len(k), 4);
	assert_int_equal(scd_key_index(k, 0), 0);
	assert_int_equal(scd_key_index(k, 3), 1);  /* the space before 海 */
	assert_int_equal(scd_key_index(k, 4), 1);
	assert_int_equal(scd_key_index(k, 11), 3);
	assert_int_equal(scd_key_index(k, 14), 4); /* the end: none begins */
	scd_key_free(k);
}

/*
 * Spans are valid and ordered: every span is a non-empty run of whole
 * characters inside the text, begins and ends never decrease, and two key
 * characters either have disjoint spans in order or share one span (an
 * NFKC expansion).
 */
static void check_spans(const char *t, size_t len, const scd_key *k)
{
	const uint32_t *b = scd_key_begins(k), *e = scd_key_ends(k);
	size_t i;

	for (i = 0; i < scd_key_len(k); i++) {
		assert_true(b[i] < e[i]);
		assert_true(e[i] <= len);
		assert_true(((unsigned char)t[b[i]] & 0xC0) != 0x80);
		assert_true(e[i] == len || ((unsigned char)t[e[i]] & 0xC0) != 0x80);
		if (i > 0) {
			assert_true(b[i] >= b[i - 1]);
			assert_true(e[i] >= e[i - 1]);
			assert_true(b[i] >= e[i - 1] ||
				    (b[i] == b[i - 1] && e[i] == e[i - 1]));
		}
	}
}

/* Two texts whose keys (default folds) are equal, or not. */
static const struct {
	const char *a, *b;
	int equal;
} key_pairs[] = {
	/* spaced headings */
	{ "上 海 合 作", "上海合作", 1 },
	{ "上 海 合 作 组 织", "上海合作组织", 1 },
	{ "上\u3000海", "上海", 1 }, /* ideographic space */

	/* line breaks between CJK characters */
	{ "上海\n合作", "上海合作", 1 },
	{ "上海\r\n合作", "上海合作", 1 },
	{ "上海\r合作", "上海合作", 1 },
	{ "上海合作\n\n", "上海合作", 1 },
	{ "  \n上海合作", "上海合作", 1 },

	/* a space between Latin words is kept (one, however wide) */
	{ "New York", "NewYork", 0 },
	{ "New  \n York", "New York", 1 },
	{ "New\tYork", "New York", 1 },
	{ "SCO 2025", "SCO2025", 0 },
	/* a space between a Latin word and a CJK character is layout */
	{ "SCO 峰会", "SCO峰会", 1 },

	/* dates and numbers */
	{ "2025 年 9 月", "2025年9月", 1 },
	{ "2025年\n9月1日", "2025年9月1日", 1 },

	/* default ignorables */
	{ "上\u200B海", "上海", 1 },  /* zero width space */
	{ "上\u00AD海", "上海", 1 },  /* soft hyphen */
	{ "\uFEFF上海", "上海", 1 },  /* BOM */

	/* full-width punctuation */
	{ "，（）：", ",():", 1 },
	{ "合作，共赢（天津）：", "合作,共赢(天津):", 1 },

	/* a dash run broken by a line break (or a space) is still one dash
	 * run: line breaks are layout, which the key sees through */
	{ "天津—\n—上海", "天津——上海", 1 },
	{ "天津— —上海", "天津——上海", 1 },

	/* NFKC forms */
	{ "①", "1", 1 },
	{ "ＡＢＣ", "ABC", 1 },
	{ "２０２５年", "2025年", 1 },
	{ "①", "2", 0 },

	/* canonically equivalent spellings have one key: NFKC composes a
	 * base letter and a combining accent */
	{ "cafe\u0301", "caf\u00E9", 1 },
	{ "Xi\u0301 Ji\u0300nping", "X\u00ED J\u00ECnping", 1 },

	/* variants */
	{ "強", "强", 1 },
	{ "國際組織", "国际组织", 1 },
	{ "三", "五", 0 },
};

static void same_keys(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < UTIL_LEN(key_pairs); i++)
		same_key(key_pairs[i].a, key_pairs[i].b, key_pairs[i].equal);
}

/* Texts whose key is exactly the code points want[0..n). */
static const struct {
	const char *s;
	uint32_t want[8];
	size_t n;
} exact_key_cases[] = {
	/* the space between Latin words is kept */
	{ "New York", { 'N', 'e', 'w', ' ', 'Y', 'o', 'r', 'k' }, 8 },
	/* full-width punctuation folds to ASCII */
	{ "，（）：", { ',', '(', ')', ':' }, 4 },
};

static void exact_keys(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < UTIL_LEN(exact_key_cases); i++)
		key_is(exact_key_cases[i].s, exact_key_cases[i].want,
		       exact_key_cases[i].n);
}

/* ---- layout --------------------------------------------------------------- */

/* ---- compatibility forms and punctuation ------------------------------------ */

/* Every dash run is one and the same key character. */
static void dash_runs(void **state)
{
	static const char *const dashes[] = { "－", "—", "——", "———", "-", "–" };
	scd_key *first = key_of(dashes[0]);
	size_t i;

	(void)state;
	assert_int_equal(scd_key_len(first), 1);
	for (i = 0; i < sizeof(dashes) / sizeof(dashes[0]); i++) {
		char s[64], t[64];
		scd_key *k = key_of(dashes[i]);

		if (!keys_equal(k, first))
			print_key("dash", dashes[i], k);
		assert_true(keys_equal(k, first));
		/* its span is the whole run */
		assert_int_equal(scd_key_begins(k)[0], 0);
		assert_int_equal(scd_key_ends(k)[0], strlen(dashes[i]));
		scd_key_free(k);
		snprintf(s, sizeof(s), "天津%s上海", dashes[i]);
		snprintf(t, sizeof(t), "天津%s上海", dashes[0]);
		same_key(s, t, 1);
	}
	scd_key_free(first);
}

/* The keys of s and t with the folds `fold` differ. */
static void keys_differ_with(const char *s, const char *t, unsigned int fold)
{
	scd_key *x = key_with(s, fold), *y = key_with(t, fold);

	assert_false(keys_equal(x, y));
	scd_key_free(x);
	scd_key_free(y);
}

static void punct_fold_off(void **state)
{
	(void)state;
	keys_differ_with("－", "—", 0);
}

/* ---- variants -------------------------------------------------------------- */

static void traditional_to_simplified(void **state)
{
	(void)state;
	/* without the variant fold the forms differ */
	keys_differ_with("強", "强", SCD_FOLD_PUNCT);
	assert_int_equal(scd_normalize_simplified(0x5F37), 0x5F3A); /* 強 → 强 */
	assert_int_equal(scd_normalize_simplified(0x4E2D), 0x4E2D); /* 中 */
	assert_int_equal(scd_normalize_simplified('A'), 'A');
}

/* scd_normalize_char of `c` gives `n` key characters, the first `first`
 * (when n is 1). */
static const struct {
	uint32_t c;
	int n;
	uint32_t first;
} char_cases[] = {
	{ 0xFF0D, 1, '-' },
	{ 0x2014, 1, '-' },
	{ 0x5F37, 1, 0x5F3A },
	{ ' ', 0, 0 },
	{ '\n', 0, 0 },
	{ 0x200B, 0, 0 },
	{ 0x337B, 2, 0 },
};

static void single_characters(void **state)
{
	uint32_t out[8];
	size_t i;

	(void)state;
	for (i = 0; i < UTIL_LEN(char_cases); i++) {
		assert_int_equal(scd_normalize_char(out, 8, char_cases[i].c,
						    SCD_FOLD_DEFAULT),
				 char_cases[i].n);
		if (char_cases[i].n == 1)
			assert_int_equal(out[0], char_cases[i].first);
	}
	assert_true(scd_normalize_is_punct(0xFF0C));
	assert_true(scd_normalize_is_punct(0x2014));
	assert_false(scd_normalize_is_punct(0x4E2D));
	assert_false(scd_normalize_is_punct('a'));
}

/* ---- spans ------------------------------------------------------------------ */

static void spans_small(void **state)
{
	static const char s[] = "上 海，New  York\n——①㍻強";
	scd_key *k = key_of(s);
	const uint32_t *b = scd_key_begins(k), *e = scd_key_ends(k);

	(void)state;
	check_spans(s, sizeof(s) - 1, k);
	/* 上 海 ， N e w ␠ Y o r k - 1 平 成 强 */
	assert_int_equal(scd_key_len(k), 16);
	assert_int_equal(b[1], 4);  /* 海 after "上 " */
	assert_int_equal(e[1], 7);
	assert_int_equal(b[6], 13); /* the space run between the words */
	assert_int_equal(e[6], 15);
	assert_int_equal(b[11], 20); /* —— is one span */
	assert_int_equal(e[11], 26);
	assert_int_equal(b[13], b[14]); /* ㍻ → 平成 share one span */
	assert_int_equal(e[13], e[14]);
	assert_int_equal(e[15], sizeof(s) - 1);
	scd_key_free(k);
}

static void spans_corpus(void **state)
{
	size_t f;

	(void)state;
	for (f = 0; f < NCORPUS; f++) {
		size_t len, i;
		char *t = slurp(corpus_files[f], &len);
		scd_key *k = key_of_len(t, len);

		assert_true(scd_key_len(k) > 1000);
		check_spans(t, len, k);
		/* no key character is whitespace but the one space between
		 * two words, and the text outside every span is layout */
		for (i = 0; i < scd_key_len(k); i++) {
			uint32_t v = scd_key_values(k)[i];
			assert_true(v == ' ' || !u_isUWhiteSpace((UChar32)v));
			assert_layout_only(t, i ? scd_key_ends(k)[i - 1] : 0,
					   scd_key_begins(k)[i]);
		}
		assert_layout_only(t, scd_key_ends(k)[scd_key_len(k) - 1],
				   (uint32_t)len);
		scd_key_free(k);
		free(t);
	}
}

/* Two runs over a corpus file give the same key and spans, and the key of
 * the file does not depend on how its lines are broken. */
static void deterministic(void **state)
{
	size_t f;

	(void)state;
	for (f = 0; f < NCORPUS; f++) {
		size_t len, n, i, j = 0;
		char *t = slurp(corpus_files[f], &len);
		char *crlf = malloc(2 * len);
		scd_key *x = key_of_len(t, len), *y = key_of_len(t, len), *z;

		n = scd_key_len(x);
		assert_int_equal(scd_key_len(y), n);
		assert_memory_equal(scd_key_values(x), scd_key_values(y), n * 4);
		assert_memory_equal(scd_key_begins(x), scd_key_begins(y), n * 4);
		assert_memory_equal(scd_key_ends(x), scd_key_ends(y), n * 4);
		for (i = 0; i < len; i++) {
			if (t[i] == '\n')
				crlf[j++] = '\r';
			crlf[j++] = t[i];
		}
		z = key_of_len(crlf, j);
		assert_true(keys_equal(x, z));
		scd_key_free(x);
		scd_key_free(y);
		scd_key_free(z);
		free(crlf);
		free(t);
	}
}

static void empty_text(void **state)
{
	scd_key *k = NULL;

	(void)state;
	assert_int_equal(scd_normalize(&k, "", 0, NULL), 0);
	assert_non_null(k);
	assert_int_equal(scd_key_len(k), 0);
	scd_key_free(k);
	k = key_of(" \n\t\u3000\r\n");
	assert_int_equal(scd_key_len(k), 0);
	scd_key_free(k);
	scd_key_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(key_index),
		cmocka_unit_test(same_keys),
		cmocka_unit_test(exact_keys),
		cmocka_unit_test(dash_runs),
		cmocka_unit_test(punct_fold_off),
		cmocka_unit_test(traditional_to_simplified),
		cmocka_unit_test(single_characters),
		cmocka_unit_test(spans_small),
		cmocka_unit_test(spans_corpus),
		cmocka_unit_test(deterministic),
		cmocka_unit_test(empty_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
