/* Sites on the map: position, radius, country, label text, draw order,
 * highlighted countries; then the legend and scale bar that depend on them. */
#ifndef HM_PLACE_H
#define HM_PLACE_H

#include "map_priv.h"
#include "shapes_priv.h"

/* Place every site of sites on m, its country from layer (the one rule of
 * assign.h); HM_ENOMEM. */
int hm_place_sites(hm_map *m, hm_ctx *ctx, const hm_sites *sites, const hm_map_opts *o,
		   hm_layer *layer);

#endif
