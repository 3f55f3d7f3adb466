/* The whole map, drawn on any Cairo surface: the map's layers in its frame
 * (layer.h), the furniture, then its insets, then the lines outside the frame. Drawing is in PNG
 * pixel units; a PNG draws it once per band. */
#include "draw.h"

#include "density.h"
#include "furniture_draw.h"
#include "numfmt.h"
#include "paint.h"
#include "svg.h"

#include <math.h>

/* Clip to the frame; on hotmap's SVG, the group "map" (a layer) holds what
 * is clipped. */
static void clip_to_frame(cairo_t *cr, const double *f)
{
	if (cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_IMAGE) {
		/* on whole pixels: Cairo clips to a region then, where a clip
		 * with fractional edges makes every later paint go through a
		 * mask (100,000 symbols: 0.9 s of compositing) */
		double x0 = floor(f[0] + 0.5), y0 = floor(f[1] + 0.5);
		cairo_rectangle(cr, x0, y0, floor(f[0] + f[2] + 0.5) - x0,
				floor(f[1] + f[3] + 0.5) - y0);
	} else {
		cairo_rectangle(cr, f[0], f[1], f[2], f[3]);
	}
	hm_svg_group_clipped(cr, "map", 1);
	cairo_clip(cr);
}

/* Cairo's state for layer l: even-odd fills and round joins and caps unless
 * it sets otherwise, and clipped to the edge of the world if it lies on the
 * globe. */
static void layer_state(cairo_t *cr, const hm_map *m, const hm_map_layer *l)
{
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	if (l->kind->on_globe && m->sphere.nrings) {
		cairo_new_path(cr);
		hm_paint_trace_path(cr, &m->sphere);
		hm_clip(cr);
	}
}

/* The map's layers in order (layers.c), each with Cairo's state of its
 * own; on a vector surface, a layer and the next drawn at once where their
 * kinds pair (layer.h). */
static void draw_layers(cairo_t *cr, const hm_map *m, const hm_stamps *stamps)
{
	hm_draw_ctx d = {cr, stamps,
			 cairo_surface_get_type(cairo_get_target(cr)) != CAIRO_SURFACE_TYPE_IMAGE};
	/* an SVG keeps every layer a group of its own: no pairs */
	int pairs = d.vector && !hm_svg_of(cr);

	for (size_t i = 0; i < m->nlayers; i++) {
		const hm_map_layer *l = &m->layers[i];
		const hm_map_layer *next = i + 1 < m->nlayers ? &m->layers[i + 1] : NULL;
		int paired = 0, depth = hm_svg_depth(cr);

		cairo_save(cr);
		hm_svg_group(cr, l->name, 1);
		layer_state(cr, m, l);
		if (pairs && next && l->kind->draw_pair && next->kind == l->kind->pairs_with &&
		    next->kind->on_globe == l->kind->on_globe)
			paired = l->kind->draw_pair(&d, m, l->data, next->data);
		if (!paired)
			l->kind->draw(&d, m, l->data);
		hm_svg_close_to(cr, depth);
		cairo_restore(cr);
		i += paired != 0;
	}
}

/* A piece of furniture, a group of its own in an SVG. */
static void furniture(cairo_t *cr, const hm_map *m, const char *id,
		      void (*draw)(cairo_t *cr, const hm_map *m))
{
	int depth = hm_svg_depth(cr);

	hm_svg_group(cr, id, 1);
	draw(cr, m);
	hm_svg_close_to(cr, depth);
}

/* The map inside its frame: its layers, then the furniture over them,
 * clipped to the frame; then the frame line. */
static void draw_body(cairo_t *cr, const hm_map *m, const hm_stamps *stamps)
{
	const hm_style *k = &m->look;
	const double *f = m->frame;
	int depth = hm_svg_depth(cr);

	cairo_save(cr);
	clip_to_frame(cr, f);
	draw_layers(cr, m, stamps);
	/* the furniture as the layers left Cairo before they had a state of
	 * their own: round joins and caps */
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	furniture(cr, m, "north-arrow", hm_furniture_north_arrow);
	furniture(cr, m, "legend", hm_furniture_legend);
	furniture(cr, m, "density-legend", hm_density_legend_draw);
	furniture(cr, m, "scale-bar", hm_furniture_scalebar);
	hm_svg_close_to(cr, depth);
	cairo_restore(cr);

	hm_svg_group(cr, "frame", 1);
	cairo_new_path(cr);
	cairo_rectangle(cr, f[0], f[1], f[2], f[3]);
	hm_paint_rgba(cr, k->frame);
	cairo_set_line_width(cr, hm_pt(m, k->frame_pt));
	hm_stroke(cr);
	hm_svg_close_to(cr, depth);
}

/* An inset: its frame on the main map, then its own map in the panel. */
static void draw_inset(cairo_t *cr, const hm_map *m, size_t i, const hm_stamps *stamps)
{
	char id[32];
	int depth = hm_svg_depth(cr);

	hm_snprintf_c(id, sizeof(id), "inset%zu", i + 1);
	hm_svg_group(cr, id, 1);
	hm_furniture_inset_frame(cr, m, i);
	/* the inset's own groups: "inset1-map", "inset1-land", ... */
	hm_snprintf_c(id, sizeof(id), "inset%zu-", i + 1);
	hm_svg_set_prefix(cr, id);
	draw_body(cr, m->insets[i], stamps);
	hm_svg_set_prefix(cr, "");
	hm_svg_close_to(cr, depth);
}

void hm_draw_map(cairo_t *cr, const hm_map *m, const hm_stamps *stamps)
{
	/* paper round the frame only: the sea covers the rest (a pass over
	 * 4 million pixels saved), 2 px under the frame's antialiased edge */
	hm_paint_rgba(cr, m->look.paper);
	cairo_rectangle(cr, 0, 0, m->width, m->height);
	cairo_rectangle(cr, m->frame[0] + 2, m->frame[1] + 2, m->frame[2] - 4, m->frame[3] - 4);
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
	hm_fill(cr);
	draw_body(cr, m, stamps);
	if (m->ninsets) {
		int depth = hm_svg_depth(cr);
		hm_svg_group(cr, "insets", 1);
		for (size_t i = 0; i < m->ninsets; i++)
			draw_inset(cr, m, i, stamps);
		hm_svg_close_to(cr, depth);
	}
	hm_furniture_titles(cr, m);
}
