/*
 * Two jobs at once, for the stages that are independent per input (the
 * machine scodiff is sized for has two cores).  Private to the library.
 */
#ifndef SCD_PARALLEL_H
#define SCD_PARALLEL_H

#include <stddef.h>

typedef int (*scd_job)(void *arg);

/*
 * Run job1(arg1) on a new thread and job0(arg0) on this one; wait for
 * both.  If no thread can be started, both run here, one after the other.
 * Returns the first negative result, else 0.
 */
int scd_parallel__two(scd_job job0, void *arg0, scd_job job1, void *arg1);

/*
 * The same for `work` units (characters, bytes) in all: below
 * SCD_PARALLEL_MIN_WORK both jobs run here, one after the other, since a
 * thread costs more to start than half so little work takes (the store
 * compares thousands of short stretches in one add).
 */
#define SCD_PARALLEL_MIN_WORK 65536
int scd_parallel__two_sized(size_t work, scd_job job0, void *arg0,
			    scd_job job1, void *arg1);

/*
 * Items 0 .. n-1 shared out between two threads as each frees up (a work
 * queue: files differ in size, so halves would not balance): item(arg,
 * thread, i) for each, thread being 0 or 1; after each item, done(arg,
 * items done so far, n) under the queue's lock, never from both threads
 * at once (may be NULL).  The first negative result stops the queue
 * (items in flight finish) and is returned.
 */
int scd_parallel__each(size_t n, int (*item)(void *arg, int thread, size_t i),
		       void (*done)(void *arg, size_t ndone, size_t n), void *arg);

#endif
