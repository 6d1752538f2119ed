/*
 * Characters that look alike: pairs whose glyphs (Noto CJK, rendered and
 * compared by tools/gen_lookalikes.c) are close, from data/lookalikes.tsv
 * (see data/README.md for how it was made and measured).  OCR engines
 * confuse exactly these: 己/已, 未/末, 士/土.
 */
#ifndef SCODIFF_LOOKALIKE_H
#define SCODIFF_LOOKALIKE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* How alike a and b look, in (0, 1], or 0 when the table does not pair
 * them (either order). */
double scd_lookalike_score(uint32_t a, uint32_t b);

/*
 * The characters that look like c, most alike first, up to cap (scores in
 * score[] when it is not NULL).  Returns how many the table lists.
 */
size_t scd_lookalike_list(uint32_t c, uint32_t *out, double *score,
			  size_t cap);

#ifdef __cplusplus
}
#endif
#endif
