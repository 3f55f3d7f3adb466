/* Cairo deflates every PDF stream with deflateInit(..., Z_DEFAULT_COMPRESSION)
 * (zlib level 6) and has no setting for it; on the example map that was half
 * of writing a PDF (35 of 80 ms), and still 7 ms at zlib's level 1. The
 * hotmap program (not the library: a program that links libhotmap keeps its
 * own zlib) takes zlib's entry points deflateInit_, deflate and deflateEnd,
 * and has ISA-L's igzip (level 1, the same zlib format) deflate the streams
 * that ask for the default level: the example's PDF is 4% larger than at
 * zlib level 1 and its streams are deflated 5 times faster. A stream set up
 * with any other level, or with deflateInit2 (libpng, gzip files), is zlib's
 * own throughout; the zlib state of every stream is set up as zlib would, so
 * that zlib's other functions still find one (deflateReset resets both;
 * Cairo calls no other). tests/unit/test_zlib_isal.c
 * checks that what comes out inflates to what went in, however it is fed. */
#include <dlfcn.h>
#include <isa-l/igzip_lib.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

typedef struct fast_stream {
	z_streamp strm;
	const void *state; /* zlib's, at deflateInit: tells a later stream at the
			      same address (this one never ended) from it */
	struct isal_zstream is;
	unsigned char *level_buf;
	int done;    /* the final block and the Adler-32 are written */
	int flushed; /* a flush is written out whole, no input since */
	struct fast_stream *next;
} fast_stream;

static pthread_mutex_t streams_mu = PTHREAD_MUTEX_INITIALIZER;
static fast_stream *streams;

static int (*real_deflate)(z_streamp, int);
static int (*real_deflate_end)(z_streamp);
static pthread_once_t real_once = PTHREAD_ONCE_INIT;

static void find_real(void)
{
	*(void **)&real_deflate = dlsym(RTLD_NEXT, "deflate");
	*(void **)&real_deflate_end = dlsym(RTLD_NEXT, "deflateEnd");
}

/* The stream's entry, taken off the list if take. An entry for the same
 * address with another zlib state is a stream that was never ended: it is
 * dropped. */
static fast_stream *lookup(z_streamp strm, int take)
{
	fast_stream *f, **p, *stale = NULL;

	pthread_mutex_lock(&streams_mu);
	for (p = &streams; (f = *p) != NULL; p = &f->next)
		if (f->strm == strm) {
			if (take || f->state != (const void *)strm->state)
				*p = f->next;
			if (f->state != (const void *)strm->state) {
				stale = f;
				f = NULL;
			}
			break;
		}
	pthread_mutex_unlock(&streams_mu);
	if (stale) {
		free(stale->level_buf);
		free(stale);
	}
	return f;
}

/* A new ISA-L stream: level 1, zlib's format. (Also after deflateReset:
 * ISA-L 2.30's own reset leaves the zlib header out of the next stream.) */
static void fast_start(fast_stream *f)
{
	/* from cleared memory, so that the same input gives the same bytes */
	memset(&f->is, 0, sizeof(f->is));
	memset(f->level_buf, 0, ISAL_DEF_LVL1_DEFAULT);
	isal_deflate_init(&f->is);
	f->is.level = 1;
	f->is.level_buf = f->level_buf;
	f->is.level_buf_size = ISAL_DEF_LVL1_DEFAULT;
	f->is.gzip_flag = IGZIP_ZLIB;
	f->done = 0;
	f->flushed = 0;
}

int deflateInit_(z_streamp strm, int level, const char *version, int stream_size)
{
	fast_stream *f;
	int rc;

	pthread_once(&real_once, find_real);
	if (level != Z_DEFAULT_COMPRESSION || !real_deflate || !real_deflate_end)
		return deflateInit2_(strm, level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
				     version, stream_size);
	/* zlib's state too (level 1 if ISA-L cannot have the stream) */
	rc = deflateInit2_(strm, 1, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY, version,
			   stream_size);
	if (rc != Z_OK)
		return rc;
	/* an entry left by a stream never ended */
	if ((f = lookup(strm, 1)) != NULL) {
		free(f->level_buf);
		free(f);
	}
	f = calloc(1, sizeof(*f));
	if (f)
		f->level_buf = malloc(ISAL_DEF_LVL1_DEFAULT);
	if (!f || !f->level_buf) {
		free(f);
		return Z_OK;
	}
	f->strm = strm;
	f->state = strm->state;
	fast_start(f);
	pthread_mutex_lock(&streams_mu);
	f->next = streams;
	streams = f;
	pthread_mutex_unlock(&streams_mu);
	return Z_OK;
}

int deflate(z_streamp strm, int flush)
{
	fast_stream *f;
	uint32_t in0, out0;
	int rc;

	pthread_once(&real_once, find_real);
	f = strm ? lookup(strm, 0) : NULL;
	if (!f)
		return real_deflate ? real_deflate(strm, flush) : Z_STREAM_ERROR;
	if (flush < Z_NO_FLUSH || flush > Z_BLOCK || (!strm->next_out && strm->avail_out) ||
	    (!strm->next_in && strm->avail_in))
		return Z_STREAM_ERROR;
	if (f->done)
		return flush == Z_FINISH ? Z_STREAM_END : Z_STREAM_ERROR;
	/* as zlib: a flush asked for again with nothing new does nothing
	 * (ISA-L would write another empty block) */
	if (strm->avail_out == 0 ||
	    (f->flushed && strm->avail_in == 0 && flush != Z_NO_FLUSH && flush != Z_FINISH))
		return Z_BUF_ERROR;
	f->is.next_in = strm->next_in;
	f->is.avail_in = in0 = strm->avail_in;
	f->is.next_out = strm->next_out;
	f->is.avail_out = out0 = strm->avail_out;
	f->is.end_of_stream = flush == Z_FINISH;
	f->is.flush = flush == Z_NO_FLUSH || flush == Z_FINISH ? NO_FLUSH
		      : flush == Z_FULL_FLUSH		     ? FULL_FLUSH
							     : SYNC_FLUSH;
	rc = isal_deflate(&f->is);
	strm->next_in = f->is.next_in;
	strm->avail_in = f->is.avail_in;
	strm->next_out = f->is.next_out;
	strm->avail_out = f->is.avail_out;
	strm->total_in += in0 - f->is.avail_in;
	strm->total_out += out0 - f->is.avail_out;
	if (rc != COMP_OK)
		return Z_STREAM_ERROR;
	f->flushed = f->is.flush != NO_FLUSH && f->is.avail_in == 0 &&
		     f->is.internal_state.state == ZSTATE_NEW_HDR &&
		     f->is.internal_state.tmp_out_start == f->is.internal_state.tmp_out_end;
	if (flush == Z_FINISH && f->is.internal_state.state == ZSTATE_END) {
		f->done = 1;
		return Z_STREAM_END;
	}
	/* as zlib: an error only if nothing could be done */
	return in0 == f->is.avail_in && out0 == f->is.avail_out && flush == Z_NO_FLUSH
		       ? Z_BUF_ERROR
		       : Z_OK;
}

int deflateReset(z_streamp strm)
{
	static int (*real_reset)(z_streamp);
	fast_stream *f = strm ? lookup(strm, 0) : NULL;

	if (f) {
		fast_start(f);
	}
	if (!real_reset)
		*(void **)&real_reset = dlsym(RTLD_NEXT, "deflateReset");
	return real_reset ? real_reset(strm) : Z_STREAM_ERROR;
}

int deflateEnd(z_streamp strm)
{
	fast_stream *f;

	pthread_once(&real_once, find_real);
	f = strm ? lookup(strm, 1) : NULL;
	if (f) {
		free(f->level_buf);
		free(f);
	}
	return real_deflate_end ? real_deflate_end(strm) : Z_STREAM_ERROR;
}
