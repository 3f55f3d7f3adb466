/* The one rule that gives a site its country (assign.h). */
#include "assign.h"

#include "context.h"
#include "shapes_priv.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long hm_assign_country(hm_layer *layer, hm_layer_query *q, const hm_site *s, double near_km,
		       hm_assign_memo *memo, hm_assign_how *how, int *unknown_name)
{
	hm_assign_how h = HM_ASSIGN_NONE;
	long f = -1;

	if (unknown_name)
		*unknown_name = 0;
	if (!q && !(q = hm_layer_own_query(layer)))
		return -1;
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
	if (f < 0 && (f = hm_layer_query_point(q, layer, s->lon, s->lat)) >= 0)
		h = HM_ASSIGN_INSIDE;
	if (f < 0 && near_km > 0 &&
	    (f = hm_layer_query_nearest(q, layer, s->lon, s->lat, near_km)) >= 0)
		h = HM_ASSIGN_NEAR;
	if (how)
		*how = h;
	return f;
}

/* Sites k, k + stride, ... of one thread, through its own query. */
typedef struct {
	hm_layer *layer;
	const hm_sites *sites;
	double near_km;
	size_t k, stride;
	long *out;
	unsigned char *unknown;
	int rc;
} assign_task;

static void assign_run(void *arg, hm_worker *w)
{
	assign_task *t = arg;
	hm_assign_memo memo = {NULL, -1};
	hm_layer_query q;

	(void)w;
	if (hm_layer_query_init(&q, t->layer) < 0) {
		t->rc = -1;
		return;
	}
	for (size_t i = t->k; i < t->sites->count; i += t->stride) {
		int unknown;
		t->out[i] = hm_assign_country(t->layer, &q, &t->sites->items[i], t->near_km, &memo,
					      NULL, &unknown);
		t->unknown[i] = (unsigned char)unknown;
	}
	hm_layer_query_fini(&q);
}

/* Below this many sites a second thread costs more than it saves. */
#define ASSIGN_PARALLEL_MIN 2000

static void warn_sites(hm_ctx *ctx, const hm_sites *sites, const long *out,
		       const unsigned char *unknown, double near_km, const char *shp)
{
	for (size_t i = 0; i < sites->count; i++) {
		const hm_site *s = &sites->items[i];
		char q[64];
		if (unknown[i]) {
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
}

int hm_assign_all(long *out, hm_ctx *ctx, hm_layer *layer, const hm_sites *sites, double near_km,
		  const char *shp)
{
	assign_task tasks[HM_MAX_THREADS];
	void *args[HM_MAX_THREADS];
	unsigned char *unknown = calloc(sites->count ? sites->count : 1, 1);
	int nt = sites->count >= ASSIGN_PARALLEL_MIN ? hm_ctx_threads(ctx) : 1, rc = HM_OK;

	if (!unknown)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	nt = nt < 1 ? 1 : nt > HM_MAX_THREADS ? HM_MAX_THREADS : nt;
	for (int k = 0; k < nt; k++) {
		tasks[k] = (assign_task){layer,	     sites, near_km, (size_t)k,
					 (size_t)nt, out,   unknown, 0};
		args[k] = &tasks[k];
	}
	hm_ctx_run(ctx, assign_run, args, nt);
	for (int k = 0; k < nt; k++)
		if (tasks[k].rc < 0)
			rc = hm_error(ctx, HM_ENOMEM, "out of memory");
	if (rc == HM_OK && shp)
		warn_sites(ctx, sites, out, unknown, near_km, shp);
	free(unknown);
	return rc;
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
