/* Provinces from the user's boundary file (provinces.h). */
#include "provinces.h"

#include "context.h"
#include "names.h"
#include "project.h"
#include "shapes_priv.h"
#include "text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <shapefil.h>

/* The file beside a shapefile with extension ext (".prj"), into buf. */
static const char *sibling(char *buf, size_t cap, const char *path, const char *ext)
{
	const char *dot = strrchr(path, '.');
	size_t n = dot && !strchr(dot, '/') ? (size_t)(dot - path) : strlen(path);

	snprintf(buf, cap, "%.*s%s", (int)(n < cap - 8 ? n : cap - 8), path, ext);
	return buf;
}

/* The .prj beside path says a projected CRS: hotmap reads provinces in
 * longitude/latitude. 1 when it does. */
static int prj_projected(const char *path)
{
	char prj[4096], head[16] = "";
	FILE *f;

	if (!(f = fopen(sibling(prj, sizeof(prj), path, ".prj"), "r")))
		return 0;
	if (!fgets(head, sizeof(head), f))
		head[0] = '\0';
	fclose(f);
	return strncasecmp(head, "PROJCS", 6) == 0 || strncasecmp(head, "PROJCRS", 7) == 0;
}

/* The field to name provinces by: the caller's, else the first of
 * HM_PROVINCE_FIELDS that the .dbf has (NULL: none, and an error). */
static const char *pick_field(hm_ctx *ctx, const char *path, const char *given, char *buf,
			      size_t cap)
{
	static const char *const fields[] = {HM_PROVINCE_FIELDS, NULL};
	char dbfp[4096];
	DBFHandle dbf;

	if (given)
		return given;
	dbf = DBFOpen(sibling(dbfp, sizeof(dbfp), path, ".dbf"), "rb");
	if (!dbf) {
		hm_error(ctx, HM_EDATA, "%s: missing or not a .dbf", dbfp);
		return NULL;
	}
	for (int k = 0; fields[k]; k++)
		if (DBFGetFieldIndex(dbf, fields[k]) >= 0) {
			snprintf(buf, cap, "%s", fields[k]);
			DBFClose(dbf);
			return buf;
		}
	DBFClose(dbf);
	hm_error(ctx, HM_EDATA,
		 "%s: none of the usual name fields (NAME_1, ADM1_EN, ADM1_NAME, shapeName, "
		 "NAME, name); name one (the province-name option)",
		 dbfp);
	return NULL;
}

/* The file's coordinates are longitude/latitude: its header's bounds. */
static int check_bounds(hm_ctx *ctx, const char *path)
{
	SHPHandle h = SHPOpen(path, "rb");
	double lo[4], hi[4];
	int n = 0, type = 0;

	if (!h)
		return HM_OK; /* the load says what is wrong with it */
	SHPGetInfo(h, &n, &type, lo, hi);
	SHPClose(h);
	if (n > 0 && (lo[0] < -180.5 || hi[0] > 180.5 || lo[1] < -90.5 || hi[1] > 90.5))
		return hm_error(ctx, HM_EDATA,
				"%s: coordinates from %.0f,%.0f to %.0f,%.0f are not "
				"longitude/latitude within -180..180, -90..90; reproject the "
				"file to EPSG:4326, e.g. ogr2ogr -t_srs EPSG:4326",
				path, lo[0], lo[1], hi[0], hi[1]);
	return HM_OK;
}

/* The file can serve: polygons, some of them. */
static int check_layer(hm_ctx *ctx, const char *path, const hm_layer *L)
{
	if (!L->polygons)
		return hm_error(ctx, HM_EDATA, "%s: lines, not polygons: provinces are areas",
				path);
	if (L->count == 0)
		return hm_error(ctx, HM_EDATA, "%s: no polygon in it", path);
	return HM_OK;
}

/* The shipped divisions of a country's map (shapes/provinces/ISO3.shp,
 * from GMT's DCW: see its README), or NULL. */
static const char *shipped(const hm_map *m, const hm_map_opts *o, char *buf, size_t cap)
{
	char countries[4096], *slash;
	struct stat st;

	if (!m->country || strlen(m->country->iso) != 3)
		return NULL;
	/* beside the shipped countries */
	hm_shapes_countries_path(countries, sizeof(countries), o->shapes_dir, HM_RES_10M);
	slash = strrchr(countries, '/');
	snprintf(buf, cap, "%.*s/provinces/%s.shp", slash ? (int)(slash - countries) : 1,
		 slash ? countries : ".", m->country->iso);
	return stat(buf, &st) == 0 && S_ISREG(st.st_mode) ? buf : NULL;
}

int hm_provinces_load(hm_map *m, hm_ctx *ctx, const hm_map_opts *o)
{
	char fbuf[32], sbuf[4096];
	const char *field, *path = o->provinces;
	hm_layer *L = NULL, *view = NULL;
	hm_map_opts so;
	int rc;

	if (path && strcmp(path, "none") == 0)
		return HM_OK;
	if (!path && (path = shipped(m, o, sbuf, sizeof(sbuf)))) {
		so = *o;
		so.provinces = path;
		so.province_field = "NAME_1";
		o = &so;
	}
	if (!o->provinces)
		return HM_OK;
	if (prj_projected(o->provinces))
		return hm_error(ctx, HM_EDATA,
				"%s: its .prj is a projected CRS; hotmap reads provinces in "
				"longitude/latitude: reproject it to EPSG:4326, e.g. ogr2ogr "
				"-t_srs EPSG:4326",
				o->provinces);
	field = pick_field(ctx, o->provinces, o->province_field, fbuf, sizeof(fbuf));
	if (!field)
		return hm_ctx_errcode(ctx);
	rc = check_bounds(ctx, o->provinces);
	if (rc == HM_OK)
		rc = hm_layer_load_named(&L, ctx, o->provinces, NULL, field);
	if (rc == HM_OK)
		rc = check_layer(ctx, o->provinces, L);
	if (rc == HM_OK)
		rc = hm_layer_clip(&view, ctx, L, &m->clip);
	if (rc < 0) {
		hm_layer_free(L);
		return rc;
	}
	m->prov_layer = L;
	m->prov_file = hm_strdup(o->provinces);
	m->prov_field = hm_strdup(field);
	m->prov_names = calloc(L->count ? L->count : 1, sizeof(char *));
	m->prov_paths = calloc(view->count ? view->count : 1, sizeof(hm_pxpath));
	rc = m->prov_file && m->prov_field && m->prov_names && m->prov_paths
		     ? HM_OK
		     : hm_error(ctx, HM_ENOMEM, "out of memory");
	for (size_t i = 0; rc == HM_OK && i < L->count; i++) {
		m->prov_names[i] = hm_strdup(L->items[i].name ? L->items[i].name : "");
		if (!m->prov_names[i])
			rc = hm_error(ctx, HM_ENOMEM, "out of memory");
		m->nprov++;
	}
	for (size_t i = 0; rc == HM_OK && i < view->count; i++) {
		hm_pxpath *p = &m->prov_paths[m->nprov_paths++];
		p->closed = 1;
		if (hm_project_geom(m, m->proj, view->geos, view->items[i].geom, p) < 0)
			rc = hm_error(ctx, HM_ENOMEM, "out of memory");
	}
	hm_log(ctx, HM_LOG_INFO, "provinces: %zu in %s (field %s), %zu in view", L->count,
	       o->provinces, field, view->count);
	hm_layer_free(view);
	return rc;
}

/* Each site's province: inside, else the nearest within near_km. */
static int assign(hm_map *m, hm_ctx *ctx, double near_km)
{
	hm_layer_query *q = hm_layer_own_query(m->prov_layer);

	m->site_prov = malloc((m->nsites ? m->nsites : 1) * sizeof(long));
	if (!q || !m->site_prov)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	for (size_t i = 0; i < m->nsites; i++) {
		hm_map_site *s = &m->sites[i];
		long f = hm_layer_query_point(q, m->prov_layer, s->lon, s->lat);
		if (f < 0)
			f = hm_layer_query_nearest(q, m->prov_layer, s->lon, s->lat, near_km);
		m->site_prov[i] = f;
		s->province = f >= 0 ? m->prov_names[f] : NULL;
	}
	return HM_OK;
}

/* A province in the order names are placed: largest first, then the
 * file's order. */
typedef struct {
	double area;
	size_t i;
} by_area;

static int cmp_area(const void *a, const void *b)
{
	const by_area *x = a, *y = b;

	if (x->area != y->area)
		return x->area < y->area ? 1 : -1;
	return (x->i > y->i) - (x->i < y->i);
}

/* The provinces' names, largest first, inside each (names.h). */
static int name_all(hm_map *m, hm_ctx *ctx)
{
	hm_layer *L = m->prov_layer;
	double px = hm_pt(m, m->look.country_label_pt * 0.8);
	by_area *order = calloc(L->count ? L->count : 1, sizeof(*order));

	m->province_labels = calloc(L->count ? L->count : 1, sizeof(*m->province_labels));
	if (!order || !m->province_labels) {
		free(order);
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < L->count; i++) {
		order[i].i = i;
		if (L->items[i].geom)
			GEOSArea_r(L->geos, L->items[i].geom, &order[i].area);
	}
	qsort(order, L->count, sizeof(*order), cmp_area);
	for (size_t k = 0; k < L->count; k++) {
		size_t i = order[k].i;
		double w, h, b[4];
		if (!L->items[i].geom || !m->prov_names[i][0])
			continue;
		hm_text_size(m->look.font, px, 0, m->prov_names[i], &w, &h);
		if (!hm_names_place_inside(m, L->geos, L->items[i].geom, w, h, b))
			continue;
		m->province_labels[m->nprovince_labels].name = m->prov_names[i];
		memcpy(m->province_labels[m->nprovince_labels++].box, b, sizeof(b));
	}
	free(order);
	return HM_OK;
}

int hm_provinces_layout(hm_map *m, hm_ctx *ctx, double near_km, int names)
{
	int rc;

	if (!m->prov_layer)
		return HM_OK;
	rc = assign(m, ctx, near_km);
	if (rc == HM_OK && names)
		rc = name_all(m, ctx);
	hm_layer_free(m->prov_layer);
	m->prov_layer = NULL;
	return rc;
}

void hm_provinces_free(hm_map *m)
{
	hm_layer_free(m->prov_layer);
	for (size_t i = 0; i < m->nprov_paths; i++)
		hm_path_free(&m->prov_paths[i]);
	free(m->prov_paths);
	for (size_t i = 0; m->prov_names && i < m->nprov; i++)
		free(m->prov_names[i]);
	free(m->prov_names);
	free(m->site_prov);
	free(m->prov_file);
	free(m->prov_field);
	free(m->province_labels);
}

size_t hm_provinces_tally(const hm_map *m, hm_province_tally **out)
{
	size_t *count, n = 0;
	double *sum;

	*out = NULL;
	if (!m->prov_file || !m->site_prov || m->nprov == 0)
		return 0;
	count = calloc(m->nprov, sizeof(size_t));
	sum = calloc(m->nprov, sizeof(double));
	if (!count || !sum) {
		free(count);
		free(sum);
		return (size_t)-1;
	}
	for (size_t i = 0; i < m->nsites; i++)
		if (m->site_prov[i] >= 0) {
			n += count[m->site_prov[i]]++ == 0;
			sum[m->site_prov[i]] += m->sites[i].value;
		}
	if (n && !(*out = malloc(n * sizeof(**out))))
		n = (size_t)-1;
	for (size_t p = 0, k = 0; *out && p < m->nprov; p++)
		if (count[p])
			(*out)[k++] = (hm_province_tally){m->prov_names[p], count[p], sum[p]};
	free(count);
	free(sum);
	return n;
}
