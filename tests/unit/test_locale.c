/* Numbers in every locale: a host program that sets LC_ALL or LC_NUMERIC to
 * a locale with a decimal comma (de_DE.UTF-8) gets the same parsed styles,
 * CSV values, extents and CRSs, and the same manifest bytes, as in "C"; and
 * the library leaves the caller's locale as it found it. The locale must be
 * installed (./build.sh test does it): without it this test fails. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testutil.h"
#include "text.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SITES_CSV HM_TEST_SHAPES_DIR "/../examples/sites.csv"
#define DE "de_DE.UTF-8"

/* Everything that goes through the library's number parsing and printing. */
typedef struct {
	double border_pt, margin_mm, length_pt;
	double lat, lon, value, grouped;
	hm_bbox box;
	char crs_auto[512];
	double lon0_given;
	char value_text[64];
	char *manifest;	     /* hm_manifest_buffer */
	char *manifest_file; /* the file hm_render_write wrote */
	int kept;	     /* 1 if the caller's locale was in force after the calls */
} results;

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void parse_all(results *r, test_ctx *t)
{
	static const char style[] = "[map]\nborder-width = 0.45pt\nmargin = 4.5mm\n";
	static const char csv[] =
		"name,lat,lon,value\nA,16.5,98.25,10.5\nB,\"16,25\",98.5,\"1,000\"\n";
	hm_style st;
	hm_sites *s = NULL;
	hm_proj *p = NULL;

	hm_style_init(&st);
	assert_int_equal(hm_style_load_buffer(&st, t->ctx, style, "s.ini", NULL), 0);
	r->border_pt = st.border_pt;
	r->margin_mm = st.margin_mm;
	assert_int_equal(hm_length_parse(&r->length_pt, "1.5mm"), 0);
	assert_int_equal(hm_sites_load_buffer(&s, t->ctx, csv, strlen(csv), "t.csv", NULL), 0);
	assert_int_equal(s->count, 2);
	r->lat = s->items[0].lat;
	r->lon = s->items[0].lon;
	r->value = s->items[0].value;
	r->grouped = s->items[1].value;
	hm_sites_free(s);
	assert_int_equal(hm_bbox_parse(&r->box, t->ctx, "92.5,4.25,127.5,28.75"), 0);
	assert_int_equal(hm_proj_new(&p, t->ctx, NULL, &r->box), 0);
	snprintf(r->crs_auto, sizeof(r->crs_auto), "%s", hm_proj_definition(p));
	hm_proj_free(p);
	assert_int_equal(hm_proj_new(&p, t->ctx,
				     "+proj=lcc +lat_0=16.5 +lon_0=100.5 +lat_1=10.5 +lat_2=22.5 "
				     "+datum=WGS84 +units=m",
				     &r->box),
			 0);
	r->lon0_given = hm_proj_central_lon(p);
	hm_proj_free(p);
	hm_format_value(r->value_text, sizeof(r->value_text), 2.5);
}

static void map_all(results *r, test_ctx *t, const char *tag)
{
	hm_sites *s = NULL;
	hm_map *m = NULL;
	hm_map_opts o = HM_MAP_OPTS_INIT;
	char path[512];
	size_t len;

	assert_int_equal(hm_sites_load(&s, t->ctx, SITES_CSV, NULL), 0);
	assert_int_equal(hm_map_new(&m, t->ctx, s, &o), 0);
	assert_int_equal(hm_manifest_buffer(&r->manifest, &len, t->ctx, m), 0);
	test_tmp_path(path, sizeof(path), tag);
	assert_int_equal(hm_render_write(t->ctx, m, NULL, 0, path), 0);
	r->manifest_file = read_all(path);
	remove(path);
	hm_map_free(m);
	hm_sites_free(s);
}

static void run_all(results *r, const char *tag)
{
	test_ctx t;

	memset(r, 0, sizeof(*r));
	test_ctx_init(&t);
	parse_all(r, &t);
	map_all(r, &t, tag);
	test_ctx_fini(&t);
}

static void results_free(results *r)
{
	free(r->manifest);
	free(r->manifest_file);
}

/* The first line where a and b differ, for the failure message. */
static void assert_same_text(const char *what, const char *a, const char *b)
{
	size_t line = 1, i = 0;

	while (a[i] && a[i] == b[i]) {
		if (a[i] == '\n')
			line++;
		i++;
	}
	if (a[i] != b[i]) {
		size_t s = i;
		while (s > 0 && a[s - 1] != '\n')
			s--;
		fail_msg("%s: line %zu differs:\nC:  %.120s\nde: %.120s", what, line, a + s, b + s);
	}
}

/* A comma between two digits: a decimal comma (the CRS has no other). */
static int has_decimal_comma(const char *s)
{
	for (const char *c = strchr(s, ','); c; c = strchr(c + 1, ','))
		if (c > s && c[-1] >= '0' && c[-1] <= '9' && c[1] >= '0' && c[1] <= '9')
			return 1;
	return 0;
}

static void check_values(const results *c)
{
	assert_true(fabs(c->border_pt - 0.45) < 1e-12);
	assert_true(fabs(c->margin_mm - 4.5) < 1e-12);
	assert_true(fabs(c->length_pt - 1.5 * 72 / 25.4) < 1e-9);
	assert_true(c->lat == 16.5 && c->lon == 98.25 && c->value == 10.5);
	assert_true(c->grouped == 1000);
	assert_true(c->box.w == 92.5 && c->box.s == 4.25 && c->box.e == 127.5 && c->box.n == 28.75);
	assert_true(c->lon0_given == 100.5);
	assert_string_equal(c->value_text, "2.5");
	assert_false(has_decimal_comma(c->crs_auto));
}

static void compare(const results *c, const results *d)
{
	check_values(d);
	assert_true(d->border_pt == c->border_pt && d->margin_mm == c->margin_mm &&
		    d->length_pt == c->length_pt);
	assert_true(d->lat == c->lat && d->lon == c->lon && d->value == c->value);
	assert_string_equal(d->crs_auto, c->crs_auto);
	assert_same_text("manifest", c->manifest, d->manifest);
	assert_same_text("manifest file", c->manifest_file, d->manifest_file);
	assert_string_equal(d->manifest, d->manifest_file);
}

/* The locale is installed and has a decimal comma, or the test means nothing. */
static void set_de(int category)
{
	if (!setlocale(category, DE))
		fail_msg("locale %s is not installed (localedef -i de_DE -f UTF-8 %s)", DE, DE);
	assert_string_equal(localeconv()->decimal_point, ",");
}

static void test_lc_all(void **state)
{
	results c, d;

	(void)state;
	assert_non_null(setlocale(LC_ALL, "C"));
	run_all(&c, "c.json");
	check_values(&c);
	set_de(LC_ALL);
	run_all(&d, "de.json");
	/* the library gave the caller's locale back */
	assert_string_equal(localeconv()->decimal_point, ",");
	assert_string_equal(setlocale(LC_NUMERIC, NULL), DE);
	setlocale(LC_ALL, "C");
	compare(&c, &d);
	results_free(&c);
	results_free(&d);
}

static void test_lc_numeric(void **state)
{
	results c, d;

	(void)state;
	assert_non_null(setlocale(LC_ALL, "C"));
	run_all(&c, "c2.json");
	set_de(LC_NUMERIC);
	run_all(&d, "de2.json");
	setlocale(LC_ALL, "C");
	compare(&c, &d);
	results_free(&c);
	results_free(&d);
}

/* A host program's thread with a locale of its own (uselocale), the
 * process's staying "C": the library gives that thread its locale back. */
static void test_thread_locale(void **state)
{
	results c, d;
	locale_t de, old;

	(void)state;
	assert_non_null(setlocale(LC_ALL, "C"));
	run_all(&c, "c3.json");
	de = newlocale(LC_ALL_MASK, DE, (locale_t)0);
	if (!de)
		fail_msg("locale %s is not installed", DE);
	old = uselocale(de);
	assert_string_equal(localeconv()->decimal_point, ",");
	run_all(&d, "de3.json");
	d.kept = uselocale((locale_t)0) == de;
	uselocale(old);
	freelocale(de);
	assert_true(d.kept);
	compare(&c, &d);
	results_free(&c);
	results_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lc_all),
		cmocka_unit_test(test_lc_numeric),
		cmocka_unit_test(test_thread_locale),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	hm_shutdown();
	return rc;
}
