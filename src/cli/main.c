/* hotmap: the command-line tool. Dispatches to one cmd_*.c per command and
 * uses only the public library API. */
#include "cli.h"

#include <malloc.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

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

/* The heap on transparent huge pages. On the virtual machines hotmap is
 * measured on, the first touch of a 4 KiB page costs some 10 us (42 ms for
 * 16 MiB; a 2 MiB page, when the kernel has one, 1 ms for the same): the
 * example map's 1,600 page faults beyond start-up were a sixth of its CPU
 * time. glibc can ask for huge pages itself (tunable glibc.malloc.hugetlb),
 * but reads that only from the environment at start. So the heap is grown
 * once by 24 MiB here (malloc and free of one block, kept by the trim
 * threshold below) and that span is marked MADV_HUGEPAGE; where the kernel
 * has no huge page to give, or none at all, the pages stay small, as
 * before. Threads' own arenas are left as they are. */
static void heap_on_huge_pages(void)
{
	const uintptr_t huge = (uintptr_t)2 << 20;
	uintptr_t a = (uintptr_t)sbrk(0), b;
	char *volatile block = malloc(24 << 20);

	b = (uintptr_t)sbrk(0);
	free(block);
	a = (a + huge - 1) & ~(huge - 1);
	b &= ~(huge - 1);
	if (block && b > a)
		(void)madvise((void *)a, b - a, MADV_HUGEPAGE);
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
	 * wait on the address-space lock. 32 MiB is the most glibc takes on a
	 * 64-bit machine (it refused the 64 MiB asked here before, and its
	 * threshold stayed dynamic); blocks below it come from the heap. */
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	heap_on_huge_pages();
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
