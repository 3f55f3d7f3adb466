/* The render stage: draws a laid-out map with Cairo and Pango to PNG, SVG or
 * PDF. Every output (and the manifest) is written to a temp file and renamed
 * into place only when all of them succeeded. */
#ifndef HOTMAP_RENDER_H
#define HOTMAP_RENDER_H

#include "hotmap/common.h"
#include "hotmap/map.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Output formats; HM_FORMAT_TEXT (.txt) is the map's text alternative
 * (hm_map_alt_text), in UTF-8 with a final newline. */
typedef enum {
	HM_FORMAT_UNKNOWN = 0,
	HM_FORMAT_PNG,
	HM_FORMAT_SVG,
	HM_FORMAT_PDF,
	HM_FORMAT_TEXT
} hm_format;

/** @return the format named by a file's extension (case-insensitive). */
HM_EXTERN hm_format hm_format_from_path(const char *path);

/** Draw the map to every path in outputs (format by extension) and write
 * the manifest (NULL: none). Nothing is replaced unless all succeed.
 * @return 0, HM_EUSAGE (unknown extension), HM_EIO or HM_ERENDER */
HM_EXTERN int hm_render_write(hm_ctx *ctx, const hm_map *map, const char *const *outputs, size_t n,
			      const char *manifest);

/** Draw the map as a PNG into memory.
 * @param out receives a malloc'd buffer owned by the caller (free())
 * @return 0, HM_ERENDER or HM_ENOMEM */
HM_EXTERN int hm_render_png_buffer(unsigned char **out, size_t *len, hm_ctx *ctx,
				   const hm_map *map);

#ifdef __cplusplus
}
#endif
#endif
