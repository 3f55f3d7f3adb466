/* libFuzzer target: the whole render path, from a CSV buffer to sites, a
 * laid-out map on the repo's shapes/countries_110m.shp (300 x 220 px at
 * 72 dpi, so each run stays fast), its manifest and an in-memory PNG.
 * The shapefile is read once into a cache that lives for the process, and
 * fonts are set up by a first render in LLVMFuzzerInitialize, so neither
 * counts against each input; hm_shutdown() at exit releases the font
 * stack's caches. Any return is fine. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "hotmap/common.h"
#include "hotmap/manifest.h"
#include "hotmap/map.h"
#include "hotmap/render.h"
#include "hotmap/shapes.h"
#include "hotmap/sites.h"

#ifndef HM_FUZZ_SHAPES
#error "HM_FUZZ_SHAPES must name shapes/countries_110m.shp"
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static hm_shapes_cache *cache;

static void render(const char *csv, size_t len)
{
	hm_ctx *ctx = hm_ctx_new();
	hm_sites_opts sopts = HM_SITES_OPTS_INIT;
	hm_map_opts mopts = HM_MAP_OPTS_INIT;
	hm_sites *sites = NULL;
	hm_map *map = NULL;
	unsigned char *png = NULL;
	char *json = NULL;
	size_t n;

	if (!ctx)
		return;
	sopts.label_column = "label";
	sopts.category_column = "category";
	if (hm_sites_load_buffer(&sites, ctx, csv, len, "fuzz.csv", &sopts) != 0)
		goto cleanup;
	mopts.width = 300;
	mopts.height = 220;
	mopts.dpi = 72.0;
	mopts.shapes = HM_FUZZ_SHAPES;
	mopts.shapes_cache = cache;
	if (hm_map_new(&map, ctx, sites, &mopts) != 0)
		goto cleanup;
	if (hm_manifest_buffer(&json, &n, ctx, map) == 0)
		free(json);
	if (hm_render_png_buffer(&png, &n, ctx, map) == 0)
		free(png);
cleanup:
	hm_map_free(map);
	hm_sites_free(sites);
	hm_ctx_free(ctx);
}

static void release(void)
{
	hm_shapes_cache_free(cache);
	cache = NULL;
	hm_shutdown();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char warm[] = "name,lat,lon,value\nParis,48.85,2.35,10\n";

	(void)argc, (void)argv;
	atexit(release);
	cache = hm_shapes_cache_new();
	render(warm, sizeof(warm) - 1);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	render((const char *)data, size);
	return 0;
}
