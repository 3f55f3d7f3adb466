/* Label placement: site labels around their symbols, in cartographic order of
 * preference and in priority order (largest value first), never over another
 * label, a symbol's centre, the map furniture or the frame edge; then country
 * names inside their polygons where they fit. */
#ifndef HM_LABELS_H
#define HM_LABELS_H

#include "map_priv.h"
#include "shapes_priv.h"

/* Place the site labels; m->furniture must be set. Logs left-out labels. */
int hm_labels_place_sites(hm_map *m, hm_ctx *ctx);
/* Place the names of the countries of layer (same order as m->features). */
int hm_labels_place_countries(hm_map *m, hm_ctx *ctx, hm_layer *layer);

/* 1 if two boxes (x, y, w, h) overlap. */
int hm_box_overlap(const double a[4], const double b[4]);

#endif
