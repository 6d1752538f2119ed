/*
 * Evidence for readings (evidence.h).
 *
 * Pair counts live in an open-addressing table keyed by the two key values
 * (a << 32 | b).  To keep a 5 MB comparison cheap, callers may watch only
 * the pairs they will ask about: they are entered beforehand and marked
 * in a one-bit-per-hash filter (a Bloom filter with one hash) of 2^20
 * bits, so the pass over a text costs a multiply and a bit test per
 * character, and a probe of the table only where a watched pair may be
 * (with a few thousand pairs watched, under 1 % of the others).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/utf16.h>

#include "scodiff/evidence.h"
#include "scodiff/chardata.h"
#include "util/error.h"
#include "util/parallel.h"

struct scd_evidence {
	uint64_t *keys;     /* a << 32 | b, 0 = empty (no pair of NULs) */
	uint32_t *counts;
	size_t mask, used;
	uint8_t *watch;     /* filter of watched pairs; NULL = count all */
	uint32_t *uni;      /* count of every BMP character (an increment is
			     * cheaper than asking whether it is wanted) */
	UBreakIterator *words;
};

int scd_evidence_new(scd_evidence **out)
{
	scd_evidence *ev = calloc(1, sizeof(*ev));
	UErrorCode st = U_ZERO_ERROR;

	*out = NULL;
	if (!ev)
		return scd_error__nomem();
	ev->mask = 1023;
	ev->keys = calloc(ev->mask + 1, sizeof(*ev->keys));
	ev->counts = calloc(ev->mask + 1, sizeof(*ev->counts));
	ev->uni = calloc(0x10000, sizeof(*ev->uni));
	if (!ev->keys || !ev->counts || !ev->uni) {
		scd_evidence_free(ev);
		return scd_error__nomem();
	}
	/* ICU's word breaking for Chinese segments by its CJK dictionary */
	ev->words = ubrk_open(UBRK_WORD, "zh", NULL, 0, &st);
	if (U_FAILURE(st)) {
		scd_evidence_free(ev);
		return scd_error__icu(st, "ubrk_open");
	}
	*out = ev;
	return 0;
}

void scd_evidence_free(scd_evidence *ev)
{
	if (!ev)
		return;
	free(ev->keys);
	free(ev->counts);
	free(ev->uni);
	free(ev->watch);
	if (ev->words)
		ubrk_close(ev->words);
	free(ev);
}

#define FILTER_BITS 20

/* A character's own count lives under this key: no pair has it, since no
 * key value is UINT32_MAX. */
static uint64_t unigram(uint32_t c)
{
	return (uint64_t)UINT32_MAX << 32 | c;
}

static size_t filter_bit(uint64_t k)
{
	return (size_t)((k * 0xD6E8FEB86659FD93ull) >> (64 - FILTER_BITS));
}

static size_t slot(const scd_evidence *ev, uint64_t k)
{
	size_t i = (size_t)((k * 0x9E3779B97F4A7C15ull) >> 24) & ev->mask;
	while (ev->keys[i] && ev->keys[i] != k)
		i = (i + 1) & ev->mask;
	return i;
}

static int grow(scd_evidence *ev)
{
	size_t old = ev->mask + 1, i;
	uint64_t *keys = ev->keys;
	uint32_t *counts = ev->counts;

	ev->mask = 2 * old - 1;
	ev->keys = calloc(2 * old, sizeof(*ev->keys));
	ev->counts = calloc(2 * old, sizeof(*ev->counts));
	if (!ev->keys || !ev->counts) {
		free(ev->keys);
		free(ev->counts);
		ev->keys = keys;
		ev->counts = counts;
		ev->mask = old - 1;
		return scd_error__nomem();
	}
	for (i = 0; i < old; i++)
		if (keys[i]) {
			size_t s = slot(ev, keys[i]);
			ev->keys[s] = keys[i];
			ev->counts[s] = counts[i];
		}
	free(keys);
	free(counts);
	return 0;
}

/* The slot of pair k, entered if new; SIZE_MAX when out of memory. */
static size_t enter(scd_evidence *ev, uint64_t k)
{
	size_t s = slot(ev, k);

	if (!ev->keys[s]) {
		if (2 * (ev->used + 1) > ev->mask + 1) {
			if (grow(ev) < 0)
				return SIZE_MAX;
			s = slot(ev, k);
		}
		ev->keys[s] = k;
		ev->used++;
	}
	return s;
}

static int watch_key(scd_evidence *ev, uint64_t k)
{
	size_t bit = filter_bit(k);

	if (!ev->watch && !(ev->watch = calloc((size_t)1 << (FILTER_BITS - 3), 1)))
		return scd_error__nomem();
	ev->watch[bit >> 3] |= (uint8_t)(1u << (bit & 7));
	return enter(ev, k) == SIZE_MAX ? SCD_ENOMEM : 0;
}

int scd_evidence_watch(scd_evidence *ev, uint32_t a, uint32_t b)
{
	uint64_t k = (uint64_t)a << 32 | b;
	int error;

	if (!k)
		return 0;
	/* the pair, and its characters alone beyond the BMP (the score
	 * conditions on them; BMP characters are always counted) */
	if ((error = watch_key(ev, k)) < 0)
		return error;
	if (a >= 0x10000 && (error = watch_key(ev, unigram(a))) < 0)
		return error;
	return b >= 0x10000 ? watch_key(ev, unigram(b)) : 0;
}

/* Count key k if it is counted at all. */
static int bump(scd_evidence *ev, uint64_t k)
{
	size_t s;

	if (ev->watch) {
		size_t bit = filter_bit(k);
		if (!((ev->watch[bit >> 3] >> (bit & 7)) & 1))
			return 0;
		/* only keys entered by scd_evidence_watch() */
		s = slot(ev, k);
		if (ev->keys[s])
			ev->counts[s]++;
		return 0;
	}
	if ((s = enter(ev, k)) == SIZE_MAX)
		return SCD_ENOMEM;
	ev->counts[s]++;
	return 0;
}

int scd_evidence_add(scd_evidence *ev, const uint32_t *key, size_t n)
{
	size_t i;
	int error;

	for (i = 0; i < n; i++) {
		if (key[i] < 0x10000)
			ev->uni[key[i]]++;
		else if ((error = bump(ev, unigram(key[i]))) < 0)
			return error;
		if (i && (key[i - 1] || key[i]) &&
		    (error = bump(ev, (uint64_t)key[i - 1] << 32 | key[i])) < 0)
			return error;
	}
	return 0;
}

/* Part of a text counted into counts of its own (the table of watched
 * pairs is fixed, so two parts can be counted at once). */
typedef struct {
	const scd_evidence *ev;
	const uint32_t *key;
	size_t n;
	uint32_t *counts, *uni; /* out: per slot, per BMP character */
} count_job;

static int count_watched(void *p)
{
	count_job *j = p;
	const scd_evidence *ev = j->ev;
	size_t i;

	for (i = 0; i < j->n; i++) {
		uint32_t c = j->key[i];
		if (c < 0x10000)
			j->uni[c]++;
		else {
			size_t s = slot(ev, unigram(c));
			if (ev->keys[s])
				j->counts[s]++;
		}
		if (i) {
			uint64_t k = (uint64_t)j->key[i - 1] << 32 | c;
			size_t bit = filter_bit(k), s;
			if (!((ev->watch[bit >> 3] >> (bit & 7)) & 1))
				continue;
			s = slot(ev, k);
			if (ev->keys[s])
				j->counts[s]++;
		}
	}
	return 0;
}

int scd_evidence_add_split(scd_evidence *ev, const uint32_t *key, size_t n)
{
	size_t half = n / 2;

	if (!ev->watch || n < 65536)
		return scd_evidence_add(ev, key, n);
	/* the second half starts one character early, for the pair across
	 * the cut; its first character is counted by the first half */
	{
		count_job ja = { ev, key, half, ev->counts, ev->uni };
		count_job jb = { ev, key + half - 1, n - half + 1, NULL, NULL };
		size_t i;
		int error;

		jb.counts = calloc(ev->mask + 1, sizeof(*jb.counts));
		jb.uni = calloc(0x10000, sizeof(*jb.uni));
		if (!jb.counts || !jb.uni) {
			free(jb.counts);
			free(jb.uni);
			return scd_error__nomem();
		}
		error = scd_parallel__two(count_watched, &ja, count_watched, &jb);
		if (key[half - 1] < 0x10000) {
			jb.uni[key[half - 1]]--; /* counted by both halves */
		} else {
			size_t s = slot(ev, unigram(key[half - 1]));
			if (ev->keys[s])
				jb.counts[s]--;
		}
		for (i = 0; i <= ev->mask; i++)
			ev->counts[i] += jb.counts[i];
		for (i = 0; i < 0x10000; i++)
			ev->uni[i] += jb.uni[i];
		free(jb.counts);
		free(jb.uni);
		return error;
	}
}

uint32_t scd_evidence_count(const scd_evidence *ev, uint32_t c)
{
	size_t s;

	if (c < 0x10000)
		return ev->uni[c];
	s = slot(ev, unigram(c));
	return ev->keys[s] ? ev->counts[s] : 0;
}

uint32_t scd_evidence_pair(const scd_evidence *ev, uint32_t a, uint32_t b)
{
	uint64_t k = (uint64_t)a << 32 | b;
	size_t s;

	if (!k)
		return 0;
	s = slot(ev, k);
	return ev->keys[s] ? ev->counts[s] : 0;
}

#define WINDOW 16

/*
 * Give the break iterator text[0..n) as UTF-16 in buf (2·WINDOW units,
 * which must outlive its use); *pos is where text[at] begins (at = n for
 * none).  Returns 0, or -1 when the window is too long or ICU fails.
 */
static int segment(scd_evidence *ev, UChar *buf, const uint32_t *text,
		   size_t n, size_t at, int32_t *pos)
{
	int32_t len = 0;
	UErrorCode st = U_ZERO_ERROR;
	size_t i;
	UBool err = 0;

	if (n > WINDOW)
		return -1;
	*pos = -1;
	for (i = 0; i < n && !err; i++) {
		if (i == at)
			*pos = len;
		U16_APPEND(buf, len, 2 * WINDOW, (UChar32)text[i], err);
	}
	if (err)
		return -1;
	ubrk_setText(ev->words, buf, len, &st);
	return U_FAILURE(st) ? -1 : 0;
}

/* Code points of buf[b, e). */
static size_t code_points(const UChar *buf, int32_t b, int32_t e)
{
	size_t cps = 0;

	while (b < e) {
		U16_FWD_1(buf, b, e);
		cps++;
	}
	return cps;
}

size_t scd_evidence_word_at(scd_evidence *ev, const uint32_t *text, size_t n,
			    size_t at)
{
	UChar buf[2 * WINDOW];
	int32_t pos, b, e;

	if (at >= n || segment(ev, buf, text, n, at, &pos) < 0)
		return 0;
	e = ubrk_following(ev->words, pos);
	b = ubrk_preceding(ev->words, e);
	if (e == UBRK_DONE || b == UBRK_DONE || b > pos)
		return 1;
	return code_points(buf, b, e);
}

size_t scd_evidence_word_chars(scd_evidence *ev, const uint32_t *text, size_t n)
{
	UChar buf[2 * WINDOW];
	int32_t pos, b, e;
	size_t covered = 0, cps;

	if (segment(ev, buf, text, n, n, &pos) < 0)
		return 0;
	for (b = ubrk_first(ev->words); (e = ubrk_next(ev->words)) != UBRK_DONE; b = e)
		if ((cps = code_points(buf, b, e)) > 1)
			covered += cps;
	return covered;
}

/*
 * log P(b | a) from the counts, smoothed by adding ALPHA to every pair of
 * a vocabulary of VOCAB characters (about the common Chinese characters):
 * a pair never seen costs log(ALPHA / (count(a) + ALPHA·VOCAB)), and a
 * frequent character's pairs are weighed against how often it occurs at
 * all, so 国内 does not outweigh 范围 just because 国 is everywhere.
 */
#define ALPHA 0.1
#define VOCAB 6000.0
/* What a reading's being inside a dictionary word is worth, in the same
 * units (natural log probability): e² ≈ 7 times more likely. */
#define WORD_BONUS 2.0

double scd_evidence_logp(const scd_evidence *ev, uint32_t a, uint32_t b)
{
	return log(((double)scd_evidence_pair(ev, a, b) + ALPHA) /
		   ((double)scd_evidence_count(ev, a) + ALPHA * VOCAB));
}

double scd_evidence_score(scd_evidence *ev, const uint32_t *before, size_t nb,
			  const uint32_t *x, size_t nx, const uint32_t *after,
			  size_t na)
{
	uint32_t text[WINDOW];
	size_t n = 0, i, words = 0;
	double score = 0;

	if (nx == 0)
		return 0;
	/* the reading with up to three neighbours each side */
	if (nb > 3)
		nb = 3;
	if (na > 3)
		na = 3;
	if (nb + nx + na > WINDOW)
		return 0;
	for (i = nb; i-- > 0;)
		text[n++] = before[i];
	for (i = 0; i < nx; i++)
		text[n++] = x[i];
	for (i = 0; i < na; i++)
		text[n++] = after[i];
	/* a reading inside a dictionary word */
	for (i = 0; i < nx; i++)
		if (scd_evidence_word_at(ev, text, n, nb + i) > 1)
			words++;
	score += WORD_BONUS * (double)words / (double)nx;
	/* the texts' own bigram model, across the reading and its edges */
	if (nb)
		score += scd_evidence_logp(ev, before[0], x[0]);
	for (i = 1; i < nx; i++)
		score += scd_evidence_logp(ev, x[i - 1], x[i]);
	if (na)
		score += scd_evidence_logp(ev, x[nx - 1], after[0]);
	/* and, weakly, how common the characters are (Unihan) */
	for (i = 0; i < nx; i++)
		score += 0.5 * scd_chardata_frequency(x[i]) / (double)nx;
	return score;
}
