/* Helpers shared by the unit tests (tests/unit/util.c). */
#ifndef SCD_TEST_UTIL_H
#define SCD_TEST_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* The whole file at `path`, NUL-terminated (malloc'd); its size in *len.
 * Fails the running test when the file cannot be read. */
char *util_slurp(const char *path, size_t *len);

/* `len` bytes of `src` converted from charset `from` to `to` by ICU
 * (malloc'd, no BOM added); the size in *out_len. */
char *util_convert(const char *to, const char *from, const char *src,
		   size_t len, size_t *out_len);

/* Decode `len` bytes at `data` as input `name` (scd_input_from_memory,
 * charset detected), failing the running test with the library's message
 * if that fails.  The caller frees the input. */
struct scd_input;
struct scd_input *util_input(const char *name, const void *data, size_t len);

/* xorshift64*: a fixed, portable pseudo-random sequence. */
void util_rng_seed(uint64_t seed);
uint64_t util_rng(void);
uint32_t util_rng_below(uint32_t n);

/* n random "CJK" key values drawn from `alphabet` consecutive ones. */
void util_random_key(uint32_t *key, size_t n, uint32_t alphabet);

#endif
