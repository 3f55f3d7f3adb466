/* pngprobe FILE.png [X Y]...: prints "W H" then "R G B" (0-255) of each
 * pixel asked for, one line each; exit 1 if the file is not a PNG. */
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
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
