/* Stage timings for SCODIFF_TRACE (trace.h). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "util/trace.h"

/* Runs nested deeper than this share the deepest clock: a diff inside a
 * scan is two, and nothing nests further. */
#define MAX_DEPTH 8

/* The clock of each open run, outermost first, and how many are open. */
static _Thread_local struct timespec clocks[MAX_DEPTH];
static _Thread_local unsigned depth;

static struct timespec *run_clock(void)
{
	unsigned d = depth ? depth - 1 : 0;

	return &clocks[d < MAX_DEPTH ? d : MAX_DEPTH - 1];
}

void scd_trace__begin(void)
{
	if (!getenv("SCODIFF_TRACE"))
		return;
	depth++;
	clock_gettime(CLOCK_MONOTONIC, run_clock());
}

void scd_trace__end(void)
{
	if (!getenv("SCODIFF_TRACE") || !depth)
		return;
	depth--;
}

unsigned scd_trace__depth(void)
{
	return depth;
}

void scd_trace__adopt(unsigned d)
{
	while (depth < d)
		scd_trace__begin();
}

void scd_trace__stage(const char *what, size_t count)
{
	struct timespec now, *last;
	int indent;

	if (!getenv("SCODIFF_TRACE"))
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	last = run_clock();
	/* two spaces a level, taken from the name's column so that the
	 * numbers stay aligned */
	indent = depth > 1 ? 2 * (int)(depth - 1) : 0;
	if (indent > 16)
		indent = 16;
	fprintf(stderr, "scodiff: trace: %*s%-*s %10zu %8.1f ms\n", indent, "", 24 - indent,
		what, count,
		(double)(now.tv_sec - last->tv_sec) * 1e3 +
		(double)(now.tv_nsec - last->tv_nsec) / 1e6);
	*last = now;
}
