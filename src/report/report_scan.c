/*
 * Reports of `scodiff scan` (report.h): JSON and the terminal summary.
 * Member positions are already byte offsets and lines of the original
 * files (scan.c's second pass).
 */
#include <stdio.h>
#include <string.h>

#include <unicode/utf8.h>

#include "scodiff/report.h"
#include "report/json.h"
#include "report/report_util.h"
#include "util/error.h"

/* Kinds that tell renderings apart (layout is never counted). */
static const scd_kind scan_kinds[] = {
	SCD_KIND_EDIT, SCD_KIND_OCR, SCD_KIND_VARIANT, SCD_KIND_PUNCT, SCD_KIND_WIDTH
};

static void json_cluster(FILE *f, const scd_scan *s, const scd_scan_cluster *c)
{
	size_t m, k;

	fprintf(f, "{\"id\":%zu,\"canonical\":", c->id);
	scd_json__cstring(f, c->canonical, SCD_JSON_PLAIN);
	fputs(",\"similarity\":", f);
	scd_report__json_fraction(f, c->similarity);
	fprintf(f, ",\"documents\":%zu,\"counts\":{", c->ndocs);
	for (k = 0; k < sizeof(scan_kinds) / sizeof(*scan_kinds); k++)
		fprintf(f, "%s\"%s\":%zu", k ? "," : "", scd_kind_name(scan_kinds[k]),
			c->counts[scan_kinds[k]]);
	fputs("},\"members\":[", f);
	for (m = 0; m < c->nmembers; m++) {
		const scd_scan_member *x = &c->members[m];
		const char *path = s->docs[x->doc].path;
		fputs(m ? ",{\"path\":" : "{\"path\":", f);
		scd_json__cstring(f, path, SCD_JSON_PLAIN);
		fprintf(f, ",\"span\":[%zu,%zu],\"lines\":[%zu,%zu],\"chars\":%zu,\"similarity\":",
			x->span[0], x->span[1], x->lines[0], x->lines[1], x->chars);
		scd_report__json_fraction(f, x->similarity);
		fprintf(f, ",\"canonical\":%s}", m == c->canonical_member ? "true" : "false");
	}
	fputs("]}", f);
}

int scd_report_scan_json(FILE *f, const scd_scan *s)
{
	size_t i;

	fprintf(f, "{\"version\":%d,\"boilerplate_documents\":%zu,\"clusters\":[",
		SCD_REPORT_JSON_VERSION, s->boilerplate_docs);
	for (i = 0; i < s->nclusters; i++) {
		fputs(i ? ",\n" : "\n", f);
		json_cluster(f, s, &s->clusters[i]);
	}
	fputs("],\"boilerplate\":[", f);
	for (i = 0; i < s->nboilerplate; i++) {
		fputs(i ? ",\n" : "\n", f);
		json_cluster(f, s, &s->boilerplate[i]);
	}
	fputs("],\"documents\":[", f);
	for (i = 0; i < s->ndocs; i++) {
		const scd_scan_doc *d = &s->docs[i];
		fputs(i ? ",\n{\"path\":" : "\n{\"path\":", f);
		scd_json__cstring(f, d->path, SCD_JSON_PLAIN);
		fprintf(f, ",\"bytes\":%zu,\"repeated_bytes\":%zu", d->bytes, d->repeated_bytes);
		if (d->encoding) {
			fputs(",\"encoding\":", f);
			scd_json__cstring(f, d->encoding, SCD_JSON_PLAIN);
		}
		if (d->error) {
			fputs(",\"error\":", f);
			scd_json__cstring(f, d->error, SCD_JSON_PLAIN);
		}
		fputc('}', f);
	}
	fputs("]}\n", f);
	return ferror(f) ? scd_error__set(SCD_EIO, "write error") : 0;
}

/* At most max characters of s on one line, "…" when cut, control
 * characters escaped. */
static void shortened(FILE *f, const char *s, size_t max)
{
	size_t i = 0, n = 0, len = strlen(s);

	while (i < len && n < max) {
		UChar32 c;
		U8_NEXT((const uint8_t *)s, i, len, c);
		(void)c;
		n++;
	}
	scd_quote_write(f, s, i, 0);
	if (i < len)
		fputs("…", f);
}

static void text_cluster(FILE *f, const scd_scan *s, const scd_scan_cluster *c,
			 const scd_report__palette *p, size_t max_members)
{
	size_t m, k, shown = 0;

	fprintf(f, "%scluster %zu%s: %zu renderings in %zu document%s, %zu characters",
		p->head, c->id, p->off, c->nmembers, c->ndocs, c->ndocs == 1 ? "" : "s",
		c->members[c->canonical_member].chars);
	if (!c->boilerplate)
		fprintf(f, ", similarity %.3f", c->similarity);
	fputc('\n', f);
	fputs("  ", f);
	shortened(f, c->canonical, 60);
	fputc('\n', f);
	if (!c->boilerplate) {
		fputs("  differ by:", f);
		for (k = 0; k < sizeof(scan_kinds) / sizeof(*scan_kinds); k++)
			fprintf(f, "%s %s %zu", k ? " ·" : "", scd_kind_name(scan_kinds[k]),
				c->counts[scan_kinds[k]]);
		fputc('\n', f);
	}
	for (m = 0; m < c->nmembers && shown < max_members; m++, shown++) {
		const scd_scan_member *x = &c->members[m];
		fprintf(f, "  %s", p->dim);
		scd_report__name(f, s->docs[x->doc].path);
		fprintf(f, ":%zu-%zu%s", x->lines[0], x->lines[1], p->off);
		if (m == c->canonical_member)
			fputs("  (canonical)", f);
		else if (!c->boilerplate)
			fprintf(f, "  %.3f", x->similarity);
		fputc('\n', f);
	}
	if (m < c->nmembers)
		fprintf(f, "  … and %zu more (--json lists them all)\n", c->nmembers - m);
}

int scd_report_scan_text(FILE *f, const scd_scan *s, const scd_report_options *opts)
{
	const scd_report__palette *p = opts && opts->color ? &scd_report__colors : &scd_report__plain;
	size_t i, read = 0;

	for (i = 0; i < s->nclusters; i++) {
		text_cluster(f, s, &s->clusters[i], p, 20);
		fputc('\n', f);
	}
	if (s->nboilerplate) {
		fprintf(f, "%sboilerplate%s: %zu formula%s found in %zu or more documents, collapsed:\n",
			p->head, p->off, s->nboilerplate, s->nboilerplate == 1 ? "" : "e",
			s->boilerplate_docs);
		for (i = 0; i < s->nboilerplate && i < 20; i++) {
			const scd_scan_cluster *c = &s->boilerplate[i];
			fprintf(f, "  %zu documents, %zu places: ", c->ndocs, c->nmembers);
			shortened(f, c->canonical, 40);
			fputc('\n', f);
		}
		if (i < s->nboilerplate)
			fprintf(f, "  … and %zu more, in fewer documents (--json lists them all)\n",
				s->nboilerplate - i);
		fputc('\n', f);
	}
	fprintf(f, "%sdocuments%s (share of the text repeated elsewhere):\n", p->head, p->off);
	for (i = 0; i < s->ndocs; i++) {
		const scd_scan_doc *d = &s->docs[i];
		if (d->error) {
			fputs("  ", f);
			scd_report__name(f, d->path);
			fputs(": skipped: ", f);
			scd_quote_write(f, d->error, strlen(d->error), 0);
			fputc('\n', f);
			continue;
		}
		read++;
		fprintf(f, "  %5.1f%%  ",
			d->bytes ? 100.0 * (double)d->repeated_bytes / (double)d->bytes : 0.0);
		scd_report__name(f, d->path);
		fprintf(f, "  (%zu of %zu bytes)\n", d->repeated_bytes, d->bytes);
	}
	fprintf(f, "%zu cluster%s, %zu boilerplate formula%s in %zu file%s",
		s->nclusters, s->nclusters == 1 ? "" : "s", s->nboilerplate,
		s->nboilerplate == 1 ? "" : "e", read, read == 1 ? "" : "s");
	if (s->nskipped)
		fprintf(f, " (%zu skipped)", s->nskipped);
	fputc('\n', f);
	return ferror(f) ? scd_error__set(SCD_EIO, "write error") : 0;
}
