/*
 * Checking texts without a second rendering (check.h).
 *
 * 1. Normalise every input; count character pairs over all of them
 *    (evidence.c) and collect their vocabulary of Han characters, indexed
 *    by toneless reading (Unihan, chardata.c).
 * 2. Decide whether each text is simplified: a text with more than a few
 *    simplified-only forms is, and any traditional form in it is flagged
 *    as a variant.
 * 3. For every Han character X outside any dictionary word (ICU's
 *    segmentation of a window of seven characters around it), try the
 *    characters Y that read like it and occur in the texts, that look like
 *    it (lookalike.c), or are its variants; flag the best Y that makes a
 *    dictionary word there and that the evidence favours by a margin.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/uset.h>
#include <unicode/utf8.h>

#include "scodiff/check.h"
#include "scodiff/chardata.h"
#include "scodiff/evidence.h"
#include "scodiff/lookalike.h"
#include "scodiff/normalize.h"
#include "util/array.h"
#include "util/error.h"

/* Least evidence margin (evidence.h scores) for a slip: a dictionary word
 * is worth 2, a pair seen once more log(2) ≈ 0.7. */
#define MIN_MARGIN 1.5
/* A text is simplified when simplified-only forms outnumber traditional
 * ones this many times. */
#define SIMPLIFIED_RATIO 4
/* Characters at least this common (Unihan frequency score, chardata.h:
 * 的 1.0, kFrequency 1 about 0.77) stand alone as words all the time
 * (的, 于, 以, 及); standing alone says nothing about them, so they are
 * not suspected.  Measured on corpora/: without it, 8 of the 18 flags
 * were such characters, all false. */
#define COMMON 0.6
/* Least glyph similarity for a shape candidate (as classify.c: above the
 * 99.9th percentile of random pairs, data/README.md). */
#define MIN_SHAPE 0.65

typedef struct {
	const char *syllable; /* static, from chardata */
	uint32_t c;
} vocab_entry;

typedef struct {
	scd_key **keys;
	size_t nkeys;
	scd_evidence *ev;
	vocab_entry *vocab;   /* sorted by syllable */
	size_t nvocab, vcap;
	scd_check *out;
	size_t fcap;
	const scd_check_options *o;
	USet *gb2312;         /* the characters of GB2312, simplified's set */
} checker;

static int is_han(uint32_t c)
{
	return u_hasBinaryProperty((UChar32)c, UCHAR_IDEOGRAPHIC) != 0;
}

static int cmp_vocab(const void *x, const void *y)
{
	const vocab_entry *p = x, *q = y;
	int r = strcmp(p->syllable, q->syllable);
	return r ? r : (p->c > q->c) - (p->c < q->c);
}

/* The distinct Han characters of all texts, once per reading. */
static int build_vocab(checker *k)
{
	uint8_t *seen = calloc(0x110000 / 8, 1);
	size_t d, i, w;
	int error = 0;

	if (!seen)
		return scd_error__nomem();
	for (d = 0; d < k->nkeys && !error; d++) {
		const uint32_t *v = scd_key_values(k->keys[d]);
		size_t n = scd_key_len(k->keys[d]);
		for (i = 0; i < n && !error; i++) {
			const char *r[16];
			size_t nr, j;
			uint32_t c = v[i];
			if (c >= 0x110000 || (seen[c >> 3] >> (c & 7)) & 1 || !is_han(c))
				continue;
			seen[c >> 3] |= (uint8_t)(1u << (c & 7));
			nr = scd_chardata_readings(c, r, 16);
			for (j = 0; j < nr && j < 16 && !error; j++) {
				if ((error = scd_array_grow(k->vocab, k->nvocab, k->vcap)) < 0)
					break;
				k->vocab[k->nvocab].syllable = r[j];
				k->vocab[k->nvocab].c = c;
				k->nvocab++;
			}
		}
	}
	free(seen);
	if (error < 0)
		return error;
	if (k->nvocab)
		qsort(k->vocab, k->nvocab, sizeof(*k->vocab), cmp_vocab);
	/* drop duplicates */
	for (i = w = 0; i < k->nvocab; i++)
		if (!w || cmp_vocab(&k->vocab[w - 1], &k->vocab[i]))
			k->vocab[w++] = k->vocab[i];
	k->nvocab = w;
	return 0;
}

/* Characters of the vocabulary with reading `syllable`: [*from, *to). */
static void vocab_range(const checker *k, const char *syllable, size_t *from,
			size_t *to)
{
	size_t lo = 0, hi = k->nvocab;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(k->vocab[mid].syllable, syllable) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*from = lo;
	while (lo < k->nvocab && !strcmp(k->vocab[lo].syllable, syllable))
		lo++;
	*to = lo;
}

static int add_flag(checker *k, size_t input, uint32_t beg, uint32_t end,
		    scd_kind kind, const char *reason, double confidence,
		    uint32_t suggest)
{
	scd_flag *f;
	int32_t n = 0;
	UBool err = 0;
	int error;

	if (confidence < k->o->min_confidence)
		return 0;
	if ((error = scd_array_grow(k->out->flags, k->out->nflags, k->fcap)) < 0)
		return error;
	f = &k->out->flags[k->out->nflags++];
	memset(f, 0, sizeof(*f));
	f->input = input;
	f->span.beg = beg;
	f->span.end = end;
	f->kind = kind;
	f->reason = reason;
	f->confidence = confidence;
	U8_APPEND((uint8_t *)f->suggest, n, (int32_t)sizeof(f->suggest) - 1, (UChar32)suggest, err);
	f->suggest[err ? 0 : n] = '\0';
	return 0;
}

/* The code point a key character was written with (its span's first). */
static uint32_t written(const char *text, uint32_t beg)
{
	int32_t k = 0;
	UChar32 c;

	U8_NEXT_UNSAFE((const uint8_t *)text + beg, k, c);
	return (uint32_t)c;
}

/* Is the text simplified?  Count simplified-only and traditional forms. */
static int simplified_text(const char *text, const scd_key *key)
{
	const uint32_t *b = scd_key_begins(key);
	size_t n = scd_key_len(key), i, trad = 0, simp = 0;

	for (i = 0; i < n; i++) {
		uint32_t c = written(text, b[i]);
		uint32_t t;
		if (c < 0x3400)
			continue;
		if (scd_chardata_is_traditional(c))
			trad++;
		else if (scd_chardata_variants(c, SCD_VARIANT_TRADITIONAL, &t, 1) && t != c)
			simp++;
	}
	return simp > SIMPLIFIED_RATIO * trad;
}

/* Evidence margin of Y over X at position i of key v[0..n). */
typedef struct {
	uint32_t before[3], after[3];
	size_t nb, na;
} context;

static void context_at(context *cx, const uint32_t *v, size_t n, size_t i)
{
	size_t j;

	cx->nb = cx->na = 0;
	for (j = 1; j <= 3 && j <= i; j++)
		cx->before[cx->nb++] = v[i - j];
	for (j = 1; j <= 3 && i + j < n; j++)
		cx->after[cx->na++] = v[i + j];
}

/* The window of c between its neighbours, in t; returns its length. */
static size_t window(uint32_t t[7], const context *cx, uint32_t c)
{
	size_t n = 0, j;

	for (j = cx->nb; j-- > 0;)
		t[n++] = cx->before[j];
	t[n++] = c;
	for (j = 0; j < cx->na; j++)
		t[n++] = cx->after[j];
	return n;
}

/* Length of the dictionary word covering c between its neighbours. */
static size_t word_len(checker *k, const context *cx, uint32_t c)
{
	uint32_t t[7];
	size_t n = window(t, cx, c);

	return scd_evidence_word_at(k->ev, t, n, cx->nb);
}

/* Characters of the window around c that lie in dictionary words. */
static size_t window_words(checker *k, const context *cx, uint32_t c)
{
	uint32_t t[7];
	size_t n = window(t, cx, c);

	return scd_evidence_word_chars(k->ev, t, n);
}

/* Weigh candidate y for x; keep it in *best if it beats what is there. */
static void consider(checker *k, const context *cx, uint32_t x, uint32_t y,
		     double sx, const char *reason, double likeness,
		     uint32_t *best, double *best_conf, const char **best_reason)
{
	double sy, conf;

	if (y == x || !is_han(y) || word_len(k, cx, y) < 2)
		return;
	sy = scd_evidence_score(k->ev, cx->before, cx->nb, &y, 1, cx->after, cx->na);
	if (sy - sx < MIN_MARGIN)
		return;
	/* the word y makes must not just take a character from another:
	 * 中国[式]现代化 read as 实 makes 实现 out of 现代, and the window
	 * reads no better */
	if (window_words(k, cx, y) <= window_words(k, cx, x))
		return;
	conf = likeness * (1.0 - exp(-(sy - sx) / 2.0));
	if (conf > *best_conf) {
		*best = y;
		*best_conf = conf;
		*best_reason = reason;
	}
}

static int check_text(checker *k, size_t input, const char *text,
		      const scd_key *key)
{
	const uint32_t *v = scd_key_values(key), *b = scd_key_begins(key),
		       *e = scd_key_ends(key);
	size_t n = scd_key_len(key), i;
	int simplified = simplified_text(text, key), error;

	for (i = 0; i < n; i++) {
		uint32_t x = v[i], w = written(text, b[i]), best = 0, cand[16];
		double sx, best_conf = 0;
		const char *best_reason = NULL, *r[8];
		size_t nr, j, m;
		context cx;

		if (!is_han(x))
			continue;
		/* a traditional form, unless simplified text uses it too
		 * (著 in 显著 is in GB2312; 強 is not) */
		if (simplified && w != x && scd_chardata_is_traditional(w) &&
		    !(k->gb2312 && uset_contains(k->gb2312, (UChar32)w))) {
			if ((error = add_flag(k, input, b[i], e[i], SCD_KIND_VARIANT,
					      "traditional form", 0.9, x)) < 0)
				return error;
			continue;
		}
		if (scd_chardata_frequency(x) >= COMMON)
			continue;
		context_at(&cx, v, n, i);
		if (word_len(k, &cx, x) >= 2)
			continue; /* inside a dictionary word: fine */
		sx = scd_evidence_score(k->ev, cx.before, cx.nb, &x, 1, cx.after, cx.na);
		/* sound: characters of the texts that share a reading */
		nr = scd_chardata_readings(x, r, 8);
		for (j = 0; j < nr && j < 8; j++) {
			size_t from, to, q;
			vocab_range(k, r[j], &from, &to);
			for (q = from; q < to; q++)
				consider(k, &cx, x, k->vocab[q].c, sx, "same sound", 1.0,
					 &best, &best_conf, &best_reason);
		}
		/* shape: glyphs that look alike */
		m = scd_lookalike_list(x, cand, NULL, 16);
		for (j = 0; j < m && j < 16; j++) {
			double sc = scd_lookalike_score(x, cand[j]);
			if (sc >= MIN_SHAPE)
				consider(k, &cx, x, cand[j], sx, "similar shape", sc,
					 &best, &best_conf, &best_reason);
		}
		/* variant forms other than traditional/simplified */
		m = scd_chardata_variants(x, SCD_VARIANT_SEMANTIC | SCD_VARIANT_Z |
					     SCD_VARIANT_SPOOFING, cand, 16);
		for (j = 0; j < m && j < 16; j++)
			consider(k, &cx, x, cand[j], sx, "variant form", 0.9,
				 &best, &best_conf, &best_reason);
		if (best &&
		    (error = add_flag(k, input, b[i], e[i], SCD_KIND_OCR, best_reason,
				      best_conf, best)) < 0)
			return error;
	}
	return 0;
}

void scd_check_free(scd_check *check)
{
	if (!check)
		return;
	free(check->flags);
	free(check);
}

int scd_check_inputs(scd_check **out, scd_input *const *inputs, size_t n,
		     const scd_check_options *opts)
{
	scd_check_options o = SCD_CHECK_OPTIONS_INIT;
	checker k;
	size_t i;
	int error = 0;

	*out = NULL;
	if (opts)
		o = *opts;
	memset(&k, 0, sizeof(k));
	k.o = &o;
	if (!(k.out = calloc(1, sizeof(*k.out))) ||
	    !(k.keys = calloc(n ? n : 1, sizeof(*k.keys)))) {
		error = scd_error__nomem();
		goto done;
	}
	if ((error = scd_evidence_new(&k.ev)) < 0)
		goto done;
	{
		/* GB2312's round-trip set: the characters simplified text is
		 * written in (ICU's converter data) */
		UErrorCode st = U_ZERO_ERROR;
		UConverter *cnv = ucnv_open("GB2312", &st);
		if (U_SUCCESS(st)) {
			k.gb2312 = uset_openEmpty();
			ucnv_getUnicodeSet(cnv, k.gb2312, UCNV_ROUNDTRIP_SET, &st);
			if (U_FAILURE(st)) {
				uset_close(k.gb2312);
				k.gb2312 = NULL;
			}
		}
		ucnv_close(cnv);
	}
	for (i = 0; i < n; i++) {
		size_t len;
		const char *t = scd_input_text(inputs[i], &len);
		if ((error = scd_normalize(&k.keys[i], t, len, NULL)) < 0)
			goto done;
		k.nkeys++;
		if ((error = scd_evidence_add(k.ev, scd_key_values(k.keys[i]),
					      scd_key_len(k.keys[i]))) < 0)
			goto done;
	}
	if ((error = build_vocab(&k)) < 0)
		goto done;
	for (i = 0; i < n; i++)
		if ((error = check_text(&k, i, scd_input_text(inputs[i], NULL), k.keys[i])) < 0)
			goto done;
	*out = k.out;
	k.out = NULL;
done:
	for (i = 0; i < k.nkeys; i++)
		scd_key_free(k.keys[i]);
	free(k.keys);
	free(k.vocab);
	if (k.gb2312)
		uset_close(k.gb2312);
	scd_evidence_free(k.ev);
	scd_check_free(k.out);
	return error;
}
