/* Insets: detail panels and the locator, each a map of its own drawn into
 * a panel of its parent's canvas. */
#ifndef HM_INSETS_H
#define HM_INSETS_H

#include "map_priv.h"

/* How the map stage builds a map into a panel: insets are maps, and this
 * module asks the map stage for them instead of calling back up into it. */
typedef struct {
	int (*build)(hm_map **out, hm_ctx *ctx, const hm_sites *sites, const hm_map_opts *o,
		     int role, const double *panel);
	void (*free)(hm_map *m);
} hm_map_maker;

/* The insets o asks for (given detail boxes, clusters with inset_auto, the
 * locator), each in a free corner, built with build. */
int hm_insets_make(hm_map *m, hm_ctx *ctx, const hm_sites *sites, const hm_map_opts *o,
		   const hm_map_maker *build);

#endif
