/* pngprobe FILE.png [X Y]...: prints "W H" then "R G B" (0-255) of each
 * pixel asked for, one line each; exit 1 if the file is not a PNG.
 * pngprobe --diff A.png B.png: the mean absolute difference of their
 * channels (0-255) over A's size, and the share of pixels that differ by
 * more than 64 in a channel; exit 1 if they differ in size. */
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cairo_surface_t *load(const char *path)
{
	cairo_surface_t *s = cairo_image_surface_create_from_png(path);

	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "pngprobe: %s: %s\n", path,
			cairo_status_to_string(cairo_surface_status(s)));
		cairo_surface_destroy(s);
		return NULL;
	}
	cairo_surface_flush(s);
	return s;
}

/* A pixel's channels, over white where it is see-through. */
static void rgb(const unsigned char *d, int stride, int x, int y, int c[3])
{
	unsigned int px = *(const unsigned int *)(d + (size_t)y * stride + (size_t)x * 4);
	int a = (int)(px >> 24);

	for (int k = 0; k < 3; k++)
		c[k] = (int)((px >> (16 - 8 * k)) & 255) + (255 - a);
}

static int diff(const char *pa, const char *pb)
{
	cairo_surface_t *a = load(pa), *b = a ? load(pb) : NULL;
	int w, h, rc = 1;

	if (!a || !b)
		goto out;
	w = cairo_image_surface_get_width(a);
	h = cairo_image_surface_get_height(a);
	if (w != cairo_image_surface_get_width(b) || h != cairo_image_surface_get_height(b)) {
		fprintf(stderr, "pngprobe: %s is %dx%d, %s %dx%d\n", pa, w, h, pb,
			cairo_image_surface_get_width(b), cairo_image_surface_get_height(b));
		goto out;
	}
	{
		double sum = 0;
		size_t far = 0;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int ca[3], cb[3], big = 0;
				rgb(cairo_image_surface_get_data(a),
				    cairo_image_surface_get_stride(a), x, y, ca);
				rgb(cairo_image_surface_get_data(b),
				    cairo_image_surface_get_stride(b), x, y, cb);
				for (int k = 0; k < 3; k++) {
					int d = ca[k] > cb[k] ? ca[k] - cb[k] : cb[k] - ca[k];
					sum += d;
					big |= d > 64;
				}
				far += (size_t)big;
			}
		printf("%.4f %.6f\n", sum / (3.0 * w * h), (double)far / ((double)w * h));
		rc = 0;
	}
out:
	if (a)
		cairo_surface_destroy(a);
	if (b)
		cairo_surface_destroy(b);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "--diff") == 0)
		return diff(argv[2], argv[3]);

	cairo_surface_t *s;
	unsigned char *d;
	int w, h, stride;

	if (argc < 2 || argc % 2) {
		fprintf(stderr, "usage: pngprobe FILE.png [X Y]...\n");
		return 2;
	}
	s = cairo_image_surface_create_from_png(argv[1]);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "pngprobe: %s: %s\n", argv[1],
			cairo_status_to_string(cairo_surface_status(s)));
		return 1;
	}
	cairo_surface_flush(s);
	w = cairo_image_surface_get_width(s);
	h = cairo_image_surface_get_height(s);
	stride = cairo_image_surface_get_stride(s);
	d = cairo_image_surface_get_data(s);
	printf("%d %d\n", w, h);
	for (int i = 2; i + 1 < argc; i += 2) {
		int x = (int)atof(argv[i]), y = (int)atof(argv[i + 1]);
		unsigned int px;
		if (x < 0 || y < 0 || x >= w || y >= h) {
			printf("out\n");
			continue;
		}
		px = *(unsigned int *)(d + (size_t)y * stride + (size_t)x * 4);
		printf("%u %u %u\n", (px >> 16) & 255, (px >> 8) & 255, px & 255);
	}
	cairo_surface_destroy(s);
	return 0;
}
