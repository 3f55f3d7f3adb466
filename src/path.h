/* Paths in output pixels: what the layout stages make of projected shapes
 * and the drawing stage strokes and fills. */
#ifndef HM_PATH_H
#define HM_PATH_H

#include <stddef.h>

/* Paths in pixels: rings[i] is the start of ring i in pts (x, y pairs). */
typedef struct {
	double *pts;
	size_t npts;
	size_t *rings;
	size_t nrings;
	int closed;   /* polygons: rings are closed and filled */
	double *rbox; /* each ring's x0, y0, x1, y1 once laid out, or NULL: a
			 band's drawing passes over the rings that miss it */
} hm_pxpath;

#endif
