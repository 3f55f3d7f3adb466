/* Furniture layout: legend, scale bar and north arrow, each in a free
 * corner of the frame; the boxes that labels and insets must avoid. */
#ifndef HM_FURNITURE_H
#define HM_FURNITURE_H

#include "map_priv.h"

/* The legend's round values and radii, from the largest down to about vmin. */
void hm_legend_values(hm_map *m, double vmin);
/* The text beside legend entry i: its value, or "one site" when sites are
 * counted. */
void hm_legend_text(const hm_map *m, size_t i, char *buf, size_t cap);
/* The legend's box, sized to its content, in the best free corner. */
void hm_legend_place(hm_map *m);
/* A scale bar of a round length, true at the frame's centre; with the
 * style's "auto", only where the scale holds within HM_SCALEBAR_TOLERANCE
 * across the frame. */
void hm_scalebar_place(hm_map *m);
/* Largest over smallest metres per pixel across the frame (1: the same
 * everywhere; HUGE_VAL when part of the frame is off the globe). */
double hm_scale_variation(const hm_map *m);
/* The north arrow where the style asks for one. */
void hm_north_arrow_place(hm_map *m);
/* The frame corner for a w x h box that covers the fewest symbols and none
 * of the furniture already placed; ties go to bottom-left, bottom-right,
 * top-left, top-right in that order. Returns 0, or -1 if no corner is free.
 * hm_corner_pick with strict: no symbol at all may lie under the box. */
int hm_corner_best(const hm_map *m, double w, double h, double out[4]);
int hm_corner_pick(const hm_map *m, double w, double h, double out[4], int strict);

#endif
