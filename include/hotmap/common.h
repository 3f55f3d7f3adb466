/* Shared by every hotmap module: the context that carries errors, warnings and
 * progress messages, and the error codes that every fallible call returns.
 * The library never prints and never exits; the caller reads hm_ctx_errmsg().
 * Public structs are either opaque (hm_ctx, hm_map, hm_proj, ...) or stable:
 * their fields keep their meaning and new ones are added only at the end.
 * Adding one changes the struct's size, so it comes with a new SOVERSION and
 * programs are rebuilt; option structs are initialised with their _INIT
 * macro so that rebuilt programs get the new defaults. */
#ifndef HOTMAP_COMMON_H
#define HOTMAP_COMMON_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Marks the public API: the shared library exports these and nothing else
 * (the library is built with hidden visibility). */
#if defined(__GNUC__)
#define HM_EXTERN __attribute__((visibility("default")))
#else
#define HM_EXTERN
#endif

/** Error codes: 0 is success, every failure is negative. */
enum {
	HM_OK = 0,
	HM_EUSAGE = -1, /**< a bad option or argument from the caller */
	HM_EDATA = -2,	/**< bad input data (CSV, shapefile, CRS); message has file:line */
	HM_EIO = -3,	/**< reading or writing a file failed */
	HM_ENOMEM = -4, /**< out of memory */
	HM_ERENDER = -5 /**< the drawing library failed */
};

/** Severity of a message sent to the log callback. */
typedef enum {
	HM_LOG_WARN = 0, /**< a problem that was worked around (a skipped row) */
	HM_LOG_INFO = 1	 /**< what hotmap chose (projection, shapes); for --verbose */
} hm_log_level;

/** A log callback: receives one message, without trailing newline. */
typedef void (*hm_log_fn)(void *userdata, hm_log_level level, const char *msg);

/** Error and log state; one per thread. */
typedef struct hm_ctx hm_ctx;

/** @return a new context owned by the caller (free with hm_ctx_free), or NULL
 * when out of memory. */
HM_EXTERN hm_ctx *hm_ctx_new(void);

/** Free a context; NULL is a no-op. */
HM_EXTERN void hm_ctx_free(hm_ctx *ctx);

/** @return the message of the last error, "" if none; owned by the context and
 * valid until the next call that fails. */
HM_EXTERN const char *hm_ctx_errmsg(const hm_ctx *ctx);

/** @return the code of the last error, HM_OK if none. */
HM_EXTERN int hm_ctx_errcode(const hm_ctx *ctx);

/** Set the context's error, as the library does (for front ends that check
 * their own arguments). @return code */
HM_EXTERN int hm_ctx_set_error(hm_ctx *ctx, int code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/** Clear the last error. */
HM_EXTERN void hm_ctx_clear(hm_ctx *ctx);

/** Send warnings and info messages to fn (NULL drops them). */
HM_EXTERN void hm_ctx_set_log(hm_ctx *ctx, hm_log_fn fn, void *userdata);

/** The log callback and its user data, to hand to another context. */
HM_EXTERN void hm_ctx_get_log(const hm_ctx *ctx, hm_log_fn *fn, void **userdata);

/** Most threads a context may draw with. */
#define HM_MAX_THREADS 64

/**
 * Let calls made with ctx use up to n threads (clamped to 1..HM_MAX_THREADS;
 * the default is 1, the calling thread only). A PNG is then drawn and
 * compressed in n horizontal bands at once; the pixels are the same.
 */
HM_EXTERN void hm_ctx_set_threads(hm_ctx *ctx, int n);

/** @return the threads set by hm_ctx_set_threads (1 by default). */
HM_EXTERN int hm_ctx_threads(const hm_ctx *ctx);

/** Seconds spent in each stage, added up by the calls made with a context.
 * Read-only for callers. Stable: fields may be added only at the end (it is
 * part of hm_batch_result, so with a new SOVERSION). */
typedef struct {
	double load_csv;    /**< reading and checking the CSV */
	double load_shapes; /**< reading (or clipping from a cache) the shapefiles */
	double project;	    /**< projecting shapes and sites to pixels */
	double layout;	    /**< legend, scale bar, insets, labels */
	double draw;	    /**< drawing with Cairo and Pango */
	double encode;	    /**< encoding and writing the files */
} hm_timings;

/** @return the context's stage times; owned by the context. */
HM_EXTERN const hm_timings *hm_ctx_timings(const hm_ctx *ctx);

/** @return the number of warnings logged since the context was made. */
HM_EXTERN size_t hm_ctx_warnings(const hm_ctx *ctx);

/** Release the process-wide caches of the font stack (Pango's font map,
 * Cairo's font caches, fontconfig), so that leak checkers see a clean exit.
 * Call once, at exit, after every other hotmap call; optional. */
HM_EXTERN void hm_shutdown(void);

/** @return the library's version string, e.g. "0.1.0"; static storage. */
HM_EXTERN const char *hm_version(void);

#ifdef __cplusplus
}
#endif
#endif
