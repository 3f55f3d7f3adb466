/* The frame stage: page layout of the frame, title and source boxes, the
 * transform from projected coordinates to pixels, and box geometry in
 * pixels shared by the layout stages. */
#ifndef HM_FRAME_H
#define HM_FRAME_H

#include "map_priv.h"

/* Points per edge when a box is densified for projecting. */
#define HM_EDGE_STEPS 64

/* Frame, title and source boxes for a map of o's size, or the given panel
 * (an inset); -1 when the page leaves no room for a map. */
int hm_frame_layout(hm_map *m, const hm_map_opts *o, const double *panel);
/* The box (x0, y0, x1, y1) of lon/lat box e as p projects its densified
 * edge; -1 when nothing of it projects. */
int hm_frame_projected_box(const hm_proj *p, const hm_bbox *e, double b[4]);
/* Aspect bounds of --size auto's frame: 3:4 (portrait) to 16:9. */
#define HM_AUTO_ASPECT_MIN 0.75
#define HM_AUTO_ASPECT_MAX (16.0 / 9.0)
/* Size auto: the page of o->width x o->height's area whose frame has the
 * aspect of m->extent as m->proj projects it (within the bounds above);
 * lays the page out again. -1 when the page leaves no room for a map. */
int hm_frame_size_auto(hm_map *m, const hm_map_opts *o);
/* The transform (m->t) and scale that fit m->extent, as m->proj projects
 * it, into the frame; HM_EDATA when the extent cannot be projected. */
int hm_frame_fit(hm_map *m, hm_ctx *ctx);
/* m->clip: the lon/lat box that covers the whole frame. */
void hm_frame_clip_box(hm_map *m);
/* Projected (E, N) to pixels, in place; HUGE_VAL stays. */
void hm_frame_to_px(const hm_map *m, double *x, double *y, size_t n);
/* Points along the edges of a lon/lat box, counter-clockwise, into x and y
 * (room for 4 * HM_EDGE_STEPS); returns their number. */
size_t hm_frame_box_edge(const hm_bbox *b, double *x, double *y);
/* The lon/lat box of the pixel box b (x, y, w, h); -1 if it leaves the
 * projection's domain. */
int hm_frame_px_box(const hm_map *m, const double b[4], hm_bbox *out);
/* Add a box (x, y, w, h) that labels and later furniture must avoid. */
void hm_furniture_add(hm_map *m, const double b[4]);
/* 1 if box b lies inside box f less margin on every side. */
int hm_box_inside(const double b[4], const double f[4], double margin);
/* How far box b cuts into circle (cx, cy, r), 0..1. */
double hm_circle_depth(const double b[4], double cx, double cy, double r);
/* 1 if two boxes (x, y, w, h) overlap. */
int hm_box_overlap(const double a[4], const double b[4]);

#endif
