/* The layer's insides, shared with the map stage, which projects them. */
#ifndef HM_SHAPES_PRIV_H
#define HM_SHAPES_PRIV_H

#include "hotmap/shapes.h"

#include <geos_c.h>
#include <pthread.h>

/* Point and nearest queries of one thread: its own GEOS handle and its own
 * prepared geometries (made on first use, kept for its next queries), so
 * that threads may query one layer at once, each through its own. */
typedef struct {
	GEOSContextHandle_t geos;
	const GEOSPreparedGeometry **prep; /* one per feature, NULL until used */
	/* each feature's parts' boxes (x0, y0, x1, y1 each), made on first use:
	 * a point at sea inside a country's box is mostly far from all of its
	 * islands, and needs no distance then */
	double **part_box;
	size_t *nparts;
	size_t n;
} hm_layer_query;

typedef struct {
	char *name;
	char *alt_names[3]; /* ADMIN, NAME_LONG, FORMAL_EN when they differ */
	char iso_a3[8];
	GEOSGeometry *geom; /* lon/lat, clipped; polygons or lines; of a lazy
			     * layer, read on first use: see hm_layer_geom */
	double bbox[4];	    /* xmin, ymin, xmax, ymax of geom (lazy: of the record) */
	int rec;	    /* record in the shapefile */
	int read;	    /* lazy layer: geom was read (it may still be NULL) */
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
	/* the public point and nearest queries' (hm_layer_find_point,
	 * hm_layer_find_near): one thread at a time, made on first use */
	hm_layer_query *query;
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

int hm_layer_query_init(hm_layer_query *q, const hm_layer *layer);
void hm_layer_query_fini(hm_layer_query *q);
/* The layer's own query (made on first use, freed with the layer): for one
 * thread at a time, as the public hm_layer_find_* use it. NULL out of
 * memory. */
hm_layer_query *hm_layer_own_query(hm_layer *layer);
/* The polygon feature that holds (lon, lat), or -1. */
long hm_layer_query_point(hm_layer_query *q, const hm_layer *layer, double lon, double lat);
/* The polygon feature nearest to (lon, lat) within max_km, or -1; whether
 * the point lies inside one is not asked (query_point does that). */
long hm_layer_query_nearest(hm_layer_query *q, const hm_layer *layer, double lon, double lat,
			    double max_km);

#endif
