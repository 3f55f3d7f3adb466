#include "bins.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CELLS 4000000.0

static long coord_cell(double v, double v0, double cell, long n)
{
	double c = floor((v - v0) / cell);

	return c < 0 ? 0 : c >= n ? n - 1 : (long)c;
}

size_t hm_bins_cell(const hm_bins *b, double x, double y)
{
	return (size_t)(coord_cell(y, b->y0, b->cell, b->ny) * b->nx +
			coord_cell(x, b->x0, b->cell, b->nx));
}

void hm_bins_range(const hm_bins *b, const double box[4], double reach, long *i0, long *j0,
		   long *i1, long *j1)
{
	*i0 = coord_cell(box[0] - reach, b->x0, b->cell, b->nx);
	*i1 = coord_cell(box[0] + box[2] + reach, b->x0, b->cell, b->nx);
	*j0 = coord_cell(box[1] - reach, b->y0, b->cell, b->ny);
	*j1 = coord_cell(box[1] + box[3] + reach, b->y0, b->cell, b->ny);
}

int hm_bins_visit(const hm_bins *b, const double box[4], double reach,
		  int (*fn)(size_t i, void *ud), void *ud)
{
	long i0, j0, i1, j1;
	int r;

	hm_bins_range(b, box, reach, &i0, &j0, &i1, &j1);
	for (long j = j0; j <= j1; j++)
		for (long i = i0; i <= i1; i++) {
			size_t c = (size_t)(j * b->nx + i);
			for (size_t q = b->start[c]; q < b->start[c + 1]; q++)
				if ((r = fn(b->idx[q], ud)) != 0)
					return r;
		}
	return 0;
}

void hm_bins_free(hm_bins *b)
{
	free(b->start);
	free(b->idx);
	memset(b, 0, sizeof(*b));
}

void hm_symbol_bins_free(hm_symbol_bins *s)
{
	hm_bins_free(&s->bins);
	free(s->site);
	free(s->xy);
	memset(s, 0, sizeof(*s));
}

int hm_symbol_bins_make(hm_symbol_bins *s, const hm_map_site *sites, size_t n,
			const double frame[4], double pad)
{
	size_t k = 0;

	memset(s, 0, sizeof(*s));
	s->site = malloc((n ? n : 1) * sizeof(size_t));
	s->xy = malloc((n ? n : 1) * 2 * sizeof(double));
	if (!s->site || !s->xy) {
		hm_symbol_bins_free(s);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if (sites[i].x == HUGE_VAL || sites[i].cluster_size == 0)
			continue;
		s->reach = fmax(s->reach, sites[i].r);
		s->site[k] = i;
		s->xy[2 * k] = sites[i].x, s->xy[2 * k + 1] = sites[i].y;
		k++;
	}
	if (hm_bins_make(&s->bins, s->xy, s->xy + 1, 2, k, frame,
			 fmax(2 * (s->reach + pad), fmax(frame[2], frame[3]) / 512)) < 0) {
		hm_symbol_bins_free(s);
		return -1;
	}
	return 0;
}

int hm_bins_make(hm_bins *b, const double *x, const double *y, size_t stride, size_t n,
		 const double box[4], double cell)
{
	size_t cells, *fill;

	memset(b, 0, sizeof(*b));
	b->x0 = box[0], b->y0 = box[1];
	b->cell = cell > 0 ? cell : 1;
	while ((floor(box[2] / b->cell) + 1) * (floor(box[3] / b->cell) + 1) > MAX_CELLS)
		b->cell *= 2;
	b->nx = (long)floor(box[2] / b->cell) + 1;
	b->ny = (long)floor(box[3] / b->cell) + 1;
	cells = (size_t)(b->nx * b->ny);
	b->start = calloc(cells + 1, sizeof(size_t));
	b->idx = malloc((n ? n : 1) * sizeof(size_t));
	fill = malloc(cells * sizeof(size_t));
	if (!b->start || !b->idx || !fill) {
		free(fill);
		hm_bins_free(b);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		if (x[i * stride] != HUGE_VAL)
			b->start[hm_bins_cell(b, x[i * stride], y[i * stride]) + 1]++;
	for (size_t c = 0; c < cells; c++)
		b->start[c + 1] += b->start[c];
	memcpy(fill, b->start, cells * sizeof(size_t));
	for (size_t i = 0; i < n; i++)
		if (x[i * stride] != HUGE_VAL)
			b->idx[fill[hm_bins_cell(b, x[i * stride], y[i * stride])]++] = i;
	free(fill);
	return 0;
}
