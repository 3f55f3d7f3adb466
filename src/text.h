/* Text through Pango: one way to lay out text, shared by the layout stage
 * (which measures) and the render stage (which draws), so both agree. */
#ifndef HM_TEXT_H
#define HM_TEXT_H

#include <cairo.h>
#include <pango/pangocairo.h>
#include <stddef.h>

/* Text laid out once at one size, HM_TEXT_REF_PX, and scaled to its own
 * when measured or drawn. Pango makes a fontconfig pattern for every size a
 * thread asks for and sorts every font of the system against it in a thread
 * of its own (FcFontSort, to fall back on), whether a fallback is needed or
 * not: a map's ten sizes, on each thread, were some 30 sorts and 60 threads
 * in a batch. At one size it is two (regular and bold) per thread. Hinting
 * is off and glyphs are not rounded to whole units, so the scaled text is the
 * text at its size. */
#define HM_TEXT_REF_PX 100.0

typedef struct {
	PangoLayout *lay; /* at HM_TEXT_REF_PX; NULL when out of memory */
	double k;	  /* the size asked for / HM_TEXT_REF_PX */
} hm_text;

/* text in font family at px pixels (absolute), bold or not; hm_text_free */
hm_text hm_text_new(const char *family, double px, int bold, const char *text);
/* letter spacing, in em (country names) */
void hm_text_set_spacing(hm_text *t, double spacing_em);
/* at most w pixels wide, cut with an ellipsis */
void hm_text_set_max_width(hm_text *t, double w);
/* logical width and height in pixels */
void hm_text_extents(const hm_text *t, double *w, double *h);
/* draw it, or add its outlines to the path, with its top-left at (x, y) */
void hm_text_show(cairo_t *cr, const hm_text *t, double x, double y);
void hm_text_path(cairo_t *cr, const hm_text *t, double x, double y);
void hm_text_free(hm_text *t);

/* One line of laid-out text: its bytes, and where its baseline starts
 * (pixels, from the text's top-left). */
typedef struct {
	const char *text;
	int len;
	double x, y;
} hm_text_line;
/* t's lines, at most max of them, for writing it as text (an SVG); -1
 * when Pango cut it with an ellipsis (the bytes are not what is drawn). */
int hm_text_lines(const hm_text *t, hm_text_line *out, int max);
/* t's font: its family as asked for, size and letter spacing in pixels,
 * and 1 if bold. */
void hm_text_font(const hm_text *t, const char **family, double *px, double *spacing_px, int *bold);

void hm_text_size_spaced(const char *family, double px, const char *text, double spacing_em,
			 double *w, double *h);
/* Width and height of text in pixels; returns the number of characters no
 * installed font has a glyph for (Pango's unknown glyphs), 0 when all draw. */
/* Set up this thread's fonts (fontconfig, Pango's font map, the default
 * face) ahead of its first label. */
void hm_text_warm(void);

int hm_text_size(const char *family, double px, int bold, const char *text, double *w, double *h);
/* A copy of text fit to draw: control characters (C0, DEL, C1) become
 * spaces, and text past max_chars characters is cut with an ellipsis.
 * Caller frees; NULL when out of memory. */
char *hm_text_clean(const char *text, size_t max_chars);
/* "12345" -> "12,345"; non-integers keep 3 significant digits. */
void hm_format_value(char *buf, size_t cap, double v);

#endif
