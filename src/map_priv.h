/* The laid-out map, shared by the layout (map.c), drawing (render.c) and
 * manifest (manifest.c) stages. Sizes are in PNG pixels. */
#ifndef HM_MAP_PRIV_H
#define HM_MAP_PRIV_H

#include "hotmap/map.h"

/* Paths in pixels: rings[i] is the start of ring i in pts (x, y pairs). */
typedef struct {
	double *pts;
	size_t npts;
	size_t *rings;
	size_t nrings;
	int closed; /* polygons: rings are closed and filled */
} hm_pxpath;

typedef struct {
	hm_pxpath path;
	int highlight;
} hm_map_feature;

/* Colours (RGBA 0..1) and sizes (points or mm) of the map's look. Fixed
 * defaults for now; style files will set them. */
typedef struct {
	double paper[4], sea[4], land[4], highlight[4], border[4], frame[4];
	double symbol_fill[4], symbol_line[4], text[4], text_muted[4];
	double border_pt, frame_pt, symbol_line_pt;
	double rmax_mm;
	const char *font;
	double title_pt, subtitle_pt, source_pt, legend_pt;
	double margin_in;
} hm_look;

#define HM_LEGEND_MAX 4

struct hm_map {
	double width, height, dpi, px_per_pt;
	hm_look look;
	hm_proj *proj;
	hm_bbox extent, clip;
	double t[6];
	double frame[4];
	double scale;
	char *shapes_path;
	hm_map_feature *features;
	size_t nfeatures;
	hm_map_site *sites;
	size_t nsites;
	size_t *order; /* draw order: largest value first */
	char **names;  /* site names and country codes (owned) */
	const char **highlighted;
	size_t nhighlighted;
	char **hl_names;
	double vmax, rmax;
	char *title, *subtitle, *source_line, *value_column;
	double legend_values[HM_LEGEND_MAX], legend_radii[HM_LEGEND_MAX];
	size_t nlegend;
	double legend_box[4]; /* x, y, w, h in px; w = 0 when no legend */
	char legend_caption[128];
	double legend_caption_h;
	double title_box[4], source_box[4];
};

double hm_pt(const hm_map *m, double pt);

#endif
