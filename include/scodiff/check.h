/*
 * Checking texts that have no second rendering at hand: likely OCR and
 * typing slips (`路劲` where the text elsewhere and the dictionary say
 * `路径`) and traditional forms inside simplified text, found with the
 * files given together as evidence (evidence.h) and the character data
 * (chardata.h).
 *
 * A place is flagged as a slip only when all of these hold, so that clean
 * text stays quiet:
 *  - its character X forms no dictionary word with its neighbours;
 *  - some character Y that sounds or looks like X (or is a variant of it)
 *    does form a dictionary word there;
 *  - the evidence favours Y by a margin: Y's pairs with the neighbours
 *    occur elsewhere in the texts, X's do not.
 */
#ifndef SCODIFF_CHECK_H
#define SCODIFF_CHECK_H

#include "common.h"
#include "input.h"
#include "classify.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
	size_t input;       /* index into the inputs given */
	scd_range span;     /* text offsets of the flagged characters */
	scd_kind kind;      /* SCD_KIND_OCR or SCD_KIND_VARIANT */
	const char *reason; /* static: "same sound", "traditional form", … */
	double confidence;  /* 0..1 */
	char suggest[32];   /* the reading probably right (UTF-8) */
} scd_flag;

typedef struct {
	scd_flag *flags; /* by input, then position */
	size_t nflags;
} scd_check;

typedef struct {
	unsigned int version;
	double min_confidence; /* flags below it are dropped */
} scd_check_options;

#define SCD_CHECK_OPTIONS_VERSION 1
#define SCD_CHECK_OPTIONS_INIT { SCD_CHECK_OPTIONS_VERSION, 0.5 }

/*
 * Check inputs[0..n) together.  The inputs must outlive *out, which is the
 * caller's to free with scd_check_free().  `opts` may be NULL.
 */
int scd_check_inputs(scd_check **out, scd_input *const *inputs, size_t n,
		     const scd_check_options *opts);

void scd_check_free(scd_check *check);

#ifdef __cplusplus
}
#endif
#endif
