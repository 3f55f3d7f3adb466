/* Finding features: by name, ISO code or another name a CSV may use (the
 * country aliases), by a point inside, or the nearest within a distance. */
#include "shapes_priv.h"

#include "context.h"
#include "shp_geos.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Feature i's prepared geometry for q (an index of its edges, made on
 * first use): point-in-polygon and distance through it are fast, and a
 * plain GEOSDistance walks every edge of a coast for every site at sea
 * (100,000 random sites at 1:110m: 3,980 ms of layout, 380 prepared;
 * GEOSPreparedDistanceWithin was slower still, 5,900). NULL when the
 * record is unusable. */
static const GEOSPreparedGeometry *prepared(hm_layer_query *q, const hm_layer *layer, size_t i)
{
	const GEOSGeometry *gm;

	if (q->prep[i])
		return q->prep[i];
	gm = hm_layer_geom(layer, i, NULL);
	if (gm)
		q->prep[i] = GEOSPrepare_r(q->geos, gm);
	return q->prep[i];
}

/* The box of a polygon's shell from its coordinates (hm_ring_xy). */
static int shell_box(GEOSContextHandle_t g, const GEOSGeometry *poly, double b[4])
{
	unsigned int n = 0;
	double *xy = hm_ring_xy(g, GEOSGetExteriorRing_r(g, poly), &n);

	if (!xy)
		return -1;
	b[0] = b[2] = xy[0];
	b[1] = b[3] = xy[1];
	for (unsigned int i = 1; i < n; i++) {
		b[0] = fmin(b[0], xy[2 * i]), b[2] = fmax(b[2], xy[2 * i]);
		b[1] = fmin(b[1], xy[2 * i + 1]), b[3] = fmax(b[3], xy[2 * i + 1]);
	}
	free(xy);
	return 0;
}

/* Whether some part of feature i has a box within deg of (lon, lat); 1
 * when the parts cannot be read (the distance then decides). */
static int part_near(hm_layer_query *q, const hm_layer *layer, size_t i, double lon, double lat,
		     double deg)
{
	if (!q->part_box[i]) {
		const GEOSGeometry *gm = hm_layer_geom(layer, i, NULL);
		int n = gm ? GEOSGetNumGeometries_r(q->geos, gm) : 0;
		double *b = malloc(((size_t)n + 1) * 4 * sizeof(double));
		size_t k = 0;
		if (!b)
			return 1;
		for (int p = 0; p < n; p++)
			if (shell_box(q->geos, GEOSGetGeometryN_r(q->geos, gm, p), b + 4 * k) == 0)
				k++;
		q->part_box[i] = b;
		q->nparts[i] = k;
	}
	for (size_t k = 0; k < q->nparts[i]; k++) {
		const double *b = q->part_box[i] + 4 * k;
		if (lon >= b[0] - deg && lon <= b[2] + deg && lat >= b[1] - deg &&
		    lat <= b[3] + deg)
			return 1;
	}
	return 0;
}

long hm_layer_query_point(hm_layer_query *q, const hm_layer *layer, double lon, double lat)
{
	GEOSGeometry *pt = NULL;
	long found = -1;

	if (!layer->polygons)
		return -1;
	for (size_t i = 0; i < layer->count && found < 0; i++) {
		const hm_feature *f = &layer->items[i];
		const GEOSPreparedGeometry *prep;
		if (lon < f->bbox[0] || lon > f->bbox[2] || lat < f->bbox[1] || lat > f->bbox[3])
			continue;
		if (!(prep = prepared(q, layer, i)))
			continue;
		if (!pt && !(pt = GEOSGeom_createPointFromXY_r(q->geos, lon, lat)))
			return -1;
		if (GEOSPreparedIntersects_r(q->geos, prep, pt) == 1)
			found = (long)i;
	}
	if (pt)
		GEOSGeom_destroy_r(q->geos, pt);
	return found;
}

long hm_layer_query_nearest(hm_layer_query *q, const hm_layer *layer, double lon, double lat,
			    double max_km)
{
	long best_i = -1;
	double deg = max_km / 111.32 / fmax(cos(lat * 3.14159265358979 / 180), 0.05);
	double best = HUGE_VAL;
	GEOSGeometry *pt;

	if (!layer->polygons)
		return -1;
	pt = GEOSGeom_createPointFromXY_r(q->geos, lon, lat);
	if (!pt)
		return -1;
	for (size_t i = 0; i < layer->count; i++) {
		const hm_feature *f = &layer->items[i];
		const GEOSPreparedGeometry *prep;
		double d;
		if (lon < f->bbox[0] - deg || lon > f->bbox[2] + deg || lat < f->bbox[1] - deg ||
		    lat > f->bbox[3] + deg || !part_near(q, layer, i, lon, lat, deg))
			continue;
		prep = prepared(q, layer, i);
		if (prep && GEOSPreparedDistance_r(q->geos, prep, pt, &d) == 1 && d < best) {
			best = d;
			best_i = (long)i;
		}
	}
	GEOSGeom_destroy_r(q->geos, pt);
	/* degrees of distance to km: a local, good-enough conversion */
	if (best_i >= 0) {
		double km = best * 111.32 * fmax(cos(lat * 3.14159265358979 / 180), 0.05);
		if (km > max_km)
			best_i = -1;
	}
	return best_i;
}

hm_layer_query *hm_layer_own_query(hm_layer *layer)
{
	if (!layer->query && (layer->query = calloc(1, sizeof(*layer->query))) &&
	    hm_layer_query_init(layer->query, layer) < 0) {
		free(layer->query);
		layer->query = NULL;
	}
	return layer->query;
}

long hm_layer_find_point(hm_layer *layer, double lon, double lat)
{
	hm_layer_query *q = hm_layer_own_query(layer);

	return q ? hm_layer_query_point(q, layer, lon, lat) : -1;
}

long hm_layer_find_near(hm_layer *layer, double lon, double lat, double max_km)
{
	hm_layer_query *q = hm_layer_own_query(layer);
	long f = q ? hm_layer_query_point(q, layer, lon, lat) : -1;

	return f >= 0 || !q ? f : hm_layer_query_nearest(q, layer, lon, lat, max_km);
}

/* Other names of countries that CSVs use where the shapes have another:
 * the UN's and the World Bank's (Lao PDR, Viet Nam), older or longer ones
 * (Burma, Kingdom of Cambodia), and the shapes' abbreviations spelt out
 * (Dem. Rep. Congo). Matched like a name, ignoring case. */
static const struct {
	const char *name, *iso;
} country_aliases[] = {
	{"Lao PDR", "LAO"},
	{"Lao P.D.R.", "LAO"},
	{"Lao People's Democratic Republic", "LAO"},
	{"Lao", "LAO"},
	{"Burma", "MMR"},
	{"Myanmar (Burma)", "MMR"},
	{"Republic of the Union of Myanmar", "MMR"},
	{"Viet Nam", "VNM"},
	{"Socialist Republic of Viet Nam", "VNM"},
	{"Socialist Republic of Vietnam", "VNM"},
	{"Kingdom of Cambodia", "KHM"},
	{"Kampuchea", "KHM"},
	{"Kingdom of Thailand", "THA"},
	{"Republic of the Philippines", "PHL"},
	{"The Philippines", "PHL"},
	{"Brunei Darussalam", "BRN"},
	{"East Timor", "TLS"},
	{"Timor Leste", "TLS"},
	{"Republic of Indonesia", "IDN"},
	{"People's Republic of China", "CHN"},
	{"Mainland China", "CHN"},
	{"Hong Kong SAR", "HKG"},
	{"Hong Kong SAR, China", "HKG"},
	{"Hong Kong, China", "HKG"},
	{"Macau", "MAC"},
	{"Macao SAR", "MAC"},
	{"Macao SAR, China", "MAC"},
	{"Taiwan, Province of China", "TWN"},
	{"Chinese Taipei", "TWN"},
	{"Republic of Korea", "KOR"},
	{"Korea, Republic of", "KOR"},
	{"Korea, Rep.", "KOR"},
	{"Korea (South)", "KOR"},
	{"Democratic People's Republic of Korea", "PRK"},
	{"Korea, Dem. People's Rep.", "PRK"},
	{"Korea, DPR", "PRK"},
	{"DPRK", "PRK"},
	{"Russian Federation", "RUS"},
	{"Iran, Islamic Republic of", "IRN"},
	{"Islamic Republic of Iran", "IRN"},
	{"Iran, Islamic Rep.", "IRN"},
	{"Syrian Arab Republic", "SYR"},
	{"Türkiye", "TUR"},
	{"Turkiye", "TUR"},
	{"Czech Republic", "CZE"},
	{"Ivory Coast", "CIV"},
	{"Cote d'Ivoire", "CIV"},
	{"Democratic Republic of the Congo", "COD"},
	{"DR Congo", "COD"},
	{"DRC", "COD"},
	{"Congo, Dem. Rep.", "COD"},
	{"Congo (Kinshasa)", "COD"},
	{"Republic of the Congo", "COG"},
	{"Congo, Rep.", "COG"},
	{"Congo (Brazzaville)", "COG"},
	{"Central African Republic", "CAF"},
	{"South Sudan", "SSD"},
	{"Dominican Republic", "DOM"},
	{"Equatorial Guinea", "GNQ"},
	{"Eswatini", "SWZ"},
	{"Swaziland", "SWZ"},
	{"Bosnia and Herzegovina", "BIH"},
	{"North Macedonia", "MKD"},
	{"United States", "USA"},
	{"US", "USA"},
	{"U.S.", "USA"},
	{"U.S.A.", "USA"},
	{"UK", "GBR"},
	{"U.K.", "GBR"},
	{"Great Britain", "GBR"},
	{"Britain", "GBR"},
	{"UAE", "ARE"},
	{"Solomon Islands", "SLB"},
	{"Marshall Islands", "MHL"},
	{"Cayman Islands", "CYM"},
	{"Falkland Islands", "FLK"},
	{"Faroe Islands", "FRO"},
	{"Turks and Caicos Islands", "TCA"},
	{"British Virgin Islands", "VGB"},
	{"US Virgin Islands", "VIR"},
	{"U.S. Virgin Islands", "VIR"},
	{"Northern Mariana Islands", "MNP"},
	{"Cook Islands", "COK"},
	{"Pitcairn Islands", "PCN"},
	{"Federated States of Micronesia", "FSM"},
	{"Micronesia (Federated States of)", "FSM"},
	{"Republic of Moldova", "MDA"},
	{"Moldova, Republic of", "MDA"},
	{"United Republic of Tanzania", "TZA"},
	{"Tanzania, United Republic of", "TZA"},
	{"Bolivia (Plurinational State of)", "BOL"},
	{"Venezuela (Bolivarian Republic of)", "VEN"},
	{"State of Palestine", "PSE"},
	{"Palestine, State of", "PSE"},
	{"Palestinian Territories", "PSE"},
	{"Cape Verde", "CPV"},
	{"Sao Tome and Principe", "STP"},
	{"Western Sahara", "ESH"},
	{"Vatican City", "VAT"},
	{"Holy See", "VAT"},
	{"Saint Vincent and the Grenadines", "VCT"},
	{"Antigua and Barbuda", "ATG"},
	{"Saint Kitts and Nevis", "KNA"},
	{"French Polynesia", "PYF"},
	{"The Gambia", "GMB"},
	{"Gambia, The", "GMB"},
	{"The Bahamas", "BHS"},
	{"Bahamas, The", "BHS"},
	{"Kyrgyz Republic", "KGZ"},
	{"Slovak Republic", "SVK"},
	{"Egypt, Arab Rep.", "EGY"},
	{"Yemen, Rep.", "YEM"},
};

/* The feature whose name, other name or ISO code is t, ignoring case. */
static long find_exact(const hm_layer *layer, const char *t)
{
	for (size_t i = 0; i < layer->count; i++) {
		const hm_feature *f = &layer->items[i];
		if (strcasecmp(f->name, t) == 0 || (f->iso_a3[0] && strcasecmp(f->iso_a3, t) == 0))
			return (long)i;
		for (int k = 0; k < 3 && f->alt_names[k]; k++)
			if (strcasecmp(f->alt_names[k], t) == 0)
				return (long)i;
	}
	return -1;
}

long hm_layer_find_name(const hm_layer *layer, const char *text)
{
	char *t;
	long found = -1;

	if (!text)
		return -1;
	t = hm_strdup(text);
	if (!t)
		return -1;
	/* trim */
	{
		char *b = t, *e = t + strlen(t);
		while (*b == ' ')
			b++;
		while (e > b && e[-1] == ' ')
			*--e = '\0';
		memmove(t, b, strlen(b) + 1);
	}
	found = find_exact(layer, t);
	for (size_t a = 0; found < 0 && a < sizeof(country_aliases) / sizeof(country_aliases[0]);
	     a++)
		if (strcasecmp(country_aliases[a].name, t) == 0)
			found = find_exact(layer, country_aliases[a].iso);
	free(t);
	return found;
}
