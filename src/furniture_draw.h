/* Map furniture: what is drawn on a map besides the map itself. Each item
 * is skipped in a band of a PNG it cannot reach. */
#ifndef HM_FURNITURE_DRAW_H
#define HM_FURNITURE_DRAW_H

#include "map_priv.h"

#include <cairo.h>

/* The legend: size circles with their values, category rows. */
void hm_furniture_legend(cairo_t *cr, const hm_map *m);
/* The scale bar, in km and miles. */
void hm_furniture_scalebar(cairo_t *cr, const hm_map *m);
/* The north arrow, turned to north. */
void hm_furniture_north_arrow(cairo_t *cr, const hm_map *m);
/* Inset i's frame on m: a detail's source box and connectors, and the
 * panel's paper margin (the inset's map is drawn on it afterwards). */
void hm_furniture_inset_frame(cairo_t *cr, const hm_map *m, size_t i);
/* The title, subtitle and source lines, outside the frame. */
void hm_furniture_titles(cairo_t *cr, const hm_map *m);

#endif
