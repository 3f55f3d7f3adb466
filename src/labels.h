/* Label placement: site labels around their symbols, in cartographic order of
 * preference and in priority order (largest value first), never over another
 * label, a symbol's centre, the map furniture or the frame edge (country
 * names: names.h). */
#ifndef HM_LABELS_H
#define HM_LABELS_H

#include "frame.h"
#include "map_priv.h"

/* Place the site labels; m->furniture must be set. Logs left-out labels. */
int hm_labels_place_sites(hm_map *m, hm_ctx *ctx);
#endif
