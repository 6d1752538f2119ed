/* Two jobs at once (parallel.h). */
#include <pthread.h>
#include <string.h>

#include "util/parallel.h"
#include "util/error.h"
#include "util/trace.h"

typedef struct {
	scd_job job;
	void *arg;
	int result;
	unsigned trace_depth; /* runs open on the starting thread */
	char message[1024]; /* the job's error message: it is thread-local */
} task;

static void *run(void *p)
{
	task *t = p;
	t->result = t->job(t->arg);
	if (t->result < 0) {
		strncpy(t->message, scd_error_last(), sizeof(t->message) - 1);
		t->message[sizeof(t->message) - 1] = '\0';
	}
	return NULL;
}

static void *thread_main(void *p)
{
	scd_trace__adopt(((task *)p)->trace_depth);
	return run(p);
}

int scd_parallel__two(scd_job job0, void *arg0, scd_job job1, void *arg1)
{
	task t1 = { job1, arg1, 0, scd_trace__depth(), "" };
	pthread_t th;
	int r0, started = pthread_create(&th, NULL, thread_main, &t1) == 0;

	r0 = job0(arg0);
	if (started)
		pthread_join(th, NULL);
	else
		run(&t1);
	if (r0 < 0)
		return r0;
	if (t1.result < 0)
		return scd_error__set(t1.result, "%s", t1.message);
	return 0;
}

int scd_parallel__two_sized(size_t work, scd_job job0, void *arg0,
			    scd_job job1, void *arg1)
{
	int r0, r1;

	if (work >= SCD_PARALLEL_MIN_WORK)
		return scd_parallel__two(job0, arg0, job1, arg1);
	r0 = job0(arg0);
	r1 = job1(arg1);
	return r0 < 0 ? r0 : r1 < 0 ? r1 : 0;
}
