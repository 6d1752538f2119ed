/*
 * Reports of `scodiff clean` (clean.h): every change with its kind, place
 * in the original file, the text before and after, and why — as JSON or
 * one line per change for a terminal.
 */
#include <stdio.h>
#include <string.h>

#include "scodiff/clean.h"
#include "report/json.h"
#include "report/report_util.h"
#include "util/error.h"

int scd_report_clean_json(FILE *f, const scd_clean *c)
{
	const scd_input *in = c->input;
	const char *t = scd_input_text(in, NULL), *path = scd_input_path(in);
	size_t i;
	int k;

	fputs("{\"version\":1,\"path\":", f);
	scd_json__cstring(f, path, SCD_JSON_PLAIN);
	fputs(",\"encoding\":", f);
	scd_json__cstring(f, scd_input_encoding(in), SCD_JSON_PLAIN);
	fputs(",\"counts\":{", f);
	for (k = 0; k < SCD_CLEAN__COUNT; k++)
		fprintf(f, "%s\"%s\":%zu", k ? "," : "", scd_clean_kind_name((scd_clean_kind)k),
			c->counts[k]);
	fprintf(f, "},\"review\":%zu,\"changes\":[", c->review);
	for (i = 0; i < c->nchanges; i++) {
		const scd_clean_change *ch = &c->changes[i];
		fprintf(f, "%s{\"kind\":\"%s\",\"applied\":%s,\"span\":", i ? ",\n" : "\n",
			scd_clean_kind_name(ch->kind), ch->applied ? "true" : "false");
		scd_report__json_span(f, in, ch->span);
		fputs(",\"lines\":", f);
		scd_report__json_lines(f, in, ch->span);
		fprintf(f, ",\"column\":%zu,\"original\":", scd_input_column(in, ch->span.beg));
		scd_json__string(f, t + ch->span.beg, ch->span.end - ch->span.beg, SCD_JSON_PLAIN);
		fputs(",\"replacement\":", f);
		scd_json__cstring(f, ch->text, SCD_JSON_PLAIN);
		fputs(",\"reason\":", f);
		scd_json__cstring(f, ch->reason, SCD_JSON_PLAIN);
		fputs(",\"confidence\":", f);
		scd_report__json_fraction(f, ch->confidence);
		fputc('}', f);
	}
	fputs("]}\n", f);
	return ferror(f) ? scd_error__set(SCD_EIO, "write error") : 0;
}

/* s[0..n) with layout made visible: ␣ for a space, ⇥ for a tab, ↵ for a
 * line break; other control characters escaped. */
static void visible(FILE *f, const char *s, size_t n)
{
	size_t i, run = 0;

	for (i = 0; i < n; i++) {
		const char *sym = s[i] == ' '    ? "\xE2\x90\xA3"  /* ␣ */
				  : s[i] == '\t' ? "\xE2\x87\xA5" /* ⇥ */
				  : s[i] == '\n' ? "\xE2\x86\xB5" /* ↵ */
				  : s[i] == '\r' ? ""
						 : NULL;
		if (!sym)
			continue;
		scd_quote_write(f, s + run, i - run, 0);
		fputs(sym, f);
		run = i + 1;
	}
	scd_quote_write(f, s + run, n - run, 0);
}

int scd_report_clean_text(FILE *f, const scd_clean *c, int color)
{
	const scd_report__palette *p = color ? &scd_report__colors : &scd_report__plain;
	const scd_input *in = c->input;
	const char *t = scd_input_text(in, NULL);
	size_t i, applied = 0;
	int k, first = 1;

	for (i = 0; i < c->nchanges; i++) {
		const scd_clean_change *ch = &c->changes[i];
		fputs(p->head, f);
		scd_report__name(f, scd_input_path(in));
		fputc(':', f);
		scd_report__where(f, in, ch->span);
		fprintf(f, "%s %-7s %s", p->off, scd_clean_kind_name(ch->kind),
			ch->applied ? "" : "[review] ");
		fputs(p->del, f);
		visible(f, t + ch->span.beg, ch->span.end - ch->span.beg);
		fprintf(f, "%s \xE2\x86\x92 %s", p->off, p->ins); /* → */
		if (*ch->text)
			visible(f, ch->text, strlen(ch->text));
		else
			fputs("(nothing)", f);
		fprintf(f, "%s  %s%s", p->off, p->dim, ch->reason);
		if (ch->confidence < 1)
			fprintf(f, " (%.2f)", ch->confidence);
		fprintf(f, "%s\n", p->off);
	}
	for (k = 0; k < SCD_CLEAN__COUNT; k++)
		applied += c->counts[k];
	scd_report__name(f, scd_input_path(in));
	fprintf(f, ": %zu change%s", applied, applied == 1 ? "" : "s");
	for (k = 0; k < SCD_CLEAN__COUNT; k++)
		if (c->counts[k]) {
			fprintf(f, "%s%zu %s", first ? " (" : ", ", c->counts[k],
				scd_clean_kind_name((scd_clean_kind)k));
			first = 0;
		}
	fprintf(f, "%s, %zu listed for review\n", first ? "" : ")", c->review);
	return ferror(f) ? scd_error__set(SCD_EIO, "write error") : 0;
}
