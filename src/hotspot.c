/* Hot spots: where values cluster more than chance would give (Getis and
 * Ord 1992, Ord and Getis 1995: the Gi* statistic, as ArcGIS's Hot Spot
 * Analysis computes it), on the hexagons of a density surface. */
#include "density.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ColorBrewer's RdBu, 7 classes (Brewer, colour-blind safe): cold 99% ...
 * hot 99%, the middle a neutral grey-white. */
static const unsigned rdbu[7] = {0x2166ac, 0x67a9cf, 0xd1e5f0, 0xf7f7f7,
				 0xfddbc7, 0xef8a62, 0xb2182b};
static const char *const names[7] = {"Cold spot, 99% confidence", "Cold spot, 95% confidence",
				     "Cold spot, 90% confidence", "Not significant",
				     "Hot spot, 90% confidence",  "Hot spot, 95% confidence",
				     "Hot spot, 99% confidence"};

/* A cell's index by its axial coordinates: cells sorted by (j, i). */
static int by_ji(const void *a, const void *b)
{
	const hm_density_cell *x = a, *y = b;

	if (x->j != y->j)
		return x->j < y->j ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

static const hm_density_cell *find(const hm_density *d, long i, long j)
{
	hm_density_cell key;

	key.i = i, key.j = j;
	return bsearch(&key, d->cells, d->ncells, sizeof(*d->cells), by_ji);
}

static int by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Benjamini-Hochberg: the largest p(k) with p(k) <= k / n * alpha (0 when
 * none): every p at or under it is significant. sorted: the p-values in
 * ascending order. */
static double fdr_cut(const double *sorted, size_t n, double alpha)
{
	double cut = 0;

	for (size_t k = 0; k < n; k++)
		if (sorted[k] <= (double)(k + 1) / (double)n * alpha)
			cut = sorted[k];
	return cut;
}

int hm_hotspot_classes(hm_density *d)
{
	static const long di[6] = {1, -1, 0, 0, 1, -1}, dj[6] = {0, 0, 1, -1, -1, 1};
	static const double alpha[3] = {0.10, 0.05, 0.01};
	size_t n = d->ncells;
	double sx = 0, sxx = 0, mean, s, *ps;

	/* the cells come sorted by (j, i) from density.c's row-major walk */
	qsort(d->cells, n, sizeof(*d->cells), by_ji);
	for (size_t k = 0; k < n; k++)
		sx += d->cells[k].value, sxx += d->cells[k].value * d->cells[k].value;
	mean = n ? sx / (double)n : 0;
	s = n ? sqrt(fmax(sxx / (double)n - mean * mean, 0)) : 0;
	for (size_t k = 0; k < n; k++) {
		hm_density_cell *c = &d->cells[k];
		double wx = c->value, w = 1, num, den;
		for (int e = 0; e < 6; e++) {
			const hm_density_cell *o = find(d, c->i + di[e], c->j + dj[e]);
			if (o)
				wx += o->value, w += 1;
		}
		c->neighbours = (int)w;
		/* binary weights: sum of w_ij^2 = sum of w_ij */
		num = wx - mean * w;
		den = n > 1 ? s * sqrt(((double)n * w - w * w) / ((double)n - 1)) : 0;
		c->z = den > 0 ? num / den : 0;
		c->p = erfc(fabs(c->z) / sqrt(2));
	}
	ps = malloc((n ? n : 1) * sizeof(double));
	if (!ps)
		return -1;
	for (size_t k = 0; k < n; k++)
		ps[k] = d->cells[k].p;
	qsort(ps, n, sizeof(double), by_double);
	for (int a = 0; a < 3; a++)
		d->p_cut[a] = fdr_cut(ps, n, alpha[a]);
	free(ps);
	for (size_t k = 0; k < n; k++) {
		hm_density_cell *c = &d->cells[k];
		int level = 0;
		for (int a = 0; a < 3; a++)
			if (d->p_cut[a] > 0 && c->p <= d->p_cut[a])
				level = a + 1;
		c->cls = 3 + (c->z > 0 ? level : -level);
	}
	d->nclasses = 7;
	for (int k = 0; k < 7; k++) {
		for (int ch = 0; ch < 3; ch++)
			d->colors[k][ch] = ((rdbu[k] >> (16 - 8 * ch)) & 0xff) / 255.0;
		strcpy(d->texts[k], names[k]);
	}
	strcpy(d->palette, "rdbu");
	return 0;
}
