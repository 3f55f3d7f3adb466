/* The layer's insides, shared with the map stage, which projects them. */
#ifndef HM_SHAPES_PRIV_H
#define HM_SHAPES_PRIV_H

#include "hotmap/shapes.h"

#include <geos_c.h>
#include <pthread.h>

typedef struct {
	char *name;
	char *alt_names[3]; /* ADMIN, NAME_LONG, FORMAL_EN when they differ */
	char iso_a3[8];
	GEOSGeometry *geom;		  /* lon/lat, clipped; polygons or lines; of a lazy
					   * layer, read on first use: see hm_layer_geom */
	const GEOSPreparedGeometry *prep; /* made on the first point query */
	double bbox[4];			  /* xmin, ymin, xmax, ymax of geom (lazy: of the record) */
	int rec;			  /* record in the shapefile */
	int read;			  /* lazy layer: geom was read (it may still be NULL) */
} hm_feature;

struct hm_layer {
	GEOSContextHandle_t geos;
	hm_feature *items;
	size_t count;
	int polygons; /* 1 polygons, 0 lines */
	char *path;
	/* A lazy layer (a session cache's whole-world layer) keeps its
	 * shapefile open and reads a record's geometry the first time any
	 * thread asks for it, under the lock: a batch of five countries then
	 * reads five countries and their neighbours, not the world, and the
	 * workers share that reading. */
	int lazy;
	void *shp; /* SHPHandle */
	pthread_mutex_t lock;
};

/* The whole layer of a shapefile, lazy (see struct hm_layer): for the
 * session cache. As hm_layer_load otherwise. */
int hm_layer_load_lazy(hm_layer **out, hm_ctx *ctx, const char *path);

/* A GEOS handle for one thread, its notices and errors dropped (they are not
 * actionable for users; failures show as NULL results). */
GEOSContextHandle_t hm_geos_new(void);

/* The geometry of feature i (NULL when its record is unusable, which is
 * then warned through ctx once); safe from any thread. */
const GEOSGeometry *hm_layer_geom(const hm_layer *layer, size_t i, hm_ctx *ctx);

#endif
