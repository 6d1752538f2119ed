/*
 * Alignment of two keys: every region they share, in any order.
 *
 *  1. Seeds: shared winnowed fingerprints (shingle.h) of the two keys.
 *  2. Maximal exact matches: each seed extended left and right on its
 *     diagonal.  Seeds of a that fall inside a match of at least
 *     2·min_tile already made are not looked up: a rival pairing for that
 *     stretch is found only if it starts before it (a passage of a is
 *     paired once anyway), so winnowing's guarantee (shingle.h) holds for
 *     text outside long matches.
 *  3. Tiles: greedy string tiling (Wise, "String similarity via greedy
 *     string tiling and running Karp-Rabin matching", 1993): longest match
 *     first, each key character used at most once on each side, so a
 *     passage moved elsewhere is still paired with its counterpart and a
 *     passage printed twice on one side is paired once.
 *  4. Blocks: tiles that follow each other in both texts with small gaps
 *     between them are chained into one block; the gaps (OCR slips, small
 *     edits) are aligned character by character with Myers' O(ND)
 *     algorithm (myers.h).
 * Positions here are key indices (normalize.h).
 */
#ifndef SCODIFF_ALIGN_H
#define SCODIFF_ALIGN_H

#include "common.h"
#include "shingle.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
	unsigned int version;
	unsigned int k;         /* shingle length (key characters) */
	unsigned int w;         /* winnowing window (k-grams) */
	unsigned int min_tile;  /* shortest exact match used as a tile */
	unsigned int max_gap;   /* longest gap bridged inside a block */
	unsigned int min_block; /* fewest aligned characters for a block */
	unsigned int max_occ;   /* fingerprints seen more often are skipped */
} scd_align_options;

#define SCD_ALIGN_OPTIONS_VERSION 1
/* Values measured on corpora/: see docs/parameters.md. */
#define SCD_ALIGN_OPTIONS_INIT \
	{ SCD_ALIGN_OPTIONS_VERSION, SCD_SHINGLE_K, SCD_SHINGLE_W, 12, 48, 16, 8 }

/* A run of `len` equal key characters at a[a..a+len) and b[b..b+len). */
typedef struct {
	uint32_t a, b, len;
} scd_match;

/*
 * One aligned passage.  Its matches are matches[first .. first+count),
 * increasing on both sides; what lies between two consecutive matches is a
 * change (possibly empty on one side).  The block begins with its first
 * match and ends with its last, except at the start or end of both texts:
 * a block that takes in the texts' heads (tails) begins at 0 (ends at the
 * keys' lengths) on both sides, and what lies before its first (after its
 * last) match is a change too.
 */
typedef struct {
	uint32_t a_beg, a_end, b_beg, b_end; /* key ranges, half-open */
	size_t first, count;                 /* into scd_alignment.matches */
	uint32_t matched;                    /* key characters aligned */
} scd_block;

typedef struct {
	scd_block *blocks; /* in increasing a_beg order */
	size_t nblocks;
	scd_match *matches;
	size_t nmatches;
} scd_alignment;

/*
 * Align key a[0..na) with key b[0..nb).  *out is the caller's to free with
 * scd_alignment_free().  `opts` may be NULL for the defaults.
 */
int scd_align(scd_alignment **out, const uint32_t *a, size_t na,
	      const uint32_t *b, size_t nb, const scd_align_options *opts);

void scd_alignment_free(scd_alignment *al);

#ifdef __cplusplus
}
#endif
#endif
