/* The projection stage: the map's CRS (given, or chosen to suit the extent)
 * and the PROJ operation from WGS84 longitude/latitude to it, normalised to
 * (lon, lat) -> (easting, northing) order. One PROJ context per object, so
 * objects may be used on different threads. */
#ifndef HOTMAP_PROJECTION_H
#define HOTMAP_PROJECTION_H

#include "hotmap/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A longitude/latitude box in degrees. w > e means the box crosses the
 * antimeridian (e.g. w=170, e=-170 is 20 degrees wide). A plain value:
 * these four fields are fixed and will stay as they are. */
typedef struct {
	double w, s, e, n;
} hm_bbox;

/** @return the box's width in degrees of longitude, antimeridian-aware. */
HM_EXTERN double hm_bbox_lon_span(const hm_bbox *b);

/** @return the longitude of the box's centre, in [-180, 180). */
HM_EXTERN double hm_bbox_center_lon(const hm_bbox *b);

/** @return nonzero if longitude lon (degrees) lies in the box's span. */
HM_EXTERN int hm_bbox_has_lon(const hm_bbox *b, double lon);

/** The smallest box holding every point (antimeridian-aware), padded by
 * pad times its size on each side and to at least min_span degrees. */
HM_EXTERN void hm_bbox_fit(hm_bbox *out, const double *lon, const double *lat, size_t n, double pad,
			   double min_span);

/** Parse "W,S,E,N" in degrees. @return 0, or HM_EUSAGE with a message. */
HM_EXTERN int hm_bbox_parse(hm_bbox *out, hm_ctx *ctx, const char *text);

/** A map projection and the operation to it. */
typedef struct hm_proj hm_proj;

/** Make the projection for a map.
 * @param crs "EPSG:n", a PROJ string, WKT, or NULL/"auto" for a projection
 *        chosen from the extent: Equal Earth for the world, Lambert azimuthal
 *        equal-area for continents and poles, Mercator near the equator,
 *        Lambert conformal conic elsewhere.
 * @param extent the map's extent, used by "auto"
 * @param out receives the object, owned by the caller (hm_proj_free)
 * @return 0, or HM_EDATA for an unknown or unusable CRS */
HM_EXTERN int hm_proj_new(hm_proj **out, hm_ctx *ctx, const char *crs, const hm_bbox *extent);

/** Project n points in place: lon/lat degrees in, easting/northing out.
 * Points that cannot be projected become HUGE_VAL. */
HM_EXTERN void hm_proj_fwd(const hm_proj *p, double *x, double *y, size_t n);

/** Inverse of hm_proj_fwd; failures become HUGE_VAL. */
HM_EXTERN void hm_proj_inv(const hm_proj *p, double *x, double *y, size_t n);

/** @return the map CRS as a PROJ string (or WKT when no PROJ string can
 * express it); owned by p. */
HM_EXTERN const char *hm_proj_definition(const hm_proj *p);

/** @return a description, e.g. "Lambert conformal conic (auto: regional
 * extent away from the equator)"; owned by p. */
HM_EXTERN const char *hm_proj_description(const hm_proj *p);

/** @return nonzero if the projection was chosen by "auto". */
HM_EXTERN int hm_proj_is_auto(const hm_proj *p);

/** @return the central meridian used to cut the world for this projection
 * (longitudes of lon0 + 180 form the map's seam). */
HM_EXTERN double hm_proj_central_lon(const hm_proj *p);

/** @return the geodesic distance in metres on the WGS84 ellipsoid between
 * two lon/lat points (degrees), computed by PROJ; HUGE_VAL on failure. */
HM_EXTERN double hm_proj_geodesic(hm_proj *p, double lon1, double lat1, double lon2, double lat2);

/** Free; NULL is a no-op. */
HM_EXTERN void hm_proj_free(hm_proj *p);

/**
 * A copy of p for another thread: an hm_proj, like the PROJ objects in it,
 * must not be used by two threads at once. Cheap for PROJ strings on WGS84
 * (no database); other CRSs reopen PROJ's database.
 * @param out receives the copy, owned by the caller (hm_proj_free)
 * @return 0, or HM_ENOMEM
 */
HM_EXTERN int hm_proj_clone(hm_proj **out, hm_ctx *ctx, const hm_proj *p);

#ifdef __cplusplus
}
#endif
#endif
