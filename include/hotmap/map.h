/* Map set-up and layout: from sites and options to everything that will be
 * drawn, in output pixels: the extent, the projection, the frame, the
 * projected and clipped country shapes, the symbols and the legend. One
 * layout is drawn to every output format (see render.h). */
#ifndef HOTMAP_MAP_H
#define HOTMAP_MAP_H

#include "hotmap/common.h"
#include "hotmap/projection.h"
#include "hotmap/shapes.h"
#include "hotmap/sites.h"
#include "hotmap/style.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Options for a map. Stable: fields may be added only at the end;
 * initialise with HM_MAP_OPTS_INIT so that new fields get their defaults. */
typedef struct {
	const char *crs;	  /**< NULL or "auto": chosen from the extent */
	const hm_bbox *extent;	  /**< NULL: fitted to the sites, padded */
	int width, height;	  /**< PNG size in pixels (2400 x 1800) */
	double dpi;		  /**< pixels per inch (300): sizes text and symbols */
	const char *shapes;	  /**< a .shp; NULL: shipped countries by scale */
	const char *shapes_dir;	  /**< shipped shapes; NULL: $HOTMAP_DATA_DIR/shapes or installed */
	double max_value;	  /**< value drawn at the largest radius; 0: the data's */
	const char *title;	  /**< NULL: "<value column> by site" */
	const char *subtitle;	  /**< NULL: none */
	const char *source;	  /**< data credit; Natural Earth is always credited */
	const hm_style *style;	  /**< NULL: the built-in default (styles/default.ini) */
	const char *legend_title; /**< NULL: the value column's name */
	int plain;		  /**< 1: symbols only: no labels, legend, scale bar, insets */
	const hm_bbox *insets;	  /**< detail insets: boxes (degrees) drawn zoomed in panels */
	size_t ninsets;
	int inset_auto;		       /**< 1: inset the clusters whose symbols overlap heavily */
	int locator;		       /**< 1: a small map of the wider region, extent outlined */
	hm_shapes_cache *shapes_cache; /**< NULL: read shapefiles; else clip from memory */
	double near_km; /**< a site this close to a country (km) counts as in it (10) */
	/** A map of this country (ISO 3166 alpha-3 code or name, of the countries' shapes: shapes,
	 * else the shipped 1:10m): when extent is NULL, the extent holds the country's parts that
	 * belong together (archipelagos whole) and every part with a site; remote parts without
	 * sites are left out, and the manifest lists them (key "country"). NULL: no country. */
	const char *country;
	/** 1: width x height gives the area of the page, not its shape: the map's frame takes the
	 * aspect of the extent as projected, within 3:4 (portrait) to 16:9 (the batch default of
	 * the hotmap program, --size auto). 0: the page is width x height. */
	int size_auto;
	/** A boundary file of provinces (first-level divisions: HDX COD, geoBoundaries, GADM
	 * exports), polygons in longitude/latitude, any encoding (.cpg, else Windows-1252 unless
	 * UTF-8): drawn under the country borders and named; each site gets its province (inside,
	 * else the nearest within near_km). NULL: none, except on the map of a country whose
	 * divisions are shipped (shapes/provinces: China, India, the USA, Brazil, Russia,
	 * Argentina, Canada, Australia); "none": none at all. */
	const char *provinces;
	/** The .dbf field that names a province; NULL: the first of NAME_1, ADM1_EN, ADM1_NAME,
	 * shapeName, NAME, name. */
	const char *province_field;
	/** How sites add up: HM_AGGREGATE_AUTO (the value column, or a count of sites when the CSV
	 * has none), HM_AGGREGATE_COUNT (every site counts 1: symbols of one size) or
	 * HM_AGGREGATE_SUM (the value column; HM_EUSAGE when the CSV has none). */
	int aggregate;
	/** The largest symbol's radius in mm; 0: the style's max-radius, made smaller where
	 * symbols crowd (hm_crowding_rmax). */
	double r_max_mm;
	/** Site labels: HM_LABELS_AUTO (0: the largest sites whose labels fit near their symbol,
	 * trying stops once HM_LABELS_GIVE_UP sites in a row found no room), HM_LABELS_ALL (every
	 * site tried), HM_LABELS_NONE, or N > 0: at most N, the largest first. */
	long labels;
	/** Clusters: > 0: sites within this many mm of a larger one merge with it, then clusters
	 * whose symbols overlap merge, into one symbol sized by their sum, labelled "Name +N"
	 * (deterministic, whatever the rows' order); 0 (auto): only a crowd that no symbol size
	 * can show (hm_crowding_rmax at its floor) is clustered, at 1 mm; < 0: never. */
	double cluster_mm;
	/** 1: symbols pushed apart until none overlap (Dorling), each joined by a thin line to its
	 * true position, moved at most twice the largest radius (at least 2 mm); no automatic
	 * clusters. The manifest reports each displacement. */
	int dorling;
	/** What is drawn: HM_MODE_POINTS (a symbol per site or cluster), HM_MODE_HEXBIN or
	 * HM_MODE_GRID (the sites counted, or their values summed, in hexagons or squares of
	 * cell_mm on the page, classed on the palette's ramp, under the borders). */
	int mode;
	double cell_mm;	     /**< density cells: across the flats (hexagons), side; 0: 4 mm */
	const char *palette; /**< viridis (NULL), magma, cividis, or style (the style's colours) */
	/** HM_MODE_KDE: the quartic kernel's bandwidth in km on the ground (projected plane); 0:
	 * ArcGIS's default search radius rule. */
	double bandwidth_km;
} hm_map_opts;

enum { HM_MODE_POINTS, HM_MODE_HEXBIN, HM_MODE_GRID, HM_MODE_HOTSPOT, HM_MODE_KDE };

/** 1 if name is a palette of hm_map_opts.palette. */
HM_EXTERN int hm_map_palette_known(const char *name);

enum { HM_AGGREGATE_AUTO, HM_AGGREGATE_COUNT, HM_AGGREGATE_SUM };
#define HM_LABELS_AUTO 0L
#define HM_LABELS_NONE (-1L)
#define HM_LABELS_ALL (-2L)
/** Sites in a row without room for their label after which HM_LABELS_AUTO stops trying. */
#define HM_LABELS_GIVE_UP 200

/** Initializer for hm_map_opts with the defaults. */
#define HM_MAP_OPTS_INIT                                                                           \
	{                                                                                          \
		NULL, NULL, 2400, 1800, 300.0, NULL, NULL, 0.0, NULL, NULL, NULL, NULL, NULL, 0,   \
			NULL, 0, 0, 0, NULL, 10.0, NULL, 0, NULL, NULL, HM_AGGREGATE_AUTO, 0.0,    \
			HM_LABELS_AUTO, 0.0, 0, HM_MODE_POINTS, 0.0, NULL, 0.0                     \
	}

/** Most insets (detail and locator) on one map. */
#define HM_MAX_INSETS 4

/** Bounds on a map request. */
#define HM_MAX_PIXELS 25000000.0 /**< 5000 x 5000 */
#define HM_MAX_SIDE 20000

/** A laid-out map, ready to draw. */
typedef struct hm_map hm_map;

/** One symbol as placed on the map (output pixels); owned by the map and
 * read-only for callers, one at a time (hm_map_site_at). Stable: fields may
 * be added only at the end. */
typedef struct {
	const char *name;
	double lon, lat, value;
	double x, y, r;	      /**< centre and radius in PNG pixels */
	size_t line;	      /**< CSV line */
	char country_iso[8];  /**< ISO alpha-3 of its country on the map, "" */
	const char *label;    /**< label text: the label column, else the name */
	int labelled;	      /**< 1 if the label was placed, 0 if left out */
	double label_box[4];  /**< placed label: x, y, width, height (px) */
	int leader;	      /**< 1 if a leader line joins label and symbol */
	const char *category; /**< category (--category), NULL if none */
	int category_index;   /**< index into the style's category colours */
	const char *province; /**< its province (hm_map_opts.provinces), NULL if none */
	/** What its symbol stands for: its value (1 when sites are counted), or its cluster's
	 * sum (hm_map_opts.cluster_mm). */
	double symbol_value;
	/** Sites its symbol stands for: 1 alone, n > 1 a cluster, 0 a member of a cluster drawn
	 * as another site's symbol (cluster_of). */
	size_t cluster_size;
	size_t cluster_of; /**< the site whose symbol stands for this one (itself if drawn) */
} hm_map_site;

/** A country name placed on the map; read-only for callers. Stable: fields
 * may be added only at the end, with a new SOVERSION (hm_map_country_labels
 * returns an array, whose stride would change). */
typedef struct {
	const char *name;
	double box[4]; /**< x, y, width, height (px) */
} hm_map_country_label;

/** Lay out a map.
 * @param out receives the map, owned by the caller (hm_map_free)
 * @return 0, HM_EUSAGE (bad option), HM_EDATA (bad CRS or shapefile) or
 *         HM_ENOMEM */
HM_EXTERN int hm_map_new(hm_map **out, hm_ctx *ctx, const hm_sites *sites, const hm_map_opts *opts);

/** @return the map's text alternative: plain English sentences on what it shows (the area,
 * the sites and their countries, the largest sites, the total, the legend's meaning and
 * what was left out), for the manifest, the PDF's subject and web pages; owned by the map. */
HM_EXTERN const char *hm_map_alt_text(const hm_map *map);

/** @return the projection in use; owned by the map. */
HM_EXTERN const hm_proj *hm_map_proj(const hm_map *map);

/** @return the extent in degrees (fitted or given). */
HM_EXTERN hm_bbox hm_map_extent(const hm_map *map);

/** @return the shapefile drawn; owned by the map. */
HM_EXTERN const char *hm_map_shapes_path(const hm_map *map);

/** @return the map's scale denominator at the frame centre (e.g. 1.8e7). */
HM_EXTERN double hm_map_scale(const hm_map *map);

/** Affine transform from projected (E, N) to PNG pixels:
 * px = t[0]*E + t[1]*N + t[2], py = t[3]*E + t[4]*N + t[5]. */
HM_EXTERN void hm_map_transform(const hm_map *map, double t[6]);

/** The map frame in PNG pixels: x, y, width, height. */
HM_EXTERN void hm_map_frame(const hm_map *map, double f[4]);

/** @return the number of sites placed. */
HM_EXTERN size_t hm_map_site_count(const hm_map *map);

/** @return site i, in the order of the CSV; owned by the map. */
HM_EXTERN const hm_map_site *hm_map_site_at(const hm_map *map, size_t i);

/** @return the value drawn at the largest radius, and the radius (px). */
HM_EXTERN double hm_map_vmax(const hm_map *map, double *rmax);

/** @return the radius in pixels the map gives a value:
 * r_max * (value / max_value)^e, e = 0.5 (area) or 0.5716 (Flannery). */
HM_EXTERN double hm_map_radius(const hm_map *map, double value);

/** The legend: *n values and their radii in pixels (largest first). */
HM_EXTERN void hm_map_legend(const hm_map *map, const double **values, const double **radii,
			     size_t *n);

/** @return the names of the countries highlighted, via *n; owned by map. */
HM_EXTERN const char *const *hm_map_highlighted(const hm_map *map, size_t *n);

/** @return the country labels placed, via *n; owned by the map. */
HM_EXTERN const hm_map_country_label *hm_map_country_labels(const hm_map *map, size_t *n);

/** The scale bar: its length in km (0 when there is none) and its box in
 * pixels, bar_px the bar's length in pixels. */
HM_EXTERN double hm_map_scalebar(const hm_map *map, double box[4], double *bar_px);

/** Inset kinds. */
typedef enum { HM_INSET_DETAIL = 1, HM_INSET_LOCATOR = 2 } hm_inset_kind;

/** @return the number of insets drawn on the map. */
HM_EXTERN size_t hm_map_inset_count(const hm_map *map);

/** Inset i: its kind, its panel on the map (x, y, w, h in px), the box it
 * shows as drawn on the main map (detail insets; zeros for a locator), and
 * the inset's own map (sites, labels, transform, all in the same pixels).
 * @return the inset's map, owned by the parent. */
HM_EXTERN const hm_map *hm_map_inset(const hm_map *map, size_t i, hm_inset_kind *kind,
				     double panel[4], double source[4]);

/** Free; NULL is a no-op. */
HM_EXTERN void hm_map_free(hm_map *map);

#ifdef __cplusplus
}
#endif
#endif
