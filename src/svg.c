/* hotmap's own SVG (svg.h): Cairo builds the paths, libxml2's xmlTextWriter
 * writes the elements. Coordinates are the PNG's pixels (the viewBox),
 * rounded to a hundredth; paths are relative from their first point, so most
 * numbers are a few digits. */
#include "svg.h"

#include "numfmt.h"
#include "xml.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SVG_NS "http://www.w3.org/2000/svg"
#define INKSCAPE_NS "http://www.inkscape.org/namespaces/inkscape"
/* Fonts after the style's: Noto for the region's scripts, then any. */
#define FONT_FALLBACKS                                                                             \
	"'Noto Sans Thai', 'Noto Sans Khmer', 'Noto Sans Lao', 'Noto Sans Myanmar', "              \
	"sans-serif"
#define MAX_TEXT_LINES 8

typedef struct {
	char *p;
	size_t len, cap;
} strbuf;

/* A fill kept (preserve) for a stroke that may follow on the same path. */
typedef struct {
	int on;
	strbuf d;
	hm_color c;
	int winding;
} pending_fill;

struct hm_svg {
	const hm_xml_api *x; /* libxml2's writer (xml.h) */
	xmlTextWriterPtr w;
	cairo_surface_t *target; /* bounded recording surface: never painted on */
	cairo_t *cr;
	const hm_map *m;
	hm_xml_sink sink; /* where a whole document goes */
	int err;
	int own;    /* the writer is ours: a whole document */
	int html;   /* inline in a page */
	int rooted; /* the <svg> is open */
	int depth;  /* groups open below the root, pending ones too */
	/* groups asked for but not written yet: a group is written with its
	 * first element, and one that stays empty is never written */
	struct {
		char id[128];
		int layer;
	} pend[16];
	int npend;
	int nclip;
	char prefix[32];
	strbuf d, tmp;
	pending_fill fill;
};

static const cairo_user_data_key_t svg_key;

static int sb_reserve(hm_svg *s, strbuf *b, size_t more)
{
	if (b->len + more + 1 <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + more + 1)
		cap *= 2;
	char *p = realloc(b->p, cap);
	if (!p) {
		s->err = 1;
		return -1;
	}
	b->p = p;
	b->cap = cap;
	return 0;
}

static void sb_putc(hm_svg *s, strbuf *b, char c)
{
	if (sb_reserve(s, b, 1) == 0) {
		b->p[b->len++] = c;
		b->p[b->len] = '\0';
	}
}

/* v hundredths as a short decimal ("12.5", "-3", ".05") in out (at least
 * 24 bytes, not terminated); its length. */
static int fmt_hundredths(char *out, long v)
{
	char tmp[24];
	int n = 0, k = 0;
	unsigned long a = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
	unsigned long ip = a / 100, fp = a % 100;

	if (fp) {
		if (fp % 10)
			tmp[n++] = (char)('0' + fp % 10);
		tmp[n++] = (char)('0' + fp / 10);
		tmp[n++] = '.';
	}
	if (ip || !fp)
		do {
			tmp[n++] = (char)('0' + ip % 10);
			ip /= 10;
		} while (ip);
	if (v < 0)
		out[k++] = '-';
	while (n > 0)
		out[k++] = tmp[--n];
	return k;
}

/* v hundredths appended to path data, after a space unless it starts with
 * a minus or follows a command letter. */
static void sb_num(hm_svg *s, strbuf *b, long v)
{
	if (sb_reserve(s, b, 26) < 0)
		return;
	if (v >= 0 && b->len > 0 && !(b->p[b->len - 1] >= 'A' && b->p[b->len - 1] <= 'z'))
		b->p[b->len++] = ' ';
	b->len += (size_t)fmt_hundredths(b->p + b->len, v);
	b->p[b->len] = '\0';
}

static long hundredths(double v)
{
	return lround(fmin(fmax(v, -1e9), 1e9) * 100);
}

/* A number for an attribute (hundredths), as text. */
static const char *num_attr(char *buf, double v)
{
	buf[fmt_hundredths(buf, hundredths(v))] = '\0';
	return buf;
}

static void put_attr(hm_svg *s, const char *name, const char *value)
{
	if (s->x->WriteAttribute(s->w, BAD_CAST name, BAD_CAST value) < 0)
		s->err = 1;
}

/* len bytes of text, escaped */
static void put_text(hm_svg *s, const char *text, int len)
{
	s->tmp.len = 0;
	if (sb_reserve(s, &s->tmp, (size_t)len) < 0)
		return;
	memcpy(s->tmp.p, text, (size_t)len);
	s->tmp.p[len] = '\0';
	if (s->x->WriteString(s->w, BAD_CAST s->tmp.p) < 0)
		s->err = 1;
}

static void put_num(hm_svg *s, const char *name, double v)
{
	char buf[32];

	put_attr(s, name, num_attr(buf, v));
}

static void start_raw(hm_svg *s, const char *el)
{
	if (s->x->StartElement(s->w, BAD_CAST el) < 0)
		s->err = 1;
}

static void put_attr(hm_svg *s, const char *name, const char *value);

/* Write the groups that wait for their first element. */
static void open_pending(hm_svg *s)
{
	for (int k = 0; k < s->npend; k++) {
		start_raw(s, "g");
		put_attr(s, "id", s->pend[k].id);
		if (s->pend[k].layer && !s->html) {
			put_attr(s, "inkscape:groupmode", "layer");
			put_attr(s, "inkscape:label", s->pend[k].id);
		}
	}
	s->npend = 0;
}

static void start(hm_svg *s, const char *el)
{
	open_pending(s);
	start_raw(s, el);
}

static void end(hm_svg *s)
{
	if (s->x->EndElement(s->w) < 0)
		s->err = 1;
}

static void put_color(hm_svg *s, const char *name, const char *opacity, hm_color c)
{
	char hex[8], op[32];
	static const char digits[] = "0123456789abcdef";
	int v[3] = {(int)lround(fmin(fmax(c.r, 0), 1) * 255),
		    (int)lround(fmin(fmax(c.g, 0), 1) * 255),
		    (int)lround(fmin(fmax(c.b, 0), 1) * 255)};

	hex[0] = '#';
	for (int k = 0; k < 3; k++) {
		hex[1 + 2 * k] = digits[v[k] >> 4];
		hex[2 + 2 * k] = digits[v[k] & 15];
	}
	hex[7] = '\0';
	put_attr(s, name, hex);
	if (c.a < 1) {
		hm_snprintf_c(op, sizeof(op), "%.3g", fmax(c.a, 0));
		put_attr(s, opacity, op);
	}
}

/* cr's path in device space (the PNG's pixels) as path data in b: ""
 * for an empty path. */
static void path_data(hm_svg *s, cairo_t *cr, strbuf *b)
{
	cairo_matrix_t mtx;
	cairo_path_t *p;
	long cx = 0, cy = 0, sx = 0, sy = 0;
	char last = 0;

	b->len = 0;
	if (sb_reserve(s, b, 0) == 0)
		b->p[0] = '\0';
	cairo_get_matrix(cr, &mtx);
	cairo_identity_matrix(cr);
	p = cairo_copy_path(cr);
	cairo_set_matrix(cr, &mtx);
	if (!p || p->status != CAIRO_STATUS_SUCCESS) {
		if (p)
			cairo_path_destroy(p);
		return;
	}
	for (int i = 0; i < p->num_data; i += p->data[i].header.length) {
		const cairo_path_data_t *e = &p->data[i];
		switch (e->header.type) {
		case CAIRO_PATH_MOVE_TO: {
			long x = hundredths(e[1].point.x), y = hundredths(e[1].point.y);
			/* a move after a close that goes nowhere: Cairo's own */
			if (last == 'z' && x == cx && y == cy)
				break;
			sb_putc(s, b, last ? 'm' : 'M');
			sb_num(s, b, last ? x - cx : x);
			sb_num(s, b, last ? y - cy : y);
			cx = sx = x, cy = sy = y;
			/* pairs after "m" are relative lines, after "M" absolute */
			last = last ? 'm' : 'M';
			break;
		}
		case CAIRO_PATH_LINE_TO: {
			long x = hundredths(e[1].point.x), y = hundredths(e[1].point.y);
			if (x == cx && y == cy)
				break; /* nothing at a hundredth of a pixel */
			if (last != 'l' && last != 'm')
				sb_putc(s, b, 'l');
			sb_num(s, b, x - cx);
			sb_num(s, b, y - cy);
			cx = x, cy = y;
			last = 'l';
			break;
		}
		case CAIRO_PATH_CURVE_TO: {
			if (last != 'c')
				sb_putc(s, b, 'c');
			for (int k = 1; k <= 3; k++) {
				sb_num(s, b, hundredths(e[k].point.x) - cx);
				sb_num(s, b, hundredths(e[k].point.y) - cy);
			}
			cx = hundredths(e[3].point.x), cy = hundredths(e[3].point.y);
			last = 'c';
			break;
		}
		case CAIRO_PATH_CLOSE_PATH:
			sb_putc(s, b, 'z');
			cx = sx, cy = sy;
			last = 'z';
			break;
		}
	}
	cairo_path_destroy(p);
}

/* A line width or dash length in user space, in device pixels. */
static double device_len(cairo_t *cr, double v)
{
	cairo_matrix_t mtx;

	cairo_get_matrix(cr, &mtx);
	return v * sqrt(fabs(mtx.xx * mtx.yy - mtx.xy * mtx.yx));
}

static int source_color(cairo_t *cr, hm_color *c)
{
	return cairo_pattern_get_rgba(cairo_get_source(cr), &c->r, &c->g, &c->b, &c->a) ==
	       CAIRO_STATUS_SUCCESS;
}

static void stroke_attrs(hm_svg *s, cairo_t *cr, hm_color c)
{
	int nd = cairo_get_dash_count(cr);

	put_color(s, "stroke", "stroke-opacity", c);
	put_num(s, "stroke-width", device_len(cr, cairo_get_line_width(cr)));
	if (cairo_get_line_join(cr) != CAIRO_LINE_JOIN_ROUND)
		put_attr(s, "stroke-linejoin",
			 cairo_get_line_join(cr) == CAIRO_LINE_JOIN_BEVEL ? "bevel" : "miter");
	if (cairo_get_line_cap(cr) != CAIRO_LINE_CAP_ROUND)
		put_attr(s, "stroke-linecap",
			 cairo_get_line_cap(cr) == CAIRO_LINE_CAP_SQUARE ? "square" : "butt");
	if (nd > 0 && nd <= 16) {
		double dash[16], off;
		strbuf b = {0};
		cairo_get_dash(cr, dash, &off);
		for (int k = 0; k < nd; k++)
			sb_num(s, &b, hundredths(device_len(cr, dash[k])));
		if (b.p)
			put_attr(s, "stroke-dasharray", b.p);
		free(b.p);
	}
}

/* Write the fill kept for a stroke, alone. */
static void flush_fill(hm_svg *s)
{
	if (!s->fill.on)
		return;
	s->fill.on = 0;
	start(s, "path");
	put_attr(s, "d", s->fill.d.p);
	put_color(s, "fill", "fill-opacity", s->fill.c);
	if (s->fill.winding)
		put_attr(s, "fill-rule", "nonzero");
	end(s);
}

void hm_svg_fill(hm_svg *s, cairo_t *cr, int preserve)
{
	hm_color c;

	flush_fill(s);
	if (source_color(cr, &c)) {
		path_data(s, cr, &s->fill.d);
		if (s->fill.d.len > 0) {
			s->fill.on = 1;
			s->fill.c = c;
			s->fill.winding = cairo_get_fill_rule(cr) == CAIRO_FILL_RULE_WINDING;
			/* written at once unless a stroke of the same path may follow */
			if (!preserve)
				flush_fill(s);
		}
	}
	if (!preserve)
		cairo_new_path(cr);
}

void hm_svg_stroke(hm_svg *s, cairo_t *cr, int preserve)
{
	hm_color c;

	if (source_color(cr, &c)) {
		path_data(s, cr, &s->d);
		if (s->fill.on && s->d.len > 0 && s->fill.d.len == s->d.len &&
		    memcmp(s->fill.d.p, s->d.p, s->d.len) == 0) {
			s->fill.on = 0;
			start(s, "path");
			put_attr(s, "d", s->d.p);
			put_color(s, "fill", "fill-opacity", s->fill.c);
			if (s->fill.winding)
				put_attr(s, "fill-rule", "nonzero");
			stroke_attrs(s, cr, c);
			end(s);
		} else if (s->d.len > 0) {
			flush_fill(s);
			start(s, "path");
			put_attr(s, "d", s->d.p);
			put_attr(s, "fill", "none");
			stroke_attrs(s, cr, c);
			end(s);
		}
	}
	flush_fill(s);
	if (!preserve)
		cairo_new_path(cr);
}

void hm_svg_paint(hm_svg *s, cairo_t *cr)
{
	double x1, y1, x2, y2;
	hm_color c;

	flush_fill(s);
	if (!source_color(cr, &c))
		return;
	cairo_clip_extents(cr, &x1, &y1, &x2, &y2);
	start(s, "rect");
	put_num(s, "x", x1);
	put_num(s, "y", y1);
	put_num(s, "width", x2 - x1);
	put_num(s, "height", y2 - y1);
	put_color(s, "fill", "fill-opacity", c);
	end(s);
}

/* A group with id, written now (a clip's) or with its first element. */
static void group_start(hm_svg *s, const char *id, int layer, int now)
{
	if (s->npend == (int)(sizeof(s->pend) / sizeof(s->pend[0])))
		open_pending(s);
	hm_snprintf_c(s->pend[s->npend].id, sizeof(s->pend[0].id), "%s%s", s->prefix, id);
	s->pend[s->npend++].layer = layer;
	if (now)
		open_pending(s);
}

/* The clip path first, then the group it clips (named if id). */
static void clipped(hm_svg *s, cairo_t *cr, const char *name, int layer)
{
	char id[48], url[64];

	flush_fill(s);
	hm_snprintf_c(id, sizeof(id), "%sclip%d", s->prefix, ++s->nclip);
	hm_snprintf_c(url, sizeof(url), "url(#%s)", id);
	path_data(s, cr, &s->d);
	start(s, "clipPath");
	put_attr(s, "id", id);
	start(s, "path");
	put_attr(s, "d", s->d.len ? s->d.p : "M0 0");
	if (cairo_get_fill_rule(cr) == CAIRO_FILL_RULE_EVEN_ODD)
		put_attr(s, "clip-rule", "evenodd");
	end(s);
	end(s);
	if (name)
		group_start(s, name, layer, 1);
	else
		start(s, "g");
	put_attr(s, "clip-path", url);
	s->depth++;
}

void hm_svg_clip(hm_svg *s, cairo_t *cr)
{
	clipped(s, cr, NULL, 0);
}

void hm_svg_group_clipped(cairo_t *cr, const char *id, int layer)
{
	hm_svg *s = hm_svg_of(cr);

	if (s)
		clipped(s, cr, id, layer);
}

hm_svg *hm_svg_of(cairo_t *cr)
{
	return cairo_get_user_data(cr, &svg_key);
}

void hm_svg_group(cairo_t *cr, const char *id, int layer)
{
	hm_svg *s = hm_svg_of(cr);

	if (!s)
		return;
	flush_fill(s);
	group_start(s, id, layer, 0);
	s->depth++;
}

int hm_svg_depth(cairo_t *cr)
{
	hm_svg *s = hm_svg_of(cr);

	return s ? s->depth : 0;
}

void hm_svg_close_to(cairo_t *cr, int depth)
{
	hm_svg *s = hm_svg_of(cr);

	if (!s)
		return;
	flush_fill(s);
	for (; s->depth > depth; s->depth--) {
		if (s->npend > 0)
			s->npend--; /* empty: never written */
		else
			end(s);
	}
}

void hm_svg_set_prefix(cairo_t *cr, const char *prefix)
{
	hm_svg *s = hm_svg_of(cr);

	if (s)
		hm_snprintf_c(s->prefix, sizeof(s->prefix), "%s", prefix);
}

/* The transform of cr's user space, when it is more than a move. */
static int turned(cairo_t *cr, cairo_matrix_t *mtx)
{
	cairo_get_matrix(cr, mtx);
	return mtx->xx != 1 || mtx->yy != 1 || mtx->xy != 0 || mtx->yx != 0;
}

int hm_svg_write_text(hm_svg *s, cairo_t *cr, const hm_text *t, double x, double y, hm_color fg,
		      hm_color halo, double halo_w)
{
	hm_text_line lines[MAX_TEXT_LINES];
	int n = hm_text_lines(t, lines, MAX_TEXT_LINES), bold;
	const char *family;
	double px, spacing;
	cairo_matrix_t mtx;

	if (n < 0)
		return -1;
	flush_fill(s);
	hm_text_font(t, &family, &px, &spacing, &bold);
	(void)family; /* the root's, as every text of a map is in the style's font */
	start(s, "text");
	if (turned(cr, &mtx)) {
		char m6[6][32], tr[200];
		hm_snprintf_c(tr, sizeof(tr), "matrix(%s %s %s %s %s %s)", num_attr(m6[0], mtx.xx),
			      num_attr(m6[1], mtx.yx), num_attr(m6[2], mtx.xy),
			      num_attr(m6[3], mtx.yy), num_attr(m6[4], mtx.x0),
			      num_attr(m6[5], mtx.y0));
		put_attr(s, "transform", tr);
	} else {
		x += mtx.x0;
		y += mtx.y0;
	}
	put_num(s, "font-size", px);
	if (bold)
		put_attr(s, "font-weight", "bold");
	if (spacing != 0)
		put_num(s, "letter-spacing", spacing);
	put_color(s, "fill", "fill-opacity", fg);
	if (halo_w > 0) {
		put_color(s, "stroke", "stroke-opacity", halo);
		put_num(s, "stroke-width", halo_w);
		put_attr(s, "paint-order", "stroke");
	}
	if (n == 1) {
		/* Pango puts half the spacing before a letter, SVG all after */
		put_num(s, "x", x + lines[0].x + spacing / 2);
		put_num(s, "y", y + lines[0].y);
		put_text(s, lines[0].text, lines[0].len);
	} else {
		for (int k = 0; k < n; k++) {
			start(s, "tspan");
			put_num(s, "x", x + lines[k].x + spacing / 2);
			put_num(s, "y", y + lines[k].y);
			put_text(s, lines[k].text, lines[k].len);
			end(s);
		}
	}
	end(s);
	return 0;
}

/* The name of the country with ISO code iso, else iso. */
static const char *country_name(const hm_map *m, const char *iso)
{
	const char *name = hm_site_country_name(m, iso);

	return name ? name : iso;
}

void hm_svg_symbol(hm_svg *s, const hm_map *m, const hm_map_site *st, double r, hm_color fill,
		   hm_color line, double lw)
{
	char buf[64], title[512];
	const char *country = st->country_iso[0] ? country_name(m, st->country_iso) : "";

	flush_fill(s);
	start(s, "circle");
	put_num(s, "cx", st->x);
	put_num(s, "cy", st->y);
	put_num(s, "r", r);
	put_color(s, "fill", "fill-opacity", fill);
	put_color(s, "stroke", "stroke-opacity", line);
	put_num(s, "stroke-width", lw);
	put_attr(s, "data-name", st->name ? st->name : "");
	hm_snprintf_c(buf, sizeof(buf), "%.15g", st->symbol_value);
	put_attr(s, "data-value", buf);
	hm_snprintf_c(buf, sizeof(buf), "%.6f", st->lon);
	put_attr(s, "data-lon", buf);
	hm_snprintf_c(buf, sizeof(buf), "%.6f", st->lat);
	put_attr(s, "data-lat", buf);
	put_attr(s, "data-country", country);
	if (st->cluster_size > 1) {
		hm_snprintf_c(buf, sizeof(buf), "%zu", st->cluster_size);
		put_attr(s, "data-sites", buf);
	}
	hm_format_value(buf, sizeof(buf), st->symbol_value);
	hm_snprintf_c(title, sizeof(title), "%s: %s%s%s%s", st->name ? st->name : "", buf,
		      country[0] ? " (" : "", country, country[0] ? ")" : "");
	/* in a page: reached by the keyboard, largest first (the drawing's
	 * order), named for screen readers and the tooltip */
	if (s->html) {
		put_attr(s, "tabindex", "0");
		put_attr(s, "role", "img");
		put_attr(s, "aria-label", title);
	}
	if (s->x->WriteElement(s->w, BAD_CAST "title", BAD_CAST title) < 0)
		s->err = 1;
	end(s);
}

/* The families of a Pango font description ("Noto Sans, Padauk 10"),
 * each quoted, then the fallbacks. */
static void font_family(char *out, size_t cap, const char *desc)
{
	PangoFontDescription *fd = pango_font_description_from_string(desc ? desc : "");
	const char *fam = fd ? pango_font_description_get_family(fd) : NULL;
	size_t n = 0;

	out[0] = '\0';
	while (fam && *fam && n + 8 < cap) {
		size_t len = strcspn(fam, ",");
		while (len > 0 && fam[len - 1] == ' ')
			len--;
		if (len > 0 && len + n + 8 < cap)
			n += (size_t)hm_snprintf_c(out + n, cap - n, "'%.*s', ", (int)len, fam);
		fam += strcspn(fam, ",");
		while (*fam == ',' || *fam == ' ')
			fam++;
	}
	hm_snprintf_c(out + n, cap - n, "%s", FONT_FALLBACKS);
	if (fd)
		pango_font_description_free(fd);
}

static void root(hm_svg *s)
{
	const hm_map *m = s->m;
	char box[128], w[32], h[32], fonts[512];

	if (s->own && s->x->StartDocument(s->w, NULL, "UTF-8", NULL) < 0)
		s->err = 1;
	start(s, "svg");
	s->rooted = 1;
	put_attr(s, "xmlns", SVG_NS);
	if (!s->html)
		put_attr(s, "xmlns:inkscape", INKSCAPE_NS);
	hm_snprintf_c(box, sizeof(box), "0 0 %s %s", num_attr(w, m->width), num_attr(h, m->height));
	put_attr(s, "viewBox", box);
	/* as wide as the page or box it is put in, its height by the viewBox */
	put_attr(s, "width", "100%");
	/* in a page the symbols can be focused: a group of them, not one image */
	put_attr(s, "role", s->html ? "group" : "img");
	put_attr(s, "aria-labelledby", "hm-title hm-desc");
	font_family(fonts, sizeof(fonts), m->look.font);
	put_attr(s, "font-family", fonts);
	/* what most paths share; an element says only where it differs */
	put_attr(s, "fill-rule", "evenodd");
	put_attr(s, "stroke-linejoin", "round");
	put_attr(s, "stroke-linecap", "round");
	start(s, "title");
	put_attr(s, "id", "hm-title");
	if (s->x->WriteString(s->w, BAD_CAST(m->title ? m->title : "Map")) < 0)
		s->err = 1;
	end(s);
	start(s, "desc");
	put_attr(s, "id", "hm-desc");
	if (s->x->WriteString(s->w, BAD_CAST(m->alt_text ? m->alt_text : "")) < 0)
		s->err = 1;
	end(s);
}

/* s with its writer (or none: out of memory): its context, then the root. */
static hm_svg *begin(hm_svg *s)
{
	cairo_rectangle_t ext = {0, 0, s->m->width, s->m->height};

	s->target = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &ext);
	s->cr = cairo_create(s->target);
	if (!s->w || cairo_status(s->cr) != CAIRO_STATUS_SUCCESS ||
	    cairo_set_user_data(s->cr, &svg_key, s, NULL) != CAIRO_STATUS_SUCCESS) {
		s->err = 1;
		hm_svg_finish(s);
		return NULL;
	}
	root(s);
	return s;
}

hm_svg *hm_svg_new(const hm_map *m, cairo_write_func_t write, void *closure)
{
	hm_svg *s = calloc(1, sizeof(*s));

	if (!s || !(s->x = hm_xml(NULL))) {
		free(s);
		return NULL;
	}
	s->m = m;
	s->sink = (hm_xml_sink){write, closure};
	s->own = 1;
	s->w = hm_xml_writer(s->x, &s->sink);
	return begin(s);
}

hm_svg *hm_svg_new_inline(const hm_map *m, xmlTextWriterPtr w)
{
	hm_svg *s = calloc(1, sizeof(*s));

	if (!s || !(s->x = hm_xml(NULL))) {
		free(s);
		return NULL;
	}
	s->m = m;
	s->w = w;
	s->html = 1;
	return begin(s);
}

cairo_t *hm_svg_cr(hm_svg *s)
{
	return s->cr;
}

int hm_svg_finish(hm_svg *s)
{
	int err;

	if (s->w && s->own) {
		flush_fill(s);
		if (!s->err && (s->x->EndDocument(s->w) < 0 || s->x->Flush(s->w) < 0))
			s->err = 1;
		s->x->FreeTextWriter(s->w); /* flushes, closes the output */
	} else if (s->w && s->rooted) {
		/* the groups still open, then the <svg> */
		flush_fill(s);
		for (; s->depth > 0; s->depth--)
			if (s->npend > 0)
				s->npend--;
			else
				end(s);
		end(s);
	}
	err = s->err || (s->cr && cairo_status(s->cr) != CAIRO_STATUS_SUCCESS);
	if (s->cr)
		cairo_destroy(s->cr);
	if (s->target)
		cairo_surface_destroy(s->target);
	free(s->d.p);
	free(s->tmp.p);
	free(s->fill.d.p);
	free(s);
	return err ? -1 : 0;
}
