/*
 * Reports of `scodiff store trace` (report.h): JSON and the terminal
 * listing.  Paragraph positions are text offsets of the traced input,
 * turned into its original bytes and lines here; sources are already in
 * their witnesses' bytes.
 */
#include <stdio.h>
#include <string.h>

#include "scodiff/report.h"
#include "report/json.h"
#include "report/report_util.h"
#include "util/error.h"

int scd_report_trace_json(FILE *f, const scd_store_trace *t, const char *store,
			  const char *commit)
{
	const char *path = scd_input_path(t->input);
	size_t i, j;

	fputs("{\"version\":1,\"input\":", f);
	scd_json__cstring(f, path, SCD_JSON_PLAIN);
	fputs(",\"store\":", f);
	scd_json__cstring(f, store, SCD_JSON_PLAIN);
	fprintf(f, ",\"commit\":\"%s\",\"paragraphs\":[", commit);
	for (i = 0; i < t->nparagraphs; i++) {
		const scd_store_paragraph *p = &t->paragraphs[i];
		fputs(i ? ",\n{\"span\":" : "\n{\"span\":", f);
		scd_report__json_span(f, t->input, p->text);
		fputs(",\"lines\":", f);
		scd_report__json_lines(f, t->input, p->text);
		fputs(",\"sources\":[", f);
		for (j = 0; j < p->nsources; j++) {
			const scd_store_source *s = &p->sources[j];
			const scd_store_witness *w = &t->witnesses[s->witness_index];
			fputs(j ? ",{\"path\":" : "{\"path\":", f);
			scd_json__cstring(f, w->path, SCD_JSON_PLAIN);
			fprintf(f, ",\"witness\":\"%s\",\"span\":[%zu,%zu],\"lines\":[%zu,%zu],"
				"\"similarity\":", w->id, s->span[0], s->span[1], s->lines[0],
				s->lines[1]);
			scd_report__json_fraction(f, s->similarity);
			if (s->statement)
				fprintf(f, ",\"statement\":%zu", s->statement);
			else
				fputs(",\"statement\":null", f);
			fprintf(f, ",\"first_commit\":\"%s\"}", s->first_commit);
		}
		fputs("]}", f);
	}
	fputs("]}\n", f);
	return ferror(f) ? scd_error__set(SCD_EIO, "write error") : 0;
}

int scd_report_trace_text(FILE *f, const scd_store_trace *t,
			  const scd_report_options *opts)
{
	const scd_report__palette *p = opts && opts->color ? &scd_report__colors
							    : &scd_report__plain;
	const char *text;
	size_t len, i, j, traced = 0;

	text = scd_input_text(t->input, &len);
	for (i = 0; i < t->nparagraphs; i++) {
		const scd_store_paragraph *para = &t->paragraphs[i];
		size_t l1 = scd_input_line(t->input, para->text.beg);
		size_t l2 = scd_input_line(t->input, para->text.end - 1);
		traced += para->nsources > 0;
		fprintf(f, "%s¶%zu%s lines %zu-%zu  %s", p->head, i + 1, p->off, l1, l2, p->dim);
		scd_report__snippet(f, text, para->text.beg, para->text.end, 24, 0);
		fprintf(f, "%s\n", p->off);
		if (!para->nsources)
			fputs("    (no recorded source)\n", f);
		for (j = 0; j < para->nsources; j++) {
			const scd_store_source *s = &para->sources[j];
			const scd_store_witness *w = &t->witnesses[s->witness_index];
			fprintf(f, "    %.3f %s:%zu-%zu [bytes %zu-%zu]", s->similarity, w->path,
				s->lines[0], s->lines[1], s->span[0], s->span[1]);
			if (s->statement)
				fprintf(f, "  statement %zu", s->statement);
			fprintf(f, "  %sfirst recorded %.12s, witness %s%s\n", p->dim,
				s->first_commit, w->id, p->off);
		}
	}
	fprintf(f, "%zu of %zu paragraphs have a recorded source\n", traced, t->nparagraphs);
	return ferror(f) ? scd_error__set(SCD_EIO, "write error") : 0;
}
