/* Lines and areas over the ground: the graticule, the style's own layers
 * (rivers, lakes, ... under or over the borders) and, on a locator, the
 * outline of the main map. */
#include "layer.h"

#include "map_priv.h"
#include "paint.h"

#include <math.h>

static void draw_graticule(const hm_draw_ctx *d, const hm_map *m, const void *data)
{
	const hm_pxpath *g = data;
	double w = hm_pt(m, m->look.graticule_pt);

	cairo_set_antialias(d->cr, CAIRO_ANTIALIAS_FAST); /* as the ground's (layer_ground.c) */
	cairo_new_path(d->cr);
	cairo_set_line_width(d->cr, w);
	hm_paint_trace_stroke(d->cr, g, 2 * w + 2);
	hm_paint_rgba(d->cr, m->look.graticule_color);
	hm_stroke(d->cr);
}

/* A layer of the style: its features filled and stroked as it says. */
static void draw_style(cairo_t *cr, const hm_map *m, const hm_style_paths *l)
{
	double margin = hm_pt(m, l->style->width_pt) + 2;

	cairo_new_path(cr);
	for (size_t i = 0; i < l->n; i++)
		hm_paint_trace_fill(cr, &l->paths[i], margin);
	if (l->style->fill.a > 0) {
		hm_paint_rgba(cr, l->style->fill);
		hm_fill_preserve(cr);
	}
	if (l->style->stroke.a > 0 && l->style->width_pt > 0) {
		hm_paint_rgba(cr, l->style->stroke);
		cairo_set_line_width(cr, hm_pt(m, l->style->width_pt));
		hm_stroke_preserve(cr);
	}
	cairo_new_path(cr);
}

/* Under the borders: on the globe, with the ground's rasteriser. */
static void draw_style_under(const hm_draw_ctx *d, const hm_map *m, const void *data)
{
	cairo_set_antialias(d->cr, CAIRO_ANTIALIAS_FAST);
	draw_style(d->cr, m, data);
}

static void draw_style_over(const hm_draw_ctx *d, const hm_map *m, const void *data)
{
	draw_style(d->cr, m, data);
}

/* On a locator: where the main map lies. */
static void draw_locator_frame(const hm_draw_ctx *d, const hm_map *m, const void *data)
{
	cairo_new_path(d->cr);
	if (m->mark[2] > 0) {
		/* a speck at this scale: a dot, ringed */
		cairo_arc(d->cr, m->mark[0], m->mark[1], m->mark[2] * 0.35, 0, 2 * M_PI);
		hm_paint_rgba(d->cr, m->look.symbol_line);
		hm_fill(d->cr);
		cairo_arc(d->cr, m->mark[0], m->mark[1], m->mark[2], 0, 2 * M_PI);
	}
	hm_paint_trace_path(d->cr, data);
	hm_paint_rgba(d->cr, m->look.symbol_line);
	cairo_set_line_width(d->cr, hm_pt(m, 1.2));
	hm_stroke(d->cr);
}

const hm_layer_kind hm_layer_graticule = {
	.name = "graticule", .on_globe = 1, .draw = draw_graticule};
const hm_layer_kind hm_layer_style_under = {
	.name = "style", .on_globe = 1, .draw = draw_style_under};
const hm_layer_kind hm_layer_style_over = {.name = "style", .on_globe = 0, .draw = draw_style_over};
const hm_layer_kind hm_layer_locator_frame = {
	.name = "locator-frame", .on_globe = 0, .draw = draw_locator_frame};
