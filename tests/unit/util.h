/* Helpers shared by the unit tests (tests/unit/util.c). */
#ifndef SCD_TEST_UTIL_H
#define SCD_TEST_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The whole file at `path`, NUL-terminated (malloc'd); its size in *len.
 * Fails the running test when the file cannot be read. */
char *util_slurp(const char *path, size_t *len);

/* `len` bytes of `src` converted from charset `from` to `to` by ICU
 * (malloc'd, no BOM added); the size in *out_len. */
char *util_convert(const char *to, const char *from, const char *src,
		   size_t len, size_t *out_len);

/* The n bytes at s, NUL-terminated (malloc'd; never NULL). */
char *util_strndup(const char *s, size_t n);

/* A string writer under test: s[0..len) to f under `flags`. */
typedef void (*util_writer)(FILE *f, const char *s, size_t len, unsigned int flags);

/* What `write` writes for s[0..len), NUL-terminated (malloc'd). */
char *util_written(util_writer write, const char *s, size_t len, unsigned int flags);

/* s[0..len) with its first `from` replaced by `to`, NUL-terminated
 * (malloc'd); its length in *out_len when out_len is not NULL.  Fails the
 * running test when s holds no `from`. */
char *util_replace_first(const char *s, size_t len, const char *from,
			 const char *to, size_t *out_len);

/* `len` bytes of UTF-8 at `u8` converted to charset `cs` (util_convert)
 * behind the `nbom` bytes of `bom` (malloc'd); the size in *n. */
char *util_encode(const char *cs, const char *bom, size_t nbom,
		  const char *u8, size_t len, size_t *n);

/* Decode `len` bytes at `data` as input `name` (scd_input_from_memory,
 * charset detected), failing the running test with the library's message
 * if that fails.  The caller frees the input. */
struct scd_input;
struct scd_input *util_input(const char *name, const void *data, size_t len);

/* xorshift64*: a fixed, portable pseudo-random sequence. */
void util_rng_seed(uint64_t seed);
uint64_t util_rng(void);
uint32_t util_rng_below(uint32_t n);

/* A property test: util_rng_seed(seed), then round(0) ... round(rounds - 1),
 * each a case drawn from the one fixed random sequence. */
void util_rounds(uint64_t seed, int rounds, void (*round)(int));

/* A property test, for cmocka's initial state (UTIL_PROPERTY_TEST). */
struct util_property {
	uint64_t seed;
	int rounds;
	void (*round)(int);
};

/* The cmocka test that runs the util_property in its initial state. */
void util_property_run(void **state);

/* A row of a cmocka test table: the property test `name(int round)`,
 * reported under its name. */
#define UTIL_PROPERTY_TEST(name, seed, rounds)                                \
	{ #name, util_property_run, NULL, NULL,                               \
	  &(struct util_property){ (seed), (rounds), name } }

/* n random "CJK" key values drawn from `alphabet` consecutive ones. */
void util_random_key(uint32_t *key, size_t n, uint32_t alphabet);

/* Room for a key of n values, and one more (malloc'd; never NULL). */
uint32_t *util_key_new(size_t n);

/* A new key (util_key_new) of n random values (util_random_key). */
uint32_t *util_random_key_new(size_t n, uint32_t alphabet);

/* The number of elements of an array. */
#define UTIL_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
