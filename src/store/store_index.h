/*
 * The store's fingerprint index (private): every witness's winnowed
 * fingerprints, found by hash.  Derived data, kept beside the repository
 * in <store>/scodiff-index/: a manifest (store_meta.h) naming the commit
 * it describes, the witnesses by number, and sorted segment files.  New
 * witnesses go to an in-memory table first and are written out as one new
 * segment; segments are merged when the newest is as large as half the
 * one before (a log-structured merge: every entry is rewritten about
 * log2(witnesses) times in all, never once per add).
 */
#ifndef SCD_STORE_INDEX_H
#define SCD_STORE_INDEX_H

#include "store/store_meta.h"
#include "index/fpindex.h"
#include "scodiff/shingle.h"

/* An entry: doc is the witness's number in the manifest, pos the text
 * offset of the k-gram's first character. */
typedef scd_posting scd_store__fp;

/* The shingle length and window of the store's fingerprints: fixed, as
 * every segment must have been made with the same (shingle.h). */
#define SCD_STORE_K SCD_SHINGLE_K
#define SCD_STORE_W SCD_SHINGLE_W

typedef struct scd_store__index scd_store__index;

/*
 * Open the index in folder `dir`.  A missing index is an empty one
 * (commit ""); a damaged one fails with SCD_EINVALID and a message naming
 * the file, and the caller may start afresh with scd_store__index_empty().
 */
int scd_store__index_open(scd_store__index **out, const char *dir);
int scd_store__index_empty(scd_store__index **out, const char *dir);
void scd_store__index_free(scd_store__index *x);

const char *scd_store__index_commit(const scd_store__index *x);
size_t scd_store__index_nwitnesses(const scd_store__index *x);
const char *scd_store__index_witness(const scd_store__index *x, size_t i);
/* Number of witness id, or -1. */
long scd_store__index_find_witness(const scd_store__index *x, const char *id);

/* Add a witness and its fingerprints (in memory until written). */
int scd_store__index_add(scd_store__index *x, const char *id,
			 const scd_store__fp *fp, size_t n);

/*
 * The entries of `hash`: at most `cap` of them go to buf; the number there
 * are is returned.  Entries naming a witness the manifest does not list
 * (a damaged segment) are left out.
 */
size_t scd_store__index_find(const scd_store__index *x, uint64_t hash,
			     scd_store__fp *buf, size_t cap);

/* Write the in-memory entries as a segment, merge, and write the
 * manifest for `commit` (temp file + rename: a reader sees the old or the
 * new manifest, never half of one). */
int scd_store__index_write(scd_store__index *x, const char *commit);

/* Every entry (segments and memory) into *out (malloc'd), for verify. */
int scd_store__index_all(const scd_store__index *x, scd_store__fp **out,
			 size_t *n);

/* Check each segment's checksum and order; problems go to fn. */
int scd_store__index_check(const scd_store__index *x,
			   void (*fn)(const char *problem, void *payload),
			   void *payload);

/* The fingerprints of a decoded text, as the index keeps them, and the
 * number of its key characters into *nkey (may be NULL). */
int scd_store__fingerprints(scd_store__fp **out, size_t *n, size_t *nkey,
			    const char *text, size_t len, uint32_t witness);

#endif
