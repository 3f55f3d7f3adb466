/* The hotmap program prints "%f" and "%.*f" itself (src/cli/printf_f.c, for Cairo's SVG
 * and PDF coordinates): byte for byte what glibc prints, on every kind of
 * value (random bits over the whole range it takes, exact halves of the last
 * digit where rounding goes to the even digit, integers, values just below
 * and above a rounding edge, negative zero, values it hands back to glibc),
 * with truncation to a short buffer, through snprintf and __snprintf_chk. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *format, ...);

/* glibc's own formatting, which the interposed snprintf must equal */
static int reference(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return rc;
}

static uint64_t rng_state = 0x853c49e6748fea9bu;

static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static long checked;

static void same_prec(double d, int prec)
{
	char want[512], got[512], got_chk[512];
	int rw, rg, rc;

	if (prec < 0) {
		rw = reference(want, sizeof(want), "%f", d);
		rg = snprintf(got, sizeof(got), "%f", d);
		rc = __snprintf_chk(got_chk, sizeof(got_chk), 1, sizeof(got_chk), "%f", d);
	} else {
		rw = reference(want, sizeof(want), "%.*f", prec, d);
		rg = snprintf(got, sizeof(got), "%.*f", prec, d);
		rc = __snprintf_chk(got_chk, sizeof(got_chk), 1, sizeof(got_chk), "%.*f", prec, d);
	}
	if (rw != rg || strcmp(want, got) != 0 || rw != rc || strcmp(want, got_chk) != 0)
		fail_msg("%.17g (%a), precision %d: glibc \"%s\" (%d), hotmap \"%s\" (%d) / "
			 "\"%s\" (%d)",
			 d, d, prec, want, rw, got, rg, got_chk, rc);
	checked++;
}

/* "%f", "%.3f" (Cairo's two) and another precision from 0 to 12 */
static void same(double d)
{
	same_prec(d, -1);
	same_prec(d, 3);
	same_prec(d, (int)(rnd() % 13));
}

static void test_random_bits(void **state)
{
	(void)state;
	/* every exponent from 2^-70 to 2^45, random mantissas, both signs */
	for (long i = 0; i < 2000000; i++) {
		uint64_t r = rnd();
		int e = (int)(r % 116) - 70;
		double d = ldexp((double)(rnd() >> 11) / 9007199254740992.0 + 0.5, e);
		same(r & (1u << 20) ? -d : d);
	}
}

static void test_map_coordinates(void **state)
{
	(void)state;
	/* what Cairo prints: points and pixels of a map, and their products */
	for (long i = 0; i < 1000000; i++) {
		double v = (double)(rnd() % 600000000) / 100000.0; /* 0 .. 6000 */
		same(v);
		same(v * 0.24);
		same(-v / 3);
	}
}

static void test_rounding_edges(void **state)
{
	(void)state;
	/* exact halves of the sixth decimal: k/2^7 = ..5 x 10^-7 has no exact
	 * double, but x.xxxxxx5 exactly does when it is a multiple of 2^-k */
	for (long k = 0; k < 200000; k++) {
		double d = ldexp((double)k, -7); /* multiples of 1/128 */
		same(d);
		same(d + 0.0000005);
		same(nextafter(d + 0.0000005, 0));
		same(nextafter(d + 0.0000005, 1e9));
	}
	for (long k = 0; k < 100000; k++) {
		double h = ((double)k + 0.5) / 1e6; /* nearest doubles to the halves */
		same(h);
		same(nextafter(h, 0));
		same(nextafter(h, 1));
		same((double)k);
		same(-(double)k);
	}
}

static void test_special(void **state)
{
	static const double v[] = {
		0.0,	   -0.0,      1e-300,	 -1e-300,	 4.9e-324,	     0.1,
		0.0000005, 0.0000015, 0.0000025, 999999.9999995, 1e12 - 1,	     1e12,
		-1e12,	   1e15,      1e300,	 -1e300,	 123456789.123456789};

	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		same(v[i]);
	same(INFINITY);
	same(-INFINITY);
	same(NAN);
}

static void test_truncation_and_other_formats(void **state)
{
	char want[64], got[64];

	(void)state;
	for (size_t n = 0; n < 16; n++) {
		memset(want, 'x', sizeof(want));
		memset(got, 'x', sizeof(got));
		assert_int_equal(reference(want, n, "%f", -1234.5678),
				 snprintf(got, n, "%f", -1234.5678));
		assert_memory_equal(want, got, sizeof(want));
	}
	/* other formats are glibc's */
	snprintf(got, sizeof(got), "%.3f|%d|%s|%g", 1.23456, 42, "x", 0.5);
	assert_string_equal(got, "1.235|42|x|0.5");
	snprintf(got, sizeof(got), "%f %f", 1.5, 2.25);
	assert_string_equal(got, "1.500000 2.250000");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_bits),
		cmocka_unit_test(test_map_coordinates),
		cmocka_unit_test(test_rounding_edges),
		cmocka_unit_test(test_special),
		cmocka_unit_test(test_truncation_and_other_formats),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	fprintf(stderr, "printf_f: %ld values compared with glibc\n", checked);
	return rc;
}
