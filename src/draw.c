/* The whole map, drawn on any Cairo surface: the map in its frame, then its
 * insets, then the lines outside the frame. Drawing is in PNG pixel units;
 * a PNG draws it once per band. */
#include "draw.h"

#include "furniture_draw.h"
#include "paint.h"

#include <math.h>

static void draw_country_labels(cairo_t *cr, const hm_map *m)
{
	for (size_t i = 0; i < m->ncountry_labels; i++) {
		const hm_map_country_label *c = &m->country_labels[i];
		hm_text t;
		if (hm_paint_box_out(cr, c->box[0], c->box[1], c->box[2], c->box[3],
				     m->halo_px + 2))
			continue;
		t = hm_paint_text_new(m, c->name, m->look.country_label_pt, 0);
		hm_text_set_spacing(&t, m->look.country_letter_spacing);
		hm_paint_haloed(cr, m, &t, c->box[0], c->box[1], m->look.country_text);
		hm_text_free(&t);
	}
}

/* 1 if neither s's label nor its symbol can reach the area being drawn. */
static int site_label_out(cairo_t *cr, const hm_map *m, const hm_map_site *s)
{
	const double *b = s->label_box;
	double x0 = fmin(b[0], s->x - s->r), y0 = fmin(b[1], s->y - s->r);
	double x1 = fmax(b[0] + b[2], s->x + s->r), y1 = fmax(b[1] + b[3], s->y + s->r);

	return hm_paint_box_out(cr, x0, y0, x1 - x0, y1 - y0, m->halo_px + 2);
}

/* A leader from the circle's edge to the nearest point of the label. */
static void site_leader(cairo_t *cr, const hm_map *m, const hm_map_site *s)
{
	const double *b = s->label_box;
	double tx = fmax(b[0], fmin(s->x, b[0] + b[2]));
	double ty = fmax(b[1], fmin(s->y, b[1] + b[3]));
	double dx = tx - s->x, dy = ty - s->y, d = hypot(dx, dy);

	if (d > s->r) {
		cairo_move_to(cr, s->x + dx / d * s->r, s->y + dy / d * s->r);
		cairo_line_to(cr, tx, ty);
		hm_paint_rgba(cr, m->look.text_muted);
		cairo_set_line_width(cr, hm_pt(m, 0.5));
		cairo_stroke(cr);
	}
}

static void draw_site_labels(cairo_t *cr, const hm_map *m)
{
	for (size_t i = 0; i < m->nsites; i++) {
		const hm_map_site *s = &m->sites[i];
		hm_text t;
		if (!s->labelled || site_label_out(cr, m, s))
			continue;
		if (s->leader)
			site_leader(cr, m, s);
		t = hm_text_new(m->look.font, m->label_px, 0, s->label);
		hm_paint_haloed(cr, m, &t, s->label_box[0], s->label_box[1], m->look.text);
		hm_text_free(&t);
	}
}

static void draw_grat_labels(cairo_t *cr, const hm_map *m)
{
	const hm_style *k = &m->look;

	for (size_t i = 0; i < m->ngrat_labels; i++) {
		hm_text t;
		/* a short number and a degree sign: within 8 font sizes */
		if (hm_paint_box_out(cr, m->grat_labels[i].x, m->grat_labels[i].y, 0, 0,
				     hm_pt(m, k->legend_pt * 8)))
			continue;
		t = hm_paint_text_new(m, m->grat_labels[i].text, k->legend_pt * 0.85, 0);
		hm_paint_haloed(cr, m, &t, m->grat_labels[i].x, m->grat_labels[i].y, k->text_muted);
		hm_text_free(&t);
	}
}

/* The style's extra layers, below or above the country borders. */
static void draw_layers(cairo_t *cr, const hm_map *m, int above)
{
	for (size_t k = 0; k < m->nextra; k++) {
		const hm_map_layer *l = &m->extra[k];
		double margin = hm_pt(m, l->style->width_pt) + 2;
		if (l->style->above_borders != above)
			continue;
		cairo_new_path(cr);
		for (size_t i = 0; i < l->n; i++)
			hm_paint_trace_fill(cr, &l->paths[i], margin);
		if (l->style->fill.a > 0) {
			hm_paint_rgba(cr, l->style->fill);
			cairo_fill_preserve(cr);
		}
		if (l->style->stroke.a > 0 && l->style->width_pt > 0) {
			hm_paint_rgba(cr, l->style->stroke);
			cairo_set_line_width(cr, hm_pt(m, l->style->width_pt));
			cairo_stroke_preserve(cr);
		}
		cairo_new_path(cr);
	}
}

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
	cairo_clip(cr);
}

static void draw_graticule(cairo_t *cr, const hm_map *m)
{
	cairo_new_path(cr);
	cairo_set_line_width(cr, hm_pt(m, m->look.graticule_pt));
	hm_paint_trace_stroke(cr, &m->graticule, 2 * cairo_get_line_width(cr) + 2);
	hm_paint_rgba(cr, m->look.graticule_color);
	cairo_stroke(cr);
}

static void draw_borders(cairo_t *cr, const hm_map *m)
{
	const hm_style *k = &m->look;

	cairo_set_line_width(cr, hm_pt(m, k->border_pt * (m->role == ROLE_LOCATOR ? 0.6 : 1)));
	hm_paint_rgba(cr, k->border);
	cairo_new_path(cr);
	for (size_t i = 0; i < m->nfeatures; i++)
		hm_paint_trace_stroke(cr, &m->features[i].path, 2 * cairo_get_line_width(cr) + 2);
	cairo_stroke(cr);
}

/* Sea, land, graticule, the layers below the borders, and the borders. */
static void draw_ground(cairo_t *cr, const hm_map *m)
{
	const hm_style *k = &m->look;

	hm_paint_rgba(cr, k->sea);
	cairo_paint(cr);
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
	/* Land and borders: Cairo's 4x4-sample rasteriser. Its 16 levels of
	 * grey on lines 2 px wide cannot be told from the default's 256 at
	 * 300 dpi (looked at 3x), and it strokes the 10m borders of the
	 * example in 19 ms instead of 34. */
	cairo_set_antialias(cr, CAIRO_ANTIALIAS_FAST);
	for (size_t i = 0; i < m->nfeatures; i++) {
		const hm_map_feature *ft = &m->features[i];
		if (!ft->path.closed)
			continue;
		cairo_new_path(cr);
		hm_paint_trace_fill(cr, &ft->path, 2);
		hm_paint_rgba(cr, ft->highlight ? k->highlight : k->land);
		cairo_fill(cr);
	}
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	if (m->graticule.nrings)
		draw_graticule(cr, m);
	draw_layers(cr, m, 0);
	draw_borders(cr, m);
	cairo_set_antialias(cr, CAIRO_ANTIALIAS_DEFAULT);
}

/* A whole-world map's edge, drawn outside the sphere's clip. */
static void draw_sphere_edge(cairo_t *cr, const hm_map *m)
{
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	cairo_new_path(cr);
	hm_paint_trace_path(cr, &m->sphere);
	hm_paint_rgba(cr, m->look.border);
	cairo_set_line_width(cr, hm_pt(m, m->look.border_pt));
	cairo_stroke(cr);
}

/* The map inside its frame: sea, land, layers, borders, names, symbols,
 * labels and furniture, clipped to the frame; then the frame line. */
static void draw_body(cairo_t *cr, const hm_map *m, const hm_stamps *stamps)
{
	const hm_style *k = &m->look;
	const double *f = m->frame;

	cairo_save(cr);
	clip_to_frame(cr, f);
	if (m->sphere.nrings) {
		/* a whole-world map: paper beyond the edge of the world, and
		 * nothing of the land drawn past it */
		hm_paint_rgba(cr, k->paper);
		cairo_paint(cr);
		cairo_save(cr);
		cairo_new_path(cr);
		hm_paint_trace_path(cr, &m->sphere);
		cairo_clip(cr);
	}
	draw_ground(cr, m);
	if (m->sphere.nrings) {
		cairo_restore(cr);
		draw_sphere_edge(cr, m);
	}
	draw_layers(cr, m, 1);
	draw_country_labels(cr, m);
	cairo_set_line_width(cr, hm_pt(m, k->symbol_line_pt));
	if (!m->hide_symbols)
		hm_symbols_draw(cr, m, stamps);
	if (m->outline.nrings) {
		/* locator: where the main map lies */
		cairo_new_path(cr);
		hm_paint_trace_path(cr, &m->outline);
		hm_paint_rgba(cr, k->symbol_line);
		cairo_set_line_width(cr, hm_pt(m, 1.2));
		cairo_stroke(cr);
	}
	draw_site_labels(cr, m);
	draw_grat_labels(cr, m);
	hm_furniture_north_arrow(cr, m);
	hm_furniture_legend(cr, m);
	hm_furniture_scalebar(cr, m);
	cairo_restore(cr);

	cairo_new_path(cr);
	cairo_rectangle(cr, f[0], f[1], f[2], f[3]);
	hm_paint_rgba(cr, k->frame);
	cairo_set_line_width(cr, hm_pt(m, k->frame_pt));
	cairo_stroke(cr);
}

/* An inset: its frame on the main map, then its own map in the panel. */
static void draw_inset(cairo_t *cr, const hm_map *m, size_t i, const hm_stamps *stamps)
{
	hm_furniture_inset_frame(cr, m, i);
	draw_body(cr, m->insets[i], stamps);
}

void hm_draw_map(cairo_t *cr, const hm_map *m, const hm_stamps *stamps)
{
	/* paper round the frame only: the sea covers the rest (a pass over
	 * 4 million pixels saved), 2 px under the frame's antialiased edge */
	hm_paint_rgba(cr, m->look.paper);
	cairo_rectangle(cr, 0, 0, m->width, m->height);
	cairo_rectangle(cr, m->frame[0] + 2, m->frame[1] + 2, m->frame[2] - 4, m->frame[3] - 4);
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
	cairo_fill(cr);
	draw_body(cr, m, stamps);
	for (size_t i = 0; i < m->ninsets; i++)
		draw_inset(cr, m, i, stamps);
	hm_furniture_titles(cr, m);
}
