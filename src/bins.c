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

void hm_bins_free(hm_bins *b)
{
	free(b->start);
	free(b->idx);
	memset(b, 0, sizeof(*b));
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
