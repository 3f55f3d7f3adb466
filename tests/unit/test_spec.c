/* Spec files of `hotmap build`: good specs parse into sections whose path
 * values are resolved against the spec's folder (output lists item by item,
 * absolute paths kept), and every kind of bad spec is rejected with exactly
 * "NAME:LINE: what is wrong". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testutil.h"

#include <hotmap/spec.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One expected key of a section: its value after resolution and its line. */
typedef struct {
	const char *key;
	const char *value;
	int line;
} want_entry;

typedef struct {
	hm_spec_kind kind;
	const char *name;
	int line;
	want_entry entries[12];
} want_section;

typedef struct {
	const char *what;
	const char *text;
	const char *dir;
	want_section sections[4];
} good_case;

static hm_spec *load_ok(test_ctx *t, const char *what, const char *text, const char *dir)
{
	hm_spec *spec = (hm_spec *)1;
	int rc = hm_spec_load_buffer(&spec, t->ctx, text, "t.ini", dir);

	if (rc != 0)
		fail_msg("%s: rejected (%d): %s", what, rc, hm_ctx_errmsg(t->ctx));
	assert_non_null(spec);
	return spec;
}

static void expect_sections(const char *what, const hm_spec *spec, const want_section *want)
{
	size_t nwant = 0;

	while (nwant < 4 && want[nwant].name)
		nwant++;
	if (spec->n != nwant)
		fail_msg("%s: %zu sections, want %zu", what, spec->n, nwant);
	for (size_t i = 0; i < nwant; i++) {
		const hm_spec_section *s = &spec->sections[i];
		const want_section *w = &want[i];
		size_t ne = 0;

		if (s->kind != w->kind || strcmp(s->name, w->name) != 0 || s->line != w->line)
			fail_msg("%s: section %zu is (%d, \"%s\", line %d), want (%d, \"%s\", "
				 "line %d)",
				 what, i, (int)s->kind, s->name, s->line, (int)w->kind, w->name,
				 w->line);
		while (ne < 12 && w->entries[ne].key)
			ne++;
		if (s->n != ne)
			fail_msg("%s: [%s] has %zu keys, want %zu", what, s->name, s->n, ne);
		for (size_t k = 0; k < ne; k++) {
			const hm_spec_entry *e = &s->entries[k];
			const want_entry *we = &w->entries[k];
			if (strcmp(e->key, we->key) != 0 || strcmp(e->value, we->value) != 0 ||
			    e->line != we->line)
				fail_msg("%s: [%s] key %zu is %s = \"%s\" (line %d), want %s = "
					 "\"%s\" (line %d)",
					 what, s->name, k, e->key, e->value, e->line, we->key,
					 we->value, we->line);
		}
	}
}

static void test_good_specs(void **state)
{
	static const good_case cases[] = {
		{"the DESIGN.md example",
		 "[map sea]\n"
		 "sites = sea.csv\n"
		 "output = out/sea.png, out/sea.svg\n"
		 "title = Scam-compound hotspots\n"
		 "\n"
		 "[batch countries]\n"
		 "sites = sea.csv\n"
		 "out-dir = out/countries\n",
		 "/data/reports",
		 {{HM_SPEC_MAP,
		   "sea",
		   1,
		   {{"sites", "/data/reports/sea.csv", 2},
		    {"output", "/data/reports/out/sea.png,/data/reports/out/sea.svg", 3},
		    {"title", "Scam-compound hotspots", 4}}},
		  {HM_SPEC_BATCH,
		   "countries",
		   6,
		   {{"sites", "/data/reports/sea.csv", 7},
		    {"out-dir", "/data/reports/out/countries", 8}}}}},
		{"absolute paths kept, relative ones resolved, item by item",
		 "[map a]\n"
		 "sites = /srv/data/a.csv\n"
		 "output = /srv/out/a.png,rel/a.svg ,  ../up/a.pdf\n"
		 "style = ../styles/print.ini\n"
		 "shapes = /usr/share/ne/ne_10m_admin_0_countries.shp\n",
		 "/home/u/maps",
		 {{HM_SPEC_MAP,
		   "a",
		   1,
		   {{"sites", "/srv/data/a.csv", 2},
		    {"output", "/srv/out/a.png,/home/u/maps/rel/a.svg,/home/u/maps/../up/a.pdf", 3},
		    {"style", "/home/u/maps/../styles/print.ini", 4},
		    {"shapes", "/usr/share/ne/ne_10m_admin_0_countries.shp", 5}}}}},
		{"empty items of an output list are dropped",
		 "[map a]\nsites = a.csv\noutput = a.png,, b.svg ,\n",
		 "/d",
		 {{HM_SPEC_MAP,
		   "a",
		   1,
		   {{"sites", "/d/a.csv", 2}, {"output", "/d/a.png,/d/b.svg", 3}}}}},
		{"no folder: relative to the current one",
		 "[map a]\nsites = a.csv\noutput = out/a.png\n",
		 NULL,
		 {{HM_SPEC_MAP, "a", 1, {{"sites", "./a.csv", 2}, {"output", "./out/a.png", 3}}}}},
		{"values that are not paths stay as written (commas too)",
		 "[batch c]\n"
		 "sites = s.csv\n"
		 "out-dir = maps\n"
		 "countries = MMR,KHM,LAO\n"
		 "format = png,svg,pdf\n"
		 "jobs = 2\n"
		 "manifest = yes\n"
		 "max-value = 7000\n"
		 "title = Hotspots, 2023\n"
		 "proj = +proj=utm +zone=47 +datum=WGS84\n"
		 "country = iso_a3\n",
		 "/w",
		 {{HM_SPEC_BATCH,
		   "c",
		   1,
		   {{"sites", "/w/s.csv", 2},
		    {"out-dir", "/w/maps", 3},
		    {"countries", "MMR,KHM,LAO", 4},
		    {"format", "png,svg,pdf", 5},
		    {"jobs", "2", 6},
		    {"manifest", "yes", 7},
		    {"max-value", "7000", 8},
		    {"title", "Hotspots, 2023", 9},
		    {"proj", "+proj=utm +zone=47 +datum=WGS84", 10},
		    {"country", "iso_a3", 11}}}}},
		{"BOM, CRLF, comments, indentation, case of kinds and keys",
		 "\xEF\xBB\xBF# maps of the report\r\n"
		 "; another comment\r\n"
		 "  [Map  sea-2.v_1]\r\n"
		 "  SITES = sea.csv\r\n"
		 "Output = sea.png\r\n"
		 "\r\n"
		 "[BATCH all]\r\n"
		 "Out-Dir = all\r\n"
		 "sites=sea.csv\r\n",
		 "/x",
		 {{HM_SPEC_MAP,
		   "sea-2.v_1",
		   3,
		   {{"sites", "/x/sea.csv", 4}, {"output", "/x/sea.png", 5}}},
		  {HM_SPEC_BATCH,
		   "all",
		   7,
		   {{"out-dir", "/x/all", 8}, {"sites", "/x/sea.csv", 9}}}}},
		{"inset may repeat",
		 "[map m]\nsites = s.csv\noutput = m.png\ninset = auto\ninset = "
		 "98.2,16.25,98.9,17.05\n",
		 "/x",
		 {{HM_SPEC_MAP,
		   "m",
		   1,
		   {{"sites", "/x/s.csv", 2},
		    {"output", "/x/m.png", 3},
		    {"inset", "auto", 4},
		    {"inset", "98.2,16.25,98.9,17.05", 5}}}}},
		{"a map with every kind of render option",
		 "[map myawaddy]\n"
		 "sites = sites.csv\n"
		 "output = ../out/m.png, ../out/m.pdf\n"
		 "extent = 98.2,16.25,98.9,17.05\n"
		 "size = 800x600\n"
		 "dpi = 100\n"
		 "locator = yes\n"
		 "strict = yes\n"
		 "plain = no\n"
		 "label = name_local\n"
		 "legend-title = Victims\n",
		 "examples",
		 {{HM_SPEC_MAP,
		   "myawaddy",
		   1,
		   {{"sites", "examples/sites.csv", 2},
		    {"output", "examples/../out/m.png,examples/../out/m.pdf", 3},
		    {"extent", "98.2,16.25,98.9,17.05", 4},
		    {"size", "800x600", 5},
		    {"dpi", "100", 6},
		    {"locator", "yes", 7},
		    {"strict", "yes", 8},
		    {"plain", "no", 9},
		    {"label", "name_local", 10},
		    {"legend-title", "Victims", 11}}}}},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		test_ctx t;
		hm_spec *spec;

		test_ctx_init(&t);
		spec = load_ok(&t, cases[i].what, cases[i].text, cases[i].dir);
		assert_string_equal(spec->path, "t.ini");
		assert_string_equal(spec->dir, cases[i].dir ? cases[i].dir : ".");
		expect_sections(cases[i].what, spec, cases[i].sections);
		hm_spec_free(spec);
		test_ctx_fini(&t);
	}
}

static void test_get_and_path_keys(void **state)
{
	test_ctx t;
	hm_spec *spec;
	static const char *const paths[] = {"sites", "style", "shapes", "output", "out-dir"};
	static const char *const not_paths[] = {"title",  "proj", "extent", "countries",
						"format", "jobs", "size",   "no-such-key"};

	(void)state;
	test_ctx_init(&t);
	spec = load_ok(&t, "get", "[map a]\nsites = a.csv\noutput = a.png\n", "/d");
	assert_string_equal(hm_spec_get(&spec->sections[0], "sites"), "/d/a.csv");
	assert_null(hm_spec_get(&spec->sections[0], "title"));
	assert_null(hm_spec_get(&spec->sections[0], "out-dir"));
	hm_spec_free(spec);
	hm_spec_free(NULL);
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		if (!hm_spec_key_is_path(paths[i]))
			fail_msg("\"%s\" should be a path key", paths[i]);
	for (size_t i = 0; i < sizeof(not_paths) / sizeof(not_paths[0]); i++)
		if (hm_spec_key_is_path(not_paths[i]))
			fail_msg("\"%s\" should not be a path key", not_paths[i]);
	test_ctx_fini(&t);
}

typedef struct {
	const char *text;
	const char *msg; /* the whole message */
} bad_case;

static void test_bad_specs(void **state)
{
	static const bad_case cases[] = {
		{"", "t.ini:1: no [map NAME] or [batch NAME] section"},
		{"# only a comment\n\n", "t.ini:1: no [map NAME] or [batch NAME] section"},
		{"sites = a.csv\n[map a]\noutput = a.png\n",
		 "t.ini:1: key \"sites\" outside a [map NAME] or [batch NAME] section"},
		{"# maps\n\n[maps sea]\nsites = a.csv\noutput = a.png\n",
		 "t.ini:3: unknown section [maps]; sections are [map NAME] and [batch NAME]"},
		{"[style]\nsea = #fff\n",
		 "t.ini:1: unknown section [style]; sections are [map NAME] and [batch NAME]"},
		{"[map]\nsites = a.csv\noutput = a.png\n",
		 "t.ini:1: [map] needs a name, e.g. [map sea]"},
		{"[batch ]\nsites = a.csv\nout-dir = d\n",
		 "t.ini:1: [batch] needs a name, e.g. [batch sea]"},
		{"[map sea\nsites = a.csv\n", "t.ini:1: a section header needs its closing ']'"},
		{"[map a/b]\nsites = a.csv\noutput = a.png\n",
		 "t.ini:1: section name \"a/b\": use letters, digits, '-', '_', '.'"},
		{"[map two words]\nsites = a.csv\noutput = a.png\n",
		 "t.ini:1: section name \"two words\": use letters, digits, '-', '_', '.'"},
		{"[map x]\nsites = a.csv\noutput = a.png\n\n[batch x]\nsites = a.csv\nout-dir = "
		 "d\n",
		 "t.ini:5: a second section named \"x\" (first on line 1)"},
		{"[map sea]\nsites = a.csv\noutput = a.png\ncolour = red\n",
		 "t.ini:4: unknown key \"colour\" in [map sea] (keys are the long options of "
		 "hotmap render)"},
		{"[batch all]\nsites = a.csv\nout-dir = d\n-j = 2\n",
		 "t.ini:4: unknown key \"-j\" in [batch all] (keys are the long options of "
		 "hotmap batch)"},
		{"[map a]\nsites = a.csv\noutput = a.png\nout-dir = d\n",
		 "t.ini:4: key \"out-dir\" is not for a [map] section"},
		{"[map a]\nsites = a.csv\noutput = a.png\ncountries = MMR\n",
		 "t.ini:4: key \"countries\" is not for a [map] section"},
		{"[batch b]\nsites = a.csv\nout-dir = d\noutput = x.png\n",
		 "t.ini:4: key \"output\" is not for a [batch] section"},
		{"[batch b]\nsites = a.csv\nout-dir = d\nextent = 1,2,3,4\n",
		 "t.ini:4: key \"extent\" is not for a [batch] section"},
		{"[map a]\nsites = a.csv\noutput = a.png\nsites = b.csv\n",
		 "t.ini:4: \"sites\" given twice in [a] (first on line 2)"},
		{"[map a]\nsites = a.csv\noutput = a.png\ntitle = T\n\ntitle = U\n",
		 "t.ini:6: \"title\" given twice in [a] (first on line 4)"},
		{"[map a]\nsites = a.csv\noutput = a.png\ntitle =\n",
		 "t.ini:4: \"title\" has no value"},
		{"[map a]\nsites =\noutput = a.png\n", "t.ini:2: \"sites\" has no value"},
		{"[map a]\nsites = a.csv\noutput = a.png\nthis is not ini\n",
		 "t.ini:4: not an INI line (expected [section], key = value or a comment)"},
		{"[map a]\noutput = a.png\n", "t.ini:1: [map a] needs sites = FILE.csv"},
		{"[map a]\nsites = a.csv\noutput = a.png\n\n[map b]\nsites = b.csv\ntitle = B\n",
		 "t.ini:5: [map b] needs output = FILE.png[, FILE.svg ...]"},
		{"[batch c]\nsites = a.csv\n", "t.ini:1: [batch c] needs out-dir = DIR"},
		{"[batch c]\nout-dir = d\n", "t.ini:1: [batch c] needs sites = FILE.csv"},
		/* the first error wins */
		{"[map a]\ncolour = red\n[maps b]\n",
		 "t.ini:2: unknown key \"colour\" in [map a] (keys are the long options of "
		 "hotmap render)"},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		test_ctx t;
		hm_spec *spec = (hm_spec *)1;
		int rc;

		test_ctx_init(&t);
		rc = hm_spec_load_buffer(&spec, t.ctx, cases[i].text, "t.ini", "/d");
		if (rc != HM_EDATA)
			fail_msg("case %zu (%s): returned %d, want HM_EDATA", i, cases[i].msg, rc);
		assert_null(spec);
		if (strcmp(hm_ctx_errmsg(t.ctx), cases[i].msg) != 0)
			fail_msg("case %zu:\n  got:  %s\n  want: %s", i, hm_ctx_errmsg(t.ctx),
				 cases[i].msg);
		test_ctx_fini(&t);
	}
}

/* A line longer than the INI reader takes is an error naming its line,
 * never a silently cut value. */
static void test_long_line(void **state)
{
	test_ctx t;
	hm_spec *spec = (hm_spec *)1;
	char text[6000];
	const char *msg;
	int n;

	(void)state;
	n = snprintf(text, sizeof(text), "[map a]\nsites = a.csv\noutput = a.png\ntitle = ");
	memset(text + n, 'x', 5000);
	snprintf(text + n + 5000, sizeof(text) - (size_t)n - 5000, "\n");
	test_ctx_init(&t);
	assert_int_equal(hm_spec_load_buffer(&spec, t.ctx, text, "t.ini", "/d"), HM_EDATA);
	assert_null(spec);
	msg = hm_ctx_errmsg(t.ctx);
	if (strncmp(msg, "t.ini:4: line longer than ", 26) != 0)
		fail_msg("got: %s", msg);
	test_ctx_fini(&t);
}

/* hm_spec_load: the folder of the file is the base of relative paths; a
 * file that is not UTF-8 or missing is an error naming it. */
static void test_load_file(void **state)
{
	test_ctx t;
	hm_spec *spec = (hm_spec *)1;
	char path[512], dir[512], want[1024];
	const char *good = "[map a]\nsites = a.csv\noutput = out/a.png, /abs/a.svg\n";
	const char *bad = "[map a]\nsites = a.csv\ntitle = caf\xE9\noutput = a.png\n";
	char *slash;

	(void)state;
	test_ctx_init(&t);
	test_tmp_path(path, sizeof(path), "spec_good.ini");
	assert_int_equal(test_write_file(path, good, strlen(good)), 0);
	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	assert_non_null(slash);
	*slash = '\0';
	assert_int_equal(hm_spec_load(&spec, t.ctx, path), 0);
	assert_string_equal(spec->path, path);
	assert_string_equal(spec->dir, dir);
	snprintf(want, sizeof(want), "%s/a.csv", dir);
	assert_string_equal(hm_spec_get(&spec->sections[0], "sites"), want);
	snprintf(want, sizeof(want), "%s/out/a.png,/abs/a.svg", dir);
	assert_string_equal(hm_spec_get(&spec->sections[0], "output"), want);
	hm_spec_free(spec);
	unlink(path);

	/* not UTF-8 (Latin-1 é on line 3) */
	test_tmp_path(path, sizeof(path), "spec_latin1.ini");
	assert_int_equal(test_write_file(path, bad, strlen(bad)), 0);
	spec = (hm_spec *)1;
	assert_int_equal(hm_spec_load(&spec, t.ctx, path), HM_EDATA);
	assert_null(spec);
	snprintf(want, sizeof(want), "%s:3: not UTF-8 text", path);
	assert_string_equal(hm_ctx_errmsg(t.ctx), want);
	unlink(path);

	/* missing */
	test_tmp_path(path, sizeof(path), "spec_missing.ini");
	spec = (hm_spec *)1;
	assert_true(hm_spec_load(&spec, t.ctx, path) < 0);
	assert_null(spec);
	assert_non_null(strstr(hm_ctx_errmsg(t.ctx), path));
	test_ctx_fini(&t);
}

/* An output list with no file in it ("output = ,") is a spec error naming
 * its line, as "output =" is, not a map that fails later to have no -o. */
static void test_empty_output_list(void **state)
{
	test_ctx t;
	hm_spec *spec = (hm_spec *)1;
	int rc;

	(void)state;
	test_ctx_init(&t);
	rc = hm_spec_load_buffer(&spec, t.ctx, "[map a]\nsites = a.csv\noutput = , ,\n", "t.ini",
				 "/d");
	if (rc != HM_EDATA)
		fail_msg("\"output = , ,\" accepted (rc %d, output \"%s\")", rc,
			 rc == 0 ? hm_spec_get(&spec->sections[0], "output") : "");
	assert_null(spec);
	if (strncmp(hm_ctx_errmsg(t.ctx), "t.ini:3: ", 9) != 0)
		fail_msg("got: %s", hm_ctx_errmsg(t.ctx));
	test_ctx_fini(&t);
}

/* Keys are case-insensitive, so "inset" may repeat whatever its case. */
static void test_inset_repeats_any_case(void **state)
{
	test_ctx t;
	hm_spec *spec;

	(void)state;
	test_ctx_init(&t);
	spec = load_ok(&t, "inset, then INSET",
		       "[map m]\nsites = s.csv\noutput = m.png\ninset = auto\nINSET = 1,2,3,4\n",
		       "/x");
	assert_int_equal(spec->sections[0].n, 4);
	assert_string_equal(spec->sections[0].entries[3].key, "inset");
	assert_string_equal(spec->sections[0].entries[3].value, "1,2,3,4");
	hm_spec_free(spec);
	test_ctx_fini(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_specs),
		cmocka_unit_test(test_get_and_path_keys),
		cmocka_unit_test(test_bad_specs),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_load_file),
		cmocka_unit_test(test_empty_output_list),
		cmocka_unit_test(test_inset_repeats_any_case),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
