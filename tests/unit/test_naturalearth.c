/* The shape stage on genuine Natural Earth downloads (tests/data/naturalearth,
 * unmodified files, see its README.md): v2.0.0 110m countries (lower-case
 * fields, Windows-1252 without .cpg), 50m lakes and rivers, the 110m ocean,
 * and layers with a file missing. The folder is part of the repository: its
 * absence is a failure, never a skip. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <hotmap.h>

#include <stdio.h>
#include <string.h>

#include "testutil.h"

#ifndef HM_TEST_NE_DIR
#define HM_TEST_NE_DIR ""
#endif

/* A Natural Earth file's path from its name under the folder. */
static void ne_path(char *buf, size_t cap, const char *name)
{
	int n = snprintf(buf, cap, "%s/%s", HM_TEST_NE_DIR, name);

	assert_true(n > 0 && (size_t)n < cap);
}

static hm_layer *ne_load(test_ctx *t, const char *name, const hm_bbox *clip)
{
	char path[4096];
	hm_layer *L = NULL;
	int rc;

	ne_path(path, sizeof(path), name);
	rc = hm_layer_load(&L, t->ctx, path, clip);
	if (rc != 0)
		print_error("hm_layer_load(%s): %d %s\n", path, rc, hm_ctx_errmsg(t->ctx));
	assert_int_equal(rc, 0);
	assert_non_null(L);
	return L;
}

/* Index of the feature whose name or ISO code is text; asserts it exists. */
static size_t find(const hm_layer *L, const char *text)
{
	long i = hm_layer_find_name(L, text);

	if (i < 0)
		print_error("feature \"%s\" not found\n", text);
	assert_true(i >= 0);
	assert_true((size_t)i < hm_layer_count(L));
	return (size_t)i;
}

static const hm_bbox SE_ASIA = {92, 4, 127, 28};

/* What a v2.0.0 country file must give, whole. */
static void check_countries_whole(const char *name, size_t records)
{
	test_ctx t;
	hm_layer *L;
	size_t i;

	test_ctx_init(&t);
	L = ne_load(&t, name, NULL);
	/* no null shapes in these files: every record is kept */
	assert_int_equal(hm_layer_count(L), records);
	assert_int_equal(t.nwarn, 0);

	/* stored as Windows-1252 0xF4 without a .cpg; must come back UTF-8 */
	i = find(L, "CIV");
	assert_string_equal(hm_layer_name(L, i), "C\xC3\xB4"
						 "te d'Ivoire");
	assert_int_equal(hm_layer_find_name(L, "C\xC3\xB4"
					       "te d'Ivoire"),
			 (long)i);
	assert_int_equal(hm_layer_find_point(L, -5.5, 7.5), (long)i); /* Yamoussoukro */

	i = find(L, "KHM");
	assert_string_equal(hm_layer_name(L, i), "Cambodia");
	assert_int_equal(hm_layer_find_name(L, "cambodia"), (long)i);
	assert_int_equal(hm_layer_find_point(L, 104.9, 11.55), (long)i); /* Phnom Penh */

	i = find(L, "LAO");
	assert_string_equal(hm_layer_name(L, i), "Lao PDR");
	i = find(L, "Thailand");
	assert_string_equal(hm_layer_iso_a3(L, i), "THA");
	assert_int_equal(hm_layer_find_point(L, 100.5, 13.75), (long)i); /* Bangkok */

	/* iso_a3 and adm0_a3 are both FRA in 2.0.0 (iso_a3 is -99 in some
	 * later versions, where adm0_a3 stands in) */
	i = find(L, "France");
	assert_string_equal(hm_layer_iso_a3(L, i), "FRA");
	assert_int_equal(hm_layer_find_point(L, 2.35, 48.85), (long)i); /* Paris */
	/* iso_a3 -99, adm0_a3 KOS / SOL */
	i = find(L, "Kosovo");
	assert_string_equal(hm_layer_iso_a3(L, i), "KOS");
	i = find(L, "Somaliland");
	assert_string_equal(hm_layer_iso_a3(L, i), "SOL");
	assert_int_equal(hm_layer_find_name(L, "-99"), -1);

	/* Lesotho is a hole in South Africa */
	assert_int_equal(hm_layer_find_point(L, 25, -29), (long)find(L, "ZAF"));
	assert_int_equal(hm_layer_find_point(L, 28.2, -29.5), (long)find(L, "LSO"));
	assert_int_equal(hm_layer_find_point(L, 12, 43), (long)find(L, "ITA"));

	assert_int_equal(hm_layer_find_point(L, 112, 12), -1); /* South China Sea */
	assert_int_equal(hm_layer_find_point(L, -30, 30), -1); /* Atlantic */
	hm_layer_free(L);
	test_ctx_fini(&t);
}

static void check_countries_clipped(const char *name)
{
	static const char *const iso[] = {"THA", "MMR", "KHM", "LAO", "VNM", "PHL"};
	test_ctx t;
	hm_layer *L;
	size_t khm;

	test_ctx_init(&t);
	L = ne_load(&t, name, &SE_ASIA);
	assert_int_equal(t.nwarn, 0);
	for (size_t k = 0; k < sizeof(iso) / sizeof(iso[0]); k++)
		find(L, iso[k]);
	assert_true(hm_layer_count(L) >= 6);
	assert_true(hm_layer_count(L) < 40);
	assert_int_equal(hm_layer_find_name(L, "France"), -1);
	assert_int_equal(hm_layer_find_name(L, "C\xC3\xB4"
					       "te d'Ivoire"),
			 -1);
	khm = find(L, "Cambodia");
	assert_string_equal(hm_layer_iso_a3(L, khm), "KHM");
	assert_int_equal(hm_layer_find_point(L, 104.9, 11.55), (long)khm);
	assert_int_equal(hm_layer_find_point(L, 100.5, 13.75), (long)find(L, "THA"));
	assert_int_equal(hm_layer_find_point(L, 102.6, 17.97), (long)find(L, "Lao PDR"));
	assert_int_equal(hm_layer_find_point(L, 112, 12), -1);
	/* in China, but north of the clip */
	assert_int_equal(hm_layer_find_point(L, 104, 30), -1);
	hm_layer_free(L);
	test_ctx_fini(&t);
}

static void test_110m_whole(void **state)
{
	(void)state;
	check_countries_whole("ne_110m_admin_0_countries.shp", 177);
}

static void test_110m_clipped(void **state)
{
	(void)state;
	check_countries_clipped("ne_110m_admin_0_countries.shp");
}

/* The Pacific, across the antimeridian: Fiji is cut at 180 in NE. */
static void test_110m_antimeridian(void **state)
{
	const hm_bbox pacific = {170, -25, -170, -10};
	test_ctx t;
	hm_layer *L;

	(void)state;
	test_ctx_init(&t);
	L = ne_load(&t, "ne_110m_admin_0_countries.shp", &pacific);
	find(L, "FJI");
	assert_int_equal(hm_layer_find_name(L, "France"), -1);
	assert_int_equal(hm_layer_find_name(L, "Australia"), -1);
	/* Viti Levu, west of 180 */
	assert_int_equal(hm_layer_find_point(L, 178.0, -17.8), (long)find(L, "FJI"));
	assert_int_equal(hm_layer_find_point(L, 0, 0), -1);
	hm_layer_free(L);
	test_ctx_fini(&t);
}

static void test_lakes(void **state)
{
	test_ctx t;
	hm_layer *L;
	size_t i;

	(void)state;
	test_ctx_init(&t);
	L = ne_load(&t, "ne_50m_lakes.shp", NULL);
	assert_int_equal(hm_layer_count(L), 398);
	assert_int_equal(t.nwarn, 0);
	i = find(L, "Lake Victoria");
	assert_int_equal(hm_layer_find_point(L, 32.87, -1.26), (long)i);
	/* Windows-1252 0xE4, no .cpg */
	i = find(L, "M\xC3\xA4laren");
	assert_int_equal(hm_layer_find_point(L, 17.354, 59.438), (long)i);
	hm_layer_free(L);

	L = ne_load(&t, "ne_50m_lakes.shp", &SE_ASIA);
	assert_true(hm_layer_count(L) > 0);
	assert_int_equal(hm_layer_find_point(L, 104.09, 12.82), (long)find(L, "Tonle Sap"));
	assert_int_equal(hm_layer_find_name(L, "Lake Victoria"), -1);
	hm_layer_free(L);
	test_ctx_fini(&t);
}

static void test_rivers(void **state)
{
	test_ctx t;
	hm_layer *L;

	(void)state;
	test_ctx_init(&t);
	L = ne_load(&t, "ne_50m_rivers_lake_centerlines.shp", NULL);
	assert_int_equal(hm_layer_count(L), 460);
	assert_int_equal(t.nwarn, 0);
	hm_layer_free(L);

	L = ne_load(&t, "ne_50m_rivers_lake_centerlines.shp", &SE_ASIA);
	assert_true(hm_layer_count(L) > 0);
	assert_true(hm_layer_count(L) < 460);
	find(L, "Mekong");
	/* lines contain no point, not even Phnom Penh's on the Mekong */
	assert_int_equal(hm_layer_find_point(L, 104.9, 11.55), -1);
	assert_int_equal(hm_layer_find_point(L, 100.5, 13.75), -1);
	hm_layer_free(L);
	test_ctx_fini(&t);
}

/* The optional ocean layer: a single huge polygon. */
static void test_ocean(void **state)
{
	test_ctx t;
	hm_layer *L;

	(void)state;
	test_ctx_init(&t);
	L = ne_load(&t, "ne_110m_ocean.shp", &SE_ASIA);
	assert_true(hm_layer_count(L) >= 1);
	assert_true(hm_layer_find_point(L, 112, 12) >= 0);	 /* sea */
	assert_int_equal(hm_layer_find_point(L, 100.5, 16), -1); /* Thailand */
	hm_layer_free(L);
	test_ctx_fini(&t);
}

/* A partial layer fails with HM_EDATA naming the missing file. */
static void expect_missing(const char *name, const char *missing)
{
	char path[4096], want[4096];
	test_ctx t;
	hm_layer *L = (hm_layer *)&t; /* must be reset to NULL */
	int rc;

	ne_path(path, sizeof(path), name);
	ne_path(want, sizeof(want), missing);
	test_ctx_init(&t);
	rc = hm_layer_load(&L, t.ctx, path, NULL);
	if (rc != HM_EDATA || !strstr(hm_ctx_errmsg(t.ctx), want))
		print_error("hm_layer_load(%s): %d \"%s\", expected HM_EDATA naming %s\n", path, rc,
			    hm_ctx_errmsg(t.ctx), want);
	assert_int_equal(rc, HM_EDATA);
	assert_null(L);
	assert_non_null(strstr(hm_ctx_errmsg(t.ctx), want));
	test_ctx_fini(&t);
}

static void test_partial(void **state)
{
	(void)state;
	/* a .dbf and .shx without their .shp */
	expect_missing("partial/v2.0.0/ne_110m_ocean.shp", "partial/v2.0.0/ne_110m_ocean.shp");
	/* a point layer, but the missing .dbf is found first */
	expect_missing("partial/v2.0.0/ne_10m_populated_places.shp",
		       "partial/v2.0.0/ne_10m_populated_places.dbf");
	/* named by another of its files */
	expect_missing("partial/v2.0.0/ne_110m_ocean.dbf", "partial/v2.0.0/ne_110m_ocean.shp");
	expect_missing("partial/v2.0.0/ne_10m_populated_places.shx",
		       "partial/v2.0.0/ne_10m_populated_places.dbf");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_110m_whole),
		cmocka_unit_test(test_110m_clipped),
		cmocka_unit_test(test_110m_antimeridian),
		cmocka_unit_test(test_lakes),
		cmocka_unit_test(test_rivers),
		cmocka_unit_test(test_ocean),
		cmocka_unit_test(test_partial),
	};

	if (!test_dir_exists(HM_TEST_NE_DIR)) {
		printf("%s: absent; tests/data/naturalearth is part of the repository\n",
		       HM_TEST_NE_DIR);
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
