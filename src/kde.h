/* Kernel density on a grid of cells (kde.c). */
#ifndef HM_KDE_H
#define HM_KDE_H

#include "hotmap/common.h"

/* The kernel's cells are this big on the page (mm): fine enough that the
 * surface looks smooth, coarse enough to be quick. */
#define HM_KDE_CELL_MM 0.5

/* The default bandwidth (m) for the weights sum (ni x nj cells of cell_m
 * metres, row by row): ArcGIS's default search radius, 0.9 min(SD,
 * sqrt(1/ln 2) Dm) n^-0.2, SD the standard distance and Dm the weighted
 * median distance to the weighted mean centre, n the weights' sum. 0 when
 * there is no weight. */
double hm_kde_bandwidth(const double *sum, long ni, long nj, double cell_m);

/* out = the quartic-kernel density (per square kilometre) of the weights
 * sum at each cell's centre, bandwidth h_m metres, rows split over the
 * context's threads. -1 out of memory. */
int hm_kde(double *out, const double *sum, long ni, long nj, double cell_m, double h_m,
	   hm_ctx *ctx);

#endif
