/*
 * The hit chainer (chain.h).  Open chains are few at a time (one per
 * passage the pair shares near the current hit), so each hit is tried
 * against all of them.
 */
#include <stdlib.h>

#include "index/chain.h"
#include "util/array.h"

int scd_chain_hits(const scd_hit *h, size_t n, const scd_chain_rule *rule,
		   int (*fn)(const scd_hit *h, const scd_chain *c, void *payload),
		   void *payload)
{
	scd_chain *open = NULL;
	size_t nopen = 0, cap = 0, i, j;
	int error = 0;

	for (i = 0; i < n && error == 0; i++) {
		size_t best;
		int64_t best_drift = 0;
		/* chains that can no longer grow */
		for (j = 0; j < nopen && error == 0;) {
			if (h[i].pa - h[open[j].last].pa > rule->gap) {
				error = fn(h, &open[j], payload);
				open[j] = open[--nopen];
			} else {
				j++;
			}
		}
		best = nopen; /* none yet (nopen as it is after the closing) */
		for (j = 0; j < nopen; j++) {
			const scd_hit *l = &h[open[j].last];
			int64_t drift;
			if (h[i].pa <= l->pa || (int64_t)h[i].pb + rule->drift <= l->pb ||
			    (int64_t)h[i].pb - l->pb > rule->gap)
				continue;
			drift = ((int64_t)h[i].pb - h[i].pa) - ((int64_t)l->pb - l->pa);
			if (drift < 0)
				drift = -drift;
			if (drift > rule->drift)
				continue;
			/* the longest chain in reach: a hit off the diagonal
			 * starts a chain of its own, which must not take the
			 * next hits from the one that has followed it all along */
			if (best == nopen || open[j].hits > open[best].hits ||
			    (open[j].hits == open[best].hits && drift < best_drift)) {
				best = j;
				best_drift = drift;
			}
		}
		if (best < nopen) {
			scd_chain *c = &open[best];
			c->last = i;
			if (h[i].pb < h[c->bfirst].pb)
				c->bfirst = i;
			if (h[i].pb > h[c->blast].pb)
				c->blast = i;
			c->hits++;
			continue;
		}
		if (error == 0 && (error = scd_array_grow(open, nopen, cap)) == 0) {
			open[nopen].first = open[nopen].last = i;
			open[nopen].bfirst = open[nopen].blast = i;
			open[nopen].hits = 1;
			nopen++;
		}
	}
	for (j = 0; j < nopen && error == 0; j++)
		error = fn(h, &open[j], payload);
	free(open);
	return error;
}
