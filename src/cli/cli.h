/* The command-line front end: option table, parsed options, commands. */
#ifndef HM_CLI_H
#define HM_CLI_H

#include <hotmap.h>

#include <stdio.h>

enum { CMD_RENDER = 1, CMD_CHECK = 2, CMD_BATCH = 4, CMD_BUILD = 8 };

typedef struct {
	const char **outputs;
	size_t noutputs;
	const char *extent, *proj, *size, *dpi, *shapes, *max_value;
	const char *title, *subtitle, *source, *manifest, *style, *legend_title;
	const char *provinces, *province_name;
	const char *aggregate, *r_max, *labels, *cluster, *mode, *cell, *palette, *bandwidth;
	hm_sites_opts columns;
	int strict, quiet, verbose, help, timings, plain, locator, inset_auto, dorling;
	int watch; /* build --watch */
	const char *insets[4];
	size_t ninsets;
	hm_bbox extent_box, inset_boxes[4];
	const char *out_dir, *formats, *jobs, *countries;
	int svg_text_outline; /* --svg-text outline */
	int manifest_flag;    /* batch: --manifest without a file */
	int rows_always;      /* print bad-row warnings even with --quiet */
	const char *input;
} cli_opts;

/* Parse argv for a command; returns 0, or 2 after printing a message. */
int cli_parse(cli_opts *o, int cmd, const char *cmdname, int argc, char **argv);
void cli_free(cli_opts *o);
void cli_usage(FILE *f, int cmd, const char *cmdname);
/* Print an error from ctx and return the exit status for it. */
int cli_fail(hm_ctx *ctx);
/* The library names values in its messages ("extent \"1,2\": ..."); the
 * program names the option that gave them. If ctx's message starts with
 * word, the word becomes option ("--extent \"1,2\": ..."); returns the
 * error code. */
int cli_option_error(hm_ctx *ctx, const char *word, const char *option);
/* cli_fail for an error of hm_map_new or hm_batch_run: the CRS, size, dpi
 * or country named by --proj, --size, --dpi or --countries. */
int cli_fail_map(hm_ctx *ctx, const cli_opts *o);
/* Log callback printing to stderr according to quiet/verbose. */
void cli_log(void *ud, hm_log_level level, const char *msg);
/* Load the input CSV with the column options; prints the summary. */
int cli_load_sites(hm_sites **out, hm_ctx *ctx, const cli_opts *o);

/* Turn the render options into map options (style read into *style);
 * returns 0 or the error code, the message in ctx. */
int cli_map_opts(hm_map_opts *mo, hm_style *style, hm_ctx *ctx, cli_opts *o);
/* The folder of the shipped shapes for this program, NULL for the library's
 * default (see common.c). */
const char *cli_shapes_dir(void);

/* Make hotmap's own short fontconfig configuration current for the process
 * (unless FONTCONFIG_FILE or FONTCONFIG_PATH is set); call once, before
 * anything is drawn or measured. */
void cli_fonts_setup(void);

int cmd_render(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_check(int argc, char **argv);

#endif
