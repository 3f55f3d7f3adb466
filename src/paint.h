/* Drawing primitives shared by every drawing file: colours, paths traced
 * for the area being drawn (a PNG is drawn in bands), text. Drawing is in
 * PNG pixel units whatever the surface. */
#ifndef HM_PAINT_H
#define HM_PAINT_H

#include "map_priv.h"
#include "text.h"

#include <cairo.h>

/* Cairo's fill, stroke, paint and clip; on hotmap's own SVG (svg.h) the
 * elements that draw the same. Every drawing file paints through these. */
void hm_fill(cairo_t *cr);
void hm_fill_preserve(cairo_t *cr);
void hm_stroke(cairo_t *cr);
void hm_stroke_preserve(cairo_t *cr);
void hm_paint(cairo_t *cr);
void hm_clip(cairo_t *cr);
/* Draw t with its top-left at (x, y) in c. */
void hm_paint_show(cairo_t *cr, const hm_text *t, double x, double y, hm_color c);

/* Set c as the source colour of cr. */
void hm_paint_rgba(cairo_t *cr, hm_color c);
/* Add every ring of p to cr's path, closed if p is. */
void hm_paint_trace_path(cairo_t *cr, const hm_pxpath *p);
/* Add the stretches of p that can touch cr's clip, grown by margin, for a stroke. */
void hm_paint_trace_stroke(cairo_t *cr, const hm_pxpath *p, double margin);
/* Add p for a fill, what lies above or below cr's clip (by margin) cut short. */
void hm_paint_trace_fill(cairo_t *cr, const hm_pxpath *p, double margin);
/* 1 if the box (x, y, w, h), grown by margin, is wholly outside cr's clip. */
int hm_paint_box_out(cairo_t *cr, double x, double y, double w, double h, double margin);
/* Text in m's font at pt points, bold or not; hm_text_free. */
hm_text hm_paint_text_new(const hm_map *m, const char *text, double pt, int bold);
/* Draw text at top-left (x, y) cut to w (if > 0); returns its height. */
double hm_paint_text(cairo_t *cr, const hm_map *m, const char *text, double x, double y, double w,
		     double pt, int bold, hm_color c);
/* A legend's box b (x, y, w, h): the paper a little see-through, a thin
 * frame. */
void hm_paint_legend_box(cairo_t *cr, const hm_map *m, const double b[4]);
/* Draw t at top-left (x, y) in fg, with m's halo round it. */
void hm_paint_haloed(cairo_t *cr, const hm_map *m, const hm_text *t, double x, double y,
		     hm_color fg);

#endif
