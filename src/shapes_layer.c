/* The layer: its features, a lazy layer's geometry read on first use, a
 * loaded layer clipped again to another box, and freeing it. */
#include "shapes_priv.h"

#include "context.h"
#include "shp_geos.h"
#include "shp_read.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

const GEOSGeometry *hm_layer_geom(const hm_layer *layer, size_t i, hm_ctx *ctx)
{
	hm_layer *L = (hm_layer *)layer; /* reading in is not a change */
	hm_feature *f = &L->items[i];
	const GEOSGeometry *gm;
	double r[2][4];
	hm_shp_src src = {L->path, NULL, 0, L->shp, L->polygons, r, hm_clip_rects(NULL, r)};
	int unreadable = 0;

	if (!L->lazy)
		return f->geom;
	pthread_mutex_lock(&L->lock);
	if (!f->read) {
		f->geom = hm_shp_read_record(L->geos, ctx, &src, L->shp, f->rec, f->bbox,
					     &unreadable);
		if (unreadable)
			hm_log(ctx, HM_LOG_WARN, "%s: record %d unreadable; skipped", L->path,
			       f->rec + 1);
		f->read = 1;
	}
	gm = f->geom;
	pthread_mutex_unlock(&L->lock);
	return gm;
}

static char *dup_or_null(const char *s)
{
	return s ? hm_strdup(s) : NULL;
}

/* Feature sf clipped into L; 0, 1 when nothing of it is inside, or -1 when
 * out of memory. */
static int clip_feature(hm_layer *L, hm_ctx *ctx, const hm_layer *src, size_t i, double rects[2][4],
			int nr)
{
	const hm_feature *sf = &src->items[i];
	const GEOSGeometry *gm;
	GEOSGeometry *c;
	hm_feature *f;
	int meets = 0;

	for (int k = 0; k < nr; k++)
		meets |= hm_boxes_meet(sf->bbox, rects[k]);
	if (!meets)
		return 1;
	/* GEOS geometries are plain data: this thread's handle may read one
	 * that another handle made */
	gm = hm_layer_geom(src, i, ctx);
	c = gm ? hm_geom_clip(L->geos, gm, rects, nr, sf->bbox) : NULL;
	if (!c)
		return 1;
	f = &L->items[L->count++];
	f->geom = c;
	hm_geom_bbox(L->geos, c, f->bbox);
	memcpy(f->iso_a3, sf->iso_a3, sizeof(f->iso_a3));
	f->name = hm_strdup(sf->name);
	for (int k = 0; k < 3; k++)
		f->alt_names[k] = dup_or_null(sf->alt_names[k]);
	return f->name ? 0 : -1;
}

int hm_layer_clip(hm_layer **out, hm_ctx *ctx, const hm_layer *src, const hm_bbox *clip)
{
	hm_layer *L = calloc(1, sizeof(*L));
	double rects[2][4];
	int nr = hm_clip_rects(clip, rects);

	*out = NULL;
	if (!L || !(L->path = hm_strdup(src->path)) || !(L->geos = hm_geos_new()) ||
	    !(L->items = calloc(src->count ? src->count : 1, sizeof(hm_feature)))) {
		hm_layer_free(L);
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	}
	L->polygons = src->polygons;
	for (size_t i = 0; i < src->count; i++) {
		if (clip_feature(L, ctx, src, i, rects, nr) < 0) {
			hm_layer_free(L);
			return hm_error(ctx, HM_ENOMEM, "out of memory");
		}
	}
	*out = L;
	return HM_OK;
}

void hm_layer_bbox(const hm_layer *layer, size_t i, double box[4])
{
	memcpy(box, layer->items[i].bbox, 4 * sizeof(double));
}

size_t hm_layer_count(const hm_layer *layer)
{
	return layer->count;
}

const char *hm_layer_name(const hm_layer *layer, size_t i)
{
	return layer->items[i].name;
}

const char *hm_layer_iso_a3(const hm_layer *layer, size_t i)
{
	return layer->items[i].iso_a3;
}

void hm_layer_free(hm_layer *layer)
{
	if (!layer)
		return;
	for (size_t i = 0; i < layer->count; i++) {
		GEOSGeom_destroy_r(layer->geos, layer->items[i].geom);
		free(layer->items[i].name);
		for (int k = 0; k < 3; k++)
			free(layer->items[i].alt_names[k]);
	}
	if (layer->query)
		hm_layer_query_fini(layer->query);
	free(layer->query);
	free(layer->items);
	free(layer->path);
	if (layer->lazy) {
		SHPClose(layer->shp);
		pthread_mutex_destroy(&layer->lock);
	}
	if (layer->geos)
		GEOS_finish_r(layer->geos);
	free(layer);
}

int hm_layer_query_init(hm_layer_query *q, const hm_layer *layer)
{
	q->geos = hm_geos_new();
	q->prep = calloc(layer->count ? layer->count : 1, sizeof(*q->prep));
	q->part_box = calloc(layer->count ? layer->count : 1, sizeof(*q->part_box));
	q->nparts = calloc(layer->count ? layer->count : 1, sizeof(*q->nparts));
	q->n = layer->count;
	if (q->geos && q->prep && q->part_box && q->nparts)
		return 0;
	hm_layer_query_fini(q);
	return -1;
}

void hm_layer_query_fini(hm_layer_query *q)
{
	for (size_t i = 0; q->prep && i < q->n; i++)
		if (q->prep[i])
			GEOSPreparedGeom_destroy_r(q->geos, q->prep[i]);
	for (size_t i = 0; q->part_box && i < q->n; i++)
		free(q->part_box[i]);
	free(q->part_box);
	free(q->nparts);
	q->part_box = NULL;
	q->nparts = NULL;
	free(q->prep);
	if (q->geos)
		GEOS_finish_r(q->geos);
	q->prep = NULL;
	q->geos = NULL;
}
