/* The task pool: the one way the library runs work on several threads. A
 * context owns one (hm_ctx_set_threads); the shapefile records of a layer,
 * the bands of a PNG and the maps of a batch are all tasks of it. A thread
 * that waits for its tasks runs queued tasks meanwhile, so tasks may start
 * tasks (a batch's map its bands) without idle threads or deadlock. */
#ifndef HM_POOL_H
#define HM_POOL_H

#include <stddef.h>

typedef struct hm_pool hm_pool;

/* One thread of a pool, or the thread that owns it (the caller), as a task
 * sees it: its index and the buffers it keeps between tasks. */
typedef struct hm_worker hm_worker;

typedef void (*hm_task_fn)(void *arg, hm_worker *w);

/* A pool of n threads in all: the caller's and n - 1 started here, each of
 * which first runs on_start (may be NULL: fonts are set up per thread).
 * A thread that cannot start leaves its share to the others. NULL when out
 * of memory; free with hm_pool_free. */
hm_pool *hm_pool_new(int n, void (*on_start)(void));
void hm_pool_free(hm_pool *p);

/* Threads in all, the caller's included. */
int hm_pool_size(const hm_pool *p);

/* The worker that stands for the pool's owner: the thread that calls into
 * the library with the context that owns the pool. */
hm_worker *hm_pool_owner(hm_pool *p);

/* Run fn(args[k], w) for every k < n and return when all have finished:
 * args[0] on the calling worker self, the others on whichever threads are
 * free, self included (a pool of one thread runs them all on self, in order). */
void hm_pool_run(hm_pool *p, hm_worker *self, hm_task_fn fn, void *const *args, int n);

/* The worker's index, 0 .. hm_pool_size() - 1 (0 with no pool). */
int hm_worker_index(const hm_worker *w);

/* A buffer of at least n bytes that belongs to worker w and is kept for its
 * next task (the pixels of a band), 2 MB aligned; freed with the pool.
 * NULL when out of memory. */
void *hm_worker_buffer(hm_worker *w, size_t n);

#endif
