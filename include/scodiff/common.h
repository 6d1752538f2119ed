/* Error codes, the last-error message and the library version. */
#ifndef SCODIFF_COMMON_H
#define SCODIFF_COMMON_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Every function that can fail returns an int: 0 on success, one of these
 * negative codes otherwise.  Callers branch on the few codes they handle;
 * anything else is SCD_ERROR.  scd_error_last() then says what happened in
 * words fit for a user ("'a.txt': invalid UTF-8 at byte 1234").
 */
enum {
	SCD_OK = 0,
	SCD_ERROR = -1,     /* anything not listed below */
	SCD_ENOTFOUND = -3, /* a file or object does not exist */
	SCD_EINVALID = -4,  /* bad input: undecodable, binary, too large */
	SCD_ENOMEM = -5,    /* out of memory */
	SCD_EIO = -6        /* reading or writing failed */
};

/*
 * The message of the last error raised on this thread, or "" when none.
 * The string is owned by the library and valid until the next call that
 * fails on the same thread.
 */
const char *scd_error_last(void);

/* Forget the last error of this thread. */
void scd_error_clear(void);

/* A half-open range [beg, end) of text offsets (scd_input_text()); every
 * stage reports where things are with it, and the reports convert it to
 * the user's bytes and lines (input.h). */
typedef struct {
	uint32_t beg, end;
} scd_range;

/*
 * Terminal-safe output.  Text and file names from the user's files reach
 * terminals, commit messages and logs; a raw ESC, BEL, CSI (U+009B),
 * newline or bidirectional override in them could drive the terminal,
 * fake a line or reorder what is shown (issue "Reliability and
 * security").  scd_quote_write() writes s[0..n) with every such character
 * as a visible escape: C0 controls, DEL and bytes that are not UTF-8 as
 * \xNN, C1 controls (U+0080..U+009F) and the bidirectional controls
 * (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069) as \uNNNN.
 * Everything else, CJK included, is written as it is.
 */
enum {
	/* A file name: when anything needs an escape, the name is put in
	 * double quotes and written as git quotes paths (quote_c_style:
	 * \n \t \" \\ and the like, the other bytes of an escaped character
	 * in octal, \033; other non-ASCII kept, as with core.quotePath
	 * false), which git apply and GNU patch read back; a name that needs
	 * nothing is written bare, so ordinary names look as they are. */
	SCD_QUOTE_NAME = 1 << 0,
	/* Multi-line text: newline and tab stand as they are. */
	SCD_QUOTE_LINES = 1 << 1
};

/* Write s[0..n) to f as above; 0, or SCD_EIO when the write failed. */
int scd_quote_write(FILE *f, const char *s, size_t n, unsigned int flags);

/* Whether code point c is one that scd_quote_write() escapes (newline and
 * tab included). */
int scd_quote_needed(uint32_t c);

/* The library version, "MAJOR.MINOR.PATCH". */
const char *scd_version(void);

#ifdef __cplusplus
}
#endif
#endif
