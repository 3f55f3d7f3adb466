/* Helpers shared by the unit tests. */
#ifndef HM_TESTUTIL_H
#define HM_TESTUTIL_H

#include <hotmap.h>

#include <cairo.h>
#include <stddef.h>

/* A context whose warnings and info messages are collected in a buffer. */
typedef struct {
	hm_ctx *ctx;
	char log[16384];
	size_t nwarn;
} test_ctx;

void test_ctx_init(test_ctx *t);
void test_ctx_fini(test_ctx *t);

/* Path of a fresh file name under the test temp folder (HM_TEST_TMP). */
void test_tmp_path(char *buf, size_t cap, const char *name);

/* Write text to a file; returns 0 on success. */
int test_write_file(const char *path, const char *text, size_t len);

/* 1 if the folder exists. */
int test_dir_exists(const char *path);

/* A PNG in memory decoded by Cairo (libpng), flushed; check its status. */
cairo_surface_t *test_png_decode(const unsigned char *png, size_t len);

#endif
