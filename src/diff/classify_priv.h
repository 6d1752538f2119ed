/*
 * The classifier with the key's folds (private to diff/): scd_classify()
 * is this with SCD_FOLD_DEFAULT.  A comparison that keeps the regional
 * vocabulary (no SCD_FOLD_REGIONAL) must not call 文件/檔案 a variant.
 */
#ifndef SCD_DIFF_CLASSIFY_PRIV_H
#define SCD_DIFF_CLASSIFY_PRIV_H

#include "scodiff/classify.h"

void scd_classify__folded(scd_verdict *out, const char *a, size_t alen,
			  const char *b, size_t blen, const scd_context *xa,
			  const scd_context *xb, unsigned int fold);

#endif
