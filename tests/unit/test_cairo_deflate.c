/* The hotmap program's deflate for Cairo's streams (src/cli/cairo_deflate.c):
 * a stream opened at zlib's default level is gathered and deflated whole by
 * libdeflate; what comes out inflates back to what went in, however it is
 * fed and however little room each call gives it, the same input gives the
 * same bytes, and every other stream is zlib's own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

/* Text-like input, as Cairo's content streams are. */
static unsigned char *sample(size_t n)
{
	unsigned char *p = malloc(n);
	unsigned seed = 12345;

	assert_non_null(p);
	for (size_t i = 0; i < n;) {
		char tmp[48];
		int k;
		seed = seed * 1103515245u + 12345u;
		k = snprintf(tmp, sizeof(tmp), "%u.%02u %u.%u l\n", (seed >> 16) % 2400,
			     (seed >> 8) % 100, (seed >> 4) % 1800, seed % 10);
		for (int j = 0; j < k && i < n; j++)
			p[i++] = (unsigned char)tmp[j];
	}
	return p;
}

/* One call of deflate(flush) given room bytes at out + *len; returns its
 * code: Z_OK or Z_BUF_ERROR while feeding, Z_OK or Z_STREAM_END finishing. */
static int drain(z_stream *zs, unsigned char *out, size_t *len, size_t room, int flush, size_t most)
{
	int rc;

	zs->next_out = out + *len;
	zs->avail_out = (uInt)room;
	rc = deflate(zs, flush);
	if (flush == Z_FINISH)
		assert_true(rc == Z_OK || rc == Z_STREAM_END);
	else
		assert_true(rc == Z_OK || rc == Z_BUF_ERROR);
	*len += room - zs->avail_out;
	assert_true(*len <= most);
	return rc;
}

/* Deflates in with deflateInit(level) fed chunk bytes at a time, given room
 * for room bytes at a time; returns the zlib stream. */
static unsigned char *squeeze(int level, const unsigned char *in, size_t n, size_t chunk,
			      size_t room, size_t *nout)
{
	z_stream zs;
	size_t cap = n + 1024 + room, off = 0, len = 0;
	unsigned char *out = malloc(cap);
	int rc;

	assert_non_null(out);
	memset(&zs, 0, sizeof(zs));
	assert_int_equal(deflateInit(&zs, level), Z_OK);
	while (off < n) {
		size_t k = n - off < chunk ? n - off : chunk;
		zs.next_in = (unsigned char *)in + off;
		zs.avail_in = (uInt)k;
		do
			drain(&zs, out, &len, room, Z_NO_FLUSH, n + 1024);
		while (zs.avail_in > 0);
		off += k;
	}
	do
		rc = drain(&zs, out, &len, room, Z_FINISH, n + 1024);
	while (rc != Z_STREAM_END);
	assert_int_equal(zs.total_in, n);
	assert_int_equal(zs.total_out, len);
	assert_int_equal(deflateEnd(&zs), Z_OK);
	*nout = len;
	return out;
}

static void assert_inflates_to(const unsigned char *z, size_t nz, const unsigned char *in, size_t n)
{
	uLongf got = (uLongf)n + 16;
	unsigned char *back = malloc(got);

	assert_non_null(back);
	assert_int_equal(uncompress(back, &got, z, (uLong)nz), Z_OK);
	assert_int_equal(got, n);
	assert_memory_equal(back, in, n);
	free(back);
}

static void test_round_trip(void **state)
{
	static const size_t sizes[] = {0, 1, 100, 16384, 16385, 300000};
	static const size_t chunks[] = {1, 7, 16384, 1 << 20};
	static const size_t rooms[] = {1, 13, 16384, 1 << 20};

	(void)state;
	for (size_t a = 0; a < sizeof(sizes) / sizeof(sizes[0]); a++) {
		unsigned char *in = sample(sizes[a] ? sizes[a] : 1);
		for (size_t b = 0; b < sizeof(chunks) / sizeof(chunks[0]); b++)
			for (size_t c = 0; c < sizeof(rooms) / sizeof(rooms[0]); c++) {
				size_t nz;
				unsigned char *z;
				if (sizes[a] > 20000 && (chunks[b] == 1 || rooms[c] == 1))
					continue; /* a byte at a time: the small sizes tell */
				z = squeeze(Z_DEFAULT_COMPRESSION, in, sizes[a], chunks[b],
					    rooms[c], &nz);
				assert_inflates_to(z, nz, in, sizes[a]);
				free(z);
			}
		free(in);
	}
}

static void test_same_bytes_and_smaller(void **state)
{
	size_t n = 500000, n1, n2, n6;
	unsigned char *in = sample(n);
	unsigned char *a = squeeze(Z_DEFAULT_COMPRESSION, in, n, 16384, 16384, &n1);
	unsigned char *b = squeeze(Z_DEFAULT_COMPRESSION, in, n, 999, 77, &n2);
	unsigned char *c = squeeze(6, in, n, 16384, 16384, &n6);

	(void)state;
	assert_int_equal(n1, n2);
	assert_memory_equal(a, b, n1);
	assert_true(n1 < n / 2);
	/* an explicit level is zlib's, byte for byte */
	{
		uLongf nref = compressBound((uLong)n);
		unsigned char *ref = malloc(nref);
		assert_non_null(ref);
		assert_int_equal(compress2(ref, &nref, in, (uLong)n, 6), Z_OK);
		assert_int_equal(nref, n6);
		assert_memory_equal(ref, c, n6);
		free(ref);
	}
	free(a), free(b), free(c), free(in);
}

/* A PDF of Cairo's, every stream of it inflated. */
static void test_cairo_pdf(void **state)
{
	char path[] = "/tmp/hm-test-deflate-XXXXXX";
	int fd = mkstemp(path);
	cairo_surface_t *s;
	cairo_t *cr;
	FILE *f;
	unsigned char *d;
	long len;
	int streams = 0;

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	s = cairo_pdf_surface_create(path, 400, 300);
	cr = cairo_create(s);
	for (int i = 0; i < 3000; i++)
		cairo_line_to(cr, (i * 37) % 400, (i * 91) % 300 + 0.25 * i / 3000.0);
	cairo_set_line_width(cr, 0.3);
	cairo_stroke(cr);
	cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
	cairo_move_to(cr, 20, 150);
	cairo_show_text(cr, "Golden Triangle SEZ");
	cairo_destroy(cr);
	cairo_surface_finish(s);
	assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(s);

	f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	d = malloc((size_t)len);
	assert_non_null(d);
	assert_int_equal(fread(d, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	unlink(path);
	for (long i = 0; i + 7 < len; i++) {
		long o = i;
		if (memcmp(d + i, "stream\n", 7) != 0 || (i > 0 && d[i - 1] == 'd'))
			continue; /* not "endstream" */
		/* deflated when its dictionary says so */
		while (o > 3 && memcmp(d + o - 3, "obj", 3) != 0)
			o--;
		if (!memmem(d + o, (size_t)(i - o), "/FlateDecode", 12))
			continue;
		{
			z_stream zs;
			unsigned char out[65536];
			int rc;
			memset(&zs, 0, sizeof(zs));
			assert_int_equal(inflateInit(&zs), Z_OK);
			zs.next_in = d + i + 7;
			zs.avail_in = (uInt)(len - i - 7);
			do {
				zs.next_out = out;
				zs.avail_out = sizeof(out);
				rc = inflate(&zs, Z_NO_FLUSH);
			} while (rc == Z_OK);
			assert_int_equal(rc, Z_STREAM_END);
			inflateEnd(&zs);
			streams++;
		}
	}
	assert_true(streams >= 2); /* the page's content and a font at least */
	free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_same_bytes_and_smaller),
		cmocka_unit_test(test_cairo_pdf),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
