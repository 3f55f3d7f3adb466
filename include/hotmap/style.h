/* Styles: every colour, width, font, size and symbol rule of a map, read from
 * an INI file (inih). Sizes are physical (pt or mm), so --dpi scales them.
 * styles/default.ini documents every key; hm_style_init() gives the same
 * values without a file. */
#ifndef HOTMAP_STYLE_H
#define HOTMAP_STYLE_H

#include "hotmap/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An sRGB colour with alpha, each 0..1. A plain value: these four fields
 * are fixed and will stay as they are. */
typedef struct {
	double r, g, b, a;
} hm_color;

/** How symbol radius follows value. */
typedef enum {
	HM_SCALING_AREA = 0,	/**< r = r_max * (v / v_max)^0.5: area proportional */
	HM_SCALING_FLANNERY = 1 /**< r = r_max * (v / v_max)^0.5716: apparent size */
} hm_scaling;

/** Scale-bar units. */
typedef enum {
	HM_UNITS_KM = 0,    /**< kilometres */
	HM_UNITS_KM_MI = 1, /**< kilometres above, miles below */
	HM_UNITS_MI = 2	    /**< miles */
} hm_units;

/** Largest number of category colours and extra layers in a style. */
#define HM_STYLE_MAX_CATEGORIES 12
#define HM_STYLE_MAX_LAYERS 8
/** A scale bar on "auto" is drawn when the map's scale varies by at most this share across
 * its frame (largest over smallest, less one). */
#define HM_SCALEBAR_TOLERANCE 0.05

/** An extra layer from another shapefile (rivers, lakes, admin-1, places),
 * drawn in file order between the countries and the symbols. Part of
 * hm_style; stable: fields may be added only at the end, with a new
 * SOVERSION (hm_style holds an array of them). */
typedef struct {
	char name[64];	   /**< the section name, "[layer NAME]" */
	char path[1024];   /**< the .shp; relative paths are relative to the style file */
	hm_color fill;	   /**< polygons; a = 0: not filled */
	hm_color stroke;   /**< lines and polygon outlines; a = 0: not stroked */
	double width_pt;   /**< stroke width */
	int above_borders; /**< 1: drawn after the country borders */
} hm_style_layer;

/** A map's look. All sizes in points (1/72 in) unless the name says mm.
 * Fill one with hm_style_init (the defaults), then change fields or load a
 * file over it. Stable: fields may be added only at the end, with a new
 * SOVERSION (the caller allocates it, so its size is part of the ABI). */
typedef struct {
	/* map */
	hm_color paper, sea, land, highlight, border, frame;
	double border_pt, frame_pt;
	double margin_mm;
	/* symbols */
	hm_color symbol_fill, symbol_line;
	double symbol_line_pt;
	double r_max_mm; /**< radius of the largest value's circle */
	hm_scaling scaling;
	hm_color categories[HM_STYLE_MAX_CATEGORIES]; /**< --category colours */
	int ncategories;
	/* text */
	char font[128]; /**< a fontconfig family, fallbacks by fontconfig */
	hm_color text, text_muted, halo, country_text;
	double title_pt, subtitle_pt, source_pt, legend_pt, label_pt, country_label_pt;
	double halo_pt;		       /**< halo width around labels */
	double country_letter_spacing; /**< in em, e.g. 0.12 */
	int country_labels_upper;      /**< 1: country labels in capitals */
	/* furniture */
	int scalebar; /**< 1: draw a scale bar; 0: never; -1 (auto): where the scale holds within
		       * HM_SCALEBAR_TOLERANCE across the frame */
	hm_units scalebar_units;
	int graticule;	       /**< 1: draw a graticule with degree labels */
	double graticule_step; /**< degrees; 0: chosen from the extent */
	hm_color graticule_color;
	double graticule_pt;
	int north_arrow; /**< 1: always; 0: never; -1: when north is not up */
	/* layers */
	hm_style_layer layers[HM_STYLE_MAX_LAYERS];
	int nlayers;
} hm_style;

/** Fill a style with the built-in default (the same as styles/default.ini). */
HM_EXTERN void hm_style_init(hm_style *style);

/** Read a style file over the defaults: keys not in the file keep their
 * default. An unknown section or key, or a bad value, is an error naming the
 * file and line ("FILE:LINE: unknown key \"fil\" in [symbols]").
 * @return 0, HM_EDATA or HM_EIO */
HM_EXTERN int hm_style_load(hm_style *style, hm_ctx *ctx, const char *path);

/** As hm_style_load, from a NUL-terminated buffer; name is used in messages
 * and base_dir resolves relative layer paths (NULL: the current folder). */
HM_EXTERN int hm_style_load_buffer(hm_style *style, hm_ctx *ctx, const char *text, const char *name,
				   const char *base_dir);

/** Parse a colour: "#rgb", "#rrggbb", "#rrggbbaa", or a CSS name among
 * black, white, gray/grey, red, none. @return 0 or -1. */
HM_EXTERN int hm_color_parse(hm_color *out, const char *text);

/** Parse a length "0.5pt", "2mm", "1.2" (points) into points.
 * @return 0 or -1 (negative, not finite or unknown unit). */
HM_EXTERN int hm_length_parse(double *pt, const char *text);

#ifdef __cplusplus
}
#endif
#endif
