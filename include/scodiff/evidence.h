/*
 * Evidence for choosing between two readings of a place in a text (which
 * one is probably right, `路径` or `路劲`):
 *  - how often each reading's character pairs occur in the texts at hand
 *    (the other rendering, the rest of the input, the other files given);
 *  - whether the reading forms a word with its neighbours in ICU's
 *    Chinese dictionary (the word break iterator's dictionary segmentation);
 *  - how common the characters are (Unihan, chardata.h).
 * An evidence object is filled once from whole texts and then asked many
 * times; it is not safe to share between threads (it owns an ICU break
 * iterator).
 */
#ifndef SCODIFF_EVIDENCE_H
#define SCODIFF_EVIDENCE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct scd_evidence scd_evidence;

/* An empty evidence object; *out is the caller's to free. */
int scd_evidence_new(scd_evidence **out);

void scd_evidence_free(scd_evidence *ev);

/*
 * Count the pair a b (call before scd_evidence_add()).  Once any pair is
 * watched, only watched pairs are counted — the few a caller will ask
 * about, which keeps a pass over megabytes of text cheap; with none
 * watched, every pair is.
 */
int scd_evidence_watch(scd_evidence *ev, uint32_t a, uint32_t b);

/* Count the adjacent pairs of key[0..n) (key values, normalize.h). */
int scd_evidence_add(scd_evidence *ev, const uint32_t *key, size_t n);

/* Count one text, its two halves at once on two threads when only
 * watched pairs are counted (the same counts as scd_evidence_add()). */
int scd_evidence_add_split(scd_evidence *ev, const uint32_t *key, size_t n);

/* How often the pair a b was counted. */
uint32_t scd_evidence_pair(const scd_evidence *ev, uint32_t a, uint32_t b);

/* How often the character c was counted (counted when a pair it is part
 * of is watched, or always when nothing is watched). */
uint32_t scd_evidence_count(const scd_evidence *ev, uint32_t c);

/* log P(b | a) under the texts' smoothed bigram model (the transition
 * scd_evidence_score() sums). */
double scd_evidence_logp(const scd_evidence *ev, uint32_t a, uint32_t b);

/*
 * Length, in characters, of the dictionary word that covers position
 * `at` of text[0..n) (code points) when ICU segments it; 1 when the
 * character stands alone, 0 on failure.
 */
size_t scd_evidence_word_at(scd_evidence *ev, const uint32_t *text, size_t n,
			    size_t at);

/*
 * How many characters of text[0..n) (code points, n ≤ 16) lie inside
 * dictionary words of two characters or more when ICU segments it: how
 * well a whole window reads, where scd_evidence_word_at() asks about one
 * place: 中国实现代化 makes the word 实现 where 中国式现代化 has 式 alone,
 * but both read 4 of 6 (中国 实现 / 中国 现代).
 */
size_t scd_evidence_word_chars(scd_evidence *ev, const uint32_t *text, size_t n);

/*
 * How well reading x[0..nx) fits between the characters before[0..nb)
 * (nearest first) and after[0..na): a log-probability under the texts'
 * own smoothed bigram model across the reading and its edges, plus a bonus
 * for lying inside a dictionary word and a little for common characters.
 * Higher is better; only differences between two readings of one place
 * mean anything.
 */
double scd_evidence_score(scd_evidence *ev, const uint32_t *before, size_t nb,
			  const uint32_t *x, size_t nx, const uint32_t *after,
			  size_t na);

#ifdef __cplusplus
}
#endif
#endif
