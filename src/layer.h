/* The layer model. A laid-out map is a frame, an ordered list of layers
 * drawn inside it, and furniture (legend, scale bar, north arrow, insets,
 * titles). A layer is an instance of a kind: the kind says how it is drawn
 * and what it is called; the instance points at its data, which the layout
 * stages made. A new kind of layer is a new file that defines one
 * hm_layer_kind (see ARCHITECTURE.md), and the layout stage that adds it. */
#ifndef HM_LAYER_H
#define HM_LAYER_H

#include <cairo.h>
#include <stddef.h>

struct hm_map;
struct hm_stamps;

/* What a layer draws with: the Cairo context (its clip is the area being
 * drawn: the frame, or one band of a PNG) and the symbols' stamps of a PNG
 * (NULL for other surfaces). */
typedef struct {
	cairo_t *cr;
	const struct hm_stamps *stamps;
	int vector; /* 1: an SVG or PDF surface, 0: a PNG's pixels */
} hm_draw_ctx;

typedef struct hm_layer_kind {
	/* The layer's id: the manifest lists the layers by it; later an SVG
	 * group (lower case, digits and '-'). */
	const char *name;
	/* 1: drawn on the globe only (clipped to the edge of the world on a
	 * whole-world map), 0: over everything in the frame. */
	int on_globe;
	/* Draw the layer of map m. The caller saves and restores Cairo's state
	 * round the call and sets the even-odd fill rule and round joins and
	 * caps; anything else the layer sets itself. */
	void (*draw)(const hm_draw_ctx *d, const struct hm_map *m, const void *data);
	/* Free data; NULL when data belongs to the map (most kinds). */
	void (*free)(void *data);
	/* Optional, for vector surfaces: when the next layer of the map is of
	 * kind pairs_with, draw_pair may draw both layers at once (a path
	 * filled and stroked is written once in a PDF or SVG, not twice) and
	 * return 1, and the next layer is not drawn on its own; 0: it drew
	 * nothing, and both layers are drawn one after the other. Only for
	 * pairs whose picture is the same either way. */
	const struct hm_layer_kind *pairs_with;
	int (*draw_pair)(const hm_draw_ctx *d, const struct hm_map *m, const void *data,
			 const void *next_data);
} hm_layer_kind;

/* A layer of a map: its kind and its data. */
typedef struct {
	const hm_layer_kind *kind;
	const void *data;
	char name[64]; /* the kind's name, or the style's name for a style layer */
} hm_map_layer;

/* Most layers on one map. */
#define HM_MAX_MAP_LAYERS 32

/* The kinds the layout stages add (one file each). */
extern const hm_layer_kind hm_layer_sea;	      /* layer_ground.c */
extern const hm_layer_kind hm_layer_land;	      /* layer_ground.c */
extern const hm_layer_kind hm_layer_borders;	      /* layer_ground.c */
extern const hm_layer_kind hm_layer_globe_edge;	      /* layer_ground.c */
extern const hm_layer_kind hm_layer_graticule;	      /* layer_lines.c */
extern const hm_layer_kind hm_layer_style_under;      /* layer_lines.c: rivers, lakes, ... */
extern const hm_layer_kind hm_layer_style_over;	      /* layer_lines.c: ... over the borders */
extern const hm_layer_kind hm_layer_locator_frame;    /* layer_lines.c */
extern const hm_layer_kind hm_layer_symbols;	      /* layer_symbols.c */
extern const hm_layer_kind hm_layer_displacement;     /* layer_displacement.c */
extern const hm_layer_kind hm_layer_density;	      /* layer_density.c */
extern const hm_layer_kind hm_layer_country_names;    /* layer_labels.c */
extern const hm_layer_kind hm_layer_provinces;	      /* layer_provinces.c */
extern const hm_layer_kind hm_layer_province_names;   /* layer_provinces.c */
extern const hm_layer_kind hm_layer_site_labels;      /* layer_labels.c */
extern const hm_layer_kind hm_layer_graticule_labels; /* layer_labels.c */

#endif
