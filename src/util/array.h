/*
 * Growable arrays (private): a pointer, a count and a capacity kept by the
 * caller, grown by doubling — the one pattern behind every list the
 * pipeline builds (matches, tiles, blocks, differences, line starts).
 * libgit2's git_array does the same.
 */
#ifndef SCD_ARRAY_H
#define SCD_ARRAY_H

#include <stddef.h>
#include <stdint.h>

/*
 * Make room for at least `need` elements of `size` bytes in the array
 * whose pointer is at `pp` (a T **, passed as void *) and whose capacity
 * is *cap.  On failure the array is left as it was and SCD_ENOMEM is
 * returned (with the message set).
 */
int scd_array__reserve(void *pp, size_t *cap, size_t need, size_t size);

/* Room for one more element after the n in array p of capacity cap. */
#define scd_array_grow(p, n, cap) \
	((n) < (cap) ? 0 : scd_array__reserve(&(p), &(cap), (n) + 1, sizeof(*(p))))

/*
 * The one lexicographic comparison behind the qsort() comparators: the
 * keys ka[0..n) against kb[0..n), first difference first, as -1, 0, 1.
 * A comparator lists its fields in order, e.g.
 *     const uint64_t ka[] = { a->doc, a->pos }, kb[] = { b->doc, b->pos };
 *     return scd_array_cmp_keys(ka, kb, 2);
 * (inline: the compiler folds the arrays away in hot sorts).
 */
static inline int scd_array_cmp_keys(const uint64_t *ka, const uint64_t *kb, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ka[i] != kb[i])
			return ka[i] < kb[i] ? -1 : 1;
	return 0;
}

#endif
