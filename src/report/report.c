/*
 * Reports: JSON (the version-1 contract of docs/json-report.md) and the
 * terminal report.  Every position is converted here, once, from text
 * offsets to the user's original byte offsets and line numbers.
 */
#include <stdio.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "scodiff/report.h"
#include "text/segment.h"
#include "util/error.h"
#include "report/json.h"
#include "report/report_util.h"

/* ---- JSON --------------------------------------------------------------- */

/* x in [0, 1] with four decimals, whatever the host program's locale
 * says a decimal point is (printf's %f would follow LC_NUMERIC). */
void scd_report__json_fraction(FILE *f, double x)
{
	long v = (long)(x * 10000.0 + 0.5);

	if (v < 0)
		v = 0;
	fprintf(f, "%ld.%04ld", v / 10000, v % 10000);
}

void scd_report__json_span(FILE *f, const scd_input *in, scd_range r)
{
	fprintf(f, "[%zu,%zu]", scd_input_offset(in, r.beg),
		scd_input_offset(in, r.end));
}

void scd_report__json_lines(FILE *f, const scd_input *in, scd_range r)
{
	size_t l1 = scd_input_line(in, r.beg);
	size_t l2 = r.end > r.beg ? scd_input_line(in, r.end - 1) : l1;
	fprintf(f, "[%zu,%zu]", l1, l2);
}

static void json_file(FILE *f, const scd_input *in)
{
	fputs("{\"path\":", f);
	scd_json__cstring(f, scd_input_path(in), SCD_JSON_PLAIN);
	fprintf(f, ",\"bytes\":%zu,\"encoding\":", scd_input_size(in));
	scd_json__cstring(f, scd_input_encoding(in), SCD_JSON_PLAIN);
	fputc('}', f);
}

static void json_ranges(FILE *f, const scd_input *in, const scd_range *r,
			size_t n)
{
	size_t i;
	fputc('[', f);
	for (i = 0; i < n; i++) {
		if (i)
			fputc(',', f);
		scd_report__json_span(f, in, r[i]);
	}
	fputc(']', f);
}

int scd_report_json(FILE *f, const scd_diff *d, const scd_report_options *opts)
{
	scd_report_options o = SCD_REPORT_OPTIONS_INIT;
	const char *ta, *tb;
	size_t i, first = 1;
	int k;

	if (opts)
		o = *opts;
	ta = scd_input_text(d->a, NULL);
	tb = scd_input_text(d->b, NULL);
	fprintf(f, "{\"version\":%d,\n\"a\":", SCD_REPORT_JSON_VERSION);
	json_file(f, d->a);
	fputs(",\n\"b\":", f);
	json_file(f, d->b);
	fputs(",\n\"similarity\":", f);
	scd_report__json_fraction(f, d->similarity);
	fputs(",\n\"counts\":{", f);
	for (k = 0; k < SCD_KIND__COUNT; k++)
		fprintf(f, "%s\"%s\":%zu", k ? "," : "", scd_kind_name((scd_kind)k),
			d->counts[k]);
	fputs("},\n\"blocks\":[", f);
	for (i = 0; i < d->nblocks; i++) {
		const scd_diff_block *b = &d->blocks[i];
		fputs(i ? ",\n{\"a\":" : "\n{\"a\":", f);
		scd_report__json_span(f, d->a, b->a);
		fputs(",\"b\":", f);
		scd_report__json_span(f, d->b, b->b);
		fputs(",\"a_lines\":", f);
		scd_report__json_lines(f, d->a, b->a);
		fputs(",\"b_lines\":", f);
		scd_report__json_lines(f, d->b, b->b);
		fputs(",\"similarity\":", f);
		scd_report__json_fraction(f, b->similarity);
		fputc('}', f);
	}
	fputs("],\n\"differences\":[", f);
	for (i = 0; i < d->ndiffs; i++) {
		const scd_difference *x = &d->diffs[i];
		if (!(o.show & SCD_SHOW(x->kind)))
			continue;
		fputs(first ? "\n{\"kind\":\"" : ",\n{\"kind\":\"", f);
		first = 0;
		fputs(scd_kind_name(x->kind), f);
		fputs("\",\"a\":", f);
		scd_report__json_span(f, d->a, x->a);
		fputs(",\"b\":", f);
		scd_report__json_span(f, d->b, x->b);
		fputs(",\"a_text\":", f);
		scd_json__string(f, ta + x->a.beg, x->a.end - x->a.beg, SCD_JSON_PLAIN);
		fputs(",\"b_text\":", f);
		scd_json__string(f, tb + x->b.beg, x->b.end - x->b.beg, SCD_JSON_PLAIN);
		fprintf(f, ",\"block\":%zu", x->block);
		if (x->reason) {
			fputs(",\"reason\":", f);
			scd_json__cstring(f, x->reason, SCD_JSON_PLAIN);
		}
		if (x->suggested) {
			fputs(",\"suggest\":", f);
			scd_json__cstring(f, x->suggest, SCD_JSON_PLAIN);
		}
		if (x->confidence > 0) {
			fputs(",\"confidence\":", f);
			scd_report__json_fraction(f, x->confidence);
		}
		fputc('}', f);
	}
	fputs("],\n\"unmatched_a\":", f);
	json_ranges(f, d->a, d->unmatched_a, d->nunmatched_a);
	fputs(",\n\"unmatched_b\":", f);
	json_ranges(f, d->b, d->unmatched_b, d->nunmatched_b);
	fputs("}\n", f);
	return ferror(f) ? scd_error__set(SCD_EIO, "write error") : 0;
}

/* ---- terminal ----------------------------------------------------------- */

const scd_report__palette scd_report__colors = { "\033[31m", "\033[32m", "\033[2m", "\033[1m", "\033[m" };
const scd_report__palette scd_report__plain = { "", "", "", "", "" };

/* Characters in t[beg..end) that are not whitespace (as the passage
 * headers count key characters, layout is not counted). */
size_t scd_report__nchars(const char *t, uint32_t beg, uint32_t end)
{
	size_t n = 0, i = beg;

	while (i < end) {
		int32_t k = 0;
		UChar32 c;
		U8_NEXT_UNSAFE((const uint8_t *)t + i, k, c);
		i += (size_t)k;
		if (!u_isUWhiteSpace(c))
			n++;
	}
	return n;
}

/*
 * Print t[beg..end) on one line: a whitespace run becomes one space
 * between two words of a spaced script and disappears elsewhere, a
 * control character shows as its escape (dropping it would hide a
 * difference made of one).  At most `max` characters;
 * `from_end` keeps the last ones instead of the first.
 */
void scd_report__snippet(FILE *f, const char *t, uint32_t beg, uint32_t end,
			 size_t max, int from_end)
{
	size_t i, n = 0;
	int ws = 0;
	UChar32 prev = 0;

	/* a start picked by bytes may fall inside a character */
	while (beg < end && ((unsigned char)t[beg] & 0xC0) == 0x80)
		beg++;
	if (from_end) {
		/* walk back over max visible characters (layout does not
		 * count), but not more than a few KiB */
		i = end;
		while (i > beg && n < max && end - i < 4096) {
			UChar32 c;
			int32_t k = 0;
			do
				i--;
			while (i > beg && ((unsigned char)t[i] & 0xC0) == 0x80);
			U8_NEXT_UNSAFE((const uint8_t *)t + i, k, c);
			if (!u_isUWhiteSpace(c))
				n++;
		}
		beg = (uint32_t)i;
		n = 0;
		if (beg > 0)
			fputs("…", f);
	}
	for (i = beg; i < end && n < max;) {
		size_t s = i;
		int32_t k = 0;
		UChar32 c;

		U8_NEXT_UNSAFE((const uint8_t *)t + i, k, c);
		i += (size_t)k;
		if (u_isUWhiteSpace(c)) {
			ws = 1;
			continue;
		}
		/* a break between two words of a spaced script shows as a
		 * space; between CJK characters it is only layout */
		if (ws && n && scd_segment_keeps_space((uint32_t)prev, (uint32_t)c))
			fputc(' ', f);
		ws = 0;
		prev = c;
		scd_quote_write(f, t + s, i - s, 0);
		n++;
	}
	if (!from_end && i < end)
		fputs("…", f);
}

static void kind_counts(FILE *f, const scd_diff *d, const scd_report__palette *p)
{
	static const scd_kind order[] = { SCD_KIND_EDIT, SCD_KIND_OCR, SCD_KIND_VARIANT,
					  SCD_KIND_PUNCT, SCD_KIND_WIDTH, SCD_KIND_LAYOUT };
	size_t i;
	(void)p;
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		fprintf(f, "%s%s %zu", i ? " · " : "", scd_kind_name(order[i]),
			d->counts[order[i]]);
}

void scd_report__name(FILE *f, const char *path)
{
	scd_quote_write(f, path, strlen(path), SCD_QUOTE_NAME);
}

void scd_report__where(FILE *f, const scd_input *in, scd_range r)
{
	fprintf(f, "%zu:%zu", scd_input_line(in, r.beg), scd_input_column(in, r.beg));
}

int scd_report_text(FILE *f, const scd_diff *d, const scd_report_options *opts)
{
	scd_report_options o = SCD_REPORT_OPTIONS_INIT;
	const scd_report__palette *p;
	const char *ta, *tb;
	size_t la, lb, i, j = 0, ua = 0, ub = 0;
	const char *pa = scd_input_path(d->a), *pb = scd_input_path(d->b);

	if (opts)
		o = *opts;
	p = o.color ? &scd_report__colors : &scd_report__plain;
	ta = scd_input_text(d->a, &la);
	tb = scd_input_text(d->b, &lb);
	for (i = 0; i < d->nunmatched_a; i++)
		ua += scd_report__nchars(ta, d->unmatched_a[i].beg, d->unmatched_a[i].end);
	for (i = 0; i < d->nunmatched_b; i++)
		ub += scd_report__nchars(tb, d->unmatched_b[i].beg, d->unmatched_b[i].end);

	fprintf(f, "%s--- ", p->head);
	scd_report__name(f, pa);
	fprintf(f, "%s (%s, %zu bytes)\n%s+++ ", p->off, scd_input_encoding(d->a),
		scd_input_size(d->a), p->head);
	scd_report__name(f, pb);
	fprintf(f, "%s (%s, %zu bytes)\n", p->off, scd_input_encoding(d->b), scd_input_size(d->b));
	fprintf(f, "similarity %.3f · %zu aligned passage%s · ", d->similarity,
		d->nblocks, d->nblocks == 1 ? "" : "s");
	kind_counts(f, d, p);
	fputs("\nonly in ", f);
	scd_report__name(f, pa);
	fprintf(f, ": %zu chars in %zu place%s · only in ", ua, d->nunmatched_a,
		d->nunmatched_a == 1 ? "" : "s");
	scd_report__name(f, pb);
	fprintf(f, ": %zu chars in %zu place%s\n", ub, d->nunmatched_b,
		d->nunmatched_b == 1 ? "" : "s");

	for (i = 0; i < d->nblocks; i++) {
		const scd_diff_block *b = &d->blocks[i];
		size_t hidden[SCD_KIND__COUNT] = { 0 }, k, nh = 0;

		fprintf(f, "\n%s@@ passage %zu: ", p->head, i + 1);
		scd_report__name(f, pa);
		fprintf(f, " lines %zu-%zu ⇄ ", scd_input_line(d->a, b->a.beg),
			scd_input_line(d->a, b->a.end ? b->a.end - 1 : 0));
		scd_report__name(f, pb);
		fprintf(f, " lines %zu-%zu · %u chars · similarity %.3f @@%s\n",
			scd_input_line(d->b, b->b.beg),
			scd_input_line(d->b, b->b.end ? b->b.end - 1 : 0),
			b->a_chars, b->similarity, p->off);
		for (; j < d->ndiffs && d->diffs[j].block == i; j++) {
			const scd_difference *x = &d->diffs[j];
			if (!(o.show & SCD_SHOW(x->kind))) {
				hidden[x->kind]++;
				continue;
			}
			fputs("  ", f);
			scd_report__where(f, d->a, x->a);
			fputs(" ⇄ ", f);
			scd_report__where(f, d->b, x->b);
			fprintf(f, "  %s", scd_kind_name(x->kind));
			if (x->reason)
				fprintf(f, " (%s)", x->reason);
			fputs("  ", f);
			fputs(p->dim, f);
			scd_report__snippet(f, ta, b->a.beg > x->a.beg ? x->a.beg : b->a.beg, x->a.beg, o.context, 1);
			fputs(p->off, f);
			fprintf(f, "%s[-", p->del);
			scd_report__snippet(f, ta, x->a.beg, x->a.end, 200, 0);
			fprintf(f, "-]%s%s{+", p->off, p->ins);
			scd_report__snippet(f, tb, x->b.beg, x->b.end, 200, 0);
			fprintf(f, "+}%s%s", p->off, p->dim);
			scd_report__snippet(f, ta, x->a.end, (uint32_t)(x->a.end + 4 * o.context < la ? x->a.end + 4 * o.context : la), o.context, 0);
			fputs(p->off, f);
			if (x->suggested && x->suggest[0]) {
				fputs("  → ", f);
				scd_quote_write(f, x->suggest, strlen(x->suggest), 0);
			} else if (x->suggested) {
				fputs("  → (none)", f);
			}
			if (x->confidence > 0)
				fprintf(f, "  (%.2f)", x->confidence);
			fputc('\n', f);
		}
		/* count what a block holds but did not list */
		for (k = 0; k < SCD_KIND__COUNT; k++)
			if (k != SCD_KIND_LAYOUT && hidden[k])
				nh++;
		if (nh) {
			int first = 1;
			fputs("  not listed:", f);
			for (k = 0; k < SCD_KIND__COUNT; k++)
				if (k != SCD_KIND_LAYOUT && hidden[k]) {
					fprintf(f, "%s %s %zu", first ? "" : ",",
						scd_kind_name((scd_kind)k), hidden[k]);
					first = 0;
				}
			fputs(" (--show=all lists them)\n", f);
		}
	}
	for (i = 0; i < d->nunmatched_a + d->nunmatched_b; i++) {
		int on_a = i < d->nunmatched_a;
		const scd_input *in = on_a ? d->a : d->b;
		const char *t = on_a ? ta : tb;
		scd_range r = on_a ? d->unmatched_a[i] : d->unmatched_b[i - d->nunmatched_a];
		if (i == 0 || i == d->nunmatched_a) {
			fprintf(f, "\n%sonly in ", p->head);
			scd_report__name(f, on_a ? pa : pb);
			fprintf(f, ":%s\n", p->off);
		}
		fprintf(f, "  lines %zu-%zu (%zu chars)  %s", scd_input_line(in, r.beg),
			scd_input_line(in, r.end > r.beg ? r.end - 1 : r.beg),
			scd_report__nchars(t, r.beg, r.end), on_a ? p->del : p->ins);
		scd_report__snippet(f, t, r.beg, r.end, 40, 0);
		fprintf(f, "%s\n", p->off);
	}
	return ferror(f) ? scd_error__set(SCD_EIO, "write error") : 0;
}

/* ---- check ------------------------------------------------------------- */

int scd_report_check_json(FILE *f, const scd_check *check,
			  scd_input *const *inputs, size_t n)
{
	size_t i;

	fprintf(f, "{\"version\":%d,\"flags\":[", SCD_REPORT_JSON_VERSION);
	for (i = 0; i < check->nflags; i++) {
		const scd_flag *x = &check->flags[i];
		const scd_input *in = x->input < n ? inputs[x->input] : NULL;
		const char *t;

		if (!in)
			continue;
		t = scd_input_text(in, NULL);
		fputs(i ? ",\n{\"path\":" : "\n{\"path\":", f);
		scd_json__cstring(f, scd_input_path(in), SCD_JSON_PLAIN);
		fputs(",\"span\":", f);
		scd_report__json_span(f, in, x->span);
		fputs(",\"lines\":", f);
		scd_report__json_lines(f, in, x->span);
		fputs(",\"text\":", f);
		scd_json__string(f, t + x->span.beg, x->span.end - x->span.beg, SCD_JSON_PLAIN);
		fputs(",\"suggest\":", f);
		scd_json__cstring(f, x->suggest, SCD_JSON_PLAIN);
		fprintf(f, ",\"kind\":\"%s\",\"reason\":", scd_kind_name(x->kind));
		scd_json__cstring(f, x->reason ? x->reason : "", SCD_JSON_PLAIN);
		fputs(",\"confidence\":", f);
		scd_report__json_fraction(f, x->confidence);
		fputc('}', f);
	}
	fputs("]}\n", f);
	return ferror(f) ? scd_error__set(SCD_EIO, "write error") : 0;
}

int scd_report_check_text(FILE *f, const scd_check *check,
			  scd_input *const *inputs, size_t n,
			  const scd_report_options *opts)
{
	scd_report_options o = SCD_REPORT_OPTIONS_INIT;
	const scd_report__palette *p;
	size_t i;

	if (opts)
		o = *opts;
	p = o.color ? &scd_report__colors : &scd_report__plain;
	for (i = 0; i < check->nflags; i++) {
		const scd_flag *x = &check->flags[i];
		const scd_input *in = x->input < n ? inputs[x->input] : NULL;
		const char *t;
		size_t len;

		if (!in)
			continue;
		t = scd_input_text(in, &len);
		scd_report__name(f, scd_input_path(in));
		fputc(':', f);
		scd_report__where(f, in, x->span);
		fprintf(f, ": %s (%s)  %s", scd_kind_name(x->kind), x->reason ? x->reason : "", p->dim);
		scd_report__snippet(f, t, x->span.beg > 64 ? x->span.beg - 64 : 0, x->span.beg, o.context, 1);
		fprintf(f, "%s%s[", p->off, p->del);
		scd_report__snippet(f, t, x->span.beg, x->span.end, 40, 0);
		fprintf(f, "]%s%s", p->off, p->dim);
		scd_report__snippet(f, t, x->span.end, (uint32_t)(x->span.end + 4 * o.context < len ? x->span.end + 4 * o.context : len),
			o.context, 0);
		fprintf(f, "%s  → %s", p->off, p->ins);
		scd_quote_write(f, x->suggest, strlen(x->suggest), 0);
		fprintf(f, "%s  (%.2f)\n", p->off, x->confidence);
	}
	fprintf(f, "%zu flag%s in %zu file%s\n", check->nflags, check->nflags == 1 ? "" : "s",
		n, n == 1 ? "" : "s");
	return ferror(f) ? scd_error__set(SCD_EIO, "write error") : 0;
}
