/* Drawing primitives shared by every drawing file. A PNG is drawn in bands:
 * paths and boxes are traced or skipped for the area being drawn. */
#include "paint.h"

#include "svg.h"

#include <math.h>

/* Fill or stroke cr's path, keeping it if preserve: Cairo's, or the SVG's
 * element. */
static void paint_path(cairo_t *cr, int stroke, int preserve)
{
	hm_svg *s = hm_svg_of(cr);

	if (s && stroke)
		hm_svg_stroke(s, cr, preserve);
	else if (s)
		hm_svg_fill(s, cr, preserve);
	else if (stroke && preserve)
		cairo_stroke_preserve(cr);
	else if (stroke)
		cairo_stroke(cr);
	else if (preserve)
		cairo_fill_preserve(cr);
	else
		cairo_fill(cr);
}

void hm_fill(cairo_t *cr)
{
	paint_path(cr, 0, 0);
}

void hm_fill_preserve(cairo_t *cr)
{
	paint_path(cr, 0, 1);
}

void hm_stroke(cairo_t *cr)
{
	paint_path(cr, 1, 0);
}

void hm_stroke_preserve(cairo_t *cr)
{
	paint_path(cr, 1, 1);
}

void hm_paint(cairo_t *cr)
{
	hm_svg *s = hm_svg_of(cr);

	if (s)
		hm_svg_paint(s, cr);
	else
		cairo_paint(cr);
}

void hm_clip(cairo_t *cr)
{
	hm_svg *s = hm_svg_of(cr);

	if (s)
		hm_svg_clip(s, cr);
	cairo_clip(cr); /* the SVG's drawing code culls to it too */
}

void hm_paint_show(cairo_t *cr, const hm_text *t, double x, double y, hm_color c)
{
	hm_svg *s = hm_svg_of(cr);
	hm_color none = {0, 0, 0, 0};

	if (s && hm_svg_write_text(s, cr, t, x, y, c, none, 0) == 0)
		return;
	hm_paint_rgba(cr, c);
	if (s) {
		cairo_new_path(cr);
		hm_text_path(cr, t, x, y);
		hm_fill(cr);
	} else {
		hm_text_show(cr, t, x, y);
	}
}

void hm_paint_rgba(cairo_t *cr, hm_color c)
{
	cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a);
}

void hm_paint_trace_path(cairo_t *cr, const hm_pxpath *p)
{
	for (size_t r = 0; r < p->nrings; r++) {
		size_t a = p->rings[r];
		size_t b = r + 1 < p->nrings ? p->rings[r + 1] : p->npts;
		cairo_move_to(cr, p->pts[2 * a], p->pts[2 * a + 1]);
		for (size_t i = a + 1; i < b; i++)
			cairo_line_to(cr, p->pts[2 * i], p->pts[2 * i + 1]);
		if (p->closed)
			cairo_close_path(cr);
	}
}

/* 1 if ring r of p lies wholly outside the box (x1, y1)-(x2, y2): nothing
 * of it is stroked there, and a fill gains nothing from it in a band (a
 * closed ring left or right of a pixel crosses its scanline an even number
 * of times, above or below not at all). */
static int ring_out(const hm_pxpath *p, size_t r, double x1, double y1, double x2, double y2)
{
	const double *b = p->rbox ? p->rbox + 4 * r : NULL;

	return b && (b[2] < x1 || b[0] > x2 || b[3] < y1 || b[1] > y2);
}

/* For a stroke: only the stretches of p that can touch the area being
 * drawn (the clip, grown by margin for the line's width and joins). A map
 * drawn in bands strokes all of its borders in every band otherwise, and
 * Cairo's stroker works through every segment, seen or not. */
void hm_paint_trace_stroke(cairo_t *cr, const hm_pxpath *p, double margin)
{
	double x1, y1, x2, y2;

	cairo_clip_extents(cr, &x1, &y1, &x2, &y2);
	x1 -= margin, y1 -= margin, x2 += margin, y2 += margin;
	for (size_t r = 0; r < p->nrings; r++) {
		size_t a = p->rings[r];
		size_t b = r + 1 < p->nrings ? p->rings[r + 1] : p->npts;
		size_t n = b - a, segs = p->closed ? n : n - 1, shown = 0;
		int down = 0;

		if (ring_out(p, r, x1, y1, x2, y2))
			continue;
		for (size_t i = 0; i < segs; i++) {
			const double *u = p->pts + 2 * (a + i);
			const double *v = p->pts + 2 * (i + 1 < n ? a + i + 1 : a);
			int in = (u[0] > v[0] ? u[0] : v[0]) >= x1 &&
				 (u[0] < v[0] ? u[0] : v[0]) <= x2 &&
				 (u[1] > v[1] ? u[1] : v[1]) >= y1 &&
				 (u[1] < v[1] ? u[1] : v[1]) <= y2;
			if (!in) {
				down = 0;
				continue;
			}
			if (!down)
				cairo_move_to(cr, u[0], u[1]);
			cairo_line_to(cr, v[0], v[1]);
			down = 1;
			shown++;
		}
		/* all of a closed ring in view: close it, for the join */
		if (p->closed && shown == segs && segs > 0)
			cairo_close_path(cr);
	}
}

/* 1 if the box (x, y, w, h), grown by margin, is wholly outside the area
 * being drawn: a PNG is drawn in bands, and text or furniture that cannot
 * reach the band is not laid out again for it. */
int hm_paint_box_out(cairo_t *cr, double x, double y, double w, double h, double margin)
{
	double x1, y1, x2, y2;

	cairo_clip_extents(cr, &x1, &y1, &x2, &y2);
	return x + w + margin < x1 || x - margin > x2 || y + h + margin < y1 || y - margin > y2;
}

/* Where a point lies against the area being drawn: 0 inside, else a bit
 * for each side it lies beyond (left, right, above, below). */
static int outcode(double x, double y, double x1, double y1, double x2, double y2)
{
	return (x < x1) | (x > x2) << 1 | (y < y1) << 2 | (y > y2) << 3;
}

/* For a fill: every stretch of a ring that lies wholly beyond one side of
 * the area being drawn (the clip, grown by margin) becomes one edge between
 * its first and last vertices. The stretch and that edge close a loop that
 * lies beyond that side, which adds nothing to the winding of any point in
 * the area: the fill there is the same, whatever the fill rule, and the
 * polygon keeps only the vertices near the area (a PNG's band, a vector
 * map's frame). */
void hm_paint_trace_fill(cairo_t *cr, const hm_pxpath *p, double margin)
{
	double x1, y1, x2, y2;

	cairo_clip_extents(cr, &x1, &y1, &x2, &y2);
	x1 -= margin, y1 -= margin, x2 += margin, y2 += margin;
	for (size_t r = 0; r < p->nrings; r++) {
		size_t a = p->rings[r];
		size_t b = r + 1 < p->nrings ? p->rings[r + 1] : p->npts;
		int side = 0;	 /* the sides all vertices since the last one drawn lie beyond */
		size_t held = 0; /* the last vertex of that stretch, not yet drawn */

		if (b <= a || ring_out(p, r, x1, y1, x2, y2))
			continue;
		for (size_t i = a; i < b; i++) {
			const double *v = p->pts + 2 * i;
			int s = outcode(v[0], v[1], x1, y1, x2, y2);
			if (i > a && (s & side)) {
				side &= s;
				held = i; /* the stretch goes on */
				continue;
			}
			if (held) {
				cairo_line_to(cr, p->pts[2 * held], p->pts[2 * held + 1]);
				held = 0;
			}
			if (i == a)
				cairo_move_to(cr, v[0], v[1]);
			else
				cairo_line_to(cr, v[0], v[1]);
			side = s;
		}
		if (held)
			cairo_line_to(cr, p->pts[2 * held], p->pts[2 * held + 1]);
		if (p->closed)
			cairo_close_path(cr);
	}
}

hm_text hm_paint_text_new(const hm_map *m, const char *text, double pt, int bold)
{
	return hm_text_new(m->look.font, hm_pt(m, pt), bold, text);
}

/* Draw text with its top-left at (x, y), cut to width w with an ellipsis. */
double hm_paint_text(cairo_t *cr, const hm_map *m, const char *text, double x, double y, double w,
		     double pt, int bold, hm_color c)
{
	hm_text t = hm_paint_text_new(m, text, pt, bold);
	double lw, lh;

	if (w > 0)
		hm_text_set_max_width(&t, w);
	hm_text_extents(&t, &lw, &lh);
	hm_paint_show(cr, &t, x, y, c);
	hm_text_free(&t);
	return lh;
}

/* Text with a halo: the outline stroked wide in the halo colour, then the
 * glyphs filled on top, so labels stay legible over any background. In a
 * PDF or SVG the glyphs are text, not outlines: a reader can find and copy
 * the names, and the file is written sooner (the example's PDF 2.5 ms);
 * in a PNG filling the outline already made is the quicker (2 ms). */
void hm_paint_haloed(cairo_t *cr, const hm_map *m, const hm_text *t, double x, double y,
		     hm_color fg)
{
	int as_text = cairo_surface_get_type(cairo_get_target(cr)) != CAIRO_SURFACE_TYPE_IMAGE;
	hm_svg *s = hm_svg_of(cr);

	/* one <text>, its halo a stroke painted under its fill */
	if (s && hm_svg_write_text(s, cr, t, x, y, fg, m->look.halo, 2 * m->halo_px) == 0)
		return;
	as_text = as_text && !s;
	if (m->halo_px > 0 || !as_text)
		hm_text_path(cr, t, x, y);
	if (m->halo_px > 0) {
		hm_paint_rgba(cr, m->look.halo);
		cairo_set_line_width(cr, 2 * m->halo_px);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
		hm_stroke_preserve(cr);
	}
	hm_paint_rgba(cr, fg);
	if (as_text) {
		cairo_new_path(cr);
		hm_text_show(cr, t, x, y);
	} else {
		hm_fill(cr);
	}
}

void hm_paint_legend_box(cairo_t *cr, const hm_map *m, const double b[4])
{
	hm_color box_fill = m->look.paper;

	box_fill.a *= 0.88;
	cairo_rectangle(cr, b[0], b[1], b[2], b[3]);
	hm_paint_rgba(cr, box_fill);
	hm_fill_preserve(cr);
	hm_paint_rgba(cr, m->look.frame);
	cairo_set_line_width(cr, hm_pt(m, 0.4));
	hm_stroke(cr);
}
