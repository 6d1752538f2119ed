/*
 * The fingerprint index (private): the one structure that finds the
 * occurrences of a fingerprint hash, used by the diff (align.c: B's
 * fingerprints), the collection scan (scan.c: every document's) and the
 * store (store_index.c: its segment files are this index on disk).
 *
 * Postings are 16 bytes {hash, doc, pos}, sorted by hash; postings with
 * the same hash keep the order they were given in (the builder is
 * stable), which callers make (doc, position) order.  A table of
 * 2^bits + 1 offsets, one bucket per value of the hash's top `bits` bits,
 * says where each bucket's postings begin, so a lookup reads one table
 * entry and a bucket of about two postings: no probing, no chains, and
 * 16 bytes a posting plus about two for the table (an open-addressing
 * table with chains cost about 90 bytes a fingerprint in align.c).
 *
 * Building is a counting sort on the top bits (two passes, both halves
 * of the buckets on two threads) and a stable sort inside each bucket:
 * O(n) for the uniform hashes XXH3 gives.
 */
#ifndef SCD_FPINDEX_H
#define SCD_FPINDEX_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	uint64_t hash;
	uint32_t doc; /* document, witness or side: the caller's number */
	uint32_t pos; /* the caller's position (key character or text byte) */
} scd_posting;

typedef struct {
	const scd_posting *e;   /* n postings sorted by hash */
	size_t n;
	const uint32_t *start;  /* (1 << bits) + 1 offsets into e */
	unsigned int bits;
	scd_posting *own_e;     /* what scd_fpindex_free() frees */
	uint32_t *own_start;
} scd_fpindex;

/* Largest `bits` accepted (a table of 4 << 28 bytes). */
#define SCD_FPINDEX_MAX_BITS 28

/* The bits that give about two postings a bucket for n postings. */
unsigned int scd_fpindex_bits(size_t n);

/*
 * Index e[0..n) (malloc'd; the index takes it, also on failure) with a
 * table of `bits` bits: e is sorted by hash in place, ties keeping their
 * order.  Returns 0, SCD_ENOMEM or SCD_EINVALID (bits too large, n not
 * below 2^32).  *x is to be freed with scd_fpindex_free().
 */
int scd_fpindex_build(scd_fpindex *x, scd_posting *e, size_t n,
		      unsigned int bits);

/*
 * An index over postings and a table someone else owns (a mapped
 * segment file): nothing is copied or checked beyond what lookups need
 * (an offset past the end is clamped there).
 */
void scd_fpindex_view(scd_fpindex *x, const scd_posting *e, size_t n,
		      const uint32_t *start, unsigned int bits);

void scd_fpindex_free(scd_fpindex *x);

/* The bucket table of e[0..n), already sorted by hash, into start
 * ((1 << bits) + 1 entries): how a segment file is written. */
void scd_fpindex_table(uint32_t *start, const scd_posting *e, size_t n,
		       unsigned int bits);

/* The order of a sorted index, for qsort and merges: hash, then doc,
 * then pos. */
int scd_posting_cmp(const void *a, const void *b);

/* The bucket hash h falls in. */
static inline size_t scd_fpindex__bucket(const scd_fpindex *x, uint64_t h)
{
	return x->bits ? (size_t)(h >> (64 - x->bits)) : 0;
}

/*
 * The postings of hash h: their number, and the first of them (in the
 * order they were given) through *run.  A damaged table (a segment file)
 * cannot lead outside e.
 */
static inline size_t scd_fpindex_find(const scd_fpindex *x, uint64_t h,
				      const scd_posting **run)
{
	size_t b = scd_fpindex__bucket(x, h), i, j;
	size_t end = x->start[b + 1], lo = x->start[b];

	if (end > x->n)
		end = x->n;
	if (lo > end)
		lo = end;
	/* buckets hold ~2 postings in memory, dozens in a segment: narrow
	 * a large one by halving, then step */
	for (i = lo, j = end; j - i > 16;) {
		size_t mid = i + (j - i) / 2;
		if (x->e[mid].hash < h)
			i = mid + 1;
		else
			j = mid;
	}
	for (; i < end && x->e[i].hash < h; i++)
		;
	for (j = i; j < end && x->e[j].hash == h; j++)
		;
	*run = x->e + i;
	return j - i;
}

/* Ask for hash h's bucket to be brought into the cache. */
static inline void scd_fpindex_prefetch(const scd_fpindex *x, uint64_t h)
{
	__builtin_prefetch(&x->start[scd_fpindex__bucket(x, h)]);
}

#endif
