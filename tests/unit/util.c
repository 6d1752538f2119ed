/* Helpers shared by the unit tests (util.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucnv.h>

#include "scodiff.h"
#include "util.h"

char *util_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

char *util_convert(const char *to, const char *from, const char *src,
		   size_t len, size_t *out_len)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = ucnv_convert(to, from, NULL, 0, src, (int32_t)len, &st);
	char *buf;

	assert_true(st == U_BUFFER_OVERFLOW_ERROR || U_SUCCESS(st));
	buf = malloc((size_t)n + 4);
	assert_non_null(buf);
	st = U_ZERO_ERROR;
	n = ucnv_convert(to, from, buf, n + 4, src, (int32_t)len, &st);
	assert_true(U_SUCCESS(st));
	*out_len = (size_t)n;
	return buf;
}

char *util_strndup(const char *s, size_t n)
{
	char *r = malloc(n + 1);

	assert_non_null(r);
	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

char *util_written(util_writer write, const char *s, size_t len, unsigned int flags)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	assert_non_null(f);
	write(f, s, len, flags);
	assert_int_equal(fclose(f), 0);
	return buf;
}

char *util_replace_first(const char *s, size_t len, const char *from,
			 const char *to, size_t *out_len)
{
	const char *at = strstr(s, from);
	size_t nf = strlen(from), nt = strlen(to), pre;
	char *r;

	assert_non_null(at);
	pre = (size_t)(at - s);
	r = malloc(len - nf + nt + 1);
	assert_non_null(r);
	memcpy(r, s, pre);
	memcpy(r + pre, to, nt);
	memcpy(r + pre + nt, at + nf, len - pre - nf);
	r[len - nf + nt] = '\0';
	if (out_len)
		*out_len = len - nf + nt;
	return r;
}

char *util_encode(const char *cs, const char *bom, size_t nbom,
		  const char *u8, size_t len, size_t *n)
{
	size_t nconv;
	char *conv = util_convert(cs, "UTF-8", u8, len, &nconv);
	char *buf = malloc(nbom + nconv);

	assert_non_null(buf);
	memcpy(buf, bom, nbom);
	memcpy(buf + nbom, conv, nconv);
	free(conv);
	*n = nbom + nconv;
	return buf;
}

scd_input *util_input(const char *name, const void *data, size_t len)
{
	scd_input *in = NULL;
	int error = scd_input_from_memory(&in, name, data, len, NULL);

	if (error)
		print_error("%s\n", scd_error_last());
	assert_int_equal(error, 0);
	return in;
}

static uint64_t rng_state = 1;

void util_rng_seed(uint64_t seed)
{
	rng_state = seed ? seed : 1;
}

uint64_t util_rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

uint32_t util_rng_below(uint32_t n)
{
	return (uint32_t)((util_rng() >> 16) % n);
}

void util_rounds(uint64_t seed, int rounds, void (*round)(int))
{
	int i;

	util_rng_seed(seed);
	for (i = 0; i < rounds; i++)
		round(i);
}

void util_property_run(void **state)
{
	const struct util_property *p = *state;

	util_rounds(p->seed, p->rounds, p->round);
}

void util_random_key(uint32_t *key, size_t n, uint32_t alphabet)
{
	size_t i;

	for (i = 0; i < n; i++)
		key[i] = 0x4E00 + util_rng_below(alphabet);
}

uint32_t *util_key_new(size_t n)
{
	uint32_t *k = malloc((n + 1) * sizeof(*k));

	assert_non_null(k);
	return k;
}

uint32_t *util_random_key_new(size_t n, uint32_t alphabet)
{
	uint32_t *k = util_key_new(n);

	util_random_key(k, n, alphabet);
	return k;
}
