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

/* A province's share of the map's sites. */
typedef struct {
	const char *name; /* the map's (hm_map.prov_names) */
	size_t sites;
	double total;
} hm_province_tally;

/* The provinces of m that hold sites, in the file's order, into *out
 * (malloc'd; NULL when none); returns their number, 0 without provinces,
 * (size_t)-1 out of memory. */
size_t hm_provinces_tally(const hm_map *m, hm_province_tally **out);

#endif
