/* hotmap render: CSV in, map files out. */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int parse_size(const char *s, int *w, int *h)
{
	char *end;
	long a, b;

	errno = 0;
	a = strtol(s, &end, 10);
	if (end == s || (*end != 'x' && *end != 'X'))
		return -1;
	s = end + 1;
	b = strtol(s, &end, 10);
	if (end == s || *end || errno || a <= 0 || b <= 0 || a > 1000000 ||
	    b > 1000000)
		return -1;
	*w = (int)a;
	*h = (int)b;
	return 0;
}

static int parse_positive(const char *s, double *v)
{
	char *end;

	*v = strtod(s, &end);
	return (end == s || *end || !isfinite(*v) || *v <= 0) ? -1 : 0;
}

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
	hm_bbox extent, insets[4];
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
			fprintf(stderr, "hotmap render: %s: unknown output format; use "
				".png, .svg or .pdf\n", o.outputs[i]);
			goto cleanup;
		}
	}
	if (o.proj && !*o.proj) {
		fprintf(stderr, "hotmap render: --proj \"\": give a CRS or auto\n");
		goto cleanup;
	}
	if (o.size && parse_size(o.size, &mo.width, &mo.height) < 0) {
		fprintf(stderr, "hotmap render: --size \"%s\": expected WxH in "
			"pixels, e.g. 2400x1800\n", o.size);
		goto cleanup;
	}
	if (o.dpi && parse_positive(o.dpi, &mo.dpi) < 0) {
		fprintf(stderr, "hotmap render: --dpi \"%s\": expected a positive "
			"number\n", o.dpi);
		goto cleanup;
	}
	if (o.max_value && parse_positive(o.max_value, &mo.max_value) < 0) {
		fprintf(stderr, "hotmap render: --max-value \"%s\": expected a "
			"positive number\n", o.max_value);
		goto cleanup;
	}
	ctx = hm_ctx_new();
	if (!ctx) {
		fprintf(stderr, "hotmap: out of memory\n");
		status = 1;
		goto cleanup;
	}
	hm_ctx_set_log(ctx, cli_log, &o);
	if (o.extent) {
		if (hm_bbox_parse(&extent, ctx, o.extent) < 0) {
			status = cli_fail(ctx);
			goto cleanup;
		}
		mo.extent = &extent;
	}
	hm_style_init(&style);
	/* no --style: the built-in style, which styles/default.ini spells out */
	if (o.style && hm_style_load(&style, ctx, o.style) < 0) {
		status = cli_fail(ctx);
		goto cleanup;
	}
	mo.style = &style;
	mo.legend_title = o.legend_title;
	mo.plain = o.plain;
	for (size_t i = 0; i < o.ninsets; i++) {
		if (hm_bbox_parse(&insets[i], ctx, o.insets[i]) < 0) {
			fprintf(stderr, "hotmap: --inset: %s\n", hm_ctx_errmsg(ctx));
			status = 2;
			goto cleanup;
		}
	}
	mo.insets = insets;
	mo.ninsets = o.ninsets;
	mo.inset_auto = o.inset_auto;
	mo.locator = o.locator;
	mo.crs = o.proj;
	mo.shapes = o.shapes;
	mo.title = o.title;
	mo.subtitle = o.subtitle;
	mo.source = o.source;
	t[0] = now();
	if (cli_load_sites(&sites, ctx, &o) < 0) {
		status = cli_fail(ctx);
		goto cleanup;
	}
	t[1] = now();
	if (hm_map_new(&map, ctx, sites, &mo) < 0) {
		status = cli_fail(ctx);
		goto cleanup;
	}
	t[2] = now();
	if (hm_render_write(ctx, map, o.outputs, o.noutputs, o.manifest) < 0) {
		status = cli_fail(ctx);
		goto cleanup;
	}
	t[3] = now();
	if (o.timings)
		fprintf(stderr, "hotmap: timings: load CSV %.1f ms, set up and lay out "
			"(projection, shapes) %.1f ms, draw and write %.1f ms\n",
			(t[1] - t[0]) * 1e3, (t[2] - t[1]) * 1e3, (t[3] - t[2]) * 1e3);
	status = 0;
cleanup:
	hm_map_free(map);
	hm_sites_free(sites);
	hm_ctx_free(ctx);
	cli_free(&o);
	return status;
}
