/* Label placement: site labels around their symbols, in cartographic order of
 * preference and in priority order (largest value first), never over another
 * label, a symbol's centre, the map furniture or the frame edge (country
 * names: names.h). */
#ifndef HM_LABELS_H
#define HM_LABELS_H

#include "frame.h"
#include "map_priv.h"

/* The longest leader from a symbol to its label (mm): further away, a label
 * reads as another symbol's. */
#define HM_LEADER_MAX_MM 6.0

/* Place the site labels; m->furniture must be set. budget: hm_map_opts.labels
 * (HM_LABELS_AUTO, HM_LABELS_ALL, HM_LABELS_NONE or at most N). Logs
 * left-out labels. */
int hm_labels_place_sites(hm_map *m, hm_ctx *ctx, long budget);
#endif
