/* Reading a shapefile through shapelib's public API and its file hooks: on
 * disk or in memory, each record's type and box from its header (without
 * reading its vertices), and the records that meet the map read as GEOS
 * geometry on the context's threads. */
#ifndef HM_SHP_READ_H
#define HM_SHP_READ_H

#include "hotmap/common.h"

#include <geos_c.h>
#include <shapefil.h>
#include <stddef.h>
#include <stdint.h>

/* What one load lends shapelib's hooks, which take no user data: the last
 * error shapelib reported, and the buffers of a load from memory. Lives on
 * the load's stack or in its load object, between hm_shp_io_begin and
 * hm_shp_io_end. */
typedef struct hm_shp_io {
	char errmsg[256];   /* "" when shapelib reported none */
	const void *mem[4]; /* .shp, .shx, .dbf, .cpg; mem[0] NULL: files */
	size_t mem_len[4];
	struct hm_shp_io *outer; /* the load this one runs inside, if any */
} hm_shp_io;

/* Make io this thread's until hm_shp_io_end, and point hooks (set up by
 * SASetupDefaultHooks) at it: errors always, the files too when io->mem[0]
 * is set. */
void hm_shp_io_begin(hm_shp_io *io, SAHooks *hooks);
void hm_shp_io_end(hm_shp_io *io);

/* Read the shape type in the .shp's own 100-byte header into *type
 * (shapelib checks only the .shx's); returns 0, or -1 with *why set. */
int hm_shp_header_type(const SAHooks *hooks, const char *shp, int *type, const char **why);

/* The record index (.shx) and the .shp, for reading record headers. */
typedef struct {
	const SAHooks *hooks;
	SAFile shp;
	uint64_t shp_size;
	unsigned char *index; /* per record: offset, length; 16-bit words, big-endian */
	int n;
} hm_shp_boxes;

/* Open for the n records that shapelib found in the .shx; -1 when a file
 * cannot be opened or is shorter than its index (then still close b). */
int hm_shp_boxes_open(hm_shp_boxes *b, const SAHooks *hooks, const char *shp, const char *shx,
		      int n);
/* Record i's shape type and, unless it is SHPT_NULL, its box; -1 when its
 * header lies outside the file or cannot be read. */
int hm_shp_boxes_get(hm_shp_boxes *b, int i, double box[4]);
void hm_shp_boxes_close(hm_shp_boxes *b);

/* A shapefile open for reading records. */
typedef struct {
	const char *shp; /* its path, for messages and for more handles */
	SAHooks *hooks;
	int any_thread;	    /* 0: memory hooks, read on the caller's thread only */
	SHPHandle h;	    /* the caller's handle */
	int polygons;	    /* 1 polygons, 0 lines */
	double (*rects)[4]; /* the map, as hm_clip_rects gives it */
	int nr;
} hm_shp_src;

/* Record i of src, read through h with GEOS handle g, as a geometry clipped
 * to the map (box: the record's); NULL when outside or unusable (warned
 * through ctx; *unreadable counts records shapelib could not read). */
GEOSGeometry *hm_shp_read_record(GEOSContextHandle_t g, hm_ctx *ctx, const hm_shp_src *src,
				 SHPHandle h, int i, const double box[4], int *unreadable);

/* Read the n records rec[] (boxes box[]) into geom[], on the context's
 * threads when src allows; done[] (zeroed by the caller) marks what was
 * read. g is the caller's GEOS handle. Returns the number unreadable. */
int hm_shp_read_records(hm_ctx *ctx, const hm_shp_src *src, GEOSContextHandle_t g, const int *rec,
			const double (*box)[4], GEOSGeometry **geom, unsigned char *done, size_t n);

#endif
