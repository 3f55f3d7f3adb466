/* CSV stage: number forms, separators, quoting, line numbers, bad rows. */
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

typedef struct {
	const char *text;
	int dot_groups;
	int ok;
	double want;
} num_case;

static void test_parse_number(void **state)
{
	static const num_case cases[] = {
		{"42", 0, 1, 42},
		{" 42 ", 0, 1, 42},
		{"2,198", 0, 1, 2198},
		{"1,234,567", 0, 1, 1234567},
		{"1,234,567.5", 0, 1, 1234567.5},
		{"7 000", 0, 1, 7000},
		{"7\xC2\xA0"
		 "000",
		 0, 1, 7000}, /* no-break space */
		{"7\xE2\x80\xAF"
		 "000",
		 0, 1, 7000}, /* narrow no-break space */
		{"1'000", 0, 1, 1000},
		{"12,5", 0, 1, 12.5},	      /* decimal comma */
		{"2,1980", 0, 1, 2.198},      /* not a group of 3 */
		{"1.000", 0, 1, 1},	      /* a decimal point ... */
		{"1.000", 1, 1, 1000},	      /* ... or, in ';' files, a group */
		{"1.234.567", 0, 1, 1234567}, /* two dots: groups */
		{"1.234,5", 0, 1, 1234.5},
		{"-5", 0, 1, -5},
		{"1e3", 0, 1, 1000},
		{"0.5", 0, 1, 0.5},
		{"", 0, 0, 0},
		{"   ", 0, 0, 0},
		{"abc", 0, 0, 0},
		{"NaN", 0, 0, 0},
		{"nan", 0, 0, 0},
		{"inf", 0, 0, 0},
		{"0x10", 0, 0, 0},
		{"1,2,3", 0, 0, 0},
		{"12abc", 0, 0, 0},
		{"1e999", 0, 0, 0},
		{"--5", 0, 0, 0},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const num_case *c = &cases[i];
		double v = -1;
		int ok = hm_parse_number(&v, c->text, c->dot_groups) == 0;
		if (ok != c->ok || (ok && fabs(v - c->want) > 1e-9))
			fail_msg("\"%s\" (dot_groups %d): got ok=%d v=%g, want ok=%d v=%g", c->text,
				 c->dot_groups, ok, v, c->ok, c->want);
	}
}

static void test_parse_coord(void **state)
{
	static const num_case cases[] = {
		{"16.6881", 0, 1, 16.6881},
		{"16,6881", 0, 1, 16.6881},
		{"-12.5", 0, 1, -12.5},
		{" 98.5 ", 0, 1, 98.5},
		{"16,688", 0, 1, 16.688}, /* never a thousands group */
		{"", 0, 0, 0},
		{"N16", 0, 0, 0},
		{"nan", 0, 0, 0},
		{"1.2.3", 0, 0, 0},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		double v = -1;
		int ok = hm_parse_coord(&v, cases[i].text) == 0;
		if (ok != cases[i].ok || (ok && fabs(v - cases[i].want) > 1e-9))
			fail_msg("\"%s\": got ok=%d v=%g", cases[i].text, ok, v);
	}
}

static hm_sites *load(test_ctx *t, const char *csv, const hm_sites_opts *o, int *rc)
{
	hm_sites *s = NULL;

	*rc = hm_sites_load_buffer(&s, t->ctx, csv, strlen(csv), "t.csv", o);
	return s;
}

static void test_basic(void **state)
{
	test_ctx t;
	int rc;
	hm_sites *s;

	(void)state;
	test_ctx_init(&t);
	s = load(&t, "name,lat,lon,victims\nA,16.5,98.5,100\nB,10.6,103.5,2000\n", NULL, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(s->count, 2);
	assert_string_equal(s->items[1].name, "B");
	assert_true(s->items[1].lat == 10.6 && s->items[1].lon == 103.5);
	assert_true(s->items[1].value == 2000);
	assert_int_equal(s->items[0].line, 2);
	assert_int_equal(s->items[1].line, 3);
	assert_string_equal(s->value_column, "victims");
	assert_int_equal(s->delimiter, ',');
	assert_null(s->items[0].country);
	assert_true(hm_sites_max_value(s) == 2000);
	hm_sites_free(s);
	test_ctx_fini(&t);
}

/* A spreadsheet export: BOM, ';', CRLF, quoted separator and newline,
 * thousands separators, names in Burmese and Khmer. */
static void test_spreadsheet_export(void **state)
{
	static const char csv[] =
		"\xEF\xBB\xBF"
		"Site;Latitude;Longitude;Victims;Country\r\n"
		"\xE1\x80\x99\xE1\x80\xBC\xE1\x80\x9D\xE1\x80\x90\xE1\x80\xAE;16,6881;98,5084;\"1."
		"000\";MMR\r\n"
		"\"Poipet; \"\"casino\"\"\nstrip\";13.6595;102.5636;\"2,198\";KHM\r\n"
		"\xE1\x9E\x94\xE1\x9F\x89\xE1\x9F\x84\xE1\x9E\x99;10.6;103.5;7 000;KHM\r\n"
		"\r\n"
		";;;;\r\n";
	test_ctx t;
	int rc;
	hm_sites *s;

	(void)state;
	test_ctx_init(&t);
	s = load(&t, csv, NULL, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(s->delimiter, ';');
	assert_int_equal(s->count, 3);
	assert_int_equal(s->skipped, 0);
	assert_string_equal(s->items[0].name,
			    "\xE1\x80\x99\xE1\x80\xBC\xE1\x80\x9D\xE1\x80\x90\xE1\x80\xAE");
	assert_true(fabs(s->items[0].lat - 16.6881) < 1e-9);
	assert_true(s->items[0].value == 1000);
	assert_string_equal(s->items[1].name, "Poipet; \"casino\"\nstrip");
	assert_true(s->items[1].value == 2198);
	assert_int_equal(s->items[1].line, 3);
	/* the row after the two-line field starts on line 5 */
	assert_int_equal(s->items[2].line, 5);
	assert_true(s->items[2].value == 7000);
	assert_string_equal(s->items[2].country, "KHM");
	hm_sites_free(s);
	test_ctx_fini(&t);
}

static void test_tab_and_options(void **state)
{
	static const char csv[] = "Place\tY\tX\tHeld\tn\n KK Park \t16.56\t98.57\t7000\t3\n";
	hm_sites_opts o = HM_SITES_OPTS_INIT;
	test_ctx t;
	int rc;
	hm_sites *s;

	(void)state;
	test_ctx_init(&t);
	o.lat_column = "y";
	o.lon_column = "X";
	o.value_column = "Held";
	s = load(&t, csv, &o, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(s->delimiter, '\t');
	assert_string_equal(s->items[0].name, "KK Park");
	assert_true(s->items[0].value == 7000);
	hm_sites_free(s);
	/* without the options, "n" is the value column and Y/X are unknown */
	s = load(&t, csv, NULL, &rc);
	assert_int_equal(rc, HM_EDATA);
	assert_null(s);
	assert_non_null(strstr(hm_ctx_errmsg(t.ctx), "t.csv:1: no latitude column"));
	/* the library names values, not the program's options */
	assert_null(strstr(hm_ctx_errmsg(t.ctx), "--"));
	test_ctx_fini(&t);
}

typedef struct {
	const char *row;
	const char *msg; /* expected message, after "t.csv:2: " */
} bad_case;

/* Each bad-input rule: skipped with a warning, or with strict an error;
 * the message names file, line, column and the text found. */
static void test_bad_rows(void **state)
{
	static const bad_case cases[] = {
		{"A,95.2,98.5,10", "column 2 \"lat\": \"95.2\": latitude outside [-90, 90]"},
		{"A,-90.5,98.5,10", "column 2 \"lat\": \"-90.5\": latitude outside [-90, 90]"},
		{"A,16,180.01,10", "column 3 \"lon\": \"180.01\": longitude outside [-180, 180]"},
		{"A,NaN,98.5,10", "column 2 \"lat\": \"NaN\": latitude is not a number"},
		{"A,16,nan,10", "column 3 \"lon\": \"nan\": longitude is not a number"},
		{"A,16,98.5,NaN", "column 4 \"count\": \"NaN\": value is not a number"},
		{"A,,98.5,10", "column 2 \"lat\": \"\": empty latitude"},
		{"A,16,,10", "column 3 \"lon\": \"\": empty longitude"},
		{"A,16,98.5,", "column 4 \"count\": \"\": empty value"},
		{"A,16,98.5,-3", "column 4 \"count\": \"-3\": negative value"},
		{"A,16,98.5,many", "column 4 \"count\": \"many\": value is not a number"},
		{"A,16", "column 3 \"lon\": \"\": empty longitude"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char csv[256], want[256];
		hm_sites_opts o = HM_SITES_OPTS_INIT;
		test_ctx t;
		int rc;
		hm_sites *s;

		snprintf(csv, sizeof(csv), "name,lat,lon,count\n%s\nB,1,2,3\n", cases[i].row);
		snprintf(want, sizeof(want), "t.csv:2: %s", cases[i].msg);
		test_ctx_init(&t);
		s = load(&t, csv, &o, &rc);
		assert_int_equal(rc, 0);
		assert_int_equal(s->count, 1);
		assert_int_equal(s->skipped, 1);
		if (!strstr(t.log, want))
			fail_msg("row \"%s\": log \"%s\", want \"%s\"", cases[i].row, t.log, want);
		hm_sites_free(s);

		o.strict = 1;
		s = load(&t, csv, &o, &rc);
		assert_int_equal(rc, HM_EDATA);
		assert_null(s);
		if (!strstr(hm_ctx_errmsg(t.ctx), want))
			fail_msg("strict \"%s\": \"%s\"", cases[i].row, hm_ctx_errmsg(t.ctx));
		test_ctx_fini(&t);
	}
}

static void test_bad_files(void **state)
{
	static const struct {
		const char *csv;
		const char *msg;
	} cases[] = {
		{"name,lat,lon,value\nA,1,2,3\nCaf\xE9,1,2,3\n",
		 "t.csv:3: not UTF-8 text (byte 0xE9)"},
		{"", "t.csv:1: the file is empty"},
		{"name,lat,lon,value\n", "t.csv:"},
		{"name,lat,lon,value\nA,x,2,3\n", "no sites"},
		{"name,lat,value\nA,1,3\n", "t.csv:1: no longitude column"},
		{"name,lat,lon,value\nA,1,2,\"3\n", "t.csv:2: a quoted field is never closed"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		test_ctx t;
		int rc;
		hm_sites *s;
		test_ctx_init(&t);
		s = load(&t, cases[i].csv, NULL, &rc);
		assert_int_equal(rc, HM_EDATA);
		assert_null(s);
		if (!strstr(hm_ctx_errmsg(t.ctx), cases[i].msg))
			fail_msg("case %zu: \"%s\", want \"%s\"", i, hm_ctx_errmsg(t.ctx),
				 cases[i].msg);
		test_ctx_fini(&t);
	}
}

static void test_given_column_missing(void **state)
{
	hm_sites_opts o = HM_SITES_OPTS_INIT;
	test_ctx t;
	int rc;
	hm_sites *s;

	(void)state;
	test_ctx_init(&t);
	o.value_column = "Reported";
	s = load(&t, "name,lat,lon,value\nA,1,2,3\n", &o, &rc);
	assert_int_equal(rc, HM_EDATA);
	assert_null(s);
	assert_non_null(strstr(hm_ctx_errmsg(t.ctx), "no value column named \"Reported\""));
	assert_non_null(strstr(hm_ctx_errmsg(t.ctx), "\"value\""));
	test_ctx_fini(&t);
}

static void test_file_errors(void **state)
{
	char path[512];
	test_ctx t;
	hm_sites *s = NULL;

	(void)state;
	test_ctx_init(&t);
	assert_int_equal(hm_sites_load(&s, t.ctx, "/nonexistent/x.csv", NULL), HM_EDATA);
	assert_non_null(strstr(hm_ctx_errmsg(t.ctx), "/nonexistent/x.csv"));
	test_tmp_path(path, sizeof(path), "sites.csv");
	assert_int_equal(test_write_file(path, "lat,lon,n\n1,2,3\n", 16), 0);
	assert_int_equal(hm_sites_load(&s, t.ctx, path, NULL), 0);
	assert_int_equal(s->count, 1);
	assert_string_equal(s->items[0].name, "");
	hm_sites_free(s);
	test_ctx_fini(&t);
}

/* A CSV of n rows, "lat,lon,n" (values i), with a blank line after every
 * blank_every-th row (0: none) and bad_line (1-based, 0: none) unreadable. */
static char *big_csv(size_t n, size_t blank_every, size_t bad_row, size_t *len)
{
	size_t cap = 64 + n * 48, k = 0;
	char *b = malloc(cap);

	assert_non_null(b);
	k += (size_t)snprintf(b + k, cap - k, "lat,lon,n\n");
	for (size_t i = 0; i < n; i++) {
		double lat = -60 + (double)(i * 7919 % 120000) / 1000.0;
		double lon = -170 + (double)(i * 104729 % 340000) / 1000.0;
		if (i + 1 == bad_row)
			k += (size_t)snprintf(b + k, cap - k, "%.3f,east,%zu\n", lat, i);
		else
			k += (size_t)snprintf(b + k, cap - k, "%.3f,%.3f,%zu\n", lat, lon, i);
		if (blank_every && i % blank_every == blank_every - 1)
			b[k++] = '\n';
	}
	*len = k;
	return b;
}

/* Compact loads read pieces of a file in parts on every thread, each part
 * straight into the rows' arrays: the rows come out as a one-thread load
 * of the whole file gives them, in order, blank lines or not (parts with
 * fewer rows than lines are moved down); a bad row sends its piece back to
 * the one loader, which names its line. 400,000 rows: 12 MB, three pieces. */
static void test_compact_parts(void **state)
{
	char path[512];
	hm_sites_opts o = HM_SITES_OPTS_INIT;
	size_t len, n = 400000;

	(void)state;
	test_tmp_path(path, sizeof(path), "big.csv");
	for (int round = 0; round < 3; round++) {
		size_t blank_every = round == 1 ? 997 : 0, bad = round == 2 ? 250001 : 0;
		char *csv = big_csv(n, blank_every, bad, &len);
		hm_sites *one = NULL, *many = NULL;
		test_ctx t1, t2;

		assert_int_equal(test_write_file(path, csv, len), 0);
		test_ctx_init(&t1);
		test_ctx_init(&t2);
		hm_ctx_set_threads(t1.ctx, 1);
		hm_ctx_set_threads(t2.ctx, 2);
		o.compact = 1;
		assert_int_equal(hm_sites_load(&one, t1.ctx, path, &o), 0);
		assert_int_equal(hm_sites_load(&many, t2.ctx, path, &o), 0);
		assert_int_equal(one->count, n - (bad ? 1 : 0));
		assert_int_equal(many->count, one->count);
		assert_int_equal(many->skipped, one->skipped);
		assert_memory_equal(many->lons, one->lons, one->count * sizeof(double));
		assert_memory_equal(many->lats, one->lats, one->count * sizeof(double));
		assert_memory_equal(many->values, one->values, one->count * sizeof(float));
		assert_true(one->values[one->count - 1] == (float)(n - 1));
		hm_sites_free(one);
		hm_sites_free(many);
		if (bad) {
			/* strict: the bad row's line, found by the one loader */
			char want[64];
			size_t line = bad + 1 + (blank_every ? (bad - 1) / blank_every : 0);
			o.strict = 1;
			assert_int_equal(hm_sites_load(&many, t2.ctx, path, &o), HM_EDATA);
			snprintf(want, sizeof(want), "big.csv:%zu:", line);
			assert_non_null(strstr(hm_ctx_errmsg(t2.ctx), want));
			o.strict = 0;
		}
		test_ctx_fini(&t1);
		test_ctx_fini(&t2);
		free(csv);
	}
}

/* hm_parse_coord's fast path for plain decimals gives strtod's double, bit
 * for bit: 200,000 random decimals of 1 to 17 digits, signs, leading and
 * trailing zeros, and the edges (15 digits, 16, "-0.0"). */
static void test_parse_coord_exact(void **state)
{
	static const char *edge[] = {"0",
				     "-0.0",
				     "999999999999999",
				     "9999999999999999",
				     "0.000000000000001",
				     "179.99999999999999",
				     "-89.123456789012345",
				     "12.3456789012345"};
	unsigned long long x = 88172645463325252ull;
	char buf[64];

	(void)state;
	for (size_t k = 0; k < sizeof(edge) / sizeof(edge[0]) + 200000; k++) {
		double a, b;
		const char *t = buf;
		if (k < sizeof(edge) / sizeof(edge[0])) {
			t = edge[k];
		} else {
			/* a sign, 0-180, and 0 to 16 decimals (some past 15 digits) */
			int n, fd;
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			fd = (int)(x % 17);
			n = snprintf(buf, sizeof(buf), "%s%d%s", (x >> 40) & 1 ? "-" : "",
				     (int)((x >> 8) % 181), fd ? "." : "");
			for (int d = 0; d < fd; d++) {
				x ^= x << 13, x ^= x >> 7, x ^= x << 17;
				buf[n++] = (char)('0' + x % 10);
			}
			buf[n] = '\0';
		}
		if (hm_parse_coord(&a, t) < 0)
			fail_msg("\"%s\" not read", t);
		b = strtod(t, NULL);
		if (memcmp(&a, &b, sizeof(a)) != 0)
			fail_msg("\"%s\": %.17g, strtod %.17g", t, a, b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_coord_exact),
		cmocka_unit_test(test_parse_number),
		cmocka_unit_test(test_parse_coord),
		cmocka_unit_test(test_basic),
		cmocka_unit_test(test_spreadsheet_export),
		cmocka_unit_test(test_tab_and_options),
		cmocka_unit_test(test_bad_rows),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_given_column_missing),
		cmocka_unit_test(test_file_errors),
		cmocka_unit_test(test_compact_parts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
