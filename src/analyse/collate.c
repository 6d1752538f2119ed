/*
 * Collation of several renderings of one text (collate.h).
 *
 * 1. Pivot.  Unless one is given, every pair of witnesses is compared
 *    (scd_diff_inputs) and the witness with the highest summed similarity
 *    to the others is the pivot: the rendering nearest to all is the best
 *    frame to hang their differences on (a star alignment, Gusfield 1993).
 *    The pairwise comparisons with the pivot are kept; the others freed.
 * 2. Projection.  Each comparison pivot → witness, every difference kept
 *    (layout too), becomes a list of segments of the pivot's text, each
 *    either the same bytes in the witness or one difference.  diff.c
 *    promises that between two consecutive differences of a block the two
 *    texts are byte for byte the same, so any pivot offset inside a block
 *    maps to a witness offset.
 * 3. Places.  The pivot ranges of the differences of the kinds asked for,
 *    from all witnesses, sorted and merged where they overlap or touch; an
 *    edge that falls inside another witness's difference (of any kind) is
 *    moved to take that difference whole, and merging starts again.
 * 4. Readings.  At each place every witness whose passage covers it reads
 *    its own text for the projected range, layout closed up; equal texts
 *    are one reading.  The consensus is the reading with most witnesses;
 *    a tie goes to the best evidence score in the pivot's context (pairs
 *    counted over all witnesses, only for the readings that tie), then to
 *    the earliest witness.  Every other reading is classified against the
 *    consensus on what remains after their common prefix and suffix.
 * 5. The canonical text: the pivot's, each place's consensus substituted.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "scodiff/collate.h"
#include "scodiff/classify.h"
#include "scodiff/evidence.h"
#include "scodiff/normalize.h"
#include "util/array.h"
#include "util/error.h"

#define IDENTICAL (-1)

/* A stretch of the pivot's text and what the witness has for it. */
typedef struct {
	uint32_t p0, p1; /* pivot text */
	uint32_t w0, w1; /* witness text */
	int kind;        /* IDENTICAL or the scd_kind of a difference */
} seg;

/* One witness seen from the pivot. */
typedef struct {
	scd_diff *d;         /* pivot (a) against the witness (b); NULL for
			      * the pivot itself */
	scd_key *key;        /* the witness's key: spans of its characters */
	seg *segs;           /* by block, then position */
	size_t nsegs, cap;
	size_t *first;       /* first segment of each block, nblocks + 1 */
} view;

/* A reading while collation is under way: indices, not pointers. */
typedef struct {
	size_t text, len;    /* in the text pool */
	size_t att, natt;    /* its attestations */
	size_t first;        /* its first witness */
	double score;        /* evidence, for a tie */
	scd_kind kind;
	const char *reason;
	double confidence;
} reading_b;

typedef struct {
	scd_range span;
	size_t rd, nrd;      /* readings */
	size_t abs, nabs;    /* absent witnesses */
	int tie;             /* the most votes are shared */
	scd_decided decided;
} place_b;

/* The collation as allocated: the public part and what it points into. */
typedef struct {
	scd_collation pub;
	scd_reading *readings;
	scd_attestation *att;
	size_t *absent;
	char *pool;
} collation_impl;

typedef struct {
	scd_input *const *in;
	size_t n, pivot;
	view *v;
	scd_range *iv;       /* difference ranges, then places */
	size_t niv, ivcap;
	place_b *pl;
	size_t npl, plcap;
	reading_b *rd;
	size_t nrd, rdcap;
	scd_attestation *att;
	size_t natt, attcap;
	size_t *abs;
	size_t nabs, abscap;
	char *pool;
	size_t npool, poolcap;
	size_t *wg;          /* per witness: its reading at the place, or -1 */
	scd_range *wspan;    /* per witness: its span there */
	scd_evidence *ev;    /* only when a tie needs it */
	unsigned int kinds;  /* kinds of difference that make places */
} collator;

const char *scd_decided_name(scd_decided d)
{
	switch (d) {
	case SCD_DECIDED_MAJORITY: return "majority";
	case SCD_DECIDED_EVIDENCE: return "evidence";
	case SCD_DECIDED_ORDER: return "order";
	}
	return "?";
}

/* ---- projection --------------------------------------------------------- */

static int push_seg(view *v, uint32_t p0, uint32_t p1, uint32_t w0, uint32_t w1,
		    int kind)
{
	int error;

	if (kind == IDENTICAL && p1 - p0 != w1 - w0)
		kind = SCD_KIND_LAYOUT; /* not the promised same bytes: keep
					 * it whole rather than map inside */
	if ((error = scd_array_grow(v->segs, v->nsegs, v->cap)) < 0)
		return error;
	v->segs[v->nsegs].p0 = p0;
	v->segs[v->nsegs].p1 = p1;
	v->segs[v->nsegs].w0 = w0;
	v->segs[v->nsegs].w1 = w1;
	v->segs[v->nsegs].kind = kind;
	v->nsegs++;
	return 0;
}

/* The segments of every block of v->d (see the top of the file). */
static int project(view *v)
{
	const scd_diff *d = v->d;
	size_t k, j = 0;
	int error;

	if (!(v->first = malloc((d->nblocks + 1) * sizeof(*v->first))))
		return scd_error__nomem();
	for (k = 0; k < d->nblocks; k++) {
		uint32_t ca = d->blocks[k].a.beg, cb = d->blocks[k].b.beg;

		v->first[k] = v->nsegs;
		for (; j < d->ndiffs && d->diffs[j].block == k; j++) {
			const scd_difference *x = &d->diffs[j];
			if ((x->a.beg > ca || x->b.beg > cb) &&
			    (error = push_seg(v, ca, x->a.beg, cb, x->b.beg, IDENTICAL)) < 0)
				return error;
			if ((error = push_seg(v, x->a.beg, x->a.end, x->b.beg, x->b.end,
					      (int)x->kind)) < 0)
				return error;
			if (x->a.end > ca)
				ca = x->a.end;
			if (x->b.end > cb)
				cb = x->b.end;
		}
		if ((d->blocks[k].a.end > ca || d->blocks[k].b.end > cb) &&
		    (error = push_seg(v, ca, d->blocks[k].a.end, cb,
				      d->blocks[k].b.end, IDENTICAL)) < 0)
			return error;
	}
	v->first[d->nblocks] = v->nsegs;
	return 0;
}

/* Index of the last segment of s[lo..hi) with p0 < p (or p0 ≤ p when
 * `inclusive`), or lo - 1 as (size_t)-1 when lo is 0 and none is. */
static size_t last_before(const seg *s, size_t lo, size_t hi, uint32_t p,
			  int inclusive)
{
	size_t a = lo, b = hi;

	while (a < b) {
		size_t mid = a + (b - a) / 2;
		if (s[mid].p0 < p || (inclusive && s[mid].p0 == p))
			a = mid + 1;
		else
			b = mid;
	}
	return a - 1; /* wraps to SIZE_MAX when a == 0 */
}

/* Move the edges of [*s, *e) out of any difference of v they cut. */
static int widen(const view *v, uint32_t *s, uint32_t *e)
{
	size_t i;
	int moved = 0;

	i = last_before(v->segs, 0, v->nsegs, *s, 0);
	if (i != (size_t)-1 && v->segs[i].kind != IDENTICAL && v->segs[i].p1 > *s) {
		*s = v->segs[i].p0;
		moved = 1;
	}
	i = last_before(v->segs, 0, v->nsegs, *e, 0);
	if (i != (size_t)-1 && v->segs[i].kind != IDENTICAL && v->segs[i].p1 > *e) {
		*e = v->segs[i].p1;
		moved = 1;
	}
	return moved;
}

/* The first segment of s[lo..hi) with p1 >= p (hi - 1 if none). */
static size_t first_reaching(const seg *s, size_t lo, size_t hi, uint32_t p)
{
	size_t a = lo, b = hi;

	while (a < b) {
		size_t mid = a + (b - a) / 2;
		if (s[mid].p1 < p)
			a = mid + 1;
		else
			b = mid;
	}
	return a < hi ? a : hi - 1;
}

/* An insertion at p (nothing of the pivot) of a kind that makes no place:
 * left out of a place it touches. */
static int stray_insertion(const seg *x, uint32_t p, unsigned int kinds)
{
	return x->kind != IDENTICAL && x->p0 == p && x->p1 == p &&
	       !(kinds & (1u << x->kind));
}

/*
 * The witness's range for the pivot's [s, e): the block that holds it,
 * then where s and e fall in its segments.  An insertion at an edge is
 * inside when it is of the kinds that make places (it made or joined
 * this one), outside otherwise.  0 when no block of the witness holds
 * the whole range: the witness is absent there.
 */
static int map_range(const view *v, scd_range pr, unsigned int kinds,
		     scd_range *out)
{
	const scd_diff *d = v->d;
	size_t lo = 0, hi = d->nblocks, k, i, end;
	const seg *x;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->blocks[mid].a.beg <= pr.beg)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return 0;
	k = lo - 1;
	if (pr.end > d->blocks[k].a.end)
		return 0;
	out->beg = out->end = d->blocks[k].b.beg;
	end = v->first[k + 1];
	if (v->first[k] == end)
		return 1;
	/* start: in the first segment reaching s */
	i = first_reaching(v->segs, v->first[k], end, pr.beg);
	x = &v->segs[i];
	if (x->kind == IDENTICAL)
		out->beg = x->w0 + (pr.beg > x->p0 ? pr.beg - x->p0 : 0);
	else
		out->beg = pr.beg >= x->p1 && x->p1 > x->p0 ? x->w1 : x->w0;
	if (x->p1 == pr.beg && !stray_insertion(x, pr.beg, kinds))
		i++; /* it ends at s: what follows may be insertions at s */
	for (; i < end && stray_insertion(&v->segs[i], pr.beg, kinds); i++)
		out->beg = v->segs[i].w1;
	/* end: in the last segment starting at or before e */
	i = last_before(v->segs, v->first[k], end, pr.end, 1);
	if (i == (size_t)-1 || i < v->first[k])
		i = v->first[k];
	x = &v->segs[i];
	if (x->kind == IDENTICAL)
		out->end = x->w0 + (pr.end > x->p0 ? pr.end - x->p0 : 0);
	else
		out->end = pr.end <= x->p0 && x->p1 > x->p0 ? x->w0 : x->w1;
	if (x->kind == IDENTICAL && out->end > x->w1)
		out->end = x->w1;
	if (x->p0 == pr.end && x->p1 > x->p0)
		i--; /* it starts at e: insertions at e come before it */
	for (; i != (size_t)-1 && i >= v->first[k] && stray_insertion(&v->segs[i], pr.end, kinds); i--)
		out->end = v->segs[i].w0;
	if (out->end < out->beg)
		out->end = out->beg;
	return 1;
}

/* ---- readings ----------------------------------------------------------- */

/* The first code point of text at off. */
static uint32_t cp_at(const char *t, uint32_t off)
{
	int32_t k = 0;
	UChar32 c;

	U8_NEXT_UNSAFE((const uint8_t *)t + off, k, c);
	return (uint32_t)c;
}

/*
 * The reading of witness w in its text range r: the span from its first
 * key character to its last, and the text of those characters appended
 * to the pool (a whitespace key character, which stands between two words
 * of a spaced script, as one space).
 */
static int read_range(collator *k, size_t w, scd_range r, scd_range *span)
{
	const scd_key *key = k->v[w].key;
	const uint32_t *b = scd_key_begins(key), *e = scd_key_ends(key);
	const char *t = scd_input_text(k->in[w], NULL);
	size_t n = scd_key_len(key), i0 = scd_key_index(key, r.beg), i;
	int error;

	span->beg = span->end = r.beg;
	for (i = i0; i < n && b[i] < r.end; i++) {
		const char *s = t + b[i];
		size_t len = e[i] - b[i];
		if (i > i0 && b[i] == b[i - 1])
			continue; /* one span, several key characters */
		if (u_isUWhiteSpace((UChar32)cp_at(t, b[i]))) {
			s = " ";
			len = 1;
		}
		if ((error = scd_array__reserve(&k->pool, &k->poolcap, k->npool + len, 1)) < 0)
			return error;
		memcpy(k->pool + k->npool, s, len);
		k->npool += len;
		if (i == i0)
			span->beg = b[i];
		span->end = e[i];
	}
	return 0;
}

/* Gather the readings of place [s, e) of the pivot. */
static int collect_place(collator *k, scd_range pr)
{
	size_t w, g, rd0 = k->nrd, abs0 = k->nabs, pool0 = k->npool,
		     best = 0, nbest = 0;
	place_b *p;
	int error;

	for (w = 0; w < k->n; w++) {
		scd_range r = pr;
		size_t start = k->npool;

		k->wg[w] = (size_t)-1;
		if (w != k->pivot && !map_range(&k->v[w], pr, k->kinds, &r)) {
			if ((error = scd_array_grow(k->abs, k->nabs, k->abscap)) < 0)
				return error;
			k->abs[k->nabs++] = w;
			continue;
		}
		if ((error = read_range(k, w, r, &k->wspan[w])) < 0)
			return error;
		for (g = rd0; g < k->nrd; g++)
			if (k->rd[g].len == k->npool - start &&
			    !memcmp(k->pool + k->rd[g].text, k->pool + start, k->rd[g].len))
				break;
		if (g < k->nrd) {
			k->npool = start; /* the same text as a reading before */
		} else {
			if ((error = scd_array_grow(k->rd, k->nrd, k->rdcap)) < 0 ||
			    (error = scd_array_grow(k->pool, k->npool, k->poolcap)) < 0)
				return error;
			memset(&k->rd[g], 0, sizeof(k->rd[g]));
			k->rd[g].text = start;
			k->rd[g].len = k->npool - start;
			k->rd[g].first = w;
			k->pool[k->npool++] = '\0';
			k->nrd++;
		}
		k->wg[w] = g;
	}
	if (k->nrd - rd0 < 2) {
		/* all present read the same (a difference of another kind
		 * made the place) */
		k->nrd = rd0;
		k->nabs = abs0;
		k->npool = pool0;
		return 0;
	}
	for (g = rd0; g < k->nrd; g++) {
		k->rd[g].att = k->natt;
		for (w = 0; w < k->n; w++) {
			if (k->wg[w] != g)
				continue;
			if ((error = scd_array_grow(k->att, k->natt, k->attcap)) < 0)
				return error;
			k->att[k->natt].witness = w;
			k->att[k->natt].span = k->wspan[w];
			k->natt++;
		}
		k->rd[g].natt = k->natt - k->rd[g].att;
		if (k->rd[g].natt > best) {
			best = k->rd[g].natt;
			nbest = 1;
		} else if (k->rd[g].natt == best) {
			nbest++;
		}
	}
	if ((error = scd_array_grow(k->pl, k->npl, k->plcap)) < 0)
		return error;
	p = &k->pl[k->npl++];
	p->span = pr;
	p->rd = rd0;
	p->nrd = k->nrd - rd0;
	p->abs = abs0;
	p->nabs = k->nabs - abs0;
	p->tie = nbest > 1;
	p->decided = SCD_DECIDED_MAJORITY;
	return 0;
}

/* ---- evidence for ties -------------------------------------------------- */

/* A reading in the pivot's context, as evidence.h scores it: the reading
 * and the first character after the place (so that an empty reading is
 * scored too), between up to 3 key characters each side. */
typedef struct {
	uint32_t before[3], x[10], after[3];
	size_t nb, nx, na;
} window;

static void window_of(const collator *k, const place_b *p, const reading_b *r,
		      window *win)
{
	const scd_key *key = k->v[k->pivot].key;
	const uint32_t *v = scd_key_values(key);
	size_t n = scd_key_len(key), i0 = scd_key_index(key, p->span.beg),
	       i1 = scd_key_index(key, p->span.end), j;
	const char *s = k->pool + r->text;
	int32_t i = 0, len = (int32_t)r->len;

	win->nb = win->nx = win->na = 0;
	for (j = 1; j <= 3 && j <= i0; j++)
		win->before[win->nb++] = v[i0 - j];
	while (i < len) {
		UChar32 c;
		U8_NEXT((const uint8_t *)s, i, len, c);
		if (win->nx == 9) {
			win->nx = 0; /* too long to score: all such tie */
			return;
		}
		win->x[win->nx++] = (uint32_t)c;
	}
	if (i1 < n)
		win->x[win->nx++] = v[i1];
	for (j = i1 + 1; j < n && win->na < 3; j++)
		win->after[win->na++] = v[j];
}

static int watch_window(scd_evidence *ev, const window *w)
{
	size_t i;
	int error = 0;

	if (!w->nx)
		return 0;
	if (w->nb)
		error = scd_evidence_watch(ev, w->before[0], w->x[0]);
	for (i = 1; i < w->nx && error == 0; i++)
		error = scd_evidence_watch(ev, w->x[i - 1], w->x[i]);
	if (w->na && error == 0)
		error = scd_evidence_watch(ev, w->x[w->nx - 1], w->after[0]);
	return error;
}

/* Score the readings that tie, with pairs counted over all witnesses. */
static int score_ties(collator *k)
{
	size_t i, g, w;
	window win;
	int error;

	if ((error = scd_evidence_new(&k->ev)) < 0)
		return error;
	for (i = 0; i < k->npl; i++)
		for (g = k->pl[i].rd; k->pl[i].tie && g < k->pl[i].rd + k->pl[i].nrd; g++) {
			window_of(k, &k->pl[i], &k->rd[g], &win);
			if ((error = watch_window(k->ev, &win)) < 0)
				return error;
		}
	for (w = 0; w < k->n; w++)
		if ((error = scd_evidence_add_split(k->ev, scd_key_values(k->v[w].key),
						    scd_key_len(k->v[w].key))) < 0)
			return error;
	for (i = 0; i < k->npl; i++)
		for (g = k->pl[i].rd; k->pl[i].tie && g < k->pl[i].rd + k->pl[i].nrd; g++) {
			window_of(k, &k->pl[i], &k->rd[g], &win);
			k->rd[g].score = win.nx ? scd_evidence_score(k->ev, win.before, win.nb, win.x,
								     win.nx, win.after, win.na)
						: 0;
		}
	return 0;
}

/* ---- consensus ---------------------------------------------------------- */

/* Does reading x come before y among those that are not the consensus:
 * more votes first, then the earlier witness. */
static int reading_first(const reading_b *x, const reading_b *y)
{
	if (x->natt != y->natt)
		return x->natt > y->natt;
	return x->first < y->first;
}

/* The characters around witness w's span (0 for none), through layout. */
static void context_of(const collator *k, const scd_attestation *a,
		       scd_context *cx)
{
	const scd_key *key = k->v[a->witness].key;
	const uint32_t *b = scd_key_begins(key);
	const char *t = scd_input_text(k->in[a->witness], NULL);
	size_t n = scd_key_len(key), i0 = scd_key_index(key, a->span.beg),
	       i1 = scd_key_index(key, a->span.end);

	cx->before = i0 > 0 ? cp_at(t, b[i0 - 1]) : 0;
	cx->after = i1 < n ? cp_at(t, b[i1]) : 0;
}

/* Classify reading r against the consensus c on what differs once their
 * common prefix and suffix (whole characters) are set aside. */
static void classify_reading(const collator *k, reading_b *r, const reading_b *c)
{
	const char *x = k->pool + c->text, *y = k->pool + r->text;
	size_t lx = c->len, ly = r->len, pre = 0, suf = 0;
	scd_context cx, cy;
	scd_verdict v;

	while (pre < lx && pre < ly && x[pre] == y[pre])
		pre++;
	while (pre > 0 && ((unsigned char)x[pre] & 0xC0) == 0x80)
		pre--;
	while (suf < lx - pre && suf < ly - pre && x[lx - 1 - suf] == y[ly - 1 - suf])
		suf++;
	while (suf > 0 && ((unsigned char)x[lx - suf] & 0xC0) == 0x80)
		suf--;
	context_of(k, &k->att[c->att], &cx);
	context_of(k, &k->att[r->att], &cy);
	if (pre) {
		size_t i = pre - 1;
		while (i > 0 && ((unsigned char)x[i] & 0xC0) == 0x80)
			i--;
		cx.before = cy.before = cp_at(x, (uint32_t)i);
	}
	if (suf)
		cx.after = cy.after = cp_at(x, (uint32_t)(lx - suf));
	scd_classify(&v, x + pre, lx - pre - suf, y + pre, ly - pre - suf, &cx, &cy);
	r->kind = v.kind;
	r->reason = v.reason;
	r->confidence = v.confidence;
}

static void decide(collator *k, place_b *p, size_t *counts)
{
	reading_b *r = k->rd + p->rd, t;
	size_t i, j, win = 0, votes = 0, nwin = 0;

	for (i = 0; i < p->nrd; i++)
		if (r[i].natt > votes)
			votes = r[i].natt;
	/* among those with the most votes, the best score (0 for all when
	 * there is no tie), then the earliest witness */
	for (i = 0; i < p->nrd; i++)
		if (r[i].natt == votes &&
		    (!nwin++ || r[i].score > r[win].score ||
		     (r[i].score == r[win].score && r[i].first < r[win].first)))
			win = i;
	if (p->tie) {
		for (i = 0, nwin = 0; i < p->nrd; i++)
			nwin += r[i].natt == votes && r[i].score == r[win].score;
		p->decided = nwin > 1 ? SCD_DECIDED_ORDER : SCD_DECIDED_EVIDENCE;
	}
	/* the consensus first, the others by votes then witness */
	t = r[win];
	memmove(r + 1, r, win * sizeof(*r));
	r[0] = t;
	for (i = 2; i < p->nrd; i++)
		for (j = i; j > 1 && reading_first(&r[j], &r[j - 1]); j--) {
			t = r[j];
			r[j] = r[j - 1];
			r[j - 1] = t;
		}
	for (i = 1; i < p->nrd; i++) {
		classify_reading(k, &r[i], &r[0]);
		counts[r[i].kind]++;
	}
}

/* ---- places ------------------------------------------------------------- */

static int cmp_range(const void *x, const void *y)
{
	const scd_range *p = x, *q = y;
	const uint64_t kp[] = { p->beg, p->end }, kq[] = { q->beg, q->end };
	return scd_array_cmp_keys(kp, kq, 2);
}

/* Sort k->iv and merge ranges that overlap or touch. */
static void merge_ranges(collator *k)
{
	size_t i, m = 0;

	if (!k->niv)
		return;
	qsort(k->iv, k->niv, sizeof(*k->iv), cmp_range);
	for (i = 1; i < k->niv; i++) {
		if (k->iv[i].beg <= k->iv[m].end) {
			if (k->iv[i].end > k->iv[m].end)
				k->iv[m].end = k->iv[i].end;
		} else {
			k->iv[++m] = k->iv[i];
		}
	}
	k->niv = m + 1;
}

/* The places: differences of the kinds asked for, merged and widened. */
static int find_places(collator *k)
{
	size_t w, i;
	int error, moved;
	for (w = 0; w < k->n; w++) {
		const scd_diff *d = k->v[w].d;
		for (i = 0; d && i < d->ndiffs; i++) {
			if (!(k->kinds & (1u << d->diffs[i].kind)))
				continue;
			if ((error = scd_array_grow(k->iv, k->niv, k->ivcap)) < 0)
				return error;
			k->iv[k->niv++] = d->diffs[i].a;
		}
	}
	do {
		merge_ranges(k);
		moved = 0;
		for (i = 0; i < k->niv; i++)
			for (w = 0; w < k->n; w++)
				if (k->v[w].d)
					moved |= widen(&k->v[w], &k->iv[i].beg, &k->iv[i].end);
	} while (moved);
	return 0;
}

/* Where the witness's text outside the pivot, r, stands in the pivot. */
static uint32_t addition_at(const scd_diff *d, scd_range r)
{
	size_t i, after = (size_t)-1, prec = (size_t)-1;

	for (i = 0; i < d->nblocks; i++) {
		if (d->blocks[i].b.end <= r.beg &&
		    (after == (size_t)-1 || d->blocks[i].b.end > d->blocks[after].b.end))
			after = i;
		if (d->blocks[i].b.beg >= r.end &&
		    (prec == (size_t)-1 || d->blocks[i].b.beg < d->blocks[prec].b.beg))
			prec = i;
	}
	if (after != (size_t)-1)
		return d->blocks[after].a.end;
	return prec != (size_t)-1 ? d->blocks[prec].a.beg : 0;
}

/* ---- assembly ----------------------------------------------------------- */

static int choose_pivot(collator *k, const scd_diff_options *dopts, int forced)
{
	scd_diff **pair = NULL;
	double *sum = NULL;
	size_t i, j, n = k->n;
	int error = 0;

	if (forced >= 0) {
		k->pivot = (size_t)forced;
	} else if (n > 2) {
		pair = calloc(n * n, sizeof(*pair));
		sum = calloc(n, sizeof(*sum));
		if (!pair || !sum) {
			error = scd_error__nomem();
			goto done;
		}
		for (i = 0; i < n; i++)
			for (j = i + 1; j < n; j++) {
				if ((error = scd_diff_inputs(&pair[i * n + j], k->in[i], k->in[j],
							     dopts)) < 0)
					goto done;
				sum[i] += pair[i * n + j]->similarity;
				sum[j] += pair[i * n + j]->similarity;
			}
		k->pivot = 0;
		for (i = 1; i < n; i++)
			if (sum[i] > sum[k->pivot])
				k->pivot = i;
		/* keep what compares the pivot (as a) with a later witness */
		for (j = k->pivot + 1; j < n; j++) {
			k->v[j].d = pair[k->pivot * n + j];
			pair[k->pivot * n + j] = NULL;
		}
	} else {
		k->pivot = 0;
	}
	for (j = 0; j < n; j++)
		if (j != k->pivot && !k->v[j].d &&
		    (error = scd_diff_inputs(&k->v[j].d, k->in[k->pivot], k->in[j], dopts)) < 0)
			goto done;
done:
	if (pair)
		for (i = 0; i < n * n; i++)
			scd_diff_free(pair[i]);
	free(pair);
	free(sum);
	return error;
}

static int build_canonical(collator *k, scd_collation *c)
{
	size_t len, i, g, cur = 0, need;
	const char *t = scd_input_text(k->in[k->pivot], &len);
	char *out;

	/* an upper bound: the pivot's text and every consensus reading */
	need = len + 1;
	for (i = 0; i < k->npl; i++)
		need += k->rd[k->pl[i].rd].len;
	if (!(out = malloc(need)))
		return scd_error__nomem();
	c->canonical = out;
	c->canonical_len = 0;
	for (i = 0; i < k->npl; i++) {
		const place_b *p = &k->pl[i];
		const reading_b *cons = &k->rd[p->rd];
		for (g = p->rd + 1; g < p->rd + p->nrd; g++) {
			const reading_b *r = &k->rd[g];
			size_t a;
			for (a = r->att; a < r->att + r->natt; a++) {
				const scd_range *s = &k->att[a].span;
				if (k->att[a].witness != k->pivot || s->beg < cur)
					continue;
				memcpy(out + c->canonical_len, t + cur, s->beg - cur);
				c->canonical_len += s->beg - cur;
				memcpy(out + c->canonical_len, k->pool + cons->text, cons->len);
				c->canonical_len += cons->len;
				cur = s->end;
			}
		}
	}
	memcpy(out + c->canonical_len, t + cur, len - cur);
	c->canonical_len += len - cur;
	out[c->canonical_len] = '\0';
	return 0;
}

/* Hand the built arrays over to the public structures. */
static int publish(collator *k, collation_impl *ci)
{
	scd_collation *c = &ci->pub;
	size_t i, g;

	if (!(c->places = calloc(k->npl ? k->npl : 1, sizeof(*c->places))) ||
	    !(ci->readings = calloc(k->nrd ? k->nrd : 1, sizeof(*ci->readings))))
		return scd_error__nomem();
	ci->att = k->att;
	k->att = NULL;
	ci->absent = k->abs;
	k->abs = NULL;
	ci->pool = k->pool;
	k->pool = NULL;
	for (g = 0; g < k->nrd; g++) {
		scd_reading *r = &ci->readings[g];
		r->text = ci->pool + k->rd[g].text;
		r->witnesses = ci->att + k->rd[g].att;
		r->nwitnesses = k->rd[g].natt;
		r->kind = k->rd[g].kind;
		r->reason = k->rd[g].reason;
		r->confidence = k->rd[g].confidence;
	}
	for (i = 0; i < k->npl; i++) {
		scd_place *p = &c->places[i];
		p->span = k->pl[i].span;
		p->readings = ci->readings + k->pl[i].rd;
		p->nreadings = k->pl[i].nrd;
		p->absent = k->pl[i].nabs ? ci->absent + k->pl[i].abs : NULL;
		p->nabsent = k->pl[i].nabs;
		p->decided = k->pl[i].decided;
	}
	c->nplaces = k->npl;
	return 0;
}

static int additions(collator *k, scd_collation *c)
{
	size_t w, i, cap = 0;
	int error;

	for (w = 0; w < k->n; w++) {
		const scd_diff *d = k->v[w].d;
		for (i = 0; d && i < d->nunmatched_b; i++) {
			scd_addition *x;
			if ((error = scd_array_grow(c->additions, c->nadditions, cap)) < 0)
				return error;
			x = &c->additions[c->nadditions++];
			x->witness = w;
			x->span = d->unmatched_b[i];
			x->at = addition_at(d, x->span);
		}
	}
	return 0;
}

void scd_collation_free(scd_collation *c)
{
	collation_impl *ci = (collation_impl *)c;
	size_t i;

	if (!c)
		return;
	for (i = 0; c->witnesses && i < c->ninputs; i++)
		free(c->witnesses[i].absent);
	free(c->witnesses);
	free(c->places);
	free(c->additions);
	free(c->canonical);
	free(ci->readings);
	free(ci->att);
	free(ci->absent);
	free(ci->pool);
	free(ci);
}

int scd_collate_inputs(scd_collation **out, scd_input *const *inputs,
		       size_t n, const scd_collate_options *opts)
{
	scd_collate_options o = SCD_COLLATE_OPTIONS_INIT;
	collation_impl *ci = NULL;
	scd_collation *c;
	collator k;
	size_t w, i;
	int error;

	*out = NULL;
	if (opts)
		o = *opts;
	if (n == 0)
		return scd_error__set(SCD_EINVALID, "nothing to collate");
	if (o.pivot >= 0 && (size_t)o.pivot >= n)
		return scd_error__set(SCD_EINVALID, "pivot %d out of range: %zu texts",
				      o.pivot, n);
	o.diff.keep_layout = 1;
	memset(&k, 0, sizeof(k));
	k.in = inputs;
	k.n = n;
	if (!(ci = calloc(1, sizeof(*ci))) || !(k.v = calloc(n, sizeof(*k.v))) ||
	    !(k.wg = calloc(n, sizeof(*k.wg))) || !(k.wspan = calloc(n, sizeof(*k.wspan)))) {
		error = scd_error__nomem();
		goto done;
	}
	c = &ci->pub;
	c->inputs = inputs;
	c->ninputs = n;
	if (!(c->witnesses = calloc(n, sizeof(*c->witnesses)))) {
		error = scd_error__nomem();
		goto done;
	}
	if ((error = choose_pivot(&k, &o.diff, o.pivot)) < 0)
		goto done;
	c->pivot = k.pivot;
	for (w = 0; w < n; w++) {
		size_t len;
		const char *t = scd_input_text(inputs[w], &len);
		if ((error = scd_normalize(&k.v[w].key, t, len, &o.diff.normalize)) < 0)
			goto done;
		c->witnesses[w].similarity = 1.0;
		if (!k.v[w].d)
			continue;
		if ((error = project(&k.v[w])) < 0)
			goto done;
		/* the pivot's text this witness lacks */
		c->witnesses[w].similarity = k.v[w].d->similarity;
		c->witnesses[w].absent = k.v[w].d->unmatched_a;
		c->witnesses[w].nabsent = k.v[w].d->nunmatched_a;
		k.v[w].d->unmatched_a = NULL;
		k.v[w].d->nunmatched_a = 0;
	}
	k.kinds = o.kinds & ~(1u << SCD_KIND_LAYOUT);
	if ((error = find_places(&k)) < 0)
		goto done;
	for (i = 0; i < k.niv; i++)
		if ((error = collect_place(&k, k.iv[i])) < 0)
			goto done;
	for (i = 0; i < k.npl; i++)
		if (k.pl[i].tie)
			break;
	if (i < k.npl && !o.ties_by_order && (error = score_ties(&k)) < 0)
		goto done;
	for (i = 0; i < k.npl; i++)
		decide(&k, &k.pl[i], c->counts);
	if ((error = build_canonical(&k, c)) < 0 || (error = additions(&k, c)) < 0 ||
	    (error = publish(&k, ci)) < 0)
		goto done;
	*out = c;
	ci = NULL;
done:
	for (w = 0; k.v && w < n; w++) {
		scd_diff_free(k.v[w].d);
		scd_key_free(k.v[w].key);
		free(k.v[w].segs);
		free(k.v[w].first);
	}
	free(k.v);
	free(k.wg);
	free(k.wspan);
	free(k.iv);
	free(k.pl);
	free(k.rd);
	free(k.att);
	free(k.abs);
	free(k.pool);
	scd_evidence_free(k.ev);
	scd_collation_free(ci ? &ci->pub : NULL);
	return error;
}
