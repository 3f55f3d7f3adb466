/* Dorling's displacement: symbols pushed apart until none overlap, each
 * joined to its true position by a thin line (layer_displacement.c). */
#ifndef HM_DORLING_H
#define HM_DORLING_H

#include "map_priv.h"

/* Most rounds of pushing; a round that moves nothing ends it. */
#define HM_DORLING_ROUNDS 300
/* A symbol moves at most this far from its true position: twice the largest
 * radius, and at least this many mm. */
#define HM_DORLING_MIN_MM 2.0

/* Push the drawn symbols of m in its frame apart (m->order set): in rounds,
 * each pair that overlaps (or comes closer than a hairline) moves apart
 * along the line between their centres, the smaller symbol the more (by
 * the other's share of their areas), in m->order, then each symbol is held
 * within the bound of its true position. Sets m->true_xy and the
 * displacement figures. -1 out of memory. */
int hm_dorling(hm_map *m);

#endif
