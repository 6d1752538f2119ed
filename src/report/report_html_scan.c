/*
 * The HTML page of `scodiff scan` (report.h, report_html.h).  A scan made
 * with keep_texts carries each member's text and its comparison with the
 * canonical member, which the page shows colored; this file only writes
 * them (without them, or for a member whose file could not be read
 * again, the page has places only).  Boilerplate formulae are listed
 * with their places only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scodiff/report.h"
#include "util/error.h"
#include "report/json.h"
#include "report/report_html.h"
#include "report/report_util.h"

static int cmp_b(const void *x, const void *y)
{
	const scd_difference *p = x, *q = y;
	return p->b.beg < q->b.beg ? -1 : p->b.beg > q->b.beg;
}

/* Member x's text as pieces, and its differences from the canonical
 * text as "x":[entries], in the member's order. */
static int member_pieces(FILE *f, const scd_scan_member *x, int is_canonical)
{
	const unsigned int show = SCD_SHOW_ALL & ~SCD_SHOW(SCD_KIND_LAYOUT);
	const scd_diff *d = x->diff;
	scd_difference *v = NULL;
	scd_range whole = { 0, 0 };
	size_t i, n = 0, len;
	const char *text = scd_input_text(x->input, &len);

	whole.end = (uint32_t)len;
	if (is_canonical) {
		fputs(",\"t\":", f);
		scd_html__side(f, text, whole, NULL, 0, 0, 0, 1, NULL, 0);
		return 0;
	}
	/* the member's side in its own order (passages may cross) */
	if (d->ndiffs && !(v = malloc(d->ndiffs * sizeof(*v))))
		return scd_error__nomem();
	for (i = 0; i < d->ndiffs; i++)
		if (show & SCD_SHOW(d->diffs[i].kind))
			v[n++] = d->diffs[i];
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_b);
	fputs(",\"t\":", f);
	scd_html__side(f, text, whole, v, n, 0, show, 1, d->unmatched_b, d->nunmatched_b);
	fputs(",\"x\":[", f);
	for (i = 0; i < n; i++) {
		fputs(i ? "," : "", f);
		scd_html__difference(f, &v[i], NULL, NULL, scd_input_text(d->a, NULL));
	}
	fputc(']', f);
	free(v);
	return 0;
}

/* Does the page show the members' texts?  Not for boilerplate, nor
 * without the texts kept (or for a canonical member unread). */
static int shows_texts(const scd_scan_cluster *c)
{
	return !c->boilerplate && c->members[c->canonical_member].input;
}

static int html_cluster(FILE *f, const scd_scan_cluster *c)
{
	const scd_scan_member *cm = &c->members[c->canonical_member];
	size_t m;
	int k, error = 0;

	fprintf(f, "{\"id\":%zu,\"docs\":%zu,\"n\":%zu,\"sim\":", c->id, c->ndocs, cm->chars);
	scd_report__json_fraction(f, c->similarity);
	fputs(",\"counts\":[", f);
	for (k = 0; k < SCD_KIND__COUNT; k++)
		fprintf(f, "%s%zu", k ? "," : "", c->counts[k]);
	fputs("],\"canonical\":", f);
	scd_json__cstring(f, c->canonical, SCD_JSON_HTML);
	fputs(",\"members\":[", f);
	for (m = 0; m < c->nmembers && error == 0; m++) {
		const scd_scan_member *x = &c->members[m];
		int is_canonical = m == c->canonical_member;
		fprintf(f, "%s{\"d\":%zu,\"s\":[%zu,%zu],\"l\":[%zu,%zu],\"n\":%zu,\"sim\":",
			m ? ",\n" : "\n", x->doc, x->span[0], x->span[1], x->lines[0],
			x->lines[1], x->chars);
		scd_report__json_fraction(f, x->similarity);
		fprintf(f, ",\"c\":%d", is_canonical);
		if (shows_texts(c) && x->input && (is_canonical || x->diff))
			error = member_pieces(f, x, is_canonical);
		fputc('}', f);
	}
	fputs("]}", f);
	return error;
}

int scd_report_html_scan(FILE *f, const scd_scan *s)
{
	size_t i;
	int k, error = 0;

	scd_html__page_begin(f, "scan");
	fprintf(f, "{\"page\":\"scan\",\"version\":%d,\"kinds\":[", SCD_REPORT_JSON_VERSION);
	for (k = 0; k < SCD_KIND__COUNT; k++)
		fprintf(f, "%s\"%s\"", k ? "," : "", scd_kind_name((scd_kind)k));
	fprintf(f, "],\"boilerplate_docs\":%zu,\n\"docs\":[", s->boilerplate_docs);
	for (i = 0; i < s->ndocs; i++) {
		const scd_scan_doc *d = &s->docs[i];
		fputs(i ? ",\n{\"path\":" : "\n{\"path\":", f);
		scd_json__cstring(f, d->path, SCD_JSON_HTML);
		fprintf(f, ",\"bytes\":%zu,\"repeated\":%zu", d->bytes, d->repeated_bytes);
		if (d->error) {
			fputs(",\"error\":", f);
			scd_json__cstring(f, d->error, SCD_JSON_HTML);
		}
		fputc('}', f);
	}
	fputs("],\n\"clusters\":[", f);
	for (i = 0; i < s->nclusters && error == 0; i++) {
		fputs(i ? ",\n" : "\n", f);
		error = html_cluster(f, &s->clusters[i]);
	}
	fputs("],\n\"boilerplate\":[", f);
	for (i = 0; i < s->nboilerplate && error == 0; i++) {
		fputs(i ? ",\n" : "\n", f);
		error = html_cluster(f, &s->boilerplate[i]);
	}
	fputs("]}\n", f);
	if (error < 0)
		return error;
	return scd_html__page_end(f, scd_html__scan_js);
}
