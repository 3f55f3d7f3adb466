/* Provinces (provinces.c): their borders, lighter and thinner than the
 * countries', under them; and their names, smaller than the countries'. */
#include "layer.h"

#include "map_priv.h"
#include "paint.h"

static void draw_provinces(const hm_draw_ctx *d, const hm_map *m, const void *data)
{
	double w = hm_pt(m, m->look.border_pt * 0.6);
	hm_color c = m->look.border;

	(void)data;
	c.a *= 0.55;
	cairo_set_antialias(d->cr, CAIRO_ANTIALIAS_FAST); /* as the ground's (layer_ground.c) */
	cairo_new_path(d->cr);
	for (size_t i = 0; i < m->nprov_paths; i++)
		hm_paint_trace_stroke(d->cr, &m->prov_paths[i], 2 * w + 2);
	cairo_set_line_width(d->cr, w);
	hm_paint_rgba(d->cr, c);
	hm_stroke(d->cr);
}

static void draw_province_names(const hm_draw_ctx *d, const hm_map *m, const void *data)
{
	(void)data;
	for (size_t i = 0; i < m->nprovince_labels; i++) {
		const hm_map_country_label *p = &m->province_labels[i];
		hm_text t;
		if (hm_paint_box_out(d->cr, p->box[0], p->box[1], p->box[2], p->box[3],
				     m->halo_px + 2))
			continue;
		t = hm_paint_text_new(m, p->name, m->look.country_label_pt * 0.8, 0);
		hm_paint_haloed(d->cr, m, &t, p->box[0], p->box[1], m->look.country_text);
		hm_text_free(&t);
	}
}

const hm_layer_kind hm_layer_provinces = {
	.name = "provinces", .on_globe = 1, .draw = draw_provinces};
const hm_layer_kind hm_layer_province_names = {
	.name = "province-names", .on_globe = 0, .draw = draw_province_names};
