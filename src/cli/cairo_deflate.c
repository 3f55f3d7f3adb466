/* Cairo deflates every PDF stream through zlib at zlib's default level (6)
 * and has no setting for it: on the example map that was half of writing a
 * PDF (35 of 80 ms), and still 6 ms at level 1. The hotmap program (not the
 * library: a program that links libhotmap keeps its own zlib) takes zlib's
 * entry points deflateInit_(), deflate() and deflateEnd(): a stream opened at
 * the default level, which is how Cairo opens its streams, is gathered whole
 * and deflated at its end by libdeflate at level 1 in one call (3x faster than
 * zlib's level 1, and smaller); the same input always gives the same bytes.
 * Every other stream (hotmap's own PNG writer asks for a level and uses
 * deflateInit2_) goes to zlib untouched. tests/unit/test_cairo_deflate.c
 * inflates what it writes. */
#include <dlfcn.h>
#include <libdeflate.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define SHIM_LEVEL 1

typedef struct {
	unsigned char *in; /* the stream's input, gathered */
	size_t nin, cap;
	unsigned char *out; /* its zlib stream, once finished */
	size_t nout, sent;
	int finished;
} shim;

typedef int (*deflate_fn)(z_streamp, int);
typedef int (*deflate_end_fn)(z_streamp);

static deflate_fn real_deflate;
static deflate_end_fn real_deflate_end;
static pthread_once_t real_once = PTHREAD_ONCE_INIT;

static void find_real(void)
{
	/* POSIX's way to a function from dlsym(), which ISO C cannot cast */
	*(void **)&real_deflate = dlsym(RTLD_NEXT, "deflate");
	*(void **)&real_deflate_end = dlsym(RTLD_NEXT, "deflateEnd");
}

/* The tag of a shim stream: its zalloc, which zlib never sees. */
static voidpf shim_tag(voidpf opaque, uInt items, uInt size)
{
	(void)opaque, (void)items, (void)size;
	return Z_NULL;
}

static int is_shim(z_streamp s)
{
	return s && s->zalloc == shim_tag && s->state;
}

int deflateInit_(z_streamp strm, int level, const char *version, int stream_size)
{
	shim *sh;

	if (level != Z_DEFAULT_COMPRESSION || !strm)
		return deflateInit2_(strm, level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
				     version, stream_size);
	if (!version || version[0] != ZLIB_VERSION[0] || stream_size != (int)sizeof(z_stream))
		return Z_VERSION_ERROR;
	sh = calloc(1, sizeof(*sh));
	if (!sh)
		return Z_MEM_ERROR;
	strm->zalloc = shim_tag;
	strm->zfree = Z_NULL;
	strm->state = (struct internal_state *)sh;
	strm->total_in = strm->total_out = 0;
	strm->msg = Z_NULL;
	strm->adler = 1;
	return Z_OK;
}

static int shim_finish(shim *sh)
{
	struct libdeflate_compressor *c = libdeflate_alloc_compressor(SHIM_LEVEL);
	size_t bound;

	if (!c)
		return Z_MEM_ERROR;
	bound = libdeflate_zlib_compress_bound(c, sh->nin);
	sh->out = malloc(bound ? bound : 1);
	if (!sh->out) {
		libdeflate_free_compressor(c);
		return Z_MEM_ERROR;
	}
	sh->nout = libdeflate_zlib_compress(c, sh->in, sh->nin, sh->out, bound);
	libdeflate_free_compressor(c);
	if (sh->nout == 0)
		return Z_STREAM_ERROR; /* cannot happen: the bound is enough */
	free(sh->in);
	sh->in = NULL;
	sh->finished = 1;
	return Z_OK;
}

int deflate(z_streamp strm, int flush)
{
	shim *sh;

	if (!is_shim(strm)) {
		pthread_once(&real_once, find_real);
		return real_deflate ? real_deflate(strm, flush) : Z_STREAM_ERROR;
	}
	sh = (shim *)strm->state;
	if (strm->avail_in > 0) {
		if (sh->finished || !strm->next_in)
			return Z_STREAM_ERROR;
		if (sh->nin + strm->avail_in > sh->cap) {
			size_t cap = sh->cap ? sh->cap : 65536;
			unsigned char *p;
			while (cap < sh->nin + strm->avail_in)
				cap *= 2;
			if (!(p = realloc(sh->in, cap)))
				return Z_MEM_ERROR;
			sh->in = p, sh->cap = cap;
		}
		memcpy(sh->in + sh->nin, strm->next_in, strm->avail_in);
		sh->nin += strm->avail_in;
		strm->total_in += strm->avail_in;
		strm->next_in += strm->avail_in;
		strm->avail_in = 0;
	}
	if (flush != Z_FINISH)
		return sh->finished ? Z_STREAM_ERROR : Z_OK;
	if (!sh->finished) {
		int rc = shim_finish(sh);
		if (rc != Z_OK)
			return rc;
	}
	if (sh->sent < sh->nout) {
		size_t n = sh->nout - sh->sent;
		if (n > strm->avail_out)
			n = strm->avail_out;
		if (n == 0)
			return Z_BUF_ERROR;
		memcpy(strm->next_out, sh->out + sh->sent, n);
		sh->sent += n;
		strm->next_out += n;
		strm->avail_out -= (uInt)n;
		strm->total_out += n;
	}
	return sh->sent == sh->nout ? Z_STREAM_END : Z_OK;
}

int deflateEnd(z_streamp strm)
{
	shim *sh;

	if (!is_shim(strm)) {
		pthread_once(&real_once, find_real);
		return real_deflate_end ? real_deflate_end(strm) : Z_STREAM_ERROR;
	}
	sh = (shim *)strm->state;
	free(sh->in);
	free(sh->out);
	free(sh);
	strm->state = Z_NULL;
	strm->zalloc = Z_NULL;
	return Z_OK;
}
