/* One option table drives getopt_long and the help text, so they never
 * drift apart. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	OPT_EXTENT = 256,
	OPT_PROJ,
	OPT_SIZE,
	OPT_DPI,
	OPT_SHAPES,
	OPT_NAME,
	OPT_LAT,
	OPT_LON,
	OPT_VALUE,
	OPT_COUNTRY,
	OPT_MAXV,
	OPT_TITLE,
	OPT_SUBTITLE,
	OPT_SOURCE,
	OPT_STRICT,
	OPT_MANIFEST,
	OPT_ALT_TEXT,
	OPT_TIMINGS,
	OPT_STYLE,
	OPT_LABEL,
	OPT_CATEGORY,
	OPT_LEGEND_TITLE,
	OPT_PLAIN,
	OPT_INSET,
	OPT_LOCATOR,
	OPT_OUT_DIR,
	OPT_COUNTRIES,
	OPT_FORMAT,
	OPT_MANIFEST_FLAG,
	OPT_PROVINCES,
	OPT_PROVINCE_NAME,
	OPT_AGGREGATE,
	OPT_R_MAX,
	OPT_LABELS,
	OPT_CLUSTER,
	OPT_DORLING,
	OPT_MODE,
	OPT_CELL,
	OPT_PALETTE,
	OPT_BANDWIDTH,
	OPT_SVG_TEXT
};

typedef struct {
	const char *name;
	int has_arg;
	int key;
	const char *metavar;
	unsigned cmds;
	const char *help;
} cli_option;

static int add_output(cli_opts *o, const char *path)
{
	const char **n = realloc(o->outputs, (o->noutputs + 1) * sizeof(*n));

	if (!n) {
		fprintf(stderr, "hotmap: out of memory\n");
		return -1;
	}
	o->outputs = n;
	o->outputs[o->noutputs++] = path;
	return 0;
}

#define R (CMD_RENDER | CMD_BATCH)
#define RO CMD_RENDER
#define B CMD_BATCH
#define C CMD_CHECK
#define D CMD_BUILD
static const cli_option table[] = {
	{"output", 1, 'o', "FILE", RO,
	 "write the map to FILE (.png, .svg, .pdf; .html: a web page with the map, tooltips and "
	 "a table of the sites; .txt: its text alternative); repeatable"},
	{"out-dir", 1, OPT_OUT_DIR, "DIR", B, "write DIR/ISO3.png (...) and DIR/index.html"},
	{"countries", 1, OPT_COUNTRIES, "ISO3,...", B,
	 "these countries (default: every country with sites)"},
	{"format", 1, OPT_FORMAT, "png,svg,pdf,txt,html", B,
	 "formats to write (default png; txt: each map's text alternative; html: each map's web "
	 "page, linked from index.html)"},
	{"jobs", 1, 'j', "N", R | D,
	 "threads: maps drawn at once (batch), bands of a PNG drawn at once (render); default: the "
	 "number of cores"},
	{"extent", 1, OPT_EXTENT, "W,S,E,N", RO,
	 "map extent in degrees (W > E crosses the antimeridian); default: fit the sites"},
	{"proj", 1, OPT_PROJ, "CRS", R,
	 "EPSG:n, a PROJ string, WKT, or auto (default): chosen for the extent"},
	{"size", 1, OPT_SIZE, "WxH|auto", R,
	 "PNG size in pixels (default 2400x1800); auto: the same area, shaped as the map's extent "
	 "within 3:4 to 16:9 (batch's default)"},
	{"dpi", 1, OPT_DPI, "N", R, "resolution; sets the size of text and symbols (default 300)"},
	{"style", 1, OPT_STYLE, "FILE.ini", R,
	 "colours, fonts, sizes and layers (default: styles/default.ini)"},
	{"shapes", 1, OPT_SHAPES, "FILE.shp", R | C,
	 "country shapes; default: shipped Natural Earth, by scale"},
	{"name", 1, OPT_NAME, "COLUMN", R | C, "column of site names (default: name, site, place)"},
	{"lat", 1, OPT_LAT, "COLUMN", R | C, "column of latitudes (default: lat, latitude)"},
	{"lon", 1, OPT_LON, "COLUMN", R | C,
	 "column of longitudes (default: lon, lng, long, longitude)"},
	{"value", 1, OPT_VALUE, "COLUMN", R | C,
	 "column of values (default: value, count, victims, n)"},
	{"country", 1, OPT_COUNTRY, "COLUMN", R | C,
	 "column of country names or ISO codes (default: country, iso_a3, iso)"},
	{"label", 1, OPT_LABEL, "COLUMN", R | C,
	 "column of label texts, e.g. names in local script (default: the names)"},
	{"category", 1, OPT_CATEGORY, "COLUMN", R | C,
	 "colour symbols by this column's categories"},
	{"max-value", 1, OPT_MAXV, "V", R,
	 "value drawn at the largest radius (one scale across maps)"},
	{"aggregate", 1, OPT_AGGREGATE, "count|sum", R,
	 "sum: symbols sized by the value column (the default when there is one); count: every "
	 "site counts 1, one symbol size (the default without a value column)"},
	{"r-max", 1, OPT_R_MAX, "MM", R,
	 "radius of the largest symbol in mm (default: the style's, made smaller until at most "
	 "10% of the symbols' area lies under other symbols)"},
	{"cluster", 1, OPT_CLUSTER, "MM|auto|none", R,
	 "merge sites within MM mm of a larger one, then symbols that overlap, into one symbol "
	 "sized by their sum, labelled \"Name +N\"; auto (default): only a crowd that symbols of "
	 "no size can show, at 1 mm; none: never"},
	{"mode", 1, OPT_MODE, "points|hexbin|grid|hotspot|kde", R,
	 "points (default): a symbol per site; hexbin, grid: the sites counted (or their values "
	 "summed, --aggregate) in hexagons or squares, classed on a colour ramp; hotspot: "
	 "Getis-Ord Gi* hot and cold spots of the hexagons, FDR-corrected; kde: kernel density "
	 "(quartic kernel, in the projected plane)"},
	{"bandwidth", 1, OPT_BANDWIDTH, "KM", R,
	 "kde: the kernel's bandwidth on the ground (default: ArcGIS's rule from the sites' "
	 "spread)"},
	{"cell", 1, OPT_CELL, "MM", R, "hexbin and grid: cell size on the page (default 4 mm)"},
	{"palette", 1, OPT_PALETTE, "NAME", R,
	 "hexbin and grid: viridis (default), magma, cividis, or style (the style's colours)"},
	{"dorling", 0, OPT_DORLING, NULL, R,
	 "push symbols apart until none overlap, each with a thin line to its true position "
	 "(moved at most twice the largest radius)"},
	{"labels", 1, OPT_LABELS, "N|all|none", R,
	 "label at most N sites, the largest first; all: try every site; default: the largest "
	 "sites whose label fits within 6 mm of its symbol, until 200 in a row find no room"},
	{"title", 1, OPT_TITLE, "TEXT", R, "title (default: \"<value column> by site\")"},
	{"provinces", 1, OPT_PROVINCES, "FILE.shp", R,
	 "first-level divisions (HDX, geoBoundaries, GADM exports; polygons in lon/lat): drawn, "
	 "named, and each site given its province in the manifest; default: the shipped states "
	 "on the maps of China, India, the USA, Brazil, Russia, Argentina, Canada and Australia; "
	 "none: none"},
	{"province-name", 1, OPT_PROVINCE_NAME, "FIELD", R,
	 "the .dbf field that names a province (default: the first of NAME_1, ADM1_EN, "
	 "ADM1_NAME, shapeName, NAME, name)"},
	{"legend-title", 1, OPT_LEGEND_TITLE, "TEXT", R,
	 "caption of the symbol legend (default: the value column)"},
	{"subtitle", 1, OPT_SUBTITLE, "TEXT", R, "subtitle under the title"},
	{"source", 1, OPT_SOURCE, "TEXT", R, "data source, credited with Natural Earth"},
	{"manifest", 1, OPT_MANIFEST, "FILE.json", RO, "write what was drawn as JSON"},
	{"alt-text", 1, OPT_ALT_TEXT, "FILE.txt", RO,
	 "write the map's text alternative (plain sentences on what it shows: the area, the "
	 "sites, the largest, the total, the legend, what was left out) to FILE.txt"},
	{"svg-text", 1, OPT_SVG_TEXT, "live|outline", R,
	 "an SVG's text: live (default: <text> in the style's fonts, each layer a group, each "
	 "symbol a circle with its data) or outline (Cairo's SVG: every glyph a path, the exact "
	 "look without the fonts)"},
	{"manifest", 0, OPT_MANIFEST_FLAG, NULL, B, "write DIR/ISO3.json beside each map"},
	{"strict", 0, OPT_STRICT, NULL, R | C, "a bad row is an error (exit 2), not skipped"},
	{"inset", 1, OPT_INSET, "W,S,E,N|auto", R,
	 "a zoomed panel of that box (repeatable); auto: of each crowded cluster"},
	{"locator", 0, OPT_LOCATOR, NULL, R,
	 "a small map of the wider region with this map's extent outlined"},
	{"plain", 0, OPT_PLAIN, NULL, R, "symbols only: no labels, legend, scale bar or insets"},
	{"timings", 0, OPT_TIMINGS, NULL, R, "print the time each stage took"},
	{"watch", 0, 'w', NULL, D, "keep running and build again whenever an input changes"},
	{"quiet", 0, 'q', NULL, R | C | D, "print errors only"},
	{"verbose", 0, 'v', NULL, R | C | D, "say what hotmap chose (extent, projection, shapes)"},
	{"help", 0, 'h', NULL, R | C | D, "show this help"},
};
#undef R
#undef RO
#undef B
#undef C
#define NOPT (sizeof(table) / sizeof(table[0]))

void cli_usage(FILE *f, int cmd, const char *cmdname)
{
	if (cmd == CMD_RENDER)
		fprintf(f, "usage: hotmap render [OPTIONS] SITES.csv -o FILE [-o FILE...]\n\n"
			   "Draw a proportional-symbol map of the sites in a CSV.\n\n");
	else if (cmd == CMD_BATCH)
		fprintf(f, "usage: hotmap batch [OPTIONS] SITES.csv --out-dir DIR [--countries "
			   "ISO3,...] [-j N]\n\nOne map per country, all on one symbol scale, and "
			   "DIR/index.html.\n\n");
	else if (cmd == CMD_BUILD)
		fprintf(f, "usage: hotmap build [OPTIONS] SPEC.ini\n\n"
			   "Render every map and batch of a spec whose inputs, options or hotmap\n"
			   "version changed since its last build; --watch rebuilds on every "
			   "save.\n\n");
	else
		fprintf(f,
			"usage: hotmap %s [OPTIONS] SITES.csv\n\n"
			"Load the CSV and report every problem; draw nothing.\n\n",
			cmdname);
	for (size_t i = 0; i < NOPT; i++) {
		char left[64];
		if (!(table[i].cmds & (unsigned)cmd))
			continue;
		if (table[i].key < 256 && table[i].key != 'j')
			snprintf(left, sizeof(left), "-%c, --%s%s%s", table[i].key, table[i].name,
				 table[i].metavar ? " " : "",
				 table[i].metavar ? table[i].metavar : "");
		else if (table[i].key == 'j')
			snprintf(left, sizeof(left), "-j, --jobs N");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", table[i].name,
				 table[i].metavar ? " " : "",
				 table[i].metavar ? table[i].metavar : "");
		fprintf(f, "  %-28s %s\n", left, table[i].help);
	}
}

int cli_parse(cli_opts *o, int cmd, const char *cmdname, int argc, char **argv)
{
	struct option lo[NOPT + 1];
	char shorts[32] = ":";
	size_t k = 0, s = 1;
	int c;

	memset(o, 0, sizeof(*o));
	for (size_t i = 0; i < NOPT; i++) {
		if (!(table[i].cmds & (unsigned)cmd))
			continue;
		lo[k].name = table[i].name;
		lo[k].has_arg = table[i].has_arg ? required_argument : no_argument;
		lo[k].flag = NULL;
		lo[k].val = table[i].key;
		k++;
		if (table[i].key < 256) {
			shorts[s++] = (char)table[i].key;
			if (table[i].has_arg)
				shorts[s++] = ':';
		}
	}
	memset(&lo[k], 0, sizeof(lo[k]));
	shorts[s] = '\0';
	optind = 0; /* GNU: full re-initialisation */
	opterr = 0;
	/* GNU getopt_long permutes: options may follow the CSV name */
	while ((c = getopt_long(argc, argv, shorts, lo, NULL)) != -1) {
		switch (c) {
		case OPT_ALT_TEXT:
			if (hm_format_from_path(optarg) != HM_FORMAT_TEXT) {
				fprintf(stderr, "hotmap: --alt-text %s: expected a .txt file\n",
					optarg);
				return 2;
			}
			/* one more output, written with the others */
			if (add_output(o, optarg) < 0)
				return 1;
			break;
		case 'o':
			if (add_output(o, optarg) < 0)
				return 1;
			break;
		case OPT_EXTENT: o->extent = optarg; break;
		case OPT_PROJ: o->proj = optarg; break;
		case OPT_SIZE: o->size = optarg; break;
		case OPT_DPI: o->dpi = optarg; break;
		case OPT_SHAPES: o->shapes = optarg; break;
		case OPT_NAME: o->columns.name_column = optarg; break;
		case OPT_LAT: o->columns.lat_column = optarg; break;
		case OPT_LON: o->columns.lon_column = optarg; break;
		case OPT_VALUE: o->columns.value_column = optarg; break;
		case OPT_COUNTRY: o->columns.country_column = optarg; break;
		case OPT_MAXV: o->max_value = optarg; break;
		case OPT_AGGREGATE: o->aggregate = optarg; break;
		case OPT_R_MAX: o->r_max = optarg; break;
		case OPT_LABELS: o->labels = optarg; break;
		case OPT_CLUSTER: o->cluster = optarg; break;
		case OPT_DORLING: o->dorling = 1; break;
		case OPT_MODE: o->mode = optarg; break;
		case OPT_CELL: o->cell = optarg; break;
		case OPT_PALETTE: o->palette = optarg; break;
		case OPT_BANDWIDTH: o->bandwidth = optarg; break;
		case OPT_SVG_TEXT:
			if (strcmp(optarg, "live") != 0 && strcmp(optarg, "outline") != 0) {
				fprintf(stderr, "hotmap: --svg-text %s: expected live or outline\n",
					optarg);
				return 2;
			}
			o->svg_text_outline = strcmp(optarg, "outline") == 0;
			break;
		case OPT_STYLE: o->style = optarg; break;
		case OPT_LABEL: o->columns.label_column = optarg; break;
		case OPT_CATEGORY: o->columns.category_column = optarg; break;
		case OPT_LEGEND_TITLE: o->legend_title = optarg; break;
		case OPT_PROVINCES: o->provinces = optarg; break;
		case OPT_PROVINCE_NAME: o->province_name = optarg; break;
		case OPT_TITLE: o->title = optarg; break;
		case OPT_SUBTITLE: o->subtitle = optarg; break;
		case OPT_SOURCE: o->source = optarg; break;
		case OPT_MANIFEST: o->manifest = optarg; break;
		case OPT_STRICT: o->strict = 1; break;
		case OPT_TIMINGS: o->timings = 1; break;
		case OPT_PLAIN: o->plain = 1; break;
		case OPT_LOCATOR: o->locator = 1; break;
		case OPT_OUT_DIR: o->out_dir = optarg; break;
		case OPT_COUNTRIES: o->countries = optarg; break;
		case OPT_FORMAT: o->formats = optarg; break;
		case OPT_MANIFEST_FLAG: o->manifest_flag = 1; break;
		case 'j': o->jobs = optarg; break;
		case OPT_INSET:
			if (strcmp(optarg, "auto") == 0) {
				o->inset_auto = 1;
			} else if (o->ninsets < sizeof(o->insets) / sizeof(o->insets[0])) {
				o->insets[o->ninsets++] = optarg;
			} else {
				fprintf(stderr, "hotmap %s: at most 4 --inset\n", cmdname);
				return 2;
			}
			break;
		case 'q': o->quiet = 1; break;
		case 'w': o->watch = 1; break;
		case 'v': o->verbose = 1; break;
		case 'h': o->help = 1; break;
		case ':':
			fprintf(stderr, "hotmap %s: %s needs a value\n", cmdname, argv[optind - 1]);
			return 2;
		default:
			fprintf(stderr,
				"hotmap %s: unknown option \"%s\" (see hotmap "
				"%s --help)\n",
				cmdname, argv[optind - 1], cmdname);
			return 2;
		}
	}
	if (o->help)
		return 0;
	if (optind < argc)
		o->input = argv[optind++];
	if (optind < argc) {
		fprintf(stderr,
			"hotmap %s: one %s only (got \"%s\" and "
			"\"%s\")\n",
			cmdname, cmd == CMD_BUILD ? "SPEC.ini" : "SITES.csv", o->input,
			argv[optind]);
		return 2;
	}
	o->columns.strict = o->strict;
	if (!o->input) {
		fprintf(stderr, "hotmap %s: no %s given\n", cmdname,
			cmd == CMD_BUILD ? "SPEC.ini" : "SITES.csv");
		cli_usage(stderr, cmd, cmdname);
		return 2;
	}
	return 0;
}

void cli_free(cli_opts *o)
{
	free(o->outputs);
	o->outputs = NULL;
}
