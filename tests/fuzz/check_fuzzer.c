/*
 * Checking (check.h) and collating (collate.h) up to four arbitrary
 * texts, with their reports.
 *
 * Input: one byte choosing the collation's pivot, then the texts
 * separated by FF FF (ill-formed UTF-8 replaced, fuzz_utf8()).
 * Properties:
 *  - every flag lies inside its text, on character boundaries, with a
 *    kind, a reason and a confidence in [0, 1];
 *  - every place of the collation lies inside the pivot's text, places
 *    are in order and disjoint, each reading's witnesses are valid and
 *    their spans inside their own texts; the canonical text is as long as
 *    it says;
 *  - the reports are written without error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <scodiff.h>
#include "fuzz_util.h"

#define MAX_TEXTS 4

static void check_span(const scd_input *in, scd_range r)
{
	size_t len;
	const char *t = scd_input_text(in, &len);

	FUZZ_CHECK(r.beg <= r.end && r.end <= len);
	FUZZ_CHECK(fuzz_on_boundary(t, len, r.beg) && fuzz_on_boundary(t, len, r.end));
}

static void check_flags(const scd_check *c, scd_input *const *in, size_t n)
{
	size_t i;

	for (i = 0; i < c->nflags; i++) {
		const scd_flag *f = &c->flags[i];
		FUZZ_CHECK(f->input < n);
		check_span(in[f->input], f->span);
		FUZZ_CHECK(f->span.beg < f->span.end);
		FUZZ_CHECK(f->kind < SCD_KIND__COUNT && f->reason != NULL);
		FUZZ_CHECK(f->confidence >= 0 && f->confidence <= 1);
		FUZZ_CHECK(memchr(f->suggest, '\0', sizeof(f->suggest)) != NULL);
		if (i > 0)
			FUZZ_CHECK(c->flags[i - 1].input < f->input ||
				   (c->flags[i - 1].input == f->input &&
				    c->flags[i - 1].span.beg <= f->span.beg));
	}
}

static void check_collation(const scd_collation *c, scd_input *const *in, size_t n)
{
	size_t i, r, w;

	FUZZ_CHECK(c->ninputs == n && c->pivot < n);
	FUZZ_CHECK(c->canonical != NULL && strlen(c->canonical) == c->canonical_len);
	for (i = 0; i < c->nplaces; i++) {
		const scd_place *p = &c->places[i];
		check_span(in[c->pivot], p->span);
		FUZZ_CHECK(i == 0 || c->places[i - 1].span.end <= p->span.beg);
		FUZZ_CHECK(p->nreadings >= 1);
		for (r = 0; r < p->nreadings; r++) {
			const scd_reading *x = &p->readings[r];
			FUZZ_CHECK(x->text != NULL);
			for (w = 0; w < x->nwitnesses; w++) {
				FUZZ_CHECK(x->witnesses[w].witness < n);
				check_span(in[x->witnesses[w].witness], x->witnesses[w].span);
			}
		}
		for (w = 0; w < p->nabsent; w++)
			FUZZ_CHECK(p->absent[w] < n);
	}
	for (i = 0; i < c->nadditions; i++) {
		const scd_addition *x = &c->additions[i];
		size_t plen;
		FUZZ_CHECK(x->witness < n);
		check_span(in[x->witness], x->span);
		scd_input_text(in[c->pivot], &plen);
		FUZZ_CHECK(x->at <= plen);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	scd_collate_options co = SCD_COLLATE_OPTIONS_INIT;
	scd_report_options ro = SCD_REPORT_OPTIONS_INIT;
	const uint8_t *part[MAX_TEXTS];
	size_t len[MAX_TEXTS], n, i;
	scd_input *in[MAX_TEXTS];
	scd_check *chk = NULL;
	scd_collation *col = NULL;
	FILE *f;

	if (size == 0)
		return 0;
	n = fuzz_split(part, len, MAX_TEXTS, data + 1, size - 1);
	co.pivot = (data[0] & 7) < n ? (int)(data[0] & 7) : -1;
	for (i = 0; i < n; i++) {
		char name[32], *text;
		size_t tl;
		snprintf(name, sizeof(name), "t%zu.txt", i);
		text = fuzz_utf8(part[i], len[i], &tl);
		FUZZ_CHECK(scd_input_from_memory(&in[i], name, text, tl, NULL) == 0);
		free(text);
	}
	FUZZ_CHECK(scd_check_inputs(&chk, in, n, NULL) == 0);
	check_flags(chk, in, n);
	FUZZ_CHECK(scd_collate_inputs(&col, in, n, &co) == 0);
	check_collation(col, in, n);

	f = fuzz_sink_open();
	FUZZ_CHECK(scd_report_check_text(f, chk, in, n, &ro) == 0);
	FUZZ_CHECK(scd_report_check_json(f, chk, in, n) == 0);
	FUZZ_CHECK(scd_report_collate_text(f, col, &ro) == 0);
	FUZZ_CHECK(scd_report_collate_json(f, col) == 0);
	fuzz_sink_close(f);
	scd_check_free(chk);
	scd_collation_free(col);
	for (i = 0; i < n; i++)
		scd_input_free(in[i]);
	return 0;
}
