/* The shape stage: reads a Natural Earth (or any ESRI) shapefile with
 * shapelib, keeping only the records whose bounding box meets the map, clipped
 * in longitude/latitude with GEOS. Reads hotmap's shipped countries (NAME,
 * ISO_A3) and genuine Natural Earth downloads (ADMIN/NAME/ISO_A3/ADM0_A3, any
 * case; .cpg, or Windows-1252 without one). */
#ifndef HOTMAP_SHAPES_H
#define HOTMAP_SHAPES_H

#include "hotmap/common.h"
#include "hotmap/projection.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The features of one shapefile that meet a box, clipped to it. */
typedef struct hm_layer hm_layer;

/** Natural Earth resolutions shipped in shapes/. */
typedef enum { HM_RES_10M = 10, HM_RES_50M = 50, HM_RES_110M = 110 } hm_resolution;

/** @return the resolution that suits a map of the given scale denominator
 * (e.g. 18e6 for 1:18,000,000): 10m below 1:35M, 50m below 1:100M, else
 * 110m. */
HM_EXTERN hm_resolution hm_shapes_resolution_for_scale(double scale_denominator);

/** Write the path of the shipped countries at a resolution into buf.
 * @param dir the folder of the shipped shapes; NULL for $HOTMAP_SHAPES_DIR,
 *        else $HOTMAP_DATA_DIR/shapes, else the installed datadir's
 *        (PREFIX/share/hotmap/shapes). */
HM_EXTERN void hm_shapes_countries_path(char *buf, size_t cap, const char *dir, hm_resolution res);

/** Read the features of a shapefile that meet clip, clipped to it.
 * @param path the .shp (its .shx and .dbf must sit next to it)
 * @param clip the box to keep, or NULL for everything; may cross the
 *        antimeridian
 * @param out receives the layer, owned by the caller (hm_layer_free)
 * @return 0, HM_EDATA for a missing or corrupt file (message names it) or
 *         HM_ENOMEM */
HM_EXTERN int hm_layer_load(hm_layer **out, hm_ctx *ctx, const char *path, const hm_bbox *clip);

/** Clip a loaded layer to a box: a new layer of its own (owned by the
 * caller), reading no file. src may be shared by threads while they clip.
 * @return 0 or HM_ENOMEM */
/** As hm_layer_load, each record named by the .dbf field name_field (NULL: the usual
 * country fields); HM_EDATA naming the file and its fields when it has no such field. */
HM_EXTERN int hm_layer_load_named(hm_layer **out, hm_ctx *ctx, const char *path,
				  const hm_bbox *clip, const char *name_field);
HM_EXTERN int hm_layer_clip(hm_layer **out, hm_ctx *ctx, const hm_layer *src, const hm_bbox *clip);

/** Shapefiles read once and kept whole, for batches and watch sessions:
 * maps then clip from memory. Thread-safe. */
typedef struct hm_shapes_cache hm_shapes_cache;

/** @return a new, empty cache (hm_shapes_cache_free), NULL if out of memory. */
HM_EXTERN hm_shapes_cache *hm_shapes_cache_new(void);

/** The whole layer of a shapefile, read on first use.
 * @return 0 and *out (owned by the cache), or the error of hm_layer_load */
HM_EXTERN int hm_shapes_cache_get(const hm_layer **out, hm_ctx *ctx, hm_shapes_cache *cache,
				  const char *path);

/** @return how many shapefiles the cache has read (each once). */
HM_EXTERN size_t hm_shapes_cache_reads(const hm_shapes_cache *cache);

/** Free the cache and its layers; NULL is a no-op. */
HM_EXTERN void hm_shapes_cache_free(hm_shapes_cache *cache);

/** @return the feature's bounding box (xmin, ymin, xmax, ymax) in degrees. */
HM_EXTERN void hm_layer_bbox(const hm_layer *layer, size_t i, double box[4]);

/** @return the index of the polygon feature nearest to (lon, lat) within
 * max_km kilometres (0 when inside), or -1. */
HM_EXTERN long hm_layer_find_near(hm_layer *layer, double lon, double lat, double max_km);

/** As hm_layer_load, from buffers holding the .shp, .shx and .dbf (and the
 * .cpg text, or NULL), read through shapelib's hooks: for tests and fuzzing.
 * name is used in messages. */
HM_EXTERN int hm_layer_load_buffers(hm_layer **out, hm_ctx *ctx, const char *name, const void *shp,
				    size_t shp_len, const void *shx, size_t shx_len,
				    const void *dbf, size_t dbf_len, const char *cpg,
				    const hm_bbox *clip);

/** @return the number of features kept. */
HM_EXTERN size_t hm_layer_count(const hm_layer *layer);

/** @return feature i's name (UTF-8, "" if none); owned by the layer. */
HM_EXTERN const char *hm_layer_name(const hm_layer *layer, size_t i);

/** @return feature i's ISO 3166-1 alpha-3 code, "" if none; owned by layer. */
HM_EXTERN const char *hm_layer_iso_a3(const hm_layer *layer, size_t i);

/** @return the index of the polygon feature that contains (lon, lat), or -1. */
HM_EXTERN long hm_layer_find_point(hm_layer *layer, double lon, double lat);

/** @return the index of the feature whose name or ISO code is text (case
 * and surrounding space ignored), or -1. */
HM_EXTERN long hm_layer_find_name(const hm_layer *layer, const char *text);

/** Free; NULL is a no-op. */
HM_EXTERN void hm_layer_free(hm_layer *layer);

#ifdef __cplusplus
}
#endif
#endif
