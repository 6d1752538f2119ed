/*
 * Adding witnesses to the store (store.h): one commit per add.
 *
 * Under the store's lock, with the index brought up to the branch:
 *  1. each file is read, hashed as a git blob (the same bytes are one
 *     witness), decoded and fingerprinted;
 *  2. its fingerprints are looked up; those in many witnesses are
 *     formulae and skipped (scd_fingerprint__formula_docs, as in scan); a witness
 *     with SCD_STORE_MIN_HITS shared fingerprints or more is a candidate;
 *  3. the hits on each candidate are chained into regions (as scan
 *     chains them), and the two stretches of each region are compared
 *     (diff.h): every aligned passage of min_length key characters
 *     holding MIN_HITS of the shared fingerprints is a passage pair;
 *  4. a pair joins the statement whose member in the candidate holds at
 *     least half of the pair's side there (a passage of a longer
 *     statement joins it rather than start a statement of its own that
 *     would hold the same text twice; a passage much longer than the
 *     member is a statement of its own), else the two sides make a new
 *     statement;
 *  5. each touched statement's canonical text is recomputed (collate.h,
 *     ties to the earliest witness);
 *  6. blobs and trees are written, then the commit, then the branch moves
 *     (compare-and-swap on the commit read at the start), then the index.
 * A crash before step 6's branch move leaves only unreachable objects.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "store/store_priv.h"
#include "text/input_priv.h"
#include "scodiff/collate.h"
#include "scodiff/normalize.h"
#include "scodiff/shingle.h"
#include "index/chain.h"
#include "util/array.h"
#include "util/error.h"
#include "util/parallel.h"

/* Most candidates a file is compared with (the witnesses sharing the most
 * fingerprints with it). */
#define MAX_CANDIDATES 64

/* A hit (index/chain.h): at pa in the file, at pb in witness number db. */
typedef scd_hit hit;

/* A candidate: hits[first, first + n) are on witness number w. */
struct cand {
	uint32_t w;
	size_t first, n;
};

typedef struct {
	char id[SCD_STORE_ID_LEN + 1];
	scd_store_witness meta;
	git_oid blob;
} new_witness;

typedef struct {
	scd_store *s;
	const scd_store_add_options *o;
	git_tree *tree;
	scd_store__index *x;
	scd_store__stmt *st;
	size_t nst, capst;
	scd_store__mindex ix; /* members by witness */
	size_t next_number;
	/* witnesses of the branch (sorted, as the tree lists them) */
	char **known;
	size_t nknown;
	new_witness *nw;
	size_t nnw, capnw;
	scd_store_added *out;
	size_t capfiles;
} adder;

static int cmp_hit(const void *a, const void *b)
{
	const hit *x = a, *y = b;
	const uint64_t kx[] = { x->db, x->pa, x->pb }, ky[] = { y->db, y->pa, y->pb };
	return scd_array_cmp_keys(kx, ky, 3);
}

static int is_known(const adder *a, const char *id)
{
	size_t lo = 0, hi = a->nknown, i;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(a->known[mid], id);
		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = 0; i < a->nnw; i++)
		if (!strcmp(a->nw[i].id, id))
			return 1;
	return 0;
}

/* The recorded witness of id: its path, and its full blob id into blob
 * (the id is a prefix: two files could share it). */
static const char *known_path(adder *a, const char *id, scd_store_witness *tmp,
			      char blob[41])
{
	size_t i;

	for (i = 0; i < a->nnw; i++)
		if (!strcmp(a->nw[i].id, id)) {
			memcpy(blob, a->nw[i].meta.blob, 41);
			return a->nw[i].meta.path;
		}
	if (scd_store__witness_meta(a->s, a->tree, id, tmp) == 0) {
		memcpy(blob, tmp->blob, 41);
		return tmp->path;
	}
	return NULL;
}

/* ---- statements --------------------------------------------------------- */

/* Add member m to statement number k of the adder, or widen the member of
 * the same witness it overlaps. */
static int add_member(adder *a, size_t k, const scd_store_member *m)
{
	scd_store__stmt *st = &a->st[k];
	size_t i;
	int error;

	/* the same witness's overlapping span: one member, widened */
	for (i = 0; i < st->nm; i++) {
		scd_store_member *x = &st->m[i];
		if (!strcmp(x->witness, m->witness) && x->span[0] < m->span[1] &&
		    m->span[0] < x->span[1]) {
			if (m->span[0] < x->span[0]) {
				x->span[0] = m->span[0];
				x->lines[0] = m->lines[0];
			}
			if (m->span[1] > x->span[1]) {
				x->span[1] = m->span[1];
				x->lines[1] = m->lines[1];
			}
			return 0;
		}
	}
	if ((error = scd_array_grow(st->m, st->nm, st->capm)) < 0 ||
	    (error = scd_store__mindex_add(&a->ix, m->witness, k, st->nm)) < 0)
		return error;
	st->m[st->nm++] = *m;
	return 0;
}

static void member_of(scd_store_member *m, const char *id, const scd_input *in,
		      scd_range r, double sim)
{
	memcpy(m->witness, id, SCD_STORE_ID_LEN + 1);
	m->span[0] = scd_input_offset(in, r.beg);
	m->span[1] = scd_input_offset(in, r.end);
	m->lines[0] = scd_input_line(in, r.beg);
	m->lines[1] = scd_input_line(in, r.end > r.beg ? r.end - 1 : r.beg);
	m->similarity = sim;
}

static int new_statement(adder *a, const scd_store_member *x, const scd_store_member *y)
{
	scd_store__stmt *st;
	int error;

	if ((error = scd_array__reserve(&a->st, &a->capst, a->nst + 1, sizeof(*a->st))) < 0)
		return error;
	st = &a->st[a->nst];
	memset(st, 0, sizeof(*st));
	st->number = a->next_number++;
	st->is_new = st->touched = 1;
	a->nst++;
	/* (on failure the statement stays, with what it got: the add fails
	 * and frees it with the others) */
	if ((error = add_member(a, a->nst - 1, x)) < 0 ||
	    (error = add_member(a, a->nst - 1, y)) < 0)
		return error;
	return 0;
}

/*
 * Regions of a candidate: its hits chained by the hit chainer, as scan
 * chains them (index/chain.h), each chain of REGION_HITS hits or more
 * widened by PAD on both sides.  Only the regions are compared, not the
 * whole files: the winnowing guarantee puts a shared fingerprint in every
 * 15 key characters of a shared passage, so a passage ends within PAD of
 * its outer hits.  The store's index holds text offsets, so the chainer's
 * limits are taken in bytes: STORE_KEY_BYTES a key character, what a Han
 * character takes in UTF-8.
 */
#define STORE_KEY_BYTES 3
/* Hits a chain needs to be compared: a passage of min_length (30) key
 * characters holds about 30 / 4.5 = 6 fingerprints (density 2 / (w + 1)),
 * all shared when the renderings agree; three leave room for two slips,
 * while the stray pairs of a shared phrase (two hits) are not compared. */
#define REGION_HITS 3
#define PAD 128

typedef struct {
	size_t d0, d1, w0, w1; /* text byte ranges in the file and the witness */
	size_t hits;
} region;

typedef struct {
	region *r;
	size_t n, cap;
} regions;

static int cmp_region(const void *x, const void *y)
{
	const region *a = x, *b = y;
	const uint64_t ka[] = { a->d0, a->w0 }, kb[] = { b->d0, b->w0 };
	return scd_array_cmp_keys(ka, kb, 2);
}

static int take_region(const scd_hit *h, const scd_chain *c, void *payload)
{
	regions *rs = payload;
	region *x;
	int error;

	if (c->hits < REGION_HITS)
		return 0;
	if ((error = scd_array_grow(rs->r, rs->n, rs->cap)) < 0)
		return error;
	x = &rs->r[rs->n++];
	x->d0 = h[c->first].pa;
	x->d1 = h[c->last].pa;
	x->w0 = h[c->bfirst].pb;
	x->w1 = h[c->blast].pb;
	x->hits = c->hits;
	return 0;
}

static int regions_of(region **out, size_t *nout, const scd_hit *h, size_t nh)
{
	const scd_chain_rule rule = { SCD_CHAIN_GAP * STORE_KEY_BYTES,
				      SCD_CHAIN_DRIFT * STORE_KEY_BYTES };
	regions rs = { NULL, 0, 0 };
	region *r;
	size_t nr, i, j;
	int error;

	/* h is sorted by position in the file (one witness) */
	if ((error = scd_chain_hits(h, nh, &rule, take_region, &rs)) < 0) {
		free(rs.r);
		return error;
	}
	r = rs.r;
	nr = rs.n;
	/* keep the chains with enough hits, and make one region of those
	 * that meet on both sides (a passage whose chain a cut or a formula
	 * broke must be compared whole, or it would make two statements) */
	if (nr > 1)
		qsort(r, nr, sizeof(*r), cmp_region);
	for (i = 0, j = 0; i < nr; i++) {
		region *p = j ? &r[j - 1] : NULL;
		if (p && r[i].d0 <= p->d1 + 2 * PAD && r[i].w0 <= p->w1 + 2 * PAD &&
		    r[i].w1 + 2 * PAD >= p->w0) {
			if (r[i].d1 > p->d1)
				p->d1 = r[i].d1;
			if (r[i].w0 < p->w0)
				p->w0 = r[i].w0;
			if (r[i].w1 > p->w1)
				p->w1 = r[i].w1;
			p->hits += r[i].hits;
		} else {
			r[j++] = r[i];
		}
	}
	*out = r;
	*nout = j;
	return 0;
}

/* [b, e) widened by PAD within [0, len), on UTF-8 character boundaries. */
static void widen(const char *t, size_t len, size_t *b, size_t *e)
{
	*b = *b > PAD ? *b - PAD : 0;
	*e = *e + PAD + 3 * SCD_SHINGLE_K < len ? *e + PAD + 3 * SCD_SHINGLE_K : len;
	while (*b > 0 && ((unsigned char)t[*b] & 0xC0) == 0x80)
		(*b)--;
	while (*e < len && ((unsigned char)t[*e] & 0xC0) == 0x80)
		(*e)++;
}

/* Where text offset p of the witness side of block `bi` falls on the file
 * side: the differences (layout too) are listed, so between two of them
 * the two texts are the same bytes. */
static uint32_t map_to_a(const scd_diff *d, size_t bi, uint32_t p)
{
	const scd_diff_block *b = &d->blocks[bi];
	uint32_t a = b->a.beg, at = b->b.beg;
	size_t i;

	for (i = 0; i < d->ndiffs; i++) {
		const scd_difference *x = &d->diffs[i];
		if (x->block != bi)
			continue;
		if (x->b.beg >= p)
			break;
		if (x->b.end > p)
			return x->a.beg; /* inside a difference: its start */
		a = x->a.end;
		at = x->b.end;
	}
	a += p - at;
	return a < b->a.end ? a : b->a.end;
}

/* Key characters of t[b, e): the length a passage is measured in. */
static size_t chars_in(const char *t, size_t b, size_t e)
{
	scd_key *k = NULL;
	size_t n = 0;

	if (e > b && scd_normalize(&k, t + b, e - b, NULL) == 0) {
		n = scd_key_len(k);
		scd_key_free(k);
	}
	return n;
}

/*
 * A passage pair (block bi of d; rb its witness side in text offsets of
 * the whole witness; d0, w0 where the compared stretches start) joins the statements whose
 * members in the witness it overlaps, each with the part of the file that
 * faces that member; the parts of rb no statement holds, min_length long,
 * make new statements.  A new rendering of a whole page thus joins every
 * statement the page is in, and not one new statement the size of the page.
 */
static int attach(adder *a, const char *id, const scd_input *in, const char *wid,
		  const scd_input *w, const scd_diff *d, size_t bi, scd_range rb,
		  size_t d0, size_t w0)
{
	const char *wt;
	size_t wlen, i, j, n0 = a->nst;
	double sim = d->blocks[bi].similarity;
	struct cover { uint32_t beg, end; size_t st; } *cv = NULL;
	size_t ncv = 0, cap = 0;
	uint32_t at, k;
	uint64_t key;
	int error = 0;

	wt = scd_input_text(w, &wlen);
	/* the statements' members in the witness that meet rb, by start */
	for (k = scd_store__mindex_first(&a->ix, wid, &key); k != SCD_STORE_MREF_END && error == 0;
	     k = a->ix.v[k].next) {
		const scd_store_member *m;
		uint32_t mb, me, lo, hi;
		if (a->ix.v[k].key != key || a->ix.v[k].st >= n0)
			continue;
		m = &a->st[a->ix.v[k].st].m[a->ix.v[k].m];
		mb = (uint32_t)scd_input_text_at(w, m->span[0]);
		me = (uint32_t)scd_input_text_at(w, m->span[1]);
		lo = mb > rb.beg ? mb : rb.beg;
		hi = me < rb.end ? me : rb.end;
		if (hi <= lo || chars_in(wt, lo, hi) < a->o->min_length)
			continue;
		if ((error = scd_array_grow(cv, ncv, cap)) < 0)
			break;
		cv[ncv].beg = lo;
		cv[ncv].end = hi;
		cv[ncv].st = a->ix.v[k].st;
		ncv++;
	}
	for (i = 1; i < ncv; i++)
		for (j = i; j > 0 && cv[j].beg < cv[j - 1].beg; j--) {
			struct cover t = cv[j];
			cv[j] = cv[j - 1];
			cv[j - 1] = t;
		}
	/* each covered part joins its statement; each gap is a new one */
	at = rb.beg;
	for (i = 0; i <= ncv && error == 0; i++) {
		uint32_t gb = at, ge = i < ncv ? cv[i].beg : rb.end;
		scd_store_member mw, md;
		if (ge > gb && chars_in(wt, gb, ge) >= a->o->min_length) {
			scd_range x = { gb, ge }, y;
			y.beg = map_to_a(d, bi, gb - (uint32_t)w0) + (uint32_t)d0;
			y.end = map_to_a(d, bi, ge - (uint32_t)w0) + (uint32_t)d0;
			if (y.end > y.beg) {
				member_of(&mw, wid, w, x, sim);
				member_of(&md, id, in, y, sim);
				if ((error = new_statement(a, &mw, &md)) < 0)
					break;
			}
		}
		if (i == ncv)
			break;
		{
			scd_range y;
			y.beg = map_to_a(d, bi, cv[i].beg - (uint32_t)w0) + (uint32_t)d0;
			y.end = map_to_a(d, bi, cv[i].end - (uint32_t)w0) + (uint32_t)d0;
			if (y.end > y.beg) {
				member_of(&md, id, in, y, sim);
				if ((error = add_member(a, cv[i].st, &md)) < 0)
					break;
				a->st[cv[i].st].touched = 1;
			}
		}
		if (cv[i].end > at)
			at = cv[i].end;
	}
	free(cv);
	return error;
}

/* Passages of one region: its two stretches compared. */
/* One region to compare: filled in by compare_job (on either thread),
 * used by attach_job (in order, on this one). */
typedef struct {
	const scd_input *in, *w;
	const char *id, *wid;
	region rg;
	const hit *h;   /* the candidate's hits */
	size_t nh;
	size_t d0, w0;  /* where the compared stretches start */
	scd_input *di, *wi;
	scd_diff *d;
	int error;
} job;

static void job_free(job *j)
{
	scd_diff_free(j->d);
	scd_input_free(j->di);
	scd_input_free(j->wi);
	j->d = NULL;
	j->di = j->wi = NULL;
}

static int compare_job(job *j)
{
	scd_diff_options dopt = SCD_DIFF_OPTIONS_INIT;
	const char *dt, *wt;
	size_t dlen, wlen, d1 = j->rg.d1, w1 = j->rg.w1;

	/* every difference listed, layout too, so positions map across */
	dopt.keep_layout = 1;
	dt = scd_input_text(j->in, &dlen);
	wt = scd_input_text(j->w, &wlen);
	j->d0 = j->rg.d0;
	j->w0 = j->rg.w0;
	if (j->w0 > wlen)
		return 0; /* a damaged index: nothing to compare */
	widen(dt, dlen, &j->d0, &d1);
	widen(wt, wlen, &j->w0, &w1);
	if ((j->error = scd_input_slice(&j->di, j->in, j->d0, d1)) < 0 ||
	    (j->error = scd_input_slice(&j->wi, j->w, j->w0, w1)) < 0 ||
	    (j->error = scd_diff_inputs(&j->d, j->di, j->wi, &dopt)) < 0)
		return j->error;
	return 0;
}

typedef struct {
	job *jobs;
	size_t n, first; /* jobs first, first + 2, … */
} job_share;

static int compare_share(void *arg)
{
	job_share *sh = arg;
	size_t i;

	for (i = sh->first; i < sh->n; i += 2)
		compare_job(&sh->jobs[i]);
	return 0;
}

/* The passages of a compared region join or make statements. */
static int attach_job(adder *a, const job *j)
{
	size_t i, k;
	int error = 0;

	if (j->error < 0)
		return j->error;
	for (i = 0; j->d && i < j->d->nblocks && error == 0; i++) {
		const scd_diff_block *b = &j->d->blocks[i];
		scd_range ra = { b->a.beg + (uint32_t)j->d0, b->a.end + (uint32_t)j->d0 };
		scd_range rb = { b->b.beg + (uint32_t)j->w0, b->b.end + (uint32_t)j->w0 };
		size_t shared = 0;
		/* a passage, not a few shared phrases: min_length characters
		 * aligned, and most of it (scan's --threshold, 0.5) */
		if (b->matched < a->o->min_length || b->similarity < SCD_STORE_MIN_SIMILARITY)
			continue;
		for (k = 0; k < j->nh; k++)
			shared += j->h[k].pa >= ra.beg && j->h[k].pa < ra.end &&
				  j->h[k].pb >= rb.beg && j->h[k].pb < rb.end;
		if (shared < SCD_STORE_MIN_HITS)
			continue;
		error = attach(a, j->id, j->in, j->wid, j->w, j->d, i, rb, j->d0, j->w0);
	}
	return error;
}

/*
 * The passages file `id` (decoded as `in`) shares with its candidates
 * cand[0..n): the regions of each, compared on two threads (the
 * comparisons are independent), then attached in order on this one, so
 * the result is the same as one after the other.  Witnesses are decoded
 * only when some region is worth comparing, and held (the cache is
 * pinned) until the file is done.
 */
static int pair_all(adder *a, const char *id, const scd_input *in, const hit *h,
		    const struct cand *cand, size_t n)
{
	job *jobs = NULL;
	size_t nj = 0, capj = 0, i, k, work = 0;
	int error = 0;

	a->s->cache_pinned = 1;
	for (i = 0; i < n && error == 0; i++) {
		const char *wid = scd_store__index_witness(a->x, cand[i].w);
		const scd_input *w;
		region *r = NULL;
		size_t nr = 0;
		if (!wid)
			continue;
		if ((error = regions_of(&r, &nr, h + cand[i].first, cand[i].n)) < 0)
			break;
		if (nr && (error = scd_store__witness_decoded(a->s, a->tree, wid, &w)) == 0 &&
		    (error = scd_array__reserve(&jobs, &capj, nj + nr, sizeof(*jobs))) == 0)
			for (k = 0; k < nr; k++) {
				job *j = &jobs[nj++];
				memset(j, 0, sizeof(*j));
				j->in = in;
				j->w = w;
				j->id = id;
				j->wid = wid;
				j->rg = r[k];
				j->h = h + cand[i].first;
				j->nh = cand[i].n;
				work += r[k].d1 - r[k].d0 + r[k].w1 - r[k].w0 + 4 * PAD;
			}
		free(r);
	}
	if (error == 0 && nj) {
		job_share s0 = { jobs, nj, 0 }, s1 = { jobs, nj, 1 };
		scd_parallel__two_sized(work, compare_share, &s0, compare_share, &s1);
		for (i = 0; i < nj && error == 0; i++)
			error = attach_job(a, &jobs[i]);
	}
	for (i = 0; i < nj; i++)
		job_free(&jobs[i]);
	free(jobs);
	a->s->cache_pinned = 0;
	return error;
}

/* ---- one file ----------------------------------------------------------- */

/* File f, whose id the branch knows already: known, or a clash. */
static int known_file(adder *a, scd_added_file *f, const char *path, const char *hexid)
{
	scd_store_witness tmp = { 0 };
	char blob[41] = "";
	const char *kp = known_path(a, f->id, &tmp, blob);
	int error = 0;

	if (!kp) {
		error = scd_error__set(SCD_EINVALID, "'%s': %s", path, scd_error_last());
	} else if (strcmp(blob, hexid)) {
		error = scd_error__set(SCD_EINVALID, "'%s': its id %s is taken by another "
				       "witness (blob %s, this file's is %s); it cannot be "
				       "recorded", path, f->id, blob, hexid);
	} else {
		f->status = SCD_ADDED_KNOWN;
		if (!(f->known_path = strdup(kp)))
			error = scd_error__nomem();
	}
	scd_store_witness_clear(&tmp);
	return error;
}

/*
 * The hits of fingerprints fp[0..nfp) on the store, formulae left out,
 * by witness and position (*h, *nh), and the witnesses sharing at least
 * SCD_STORE_MIN_HITS of them (*cand, *ncand): the most shared first, ties
 * by witness number (the earlier first).
 */
static int candidates_of(adder *a, const scd_store__fp *fp, size_t nfp, hit **h,
			 size_t *nh, struct cand **cand, size_t *ncand)
{
	scd_store__fp buf[SCD_STORE_FETCH];
	size_t formula = scd_fingerprint__formula_docs(scd_store__index_nwitnesses(a->x) + 1);
	size_t caph = 0, capcand = 0, i, j;
	int error;

	for (i = 0; i < nfp; i++) {
		size_t n = scd_store__lookup(a->x, fp[i].hash, buf, formula);
		if (n == 0)
			continue;
		if ((error = scd_array__reserve(h, &caph, *nh + n, sizeof(**h))) < 0)
			return error;
		for (j = 0; j < n; j++) {
			hit *x = &(*h)[(*nh)++];
			memset(x, 0, sizeof(*x));
			x->db = buf[j].doc;
			x->pa = fp[i].pos;
			x->pb = buf[j].pos;
		}
	}
	if (*nh > 1)
		qsort(*h, *nh, sizeof(**h), cmp_hit);
	for (i = 0; i < *nh; i = j) {
		for (j = i; j < *nh && (*h)[j].db == (*h)[i].db; j++)
			;
		if (j - i < SCD_STORE_MIN_HITS)
			continue;
		if ((error = scd_array__reserve(cand, &capcand, *ncand + 1, sizeof(**cand))) < 0)
			return error;
		(*cand)[*ncand].w = (*h)[i].db;
		(*cand)[*ncand].first = i;
		(*cand)[*ncand].n = j - i;
		(*ncand)++;
	}
	for (i = 1; i < *ncand; i++)
		for (j = i; j > 0; j--) {
			struct cand *c = *cand, t;
			if (!(c[j].n > c[j - 1].n || (c[j].n == c[j - 1].n && c[j].w < c[j - 1].w)))
				break;
			t = c[j];
			c[j] = c[j - 1];
			c[j - 1] = t;
		}
	return 0;
}

/* Record file f (bytes[0..len), decoded as in, nkey key characters) as
 * a new witness: its blob now (unreachable until the commit), its
 * metadata for the commit. */
static int record_witness(adder *a, const scd_added_file *f, const char *path,
			  const void *bytes, size_t len, const scd_input *in, size_t nkey)
{
	git_oid oid;
	new_witness *nw;
	int rc, error;

	if ((rc = git_blob_create_from_buffer(&oid, a->s->repo, bytes, len)) < 0 ||
	    (rc = scd_store__written(a->s, &oid)) < 0)
		return scd_store__git_error(rc, path);
	if ((error = scd_array__reserve(&a->nw, &a->capnw, a->nnw + 1, sizeof(*a->nw))) < 0)
		return error;
	nw = &a->nw[a->nnw];
	memset(nw, 0, sizeof(*nw));
	memcpy(nw->id, f->id, sizeof(nw->id));
	nw->blob = oid;
	memcpy(nw->meta.id, f->id, sizeof(nw->meta.id));
	git_oid_tostr(nw->meta.blob, sizeof(nw->meta.blob), &oid);
	{
		XXH128_hash_t x = XXH3_128bits(bytes, len);
		snprintf(nw->meta.xxh128, sizeof(nw->meta.xxh128), "%016llx%016llx",
			 (unsigned long long)x.high64, (unsigned long long)x.low64);
	}
	nw->meta.bytes = len;
	nw->meta.chars = nkey;
	nw->meta.path = strdup(path);
	nw->meta.encoding = strdup(scd_input_encoding(in));
	nw->meta.added = malloc(21);
	if (!nw->meta.path || !nw->meta.encoding || !nw->meta.added) {
		scd_store_witness_clear(&nw->meta);
		return scd_error__nomem();
	}
	scd_store__now(nw->meta.added);
	a->nnw++;
	return 0;
}

static int add_file(adder *a, const char *path)
{
	scd_added_file *f;
	scd_input *in = NULL;
	scd_store__fp *fp = NULL;
	hit *h = NULL;
	const void *bytes;
	const char *text;
	char hexid[41];
	size_t len, tlen, nfp = 0, nh = 0, nkey = 0, ncand = 0;
	struct cand *cand = NULL;
	git_oid oid;
	int rc, error;

	if ((error = scd_array__reserve(&a->out->files, &a->capfiles, a->out->nfiles + 1,
					sizeof(*a->out->files))) < 0)
		return error;
	f = &a->out->files[a->out->nfiles];
	memset(f, 0, sizeof(*f));
	if (!(f->path = strdup(path)))
		return scd_error__nomem();
	a->out->nfiles++;
	/* read now, decoded only when the store does not hold it */
	if ((error = scd_input__load(&in, path, &a->o->input)) < 0)
		return error;
	len = scd_input_size(in);
	bytes = len ? (const void *)scd_input_bytes(in) : ""; /* no bytes: no pointer */
	if ((rc = git_odb_hash(&oid, bytes, len, GIT_OBJECT_BLOB)) < 0) {
		error = scd_store__git_error(rc, path);
		goto done;
	}
	git_oid_tostr(hexid, sizeof(hexid), &oid);
	memcpy(f->id, hexid, SCD_STORE_ID_LEN);
	f->id[SCD_STORE_ID_LEN] = '\0';
	f->bytes = len;
	if (is_known(a, f->id)) {
		error = known_file(a, f, path, hexid);
		goto done;
	}
	if ((error = scd_input__decode(in, &a->o->input)) < 0)
		goto done;
	if (!(f->encoding = strdup(scd_input_encoding(in)))) {
		error = scd_error__nomem();
		goto done;
	}
	text = scd_input_text(in, &tlen);
	if ((error = scd_store__fingerprints(&fp, &nfp, &nkey, text, tlen, 0)) < 0 ||
	    (error = candidates_of(a, fp, nfp, &h, &nh, &cand, &ncand)) < 0 ||
	    (error = pair_all(a, f->id, in, h, cand,
			      ncand < MAX_CANDIDATES ? ncand : MAX_CANDIDATES)) < 0 ||
	    (error = record_witness(a, f, path, bytes, len, in, nkey)) < 0 ||
	    (error = scd_store__index_add(a->x, f->id, fp, nfp)) < 0)
		goto done;
	error = scd_store__cache_put(a->s, f->id, in);
	in = NULL;
done:
	free(cand);
	free(h);
	free(fp);
	scd_input_free(in);
	return error;
}

/* ---- writing the commit ------------------------------------------------- */

static int blob_of(git_oid *id, scd_store *s, const char *text)
{
	int rc = git_blob_create_from_buffer(id, s->repo, text, strlen(text));

	if (rc < 0)
		return scd_store__git_error(rc, "writing a blob");
	return scd_store__written(s, id);
}

/* A subtree of two files. */
static int pair_tree(git_oid *out, scd_store *s, const char *n1, const git_oid *b1,
		     const char *n2, const git_oid *b2)
{
	git_treebuilder *tb = NULL;
	int rc;

	if ((rc = git_treebuilder_new(&tb, s->repo, NULL)) < 0 ||
	    (rc = git_treebuilder_insert(NULL, tb, n1, b1, GIT_FILEMODE_BLOB)) < 0 ||
	    (rc = git_treebuilder_insert(NULL, tb, n2, b2, GIT_FILEMODE_BLOB)) < 0 ||
	    (rc = git_treebuilder_write(out, tb)) < 0 ||
	    (rc = scd_store__written(s, out)) < 0) {
		git_treebuilder_free(tb);
		return scd_store__git_error(rc, "writing a tree");
	}
	git_treebuilder_free(tb);
	return 0;
}

/* A builder on folder `name` of the branch's tree (empty when absent). */
static int folder_builder(git_treebuilder **tb, adder *a, const char *name)
{
	const git_tree_entry *e = git_tree_entry_byname(a->tree, name);
	git_tree *sub = NULL;
	int rc;

	if (e && (rc = git_tree_lookup(&sub, a->s->repo, git_tree_entry_id(e))) < 0)
		return scd_store__git_error(rc, name);
	rc = git_treebuilder_new(tb, a->s->repo, sub);
	git_tree_free(sub);
	return rc < 0 ? scd_store__git_error(rc, name) : 0;
}

static void describe_change(FILE *f, scd_store__stmt *st)
{
	scd_input *x = NULL, *y = NULL;
	scd_diff *d = NULL;
	size_t i, shown = 0;

	if (scd_input_from_memory(&x, "old", st->old_canonical, strlen(st->old_canonical), NULL) < 0 ||
	    scd_input_from_memory(&y, "new", st->canonical, strlen(st->canonical), NULL) < 0 ||
	    scd_diff_inputs(&d, x, y, NULL) < 0)
		goto done;
	for (i = 0; i < d->ndiffs; i++) {
		const scd_difference *df = &d->diffs[i];
		if (df->kind != SCD_KIND_EDIT && df->kind != SCD_KIND_OCR &&
		    df->kind != SCD_KIND_VARIANT)
			continue;
		if (shown++ == 8) {
			fputs("    …\n", f);
			break;
		}
		/* the message is shown by git and by store log: no raw
		 * control character or line break from the text in it */
		fprintf(f, "    %s: «", scd_kind_name(df->kind));
		scd_quote_write(f, st->old_canonical + df->a.beg, df->a.end - df->a.beg, 0);
		fputs("» → «", f);
		scd_quote_write(f, st->canonical + df->b.beg, df->b.end - df->b.beg, 0);
		fputs("»\n", f);
	}
	if (!shown)
		fputs("    layout or punctuation only\n", f);
done:
	scd_diff_free(d);
	scd_input_free(x);
	scd_input_free(y);
}

static int cmp_stmt_number(const void *x, const void *y)
{
	const scd_store__stmt *a = x, *b = y;

	return (a->number > b->number) - (a->number < b->number);
}

/* Whether this add changed statement st's canonical text. */
static int canonical_changed(const scd_store__stmt *st)
{
	return !st->is_new && st->old_canonical && strcmp(st->old_canonical, st->canonical);
}

/* The new witnesses into `wit`: <id>/meta and <id>/original. */
static int insert_witnesses(adder *a, git_treebuilder *wit)
{
	git_oid id, sub;
	char *text = NULL;
	size_t i;
	int rc, error = 0;

	for (i = 0; i < a->nnw && error == 0; i++) {
		if ((error = scd_store__witness_format(&text, &a->nw[i].meta)) < 0 ||
		    (error = blob_of(&id, a->s, text)) < 0 ||
		    (error = pair_tree(&sub, a->s, "meta", &id, "original", &a->nw[i].blob)) < 0)
			break;
		free(text);
		text = NULL;
		if ((rc = git_treebuilder_insert(NULL, wit, a->nw[i].id, &sub, GIT_FILEMODE_TREE)) < 0)
			error = scd_store__git_error(rc, "witnesses");
	}
	free(text);
	return error;
}

/* The statements this add touched into `sta`: <nnnnnn>/canonical.txt and
 * <nnnnnn>/members. */
static int insert_statements(adder *a, git_treebuilder *sta)
{
	git_oid members, canon, sub;
	char *text = NULL, name[16];
	size_t i;
	int rc, error = 0;

	for (i = 0; i < a->nst && error == 0; i++) {
		scd_store__stmt *st = &a->st[i];
		if (!st->touched)
			continue;
		if ((error = scd_store__members_format(&text, st->m, st->nm)) < 0 ||
		    (error = blob_of(&members, a->s, text)) < 0 ||
		    (error = blob_of(&canon, a->s, st->canonical)) < 0 ||
		    (error = pair_tree(&sub, a->s, "canonical.txt", &canon, "members", &members)) < 0)
			break;
		free(text);
		text = NULL;
		snprintf(name, sizeof(name), "%06zu", st->number);
		if ((rc = git_treebuilder_insert(NULL, sta, name, &sub, GIT_FILEMODE_TREE)) < 0)
			error = scd_store__git_error(rc, "statements");
	}
	free(text);
	return error;
}

/* The branch's tree with this add's witnesses and statements in it. */
static int write_tree(adder *a, git_tree **out)
{
	scd_store *s = a->s;
	git_treebuilder *wit = NULL, *sta = NULL, *root = NULL;
	git_oid t1, t2, tree_id;
	int rc, error;

	if ((error = folder_builder(&wit, a, "witnesses")) < 0 ||
	    (error = folder_builder(&sta, a, "statements")) < 0 ||
	    (error = insert_witnesses(a, wit)) < 0 ||
	    (error = insert_statements(a, sta)) < 0)
		goto done;
	if ((rc = git_treebuilder_new(&root, s->repo, a->tree)) < 0 ||
	    (rc = git_treebuilder_write(&t1, wit)) < 0 || (rc = scd_store__written(s, &t1)) < 0 ||
	    (rc = git_treebuilder_insert(NULL, root, "witnesses", &t1, GIT_FILEMODE_TREE)) < 0 ||
	    (git_treebuilder_entrycount(sta) &&
	     ((rc = git_treebuilder_write(&t2, sta)) < 0 || (rc = scd_store__written(s, &t2)) < 0 ||
	      (rc = git_treebuilder_insert(NULL, root, "statements", &t2, GIT_FILEMODE_TREE)) < 0)) ||
	    (rc = git_treebuilder_write(&tree_id, root)) < 0 ||
	    (rc = scd_store__written(s, &tree_id)) < 0 ||
	    (rc = git_tree_lookup(out, s->repo, &tree_id)) < 0)
		error = scd_store__git_error(rc, "writing the tree");
done:
	git_treebuilder_free(root);
	git_treebuilder_free(sta);
	git_treebuilder_free(wit);
	return error;
}

/* The commit's message: a summary line, then what was recorded. */
static int commit_message(adder *a, char **out)
{
	size_t len, i, nnew = 0, nchanged = 0, touched = 0;
	FILE *m;

	for (i = 0; i < a->nst; i++) {
		if (!a->st[i].touched)
			continue;
		touched++;
		nnew += a->st[i].is_new;
		nchanged += canonical_changed(&a->st[i]);
	}
	if (!(m = open_memstream(out, &len)))
		return scd_error__nomem();
	fprintf(m, "Add %zu witness%s: %zu new statement%s, %zu canonical text%s changed\n\n",
		a->nnw, a->nnw == 1 ? "" : "es", nnew, nnew == 1 ? "" : "s", nchanged,
		nchanged == 1 ? "" : "s");
	fputs("Witnesses:\n", m);
	for (i = 0; i < a->nnw; i++) {
		/* a name with a line break must not fake lines of the message */
		fprintf(m, "  + %s ", a->nw[i].id);
		scd_quote_write(m, a->nw[i].meta.path, strlen(a->nw[i].meta.path), SCD_QUOTE_NAME);
		fprintf(m, " (%zu bytes, %s)\n", a->nw[i].meta.bytes, a->nw[i].meta.encoding);
	}
	if (touched)
		fputs("\nStatements:\n", m);
	for (i = 0; i < a->nst; i++) {
		scd_store__stmt *st = &a->st[i];
		if (!st->touched)
			continue;
		fprintf(m, "  %c %06zu: %zu witness%s\n", st->is_new ? '+' : '~', st->number,
			st->nm, st->nm == 1 ? "" : "es");
		if (canonical_changed(st)) {
			fputs("    canonical text changed (majority of the witnesses, ties to the earliest):\n", m);
			describe_change(m, st);
		}
	}
	if (fclose(m) != 0) {
		free(*out);
		*out = NULL;
		return scd_error__nomem();
	}
	return 0;
}

/* The commit of `tree` on `parent`, and the branch moved to it. */
static int move_branch(adder *a, git_commit *parent, git_tree *tree, const char *msg)
{
	scd_store *s = a->s;
	git_signature *sig = NULL;
	git_reference *ref = NULL;
	git_oid commit_id;
	int rc, error = 0;

	if ((rc = scd_store__signature(&sig, s->repo)) < 0 ||
	    (rc = git_commit_create(&commit_id, s->repo, NULL, sig, sig, NULL, msg, tree,
				    1, (const git_commit **)&parent)) < 0 ||
	    (rc = scd_store__written(s, &commit_id)) < 0) {
		error = scd_store__git_error(rc, "writing the commit");
		goto done;
	}
	/* all objects into the repository, then the branch moves, and only
	 * from the commit this add read */
	if ((error = scd_store__pack_flush(s)) < 0)
		goto done;
	rc = git_reference_create_matching(&ref, s->repo, SCD_STORE_BRANCH, &commit_id, 1,
					   git_commit_id(parent), "scodiff store add");
	if (rc == GIT_EMODIFIED)
		error = scd_error__set(SCD_EIO, "%s: branch main moved during the add (a writer "
				       "that does not take scodiff's lock?); nothing recorded", s->dir);
	else if (rc < 0)
		error = scd_store__git_error(rc, "moving branch main");
	else
		git_oid_tostr(a->out->commit, sizeof(a->out->commit), &commit_id);
done:
	git_reference_free(ref);
	git_signature_free(sig);
	return error;
}

static int write_commit(adder *a, git_commit *parent)
{
	git_tree *tree = NULL;
	char *msg = NULL;
	int error;

	if ((error = write_tree(a, &tree)) == 0 &&
	    (error = commit_message(a, &msg)) == 0 &&
	    (error = move_branch(a, parent, tree, msg)) == 0) {
		a->out->committed = 1;
		a->out->message = msg;
		msg = NULL;
	}
	free(msg);
	git_tree_free(tree);
	return error;
}

/* ---- the add ------------------------------------------------------------ */

static int recompute(adder *a)
{
	size_t i, j;
	int error = 0;

	for (i = 0; i < a->nst && error == 0; i++) {
		scd_store__stmt *st = &a->st[i];
		double *sims;
		char path[64];
		size_t len;
		if (!st->touched)
			continue;
		if (!st->is_new) {
			snprintf(path, sizeof(path), "statements/%06zu/canonical.txt", st->number);
			if ((error = scd_store__read_blob(a->s, a->tree, path, &st->old_canonical,
							  &len)) < 0)
				break;
		}
		if (!(sims = calloc(st->nm, sizeof(*sims))))
			return scd_error__nomem();
		free(st->canonical);
		st->canonical = NULL;
		error = scd_store__canonical(a->s, a->tree, st->m, st->nm, &st->canonical, sims);
		for (j = 0; error == 0 && j < st->nm; j++)
			st->m[j].similarity = sims[j];
		free(sims);
	}
	return error;
}

static int publish(adder *a)
{
	scd_store_added *o = a->out;
	size_t i, j, k = 0;

	for (i = 0; i < a->nst; i++)
		k += a->st[i].touched;
	if (k && !(o->statements = calloc(k, sizeof(*o->statements))))
		return scd_error__nomem();
	for (i = 0; i < a->nst; i++) {
		scd_store__stmt *st = &a->st[i];
		scd_added_statement *x;
		if (!st->touched)
			continue;
		x = &o->statements[o->nstatements++];
		x->statement = st->number;
		x->is_new = st->is_new;
		x->members = st->nm;
		x->canonical_changed = !st->is_new && st->old_canonical &&
				       strcmp(st->old_canonical, st->canonical);
	}
	for (i = 0; i < o->nfiles; i++)
		for (j = 0; j < a->nst; j++)
			for (k = 0; k < a->st[j].nm; k++)
				if (!strcmp(a->st[j].m[k].witness, o->files[i].id)) {
					o->files[i].statements++;
					break;
				}
	return 0;
}

int scd_store_add(scd_store *s, scd_store_added **out,
		  const char *const *paths, size_t n,
		  const scd_store_add_options *opts)
{
	scd_store_add_options o = SCD_STORE_ADD_OPTIONS_INIT;
	adder a;
	git_commit *head = NULL;
	char hex[41];
	size_t i;
	int error;

	*out = NULL;
	if (opts) {
		if (opts->version != SCD_STORE_ADD_OPTIONS_VERSION)
			return scd_error__set(SCD_EINVALID, "store add options: version %u unknown",
					      opts->version);
		o = *opts;
	}
	if (o.min_length < 16)
		return scd_error__set(SCD_EINVALID, "store add: min_length %zu is below 16 "
				      "(two fingerprints need that much)", o.min_length);
	memset(&a, 0, sizeof(a));
	a.s = s;
	a.o = &o;
	if (!(a.out = calloc(1, sizeof(*a.out))))
		return scd_error__nomem();
	if ((error = scd_store__lock(s, o.wait)) < 0)
		goto done;
	/* read the branch under the lock: an add that waited sees the
	 * previous one's commit */
	if ((error = scd_store__head(s, &head, &a.tree)) < 0)
		goto done;
	git_oid_tostr(hex, sizeof(hex), git_commit_id(head));
	if ((error = scd_store__index_sync(s, &a.x, a.tree, hex, 0)) < 0 ||
	    (error = scd_store__load_statements(s, a.tree, &a.st, &a.nst)) < 0 ||
	    (error = scd_store__list(s, a.tree, "witnesses", &a.known, &a.nknown)) < 0)
		goto done;
	if ((error = scd_store__pack_begin(s)) < 0)
		goto done;
	a.capst = a.nst;
	a.next_number = 1;
	for (i = 0; i < a.nst; i++)
		if (a.st[i].number >= a.next_number)
			a.next_number = a.st[i].number + 1;
	if (a.nst > 1)
		qsort(a.st, a.nst, sizeof(*a.st), cmp_stmt_number);
	if ((error = scd_store__mindex_build(&a.ix, a.st, a.nst)) < 0)
		goto done;
	for (i = 0; i < n && error == 0; i++)
		error = add_file(&a, paths[i]);
	if (error < 0)
		goto done;
	if (a.nnw == 0) {
		/* nothing new: no commit */
		error = publish(&a);
		goto done;
	}
	if ((error = recompute(&a)) < 0 || (error = publish(&a)) < 0 ||
	    (error = write_commit(&a, head)) < 0)
		goto done;
	/* the index follows; if writing it fails the next operation catches
	 * up from the witnesses, so the add stands */
	if (scd_store__index_write(a.x, a.out->commit) < 0)
		snprintf(s->note, sizeof(s->note), "index not saved (%s); it will be "
			 "rebuilt", scd_error_last());
done:
	scd_store__pack_drop(s);
	scd_store__unlock(s);
	for (i = 0; i < a.nnw; i++)
		scd_store_witness_clear(&a.nw[i].meta);
	free(a.nw);
	scd_store__free_list(a.known, a.nknown);
	scd_store__mindex_clear(&a.ix);
	scd_store__free_statements(a.st, a.nst);
	scd_store__index_free(a.x);
	scd_store__cache_clear(s);
	git_tree_free(a.tree);
	git_commit_free(head);
	if (error < 0) {
		scd_store_added_free(a.out);
		return error;
	}
	*out = a.out;
	return 0;
}

void scd_store_added_free(scd_store_added *a)
{
	size_t i;

	if (!a)
		return;
	for (i = 0; i < a->nfiles; i++) {
		free(a->files[i].path);
		free(a->files[i].known_path);
		free(a->files[i].encoding);
	}
	free(a->files);
	free(a->statements);
	free(a->message);
	free(a);
}
