/* libFuzzer target: the spec parser of `hotmap build` (hm_spec_load_buffer)
 * on a NUL-terminated copy of the input. Any return is fine. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hotmap/common.h"
#include "hotmap/spec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	hm_ctx *ctx;
	hm_spec *spec = NULL;
	char *text = malloc(size + 1);

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	ctx = hm_ctx_new();
	if (ctx && hm_spec_load_buffer(&spec, ctx, text, "fuzz.ini", "/nonexistent/dir") == 0) {
		for (size_t i = 0; i < spec->n; i++) {
			(void)hm_spec_get(&spec->sections[i], "sites");
			for (size_t j = 0; j < spec->sections[i].n; j++)
				(void)hm_spec_key_is_path(spec->sections[i].entries[j].key);
		}
	}
	hm_spec_free(spec);
	hm_ctx_free(ctx);
	free(text);
	return 0;
}
