/* Private helpers for setting errors and logging through an hm_ctx. */
#ifndef HM_CONTEXT_PRIV_H
#define HM_CONTEXT_PRIV_H

#include "hotmap/common.h"

#if defined(__GNUC__)
#define HM_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define HM_PRINTF(a, b)
#endif

/* Set the context's error; returns code so callers can `return hm_error(...)`. */
int hm_error(hm_ctx *ctx, int code, const char *fmt, ...) HM_PRINTF(3, 4);
void hm_log(hm_ctx *ctx, hm_log_level level, const char *fmt, ...) HM_PRINTF(3, 4);
/* Monotonic seconds, and the context's timings to add to. */
double hm_now(void);
hm_timings *hm_ctx_timings_mut(hm_ctx *ctx);
/* Run fn(args[k]) for k < n: args[0] in the calling thread, the others on
 * the context's helper threads while there are idle ones, the rest in the
 * calling thread; returns when all have. */
void hm_ctx_parallel(hm_ctx *ctx, void *(*fn)(void *), void *const *args, int n);
/* Free the calling thread's kept pixel buffer (render.c); other threads'
 * go when they exit. */
void hm_render_release_thread(void);
/* Draw bands of the PNGs other threads are drawing until none is left and
 * stop(arg) says to stop (it is called under render.c's lock, so it must
 * not wait on anything that calls into render.c); waits for work when a PNG
 * starts and on hm_render_help_wake(), which must follow every change that
 * stop() reads. */
void hm_render_help(int (*stop)(void *), void *arg);
void hm_render_help_wake(void);
/* Like strdup, but NULL-safe. */
char *hm_strdup(const char *s);

#endif
