/* Label placement. A uniform grid over the frame indexes what labels must
 * avoid, so that crowded maps (thousands of sites) stay fast. */
#include "labels.h"

#include "bins.h"
#include "context.h"
#include "text.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ITEM_LABEL, ITEM_LEADER };

typedef struct {
	double box[4];
	double cx, cy, r; /* circles; leaders: (cx, cy) to (r, ...) see seg */
	double seg[4];	  /* leaders: x0, y0, x1, y1 */
	int type;
	size_t owner; /* site index */
	long next;    /* next entry in the same cell, -1 */
	unsigned stamp;
} grid_entry;

typedef struct {
	double x0, y0, cell;
	int nx, ny;
	long *head;	 /* per cell: first link, -1 */
	long *link_next; /* links: entry index + next link */
	size_t *link_entry;
	size_t nlinks, cap_links;
	grid_entry *e;
	size_t n, cap;
	unsigned stamp;
	/* the symbols, which do not move: binned once by centre */
	const hm_map *m;
	hm_symbol_bins sym;
	double centre; /* around a symbol's centre: forbidden */
} grid;

static int grid_init(grid *g, const double frame[4], double cell)
{
	memset(g, 0, sizeof(*g));
	g->x0 = frame[0];
	g->y0 = frame[1];
	g->cell = cell;
	g->nx = (int)(frame[2] / cell) + 1;
	g->ny = (int)(frame[3] / cell) + 1;
	g->head = malloc((size_t)g->nx * (size_t)g->ny * sizeof(long));
	if (!g->head)
		return -1;
	for (long i = 0; i < (long)g->nx * g->ny; i++)
		g->head[i] = -1;
	return 0;
}

static void grid_free(grid *g)
{
	hm_symbol_bins_free(&g->sym);
	free(g->head);
	free(g->link_next);
	free(g->link_entry);
	free(g->e);
}

static void cell_range(const grid *g, const double b[4], int *i0, int *j0, int *i1, int *j1)
{
	*i0 = (int)floor((b[0] - g->x0) / g->cell);
	*j0 = (int)floor((b[1] - g->y0) / g->cell);
	*i1 = (int)floor((b[0] + b[2] - g->x0) / g->cell);
	*j1 = (int)floor((b[1] + b[3] - g->y0) / g->cell);
	*i0 = *i0 < 0 ? 0 : *i0 >= g->nx ? g->nx - 1 : *i0;
	*i1 = *i1 < 0 ? 0 : *i1 >= g->nx ? g->nx - 1 : *i1;
	*j0 = *j0 < 0 ? 0 : *j0 >= g->ny ? g->ny - 1 : *j0;
	*j1 = *j1 < 0 ? 0 : *j1 >= g->ny ? g->ny - 1 : *j1;
}

static int grid_add(grid *g, const grid_entry *src)
{
	int i0, j0, i1, j1;

	if (g->n == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 256;
		grid_entry *e = realloc(g->e, cap * sizeof(*e));
		if (!e)
			return -1;
		g->e = e;
		g->cap = cap;
	}
	g->e[g->n] = *src;
	g->e[g->n].stamp = 0;
	cell_range(g, src->box, &i0, &j0, &i1, &j1);
	for (int j = j0; j <= j1; j++) {
		for (int i = i0; i <= i1; i++) {
			size_t c = (size_t)j * (size_t)g->nx + (size_t)i;
			if (g->nlinks == g->cap_links) {
				size_t cap = g->cap_links ? g->cap_links * 2 : 1024;
				long *ln = realloc(g->link_next, cap * sizeof(long));
				size_t *le;
				if (!ln)
					return -1;
				g->link_next = ln;
				le = realloc(g->link_entry, cap * sizeof(size_t));
				if (!le)
					return -1;
				g->link_entry = le;
				g->cap_links = cap;
			}
			g->link_entry[g->nlinks] = g->n;
			g->link_next[g->nlinks] = g->head[c];
			g->head[c] = (long)g->nlinks++;
		}
	}
	g->n++;
	return 0;
}

/* Distance from point (px, py) to segment s. */
static double seg_dist(const double s[4], double px, double py)
{
	double dx = s[2] - s[0], dy = s[3] - s[1], l2 = dx * dx + dy * dy, t;

	t = l2 > 0 ? ((px - s[0]) * dx + (py - s[1]) * dy) / l2 : 0;
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	return hypot(s[0] + t * dx - px, s[1] + t * dy - py);
}

static int seg_cross(const double a[4], double x0, double y0, double x1, double y1)
{
	double d1 = (a[2] - a[0]) * (y0 - a[1]) - (a[3] - a[1]) * (x0 - a[0]);
	double d2 = (a[2] - a[0]) * (y1 - a[1]) - (a[3] - a[1]) * (x1 - a[0]);
	double d3 = (x1 - x0) * (a[1] - y0) - (y1 - y0) * (a[0] - x0);
	double d4 = (x1 - x0) * (a[3] - y0) - (y1 - y0) * (a[2] - x0);

	return ((d1 > 0) != (d2 > 0)) && ((d3 > 0) != (d4 > 0));
}

/* 1 if segment s meets box b (an end inside, or crossing an edge). */
static int seg_box(const double s[4], const double b[4])
{
	double x0 = b[0], y0 = b[1], x1 = b[0] + b[2], y1 = b[1] + b[3];

	if ((s[0] > x0 && s[0] < x1 && s[1] > y0 && s[1] < y1) ||
	    (s[2] > x0 && s[2] < x1 && s[3] > y0 && s[3] < y1))
		return 1;
	return seg_cross(s, x0, y0, x1, y0) || seg_cross(s, x1, y0, x1, y1) ||
	       seg_cross(s, x1, y1, x0, y1) || seg_cross(s, x0, y1, x0, y0);
}

/* The leader of a label box: from the circle's edge to the box's nearest
 * point. */
static void leader_of(double s[4], double cx, double cy, double r, const double b[4])
{
	double tx = fmax(b[0], fmin(cx, b[0] + b[2]));
	double ty = fmax(b[1], fmin(cy, b[1] + b[3]));
	double dx = tx - cx, dy = ty - cy, d = hypot(dx, dy);

	s[0] = d > 0 ? cx + dx / d * r : cx;
	s[1] = d > 0 ? cy + dy / d * r : cy;
	s[2] = tx;
	s[3] = ty;
}

/* Call fn on each entry whose cells meet box b, once each; stops at and
 * returns fn's first nonzero answer. */
static int grid_visit(grid *g, const double b[4], int (*fn)(grid_entry *e, void *ud), void *ud)
{
	int i0, j0, i1, j1;

	g->stamp++;
	cell_range(g, b, &i0, &j0, &i1, &j1);
	for (int j = j0; j <= j1; j++) {
		for (int i = i0; i <= i1; i++) {
			long l = g->head[(size_t)j * (size_t)g->nx + (size_t)i];
			for (; l >= 0; l = g->link_next[l]) {
				grid_entry *e = &g->e[g->link_entry[l]];
				int r;
				if (e->stamp == g->stamp)
					continue;
				e->stamp = g->stamp;
				if ((r = fn(e, ud)) != 0)
					return r;
			}
		}
	}
	return 0;
}

typedef struct {
	const double *s; /* a leader segment, or a label box */
	size_t self;
	double centre;
} probe;

static int leader_meets(grid_entry *e, void *ud)
{
	const probe *p = ud;

	if (e->owner == p->self)
		return 0;
	return (e->type == ITEM_LABEL && seg_box(p->s, e->box)) ||
	       (e->type == ITEM_LEADER &&
		seg_cross(p->s, e->seg[0], e->seg[1], e->seg[2], e->seg[3]));
}

/* 1 if a symbol other than self's meets box b (hit: its disc, or the box
 * round its centre) or, with a segment s, has its centre within the
 * forbidden distance of s. */
typedef struct {
	const grid *g;
	const double *b, *s;
	size_t self;
} symbol_probe;

static int symbol_hit(size_t k, void *ud)
{
	const symbol_probe *p = ud;
	const grid *g = p->g;
	size_t o = g->sym.site[k];
	const hm_map_site *st = &g->m->sites[o];
	double cb[4] = {st->x - g->centre, st->y - g->centre, 2 * g->centre, 2 * g->centre};

	if (o == p->self)
		return 0;
	return p->s ? seg_dist(p->s, st->x, st->y) < g->centre
		    : hm_box_overlap(p->b, cb) ||
			       (st->r > 0 && hm_circle_depth(p->b, st->x, st->y, st->r) > 0);
}

static int symbol_meets(const grid *g, const double b[4], const double *s, size_t self)
{
	symbol_probe p = {g, b, s, self};

	return hm_bins_visit(&g->sym.bins, b, g->sym.reach + g->centre, symbol_hit, &p);
}

/* 1 if a leader segment would cross a placed label, another leader, or pass
 * over another symbol's centre. */
static int leader_blocked(grid *g, const double s[4], size_t self, double centre)
{
	double b[4] = {fmin(s[0], s[2]) - centre, fmin(s[1], s[3]) - centre,
		       fabs(s[2] - s[0]) + 2 * centre, fabs(s[3] - s[1]) + 2 * centre};
	probe p = {s, self, centre};

	return grid_visit(g, b, leader_meets, &p) || symbol_meets(g, b, s, self);
}

static int box_meets(grid_entry *e, void *ud)
{
	const probe *p = ud;
	const double *b = p->s;

	if (!hm_box_overlap(b, e->box))
		return 0;
	if (e->type == ITEM_LABEL)
		return 1;
	if (e->owner == p->self)
		return 0;
	/* nor a leader */
	return e->type == ITEM_LEADER && seg_box(e->seg, b);
}

/* 1 if box b may not hold the label of site self: a label never covers
 * another symbol, not even its rim (the reader must see every circle
 * whole), nor a symbol's centre, another label or a leader. */
static int box_blocked(grid *g, const double b[4], size_t self)
{
	probe p = {b, self, 0};

	return grid_visit(g, b, box_meets, &p) || symbol_meets(g, b, NULL, self);
}

/* Candidate box k around a circle, in cartographic order of preference:
 * right, upper right, left, upper left, lower right, lower left, above,
 * below; each ring farther out (with a leader line). */
static void candidate(double out[4], int k, int ring, double cx, double cy, double r, double gap,
		      double w, double h)
{
	static const double c45 = 0.70710678118654752;
	double d = r + gap + ring * h * 1.2;

	switch (k) {
	case 0: out[0] = cx + d, out[1] = cy - h / 2; break;
	case 1: out[0] = cx + d * c45, out[1] = cy - d * c45 - h; break;
	case 2: out[0] = cx - d - w, out[1] = cy - h / 2; break;
	case 3: out[0] = cx - d * c45 - w, out[1] = cy - d * c45 - h; break;
	case 4: out[0] = cx + d * c45, out[1] = cy + d * c45; break;
	case 5: out[0] = cx - d * c45 - w, out[1] = cy + d * c45; break;
	case 6: out[0] = cx - w / 2, out[1] = cy - d - h; break;
	default: out[0] = cx - w / 2, out[1] = cy + d; break;
	}
	out[2] = w;
	out[3] = h;
}

/* Site i's label size (w, h), warning of characters no font can draw. */
static void measure_label(hm_map *m, hm_ctx *ctx, size_t i, double *w, double *h)
{
	const hm_map_site *s = &m->sites[i];
	int unknown = hm_text_size(m->look.font, m->label_px, 0, s->label, w, h);

	if (unknown > 0) {
		m->missing_glyphs += (size_t)unknown;
		hm_log(ctx, HM_LOG_WARN,
		       "%s:%zu: label \"%s\": %d character%s no installed "
		       "font can draw (install fonts-noto-core)",
		       m->source_name, s->line, s->label, unknown, unknown == 1 ? "" : "s");
	}
}

/* The symbols binned by centre: every centre is forbidden ground, every
 * disc costly. -1 out of memory. */
static int add_symbols(grid *g, const hm_map *m, double centre)
{
	g->m = m;
	g->centre = centre;
	return hm_symbol_bins_make(&g->sym, m->sites, m->nsites, m->frame, centre);
}

/* 1 if a label at box (halo included: hb) is free: in the frame, clear of
 * the furniture, of what the grid holds and, away from the symbol (ring >
 * 0), with a leader that crosses nothing. */
static int position_free(grid *g, const hm_map *m, size_t i, const double box[4], int ring,
			 double centre)
{
	const hm_map_site *s = &m->sites[i];
	double hb[4] = {box[0] - m->halo_px, box[1] - m->halo_px, box[2] + 2 * m->halo_px,
			box[3] + 2 * m->halo_px};

	if (!hm_box_inside(hb, m->frame, hm_pt(m, 1)))
		return 0;
	for (size_t u = 0; u < m->nfurniture; u++)
		if (hm_box_overlap(hb, m->furniture[u]))
			return 0;
	if (box_blocked(g, hb, i))
		return 0;
	if (ring > 0) {
		double seg[4];
		leader_of(seg, s->x, s->y, s->r, box);
		/* a label far from its symbol reads as another's */
		if (hypot(seg[2] - seg[0], seg[3] - seg[1]) > m->dpi * HM_LEADER_MAX_MM / 25.4)
			return 0;
		if (leader_blocked(g, seg, i, centre))
			return 0;
	}
	return 1;
}

/* The first free position of site i's label in order of preference, ring
 * by ring outwards (ring > 0 with a leader): its box in out and its ring,
 * or -1 when none is free. */
static int best_position(grid *g, const hm_map *m, size_t i, double w, double h, double gap,
			 double centre, double out[4])
{
	const hm_map_site *s = &m->sites[i];

	for (int ring = 0; ring < 6; ring++)
		for (int k = 0; k < 8; k++) {
			candidate(out, k, ring, s->x, s->y, s->r, gap, w, h);
			if (position_free(g, m, i, out, ring, centre))
				return ring;
		}
	return -1;
}

/* Site i's label placed at box: on the map and in the grid, with its
 * leader when it has one. -1 out of memory. */
static int place_label(grid *g, hm_map *m, size_t i, const double box[4], int ring)
{
	hm_map_site *s = &m->sites[i];
	grid_entry e = {{box[0] - m->halo_px, box[1] - m->halo_px, box[2] + 2 * m->halo_px,
			 box[3] + 2 * m->halo_px},
			0,
			0,
			0,
			{0},
			ITEM_LABEL,
			i,
			-1,
			0};

	if (grid_add(g, &e) < 0)
		return -1;
	memcpy(s->label_box, box, sizeof(s->label_box));
	s->labelled = 1;
	s->leader = ring > 0;
	if (s->leader) {
		grid_entry l = {{0}, 0, 0, 0, {0}, ITEM_LEADER, i, -1, 0};
		leader_of(l.seg, s->x, s->y, s->r, box);
		l.box[0] = fmin(l.seg[0], l.seg[2]), l.box[1] = fmin(l.seg[1], l.seg[3]);
		l.box[2] = fabs(l.seg[2] - l.seg[0]) + 1, l.box[3] = fabs(l.seg[3] - l.seg[1]) + 1;
		if (grid_add(g, &l) < 0)
			return -1;
	}
	return 0;
}

/* 1 if site s may get a label: it has text and lies in this frame (a
 * site outside it is an inset's to label). */
static int labellable(const hm_map *m, const hm_map_site *s)
{
	const double *f = m->frame;

	return s->label[0] && s->x != HUGE_VAL && s->x >= f[0] && s->y >= f[1] &&
	       s->x <= f[0] + f[2] && s->y <= f[1] + f[3];
}

int hm_labels_place_sites(hm_map *m, hm_ctx *ctx, long budget)
{
	double gap = hm_pt(m, 1.5) + m->halo_px, centre = hm_pt(m, 1.2), w, h, h0, box[4];
	size_t placed = 0, missed = 0;
	grid g;
	int rc = HM_OK;

	if (m->nsites == 0 || budget == HM_LABELS_NONE)
		return HM_OK;
	/* cells of about two lines of text: the height of a label's line */
	hm_text_size(m->look.font, m->label_px, 0, "Hg", &w, &h0);
	if (grid_init(&g, m->frame, fmax(h0 * 2, 32)) < 0 || add_symbols(&g, m, centre) < 0)
		rc = hm_error(ctx, HM_ENOMEM, "out of memory");
	for (size_t o = 0; rc == HM_OK && o < m->nsites; o++) {
		size_t i = m->order[o];
		const hm_map_site *s = &m->sites[i];
		int ring;
		if (!labellable(m, s))
			continue;
		if ((budget > 0 && placed >= (size_t)budget) ||
		    (budget == HM_LABELS_AUTO && missed >= HM_LABELS_GIVE_UP)) {
			if (budget > 0)
				hm_log(ctx, HM_LOG_INFO, "%s: labels stop at %zu, as asked",
				       m->source_name, placed);
			else
				hm_log(ctx, HM_LOG_INFO,
				       "%s: labels stop at %zu: %d sites in a row found no room",
				       m->source_name, placed, HM_LABELS_GIVE_UP);
			break;
		}
		/* no room for two letters: no room for the label, which holds
		 * that box at every position (not measured: crowded maps try
		 * thousands) */
		ring = best_position(&g, m, i, h0 * 1.2, h0, gap, centre, box);
		if (ring >= 0) {
			measure_label(m, ctx, i, &w, &h);
			ring = best_position(&g, m, i, w, h, gap, centre, box);
		}
		if (ring < 0) {
			missed++;
			hm_log(ctx, HM_LOG_INFO,
			       "%s: label \"%s\" left out: no room next to "
			       "its symbol",
			       m->source_name, s->label);
		} else if (place_label(&g, m, i, box, ring) < 0) {
			rc = hm_error(ctx, HM_ENOMEM, "out of memory");
		} else {
			placed++, missed = 0;
		}
	}
	grid_free(&g);
	return rc;
}
