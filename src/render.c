/* Render stage: a map to PNG, SVG or PDF bytes, and the files the user gets,
 * written whole or not at all. The drawing itself is draw.c's, the PNG
 * encoder png.c's. */
#include "hotmap/render.h"

#include "context.h"
#include "draw.h"
#include "hotmap/manifest.h"
#include "map_priv.h"
#include "output.h"
#include "html.h"
#include "png.h"
#include "svg.h"
#include "xml.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
hm_format hm_format_from_path(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (!dot || strchr(dot, '/'))
		return HM_FORMAT_UNKNOWN;
	if (strcasecmp(dot, ".png") == 0)
		return HM_FORMAT_PNG;
	if (strcasecmp(dot, ".svg") == 0)
		return HM_FORMAT_SVG;
	if (strcasecmp(dot, ".pdf") == 0)
		return HM_FORMAT_PDF;
	if (strcasecmp(dot, ".txt") == 0)
		return HM_FORMAT_TEXT;
	if (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0)
		return HM_FORMAT_HTML;
	return HM_FORMAT_UNKNOWN;
}

static cairo_status_t write_file(void *closure, const unsigned char *data, unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS
						    : CAIRO_STATUS_WRITE_ERROR;
}

typedef struct {
	unsigned char *buf;
	size_t len, cap;
} membuf;

static cairo_status_t write_mem(void *closure, const unsigned char *data, unsigned int len)
{
	membuf *b = closure;

	if (b->len + len > b->cap) {
		size_t cap = (b->len + len) * 2;
		unsigned char *nb = realloc(b->buf, cap);
		if (!nb)
			return CAIRO_STATUS_NO_MEMORY;
		b->buf = nb;
		b->cap = cap;
	}
	memcpy(b->buf + b->len, data, len);
	b->len += len;
	return CAIRO_STATUS_SUCCESS;
}

static const char *pdf_date(char *buf, size_t cap)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;
	time_t tt;
	struct tm tm;

	buf[0] = '\0';
	if (!e || !*e)
		return buf;
	v = strtoll(e, &end, 10);
	tt = (time_t)v;
	if (*end || v < 0 || !gmtime_r(&tt, &tm))
		return buf;
	strftime(buf, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

/* Cairo's status after drawing to what, as the library's error. */
static int draw_error(hm_ctx *ctx, cairo_status_t st, const char *what)
{
	if (st == CAIRO_STATUS_NO_MEMORY)
		return hm_error(ctx, HM_ENOMEM, "%s: out of memory drawing the map", what);
	if (st == CAIRO_STATUS_WRITE_ERROR)
		return hm_error(ctx, HM_EIO, "%s: write failed: %s", what,
				strerror(errno ? errno : EIO));
	if (st != CAIRO_STATUS_SUCCESS)
		return hm_error(ctx, HM_ERENDER, "%s: drawing failed: %s", what,
				cairo_status_to_string(st));
	return HM_OK;
}

/* An SVG or PDF surface of m's size in points, writing to write(closure). */
static cairo_surface_t *vector_surface(const hm_map *m, hm_format fmt, cairo_write_func_t write,
				       void *closure)
{
	double sx = 72.0 / m->dpi;
	char date[32];
	cairo_surface_t *s;

	if (fmt == HM_FORMAT_SVG)
		return cairo_svg_surface_create_for_stream(write, closure, m->width * sx,
							   m->height * sx);
	s = cairo_pdf_surface_create_for_stream(write, closure, m->width * sx, m->height * sx);
	if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, m->title);
		/* the text alternative, for readers that cannot see the map */
		if (m->alt_text)
			cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, m->alt_text);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
					       "hotmap " HOTMAP_VERSION);
		/* the same input gives the same bytes: no clock time in
		 * the file, unless SOURCE_DATE_EPOCH asks for one */
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE,
					       pdf_date(date, sizeof(date)));
	}
	return s;
}

/* Draw m on the vector surface s, in points, and finish s. */
static cairo_status_t draw_vector(hm_ctx *ctx, const hm_map *m, cairo_surface_t *s)
{
	double sx = 72.0 / m->dpi, t0 = hm_now(), t1;
	cairo_t *cr = cairo_create(s);
	cairo_status_t st;

	cairo_scale(cr, sx, sx);
	hm_draw_map(cr, m, NULL);
	st = cairo_status(cr);
	cairo_destroy(cr);
	t1 = hm_now();
	cairo_surface_finish(s);
	/* vector surfaces write as they go and at finish: that is encoding */
	hm_ctx_add_time(ctx, HM_STAGE_DRAW, t1 - t0);
	hm_ctx_add_time(ctx, HM_STAGE_ENCODE, hm_now() - t1);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	return st;
}

static void *load_xml(void *arg)
{
	(void)arg;
	hm_xml(NULL);
	return NULL;
}

void hm_render_preload(hm_ctx *ctx, hm_format fmt)
{
	if ((fmt == HM_FORMAT_SVG && hm_ctx_svg_text(ctx) == HM_SVG_TEXT_LIVE) ||
	    fmt == HM_FORMAT_HTML)
		hm_ctx_start_side(ctx, load_xml, NULL); /* if it cannot, the render loads it */
}

/* hotmap's own SVG (svg.h) of m, sent to write(closure). */
static int render_svg(hm_ctx *ctx, const hm_map *m, cairo_write_func_t write, void *closure,
		      const char *what)
{
	double t0 = hm_now();
	const char *why = "";
	hm_svg *s;

	if (!hm_xml(&why))
		return hm_error(ctx, HM_ERENDER, "%s: an SVG needs libxml2: %s", what, why);
	s = hm_svg_new(m, write, closure);
	if (!s)
		return hm_error(ctx, HM_ENOMEM, "%s: out of memory", what);
	hm_draw_map(hm_svg_cr(s), m, NULL);
	if (hm_svg_finish(s) < 0)
		return hm_error(ctx, errno == ENOMEM ? HM_ENOMEM : HM_EIO, "%s: write failed%s%s",
				what, errno ? ": " : "", errno ? strerror(errno) : "");
	/* elements are written as they are drawn: all of it is encoding */
	hm_ctx_add_time(ctx, HM_STAGE_ENCODE, hm_now() - t0);
	return HM_OK;
}

/* Draw to one surface kind, sending bytes to write(closure). */
static int render_to(hm_ctx *ctx, const hm_map *m, hm_format fmt, cairo_write_func_t write,
		     void *closure, const char *what)
{
	cairo_surface_t *s;
	cairo_status_t st;

	errno = 0;
	if (fmt == HM_FORMAT_PNG) {
		double t_draw = 0, t_encode = 0;
		st = hm_png_write(ctx, m, write, closure, &t_draw, &t_encode);
		hm_ctx_add_time(ctx, HM_STAGE_DRAW, t_draw);
		hm_ctx_add_time(ctx, HM_STAGE_ENCODE, t_encode);
		return draw_error(ctx, st, what);
	}
	if (fmt != HM_FORMAT_SVG && fmt != HM_FORMAT_PDF)
		return hm_error(ctx, HM_EUSAGE, "%s: unknown format", what);
	if (fmt == HM_FORMAT_SVG && hm_ctx_svg_text(ctx) == HM_SVG_TEXT_LIVE)
		return render_svg(ctx, m, write, closure, what);
	s = vector_surface(m, fmt, write, closure);
	st = cairo_surface_status(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return hm_error(ctx, st == CAIRO_STATUS_NO_MEMORY ? HM_ENOMEM : HM_ERENDER,
				"%s: cannot create the image: %s", what,
				cairo_status_to_string(st));
	}
	st = draw_vector(ctx, m, s);
	cairo_surface_destroy(s);
	return draw_error(ctx, st, what);
}

/* Cairo names SVG groups "surfaceN" from a process-wide counter, so a second
 * map drawn in the same process would differ in its ids. Number them by first
 * appearance instead, so that the same map always gives the same bytes. */
static int write_svg_renumbered(FILE *f, const unsigned char *buf, size_t len)
{
	static const char key[] = "surface";
	unsigned long seen[64];
	size_t nseen = 0, i = 0, k = sizeof(key) - 1;

	while (i < len) {
		const unsigned char *hit = NULL;
		size_t j;
		for (j = i; j + k < len; j++)
			if (buf[j] == 's' && memcmp(buf + j, key, k) == 0 && buf[j + k] >= '0' &&
			    buf[j + k] <= '9') {
				hit = buf + j;
				break;
			}
		if (!hit) {
			if (fwrite(buf + i, 1, len - i, f) != len - i)
				return -1;
			break;
		}
		if (fwrite(buf + i, 1, j - i + k, f) != j - i + k)
			return -1;
		{
			unsigned long id = 0, idx;
			size_t q = j + k;
			while (q < len && buf[q] >= '0' && buf[q] <= '9')
				id = id * 10 + (unsigned long)(buf[q++] - '0');
			for (idx = 0; idx < nseen && seen[idx] != id; idx++)
				;
			if (idx == nseen && nseen < 64)
				seen[nseen++] = id;
			if (fprintf(f, "%lu", idx < 64 ? idx + 1 : id) < 0)
				return -1;
			i = q;
		}
	}
	return 0;
}

int hm_render_png_buffer(unsigned char **out, size_t *len, hm_ctx *ctx, const hm_map *map)
{
	membuf b = {NULL, 0, 0};
	int rc = render_to(ctx, map, HM_FORMAT_PNG, write_mem, &b, "<png buffer>");

	if (rc < 0) {
		free(b.buf);
		return rc;
	}
	*out = b.buf;
	*len = b.len;
	return HM_OK;
}

/* Render map to the temp file of o, opened here for path, and finish it. */
static int write_map(hm_out *o, hm_ctx *ctx, const hm_map *map, const char *path)
{
	hm_format fmt = hm_format_from_path(path);
	int rc = hm_out_open(o, ctx, path);

	if (rc == HM_OK && fmt == HM_FORMAT_TEXT) {
		const char *t = map->alt_text ? map->alt_text : "";
		if (fputs(t, o->f) == EOF || fputc('\n', o->f) == EOF)
			rc = hm_error(ctx, HM_EIO, "%s: write failed", path);
	} else if (rc == HM_OK && fmt == HM_FORMAT_HTML) {
		double t0 = hm_now();
		const char *why = "";
		errno = 0;
		if (!hm_xml(&why))
			rc = hm_error(ctx, HM_ERENDER, "%s: a web page needs libxml2: %s", path,
				      why);
		else if (hm_html_write(map, write_file, o->f) < 0)
			rc = hm_error(ctx, errno == ENOMEM ? HM_ENOMEM : HM_EIO,
				      "%s: write failed%s%s", path, errno ? ": " : "",
				      errno ? strerror(errno) : "");
		hm_ctx_add_time(ctx, HM_STAGE_ENCODE, hm_now() - t0);
	} else if (rc == HM_OK && fmt == HM_FORMAT_SVG &&
		   hm_ctx_svg_text(ctx) == HM_SVG_TEXT_OUTLINE) {
		membuf b = {NULL, 0, 0};
		rc = render_to(ctx, map, fmt, write_mem, &b, path);
		if (rc == HM_OK && write_svg_renumbered(o->f, b.buf, b.len) < 0)
			rc = hm_error(ctx, HM_EIO, "%s: write failed", path);
		free(b.buf);
	} else if (rc == HM_OK) {
		rc = render_to(ctx, map, fmt, write_file, o->f, path);
	}
	if (rc == HM_OK)
		rc = hm_out_finish(o, ctx);
	return rc;
}

/* Write map's manifest to the temp file of o, opened here for path. */
static int write_manifest(hm_out *o, hm_ctx *ctx, const hm_map *map, const char *path)
{
	char *json = NULL;
	size_t jlen = 0;
	int rc = hm_manifest_buffer(&json, &jlen, ctx, map);

	if (rc == HM_OK)
		rc = hm_out_open(o, ctx, path);
	if (rc == HM_OK && fwrite(json, 1, jlen, o->f) != jlen)
		rc = hm_error(ctx, HM_EIO, "%s: write failed", path);
	if (rc == HM_OK)
		rc = hm_out_finish(o, ctx);
	free(json);
	return rc;
}

/* Only when every file is complete does any replace its old version; a
 * target that rename() cannot replace fails the run before any does. */
static int commit_all(hm_out *outs, size_t n, hm_ctx *ctx)
{
	int rc = HM_OK;

	for (size_t i = 0; i < n && rc == HM_OK; i++) {
		struct stat st;
		if (stat(outs[i].path, &st) == 0 && S_ISDIR(st.st_mode))
			rc = hm_error(ctx, HM_EIO, "%s: is a folder", outs[i].path);
	}
	for (size_t i = 0; i < n && rc == HM_OK; i++)
		rc = hm_out_commit(&outs[i], ctx);
	return rc;
}

int hm_render_write(hm_ctx *ctx, const hm_map *map, const char *const *outputs, size_t n,
		    const char *manifest)
{
	hm_out *outs;
	size_t total = n + (manifest ? 1 : 0);
	int rc = HM_OK;

	for (size_t i = 0; i < n; i++)
		if (hm_format_from_path(outputs[i]) == HM_FORMAT_UNKNOWN)
			return hm_error(ctx, HM_EUSAGE,
					"%s: unknown output format; use .png, .svg, "
					".pdf, .html (a web page) or .txt (the text "
					"alternative)",
					outputs[i]);
	outs = calloc(total ? total : 1, sizeof(*outs));
	if (!outs)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	for (size_t i = 0; i < n && rc == HM_OK; i++)
		rc = write_map(&outs[i], ctx, map, outputs[i]);
	if (rc == HM_OK && manifest)
		rc = write_manifest(&outs[n], ctx, map, manifest);
	if (rc == HM_OK)
		rc = commit_all(outs, total, ctx);
	for (size_t i = 0; i < total; i++)
		hm_out_discard(&outs[i]);
	free(outs);
	return rc;
}
