/* hotmap check: load a CSV and report every problem, and which country
 * each site is in; draw nothing. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Each site's country by the rule every map and batch follow: sites in no
 * country and country names the shapes do not know are warned about, and a
 * line says how many sites are in how many countries. 0, or the exit status
 * when the shapes cannot be read. */
static int report_countries(hm_ctx *ctx, const hm_sites *sites, const cli_opts *o)
{
	char(*iso)[8] = calloc(sites->count ? sites->count : 1, sizeof(*iso));
	size_t placed = 0, ncountries = 0;

	if (!iso) {
		fprintf(stderr, "hotmap: out of memory\n");
		return 1;
	}
	if (hm_assign_sites(iso, &placed, ctx, sites, o->shapes, cli_shapes_dir(), 10.0) < 0) {
		free(iso);
		return cli_fail(ctx);
	}
	for (size_t i = 0; i < sites->count; i++) {
		size_t j = 0;
		while (j < i && (iso[j][0] == 0 || strcmp(iso[j], iso[i]) != 0))
			j++;
		ncountries += iso[i][0] && j == i;
	}
	if (!o->quiet)
		fprintf(stderr, "hotmap: %s: %zu of %zu sites in %zu countr%s\n", sites->path,
			placed, sites->count, ncountries, ncountries == 1 ? "y" : "ies");
	free(iso);
	return 0;
}

int cmd_check(int argc, char **argv)
{
	cli_opts o;
	hm_ctx *ctx = NULL;
	hm_sites *sites = NULL;
	int status = cli_parse(&o, CMD_CHECK, "check", argc, argv);

	if (status != 0 || o.help) {
		if (o.help)
			cli_usage(stdout, CMD_CHECK, "check");
		goto cleanup;
	}
	ctx = hm_ctx_new();
	if (!ctx) {
		fprintf(stderr, "hotmap: out of memory\n");
		status = 1;
		goto cleanup;
	}
	/* every problem is reported: strict would stop at the first, and for
	 * check the bad rows are the output, so --quiet keeps them */
	o.columns.strict = 0;
	o.rows_always = 1;
	hm_ctx_set_log(ctx, cli_log, &o);
	if (cli_load_sites(&sites, ctx, &o) < 0) {
		status = cli_fail(ctx);
		goto cleanup;
	}
	status = report_countries(ctx, sites, &o);
	if (status == 0)
		status = sites->skipped ? 2 : 0;
cleanup:
	hm_sites_free(sites);
	hm_ctx_free(ctx);
	cli_free(&o);
	return status;
}
