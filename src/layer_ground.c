/* The ground of a map: sea, land, country borders and, on a whole-world
 * map, the edge of the world. */
#include "layer.h"

#include "map_priv.h"
#include "paint.h"

/* Land and borders: Cairo's 4x4-sample rasteriser. Its 16 levels of grey on
 * lines 2 px wide cannot be told from the default's 256 at 300 dpi (looked
 * at 3x), and it strokes the 10m borders of the example in 19 ms instead of
 * 34. */
#define GROUND_ANTIALIAS CAIRO_ANTIALIAS_FAST

/* Sea inside the edge of the world (the whole frame when the world's edge
 * is not in it), paper beyond it. */
static void draw_sea(const hm_draw_ctx *d, const hm_map *m, const void *data)
{
	(void)data;
	if (m->sphere.nrings) {
		hm_paint_rgba(d->cr, m->look.paper);
		cairo_paint(d->cr);
		cairo_new_path(d->cr);
		hm_paint_trace_path(d->cr, &m->sphere);
		cairo_clip(d->cr);
	}
	hm_paint_rgba(d->cr, m->look.sea);
	cairo_paint(d->cr);
}

/* Every country filled, those with sites in the highlight colour. */
static void draw_land(const hm_draw_ctx *d, const hm_map *m, const void *data)
{
	(void)data;
	cairo_set_antialias(d->cr, GROUND_ANTIALIAS);
	for (size_t i = 0; i < m->nfeatures; i++) {
		const hm_map_feature *ft = &m->features[i];
		if (!ft->path.closed)
			continue;
		cairo_new_path(d->cr);
		hm_paint_trace_fill(d->cr, &ft->path, 2);
		hm_paint_rgba(d->cr, ft->highlight ? m->look.highlight : m->look.land);
		cairo_fill(d->cr);
	}
}

static void draw_borders(const hm_draw_ctx *d, const hm_map *m, const void *data)
{
	cairo_t *cr = d->cr;
	double w = hm_pt(m, m->look.border_pt * (m->role == ROLE_LOCATOR ? 0.6 : 1));

	(void)data;
	cairo_set_antialias(cr, GROUND_ANTIALIAS);
	cairo_set_line_width(cr, w);
	hm_paint_rgba(cr, m->look.border);
	cairo_new_path(cr);
	for (size_t i = 0; i < m->nfeatures; i++)
		hm_paint_trace_stroke(cr, &m->features[i].path, 2 * w + 2);
	cairo_stroke(cr);
}

/* A whole-world map's edge, over what was clipped to it. */
static void draw_globe_edge(const hm_draw_ctx *d, const hm_map *m, const void *data)
{
	(void)data;
	cairo_new_path(d->cr);
	hm_paint_trace_path(d->cr, &m->sphere);
	hm_paint_rgba(d->cr, m->look.border);
	cairo_set_line_width(d->cr, hm_pt(m, m->look.border_pt));
	cairo_stroke(d->cr);
}

const hm_layer_kind hm_layer_sea = {"sea", 0, draw_sea, NULL};
const hm_layer_kind hm_layer_land = {"land", 1, draw_land, NULL};
const hm_layer_kind hm_layer_borders = {"borders", 1, draw_borders, NULL};
const hm_layer_kind hm_layer_globe_edge = {"globe-edge", 0, draw_globe_edge, NULL};
