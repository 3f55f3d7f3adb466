/* Symbol sizes: the radius rule (hm_map_radius) and the crowding rule: proportional symbols that
 * bury each other (a week of earthquakes along the plate boundaries, thousands of airports) are
 * made smaller until other symbols hide at most a tenth of the symbols' area. A handful of
 * overlapping symbols is a cluster, not a crowd: it stays, for a detail inset to show. */
#include "crowding.h"

#include "bins.h"
#include "map_priv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SAMPLES 32
#define MAX_SAMPLED 4000
#define MAX_DEPTH 64 /* a point under more discs counts as under this many */

double hm_map_radius(const hm_map *m, double value)
{
	double e = m->look.scaling == HM_SCALING_FLANNERY ? 0.5716 : 0.5;

	if (!(m->vmax > 0) || !(value > 0))
		return 0;
	return m->rmax * pow(value / m->vmax, e);
}

/* Discs binned by centre in cells at least as wide as the largest
 * diameter: a disc that holds a point lies in the point's cell or a
 * neighbour. */
static int bins_of(hm_bins *b, const double *x, const double *y, const double *r, size_t n)
{
	double box[4] = {HUGE_VAL, HUGE_VAL, 0, 0}, x1 = -HUGE_VAL, y1 = -HUGE_VAL, rmax = 0;

	for (size_t i = 0; i < n; i++) {
		box[0] = fmin(box[0], x[i]), box[1] = fmin(box[1], y[i]);
		x1 = fmax(x1, x[i]), y1 = fmax(y1, y[i]);
		rmax = fmax(rmax, r[i]);
	}
	box[2] = x1 - box[0], box[3] = y1 - box[1];
	return hm_bins_make(b, x, y, 1, n, box, 2 * rmax);
}

/* Discs, a point (or disc s) and what was found near it. */
typedef struct {
	const double *x, *y, *r;
	double px, py;
	size_t s;
	int n;
} near_probe;

static int holds(size_t o, void *ud)
{
	near_probe *p = ud;
	double dx = p->px - p->x[o], dy = p->py - p->y[o];

	p->n += dx * dx + dy * dy < p->r[o] * p->r[o];
	return p->n >= MAX_DEPTH;
}

/* How many discs hold point (px, py). */
static int holding(const hm_bins *b, const double *x, const double *y, const double *r, double px,
		   double py)
{
	const double pt[4] = {px, py, 0, 0};
	near_probe p = {x, y, r, px, py, 0, 0};

	hm_bins_visit(b, pt, b->cell, holds, &p);
	return p.n;
}

static int overlaps(size_t o, void *ud)
{
	const near_probe *p = ud;
	size_t s = p->s;
	double dx = p->x[s] - p->x[o], dy = p->y[s] - p->y[o];

	return o != s && p->r[s] > 0 && p->r[o] > 0 &&
	       dx * dx + dy * dy < (p->r[s] + p->r[o]) * (p->r[s] + p->r[o]);
}

double hm_crowding_covered(const double *x, const double *y, const double *r, size_t n)
{
	static const double golden = 2.39996322972865332; /* radians */
	size_t step = n > MAX_SAMPLED ? n / MAX_SAMPLED : 1;
	double total = 0, under = 0;
	hm_bins b;

	if (n < 2 || bins_of(&b, x, y, r, n) < 0)
		return 0;
	for (size_t i = 0; i < n; i += step) {
		double hidden = 0;
		if (!(r[i] > 0))
			continue;
		/* Vogel's spiral: points spread evenly over the disc. A point
		 * under c discs shows one of them: 1 - 1/c of it is hidden. */
		for (int k = 0; k < SAMPLES; k++) {
			double d = r[i] * sqrt((k + 0.5) / SAMPLES), a = k * golden;
			int c = holding(&b, x, y, r, x[i] + d * cos(a), y[i] + d * sin(a));
			hidden += c > 1 ? 1 - 1.0 / c : 0;
		}
		total += r[i] * r[i];
		under += r[i] * r[i] * hidden / SAMPLES;
	}
	hm_bins_free(&b);
	return total > 0 ? under / total : 0;
}

/* How many discs overlap another, counted up to limit + 1. */
static size_t overlapping(const double *x, const double *y, const double *r, size_t n, size_t limit)
{
	size_t count = 0;
	hm_bins b;

	if (n < 2 || bins_of(&b, x, y, r, n) < 0)
		return 0;
	for (size_t s = 0; s < n && count <= limit; s++) {
		const double pt[4] = {x[s], y[s], 0, 0};
		near_probe p = {x, y, r, 0, 0, s, 0};
		count += (size_t)(hm_bins_visit(&b, pt, b.cell, overlaps, &p) != 0);
	}
	hm_bins_free(&b);
	return count;
}

/* The discs at radius scale rmax (px): r = rmax * w; the share hidden.
 * Their union is no larger than the frame (area): when the areas add up
 * to well over it, the share is known to be too high without sampling. */
static double covered_at(const double *x, const double *y, const double *w, double *r, size_t n,
			 double rmax, double area)
{
	double sum = 0;

	for (size_t i = 0; i < n; i++) {
		r[i] = rmax * w[i];
		sum += M_PI * r[i] * r[i];
	}
	if (sum > 0 && 1 - area / sum > HM_CROWD_COVERED)
		return 1 - area / sum;
	return hm_crowding_covered(x, y, r, n);
}

double hm_crowding_rmax(const double *x, const double *y, const double *w, size_t n, double hi,
			double lo, double area, double *covered)
{
	double *r = calloc(n ? n : 1, sizeof(double)), c;

	*covered = 0;
	if (!r)
		return hi;
	lo = fmin(lo, hi);
	c = covered_at(x, y, w, r, n, hi, area);
	if (c > HM_CROWD_COVERED && overlapping(x, y, r, n, HM_CROWD_FEW) > HM_CROWD_FEW) {
		if ((c = covered_at(x, y, w, r, n, lo, area)) > HM_CROWD_COVERED) {
			hi = lo; /* crowded even at the floor */
		} else {
			double ok = lo, okc = c;
			/* the largest radius that keeps the share: a few percent
			 * of the radius is as fine as the eye sees */
			while (hi - ok > 0.02 * hi) {
				double mid = (ok + hi) / 2,
				       mc = covered_at(x, y, w, r, n, mid, area);
				if (mc > HM_CROWD_COVERED)
					hi = mid;
				else
					ok = mid, okc = mc;
			}
			hi = ok, c = okc;
		}
	}
	*covered = c;
	free(r);
	return hi;
}
