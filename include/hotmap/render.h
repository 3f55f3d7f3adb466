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
 * (hm_map_alt_text), in UTF-8 with a final newline; HM_FORMAT_HTML (.html) a page
 * of its own: the SVG inline with tooltips on its symbols, the alt text and a table
 * of the sites. */
typedef enum {
	HM_FORMAT_UNKNOWN = 0,
	HM_FORMAT_PNG,
	HM_FORMAT_SVG,
	HM_FORMAT_PDF,
	HM_FORMAT_TEXT,
	HM_FORMAT_HTML
} hm_format;

/** @return the format named by a file's extension (case-insensitive). */
HM_EXTERN hm_format hm_format_from_path(const char *path);

/** How an SVG writes its text: HM_SVG_TEXT_LIVE (the default: hotmap's own SVG, its text
 * <text> in the style's fonts, each layer a group, each symbol a circle with its site's
 * data) or HM_SVG_TEXT_OUTLINE (Cairo's SVG, every glyph an outline: the same look
 * without the fonts, but no text to find or edit). */
typedef enum { HM_SVG_TEXT_LIVE = 0, HM_SVG_TEXT_OUTLINE = 1 } hm_svg_text;

/** Start loading, beside the work that follows, what writing fmt needs (libxml2, loaded when
 * an SVG or a web page is first written) so that rendering does not wait for it; optional,
 * returns at once, a no-op for other formats. */
HM_EXTERN void hm_render_preload(hm_ctx *ctx, hm_format fmt);

/** Set how SVGs rendered with ctx (and the maps of a batch run with it) write their text. */
HM_EXTERN void hm_render_set_svg_text(hm_ctx *ctx, hm_svg_text mode);

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
