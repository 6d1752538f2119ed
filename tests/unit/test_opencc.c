/*
 * text/opencc.c against libopencc itself: every configuration compiled in
 * converts the corpus, its traditional editions and random runs of
 * dictionary phrases exactly as OpenCC's converter does, and says where
 * each output character came from.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <opencc/opencc.h>
#include <unicode/utf8.h>

#include "scodiff/normalize.h"
#include "text/opencc.h"
#include "text/opencc_tables.h"
#include "util.h"

#ifndef SCD_OPENCC_DIR
#define SCD_OPENCC_DIR "/usr/share/opencc"
#endif

static const char *const corpus[] = {
	"astana-summit-2024.txt", "council-meeting-2025.txt",
	"sco-plus-meeting-2025.txt", "tianjin-declaration-2025.txt",
	"tianjin-eight-outcomes-2025.txt",
};

static uint32_t *decode(const char *s, size_t len, size_t *n)
{
	uint32_t *cp = malloc((len + 1) * sizeof(*cp));
	size_t i = 0;

	assert_non_null(cp);
	*n = 0;
	while (i < len) {
		UChar32 c;
		U8_NEXT(s, i, len, c);
		assert_true(c >= 0);
		cp[(*n)++] = (uint32_t)c;
	}
	return cp;
}

static char *encode(const uint32_t *cp, size_t n, size_t *len)
{
	char *s = malloc(4 * n + 1);
	size_t i, k = 0;

	assert_non_null(s);
	for (i = 0; i < n; i++) {
		UBool err = 0;
		U8_APPEND(s, k, 4 * n, (UChar32)cp[i], err);
		assert_false(err);
	}
	s[k] = '\0';
	*len = k;
	return s;
}

static opencc_t open_config(const char *name)
{
	char path[512];
	opencc_t od;

	snprintf(path, sizeof(path), "%s/%s.json", SCD_OPENCC_DIR, name);
	od = opencc_open(path);
	if (od == (opencc_t)-1)
		fail_msg("opencc_open(%s): %s", path, opencc_error());
	return od;
}

/* Convert text with both; fail at the first difference, quoting it. */
static void same_as_opencc(opencc_t od, const scd_opencc__config *cfg,
			   const char *what, const char *text, size_t len)
{
	size_t n, m, i;
	uint32_t *in = decode(text, len, &n);
	scd_opencc__text out = { 0 };
	char *ours, *theirs = opencc_convert_utf8(od, text, len);

	assert_non_null(theirs);
	assert_int_equal(scd_opencc__convert(&out, cfg, in, n, 0), 0);
	ours = encode(out.cp, out.len, &m);
	if (strcmp(ours, theirs)) {
		size_t k = 0;
		while (ours[k] && ours[k] == theirs[k])
			k++;
		while (k > 0 && ((unsigned char)ours[k] & 0xC0) == 0x80)
			k--;
		fail_msg("%s, %s: differs from OpenCC at byte %zu: ours '%.30s', OpenCC '%.30s'",
			 cfg->name, what, k, ours + k, theirs + k);
	}
	/* origins: non-decreasing, inside the input, every input character
	 * behind some output character unless a step dropped it */
	for (i = 0; i < out.len; i++) {
		assert_true(out.beg[i] < out.end[i]);
		assert_true(out.end[i] <= n);
		if (i) {
			assert_true(out.beg[i] >= out.beg[i - 1]);
			assert_true(out.end[i] >= out.end[i - 1]);
		}
	}
	opencc_convert_utf8_free(theirs);
	scd_opencc__text_clear(&out);
	free(ours);
	free(in);
}

/* A random key of dictionary d (a walk from the root to a key). */
static size_t random_key(const scd_opencc__dict *d, uint32_t *out, size_t cap)
{
	uint32_t node = 0;
	size_t n = 0;

	for (;;) {
		uint32_t nk = d->first[node + 1] - d->first[node];
		if (d->value[node] && n && (nk == 0 || util_rng_below(3) == 0))
			return n;
		if (nk == 0 || n == cap)
			return n;
		uint32_t e = d->first[node] + util_rng_below(nk);
		out[n++] = d->cp[e];
		node = d->child[e];
	}
}

static void test_corpus_and_editions(void **state)
{
	size_t c, f;

	(void)state;
	for (c = 0; c < scd_opencc__nconfigs; c++) {
		const scd_opencc__config *cfg = &scd_opencc__configs[c];
		opencc_t od, tw, hk;

		if (scd_opencc__is_fold(cfg))
			continue; /* scodiff's own: test_regional_fold */
		od = open_config(cfg->name);
		tw = open_config("s2twp");
		hk = open_config("s2hk");

		for (f = 0; f < sizeof(corpus) / sizeof(corpus[0]); f++) {
			char path[512], *text, *e;
			size_t len;

			snprintf(path, sizeof(path), "%s/%s", SCD_CORPORA, corpus[f]);
			text = util_slurp(path, &len);
			same_as_opencc(od, cfg, corpus[f], text, len);
			e = opencc_convert_utf8(tw, text, len);
			same_as_opencc(od, cfg, "its s2twp edition", e, strlen(e));
			opencc_convert_utf8_free(e);
			e = opencc_convert_utf8(hk, text, len);
			same_as_opencc(od, cfg, "its s2hk edition", e, strlen(e));
			opencc_convert_utf8_free(e);
			free(text);
		}
		opencc_close(od);
		opencc_close(tw);
		opencc_close(hk);
	}
}

/* Texts that once went wrong: a later step matching what the first
 * changed (tw2s: 藉著), candidates that hold their key (實模式 → 真實模式),
 * phrases that meet (网卡塔尔). */
static void test_known_cases(void **state)
{
	static const char *const texts[] = {
		"藉著", "憑藉著他", "CPU运行在实模式下", "尼日爾與塔吉克", "网卡塔尔",
		"用户的文件和默认参数", "真實模式", "乾隆年間的乾燥天氣",
	};
	size_t c, i;

	(void)state;
	for (c = 0; c < scd_opencc__nconfigs; c++) {
		const scd_opencc__config *cfg = &scd_opencc__configs[c];
		opencc_t od;
		if (scd_opencc__is_fold(cfg))
			continue;
		od = open_config(cfg->name);
		for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
			same_as_opencc(od, cfg, texts[i], texts[i], strlen(texts[i]));
		opencc_close(od);
	}
}

/* Runs of keys of the configuration's own dictionaries, so that phrases
 * overlap and segments meet in every way. */
static void random_phrases(int round)
{
	const scd_opencc__config *cfg = &scd_opencc__configs[(size_t)round % scd_opencc__nconfigs];
	uint32_t text[4096];
	size_t n = 0, m, ndicts = 0;
	int16_t used[32];
	const int16_t *g;
	opencc_t od;
	char *s;

	if (scd_opencc__is_fold(cfg))
		return;
	od = open_config(cfg->name);

	for (g = cfg->spec; *g != -2; g++)
		if (*g >= 0)
			used[ndicts++] = *g;
	while (n < 3000) {
		const scd_opencc__dict *d = &scd_opencc__dicts[used[util_rng_below((uint32_t)ndicts)]];
		size_t k = random_key(d, text + n, 64);
		if (util_rng_below(4) == 0 && k > 1)
			k--; /* a key cut short */
		n += k;
		if (util_rng_below(8) == 0)
			text[n++] = util_rng_below(2) ? 0x3002 : 'a';
	}
	s = encode(text, n, &m);
	same_as_opencc(od, cfg, "random phrases", s, m);
	free(s);
	opencc_close(od);
}

/* The key of a text and of its Taiwan and Hong Kong editions made by
 * OpenCC (s2twp, s2hk, and s2t alone): one key, so a comparison sees
 * nothing but variants, while the key of the text alone is its own. */
static void test_regional_fold(void **state)
{
	static const char *const editions[] = { "s2twp", "s2hk", "s2t", "s2tw" };
	size_t f, e;

	(void)state;
	for (f = 0; f < sizeof(corpus) / sizeof(corpus[0]); f++) {
		char path[512], *text;
		size_t len;
		scd_key *k;

		snprintf(path, sizeof(path), "%s/%s", SCD_CORPORA, corpus[f]);
		text = util_slurp(path, &len);
		assert_int_equal(scd_normalize(&k, text, len, NULL), 0);
		for (e = 0; e < sizeof(editions) / sizeof(editions[0]); e++) {
			opencc_t od = open_config(editions[e]);
			char *ed = opencc_convert_utf8(od, text, len);
			size_t i, n;
			scd_key *ke;

			assert_int_equal(scd_normalize(&ke, ed, strlen(ed), NULL), 0);
			n = scd_key_len(k) < scd_key_len(ke) ? scd_key_len(k) : scd_key_len(ke);
			for (i = 0; i < n && scd_key_values(k)[i] == scd_key_values(ke)[i]; i++)
				;
			if (i < scd_key_len(k) || i < scd_key_len(ke))
				fail_msg("%s, %s edition: keys differ at key character %zu "
					 "(text byte %u: U+%04X, edition byte %u: U+%04X)",
					 corpus[f], editions[e], i,
					 i < scd_key_len(k) ? scd_key_begins(k)[i] : 0,
					 i < scd_key_len(k) ? scd_key_values(k)[i] : 0,
					 i < scd_key_len(ke) ? scd_key_begins(ke)[i] : 0,
					 i < scd_key_len(ke) ? scd_key_values(ke)[i] : 0);
			scd_key_free(ke);
			opencc_convert_utf8_free(ed);
			opencc_close(od);
		}
		scd_key_free(k);
		free(text);
	}
}

static void test_find(void **state)
{
	(void)state;
	assert_non_null(scd_opencc__find("s2twp"));
	assert_non_null(scd_opencc__find("t2s"));
	assert_null(scd_opencc__find("s2xx"));
	assert_null(scd_opencc__find(NULL));
	{
		char names[256];
		scd_opencc__names(names, sizeof(names));
		assert_non_null(strstr(names, "s2twp"));
		assert_null(strstr(names, "regional"));
	}
}

static void test_origins(void **state)
{
	/* 用户 → 使用者: three characters from two, each from both;
	 * 文件 → 檔案: one from one */
	const scd_opencc__config *cfg = scd_opencc__find("s2twp");
	const uint32_t in[] = { 0x7528, 0x6237, 0x7684, 0x6587, 0x4EF6 }; /* 用户的文件 */
	scd_opencc__text out = { 0 };

	(void)state;
	assert_int_equal(scd_opencc__convert(&out, cfg, in, 5, 0), 0);
	assert_int_equal(out.len, 6);
	assert_int_equal(out.cp[0], 0x4F7F); /* 使 */
	assert_int_equal(out.beg[0], 0);
	assert_int_equal(out.end[2], 2);
	assert_int_equal(out.beg[2], 0);
	assert_int_equal(out.cp[4], 0x6A94); /* 檔 */
	assert_int_equal(out.beg[4], 3);
	assert_int_equal(out.end[4], 4);
	assert_int_equal(out.beg[5], 4);
	scd_opencc__text_clear(&out);
}

static void test_simplified(void **state)
{
	(void)state;
	assert_int_equal(scd_opencc__simplified(0x5F37), 0x5F3A); /* 強 → 强 */
	assert_int_equal(scd_opencc__simplified(0x6A94), 0x6863); /* 檔 → 档 */
	assert_int_equal(scd_opencc__simplified(0x70BA), 0x4E3A); /* 為 → 为 (TWVariantsRev) */
	assert_int_equal(scd_opencc__simplified(0x4E2D), 0x4E2D); /* 中 */
	assert_int_equal(scd_opencc__simplified('A'), 'A');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_origins),
		cmocka_unit_test(test_simplified),
		cmocka_unit_test(test_known_cases),
		cmocka_unit_test(test_corpus_and_editions),
		cmocka_unit_test(test_regional_fold),
		UTIL_PROPERTY_TEST(random_phrases, 0x0cc, 120),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
