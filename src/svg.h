/* hotmap's own SVG: the map drawn by the same code as the PNG and PDF, on a
 * Cairo context whose paint operations are written as SVG elements through
 * libxml2's xmlTextWriter instead of being rasterised. Each layer is a group
 * (an Inkscape layer) named after it, text stays text (<text>, halos as a
 * stroke painted under the fill), each symbol is a <circle> that carries its
 * site's data, and the root has the map's title and text alternative.
 *
 * The drawing files do not test for SVG: they call paint.h's hm_fill,
 * hm_stroke, hm_paint and hm_clip for Cairo's, and the hm_svg_* calls below,
 * which do nothing on any other surface. */
#ifndef HM_SVG_H
#define HM_SVG_H

#include "map_priv.h"
#include "text.h"

#include <cairo.h>
#include <libxml/xmlwriter.h> /* the type xmlTextWriterPtr; xml.h loads the functions */

typedef struct hm_svg hm_svg;

/* A document for map m (its size, title and text alternative), written
 * through write(closure) as it goes. NULL when out of memory or libxml2
 * cannot be loaded (hm_xml says why). */
hm_svg *hm_svg_new(const hm_map *m, cairo_write_func_t write, void *closure);
/* The same, as an element of a page that w is writing (html.c): no XML
 * declaration, no Inkscape layers, and every symbol focusable (tabindex) for
 * the page's tooltips. hm_svg_finish closes the <svg> and leaves w open. */
hm_svg *hm_svg_new_inline(const hm_map *m, xmlTextWriterPtr w);
/* The context to draw on: user space is the PNG's pixels, as for every
 * surface (draw.h). Owned by s. */
cairo_t *hm_svg_cr(hm_svg *s);
/* Close every element and flush; 0, or -1 when a write failed or memory ran
 * out on the way. Frees s. */
int hm_svg_finish(hm_svg *s);

/* The document cr draws to, or NULL on any other surface. */
hm_svg *hm_svg_of(cairo_t *cr);

/* cr's path, filled or stroked with cr's source, line width, dashes, joins
 * and caps, as one <path> (a fill kept by preserve and then stroked is one
 * element with both); the path is cleared unless preserve. */
void hm_svg_fill(hm_svg *s, cairo_t *cr, int preserve);
void hm_svg_stroke(hm_svg *s, cairo_t *cr, int preserve);
/* cr's source over the whole of cr's clip. */
void hm_svg_paint(hm_svg *s, cairo_t *cr);
/* A group clipped to cr's path (the caller then clips cr itself); closed
 * by hm_svg_close_to. hm_svg_group_clipped: one with an id (as
 * hm_svg_group), nothing on other surfaces. */
void hm_svg_clip(hm_svg *s, cairo_t *cr);
void hm_svg_group_clipped(cairo_t *cr, const char *id, int layer);

/* Open a group with id (made unique in the document by the prefix that
 * hm_svg_set_prefix gave), marked as an Inkscape layer if layer; nothing
 * on other surfaces. hm_svg_depth and hm_svg_close_to close what a piece of
 * drawing opened, clip groups too. */
void hm_svg_group(cairo_t *cr, const char *id, int layer);
int hm_svg_depth(cairo_t *cr);
void hm_svg_close_to(cairo_t *cr, int depth);
/* A prefix for the ids of the groups opened after it ("inset1-"), "" for
 * none. */
void hm_svg_set_prefix(cairo_t *cr, const char *prefix);

/* Text t with its top-left at (x, y) in cr's user space, in fg, with a halo
 * of halo_w pixels (0: none) in halo: one <text>. 0, or -1 when t cannot be
 * written as text (cut with an ellipsis) and the caller draws its outline. */
int hm_svg_write_text(hm_svg *s, cairo_t *cr, const hm_text *t, double x, double y, hm_color fg,
		      hm_color halo, double halo_w);

/* Site st's symbol, a circle of radius r, filled and outlined (line width
 * lw), with its data (name, value, place, country) and a tooltip title. */
void hm_svg_symbol(hm_svg *s, const hm_map *m, const hm_map_site *st, double r, hm_color fill,
		   hm_color line, double lw);

#endif
