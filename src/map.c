/* Map set-up and layout. Everything is computed once here, in PNG pixels,
 * so that PNG, SVG and PDF draw the same map and the manifest describes it. */
#include "map_priv.h"

#include "context.h"
#include "shapes_priv.h"
#include "generalise.h"
#include "labels.h"
#include "text.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EDGE_STEPS 64
/* How far (px) generalisation may move a border. 0.3 and 0.5 look the same
 * at 3x; 0.5 keeps 15,300 of the example's 41,100 vertices (0.3: 20,500),
 * and SVG and PDF write a fifth faster. */
#define GENERALISE_PX 0.5

double hm_pt(const hm_map *m, double pt)
{
	return pt * m->px_per_pt;
}

double hm_map_radius(const hm_map *m, double value)
{
	double e = m->look.scaling == HM_SCALING_FLANNERY ? 0.5716 : 0.5;

	if (!(m->vmax > 0) || !(value > 0))
		return 0;
	return m->rmax * pow(value / m->vmax, e);
}

static void to_px(const hm_map *m, double *x, double *y, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (x[i] == HUGE_VAL)
			continue;
		double e = x[i], nn = y[i];
		x[i] = m->t[0] * e + m->t[1] * nn + m->t[2];
		y[i] = m->t[3] * e + m->t[4] * nn + m->t[5];
	}
}

/* Points along the edges of a lon/lat box, counter-clockwise. */
static size_t box_edge(const hm_bbox *b, double *x, double *y)
{
	double span = hm_bbox_lon_span(b);
	size_t k = 0;

	for (int i = 0; i < EDGE_STEPS; i++) {
		double t = (double)i / EDGE_STEPS;
		x[k] = b->w + span * t, y[k++] = b->s;
		x[k] = b->w + span, y[k++] = b->s + (b->n - b->s) * t;
		x[k] = b->w + span * (1 - t), y[k++] = b->n;
		x[k] = b->w, y[k++] = b->n - (b->n - b->s) * t;
	}
	for (size_t i = 0; i < k; i++)
		if (x[i] > 180)
			x[i] -= 360;
	return k;
}

static int layout_frame(hm_map *m, const hm_map_opts *o, const double *panel)
{
	if (panel) {
		memcpy(m->frame, panel, sizeof(m->frame));
		return 0;
	}
	double margin = o->dpi * m->look.margin_mm / 25.4;
	double top = margin + hm_pt(m, m->look.title_pt) * 1.45;

	if (o->subtitle && *o->subtitle)
		top += hm_pt(m, m->look.subtitle_pt) * 1.5;
	top += hm_pt(m, 4);
	m->frame[0] = margin;
	m->frame[1] = top;
	m->frame[2] = m->width - 2 * margin;
	m->frame[3] = m->height - top - margin - hm_pt(m, m->look.source_pt) * 1.9;
	m->title_box[0] = margin;
	m->title_box[1] = margin;
	m->title_box[2] = m->frame[2];
	m->title_box[3] = top - margin;
	m->source_box[0] = margin;
	m->source_box[1] = m->frame[1] + m->frame[3] + hm_pt(m, m->look.source_pt) * 0.5;
	m->source_box[2] = m->frame[2];
	m->source_box[3] = hm_pt(m, m->look.source_pt) * 1.4;
	if (m->frame[2] < 50 || m->frame[3] < 50)
		return -1;
	return 0;
}

/* Fit the projected extent (and the sites) into the frame. */
static int fit_transform(hm_map *m, hm_ctx *ctx)
{
	double x[4 * EDGE_STEPS], y[4 * EDGE_STEPS];
	double x0 = HUGE_VAL, y0 = HUGE_VAL, x1 = -HUGE_VAL, y1 = -HUGE_VAL;
	double w, h, s, fw = m->frame[2], fh = m->frame[3];
	size_t n = box_edge(&m->extent, x, y);

	hm_proj_fwd(m->proj, x, y, n);
	for (size_t i = 0; i < n; i++) {
		if (x[i] == HUGE_VAL)
			continue;
		x0 = fmin(x0, x[i]), x1 = fmax(x1, x[i]);
		y0 = fmin(y0, y[i]), y1 = fmax(y1, y[i]);
	}
	if (!(x1 > x0) || !(y1 > y0))
		return hm_error(ctx, HM_EDATA, "the extent cannot be shown in projection %s",
				hm_proj_definition(m->proj));
	w = x1 - x0;
	h = y1 - y0;
	/* widen the short side to the frame's aspect ratio */
	if (w / h < fw / fh) {
		double c = (x0 + x1) / 2;
		w = h * fw / fh;
		x0 = c - w / 2;
	} else {
		double c = (y0 + y1) / 2;
		h = w * fh / fw;
		y1 = c + h / 2;
	}
	s = fw / w;
	m->t[0] = s, m->t[1] = 0, m->t[2] = m->frame[0] - s * x0;
	m->t[3] = 0, m->t[4] = -s, m->t[5] = m->frame[1] + s * y1;
	{
		/* metres (or degrees) per pixel against the physical pixel size */
		const char *def = hm_proj_definition(m->proj);
		double unit = strstr(def, "+proj=longlat") ? 111320.0 : 1.0;
		m->scale = unit / s / (0.0254 / m->dpi);
	}
	return HM_OK;
}

/* The lon/lat box that covers the whole frame, for clipping the shapes. */
static void clip_box(hm_map *m)
{
	double x[4 * EDGE_STEPS + 2], y[4 * EDGE_STEPS + 2];
	double fx = m->frame[0], fy = m->frame[1], fw = m->frame[2], fh = m->frame[3];
	double lon0 = hm_proj_central_lon(m->proj);
	size_t k = 0, bad = 0;
	int whole = 0;

	for (int i = 0; i < EDGE_STEPS; i++) {
		double t = (double)i / EDGE_STEPS;
		x[k] = fx + fw * t, y[k++] = fy;
		x[k] = fx + fw, y[k++] = fy + fh * t;
		x[k] = fx + fw * (1 - t), y[k++] = fy + fh;
		x[k] = fx, y[k++] = fy + fh * (1 - t);
	}
	/* pixels back to projected coordinates, then to lon/lat */
	for (size_t i = 0; i < k; i++) {
		x[i] = (x[i] - m->t[2]) / m->t[0];
		y[i] = (y[i] - m->t[5]) / m->t[4];
	}
	hm_proj_inv(m->proj, x, y, k);
	{
		size_t j = 0;
		for (size_t i = 0; i < k; i++) {
			if (x[i] == HUGE_VAL) {
				bad++;
				continue;
			}
			x[j] = x[i], y[j++] = y[i];
		}
		k = j;
	}
	hm_bbox_fit(&m->clip, x, y, k, 0.03, 0);
	/* a pole inside the frame: every longitude is in view */
	for (int pole = -1; pole <= 1; pole += 2) {
		double px = 0, py = 90.0 * pole;
		hm_proj_fwd(m->proj, &px, &py, 1);
		to_px(m, &px, &py, 1);
		if (px != HUGE_VAL && px >= fx && px <= fx + fw && py >= fy && py <= fy + fh) {
			whole = 1;
			if (pole > 0)
				m->clip.n = 90;
			else
				m->clip.s = -90;
		}
	}
	if (bad || whole || hm_bbox_lon_span(&m->clip) > 300)
		whole = 1;
	if (whole) {
		/* cut the world at the projection's seam, not at +-180 */
		double w = lon0 - 180 + 1e-7, e = lon0 + 180 - 1e-7;
		m->clip.w = w < -180 ? w + 360 : w;
		m->clip.e = e > 180 ? e - 360 : e;
		if (bad) {
			m->clip.s = -90;
			m->clip.n = 90;
		}
	}
	if (strstr(hm_proj_definition(m->proj), "+proj=merc")) {
		m->clip.s = fmax(m->clip.s, -85);
		m->clip.n = fmin(m->clip.n, 85);
	}
}

static int path_add(hm_pxpath *p, const double *x, const double *y, size_t n, double tol2)
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
	to_px(m, x, y, n);
	rc = path_add(p, x, y, n, 0);
cleanup:
	free(x);
	free(y);
	return rc;
}

static int add_geom(const hm_map *m, const hm_proj *proj, GEOSContextHandle_t g,
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
			if (add_geom(m, proj, g, GEOSGetGeometryN_r(g, gm, i), p) < 0)
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
			J->rc = add_geom(J->m, proj, g, J->layer->items[i].geom, &J->out[i].path);
		GEOS_finish_r(g);
	}
	hm_proj_free(own);
}

/* Below this many vertices a second thread costs more than it saves. */
#define PARALLEL_MIN_VERTICES 20000

static int project_features(hm_map *m, hm_ctx *ctx, const hm_layer *layer)
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

static int generalise_and_centres(hm_map *m, hm_ctx *ctx, const hm_layer *layer,
				  hm_country_centres *c)
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

/* Largest of 1, 2, 2.5, 5 x 10^k not above v. */
static double nice_floor(double v)
{
	static const double steps[] = {5, 2.5, 2, 1};
	double p;

	if (!(v > 0))
		return 0;
	p = pow(10, floor(log10(v)));
	for (int i = 0; i < 4; i++)
		if (steps[i] * p <= v * (1 + 1e-9))
			return steps[i] * p;
	return p;
}

/* Nested-circle legend: the largest round value not above vmax, then going
 * down the round values (1, 2, 2.5, 5 x 10^k), each next one whose value
 * label can sit at its circle's top without crowding the previous one, down
 * to a circle still readable and not far below the smallest site. */
static void make_legend(hm_map *m, double vmin)
{
	double v = nice_floor(m->vmax), em = hm_pt(m, m->look.legend_pt);
	size_t n = 0;

	m->nlegend = 0;
	for (int guard = 0; v > 0 && n < 3 && guard < 40; guard++) {
		double r = hm_map_radius(m, v);
		if (r < hm_pt(m, 2.5) || (n > 0 && v < vmin / 4))
			break;
		if (n == 0 || 2 * (m->legend_radii[n - 1] - r) >= 1.1 * em) {
			m->legend_values[n] = v;
			m->legend_radii[n] = r;
			n++;
		}
		v = nice_floor(v * (1 - 1e-6));
	}
	m->nlegend = n;
}

/* The frame corner for a w x h box that covers the fewest symbols and none
 * of the furniture already placed; ties go to bottom-left, bottom-right,
 * top-left, top-right in that order. Returns 0, or -1 if no corner is free. */
static int best_corner_ex(const hm_map *m, double w, double h, double out[4], int strict);

static int best_corner(const hm_map *m, double w, double h, double out[4])
{
	return best_corner_ex(m, w, h, out, 0);
}

/* strict: no symbol at all may lie under the box (inset panels) */
static int best_corner_ex(const hm_map *m, double w, double h, double out[4], int strict)
{
	double pad = hm_pt(m, 6), best = HUGE_VAL;
	double fx = m->frame[0], fy = m->frame[1], fw = m->frame[2], fh = m->frame[3];

	for (int c = 0; c < 4; c++) {
		double b[4] = {(c & 1) ? fx + fw - w - pad : fx + pad,
			       (c & 2) ? fy + pad : fy + fh - h - pad, w, h};
		double cover = 0;
		int clash = 0;
		for (size_t u = 0; u < m->nfurniture; u++)
			clash |= hm_box_overlap(b, m->furniture[u]);
		if (clash)
			continue;
		for (size_t i = 0; i < m->nsites; i++) {
			const hm_map_site *s = &m->sites[i];
			double dx = fmax(b[0] - s->x, fmax(0, s->x - (b[0] + w)));
			double dy = fmax(b[1] - s->y, fmax(0, s->y - (b[1] + h)));
			if (dx * dx + dy * dy < (s->r + pad) * (s->r + pad))
				cover += 1 + s->r;
		}
		if (strict && cover > 0)
			continue;
		if (cover < best) {
			best = cover;
			memcpy(out, b, sizeof(b));
		}
	}
	return best == HUGE_VAL ? -1 : 0;
}

static void add_furniture(hm_map *m, const double b[4])
{
	if (m->nfurniture < sizeof(m->furniture) / sizeof(m->furniture[0]))
		memcpy(m->furniture[m->nfurniture++], b, 4 * sizeof(double));
}

/* The legend, sized to its content: caption over the circles, values to the
 * right of their leaders; in the best free corner. */
static void place_legend(hm_map *m)
{
	double w, h, pad = hm_pt(m, 6);
	double cw, ch, lw = 0, th = 0, pt = hm_pt(m, m->look.legend_pt);
	char num[64];

	m->legend_box[2] = 0;
	if (m->nlegend == 0)
		return;
	hm_text_size(m->look.font, pt, 1, m->legend_caption, &cw, &ch);
	for (size_t i = 0; i < m->nlegend; i++) {
		double tw;
		hm_format_value(num, sizeof(num), m->legend_values[i]);
		hm_text_size(m->look.font, pt, 0, num, &tw, &th);
		lw = fmax(lw, tw);
	}
	w = fmax(cw, 2 * m->legend_radii[0] + hm_pt(m, 5.5) + lw) + 2 * pad;
	h = ch + hm_pt(m, 4) + fmax(2 * m->legend_radii[0], th) + 1.6 * pad;
	m->legend_caption_h = ch;
	/* categories: one row each under the circles, swatch and name */
	m->legend_rows = m->ncategories < HM_LEGEND_ROWS ? m->ncategories : HM_LEGEND_ROWS;
	m->legend_row_h = th * 1.1;
	for (size_t k = 0; k < m->legend_rows; k++) {
		double tw, tht;
		hm_text_size(m->look.font, pt, 0, m->categories[k], &tw, &tht);
		w = fmax(w, tw + th + 2 * pad);
	}
	h += m->legend_rows * m->legend_row_h + (m->legend_rows ? hm_pt(m, 3) : 0);
	if (best_corner(m, w, h, m->legend_box) == 0)
		add_furniture(m, m->legend_box);
	else
		m->legend_box[2] = 0;
}

/* Largest of 1, 2, 5 x 10^k not above v. */
static double round_125(double v)
{
	double p = pow(10, floor(log10(v)));

	return v >= 5 * p ? 5 * p : v >= 2 * p ? 2 * p : p;
}

/* A scale bar of a round length, true at the frame's centre: the length of a
 * pixel there is measured as a geodesic distance with PROJ, not assumed. */
static void place_scalebar(hm_map *m)
{
	double cx = m->frame[0] + m->frame[2] / 2, cy = m->frame[1] + m->frame[3] / 2;
	double half = m->frame[2] * 0.05, x[2], y[2], d, m_per_px, maxlen, w, h, tw, th;
	double pt = hm_pt(m, m->look.legend_pt);
	char text[64];

	m->scalebar_km = 0;
	if (!m->look.scalebar)
		return;
	x[0] = (cx - half - m->t[2]) / m->t[0], y[0] = (cy - m->t[5]) / m->t[4];
	x[1] = (cx + half - m->t[2]) / m->t[0], y[1] = y[0];
	hm_proj_inv(m->proj, x, y, 2);
	if (x[0] == HUGE_VAL || x[1] == HUGE_VAL)
		return;
	d = hm_proj_geodesic(m->proj, x[0], y[0], x[1], y[1]);
	if (d == HUGE_VAL || !(d > 0))
		return;
	m_per_px = d / (2 * half);
	maxlen = m->frame[2] * 0.18 * m_per_px; /* metres */
	m->scalebar_km = round_125(maxlen / 1000);
	m->scalebar_px = m->scalebar_km * 1000 / m_per_px;
	m->scalebar_mi = 0;
	if (m->look.scalebar_units != HM_UNITS_KM) {
		m->scalebar_mi = round_125(maxlen / 1609.344);
		m->scalebar_mi_px = m->scalebar_mi * 1609.344 / m_per_px;
	}
	if (m->look.scalebar_units == HM_UNITS_MI) {
		m->scalebar_km = 0;
	}
	snprintf(text, sizeof(text), "%g km",
		 m->scalebar_km > m->scalebar_mi ? m->scalebar_km : m->scalebar_mi);
	hm_text_size(m->look.font, pt, 0, text, &tw, &th);
	w = fmax(m->scalebar_km > 0 ? m->scalebar_px : 0, m->scalebar_mi_px) + tw + hm_pt(m, 12);
	h = (m->scalebar_km > 0 && m->scalebar_mi > 0 ? 2 : 1) * (th + hm_pt(m, 4)) + hm_pt(m, 6);
	if (best_corner(m, w, h, m->scalebar_box) == 0) {
		add_furniture(m, m->scalebar_box);
	} else {
		m->scalebar_km = m->scalebar_mi = 0;
	}
}

/* Largest value first; ties keep the CSV's order (deterministic output). */
static int cmp_order(const void *a, const void *b)
{
	const hm_map_site *s = *(const hm_map_site *const *)a;
	const hm_map_site *t = *(const hm_map_site *const *)b;

	if (s->value != t->value)
		return s->value < t->value ? 1 : -1;
	return (s > t) - (s < t);
}

static int place_sites(hm_map *m, hm_ctx *ctx, const hm_sites *sites, const hm_map_opts *o,
		       hm_layer *layer)
{
	double vmin = HUGE_VAL;
	size_t n = sites->count;
	const char *prev_country = NULL;
	long prev_f = -1;

	m->sites = calloc(n ? n : 1, sizeof(hm_map_site));
	m->order = calloc(n ? n : 1, sizeof(size_t));
	m->names = calloc(n ? n : 1, sizeof(char *));
	m->labels = calloc(n ? n : 1, sizeof(char *));
	m->categories = calloc(n ? n : 1, sizeof(char *));
	if (!m->labels || !m->categories)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	m->hl_names = calloc(layer->count ? layer->count : 1, sizeof(char *));
	if (!m->sites || !m->order || !m->names || !m->hl_names)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	m->nsites = n;
	m->vmax = o->max_value > 0 ? o->max_value : hm_sites_max_value(sites);
	m->rmax = m->look.r_max_mm / 25.4 * m->dpi;
	for (size_t i = 0; i < n; i++) {
		const hm_site *src = &sites->items[i];
		hm_map_site *s = &m->sites[i];
		long f = -1;
		m->names[i] = hm_strdup(src->name);
		if (!m->names[i])
			return hm_error(ctx, HM_ENOMEM, "out of memory");
		s->name = m->names[i];
		/* what is drawn: no control characters, at most 80 characters */
		m->labels[i] = hm_text_clean(src->label ? src->label : src->name, 80);
		if (!m->labels[i])
			return hm_error(ctx, HM_ENOMEM, "out of memory");
		s->label = m->labels[i];
		if (src->category) {
			/* categories are numbered in order of first appearance */
			size_t k;
			for (k = 0; k < m->ncategories; k++)
				if (strcmp(m->categories[k], src->category) == 0)
					break;
			if (k == m->ncategories) {
				m->categories[k] = hm_strdup(src->category);
				if (!m->categories[k])
					return hm_error(ctx, HM_ENOMEM, "out of memory");
				m->ncategories++;
			}
			s->category = m->categories[k];
			s->category_index = (int)k;
		}
		s->lon = src->lon, s->lat = src->lat, s->value = src->value;
		s->line = src->line;
		s->x = src->lon, s->y = src->lat;
		hm_proj_fwd(m->proj, &s->x, &s->y, 1);
		to_px(m, &s->x, &s->y, 1);
		s->r = hm_map_radius(m, s->value);
		if (src->value < vmin)
			vmin = src->value;
		m->order[i] = i;
		/* the country column names the country; else the polygon.
		 * Rows of one country mostly follow each other: the last
		 * name's answer is reused. */
		if (src->country && prev_country && strcmp(src->country, prev_country) == 0) {
			f = prev_f;
		} else if (src->country) {
			f = hm_layer_find_name(layer, src->country);
			prev_country = src->country;
			prev_f = f;
		}
		if (f < 0)
			f = hm_layer_find_point(layer, src->lon, src->lat);
		if (f >= 0)
			memcpy(s->country_iso, layer->items[f].iso_a3, sizeof(s->country_iso));
		if (f >= 0 && !m->features[f].highlight) {
			m->features[f].highlight = 1;
			m->hl_names[m->nhighlighted] = hm_strdup(layer->items[f].name);
			if (!m->hl_names[m->nhighlighted++])
				return hm_error(ctx, HM_ENOMEM, "out of memory");
		}
		if (s->x == HUGE_VAL)
			hm_log(ctx, HM_LOG_WARN,
			       "%s:%zu: site \"%s\" cannot be projected; not drawn", sites->path,
			       src->line, src->name);
	}
	{
		const hm_map_site **ptr = malloc((n ? n : 1) * sizeof(*ptr));
		if (!ptr)
			return hm_error(ctx, HM_ENOMEM, "out of memory");
		for (size_t i = 0; i < n; i++)
			ptr[i] = &m->sites[i];
		qsort(ptr, n, sizeof(*ptr), cmp_order);
		for (size_t i = 0; i < n; i++)
			m->order[i] = (size_t)(ptr[i] - m->sites);
		free(ptr);
	}
	snprintf(m->legend_caption, sizeof(m->legend_caption), "%s",
		 o->legend_title       ? o->legend_title
		 : sites->value_column ? sites->value_column
				       : "Value");
	if (m->legend_caption[0] >= 'a' && m->legend_caption[0] <= 'z')
		m->legend_caption[0] = (char)(m->legend_caption[0] - 'a' + 'A');
	if (o->plain || m->role != ROLE_MAIN)
		return HM_OK;
	make_legend(m, vmin);
	place_legend(m);
	place_scalebar(m);
	return HM_OK;
}

static char *default_title(const char *col)
{
	size_t n = strlen(col) + 16;
	char *t = malloc(n);

	if (!t)
		return NULL;
	snprintf(t, n, "%s by site", col);
	if (t[0] >= 'a' && t[0] <= 'z')
		t[0] = (char)(t[0] - 'a' + 'A');
	return t;
}

static char *source_line(const char *source, const char *csv)
{
	const char *base = strrchr(csv, '/');
	size_t n;
	char *s;

	base = base ? base + 1 : csv;
	n = strlen(source ? source : base) + 96;
	s = malloc(n);
	if (!s)
		return NULL;
	if (source && *source)
		snprintf(s, n, "Source: %s. Basemap: Natural Earth.", source);
	else
		snprintf(s, n, "Data: %s. Basemap: Natural Earth.", base);
	return s;
}

/* A layer clipped to the map: from the session's cache when there is one
 * (batches, watch), else read from the file, only the records in view. */
static int load_layer(hm_layer **out, hm_ctx *ctx, const hm_map_opts *o, const char *path,
		      const hm_bbox *clip)
{
	const hm_layer *full;
	double t0 = hm_now();
	int rc;

	if (!o->shapes_cache) {
		rc = hm_layer_load(out, ctx, path, clip);
	} else {
		rc = hm_shapes_cache_get(&full, ctx, o->shapes_cache, path);
		if (rc == HM_OK)
			rc = hm_layer_clip(out, ctx, full, clip);
	}
	hm_ctx_add_time(ctx, HM_STAGE_LOAD_SHAPES, hm_now() - t0);
	return rc;
}

static int make_insets(hm_map *m, hm_ctx *ctx, const hm_sites *sites, const hm_map_opts *o);
static int make_graticule(hm_map *m);
static void make_north_arrow(hm_map *m);
static int make_sphere(hm_map *m);

/* Lay out a map: the main map (panel NULL) or an inset drawn into a panel of
 * its parent's canvas. */
static int map_build(hm_map **out, hm_ctx *ctx, const hm_sites *sites, const hm_map_opts *o,
		     int role, const double *panel)
{
	hm_layer *layer = NULL;
	hm_map *m = NULL;
	char shp[4096];
	double t_proj = 0, t_layout = 0, inset_stages = 0;
	hm_country_centres centres = {NULL, NULL, NULL, 0, 0};
	int rc = HM_OK, country_labels = !o->plain && role != ROLE_LOCATOR;

	*out = NULL;
	if (o->width < 100 || o->height < 100 || o->width > HM_MAX_SIDE ||
	    o->height > HM_MAX_SIDE || (double)o->width * o->height > HM_MAX_PIXELS)
		return hm_error(ctx, HM_EUSAGE,
				"--size %dx%d: each side must be 100 to %d pixels "
				"and the image at most %.0f megapixels",
				o->width, o->height, HM_MAX_SIDE, HM_MAX_PIXELS / 1e6);
	if (!(o->dpi >= 36 && o->dpi <= 2400))
		return hm_error(ctx, HM_EUSAGE, "--dpi %g: must be 36 to 2400", o->dpi);
	if (!sites || (sites->count == 0 && !o->extent))
		return hm_error(ctx, HM_EDATA, "no sites to draw");
	m = calloc(1, sizeof(*m));
	if (!m)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	if (o->style)
		m->look = *o->style;
	else
		hm_style_init(&m->look);
	m->width = o->width;
	m->height = o->height;
	m->dpi = o->dpi;
	m->px_per_pt = o->dpi / 72.0;
	m->role = role;
	m->hide_symbols = role == ROLE_LOCATOR;
	if (layout_frame(m, o, panel) < 0) {
		rc = hm_error(ctx, HM_EUSAGE,
			      "--size %dx%d at %g dpi leaves no room "
			      "for the map",
			      o->width, o->height, o->dpi);
		goto cleanup;
	}
	if (o->extent) {
		m->extent = *o->extent;
	} else {
		double *lon = malloc(sites->count * sizeof(double));
		double *lat = malloc(sites->count * sizeof(double));
		if (!lon || !lat) {
			free(lon);
			free(lat);
			rc = hm_error(ctx, HM_ENOMEM, "out of memory");
			goto cleanup;
		}
		for (size_t i = 0; i < sites->count; i++)
			lon[i] = sites->items[i].lon, lat[i] = sites->items[i].lat;
		hm_bbox_fit(&m->extent, lon, lat, sites->count, 0.12, 2.0);
		free(lon);
		free(lat);
		/* sites over more than half the globe: a world map, centred on
		 * Greenwich as readers expect, not an odd slice of the globe */
		if (hm_bbox_lon_span(&m->extent) > 180) {
			m->extent.w = -180;
			m->extent.e = 180;
		}
	}
	rc = hm_proj_new(&m->proj, ctx, o->crs, &m->extent);
	if (rc < 0)
		goto cleanup;
	hm_log(ctx, HM_LOG_INFO, "extent: %g,%g,%g,%g", m->extent.w, m->extent.s, m->extent.e,
	       m->extent.n);
	hm_log(ctx, HM_LOG_INFO, "projection: %s: %s", hm_proj_description(m->proj),
	       hm_proj_definition(m->proj));
	rc = fit_transform(m, ctx);
	if (rc < 0)
		goto cleanup;
	clip_box(m);
	if (make_sphere(m) < 0) {
		rc = hm_error(ctx, HM_ENOMEM, "out of memory");
		goto cleanup;
	}
	if (o->shapes) {
		snprintf(shp, sizeof(shp), "%s", o->shapes);
	} else {
		hm_resolution res = hm_shapes_resolution_for_scale(m->scale);
		hm_shapes_countries_path(shp, sizeof(shp), o->shapes_dir, res);
	}
	hm_log(ctx, HM_LOG_INFO, "scale 1:%.0f; shapes %s", m->scale, shp);
	m->shapes_path = hm_strdup(shp);
	rc = load_layer(&layer, ctx, o, shp, &m->clip);
	if (rc < 0)
		goto cleanup;
	m->features = calloc(layer->count ? layer->count : 1, sizeof(hm_map_feature));
	if (!m->shapes_path || !m->features) {
		rc = hm_error(ctx, HM_ENOMEM, "out of memory");
		goto cleanup;
	}
	m->nfeatures = layer->count;
	t_proj = hm_now();
	for (size_t i = 0; i < layer->count; i++)
		m->features[i].path.closed = layer->polygons;
	if (project_features(m, ctx, layer) < 0) {
		rc = hm_error(ctx, HM_ENOMEM, "out of memory");
		goto cleanup;
	}
	for (int k = 0; k < m->look.nlayers; k++) {
		hm_layer *extra = NULL;
		hm_map_layer *ml = &m->extra[m->nextra];
		rc = load_layer(&extra, ctx, o, m->look.layers[k].path, &m->clip);
		if (rc < 0)
			goto cleanup;
		ml->style = &m->look.layers[k];
		ml->paths = calloc(extra->count ? extra->count : 1, sizeof(hm_pxpath));
		if (!ml->paths) {
			hm_layer_free(extra);
			rc = hm_error(ctx, HM_ENOMEM, "out of memory");
			goto cleanup;
		}
		m->nextra++;
		for (size_t i = 0; i < extra->count; i++) {
			ml->paths[i].closed = extra->polygons;
			ml->n++;
			if (add_geom(m, m->proj, extra->geos, extra->items[i].geom, &ml->paths[i]) <
			    0) {
				hm_layer_free(extra);
				rc = hm_error(ctx, HM_ENOMEM, "out of memory");
				goto cleanup;
			}
		}
		hm_log(ctx, HM_LOG_INFO, "layer %s: %zu features from %s", m->look.layers[k].name,
		       extra->count, m->look.layers[k].path);
		hm_layer_free(extra);
	}
	if (country_labels && hm_labels_centres_init(&centres, layer->count) < 0) {
		rc = hm_error(ctx, HM_ENOMEM, "out of memory");
		goto cleanup;
	}
	if (generalise_and_centres(m, ctx, layer, country_labels ? &centres : NULL) < 0) {
		rc = hm_error(ctx, HM_ENOMEM, "out of memory");
		goto cleanup;
	}
	hm_ctx_add_time(ctx, HM_STAGE_PROJECT, hm_now() - t_proj);
	t_layout = hm_now();
	m->label_px = hm_pt(m, m->look.label_pt);
	m->halo_px = hm_pt(m, m->look.halo_pt);
	m->source_name = hm_strdup(sites->path);
	if (!m->source_name) {
		rc = hm_error(ctx, HM_ENOMEM, "out of memory");
		goto cleanup;
	}
	rc = place_sites(m, ctx, sites, o, layer);
	/* insets are furniture that the labels of the main map avoid */
	if (rc == HM_OK && role == ROLE_MAIN && !o->plain) {
		const hm_timings *T = hm_ctx_timings(ctx);
		double before = T->load_shapes + T->project;
		rc = make_insets(m, ctx, sites, o);
		inset_stages = T->load_shapes + T->project - before;
	}
	if (rc == HM_OK && role == ROLE_MAIN && !o->plain) {
		make_north_arrow(m);
		if (make_graticule(m) < 0)
			rc = hm_error(ctx, HM_ENOMEM, "out of memory");
	}
	if (rc == HM_OK && !o->plain && role != ROLE_LOCATOR)
		rc = hm_labels_place_sites(m, ctx);
	if (rc == HM_OK && country_labels)
		rc = hm_labels_place_countries(m, ctx, layer, &centres);
	if (rc < 0)
		goto cleanup;
	if (m->ncategories > (size_t)m->look.ncategories)
		hm_log(ctx, HM_LOG_WARN,
		       "%s: %zu categories but the style has %d colours; "
		       "colours repeat",
		       sites->path, m->ncategories, m->look.ncategories);
	m->highlighted = (const char **)m->hl_names;
	/* insets count their own stages; do not count them twice */
	if (role == ROLE_MAIN)
		hm_ctx_add_time(ctx, HM_STAGE_LAYOUT, hm_now() - t_layout - inset_stages);
	m->value_column = hm_strdup(sites->value_column ? sites->value_column : "value");
	m->title = o->title ? hm_strdup(o->title) : default_title(m->value_column);
	m->subtitle = o->subtitle ? hm_strdup(o->subtitle) : NULL;
	m->source_line = source_line(o->source, sites->path);
	if (!m->value_column || !m->title || !m->source_line || (o->subtitle && !m->subtitle)) {
		rc = hm_error(ctx, HM_ENOMEM, "out of memory");
		goto cleanup;
	}
	*out = m;
	m = NULL;
cleanup:
	hm_labels_centres_free(&centres);
	hm_layer_free(layer);
	hm_map_free(m);
	return rc;
}

/* Degrees as a label: 100°E, 15°N, 0°. */
static void degree_text(char *buf, size_t cap, double v, int lat)
{
	double a = fabs(v);
	const char *h = v == 0 ? "" : lat ? (v > 0 ? "N" : "S") : (v > 0 ? "E" : "W");

	if (a == floor(a))
		snprintf(buf, cap, "%.0f\u00b0%s", a, h);
	else
		snprintf(buf, cap, "%g\u00b0%s", a, h);
}

/* Meridians and parallels at a round step, with degree labels just inside
 * the bottom and left edges where they meet the frame. */
static int make_graticule(hm_map *m)
{
	static const double steps[] = {0.5, 1, 2, 5, 10, 15, 30, 45};
	double lspan = hm_bbox_lon_span(&m->clip), step = m->look.graticule_step;
	double pt = hm_pt(m, m->look.legend_pt * 0.85);
	const double *f = m->frame;
	enum { N = 200 };
	double x[N], y[N];

	if (!m->look.graticule)
		return 0;
	if (!(step > 0)) {
		step = steps[7];
		for (int i = 0; i < 8; i++)
			if (lspan / steps[i] <= 8) {
				step = steps[i];
				break;
			}
	}
	for (int lat = 0; lat < 2; lat++) {
		double a0 = lat ? m->clip.s : m->clip.w, span = lat ? m->clip.n - m->clip.s : lspan;
		double first = ceil(a0 / step) * step;
		for (double v = first; v <= a0 + span + 1e-9; v += step) {
			double best = HUGE_VAL, bx = 0, by = 0;
			for (int i = 0; i < N; i++) {
				double t = (double)i / (N - 1);
				if (lat) {
					x[i] = m->clip.w + lspan * t, y[i] = v;
				} else {
					x[i] = v, y[i] = m->clip.s + (m->clip.n - m->clip.s) * t;
				}
				if (x[i] > 180)
					x[i] -= 360;
			}
			hm_proj_fwd(m->proj, x, y, N);
			to_px(m, x, y, N);
			if (path_add(&m->graticule, x, y, N, 0.25) < 0)
				return -1;
			/* where it leaves the frame: bottom edge for meridians,
			 * left edge for parallels */
			for (int i = 1; i < N; i++) {
				double e = lat ? f[0] : f[1] + f[3];
				double p0 = lat ? x[i - 1] : y[i - 1], p1 = lat ? x[i] : y[i];
				double q;
				if (x[i] == HUGE_VAL || x[i - 1] == HUGE_VAL ||
				    (p0 - e) * (p1 - e) > 0 || p0 == p1)
					continue;
				q = (e - p0) / (p1 - p0);
				bx = x[i - 1] + (x[i] - x[i - 1]) * q;
				by = y[i - 1] + (y[i] - y[i - 1]) * q;
				best = 0;
				break;
			}
			if (best == HUGE_VAL || m->ngrat_labels >= 64)
				continue;
			{
				double w, h, b[4];
				char text[16];
				int clash = 0;
				double vv = lat ? v : (v > 180 ? v - 360 : v);
				degree_text(text, sizeof(text), vv, lat);
				hm_text_size(m->look.font, pt, 0, text, &w, &h);
				b[0] = lat ? f[0] + hm_pt(m, 2) : bx - w / 2;
				b[1] = lat ? by - h / 2 : f[1] + f[3] - h - hm_pt(m, 1);
				b[2] = w, b[3] = h;
				if (b[0] < f[0] || b[0] + w > f[0] + f[2] || b[1] < f[1] ||
				    b[1] + h > f[1] + f[3])
					continue;
				for (size_t u = 0; u < m->nfurniture; u++)
					clash |= hm_box_overlap(b, m->furniture[u]);
				if (clash)
					continue;
				m->grat_labels[m->ngrat_labels].x = b[0];
				m->grat_labels[m->ngrat_labels].y = b[1];
				memcpy(m->grat_labels[m->ngrat_labels].text, text, sizeof(text));
				m->ngrat_labels++;
				add_furniture(m, b);
			}
		}
	}
	return 0;
}

/* A north arrow where north is not up everywhere (conic and azimuthal maps
 * of a wide area), or always/never as the style says. */
/* Is the frame pixel (px, py) beyond the edge of the world? PROJ's inverse
 * still returns numbers there for some projections (Equal Earth), which do
 * not project back to the pixel. */
static int off_globe(const hm_map *m, double px, double py)
{
	double ex = (px - m->t[2]) / m->t[0], ny = (py - m->t[5]) / m->t[4];
	double x = ex, y = ny;

	hm_proj_inv(m->proj, &x, &y, 1);
	if (x == HUGE_VAL)
		return 1;
	hm_proj_fwd(m->proj, &x, &y, 1);
	return x == HUGE_VAL || hypot(x - ex, y - ny) > 1.0 / fabs(m->t[0]);
}

/* World maps in a (pseudo)cylindrical projection whose frame reaches past
 * the world: its outline, the meridians 180 degrees either side of the
 * centre and the poles, so that the sea stops there. */
static int make_sphere(hm_map *m)
{
	static const char *const kinds[] = {
		"eqearth", "robin",    "moll",	    "eck1",	 "eck2",   "eck3",   "eck4", "eck5",
		"eck6",	   "natearth", "natearth2", "wintri",	 "hammer", "aitoff", "sinu", "kav7",
		"wag4",	   "wag7",     "times",	    "patterson", "eqc",	   "merc",   NULL};
	const char *def = hm_proj_definition(m->proj), *pj = strstr(def, "+proj=");
	const double *f = m->frame;
	double lon0 = hm_proj_central_lon(m->proj), top = 90;
	enum { N = 181 };
	double x[4 * N], y[4 * N];
	int k = 0, n = 0;

	for (int c = 0; c < 4; c++)
		n += off_globe(m, f[0] + (c & 1) * f[2], f[1] + (c >> 1) * f[3]);
	if (!n || !pj)
		return 0;
	for (k = 0; kinds[k]; k++)
		if (strncmp(pj + 6, kinds[k], strlen(kinds[k])) == 0 &&
		    (pj[6 + strlen(kinds[k])] == ' ' || pj[6 + strlen(kinds[k])] == '\0'))
			break;
	if (!kinds[k])
		return 0;
	if (strcmp(kinds[k], "merc") == 0)
		top = 85;
	n = 0;
	/* west edge north, the top, east edge south, the bottom */
	for (int i = 0; i < N; i++)
		x[n] = lon0 - 180 + 1e-7, y[n++] = -top + 2 * top * i / (N - 1);
	for (int i = 1; i < N; i++)
		x[n] = lon0 - 180 + 1e-7 + (360 - 2e-7) * i / (N - 1), y[n++] = top;
	for (int i = 1; i < N; i++)
		x[n] = lon0 + 180 - 1e-7, y[n++] = top - 2 * top * i / (N - 1);
	for (int i = 1; i < N - 1; i++)
		x[n] = lon0 + 180 - 1e-7 - (360 - 2e-7) * i / (N - 1), y[n++] = -top;
	for (int i = 0; i < n; i++)
		if (x[i] > 180)
			x[i] -= 360;
		else if (x[i] < -180)
			x[i] += 360;
	hm_proj_fwd(m->proj, x, y, (size_t)n);
	for (int i = 0; i < n; i++)
		if (x[i] == HUGE_VAL)
			return 0;
	to_px(m, x, y, (size_t)n);
	m->sphere.closed = 1;
	return path_add(&m->sphere, x, y, (size_t)n, 0);
}

static void make_north_arrow(hm_map *m)
{
	double corners[4][2] = {{0, 0}, {1, 0}, {0, 1}, {1, 1}}, worst = 0, b[4];
	double len = hm_pt(m, 16), x[2], y[2];
	int off = 0;

	m->north[2] = 0;
	if (m->look.north_arrow == 0)
		return;
	for (int c = 0; c < 4; c++) {
		double px = m->frame[0] + corners[c][0] * m->frame[2];
		double py = m->frame[1] + corners[c][1] * m->frame[3];
		if (off_globe(m, px, py)) {
			off++;
			continue;
		}
		x[0] = (px - m->t[2]) / m->t[0], y[0] = (py - m->t[5]) / m->t[4];
		hm_proj_inv(m->proj, x, y, 1);
		x[1] = x[0], y[1] = fmin(y[0] + 0.01, 90);
		y[0] = y[1] - 0.01;
		hm_proj_fwd(m->proj, x, y, 2);
		if (x[0] == HUGE_VAL || x[1] == HUGE_VAL)
			continue;
		worst = fmax(worst, fabs(atan2(x[1] - x[0], y[1] - y[0])));
	}
	/* auto: only where north turns (a conic, an azimuthal map), and not
	 * where it turns so much across the map that one arrow would mislead
	 * (a world map: the graticule shows north there) */
	if (m->look.north_arrow < 0 && (worst < 1.0 * 3.14159265358979323846 / 180 ||
					worst > 15.0 * 3.14159265358979323846 / 180 || off))
		return;
	if (best_corner(m, hm_pt(m, 14), len + hm_pt(m, 12), b) < 0)
		return;
	add_furniture(m, b);
	/* the direction of north where the arrow stands */
	x[0] = (b[0] + b[2] / 2 - m->t[2]) / m->t[0];
	y[0] = (b[1] + b[3] * 0.75 - m->t[5]) / m->t[4];
	hm_proj_inv(m->proj, x, y, 1);
	if (x[0] == HUGE_VAL)
		return;
	x[1] = x[0], y[1] = fmin(y[0] + 0.01, 90);
	y[0] = y[1] - 0.01;
	hm_proj_fwd(m->proj, x, y, 2);
	m->north[0] = b[0] + b[2] / 2;
	m->north[1] = b[1] + b[3] * 0.8;
	m->north[2] = len;
	m->north[3] = atan2(x[1] - x[0], y[1] - y[0]);
}

int hm_map_new(hm_map **out, hm_ctx *ctx, const hm_sites *sites, const hm_map_opts *opts)
{
	hm_map_opts defaults = HM_MAP_OPTS_INIT;

	return map_build(out, ctx, sites, opts ? opts : &defaults, ROLE_MAIN, NULL);
}

/* Union-find over sites, for clusters of overlapping symbols. */
static size_t uf_find(size_t *p, size_t i)
{
	while (p[i] != i)
		i = p[i] = p[p[i]];
	return i;
}

/* Clusters whose symbols overlap heavily: each becomes a box (main-map
 * pixels) to inset, zoomed so that its symbols stand apart. */
static size_t find_clusters(const hm_map *m, double panel_side, double boxes[][4], size_t max)
{
	size_t n = m->nsites, nb = 0, *parent = malloc((n ? n : 1) * sizeof(size_t));
	double *zsep = calloc(n ? n : 1, sizeof(double));
	char *done = calloc(n ? n : 1, 1);

	if (!parent || !zsep || !done)
		goto out;
	for (size_t i = 0; i < n; i++)
		parent[i] = i;
	for (size_t i = 0; i < n; i++) {
		const hm_map_site *a = &m->sites[i];
		if (a->x == HUGE_VAL || a->r <= 0)
			continue;
		for (size_t j = i + 1; j < n; j++) {
			const hm_map_site *b = &m->sites[j];
			double d;
			if (b->x == HUGE_VAL || b->r <= 0)
				continue;
			d = hypot(a->x - b->x, a->y - b->y);
			if (d < 0.75 * (a->r + b->r)) {
				size_t ra = uf_find(parent, i), rb = uf_find(parent, j);
				double z = 1.15 * (a->r + b->r) / fmax(d, 0.5);
				parent[ra] = rb;
				zsep[rb] = fmax(fmax(zsep[rb], zsep[ra]), z);
			}
		}
	}
	/* in order of the largest site, so the heaviest cluster comes first */
	for (size_t o = 0; o < n && nb < max; o++) {
		size_t i = m->order[o], root = uf_find(parent, i), count = 0;
		double x0 = HUGE_VAL, y0 = HUGE_VAL, x1 = -HUGE_VAL, y1 = -HUGE_VAL, rmax = 0;
		double z, side, cx, cy;
		if (done[root])
			continue;
		done[root] = 1;
		for (size_t j = 0; j < n; j++) {
			const hm_map_site *s = &m->sites[j];
			if (s->x == HUGE_VAL || uf_find(parent, j) != root)
				continue;
			count++;
			x0 = fmin(x0, s->x), x1 = fmax(x1, s->x);
			y0 = fmin(y0, s->y), y1 = fmax(y1, s->y);
			rmax = fmax(rmax, s->r);
		}
		if (count < 2)
			continue;
		/* zoom to separate the symbols, but keep them all in the panel */
		z = fmin(zsep[root], 40.0);
		side = fmax(x1 - x0, y1 - y0);
		if (side > 0)
			z = fmin(z, (panel_side * 0.7 - 2 * rmax) / side);
		if (z < 2)
			continue;
		cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
		boxes[nb][0] = cx - panel_side / z / 2;
		boxes[nb][1] = cy - panel_side / z / 2;
		boxes[nb][2] = boxes[nb][3] = panel_side / z;
		nb++;
	}
out:
	free(parent);
	free(zsep);
	free(done);
	return nb;
}

/* The lon/lat box of a rectangle of this map's pixels. */
static int px_box_to_bbox(const hm_map *m, const double b[4], hm_bbox *out)
{
	double x[4 * EDGE_STEPS], y[4 * EDGE_STEPS];
	size_t k = 0;

	for (int i = 0; i < EDGE_STEPS; i++) {
		double t = (double)i / EDGE_STEPS;
		x[k] = b[0] + b[2] * t, y[k++] = b[1];
		x[k] = b[0] + b[2], y[k++] = b[1] + b[3] * t;
		x[k] = b[0] + b[2] * (1 - t), y[k++] = b[1] + b[3];
		x[k] = b[0], y[k++] = b[1] + b[3] * (1 - t);
	}
	for (size_t i = 0; i < k; i++) {
		x[i] = (x[i] - m->t[2]) / m->t[0];
		y[i] = (y[i] - m->t[5]) / m->t[4];
	}
	hm_proj_inv(m->proj, x, y, k);
	for (size_t i = 0; i < k; i++)
		if (x[i] == HUGE_VAL)
			return -1;
	hm_bbox_fit(out, x, y, k, 0, 0);
	return 0;
}

/* Project a lon/lat box's densified outline into map m's pixels. */
static int outline_into(hm_map *m, const hm_map *parent)
{
	double x[4 * EDGE_STEPS + 1], y[4 * EDGE_STEPS + 1];
	const double *f = parent->frame;
	size_t k = 0;

	/* along the edges in turn: a ring, not just a set of points */
	for (int side = 0; side < 4; side++) {
		for (int i = 0; i < EDGE_STEPS; i++) {
			double t = (double)i / EDGE_STEPS;
			double u = side == 0 ? t : side == 1 ? 1 : side == 2 ? 1 - t : 0;
			double v = side == 0 ? 0 : side == 1 ? t : side == 2 ? 1 : 1 - t;
			x[k] = f[0] + f[2] * u, y[k++] = f[1] + f[3] * v;
		}
	}
	for (size_t i = 0; i < k; i++) {
		x[i] = (x[i] - parent->t[2]) / parent->t[0];
		y[i] = (y[i] - parent->t[5]) / parent->t[4];
	}
	hm_proj_inv(parent->proj, x, y, k);
	hm_proj_fwd(m->proj, x, y, k);
	to_px(m, x, y, k);
	m->outline.closed = 1;
	return path_add(&m->outline, x, y, k, 0);
}

static int add_inset(hm_map *m, hm_ctx *ctx, const hm_sites *sites, const hm_map_opts *o,
		     hm_inset_kind kind, const hm_bbox *extent, const double *source_px)
{
	hm_map_opts io = *o;
	hm_map *im = NULL;
	double panel[4], x[2], y[2], w, h, aspect;
	int rc;

	if (m->ninsets >= HM_MAX_INSETS)
		return hm_error(ctx, HM_EUSAGE, "at most %d insets", HM_MAX_INSETS);
	io.extent = extent;
	io.insets = NULL;
	io.ninsets = 0;
	io.inset_auto = 0;
	io.locator = 0;
	io.max_value = m->vmax;
	io.shapes = kind == HM_INSET_LOCATOR ? NULL : o->shapes;
	io.crs = kind == HM_INSET_DETAIL ? hm_proj_definition(m->proj) : NULL;
	/* panel aspect from the inset's extent as the main map projects it */
	x[0] = extent->w, y[0] = extent->s;
	x[1] = extent->w + hm_bbox_lon_span(extent), y[1] = extent->n;
	if (x[1] > 180)
		x[1] -= 360;
	hm_proj_fwd(m->proj, x, y, 2);
	aspect = (x[0] != HUGE_VAL && x[1] != HUGE_VAL && y[1] != y[0])
			 ? fabs((x[1] - x[0]) / (y[1] - y[0]))
			 : 1.3;
	aspect = fmin(fmax(aspect, 0.6), 1.8);
	w = m->frame[2] * (kind == HM_INSET_LOCATOR ? 0.2 : 0.3);
	h = w / aspect;
	if (h > m->frame[3] * 0.45) {
		h = m->frame[3] * 0.45;
		w = h * aspect;
	}
	if (source_px)
		add_furniture(m, source_px);
	rc = best_corner_ex(m, w, h, panel, 1);
	if (source_px)
		m->nfurniture--;
	if (rc < 0) {
		hm_log(ctx, HM_LOG_WARN, "no free corner for the %s inset; left out",
		       kind == HM_INSET_LOCATOR ? "locator" : "detail");
		return HM_OK;
	}
	rc = map_build(&im, ctx, sites, &io, kind == HM_INSET_LOCATOR ? ROLE_LOCATOR : ROLE_DETAIL,
		       panel);
	if (rc < 0)
		return rc;
	if (kind == HM_INSET_LOCATOR && outline_into(im, m) < 0) {
		hm_map_free(im);
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	}
	m->insets[m->ninsets] = im;
	m->inset_kind[m->ninsets] = kind;
	memset(m->inset_source[m->ninsets], 0, sizeof(m->inset_source[0]));
	if (kind == HM_INSET_DETAIL) {
		/* what the panel shows, as a rectangle of the main map: same
		 * CRS, so the inset's frame maps to it affinely */
		double *sb = m->inset_source[m->ninsets];
		double ex0 = (im->frame[0] - im->t[2]) / im->t[0];
		double ex1 = (im->frame[0] + im->frame[2] - im->t[2]) / im->t[0];
		double ny0 = (im->frame[1] - im->t[5]) / im->t[4];
		double ny1 = (im->frame[1] + im->frame[3] - im->t[5]) / im->t[4];
		sb[0] = m->t[0] * ex0 + m->t[2];
		sb[1] = m->t[4] * ny0 + m->t[5];
		sb[2] = m->t[0] * ex1 + m->t[2] - sb[0];
		sb[3] = m->t[4] * ny1 + m->t[5] - sb[1];
	}
	m->ninsets++;
	add_furniture(m, panel);
	/* the next panels must not hide what this one zooms into */
	if (kind == HM_INSET_DETAIL)
		add_furniture(m, m->inset_source[m->ninsets - 1]);
	return HM_OK;
}

static int make_insets(hm_map *m, hm_ctx *ctx, const hm_sites *sites, const hm_map_opts *o)
{
	int rc = HM_OK;

	for (size_t i = 0; i < o->ninsets && rc == HM_OK; i++)
		rc = add_inset(m, ctx, sites, o, HM_INSET_DETAIL, &o->insets[i], NULL);
	if (rc == HM_OK && o->inset_auto) {
		double boxes[2][4], side = fmin(m->frame[2] * 0.3, m->frame[3] * 0.45);
		size_t nb = find_clusters(m, side, boxes, 2);
		for (size_t i = 0; i < nb && rc == HM_OK; i++) {
			hm_bbox e;
			if (px_box_to_bbox(m, boxes[i], &e) < 0)
				continue;
			hm_log(ctx, HM_LOG_INFO, "inset auto: %g,%g,%g,%g", e.w, e.s, e.e, e.n);
			rc = add_inset(m, ctx, sites, o, HM_INSET_DETAIL, &e, boxes[i]);
		}
	}
	if (rc == HM_OK && o->locator) {
		/* the wider region: four times the map's span and at least a
		 * region's (20 by 15 degrees), or the world */
		double lspan = fmax(hm_bbox_lon_span(&m->extent), 5);
		double fspan = fmax(m->extent.n - m->extent.s, 3.75);
		double c = hm_bbox_center_lon(&m->extent), mid = (m->extent.s + m->extent.n) / 2;
		hm_bbox e;
		if (lspan * 4 >= 300) {
			e = (hm_bbox){-180, -60, 180, 85};
		} else {
			e.w = c - lspan * 2, e.e = c + lspan * 2;
			e.w = e.w < -180 ? e.w + 360 : e.w;
			e.e = e.e > 180 ? e.e - 360 : e.e;
			e.s = fmax(-85, mid - fspan * 2);
			e.n = fmin(85, mid + fspan * 2);
		}
		rc = add_inset(m, ctx, sites, o, HM_INSET_LOCATOR, &e, NULL);
	}
	return rc;
}

size_t hm_map_inset_count(const hm_map *map)
{
	return map->ninsets;
}

const hm_map *hm_map_inset(const hm_map *map, size_t i, hm_inset_kind *kind, double panel[4],
			   double source[4])
{
	const hm_map *im = map->insets[i];

	if (kind)
		*kind = map->inset_kind[i];
	if (panel)
		memcpy(panel, im->frame, sizeof(im->frame));
	if (source)
		memcpy(source, map->inset_source[i], sizeof(map->inset_source[i]));
	return im;
}

const hm_proj *hm_map_proj(const hm_map *map)
{
	return map->proj;
}

hm_bbox hm_map_extent(const hm_map *map)
{
	return map->extent;
}

const char *hm_map_shapes_path(const hm_map *map)
{
	return map->shapes_path;
}

double hm_map_scale(const hm_map *map)
{
	return map->scale;
}

void hm_map_transform(const hm_map *map, double t[6])
{
	memcpy(t, map->t, sizeof(map->t));
}

void hm_map_frame(const hm_map *map, double f[4])
{
	memcpy(f, map->frame, sizeof(map->frame));
}

size_t hm_map_site_count(const hm_map *map)
{
	return map->nsites;
}

const hm_map_site *hm_map_site_at(const hm_map *map, size_t i)
{
	return &map->sites[i];
}

double hm_map_vmax(const hm_map *map, double *rmax)
{
	if (rmax)
		*rmax = map->rmax;
	return map->vmax;
}

void hm_map_legend(const hm_map *map, const double **values, const double **radii, size_t *n)
{
	*values = map->legend_values;
	*radii = map->legend_radii;
	*n = map->nlegend;
}

const char *const *hm_map_highlighted(const hm_map *map, size_t *n)
{
	*n = map->nhighlighted;
	return map->highlighted;
}

const hm_map_country_label *hm_map_country_labels(const hm_map *map, size_t *n)
{
	*n = map->ncountry_labels;
	return map->country_labels;
}

double hm_map_scalebar(const hm_map *map, double box[4], double *bar_px)
{
	if (box)
		memcpy(box, map->scalebar_box, sizeof(map->scalebar_box));
	if (bar_px)
		*bar_px = map->scalebar_px;
	return map->scalebar_km;
}

void hm_map_free(hm_map *map)
{
	if (!map)
		return;
	for (size_t i = 0; i < map->ninsets; i++)
		hm_map_free(map->insets[i]);
	free(map->outline.pts);
	free(map->outline.rings);
	free(map->graticule.pts);
	free(map->sphere.pts);
	free(map->sphere.rings);
	free(map->graticule.rings);
	for (size_t i = 0; map->labels && i < map->nsites; i++)
		free(map->labels[i]);
	free(map->labels);
	for (size_t i = 0; map->categories && i < map->ncategories; i++)
		free(map->categories[i]);
	free(map->categories);
	for (size_t i = 0; i < map->ncountry_labels; i++)
		free(map->country_label_text[i]);
	free(map->country_label_text);
	free(map->country_labels);
	free(map->source_name);
	hm_proj_free(map->proj);
	for (size_t k = 0; k < map->nextra; k++) {
		for (size_t i = 0; i < map->extra[k].n; i++) {
			free(map->extra[k].paths[i].pts);
			free(map->extra[k].paths[i].rings);
			free(map->extra[k].paths[i].rbox);
		}
		free(map->extra[k].paths);
	}
	for (size_t i = 0; i < map->nfeatures; i++) {
		free(map->features[i].path.pts);
		free(map->features[i].path.rings);
		free(map->features[i].path.rbox);
	}
	free(map->features);
	for (size_t i = 0; map->names && i < map->nsites; i++)
		free(map->names[i]);
	for (size_t i = 0; map->hl_names && i < map->nhighlighted; i++)
		free(map->hl_names[i]);
	free(map->names);
	free(map->hl_names);
	free(map->sites);
	free(map->order);
	free(map->shapes_path);
	free(map->title);
	free(map->subtitle);
	free(map->source_line);
	free(map->value_column);
	free(map);
}
