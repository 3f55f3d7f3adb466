#include "context.h"
#include "text.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct hm_ctx {
	int code;
	char msg[1024];
	hm_log_fn log;
	void *log_ud;
	atomic_size_t warnings; /* hm_log may be called from any of its threads */
	hm_timings timings;
	/* helper threads (hm_ctx_set_threads), waiting for work */
	pthread_t tid[HM_MAX_THREADS];
	int nthreads;
	pthread_mutex_t mu;
	pthread_cond_t work, done;
	struct hm_task *queue[HM_MAX_THREADS];
	int nqueued, stop;
};

struct hm_task {
	void *(*fn)(void *);
	void *arg;
	int finished;
};

hm_ctx *hm_ctx_new(void)
{
	return calloc(1, sizeof(hm_ctx));
}

static void *helper(void *arg)
{
	hm_ctx *ctx = arg;

	/* Fonts first (fontconfig's set-up is shared, Pango's font map is this
	 * thread's): done while the caller still reads its input. */
	hm_text_warm();
	pthread_mutex_lock(&ctx->mu);
	for (;;) {
		struct hm_task *t;
		while (!ctx->stop && ctx->nqueued == 0)
			pthread_cond_wait(&ctx->work, &ctx->mu);
		if (ctx->nqueued == 0)
			break;
		t = ctx->queue[--ctx->nqueued];
		pthread_mutex_unlock(&ctx->mu);
		t->fn(t->arg);
		pthread_mutex_lock(&ctx->mu);
		t->finished = 1;
		pthread_cond_broadcast(&ctx->done);
	}
	pthread_mutex_unlock(&ctx->mu);
	return NULL;
}

static void stop_helpers(hm_ctx *ctx)
{
	if (!ctx->nthreads)
		return;
	pthread_mutex_lock(&ctx->mu);
	ctx->stop = 1;
	pthread_cond_broadcast(&ctx->work);
	pthread_mutex_unlock(&ctx->mu);
	for (int k = 0; k < ctx->nthreads; k++)
		pthread_join(ctx->tid[k], NULL);
	pthread_cond_destroy(&ctx->work);
	pthread_cond_destroy(&ctx->done);
	pthread_mutex_destroy(&ctx->mu);
	ctx->nthreads = 0;
	ctx->stop = 0;
}

void hm_ctx_set_threads(hm_ctx *ctx, int n)
{
	n = n < 1 ? 1 : n > HM_MAX_THREADS ? HM_MAX_THREADS : n;
	stop_helpers(ctx);
	if (n == 1 || pthread_mutex_init(&ctx->mu, NULL) != 0)
		return;
	if (pthread_cond_init(&ctx->work, NULL) != 0) {
		pthread_mutex_destroy(&ctx->mu);
		return;
	}
	if (pthread_cond_init(&ctx->done, NULL) != 0) {
		pthread_cond_destroy(&ctx->work);
		pthread_mutex_destroy(&ctx->mu);
		return;
	}
	/* a helper that cannot start leaves its share to the caller */
	while (ctx->nthreads < n - 1 &&
	       pthread_create(&ctx->tid[ctx->nthreads], NULL, helper, ctx) == 0)
		ctx->nthreads++;
	if (ctx->nthreads == 0) {
		pthread_cond_destroy(&ctx->work);
		pthread_cond_destroy(&ctx->done);
		pthread_mutex_destroy(&ctx->mu);
	}
}

int hm_ctx_threads(const hm_ctx *ctx)
{
	return 1 + ctx->nthreads;
}

void hm_ctx_parallel(hm_ctx *ctx, void *(*fn)(void *), void *const *args, int n)
{
	struct hm_task t[HM_MAX_THREADS];
	int queued = 0;

	n = n > HM_MAX_THREADS ? HM_MAX_THREADS : n;
	if (ctx->nthreads) {
		pthread_mutex_lock(&ctx->mu);
		for (int k = 1; k < n && queued < ctx->nthreads; k++, queued++) {
			t[k] = (struct hm_task){fn, args[k], 0};
			ctx->queue[ctx->nqueued++] = &t[k];
		}
		pthread_cond_broadcast(&ctx->work);
		pthread_mutex_unlock(&ctx->mu);
	}
	if (n > 0)
		fn(args[0]);
	for (int k = queued + 1; k < n; k++)
		fn(args[k]);
	if (queued) {
		/* tasks no helper has taken yet (a helper still setting up fonts,
		 * or busy) are the caller's: it does not wait for them idle */
		int mine[HM_MAX_THREADS], nmine = 0;
		pthread_mutex_lock(&ctx->mu);
		for (int i = 0; i < ctx->nqueued;) {
			int k = 1;
			while (k <= queued && ctx->queue[i] != &t[k])
				k++;
			if (k <= queued) {
				mine[nmine++] = k;
				ctx->queue[i] = ctx->queue[--ctx->nqueued];
			} else {
				i++;
			}
		}
		pthread_mutex_unlock(&ctx->mu);
		for (int i = 0; i < nmine; i++) {
			t[mine[i]].fn(t[mine[i]].arg);
			t[mine[i]].finished = 1;
		}
		pthread_mutex_lock(&ctx->mu);
		for (int k = 1; k <= queued; k++)
			while (!t[k].finished)
				pthread_cond_wait(&ctx->done, &ctx->mu);
		pthread_mutex_unlock(&ctx->mu);
	}
}

void hm_ctx_free(hm_ctx *ctx)
{
	if (!ctx)
		return;
	stop_helpers(ctx);
	free(ctx);
}

const char *hm_ctx_errmsg(const hm_ctx *ctx)
{
	return ctx ? ctx->msg : "";
}

int hm_ctx_errcode(const hm_ctx *ctx)
{
	return ctx ? ctx->code : HM_OK;
}

static int set_error(hm_ctx *ctx, int code, const char *fmt, va_list ap)
{
	if (!ctx)
		return code;
	ctx->code = code;
	vsnprintf(ctx->msg, sizeof(ctx->msg), fmt, ap);
	return code;
}

int hm_ctx_set_error(hm_ctx *ctx, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_error(ctx, code, fmt, ap);
	va_end(ap);
	return code;
}

void hm_ctx_clear(hm_ctx *ctx)
{
	ctx->code = HM_OK;
	ctx->msg[0] = '\0';
}

void hm_ctx_set_log(hm_ctx *ctx, hm_log_fn fn, void *userdata)
{
	ctx->log = fn;
	ctx->log_ud = userdata;
}

void hm_ctx_get_log(const hm_ctx *ctx, hm_log_fn *fn, void **userdata)
{
	*fn = ctx->log;
	*userdata = ctx->log_ud;
}

const hm_timings *hm_ctx_timings(const hm_ctx *ctx)
{
	return &ctx->timings;
}

hm_timings *hm_ctx_timings_mut(hm_ctx *ctx)
{
	static _Thread_local hm_timings scratch;

	return ctx ? &ctx->timings : &scratch;
}

double hm_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

size_t hm_ctx_warnings(const hm_ctx *ctx)
{
	return atomic_load(&ctx->warnings);
}

const char *hm_version(void)
{
	return HOTMAP_VERSION;
}

int hm_error(hm_ctx *ctx, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_error(ctx, code, fmt, ap);
	va_end(ap);
	return code;
}

void hm_log(hm_ctx *ctx, hm_log_level level, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	if (!ctx)
		return;
	if (level == HM_LOG_WARN)
		atomic_fetch_add(&ctx->warnings, 1);
	if (!ctx->log)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	ctx->log(ctx->log_ud, level, buf);
}

char *hm_strdup(const char *s)
{
	size_t n;
	char *p;

	if (!s)
		return NULL;
	n = strlen(s) + 1;
	p = malloc(n);
	if (p)
		memcpy(p, s, n);
	return p;
}
