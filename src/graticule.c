/* Meridians and parallels with their labels, and the edge of the world on
 * a map that shows the whole globe. */
#include "graticule.h"

#include "frame.h"
#include "numfmt.h"
#include "project.h"
#include "text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Degrees as a label: 100°E, 15°N, 0°. */
static void degree_text(char *buf, size_t cap, double v, int lat)
{
	double a = fabs(v);
	const char *h = v == 0 ? "" : lat ? (v > 0 ? "N" : "S") : (v > 0 ? "E" : "W");

	if (a == floor(a))
		hm_snprintf_c(buf, cap, "%.0f\u00b0%s", a, h);
	else
		hm_snprintf_c(buf, cap, "%g\u00b0%s", a, h);
}

/* Meridians and parallels at a round step, with degree labels just inside
 * the bottom and left edges where they meet the frame. */
int hm_graticule_make(hm_map *m)
{
	static const double steps[] = {0.5, 1, 2, 5, 10, 15, 30, 45};
	double lspan = hm_bbox_lon_span(&m->clip), step = m->look.graticule_step;
	double pt = hm_pt(m, m->look.legend_pt * 0.85);
	const double *f = m->frame;
	enum { N = 200 };
	double x[N], y[N];

	if (!m->look.graticule)
		return 0;
	if (!(step > 0)) {
		step = steps[7];
		for (int i = 0; i < 8; i++)
			if (lspan / steps[i] <= 8) {
				step = steps[i];
				break;
			}
	}
	for (int lat = 0; lat < 2; lat++) {
		double a0 = lat ? m->clip.s : m->clip.w, span = lat ? m->clip.n - m->clip.s : lspan;
		double first = ceil(a0 / step) * step;
		for (double v = first; v <= a0 + span + 1e-9; v += step) {
			double best = HUGE_VAL, bx = 0, by = 0;
			for (int i = 0; i < N; i++) {
				double t = (double)i / (N - 1);
				if (lat) {
					x[i] = m->clip.w + lspan * t, y[i] = v;
				} else {
					x[i] = v, y[i] = m->clip.s + (m->clip.n - m->clip.s) * t;
				}
				if (x[i] > 180)
					x[i] -= 360;
			}
			hm_proj_fwd(m->proj, x, y, N);
			hm_frame_to_px(m, x, y, N);
			if (hm_path_add(&m->graticule, x, y, N, 0.25) < 0)
				return -1;
			/* where it leaves the frame: bottom edge for meridians,
			 * left edge for parallels */
			for (int i = 1; i < N; i++) {
				double e = lat ? f[0] : f[1] + f[3];
				double p0 = lat ? x[i - 1] : y[i - 1], p1 = lat ? x[i] : y[i];
				double q;
				if (x[i] == HUGE_VAL || x[i - 1] == HUGE_VAL ||
				    (p0 - e) * (p1 - e) > 0 || p0 == p1)
					continue;
				q = (e - p0) / (p1 - p0);
				bx = x[i - 1] + (x[i] - x[i - 1]) * q;
				by = y[i - 1] + (y[i] - y[i - 1]) * q;
				best = 0;
				break;
			}
			if (best == HUGE_VAL || m->ngrat_labels >= 64)
				continue;
			{
				double w, h, b[4];
				char text[16];
				int clash = 0;
				double vv = lat ? v : (v > 180 ? v - 360 : v);
				degree_text(text, sizeof(text), vv, lat);
				hm_text_size(m->look.font, pt, 0, text, &w, &h);
				b[0] = lat ? f[0] + hm_pt(m, 2) : bx - w / 2;
				b[1] = lat ? by - h / 2 : f[1] + f[3] - h - hm_pt(m, 1);
				b[2] = w, b[3] = h;
				if (b[0] < f[0] || b[0] + w > f[0] + f[2] || b[1] < f[1] ||
				    b[1] + h > f[1] + f[3])
					continue;
				for (size_t u = 0; u < m->nfurniture; u++)
					clash |= hm_box_overlap(b, m->furniture[u]);
				if (clash)
					continue;
				m->grat_labels[m->ngrat_labels].x = b[0];
				m->grat_labels[m->ngrat_labels].y = b[1];
				memcpy(m->grat_labels[m->ngrat_labels].text, text, sizeof(text));
				m->ngrat_labels++;
				hm_furniture_add(m, b);
			}
		}
	}
	return 0;
}

/* Is the frame pixel (px, py) beyond the edge of the world? PROJ's inverse
 * still returns numbers there for some projections (Equal Earth), which do
 * not project back to the pixel. */
int hm_off_globe(const hm_map *m, double px, double py)
{
	double ex = (px - m->t[2]) / m->t[0], ny = (py - m->t[5]) / m->t[4];
	double x = ex, y = ny;

	hm_proj_inv(m->proj, &x, &y, 1);
	if (x == HUGE_VAL)
		return 1;
	hm_proj_fwd(m->proj, &x, &y, 1);
	return x == HUGE_VAL || hypot(x - ex, y - ny) > 1.0 / fabs(m->t[0]);
}

/* World maps in a (pseudo)cylindrical projection whose frame reaches past
 * the world: its outline, the meridians 180 degrees either side of the
 * centre and the poles, so that the sea stops there. */
int hm_sphere_make(hm_map *m)
{
	static const char *const kinds[] = {
		"eqearth", "robin",    "moll",	    "eck1",	 "eck2",   "eck3",   "eck4", "eck5",
		"eck6",	   "natearth", "natearth2", "wintri",	 "hammer", "aitoff", "sinu", "kav7",
		"wag4",	   "wag7",     "times",	    "patterson", "eqc",	   "merc",   NULL};
	const char *def = hm_proj_definition(m->proj), *pj = strstr(def, "+proj=");
	const double *f = m->frame;
	double lon0 = hm_proj_central_lon(m->proj), top = 90;
	enum { N = 181 };
	double x[4 * N], y[4 * N];
	int k = 0, n = 0;

	for (int c = 0; c < 4; c++)
		n += hm_off_globe(m, f[0] + (c & 1) * f[2], f[1] + (c >> 1) * f[3]);
	if (!n || !pj)
		return 0;
	for (k = 0; kinds[k]; k++)
		if (strncmp(pj + 6, kinds[k], strlen(kinds[k])) == 0 &&
		    (pj[6 + strlen(kinds[k])] == ' ' || pj[6 + strlen(kinds[k])] == '\0'))
			break;
	if (!kinds[k])
		return 0;
	if (strcmp(kinds[k], "merc") == 0)
		top = 85;
	n = 0;
	/* west edge north, the top, east edge south, the bottom */
	for (int i = 0; i < N; i++)
		x[n] = lon0 - 180 + 1e-7, y[n++] = -top + 2 * top * i / (N - 1);
	for (int i = 1; i < N; i++)
		x[n] = lon0 - 180 + 1e-7 + (360 - 2e-7) * i / (N - 1), y[n++] = top;
	for (int i = 1; i < N; i++)
		x[n] = lon0 + 180 - 1e-7, y[n++] = top - 2 * top * i / (N - 1);
	for (int i = 1; i < N - 1; i++)
		x[n] = lon0 + 180 - 1e-7 - (360 - 2e-7) * i / (N - 1), y[n++] = -top;
	for (int i = 0; i < n; i++)
		if (x[i] > 180)
			x[i] -= 360;
		else if (x[i] < -180)
			x[i] += 360;
	hm_proj_fwd(m->proj, x, y, (size_t)n);
	for (int i = 0; i < n; i++)
		if (x[i] == HUGE_VAL)
			return 0;
	hm_frame_to_px(m, x, y, (size_t)n);
	m->sphere.closed = 1;
	return hm_path_add(&m->sphere, x, y, (size_t)n, 0);
}
