/* Text set-up. The library draws with the fontconfig configuration its
 * caller made current (src/text.c sets none). The program's own
 * (src/cli/fonts.c) finds the fonts the maps need (Noto Sans; Noto's Khmer,
 * Thai, Lao and Myanmar for names in those scripts), generic and unknown
 * families fall back on Noto Sans, and none of the system's configuration
 * files is read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "cli.h"
#include "hotmap.h"
#include "text.h"

#include <fontconfig/fontconfig.h>
#include <stdlib.h>
#include <string.h>

/* The family of the font that draws the first glyph of TEXT. */
static char *font_of(const char *family, const char *text)
{
	hm_text t = hm_text_new(family, 20, 0, text);
	PangoLayoutIter *it = pango_layout_get_iter(t.lay);
	PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
	PangoFontDescription *fd;
	char *name;

	assert_non_null(run);
	fd = pango_font_describe(run->item->analysis.font);
	name = strdup(pango_font_description_get_family(fd));
	pango_font_description_free(fd);
	pango_layout_iter_free(it);
	hm_text_free(&t);
	return name;
}

static void test_scripts_find_noto(void **state)
{
	static const struct {
		const char *text, *font;
	} cases[] = {
		{"Myawaddy", "Noto Sans"},
		{"\u1797\u17D2\u1793\u17C6\u1796\u17C1\u1789", "Noto Sans Khmer"}, /* Phnom Penh */
		{"\u0E01\u0E23\u0E38\u0E07\u0E40\u0E17\u0E1E", "Noto Sans Thai"},  /* Krung Thep */
		{"\u0EA7\u0EBD\u0E87\u0E88\u0EB1\u0E99", "Noto Sans Lao"},	   /* Vientiane */
		{"\u1019\u103C\u101D\u1010\u102E", "Noto Sans Myanmar"},	   /* Myawaddy */
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *f = font_of("Noto Sans", cases[i].text);
		if (strcmp(f, cases[i].font) != 0)
			fail_msg("\"%s\" drawn in %s, not %s", cases[i].text, f, cases[i].font);
		free(f);
	}
}

static void test_fallback_families(void **state)
{
	static const char *const families[] = {"sans-serif", "No Such Family 5f3a", "Sans"};
	double w0, h0, w, h;

	(void)state;
	assert_int_equal(hm_text_size("Noto Sans", 10, 0, "Golden Triangle", &w0, &h0), 0);
	assert_true(w0 > 30 && h0 > 5);
	for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++) {
		char *f = font_of(families[i], "Poipet");
		assert_string_equal(f, "Noto Sans");
		free(f);
		assert_int_equal(hm_text_size(families[i], 10, 0, "Golden Triangle", &w, &h), 0);
		assert_true(w == w0 && h == h0);
	}
}

static void test_no_system_files(void **state)
{
	FcStrList *files;
	int n = 0;

	(void)state;
	hm_text_warm();
	files = FcConfigGetConfigFiles(NULL);
	assert_non_null(files);
	while (FcStrListNext(files))
		n++;
	FcStrListDone(files);
	assert_int_equal(n, 0);
	assert_true(FcConfigGetFonts(NULL, FcSetSystem)->nfont > 0);
}

/* A host program's own configuration, made current before the first text:
 * sans-serif is DejaVu Sans, and the library keeps to it. */
static void test_caller_config(void **state)
{
	static const char conf[] =
		"<?xml version=\"1.0\"?><fontconfig><dir>/usr/share/fonts</dir>"
		"<cachedir>/var/cache/fontconfig</cachedir>"
		"<alias><family>sans-serif</family><prefer><family>DejaVu Sans</family>"
		"</prefer></alias></fontconfig>";
	FcConfig *c = FcConfigCreate();
	char *f;

	(void)state;
	assert_non_null(c);
	assert_true(FcConfigParseAndLoadFromMemory(c, (const FcChar8 *)conf, FcTrue));
	assert_true(FcConfigBuildFonts(c));
	assert_true(FcConfigSetCurrent(c));
	FcConfigDestroy(c);
	hm_text_warm();
	assert_ptr_equal(FcConfigGetCurrent(), c);
	f = font_of("sans-serif", "Poipet");
	assert_string_equal(f, "DejaVu Sans");
	free(f);
}

int main(void)
{
	const struct CMUnitTest library[] = {
		cmocka_unit_test(test_caller_config),
	};
	const struct CMUnitTest program[] = {
		cmocka_unit_test(test_scripts_find_noto),
		cmocka_unit_test(test_fallback_families),
		cmocka_unit_test(test_no_system_files),
	};
	int rc;

	/* With these set, the system's configuration is meant and would be read:
	 * unset, so that test_no_system_files always runs its check. */
	unsetenv("FONTCONFIG_FILE");
	unsetenv("FONTCONFIG_PATH");
	rc = cmocka_run_group_tests_name("library", library, NULL, NULL);
	/* a new font map for the program's configuration, as hotmap starts */
	pango_cairo_font_map_set_default(NULL);
	cli_fonts_setup();
	rc |= cmocka_run_group_tests_name("program", program, NULL, NULL);
	hm_shutdown();
	return rc;
}
