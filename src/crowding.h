/* The largest symbol radius for a crowded map. */
#ifndef HM_CROWDING_H
#define HM_CROWDING_H

#include <stddef.h>

/* Share of the symbols' total area that may lie under other symbols. */
#define HM_CROWD_COVERED 0.10
/* Symbols overlapping others up to this many are a cluster, left whole for a
 * detail inset (or --cluster): the rule is for crowds. */
#define HM_CROWD_FEW 5
/* Symbols shrink to no less than this radius (mm), however crowded. */
#define HM_CROWD_FLOOR_MM 0.5

/* The largest radius (px) for discs at (x, y) of radius rmax * w: hi (the
 * style's), or, where more than HM_CROWD_FEW discs overlap and more than
 * HM_CROWD_COVERED of their area is hidden by other discs, the largest radius
 * at which no more does, down to lo. area: the frame's (px^2). *covered: the share at the radius
 * returned. */
double hm_crowding_rmax(const double *x, const double *y, const double *w, size_t n, double hi,
			double lo, double area, double *covered);

/* The share of the total area of discs (x, y, r) that other discs hide: 1 -
 * (area of their union) / (sum of their areas), whatever the drawing order.
 * Each disc is sampled at 32 points (of a sample of at most 20,000 discs). */
double hm_crowding_covered(const double *x, const double *y, const double *r, size_t n);

#endif
