/* Private helpers of the context: errors, logging, timings and its threads. */
#ifndef HM_CONTEXT_PRIV_H
#define HM_CONTEXT_PRIV_H

#include "hotmap/common.h"
#include "hotmap/render.h"
#include "pool.h"

#if defined(__GNUC__)
#define HM_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define HM_PRINTF(a, b)
#endif

/* Set the context's error; returns code so callers can `return hm_error(...)`. */
int hm_error(hm_ctx *ctx, int code, const char *fmt, ...) HM_PRINTF(3, 4);
void hm_log(hm_ctx *ctx, hm_log_level level, const char *fmt, ...) HM_PRINTF(3, 4);
/* Monotonic seconds. */
double hm_now(void);

/* The stages whose seconds a context adds up (hm_timings). */
typedef enum {
	HM_STAGE_LOAD_CSV,
	HM_STAGE_LOAD_SHAPES,
	HM_STAGE_PROJECT,
	HM_STAGE_LAYOUT,
	HM_STAGE_DRAW,
	HM_STAGE_ENCODE
} hm_stage;

/* Add seconds to a stage of ctx's timings; a NULL ctx keeps none. */
void hm_ctx_add_time(hm_ctx *ctx, hm_stage stage, double seconds);

/* Run fn(args[k], w) for k < n on the context's pool: args[0] on the
 * context's own worker, the others on whichever threads are free; returns
 * when all have finished (see pool.h). */
void hm_ctx_run(hm_ctx *ctx, hm_task_fn fn, void *const *args, int n);

/* The worker the context's calls run on (its buffers outlive one task). */
hm_worker *hm_ctx_worker(const hm_ctx *ctx);

/* A context for work that runs on worker w of parent's pool (a map of a
 * batch): its own error and timings, the parent's log and threads. Free
 * with hm_ctx_free; parent must outlive it. NULL when out of memory. */
hm_ctx *hm_ctx_new_child(const hm_ctx *parent, hm_worker *w);

/* Run fn(arg) on a thread of its own beside the context's work (one at a
 * time; hm_ctx_free waits for it); -1 if it cannot start. */
int hm_ctx_start_side(hm_ctx *ctx, void *(*fn)(void *), void *arg);

/* How an SVG made with ctx writes its text (hm_render_set_svg_text). */
hm_svg_text hm_ctx_svg_text(const hm_ctx *ctx);

/* Like strdup, but NULL-safe. */
char *hm_strdup(const char *s);

#endif
