/*
 * Myers' O(ND) greedy algorithm (Algorithmica 1986, section 2), forward
 * only, keeping each round's furthest-reaching points so that the path can
 * be walked back.  The callers pass gaps of at most a few hundred
 * characters, so the O(D²) trace is small and simpler than the
 * linear-space refinement that git's xdiff uses for whole files.
 */
#include <stdlib.h>
#include <string.h>

#include "align/myers.h"
#include "util/array.h"
#include "util/error.h"

int scd_match__push(scd_match **m, size_t *n, size_t *cap, uint32_t a,
		    uint32_t b, uint32_t len)
{
	int error;

	if (len == 0)
		return 0;
	if (*n && (*m)[*n - 1].a + (*m)[*n - 1].len == a &&
	    (*m)[*n - 1].b + (*m)[*n - 1].len == b) {
		(*m)[*n - 1].len += len;
		return 0;
	}
	if ((error = scd_array_grow(*m, *n, *cap)) < 0)
		return error;
	(*m)[*n].a = a;
	(*m)[*n].b = b;
	(*m)[*n].len = len;
	(*n)++;
	return 0;
}

int scd_myers__diff(scd_match **matches, size_t *n, size_t *cap,
		    const uint32_t *a, uint32_t na, const uint32_t *b,
		    uint32_t nb, uint32_t a_off, uint32_t b_off, uint32_t max_d)
{
	uint32_t pre = 0, suf = 0, N, M, D, d;
	int32_t *trace, *v, off;
	size_t width;
	int error = 0;
	/* matches found walking back, stored reversed and then appended */
	scd_match *back = NULL;
	size_t nback = 0, capback = 0, i;

	while (pre < na && pre < nb && a[pre] == b[pre])
		pre++;
	while (suf < na - pre && suf < nb - pre &&
	       a[na - 1 - suf] == b[nb - 1 - suf])
		suf++;
	if ((error = scd_match__push(matches, n, cap, a_off, b_off, pre)) < 0)
		return error;
	N = na - pre - suf;
	M = nb - pre - suf;
	a += pre;
	b += pre;
	if (N && M) {
		if (max_d > N + M)
			max_d = N + M;
		width = 2 * (size_t)max_d + 3;
		off = (int32_t)max_d + 1;
		trace = malloc(((size_t)max_d + 1) * width * sizeof(*trace));
		if (!trace)
			return scd_error__nomem();
		D = (uint32_t)-1;
		v = trace;
		for (d = 0; d <= max_d && D == (uint32_t)-1; d++) {
			int32_t k;
			int32_t *prev = d ? trace + (d - 1) * width : NULL;
			v = trace + d * width;
			for (k = -(int32_t)d; k <= (int32_t)d; k += 2) {
				int32_t x, y;
				if (d == 0)
					x = 0;
				else if (k == -(int32_t)d ||
					 (k != (int32_t)d && prev[off + k - 1] < prev[off + k + 1]))
					x = prev[off + k + 1];          /* down: insertion */
				else
					x = prev[off + k - 1] + 1;      /* right: deletion */
				y = x - k;
				while (x < (int32_t)N && y < (int32_t)M && a[x] == b[y]) {
					x++;
					y++;
				}
				v[off + k] = x;
				if (x >= (int32_t)N && y >= (int32_t)M) {
					D = d;
					break;
				}
			}
		}
		if (D != (uint32_t)-1) {
			/* walk back from (N, M) */
			int32_t x = (int32_t)N, y = (int32_t)M;
			for (d = D; ; d--) {
				int32_t k = x - y, px, py, x0, len;
				int32_t *prev = d ? trace + (d - 1) * width : NULL;
				if (d == 0) {
					px = py = x0 = 0;
				} else if (k == -(int32_t)d ||
					   (k != (int32_t)d && prev[off + k - 1] < prev[off + k + 1])) {
					px = prev[off + k + 1];  /* came down */
					py = px - (k + 1);
					x0 = px;
				} else {
					px = prev[off + k - 1];  /* came right */
					py = px - (k - 1);
					x0 = px + 1;
				}
				/* the snake on diagonal k: x0 .. x */
				len = x - x0;
				if (len > 0) {
					if ((error = scd_array_grow(back, nback, capback)) < 0)
						break;
					back[nback].a = a_off + pre + (uint32_t)x0;
					back[nback].b = b_off + pre + (uint32_t)(x0 - k);
					back[nback].len = (uint32_t)len;
					nback++;
				}
				if (d == 0)
					break;
				x = px;
				y = py;
			}
			for (i = nback; error == 0 && i-- > 0;)
				error = scd_match__push(matches, n, cap, back[i].a, back[i].b, back[i].len);
		}
		free(back);
		free(trace);
		if (error < 0)
			return error;
	}
	return scd_match__push(matches, n, cap, a_off + pre + N, b_off + pre + M, suf);
}
