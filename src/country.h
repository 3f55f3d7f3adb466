/* A country's map: which of its parts the frame must hold. The parts (the
 * polygons of the country's features) are grouped by distance, relative to
 * the country's size, so that an archipelago stays one group; the group
 * with the most land is the country's core, and each group that holds a
 * site joins it. The other groups (remote overseas parts without sites) are
 * left out, and the map says so (manifest key "country"). */
#ifndef HM_COUNTRY_H
#define HM_COUNTRY_H

#include "hotmap/projection.h"
#include "hotmap/shapes.h"
#include "hotmap/sites.h"

/* Parts closer than this are one group whatever the country's size (km). */
#define HM_COUNTRY_LINK_MIN_KM 150.0
/* ... and parts closer than this share of the square root of the country's
 * area (Japan's Sakishima Islands, 250 km from Okinawa; France's Corsica). */
#define HM_COUNTRY_LINK_SHARE 0.5

/* A part left out: where it is and how big. */
typedef struct {
	double box[4]; /* lon/lat: west, south, east, north */
	double area_km2;
} hm_country_part;

typedef struct {
	char iso[8];
	char *name;
	hm_bbox extent;		   /* the kept parts and the sites, padded */
	size_t nparts;		   /* polygons of the country */
	size_t nkept;		   /* of them kept */
	double area_km2;	   /* all parts (approximate: spherical degrees) */
	double kept_km2;	   /* the kept parts */
	hm_country_part *left_out; /* largest first */
	size_t nleft_out;
	int crosses_180; /* the extent crosses the antimeridian */
} hm_country_fit;

/* The fit of the country of feature f of world (with every feature of the
 * same ISO code), for the sites given (which belong to it): 0, HM_EDATA
 * (no geometry) or HM_ENOMEM. Safe from any thread: geometries are only
 * read. Free with hm_country_fit_free. */
int hm_country_fit_make(hm_country_fit *out, hm_ctx *ctx, const hm_layer *world, long f,
			const hm_sites *sites);
void hm_country_fit_free(hm_country_fit *fit);

#endif
