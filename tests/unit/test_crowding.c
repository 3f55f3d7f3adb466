/* The crowding rule (src/crowding.h): the hidden share of discs against
 * shares worked out by hand, and the radius the rule picks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "crowding.h"

#include <math.h>
#include <stdlib.h>

/* 1 - union / sum of areas, by hand:
 *  - two discs apart: nothing hidden;
 *  - two discs on one centre: half;
 *  - a disc of radius 1 inside one of radius 3: the small one, 1/10;
 *  - two unit discs whose centres are 1 apart: the lens, 2 pi/3 - sqrt(3)/2,
 *    over 2 pi. */
static void test_hidden_share(void **state)
{
	double x[2] = {0, 10}, y[2] = {0, 0}, r[2] = {1, 1};
	double lens = (2 * M_PI / 3 - sqrt(3) / 2) / (2 * M_PI);

	(void)state;
	assert_true(hm_crowding_covered(x, y, r, 2) == 0);
	x[1] = 0;
	assert_true(fabs(hm_crowding_covered(x, y, r, 2) - 0.5) < 1e-9);
	r[1] = 3;
	assert_true(fabs(hm_crowding_covered(x, y, r, 2) - 0.1) < 0.01);
	r[1] = 1, x[1] = 1;
	assert_true(fabs(hm_crowding_covered(x, y, r, 2) - lens) < 0.02);
	assert_true(hm_crowding_covered(x, y, r, 1) == 0);
}

/* A row of n equal discs, centres d apart: at radius rr, each pair of
 * neighbours overlaps by a lens; the rule's radius keeps the share at or
 * under 10%, and is within a few percent of the largest that does. */
static void test_rule_radius(void **state)
{
	enum { N = 40 };
	double x[N], y[N], w[N], r[N], covered, got, a;

	(void)state;
	for (int i = 0; i < N; i++)
		x[i] = i * 10.0, y[i] = 0, w[i] = 1;
	/* radius 20: a crowd; the floor (2) hides nothing */
	got = hm_crowding_rmax(x, y, w, N, 20, 2, 1e6, &covered);
	assert_true(got < 20 && got >= 2);
	assert_true(covered <= HM_CROWD_COVERED);
	for (int i = 0; i < N; i++)
		r[i] = got * 1.05;
	assert_true(hm_crowding_covered(x, y, r, N) > HM_CROWD_COVERED - 0.02);
	/* a handful overlapping is a cluster: left alone */
	for (int i = 0; i < N; i++)
		x[i] = i < 4 ? i : 1000 + i * 100.0;
	got = hm_crowding_rmax(x, y, w, N, 20, 2, 1e6, &covered);
	assert_true(got == 20);
	/* so many that even the floor hides too much: the floor */
	for (int i = 0; i < N; i++)
		x[i] = i * 0.01;
	got = hm_crowding_rmax(x, y, w, N, 20, 2, 1e6, &covered);
	assert_true(got == 2 && covered > 0.9);
	/* more ink than the frame holds: known crowded without sampling */
	a = 100;
	got = hm_crowding_rmax(x, y, w, N, 20, 2, a, &covered);
	assert_true(got == 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hidden_share),
		cmocka_unit_test(test_rule_radius),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
