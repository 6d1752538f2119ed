/*
 * Reading and decoding as two steps, for a caller that looks at a file's
 * bytes before it decodes them (store add hashes them, and decodes only
 * a file the store does not hold).  Private to the library; the one file
 * reader is input.c's, and these are its halves.
 */
#ifndef SCD_TEXT_INPUT_PRIV_H
#define SCD_TEXT_INPUT_PRIV_H

#include "scodiff/input.h"

/*
 * Read the file `path` ("-" is a file of that name here, not standard
 * input) without decoding it: scd_input_bytes() and scd_input_size()
 * answer, the text is empty until scd_input__decode().  `opts` (may be
 * NULL) are those it will be decoded with, so that a device or a pipe
 * that cannot be text is refused early.  Errors as scd_input_read()'s.
 * *out is the caller's to free with scd_input_free().
 */
int scd_input__load(scd_input **out, const char *path,
		    const scd_input_options *opts);

/* Decode an input made by scd_input__load(), once, as scd_input_read()
 * would have.  On failure the input is still the caller's to free. */
int scd_input__decode(scd_input *in, const scd_input_options *opts);

#endif
