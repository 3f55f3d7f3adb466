/* Geometry to pixels: projecting the clipped shapes (GEOS, lon/lat) into
 * paths in output pixels, then generalising them to what the output
 * resolution can show. */
#include "project.h"

#include "context.h"
#include "frame.h"
#include "generalise.h"

#include <math.h>
#include <stdlib.h>

/* How far (px) generalisation may move a border. 0.3 and 0.5 look the same
 * at 3x; 0.5 keeps 15,300 of the example's 41,100 vertices (0.3: 20,500),
 * and SVG and PDF write a fifth faster. */
#define GENERALISE_PX 0.5

int hm_path_add(hm_pxpath *p, const double *x, const double *y, size_t n, double tol2)
{
	double *pts = realloc(p->pts, (p->npts + n) * 2 * sizeof(double));
	size_t *rings = realloc(p->rings, (p->nrings + 1) * sizeof(size_t));
	size_t start = p->npts;

	if (pts)
		p->pts = pts;
	if (rings)
		p->rings = rings;
	if (!pts || !rings)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (x[i] == HUGE_VAL)
			continue;
		/* drop points that move less than a fraction of a pixel */
		if (p->npts > start && i + 1 < n) {
			double dx = x[i] - p->pts[2 * (p->npts - 1)];
			double dy = y[i] - p->pts[2 * (p->npts - 1) + 1];
			if (dx * dx + dy * dy < tol2)
				continue;
		}
		p->pts[2 * p->npts] = x[i];
		p->pts[2 * p->npts + 1] = y[i];
		p->npts++;
	}
	if (p->npts - start >= 2)
		p->rings[p->nrings++] = start;
	else
		p->npts = start;
	return 0;
}

static int add_ring(const hm_map *m, const hm_proj *proj, GEOSContextHandle_t g,
		    const GEOSGeometry *ring, hm_pxpath *p)
{
	const GEOSCoordSequence *cs = GEOSGeom_getCoordSeq_r(g, ring);
	unsigned int n = 0;
	double *x, *y;
	int rc = 0;

	if (!cs || !GEOSCoordSeq_getSize_r(g, cs, &n) || n < 2)
		return 0;
	x = malloc(n * sizeof(double));
	y = malloc(n * sizeof(double));
	if (!x || !y || !GEOSCoordSeq_copyToArrays_r(g, cs, x, y, NULL, NULL)) {
		rc = -1;
		goto cleanup;
	}
	hm_proj_fwd(proj, x, y, n);
	hm_frame_to_px(m, x, y, n);
	rc = hm_path_add(p, x, y, n, 0);
cleanup:
	free(x);
	free(y);
	return rc;
}

int hm_project_geom(const hm_map *m, const hm_proj *proj, GEOSContextHandle_t g,
		    const GEOSGeometry *gm, hm_pxpath *p)
{
	int type = GEOSGeomTypeId_r(g, gm);

	switch (type) {
	case GEOS_POLYGON: {
		int nh = GEOSGetNumInteriorRings_r(g, gm);
		if (add_ring(m, proj, g, GEOSGetExteriorRing_r(g, gm), p) < 0)
			return -1;
		for (int i = 0; i < nh; i++)
			if (add_ring(m, proj, g, GEOSGetInteriorRingN_r(g, gm, i), p) < 0)
				return -1;
		return 0;
	}
	case GEOS_LINESTRING:
	case GEOS_LINEARRING: return add_ring(m, proj, g, gm, p);
	case GEOS_MULTIPOLYGON:
	case GEOS_MULTILINESTRING:
	case GEOS_GEOMETRYCOLLECTION: {
		int n = GEOSGetNumGeometries_r(g, gm);
		for (int i = 0; i < n; i++)
			if (hm_project_geom(m, proj, g, GEOSGetGeometryN_r(g, gm, i), p) < 0)
				return -1;
		return 0;
	}
	default: return 0;
	}
}

/* Projecting the country layer's vertices to pixels: features k, k + stride,
 * ... on one thread, with its own GEOS handle and copy of the projection. */
typedef struct {
	const hm_map *m;
	const hm_layer *layer;
	hm_map_feature *out;
	size_t k, stride;
	const hm_proj *proj; /* NULL: make a copy of m->proj for this thread */
	int rc;
} project_job;

static void project_run(void *arg, hm_worker *w)
{
	project_job *J = arg;
	hm_proj *own = NULL;
	const hm_proj *proj = J->proj;
	GEOSContextHandle_t g = NULL;

	(void)w;
	J->rc = -1;
	if (!proj && hm_proj_clone(&own, NULL, J->m->proj) < 0)
		return;
	if (own)
		proj = own;
	g = hm_geos_new();
	if (g) {
		J->rc = 0;
		for (size_t i = J->k; i < J->layer->count && J->rc == 0; i += J->stride)
			J->rc = hm_project_geom(J->m, proj, g, J->layer->items[i].geom,
						&J->out[i].path);
		GEOS_finish_r(g);
	}
	hm_proj_free(own);
}

/* Below this many vertices a second thread costs more than it saves. */
#define PARALLEL_MIN_VERTICES 20000

int hm_project_features(hm_map *m, hm_ctx *ctx, const hm_layer *layer)
{
	project_job jobs[HM_MAX_THREADS];
	void *args[HM_MAX_THREADS];
	int nt = hm_ctx_threads(ctx);
	size_t vertices = 0;

	for (size_t i = 0; i < layer->count && vertices < PARALLEL_MIN_VERTICES; i++) {
		int n = GEOSGetNumCoordinates_r(layer->geos, layer->items[i].geom);
		vertices += n > 0 ? (size_t)n : 0;
	}
	if (vertices < PARALLEL_MIN_VERTICES)
		nt = 1;
	nt = nt > HM_MAX_THREADS ? HM_MAX_THREADS : nt;
	for (int k = 0; k < nt; k++) {
		jobs[k] = (project_job){
			m, layer, m->features, (size_t)k, (size_t)nt, k == 0 ? m->proj : NULL, 0};
		args[k] = &jobs[k];
	}
	hm_ctx_run(ctx, project_run, args, nt);
	for (int k = 0; k < nt; k++)
		if (jobs[k].rc < 0)
			return -1;
	return 0;
}

/* Drop what the output resolution cannot show: vertices that move a line by
 * less than GENERALISE_PX, borders shared by two countries kept identical. */
static int generalise(hm_map *m, hm_ctx *ctx)
{
	size_t n = m->nfeatures, k = 0, before = 0, after = 0;
	hm_pxpath **paths = NULL;
	int rc;

	for (size_t i = 0; i < m->nextra; i++)
		n += m->extra[i].n;
	paths = calloc(n ? n : 1, sizeof(*paths));
	if (!paths)
		return -1;
	for (size_t i = 0; i < m->nfeatures; i++)
		paths[k++] = &m->features[i].path;
	for (size_t i = 0; i < m->nextra; i++)
		for (size_t j = 0; j < m->extra[i].n; j++)
			paths[k++] = &m->extra[i].paths[j];
	for (size_t i = 0; i < k; i++)
		before += paths[i]->npts;
	rc = hm_generalise(paths, k, GENERALISE_PX);
	for (size_t i = 0; i < k; i++)
		after += paths[i]->npts;
	free(paths);
	if (rc == 0)
		hm_log(ctx, HM_LOG_INFO, "generalised to %g px: %zu of %zu vertices kept",
		       GENERALISE_PX, after, before);
	return rc;
}

void hm_path_free(hm_pxpath *p)
{
	free(p->pts);
	free(p->rings);
	free(p->rbox);
}

/* Each ring's bounding box (p->rbox); left NULL if out of memory, which
 * only costs drawing time. */
static void path_bounds(hm_pxpath *p)
{
	free(p->rbox);
	p->rbox = p->nrings ? malloc(p->nrings * 4 * sizeof(double)) : NULL;
	for (size_t r = 0; p->rbox && r < p->nrings; r++) {
		size_t a = p->rings[r], b = r + 1 < p->nrings ? p->rings[r + 1] : p->npts;
		double *box = p->rbox + 4 * r;
		box[0] = box[1] = HUGE_VAL;
		box[2] = box[3] = -HUGE_VAL;
		for (size_t i = a; i < b; i++) {
			double x = p->pts[2 * i], y = p->pts[2 * i + 1];
			box[0] = x < box[0] ? x : box[0];
			box[1] = y < box[1] ? y : box[1];
			box[2] = x > box[2] ? x : box[2];
			box[3] = y > box[3] ? y : box[3];
		}
	}
}

/* Generalisation and the country-label centres need nothing from each
 * other: the calling thread generalises and then joins the context's other
 * threads, which take countries one at a time until none is left. */
typedef struct {
	int generalise;
	hm_map *m;
	hm_ctx *ctx;
	const hm_layer *layer;
	hm_country_centres *c;
	int rc;
} layout_task;

static void layout_run(void *arg, hm_worker *w)
{
	layout_task *t = arg;

	(void)w;
	if (t->generalise)
		t->rc = generalise(t->m, t->ctx);
	if (t->c)
		hm_labels_centres_compute(t->c, t->m, t->layer);
}

int hm_project_finish(hm_map *m, hm_ctx *ctx, const hm_layer *layer, hm_country_centres *c)
{
	layout_task tasks[HM_MAX_THREADS];
	void *args[HM_MAX_THREADS];
	int nt = hm_ctx_threads(ctx);

	nt = !c ? 1 : nt > HM_MAX_THREADS ? HM_MAX_THREADS : nt;
	for (int k = 0; k < nt; k++) {
		tasks[k] = (layout_task){k == 0, m, ctx, layer, c, 0};
		args[k] = &tasks[k];
	}
	hm_ctx_run(ctx, layout_run, args, nt);
	for (size_t i = 0; tasks[0].rc == 0 && i < m->nfeatures; i++)
		path_bounds(&m->features[i].path);
	for (size_t k = 0; tasks[0].rc == 0 && k < m->nextra; k++)
		for (size_t i = 0; i < m->extra[k].n; i++)
			path_bounds(&m->extra[k].paths[i]);
	return tasks[0].rc;
}
