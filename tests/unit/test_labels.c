/* Cartographic furniture (issue 3): the scale bar is true at the map's
 * centre (PROJ's geodesic), the legend's radii follow the map's symbol
 * formula (area and Flannery), and site labels on a crowded map keep the
 * placement rules: no overlaps, on no symbol, inside the frame, off the
 * legend and the scale bar, deterministic. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testutil.h"

#include <math.h>
#include <stdio.h>
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
			      "Clark Freeport,Philippines,15.1860,120.5470,1090\n"
			      "Bavet,Cambodia,11.0640,106.1480,800\n";

static const char norway_csv[] = "name,lat,lon,value\n"
				 "Tromso,69.65,18.96,40\n"
				 "Bergen,60.39,5.32,100\n"
				 "Oslo,59.91,10.75,300\n"
				 "Trondheim,63.43,10.39,80\n"
				 "Hammerfest,70.66,23.68,10\n";

static const char equator_csv[] = "name,lat,lon,value\n"
				  "Pontianak,-0.03,109.33,40\n"
				  "Singapore,1.29,103.85,300\n"
				  "Padang,-0.95,100.35,100\n"
				  "Kuching,1.55,110.36,60\n";

static const char world_csv[] = "name,lat,lon,value\n"
				"Lima,-12.05,-77.04,10\n"
				"Oslo,59.91,10.75,20\n"
				"Tokyo,35.68,139.69,30\n"
				"Sydney,-33.87,151.21,40\n";

static hm_map *make(test_ctx *t, const char *csv, hm_map_opts *o)
{
	hm_sites *s = NULL;
	hm_map *m = NULL;
	int rc;

	assert_int_equal(hm_sites_load_buffer(&s, t->ctx, csv, strlen(csv), "t.csv", NULL), 0);
	rc = hm_map_new(&m, t->ctx, s, o);
	if (rc != 0)
		fail_msg("hm_map_new: %d (%s)", rc, hm_ctx_errmsg(t->ctx));
	hm_sites_free(s);
	assert_non_null(m);
	return m;
}

/* ---- scale bar ------------------------------------------------------- */

/* The bar's pixel length, laid horizontally across the frame centre and
 * measured on the ellipsoid, is the length it shows, within 1%. */
static void check_scalebar(const char *what, const char *csv, const hm_bbox *extent,
			   const char *crs)
{
	hm_map_opts o = HM_MAP_OPTS_INIT;
	hm_style style;
	test_ctx t;
	hm_map *m;
	double box[4], bar_px = 0, km, tr[6], f[4], det, cx, cy;
	double px[2], e[2], n[2], d;

	test_ctx_init(&t);
	hm_style_init(&style);
	style.scalebar = 1; /* always: the bar's truth is checked here, not when it shows */
	o.style = &style;
	o.shapes = SHAPES110;
	o.extent = extent;
	o.crs = crs;
	m = make(&t, csv, &o);
	km = hm_map_scalebar(m, box, &bar_px);
	if (!(km > 0 && bar_px > 0))
		fail_msg("%s: no scale bar (km %g, %g px)", what, km, bar_px);
	hm_map_frame(m, f);
	hm_map_transform(m, tr);
	/* the bar fits its box, and the box the frame */
	assert_true(bar_px <= box[2] + 0.5);
	assert_true(box[0] >= f[0] - 0.5 && box[1] >= f[1] - 0.5);
	assert_true(box[0] + box[2] <= f[0] + f[2] + 0.5);
	assert_true(box[1] + box[3] <= f[1] + f[3] + 0.5);
	cx = f[0] + f[2] / 2;
	cy = f[1] + f[3] / 2;
	px[0] = cx - bar_px / 2;
	px[1] = cx + bar_px / 2;
	det = tr[0] * tr[4] - tr[1] * tr[3];
	assert_true(det != 0);
	for (int i = 0; i < 2; i++) {
		double x = px[i] - tr[2], y = cy - tr[5];
		e[i] = (tr[4] * x - tr[1] * y) / det;
		n[i] = (-tr[3] * x + tr[0] * y) / det;
	}
	hm_proj_inv(hm_map_proj(m), e, n, 2);
	assert_true(e[0] != HUGE_VAL && e[1] != HUGE_VAL);
	/* hm_proj_geodesic takes a non-const projection */
	d = hm_proj_geodesic((hm_proj *)hm_map_proj(m), e[0], n[0], e[1], n[1]);
	assert_true(d != HUGE_VAL);
	if (fabs(d - km * 1000) > 0.01 * km * 1000)
		fail_msg("%s: the %g km bar is %.2f px; across the frame centre "
			 "(%.4f,%.4f)-(%.4f,%.4f) that is %.1f m (%+.2f%%)",
			 what, km, bar_px, e[0], n[0], e[1], n[1], d,
			 100 * (d - km * 1000) / (km * 1000));
	/* a round length: 1, 2, 2.5 or 5 times a power of ten */
	{
		double p = pow(10, floor(log10(km) + 1e-12)), mant = km / p;
		assert_true(fabs(mant - 1) < 1e-9 || fabs(mant - 2) < 1e-9 ||
			    fabs(mant - 2.5) < 1e-9 || fabs(mant - 5) < 1e-9);
	}
	hm_map_free(m);
	test_ctx_fini(&t);
}

static void test_scalebar_true(void **state)
{
	hm_bbox sea = {92, 4, 127, 28}, nordic = {0, 55, 32, 72};

	(void)state;
	check_scalebar("example (auto)", sea_csv, NULL, NULL);
	check_scalebar("Norway (auto, high latitude)", norway_csv, NULL, NULL);
	check_scalebar("equator (auto)", equator_csv, NULL, NULL);
	check_scalebar("EPSG:3857, given extent", sea_csv, &sea, "EPSG:3857");
	check_scalebar("EPSG:3857 at high latitude", norway_csv, &nordic, "EPSG:3857");
	check_scalebar("world (auto)", world_csv, NULL, NULL);
	check_scalebar("UTM 47N", sea_csv, &sea, "EPSG:32647");
}

/* The default ("auto") shows a bar only where the scale holds within 5%
 * across the frame: the example's conic, not Mercator from 4 to 28 N
 * (13%) nor a world map. */
static void test_scalebar_auto(void **state)
{
	hm_bbox sea = {92, 4, 127, 28};
	struct {
		const char *csv;
		const hm_bbox *extent;
		const char *crs;
		int bar;
	} cases[] = {{sea_csv, NULL, NULL, 1},
		     {norway_csv, NULL, NULL, 1},
		     {sea_csv, &sea, "EPSG:3857", 0},
		     {world_csv, NULL, NULL, 0}};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		hm_map_opts o = HM_MAP_OPTS_INIT;
		test_ctx t;
		hm_map *m;
		double km;
		test_ctx_init(&t);
		o.shapes = SHAPES110;
		o.extent = cases[i].extent;
		o.crs = cases[i].crs;
		m = make(&t, cases[i].csv, &o);
		km = hm_map_scalebar(m, NULL, NULL);
		if ((km > 0) != cases[i].bar)
			fail_msg("case %zu: scale bar %g km, expected %s", i, km,
				 cases[i].bar ? "one" : "none");
		hm_map_free(m);
		test_ctx_fini(&t);
	}
}

/* ---- legend ---------------------------------------------------------- */

static void check_legend(const hm_map *m, double expo, const char *what)
{
	const double *lv, *lr;
	double rmax, vmax = hm_map_vmax(m, &rmax);
	size_t nl;

	hm_map_legend(m, &lv, &lr, &nl);
	if (nl < 1)
		fail_msg("%s: no legend", what);
	for (size_t i = 0; i < nl; i++) {
		double want = rmax * pow(lv[i] / vmax, expo);
		if (fabs(lr[i] - hm_map_radius(m, lv[i])) > 0.5)
			fail_msg("%s: legend %g has r %.3f, hm_map_radius says %.3f", what, lv[i],
				 lr[i], hm_map_radius(m, lv[i]));
		if (fabs(lr[i] - want) > 0.5)
			fail_msg("%s: legend %g has r %.3f, r_max*(v/max)^%g = %.3f", what, lv[i],
				 lr[i], expo, want);
		if (i && !(lv[i] < lv[i - 1]))
			fail_msg("%s: legend values not largest first", what);
	}
	for (size_t i = 0; i < hm_map_site_count(m); i++) {
		const hm_map_site *s = hm_map_site_at(m, i);
		double want = rmax * pow(s->value / vmax, expo);
		if (fabs(s->r - want) > 1e-6 || fabs(hm_map_radius(m, s->value) - want) > 1e-6)
			fail_msg("%s: site %s (%g) r %.4f, want %.4f", what, s->name, s->value,
				 s->r, want);
	}
}

static void test_legend_radii(void **state)
{
	static const char flannery_ini[] = "[symbols]\nscaling = flannery\n";
	hm_map_opts o = HM_MAP_OPTS_INIT;
	hm_style st;
	test_ctx t;
	hm_map *area, *fl;
	char path[512];

	(void)state;
	test_ctx_init(&t);
	o.shapes = SHAPES110;
	area = make(&t, sea_csv, &o);
	check_legend(area, 0.5, "area");

	test_tmp_path(path, sizeof(path), "flannery.ini");
	assert_int_equal(test_write_file(path, flannery_ini, strlen(flannery_ini)), 0);
	hm_style_init(&st);
	assert_int_equal(hm_style_load(&st, t.ctx, path), 0);
	assert_int_equal(st.scaling, HM_SCALING_FLANNERY);
	o.style = &st;
	fl = make(&t, sea_csv, &o);
	check_legend(fl, 0.5716, "flannery");
	/* the scalings differ: 1000 of 7000 is smaller with Flannery */
	assert_true(hm_map_radius(fl, 1000) < hm_map_radius(area, 1000) - 1);
	/* and a max_value shared across maps holds for both */
	hm_map_free(fl);
	o.max_value = 20000;
	fl = make(&t, sea_csv, &o);
	check_legend(fl, 0.5716, "flannery, max-value 20000");
	hm_map_free(fl);
	hm_map_free(area);
	remove(path);
	test_ctx_fini(&t);
}

/* ---- labels on a crowded map ----------------------------------------- */

/* 300 sites in lon 98..101, lat 15..18 with the Myawaddy cluster; values
 * over four orders of magnitude; a fixed linear congruential generator. */
static char *crowded_csv(size_t n, double w, double s, double e, double nn)
{
	static const char *syl[] = {"ban",  "mae",  "sot", "chiang", "nong",
				    "khon", "phra", "wat", "tha",    "lam"};
	size_t cap = 64 + n * 80, len = 0;
	char *buf = malloc(cap);
	uint64_t x = 12345;

	assert_non_null(buf);
#define RND()                                                                                      \
	(x = x * 6364136223846793005ULL + 1442695040888963407ULL,                                  \
	 (double)(x >> 11) / 9007199254740992.0)
	len += (size_t)snprintf(buf + len, cap - len,
				"name,lat,lon,value\n"
				"Myawaddy,16.6881,98.5084,1000\n"
				"KK Park,16.5633,98.5720,7000\n"
				"Shwe Kokko,16.8370,98.5260,4000\n");
	for (size_t i = 3; i < n; i++) {
		char name[64] = "";
		int k = 1 + (int)(RND() * 3);
		for (int j = 0; j < k; j++)
			strcat(name, syl[(int)(RND() * 10)]);
		name[0] = (char)(name[0] - 'a' + 'A');
		double lat = s + RND() * (nn - s), lon = w + RND() * (e - w);
		double v = floor(pow(10, RND() * 4));
		len += (size_t)snprintf(buf + len, cap - len, "%s %zu,%.4f,%.4f,%.0f\n", name, i,
					lat, lon, v);
		assert_true(len < cap);
	}
#undef RND
	return buf;
}

static int overlap(const double a[4], const double b[4])
{
	const double tol = 0.5;
	return a[0] + tol < b[0] + b[2] && b[0] + tol < a[0] + a[2] && a[1] + tol < b[1] + b[3] &&
	       b[1] + tol < a[1] + a[3];
}

static int disc_meets(double cx, double cy, double r, const double b[4])
{
	double nx = fmin(fmax(cx, b[0]), b[0] + b[2]);
	double ny = fmin(fmax(cy, b[1]), b[1] + b[3]);
	return hypot(cx - nx, cy - ny) + 0.5 < r;
}

/* The legend box, from the manifest (the API has no accessor for it). */
static int legend_box(test_ctx *t, const hm_map *m, double b[4])
{
	char *json = NULL;
	size_t len = 0;
	const char *p;
	int ok;

	assert_int_equal(hm_manifest_buffer(&json, &len, t->ctx, m), 0);
	p = strstr(json, "\"legend_box\": ");
	assert_non_null(p);
	ok = sscanf(p,
		    "\"legend_box\": {\"x\": %lf, \"y\": %lf, \"width\": %lf, "
		    "\"height\": %lf}",
		    &b[0], &b[1], &b[2], &b[3]) == 4;
	free(json);
	return ok;
}

static size_t check_label_rules(test_ctx *t, const hm_map *m, const char *what)
{
	double f[4], sb[4], lb[4], bar_px;
	size_t n = hm_map_site_count(m), placed = 0, nc;
	int has_legend = legend_box(t, m, lb);
	int has_bar = hm_map_scalebar(m, sb, &bar_px) > 0;
	const hm_map_country_label *cl = hm_map_country_labels(m, &nc);

	hm_map_frame(m, f);
	for (size_t i = 0; i < n; i++) {
		const hm_map_site *a = hm_map_site_at(m, i);
		const double *b = a->label_box;
		if (!a->labelled)
			continue;
		placed++;
		if (!(b[2] > 0 && b[3] > 0))
			fail_msg("%s: label of %s has an empty box", what, a->name);
		if (b[0] < f[0] - 0.5 || b[1] < f[1] - 0.5 || b[0] + b[2] > f[0] + f[2] + 0.5 ||
		    b[1] + b[3] > f[1] + f[3] + 0.5)
			fail_msg("%s: label of %s (%.1f,%.1f %.1fx%.1f) leaves the frame", what,
				 a->name, b[0], b[1], b[2], b[3]);
		if (has_legend && overlap(b, lb))
			fail_msg("%s: label of %s overlaps the legend", what, a->name);
		if (has_bar && overlap(b, sb))
			fail_msg("%s: label of %s overlaps the scale bar", what, a->name);
		for (size_t j = 0; j < n; j++) {
			const hm_map_site *o = hm_map_site_at(m, j);
			if (disc_meets(o->x, o->y, o->r, b))
				fail_msg("%s: label of %s covers the symbol of %s", what, a->name,
					 o->name);
			if (j > i && o->labelled && overlap(b, o->label_box))
				fail_msg("%s: labels of %s and %s overlap", what, a->name, o->name);
		}
		for (size_t c = 0; c < nc; c++)
			if (overlap(b, cl[c].box))
				fail_msg("%s: label of %s overlaps country label %s", what, a->name,
					 cl[c].name);
	}
	for (size_t c = 0; c < nc; c++)
		for (size_t j = 0; j < n; j++) {
			const hm_map_site *o = hm_map_site_at(m, j);
			if (disc_meets(o->x, o->y, o->r, cl[c].box))
				fail_msg("%s: country label %s covers the symbol of %s", what,
					 cl[c].name, o->name);
		}
	return placed;
}

static void test_crowded_labels(void **state)
{
	hm_map_opts o = HM_MAP_OPTS_INIT;
	test_ctx t;
	hm_map *a, *b;
	char *csv = crowded_csv(300, 98, 15, 101, 18);
	size_t placed, n;

	(void)state;
	test_ctx_init(&t);
	o.shapes = SHAPES110;
	a = make(&t, csv, &o);
	n = hm_map_site_count(a);
	assert_int_equal(n, 300);
	placed = check_label_rules(&t, a, "300 crowded sites");
	if (placed < 30)
		fail_msg("only %zu of 300 labels placed", placed);
	if (placed == n)
		fail_msg("every label placed: the data is not crowded");
	/* the largest value is labelled (placed first) */
	{
		size_t big = 0;
		for (size_t i = 1; i < n; i++)
			if (hm_map_site_at(a, i)->value > hm_map_site_at(a, big)->value)
				big = i;
		assert_true(hm_map_site_at(a, big)->labelled);
	}
	/* deterministic: a second layout is the same, box for box */
	b = make(&t, csv, &o);
	for (size_t i = 0; i < n; i++) {
		const hm_map_site *x = hm_map_site_at(a, i), *y = hm_map_site_at(b, i);
		assert_int_equal(x->labelled, y->labelled);
		assert_int_equal(x->leader, y->leader);
		if (x->labelled)
			assert_memory_equal(x->label_box, y->label_box, sizeof(x->label_box));
	}
	hm_map_free(b);
	hm_map_free(a);

	/* a small map of the same sites: fewer labels, same rules */
	o.width = 800;
	o.height = 600;
	o.dpi = 100;
	a = make(&t, csv, &o);
	(void)check_label_rules(&t, a, "300 sites at 800x600");
	hm_map_free(a);
	free(csv);

	/* 2000 sites over Southeast Asia */
	csv = crowded_csv(2000, 92, 4, 127, 28);
	o.width = 2400;
	o.height = 1800;
	o.dpi = 300;
	a = make(&t, csv, &o);
	placed = check_label_rules(&t, a, "2000 sites");
	if (placed < 30)
		fail_msg("only %zu of 2000 labels placed", placed);
	hm_map_free(a);
	free(csv);
	test_ctx_fini(&t);
}

/* The example: every label placed, by the same rules. */
static void test_example_labels(void **state)
{
	hm_map_opts o = HM_MAP_OPTS_INIT;
	test_ctx t;
	hm_map *m;

	(void)state;
	test_ctx_init(&t);
	o.shapes = SHAPES110;
	m = make(&t, sea_csv, &o);
	for (size_t i = 0; i < hm_map_site_count(m); i++)
		if (!hm_map_site_at(m, i)->labelled)
			fail_msg("the example's label %s is left out", hm_map_site_at(m, i)->name);
	(void)check_label_rules(&t, m, "example");
	hm_map_free(m);
	test_ctx_fini(&t);
}

/* plain: symbols only: no labels, no scale bar, no legend, no insets. */
static void test_plain(void **state)
{
	hm_map_opts o = HM_MAP_OPTS_INIT;
	test_ctx t;
	hm_map *m;
	double box[4], bar_px = 0, lb[4];
	size_t nc;

	(void)state;
	test_ctx_init(&t);
	o.shapes = SHAPES110;
	o.plain = 1;
	o.locator = 1;
	o.inset_auto = 1;
	m = make(&t, sea_csv, &o);
	for (size_t i = 0; i < hm_map_site_count(m); i++)
		assert_false(hm_map_site_at(m, i)->labelled);
	assert_true(hm_map_scalebar(m, box, &bar_px) == 0);
	assert_int_equal(hm_map_inset_count(m), 0);
	(void)hm_map_country_labels(m, &nc);
	assert_int_equal(nc, 0);
	assert_false(legend_box(&t, m, lb));
	hm_map_free(m);
	test_ctx_fini(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scalebar_true),  cmocka_unit_test(test_scalebar_auto),
		cmocka_unit_test(test_legend_radii),   cmocka_unit_test(test_crowded_labels),
		cmocka_unit_test(test_example_labels), cmocka_unit_test(test_plain),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
