/* The PNG encoder: a map drawn in bands on the context's threads, each band
 * deflated where it was drawn, the bands written in order as one PNG. */
#include "png.h"

#include "context.h"
#include "draw.h"

#include <libdeflate.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* PNG. libpng compresses a whole image in one thread, and encoding was a
 * quarter of a map's time; a PNG's pixels are one zlib stream, which can be
 * made of pieces deflated apart (each ended by a sync flush, the last by
 * the final block) if the Adler-32 of the whole follows. So a map is drawn
 * in horizontal bands of PNG_BAND_ROWS rows, taken from a queue by every
 * thread of the context; a thread draws a band into its own small buffer
 * and deflates it there, and the bands are written in order as IDAT chunks.
 * Drawing a band passes over what is outside it quickly (paint.c's
 * trace_fill, trace_stroke, box_out). zlib level 2 and no row filter: maps are mostly
 * flat colour, which that compresses nearly as well as level 6 with every
 * filter, at a sixth of the time (example map, 2400x1800: libpng defaults
 * 407 KB in ~0.12 s, this 478 KB in ~0.03 s; the "up" filter was larger and
 * slower, "sub" with Z_RLE larger and no faster). zlib's memLevel 6 instead
 * of its default 8: smaller hash tables, the same bytes within 0.1%, 19.2 ->
 * 17.0 ms for the example's pixels on one thread (memLevel 5 and below
 * larger and no faster; ISA-L's igzip was 4x faster but its output was not
 * reproducible under load: see the git log). */
#define PNG_LEVEL 2
#define PNG_MEM_LEVEL 6
#define PNG_BAND_ROWS 128

typedef struct {
	int y0, y1;
	unsigned char *z; /* the band, deflated */
	size_t zlen, zcap;
	uLong adler;
	double t_draw, t_encode;
	cairo_status_t st;
} png_band;

typedef struct band_queue {
	const hm_map *m;
	int w, stride, rows;	 /* rows: of the tallest band */
	int blank;		 /* the map may not cover every pixel: clear each band first */
	const hm_stamps *stamps; /* the map's symbols, made before the bands */
	png_band *b;
	int nb;
	atomic_int next;
} band_queue;

/* Deflate the rows of band b, whose pixels start at px; zs is reset. */
static cairo_status_t band_deflate(png_band *b, z_stream *zs, unsigned char *row,
				   const unsigned char *px, int w, int stride, int last)
{
	size_t rowlen = (size_t)w * 3 + 1;

	b->adler = 1;
	for (int y = b->y0; y < b->y1; y++) {
		const uint32_t *src = (const uint32_t *)(px + (size_t)(y - b->y0) * stride);
		int flush = y + 1 < b->y1 ? Z_NO_FLUSH : last ? Z_FINISH : Z_SYNC_FLUSH;
		row[0] = 0; /* filter: none */
		for (int x = 0; x < w; x++) {
			row[1 + 3 * x] = (unsigned char)(src[x] >> 16);
			row[2 + 3 * x] = (unsigned char)(src[x] >> 8);
			row[3 + 3 * x] = (unsigned char)src[x];
		}
		/* libdeflate's Adler-32: zlib's took 4.5 ms of the example map */
		b->adler = libdeflate_adler32((uint32_t)b->adler, row, rowlen);
		zs->next_in = row;
		zs->avail_in = (uInt)rowlen;
		for (;;) {
			int zrc;
			if (b->zcap - b->zlen < 65536) {
				size_t cap = b->zcap ? b->zcap * 2 : 1 << 16;
				unsigned char *nz = realloc(b->z, cap);
				if (!nz)
					return CAIRO_STATUS_NO_MEMORY;
				b->z = nz;
				b->zcap = cap;
			}
			zs->next_out = b->z + b->zlen;
			zs->avail_out = (uInt)(b->zcap - b->zlen);
			zrc = deflate(zs, flush);
			b->zlen = (size_t)(zs->next_out - b->z);
			if (zrc == Z_STREAM_ERROR)
				return CAIRO_STATUS_NO_MEMORY;
			/* output space left over: zlib has written all it can */
			if (zs->avail_out > 0 && zs->avail_in == 0 &&
			    (flush != Z_FINISH || zrc == Z_STREAM_END))
				break;
		}
	}
	return CAIRO_STATUS_SUCCESS;
}

/* Draw band b into px and deflate it. */
static void band_run(band_queue *q, png_band *b, unsigned char *px, z_stream *zs,
		     unsigned char *row)
{
	int rows = b->y1 - b->y0;
	cairo_surface_t *s;
	cairo_t *cr;
	double t0 = hm_now();

	if (q->blank)
		memset(px, 0, (size_t)rows * q->stride);
	s = cairo_image_surface_create_for_data(px, CAIRO_FORMAT_RGB24, q->w, rows, q->stride);
	cr = cairo_create(s);
	cairo_translate(cr, 0, -b->y0);
	hm_draw_map(cr, q->m, q->stamps);
	b->st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	if (b->st == CAIRO_STATUS_SUCCESS)
		b->st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	b->t_draw = hm_now() - t0;
	if (b->st == CAIRO_STATUS_SUCCESS) {
		if (deflateReset(zs) != Z_OK)
			b->st = CAIRO_STATUS_NO_MEMORY;
		else
			b->st = band_deflate(b, zs, row, px, q->w, q->stride,
					     b == q->b + q->nb - 1);
	}
	b->t_encode = hm_now() - t0 - b->t_draw;
}

/* Bands are taken one at a time by each thread until none is left: the
 * threads share the work however fast each one runs (on these machines one
 * CPU was often half as fast as the other). */
static void band_worker(void *arg, hm_worker *w)
{
	band_queue *q = arg;
	unsigned char *px = hm_worker_buffer(w, (size_t)q->rows * q->stride);
	unsigned char *row = malloc((size_t)q->w * 3 + 1);
	z_stream zs;
	int ok;

	memset(&zs, 0, sizeof(zs));
	ok = px && row &&
	     deflateInit2(&zs, PNG_LEVEL, Z_DEFLATED, -15, PNG_MEM_LEVEL, Z_DEFAULT_STRATEGY) ==
		     Z_OK;
	for (;;) {
		int k = atomic_fetch_add(&q->next, 1);
		if (k >= q->nb)
			break;
		if (ok)
			band_run(q, &q->b[k], px, &zs, row);
		else
			q->b[k].st = CAIRO_STATUS_NO_MEMORY;
	}
	if (ok)
		deflateEnd(&zs);
	free(row);
}

static void be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* One chunk: its data given in up to three pieces. */
static cairo_status_t png_chunk(cairo_write_func_t write, void *closure, const char *type,
				const unsigned char *const *part, const size_t *len, int n)
{
	unsigned char head[8], tail[4];
	uint32_t crc = libdeflate_crc32(0, type, 4);
	size_t total = 0;
	cairo_status_t st;

	for (int k = 0; k < n; k++) {
		total += len[k];
		crc = libdeflate_crc32(crc, part[k], len[k]);
	}
	if (total > 0x7fffffffu)
		return CAIRO_STATUS_WRITE_ERROR;
	be32(head, (uint32_t)total);
	memcpy(head + 4, type, 4);
	be32(tail, crc);
	st = write(closure, head, 8);
	for (int k = 0; k < n && st == CAIRO_STATUS_SUCCESS; k++)
		for (size_t off = 0; off < len[k] && st == CAIRO_STATUS_SUCCESS;) {
			unsigned int piece =
				len[k] - off > (1u << 30) ? 1u << 30 : (unsigned int)(len[k] - off);
			st = write(closure, part[k] + off, piece);
			off += piece;
		}
	return st == CAIRO_STATUS_SUCCESS ? write(closure, tail, 4) : st;
}

/* Draw the nb bands of m, each into b[k], on ctx's threads. */
static void run_bands(hm_ctx *ctx, const hm_map *m, const hm_stamps *stamps, png_band *b, int nb,
		      int stride)
{
	void *args[HM_MAX_THREADS];
	int nt = hm_ctx_threads(ctx), h = (int)m->height;
	band_queue q;

	for (int k = 0; k < nb; k++) {
		b[k].y0 = (int)((long)h * k / nb);
		b[k].y1 = (int)((long)h * (k + 1) / nb);
	}
	q.m = m;
	q.w = (int)m->width;
	q.stride = stride;
	q.rows = (h + nb - 1) / nb;
	/* every pixel is painted (paper round the frame, sea inside) unless
	 * either lets what is under it through */
	q.blank = m->look.paper.a < 1 || m->look.sea.a < 1;
	q.stamps = stamps;
	q.b = b;
	q.nb = nb;
	atomic_init(&q.next, 0);
	nt = nt < 1 ? 1 : nt > HM_MAX_THREADS ? HM_MAX_THREADS : nt;
	for (int k = 0; k < nt; k++)
		args[k] = &q;
	hm_ctx_run(ctx, band_worker, args, nt < nb ? nt : nb);
}

/* The signature, IHDR and pHYs of a w x h PNG of m. */
static cairo_status_t png_head(cairo_write_func_t write, void *closure, const hm_map *m, int w,
			       int h)
{
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	unsigned char ihdr[13], phys[9];
	uint32_t ppm = (uint32_t)(m->dpi / 0.0254 + 0.5);
	cairo_status_t st;

	be32(ihdr, (uint32_t)w);
	be32(ihdr + 4, (uint32_t)h);
	ihdr[8] = 8;  /* bits per sample */
	ihdr[9] = 2;  /* RGB */
	ihdr[10] = 0; /* deflate */
	ihdr[11] = 0; /* adaptive filtering (every row: none) */
	ihdr[12] = 0; /* not interlaced */
	be32(phys, ppm);
	be32(phys + 4, ppm);
	phys[8] = 1; /* pixels per metre: the map's dpi */
	st = write(closure, sig, sizeof(sig));
	if (st == CAIRO_STATUS_SUCCESS) {
		const unsigned char *p[] = {ihdr};
		size_t l[] = {sizeof(ihdr)};
		st = png_chunk(write, closure, "IHDR", p, l, 1);
	}
	if (st == CAIRO_STATUS_SUCCESS) {
		const unsigned char *p[] = {phys};
		size_t l[] = {sizeof(phys)};
		st = png_chunk(write, closure, "pHYs", p, l, 1);
	}
	return st;
}

/* The nb bands of rows w pixels wide as IDAT chunks: one zlib stream, its
 * header before the first band, the Adler-32 of the whole after the last. */
static cairo_status_t png_idat(cairo_write_func_t write, void *closure, const png_band *b, int nb,
			       int w)
{
	unsigned char zhead[2] = {0x78, 0x01}, adler[4];
	uLong a = b[0].adler;
	size_t rowlen = (size_t)w * 3 + 1;
	cairo_status_t st = CAIRO_STATUS_SUCCESS;

	for (int k = 1; k < nb; k++)
		a = adler32_combine(a, b[k].adler, (z_off_t)(rowlen * (size_t)(b[k].y1 - b[k].y0)));
	be32(adler, (uint32_t)a);
	for (int k = 0; k < nb && st == CAIRO_STATUS_SUCCESS; k++) {
		const unsigned char *p[3];
		size_t l[3];
		int n = 0;
		if (k == 0)
			p[n] = zhead, l[n++] = sizeof(zhead);
		p[n] = b[k].z, l[n++] = b[k].zlen;
		if (k == nb - 1)
			p[n] = adler, l[n++] = sizeof(adler);
		st = png_chunk(write, closure, "IDAT", p, l, n);
	}
	return st;
}

cairo_status_t hm_png_write(hm_ctx *ctx, const hm_map *m, cairo_write_func_t write, void *closure,
			    double *t_draw, double *t_encode)
{
	int w = (int)m->width, h = (int)m->height;
	int stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, w);
	png_band *b;
	hm_stamps *stamps;
	int nb;
	cairo_status_t st = CAIRO_STATUS_SUCCESS;
	double t0 = hm_now(), tdraw = 0, tall = 0;

	if (w <= 0 || h <= 0 || stride <= 0)
		return CAIRO_STATUS_INVALID_SIZE;
	nb = (h + PNG_BAND_ROWS - 1) / PNG_BAND_ROWS;
	b = calloc((size_t)nb, sizeof(*b));
	if (!b)
		return CAIRO_STATUS_NO_MEMORY;
	if (hm_symbols_stamps_new(&stamps, ctx, m) < 0) {
		free(b);
		return CAIRO_STATUS_NO_MEMORY;
	}
	run_bands(ctx, m, stamps, b, nb, stride);
	hm_symbols_stamps_free(stamps);
	for (int k = 0; k < nb; k++) {
		if (st == CAIRO_STATUS_SUCCESS)
			st = b[k].st;
		tdraw += b[k].t_draw;
		tall += b[k].t_draw + b[k].t_encode;
	}
	/* drawing and deflating interleave: their shares of the wall time */
	*t_draw += tall > 0 ? (hm_now() - t0) * tdraw / tall : 0;
	if (st == CAIRO_STATUS_SUCCESS)
		st = png_head(write, closure, m, w, h);
	if (st == CAIRO_STATUS_SUCCESS)
		st = png_idat(write, closure, b, nb, w);
	if (st == CAIRO_STATUS_SUCCESS)
		st = png_chunk(write, closure, "IEND", NULL, NULL, 0);
	for (int k = 0; k < nb; k++)
		free(b[k].z);
	free(b);
	*t_encode += tall > 0 ? (hm_now() - t0) * (1 - tdraw / tall) : hm_now() - t0;
	return st;
}
