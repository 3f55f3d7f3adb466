/* The one rule that gives a site its country, used by every map, the
 * batch and the manifest: the country the CSV names (a name, an alias or an
 * ISO code of the shapes), else the country the site lies in, else the
 * nearest country within a distance (coarse borders, sites on a coast). */
#ifndef HM_ASSIGN_H
#define HM_ASSIGN_H

#include "hotmap/assign.h"
#include "hotmap/shapes.h"
#include "shapes_priv.h"
#include "hotmap/sites.h"

/* The default distance of the rule, in km. */
#define HM_ASSIGN_NEAR_KM 10.0

/* What a run of assignments remembers: rows of one country mostly follow
 * each other, and the last name's answer is reused. Zero it to start. */
typedef struct {
	const char *name;
	long feature;
} hm_assign_memo;

/* How a site got its country. */
typedef enum {
	HM_ASSIGN_NONE = 0, /* none: no name that matches, nothing within near_km */
	HM_ASSIGN_NAMED,    /* the CSV's country column */
	HM_ASSIGN_INSIDE,   /* the polygon it lies in */
	HM_ASSIGN_NEAR	    /* the nearest polygon within near_km */
} hm_assign_how;

/* The feature of layer that is site s's country, or -1, asked through q (a
 * thread's own, see shapes_priv.h; NULL: the layer's own); *how says which
 * part of the rule decided (may be NULL). A country name that the shapes do
 * not know falls back to the coordinates; *unknown_name is then set to 1
 * (may be NULL) so that the caller can warn. memo may be NULL. */
long hm_assign_country(hm_layer *layer, hm_layer_query *q, const hm_site *s, double near_km,
		       hm_assign_memo *memo, hm_assign_how *how, int *unknown_name);

/* out[i]: the feature of layer that is site i's country, or -1, for every
 * site, on ctx's threads; with shp (the shapefile's name, for messages),
 * warns through ctx (with file:line), in the CSV's order, of country names
 * the shapes do not know and of sites in no country. 0 or HM_ENOMEM. */
int hm_assign_all(long *out, hm_ctx *ctx, hm_layer *layer, const hm_sites *sites, double near_km,
		  const char *shp);

#endif
