/* Text through Pango: one way to lay out text, shared by the layout stage
 * (which measures) and the render stage (which draws), so both agree. */
#ifndef HM_TEXT_H
#define HM_TEXT_H

#include <cairo.h>
#include <pango/pangocairo.h>
#include <stddef.h>

/* A layout of text in font family at px pixels (absolute), bold or not.
 * cr NULL: for measuring only. Caller unrefs with g_object_unref. */
PangoLayout *hm_text_layout(cairo_t *cr, const char *family, double px, int bold,
			    const char *text);
/* A layout with letter spacing (in em) and no bold; for country names. */
PangoLayout *hm_text_layout_spaced(cairo_t *cr, const char *family, double px,
				   const char *text, double spacing_em);
void hm_text_size_spaced(const char *family, double px, const char *text, double spacing_em,
			 double *w, double *h);
/* Width and height of text in pixels; returns the number of characters no
 * installed font has a glyph for (Pango's unknown glyphs), 0 when all draw. */
/* Set up this thread's fonts (fontconfig, Pango's font map, the default
 * face) ahead of its first label. */
void hm_text_warm(void);

int hm_text_size(const char *family, double px, int bold, const char *text, double *w,
		 double *h);
/* A copy of text fit to draw: control characters (C0, DEL, C1) become
 * spaces, and text past max_chars characters is cut with an ellipsis.
 * Caller frees; NULL when out of memory. */
char *hm_text_clean(const char *text, size_t max_chars);
/* "12345" -> "12,345"; non-integers keep 3 significant digits. */
void hm_format_value(char *buf, size_t cap, double v);

#endif
