/*
 * What the store's modules share (private): the handle, git helpers, the
 * lock, the witness cache, the catching-up of the index, statements as
 * loaded from a commit.
 */
#ifndef SCD_STORE_PRIV_H
#define SCD_STORE_PRIV_H

#include <git2.h>

#include "scodiff/store.h"
#include "scodiff/diff.h"
#include "store/store_meta.h"
#include "store/store_index.h"
#include "index/fingerprint.h"

#define SCD_STORE_BRANCH "refs/heads/main"

/* A hash seen more often than this is a formula whatever its witnesses. */
#define SCD_STORE_MAX_OCC 32
/* Least similarity of the two sides of a passage (scan's threshold). */
#define SCD_STORE_MIN_SIMILARITY 0.5
/* Shared fingerprints a passage needs (scan's MIN_HITS). */
#define SCD_STORE_MIN_HITS 2

typedef struct {
	char id[SCD_STORE_ID_LEN + 1];
	scd_input *in;
	size_t bytes;
} scd_store__cached;

struct scd_store {
	char *dir;
	char *index_dir;
	git_repository *repo;
	git_odb_backend *mempack; /* where an add writes, before its pack */
	git_oid *written;         /* what it wrote there, for the pack */
	size_t nwritten, capwritten;
	int lockfd;
	/* decoded witnesses, dropped all at once past a memory budget */
	scd_store__cached *cache;
	size_t ncache, capcache, cache_bytes;
	int cache_pinned; /* no dropping: decoded inputs are in use */
	/* why the index was rebuilt, if it was (for a note) */
	char note[256];
};

/* libgit2's last error as an scodiff error naming `what`. */
int scd_store__git_error(int code, const char *what);

/* The branch's commit and tree; SCD_ENOTFOUND when the branch is unborn. */
int scd_store__head(scd_store *s, git_commit **commit, git_tree **tree);

/* The bytes of blob `path` in tree (malloc'd copy, NUL added). */
int scd_store__read_blob(scd_store *s, git_tree *tree, const char *path,
			 char **buf, size_t *len);

/* Names of the entries of folder `path` of tree (sorted as git sorts
 * them; each malloc'd).  An absent folder has none. */
int scd_store__list(scd_store *s, git_tree *tree, const char *path,
		    char ***names, size_t *n);
void scd_store__free_list(char **names, size_t n);

/* Objects written after this go to memory, and reach the repository as
 * one pack file with scd_store__pack_flush() (a packfile is written to a
 * temporary name and renamed: all of an add's objects appear at once, and
 * a store of 1,000 adds holds 1,000 packs, not millions of loose files). */
int scd_store__pack_begin(scd_store *s);
/* Note an object written since pack_begin (the pack holds these only). */
int scd_store__written(scd_store *s, const git_oid *id);
int scd_store__pack_flush(scd_store *s);
void scd_store__pack_drop(scd_store *s);

/* Take the store's lock, waiting up to `wait` seconds (0 = try once). */
int scd_store__lock(scd_store *s, unsigned int wait);
void scd_store__unlock(scd_store *s);

/* Witness `id`'s metadata from tree. */
int scd_store__witness_meta(scd_store *s, git_tree *tree, const char *id,
			    scd_store_witness *w);
/* Decode witness `id`'s bytes from tree (cached; borrowed). */
int scd_store__witness_decoded(scd_store *s, git_tree *tree, const char *id,
			       const scd_input **out);
/* Put an input in the cache (taking it). */
int scd_store__cache_put(scd_store *s, const char *id, scd_input *in);
void scd_store__cache_clear(scd_store *s);

/*
 * The index brought up to the commit whose tree is `tree`: opened (or
 * started afresh when missing or damaged), witnesses the tree has and the
 * index lacks fingerprinted into it.  Written back when `write` (the lock
 * is held).  *out is the caller's.
 */
int scd_store__index_sync(scd_store *s, scd_store__index **out,
			  git_tree *tree, const char *commit, int write);

/* The formula bar for a store of n witnesses. */

/* Entries fetched for one hash: one more than SCD_STORE_MAX_OCC. */
#define SCD_STORE_FETCH (SCD_STORE_MAX_OCC + 1)

/* The entries of `hash` into buf[SCD_STORE_FETCH], or 0 when there are
 * none or it is a formula (in `formula` witnesses or more, or seen more
 * than SCD_STORE_MAX_OCC times). */
size_t scd_store__lookup(const scd_store__index *x, uint64_t hash,
			 scd_store__fp *buf, size_t formula);

/* Statements of a commit. */
typedef struct {
	size_t number;
	scd_store_member *m;
	size_t nm, capm;
	char *canonical; /* loaded when needed */
	int touched, is_new;
	char *old_canonical;
} scd_store__stmt;

int scd_store__load_statements(scd_store *s, git_tree *tree,
			       scd_store__stmt **out, size_t *n);
void scd_store__free_statements(scd_store__stmt *st, size_t n);

/* Statement members by witness: a chained hash table over (witness,
 * statement, member) references, so that finding a witness's members
 * does not walk every statement. */
#define SCD_STORE_MREF_END UINT32_MAX
typedef struct {
	uint64_t key;      /* the witness id as a number */
	uint32_t st, m;    /* statement index, member index */
	uint32_t next;
} scd_store__mref;

typedef struct {
	uint32_t *head;    /* 1 << 16 of them */
	scd_store__mref *v;
	size_t n, cap;
} scd_store__mindex;

int scd_store__mindex_build(scd_store__mindex *ix, const scd_store__stmt *st, size_t n);
int scd_store__mindex_add(scd_store__mindex *ix, const char *id, size_t st, size_t m);
/* The first reference of witness id's chain (check .key == *key). */
uint32_t scd_store__mindex_first(const scd_store__mindex *ix, const char *id,
				 uint64_t *key);
void scd_store__mindex_clear(scd_store__mindex *ix);

/* The statement with the member of witness `id` that overlaps the byte
 * span [s, e) most, by at least `share` of the span (of_shorter: of the
 * shorter of the span and the member).  Returns its index or -1. */
long scd_store__statement_of(const scd_store__stmt *st,
			     const scd_store__mindex *ix, const char *id, size_t s,
			     size_t e, double share, int of_shorter);

/* The user's git identity when there is one, else scodiff's. */
int scd_store__signature(git_signature **sig, git_repository *repo);

/* ISO 8601 UTC time of now into out[21]. */
void scd_store__now(char out[21]);

/* Collate statement members: their texts from the witnesses (via the
 * cache) into a canonical text; sims (may be NULL) gets each member's
 * similarity to the pivot.  *canonical is malloc'd. */
int scd_store__canonical(scd_store *s, git_tree *tree,
			 const scd_store_member *m, size_t n,
			 char **canonical, double *sims);

#endif
