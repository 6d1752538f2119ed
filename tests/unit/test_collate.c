/*
 * Unit tests of collate.c, on renderings of a corpus passage made in
 * memory with different slips in each: the consensus is the majority's
 * reading and the canonical text the clean passage, whichever witness the
 * alignment hangs on; places sit at the pivot's right offsets; a tie goes
 * to the evidence, not to the order of the files; a witness lacking a
 * paragraph does not vote there; offsets map back into GB18030 bytes and
 * through spaced, re-wrapped text.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scodiff.h"
#include "util.h"

#define OUTCOMES SCD_CORPORA "/tianjin-eight-outcomes-2025.txt"
#define MAXW 4

/* What one test builds, released by the teardown even when an assertion
 * leaves the test early (the sanitizer build reports leaks). */
typedef struct {
	char *corpus;
	char *text[MAXW];
	scd_input *in[MAXW];
	size_t n;
	scd_collation *c;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	size_t len;

	assert_non_null(f);
	f->corpus = util_slurp(OUTCOMES, &len);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	size_t i;

	scd_collation_free(f->c);
	for (i = 0; i < MAXW; i++) {
		scd_input_free(f->in[i]);
		free(f->text[i]);
	}
	free(f->corpus);
	free(f);
	return 0;
}

/* Line `no` (1-based) of the corpus file, malloc'd, with 路劲 (the slip
 * the corpus prints in line 51) put right. */
static char *corpus_line(const fixture *f, int no)
{
	const char *p = f->corpus, *e, *slip;
	char *r;

	while (--no > 0) {
		p = strchr(p, '\n');
		assert_non_null(p);
		p++;
	}
	e = strchr(p, '\n');
	assert_non_null(e);
	r = util_strndup(p, (size_t)(e - p));
	if ((slip = strstr(r, "路劲")))
		memcpy(r + (slip - r), "路径", strlen("路径"));
	return r;
}

/* s with the first `from` replaced by `to` (malloc'd). */
static char *replace(const char *s, const char *from, const char *to)
{
	return util_replace_first(s, strlen(s), from, to, NULL);
}

static char *join3(const char *a, const char *b, const char *c)
{
	size_t n = strlen(a) + strlen(b) + strlen(c) + 8;
	char *r = malloc(n);

	assert_non_null(r);
	snprintf(r, n, "%s\n\n%s\n\n%s\n", a, b, c);
	return r;
}

/* Witness i: text t (taken over) as input named `name`. */
static void witness(fixture *f, size_t i, const char *name, char *t)
{
	f->text[i] = t;
	f->in[i] = util_input(name, t, strlen(t));
	if (f->n <= i)
		f->n = i + 1;
}

static void collate(fixture *f, int pivot)
{
	scd_collate_options o = SCD_COLLATE_OPTIONS_INIT;

	o.pivot = pivot;
	scd_collation_free(f->c);
	f->c = NULL;
	assert_int_equal(scd_collate_inputs(&f->c, f->in, f->n, &o), 0);
	assert_non_null(f->c);
}

/* The place whose consensus or some reading is `text`, or NULL. */
static const scd_place *place_with(const scd_collation *c, const char *text)
{
	size_t i, j;

	for (i = 0; i < c->nplaces; i++)
		for (j = 0; j < c->places[i].nreadings; j++)
			if (!strcmp(c->places[i].readings[j].text, text))
				return &c->places[i];
	return NULL;
}

/* Text offset of the first `needle` in witness i's decoded text. */
static uint32_t offset_of(const fixture *f, size_t i, const char *needle)
{
	size_t len;
	const char *t = scd_input_text(f->in[i], &len);
	const char *at = strstr(t, needle); /* util_input texts end in '\n' */

	assert_non_null(at);
	assert_true((size_t)(at - t) < len);
	return (uint32_t)(at - t);
}

/* The clean passage: three paragraphs of the corpus. */
static char *clean(const fixture *f)
{
	char *p1 = corpus_line(f, 45), *p2 = corpus_line(f, 51), *p3 = corpus_line(f, 53);
	char *r = join3(p1, p2, p3);

	free(p1);
	free(p2);
	free(p3);
	return r;
}

/* Three renderings, a slip or two in each but never the same one. */
static void three_renderings(fixture *f)
{
	char *ok = clean(f), *t;

	witness(f, 0, "clean.txt", ok);
	witness(f, 1, "variant.txt", replace(ok, "共同书写", "共同書写"));
	t = replace(ok, "路径", "路劲");
	witness(f, 2, "slips.txt", replace(t, "首要前提", "首首要前提"));
	free(t);
}

static void majority_reading_and_canonical_text(void **state)
{
	fixture *f = *state;
	const scd_place *p;
	const scd_reading *r;

	three_renderings(f);
	collate(f, -1);
	/* the clean rendering is nearest to both others */
	assert_int_equal(f->c->pivot, 0);
	assert_int_equal(f->c->nplaces, 3);
	assert_string_equal(f->c->canonical, f->text[0]);
	assert_int_equal(f->c->canonical_len, strlen(f->text[0]));

	/* 路劲 against 路径 twice: 径 at its offset in the pivot */
	p = place_with(f->c, "劲");
	assert_non_null(p);
	assert_string_equal(p->readings[0].text, "径");
	assert_int_equal(p->span.beg, offset_of(f, 0, "径。全球治理是大家"));
	assert_int_equal(p->span.end, p->span.beg + strlen("径"));
	assert_int_equal(p->readings[0].nwitnesses, 2);
	assert_int_equal(p->decided, SCD_DECIDED_MAJORITY);
	r = &p->readings[1];
	assert_int_equal(r->nwitnesses, 1);
	assert_int_equal(r->witnesses[0].witness, 2);
	assert_int_equal(r->witnesses[0].span.beg, offset_of(f, 2, "劲"));
	assert_int_equal(r->kind, SCD_KIND_OCR);
	assert_string_equal(r->reason, "same sound");

	/* the traditional form: a variant, outvoted */
	p = place_with(f->c, "書");
	assert_non_null(p);
	assert_string_equal(p->readings[0].text, "书");
	assert_int_equal(p->readings[1].kind, SCD_KIND_VARIANT);
	assert_int_equal(p->readings[1].witnesses[0].witness, 1);

	/* the doubled character: the consensus is to have none */
	p = place_with(f->c, "首");
	assert_non_null(p);
	assert_string_equal(p->readings[0].text, "");
	assert_int_equal(p->readings[0].nwitnesses, 2);
	assert_int_equal(p->readings[1].kind, SCD_KIND_OCR);
	assert_string_equal(p->readings[1].reason, "doubled");
	assert_int_equal(f->c->counts[SCD_KIND_OCR], 2);
	assert_int_equal(f->c->counts[SCD_KIND_VARIANT], 1);
	assert_int_equal(f->c->nadditions, 0);
}

/* Hung on the rendering with the slips, the consensus still corrects
 * them: the canonical text is the clean passage. */
static void sloppy_pivot_is_corrected(void **state)
{
	fixture *f = *state;
	const scd_place *p;

	three_renderings(f);
	collate(f, 2);
	assert_int_equal(f->c->pivot, 2);
	assert_string_equal(f->c->canonical, f->text[0]);
	p = place_with(f->c, "劲");
	assert_non_null(p);
	assert_int_equal(p->span.beg, offset_of(f, 2, "劲"));
	assert_string_equal(p->readings[0].text, "径");
}

/* One against one: the reading that the evidence favours, whichever
 * file comes first. */
static void tie_broken_by_evidence(void **state)
{
	fixture *f = *state;
	char *ok = clean(f);
	const scd_place *p;
	int order;

	for (order = 0; order < 2; order++) {
		size_t i;
		for (i = 0; i < MAXW; i++) {
			scd_input_free(f->in[i]);
			free(f->text[i]);
			f->in[i] = NULL;
			f->text[i] = NULL;
		}
		f->n = 0;
		witness(f, (size_t)order, "slip.txt", replace(ok, "路径", "路劲"));
		witness(f, (size_t)!order, "ok.txt", replace(ok, "", "")); /* a copy */
		collate(f, -1);
		assert_int_equal(f->c->pivot, 0);
		assert_int_equal(f->c->nplaces, 1);
		p = &f->c->places[0];
		assert_int_equal(p->nreadings, 2);
		assert_int_equal(p->readings[0].nwitnesses, 1);
		assert_int_equal(p->readings[1].nwitnesses, 1);
		assert_string_equal(p->readings[0].text, "径");
		assert_int_equal(p->decided, SCD_DECIDED_EVIDENCE);
		assert_string_equal(f->c->canonical, ok);
	}
	free(ok);
}

/* A witness lacking the middle paragraph is absent there and does not
 * vote: one against one is still a tie.  What it has and the pivot
 * lacks is an addition. */
static void absent_witness_does_not_vote(void **state)
{
	fixture *f = *state;
	char *ok = clean(f), *p1 = corpus_line(f, 45), *p3 = corpus_line(f, 53),
	     *p4 = corpus_line(f, 57), *t;
	const scd_place *p;
	const scd_witness *w;
	const scd_addition *a;
	uint32_t mid0, mid1;

	witness(f, 0, "full.txt", ok);
	witness(f, 1, "slip.txt", replace(ok, "路径", "路劲"));
	witness(f, 2, "short.txt", join3(p1, p3, p4));
	collate(f, 0);
	assert_int_equal(f->c->nplaces, 1);
	p = &f->c->places[0];
	assert_int_equal(p->nabsent, 1);
	assert_int_equal(p->absent[0], 2);
	assert_int_equal(p->readings[0].nwitnesses + p->readings[1].nwitnesses, 2);
	assert_int_equal(p->decided, SCD_DECIDED_EVIDENCE);
	assert_string_equal(p->readings[0].text, "径");
	assert_string_equal(f->c->canonical, ok);
	/* the pivot's middle paragraph is what short.txt lacks */
	w = &f->c->witnesses[2];
	assert_int_equal(w->nabsent, 1);
	mid0 = offset_of(f, 0, "主权平等是");
	mid1 = offset_of(f, 0, "\n\n倡议的这些");
	assert_true(w->absent[0].beg <= mid0 + 3 && w->absent[0].beg >= mid0);
	assert_true(w->absent[0].end <= mid1 && w->absent[0].end + 6 >= mid1);
	assert_int_equal(f->c->witnesses[1].nabsent, 0);
	/* and its last paragraph is the pivot's nowhere */
	assert_int_equal(f->c->nadditions, 1);
	a = &f->c->additions[0];
	assert_int_equal(a->witness, 2);
	t = f->text[2] + a->span.beg;
	assert_int_equal(a->span.end - a->span.beg, strlen(p4));
	assert_memory_equal(t, p4, strlen(p4));
	/* placed after the pivot's last paragraph, which it follows */
	assert_int_equal(a->at, offset_of(f, 0, p3) + strlen(p3));
	free(p1);
	free(p3);
	free(p4);
}

/* One witness in GB18030, one spaced and re-wrapped: the readings and
 * their positions in the original bytes are right. */
static void original_offsets(void **state)
{
	fixture *f = *state;
	char *ok = clean(f), *slip = replace(ok, "路径", "路劲"), *gb, *spaced, *d;
	const char *s;
	size_t glen, n = 0, col = 0, tlen;
	const scd_place *p;
	const scd_reading *r;
	const scd_attestation *at = NULL;
	size_t i, j;
	uint32_t off;
	char *back;

	/* every character apart, a line break every 30 */
	spaced = malloc(4 * strlen(ok) + 1);
	assert_non_null(spaced);
	for (s = ok; *s;) {
		size_t k = 1;
		while (((unsigned char)s[k] & 0xC0) == 0x80)
			k++;
		memcpy(spaced + n, s, k);
		n += k;
		s += k;
		if (*s && s[-1] != '\n')
			spaced[n++] = ++col % 30 ? ' ' : '\n';
	}
	spaced[n] = '\0';
	gb = util_convert("GB18030", "UTF-8", slip, strlen(slip), &glen);
	free(slip);
	witness(f, 0, "clean.txt", ok);
	witness(f, 1, "spaced.txt", spaced);
	f->text[2] = gb;
	f->in[2] = util_input("slip.gb", gb, glen);
	f->n = 3;
	assert_string_equal(scd_input_encoding(f->in[2]), "GB18030");
	collate(f, 0);
	assert_string_equal(f->c->canonical, ok);
	assert_int_equal(f->c->nplaces, 1);
	p = &f->c->places[0];
	assert_string_equal(p->readings[0].text, "径");
	assert_int_equal(p->readings[0].nwitnesses, 2);
	/* the spaced witness reads 径 at its own offset */
	r = &p->readings[0];
	for (i = 0; i < r->nwitnesses; i++)
		if (r->witnesses[i].witness == 1)
			at = &r->witnesses[i];
	assert_non_null(at);
	d = strstr(spaced, "路 径");
	if (!d)
		d = strstr(spaced, "路\n径");
	assert_non_null(d);
	off = (uint32_t)(d - spaced) + (uint32_t)strlen("路 ");
	assert_int_equal(scd_input_offset(f->in[1], at->span.beg), off);
	assert_int_equal(scd_input_offset(f->in[1], at->span.end), off + strlen("径"));
	/* the GB18030 witness: its original bytes hold 劲 */
	r = &p->readings[1];
	assert_string_equal(r->text, "劲");
	assert_int_equal(r->witnesses[0].witness, 2);
	i = scd_input_offset(f->in[2], r->witnesses[0].span.beg);
	j = scd_input_offset(f->in[2], r->witnesses[0].span.end);
	assert_int_equal(j - i, 2);
	back = util_convert("UTF-8", "GB18030", gb + i, j - i, &tlen);
	back[tlen] = '\0';
	assert_string_equal(back, "劲");
	free(back);
	assert_int_equal(scd_input_line(f->in[2], r->witnesses[0].span.beg), 3);
}

static void bad_arguments(void **state)
{
	fixture *f = *state;
	scd_collate_options o = SCD_COLLATE_OPTIONS_INIT;

	assert_int_equal(scd_collate_inputs(&f->c, f->in, 0, NULL), SCD_EINVALID);
	assert_null(f->c);
	witness(f, 0, "one.txt", clean(f));
	o.pivot = 1;
	assert_int_equal(scd_collate_inputs(&f->c, f->in, 1, &o), SCD_EINVALID);
	assert_null(f->c);
	/* one witness alone: nothing to vote on, its own text */
	assert_int_equal(scd_collate_inputs(&f->c, f->in, 1, NULL), 0);
	assert_int_equal(f->c->nplaces, 0);
	assert_string_equal(f->c->canonical, f->text[0]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(majority_reading_and_canonical_text, setup, teardown),
		cmocka_unit_test_setup_teardown(sloppy_pivot_is_corrected, setup, teardown),
		cmocka_unit_test_setup_teardown(tie_broken_by_evidence, setup, teardown),
		cmocka_unit_test_setup_teardown(absent_witness_does_not_vote, setup, teardown),
		cmocka_unit_test_setup_teardown(original_offsets, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_arguments, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
