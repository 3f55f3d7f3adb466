/* Generalisation of projected paths to the output resolution: drops the
 * vertices that move the line less than a tolerance, and keeps the borders
 * that two features share identical, so neighbours still meet exactly. */
#ifndef HM_GENERALISE_H
#define HM_GENERALISE_H

#include "path.h"

#include <stddef.h>

/**
 * Simplify every ring of @p paths (Douglas-Peucker, in place) so that no
 * line moves by more than @p tol (in the paths' units, pixels).
 *
 * Vertices where the set of rings passing through changes (the ends of a
 * shared border, the corners where three features meet) are kept, and each
 * stretch between two of them is simplified on its own, in a direction fixed
 * by its end points: a border shared by two features comes out the same in
 * both. Closed rings that shrink below three vertices are dropped.
 *
 * @return 0, or -1 when out of memory (the paths are then unchanged).
 */
int hm_generalise(hm_pxpath *const *paths, size_t npaths, double tol);

#endif
