/*
 * Unit tests of trace.c: stage timings nest, so that a diff run inside a
 * stage of scan or store neither resets the outer clock nor loses the
 * time it took, and a job on the second thread nests under its starter.
 *
 * The trace is written to stderr; each test sends stderr to a temporary
 * file and reads the lines back.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/parallel.h"
#include "util/trace.h"

static FILE *captured;
static int saved_stderr = -1;

static void capture_begin(void)
{
	fflush(stderr);
	assert_non_null(captured = tmpfile());
	assert_true((saved_stderr = dup(STDERR_FILENO)) >= 0);
	assert_true(dup2(fileno(captured), STDERR_FILENO) >= 0);
}

/* The captured lines, NUL-terminated (malloc'd). */
static char *capture_end(void)
{
	long n;
	char *buf;

	fflush(stderr);
	assert_true(dup2(saved_stderr, STDERR_FILENO) >= 0);
	close(saved_stderr);
	n = ftell(captured);
	assert_true(n >= 0);
	assert_non_null(buf = calloc(1, (size_t)n + 1));
	rewind(captured);
	assert_int_equal(fread(buf, 1, (size_t)n, captured), (size_t)n);
	fclose(captured);
	return buf;
}

static void sleep_ms(long ms)
{
	struct timespec t = { 0, ms * 1000000L };
	nanosleep(&t, NULL);
}

/* The milliseconds on the line of stage `what` ("  what" when indented),
 * failing the test when there is no such line. */
static double ms_of(const char *out, const char *what)
{
	char key[64];
	const char *p;
	size_t count;
	double ms;

	snprintf(key, sizeof(key), "scodiff: trace: %s ", what);
	assert_non_null(p = strstr(out, key));
	/* "<what> <count> <ms> ms" */
	assert_int_equal(sscanf(p + strlen(key), "%zu %lf ms", &count, &ms), 2);
	return ms;
}

static int setup(void **state)
{
	(void)state;
	return setenv("SCODIFF_TRACE", "1", 1);
}

/* The outer run's stage after an inner run counts the inner run's time
 * and what came before it; the inner stage counts only its own. */
static void nested_run_keeps_outer_clock(void **state)
{
	char *out;

	(void)state;
	capture_begin();
	scd_trace__begin();
	sleep_ms(40);
	scd_trace__begin();
	sleep_ms(10);
	scd_trace__stage("inner", 1);
	scd_trace__end();
	scd_trace__stage("outer", 2);
	scd_trace__end();
	out = capture_end();
	/* sleeps only ever overrun: bounds below hold on a loaded machine */
	assert_true(ms_of(out, "  inner") >= 9);
	assert_true(ms_of(out, "outer") >= ms_of(out, "  inner") + 39);
	/* the outer line is not indented, the inner one is */
	assert_non_null(strstr(out, "scodiff: trace: outer "));
	assert_null(strstr(out, "scodiff: trace: inner "));
	free(out);
}

/* Two inner runs one after the other: each starts its own clock, and the
 * outer stage still counts from the outer run's start. */
static void runs_in_sequence(void **state)
{
	char *out;
	int i;

	(void)state;
	capture_begin();
	scd_trace__begin();
	for (i = 0; i < 2; i++) {
		sleep_ms(15);
		scd_trace__begin();
		scd_trace__stage(i ? "second" : "first", 0);
		scd_trace__end();
	}
	scd_trace__stage("both", 0);
	scd_trace__end();
	out = capture_end();
	assert_true(ms_of(out, "both") >= ms_of(out, "  first") + ms_of(out, "  second") + 29);
	assert_int_equal(scd_trace__depth(), 0);
	free(out);
}

static unsigned depth_seen[2];

static int record_depth0(void *arg)
{
	(void)arg;
	depth_seen[0] = scd_trace__depth();
	return 0;
}

static int record_depth1(void *arg)
{
	(void)arg;
	depth_seen[1] = scd_trace__depth();
	return 0;
}

/* A job on the second thread sees the runs its starter had open. */
static void thread_adopts_depth(void **state)
{
	(void)state;
	scd_trace__begin();
	scd_trace__begin();
	assert_int_equal(scd_parallel__two(record_depth0, NULL, record_depth1, NULL), 0);
	scd_trace__end();
	scd_trace__end();
	assert_int_equal(depth_seen[0], 2);
	assert_int_equal(depth_seen[1], 2);
	assert_int_equal(scd_trace__depth(), 0);
}

/* Without SCODIFF_TRACE nothing is written and nothing is counted. */
static void silent_without_env(void **state)
{
	char *out;

	(void)state;
	unsetenv("SCODIFF_TRACE");
	capture_begin();
	scd_trace__begin();
	scd_trace__stage("quiet", 0);
	assert_int_equal(scd_trace__depth(), 0);
	scd_trace__end();
	out = capture_end();
	assert_string_equal(out, "");
	free(out);
	setenv("SCODIFF_TRACE", "1", 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nested_run_keeps_outer_clock),
		cmocka_unit_test(runs_in_sequence),
		cmocka_unit_test(thread_adopts_depth),
		cmocka_unit_test(silent_without_env),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
