/* The hotmap program deflates zlib streams of the default level with ISA-L
 * (src/cli/zlib_isal.c, for Cairo's PDF streams): whatever goes in comes out
 * of zlib's inflate, fed in pieces of any size, with output space of any
 * size, through a reset, with flushes on the way and through compress();
 * streams of another level or from deflateInit2 are zlib's own, byte for
 * byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static uint64_t rng_state = 0x2545f4914f6cdd1du;

static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

/* Text like a PDF page's: numbers and operators, repetitive. */
static unsigned char *make_input(size_t n)
{
	unsigned char *b = malloc(n);
	static const char ops[] = " m l l l h f S q Q re cm\n";

	assert_non_null(b);
	for (size_t i = 0; i < n; i++)
		b[i] = rnd() % 3 ? (unsigned char)('0' + rnd() % 10)
				 : (unsigned char)ops[rnd() % (sizeof(ops) - 1)];
	return b;
}

static void check_inflates(const unsigned char *z, size_t zlen, const unsigned char *want,
			   size_t n)
{
	unsigned char *out = malloc(n + 1);
	uLongf len = n + 1;

	assert_non_null(out);
	if (uncompress(out, &len, z, zlen) != Z_OK)
		fail_msg("%zu bytes deflated to %zu that do not inflate (first: %02x %02x)", n,
			 zlen, zlen > 0 ? z[0] : 0, zlen > 1 ? z[1] : 0);
	assert_int_equal(len, n);
	assert_memory_equal(out, want, n);
	free(out);
}

/* Deflate in with pieces of at most chunk_in bytes and output space of at
 * most chunk_out, a sync flush every flush_every pieces (0: none). */
static size_t run(z_stream *zs, const unsigned char *in, size_t n, unsigned char *z,
		  size_t cap, size_t chunk_in, size_t chunk_out, int flush_every)
{
	size_t off = 0, zlen = 0, pieces = 0;
	int rc;

	for (;;) {
		size_t take = n - off < chunk_in ? n - off : chunk_in;
		int last = off + take == n;
		int flush = last ? Z_FINISH
				 : flush_every && ++pieces % (size_t)flush_every == 0 ? Z_SYNC_FLUSH
										      : Z_NO_FLUSH;
		zs->next_in = (unsigned char *)in + off;
		zs->avail_in = (uInt)take;
		do {
			size_t room = cap - zlen < chunk_out ? cap - zlen : chunk_out;
			assert_true(room > 0);
			zs->next_out = z + zlen;
			zs->avail_out = (uInt)room;
			rc = deflate(zs, flush);
			assert_true(rc == Z_OK || rc == Z_STREAM_END || rc == Z_BUF_ERROR);
			zlen += room - zs->avail_out;
		} while (zs->avail_in > 0 || (flush == Z_FINISH && rc != Z_STREAM_END) ||
			 (flush != Z_NO_FLUSH && zs->avail_out == 0));
		off += take;
		if (last)
			break;
	}
	assert_int_equal(zs->total_in, n);
	assert_int_equal(zs->total_out, zlen);
	/* finished: more Z_FINISH calls say so again */
	zs->avail_in = 0;
	zs->next_out = z + zlen;
	zs->avail_out = (uInt)(cap - zlen);
	assert_int_equal(deflate(zs, Z_FINISH), Z_STREAM_END);
	return zlen;
}

static void test_default_level_roundtrips(void **state)
{
	static const size_t sizes[] = {0, 1, 100, 65536, 300000, 2000000};
	static const size_t chunks_in[] = {1, 7, 4096, 16384, 1 << 22};
	static const size_t chunks_out[] = {1, 13, 16384, 1 << 23};

	(void)state;
	for (size_t a = 0; a < sizeof(sizes) / sizeof(sizes[0]); a++) {
		unsigned char *in = make_input(sizes[a] ? sizes[a] : 1);
		size_t cap = sizes[a] * 8 + 1024; /* a sync flush per byte: 6 bytes each */
		unsigned char *z = malloc(cap);
		assert_non_null(z);
		for (size_t b = 0; b < sizeof(chunks_in) / sizeof(chunks_in[0]); b++)
			for (size_t c = 0; c < sizeof(chunks_out) / sizeof(chunks_out[0]); c++) {
				z_stream zs;
				size_t zlen;
				/* byte-sized pieces of megabytes: long, and no different */
				if (sizes[a] > 300000 && (chunks_in[b] < 4096 || chunks_out[c] < 4096))
					continue;
				memset(&zs, 0, sizeof(zs));
				assert_int_equal(deflateInit(&zs, Z_DEFAULT_COMPRESSION), Z_OK);
				zlen = run(&zs, in, sizes[a], z, cap, chunks_in[b], chunks_out[c],
					   (int)(b % 3));
				check_inflates(z, zlen, in, sizes[a]);
				/* the same stream again after a reset */
				assert_int_equal(deflateReset(&zs), Z_OK);
				zlen = run(&zs, in, sizes[a], z, cap, chunks_in[b], chunks_out[c], 0);
				check_inflates(z, zlen, in, sizes[a]);
				assert_int_equal(deflateEnd(&zs), Z_OK);
			}
		free(z);
		free(in);
	}
}

static void test_compress(void **state)
{
	size_t n = 500000;
	unsigned char *in = make_input(n);
	uLongf zlen = compressBound(n);
	unsigned char *z = malloc(zlen);

	(void)state;
	assert_non_null(z);
	assert_int_equal(compress(z, &zlen, in, n), Z_OK);
	check_inflates(z, zlen, in, n);
	free(z);
	free(in);
}

/* Another level, or deflateInit2: zlib's bytes, whatever the interposer. */
static void test_other_streams_are_zlibs(void **state)
{
	size_t n = 200000, cap = 2 * n;
	unsigned char *in = make_input(n), *z1 = malloc(cap), *z2 = malloc(cap);
	z_stream a, b;
	size_t l1, l2;

	(void)state;
	assert_non_null(z1);
	assert_non_null(z2);
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	assert_int_equal(deflateInit(&a, 6), Z_OK);
	assert_int_equal(deflateInit2(&b, 6, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
	l1 = run(&a, in, n, z1, cap, 16384, 16384, 0);
	l2 = run(&b, in, n, z2, cap, 16384, 16384, 0);
	/* both are zlib's level 6: the same bytes */
	assert_int_equal(l1, l2);
	assert_memory_equal(z1, z2, l1);
	check_inflates(z1, l1, in, n);
	deflateEnd(&a);
	deflateEnd(&b);
	free(z1);
	free(z2);
	free(in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_level_roundtrips),
		cmocka_unit_test(test_compress),
		cmocka_unit_test(test_other_streams_are_zlibs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
