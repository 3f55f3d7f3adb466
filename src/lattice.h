/* Many points projected by interpolation: a lattice of exactly projected
 * points over the map's extent, and bicubic (Catmull-Rom) interpolation
 * between them, used only where its error, measured against PROJ, stays
 * under a bound far below a pixel. GDAL warps images the same way (its
 * approximate transformer, 0.125 px by default); here the bound is 0.001 px.
 * A million sites binned for a density surface cost 200 ms of PROJ's
 * ellipsoidal formulas, and a few ms this way. */
#ifndef HM_LATTICE_H
#define HM_LATTICE_H

#include "map_priv.h"

#include <stddef.h>

/* The largest error allowed, in PNG pixels. */
#define HM_LATTICE_MAX_PX 0.001

typedef struct hm_lattice hm_lattice;

/* A lattice over m's extent for m's projection and transform, checked at
 * the centre and the edge midpoints of every cell against PROJ; NULL when
 * no lattice up to 256 x 256 cells keeps the error under HM_LATTICE_MAX_PX
 * (or the extent crosses the antimeridian, or a node does not project, or
 * out of memory): the caller projects exactly. */
hm_lattice *hm_lattice_new(const hm_map *m);

/* Lon/lat in x, y to PNG pixels: by interpolation inside the lattice, with
 * proj (the caller's thread's) and m's transform outside it; HUGE_VAL for
 * what does not project. */
void hm_lattice_fwd(const hm_lattice *L, const hm_proj *proj, const hm_map *m, double *x, double *y,
		    size_t n);

/* The largest error measured when the lattice was checked (px). */
double hm_lattice_error(const hm_lattice *L);

/* Cells across and down. */
int hm_lattice_cells(const hm_lattice *L);

void hm_lattice_free(hm_lattice *L);

#endif
