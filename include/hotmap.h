/* hotmap: proportional-symbol maps from a CSV of geocoded sites.
 * Include this header for the whole public API; each module has its own
 * header under hotmap/. */
#ifndef HOTMAP_H
#define HOTMAP_H

#include "hotmap/assign.h"
#include "hotmap/batch.h"
#include "hotmap/common.h"
#include "hotmap/manifest.h"
#include "hotmap/map.h"
#include "hotmap/projection.h"
#include "hotmap/render.h"
#include "hotmap/shapes.h"
#include "hotmap/sites.h"
#include "hotmap/spec.h"
#include "hotmap/style.h"

#endif
