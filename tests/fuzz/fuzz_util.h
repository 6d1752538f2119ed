/*
 * Helpers shared by the fuzz harnesses (tests/fuzz/<name>_fuzzer.c): a check
 * that aborts with a message (libFuzzer and the plain driver both report
 * an abort as a crash, with the input that caused it), the splitting of
 * one fuzz input into several texts, and checks on text offsets.
 */
#ifndef SCD_FUZZ_UTIL_H
#define SCD_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The entry point every harness defines (libFuzzer's name). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort with "file:line: failed: what" unless cond holds.  Properties are
 * checked in every build, not only with assert() enabled. */
#define FUZZ_CHECK(cond) \
	do { \
		if (!(cond)) \
			fuzz_fail(__FILE__, __LINE__, #cond); \
	} while (0)

void fuzz_fail(const char *file, int line, const char *what);

/*
 * Split data[0..size) at each two-byte separator FF FF (bytes that occur
 * in no UTF-8 text and in no GB18030 or Big5 text) into at most `max`
 * parts; the last part takes the rest.  Returns the number of parts (at
 * least 1).  parts[] point into data.
 */
#define FUZZ_SEP "\xff\xff"
size_t fuzz_split(const uint8_t **parts, size_t *lens, size_t max,
		  const uint8_t *data, size_t size);

/*
 * data[0..size) made valid UTF-8 without NUL: ill-formed sequences become
 * U+FFFD, NUL becomes a space.  malloc'd (never NULL: aborts when out of
 * memory); its length in *len.  For harnesses of stages that take decoded
 * text, so that every mutated input reaches them.
 */
char *fuzz_utf8(const uint8_t *data, size_t size, size_t *len);

/*
 * A stream for the report writers: what they write is kept in memory, so
 * that every byte is produced, and dropped by fuzz_sink_close(), which
 * checks that the stream closes cleanly.  One sink at a time.
 */
FILE *fuzz_sink_open(void);
void fuzz_sink_close(FILE *f);

/* Does text offset off (≤ len) fall on a UTF-8 character boundary? */
int fuzz_on_boundary(const char *text, size_t len, size_t off);

#endif
