/* A program outside hotmap, built against an installed libhotmap with
 * pkg-config (tests/install/test.sh): render_example SITES.csv OUT.png draws
 * the map with the library's defaults (shapes from $HOTMAP_DATA_DIR/shapes
 * or the installed datadir). */
#include <hotmap.h>

#include <stdio.h>

int main(int argc, char **argv)
{
	hm_sites_opts columns = HM_SITES_OPTS_INIT;
	hm_map_opts opts = HM_MAP_OPTS_INIT;
	hm_ctx *ctx = hm_ctx_new();
	hm_sites *sites = NULL;
	hm_map *map = NULL;
	const char *out[1];
	int status = 1;

	if (argc != 3 || !ctx) {
		fprintf(stderr, "usage: render_example SITES.csv OUT.png\n");
		hm_ctx_free(ctx);
		return 2;
	}
	out[0] = argv[2];
	if (hm_sites_load(&sites, ctx, argv[1], &columns) < 0 ||
	    hm_map_new(&map, ctx, sites, &opts) < 0 || hm_render_write(ctx, map, out, 1, NULL) < 0)
		fprintf(stderr, "render_example: %s\n", hm_ctx_errmsg(ctx));
	else
		status = 0;
	if (status == 0)
		printf("hotmap %s: %s\n", hm_version(), argv[2]);
	hm_map_free(map);
	hm_sites_free(sites);
	hm_ctx_free(ctx);
	return status;
}
