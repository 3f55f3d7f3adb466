/* Generalisation to the output resolution (issue 6): no vertex of the input
 * lies farther than the tolerance from the simplified line, a border that two
 * features share comes out identical in both (no slivers, no gaps), however
 * each ring starts and whichever way it runs, and what is smaller than the
 * tolerance goes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "generalise.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TOL 0.3

/* A path of one or more rings, from flat (x, y) arrays. */
static hm_pxpath *path_new(int closed)
{
	hm_pxpath *p = calloc(1, sizeof(*p));

	assert_non_null(p);
	p->closed = closed;
	return p;
}

static void path_ring(hm_pxpath *p, const double *xy, size_t n)
{
	p->pts = realloc(p->pts, (p->npts + n) * 2 * sizeof(double));
	p->rings = realloc(p->rings, (p->nrings + 1) * sizeof(size_t));
	assert_non_null(p->pts);
	assert_non_null(p->rings);
	p->rings[p->nrings++] = p->npts;
	memcpy(p->pts + 2 * p->npts, xy, n * 2 * sizeof(double));
	p->npts += n;
}

static void path_free(hm_pxpath *p)
{
	free(p->pts);
	free(p->rings);
	free(p);
}

static size_t ring_len(const hm_pxpath *p, size_t r)
{
	return (r + 1 < p->nrings ? p->rings[r + 1] : p->npts) - p->rings[r];
}

static double seg_dist(const double *q, const double *a, const double *b)
{
	double dx = b[0] - a[0], dy = b[1] - a[1], l2 = dx * dx + dy * dy, t = 0;

	if (l2 > 0)
		t = fmax(0, fmin(1, ((q[0] - a[0]) * dx + (q[1] - a[1]) * dy) / l2));
	return hypot(a[0] + t * dx - q[0], a[1] + t * dy - q[1]);
}

/* Distance from q to the closed or open polyline of ring r of p. */
static double ring_dist(const hm_pxpath *p, size_t r, const double *q)
{
	const double *v = p->pts + 2 * p->rings[r];
	size_t n = ring_len(p, r);
	double d = HUGE_VAL;

	for (size_t i = 0; i + 1 < n; i++)
		d = fmin(d, seg_dist(q, v + 2 * i, v + 2 * i + 2));
	return d;
}

/* Does ring r of p hold the vertex (x, y)? */
static int has_vertex(const hm_pxpath *p, size_t r, double x, double y)
{
	const double *v = p->pts + 2 * p->rings[r];

	for (size_t i = 0; i < ring_len(p, r); i++)
		if (v[2 * i] == x && v[2 * i + 1] == y)
			return 1;
	return 0;
}

/* A wiggly border from (0, 0) to (400, 0): noise below the tolerance and a
 * few bumps well above it. */
static size_t border(double *xy, size_t max)
{
	size_t n = 0;

	for (int i = 0; i <= 400 && n < max; i++) {
		double y = 0.12 * sin(i * 1.7) + (i % 97 == 50 ? 6.0 : 0) +
			   (i > 200 && i < 260 ? 0.5 * (i - 200) * (260 - i) / 30.0 : 0);
		xy[2 * n] = i;
		xy[2 * n + 1] = y;
		n++;
	}
	return n;
}

/* North country: the border west to east, then round by the north. South
 * country: the same border east to west (as a neighbour walks it), round by
 * the south, and starting in the middle of the border. */
static void two_countries(hm_pxpath **north, hm_pxpath **south, double *b, size_t *nb)
{
	double ring[2 * 1000];
	size_t n = border(b, 500), k = 0, start = 137;

	*nb = n;
	memcpy(ring, b, n * 2 * sizeof(double));
	k = n;
	ring[2 * k] = 400, ring[2 * k + 1] = -300, k++;
	ring[2 * k] = 0, ring[2 * k + 1] = -300, k++;
	ring[2 * k] = ring[0], ring[2 * k + 1] = ring[1], k++;
	*north = path_new(1);
	path_ring(*north, ring, k);

	k = 0;
	for (size_t i = start + 1; i-- > 0;) /* border backwards from its middle */
		ring[2 * k] = b[2 * i], ring[2 * k + 1] = b[2 * i + 1], k++;
	ring[2 * k] = 0, ring[2 * k + 1] = 300, k++;
	ring[2 * k] = 400, ring[2 * k + 1] = 300, k++;
	for (size_t i = n - 1; i > start; i--)
		ring[2 * k] = b[2 * i], ring[2 * k + 1] = b[2 * i + 1], k++;
	ring[2 * k] = ring[0], ring[2 * k + 1] = ring[1], k++;
	*south = path_new(1);
	path_ring(*south, ring, k);
}

static void test_shared_border_identical(void **state)
{
	hm_pxpath *north, *south;
	double b[2 * 500];
	size_t nb, kept = 0;

	(void)state;
	two_countries(&north, &south, b, &nb);
	{
		hm_pxpath *paths[] = {north, south};
		assert_int_equal(hm_generalise(paths, 2, TOL), 0);
	}
	assert_int_equal(north->nrings, 1);
	assert_int_equal(south->nrings, 1);
	/* every border vertex kept by one country is kept by the other */
	for (size_t i = 0; i < nb; i++) {
		int a = has_vertex(north, 0, b[2 * i], b[2 * i + 1]);
		int c = has_vertex(south, 0, b[2 * i], b[2 * i + 1]);
		assert_int_equal(a, c);
		kept += (size_t)a;
	}
	/* the corners where the border meets the outline stay */
	assert_true(has_vertex(north, 0, 0, b[1]));
	assert_true(has_vertex(north, 0, 400, b[2 * (nb - 1) + 1]));
	/* simplified: far fewer vertices, but the bumps are there */
	assert_true(kept < nb / 4);
	assert_true(kept > 8);
	for (size_t i = 0; i < nb; i++) {
		assert_true(ring_dist(north, 0, b + 2 * i) <= TOL + 1e-9);
		assert_true(ring_dist(south, 0, b + 2 * i) <= TOL + 1e-9);
	}
	path_free(north);
	path_free(south);
}

/* An enclave and the hole it leaves in its neighbour: the same vertices, no
 * corner shared with anything else, different starts and directions. */
static void test_enclave_matches_hole(void **state)
{
	double ring[2 * 202], hole[2 * 202];
	size_t n = 200;
	hm_pxpath *enclave = path_new(1), *outer = path_new(1);
	double box[] = {-500, -500, 500, -500, 500, 500, -500, 500, -500, -500};

	(void)state;
	for (size_t i = 0; i < n; i++) {
		double a = 2 * M_PI * (double)i / (double)n;
		double r = 100 + 0.1 * sin(7.0 * a) + (i % 40 == 0 ? 3 : 0);
		ring[2 * i] = r * cos(a);
		ring[2 * i + 1] = r * sin(a);
	}
	ring[2 * n] = ring[0], ring[2 * n + 1] = ring[1];
	for (size_t i = 0; i < n; i++) { /* backwards, from vertex 77 */
		size_t j = (77 + n - i) % n;
		hole[2 * i] = ring[2 * j];
		hole[2 * i + 1] = ring[2 * j + 1];
	}
	hole[2 * n] = hole[0], hole[2 * n + 1] = hole[1];
	path_ring(enclave, ring, n + 1);
	path_ring(outer, box, 5);
	path_ring(outer, hole, n + 1);
	{
		hm_pxpath *paths[] = {outer, enclave};
		assert_int_equal(hm_generalise(paths, 2, TOL), 0);
	}
	assert_int_equal(outer->nrings, 2);
	assert_int_equal(ring_len(enclave, 0), ring_len(outer, 1));
	assert_true(ring_len(enclave, 0) < n / 2);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(has_vertex(enclave, 0, ring[2 * i], ring[2 * i + 1]),
				 has_vertex(outer, 1, ring[2 * i], ring[2 * i + 1]));
		assert_true(ring_dist(enclave, 0, ring + 2 * i) <= TOL + 1e-9);
	}
	/* the box's corners are all needed */
	assert_int_equal(ring_len(outer, 0), 5);
	path_free(enclave);
	path_free(outer);
}

static void test_small_rings_go_lines_keep_ends(void **state)
{
	double speck[] = {10, 10, 10.1, 10, 10.1, 10.1, 10, 10.1, 10, 10};
	double island[] = {50, 50, 60, 50, 60, 60, 50, 60, 50, 50};
	double line[2 * 50];
	hm_pxpath *poly = path_new(1), *river = path_new(0);

	(void)state;
	path_ring(poly, speck, 5);
	path_ring(poly, island, 5);
	for (int i = 0; i < 50; i++) {
		line[2 * i] = i;
		line[2 * i + 1] = 0.05 * (i % 2);
	}
	path_ring(river, line, 50);
	{
		hm_pxpath *paths[] = {poly, river};
		assert_int_equal(hm_generalise(paths, 2, TOL), 0);
	}
	assert_int_equal(poly->nrings, 1); /* the speck is gone */
	assert_int_equal(poly->npts, 5);
	assert_true(poly->pts[0] == 50 && poly->pts[1] == 50);
	assert_int_equal(river->nrings, 1);
	assert_int_equal(river->npts, 2); /* a straight line: its two ends */
	assert_true(river->pts[0] == 0 && river->pts[2] == 49);
	path_free(poly);
	path_free(river);
}

static void test_empty(void **state)
{
	hm_pxpath *p = path_new(1);
	hm_pxpath *paths[] = {p};

	(void)state;
	assert_int_equal(hm_generalise(paths, 1, TOL), 0);
	assert_int_equal(hm_generalise(NULL, 0, TOL), 0);
	assert_int_equal(p->npts, 0);
	path_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shared_border_identical),
		cmocka_unit_test(test_enclave_matches_hole),
		cmocka_unit_test(test_small_rings_go_lines_keep_ends),
		cmocka_unit_test(test_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
