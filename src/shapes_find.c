/* Finding features: by name, ISO code or another name a CSV may use (the
 * country aliases), by a point inside, or the nearest within a distance. */
#include "shapes_priv.h"

#include "context.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

long hm_layer_find_point(hm_layer *layer, double lon, double lat)
{
	GEOSGeometry *pt = NULL;
	long found = -1;

	if (!layer->polygons)
		return -1;
	for (size_t i = 0; i < layer->count && found < 0; i++) {
		hm_feature *f = &layer->items[i];
		if (lon < f->bbox[0] || lon > f->bbox[2] || lat < f->bbox[1] || lat > f->bbox[3])
			continue;
		const GEOSGeometry *gm = hm_layer_geom(layer, i, NULL);
		if (!gm)
			continue;
		if (!pt && !(pt = GEOSGeom_createPointFromXY_r(layer->geos, lon, lat)))
			return -1;
		/* prepared (an index of the edges) even for one point: GEOS
		 * answers an unprepared point-in-polygon through a full relate */
		if (!f->prep)
			f->prep = GEOSPrepare_r(layer->geos, gm);
		if (f->prep && GEOSPreparedIntersects_r(layer->geos, f->prep, pt) == 1)
			found = (long)i;
	}
	if (pt)
		GEOSGeom_destroy_r(layer->geos, pt);
	return found;
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

long hm_layer_find_near(hm_layer *layer, double lon, double lat, double max_km)
{
	long found = hm_layer_find_point(layer, lon, lat), best_i = -1;
	double deg = max_km / 111.32 / fmax(cos(lat * 3.14159265358979 / 180), 0.05);
	double best = HUGE_VAL;
	GEOSGeometry *pt;

	if (found >= 0 || !layer->polygons)
		return found;
	pt = GEOSGeom_createPointFromXY_r(layer->geos, lon, lat);
	if (!pt)
		return -1;
	for (size_t i = 0; i < layer->count; i++) {
		const hm_feature *f = &layer->items[i];
		double d;
		if (lon < f->bbox[0] - deg || lon > f->bbox[2] + deg || lat < f->bbox[1] - deg ||
		    lat > f->bbox[3] + deg)
			continue;
		const GEOSGeometry *gm = hm_layer_geom(layer, i, NULL);
		if (gm && GEOSDistance_r(layer->geos, gm, pt, &d) == 1 && d < best) {
			best = d;
			best_i = (long)i;
		}
	}
	GEOSGeom_destroy_r(layer->geos, pt);
	/* degrees of distance to km: a local, good-enough conversion */
	if (best_i >= 0) {
		double km = best * 111.32 * fmax(cos(lat * 3.14159265358979 / 180), 0.05);
		if (km > max_km)
			best_i = -1;
	}
	return best_i;
}
