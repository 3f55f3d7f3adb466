/* Private helpers shared by the modules: file reading, UTF-8, text. */
#ifndef HM_UTIL_H
#define HM_UTIL_H

#include "hotmap/common.h"

#include <stddef.h>

/* Bounds on what hotmap reads, so that a hostile file cannot make it
 * allocate without limit (documented in docs/limits.md). */
#define HM_MAX_CSV_BYTES ((size_t)1 << 30)   /* a CSV file: 1 GiB */
#define HM_MAX_FIELD_BYTES ((size_t)1 << 16) /* one field: 64 KiB */
#define HM_MAX_ROW_BYTES ((size_t)1 << 20)   /* one row: 1 MiB */
#define HM_MAX_COLUMNS 1000
#define HM_MAX_SITES ((size_t)10000000) /* ten million sites */
#define HM_MAX_VERTICES 20000000	/* points in one shapefile record */

/* Read a whole file into *out (NUL-terminated, caller frees). */
int hm_read_file(char **out, size_t *len, hm_ctx *ctx, const char *path, size_t max);
/* 0 if buf is valid UTF-8, else -1 with *bad = offset of the first bad byte. */
int hm_utf8_check(const char *buf, size_t len, size_t *bad);
/* 1-based line number of byte offset off in buf. */
size_t hm_line_of(const char *buf, size_t off);
/* calloc that writes its zeros. calloc leaves memory fresh from the kernel
 * as it is; read before it is written, such memory maps the kernel's shared
 * zero page, and the first write then copies that page and flushes the TLB
 * of every CPU the process runs on: an interrupt per page to the other
 * threads (3% of a two-worker batch's time, in generalisation's tables).
 * For tables read before they are written; NULL on overflow. */
void *hm_zalloc(size_t n, size_t size);
/* Copy of s without leading/trailing ASCII space; caller frees. */
char *hm_trim_dup(const char *s);
/* Text from data, fit for a message: at most 40 bytes (cut on a UTF-8
 * boundary, "..." added), control characters shown as '?'. */
void hm_quote_text(char *dst, size_t cap, const char *src);
/* Lines of an INI text for inih's ini_parse_stream (styles, specs): counts
 * lines into *line, so that the handler knows where it is; drops a BOM, CRs
 * and leading blanks (so indented keys are not continuation lines); hands
 * section headers to on_section before inih parses them; stops when *stop
 * becomes nonzero, or at a line too long for inih (on_too_long). */
typedef struct {
	const char *p;
	int *line;
	const int *stop;
	void (*on_section)(void *owner, const char *text);
	void (*on_too_long)(void *owner, int max);
	void *owner;
} hm_ini_lines;

char *hm_ini_read_line(char *str, int num, void *stream);

/* 1 if s is empty or only spaces. */
int hm_is_blank(const char *s);

#endif
