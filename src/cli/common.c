/* What every command shares: messages, exit codes, loading the CSV. */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void cli_log(void *ud, hm_log_level level, const char *msg)
{
	const cli_opts *o = ud;

	if (level == HM_LOG_INFO && !o->verbose)
		return;
	if (level == HM_LOG_WARN && o->quiet && !o->rows_always)
		return;
	fprintf(stderr, "hotmap: %s\n", msg);
}

int cli_fail(hm_ctx *ctx)
{
	int code = hm_ctx_errcode(ctx);

	fprintf(stderr, "hotmap: %s\n", hm_ctx_errmsg(ctx));
	return (code == HM_EUSAGE || code == HM_EDATA) ? 2 : 1;
}

int cli_option_error(hm_ctx *ctx, const char *word, const char *option)
{
	const char *msg = hm_ctx_errmsg(ctx);
	size_t n = strlen(word);
	int code = hm_ctx_errcode(ctx);
	char buf[1200];

	if (strncmp(msg, word, n) == 0 && (msg[n] == ' ' || msg[n] == ':')) {
		snprintf(buf, sizeof(buf), "%s%s", option, msg + n);
		hm_ctx_set_error(ctx, code, "%s", buf);
	}
	return code;
}

int cli_fail_map(hm_ctx *ctx, const cli_opts *o)
{
	if (o->proj)
		cli_option_error(ctx, "CRS", "--proj");
	cli_option_error(ctx, "size", "--size");
	cli_option_error(ctx, "dpi", "--dpi");
	cli_option_error(ctx, "country", "--countries:");
	cli_option_error(ctx, "aggregate sum", "--aggregate sum");
	cli_option_error(ctx, "cell", "--cell");
	cli_option_error(ctx, "bandwidth", "--bandwidth");
	return cli_fail(ctx);
}

/* A column that the header lacks: the option that names it. */
static void column_hint(hm_ctx *ctx)
{
	static const char *const cols[][2] = {
		{"latitude", "--lat"}, {"longitude", "--lon"}, {"value", "--value"}};
	const char *msg = hm_ctx_errmsg(ctx);
	char what[32];

	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		snprintf(what, sizeof(what), ": no %s column (", cols[i][0]);
		if (strstr(msg, what)) {
			char buf[1200];
			snprintf(buf, sizeof(buf), "%s; name it with %s COLUMN", msg, cols[i][1]);
			hm_ctx_set_error(ctx, hm_ctx_errcode(ctx), "%s", buf);
			return;
		}
	}
}

int cli_load_sites(hm_sites **out, hm_ctx *ctx, const cli_opts *o)
{
	int rc = hm_sites_load(out, ctx, o->input, &o->columns);

	if (rc < 0) {
		column_hint(ctx);
		return rc;
	}
	if (!o->quiet || o->verbose)
		fprintf(stderr, "hotmap: %s: %zu site%s loaded, %zu row%s skipped\n", o->input,
			(*out)->count, (*out)->count == 1 ? "" : "s", (*out)->skipped,
			(*out)->skipped == 1 ? "" : "s");
	return 0;
}

static int parse_size(const char *s, int *w, int *h)
{
	char *end;
	long a, b;

	errno = 0;
	a = strtol(s, &end, 10);
	if (end == s || (*end != 'x' && *end != 'X'))
		return -1;
	s = end + 1;
	b = strtol(s, &end, 10);
	if (end == s || *end || errno || a <= 0 || b <= 0 || a > 1000000 || b > 1000000)
		return -1;
	*w = (int)a;
	*h = (int)b;
	return 0;
}

static int parse_positive(const char *s, double *v)
{
	char *end;

	*v = strtod(s, &end);
	return (end == s || *end || !isfinite(*v) || *v <= 0) ? -1 : 0;
}

/* --labels: N > 0, all or none. */
static int parse_labels(const char *s, long *v)
{
	char *end;

	if (strcmp(s, "all") == 0)
		return *v = HM_LABELS_ALL, 0;
	if (strcmp(s, "none") == 0 || strcmp(s, "0") == 0)
		return *v = HM_LABELS_NONE, 0;
	errno = 0;
	*v = strtol(s, &end, 10);
	return (end == s || *end || errno || *v <= 0) ? -1 : 0;
}

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The folder of the shipped shapes, NULL for the library's default (the
 * installed datadir, or $HOTMAP_DATA_DIR, or $HOTMAP_SHAPES_DIR, which then
 * win). A program run from elsewhere than its prefix finds those of its own
 * prefix (<bin>/../share/hotmap/shapes); run from its build tree, those of
 * the source tree. */
const char *cli_shapes_dir(void)
{
	static char dir[PATH_MAX];
	char exe[PATH_MAX], cand[PATH_MAX + 64];
	ssize_t n;
	char *slash;

	if (getenv("HOTMAP_DATA_DIR") || getenv("HOTMAP_SHAPES_DIR"))
		return NULL;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	snprintf(cand, sizeof(cand), "%s/%s/shapes", exe, HOTMAP_DATA_FROM_BIN);
	if (is_dir(cand) && realpath(cand, dir))
		return dir;
	if (strcmp(exe, HOTMAP_BUILD_DIR) == 0)
		return HOTMAP_SOURCE_DIR "/shapes";
	return NULL;
}

int cli_map_opts(hm_map_opts *mo, hm_style *style, hm_ctx *ctx, cli_opts *o)
{
	hm_map_opts init = HM_MAP_OPTS_INIT;

	*mo = init;
	if (o->proj && !*o->proj)
		return hm_ctx_set_error(ctx, HM_EUSAGE, "--proj \"\": give a CRS or auto");
	if (o->size && strcmp(o->size, "auto") == 0)
		mo->size_auto = 1;
	else if (o->size && parse_size(o->size, &mo->width, &mo->height) < 0)
		return hm_ctx_set_error(ctx, HM_EUSAGE,
					"--size \"%s\": expected WxH in pixels, e.g. 2400x1800, "
					"or auto",
					o->size);
	if (o->dpi && parse_positive(o->dpi, &mo->dpi) < 0)
		return hm_ctx_set_error(ctx, HM_EUSAGE, "--dpi \"%s\": expected a positive number",
					o->dpi);
	if (o->max_value && parse_positive(o->max_value, &mo->max_value) < 0)
		return hm_ctx_set_error(ctx, HM_EUSAGE,
					"--max-value \"%s\": expected a positive number",
					o->max_value);
	if (o->aggregate && strcmp(o->aggregate, "count") && strcmp(o->aggregate, "sum"))
		return hm_ctx_set_error(ctx, HM_EUSAGE, "--aggregate \"%s\": expected count or sum",
					o->aggregate);
	if (o->aggregate)
		mo->aggregate = o->aggregate[0] == 'c' ? HM_AGGREGATE_COUNT : HM_AGGREGATE_SUM;
	if (o->r_max && (parse_positive(o->r_max, &mo->r_max_mm) < 0 || mo->r_max_mm > 100))
		return hm_ctx_set_error(ctx, HM_EUSAGE,
					"--r-max \"%s\": expected a radius in mm, above 0 and at "
					"most 100",
					o->r_max);
	if (o->cluster && strcmp(o->cluster, "auto") != 0) {
		if (strcmp(o->cluster, "none") == 0)
			mo->cluster_mm = -1;
		else if (parse_positive(o->cluster, &mo->cluster_mm) < 0 || mo->cluster_mm > 100)
			return hm_ctx_set_error(
				ctx, HM_EUSAGE,
				"--cluster \"%s\": expected a distance in mm (above "
				"0, at most 100), auto or none",
				o->cluster);
	}
	if (o->mode) {
		if (strcmp(o->mode, "points") == 0)
			mo->mode = HM_MODE_POINTS;
		else if (strcmp(o->mode, "hexbin") == 0)
			mo->mode = HM_MODE_HEXBIN;
		else if (strcmp(o->mode, "grid") == 0)
			mo->mode = HM_MODE_GRID;
		else if (strcmp(o->mode, "hotspot") == 0)
			mo->mode = HM_MODE_HOTSPOT;
		else if (strcmp(o->mode, "kde") == 0)
			mo->mode = HM_MODE_KDE;
		else
			return hm_ctx_set_error(ctx, HM_EUSAGE,
						"--mode \"%s\": expected points, hexbin, grid, "
						"hotspot or kde",
						o->mode);
	}
	if (o->bandwidth && parse_positive(o->bandwidth, &mo->bandwidth_km) < 0)
		return hm_ctx_set_error(ctx, HM_EUSAGE,
					"--bandwidth \"%s\": expected a distance in km, above 0",
					o->bandwidth);
	if (o->cell && parse_positive(o->cell, &mo->cell_mm) < 0)
		return hm_ctx_set_error(ctx, HM_EUSAGE,
					"--cell \"%s\": expected a size in mm, above 0", o->cell);
	if (o->palette && !hm_map_palette_known(o->palette))
		return hm_ctx_set_error(
			ctx, HM_EUSAGE,
			"--palette \"%s\": expected viridis, magma, cividis or style", o->palette);
	mo->palette = o->palette;
	if (o->labels && parse_labels(o->labels, &mo->labels) < 0)
		return hm_ctx_set_error(ctx, HM_EUSAGE,
					"--labels \"%s\": expected a number of labels, all or none",
					o->labels);
	if (o->extent) {
		if (hm_bbox_parse(&o->extent_box, ctx, o->extent) < 0)
			return cli_option_error(ctx, "extent", "--extent");
		mo->extent = &o->extent_box;
	}
	for (size_t i = 0; i < o->ninsets; i++)
		if (hm_bbox_parse(&o->inset_boxes[i], ctx, o->insets[i]) < 0)
			return hm_ctx_set_error(ctx, HM_EUSAGE,
						"--inset \"%s\": expected W,S,E,N in degrees "
						"or auto",
						o->insets[i]);
	hm_style_init(style);
	/* no --style: the built-in style, which styles/default.ini spells out */
	if (o->style && hm_style_load(style, ctx, o->style) < 0)
		return hm_ctx_errcode(ctx);
	mo->style = style;
	mo->crs = o->proj;
	mo->shapes = o->shapes;
	mo->shapes_dir = cli_shapes_dir();
	mo->title = o->title;
	mo->subtitle = o->subtitle;
	mo->source = o->source;
	mo->legend_title = o->legend_title;
	mo->provinces = o->provinces;
	mo->province_field = o->province_name;
	mo->plain = o->plain;
	mo->dorling = o->dorling;
	mo->insets = o->inset_boxes;
	mo->ninsets = o->ninsets;
	mo->inset_auto = o->inset_auto;
	mo->locator = o->locator;
	return HM_OK;
}
