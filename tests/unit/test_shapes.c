/* Unit tests of the shape stage: shapefiles written here with shapelib
 * (holes, multipart, null shapes, encodings, field-name variants, lines,
 * clipping, antimeridian), broken shapefiles, and the shipped countries. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <hotmap.h>
#include <shapefil.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

/* ---- fixtures ---------------------------------------------------------- */

#define FX_MAXV 512

/* One record: its parts and attributes; nparts == 0 writes a null shape. */
typedef struct {
	int nparts;
	int start[8];
	int nv;
	double x[FX_MAXV], y[FX_MAXV];
	const char *name, *iso, *adm;
} fx_rec;

/* How the fixture's files are laid out. */
typedef struct {
	int shptype;
	const char *codepage;		 /* DBFCreateEx code page; "LDID/87" writes no .cpg */
	const char *fname, *fiso, *fadm; /* field names; NULL leaves one out */
	int dbf_missing;		 /* write this many fewer .dbf records */
} fx_layout;

static const fx_layout FX_W1252 = {SHPT_POLYGON, "LDID/87", "NAME", "ISO_A3", "ADM0_A3", 0};

/* Append a closed square ring: clockwise for an outer ring, counter-
 * clockwise for a hole, as the shapefile specification has it (y up). */
static void fx_square(fx_rec *r, double x0, double y0, double x1, double y1, int clockwise)
{
	const double cx[5] = {x0, x0, x1, x1, x0}, cy[5] = {y0, y1, y1, y0, y0};

	r->start[r->nparts++] = r->nv;
	for (int k = 0; k < 5; k++) {
		int j = clockwise ? k : 4 - k;
		r->x[r->nv] = cx[j];
		r->y[r->nv] = cy[j];
		r->nv++;
	}
}

/* Append a clockwise ring of n vertices around (cx, cy). */
static void fx_circle(fx_rec *r, double cx, double cy, double rad, int n)
{
	r->start[r->nparts++] = r->nv;
	for (int k = 0; k <= n; k++) {
		double a = -2 * 3.14159265358979 * (k % n) / n;
		r->x[r->nv] = cx + rad * cos(a);
		r->y[r->nv] = cy + rad * sin(a);
		r->nv++;
	}
}

/* Append a polyline part through the given points. */
static void fx_line(fx_rec *r, const double *xy, int n)
{
	r->start[r->nparts++] = r->nv;
	for (int k = 0; k < n; k++) {
		r->x[r->nv] = xy[2 * k];
		r->y[r->nv] = xy[2 * k + 1];
		r->nv++;
	}
}

static void fx_path(char *buf, size_t cap, const char *base, const char *ext)
{
	int n = snprintf(buf, cap, "%s%s", base, ext);

	assert_true(n > 0 && (size_t)n < cap);
}

static void fx_write(const char *base, const fx_layout *lay, const fx_rec *recs, int n)
{
	char path[4096];
	SHPHandle shp;
	DBFHandle dbf;
	int fn = -1, fi = -1, fa = -1;

	fx_path(path, sizeof(path), base, ".shp");
	shp = SHPCreate(path, lay->shptype);
	assert_non_null(shp);
	fx_path(path, sizeof(path), base, ".dbf");
	dbf = DBFCreateEx(path, lay->codepage);
	assert_non_null(dbf);
	if (lay->fname)
		fn = DBFAddField(dbf, lay->fname, FTString, 40, 0);
	if (lay->fiso)
		fi = DBFAddField(dbf, lay->fiso, FTString, 3, 0);
	if (lay->fadm)
		fa = DBFAddField(dbf, lay->fadm, FTString, 3, 0);
	for (int i = 0; i < n; i++) {
		const fx_rec *r = &recs[i];
		SHPObject *o;

		if (r->nparts == 0)
			o = SHPCreateSimpleObject(SHPT_NULL, 0, NULL, NULL, NULL);
		else
			o = SHPCreateObject(lay->shptype, -1, r->nparts, r->start, NULL, r->nv,
					    r->x, r->y, NULL, NULL);
		assert_non_null(o);
		assert_int_equal(SHPWriteObject(shp, -1, o), i);
		SHPDestroyObject(o);
		if (i >= n - lay->dbf_missing)
			continue;
		if (fn >= 0)
			assert_true(DBFWriteStringAttribute(dbf, i, fn, r->name ? r->name : ""));
		if (fi >= 0)
			assert_true(DBFWriteStringAttribute(dbf, i, fi, r->iso ? r->iso : ""));
		if (fa >= 0)
			assert_true(DBFWriteStringAttribute(dbf, i, fa, r->adm ? r->adm : ""));
	}
	SHPClose(shp);
	DBFClose(dbf);
}

static void fx_remove(const char *base)
{
	static const char *const ext[] = {".shp", ".shx", ".dbf", ".cpg"};
	char path[4096];

	for (size_t k = 0; k < sizeof(ext) / sizeof(ext[0]); k++) {
		fx_path(path, sizeof(path), base, ext[k]);
		unlink(path);
	}
}

static long file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* The main polygon fixture: one record of each kind the loader meets. */
enum { FX_HOLE, FX_MULTI, FX_NULL, FX_CIV, FX_KOS, FX_SAO, FX_EAST, FX_WEST, FX_NOISO, FX_N };

static fx_rec *fx_polygons(void)
{
	fx_rec *r = calloc(FX_N, sizeof(*r));

	assert_non_null(r);
	/* a 10x10 square with a 2x2 hole in the middle */
	fx_square(&r[FX_HOLE], 0, 0, 10, 10, 1);
	fx_square(&r[FX_HOLE], 4, 4, 6, 6, 0);
	r[FX_HOLE].name = "Holeland", r[FX_HOLE].iso = "HOL", r[FX_HOLE].adm = "HOL";
	fx_square(&r[FX_MULTI], 20, 0, 22, 2, 1);
	fx_square(&r[FX_MULTI], 30, 0, 32, 2, 1);
	r[FX_MULTI].name = "Twoparts", r[FX_MULTI].iso = "TWO", r[FX_MULTI].adm = "TWO";
	r[FX_NULL].name = "Nullia", r[FX_NULL].iso = "NUL", r[FX_NULL].adm = "NUL";
	fx_square(&r[FX_CIV], -10, 5, -8, 7, 1);
	r[FX_CIV].name = "C\xF4"
			 "te d'Ivoire",
	r[FX_CIV].iso = "CIV", r[FX_CIV].adm = "CIV";
	fx_square(&r[FX_KOS], 40, 40, 42, 42, 1);
	r[FX_KOS].name = "Kosovo", r[FX_KOS].iso = "-99", r[FX_KOS].adm = "KOS";
	/* Windows-1252: 0xE3 a-tilde, 0xE9 e-acute, 0x80 the euro sign */
	fx_square(&r[FX_SAO], 6, -1, 7, 0.5, 1);
	r[FX_SAO].name = "S\xE3o Tom\xE9 \x80", r[FX_SAO].iso = "STP", r[FX_SAO].adm = "STP";
	fx_square(&r[FX_EAST], 174, -1, 176, 1, 1);
	r[FX_EAST].name = "East", r[FX_EAST].iso = "EAS", r[FX_EAST].adm = "EAS";
	fx_square(&r[FX_WEST], -176, -1, -174, 1, 1);
	r[FX_WEST].name = "West", r[FX_WEST].iso = "WES", r[FX_WEST].adm = "WES";
	fx_square(&r[FX_NOISO], 50, 50, 51, 51, 1);
	r[FX_NOISO].name = "Nowhere", r[FX_NOISO].iso = "-99", r[FX_NOISO].adm = "";
	return r;
}

/* Write the polygon fixture under name with the given layout. */
static void fx_polygons_write(char *base, size_t cap, const char *name, const fx_layout *lay)
{
	fx_rec *r = fx_polygons();

	test_tmp_path(base, cap, name);
	fx_write(base, lay, r, FX_N);
	free(r);
}

static hm_layer *load_ok(test_ctx *t, const char *base, const hm_bbox *clip)
{
	char path[4096];
	hm_layer *L = NULL;
	int rc;

	fx_path(path, sizeof(path), base, ".shp");
	rc = hm_layer_load(&L, t->ctx, path, clip);
	if (rc != 0)
		print_error("hm_layer_load(%s): %d %s\n", path, rc, hm_ctx_errmsg(t->ctx));
	assert_int_equal(rc, 0);
	assert_non_null(L);
	return L;
}

/* Index of the feature named (or coded) text, asserting that it is there. */
static size_t find(const hm_layer *L, const char *text)
{
	long i = hm_layer_find_name(L, text);

	if (i < 0)
		print_error("feature \"%s\" not found\n", text);
	assert_true(i >= 0);
	assert_true((size_t)i < hm_layer_count(L));
	return (size_t)i;
}

/* ---- fixture tests ----------------------------------------------------- */

static void test_whole_layer(void **state)
{
	char base[4096];
	test_ctx t;
	hm_layer *L;
	size_t i;

	(void)state;
	test_ctx_init(&t);
	fx_polygons_write(base, sizeof(base), "whole", &FX_W1252);
	L = load_ok(&t, base, NULL);
	/* every record but the null shape */
	assert_int_equal(hm_layer_count(L), FX_N - 1);
	assert_int_equal(hm_layer_find_name(L, "Nullia"), -1);
	assert_int_equal(hm_layer_find_name(L, "NUL"), -1);
	assert_int_equal(t.nwarn, 0);

	i = find(L, "Holeland");
	assert_string_equal(hm_layer_iso_a3(L, i), "HOL");
	assert_int_equal(hm_layer_find_name(L, "  holeland "), (long)i);
	assert_int_equal(hm_layer_find_name(L, "hol"), (long)i);

	i = find(L, "Twoparts");
	assert_int_equal(hm_layer_find_point(L, 21, 1), (long)i);
	assert_int_equal(hm_layer_find_point(L, 31, 1), (long)i);
	assert_int_equal(hm_layer_find_point(L, 26, 1), -1);

	i = find(L, "East");
	assert_int_equal(hm_layer_find_point(L, 175, 0), (long)i);
	i = find(L, "West");
	assert_int_equal(hm_layer_find_point(L, -175, 0), (long)i);

	/* ISO_A3 "-99" falls back to ADM0_A3; with neither, "" */
	i = find(L, "Kosovo");
	assert_string_equal(hm_layer_iso_a3(L, i), "KOS");
	assert_int_equal(hm_layer_find_name(L, "kos"), (long)i);
	i = find(L, "Nowhere");
	assert_string_equal(hm_layer_iso_a3(L, i), "");
	assert_int_equal(hm_layer_find_name(L, "-99"), -1);
	assert_int_equal(hm_layer_find_name(L, ""), -1);
	assert_int_equal(hm_layer_find_name(L, NULL), -1);

	hm_layer_free(L);
	fx_remove(base);
	test_ctx_fini(&t);
}

/* An outer ring (clockwise) with a hole (counter-clockwise): the points of
 * the ring are in the feature, those of the hole are not. */
static void test_polygon_hole(void **state)
{
	char base[4096];
	test_ctx t;
	hm_layer *L;
	size_t i;

	(void)state;
	test_ctx_init(&t);
	fx_polygons_write(base, sizeof(base), "hole", &FX_W1252);
	L = load_ok(&t, base, NULL);
	i = find(L, "Holeland");
	assert_int_equal(hm_layer_find_point(L, 2, 2), (long)i);
	assert_int_equal(hm_layer_find_point(L, 9, 9), (long)i);
	assert_int_equal(hm_layer_find_point(L, 3.5, 5), (long)i);
	assert_int_equal(hm_layer_find_point(L, 5, 5), -1);   /* in the hole */
	assert_int_equal(hm_layer_find_point(L, 5, 4.5), -1); /* in the hole */
	assert_int_equal(hm_layer_find_point(L, 11, 5), -1);
	hm_layer_free(L);
	fx_remove(base);
	test_ctx_fini(&t);
}

/* Windows-1252 names without a .cpg come back as UTF-8. */
static void test_windows1252_no_cpg(void **state)
{
	char base[4096], cpg[4096];
	test_ctx t;
	hm_layer *L;
	size_t i;

	(void)state;
	test_ctx_init(&t);
	fx_polygons_write(base, sizeof(base), "w1252", &FX_W1252);
	fx_path(cpg, sizeof(cpg), base, ".cpg");
	assert_int_equal(file_size(cpg), -1);
	L = load_ok(&t, base, NULL);
	i = find(L, "CIV");
	assert_string_equal(hm_layer_name(L, i), "C\xC3\xB4"
						 "te d'Ivoire");
	assert_int_equal(hm_layer_find_name(L, "C\xC3\xB4"
					       "te d'Ivoire"),
			 (long)i);
	assert_int_equal(hm_layer_find_name(L, " c\xC3\xB4"
					       "te D'IVOIRE"),
			 (long)i);
	i = find(L, "STP");
	assert_string_equal(hm_layer_name(L, i), "S\xC3\xA3o Tom\xC3\xA9 \xE2\x82\xAC");
	hm_layer_free(L);
	fx_remove(base);
	test_ctx_fini(&t);
}

/* The same names written in UTF-8 with a .cpg "UTF-8" are kept as they are. */
static void test_utf8_cpg(void **state)
{
	static const fx_layout lay = {SHPT_POLYGON, "UTF-8", "NAME", "ISO_A3", "ADM0_A3", 0};
	char base[4096], cpg[4096];
	test_ctx t;
	hm_layer *L;
	fx_rec *r = fx_polygons();
	size_t i;

	(void)state;
	test_ctx_init(&t);
	r[FX_CIV].name = "C\xC3\xB4"
			 "te d'Ivoire";
	r[FX_SAO].name = "S\xC3\xA3o Tom\xC3\xA9 \xE2\x82\xAC";
	test_tmp_path(base, sizeof(base), "utf8");
	fx_write(base, &lay, r, FX_N);
	free(r);
	fx_path(cpg, sizeof(cpg), base, ".cpg");
	assert_true(file_size(cpg) > 0);
	L = load_ok(&t, base, NULL);
	i = find(L, "CIV");
	assert_string_equal(hm_layer_name(L, i), "C\xC3\xB4"
						 "te d'Ivoire");
	i = find(L, "STP");
	assert_string_equal(hm_layer_name(L, i), "S\xC3\xA3o Tom\xC3\xA9 \xE2\x82\xAC");
	hm_layer_free(L);
	fx_remove(base);
	test_ctx_fini(&t);
}

/* UTF-8 bytes without a .cpg: read as UTF-8, not converted twice. */
static void test_utf8_no_cpg(void **state)
{
	char base[4096];
	test_ctx t;
	hm_layer *L;
	fx_rec *r = fx_polygons();
	size_t i;

	(void)state;
	test_ctx_init(&t);
	r[FX_CIV].name = "C\xC3\xB4"
			 "te d'Ivoire";
	test_tmp_path(base, sizeof(base), "utf8nocpg");
	fx_write(base, &FX_W1252, r, FX_N);
	free(r);
	L = load_ok(&t, base, NULL);
	i = find(L, "CIV");
	assert_string_equal(hm_layer_name(L, i), "C\xC3\xB4"
						 "te d'Ivoire");
	hm_layer_free(L);
	fx_remove(base);
	test_ctx_fini(&t);
}

/* Natural Earth 2.0.0 spells its fields in lower case. */
static void test_lowercase_fields(void **state)
{
	static const fx_layout lay = {SHPT_POLYGON, "LDID/87", "name", "iso_a3", "adm0_a3", 0};
	char base[4096];
	test_ctx t;
	hm_layer *L;
	size_t i;

	(void)state;
	test_ctx_init(&t);
	fx_polygons_write(base, sizeof(base), "lower", &lay);
	L = load_ok(&t, base, NULL);
	assert_int_equal(hm_layer_count(L), FX_N - 1);
	i = find(L, "Holeland");
	assert_string_equal(hm_layer_iso_a3(L, i), "HOL");
	i = find(L, "KOS");
	assert_string_equal(hm_layer_name(L, i), "Kosovo");
	i = find(L, "CIV");
	assert_string_equal(hm_layer_name(L, i), "C\xC3\xB4"
						 "te d'Ivoire");
	hm_layer_free(L);
	fx_remove(base);
	test_ctx_fini(&t);
}

/* A file with no name or ISO field still loads, with empty attributes. */
static void test_no_attribute_fields(void **state)
{
	static const fx_layout lay = {SHPT_POLYGON, "LDID/87", "OTHER", NULL, NULL, 0};
	char base[4096];
	test_ctx t;
	hm_layer *L;
	long i;

	(void)state;
	test_ctx_init(&t);
	fx_polygons_write(base, sizeof(base), "nofields", &lay);
	L = load_ok(&t, base, NULL);
	assert_int_equal(hm_layer_count(L), FX_N - 1);
	i = hm_layer_find_point(L, 21, 1);
	assert_true(i >= 0);
	assert_string_equal(hm_layer_name(L, (size_t)i), "");
	assert_string_equal(hm_layer_iso_a3(L, (size_t)i), "");
	hm_layer_free(L);
	fx_remove(base);
	test_ctx_fini(&t);
}

/* Only the features meeting the clip are kept, and they are clipped. */
static void test_clip(void **state)
{
	const hm_bbox clip = {-1, -1, 8, 8};
	char base[4096];
	test_ctx t;
	hm_layer *L;
	size_t i;

	(void)state;
	test_ctx_init(&t);
	fx_polygons_write(base, sizeof(base), "clip", &FX_W1252);
	L = load_ok(&t, base, &clip);
	/* Holeland and Sao Tome (6..7, -1..0.5) meet the box */
	assert_int_equal(hm_layer_count(L), 2);
	i = find(L, "HOL");
	find(L, "STP");
	assert_int_equal(hm_layer_find_name(L, "Twoparts"), -1);
	assert_int_equal(hm_layer_find_name(L, "CIV"), -1);
	assert_int_equal(hm_layer_find_point(L, 2, 2), (long)i);
	assert_int_equal(hm_layer_find_point(L, 7.9, 7.9), (long)i);
	assert_int_equal(hm_layer_find_point(L, 5, 5), -1); /* the hole */
	/* inside the original square, outside the clip */
	assert_int_equal(hm_layer_find_point(L, 9, 9), -1);
	assert_int_equal(hm_layer_find_point(L, 2, 9), -1);
	assert_int_equal(hm_layer_find_point(L, 21, 1), -1);
	hm_layer_free(L);
	fx_remove(base);
	test_ctx_fini(&t);
}

/* A clip cutting through a multipart feature keeps the parts within it. */
static void test_clip_multipart(void **state)
{
	const hm_bbox one = {19, -1, 25, 3}, both = {21, -1, 31, 3};
	char base[4096];
	test_ctx t;
	hm_layer *L;

	(void)state;
	test_ctx_init(&t);
	fx_polygons_write(base, sizeof(base), "clipmulti", &FX_W1252);
	L = load_ok(&t, base, &one);
	assert_int_equal(hm_layer_count(L), 1);
	assert_string_equal(hm_layer_name(L, 0), "Twoparts");
	assert_int_equal(hm_layer_find_point(L, 21, 1), 0);
	assert_int_equal(hm_layer_find_point(L, 31, 1), -1);
	hm_layer_free(L);

	L = load_ok(&t, base, &both);
	assert_int_equal(hm_layer_count(L), 1);
	assert_int_equal(hm_layer_find_point(L, 21.5, 1), 0);
	assert_int_equal(hm_layer_find_point(L, 30.5, 1), 0);
	assert_int_equal(hm_layer_find_point(L, 20.5, 1), -1);
	assert_int_equal(hm_layer_find_point(L, 31.5, 1), -1);
	hm_layer_free(L);
	fx_remove(base);
	test_ctx_fini(&t);
}

/* w > e: the clip crosses the antimeridian. */
static void test_clip_antimeridian(void **state)
{
	const hm_bbox clip = {170, -5, -170, 5};
	char base[4096];
	test_ctx t;
	hm_layer *L;

	(void)state;
	test_ctx_init(&t);
	fx_polygons_write(base, sizeof(base), "anti", &FX_W1252);
	L = load_ok(&t, base, &clip);
	assert_int_equal(hm_layer_count(L), 2);
	assert_int_equal(hm_layer_find_point(L, 175, 0), (long)find(L, "East"));
	assert_int_equal(hm_layer_find_point(L, -175, 0), (long)find(L, "West"));
	assert_int_equal(hm_layer_find_name(L, "Holeland"), -1);
	assert_int_equal(hm_layer_find_name(L, "Sao"), -1);
	assert_int_equal(hm_layer_find_point(L, 0.5, 0.5), -1);
	hm_layer_free(L);
	fx_remove(base);
	test_ctx_fini(&t);
}

/* A feature that itself straddles the antimeridian clip's seam. */
static void test_clip_antimeridian_straddle(void **state)
{
	const hm_bbox clip = {170, -5, -170, 5};
	char base[4096];
	test_ctx t;
	hm_layer *L;
	fx_rec r[2];

	(void)state;
	memset(r, 0, sizeof(r));
	test_ctx_init(&t);
	/* Natural Earth cuts at 180: one part each side */
	fx_square(&r[0], 178, -1, 180, 1, 1);
	fx_square(&r[0], -180, -1, -178, 1, 1);
	r[0].name = "Fiji-like", r[0].iso = "FJL";
	fx_square(&r[1], 0, 0, 1, 1, 1);
	r[1].name = "Origin", r[1].iso = "ORG";
	test_tmp_path(base, sizeof(base), "straddle");
	fx_write(base, &FX_W1252, r, 2);
	L = load_ok(&t, base, &clip);
	assert_int_equal(hm_layer_count(L), 1);
	assert_int_equal(hm_layer_find_point(L, 179, 0), 0);
	assert_int_equal(hm_layer_find_point(L, -179, 0), 0);
	assert_int_equal(hm_layer_find_point(L, 0.5, 0.5), -1);
	hm_layer_free(L);
	fx_remove(base);
	test_ctx_fini(&t);
}

/* Polylines: kept and clipped like polygons, never "contain" a point. */
static void test_lines(void **state)
{
	static const fx_layout lay = {SHPT_ARC, "UTF-8", "name", NULL, NULL, 0};
	static const double a[] = {0, 0, 5, 5, 10, 10};
	static const double b[] = {50, 50, 60, 60};
	static const double c1[] = {175, 0, 179.9, 1}, c2[] = {-179.9, 1, -175, 2};
	const hm_bbox clip = {-1, -1, 5, 5}, anti = {170, -5, -170, 5};
	char base[4096];
	test_ctx t;
	hm_layer *L;
	fx_rec r[4];

	(void)state;
	memset(r, 0, sizeof(r));
	test_ctx_init(&t);
	fx_line(&r[0], a, 3);
	r[0].name = "Diagonal";
	fx_line(&r[1], b, 2);
	r[1].name = "Far";
	fx_line(&r[2], c1, 2);
	fx_line(&r[2], c2, 2);
	r[2].name = "R\xC3\xADo Dateline";
	/* r[3] is a null shape */
	test_tmp_path(base, sizeof(base), "lines");
	fx_write(base, &lay, r, 4);

	L = load_ok(&t, base, NULL);
	assert_int_equal(hm_layer_count(L), 3);
	find(L, "Diagonal");
	find(L, "Far");
	find(L, "R\xC3\xADo Dateline");
	assert_int_equal(hm_layer_find_point(L, 5, 5), -1);
	hm_layer_free(L);

	L = load_ok(&t, base, &clip);
	assert_int_equal(hm_layer_count(L), 1);
	assert_string_equal(hm_layer_name(L, 0), "Diagonal");
	assert_int_equal(hm_layer_find_point(L, 2, 2), -1);
	hm_layer_free(L);

	L = load_ok(&t, base, &anti);
	assert_int_equal(hm_layer_count(L), 1);
	assert_string_equal(hm_layer_name(L, 0), "R\xC3\xADo Dateline");
	hm_layer_free(L);
	fx_remove(base);
	test_ctx_fini(&t);
}

/* ---- errors ------------------------------------------------------------ */

/* hm_layer_load fails with HM_EDATA, names `names` in the message, and
 * leaves *out NULL. */
static void expect_edata(const char *shp, const char *names)
{
	test_ctx t;
	hm_layer *L = (hm_layer *)&t; /* must be reset to NULL */
	int rc;

	test_ctx_init(&t);
	rc = hm_layer_load(&L, t.ctx, shp, NULL);
	if (rc != HM_EDATA || !strstr(hm_ctx_errmsg(t.ctx), names))
		print_error("hm_layer_load(%s): %d \"%s\", expected HM_EDATA naming %s\n", shp, rc,
			    hm_ctx_errmsg(t.ctx), names);
	assert_int_equal(rc, HM_EDATA);
	assert_null(L);
	assert_non_null(strstr(hm_ctx_errmsg(t.ctx), names));
	test_ctx_fini(&t);
}

static void test_missing_shp(void **state)
{
	char base[4096], shp[4096];

	(void)state;
	test_tmp_path(base, sizeof(base), "nothing-here");
	fx_path(shp, sizeof(shp), base, ".shp");
	expect_edata(shp, shp);
}

static void test_missing_shx(void **state)
{
	char base[4096], shp[4096], shx[4096];

	(void)state;
	fx_polygons_write(base, sizeof(base), "noshx", &FX_W1252);
	fx_path(shp, sizeof(shp), base, ".shp");
	fx_path(shx, sizeof(shx), base, ".shx");
	assert_int_equal(unlink(shx), 0);
	expect_edata(shp, shx);
	fx_remove(base);
}

static void test_missing_dbf(void **state)
{
	char base[4096], shp[4096], dbf[4096];

	(void)state;
	fx_polygons_write(base, sizeof(base), "nodbf", &FX_W1252);
	fx_path(shp, sizeof(shp), base, ".shp");
	fx_path(dbf, sizeof(dbf), base, ".dbf");
	assert_int_equal(unlink(dbf), 0);
	expect_edata(shp, dbf);
	fx_remove(base);
}

static void test_dbf_count_mismatch(void **state)
{
	fx_layout lay = FX_W1252;
	char base[4096], shp[4096], dbf[4096];

	(void)state;
	lay.dbf_missing = 2;
	fx_polygons_write(base, sizeof(base), "mismatch", &lay);
	fx_path(shp, sizeof(shp), base, ".shp");
	fx_path(dbf, sizeof(dbf), base, ".dbf");
	expect_edata(shp, dbf);
	fx_remove(base);
}

/* Overwrite a fixture's .shp with n pseudo-random bytes. */
static void write_garbage(const char *path, size_t n)
{
	char *buf = malloc(n);
	uint32_t s = 12345;

	assert_non_null(buf);
	for (size_t k = 0; k < n; k++) {
		s = s * 1103515245u + 12345u;
		buf[k] = (char)(s >> 16);
	}
	assert_int_equal(test_write_file(path, buf, n), 0);
	free(buf);
}

/* A .shp of random bytes (next to a sound .shx and .dbf) is not a
 * shapefile: its header lacks the file code 9994 and the shape type. */
static void test_garbage_shp(void **state)
{
	char base[4096], shp[4096];

	(void)state;
	fx_polygons_write(base, sizeof(base), "garbage", &FX_W1252);
	fx_path(shp, sizeof(shp), base, ".shp");
	write_garbage(shp, 4096);
	expect_edata(shp, shp);
	fx_remove(base);
}

static void test_short_shp(void **state)
{
	char base[4096], shp[4096];

	(void)state;
	fx_polygons_write(base, sizeof(base), "shortshp", &FX_W1252);
	fx_path(shp, sizeof(shp), base, ".shp");
	/* shorter than a .shp header */
	assert_int_equal(test_write_file(shp, "not a shapefile\n", 16), 0);
	expect_edata(shp, shp);
	/* empty */
	assert_int_equal(test_write_file(shp, "", 0), 0);
	expect_edata(shp, shp);
	fx_remove(base);
}

static void test_garbage_shx(void **state)
{
	char base[4096], shp[4096], shx[4096];

	(void)state;
	fx_polygons_write(base, sizeof(base), "garbageshx", &FX_W1252);
	fx_path(shp, sizeof(shp), base, ".shp");
	fx_path(shx, sizeof(shx), base, ".shx");
	write_garbage(shx, 900);
	expect_edata(shp, base);
	fx_remove(base);
}

static void test_garbage_dbf(void **state)
{
	char base[4096], shp[4096], dbf[4096];

	(void)state;
	fx_polygons_write(base, sizeof(base), "garbagedbf", &FX_W1252);
	fx_path(shp, sizeof(shp), base, ".shp");
	fx_path(dbf, sizeof(dbf), base, ".dbf");
	assert_int_equal(test_write_file(dbf, "junk", 4), 0);
	expect_edata(shp, dbf);
	fx_remove(base);
}

/* A .shp cut in the middle of a record: a warning or an error, no crash. */
static void test_truncated_shp(void **state)
{
	char base[4096], shp[4096];
	fx_rec r[3];
	long size;

	(void)state;
	memset(r, 0, sizeof(r));
	for (int k = 0; k < 3; k++) {
		fx_circle(&r[k], 10.0 * k, 0, 3, 100);
		r[k].name = k == 0 ? "First" : k == 1 ? "Second" : "Third";
	}
	test_tmp_path(base, sizeof(base), "truncated");
	fx_write(base, &FX_W1252, r, 3);
	fx_path(shp, sizeof(shp), base, ".shp");
	size = file_size(shp);
	/* each record is 8 + 44 + 4 + 101 * 16 = 1672 bytes after the
	 * 100-byte header: cut the second one in half */
	assert_int_equal(size, 100 + 3 * 1672);
	for (int cut = 0; cut < 3; cut++) {
		long at = cut == 0   ? 100 + 1672 + 836
			  : cut == 1 ? 100 + 1672 + 20
				     : 100 + 2 * 1672 + 100;
		test_ctx t;
		hm_layer *L = NULL;
		int rc;

		assert_int_equal(truncate(shp, at), 0);
		test_ctx_init(&t);
		rc = hm_layer_load(&L, t.ctx, shp, NULL);
		if (rc == 0) {
			/* the damaged records are skipped, with a warning */
			assert_non_null(L);
			assert_true(t.nwarn >= 1);
			assert_non_null(strstr(t.log, shp));
			assert_true(hm_layer_count(L) < 3);
			assert_int_equal(hm_layer_find_point(L, 0, 0),
					 hm_layer_find_name(L, "First"));
			assert_true(hm_layer_find_name(L, "First") >= 0);
			assert_int_equal(hm_layer_find_name(L, "Second"), -1);
		} else {
			assert_int_equal(rc, HM_EDATA);
			assert_null(L);
			assert_non_null(strstr(hm_ctx_errmsg(t.ctx), shp));
		}
		hm_layer_free(L);
		test_ctx_fini(&t);
	}
	fx_remove(base);
}

static void test_point_shapefile(void **state)
{
	char base[4096], shp[4096];
	SHPHandle h;
	DBFHandle d;
	SHPObject *o;
	double x = 1, y = 2;

	(void)state;
	test_tmp_path(base, sizeof(base), "points");
	fx_path(shp, sizeof(shp), base, ".shp");
	h = SHPCreate(shp, SHPT_POINT);
	assert_non_null(h);
	o = SHPCreateSimpleObject(SHPT_POINT, 1, &x, &y, NULL);
	assert_int_equal(SHPWriteObject(h, -1, o), 0);
	SHPDestroyObject(o);
	SHPClose(h);
	fx_path(shp, sizeof(shp), base, ".dbf");
	d = DBFCreate(shp);
	assert_non_null(d);
	assert_int_equal(DBFAddField(d, "NAME", FTString, 10, 0), 0);
	assert_true(DBFWriteStringAttribute(d, 0, 0, "P"));
	DBFClose(d);
	fx_path(shp, sizeof(shp), base, ".shp");
	expect_edata(shp, shp);
	fx_remove(base);
}

/* The path may be given without its extension, or with another one. */
static void test_path_forms(void **state)
{
	char base[4096], dbf[4096];
	test_ctx t;
	hm_layer *L = NULL;

	(void)state;
	test_ctx_init(&t);
	fx_polygons_write(base, sizeof(base), "pathforms", &FX_W1252);
	assert_int_equal(hm_layer_load(&L, t.ctx, base, NULL), 0);
	assert_int_equal(hm_layer_count(L), FX_N - 1);
	hm_layer_free(L);
	fx_path(dbf, sizeof(dbf), base, ".dbf");
	assert_int_equal(hm_layer_load(&L, t.ctx, dbf, NULL), 0);
	assert_int_equal(hm_layer_count(L), FX_N - 1);
	hm_layer_free(L);
	hm_layer_free(NULL);
	fx_remove(base);
	test_ctx_fini(&t);
}

/* ---- the shipped countries --------------------------------------------- */

/* Reading with the context's threads gives the layer one thread reads; a
 * record whose box spans the world (the United States: the Aleutians cross
 * the antimeridian) is no feature where none of its parts lies, and only
 * its parts within the clip where some do. */
static void test_threads_and_far_parts(void **state)
{
	const hm_bbox sea = {92, 4, 127, 28}, attu = {172, 52, 174, 53.5};
	char path[4096];
	test_ctx t1, t2;
	hm_layer *a = NULL, *b = NULL;
	long usa;
	double box[4], box2[4];

	(void)state;
	test_ctx_init(&t1);
	test_ctx_init(&t2);
	hm_ctx_set_threads(t2.ctx, 3);
	hm_shapes_countries_path(path, sizeof(path), HM_TEST_SHAPES_DIR, HM_RES_10M);
	assert_int_equal(hm_layer_load(&a, t1.ctx, path, &sea), 0);
	assert_int_equal(hm_layer_load(&b, t2.ctx, path, &sea), 0);
	assert_int_equal(hm_layer_count(a), hm_layer_count(b));
	for (size_t i = 0; i < hm_layer_count(a); i++) {
		assert_string_equal(hm_layer_name(a, i), hm_layer_name(b, i));
		hm_layer_bbox(a, i, box);
		hm_layer_bbox(b, i, box2);
		assert_memory_equal(box, box2, sizeof(box));
		assert_true(box[0] >= sea.w - 1e-9 && box[2] <= sea.e + 1e-9 &&
			    box[1] >= sea.s - 1e-9 && box[3] <= sea.n + 1e-9);
	}
	assert_int_equal(hm_layer_find_name(a, "USA"), -1);
	find(a, "VNM");
	hm_layer_free(a);
	hm_layer_free(b);

	assert_int_equal(hm_layer_load(&a, t2.ctx, path, &attu), 0);
	usa = hm_layer_find_name(a, "USA");
	assert_true(usa >= 0);
	hm_layer_bbox(a, (size_t)usa, box);
	assert_true(box[0] >= 172 && box[2] <= 174 && box[1] >= 52 && box[3] <= 53.5);
	assert_int_equal(hm_layer_find_point(a, 173.2, 52.85), usa); /* Attu Island */
	hm_layer_free(a);
	assert_int_equal(t1.nwarn + t2.nwarn, 0);
	test_ctx_fini(&t1);
	test_ctx_fini(&t2);
}

static void check_se_asia(hm_resolution res)
{
	static const char *const iso[] = {"THA", "MMR", "KHM", "LAO", "VNM", "PHL"};
	const hm_bbox clip = {92, 4, 127, 28};
	char path[4096];
	test_ctx t;
	hm_layer *L = NULL;
	size_t tha, khm;

	test_ctx_init(&t);
	hm_shapes_countries_path(path, sizeof(path), HM_TEST_SHAPES_DIR, res);
	assert_int_equal(hm_layer_load(&L, t.ctx, path, &clip), 0);
	assert_int_equal(t.nwarn, 0);
	for (size_t k = 0; k < sizeof(iso) / sizeof(iso[0]); k++)
		find(L, iso[k]);
	assert_true(hm_layer_count(L) >= 6);
	assert_true(hm_layer_count(L) < 40);
	assert_int_equal(hm_layer_find_name(L, "France"), -1);
	assert_int_equal(hm_layer_find_name(L, "FRA"), -1);
	tha = find(L, "THA");
	assert_int_equal(hm_layer_find_name(L, "Thailand"), (long)tha);
	assert_int_equal(hm_layer_find_name(L, "thailand"), (long)tha);
	assert_string_equal(hm_layer_name(L, tha), "Thailand");
	assert_string_equal(hm_layer_iso_a3(L, tha), "THA");
	khm = find(L, "Cambodia");
	assert_string_equal(hm_layer_iso_a3(L, khm), "KHM");
	/* the names CSVs use where the shapes have another */
	if (res == HM_RES_10M) {
		static const char *const alias[][2] = {
			{"Lao PDR", "LAO"},
			{" lao pdr ", "LAO"},
			{"Viet Nam", "VNM"},
			{"Burma", "MMR"},
			{"Myanmar (Burma)", "MMR"},
			{"Kingdom of Cambodia", "KHM"},
			{"Republic of the Philippines", "PHL"},
			{"People's Republic of China", "CHN"},
		};
		for (size_t k = 0; k < sizeof(alias) / sizeof(alias[0]); k++)
			assert_int_equal(hm_layer_find_name(L, alias[k][0]),
					 (long)find(L, alias[k][1]));
		assert_int_equal(hm_layer_find_name(L, "Lao PDRR"), -1);
	}
	assert_int_equal(hm_layer_find_point(L, 100.5, 13.75), (long)tha); /* Bangkok */
	assert_int_equal(hm_layer_find_point(L, 104.9, 11.55), (long)khm); /* Phnom Penh */
	assert_int_equal(hm_layer_find_point(L, 112, 12), -1);		   /* South China Sea */
	assert_int_equal(hm_layer_find_point(L, 2.35, 48.85), -1);	   /* Paris: clipped */
	hm_layer_free(L);
	test_ctx_fini(&t);
}

static void test_shipped_110m(void **state)
{
	(void)state;
	check_se_asia(HM_RES_110M);
}

static void test_shipped_50m(void **state)
{
	(void)state;
	check_se_asia(HM_RES_50M);
}

static void test_shipped_10m(void **state)
{
	(void)state;
	check_se_asia(HM_RES_10M);
}

static void test_shipped_110m_whole(void **state)
{
	char path[4096];
	test_ctx t;
	hm_layer *L = NULL;
	size_t i;

	(void)state;
	test_ctx_init(&t);
	hm_shapes_countries_path(path, sizeof(path), HM_TEST_SHAPES_DIR, HM_RES_110M);
	assert_int_equal(hm_layer_load(&L, t.ctx, path, NULL), 0);
	assert_int_equal(hm_layer_count(L), 177);
	i = find(L, "CIV");
	assert_string_equal(hm_layer_name(L, i), "C\xC3\xB4"
						 "te d'Ivoire");
	i = find(L, "France");
	assert_string_equal(hm_layer_iso_a3(L, i), "FRA");
	assert_int_equal(hm_layer_find_point(L, 2.35, 48.85), (long)i);
	/* Lesotho is a hole in South Africa */
	assert_int_equal(hm_layer_find_point(L, 25, -29), (long)find(L, "ZAF"));
	assert_int_equal(hm_layer_find_point(L, 28.2, -29.5), (long)find(L, "LSO"));
	/* Fiji and Russia reach the antimeridian; Chukotka is Russian */
	assert_int_equal(hm_layer_find_point(L, -175, 66), (long)find(L, "RUS"));
	hm_layer_free(L);
	test_ctx_fini(&t);
}

static void test_resolution_for_scale(void **state)
{
	static const struct {
		double scale;
		hm_resolution res;
	} tab[] = {
		{1e6, HM_RES_10M},    {18e6, HM_RES_10M},   {34.9e6, HM_RES_10M},
		{35e6, HM_RES_50M},   {50e6, HM_RES_50M},   {99.9e6, HM_RES_50M},
		{100e6, HM_RES_110M}, {200e6, HM_RES_110M}, {1e9, HM_RES_110M},
	};

	(void)state;
	for (size_t k = 0; k < sizeof(tab) / sizeof(tab[0]); k++) {
		if (hm_shapes_resolution_for_scale(tab[k].scale) != tab[k].res)
			print_error("scale %g\n", tab[k].scale);
		assert_int_equal(hm_shapes_resolution_for_scale(tab[k].scale), tab[k].res);
	}
}

static void test_countries_path(void **state)
{
	char buf[4096], want[4096];
	char *saved = getenv("HOTMAP_SHAPES_DIR");

	(void)state;
	if (saved)
		saved = strdup(saved);
	hm_shapes_countries_path(buf, sizeof(buf), "/some/dir", HM_RES_10M);
	assert_string_equal(buf, "/some/dir/countries_10m.shp");
	hm_shapes_countries_path(buf, sizeof(buf), "x", HM_RES_50M);
	assert_string_equal(buf, "x/countries_50m.shp");

	setenv("HOTMAP_SHAPES_DIR", "/from/env", 1);
	hm_shapes_countries_path(buf, sizeof(buf), NULL, HM_RES_110M);
	assert_string_equal(buf, "/from/env/countries_110m.shp");
	/* an explicit folder wins over the environment */
	hm_shapes_countries_path(buf, sizeof(buf), "/given", HM_RES_110M);
	assert_string_equal(buf, "/given/countries_110m.shp");

	/* unset (or empty): $HOTMAP_DATA_DIR/shapes, which ctest sets to the repo's */
	unsetenv("HOTMAP_SHAPES_DIR");
	hm_shapes_countries_path(buf, sizeof(buf), NULL, HM_RES_110M);
	snprintf(want, sizeof(want), "%s/countries_110m.shp", HM_TEST_SHAPES_DIR);
	assert_string_equal(buf, want);
	setenv("HOTMAP_SHAPES_DIR", "", 1);
	hm_shapes_countries_path(buf, sizeof(buf), NULL, HM_RES_110M);
	assert_string_equal(buf, want);
	assert_true(file_size(buf) > 0);
	/* HOTMAP_DATA_DIR: its shapes/ (HOTMAP_SHAPES_DIR wins over it); with
	 * neither, the installed datadir hotmap was built for */
	{
		char *data = getenv("HOTMAP_DATA_DIR");
		data = data ? strdup(data) : NULL;
		setenv("HOTMAP_DATA_DIR", "/d", 1);
		hm_shapes_countries_path(buf, sizeof(buf), NULL, HM_RES_50M);
		assert_string_equal(buf, "/d/shapes/countries_50m.shp");
		setenv("HOTMAP_SHAPES_DIR", "/s", 1);
		hm_shapes_countries_path(buf, sizeof(buf), NULL, HM_RES_50M);
		assert_string_equal(buf, "/s/countries_50m.shp");
		unsetenv("HOTMAP_SHAPES_DIR");
		unsetenv("HOTMAP_DATA_DIR");
		hm_shapes_countries_path(buf, sizeof(buf), NULL, HM_RES_50M);
		assert_string_equal(buf, HM_TEST_INSTALL_DATADIR "/shapes/countries_50m.shp");
		if (data)
			setenv("HOTMAP_DATA_DIR", data, 1);
		free(data);
	}

	/* a short buffer is cut, never overrun */
	memset(buf, 'z', sizeof(buf));
	hm_shapes_countries_path(buf, 8, "/some/dir", HM_RES_10M);
	assert_int_equal(strlen(buf), 7);
	assert_int_equal(buf[8], 'z');

	if (saved) {
		setenv("HOTMAP_SHAPES_DIR", saved, 1);
		free(saved);
	} else {
		unsetenv("HOTMAP_SHAPES_DIR");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_whole_layer),
		cmocka_unit_test(test_polygon_hole),
		cmocka_unit_test(test_windows1252_no_cpg),
		cmocka_unit_test(test_utf8_cpg),
		cmocka_unit_test(test_utf8_no_cpg),
		cmocka_unit_test(test_lowercase_fields),
		cmocka_unit_test(test_no_attribute_fields),
		cmocka_unit_test(test_clip),
		cmocka_unit_test(test_clip_multipart),
		cmocka_unit_test(test_threads_and_far_parts),
		cmocka_unit_test(test_clip_antimeridian),
		cmocka_unit_test(test_clip_antimeridian_straddle),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_missing_shp),
		cmocka_unit_test(test_missing_shx),
		cmocka_unit_test(test_missing_dbf),
		cmocka_unit_test(test_dbf_count_mismatch),
		cmocka_unit_test(test_garbage_shp),
		cmocka_unit_test(test_short_shp),
		cmocka_unit_test(test_garbage_shx),
		cmocka_unit_test(test_garbage_dbf),
		cmocka_unit_test(test_truncated_shp),
		cmocka_unit_test(test_point_shapefile),
		cmocka_unit_test(test_path_forms),
		cmocka_unit_test(test_shipped_110m),
		cmocka_unit_test(test_shipped_50m),
		cmocka_unit_test(test_shipped_10m),
		cmocka_unit_test(test_shipped_110m_whole),
		cmocka_unit_test(test_resolution_for_scale),
		cmocka_unit_test(test_countries_path),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
