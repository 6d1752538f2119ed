/*
 * Suggestions for differences (suggest.h).
 *
 * Learned confusions: a substitution x → y classified as an edit that
 * occurs at RECUR_MIN places or more in one comparison is not an editor's
 * doing but the engine's (an OCR engine repeats its confusions), so it is
 * called ocr, "recurring confusion".
 *
 * The reading probably right: for a variant, the simplified form (in a
 * comparison where variants are few, i.e. not a traditional text against
 * a simplified one); for a substitution, the reading that fits its
 * neighbours better by evidence.h's score; for a character more or less,
 * the text with it when it forms a dictionary word there (谢谢), without
 * it otherwise.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "diff/suggest.h"
#include "scodiff/evidence.h"
#include "scodiff/chardata.h"
#include "util/error.h"
#include "util/trace.h"

/* Places a substitution must recur at to count as the engine's. */
#define RECUR_MIN 2
/* Variants beyond this share of the aligned characters mean a change of
 * script, where neither form is a slip to correct. */
#define SCRIPT_SHARE 0.05
#define CONTENT_MAX 8
/* Unihan frequency score (chardata.h) of a very common character: 的 is
 * 1, kFrequency level 1 characters score about 0.77. */
#define COMMON 0.6

/* The content characters (no whitespace) of t[r), folded as keys fold
 * traditional forms, up to CONTENT_MAX; -1 if there are more. */
static int content(uint32_t *out, const char *t, scd_range r)
{
	size_t i = r.beg;
	int n = 0;

	while (i < r.end) {
		int32_t k = 0;
		UChar32 c;
		U8_NEXT_UNSAFE((const uint8_t *)t + i, k, c);
		i += (size_t)k;
		if (u_isUWhiteSpace(c))
			continue;
		if (n == CONTENT_MAX)
			return -1;
		out[n++] = scd_normalize_simplified((uint32_t)c);
	}
	return n;
}

/* Up to 3 content characters before t[at] (nearest first) or from t[at]
 * on, folded. */
static size_t around(uint32_t *out, const char *t, size_t len, size_t at,
		     int forward)
{
	size_t n = 0, i = at;

	while (n < 3 && (forward ? i < len : i > 0)) {
		int32_t k = 0;
		UChar32 c;
		size_t j = i;
		if (!forward) {
			j = i - 1;
			while (j > 0 && ((unsigned char)t[j] & 0xC0) == 0x80)
				j--;
		}
		U8_NEXT_UNSAFE((const uint8_t *)t + j, k, c);
		i = forward ? j + (size_t)k : j;
		if (!u_isUWhiteSpace(c))
			out[n++] = scd_normalize_simplified((uint32_t)c);
	}
	return n;
}

/* Copy t[r) without whitespace into the suggestion (if it fits). */
static void suggest_text(scd_difference *x, const char *t, scd_range r)
{
	size_t i = r.beg, n = 0;

	while (i < r.end) {
		int32_t k = 0;
		UChar32 c;
		U8_NEXT_UNSAFE((const uint8_t *)t + i, k, c);
		if (!u_isUWhiteSpace(c)) {
			if (n + (size_t)k >= sizeof(x->suggest))
				return; /* too long to suggest */
			memcpy(x->suggest + n, t + i, (size_t)k);
			n += (size_t)k;
		}
		i += (size_t)k;
	}
	x->suggest[n] = '\0';
	x->suggested = 1;
}

/* Enter the pairs the score of either reading of x will ask about: each
 * reading's own, and its edges with the neighbours on a's side. */
static int watch_pairs(scd_evidence *ev, const scd_difference *x,
		       const char *ta, size_t la, const char *tb)
{
	uint32_t r[CONTENT_MAX], before[3], after[3];
	size_t nb = around(before, ta, la, x->a.beg, 0);
	size_t na = around(after, ta, la, x->a.end, 1);
	int side, n, k, error = 0;

	for (side = 0; side < 2 && error == 0; side++) {
		n = side ? content(r, tb, x->b) : content(r, ta, x->a);
		if (n <= 0)
			continue;
		if (nb)
			error = scd_evidence_watch(ev, before[0], r[0]);
		if (na && error == 0)
			error = scd_evidence_watch(ev, r[n - 1], after[0]);
		for (k = 1; k < n && error == 0; k++)
			error = scd_evidence_watch(ev, r[k - 1], r[k]);
		/* a character more or less: its twin pair, and the text
		 * closed up without it */
		if (n == 1 && error == 0)
			error = scd_evidence_watch(ev, r[0], r[0]);
		if (n == 1 && nb && na && error == 0)
			error = scd_evidence_watch(ev, before[0], after[0]);
	}
	return error;
}

/* Length of the dictionary word covering c between its neighbours. */
static size_t word_with(scd_evidence *ev, const uint32_t *before, size_t nb,
			uint32_t c, const uint32_t *after, size_t na)
{
	uint32_t t[7];
	size_t n = 0, j;

	for (j = nb; j-- > 0;)
		t[n++] = before[j];
	t[n++] = c;
	for (j = 0; j < na; j++)
		t[n++] = after[j];
	return scd_evidence_word_at(ev, t, n, nb);
}

/* Count b's key characters [r) widened by one on each side (the pairs
 * across its edges). */
static int count_b(scd_evidence *ev, const scd_key *kb, scd_range r)
{
	size_t n = scd_key_len(kb), i0 = scd_key_index(kb, r.beg), i1 = scd_key_index(kb, r.end);

	i0 = i0 ? i0 - 1 : 0;
	i1 = i1 < n ? i1 + 1 : n;
	return i1 > i0 ? scd_evidence_add(ev, scd_key_values(kb) + i0, i1 - i0) : 0;
}

/*
 * The texts' evidence, counted once: all of a, and of b what a does not
 * hold already — its changes and the text only b has.  An aligned passage
 * is the same key in both, and counting it twice would cost half the time
 * of the comparison for the same ratios.
 */
static int count_texts(scd_evidence *ev, const scd_diff *d, const scd_key *ka,
		       const scd_key *kb)
{
	size_t i;
	int error;

	if ((error = scd_evidence_add_split(ev, scd_key_values(ka), scd_key_len(ka))) < 0)
		return error;
	for (i = 0; i < d->ndiffs; i++)
		if ((d->diffs[i].kind == SCD_KIND_OCR || d->diffs[i].kind == SCD_KIND_EDIT) &&
		    (error = count_b(ev, kb, d->diffs[i].b)) < 0)
			return error;
	for (i = 0; i < d->nunmatched_b; i++)
		if ((error = count_b(ev, kb, d->unmatched_b[i])) < 0)
			return error;
	return 0;
}

typedef struct {
	uint64_t pair;
	size_t diff;
} subst;

static int cmp_subst(const void *p, const void *q)
{
	const subst *x = p, *y = q;
	return (x->pair > y->pair) - (x->pair < y->pair);
}

/* Single-character edits that recur become ocr. */
static int learn(scd_diff *d, const char *ta, const char *tb)
{
	subst *s = malloc((d->ndiffs ? d->ndiffs : 1) * sizeof(*s));
	size_t n = 0, i, j;

	if (!s)
		return scd_error__nomem();
	for (i = 0; i < d->ndiffs; i++) {
		uint32_t x[CONTENT_MAX], y[CONTENT_MAX];
		if (d->diffs[i].kind != SCD_KIND_EDIT ||
		    content(x, ta, d->diffs[i].a) != 1 || content(y, tb, d->diffs[i].b) != 1)
			continue;
		s[n].pair = (uint64_t)x[0] << 32 | y[0];
		s[n].diff = i;
		n++;
	}
	qsort(s, n, sizeof(*s), cmp_subst);
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && s[j].pair == s[i].pair; j++)
			;
		if (j - i < RECUR_MIN)
			continue;
		for (; i < j; i++) {
			scd_difference *x = &d->diffs[s[i].diff];
			x->kind = SCD_KIND_OCR;
			x->reason = "recurring confusion";
			x->confidence = j - i >= 5 ? 0.8 : 0.4 + 0.1 * (double)(j - i);
			d->counts[SCD_KIND_EDIT]--;
			d->counts[SCD_KIND_OCR]++;
		}
	}
	free(s);
	return 0;
}

int scd_suggest__diff(scd_diff *d, const scd_key *ka, const scd_key *kb)
{
	size_t la, lb, i, nocr = 0, aligned = 0;
	const char *ta = scd_input_text(d->a, &la), *tb = scd_input_text(d->b, &lb);
	scd_evidence *ev = NULL;
	int error, script_change;

	scd_trace__stage("walked", d->ndiffs);
	if ((error = learn(d, ta, tb)) < 0)
		return error;
	for (i = 0; i < d->nblocks; i++)
		aligned += d->blocks[i].matched;
	script_change = d->counts[SCD_KIND_VARIANT] > SCRIPT_SHARE * (double)aligned;
	for (i = 0; i < d->ndiffs; i++)
		nocr += d->diffs[i].kind == SCD_KIND_OCR;
	if (nocr) {
		/* count only the pairs the slips' characters take part in */
		if ((error = scd_evidence_new(&ev)) < 0)
			return error;
		for (i = 0; i < d->ndiffs && error == 0; i++)
			if (d->diffs[i].kind == SCD_KIND_OCR)
				error = watch_pairs(ev, &d->diffs[i], ta, la, tb);
		if (error == 0)
			error = count_texts(ev, d, ka, kb);
		if (error < 0) {
			scd_evidence_free(ev);
			return error;
		}
		scd_trace__stage("evidence counted", nocr);
	}
	for (i = 0; i < d->ndiffs; i++) {
		scd_difference *x = &d->diffs[i];
		uint32_t ca[CONTENT_MAX], cb[CONTENT_MAX], before[3], after[3];
		int na, nb;
		size_t nbf, naf;

		if (x->kind == SCD_KIND_VARIANT && !script_change) {
			/* the simplified side, when exactly one side is */
			uint32_t c;
			int32_t k = 0;
			UChar32 u;
			int a_simple, b_simple;
			if (x->a.end == x->a.beg || x->b.end == x->b.beg)
				continue;
			U8_NEXT_UNSAFE((const uint8_t *)ta + x->a.beg, k, u);
			c = (uint32_t)u;
			a_simple = scd_normalize_simplified(c) == c;
			k = 0;
			U8_NEXT_UNSAFE((const uint8_t *)tb + x->b.beg, k, u);
			c = (uint32_t)u;
			b_simple = scd_normalize_simplified(c) == c;
			if (a_simple != b_simple)
				suggest_text(x, a_simple ? ta : tb, a_simple ? x->a : x->b);
			continue;
		}
		if (x->kind != SCD_KIND_OCR || !ev)
			continue;
		na = content(ca, ta, x->a);
		nb = content(cb, tb, x->b);
		if (na < 0 || nb < 0)
			continue;
		nbf = around(before, ta, la, x->a.beg, 0);
		naf = around(after, ta, la, x->a.end, 1);
		if (na && nb) {
			double sa = scd_evidence_score(ev, before, nbf, ca, (size_t)na, after, naf);
			double sb = scd_evidence_score(ev, before, nbf, cb, (size_t)nb, after, naf);
			if (sa != sb)
				suggest_text(x, sa > sb ? ta : tb, sa > sb ? x->a : x->b);
		} else if (na + nb == 1) {
			/* one character more on one side.  Doubled: keep the
			 * pair only if the texts have it elsewhere (谢谢 is a
			 * word, 正正 in 正正确 is a slip, and the dictionary
			 * knows both).  Dropped: keep it if the texts join its
			 * neighbours through it (L c, c R) more often than
			 * directly (L R); each witness counts once either way. */
			uint32_t c = na ? ca[0] : cb[0];
			int keep;
			if (x->reason && !strcmp(x->reason, "doubled")) {
				keep = scd_evidence_pair(ev, c, c) > 1;
			} else if (nbf && naf) {
				uint32_t lc = scd_evidence_pair(ev, before[0], c);
				uint32_t cr = scd_evidence_pair(ev, c, after[0]);
				uint32_t via = lc < cr ? lc : cr;
				uint32_t direct = scd_evidence_pair(ev, before[0], after[0]);
				/* on a tie (a short text says nothing), a
				 * character that makes a dictionary word there
				 * or is very common (的, 和, 于: what engines
				 * drop) stays; a rare one was more likely
				 * added */
				keep = via > direct ||
				       (via == direct &&
					(word_with(ev, before, nbf, c, after, naf) > 1 ||
					 scd_chardata_frequency(c) >= COMMON));
			} else {
				continue;
			}
			if (keep)
				suggest_text(x, na ? ta : tb, na ? x->a : x->b);
			else
				suggest_text(x, na ? tb : ta, na ? x->b : x->a);
		}
	}
	scd_evidence_free(ev);
	return 0;
}
