/*
 * A statement as `store show` reports it (store.h): its members with
 * their witnesses' records, and the readings where the members differ,
 * a collation of their passages.  The report itself is in
 * report/report_store.c.
 */
#include <stdio.h>
#include <stdlib.h>

#include "scodiff/collate.h"
#include "scodiff/store.h"
#include "util/error.h"

/* Each member's witness record and first commit. */
static int show_members(scd_store *s, scd_store_shown *sh)
{
	const scd_store_statement *st = sh->statement;
	size_t i;
	int error;

	if (!(sh->members = calloc(st->nmembers ? st->nmembers : 1, sizeof(*sh->members))))
		return scd_error__nomem();
	for (i = 0; i < st->nmembers; i++) {
		scd_store_shown_member *m = &sh->members[i];
		m->member = &st->members[i];
		if ((error = scd_store_witness_get(s, &m->witness, m->member->witness)) < 0 ||
		    (error = scd_store_first_commit(s, m->first_commit, m->member->witness)) < 0)
			return error;
	}
	return 0;
}

/* The member's passage as an input of its own, named "path:l1-l2". */
static int passage(scd_store *s, scd_input **out, const scd_store_member *m)
{
	scd_input *win = NULL;
	const char *text;
	size_t len, tb, te;
	char name[512];
	int error;

	if ((error = scd_store_witness_input(s, &win, m->witness)) < 0)
		return error;
	text = scd_input_text(win, &len);
	tb = scd_input_text_at(win, m->span[0]);
	te = scd_input_text_at(win, m->span[1]);
	snprintf(name, sizeof(name), "%s:%zu-%zu", scd_input_path(win), m->lines[0],
		 m->lines[1]);
	error = scd_input_from_memory(out, name, text + tb, te - tb, NULL);
	scd_input_free(win);
	return error;
}

/* The readings where the members differ: a collation of their passages. */
static int show_readings(scd_store *s, scd_store_shown *sh)
{
	scd_collate_options co = SCD_COLLATE_OPTIONS_INIT;
	const scd_store_statement *st = sh->statement;
	size_t i;
	int error;

	if (!(sh->inputs = calloc(st->nmembers, sizeof(*sh->inputs))))
		return scd_error__nomem();
	for (i = 0; i < st->nmembers; i++)
		if ((error = passage(s, &sh->inputs[i], &st->members[i])) < 0)
			return error;
	co.ties_by_order = 1;
	return scd_collate_inputs(&sh->collation, sh->inputs, st->nmembers, &co);
}

int scd_store_show(scd_store *s, scd_store_shown **out, size_t number,
		   const scd_store_show_options *opts)
{
	scd_store_shown *sh;
	int error;

	*out = NULL;
	if (!(sh = calloc(1, sizeof(*sh))))
		return scd_error__nomem();
	if ((error = scd_store_statement_get(s, &sh->statement, number)) < 0 ||
	    (error = show_members(s, sh)) < 0 ||
	    ((!opts || opts->readings) && sh->statement->nmembers > 1 &&
	     (error = show_readings(s, sh)) < 0)) {
		scd_store_shown_free(sh);
		return error;
	}
	*out = sh;
	return 0;
}

void scd_store_shown_free(scd_store_shown *sh)
{
	size_t i, n;

	if (!sh)
		return;
	n = sh->statement ? sh->statement->nmembers : 0;
	scd_collation_free(sh->collation);
	for (i = 0; sh->inputs && i < n; i++)
		scd_input_free(sh->inputs[i]);
	free(sh->inputs);
	for (i = 0; sh->members && i < n; i++)
		scd_store_witness_clear(&sh->members[i].witness);
	free(sh->members);
	scd_store_statement_free(sh->statement);
	free(sh);
}
