/* A density surface (density.c): its cells, each filled with its class's
 * colour, under the borders; and the legend of the classes. */
#include "layer.h"

#include "density.h"
#include "map_priv.h"
#include "paint.h"

#include <math.h>

/* A cell's outline: a hexagon (pointy side up, w across the flats) or a
 * square of side w, centred on (x, y). */
static void cell_path(cairo_t *cr, int mode, double x, double y, double w)
{
	if (mode == HM_MODE_HEXBIN || mode == HM_MODE_HOTSPOT) {
		double s = w / sqrt(3);
		for (int k = 0; k < 6; k++) {
			double a = M_PI / 6 + k * M_PI / 3;
			if (k == 0)
				cairo_move_to(cr, x + s * cos(a), y + s * sin(a));
			else
				cairo_line_to(cr, x + s * cos(a), y + s * sin(a));
		}
		cairo_close_path(cr);
	} else {
		cairo_rectangle(cr, x - w / 2, y - w / 2, w, w);
	}
}

static void draw_density(const hm_draw_ctx *d, const hm_map *m, const void *data)
{
	const hm_density *dn = data;
	cairo_t *cr = d->cr;

	(void)m;
	/* class by class: one fill per colour; a hairline of the same colour
	 * closes the antialiasing seams between neighbours */
	cairo_set_line_width(cr, 0.5);
	for (int k = 0; k < dn->nclasses; k++) {
		const double *c = dn->colors[k];
		cairo_new_path(cr);
		for (size_t i = 0; i < dn->ncells; i++)
			if (dn->cells[i].cls == k &&
			    !hm_paint_box_out(cr, dn->cells[i].x - dn->cell_px,
					      dn->cells[i].y - dn->cell_px, 2 * dn->cell_px,
					      2 * dn->cell_px, 1))
				cell_path(cr, dn->mode, dn->cells[i].x, dn->cells[i].y,
					  dn->cell_px);
		cairo_set_source_rgb(cr, c[0], c[1], c[2]);
		hm_fill_preserve(cr);
		hm_stroke(cr);
	}
}

const hm_layer_kind hm_layer_density = {.name = "density", .on_globe = 1, .draw = draw_density};

void hm_density_legend_draw(cairo_t *cr, const hm_map *m)
{
	const hm_density *dn = m->density;
	const double *b = dn ? dn->legend_box : NULL;
	double pad = hm_pt(m, 6), y, sw;
	char text[96];

	if (!dn || b[2] <= 0 || hm_paint_box_out(cr, b[0], b[1], b[2], b[3], 2))
		return;
	hm_paint_legend_box(cr, m, b);
	y = b[1] + pad * 0.8 +
	    hm_paint_text(cr, m, dn->legend_caption, b[0] + pad, b[1] + pad * 0.8, 0,
			  m->look.legend_pt, 1, m->look.text) +
	    hm_pt(m, 4);
	sw = dn->legend_row_h * 0.8;
	/* the highest class on top */
	for (int k = dn->nclasses - 1; k >= 0; k--, y += dn->legend_row_h) {
		const double *c = dn->colors[k];
		cell_path(cr, dn->mode, b[0] + pad + sw / 2, y + dn->legend_row_h / 2, sw);
		cairo_set_source_rgb(cr, c[0], c[1], c[2]);
		hm_fill(cr);
		hm_density_class_text(m, k, text, sizeof(text));
		hm_paint_text(cr, m, text, b[0] + pad + sw * 1.5,
			      y + (dn->legend_row_h - dn->legend_row_h / 1.25) / 2, 0,
			      m->look.legend_pt, 0, m->look.text);
	}
}
