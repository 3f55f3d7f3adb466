/* The frame stage: where the map goes on the page (frame, title and source
 * boxes), the affine transform from projected metres to pixels that fits the
 * extent into it, and the lon/lat box the shapes are clipped to. */
#include "frame.h"

#include "context.h"

#include <math.h>
#include <string.h>

double hm_pt(const hm_map *m, double pt)
{
	return pt * m->px_per_pt;
}

void hm_frame_to_px(const hm_map *m, double *x, double *y, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (x[i] == HUGE_VAL)
			continue;
		double e = x[i], nn = y[i];
		x[i] = m->t[0] * e + m->t[1] * nn + m->t[2];
		y[i] = m->t[3] * e + m->t[4] * nn + m->t[5];
	}
}

/* Points along the edges of a lon/lat box, counter-clockwise. */
size_t hm_frame_box_edge(const hm_bbox *b, double *x, double *y)
{
	double span = hm_bbox_lon_span(b);
	size_t k = 0;

	for (int i = 0; i < HM_EDGE_STEPS; i++) {
		double t = (double)i / HM_EDGE_STEPS;
		x[k] = b->w + span * t, y[k++] = b->s;
		x[k] = b->w + span, y[k++] = b->s + (b->n - b->s) * t;
		x[k] = b->w + span * (1 - t), y[k++] = b->n;
		x[k] = b->w, y[k++] = b->n - (b->n - b->s) * t;
	}
	for (size_t i = 0; i < k; i++)
		if (x[i] > 180)
			x[i] -= 360;
	return k;
}

int hm_frame_layout(hm_map *m, const hm_map_opts *o, const double *panel)
{
	if (panel) {
		memcpy(m->frame, panel, sizeof(m->frame));
		return 0;
	}
	double margin = o->dpi * m->look.margin_mm / 25.4;
	double top = margin + hm_pt(m, m->look.title_pt) * 1.45;

	if (o->subtitle && *o->subtitle)
		top += hm_pt(m, m->look.subtitle_pt) * 1.5;
	top += hm_pt(m, 4);
	m->frame[0] = margin;
	m->frame[1] = top;
	m->frame[2] = m->width - 2 * margin;
	m->frame[3] = m->height - top - margin - hm_pt(m, m->look.source_pt) * 1.9;
	m->title_box[0] = margin;
	m->title_box[1] = margin;
	m->title_box[2] = m->frame[2];
	m->title_box[3] = top - margin;
	m->source_box[0] = margin;
	m->source_box[1] = m->frame[1] + m->frame[3] + hm_pt(m, m->look.source_pt) * 0.5;
	m->source_box[2] = m->frame[2];
	m->source_box[3] = hm_pt(m, m->look.source_pt) * 1.4;
	if (m->frame[2] < 50 || m->frame[3] < 50)
		return -1;
	return 0;
}

int hm_frame_projected_box(const hm_proj *p, const hm_bbox *e, double b[4])
{
	double x[4 * HM_EDGE_STEPS], y[4 * HM_EDGE_STEPS];
	size_t n = hm_frame_box_edge(e, x, y);

	b[0] = b[1] = HUGE_VAL;
	b[2] = b[3] = -HUGE_VAL;
	hm_proj_fwd(p, x, y, n);
	for (size_t i = 0; i < n; i++) {
		if (x[i] == HUGE_VAL)
			continue;
		b[0] = fmin(b[0], x[i]), b[2] = fmax(b[2], x[i]);
		b[1] = fmin(b[1], y[i]), b[3] = fmax(b[3], y[i]);
	}
	return b[2] > b[0] && b[3] > b[1] ? 0 : -1;
}

int hm_frame_size_auto(hm_map *m, const hm_map_opts *o)
{
	double b[4], r = (double)o->width / o->height, area = (double)o->width * o->height;
	double side, top, bottom, M, T, H, W;

	if (hm_frame_projected_box(m->proj, &m->extent, b) == 0)
		r = (b[2] - b[0]) / (b[3] - b[1]);
	r = fmin(fmax(r, HM_AUTO_ASPECT_MIN), HM_AUTO_ASPECT_MAX);
	/* the page around the frame: sides M, top and bottom T, in pixels,
	 * as hm_frame_layout lays them out for the given size */
	side = m->frame[0];
	top = m->frame[1];
	bottom = m->height - m->frame[1] - m->frame[3];
	M = 2 * side;
	T = top + bottom;
	/* (W - M) = r (H - T) and W H = area: r H^2 + (M - r T) H - area = 0 */
	H = (-(M - r * T) + sqrt((M - r * T) * (M - r * T) + 4 * r * area)) / (2 * r);
	W = area / H;
	m->width = fmin(fmax(round(W), 100), HM_MAX_SIDE);
	m->height = fmin(fmax(round(H), 100), HM_MAX_SIDE);
	return hm_frame_layout(m, o, NULL);
}

/* Fit the projected extent (and the sites) into the frame. */
int hm_frame_fit(hm_map *m, hm_ctx *ctx)
{
	double b[4], x0, y0, x1, y1;
	double w, h, s, fw = m->frame[2], fh = m->frame[3];

	if (hm_frame_projected_box(m->proj, &m->extent, b) < 0)
		return hm_error(ctx, HM_EDATA, "the extent cannot be shown in projection %s",
				hm_proj_definition(m->proj));
	x0 = b[0], y0 = b[1], x1 = b[2], y1 = b[3];
	w = x1 - x0;
	h = y1 - y0;
	/* widen the short side to the frame's aspect ratio */
	if (w / h < fw / fh) {
		double c = (x0 + x1) / 2;
		w = h * fw / fh;
		x0 = c - w / 2;
	} else {
		double c = (y0 + y1) / 2;
		h = w * fh / fw;
		y1 = c + h / 2;
	}
	s = fw / w;
	m->t[0] = s, m->t[1] = 0, m->t[2] = m->frame[0] - s * x0;
	m->t[3] = 0, m->t[4] = -s, m->t[5] = m->frame[1] + s * y1;
	{
		/* metres (or degrees) per pixel against the physical pixel size */
		const char *def = hm_proj_definition(m->proj);
		double unit = strstr(def, "+proj=longlat") ? 111320.0 : 1.0;
		m->scale = unit / s / (0.0254 / m->dpi);
	}
	return HM_OK;
}

/* The lon/lat box that covers the whole frame, for clipping the shapes. */
void hm_frame_clip_box(hm_map *m)
{
	double x[4 * HM_EDGE_STEPS + 2], y[4 * HM_EDGE_STEPS + 2];
	double fx = m->frame[0], fy = m->frame[1], fw = m->frame[2], fh = m->frame[3];
	double lon0 = hm_proj_central_lon(m->proj);
	size_t k = 0, bad = 0;
	int whole = 0;

	for (int i = 0; i < HM_EDGE_STEPS; i++) {
		double t = (double)i / HM_EDGE_STEPS;
		x[k] = fx + fw * t, y[k++] = fy;
		x[k] = fx + fw, y[k++] = fy + fh * t;
		x[k] = fx + fw * (1 - t), y[k++] = fy + fh;
		x[k] = fx, y[k++] = fy + fh * (1 - t);
	}
	/* pixels back to projected coordinates, then to lon/lat */
	for (size_t i = 0; i < k; i++) {
		x[i] = (x[i] - m->t[2]) / m->t[0];
		y[i] = (y[i] - m->t[5]) / m->t[4];
	}
	hm_proj_inv(m->proj, x, y, k);
	{
		size_t j = 0;
		for (size_t i = 0; i < k; i++) {
			if (x[i] == HUGE_VAL) {
				bad++;
				continue;
			}
			x[j] = x[i], y[j++] = y[i];
		}
		k = j;
	}
	hm_bbox_fit(&m->clip, x, y, k, 0.03, 0);
	/* a pole inside the frame: every longitude is in view */
	for (int pole = -1; pole <= 1; pole += 2) {
		double px = 0, py = 90.0 * pole;
		hm_proj_fwd(m->proj, &px, &py, 1);
		hm_frame_to_px(m, &px, &py, 1);
		if (px != HUGE_VAL && px >= fx && px <= fx + fw && py >= fy && py <= fy + fh) {
			whole = 1;
			if (pole > 0)
				m->clip.n = 90;
			else
				m->clip.s = -90;
		}
	}
	if (bad || whole || hm_bbox_lon_span(&m->clip) > 300)
		whole = 1;
	if (whole) {
		/* cut the world at the projection's seam, not at +-180 */
		double w = lon0 - 180 + 1e-7, e = lon0 + 180 - 1e-7;
		m->clip.w = w < -180 ? w + 360 : w;
		m->clip.e = e > 180 ? e - 360 : e;
		if (bad) {
			m->clip.s = -90;
			m->clip.n = 90;
		}
	}
	if (strstr(hm_proj_definition(m->proj), "+proj=merc")) {
		m->clip.s = fmax(m->clip.s, -85);
		m->clip.n = fmin(m->clip.n, 85);
	}
}

/* The lon/lat box of a rectangle of this map's pixels. */
int hm_frame_px_box(const hm_map *m, const double b[4], hm_bbox *out)
{
	double x[4 * HM_EDGE_STEPS], y[4 * HM_EDGE_STEPS];
	size_t k = 0;

	for (int i = 0; i < HM_EDGE_STEPS; i++) {
		double t = (double)i / HM_EDGE_STEPS;
		x[k] = b[0] + b[2] * t, y[k++] = b[1];
		x[k] = b[0] + b[2], y[k++] = b[1] + b[3] * t;
		x[k] = b[0] + b[2] * (1 - t), y[k++] = b[1] + b[3];
		x[k] = b[0], y[k++] = b[1] + b[3] * (1 - t);
	}
	for (size_t i = 0; i < k; i++) {
		x[i] = (x[i] - m->t[2]) / m->t[0];
		y[i] = (y[i] - m->t[5]) / m->t[4];
	}
	hm_proj_inv(m->proj, x, y, k);
	for (size_t i = 0; i < k; i++)
		if (x[i] == HUGE_VAL)
			return -1;
	hm_bbox_fit(out, x, y, k, 0, 0);
	return 0;
}

int hm_box_inside(const double b[4], const double f[4], double margin)
{
	return b[0] >= f[0] + margin && b[1] >= f[1] + margin &&
	       b[0] + b[2] <= f[0] + f[2] - margin && b[1] + b[3] <= f[1] + f[3] - margin;
}

double hm_circle_depth(const double b[4], double cx, double cy, double r)
{
	double dx = fmax(b[0] - cx, fmax(0, cx - (b[0] + b[2])));
	double dy = fmax(b[1] - cy, fmax(0, cy - (b[1] + b[3])));
	double d = sqrt(dx * dx + dy * dy);

	if (r <= 0 || d >= r)
		return 0;
	return 1 - d / r;
}

int hm_box_overlap(const double a[4], const double b[4])
{
	return a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
}

void hm_furniture_add(hm_map *m, const double b[4])
{
	if (m->nfurniture < sizeof(m->furniture) / sizeof(m->furniture[0]))
		memcpy(m->furniture[m->nfurniture++], b, 4 * sizeof(double));
}
