/*
 * Pieces shared by the HTML reports (private; report_html.c).
 *
 * A page is one self-contained file: inline CSS, the report's data as one
 * JSON document inside <script type="application/json" id="scd-data">,
 * then the JavaScript that renders it (the scripts in src/report/html/, compiled in by
 * cmake/embed.cmake).  No text of a document is ever written as HTML: it
 * travels only inside that JSON, with '<', '>' and '&' escaped, and the
 * scripts put it in the page as text nodes.  A page for a new report is a
 * writer of its JSON plus one script:
 *
 *	scd_html__page_begin(f, "trace");
 *	fputs("{...}", f);            (the data, strings by scd_json__string
 *	                               with SCD_JSON_HTML, json.h)
 *	return scd_html__page_end(f, scd_html__trace_js);
 */
#ifndef SCD_REPORT_HTML_H
#define SCD_REPORT_HTML_H

#include <stdio.h>

#include <unicode/umachine.h>

#include "scodiff/diff.h"
#include "scodiff/input.h"

/* The assets (generated from src/report/html/ at build time, NUL-terminated). */
extern const char scd_html__common_css[], scd_html__common_js[],
	scd_html__diff_js[], scd_html__scan_js[], scd_html__trace_js[];

/* Open the page: head, styles, and the data script, left open for the
 * page's JSON.  `page` ("diff", "scan", "trace") names the page's body class. */
void scd_html__page_begin(FILE *f, const char *page);

/* Close the data script, add the common script and `page_js`, close the
 * page.  Returns 0 or SCD_EIO when anything could not be written. */
int scd_html__page_end(FILE *f, const char *page_js);

/*
 * Text reflowed for a column, written as the inside of JSON strings (the
 * caller writes the quotes).  Line wraps are closed up: a whitespace run
 * becomes one space between two letters or digits of a spaced script and
 * disappears elsewhere (a wrap or a space inside CJK text is layout), and
 * a line break after the end of a sentence (a stop, and the closing
 * quotes and brackets after it) becomes "\n" (OCR'd pages mark
 * paragraphs no better: some put a blank line after every line).
 * Whitespace at the end of t[beg..end) is decided by the first character
 * after it before `limit` and written with this piece, so that cutting a
 * text into pieces (differences) does not change how it flows.
 */
typedef struct {
	FILE *f;
	UChar32 prev;     /* last character written, 0 at the start */
	int ended;        /* the text written ends a sentence (segment.h) */
	unsigned int ws;  /* whitespace pending: 1 = a run, 2 = with a line break */
	uint32_t next;    /* where the next piece's text really starts (the
			   * whitespace before it was decided), or 0 */
} scd_html__flow;

void scd_html__flow_init(scd_html__flow *fl, FILE *f);
void scd_html__flow_put(scd_html__flow *fl, const char *t, uint32_t beg,
			uint32_t end, uint32_t limit);

/*
 * One side of a passage, t[whole), as a JSON array of pieces: a string
 * is plain text; [i,"text"] is the text of difference number first + j,
 * where j indexes `diffs` (whose ranges on this side, `side_b` choosing
 * a or b, lie inside `whole` in order); [-1,"text"] is text found only
 * on this side (`only`, n_only ranges in order, not overlapping a
 * difference).  Differences not in `show` are left as plain text and not
 * numbered: `first` counts only those shown.
 */
void scd_html__side(FILE *f, const char *t, scd_range whole,
		    const scd_difference *diffs, size_t ndiffs, size_t first,
		    unsigned int show, int side_b, const scd_range *only,
		    size_t n_only);

/*
 * The difference x as the page's JSON entry [kind,"reason","suggest",
 * confidence,"where a","where b"]: reason, suggest and the positions are
 * null when not known (`a`, `b` may be NULL: no positions).  When the
 * page does not show side a, `ta` (its text) adds the reading of a as a
 * seventh entry.
 */
void scd_html__difference(FILE *f, const scd_difference *x,
			  const scd_input *a, const scd_input *b,
			  const char *ta);

#endif
