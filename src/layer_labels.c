/* Text layers: the names of the countries, the sites' labels with their
 * leaders, and the graticule's degree labels. Placing them is labels.c's
 * and graticule.c's; here they are drawn, each with the map's halo. */
#include "layer.h"

#include "map_priv.h"
#include "paint.h"
#include "svg.h"

#include <math.h>

static void draw_country_names(const hm_draw_ctx *d, const hm_map *m, const void *data)
{
	cairo_t *cr = d->cr;

	(void)data;
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
	double dx = tx - s->x, dy = ty - s->y, dist = hypot(dx, dy);

	if (dist > s->r) {
		cairo_move_to(cr, s->x + dx / dist * s->r, s->y + dy / dist * s->r);
		cairo_line_to(cr, tx, ty);
		hm_paint_rgba(cr, m->look.text_muted);
		cairo_set_line_width(cr, hm_pt(m, 0.5));
		hm_stroke(cr);
	}
}

/* The leaders first, under every label (in an SVG, a group of their own),
 * then the labels. */
static void draw_site_labels(const hm_draw_ctx *d, const hm_map *m, const void *data)
{
	int depth = hm_svg_depth(d->cr);

	(void)data;
	hm_svg_group(d->cr, "leaders", 1);
	for (size_t i = 0; i < m->nsites; i++) {
		const hm_map_site *s = &m->sites[i];
		if (s->labelled && s->leader && !site_label_out(d->cr, m, s))
			site_leader(d->cr, m, s);
	}
	hm_svg_close_to(d->cr, depth);
	for (size_t i = 0; i < m->nsites; i++) {
		const hm_map_site *s = &m->sites[i];
		hm_text t;
		if (!s->labelled || site_label_out(d->cr, m, s))
			continue;
		t = hm_text_new(m->look.font, m->label_px, 0, s->label);
		hm_paint_haloed(d->cr, m, &t, s->label_box[0], s->label_box[1], m->look.text);
		hm_text_free(&t);
	}
}

static void draw_graticule_labels(const hm_draw_ctx *d, const hm_map *m, const void *data)
{
	const hm_style *k = &m->look;

	(void)data;
	for (size_t i = 0; i < m->ngrat_labels; i++) {
		hm_text t;
		/* a short number and a degree sign: within 8 font sizes */
		if (hm_paint_box_out(d->cr, m->grat_labels[i].x, m->grat_labels[i].y, 0, 0,
				     hm_pt(m, k->legend_pt * 8)))
			continue;
		t = hm_paint_text_new(m, m->grat_labels[i].text, k->legend_pt * 0.85, 0);
		hm_paint_haloed(d->cr, m, &t, m->grat_labels[i].x, m->grat_labels[i].y,
				k->text_muted);
		hm_text_free(&t);
	}
}

const hm_layer_kind hm_layer_country_names = {
	.name = "country-names", .on_globe = 0, .draw = draw_country_names};
const hm_layer_kind hm_layer_site_labels = {
	.name = "site-labels", .on_globe = 0, .draw = draw_site_labels};
const hm_layer_kind hm_layer_graticule_labels = {
	.name = "graticule-labels", .on_globe = 0, .draw = draw_graticule_labels};
