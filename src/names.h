/* Country names: the map's own country and each neighbour that shows by a
 * sizeable area, named inside where the name fits, else at the centre of
 * the part in view, else in the sea beside it; never over a label, a
 * symbol, another name or the furniture. */
#ifndef HM_NAMES_H
#define HM_NAMES_H

#include "frame.h"
#include "map_priv.h"
#include "shapes_priv.h"

#include <stdatomic.h>

/* Where each country's name could go: the centre of the largest circle in
 * its largest polygon (lon/lat), and that polygon simplified to 2 px; simple
 * is NULL where no name fits. Computing them is the costly part of country
 * labels and needs only the map's scale, so it can run beside other work. */
/* A feature's land cut to a box (lon/lat) round the names' recent tests
 * near it (names.c, land_cut). */
typedef struct {
	double box[4];
	GEOSGeometry *piece; /* NULL: none made yet */
} hm_land_cut;

typedef struct {
	GEOSGeometry **simple;
	/* prepared for the names' many tests, made on first use by the one
	 * thread placing names: the outlines (land) and the simplified
	 * largest polygons (inside) */
	const GEOSPreparedGeometry **land, **inside;
	/* the land of each feature near the boxes tried in the sea (sea) and
	 * near the points whose nearest land is sought (near) */
	hm_land_cut *sea, *near;
	double *lon, *lat;
	size_t n;
	atomic_size_t next; /* the next feature for a thread to take */
} hm_country_centres;

int hm_labels_centres_init(hm_country_centres *c, size_t n);
/* Take features of layer one at a time until none is left; any number of
 * threads at once, each on its own GEOS handle. */
void hm_labels_centres_compute(hm_country_centres *c, const hm_map *m, const hm_layer *layer);
void hm_labels_centres_free(hm_country_centres *c);

/* Place the names of the countries of layer (same order as m->features),
 * from centres computed for every feature. */
int hm_labels_place_countries(hm_map *m, hm_ctx *ctx, hm_layer *layer, hm_country_centres *c);

/* A place for a name w x h inside poly (lon/lat; a province): at the
 * centre of the largest circle of its largest polygon, or near it, else
 * inside the part in view; free of the symbols, labels, names and
 * furniture. 1 and the box b (x, y, w, h), or 0. */
/* Free what the names' tests indexed (hm_map.site_grid); NULL is a no-op. */
void hm_site_grid_free(struct hm_site_grid *g);

int hm_names_place_inside(hm_map *m, GEOSContextHandle_t g, const GEOSGeometry *poly, double w,
			  double h, double b[4]);

#endif
