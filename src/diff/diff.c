/*
 * The comparison of two inputs, assembled: keys, alignment, and a walk of
 * every block that turns key-level matches and changes back into text
 * differences.
 *
 * Inside a block the walk keeps one invariant, on which the report's
 * promise rests: between two consecutive listed differences (layout
 * included) the text of a and of b is byte for byte the same.  So:
 *  - each aligned pair of key characters whose spans differ is a surface
 *    difference (width, punct, variant; layout if only whitespace);
 *  - the text between two aligned key characters (whitespace, ignorables)
 *    is a layout difference where the two sides differ;
 *  - a change (key characters on one or both sides the alignment left
 *    unpaired) is classified on its trimmed content; the whitespace before
 *    and after that content is compared as layout on its own.
 * Adjacent surface differences of one kind merge (`ＡＢＣ`/`ABC` is one).
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "scodiff/diff.h"
#include "util/array.h"
#include "util/error.h"
#include "util/trace.h"
#include "util/parallel.h"
#include "diff/classify_priv.h"
#include "diff/suggest.h"

/* One input's normalisation, as a job for scd_parallel__two(). */
typedef struct {
	scd_key **out;
	const char *text;
	size_t len;
	const scd_normalize_options *opts;
} norm_job;

static int normalize_job(void *p)
{
	norm_job *j = p;
	return scd_normalize(j->out, j->text, j->len, j->opts);
}

typedef struct {
	const char *ta, *tb;                /* texts */
	uint32_t la, lb;                    /* their lengths */
	uint32_t na, nb;                    /* key lengths */
	const uint32_t *ba, *ea, *bb, *eb;  /* key spans */
	int keep_layout;                    /* store layout differences */
	unsigned int fold;                  /* the keys' SCD_FOLD_* bits */
	scd_difference *diffs;              /* what this walker found */
	size_t ndiffs, cap;
	size_t counts[SCD_KIND__COUNT];     /* stored or not */
	size_t block;
	/* the last difference, stored or not, for merging */
	int has_last, last_stored;
	scd_kind last_kind;
	size_t last_block;
	uint32_t last_a_end, last_b_end;
} walker;

/*
 * Record a difference.  Layout differences are only counted unless the
 * caller keeps them (on a re-wrapped text they are most differences, and
 * storing them to throw them away cost a tenth of the run).
 */
static int add_diff(walker *w, scd_kind kind, uint32_t a0, uint32_t a1,
		    uint32_t b0, uint32_t b1, const scd_verdict *v)
{
	scd_difference *x;
	int error;

	if (kind <= SCD_KIND_VARIANT && w->has_last && w->last_kind == kind &&
	    w->last_block == w->block && w->last_a_end == a0 &&
	    w->last_b_end == b0) {
		/* adjacent to the last one, of its kind: one difference */
		w->last_a_end = a1;
		w->last_b_end = b1;
		if (w->last_stored) {
			scd_difference *last = &w->diffs[w->ndiffs - 1];
			last->a.end = a1;
			last->b.end = b1;
			/* 信息协调/資訊協調: a script variant beside a regional
			 * word is still a regional word */
			if (v && v->reason && !strcmp(v->reason, "regional word"))
				last->reason = v->reason;
		}
		return 0;
	}
	w->counts[kind]++;
	w->has_last = 1;
	w->last_kind = kind;
	w->last_block = w->block;
	w->last_a_end = a1;
	w->last_b_end = b1;
	w->last_stored = kind != SCD_KIND_LAYOUT || w->keep_layout;
	if (!w->last_stored)
		return 0;
	if ((error = scd_array_grow(w->diffs, w->ndiffs, w->cap)) < 0)
		return error;
	x = &w->diffs[w->ndiffs++];
	memset(x, 0, sizeof(*x));
	x->kind = kind;
	x->a.beg = a0;
	x->a.end = a1;
	x->b.beg = b0;
	x->b.end = b1;
	x->block = w->block;
	if (v) {
		x->reason = v->reason;
		x->confidence = v->confidence;
		x->suggested = v->suggest[0] != '\0';
		memcpy(x->suggest, v->suggest, sizeof(x->suggest));
	}
	return 0;
}

static int same(const char *ta, uint32_t a0, uint32_t a1, const char *tb,
		uint32_t b0, uint32_t b1)
{
	return a1 - a0 == b1 - b0 && !memcmp(ta + a0, tb + b0, a1 - a0);
}

/* Text between two key characters: layout where it differs. */
static int gap(walker *w, uint32_t a0, uint32_t a1, uint32_t b0, uint32_t b1)
{
	if (a1 < a0)
		a1 = a0; /* shared span of an NFKC expansion */
	if (b1 < b0)
		b1 = b0;
	if (same(w->ta, a0, a1, w->tb, b0, b1))
		return 0;
	return add_diff(w, SCD_KIND_LAYOUT, a0, a1, b0, b1, NULL);
}

/* The last character before text offset `off` that is not whitespace
 * (0 if none): the neighbour of a change, seen through layout.  The text
 * is valid UTF-8 (input.c made it so). */
static uint32_t char_before(const char *t, uint32_t off)
{
	size_t i = off;

	while (i > 0) {
		size_t j = i - 1;
		int32_t k = 0;
		UChar32 c;

		while (j > 0 && ((unsigned char)t[j] & 0xC0) == 0x80)
			j--;
		U8_NEXT_UNSAFE((const uint8_t *)t + j, k, c);
		if (!u_isUWhiteSpace(c))
			return (uint32_t)c;
		i = j;
	}
	return 0;
}

/* The first character at or after `off` that is not whitespace, or 0. */
static uint32_t char_at(const char *t, uint32_t off, uint32_t end)
{
	size_t i = off;

	while (i < end) {
		int32_t k = 0;
		UChar32 c;

		U8_NEXT_UNSAFE((const uint8_t *)t + i, k, c);
		if (!u_isUWhiteSpace(c))
			return (uint32_t)c;
		i += (size_t)k;
	}
	return 0;
}

/*
 * A change between aligned key characters ia-1/jb-1 and ia1/jb1: a's key
 * characters [ia, ia1) and b's [jb, jb1), either possibly empty.  A
 * leading change (at the start of the texts) has no aligned character
 * before it, a trailing one none after: its region then starts (ends)
 * with its own characters, or, on a side without any, where they would go.
 */
static uint32_t region_start(const uint32_t *beg, const uint32_t *end,
			     uint32_t i, uint32_t i1, int lead)
{
	if (!lead)
		return end[i - 1];
	return beg[i1 > i ? i : i1];
}

static uint32_t region_end(const uint32_t *beg, const uint32_t *end,
			   uint32_t i, uint32_t i1, int trail)
{
	if (!trail)
		return beg[i1];
	return i1 > i ? end[i1 - 1] : end[i - 1];
}

static int change(walker *w, uint32_t ia, uint32_t ia1, uint32_t jb,
		  uint32_t jb1, int lead, int trail)
{
	uint32_t ra0 = region_start(w->ba, w->ea, ia, ia1, lead);
	uint32_t ra1 = region_end(w->ba, w->ea, ia, ia1, trail);
	uint32_t rb0 = region_start(w->bb, w->eb, jb, jb1, lead);
	uint32_t rb1 = region_end(w->bb, w->eb, jb, jb1, trail);
	uint32_t ca0, ca1, cb0, cb1;
	scd_verdict v;
	scd_context xa, xb;
	int error;

	if (ra1 < ra0)
		ra1 = ra0;
	if (rb1 < rb0)
		rb1 = rb0;
	if (ia1 > ia) {
		ca0 = w->ba[ia];
		ca1 = w->ea[ia1 - 1];
	} else {
		ca0 = ca1 = ra0;
	}
	if (jb1 > jb) {
		cb0 = w->bb[jb];
		cb1 = w->eb[jb1 - 1];
	} else {
		cb0 = cb1 = rb0;
	}
	xa.before = char_before(w->ta, ca0);
	xa.after = char_at(w->ta, ca1, w->la);
	xb.before = char_before(w->tb, cb0);
	xb.after = char_at(w->tb, cb1, w->lb);
	scd_classify__folded(&v, w->ta + ca0, ca1 - ca0, w->tb + cb0, cb1 - cb0, &xa, &xb,
			     w->fold);
	if ((error = gap(w, ra0, ca0, rb0, cb0)) < 0)
		return error;
	if ((error = add_diff(w, v.kind, ca0, ca1, cb0, cb1, &v)) < 0)
		return error;
	return gap(w, ca1, ra1, cb1, rb1);
}

/* Length of the common prefix of p[0..n) and q[0..n), 8 bytes a step. */
static size_t common_prefix(const char *p, const char *q, size_t n)
{
	size_t i = 0;

	while (i + 8 <= n) {
		uint64_t x, y;
		memcpy(&x, p + i, 8);
		memcpy(&y, q + i, 8);
		if (x != y) {
#if defined(__GNUC__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			return i + (size_t)(__builtin_ctzll(x ^ y) >> 3);
#else
			break;
#endif
		}
		i += 8;
	}
	while (i < n && p[i] == q[i])
		i++;
	return i;
}

/*
 * In a run of aligned key characters, from character t (t ≥ 1) on: how
 * far do both texts stay byte for byte the same, spans and the gaps
 * between them?  Returns the first character not known to be identical
 * (t itself if none is).  Most of a passage is identical text between
 * layout differences, and one memcmp-like scan is far cheaper than a
 * comparison per character.
 */
static uint32_t skip_identical(const walker *w, const scd_match *x, uint32_t t)
{
	const uint32_t *ea = w->ea + x->a, *eb = w->eb + x->b;
	uint32_t a0 = ea[t - 1], b0 = eb[t - 1], lo = t, hi = x->len;
	size_t n = ea[x->len - 1] - a0, m;

	if (eb[x->len - 1] - b0 < n)
		n = eb[x->len - 1] - b0;
	m = common_prefix(w->ta + a0, w->tb + b0, n);
	/* last u in [t, len] with ea[u-1] - a0 ≤ m: characters before u lie
	 * in identical bytes */
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo + 1) / 2;
		if (ea[mid - 1] - a0 <= m)
			lo = mid;
		else
			hi = mid - 1;
	}
	/* identical bytes give identical spans; check that they did */
	if (lo > t && ea[lo - 1] - a0 == eb[lo - 1] - b0 &&
	    w->ba[x->a + t] - a0 == w->bb[x->b + t] - b0)
		return lo;
	return t;
}

/*
 * A block's matches, adjusted so that no match begins or ends inside one
 * NFKC expansion (several key characters sharing one span: `⑴` → `(1)`):
 * a key character that shares its span with a neighbour outside the match
 * is left to the change beside it, so every span is either wholly aligned
 * or wholly changed.  Matches left empty are dropped; the rest are appended
 * to *um (n entries, capacity cap).
 */
static int units(const walker *w, const scd_alignment *al,
		 const scd_block *blk, scd_match **um, size_t *n, size_t *cap)
{
	size_t m;
	int error;

	if ((error = scd_array__reserve(um, cap, *n + blk->count, sizeof(**um))) < 0)
		return error;
	for (m = blk->first; m < blk->first + blk->count; m++) {
		scd_match x = al->matches[m];
		while (x.len && ((x.a > 0 && w->ba[x.a] < w->ea[x.a - 1]) ||
				 (x.b > 0 && w->bb[x.b] < w->eb[x.b - 1]))) {
			x.a++;
			x.b++;
			x.len--;
		}
		while (x.len && ((x.a + x.len < w->na &&
				  w->ba[x.a + x.len] < w->ea[x.a + x.len - 1]) ||
				 (x.b + x.len < w->nb &&
				  w->bb[x.b + x.len] < w->eb[x.b + x.len - 1])))
			x.len--;
		if (x.len)
			(*um)[(*n)++] = x;
	}
	return 0;
}

/* Key ranges of a block (which may reach beyond its first and last
 * matches at the texts' edges, align.h). */
typedef struct {
	uint32_t a0, a1, b0, b1;
} key_range;

/* Walk one block's matches; see the invariant at the top of the file. */
static int walk_block(walker *w, const scd_match *ms, size_t count,
		      const key_range *kr)
{
	const scd_match *last = &ms[count - 1];
	size_t m;
	int error;

	if ((ms[0].a > kr->a0 || ms[0].b > kr->b0) &&
	    (error = change(w, kr->a0, ms[0].a, kr->b0, ms[0].b, 1, 0)) < 0)
		return error;
	for (m = 0; m < count; m++) {
		const scd_match *x = &ms[m];
		uint32_t t = 0;

		if (m > 0) {
			const scd_match *p = &ms[m - 1];
			uint32_t pa = p->a + p->len, pb = p->b + p->len;
			if (x->a > pa || x->b > pb) {
				if ((error = change(w, pa, x->a, pb, x->b, 0, 0)) < 0)
					return error;
			} else if ((error = gap(w, w->ea[pa - 1], w->ba[x->a],
						w->eb[pb - 1], w->bb[x->b])) < 0) {
				return error;
			}
		}
		while (t < x->len) {
			if (t > 0 && (t = skip_identical(w, x, t)) >= x->len)
				break;
			/* a unit: aligned key characters whose spans overlap
			 * (one NFKC expansion) are compared as one */
			uint32_t i = x->a + t, j = x->b + t, u = t + 1;
			uint32_t a0 = w->ba[i], b0 = w->bb[j], a1, b1;
			while (u < x->len &&
			       (w->ba[x->a + u] < w->ea[x->a + u - 1] ||
				w->bb[x->b + u] < w->eb[x->b + u - 1]))
				u++;
			a1 = w->ea[x->a + u - 1];
			b1 = w->eb[x->b + u - 1];
			if (t > 0 && (error = gap(w, w->ea[i - 1], a0, w->eb[j - 1], b0)) < 0)
				return error;
			if (!same(w->ta, a0, a1, w->tb, b0, b1)) {
				scd_verdict v;
				scd_classify_surface(&v, w->ta + a0, a1 - a0, w->tb + b0, b1 - b0);
				if ((error = add_diff(w, v.kind, a0, a1, b0, b1, &v)) < 0)
					return error;
			}
			t = u;
		}
	}
	if ((last->a + last->len < kr->a1 || last->b + last->len < kr->b1) &&
	    (error = change(w, last->a + last->len, kr->a1, last->b + last->len,
			    kr->b1, 0, 1)) < 0)
		return error;
	return 0;
}

static int cmp_range(const void *x, const void *y)
{
	const scd_range *p = x, *q = y;
	return (p->beg > q->beg) - (p->beg < q->beg);
}

/* The walk of a range of blocks, as a job for scd_parallel__two(). */
typedef struct {
	walker w;
	const scd_match *um;       /* all blocks' units */
	const size_t *first, *count; /* per block, into um */
	const key_range *kr;       /* per block */
	size_t from, to;           /* blocks */
} walk_job;

static int walk_blocks(void *p)
{
	walk_job *j = p;
	size_t k;
	int error;

	for (k = j->from; k < j->to; k++) {
		j->w.block = k;
		if ((error = walk_block(&j->w, j->um + j->first[k], j->count[k], &j->kr[k])) < 0)
			return error;
	}
	return 0;
}

/* Key ranges not covered by any block, as text ranges. */
static int unmatched(scd_range **out, size_t *nout, scd_range *cover,
		     size_t ncover, const uint32_t *beg, const uint32_t *end,
		     uint32_t nkey)
{
	size_t i, n = 0;
	uint32_t at = 0;
	scd_range *r = malloc((ncover + 1) * sizeof(*r));

	if (!r)
		return scd_error__nomem();
	if (ncover)
		qsort(cover, ncover, sizeof(*cover), cmp_range);
	for (i = 0; i <= ncover; i++) {
		uint32_t stop = i < ncover ? cover[i].beg : nkey;
		if (stop > at) {
			r[n].beg = beg[at];
			r[n].end = end[stop - 1];
			n++;
		}
		if (i < ncover && cover[i].end > at)
			at = cover[i].end;
	}
	*out = r;
	*nout = n;
	return 0;
}

void scd_diff_free(scd_diff *d)
{
	if (!d)
		return;
	free(d->blocks);
	free(d->diffs);
	free(d->unmatched_a);
	free(d->unmatched_b);
	free(d);
}

/* The blocks' units and what the walk of each needs, indexed by block. */
typedef struct {
	scd_match *um;               /* every block's units */
	size_t nu, umcap;
	size_t *first, *count;       /* per block, into um */
	key_range *kr;               /* per block */
	scd_range *cov_a, *cov_b;    /* key ranges the blocks cover */
} block_set;

static int block_set_alloc(block_set *bs, size_t nblocks)
{
	memset(bs, 0, sizeof(*bs));
	bs->cov_a = malloc((nblocks + 1) * sizeof(*bs->cov_a));
	bs->cov_b = malloc((nblocks + 1) * sizeof(*bs->cov_b));
	bs->first = malloc((nblocks + 1) * sizeof(*bs->first));
	bs->count = malloc((nblocks + 1) * sizeof(*bs->count));
	bs->kr = malloc((nblocks + 1) * sizeof(*bs->kr));
	if (!bs->cov_a || !bs->cov_b || !bs->first || !bs->count || !bs->kr)
		return scd_error__nomem();
	return 0;
}

static void block_set_free(block_set *bs)
{
	free(bs->um);
	free(bs->first);
	free(bs->count);
	free(bs->kr);
	free(bs->cov_a);
	free(bs->cov_b);
}

/* Normalise both texts, on two threads when they are long enough. */
static int normalize_both(scd_key **ka, scd_key **kb, const walker *w,
			  const scd_normalize_options *o)
{
	norm_job ja = { ka, w->ta, w->la, o };
	norm_job jb = { kb, w->tb, w->lb, o };

	return scd_parallel__two_sized((size_t)w->la + w->lb, normalize_job, &ja,
				       normalize_job, &jb);
}

/* The blocks of the alignment, each made of whole spans (units()), into
 * d->blocks; *matched gets the key characters aligned in all. */
static int make_blocks(scd_diff *d, const walker *w, const scd_alignment *al,
		       block_set *bs, size_t *matched)
{
	size_t i;
	int error;

	if (!(d->blocks = calloc(al->nblocks ? al->nblocks : 1, sizeof(*d->blocks))))
		return scd_error__nomem();
	for (i = 0; i < al->nblocks; i++) {
		size_t k, u, start = bs->nu;
		scd_diff_block *db;
		uint32_t a0, a1, b0, b1, got = 0;

		if ((error = units(w, al, &al->blocks[i], &bs->um, &bs->nu, &bs->umcap)) < 0)
			return error;
		if (bs->nu == start)
			continue;
		k = d->nblocks++;
		bs->first[k] = start;
		bs->count[k] = bs->nu - start;
		db = &d->blocks[k];
		a0 = bs->um[start].a;
		b0 = bs->um[start].b;
		a1 = bs->um[bs->nu - 1].a + bs->um[bs->nu - 1].len;
		b1 = bs->um[bs->nu - 1].b + bs->um[bs->nu - 1].len;
		/* a block that took in the texts' head or tail reaches it */
		if (al->blocks[i].a_beg == 0 && al->blocks[i].b_beg == 0)
			a0 = b0 = 0;
		if (al->blocks[i].a_end == w->na && al->blocks[i].b_end == w->nb) {
			a1 = w->na;
			b1 = w->nb;
		}
		bs->kr[k].a0 = a0;
		bs->kr[k].a1 = a1;
		bs->kr[k].b0 = b0;
		bs->kr[k].b1 = b1;
		for (u = start; u < bs->nu; u++)
			got += bs->um[u].len;
		db->a.beg = w->ba[a0];
		db->a.end = w->ea[a1 - 1];
		db->b.beg = w->bb[b0];
		db->b.end = w->eb[b1 - 1];
		db->a_chars = a1 - a0;
		db->b_chars = b1 - b0;
		db->matched = got;
		db->similarity = 2.0 * got / (db->a_chars + db->b_chars);
		*matched += got;
		bs->cov_a[k].beg = a0;
		bs->cov_a[k].end = a1;
		bs->cov_b[k].beg = b0;
		bs->cov_b[k].end = b1;
	}
	return 0;
}

/* The differences of every block: the first half of the characters on
 * this thread and the second on another, then joined in order. */
static int walk_all(scd_diff *d, const walker *w, const block_set *bs)
{
	walk_job j0, j1;
	size_t half = 0, k = 0, sum = 0, i;
	int error;

	for (i = 0; i < d->nblocks; i++)
		half += d->blocks[i].a_chars;
	half /= 2;
	while (k < d->nblocks && sum < half)
		sum += d->blocks[k++].a_chars;
	j0.w = *w;
	j0.um = bs->um;
	j0.first = bs->first;
	j0.count = bs->count;
	j0.kr = bs->kr;
	j1 = j0;
	j0.from = 0;
	j0.to = j1.from = k;
	j1.to = d->nblocks;
	error = scd_parallel__two_sized(w->la + w->lb, walk_blocks, &j0, walk_blocks, &j1);
	if (error == 0 && j1.w.ndiffs &&
	    (error = scd_array__reserve(&j0.w.diffs, &j0.w.cap, j0.w.ndiffs + j1.w.ndiffs,
					sizeof(*j0.w.diffs))) == 0) {
		memcpy(j0.w.diffs + j0.w.ndiffs, j1.w.diffs, j1.w.ndiffs * sizeof(*j1.w.diffs));
		j0.w.ndiffs += j1.w.ndiffs;
	}
	free(j1.w.diffs);
	d->diffs = j0.w.diffs;
	d->ndiffs = j0.w.ndiffs;
	for (k = 0; k < SCD_KIND__COUNT; k++)
		d->counts[k] = j0.w.counts[k] + j1.w.counts[k];
	return error;
}

int scd_diff_inputs(scd_diff **out, const scd_input *a, const scd_input *b,
		    const scd_diff_options *opts)
{
	scd_diff_options o = SCD_DIFF_OPTIONS_INIT;
	scd_key *ka = NULL, *kb = NULL;
	scd_alignment *al = NULL;
	scd_diff *d;
	walker w;
	block_set bs;
	size_t la, lb, matched = 0, na, nb;
	int error;

	*out = NULL;
	if (opts)
		o = *opts;
	if (!(d = calloc(1, sizeof(*d))))
		return scd_error__nomem();
	d->a = a;
	d->b = b;
	memset(&w, 0, sizeof(w));
	memset(&bs, 0, sizeof(bs));
	w.ta = scd_input_text(a, &la);
	w.tb = scd_input_text(b, &lb);
	w.la = (uint32_t)la;
	w.lb = (uint32_t)lb;
	scd_trace__begin();
	if ((error = normalize_both(&ka, &kb, &w, &o.normalize)) < 0)
		goto done;
	scd_trace__stage("normalised (key chars)", scd_key_len(ka) + scd_key_len(kb));
	na = scd_key_len(ka);
	nb = scd_key_len(kb);
	if ((error = scd_align(&al, scd_key_values(ka), na, scd_key_values(kb),
			       nb, &o.align)) < 0)
		goto done;
	w.ba = scd_key_begins(ka);
	w.ea = scd_key_ends(ka);
	w.bb = scd_key_begins(kb);
	w.eb = scd_key_ends(kb);
	w.na = (uint32_t)na;
	w.nb = (uint32_t)nb;
	w.keep_layout = o.keep_layout;
	w.fold = o.normalize.fold;
	if ((error = block_set_alloc(&bs, al->nblocks)) < 0 ||
	    (error = make_blocks(d, &w, al, &bs, &matched)) < 0 ||
	    (error = walk_all(d, &w, &bs)) < 0)
		goto done;
	d->similarity = na + nb ? 2.0 * (double)matched / (double)(na + nb) : 1.0;
	if ((error = unmatched(&d->unmatched_a, &d->nunmatched_a, bs.cov_a,
			       d->nblocks, w.ba, w.ea, (uint32_t)na)) < 0 ||
	    (error = unmatched(&d->unmatched_b, &d->nunmatched_b, bs.cov_b,
			       d->nblocks, w.bb, w.eb, (uint32_t)nb)) < 0 ||
	    (error = scd_suggest__diff(d, ka, kb)) < 0)
		goto done;
	scd_trace__stage("suggested", d->ndiffs);
done:
	block_set_free(&bs);
	scd_alignment_free(al);
	scd_key_free(ka);
	scd_key_free(kb);
	scd_trace__end();
	if (error < 0) {
		scd_diff_free(d);
		return error;
	}
	*out = d;
	return 0;
}
