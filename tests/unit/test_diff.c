/*
 * Unit tests of diff.c, on corpora/ and on pairs made from it: the
 * declaration printed twice (five dashes apart), statements printed in
 * opposite orders, one text in several encodings and line-end styles,
 * single changes of each kind, and the invariant the report rests on:
 * inside a block, a's text with every difference replaced by b's side is
 * b's text, byte for byte.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucnv.h>

#include "scodiff.h"
#include "util.h"

#define CORPUS(name) SCD_CORPORA "/" name
#define DECLARATION CORPUS("tianjin-declaration-2025.txt")
#define COUNCIL CORPUS("council-meeting-2025.txt")
#define SCO_PLUS CORPUS("sco-plus-meeting-2025.txt")
#define ASTANA CORPUS("astana-summit-2024.txt")
#define OUTCOMES CORPUS("tianjin-eight-outcomes-2025.txt")

/* ---- helpers ------------------------------------------------------------ */

/*
 * What a test allocates is held here and released by the teardown, so
 * that a failing assertion, which leaves the test early, leaks nothing
 * (the sanitizer build reports leaks).
 */
typedef struct {
	void *p;
	void (*release)(void *);
} held;

static held *holds;
static size_t nholds, capholds;

static void *hold(void *p, void (*release)(void *))
{
	if (nholds == capholds) {
		capholds = capholds ? 2 * capholds : 64;
		holds = realloc(holds, capholds * sizeof(*holds));
		assert_non_null(holds);
	}
	holds[nholds].p = p;
	holds[nholds].release = release;
	nholds++;
	return p;
}

static void release_input(void *p)
{
	scd_input_free(p);
}

static void release_diff(void *p)
{
	scd_diff_free(p);
}

static int release_all(void **state)
{
	(void)state;
	while (nholds > 0) {
		nholds--;
		holds[nholds].release(holds[nholds].p);
	}
	free(holds);
	holds = NULL;
	capholds = 0;
	return 0;
}

static scd_input *read_input(const char *path)
{
	scd_input *in = NULL;

	assert_int_equal(scd_input_read(&in, path, NULL), 0);
	return hold(in, release_input);
}

static scd_input *mem_input(const char *name, const void *data, size_t len)
{
	return hold(util_input(name, data, len), release_input);
}

static scd_diff *diff(const scd_input *a, const scd_input *b, int keep_layout)
{
	scd_diff_options opts = SCD_DIFF_OPTIONS_INIT;
	scd_diff *d = NULL;

	opts.keep_layout = keep_layout;
	assert_int_equal(scd_diff_inputs(&d, a, b, &opts), 0);
	assert_non_null(d);
	hold(d, release_diff);
	assert_ptr_equal(d->a, a);
	assert_ptr_equal(d->b, b);
	return d;
}

static char *slurp(const char *path, size_t *len)
{
	return hold(util_slurp(path, len), free);
}

/* util_replace_first, held. */
static char *replace_first(const char *s, size_t len, const char *from,
			   const char *to, size_t *out_len)
{
	return hold(util_replace_first(s, len, from, to, out_len), free);
}

/* d found the two texts the same: no difference, nothing unmatched, a
 * similarity of 1. */
static void assert_no_difference(const scd_diff *d)
{
	assert_int_equal(d->ndiffs, 0);
	assert_int_equal(d->nunmatched_a, 0);
	assert_int_equal(d->nunmatched_b, 0);
	assert_true(d->similarity == 1.0);
}

static size_t non_layout(const scd_diff *d)
{
	size_t k, n = 0;

	for (k = 0; k < SCD_KIND__COUNT; k++)
		if (k != SCD_KIND_LAYOUT)
			n += d->counts[k];
	return n;
}

static int range_text_is(const scd_input *in, scd_range r, const char *want)
{
	const char *t = scd_input_text(in, NULL);

	return r.end - r.beg == strlen(want) && !memcmp(t + r.beg, want, r.end - r.beg);
}

static void print_diffs(const scd_diff *d)
{
	const char *ta = scd_input_text(d->a, NULL), *tb = scd_input_text(d->b, NULL);
	size_t i;

	for (i = 0; i < d->ndiffs && i < 40; i++) {
		const scd_difference *x = &d->diffs[i];
		print_message("  %zu %s a[%u,%u) \"%.*s\" b[%u,%u) \"%.*s\"\n",
			      x->block, scd_kind_name(x->kind), x->a.beg, x->a.end,
			      (int)(x->a.end - x->a.beg), ta + x->a.beg, x->b.beg,
			      x->b.end, (int)(x->b.end - x->b.beg), tb + x->b.beg);
	}
}

/* [beg, end) lies on whole characters of t[0..len). */
static void assert_char_range(const char *t, size_t len, scd_range r)
{
	assert_true(r.beg <= r.end && r.end <= len);
	assert_true(r.beg == len || ((unsigned char)t[r.beg] & 0xC0) != 0x80);
	assert_true(r.end == len || ((unsigned char)t[r.end] & 0xC0) != 0x80);
}

static int overlap(scd_range x, scd_range y)
{
	return x.beg < y.end && y.beg < x.end;
}

/*
 * The structure of a result and the reconstruction property.  With
 * keep_layout set, for every block: its differences lie inside it in
 * increasing order on both sides, and a's block text with each
 * difference's a-range replaced by its b-text is b's block text.  Blocks
 * and unmatched ranges never overlap on either side.
 */
static void check_diff(const scd_diff *d, int keep_layout)
{
	size_t la, lb, i, j, k = 0, total;
	const char *ta = scd_input_text(d->a, &la), *tb = scd_input_text(d->b, &lb);
	char *buf = hold(malloc(lb + 1), free);

	assert_non_null(buf);
	assert_true(d->similarity >= 0 && d->similarity <= 1);
	for (i = 0; i < d->ndiffs; i++) {
		assert_true(d->diffs[i].block < d->nblocks);
		assert_true((unsigned)d->diffs[i].kind < SCD_KIND__COUNT);
		if (!keep_layout)
			assert_true(d->diffs[i].kind != SCD_KIND_LAYOUT);
		if (i)
			assert_true(d->diffs[i].block >= d->diffs[i - 1].block);
	}
	for (i = 0; i < d->nblocks; i++) {
		const scd_diff_block *blk = &d->blocks[i];
		uint32_t at = blk->a.beg, bt = blk->b.beg;
		size_t n = 0;

		assert_char_range(ta, la, blk->a);
		assert_char_range(tb, lb, blk->b);
		assert_true(blk->a.beg < blk->a.end && blk->b.beg < blk->b.end);
		assert_true(blk->similarity > 0 && blk->similarity <= 1);
		assert_true(blk->matched <= blk->a_chars && blk->matched <= blk->b_chars);
		assert_true(blk->similarity - 2.0 * blk->matched /
			    (blk->a_chars + blk->b_chars) < 1e-9);
		assert_true(blk->similarity - 2.0 * blk->matched /
			    (blk->a_chars + blk->b_chars) > -1e-9);
		if (i)
			assert_true(blk->a.beg >= d->blocks[i - 1].a.end);
		for (j = 0; j < i; j++)
			assert_false(overlap(blk->b, d->blocks[j].b));
		for (j = 0; j < d->nunmatched_a; j++)
			assert_false(overlap(blk->a, d->unmatched_a[j]));
		for (j = 0; j < d->nunmatched_b; j++)
			assert_false(overlap(blk->b, d->unmatched_b[j]));
		for (; k < d->ndiffs && d->diffs[k].block == i; k++) {
			const scd_difference *x = &d->diffs[k];
			assert_char_range(ta, la, x->a);
			assert_char_range(tb, lb, x->b);
			if (x->a.beg < at || x->b.beg < bt || x->a.end > blk->a.end ||
			    x->b.end > blk->b.end) {
				print_message("block %zu a[%u,%u) b[%u,%u)\n", i, blk->a.beg,
					      blk->a.end, blk->b.beg, blk->b.end);
				print_diffs(d);
			}
			assert_true(x->a.beg >= at && x->a.end <= blk->a.end);
			assert_true(x->b.beg >= bt && x->b.end <= blk->b.end);
			if (keep_layout) {
				memcpy(buf + n, ta + at, x->a.beg - at);
				n += x->a.beg - at;
				memcpy(buf + n, tb + x->b.beg, x->b.end - x->b.beg);
				n += x->b.end - x->b.beg;
				assert_true(n <= lb);
			}
			at = x->a.end;
			bt = x->b.end;
		}
		if (keep_layout) {
			assert_true(n + (blk->a.end - at) == blk->b.end - blk->b.beg);
			memcpy(buf + n, ta + at, blk->a.end - at);
			n += blk->a.end - at;
			if (n != blk->b.end - blk->b.beg ||
			    memcmp(buf, tb + blk->b.beg, n)) {
				print_message("block %zu does not rebuild\n", i);
				print_diffs(d);
			}
			assert_int_equal(n, blk->b.end - blk->b.beg);
			assert_memory_equal(buf, tb + blk->b.beg, n);
		}
	}
	assert_int_equal(k, d->ndiffs);
	for (i = 0; i < d->nunmatched_a; i++) {
		assert_char_range(ta, la, d->unmatched_a[i]);
		if (i)
			assert_true(d->unmatched_a[i].beg >= d->unmatched_a[i - 1].end);
	}
	for (i = 0; i < d->nunmatched_b; i++) {
		assert_char_range(tb, lb, d->unmatched_b[i]);
		if (i)
			assert_true(d->unmatched_b[i].beg >= d->unmatched_b[i - 1].end);
	}
	total = 0;
	for (i = 0; i < SCD_KIND__COUNT; i++)
		total += d->counts[i];
	if (keep_layout)
		assert_int_equal(total, d->ndiffs);
}

/* ---- corpora ----------------------------------------------------------------- */

/*
 * The Tianjin Declaration as printed in two places: one long passage whose
 * only differences besides layout are five `－` printed as `—`.
 */
static void declaration_dashes(void **state)
{
	scd_input *a = read_input(DECLARATION), *b = read_input(COUNCIL);
	size_t layout = 0;
	int pass;

	(void)state;
	for (pass = 0; pass < 2; pass++) {
		scd_diff *d = diff(a, b, pass);
		size_t i, big = 0, nbig = 0, n = 0;

		check_diff(d, pass);
		for (i = 0; i < d->nblocks; i++)
			if (d->blocks[i].a_chars > 3000) {
				big = i;
				nbig++;
			}
		assert_int_equal(nbig, 1);
		for (i = 0; i < d->ndiffs; i++) {
			const scd_difference *x = &d->diffs[i];
			if (x->block != big || x->kind == SCD_KIND_LAYOUT)
				continue;
			if (x->kind != SCD_KIND_PUNCT || !range_text_is(a, x->a, "－") ||
			    !range_text_is(b, x->b, "—"))
				print_diffs(d);
			assert_int_equal(x->kind, SCD_KIND_PUNCT);
			assert_true(range_text_is(a, x->a, "－"));
			assert_true(range_text_is(b, x->b, "—"));
			n++;
		}
		assert_int_equal(n, 5);
		assert_int_equal(d->counts[SCD_KIND_EDIT], 0);
		assert_int_equal(d->counts[SCD_KIND_OCR], 0);
		assert_int_equal(d->counts[SCD_KIND_PUNCT], 5);
		/* layout is counted whether it is kept or not */
		if (pass == 0)
			layout = d->counts[SCD_KIND_LAYOUT];
		else
			assert_int_equal(d->counts[SCD_KIND_LAYOUT], layout);
		assert_true(d->counts[SCD_KIND_LAYOUT] > 0);
		/* text outside the declaration is only in one file */
		assert_true(d->nunmatched_a > 0 && d->nunmatched_b > 0);
	}
}

/* The two statements printed in opposite orders are both aligned. */
static void moved_statements(void **state)
{
	scd_input *a = read_input(SCO_PLUS), *b = read_input(DECLARATION);
	scd_diff *d = diff(a, b, 0);
	size_t i, n = 0, big[2] = { 0, 0 };

	(void)state;
	check_diff(d, 0);
	for (i = 0; i < d->nblocks; i++)
		if (d->blocks[i].a_chars > 600) {
			if (n < 2)
				big[n] = i;
			n++;
		}
	assert_int_equal(n, 2);
	/* first on a, second on b */
	assert_true(d->blocks[big[0]].a.beg < d->blocks[big[1]].a.beg);
	assert_true(d->blocks[big[0]].b.beg > d->blocks[big[1]].b.beg);
	for (i = 0; i < 2; i++)
		assert_true(d->blocks[big[i]].similarity > 0.99);
	assert_int_equal(d->counts[SCD_KIND_EDIT], 0);
	assert_int_equal(d->counts[SCD_KIND_OCR], 0);
}

/* Reconstruction and structure on every pair of corpus files. */
static void corpus_pairs_rebuild(void **state)
{
	static const char *const files[] = { DECLARATION, COUNCIL, SCO_PLUS,
					     ASTANA, OUTCOMES };
	scd_input *in[5];
	size_t i, j;

	(void)state;
	for (i = 0; i < 5; i++)
		in[i] = read_input(files[i]);
	for (i = 0; i < 5; i++)
		for (j = 0; j < 5; j++) {
			scd_diff *d;
			if (i == j)
				continue;
			d = diff(in[i], in[j], 1);
			check_diff(d, 1);
		}
}

/* ---- one text, many renderings ------------------------------------------------ */

static uint64_t rng_state;

static uint32_t rng_below(uint32_t n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545F4914F6CDD1DULL >> 16) % n);
}

/* Simplified characters of the corpus and their traditional forms. */
static const char *const variants[][2] = {
	{ "国", "國" }, { "会", "會" }, { "发", "發" }, { "组", "組" },
	{ "织", "織" }, { "际", "際" }, { "对", "對" }, { "为", "為" },
	{ "进", "進" }, { "这", "這" }, { "们", "們" }, { "经", "經" },
	{ "强", "強" }, { "与", "與" }
};

/* Full-width marks and their ASCII forms. */
static const char *const widths[][2] = {
	{ "，", "," }, { "（", "(" }, { "）", ")" }, { "：", ":" },
	{ "；", ";" }, { "１", "1" }, { "２", "2" }
};

static size_t put(char *out, size_t n, const char *s)
{
	size_t l = strlen(s);

	memcpy(out + n, s, l);
	return n + l;
}

/*
 * A noisy rendering of t[0..len): line breaks moved, spaces added,
 * traditional forms, ASCII punctuation, other dashes, substituted, dropped,
 * doubled and added characters (malloc'd).
 */
static char *noisy_text(const char *t, size_t len, uint64_t seed,
			size_t *out_len)
{
	char *out = hold(malloc(4 * len + 64), free);
	size_t i = 0, n = 0, v;

	assert_non_null(out);
	rng_state = seed;
	while (i < len) {
		unsigned char c0 = (unsigned char)t[i];
		size_t cl = c0 < 0x80 ? 1 : c0 < 0xE0 ? 2 : c0 < 0xF0 ? 3 : 4;
		uint32_t r = rng_below(1000);
		char ch[8];
		int done = 0;

		memcpy(ch, t + i, cl);
		ch[cl] = '\0';
		i += cl;
		if (r < 10 && ch[0] == '\n')
			continue;                          /* lines joined */
		if (r < 10)
			out[n++] = '\n';                   /* line broken */
		else if (r < 16)
			out[n++] = ' ';                    /* space added */
		for (v = 0; v < sizeof(variants) / sizeof(variants[0]) && !done; v++)
			if (!strcmp(ch, variants[v][0]) && r >= 100 && r < 150) {
				n = put(out, n, variants[v][1]);
				done = 1;
			}
		for (v = 0; v < sizeof(widths) / sizeof(widths[0]) && !done; v++)
			if (!strcmp(ch, widths[v][0]) && r >= 100 && r < 200) {
				n = put(out, n, widths[v][1]);
				done = 1;
			}
		if (!done && (!strcmp(ch, "—") || !strcmp(ch, "－")) && r >= 100 && r < 400) {
			n = put(out, n, r < 250 ? "－" : "———");
			done = 1;
		}
		if (done)
			continue;
		if (cl == 3 && r >= 20 && r < 24) {
			n = put(out, n, r < 22 ? "五" : "的");  /* substituted */
		} else if (r >= 24 && r < 27) {
			;                                  /* dropped */
		} else if (cl == 3 && r >= 27 && r < 30) {
			n = put(out, n, ch);               /* doubled */
			n = put(out, n, ch);
		} else if (r >= 30 && r < 32) {
			n = put(out, n, "，");             /* mark added */
			n = put(out, n, ch);
		} else {
			n = put(out, n, ch);
		}
	}
	*out_len = n;
	return out;
}

/* The reconstruction property on noisy renderings of two corpus texts. */
static void noisy_pairs_rebuild(void **state)
{
	static const char *const files[] = { OUTCOMES, DECLARATION, ASTANA };
	size_t f;
	uint64_t seed;

	(void)state;
	for (f = 0; f < sizeof(files) / sizeof(files[0]); f++)
		for (seed = 1; seed <= 4; seed++) {
			size_t len, nlen, k;
			char *t = slurp(files[f], &len);
			char *noisy = noisy_text(t, len, seed * 7919 + f, &nlen);
			scd_input *a = mem_input("a.txt", t, len);
			scd_input *b = mem_input("b.txt", noisy, nlen);
			scd_diff *d = diff(a, b, 1);
			size_t kinds = 0;

			check_diff(d, 1);
			assert_true(d->similarity > 0.8);
			for (k = SCD_KIND_WIDTH; k < SCD_KIND__COUNT; k++)
				kinds += d->counts[k] > 0;
			assert_true(kinds >= 4); /* the noise is seen */
			/* and the other way round */
			d = diff(b, a, 1);
			check_diff(d, 1);
		}
}

/* Renderings of one UTF-8 text: in charset `cs` behind a byte order mark,
 * or (cs NULL) with its line ends `eol`. */
struct rendering {
	const char *cs, *bom;
	size_t nbom;
	const char *eol;
};

static const struct rendering renderings[] = {
	{ "GB18030", "", 0, NULL },
	{ "UTF-16LE", "\xFF\xFE", 2, NULL },
	{ "UTF-16BE", "\xFE\xFF", 2, NULL },
	{ "UTF-8", "\xEF\xBB\xBF", 3, NULL },
	{ NULL, "", 0, "\r\n" },
	{ NULL, "", 0, "\r" },
};

/* One text in UTF-8, GB18030, UTF-16 with BOM, UTF-8 with BOM and with
 * CRLF or CR line ends: no difference but layout, nothing unmatched. */
static void encodings_compare_equal(void **state)
{
	size_t len, i, v;
	char *t = slurp(DECLARATION, &len);
	scd_input *a = mem_input("a.txt", t, len);

	(void)state;
	for (v = 0; v < UTIL_LEN(renderings); v++) {
		const struct rendering *r = &renderings[v];
		size_t n = 0;
		char *buf;
		scd_input *b;
		scd_diff *d;

		if (r->cs) {
			buf = util_encode(r->cs, r->bom, r->nbom, t, len, &n);
		} else {
			buf = malloc(2 * len);
			assert_non_null(buf);
			for (i = 0; i < len; i++) {
				if (t[i] != '\n') {
					buf[n++] = t[i];
					continue;
				}
				memcpy(buf + n, r->eol, strlen(r->eol));
				n += strlen(r->eol);
			}
		}
		hold(buf, free);
		b = mem_input("b.txt", buf, n);
		d = diff(a, b, 0);
		check_diff(d, 0);
		if (d->ndiffs || d->nunmatched_a || d->nunmatched_b) {
			print_message("variant %zu:\n", v);
			print_diffs(d);
		}
		assert_int_equal(non_layout(d), 0);
		assert_no_difference(d);
		assert_int_equal(d->nblocks, 1);
		d = diff(a, b, 1);
		check_diff(d, 1);
	}
}

/* ---- identical and empty --------------------------------------------------------- */

static void identical_inputs(void **state)
{
	static const char *const files[] = { OUTCOMES, ASTANA };
	size_t f;

	(void)state;
	for (f = 0; f < 2; f++) {
		scd_input *a = read_input(files[f]), *b = read_input(files[f]);
		scd_diff *d = diff(a, b, 1);
		size_t k;

		check_diff(d, 1);
		assert_no_difference(d);
		assert_int_equal(d->nblocks, 1);
		assert_true(d->blocks[0].similarity == 1.0);
		for (k = 0; k < SCD_KIND__COUNT; k++)
			assert_int_equal(d->counts[k], 0);
	}
}

/* A short text compared with itself is identical too. */
static void identical_short_inputs(void **state)
{
	static const char *const texts[] = { "中文", "上海合作组织", "SCO" };
	size_t i;

	(void)state;
	for (i = 0; i < UTIL_LEN(texts); i++) {
		scd_input *a = mem_input("a.txt", texts[i], strlen(texts[i]));
		scd_input *b = mem_input("b.txt", texts[i], strlen(texts[i]));
		scd_diff *d = diff(a, b, 0);

		if (d->similarity != 1.0)
			print_error("\"%s\": similarity %.4f, %zu blocks\n",
				    texts[i], d->similarity, d->nblocks);
		assert_no_difference(d);
	}
}

static void empty_inputs(void **state)
{
	scd_input *a = mem_input("a.txt", "", 0), *b = mem_input("b.txt", "", 0);
	scd_input *c = mem_input("c.txt", "上海合作\n", 13);
	scd_diff *d = diff(a, b, 1);

	(void)state;
	assert_int_equal(d->nblocks, 0);
	assert_no_difference(d);
	/* empty against some text: all of it unmatched */
	d = diff(a, c, 1);
	check_diff(d, 1);
	assert_int_equal(d->nblocks, 0);
	assert_int_equal(d->nunmatched_a, 0);
	assert_int_equal(d->nunmatched_b, 1);
	assert_int_equal(d->unmatched_b[0].beg, 0);
	assert_int_equal(d->unmatched_b[0].end, 12);
	assert_true(d->similarity == 0.0);
	scd_diff_free(NULL);
}

/* ---- single changes ------------------------------------------------------------- */

/*
 * OUTCOMES with its first `from` replaced by `to`: exactly one difference
 * besides layout, of kind `kind`, whose sides are `a_text` and `b_text`;
 * returns it.
 */
static const scd_difference *one_change(scd_diff **out, scd_input **ia,
					scd_input **ib, char **bt,
					const char *from, const char *to,
					scd_kind kind, const char *a_text,
					const char *b_text)
{
	size_t len, nlen, i;
	char *t = slurp(OUTCOMES, &len);
	const scd_difference *found = NULL;
	scd_diff *d;

	*bt = replace_first(t, len, from, to, &nlen);
	*ia = mem_input("a.txt", t, len);
	*ib = mem_input("b.txt", *bt, nlen);
	d = diff(*ia, *ib, 0);
	check_diff(d, 0);
	if (non_layout(d) != 1 || d->counts[kind] != 1)
		print_diffs(d);
	assert_int_equal(non_layout(d), 1);
	assert_int_equal(d->counts[kind], 1);
	for (i = 0; i < d->ndiffs; i++)
		if (d->diffs[i].kind == kind)
			found = &d->diffs[i];
	assert_non_null(found);
	assert_true(range_text_is(*ia, found->a, a_text));
	assert_true(range_text_is(*ib, found->b, b_text));
	*out = d;
	return found;
}

/* The first `from` of OUTCOMES replaced by `to` is one change of kind
 * `kind` whose sides are `a_text` and `b_text`, with the reason `reason`
 * (none when NULL). */
struct change_case {
	const char *from, *to;
	scd_kind kind;
	const char *a_text, *b_text, *reason;
};

static const struct change_case change_cases[] = {
	/* an edit */
	{ "三", "五", SCD_KIND_EDIT, "三", "五", NULL },
	/* a variant */
	{ "强", "強", SCD_KIND_VARIANT, "强", "強", "script" },
	/* the same word in Taiwan vocabulary: a variant, aligned whole */
	{ "信息", "資訊", SCD_KIND_VARIANT, "信息", "資訊", "regional word" },
	{ "文件", "檔案", SCD_KIND_VARIANT, "文件", "檔案", "regional word" },
	/* width */
	{ ",", "，", SCD_KIND_WIDTH, ",", "，", NULL },
	/* punct */
	{ "——", "－", SCD_KIND_PUNCT, "——", "－", NULL },
	/* a doubled character, an insertion on b */
	{ "合作", "合合作", SCD_KIND_OCR, "", "合", "doubled" },
};

static void assert_changes(const struct change_case *c, size_t n)
{
	scd_diff *d;
	scd_input *a, *b;
	char *bt;
	size_t i;

	for (i = 0; i < n; i++) {
		const scd_difference *x = one_change(&d, &a, &b, &bt, c[i].from,
						     c[i].to, c[i].kind,
						     c[i].a_text, c[i].b_text);

		if (c[i].reason)
			assert_string_equal(x->reason, c[i].reason);
		else
			assert_null(x->reason);
	}
}

static void single_change_kinds(void **state)
{
	scd_diff *d;
	scd_input *a, *b;
	char *bt;
	const scd_difference *x;
	const char *ta;

	(void)state;
	/* 路径 → 路劲: a slip of similar sound, at the right place */
	x = one_change(&d, &a, &b, &bt, "路径", "路劲", SCD_KIND_OCR, "径", "劲");
	assert_non_null(x->reason);
	assert_string_equal(x->reason, "same sound");
	assert_true(x->confidence > 0);
	ta = scd_input_text(a, NULL);
	assert_int_equal(x->a.beg, (size_t)(strstr(ta, "路径") - ta) + 3);
	assert_int_equal(x->b.beg, x->a.beg);
	assert_changes(change_cases, UTIL_LEN(change_cases));
}

/* A character printed twice across a line break (the last character of a
 * line repeated at the start of the next) is the same slip as 天天: line
 * breaks are layout, so the twin is still next to it. */
static void doubled_across_line_break(void **state)
{
	static const char ta[] =
		"上海合作组织成员国元首理事会会议在天津举行，各方表示支持，"
		"会议取得圆满成功并通过了天津宣言。\n";
	size_t nb, nc;
	/* 天 twice, across a line break and next to itself */
	const char *tb = replace_first(ta, strlen(ta), "在天津", "在天\n天津", &nb);
	const char *tc = replace_first(ta, strlen(ta), "在天津", "在天天津", &nc);
	scd_input *a = mem_input("a.txt", ta, strlen(ta));
	scd_input *b = mem_input("b.txt", tb, nb);
	scd_input *c = mem_input("c.txt", tc, nc);
	scd_diff *d;

	(void)state;
	/* without the line break: a doubling slip */
	d = diff(a, c, 0);
	check_diff(d, 0);
	assert_int_equal(non_layout(d), 1);
	assert_int_equal(d->counts[SCD_KIND_OCR], 1);
	/* with it: the same */
	d = diff(a, b, 1);
	check_diff(d, 1);
	if (non_layout(d) != 1 || d->counts[SCD_KIND_OCR] != 1)
		print_diffs(d);
	assert_int_equal(non_layout(d), 1);
	assert_int_equal(d->counts[SCD_KIND_OCR], 1);
}

/* The same comparison twice gives the same result (the aligner runs
 * stages on two threads). */
static void deterministic(void **state)
{
	scd_input *a = read_input(COUNCIL), *b = read_input(DECLARATION);
	scd_diff *d1 = diff(a, b, 1), *d2;
	int round;

	(void)state;
	for (round = 0; round < 5; round++) {
		d2 = diff(a, b, 1);
		assert_int_equal(d2->nblocks, d1->nblocks);
		assert_int_equal(d2->ndiffs, d1->ndiffs);
		assert_memory_equal(d2->blocks, d1->blocks,
				    d1->nblocks * sizeof(*d1->blocks));
		assert_int_equal(d2->nunmatched_a, d1->nunmatched_a);
		assert_memory_equal(d2->unmatched_a, d1->unmatched_a,
				    d1->nunmatched_a * sizeof(*d1->unmatched_a));
		assert_memory_equal(d2->counts, d1->counts, sizeof(d1->counts));
		for (size_t i = 0; i < d1->ndiffs; i++) {
			assert_int_equal(d2->diffs[i].kind, d1->diffs[i].kind);
			assert_memory_equal(&d2->diffs[i].a, &d1->diffs[i].a, sizeof(scd_range));
			assert_memory_equal(&d2->diffs[i].b, &d1->diffs[i].b, sizeof(scd_range));
		}
	}
}

/* ---- key characters sharing a span ------------------------------------------------ */

static const char prefix[] =
	"上海合作组织成员国元首理事会会议在天津举行，会场面积为五百";
static const char suffix[] =
	"，各方表示支持，会议取得圆满成功并通过了天津宣言，成员国领导人出席。\n";

/*
 * `⑴` is one character whose key is three, `(1)`; `㎡` is two, `m2`.
 * When b has `(l)` (an OCR slip of 1) or `m3`, the alignment matches some
 * of those key characters and not the others: the differences must still
 * not overlap, so that the block rebuilds.
 */
static void expansion_split_inside_block(void **state)
{
	static const char *const pairs[][2] = { { "⑴", "(l)" }, { "㎡", "m3" } };
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		char ta[512], tb[512];
		scd_input *a, *b;
		scd_diff *d;

		snprintf(ta, sizeof(ta), "%s%s%s", prefix, pairs[i][0], suffix);
		snprintf(tb, sizeof(tb), "%s%s%s", prefix, pairs[i][1], suffix);
		a = mem_input("a.txt", ta, strlen(ta));
		b = mem_input("b.txt", tb, strlen(tb));
		d = diff(a, b, 1);
		assert_int_equal(d->nblocks, 1);
		check_diff(d, 1);
	}
}

/* The same at the end of a block: the block and the unmatched text after
 * it must not overlap. */
static void expansion_split_at_block_end(void **state)
{
	char ta[512], tb[512];
	scd_input *a, *b;
	scd_diff *d;

	(void)state;
	snprintf(ta, sizeof(ta), "%s㎡，各方表示支持。\n", prefix);
	snprintf(tb, sizeof(tb), "%sm3，各方表示支持。\n", prefix);
	a = mem_input("a.txt", ta, strlen(ta));
	b = mem_input("b.txt", tb, strlen(tb));
	d = diff(a, b, 1);
	assert_int_equal(d->nblocks, 1);
	check_diff(d, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(declaration_dashes, release_all),
		cmocka_unit_test_teardown(moved_statements, release_all),
		cmocka_unit_test_teardown(corpus_pairs_rebuild, release_all),
		cmocka_unit_test_teardown(noisy_pairs_rebuild, release_all),
		cmocka_unit_test_teardown(encodings_compare_equal, release_all),
		cmocka_unit_test_teardown(identical_inputs, release_all),
		cmocka_unit_test_teardown(identical_short_inputs, release_all),
		cmocka_unit_test_teardown(empty_inputs, release_all),
		cmocka_unit_test_teardown(single_change_kinds, release_all),
		cmocka_unit_test_teardown(doubled_across_line_break, release_all),
		cmocka_unit_test_teardown(deterministic, release_all),
		cmocka_unit_test_teardown(expansion_split_inside_block, release_all),
		cmocka_unit_test_teardown(expansion_split_at_block_end, release_all),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
