/* Map furniture: legend, scale bar, north arrow, title and source lines, and
 * the frames of insets (their panels' margins, a detail's connectors). */
#include "furniture_draw.h"

#include "furniture.h"
#include "paint.h"
#include "svg.h"
#include "symbols_draw.h"

#include <math.h>
#include <stdio.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* The category rows, under the size circles (whose base is bottom). */
static void legend_categories(cairo_t *cr, const hm_map *m, double bottom)
{
	const double *b = m->legend_box;
	double pad = hm_pt(m, 6);

	for (size_t k = 0; k < m->legend_rows; k++) {
		double y = bottom + hm_pt(m, 3) + k * m->legend_row_h;
		double rs = m->legend_row_h * 0.32;
		hm_color c = m->look.categories[k % (size_t)m->look.ncategories];
		c.a = m->look.symbol_fill.a;
		cairo_new_path(cr);
		cairo_arc(cr, b[0] + pad + rs, y + m->legend_row_h / 2, rs, 0, 2 * M_PI);
		hm_paint_rgba(cr, c);
		hm_fill_preserve(cr);
		hm_paint_rgba(cr, hm_symbols_category_line(c));
		cairo_set_line_width(cr, hm_pt(m, m->look.symbol_line_pt));
		hm_stroke(cr);
		hm_paint_text(cr, m, m->categories[k], b[0] + pad + 2 * rs + hm_pt(m, 3), y, 0,
			      m->look.legend_pt, 0, m->look.text);
	}
}

/* The size circles, nested on one base line, each with its value. */
static void legend_sizes(cairo_t *cr, const hm_map *m, double bottom, hm_color size_fill)
{
	double pad = hm_pt(m, 6), r0 = m->legend_radii[0];
	double cx = m->legend_box[0] + pad + r0, lx = cx + r0 + hm_pt(m, 4);
	char num[64];

	for (size_t i = 0; i < m->nlegend; i++) {
		double r = m->legend_radii[i], top = bottom - 2 * r, lw, lh;
		hm_text t;
		cairo_new_path(cr);
		cairo_arc(cr, cx, bottom - r, r, 0, 2 * M_PI);
		hm_paint_rgba(cr, size_fill);
		hm_fill_preserve(cr);
		hm_paint_rgba(cr, m->look.symbol_line);
		cairo_set_line_width(cr, hm_pt(m, m->look.symbol_line_pt));
		hm_stroke(cr);
		/* leader from the circle's top to its value */
		cairo_move_to(cr, cx, top);
		cairo_line_to(cr, lx, top);
		hm_paint_rgba(cr, m->look.text_muted);
		cairo_set_line_width(cr, hm_pt(m, 0.35));
		hm_stroke(cr);
		hm_legend_text(m, i, num, sizeof(num));
		t = hm_paint_text_new(m, num, m->look.legend_pt, 0);
		hm_text_extents(&t, &lw, &lh);
		hm_paint_show(cr, &t, lx + hm_pt(m, 1.5), top - lh / 2.0, m->look.text);
		hm_text_free(&t);
	}
}

void hm_furniture_legend(cairo_t *cr, const hm_map *m)
{
	const double *b = m->legend_box;
	double pad = hm_pt(m, 6), bottom;
	hm_color size_fill = m->look.symbol_fill;

	if (m->nlegend == 0 || b[2] <= 0 || hm_paint_box_out(cr, b[0], b[1], b[2], b[3], 2))
		return;
	hm_paint_legend_box(cr, m, b);

	hm_paint_text(cr, m, m->legend_caption, b[0] + pad, b[1] + pad * 0.8, 0, m->look.legend_pt,
		      1, m->look.text);
	bottom = b[1] + b[3] - pad * 0.8 -
		 (m->legend_rows ? m->legend_rows * m->legend_row_h + hm_pt(m, 3) : 0);
	/* with categories, size circles are neutral: colour means category */
	if (m->legend_rows)
		size_fill = m->look.text_muted, size_fill.a = 0.25;
	legend_categories(cr, m, bottom);
	legend_sizes(cr, m, bottom, size_fill);
}

void hm_furniture_scalebar(cairo_t *cr, const hm_map *m)
{
	const double *b = m->scalebar_box;
	double pt = m->look.legend_pt, x0 = b[0] + hm_pt(m, 6), y = b[1] + hm_pt(m, 3);
	double bar = hm_pt(m, 2.2);

	if ((m->scalebar_km <= 0 && m->scalebar_mi <= 0) ||
	    hm_paint_box_out(cr, b[0], b[1], b[2], b[3], m->halo_px + 2))
		return;
	for (int row = 0; row < 2; row++) {
		double len = row == 0 ? m->scalebar_km : m->scalebar_mi;
		double px = row == 0 ? m->scalebar_px : m->scalebar_mi_px;
		char text[64], num[32];
		hm_text t;
		double lw, lh;
		if (len <= 0)
			continue;
		hm_format_value(num, sizeof(num), len);
		snprintf(text, sizeof(text), "%s %s", num, row == 0 ? "km" : "mi");
		t = hm_paint_text_new(m, text, pt, 0);
		hm_text_extents(&t, &lw, &lh);
		/* two halves, dark then light, outlined */
		cairo_rectangle(cr, x0, y + lh / 2.0 - bar / 2, px / 2, bar);
		hm_paint_rgba(cr, m->look.text);
		hm_fill(cr);
		cairo_rectangle(cr, x0 + px / 2, y + lh / 2.0 - bar / 2, px / 2, bar);
		hm_paint_rgba(cr, m->look.paper);
		hm_fill_preserve(cr);
		hm_paint_rgba(cr, m->look.text);
		cairo_set_line_width(cr, hm_pt(m, 0.4));
		hm_stroke(cr);
		cairo_rectangle(cr, x0, y + lh / 2.0 - bar / 2, px, bar);
		hm_stroke(cr);
		hm_paint_haloed(cr, m, &t, x0 + px + hm_pt(m, 3), y, m->look.text);
		hm_text_free(&t);
		y += lh + hm_pt(m, 4);
	}
}

/* A north arrow: a slim two-tone arrowhead pointing at north, and an N. */
void hm_furniture_north_arrow(cairo_t *cr, const hm_map *m)
{
	double len = m->north[2], w = len * 0.28, lw, lh;
	hm_text t;

	/* turned any way, the arrow and its N lie within 2 lengths of the base */
	if (len <= 0 || hm_paint_box_out(cr, m->north[0] - 2 * len, m->north[1] - 2 * len, 4 * len,
					 4 * len, m->halo_px + 2))
		return;
	cairo_save(cr);
	cairo_translate(cr, m->north[0], m->north[1]);
	cairo_rotate(cr, m->north[3]);
	cairo_move_to(cr, 0, -len);
	cairo_line_to(cr, -w, 0);
	cairo_line_to(cr, 0, -len * 0.25);
	cairo_close_path(cr);
	hm_paint_rgba(cr, m->look.text);
	hm_fill(cr);
	cairo_move_to(cr, 0, -len);
	cairo_line_to(cr, w, 0);
	cairo_line_to(cr, 0, -len * 0.25);
	cairo_close_path(cr);
	hm_paint_rgba(cr, m->look.paper);
	hm_fill_preserve(cr);
	hm_paint_rgba(cr, m->look.text);
	cairo_set_line_width(cr, hm_pt(m, 0.4));
	hm_stroke(cr);
	t = hm_paint_text_new(m, "N", m->look.legend_pt, 1);
	hm_text_extents(&t, &lw, &lh);
	hm_paint_haloed(cr, m, &t, -lw / 2.0, -len - lh, m->look.text);
	hm_text_free(&t);
	cairo_restore(cr);
}

/* The corners of box b (x, y, w, h), clockwise from the top-left. */
static void box_corners(double c[4][2], const double *b)
{
	c[0][0] = b[0], c[0][1] = b[1];
	c[1][0] = b[0] + b[2], c[1][1] = b[1];
	c[2][0] = b[0] + b[2], c[2][1] = b[1] + b[3];
	c[3][0] = b[0], c[3][1] = b[1] + b[3];
}

/* A detail inset's source box on the main map, and two lines from it to the
 * inset's panel, clipped to the main map's frame. */
static void inset_connectors(cairo_t *cr, const hm_map *m, size_t i)
{
	const double *sb = m->inset_source[i];
	double pc[4][2], sc[4][2], best = HUGE_VAL;
	int a = 0, b = 0;

	int depth = hm_svg_depth(cr);

	box_corners(pc, m->insets[i]->frame);
	box_corners(sc, sb);
	cairo_save(cr);
	cairo_rectangle(cr, m->frame[0], m->frame[1], m->frame[2], m->frame[3]);
	hm_clip(cr);
	/* connect the nearest pair of corners, and the next one round */
	for (int k = 0; k < 4; k++)
		if (hypot(pc[k][0] - sc[k][0], pc[k][1] - sc[k][1]) < best) {
			best = hypot(pc[k][0] - sc[k][0], pc[k][1] - sc[k][1]);
			a = k;
		}
	b = (a + 1) % 4;
	if (hypot(pc[(a + 3) % 4][0] - sc[(a + 3) % 4][0],
		  pc[(a + 3) % 4][1] - sc[(a + 3) % 4][1]) <
	    hypot(pc[b][0] - sc[b][0], pc[b][1] - sc[b][1]))
		b = (a + 3) % 4;
	hm_paint_rgba(cr, m->look.frame);
	cairo_set_line_width(cr, hm_pt(m, 0.5));
	cairo_move_to(cr, sc[a][0], sc[a][1]);
	cairo_line_to(cr, pc[a][0], pc[a][1]);
	cairo_move_to(cr, sc[b][0], sc[b][1]);
	cairo_line_to(cr, pc[b][0], pc[b][1]);
	hm_stroke(cr);
	cairo_rectangle(cr, sb[0], sb[1], sb[2], sb[3]);
	cairo_set_line_width(cr, hm_pt(m, 0.8));
	hm_stroke(cr);
	hm_svg_close_to(cr, depth);
	cairo_restore(cr);
}

/* An inset's box on the main map and connectors, then the panel with a
 * paper-coloured margin that separates it from the map under it. */
void hm_furniture_inset_frame(cairo_t *cr, const hm_map *m, size_t i)
{
	const double *p = m->insets[i]->frame;

	if (m->inset_kind[i] == HM_INSET_DETAIL)
		inset_connectors(cr, m, i);
	cairo_rectangle(cr, p[0] - hm_pt(m, 1.5), p[1] - hm_pt(m, 1.5), p[2] + hm_pt(m, 3),
			p[3] + hm_pt(m, 3));
	hm_paint_rgba(cr, m->look.paper);
	hm_fill(cr);
}

static void draw_title(cairo_t *cr, const hm_map *m)
{
	const hm_style *k = &m->look;
	double y = m->title_box[1];

	if (hm_paint_box_out(cr, m->title_box[0], m->title_box[1], m->title_box[2], m->title_box[3],
			     hm_pt(m, k->title_pt)))
		return;
	y += hm_paint_text(cr, m, m->title, m->title_box[0], y, m->title_box[2], k->title_pt, 1,
			   k->text);
	if (m->subtitle)
		hm_paint_text(cr, m, m->subtitle, m->title_box[0], y, m->title_box[2],
			      k->subtitle_pt, 0, k->text_muted);
}

void hm_furniture_titles(cairo_t *cr, const hm_map *m)
{
	const hm_style *k = &m->look;
	int depth = hm_svg_depth(cr);

	hm_svg_group(cr, "title", 1);
	draw_title(cr, m);
	hm_svg_close_to(cr, depth);
	if (hm_paint_box_out(cr, m->source_box[0], m->source_box[1], m->source_box[2],
			     m->source_box[3], hm_pt(m, k->source_pt)))
		return;
	hm_svg_group(cr, "source", 1);
	hm_paint_text(cr, m, m->source_line, m->source_box[0], m->source_box[1], m->source_box[2],
		      k->source_pt, 0, k->text_muted);
	hm_svg_close_to(cr, depth);
}
