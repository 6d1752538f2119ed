/*
 * Segmentation (segment.h): one table of sentence stops and closers, one
 * line scanner, one word-space rule, and the paragraphs of a text.
 */
#include <stdlib.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "text/segment.h"
#include "util/array.h"
#include "util/error.h"

/* ---- characters ----------------------------------------------------- */

int scd_segment_is_word(uint32_t c)
{
	UErrorCode st = U_ZERO_ERROR;

	if (c < 0x80)
		return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
	if (c >= 0x3400 && c < 0xA000)
		return 0; /* CJK ideographs, the common case */
	if (!u_isalnum((UChar32)c))
		return 0;
	switch (uscript_getScript((UChar32)c, &st)) {
	case USCRIPT_HAN: case USCRIPT_HIRAGANA: case USCRIPT_KATAKANA:
	case USCRIPT_BOPOMOFO: case USCRIPT_THAI: case USCRIPT_LAO:
	case USCRIPT_KHMER: case USCRIPT_MYANMAR: case USCRIPT_YI:
	case USCRIPT_TIBETAN:
		return 0;
	default:
		return 1;
	}
}

int scd_segment_keeps_space(uint32_t a, uint32_t b)
{
	return scd_segment_is_word(a) && scd_segment_is_word(b);
}

int scd_segment_is_stop(uint32_t c)
{
	switch (c) {
	case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF1B: case 0xFF1A: /* 。！？；： */
	case 0x2026: case 0xFF0E:                                         /* …． */
	case '.': case '!': case '?': case ';': case ':':
		return 1;
	default:
		return 0;
	}
}

int scd_segment_is_closer(uint32_t c)
{
	switch (c) {
	case 0x201D: case 0x2019: case 0x300D: case 0x300F: /* ” ’ 」 』 */
	case 0xFF09: case 0x300B: case 0x3011:              /* ） 》 】 */
	case ')': case '"':
		return 1;
	default:
		return 0;
	}
}

int scd_segment_after(int ended, uint32_t c)
{
	return scd_segment_is_stop(c) || (ended && scd_segment_is_closer(c));
}

int scd_segment_is_hspace(uint32_t c)
{
	return c == ' ' || c == '\t' || c == 0xA0 || c == 0x3000 || c == 0xFEFF;
}

/* The code point at t[*i] (U+FFFD for a broken byte, which is skipped),
 * advancing *i, reading no further than end. */
static uint32_t cp_next(const char *t, size_t end, size_t *i)
{
	int32_t j = 0, n = end - *i < 4 ? (int32_t)(end - *i) : 4;
	UChar32 c;

	U8_NEXT((const uint8_t *)t + *i, j, n, c);
	*i += (size_t)j;
	return c < 0 ? 0xFFFD : (uint32_t)c;
}

/* The code point ending at t[*i] (*i > beg), moving *i to its start. */
static uint32_t cp_prev(const char *t, size_t beg, size_t *i)
{
	size_t k = *i - 1, e = *i;

	while (k > beg && e - k < 4 && U8_IS_TRAIL((uint8_t)t[k]))
		k--;
	*i = k;
	return cp_next(t, e, &k);
}

/* ---- lines and sentences -------------------------------------------- */

void scd_segment_line_at(scd_segment_line *out, const char *t, size_t len,
			 size_t at)
{
	size_t e = at, i;

	while (e < len && t[e] != '\n' && t[e] != '\r')
		e++;
	out->beg = at;
	out->end = e;
	if (e == len)
		out->next = e;
	else if (t[e] == '\r' && e + 1 < len && t[e + 1] == '\n')
		out->next = e + 2;
	else
		out->next = e + 1;
	for (i = at; i < e;) {
		size_t p = i;
		if (!scd_segment_is_hspace(cp_next(t, e, &i))) {
			i = p;
			break;
		}
	}
	out->cbeg = i;
	for (i = e; i > out->cbeg;) {
		size_t p = i;
		if (!scd_segment_is_hspace(cp_prev(t, out->cbeg, &i))) {
			i = p;
			break;
		}
	}
	out->cend = i;
}

int scd_segment_ends_sentence(const char *t, size_t beg, size_t end)
{
	while (end > beg) {
		uint32_t c = cp_prev(t, beg, &end);
		if (!scd_segment_is_closer(c))
			return scd_segment_is_stop(c);
	}
	return 0;
}

size_t scd_segment_next_sentence(const char *t, size_t from, size_t to,
				 size_t end)
{
	size_t i = from;

	while (i < to)
		if (scd_segment_is_stop(cp_next(t, end, &i))) {
			size_t j = i;
			while (j < end && scd_segment_is_closer(cp_next(t, end, &j)))
				i = j;
			return i;
		}
	return 0;
}

/* ---- paragraphs ----------------------------------------------------- */

/* A paragraph longer than this (bytes) is cut after a sentence; longer
 * than LONGEST with no sentence end, anywhere on a character boundary. */
#define LONG_PARAGRAPH 1500
#define LONGEST 6000

typedef struct {
	scd_segment_line l;
	size_t chars;   /* characters from cbeg to the line's end */
	int indented;
} pline;

typedef struct {
	const char *t;
	size_t len;
	pline *lines;
	size_t nlines, blank, nonblank;
	scd_range *v;
	size_t n, cap;
} cutter;

/* Is a line with content at `cbeg` indented: an ideographic space or a
 * tab at its start, or spaces beyond the first two bytes? */
static int indented(const char *t, size_t beg, size_t cbeg)
{
	size_t i = beg;
	int yes = 0;

	while (i < cbeg) {
		size_t at = i;
		uint32_t c = cp_next(t, cbeg, &i);
		if (at == beg && (c == 0x3000 || c == '\t'))
			yes = 1;
		if (at > beg + 1 && c == ' ')
			yes = 1;
	}
	return yes;
}

/* Every line of the text, with the empty line after a final break. */
static int collect_lines(cutter *k)
{
	size_t at = 0, cap = 0;
	int error;

	for (;;) {
		pline *x;
		size_t i;
		if ((error = scd_array_grow(k->lines, k->nlines, cap)) < 0)
			return error;
		x = &k->lines[k->nlines++];
		scd_segment_line_at(&x->l, k->t, k->len, at);
		x->indented = indented(k->t, x->l.beg, x->l.cbeg);
		x->chars = 0;
		for (i = x->l.cbeg; i < x->l.end; x->chars++)
			cp_next(k->t, x->l.end, &i);
		if (x->l.cbeg == x->l.end)
			k->blank++;
		else
			k->nonblank++;
		if (x->l.next == x->l.end)
			return 0;
		at = x->l.next;
	}
}

/* The median length (characters) of the text's non-blank lines. */
static int median_chars(const cutter *k, size_t *out)
{
	size_t *lens, n = 0, a, b;

	*out = 0;
	if (!k->nonblank)
		return 0;
	if (!(lens = malloc(k->nonblank * sizeof(*lens))))
		return scd_error__nomem();
	for (a = 0; a < k->nlines; a++)
		if (k->lines[a].l.cbeg < k->lines[a].l.end)
			lens[n++] = k->lines[a].chars;
	if (n < 64) {
		/* few lines: sorted */
		for (a = 1; a < n; a++)
			for (b = a; b > 0 && lens[b] < lens[b - 1]; b--) {
				size_t tmp = lens[b];
				lens[b] = lens[b - 1];
				lens[b - 1] = tmp;
			}
		*out = lens[n / 2];
	} else {
		/* many: counting the lengths is enough for a median */
		size_t hist[257] = { 0 }, acc = 0;
		for (a = 0; a < n; a++)
			hist[lens[a] > 256 ? 256 : lens[a]]++;
		for (a = 0; a <= 256; a++) {
			acc += hist[a];
			if (acc * 2 >= n) {
				*out = a;
				break;
			}
		}
	}
	free(lens);
	return 0;
}

static int push(cutter *k, size_t b, size_t e)
{
	int error;

	if (e <= b)
		return 0;
	if ((error = scd_array__reserve(&k->v, &k->cap, k->n + 1, sizeof(*k->v))) < 0)
		return error;
	k->v[k->n].beg = (uint32_t)b;
	k->v[k->n].end = (uint32_t)e;
	k->n++;
	return 0;
}

/* Cut [b, e) into pieces of at most LONG_PARAGRAPH bytes ended by a
 * sentence, or LONGEST bytes when there is none. */
static int push_cut(cutter *k, size_t b, size_t e)
{
	const char *t = k->t;
	int error;

	while (e - b > LONG_PARAGRAPH) {
		size_t from = b + LONG_PARAGRAPH, cut;
		while (from < e && U8_IS_TRAIL((uint8_t)t[from]))
			from++;
		cut = scd_segment_next_sentence(t, from, b + LONGEST < e ? b + LONGEST : e, e);
		if (!cut) {
			cut = b + LONGEST < e ? b + LONGEST : e;
			while (cut < e && U8_IS_TRAIL((uint8_t)t[cut]))
				cut++;
		}
		if ((error = push(k, b, cut)) < 0)
			return error;
		b = cut;
		while (b < e && (t[b] == ' ' || t[b] == '\n' || t[b] == '\r'))
			b++;
	}
	return push(k, b, e);
}

/* Walk the lines: which end a paragraph, which start one. */
static int cut_paragraphs(cutter *k, size_t median)
{
	/* blank lines after nearly every line (corpora's declaration) are
	 * layout, not paragraph breaks */
	int blank_is_layout = k->nonblank > 4 && k->blank * 10 >= k->nonblank * 6;
	size_t i, pb = SIZE_MAX, pe = 0;
	int error = 0;

	for (i = 0; i < k->nlines && error == 0; i++) {
		const pline *x = &k->lines[i];
		if (x->l.cbeg == x->l.end) {
			if (!blank_is_layout && pb != SIZE_MAX) {
				error = push_cut(k, pb, pe);
				pb = SIZE_MAX;
			}
			continue;
		}
		if (x->indented && pb != SIZE_MAX) {
			if ((error = push_cut(k, pb, pe)) < 0)
				break;
			pb = SIZE_MAX;
		}
		if (pb == SIZE_MAX)
			pb = x->l.cbeg;
		pe = x->l.cend;
		/* a line ending a sentence, or much shorter than the text's
		 * lines (a heading, a paragraph's last line), ends it */
		if (scd_segment_ends_sentence(k->t, x->l.cbeg, x->l.cend) ||
		    (median >= 8 && x->chars * 2 < median)) {
			error = push_cut(k, pb, pe);
			pb = SIZE_MAX;
		}
	}
	if (error == 0 && pb != SIZE_MAX)
		error = push_cut(k, pb, pe);
	return error;
}

int scd_segment_paragraphs(scd_range **out, size_t *nout, const char *t,
			   size_t len)
{
	cutter k = { 0 };
	size_t median;
	int error;

	*out = NULL;
	*nout = 0;
	k.t = t;
	k.len = len;
	if ((error = collect_lines(&k)) < 0 ||
	    (error = median_chars(&k, &median)) < 0 ||
	    (error = cut_paragraphs(&k, median)) < 0) {
		free(k.v);
		free(k.lines);
		return error;
	}
	free(k.lines);
	*out = k.v;
	*nout = k.n;
	return 0;
}
