/* The whole-map drawing: one routine for every surface. Drawing is done in
 * PNG pixel units; for SVG and PDF the caller scales the user space. */
#ifndef HM_DRAW_H
#define HM_DRAW_H

#include "map_priv.h"
#include "symbols_draw.h"

#include <cairo.h>

/* Draw m and its insets on cr; stamps: the symbols made for a PNG's bands
 * (hm_symbols_stamps_new), NULL for vector surfaces. */
void hm_draw_map(cairo_t *cr, const hm_map *m, const hm_stamps *stamps);

#endif
