/* Map layout: extent, transform, symbol radii, legend, highlighting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SHAPES110 HM_TEST_SHAPES_DIR "/countries_110m.shp"

static const char sea_csv[] = "name,country,lat,lon,victims\n"
			      "Myawaddy,Myanmar,16.6881,98.5084,1000\n"
			      "KK Park,Myanmar,16.5633,98.5720,7000\n"
			      "Shwe Kokko,Myanmar,16.8370,98.5260,4000\n"
			      "Poipet,Cambodia,13.6595,102.5636,3000\n"
			      "Sihanoukville,Cambodia,10.6093,103.5296,6000\n"
			      "Golden Triangle SEZ,Laos,20.3575,100.0853,2500\n"
			      "Clark Freeport,Philippines,15.1860,120.5470,1090\n";

static hm_map *make(test_ctx *t, const char *csv, hm_map_opts *o, int *rc)
{
	hm_sites *s = NULL;
	hm_map *m = NULL;

	assert_int_equal(hm_sites_load_buffer(&s, t->ctx, csv, strlen(csv), "t.csv", NULL), 0);
	*rc = hm_map_new(&m, t->ctx, s, o);
	hm_sites_free(s);
	return m;
}

static int is_nice(double v)
{
	double p = pow(10, floor(log10(v)) + 1e-12), m = v / p;

	return fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 || fabs(m - 2.5) < 1e-9 ||
	       fabs(m - 5) < 1e-9;
}

static void check_layout(const hm_map *m, double vmax_want)
{
	double t[6], f[4], rmax, vmax = hm_map_vmax(m, &rmax);
	const double *lv, *lr;
	size_t nl;

	hm_map_transform(m, t);
	hm_map_frame(m, f);
	assert_true(fabs(vmax - vmax_want) < 1e-9);
	assert_true(fabs(rmax - 5.0 / 25.4 * 300) < 1e-9); /* 5 mm at 300 dpi */
	assert_true(f[0] > 0 && f[1] > 0 && f[0] + f[2] < 2400 && f[1] + f[3] < 1800);
	for (size_t i = 0; i < hm_map_site_count(m); i++) {
		const hm_map_site *s = hm_map_site_at(m, i);
		double x = s->lon, y = s->lat;
		hm_proj_fwd(hm_map_proj(m), &x, &y, 1);
		assert_true(fabs(t[0] * x + t[1] * y + t[2] - s->x) < 1e-6);
		assert_true(fabs(t[3] * x + t[4] * y + t[5] - s->y) < 1e-6);
		assert_true(fabs(s->r - rmax * sqrt(s->value / vmax)) < 1e-9);
		/* a fitted extent holds every site */
		assert_true(s->x > f[0] && s->x < f[0] + f[2]);
		assert_true(s->y > f[1] && s->y < f[1] + f[3]);
	}
	hm_map_legend(m, &lv, &lr, &nl);
	assert_true(nl >= 1 && nl <= 4);
	for (size_t i = 0; i < nl; i++) {
		assert_true(is_nice(lv[i]));
		assert_true(lv[i] <= vmax);
		assert_true(fabs(lr[i] - rmax * sqrt(lv[i] / vmax)) < 1e-9);
		if (i)
			assert_true(lv[i] < lv[i - 1]);
	}
}

static void test_example_layout(void **state)
{
	hm_map_opts o = HM_MAP_OPTS_INIT;
	test_ctx t;
	hm_map *m;
	size_t nh;
	const char *const *hl;
	int rc, found[4] = {0};
	static const char *want[4] = {"Myanmar", "Cambodia", "Laos", "Philippines"};

	(void)state;
	test_ctx_init(&t);
	o.shapes = SHAPES110;
	m = make(&t, sea_csv, &o, &rc);
	assert_int_equal(rc, 0);
	check_layout(m, 7000);
	assert_non_null(strstr(hm_proj_definition(hm_map_proj(m)), "+proj=lcc"));
	hl = hm_map_highlighted(m, &nh);
	for (size_t i = 0; i < nh; i++) {
		for (int k = 0; k < 4; k++)
			found[k] |= strcmp(hl[i], want[k]) == 0;
		assert_string_not_equal(hl[i], "Vietnam");
		assert_string_not_equal(hl[i], "Thailand");
	}
	for (int k = 0; k < 4; k++)
		if (!found[k])
			fail_msg("%s not highlighted", want[k]);
	assert_string_equal(hm_map_site_at(m, 1)->country_iso, "MMR");
	assert_string_equal(hm_map_site_at(m, 6)->country_iso, "PHL");
	hm_map_free(m);
	test_ctx_fini(&t);
}

static void test_max_value(void **state)
{
	hm_map_opts o = HM_MAP_OPTS_INIT;
	test_ctx t;
	hm_map *m;
	int rc;

	(void)state;
	test_ctx_init(&t);
	o.shapes = SHAPES110;
	o.max_value = 14000;
	m = make(&t, sea_csv, &o, &rc);
	assert_int_equal(rc, 0);
	check_layout(m, 14000);
	/* 7000 of 14000: half the area of the largest circle */
	assert_true(fabs(hm_map_site_at(m, 1)->r - 5.0 / 25.4 * 300 * sqrt(0.5)) < 1e-9);
	hm_map_free(m);
	test_ctx_fini(&t);
}

/* Sites on both sides of the antimeridian: one map across it. */
static void test_antimeridian(void **state)
{
	static const char csv[] = "name,lat,lon,value\n"
				  "Suva,-18.14,178.44,300\n"
				  "Nuku'alofa,-21.14,-175.2,100\n"
				  "Apia,-13.83,-171.76,50\n";
	hm_map_opts o = HM_MAP_OPTS_INIT;
	test_ctx t;
	hm_map *m;
	hm_bbox e;
	int rc;

	(void)state;
	test_ctx_init(&t);
	o.shapes = SHAPES110;
	m = make(&t, csv, &o, &rc);
	assert_int_equal(rc, 0);
	e = hm_map_extent(m);
	assert_true(e.w > e.e); /* crosses */
	assert_true(hm_bbox_lon_span(&e) < 30);
	check_layout(m, 300);
	/* Fiji is drawn and highlighted */
	{
		size_t nh;
		const char *const *hl = hm_map_highlighted(m, &nh);
		int fiji = 0;
		for (size_t i = 0; i < nh; i++)
			fiji |= strcmp(hl[i], "Fiji") == 0;
		assert_true(fiji);
	}
	hm_map_free(m);
	test_ctx_fini(&t);
}

static void test_world(void **state)
{
	static const char csv[] = "name,lat,lon,value\n"
				  "Lima,-12.05,-77.04,10\n"
				  "Oslo,59.91,10.75,20\n"
				  "Tokyo,35.68,139.69,30\n"
				  "Sydney,-33.87,151.21,40\n";
	hm_map_opts o = HM_MAP_OPTS_INIT;
	test_ctx t;
	hm_map *m;
	int rc;

	(void)state;
	test_ctx_init(&t);
	o.shapes = SHAPES110;
	m = make(&t, csv, &o, &rc);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(hm_proj_definition(hm_map_proj(m)), "+proj=eqearth"));
	check_layout(m, 40);
	hm_map_free(m);
	test_ctx_fini(&t);
}

static void test_given_extent_and_crs(void **state)
{
	hm_map_opts o = HM_MAP_OPTS_INIT;
	hm_bbox b = {92, 4, 127, 28};
	test_ctx t;
	hm_map *m;
	int rc;

	(void)state;
	test_ctx_init(&t);
	o.shapes = SHAPES110;
	o.extent = &b;
	o.crs = "EPSG:3857";
	o.width = 1200;
	o.height = 900;
	o.dpi = 150;
	m = make(&t, sea_csv, &o, &rc);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(hm_proj_definition(hm_map_proj(m)), "+proj=merc"));
	assert_false(hm_proj_is_auto(hm_map_proj(m)));
	hm_map_free(m);
	test_ctx_fini(&t);
}

static void test_scale_picks_resolution(void **state)
{
	hm_map_opts o = HM_MAP_OPTS_INIT;
	test_ctx t;
	hm_map *m;
	int rc;

	(void)state;
	test_ctx_init(&t);
	hm_bbox asia = {60, -10, 160, 55};

	o.shapes_dir = HM_TEST_SHAPES_DIR;
	/* Southeast Asia on 8 inches: about 1:15M, the 10m shapes */
	m = make(&t, sea_csv, &o, &rc);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(hm_map_shapes_path(m), "countries_10m.shp"));
	assert_true(hm_map_scale(m) > 5e6 && hm_map_scale(m) < 35e6);
	hm_map_free(m);
	/* Asia on 8 inches: about 1:50M, the 50m shapes */
	o.extent = &asia;
	m = make(&t, sea_csv, &o, &rc);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(hm_map_shapes_path(m), "countries_50m.shp"));
	assert_true(hm_map_scale(m) > 35e6 && hm_map_scale(m) < 100e6);
	hm_map_free(m);
	test_ctx_fini(&t);
}

static void test_bad_options(void **state)
{
	static const struct {
		int w, h;
		double dpi;
		const char *shapes;
		int rc;
	} cases[] = {
		{100000, 100000, 300, SHAPES110, HM_EUSAGE},
		{20000, 20000, 300, SHAPES110, HM_EUSAGE},
		{10, 10, 300, SHAPES110, HM_EUSAGE},
		{2400, 1800, 0, SHAPES110, HM_EUSAGE},
		{2400, 1800, 1e9, SHAPES110, HM_EUSAGE},
		{2400, 1800, 300, "/nonexistent/x.shp", HM_EDATA},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		hm_map_opts o = HM_MAP_OPTS_INIT;
		test_ctx t;
		hm_map *m;
		int rc;
		test_ctx_init(&t);
		o.width = cases[i].w;
		o.height = cases[i].h;
		o.dpi = cases[i].dpi;
		o.shapes = cases[i].shapes;
		m = make(&t, sea_csv, &o, &rc);
		if (rc != cases[i].rc)
			fail_msg("case %zu: rc %d (%s)", i, rc, hm_ctx_errmsg(t.ctx));
		assert_null(m);
		test_ctx_fini(&t);
	}
}

static void test_manifest(void **state)
{
	hm_map_opts o = HM_MAP_OPTS_INIT;
	test_ctx t;
	hm_map *m;
	char *json = NULL;
	size_t len = 0;
	int rc;

	(void)state;
	test_ctx_init(&t);
	o.shapes = SHAPES110;
	m = make(&t, "name,lat,lon,value\n\"A \"\"q\"\" \\ b\",16,98,5\n", &o, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(hm_manifest_buffer(&json, &len, t.ctx, m), 0);
	assert_int_equal(strlen(json), len);
	assert_non_null(strstr(json, "\"crs\": \"+proj="));
	assert_non_null(strstr(json, "\"transform\": ["));
	assert_non_null(strstr(json, "\"frame\": {\"x\": "));
	assert_non_null(strstr(json, "\"label\": {\"text\": "));
	assert_non_null(strstr(json, "\"legend\": {\"values\": [5"));
	/* quotes and backslashes escaped */
	assert_non_null(strstr(json, "\"name\": \"A \\\"q\\\" \\\\ b\""));
	free(json);
	hm_map_free(m);
	test_ctx_fini(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_example_layout),
		cmocka_unit_test(test_max_value),
		cmocka_unit_test(test_antimeridian),
		cmocka_unit_test(test_world),
		cmocka_unit_test(test_given_extent_and_crs),
		cmocka_unit_test(test_scale_picks_resolution),
		cmocka_unit_test(test_bad_options),
		cmocka_unit_test(test_manifest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
