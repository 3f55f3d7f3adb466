#include "testutil.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void collect(void *ud, hm_log_level level, const char *msg)
{
	test_ctx *t = ud;
	size_t n = strlen(t->log);

	if (level == HM_LOG_WARN)
		t->nwarn++;
	snprintf(t->log + n, sizeof(t->log) - n, "%s\n", msg);
}

void test_ctx_init(test_ctx *t)
{
	memset(t, 0, sizeof(*t));
	t->ctx = hm_ctx_new();
	hm_ctx_set_log(t->ctx, collect, t);
}

void test_ctx_fini(test_ctx *t)
{
	hm_ctx_free(t->ctx);
	t->ctx = NULL;
}

void test_tmp_path(char *buf, size_t cap, const char *name)
{
	snprintf(buf, cap, "%s/%ld-%s", HM_TEST_TMP, (long)getpid(), name);
}

int test_write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		return -1;
	if (fwrite(text, 1, len, f) != len) {
		fclose(f);
		return -1;
	}
	return fclose(f);
}

int test_dir_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

typedef struct {
	const unsigned char *p;
	size_t left;
} png_reader;

static cairo_status_t read_png(void *closure, unsigned char *data, unsigned int len)
{
	png_reader *r = closure;

	if (len > r->left)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, r->p, len);
	r->p += len;
	r->left -= len;
	return CAIRO_STATUS_SUCCESS;
}

cairo_surface_t *test_png_decode(const unsigned char *png, size_t len)
{
	png_reader r = {png, len};
	cairo_surface_t *s = cairo_image_surface_create_from_png_stream(read_png, &r);

	cairo_surface_flush(s);
	return s;
}
