/* Meridians and parallels, and the edge of the world. */
#ifndef HM_GRATICULE_H
#define HM_GRATICULE_H

#include "map_priv.h"

/* m->graticule and its labels, at a round step for the map's extent; -1
 * out of memory. */
int hm_graticule_make(hm_map *m);
/* m->sphere: the edge of the world, when the frame reaches past it; -1 out
 * of memory. */
int hm_sphere_make(hm_map *m);
/* 1 if the pixel (px, py) of m is beyond the edge of the world. */
int hm_off_globe(const hm_map *m, double px, double py);

#endif
