/* libFuzzer target: the CSV loader (hm_sites_load_buffer), lenient and
 * strict, with columns found by header. Any return is fine; a crash, a
 * sanitizer report, a leak or a hang is a bug. */
#include <stddef.h>
#include <stdint.h>

#include "hotmap/common.h"
#include "hotmap/sites.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	hm_ctx *ctx = hm_ctx_new();
	hm_sites_opts opts = HM_SITES_OPTS_INIT;
	hm_sites *sites = NULL;

	if (!ctx)
		return 0;
	if (hm_sites_load_buffer(&sites, ctx, (const char *)data, size, "fuzz.csv", &opts) == 0)
		(void)hm_sites_max_value(sites);
	hm_sites_free(sites);
	sites = NULL;
	/* strict mode, and the optional columns by name */
	opts.strict = 1;
	opts.label_column = "label";
	opts.category_column = "category";
	opts.country_column = "country";
	(void)hm_sites_load_buffer(&sites, ctx, (const char *)data, size, "fuzz.csv", &opts);
	hm_sites_free(sites);
	hm_ctx_free(ctx);
	return 0;
}
