/* Batch stage. Shapes come from one cache for the whole batch; each worker
 * thread has its own context and its own map objects. */
#include "hotmap/batch.h"

#include "assign.h"
#include "context.h"
#include "hotmap/render.h"
#include "map_priv.h"
#include "output.h"
#include "provinces.h"
#include "shapes_priv.h"
#include "text.h"
#include "util.h"

#include <ctype.h>
#include <limits.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct {
	long feature; /* index in the 10m world layer */
	char iso[8];
	char *name;
	const char *key; /* the country, as hm_map_opts.country: its ISO code, or its name */
	hm_sites sub;	 /* shallow: items point into the batch's sites */
	hm_batch_result *res;
	hm_province_tally *prov; /* provinces with sites (names owned: copies) */
	size_t nprov;
	char *alt; /* the map's text alternative, for index.html (owned) */
} job;

/* The maps of a batch, run as tasks of the context's pool. */
typedef struct {
	const hm_batch_opts *o;
	size_t njobs, done;
	pthread_mutex_t lock; /* done, and the progress callback */
	hm_ctx *parent;
} batch;

typedef struct {
	batch *B;
	job *j;
} job_task;

/* A file stem that is safe whatever the shapes hold: three capitals or
 * digits, else X and the feature's number. */
static void safe_stem(char out[8], const char *iso, long feature)
{
	int ok = strlen(iso) == 3;

	for (int i = 0; ok && i < 3; i++)
		ok = isupper((unsigned char)iso[i]) || isdigit((unsigned char)iso[i]);
	if (ok)
		snprintf(out, 8, "%s", iso);
	else
		snprintf(out, 8, "X%03ld", feature % 1000);
}

/* mkdir -p */
static int make_dir(hm_ctx *ctx, const char *dir)
{
	char path[4096];
	struct stat st;

	snprintf(path, sizeof(path), "%s", dir);
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (stat(path, &st) != 0 && mkdir(path, 0777) != 0 && errno != EEXIST)
			return hm_error(ctx, HM_EIO, "%s: cannot create: %s", path,
					strerror(errno));
		*p = '/';
	}
	if (stat(path, &st) == 0)
		return S_ISDIR(st.st_mode) ? HM_OK
					   : hm_error(ctx, HM_EUSAGE, "%s: not a folder", dir);
	if (mkdir(path, 0777) != 0)
		return hm_error(ctx, HM_EIO, "%s: cannot create: %s", dir, strerror(errno));
	return HM_OK;
}

/* The map's provinces with sites, for the index; their names copied, as
 * the map is freed before the index is written. */
static int keep_provinces(job *j, hm_ctx *ctx, const hm_map *map)
{
	size_t n = hm_provinces_tally(map, &j->prov);

	if (n == (size_t)-1)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	for (j->nprov = 0; j->nprov < n; j->nprov++) {
		char *name = hm_strdup(j->prov[j->nprov].name);
		if (!name)
			return hm_error(ctx, HM_ENOMEM, "out of memory");
		j->prov[j->nprov].name = name;
	}
	return HM_OK;
}

static void render_job(const batch *B, job *j, hm_ctx *ctx)
{
	const hm_batch_opts *o = B->o;
	hm_map_opts mo = o->map;
	hm_map *map = NULL;
	char paths[5][4096], manifest[4096], subtitle[256], num[64];
	const char *outs[5];
	size_t nout = 0;
	static const char *const ext[5] = {"png", "svg", "pdf", "txt", "html"};
	unsigned formats = o->formats ? o->formats : HM_BATCH_PNG;
	hm_timings t0;
	int rc;

	for (int k = 0; k < 5; k++) {
		if (!(formats & (1u << k)))
			continue;
		snprintf(paths[nout], sizeof(paths[nout]), "%s/%s.%s", o->out_dir, j->iso, ext[k]);
		outs[nout] = paths[nout];
		nout++;
	}
	snprintf(manifest, sizeof(manifest), "%s/%s.json", o->out_dir, j->iso);
	/* the country's parts that belong together, and its sites (country.h) */
	mo.extent = NULL;
	mo.country = j->key;
	mo.locator = 1;
	if (!mo.title)
		mo.title = j->name;
	if (!mo.subtitle) {
		if (j->sub.count == 0) {
			snprintf(subtitle, sizeof(subtitle), "No sites in the data for %s",
				 j->name);
		} else if (!j->sub.value_column) {
			snprintf(subtitle, sizeof(subtitle), "%zu site%s", j->sub.count,
				 j->sub.count == 1 ? "" : "s");
		} else {
			/* a value sum for the caption, e.g. "3 sites, 12,000 victims" */
			hm_format_value(num, sizeof(num), j->res->total);
			snprintf(subtitle, sizeof(subtitle), "%zu site%s, %s %s", j->sub.count,
				 j->sub.count == 1 ? "" : "s", num,
				 j->sub.value_column ? j->sub.value_column : "in all");
		}
		mo.subtitle = subtitle;
	}
	t0 = *hm_ctx_timings(ctx);
	rc = hm_map_new(&map, ctx, &j->sub, &mo);
	if (rc == HM_OK)
		rc = hm_render_write(ctx, map, outs, nout, o->manifests ? manifest : NULL);
	if (rc == HM_OK)
		rc = keep_provinces(j, ctx, map);
	if (rc == HM_OK && hm_map_alt_text(map) && !(j->alt = hm_strdup(hm_map_alt_text(map))))
		rc = hm_error(ctx, HM_ENOMEM, "out of memory");
	hm_map_free(map);
	{
		const hm_timings *t1 = hm_ctx_timings(ctx);
		hm_timings *d = &j->res->timings;
		d->load_shapes = t1->load_shapes - t0.load_shapes;
		d->project = t1->project - t0.project;
		d->layout = t1->layout - t0.layout;
		d->draw = t1->draw - t0.draw;
		d->encode = t1->encode - t0.encode;
	}
	j->res->status = rc;
	if (rc < 0)
		j->res->error = hm_strdup(hm_ctx_errmsg(ctx));
}

/* One map, on worker w, with a context of its own (its error, its times). */
static void run_job(void *arg, hm_worker *w)
{
	job_task *t = arg;
	batch *B = t->B;
	job *j = t->j;
	hm_ctx *ctx = hm_ctx_new_child(B->parent, w);
	double t0 = hm_now();

	if (!ctx) {
		j->res->status = HM_ENOMEM;
		j->res->error = hm_strdup("out of memory");
	} else {
		render_job(B, j, ctx);
		j->res->seconds = hm_now() - t0;
		hm_log(ctx, HM_LOG_INFO, "%s (%s): %zu site%s, %.0f ms", j->iso, j->name,
		       j->sub.count, j->sub.count == 1 ? "" : "s", j->res->seconds * 1e3);
		hm_ctx_free(ctx);
	}
	pthread_mutex_lock(&B->lock);
	B->done++;
	if (B->o->progress)
		B->o->progress(B->o->progress_userdata, B->done, B->njobs);
	pthread_mutex_unlock(&B->lock);
}

/* Every job on the context's threads; a map that waits for its bands runs
 * bands of the others meanwhile (pool.h). */
static int run_jobs(hm_ctx *ctx, const hm_batch_opts *o, job *jobs, size_t njobs)
{
	batch B = {o, njobs, 0, PTHREAD_MUTEX_INITIALIZER, ctx};
	job_task *tasks = malloc(njobs * sizeof(*tasks));
	void **args = malloc(njobs * sizeof(*args));

	if (!tasks || !args || njobs > INT_MAX) {
		free(tasks);
		free(args);
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	}
	for (size_t k = 0; k < njobs; k++) {
		tasks[k] = (job_task){&B, &jobs[k]};
		args[k] = &tasks[k];
	}
	hm_ctx_run(ctx, run_job, args, (int)njobs);
	pthread_mutex_destroy(&B.lock);
	free(tasks);
	free(args);
	return HM_OK;
}

static char *html_escape(const char *s)
{
	size_t n = 0;
	char *r, *p;

	for (const char *q = s; *q; q++)
		n += (*q == '<' || *q == '>') ? 4 : *q == '&' ? 5 : *q == '"' ? 6 : 1;
	r = p = malloc(n + 1);
	if (!r)
		return NULL;
	for (; *s; s++) {
		const char *e = *s == '<'   ? "&lt;"
				: *s == '>' ? "&gt;"
				: *s == '&' ? "&amp;"
				: *s == '"' ? "&quot;"
					    : NULL;
		if (e) {
			memcpy(p, e, strlen(e));
			p += strlen(e);
		} else {
			*p++ = *s;
		}
	}
	*p = '\0';
	return r;
}

/* A map's provinces with sites: a table of their counts and totals. */
static void write_provinces(FILE *f, const job *j, const char *vcol)
{
	if (!j->nprov)
		return;
	fprintf(f,
		"\n<details><summary>%zu province%s with sites</summary>\n"
		"<table><tr><th>Province</th><th>Sites</th><th>%s</th></tr>\n",
		j->nprov, j->nprov == 1 ? "" : "s", vcol);
	for (size_t p = 0; p < j->nprov; p++) {
		char *pn = html_escape(j->prov[p].name);
		char total[64];
		hm_format_value(total, sizeof(total), j->prov[p].total);
		fprintf(f, "<tr><td>%s</td><td>%zu</td><td>%s</td></tr>\n", pn ? pn : "?",
			j->prov[p].sites, total);
		free(pn);
	}
	fputs("</table></details>", f);
}

/* index.html: every map with its country, counts and links; no network. */
static int write_index(hm_ctx *ctx, const hm_batch_opts *o, const hm_sites *sites, const job *jobs,
		       size_t n)
{
	char path[4096], *buf = NULL;
	size_t len = 0;
	unsigned formats = o->formats ? o->formats : HM_BATCH_PNG;
	const char *img = (formats & HM_BATCH_PNG)   ? "png"
			  : (formats & HM_BATCH_SVG) ? "svg"
						     : NULL;
	char *vcol = html_escape(sites->value_column ? sites->value_column : "value");
	FILE *f = open_memstream(&buf, &len);
	int rc;

	if (!f || !vcol) {
		if (f)
			fclose(f);
		free(buf);
		free(vcol);
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	}
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<title>Maps by country</title>\n<style>\n"
	      "body{font-family:\"Noto Sans\",sans-serif;margin:2em;color:#1a1a1a}\n"
	      "main{display:grid;grid-template-columns:repeat(auto-fill,minmax(360px,1fr));"
	      "gap:1.5em}\nfigure{margin:0}\nimg{width:100%;height:auto;border:1px solid #ccc}\n"
	      "figcaption{margin-top:.4em}\n.links a{margin-right:.6em}\n.failed{color:#a00}\n"
	      "td,th{padding:0 .6em 0 0;text-align:left}\n"
	      "</style>\n</head>\n<body>\n<h1>Maps by country</h1>\n<main>\n",
	      f);
	for (size_t i = 0; i < n; i++) {
		const job *j = &jobs[i];
		char *name = html_escape(j->name);
		char *alt = j->alt ? html_escape(j->alt) : NULL;
		char total[64];
		if (!name || (j->alt && !alt)) {
			free(name);
			free(alt);
			continue;
		}
		hm_format_value(total, sizeof(total), j->res->total);
		fprintf(f, "<figure id=\"%s\">\n", j->iso);
		if (j->res->status != 0)
			fprintf(f, "<p class=\"failed\">The map of %s failed.</p>\n", name);
		else if (img)
			/* the picture opens the map's page where there is one */
			fprintf(f, "<a href=\"%s.%s\"><img src=\"%s.%s\" alt=\"%s\"></a>\n", j->iso,
				formats & HM_BATCH_HTML ? "html" : img, j->iso, img,
				alt ? alt : name);
		fprintf(f, "<figcaption><strong>%s</strong> (%s): %zu site%s", name, j->iso,
			j->sub.count, j->sub.count == 1 ? "" : "s");
		if (sites->value_column)
			fprintf(f, ", %s %s", total, vcol);
		fputs("<br>\n<span class=\"links\">", f);
		if (j->res->status == 0) {
			if (formats & HM_BATCH_PNG)
				fprintf(f, "<a href=\"%s.png\">PNG</a>", j->iso);
			if (formats & HM_BATCH_SVG)
				fprintf(f, "<a href=\"%s.svg\">SVG</a>", j->iso);
			if (formats & HM_BATCH_PDF)
				fprintf(f, "<a href=\"%s.pdf\">PDF</a>", j->iso);
			if (formats & HM_BATCH_TEXT)
				fprintf(f, "<a href=\"%s.txt\">Text</a>", j->iso);
			if (formats & HM_BATCH_HTML)
				fprintf(f, "<a href=\"%s.html\">Page</a>", j->iso);
			if (o->manifests)
				fprintf(f, "<a href=\"%s.json\">JSON</a>", j->iso);
		}
		fputs("</span>", f);
		write_provinces(f, j, vcol);
		fputs("</figcaption>\n</figure>\n", f);
		free(name);
		free(alt);
	}
	fputs("</main>\n<p>Basemap: Natural Earth. Made with hotmap " HOTMAP_VERSION ".</p>\n"
	      "</body>\n</html>\n",
	      f);
	fclose(f);
	free(vcol);
	snprintf(path, sizeof(path), "%s/index.html", o->out_dir);
	rc = hm_out_write_all(ctx, path, buf, len);
	free(buf);
	return rc;
}

/* The job of feature f's country, added once: its feature is the country's
 * largest (the mainland), whichever of its features came first. */
static void add_job(job *jobs, size_t *njobs, hm_layer *world, char (*stems)[8], long f)
{
	long best = -1;
	double best_area = -1;

	for (size_t k = 0; k < *njobs; k++)
		if (strcmp(stems[jobs[k].feature], stems[f]) == 0)
			return;
	for (size_t i = 0; i < world->count; i++) {
		double a = 0;
		const GEOSGeometry *gm;
		if (strcmp(stems[i], stems[f]) != 0)
			continue;
		gm = hm_layer_geom(world, i, NULL);
		if (gm)
			GEOSArea_r(world->geos, gm, &a);
		if (a > best_area) {
			best_area = a;
			best = (long)i;
		}
	}
	jobs[(*njobs)++].feature = best >= 0 ? best : f;
}

static int job_by_iso(const void *a, const void *b)
{
	return strcmp(((const job *)a)->iso, ((const job *)b)->iso);
}

/* What a batch works from: the countries' layer and each site's country. */
typedef struct {
	hm_layer *world;
	char shp[4096];
	long *site_country; /* feature, -1: on no map */
	char (*stems)[8];   /* each feature's file stem */
} batch_plan;

/* Each site's country, by the rule every map uses (assign.h). */
static int assign_sites(batch_plan *p, hm_ctx *ctx, const hm_sites *sites, double near_km)
{
	p->site_country = malloc((sites->count ? sites->count : 1) * sizeof(long));
	if (!p->site_country)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	return hm_assign_all(p->site_country, ctx, p->world, sites, near_km, p->shp);
}

/* The maps to make: the countries asked for, else those with sites. */
static int plan_jobs(job **out, size_t *njobs, hm_ctx *ctx, batch_plan *p, const hm_sites *sites,
		     const hm_batch_opts *o)
{
	hm_layer *world = p->world;
	job *jobs = calloc(world->count ? world->count : 1, sizeof(job));

	*out = jobs;
	*njobs = 0;
	p->stems = calloc(world->count ? world->count : 1, sizeof(*p->stems));
	if (!jobs || !p->stems)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	/* A map is a country: every feature with its ISO code (Ashmore and
	 * Cartier Is. share Australia's), so two features never write one file */
	for (size_t i = 0; i < world->count; i++)
		safe_stem(p->stems[i], world->items[i].iso_a3, (long)i);
	for (size_t c = 0; o->countries && c < o->ncountries; c++) {
		long f = hm_layer_find_name(world, o->countries[c]);
		if (f < 0 || strlen(o->countries[c]) != 3)
			return hm_error(ctx, HM_EUSAGE,
					"country \"%.40s\" is not an ISO "
					"3166 alpha-3 code of %s",
					o->countries[c], p->shp);
		add_job(jobs, njobs, world, p->stems, f);
	}
	for (size_t s = 0; !o->countries && s < sites->count; s++)
		if (p->site_country[s] >= 0)
			add_job(jobs, njobs, world, p->stems, p->site_country[s]);
	if (*njobs == 0)
		return hm_error(ctx, HM_EDATA, "%s: no site lies in any country of %s", sites->path,
				p->shp);
	return HM_OK;
}

/* Each job's sites, extent and result, in ISO order. */
static int fill_jobs(job *jobs, size_t njobs, hm_batch_result *res, hm_ctx *ctx,
		     const batch_plan *p, const hm_sites *sites)
{
	for (size_t k = 0; k < njobs; k++) {
		job *j = &jobs[k];
		j->sub = *sites;
		j->sub.count = 0;
		j->sub.skipped = 0;
		j->sub.items = malloc((sites->count ? sites->count : 1) * sizeof(hm_site));
		if (!j->sub.items)
			return hm_error(ctx, HM_ENOMEM, "out of memory");
		memcpy(j->iso, p->stems[j->feature], sizeof(j->iso));
		j->name = p->world->items[j->feature].name;
	}
	qsort(jobs, njobs, sizeof(job), job_by_iso);
	for (size_t k = 0; k < njobs; k++) {
		job *j = &jobs[k];
		j->res = &res[k];
		j->key = strcmp(p->world->items[j->feature].iso_a3, j->iso) == 0 ? j->iso : j->name;
		for (size_t s = 0; s < sites->count; s++)
			if (p->site_country[s] >= 0 &&
			    strcmp(p->stems[p->site_country[s]], j->iso) == 0) {
				j->sub.items[j->sub.count++] = sites->items[s];
				res[k].total += sites->items[s].value;
			}
		memcpy(res[k].iso, j->iso, sizeof(res[k].iso));
		res[k].name = hm_strdup(j->name);
		res[k].nsites = j->sub.count;
	}
	return HM_OK;
}

/* The countries' layer: the most detailed, read once into the cache. */
static int load_world(batch_plan *p, hm_ctx *ctx, hm_shapes_cache *cache, const hm_map_opts *mo)
{
	const hm_layer *world;
	int rc;

	if (mo->shapes)
		snprintf(p->shp, sizeof(p->shp), "%s", mo->shapes);
	else
		hm_shapes_countries_path(p->shp, sizeof(p->shp), mo->shapes_dir, HM_RES_10M);
	rc = hm_shapes_cache_get(&world, ctx, cache, p->shp);
	/* Queried here before any map starts; point-in-polygon prepares
	 * geometries, which the maps' clipping never touches. */
	p->world = (hm_layer *)world;
	return rc;
}

int hm_batch_run(hm_batch_result **results, size_t *nresults, hm_ctx *ctx, const hm_sites *sites,
		 const hm_batch_opts *opts)
{
	hm_batch_opts o = *opts;
	hm_shapes_cache *cache = o.map.shapes_cache, *own_cache = NULL;
	batch_plan p = {NULL, "", NULL, NULL};
	job *jobs = NULL;
	size_t njobs = 0;
	hm_batch_result *res = NULL;
	int rc, failed = 0;

	*results = NULL;
	*nresults = 0;
	if (!o.out_dir)
		return hm_error(ctx, HM_EUSAGE, "no output folder (out_dir is NULL)");
	if (!cache && !(cache = own_cache = hm_shapes_cache_new()))
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	o.map.shapes_cache = cache;
	o.map.near_km = o.near_km;
	if (o.map.max_value <= 0)
		o.map.max_value = hm_sites_max_value(sites); /* one scale for all maps */
	rc = load_world(&p, ctx, cache, &o.map);
	if (rc == HM_OK)
		rc = assign_sites(&p, ctx, sites, o.near_km);
	if (rc == HM_OK)
		rc = plan_jobs(&jobs, &njobs, ctx, &p, sites, &o);
	if (rc == HM_OK && !(res = calloc(njobs, sizeof(*res))))
		rc = hm_error(ctx, HM_ENOMEM, "out of memory");
	if (rc == HM_OK)
		rc = fill_jobs(jobs, njobs, res, ctx, &p, sites);
	if (rc == HM_OK)
		rc = make_dir(ctx, o.out_dir);
	if (rc == HM_OK)
		rc = run_jobs(ctx, &o, jobs, njobs);
	if (rc < 0)
		goto cleanup;
	for (size_t k = 0; k < njobs; k++)
		failed += res[k].status != 0;
	hm_log(ctx, HM_LOG_INFO, "%zu maps; shapefiles read: %zu (each once)", njobs,
	       hm_shapes_cache_reads(cache));
	rc = write_index(ctx, &o, sites, jobs, njobs);
	if (rc == HM_OK && failed)
		rc = hm_error(ctx, HM_ERENDER, "%d of %zu maps failed", failed, njobs);
	*results = res;
	*nresults = njobs;
	res = NULL;
cleanup:
	for (size_t k = 0; jobs && k < njobs; k++) {
		free(jobs[k].sub.items);
		free(jobs[k].alt);
		for (size_t q = 0; q < jobs[k].nprov; q++)
			free((char *)jobs[k].prov[q].name);
		free(jobs[k].prov);
	}
	free(jobs);
	free(p.site_country);
	free(p.stems);
	hm_batch_results_free(res, njobs);
	hm_shapes_cache_free(own_cache);
	return rc;
}

void hm_batch_results_free(hm_batch_result *results, size_t n)
{
	if (!results)
		return;
	for (size_t i = 0; i < n; i++) {
		free(results[i].name);
		free(results[i].error);
	}
	free(results);
}
