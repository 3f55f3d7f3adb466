/* What every command shares: messages, exit codes, loading the CSV. */
#include "cli.h"

#include <stdio.h>

void cli_log(void *ud, hm_log_level level, const char *msg)
{
	const cli_opts *o = ud;

	if (level == HM_LOG_INFO && !o->verbose)
		return;
	if (level == HM_LOG_WARN && o->quiet && !o->rows_always)
		return;
	fprintf(stderr, "hotmap: %s\n", msg);
}

int cli_fail(hm_ctx *ctx)
{
	int code = hm_ctx_errcode(ctx);

	fprintf(stderr, "hotmap: %s\n", hm_ctx_errmsg(ctx));
	return (code == HM_EUSAGE || code == HM_EDATA) ? 2 : 1;
}

int cli_load_sites(hm_sites **out, hm_ctx *ctx, const cli_opts *o)
{
	int rc = hm_sites_load(out, ctx, o->input, &o->columns);

	if (rc < 0)
		return rc;
	if (!o->quiet || o->verbose)
		fprintf(stderr, "hotmap: %s: %zu site%s loaded, %zu row%s skipped\n",
			o->input, (*out)->count, (*out)->count == 1 ? "" : "s",
			(*out)->skipped, (*out)->skipped == 1 ? "" : "s");
	return 0;
}
