/* Points projected by interpolation on a checked lattice (lattice.h). */
#include "lattice.h"

#include "frame.h"

#include <math.h>
#include <stdlib.h>

struct hm_lattice {
	double w, s, hx, hy; /* the extent's south-west corner, the cell's size (degrees) */
	int n;		     /* cells across and down */
	double *px;	     /* (n + 3)^2 nodes, x then y, from node (-1, -1) */
	double err;	     /* the largest error measured */
};

/* Node (i, j), -1 <= i, j <= n + 1, as x and y. */
static const double *node(const hm_lattice *L, int i, int j)
{
	return L->px + 2 * ((size_t)(j + 1) * (size_t)(L->n + 3) + (size_t)(i + 1));
}

/* Catmull-Rom weights at t in [0, 1] for nodes -1, 0, 1, 2. */
static void weights(double t, double w[4])
{
	double t2 = t * t, t3 = t2 * t;

	w[0] = (-t3 + 2 * t2 - t) / 2;
	w[1] = (3 * t3 - 5 * t2 + 2) / 2;
	w[2] = (-3 * t3 + 4 * t2 + t) / 2;
	w[3] = (t3 - t2) / 2;
}

/* 1 and the point's pixels if (lon, lat) lies in the lattice, else 0. */
static int interp(const hm_lattice *L, double lon, double lat, double *x, double *y)
{
	double u = (lon - L->w) / L->hx, v = (lat - L->s) / L->hy, wu[4], wv[4], sx = 0, sy = 0;
	int i, j;

	if (!(u >= 0 && u <= L->n && v >= 0 && v <= L->n))
		return 0;
	i = (int)u, j = (int)v;
	i = i >= L->n ? L->n - 1 : i;
	j = j >= L->n ? L->n - 1 : j;
	weights(u - i, wu);
	weights(v - j, wv);
	for (int b = 0; b < 4; b++) {
		const double *row = node(L, i - 1, j - 1 + b);
		double rx = 0, ry = 0;
		for (int a = 0; a < 4; a++)
			rx += wu[a] * row[2 * a], ry += wu[a] * row[2 * a + 1];
		sx += wv[b] * rx, sy += wv[b] * ry;
	}
	*x = sx, *y = sy;
	return 1;
}

/* The nodes of an n x n lattice, projected; -1 when one does not project. */
static int make_nodes(hm_lattice *L, const hm_map *m)
{
	size_t k = 0, count = (size_t)(L->n + 3) * (size_t)(L->n + 3);
	double *x = L->px, *y = malloc(count * sizeof(double));

	if (!y)
		return -1;
	for (int j = -1; j <= L->n + 1; j++)
		for (int i = -1; i <= L->n + 1; i++, k++)
			x[k] = L->w + i * L->hx, y[k] = L->s + j * L->hy;
	hm_proj_fwd(m->proj, x, y, count);
	hm_frame_to_px(m, x, y, count);
	/* x and y side by side, as interp() reads them */
	for (size_t q = count; q-- > 0;) {
		double xq = x[q], yq = y[q];
		if (xq == HUGE_VAL) {
			free(y);
			return -1;
		}
		L->px[2 * q] = xq, L->px[2 * q + 1] = yq;
	}
	free(y);
	return 0;
}

/* The largest distance between interpolation and PROJ at the centre and
 * the south and west edge midpoints of every cell (and the east and north
 * edges' of the last ones); HUGE_VAL when a point does not project. */
static double measure(const hm_lattice *L, const hm_map *m)
{
	size_t cap = 3 * (size_t)(L->n + 1) * (size_t)(L->n + 1), k = 0;
	double *lon = malloc(cap * sizeof(double)), *lat = malloc(cap * sizeof(double));
	double *x = malloc(cap * sizeof(double)), *y = malloc(cap * sizeof(double)), worst = 0;

	if (!lon || !lat || !x || !y) {
		worst = HUGE_VAL;
		goto out;
	}
	for (int j = 0; j <= L->n; j++)
		for (int i = 0; i <= L->n; i++) {
			static const double at[3][2] = {{0.5, 0.5}, {0.5, 0}, {0, 0.5}};
			for (int c = 0; c < 3; c++) {
				double u = i + at[c][0], v = j + at[c][1];
				if (u > L->n || v > L->n)
					continue;
				lon[k] = L->w + u * L->hx, lat[k] = L->s + v * L->hy;
				x[k] = lon[k], y[k] = lat[k];
				k++;
			}
		}
	hm_proj_fwd(m->proj, x, y, k);
	hm_frame_to_px(m, x, y, k);
	for (size_t q = 0; q < k && worst < HUGE_VAL; q++) {
		double ix, iy;
		if (x[q] == HUGE_VAL || !interp(L, lon[q], lat[q], &ix, &iy))
			worst = HUGE_VAL;
		else
			worst = fmax(worst, hypot(ix - x[q], iy - y[q]));
	}
out:
	free(lon);
	free(lat);
	free(x);
	free(y);
	return worst;
}

hm_lattice *hm_lattice_new(const hm_map *m)
{
	const hm_bbox *b = &m->extent;
	hm_lattice *L;

	if (!(b->e > b->w) || !(b->n > b->s) || b->e - b->w >= 360)
		return NULL;
	L = calloc(1, sizeof(*L));
	if (!L)
		return NULL;
	/* the error falls 16-fold as the cells halve (fourth order) */
	for (int n = 32; n <= 256; n *= 2) {
		double *px = realloc(L->px, 2 * (size_t)(n + 3) * (size_t)(n + 3) * sizeof(double));
		if (!px)
			break;
		L->px = px;
		L->n = n;
		L->w = b->w, L->s = b->s;
		L->hx = (b->e - b->w) / n, L->hy = (b->n - b->s) / n;
		/* the nodes one cell beyond the extent must exist on the globe */
		if (b->s - L->hy < -90 || b->n + L->hy > 90 || make_nodes(L, m) < 0)
			break;
		L->err = measure(L, m);
		if (L->err <= HM_LATTICE_MAX_PX)
			return L;
	}
	hm_lattice_free(L);
	return NULL;
}

void hm_lattice_fwd(const hm_lattice *L, const hm_proj *proj, const hm_map *m, double *x, double *y,
		    size_t n)
{
	size_t k = 0, *out = NULL;
	double *ox = NULL, *oy = NULL;

	for (size_t i = 0; i < n; i++) {
		double px, py;
		if (interp(L, x[i], y[i], &px, &py)) {
			x[i] = px, y[i] = py;
			continue;
		}
		/* outside the lattice: projected exactly, below */
		if (!out) {
			out = malloc(n * sizeof(size_t));
			ox = malloc(n * sizeof(double));
			oy = malloc(n * sizeof(double));
			if (!out || !ox || !oy) {
				free(out), free(ox), free(oy);
				hm_proj_fwd(proj, x + i, y + i, n - i);
				hm_frame_to_px(m, x + i, y + i, n - i);
				return;
			}
		}
		out[k] = i, ox[k] = x[i], oy[k] = y[i];
		k++;
	}
	if (k) {
		hm_proj_fwd(proj, ox, oy, k);
		hm_frame_to_px(m, ox, oy, k);
		for (size_t q = 0; q < k; q++)
			x[out[q]] = ox[q], y[out[q]] = oy[q];
	}
	free(out);
	free(ox);
	free(oy);
}

double hm_lattice_error(const hm_lattice *L)
{
	return L->err;
}

int hm_lattice_cells(const hm_lattice *L)
{
	return L->n;
}

void hm_lattice_free(hm_lattice *L)
{
	if (!L)
		return;
	free(L->px);
	free(L);
}
