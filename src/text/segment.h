/*
 * Segmentation (private): where the lines, sentences and paragraphs of a
 * decoded text are, and when whitespace between two characters is a space
 * between words rather than layout.
 *
 * The one definition of each, for every layer: the key's word spaces
 * (normalize.c), line roles and reflow (clean.c), the paragraphs a store
 * traces (scd_store_paragraphs), and the text closed up for display
 * (scan's canonical texts, report snippets, the HTML reports' flow).
 * Texts are valid UTF-8 (as scd_input_text() returns them); offsets are
 * bytes into them.
 */
#ifndef SCD_SEGMENT_H
#define SCD_SEGMENT_H

#include <stddef.h>
#include <stdint.h>

#include "scodiff/common.h"

/* ---- characters ----------------------------------------------------- */

/*
 * A letter or digit of a script that separates words with spaces (Latin,
 * Greek, Cyrillic, Hangul, … and their full-width forms), by Unicode
 * script; not Han, kana, bopomofo, Yi, nor Thai, Lao, Khmer, Myanmar and
 * Tibetan, which write words without spaces between them.
 */
int scd_segment_is_word(uint32_t c);

/* Does whitespace between a and b stand for a space between two words
 * (both scd_segment_is_word), not for layout? */
int scd_segment_keeps_space(uint32_t a, uint32_t b);

/* Ends a sentence: 。！？；：…． and . ! ? ; : (a heading's colon too). */
int scd_segment_is_stop(uint32_t c);

/* Closes a quotation or a bracket, and may follow a sentence's stop
 * without ending it there: ” ’ 」 』 ） ) " 》 】. */
int scd_segment_is_closer(uint32_t c);

/*
 * Text read forwards: whether it ends a sentence after character c, given
 * `ended`, whether it did before c.  A stop ends one, closers after it
 * keep it ended (。” 。”）), anything else does not.
 */
int scd_segment_after(int ended, uint32_t c);

/* Horizontal space, what a line's margins are made of: space, tab,
 * no-break space, ideographic space, zero-width no-break space (BOM). */
int scd_segment_is_hspace(uint32_t c);

/* ---- lines and sentences -------------------------------------------- */

/* One line of a text: a line ends at LF, CR or CRLF. */
typedef struct {
	size_t beg, end;   /* the line without its break */
	size_t next;       /* where the next line starts; end when the line
			    * has no break (the text's last) */
	size_t cbeg, cend; /* its content, without horizontal space at
			    * either end; both end when the line is blank */
} scd_segment_line;

/* The line of t[0, len) that starts at `at` (at <= len; at == len gives
 * the empty line after a final break). */
void scd_segment_line_at(scd_segment_line *out, const char *t, size_t len,
			 size_t at);

/* Does t[beg, end) end a sentence (a stop, then closers only)? */
int scd_segment_ends_sentence(const char *t, size_t beg, size_t end);

/*
 * Where the first sentence that ends in t[from, to) ends: after its stop
 * and the closers that follow it (read up to `end`, end >= to).  0 when no
 * stop lies in [from, to).  `from` is on a character boundary.
 */
size_t scd_segment_next_sentence(const char *t, size_t from, size_t to,
				 size_t end);

/* ---- paragraphs ----------------------------------------------------- */

/*
 * The paragraphs of t[0, len), as text ranges without their margins: a
 * line that ends a sentence, or is much shorter than the text's lines (a
 * heading, a paragraph's last line), ends its paragraph; an indented line
 * starts one; blank lines part paragraphs, unless the text puts one after
 * nearly every line (then they are layout).  A paragraph longer than
 * 1500 bytes is cut after a sentence (anywhere, past 6000 bytes without
 * one).  *out (malloc'd, NULL when there are none) is the caller's.
 */
int scd_segment_paragraphs(scd_range **out, size_t *nout, const char *t,
			   size_t len);

#endif
