/* madvise(MADV_HUGEPAGE) for the workers' buffers */
#define _DEFAULT_SOURCE
#include "pool.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define POOL_MAX 64

struct hm_worker {
	hm_pool *pool;
	int index;
	int depth; /* nesting of the group whose task this worker runs */
	void *buf; /* hm_worker_buffer: mapped, kept until the pool goes */
	size_t cap;
};

/* The tasks of one hm_pool_run call. Its depth is the caller's nesting: a
 * thread waiting on a group runs only tasks of groups as deep or deeper, so
 * that a map waiting for its bands never starts a whole other map. */
typedef struct {
	int pending;
	int depth;
} group;

typedef struct {
	hm_task_fn fn;
	void *arg;
	group *g;
} task;

struct hm_pool {
	int n, started;
	void (*on_start)(void);
	pthread_t tid[POOL_MAX];
	hm_worker w[POOL_MAX];
	pthread_mutex_t mu;
	pthread_cond_t cv; /* a task queued, a group finished, or stop */
	task *queue;	   /* oldest first */
	size_t len, cap;
	int stop;
};

/* The oldest queued task of g, else the oldest of a group at least depth
 * deep; 0 when there is none. Called with the lock held. */
static int take(hm_pool *p, const group *g, int depth, task *out)
{
	size_t k = 0;

	while (k < p->len && p->queue[k].g != g)
		k++;
	if (k == p->len)
		for (k = 0; k < p->len && p->queue[k].g->depth < depth; k++)
			;
	if (k == p->len)
		return 0;
	*out = p->queue[k];
	memmove(p->queue + k, p->queue + k + 1, (p->len - k - 1) * sizeof(task));
	p->len--;
	return 1;
}

/* Run t on w, then count it done. Called with the lock held; returns with
 * it held. */
static void run_locked(hm_pool *p, hm_worker *w, const task *t)
{
	int depth = w->depth;

	pthread_mutex_unlock(&p->mu);
	w->depth = t->g->depth + 1;
	t->fn(t->arg, w);
	w->depth = depth;
	pthread_mutex_lock(&p->mu);
	if (--t->g->pending == 0)
		pthread_cond_broadcast(&p->cv);
}

static void *thread_main(void *arg)
{
	hm_worker *w = arg;
	hm_pool *p = w->pool;
	task t;

	if (p->on_start)
		p->on_start();
	pthread_mutex_lock(&p->mu);
	for (;;) {
		if (take(p, NULL, 0, &t)) {
			run_locked(p, w, &t);
			continue;
		}
		if (p->stop)
			break;
		pthread_cond_wait(&p->cv, &p->mu);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

hm_pool *hm_pool_new(int n, void (*on_start)(void))
{
	hm_pool *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	n = n < 1 ? 1 : n > POOL_MAX ? POOL_MAX : n;
	p->on_start = on_start;
	for (int k = 0; k < POOL_MAX; k++)
		p->w[k] = (hm_worker){p, k, 0, NULL, 0};
	if (n > 1 && pthread_mutex_init(&p->mu, NULL) == 0) {
		if (pthread_cond_init(&p->cv, NULL) != 0) {
			pthread_mutex_destroy(&p->mu);
		} else {
			while (p->started < n - 1 &&
			       pthread_create(&p->tid[p->started], NULL, thread_main,
					      &p->w[p->started + 1]) == 0)
				p->started++;
			if (p->started == 0) {
				pthread_cond_destroy(&p->cv);
				pthread_mutex_destroy(&p->mu);
			}
		}
	}
	p->n = 1 + p->started;
	return p;
}

void hm_pool_free(hm_pool *p)
{
	if (!p)
		return;
	if (p->started) {
		pthread_mutex_lock(&p->mu);
		p->stop = 1;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
		for (int k = 0; k < p->started; k++)
			pthread_join(p->tid[k], NULL);
		pthread_cond_destroy(&p->cv);
		pthread_mutex_destroy(&p->mu);
	}
	for (int k = 0; k < p->n; k++)
		if (p->w[k].buf)
			munmap(p->w[k].buf, p->w[k].cap);
	free(p->queue);
	free(p);
}

int hm_pool_size(const hm_pool *p)
{
	return p ? p->n : 1;
}

hm_worker *hm_pool_owner(hm_pool *p)
{
	return p ? &p->w[0] : NULL;
}

int hm_worker_index(const hm_worker *w)
{
	return w ? w->index : 0;
}

/* Queue args[1..n-1] as tasks of g; 0, or -1 out of memory. Lock held. */
static int push(hm_pool *p, group *g, hm_task_fn fn, void *const *args, int n)
{
	if (p->len + (size_t)n > p->cap) {
		size_t cap = (p->len + (size_t)n) * 2;
		task *q = realloc(p->queue, cap * sizeof(task));
		if (!q)
			return -1;
		p->queue = q;
		p->cap = cap;
	}
	for (int k = 1; k < n; k++)
		p->queue[p->len++] = (task){fn, args[k], g};
	pthread_cond_broadcast(&p->cv);
	return 0;
}

void hm_pool_run(hm_pool *p, hm_worker *self, hm_task_fn fn, void *const *args, int n)
{
	group g = {n - 1, self ? self->depth : 0};
	task t;

	if (n <= 0)
		return;
	if (!p || p->started == 0 || n == 1) {
		for (int k = 0; k < n; k++)
			fn(args[k], self);
		return;
	}
	pthread_mutex_lock(&p->mu);
	if (push(p, &g, fn, args, n) < 0) {
		pthread_mutex_unlock(&p->mu);
		for (int k = 0; k < n; k++)
			fn(args[k], self);
		return;
	}
	pthread_mutex_unlock(&p->mu);
	fn(args[0], self);
	pthread_mutex_lock(&p->mu);
	/* no idle wait while tasks that may run here are queued */
	while (g.pending > 0) {
		if (take(p, &g, g.depth, &t))
			run_locked(p, self, &t);
		else
			pthread_cond_wait(&p->cv, &p->mu);
	}
	pthread_mutex_unlock(&p->mu);
}

void *hm_worker_buffer(hm_worker *w, size_t n)
{
	size_t huge = (size_t)2 << 20, cap, lead;
	unsigned char *p;

	if (w->cap >= n)
		return w->buf;
	/* mapped, not malloc'd: 2 MB aligned whatever malloc's settings. Fresh
	 * pages cost the kernel's zeroing on first touch, so the buffer is
	 * kept for the worker's next band and next map. */
	if (w->buf)
		munmap(w->buf, w->cap);
	w->buf = NULL;
	w->cap = 0;
	cap = (n + huge - 1) / huge * huge;
	p = mmap(NULL, cap + huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	lead = (huge - (uintptr_t)p % huge) % huge;
	if (lead)
		munmap(p, lead);
	munmap(p + lead + cap, huge - lead);
	p += lead;
#ifdef MADV_HUGEPAGE
	madvise(p, cap, MADV_HUGEPAGE);
#endif
	w->buf = p;
	w->cap = cap;
	return p;
}
