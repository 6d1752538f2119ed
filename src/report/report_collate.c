/*
 * The report of a collation (report.h): the JSON document of
 * docs/json-report.md and the terminal table.  As in report.c, every
 * position is converted here from text offsets to the original files'
 * byte offsets and line numbers.
 */
#include <stdio.h>
#include <string.h>

#include "scodiff/report.h"
#include "util/error.h"
#include "report/json.h"
#include "report/report_util.h"

/* Kinds in the order the summaries give them (layout never makes a
 * place, readings close it up). */
static const scd_kind kind_order[] = { SCD_KIND_EDIT, SCD_KIND_OCR, SCD_KIND_VARIANT,
				       SCD_KIND_PUNCT, SCD_KIND_WIDTH };
#define NKINDS (sizeof(kind_order) / sizeof(kind_order[0]))

static const char *path_of(const scd_collation *c, size_t w)
{
	return scd_input_path(c->inputs[w]);
}

/* ---- JSON --------------------------------------------------------------- */

static void json_witness(FILE *f, const scd_collation *c, size_t w)
{
	const scd_input *in = c->inputs[w], *pv = c->inputs[c->pivot];
	const scd_witness *x = &c->witnesses[w];
	size_t i;

	fputs(w ? ",\n{\"path\":" : "\n{\"path\":", f);
	scd_json__cstring(f, scd_input_path(in), SCD_JSON_PLAIN);
	fprintf(f, ",\"bytes\":%zu,\"encoding\":", scd_input_size(in));
	scd_json__cstring(f, scd_input_encoding(in), SCD_JSON_PLAIN);
	fputs(",\"similarity\":", f);
	scd_report__json_fraction(f, x->similarity);
	fputs(",\"absent\":[", f);
	for (i = 0; i < x->nabsent; i++) {
		if (i)
			fputc(',', f);
		scd_report__json_span(f, pv, x->absent[i]);
	}
	fputs("]}", f);
}

static void json_reading(FILE *f, const scd_collation *c, const scd_place *p,
			 size_t r)
{
	const scd_reading *x = &p->readings[r];
	size_t i;

	fputs(r ? ",{\"text\":" : "{\"text\":", f);
	scd_json__cstring(f, x->text, SCD_JSON_PLAIN);
	fputs(",\"witnesses\":[", f);
	for (i = 0; i < x->nwitnesses; i++) {
		const scd_attestation *a = &x->witnesses[i];
		const scd_input *in = c->inputs[a->witness];
		fprintf(f, "%s{\"index\":%zu,\"span\":", i ? "," : "", a->witness);
		scd_report__json_span(f, in, a->span);
		fputs(",\"lines\":", f);
		scd_report__json_lines(f, in, a->span);
		fputc('}', f);
	}
	fputc(']', f);
	if (r == 0) {
		fputs(",\"consensus\":true}", f);
		return;
	}
	fprintf(f, ",\"kind\":\"%s\"", scd_kind_name(x->kind));
	if (x->reason) {
		fputs(",\"reason\":", f);
		scd_json__cstring(f, x->reason, SCD_JSON_PLAIN);
	}
	if (x->confidence > 0) {
		fputs(",\"confidence\":", f);
		scd_report__json_fraction(f, x->confidence);
	}
	fputs(",\"suggest\":", f);
	scd_json__cstring(f, p->readings[0].text, SCD_JSON_PLAIN);
	fputc('}', f);
}

int scd_report_collate_json(FILE *f, const scd_collation *c)
{
	const scd_input *pv = c->inputs[c->pivot];
	size_t i, j;

	fprintf(f, "{\"version\":%d,\n\"witnesses\":[", SCD_REPORT_JSON_VERSION);
	for (i = 0; i < c->ninputs; i++)
		json_witness(f, c, i);
	fprintf(f, "],\n\"pivot\":%zu,\n\"counts\":{", c->pivot);
	for (i = 0; i < SCD_KIND__COUNT; i++)
		fprintf(f, "%s\"%s\":%zu", i ? "," : "", scd_kind_name((scd_kind)i),
			c->counts[i]);
	fputs("},\n\"places\":[", f);
	for (i = 0; i < c->nplaces; i++) {
		const scd_place *p = &c->places[i];
		fputs(i ? ",\n{\"span\":" : "\n{\"span\":", f);
		scd_report__json_span(f, pv, p->span);
		fputs(",\"lines\":", f);
		scd_report__json_lines(f, pv, p->span);
		fputs(",\"consensus\":", f);
		scd_json__cstring(f, p->readings[0].text, SCD_JSON_PLAIN);
		fprintf(f, ",\"decided\":\"%s\",\"readings\":[", scd_decided_name(p->decided));
		for (j = 0; j < p->nreadings; j++)
			json_reading(f, c, p, j);
		fputs("],\"absent\":[", f);
		for (j = 0; j < p->nabsent; j++)
			fprintf(f, "%s%zu", j ? "," : "", p->absent[j]);
		fputs("]}", f);
	}
	fputs("],\n\"additions\":[", f);
	for (i = 0; i < c->nadditions; i++) {
		const scd_addition *x = &c->additions[i];
		const scd_input *in = c->inputs[x->witness];
		scd_range at = { x->at, x->at };
		fprintf(f, "%s{\"witness\":%zu,\"span\":", i ? ",\n" : "\n", x->witness);
		scd_report__json_span(f, in, x->span);
		fputs(",\"lines\":", f);
		scd_report__json_lines(f, in, x->span);
		fputs(",\"at\":", f);
		scd_report__json_span(f, pv, at);
		fprintf(f, ",\"at_line\":%zu,\"text\":", scd_input_line(pv, x->at));
		scd_json__string(f, scd_input_text(in, NULL) + x->span.beg,
				 x->span.end - x->span.beg, SCD_JSON_PLAIN);
		fputc('}', f);
	}
	fputs("],\n\"canonical\":", f);
	scd_json__string(f, c->canonical, c->canonical_len, SCD_JSON_PLAIN);
	fputs("}\n", f);
	return ferror(f) ? scd_error__set(SCD_EIO, "write error") : 0;
}

/* ---- terminal ----------------------------------------------------------- */

/* Characters of the ranges r[0..n) of text t. */
static size_t chars_in(const char *t, const scd_range *r, size_t n)
{
	size_t i, sum = 0;

	for (i = 0; i < n; i++)
		sum += scd_report__nchars(t, r[i].beg, r[i].end);
	return sum;
}

static void head(FILE *f, const scd_collation *c, const scd_report__palette *p)
{
	const char *tp = scd_input_text(c->inputs[c->pivot], NULL);
	size_t w, k, nabsent = 0;

	for (w = 0; w < c->ninputs; w++) {
		const scd_input *in = c->inputs[w];
		const scd_witness *x = &c->witnesses[w];
		fprintf(f, "%switness %zu: ", p->head, w + 1);
		scd_report__name(f, scd_input_path(in));
		fprintf(f, "%s (%s, %zu bytes)", p->off, scd_input_encoding(in), scd_input_size(in));
		if (w == c->pivot) {
			fputs(" · pivot\n", f);
			continue;
		}
		fprintf(f, " · similarity %.3f", x->similarity);
		if (x->nabsent)
			fprintf(f, " · lacks %zu chars of the pivot in %zu place%s",
				chars_in(tp, x->absent, x->nabsent), x->nabsent,
				x->nabsent == 1 ? "" : "s");
		fputc('\n', f);
		nabsent += x->nabsent;
	}
	fprintf(f, "%zu witnesses · %zu place%s", c->ninputs, c->nplaces,
		c->nplaces == 1 ? "" : "s");
	for (k = 0; k < NKINDS; k++)
		fprintf(f, " · %s %zu", scd_kind_name(kind_order[k]), c->counts[kind_order[k]]);
	fprintf(f, " · %zu addition%s · %zu absence%s\n", c->nadditions,
		c->nadditions == 1 ? "" : "s", nabsent, nabsent == 1 ? "" : "s");
}

static void reading_line(FILE *f, const scd_collation *c, const scd_place *p,
			 size_t r, const scd_report__palette *pal)
{
	const scd_reading *x = &p->readings[r];
	size_t i;

	fprintf(f, "  %s %s", r ? "≠" : "=", r ? pal->del : pal->ins);
	if (x->text[0])
		scd_report__snippet(f, x->text, 0, (uint32_t)strlen(x->text), 60, 0);
	else
		fputs("(none)", f);
	fputs(pal->off, f);
	fputs("  ", f);
	for (i = 0; i < x->nwitnesses; i++) {
		const scd_attestation *a = &x->witnesses[i];
		fputs(i ? ", " : "", f);
		scd_report__name(f, path_of(c, a->witness));
		fputc(':', f);
		scd_report__where(f, c->inputs[a->witness], a->span);
	}
	if (r) {
		fprintf(f, "  %s", scd_kind_name(x->kind));
		if (x->reason)
			fprintf(f, " (%s)", x->reason);
		if (x->confidence > 0)
			fprintf(f, " (%.2f)", x->confidence);
	}
	fputc('\n', f);
}

static void place(FILE *f, const scd_collation *c, const scd_place *p,
		  const scd_report_options *o, const scd_report__palette *pal)
{
	const scd_input *pv = c->inputs[c->pivot];
	size_t len, i;
	const char *t = scd_input_text(pv, &len);
	uint32_t to = (uint32_t)(p->span.end + 4 * o->context < len ? p->span.end + 4 * o->context : len);

	fprintf(f, "\n%s@@ ", pal->head);
	scd_report__name(f, path_of(c, c->pivot));
	fputc(':', f);
	scd_report__where(f, pv, p->span);
	fprintf(f, " @@%s  %s", pal->off, pal->dim);
	scd_report__snippet(f, t, p->span.beg > 4 * o->context ? p->span.beg - 4 * o->context : 0,
			    p->span.beg, o->context, 1);
	fprintf(f, "%s%s[", pal->off, pal->ins);
	scd_report__snippet(f, p->readings[0].text, 0, (uint32_t)strlen(p->readings[0].text), 60, 0);
	fprintf(f, "]%s%s", pal->off, pal->dim);
	scd_report__snippet(f, t, p->span.end, to, o->context, 0);
	fprintf(f, "%s\n", pal->off);
	for (i = 0; i < p->nreadings; i++)
		reading_line(f, c, p, i, pal);
	if (p->nabsent) {
		fputs("  absent:", f);
		for (i = 0; i < p->nabsent; i++) {
			fputs(i ? ", " : " ", f);
			scd_report__name(f, path_of(c, p->absent[i]));
		}
		fputc('\n', f);
	}
	if (p->decided != SCD_DECIDED_MAJORITY)
		fprintf(f, "  (a tie, decided by %s)\n",
			p->decided == SCD_DECIDED_EVIDENCE ? "the evidence" : "the order of the files");
}

/* One passage: "lines l1-l2 (n chars)  text…". */
static void passage(FILE *f, const scd_input *in, scd_range r, const char *color,
		    const char *off)
{
	const char *t = scd_input_text(in, NULL);

	fprintf(f, "lines %zu-%zu (%zu chars)  %s", scd_input_line(in, r.beg),
		scd_input_line(in, r.end > r.beg ? r.end - 1 : r.beg),
		scd_report__nchars(t, r.beg, r.end), color);
	scd_report__snippet(f, t, r.beg, r.end, 40, 0);
	fprintf(f, "%s\n", off);
}

int scd_report_collate_text(FILE *f, const scd_collation *c,
			    const scd_report_options *opts)
{
	scd_report_options o = SCD_REPORT_OPTIONS_INIT;
	const scd_report__palette *pal;
	const scd_input *pv = c->inputs[c->pivot];
	size_t i, w;

	if (opts)
		o = *opts;
	pal = o.color ? &scd_report__colors : &scd_report__plain;
	head(f, c, pal);
	for (i = 0; i < c->nplaces; i++)
		place(f, c, &c->places[i], &o, pal);
	for (i = 0; i < c->nadditions; i++) {
		const scd_addition *x = &c->additions[i];
		if (i == 0 || x->witness != c->additions[i - 1].witness) {
			fprintf(f, "\n%sonly in ", pal->head);
			scd_report__name(f, path_of(c, x->witness));
			fprintf(f, " (not in the pivot):%s\n", pal->off);
		}
		fputs("  at ", f);
		scd_report__name(f, path_of(c, c->pivot));
		fprintf(f, ":%zu, ", scd_input_line(pv, x->at));
		passage(f, c->inputs[x->witness], x->span, pal->ins, pal->off);
	}
	for (w = 0; w < c->ninputs; w++) {
		const scd_witness *x = &c->witnesses[w];
		for (i = 0; i < x->nabsent; i++) {
			if (i == 0) {
				fprintf(f, "\n%snot in ", pal->head);
				scd_report__name(f, path_of(c, w));
				fprintf(f, " (text of the pivot it lacks):%s\n", pal->off);
			}
			fputs("  ", f);
			scd_report__name(f, path_of(c, c->pivot));
			fputc(' ', f);
			passage(f, pv, x->absent[i], pal->del, pal->off);
		}
	}
	return ferror(f) ? scd_error__set(SCD_EIO, "write error") : 0;
}
