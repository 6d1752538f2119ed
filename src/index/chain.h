/*
 * The hit chainer (private): shared fingerprints of two texts (hits)
 * chained into passages, as a seed-and-extend search chains its seeds
 * (BLAST, Altschul et al. 1990; here the winnowing guarantee is the seed
 * rule).  Used by scan (hits between documents of a collection) and by
 * the store (hits between a new file and a witness).
 */
#ifndef SCD_CHAIN_H
#define SCD_CHAIN_H

#include <stddef.h>
#include <stdint.h>

/* One shared fingerprint: at pa in document da and at pb in db. */
typedef struct {
	uint32_t da, db;
	uint32_t pa, pb;
	uint32_t ia, ib; /* the caller's (e.g. indexes of the fingerprints) */
} scd_hit;

/*
 * Largest step, in key characters, between two hits of one chain on
 * either side: the gap a slip, a cut or an inserted sentence leaves in
 * the fingerprints (a slip removes the k-grams over it, k + w = 16).
 */
#define SCD_CHAIN_GAP 160
/*
 * Largest shift of the diagonal (position in b less position in a) from
 * one hit of a chain to the next: the characters a slip or a short cut
 * adds or removes (as align.c's max_gap, 48).  A larger shift starts
 * another passage, so that a sentence a text repeats in several places
 * (the eight-outcomes text prints one four times) does not draw one
 * chain through all of them.
 */
#define SCD_CHAIN_DRIFT 48

/* The limits in the units of the positions (key characters, or bytes
 * for the store, whose index holds text offsets). */
typedef struct {
	uint32_t gap, drift;
} scd_chain_rule;

#define SCD_CHAIN_RULE_INIT { SCD_CHAIN_GAP, SCD_CHAIN_DRIFT }

/* A chain: indexes into the hits of its first and last hit (in a's
 * order), of those lowest and highest in b, and its number of hits. */
typedef struct {
	size_t first, last, bfirst, blast;
	size_t hits;
} scd_chain;

/*
 * Chain the hits h[0..n) of one pair of documents, sorted by pa (then
 * pb): fn is called on every chain once it can no longer grow, chains
 * of one hit included; a negative result of fn stops and is returned.
 * The next hit extends the longest open chain whose last hit lies
 * before it on a, within gap on both sides and within drift of its
 * diagonal (b may step back by less than drift: a phrase the text
 * repeats nearby must not stop the chain); ties go to the smaller drift.
 */
int scd_chain_hits(const scd_hit *h, size_t n, const scd_chain_rule *rule,
		   int (*fn)(const scd_hit *h, const scd_chain *c, void *payload),
		   void *payload);

#endif
