/*
 * Input: read a file (or stdin) and decode it to UTF-8, keeping an exact
 * map from every position of the decoded text back to the user's original
 * bytes and a line table.  All later stages work on the decoded text; every
 * position shown to a user goes through scd_input_offset()/scd_input_line().
 * A slice of a decoded input is an input too, decoded by nothing: a part
 * of a file compared on its own still reports the file's positions.
 */
#ifndef SCODIFF_INPUT_H
#define SCODIFF_INPUT_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct scd_input scd_input;

typedef struct {
	unsigned int version;
	/*
	 * Charset name as ICU knows it ("GB18030", "UTF-16LE", "Big5", …) to
	 * force, or NULL to detect: BOM first, then strict UTF-8, then ICU's
	 * charset detector restricted to CJK multi-byte charsets.
	 */
	const char *encoding;
} scd_input_options;

#define SCD_INPUT_OPTIONS_VERSION 1
#define SCD_INPUT_OPTIONS_INIT { SCD_INPUT_OPTIONS_VERSION, NULL }

/* Inputs larger than this are refused (offsets are 32-bit). */
#define SCD_INPUT_MAX_BYTES ((size_t)UINT32_MAX - 1)

/*
 * Read and decode `path` ("-" is standard input).  A regular file is read
 * whole (its bytes are the text when they are already UTF-8); one that
 * changes size or time while it is read is refused.  Anything else (a
 * pipe, a device, standard input) is read to its end, up to
 * SCD_INPUT_MAX_BYTES, and refused as soon as the bytes read so far
 * cannot begin a text (/dev/zero after its first 64 KiB).  On failure
 * returns SCD_ENOTFOUND, SCD_EINVALID (binary, undecodable, directory,
 * too large) or SCD_EIO (unreadable, changed while being read), with a
 * message naming the file.  *out is the caller's to
 * free with scd_input_free().  `opts` may be NULL.
 */
int scd_input_read(scd_input **out, const char *path,
		   const scd_input_options *opts);

/*
 * Decode `len` bytes at `data`, which are copied.  `name` is used in
 * messages and reports.  Same rules as scd_input_read().
 */
int scd_input_from_memory(scd_input **out, const char *name,
			  const void *data, size_t len,
			  const scd_input_options *opts);

/*
 * Free an input (NULL is fine).  A decoded input that slices still refer
 * to lives on, unreachable, until the last of them is freed.
 */
void scd_input_free(scd_input *in);

/*
 * A view of the text offsets [beg, end) of `parent` (an input or a
 * slice; both on character boundaries, end at most the text length),
 * sharing parent's decoded text and map: nothing is copied or decoded.
 * Its text is that part of parent's, and every position asked of it is
 * the file's: scd_input_offset() gives the byte offset in the original
 * file, scd_input_line() and scd_input_column() the file's line and
 * column, scd_input_path(), scd_input_encoding(), scd_input_size() and
 * scd_input_bytes() the file's.  Text offsets of the slice start at 0;
 * scd_input_slice_offset() turns one into the decoded input's.
 *
 * The slice holds a reference to the decoded input under it, which
 * therefore stays (and must not change) until both the slice and the
 * input are freed, in either order.  Slices of one input may be made and
 * freed on several threads at once.  Returns 0, SCD_EINVALID for a range
 * off the text or inside a character, or SCD_ENOMEM; *out is the
 * caller's to free with scd_input_free().
 */
int scd_input_slice(scd_input **out, const scd_input *parent, size_t beg,
		    size_t end);

/*
 * The text offset, in the decoded input under slice `in`, of `in`'s text
 * offset `off` (at most its text length); `off` itself for an input that
 * is not a slice.
 */
size_t scd_input_slice_offset(const scd_input *in, size_t off);

/* The name as given by the user (borrowed; a slice's is its file's). */
const char *scd_input_path(const scd_input *in);

/* The charset the bytes were decoded from, e.g. "UTF-8", "GB18030". */
const char *scd_input_encoding(const scd_input *in);

/* Size of the original bytes. */
size_t scd_input_size(const scd_input *in);

/* The original bytes as read (borrowed, scd_input_size() of them). */
const unsigned char *scd_input_bytes(const scd_input *in);

/* The decoded UTF-8 text (borrowed, not NUL-terminated) and its length. */
const char *scd_input_text(const scd_input *in, size_t *len);

/*
 * Original byte offset of text offset `off` (0 ≤ off ≤ text length;
 * the text length maps to the original size).
 */
size_t scd_input_offset(const scd_input *in, size_t off);

/*
 * The first text offset whose original byte offset is at or after `byte`:
 * the inverse of scd_input_offset() on character boundaries.
 */
size_t scd_input_text_at(const scd_input *in, size_t byte);

/* 1-based line number of text offset `off` (LF, CRLF and CR end lines). */
size_t scd_input_line(const scd_input *in, size_t off);

/*
 * 1-based column, in characters, of text offset `off` within its line.
 */
size_t scd_input_column(const scd_input *in, size_t off);

#ifdef __cplusplus
}
#endif
#endif
