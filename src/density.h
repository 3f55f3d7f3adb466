/* Density surfaces (hm_map_opts.mode): the sites counted, or their values
 * summed, in hexagons or square cells of a size on the page, classed on a
 * perceptually uniform, colour-blind-safe ramp; drawn by
 * layer_density.c under the borders, with a legend of the classes. */
#ifndef HM_DENSITY_H
#define HM_DENSITY_H

#include "map_priv.h"

#include <cairo.h>

/* Cells are this big on the page unless asked (mm). */
#define HM_DENSITY_CELL_MM 4.0
/* Most classes of the colour ramp. */
#define HM_DENSITY_MAX_CLASSES 9

typedef struct {
	double x, y;	/* centre, px */
	double value;	/* count or sum */
	int cls;	/* class, 0 the lowest */
	long i, j;	/* grid index: hexbin axial (q, r), grid column and row */
	double z, p;	/* hot spots: Gi* and its two-sided p-value */
	int neighbours; /* hot spots: cells in its neighbourhood, itself included */
} hm_density_cell;

typedef struct hm_density {
	int mode;	/* HM_MODE_HEXBIN, HM_MODE_GRID */
	double cell_px; /* hexagon: across the flats; grid: side */
	double cell_mm; /* the same on the page */
	double cell_km; /* the same on the ground at the frame's centre, 0 unknown */
	hm_density_cell *cells;
	size_t ncells;
	double breaks[HM_DENSITY_MAX_CLASSES + 1]; /* class k: [breaks[k], breaks[k+1]) */
	int nclasses;				   /* the last class holds its upper break */
	double colors[HM_DENSITY_MAX_CLASSES][3];
	char palette[16];
	double total;	      /* the sum over the cells */
	size_t sites_in;      /* sites binned (in the frame) */
	double legend_box[4]; /* x, y, w, h in px; w = 0 when none */
	double legend_row_h;
	char legend_caption[160];
	char texts[HM_DENSITY_MAX_CLASSES][64]; /* hot spots: the classes' names */
	double p_cut[3];     /* hot spots: the FDR-corrected p at 90, 95, 99% confidence */
	double bandwidth_km; /* kernel density: the bandwidth */
	double integral;     /* kernel density: the surface's volume (sites), before blanking */
	double unit_km2;     /* kernel density: the values are per this many km^2 */
	/* the sites projected on a lattice of this many cells across (0:
	 * each by PROJ), its largest error measured (px) */
	int lattice_cells;
	double lattice_error;
} hm_density;

/* Bin the sites of m (projected; weights: 1 each when m->counted, else
 * the values), or compact sites (projected here, a block at a time) into cells of cell_mm on the
 * page, class them (n classes, breaks at round values from the smallest cell to max_value, or to
 * the largest cell when max_value <= 0, spaced evenly on a log scale) and colour them with the
 * palette (viridis, magma, cividis or style). -1 out of memory. */
int hm_density_make(hm_map *m, hm_ctx *ctx, const hm_sites *sites, int mode, double cell_mm,
		    double max_value, double bandwidth_km, const char *palette,
		    const char *caption);
void hm_density_free(hm_density *d);

/* A detail inset im of m shows m's surface magnified: the same cells,
 * values and classes (so m's legend holds), moved into im's pixels and
 * grown with its scale; 0 (nothing when m has no surface), -1 out of
 * memory. */
int hm_density_inset(hm_map *im, const hm_map *m);

/* Hot spots (hotspot.c): Getis-Ord Gi* of each cell of d (the hexagons
 * with sites and their neighbours: the study area) over its neighbourhood
 * (itself and the six hexagons round it), two-sided p-values from the
 * normal distribution, significance at 90, 95 and 99% confidence after the
 * Benjamini-Hochberg false discovery rate correction, in seven classes:
 * cold 99%, 95%, 90%, not significant, hot 90%, 95%, 99%, coloured on a
 * diverging colour-blind-safe ramp (ColorBrewer's RdBu). -1 out of
 * memory. */
int hm_hotspot_classes(hm_density *d);

/* The legend's text of class k of m->density. */
void hm_density_class_text(const hm_map *m, int k, char *buf, size_t cap);

/* Draw the legend of the classes (layer_density.c). */
void hm_density_legend_draw(cairo_t *cr, const hm_map *m);

/* The legend of the classes, sized to its content, in the best free
 * corner (furniture). */
void hm_density_legend_place(hm_map *m);

#endif
