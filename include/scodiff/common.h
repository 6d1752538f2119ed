/* Error codes, the last-error message and the library version. */
#ifndef SCODIFF_COMMON_H
#define SCODIFF_COMMON_H

#include <stddef.h>
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

/* The library version, "MAJOR.MINOR.PATCH". */
const char *scd_version(void);

#ifdef __cplusplus
}
#endif
#endif
