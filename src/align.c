/*
 * Alignment: seeds → maximal exact matches → greedy string tiling →
 * blocks → Myers inside the gaps.  See align.h for the outline and
 * docs/parameters.md for how the constants were measured on corpora/.
 */
#include <stdlib.h>
#include <string.h>

#include "scodiff/align.h"
#include "scodiff/shingle.h"
#include "myers.h"
#include "error.h"

typedef struct {
	uint32_t a, b;
} seed;

/* ---- seeds --------------------------------------------------------- */

static int cmp_fp(const void *x, const void *y)
{
	const scd_fingerprint *p = x, *q = y;
	if (p->hash != q->hash)
		return p->hash < q->hash ? -1 : 1;
	return (p->pos > q->pos) - (p->pos < q->pos);
}

static int cmp_seed_diag(const void *x, const void *y)
{
	const seed *p = x, *q = y;
	int64_t dp = (int64_t)p->b - p->a, dq = (int64_t)q->b - q->a;
	if (dp != dq)
		return dp < dq ? -1 : 1;
	return (p->a > q->a) - (p->a < q->a);
}

/*
 * Pairs of positions whose winnowed fingerprints agree.  A fingerprint
 * found more than max_occ times on either side is a set formula; its
 * pairs would be many and say little, and the unique fingerprints around a
 * real shared passage find it anyway.
 */
static int find_seeds(seed **out, size_t *out_len, const uint32_t *a,
		      size_t na, const uint32_t *b, size_t nb,
		      const scd_align_options *o)
{
	scd_fingerprint *fa = NULL, *fb = NULL;
	size_t la, lb, i = 0, j = 0, n = 0, cap = 0;
	seed *s = NULL;
	int error;

	*out = NULL;
	*out_len = 0;
	if ((error = scd_shingle_winnow(&fa, &la, a, na, o->k, o->w)) < 0 ||
	    (error = scd_shingle_winnow(&fb, &lb, b, nb, o->k, o->w)) < 0)
		goto done;
	if (la)
		qsort(fa, la, sizeof(*fa), cmp_fp);
	if (lb)
		qsort(fb, lb, sizeof(*fb), cmp_fp);
	while (i < la && j < lb) {
		size_t ie = i, je = j, x, y;
		if (fa[i].hash < fb[j].hash) {
			i++;
			continue;
		}
		if (fa[i].hash > fb[j].hash) {
			j++;
			continue;
		}
		while (ie < la && fa[ie].hash == fa[i].hash)
			ie++;
		while (je < lb && fb[je].hash == fb[j].hash)
			je++;
		if (ie - i <= o->max_occ && je - j <= o->max_occ) {
			for (x = i; x < ie; x++)
				for (y = j; y < je; y++) {
					if (n == cap) {
						size_t nc = cap ? cap * 2 : 1024;
						seed *p = realloc(s, nc * sizeof(*p));
						if (!p) {
							error = scd_error__nomem();
							goto done;
						}
						s = p;
						cap = nc;
					}
					s[n].a = fa[x].pos;
					s[n].b = fb[y].pos;
					n++;
				}
		}
		i = ie;
		j = je;
	}
	*out = s;
	*out_len = n;
	s = NULL;
done:
	free(s);
	free(fa);
	free(fb);
	return error;
}

/* ---- maximal exact matches and tiles ----------------------------------- */

/*
 * Extend every seed along its diagonal as far as the keys agree.  Seeds
 * are sorted by diagonal, so a seed inside the match just made is skipped
 * and each diagonal run is walked once.
 */
static int find_mems(scd_match **out, size_t *out_len, seed *s, size_t ns,
		     const uint32_t *a, size_t na, const uint32_t *b,
		     size_t nb, const scd_align_options *o)
{
	scd_match *m = NULL;
	size_t n = 0, cap = 0, i;
	int64_t last_diag = INT64_MIN;
	uint32_t last_end = 0;

	if (ns)
		qsort(s, ns, sizeof(*s), cmp_seed_diag);
	for (i = 0; i < ns; i++) {
		int64_t diag = (int64_t)s[i].b - s[i].a;
		uint32_t x = s[i].a, y = s[i].b, e;

		if (diag == last_diag && x < last_end)
			continue;
		while (x > 0 && y > 0 && a[x - 1] == b[y - 1]) {
			x--;
			y--;
		}
		e = s[i].a;
		while (e < na && (size_t)(e - x) + y < nb && a[e] == b[e - x + y])
			e++;
		last_diag = diag;
		last_end = e;
		if (e - x < o->min_tile || e - x < o->k)
			continue; /* too short, or a hash collision */
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 1024;
			scd_match *p = realloc(m, nc * sizeof(*p));
			if (!p) {
				free(m);
				return scd_error__nomem();
			}
			m = p;
			cap = nc;
		}
		m[n].a = x;
		m[n].b = y;
		m[n].len = e - x;
		n++;
	}
	*out = m;
	*out_len = n;
	return 0;
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
 * tile on each side.  The heap array `h` (n entries, capacity cap) is
 * reused for the pushes back; there are never more live entries than
 * were popped plus the free stretches of one match.
 */
static int tile(scd_match **tiles, size_t *ntiles, scd_match *h, size_t n,
		size_t hcap, size_t na, size_t nb,
		const scd_align_options *o)
{
	unsigned char *ua = calloc(na ? na : 1, 1), *ub = calloc(nb ? nb : 1, 1);
	scd_match *t = NULL;
	size_t nt = 0, tcap = 0, i;
	int error = 0;

	if (!ua || !ub) {
		error = scd_error__nomem();
		goto done;
	}
	for (i = n / 2; i-- > 0;)
		heap_down(h, n, i);
	while (n > 0) {
		scd_match m = h[0];
		uint32_t j, run = 0;
		int whole = 1;

		h[0] = h[--n];
		heap_down(h, n, 0);
		for (j = 0; j < m.len; j++)
			if (ua[m.a + j] || ub[m.b + j]) {
				whole = 0;
				break;
			}
		if (whole) {
			if (nt == tcap) {
				size_t nc = tcap ? tcap * 2 : 256;
				scd_match *p = realloc(t, nc * sizeof(*p));
				if (!p) {
					error = scd_error__nomem();
					goto done;
				}
				t = p;
				tcap = nc;
			}
			t[nt++] = m;
			memset(ua + m.a, 1, m.len);
			memset(ub + m.b, 1, m.len);
			continue;
		}
		/* push back the free stretches */
		for (j = 0; j <= m.len; j++) {
			int free_here = j < m.len && !ua[m.a + j] && !ub[m.b + j];
			if (free_here) {
				run++;
				continue;
			}
			if (run >= o->min_tile) {
				if (n == hcap) {
					size_t nc = hcap * 2 + 16;
					scd_match *p = realloc(h, nc * sizeof(*p));
					if (!p) {
						error = scd_error__nomem();
						goto done;
					}
					h = p;
					hcap = nc;
				}
				h[n].a = m.a + j - run;
				h[n].b = m.b + j - run;
				h[n].len = run;
				heap_up(h, n);
				n++;
			}
			run = 0;
		}
	}
done:
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
		     size_t first, size_t last, const uint32_t *a,
		     const uint32_t *b, size_t *mcap,
		     const scd_align_options *o)
{
	size_t start = al->nmatches, i;
	scd_block *blk;
	uint32_t matched = 0;
	int error;

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
		/* the tile itself, joined to a match that ends where it starts */
		if (al->nmatches > start &&
		    al->matches[al->nmatches - 1].a + al->matches[al->nmatches - 1].len == t->a &&
		    al->matches[al->nmatches - 1].b + al->matches[al->nmatches - 1].len == t->b) {
			al->matches[al->nmatches - 1].len += t->len;
		} else {
			if (al->nmatches == *mcap) {
				size_t nc = *mcap ? *mcap * 2 : 256;
				scd_match *p = realloc(al->matches, nc * sizeof(*p));
				if (!p)
					return scd_error__nomem();
				al->matches = p;
				*mcap = nc;
			}
			al->matches[al->nmatches++] = *t;
		}
	}
	for (i = start; i < al->nmatches; i++)
		matched += al->matches[i].len;
	if (matched < o->min_block) {
		al->nmatches = start; /* too little to call a shared passage */
		return 0;
	}
	if (al->nblocks == *bcap) {
		size_t nc = *bcap ? *bcap * 2 : 64;
		scd_block *p = realloc(al->blocks, nc * sizeof(*p));
		if (!p)
			return scd_error__nomem();
		al->blocks = p;
		*bcap = nc;
	}
	blk = &al->blocks[al->nblocks++];
	blk->a_beg = tiles[first].a;
	blk->b_beg = tiles[first].b;
	blk->a_end = tiles[last].a + tiles[last].len;
	blk->b_end = tiles[last].b + tiles[last].len;
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
		 const uint32_t *a, const uint32_t *b,
		 const scd_align_options *o)
{
	b_order *byb = NULL;
	size_t *rank = NULL, i, first = 0, bcap = 0, mcap = 0;
	int error = 0;

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
		if ((error = add_block(al, &bcap, tiles, first, i - 1, a, b, &mcap, o)) < 0)
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
	seed *seeds = NULL;
	scd_match *mems = NULL, *tiles = NULL;
	size_t nseeds = 0, nmems = 0, ntiles = 0;
	int error;

	*out = NULL;
	if (opts)
		o = *opts;
	if (o.k == 0 || o.w == 0)
		return scd_error__set(SCD_EINVALID, "alignment needs k ≥ 1 and w ≥ 1");
	if (o.min_tile < o.k)
		o.min_tile = o.k;
	if (!(al = calloc(1, sizeof(*al))))
		return scd_error__nomem();
	if ((error = find_seeds(&seeds, &nseeds, a, na, b, nb, &o)) < 0)
		goto fail;
	error = find_mems(&mems, &nmems, seeds, nseeds, a, na, b, nb, &o);
	free(seeds);
	if (error < 0)
		goto fail;
	/* tile() takes the MEM array over as its heap and frees it */
	if ((error = tile(&tiles, &ntiles, mems, nmems, nmems, na, nb, &o)) < 0)
		goto fail;
	error = chain(al, tiles, ntiles, a, b, &o);
	free(tiles);
	if (error < 0)
		goto fail;
	*out = al;
	return 0;
fail:
	scd_alignment_free(al);
	return error;
}
