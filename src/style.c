/* Styles: an INI file read with inih over the built-in look.
 *
 * inih is used through ini_parse_stream with our own line reader, because
 * Debian's inih gives the handler no line number and keeps parsing after an
 * error. The reader counts lines, sees section headers (so an unknown or
 * empty section is reported on its own line), strips leading blanks (which
 * turns off inih's indented-continuation lines, a trap in a style file) and
 * ends the parse at our first error. */
#include "hotmap/style.h"

#include "context.h"
#include "numfmt.h"
#include "util.h"

#include <ini.h>

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PT_PER_MM (72.0 / 25.4)
#define MAX_STYLE_BYTES ((size_t)1 << 20)
#define MSG_MAX 512

enum {
	SEC_NONE,
	SEC_MAP,
	SEC_SYMBOLS,
	SEC_TEXT,
	SEC_SCALEBAR,
	SEC_GRATICULE,
	SEC_NORTH,
	SEC_LAYER,
	SEC_UNKNOWN
};

static const char *const section_names[] = {
	[SEC_MAP] = "map",	     [SEC_SYMBOLS] = "symbols",	    [SEC_TEXT] = "text",
	[SEC_SCALEBAR] = "scalebar", [SEC_GRATICULE] = "graticule", [SEC_NORTH] = "north-arrow",
};

typedef enum {
	K_COLOR,      /* hm_color */
	K_WIDTH,      /* length in pt, 0 <= v < 200 */
	K_SIZE,	      /* length in pt, 0 < v < 200 */
	K_MARGIN,     /* length stored in mm, 0 <= v < 100 mm */
	K_RADIUS,     /* length stored in mm, 0 < v < 50 mm */
	K_BOOL,	      /* int 0/1 */
	K_NORTH,      /* int 1/0/-1 */
	K_SCALING,    /* hm_scaling */
	K_UNITS,      /* hm_units */
	K_FONT,	      /* char[128] */
	K_CATEGORIES, /* categories[] + ncategories */
	K_SPACING,    /* double, em, 0..1 */
	K_STEP,	      /* double, degrees, 0..90 */
	K_FILE	      /* layer path, resolved against base_dir */
} key_kind;

typedef struct {
	int sec;
	const char *name;
	key_kind kind;
	size_t off; /* in hm_style, or in hm_style_layer for SEC_LAYER */
} key_def;

#define S(f) offsetof(hm_style, f)
#define L(f) offsetof(hm_style_layer, f)

static const key_def keys[] = {
	{SEC_MAP, "paper", K_COLOR, S(paper)},
	{SEC_MAP, "sea", K_COLOR, S(sea)},
	{SEC_MAP, "land", K_COLOR, S(land)},
	{SEC_MAP, "highlight", K_COLOR, S(highlight)},
	{SEC_MAP, "border", K_COLOR, S(border)},
	{SEC_MAP, "border-width", K_WIDTH, S(border_pt)},
	{SEC_MAP, "frame", K_COLOR, S(frame)},
	{SEC_MAP, "frame-width", K_WIDTH, S(frame_pt)},
	{SEC_MAP, "margin", K_MARGIN, S(margin_mm)},
	{SEC_SYMBOLS, "fill", K_COLOR, S(symbol_fill)},
	{SEC_SYMBOLS, "line", K_COLOR, S(symbol_line)},
	{SEC_SYMBOLS, "line-width", K_WIDTH, S(symbol_line_pt)},
	{SEC_SYMBOLS, "max-radius", K_RADIUS, S(r_max_mm)},
	{SEC_SYMBOLS, "scaling", K_SCALING, S(scaling)},
	{SEC_SYMBOLS, "categories", K_CATEGORIES, S(categories)},
	{SEC_TEXT, "font", K_FONT, S(font)},
	{SEC_TEXT, "color", K_COLOR, S(text)},
	{SEC_TEXT, "muted-color", K_COLOR, S(text_muted)},
	{SEC_TEXT, "halo-color", K_COLOR, S(halo)},
	{SEC_TEXT, "halo-width", K_WIDTH, S(halo_pt)},
	{SEC_TEXT, "title-size", K_SIZE, S(title_pt)},
	{SEC_TEXT, "subtitle-size", K_SIZE, S(subtitle_pt)},
	{SEC_TEXT, "source-size", K_SIZE, S(source_pt)},
	{SEC_TEXT, "legend-size", K_SIZE, S(legend_pt)},
	{SEC_TEXT, "label-size", K_SIZE, S(label_pt)},
	{SEC_TEXT, "country-size", K_SIZE, S(country_label_pt)},
	{SEC_TEXT, "country-color", K_COLOR, S(country_text)},
	{SEC_TEXT, "country-spacing", K_SPACING, S(country_letter_spacing)},
	{SEC_TEXT, "country-upper", K_BOOL, S(country_labels_upper)},
	{SEC_SCALEBAR, "show", K_NORTH, S(scalebar)},
	{SEC_SCALEBAR, "units", K_UNITS, S(scalebar_units)},
	{SEC_GRATICULE, "show", K_BOOL, S(graticule)},
	{SEC_GRATICULE, "step", K_STEP, S(graticule_step)},
	{SEC_GRATICULE, "color", K_COLOR, S(graticule_color)},
	{SEC_GRATICULE, "width", K_WIDTH, S(graticule_pt)},
	{SEC_NORTH, "show", K_NORTH, S(north_arrow)},
	{SEC_LAYER, "file", K_FILE, L(path)},
	{SEC_LAYER, "fill", K_COLOR, L(fill)},
	{SEC_LAYER, "stroke", K_COLOR, L(stroke)},
	{SEC_LAYER, "width", K_WIDTH, L(width_pt)},
	{SEC_LAYER, "above-borders", K_BOOL, L(above_borders)},
};

#define NKEYS (sizeof(keys) / sizeof(keys[0]))

typedef struct {
	hm_style st; /* the result, copied out only on success */
	const char *base_dir;
	int line;  /* the line last handed to inih */
	int sec;   /* SEC_* of the current section */
	int layer; /* index in st.layers when sec == SEC_LAYER */
	int layer_line[HM_STYLE_MAX_LAYERS];
	int err_line; /* 0: no error yet */
	char msg[MSG_MAX];
} parser;

static hm_color rgb(unsigned hex, double a)
{
	hm_color c = {((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0,
		      (hex & 0xff) / 255.0, a};
	return c;
}

void hm_style_init(hm_style *s)
{
	static const unsigned okabe_ito[] = {0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442,
					     0x0072B2, 0xD55E00, 0xCC79A7, 0x000000};

	memset(s, 0, sizeof(*s));
	s->paper = rgb(0xffffff, 1);
	s->sea = rgb(0xd4e5ef, 1);
	s->land = rgb(0xf2efe9, 1);
	s->highlight = rgb(0xfbe3c9, 1);
	s->border = rgb(0x8c877f, 1);
	s->border_pt = 0.45;
	s->frame = rgb(0x595959, 1);
	s->frame_pt = 0.6;
	s->margin_mm = 4;
	s->symbol_fill = rgb(0xc72e1f, 0.62);
	s->symbol_line = rgb(0x7a120a, 1);
	s->symbol_line_pt = 0.6;
	s->r_max_mm = 5;
	s->scaling = HM_SCALING_AREA;
	for (size_t i = 0; i < sizeof(okabe_ito) / sizeof(okabe_ito[0]); i++)
		s->categories[i] = rgb(okabe_ito[i], 1);
	s->ncategories = (int)(sizeof(okabe_ito) / sizeof(okabe_ito[0]));
	snprintf(s->font, sizeof(s->font), "%s", "Noto Sans");
	s->text = rgb(0x1a1a1a, 1);
	s->text_muted = rgb(0x595959, 1);
	s->halo = rgb(0xffffff, 0.9);
	s->country_text = rgb(0x7d776c, 1);
	s->title_pt = 15;
	s->subtitle_pt = 9.5;
	s->source_pt = 6.5;
	s->legend_pt = 7.5;
	s->label_pt = 7.5;
	s->country_label_pt = 7;
	s->halo_pt = 1.5;
	s->country_letter_spacing = 0.12;
	s->country_labels_upper = 1;
	s->scalebar = -1; /* auto: where the scale holds across the map */
	s->scalebar_units = HM_UNITS_KM;
	s->graticule = 0;
	s->graticule_step = 0;
	s->graticule_color = rgb(0xa9c2d3, 1);
	s->graticule_pt = 0.3;
	s->north_arrow = -1;
	s->nlayers = 0;
}

/* ---- values ---------------------------------------------------------- */

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int hm_color_parse(hm_color *out, const char *text)
{
	static const struct {
		const char *name;
		unsigned hex;
		double a;
	} names[] = {{"black", 0x000000, 1}, {"white", 0xffffff, 1}, {"gray", 0x808080, 1},
		     {"grey", 0x808080, 1},  {"red", 0xff0000, 1},   {"none", 0x000000, 0}};
	unsigned v[8];
	size_t n;

	if (!text)
		return -1;
	if (text[0] != '#') {
		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (strcasecmp(text, names[i].name) == 0) {
				*out = rgb(names[i].hex, names[i].a);
				return 0;
			}
		return -1;
	}
	n = strlen(text + 1);
	if (n != 3 && n != 6 && n != 8)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int h = hexval((unsigned char)text[1 + i]);
		if (h < 0)
			return -1;
		v[i] = (unsigned)h;
	}
	if (n == 3) {
		out->r = v[0] * 17 / 255.0;
		out->g = v[1] * 17 / 255.0;
		out->b = v[2] * 17 / 255.0;
		out->a = 1;
	} else {
		out->r = (v[0] * 16 + v[1]) / 255.0;
		out->g = (v[2] * 16 + v[3]) / 255.0;
		out->b = (v[4] * 16 + v[5]) / 255.0;
		out->a = n == 8 ? (v[6] * 16 + v[7]) / 255.0 : 1;
	}
	return 0;
}

/* "[+-]digits[.digits]" or "[+-].digits" at *s, advancing *s. Done by hand,
 * not with strtod, so that the locale's decimal point does not matter and
 * "nan", "inf", hex and exponents are not lengths. */
static int parse_decimal(double *out, const char **s)
{
	const char *p = *s;
	double v = 0, scale = 1;
	int neg = 0, digits = 0;

	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	for (; isdigit((unsigned char)*p) && digits < 12; p++, digits++)
		v = v * 10 + (*p - '0');
	if (*p == '.') {
		p++;
		for (int k = 0; isdigit((unsigned char)*p); p++, k++)
			if (k < 12) {
				scale /= 10;
				v += (*p - '0') * scale;
				digits++;
			}
	}
	if (digits == 0 || isdigit((unsigned char)*p))
		return -1;
	*out = neg ? -v : v;
	*s = p;
	return 0;
}

/* A length in points, sign allowed; units pt, mm or none (points). */
static int parse_length(double *pt, const char *text)
{
	const char *p = text;
	double v;

	if (!text)
		return -1;
	while (*p == ' ' || *p == '\t')
		p++;
	if (parse_decimal(&v, &p) < 0)
		return -1;
	while (*p == ' ' || *p == '\t')
		p++;
	if (strncasecmp(p, "mm", 2) == 0) {
		v *= PT_PER_MM;
		p += 2;
	} else if (strncasecmp(p, "pt", 2) == 0) {
		p += 2;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '\0' || !isfinite(v))
		return -1;
	*pt = v;
	return 0;
}

int hm_length_parse(double *pt, const char *text)
{
	double v;

	if (parse_length(&v, text) < 0 || v < 0)
		return -1;
	*pt = v;
	return 0;
}

/* A plain number with an optional unit word ("0.12", "0.12em"). */
static int parse_number(double *out, const char *text, const char *unit)
{
	const char *p = text;
	double v;

	if (parse_decimal(&v, &p) < 0)
		return -1;
	while (*p == ' ' || *p == '\t')
		p++;
	if (unit && strcasecmp(p, unit) == 0)
		p += strlen(p);
	if (*p != '\0')
		return -1;
	*out = v;
	return 0;
}

static int parse_bool(int *out, const char *v)
{
	static const char *const yes[] = {"yes", "true", "1", "on"};
	static const char *const no[] = {"no", "false", "0", "off"};

	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0)
			return *out = 1, 0;
		if (strcasecmp(v, no[i]) == 0)
			return *out = 0, 0;
	}
	return -1;
}

/* ---- errors and suggestions ------------------------------------------ */

static int fail(parser *ps, const char *fmt, ...) HM_PRINTF(2, 3);

/* Keep the first error only; returns 0 so the handler can return it. */
static int fail(parser *ps, const char *fmt, ...)
{
	va_list ap;

	if (ps->err_line)
		return 0;
	ps->err_line = ps->line > 0 ? ps->line : 1;
	va_start(ap, fmt);
	hm_vsnprintf_c(ps->msg, sizeof(ps->msg), fmt, ap); /* "%g" limits */
	va_end(ap);
	return 0;
}

/* Case-insensitive Levenshtein distance, capped at 9 (names are short). */
static int edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	int row[64];

	if (la >= 63 || lb >= 63)
		return 9;
	for (size_t j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int diag = row[0];
		row[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int up = row[j];
			int cost = tolower((unsigned char)a[i - 1]) !=
				   tolower((unsigned char)b[j - 1]);
			int best = diag + cost;
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb] > 9 ? 9 : row[lb];
}

static const char *section_label(const parser *ps, char *buf, size_t cap)
{
	if (ps->sec == SEC_LAYER)
		snprintf(buf, cap, "[layer %s]", ps->st.layers[ps->layer].name);
	else
		snprintf(buf, cap, "[%s]", section_names[ps->sec]);
	return buf;
}

static int unknown_key(parser *ps, const char *name)
{
	const char *best = NULL, *elsewhere = NULL;
	int bestd = 3;
	char label[96];

	for (size_t i = 0; i < NKEYS; i++) {
		if (keys[i].sec != ps->sec) {
			if (!elsewhere && strcasecmp(keys[i].name, name) == 0)
				elsewhere = keys[i].sec == SEC_LAYER ? "layer NAME"
								     : section_names[keys[i].sec];
			continue;
		}
		int d = edit_distance(name, keys[i].name);
		if (d < bestd)
			bestd = d, best = keys[i].name;
	}
	section_label(ps, label, sizeof(label));
	if (best)
		return fail(ps, "unknown key \"%s\" in %s; did you mean \"%s\"?", name, label,
			    best);
	if (elsewhere)
		return fail(ps, "unknown key \"%s\" in %s; it belongs in [%s]", name, label,
			    elsewhere);
	return fail(ps, "unknown key \"%s\" in %s", name, label);
}

/* ---- keys ------------------------------------------------------------ */

static void trim_span(const char **b, const char **e)
{
	while (*b < *e && isspace((unsigned char)**b))
		(*b)++;
	while (*e > *b && isspace((unsigned char)(*e)[-1]))
		(*e)--;
}

static int set_length(parser *ps, double *dst, const key_def *k, const char *v)
{
	double pt, lo = 0, hi = 200, val;
	int lo_open = 0, in_mm = 0;
	const char *unit = "pt";

	if (parse_length(&pt, v) < 0)
		return fail(ps, "\"%s\" is not a length (e.g. 0.5pt, 2mm)", v);
	switch (k->kind) {
	case K_SIZE: lo_open = 1; break;
	case K_MARGIN: in_mm = 1, hi = 100, unit = "mm"; break;
	case K_RADIUS: in_mm = 1, hi = 50, lo_open = 1, unit = "mm"; break;
	default: break;
	}
	val = in_mm ? pt / PT_PER_MM : pt;
	if (val < lo)
		return fail(ps, "%s \"%s\" must not be negative", k->name, v);
	if (lo_open && val <= lo)
		return fail(ps, "%s \"%s\" must be more than 0", k->name, v);
	if (val >= hi)
		return fail(ps, "%s \"%s\" must be less than %g%s", k->name, v, hi, unit);
	*dst = val;
	return 1;
}

static int set_categories(parser *ps, hm_style *st, const char *v)
{
	hm_color c[HM_STYLE_MAX_CATEGORIES];
	int n = 1;
	const char *p = v;

	for (const char *q = v; (q = strchr(q, ',')) != NULL; q++)
		n++;
	if (n > HM_STYLE_MAX_CATEGORIES)
		return fail(ps, "too many categories (%d; at most %d)", n, HM_STYLE_MAX_CATEGORIES);
	for (int i = 0; i < n; i++) {
		const char *e = strchr(p, ','), *b = p;
		char item[32];
		size_t len;

		if (!e)
			e = p + strlen(p);
		trim_span(&b, &e);
		len = (size_t)(e - b);
		if (len >= sizeof(item))
			len = sizeof(item) - 1;
		memcpy(item, b, len);
		item[len] = '\0';
		if (hm_color_parse(&c[i], item) < 0)
			return fail(ps, "\"%s\" is not a colour (#rrggbb)", item);
		p = strchr(p, ',') ? strchr(p, ',') + 1 : p;
	}
	memcpy(st->categories, c, sizeof(c[0]) * (size_t)n);
	st->ncategories = n;
	return 1;
}

static int set_file(parser *ps, char *dst, const char *v)
{
	const char *base = ps->base_dir;
	int n;

	if (v[0] == '/' || !base || !*base || strcmp(base, ".") == 0)
		n = snprintf(dst, sizeof(ps->st.layers[0].path), "%s", v);
	else
		n = snprintf(dst, sizeof(ps->st.layers[0].path), "%s%s%s", base,
			     base[strlen(base) - 1] == '/' ? "" : "/", v);
	if (n < 0 || (size_t)n >= sizeof(ps->st.layers[0].path))
		return fail(ps, "file path longer than %zu bytes",
			    sizeof(ps->st.layers[0].path) - 1);
	return 1;
}

static int set_key(parser *ps, const key_def *k, char *obj, const char *v)
{
	void *dst = obj + k->off;
	int b;

	switch (k->kind) {
	case K_COLOR:
		if (hm_color_parse(dst, v) < 0)
			return fail(ps, "\"%s\" is not a colour (#rrggbb)", v);
		return 1;
	case K_WIDTH:
	case K_SIZE:
	case K_MARGIN:
	case K_RADIUS: return set_length(ps, dst, k, v);
	case K_BOOL:
		if (parse_bool(&b, v) < 0)
			return fail(ps, "%s \"%s\" must be yes or no", k->name, v);
		*(int *)dst = b;
		return 1;
	case K_NORTH:
		if (strcasecmp(v, "auto") == 0)
			b = -1;
		else if (parse_bool(&b, v) < 0)
			return fail(ps, "%s \"%s\" must be yes, no or auto", k->name, v);
		*(int *)dst = b;
		return 1;
	case K_SCALING:
		if (strcasecmp(v, "area") == 0)
			*(hm_scaling *)dst = HM_SCALING_AREA;
		else if (strcasecmp(v, "flannery") == 0)
			*(hm_scaling *)dst = HM_SCALING_FLANNERY;
		else
			return fail(ps, "%s \"%s\" must be area or flannery", k->name, v);
		return 1;
	case K_UNITS:
		if (strcasecmp(v, "km") == 0)
			*(hm_units *)dst = HM_UNITS_KM;
		else if (strcasecmp(v, "km+mi") == 0)
			*(hm_units *)dst = HM_UNITS_KM_MI;
		else if (strcasecmp(v, "mi") == 0)
			*(hm_units *)dst = HM_UNITS_MI;
		else
			return fail(ps, "%s \"%s\" must be km, km+mi or mi", k->name, v);
		return 1;
	case K_FONT:
		if (strlen(v) >= sizeof(ps->st.font))
			return fail(ps, "font name longer than %zu bytes", sizeof(ps->st.font) - 1);
		memcpy(dst, v, strlen(v) + 1);
		return 1;
	case K_CATEGORIES: return set_categories(ps, (hm_style *)obj, v);
	case K_SPACING:
	case K_STEP: {
		double x, hi = k->kind == K_STEP ? 90 : 1;
		const char *what = k->kind == K_STEP ? " degrees" : " em";
		if (parse_number(&x, v, k->kind == K_STEP ? NULL : "em") < 0)
			return fail(ps, "%s \"%s\" is not a number", k->name, v);
		if (x < 0 || x > hi)
			return fail(ps, "%s \"%s\" must be between 0 and %g%s", k->name, v, hi,
				    what);
		*(double *)dst = x;
		return 1;
	}
	case K_FILE: return set_file(ps, dst, v);
	}
	return fail(ps, "internal error: key kind %d", (int)k->kind);
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
	parser *ps = user;
	char *obj;

	(void)section; /* the reader tracks sections, normalised */
	if (ps->err_line || ps->sec == SEC_UNKNOWN)
		return 0;
	if (ps->sec == SEC_NONE) {
		for (size_t i = 0; i < NKEYS; i++)
			if (strcasecmp(keys[i].name, name) == 0 && keys[i].sec != SEC_LAYER)
				return fail(ps,
					    "key \"%s\" before any section; "
					    "put it under [%s]",
					    name, section_names[keys[i].sec]);
		return fail(ps, "key \"%s\" before any section", name);
	}
	obj = ps->sec == SEC_LAYER ? (char *)&ps->st.layers[ps->layer] : (char *)&ps->st;
	for (size_t i = 0; i < NKEYS; i++) {
		if (keys[i].sec != ps->sec || strcasecmp(keys[i].name, name))
			continue;
		if (!*value)
			return fail(ps, "%s has no value", keys[i].name);
		return set_key(ps, &keys[i], obj, value);
	}
	return unknown_key(ps, name);
}

/* ---- sections and lines ---------------------------------------------- */

static void begin_layer(parser *ps, const char *b, const char *e)
{
	hm_style_layer *L;
	size_t n;

	trim_span(&b, &e);
	n = (size_t)(e - b);
	if (n == 0) {
		fail(ps, "a layer needs a name: [layer NAME]");
		return;
	}
	if (n >= sizeof(L->name)) {
		fail(ps, "layer name longer than %zu bytes", sizeof(L->name) - 1);
		return;
	}
	for (int i = 0; i < ps->st.nlayers; i++) {
		const char *other = ps->st.layers[i].name;
		if (strlen(other) == n && strncasecmp(other, b, n) == 0) {
			fail(ps, "duplicate [layer %.*s] (first on line %d)", (int)n, b,
			     ps->layer_line[i]);
			return;
		}
	}
	if (ps->st.nlayers == HM_STYLE_MAX_LAYERS) {
		fail(ps, "too many layers (at most %d)", HM_STYLE_MAX_LAYERS);
		return;
	}
	ps->layer = ps->st.nlayers++;
	ps->layer_line[ps->layer] = ps->line;
	L = &ps->st.layers[ps->layer];
	memset(L, 0, sizeof(*L));
	memcpy(L->name, b, n);
	L->name[n] = '\0';
	L->fill = rgb(0, 0);
	L->stroke = rgb(0, 0);
	L->width_pt = 0.5;
	ps->sec = SEC_LAYER;
}

/* A "[...]" line. A header inih will reject (no ']') is left to inih. */
static void begin_section(parser *ps, const char *line)
{
	const char *b = line + 1, *e = strchr(b, ']'), *after;
	size_t n;
	int best = 0, bestd = 3;

	if (!e)
		return;
	for (after = e + 1; isspace((unsigned char)*after); after++)
		;
	if (*after && *after != ';' && *after != '#') {
		fail(ps, "unexpected text after \"[%.*s]\"", (int)(e - b), b);
		return;
	}
	trim_span(&b, &e);
	n = (size_t)(e - b);
	if (n >= 5 && strncasecmp(b, "layer", 5) == 0 && (n == 5 || isspace((unsigned char)b[5]))) {
		begin_layer(ps, b + 5, e);
		return;
	}
	for (int s = SEC_MAP; s < SEC_LAYER; s++) {
		char name[64];
		if (strlen(section_names[s]) == n && strncasecmp(section_names[s], b, n) == 0) {
			ps->sec = s;
			return;
		}
		if (n < sizeof(name)) {
			int d;
			memcpy(name, b, n);
			name[n] = '\0';
			d = edit_distance(name, section_names[s]);
			if (d < bestd)
				bestd = d, best = s;
		}
	}
	ps->sec = SEC_UNKNOWN;
	if (best)
		fail(ps, "unknown section [%.*s]; did you mean [%s]?", (int)n, b,
		     section_names[best]);
	else
		fail(ps,
		     "unknown section [%.*s] (known: map, symbols, text, "
		     "scalebar, graticule, north-arrow, layer NAME)",
		     (int)n, b);
}

static void on_section(void *owner, const char *text)
{
	begin_section(owner, text);
}

static void on_too_long(void *owner, int max)
{
	fail(owner, "line longer than %d characters", max);
}

static int check_layers(parser *ps)
{
	for (int i = 0; i < ps->st.nlayers; i++) {
		const hm_style_layer *L = &ps->st.layers[i];
		ps->line = ps->layer_line[i];
		if (!L->path[0])
			return fail(ps, "[layer %s] needs a file", L->name);
		if (!(L->fill.a > 0) && !(L->stroke.a > 0 && L->width_pt > 0))
			return fail(ps,
				    "[layer %s] draws nothing: set a fill, or "
				    "a stroke and a width above 0",
				    L->name);
	}
	return 1;
}

int hm_style_load_buffer(hm_style *style, hm_ctx *ctx, const char *text, const char *name,
			 const char *base_dir)
{
	parser *ps;
	int r, rc = HM_OK;

	if (!name)
		name = "style";
	if (!text)
		return hm_error(ctx, HM_EUSAGE, "%s: no text", name);
	ps = calloc(1, sizeof(*ps));
	if (!ps)
		return hm_error(ctx, HM_ENOMEM, "%s: out of memory", name);
	hm_style_init(&ps->st);
	ps->base_dir = base_dir;
	ps->sec = SEC_NONE;
	{
		hm_ini_lines src = {text, &ps->line, &ps->err_line, on_section, on_too_long, ps};
		r = ini_parse_stream(hm_ini_read_line, &src, handler, ps);
	}
	if (r == -2) {
		rc = hm_error(ctx, HM_ENOMEM, "%s: out of memory", name);
		goto cleanup;
	}
	if (r > 0 && (!ps->err_line || r < ps->err_line)) {
		rc = hm_error(ctx, HM_EDATA, "%s:%d: expected \"key = value\" or \"[section]\"",
			      name, r);
		goto cleanup;
	}
	if (!ps->err_line)
		check_layers(ps);
	if (ps->err_line) {
		rc = hm_error(ctx, HM_EDATA, "%s:%d: %s", name, ps->err_line, ps->msg);
		goto cleanup;
	}
	*style = ps->st;
cleanup:
	free(ps);
	return rc;
}

int hm_style_load(hm_style *style, hm_ctx *ctx, const char *path)
{
	char *text = NULL, *dir = NULL, *slash;
	size_t len, bad;
	int rc;

	rc = hm_read_file(&text, &len, ctx, path, MAX_STYLE_BYTES);
	if (rc < 0)
		return rc;
	if (strlen(text) != len) {
		rc = hm_error(ctx, HM_EDATA, "%s:%zu: a NUL byte: not a text file", path,
			      hm_line_of(text, strlen(text)));
		goto cleanup;
	}
	if (hm_utf8_check(text, len, &bad) < 0) {
		rc = hm_error(ctx, HM_EDATA, "%s:%zu: not valid UTF-8", path,
			      hm_line_of(text, bad));
		goto cleanup;
	}
	dir = hm_strdup(path);
	if (!dir) {
		rc = hm_error(ctx, HM_ENOMEM, "%s: out of memory", path);
		goto cleanup;
	}
	slash = strrchr(dir, '/');
	if (slash)
		slash[slash == dir ? 1 : 0] = '\0';
	rc = hm_style_load_buffer(style, ctx, text, path, slash ? dir : NULL);
cleanup:
	free(dir);
	free(text);
	return rc;
}
