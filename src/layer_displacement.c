/* Dorling's displacement lines: from each symbol pushed apart (dorling.c)
 * to its true position, a hairline ending in a dot, under the symbols. */
#include "layer.h"

#include "map_priv.h"
#include "paint.h"

#include <math.h>

static void draw_displacement(const hm_draw_ctx *d, const hm_map *m, const void *data)
{
	cairo_t *cr = d->cr;
	double dot = hm_pt(m, 0.9);

	(void)data;
	if (!m->true_xy)
		return;
	hm_paint_rgba(cr, m->look.text);
	cairo_set_line_width(cr, hm_pt(m, 0.4));
	for (size_t i = 0; i < m->nsites; i++) {
		const hm_map_site *s = &m->sites[i];
		double tx = m->true_xy[2 * i], ty = m->true_xy[2 * i + 1];
		if (s->x == HUGE_VAL || s->cluster_size == 0 ||
		    hypot(s->x - tx, s->y - ty) <= 0.5 ||
		    hm_paint_box_out(cr, fmin(s->x, tx), fmin(s->y, ty), fabs(s->x - tx),
				     fabs(s->y - ty), dot + 2))
			continue;
		cairo_move_to(cr, tx, ty);
		cairo_line_to(cr, s->x, s->y);
		hm_stroke(cr);
		cairo_arc(cr, tx, ty, dot, 0, 2 * M_PI);
		hm_fill(cr);
	}
}

const hm_layer_kind hm_layer_displacement = {
	.name = "displacement", .on_globe = 0, .draw = draw_displacement};
