/* Shape stage: loading a shapefile into a layer, step by step (open and
 * check the files, find the records that meet the map by their headers,
 * read them, name them); and which shipped shapes suit a map. */
#include "shapes_priv.h"

#include "context.h"
#include "shp_geos.h"
#include "shp_names.h"
#include "shp_read.h"
#include "util.h"

#include <math.h>
#include <pthread.h>
#include <shapefil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* the installed data (CMake sets it from CMAKE_INSTALL_FULL_DATADIR) */
#ifndef HOTMAP_DATADIR
#define HOTMAP_DATADIR "/usr/local/share/hotmap"
#endif

hm_resolution hm_shapes_resolution_for_scale(double scale_denominator)
{
	if (scale_denominator < 35e6)
		return HM_RES_10M;
	if (scale_denominator < 100e6)
		return HM_RES_50M;
	return HM_RES_110M;
}

/* The folder given, else $HOTMAP_SHAPES_DIR, else $HOTMAP_DATA_DIR/shapes,
 * else the installed datadir's shapes. */
void hm_shapes_countries_path(char *buf, size_t cap, const char *dir, hm_resolution res)
{
	const char *data = getenv("HOTMAP_DATA_DIR");

	if (!dir)
		dir = getenv("HOTMAP_SHAPES_DIR");
	if (dir && *dir)
		snprintf(buf, cap, "%s/countries_%dm.shp", dir, (int)res);
	else
		snprintf(buf, cap, "%s/shapes/countries_%dm.shp",
			 data && *data ? data : HOTMAP_DATADIR, (int)res);
}

static int file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Path with its extension replaced (or added). */
static void with_ext(char *buf, size_t cap, const char *path, const char *ext)
{
	size_t n = strlen(path);

	if (n > 4 && path[n - 4] == '.' && strchr(path + n - 4, '/') == NULL)
		n -= 4;
	snprintf(buf, cap, "%.*s%s", (int)n, path, ext);
}

/* One load: its files, what has been read of them, the layer being made. */
typedef struct {
	hm_ctx *ctx;
	const char *shp, *shx, *dbfp;
	const hm_bbox *clip;
	SAHooks hooks;
	hm_shp_io io;		/* lent to the hooks for this load only */
	int lazy;		/* keep the .shp open and read records on demand */
	const char *name_field; /* NULL: the usual country fields */
	int any_thread;
	SHPHandle h;
	DBFHandle dbf;
	int nent, type, unreadable;
	double rects[2][4];
	int nr;
	int *cand; /* the records that meet the map, and their boxes */
	double (*cbox)[4];
	size_t ncand;
	GEOSGeometry **geoms;	  /* one per candidate (not lazy) */
	GEOSContextHandle_t geos; /* the layer's */
	hm_layer *L;
} load;

static int open_files(load *ld)
{
	const char *why = NULL;
	int hdr_type;

	if (hm_shp_header_type(&ld->hooks, ld->shp, &hdr_type, &why) != 0)
		return hm_error(ld->ctx, HM_EDATA, "%s: not a shapefile (%s)", ld->shp, why);
	ld->h = SHPOpenLL(ld->shp, "rb", &ld->hooks);
	if (!ld->h)
		return hm_error(ld->ctx, HM_EDATA, "%s: not a readable shapefile%s%s", ld->shp,
				ld->io.errmsg[0] ? ": " : "", ld->io.errmsg);
	ld->dbf = DBFOpenLL(ld->dbfp, "rb", &ld->hooks);
	if (!ld->dbf)
		return hm_error(ld->ctx, HM_EDATA, "%s: not a readable dBASE file%s%s", ld->dbfp,
				ld->io.errmsg[0] ? ": " : "", ld->io.errmsg);
	SHPGetInfo(ld->h, &ld->nent, &ld->type, NULL, NULL);
	if (hdr_type != ld->type)
		return hm_error(ld->ctx, HM_EDATA,
				"%s: shape type %d, but its .shx says %d; "
				"the files do not belong together",
				ld->shp, hdr_type, ld->type);
	if (DBFGetRecordCount(ld->dbf) != ld->nent)
		return hm_error(ld->ctx, HM_EDATA,
				"%s: has %d records but %s has %d "
				"shapes; the files do not belong together",
				ld->dbfp, DBFGetRecordCount(ld->dbf), ld->shp, ld->nent);
	return HM_OK;
}

static int new_layer(load *ld)
{
	size_t cap = ld->nent > 0 ? (size_t)ld->nent : 1;
	hm_layer *L = calloc(1, sizeof(*L));

	ld->L = L;
	if (!L || !(L->path = hm_strdup(ld->shp)) || !(L->geos = hm_geos_new()))
		return hm_error(ld->ctx, HM_ENOMEM, "out of memory");
	ld->geos = L->geos;
	switch (ld->type) {
	case SHPT_POLYGON:
	case SHPT_POLYGONZ:
	case SHPT_POLYGONM: L->polygons = 1; break;
	case SHPT_ARC:
	case SHPT_ARCZ:
	case SHPT_ARCM: L->polygons = 0; break;
	default:
		return hm_error(ld->ctx, HM_EDATA,
				"%s: holds %s shapes; hotmap draws "
				"polygons and lines",
				ld->shp, SHPTypeName(ld->type));
	}
	L->items = calloc(cap, sizeof(hm_feature));
	ld->cand = malloc(cap * sizeof(*ld->cand));
	ld->cbox = malloc(cap * sizeof(*ld->cbox));
	if (!L->items || !ld->cand || !ld->cbox)
		return hm_error(ld->ctx, HM_ENOMEM, "out of memory");
	return HM_OK;
}

/* Record i becomes a candidate when its box meets the map. */
static void consider(load *ld, hm_shp_boxes *b, int i)
{
	double box[4];
	int t = hm_shp_boxes_get(b, i, box), meets = 0;

	if (t == SHPT_NULL)
		return; /* e.g. the Vatican, collapsed at 10m */
	if (t < 0 || t != ld->type || !isfinite(box[0]) || !isfinite(box[1]) || !isfinite(box[2]) ||
	    !isfinite(box[3])) {
		ld->unreadable++;
		return;
	}
	for (int k = 0; k < ld->nr; k++)
		meets |= hm_boxes_meet(box, ld->rects[k]);
	if (!meets)
		return;
	ld->cand[ld->ncand] = i;
	memcpy(ld->cbox[ld->ncand++], box, sizeof(box));
}

static int find_candidates(load *ld)
{
	hm_shp_boxes b;
	int rc = HM_OK;

	if (hm_shp_boxes_open(&b, &ld->hooks, ld->shp, ld->shx, ld->nent) != 0)
		rc = hm_error(ld->ctx, HM_EDATA,
			      "%s: not a readable shapefile: cannot read "
			      "its record index %s",
			      ld->shp, ld->shx);
	for (int i = 0; rc == HM_OK && i < ld->nent; i++)
		consider(ld, &b, i);
	hm_shp_boxes_close(&b);
	return rc;
}

static int read_geoms(load *ld)
{
	hm_shp_src src = {ld->shp,	   &ld->hooks, ld->any_thread, ld->h,
			  ld->L->polygons, ld->rects,  ld->nr};
	size_t cap = ld->ncand ? ld->ncand : 1;
	unsigned char *done;

	if (ld->lazy)
		return HM_OK;
	ld->geoms = calloc(cap, sizeof(*ld->geoms));
	done = calloc(cap, 1);
	if (!ld->geoms || !done) {
		free(done);
		return hm_error(ld->ctx, HM_ENOMEM, "out of memory");
	}
	ld->unreadable +=
		hm_shp_read_records(ld->ctx, &src, ld->geos, ld->cand, (const double(*)[4])ld->cbox,
				    ld->geoms, done, ld->ncand);
	free(done);
	return HM_OK;
}

/* The feature of candidate c, or NULL when its geometry came to nothing. */
static hm_feature *add_feature(load *ld, size_t c)
{
	hm_layer *L = ld->L;
	hm_feature *f;

	if (ld->lazy) {
		f = &L->items[L->count++];
		memcpy(f->bbox, ld->cbox[c], sizeof(ld->cbox[c]));
	} else {
		GEOSGeometry *gm = ld->geoms[c];
		if (!gm)
			return NULL;
		ld->geoms[c] = NULL; /* the layer's now */
		f = &L->items[L->count++];
		f->geom = gm;
		hm_geom_bbox(L->geos, gm, f->bbox);
	}
	f->rec = ld->cand[c];
	return f;
}

static int add_features(load *ld)
{
	hm_shp_names names;
	int rc = HM_OK;

	hm_shp_names_open(&names, ld->dbf, ld->name_field);
	for (size_t c = 0; c < ld->ncand; c++) {
		hm_feature *f = add_feature(ld, c);
		if (f && hm_shp_names_read(&names, f->rec, f) != 0) {
			rc = hm_error(ld->ctx, HM_ENOMEM, "out of memory");
			break;
		}
	}
	hm_shp_names_close(&names);
	return rc;
}

static int finish(load *ld, hm_layer **out)
{
	hm_layer *L = ld->L;

	if (ld->unreadable)
		/* a map silently missing countries is worse than no map */
		return hm_error(ld->ctx, HM_EDATA,
				"%s: %d of %d records unreadable: the file "
				"is truncated or corrupt",
				ld->shp, ld->unreadable, ld->nent);
	if (ld->lazy) {
		if (pthread_mutex_init(&L->lock, NULL) != 0)
			return hm_error(ld->ctx, HM_ENOMEM, "out of resources for a lock");
		L->lazy = 1;
		L->shp = ld->h; /* kept open for hm_layer_geom */
		ld->h = NULL;
	}
	*out = L;
	ld->L = NULL;
	return HM_OK;
}

static void load_free(load *ld)
{
	for (size_t c = 0; ld->geoms && c < ld->ncand; c++)
		if (ld->geoms[c])
			GEOSGeom_destroy_r(ld->geos, ld->geoms[c]); /* a load that failed */
	free(ld->geoms);
	free(ld->cand);
	free(ld->cbox);
	if (ld->dbf)
		DBFClose(ld->dbf);
	if (ld->h)
		SHPClose(ld->h);
	hm_layer_free(ld->L);
}

/* The field that names the records exists, else an error that lists the
 * fields there are. */
static int check_field(load *ld)
{
	char list[512] = "", f[12];
	size_t k = 0;
	int n = DBFGetFieldCount(ld->dbf);

	if (DBFGetFieldIndex(ld->dbf, ld->name_field) >= 0)
		return HM_OK;
	for (int i = 0; i < n && k + 16 < sizeof(list); i++) {
		DBFGetFieldInfo(ld->dbf, i, f, NULL, NULL);
		k += (size_t)snprintf(list + k, sizeof(list) - k, "%s%s", i ? ", " : "", f);
	}
	return hm_error(ld->ctx, HM_EDATA, "%s: no field \"%.40s\" (its fields: %s)", ld->dbfp,
			ld->name_field, list);
}

/* Run a load whose files, hooks and options are set. */
static int load_run(load *ld, hm_layer **out)
{
	int rc;

	*out = NULL;
	hm_shp_io_begin(&ld->io, &ld->hooks);
	ld->nr = hm_clip_rects(ld->clip, ld->rects);
	rc = open_files(ld);
	if (rc == HM_OK && ld->name_field)
		rc = check_field(ld);
	if (rc == HM_OK)
		rc = new_layer(ld);
	if (rc == HM_OK)
		rc = find_candidates(ld);
	if (rc == HM_OK)
		rc = read_geoms(ld);
	if (rc == HM_OK)
		rc = add_features(ld);
	if (rc == HM_OK)
		rc = finish(ld, out);
	load_free(ld);
	hm_shp_io_end(&ld->io);
	return rc;
}

static int load_file(hm_layer **out, hm_ctx *ctx, const char *path, const hm_bbox *clip, int lazy,
		     const char *name_field)
{
	char shp[4096], shx[4096], dbfp[4096];
	load ld = {.ctx = ctx, .shp = shp, .shx = shx, .dbfp = dbfp, .clip = clip};

	*out = NULL;
	with_ext(shp, sizeof(shp), path, ".shp");
	with_ext(shx, sizeof(shx), path, ".shx");
	with_ext(dbfp, sizeof(dbfp), path, ".dbf");
	if (!file_exists(shp))
		return hm_error(ctx, HM_EDATA, "%s: shapefile not found", shp);
	if (!file_exists(shx))
		return hm_error(ctx, HM_EDATA,
				"%s: missing; a shapefile needs its "
				".shp, .shx and .dbf side by side",
				shx);
	if (!file_exists(dbfp))
		return hm_error(ctx, HM_EDATA,
				"%s: missing; a shapefile needs its "
				".shp, .shx and .dbf side by side",
				dbfp);
	SASetupDefaultHooks(&ld.hooks);
	ld.lazy = lazy;
	ld.name_field = name_field;
	ld.any_thread = 1;
	return load_run(&ld, out);
}

int hm_layer_load(hm_layer **out, hm_ctx *ctx, const char *path, const hm_bbox *clip)
{
	return load_file(out, ctx, path, clip, 0, NULL);
}

int hm_layer_load_named(hm_layer **out, hm_ctx *ctx, const char *path, const hm_bbox *clip,
			const char *name_field)
{
	return load_file(out, ctx, path, clip, 0, name_field);
}

int hm_layer_load_lazy(hm_layer **out, hm_ctx *ctx, const char *path)
{
	return load_file(out, ctx, path, NULL, 1, NULL);
}

int hm_layer_load_buffers(hm_layer **out, hm_ctx *ctx, const char *name, const void *shp,
			  size_t shp_len, const void *shx, size_t shx_len, const void *dbf,
			  size_t dbf_len, const char *cpg, const hm_bbox *clip)
{
	char nshp[512], nshx[512], ndbf[512];
	load ld = {.ctx = ctx, .shp = nshp, .shx = nshx, .dbfp = ndbf, .clip = clip};

	*out = NULL;
	if (!name)
		name = "<buffers>";
	if (!shp || !shx || !dbf)
		return hm_error(ctx, HM_EDATA, "%s: a shapefile needs its .shp, .shx and .dbf",
				name);
	snprintf(nshp, sizeof(nshp), "%.500s.shp", name);
	snprintf(nshx, sizeof(nshx), "%.500s.shx", name);
	snprintf(ndbf, sizeof(ndbf), "%.500s.dbf", name);
	ld.io.mem[0] = shp, ld.io.mem_len[0] = shp_len;
	ld.io.mem[1] = shx, ld.io.mem_len[1] = shx_len;
	ld.io.mem[2] = dbf, ld.io.mem_len[2] = dbf_len;
	ld.io.mem[3] = cpg, ld.io.mem_len[3] = cpg ? strlen(cpg) : 0;
	SASetupDefaultHooks(&ld.hooks);
	return load_run(&ld, out);
}
