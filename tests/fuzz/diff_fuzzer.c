/*
 * The whole comparison (diff.h) and its reports on two arbitrary files.
 *
 * Input: one byte of options, then files a and b separated by FF FF.
 * Each is decoded as a user's file would be (charset detected); bytes
 * that do not decode are made valid UTF-8 instead (fuzz_utf8()), so that
 * every input reaches the comparison.  Properties:
 *  - every range lies inside its text, on character boundaries, and maps
 *    to an original offset and line;
 *  - blocks are in a's order and overlap on neither side; unmatched text
 *    lies outside every block;
 *  - the walk's invariant (diff.c): inside a block, with layout kept, the
 *    texts of a and b between two consecutive differences are the same
 *    bytes;
 *  - the terminal and JSON reports are written without error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <scodiff.h>
#include "fuzz_util.h"

static scd_input *decode(const char *name, const uint8_t *d, size_t n)
{
	scd_input *in = NULL;

	if (scd_input_from_memory(&in, name, d, n, NULL) < 0) {
		size_t len;
		char *text = fuzz_utf8(d, n, &len);
		FUZZ_CHECK(scd_input_from_memory(&in, name, text, len, NULL) == 0);
		free(text);
	}
	return in;
}

static void check_range(const scd_input *in, scd_range r)
{
	size_t len;
	const char *t = scd_input_text(in, &len);

	FUZZ_CHECK(r.beg <= r.end && r.end <= len);
	FUZZ_CHECK(fuzz_on_boundary(t, len, r.beg) && fuzz_on_boundary(t, len, r.end));
	FUZZ_CHECK(scd_input_offset(in, r.beg) <= scd_input_offset(in, r.end));
	FUZZ_CHECK(scd_input_offset(in, r.end) <= scd_input_size(in));
	FUZZ_CHECK(scd_input_line(in, r.beg) <= scd_input_line(in, r.end));
}

static int same_text(const scd_input *a, uint32_t a0, uint32_t a1,
		     const scd_input *b, uint32_t b0, uint32_t b1)
{
	const char *ta = scd_input_text(a, NULL), *tb = scd_input_text(b, NULL);

	return a1 - a0 == b1 - b0 && !memcmp(ta + a0, tb + b0, a1 - a0);
}

/* The unmatched ranges of side a (side 0) or b (1) are valid ranges of
 * that text and overlap no block's range on that side. */
static void check_unmatched(const scd_diff *d, int side)
{
	const scd_input *in = side ? d->b : d->a;
	const scd_range *u = side ? d->unmatched_b : d->unmatched_a;
	size_t n = side ? d->nunmatched_b : d->nunmatched_a, i, j;

	for (i = 0; i < n; i++) {
		check_range(in, u[i]);
		for (j = 0; j < d->nblocks; j++) {
			scd_range r = side ? d->blocks[j].b : d->blocks[j].a;

			FUZZ_CHECK(u[i].end <= r.beg || r.end <= u[i].beg);
		}
	}
}

static void check_diff(const scd_diff *d, int layout_kept)
{
	size_t i, k = 0;

	for (i = 0; i < d->nblocks; i++) {
		const scd_diff_block *blk = &d->blocks[i];
		uint32_t pa = blk->a.beg, pb = blk->b.beg;
		size_t j;

		check_range(d->a, blk->a);
		check_range(d->b, blk->b);
		FUZZ_CHECK(blk->matched <= blk->a_chars && blk->matched <= blk->b_chars);
		FUZZ_CHECK(i == 0 || d->blocks[i - 1].a.end <= blk->a.beg);
		for (j = 0; j < d->nblocks; j++)
			FUZZ_CHECK(j == i || d->blocks[j].b.end <= blk->b.beg ||
				   blk->b.end <= d->blocks[j].b.beg);
		/* this block's differences, in order */
		for (; k < d->ndiffs && d->diffs[k].block == i; k++) {
			const scd_difference *x = &d->diffs[k];
			check_range(d->a, x->a);
			check_range(d->b, x->b);
			FUZZ_CHECK(x->kind < SCD_KIND__COUNT);
			FUZZ_CHECK(x->a.beg >= pa && x->b.beg >= pb);
			FUZZ_CHECK(x->a.end <= blk->a.end && x->b.end <= blk->b.end);
			if (layout_kept)
				FUZZ_CHECK(same_text(d->a, pa, x->a.beg, d->b, pb, x->b.beg));
			pa = x->a.end;
			pb = x->b.end;
		}
		if (layout_kept)
			FUZZ_CHECK(same_text(d->a, pa, blk->a.end, d->b, pb, blk->b.end));
	}
	FUZZ_CHECK(k == d->ndiffs); /* every difference belongs to a block */
	check_unmatched(d, 0);
	check_unmatched(d, 1);
	FUZZ_CHECK(d->similarity >= 0 && d->similarity <= 1);
}

static void check_reports(const scd_diff *d, uint8_t sel)
{
	scd_report_options ro = SCD_REPORT_OPTIONS_INIT;
	FILE *f = fuzz_sink_open();

	ro.show = (sel & 2) ? SCD_SHOW_ALL : ro.show;
	ro.color = sel & 4;
	ro.context = (sel >> 3) & 15;
	FUZZ_CHECK(scd_report_text(f, d, &ro) == 0);
	FUZZ_CHECK(scd_report_json(f, d, &ro) == 0);
	fuzz_sink_close(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	scd_diff_options opts = SCD_DIFF_OPTIONS_INIT;
	const uint8_t *part[2];
	size_t len[2];
	scd_input *a, *b;
	scd_diff *d = NULL;
	uint8_t sel;

	if (size == 0)
		return 0;
	sel = data[0];
	opts.keep_layout = sel & 1;
	if (sel & 0x80) {
		/* small parameters: short texts make blocks too */
		opts.align.k = 2;
		opts.align.w = 2;
		opts.align.min_tile = 2;
		opts.align.min_block = 2;
		opts.align.max_gap = 8;
	}
	if (fuzz_split(part, len, 2, data + 1, size - 1) < 2)
		return 0;
	a = decode("a.txt", part[0], len[0]);
	b = decode("b.txt", part[1], len[1]);
	FUZZ_CHECK(scd_diff_inputs(&d, a, b, &opts) == 0);
	check_diff(d, opts.keep_layout);
	check_reports(d, sel);
	scd_diff_free(d);
	scd_input_free(a);
	scd_input_free(b);
	return 0;
}
