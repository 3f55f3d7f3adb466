/* Country names: where each name could go (computed beside other work),
 * then placed in priority order: the map's country first, then by area. */
#include "names.h"

#include "bins.h"
#include "context.h"
#include "text.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The largest polygon of a (multi)polygon or collection, by area. */
static const GEOSGeometry *largest_polygon(GEOSContextHandle_t g, const GEOSGeometry *gm,
					   double *area)
{
	int t = GEOSGeomTypeId_r(g, gm);
	const GEOSGeometry *best = NULL;

	if (t == GEOS_POLYGON) {
		if (!GEOSArea_r(g, gm, area))
			*area = 0;
		return gm;
	}
	*area = 0;
	if (t == GEOS_MULTIPOLYGON || t == GEOS_GEOMETRYCOLLECTION) {
		int n = GEOSGetNumGeometries_r(g, gm);
		for (int i = 0; i < n; i++) {
			double a = 0;
			const GEOSGeometry *p =
				largest_polygon(g, GEOSGetGeometryN_r(g, gm, i), &a);
			if (p && a > *area) {
				*area = a;
				best = p;
			}
		}
	}
	return best;
}

/* Pixel box b as a lon/lat polygon (its corners and mid-edges), or NULL
 * where it leaves the projection; *bb: its lon/lat box. */
static GEOSGeometry *box_lonlat(const hm_map *m, GEOSContextHandle_t g, const double b[4],
				double bb[4])
{
	double x[8], y[8];
	GEOSCoordSequence *cs;
	GEOSGeometry *ring;

	static const double fx[8] = {0, 0.5, 1, 1, 1, 0.5, 0, 0};
	static const double fy[8] = {0, 0, 0, 0.5, 1, 1, 1, 0.5};

	for (int k = 0; k < 8; k++) {
		x[k] = (b[0] + fx[k] * b[2] - m->t[2]) / m->t[0];
		y[k] = (b[1] + fy[k] * b[3] - m->t[5]) / m->t[4];
	}
	hm_proj_inv(m->proj, x, y, 8);
	bb[0] = bb[1] = HUGE_VAL;
	bb[2] = bb[3] = -HUGE_VAL;
	for (int k = 0; k < 8; k++) {
		if (x[k] == HUGE_VAL)
			return NULL;
		bb[0] = fmin(bb[0], x[k]), bb[2] = fmax(bb[2], x[k]);
		bb[1] = fmin(bb[1], y[k]), bb[3] = fmax(bb[3], y[k]);
	}
	cs = GEOSCoordSeq_create_r(g, 9, 2);
	if (!cs)
		return NULL;
	for (int k = 0; k < 9; k++)
		GEOSCoordSeq_setXY_r(g, cs, (unsigned)k, x[k % 8], y[k % 8]);
	ring = GEOSGeom_createLinearRing_r(g, cs);
	return ring ? GEOSGeom_createPolygon_r(g, ring, NULL, 0) : NULL;
}

/* 1 if the centre of pixel box b lies in country (lon/lat): a box whose
 * centre does not cannot lie in it, and one point is an eighth of the box's
 * way back through the projection (most of the boxes tried round a taken
 * centre end here). */
static int centre_in_country(const hm_map *m, GEOSContextHandle_t g,
			     const GEOSPreparedGeometry *country, const double b[4])
{
	double x = (b[0] + b[2] / 2 - m->t[2]) / m->t[0], y = (b[1] + b[3] / 2 - m->t[5]) / m->t[4];
	GEOSGeometry *pt;
	int in;

	hm_proj_inv(m->proj, &x, &y, 1);
	if (x == HUGE_VAL || !(pt = GEOSGeom_createPointFromXY_r(g, x, y)))
		return 1; /* no answer here: the whole box decides */
	in = GEOSPreparedContains_r(g, country, pt) == 1;
	GEOSGeom_destroy_r(g, pt);
	return in;
}

static int box_in_country(hm_map *m, GEOSContextHandle_t g, const GEOSPreparedGeometry *country,
			  const double b[4])
{
	double bb[4];
	GEOSGeometry *poly =
		country && centre_in_country(m, g, country, b) ? box_lonlat(m, g, b, bb) : NULL;
	int ok = poly && GEOSPreparedContains_r(g, country, poly) == 1;

	if (poly)
		GEOSGeom_destroy_r(g, poly);
	return ok;
}

/* Feature k's outline prepared for repeated tests (made on first use, kept
 * in cc until hm_labels_centres_free); NULL without one. */
static const GEOSPreparedGeometry *land(GEOSContextHandle_t g, const hm_layer *layer,
					hm_country_centres *cc, size_t k)
{
	if (!cc->land[k] && layer->items[k].geom)
		cc->land[k] = GEOSPrepare_r(g, layer->items[k].geom);
	return cc->land[k];
}

/* A feature's land (lon/lat) within x0..x1, y0..y1, as GEOSClipByRect_r
 * gives it, cut from a piece of it kept in c: the land within a box five
 * times as wide and high round an earlier request. A
 * name tries its boxes a few pixels apart near one coast, and cutting all
 * of a neighbour (China at 1:10m) for each of them was most of the cost of
 * Taiwan's name. Inside the kept box the piece is the land itself, so what
 * is cut from it is what would be cut from the whole. */
static GEOSGeometry *land_cut(GEOSContextHandle_t g, const GEOSGeometry *land, hm_land_cut *c,
			      double x0, double y0, double x1, double y1)
{
	if (!c->piece || !(x0 > c->box[0] && y0 > c->box[1] && x1 < c->box[2] && y1 < c->box[3])) {
		double w = x1 - x0, h = y1 - y0;
		if (c->piece)
			GEOSGeom_destroy_r(g, c->piece);
		c->box[0] = x0 - 2 * w, c->box[1] = y0 - 2 * h;
		c->box[2] = x1 + 2 * w, c->box[3] = y1 + 2 * h;
		c->piece = GEOSClipByRect_r(g, land, c->box[0], c->box[1], c->box[2], c->box[3]);
		if (!c->piece)
			return GEOSClipByRect_r(g, land, x0, y0, x1, y1);
	}
	return GEOSClipByRect_r(g, c->piece, x0, y0, x1, y1);
}

/* 1 if pixel box b lies on no land of layer but feature own's (its
 * islands may lie under its name): in the sea. */
static int box_in_sea(const hm_map *m, GEOSContextHandle_t g, const hm_layer *layer,
		      hm_country_centres *cc, size_t own, const double b[4])
{
	double bb[4];
	GEOSGeometry *poly = box_lonlat(m, g, b, bb);
	/* prepared: a plain intersects of two polygons computes their whole
	 * intersection matrix, half the cost of the names in the sea */
	const GEOSPreparedGeometry *pp = poly ? GEOSPrepare_r(g, poly) : NULL;
	int ok = pp != NULL;

	for (size_t k = 0; ok && k < layer->count; k++) {
		const hm_feature *f = &layer->items[k];
		GEOSGeometry *near;
		if (k == own || !f->geom || f->bbox[0] > bb[2] || f->bbox[2] < bb[0] ||
		    f->bbox[1] > bb[3] || f->bbox[3] < bb[1])
			continue;
		/* the land within the box's bounds, then the box against it: a
		 * name tries a few boxes near a coast, and indexing a whole
		 * neighbour (China at 1:10m) for them cost more than these cuts */
		near = land_cut(g, f->geom, &cc->sea[k], bb[0], bb[1], bb[2], bb[3]);
		ok = near && GEOSPreparedIntersects_r(g, pp, near) == 0;
		if (near)
			GEOSGeom_destroy_r(g, near);
	}
	if (pp)
		GEOSPreparedGeom_destroy_r(g, pp);
	if (poly)
		GEOSGeom_destroy_r(g, poly);
	return ok;
}

int hm_labels_centres_init(hm_country_centres *c, size_t n)
{
	c->n = n;
	atomic_init(&c->next, 0);
	c->simple = calloc(n ? n : 1, sizeof(*c->simple));
	c->lon = calloc(n ? n : 1, sizeof(double));
	c->lat = calloc(n ? n : 1, sizeof(double));
	c->land = calloc(n ? n : 1, sizeof(*c->land));
	c->inside = calloc(n ? n : 1, sizeof(*c->inside));
	c->sea = calloc(n ? n : 1, sizeof(*c->sea));
	c->near = calloc(n ? n : 1, sizeof(*c->near));
	if (c->simple && c->lon && c->lat && c->land && c->inside && c->sea && c->near)
		return 0;
	hm_labels_centres_free(c);
	return -1;
}

/* The prepared outlines, before the outlines they index, and the cuts. */
static void drop_prepared(GEOSContextHandle_t g, hm_country_centres *c)
{
	for (size_t i = 0; c->sea && c->near && i < c->n; i++) {
		if (c->sea[i].piece)
			GEOSGeom_destroy_r(g, c->sea[i].piece);
		if (c->near[i].piece)
			GEOSGeom_destroy_r(g, c->near[i].piece);
		c->sea[i].piece = c->near[i].piece = NULL;
	}
	for (size_t i = 0; c->land && i < c->n; i++) {
		if (c->land[i])
			GEOSPreparedGeom_destroy_r(g, c->land[i]);
		c->land[i] = NULL;
	}
	for (size_t i = 0; c->inside && i < c->n; i++) {
		if (c->inside[i])
			GEOSPreparedGeom_destroy_r(g, c->inside[i]);
		c->inside[i] = NULL;
	}
}

void hm_labels_centres_free(hm_country_centres *c)
{
	GEOSContextHandle_t g = c->simple ? hm_geos_new() : NULL;

	/* GEOS geometries are plain data, freed with any handle */
	if (g)
		drop_prepared(g, c);
	for (size_t i = 0; g && i < c->n; i++)
		if (c->simple[i])
			GEOSGeom_destroy_r(g, c->simple[i]);
	if (g)
		GEOS_finish_r(g);
	free(c->land);
	free(c->inside);
	free(c->sea);
	free(c->near);
	free(c->simple);
	free(c->lon);
	free(c->lat);
	memset(c, 0, sizeof(*c));
}

/* degrees per pixel, roughly, for GEOS tolerances */
static double deg_per_px(const hm_map *m)
{
	return (m->scale * 0.0254 / m->dpi) / 111320.0;
}

void hm_labels_centres_compute(hm_country_centres *c, const hm_map *m, const hm_layer *layer)
{
	GEOSContextHandle_t g = hm_geos_new();
	double px = hm_pt(m, m->look.country_label_pt), dpp = deg_per_px(m);

	if (!g)
		return;
	for (;;) {
		size_t i = atomic_fetch_add(&c->next, 1);
		const hm_feature *ft;
		const GEOSGeometry *poly;
		GEOSGeometry *simple, *mic = NULL;
		double area = 0;

		if (i >= layer->count || i >= c->n)
			break;
		ft = &layer->items[i];
		if (!layer->polygons || !ft->name || !ft->name[0])
			continue;
		poly = largest_polygon(g, ft->geom, &area);
		/* too small to hold a name at this scale */
		if (!poly || area < pow(dpp * px * 2, 2))
			continue;
		/* 2 px of simplification cannot be seen at this scale; the centre
		 * within a quarter of the text height of the best one neither */
		simple = GEOSSimplify_r(g, poly, dpp * 2);
		if (simple)
			mic = GEOSMaximumInscribedCircle_r(g, simple, dpp * fmax(2, px / 4));
		if (!mic) {
			if (simple)
				GEOSGeom_destroy_r(g, simple);
			continue;
		}
		GEOSCoordSeq_getXY_r(g, GEOSGeom_getCoordSeq_r(g, mic), 0, &c->lon[i], &c->lat[i]);
		GEOSGeom_destroy_r(g, mic);
		c->simple[i] = simple;
	}
	GEOS_finish_r(g);
}

/* Lon/lat to the map's pixels, for GEOSGeom_transformXY_r; 0 (fail) where
 * the projection has no answer. */
static int to_pixels(double *x, double *y, void *ud)
{
	const hm_map *m = ud;
	double e = *x, n = *y;

	hm_proj_fwd(m->proj, &e, &n, 1);
	if (e == HUGE_VAL || n == HUGE_VAL)
		return 0;
	*x = m->t[0] * e + m->t[2];
	*y = m->t[4] * n + m->t[5];
	return 1;
}

/* The part of a country that the map shows: its outline in pixels, cut to
 * the frame less the margin and less the furniture (legend, insets, scale
 * bar); its largest piece (a copy, or NULL) and that piece's area. */
static GEOSGeometry *visible_piece(const hm_map *m, GEOSContextHandle_t g,
				   const GEOSGeometry *country, double margin, double *area)
{
	const double *f = m->frame;
	GEOSGeometry *a = GEOSGeom_transformXY_r(g, country, to_pixels, (void *)m), *b;
	const GEOSGeometry *piece;
	GEOSGeometry *out = NULL;
	double env[4];

	*area = 0;
	if (!a)
		return NULL;
	/* simplified outlines may cross themselves, which clipping refuses */
	if (GEOSisValid_r(g, a) != 1) {
		GEOSGeometry *v = GEOSMakeValid_r(g, a);
		GEOSGeom_destroy_r(g, a);
		if (!(a = v))
			return NULL;
	}
	b = GEOSClipByRect_r(g, a, f[0] + margin, f[1] + margin, f[0] + f[2] - margin,
			     f[1] + f[3] - margin);
	GEOSGeom_destroy_r(g, a);
	if (b && (!GEOSGeom_getXMin_r(g, b, &env[0]) || !GEOSGeom_getYMin_r(g, b, &env[1]) ||
		  !GEOSGeom_getXMax_r(g, b, &env[2]) || !GEOSGeom_getYMax_r(g, b, &env[3])))
		env[0] = env[1] = -HUGE_VAL, env[2] = env[3] = HUGE_VAL;
	for (size_t u = 0; b && u < m->nfurniture; u++) {
		const double *r = m->furniture[u];
		GEOSGeometry *box, *d;
		/* a box beside the piece takes nothing from it (an overlay of
		 * the whole piece, 1.8 ms of the example's names) */
		if (r[0] - margin > env[2] || r[0] + r[2] + margin < env[0] ||
		    r[1] - margin > env[3] || r[1] + r[3] + margin < env[1])
			continue;
		box = GEOSGeom_createRectangle_r(g, r[0] - margin, r[1] - margin,
						 r[0] + r[2] + margin, r[1] + r[3] + margin);
		d = box ? GEOSDifference_r(g, b, box) : NULL;
		if (box)
			GEOSGeom_destroy_r(g, box);
		GEOSGeom_destroy_r(g, b);
		b = d;
	}
	if (!b)
		return NULL;
	piece = largest_polygon(g, b, area);
	if (piece)
		out = GEOSGeom_clone_r(g, piece);
	GEOSGeom_destroy_r(g, b);
	return out;
}

/* The centre of the largest circle in a visible piece (pixels); 0 when the
 * piece cannot hold a name px high. For a country whose own centre is off
 * the map or under the furniture: southern Vietnam on the map of
 * Cambodia. */
static int piece_centre(GEOSContextHandle_t g, const GEOSGeometry *piece, double area, double px,
			double *cx, double *cy)
{
	GEOSGeometry *mic;
	int ok = 0;

	if (piece && area >= pow(px * 2, 2) &&
	    (mic = GEOSMaximumInscribedCircle_r(g, piece, fmax(2, px / 4)))) {
		ok = GEOSCoordSeq_getXY_r(g, GEOSGeom_getCoordSeq_r(g, mic), 0, cx, cy) != 0;
		GEOSGeom_destroy_r(g, mic);
	}
	return ok;
}

/* Whether box hb leaves the frame or meets the furniture. */
static int off_map(const hm_map *m, const double hb[4])
{
	if (!hm_box_inside(hb, m->frame, hm_pt(m, 2)))
		return 1;
	for (size_t u = 0; u < m->nfurniture; u++)
		if (hm_box_overlap(hb, m->furniture[u]))
			return 1;
	return 0;
}

/* The symbols binned by centre, and the labelled sites: a name's box
 * meets only the symbols of the cells it reaches (grown by the largest
 * symbol and a halo). 100,000 sites: 0.9 s of tests down to 10 ms. */
struct hm_site_grid {
	hm_symbol_bins sym;
	size_t *labelled, nlabelled;
};

void hm_site_grid_free(struct hm_site_grid *g)
{
	if (!g)
		return;
	hm_symbol_bins_free(&g->sym);
	free(g->labelled);
	free(g);
}

static struct hm_site_grid *site_grid_make(const hm_map *m)
{
	struct hm_site_grid *g = calloc(1, sizeof(*g));

	if (!g)
		return NULL;
	g->labelled = malloc((m->nsites ? m->nsites : 1) * sizeof(size_t));
	if (!g->labelled ||
	    hm_symbol_bins_make(&g->sym, m->sites, m->nsites, m->frame, m->halo_px) < 0) {
		hm_site_grid_free(g);
		return NULL;
	}
	for (size_t s = 0; s < m->nsites; s++)
		if (m->sites[s].labelled)
			g->labelled[g->nlabelled++] = s;
	return g;
}

typedef struct {
	const hm_map *m;
	const struct hm_site_grid *g;
	const double *hb;
} site_probe;

static int symbol_under(size_t k, void *ud)
{
	const site_probe *p = ud;
	const hm_map_site *st = &p->m->sites[p->g->sym.site[k]];

	return hm_circle_depth(p->hb, st->x, st->y, st->r + p->m->halo_px) > 0;
}

/* Whether box hb meets a symbol (with its halo) or a site label. */
static int meets_sites(const hm_map *m, const struct hm_site_grid *g, const double hb[4])
{
	site_probe p = {m, g, hb};

	for (size_t k = 0; k < g->nlabelled; k++)
		if (hm_box_overlap(hb, m->sites[g->labelled[k]].label_box))
			return 1;
	return hm_bins_visit(&g->sym.bins, hb, g->sym.reach + m->halo_px, symbol_under, &p);
}

/* Whether a name's box with its halo (hb) is free: on the map, off the
 * furniture, every symbol and label, and the names placed before. */
static int box_free(const hm_map *m, const double hb[4])
{
	if (off_map(m, hb))
		return 0;
	/* made on first use, when the site labels are placed: a cache that
	 * does not change what the map is */
	if (!m->site_grid)
		((hm_map *)m)->site_grid = site_grid_make(m);
	if (m->site_grid && meets_sites(m, m->site_grid, hb))
		return 0;
	if (!m->site_grid) {
		for (size_t s = 0; s < m->nsites; s++) {
			const hm_map_site *st = &m->sites[s];
			if ((st->labelled && hm_box_overlap(hb, st->label_box)) ||
			    (st->x != HUGE_VAL &&
			     hm_circle_depth(hb, st->x, st->y, st->r + m->halo_px) > 0))
				return 0;
		}
	}
	for (size_t c = 0; c < m->ncountry_labels; c++)
		if (hm_box_overlap(hb, m->country_labels[c].box))
			return 0;
	for (size_t c = 0; c < m->nprovince_labels; c++)
		if (hm_box_overlap(hb, m->province_labels[c].box))
			return 0;
	return 1;
}

static void country_boxes(const hm_map *m, double cx, double cy, double w, double h, double b[4],
			  double hb[4])
{
	b[0] = cx - w / 2, b[1] = cy - h / 2, b[2] = w, b[3] = h;
	hb[0] = b[0] - m->halo_px, hb[1] = b[1] - m->halo_px;
	hb[2] = b[2] + 2 * m->halo_px, hb[3] = b[3] + 2 * m->halo_px;
}

static int is_focus(const hm_map *m, const hm_feature *ft)
{
	return m->country && ft->iso_a3[0] && strcmp(ft->iso_a3, m->country->iso) == 0;
}

/* 1 if the land nearest to the centre of box hb is feature i's: a name in
 * the sea must not read as its neighbour's. Distances in degrees: both
 * sides of the comparison distort alike. */
static int nearest_is(const hm_map *m, GEOSContextHandle_t g, const hm_layer *layer,
		      hm_country_centres *cc, size_t i, const double hb[4])
{
	double x = hb[0] + hb[2] / 2, y = hb[1] + hb[3] / 2, own = HUGE_VAL;
	GEOSGeometry *pt;
	int ok = 1;

	x = (x - m->t[2]) / m->t[0];
	y = (y - m->t[5]) / m->t[4];
	hm_proj_inv(m->proj, &x, &y, 1);
	if (x == HUGE_VAL || !land(g, layer, cc, i) ||
	    !(pt = GEOSGeom_createPointFromXY_r(g, x, y)))
		return 0;
	if (GEOSPreparedDistance_r(g, land(g, layer, cc, i), pt, &own) != 1)
		own = HUGE_VAL;
	for (size_t k = 0; ok && own != HUGE_VAL && k < layer->count; k++) {
		const hm_feature *f = &layer->items[k];
		GEOSGeometry *near;
		double d;
		if (k == i || !f->geom || x < f->bbox[0] - own || x > f->bbox[2] + own ||
		    y < f->bbox[1] - own || y > f->bbox[3] + own)
			continue;
		/* only land within own of the point can be nearer: the cut
		 * keeps all of it, and its new edges lie own away or more */
		near = land_cut(g, f->geom, &cc->near[k], x - own, y - own, x + own, y + own);
		ok = !(near && !GEOSisEmpty_r(g, near) && GEOSDistance_r(g, near, pt, &d) == 1 &&
		       d < own);
		if (near)
			GEOSGeom_destroy_r(g, near);
	}
	GEOSGeom_destroy_r(g, pt);
	return ok && own != HUGE_VAL;
}

/* A name in the sea beside the visible piece (pixels): from the piece's
 * centre (cx, cy) outwards in the site labels' order of directions (right,
 * upper right, left, upper left, lower right, lower left, up, down), the
 * first box that has left the piece, lies within a few points of its
 * coast, is free, and (unless on_land) on no land and nearer to this
 * country than to any other. */
static int beside(const hm_map *m, GEOSContextHandle_t g, const hm_layer *layer,
		  hm_country_centres *cc, size_t i, const GEOSGeometry *piece, double cx, double cy,
		  double w, double h, int on_land, double b[4], double hb[4])
{
	static const double dx[8] = {1, 0.8, -1, -0.8, 0.8, -0.8, 0, 0};
	static const double dy[8] = {0, -0.6, 0, -0.6, 0.6, 0.6, -1, 1};
	const GEOSPreparedGeometry *pp = GEOSPrepare_r(g, piece);
	/* the map's own country may stand off further: its sites and their
	 * labels are round its coast */
	double near =
		m->halo_px + (is_focus(m, &layer->items[i]) ? hm_pt(m, 30) + m->rmax : hm_pt(m, 6));
	double step = fmax(h / 3, 1);
	int found = 0;

	if (!pp)
		return 0;
	for (int k = 0; k < 8 && !found; k++) {
		double px = HUGE_VAL, py = HUGE_VAL;
		for (int t = 1; t < 400 && !found; t++) {
			double x = cx + dx[k] * step * t, y = cy + dy[k] * step * t, d = 0;
			const double *f = m->frame;
			double mx = m->halo_px + hm_pt(m, 2) + w / 2,
			       my = m->halo_px + hm_pt(m, 2) + h / 2;
			GEOSGeometry *r;
			/* a name near the frame's edge slides along it, into the frame */
			x = fmin(fmax(x, f[0] + mx), f[0] + f[2] - mx);
			y = fmin(fmax(y, f[1] + my), f[1] + f[3] - my);
			if (x == px && y == py)
				break; /* stopped by the frame's edge */
			px = x, py = y;
			country_boxes(m, x, y, w, h, b, hb);
			r = GEOSGeom_createRectangle_r(g, hb[0], hb[1], hb[0] + hb[2],
						       hb[1] + hb[3]);
			if (!r)
				break;
			if (GEOSPreparedIntersects_r(g, pp, r) == 1) {
				GEOSGeom_destroy_r(g, r);
				continue; /* still on the piece: further out */
			}
			if (GEOSPreparedDistance_r(g, pp, r, &d) != 1 || d > near) {
				GEOSGeom_destroy_r(g, r);
				break; /* too far from its coast: the next direction */
			}
			GEOSGeom_destroy_r(g, r);
			found = box_free(m, hb) &&
				(on_land || (box_in_sea(m, g, layer, cc, i, hb) &&
					     nearest_is(m, g, layer, cc, i, hb)));
		}
	}
	GEOSPreparedGeom_destroy_r(g, pp);
	return found;
}

/* The order in which names are placed: the map's own country first, then
 * the others by the area of their largest polygon (degrees, a proxy). */
typedef struct {
	size_t i;
	double key;
} name_order;

static int by_key(const void *a, const void *b)
{
	double x = ((const name_order *)a)->key, y = ((const name_order *)b)->key;

	if (x != y)
		return x < y ? 1 : -1;
	return (((const name_order *)a)->i > ((const name_order *)b)->i) -
	       (((const name_order *)a)->i < ((const name_order *)b)->i);
}

static size_t name_queue(name_order *q, const hm_map *m, GEOSContextHandle_t g,
			 const hm_layer *layer, const hm_country_centres *cc)
{
	size_t n = 0;

	for (size_t i = 0; i < layer->count && i < cc->n; i++) {
		const hm_feature *ft = &layer->items[i];
		double a = 0;
		int focus = is_focus(m, ft);
		if (!ft->name || !ft->name[0] || (!cc->simple[i] && !(focus && ft->geom)))
			continue;
		if (cc->simple[i])
			GEOSArea_r(g, cc->simple[i], &a);
		q[n++] = (name_order){i, focus ? HUGE_VAL : a};
	}
	qsort(q, n, sizeof(*q), by_key);
	return n;
}

/* A place inside the country near (cx, cy) when the centre is taken (a
 * site and its label at the middle of a small country): rings of places
 * round it, nearest first, up to a dozen text heights away. */
static int inside_near(hm_map *m, GEOSContextHandle_t g, const GEOSPreparedGeometry *simple,
		       double cx, double cy, double w, double h, double b[4], double hb[4])
{
	for (int r = 1; r <= 12; r++) {
		int n = 8 * r;
		for (int k = 0; k < n; k++) {
			double a = 2 * M_PI * k / n;
			country_boxes(m, cx + cos(a) * r * h * 0.6, cy + sin(a) * r * h * 0.6, w, h,
				      b, hb);
			if (box_free(m, hb) && box_in_country(m, g, simple, b))
				return 1;
		}
	}
	return 0;
}

/* Where feature i's name goes (b, hb); 0 when nowhere: inside its largest
 * polygon at its centre, else inside the part in view, else (the map's
 * country, or a neighbour that shows by a sizeable area) in the sea
 * beside that part. */
static int name_place(hm_map *m, GEOSContextHandle_t g, const hm_layer *layer,
		      hm_country_centres *cc, size_t i, double w, double h, double b[4],
		      double hb[4])
{
	const hm_feature *ft = &layer->items[i];
	const GEOSGeometry *simple = cc->simple[i];
	const GEOSPreparedGeometry *inside = NULL;
	double cx = cc->lon[i], cy = cc->lat[i], area = 0, margin = m->halo_px + hm_pt(m, 2);
	GEOSGeometry *piece;
	int ok = 0;

	if (simple && !cc->inside[i])
		cc->inside[i] = GEOSPrepare_r(g, simple);
	inside = simple ? cc->inside[i] : NULL;
	if (simple) {
		if (to_pixels(&cx, &cy, m)) {
			country_boxes(m, cx, cy, w, h, b, hb);
			if (box_free(m, hb) && box_in_country(m, g, inside, b))
				return 1;
		}
	}
	piece = visible_piece(m, g, simple ? simple : ft->geom, margin, &area);
	/* a speck of an island simplified to nothing, or the largest part
	 * hidden (under an inset): the whole outline */
	if ((!piece || !(area > 0)) && simple && ft->geom) {
		if (piece)
			GEOSGeom_destroy_r(g, piece);
		piece = visible_piece(m, g, ft->geom, margin, &area);
	}
	if (!piece)
		return 0;
	if (piece_centre(g, piece, area, h, &cx, &cy)) {
		country_boxes(m, cx, cy, w, h, b, hb);
		ok = simple && box_free(m, hb) && box_in_country(m, g, inside, b);
		if (!ok && simple)
			ok = inside_near(m, g, inside, cx, cy, w, h, b, hb);
	} else {
		GEOSGeometry *c = GEOSGetCentroid_r(g, piece);
		if (!c || !GEOSGeomGetX_r(g, c, &cx) || !GEOSGeomGetY_r(g, c, &cy))
			cx = cy = HUGE_VAL;
		if (c)
			GEOSGeom_destroy_r(g, c);
	}
	/* sizeable: a four-hundredth of the frame (an area 8 mm across on a
	 * map 20 cm wide) */
	if (!ok && cx != HUGE_VAL && (is_focus(m, ft) || area >= m->frame[2] * m->frame[3] / 400))
		ok = beside(m, g, layer, cc, i, piece, cx, cy, w, h, 0, b, hb);
	/* the map's own country, landlocked and too small for its name
	 * (San Marino): beside it on its neighbours' land */
	if (!ok && cx != HUGE_VAL && is_focus(m, ft))
		ok = beside(m, g, layer, cc, i, piece, cx, cy, w, h, 1, b, hb);
	GEOSGeom_destroy_r(g, piece);
	return ok;
}

/* A name of several words broken over two lines at the space nearest its
 * middle ("PAPUA NEW" over "GUINEA"); 0 for a name of one word. */
static int two_lines(char *text)
{
	size_t n = strlen(text);
	char *best = NULL;

	for (char *p = strchr(text, ' '); p; p = strchr(p + 1, ' '))
		if (!best ||
		    fabs((double)(p - text) - n / 2.0) < fabs((double)(best - text) - n / 2.0))
			best = p;
	if (best)
		*best = '\n';
	return best != NULL;
}

int hm_labels_place_countries(hm_map *m, hm_ctx *ctx, hm_layer *layer, hm_country_centres *cc)
{
	GEOSContextHandle_t g = layer->geos;
	double px = hm_pt(m, m->look.country_label_pt);
	name_order *q;
	size_t nq;
	int rc = HM_OK;

	if (!layer->polygons || layer->count == 0)
		return HM_OK;
	m->country_labels = calloc(layer->count, sizeof(*m->country_labels));
	m->country_label_text = calloc(layer->count, sizeof(char *));
	q = malloc(layer->count * sizeof(*q));
	if (!m->country_labels || !m->country_label_text || !q) {
		free(q);
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	}
	nq = name_queue(q, m, g, layer, cc);
	for (size_t k = 0; k < nq && rc == HM_OK; k++) {
		const hm_feature *ft = &layer->items[q[k].i];
		double w, h, b[4], hb[4];
		char *text = m->look.country_labels_upper ? g_utf8_strup(ft->name, -1)
							  : g_strdup(ft->name);
		if (!text)
			continue;
		hm_text_size_spaced(m->look.font, px, text, m->look.country_letter_spacing, &w, &h);
		if (!name_place(m, g, layer, cc, q[k].i, w, h, b, hb) &&
		    !(two_lines(text) &&
		      (hm_text_size_spaced(m->look.font, px, text, m->look.country_letter_spacing,
					   &w, &h),
		       name_place(m, g, layer, cc, q[k].i, w, h, b, hb)))) {
			g_free(text);
			continue;
		}
		m->country_label_text[m->ncountry_labels] = hm_strdup(text);
		g_free(text);
		if (!m->country_label_text[m->ncountry_labels]) {
			rc = hm_error(ctx, HM_ENOMEM, "out of memory");
			break;
		}
		m->country_labels[m->ncountry_labels].name =
			m->country_label_text[m->ncountry_labels];
		memcpy(m->country_labels[m->ncountry_labels].box, b, sizeof(double) * 4);
		m->ncountry_labels++;
	}
	free(q);
	drop_prepared(g, cc);
	return rc;
}

int hm_names_place_inside(hm_map *m, GEOSContextHandle_t g, const GEOSGeometry *poly, double w,
			  double h, double b[4])
{
	double area = 0, cx, cy, hb[4], dpp = deg_per_px(m);
	const GEOSGeometry *big = largest_polygon(g, poly, &area);
	GEOSGeometry *simple = big ? GEOSSimplify_r(g, big, dpp * 2) : NULL, *mic, *piece;
	const GEOSPreparedGeometry *inside = simple ? GEOSPrepare_r(g, simple) : NULL;
	int ok = 0;

	if (!inside) {
		if (simple)
			GEOSGeom_destroy_r(g, simple);
		return 0;
	}
	mic = GEOSMaximumInscribedCircle_r(g, simple, dpp * fmax(2, h / 4));
	if (mic && GEOSCoordSeq_getXY_r(g, GEOSGeom_getCoordSeq_r(g, mic), 0, &cx, &cy)) {
		if (to_pixels(&cx, &cy, m)) {
			country_boxes(m, cx, cy, w, h, b, hb);
			ok = box_free(m, hb) && box_in_country(m, g, inside, b);
			if (!ok)
				ok = inside_near(m, g, inside, cx, cy, w, h, b, hb);
		}
	}
	if (mic)
		GEOSGeom_destroy_r(g, mic);
	if (!ok && (piece = visible_piece(m, g, simple, m->halo_px + hm_pt(m, 2), &area))) {
		if (piece_centre(g, piece, area, h, &cx, &cy)) {
			country_boxes(m, cx, cy, w, h, b, hb);
			ok = box_free(m, hb) && box_in_country(m, g, inside, b);
		}
		GEOSGeom_destroy_r(g, piece);
	}
	GEOSPreparedGeom_destroy_r(g, inside);
	GEOSGeom_destroy_r(g, simple);
	return ok;
}
