/*
 * Reports of `scodiff store trace` and `store show` (report.h): JSON and
 * the terminal listings.  Paragraph positions are text offsets of the
 * traced input, turned into its original bytes and lines here; sources
 * and members are already in their witnesses' bytes.
 */
#include <stdio.h>
#include <string.h>

#include "scodiff/collate.h"
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
			fprintf(f, "    %.3f ", s->similarity);
			scd_report__name(f, w->path);
			fprintf(f, ":%zu-%zu [bytes %zu-%zu]", s->lines[0], s->lines[1], s->span[0],
				s->span[1]);
			if (s->statement)
				fprintf(f, "  statement %zu", s->statement);
			fprintf(f, "  %sfirst recorded %.12s, witness %s%s\n", p->dim,
				s->first_commit, w->id, p->off);
		}
	}
	fprintf(f, "%zu of %zu paragraphs have a recorded source\n", traced, t->nparagraphs);
	return ferror(f) ? scd_error__set(SCD_EIO, "write error") : 0;
}

/* ---- store show --------------------------------------------------------- */

int scd_report_statement_json(FILE *f, const scd_store_shown *sh)
{
	const scd_store_statement *st = sh->statement;
	size_t i;

	/* controls as \u00xx: the form this document has always had */
	fprintf(f, "{\"version\":%d,\"statement\":%zu,\"canonical\":",
		SCD_REPORT_JSON_VERSION, st->number);
	scd_json__cstring(f, st->canonical, SCD_JSON_HEX_CONTROLS);
	fputs(",\"witnesses\":[", f);
	for (i = 0; i < st->nmembers; i++) {
		const scd_store_shown_member *m = &sh->members[i];
		fprintf(f, "%s{\"witness\":\"%s\",\"path\":", i ? "," : "", m->member->witness);
		scd_json__cstring(f, m->witness.path, SCD_JSON_HEX_CONTROLS);
		fprintf(f, ",\"span\":[%zu,%zu],\"lines\":[%zu,%zu],\"similarity\":%.3f,"
			"\"first_commit\":\"%s\"}", m->member->span[0], m->member->span[1],
			m->member->lines[0], m->member->lines[1], m->member->similarity,
			m->first_commit);
	}
	fputs("]}\n", f);
	return ferror(f) ? scd_error__set(SCD_EIO, "write error") : 0;
}

/* The places where the members read differently: each reading with the
 * witnesses giving it (no positions: those of the collation are in the
 * members' passages, not in the files; the members' byte ranges are
 * above). */
static void statement_readings(FILE *f, const scd_store_shown *sh)
{
	const scd_collation *col = sh->collation;
	size_t i, j, k;

	fprintf(f, "\nreadings (%zu place%s where the witnesses differ):\n", col->nplaces,
		col->nplaces == 1 ? "" : "s");
	for (i = 0; i < col->nplaces; i++) {
		const scd_place *p = &col->places[i];
		for (j = 0; j < p->nreadings; j++) {
			const scd_reading *r = &p->readings[j];
			if (j)
				fprintf(f, "       %-8s «", scd_kind_name(r->kind));
			else
				fprintf(f, "  %3zu  %-8s «", i + 1, scd_decided_name(p->decided));
			scd_quote_write(f, r->text, strlen(r->text), 0);
			fputs("»  in", f);
			for (k = 0; k < r->nwitnesses; k++)
				fprintf(f, " %s", sh->members[r->witnesses[k].witness].member->witness);
			fputc('\n', f);
		}
	}
	if (col->nadditions)
		fprintf(f, "  (%zu passage%s only some witnesses have: see the members' ranges)\n",
			col->nadditions, col->nadditions == 1 ? "" : "s");
}

int scd_report_statement_text(FILE *f, const scd_store_shown *sh)
{
	const scd_store_statement *st = sh->statement;
	size_t i;

	fprintf(f, "statement %zu: %zu witness%s\n\n", st->number, st->nmembers,
		st->nmembers == 1 ? "" : "es");
	scd_quote_write(f, st->canonical, strlen(st->canonical), SCD_QUOTE_LINES);
	fputs("\n\nwitnesses:\n", f);
	for (i = 0; i < st->nmembers; i++) {
		const scd_store_shown_member *m = &sh->members[i];
		fprintf(f, "  %s ", m->member->witness);
		scd_report__name(f, m->witness.path);
		fprintf(f, ":%zu-%zu [bytes %zu-%zu] similarity %.3f, first recorded %.12s\n",
			m->member->lines[0],
			m->member->lines[1], m->member->span[0], m->member->span[1],
			m->member->similarity, m->first_commit);
	}
	if (sh->collation)
		statement_readings(f, sh);
	return ferror(f) ? scd_error__set(SCD_EIO, "write error") : 0;
}
