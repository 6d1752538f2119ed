/*
 * The fingerprint index (fpindex.h): counting sort on the top bits of the
 * hash, then a stable sort inside each bucket.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "index/fpindex.h"
#include "util/array.h"
#include "util/error.h"
#include "util/parallel.h"

unsigned int scd_fpindex_bits(size_t n)
{
	unsigned int bits = 0;

	/* 2^bits ≥ n / 2: buckets of two postings on average */
	while (bits < SCD_FPINDEX_MAX_BITS && ((size_t)1 << bits) < n / 2)
		bits++;
	return bits;
}

/*
 * Large arrays are written once in a random order (the scatter): huge
 * pages spare TLB misses and page faults there (the redesign issue
 * measured them to help on the 5 MB pair of bench/run.sh; where
 * transparent huge pages are off this is a no-op).  Only a hint.
 */
static void *alloc_big(size_t bytes)
{
	void *p = malloc(bytes ? bytes : 1);
#ifdef MADV_HUGEPAGE
	if (p && bytes >= ((size_t)4 << 20)) {
		/* the whole pages inside the allocation */
		uintptr_t from = ((uintptr_t)p + 4095) & ~(uintptr_t)4095;
		uintptr_t to = ((uintptr_t)p + bytes) & ~(uintptr_t)4095;
		if (to > from)
			madvise((void *)from, to - from, MADV_HUGEPAGE);
	}
#endif
	return p;
}

/* Stable sort by hash of v[0..n), with tmp[0..n) as scratch (merge
 * sort; insertion sort below 16, where buckets almost always are). */
static void sort_bucket(scd_posting *v, scd_posting *tmp, size_t n)
{
	size_t i, j, k, mid;

	if (n <= 16) {
		for (i = 1; i < n; i++) {
			scd_posting x = v[i];
			for (j = i; j > 0 && v[j - 1].hash > x.hash; j--)
				v[j] = v[j - 1];
			v[j] = x;
		}
		return;
	}
	mid = n / 2;
	sort_bucket(v, tmp, mid);
	sort_bucket(v + mid, tmp, n - mid);
	memcpy(tmp, v, n * sizeof(*v));
	for (i = 0, j = mid, k = 0; i < mid && j < n;)
		v[k++] = tmp[j].hash < tmp[i].hash ? tmp[j++] : tmp[i++];
	while (i < mid)
		v[k++] = tmp[i++];
	while (j < n)
		v[k++] = tmp[j++];
}

/* One thread's share of the build: the buckets [b0, b1).  It writes
 * start[b0 .. b1) only, so the two shares never touch the same entry. */
typedef struct {
	const scd_posting *in;
	scd_posting *out;
	size_t n;
	uint32_t *start;
	unsigned int bits;
	size_t b0, b1;
	size_t before; /* postings in buckets below b0 (set by the caller) */
} build_job;

static int build_part(void *arg)
{
	build_job *j = arg;
	const scd_posting *in = j->in;
	uint32_t *start = j->start;
	scd_posting *tmp = NULL;
	size_t i, b, at, cap = 0, end;
	unsigned int shift = j->bits ? 64 - j->bits : 0;

#define BUCKET(h) (j->bits ? (size_t)((h) >> shift) : 0)
	for (b = j->b0; b < j->b1; b++)
		start[b] = 0;
	for (i = 0; i < j->n; i++) {
		b = BUCKET(in[i].hash);
		if (b >= j->b0 && b < j->b1)
			start[b]++;
	}
	for (b = j->b0, at = j->before; b < j->b1; b++) {
		size_t c = start[b];
		start[b] = (uint32_t)at;
		at += c;
	}
	end = at;
	/* scatter, start[b] running ahead as bucket b fills: afterwards it
	 * is where bucket b ends, i.e. where b + 1 begins */
	for (i = 0; i < j->n; i++) {
		b = BUCKET(in[i].hash);
		if (b >= j->b0 && b < j->b1)
			j->out[start[b]++] = in[i];
	}
#undef BUCKET
	for (b = j->b1 - 1; b > j->b0; b--)
		start[b] = start[b - 1];
	start[j->b0] = (uint32_t)j->before;
	for (b = j->b0; b < j->b1; b++) {
		size_t from = start[b], to = b + 1 < j->b1 ? start[b + 1] : end;
		if (to - from < 2)
			continue;
		if (to - from > 16 && to - from > cap) {
			scd_posting *t = realloc(tmp, (to - from) * sizeof(*t));
			if (!t) {
				free(tmp);
				return scd_error__nomem();
			}
			tmp = t;
			cap = to - from;
		}
		sort_bucket(j->out + from, tmp, to - from);
	}
	free(tmp);
	return 0;
}

int scd_fpindex_build(scd_fpindex *x, scd_posting *e, size_t n,
		      unsigned int bits)
{
	size_t nb = (size_t)1 << bits, i, low = 0;
	scd_posting *out;
	uint32_t *start;
	build_job j0, j1;
	int error;

	memset(x, 0, sizeof(*x));
	if (bits > SCD_FPINDEX_MAX_BITS || n >= UINT32_MAX) {
		free(e);
		return scd_error__set(SCD_EINVALID, "fingerprint index: %zu postings, %u bits",
				      n, bits);
	}
	out = alloc_big(n * sizeof(*out));
	start = alloc_big((nb + 1) * sizeof(*start));
	if (!out || !start) {
		free(out);
		free(start);
		free(e);
		return scd_error__nomem();
	}
	/* the two halves of the buckets (by the top bit) on two threads;
	 * the upper half begins after the postings of the lower */
	if (bits > 0) {
		uint64_t top = (uint64_t)1 << 63;
		for (i = 0; i < n; i++)
			low += !(e[i].hash & top);
	} else {
		low = n;
	}
	j0 = (build_job){ e, out, n, start, bits, 0, bits ? nb / 2 : 1, 0 };
	j1 = (build_job){ e, out, n, start, bits, bits ? nb / 2 : 1, bits ? nb : 1, low };
	error = bits > 0 ? scd_parallel__two_sized(n, build_part, &j0, build_part, &j1)
			 : build_part(&j0);
	start[nb] = (uint32_t)n;
	free(e);
	if (error < 0) {
		free(out);
		free(start);
		return error;
	}
	x->e = x->own_e = out;
	x->n = n;
	x->start = x->own_start = start;
	x->bits = bits;
	return 0;
}

void scd_fpindex_view(scd_fpindex *x, const scd_posting *e, size_t n,
		      const uint32_t *start, unsigned int bits)
{
	memset(x, 0, sizeof(*x));
	x->e = e;
	x->n = n;
	x->start = start;
	x->bits = bits;
}

void scd_fpindex_free(scd_fpindex *x)
{
	if (!x)
		return;
	free(x->own_e);
	free(x->own_start);
	memset(x, 0, sizeof(*x));
}

void scd_fpindex_table(uint32_t *start, const scd_posting *e, size_t n,
		       unsigned int bits)
{
	size_t k, b = 0, nb = (size_t)1 << bits;

	for (k = 0; k < n; k++) {
		size_t top = bits ? (size_t)(e[k].hash >> (64 - bits)) : 0;
		while (b <= top)
			start[b++] = (uint32_t)k;
	}
	while (b <= nb)
		start[b++] = (uint32_t)n;
}

int scd_posting_cmp(const void *a, const void *b)
{
	const scd_posting *x = a, *y = b;
	const uint64_t kx[] = { x->hash, x->doc, x->pos }, ky[] = { y->hash, y->doc, y->pos };
	return scd_array_cmp_keys(kx, ky, 3);
}
