/* The order of a map's layers (layer.h): which layers a map has and which
 * is drawn over which, decided in one place. */
#ifndef HM_LAYERS_H
#define HM_LAYERS_H

#include "map_priv.h"

/* m->layers from what the layout stages made of m, in drawing order. */
void hm_layers_assemble(hm_map *m);

#endif
