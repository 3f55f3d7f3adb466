/* Render stage: pixels read back from the PNG, byte-identical SVG and PDF,
 * outputs replaced only when everything succeeded. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testutil.h"

#include <cairo.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHAPES110 HM_TEST_SHAPES_DIR "/countries_110m.shp"

static const char sea_csv[] = "name,country,lat,lon,victims\n"
			      "KK Park,Myanmar,16.5633,98.5720,7000\n"
			      "Poipet,Cambodia,13.6595,102.5636,3000\n"
			      "Sihanoukville,Cambodia,10.6093,103.5296,6000\n"
			      "Golden Triangle SEZ,Laos,20.3575,100.0853,2500\n"
			      "Clark Freeport,Philippines,15.1860,120.5470,1090\n";

static hm_map *make(test_ctx *t)
{
	hm_map_opts o = HM_MAP_OPTS_INIT;
	hm_sites *s = NULL;
	hm_map *m = NULL;

	o.shapes = SHAPES110;
	o.width = 1200;
	o.height = 900;
	o.dpi = 150;
	assert_int_equal(
		hm_sites_load_buffer(&s, t->ctx, sea_csv, sizeof(sea_csv) - 1, "t.csv", NULL), 0);
	assert_int_equal(hm_map_new(&m, t->ctx, s, &o), 0);
	hm_sites_free(s);
	return m;
}

static void pixel(cairo_surface_t *s, double x, double y, int rgb[3])
{
	unsigned char *d = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	uint32_t px = *(uint32_t *)(d + (size_t)y * stride + (size_t)x * 4);

	rgb[0] = (px >> 16) & 255;
	rgb[1] = (px >> 8) & 255;
	rgb[2] = px & 255;
}

static void test_png_pixels(void **state)
{
	test_ctx t;
	hm_map *m;
	unsigned char *png = NULL;
	size_t len = 0;
	cairo_surface_t *s;
	double tr[6], x = 112, y = 12;
	int rgb[3];

	(void)state;
	test_ctx_init(&t);
	m = make(&t);
	assert_int_equal(hm_render_png_buffer(&png, &len, t.ctx, m), 0);
	assert_true(len > 1000);
	assert_memory_equal(png, "\x89PNG", 4);
	s = test_png_decode(png, len);
	assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	assert_int_equal(cairo_image_surface_get_width(s), 1200);
	assert_int_equal(cairo_image_surface_get_height(s), 900);
	cairo_surface_flush(s);
	/* the centre of every symbol has the symbol's colour: red dominant */
	for (size_t i = 0; i < hm_map_site_count(m); i++) {
		const hm_map_site *st = hm_map_site_at(m, i);
		pixel(s, st->x, st->y, rgb);
		if (!(rgb[0] > rgb[1] + 60 && rgb[0] > rgb[2] + 60))
			fail_msg("%s at (%.0f, %.0f): rgb %d %d %d", st->name, st->x, st->y, rgb[0],
				 rgb[1], rgb[2]);
	}
	/* open sea in the South China Sea is the sea colour (#d4e5ef) */
	hm_proj_fwd(hm_map_proj(m), &x, &y, 1);
	hm_map_transform(m, tr);
	pixel(s, tr[0] * x + tr[2], tr[4] * y + tr[5], rgb);
	assert_true(abs(rgb[0] - 0xd4) <= 2 && abs(rgb[1] - 0xe5) <= 2 && abs(rgb[2] - 0xef) <= 2);
	/* outside the frame: white paper */
	pixel(s, 2, 2, rgb);
	assert_true(rgb[0] == 255 && rgb[1] == 255 && rgb[2] == 255);
	cairo_surface_destroy(s);
	free(png);
	hm_map_free(m);
	test_ctx_fini(&t);
}

static cairo_surface_t *decode(const unsigned char *png, size_t len)
{
	cairo_surface_t *s = test_png_decode(png, len);

	assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	return s;
}

/* A PNG drawn and deflated in bands on several threads (one zlib stream in
 * pieces) decodes, with libpng inside Cairo, to the picture drawn in one:
 * only antialiased edge pixels may differ, by a few levels (Cairo's 4x4
 * rasteriser aligns its samples to what it is given to draw, which a band
 * changes): at most 0.1% of the pixels, by at most 48 of 255 levels. A lost
 * or stale band would differ in thousands of pixels by far more. The file
 * carries the map's dpi. */
static void test_png_bands(void **state)
{
	test_ctx t;
	hm_map *m;
	unsigned char *png[3] = {NULL};
	size_t len[3] = {0};
	static const int threads[3] = {1, 2, 5};
	cairo_surface_t *s[3];

	(void)state;
	test_ctx_init(&t);
	m = make(&t);
	for (int k = 0; k < 3; k++) {
		hm_ctx_set_threads(t.ctx, threads[k]);
		assert_int_equal(hm_ctx_threads(t.ctx), threads[k]);
		assert_int_equal(hm_render_png_buffer(&png[k], &len[k], t.ctx, m), 0);
		s[k] = decode(png[k], len[k]);
		/* pHYs: 150 dpi = 5906 pixels per metre */
		{
			const unsigned char *p = memmem(png[k], len[k], "pHYs", 4);
			assert_non_null(p);
			assert_int_equal((p[4] << 24) | (p[5] << 16) | (p[6] << 8) | p[7], 5906);
		}
	}
	for (int k = 1; k < 3; k++) {
		size_t differ = 0;
		int worst = 0;
		assert_int_equal(cairo_image_surface_get_width(s[k]), 1200);
		assert_int_equal(cairo_image_surface_get_height(s[k]), 900);
		for (int y = 0; y < 900; y++)
			for (int x = 0; x < 1200; x++) {
				int a[3], b[3], d = 0;
				pixel(s[0], x, y, a);
				pixel(s[k], x, y, b);
				for (int c = 0; c < 3; c++)
					d = abs(a[c] - b[c]) > d ? abs(a[c] - b[c]) : d;
				differ += d > 0;
				worst = d > worst ? d : worst;
			}
		if (differ > 1080 || worst > 48)
			fail_msg("%d threads: %zu pixels differ from one thread's, by up to %d",
				 threads[k], differ, worst);
	}
	hm_ctx_set_threads(t.ctx, 1);
	assert_int_equal(hm_ctx_threads(t.ctx), 1);
	for (int k = 0; k < 3; k++) {
		cairo_surface_destroy(s[k]);
		free(png[k]);
	}
	hm_map_free(m);
	test_ctx_fini(&t);
}

/* The same map makes the same file, byte for byte, however its bands fall
 * to threads and whatever the threads deflated before (another map in
 * between): a map regenerated from an unchanged CSV must not look changed. */
static void test_png_same_bytes(void **state)
{
	static const int threads[] = {1, 2, 5, 2, 1, 3};
	test_ctx t;
	hm_map *m, *other;
	hm_map_opts o = HM_MAP_OPTS_INIT;
	hm_sites *s = NULL;
	unsigned char *first = NULL;
	size_t first_len = 0;

	(void)state;
	test_ctx_init(&t);
	m = make(&t);
	o.shapes = SHAPES110;
	o.width = 1000;
	o.height = 1400;
	o.dpi = 200;
	assert_int_equal(
		hm_sites_load_buffer(&s, t.ctx, sea_csv, sizeof(sea_csv) - 1, "u.csv", NULL), 0);
	assert_int_equal(hm_map_new(&other, t.ctx, s, &o), 0);
	hm_sites_free(s);
	for (size_t k = 0; k < sizeof(threads) / sizeof(threads[0]); k++) {
		unsigned char *png = NULL, *junk = NULL;
		size_t len = 0, junk_len = 0;
		hm_ctx_set_threads(t.ctx, threads[k]);
		assert_int_equal(hm_render_png_buffer(&png, &len, t.ctx, m), 0);
		if (!first) {
			first = png;
			first_len = len;
		} else {
			if (len != first_len || memcmp(png, first, len) != 0)
				fail_msg("render %zu (%d threads): %zu bytes, not the first's %zu",
					 k, threads[k], len, first_len);
			free(png);
		}
		assert_int_equal(hm_render_png_buffer(&junk, &junk_len, t.ctx, other), 0);
		free(junk);
	}
	hm_ctx_set_threads(t.ctx, 1);
	free(first);
	hm_map_free(other);
	hm_map_free(m);
	test_ctx_fini(&t);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void test_vector_deterministic(void **state)
{
	static const char *names[] = {"det.svg", "det.pdf"};
	static const char *magic[] = {"<?xml", "%PDF"};

	(void)state;
	for (int k = 0; k < 2; k++) {
		char path[512];
		const char *outs[1];
		char *a, *b;
		size_t la, lb;
		test_ctx t;
		hm_map *m;

		test_ctx_init(&t);
		test_tmp_path(path, sizeof(path), names[k]);
		outs[0] = path;
		m = make(&t);
		assert_int_equal(hm_render_write(t.ctx, m, outs, 1, NULL), 0);
		hm_map_free(m);
		a = slurp(path, &la);
		m = make(&t);
		assert_int_equal(hm_render_write(t.ctx, m, outs, 1, NULL), 0);
		hm_map_free(m);
		b = slurp(path, &lb);
		assert_non_null(a);
		assert_non_null(b);
		assert_memory_equal(a, magic[k], strlen(magic[k]));
		assert_int_equal(la, lb);
		assert_memory_equal(a, b, la);
		free(a);
		free(b);
		remove(path);
		test_ctx_fini(&t);
	}
}

static size_t count_temp_files(void)
{
	DIR *d = opendir(HM_TEST_TMP);
	struct dirent *e;
	size_t n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		if (strstr(e->d_name, ".hotmap-"))
			n++;
	closedir(d);
	return n;
}

/* One output cannot be written: no output replaces its old version. */
static void test_all_or_nothing(void **state)
{
	char png[512], man[512];
	const char *outs[2];
	size_t len;
	char *back;
	test_ctx t;
	hm_map *m;

	(void)state;
	test_ctx_init(&t);
	test_tmp_path(png, sizeof(png), "keep.png");
	test_tmp_path(man, sizeof(man), "keep.json");
	assert_int_equal(test_write_file(png, "previous", 8), 0);
	assert_int_equal(test_write_file(man, "previous", 8), 0);
	outs[0] = png;
	outs[1] = HM_TEST_TMP "/no/such/folder/x.svg";
	m = make(&t);
	assert_int_equal(hm_render_write(t.ctx, m, outs, 2, man), HM_EIO);
	assert_non_null(strstr(hm_ctx_errmsg(t.ctx), "no/such/folder/x.svg"));
	back = slurp(png, &len);
	assert_int_equal(len, 8);
	assert_memory_equal(back, "previous", 8);
	free(back);
	back = slurp(man, &len);
	assert_int_equal(len, 8);
	free(back);
	assert_int_equal(count_temp_files(), 0);
	/* an unknown format is refused before anything is drawn */
	outs[1] = HM_TEST_TMP "/x.gif";
	assert_int_equal(hm_render_write(t.ctx, m, outs, 2, NULL), HM_EUSAGE);
	back = slurp(png, &len);
	assert_int_equal(len, 8);
	free(back);
	/* and when all succeed, all are replaced */
	assert_int_equal(hm_render_write(t.ctx, m, outs, 1, man), 0);
	back = slurp(png, &len);
	assert_memory_equal(back, "\x89PNG", 4);
	free(back);
	back = slurp(man, &len);
	assert_memory_equal(back, "{", 1);
	free(back);
	assert_int_equal(count_temp_files(), 0);
	remove(png);
	remove(man);
	hm_map_free(m);
	test_ctx_fini(&t);
}

static void test_formats(void **state)
{
	(void)state;
	assert_int_equal(hm_format_from_path("a/b.png"), HM_FORMAT_PNG);
	assert_int_equal(hm_format_from_path("B.PNG"), HM_FORMAT_PNG);
	assert_int_equal(hm_format_from_path("x.svg"), HM_FORMAT_SVG);
	assert_int_equal(hm_format_from_path("x.pdf"), HM_FORMAT_PDF);
	assert_int_equal(hm_format_from_path("x.gif"), HM_FORMAT_UNKNOWN);
	assert_int_equal(hm_format_from_path("png"), HM_FORMAT_UNKNOWN);
	assert_int_equal(hm_format_from_path("a.png/x"), HM_FORMAT_UNKNOWN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_png_pixels),     cmocka_unit_test(test_png_bands),
		cmocka_unit_test(test_png_same_bytes), cmocka_unit_test(test_vector_deterministic),
		cmocka_unit_test(test_all_or_nothing), cmocka_unit_test(test_formats),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
