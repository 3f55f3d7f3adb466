/* Styles: default.ini equals the built-in look, the shipped styles load,
 * every kind of bad input names its file and line, values parse. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testutil.h"

#include <hotmap/style.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

/* 8-bit colours: "#ffffffe6" is 0.902, the default's 0.9 */
#define COLOR_TOL (1.0 / 255 + 1e-9)
#define LEN_TOL 1e-9

/* <repo>/styles/NAME, from HM_TEST_SHAPES_DIR = <repo>/shapes */
static void style_path(char *buf, size_t cap, const char *name)
{
	const char *shapes = HM_TEST_SHAPES_DIR;
	size_t n = strlen(shapes);

	assert_true(n >= 6 && strcmp(shapes + n - 6, "shapes") == 0);
	snprintf(buf, cap, "%.*sstyles/%s", (int)(n - 6), shapes, name);
}

static int color_eq(hm_color a, hm_color b)
{
	return fabs(a.r - b.r) <= COLOR_TOL && fabs(a.g - b.g) <= COLOR_TOL &&
	       fabs(a.b - b.b) <= COLOR_TOL && fabs(a.a - b.a) <= COLOR_TOL;
}

#define EXPECT_COLOR(field)                                                                        \
	do {                                                                                       \
		if (!color_eq(got->field, want->field))                                            \
			fail_msg(#field ": got %.4f %.4f %.4f %.4f, want %.4f "                    \
					"%.4f %.4f %.4f",                                          \
				 got->field.r, got->field.g, got->field.b, got->field.a,           \
				 want->field.r, want->field.g, want->field.b, want->field.a);      \
	} while (0)

#define EXPECT_NUM(field)                                                                          \
	do {                                                                                       \
		if (fabs((double)got->field - (double)want->field) > LEN_TOL)                      \
			fail_msg(#field ": got %g, want %g", (double)got->field,                   \
				 (double)want->field);                                             \
	} while (0)

/* Every field of hm_style; a field added to the struct must be added here. */
static void expect_style_eq(const hm_style *got, const hm_style *want)
{
	EXPECT_COLOR(paper);
	EXPECT_COLOR(sea);
	EXPECT_COLOR(land);
	EXPECT_COLOR(highlight);
	EXPECT_COLOR(border);
	EXPECT_COLOR(frame);
	EXPECT_NUM(border_pt);
	EXPECT_NUM(frame_pt);
	EXPECT_NUM(margin_mm);
	EXPECT_COLOR(symbol_fill);
	EXPECT_COLOR(symbol_line);
	EXPECT_NUM(symbol_line_pt);
	EXPECT_NUM(r_max_mm);
	EXPECT_NUM(scaling);
	EXPECT_NUM(ncategories);
	for (int i = 0; i < want->ncategories; i++)
		EXPECT_COLOR(categories[i]);
	assert_string_equal(got->font, want->font);
	EXPECT_COLOR(text);
	EXPECT_COLOR(text_muted);
	EXPECT_COLOR(halo);
	EXPECT_COLOR(country_text);
	EXPECT_NUM(title_pt);
	EXPECT_NUM(subtitle_pt);
	EXPECT_NUM(source_pt);
	EXPECT_NUM(legend_pt);
	EXPECT_NUM(label_pt);
	EXPECT_NUM(country_label_pt);
	EXPECT_NUM(halo_pt);
	EXPECT_NUM(country_letter_spacing);
	EXPECT_NUM(country_labels_upper);
	EXPECT_NUM(scalebar);
	EXPECT_NUM(scalebar_units);
	EXPECT_NUM(graticule);
	EXPECT_NUM(graticule_step);
	EXPECT_COLOR(graticule_color);
	EXPECT_NUM(graticule_pt);
	EXPECT_NUM(north_arrow);
	EXPECT_NUM(nlayers);
}

/* The values the lead specified, i.e. today's look in src/map.c. */
static void test_init_values(void **state)
{
	hm_style s;
	hm_color c;

	(void)state;
	hm_style_init(&s);
	assert_int_equal(hm_color_parse(&c, "#c72e1f"), 0);
	c.a = 0.62;
	assert_true(color_eq(s.symbol_fill, c));
	assert_true(fabs(s.sea.g - 0xe5 / 255.0) < 1e-12);
	assert_true(s.margin_mm == 4 && s.r_max_mm == 5);
	assert_true(s.border_pt == 0.45 && s.frame_pt == 0.6);
	assert_int_equal(s.ncategories, 8);
	assert_string_equal(s.font, "Noto Sans");
	assert_true(s.halo.a == 0.9 && s.halo_pt == 1.5);
	assert_int_equal(s.north_arrow, -1);
	assert_int_equal(s.scalebar, -1);
	assert_int_equal(s.graticule, 0);
	assert_int_equal(s.nlayers, 0);
}

static void test_default_ini_is_init(void **state)
{
	char path[1024];
	hm_style want, got;
	test_ctx t;

	(void)state;
	test_ctx_init(&t);
	style_path(path, sizeof(path), "default.ini");
	hm_style_init(&want);
	memset(&got, 0x55, sizeof(got));
	if (hm_style_load(&got, t.ctx, path) != 0)
		fail_msg("%s", hm_ctx_errmsg(t.ctx));
	expect_style_eq(&got, &want);
	test_ctx_fini(&t);
}

/* CIE L* of a colour (0 black .. 100 white). */
static double lstar(hm_color c)
{
	double v[3] = {c.r, c.g, c.b}, y;

	for (int i = 0; i < 3; i++)
		v[i] = v[i] <= 0.04045 ? v[i] / 12.92 : pow((v[i] + 0.055) / 1.055, 2.4);
	y = 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
	return y > 0.008856 ? 116 * cbrt(y) - 16 : 903.3 * y;
}

static void test_shipped_styles_load(void **state)
{
	static const char *const names[] = {"default.ini", "print.ini", "dark.ini",
					    "colorblind.ini"};
	char path[1024];
	test_ctx t;

	(void)state;
	test_ctx_init(&t);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		hm_style s;
		style_path(path, sizeof(path), names[i]);
		if (hm_style_load(&s, t.ctx, path) != 0)
			fail_msg("%s", hm_ctx_errmsg(t.ctx));
		assert_int_equal(s.nlayers, 0);
		assert_true(s.ncategories >= 1);
		if (strcmp(names[i], "print.ini") == 0) {
			/* greyscale: land, highlight, sea 10 L* apart; the
			 * circles darker than all three */
			double land = lstar(s.land), hl = lstar(s.highlight), sea = lstar(s.sea),
			       sym = lstar(s.symbol_fill);
			assert_true(land - hl >= 10 && hl - sea >= 10);
			assert_true(sea - sym >= 25);
			assert_true(lstar(s.symbol_line) < 20);
			assert_true(lstar(s.text) < 1);
		}
		if (strcmp(names[i], "dark.ini") == 0) {
			assert_true(lstar(s.sea) < 25 && lstar(s.land) < 25);
			assert_true(lstar(s.text) > 85);
			assert_true(lstar(s.halo) < 25);
		}
	}
	test_ctx_fini(&t);
}

typedef struct {
	const char *text;
	const char *msg; /* the whole message, NULL: loads */
} bad_case;

static void test_bad_inputs(void **state)
{
	static const bad_case cases[] = {
		{"[map]\nsea = #abc\n", NULL},
		{"[map]\n[colours]\nsea = #fff\n",
		 "t.ini:2: unknown section [colours] (known: map, symbols, text, "
		 "scalebar, graticule, north-arrow, layer NAME)"},
		{"[symbol]\n", "t.ini:1: unknown section [symbol]; did you mean [symbols]?"},
		{"[map] junk\n", "t.ini:1: unexpected text after \"[map]\""},
		{"[map]\nsea = #fff\n\n[symbols]\nfil = red\n",
		 "t.ini:5: unknown key \"fil\" in [symbols]; did you mean \"fill\"?"},
		{"[map]\nfont = Arial\n",
		 "t.ini:2: unknown key \"font\" in [map]; it belongs in [text]"},
		{"[map]\nzzzzzz = 1\n", "t.ini:2: unknown key \"zzzzzz\" in [map]"},
		{"[layer r]\nfile = r.shp\nstrok = red\n",
		 "t.ini:3: unknown key \"strok\" in [layer r]; did you mean \"stroke\"?"},
		{"sea = #fff\n", "t.ini:1: key \"sea\" before any section; put it under [map]"},
		{"[symbols]\nfill = #ggg\n", "t.ini:2: \"#ggg\" is not a colour (#rrggbb)"},
		{"[symbols]\nfill = #c72e1f # red\n",
		 "t.ini:2: \"#c72e1f # red\" is not a colour (#rrggbb)"},
		{"[symbols]\nfill =\n", "t.ini:2: fill has no value"},
		{"[map]\nborder-width = 2cm\n",
		 "t.ini:2: \"2cm\" is not a length (e.g. 0.5pt, 2mm)"},
		{"[map]\nborder-width = -1pt\n",
		 "t.ini:2: border-width \"-1pt\" must not be negative"},
		{"[text]\ntitle-size = 0\n", "t.ini:2: title-size \"0\" must be more than 0"},
		{"[text]\ntitle-size = 300pt\n",
		 "t.ini:2: title-size \"300pt\" must be less than 200pt"},
		{"[symbols]\nmax-radius = 60mm\n",
		 "t.ini:2: max-radius \"60mm\" must be less than 50mm"},
		{"[symbols]\nscaling = log\n", "t.ini:2: scaling \"log\" must be area or flannery"},
		{"[scalebar]\nunits = miles\n", "t.ini:2: units \"miles\" must be km, km+mi or mi"},
		{"[scalebar]\nshow = maybe\n", "t.ini:2: show \"maybe\" must be yes, no or auto"},
		{"[north-arrow]\nshow = sometimes\n",
		 "t.ini:2: show \"sometimes\" must be yes, no or auto"},
		{"[graticule]\nstep = 100\n",
		 "t.ini:2: step \"100\" must be between 0 and 90 degrees"},
		{"[text]\ncountry-spacing = wide\n",
		 "t.ini:2: country-spacing \"wide\" is not a number"},
		{"[map]\n\n[layer rivers]\nstroke = #00f\n",
		 "t.ini:3: [layer rivers] needs a file"},
		{"[layer rivers]\nfile = r.shp\n",
		 "t.ini:1: [layer rivers] draws nothing: set a fill, or a stroke "
		 "and a width above 0"},
		{"[layer rivers]\nfile = r.shp\nstroke = red\nwidth = 0\n",
		 "t.ini:1: [layer rivers] draws nothing: set a fill, or a stroke "
		 "and a width above 0"},
		{"[layer]\n", "t.ini:1: a layer needs a name: [layer NAME]"},
		{"[layer a]\nfile = a.shp\nfill = red\n[layer A]\n",
		 "t.ini:4: duplicate [layer A] (first on line 1)"},
		{"[layer a]\nfile=a.shp\nfill=red\n[layer b]\nfile=b.shp\nfill=red\n"
		 "[layer c]\nfile=c.shp\nfill=red\n[layer d]\nfile=d.shp\nfill=red\n"
		 "[layer e]\nfile=e.shp\nfill=red\n[layer f]\nfile=f.shp\nfill=red\n"
		 "[layer g]\nfile=g.shp\nfill=red\n[layer h]\nfile=h.shp\nfill=red\n"
		 "[layer i]\nfile=i.shp\nfill=red\n",
		 "t.ini:25: too many layers (at most 8)"},
		{"[symbols]\ncategories = red, red, red, red, red, red, red, red, "
		 "red, red, red, red\n",
		 NULL},
		{"[symbols]\ncategories = red, red, red, red, red, red, red, red, "
		 "red, red, red, red, red\n",
		 "t.ini:2: too many categories (13; at most 12)"},
		{"[symbols]\ncategories = red, , red\n", "t.ini:2: \"\" is not a colour (#rrggbb)"},
		{"[symbols]\ncategories = red, #12345g\n",
		 "t.ini:2: \"#12345g\" is not a colour (#rrggbb)"},
		{"[map]\nsea #fff\n", "t.ini:2: expected \"key = value\" or \"[section]\""},
		{"[map\nsea = #fff\n", "t.ini:1: expected \"key = value\" or \"[section]\""},
		/* the first error wins: inih's on line 2, ours on line 3 */
		{"[map]\nbad line\nsea = #ggg\n",
		 "t.ini:2: expected \"key = value\" or \"[section]\""},
		{"[map]\nsea = #ggg\nbad line\n", "t.ini:2: \"#ggg\" is not a colour (#rrggbb)"},
		{"[text]\nfont = "
		 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		 "xxxxxxxxxxxxxxxxxx"
		 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		 "xxxxxxxxxxxxxxxxxx\n",
		 "t.ini:2: line longer than 197 characters"},
		{"[text]\nfont = "
		 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		 "xxxxxxxxxxxxxxxxxx"
		 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n",
		 "t.ini:2: font name longer than 127 bytes"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const bad_case *c = &cases[i];
		test_ctx t;
		hm_style s;
		int rc;

		test_ctx_init(&t);
		hm_style_init(&s);
		s.title_pt = 99; /* untouched on error */
		rc = hm_style_load_buffer(&s, t.ctx, c->text, "t.ini", NULL);
		if (!c->msg) {
			if (rc != 0)
				fail_msg("case %zu: %s", i, hm_ctx_errmsg(t.ctx));
		} else {
			if (rc != HM_EDATA || strcmp(hm_ctx_errmsg(t.ctx), c->msg))
				fail_msg("case %zu: rc %d\n got: %s\nwant: %s", i, rc,
					 hm_ctx_errmsg(t.ctx), c->msg);
			assert_true(s.title_pt == 99);
		}
		test_ctx_fini(&t);
	}
}

typedef struct {
	const char *text;
	int ok;
	double r, g, b, a;
} color_case;

static void test_color_parse(void **state)
{
	static const color_case cases[] = {
		{"#ffffff", 1, 1, 1, 1, 1},
		{"#000", 1, 0, 0, 0, 1},
		{"#f80", 1, 1, 0x88 / 255.0, 0, 1},
		{"#D4E5EF", 1, 0xd4 / 255.0, 0xe5 / 255.0, 0xef / 255.0, 1},
		{"#c72e1f9e", 1, 0xc7 / 255.0, 0x2e / 255.0, 0x1f / 255.0, 0x9e / 255.0},
		{"#00000000", 1, 0, 0, 0, 0},
		{"black", 1, 0, 0, 0, 1},
		{"White", 1, 1, 1, 1, 1},
		{"gray", 1, 128 / 255.0, 128 / 255.0, 128 / 255.0, 1},
		{"GREY", 1, 128 / 255.0, 128 / 255.0, 128 / 255.0, 1},
		{"red", 1, 1, 0, 0, 1},
		{"none", 1, 0, 0, 0, 0},
		{"", 0, 0, 0, 0, 0},
		{"#", 0, 0, 0, 0, 0},
		{"#ggg", 0, 0, 0, 0, 0},
		{"#ffff", 0, 0, 0, 0, 0},
		{"#fffffff", 0, 0, 0, 0, 0},
		{"#fffffffff", 0, 0, 0, 0, 0},
		{"ffffff", 0, 0, 0, 0, 0},
		{"blue", 0, 0, 0, 0, 0},
		{"#fff ", 0, 0, 0, 0, 0},
		{"rgb(1,2,3)", 0, 0, 0, 0, 0},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const color_case *c = &cases[i];
		hm_color got = {-1, -1, -1, -1}, want = {c->r, c->g, c->b, c->a};
		int ok = hm_color_parse(&got, c->text) == 0;
		if (ok != c->ok || (ok && !color_eq(got, want)))
			fail_msg("\"%s\": ok %d (%g %g %g %g), want ok %d", c->text, ok, got.r,
				 got.g, got.b, got.a, c->ok);
	}
	assert_int_equal(hm_color_parse(&(hm_color){0}, NULL), -1);
}

typedef struct {
	const char *text;
	int ok;
	double pt;
} length_case;

static void test_length_parse(void **state)
{
	static const length_case cases[] = {
		{"0.5pt", 1, 0.5},
		{"1.5", 1, 1.5},
		{"2mm", 1, 2 * 72 / 25.4},
		{"25.4mm", 1, 72},
		{"2 mm", 1, 2 * 72 / 25.4},
		{"3PT", 1, 3},
		{"0", 1, 0},
		{".5pt", 1, 0.5},
		{"10.", 1, 10},
		{"+1pt", 1, 1},
		{"-1pt", 0, 0},
		{"", 0, 0},
		{"pt", 0, 0},
		{"2cm", 0, 0},
		{"2in", 0, 0},
		{"1e3", 0, 0},
		{"nan", 0, 0},
		{"inf", 0, 0},
		{"0x10", 0, 0},
		{"1,5", 0, 0},
		{"1.2.3", 0, 0},
		{"2mmm", 0, 0},
		{"2 pt x", 0, 0},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const length_case *c = &cases[i];
		double v = -1;
		int ok = hm_length_parse(&v, c->text) == 0;
		if (ok != c->ok || (ok && fabs(v - c->pt) > 1e-9))
			fail_msg("\"%s\": ok %d v %g, want ok %d v %g", c->text, ok, v, c->ok,
				 c->pt);
	}
}

/* Every key in a loaded file reaches its field. */
static void test_values_reach_fields(void **state)
{
	static const char text[] = "[map]\nmargin = 10pt\nborder-width = 1mm\n"
				   "[symbols]\nmax-radius = 7.5mm\nscaling = flannery\n"
				   "categories = #111, #222222\n"
				   "[text]\nfont = DejaVu Serif\ncountry-spacing = 0.2em\n"
				   "country-upper = off\ntitle-size = 20\n"
				   "[scalebar]\nshow = false\nunits = km+mi\n"
				   "[graticule]\nshow = on\nstep = 2.5\n"
				   "[north-arrow]\nshow = yes\n";
	test_ctx t;
	hm_style s;

	(void)state;
	test_ctx_init(&t);
	if (hm_style_load_buffer(&s, t.ctx, text, "t.ini", NULL) != 0)
		fail_msg("%s", hm_ctx_errmsg(t.ctx));
	assert_true(fabs(s.margin_mm - 10 * 25.4 / 72) < 1e-9);
	assert_true(fabs(s.border_pt - 72 / 25.4) < 1e-9);
	assert_true(fabs(s.r_max_mm - 7.5) < 1e-9);
	assert_int_equal(s.scaling, HM_SCALING_FLANNERY);
	assert_int_equal(s.ncategories, 2);
	assert_true(fabs(s.categories[1].r - 0x22 / 255.0) < 1e-9);
	assert_string_equal(s.font, "DejaVu Serif");
	assert_true(fabs(s.country_letter_spacing - 0.2) < 1e-9);
	assert_int_equal(s.country_labels_upper, 0);
	assert_true(s.title_pt == 20);
	assert_int_equal(s.scalebar, 0);
	assert_int_equal(s.scalebar_units, HM_UNITS_KM_MI);
	assert_int_equal(s.graticule, 1);
	assert_true(s.graticule_step == 2.5);
	assert_int_equal(s.north_arrow, 1);
	/* a key left out keeps its default */
	assert_true(s.frame_pt == 0.6);
	test_ctx_fini(&t);
}

static void test_case_and_layout(void **state)
{
	/* BOM, CRLF, indented keys (not inih continuation lines), upper-case
	 * sections and keys, ':' separators, ';' comments after values */
	static const char text[] = "\xEF\xBB\xBF; a comment\r\n"
				   "# another\r\n"
				   "[ MAP ]\r\n"
				   "  SEA = #000 ; black\r\n"
				   "\tLand: WHITE\r\n"
				   "[Symbols]\r\n"
				   "Line-Width = 2PT\r\n"
				   "[LAYER Lakes]\r\n"
				   "FILE = lakes.shp\r\n"
				   "Fill = #00f\r\n"
				   "Above-Borders = YES\r\n";
	test_ctx t;
	hm_style s;

	(void)state;
	test_ctx_init(&t);
	if (hm_style_load_buffer(&s, t.ctx, text, "t.ini", NULL) != 0)
		fail_msg("%s", hm_ctx_errmsg(t.ctx));
	assert_true(s.sea.r == 0 && s.sea.a == 1);
	assert_true(s.land.r == 1);
	assert_true(s.symbol_line_pt == 2);
	assert_int_equal(s.nlayers, 1);
	assert_string_equal(s.layers[0].name, "Lakes");
	assert_string_equal(s.layers[0].path, "lakes.shp");
	assert_true(s.layers[0].fill.b == 1 && s.layers[0].stroke.a == 0);
	assert_true(s.layers[0].width_pt == 0.5);
	assert_int_equal(s.layers[0].above_borders, 1);
	test_ctx_fini(&t);
}

static void test_layer_paths(void **state)
{
	static const char text[] =
		"[layer rivers]\nfile = ne/rivers.shp\nstroke = #6f9fc0\nwidth = 0.4pt\n"
		"[layer lakes]\nfile = /data/lakes.shp\nfill = #d4e5ef\n";
	char dir[1024], path[1100];
	test_ctx t;
	hm_style s;

	(void)state;
	test_ctx_init(&t);
	assert_int_equal(hm_style_load_buffer(&s, t.ctx, text, "t.ini", "/srv/styles"), 0);
	assert_int_equal(s.nlayers, 2);
	assert_string_equal(s.layers[0].name, "rivers");
	assert_string_equal(s.layers[0].path, "/srv/styles/ne/rivers.shp");
	assert_true(fabs(s.layers[0].width_pt - 0.4) < 1e-9);
	assert_int_equal(s.layers[0].above_borders, 0);
	assert_string_equal(s.layers[1].path, "/data/lakes.shp");
	assert_int_equal(hm_style_load_buffer(&s, t.ctx, text, "t.ini", "rel/"), 0);
	assert_string_equal(s.layers[0].path, "rel/ne/rivers.shp");
	assert_int_equal(hm_style_load_buffer(&s, t.ctx, text, "t.ini", NULL), 0);
	assert_string_equal(s.layers[0].path, "ne/rivers.shp");

	/* from a file: relative to the file's folder */
	test_tmp_path(dir, sizeof(dir), "style.ini");
	assert_int_equal(test_write_file(dir, text, strlen(text)), 0);
	assert_int_equal(hm_style_load(&s, t.ctx, dir), 0);
	*strrchr(dir, '/') = '\0';
	snprintf(path, sizeof(path), "%s/ne/rivers.shp", dir);
	assert_string_equal(s.layers[0].path, path);
	test_ctx_fini(&t);
}

static void test_file_errors(void **state)
{
	char path[1024], want[1200];
	test_ctx t;
	hm_style s;
	int rc;

	(void)state;
	test_ctx_init(&t);
	rc = hm_style_load(&s, t.ctx, "/nonexistent/dir/missing.ini");
	assert_true(rc == HM_EDATA || rc == HM_EIO);
	assert_non_null(strstr(hm_ctx_errmsg(t.ctx), "/nonexistent/dir/missing.ini"));

	/* errors in a file name the path given */
	test_tmp_path(path, sizeof(path), "bad.ini");
	assert_int_equal(test_write_file(path, "[map]\n\nsea = #12\n", 17), 0);
	assert_int_equal(hm_style_load(&s, t.ctx, path), HM_EDATA);
	snprintf(want, sizeof(want), "%s:3: \"#12\" is not a colour (#rrggbb)", path);
	assert_string_equal(hm_ctx_errmsg(t.ctx), want);

	assert_int_equal(test_write_file(path, "[text]\nfont = \xff\n", 16), 0);
	assert_int_equal(hm_style_load(&s, t.ctx, path), HM_EDATA);
	snprintf(want, sizeof(want), "%s:2: not valid UTF-8", path);
	assert_string_equal(hm_ctx_errmsg(t.ctx), want);
	test_ctx_fini(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_values),
		cmocka_unit_test(test_default_ini_is_init),
		cmocka_unit_test(test_shipped_styles_load),
		cmocka_unit_test(test_bad_inputs),
		cmocka_unit_test(test_color_parse),
		cmocka_unit_test(test_length_parse),
		cmocka_unit_test(test_values_reach_fields),
		cmocka_unit_test(test_case_and_layout),
		cmocka_unit_test(test_layer_paths),
		cmocka_unit_test(test_file_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
