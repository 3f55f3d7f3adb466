/* A country's map: its parts grouped by distance, the core group and the
 * groups with sites kept, the extent of what is kept. */
#include "country.h"

#include "context.h"
#include "shapes_priv.h"
#include "shp_geos.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KM_PER_DEG 111.195 /* a degree of a great circle, mean radius */

typedef struct {
	double box[4]; /* west, south, east, north; east - west < 360 */
	double area_km2;
	size_t group;
	int kept;
} part;

typedef struct {
	part *p;
	size_t n, cap;
} parts;

static double wrap(double lon)
{
	while (lon >= 180)
		lon -= 360;
	while (lon < -180)
		lon += 360;
	return lon;
}

/* Area of a ring in km² (signed), in the sinusoidal projection about the
 * ring's first meridian, which is equal-area; and the ring's box. */
static double ring_area(GEOSContextHandle_t g, const GEOSGeometry *ring, double box[4])
{
	unsigned int n = 0;
	double *xy = hm_ring_xy(g, ring, &n), a = 0, lon0;

	if (!xy || n < 3) {
		free(xy);
		return 0;
	}
	lon0 = xy[0];
	for (unsigned int i = 0; i < n; i++) {
		double lon = xy[2 * i], lat = xy[2 * i + 1];
		box[0] = fmin(box[0], lon), box[2] = fmax(box[2], lon);
		box[1] = fmin(box[1], lat), box[3] = fmax(box[3], lat);
	}
	for (unsigned int i = 0; i + 1 < n; i++) {
		double x0 = (xy[2 * i] - lon0) * cos(xy[2 * i + 1] * M_PI / 180);
		double x1 = (xy[2 * i + 2] - lon0) * cos(xy[2 * i + 3] * M_PI / 180);
		a += x0 * xy[2 * i + 3] - x1 * xy[2 * i + 1];
	}
	free(xy);
	return a / 2 * KM_PER_DEG * KM_PER_DEG;
}

/* A polygon as a part: its box from its shell, its area less its holes. */
static int add_polygon(parts *ps, GEOSContextHandle_t g, const GEOSGeometry *poly)
{
	double box[4] = {HUGE_VAL, HUGE_VAL, -HUGE_VAL, -HUGE_VAL}, hole[4], a;
	const GEOSGeometry *shell = GEOSGetExteriorRing_r(g, poly);
	int nh = GEOSGetNumInteriorRings_r(g, poly);

	if (!shell)
		return 0;
	a = fabs(ring_area(g, shell, box));
	for (int i = 0; i < nh; i++) {
		memcpy(hole, box, sizeof(hole));
		a -= fabs(ring_area(g, GEOSGetInteriorRingN_r(g, poly, i), hole));
	}
	if (!(box[2] >= box[0]))
		return 0;
	if (ps->n == ps->cap) {
		size_t cap = ps->cap ? ps->cap * 2 : 16;
		part *np = realloc(ps->p, cap * sizeof(part));
		if (!np)
			return -1;
		ps->p = np;
		ps->cap = cap;
	}
	memcpy(ps->p[ps->n].box, box, sizeof(box));
	ps->p[ps->n].area_km2 = fmax(a, 0);
	ps->p[ps->n].group = ps->n;
	ps->p[ps->n].kept = 0;
	ps->n++;
	return 0;
}

/* Every polygon of every feature with feature f's ISO code (or of f alone
 * when it has none); *main: the feature with the most land. */
static int collect(parts *ps, hm_ctx *ctx, const hm_layer *world, long f, GEOSContextHandle_t g,
		   long *main)
{
	const char *iso = world->items[f].iso_a3;
	int by_iso = strlen(iso) == 3 && strcmp(iso, "-99") != 0;
	double best = -1;

	*main = f;
	for (size_t i = 0; i < world->count; i++) {
		const GEOSGeometry *gm;
		size_t first = ps->n;
		double land = 0;
		int n;
		if (by_iso ? strcmp(world->items[i].iso_a3, iso) != 0 : (long)i != f)
			continue;
		gm = hm_layer_geom(world, i, ctx);
		n = gm ? GEOSGetNumGeometries_r(g, gm) : 0;
		for (int k = 0; k < n; k++) {
			const GEOSGeometry *p = GEOSGetGeometryN_r(g, gm, k);
			if (GEOSGeomTypeId_r(g, p) == GEOS_POLYGON && add_polygon(ps, g, p) < 0)
				return -1;
		}
		for (size_t k = first; k < ps->n; k++)
			land += ps->p[k].area_km2;
		if (land > best) {
			best = land;
			*main = (long)i;
		}
	}
	return 0;
}

static size_t find(part *p, size_t i)
{
	while (p[i].group != i)
		i = p[i].group = p[p[i].group].group;
	return i;
}

/* The gap between two parts' boxes in km (0 when they overlap), the short
 * way round the globe. */
static double gap_km(const part *a, const part *b)
{
	double wa = a->box[2] - a->box[0], wb = b->box[2] - b->box[0];
	double dc = wrap((b->box[0] + b->box[2]) / 2 - (a->box[0] + a->box[2]) / 2);
	double dx = fmax(0, fabs(dc) - (wa + wb) / 2);
	double dy = fmax(0, fmax(a->box[1] - b->box[3], b->box[1] - a->box[3]));
	double lat = fmin(fabs((a->box[1] + a->box[3]) / 2), fabs((b->box[1] + b->box[3]) / 2));

	return hypot(dx * cos(fmin(lat, 89) * M_PI / 180), dy) * KM_PER_DEG;
}

static int by_south(const void *a, const void *b)
{
	double x = ((const part *)a)->box[1], y = ((const part *)b)->box[1];

	return (x > y) - (x < y);
}

/* Union the parts closer than link_km: single linkage, so that a chain of
 * islands is one group. A sweep from south to north: a part whose south is
 * further than link_km north of another's north is not near it. */
static void group_parts(parts *ps, double link_km)
{
	double link_deg = link_km / KM_PER_DEG;

	qsort(ps->p, ps->n, sizeof(part), by_south);
	for (size_t i = 0; i < ps->n; i++)
		ps->p[i].group = i;
	for (size_t i = 0; i < ps->n; i++)
		for (size_t j = i + 1; j < ps->n && ps->p[j].box[1] <= ps->p[i].box[3] + link_deg;
		     j++) {
			size_t ri = find(ps->p, i), rj = find(ps->p, j);
			if (ri != rj && gap_km(&ps->p[i], &ps->p[j]) <= link_km)
				ps->p[ri].group = rj;
		}
}

static int in_box(const double box[4], double lon, double lat, double pad_deg)
{
	double w = box[2] - box[0], d = wrap(lon - box[0] + pad_deg);

	if (d < 0)
		d += 360;
	return d <= w + 2 * pad_deg && lat >= box[1] - pad_deg && lat <= box[3] + pad_deg;
}

/* Keep the group with the most land and every group a site lies in (or
 * near: within about 10 km of a part's box). */
static void keep_groups(parts *ps, const hm_sites *sites)
{
	size_t n = ps->n, core = 0;
	double *land = calloc(n ? n : 1, sizeof(double)), best = -1;
	char *keep = calloc(n ? n : 1, 1);

	if (!land || !keep) {
		for (size_t i = 0; i < n; i++)
			ps->p[i].kept = 1;
		free(land);
		free(keep);
		return;
	}
	for (size_t i = 0; i < n; i++)
		land[find(ps->p, i)] += ps->p[i].area_km2;
	for (size_t i = 0; i < n; i++)
		if (land[i] > best)
			best = land[i], core = i;
	keep[core] = 1;
	for (size_t s = 0; s < sites->count; s++) {
		double lon = sites->items[s].lon, lat = sites->items[s].lat;
		for (size_t i = 0; i < n; i++)
			if (in_box(ps->p[i].box, lon, lat, 0.1)) {
				keep[find(ps->p, i)] = 1;
				break;
			}
	}
	for (size_t i = 0; i < n; i++)
		ps->p[i].kept = keep[find(ps->p, i)];
	free(land);
	free(keep);
}

static int by_area_desc(const void *a, const void *b)
{
	double x = ((const hm_country_part *)a)->area_km2,
	       y = ((const hm_country_part *)b)->area_km2;

	return (x < y) - (x > y);
}

/* The extent of the kept parts' boxes and the sites; the left-out list. */
static int fill_fit(hm_country_fit *out, const parts *ps, const hm_sites *sites)
{
	size_t n = ps->n, k = 0, m = 0;
	double *lon = malloc((2 * n + sites->count + 1) * sizeof(double));
	double *lat = malloc((2 * n + sites->count + 1) * sizeof(double));

	out->left_out = calloc(n ? n : 1, sizeof(hm_country_part));
	if (!lon || !lat || !out->left_out) {
		free(lon);
		free(lat);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		const part *p = &ps->p[i];
		out->area_km2 += p->area_km2;
		if (!p->kept) {
			memcpy(out->left_out[m].box, p->box, sizeof(p->box));
			out->left_out[m++].area_km2 = p->area_km2;
			continue;
		}
		out->nkept++;
		out->kept_km2 += p->area_km2;
		lon[k] = p->box[0], lat[k++] = p->box[1];
		lon[k] = p->box[2], lat[k++] = p->box[3];
	}
	for (size_t i = 0; i < sites->count; i++)
		lon[k] = sites->items[i].lon, lat[k++] = sites->items[i].lat;
	out->nparts = n;
	out->nleft_out = m;
	qsort(out->left_out, m, sizeof(hm_country_part), by_area_desc);
	hm_bbox_fit(&out->extent, lon, lat, k, 0.08, 1.0);
	out->crosses_180 = out->extent.e < out->extent.w;
	free(lon);
	free(lat);
	return 0;
}

int hm_country_fit_make(hm_country_fit *out, hm_ctx *ctx, const hm_layer *world, long f,
			const hm_sites *sites)
{
	GEOSContextHandle_t g = hm_geos_new();
	parts ps = {NULL, 0, 0};
	long main = f;
	int rc = HM_OK;

	memset(out, 0, sizeof(*out));
	if (!g)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	snprintf(out->iso, sizeof(out->iso), "%s", world->items[f].iso_a3);
	if (collect(&ps, ctx, world, f, g, &main) < 0 ||
	    !(out->name =
		      hm_strdup(world->items[main].name ? world->items[main].name : out->iso))) {
		rc = hm_error(ctx, HM_ENOMEM, "out of memory");
	} else if (ps.n == 0) {
		rc = hm_error(ctx, HM_EDATA, "%s: %s has no polygon", world->path, out->name);
	} else {
		double total = 0;
		for (size_t i = 0; i < ps.n; i++)
			total += ps.p[i].area_km2;
		group_parts(&ps, fmax(HM_COUNTRY_LINK_MIN_KM, HM_COUNTRY_LINK_SHARE * sqrt(total)));
		keep_groups(&ps, sites);
		if (fill_fit(out, &ps, sites) < 0)
			rc = hm_error(ctx, HM_ENOMEM, "out of memory");
	}
	free(ps.p);
	GEOS_finish_r(g);
	if (rc < 0)
		hm_country_fit_free(out);
	return rc;
}

void hm_country_fit_free(hm_country_fit *fit)
{
	if (!fit)
		return;
	free(fit->name);
	free(fit->left_out);
	memset(fit, 0, sizeof(*fit));
}
