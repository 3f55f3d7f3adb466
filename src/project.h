/* Geometry to pixels: clipped shapes projected into paths in output pixels,
 * and generalised to the output resolution. */
#ifndef HM_PROJECT_H
#define HM_PROJECT_H

#include "names.h"
#include "map_priv.h"
#include "shapes_priv.h"

/* Append the points (x, y) to p as one ring, dropping points closer than
 * sqrt(tol2) px to the previous one; HUGE_VAL points are skipped. -1 when
 * out of memory. */
int hm_path_add(hm_pxpath *p, const double *x, const double *y, size_t n, double tol2);
/* Free what path p holds (not p). */
void hm_path_free(hm_pxpath *p);
/* Append the rings of gm (lon/lat), projected by proj, to p; -1 out of
 * memory. */
int hm_project_geom(const hm_map *m, const hm_proj *proj, GEOSContextHandle_t g,
		    const GEOSGeometry *gm, hm_pxpath *p);
/* m->features[i].path for each feature of layer, on the context's threads
 * when the layer is large; -1 out of memory. */
int hm_project_features(hm_map *m, hm_ctx *ctx, const hm_layer *layer);
/* Generalise every path of m and give each ring its box; meanwhile the
 * context's other threads find the country-label centres c (NULL: none).
 * -1 out of memory. */
int hm_project_finish(hm_map *m, hm_ctx *ctx, const hm_layer *layer, hm_country_centres *c);

#endif
