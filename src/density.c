#include "density.h"
#include "context.h"
#include "frame.h"
#include "furniture.h"
#include "kde.h"
#include "lattice.h"
#include "text.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Ten stops of each ramp, from matplotlib's tables (viridis, magma:
 * van der Walt and Smith; cividis: Nuñez, Anderton and Renslow, 2018):
 * perceptually uniform, readable with the common colour-vision
 * deficiencies and in greyscale. Between stops: linear in sRGB. */
static const struct {
	const char *name;
	unsigned stops[10];
} ramps[] = {
	{"viridis",
	 {0x440154, 0x482878, 0x3e4989, 0x31688e, 0x26828e, 0x1f9e89, 0x35b779, 0x6ece58, 0xb5de2b,
	  0xfde725}},
	{"magma",
	 {0x000004, 0x180f3d, 0x440f76, 0x721f81, 0x9e2f7f, 0xcd4071, 0xf1605d, 0xfd9668, 0xfeca8d,
	  0xfcfdbf}},
	{"cividis",
	 {0x00224e, 0x123570, 0x3b496c, 0x575d6d, 0x707173, 0x8a8779, 0xa69d75, 0xc4b56c, 0xe4cf5b,
	  0xfee838}},
};
#define NRAMPS (sizeof(ramps) / sizeof(ramps[0]))

int hm_map_palette_known(const char *name)
{
	for (size_t k = 0; k < NRAMPS; k++)
		if (strcmp(name, ramps[k].name) == 0)
			return 1;
	return strcmp(name, "style") == 0;
}

void hm_density_free(hm_density *d)
{
	if (d)
		free(d->cells);
	free(d);
}

int hm_density_inset(hm_map *im, const hm_map *m)
{
	const hm_density *d = m->density;
	const double *f = im->frame;
	double k = im->t[0] / m->t[0];
	hm_density *c;

	/* both frames' transforms are scale and shift only, in one CRS */
	if (!d || m->t[1] != 0 || m->t[3] != 0 || im->t[1] != 0 || im->t[3] != 0 || !(k > 0) ||
	    fabs(im->t[4] / m->t[4] - k) > 1e-9 * k)
		return 0;
	c = malloc(sizeof(*c));
	if (!c)
		return -1;
	*c = *d;
	c->cells = malloc((d->ncells ? d->ncells : 1) * sizeof(*c->cells));
	if (!c->cells) {
		free(c);
		return -1;
	}
	c->ncells = 0;
	c->cell_px = d->cell_px * k;
	c->cell_mm = d->cell_mm * k;
	c->legend_box[2] = 0; /* the main map's legend holds for both */
	for (size_t i = 0; i < d->ncells; i++) {
		hm_density_cell cell = d->cells[i];
		double e = (cell.x - m->t[2]) / m->t[0], n = (cell.y - m->t[5]) / m->t[4];
		cell.x = im->t[0] * e + im->t[2];
		cell.y = im->t[4] * n + im->t[5];
		if (cell.x < f[0] - c->cell_px || cell.x > f[0] + f[2] + c->cell_px ||
		    cell.y < f[1] - c->cell_px || cell.y > f[1] + f[3] + c->cell_px)
			continue;
		c->cells[c->ncells++] = cell;
	}
	hm_density_free(im->density);
	im->density = c;
	im->hide_symbols = 1;
	return 0;
}

/* The ramp's colour at t in [0, 1] (0: its first stop). */
static void ramp_at(const unsigned *stops, double t, double out[3])
{
	double u = fmin(fmax(t, 0), 1) * 9;
	int k = (int)floor(u);
	double f = u - k;

	if (k >= 9)
		k = 8, f = 1;
	for (int c = 0; c < 3; c++) {
		double a = ((stops[k] >> (16 - 8 * c)) & 0xff) / 255.0;
		double b = ((stops[k + 1] >> (16 - 8 * c)) & 0xff) / 255.0;
		out[c] = a + (b - a) * f;
	}
}

/* The nearest of 1, 2, 5 x 10^k to v on a log scale. */
static double nice(double v)
{
	double p = pow(10, floor(log10(v))), best = p, m[4] = {1, 2, 5, 10};

	for (int k = 0; k < 4; k++)
		if (fabs(log(m[k] * p / v)) < fabs(log(best / v)))
			best = m[k] * p;
	return best;
}

/* Breaks from lo to hi at round values, evenly on a log scale. */
static void make_breaks(hm_density *d, double lo, double hi, int want)
{
	int n = 1;

	d->breaks[0] = lo;
	for (int k = 1; k < want && hi > lo; k++) {
		double b = nice(lo * pow(hi / lo, (double)k / want));
		if (b > d->breaks[n - 1] && b < hi)
			d->breaks[n++] = b;
	}
	d->breaks[n] = hi;
	d->nclasses = n;
}

static int class_of(const hm_density *d, double v)
{
	int k = 0;

	while (k + 1 < d->nclasses && v >= d->breaks[k + 1])
		k++;
	return k;
}

static void colours(hm_density *d, const hm_map *m, const char *palette)
{
	snprintf(d->palette, sizeof(d->palette), "%s", palette);
	for (int k = 0; k < d->nclasses; k++) {
		/* the lowest class light, the highest dark */
		double t = d->nclasses > 1 ? 1 - (double)k / (d->nclasses - 1) : 0.5;
		size_t r;
		for (r = 0; r < NRAMPS && strcmp(ramps[r].name, palette) != 0; r++)
			;
		if (r < NRAMPS) {
			/* the ramp's ends: not black nor the palest yellow */
			ramp_at(ramps[r].stops, 0.08 + 0.84 * t, d->colors[k]);
		} else {
			/* the style's: from its land colour to its symbols' */
			const hm_color *a = &m->look.land, *b = &m->look.symbol_fill;
			double f = 0.15 + 0.85 * (1 - t);
			d->colors[k][0] = a->r + (b->r - a->r) * f;
			d->colors[k][1] = a->g + (b->g - a->g) * f;
			d->colors[k][2] = a->b + (b->b - a->b) * f;
		}
	}
}

/* Hexagons (hexbin, hot spots) or squares (grid, kernel density). */
static int is_hex(const hm_density *d)
{
	return d->mode == HM_MODE_HEXBIN || d->mode == HM_MODE_HOTSPOT;
}

/* Hexagons, pointy side up, w across the flats: the axial cell of a pixel
 * (cube rounding), and a cell's centre. */
static void hex_of(double x, double y, double w, long *q, long *r)
{
	double s = w / sqrt(3), fq = (sqrt(3) / 3 * x - y / 3) / s, fr = (2.0 / 3 * y) / s;
	double fs = -fq - fr, rq = round(fq), rr = round(fr), rs = round(fs);
	double dq = fabs(rq - fq), dr = fabs(rr - fr), ds = fabs(rs - fs);

	if (dq > dr && dq > ds)
		rq = -rr - rs;
	else if (dr > ds)
		rr = -rq - rs;
	*q = (long)rq, *r = (long)rr;
}

static void hex_centre(long q, long r, double w, double *x, double *y)
{
	double s = w / sqrt(3);

	*x = w * (q + r / 2.0);
	*y = 1.5 * s * r;
}

/* Cells of the frame, dense: row-major over (j, i), i offset so that every
 * hexagon of a row has a slot. */
typedef struct {
	long i0, j0, ni, nj;
	double *sum;
} dense;

static long slot(const dense *g, long i, long j)
{
	i -= g->i0, j -= g->j0;
	return (i < 0 || j < 0 || i >= g->ni || j >= g->nj) ? -1 : j * g->ni + i;
}

static void cell_of(const hm_density *d, double x, double y, long *i, long *j)
{
	if (is_hex(d))
		hex_of(x, y, d->cell_px, i, j);
	else
		*i = (long)floor(x / d->cell_px), *j = (long)floor(y / d->cell_px);
}

/* Compact sites: rows from..to on one thread, projected a block at a time
 * (PROJ's cost is per call) with the thread's own copy of the projection,
 * binned into the thread's own sums. */
#define BLOCK 65536

typedef struct {
	const hm_density *d;
	const hm_map *m;
	const hm_sites *sites;
	const dense *g;
	double *sum; /* ni * nj */
	size_t from, to, in;
	const hm_proj *proj;	   /* NULL: a copy of m->proj */
	const hm_lattice *lattice; /* NULL: every row projected by PROJ */
	int rc;
} bin_job;

static void bin_run(void *arg, hm_worker *w)
{
	bin_job *J = arg;
	const double *f = J->m->frame;
	hm_proj *own = NULL;
	const hm_proj *proj = J->proj;
	double *x = malloc(BLOCK * sizeof(double)), *y = malloc(BLOCK * sizeof(double));

	(void)w;
	J->rc = -1;
	if (!x || !y || (!proj && hm_proj_clone(&own, NULL, J->m->proj) < 0))
		goto out;
	proj = proj ? proj : own;
	for (size_t k0 = J->from; k0 < J->to; k0 += BLOCK) {
		size_t n = J->to - k0 < BLOCK ? J->to - k0 : BLOCK;
		memcpy(x, J->sites->lons + k0, n * sizeof(double));
		memcpy(y, J->sites->lats + k0, n * sizeof(double));
		if (J->lattice) {
			hm_lattice_fwd(J->lattice, proj, J->m, x, y, n);
		} else {
			hm_proj_fwd(proj, x, y, n);
			hm_frame_to_px(J->m, x, y, n);
		}
		for (size_t k = 0; k < n; k++) {
			long i, j, at;
			if (x[k] == HUGE_VAL || x[k] < f[0] || y[k] < f[1] || x[k] > f[0] + f[2] ||
			    y[k] > f[1] + f[3])
				continue;
			cell_of(J->d, x[k] - f[0], y[k] - f[1], &i, &j);
			if ((at = slot(J->g, i, j)) < 0)
				continue;
			J->sum[at] +=
				J->m->counted || !J->sites->values ? 1 : J->sites->values[k0 + k];
			J->in++;
		}
	}
	J->rc = 0;
out:
	hm_proj_free(own);
	free(x);
	free(y);
}

/* Below this many rows one thread is as fast. */
#define BIN_PARALLEL_MIN 200000
/* From this many rows the sites are projected on a lattice (lattice.h):
 * below, making and checking it costs more than PROJ would. */
#define BIN_LATTICE_MIN 200000

static int bin_compact(hm_density *d, const hm_map *m, hm_ctx *ctx, const hm_sites *sites, dense *g)
{
	bin_job jobs[HM_MAX_THREADS];
	void *args[HM_MAX_THREADS];
	size_t cells = (size_t)(g->ni * g->nj);
	int nt = sites->count >= BIN_PARALLEL_MIN ? hm_ctx_threads(ctx) : 1, rc = 0;
	hm_lattice *lattice = sites->count >= BIN_LATTICE_MIN ? hm_lattice_new(m) : NULL;

	nt = nt < 1 ? 1 : nt > HM_MAX_THREADS ? HM_MAX_THREADS : nt;
	for (int k = 0; k < nt; k++) {
		jobs[k] = (bin_job){d,
				    m,
				    sites,
				    g,
				    k == 0 ? g->sum : calloc(cells, sizeof(double)),
				    sites->count * (size_t)k / (size_t)nt,
				    sites->count * (size_t)(k + 1) / (size_t)nt,
				    0,
				    k == 0 ? m->proj : NULL,
				    lattice,
				    -1};
		args[k] = &jobs[k];
		if (!jobs[k].sum)
			nt = k; /* out of memory: fewer threads, and an error below */
	}
	hm_ctx_run(ctx, bin_run, args, nt);
	/* added in the rows' order of the slices: the same sums every run */
	for (int k = 0; k < nt; k++) {
		rc |= jobs[k].rc;
		d->sites_in += jobs[k].in;
		for (size_t c = 0; k > 0 && c < cells; c++)
			g->sum[c] += jobs[k].sum[c];
		if (k > 0)
			free(jobs[k].sum);
	}
	if (lattice) {
		d->lattice_cells = hm_lattice_cells(lattice);
		d->lattice_error = hm_lattice_error(lattice);
	}
	hm_lattice_free(lattice);
	return rc < 0 || nt == 0 ? -1 : 0;
}

static int bin(hm_density *d, const hm_map *m, hm_ctx *ctx, const hm_sites *sites, dense *g)
{
	const double *f = m->frame;
	long imin = LONG_MAX, imax = LONG_MIN, jmin = LONG_MAX, jmax = LONG_MIN;

	/* the index range: the frame's corners (a hexagon's column leans with
	 * its row), one cell more each way */
	for (int k = 0; k < 4; k++) {
		long i, j;
		cell_of(d, (k & 1) ? f[2] : 0, (k & 2) ? f[3] : 0, &i, &j);
		imin = i < imin ? i : imin, imax = i > imax ? i : imax;
		jmin = j < jmin ? j : jmin, jmax = j > jmax ? j : jmax;
	}
	g->i0 = imin - 1, g->ni = imax - imin + 3;
	g->j0 = jmin - 1, g->nj = jmax - jmin + 3;
	g->sum = calloc((size_t)(g->ni * g->nj), sizeof(double));
	if (!g->sum)
		return -1;
	if (sites && sites->lons)
		return bin_compact(d, m, ctx, sites, g);
	for (size_t k = 0; k < m->nsites; k++) {
		const hm_map_site *s = &m->sites[k];
		long i, j, at;
		if (!hm_site_in_frame(m, s))
			continue;
		cell_of(d, s->x - f[0], s->y - f[1], &i, &j);
		if ((at = slot(g, i, j)) < 0)
			continue;
		g->sum[at] += m->counted ? 1 : s->value;
		d->sites_in++;
	}
	return 0;
}

/* The convex hull of the cells with sites (hexagon centres, counter-
 * clockwise; Andrew's monotone chain): the study area of hot spots, whose
 * empty cells count as zeros. Cells outside it are no data, not cold. */
typedef struct {
	double *x; /* x0, y0, x1, y1, ... */
	size_t n;
} hull;

static int by_xy(const void *a, const void *b)
{
	const double *p = a, *q = b;

	if (p[0] != q[0])
		return p[0] < q[0] ? -1 : 1;
	return (p[1] > q[1]) - (p[1] < q[1]);
}

static double cross(const double *o, const double *a, const double *b)
{
	return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

static int hull_make(hull *h, const hm_density *d, const dense *g)
{
	size_t n = 0, k = 0;
	double *pt = malloc((size_t)(g->ni * g->nj) * 2 * sizeof(double) + 16);
	double *out = malloc((size_t)(g->ni * g->nj) * 4 * sizeof(double) + 32);

	if (!pt || !out) {
		free(pt);
		free(out);
		return -1;
	}
	for (long j = 0; j < g->nj; j++)
		for (long i = 0; i < g->ni; i++)
			if (g->sum[j * g->ni + i] > 0) {
				hex_centre(i + g->i0, j + g->j0, d->cell_px, &pt[2 * n],
					   &pt[2 * n + 1]);
				n++;
			}
	qsort(pt, n, 2 * sizeof(double), by_xy);
	for (size_t i = 0; i < n; i++) { /* lower hull */
		while (k >= 2 && cross(&out[2 * (k - 2)], &out[2 * (k - 1)], &pt[2 * i]) <= 0)
			k--;
		out[2 * k] = pt[2 * i], out[2 * k + 1] = pt[2 * i + 1], k++;
	}
	for (size_t i = n - 1, t = k + 1; n > 1 && i-- > 0;) { /* upper hull */
		while (k >= t && cross(&out[2 * (k - 2)], &out[2 * (k - 1)], &pt[2 * i]) <= 0)
			k--;
		out[2 * k] = pt[2 * i], out[2 * k + 1] = pt[2 * i + 1], k++;
	}
	free(pt);
	h->n = k > 1 ? k - 1 : k;
	h->x = out;
	return 0;
}

/* 1 if point p lies in the hull or on its edge (within half a pixel). */
static int in_hull(const hull *h, const double p[2])
{
	if (h->n < 3) {
		for (size_t k = 0; k < h->n; k++)
			if (hypot(h->x[2 * k] - p[0], h->x[2 * k + 1] - p[1]) < 0.5)
				return 1;
		return 0;
	}
	for (size_t k = 0; k < h->n; k++) {
		const double *a = &h->x[2 * k], *b = &h->x[2 * ((k + 1) % h->n)];
		if (cross(a, b, p) < -0.5 * hypot(b[0] - a[0], b[1] - a[1]))
			return 0;
	}
	return 1;
}

/* 1 if cell (i, j) of g is taken: it holds sites or, for hot spots, lies
 * in the study area (h). */
static int taken(const dense *g, const hull *h, double w, long i, long j)
{
	long at = slot(g, i, j);
	double c[2];

	if (at < 0)
		return 0;
	if (g->sum[at] > 0)
		return 1;
	if (!h)
		return 0;
	hex_centre(i, j, w, &c[0], &c[1]);
	return in_hull(h, c);
}

static int collect(hm_density *d, const hm_map *m, const dense *g)
{
	size_t n = 0;
	hull area = {0}, *h = d->mode == HM_MODE_HOTSPOT ? &area : NULL;

	if (h && hull_make(h, d, g) < 0)
		return -1;
	for (long j = 0; j < g->nj; j++)
		for (long i = 0; i < g->ni; i++)
			n += (size_t)taken(g, h, d->cell_px, i + g->i0, j + g->j0);
	d->cells = calloc(n ? n : 1, sizeof(*d->cells));
	if (!d->cells) {
		free(area.x);
		return -1;
	}
	for (long j = 0; j < g->nj; j++)
		for (long i = 0; i < g->ni; i++) {
			double v = g->sum[j * g->ni + i];
			hm_density_cell *c = &d->cells[d->ncells];
			if (!taken(g, h, d->cell_px, i + g->i0, j + g->j0))
				continue;
			c->i = i + g->i0, c->j = j + g->j0, c->value = v;
			if (is_hex(d))
				hex_centre(c->i, c->j, d->cell_px, &c->x, &c->y);
			else
				c->x = (c->i + 0.5) * d->cell_px, c->y = (c->j + 0.5) * d->cell_px;
			c->x += m->frame[0], c->y += m->frame[1];
			d->total += v;
			d->ncells++;
		}
	free(area.x);
	return 0;
}

/* Kernel density: g's sums smoothed (kde.c), per square kilometre; what is
 * under a thousandth of the highest left blank. */
static int smooth(hm_density *d, const hm_map *m, hm_ctx *ctx, dense *g, double bandwidth_km)
{
	double cell_m = d->cell_mm / 1000 * m->scale, h, top = 0;
	double *out = calloc((size_t)(g->ni * g->nj), sizeof(double));

	if (!out)
		return -1;
	h = bandwidth_km > 0 ? bandwidth_km * 1000 : hm_kde_bandwidth(g->sum, g->ni, g->nj, cell_m);
	h = fmax(h, 2 * cell_m); /* a rule's bandwidth under two cells: two cells */
	if (hm_kde(out, g->sum, g->ni, g->nj, cell_m, h, ctx) < 0) {
		free(out);
		return -1;
	}
	for (long c = 0; c < g->ni * g->nj; c++)
		top = fmax(top, out[c]);
	/* per 1, 10, 100 ... km^2: the highest density at least 10 */
	d->unit_km2 = top > 0 && top < 10 ? pow(10, ceil(log10(10 / top))) : 1;
	d->integral = 0;
	for (long c = 0; c < g->ni * g->nj; c++) {
		d->integral += out[c] * (cell_m / 1000) * (cell_m / 1000);
		out[c] = out[c] < top / 1000 ? 0 : out[c] * d->unit_km2;
	}
	d->bandwidth_km = h / 1000;
	free(g->sum);
	g->sum = out;
	return 0;
}

static void set_cell(hm_density *d, const hm_map *m, double cell_mm)
{
	d->cell_mm = cell_mm;
	d->cell_px = cell_mm / 25.4 * m->dpi;
	d->cell_km = m->scale > 0 ? cell_mm * m->scale / 1e6 : 0;
}

/* The kernel's cells: a tenth of the bandwidth, but no smaller than a
 * pixel nor larger than asked, so that the surface is smooth. Without a
 * bandwidth, the rule's, from the sites binned at the cells asked (g keeps
 * them when the cells stay as they are; *bandwidth_km is set). */
static int kde_cell(hm_density *d, const hm_map *m, hm_ctx *ctx, const hm_sites *sites, dense *g,
		    double *bandwidth_km)
{
	double px_mm = 25.4 / m->dpi, h_mm;

	if (*bandwidth_km <= 0) {
		if (bin(d, m, ctx, sites, g) < 0)
			return -1;
		*bandwidth_km =
			hm_kde_bandwidth(g->sum, g->ni, g->nj, d->cell_mm / 1000 * m->scale) / 1000;
		if (!(*bandwidth_km > 0))
			return 0; /* no sites: g as it is */
	}
	h_mm = *bandwidth_km * 1e6 / m->scale;
	if (h_mm / 10 < d->cell_mm && d->cell_mm > px_mm) {
		set_cell(d, m, fmax(px_mm, h_mm / 10));
		free(g->sum);
		g->sum = NULL;
		d->sites_in = 0;
	}
	return 0;
}

int hm_density_make(hm_map *m, hm_ctx *ctx, const hm_sites *sites, int mode, double cell_mm,
		    double max_value, double bandwidth_km, const char *palette, const char *caption)
{
	hm_density *d = calloc(1, sizeof(*d));
	dense g = {0};
	double lo = HUGE_VAL, hi = 0;

	if (!d)
		return -1;
	d->mode = mode;
	set_cell(d, m, cell_mm);
	if (mode == HM_MODE_KDE && kde_cell(d, m, ctx, sites, &g, &bandwidth_km) < 0) {
		free(g.sum);
		hm_density_free(d);
		return -1;
	}
	if ((!g.sum && bin(d, m, ctx, sites, &g) < 0) ||
	    (mode == HM_MODE_KDE && smooth(d, m, ctx, &g, bandwidth_km) < 0) ||
	    collect(d, m, &g) < 0) {
		free(g.sum);
		hm_density_free(d);
		return -1;
	}
	free(g.sum);
	snprintf(d->legend_caption, sizeof(d->legend_caption), "%s", caption);
	m->density = d;
	if (mode == HM_MODE_HOTSPOT)
		return hm_hotspot_classes(d);
	for (size_t k = 0; k < d->ncells; k++)
		lo = fmin(lo, d->cells[k].value), hi = fmax(hi, d->cells[k].value);
	if (mode == HM_MODE_KDE)
		lo = (max_value > 0 ? max_value : hi) / 1000;
	if (max_value > 0)
		hi = max_value,
		lo = m->counted && mode != HM_MODE_KDE ? 1 : fmin(lo, max_value / 1000);
	if (d->ncells)
		make_breaks(d, lo, hi, 5);
	for (size_t k = 0; k < d->ncells; k++)
		d->cells[k].cls = class_of(d, d->cells[k].value);
	colours(d, m, palette);
	return 0;
}

/* The text of class k: "1-4", "5-9", ... for counts, "< 2", "2-5", ...,
 * ">= 50" for sums. */
void hm_density_class_text(const hm_map *m, int k, char *buf, size_t cap)
{
	const hm_density *d = m->density;
	char a[64], b[64];

	if (d->mode == HM_MODE_HOTSPOT) {
		snprintf(buf, cap, "%s", d->texts[k]);
		return;
	}
	hm_format_value(a, sizeof(a), d->breaks[k]);
	if (m->counted && d->mode != HM_MODE_KDE) {
		double top = k + 1 < d->nclasses ? d->breaks[k + 1] - 1 : d->breaks[k + 1];
		hm_format_value(b, sizeof(b), top);
		if (top <= d->breaks[k])
			snprintf(buf, cap, "%s", a);
		else
			snprintf(buf, cap, "%s\u2013%s", a, b);
	} else if (k + 1 == d->nclasses) {
		snprintf(buf, cap, "\u2265 %s", a);
	} else {
		hm_format_value(b, sizeof(b), d->breaks[k + 1]);
		snprintf(buf, cap, k == 0 ? "< %s" : "%s\u2013%s", k == 0 ? b : a, b);
	}
}

void hm_density_legend_place(hm_map *m)
{
	hm_density *d = m->density;
	double pt = hm_pt(m, m->look.legend_pt), pad = hm_pt(m, 6), w, h, cw, ch, tw, th = 0;
	char text[96];

	d->legend_box[2] = 0;
	if (d->ncells == 0)
		return;
	hm_text_size(m->look.font, pt, 1, d->legend_caption, &cw, &ch);
	w = cw;
	for (int k = 0; k < d->nclasses; k++) {
		hm_density_class_text(m, k, text, sizeof(text));
		hm_text_size(m->look.font, pt, 0, text, &tw, &th);
		w = fmax(w, th * 1.6 + tw);
	}
	d->legend_row_h = th * 1.25;
	w += 2 * pad;
	h = ch + hm_pt(m, 4) + d->nclasses * d->legend_row_h + 1.6 * pad;
	if (hm_corner_best(m, w, h, d->legend_box) == 0)
		hm_furniture_add(m, d->legend_box);
	else
		d->legend_box[2] = 0;
}
