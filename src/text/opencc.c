/*
 * OpenCC's conversion over its compiled-in tables, with the origin of every
 * output character (opencc.h).  The steps follow OpenCC 1.1's
 * MaxMatchSegmentation::Segment, Conversion::Convert and
 * ConversionChain::Convert (src/ of github.com/BYVoid/OpenCC):
 *
 *  - segmentation: at each position the longest key of the segmentation
 *    group that is a prefix of the rest of the text is a segment of its
 *    own; characters where none matches gather into one segment;
 *  - each conversion step, inside each segment: the longest key of the
 *    first dictionary of the group that has one is replaced by its first
 *    candidate; an unmatched character is copied.  Segments are never
 *    crossed, so a phrase of a later step is found only inside one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scodiff/normalize.h"
#include "text/opencc.h"
#include "text/opencc_tables.h"
#include "util/array.h"
#include "util/error.h"

/* The child of `node` on code point c, or 0. */
static uint32_t child(const scd_opencc__dict *d, uint32_t node, uint32_t c)
{
	size_t lo, hi;

	if (node == 0 && c < 0x10000 && d->root_hi)
		return c >= d->root_lo && c < d->root_hi ? d->root[c - d->root_lo] : 0;
	lo = d->first[node];
	hi = d->first[node + 1];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->cp[mid] < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < d->first[node + 1] && d->cp[lo] == c ? d->child[lo] : 0;
}

/* Length of the longest key of d that is a prefix of s[0..n) (0: none);
 * *val is the pool offset of its candidate. */
static size_t match(const scd_opencc__dict *d, const uint32_t *s, size_t n,
		    uint32_t *val)
{
	uint32_t node = 0;
	size_t best = 0, i;

	for (i = 0; i < n && i < d->maxlen; i++) {
		if (!(node = child(d, node, s[i])))
			break;
		if (d->value[node]) {
			best = i + 1;
			*val = d->value[node] - 1;
		}
	}
	return best;
}

/* The group at spec[*at..] (ended by -1): the first dictionary's match. */
static size_t match_group(const int16_t *g, const uint32_t *s, size_t n,
			  uint32_t *val)
{
	size_t len;

	for (; *g >= 0; g++)
		if ((len = match(&scd_opencc__dicts[*g], s, n, val)) > 0)
			return len;
	return 0;
}

const scd_opencc__config *scd_opencc__find(const char *name)
{
	size_t i;

	for (i = 0; name && i < scd_opencc__nconfigs; i++)
		if (!strcmp(scd_opencc__configs[i].name, name))
			return &scd_opencc__configs[i];
	return NULL;
}

int scd_opencc__is_fold(const scd_opencc__config *cfg)
{
	return !strcmp(cfg->name, "regional") || !strcmp(cfg->name, "phrases");
}

void scd_opencc__names(char *buf, size_t cap)
{
	size_t i, n = 0;

	if (cap)
		buf[0] = '\0';
	for (i = 0; i < scd_opencc__nconfigs; i++) {
		int k;
		if (scd_opencc__is_fold(&scd_opencc__configs[i]))
			continue;
		k = snprintf(buf + n, cap - n, "%s%s", n ? ", " : "",
			     scd_opencc__configs[i].name);
		if (k < 0 || (size_t)k >= cap - n)
			break;
		n += (size_t)k;
	}
}

void scd_opencc__text_clear(scd_opencc__text *t)
{
	free(t->cp);
	free(t->beg);
	free(t->end);
	memset(t, 0, sizeof(*t));
}

static int reserve(scd_opencc__text *t, size_t more)
{
	size_t cap = t->cap;

	if (t->len + more <= t->cap)
		return 0;
	if (scd_array__reserve(&t->cp, &cap, t->len + more, sizeof(*t->cp)) < 0)
		return SCD_ENOMEM;
	cap = t->cap;
	if (scd_array__reserve(&t->beg, &cap, t->len + more, sizeof(*t->beg)) < 0)
		return SCD_ENOMEM;
	cap = t->cap;
	if (scd_array__reserve(&t->end, &cap, t->len + more, sizeof(*t->end)) < 0)
		return SCD_ENOMEM;
	t->cap = cap;
	return 0;
}

/*
 * One conversion step over src (a segment), appended to dst.  A key of
 * k characters replaced by a candidate of k keeps each character's
 * origin; of another length, every candidate character takes the whole
 * key's.
 */
/*
 * Whether the candidate pool[val] of the key src[j..j+len) holds the key
 * and the text around it reads the candidate already (實模式 → 真實模式
 * where the text has 真實模式): converted again, it would grow.
 */
/* x[0..n) and y[0..n) one text in simplified characters. */
static int same_simplified(const uint32_t *x, const uint32_t *y, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (x[i] != y[i] && scd_normalize_simplified(x[i]) != scd_normalize_simplified(y[i]))
			return 0;
	return 1;
}

static int reads_already(const scd_opencc__text *src, size_t j, size_t len, uint32_t val)
{
	uint32_t v = scd_opencc__pool[val], d;
	const uint32_t *c = &scd_opencc__pool[val + 1];

	/* only a longer candidate grows the text; compared in either
	 * script: tw2sp's 尼日 → 尼日爾 meets 尼日尔 */
	if (v <= len)
		return 0;
	for (d = 0; d + len <= v; d++) {
		if (!same_simplified(c + d, src->cp + j, len))
			continue;
		if (d <= j && j - d + v <= src->len && same_simplified(c, src->cp + j - d, v))
			return 1;
	}
	return 0;
}

static int step(scd_opencc__text *dst, const int16_t *group,
		const scd_opencc__text *src, int settled)
{
	size_t j = 0;

	while (j < src->len) {
		uint32_t val = 0, v, k;
		size_t len = match_group(group, src->cp + j, src->len - j, &val);

		if (len && settled && reads_already(src, j, len, val))
			len = 0;
		if (len == 0) {
			if (reserve(dst, 1) < 0)
				return SCD_ENOMEM;
			dst->cp[dst->len] = src->cp[j];
			dst->beg[dst->len] = src->beg[j];
			dst->end[dst->len] = src->end[j];
			dst->len++;
			j++;
			continue;
		}
		v = scd_opencc__pool[val];
		if (reserve(dst, v) < 0)
			return SCD_ENOMEM;
		for (k = 0; k < v; k++) {
			size_t from = v == len ? j + k : j;
			dst->cp[dst->len] = scd_opencc__pool[val + 1 + k];
			dst->beg[dst->len] = src->beg[from];
			dst->end[dst->len] = v == len ? src->end[from] : src->end[j + len - 1];
			dst->len++;
		}
		j += len;
	}
	return 0;
}

static int in_group(const int16_t *g, int16_t d)
{
	for (; *g >= 0; g++)
		if (*g == d)
			return 1;
	return 0;
}

/*
 * The segment in[b..e) through every step of cfg, appended to out.  In a
 * run of characters where the segmentation found no key (`run`), no key
 * of a segmentation dictionary starts anywhere (a key inside the run
 * would have been found at its start), so the first step leaves those
 * dictionaries out (a later step sees text the first one changed: in
 * tw2sp, TSPhrases may match after TWVariantsRev); a step left with none
 * copies, and a run that only copies goes straight to the output.  For
 * s2t and the regional fold that is nearly all the text.
 */
static int segment(scd_opencc__text *out, const scd_opencc__config *cfg,
		   const uint32_t *in, size_t b, size_t e, int run, int settled,
		   scd_opencc__text *buf)
{
	int16_t groups[33];
	const int16_t *g = cfg->spec;
	scd_opencc__text *src = &buf[0], *dst = &buf[1], *t;
	size_t n = 0, i;
	int error, first = 1;

	/* the steps' groups, less what a run cannot match in the first,
	 * empty ones dropped */
	while (*g >= 0)
		g++;
	for (g++; *g != -2; g++) {
		if (*g >= 0) {
			if (!run || !first || !in_group(cfg->spec, *g))
				groups[n++] = *g;
		} else {
			first = 0;
			if (n && groups[n - 1] != -1)
				groups[n++] = -1;
		}
	}
	groups[n] = -2;
	t = n ? src : out;
	if (n)
		src->len = 0;
	if (reserve(t, e - b) < 0)
		return SCD_ENOMEM;
	for (i = b; i < e; i++) {
		t->cp[t->len] = in[i];
		t->beg[t->len] = (uint32_t)i;
		t->end[t->len] = (uint32_t)i + 1;
		t->len++;
	}
	for (g = groups; *g != -2;) {
		const int16_t *next = g;
		int last;
		while (*next >= 0)
			next++;
		next++;
		last = *next == -2;
		dst->len = 0;
		if ((error = step(last ? out : dst, g, src, settled)) < 0 || last)
			return error;
		t = src;
		src = dst;
		dst = t;
		g = next;
	}
	return 0;
}

int scd_opencc__convert(scd_opencc__text *out, const scd_opencc__config *cfg,
			const uint32_t *in, size_t n, int settled)
{
	scd_opencc__text buf[2];
	size_t i = 0, run = 0;
	int error = 0;

	if (n >= UINT32_MAX)
		return scd_error__set(SCD_EINVALID, "text too large to convert");
	memset(buf, 0, sizeof(buf));
	while (i < n && error == 0) {
		uint32_t val;
		size_t len = match_group(cfg->spec, in + i, n - i, &val);

		if (len == 0) {
			i++;
			continue;
		}
		if (run < i)
			error = segment(out, cfg, in, run, i, 1, settled, buf);
		if (error == 0)
			error = segment(out, cfg, in, i, i + len, 0, settled, buf);
		i += len;
		run = i;
	}
	if (error == 0 && run < n)
		error = segment(out, cfg, in, run, n, 1, settled, buf);
	scd_opencc__text_clear(&buf[0]);
	scd_opencc__text_clear(&buf[1]);
	return error < 0 ? scd_error__nomem() : 0;
}

int scd_opencc__matches(scd_opencc__match **out, size_t *count,
			const scd_opencc__config *cfg, const uint32_t *in, size_t n)
{
	size_t i = 0, cap = 0;

	const scd_opencc__dict *one = cfg->spec[1] == -1 ? &scd_opencc__dicts[cfg->spec[0]] : NULL;

	*out = NULL;
	*count = 0;
	while (i < n) {
		uint32_t val;
		size_t len;
		scd_opencc__match *m;

		if (one && one->root_hi) {
			/* most characters start no key: one load each (the
			 * regional fold, over every character of the key) */
			while (i < n && in[i] < 0x10000 &&
			       (in[i] < one->root_lo || in[i] >= one->root_hi ||
				!one->root[in[i] - one->root_lo]))
				i++;
			if (i == n)
				break;
		}
		if ((len = match_group(cfg->spec, in + i, n - i, &val)) == 0) {
			i++;
			continue;
		}
		if (scd_array_grow(*out, *count, cap) < 0) {
			free(*out);
			*out = NULL;
			*count = 0;
			return SCD_ENOMEM;
		}
		m = &(*out)[(*count)++];
		m->pos = (uint32_t)i;
		m->len = (uint32_t)len;
		m->value = &scd_opencc__pool[val + 1];
		m->nvalue = scd_opencc__pool[val];
		i += len;
	}
	return 0;
}

int scd_opencc__same(const char *config, const uint32_t *a, size_t na,
		     const uint32_t *b, size_t nb)
{
	const scd_opencc__config *cfg = scd_opencc__find(config);
	scd_opencc__text x = { 0 }, y = { 0 };
	int same = 0;

	if (cfg && scd_opencc__convert(&x, cfg, a, na, 0) == 0 &&
	    scd_opencc__convert(&y, cfg, b, nb, 0) == 0)
		same = x.len == y.len && (!x.len || !memcmp(x.cp, y.cp, x.len * sizeof(*x.cp)));
	scd_opencc__text_clear(&x);
	scd_opencc__text_clear(&y);
	return same;
}

/* Runs of a conversion until it changes nothing: s2twp takes 进程 to 程序
 * and, run again, 程序 to 程式.  Two runs settle the corpus and its
 * editions. */
#define FIXED_ROUNDS 4

int scd_opencc__convert_fixed(scd_opencc__text *out, const scd_opencc__config *cfg,
			      const uint32_t *in, size_t n)
{
	scd_opencc__text next = { 0 };
	int error, round;

	if ((error = scd_opencc__convert(out, cfg, in, n, 1)) < 0)
		return error;
	for (round = 1; round < FIXED_ROUNDS; round++) {
		size_t i;
		next.len = 0;
		if ((error = scd_opencc__convert(&next, cfg, out->cp, out->len, 1)) < 0)
			break;
		if (next.len == out->len &&
		    (!out->len || !memcmp(next.cp, out->cp, out->len * sizeof(*out->cp))))
			break;
		/* origins composed back to the input */
		for (i = 0; i < next.len; i++) {
			next.beg[i] = out->beg[next.beg[i]];
			next.end[i] = out->end[next.end[i] - 1];
		}
		{
			scd_opencc__text t = *out;
			*out = next;
			next = t;
		}
	}
	scd_opencc__text_clear(&next);
	return error;
}

int scd_opencc__converts_to(const char *config, const uint32_t *a, size_t na,
			    const uint32_t *b, size_t nb)
{
	const scd_opencc__config *cfg = scd_opencc__find(config);
	scd_opencc__text x = { 0 };
	int same = 0;

	if (!cfg)
		return 0;
	/* one run, as an OpenCC edition; or run to its end, as clean --to */
	if (scd_opencc__convert(&x, cfg, a, na, 0) == 0)
		same = x.len == nb && same_simplified(x.cp, b, nb);
	scd_opencc__text_clear(&x);
	if (!same && scd_opencc__convert_fixed(&x, cfg, a, na) == 0)
		same = x.len == nb && same_simplified(x.cp, b, nb);
	scd_opencc__text_clear(&x);
	return same;
}

uint32_t scd_opencc__key_id(void)
{
	return scd_opencc__tables_id;
}

uint32_t scd_opencc__simplified(uint32_t c)
{
	size_t lo = 0, hi = scd_opencc__simplified_npairs;

	if (c >= scd_opencc__simplified_lo && c < scd_opencc__simplified_hi) {
		uint32_t v = scd_opencc__simplified_table[c - scd_opencc__simplified_lo];
		return v ? v : c;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (scd_opencc__simplified_pairs[mid][0] < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < scd_opencc__simplified_npairs &&
	       scd_opencc__simplified_pairs[lo][0] == c ? scd_opencc__simplified_pairs[lo][1] : c;
}
