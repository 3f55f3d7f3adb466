/* Furniture layout: the legend's values and box, the scale bar, the north
 * arrow, and the choice of a free frame corner for each. */
#include "furniture.h"

#include "density.h"
#include "frame.h"
#include "graticule.h"
#include "numfmt.h"
#include "text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Largest of 1, 2, 2.5, 5 x 10^k not above v. */
static double nice_floor(double v)
{
	static const double steps[] = {5, 2.5, 2, 1};
	double p;

	if (!(v > 0))
		return 0;
	p = pow(10, floor(log10(v)));
	for (int i = 0; i < 4; i++)
		if (steps[i] * p <= v * (1 + 1e-9))
			return steps[i] * p;
	return p;
}

/* Nested-circle legend: the largest round value not above vmax, then going
 * down the round values (1, 2, 2.5, 5 x 10^k), each next one whose value
 * label can sit at its circle's top without crowding the previous one, down
 * to a circle still readable and not far below the smallest site. */
void hm_legend_values(hm_map *m, double vmin)
{
	double v = nice_floor(m->vmax), em = hm_pt(m, m->look.legend_pt);
	size_t n = 0;

	m->nlegend = 0;
	if (m->counted && !m->clustered) {
		/* one size: one symbol, "one site" */
		m->legend_values[0] = 1;
		m->legend_radii[0] = hm_map_radius(m, 1);
		m->nlegend = m->legend_radii[0] > 0;
		return;
	}
	for (int guard = 0; v > 0 && n < 3 && guard < 40; guard++) {
		double r = hm_map_radius(m, v);
		if (r < hm_pt(m, 2.5) || (n > 0 && v < vmin / 4))
			break;
		if (n == 0 || 2 * (m->legend_radii[n - 1] - r) >= 1.1 * em) {
			m->legend_values[n] = v;
			m->legend_radii[n] = r;
			n++;
		}
		v = nice_floor(v * (1 - 1e-6));
	}
	m->nlegend = n;
}

void hm_legend_text(const hm_map *m, size_t i, char *buf, size_t cap)
{
	if (m->counted && !m->clustered) {
		snprintf(buf, cap, "one site");
	} else if (m->counted) {
		hm_format_value(buf, cap, m->legend_values[i]);
		snprintf(buf + strlen(buf), cap - strlen(buf), " site%s",
			 m->legend_values[i] == 1 ? "" : "s");
	} else {
		hm_format_value(buf, cap, m->legend_values[i]);
	}
}

int hm_corner_best(const hm_map *m, double w, double h, double out[4])
{
	return hm_corner_pick(m, w, h, out, 0);
}

/* The corner of the frame where a box w x h hides least: of the symbols (and
 * of a density surface's cells); strict: no symbol at all may lie under the
 * box (inset panels). */
int hm_corner_pick(const hm_map *m, double w, double h, double out[4], int strict)
{
	double pad = hm_pt(m, 6), best = HUGE_VAL;
	double fx = m->frame[0], fy = m->frame[1], fw = m->frame[2], fh = m->frame[3];

	for (int c = 0; c < 4; c++) {
		double b[4] = {(c & 1) ? fx + fw - w - pad : fx + pad,
			       (c & 2) ? fy + pad : fy + fh - h - pad, w, h};
		double cover = 0;
		int clash = 0;
		for (size_t u = 0; u < m->nfurniture; u++)
			clash |= hm_box_overlap(b, m->furniture[u]);
		if (clash)
			continue;
		for (size_t i = 0; i < m->nsites; i++) {
			const hm_map_site *s = &m->sites[i];
			double dx = fmax(b[0] - s->x, fmax(0, s->x - (b[0] + w)));
			double dy = fmax(b[1] - s->y, fmax(0, s->y - (b[1] + h)));
			if (dx * dx + dy * dy < (s->r + pad) * (s->r + pad))
				cover += 1 + s->r;
		}
		if (strict && cover > 0)
			continue;
		/* a density surface's cells under the box, each as a site */
		for (size_t i = 0; m->density && i < m->density->ncells; i++) {
			const hm_density_cell *k = &m->density->cells[i];
			double r = m->density->cell_px / 2;
			if (k->x + r > b[0] && k->x - r < b[0] + w && k->y + r > b[1] &&
			    k->y - r < b[1] + h)
				cover += 1;
		}
		if (cover < best) {
			best = cover;
			memcpy(out, b, sizeof(b));
		}
	}
	return best == HUGE_VAL ? -1 : 0;
}

/* The legend, sized to its content: caption over the circles, values to the
 * right of their leaders; in the best free corner. */
void hm_legend_place(hm_map *m)
{
	double w, h, pad = hm_pt(m, 6);
	double cw, ch, lw = 0, th = 0, pt = hm_pt(m, m->look.legend_pt);
	char num[64];

	m->legend_box[2] = 0;
	if (m->nlegend == 0)
		return;
	hm_text_size(m->look.font, pt, 1, m->legend_caption, &cw, &ch);
	for (size_t i = 0; i < m->nlegend; i++) {
		double tw;
		hm_legend_text(m, i, num, sizeof(num));
		hm_text_size(m->look.font, pt, 0, num, &tw, &th);
		lw = fmax(lw, tw);
	}
	w = fmax(cw, 2 * m->legend_radii[0] + hm_pt(m, 5.5) + lw) + 2 * pad;
	h = ch + hm_pt(m, 4) + fmax(2 * m->legend_radii[0], th) + 1.6 * pad;
	m->legend_caption_h = ch;
	/* categories: one row each under the circles, swatch and name */
	m->legend_rows = m->ncategories < HM_LEGEND_ROWS ? m->ncategories : HM_LEGEND_ROWS;
	m->legend_row_h = th * 1.1;
	for (size_t k = 0; k < m->legend_rows; k++) {
		double tw, tht;
		hm_text_size(m->look.font, pt, 0, m->categories[k], &tw, &tht);
		w = fmax(w, tw + th + 2 * pad);
	}
	h += m->legend_rows * m->legend_row_h + (m->legend_rows ? hm_pt(m, 3) : 0);
	if (hm_corner_best(m, w, h, m->legend_box) == 0)
		hm_furniture_add(m, m->legend_box);
	else
		m->legend_box[2] = 0;
}

/* Largest of 1, 2, 5 x 10^k not above v. */
static double round_125(double v)
{
	double p = pow(10, floor(log10(v)));

	return v >= 5 * p ? 5 * p : v >= 2 * p ? 2 * p : p;
}

/* A scale bar of a round length, true at the frame's centre: the length of a
 * pixel there is measured as a geodesic distance with PROJ, not assumed. */
/* Metres per pixel at frame point (x, y), along x (dir 0) or y (dir 1),
 * over a short step; HUGE_VAL where the map leaves the globe. */
static double metres_per_px(const hm_map *m, double x, double y, int dir)
{
	double step = m->frame[2] * 0.02, px[2], py[2], d;

	px[0] = x - (dir ? 0 : step), py[0] = y - (dir ? step : 0);
	px[1] = x + (dir ? 0 : step), py[1] = y + (dir ? step : 0);
	for (int k = 0; k < 2; k++) {
		px[k] = (px[k] - m->t[2]) / m->t[0];
		py[k] = (py[k] - m->t[5]) / m->t[4];
	}
	hm_proj_inv(m->proj, px, py, 2);
	if (px[0] == HUGE_VAL || px[1] == HUGE_VAL)
		return HUGE_VAL;
	d = hm_proj_geodesic(m->proj, px[0], py[0], px[1], py[1]);
	return d == HUGE_VAL || !(d > 0) ? HUGE_VAL : d / (2 * step);
}

/* How much the scale varies across the frame: largest over smallest
 * metres per pixel, along both axes, at nine points (the centre, the
 * edges' middles and the corners, a tenth in from the frame); HUGE_VAL
 * when part of the frame is off the globe. */
double hm_scale_variation(const hm_map *m)
{
	double lo = HUGE_VAL, hi = 0;

	for (int i = 0; i < 3; i++)
		for (int j = 0; j < 3; j++)
			for (int dir = 0; dir < 2; dir++) {
				double x = m->frame[0] + m->frame[2] * (0.1 + 0.4 * i);
				double y = m->frame[1] + m->frame[3] * (0.1 + 0.4 * j);
				double v = metres_per_px(m, x, y, dir);
				if (v == HUGE_VAL)
					return HUGE_VAL;
				lo = fmin(lo, v), hi = fmax(hi, v);
			}
	return lo > 0 ? hi / lo : HUGE_VAL;
}

void hm_scalebar_place(hm_map *m)
{
	double cx = m->frame[0] + m->frame[2] / 2, cy = m->frame[1] + m->frame[3] / 2;
	double half = m->frame[2] * 0.05, x[2], y[2], d, m_per_px, maxlen, w, h, tw, th;
	double pt = hm_pt(m, m->look.legend_pt);
	char text[64];

	m->scalebar_km = 0;
	if (!m->look.scalebar)
		return;
	/* auto: no bar where one length would be false somewhere on the map
	 * (world and continental maps) */
	if (m->look.scalebar < 0 && !(hm_scale_variation(m) <= 1 + HM_SCALEBAR_TOLERANCE))
		return;
	x[0] = (cx - half - m->t[2]) / m->t[0], y[0] = (cy - m->t[5]) / m->t[4];
	x[1] = (cx + half - m->t[2]) / m->t[0], y[1] = y[0];
	hm_proj_inv(m->proj, x, y, 2);
	if (x[0] == HUGE_VAL || x[1] == HUGE_VAL)
		return;
	d = hm_proj_geodesic(m->proj, x[0], y[0], x[1], y[1]);
	if (d == HUGE_VAL || !(d > 0))
		return;
	m_per_px = d / (2 * half);
	maxlen = m->frame[2] * 0.18 * m_per_px; /* metres */
	m->scalebar_km = round_125(maxlen / 1000);
	m->scalebar_px = m->scalebar_km * 1000 / m_per_px;
	m->scalebar_mi = 0;
	if (m->look.scalebar_units != HM_UNITS_KM) {
		m->scalebar_mi = round_125(maxlen / 1609.344);
		m->scalebar_mi_px = m->scalebar_mi * 1609.344 / m_per_px;
	}
	if (m->look.scalebar_units == HM_UNITS_MI) {
		m->scalebar_km = 0;
	}
	hm_snprintf_c(text, sizeof(text), "%g km",
		      m->scalebar_km > m->scalebar_mi ? m->scalebar_km : m->scalebar_mi);
	hm_text_size(m->look.font, pt, 0, text, &tw, &th);
	w = fmax(m->scalebar_km > 0 ? m->scalebar_px : 0, m->scalebar_mi_px) + tw + hm_pt(m, 12);
	h = (m->scalebar_km > 0 && m->scalebar_mi > 0 ? 2 : 1) * (th + hm_pt(m, 4)) + hm_pt(m, 6);
	if (hm_corner_best(m, w, h, m->scalebar_box) == 0) {
		hm_furniture_add(m, m->scalebar_box);
	} else {
		m->scalebar_km = m->scalebar_mi = 0;
	}
}

void hm_north_arrow_place(hm_map *m)
{
	double corners[4][2] = {{0, 0}, {1, 0}, {0, 1}, {1, 1}}, worst = 0, b[4];
	double len = hm_pt(m, 16), x[2], y[2];
	int off = 0;

	m->north[2] = 0;
	if (m->look.north_arrow == 0)
		return;
	for (int c = 0; c < 4; c++) {
		double px = m->frame[0] + corners[c][0] * m->frame[2];
		double py = m->frame[1] + corners[c][1] * m->frame[3];
		if (hm_off_globe(m, px, py)) {
			off++;
			continue;
		}
		x[0] = (px - m->t[2]) / m->t[0], y[0] = (py - m->t[5]) / m->t[4];
		hm_proj_inv(m->proj, x, y, 1);
		x[1] = x[0], y[1] = fmin(y[0] + 0.01, 90);
		y[0] = y[1] - 0.01;
		hm_proj_fwd(m->proj, x, y, 2);
		if (x[0] == HUGE_VAL || x[1] == HUGE_VAL)
			continue;
		worst = fmax(worst, fabs(atan2(x[1] - x[0], y[1] - y[0])));
	}
	/* auto: only where north turns (a conic, an azimuthal map), and not
	 * where it turns so much across the map that one arrow would mislead
	 * (a world map: the graticule shows north there) */
	if (m->look.north_arrow < 0 && (worst < 1.0 * 3.14159265358979323846 / 180 ||
					worst > 15.0 * 3.14159265358979323846 / 180 || off))
		return;
	if (hm_corner_best(m, hm_pt(m, 14), len + hm_pt(m, 12), b) < 0)
		return;
	hm_furniture_add(m, b);
	/* the direction of north where the arrow stands */
	x[0] = (b[0] + b[2] / 2 - m->t[2]) / m->t[0];
	y[0] = (b[1] + b[3] * 0.75 - m->t[5]) / m->t[4];
	hm_proj_inv(m->proj, x, y, 1);
	if (x[0] == HUGE_VAL)
		return;
	x[1] = x[0], y[1] = fmin(y[0] + 0.01, 90);
	y[0] = y[1] - 0.01;
	hm_proj_fwd(m->proj, x, y, 2);
	m->north[0] = b[0] + b[2] / 2;
	m->north[1] = b[1] + b[3] * 0.8;
	m->north[2] = len;
	m->north[3] = atan2(x[1] - x[0], y[1] - y[0]);
}
