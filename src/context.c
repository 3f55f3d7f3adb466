#include "context.h"
#include "numfmt.h"
#include "text.h"

#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <pthread.h>
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
	hm_pool *pool;	 /* the threads of calls made with this context */
	hm_worker *self; /* the pool's worker this context's calls run on */
	int owns_pool;	 /* 0: a child's, borrowed from its parent */
	int svg_text;	 /* hm_svg_text: how an SVG writes its text */
	pthread_t side;	 /* hm_ctx_start_side: joined by hm_ctx_free */
	int has_side;
};

hm_ctx *hm_ctx_new(void)
{
	hm_ctx *ctx = calloc(1, sizeof(hm_ctx));

	if (!ctx)
		return NULL;
	ctx->pool = hm_pool_new(1, NULL);
	if (!ctx->pool) {
		free(ctx);
		return NULL;
	}
	ctx->self = hm_pool_owner(ctx->pool);
	ctx->owns_pool = 1;
	return ctx;
}

void hm_render_set_svg_text(hm_ctx *ctx, hm_svg_text mode)
{
	ctx->svg_text = mode;
}

hm_svg_text hm_ctx_svg_text(const hm_ctx *ctx)
{
	return (hm_svg_text)ctx->svg_text;
}

hm_ctx *hm_ctx_new_child(const hm_ctx *parent, hm_worker *w)
{
	hm_ctx *ctx = calloc(1, sizeof(hm_ctx));

	if (!ctx)
		return NULL;
	ctx->log = parent->log;
	ctx->log_ud = parent->log_ud;
	ctx->svg_text = parent->svg_text;
	ctx->pool = parent->pool;
	ctx->self = w;
	return ctx;
}

/* Fonts first on each new thread (fontconfig's set-up is shared, Pango's
 * font map is the thread's): done while the caller still reads its input. */
static void thread_start(void)
{
	hm_text_warm();
}

void hm_ctx_set_threads(hm_ctx *ctx, int n)
{
	hm_pool *p;

	n = n < 1 ? 1 : n > HM_MAX_THREADS ? HM_MAX_THREADS : n;
	if (!ctx->owns_pool || n == hm_pool_size(ctx->pool))
		return;
	p = hm_pool_new(n, thread_start);
	if (!p)
		return; /* out of memory: the threads it has */
	hm_pool_free(ctx->pool);
	ctx->pool = p;
	ctx->self = hm_pool_owner(p);
}

int hm_ctx_threads(const hm_ctx *ctx)
{
	return hm_pool_size(ctx->pool);
}

void hm_ctx_run(hm_ctx *ctx, hm_task_fn fn, void *const *args, int n)
{
	hm_pool_run(ctx->pool, ctx->self, fn, args, n);
}

hm_worker *hm_ctx_worker(const hm_ctx *ctx)
{
	return ctx->self;
}

int hm_ctx_start_side(hm_ctx *ctx, void *(*fn)(void *), void *arg)
{
	if (ctx->has_side || pthread_create(&ctx->side, NULL, fn, arg) != 0)
		return -1;
	ctx->has_side = 1;
	return 0;
}

void hm_ctx_free(hm_ctx *ctx)
{
	if (!ctx)
		return;
	if (ctx->has_side)
		pthread_join(ctx->side, NULL);
	if (ctx->owns_pool)
		hm_pool_free(ctx->pool);
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
	hm_vsnprintf_c(ctx->msg, sizeof(ctx->msg), fmt, ap);
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

void hm_ctx_add_time(hm_ctx *ctx, hm_stage stage, double seconds)
{
	hm_timings *t;

	if (!ctx)
		return;
	t = &ctx->timings;
	switch (stage) {
	case HM_STAGE_LOAD_CSV: t->load_csv += seconds; break;
	case HM_STAGE_LOAD_SHAPES: t->load_shapes += seconds; break;
	case HM_STAGE_PROJECT: t->project += seconds; break;
	case HM_STAGE_LAYOUT: t->layout += seconds; break;
	case HM_STAGE_DRAW: t->draw += seconds; break;
	case HM_STAGE_ENCODE: t->encode += seconds; break;
	}
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
	hm_vsnprintf_c(buf, sizeof(buf), fmt, ap);
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
