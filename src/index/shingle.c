/*
 * Winnowing (Schleimer, Wilkerson, Aiken 2003), robust variant: in every
 * window of w consecutive k-gram hashes the minimum is selected, the
 * rightmost one on ties, and recorded once however many windows select it.
 * A monotone deque of candidate minima makes the whole pass O(n).
 */
#include <stdlib.h>
#include <string.h>
/* inline XXH3: a k-gram is a few dozen bytes, where a call costs as much
 * as the hash itself */
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "scodiff/shingle.h"
#include "util/array.h"
#include "util/error.h"

uint64_t scd_shingle_hash(const uint32_t *gram, unsigned int k)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return XXH3_64bits(gram, (size_t)k * sizeof(*gram));
#else
	/* hash the little-endian bytes, so that hashes agree across hosts */
	unsigned char buf[4 * SCD_SHINGLE_MAX_K];
	unsigned int i, n = k < SCD_SHINGLE_MAX_K ? k : SCD_SHINGLE_MAX_K;
	for (i = 0; i < n; i++) {
		buf[4 * i] = (unsigned char)gram[i];
		buf[4 * i + 1] = (unsigned char)(gram[i] >> 8);
		buf[4 * i + 2] = (unsigned char)(gram[i] >> 16);
		buf[4 * i + 3] = (unsigned char)(gram[i] >> 24);
	}
	return XXH3_64bits(buf, (size_t)n * 4);
#endif
}

int scd_shingle_winnow(scd_fingerprint **out, size_t *out_len,
		       const uint32_t *key, size_t n, unsigned int k,
		       unsigned int w)
{
	size_t ngrams, cap, len = 0, i, head = 0, tail = 0;
	size_t last = (size_t)-1, ring, rmask;
	scd_fingerprint *fp;
	uint32_t *dq; /* positions; hashes increase from head to tail */
	uint64_t *hash;

	*out = NULL;
	*out_len = 0;
	if (k == 0 || w == 0 || k > SCD_SHINGLE_MAX_K)
		return scd_error__set(SCD_EINVALID, "winnowing needs 1 ≤ k ≤ %d and w ≥ 1",
				      SCD_SHINGLE_MAX_K);
	if (n < k)
		return 0;
	ngrams = n - k + 1;
	/* density is 2/(w+1) on random text; the bound is one per k-gram */
	cap = ngrams < 64 ? ngrams : ngrams / (w > 1 ? w / 2 : 1) + 64;
	if (cap > ngrams)
		cap = ngrams;
	fp = malloc(cap * sizeof(*fp));
	/* dq and hash are rings indexed by position & rmask: a window holds
	 * w + 1 positions at most while it slides */
	for (ring = 2; ring < (size_t)w + 1; ring *= 2)
		;
	rmask = ring - 1;
	dq = malloc(ring * sizeof(*dq));
	hash = malloc(ring * sizeof(*hash));
	if (!fp || !dq || !hash) {
		free(fp);
		free(dq);
		free(hash);
		return scd_error__nomem();
	}
	for (i = 0; i < ngrams; i++) {
		uint64_t h = scd_shingle_hash(key + i, k);

		hash[i & rmask] = h;
		/* drop candidates that can never be a rightmost minimum again */
		while (tail > head && hash[dq[(tail - 1) & rmask] & rmask] >= h)
			tail--;
		dq[tail & rmask] = (uint32_t)i;
		tail++;
		/* the window is (i-w, i]: forget what fell out */
		if (i >= w && dq[head & rmask] <= i - w)
			head++;
		if (i + 1 >= w || i + 1 == ngrams) {
			size_t m = dq[head & rmask];
			if (m != last) {
				if (scd_array_grow(fp, len, cap) < 0) {
					free(fp);
					free(dq);
					free(hash);
					return SCD_ENOMEM;
				}
				fp[len].hash = hash[m & rmask];
				fp[len].pos = (uint32_t)m;
				len++;
				last = m;
			}
		}
	}
	free(dq);
	free(hash);
	*out = fp;
	*out_len = len;
	return 0;
}

int scd_shingle_winnow_part(scd_fingerprint **out, size_t *out_len,
			    const uint32_t *key, size_t n, unsigned int k,
			    unsigned int w, unsigned int part,
			    unsigned int parts)
{
	size_t ngrams, nwin, first, last, from, to, i;
	int error;

	*out = NULL;
	*out_len = 0;
	if (parts == 0 || part >= parts)
		return scd_error__set(SCD_EINVALID, "winnowing part %u of %u", part, parts);
	if (k == 0 || w == 0 || k > SCD_SHINGLE_MAX_K)
		return scd_error__set(SCD_EINVALID, "winnowing needs 1 ≤ k ≤ %d and w ≥ 1",
				      SCD_SHINGLE_MAX_K);
	ngrams = n >= k ? n - k + 1 : 0;
	/* a key with fewer than w k-grams has one (short) window */
	nwin = ngrams > w ? ngrams - w + 1 : (ngrams ? 1 : 0);
	first = nwin * part / parts;
	last = nwin * (part + 1) / parts; /* windows [first, last) */
	if (first == last)
		return 0;
	from = first;                                  /* first k-gram */
	to = (last - 1 + w < ngrams ? last - 1 + w : ngrams) + k - 1; /* key end */
	if ((error = scd_shingle_winnow(out, out_len, key + from, to - from, k, w)) < 0)
		return error;
	for (i = 0; i < *out_len; i++)
		(*out)[i].pos += (uint32_t)from;
	return 0;
}

int scd_shingle_join(scd_fingerprint **out, size_t *out_len,
		     scd_fingerprint *x, size_t nx, scd_fingerprint *y,
		     size_t ny)
{
	scd_fingerprint *u;
	size_t i = 0, j = 0, n = 0;

	*out = NULL;
	*out_len = 0;
	if (!ny || !nx) {
		*out = nx ? x : y;
		*out_len = nx ? nx : ny;
		free(nx ? y : x);
		return 0;
	}
	if (!(u = malloc((nx + ny) * sizeof(*u)))) {
		free(x);
		free(y);
		return scd_error__nomem();
	}
	while (i < nx || j < ny) {
		if (j == ny || (i < nx && x[i].pos < y[j].pos))
			u[n++] = x[i++];
		else if (i == nx || y[j].pos < x[i].pos)
			u[n++] = y[j++];
		else {
			u[n++] = x[i++]; /* chosen on both sides of the split */
			j++;
		}
	}
	free(x);
	free(y);
	*out = u;
	*out_len = n;
	return 0;
}
