/*
 * The HTML page of `scodiff scan` (report.h, report_html.h).  The scan
 * keeps each member's place, not its text: the members of the clusters
 * are read again here, one file at a time, and every member is compared
 * with its cluster's canonical member (scd_diff_inputs, as scan.c counted
 * the differences) so that the page can show them colored.  Boilerplate
 * formulae are listed with their places only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scodiff/report.h"
#include "util/error.h"
#include "report/json.h"
#include "report/report_html.h"
#include "report/report_util.h"

/* One member's text, in UTF-8 (NULL when its file could not be read). */
typedef struct {
	char *t;
	size_t len;
} member_text;

/* Text offset of original byte offset `off` in `in`: the first text
 * offset that maps to it or past it (the map is monotone). */
static uint32_t text_offset(const scd_input *in, size_t len, size_t off)
{
	size_t lo = 0, hi = len;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (scd_input_offset(in, mid) < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (uint32_t)lo;
}

typedef struct {
	size_t doc, c, m;
} member_ref;

static int cmp_ref_doc(const void *x, const void *y)
{
	const member_ref *p = x, *q = y;
	return p->doc < q->doc ? -1 : p->doc > q->doc;
}

static void free_texts(member_text **texts, const scd_scan *s)
{
	size_t c, m;

	for (c = 0; texts && c < s->nclusters; c++) {
		for (m = 0; texts[c] && m < s->clusters[c].nmembers; m++)
			free(texts[c][m].t);
		free(texts[c]);
	}
	free(texts);
}

/* Read the members of the scan's clusters: texts[c][m] for cluster c,
 * member m.  Each file is decoded once, with the charset the scan found,
 * and only while its members are copied. */
static int read_members(member_text ***out, const scd_scan *s)
{
	member_text **texts = calloc(s->nclusters ? s->nclusters : 1, sizeof(*texts));
	member_ref *refs = NULL;
	size_t c, m, n = 0, i, j;
	int error = 0;

	if (!texts)
		return scd_error__nomem();
	for (c = 0; c < s->nclusters; c++) {
		if (!(texts[c] = calloc(s->clusters[c].nmembers + 1, sizeof(**texts))))
			goto nomem;
		n += s->clusters[c].nmembers;
	}
	if (!(refs = malloc((n ? n : 1) * sizeof(*refs))))
		goto nomem;
	for (c = n = 0; c < s->nclusters; c++)
		for (m = 0; m < s->clusters[c].nmembers; m++) {
			refs[n].doc = s->clusters[c].members[m].doc;
			refs[n].c = c;
			refs[n++].m = m;
		}
	qsort(refs, n, sizeof(*refs), cmp_ref_doc);
	for (i = 0; i < n; i = j) {
		scd_input_options o = SCD_INPUT_OPTIONS_INIT;
		const scd_scan_doc *d = &s->docs[refs[i].doc];
		scd_input *in = NULL;
		const char *t;
		size_t len;

		for (j = i; j < n && refs[j].doc == refs[i].doc; j++)
			;
		o.encoding = d->encoding;
		/* a file changed or gone since the scan only loses its texts */
		if (d->error || scd_input_read(&in, d->path, &o) < 0)
			continue;
		t = scd_input_text(in, &len);
		for (; i < j; i++) {
			const scd_scan_member *x = &s->clusters[refs[i].c].members[refs[i].m];
			member_text *mt = &texts[refs[i].c][refs[i].m];
			uint32_t b = text_offset(in, len, x->span[0]);
			uint32_t e = text_offset(in, len, x->span[1]);
			if (!(mt->t = malloc(e - b + 1))) {
				scd_input_free(in);
				goto nomem;
			}
			memcpy(mt->t, t + b, e - b);
			mt->len = e - b;
		}
		scd_input_free(in);
	}
	free(refs);
	*out = texts;
	return 0;
nomem:
	error = scd_error__nomem();
	free(refs);
	free_texts(texts, s);
	return error;
}

static int cmp_b(const void *x, const void *y)
{
	const scd_difference *p = x, *q = y;
	return p->b.beg < q->b.beg ? -1 : p->b.beg > q->b.beg;
}

/* Member `x`'s text as pieces, and its differences from the canonical
 * text (in `canon`) as "x":[entries], in the member's order. */
static int member_pieces(FILE *f, const scd_input *canon, const member_text *mt,
			 int is_canonical)
{
	const unsigned int show = SCD_SHOW_ALL & ~SCD_SHOW(SCD_KIND_LAYOUT);
	scd_input *other = NULL;
	scd_diff *d = NULL;
	scd_difference *v = NULL;
	scd_range whole = { 0, (uint32_t)mt->len };
	size_t i, n = 0;
	int error;

	if (is_canonical) {
		fputs(",\"t\":", f);
		scd_html__side(f, mt->t, whole, NULL, 0, 0, 0, 1, NULL, 0);
		return 0;
	}
	if ((error = scd_input_from_memory(&other, "member", mt->t, mt->len, NULL)) < 0 ||
	    (error = scd_diff_inputs(&d, canon, other, NULL)) < 0)
		goto done;
	/* the member's side in its own order (passages may cross) */
	if (d->ndiffs && !(v = malloc(d->ndiffs * sizeof(*v)))) {
		error = scd_error__nomem();
		goto done;
	}
	for (i = 0; i < d->ndiffs; i++)
		if (show & SCD_SHOW(d->diffs[i].kind))
			v[n++] = d->diffs[i];
	qsort(v, n, sizeof(*v), cmp_b);
	fputs(",\"t\":", f);
	scd_html__side(f, scd_input_text(other, NULL), whole, v, n, 0, show, 1,
		       d->unmatched_b, d->nunmatched_b);
	fputs(",\"x\":[", f);
	for (i = 0; i < n; i++) {
		fputs(i ? "," : "", f);
		scd_html__difference(f, &v[i], NULL, NULL, scd_input_text(canon, NULL));
	}
	fputc(']', f);
done:
	free(v);
	scd_diff_free(d);
	scd_input_free(other);
	return error;
}

static int html_cluster(FILE *f, const scd_scan *s, const scd_scan_cluster *c,
			const member_text *texts)
{
	const scd_scan_member *cm = &c->members[c->canonical_member];
	scd_input *canon = NULL;
	size_t m;
	int k, error = 0;

	fprintf(f, "{\"id\":%zu,\"docs\":%zu,\"n\":%zu,\"sim\":", c->id, c->ndocs, cm->chars);
	scd_report__json_fraction(f, c->similarity);
	fputs(",\"counts\":[", f);
	for (k = 0; k < SCD_KIND__COUNT; k++)
		fprintf(f, "%s%zu", k ? "," : "", c->counts[k]);
	fputs("],\"canonical\":", f);
	scd_json__cstring(f, c->canonical, SCD_JSON_HTML);
	if (texts && texts[c->canonical_member].t &&
	    (error = scd_input_from_memory(&canon, "canonical", texts[c->canonical_member].t,
					   texts[c->canonical_member].len, NULL)) < 0)
		return error;
	fputs(",\"members\":[", f);
	for (m = 0; m < c->nmembers && error == 0; m++) {
		const scd_scan_member *x = &c->members[m];
		fprintf(f, "%s{\"d\":%zu,\"s\":[%zu,%zu],\"l\":[%zu,%zu],\"n\":%zu,\"sim\":",
			m ? ",\n" : "\n", x->doc, x->span[0], x->span[1], x->lines[0],
			x->lines[1], x->chars);
		scd_report__json_fraction(f, x->similarity);
		fprintf(f, ",\"c\":%d", m == c->canonical_member);
		if (canon && texts[m].t)
			error = member_pieces(f, canon, &texts[m], m == c->canonical_member);
		fputc('}', f);
	}
	fputs("]}", f);
	scd_input_free(canon);
	(void)s;
	return error;
}

int scd_report_html_scan(FILE *f, const scd_scan *s)
{
	member_text **texts = NULL;
	size_t i;
	int k, error;

	if ((error = read_members(&texts, s)) < 0)
		return error;
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
		error = html_cluster(f, s, &s->clusters[i], texts[i]);
	}
	fputs("],\n\"boilerplate\":[", f);
	for (i = 0; i < s->nboilerplate && error == 0; i++) {
		fputs(i ? ",\n" : "\n", f);
		error = html_cluster(f, s, &s->boilerplate[i], NULL);
	}
	fputs("]}\n", f);
	free_texts(texts, s);
	if (error < 0)
		return error;
	return scd_html__page_end(f, scd_html__scan_js);
}
