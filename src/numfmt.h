/* Numbers as C writes them, in every locale: a host program may set
 * LC_NUMERIC (or a thread's locale with uselocale) to one with a decimal
 * comma, and CRS strings, the manifest's JSON, parsed styles, specs and CSV
 * values must not follow it. No setlocale and no process-wide state: the
 * calling thread switches to the C locale for the call and back. */
#ifndef HM_NUMFMT_H
#define HM_NUMFMT_H

#include <locale.h>
#include <stdarg.h>
#include <stddef.h>

#if defined(__GNUC__)
#define HM_NUMFMT_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define HM_NUMFMT_PRINTF(a, b)
#endif

/* strtod with '.' as the decimal point, whatever the locale. */
double hm_strtod(const char *s, char **end);

/* snprintf and vsnprintf printing '.' as the decimal point (and no
 * grouping), whatever the locale; the same bytes as in "C". */
int hm_snprintf_c(char *buf, size_t cap, const char *fmt, ...) HM_NUMFMT_PRINTF(3, 4);
int hm_vsnprintf_c(char *buf, size_t cap, const char *fmt, va_list ap) HM_NUMFMT_PRINTF(3, 0);

/* For a run of stdio calls (a JSON writer): the calling thread prints and
 * parses as in "C" from hm_numfmt_begin() until hm_numfmt_end(saved), which
 * gives it back the locale it had. Every begin needs its end on the same
 * thread, before the function returns. */
locale_t hm_numfmt_begin(void);
void hm_numfmt_end(locale_t saved);

#endif
