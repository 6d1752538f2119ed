/*
 * HTML reports: the page skeleton, safe JSON for the page's data script,
 * reflowed text cut into pieces at the differences (report_html.h), and
 * the page of a comparison (scd_report_html_diff).  The page of a scan is
 * in report_html_scan.c.  The rendering itself is JavaScript
 * (src/report/html/): it builds the DOM from the data with text nodes only, and
 * renders long reports lazily, a chunk of passages as it nears the view.
 */
#include <stdio.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "scodiff/report.h"
#include "text/segment.h"
#include "util/error.h"
#include "report/json.h"
#include "report/report_html.h"
#include "report/report_util.h"

/* ---- page skeleton ------------------------------------------------------ */

void scd_html__page_begin(FILE *f, const char *page)
{
	/* The policy forbids every fetch (the report works offline and leaks
	 * nothing when opened) and any script but the page's own. */
	fputs("<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	      "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n", f);
	fprintf(f, "<meta name=\"generator\" content=\"scodiff %s\">\n", scd_version());
	fputs("<title>scodiff report</title>\n<style>\n", f);
	fputs(scd_html__common_css, f);
	fprintf(f, "</style>\n</head>\n<body class=\"page-%s\">\n"
		"<noscript>This report is drawn by JavaScript; allow scripts for this file.</noscript>\n"
		"<div id=\"app\"></div>\n"
		"<script type=\"application/json\" id=\"scd-data\">", page);
}

int scd_html__page_end(FILE *f, const char *page_js)
{
	fputs("</script>\n<script>\n", f);
	fputs(scd_html__common_js, f);
	fputs("</script>\n<script>\n", f);
	fputs(page_js, f);
	fputs("</script>\n</body>\n</html>\n", f);
	return ferror(f) ? scd_error__set(SCD_EIO, "write error") : 0;
}

/* ---- reflowed text ------------------------------------------------------ */

void scd_html__flow_init(scd_html__flow *fl, FILE *f)
{
	fl->f = f;
	fl->prev = 0;
	fl->ended = 0;
	fl->ws = 0;
	fl->next = 0;
}

/* A character shown as itself (not layout, not a control). */
static int visible(UChar32 c)
{
	return c >= 0x20 && c != 0x7F && !u_isUWhiteSpace(c);
}

static int line_break(UChar32 c)
{
	return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029;
}

/* Write the whitespace pending before character c (0: none follows). */
static void flow_settle(scd_html__flow *fl, UChar32 c)
{
	if (fl->ws && fl->prev && c) {
		if (fl->ws > 1 && fl->ended)
			fputs("\\n", fl->f);
		else if (scd_segment_keeps_space((uint32_t)fl->prev, (uint32_t)c) &&
			 /* a number wrapped across lines is one number */
			 !(fl->ws > 1 && u_isdigit(fl->prev) && u_isdigit(c)))
			fputc(' ', fl->f);
	}
	fl->ws = 0;
}

void scd_html__flow_put(scd_html__flow *fl, const char *t, uint32_t beg,
			uint32_t end, uint32_t limit)
{
	size_t i, run;
	UChar32 c;

	/* whitespace the piece before has decided already */
	if (fl->next > beg) {
		if (fl->next >= end) {
			if (fl->next == end)
				fl->next = 0;
			return;
		}
		beg = fl->next;
	}
	fl->next = 0;
	for (i = run = beg; i < end;) {
		size_t at = i;
		U8_NEXT((const uint8_t *)t, i, end, c);
		if (visible(c)) {
			if (fl->ws) {
				scd_json__chars(fl->f, t + run, at - run, SCD_JSON_HTML);
				flow_settle(fl, c);
				run = at;
			}
			fl->prev = c;
			fl->ended = scd_segment_after(fl->ended, (uint32_t)c);
			continue;
		}
		/* layout, controls and broken bytes are not shown as such */
		scd_json__chars(fl->f, t + run, at - run, SCD_JSON_HTML);
		run = i;
		if (c >= 0 && u_isUWhiteSpace(c))
			fl->ws = line_break(c) || fl->ws > 1 ? 2 : 1;
	}
	scd_json__chars(fl->f, t + run, end - run, SCD_JSON_HTML);
	if (!fl->ws)
		return;
	/* decide the trailing run here, by what comes next */
	for (i = end; i < limit;) {
		size_t at = i;
		U8_NEXT((const uint8_t *)t, i, limit, c);
		if (visible(c)) {
			fl->next = (uint32_t)at;
			flow_settle(fl, c);
			return;
		}
		if (line_break(c))
			fl->ws = 2;
	}
	fl->next = limit;
	flow_settle(fl, 0);
}

/* ---- pieces of a passage ------------------------------------------------ */

void scd_html__side(FILE *f, const char *t, scd_range whole,
		    const scd_difference *diffs, size_t ndiffs, size_t first,
		    unsigned int show, int side_b, const scd_range *only,
		    size_t n_only)
{
	scd_html__flow fl;
	uint32_t at = whole.beg;
	size_t i, j = 0, num = first;
	int open = 0, any = 0;

	scd_html__flow_init(&fl, f);
	fputc('[', f);
	for (i = 0; i <= ndiffs; i++) {
		const scd_difference *x = i < ndiffs ? &diffs[i] : NULL;
		scd_range r = { whole.end, whole.end };
		if (x) {
			if (!(show & SCD_SHOW(x->kind)))
				continue;
			r = side_b ? x->b : x->a;
			/* clip what is out of order or outside the passage */
			if (r.beg < at)
				r.beg = at;
			if (r.end > whole.end)
				r.end = whole.end;
			if (r.end < r.beg)
				r.end = r.beg;
		}
		/* plain text up to r, with the only-here ranges cut out */
		while (at < r.beg || (j < n_only && only[j].beg < r.beg)) {
			if (j < n_only && only[j].end <= at) {
				j++;
				continue;
			}
			if (j < n_only && only[j].beg <= at) {
				uint32_t e = only[j].end < r.beg ? only[j].end : r.beg;
				fputs(open ? "\"," : any ? "," : "", f);
				fputs("[-1,\"", f);
				scd_html__flow_put(&fl, t, at, e, whole.end);
				fputs("\"]", f);
				open = 0;
				any = 1;
				at = e;
				if (e == only[j].end)
					j++;
				continue;
			}
			{
				uint32_t e = j < n_only && only[j].beg < r.beg ? only[j].beg : r.beg;
				if (!open)
					fputs(any ? ",\"" : "\"", f);
				open = any = 1;
				scd_html__flow_put(&fl, t, at, e, whole.end);
				at = e;
			}
		}
		if (open)
			fputc('"', f);
		open = 0;
		if (!x)
			break;
		fprintf(f, "%s[%zu,\"", any ? "," : "", num++);
		scd_html__flow_put(&fl, t, r.beg, r.end, whole.end);
		fputs("\"]", f);
		any = 1;
		at = r.end;
	}
	fputc(']', f);
}

static void json_where(FILE *f, const scd_input *in, uint32_t off)
{
	if (!in) {
		fputs("null", f);
		return;
	}
	fprintf(f, "\"%zu:%zu\"", scd_input_line(in, off), scd_input_column(in, off));
}

void scd_html__difference(FILE *f, const scd_difference *x,
			  const scd_input *a, const scd_input *b,
			  const char *ta)
{
	fprintf(f, "[%d,", (int)x->kind);
	if (x->reason)
		scd_json__cstring(f, x->reason, SCD_JSON_HTML);
	else
		fputs("null", f);
	fputc(',', f);
	if (x->suggested)
		scd_json__cstring(f, x->suggest, SCD_JSON_HTML);
	else
		fputs("null", f);
	fputc(',', f);
	scd_report__json_fraction(f, x->confidence > 0 ? x->confidence : 0);
	fputc(',', f);
	json_where(f, a, x->a.beg);
	fputc(',', f);
	json_where(f, b, x->b.beg);
	if (ta) {
		fputc(',', f);
		scd_json__string(f, ta + x->a.beg, x->a.end - x->a.beg, SCD_JSON_HTML);
	}
	fputc(']', f);
}

/* ---- the comparison page ------------------------------------------------ */

static void html_file(FILE *f, const scd_input *in)
{
	size_t len;
	const char *path = scd_input_path(in), *enc = scd_input_encoding(in);

	scd_input_text(in, &len);
	fputs("{\"path\":", f);
	scd_json__cstring(f, path, SCD_JSON_HTML);
	fprintf(f, ",\"bytes\":%zu,\"encoding\":", scd_input_size(in));
	scd_json__cstring(f, enc, SCD_JSON_HTML);
	fprintf(f, ",\"lines\":%zu}", scd_input_line(in, len));
}

/* Unmatched ranges of one side: [{"s":[bytes],"l":[lines],"n":chars,
 * "t":[pieces]}]. */
static void html_unmatched(FILE *f, const scd_input *in, const scd_range *r,
			   size_t n)
{
	const char *t = scd_input_text(in, NULL);
	size_t i;

	fputc('[', f);
	for (i = 0; i < n; i++) {
		fputs(i ? ",\n{\"s\":" : "\n{\"s\":", f);
		scd_report__json_span(f, in, r[i]);
		fputs(",\"l\":", f);
		scd_report__json_lines(f, in, r[i]);
		fprintf(f, ",\"n\":%zu,\"t\":", scd_report__nchars(t, r[i].beg, r[i].end));
		scd_html__side(f, t, r[i], NULL, 0, 0, 0, 0, NULL, 0);
		fputc('}', f);
	}
	fputc(']', f);
}

int scd_report_html_diff(FILE *f, const scd_diff *d,
			 const scd_report_options *opts)
{
	unsigned int show = SCD_SHOW_ALL & ~SCD_SHOW(SCD_KIND_LAYOUT);
	const char *ta = scd_input_text(d->a, NULL), *tb = scd_input_text(d->b, NULL);
	size_t i, j = 0, num = 0, first = 1;
	int k;

	if (opts)
		show = opts->show;
	scd_html__page_begin(f, "diff");
	fprintf(f, "{\"page\":\"diff\",\"version\":%d,\"kinds\":[", SCD_REPORT_JSON_VERSION);
	for (k = 0; k < SCD_KIND__COUNT; k++)
		fprintf(f, "%s\"%s\"", k ? "," : "", scd_kind_name((scd_kind)k));
	fputs("],\"shown\":[", f);
	for (k = 0; k < SCD_KIND__COUNT; k++)
		fprintf(f, "%s%d", k ? "," : "", (show & SCD_SHOW(k)) != 0);
	fputs("],\n\"a\":", f);
	html_file(f, d->a);
	fputs(",\n\"b\":", f);
	html_file(f, d->b);
	fputs(",\n\"similarity\":", f);
	scd_report__json_fraction(f, d->similarity);
	fputs(",\"counts\":[", f);
	for (k = 0; k < SCD_KIND__COUNT; k++)
		fprintf(f, "%s%zu", k ? "," : "", d->counts[k]);
	fputs("],\n\"blocks\":[", f);
	for (i = 0; i < d->nblocks; i++) {
		const scd_diff_block *b = &d->blocks[i];
		size_t from = j;

		while (j < d->ndiffs && d->diffs[j].block == i)
			j++;
		fputs(i ? ",\n{\"as\":" : "\n{\"as\":", f);
		scd_report__json_span(f, d->a, b->a);
		fputs(",\"bs\":", f);
		scd_report__json_span(f, d->b, b->b);
		fputs(",\"al\":", f);
		scd_report__json_lines(f, d->a, b->a);
		fputs(",\"bl\":", f);
		scd_report__json_lines(f, d->b, b->b);
		fprintf(f, ",\"n\":%u,\"sim\":", b->a_chars);
		scd_report__json_fraction(f, b->similarity);
		fputs(",\"ta\":", f);
		scd_html__side(f, ta, b->a, d->diffs + from, j - from, num, show, 0, NULL, 0);
		fputs(",\n\"tb\":", f);
		scd_html__side(f, tb, b->b, d->diffs + from, j - from, num, show, 1, NULL, 0);
		fputc('}', f);
		for (; from < j; from++)
			num += (show & SCD_SHOW(d->diffs[from].kind)) != 0;
	}
	fputs("],\n\"diffs\":[", f);
	for (i = 0; i < d->ndiffs; i++) {
		const scd_difference *x = &d->diffs[i];
		if (!(show & SCD_SHOW(x->kind)))
			continue;
		fputs(first ? "\n" : ",\n", f);
		first = 0;
		scd_html__difference(f, x, d->a, d->b, NULL);
	}
	fputs("],\n\"ua\":", f);
	html_unmatched(f, d->a, d->unmatched_a, d->nunmatched_a);
	fputs(",\n\"ub\":", f);
	html_unmatched(f, d->b, d->unmatched_b, d->nunmatched_b);
	fputs("}\n", f);
	return scd_html__page_end(f, scd_html__diff_js);
}
