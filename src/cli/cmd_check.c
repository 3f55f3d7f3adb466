/* hotmap check: load a CSV and report every problem; draw nothing. */
#include "cli.h"

#include <stdio.h>

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
	status = sites->skipped ? 2 : 0;
cleanup:
	hm_sites_free(sites);
	hm_ctx_free(ctx);
	cli_free(&o);
	return status;
}
