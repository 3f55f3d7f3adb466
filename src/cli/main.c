/* hotmap: the command-line tool. Dispatches to one cmd_*.c per command and
 * uses only the public library API. */
#include "cli.h"

#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

typedef struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} command;

static const command commands[] = {
	{"render", cmd_render, "draw a map of the sites in a CSV (PNG, SVG, PDF)"},
	{"batch", cmd_batch, "one map per country, on one scale, with an index.html"},
	{"build", cmd_build, "render what a spec file names and is out of date (--watch)"},
	{"check", cmd_check, "load a CSV and report every problem; draw nothing"},
};

static void usage(FILE *f)
{
	fprintf(f, "usage: hotmap COMMAND [OPTIONS] ...\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n'hotmap COMMAND --help' lists a command's options.\n");
}

int main(int argc, char **argv)
{
	/* past a file-size limit, write() should fail with EFBIG and be
	 * reported, not kill hotmap halfway through a temp file */
	signal(SIGXFSZ, SIG_IGN);
	/* Keep freed memory for reuse instead of giving each big block back
	 * to the kernel. glibc maps blocks over 128 KiB to 32 MiB (GEOS's and
	 * Cairo's working buffers) one by one and unmaps them when freed; every
	 * unmap stops the other threads' CPUs to flush their TLBs, and faults
	 * wait on the address-space lock: generalisation took 10 ms instead of
	 * 4 while another thread placed country labels. With these, 4 and 5 ms
	 * side by side, and the example map's peak memory grows by ~5 MiB. */
	mallopt(M_MMAP_THRESHOLD, 64 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
		printf("hotmap %s%s%s%s\n", hm_version(), HOTMAP_BUILD_ID[0] ? " (git " : "",
		       HOTMAP_BUILD_ID, HOTMAP_BUILD_ID[0] ? ")" : "");
		return 0;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(argv[1], commands[i].name) == 0) {
			int status;
			cli_fonts_setup(); /* the library uses the program's fonts */
			status = commands[i].run(argc - 1, argv + 1);
			hm_shutdown();
			return status;
		}
	}
	fprintf(stderr, "hotmap: unknown command \"%s\"\n", argv[1]);
	usage(stderr);
	return 2;
}
