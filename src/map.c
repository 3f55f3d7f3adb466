/* Map set-up and layout. Everything is computed once here, in PNG pixels,
 * so that PNG, SVG and PDF draw the same map and the manifest describes it. */
#include "map_priv.h"

#include "alttext.h"
#include "context.h"
#include "frame.h"
#include "furniture.h"
#include "graticule.h"
#include "insets.h"
#include "labels.h"
#include "density.h"
#include "names.h"
#include "layers.h"
#include "place.h"
#include "project.h"
#include "provinces.h"
#include "shapes_priv.h"
#include "text.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *default_title(const char *col)
{
	size_t n = strlen(col) + 16;
	char *t = malloc(n);

	if (!t)
		return NULL;
	snprintf(t, n, "%s by site", col);
	if (t[0] >= 'a' && t[0] <= 'z')
		t[0] = (char)(t[0] - 'a' + 'A');
	return t;
}

/* "3,376 sites": the title of a map of sites without values. */
static char *count_title(size_t n)
{
	char num[64], *t = malloc(96);

	if (t) {
		hm_format_value(num, sizeof(num), (double)n);
		snprintf(t, 96, "%s site%s", num, n == 1 ? "" : "s");
	}
	return t;
}

static char *source_line(const char *source, const char *csv)
{
	const char *base = strrchr(csv, '/');
	size_t n;
	char *s;

	base = base ? base + 1 : csv;
	n = strlen(source ? source : base) + 96;
	s = malloc(n);
	if (!s)
		return NULL;
	if (source && *source)
		snprintf(s, n, "Source: %s. Basemap: Natural Earth.", source);
	else
		snprintf(s, n, "Data: %s. Basemap: Natural Earth.", base);
	return s;
}

/* A layer clipped to the map: from the session's cache when there is one
 * (batches, watch), else read from the file, only the records in view. */
static int load_layer(hm_layer **out, hm_ctx *ctx, const hm_map_opts *o, const char *path,
		      const hm_bbox *clip)
{
	const hm_layer *full;
	double t0 = hm_now();
	int rc;

	if (!o->shapes_cache) {
		rc = hm_layer_load(out, ctx, path, clip);
	} else {
		rc = hm_shapes_cache_get(&full, ctx, o->shapes_cache, path);
		if (rc == HM_OK)
			rc = hm_layer_clip(out, ctx, full, clip);
	}
	hm_ctx_add_time(ctx, HM_STAGE_LOAD_SHAPES, hm_now() - t0);
	return rc;
}

static int map_build(hm_map **out, hm_ctx *ctx, const hm_sites *sites, const hm_map_opts *o,
		     int role, const double *panel);

/* Insets are maps: insets.c builds them through this. */
static const hm_map_maker maker = {map_build, hm_map_free};

/* A new map of o's size and style, or an error for a size or dpi out of
 * bounds. */
static int new_map(hm_map **out, hm_ctx *ctx, const hm_sites *sites, const hm_map_opts *o, int role,
		   const double *panel)
{
	hm_map *m;

	*out = NULL;
	if (o->width < 100 || o->height < 100 || o->width > HM_MAX_SIDE ||
	    o->height > HM_MAX_SIDE || (double)o->width * o->height > HM_MAX_PIXELS)
		return hm_error(ctx, HM_EUSAGE,
				"size %dx%d: each side must be 100 to %d pixels "
				"and the image at most %.0f megapixels",
				o->width, o->height, HM_MAX_SIDE, HM_MAX_PIXELS / 1e6);
	if (!(o->dpi >= 36 && o->dpi <= 2400))
		return hm_error(ctx, HM_EUSAGE, "dpi %g: must be 36 to 2400", o->dpi);
	if (!sites || (sites->count == 0 && !o->extent && !o->country))
		return hm_error(ctx, HM_EDATA, "no sites to draw");
	m = calloc(1, sizeof(*m));
	if (!m)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	if (o->style)
		m->look = *o->style;
	else
		hm_style_init(&m->look);
	m->width = o->width;
	m->height = o->height;
	m->dpi = o->dpi;
	m->px_per_pt = o->dpi / 72.0;
	m->role = role;
	m->hide_symbols = role == ROLE_LOCATOR;
	*out = m;
	if (hm_frame_layout(m, o, panel) < 0)
		return hm_error(ctx, HM_EUSAGE, "size %dx%d at %g dpi leaves no room for the map",
				o->width, o->height, o->dpi);
	return HM_OK;
}

/* A country's map: the parts of o->country that belong on it (country.h),
 * from the countries' shapes (o->shapes, else the shipped 1:10m), read
 * whole (through the session's cache when there is one). */
static int fit_country(hm_map *m, hm_ctx *ctx, const hm_sites *sites, const hm_map_opts *o)
{
	char shp[4096];
	const hm_layer *world = NULL;
	hm_layer *own = NULL;
	long f;
	int rc;

	if (o->shapes)
		snprintf(shp, sizeof(shp), "%s", o->shapes);
	else
		hm_shapes_countries_path(shp, sizeof(shp), o->shapes_dir, HM_RES_10M);
	if (o->shapes_cache) {
		rc = hm_shapes_cache_get(&world, ctx, o->shapes_cache, shp);
	} else {
		rc = hm_layer_load(&own, ctx, shp, NULL);
		world = own;
	}
	if (rc < 0)
		return rc;
	f = hm_layer_find_name(world, o->country);
	if (f < 0) {
		hm_layer_free(own);
		return hm_error(ctx, HM_EUSAGE, "country \"%.40s\": not a country of %s",
				o->country, shp);
	}
	m->country = calloc(1, sizeof(*m->country));
	rc = m->country ? hm_country_fit_make(m->country, ctx, world, f, sites)
			: hm_error(ctx, HM_ENOMEM, "out of memory");
	hm_layer_free(own);
	if (rc < 0)
		return rc;
	m->extent = m->country->extent;
	hm_log(ctx, HM_LOG_INFO, "%s: %zu of %zu parts kept (%.0f of %.0f km2)%s", m->country->name,
	       m->country->nkept, m->country->nparts, m->country->kept_km2, m->country->area_km2,
	       m->country->crosses_180 ? "; across the antimeridian" : "");
	return HM_OK;
}

/* m->extent: the one given, else the country's, else fitted to the sites,
 * padded. */
static int fit_extent(hm_map *m, hm_ctx *ctx, const hm_sites *sites, const hm_map_opts *o)
{
	double *lon, *lat;

	if (o->extent) {
		m->extent = *o->extent;
		return HM_OK;
	}
	if (o->country && sites->lons)
		return hm_error(ctx, HM_EUSAGE,
				"a country's map needs its sites whole, not compact");
	if (o->country)
		return fit_country(m, ctx, sites, o);
	if (sites->lons) { /* compact: the arrays as they are */
		hm_bbox_fit(&m->extent, sites->lons, sites->lats, sites->count, 0.12, 2.0);
		goto fitted;
	}
	lon = malloc(sites->count * sizeof(double));
	lat = malloc(sites->count * sizeof(double));
	if (!lon || !lat) {
		free(lon);
		free(lat);
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < sites->count; i++)
		lon[i] = sites->items[i].lon, lat[i] = sites->items[i].lat;
	hm_bbox_fit(&m->extent, lon, lat, sites->count, 0.12, 2.0);
	free(lon);
	free(lat);
fitted:
	/* sites over more than half the globe: a world map, centred on
	 * Greenwich as readers expect, not an odd slice of the globe */
	if (hm_bbox_lon_span(&m->extent) > 180) {
		m->extent.w = -180;
		m->extent.e = 180;
	}
	return HM_OK;
}

/* The frame stage: extent, CRS, transform, clip box, the edge of the world. */
static int make_frame(hm_map *m, hm_ctx *ctx, const hm_sites *sites, const hm_map_opts *o)
{
	int rc = fit_extent(m, ctx, sites, o);

	if (rc == HM_OK)
		rc = hm_proj_new(&m->proj, ctx, o->crs, &m->extent);
	if (rc < 0)
		return rc;
	hm_log(ctx, HM_LOG_INFO, "extent: %g,%g,%g,%g", m->extent.w, m->extent.s, m->extent.e,
	       m->extent.n);
	hm_log(ctx, HM_LOG_INFO, "projection: %s: %s", hm_proj_description(m->proj),
	       hm_proj_definition(m->proj));
	if (o->size_auto && m->role == ROLE_MAIN) {
		if (hm_frame_size_auto(m, o) < 0)
			return hm_error(ctx, HM_EUSAGE,
					"size auto at %g dpi leaves no room for the map", o->dpi);
		hm_log(ctx, HM_LOG_INFO, "size auto: %.0fx%.0f", m->width, m->height);
	}
	rc = hm_frame_fit(m, ctx);
	if (rc < 0)
		return rc;
	hm_frame_clip_box(m);
	if (hm_sphere_make(m) < 0)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	return HM_OK;
}

/* The countries: the shapefile o names, else the shipped one for the map's
 * scale, clipped to the frame (*layer); m->features to project them into. */
static int load_countries(hm_map *m, hm_ctx *ctx, const hm_map_opts *o, hm_layer **layer)
{
	char shp[4096];
	int rc;

	if (o->shapes) {
		snprintf(shp, sizeof(shp), "%s", o->shapes);
	} else {
		hm_resolution res = hm_shapes_resolution_for_scale(m->scale);
		hm_shapes_countries_path(shp, sizeof(shp), o->shapes_dir, res);
	}
	hm_log(ctx, HM_LOG_INFO, "scale 1:%.0f; shapes %s", m->scale, shp);
	m->shapes_path = hm_strdup(shp);
	rc = load_layer(layer, ctx, o, shp, &m->clip);
	if (rc < 0)
		return rc;
	m->features = calloc((*layer)->count ? (*layer)->count : 1, sizeof(hm_map_feature));
	if (!m->shapes_path || !m->features)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	m->nfeatures = (*layer)->count;
	for (size_t i = 0; i < (*layer)->count; i++)
		m->features[i].path.closed = (*layer)->polygons;
	return HM_OK;
}

/* The style's own layers (rivers, lakes, ...), read and projected. */
static int load_style_layers(hm_map *m, hm_ctx *ctx, const hm_map_opts *o)
{
	for (int k = 0; k < m->look.nlayers; k++) {
		hm_layer *extra = NULL;
		hm_style_paths *ml = &m->extra[m->nextra];
		int rc = load_layer(&extra, ctx, o, m->look.layers[k].path, &m->clip);
		if (rc < 0)
			return rc;
		ml->style = &m->look.layers[k];
		ml->paths = calloc(extra->count ? extra->count : 1, sizeof(hm_pxpath));
		if (!ml->paths) {
			hm_layer_free(extra);
			return hm_error(ctx, HM_ENOMEM, "out of memory");
		}
		m->nextra++;
		for (size_t i = 0; i < extra->count; i++) {
			ml->paths[i].closed = extra->polygons;
			ml->n++;
			if (hm_project_geom(m, m->proj, extra->geos, extra->items[i].geom,
					    &ml->paths[i]) < 0) {
				hm_layer_free(extra);
				return hm_error(ctx, HM_ENOMEM, "out of memory");
			}
		}
		hm_log(ctx, HM_LOG_INFO, "layer %s: %zu features from %s", m->look.layers[k].name,
		       extra->count, m->look.layers[k].path);
		hm_layer_free(extra);
	}
	return HM_OK;
}

/* The layers stage: countries and the style's layers projected and
 * generalised; the countries' label centres found meanwhile (c, or NULL). */
static int make_layers(hm_map *m, hm_ctx *ctx, const hm_map_opts *o, hm_layer **layer,
		       hm_country_centres *c)
{
	double t0;
	int rc = load_countries(m, ctx, o, layer);

	if (rc < 0)
		return rc;
	t0 = hm_now();
	if (hm_project_features(m, ctx, *layer) < 0)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	rc = load_style_layers(m, ctx, o);
	if (rc == HM_OK && m->role == ROLE_MAIN)
		rc = hm_provinces_load(m, ctx, o);
	if (rc < 0)
		return rc;
	if (c && hm_labels_centres_init(c, (*layer)->count) < 0)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	if (hm_project_finish(m, ctx, *layer, c) < 0)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	hm_ctx_add_time(ctx, HM_STAGE_PROJECT, hm_now() - t0);
	return HM_OK;
}

/* The layout stage: sites, legend and scale bar, insets, north arrow and
 * graticule, labels. It reads no file (insets' maps read their own). */
static int make_layout(hm_map *m, hm_ctx *ctx, const hm_sites *sites, const hm_map_opts *o,
		       hm_layer *layer, hm_country_centres *c)
{
	double t0 = hm_now(), inset_stages = 0;
	int main_map = m->role == ROLE_MAIN && !o->plain;
	int rc = hm_place_sites(m, ctx, sites, o, layer);

	if (rc == HM_OK && main_map) {
		if (m->density) {
			hm_density_legend_place(m);
		} else {
			hm_legend_values(m, m->vmin);
			hm_legend_place(m);
		}
		hm_scalebar_place(m);
	}
	/* insets are furniture that the labels of the main map avoid */
	if (rc == HM_OK && main_map) {
		const hm_timings *T = hm_ctx_timings(ctx);
		double before = T->load_shapes + T->project;
		rc = hm_insets_make(m, ctx, sites, o, &maker);
		inset_stages = T->load_shapes + T->project - before;
	}
	if (rc == HM_OK && main_map) {
		hm_north_arrow_place(m);
		if (hm_graticule_make(m) < 0)
			rc = hm_error(ctx, HM_ENOMEM, "out of memory");
	}
	if (rc == HM_OK && !o->plain && m->role != ROLE_LOCATOR && !m->density)
		rc = hm_labels_place_sites(m, ctx, o->labels);
	if (rc == HM_OK && c)
		rc = hm_labels_place_countries(m, ctx, layer, c);
	if (rc == HM_OK)
		rc = hm_provinces_layout(m, ctx, o->near_km, !o->plain);
	if (rc < 0)
		return rc;
	if (m->ncategories > (size_t)m->look.ncategories)
		hm_log(ctx, HM_LOG_WARN,
		       "%s: %zu categories but the style has %d colours; "
		       "colours repeat",
		       sites->path, m->ncategories, m->look.ncategories);
	m->highlighted = (const char **)m->hl_names;
	/* insets count their own stages; do not count them twice */
	if (m->role == ROLE_MAIN)
		hm_ctx_add_time(ctx, HM_STAGE_LAYOUT, hm_now() - t0 - inset_stages);
	return HM_OK;
}

/* Title, subtitle, source line and the texts the layout needs. */
/* The sites the map shows: those binned in its surface, or whose symbols
 * lie in its frame. */
static size_t sites_shown(const hm_map *m)
{
	size_t n = 0;

	if (m->density)
		return m->density->sites_in;
	for (size_t i = 0; i < m->nsites; i++)
		n += hm_site_in_frame(m, &m->sites[i]);
	return n;
}

static int set_texts(hm_map *m, hm_ctx *ctx, const hm_sites *sites, const hm_map_opts *o)
{
	m->value_column = sites->value_column ? hm_strdup(sites->value_column) : NULL;
	m->title = o->title	     ? hm_strdup(o->title)
		   : m->value_column ? default_title(m->value_column)
				     : count_title(sites_shown(m));
	m->subtitle = o->subtitle ? hm_strdup(o->subtitle) : NULL;
	m->source_line = source_line(o->source, sites->path);
	if ((sites->value_column && !m->value_column) || !m->title || !m->source_line ||
	    (o->subtitle && !m->subtitle))
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	return HM_OK;
}

/* Lay out a map, stage after stage: the main map (panel NULL) or an inset
 * drawn into a panel of its parent's canvas. */
static int map_build(hm_map **out, hm_ctx *ctx, const hm_sites *sites, const hm_map_opts *o,
		     int role, const double *panel)
{
	hm_layer *layer = NULL;
	hm_map *m = NULL;
	hm_country_centres centres = {0};
	hm_country_centres *c = !o->plain && role != ROLE_LOCATOR ? &centres : NULL;
	int rc = new_map(&m, ctx, sites, o, role, panel);

	*out = NULL;
	if (rc == HM_OK)
		rc = make_frame(m, ctx, sites, o);
	if (rc == HM_OK)
		rc = make_layers(m, ctx, o, &layer, c);
	if (rc == HM_OK) {
		m->label_px = hm_pt(m, m->look.label_pt);
		m->halo_px = hm_pt(m, m->look.halo_pt);
		m->source_name = hm_strdup(sites->path);
		if (!m->source_name)
			rc = hm_error(ctx, HM_ENOMEM, "out of memory");
	}
	if (rc == HM_OK)
		rc = make_layout(m, ctx, sites, o, layer, c);
	if (rc == HM_OK)
		rc = set_texts(m, ctx, sites, o);
	if (rc == HM_OK && m->role == ROLE_MAIN) {
		m->alt_text = hm_alt_text_make(m, sites->skipped);
		if (!m->alt_text)
			rc = hm_error(ctx, HM_ENOMEM, "out of memory");
	}
	if (rc == HM_OK) {
		hm_layers_assemble(m);
		*out = m;
		m = NULL;
	}
	hm_labels_centres_free(&centres);
	hm_layer_free(layer);
	hm_map_free(m);
	return rc;
}

/* A north arrow where north is not up everywhere (conic and azimuthal maps
 * of a wide area), or always/never as the style says. */
int hm_map_new(hm_map **out, hm_ctx *ctx, const hm_sites *sites, const hm_map_opts *opts)
{
	hm_map_opts defaults = HM_MAP_OPTS_INIT;

	return map_build(out, ctx, sites, opts ? opts : &defaults, ROLE_MAIN, NULL);
}

size_t hm_map_inset_count(const hm_map *map)
{
	return map->ninsets;
}

const hm_map *hm_map_inset(const hm_map *map, size_t i, hm_inset_kind *kind, double panel[4],
			   double source[4])
{
	const hm_map *im = map->insets[i];

	if (kind)
		*kind = map->inset_kind[i];
	if (panel)
		memcpy(panel, im->frame, sizeof(im->frame));
	if (source)
		memcpy(source, map->inset_source[i], sizeof(map->inset_source[i]));
	return im;
}

const hm_proj *hm_map_proj(const hm_map *map)
{
	return map->proj;
}

hm_bbox hm_map_extent(const hm_map *map)
{
	return map->extent;
}

const char *hm_map_shapes_path(const hm_map *map)
{
	return map->shapes_path;
}

double hm_map_scale(const hm_map *map)
{
	return map->scale;
}

void hm_map_transform(const hm_map *map, double t[6])
{
	memcpy(t, map->t, sizeof(map->t));
}

void hm_map_frame(const hm_map *map, double f[4])
{
	memcpy(f, map->frame, sizeof(map->frame));
}

size_t hm_map_site_count(const hm_map *map)
{
	return map->nsites;
}

const hm_map_site *hm_map_site_at(const hm_map *map, size_t i)
{
	return &map->sites[i];
}

double hm_map_vmax(const hm_map *map, double *rmax)
{
	if (rmax)
		*rmax = map->rmax;
	return map->vmax;
}

void hm_map_legend(const hm_map *map, const double **values, const double **radii, size_t *n)
{
	*values = map->legend_values;
	*radii = map->legend_radii;
	*n = map->nlegend;
}

const char *hm_map_alt_text(const hm_map *map)
{
	return map->alt_text;
}

const char *const *hm_map_highlighted(const hm_map *map, size_t *n)
{
	*n = map->nhighlighted;
	return map->highlighted;
}

const hm_map_country_label *hm_map_country_labels(const hm_map *map, size_t *n)
{
	*n = map->ncountry_labels;
	return map->country_labels;
}

double hm_map_scalebar(const hm_map *map, double box[4], double *bar_px)
{
	if (box)
		memcpy(box, map->scalebar_box, sizeof(map->scalebar_box));
	if (bar_px)
		*bar_px = map->scalebar_px;
	return map->scalebar_km;
}

void hm_map_free(hm_map *map)
{
	if (!map)
		return;
	for (size_t i = 0; i < map->nlayers; i++)
		if (map->layers[i].kind->free)
			map->layers[i].kind->free((void *)map->layers[i].data);
	for (size_t i = 0; i < map->ninsets; i++)
		hm_map_free(map->insets[i]);
	hm_path_free(&map->outline);
	hm_path_free(&map->graticule);
	hm_path_free(&map->sphere);
	for (size_t i = 0; map->labels && i < map->nsites; i++)
		free(map->labels[i]);
	free(map->labels);
	for (size_t i = 0; map->categories && i < map->ncategories; i++)
		free(map->categories[i]);
	free(map->categories);
	for (size_t i = 0; i < map->ncountry_labels; i++)
		free(map->country_label_text[i]);
	free(map->country_label_text);
	free(map->country_labels);
	free(map->source_name);
	hm_site_grid_free(map->site_grid);
	free(map->true_xy);
	hm_density_free(map->density);
	hm_proj_free(map->proj);
	for (size_t k = 0; k < map->nextra; k++) {
		for (size_t i = 0; i < map->extra[k].n; i++)
			hm_path_free(&map->extra[k].paths[i]);
		free(map->extra[k].paths);
	}
	for (size_t i = 0; i < map->nfeatures; i++)
		hm_path_free(&map->features[i].path);
	free(map->features);
	for (size_t i = 0; map->names && i < map->nsites; i++)
		free(map->names[i]);
	for (size_t i = 0; map->hl_names && i < map->nhighlighted; i++)
		free(map->hl_names[i]);
	free(map->names);
	free(map->hl_names);
	for (size_t i = 0; i < map->nsite_countries; i++)
		free(map->site_countries[i].name);
	free(map->site_countries);
	free(map->alt_text);
	free(map->sites);
	free(map->order);
	free(map->shapes_path);
	free(map->title);
	free(map->subtitle);
	free(map->source_line);
	free(map->value_column);
	hm_provinces_free(map);
	hm_country_fit_free(map->country);
	free(map->country);
	free(map);
}
