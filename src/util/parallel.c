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

typedef struct {
	int (*item)(void *arg, int thread, size_t i);
	void (*done)(void *arg, size_t ndone, size_t n);
	void *arg;
	size_t n, next, ndone;
	int failed;
	pthread_mutex_t lock;
} queue;

typedef struct {
	queue *q;
	int thread;
} queue_job;

static int queue_run(void *p)
{
	queue_job *j = p;
	queue *q = j->q;
	int error = 0;

	for (;;) {
		size_t i;
		pthread_mutex_lock(&q->lock);
		i = q->failed ? q->n : q->next++;
		pthread_mutex_unlock(&q->lock);
		if (i >= q->n)
			break;
		error = q->item(q->arg, j->thread, i);
		pthread_mutex_lock(&q->lock);
		if (error < 0)
			q->failed = 1;
		else if (q->done)
			q->done(q->arg, ++q->ndone, q->n);
		pthread_mutex_unlock(&q->lock);
		if (error < 0)
			break;
	}
	return error;
}

int scd_parallel__each(size_t n, int (*item)(void *arg, int thread, size_t i),
		       void (*done)(void *arg, size_t ndone, size_t n), void *arg)
{
	queue q;
	queue_job j0 = { &q, 0 }, j1 = { &q, 1 };
	int error;

	memset(&q, 0, sizeof(q));
	q.item = item;
	q.done = done;
	q.arg = arg;
	q.n = n;
	pthread_mutex_init(&q.lock, NULL);
	error = scd_parallel__two(queue_run, &j0, queue_run, &j1);
	pthread_mutex_destroy(&q.lock);
	return error;
}
