/* Site symbols: circles, drawn on a raster with many of them as stamps made
 * once per map (symbols_draw.c says why). */
#ifndef HM_SYMBOLS_DRAW_H
#define HM_SYMBOLS_DRAW_H

#include "map_priv.h"

#include <cairo.h>

/* The stamps of one map's symbols, made before a PNG's bands. */
typedef struct hm_stamps hm_stamps;

/* Every stamp a PNG of m needs in *out, drawn on ctx's threads; *out is NULL
 * if m has too few sites for stamps. 0, or -1 out of memory. */
int hm_symbols_stamps_new(hm_stamps **out, hm_ctx *ctx, const hm_map *m);
/* Free a set of stamps; NULL is a no-op. */
void hm_symbols_stamps_free(hm_stamps *ss);
/* Draw m's symbols; stamps: those made for a PNG's bands, NULL otherwise. */
void hm_symbols_draw(cairo_t *cr, const hm_map *m, const hm_stamps *stamps);
/* A category's outline colour for its fill colour c. */
hm_color hm_symbols_category_line(hm_color c);

#endif
