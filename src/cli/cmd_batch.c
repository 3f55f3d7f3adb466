/* hotmap batch: one map per country, on one scale, in parallel. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct {
	struct timespec start;
	int tty;
} progress_state;

static void progress(void *ud, size_t done, size_t total)
{
	progress_state *p = ud;
	struct timespec now;

	if (!p->tty)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	fprintf(stderr, "\rhotmap: %zu of %zu maps, %.1f s%s", done, total,
		(double)(now.tv_sec - p->start.tv_sec) + (now.tv_nsec - p->start.tv_nsec) / 1e9,
		done == total ? "\n" : "");
	fflush(stderr);
}

/* "png,svg" -> HM_BATCH_* bits; 0 on a bad name. */
static unsigned parse_formats(const char *s)
{
	unsigned f = 0;

	while (*s) {
		size_t n = strcspn(s, ",");
		if (n == 3 && strncmp(s, "png", 3) == 0)
			f |= HM_BATCH_PNG;
		else if (n == 3 && strncmp(s, "svg", 3) == 0)
			f |= HM_BATCH_SVG;
		else if (n == 3 && strncmp(s, "pdf", 3) == 0)
			f |= HM_BATCH_PDF;
		else if (n == 3 && strncmp(s, "txt", 3) == 0)
			f |= HM_BATCH_TEXT;
		else if (n == 4 && strncmp(s, "html", 4) == 0)
			f |= HM_BATCH_HTML;
		else
			return 0;
		s += n + (s[n] == ',');
	}
	return f;
}

int cmd_batch(int argc, char **argv)
{
	cli_opts o;
	hm_ctx *ctx = NULL;
	hm_sites *sites = NULL;
	hm_batch_opts bo = HM_BATCH_OPTS_INIT;
	hm_batch_result *res = NULL;
	size_t nres = 0;
	char *countries_buf = NULL;
	const char *countries[300];
	hm_style style;
	progress_state ps;
	struct timespec t_start;
	int status = cli_parse(&o, CMD_BATCH, "batch", argc, argv);

	if (status != 0 || o.help) {
		if (o.help)
			cli_usage(stdout, CMD_BATCH, "batch");
		goto cleanup;
	}
	status = 2;
	if (!o.out_dir) {
		fprintf(stderr, "hotmap batch: no output folder: give --out-dir DIR\n");
		goto cleanup;
	}
	if (o.formats && !(bo.formats = parse_formats(o.formats))) {
		fprintf(stderr,
			"hotmap batch: --format \"%s\": expected png, svg, pdf, txt and/or html, "
			"comma-separated\n",
			o.formats);
		goto cleanup;
	}
	if (o.jobs && (atoi(o.jobs) < 1 || atoi(o.jobs) > HM_MAX_THREADS)) {
		fprintf(stderr, "hotmap batch: -j \"%s\": expected 1 to %d\n", o.jobs,
			HM_MAX_THREADS);
		goto cleanup;
	}
	if (o.countries) {
		char *save = NULL;
		countries_buf = strdup(o.countries);
		if (!countries_buf)
			goto cleanup;
		for (char *t = strtok_r(countries_buf, ",", &save); t && bo.ncountries < 300;
		     t = strtok_r(NULL, ",", &save))
			countries[bo.ncountries++] = t;
		bo.countries = countries;
	}
	clock_gettime(CLOCK_MONOTONIC, &t_start);
	ctx = hm_ctx_new();
	if (!ctx) {
		status = 1;
		goto cleanup;
	}
	hm_ctx_set_log(ctx, cli_log, &o);
	hm_ctx_set_threads(ctx, o.jobs ? atoi(o.jobs) : (int)sysconf(_SC_NPROCESSORS_ONLN));
	hm_render_set_svg_text(ctx, o.svg_text_outline ? HM_SVG_TEXT_OUTLINE : HM_SVG_TEXT_LIVE);
	if (bo.formats & HM_BATCH_SVG)
		hm_render_preload(ctx, HM_FORMAT_SVG);
	if (bo.formats & HM_BATCH_HTML)
		hm_render_preload(ctx, HM_FORMAT_HTML);
	if (cli_map_opts(&bo.map, &style, ctx, &o) < 0 || cli_load_sites(&sites, ctx, &o) < 0) {
		status = cli_fail(ctx);
		goto cleanup;
	}
	/* a country's map takes its shape unless --size WxH says otherwise */
	if (!o.size)
		bo.map.size_auto = 1;
	bo.out_dir = o.out_dir;
	bo.manifests = o.manifest_flag;
	ps.tty = isatty(2) && !o.quiet;
	clock_gettime(CLOCK_MONOTONIC, &ps.start);
	bo.progress = progress;
	bo.progress_userdata = &ps;
	if (hm_batch_run(&res, &nres, ctx, sites, &bo) < 0) {
		int code = hm_ctx_errcode(ctx);
		for (size_t i = 0; i < nres; i++)
			if (res[i].status != 0)
				fprintf(stderr, "hotmap: %s (%s): %s\n", res[i].iso, res[i].name,
					res[i].error ? res[i].error : "failed");
		status = cli_fail_map(ctx, &o);
		/* some maps written, some failed: a failure while working */
		if (nres > 0 && (code == HM_ERENDER || code == HM_EIO))
			status = 1;
		goto cleanup;
	}
	if (o.timings) {
		const hm_timings *T = hm_ctx_timings(ctx);
		struct timespec end;
		clock_gettime(CLOCK_MONOTONIC, &end);
		for (size_t i = 0; i < nres; i++) {
			const hm_timings *t = &res[i].timings;
			fprintf(stderr,
				"hotmap: %s timings (ms): load shapes %.1f, project %.1f, "
				"layout %.1f, draw %.1f, encode %.1f; map %.1f\n",
				res[i].iso, t->load_shapes * 1e3, t->project * 1e3, t->layout * 1e3,
				t->draw * 1e3, t->encode * 1e3, res[i].seconds * 1e3);
		}
		fprintf(stderr, "hotmap: timings (ms): load CSV %.1f; total %.1f\n",
			T->load_csv * 1e3,
			((double)(end.tv_sec - t_start.tv_sec) +
			 (end.tv_nsec - t_start.tv_nsec) / 1e9) *
				1e3);
	}
	if (!o.quiet)
		fprintf(stderr, "hotmap: %zu map%s written to %s\n", nres, nres == 1 ? "" : "s",
			o.out_dir);
	status = 0;
cleanup:
	hm_batch_results_free(res, nres);
	hm_sites_free(sites);
	hm_ctx_free(ctx);
	free(countries_buf);
	cli_free(&o);
	return status;
}
