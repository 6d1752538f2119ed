/*
 * Stage timings on stderr when SCODIFF_TRACE is set in the environment:
 * what benchmarks and parameter measurements read (docs/parameters.md).
 * Private to the library.
 */
#ifndef SCD_TRACE_H
#define SCD_TRACE_H

#include <stddef.h>

/* Print "scodiff: trace: <what> <count> <ms since the last stage>";
 * what == NULL only starts the clock. */
void scd_trace__stage(const char *what, size_t count);

#endif
