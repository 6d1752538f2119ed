/*
 * The HTML page of `scodiff store trace` (report.h, report_html.h): the
 * traced text paragraph by paragraph, each with its original text (the
 * decoded input at the paragraph's text offsets, line breaks kept), its
 * bytes and lines in the input, and its sources; src/report/html/trace.js
 * colors each paragraph by the witness it came from.
 *
 * A traced file that is itself recorded is its own best source for every
 * paragraph (similarity 1, first among equals), which says nothing about
 * where the text came from.  That witness, the one with the input's very
 * bytes (same size and XXH3-128 as its metadata records), is named in the
 * data as "self" so that the page colors by the best other source; it is
 * still listed among the sources.
 */
#include <stdio.h>
#include <string.h>

#include <xxhash.h>

#include "scodiff/report.h"
#include "report/json.h"
#include "report/report_html.h"
#include "report/report_util.h"

/* Index of the witness holding the input's bytes, or -1. */
static long self_witness(const scd_store_trace *t)
{
	size_t len = scd_input_size(t->input), i;
	XXH128_hash_t x = XXH3_128bits(scd_input_bytes(t->input), len);
	char hex[33];

	snprintf(hex, sizeof(hex), "%016llx%016llx", (unsigned long long)x.high64,
		 (unsigned long long)x.low64);
	for (i = 0; i < t->nwitnesses; i++)
		if (t->witnesses[i].bytes == len && !strcmp(t->witnesses[i].xxh128, hex))
			return (long)i;
	return -1;
}

static void json_str(FILE *f, const char *key, const char *s)
{
	fprintf(f, ",\"%s\":", key);
	scd_json__cstring(f, s, SCD_JSON_HTML);
}

int scd_report_html_trace(FILE *f, const scd_store_trace *t, const char *store)
{
	const scd_input *in = t->input;
	const char *path = scd_input_path(in), *text;
	long self = self_witness(t);
	size_t len, i, j;

	text = scd_input_text(in, &len);
	scd_html__page_begin(f, "trace");
	fprintf(f, "{\"page\":\"trace\",\"version\":%d,\"input\":{\"path\":",
		SCD_REPORT_JSON_VERSION);
	scd_json__cstring(f, path, SCD_JSON_HTML);
	fprintf(f, ",\"bytes\":%zu", scd_input_size(in));
	json_str(f, "encoding", scd_input_encoding(in));
	fprintf(f, ",\"lines\":%zu}", scd_input_line(in, len));
	json_str(f, "store", store);
	json_str(f, "commit", t->commit);
	if (self >= 0)
		fprintf(f, ",\"self\":%ld", self);
	else
		fputs(",\"self\":null", f);
	fputs(",\n\"witnesses\":[", f);
	for (i = 0; i < t->nwitnesses; i++) {
		const scd_store_witness *w = &t->witnesses[i];
		fprintf(f, "%s{\"id\":\"%s\",\"path\":", i ? ",\n" : "\n", w->id);
		scd_json__cstring(f, w->path, SCD_JSON_HTML);
		fprintf(f, ",\"bytes\":%zu", w->bytes);
		json_str(f, "encoding", w->encoding);
		json_str(f, "added", w->added);
		fputc('}', f);
	}
	/* a paragraph: {"s":[bytes],"l":[lines],"t":"its text","src":[[witness,
	 * [bytes],[lines],similarity,statement or null,"first commit"]]} */
	fputs("],\n\"paragraphs\":[", f);
	for (i = 0; i < t->nparagraphs; i++) {
		const scd_store_paragraph *p = &t->paragraphs[i];
		fputs(i ? ",\n{\"s\":" : "\n{\"s\":", f);
		scd_report__json_span(f, in, p->text);
		fputs(",\"l\":", f);
		scd_report__json_lines(f, in, p->text);
		fputs(",\"t\":", f);
		scd_json__string(f, text + p->text.beg, p->text.end - p->text.beg, SCD_JSON_HTML);
		fputs(",\"src\":[", f);
		for (j = 0; j < p->nsources; j++) {
			const scd_store_source *s = &p->sources[j];
			fprintf(f, "%s[%zu,[%zu,%zu],[%zu,%zu],", j ? "," : "", s->witness_index,
				s->span[0], s->span[1], s->lines[0], s->lines[1]);
			scd_report__json_fraction(f, s->similarity);
			if (s->statement)
				fprintf(f, ",%zu", s->statement);
			else
				fputs(",null", f);
			fprintf(f, ",\"%s\"]", s->first_commit);
		}
		fputs("]}", f);
	}
	fputs("]}\n", f);
	return scd_html__page_end(f, scd_html__trace_js);
}
