/* The one rule that gives a site its country (src/assign.h), and that a map
 * follows it: named, else inside, else the nearest within near_km. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "assign.h"
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#define SHAPES50 HM_TEST_SHAPES_DIR "/countries_50m.shp"

static const char *iso(const hm_layer *l, long f)
{
	return f >= 0 ? hm_layer_iso_a3(l, (size_t)f) : "";
}

/* A point of the sea about 4 km off Cambodia's coast north of Sihanoukville:
 * walked west from inland Kampot province until it leaves the land, then
 * 4 km on. (Sihanoukville itself, the example's site, lies just off the
 * 1:50m coast.) */
static hm_site offshore(hm_layer *l)
{
	hm_site s = {0};

	s.name = "Offshore";
	s.lat = 10.75;
	s.lon = 103.9;
	assert_string_equal(iso(l, hm_layer_find_point(l, s.lon, s.lat)), "KHM");
	while (hm_layer_find_point(l, s.lon, s.lat) >= 0 && s.lon > 102.5)
		s.lon -= 0.0045; /* 0.5 km */
	s.lon -= 0.0365;	 /* 4 km */
	assert_int_equal(hm_layer_find_point(l, s.lon, s.lat), -1);
	return s;
}

static void test_rule(void **state)
{
	test_ctx t;
	hm_layer *l = NULL;
	hm_assign_how how;
	hm_site s;
	int unknown;

	(void)state;
	test_ctx_init(&t);
	assert_int_equal(hm_layer_load(&l, t.ctx, SHAPES50, NULL), 0);
	s = offshore(l);
	/* off the coast: the nearest country within 10 km, none within 1 */
	assert_string_equal(iso(l, hm_assign_country(l, NULL, &s, 10, NULL, &how, &unknown)),
			    "KHM");
	assert_int_equal(how, HM_ASSIGN_NEAR);
	assert_int_equal(unknown, 0);
	assert_int_equal(hm_assign_country(l, NULL, &s, 1, NULL, &how, NULL), -1);
	assert_int_equal(how, HM_ASSIGN_NONE);
	/* the country column wins over the coordinates */
	s.country = "Philippines";
	assert_string_equal(iso(l, hm_assign_country(l, NULL, &s, 10, NULL, &how, &unknown)),
			    "PHL");
	assert_int_equal(how, HM_ASSIGN_NAMED);
	/* a name the shapes do not know: the coordinates decide, and it says so */
	s.country = "Atlantis";
	assert_string_equal(iso(l, hm_assign_country(l, NULL, &s, 10, NULL, &how, &unknown)),
			    "KHM");
	assert_int_equal(unknown, 1);
	/* inside */
	s.country = NULL;
	s.lat = 16.80, s.lon = 96.15; /* Yangon */
	assert_string_equal(iso(l, hm_assign_country(l, NULL, &s, 10, NULL, &how, NULL)), "MMR");
	assert_int_equal(how, HM_ASSIGN_INSIDE);
	hm_layer_free(l);
	test_ctx_fini(&t);
}

/* render gives an offshore site the country that batch puts it on the map
 * of (they decided differently before: "" in render, KHM in batch). */
static void test_map_follows_rule(void **state)
{
	test_ctx t;
	hm_layer *l = NULL;
	hm_sites *sites = NULL;
	hm_map *m = NULL;
	hm_map_opts o = HM_MAP_OPTS_INIT;
	char csv[256];
	hm_site s;

	(void)state;
	test_ctx_init(&t);
	assert_int_equal(hm_layer_load(&l, t.ctx, SHAPES50, NULL), 0);
	s = offshore(l);
	snprintf(csv, sizeof(csv),
		 "name,lat,lon,n\nOffshore,%.6f,%.6f,10\nPoipet,13.6595,102.5636,5\n", s.lat,
		 s.lon);
	assert_int_equal(hm_sites_load_buffer(&sites, t.ctx, csv, strlen(csv), "t.csv", NULL), 0);
	o.shapes = SHAPES50;
	o.plain = 1;
	o.width = 800, o.height = 600;
	assert_int_equal(hm_map_new(&m, t.ctx, sites, &o), 0);
	assert_string_equal(hm_map_site_at(m, 0)->country_iso, "KHM");
	assert_string_equal(hm_map_site_at(m, 1)->country_iso, "KHM");
	hm_map_free(m);
	m = NULL;
	/* near_km 0: inside only */
	o.near_km = 0;
	assert_int_equal(hm_map_new(&m, t.ctx, sites, &o), 0);
	assert_string_equal(hm_map_site_at(m, 0)->country_iso, "");
	hm_map_free(m);
	hm_sites_free(sites);
	hm_layer_free(l);
	test_ctx_fini(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rule),
		cmocka_unit_test(test_map_follows_rule),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
