/* Points binned in square cells, for "what lies near this box" among many
 * symbols (labels, names, the crowding rule): a counting sort, two passes,
 * no list to grow. */
#ifndef HM_BINS_H
#define HM_BINS_H

#include "hotmap/map.h"

#include <stddef.h>

typedef struct {
	double x0, y0, cell;
	long nx, ny;
	size_t *start; /* per cell (row by row), into idx; nx * ny + 1 */
	size_t *idx;   /* the points' indices, cell by cell */
} hm_bins;

/* Bin n points (x[i * stride], y[i * stride]; stride in doubles), those
 * with x == HUGE_VAL left out, in cells at least cell wide over box
 * (x, y, w, h; points outside go to the nearest cell), at most 4 million
 * cells. -1 out of memory. */
int hm_bins_make(hm_bins *b, const double *x, const double *y, size_t stride, size_t n,
		 const double box[4], double cell);
void hm_bins_free(hm_bins *b);

/* The cells that box (x, y, w, h) grown by reach on every side meets. */
void hm_bins_range(const hm_bins *b, const double box[4], double reach, long *i0, long *j0,
		   long *i1, long *j1);

/* Call fn(i, ud) on each point i binned in the cells that box (x, y, w, h)
 * grown by reach meets, row by row, each cell's points in their order;
 * stops at and returns fn's first nonzero answer, else 0. */
int hm_bins_visit(const hm_bins *b, const double box[4], double reach,
		  int (*fn)(size_t i, void *ud), void *ud);

/* The cell of point (x, y). */
size_t hm_bins_cell(const hm_bins *b, double x, double y);

/* The symbols drawn of a map (sites projected, not members of a cluster
 * drawn as another's symbol), binned by centre in cells about two radii
 * (the largest, plus pad) wide: site[k] is bin entry k's site. */
typedef struct {
	hm_bins bins;
	size_t *site;
	double *xy;
	double reach; /* the largest radius */
} hm_symbol_bins;

int hm_symbol_bins_make(hm_symbol_bins *s, const hm_map_site *sites, size_t n,
			const double frame[4], double pad);
void hm_symbol_bins_free(hm_symbol_bins *s);

#endif
