/*
 * Scanning a collection for repeated passages (scan.h).
 *
 * 1. Fingerprints.  Each file is read, normalised (normalize.h) and
 *    winnowed (shingle.h) on one of two threads; only its fingerprints
 *    are kept, with their key positions and text offsets, and the file is
 *    let go.  Memory: 24 bytes a fingerprint, about 5 bytes a key
 *    character with k = w = 8.
 * 2. Index.  The fingerprints of all files sorted by hash are the
 *    postings.  A hash in at least `boilerplate_docs` documents, or seen
 *    more than MAX_OCC times, is a formula (set aside for step 5); every
 *    other hash seen twice or more gives its pairs of occurrences: hits.
 * 3. Passages.  Hits sorted by document pair and position are chained,
 *    as a seed-and-extend search chains its seeds (BLAST; here with the
 *    winnowing guarantee as the seed rule): the next hit extends a chain
 *    when it lies after the chain's last hit on both sides within
 *    SCD_CHAIN_GAP key characters (index/chain.h).  A chain of MIN_HITS
 *    hits or more, at least min_length key characters long on both
 *    sides, is a passage pair.
 * 4. Clusters.  The two sides of every passage pair are intervals of a
 *    document, joined by union-find; intervals of one document that
 *    overlap by half the longer are one passage and are joined too.  Each
 *    component is a cluster; its intervals in one document, merged where
 *    they overlap, are its members.
 * 5. Boilerplate.  The occurrences of formula hashes, chained within each
 *    document, joined when they share a hash: a group in at least
 *    `boilerplate_docs` documents whose occurrences are short is a
 *    formula, listed apart; a long one is a widely copied statement and
 *    joins the clusters.
 * 6. Second pass.  The files holding members are read again for byte
 *    offsets, lines and texts (each member's text a slice of its file,
 *    scd_input_slice(), not a copy decoded again); each cluster's
 *    canonical member (the one linked to most others, then the longest)
 *    is compared with each other member (diff.h): members below the
 *    similarity threshold are dropped, and the differences counted by
 *    kind.  With keep_texts the slices and comparisons stay in the result
 *    for the HTML report; else each goes once its cluster is done.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "scodiff/scan.h"
#include "scodiff/shingle.h"
#include "scodiff/diff.h"
#include "text/segment.h"
#include "index/chain.h"
#include "index/fingerprint.h"
#include "index/fpindex.h"
#include "util/array.h"
#include "util/error.h"
#include "util/parallel.h"
#include "util/trace.h"

/* A hash seen more often than this gives no pairs (their number grows
 * with its square); it is treated as a formula. */
#define MAX_OCC 32
/* Least hits in a chain: the winnowing guarantee gives a shared run of
 * 2t = 30 key characters (SCD_SCAN_MIN_LENGTH) two fingerprints. */
#define MIN_HITS 2
/* Intervals of one document are one passage when they overlap by at
 * least this share of the longer. */
#define SAME_PASSAGE 0.5
/* A formula group whose occurrences are, at the median, this many times
 * min_length or longer is a widely copied statement, not boilerplate. */
#define LONG_FORMULA 4

typedef struct {
	uint64_t hash;
	uint32_t doc, pos;  /* key position of the k-gram */
	uint32_t tbeg, tend; /* its text span */
} fp_entry;

/* Hits (chain.h): (da, pa) < (db, pb); ia, ib index the two fp_entry. */
typedef scd_hit hit;

typedef struct {
	uint32_t doc;
	uint32_t kbeg, kend; /* key positions */
	uint32_t tbeg, tend; /* text offsets */
	uint32_t links;      /* passage pairs behind it */
} interval;

typedef struct {
	scd_scan *scan;
	const scd_scan_options *o;
	const char *const *paths;
	uint32_t *nkey; /* key characters of each document */
	/* where each document's fingerprints are: doc_n[d] of them at
	 * fp[doc_t[d]] + doc_at[d] */
	size_t *doc_at;
	uint32_t *doc_n;
	unsigned char *doc_t;
	/* per thread */
	fp_entry *fp[2];
	size_t nfp[2], capfp[2];
} pass1;

/* qsort() of n elements; a null or one-element array is sorted already
 * (qsort's pointer must not be null, even for none). */
static void sort_n(void *base, size_t n, size_t size,
		   int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

/* ---- 1. fingerprints ----------------------------------------------------- */

static int take_file(pass1 *p, int t, size_t d)
{
	scd_scan_doc *doc = &p->scan->docs[d];
	scd_input *in = NULL;
	scd_key *key = NULL;
	scd_fingerprint *f = NULL;
	size_t nf = 0, len, i, n;
	const char *text;
	const uint32_t *b, *e;
	int error;

	if ((error = scd_input_read(&in, p->paths[d], &p->o->input)) < 0) {
		if (error == SCD_ENOMEM)
			return error;
		if (!(doc->error = strdup(scd_error_last())))
			return scd_error__nomem();
		return 0;
	}
	doc->bytes = scd_input_size(in);
	if (!(doc->encoding = strdup(scd_input_encoding(in)))) {
		error = scd_error__nomem();
		goto done;
	}
	text = scd_input_text(in, &len);
	if ((error = scd_fingerprint__text(&key, &f, &nf, text, len, &p->o->normalize,
					   p->o->k, p->o->w)) < 0)
		goto done;
	n = scd_key_len(key);
	if (n > UINT32_MAX - 1) {
		error = scd_error__set(SCD_EINVALID, "'%s': too large", p->paths[d]);
		goto done;
	}
	p->nkey[d] = (uint32_t)n;
	b = scd_key_begins(key);
	e = scd_key_ends(key);
	if ((error = scd_array__reserve(&p->fp[t], &p->capfp[t], p->nfp[t] + nf,
					sizeof(fp_entry))) < 0)
		goto done;
	p->doc_at[d] = p->nfp[t];
	p->doc_n[d] = (uint32_t)nf;
	p->doc_t[d] = (unsigned char)t;
	for (i = 0; i < nf; i++) {
		fp_entry *x = &p->fp[t][p->nfp[t]++];
		x->hash = f[i].hash;
		x->doc = (uint32_t)d;
		x->pos = f[i].pos;
		x->tbeg = b[f[i].pos];
		x->tend = e[f[i].pos + p->o->k - 1];
	}
done:
	free(f);
	scd_key_free(key);
	scd_input_free(in);
	return error;
}

static int pass1_item(void *arg, int thread, size_t d)
{
	return take_file(arg, thread, d);
}

static void pass1_done(void *arg, size_t done, size_t n)
{
	const pass1 *p = arg;

	if (p->o->progress)
		p->o->progress(done, n, p->o->payload);
}

/* ---- 2. index ------------------------------------------------------------ */

/*
 * Both threads' fingerprints in one array sorted by hash, then document,
 * then position: the documents' runs laid end to end in document order,
 * indexed by hash (fpindex.h, which keeps that order among equal hashes),
 * and the array put in the index's order in place.
 */
static int sort_fps(fp_entry **out, pass1 *p, size_t ndocs, size_t n)
{
	fp_entry *v = malloc((n ? n : 1) * sizeof(*v));
	scd_posting *e = NULL;
	scd_fpindex x;
	size_t d, i, at = 0;
	int error;

	*out = NULL;
	if (v)
		for (d = 0; d < ndocs; d++) {
			if (p->doc_n[d])
				memcpy(v + at, p->fp[p->doc_t[d]] + p->doc_at[d],
				       p->doc_n[d] * sizeof(*v));
			at += p->doc_n[d];
		}
	free(p->fp[0]);
	free(p->fp[1]);
	p->fp[0] = p->fp[1] = NULL;
	if (!v || !(e = malloc((n ? n : 1) * sizeof(*e)))) {
		free(v);
		return scd_error__nomem();
	}
	for (i = 0; i < n; i++) {
		e[i].hash = v[i].hash;
		e[i].doc = v[i].doc;
		e[i].pos = (uint32_t)i;
	}
	if ((error = scd_fpindex_build(&x, e, n, scd_fpindex_bits(n))) < 0) {
		free(v);
		return error;
	}
	/* v[i] := v[x.e[i].pos], cycle by cycle; a visited place is marked
	 * in the index's own copy, which is let go afterwards */
	for (i = 0; i < n; i++) {
		size_t j = i, k;
		fp_entry hold;
		if (x.own_e[i].pos == UINT32_MAX)
			continue;
		hold = v[i];
		while ((k = x.own_e[j].pos) != i) {
			v[j] = v[k];
			x.own_e[j].pos = UINT32_MAX;
			j = k;
		}
		v[j] = hold;
		x.own_e[j].pos = UINT32_MAX;
	}
	scd_fpindex_free(&x);
	*out = v;
	return 0;
}

typedef struct {
	const scd_scan_options *o;
	const fp_entry *fp;
	size_t nfp;
	size_t bp_docs;
	hit *hits;
	size_t nhits, caphits;
	uint32_t *formula; /* indexes of formula fingerprints */
	size_t nformula, capformula;
} index_state;

static int postings(index_state *s)
{
	const fp_entry *fp = s->fp;
	size_t i, j, x, y;
	int error;

	for (i = 0; i < s->nfp; i = j) {
		size_t df = 1;
		for (j = i + 1; j < s->nfp && fp[j].hash == fp[i].hash; j++)
			df += fp[j].doc != fp[j - 1].doc;
		if (j - i < 2)
			continue;
		if (df >= s->bp_docs || j - i > MAX_OCC) {
			if ((error = scd_array__reserve(&s->formula, &s->capformula,
							s->nformula + (j - i), sizeof(uint32_t))) < 0)
				return error;
			for (x = i; x < j; x++)
				s->formula[s->nformula++] = (uint32_t)x;
			continue;
		}
		for (x = i; x < j; x++) {
			for (y = x + 1; y < j; y++) {
				hit *h;
				int same = fp[x].doc == fp[y].doc;
				if (same ? !s->o->within : !s->o->across)
					continue;
				/* a repeat inside one document cannot overlap
				 * itself (runs of one character, 哈哈哈哈) */
				if (same && fp[y].pos - fp[x].pos < s->o->min_length)
					continue;
				if ((error = scd_array_grow(s->hits, s->nhits, s->caphits)) < 0)
					return error;
				h = &s->hits[s->nhits++];
				h->da = fp[x].doc;
				h->db = fp[y].doc;
				h->pa = fp[x].pos;
				h->pb = fp[y].pos;
				h->ia = (uint32_t)x;
				h->ib = (uint32_t)y;
			}
		}
	}
	return 0;
}

/* ---- 3. passages --------------------------------------------------------- */

static int cmp_hit(const void *x, const void *y)
{
	const hit *a = x, *b = y;
	const uint64_t ka[] = { a->da, a->db, a->pa, a->pb }, kb[] = { b->da, b->db, b->pa, b->pb };
	return scd_array_cmp_keys(ka, kb, 4);
}

typedef struct {
	const scd_scan_options *o;
	const fp_entry *fp;
	interval *iv; /* two per passage pair: iv[2i] and iv[2i + 1] */
	size_t niv, capiv;
} passage_state;

/* A chain of hits (chain.h) long enough is a passage pair. */
static int close_chain(const hit *h, const scd_chain *c, void *payload)
{
	passage_state *s = payload;
	const hit *first = &h[c->first], *last = &h[c->last];
	const hit *bfirst = &h[c->bfirst], *blast = &h[c->blast];
	uint32_t la = last->pa + s->o->k - first->pa;
	uint32_t lb = blast->pb + s->o->k - bfirst->pb;
	interval *a, *b;
	int error;

	if (c->hits < MIN_HITS || la < s->o->min_length || lb < s->o->min_length)
		return 0;
	/* one document: the two sides must not overlap */
	if (first->da == first->db && last->pa + s->o->k > bfirst->pb)
		return 0;
	if ((error = scd_array__reserve(&s->iv, &s->capiv, s->niv + 2, sizeof(interval))) < 0)
		return error;
	a = &s->iv[s->niv++];
	b = &s->iv[s->niv++];
	a->doc = first->da;
	a->kbeg = first->pa;
	a->kend = last->pa + s->o->k;
	a->tbeg = s->fp[first->ia].tbeg;
	a->tend = s->fp[last->ia].tend;
	b->doc = first->db;
	b->kbeg = bfirst->pb;
	b->kend = blast->pb + s->o->k;
	b->tbeg = s->fp[bfirst->ib].tbeg;
	b->tend = s->fp[blast->ib].tend;
	a->links = b->links = 1;
	return 0;
}

/* ---- 4. clusters --------------------------------------------------------- */

static size_t uf_find(size_t *parent, size_t x)
{
	while (parent[x] != x) {
		parent[x] = parent[parent[x]];
		x = parent[x];
	}
	return x;
}

static void uf_union(size_t *parent, size_t x, size_t y)
{
	x = uf_find(parent, x);
	y = uf_find(parent, y);
	if (x != y)
		parent[x < y ? y : x] = x < y ? x : y;
}

static _Thread_local const interval *sort_iv; /* qsort has no payload */

static int cmp_iv_index(const void *x, const void *y)
{
	const interval *a = &sort_iv[*(const size_t *)x], *b = &sort_iv[*(const size_t *)y];
	const uint64_t ka[] = { a->doc, a->kbeg, a->kend }, kb[] = { b->doc, b->kbeg, b->kend };
	return scd_array_cmp_keys(ka, kb, 3);
}

typedef struct {
	size_t root;
	size_t iv;
} labelled;

static int cmp_labelled(const void *x, const void *y)
{
	const labelled *a = x, *b = y;
	const interval *p = &sort_iv[a->iv], *q = &sort_iv[b->iv];
	const uint64_t ka[] = { a->root, p->doc, p->kbeg }, kb[] = { b->root, q->doc, q->kbeg };
	return scd_array_cmp_keys(ka, kb, 3);
}

/* A cluster before its texts are known: members as intervals. */
typedef struct {
	interval *m;
	size_t n;
	int boilerplate;
} draft;

typedef struct {
	draft *d;
	size_t n, cap;
} drafts;

/*
 * Intervals iv[0..n) joined by parent[] into drafts: per component, the
 * intervals of one document merged where they overlap.  Components with
 * fewer than two members are dropped.
 */
static int collect(drafts *out, interval *iv, size_t n, size_t *parent,
		   int boilerplate)
{
	labelled *l = malloc((n ? n : 1) * sizeof(*l));
	size_t i, j;
	int error = 0;

	if (!l)
		return scd_error__nomem();
	for (i = 0; i < n; i++) {
		l[i].root = uf_find(parent, i);
		l[i].iv = i;
	}
	sort_iv = iv;
	sort_n(l, n, sizeof(*l), cmp_labelled);
	for (i = 0; i < n && error == 0; i = j) {
		draft d = { NULL, 0, boilerplate };
		size_t cap = 0;
		for (j = i; j < n && l[j].root == l[i].root; j++) {
			const interval *x = &iv[l[j].iv];
			interval *last = d.n ? &d.m[d.n - 1] : NULL;
			if (last && last->doc == x->doc && x->kbeg < last->kend) {
				if (x->kend > last->kend) {
					last->kend = x->kend;
					last->tend = x->tend;
				}
				last->links += x->links;
				continue;
			}
			if ((error = scd_array_grow(d.m, d.n, cap)) < 0)
				break;
			d.m[d.n++] = *x;
		}
		if (error == 0 && d.n >= 2 &&
		    (error = scd_array_grow(out->d, out->n, out->cap)) == 0) {
			out->d[out->n++] = d;
			d.m = NULL;
		}
		free(d.m);
	}
	free(l);
	return error;
}

/* Join the passage pairs' intervals and those of one passage. */
static int cluster_passages(drafts *out, interval *iv, size_t n)
{
	size_t *parent = malloc((n ? n : 1) * sizeof(*parent));
	size_t *order = malloc((n ? n : 1) * sizeof(*order));
	size_t i, j;
	int error;

	if (!parent || !order) {
		free(parent);
		free(order);
		return scd_error__nomem();
	}
	for (i = 0; i < n; i++) {
		parent[i] = i;
		order[i] = i;
	}
	for (i = 0; i + 1 < n; i += 2)
		uf_union(parent, i, i + 1);
	sort_iv = iv;
	sort_n(order, n, sizeof(*order), cmp_iv_index);
	for (i = 0; i < n; i++) {
		const interval *x = &iv[order[i]];
		for (j = i + 1; j < n; j++) {
			const interval *y = &iv[order[j]];
			uint32_t ov, lx, ly;
			if (y->doc != x->doc || y->kbeg >= x->kend)
				break;
			ov = (y->kend < x->kend ? y->kend : x->kend) - y->kbeg;
			lx = x->kend - x->kbeg;
			ly = y->kend - y->kbeg;
			if (ov >= SAME_PASSAGE * (double)(lx > ly ? lx : ly))
				uf_union(parent, order[i], order[j]);
		}
	}
	free(order);
	error = collect(out, iv, n, parent, 0);
	free(parent);
	return error;
}

/* ---- 5. boilerplate ------------------------------------------------------ */

static _Thread_local const fp_entry *sort_fp; /* qsort has no payload */

static int cmp_formula_place(const void *x, const void *y)
{
	const fp_entry *a = &sort_fp[*(const uint32_t *)x], *b = &sort_fp[*(const uint32_t *)y];
	const uint64_t ka[] = { a->doc, a->pos }, kb[] = { b->doc, b->pos };
	return scd_array_cmp_keys(ka, kb, 2);
}

static _Thread_local const uint64_t *sort_min; /* qsort has no payload */

static int cmp_by_min(const void *x, const void *y)
{
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	const uint64_t ka[] = { sort_min[i], i }, kb[] = { sort_min[j], j };
	return scd_array_cmp_keys(ka, kb, 2);
}

static int cmp_size(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	return (a > b) - (a < b);
}

/* Fingerprints in run r (runs are consecutive in f[], r < nrun). */
static size_t run_len(const size_t *rstart, size_t nrun, size_t n, size_t r)
{
	return (r + 1 < nrun ? rstart[r + 1] : n) - rstart[r];
}

/* Share of the larger of runs r and c's fingerprints that both have. */
static double shared_share(const fp_entry *fp, const uint32_t *f,
			   const size_t *rstart, size_t nrun, size_t n,
			   size_t r, size_t c)
{
	size_t lr = run_len(rstart, nrun, n, r), lc = run_len(rstart, nrun, n, c);
	size_t i, j, same = 0;

	for (i = 0; i < lr; i++)
		for (j = 0; j < lc; j++)
			if (fp[f[rstart[r] + i]].hash == fp[f[rstart[c] + j]].hash) {
				same++;
				break;
			}
	return (double)same / (double)(lr > lc ? lr : lc);
}

/*
 * The formula fingerprints f[0..n) (indexes into fp, sorted by hash)
 * chained into occurrences per document and grouped by shared hashes.
 */
static int formulae(drafts *out, const fp_entry *fp, uint32_t *f, size_t n,
		    size_t bp_docs, const scd_scan_options *o)
{
	size_t min_length = o->min_length;
	unsigned int kgram = o->k, w = o->w;
	uint64_t *runmin = malloc((n ? n : 1) * sizeof(*runmin)); /* least hash of each run */
	size_t *rstart = malloc((n ? n : 1) * sizeof(*rstart)); /* its first in f[] */
	interval *iv = NULL;
	size_t niv = 0, capiv = 0, *parent = NULL, i;
	drafts all = { NULL, 0, 0 };
	int error = 0;

	if (!runmin || !rstart) {
		error = scd_error__nomem();
		goto done;
	}
	sort_fp = fp;
	sort_n(f, n, sizeof(*f), cmp_formula_place);
	for (i = 0; i < n && error == 0; i++) {
		const fp_entry *x = &fp[f[i]], *prev = i ? &fp[f[i - 1]] : NULL;
		if (!prev || prev->doc != x->doc || x->pos - prev->pos > 2 * (uint32_t)w) {
			if ((error = scd_array_grow(iv, niv, capiv)) < 0)
				break;
			iv[niv].doc = x->doc;
			iv[niv].kbeg = x->pos;
			iv[niv].tbeg = x->tbeg;
			iv[niv].links = 1;
			runmin[niv] = x->hash;
			rstart[niv] = i;
			niv++;
		}
		iv[niv - 1].kend = x->pos + kgram;
		iv[niv - 1].tend = x->tend;
		if (x->hash < runmin[niv - 1])
			runmin[niv - 1] = x->hash;
	}
	if (error < 0)
		goto done;
	if (!(parent = malloc((niv ? niv : 1) * sizeof(*parent)))) {
		error = scd_error__nomem();
		goto done;
	}
	for (i = 0; i < niv; i++)
		parent[i] = i;
	/* occurrences with the same least hash are candidates for one
	 * formula (their fingerprints are the same but for noise, and the
	 * least of them survives noise elsewhere); each joins its group's
	 * typical occurrence (the commonest number of fingerprints) if they
	 * share half their fingerprints.  Joining on any shared hash instead
	 * chains unrelated text through the common phrases in it (measured:
	 * one group of 727,806 occurrences at 100 MB) */
	{
		size_t *order = malloc((niv ? niv : 1) * sizeof(*order)), a, b, k;
		if (!order) {
			error = scd_error__nomem();
			goto done;
		}
		for (i = 0; i < niv; i++)
			order[i] = i;
		sort_min = runmin;
		sort_n(order, niv, sizeof(*order), cmp_by_min);
		for (a = 0; a < niv; a = b) {
			size_t c = order[a], best = 0;
			for (b = a + 1; b < niv && runmin[order[b]] == runmin[order[a]]; b++)
				;
			for (i = a; i < b; i++) {
				size_t same = 0, len = run_len(rstart, niv, n, order[i]);
				for (k = a; k < b; k++)
					same += run_len(rstart, niv, n, order[k]) == len;
				if (same > best) {
					best = same;
					c = order[i];
				}
			}
			for (i = a; i < b; i++)
				if (order[i] != c &&
				    shared_share(fp, f, rstart, niv, n, order[i], c) >= 0.5)
					uf_union(parent, order[i], c);
		}
		free(order);
	}
	if ((error = collect(&all, iv, niv, parent, 1)) < 0)
		goto done;
	/* widely found and short: boilerplate; long: a statement; in few
	 * documents (a hash frequent in one text): kept only if long */
	for (i = 0; i < all.n && error == 0; i++) {
		draft *d = &all.d[i];
		size_t docs = 0, j, *len = malloc(d->n * sizeof(*len)), median;
		if (!len) {
			error = scd_error__nomem();
			break;
		}
		for (j = 0; j < d->n; j++) {
			docs += !j || d->m[j].doc != d->m[j - 1].doc;
			len[j] = d->m[j].kend - d->m[j].kbeg;
		}
		sort_n(len, d->n, sizeof(*len), cmp_size);
		median = len[d->n / 2];
		free(len);
		if (median >= LONG_FORMULA * min_length)
			d->boilerplate = 0;
		else if (docs < bp_docs)
			continue; /* dropped below */
		if (d->boilerplate == 0 && median < min_length)
			continue;
		if ((error = scd_array_grow(out->d, out->n, out->cap)) < 0)
			break;
		out->d[out->n++] = *d;
		d->m = NULL;
	}
done:
	for (i = 0; i < all.n; i++)
		free(all.d[i].m);
	free(all.d);
	free(parent);
	free(iv);
	free(runmin);
	free(rstart);
	return error;
}

/* ---- 6. second pass ------------------------------------------------------ */

typedef struct {
	uint32_t doc;
	uint32_t cluster, member;
} member_ref;

static int cmp_ref(const void *x, const void *y)
{
	const member_ref *a = x, *b = y;
	const uint64_t ka[] = { a->doc, a->cluster, a->member }, kb[] = { b->doc, b->cluster, b->member };
	return scd_array_cmp_keys(ka, kb, 3);
}

typedef struct {
	scd_scan *scan;
	const scd_scan_options *o;
	const char *const *paths;
	drafts *dr;
	member_ref *refs;
	size_t nrefs;
	size_t *doc_first; /* refs of document d: [doc_first[d], doc_first[d + 1]) */
} pass2;

/* Bytes of the union of the spans sp[0..n) (sorted by start). */
static size_t union_bytes(size_t (*sp)[2], size_t n)
{
	size_t total = 0, i, end = 0;

	for (i = 0; i < n; i++) {
		size_t b = sp[i][0] > end ? sp[i][0] : end;
		if (sp[i][1] > b)
			total += sp[i][1] - b;
		if (sp[i][1] > end)
			end = sp[i][1];
	}
	return total;
}

static int cmp_span(const void *x, const void *y)
{
	const size_t *a = x, *b = y;
	return (a[0] > b[0]) - (a[0] < b[0]);
}

/* Each document's bytes inside a member of any cluster or formula. */
static int repeated_bytes(scd_scan *scan)
{
	size_t total = 0, i, k, *at, *next;
	size_t (*sp)[2];
	const scd_scan_cluster *all = scan->clusters;

	for (i = 0; i < scan->nclusters + scan->nboilerplate; i++)
		total += all[i].nmembers;
	at = calloc(scan->ndocs + 1, sizeof(*at));
	next = calloc(scan->ndocs + 1, sizeof(*next));
	sp = malloc((total ? total : 1) * sizeof(*sp));
	if (!at || !next || !sp) {
		free(at);
		free(next);
		free(sp);
		return scd_error__nomem();
	}
	/* spans grouped by document: count, offsets, fill */
	for (i = 0; i < scan->nclusters + scan->nboilerplate; i++)
		for (k = 0; k < all[i].nmembers; k++)
			at[all[i].members[k].doc + 1]++;
	for (i = 0; i < scan->ndocs; i++)
		at[i + 1] += at[i];
	memcpy(next, at, (scan->ndocs + 1) * sizeof(*at));
	for (i = 0; i < scan->nclusters + scan->nboilerplate; i++)
		for (k = 0; k < all[i].nmembers; k++) {
			const scd_scan_member *m = &all[i].members[k];
			sp[next[m->doc]][0] = m->span[0];
			sp[next[m->doc]++][1] = m->span[1];
		}
	for (i = 0; i < scan->ndocs; i++) {
		sort_n(sp + at[i], at[i + 1] - at[i], sizeof(*sp), cmp_span);
		scan->docs[i].repeated_bytes = union_bytes(sp + at[i], at[i + 1] - at[i]);
	}
	free(at);
	free(next);
	free(sp);
	return 0;
}

/* The places of document d's members, and their texts as slices of it
 * (which keep the decoded document until the last of them goes). */
static int take_members(pass2 *p, size_t d)
{
	size_t r0 = p->doc_first[d], r1 = p->doc_first[d + 1], r, len;
	scd_input *in = NULL;
	int error = 0;

	if (r0 == r1)
		return 0;
	if ((error = scd_input_read(&in, p->paths[d], &p->o->input)) < 0) {
		/* changed or gone since the first pass: its members go */
		if (error == SCD_ENOMEM)
			return error;
		if (!p->scan->docs[d].error && !(p->scan->docs[d].error = strdup(scd_error_last())))
			return scd_error__nomem();
		return 0;
	}
	scd_input_text(in, &len);
	for (r = r0; r < r1 && error == 0; r++) {
		const member_ref *ref = &p->refs[r];
		const interval *iv = &p->dr->d[ref->cluster].m[ref->member];
		scd_scan_member *m = &p->scan->clusters[ref->cluster].members[ref->member];
		uint32_t tb = iv->tbeg, te = iv->tend;
		if (te > len || tb > te) {
			/* the file changed between the passes */
			te = tb = 0;
		}
		m->doc = d;
		m->span[0] = scd_input_offset(in, tb);
		m->span[1] = scd_input_offset(in, te);
		m->lines[0] = scd_input_line(in, tb);
		m->lines[1] = scd_input_line(in, te > tb ? te - 1 : tb);
		m->chars = iv->kend - iv->kbeg;
		error = scd_input_slice(&m->input, in, tb, te);
	}
	scd_input_free(in);
	return error;
}

static int pass2_item(void *arg, int thread, size_t d)
{
	(void)thread;
	return take_members(arg, d);
}

/* The text closed up for display: whitespace goes, except one space
 * between two words of a spaced script (segment.h). */
static char *closed_up(const char *t, size_t len)
{
	char *out = malloc(len + 1);
	size_t i = 0, n = 0;
	int space = 0;
	UChar32 prev = 0;

	if (!out)
		return NULL;
	while (i < len) {
		UChar32 c;
		size_t at = i;
		U8_NEXT((const uint8_t *)t, i, len, c);
		if (c < 0)
			continue;
		if (u_isUWhiteSpace(c)) {
			space = 1;
			continue;
		}
		if (space && n && scd_segment_keeps_space((uint32_t)prev, (uint32_t)c))
			out[n++] = ' ';
		space = 0;
		memcpy(out + n, t + at, i - at);
		n += i - at;
		prev = c;
	}
	out[n] = '\0';
	return out;
}

typedef struct {
	pass2 *p;
	size_t from, step;
	double threshold;
	int keep; /* scd_scan_options.keep_texts */
} compare_job;

static void member_clear(scd_scan_member *m)
{
	scd_diff_free(m->diff);
	scd_input_free(m->input);
	m->diff = NULL;
	m->input = NULL;
}

static void cluster_clear(scd_scan_cluster *c)
{
	size_t m;

	for (m = 0; m < c->nmembers; m++)
		member_clear(&c->members[m]);
	free(c->canonical);
	free(c->members);
}

/* Bytes of the member's text (0 when it has none). */
static size_t text_len(const scd_scan_member *m)
{
	size_t len = 0;

	if (m->input)
		scd_input_text(m->input, &len);
	return len;
}

/* Compare the members of cl with its canonical one, cl->members[best]:
 * their similarity, and the differences of those kept counted (and, to
 * keep, the comparisons). */
static int compare_members(scd_scan_cluster *cl, size_t best, double threshold,
			   int keep, double *sum, size_t *n)
{
	const scd_input *canon = cl->members[best].input;
	size_t m;
	int error = 0;

	for (m = 0; m < cl->nmembers; m++) {
		scd_scan_member *x = &cl->members[m];
		scd_diff *d = NULL;
		size_t k;
		if (m == best || !x->input)
			continue;
		if ((error = scd_diff_inputs(&d, canon, x->input, NULL)) < 0)
			break;
		x->similarity = d->similarity;
		if (d->similarity >= threshold) {
			for (k = 0; k < SCD_KIND__COUNT; k++)
				if (k != SCD_KIND_LAYOUT)
					cl->counts[k] += d->counts[k];
			*sum += d->similarity;
			(*n)++;
			if (keep) {
				x->diff = d;
				d = NULL;
			}
		}
		scd_diff_free(d);
	}
	return error;
}

/* A formula's canonical occurrence: the commonest length of text (the
 * longest occurrences take in the text around the formula). */
static size_t typical_member(const scd_scan_member *mb, size_t n)
{
	size_t best = 0, best_same = 0, i, j;

	for (i = 0; i < n; i++) {
		size_t same = 0;
		if (!mb[i].input)
			continue;
		for (j = 0; j < n; j++)
			same += mb[j].input && text_len(&mb[j]) == text_len(&mb[i]);
		if (same > best_same || (same == best_same && text_len(&mb[i]) < text_len(&mb[best]))) {
			best = i;
			best_same = same;
		}
	}
	return best;
}

/* The member a cluster is shown by: the one linked to most others, then
 * the longest (a formula: typical_member()). */
static size_t canonical_of(const scd_scan_cluster *cl, const interval *iv)
{
	const scd_scan_member *mb = cl->members;
	size_t best = 0, m;

	/* a member whose file could not be read again has no text */
	for (m = 0; m < cl->nmembers; m++)
		if (mb[m].input && (!mb[best].input || iv[m].links > iv[best].links ||
				    (iv[m].links == iv[best].links &&
				     text_len(&mb[m]) > text_len(&mb[best]))))
			best = m;
	if (mb[best].input && cl->boilerplate)
		best = typical_member(mb, cl->nmembers);
	return best;
}

/* Choose cl's canonical member, compare the others with it, and drop
 * those too unlike it. */
static int compare_cluster(scd_scan_cluster *cl, const interval *iv, double threshold,
			   int keep)
{
	size_t best = canonical_of(cl, iv), m, kept = 0, n = 0;
	const char *text;
	size_t len;
	double sum = 0;
	int error;

	if (!cl->members[best].input) {
		cl->nmembers = 0; /* no member has a text */
		return 0;
	}
	cl->canonical_member = best;
	text = scd_input_text(cl->members[best].input, &len);
	if (!(cl->canonical = closed_up(text, len)))
		return scd_error__nomem();
	cl->members[best].similarity = 1;
	if (cl->boilerplate) {
		/* formulae are listed, not compared */
		for (m = 0; m < cl->nmembers; m++)
			cl->members[m].similarity = cl->members[m].input ? 1 : 0;
	} else if ((error = compare_members(cl, best, threshold, keep, &sum, &n)) < 0) {
		return error;
	}
	/* members too unlike the canonical one are dropped */
	for (m = 0; m < cl->nmembers; m++) {
		if (m != best && (cl->boilerplate ? !cl->members[m].input :
				  cl->members[m].similarity < threshold)) {
			member_clear(&cl->members[m]);
			continue;
		}
		if (m == best)
			cl->canonical_member = kept;
		cl->members[kept++] = cl->members[m];
	}
	cl->nmembers = kept;
	cl->similarity = cl->boilerplate ? 1 : n ? sum / (double)n : 0;
	for (m = 0; !keep && m < kept; m++)
		member_clear(&cl->members[m]);
	return 0;
}

static int compare_run(void *arg)
{
	compare_job *j = arg;
	scd_scan *scan = j->p->scan;
	size_t c;
	int error = 0;

	for (c = j->from; c < scan->nclusters && error == 0; c += j->step)
		error = compare_cluster(&scan->clusters[c], j->p->dr->d[c].m, j->threshold,
					j->keep);
	return error;
}

/* ---- the whole scan ------------------------------------------------------ */

static size_t cluster_size(const scd_scan_cluster *c)
{
	return c->nmembers ? c->members[c->canonical_member].chars * c->nmembers : 0;
}

static int cmp_cluster(const void *x, const void *y)
{
	const scd_scan_cluster *a = x, *b = y;
	size_t sa, sb;
	if (a->boilerplate != b->boilerplate)
		return a->boilerplate - b->boilerplate;
	if (a->boilerplate && a->ndocs != b->ndocs)
		return a->ndocs > b->ndocs ? -1 : 1;
	sa = cluster_size(a);
	sb = cluster_size(b);
	if (sa != sb)
		return sa > sb ? -1 : 1;
	if (a->members[0].doc != b->members[0].doc)
		return a->members[0].doc < b->members[0].doc ? -1 : 1;
	return (a->members[0].span[0] > b->members[0].span[0]) -
	       (a->members[0].span[0] < b->members[0].span[0]);
}

void scd_scan_free(scd_scan *scan)
{
	size_t i;

	if (!scan)
		return;
	for (i = 0; i < scan->ndocs; i++) {
		free(scan->docs[i].path);
		free(scan->docs[i].encoding);
		free(scan->docs[i].error);
	}
	free(scan->docs);
	/* boilerplate follows the clusters in one array */
	for (i = 0; i < scan->nclusters + scan->nboilerplate; i++)
		cluster_clear(&scan->clusters[i]);
	free(scan->clusters);
	free(scan);
}

/* Steps 1-5: fingerprints to drafts. */
static int find_drafts(drafts *dr, scd_scan *scan, const char *const *paths,
		       const scd_scan_options *o, size_t *bp_docs)
{
	pass1 p;
	index_state ix;
	passage_state ps;
	fp_entry *fp = NULL;
	scd_chain_rule rule = SCD_CHAIN_RULE_INIT;
	size_t nfp, i, j;
	int error;

	memset(&p, 0, sizeof(p));
	memset(&ix, 0, sizeof(ix));
	memset(&ps, 0, sizeof(ps));
	p.scan = scan;
	p.o = o;
	p.paths = paths;
	i = scan->ndocs ? scan->ndocs : 1;
	p.nkey = calloc(i, sizeof(*p.nkey));
	p.doc_at = calloc(i, sizeof(*p.doc_at));
	p.doc_n = calloc(i, sizeof(*p.doc_n));
	p.doc_t = calloc(i, sizeof(*p.doc_t));
	if (!p.nkey || !p.doc_at || !p.doc_n || !p.doc_t) {
		error = scd_error__nomem();
		goto done;
	}
	error = scd_parallel__each(scan->ndocs, pass1_item, pass1_done, &p);
	if (error < 0)
		goto done;
	for (i = 0; i < scan->ndocs; i++)
		scan->nskipped += scan->docs[i].error != NULL;
	nfp = p.nfp[0] + p.nfp[1];
	scd_trace__stage("scan: fingerprinted", nfp);
	if ((error = sort_fps(&fp, &p, scan->ndocs, nfp)) < 0)
		goto done;
	scd_trace__stage("scan: sorted", nfp);

	*bp_docs = o->boilerplate_docs;
	if (*bp_docs == 0)
		*bp_docs = scd_fingerprint__formula_docs(scan->ndocs - scan->nskipped);
	ix.o = o;
	ix.fp = fp;
	ix.nfp = nfp;
	ix.bp_docs = *bp_docs;
	if ((error = postings(&ix)) < 0)
		goto done;
	scd_trace__stage("scan: hits", ix.nhits);
	sort_n(ix.hits, ix.nhits, sizeof(*ix.hits), cmp_hit);
	ps.o = o;
	ps.fp = fp;
	for (i = 0; i < ix.nhits && error == 0; i = j) {
		for (j = i + 1; j < ix.nhits && ix.hits[j].da == ix.hits[i].da &&
				ix.hits[j].db == ix.hits[i].db; j++)
			;
		error = scd_chain_hits(ix.hits + i, j - i, &rule, close_chain, &ps);
	}
	if (error < 0)
		goto done;
	scd_trace__stage("scan: passage pairs", ps.niv / 2);
	if ((error = cluster_passages(dr, ps.iv, ps.niv)) < 0)
		goto done;
	error = formulae(dr, fp, ix.formula, ix.nformula, *bp_docs, o);
	scd_trace__stage("scan: clusters", dr->n);
done:
	free(p.nkey);
	free(p.doc_at);
	free(p.doc_n);
	free(p.doc_t);
	free(p.fp[0]);
	free(p.fp[1]);
	free(fp);
	free(ix.hits);
	free(ix.formula);
	free(ps.iv);
	return error;
}

static int check_options(const scd_scan_options *o, size_t n)
{
	if (o->k == 0 || o->k > SCD_SHINGLE_MAX_K || o->w == 0)
		return scd_error__set(SCD_EINVALID, "winnowing needs 1 ≤ k ≤ %d and w ≥ 1",
				      SCD_SHINGLE_MAX_K);
	if (o->min_length < (size_t)o->k + o->w)
		return scd_error__set(SCD_EINVALID, "minimum passage length %zu is below %u characters",
				      o->min_length, o->k + o->w);
	if (!(o->threshold >= 0 && o->threshold <= 1))
		return scd_error__set(SCD_EINVALID, "similarity threshold must lie between 0 and 1");
	if (!o->within && !o->across)
		return scd_error__set(SCD_EINVALID, "nothing to look for: neither within nor across documents");
	if (n > UINT32_MAX - 1)
		return scd_error__set(SCD_EINVALID, "too many files");
	return 0;
}

/* An empty result for the files paths[0..n). */
static int scan_new(scd_scan **out, const char *const *paths, size_t n)
{
	scd_scan *scan;
	size_t i;

	*out = NULL;
	if (!(scan = calloc(1, sizeof(*scan))) ||
	    !(scan->docs = calloc(n ? n : 1, sizeof(*scan->docs)))) {
		free(scan);
		return scd_error__nomem();
	}
	scan->ndocs = n;
	for (i = 0; i < n; i++)
		if (!(scan->docs[i].path = strdup(paths[i]))) {
			scd_scan_free(scan);
			return scd_error__nomem();
		}
	*out = scan;
	return 0;
}

/* The clusters of the drafts, their members still to be read. */
static int make_clusters(scd_scan *scan, const drafts *dr)
{
	size_t i;

	if (!(scan->clusters = calloc(dr->n ? dr->n : 1, sizeof(*scan->clusters))))
		return scd_error__nomem();
	scan->nclusters = dr->n;
	for (i = 0; i < dr->n; i++) {
		scd_scan_cluster *c = &scan->clusters[i];
		c->boilerplate = dr->d[i].boilerplate;
		if (!(c->members = calloc(dr->d[i].n, sizeof(*c->members))))
			return scd_error__nomem();
		c->nmembers = dr->d[i].n;
	}
	return 0;
}

/* Step 6: the files holding members read again, one at a time, and each
 * cluster's members compared; both on two threads. */
static int second_pass(scd_scan *scan, drafts *dr, const char *const *paths,
		       const scd_scan_options *o)
{
	pass2 p2;
	compare_job cj[2];
	size_t i, m, nref = 0, n = scan->ndocs;
	int error;

	memset(&p2, 0, sizeof(p2));
	p2.scan = scan;
	p2.o = o;
	p2.paths = paths;
	p2.dr = dr;
	for (i = 0; i < dr->n; i++)
		nref += dr->d[i].n;
	p2.refs = malloc((nref ? nref : 1) * sizeof(*p2.refs));
	p2.doc_first = calloc(n + 1, sizeof(*p2.doc_first));
	if (!p2.refs || !p2.doc_first) {
		error = scd_error__nomem();
		goto done;
	}
	for (i = 0; i < dr->n; i++)
		for (m = 0; m < dr->d[i].n; m++) {
			member_ref *r = &p2.refs[p2.nrefs++];
			r->doc = dr->d[i].m[m].doc;
			r->cluster = (uint32_t)i;
			r->member = (uint32_t)m;
		}
	sort_n(p2.refs, p2.nrefs, sizeof(*p2.refs), cmp_ref);
	for (i = 0, m = 0; i <= n; i++) {
		while (m < p2.nrefs && p2.refs[m].doc < i)
			m++;
		p2.doc_first[i] = m;
	}
	error = scd_parallel__each(scan->ndocs, pass2_item, NULL, &p2);
	scd_trace__stage("scan: members read", p2.nrefs);
	if (error < 0)
		goto done;
	for (i = 0; i < 2; i++) {
		cj[i].p = &p2;
		cj[i].from = i;
		cj[i].step = 2;
		cj[i].threshold = o->threshold;
		cj[i].keep = o->keep_texts;
	}
	error = scd_parallel__two(compare_run, &cj[0], compare_run, &cj[1]);
	scd_trace__stage("scan: members compared", p2.nrefs);
done:
	free(p2.refs);
	free(p2.doc_first);
	return error;
}

/* Clusters left with fewer than two members go; the others are counted,
 * put in report order and numbered, the formulae after the rest. */
static int finish(scd_scan *scan)
{
	size_t i, m, nmain;

	for (i = 0, m = 0; i < scan->nclusters; i++) {
		scd_scan_cluster *c = &scan->clusters[i];
		size_t k;
		if (c->nmembers < 2) {
			cluster_clear(c);
			continue;
		}
		c->ndocs = 0;
		for (k = 0; k < c->nmembers; k++)
			c->ndocs += !k || c->members[k].doc != c->members[k - 1].doc;
		scan->clusters[m++] = *c;
	}
	scan->nclusters = m;
	sort_n(scan->clusters, scan->nclusters, sizeof(*scan->clusters), cmp_cluster);
	for (nmain = 0; nmain < scan->nclusters && !scan->clusters[nmain].boilerplate; nmain++)
		scan->clusters[nmain].id = nmain + 1;
	scan->boilerplate = scan->clusters + nmain;
	scan->nboilerplate = scan->nclusters - nmain;
	for (i = nmain; i < scan->nclusters; i++)
		scan->clusters[i].id = i + 1;
	scan->nclusters = nmain;
	return repeated_bytes(scan);
}

int scd_scan_files(scd_scan **out, const char *const *paths, size_t n,
		   const scd_scan_options *opts)
{
	scd_scan_options o = SCD_SCAN_OPTIONS_INIT;
	scd_scan *scan = NULL;
	drafts dr = { NULL, 0, 0 };
	size_t i, bp_docs = 0;
	int error;

	*out = NULL;
	if (opts)
		o = *opts;
	if ((error = check_options(&o, n)) < 0)
		return error;
	scd_trace__begin();
	if ((error = scan_new(&scan, paths, n)) < 0 ||
	    (error = find_drafts(&dr, scan, paths, &o, &bp_docs)) < 0)
		goto done;
	scan->boilerplate_docs = bp_docs;
	if ((error = make_clusters(scan, &dr)) < 0 ||
	    (error = second_pass(scan, &dr, paths, &o)) < 0 ||
	    (error = finish(scan)) < 0)
		goto done;
	*out = scan;
	scan = NULL;
done:
	for (i = 0; i < dr.n; i++)
		free(dr.d[i].m);
	free(dr.d);
	if (scan) {
		scan->nclusters += scan->nboilerplate;
		scd_scan_free(scan);
	}
	scd_trace__end();
	return error;
}
