/*
 * The one JSON string writer (private to report/): every report's
 * strings, the JSON documents' and the HTML pages' data script's alike.
 *
 * A string is written as its bytes, escaping what JSON requires and what
 * could drive a terminal the document is shown on: '"' and '\\' as \"
 * and \\, the controls U+0000..U+001F as \n, \r, \t or \u00xx
 * (lowercase hex), DEL, the C1 controls and the bidirectional controls
 * (scd_quote_needed()) as \u00xx or \uxxxx; everything else, other
 * characters included, goes through unchanged, so the documents stay
 * readable UTF-8.
 *
 * The input is checked as UTF-8 (strict: no overlong forms, surrogates
 * or code points above U+10FFFF).  Each ill-formed sequence, in the
 * sense of Unicode's "maximal subpart" practice (what ICU's U8_NEXT
 * skips), is written as the escape \ufffd (U+FFFD REPLACEMENT CHARACTER)
 * and never copied raw: a file name in GBK or Latin-1 would otherwise
 * make the whole document invalid JSON.  The escape rather than the
 * character's own bytes, so that a replacement is visible to grep and
 * the writer's output stays ASCII where its input was.
 *
 * `len` is explicit: an embedded NUL is a character like any other
 * (\u0000).
 */
#ifndef SCD_REPORT_JSON_H
#define SCD_REPORT_JSON_H

#include <stddef.h>
#include <stdio.h>

/* Flags of a string's escaping. */
enum {
	SCD_JSON_PLAIN = 0,
	/*
	 * Safe inside an HTML <script> element: '<', '>' and '&' become
	 * \u003c, \u003e and \u0026 as well, so neither "</script>" nor
	 * "<!--" in a document can end or alter the element.  U+2028 and
	 * U+2029 need no escape there: the page reads its data with
	 * JSON.parse, for which they are ordinary characters.
	 */
	SCD_JSON_HTML = 1u << 0,
	/*
	 * Every control as \u00xx, newline, return and tab included: the
	 * form `store show --json` has always written (equivalent JSON; kept
	 * so that its bytes do not change).
	 */
	SCD_JSON_HEX_CONTROLS = 1u << 1
};

/* s[0..len) as a JSON string, quotes included. */
void scd_json__string(FILE *f, const char *s, size_t len, unsigned int flags);

/* The NUL-terminated s as a JSON string, quotes included. */
void scd_json__cstring(FILE *f, const char *s, unsigned int flags);

/* s[0..len) escaped as the inside of a JSON string, without the quotes:
 * for a string written in pieces.  A piece should end on a character
 * boundary, or the cut sequence is written as \ufffd. */
void scd_json__chars(FILE *f, const char *s, size_t len, unsigned int flags);

#endif
