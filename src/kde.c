/* Kernel density (hm_map_opts.mode HM_MODE_KDE): the sites' counts (or
 * sums) in square cells, smoothed with the quartic (biweight) kernel
 * K(u) = 3/pi (1 - u^2)^2 for u < 1 (Silverman 1986, eq. 4.5; ArcGIS's
 * Kernel Density), in the projected plane: the density at a cell's centre
 * is sum_j w_j K(d_j / h) / h^2 over the cells j within the bandwidth h, a
 * cell's weight standing at its centre. */
#include "kde.h"

#include "context.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double hm_kde_bandwidth(const double *sum, long ni, long nj, double cell_m)
{
	double n = 0, mx = 0, my = 0, sd = 0, dm, *dist, *wt;
	size_t k = 0, cells = 0;

	for (long c = 0; c < ni * nj; c++)
		if (sum[c] > 0) {
			n += sum[c], cells++;
			mx += sum[c] * (double)(c % ni), my += sum[c] * (double)(c / ni);
		}
	if (!(n > 0))
		return 0;
	mx /= n, my /= n;
	dist = malloc(cells * sizeof(double));
	wt = malloc(cells * sizeof(double));
	if (!dist || !wt) {
		free(dist);
		free(wt);
		return 0;
	}
	for (long c = 0; c < ni * nj; c++)
		if (sum[c] > 0) {
			double dx = (double)(c % ni) - mx, dy = (double)(c / ni) - my;
			dist[k] = hypot(dx, dy), wt[k] = sum[c], k++;
			sd += sum[c] * (dx * dx + dy * dy);
		}
	sd = sqrt(sd / n);
	/* the weighted median distance to the mean centre */
	{
		double lo = 0, hi = 0, half = n / 2;
		for (size_t i = 0; i < k; i++)
			hi = fmax(hi, dist[i]);
		for (int it = 0; it < 60; it++) {
			double mid = (lo + hi) / 2, below = 0;
			for (size_t i = 0; i < k; i++)
				below += dist[i] <= mid ? wt[i] : 0;
			if (below >= half)
				hi = mid;
			else
				lo = mid;
		}
		dm = hi;
	}
	free(dist);
	free(wt);
	/* ArcGIS's default search radius (a spatial Silverman's rule) */
	return 0.9 * fmin(sd, sqrt(1 / log(2)) * dm) * pow(n, -0.2) * cell_m;
}

typedef struct {
	const double *sum;
	double *out;
	const double *kern; /* (2R+1)^2 weights, already over h^2 */
	long ni, nj, R, j0, j1;
} kde_job;

static void kde_run(void *arg, hm_worker *w)
{
	kde_job *J = arg;
	long R = J->R, side = 2 * R + 1;

	(void)w;
	for (long j = J->j0; j < J->j1; j++)
		for (long i = 0; i < J->ni; i++) {
			double acc = 0;
			for (long b = -R; b <= R; b++) {
				long y = j + b;
				const double *row, *kr;
				if (y < 0 || y >= J->nj)
					continue;
				row = J->sum + y * J->ni;
				kr = J->kern + (b + R) * side + R;
				for (long a = -R; a <= R; a++) {
					long x = i + a;
					if (x >= 0 && x < J->ni && row[x] != 0)
						acc += row[x] * kr[a];
				}
			}
			J->out[j * J->ni + i] = acc;
		}
}

int hm_kde(double *out, const double *sum, long ni, long nj, double cell_m, double h_m, hm_ctx *ctx)
{
	long R = (long)floor(h_m / cell_m), side = 2 * R + 1;
	double *kern = malloc((size_t)(side * side) * sizeof(double));
	kde_job jobs[HM_MAX_THREADS];
	void *args[HM_MAX_THREADS];
	int nt = hm_ctx_threads(ctx);

	if (!kern)
		return -1;
	for (long b = -R; b <= R; b++)
		for (long a = -R; a <= R; a++) {
			double u = hypot((double)a, (double)b) * cell_m / h_m;
			/* per square kilometre */
			kern[(b + R) * side + (a + R)] =
				u < 1 ? 3 / M_PI * (1 - u * u) * (1 - u * u) / (h_m * h_m) * 1e6
				      : 0;
		}
	nt = nt < 1 ? 1 : nt > HM_MAX_THREADS ? HM_MAX_THREADS : nt;
	for (int k = 0; k < nt; k++) {
		jobs[k] = (kde_job){sum, out, kern, ni, nj, R, nj * k / nt, nj * (k + 1) / nt};
		args[k] = &jobs[k];
	}
	hm_ctx_run(ctx, kde_run, args, nt);
	free(kern);
	return 0;
}
