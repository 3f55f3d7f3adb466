/* Batches: one map per country, all on one symbol scale, rendered in
 * parallel from shapes read once; and an index.html that shows them. */
#ifndef HOTMAP_BATCH_H
#define HOTMAP_BATCH_H

#include "hotmap/common.h"
#include "hotmap/map.h"
#include "hotmap/sites.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Output formats of a batch, as bits; HM_BATCH_TEXT: each map's text alternative (.txt);
 * HM_BATCH_HTML: each map's web page (.html, hm_format HM_FORMAT_HTML). */
enum {
	HM_BATCH_PNG = 1,
	HM_BATCH_SVG = 2,
	HM_BATCH_PDF = 4,
	HM_BATCH_TEXT = 8,
	HM_BATCH_HTML = 16
};

/** Options of a batch. Stable: fields may be added only at the end; initialise with
 * HM_BATCH_OPTS_INIT so that new fields get their defaults. */
typedef struct {
	hm_map_opts map;	      /**< render options for every map (extent and crs ignored) */
	const char *out_dir;	      /**< folder of the outputs; created if missing */
	const char *const *countries; /**< ISO 3166 alpha-3 codes; NULL: those with sites */
	size_t ncountries;
	unsigned formats; /**< HM_BATCH_* bits; 0: PNG */
	int manifests;	  /**< 1: DIR/ISO3.json beside each map */
	double near_km;	  /**< a site this close to a country counts as in it (10) */
	/** Called after each map, from any thread (serialised): maps done of total. */
	void (*progress)(void *userdata, size_t done, size_t total);
	void *progress_userdata;
} hm_batch_opts;

/** Initializer for hm_batch_opts. */
#define HM_BATCH_OPTS_INIT                                                                         \
	{                                                                                          \
		HM_MAP_OPTS_INIT, NULL, NULL, 0, 0, 0, 10.0, NULL, NULL                            \
	}

/** What became of one country's map. Filled by the library, read-only for
 * callers. Stable: fields may be added only at the end, with a new SOVERSION
 * (the results are an array, whose stride would change). */
typedef struct {
	char iso[8];	    /**< file name stem: ISO alpha-3 from the shapes */
	char *name;	    /**< country name from the shapes */
	size_t nsites;	    /**< sites on the map */
	double total;	    /**< sum of their values */
	int status;	    /**< 0 written, else the HM_E* code */
	char *error;	    /**< message when status != 0 */
	hm_timings timings; /**< the map's stages, seconds (load_csv: none) */
	double seconds;	    /**< the map's whole time, wall clock */
} hm_batch_result;

/** Render a batch on the context's threads (hm_ctx_set_threads): its maps
 * at once, and a map's bands while others wait. Each map is fitted to its country, in a projection
 * chosen for it, with a locator inset, and every map uses the same
 * max_value (opts->map.max_value, or the largest value of the CSV).
 * @param results receives one result per map (hm_batch_results_free)
 * @return 0 when every map was written; HM_ERENDER or HM_EIO when some
 *         failed (the others are written; see results); HM_EUSAGE/HM_EDATA
 *         when the batch could not start (nothing written) */
HM_EXTERN int hm_batch_run(hm_batch_result **results, size_t *nresults, hm_ctx *ctx,
			   const hm_sites *sites, const hm_batch_opts *opts);

/** Free results; NULL is a no-op. */
HM_EXTERN void hm_batch_results_free(hm_batch_result *results, size_t n);

#ifdef __cplusplus
}
#endif
#endif
