/* Site symbols: circles in each site's colours, on a raster with many sites
 * composited from stamps drawn once. */
#include "symbols_draw.h"

#include "context.h"
#include "paint.h"
#include "svg.h"

#include <math.h>
#include <pixman.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* A category's outline: its own colour, darker, so that it reads as one
 * symbol whatever the palette. */
hm_color hm_symbols_category_line(hm_color c)
{
	hm_color d = {c.r * 0.5, c.g * 0.5, c.b * 0.5, 1};

	return d;
}

static void symbol_colors(const hm_map *m, const hm_map_site *s, hm_color *fill, hm_color *line)
{
	const hm_style *k = &m->look;

	*fill = k->symbol_fill;
	*line = k->symbol_line;
	if (s->category && k->ncategories > 0) {
		*fill = k->categories[s->category_index % k->ncategories];
		*line = hm_symbols_category_line(*fill);
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

struct hm_stamps {
	const hm_map *m;
	stamp *stamps;
	stamp **slot; /* STAMP_SLOTS */
	size_t n;
	atomic_size_t next; /* make_stamps: the next stamp to draw */
};

static void make_stamp(const hm_map *m, stamp *st)
{
	double lw = hm_pt(m, m->look.symbol_line_pt), r = st->key_r / 8.0;
	int size = (int)ceil(2 * (fmax(r, hm_pt(m, 0.6)) + lw)) + 3;
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, size, size);
	cairo_t *cr = cairo_create(img);

	st->off = size / 2.0;
	cairo_set_line_width(cr, lw);
	symbol_path(cr, m, st->off, st->off, r);
	hm_paint_rgba(cr, st->fill);
	cairo_fill_preserve(cr);
	hm_paint_rgba(cr, st->line);
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
static stamp **stamp_slot(const hm_stamps *ss, int kr, int kc)
{
	size_t h = ((size_t)(unsigned)kr * 31u + (size_t)(kc + 1)) % STAMP_SLOTS;

	while (ss->slot[h] && !(ss->slot[h]->key_r == kr && ss->slot[h]->key_c == kc))
		h = (h + 1) % STAMP_SLOTS;
	return &ss->slot[h];
}

/* The stamp for s: the set's (NULL if it could not be drawn), else a new
 * entry, drawn by the caller (make_stamp), if the set has room; NULL: draw
 * a circle. */
static stamp *stamp_get(hm_stamps *ss, const hm_map *m, const hm_map_site *s)
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

static int stamp_set_init(hm_stamps *ss, const hm_map *m)
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

static void stamp_set_free(hm_stamps *ss)
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
static void make_stamps(void *arg, hm_worker *w)
{
	hm_stamps *ss = arg;

	(void)w;
	for (;;) {
		size_t k = atomic_fetch_add(&ss->next, 1);
		if (k >= ss->n)
			break;
		make_stamp(ss->m, &ss->stamps[k]);
	}
}

int hm_symbols_stamps_new(hm_stamps **out, hm_ctx *ctx, const hm_map *m)
{
	void *args[HM_MAX_THREADS];
	int nt = hm_ctx_threads(ctx);
	hm_stamps *ss;

	*out = NULL;
	if (m->hide_symbols || m->nsites < STAMP_MIN_SITES)
		return 0;
	ss = malloc(sizeof(*ss));
	if (!ss || stamp_set_init(ss, m) < 0) {
		free(ss);
		return -1;
	}
	for (size_t i = 0; i < m->nsites; i++)
		if (m->sites[i].x != HUGE_VAL && m->sites[i].cluster_size > 0)
			stamp_get(ss, m, &m->sites[i]);
	nt = nt < 1 ? 1 : nt > HM_MAX_THREADS ? HM_MAX_THREADS : nt;
	for (int k = 0; k < nt; k++)
		args[k] = ss;
	hm_ctx_run(ctx, make_stamps, args, nt);
	*out = ss;
	return 0;
}

void hm_symbols_stamps_free(hm_stamps *ss)
{
	if (!ss)
		return;
	stamp_set_free(ss);
	free(ss);
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

/* The stamp for s: the PNG's (ready), else own's, drawn here when new; NULL
 * (no stamps, or none to be had): draw a circle. */
static const stamp *stamp_for(const hm_stamps *ready, hm_stamps *own, const hm_map *m,
			      const hm_map_site *s)
{
	if (ready) {
		const stamp *st;
		int kr, kc;
		stamp_key(s, &kr, &kc);
		st = *stamp_slot(ready, kr, kc);
		return st && st->pix ? st : NULL;
	}
	if (own) {
		stamp *mine = stamp_get(own, m, s);
		if (mine && !mine->img)
			make_stamp(m, mine);
		return mine && mine->pix ? mine : NULL;
	}
	return NULL;
}

static void draw_circle(cairo_t *cr, const hm_map *m, const hm_map_site *s)
{
	hm_color fill, line;
	hm_svg *svg = hm_svg_of(cr);

	symbol_colors(m, s, &fill, &line);
	if (svg) {
		hm_svg_symbol(svg, m, s, fmax(s->r, hm_pt(m, 0.6)), fill, line,
			      cairo_get_line_width(cr));
		return;
	}
	symbol_path(cr, m, s->x, s->y, s->r);
	hm_paint_rgba(cr, fill);
	cairo_fill_preserve(cr);
	hm_paint_rgba(cr, line);
	cairo_stroke(cr);
}

void hm_symbols_draw(cairo_t *cr, const hm_map *m, const hm_stamps *stamps)
{
	int raster = cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_IMAGE;
	const hm_stamps *ready = stamps && stamps->m == m ? stamps : NULL;
	hm_stamps own; /* an inset's, or a raster's not drawn in bands */
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
		const stamp *st;
		/* a cluster's member is drawn as its cluster's symbol */
		if (s->x == HUGE_VAL || s->cluster_size == 0)
			continue;
		/* not in the band being drawn */
		if (s->x + s->r < x1 || s->x - s->r > x2 || s->y + s->r < y1 || s->y - s->r > y2)
			continue;
		st = stamp_for(ready, have_own ? &own : NULL, m, s);
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
		draw_circle(cr, m, s);
	}
	if (open)
		canvas_close(&canvas);
	if (have_own)
		stamp_set_free(&own);
}
