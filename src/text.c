#include "text.h"
#include "context.h"
#include "numfmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* No hinting: the same glyph positions on every surface and when measured. */
static void set_options(PangoContext *pc)
{
	cairo_font_options_t *fo = cairo_font_options_create();

	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(pc, fo);
	cairo_font_options_destroy(fo);
}

hm_text hm_text_new(const char *family, double px, int bold, const char *text)
{
	hm_text t = {NULL, px / HM_TEXT_REF_PX};
	PangoFontDescription *fd;
	PangoContext *pc;

	pc = pango_font_map_create_context(pango_cairo_font_map_get_default());
	if (!pc)
		return t;
	set_options(pc);
	/* glyphs where they fall, not on whole units of the reference size */
	pango_context_set_round_glyph_positions(pc, FALSE);
	t.lay = pango_layout_new(pc);
	g_object_unref(pc);
	fd = pango_font_description_from_string(family);
	if (!t.lay || !fd) {
		if (fd)
			pango_font_description_free(fd);
		hm_text_free(&t);
		return t;
	}
	pango_font_description_set_absolute_size(fd, HM_TEXT_REF_PX * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(t.lay, fd);
	pango_font_description_free(fd);
	/* a name broken over two lines is centred line by line (one line:
	 * no change) */
	pango_layout_set_alignment(t.lay, PANGO_ALIGN_CENTER);
	pango_layout_set_text(t.lay, text, -1);
	return t;
}

void hm_text_set_spacing(hm_text *t, double spacing_em)
{
	PangoAttrList *attrs;

	if (!t->lay || !(attrs = pango_attr_list_new()))
		return;
	pango_attr_list_insert(attrs, pango_attr_letter_spacing_new(
					      (int)(spacing_em * HM_TEXT_REF_PX * PANGO_SCALE)));
	pango_layout_set_attributes(t->lay, attrs);
	pango_attr_list_unref(attrs);
}

void hm_text_set_max_width(hm_text *t, double w)
{
	if (!t->lay || w <= 0 || t->k <= 0)
		return;
	pango_layout_set_width(t->lay, (int)(w / t->k * PANGO_SCALE));
	pango_layout_set_ellipsize(t->lay, PANGO_ELLIPSIZE_END);
}

void hm_text_extents(const hm_text *t, double *w, double *h)
{
	PangoRectangle logical = {0, 0, 0, 0};

	if (t->lay)
		pango_layout_get_extents(t->lay, NULL, &logical);
	*w = (double)logical.width / PANGO_SCALE * t->k;
	*h = (double)logical.height / PANGO_SCALE * t->k;
}

static void place(cairo_t *cr, const hm_text *t, double x, double y, int path)
{
	if (!t->lay)
		return;
	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_scale(cr, t->k, t->k);
	cairo_move_to(cr, 0, 0);
	if (path)
		pango_cairo_layout_path(cr, t->lay); /* the path outlives the restore */
	else
		pango_cairo_show_layout(cr, t->lay);
	cairo_restore(cr);
}

void hm_text_show(cairo_t *cr, const hm_text *t, double x, double y)
{
	place(cr, t, x, y, 0);
}

void hm_text_path(cairo_t *cr, const hm_text *t, double x, double y)
{
	place(cr, t, x, y, 1);
}

int hm_text_lines(const hm_text *t, hm_text_line *out, int max)
{
	const char *text;
	PangoLayoutIter *it;
	int n = 0;

	if (!t->lay || pango_layout_is_ellipsized(t->lay))
		return -1;
	text = pango_layout_get_text(t->lay);
	it = pango_layout_get_iter(t->lay);
	do {
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		PangoRectangle logical;
		if (n == max)
			break;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		out[n].text = text + line->start_index;
		out[n].len = line->length;
		/* a line ends at its break, not after it */
		while (out[n].len > 0 &&
		       (out[n].text[out[n].len - 1] == '\n' || out[n].text[out[n].len - 1] == '\r'))
			out[n].len--;
		out[n].x = (double)logical.x / PANGO_SCALE * t->k;
		out[n].y = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE * t->k;
		n++;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	return n;
}

void hm_text_font(const hm_text *t, const char **family, double *px, double *spacing_px, int *bold)
{
	const PangoFontDescription *fd = t->lay ? pango_layout_get_font_description(t->lay) : NULL;
	PangoAttrList *attrs = t->lay ? pango_layout_get_attributes(t->lay) : NULL;
	PangoAttrIterator *it = attrs ? pango_attr_list_get_iterator(attrs) : NULL;
	PangoAttribute *a = it ? pango_attr_iterator_get(it, PANGO_ATTR_LETTER_SPACING) : NULL;

	*family = fd ? pango_font_description_get_family(fd) : NULL;
	*px = HM_TEXT_REF_PX * t->k;
	*bold = fd && pango_font_description_get_weight(fd) >= PANGO_WEIGHT_BOLD;
	*spacing_px = a ? (double)((PangoAttrInt *)a)->value / PANGO_SCALE * t->k : 0;
	if (it)
		pango_attr_iterator_destroy(it);
}

void hm_text_free(hm_text *t)
{
	if (t->lay)
		g_object_unref(t->lay);
	t->lay = NULL;
}

void hm_text_size_spaced(const char *family, double px, const char *text, double spacing_em,
			 double *w, double *h)
{
	hm_text t = hm_text_new(family, px, 0, text);

	hm_text_set_spacing(&t, spacing_em);
	hm_text_extents(&t, w, h);
	hm_text_free(&t);
}

int hm_text_size(const char *family, double px, int bold, const char *text, double *w, double *h)
{
	hm_text t = hm_text_new(family, px, bold, text);
	int unknown = t.lay ? pango_layout_get_unknown_glyphs_count(t.lay) : 0;

	hm_text_extents(&t, w, h);
	hm_text_free(&t);
	return unknown;
}

void hm_text_warm(void)
{
	double w, h;

	/* the default face, regular (labels) and bold (titles) */
	hm_text_size("Noto Sans", 10, 0, "Ag", &w, &h);
	hm_text_size("Noto Sans", 10, 1, "Ag", &w, &h);
}

void hm_format_value(char *buf, size_t cap, double v)
{
	if (v == floor(v) && fabs(v) < 1e15) {
		char digits[32];
		size_t n, k = 0;
		hm_snprintf_c(digits, sizeof(digits), "%.0f", fabs(v));
		n = strlen(digits);
		if (v < 0 && k + 1 < cap)
			buf[k++] = '-';
		for (size_t i = 0; i < n && k + 2 < cap; i++) {
			if (i > 0 && (n - i) % 3 == 0)
				buf[k++] = ',';
			buf[k++] = digits[i];
		}
		buf[k] = '\0';
	} else {
		hm_snprintf_c(buf, cap, "%.3g", v); /* "2.5", not "2,5" */
	}
}

char *hm_text_clean(const char *text, size_t max_chars)
{
	size_t n = strlen(text), chars = 0, k = 0;
	char *out = malloc(n + 4);
	const unsigned char *p = (const unsigned char *)text;

	if (!out)
		return NULL;
	while (*p) {
		size_t len = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3 : 4;
		if (chars == max_chars) {
			memcpy(out + k, "\xE2\x80\xA6", 3); /* ... */
			k += 3;
			break;
		}
		if (*p < 0x20 || *p == 0x7F || (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)) {
			out[k++] = ' ';
			p += *p == 0xC2 ? 2 : 1;
		} else {
			for (size_t i = 0; i < len && *p; i++)
				out[k++] = (char)*p++;
		}
		chars++;
	}
	out[k] = '\0';
	return out;
}

void hm_shutdown(void)
{
	/* Drops this thread's font map and the cairo font faces it holds.
	 * Cairo's and fontconfig's own global caches are left alone: their
	 * debug resets assert when any scaled font is still referenced, which
	 * cannot be ruled out at exit (leak checkers get suppressions). */
	pango_cairo_font_map_set_default(NULL);
}
