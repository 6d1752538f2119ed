/*
 * The provenance audit (store.h): for each paragraph of a text, the
 * recorded witnesses that hold it.
 *
 * The text's fingerprints are looked up in the index (formulae left out,
 * as in add); a witness with SCD_STORE_MIN_HITS fingerprints of one
 * paragraph (one, for a paragraph too short to have two) is a candidate
 * for it.  The paragraph is then compared (diff.h) with the stretch of
 * the witness its hits fall in, widened by the paragraph's length on each
 * side; the aligned blocks give the source's span, and its similarity is
 * 2·matched / (key characters of the paragraph + of that span).
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/utf8.h>

#include "store/store_priv.h"
#include "scodiff/normalize.h"
#include "text/segment.h"
#include "util/array.h"
#include "util/error.h"

/* ---- paragraphs --------------------------------------------------------- */

int scd_store_paragraphs(scd_range **out, size_t *nout, const scd_input *in)
{
	size_t len;
	const char *t = scd_input_text(in, &len);

	return scd_segment_paragraphs(out, nout, t, len);
}

/* ---- trace -------------------------------------------------------------- */

typedef struct {
	uint32_t para, w, dpos, wpos;
} thit;

static int cmp_thit(const void *a, const void *b)
{
	const thit *x = a, *y = b;
	const uint64_t kx[] = { x->para, x->w, x->wpos }, ky[] = { y->para, y->w, y->wpos };
	return scd_array_cmp_keys(kx, ky, 3);
}

static int cmp_source(const void *a, const void *b)
{
	const scd_store_source *x = a, *y = b;

	if (x->similarity != y->similarity)
		return x->similarity > y->similarity ? -1 : 1;
	if (x->witness_index != y->witness_index)
		return x->witness_index < y->witness_index ? -1 : 1;
	return (x->span[0] > y->span[0]) - (x->span[0] < y->span[0]);
}

static size_t key_chars(const char *t, size_t len)
{
	scd_key *k = NULL;
	size_t n;

	if (scd_normalize(&k, t, len, NULL) < 0)
		return 0;
	n = scd_key_len(k);
	scd_key_free(k);
	return n;
}

static size_t para_of(const scd_range *p, size_t np, uint32_t pos)
{
	size_t lo = 0, hi = np;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (p[mid].end <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < np && p[lo].beg <= pos ? lo : np;
}

typedef struct {
	scd_store *s;
	git_tree *tree;
	scd_store__index *x;
	scd_store__stmt *st;
	size_t nst;
	scd_store__mindex ix;
	scd_store_trace *out;
	size_t capw;
	const scd_store_trace_options *o;
	/* first commits, by witness index of out */
	char (*first)[41];
} tracer;

static long witness_slot(tracer *tr, const char *id)
{
	scd_store_trace *o = tr->out;
	size_t i;
	int error;

	for (i = 0; i < o->nwitnesses; i++)
		if (!strcmp(o->witnesses[i].id, id))
			return (long)i;
	if ((error = scd_array__reserve(&o->witnesses, &tr->capw, o->nwitnesses + 1,
					sizeof(*o->witnesses))) < 0)
		return error;
	{
		char (*f)[41] = realloc(tr->first, (o->nwitnesses + 1) * sizeof(*f));
		if (!f)
			return scd_error__nomem();
		tr->first = f;
	}
	if ((error = scd_store__witness_meta(tr->s, tr->tree, id, &o->witnesses[o->nwitnesses])) < 0)
		return error;
	if ((error = scd_store_first_commit(tr->s, tr->first[o->nwitnesses], id)) < 0) {
		scd_store_witness_clear(&o->witnesses[o->nwitnesses]);
		return error;
	}
	return (long)o->nwitnesses++;
}

/* Compare paragraph p of in with witness `id` around its hits h[0..n). */
static int source_of(tracer *tr, scd_store_paragraph *para, const scd_input *in,
		     const char *id, const thit *h, size_t n, size_t *capsrc)
{
	const scd_input *w;
	const char *wt;
	size_t plen, wlen, wb, we, lo = SIZE_MAX, hi = 0, i, matched = 0;
	size_t pchars, schars, sb = SIZE_MAX, se = 0;
	scd_input *pi = NULL, *wi = NULL;
	scd_diff *d = NULL;
	double sim;
	int error;

	if ((error = scd_store__witness_decoded(tr->s, tr->tree, id, &w)) < 0)
		return error;
	wt = scd_input_text(w, &wlen);
	plen = para->text.end - para->text.beg;
	for (i = 0; i < n; i++) {
		if (h[i].wpos < lo)
			lo = h[i].wpos;
		if (h[i].wpos > hi)
			hi = h[i].wpos;
	}
	if (lo > wlen)
		return 0; /* a damaged index: nothing to compare */
	wb = lo > plen ? lo - plen : 0;
	we = hi + plen + 16 < wlen ? hi + plen + 16 : wlen;
	while (wb > 0 && U8_IS_TRAIL((uint8_t)wt[wb]))
		wb--;
	while (we < wlen && U8_IS_TRAIL((uint8_t)wt[we]))
		we++;
	if ((error = scd_input_slice(&pi, in, para->text.beg, para->text.end)) < 0 ||
	    (error = scd_input_slice(&wi, w, wb, we)) < 0 ||
	    (error = scd_diff_inputs(&d, pi, wi, NULL)) < 0)
		goto done;
	for (i = 0; i < d->nblocks; i++) {
		matched += d->blocks[i].matched;
		if (d->blocks[i].b.beg < sb)
			sb = d->blocks[i].b.beg;
		if (d->blocks[i].b.end > se)
			se = d->blocks[i].b.end;
	}
	if (!matched)
		goto done;
	pchars = key_chars(scd_input_text(pi, NULL), plen);
	schars = key_chars(scd_input_text(wi, NULL) + sb, se - sb);
	sim = pchars + schars ? 2.0 * (double)matched / (double)(pchars + schars) : 0;
	if (sim > 1)
		sim = 1;
	if (sim < tr->o->threshold)
		goto done;
	{
		scd_store_source *src;
		long slot = witness_slot(tr, id);
		long k;
		if (slot < 0) {
			error = (int)slot;
			goto done;
		}
		if ((error = scd_array__reserve(&para->sources, capsrc, para->nsources + 1,
						sizeof(*para->sources))) < 0)
			goto done;
		src = &para->sources[para->nsources++];
		memset(src, 0, sizeof(*src));
		src->witness_index = (size_t)slot;
		src->span[0] = scd_input_offset(wi, sb);
		src->span[1] = scd_input_offset(wi, se);
		src->lines[0] = scd_input_line(wi, sb);
		src->lines[1] = scd_input_line(wi, se - 1);
		src->similarity = sim;
		k = scd_store__statement_of(tr->st, &tr->ix, id, src->span[0], src->span[1], 0.5, 0);
		src->statement = k >= 0 ? tr->st[k].number : 0;
		memcpy(src->first_commit, tr->first[slot], 41);
	}
done:
	scd_diff_free(d);
	scd_input_free(pi);
	scd_input_free(wi);
	return error;
}

/* The hits of in's fingerprints on the store, by paragraph (formulae
 * left out); pfp[p] gets paragraph p's fingerprints. */
static int paragraph_hits(thit **out, size_t *nout, size_t *pfp, const tracer *tr,
			  const scd_range *par, size_t np, const scd_input *in)
{
	scd_store__fp *fp = NULL, buf[SCD_STORE_FETCH];
	thit *h = NULL;
	size_t nfp = 0, i, j, nh = 0, caph = 0, formula, len;
	const char *text = scd_input_text(in, &len);
	int error;

	*out = NULL;
	*nout = 0;
	if ((error = scd_store__fingerprints(&fp, &nfp, NULL, text, len, 0)) < 0)
		return error;
	formula = scd_fingerprint__formula_docs(scd_store__index_nwitnesses(tr->x));
	for (i = 0; i < nfp; i++) {
		size_t p = para_of(par, np, fp[i].pos), n;
		if (p == np)
			continue;
		pfp[p]++;
		if ((n = scd_store__lookup(tr->x, fp[i].hash, buf, formula)) == 0)
			continue;
		if ((error = scd_array__reserve(&h, &caph, nh + n, sizeof(*h))) < 0) {
			free(h);
			free(fp);
			return error;
		}
		for (j = 0; j < n; j++) {
			h[nh].para = (uint32_t)p;
			h[nh].w = buf[j].doc;
			h[nh].dpos = fp[i].pos;
			h[nh].wpos = buf[j].pos;
			nh++;
		}
	}
	free(fp);
	if (nh > 1)
		qsort(h, nh, sizeof(*h), cmp_thit);
	*out = h;
	*nout = nh;
	return 0;
}

/* Each paragraph compared with each witness it has enough hits on
 * (h[0..nh), sorted by paragraph and witness). */
static int trace_sources(tracer *tr, const thit *h, size_t nh, const size_t *pfp,
			 size_t np, const scd_input *in)
{
	size_t *capsrc = np ? calloc(np, sizeof(*capsrc)) : NULL;
	size_t i, j;
	int error = 0;

	if (np && !capsrc)
		return scd_error__nomem();
	for (i = 0; i < nh && error == 0; i = j) {
		size_t need;
		for (j = i; j < nh && h[j].para == h[i].para && h[j].w == h[i].w; j++)
			;
		/* a source holding half the paragraph or more shares a good
		 * part of its fingerprints: a quarter at least (more than
		 * MIN_HITS for long paragraphs), which keeps the comparisons
		 * off witnesses sharing a phrase or two */
		need = pfp[h[i].para] < SCD_STORE_MIN_HITS ? 1 : SCD_STORE_MIN_HITS;
		if (pfp[h[i].para] / 4 > need)
			need = pfp[h[i].para] / 4;
		if (j - i < need)
			continue;
		{
			const char *wid = scd_store__index_witness(tr->x, h[i].w);
			if (wid)
				error = source_of(tr, &tr->out->paragraphs[h[i].para], in, wid,
						  h + i, j - i, &capsrc[h[i].para]);
		}
	}
	free(capsrc);
	return error;
}

/* The store's head, its index brought up to date (and saved when no add
 * is running), its statements: what a trace reads. */
static int tracer_open(tracer *tr, git_commit **head)
{
	char hex[41];
	int error, locked;

	if ((error = scd_store__head(tr->s, head, &tr->tree)) < 0)
		return error;
	git_oid_tostr(hex, sizeof(hex), git_commit_id(*head));
	memcpy(tr->out->commit, hex, sizeof(hex));
	locked = scd_store__lock(tr->s, 0) == 0;
	scd_error_clear();
	error = scd_store__index_sync(tr->s, &tr->x, tr->tree, hex, locked);
	scd_store__unlock(tr->s);
	if (error < 0 ||
	    (error = scd_store__load_statements(tr->s, tr->tree, &tr->st, &tr->nst)) < 0)
		return error;
	return scd_store__mindex_build(&tr->ix, tr->st, tr->nst);
}

int scd_store_trace_input(scd_store *s, scd_store_trace **out,
			  const scd_input *in,
			  const scd_store_trace_options *opts)
{
	scd_store_trace_options o = SCD_STORE_TRACE_OPTIONS_INIT;
	tracer tr;
	git_commit *head = NULL;
	scd_range *par = NULL;
	size_t np = 0, i, nh = 0, *pfp = NULL;
	thit *h = NULL;
	int error;

	*out = NULL;
	if (opts) {
		if (opts->version != SCD_STORE_TRACE_OPTIONS_VERSION)
			return scd_error__set(SCD_EINVALID, "trace options: version %u unknown",
					      opts->version);
		o = *opts;
	}
	memset(&tr, 0, sizeof(tr));
	tr.s = s;
	tr.o = &o;
	if (!(tr.out = calloc(1, sizeof(*tr.out))))
		return scd_error__nomem();
	tr.out->input = in;
	if ((error = tracer_open(&tr, &head)) < 0 ||
	    (error = scd_store_paragraphs(&par, &np, in)) < 0)
		goto done;
	if (np && (!(tr.out->paragraphs = calloc(np, sizeof(*tr.out->paragraphs))) ||
		   !(pfp = calloc(np, sizeof(*pfp))))) {
		error = scd_error__nomem();
		goto done;
	}
	tr.out->nparagraphs = np;
	for (i = 0; i < np; i++)
		tr.out->paragraphs[i].text = par[i];
	if ((error = paragraph_hits(&h, &nh, pfp, &tr, par, np, in)) < 0 ||
	    (error = trace_sources(&tr, h, nh, pfp, np, in)) < 0)
		goto done;
	for (i = 0; i < np; i++) {
		scd_store_paragraph *p = &tr.out->paragraphs[i];
		if (p->nsources > 1)
			qsort(p->sources, p->nsources, sizeof(*p->sources), cmp_source);
		if (o.max_sources && p->nsources > o.max_sources)
			p->nsources = o.max_sources;
	}
done:
	free(pfp);
	free(h);
	free(par);
	free(tr.first);
	scd_store__mindex_clear(&tr.ix);
	scd_store__free_statements(tr.st, tr.nst);
	scd_store__index_free(tr.x);
	scd_store__cache_clear(s);
	git_tree_free(tr.tree);
	git_commit_free(head);
	if (error < 0) {
		scd_store_trace_free(tr.out);
		return error;
	}
	*out = tr.out;
	return 0;
}

void scd_store_trace_free(scd_store_trace *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->nparagraphs; i++)
		free(t->paragraphs[i].sources);
	for (i = 0; i < t->nwitnesses; i++)
		scd_store_witness_clear(&t->witnesses[i]);
	free(t->paragraphs);
	free(t->witnesses);
	free(t);
}

/* ---- canonical readings for a text -------------------------------------- */

int scd_store_readings(scd_store *s, scd_store_reading **out, size_t *nout,
		       const scd_input *in, double min_similarity)
{
	scd_store_trace_options o = SCD_STORE_TRACE_OPTIONS_INIT;
	scd_store_trace *t = NULL;
	scd_store_reading *r = NULL;
	size_t n = 0, cap = 0, i, j;
	int error;

	*out = NULL;
	*nout = 0;
	o.threshold = min_similarity;
	if ((error = scd_store_trace_input(s, &t, in, &o)) < 0)
		return error;
	for (i = 0; i < t->nparagraphs && error == 0; i++) {
		const scd_store_paragraph *p = &t->paragraphs[i];
		scd_store_statement *st = NULL;
		scd_input *pi = NULL, *ci = NULL;
		scd_diff *d = NULL;
		/* the best source in a statement */
		for (j = 0; j < p->nsources && !p->sources[j].statement; j++)
			;
		if (j == p->nsources)
			continue;
		if ((error = scd_store_statement_get(s, &st, p->sources[j].statement)) < 0 ||
		    (error = scd_input_slice(&pi, in, p->text.beg, p->text.end)) < 0 ||
		    (error = scd_input_from_memory(&ci, "canonical", st->canonical,
						   strlen(st->canonical), NULL)) < 0 ||
		    (error = scd_diff_inputs(&d, pi, ci, NULL)) < 0)
			goto next;
		{
			const char *ct;
			size_t clen, k;
			ct = scd_input_text(ci, &clen);
			for (k = 0; k < d->ndiffs; k++) {
				const scd_difference *x = &d->diffs[k];
				scd_store_reading *y;
				if (x->kind != SCD_KIND_OCR)
					continue;
				if ((error = scd_array__reserve(&r, &cap, n + 1, sizeof(*r))) < 0)
					goto next;
				y = &r[n];
				y->span.beg = (uint32_t)scd_input_slice_offset(pi, x->a.beg);
				y->span.end = (uint32_t)scd_input_slice_offset(pi, x->a.end);
				if (!(y->text = strndup(ct + x->b.beg, x->b.end - x->b.beg))) {
					error = scd_error__nomem();
					goto next;
				}
				snprintf(y->reason, sizeof(y->reason), "canonical text of statement %zu",
					 st->number);
				y->confidence = p->sources[j].similarity;
				n++;
			}
		}
next:
		scd_diff_free(d);
		scd_input_free(pi);
		scd_input_free(ci);
		scd_store_statement_free(st);
	}
	scd_store_trace_free(t);
	if (error < 0) {
		scd_store_readings_free(r, n);
		return error;
	}
	*out = r;
	*nout = n;
	return 0;
}

void scd_store_readings_free(scd_store_reading *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(r[i].text);
	free(r);
}
