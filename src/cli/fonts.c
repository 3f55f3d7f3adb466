/* Fontconfig's set-up for the hotmap program. The library draws with
 * whatever configuration its caller made current (fontconfig's default
 * otherwise); the program makes its own, short one current, once, before
 * anything is drawn. */
#include "cli.h"

#include <fontconfig/fontconfig.h>
#include <stdlib.h>

/* The system's configuration is some 90 XML files (every rule of every
 * installed font package, hinting and subpixel tastes, aliases of fonts
 * hotmap never names): parsing them took 4.5 ms of each run, a tenth of a
 * map. The library sets its own hinting and antialiasing and names its
 * fonts, so the program needs only where the fonts are, fontconfig's caches
 * of them, the generic families and no bitmap fonts: this configuration,
 * 0.5 ms, and the same map on every machine whatever its font tastes.
 * FONTCONFIG_FILE or FONTCONFIG_PATH set: the system's way, as every
 * fontconfig program. tests/unit/test_text.c checks it. */
static const char fonts_conf[] =
	"<?xml version=\"1.0\"?><fontconfig>"
	"<dir>/usr/share/fonts</dir><dir>/usr/local/share/fonts</dir>"
	"<dir prefix=\"xdg\">fonts</dir><dir>~/.fonts</dir>"
	"<cachedir>/var/cache/fontconfig</cachedir>"
	"<cachedir prefix=\"xdg\">fontconfig</cachedir>"
	/* a family that is not generic falls back on sans-serif */
	"<match target=\"pattern\"><test qual=\"all\" name=\"family\" compare=\"not_eq\">"
	"<string>sans-serif</string></test><test qual=\"all\" name=\"family\" "
	"compare=\"not_eq\"><string>serif</string></test><test qual=\"all\" "
	"name=\"family\" compare=\"not_eq\"><string>monospace</string></test>"
	"<edit name=\"family\" mode=\"append_last\"><string>sans-serif</string></edit>"
	"</match>"
	/* the scripts of the region in Noto's design (DejaVu Sans, before
	 * them in the system's configuration, drew Lao) */
	"<alias><family>sans-serif</family><prefer><family>Noto Sans</family>"
	"<family>Noto Sans Khmer</family><family>Noto Sans Lao</family>"
	"<family>Noto Sans Myanmar</family><family>Noto Sans Thai</family>"
	"<family>DejaVu Sans</family></prefer></alias>"
	"<alias><family>serif</family><prefer><family>Noto Serif</family>"
	"<family>DejaVu Serif</family></prefer></alias>"
	"<alias><family>monospace</family><prefer><family>Noto Sans Mono</family>"
	"<family>DejaVu Sans Mono</family></prefer></alias>"
	"<selectfont><rejectfont><pattern><patelt name=\"scalable\"><bool>false</bool>"
	"</patelt></pattern></rejectfont></selectfont>"
	"</fontconfig>";

void cli_fonts_setup(void)
{
	FcConfig *c;

	if (getenv("FONTCONFIG_FILE") || getenv("FONTCONFIG_PATH"))
		return;
	c = FcConfigCreate();
	if (!c)
		return;
	if (!FcConfigParseAndLoadFromMemory(c, (const FcChar8 *)fonts_conf, FcTrue) ||
	    !FcConfigBuildFonts(c) || !FcConfigSetCurrent(c)) {
		FcConfigDestroy(c);
		return; /* fontconfig's own set-up, as without this */
	}
	FcConfigDestroy(c); /* the current configuration holds it */
}
