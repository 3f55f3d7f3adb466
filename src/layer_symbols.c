/* The sites' symbols as a layer; how they are drawn is symbols_draw.c's. */
#include "layer.h"

#include "map_priv.h"
#include "symbols_draw.h"

static void draw_symbols(const hm_draw_ctx *d, const hm_map *m, const void *data)
{
	(void)data;
	hm_symbols_draw(d->cr, m, d->stamps);
}

const hm_layer_kind hm_layer_symbols = {.name = "symbols", .on_globe = 0, .draw = draw_symbols};
