/* libFuzzer target: the style parser (hm_style_load_buffer) on a
 * NUL-terminated copy of the input. Any return is fine. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hotmap/common.h"
#include "hotmap/style.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	hm_ctx *ctx;
	hm_style style;
	char *text = malloc(size + 1);

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	ctx = hm_ctx_new();
	if (ctx) {
		hm_style_init(&style);
		(void)hm_style_load_buffer(&style, ctx, text, "fuzz.ini", "/nonexistent");
		hm_ctx_free(ctx);
	}
	free(text);
	return 0;
}
