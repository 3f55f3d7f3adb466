/* The layer's insides, shared with the map stage, which projects them. */
#ifndef HM_SHAPES_PRIV_H
#define HM_SHAPES_PRIV_H

#include "hotmap/shapes.h"

#include <geos_c.h>

typedef struct {
	char *name;
	char *alt_names[3]; /* ADMIN, NAME_LONG, FORMAL_EN when they differ */
	char iso_a3[8];
	GEOSGeometry *geom; /* lon/lat, clipped; polygons or lines */
	const GEOSPreparedGeometry *prep; /* made once point queries are many */
	unsigned queries;                  /* point queries that reached the geometry */
	double bbox[4];     /* xmin, ymin, xmax, ymax of geom */
} hm_feature;

struct hm_layer {
	GEOSContextHandle_t geos;
	hm_feature *items;
	size_t count;
	int polygons; /* 1 polygons, 0 lines */
	char *path;
};

#endif
