/* Sites on the map: each projected to pixels, sized by its value, given its
 * country (assign.h) and its label text; the countries with sites
 * highlighted; the drawing order. */
#include "place.h"

#include "assign.h"
#include "cluster.h"
#include "crowding.h"
#include "density.h"
#include "kde.h"
#include "dorling.h"
#include "context.h"
#include "frame.h"
#include "text.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* m->order: largest value first, ties in the CSV's order (deterministic
 * output). A stable radix sort on the values' bits, highest value first
 * (100,000 sites: 18 ms through qsort's comparisons, 3 ms here). */
static int sort_order(hm_map *m)
{
	size_t n = m->nsites, count[256];
	uint64_t *key = malloc((n ? n : 1) * 2 * sizeof(uint64_t));
	size_t *idx = malloc((n ? n : 1) * 2 * sizeof(size_t));
	uint64_t *k0 = key, *k1 = key + n;
	size_t *i0 = idx, *i1 = idx + n;

	if (!key || !idx) {
		free(key);
		free(idx);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		/* clusters by their sums, members with them */
		const hm_map_site *s = &m->sites[m->clustered ? m->sites[i].cluster_of : i];
		double v = m->clustered ? s->symbol_value : s->value;
		v = v == 0 ? 0.0 : v; /* -0 is 0 */
		uint64_t u;
		memcpy(&u, &v, sizeof(u));
		/* ordered as unsigned integers, then reversed: largest first */
		u = (u >> 63) ? ~u : u | ((uint64_t)1 << 63);
		k0[i] = ~u;
		i0[i] = i;
	}
	for (int shift = 0; shift < 64; shift += 8) {
		size_t sum = 0;
		memset(count, 0, sizeof(count));
		for (size_t i = 0; i < n; i++)
			count[(k0[i] >> shift) & 0xff]++;
		for (int d = 0; d < 256; d++) {
			size_t c = count[d];
			count[d] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++) {
			size_t at = count[(k0[i] >> shift) & 0xff]++;
			k1[at] = k0[i];
			i1[at] = i0[i];
		}
		{
			uint64_t *tk = k0;
			size_t *ti = i0;
			k0 = k1, k1 = tk;
			i0 = i1, i1 = ti;
		}
	}
	memcpy(m->order, i0, n * sizeof(size_t));
	free(key);
	free(idx);
	return 0;
}

/* Each site's position in pixels (HUGE_VAL: unprojectable, warned), the
 * sites projected in one call: PROJ's cost per call, not per point. */
static int project_sites(hm_map *m, hm_ctx *ctx, const hm_sites *sites)
{
	size_t n = sites->count;
	double *x = malloc((n ? n : 1) * sizeof(double)), *y = malloc((n ? n : 1) * sizeof(double));

	if (!x || !y) {
		free(x);
		free(y);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		x[i] = sites->items[i].lon, y[i] = sites->items[i].lat;
	hm_proj_fwd(m->proj, x, y, n);
	hm_frame_to_px(m, x, y, n);
	for (size_t i = 0; i < n; i++) {
		m->sites[i].x = x[i];
		m->sites[i].y = y[i];
		if (x[i] == HUGE_VAL)
			hm_log(ctx, HM_LOG_WARN,
			       "%s:%zu: site \"%s\" cannot be projected; not drawn", sites->path,
			       sites->items[i].line, sites->items[i].name);
	}
	free(x);
	free(y);
	return 0;
}

/* Sites from..to of the map: their own fields, names and label texts. */
typedef struct {
	hm_map *m;
	const hm_sites *sites;
	const hm_layer *layer;
	const long *country;
	size_t from, to;
	int failed;
} fill_task;

static void fill_run(void *arg, hm_worker *w)
{
	fill_task *t = arg;
	hm_map *m = t->m;

	(void)w;
	for (size_t i = t->from; i < t->to; i++) {
		const hm_site *src = &t->sites->items[i];
		hm_map_site *s = &m->sites[i];
		long f = t->country[i];
		m->names[i] = hm_strdup(src->name);
		/* what is drawn: no control characters, at most 80 characters */
		m->labels[i] = hm_text_clean(src->label ? src->label : src->name, 80);
		if (!m->names[i] || !m->labels[i]) {
			t->failed = 1;
			return;
		}
		s->name = m->names[i];
		s->label = m->labels[i];
		s->lon = src->lon, s->lat = src->lat, s->value = src->value;
		s->line = src->line;
		s->symbol_value = m->counted ? 1 : s->value;
		s->r = hm_map_radius(m, s->symbol_value);
		s->cluster_size = 1, s->cluster_of = i;
		if (f >= 0)
			memcpy(s->country_iso, t->layer->items[f].iso_a3, sizeof(s->country_iso));
	}
}

/* Every site's own fields, on the context's threads: each a slice. */
static int fill_sites(hm_map *m, hm_ctx *ctx, const hm_sites *sites, const hm_layer *layer,
		      const long *country)
{
	fill_task tasks[HM_MAX_THREADS];
	void *args[HM_MAX_THREADS];
	size_t n = sites->count;
	int nt = n >= 4096 ? hm_ctx_threads(ctx) : 1;

	nt = nt < 1 ? 1 : nt > HM_MAX_THREADS ? HM_MAX_THREADS : nt;
	for (int k = 0; k < nt; k++) {
		tasks[k] = (fill_task){m, sites, layer, country, n * k / nt, n * (k + 1) / nt, 0};
		args[k] = &tasks[k];
	}
	hm_ctx_run(ctx, fill_run, args, nt);
	for (int k = 0; k < nt; k++)
		if (tasks[k].failed)
			return -1;
	return 0;
}

/* Categories, numbered in order of first appearance; the countries with
 * sites, in order of their first site. */
/* One more site in feature f's country (m->site_countries); slot: per
 * feature, its country's index + 1, or 0 before its first site. */
static int tally_country(hm_map *m, const hm_layer *layer, long f, size_t *slot)
{
	if (!slot[f]) {
		size_t k = m->nsite_countries;
		hm_site_country *c = realloc(m->site_countries, (k + 1) * sizeof(*c));
		if (!c)
			return -1;
		m->site_countries = c;
		memset(&c[k], 0, sizeof(c[k]));
		snprintf(c[k].iso, sizeof(c[k].iso), "%s", layer->items[f].iso_a3);
		c[k].name = hm_strdup(layer->items[f].name ? layer->items[f].name : c[k].iso);
		if (!c[k].name)
			return -1;
		m->nsite_countries++;
		slot[f] = k + 1;
	}
	m->site_countries[slot[f] - 1].nsites++;
	return 0;
}

/* The countries the sites in the frame lie in, and how many in each. */
static int tally_countries(hm_map *m, const hm_layer *layer, const long *country, size_t n)
{
	size_t *slot = calloc(layer->count ? layer->count : 1, sizeof(size_t));
	int rc = slot ? 0 : -1;

	for (size_t i = 0; i < n && rc == 0; i++)
		if (country[i] >= 0 && hm_site_in_frame(m, &m->sites[i]))
			rc = tally_country(m, layer, country[i], slot);
	free(slot);
	return rc;
}

static int number_sites(hm_map *m, hm_ctx *ctx, const hm_sites *sites, const hm_layer *layer,
			const long *country)
{
	for (size_t i = 0; i < sites->count; i++) {
		const hm_site *src = &sites->items[i];
		hm_map_site *s = &m->sites[i];
		long f = country[i];
		if (src->category) {
			size_t k;
			for (k = 0; k < m->ncategories; k++)
				if (strcmp(m->categories[k], src->category) == 0)
					break;
			if (k == m->ncategories) {
				m->categories[k] = hm_strdup(src->category);
				if (!m->categories[k])
					return hm_error(ctx, HM_ENOMEM, "out of memory");
				m->ncategories++;
			}
			s->category = m->categories[k];
			s->category_index = (int)k;
		}
		if (src->value < m->vmin)
			m->vmin = src->value;
		/* a density surface shows where sites are: no country highlighted */
		if (f >= 0 && !m->features[f].highlight && !m->density) {
			m->features[f].highlight = 1;
			m->hl_names[m->nhighlighted] = hm_strdup(layer->items[f].name);
			if (!m->hl_names[m->nhighlighted++])
				return hm_error(ctx, HM_ENOMEM, "out of memory");
		}
	}
	return HM_OK;
}

/* m->rmax by the crowding rule (crowding.h), from the symbols in the frame
 * as the style would size them. */
static int crowding(hm_map *m, const hm_sites *sites)
{
	size_t n = 0;
	double *x = malloc((m->nsites ? m->nsites : 1) * 3 * sizeof(double));
	double *y = x + m->nsites, *w = y + m->nsites;
	const double *f = m->frame;

	if (!x)
		return -1;
	for (size_t i = 0; i < m->nsites && m->rmax > 0; i++) {
		const hm_map_site *s = &m->sites[i];
		if (!hm_site_in_frame(m, s))
			continue;
		x[n] = s->x, y[n] = s->y;
		w[n] = hm_map_radius(m, m->counted ? 1 : sites->items[i].value) / m->rmax;
		n++;
	}
	m->rmax = hm_crowding_rmax(x, y, w, n, m->rmax_style, HM_CROWD_FLOOR_MM / 25.4 * m->dpi,
				   f[2] * f[3], &m->covered);
	free(x);
	return 0;
}

/* The share of the drawn symbols' area (in the frame) that others hide. */
static size_t count_symbols(const hm_map *m)
{
	size_t n = 0;

	for (size_t i = 0; i < m->nsites; i++)
		n += m->sites[i].cluster_size > 0 && m->sites[i].x != HUGE_VAL;
	return n;
}

static double hidden_now(const hm_map *m)
{
	size_t n = 0;
	double *x = malloc((m->nsites ? m->nsites : 1) * 3 * sizeof(double)), c;
	double *y = x ? x + m->nsites : NULL, *r = x ? y + m->nsites : NULL;

	if (!x)
		return 0;
	for (size_t i = 0; i < m->nsites; i++) {
		const hm_map_site *s = &m->sites[i];
		if (s->cluster_size == 0 || !hm_site_in_frame(m, s))
			continue;
		x[n] = s->x, y[n] = s->y, r[n] = s->r;
		n++;
	}
	c = hm_crowding_covered(x, y, r, n);
	free(x);
	return c;
}

/* A density surface instead of symbols (density.h). */
static int density(hm_map *m, hm_ctx *ctx, const hm_sites *sites, const hm_map_opts *o,
		   const hm_layer *layer, const long *country)
{
	double mm = o->cell_mm > 0	     ? o->cell_mm
		    : o->mode == HM_MODE_KDE ? HM_KDE_CELL_MM
					     : HM_DENSITY_CELL_MM;
	const char *shape = o->mode == HM_MODE_GRID  ? "square"
			    : o->mode == HM_MODE_KDE ? "kernel cell"
						     : "hexagon";
	char caption[160], km[64];

	if (mm / 25.4 * m->dpi < 1 || mm > 100)
		return hm_error(ctx, HM_EUSAGE,
				"cell %g mm: below a pixel at %g dpi, or above 100 mm; cells are "
				"sized on the page",
				mm, m->dpi);
	if (o->mode == HM_MODE_KDE && o->bandwidth_km > 0 &&
	    o->bandwidth_km * 1e6 < 2 * 25.4 / m->dpi * m->scale)
		return hm_error(
			ctx, HM_EUSAGE,
			"bandwidth %g km: under two pixels (%g km each) at this map's scale",
			o->bandwidth_km, 25.4 / m->dpi * m->scale / 1e6);
	if (!sites->lons && fill_sites(m, ctx, sites, layer, country) < 0)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	if (m->role != ROLE_MAIN)
		return HM_OK;
	hm_format_value(km, sizeof(km),
			mm * m->scale / 1e6 >= 10 ? round(mm * m->scale / 1e6)
						  : mm * m->scale / 1e6);
	snprintf(caption, sizeof(caption), "%s%s per %s km %s",
		 o->mode == HM_MODE_HOTSPOT ? "Gi* hot spots (FDR) of " : "",
		 o->legend_title ? o->legend_title
		 : m->counted	 ? (o->mode == HM_MODE_HOTSPOT ? "sites" : "Sites")
				 : (sites->value_column ? sites->value_column : "Value"),
		 km, shape);
	if (caption[0] >= 'a' && caption[0] <= 'z')
		caption[0] = (char)(caption[0] - 'a' + 'A');
	if (hm_density_make(m, ctx, sites, o->mode, mm, o->max_value, o->bandwidth_km,
			    o->palette ? o->palette : "viridis", caption) < 0)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	m->hide_symbols = 1;
	if (o->mode == HM_MODE_KDE) {
		char bw[64], unit[64] = "";
		hm_format_value(bw, sizeof(bw),
				m->density->bandwidth_km >= 10 ? round(m->density->bandwidth_km)
							       : m->density->bandwidth_km);
		if (m->density->unit_km2 > 1) {
			hm_format_value(unit, sizeof(unit), m->density->unit_km2);
			strcat(unit, " ");
		}
		snprintf(m->density->legend_caption, sizeof(m->density->legend_caption),
			 "%s per %skm\u00b2 (quartic kernel, %s km)",
			 o->legend_title ? o->legend_title
			 : m->counted	 ? "Sites"
					 : (sites->value_column ? sites->value_column : "Value"),
			 unit, bw);
		hm_log(ctx, HM_LOG_INFO, "%s: kernel density, quartic, bandwidth %s km%s",
		       sites->path, bw, o->bandwidth_km > 0 ? "" : " (ArcGIS's default rule)");
	}
	hm_log(ctx, HM_LOG_INFO, "%s: %zu sites in %zu %ss of %g mm (%s km), %s, %d classes",
	       sites->path, m->density->sites_in, m->density->ncells, shape, mm, km,
	       m->counted ? "counted" : "values summed", m->density->nclasses);
	return HM_OK;
}

/* Compact sites (hm_sites_opts.compact): no site of the map's own, the
 * density surface straight from the arrays. */
static int place_compact(hm_map *m, hm_ctx *ctx, const hm_sites *sites, const hm_map_opts *o)
{
	m->sites = calloc(1, sizeof(hm_map_site));
	m->order = calloc(1, sizeof(size_t));
	m->names = calloc(1, sizeof(char *));
	m->labels = calloc(1, sizeof(char *));
	m->categories = calloc(1, sizeof(char *));
	m->hl_names = calloc(1, sizeof(char *));
	if (!m->sites || !m->order || !m->names || !m->labels || !m->categories || !m->hl_names)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	if (o->mode == HM_MODE_POINTS)
		return hm_error(ctx, HM_EUSAGE,
				"%s: compact sites (coordinates and values only) make density "
				"surfaces, not symbols",
				sites->path);
	m->nsites = 0;
	m->counted = !sites->value_column || o->aggregate == HM_AGGREGATE_COUNT;
	m->vmax = 1;
	m->rmax = m->rmax_style =
		(o->r_max_mm > 0 ? o->r_max_mm : m->look.r_max_mm) / 25.4 * m->dpi;
	m->vmin = HUGE_VAL;
	return density(m, ctx, sites, o, NULL, NULL);
}

/* The symbols' radius (the crowding rule, crowding.h) and the sites' own
 * fields, then clusters: those asked for (o->cluster_mm > 0), or, by
 * default, a crowd that no symbol size can show (the rule at its floor):
 * clusters at the style's radius instead of specks. */
static int size_and_cluster(hm_map *m, hm_ctx *ctx, const hm_sites *sites, const hm_map_opts *o,
			    const hm_layer *layer, const long *country)
{
	int main_map = m->role == ROLE_MAIN, cluster = main_map && o->cluster_mm > 0;
	double mm = o->cluster_mm;

	if (o->mode != HM_MODE_POINTS)
		return density(m, ctx, sites, o, layer, country);
	/* the crowding rule needs the sites in pixels */
	if (main_map && o->r_max_mm <= 0 && !cluster && crowding(m, sites) < 0)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	if (main_map && o->cluster_mm == 0 && o->r_max_mm <= 0 && !o->dorling &&
	    m->rmax <= HM_CROWD_FLOOR_MM / 25.4 * m->dpi && m->covered > HM_CROWD_COVERED) {
		cluster = 1, mm = HM_CLUSTER_AUTO_MM;
		m->rmax = m->rmax_style;
	}
	if (fill_sites(m, ctx, sites, layer, country) < 0)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	if (!cluster)
		return HM_OK;
	if (hm_cluster_sites(m, mm / 25.4 * m->dpi, m->counted ? 0 : o->max_value) < 0)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	m->covered = hidden_now(m);
	hm_log(ctx, HM_LOG_INFO, "%s: %s: %zu symbols, %zu of them clusters", sites->path,
	       o->cluster_mm > 0
		       ? "sites clustered as asked"
		       : "symbols of any size would bury each other, so sites are clustered",
	       count_symbols(m), m->nclusters);
	return HM_OK;
}

/* Every site on m; country[i]: its feature of layer (assign.h), or -1. */
static int place_all(hm_map *m, hm_ctx *ctx, const hm_sites *sites, const hm_map_opts *o,
		     const hm_layer *layer, const long *country)
{
	size_t n = sites->count;
	int rc;

	m->sites = calloc(n ? n : 1, sizeof(hm_map_site));
	m->order = calloc(n ? n : 1, sizeof(size_t));
	m->names = calloc(n ? n : 1, sizeof(char *));
	m->labels = calloc(n ? n : 1, sizeof(char *));
	m->categories = calloc(n ? n : 1, sizeof(char *));
	if (!m->labels || !m->categories)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	m->hl_names = calloc(layer->count ? layer->count : 1, sizeof(char *));
	if (!m->sites || !m->order || !m->names || !m->hl_names)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	m->nsites = n;
	m->counted = !sites->value_column || o->aggregate == HM_AGGREGATE_COUNT;
	m->vmax = m->counted ? 1 : o->max_value > 0 ? o->max_value : hm_sites_max_value(sites);
	m->rmax_style = (o->r_max_mm > 0 ? o->r_max_mm : m->look.r_max_mm) / 25.4 * m->dpi;
	m->rmax = m->rmax_style;
	m->vmin = HUGE_VAL;
	if (project_sites(m, ctx, sites) < 0)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	rc = size_and_cluster(m, ctx, sites, o, layer, country);
	if (rc < 0)
		return rc;
	rc = number_sites(m, ctx, sites, layer, country);
	if (rc < 0)
		return rc;
	if (tally_countries(m, layer, country, n) < 0)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	if (sort_order(m) < 0)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	if (o->dorling && m->role == ROLE_MAIN) {
		if (hm_dorling(m) < 0)
			return hm_error(ctx, HM_ENOMEM, "out of memory");
		m->covered = hidden_now(m);
		hm_log(ctx, HM_LOG_INFO,
		       "%s: symbols pushed apart: %zu moved, by at most %.1f mm (bound %.1f mm); "
		       "%zu pairs still overlap",
		       sites->path, m->dorling_moved, m->dorling_max / m->dpi * 25.4,
		       m->dorling_bound / m->dpi * 25.4, m->dorling_overlaps);
	}
	snprintf(m->legend_caption, sizeof(m->legend_caption), "%s",
		 o->legend_title       ? o->legend_title
		 : m->counted	       ? "Each symbol"
		 : sites->value_column ? sites->value_column
				       : "Value");
	if (m->legend_caption[0] >= 'a' && m->legend_caption[0] <= 'z')
		m->legend_caption[0] = (char)(m->legend_caption[0] - 'a' + 'A');
	return HM_OK;
}

int hm_place_sites(hm_map *m, hm_ctx *ctx, const hm_sites *sites, const hm_map_opts *o,
		   hm_layer *layer)
{
	long *country = malloc((sites->count ? sites->count : 1) * sizeof(long));
	int rc;

	if (!country)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	if (o->aggregate == HM_AGGREGATE_SUM && !sites->value_column) {
		free(country);
		return hm_error(ctx, HM_EUSAGE,
				"aggregate sum: %s has no value column (looked for value, count, "
				"victims, n); count its sites, or name its value column",
				sites->path);
	}
	if (sites->lons) { /* compact: no site of its own, only a surface */
		free(country);
		return place_compact(m, ctx, sites, o);
	}
	rc = hm_assign_all(country, ctx, layer, sites, o->near_km, NULL);
	if (rc == HM_OK)
		rc = place_all(m, ctx, sites, o, layer, country);
	free(country);
	return rc;
}
