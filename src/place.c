/* Sites on the map: each projected to pixels, sized by its value, given its
 * country (assign.h) and its label text; the countries with sites
 * highlighted; the drawing order. */
#include "place.h"

#include "assign.h"
#include "context.h"
#include "frame.h"
#include "text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

double hm_map_radius(const hm_map *m, double value)
{
	double e = m->look.scaling == HM_SCALING_FLANNERY ? 0.5716 : 0.5;

	if (!(m->vmax > 0) || !(value > 0))
		return 0;
	return m->rmax * pow(value / m->vmax, e);
}

/* Largest value first; ties keep the CSV's order (deterministic output). */
static int cmp_order(const void *a, const void *b)
{
	const hm_map_site *s = *(const hm_map_site *const *)a;
	const hm_map_site *t = *(const hm_map_site *const *)b;

	if (s->value != t->value)
		return s->value < t->value ? 1 : -1;
	return (s > t) - (s < t);
}

/* Every site on m; country[i]: its feature of layer (assign.h), or -1. */
static int place_all(hm_map *m, hm_ctx *ctx, const hm_sites *sites, const hm_map_opts *o,
		     const hm_layer *layer, const long *country)
{
	double vmin = HUGE_VAL;
	size_t n = sites->count;

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
	m->vmax = o->max_value > 0 ? o->max_value : hm_sites_max_value(sites);
	m->rmax = m->look.r_max_mm / 25.4 * m->dpi;
	for (size_t i = 0; i < n; i++) {
		const hm_site *src = &sites->items[i];
		hm_map_site *s = &m->sites[i];
		long f = -1;
		m->names[i] = hm_strdup(src->name);
		if (!m->names[i])
			return hm_error(ctx, HM_ENOMEM, "out of memory");
		s->name = m->names[i];
		/* what is drawn: no control characters, at most 80 characters */
		m->labels[i] = hm_text_clean(src->label ? src->label : src->name, 80);
		if (!m->labels[i])
			return hm_error(ctx, HM_ENOMEM, "out of memory");
		s->label = m->labels[i];
		if (src->category) {
			/* categories are numbered in order of first appearance */
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
		s->lon = src->lon, s->lat = src->lat, s->value = src->value;
		s->line = src->line;
		s->x = src->lon, s->y = src->lat;
		hm_proj_fwd(m->proj, &s->x, &s->y, 1);
		hm_frame_to_px(m, &s->x, &s->y, 1);
		s->r = hm_map_radius(m, s->value);
		if (src->value < vmin)
			vmin = src->value;
		m->order[i] = i;
		f = country[i];
		if (f >= 0)
			memcpy(s->country_iso, layer->items[f].iso_a3, sizeof(s->country_iso));
		if (f >= 0 && !m->features[f].highlight) {
			m->features[f].highlight = 1;
			m->hl_names[m->nhighlighted] = hm_strdup(layer->items[f].name);
			if (!m->hl_names[m->nhighlighted++])
				return hm_error(ctx, HM_ENOMEM, "out of memory");
		}
		if (s->x == HUGE_VAL)
			hm_log(ctx, HM_LOG_WARN,
			       "%s:%zu: site \"%s\" cannot be projected; not drawn", sites->path,
			       src->line, src->name);
	}
	{
		const hm_map_site **ptr = malloc((n ? n : 1) * sizeof(*ptr));
		if (!ptr)
			return hm_error(ctx, HM_ENOMEM, "out of memory");
		for (size_t i = 0; i < n; i++)
			ptr[i] = &m->sites[i];
		qsort(ptr, n, sizeof(*ptr), cmp_order);
		for (size_t i = 0; i < n; i++)
			m->order[i] = (size_t)(ptr[i] - m->sites);
		free(ptr);
	}
	snprintf(m->legend_caption, sizeof(m->legend_caption), "%s",
		 o->legend_title       ? o->legend_title
		 : sites->value_column ? sites->value_column
				       : "Value");
	if (m->legend_caption[0] >= 'a' && m->legend_caption[0] <= 'z')
		m->legend_caption[0] = (char)(m->legend_caption[0] - 'a' + 'A');
	m->vmin = vmin;
	return HM_OK;
}

int hm_place_sites(hm_map *m, hm_ctx *ctx, const hm_sites *sites, const hm_map_opts *o,
		   hm_layer *layer)
{
	long *country = malloc((sites->count ? sites->count : 1) * sizeof(long));
	int rc;

	if (!country)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	rc = hm_assign_all(country, ctx, layer, sites, o->near_km, NULL);
	if (rc == HM_OK)
		rc = place_all(m, ctx, sites, o, layer, country);
	free(country);
	return rc;
}
