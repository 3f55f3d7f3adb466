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
		hm_paint(d->cr);
		cairo_new_path(d->cr);
		hm_paint_trace_path(d->cr, &m->sphere);
		hm_clip(d->cr);
	}
	hm_paint_rgba(d->cr, m->look.sea);
	hm_paint(d->cr);
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
		hm_fill(d->cr);
	}
}

static double border_width(const hm_map *m)
{
	return hm_pt(m, m->look.border_pt * (m->role == ROLE_LOCATOR ? 0.6 : 1));
}

static void draw_borders(const hm_draw_ctx *d, const hm_map *m, const void *data)
{
	cairo_t *cr = d->cr;
	double w = border_width(m);

	(void)data;
	cairo_set_antialias(cr, GROUND_ANTIALIAS);
	cairo_set_line_width(cr, w);
	hm_paint_rgba(cr, m->look.border);
	cairo_new_path(cr);
	for (size_t i = 0; i < m->nfeatures; i++)
		hm_paint_trace_stroke(cr, &m->features[i].path, 2 * w + 2);
	hm_stroke(cr);
}

/* A country that crosses the frame: Cairo keeps the fill and the stroke
 * that follows it as one operation (PDF's B*) only when their clips are the
 * same, and it cuts the frame's clip to each one's extents, which differ by
 * half the line where the outline stays inside the frame on a side: the
 * outline was written twice, once filled and once stroked (a sixth of the
 * example PDF's content). A dot beyond two opposite corners of the clip,
 * out of sight, gives both the clip's whole extent. */
static void reach_past_clip(cairo_t *cr, double w)
{
	double x1, y1, x2, y2, c1, d1, c2, d2, far = w + 2;

	cairo_path_extents(cr, &x1, &y1, &x2, &y2);
	cairo_clip_extents(cr, &c1, &d1, &c2, &d2);
	if (x1 >= c1 && y1 >= d1 && x2 <= c2 && y2 <= d2)
		return; /* inside: no clip at all, the two are one */
	cairo_move_to(cr, c1 - far, d1 - far);
	cairo_line_to(cr, c1 - far, d1 - far);
	cairo_move_to(cr, c2 + far, d2 + far);
	cairo_line_to(cr, c2 + far, d2 + far);
}

/* Land and borders at once on a vector surface: each country's outline
 * written once, filled and stroked (PDF's B operator, one SVG path), not
 * once for the land and again for the borders. A country filled later
 * covers half of a shared border stroked before it, then strokes the same
 * border again: with opaque colours the picture is the one of all the land
 * under all the borders. Translucent colours would darken the borders drawn
 * twice: then the layers are drawn one after the other. */
static int draw_land_borders(const hm_draw_ctx *d, const hm_map *m, const void *data,
			     const void *next_data)
{
	cairo_t *cr = d->cr;
	double w = border_width(m);

	(void)data, (void)next_data;
	if (m->look.land.a < 1 || m->look.highlight.a < 1 || m->look.border.a < 1)
		return 0;
	cairo_set_antialias(cr, GROUND_ANTIALIAS);
	cairo_set_line_width(cr, w);
	for (size_t i = 0; i < m->nfeatures; i++) {
		const hm_map_feature *ft = &m->features[i];
		cairo_new_path(cr);
		/* chords beyond the margin are stroked out of sight */
		hm_paint_trace_fill(cr, &ft->path, 2 * w + 2);
		reach_past_clip(cr, w);
		if (ft->path.closed) {
			hm_paint_rgba(cr, ft->highlight ? m->look.highlight : m->look.land);
			hm_fill_preserve(cr);
		}
		hm_paint_rgba(cr, m->look.border);
		hm_stroke(cr);
	}
	return 1;
}

/* A whole-world map's edge, over what was clipped to it. */
static void draw_globe_edge(const hm_draw_ctx *d, const hm_map *m, const void *data)
{
	(void)data;
	cairo_new_path(d->cr);
	hm_paint_trace_path(d->cr, &m->sphere);
	hm_paint_rgba(d->cr, m->look.border);
	cairo_set_line_width(d->cr, hm_pt(m, m->look.border_pt));
	hm_stroke(d->cr);
}

const hm_layer_kind hm_layer_sea = {.name = "sea", .on_globe = 0, .draw = draw_sea};
const hm_layer_kind hm_layer_land = {.name = "land",
				     .on_globe = 1,
				     .draw = draw_land,
				     .pairs_with = &hm_layer_borders,
				     .draw_pair = draw_land_borders};
const hm_layer_kind hm_layer_borders = {.name = "borders", .on_globe = 1, .draw = draw_borders};
const hm_layer_kind hm_layer_globe_edge = {
	.name = "globe-edge", .on_globe = 0, .draw = draw_globe_edge};
