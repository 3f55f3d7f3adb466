#include "context.h"

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
	size_t warnings;
	hm_timings timings;
};

hm_ctx *hm_ctx_new(void)
{
	return calloc(1, sizeof(hm_ctx));
}

void hm_ctx_free(hm_ctx *ctx)
{
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
	return ctx->warnings;
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
		ctx->warnings++;
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
