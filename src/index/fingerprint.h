/*
 * Text → fingerprints (private): the one way a text becomes the
 * fingerprints scan and the store index and look up, and the one rule
 * for when a fingerprint is a formula rather than shared text.
 */
#ifndef SCD_FINGERPRINT_H
#define SCD_FINGERPRINT_H

#include "scodiff/normalize.h"
#include "scodiff/shingle.h"

/*
 * Normalise text[0..len) (normalize.h, options no; NULL for the defaults)
 * into its key and winnow the key with k and w (shingle.h).  *key and
 * *fp (nfp of them, increasing positions) are the caller's to free, also
 * when there are none; on failure both are NULL.
 */
int scd_fingerprint__text(scd_key **key, scd_fingerprint **fp, size_t *nfp,
			  const char *text, size_t len,
			  const scd_normalize_options *no, unsigned int k,
			  unsigned int w);

/* Fewest documents (witnesses) a fingerprint is in, among n, to be a
 * formula: 5 % of them, rounded up, and never fewer than
 * SCD_FORMULA_MIN_DOCS. */
#define SCD_FORMULA_MIN_DOCS 10
size_t scd_fingerprint__formula_docs(size_t n);

#endif
