/* Shape stage. shapelib trusts its input, so each record is checked before
 * use; records outside the map are skipped by reading only their header. */
#include "shapes_priv.h"

#include "context.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <math.h>
#include <stdatomic.h>
#include <shapefil.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* the installed data (CMake sets it from CMAKE_INSTALL_FULL_DATADIR) */
#ifndef HOTMAP_DATADIR
#define HOTMAP_DATADIR "/usr/local/share/hotmap"
#endif

/* shapelib reports through a hook with no user data; keep the message per
 * thread so that the error we return can quote it. */
static _Thread_local char shp_errbuf[256];

static void shp_error(const char *msg)
{
	snprintf(shp_errbuf, sizeof(shp_errbuf), "%s", msg);
}

static void geos_notice(const char *fmt, ...)
{
	(void)fmt; /* GEOS notices are not actionable for users */
}

GEOSContextHandle_t hm_geos_new(void)
{
	GEOSContextHandle_t g = GEOS_init_r();

	if (g) {
		GEOSContext_setNoticeHandler_r(g, geos_notice);
		GEOSContext_setErrorHandler_r(g, geos_notice);
	}
	return g;
}

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

static uint32_t le32(const unsigned char *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static double le64d(const unsigned char *b)
{
	uint64_t u = 0;
	double d;

	for (int i = 7; i >= 0; i--)
		u = u << 8 | b[i];
	memcpy(&d, &u, sizeof(d));
	return d;
}

/* Read record i's type and bounding box from its header, without reading
 * its vertices. Returns the shape type, or -1 if unreadable. */
static int record_bounds(SHPHandle h, int i, double box[4])
{
	unsigned char b[36];

	if (h->panRecSize[i] < 4 ||
	    h->sHooks.FSeek(h->fpSHP, (SAOffset)h->panRecOffset[i] + 8, SEEK_SET) != 0)
		return -1;
	if (h->sHooks.FRead(b, 1, 4, h->fpSHP) != 4)
		return -1;
	if (le32(b) == SHPT_NULL)
		return SHPT_NULL;
	if (le32(b) == SHPT_POINT || le32(b) == SHPT_POINTZ || le32(b) == SHPT_POINTM) {
		if (h->sHooks.FRead(b + 4, 1, 16, h->fpSHP) != 16)
			return -1;
		box[0] = box[2] = le64d(b + 4);
		box[1] = box[3] = le64d(b + 12);
		return (int)le32(b);
	}
	if (h->panRecSize[i] < 36 || h->sHooks.FRead(b + 4, 1, 32, h->fpSHP) != 32)
		return -1;
	for (int k = 0; k < 4; k++)
		box[k] = le64d(b + 4 + 8 * k);
	return (int)le32(b);
}

/* The clip box as one or two plain rectangles (split at the antimeridian). */
static int clip_rects(const hm_bbox *clip, double r[2][4])
{
	if (!clip) {
		r[0][0] = -180, r[0][1] = -90, r[0][2] = 180, r[0][3] = 90;
		return 1;
	}
	if (clip->w <= clip->e) {
		r[0][0] = clip->w, r[0][1] = clip->s, r[0][2] = clip->e, r[0][3] = clip->n;
		return 1;
	}
	r[0][0] = clip->w, r[0][1] = clip->s, r[0][2] = 180, r[0][3] = clip->n;
	r[1][0] = -180, r[1][1] = clip->s, r[1][2] = clip->e, r[1][3] = clip->n;
	return 2;
}

static int boxes_meet(const double a[4], const double r[4])
{
	return a[0] <= r[2] && a[2] >= r[0] && a[1] <= r[3] && a[3] >= r[1];
}

/* DBF text to UTF-8. */
typedef struct {
	iconv_t cd; /* (iconv_t)-1 when the file is UTF-8 */
	int guess;  /* no .cpg: UTF-8 if the bytes are, else Windows-1252 */
} text_conv;

static int valid_utf8(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	while (*u) {
		int n = *u < 0x80	      ? 0
			: (*u & 0xE0) == 0xC0 ? 1
			: (*u & 0xF0) == 0xE0 ? 2
			: (*u & 0xF8) == 0xF0 ? 3
					      : -1;
		if (n < 0)
			return 0;
		for (int k = 1; k <= n; k++)
			if ((u[k] & 0xC0) != 0x80)
				return 0;
		u += n + 1;
	}
	return 1;
}

static char *to_utf8(text_conv *tc, const char *s)
{
	size_t in_left, out_left, cap;
	char *out, *ip, *op;

	if (!s)
		s = "";
	if (tc->cd == (iconv_t)-1 || (tc->guess && valid_utf8(s)))
		return valid_utf8(s) ? hm_strdup(s) : hm_strdup("?");
	in_left = strlen(s);
	cap = in_left * 4 + 1;
	out = malloc(cap);
	if (!out)
		return NULL;
	ip = (char *)s;
	op = out;
	out_left = cap - 1;
	iconv(tc->cd, NULL, NULL, NULL, NULL);
	while (in_left > 0) {
		if (iconv(tc->cd, &ip, &in_left, &op, &out_left) == (size_t)-1) {
			if (errno != EILSEQ && errno != EINVAL)
				break;
			/* a byte Windows-1252 leaves undefined */
			*op++ = '?';
			out_left--;
			ip++;
			in_left--;
		}
	}
	*op = '\0';
	return out;
}

static void text_conv_open(text_conv *tc, DBFHandle dbf)
{
	const char *cp = DBFGetCodePage(dbf);

	tc->cd = (iconv_t)-1;
	tc->guess = 0;
	if (cp && (strcasecmp(cp, "UTF-8") == 0 || strcasecmp(cp, "UTF8") == 0 ||
		   strcmp(cp, "65001") == 0))
		return;
	if (cp && strncmp(cp, "LDID/", 5) != 0) {
		char name[64];
		snprintf(name, sizeof(name), "%s%s", isdigit((unsigned char)cp[0]) ? "CP" : "", cp);
		tc->cd = iconv_open("UTF-8", name);
		if (tc->cd != (iconv_t)-1)
			return;
	}
	/* No .cpg (Natural Earth before 4.0): Windows-1252, unless the bytes
	 * are valid UTF-8, which Windows-1252 names almost never are. */
	tc->cd = iconv_open("UTF-8", "CP1252");
	tc->guess = 1;
}

static int find_field(DBFHandle dbf, const char *const *names)
{
	for (int k = 0; names[k]; k++) {
		int i = DBFGetFieldIndex(dbf, names[k]);
		if (i >= 0)
			return i;
	}
	return -1;
}

static double ring_area2(const double *xy, int n)
{
	double a = 0;

	for (int i = 0, j = n - 1; i < n; j = i++)
		a += (xy[2 * i] - xy[2 * j]) * (xy[2 * j + 1] + xy[2 * i + 1]);
	return a; /* > 0 clockwise (y up): an outer ring in a shapefile */
}

static GEOSGeometry *make_ring(GEOSContextHandle_t g, const double *xy, int n, int line)
{
	GEOSCoordSequence *cs;
	int closed = xy[0] == xy[2 * (n - 1)] && xy[1] == xy[2 * (n - 1) + 1];
	int m = (line || closed) ? n : n + 1;

	if (m == n) {
		cs = GEOSCoordSeq_copyFromBuffer_r(g, xy, (unsigned)n, 0, 0);
	} else {
		cs = GEOSCoordSeq_create_r(g, (unsigned)m, 2);
		for (int i = 0; cs && i < n; i++)
			GEOSCoordSeq_setXY_r(g, cs, (unsigned)i, xy[2 * i], xy[2 * i + 1]);
		if (cs)
			GEOSCoordSeq_setXY_r(g, cs, (unsigned)n, xy[0], xy[1]);
	}
	if (!cs)
		return NULL;
	return line ? GEOSGeom_createLineString_r(g, cs) : GEOSGeom_createLinearRing_r(g, cs);
}

typedef struct {
	GEOSGeometry *shell;
	GEOSGeometry **holes;
	size_t nholes;
	double box[4];
	double area;
} poly_build;

/* Build a GEOS geometry from a checked shapelib object. */
static GEOSGeometry *shape_to_geos(GEOSContextHandle_t g, const SHPObject *o, int polygons,
				   double rects[][4], int nr)
{
	GEOSGeometry *res = NULL;
	GEOSGeometry **parts = NULL;
	poly_build *pb = NULL;
	double *xy = NULL, (*pbox)[4] = NULL;
	size_t nparts = 0, npoly = 0;
	int nouter = 0;

	xy = malloc(sizeof(double) * 2 * (size_t)o->nVertices);
	parts = calloc((size_t)o->nParts, sizeof(*parts));
	pb = calloc((size_t)o->nParts, sizeof(*pb));
	pbox = malloc((size_t)o->nParts * sizeof(*pbox));
	if (!xy || !parts || !pb || !pbox)
		goto cleanup;
	for (int i = 0; i < o->nVertices; i++) {
		xy[2 * i] = o->padfX[i];
		xy[2 * i + 1] = o->padfY[i];
	}
	/* Each part's box; a part that misses the map is not made at all. A
	 * record whose box spans the world (the United States: the Aleutians
	 * cross the antimeridian) met every map, and building all of its
	 * rings to clip them away took 2.3 ms of the example's shapes. A hole
	 * that meets the map lies in a shell that does. */
	for (int p = 0; p < o->nParts; p++) {
		int a = o->panPartStart[p];
		int b = p + 1 < o->nParts ? o->panPartStart[p + 1] : o->nVertices;
		double *box = pbox[p];
		int meets = nr == 0;
		box[0] = box[1] = HUGE_VAL;
		box[2] = box[3] = -HUGE_VAL;
		for (int i = a; i < b; i++) {
			box[0] = fmin(box[0], xy[2 * i]);
			box[1] = fmin(box[1], xy[2 * i + 1]);
			box[2] = fmax(box[2], xy[2 * i]);
			box[3] = fmax(box[3], xy[2 * i + 1]);
		}
		for (int k = 0; k < nr; k++)
			meets |= boxes_meet(box, rects[k]);
		if (!meets)
			box[0] = HUGE_VAL; /* marks the part skipped */
	}
	for (int p = 0; p < o->nParts; p++) {
		int a = o->panPartStart[p];
		int b = p + 1 < o->nParts ? o->panPartStart[p + 1] : o->nVertices;
		if (pbox[p][0] == HUGE_VAL)
			continue;
		if (!polygons) {
			if (b - a >= 2) {
				GEOSGeometry *l = make_ring(g, xy + 2 * a, b - a, 1);
				if (l)
					parts[nparts++] = l;
			}
			continue;
		}
		if (b - a < 3)
			continue;
		if (ring_area2(xy + 2 * a, b - a) > 0)
			nouter++;
	}
	if (!polygons) {
		if (nparts)
			res = GEOSGeom_createCollection_r(g, GEOS_MULTILINESTRING, parts,
							  (unsigned)nparts);
		if (res)
			nparts = 0; /* owned by res */
		goto cleanup;
	}
	/* Outer rings (clockwise) become polygons; each hole joins the
	 * smallest outer ring whose box holds it. A file with no clockwise
	 * ring is wound the wrong way: take every ring as an outer one. */
	for (int pass = 0; pass < 2; pass++) {
		for (int p = 0; p < o->nParts; p++) {
			int a = o->panPartStart[p];
			int b = p + 1 < o->nParts ? o->panPartStart[p + 1] : o->nVertices;
			const double *box = pbox[p];
			double ar;
			int outer;
			GEOSGeometry *ring;
			if (b - a < 3 || box[0] == HUGE_VAL)
				continue;
			ar = ring_area2(xy + 2 * a, b - a);
			outer = nouter == 0 || ar > 0;
			if ((pass == 0) != outer)
				continue;
			ring = make_ring(g, xy + 2 * a, b - a, 0);
			if (!ring)
				continue;
			if (outer) {
				pb[npoly].shell = ring;
				memcpy(pb[npoly].box, box, sizeof(pb[npoly].box));
				pb[npoly].area = fabs(ar);
				npoly++;
			} else {
				poly_build *best = NULL;
				for (size_t k = 0; k < npoly; k++) {
					poly_build *c = &pb[k];
					if (c->box[0] <= box[0] && c->box[1] <= box[1] &&
					    c->box[2] >= box[2] && c->box[3] >= box[3] &&
					    (!best || c->area < best->area))
						best = c;
				}
				GEOSGeometry **h =
					best ? realloc(best->holes, (best->nholes + 1) * sizeof(*h))
					     : NULL;
				if (!h) {
					GEOSGeom_destroy_r(g, ring);
					continue;
				}
				best->holes = h;
				best->holes[best->nholes++] = ring;
			}
		}
	}
	for (size_t k = 0; k < npoly; k++) {
		GEOSGeometry *poly = GEOSGeom_createPolygon_r(g, pb[k].shell, pb[k].holes,
							      (unsigned)pb[k].nholes);
		free(pb[k].holes);
		pb[k].holes = NULL;
		pb[k].nholes = 0;
		pb[k].shell = NULL;
		if (poly)
			parts[nparts++] = poly;
	}
	if (nparts)
		res = GEOSGeom_createCollection_r(g, GEOS_MULTIPOLYGON, parts, (unsigned)nparts);
	if (res)
		nparts = 0;
cleanup:
	for (size_t k = 0; pb && k < (size_t)o->nParts; k++) {
		if (pb[k].shell)
			GEOSGeom_destroy_r(g, pb[k].shell);
		for (size_t h = 0; h < pb[k].nholes; h++)
			GEOSGeom_destroy_r(g, pb[k].holes[h]);
		free(pb[k].holes);
	}
	for (size_t k = 0; k < nparts; k++)
		GEOSGeom_destroy_r(g, parts[k]);
	free(parts);
	free(pb);
	free(pbox);
	free(xy);
	return res;
}

/* Why an object cannot be used, or NULL when it is sound. */
static const char *check_object(const SHPObject *o)
{
	if (o->nParts < 1 || o->nVertices < 1)
		return "no parts";
	if (o->nVertices > HM_MAX_VERTICES)
		return "more than 20 million points";
	if (o->panPartStart[0] != 0)
		return "first part does not start at vertex 0";
	for (int p = 1; p < o->nParts; p++)
		if (o->panPartStart[p] <= o->panPartStart[p - 1] ||
		    o->panPartStart[p] >= o->nVertices)
			return "part indices out of order";
	for (int i = 0; i < o->nVertices; i++)
		if (!isfinite(o->padfX[i]) || !isfinite(o->padfY[i]) || fabs(o->padfX[i]) > 540 ||
		    fabs(o->padfY[i]) > 90.5)
			return "coordinates are not longitude/latitude degrees";
	return NULL;
}

static GEOSGeometry *clip_geom(GEOSContextHandle_t g, const GEOSGeometry *geom, double r[2][4],
			       int nr, const double box[4])
{
	GEOSGeometry *pieces[2];
	int n = 0;

	for (int k = 0; k < nr; k++) {
		GEOSGeometry *c;
		if (!boxes_meet(box, r[k]))
			continue;
		if (box[0] >= r[k][0] && box[1] >= r[k][1] && box[2] <= r[k][2] &&
		    box[3] <= r[k][3])
			c = GEOSGeom_clone_r(g, geom);
		else
			c = GEOSClipByRect_r(g, geom, r[k][0], r[k][1], r[k][2], r[k][3]);
		if (c && GEOSisEmpty_r(g, c) == 0)
			pieces[n++] = c;
		else if (c)
			GEOSGeom_destroy_r(g, c);
	}
	if (n == 0)
		return NULL;
	if (n == 1)
		return pieces[0];
	return GEOSGeom_createCollection_r(g, GEOS_GEOMETRYCOLLECTION, pieces, 2);
}

/* In-memory files for hm_layer_load_buffers: shapelib's hooks take no user
 * data, so the buffers of the load in progress are per thread. */
typedef struct {
	const unsigned char *buf;
	size_t len, pos;
} memfile;

static _Thread_local struct {
	const void *buf[4];
	size_t len[4];
} mem_files; /* .shp, .shx, .dbf, .cpg */

static SAFile mem_open(const char *name, const char *access)
{
	size_t n = strlen(name);
	static const char *const ext[4] = {".shp", ".shx", ".dbf", ".cpg"};
	memfile *m;

	if (access[0] != 'r' || n < 4)
		return NULL;
	for (int k = 0; k < 4; k++) {
		if (strcasecmp(name + n - 4, ext[k]) != 0 || !mem_files.buf[k])
			continue;
		m = calloc(1, sizeof(*m));
		if (!m)
			return NULL;
		m->buf = mem_files.buf[k];
		m->len = mem_files.len[k];
		return (SAFile)m;
	}
	return NULL;
}

static SAOffset mem_read(void *p, SAOffset size, SAOffset nmemb, SAFile f)
{
	memfile *m = (memfile *)f;
	size_t want, avail;

	if (size == 0)
		return 0;
	avail = m->pos < m->len ? m->len - m->pos : 0;
	want = (size_t)nmemb;
	if (want > avail / (size_t)size)
		want = avail / (size_t)size;
	memcpy(p, m->buf + m->pos, want * (size_t)size);
	m->pos += want * (size_t)size;
	return (SAOffset)want;
}

static SAOffset mem_write(void *p, SAOffset size, SAOffset nmemb, SAFile f)
{
	(void)p, (void)size, (void)nmemb, (void)f;
	return 0;
}

static SAOffset mem_seek(SAFile f, SAOffset off, int whence)
{
	memfile *m = (memfile *)f;
	size_t base = whence == SEEK_CUR ? m->pos : whence == SEEK_END ? m->len : 0;

	m->pos = base + (size_t)off;
	return 0;
}

static SAOffset mem_tell(SAFile f)
{
	return (SAOffset)((memfile *)f)->pos;
}

static int mem_flush(SAFile f)
{
	(void)f;
	return 0;
}

static int mem_close(SAFile f)
{
	free(f);
	return 0;
}

static int mem_remove(const char *name)
{
	(void)name;
	return -1;
}

static int load_with_hooks(hm_layer **out, hm_ctx *ctx, const char *shp, const char *shx,
			   const char *dbfp, SAHooks *hooks, const hm_bbox *clip, int lazy,
			   int any_thread);

static int load_file(hm_layer **out, hm_ctx *ctx, const char *path, const hm_bbox *clip, int lazy)
{
	char shp[4096], shx[4096], dbfp[4096];
	SAHooks hooks;

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
	SASetupDefaultHooks(&hooks);
	return load_with_hooks(out, ctx, shp, shx, dbfp, &hooks, clip, lazy, 1);
}

int hm_layer_load(hm_layer **out, hm_ctx *ctx, const char *path, const hm_bbox *clip)
{
	return load_file(out, ctx, path, clip, 0);
}

int hm_layer_load_buffers(hm_layer **out, hm_ctx *ctx, const char *name, const void *shp,
			  size_t shp_len, const void *shx, size_t shx_len, const void *dbf,
			  size_t dbf_len, const char *cpg, const hm_bbox *clip)
{
	char nshp[512], nshx[512], ndbf[512];
	SAHooks hooks;
	int rc;

	*out = NULL;
	if (!shp || !shx || !dbf)
		return hm_error(ctx, HM_EDATA, "%s: a shapefile needs its .shp, .shx and .dbf",
				name ? name : "<buffers>");
	snprintf(nshp, sizeof(nshp), "%.500s.shp", name ? name : "<buffers>");
	snprintf(nshx, sizeof(nshx), "%.500s.shx", name ? name : "<buffers>");
	snprintf(ndbf, sizeof(ndbf), "%.500s.dbf", name ? name : "<buffers>");
	mem_files.buf[0] = shp, mem_files.len[0] = shp_len;
	mem_files.buf[1] = shx, mem_files.len[1] = shx_len;
	mem_files.buf[2] = dbf, mem_files.len[2] = dbf_len;
	mem_files.buf[3] = cpg, mem_files.len[3] = cpg ? strlen(cpg) : 0;
	SASetupDefaultHooks(&hooks);
	hooks.FOpen = mem_open;
	hooks.FRead = mem_read;
	hooks.FWrite = mem_write;
	hooks.FSeek = mem_seek;
	hooks.FTell = mem_tell;
	hooks.FFlush = mem_flush;
	hooks.FClose = mem_close;
	hooks.Remove = mem_remove;
	rc = load_with_hooks(out, ctx, nshp, nshx, ndbf, &hooks, clip, 0, 0);
	memset(&mem_files, 0, sizeof(mem_files));
	return rc;
}

/* Read record i of h as GEOS, clipped to the rectangles r; NULL when it is
 * unusable (warned through ctx) or outside. */
static GEOSGeometry *read_record(GEOSContextHandle_t g, hm_ctx *ctx, SHPHandle h, int i,
				 int polygons, double r[2][4], int nr, const double box[4],
				 const char *shp, int *unreadable)
{
	SHPObject *o = SHPReadObject(h, i);
	GEOSGeometry *gm, *clipped;
	const char *why;

	if (!o) {
		(*unreadable)++;
		return NULL;
	}
	why = check_object(o);
	if (why) {
		hm_log(ctx, HM_LOG_WARN, "%s: record %d: %s; skipped", shp, i + 1, why);
		SHPDestroyObject(o);
		return NULL;
	}
	gm = shape_to_geos(g, o, polygons, r, nr);
	SHPDestroyObject(o);
	if (!gm)
		return NULL;
	/* wholly inside one rectangle (most records): no clip, no copy */
	for (int k = 0; k < nr; k++)
		if (box[0] >= r[k][0] && box[1] >= r[k][1] && box[2] <= r[k][2] &&
		    box[3] <= r[k][3])
			return gm;
	clipped = clip_geom(g, gm, r, nr, box);
	GEOSGeom_destroy_r(g, gm);
	return clipped;
}

const GEOSGeometry *hm_layer_geom(const hm_layer *layer, size_t i, hm_ctx *ctx)
{
	hm_layer *L = (hm_layer *)layer; /* reading in is not a change */
	hm_feature *f = &L->items[i];
	const GEOSGeometry *gm;
	double r[2][4];
	int nr = clip_rects(NULL, r), unreadable = 0;

	if (!L->lazy)
		return f->geom;
	pthread_mutex_lock(&L->lock);
	if (!f->read) {
		f->geom = read_record(L->geos, ctx, L->shp, f->rec, L->polygons, r, nr, f->bbox,
				      L->path, &unreadable);
		if (unreadable)
			hm_log(ctx, HM_LOG_WARN, "%s: record %d unreadable; skipped", L->path,
			       f->rec + 1);
		f->read = 1;
	}
	gm = f->geom;
	pthread_mutex_unlock(&L->lock);
	return gm;
}

/* Reading the records that meet the map (SHPReadObject, GEOS geometry,
 * clipping) is most of the shape stage, and records are independent: the
 * context's threads take them one at a time, each through its own handle
 * on the files (a shapelib handle reads through one buffer), and each
 * writes only its records' slots. */
typedef struct {
	const char *shp;
	SAHooks *hooks;
	SHPHandle h0; /* the caller's handle, for task 0 */
	hm_ctx *ctx;
	int polygons, nr;
	double (*rects)[4];
	const int *rec; /* candidate records */
	const double (*box)[4];
	const size_t *order; /* the candidates, largest record first */
	GEOSGeometry **geom; /* out: one per candidate, NULL when none */
	unsigned char *done; /* out: 1 where the candidate was read */
	size_t n;
	atomic_size_t next;
	atomic_int unreadable;
} read_job;

typedef struct {
	read_job *job;
	int first;
} read_task;

static void read_run(void *arg, hm_worker *w)
{
	read_task *t = arg;
	read_job *J = t->job;
	SHPHandle h = t->first ? J->h0 : NULL;
	GEOSContextHandle_t g = NULL;
	int unreadable = 0;

	for (;;) {
		size_t k = atomic_fetch_add(&J->next, 1);
		if (k >= J->n)
			break;
		k = J->order[k];
		/* a thread that cannot open the files or start GEOS leaves
		 * the rest to the caller (see read_records) */
		if ((!h && !(h = SHPOpenLL(J->shp, "rb", J->hooks))) ||
		    (!g && !(g = hm_geos_new())))
			break;
		J->geom[k] = read_record(g, J->ctx, h, J->rec[k], J->polygons, J->rects, J->nr,
					 J->box[k], J->shp, &unreadable);
		J->done[k] = 1;
	}
	if (h && !t->first)
		SHPClose(h);
	if (g)
		GEOS_finish_r(g); /* its geometries are plain data, kept */
	atomic_fetch_add(&J->unreadable, unreadable);
	(void)w;
}

typedef struct {
	double area; /* of the record's box */
	size_t k;
} by_box;

static int by_box_area(const void *a, const void *b)
{
	const by_box *x = a, *y = b;

	if (x->area != y->area)
		return x->area < y->area ? 1 : -1;
	return x->k < y->k ? -1 : 1;
}

/* Read the candidates into geom[]; returns the number unreadable. The file
 * hooks only: memory hooks (hm_layer_load_buffers) keep their buffers per
 * thread, so such a load stays on the caller's thread. */
static int read_records(hm_ctx *ctx, const char *shp, SAHooks *hooks, int any_thread, SHPHandle h,
			GEOSContextHandle_t g, int polygons, double rects[2][4], int nr,
			const int *rec, const double (*box)[4], GEOSGeometry **geom,
			unsigned char *done, size_t n)
{
	read_job J = {shp, hooks, h, ctx, polygons, nr, rects, rec, box, NULL, geom, done, n, 0, 0};
	read_task tasks[HM_MAX_THREADS];
	void *args[HM_MAX_THREADS];
	int nt = any_thread && n >= 4 && ctx ? hm_ctx_threads(ctx) : 1, unreadable;
	size_t *order = nt > 1 ? malloc(n * sizeof(*order)) : NULL;

	if (!order)
		nt = 1;
	nt = nt > HM_MAX_THREADS ? HM_MAX_THREADS : nt < 1 ? 1 : nt;
	if (order) {
		/* the widest records first (the United States, Russia,
		 * Indonesia's islands, ...), so that no thread ends on a big
		 * one alone; the box is what shapelib's public API tells of a
		 * record before it is read */
		by_box *bb = malloc(n * sizeof(*bb));
		for (size_t k = 0; bb && k < n; k++)
			bb[k] = (by_box){(box[k][2] - box[k][0]) * (box[k][3] - box[k][1]), k};
		if (bb)
			qsort(bb, n, sizeof(*bb), by_box_area);
		for (size_t k = 0; k < n; k++)
			order[k] = bb ? bb[k].k : k;
		free(bb);
		J.order = order;
	}
	for (int k = 0; k < nt; k++) {
		tasks[k] = (read_task){&J, k == 0};
		args[k] = &tasks[k];
	}
	if (nt > 1)
		hm_ctx_run(ctx, read_run, args, nt);
	free(order);
	unreadable = atomic_load(&J.unreadable);
	/* what no thread read (none could, or one failed), on this one */
	for (size_t k = 0; k < n; k++)
		if (!done[k])
			geom[k] = read_record(g, ctx, h, rec[k], polygons, rects, nr, box[k], shp,
					      &unreadable);
	return unreadable;
}

static int load_with_hooks(hm_layer **out, hm_ctx *ctx, const char *shp, const char *shx,
			   const char *dbfp, SAHooks *hooks_in, const hm_bbox *clip, int lazy,
			   int any_thread)
{
	static const char *const name_fields[] = {"NAME", "ADMIN", "NAME_LONG", "NAME_EN", NULL};
	static const char *const iso_fields[] = {"ISO_A3", "ISO_A3_EH", "ADM0_A3", NULL};
	static const char *const adm_fields[] = {"ADM0_A3", "GU_A3", NULL};
	/* other names a CSV may use: NAME is "Lao PDR" where ADMIN is "Laos" */
	static const char *const alt_fields[3] = {"ADMIN", "NAME_LONG", "FORMAL_EN"};
	int falt[3];
	SAHooks hooks = *hooks_in;
	SHPHandle h = NULL;
	DBFHandle dbf = NULL;
	hm_layer *L = NULL;
	text_conv tc = {(iconv_t)-1, 0};
	double rects[2][4];
	int nr, nent, type, fname, fiso, fadm, rc = HM_OK, shp_type_hdr = 0;
	int unreadable = 0, *cand = NULL;
	double(*cbox)[4] = NULL;
	size_t ncand = 0;
	GEOSGeometry **geoms = NULL;
	GEOSContextHandle_t geos = NULL; /* the layer's */
	unsigned char *done = NULL;

	(void)shx;
	*out = NULL;
	{
		/* shapelib checks only the .shx header: check the .shp's too */
		unsigned char hdr[100];
		SAFile f = hooks.FOpen(shp, "rb");
		size_t got = f ? (size_t)hooks.FRead(hdr, 1, sizeof(hdr), f) : 0;
		if (f)
			hooks.FClose(f);
		if (got < sizeof(hdr) || hdr[0] || hdr[1] || hdr[2] != 0x27 || hdr[3] != 0x0A)
			return hm_error(ctx, HM_EDATA, "%s: not a shapefile (%s)", shp,
					got < sizeof(hdr) ? "shorter than its header"
							  : "wrong file code");
		shp_type_hdr = (int)le32(hdr + 32);
	}
	hooks.Error = shp_error;
	shp_errbuf[0] = '\0';
	h = SHPOpenLL(shp, "rb", &hooks);
	if (!h) {
		rc = hm_error(ctx, HM_EDATA, "%s: not a readable shapefile%s%s", shp,
			      shp_errbuf[0] ? ": " : "", shp_errbuf);
		goto cleanup;
	}
	dbf = DBFOpenLL(dbfp, "rb", &hooks);
	if (!dbf) {
		rc = hm_error(ctx, HM_EDATA, "%s: not a readable dBASE file%s%s", dbfp,
			      shp_errbuf[0] ? ": " : "", shp_errbuf);
		goto cleanup;
	}
	SHPGetInfo(h, &nent, &type, NULL, NULL);
	if (shp_type_hdr != type) {
		rc = hm_error(ctx, HM_EDATA,
			      "%s: shape type %d, but its .shx says %d; "
			      "the files do not belong together",
			      shp, shp_type_hdr, type);
		goto cleanup;
	}
	if (DBFGetRecordCount(dbf) != nent) {
		rc = hm_error(ctx, HM_EDATA,
			      "%s: has %d records but %s has %d "
			      "shapes; the files do not belong together",
			      dbfp, DBFGetRecordCount(dbf), shp, nent);
		goto cleanup;
	}
	L = calloc(1, sizeof(*L));
	if (!L || !(L->path = hm_strdup(shp)) || !(L->geos = hm_geos_new())) {
		rc = hm_error(ctx, HM_ENOMEM, "out of memory");
		goto cleanup;
	}
	geos = L->geos;
	switch (type) {
	case SHPT_POLYGON:
	case SHPT_POLYGONZ:
	case SHPT_POLYGONM: L->polygons = 1; break;
	case SHPT_ARC:
	case SHPT_ARCZ:
	case SHPT_ARCM: L->polygons = 0; break;
	default:
		rc = hm_error(ctx, HM_EDATA,
			      "%s: holds %s shapes; hotmap draws "
			      "polygons and lines",
			      shp, SHPTypeName(type));
		goto cleanup;
	}
	fname = find_field(dbf, name_fields);
	for (int k = 0; k < 3; k++)
		falt[k] = DBFGetFieldIndex(dbf, alt_fields[k]);
	fiso = find_field(dbf, iso_fields);
	fadm = find_field(dbf, adm_fields);
	text_conv_open(&tc, dbf);
	nr = clip_rects(clip, rects);
	L->items = calloc(nent > 0 ? (size_t)nent : 1, sizeof(hm_feature));
	if (!L->items) {
		rc = hm_error(ctx, HM_ENOMEM, "out of memory");
		goto cleanup;
	}
	cand = malloc((nent > 0 ? (size_t)nent : 1) * sizeof(*cand));
	cbox = malloc((nent > 0 ? (size_t)nent : 1) * sizeof(*cbox));
	if (!cand || !cbox) {
		rc = hm_error(ctx, HM_ENOMEM, "out of memory");
		goto cleanup;
	}
	/* the records that meet the map, by their headers */
	for (int i = 0; i < nent; i++) {
		double box[4];
		int t = record_bounds(h, i, box), meets = 0;

		if (t == SHPT_NULL)
			continue; /* e.g. the Vatican, collapsed at 10m */
		if (t < 0 || (t != type && t != SHPT_NULL) || !isfinite(box[0]) ||
		    !isfinite(box[1]) || !isfinite(box[2]) || !isfinite(box[3])) {
			unreadable++;
			continue;
		}
		for (int k = 0; k < nr; k++)
			meets |= boxes_meet(box, rects[k]);
		if (!meets)
			continue;
		cand[ncand] = i;
		memcpy(cbox[ncand++], box, sizeof(box));
	}
	if (!lazy) {
		geoms = calloc(ncand ? ncand : 1, sizeof(*geoms));
		done = calloc(ncand ? ncand : 1, 1);
		if (!geoms || !done) {
			rc = hm_error(ctx, HM_ENOMEM, "out of memory");
			goto cleanup;
		}
		unreadable +=
			read_records(ctx, shp, &hooks, any_thread, h, L->geos, L->polygons, rects,
				     nr, cand, (const double(*)[4])cbox, geoms, done, ncand);
	}
	for (size_t c = 0; c < ncand; c++) {
		int i = cand[c];
		hm_feature *f;

		if (lazy) {
			f = &L->items[L->count++];
			memcpy(f->bbox, cbox[c], sizeof(cbox[c]));
		} else {
			GEOSGeometry *clipped = geoms[c];
			if (!clipped)
				continue;
			geoms[c] = NULL; /* the layer's now */
			f = &L->items[L->count++];
			f->geom = clipped;
			GEOSGeom_getXMin_r(L->geos, clipped, &f->bbox[0]);
			GEOSGeom_getYMin_r(L->geos, clipped, &f->bbox[1]);
			GEOSGeom_getXMax_r(L->geos, clipped, &f->bbox[2]);
			GEOSGeom_getYMax_r(L->geos, clipped, &f->bbox[3]);
		}
		f->rec = i;
		f->name = to_utf8(&tc, fname >= 0 ? DBFReadStringAttribute(dbf, i, fname) : "");
		if (fiso >= 0) {
			const char *iso = DBFReadStringAttribute(dbf, i, fiso);
			if ((!iso || strncmp(iso, "-99", 3) == 0 || !iso[0]) && fadm >= 0)
				iso = DBFReadStringAttribute(dbf, i, fadm);
			if (iso && strncmp(iso, "-99", 3) != 0)
				snprintf(f->iso_a3, sizeof(f->iso_a3), "%.3s", iso);
		}
		if (!f->name) {
			rc = hm_error(ctx, HM_ENOMEM, "out of memory");
			goto cleanup;
		}
		for (int k = 0, a = 0; k < 3; k++) {
			char *alt;
			if (falt[k] < 0 || falt[k] == fname)
				continue;
			alt = to_utf8(&tc, DBFReadStringAttribute(dbf, i, falt[k]));
			if (alt && alt[0] && strcmp(alt, f->name) != 0)
				f->alt_names[a++] = alt;
			else
				free(alt);
		}
	}
	if (unreadable) {
		/* a map silently missing countries is worse than no map */
		rc = hm_error(ctx, HM_EDATA,
			      "%s: %d of %d records unreadable: the file "
			      "is truncated or corrupt",
			      shp, unreadable, nent);
		goto cleanup;
	}
	if (lazy) {
		if (pthread_mutex_init(&L->lock, NULL) != 0) {
			rc = hm_error(ctx, HM_ENOMEM, "out of resources for a lock");
			goto cleanup;
		}
		L->lazy = 1;
		L->shp = h; /* kept open for hm_layer_geom */
		h = NULL;
	}
	*out = L;
	L = NULL;
cleanup:
	for (size_t c = 0; geoms && c < ncand; c++)
		if (geoms[c])
			GEOSGeom_destroy_r(geos, geoms[c]); /* a load that failed */
	free(geoms);
	free(done);
	free(cand);
	free(cbox);
	if (tc.cd != (iconv_t)-1)
		iconv_close(tc.cd);
	if (dbf)
		DBFClose(dbf);
	if (h)
		SHPClose(h);
	hm_layer_free(L);
	return rc;
}

static char *dup_or_null(const char *s)
{
	return s ? hm_strdup(s) : NULL;
}

int hm_layer_clip(hm_layer **out, hm_ctx *ctx, const hm_layer *src, const hm_bbox *clip)
{
	hm_layer *L = calloc(1, sizeof(*L));
	double rects[2][4];
	int nr = clip_rects(clip, rects);

	*out = NULL;
	if (!L || !(L->path = hm_strdup(src->path)) || !(L->geos = hm_geos_new()) ||
	    !(L->items = calloc(src->count ? src->count : 1, sizeof(hm_feature)))) {
		hm_layer_free(L);
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	}
	L->polygons = src->polygons;
	for (size_t i = 0; i < src->count; i++) {
		const hm_feature *sf = &src->items[i];
		const GEOSGeometry *gm;
		hm_feature *f;
		GEOSGeometry *c;
		int meets = 0;
		for (int k = 0; k < nr; k++)
			meets |= boxes_meet(sf->bbox, rects[k]);
		if (!meets)
			continue;
		/* GEOS geometries are plain data: this thread's handle may read
		 * one that another handle made */
		gm = hm_layer_geom(src, i, ctx);
		c = gm ? clip_geom(L->geos, gm, rects, nr, sf->bbox) : NULL;
		if (!c)
			continue;
		f = &L->items[L->count++];
		f->geom = c;
		GEOSGeom_getXMin_r(L->geos, c, &f->bbox[0]);
		GEOSGeom_getYMin_r(L->geos, c, &f->bbox[1]);
		GEOSGeom_getXMax_r(L->geos, c, &f->bbox[2]);
		GEOSGeom_getYMax_r(L->geos, c, &f->bbox[3]);
		memcpy(f->iso_a3, sf->iso_a3, sizeof(f->iso_a3));
		f->name = hm_strdup(sf->name);
		for (int k = 0; k < 3; k++)
			f->alt_names[k] = dup_or_null(sf->alt_names[k]);
		if (!f->name) {
			hm_layer_free(L);
			return hm_error(ctx, HM_ENOMEM, "out of memory");
		}
	}
	*out = L;
	return HM_OK;
}

struct hm_shapes_cache {
	pthread_mutex_t lock;
	struct {
		char *path;
		hm_layer *layer;
	} e[16];
	size_t n, reads;
};

hm_shapes_cache *hm_shapes_cache_new(void)
{
	hm_shapes_cache *c = calloc(1, sizeof(*c));

	if (c && pthread_mutex_init(&c->lock, NULL) != 0) {
		free(c);
		return NULL;
	}
	return c;
}

int hm_shapes_cache_get(const hm_layer **out, hm_ctx *ctx, hm_shapes_cache *c, const char *path)
{
	int rc = HM_OK;

	*out = NULL;
	pthread_mutex_lock(&c->lock);
	for (size_t i = 0; i < c->n; i++) {
		if (strcmp(c->e[i].path, path) == 0) {
			*out = c->e[i].layer;
			goto done;
		}
	}
	if (c->n == sizeof(c->e) / sizeof(c->e[0])) {
		rc = hm_error(ctx, HM_EUSAGE, "%s: too many shapefiles in one session", path);
		goto done;
	}
	{
		hm_layer *L = NULL;
		rc = load_file(&L, ctx, path, NULL, 1);
		if (rc < 0)
			goto done;
		c->e[c->n].path = hm_strdup(path);
		if (!c->e[c->n].path) {
			hm_layer_free(L);
			rc = hm_error(ctx, HM_ENOMEM, "out of memory");
			goto done;
		}
		c->e[c->n].layer = L;
		c->n++;
		c->reads++;
		*out = L;
	}
done:
	pthread_mutex_unlock(&c->lock);
	return rc;
}

size_t hm_shapes_cache_reads(const hm_shapes_cache *c)
{
	return c->reads;
}

void hm_shapes_cache_free(hm_shapes_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->e[i].path);
		hm_layer_free(c->e[i].layer);
	}
	pthread_mutex_destroy(&c->lock);
	free(c);
}

void hm_layer_bbox(const hm_layer *layer, size_t i, double box[4])
{
	memcpy(box, layer->items[i].bbox, 4 * sizeof(double));
}

long hm_layer_find_near(hm_layer *layer, double lon, double lat, double max_km)
{
	long found = hm_layer_find_point(layer, lon, lat), best_i = -1;
	double deg = max_km / 111.32 / fmax(cos(lat * 3.14159265358979 / 180), 0.05);
	double best = HUGE_VAL;
	GEOSGeometry *pt;

	if (found >= 0 || !layer->polygons)
		return found;
	pt = GEOSGeom_createPointFromXY_r(layer->geos, lon, lat);
	if (!pt)
		return -1;
	for (size_t i = 0; i < layer->count; i++) {
		const hm_feature *f = &layer->items[i];
		double d;
		if (lon < f->bbox[0] - deg || lon > f->bbox[2] + deg || lat < f->bbox[1] - deg ||
		    lat > f->bbox[3] + deg)
			continue;
		const GEOSGeometry *gm = hm_layer_geom(layer, i, NULL);
		if (gm && GEOSDistance_r(layer->geos, gm, pt, &d) == 1 && d < best) {
			best = d;
			best_i = (long)i;
		}
	}
	GEOSGeom_destroy_r(layer->geos, pt);
	/* degrees of distance to km: a local, good-enough conversion */
	if (best_i >= 0) {
		double km = best * 111.32 * fmax(cos(lat * 3.14159265358979 / 180), 0.05);
		if (km > max_km)
			best_i = -1;
	}
	return best_i;
}

size_t hm_layer_count(const hm_layer *layer)
{
	return layer->count;
}

const char *hm_layer_name(const hm_layer *layer, size_t i)
{
	return layer->items[i].name;
}

const char *hm_layer_iso_a3(const hm_layer *layer, size_t i)
{
	return layer->items[i].iso_a3;
}

long hm_layer_find_point(hm_layer *layer, double lon, double lat)
{
	GEOSGeometry *pt = NULL;
	long found = -1;

	if (!layer->polygons)
		return -1;
	for (size_t i = 0; i < layer->count && found < 0; i++) {
		hm_feature *f = &layer->items[i];
		if (lon < f->bbox[0] || lon > f->bbox[2] || lat < f->bbox[1] || lat > f->bbox[3])
			continue;
		const GEOSGeometry *gm = hm_layer_geom(layer, i, NULL);
		if (!gm)
			continue;
		if (!pt && !(pt = GEOSGeom_createPointFromXY_r(layer->geos, lon, lat)))
			return -1;
		/* prepared (an index of the edges) even for one point: GEOS
		 * answers an unprepared point-in-polygon through a full relate */
		if (!f->prep)
			f->prep = GEOSPrepare_r(layer->geos, gm);
		if (f->prep && GEOSPreparedIntersects_r(layer->geos, f->prep, pt) == 1)
			found = (long)i;
	}
	if (pt)
		GEOSGeom_destroy_r(layer->geos, pt);
	return found;
}

/* Other names of countries that CSVs use where the shapes have another:
 * the UN's and the World Bank's (Lao PDR, Viet Nam), older or longer ones
 * (Burma, Kingdom of Cambodia), and the shapes' abbreviations spelt out
 * (Dem. Rep. Congo). Matched like a name, ignoring case. */
static const struct {
	const char *name, *iso;
} country_aliases[] = {
	{"Lao PDR", "LAO"},
	{"Lao P.D.R.", "LAO"},
	{"Lao People's Democratic Republic", "LAO"},
	{"Lao", "LAO"},
	{"Burma", "MMR"},
	{"Myanmar (Burma)", "MMR"},
	{"Republic of the Union of Myanmar", "MMR"},
	{"Viet Nam", "VNM"},
	{"Socialist Republic of Viet Nam", "VNM"},
	{"Socialist Republic of Vietnam", "VNM"},
	{"Kingdom of Cambodia", "KHM"},
	{"Kampuchea", "KHM"},
	{"Kingdom of Thailand", "THA"},
	{"Republic of the Philippines", "PHL"},
	{"The Philippines", "PHL"},
	{"Brunei Darussalam", "BRN"},
	{"East Timor", "TLS"},
	{"Timor Leste", "TLS"},
	{"Republic of Indonesia", "IDN"},
	{"People's Republic of China", "CHN"},
	{"Mainland China", "CHN"},
	{"Hong Kong SAR", "HKG"},
	{"Hong Kong SAR, China", "HKG"},
	{"Hong Kong, China", "HKG"},
	{"Macau", "MAC"},
	{"Macao SAR", "MAC"},
	{"Macao SAR, China", "MAC"},
	{"Taiwan, Province of China", "TWN"},
	{"Chinese Taipei", "TWN"},
	{"Republic of Korea", "KOR"},
	{"Korea, Republic of", "KOR"},
	{"Korea, Rep.", "KOR"},
	{"Korea (South)", "KOR"},
	{"Democratic People's Republic of Korea", "PRK"},
	{"Korea, Dem. People's Rep.", "PRK"},
	{"Korea, DPR", "PRK"},
	{"DPRK", "PRK"},
	{"Russian Federation", "RUS"},
	{"Iran, Islamic Republic of", "IRN"},
	{"Islamic Republic of Iran", "IRN"},
	{"Iran, Islamic Rep.", "IRN"},
	{"Syrian Arab Republic", "SYR"},
	{"Türkiye", "TUR"},
	{"Turkiye", "TUR"},
	{"Czech Republic", "CZE"},
	{"Ivory Coast", "CIV"},
	{"Cote d'Ivoire", "CIV"},
	{"Democratic Republic of the Congo", "COD"},
	{"DR Congo", "COD"},
	{"DRC", "COD"},
	{"Congo, Dem. Rep.", "COD"},
	{"Congo (Kinshasa)", "COD"},
	{"Republic of the Congo", "COG"},
	{"Congo, Rep.", "COG"},
	{"Congo (Brazzaville)", "COG"},
	{"Central African Republic", "CAF"},
	{"South Sudan", "SSD"},
	{"Dominican Republic", "DOM"},
	{"Equatorial Guinea", "GNQ"},
	{"Eswatini", "SWZ"},
	{"Swaziland", "SWZ"},
	{"Bosnia and Herzegovina", "BIH"},
	{"North Macedonia", "MKD"},
	{"United States", "USA"},
	{"US", "USA"},
	{"U.S.", "USA"},
	{"U.S.A.", "USA"},
	{"UK", "GBR"},
	{"U.K.", "GBR"},
	{"Great Britain", "GBR"},
	{"Britain", "GBR"},
	{"UAE", "ARE"},
	{"Solomon Islands", "SLB"},
	{"Marshall Islands", "MHL"},
	{"Cayman Islands", "CYM"},
	{"Falkland Islands", "FLK"},
	{"Faroe Islands", "FRO"},
	{"Turks and Caicos Islands", "TCA"},
	{"British Virgin Islands", "VGB"},
	{"US Virgin Islands", "VIR"},
	{"U.S. Virgin Islands", "VIR"},
	{"Northern Mariana Islands", "MNP"},
	{"Cook Islands", "COK"},
	{"Pitcairn Islands", "PCN"},
	{"Federated States of Micronesia", "FSM"},
	{"Micronesia (Federated States of)", "FSM"},
	{"Republic of Moldova", "MDA"},
	{"Moldova, Republic of", "MDA"},
	{"United Republic of Tanzania", "TZA"},
	{"Tanzania, United Republic of", "TZA"},
	{"Bolivia (Plurinational State of)", "BOL"},
	{"Venezuela (Bolivarian Republic of)", "VEN"},
	{"State of Palestine", "PSE"},
	{"Palestine, State of", "PSE"},
	{"Palestinian Territories", "PSE"},
	{"Cape Verde", "CPV"},
	{"Sao Tome and Principe", "STP"},
	{"Western Sahara", "ESH"},
	{"Vatican City", "VAT"},
	{"Holy See", "VAT"},
	{"Saint Vincent and the Grenadines", "VCT"},
	{"Antigua and Barbuda", "ATG"},
	{"Saint Kitts and Nevis", "KNA"},
	{"French Polynesia", "PYF"},
	{"The Gambia", "GMB"},
	{"Gambia, The", "GMB"},
	{"The Bahamas", "BHS"},
	{"Bahamas, The", "BHS"},
	{"Kyrgyz Republic", "KGZ"},
	{"Slovak Republic", "SVK"},
	{"Egypt, Arab Rep.", "EGY"},
	{"Yemen, Rep.", "YEM"},
};

/* The feature whose name, other name or ISO code is t, ignoring case. */
static long find_exact(const hm_layer *layer, const char *t)
{
	for (size_t i = 0; i < layer->count; i++) {
		const hm_feature *f = &layer->items[i];
		if (strcasecmp(f->name, t) == 0 || (f->iso_a3[0] && strcasecmp(f->iso_a3, t) == 0))
			return (long)i;
		for (int k = 0; k < 3 && f->alt_names[k]; k++)
			if (strcasecmp(f->alt_names[k], t) == 0)
				return (long)i;
	}
	return -1;
}

long hm_layer_find_name(const hm_layer *layer, const char *text)
{
	char *t;
	long found = -1;

	if (!text)
		return -1;
	t = hm_strdup(text);
	if (!t)
		return -1;
	/* trim */
	{
		char *b = t, *e = t + strlen(t);
		while (*b == ' ')
			b++;
		while (e > b && e[-1] == ' ')
			*--e = '\0';
		memmove(t, b, strlen(b) + 1);
	}
	found = find_exact(layer, t);
	for (size_t a = 0; found < 0 && a < sizeof(country_aliases) / sizeof(country_aliases[0]);
	     a++)
		if (strcasecmp(country_aliases[a].name, t) == 0)
			found = find_exact(layer, country_aliases[a].iso);
	free(t);
	return found;
}

void hm_layer_free(hm_layer *layer)
{
	if (!layer)
		return;
	for (size_t i = 0; i < layer->count; i++) {
		if (layer->items[i].prep)
			GEOSPreparedGeom_destroy_r(layer->geos, layer->items[i].prep);
		GEOSGeom_destroy_r(layer->geos, layer->items[i].geom);
		free(layer->items[i].name);
		for (int k = 0; k < 3; k++)
			free(layer->items[i].alt_names[k]);
	}
	free(layer->items);
	free(layer->path);
	if (layer->lazy) {
		SHPClose(layer->shp);
		pthread_mutex_destroy(&layer->lock);
	}
	if (layer->geos)
		GEOS_finish_r(layer->geos);
	free(layer);
}
