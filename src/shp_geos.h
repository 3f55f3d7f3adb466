/* Shapes to GEOS: a shapelib record, once checked, made a GEOS geometry, and
 * geometries clipped to the map's box in longitude/latitude (one rectangle,
 * or two when the box crosses the antimeridian). Plain functions of their
 * arguments: any thread, with its own GEOS handle. */
#ifndef HM_SHP_GEOS_H
#define HM_SHP_GEOS_H

#include "hotmap/projection.h"

#include <geos_c.h>
#include <shapefil.h>

/* The clip box as plain rectangles r (split at the antimeridian; the whole
 * world for NULL); returns how many (1 or 2). */
int hm_clip_rects(const hm_bbox *clip, double r[2][4]);

/* 1 when boxes a and r (xmin, ymin, xmax, ymax) meet. */
int hm_boxes_meet(const double a[4], const double r[4]);

/* 1 when box lies wholly inside rectangle r. */
int hm_box_within(const double box[4], const double r[4]);

/* Why a shapelib object cannot be used, or NULL when it is sound. */
const char *hm_shp_check(const SHPObject *o);

/* A checked object as a multipolygon (polygons) or multilinestring, made
 * only of the parts that meet one of the nr rectangles (every part when nr
 * is 0); NULL when nothing is left or out of memory. */
GEOSGeometry *hm_shp_to_geos(GEOSContextHandle_t g, const SHPObject *o, int polygons,
			     double rects[][4], int nr);

/* The box of a geometry (xmin, ymin, xmax, ymax). */
void hm_geom_bbox(GEOSContextHandle_t g, const GEOSGeometry *geom, double box[4]);

/* A ring's (or line's) coordinates as x, y pairs (*n of them), copied out
 * (caller frees), or NULL when it has none or out of memory. Reads the
 * coordinates only: unlike GEOS's envelopes, which are cached on first
 * use, safe on a geometry that other threads read. */
double *hm_ring_xy(GEOSContextHandle_t g, const GEOSGeometry *ring, unsigned int *n);

/* geom (whose box is box) clipped to the rectangles; a new geometry, NULL
 * when nothing of it is inside. */
GEOSGeometry *hm_geom_clip(GEOSContextHandle_t g, const GEOSGeometry *geom, double r[2][4], int nr,
			   const double box[4]);

#endif
