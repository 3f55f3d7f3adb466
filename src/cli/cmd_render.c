/* hotmap render: CSV in, map files out. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int cmd_render(int argc, char **argv)
{
	double t[4];
	cli_opts o;
	hm_ctx *ctx = NULL;
	hm_sites *sites = NULL;
	hm_map *map = NULL;
	hm_map_opts mo = HM_MAP_OPTS_INIT;
	hm_style style;
	int status = cli_parse(&o, CMD_RENDER, "render", argc, argv);

	if (status != 0 || o.help) {
		if (o.help)
			cli_usage(stdout, CMD_RENDER, "render");
		goto cleanup;
	}
	status = 2;
	if (o.noutputs == 0) {
		fprintf(stderr, "hotmap render: no output: give -o FILE.png (or "
				".svg, .pdf)\n");
		goto cleanup;
	}
	for (size_t i = 0; i < o.noutputs; i++) {
		if (hm_format_from_path(o.outputs[i]) == HM_FORMAT_UNKNOWN) {
			fprintf(stderr,
				"hotmap render: %s: unknown output format; use "
				".png, .svg, .pdf, .html (a web page) or .txt (the text "
				"alternative)\n",
				o.outputs[i]);
			goto cleanup;
		}
	}
	if (o.jobs && (atoi(o.jobs) < 1 || atoi(o.jobs) > HM_MAX_THREADS ||
		       strspn(o.jobs, "0123456789") != strlen(o.jobs))) {
		fprintf(stderr, "hotmap render: -j \"%s\": expected 1 to %d\n", o.jobs,
			HM_MAX_THREADS);
		goto cleanup;
	}
	ctx = hm_ctx_new();
	if (!ctx) {
		fprintf(stderr, "hotmap: out of memory\n");
		status = 1;
		goto cleanup;
	}
	hm_ctx_set_log(ctx, cli_log, &o);
	hm_ctx_set_threads(ctx, o.jobs ? atoi(o.jobs) : (int)sysconf(_SC_NPROCESSORS_ONLN));
	hm_render_set_svg_text(ctx, o.svg_text_outline ? HM_SVG_TEXT_OUTLINE : HM_SVG_TEXT_LIVE);
	/* libxml2 for an SVG or a page, loaded while the CSV and shapes are read */
	for (size_t i = 0; i < o.noutputs; i++)
		hm_render_preload(ctx, hm_format_from_path(o.outputs[i]));
	if (cli_map_opts(&mo, &style, ctx, &o) < 0) {
		status = cli_fail(ctx);
		goto cleanup;
	}
	t[0] = now();
	/* a density surface needs only coordinates and values: millions of
	 * rows, read in pieces, 20 bytes each */
	o.columns.compact = mo.mode != HM_MODE_POINTS;
	if (cli_load_sites(&sites, ctx, &o) < 0) {
		status = cli_fail(ctx);
		goto cleanup;
	}
	t[1] = now();
	if (hm_map_new(&map, ctx, sites, &mo) < 0) {
		status = cli_fail_map(ctx, &o);
		goto cleanup;
	}
	t[2] = now();
	if (hm_render_write(ctx, map, o.outputs, o.noutputs, o.manifest) < 0) {
		status = cli_fail(ctx);
		goto cleanup;
	}
	t[3] = now();
	if (o.timings) {
		const hm_timings *T = hm_ctx_timings(ctx);
		fprintf(stderr,
			"hotmap: timings (ms): load CSV %.1f, load shapes %.1f, project "
			"%.1f, layout %.1f, draw %.1f, encode %.1f; total %.1f\n",
			T->load_csv * 1e3, T->load_shapes * 1e3, T->project * 1e3, T->layout * 1e3,
			T->draw * 1e3, T->encode * 1e3, (t[3] - t[0]) * 1e3);
	}
	status = 0;
cleanup:
	hm_map_free(map);
	hm_sites_free(sites);
	hm_ctx_free(ctx);
	cli_free(&o);
	return status;
}
