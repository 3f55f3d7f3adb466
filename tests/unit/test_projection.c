/* Projection stage: tables of input, expected output and tolerance. The
 * expected values come from PROJ's cs2cs, run independently. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testutil.h"

#include <math.h>
#include <string.h>

typedef struct {
	const char *crs;
	double lon, lat, e, n, tol;
} fwd_case;

static const fwd_case fwd_cases[] = {
	{"EPSG:3857", 100, 15, 11131949.0793, 1689200.1396, 0.01},
	{"EPSG:3857", 98.5720, 16.5633, 10972984.8465, 1870049.2407, 0.01},
	{"EPSG:3857", -170, -20, -18924313.4349, -2273030.9270, 0.01},
	{"EPSG:32647", 99, 15, 500000.0, 1658325.9936, 0.01},
	{"EPSG:32647", 100, 14, 607995.6523, 1547954.3205, 0.01},
	/* a PROJ string without +type=crs, as users write them */
	{"+proj=lcc +lat_1=8 +lat_2=24 +lat_0=16 +lon_0=106 +datum=WGS84 +units=m", 98.5720,
	 16.5633, -784978.6387, 75807.3261, 0.01},
	{"+proj=lcc +lat_1=8 +lat_2=24 +lat_0=16 +lon_0=106 +datum=WGS84 +units=m "
	 "+type=crs",
	 120.547, 15.186, 1546958.6393, -34871.1758, 0.01},
	{"+proj=eqearth +lon_0=0 +datum=WGS84", 100, 15, 9424976.6816, 1916239.6896, 0.01},
	/* EPSG:4326 is lat/lon in the database: normalised to (lon, lat) */
	{"EPSG:4326", 100.5, 13.75, 100.5, 13.75, 1e-9},
};

static void test_forward_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(fwd_cases) / sizeof(fwd_cases[0]); i++) {
		const fwd_case *c = &fwd_cases[i];
		test_ctx t;
		hm_proj *p = NULL;
		hm_bbox b = {90, 0, 130, 30};
		double x = c->lon, y = c->lat;
		test_ctx_init(&t);
		assert_int_equal(hm_proj_new(&p, t.ctx, c->crs, &b), 0);
		hm_proj_fwd(p, &x, &y, 1);
		if (fabs(x - c->e) > c->tol || fabs(y - c->n) > c->tol)
			fail_msg("%s (%g, %g): got (%.4f, %.4f), want (%.4f, %.4f)", c->crs, c->lon,
				 c->lat, x, y, c->e, c->n);
		hm_proj_inv(p, &x, &y, 1);
		assert_true(fabs(x - c->lon) < 1e-7 && fabs(y - c->lat) < 1e-7);
		assert_false(hm_proj_is_auto(p));
		hm_proj_free(p);
		test_ctx_fini(&t);
	}
}

typedef struct {
	hm_bbox box;
	const char *want; /* substring of the definition */
} auto_case;

static const auto_case auto_cases[] = {
	{{-180, -90, 180, 90}, "+proj=eqearth"},
	{{-170, -60, 170, 80}, "+proj=eqearth"},
	{{92, 4, 127, 28}, "+proj=lcc"},	       /* Southeast Asia */
	{{95, 9, 124, 22}, "+proj=lcc"},	       /* the example's sites */
	{{94, -11, 142, 7}, "+proj=merc"},	       /* Indonesia: on the equator */
	{{-20, -36, 52, 38}, "+proj=laea"},	       /* Africa: continental */
	{{-180, 65, 180, 90}, "+proj=laea +lat_0=90"}, /* the Arctic */
	{{170, -25, -170, -10}, "+proj=lcc"},	       /* Fiji/Tonga, across 180 */
};

static void test_auto_choice(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(auto_cases) / sizeof(auto_cases[0]); i++) {
		test_ctx t;
		hm_proj *p = NULL;
		test_ctx_init(&t);
		assert_int_equal(hm_proj_new(&p, t.ctx, "auto", &auto_cases[i].box), 0);
		if (!strstr(hm_proj_definition(p), auto_cases[i].want))
			fail_msg("box %zu: got %s, want %s", i, hm_proj_definition(p),
				 auto_cases[i].want);
		assert_true(hm_proj_is_auto(p));
		assert_non_null(strstr(hm_proj_description(p), "auto"));
		hm_proj_free(p);
		test_ctx_fini(&t);
	}
}

/* The auto projection across the antimeridian is continuous there. */
static void test_auto_antimeridian(void **state)
{
	test_ctx t;
	hm_proj *p = NULL;
	hm_bbox b = {170, -25, -170, -10};
	double x[2] = {179.9, -179.9}, y[2] = {-17, -17};

	(void)state;
	test_ctx_init(&t);
	assert_int_equal(hm_proj_new(&p, t.ctx, NULL, &b), 0);
	assert_true(fabs(hm_proj_central_lon(p) - 180) < 1e-6 ||
		    fabs(hm_proj_central_lon(p) + 180) < 1e-6);
	hm_proj_fwd(p, x, y, 2);
	assert_true(x[0] < x[1]);
	assert_true(x[1] - x[0] < 30000); /* 0.2 degrees, not 360 */
	hm_proj_free(p);
	test_ctx_fini(&t);
}

static void test_bad_crs(void **state)
{
	static const char *bad[] = {"EPSG:999999", "+proj=nonsense", "not a crs",
				    "EPSG:4978" /* geocentric */};
	hm_bbox b = {90, 0, 130, 30};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		test_ctx t;
		hm_proj *p = (hm_proj *)&b;
		test_ctx_init(&t);
		assert_int_equal(hm_proj_new(&p, t.ctx, bad[i], &b), HM_EDATA);
		assert_null(p);
		assert_non_null(strstr(hm_ctx_errmsg(t.ctx), "CRS \""));
		test_ctx_fini(&t);
	}
}

typedef struct {
	double lon[3], lat[3];
	size_t n;
	double w, s, e, nn, tol;
} fit_case;

static void test_bbox_fit(void **state)
{
	static const fit_case cases[] = {
		/* padded by 10% of the span on each side */
		{{100, 110}, {10, 20}, 2, 99, 9, 111, 21, 1e-9},
		/* across the antimeridian: the widest empty arc is left out */
		{{175, -175}, {-20, -10}, 2, 174, -21, -174, -9, 1e-9},
		/* one site: at least min_span wide */
		{{100}, {15}, 1, 99, 14, 101, 16, 1e-9},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const fit_case *c = &cases[i];
		hm_bbox b;
		hm_bbox_fit(&b, c->lon, c->lat, c->n, 0.1, 2.0);
		if (fabs(b.w - c->w) > c->tol || fabs(b.s - c->s) > c->tol ||
		    fabs(b.e - c->e) > c->tol || fabs(b.n - c->nn) > c->tol)
			fail_msg("case %zu: got %g,%g,%g,%g", i, b.w, b.s, b.e, b.n);
	}
}

static void test_bbox_helpers(void **state)
{
	hm_bbox a = {170, -25, -170, -10}, b = {92, 4, 127, 28};

	(void)state;
	assert_true(fabs(hm_bbox_lon_span(&a) - 20) < 1e-9);
	assert_true(fabs(fabs(hm_bbox_center_lon(&a)) - 180) < 1e-9);
	assert_true(hm_bbox_has_lon(&a, 179));
	assert_true(hm_bbox_has_lon(&a, -175));
	assert_false(hm_bbox_has_lon(&a, 0));
	assert_true(fabs(hm_bbox_lon_span(&b) - 35) < 1e-9);
	assert_true(fabs(hm_bbox_center_lon(&b) - 109.5) < 1e-9);
}

static void test_bbox_parse(void **state)
{
	static const char *bad[] = {"1,2,3",	     "a,b,c,d",	     "92,4,127",
				    "92,28,127,4",   "200,0,210,10", "92,4,127,28,5",
				    "92,-95,127,28", "10,0,10,5",    ""};
	test_ctx t;
	hm_bbox b;

	(void)state;
	test_ctx_init(&t);
	assert_int_equal(hm_bbox_parse(&b, t.ctx, "92,4,127,28"), 0);
	assert_true(b.w == 92 && b.s == 4 && b.e == 127 && b.n == 28);
	assert_int_equal(hm_bbox_parse(&b, t.ctx, "170,-25,-170,-10"), 0);
	assert_true(b.w == 170 && b.e == -170);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (hm_bbox_parse(&b, t.ctx, bad[i]) != HM_EUSAGE)
			fail_msg("\"%s\" accepted", bad[i]);
		assert_non_null(strstr(hm_ctx_errmsg(t.ctx), "extent \""));
	}
	test_ctx_fini(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forward_table),	  cmocka_unit_test(test_auto_choice),
		cmocka_unit_test(test_auto_antimeridian), cmocka_unit_test(test_bad_crs),
		cmocka_unit_test(test_bbox_fit),	  cmocka_unit_test(test_bbox_helpers),
		cmocka_unit_test(test_bbox_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
