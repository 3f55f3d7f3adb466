/* A map as a web page of its own (-o map.html): one self-contained file, its
 * SVG inline (svg.h), tooltips on the symbols by mouse and keyboard, the
 * text alternative, a table of the sites, the source and credits; no
 * network, no framework, and all of it there with JavaScript off. */
#ifndef HM_HTML_H
#define HM_HTML_H

#include "map_priv.h"

#include <cairo.h>

/* Write the page of m through write(closure); 0, or -1 when a write failed
 * or memory ran out. */
int hm_html_write(const hm_map *m, cairo_write_func_t write, void *closure);

#endif
