/* Shapes to GEOS. shapelib trusts its input, so each record is checked
 * (hm_shp_check) before it is made a geometry. */
#include "shp_geos.h"

#include "shapes_priv.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void geos_notice(const char *fmt, ...)
{
	(void)fmt; /* GEOS notices are not actionable for users */
}

GEOSContextHandle_t hm_geos_new(void)
{
	GEOSContextHandle_t g = GEOS_init_r();

	if (g) {
		GEOSContext_setNoticeHandler_r(g, geos_notice);
		GEOSContext_setErrorHandler_r(g, geos_notice);
	}
	return g;
}

int hm_clip_rects(const hm_bbox *clip, double r[2][4])
{
	if (!clip) {
		r[0][0] = -180, r[0][1] = -90, r[0][2] = 180, r[0][3] = 90;
		return 1;
	}
	if (clip->w <= clip->e) {
		r[0][0] = clip->w, r[0][1] = clip->s, r[0][2] = clip->e, r[0][3] = clip->n;
		return 1;
	}
	r[0][0] = clip->w, r[0][1] = clip->s, r[0][2] = 180, r[0][3] = clip->n;
	r[1][0] = -180, r[1][1] = clip->s, r[1][2] = clip->e, r[1][3] = clip->n;
	return 2;
}

int hm_boxes_meet(const double a[4], const double r[4])
{
	return a[0] <= r[2] && a[2] >= r[0] && a[1] <= r[3] && a[3] >= r[1];
}

int hm_box_within(const double box[4], const double r[4])
{
	return box[0] >= r[0] && box[1] >= r[1] && box[2] <= r[2] && box[3] <= r[3];
}

const char *hm_shp_check(const SHPObject *o)
{
	if (o->nParts < 1 || o->nVertices < 1)
		return "no parts";
	if (o->nVertices > HM_MAX_VERTICES)
		return "more than 20 million points";
	if (o->panPartStart[0] != 0)
		return "first part does not start at vertex 0";
	for (int p = 1; p < o->nParts; p++)
		if (o->panPartStart[p] <= o->panPartStart[p - 1] ||
		    o->panPartStart[p] >= o->nVertices)
			return "part indices out of order";
	for (int i = 0; i < o->nVertices; i++)
		if (!isfinite(o->padfX[i]) || !isfinite(o->padfY[i]) || fabs(o->padfX[i]) > 540 ||
		    fabs(o->padfY[i]) > 90.5)
			return "coordinates are not longitude/latitude degrees";
	return NULL;
}

static double ring_area2(const double *x, const double *y, int n)
{
	double a = 0;

	for (int i = 0, j = n - 1; i < n; j = i++)
		a += (x[i] - x[j]) * (y[j] + y[i]);
	return a; /* > 0 clockwise (y up): an outer ring in a shapefile */
}

/* A ring or line of n vertices, from shapelib's arrays as they are. */
static GEOSGeometry *make_ring(GEOSContextHandle_t g, const double *x, const double *y, int n,
			       int line)
{
	GEOSCoordSequence *cs;
	int closed = x[0] == x[n - 1] && y[0] == y[n - 1];
	int m = (line || closed) ? n : n + 1;

	if (m == n) {
		cs = GEOSCoordSeq_copyFromArrays_r(g, x, y, NULL, NULL, (unsigned)n);
	} else {
		cs = GEOSCoordSeq_create_r(g, (unsigned)m, 2);
		for (int i = 0; cs && i < n; i++)
			GEOSCoordSeq_setXY_r(g, cs, (unsigned)i, x[i], y[i]);
		if (cs)
			GEOSCoordSeq_setXY_r(g, cs, (unsigned)n, x[0], y[0]);
	}
	if (!cs)
		return NULL;
	return line ? GEOSGeom_createLineString_r(g, cs) : GEOSGeom_createLinearRing_r(g, cs);
}

typedef struct {
	GEOSGeometry *shell;
	GEOSGeometry **holes;
	size_t nholes;
	double box[4];
	double area;
} poly_build;

/* One object on its way to GEOS: each part's box (xmin HUGE_VAL: the part
 * is skipped), the pieces made. The vertices stay in shapelib's arrays. */
typedef struct {
	GEOSContextHandle_t g;
	const SHPObject *o;
	const double *x, *y;
	double (*pbox)[4];
	GEOSGeometry **parts; /* lines, or the polygons made of pb */
	size_t nparts;
	poly_build *pb;
	size_t npoly;
} shape_build;

/* Part p's vertices are [*a, *b). */
static void part_range(const SHPObject *o, int p, int *a, int *b)
{
	*a = o->panPartStart[p];
	*b = p + 1 < o->nParts ? o->panPartStart[p + 1] : o->nVertices;
}

static int build_init(shape_build *s, GEOSContextHandle_t g, const SHPObject *o)
{
	memset(s, 0, sizeof(*s));
	s->g = g;
	s->o = o;
	s->x = o->padfX;
	s->y = o->padfY;
	s->parts = calloc((size_t)o->nParts, sizeof(*s->parts));
	s->pb = calloc((size_t)o->nParts, sizeof(*s->pb));
	s->pbox = malloc((size_t)o->nParts * sizeof(*s->pbox));
	if (!s->parts || !s->pb || !s->pbox)
		return -1;
	return 0;
}

static void build_free(shape_build *s)
{
	for (size_t k = 0; s->pb && k < (size_t)s->o->nParts; k++) {
		if (s->pb[k].shell)
			GEOSGeom_destroy_r(s->g, s->pb[k].shell);
		for (size_t h = 0; h < s->pb[k].nholes; h++)
			GEOSGeom_destroy_r(s->g, s->pb[k].holes[h]);
		free(s->pb[k].holes);
	}
	for (size_t k = 0; k < s->nparts; k++)
		GEOSGeom_destroy_r(s->g, s->parts[k]);
	free(s->parts);
	free(s->pb);
	free(s->pbox);
}

/* Each part's box; a part that misses the map is not made at all. A record
 * whose box spans the world (the United States: the Aleutians cross the
 * antimeridian) meets every map, and building all of its rings only to
 * clip them away is costly. A hole that meets the map lies in a shell that
 * does. */
static void part_boxes(shape_build *s, double rects[][4], int nr)
{
	for (int p = 0; p < s->o->nParts; p++) {
		double *box = s->pbox[p];
		int a, b, meets = nr == 0;
		part_range(s->o, p, &a, &b);
		box[0] = box[1] = HUGE_VAL;
		box[2] = box[3] = -HUGE_VAL;
		for (int i = a; i < b; i++) {
			box[0] = fmin(box[0], s->x[i]);
			box[1] = fmin(box[1], s->y[i]);
			box[2] = fmax(box[2], s->x[i]);
			box[3] = fmax(box[3], s->y[i]);
		}
		for (int k = 0; k < nr; k++)
			meets |= hm_boxes_meet(box, rects[k]);
		if (!meets)
			box[0] = HUGE_VAL;
	}
}

/* The collection of s->parts, which it then owns; NULL when none. */
static GEOSGeometry *collect(shape_build *s, int type)
{
	GEOSGeometry *res = NULL;

	if (s->nparts)
		res = GEOSGeom_createCollection_r(s->g, type, s->parts, (unsigned)s->nparts);
	if (res)
		s->nparts = 0;
	return res;
}

static GEOSGeometry *build_lines(shape_build *s)
{
	for (int p = 0; p < s->o->nParts; p++) {
		int a, b;
		part_range(s->o, p, &a, &b);
		if (s->pbox[p][0] == HUGE_VAL || b - a < 2)
			continue;
		GEOSGeometry *l = make_ring(s->g, s->x + a, s->y + a, b - a, 1);
		if (l)
			s->parts[s->nparts++] = l;
	}
	return collect(s, GEOS_MULTILINESTRING);
}

/* The rings kept that are wound clockwise, as outer rings are. */
static int count_outer(const shape_build *s)
{
	int nouter = 0;

	for (int p = 0; p < s->o->nParts; p++) {
		int a, b;
		part_range(s->o, p, &a, &b);
		if (s->pbox[p][0] == HUGE_VAL || b - a < 3)
			continue;
		if (ring_area2(s->x + a, s->y + a, b - a) > 0)
			nouter++;
	}
	return nouter;
}

/* A hole joins the smallest outer ring whose box holds it; dropped when
 * none does. */
static void add_hole(shape_build *s, GEOSGeometry *ring, const double box[4])
{
	poly_build *best = NULL;
	GEOSGeometry **h;

	for (size_t k = 0; k < s->npoly; k++) {
		poly_build *c = &s->pb[k];
		if (c->box[0] <= box[0] && c->box[1] <= box[1] && c->box[2] >= box[2] &&
		    c->box[3] >= box[3] && (!best || c->area < best->area))
			best = c;
	}
	h = best ? realloc(best->holes, (best->nholes + 1) * sizeof(*h)) : NULL;
	if (!h) {
		GEOSGeom_destroy_r(s->g, ring);
		return;
	}
	best->holes = h;
	best->holes[best->nholes++] = ring;
}

/* Outer rings (clockwise) become shells, then the holes join them. A file
 * with no clockwise ring is wound the wrong way: every ring is then an
 * outer one. */
static void build_rings(shape_build *s, int nouter)
{
	for (int pass = 0; pass < 2; pass++) {
		for (int p = 0; p < s->o->nParts; p++) {
			const double *box = s->pbox[p];
			double ar;
			int a, b, outer;
			GEOSGeometry *ring;
			part_range(s->o, p, &a, &b);
			if (b - a < 3 || box[0] == HUGE_VAL)
				continue;
			ar = ring_area2(s->x + a, s->y + a, b - a);
			outer = nouter == 0 || ar > 0;
			if ((pass == 0) != outer)
				continue;
			ring = make_ring(s->g, s->x + a, s->y + a, b - a, 0);
			if (!ring)
				continue;
			if (!outer) {
				add_hole(s, ring, box);
				continue;
			}
			s->pb[s->npoly].shell = ring;
			memcpy(s->pb[s->npoly].box, box, sizeof(s->pb[s->npoly].box));
			s->pb[s->npoly].area = fabs(ar);
			s->npoly++;
		}
	}
}

static GEOSGeometry *build_polygons(shape_build *s)
{
	build_rings(s, count_outer(s));
	for (size_t k = 0; k < s->npoly; k++) {
		poly_build *b = &s->pb[k];
		GEOSGeometry *poly =
			GEOSGeom_createPolygon_r(s->g, b->shell, b->holes, (unsigned)b->nholes);
		free(b->holes);
		b->holes = NULL;
		b->nholes = 0;
		b->shell = NULL;
		if (poly)
			s->parts[s->nparts++] = poly;
	}
	return collect(s, GEOS_MULTIPOLYGON);
}

GEOSGeometry *hm_shp_to_geos(GEOSContextHandle_t g, const SHPObject *o, int polygons,
			     double rects[][4], int nr)
{
	shape_build s;
	GEOSGeometry *res = NULL;

	if (build_init(&s, g, o) == 0) {
		part_boxes(&s, rects, nr);
		res = polygons ? build_polygons(&s) : build_lines(&s);
	}
	build_free(&s);
	return res;
}

GEOSGeometry *hm_geom_clip(GEOSContextHandle_t g, const GEOSGeometry *geom, double r[2][4], int nr,
			   const double box[4])
{
	GEOSGeometry *pieces[2];
	int n = 0;

	for (int k = 0; k < nr; k++) {
		GEOSGeometry *c;
		if (!hm_boxes_meet(box, r[k]))
			continue;
		if (hm_box_within(box, r[k]))
			c = GEOSGeom_clone_r(g, geom);
		else
			c = GEOSClipByRect_r(g, geom, r[k][0], r[k][1], r[k][2], r[k][3]);
		if (c && GEOSisEmpty_r(g, c) == 0)
			pieces[n++] = c;
		else if (c)
			GEOSGeom_destroy_r(g, c);
	}
	if (n == 0)
		return NULL;
	if (n == 1)
		return pieces[0];
	return GEOSGeom_createCollection_r(g, GEOS_GEOMETRYCOLLECTION, pieces, 2);
}

void hm_geom_bbox(GEOSContextHandle_t g, const GEOSGeometry *geom, double box[4])
{
	GEOSGeom_getXMin_r(g, geom, &box[0]);
	GEOSGeom_getYMin_r(g, geom, &box[1]);
	GEOSGeom_getXMax_r(g, geom, &box[2]);
	GEOSGeom_getYMax_r(g, geom, &box[3]);
}

double *hm_ring_xy(GEOSContextHandle_t g, const GEOSGeometry *ring, unsigned int *n)
{
	const GEOSCoordSequence *cs = ring ? GEOSGeom_getCoordSeq_r(g, ring) : NULL;
	double *xy;

	*n = 0;
	if (!cs || !GEOSCoordSeq_getSize_r(g, cs, n) || *n == 0)
		return NULL;
	xy = malloc((size_t)*n * 2 * sizeof(double));
	if (xy && !GEOSCoordSeq_copyToBuffer_r(g, cs, xy, 0, 0)) {
		free(xy);
		xy = NULL;
	}
	return xy;
}
