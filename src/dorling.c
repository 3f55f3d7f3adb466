#include "dorling.h"

#include "bins.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Symbols closer than their radii and this gap (px) are pushed apart: two
 * rims must not touch. */
#define GAP_PX 1.0

typedef struct {
	size_t n;
	size_t *site;	  /* drawn symbol k is site site[k] */
	double *xy, *xy0; /* now, and true */
	double *r;
	double bound;
} dor;

static int in_frame(const hm_map *m, const hm_map_site *s)
{
	const double *f = m->frame;

	return s->x != HUGE_VAL && s->cluster_size > 0 && s->r > 0 && s->x >= f[0] &&
	       s->y >= f[1] && s->x <= f[0] + f[2] && s->y <= f[1] + f[3];
}

/* Move symbols a and b apart to a gap; the smaller moves the more. */
static int push(dor *d, size_t a, size_t b, size_t k)
{
	double *p = &d->xy[2 * a], *q = &d->xy[2 * b];
	double dx = q[0] - p[0], dy = q[1] - p[1], dist = hypot(dx, dy);
	double need = d->r[a] + d->r[b] + GAP_PX - dist, wa, wb;

	if (need <= 0)
		return 0;
	if (dist <= 1e-9) {
		/* on one spot: apart along a direction of their own */
		double ang = 2.39996322972865332 * (double)(k + 1);
		dx = cos(ang), dy = sin(ang), dist = 1;
	}
	dx /= dist, dy /= dist;
	wa = d->r[b] * d->r[b] / (d->r[a] * d->r[a] + d->r[b] * d->r[b]);
	wb = 1 - wa;
	p[0] -= dx * need * wa, p[1] -= dy * need * wa;
	q[0] += dx * need * wb, q[1] += dy * need * wb;
	return 1;
}

/* Symbol k back within the bound of its true position. */
static void hold(dor *d, size_t k)
{
	double *p = &d->xy[2 * k], *o = &d->xy0[2 * k];
	double dx = p[0] - o[0], dy = p[1] - o[1], dist = hypot(dx, dy);

	if (dist > d->bound) {
		p[0] = o[0] + dx * d->bound / dist;
		p[1] = o[1] + dy * d->bound / dist;
	}
}

/* Symbol a and the symbols round it: push (count: only count) the pairs
 * too close, each pair once (o after a). */
typedef struct {
	dor *d;
	size_t a;
	int count;
	long pairs;
} pair_probe;

static int pair(size_t o, void *ud)
{
	pair_probe *p = ud;
	dor *d = p->d;
	size_t a = p->a;

	if (o <= a)
		return 0;
	if (p->count) {
		double dx = d->xy[2 * o] - d->xy[2 * a], dy = d->xy[2 * o + 1] - d->xy[2 * a + 1];
		p->pairs += hypot(dx, dy) < d->r[a] + d->r[o];
	} else {
		p->pairs += push(d, a, o, a * 31 + o);
	}
	return 0;
}

/* One round of pushing, or (count) only counting the pairs that overlap;
 * returns how many pairs were too close (-1 out of memory). */
static long round_once(dor *d, const double frame[4], double rmax, int count)
{
	hm_bins b;
	pair_probe p = {d, 0, count, 0};

	if (hm_bins_make(&b, d->xy, d->xy + 1, 2, d->n, frame, 2 * rmax + GAP_PX) < 0)
		return -1;
	for (p.a = 0; p.a < d->n; p.a++) {
		const double pt[4] = {d->xy[2 * p.a], d->xy[2 * p.a + 1], 0, 0};
		hm_bins_visit(&b, pt, d->r[p.a] + rmax + GAP_PX, pair, &p);
	}
	hm_bins_free(&b);
	for (size_t k = 0; !count && k < d->n; k++)
		hold(d, k);
	return p.pairs;
}

int hm_dorling(hm_map *m)
{
	dor d = {0};
	double rmax = 0, sum = 0, most = 0;
	int rc = -1;
	long left;

	d.site = malloc((m->nsites ? m->nsites : 1) * sizeof(size_t));
	d.xy = malloc((m->nsites ? m->nsites : 1) * 5 * sizeof(double));
	m->true_xy = malloc((m->nsites ? m->nsites : 1) * 2 * sizeof(double));
	if (!d.site || !d.xy || !m->true_xy)
		goto out;
	d.xy0 = d.xy + 2 * m->nsites, d.r = d.xy0 + 2 * m->nsites;
	for (size_t i = 0; i < m->nsites; i++)
		m->true_xy[2 * i] = m->sites[i].x, m->true_xy[2 * i + 1] = m->sites[i].y;
	/* in draw order: the largest symbols first, ties in the CSV's */
	for (size_t o = 0; o < m->nsites; o++) {
		const hm_map_site *s = &m->sites[m->order[o]];
		if (!in_frame(m, s))
			continue;
		d.site[d.n] = m->order[o];
		d.xy[2 * d.n] = d.xy0[2 * d.n] = s->x;
		d.xy[2 * d.n + 1] = d.xy0[2 * d.n + 1] = s->y;
		d.r[d.n] = s->r;
		rmax = fmax(rmax, s->r);
		d.n++;
	}
	d.bound = fmax(2 * rmax, HM_DORLING_MIN_MM / 25.4 * m->dpi);
	for (int k = 0; k < HM_DORLING_ROUNDS; k++) {
		long pairs = round_once(&d, m->frame, rmax, 0);
		if (pairs < 0)
			goto out;
		if (pairs == 0)
			break;
	}
	left = round_once(&d, m->frame, rmax, 1);
	if (left < 0)
		goto out;
	for (size_t k = 0; k < d.n; k++) {
		hm_map_site *s = &m->sites[d.site[k]];
		double moved =
			hypot(d.xy[2 * k] - d.xy0[2 * k], d.xy[2 * k + 1] - d.xy0[2 * k + 1]);
		s->x = d.xy[2 * k], s->y = d.xy[2 * k + 1];
		most = fmax(most, moved);
		sum += moved;
		m->dorling_moved += moved > 0.5;
	}
	m->dorling = 1;
	m->dorling_bound = d.bound;
	m->dorling_max = most;
	m->dorling_mean = d.n ? sum / (double)d.n : 0;
	m->dorling_overlaps = (size_t)left;
	rc = 0;
out:
	free(d.site);
	free(d.xy);
	return rc;
}
