/* The CSV stage: reads a table of geocoded sites (name, lat, lon, value,
 * optional country) with libcsv, finding columns by header name, and checks
 * every row against the bad-input rules (see docs/csv.md). */
#ifndef HOTMAP_SITES_H
#define HOTMAP_SITES_H

#include "hotmap/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One site: a row of the CSV that passed every check. Read-only for
 * callers. Stable: fields may be added only at the end, with a new SOVERSION
 * (hm_sites.items is an array, whose stride would change). */
typedef struct {
	char *name;	/**< UTF-8, "" when the CSV has no name column */
	char *country;	/**< UTF-8 country name or ISO code, NULL if no column */
	double lon;	/**< degrees, in [-180, 180] */
	double lat;	/**< degrees, in [-90, 90] */
	double value;	/**< finite, >= 0 */
	size_t line;	/**< line of the CSV where the row starts (1-based) */
	char *label;	/**< text of the label column, NULL if none given */
	char *category; /**< text of the category column, NULL if none given */
} hm_site;

/** The sites of one CSV, made by hm_sites_load. Fields are read-only for
 * callers. Stable: fields may be added only at the end. */
typedef struct {
	hm_site *items;
	size_t count;
	size_t skipped;	       /**< bad rows skipped (0 with strict) */
	char *path;	       /**< the file name used in messages */
	char *value_column;    /**< header of the value column, as written; NULL when the
				* CSV has none: every site's value is then 1 */
	char *name_column;     /**< header of the name column, NULL if none */
	char delimiter;	       /**< the separator detected: ',', ';' or '\t' */
	char *category_column; /**< header of the category column, NULL if none */
	/** hm_sites_opts.compact: each row's longitude and latitude (count of each) and value
	 * (NULL when the CSV has no value column); items is then NULL. */
	double *lons, *lats;
	float *values;
} hm_sites;

/** Which columns to read; NULL fields are found by header name. Stable:
 * fields may be added only at the end; initialise with HM_SITES_OPTS_INIT so
 * that new fields get their defaults. */
typedef struct {
	const char *name_column;
	const char *lat_column;
	const char *lon_column;
	const char *value_column;
	const char *country_column;
	int strict;		     /**< nonzero: the first bad row is an error */
	const char *label_column;    /**< labels (e.g. local-script names); NULL: names */
	const char *category_column; /**< categories for symbol colours; NULL: none */
	/** Nonzero: keep only each row's coordinates and value, in hm_sites.lons, lats and
	 * values (20 bytes a row: ten million rows in 200 MB), reading the file in pieces; for
	 * density surfaces (hm_map_opts.mode), whose sites need no name. */
	int compact;
} hm_sites_opts;

/** Initializer for hm_sites_opts: every column found by header. */
#define HM_SITES_OPTS_INIT                                                                         \
	{                                                                                          \
		NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL, 0                                     \
	}

/** Load sites from a CSV file.
 * Bad rows are logged as warnings ("FILE:LINE: column C: ...") and skipped,
 * or with opts->strict the first is an error.
 * @param out receives the sites, owned by the caller (hm_sites_free)
 * @return 0, HM_EDATA (bad file, message names file and line), HM_EIO or
 *         HM_ENOMEM */
HM_EXTERN int hm_sites_load(hm_sites **out, hm_ctx *ctx, const char *path,
			    const hm_sites_opts *opts);

/** Load sites from a buffer; as hm_sites_load, with name used in messages. */
HM_EXTERN int hm_sites_load_buffer(hm_sites **out, hm_ctx *ctx, const char *buf, size_t len,
				   const char *name, const hm_sites_opts *opts);

/** @return the largest value of the sites, 0 if there are none. */
HM_EXTERN double hm_sites_max_value(const hm_sites *sites);

/** Free sites; NULL is a no-op. */
HM_EXTERN void hm_sites_free(hm_sites *sites);

/** Parse a number as written in spreadsheets: "1234.5", "2,198" or
 * "1 000" (thousands separators), "12,5" (decimal comma) and, when
 * dot_groups is nonzero, "1.000" as one thousand. Leading and trailing
 * spaces are allowed. @return 0 and *out, or -1 if the text is not a number. */
HM_EXTERN int hm_parse_number(double *out, const char *text, int dot_groups);

/** Parse a coordinate: like hm_parse_number but a comma is always a decimal
 * separator ("16,688") and there are no thousands separators.
 * @return 0 and *out, or -1 if the text is not a number. */
HM_EXTERN int hm_parse_coord(double *out, const char *text);

#ifdef __cplusplus
}
#endif
#endif
