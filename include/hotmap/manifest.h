/* The manifest: what was drawn, machine-readable (JSON), for reports and web
 * pages that make maps clickable, and for tests. Pixel units are those of the
 * PNG of the same map. */
#ifndef HOTMAP_MANIFEST_H
#define HOTMAP_MANIFEST_H

#include "hotmap/common.h"
#include "hotmap/map.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Write the manifest of a map as JSON into a malloc'd, NUL-terminated
 * buffer owned by the caller (free()).
 * Keys: crs, projection, transform [a,b,c,d,e,f] (px = a*E + b*N + c,
 * py = d*E + e*N + f), frame {x,y,width,height}, width, height, dpi, extent,
 * shapes, scale, max_value, r_max, sites [{name, lon, lat, value, x, y, r,
 * country, line, label}], legend {values, radii}, highlighted.
 * @return 0 or HM_ENOMEM */
int hm_manifest_buffer(char **out, size_t *len, hm_ctx *ctx, const hm_map *map);

#ifdef __cplusplus
}
#endif
#endif
