/* Drawing a laid-out map on any Cairo context (private): the one function
 * that the PNG bands, the vector surfaces and the tests all call. */
#ifndef HM_DRAW_H
#define HM_DRAW_H

#include "hotmap/map.h"

#include <cairo.h>

/* Draw the whole of @p m (paper, body, insets, title and source line) on
 * @p cr in map pixels from (0, 0); what lies outside cr's clip may be
 * skipped. The caller owns cr and its surface. */
void hm_draw_map(cairo_t *cr, const hm_map *m);

#endif
