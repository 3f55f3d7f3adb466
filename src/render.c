/* madvise(MADV_HUGEPAGE) for the pixel buffer */
#define _DEFAULT_SOURCE
/* Render stage: one drawing routine for every surface. Drawing is done in PNG
 * pixel units; for SVG and PDF the page is in points and the user space is
 * scaled, so the same layout comes out at the same physical size. */
#include "hotmap/render.h"

#include "context.h"
#include "draw.h"
#include "hotmap/manifest.h"
#include "map_priv.h"
#include "output.h"
#include "text.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <errno.h>
#include <libdeflate.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <pixman.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <zlib.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

hm_format hm_format_from_path(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (!dot || strchr(dot, '/'))
		return HM_FORMAT_UNKNOWN;
	if (strcasecmp(dot, ".png") == 0)
		return HM_FORMAT_PNG;
	if (strcasecmp(dot, ".svg") == 0)
		return HM_FORMAT_SVG;
	if (strcasecmp(dot, ".pdf") == 0)
		return HM_FORMAT_PDF;
	return HM_FORMAT_UNKNOWN;
}

static void rgba(cairo_t *cr, hm_color c)
{
	cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a);
}

static void trace_path(cairo_t *cr, const hm_pxpath *p)
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
static void trace_stroke(cairo_t *cr, const hm_pxpath *p, double margin)
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
static int box_out(cairo_t *cr, double x, double y, double w, double h, double margin)
{
	double x1, y1, x2, y2;

	cairo_clip_extents(cr, &x1, &y1, &x2, &y2);
	return x + w + margin < x1 || x - margin > x2 || y + h + margin < y1 || y - margin > y2;
}

/* For a fill drawn in a band: every stretch of a ring that lies wholly above
 * or wholly below the band (by more than margin) becomes one edge between
 * its first and last vertices. A scanline in the band crosses the same edges
 * as before, so the fill is the same in the band, whatever the fill rule;
 * the band's polygon keeps only the vertices near it. */
static void trace_fill(cairo_t *cr, const hm_pxpath *p, double margin)
{
	double x1, y1, x2, y2;

	cairo_clip_extents(cr, &x1, &y1, &x2, &y2);
	y1 -= margin, y2 += margin;
	for (size_t r = 0; r < p->nrings; r++) {
		size_t a = p->rings[r];
		size_t b = r + 1 < p->nrings ? p->rings[r + 1] : p->npts;
		int side = 0;	 /* of the vertices since the last one drawn: -1 above, 1 below */
		size_t held = 0; /* the last vertex of that stretch, not yet drawn */

		if (b <= a || ring_out(p, r, -HUGE_VAL, y1, HUGE_VAL, y2))
			continue;
		for (size_t i = a; i < b; i++) {
			double y = p->pts[2 * i + 1];
			int s = y < y1 ? -1 : y > y2 ? 1 : 0;
			if (i > a && s != 0 && s == side) {
				held = i; /* the stretch goes on */
				continue;
			}
			if (held) {
				cairo_line_to(cr, p->pts[2 * held], p->pts[2 * held + 1]);
				held = 0;
			}
			if (i == a)
				cairo_move_to(cr, p->pts[2 * i], y);
			else
				cairo_line_to(cr, p->pts[2 * i], y);
			side = s;
		}
		if (held)
			cairo_line_to(cr, p->pts[2 * held], p->pts[2 * held + 1]);
		if (p->closed)
			cairo_close_path(cr);
	}
}

static hm_text text_new(const hm_map *m, const char *text, double pt, int bold)
{
	return hm_text_new(m->look.font, hm_pt(m, pt), bold, text);
}

/* Draw text with its top-left at (x, y), cut to width w with an ellipsis. */
static double draw_text(cairo_t *cr, const hm_map *m, const char *text, double x, double y,
			double w, double pt, int bold, hm_color c)
{
	hm_text t = text_new(m, text, pt, bold);
	double lw, lh;

	if (w > 0)
		hm_text_set_max_width(&t, w);
	hm_text_extents(&t, &lw, &lh);
	rgba(cr, c);
	hm_text_show(cr, &t, x, y);
	hm_text_free(&t);
	return lh;
}

/* A category's outline: its own colour, darker, so that it reads as one
 * symbol whatever the palette. */
static hm_color category_line(hm_color c)
{
	hm_color d = {c.r * 0.5, c.g * 0.5, c.b * 0.5, 1};

	return d;
}

static void draw_legend(cairo_t *cr, const hm_map *m)
{
	const double *b = m->legend_box;
	double pad = hm_pt(m, 6), r0 = m->legend_radii[0];
	double cx, bottom, lx;
	char num[64];
	hm_color box_fill = m->look.paper, size_fill = m->look.symbol_fill;

	if (m->nlegend == 0 || b[2] <= 0 || box_out(cr, b[0], b[1], b[2], b[3], 2))
		return;
	box_fill.a *= 0.88;
	cairo_rectangle(cr, b[0], b[1], b[2], b[3]);
	rgba(cr, box_fill);
	cairo_fill_preserve(cr);
	rgba(cr, m->look.frame);
	cairo_set_line_width(cr, hm_pt(m, 0.4));
	cairo_stroke(cr);

	draw_text(cr, m, m->legend_caption, b[0] + pad, b[1] + pad * 0.8, 0, m->look.legend_pt, 1,
		  m->look.text);
	cx = b[0] + pad + r0;
	bottom = b[1] + b[3] - pad * 0.8 -
		 (m->legend_rows ? m->legend_rows * m->legend_row_h + hm_pt(m, 3) : 0);
	lx = cx + r0 + hm_pt(m, 4);
	/* with categories, size circles are neutral: colour means category */
	if (m->legend_rows)
		size_fill = m->look.text_muted, size_fill.a = 0.25;
	for (size_t k = 0; k < m->legend_rows; k++) {
		double y = bottom + hm_pt(m, 3) + k * m->legend_row_h;
		double rs = m->legend_row_h * 0.32;
		hm_color c = m->look.categories[k % (size_t)m->look.ncategories];
		c.a = m->look.symbol_fill.a;
		cairo_new_path(cr);
		cairo_arc(cr, b[0] + pad + rs, y + m->legend_row_h / 2, rs, 0, 2 * M_PI);
		rgba(cr, c);
		cairo_fill_preserve(cr);
		rgba(cr, category_line(c));
		cairo_set_line_width(cr, hm_pt(m, m->look.symbol_line_pt));
		cairo_stroke(cr);
		draw_text(cr, m, m->categories[k], b[0] + pad + 2 * rs + hm_pt(m, 3), y, 0,
			  m->look.legend_pt, 0, m->look.text);
	}
	for (size_t i = 0; i < m->nlegend; i++) {
		double r = m->legend_radii[i], top = bottom - 2 * r, lw, lh;
		hm_text t;
		cairo_new_path(cr);
		cairo_arc(cr, cx, bottom - r, r, 0, 2 * M_PI);
		rgba(cr, size_fill);
		cairo_fill_preserve(cr);
		rgba(cr, m->look.symbol_line);
		cairo_set_line_width(cr, hm_pt(m, m->look.symbol_line_pt));
		cairo_stroke(cr);
		/* leader from the circle's top to its value */
		cairo_move_to(cr, cx, top);
		cairo_line_to(cr, lx, top);
		rgba(cr, m->look.text_muted);
		cairo_set_line_width(cr, hm_pt(m, 0.35));
		cairo_stroke(cr);
		hm_format_value(num, sizeof(num), m->legend_values[i]);
		t = text_new(m, num, m->look.legend_pt, 0);
		hm_text_extents(&t, &lw, &lh);
		rgba(cr, m->look.text);
		hm_text_show(cr, &t, lx + hm_pt(m, 1.5), top - lh / 2.0);
		hm_text_free(&t);
	}
}

/* Text with a halo: the outline stroked wide in the halo colour, then the
 * glyphs filled on top, so labels stay legible over any background. In a
 * PDF or SVG the glyphs are text, not outlines: a reader can find and copy
 * the names, and the file is written sooner (the example's PDF 2.5 ms);
 * in a PNG filling the outline already made is the quicker (2 ms). */
static void show_haloed(cairo_t *cr, const hm_map *m, const hm_text *t, double x, double y,
			hm_color fg)
{
	int as_text = cairo_surface_get_type(cairo_get_target(cr)) != CAIRO_SURFACE_TYPE_IMAGE;

	if (m->halo_px > 0 || !as_text)
		hm_text_path(cr, t, x, y);
	if (m->halo_px > 0) {
		rgba(cr, m->look.halo);
		cairo_set_line_width(cr, 2 * m->halo_px);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
		cairo_stroke_preserve(cr);
	}
	rgba(cr, fg);
	if (as_text) {
		cairo_new_path(cr);
		hm_text_show(cr, t, x, y);
	} else {
		cairo_fill(cr);
	}
}

static void draw_country_labels(cairo_t *cr, const hm_map *m)
{
	for (size_t i = 0; i < m->ncountry_labels; i++) {
		const hm_map_country_label *c = &m->country_labels[i];
		hm_text t;
		if (box_out(cr, c->box[0], c->box[1], c->box[2], c->box[3], m->halo_px + 2))
			continue;
		t = text_new(m, c->name, m->look.country_label_pt, 0);
		hm_text_set_spacing(&t, m->look.country_letter_spacing);
		show_haloed(cr, m, &t, c->box[0], c->box[1], m->look.country_text);
		hm_text_free(&t);
	}
}

static void draw_site_labels(cairo_t *cr, const hm_map *m)
{
	for (size_t i = 0; i < m->nsites; i++) {
		const hm_map_site *s = &m->sites[i];
		hm_text t;
		if (!s->labelled)
			continue;
		/* the box and the symbol it leads to */
		{
			const double *b = s->label_box;
			double x0 = fmin(b[0], s->x - s->r), y0 = fmin(b[1], s->y - s->r);
			double x1 = fmax(b[0] + b[2], s->x + s->r),
			       y1 = fmax(b[1] + b[3], s->y + s->r);
			if (box_out(cr, x0, y0, x1 - x0, y1 - y0, m->halo_px + 2))
				continue;
		}
		if (s->leader) {
			/* from the circle's edge to the nearest point of the label */
			const double *b = s->label_box;
			double tx = fmax(b[0], fmin(s->x, b[0] + b[2]));
			double ty = fmax(b[1], fmin(s->y, b[1] + b[3]));
			double dx = tx - s->x, dy = ty - s->y, d = hypot(dx, dy);
			if (d > s->r) {
				cairo_move_to(cr, s->x + dx / d * s->r, s->y + dy / d * s->r);
				cairo_line_to(cr, tx, ty);
				rgba(cr, m->look.text_muted);
				cairo_set_line_width(cr, hm_pt(m, 0.5));
				cairo_stroke(cr);
			}
		}
		t = hm_text_new(m->look.font, m->label_px, 0, s->label);
		show_haloed(cr, m, &t, s->label_box[0], s->label_box[1], m->look.text);
		hm_text_free(&t);
	}
}

static void draw_scalebar(cairo_t *cr, const hm_map *m)
{
	const double *b = m->scalebar_box;
	double pt = m->look.legend_pt, x0 = b[0] + hm_pt(m, 6), y = b[1] + hm_pt(m, 3);
	double bar = hm_pt(m, 2.2);

	if ((m->scalebar_km <= 0 && m->scalebar_mi <= 0) ||
	    box_out(cr, b[0], b[1], b[2], b[3], m->halo_px + 2))
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
		t = text_new(m, text, pt, 0);
		hm_text_extents(&t, &lw, &lh);
		/* two halves, dark then light, outlined */
		cairo_rectangle(cr, x0, y + lh / 2.0 - bar / 2, px / 2, bar);
		rgba(cr, m->look.text);
		cairo_fill(cr);
		cairo_rectangle(cr, x0 + px / 2, y + lh / 2.0 - bar / 2, px / 2, bar);
		rgba(cr, m->look.paper);
		cairo_fill_preserve(cr);
		rgba(cr, m->look.text);
		cairo_set_line_width(cr, hm_pt(m, 0.4));
		cairo_stroke(cr);
		cairo_rectangle(cr, x0, y + lh / 2.0 - bar / 2, px, bar);
		cairo_stroke(cr);
		show_haloed(cr, m, &t, x0 + px + hm_pt(m, 3), y, m->look.text);
		hm_text_free(&t);
		y += lh + hm_pt(m, 4);
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
			trace_fill(cr, &l->paths[i], margin);
		if (l->style->fill.a > 0) {
			rgba(cr, l->style->fill);
			cairo_fill_preserve(cr);
		}
		if (l->style->stroke.a > 0 && l->style->width_pt > 0) {
			rgba(cr, l->style->stroke);
			cairo_set_line_width(cr, hm_pt(m, l->style->width_pt));
			cairo_stroke_preserve(cr);
		}
		cairo_new_path(cr);
	}
}

static void symbol_colors(const hm_map *m, const hm_map_site *s, hm_color *fill, hm_color *line)
{
	const hm_style *k = &m->look;

	*fill = k->symbol_fill;
	*line = k->symbol_line;
	if (s->category && k->ncategories > 0) {
		*fill = k->categories[s->category_index % k->ncategories];
		*line = category_line(*fill);
		fill->a = k->symbol_fill.a;
	}
}

static void symbol_path(cairo_t *cr, const hm_map *m, double x, double y, double r)
{
	cairo_new_path(cr);
	cairo_arc(cr, x, y, fmax(r, hm_pt(m, 0.6)), 0, 2 * M_PI);
}

/* Symbols on a raster with many of them: each distinct (radius to an
 * eighth of a pixel, colour) is drawn once into a small image, a stamp, and
 * composited where it goes. Rasterising 100,000 antialiased circles one by
 * one takes seconds; compositing stamps a tenth of that. A stamp is placed
 * on whole pixels (no resampling blur), so a centre moves by at most half a
 * pixel. Vector outputs always get true circles. A PNG's stamps are made
 * once, before its bands, on all threads (made per band, they were a quarter
 * of the CPU time of 100,000 sites); insets keep a set of their own. */
#define STAMP_MIN_SITES 1000
#define STAMP_MAX 4096
#define STAMP_SLOTS 8191 /* hash of (radius, category) to stamp; > 2 x STAMP_MAX */

typedef struct {
	int key_r, key_c;
	hm_color fill, line;
	cairo_surface_t *img;
	pixman_image_t *pix; /* the same pixels, for pixman */
	int size;
	double off; /* from the stamp's origin to the circle's centre */
} stamp;

typedef struct {
	const hm_map *m;
	stamp *stamps;
	stamp **slot; /* STAMP_SLOTS */
	size_t n;
	atomic_size_t next; /* make_stamps: the next stamp to draw */
} stamp_set;

/* The stamps of the PNG whose bands this thread is drawing (band_run). */
static _Thread_local const stamp_set *band_stamps;

static void make_stamp(const hm_map *m, stamp *st)
{
	double lw = hm_pt(m, m->look.symbol_line_pt), r = st->key_r / 8.0;
	int size = (int)ceil(2 * (fmax(r, hm_pt(m, 0.6)) + lw)) + 3;
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, size, size);
	cairo_t *cr = cairo_create(img);

	st->off = size / 2.0;
	cairo_set_line_width(cr, lw);
	symbol_path(cr, m, st->off, st->off, r);
	rgba(cr, st->fill);
	cairo_fill_preserve(cr);
	rgba(cr, st->line);
	cairo_stroke(cr);
	cairo_destroy(cr);
	cairo_surface_flush(img);
	st->img = img;
	st->size = cairo_image_surface_get_width(img);
	st->pix = cairo_surface_status(img) == CAIRO_STATUS_SUCCESS
			  ? pixman_image_create_bits(PIXMAN_a8r8g8b8, st->size, st->size,
						     (uint32_t *)cairo_image_surface_get_data(img),
						     cairo_image_surface_get_stride(img))
			  : NULL;
}

static void stamp_key(const hm_map_site *s, int *kr, int *kc)
{
	*kr = (int)lround(s->r * 8);
	*kc = s->category ? s->category_index : -1;
}

/* The slot of key (kr, kc): its stamp, or the empty slot where it goes. */
static stamp **stamp_slot(const stamp_set *ss, int kr, int kc)
{
	size_t h = ((size_t)(unsigned)kr * 31u + (size_t)(kc + 1)) % STAMP_SLOTS;

	while (ss->slot[h] && !(ss->slot[h]->key_r == kr && ss->slot[h]->key_c == kc))
		h = (h + 1) % STAMP_SLOTS;
	return &ss->slot[h];
}

/* The stamp for s: the set's (NULL if it could not be drawn), else a new
 * entry, drawn by the caller (make_stamp), if the set has room; NULL: draw
 * a circle. */
static stamp *stamp_get(stamp_set *ss, const hm_map *m, const hm_map_site *s)
{
	stamp **sl, *st;
	int kr, kc;

	stamp_key(s, &kr, &kc);
	sl = stamp_slot(ss, kr, kc);
	if (*sl || ss->n >= STAMP_MAX)
		return *sl && (*sl)->pix ? *sl : NULL;
	st = &ss->stamps[ss->n++];
	st->key_r = kr;
	st->key_c = kc;
	symbol_colors(m, s, &st->fill, &st->line);
	*sl = st;
	return st;
}

static int stamp_set_init(stamp_set *ss, const hm_map *m)
{
	memset(ss, 0, sizeof(*ss));
	ss->m = m;
	ss->stamps = calloc(STAMP_MAX, sizeof(stamp));
	ss->slot = calloc(STAMP_SLOTS, sizeof(stamp *));
	atomic_init(&ss->next, 0);
	if (ss->stamps && ss->slot)
		return 0;
	free(ss->stamps);
	free(ss->slot);
	return -1;
}

static void stamp_set_free(stamp_set *ss)
{
	for (size_t k = 0; k < ss->n; k++) {
		if (ss->stamps[k].pix)
			pixman_image_unref(ss->stamps[k].pix);
		if (ss->stamps[k].img)
			cairo_surface_destroy(ss->stamps[k].img);
	}
	free(ss->stamps);
	free(ss->slot);
	memset(ss, 0, sizeof(*ss));
}

/* Draw the stamps of a set, one at a time by each thread that runs this. */
static void *make_stamps(void *arg)
{
	stamp_set *ss = arg;

	for (;;) {
		size_t k = atomic_fetch_add(&ss->next, 1);
		if (k >= ss->n)
			break;
		make_stamp(ss->m, &ss->stamps[k]);
	}
	return NULL;
}

/* Every stamp a PNG of m needs, drawn on the context's threads; 0 if m
 * has too few sites for stamps (ss is then left empty), -1 out of memory. */
static int stamps_for_png(stamp_set *ss, hm_ctx *ctx, const hm_map *m)
{
	void *args[HM_MAX_THREADS];
	int nt = hm_ctx_threads(ctx);

	memset(ss, 0, sizeof(*ss));
	if (m->hide_symbols || m->nsites < STAMP_MIN_SITES)
		return 0;
	if (stamp_set_init(ss, m) < 0)
		return -1;
	for (size_t i = 0; i < m->nsites; i++)
		if (m->sites[i].x != HUGE_VAL)
			stamp_get(ss, m, &m->sites[i]);
	nt = nt < 1 ? 1 : nt > HM_MAX_THREADS ? HM_MAX_THREADS : nt;
	for (int k = 0; k < nt; k++)
		args[k] = ss;
	hm_ctx_parallel(ctx, make_stamps, args, nt);
	return 0;
}

/* Stamps go straight to pixman, Cairo's own compositor: through Cairo each
 * one is a paint with its pattern, clip and operator set up anew, which was
 * nine tenths of the time of 100,000 symbols. */
typedef struct {
	cairo_surface_t *target;
	pixman_image_t *dst;
	int clip[4];   /* x0, y0, x1, y1 in device pixels */
	double dx, dy; /* user to device */
} stamp_canvas;

static int canvas_open(stamp_canvas *c, cairo_t *cr)
{
	cairo_surface_t *t = cairo_get_target(cr);
	double x1, y1, x2, y2;
	int w = cairo_image_surface_get_width(t), h = cairo_image_surface_get_height(t);

	if (cairo_image_surface_get_format(t) != CAIRO_FORMAT_RGB24 &&
	    cairo_image_surface_get_format(t) != CAIRO_FORMAT_ARGB32)
		return -1;
	cairo_surface_flush(t);
	c->target = t;
	c->dst = pixman_image_create_bits(cairo_image_surface_get_format(t) == CAIRO_FORMAT_RGB24
						  ? PIXMAN_x8r8g8b8
						  : PIXMAN_a8r8g8b8,
					  w, h, (uint32_t *)cairo_image_surface_get_data(t),
					  cairo_image_surface_get_stride(t));
	if (!c->dst)
		return -1;
	c->dx = 0, c->dy = 0;
	cairo_user_to_device(cr, &c->dx, &c->dy);
	cairo_clip_extents(cr, &x1, &y1, &x2, &y2);
	c->clip[0] = (int)fmax(0, floor(x1 + c->dx));
	c->clip[1] = (int)fmax(0, floor(y1 + c->dy));
	c->clip[2] = (int)fmin(w, ceil(x2 + c->dx));
	c->clip[3] = (int)fmin(h, ceil(y2 + c->dy));
	return 0;
}

static void canvas_close(stamp_canvas *c)
{
	pixman_image_unref(c->dst);
	cairo_surface_mark_dirty(c->target);
}

static void canvas_stamp(stamp_canvas *c, const stamp *st, double ux, double uy)
{
	int x = (int)(ux + c->dx), y = (int)(uy + c->dy);
	int x0 = x > c->clip[0] ? x : c->clip[0], y0 = y > c->clip[1] ? y : c->clip[1];
	int x1 = x + st->size < c->clip[2] ? x + st->size : c->clip[2];
	int y1 = y + st->size < c->clip[3] ? y + st->size : c->clip[3];

	if (x0 >= x1 || y0 >= y1)
		return;
	pixman_image_composite32(PIXMAN_OP_OVER, st->pix, NULL, c->dst, x0 - x, y0 - y, 0, 0, x0,
				 y0, x1 - x0, y1 - y0);
}

static void draw_symbols(cairo_t *cr, const hm_map *m)
{
	int raster = cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_IMAGE;
	const stamp_set *ready = band_stamps && band_stamps->m == m ? band_stamps : NULL;
	stamp_set own; /* an inset's, or a raster's not drawn in bands */
	int have_own = 0, open = 0;
	stamp_canvas canvas;
	double lw = hm_pt(m, m->look.symbol_line_pt), x1, y1, x2, y2;

	cairo_clip_extents(cr, &x1, &y1, &x2, &y2);
	x1 -= lw + 2, y1 -= lw + 2, x2 += lw + 2, y2 += lw + 2;
	cairo_set_line_width(cr, lw);
	if (!ready && raster && m->nsites >= STAMP_MIN_SITES)
		have_own = stamp_set_init(&own, m) == 0;
	for (size_t i = 0; i < m->nsites; i++) {
		const hm_map_site *s = &m->sites[m->order[i]];
		const stamp *st = NULL;
		hm_color fill, line;
		if (s->x == HUGE_VAL)
			continue;
		/* not in the band being drawn */
		if (s->x + s->r < x1 || s->x - s->r > x2 || s->y + s->r < y1 || s->y - s->r > y2)
			continue;
		if (ready) {
			int kr, kc;
			stamp_key(s, &kr, &kc);
			st = *stamp_slot(ready, kr, kc);
			st = st && st->pix ? st : NULL;
		} else if (have_own) {
			stamp *mine = stamp_get(&own, m, s);
			if (mine && !mine->img)
				make_stamp(m, mine);
			st = mine && mine->pix ? mine : NULL;
		}
		if (st && !open)
			open = canvas_open(&canvas, cr) == 0;
		if (st && open) {
			/* whole pixels, so the stamp is copied, not resampled */
			canvas_stamp(&canvas, st, floor(s->x - st->off + 0.5),
				     floor(s->y - st->off + 0.5));
			continue;
		}
		if (open) {
			canvas_close(&canvas);
			open = 0;
		}
		symbol_colors(m, s, &fill, &line);
		symbol_path(cr, m, s->x, s->y, s->r);
		rgba(cr, fill);
		cairo_fill_preserve(cr);
		rgba(cr, line);
		cairo_stroke(cr);
	}
	if (open)
		canvas_close(&canvas);
	if (have_own)
		stamp_set_free(&own);
}

/* A north arrow: a slim two-tone arrowhead pointing at north, and an N. */
static void draw_north_arrow(cairo_t *cr, const hm_map *m)
{
	double len = m->north[2], w = len * 0.28, lw, lh;
	hm_text t;

	/* turned any way, the arrow and its N lie within 2 lengths of the base */
	if (len <= 0 || box_out(cr, m->north[0] - 2 * len, m->north[1] - 2 * len, 4 * len, 4 * len,
				m->halo_px + 2))
		return;
	cairo_save(cr);
	cairo_translate(cr, m->north[0], m->north[1]);
	cairo_rotate(cr, m->north[3]);
	cairo_move_to(cr, 0, -len);
	cairo_line_to(cr, -w, 0);
	cairo_line_to(cr, 0, -len * 0.25);
	cairo_close_path(cr);
	rgba(cr, m->look.text);
	cairo_fill(cr);
	cairo_move_to(cr, 0, -len);
	cairo_line_to(cr, w, 0);
	cairo_line_to(cr, 0, -len * 0.25);
	cairo_close_path(cr);
	rgba(cr, m->look.paper);
	cairo_fill_preserve(cr);
	rgba(cr, m->look.text);
	cairo_set_line_width(cr, hm_pt(m, 0.4));
	cairo_stroke(cr);
	t = text_new(m, "N", m->look.legend_pt, 1);
	hm_text_extents(&t, &lw, &lh);
	show_haloed(cr, m, &t, -lw / 2.0, -len - lh, m->look.text);
	hm_text_free(&t);
	cairo_restore(cr);
}

/* The map inside its frame: sea, land, layers, borders, names, symbols,
 * labels and furniture, clipped to the frame; then the frame line. */
static void draw_body(cairo_t *cr, const hm_map *m)
{
	const hm_style *k = &m->look;
	const double *f = m->frame;

	cairo_save(cr);
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
	if (m->sphere.nrings) {
		/* a whole-world map: paper beyond the edge of the world, and
		 * nothing of the land drawn past it */
		rgba(cr, k->paper);
		cairo_paint(cr);
		cairo_save(cr);
		cairo_new_path(cr);
		trace_path(cr, &m->sphere);
		cairo_clip(cr);
	}
	rgba(cr, k->sea);
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
		trace_fill(cr, &ft->path, 2);
		rgba(cr, ft->highlight ? k->highlight : k->land);
		cairo_fill(cr);
	}
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	if (m->graticule.nrings) {
		cairo_new_path(cr);
		cairo_set_line_width(cr, hm_pt(m, k->graticule_pt));
		trace_stroke(cr, &m->graticule, 2 * cairo_get_line_width(cr) + 2);
		rgba(cr, k->graticule_color);
		cairo_stroke(cr);
	}
	draw_layers(cr, m, 0);
	cairo_set_line_width(cr, hm_pt(m, k->border_pt * (m->role == ROLE_LOCATOR ? 0.6 : 1)));
	rgba(cr, k->border);
	cairo_new_path(cr);
	for (size_t i = 0; i < m->nfeatures; i++)
		trace_stroke(cr, &m->features[i].path, 2 * cairo_get_line_width(cr) + 2);
	cairo_stroke(cr);
	cairo_set_antialias(cr, CAIRO_ANTIALIAS_DEFAULT);
	if (m->sphere.nrings) {
		cairo_restore(cr);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
		cairo_new_path(cr);
		trace_path(cr, &m->sphere);
		rgba(cr, k->border);
		cairo_set_line_width(cr, hm_pt(m, k->border_pt));
		cairo_stroke(cr);
	}
	draw_layers(cr, m, 1);
	draw_country_labels(cr, m);
	cairo_set_line_width(cr, hm_pt(m, k->symbol_line_pt));
	if (!m->hide_symbols)
		draw_symbols(cr, m);
	if (m->outline.nrings) {
		/* locator: where the main map lies */
		cairo_new_path(cr);
		trace_path(cr, &m->outline);
		rgba(cr, k->symbol_line);
		cairo_set_line_width(cr, hm_pt(m, 1.2));
		cairo_stroke(cr);
	}
	draw_site_labels(cr, m);
	for (size_t i = 0; i < m->ngrat_labels; i++) {
		hm_text t;
		/* a short number and a degree sign: within 8 font sizes */
		if (box_out(cr, m->grat_labels[i].x, m->grat_labels[i].y, 0, 0,
			    hm_pt(m, k->legend_pt * 8)))
			continue;
		t = text_new(m, m->grat_labels[i].text, k->legend_pt * 0.85, 0);
		show_haloed(cr, m, &t, m->grat_labels[i].x, m->grat_labels[i].y, k->text_muted);
		hm_text_free(&t);
	}
	draw_north_arrow(cr, m);
	draw_legend(cr, m);
	draw_scalebar(cr, m);
	cairo_restore(cr);

	cairo_new_path(cr);
	cairo_rectangle(cr, f[0], f[1], f[2], f[3]);
	rgba(cr, k->frame);
	cairo_set_line_width(cr, hm_pt(m, k->frame_pt));
	cairo_stroke(cr);
}

/* An inset: its box on the main map, connectors, then the panel with a
 * paper-coloured margin that separates it from the map under it. */
static void draw_inset(cairo_t *cr, const hm_map *m, size_t i)
{
	const hm_map *im = m->insets[i];
	const double *p = im->frame, *sb = m->inset_source[i];

	if (m->inset_kind[i] == HM_INSET_DETAIL) {
		double pc[4][2] = {{p[0], p[1]},
				   {p[0] + p[2], p[1]},
				   {p[0] + p[2], p[1] + p[3]},
				   {p[0], p[1] + p[3]}};
		double sc[4][2] = {{sb[0], sb[1]},
				   {sb[0] + sb[2], sb[1]},
				   {sb[0] + sb[2], sb[1] + sb[3]},
				   {sb[0], sb[1] + sb[3]}};
		int a = 0, b = 0;
		double best = HUGE_VAL;
		cairo_save(cr);
		cairo_rectangle(cr, m->frame[0], m->frame[1], m->frame[2], m->frame[3]);
		cairo_clip(cr);
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
		rgba(cr, m->look.frame);
		cairo_set_line_width(cr, hm_pt(m, 0.5));
		cairo_move_to(cr, sc[a][0], sc[a][1]);
		cairo_line_to(cr, pc[a][0], pc[a][1]);
		cairo_move_to(cr, sc[b][0], sc[b][1]);
		cairo_line_to(cr, pc[b][0], pc[b][1]);
		cairo_stroke(cr);
		cairo_rectangle(cr, sb[0], sb[1], sb[2], sb[3]);
		cairo_set_line_width(cr, hm_pt(m, 0.8));
		cairo_stroke(cr);
		cairo_restore(cr);
	}
	cairo_rectangle(cr, p[0] - hm_pt(m, 1.5), p[1] - hm_pt(m, 1.5), p[2] + hm_pt(m, 3),
			p[3] + hm_pt(m, 3));
	rgba(cr, m->look.paper);
	cairo_fill(cr);
	draw_body(cr, im);
}

void hm_draw_map(cairo_t *cr, const hm_map *m)
{
	const hm_style *k = &m->look;
	double y;

	/* paper round the frame only: the sea covers the rest (a pass over
	 * 4 million pixels saved), 2 px under the frame's antialiased edge */
	rgba(cr, k->paper);
	cairo_rectangle(cr, 0, 0, m->width, m->height);
	cairo_rectangle(cr, m->frame[0] + 2, m->frame[1] + 2, m->frame[2] - 4, m->frame[3] - 4);
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
	cairo_fill(cr);
	draw_body(cr, m);
	for (size_t i = 0; i < m->ninsets; i++)
		draw_inset(cr, m, i);

	y = m->title_box[1];
	if (box_out(cr, m->title_box[0], m->title_box[1], m->title_box[2], m->title_box[3],
		    hm_pt(m, k->title_pt)))
		goto source;
	y += draw_text(cr, m, m->title, m->title_box[0], y, m->title_box[2], k->title_pt, 1,
		       k->text);
	if (m->subtitle)
		draw_text(cr, m, m->subtitle, m->title_box[0], y, m->title_box[2], k->subtitle_pt,
			  0, k->text_muted);
source:
	if (box_out(cr, m->source_box[0], m->source_box[1], m->source_box[2], m->source_box[3],
		    hm_pt(m, k->source_pt)))
		return;
	draw_text(cr, m, m->source_line, m->source_box[0], m->source_box[1], m->source_box[2],
		  k->source_pt, 0, k->text_muted);
}

static cairo_status_t write_file(void *closure, const unsigned char *data, unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS
						    : CAIRO_STATUS_WRITE_ERROR;
}

typedef struct {
	unsigned char *buf;
	size_t len, cap;
} membuf;

static cairo_status_t write_mem(void *closure, const unsigned char *data, unsigned int len)
{
	membuf *b = closure;

	if (b->len + len > b->cap) {
		size_t cap = (b->len + len) * 2;
		unsigned char *nb = realloc(b->buf, cap);
		if (!nb)
			return CAIRO_STATUS_NO_MEMORY;
		b->buf = nb;
		b->cap = cap;
	}
	memcpy(b->buf + b->len, data, len);
	b->len += len;
	return CAIRO_STATUS_SUCCESS;
}

/* The pixels of a raster map's bands: one buffer per thread, kept for the
 * next band and the next map (a batch's maps are one size). Fresh memory is
 * dear: the kernel zeroes every page on first touch, which on these
 * machines took 2 to 60 ms for a whole 2400x1800 image; a band's buffer is
 * a fifteenth of that, and stays in the cache between drawing and
 * deflating. 2 MB pages where the kernel gives them. */
typedef struct {
	void *p;
	size_t cap;
} pixbuf;

static pthread_key_t pixbuf_key;
static pthread_once_t pixbuf_once = PTHREAD_ONCE_INIT;
static int pixbuf_key_ok;

static void pixbuf_free(void *v)
{
	pixbuf *b = v;

	if (b && b->p)
		munmap(b->p, b->cap);
	free(b);
}

static void pixbuf_key_init(void)
{
	pixbuf_key_ok = pthread_key_create(&pixbuf_key, pixbuf_free) == 0;
}

void hm_render_release_thread(void)
{
	pthread_once(&pixbuf_once, pixbuf_key_init);
	if (pixbuf_key_ok) {
		pixbuf_free(pthread_getspecific(pixbuf_key));
		pthread_setspecific(pixbuf_key, NULL);
	}
}

/* This thread's buffer of at least n bytes, or NULL. */
static unsigned char *pixbuf_get(size_t n)
{
	size_t huge = (size_t)2 << 20, cap, lead;
	unsigned char *p;
	pixbuf *b;

	pthread_once(&pixbuf_once, pixbuf_key_init);
	if (!pixbuf_key_ok)
		return NULL;
	b = pthread_getspecific(pixbuf_key);
	if (!b) {
		b = calloc(1, sizeof(*b));
		if (!b || pthread_setspecific(pixbuf_key, b) != 0) {
			free(b);
			return NULL;
		}
	}
	if (b->cap >= n)
		return b->p;
	/* mapped here, not by malloc: 2 MB aligned, and whatever malloc's
	 * settings, kept until the thread ends */
	if (b->p)
		munmap(b->p, b->cap);
	b->p = NULL;
	b->cap = 0;
	cap = (n + huge - 1) / huge * huge;
	p = mmap(NULL, cap + huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	lead = (huge - (uintptr_t)p % huge) % huge;
	if (lead)
		munmap(p, lead);
	munmap(p + lead + cap, huge - lead);
	p += lead;
#ifdef MADV_HUGEPAGE
	madvise(p, cap, MADV_HUGEPAGE);
#endif
	b->p = p;
	b->cap = cap;
	return p;
}

/* PNG. libpng compresses a whole image in one thread, and encoding was a
 * quarter of a map's time; a PNG's pixels are one zlib stream, which can be
 * made of pieces deflated apart (each ended by a sync flush, the last by
 * the final block) if the Adler-32 of the whole follows. So a map is drawn
 * in horizontal bands of PNG_BAND_ROWS rows, taken from a queue by every
 * thread of the context; a thread draws a band into its own small buffer
 * and deflates it there, and the bands are written in order as IDAT chunks.
 * Drawing a band passes over what is outside it quickly (trace_fill,
 * trace_stroke, box_out). zlib level 2 and no row filter: maps are mostly
 * flat colour, which that compresses nearly as well as level 6 with every
 * filter, at a sixth of the time (example map, 2400x1800: libpng defaults
 * 407 KB in ~0.12 s, this 478 KB in ~0.03 s; the "up" filter was larger and
 * slower, "sub" with Z_RLE larger and no faster). zlib's memLevel 6 instead
 * of its default 8: smaller hash tables, the same bytes within 0.1%, 19.2 ->
 * 17.0 ms for the example's pixels on one thread (memLevel 5 and below
 * larger and no faster; ISA-L's igzip was 4x faster but its output was not
 * reproducible under load: see the git log). */
#define PNG_LEVEL 2
#define PNG_MEM_LEVEL 6
#define PNG_BAND_ROWS 128

typedef struct {
	int y0, y1;
	unsigned char *z; /* the band, deflated */
	size_t zlen, zcap;
	uLong adler;
	double t_draw, t_encode;
	cairo_status_t st;
} png_band;

typedef struct band_queue {
	const hm_map *m;
	int w, stride, rows;	 /* rows: of the tallest band */
	int blank;		 /* the map may not cover every pixel: clear each band first */
	const stamp_set *stamps; /* the map's symbols, made before the bands */
	png_band *b;
	int nb;
	atomic_int next;
	int guests;		      /* threads of hm_render_help on it (open_mu) */
	struct band_queue *next_open; /* in open_list */
} band_queue;

/* The PNGs being drawn, whose bands threads with nothing else to do may
 * take (hm_render_help): a batch's workers, once no map is left to start,
 * draw bands of the maps still being drawn instead of waiting for them. */
static pthread_mutex_t open_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t open_cv = PTHREAD_COND_INITIALIZER;
static band_queue *open_list;

/* Deflate the rows of band b, whose pixels start at px; zs is reset. */
static cairo_status_t band_deflate(png_band *b, z_stream *zs, unsigned char *row,
				   const unsigned char *px, int w, int stride, int last)
{
	size_t rowlen = (size_t)w * 3 + 1;

	b->adler = 1;
	for (int y = b->y0; y < b->y1; y++) {
		const uint32_t *src = (const uint32_t *)(px + (size_t)(y - b->y0) * stride);
		int flush = y + 1 < b->y1 ? Z_NO_FLUSH : last ? Z_FINISH : Z_SYNC_FLUSH;
		row[0] = 0; /* filter: none */
		for (int x = 0; x < w; x++) {
			row[1 + 3 * x] = (unsigned char)(src[x] >> 16);
			row[2 + 3 * x] = (unsigned char)(src[x] >> 8);
			row[3 + 3 * x] = (unsigned char)src[x];
		}
		/* libdeflate's Adler-32: zlib's took 4.5 ms of the example map */
		b->adler = libdeflate_adler32((uint32_t)b->adler, row, rowlen);
		zs->next_in = row;
		zs->avail_in = (uInt)rowlen;
		for (;;) {
			int zrc;
			if (b->zcap - b->zlen < 65536) {
				size_t cap = b->zcap ? b->zcap * 2 : 1 << 16;
				unsigned char *nz = realloc(b->z, cap);
				if (!nz)
					return CAIRO_STATUS_NO_MEMORY;
				b->z = nz;
				b->zcap = cap;
			}
			zs->next_out = b->z + b->zlen;
			zs->avail_out = (uInt)(b->zcap - b->zlen);
			zrc = deflate(zs, flush);
			b->zlen = (size_t)(zs->next_out - b->z);
			if (zrc == Z_STREAM_ERROR)
				return CAIRO_STATUS_NO_MEMORY;
			/* output space left over: zlib has written all it can */
			if (zs->avail_out > 0 && zs->avail_in == 0 &&
			    (flush != Z_FINISH || zrc == Z_STREAM_END))
				break;
		}
	}
	return CAIRO_STATUS_SUCCESS;
}

/* Draw band b into px and deflate it. */
static void band_run(band_queue *q, png_band *b, unsigned char *px, z_stream *zs,
		     unsigned char *row)
{
	int rows = b->y1 - b->y0;
	cairo_surface_t *s;
	cairo_t *cr;
	double t0 = hm_now();

	if (q->blank)
		memset(px, 0, (size_t)rows * q->stride);
	s = cairo_image_surface_create_for_data(px, CAIRO_FORMAT_RGB24, q->w, rows, q->stride);
	cr = cairo_create(s);
	cairo_translate(cr, 0, -b->y0);
	band_stamps = q->stamps;
	hm_draw_map(cr, q->m);
	band_stamps = NULL;
	b->st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	if (b->st == CAIRO_STATUS_SUCCESS)
		b->st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	b->t_draw = hm_now() - t0;
	if (b->st == CAIRO_STATUS_SUCCESS) {
		if (deflateReset(zs) != Z_OK)
			b->st = CAIRO_STATUS_NO_MEMORY;
		else
			b->st = band_deflate(b, zs, row, px, q->w, q->stride,
					     b == q->b + q->nb - 1);
	}
	b->t_encode = hm_now() - t0 - b->t_draw;
}

/* Bands are taken one at a time by each thread until none is left: the
 * threads share the work however fast each one runs (on these machines one
 * CPU was often half as fast as the other). */
static void *band_worker(void *arg)
{
	band_queue *q = arg;
	unsigned char *px = pixbuf_get((size_t)q->rows * q->stride);
	unsigned char *row = malloc((size_t)q->w * 3 + 1);
	z_stream zs;
	int ok;

	memset(&zs, 0, sizeof(zs));
	ok = px && row &&
	     deflateInit2(&zs, PNG_LEVEL, Z_DEFLATED, -15, PNG_MEM_LEVEL, Z_DEFAULT_STRATEGY) ==
		     Z_OK;
	for (;;) {
		int k = atomic_fetch_add(&q->next, 1);
		if (k >= q->nb)
			break;
		if (ok)
			band_run(q, &q->b[k], px, &zs, row);
		else
			q->b[k].st = CAIRO_STATUS_NO_MEMORY;
	}
	if (ok)
		deflateEnd(&zs);
	free(row);
	return NULL;
}

static void be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* One chunk: its data given in up to three pieces. */
static cairo_status_t png_chunk(cairo_write_func_t write, void *closure, const char *type,
				const unsigned char *const *part, const size_t *len, int n)
{
	unsigned char head[8], tail[4];
	uint32_t crc = libdeflate_crc32(0, type, 4);
	size_t total = 0;
	cairo_status_t st;

	for (int k = 0; k < n; k++) {
		total += len[k];
		crc = libdeflate_crc32(crc, part[k], len[k]);
	}
	if (total > 0x7fffffffu)
		return CAIRO_STATUS_WRITE_ERROR;
	be32(head, (uint32_t)total);
	memcpy(head + 4, type, 4);
	be32(tail, crc);
	st = write(closure, head, 8);
	for (int k = 0; k < n && st == CAIRO_STATUS_SUCCESS; k++)
		for (size_t off = 0; off < len[k] && st == CAIRO_STATUS_SUCCESS;) {
			unsigned int piece =
				len[k] - off > (1u << 30) ? 1u << 30 : (unsigned int)(len[k] - off);
			st = write(closure, part[k] + off, piece);
			off += piece;
		}
	return st == CAIRO_STATUS_SUCCESS ? write(closure, tail, 4) : st;
}

void hm_render_help(int (*stop)(void *), void *arg)
{
	pthread_mutex_lock(&open_mu);
	for (;;) {
		band_queue *q = open_list;
		while (q && atomic_load(&q->next) >= q->nb)
			q = q->next_open;
		if (q) {
			q->guests++;
			pthread_mutex_unlock(&open_mu);
			band_worker(q);
			pthread_mutex_lock(&open_mu);
			q->guests--;
			pthread_cond_broadcast(&open_cv);
			continue;
		}
		if (stop(arg))
			break;
		pthread_cond_wait(&open_cv, &open_mu);
	}
	pthread_mutex_unlock(&open_mu);
}

void hm_render_help_wake(void)
{
	pthread_mutex_lock(&open_mu);
	pthread_cond_broadcast(&open_cv);
	pthread_mutex_unlock(&open_mu);
}

/* Draw m in bands on the context's threads and write it as a PNG; adds the
 * draw and encode times to *t_draw and *t_encode. */
static cairo_status_t draw_png(hm_ctx *ctx, const hm_map *m, cairo_write_func_t write,
			       void *closure, double *t_draw, double *t_encode)
{
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	int w = (int)m->width, h = (int)m->height;
	int stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, w);
	png_band *b;
	void *args[HM_MAX_THREADS];
	int nt = hm_ctx_threads(ctx), nb;
	band_queue q;
	stamp_set stamps;
	unsigned char ihdr[13], phys[9], zhead[2] = {0x78, 0x01}, adler[4];
	uint32_t ppm = (uint32_t)(m->dpi / 0.0254 + 0.5);
	cairo_status_t st;
	double t0 = hm_now(), tdraw = 0, tall = 0;

	if (w <= 0 || h <= 0 || stride <= 0)
		return CAIRO_STATUS_INVALID_SIZE;
	nb = (h + PNG_BAND_ROWS - 1) / PNG_BAND_ROWS;
	b = calloc((size_t)nb, sizeof(*b));
	if (!b)
		return CAIRO_STATUS_NO_MEMORY;
	if (stamps_for_png(&stamps, ctx, m) < 0) {
		free(b);
		return CAIRO_STATUS_NO_MEMORY;
	}
	for (int k = 0; k < nb; k++) {
		b[k].y0 = (int)((long)h * k / nb);
		b[k].y1 = (int)((long)h * (k + 1) / nb);
	}
	q.m = m;
	q.w = w;
	q.stride = stride;
	q.rows = (h + nb - 1) / nb;
	/* every pixel is painted (paper round the frame, sea inside) unless
	 * either lets what is under it through */
	q.blank = m->look.paper.a < 1 || m->look.sea.a < 1;
	q.stamps = stamps.stamps ? &stamps : NULL;
	q.b = b;
	q.nb = nb;
	atomic_init(&q.next, 0);
	q.guests = 0;
	nt = nt < 1 ? 1 : nt > HM_MAX_THREADS ? HM_MAX_THREADS : nt;
	for (int k = 0; k < nt; k++)
		args[k] = &q;
	pthread_mutex_lock(&open_mu);
	q.next_open = open_list;
	open_list = &q;
	pthread_cond_broadcast(&open_cv);
	pthread_mutex_unlock(&open_mu);
	hm_ctx_parallel(ctx, band_worker, args, nt < nb ? nt : nb);
	/* every band is taken: off the list, and wait for the guests' last */
	pthread_mutex_lock(&open_mu);
	for (band_queue **pq = &open_list; *pq; pq = &(*pq)->next_open)
		if (*pq == &q) {
			*pq = q.next_open;
			break;
		}
	while (q.guests > 0)
		pthread_cond_wait(&open_cv, &open_mu);
	pthread_mutex_unlock(&open_mu);
	if (stamps.stamps)
		stamp_set_free(&stamps);
	st = CAIRO_STATUS_SUCCESS;
	for (int k = 0; k < nb; k++) {
		if (st == CAIRO_STATUS_SUCCESS)
			st = b[k].st;
		tdraw += b[k].t_draw;
		tall += b[k].t_draw + b[k].t_encode;
	}
	/* drawing and deflating interleave: their shares of the wall time */
	*t_draw += tall > 0 ? (hm_now() - t0) * tdraw / tall : 0;
	if (st == CAIRO_STATUS_SUCCESS) {
		uLong a = b[0].adler;
		size_t rowlen = (size_t)w * 3 + 1;
		for (int k = 1; k < nb; k++)
			a = adler32_combine(a, b[k].adler,
					    (z_off_t)(rowlen * (size_t)(b[k].y1 - b[k].y0)));
		be32(adler, (uint32_t)a);
		be32(ihdr, (uint32_t)w);
		be32(ihdr + 4, (uint32_t)h);
		ihdr[8] = 8;  /* bits per sample */
		ihdr[9] = 2;  /* RGB */
		ihdr[10] = 0; /* deflate */
		ihdr[11] = 0; /* adaptive filtering (every row: none) */
		ihdr[12] = 0; /* not interlaced */
		be32(phys, ppm);
		be32(phys + 4, ppm);
		phys[8] = 1; /* pixels per metre: the map's dpi */
		st = write(closure, sig, sizeof(sig));
		if (st == CAIRO_STATUS_SUCCESS) {
			const unsigned char *p[] = {ihdr};
			size_t l[] = {sizeof(ihdr)};
			st = png_chunk(write, closure, "IHDR", p, l, 1);
		}
		if (st == CAIRO_STATUS_SUCCESS) {
			const unsigned char *p[] = {phys};
			size_t l[] = {sizeof(phys)};
			st = png_chunk(write, closure, "pHYs", p, l, 1);
		}
		for (int k = 0; k < nb && st == CAIRO_STATUS_SUCCESS; k++) {
			const unsigned char *p[3];
			size_t l[3];
			int n = 0;
			if (k == 0)
				p[n] = zhead, l[n++] = sizeof(zhead);
			p[n] = b[k].z, l[n++] = b[k].zlen;
			if (k == nb - 1)
				p[n] = adler, l[n++] = sizeof(adler);
			st = png_chunk(write, closure, "IDAT", p, l, n);
		}
		if (st == CAIRO_STATUS_SUCCESS)
			st = png_chunk(write, closure, "IEND", NULL, NULL, 0);
	}
	for (int k = 0; k < nb; k++)
		free(b[k].z);
	free(b);
	*t_encode += tall > 0 ? (hm_now() - t0) * (1 - tdraw / tall) : hm_now() - t0;
	return st;
}

static const char *pdf_date(char *buf, size_t cap)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;
	time_t tt;
	struct tm tm;

	buf[0] = '\0';
	if (!e || !*e)
		return buf;
	v = strtoll(e, &end, 10);
	tt = (time_t)v;
	if (*end || v < 0 || !gmtime_r(&tt, &tm))
		return buf;
	strftime(buf, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

/* Draw to one surface kind, sending bytes to write(closure). */
static int render_to(hm_ctx *ctx, const hm_map *m, hm_format fmt, cairo_write_func_t write,
		     void *closure, const char *what)
{
	double sx = 72.0 / m->dpi, t0, t1;
	char date[32];

	errno = 0;
	cairo_surface_t *s;
	cairo_status_t st;
	cairo_t *cr;

	switch (fmt) {
	case HM_FORMAT_PNG: {
		hm_timings *T = hm_ctx_timings_mut(ctx);
		st = draw_png(ctx, m, write, closure, &T->draw, &T->encode);
		goto done;
	}
	case HM_FORMAT_SVG:
		s = cairo_svg_surface_create_for_stream(write, closure, m->width * sx,
							m->height * sx);
		break;
	case HM_FORMAT_PDF:
		s = cairo_pdf_surface_create_for_stream(write, closure, m->width * sx,
							m->height * sx);
		if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
			cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, m->title);
			cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
						       "hotmap " HOTMAP_VERSION);
			/* the same input gives the same bytes: no clock time in
			 * the file, unless SOURCE_DATE_EPOCH asks for one */
			cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE,
						       pdf_date(date, sizeof(date)));
		}
		break;
	default: return hm_error(ctx, HM_EUSAGE, "%s: unknown format", what);
	}
	st = cairo_surface_status(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return hm_error(ctx, st == CAIRO_STATUS_NO_MEMORY ? HM_ENOMEM : HM_ERENDER,
				"%s: cannot create the image: %s", what,
				cairo_status_to_string(st));
	}
	t0 = hm_now();
	cr = cairo_create(s);
	cairo_scale(cr, sx, sx);
	hm_draw_map(cr, m);
	st = cairo_status(cr);
	cairo_destroy(cr);
	t1 = hm_now();
	cairo_surface_finish(s);
	/* vector surfaces write as they go and at finish: that is encoding */
	hm_ctx_timings_mut(ctx)->draw += t1 - t0;
	hm_ctx_timings_mut(ctx)->encode += hm_now() - t1;
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
done:
	if (st == CAIRO_STATUS_NO_MEMORY)
		return hm_error(ctx, HM_ENOMEM, "%s: out of memory drawing the map", what);
	if (st == CAIRO_STATUS_WRITE_ERROR)
		return hm_error(ctx, HM_EIO, "%s: write failed: %s", what,
				strerror(errno ? errno : EIO));
	if (st != CAIRO_STATUS_SUCCESS)
		return hm_error(ctx, HM_ERENDER, "%s: drawing failed: %s", what,
				cairo_status_to_string(st));
	return HM_OK;
}

/* Cairo names SVG groups "surfaceN" from a process-wide counter, so a second
 * map drawn in the same process would differ in its ids. Number them by first
 * appearance instead, so that the same map always gives the same bytes. */
static int write_svg_renumbered(FILE *f, const unsigned char *buf, size_t len)
{
	static const char key[] = "surface";
	unsigned long seen[64];
	size_t nseen = 0, i = 0, k = sizeof(key) - 1;

	while (i < len) {
		const unsigned char *hit = NULL;
		size_t j;
		for (j = i; j + k < len; j++)
			if (buf[j] == 's' && memcmp(buf + j, key, k) == 0 && buf[j + k] >= '0' &&
			    buf[j + k] <= '9') {
				hit = buf + j;
				break;
			}
		if (!hit) {
			if (fwrite(buf + i, 1, len - i, f) != len - i)
				return -1;
			break;
		}
		if (fwrite(buf + i, 1, j - i + k, f) != j - i + k)
			return -1;
		{
			unsigned long id = 0, idx;
			size_t q = j + k;
			while (q < len && buf[q] >= '0' && buf[q] <= '9')
				id = id * 10 + (unsigned long)(buf[q++] - '0');
			for (idx = 0; idx < nseen && seen[idx] != id; idx++)
				;
			if (idx == nseen && nseen < 64)
				seen[nseen++] = id;
			if (fprintf(f, "%lu", idx < 64 ? idx + 1 : id) < 0)
				return -1;
			i = q;
		}
	}
	return 0;
}

int hm_render_png_buffer(unsigned char **out, size_t *len, hm_ctx *ctx, const hm_map *map)
{
	membuf b = {NULL, 0, 0};
	int rc = render_to(ctx, map, HM_FORMAT_PNG, write_mem, &b, "<png buffer>");

	if (rc < 0) {
		free(b.buf);
		return rc;
	}
	*out = b.buf;
	*len = b.len;
	return HM_OK;
}

int hm_render_write(hm_ctx *ctx, const hm_map *map, const char *const *outputs, size_t n,
		    const char *manifest)
{
	hm_out *outs;
	char *json = NULL;
	size_t jlen = 0, total = n + (manifest ? 1 : 0);
	int rc = HM_OK;

	for (size_t i = 0; i < n; i++)
		if (hm_format_from_path(outputs[i]) == HM_FORMAT_UNKNOWN)
			return hm_error(ctx, HM_EUSAGE,
					"%s: unknown output format; use .png, .svg "
					"or .pdf",
					outputs[i]);
	outs = calloc(total ? total : 1, sizeof(*outs));
	if (!outs)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	for (size_t i = 0; i < n && rc == HM_OK; i++) {
		hm_format fmt = hm_format_from_path(outputs[i]);
		rc = hm_out_open(&outs[i], ctx, outputs[i]);
		if (rc == HM_OK && fmt == HM_FORMAT_SVG) {
			membuf b = {NULL, 0, 0};
			rc = render_to(ctx, map, fmt, write_mem, &b, outputs[i]);
			if (rc == HM_OK && write_svg_renumbered(outs[i].f, b.buf, b.len) < 0)
				rc = hm_error(ctx, HM_EIO, "%s: write failed", outputs[i]);
			free(b.buf);
		} else if (rc == HM_OK) {
			rc = render_to(ctx, map, fmt, write_file, outs[i].f, outputs[i]);
		}
		if (rc == HM_OK)
			rc = hm_out_finish(&outs[i], ctx);
	}
	if (rc == HM_OK && manifest) {
		rc = hm_manifest_buffer(&json, &jlen, ctx, map);
		if (rc == HM_OK)
			rc = hm_out_open(&outs[n], ctx, manifest);
		if (rc == HM_OK && fwrite(json, 1, jlen, outs[n].f) != jlen)
			rc = hm_error(ctx, HM_EIO, "%s: write failed", manifest);
		if (rc == HM_OK)
			rc = hm_out_finish(&outs[n], ctx);
	}
	/* only when every file is complete does any replace its old version;
	 * a target that rename() cannot replace fails the run before any does */
	for (size_t i = 0; i < total && rc == HM_OK; i++) {
		struct stat st;
		if (stat(outs[i].path, &st) == 0 && S_ISDIR(st.st_mode))
			rc = hm_error(ctx, HM_EIO, "%s: is a folder", outs[i].path);
	}
	for (size_t i = 0; i < total && rc == HM_OK; i++)
		rc = hm_out_commit(&outs[i], ctx);
	for (size_t i = 0; i < total; i++)
		hm_out_discard(&outs[i]);
	free(outs);
	free(json);
	return rc;
}
