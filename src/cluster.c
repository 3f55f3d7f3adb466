#include "cluster.h"

#include "bins.h"
#include "crowding.h"
#include "text.h"
#include "util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Most rounds of merging clusters whose symbols overlap; each round merges
 * at least one pair, so this is far more than maps need. */
#define MAX_ROUNDS 200

/* A site's sort key: the order is the sites' content, not their rows'. */
typedef struct {
	double w, lat, lon;
	const char *name;
	size_t line, i;
} key;

/* Heaviest first; ties by latitude, longitude, name, then line. */
static int by_weight(const void *pa, const void *pb)
{
	const key *a = pa, *b = pb;
	int c;

	if (a->w != b->w)
		return a->w > b->w ? -1 : 1;
	if (a->lat != b->lat)
		return a->lat < b->lat ? -1 : 1;
	if (a->lon != b->lon)
		return a->lon < b->lon ? -1 : 1;
	if ((c = strcmp(a->name, b->name)) != 0)
		return c;
	return (a->line > b->line) - (a->line < b->line);
}

static int in_frame(const hm_map *m, const hm_map_site *s)
{
	const double *f = m->frame;

	return s->x != HUGE_VAL && s->x >= f[0] && s->y >= f[1] && s->x <= f[0] + f[2] &&
	       s->y <= f[1] + f[3];
}

/* What a seed takes, and from whom. */
typedef struct {
	const hm_map *m;
	size_t *head;
	const size_t *rank;
	size_t seed;
	double d; /* the seed pass's distance */
	size_t merged;
} taking;

/* The seed pass: site o not yet taken and within d joins the seed. */
static int take_near(size_t o, void *ud)
{
	taking *T = ud;
	const hm_map_site *s = &T->m->sites[T->seed], *t = &T->m->sites[o];

	if (T->head[o] == SIZE_MAX && in_frame(T->m, t) && hypot(t->x - s->x, t->y - s->y) <= T->d)
		T->head[o] = T->seed;
	return 0;
}

/* The seed pass: in order, each site not yet taken takes every site not yet
 * taken within d of it. head[i]: the seed of site i's cluster. */
static int seed(const hm_map *m, const size_t *order, size_t n, double d, size_t *head)
{
	const size_t stride = sizeof(hm_map_site) / sizeof(double);
	taking T = {m, head, NULL, 0, d, 0};
	hm_bins b;

	if (hm_bins_make(&b, &m->sites[0].x, &m->sites[0].y, stride, m->nsites, m->frame,
			 fmax(d, fmax(m->frame[2], m->frame[3]) / 1024)) < 0)
		return -1;
	for (size_t k = 0; k < n; k++) {
		const hm_map_site *s = &m->sites[order[k]];
		const double pt[4] = {s->x, s->y, 0, 0};
		if (head[order[k]] != SIZE_MAX)
			continue;
		head[order[k]] = T.seed = order[k];
		hm_bins_visit(&b, pt, d, take_near, &T);
	}
	hm_bins_free(&b);
	return 0;
}

/* The radii of the seeds' symbols from their sums (sum[i] at seed i). */
static void size_seeds(hm_map *m, const size_t *order, size_t n, const size_t *head,
		       const double *sum, double max_value)
{
	double top = 0;

	for (size_t k = 0; k < n; k++)
		if (head[order[k]] == order[k])
			top = fmax(top, sum[order[k]]);
	/* one scale across maps, unless a cluster outgrows it */
	m->vmax = fmax(max_value, top);
	for (size_t k = 0; k < n; k++) {
		size_t i = order[k];
		m->sites[i].r = head[i] == i ? hm_map_radius(m, sum[i]) : 0;
	}
}

/* A round of merging: seed o, after the taking seed and still its own,
 * whose symbol overlaps the taker's, joins it. */
static int take_overlapping(size_t o, void *ud)
{
	taking *T = ud;
	const hm_map_site *s = &T->m->sites[T->seed], *t = &T->m->sites[o];

	if (o == T->seed || T->head[o] != o || T->rank[o] < T->rank[T->seed] ||
	    hypot(t->x - s->x, t->y - s->y) >= s->r + t->r)
		return 0;
	T->head[o] = T->seed; /* o's members follow below */
	T->merged++;
	return 0;
}

/* One round: each seed, heaviest first, takes the seeds after it whose
 * symbols overlap its own. Returns how many it took. */
static size_t merge_round(hm_map *m, const size_t *order, size_t n, size_t *head,
			  const size_t *rank)
{
	const size_t stride = sizeof(hm_map_site) / sizeof(double);
	double reach = 0;
	taking T = {m, head, rank, 0, 0, 0};
	hm_bins b;

	for (size_t k = 0; k < n; k++)
		reach = fmax(reach, m->sites[order[k]].r);
	if (reach <= 0 || hm_bins_make(&b, &m->sites[0].x, &m->sites[0].y, stride, m->nsites,
				       m->frame, fmax(2 * reach, m->frame[2] / 1024)) < 0)
		return 0;
	for (size_t k = 0; k < n; k++) {
		const hm_map_site *s = &m->sites[order[k]];
		const double pt[4] = {s->x, s->y, 0, 0};
		if (head[order[k]] != order[k])
			continue;
		T.seed = order[k];
		hm_bins_visit(&b, pt, s->r + reach, take_overlapping, &T);
	}
	hm_bins_free(&b);
	/* members of a taken seed go to the seed that took it */
	for (size_t k = 0; k < n; k++) {
		size_t i = order[k], h = head[i];
		while (head[h] != h)
			h = head[h];
		head[i] = h;
	}
	return T.merged;
}

/* Each cluster's sum, added in the sites' order (by weight, then
 * content): the same sum, to the last bit, whatever the rows' order. */
static void add_up(const size_t *order, size_t n, const size_t *head, const double *w, double *sum)
{
	for (size_t k = 0; k < n; k++)
		sum[order[k]] = 0;
	for (size_t k = 0; k < n; k++)
		sum[head[order[k]]] += w[order[k]];
}

/* The representatives' labels: "Name +N" for a cluster of N + 1 sites. */
static int cluster_labels(hm_map *m)
{
	for (size_t i = 0; i < m->nsites; i++) {
		hm_map_site *s = &m->sites[i];
		if (s->cluster_size == 0 && m->labels[i])
			m->labels[i][0] = '\0';
		if (s->cluster_size > 1) {
			size_t n = strlen(m->labels[i]) + 32;
			char *t = malloc(n);
			if (!t)
				return -1;
			snprintf(t, n, "%s +%zu", m->labels[i], s->cluster_size - 1);
			free(m->labels[i]);
			m->labels[i] = t;
		}
		s->label = m->labels[i];
	}
	return 0;
}

int hm_cluster_sites(hm_map *m, double d_px, double max_value)
{
	size_t N = m->nsites ? m->nsites : 1, n = 0, rounds = 0;
	size_t *order = malloc(N * sizeof(size_t)), *head = malloc(N * sizeof(size_t));
	size_t *rank = malloc(N * sizeof(size_t));
	double *w = malloc(N * sizeof(double)), *sum = malloc(N * sizeof(double));
	int rc = -1;

	if (!order || !head || !rank || !w || !sum)
		goto out;
	for (size_t i = 0; i < m->nsites; i++) {
		head[i] = SIZE_MAX;
		w[i] = sum[i] = m->counted ? 1 : m->sites[i].value;
		if (in_frame(m, &m->sites[i]))
			order[n++] = i;
	}
	{
		key *keys = malloc((n ? n : 1) * sizeof(key));
		if (!keys)
			goto out;
		for (size_t k = 0; k < n; k++) {
			const hm_map_site *t = &m->sites[order[k]];
			keys[k] = (key){w[order[k]], t->lat, t->lon, t->name, t->line, order[k]};
		}
		qsort(keys, n, sizeof(key), by_weight);
		for (size_t k = 0; k < n; k++)
			order[k] = keys[k].i, rank[keys[k].i] = k;
		free(keys);
	}
	if (seed(m, order, n, d_px, head) < 0)
		goto out;
	do {
		add_up(order, n, head, w, sum);
		size_seeds(m, order, n, head, sum, max_value);
	} while (merge_round(m, order, n, head, rank) > 0 && ++rounds < MAX_ROUNDS);
	add_up(order, n, head, w, sum);
	size_seeds(m, order, n, head, sum, max_value);
	for (size_t i = 0; i < m->nsites; i++) {
		hm_map_site *s = &m->sites[i];
		s->cluster_of = head[i] == SIZE_MAX ? i : head[i];
		s->cluster_size = head[i] == SIZE_MAX ? 1 : 0;
		if (head[i] == SIZE_MAX) /* outside the frame: an inset's, alone */
			s->r = hm_map_radius(m, w[i]), s->symbol_value = w[i];
	}
	m->nclusters = 0;
	for (size_t i = 0; i < m->nsites; i++) {
		hm_map_site *s = &m->sites[i];
		if (head[i] != SIZE_MAX)
			m->sites[head[i]].cluster_size++;
		if (head[i] == i)
			s->symbol_value = sum[i];
	}
	for (size_t i = 0; i < m->nsites; i++)
		m->nclusters += m->sites[i].cluster_size > 1;
	m->clustered = 1;
	rc = cluster_labels(m);
out:
	free(order);
	free(head);
	free(rank);
	free(w);
	free(sum);
	return rc;
}
