/*
 * Reports of a comparison: the terminal report and the versioned JSON
 * document described in docs/json-report.md.  All positions written are
 * byte offsets into, and line numbers of, the user's original files.
 */
#ifndef SCODIFF_REPORT_H
#define SCODIFF_REPORT_H

#include <stdio.h>
#include "diff.h"
#include "check.h"
#include "collate.h"
#include "scan.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SCD_REPORT_JSON_VERSION 1

/* A set of kinds as bits (1u << SCD_KIND_…). */
#define SCD_SHOW(kind) (1u << (kind))
#define SCD_SHOW_ALL ((1u << SCD_KIND__COUNT) - 1)

typedef struct {
	unsigned int version;
	unsigned int show; /* kinds listed one by one (others are counted) */
	int color;         /* ANSI colors in the terminal report */
	unsigned int context; /* characters of context shown around a change */
} scd_report_options;

#define SCD_REPORT_OPTIONS_VERSION 1
#define SCD_REPORT_OPTIONS_INIT \
	{ SCD_REPORT_OPTIONS_VERSION, \
	  SCD_SHOW(SCD_KIND_EDIT) | SCD_SHOW(SCD_KIND_OCR), 0, 8 }

/* Write the JSON report; returns 0 or SCD_EIO. */
int scd_report_json(FILE *f, const scd_diff *diff,
		    const scd_report_options *opts);

/* Write the terminal report; returns 0 or SCD_EIO. */
int scd_report_text(FILE *f, const scd_diff *diff,
		    const scd_report_options *opts);

/*
 * The report of `scodiff check`: JSON
 * {"version":1,"flags":[{"path","span":[s,e],"lines":[l1,l2],"text",
 * "suggest","kind","reason","confidence"}]} (offsets into the original
 * files), or the terminal list (file:line:column, the text in context,
 * kind, reason, suggestion, confidence).  `inputs` are those checked.
 */
int scd_report_check_json(FILE *f, const scd_check *check,
			  scd_input *const *inputs, size_t n);
int scd_report_check_text(FILE *f, const scd_check *check,
			  scd_input *const *inputs, size_t n,
			  const scd_report_options *opts);

/*
 * The report of `scodiff collate`: JSON {"version":1,"witnesses":[...],
 * "pivot","counts","places":[...],"additions":[...],"canonical"}
 * (docs/json-report.md; offsets into the original files), or the terminal
 * table: the witnesses, then per place the pivot's file:line:column, the
 * consensus in the pivot's context and every reading with the witnesses
 * that give it and its kind against the consensus, then the text only
 * some witnesses hold or lack.  `opts` gives color and context only.
 */
int scd_report_collate_json(FILE *f, const scd_collation *c);
int scd_report_collate_text(FILE *f, const scd_collation *c,
			    const scd_report_options *opts);

/*
 * The report of `scodiff scan`: JSON {"version":1,"clusters":[{"id",
 * "canonical","similarity","members":[{"path","span":[s,e],"lines":[l1,l2]
 * ...}]...}],"boilerplate":[...],"documents":[{"path","bytes",
 * "repeated_bytes"}]} (docs/json-report.md), or the terminal summary:
 * clusters largest first, the boilerplate collapsed, then each document's
 * share of repeated text.  `opts` gives color only.
 */
int scd_report_scan_json(FILE *f, const scd_scan *scan);
int scd_report_scan_text(FILE *f, const scd_scan *scan,
			 const scd_report_options *opts);

/*
 * The report of `scodiff store trace`: JSON {"version":1,"input","store",
 * "commit","paragraphs":[{"span":[s,e],"lines":[l1,l2],"sources":[{"path",
 * "witness","span":[s,e],"lines":[l1,l2],"similarity","statement",
 * "first_commit"}]}]} (docs/json-report.md), or the terminal listing: each
 * paragraph with its lines and its sources, best first.
 */
int scd_report_trace_json(FILE *f, const scd_store_trace *t, const char *store,
			  const char *commit);
int scd_report_trace_text(FILE *f, const scd_store_trace *t,
			  const scd_report_options *opts);

/*
 * The report of `scodiff store show`: JSON {"version":1,"statement",
 * "canonical","witnesses":[{"witness","path","span":[s,e],"lines":[l1,l2],
 * "similarity","first_commit"}]} (spans in the witnesses' original
 * bytes), or the terminal listing: the canonical text, the members with
 * their lines and bytes, and, when the statement was shown with its
 * readings, each place where the members differ with the readings and
 * the witnesses giving them.  Each returns 0 or SCD_EIO.
 */
int scd_report_statement_json(FILE *f, const scd_store_shown *sh);
int scd_report_statement_text(FILE *f, const scd_store_shown *sh);

/*
 * The trace as one self-contained HTML page (like the pages below): the
 * traced text paragraph by paragraph with its lines, bytes and sources,
 * each paragraph colored by the witness it came from (its best source
 * other than the input's own record, when the input is a recorded
 * witness), a legend of the witnesses, and a click on a witness or a
 * source marking every paragraph it holds.  `store` is the store's folder
 * as shown.  Returns 0 or SCD_EIO.
 */
int scd_report_html_trace(FILE *f, const scd_store_trace *t, const char *store);

/*
 * HTML reports: one self-contained page (inline CSS and JavaScript, no
 * network) to open in a browser.  No text of a document is written as
 * HTML: it is carried as JSON inside the page (with '<', '>' and '&'
 * escaped) and put in the page as text, so no input can inject markup or
 * script.  Long reports render lazily as they are scrolled.  Each returns
 * 0 or SCD_EIO (or SCD_ENOMEM).
 *
 * The comparison: both texts side by side, reflowed, aligned passages
 * facing each other (passages moved in b marked and linked to where they
 * went), differences colored by kind with a legend that toggles them
 * (punct and width off at first), text in only one file marked, a summary
 * and a list of passages with their lines in both files.  Kinds not in
 * opts->show are left as plain text (counted in the summary); `opts` may
 * be NULL (all kinds but layout).
 */
int scd_report_html_diff(FILE *f, const scd_diff *diff,
			 const scd_report_options *opts);

/*
 * The scan: the documents and how much each pair shares (a matrix, or a
 * strip per document for large collections), the clusters with their
 * members, each member's text with its differences from the canonical
 * one.  The texts and differences are those the scan kept
 * (scd_scan_options.keep_texts): nothing is read or compared here, and a
 * scan made without them, or a member whose file could not be read
 * again, is shown with places only.
 */
int scd_report_html_scan(FILE *f, const scd_scan *scan);

#ifdef __cplusplus
}
#endif
#endif
