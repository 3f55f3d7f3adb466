/* Files the user gets are written to a temp file in the same folder and
 * renamed into place, so that no reader ever sees half a map and a failed
 * run leaves the previous output as it was. */
#ifndef HM_OUTPUT_H
#define HM_OUTPUT_H

#include "hotmap/common.h"

#include <stdio.h>

typedef struct {
	char *path; /* final name */
	char *tmp;  /* temp file next to it, NULL once renamed or removed */
	FILE *f;    /* open (and locked) until committed or discarded */
	int done;   /* finished: flushed and synced */
} hm_out;

/* Create the temp file for path; o->f is open for writing. */
int hm_out_open(hm_out *o, hm_ctx *ctx, const char *path);
/* Flush, sync and close the temp file, checking every step. */
int hm_out_finish(hm_out *o, hm_ctx *ctx);
/* Rename the finished temp file over the final name. */
int hm_out_commit(hm_out *o, hm_ctx *ctx);
/* Close and remove the temp file; the final name is untouched. */
void hm_out_discard(hm_out *o);

/* Write a whole buffer atomically to path. */
int hm_out_write_all(hm_ctx *ctx, const char *path, const void *buf, size_t len);

#endif
