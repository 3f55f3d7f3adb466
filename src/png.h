/* The PNG encoder: a map drawn in bands and deflated on the context's
 * threads (png.c says why), written as one PNG. */
#ifndef HM_PNG_H
#define HM_PNG_H

#include "map_priv.h"

#include <cairo.h>

/* Draw m in bands on ctx's threads and write it as a PNG to write(closure);
 * adds the draw and encode times to *t_draw and *t_encode. */
cairo_status_t hm_png_write(hm_ctx *ctx, const hm_map *m, cairo_write_func_t write, void *closure,
			    double *t_draw, double *t_encode);

#endif
