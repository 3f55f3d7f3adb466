/* libFuzzer target: the shapefile reader (hm_layer_load_buffers, through
 * shapelib's hooks), then the lookups and the GEOS clip on what it kept.
 *
 * Input layout, so that mutations reach every file:
 *   uint32 LE shp_len, uint32 LE shx_len, uint32 LE dbf_len,
 *   shp_len bytes of .shp, shx_len bytes of .shx, dbf_len bytes of .dbf,
 *   and whatever follows is the .cpg text (none when empty).
 * Lengths larger than what is left are cut to what is left. Each part is
 * copied to a buffer of its own so that ASan sees a read past any one of
 * them. tests/fuzz/shapefile_pack.py builds such inputs. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hotmap/common.h"
#include "hotmap/projection.h"
#include "hotmap/shapes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Cut the next part of at most want bytes into its own buffer. */
static unsigned char *take(const uint8_t **p, size_t *left, size_t want, size_t *len)
{
	unsigned char *b;

	if (want > *left)
		want = *left;
	b = malloc(want ? want : 1);
	if (!b)
		return NULL;
	memcpy(b, *p, want);
	*p += want;
	*left -= want;
	*len = want;
	return b;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const hm_bbox box = {-20.0, -10.0, 40.0, 50.0};
	static const hm_bbox seam = {170.0, -50.0, -170.0, 10.0};
	const uint8_t *p = data + 12;
	size_t left, lens[3] = {0, 0, 0};
	unsigned char *part[3] = {NULL, NULL, NULL};
	char *cpg = NULL;
	hm_ctx *ctx = NULL;
	hm_layer *layer = NULL, *clipped = NULL;

	if (size < 12)
		return 0;
	left = size - 12;
	for (int k = 0; k < 3; k++)
		if (!(part[k] = take(&p, &left, le32(data + 4 * k), &lens[k])))
			goto cleanup;
	if (left) {
		if (!(cpg = malloc(left + 1)))
			goto cleanup;
		memcpy(cpg, p, left);
		cpg[left] = '\0';
	}
	if (!(ctx = hm_ctx_new()))
		goto cleanup;
	if (hm_layer_load_buffers(&layer, ctx, "fuzz", part[0], lens[0], part[1], lens[1], part[2],
				  lens[2], cpg, NULL) != 0)
		goto cleanup;
	for (size_t i = 0; i < hm_layer_count(layer); i++) {
		double b[4];
		(void)hm_layer_name(layer, i);
		(void)hm_layer_iso_a3(layer, i);
		hm_layer_bbox(layer, i, b);
	}
	(void)hm_layer_find_point(layer, 2.35, 48.85);
	(void)hm_layer_find_near(layer, 100.5, 13.75, 50.0);
	(void)hm_layer_find_name(layer, "FRA");
	if (hm_layer_clip(&clipped, ctx, layer, &box) == 0)
		hm_layer_free(clipped);
	clipped = NULL;
	if (hm_layer_clip(&clipped, ctx, layer, &seam) == 0)
		hm_layer_free(clipped);
	clipped = NULL;
cleanup:
	hm_layer_free(layer);
	hm_ctx_free(ctx);
	free(cpg);
	for (int k = 0; k < 3; k++)
		free(part[k]);
	return 0;
}
