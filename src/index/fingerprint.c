/*
 * Text → fingerprints (fingerprint.h).
 */
#include <stdlib.h>

#include "index/fingerprint.h"

int scd_fingerprint__text(scd_key **key, scd_fingerprint **fp, size_t *nfp,
			  const char *text, size_t len,
			  const scd_normalize_options *no, unsigned int k,
			  unsigned int w)
{
	scd_normalize_options defaults = SCD_NORMALIZE_OPTIONS_INIT;
	int error;

	*fp = NULL;
	*nfp = 0;
	if ((error = scd_normalize(key, text, len, no ? no : &defaults)) < 0) {
		*key = NULL;
		return error;
	}
	if ((error = scd_shingle_winnow(fp, nfp, scd_key_values(*key), scd_key_len(*key),
					k, w)) < 0) {
		scd_key_free(*key);
		*key = NULL;
	}
	return error;
}

/*
 * The share (5 %) and the floor are scan's values, kept as they were; the
 * floor keeps a small collection from calling its statements formulae
 * (corpora/ has 5 texts, and the Tianjin statements are printed in 3 and
 * 4 of them).  Rounded up, so that "in 5 %" means at least 5 % (scan
 * rounded up and the store down until both used this).  Whether a share
 * of documents is the right test at all is issue 17's question.
 */
size_t scd_fingerprint__formula_docs(size_t n)
{
	size_t share = (n + 19) / 20;

	return share > SCD_FORMULA_MIN_DOCS ? share : SCD_FORMULA_MIN_DOCS;
}
