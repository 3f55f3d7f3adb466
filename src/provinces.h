/* Provinces (first-level divisions) from the user's boundary file: read
 * and checked (polygons, longitude/latitude, the name field), drawn under
 * the country borders, named, and each site given its province by the one
 * assignment rule (inside, else the nearest within near_km). */
#ifndef HM_PROVINCES_H
#define HM_PROVINCES_H

#include "map_priv.h"

/* The first of these fields that a boundary file has names its provinces
 * when the caller names none. */
#define HM_PROVINCE_FIELDS "NAME_1", "ADM1_EN", "ADM1_NAME", "shapeName", "NAME", "name"

/* Read o->provinces (if any) into m and project the provinces in view;
 * HM_EDATA with the file and the field for a file that cannot serve. */
int hm_provinces_load(hm_map *m, hm_ctx *ctx, const hm_map_opts *o);
/* Each placed site's province (m->sites set), then (names 1) the
 * provinces' names, after the countries'; the file's features are let go. */
int hm_provinces_layout(hm_map *m, hm_ctx *ctx, double near_km, int names);
void hm_provinces_free(hm_map *m);

#endif
