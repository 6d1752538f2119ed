/*
 * Shingles and fingerprints: k-grams of key characters hashed with XXH3 and
 * selected by winnowing (Schleimer, Wilkerson and Aiken, "Winnowing: local
 * algorithms for document fingerprinting", SIGMOD 2003).
 *
 * Guarantee (the paper's): with window w, at least one fingerprint is kept
 * in every run of w consecutive k-gram hashes, so any shared run of at
 * least t = w + k - 1 key characters yields at least one shared
 * fingerprint.  The defaults and how they were measured on corpora/ are in
 * docs/parameters.md.
 */
#ifndef SCODIFF_SHINGLE_H
#define SCODIFF_SHINGLE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Defaults, measured on corpora/ (docs/parameters.md). */
#define SCD_SHINGLE_K 8
#define SCD_SHINGLE_W 8
/* Longest k accepted. */
#define SCD_SHINGLE_MAX_K 64

typedef struct {
	uint64_t hash; /* XXH3-64 of the k key values, little-endian bytes */
	uint32_t pos;  /* index of the k-gram's first key character */
} scd_fingerprint;

/*
 * Winnow the k-grams of key[0..n).  Writes a malloc'd array of
 * fingerprints in increasing position order to *out (the caller frees it
 * with free()) and its length to *out_len.  A text shorter than k has no
 * fingerprints (*out may then be NULL).  1 ≤ k ≤ SCD_SHINGLE_MAX_K, w ≥ 1;
 * otherwise SCD_EINVALID.
 */
int scd_shingle_winnow(scd_fingerprint **out, size_t *out_len,
		       const uint32_t *key, size_t n, unsigned int k,
		       unsigned int w);

/*
 * The fingerprints chosen by one share of the windows: window i covers the
 * k-grams [i, i + w), and its choice depends on nothing else, so the
 * windows can be split into `parts` consecutive shares winnowed apart (on
 * several threads).  Part `part` (0 ≤ part < parts) writes the
 * fingerprints its windows choose, positions counted from key[0], in
 * increasing order.  Merged with scd_shingle_join(), all parts give
 * exactly what scd_shingle_winnow() gives.
 */
int scd_shingle_winnow_part(scd_fingerprint **out, size_t *out_len,
			    const uint32_t *key, size_t n, unsigned int k,
			    unsigned int w, unsigned int part,
			    unsigned int parts);

/*
 * Merge two position-ordered fingerprint lists into one, each position
 * once.  The inputs are freed (even on failure); *out is the caller's.
 */
int scd_shingle_join(scd_fingerprint **out, size_t *out_len,
		     scd_fingerprint *x, size_t nx, scd_fingerprint *y,
		     size_t ny);

/* Hash of one k-gram, as used by scd_shingle_winnow() (k ≤ SCD_SHINGLE_MAX_K). */
uint64_t scd_shingle_hash(const uint32_t *gram, unsigned int k);

#ifdef __cplusplus
}
#endif
#endif
