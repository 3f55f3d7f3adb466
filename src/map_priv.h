/* The laid-out map, shared by the layout (map.c), drawing (render.c) and
 * manifest (manifest.c) stages. Sizes are in PNG pixels. */
#ifndef HM_MAP_PRIV_H
#define HM_MAP_PRIV_H

#include "hotmap/map.h"
#include "hotmap/style.h"
#include "country.h"
#include "layer.h"
#include "path.h"

#include <math.h>
#include <string.h>

typedef struct {
	hm_pxpath path;
	int highlight;
} hm_map_feature;

/* An extra layer of the style (rivers, lakes, ...), projected. */
typedef struct {
	hm_pxpath *paths;
	size_t n;
	const hm_style_layer *style;
} hm_style_paths;

/* A country with sites on the map, in the order first met in the CSV. */
typedef struct {
	char iso[8];
	char *name; /* the shapes' name (owned) */
	size_t nsites;
} hm_site_country;

#define HM_LEGEND_MAX 4
#define HM_LEGEND_ROWS 12 /* category rows at most */

struct hm_map {
	double width, height, dpi, px_per_pt;
	hm_style look;
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
	hm_site_country *site_countries; /* the countries the sites lie in */
	size_t nsite_countries;
	char *alt_text; /* the text alternative (alttext.h); NULL for insets */
	double vmax, rmax;
	double vmin;		    /* the smallest value of a site (HUGE_VAL: none) */
	int counted;		    /* every site counts 1 (no value column, or aggregate count) */
	double rmax_style;	    /* the style's largest radius (px), before crowding */
	double covered;		    /* share of the symbols' area under another symbol */
	size_t nclusters;	    /* symbols standing for several sites */
	struct hm_density *density; /* a density surface (density.c), or NULL */
	/* Dorling's displacement (dorling.c): each site's true position (2 per
	 * site, NULL without), the bound and what moved */
	double *true_xy;
	int dorling;
	double dorling_bound, dorling_max, dorling_mean;
	size_t dorling_moved, dorling_overlaps;
	int clustered; /* 1: sites were clustered (hm_cluster_sites) */
	char *title, *subtitle, *source_line, *value_column;
	double legend_values[HM_LEGEND_MAX], legend_radii[HM_LEGEND_MAX];
	size_t nlegend;
	double legend_box[4]; /* x, y, w, h in px; w = 0 when no legend */
	char legend_caption[128];
	size_t legend_rows; /* category rows under the circles */
	double legend_row_h;
	double legend_caption_h;
	double title_box[4], source_box[4];
	/* boxes labels must avoid: legend, scale bar, insets */
	double furniture[16][4];
	size_t nfurniture;
	double label_px, halo_px; /* site label font size and halo width */
	hm_map_country_label *country_labels;
	size_t ncountry_labels;
	char **country_label_text;
	double scalebar_km, scalebar_px, scalebar_mi_px, scalebar_mi;
	double scalebar_box[4];
	char **labels; /* label texts (owned) */
	char **categories;
	size_t ncategories;
	char *source_name;     /* the CSV's name, for messages */
	size_t missing_glyphs; /* characters of labels no font could draw */
	hm_style_paths extra[HM_STYLE_MAX_LAYERS];
	/* what is drawn in the frame, in order (layers.c) */
	hm_map_layer layers[HM_MAX_MAP_LAYERS];
	size_t nlayers;
	size_t nextra;
	/* insets: their maps draw into panels of this map's canvas */
	int role;	  /* ROLE_MAIN, ROLE_DETAIL, ROLE_LOCATOR */
	int hide_symbols; /* locator: countries only */
	struct hm_map *insets[HM_MAX_INSETS];
	hm_inset_kind inset_kind[HM_MAX_INSETS];
	double inset_source[HM_MAX_INSETS][4];
	size_t ninsets;
	hm_pxpath outline;   /* locator: the main map's frame, in its pixels */
	double mark[3];	     /* locator: x, y, r of the dot that stands for a
			      * frame too small to outline; r 0: none */
	hm_pxpath graticule; /* meridians and parallels, open lines */
	hm_pxpath sphere;    /* the edge of the world, when the frame reaches past it
			      * (a whole-world map): sea inside, paper outside */
	struct {
		double x, y; /* top-left of the text */
		char text[16];
	} grat_labels[64];
	size_t ngrat_labels;
	double north[4];	 /* north arrow: x, y (base centre), length, angle (rad) */
	hm_country_fit *country; /* a country's map: its parts kept and left out */
	/* provinces (hm_map_opts.provinces, provinces.c) */
	struct hm_layer *prov_layer; /* the file's provinces, lon/lat, while laying out */
	hm_pxpath *prov_paths;	     /* the provinces in view, projected */
	size_t nprov_paths;
	char **prov_names; /* every province of the file, by index */
	size_t nprov;
	long *site_prov; /* per site: its province, or -1 */
	char *prov_file, *prov_field;
	hm_map_country_label *province_labels;
	size_t nprovince_labels;
	/* the symbols and site labels indexed for the names' tests, made on
	 * first use once the site labels are placed (names.c) */
	struct hm_site_grid *site_grid;
};

enum { ROLE_MAIN = 0, ROLE_DETAIL = 1, ROLE_LOCATOR = 2 };

double hm_map_radius(const hm_map *m, double value);

/* 1 if site s of m lies in m's frame: a site the map shows. */
static inline int hm_site_in_frame(const hm_map *m, const hm_map_site *s)
{
	const double *f = m->frame;

	return s->x != HUGE_VAL && s->x >= f[0] && s->y >= f[1] && s->x <= f[0] + f[2] &&
	       s->y <= f[1] + f[3];
}

/* The name of the country with ISO code iso among those of m's sites;
 * NULL if none of them lies in it. */
static inline const char *hm_site_country_name(const hm_map *m, const char *iso)
{
	for (size_t i = 0; i < m->nsite_countries; i++)
		if (strcmp(m->site_countries[i].iso, iso) == 0)
			return m->site_countries[i].name;
	return NULL;
}

double hm_pt(const hm_map *m, double pt);

#endif
