/* Stage timings for SCODIFF_TRACE (trace.h). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "util/trace.h"

static _Thread_local struct timespec last;

void scd_trace__stage(const char *what, size_t count)
{
	struct timespec now;

	if (!getenv("SCODIFF_TRACE"))
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (what)
		fprintf(stderr, "scodiff: trace: %-24s %10zu %8.1f ms\n", what, count,
			(double)(now.tv_sec - last.tv_sec) * 1e3 +
			(double)(now.tv_nsec - last.tv_nsec) / 1e6);
	last = now;
}
