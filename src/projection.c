/* Projection stage. The "auto" projections are built from PROJ strings with
 * no database look-up, which keeps map set-up cheap; a CRS given by the user
 * (EPSG code, WKT) goes through proj_create_crs_to_crs as it must. */
#include "hotmap/projection.h"

#include "context.h"
#include "numfmt.h"

#include <ctype.h>
#include <math.h>
#include <proj.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct hm_proj {
	PJ_CONTEXT *pctx;
	PJ *op;	  /* lon/lat degrees -> easting/northing */
	PJ *geod; /* WGS84 ellipsoid, for distances; made on first use */
	char *definition;
	char description[160];
	double lon0;
	int is_auto;
	int db; /* pctx can reach proj.db */
};

static double wrap_lon(double lon)
{
	while (lon >= 180)
		lon -= 360;
	while (lon < -180)
		lon += 360;
	return lon;
}

double hm_bbox_lon_span(const hm_bbox *b)
{
	double d = b->e - b->w;

	return d < 0 ? d + 360 : d;
}

double hm_bbox_center_lon(const hm_bbox *b)
{
	return wrap_lon(b->w + hm_bbox_lon_span(b) / 2);
}

int hm_bbox_has_lon(const hm_bbox *b, double lon)
{
	double d = lon - b->w;

	if (hm_bbox_lon_span(b) >= 360)
		return 1;
	while (d < 0)
		d += 360;
	while (d >= 360)
		d -= 360;
	return d <= hm_bbox_lon_span(b) + 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Buckets of longitude for the widest gap among millions of sites: each
 * bucket's least and greatest longitude. Two sites next to each other with
 * a gap wider than a bucket (0.0055 degrees) lie in different buckets, the
 * first the greatest of its bucket and the second the least of the next
 * bucket with sites: so the widest gap between buckets is the widest of all
 * unless that is under a bucket's width, when the sites ring the globe and
 * the map is the world's. 65,536 buckets are 1 MiB, made in 0.3 ms; 2^20
 * were 16 MiB, 50 ms of page faults for a million sites. */
#define GAP_BUCKETS ((size_t)1 << 16)
/* Sites beyond which the buckets are faster than sorting. */
#define GAP_SORT_MAX ((size_t)1 << 16)

static int widest_gap_buckets(const double *lon, size_t n, double *gap, double *w, double *e)
{
	double *lo = malloc(GAP_BUCKETS * 2 * sizeof(double)), *hi, prev = 0;
	int any = 0;

	if (!lo)
		return -1;
	hi = lo + GAP_BUCKETS;
	for (size_t b = 0; b < GAP_BUCKETS; b++)
		lo[b] = HUGE_VAL, hi[b] = -HUGE_VAL;
	for (size_t i = 0; i < n; i++) {
		size_t b = (size_t)((lon[i] + 180) / 360 * (double)GAP_BUCKETS);
		b = b >= GAP_BUCKETS ? GAP_BUCKETS - 1 : b;
		lo[b] = fmin(lo[b], lon[i]), hi[b] = fmax(hi[b], lon[i]);
	}
	for (size_t b = 0; b < GAP_BUCKETS; b++) {
		if (lo[b] == HUGE_VAL)
			continue;
		if (any && lo[b] - prev > *gap)
			*gap = lo[b] - prev, *w = lo[b], *e = prev;
		any = 1;
		prev = hi[b];
	}
	free(lo);
	return 0;
}

void hm_bbox_fit(hm_bbox *out, const double *lon, const double *lat, size_t n, double pad,
		 double min_span)
{
	double *l, gap, w, e, s = 90, nn = -90, span, lpad;

	if (n == 0) {
		*out = (hm_bbox){-180, -90, 180, 90};
		return;
	}
	if (n > GAP_SORT_MAX) {
		double lmin = HUGE_VAL, lmax = -HUGE_VAL;
		for (size_t i = 0; i < n; i++) {
			lmin = fmin(lmin, lon[i]), lmax = fmax(lmax, lon[i]);
			s = fmin(s, lat[i]), nn = fmax(nn, lat[i]);
		}
		gap = lmin + 360 - lmax, w = lmin, e = lmax;
		if (widest_gap_buckets(lon, n, &gap, &w, &e) == 0)
			goto fitted;
	}
	l = malloc(n * sizeof(double));
	if (!l) {
		*out = (hm_bbox){-180, -90, 180, 90};
		return;
	}
	for (size_t i = 0; i < n; i++) {
		l[i] = lon[i];
		if (lat[i] < s)
			s = lat[i];
		if (lat[i] > nn)
			nn = lat[i];
	}
	qsort(l, n, sizeof(double), cmp_double);
	/* The sites' longitudes on a circle: the map leaves out the widest
	 * empty arc, which is where the antimeridian is crossed if it must be. */
	gap = l[0] + 360 - l[n - 1];
	w = l[0];
	e = l[n - 1];
	for (size_t i = 1; i < n; i++) {
		if (l[i] - l[i - 1] > gap) {
			gap = l[i] - l[i - 1];
			w = l[i];
			e = l[i - 1];
		}
	}
	free(l);
fitted:
	span = e - w;
	if (span < 0)
		span += 360;
	lpad = span * pad;
	if (span + 2 * lpad < min_span)
		lpad = (min_span - span) / 2;
	if (span + 2 * lpad >= 360) {
		out->w = -180;
		out->e = 180;
	} else {
		out->w = wrap_lon(w - lpad);
		out->e = wrap_lon(e + lpad);
		if (out->e == -180)
			out->e = 180;
	}
	span = nn - s;
	lpad = span * pad;
	if (span + 2 * lpad < min_span)
		lpad = (min_span - span) / 2;
	out->s = fmax(-89.0, s - lpad);
	out->n = fmin(89.0, nn + lpad);
}

int hm_bbox_parse(hm_bbox *out, hm_ctx *ctx, const char *text)
{
	double v[4];
	char *end;
	const char *p = text;

	for (int i = 0; i < 4; i++) {
		v[i] = hm_strtod(p, &end);
		if (end == p || !isfinite(v[i]) || (i < 3 && *end != ',') ||
		    (i == 3 && *end != '\0'))
			return hm_error(ctx, HM_EUSAGE,
					"extent \"%s\": expected W,S,E,N in "
					"degrees, e.g. 92,4,127,28",
					text);
		p = end + 1;
	}
	if (v[0] < -180 || v[0] > 180 || v[2] < -180 || v[2] > 180)
		return hm_error(ctx, HM_EUSAGE,
				"extent \"%s\": longitudes must lie in "
				"[-180, 180]",
				text);
	if (v[1] < -90 || v[3] > 90 || v[1] >= v[3])
		return hm_error(ctx, HM_EUSAGE,
				"extent \"%s\": latitudes must satisfy "
				"-90 <= S < N <= 90",
				text);
	if (v[0] == v[2])
		return hm_error(ctx, HM_EUSAGE, "extent \"%s\": W and E are equal", text);
	*out = (hm_bbox){v[0], v[1], v[2], v[3]};
	return HM_OK;
}

/* A PROJ context; with db == 0, one that cannot find proj.db. PROJ 9 opens
 * its database (some 5-8 ms, a third of a small map's layout) on the first
 * proj_create of a context even for a PROJ string that needs nothing from
 * it; pointing the search path at nothing makes it go without. Only PROJ
 * strings on WGS84 (no datum shift, no grid) are ever given such a context. */
static void quiet(void *data, int level, const char *msg)
{
	(void)data, (void)level, (void)msg;
}

static PJ_CONTEXT *new_pctx(int db)
{
	PJ_CONTEXT *c = proj_context_create();
	static const char *const nowhere[] = {"/dev/null/hotmap-no-proj-db"};

	if (!c)
		return NULL;
	if (!db)
		proj_context_set_search_paths(c, 1, nowhere);
	proj_log_level(c, PJ_LOG_NONE);
	proj_log_func(c, NULL, quiet);
	return c;
}

static const char *proj_err(PJ_CONTEXT *c)
{
	int e = proj_context_errno(c);

	return e ? proj_context_errno_string(c, e) : "not a usable CRS";
}

/* Build the auto projection; sets p->definition, description, op. */
static int make_auto(hm_proj *p, hm_ctx *ctx, const hm_bbox *b)
{
	double lspan = hm_bbox_lon_span(b), fspan = b->n - b->s;
	double clon = hm_bbox_center_lon(b), clat = (b->s + b->n) / 2;
	char params[200], pipe[320], def[320];
	const char *why;

	/* polar: an extent beyond 60 degrees that is wide or reaches 80 (a
	 * small one, Iceland, is better conic: its scale holds), or a ring of
	 * all longitudes round a pole (Antarctica: 89 S to 58 S) */
	if ((b->s >= 60 && (lspan > 40 || b->n > 80)) ||
	    (b->n <= -60 && (lspan > 40 || b->s < -80)) ||
	    (lspan >= 359 && fspan <= 45 && (b->s <= -85 || b->n >= 85))) {
		hm_snprintf_c(params, sizeof(params), "+proj=laea +lat_0=%d +lon_0=%.2f",
			      b->s >= 60 || b->n >= 85 ? 90 : -90, clon);
		why = "Lambert azimuthal equal-area, polar aspect (auto: "
		      "polar extent)";
	} else if (lspan >= 200 || (lspan > 150 && fspan > 100)) {
		clon = lspan >= 359.9 ? 0 : clon;
		hm_snprintf_c(params, sizeof(params), "+proj=eqearth +lon_0=%.2f", clon);
		why = "Equal Earth (auto: world extent)";
	} else if (lspan > 100 || fspan > 70) {
		hm_snprintf_c(params, sizeof(params), "+proj=laea +lat_0=%.2f +lon_0=%.2f", clat,
			      clon);
		why = "Lambert azimuthal equal-area (auto: continental extent)";
	} else if ((b->s < 0 && b->n > 0) || fabs(clat) < 12) {
		hm_snprintf_c(params, sizeof(params), "+proj=merc +lon_0=%.2f", clon);
		why = "Mercator (auto: extent near the equator)";
	} else {
		hm_snprintf_c(params, sizeof(params),
			      "+proj=lcc +lat_0=%.2f +lon_0=%.2f +lat_1=%.2f +lat_2=%.2f", clat,
			      clon, b->s + fspan / 6, b->n - fspan / 6);
		why = "Lambert conformal conic (auto: regional extent away from "
		      "the equator)";
	}
	snprintf(def, sizeof(def),
		 "%s +x_0=0 +y_0=0 +datum=WGS84 +units=m "
		 "+no_defs +type=crs",
		 params);
	snprintf(pipe, sizeof(pipe),
		 "+proj=pipeline +step +proj=unitconvert "
		 "+xy_in=deg +xy_out=rad +step %s +ellps=WGS84",
		 params);
	p->op = proj_create(p->pctx, pipe);
	if (!p->op)
		return hm_error(ctx, HM_EDATA, "cannot make projection \"%s\": %s", def,
				proj_err(p->pctx));
	p->definition = hm_strdup(def);
	if (!p->definition)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	snprintf(p->description, sizeof(p->description), "%s", why);
	p->lon0 = clon;
	p->is_auto = 1;
	return HM_OK;
}

/* A PROJ string on WGS84 (or on no datum, which PROJ would transform as a
 * "ballpark" with no shift) needs no database: the operation is the string
 * itself after a degrees-to-radians step. Anything with a datum shift goes
 * through proj_create_crs_to_crs. */
static PJ *direct_op(PJ_CONTEXT *pctx, const char *crs)
{
	static const char *const shifts[] = {"+towgs84",      "+nadgrids",
					     "+geoidgrids",   "+datum=",
					     "+init",	      "+pm=",
					     "+axis",	      "+proj=pipeline",
					     "+proj=longlat", "+proj=latlong",
					     "+proj=lonlat",  "+proj=latlon",
					     "+proj=geocent", NULL};
	char buf[1024], *tok;
	size_t n = 0;

	if (crs[0] != '+' || strlen(crs) >= 512)
		return NULL;
	for (int k = 0; shifts[k]; k++)
		if (strstr(crs, shifts[k]) &&
		    !(strcmp(shifts[k], "+datum=") == 0 && strstr(crs, "+datum=WGS84") &&
		      strstr(strstr(crs, "+datum=") + 7, "+datum=") == NULL))
			return NULL;
	n = (size_t)snprintf(buf, sizeof(buf),
			     "+proj=pipeline +step +proj=unitconvert +xy_in=deg "
			     "+xy_out=rad +step");
	{
		char copy[512];
		snprintf(copy, sizeof(copy), "%s", crs);
		for (tok = strtok(copy, " \t"); tok; tok = strtok(NULL, " \t")) {
			if (strcmp(tok, "+type=crs") == 0 || strcmp(tok, "+no_defs") == 0 ||
			    strcmp(tok, "+datum=WGS84") == 0 || strcmp(tok, "+units=m") == 0)
				continue;
			if (strncmp(tok, "+units=", 7) == 0 || strncmp(tok, "+to_meter", 9) == 0)
				return NULL;
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, " %s", tok);
			if (n >= sizeof(buf))
				return NULL;
		}
	}
	if (!strstr(crs, "+ellps=") && !strstr(crs, "+a=") && !strstr(crs, "+R="))
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, " +ellps=WGS84");
	if (n >= sizeof(buf))
		return NULL;
	return proj_create(pctx, buf);
}

/* The forms --proj takes. PROJ would also take any word as a name to look
 * up ("foo" finds Amersfoort), which is never what a user meant. */
static int looks_like_crs(const char *crs)
{
	const char *colon = strchr(crs, ':');

	while (*crs == ' ' || *crs == '\t' || *crs == '\n')
		crs++;
	if (crs[0] == '+' || crs[0] == '{' || strchr(crs, '['))
		return 1;
	/* AUTHORITY:CODE, e.g. EPSG:32647, ESRI:54030, IAU_2015:30100 */
	if (colon && colon > crs && colon[1]) {
		for (const char *q = crs; q < colon; q++)
			if (!(isalnum((unsigned char)*q) || *q == '_'))
				return 0;
		return strspn(colon + 1, "0123456789") == strlen(colon + 1) ||
		       strncmp(crs, "urn:", 4) == 0;
	}
	return strncmp(crs, "urn:ogc:def:crs:", 16) == 0;
}

/* Name the map CRS after a direct operation was made from a PROJ string. */
static int name_direct(hm_proj *p, hm_ctx *ctx, const char *crs)
{
	const char *m = strstr(crs, "+proj="), *lon0;
	size_t n = strlen(crs) + 16;

	p->definition = malloc(n);
	if (!p->definition)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	snprintf(p->definition, n, "%s%s", crs, strstr(crs, "+type=crs") ? "" : " +type=crs");
	snprintf(p->description, sizeof(p->description), "PROJ string, %.*s (given)",
		 m ? (int)strcspn(m, " \t") : 0, m ? m : "");
	lon0 = strstr(p->definition, "+lon_0=");
	p->lon0 = lon0 ? wrap_lon(hm_strtod(lon0 + 7, NULL)) : 0;
	return HM_OK;
}

static int make_given(hm_proj *p, hm_ctx *ctx, const char *crs)
{
	PJ *target = NULL, *src = NULL, *op = NULL;
	PJ_TYPE t;
	const char *def, *lon0;
	int rc = HM_OK;

	if (!looks_like_crs(crs))
		return hm_error(ctx, HM_EDATA,
				"CRS \"%.200s\": not a CRS; give EPSG:n (or another "
				"AUTHORITY:code), a PROJ string (+proj=...), WKT, or auto",
				crs);
	p->op = direct_op(p->pctx, crs);
	if (!p->op) {
		/* an EPSG code, WKT or a datum shift: PROJ needs its database */
		proj_context_destroy(p->pctx);
		if (!(p->pctx = new_pctx(1)))
			return hm_error(ctx, HM_ENOMEM, "out of memory");
		p->db = 1;
	}
	if (p->op) {
		/* PROJ accepts a bad parameter value in an operation that it
		 * refuses in a CRS: check the CRS too (no database needed) */
		size_t n = strlen(crs) + 16;
		char *crsdef = malloc(n);
		PJ *check = NULL;
		if (crsdef) {
			snprintf(crsdef, n, "%s%s", crs,
				 strstr(crs, "+type=crs") ? "" : " +type=crs");
			check = proj_create(p->pctx, crsdef);
			free(crsdef);
		}
		if (check && proj_is_crs(check)) {
			proj_destroy(check);
			return name_direct(p, ctx, crs);
		}
		proj_destroy(check);
		proj_destroy(p->op);
		p->op = NULL;
		return hm_error(ctx, HM_EDATA, "CRS \"%.200s\": not a valid CRS: %s", crs,
				proj_err(p->pctx));
	}
	target = proj_create(p->pctx, crs);
	if (target && !proj_is_crs(target) && crs[0] == '+') {
		/* "+proj=lcc ..." is an operation to PROJ; as a CRS it needs
		 * +type=crs, which users rarely write. */
		size_t n = strlen(crs) + 16;
		char *s = malloc(n);
		proj_destroy(target);
		target = NULL;
		if (s) {
			snprintf(s, n, "%s +type=crs", crs);
			target = proj_create(p->pctx, s);
			free(s);
		}
	}
	if (!target) {
		rc = hm_error(ctx, HM_EDATA, "CRS \"%.200s\": unknown CRS%s%s", crs,
			      crs[0] == '+' || strchr(crs, '[') ? ": "
								: " (no such code "
								  "in PROJ's database)",
			      crs[0] == '+' || strchr(crs, '[') ? proj_err(p->pctx) : "");
		goto cleanup;
	}
	t = proj_get_type(target);
	if (!proj_is_crs(target) || t == PJ_TYPE_GEOCENTRIC_CRS || t == PJ_TYPE_VERTICAL_CRS ||
	    t == PJ_TYPE_GEOGRAPHIC_3D_CRS) {
		rc = hm_error(ctx, HM_EDATA,
			      "CRS \"%.200s\": not a 2D geographic or projected "
			      "CRS",
			      crs);
		goto cleanup;
	}
	src = proj_create(p->pctx, "EPSG:4326");
	if (!src) {
		rc = hm_error(ctx, HM_EDATA,
			      "cannot make EPSG:4326: %s (is "
			      "proj-data installed?)",
			      proj_err(p->pctx));
		goto cleanup;
	}
	op = proj_create_crs_to_crs_from_pj(p->pctx, src, target, NULL, NULL);
	if (op)
		p->op = proj_normalize_for_visualization(p->pctx, op);
	if (!p->op) {
		rc = hm_error(ctx, HM_EDATA,
			      "CRS \"%.200s\": no operation from WGS84 "
			      "longitude/latitude: %s",
			      crs, proj_err(p->pctx));
		goto cleanup;
	}
	def = proj_as_proj_string(p->pctx, target, PJ_PROJ_5, NULL);
	if (!def)
		def = proj_as_wkt(p->pctx, target, PJ_WKT2_2019, NULL);
	p->definition = hm_strdup(def ? def : crs);
	if (!p->definition) {
		rc = hm_error(ctx, HM_ENOMEM, "out of memory");
		goto cleanup;
	}
	lon0 = strstr(p->definition, "+lon_0=");
	p->lon0 = lon0 ? wrap_lon(hm_strtod(lon0 + 7, NULL)) : 0;
	snprintf(p->description, sizeof(p->description), "%s (given)",
		 proj_get_name(target) ? proj_get_name(target) : crs);
cleanup:
	proj_destroy(op);
	proj_destroy(src);
	proj_destroy(target);
	return rc;
}

int hm_proj_new(hm_proj **out, hm_ctx *ctx, const char *crs, const hm_bbox *extent)
{
	hm_proj *p;
	int rc;

	*out = NULL;
	p = calloc(1, sizeof(*p));
	if (!p || !(p->pctx = new_pctx(0))) {
		free(p);
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	}
	if (!crs || !*crs || strcmp(crs, "auto") == 0)
		rc = make_auto(p, ctx, extent);
	else
		rc = make_given(p, ctx, crs);
	if (rc < 0) {
		hm_proj_free(p);
		return rc;
	}
	*out = p;
	return HM_OK;
}

static void trans(const hm_proj *p, PJ_DIRECTION dir, double *x, double *y, size_t n)
{
	proj_trans_generic(p->op, dir, x, sizeof(double), n, y, sizeof(double), n, NULL, 0, 0, NULL,
			   0, 0);
	/* PROJ marks failures with HUGE_VAL already; make NaN the same */
	for (size_t i = 0; i < n; i++)
		if (!isfinite(x[i]) || !isfinite(y[i]))
			x[i] = y[i] = HUGE_VAL;
	proj_errno_reset(p->op);
}

void hm_proj_fwd(const hm_proj *p, double *x, double *y, size_t n)
{
	trans(p, PJ_FWD, x, y, n);
}

void hm_proj_inv(const hm_proj *p, double *x, double *y, size_t n)
{
	trans(p, PJ_INV, x, y, n);
}

const char *hm_proj_definition(const hm_proj *p)
{
	return p->definition;
}

const char *hm_proj_description(const hm_proj *p)
{
	return p->description;
}

int hm_proj_is_auto(const hm_proj *p)
{
	return p->is_auto;
}

double hm_proj_central_lon(const hm_proj *p)
{
	return p->lon0;
}

double hm_proj_geodesic(hm_proj *p, double lon1, double lat1, double lon2, double lat2)
{
	PJ_COORD a, b;
	double d;

	if (!p->geod)
		p->geod = proj_create(p->pctx, "+proj=longlat +ellps=WGS84");
	if (!p->geod)
		return HUGE_VAL;
	a = proj_coord(proj_torad(lon1), proj_torad(lat1), 0, 0);
	b = proj_coord(proj_torad(lon2), proj_torad(lat2), 0, 0);
	d = proj_lp_dist(p->geod, a, b);
	return isfinite(d) ? d : HUGE_VAL;
}

int hm_proj_clone(hm_proj **out, hm_ctx *ctx, const hm_proj *p)
{
	hm_proj *c = calloc(1, sizeof(*c));

	*out = NULL;
	if (!c || !(c->pctx = new_pctx(p->db))) {
		free(c);
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	}
	c->db = p->db;
	c->op = proj_clone(c->pctx, p->op);
	c->definition = hm_strdup(p->definition);
	if (!c->op || !c->definition) {
		hm_proj_free(c);
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	}
	memcpy(c->description, p->description, sizeof(c->description));
	c->lon0 = p->lon0;
	c->is_auto = p->is_auto;
	*out = c;
	return HM_OK;
}

void hm_proj_free(hm_proj *p)
{
	if (!p)
		return;
	proj_destroy(p->geod);
	proj_destroy(p->op);
	proj_context_destroy(p->pctx);
	free(p->definition);
	free(p);
}
