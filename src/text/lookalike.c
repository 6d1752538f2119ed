/*
 * Look-alike characters (lookalike.h): a binary search in the pair table
 * generated at build time from data/lookalikes.tsv (lookalikes.c in the
 * build folder), sorted by first character, then by score.
 */
#include "scodiff/lookalike.h"

extern const size_t scd_lookalikes__n;
extern const uint32_t scd_lookalikes__pairs[][3];

/* Index of the first pair whose first character is c (or where it would
 * be). */
static size_t first_of(uint32_t c)
{
	size_t lo = 0, hi = scd_lookalikes__n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (scd_lookalikes__pairs[mid][0] < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

double scd_lookalike_score(uint32_t a, uint32_t b)
{
	size_t i;

	for (i = first_of(a); i < scd_lookalikes__n && scd_lookalikes__pairs[i][0] == a; i++)
		if (scd_lookalikes__pairs[i][1] == b)
			return scd_lookalikes__pairs[i][2] / 10000.0;
	for (i = first_of(b); i < scd_lookalikes__n && scd_lookalikes__pairs[i][0] == b; i++)
		if (scd_lookalikes__pairs[i][1] == a)
			return scd_lookalikes__pairs[i][2] / 10000.0;
	return 0;
}

size_t scd_lookalike_list(uint32_t c, uint32_t *out, double *score, size_t cap)
{
	size_t i = first_of(c), n = 0;

	for (; i < scd_lookalikes__n && scd_lookalikes__pairs[i][0] == c; i++, n++)
		if (n < cap) {
			out[n] = scd_lookalikes__pairs[i][1];
			if (score)
				score[n] = scd_lookalikes__pairs[i][2] / 10000.0;
		}
	return n;
}
