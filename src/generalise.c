#include "generalise.h"
#include "util.h"
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* One ring or line of a path, as the generaliser walks it. */
typedef struct {
	hm_pxpath *path;
	size_t start; /* first vertex in path->pts */
	size_t n;     /* vertices, without the closing copy of the first */
	size_t base;  /* index of its first vertex in the global arrays */
	int cyclic;
	int dup; /* the path holds a closing copy of the first vertex */
} ring;

/* A distinct vertex: its coordinates' bits and the sum of a hash of every
 * ring that passes through it. */
typedef struct {
	uint64_t kx, ky, sig;
} vslot;

static uint64_t mix64(uint64_t z)
{
	z += 0x9e3779b97f4a7c15u;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static uint64_t bits(double v)
{
	uint64_t u;

	if (v == 0)
		v = 0; /* -0 and +0 are the same vertex */
	memcpy(&u, &v, sizeof(u));
	return u;
}

static const double *vtx(const ring *r, size_t i)
{
	return r->path->pts + 2 * (r->start + i);
}

/* Lexicographic order of two points: the tie-breaks that make the result
 * independent of the direction in which a shared border is walked. */
static int lexcmp(const double *a, const double *b)
{
	if (a[0] != b[0])
		return a[0] < b[0] ? -1 : 1;
	if (a[1] != b[1])
		return a[1] < b[1] ? -1 : 1;
	return 0;
}

static double seg_dist2(const double *p, const double *a, const double *b)
{
	double dx = b[0] - a[0], dy = b[1] - a[1];
	double len2 = dx * dx + dy * dy, t = 0;

	if (len2 > 0) {
		t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
		t = t < 0 ? 0 : t > 1 ? 1 : t;
	}
	dx = a[0] + t * dx - p[0];
	dy = a[1] + t * dy - p[1];
	return dx * dx + dy * dy;
}

/* Douglas-Peucker over the vertices idx[0..m] of r, marking keep[]; stack
 * holds up to 2 * (m + 1) indices. */
static void dp(const ring *r, const size_t *idx, size_t m, double tol2, unsigned char *keep,
	       size_t *stack)
{
	size_t top = 0;

	keep[r->base + idx[0]] = keep[r->base + idx[m]] = 1;
	stack[top++] = 0;
	stack[top++] = m;
	while (top) {
		size_t hi = stack[--top], lo = stack[--top], best = lo;
		const double *a = vtx(r, idx[lo]), *b = vtx(r, idx[hi]);
		double dmax = -1;

		for (size_t k = lo + 1; k < hi; k++) {
			const double *p = vtx(r, idx[k]);
			double d = seg_dist2(p, a, b);
			if (d > dmax || (d == dmax && lexcmp(p, vtx(r, idx[best])) < 0)) {
				dmax = d;
				best = k;
			}
		}
		if (best == lo || dmax <= tol2)
			continue;
		keep[r->base + idx[best]] = 1;
		stack[top++] = lo;
		stack[top++] = best;
		stack[top++] = best;
		stack[top++] = hi;
	}
}

/* Simplify the stretch of a cyclic or open ring from vertex a forward to
 * vertex b (b may equal a for a whole cycle), in the direction that its end
 * points choose. */
static void chain(const ring *r, size_t a, size_t b, double tol2, unsigned char *keep, size_t *idx,
		  size_t *stack)
{
	size_t m = 0, i = a;
	int rev;

	do {
		idx[m++] = i;
		i = i + 1 == r->n ? 0 : i + 1;
	} while (i != b && m <= r->n);
	idx[m] = b;
	if (m < 2) {
		keep[r->base + a] = keep[r->base + b] = 1;
		return;
	}
	rev = lexcmp(vtx(r, a), vtx(r, b));
	if (rev == 0)
		rev = lexcmp(vtx(r, idx[1]), vtx(r, idx[m - 1]));
	if (rev > 0)
		for (size_t lo = 0, hi = m; lo < hi; lo++, hi--) {
			size_t t = idx[lo];
			idx[lo] = idx[hi];
			idx[hi] = t;
		}
	dp(r, idx, m, tol2, keep, stack);
}

/* The vertex of r farthest from vertex a (ties to the smallest point). */
static size_t farthest(const ring *r, size_t a)
{
	const double *pa = vtx(r, a);
	size_t best = a;
	double dmax = -1;

	for (size_t i = 0; i < r->n; i++) {
		const double *p = vtx(r, i);
		double d = (p[0] - pa[0]) * (p[0] - pa[0]) + (p[1] - pa[1]) * (p[1] - pa[1]);
		if (d > dmax || (d == dmax && lexcmp(p, vtx(r, best)) < 0)) {
			dmax = d;
			best = i;
		}
	}
	return best;
}

static void simplify_ring(const ring *r, const unsigned char *fixed, double tol2,
			  unsigned char *keep, size_t *idx, size_t *stack)
{
	size_t first = SIZE_MAX, prev;

	if (!r->cyclic) {
		/* open line: its ends and every fixed vertex are anchors */
		size_t a = 0;
		for (size_t i = 1; i < r->n; i++)
			if (fixed[r->base + i] || i + 1 == r->n) {
				chain(r, a, i, tol2, keep, idx, stack);
				a = i;
			}
		keep[r->base] = keep[r->base + r->n - 1] = 1;
		return;
	}
	for (size_t i = 0; i < r->n; i++)
		if (fixed[r->base + i]) {
			first = i;
			break;
		}
	if (first == SIZE_MAX) {
		/* nothing shared at a corner: anchor at the smallest point, which
		 * a ring with the same vertices (an enclave and its hole) picks too */
		size_t lo = 0, far;
		for (size_t i = 1; i < r->n; i++)
			if (lexcmp(vtx(r, i), vtx(r, lo)) < 0)
				lo = i;
		far = farthest(r, lo);
		if (far == lo) {
			keep[r->base + lo] = 1;
			return;
		}
		chain(r, lo, far, tol2, keep, idx, stack);
		chain(r, far, lo, tol2, keep, idx, stack);
		return;
	}
	prev = first;
	for (size_t k = 1; k <= r->n; k++) {
		size_t i = (first + k) % r->n;
		if (!fixed[r->base + i])
			continue;
		if (i == prev) {
			/* a single anchor: split the loop at its farthest vertex */
			size_t far = farthest(r, prev);
			if (far != prev) {
				chain(r, prev, far, tol2, keep, idx, stack);
				chain(r, far, prev, tol2, keep, idx, stack);
			}
			keep[r->base + prev] = 1;
			break;
		}
		chain(r, prev, i, tol2, keep, idx, stack);
		prev = i;
	}
}

/* Write the kept vertices of every ring of p back into p, in order. */
static void compact(hm_pxpath *p, const ring *rings, size_t nr, const unsigned char *keep)
{
	size_t out = 0, nrings = 0;

	for (size_t k = 0; k < nr; k++) {
		const ring *r = &rings[k];
		size_t start = out;
		for (size_t i = 0; i < r->n; i++) {
			if (!keep[r->base + i])
				continue;
			p->pts[2 * out] = vtx(r, i)[0];
			p->pts[2 * out + 1] = vtx(r, i)[1];
			out++;
		}
		if (r->cyclic && out - start < 3) {
			out = start; /* smaller than the tolerance: gone */
			continue;
		}
		if (!r->cyclic && out - start < 2) {
			out = start;
			continue;
		}
		if (r->dup) {
			p->pts[2 * out] = p->pts[2 * start];
			p->pts[2 * out + 1] = p->pts[2 * start + 1];
			out++;
		}
		p->rings[nrings++] = start;
	}
	p->npts = out;
	p->nrings = nrings;
}

int hm_generalise(hm_pxpath *const *paths, size_t npaths, double tol)
{
	ring *rings = NULL;
	vslot *tab = NULL;
	size_t *slot = NULL, *idx = NULL, *stack = NULL;
	uint64_t *vsig = NULL;
	unsigned char *fixed = NULL, *vfixed = NULL, *keep = NULL;
	size_t nr = 0, total = 0, longest = 0, cap = 16, mask;
	int rc = -1;

	for (size_t k = 0; k < npaths; k++)
		nr += paths[k]->nrings;
	rings = hm_zalloc(nr ? nr : 1, sizeof(*rings));
	if (!rings)
		return -1;
	nr = 0;
	for (size_t k = 0; k < npaths; k++) {
		hm_pxpath *p = paths[k];
		for (size_t j = 0; j < p->nrings; j++) {
			ring *r = &rings[nr++];
			size_t end = j + 1 < p->nrings ? p->rings[j + 1] : p->npts;
			r->path = p;
			r->start = p->rings[j];
			r->n = end - r->start;
			r->cyclic = p->closed;
			if (r->cyclic && r->n >= 2 && lexcmp(vtx(r, 0), vtx(r, r->n - 1)) == 0) {
				r->n--;
				r->dup = 1;
			}
			r->base = total;
			total += r->n;
			if (r->n > longest)
				longest = r->n;
		}
	}
	while (cap < total + total / 2)
		cap *= 2;
	mask = cap - 1;
	tab = hm_zalloc(cap, sizeof(*tab));
	fixed = hm_zalloc(cap, 1);
	slot = malloc((total ? total : 1) * sizeof(*slot));
	keep = hm_zalloc(total ? total : 1, 1);
	vfixed = malloc(total ? total : 1);
	vsig = malloc((total ? total : 1) * sizeof(*vsig));
	idx = malloc((longest + 2) * sizeof(*idx));
	stack = malloc(2 * (longest + 2) * sizeof(*stack));
	if (!tab || !fixed || !slot || !keep || !vfixed || !vsig || !idx || !stack)
		goto cleanup;

	/* which rings pass through each distinct vertex (slot 0 marks empty:
	 * signatures are made odd) */
	for (size_t k = 0; k < nr; k++) {
		const ring *r = &rings[k];
		uint64_t h = mix64(k) | 1;
		for (size_t i = 0; i < r->n; i++) {
			uint64_t kx = bits(vtx(r, i)[0]), ky = bits(vtx(r, i)[1]);
			uint64_t hk = kx * 0x9e3779b97f4a7c15u ^ ky * 0xc2b2ae3d27d4eb4fu;
			size_t s = (size_t)((hk ^ hk >> 29) & mask);
			while (tab[s].sig && (tab[s].kx != kx || tab[s].ky != ky))
				s = (s + 1) & mask;
			if (!tab[s].sig) {
				tab[s].kx = kx;
				tab[s].ky = ky;
			}
			tab[s].sig += h;
			tab[s].sig |= 1;
			slot[r->base + i] = s;
		}
	}
	/* a vertex where the rings on either side differ ends a shared border;
	 * the signatures copied out in ring order first, so that this pass
	 * reads memory in order */
	for (size_t i = 0; i < total; i++)
		vsig[i] = tab[slot[i]].sig;
	for (size_t k = 0; k < nr; k++) {
		const ring *r = &rings[k];
		const uint64_t *v = vsig + r->base;
		for (size_t i = 0; i < r->n; i++) {
			int has_prev = r->cyclic || i > 0, has_next = r->cyclic || i + 1 < r->n;
			size_t ip = i ? i - 1 : r->n - 1, in = i + 1 < r->n ? i + 1 : 0;
			if ((has_prev && v[ip] != v[i]) || (has_next && v[in] != v[i]))
				fixed[slot[r->base + i]] = 1;
		}
	}
	for (size_t i = 0; i < total; i++)
		vfixed[i] = fixed[slot[i]];
	for (size_t k = 0; k < nr; k++)
		if (rings[k].n)
			simplify_ring(&rings[k], vfixed, tol * tol, keep, idx, stack);
	for (size_t k = 0, a = 0; k < npaths; k++) {
		size_t n = paths[k]->nrings;
		compact(paths[k], rings + a, n, keep);
		a += n;
	}
	rc = 0;
cleanup:
	free(rings);
	free(tab);
	free(fixed);
	free(vfixed);
	free(vsig);
	free(slot);
	free(keep);
	free(idx);
	free(stack);
	return rc;
}
