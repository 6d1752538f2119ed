/*
 * Myers, "An O(ND) difference algorithm and its variations", Algorithmica
 * 1(2), 1986: the greedy forward algorithm with the per-D trace kept, used
 * on the short gaps between tiles inside a block (align.c), where N ≤ a few
 * hundred and keeping O(D²) state is cheaper than the linear-space variant.
 * Private to the library.
 */
#ifndef SCD_MYERS_H
#define SCD_MYERS_H

#include "scodiff/align.h"

/*
 * Append to *matches (growing it with realloc; *cap is its capacity) the
 * runs of a longest common subsequence of a[0..na) and b[0..nb), offset by
 * (a_off, b_off).  The common prefix and suffix are always added; if the
 * edit distance of what lies between exceeds max_d, nothing more is (the
 * middle is one change).  Returns 0 or SCD_ENOMEM.
 */
int scd_myers__diff(scd_match **matches, size_t *n, size_t *cap,
		    const uint32_t *a, uint32_t na, const uint32_t *b,
		    uint32_t nb, uint32_t a_off, uint32_t b_off,
		    uint32_t max_d);

/*
 * Append the match (a, b, len) to *m (n entries, capacity cap), joined to
 * the last one if it continues it on both sides; nothing if len is 0.
 * Returns 0 or SCD_ENOMEM.
 */
int scd_match__push(scd_match **m, size_t *n, size_t *cap, uint32_t a,
		    uint32_t b, uint32_t len);

#endif
