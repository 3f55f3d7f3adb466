/* The one rule that gives a site its country (assign.h). */
#include "assign.h"

#include "context.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long hm_assign_country(hm_layer *layer, const hm_site *s, double near_km, hm_assign_memo *memo,
		       hm_assign_how *how, int *unknown_name)
{
	hm_assign_how h = HM_ASSIGN_NONE;
	long f = -1;

	if (unknown_name)
		*unknown_name = 0;
	if (s->country && s->country[0]) {
		if (memo && memo->name && strcmp(s->country, memo->name) == 0) {
			f = memo->feature;
		} else {
			f = hm_layer_find_name(layer, s->country);
			if (memo)
				*memo = (hm_assign_memo){s->country, f};
		}
		if (f >= 0)
			h = HM_ASSIGN_NAMED;
		else if (unknown_name)
			*unknown_name = 1;
	}
	if (f < 0 && (f = hm_layer_find_point(layer, s->lon, s->lat)) >= 0)
		h = HM_ASSIGN_INSIDE;
	if (f < 0 && near_km > 0 && (f = hm_layer_find_near(layer, s->lon, s->lat, near_km)) >= 0)
		h = HM_ASSIGN_NEAR;
	if (how)
		*how = h;
	return f;
}

int hm_assign_all(long *out, hm_ctx *ctx, hm_layer *layer, const hm_sites *sites, double near_km,
		  const char *shp)
{
	hm_assign_memo memo = {NULL, -1};

	for (size_t i = 0; i < sites->count; i++) {
		const hm_site *s = &sites->items[i];
		int unknown;
		char q[64];
		out[i] = hm_assign_country(layer, s, near_km, &memo, NULL, &unknown);
		if (unknown) {
			hm_quote_text(q, sizeof(q), s->country);
			hm_log(ctx, HM_LOG_WARN,
			       "%s:%zu: country \"%s\" is not in %s; placed by "
			       "its coordinates",
			       sites->path, s->line, q, shp);
		}
		if (out[i] < 0) {
			hm_quote_text(q, sizeof(q), s->name);
			hm_log(ctx, HM_LOG_WARN,
			       "%s:%zu: site \"%s\" lies in no country (none "
			       "within %g km); on no map",
			       sites->path, s->line, q, near_km);
		}
	}
	return HM_OK;
}

int hm_assign_sites(char (*iso)[8], size_t *nassigned, hm_ctx *ctx, const hm_sites *sites,
		    const char *shapes, const char *shapes_dir, double near_km)
{
	char shp[4096];
	hm_layer *layer = NULL;
	long *f = malloc((sites->count ? sites->count : 1) * sizeof(long));
	size_t n = 0;
	int rc;

	if (!f)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	if (shapes)
		snprintf(shp, sizeof(shp), "%s", shapes);
	else
		hm_shapes_countries_path(shp, sizeof(shp), shapes_dir, HM_RES_10M);
	rc = hm_layer_load(&layer, ctx, shp, NULL);
	if (rc == HM_OK)
		rc = hm_assign_all(f, ctx, layer, sites, near_km, shp);
	for (size_t i = 0; rc == HM_OK && i < sites->count; i++) {
		snprintf(iso[i], sizeof(iso[i]), "%s",
			 f[i] >= 0 ? hm_layer_iso_a3(layer, (size_t)f[i]) : "");
		n += f[i] >= 0;
	}
	if (nassigned)
		*nassigned = n;
	hm_layer_free(layer);
	free(f);
	return rc;
}
