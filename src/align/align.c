/*
 * Alignment: seeds → maximal exact matches → greedy string tiling →
 * blocks → Myers inside the gaps.  See align.h for the outline and
 * docs/parameters.md for how the constants were measured on corpora/.
 */
#include <stdlib.h>
#include <string.h>

#include "scodiff/align.h"
#include "scodiff/shingle.h"
#include "align/myers.h"
#include "index/fpindex.h"
#include "util/array.h"
#include "util/error.h"
#include "util/trace.h"
#include "util/parallel.h"

/*
 * The diagonals (b - a) of the matches found so far, each with the a
 * where its last match ended, so that a seed inside a match already made
 * is not extended again.  Seeds come in increasing a, so an entry whose
 * end is ≤ the current a can never cover a seed again: it is stale, and
 * the table is rebuilt with only live entries when it fills up.
 */
typedef struct {
	int64_t *diag;
	uint32_t *end;  /* 0 = never used */
	size_t mask, used;
} diag_map;

static size_t diag_slot(int64_t d, size_t mask)
{
	uint64_t h = (uint64_t)d * 0x9E3779B97F4A7C15ull;
	return (size_t)(h >> 20) & mask;
}

static int diag_init(diag_map *m, size_t slots)
{
	m->mask = slots - 1;
	m->used = 0;
	m->diag = malloc(slots * sizeof(*m->diag));
	m->end = calloc(slots, sizeof(*m->end));
	if (!m->diag || !m->end) {
		free(m->diag);
		free(m->end);
		return scd_error__nomem();
	}
	return 0;
}

/* End of the match last made on diagonal d, if still live at a, else 0. */
static uint32_t diag_get(const diag_map *m, int64_t d, uint32_t a)
{
	size_t i = diag_slot(d, m->mask);
	while (m->end[i]) {
		if (m->diag[i] == d)
			return m->end[i] > a ? m->end[i] : 0;
		i = (i + 1) & m->mask;
	}
	return 0;
}

static int diag_put(diag_map *m, int64_t d, uint32_t end, uint32_t a)
{
	size_t i;

	if (2 * (m->used + 1) > m->mask + 1) {
		/* rebuild with the live entries only, larger if need be */
		diag_map n;
		size_t live = 0, j, slots;
		for (j = 0; j <= m->mask; j++)
			if (m->end[j] > a)
				live++;
		slots = m->mask + 1;
		while (4 * (live + 1) > slots)
			slots *= 2;
		if (diag_init(&n, slots) < 0)
			return SCD_ENOMEM;
		for (j = 0; j <= m->mask; j++)
			if (m->end[j] > a) {
				size_t k = diag_slot(m->diag[j], n.mask);
				while (n.end[k])
					k = (k + 1) & n.mask;
				n.diag[k] = m->diag[j];
				n.end[k] = m->end[j];
				n.used++;
			}
		free(m->diag);
		free(m->end);
		*m = n;
	}
	i = diag_slot(d, m->mask);
	while (m->end[i] && m->diag[i] != d)
		i = (i + 1) & m->mask;
	if (!m->end[i])
		m->used++;
	m->diag[i] = d;
	m->end[i] = end;
	return 0;
}

/* ---- maximal exact matches --------------------------------------------- */

/* One key's winnowing on two threads (scd_shingle_winnow_part()). */
typedef struct {
	const uint32_t *key;
	size_t n;
	const scd_align_options *o;
	scd_fingerprint *part[2];
	size_t len[2];
} winnow_job;

static int winnow_part(winnow_job *j, unsigned int part)
{
	return scd_shingle_winnow_part(&j->part[part], &j->len[part], j->key,
				       j->n, j->o->k, j->o->w, part, 2);
}

static int winnow_join(winnow_job *j)
{
	scd_fingerprint *x = j->part[0], *y = j->part[1];

	j->part[0] = j->part[1] = NULL;
	return scd_shingle_join(&j->part[0], &j->len[0], x, j->len[0], y, j->len[1]);
}

/* This thread's share: its part of A's windows, then of B's. */
typedef struct {
	winnow_job *a, *b;
	unsigned int part;
} winnow_share;

static int winnow_shares(void *p)
{
	winnow_share *s = p;
	int error = winnow_part(s->a, s->part);
	return error < 0 ? error : winnow_part(s->b, s->part);
}

/* B's fingerprints as postings, indexed (fpindex.h); fb is let go. */
static int index_b(scd_fpindex *x, scd_fingerprint *fb, size_t n)
{
	scd_posting *e = malloc((n ? n : 1) * sizeof(*e));
	size_t i;

	if (!e) {
		free(fb);
		return scd_error__nomem();
	}
	for (i = 0; i < n; i++) {
		e[i].hash = fb[i].hash;
		e[i].doc = 0;
		e[i].pos = fb[i].pos;
	}
	free(fb);
	return scd_fpindex_build(x, e, n, scd_fpindex_bits(n));
}

/* Seeds of A's fingerprints [from, to) extended into matches. */
typedef struct {
	const scd_fingerprint *fa;
	size_t from, to;
	const scd_fpindex *xb; /* B's fingerprints */
	const uint32_t *a, *b;
	size_t na, nb;
	const scd_align_options *o;
	scd_match *m;      /* out */
	size_t n, cap, seeds; /* out */
} seed_job;

static int extend_seeds(void *p)
{
	seed_job *j = p;
	const uint32_t *a = j->a, *b = j->b;
	diag_map dm = { 0 };
	size_t i;
	uint32_t reach = 0; /* end on A of the longest-reaching long match */
	int error;

	j->m = NULL;
	j->n = j->cap = j->seeds = 0;
	if ((error = diag_init(&dm, 1024)) < 0)
		return error;
	for (i = j->from; i < j->to; i++) {
		const scd_posting *run;
		size_t nrun, f;

		/*
		 * Inside a long match already made, a fingerprint can only
		 * seed that same match again or a rival for the same stretch
		 * of A; rivals that begin before it were seeded where they
		 * began, and a passage of A is paired once anyway.  Skipping
		 * the look-up there spares most of the index's cache misses.
		 */
		if (j->fa[i].pos + j->o->k <= reach)
			continue;

		/*
		 * The index and B's key are far bigger than the cache, and
		 * each seed lands somewhere random in both: ask for the bucket
		 * 16 fingerprints ahead, and, once it has arrived, for the
		 * key of B where the seed 8 ahead will be extended.
		 */
		if (i + 16 < j->to)
			scd_fpindex_prefetch(j->xb, j->fa[i + 16].hash);
		if (i + 8 < j->to) {
			const scd_posting *ahead;
			if (scd_fpindex_find(j->xb, j->fa[i + 8].hash, &ahead))
				__builtin_prefetch(&b[ahead->pos ? ahead->pos - 1 : 0]);
		}
		nrun = scd_fpindex_find(j->xb, j->fa[i].hash, &run);
		if (nrun == 0 || nrun > j->o->max_occ)
			continue;
		for (f = 0; f < nrun; f++) {
			uint32_t x = j->fa[i].pos, e;
			uint32_t y = run[f].pos;
			int64_t diag = (int64_t)y - x;

			j->seeds++;
			if (diag_get(&dm, diag, x))
				continue; /* inside a match already made */
			while (x > 0 && y > 0 && a[x - 1] == b[y - 1]) {
				x--;
				y--;
			}
			e = j->fa[i].pos;
			while (e < j->na && (size_t)(e - x) + y < j->nb && a[e] == b[e - x + y])
				e++;
			if ((error = diag_put(&dm, diag, e, j->fa[i].pos)) < 0)
				goto done;
			if (e - x < j->o->min_tile || e - x < j->o->k)
				continue; /* too short, or a hash collision */
			if (e - x >= 2 * j->o->min_tile && e > reach)
				reach = e;
			if ((error = scd_match__push(&j->m, &j->n, &j->cap, x, y, e - x)) < 0)
				goto done;
		}
	}
done:
	free(dm.diag);
	free(dm.end);
	return error;
}

/*
 * Seeds are pairs of positions whose winnowed fingerprints agree; each is
 * extended left and right along its diagonal into a maximal exact match.
 * A's fingerprints are taken in position order and looked up in an index
 * of B's, so seeds arrive in increasing a and a seed lying inside a match
 * already made on its diagonal is skipped: each diagonal run is walked
 * once.  A fingerprint found more than max_occ times in B is a set
 * formula there; its pairs would be many and say little, and the unique
 * fingerprints around a real shared passage find it anyway.  (On A's side
 * no such limit: a passage printed twice in A must seed both copies.)
 * The two halves of A run on two threads; a match crossing the middle is
 * found by both and the tiling keeps one.
 */
static int find_mems(scd_match **out, size_t *out_len, size_t *nseeds,
		     const uint32_t *a, size_t na, const uint32_t *b,
		     size_t nb, const scd_align_options *o)
{
	scd_fingerprint *fa = NULL, *fb = NULL;
	size_t la = 0, lb = 0;
	scd_fpindex xb;
	winnow_job wa = { a, na, o, { NULL, NULL }, { 0, 0 } };
	winnow_job wb = { b, nb, o, { NULL, NULL }, { 0, 0 } };
	winnow_share w0 = { &wa, &wb, 0 }, w1 = { &wa, &wb, 1 };
	seed_job s0, s1;
	int error;

	memset(&xb, 0, sizeof(xb));
	memset(&s0, 0, sizeof(s0));
	memset(&s1, 0, sizeof(s1));
	if ((error = scd_parallel__two_sized(na + nb, winnow_shares, &w0, winnow_shares, &w1)) < 0 ||
	    (error = winnow_join(&wa)) < 0 || (error = winnow_join(&wb)) < 0)
		goto done;
	fa = wa.part[0];
	la = wa.len[0];
	lb = wb.len[0];
	wa.part[0] = NULL;
	scd_trace__stage("winnowed", la + lb);
	fb = wb.part[0];
	wb.part[0] = NULL;
	if ((error = index_b(&xb, fb, lb)) < 0)
		goto done;
	scd_trace__stage("indexed", lb);
	s0.fa = fa;
	s0.xb = &xb;
	s0.a = a;
	s0.b = b;
	s0.na = na;
	s0.nb = nb;
	s0.o = o;
	s1 = s0;
	s0.from = 0;
	s0.to = s1.from = la / 2;
	s1.to = la;
	if ((error = scd_parallel__two_sized(na + nb, extend_seeds, &s0, extend_seeds, &s1)) < 0)
		goto done;
	if (s1.n) {
		if ((error = scd_array__reserve(&s0.m, &s0.cap, s0.n + s1.n, sizeof(*s0.m))) < 0)
			goto done;
		memcpy(s0.m + s0.n, s1.m, s1.n * sizeof(*s0.m));
		s0.n += s1.n;
	}
	*out = s0.m;
	*out_len = s0.n;
	*nseeds = s0.seeds + s1.seeds;
	s0.m = NULL;
done:
	free(s0.m);
	free(s1.m);
	scd_fpindex_free(&xb);
	free(wa.part[0]);
	free(wa.part[1]);
	free(wb.part[0]);
	free(wb.part[1]);
	free(fa);
	return error;
}

/* Max-heap of matches by length; ties to the earlier position on a, then
 * on b, so that results do not depend on qsort's order. */
static int heap_less(const scd_match *p, const scd_match *q)
{
	if (p->len != q->len)
		return p->len < q->len;
	if (p->a != q->a)
		return p->a > q->a;
	return p->b > q->b;
}

static void heap_down(scd_match *h, size_t n, size_t i)
{
	while (1) {
		size_t l = 2 * i + 1, r = l + 1, top = i;
		scd_match t;
		if (l < n && heap_less(&h[top], &h[l]))
			top = l;
		if (r < n && heap_less(&h[top], &h[r]))
			top = r;
		if (top == i)
			return;
		t = h[i];
		h[i] = h[top];
		h[top] = t;
		i = top;
	}
}

static void heap_up(scd_match *h, size_t i)
{
	while (i > 0) {
		size_t p = (i - 1) / 2;
		scd_match t;
		if (!heap_less(&h[p], &h[i]))
			return;
		t = h[i];
		h[i] = h[p];
		h[p] = t;
		i = p;
	}
}

/*
 * Greedy string tiling over the candidate matches: take the longest; if
 * some of it is already used on either side, put back its free stretches
 * that are still long enough.  Every key character ends up in at most one
 * tile on each side.
 *
 * The candidates are put in order of length once, by a counting sort
 * (stable, so equal lengths keep the order find_mems() made them in and
 * the result does not depend on the platform's qsort); the stretches put
 * back, far fewer, wait in a small max-heap.  Each step takes the longer
 * of the two heads.  Takes `m` over and frees it.
 */
static int tile(scd_match **tiles, size_t *ntiles, scd_match *m, size_t n,
		size_t na, size_t nb, const scd_align_options *o)
{
	unsigned char *ua = calloc(na ? na : 1, 1), *ub = calloc(nb ? nb : 1, 1);
	scd_match *sorted = NULL, *h = NULL, *t = NULL;
	size_t *count = NULL, nt = 0, tcap = 0, hn = 0, hcap = 0, i, next = 0;
	uint32_t maxlen = 0;
	int error = 0;

	for (i = 0; i < n; i++)
		if (m[i].len > maxlen)
			maxlen = m[i].len;
	sorted = malloc((n ? n : 1) * sizeof(*sorted));
	count = calloc((size_t)maxlen + 2, sizeof(*count));
	if (!ua || !ub || !sorted || !count) {
		error = scd_error__nomem();
		goto done;
	}
	/* counting sort, longest first */
	for (i = 0; i < n; i++)
		count[maxlen - m[i].len + 1]++;
	for (i = 1; i <= maxlen + 1; i++)
		count[i] += count[i - 1];
	for (i = 0; i < n; i++)
		sorted[count[maxlen - m[i].len]++] = m[i];
	free(m);
	m = NULL;

	while (next < n || hn > 0) {
		scd_match c;
		uint32_t j, run = 0;
		int whole = 1;

		if (hn == 0 || (next < n && sorted[next].len >= h[0].len)) {
			c = sorted[next++];
		} else {
			c = h[0];
			h[0] = h[--hn];
			heap_down(h, hn, 0);
		}
		for (j = 0; j < c.len; j++)
			if (ua[c.a + j] || ub[c.b + j]) {
				whole = 0;
				break;
			}
		if (whole) {
			if ((error = scd_array_grow(t, nt, tcap)) < 0)
				goto done;
			t[nt++] = c;
			memset(ua + c.a, 1, c.len);
			memset(ub + c.b, 1, c.len);
			continue;
		}
		/* put back the free stretches */
		for (j = 0; j <= c.len; j++) {
			int free_here = j < c.len && !ua[c.a + j] && !ub[c.b + j];
			if (free_here) {
				run++;
				continue;
			}
			if (run >= o->min_tile) {
				if ((error = scd_array_grow(h, hn, hcap)) < 0)
					goto done;
				h[hn].a = c.a + j - run;
				h[hn].b = c.b + j - run;
				h[hn].len = run;
				heap_up(h, hn);
				hn++;
			}
			run = 0;
		}
	}
done:
	free(m);
	free(sorted);
	free(count);
	free(h);
	free(ua);
	free(ub);
	if (error < 0) {
		free(t);
		return error;
	}
	*tiles = t;
	*ntiles = nt;
	return 0;
}

/* ---- blocks -------------------------------------------------------------- */

static int cmp_match_a(const void *x, const void *y)
{
	const scd_match *p = x, *q = y;
	return (p->a > q->a) - (p->a < q->a);
}

typedef struct {
	uint32_t b;
	size_t index;
} b_order;

static int cmp_b_order(const void *x, const void *y)
{
	const b_order *p = x, *q = y;
	return (p->b > q->b) - (p->b < q->b);
}

void scd_alignment_free(scd_alignment *al)
{
	if (!al)
		return;
	free(al->blocks);
	free(al->matches);
	free(al);
}

static int add_block(scd_alignment *al, size_t *bcap, const scd_match *tiles,
		     size_t first, size_t last, const uint32_t *a, size_t na,
		     const uint32_t *b, size_t nb, size_t *mcap,
		     const scd_align_options *o, int head, int tail)
{
	size_t start = al->nmatches, i;
	scd_block *blk;
	uint32_t matched = 0;
	int error;

	if (head && (error = scd_myers__diff(&al->matches, &al->nmatches, mcap,
					     a, tiles[first].a, b, tiles[first].b,
					     0, 0, tiles[first].a + tiles[first].b)) < 0)
		return error;
	for (i = first; i <= last; i++) {
		const scd_match *t = &tiles[i];
		if (i > first) {
			const scd_match *p = &tiles[i - 1];
			uint32_t ga = t->a - (p->a + p->len), gb = t->b - (p->b + p->len);
			if ((error = scd_myers__diff(&al->matches, &al->nmatches, mcap,
						     a + p->a + p->len, ga,
						     b + p->b + p->len, gb,
						     p->a + p->len, p->b + p->len,
						     ga + gb)) < 0)
				return error;
		}
		/* the tile itself, joined to a match of this block that ends
		 * where it starts (never to the block before) */
		if (i == first && al->nmatches == start) {
			if ((error = scd_array_grow(al->matches, al->nmatches, *mcap)) < 0)
				return error;
			al->matches[al->nmatches++] = *t;
		} else if ((error = scd_match__push(&al->matches, &al->nmatches, mcap,
						    t->a, t->b, t->len)) < 0) {
			return error;
		}
	}
	if (tail) {
		uint32_t ea = tiles[last].a + tiles[last].len, eb = tiles[last].b + tiles[last].len;
		if ((error = scd_myers__diff(&al->matches, &al->nmatches, mcap,
					     a + ea, (uint32_t)(na - ea), b + eb,
					     (uint32_t)(nb - eb), ea, eb,
					     (uint32_t)(na - ea + nb - eb))) < 0)
			return error;
	}
	for (i = start; i < al->nmatches; i++)
		matched += al->matches[i].len;
	/* too little to call a shared passage, unless it is all of a text
	 * (two copies of a one-line text must still align) */
	if (matched < o->min_block &&
	    !(al->matches[start].a == 0 &&
	      al->matches[al->nmatches - 1].a + al->matches[al->nmatches - 1].len == na) &&
	    !(al->matches[start].b == 0 &&
	      al->matches[al->nmatches - 1].b + al->matches[al->nmatches - 1].len == nb)) {
		al->nmatches = start;
		return 0;
	}
	if ((error = scd_array_grow(al->blocks, al->nblocks, *bcap)) < 0)
		return error;
	blk = &al->blocks[al->nblocks++];
	blk->a_beg = al->matches[start].a;
	blk->b_beg = al->matches[start].b;
	blk->a_end = al->matches[al->nmatches - 1].a + al->matches[al->nmatches - 1].len;
	blk->b_end = al->matches[al->nmatches - 1].b + al->matches[al->nmatches - 1].len;
	/* a head or tail taken in reaches the text's edge, even where its
	 * last characters matched nothing: they are a change of the block */
	if (head)
		blk->a_beg = blk->b_beg = 0;
	if (tail) {
		blk->a_end = (uint32_t)na;
		blk->b_end = (uint32_t)nb;
	}
	blk->first = start;
	blk->count = al->nmatches - start;
	blk->matched = matched;
	return 0;
}

/*
 * Chain tiles into blocks: the next tile on a joins the current block when
 * it is also the next tile on b and both gaps are at most max_gap.
 */
static int chain(scd_alignment *al, scd_match *tiles, size_t nt,
		 const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
		 const scd_align_options *o)
{
	b_order *byb = NULL;
	size_t *rank = NULL, i, first = 0, bcap = 0, mcap = 0;
	int error = 0, head, tail;

	if (nt == 0)
		return 0;
	qsort(tiles, nt, sizeof(*tiles), cmp_match_a);
	byb = malloc(nt * sizeof(*byb));
	rank = malloc(nt * sizeof(*rank));
	if (!byb || !rank) {
		error = scd_error__nomem();
		goto done;
	}
	for (i = 0; i < nt; i++) {
		byb[i].b = tiles[i].b;
		byb[i].index = i;
	}
	qsort(byb, nt, sizeof(*byb), cmp_b_order);
	for (i = 0; i < nt; i++)
		rank[byb[i].index] = i;
	for (i = 1; i <= nt; i++) {
		int join = 0;
		if (i < nt) {
			const scd_match *p = &tiles[i - 1], *t = &tiles[i];
			join = rank[i] == rank[i - 1] + 1 &&
			       t->a - (p->a + p->len) <= o->max_gap &&
			       t->b - (p->b + p->len) <= o->max_gap;
		}
		if (join)
			continue;
		/*
		 * A passage that begins (ends) within max_gap of the start
		 * (end) of both texts, with no other passage before (after) it
		 * on either side, takes in the head (tail) as it takes in a
		 * gap: a slip in a text's first few characters must not leave
		 * them unmatched.  Only when both texts have something there:
		 * text before (after) a passage in one text alone is text
		 * found in that text only.
		 */
		{
			size_t ta = na - (tiles[nt - 1].a + tiles[nt - 1].len);
			size_t tb = nb - (tiles[nt - 1].b + tiles[nt - 1].len);
			head = first == 0 && rank[0] == 0 &&
			       tiles[0].a > 0 && tiles[0].a <= o->max_gap &&
			       tiles[0].b > 0 && tiles[0].b <= o->max_gap;
			tail = i == nt && rank[nt - 1] == nt - 1 &&
			       ta > 0 && ta <= o->max_gap && tb > 0 && tb <= o->max_gap;
		}
		if ((error = add_block(al, &bcap, tiles, first, i - 1, a, na, b, nb,
				       &mcap, o, head, tail)) < 0)
			goto done;
		first = i;
	}
done:
	free(byb);
	free(rank);
	return error;
}

int scd_align(scd_alignment **out, const uint32_t *a, size_t na,
	      const uint32_t *b, size_t nb, const scd_align_options *opts)
{
	scd_align_options o = SCD_ALIGN_OPTIONS_INIT;
	scd_alignment *al;
	scd_match *mems = NULL, *tiles = NULL;
	size_t nseeds = 0, nmems = 0, ntiles = 0, mcap;
	int error;

	*out = NULL;
	if (opts)
		o = *opts;
	if (o.k == 0 || o.w == 0 || o.k > SCD_SHINGLE_MAX_K)
		return scd_error__set(SCD_EINVALID, "alignment needs 1 ≤ k ≤ %d and w ≥ 1",
				      SCD_SHINGLE_MAX_K);
	if (o.min_tile < o.k)
		o.min_tile = o.k;
	if (!(al = calloc(1, sizeof(*al))))
		return scd_error__nomem();
	if ((error = find_mems(&mems, &nmems, &nseeds, a, na, b, nb, &o)) < 0)
		goto fail;
	mcap = nmems;
	scd_trace__stage("seeds", nseeds);
	/*
	 * The common prefix and suffix are matches too, found without
	 * fingerprints: two copies of a text made only of frequent shingles
	 * (a slogan repeated, a file of one letter) have no usable seeds, yet
	 * must align.
	 */
	{
		size_t p = 0, q = 0, lim = na < nb ? na : nb;
		while (p < lim && a[p] == b[p])
			p++;
		while (q < lim - p && a[na - 1 - q] == b[nb - 1 - q])
			q++;
		/* (a prefix that is a whole text counts whatever its length) */
		if ((p >= o.min_tile || (p > 0 && p == lim)) &&
		    (error = scd_match__push(&mems, &nmems, &mcap, 0, 0, (uint32_t)p)) < 0)
			goto fail;
		if (q >= o.min_tile &&
		    (error = scd_match__push(&mems, &nmems, &mcap, (uint32_t)(na - q),
					(uint32_t)(nb - q), (uint32_t)q)) < 0)
			goto fail;
	}
	scd_trace__stage("maximal matches", nmems);
	/* tile() takes the MEM array over as its heap and frees it */
	if ((error = tile(&tiles, &ntiles, mems, nmems, na, nb, &o)) < 0)
		goto fail;
	scd_trace__stage("tiles", ntiles);
	error = chain(al, tiles, ntiles, a, na, b, nb, &o);
	scd_trace__stage("blocks", al->nblocks);
	free(tiles);
	if (error < 0)
		goto fail;
	*out = al;
	return 0;
fail:
	scd_alignment_free(al);
	return error;
}
