/* The manifest: what was drawn, machine-readable (JSON), for reports and web
 * pages that make maps clickable, and for tests. Pixel units are those of the
 * PNG of the same map. */
#ifndef HOTMAP_MANIFEST_H
#define HOTMAP_MANIFEST_H

#include "hotmap/common.h"
#include "hotmap/map.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Write the manifest of a map as JSON into a malloc'd, NUL-terminated
 * buffer owned by the caller (free()). Numbers are written with '.' as the
 * decimal point whatever the locale; pixels are those of the PNG (origin at
 * the top left, y down); "box" objects are {x, y, width, height} in pixels.
 * Keys, in the order written (keys may be added; none is removed or renamed
 * within a SOVERSION):
 * - generator (string): "hotmap VERSION".
 * - crs (string): the map CRS as a PROJ string, or WKT when no PROJ string
 *   can express it.
 * - projection (object): description (string, why this projection), auto
 *   (bool, chosen by "auto").
 * - transform (6 numbers) [a,b,c,d,e,f]: projected (E,N) to pixels,
 *   px = a*E + b*N + c, py = d*E + e*N + f.
 * - frame (box): the map frame.
 * - width, height (integers): the PNG's size in pixels; dpi (number).
 * - extent (4 numbers): [W, S, E, N] in degrees (W > E: across the
 *   antimeridian).
 * - shapes (string): the shapefile drawn.
 * - scale (number): the scale denominator at the frame's centre.
 * - max_value (number): the value drawn at the largest radius; r_max
 *   (number): that radius in pixels.
 * - sites (array), in the order of the CSV, each: name (string), lon, lat
 *   (degrees), value (number), x, y (pixels, null when the point cannot be
 *   projected), r (radius, pixels), country (string, ISO alpha-3 of its
 *   country on the map, "" if none), line (integer, CSV line), label (null
 *   when left out, else {text (string), x, y, width, height (pixels), leader
 *   (bool, a line joins label and symbol)}), and category (string) only when
 *   the CSV has a category column.
 * - legend (object): values (numbers, largest first) and radii (pixels).
 * - scaling (string): "area" or "flannery".
 * - scalebar (object or null): km and mi (the bars' lengths, 0 when not
 *   drawn), km_px and mi_px (their lengths in pixels), box (box).
 * - north_arrow (object or null): x, y, length (pixels) and angle (degrees
 *   clockwise from up to where north points).
 * - country_labels (array): {name (string), x, y, width, height}.
 * - legend_box (box or null).
 * - missing_glyphs (integer): characters no installed font could draw.
 * - alt_text (string): the text alternative (hm_map_alt_text): plain sentences on the
 *   area, the sites and their countries, the largest, the total, the legend and what was
 *   left out.
 * - insets (array), each: kind ("locator" or "detail"), extent (4 numbers),
 *   crs (string), transform (6 numbers) and frame (box) of the inset's own
 *   map, in the same pixels; source (box, detail insets only: the area shown,
 *   as drawn on the main map); outline (locator only: the main map's frame
 *   as the locator shows it, {kind "ring", points [[x, y], ...]} closed, or
 *   {kind "lines", lines [[[x, y], ...], ...]} where it crosses the
 *   locator's seam, or {kind "mark", x, y, r}: a dot and ring for a frame
 *   too small to outline; null when it leaves the locator); sites (array of {name, x, y, r, label
 * (box or null)}: the inset's symbols inside its frame; empty for a locator); layers (as the map's
 * layers, below: a locator's end with its locator-frame, the main map's extent).
 * - highlighted (array of strings): the countries drawn as having sites.
 * - country (object or null): on a country's map (hm_map_opts.country),
 *   iso and name (strings); parts (integer: the country's polygons in the
 *   countries' shapes) and parts_kept (those the extent holds); area_km2
 *   and area_kept_km2 (numbers, approximate); extent (4 numbers: the kept
 *   parts and the sites, padded, before the frame's aspect widens it);
 *   left_out (array of {box (4 numbers: W, S, E, N), area_km2}, largest
 *   first): the remote parts without sites.
 * - provinces (object or null): with a province file (hm_map_opts.provinces),
 *   file and field (strings); with_sites (array of {name, sites, total}:
 *   each province that holds sites, the file's order); labels (array of
 *   {name, x, y, width, height}: the province names placed). Each site then
 *   has "province" (string, or null: in none and none within near_km).
 * - layers (array): what is drawn in the frame, bottom first, each
 *   {id (string: the kind's name, or the style's name of a style layer),
 *   kind (string: sea, land, graticule, style, provinces, borders,
 *   globe-edge, province-names, country-names, symbols, locator-frame,
 *   site-labels, graticule-labels)}.
 * @return 0 or HM_ENOMEM */
HM_EXTERN int hm_manifest_buffer(char **out, size_t *len, hm_ctx *ctx, const hm_map *map);

#ifdef __cplusplus
}
#endif
#endif
