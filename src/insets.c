/* Insets: detail panels (given or found where symbols crowd) and the
 * locator; each is a map of its own, built by the map stage, drawn into a
 * panel of its parent. */
#include "insets.h"

#include "context.h"
#include "density.h"
#include "frame.h"
#include "furniture.h"
#include "layers.h"
#include "numfmt.h"
#include "project.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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

/* The main map's frame edge, densified, in lon/lat (HUGE_VAL where it
 * leaves the projection); returns the number of points. */
static size_t frame_edge_lonlat(const hm_map *parent, double *x, double *y)
{
	const double *f = parent->frame;
	size_t k = 0;

	/* along the edges in turn: a ring, not just a set of points */
	for (int side = 0; side < 4; side++) {
		for (int i = 0; i < HM_EDGE_STEPS; i++) {
			double t = (double)i / HM_EDGE_STEPS;
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
	return k;
}

/* Which pole the main map's frame holds: 1 north, -1 south, 0 none. */
static int frame_pole(const hm_map *parent)
{
	for (int pole = 1; pole >= -1; pole -= 2) {
		double px = 0, py = 90.0 * pole;
		const double *f = parent->frame;
		hm_proj_fwd(parent->proj, &px, &py, 1);
		hm_frame_to_px(parent, &px, &py, 1);
		if (px != HUGE_VAL && px >= f[0] && px <= f[0] + f[2] && py >= f[1] &&
		    py <= f[1] + f[3])
			return pole;
	}
	return 0;
}

/* A frame that holds a pole goes once round the world: its ring, cut at
 * the locator's seam between point n - 1 and point 0 (lon/lat), is closed
 * along the seam's two sides and the locator's edge of latitude on the
 * pole's side. Appends to lon/lat (room for 3 * HM_EDGE_STEPS more);
 * returns the new count. */
static size_t close_round_pole(const hm_map *m, double *lon, double *lat, size_t n, int pole)
{
	double L = hm_proj_central_lon(m->proj), edge = pole > 0 ? m->extent.n : m->extent.s;
	double da = lon[n - 1] - L, side;
	double la = lat[n - 1], lb = lat[0];
	size_t k = n;

	while (da >= 180)
		da -= 360;
	while (da < -180)
		da += 360;
	side = da >= 0 ? 1 : -1;
	for (int i = 0; i < HM_EDGE_STEPS; i++) {
		double t = (double)i / HM_EDGE_STEPS;
		lon[k] = L + side * (180 - 1e-6), lat[k++] = la + (edge - la) * t;
	}
	for (int i = 0; i < HM_EDGE_STEPS; i++) {
		double t = (double)i / HM_EDGE_STEPS;
		lon[k] = L + side * (180 - 1e-6) * (1 - 2 * t), lat[k++] = edge;
	}
	for (int i = 0; i < HM_EDGE_STEPS; i++) {
		double t = (double)i / HM_EDGE_STEPS;
		lon[k] = L - side * (180 - 1e-6), lat[k++] = edge + (lb - edge) * t;
	}
	for (size_t i = n; i < k; i++)
		lon[i] = lon[i] >= 180 ? lon[i] - 360 : lon[i] < -180 ? lon[i] + 360 : lon[i];
	return k;
}

/* The main map's frame as the locator m shows it: its edge densified, in
 * m's pixels, within m's latitudes; a closed ring (round the pole when the
 * frame holds one), else lines where it jumps across m's seam, or a dot
 * with a ring (m->mark) when it is a speck at m's scale. */
static int outline_into(hm_map *m, const hm_map *parent)
{
	double lon[7 * HM_EDGE_STEPS + 1], lat[7 * HM_EDGE_STEPS + 1];
	double x[7 * HM_EDGE_STEPS + 1], y[7 * HM_EDGE_STEPS + 1];
	double x0 = HUGE_VAL, y0 = HUGE_VAL, x1 = -HUGE_VAL, y1 = -HUGE_VAL;
	size_t k = frame_edge_lonlat(parent, lon, lat), n = 0, jumps = 0, cut = 0, start = 0;
	int pole = frame_pole(parent);

	for (size_t i = 0; i < k; i++) {
		if (lon[i] == HUGE_VAL)
			continue;
		lon[n] = lon[i];
		lat[n++] = fmin(fmax(lat[i], m->extent.s), m->extent.n);
	}
	if (n < 3)
		return 0;
	memcpy(x, lon, n * sizeof(double));
	memcpy(y, lat, n * sizeof(double));
	hm_proj_fwd(m->proj, x, y, n);
	hm_frame_to_px(m, x, y, n);
	for (size_t i = 0; i < n; i++) {
		size_t j = (i + 1) % n;
		x0 = fmin(x0, x[i]), x1 = fmax(x1, x[i]);
		y0 = fmin(y0, y[i]), y1 = fmax(y1, y[i]);
		/* a step of more than half the locator's width crosses its seam */
		if (fabs(x[j] - x[i]) > m->frame[2] / 2)
			jumps++, cut = j;
	}
	/* smaller than a few points across: a dot where it is, ringed */
	if (fmax(x1 - x0, y1 - y0) < hm_pt(m, 6)) {
		m->mark[0] = (x0 + x1) / 2;
		m->mark[1] = (y0 + y1) / 2;
		m->mark[2] = hm_pt(m, 4);
		return 0;
	}
	if (jumps == 1 && pole) {
		/* start after the cut, then round the pole's side back to it */
		double tl[4 * HM_EDGE_STEPS], tt[4 * HM_EDGE_STEPS];
		for (size_t i = 0; i < n; i++)
			tl[i] = lon[(cut + i) % n], tt[i] = lat[(cut + i) % n];
		memcpy(lon, tl, n * sizeof(double));
		memcpy(lat, tt, n * sizeof(double));
		n = close_round_pole(m, lon, lat, n, pole);
		memcpy(x, lon, n * sizeof(double));
		memcpy(y, lat, n * sizeof(double));
		hm_proj_fwd(m->proj, x, y, n);
		hm_frame_to_px(m, x, y, n);
		jumps = 0;
	}
	m->outline.closed = jumps == 0;
	if (m->outline.closed)
		return hm_path_add(&m->outline, x, y, n, 0);
	x[n] = x[0], y[n] = y[0];
	for (size_t i = 0; i < n; i++) {
		if (fabs(x[i + 1] - x[i]) <= m->frame[2] / 2)
			continue;
		if (hm_path_add(&m->outline, x + start, y + start, i + 1 - start, 0) < 0)
			return -1;
		start = i + 1;
	}
	return hm_path_add(&m->outline, x + start, y + start, n + 1 - start, 0);
}

/* The locator's region: four times the map's span and at least a region's
 * (20 by 15 degrees), or the world centred on the map, so that the map's
 * outline does not cross the world's seam (crs, else NULL: auto). */
static void locator_region(const hm_map *m, hm_bbox *e, char *crs, size_t cap)
{
	double lspan = fmax(hm_bbox_lon_span(&m->extent), 5);
	double fspan = fmax(m->extent.n - m->extent.s, 3.75);
	double c = hm_bbox_center_lon(&m->extent), mid = (m->extent.s + m->extent.n) / 2;

	crs[0] = '\0';
	if (lspan * 4 >= 300) {
		/* the world, to the pole the map holds */
		int pole = frame_pole(m);
		*e = (hm_bbox){-180, pole < 0 ? -90 : -60, 180, pole > 0 ? 90 : 85};
		{
			/* centred on the map: the world cut where the map is not */
			e->w = c - 180 + 1e-6 < -180 ? c + 180 + 1e-6 : c - 180 + 1e-6;
			e->e = c + 180 - 1e-6 > 180 ? c - 180 - 1e-6 : c + 180 - 1e-6;
			hm_snprintf_c(crs, cap,
				      "+proj=eqearth +lon_0=%.2f +datum=WGS84 +units=m +no_defs",
				      c);
		}
		return;
	}
	e->w = c - lspan * 2, e->e = c + lspan * 2;
	e->w = e->w < -180 ? e->w + 360 : e->w;
	e->e = e->e > 180 ? e->e - 360 : e->e;
	e->s = fmax(-85, mid - fspan * 2);
	e->n = fmin(85, mid + fspan * 2);
}

/* Width / height of a lon/lat box as crs (NULL: auto) projects it, from its
 * densified edge; 0 when it does not project. */
static double projected_aspect(hm_ctx *ctx, const char *crs, const hm_bbox *e)
{
	hm_proj *p = NULL;
	double b[4];
	int rc;

	if (hm_proj_new(&p, ctx, crs, e) < 0)
		return 0;
	rc = hm_frame_projected_box(p, e, b);
	hm_proj_free(p);
	return rc == 0 ? (b[2] - b[0]) / (b[3] - b[1]) : 0;
}

static int add_inset(hm_map *m, hm_ctx *ctx, const hm_sites *sites, const hm_map_opts *o,
		     const hm_map_maker *build, hm_inset_kind kind, const hm_bbox *extent,
		     const double *source_px, const char *locator_crs)
{
	hm_map_opts io = *o;
	hm_map *im = NULL;
	double panel[4], x[2], y[2], w, h, aspect;
	int rc;

	if (m->ninsets >= HM_MAX_INSETS)
		return hm_error(ctx, HM_EUSAGE, "at most %d insets", HM_MAX_INSETS);
	io.extent = extent;
	io.country = NULL;
	io.insets = NULL;
	io.ninsets = 0;
	io.inset_auto = 0;
	io.locator = 0;
	io.max_value = m->vmax;
	io.r_max_mm = m->rmax / m->dpi * 25.4; /* the main map's, crowding and all */
	io.cluster_mm = -1;		       /* an inset shows the sites one by one */
	io.shapes = kind == HM_INSET_LOCATOR ? NULL : o->shapes;
	io.crs = kind == HM_INSET_DETAIL ? hm_proj_definition(m->proj) : locator_crs;
	if (kind == HM_INSET_LOCATOR) {
		/* the panel hugs the region as the locator will project it */
		aspect = projected_aspect(ctx, locator_crs, extent);
		aspect = aspect > 0 ? fmin(fmax(aspect, 0.5), 2.5) : 1.3;
	} else {
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
	}
	w = m->frame[2] * (kind == HM_INSET_LOCATOR ? 0.2 : 0.3);
	h = w / aspect;
	if (h > m->frame[3] * 0.45) {
		h = m->frame[3] * 0.45;
		w = h * aspect;
	}
	if (source_px)
		hm_furniture_add(m, source_px);
	rc = hm_corner_pick(m, w, h, panel, 1);
	if (source_px)
		m->nfurniture--;
	if (rc < 0) {
		hm_log(ctx, HM_LOG_WARN, "no free corner for the %s inset; left out",
		       kind == HM_INSET_LOCATOR ? "locator" : "detail");
		return HM_OK;
	}
	rc = build->build(&im, ctx, sites, &io,
			  kind == HM_INSET_LOCATOR ? ROLE_LOCATOR : ROLE_DETAIL, panel);
	if (rc < 0)
		return rc;
	if (kind == HM_INSET_LOCATOR && outline_into(im, m) < 0) {
		build->free(im);
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	}
	if (kind == HM_INSET_DETAIL && hm_density_inset(im, m) < 0) {
		build->free(im);
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	}
	/* the locator's frame, a detail's surface: layers made after its map */
	if (kind == HM_INSET_LOCATOR || im->density)
		hm_layers_assemble(im);
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
	hm_furniture_add(m, panel);
	/* the next panels must not hide what this one zooms into */
	if (kind == HM_INSET_DETAIL)
		hm_furniture_add(m, m->inset_source[m->ninsets - 1]);
	return HM_OK;
}

/* The pixels of m that box e covers, as a rectangle (out); -1 when part of
 * its edge does not project. */
static int source_box(const hm_map *m, const hm_bbox *e, double out[4])
{
	double x[4 * HM_EDGE_STEPS], y[4 * HM_EDGE_STEPS];
	double x0 = HUGE_VAL, y0 = HUGE_VAL, x1 = -HUGE_VAL, y1 = -HUGE_VAL;
	size_t n = hm_frame_box_edge(e, x, y);

	hm_proj_fwd(m->proj, x, y, n);
	hm_frame_to_px(m, x, y, n);
	for (size_t i = 0; i < n; i++) {
		if (x[i] == HUGE_VAL)
			return -1;
		x0 = fmin(x0, x[i]), x1 = fmax(x1, x[i]);
		y0 = fmin(y0, y[i]), y1 = fmax(y1, y[i]);
	}
	out[0] = x0, out[1] = y0, out[2] = x1 - x0, out[3] = y1 - y0;
	return 0;
}

int hm_insets_make(hm_map *m, hm_ctx *ctx, const hm_sites *sites, const hm_map_opts *o,
		   const hm_map_maker *build)
{
	int rc = HM_OK;

	/* a panel must not hide the area it shows */
	for (size_t i = 0; i < o->ninsets && rc == HM_OK; i++) {
		double src[4];
		int have = source_box(m, &o->insets[i], src) == 0;
		rc = add_inset(m, ctx, sites, o, build, HM_INSET_DETAIL, &o->insets[i],
			       have ? src : NULL, NULL);
	}
	if (rc == HM_OK && o->inset_auto) {
		double boxes[2][4], side = fmin(m->frame[2] * 0.3, m->frame[3] * 0.45);
		size_t nb = find_clusters(m, side, boxes, 2);
		for (size_t i = 0; i < nb && rc == HM_OK; i++) {
			hm_bbox e;
			if (hm_frame_px_box(m, boxes[i], &e) < 0)
				continue;
			hm_log(ctx, HM_LOG_INFO, "inset auto: %g,%g,%g,%g", e.w, e.s, e.e, e.n);
			rc = add_inset(m, ctx, sites, o, build, HM_INSET_DETAIL, &e, boxes[i],
				       NULL);
		}
	}
	if (rc == HM_OK && o->locator) {
		hm_bbox e;
		char crs[160];
		locator_region(m, &e, crs, sizeof(crs));
		rc = add_inset(m, ctx, sites, o, build, HM_INSET_LOCATOR, &e, NULL,
			       crs[0] ? crs : NULL);
	}
	return rc;
}
