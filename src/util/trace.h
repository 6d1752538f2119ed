/*
 * Stage timings on stderr when SCODIFF_TRACE is set in the environment:
 * what benchmarks and parameter measurements read (docs/parameters.md).
 * Private to the library.
 *
 * The stages of one computation form a run, between scd_trace__begin()
 * and scd_trace__end().  Runs nest: a run begun inside a stage of another
 * (the diffs scan and store make inside their stages) keeps a clock of
 * its own, its lines are indented, and the outer run's next stage counts
 * the whole inner run.  Clocks are per thread.
 */
#ifndef SCD_TRACE_H
#define SCD_TRACE_H

#include <stddef.h>

/* Start a run: its clock starts now. */
void scd_trace__begin(void);

/* End the run begun last; the run around it, if any, goes on. */
void scd_trace__end(void);

/* Runs open on this thread, and on a new thread the same number opened
 * (their clocks start now), so that a job started by scd_parallel__two()
 * nests its runs under those of the thread that started it. */
unsigned scd_trace__depth(void);
void scd_trace__adopt(unsigned depth);

/* Print "scodiff: trace: <what> <count> <ms since the run's last stage
 * or its start>". */
void scd_trace__stage(const char *what, size_t count);

#endif
