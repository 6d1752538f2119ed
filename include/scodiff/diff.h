/*
 * The whole comparison of two inputs: normalise both, align, classify every
 * difference inside each block, and collect what lies outside the blocks.
 * Every position here is a text offset (scd_input_text()); convert with
 * scd_input_offset() and scd_input_line() before showing it.
 */
#ifndef SCODIFF_DIFF_H
#define SCODIFF_DIFF_H

#include "common.h"
#include "input.h"
#include "normalize.h"
#include "align.h"
#include "classify.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
	scd_range a, b;
	uint32_t a_chars, b_chars; /* key characters on each side */
	uint32_t matched;          /* key characters aligned */
	double similarity;         /* 2·matched / (a_chars + b_chars) */
} scd_diff_block;

typedef struct {
	scd_kind kind;
	scd_range a, b;    /* an empty range marks where an insertion goes */
	size_t block;      /* index into scd_diff.blocks */
	const char *reason;
	double confidence; /* 0 when not given */
	int suggested;     /* suggest holds the reading probably right */
	char suggest[32];  /* that reading in UTF-8 ("" = the text without
			    * the extra characters) */
} scd_difference;

typedef struct {
	const scd_input *a, *b; /* borrowed from the caller */
	double similarity;      /* 2·aligned / (key chars of a + of b) */
	size_t counts[SCD_KIND__COUNT];
	scd_diff_block *blocks; /* in the order of file a */
	size_t nblocks;
	scd_difference *diffs; /* by block, then position */
	size_t ndiffs;
	scd_range *unmatched_a, *unmatched_b;
	size_t nunmatched_a, nunmatched_b;
} scd_diff;

typedef struct {
	unsigned int version;
	scd_normalize_options normalize;
	scd_align_options align;
	/* Keep layout differences in diffs[] (they are always counted). */
	int keep_layout;
} scd_diff_options;

#define SCD_DIFF_OPTIONS_VERSION 1
#define SCD_DIFF_OPTIONS_INIT \
	{ SCD_DIFF_OPTIONS_VERSION, SCD_NORMALIZE_OPTIONS_INIT, \
	  SCD_ALIGN_OPTIONS_INIT, 0 }

/*
 * Compare a with b.  Both inputs must outlive *out, which is the caller's
 * to free with scd_diff_free().  `opts` may be NULL.
 */
int scd_diff_inputs(scd_diff **out, const scd_input *a, const scd_input *b,
		    const scd_diff_options *opts);

void scd_diff_free(scd_diff *diff);

#ifdef __cplusplus
}
#endif
#endif
