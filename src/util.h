/* Private helpers shared by the modules: file reading, UTF-8, text. */
#ifndef HM_UTIL_H
#define HM_UTIL_H

#include "hotmap/common.h"

#include <stddef.h>

/* Bounds on what hotmap reads, so that a hostile file cannot make it
 * allocate without limit (documented in docs/limits.md). */
#define HM_MAX_CSV_BYTES ((size_t)1 << 30)

/* Read a whole file into *out (NUL-terminated, caller frees). */
int hm_read_file(char **out, size_t *len, hm_ctx *ctx, const char *path,
		 size_t max);
/* 0 if buf is valid UTF-8, else -1 with *bad = offset of the first bad byte. */
int hm_utf8_check(const char *buf, size_t len, size_t *bad);
/* 1-based line number of byte offset off in buf. */
size_t hm_line_of(const char *buf, size_t off);
/* Copy of s without leading/trailing ASCII space; caller frees. */
char *hm_trim_dup(const char *s);
/* 1 if s is empty or only spaces. */
int hm_is_blank(const char *s);

#endif
