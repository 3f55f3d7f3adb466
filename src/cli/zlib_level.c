/* Cairo deflates every PDF stream at zlib's default level (6) and has no
 * setting for it; on the example map that was half of writing a PDF (35 of
 * 80 ms). The hotmap program (not the library: a program that links
 * libhotmap keeps its own zlib) takes zlib's entry point for
 * deflateInit() and turns "default" into level 1: the example's PDF is 16%
 * larger (256 KB against 220 KB) and written in 35 ms. Calls that ask for a
 * level get it; hotmap's own PNG writer asks for one. */
#include <zlib.h>

int deflateInit_(z_streamp strm, int level, const char *version, int stream_size)
{
	if (level == Z_DEFAULT_COMPRESSION)
		level = 1;
	/* what zlib's own deflateInit_ does, at that level */
	return deflateInit2_(strm, level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY, version,
			     stream_size);
}
