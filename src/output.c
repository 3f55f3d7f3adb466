#include "output.h"

#include "context.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Temp files of runs that were killed: ".NAME.hotmap-PID-XXXXXX" whose PID
 * no longer runs. They are removed by the next run that writes NAME. */
static void remove_stale(const char *path, size_t dirlen)
{
	char dir[4096], prefix[1024];
	DIR *d;
	struct dirent *e;

	snprintf(dir, sizeof(dir), "%.*s", dirlen ? (int)dirlen : 1, dirlen ? path : ".");
	snprintf(prefix, sizeof(prefix), ".%s.hotmap-", path + dirlen);
	d = opendir(dir);
	if (!d)
		return;
	while ((e = readdir(d))) {
		long pid;
		char *end;
		if (strncmp(e->d_name, prefix, strlen(prefix)) != 0)
			continue;
		pid = strtol(e->d_name + strlen(prefix), &end, 10);
		if (end == e->d_name + strlen(prefix) || *end != '-' || pid <= 0)
			continue;
		if (kill((pid_t)pid, 0) != 0 && errno == ESRCH) {
			char full[4096 + 256];
			snprintf(full, sizeof(full), "%s/%s", dir, e->d_name);
			unlink(full);
		}
	}
	closedir(d);
}

int hm_out_open(hm_out *o, hm_ctx *ctx, const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	size_t n = strlen(path) + 48;
	int fd;

	memset(o, 0, sizeof(*o));
	o->path = hm_strdup(path);
	o->tmp = malloc(n);
	if (!o->path || !o->tmp) {
		hm_out_discard(o);
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	}
	remove_stale(path, dirlen);
	/* a dot file in the same folder: rename() stays on one file system;
	 * the PID lets a later run know when this one is gone */
	snprintf(o->tmp, n, "%.*s.%s.hotmap-%ld-XXXXXX", (int)dirlen, path, path + dirlen,
		 (long)getpid());
	fd = mkstemp(o->tmp);
	if (fd < 0) {
		int e = errno;
		free(o->tmp);
		o->tmp = NULL;
		hm_out_discard(o);
		return hm_error(ctx, HM_EIO, "%s: cannot write: %s", path,
				strerror(e));
	}
	(void)fchmod(fd, 0644);
	o->f = fdopen(fd, "wb");
	if (!o->f) {
		close(fd);
		hm_out_discard(o);
		return hm_error(ctx, HM_EIO, "%s: cannot write: %s", path,
				strerror(errno));
	}
	return HM_OK;
}

int hm_out_finish(hm_out *o, hm_ctx *ctx)
{
	int bad = 0, e = 0;

	if (!o->f)
		return HM_OK;
	if (fflush(o->f) != 0 || ferror(o->f))
		bad = 1, e = errno;
	if (!bad && fsync(fileno(o->f)) != 0)
		bad = 1, e = errno;
	if (fclose(o->f) != 0 && !bad)
		bad = 1, e = errno;
	o->f = NULL;
	if (bad)
		return hm_error(ctx, HM_EIO, "%s: write failed: %s", o->path,
				strerror(e ? e : EIO));
	return HM_OK;
}

int hm_out_commit(hm_out *o, hm_ctx *ctx)
{
	if (rename(o->tmp, o->path) != 0)
		return hm_error(ctx, HM_EIO, "%s: cannot replace: %s", o->path,
				strerror(errno));
	free(o->tmp);
	o->tmp = NULL;
	return HM_OK;
}

void hm_out_discard(hm_out *o)
{
	if (o->f)
		fclose(o->f);
	if (o->tmp)
		unlink(o->tmp);
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof(*o));
}

int hm_out_write_all(hm_ctx *ctx, const char *path, const void *buf, size_t len)
{
	hm_out o;
	int rc = hm_out_open(&o, ctx, path);

	if (rc < 0)
		return rc;
	if (fwrite(buf, 1, len, o.f) != len) {
		rc = hm_error(ctx, HM_EIO, "%s: write failed: %s", path,
			      strerror(errno));
		goto cleanup;
	}
	rc = hm_out_finish(&o, ctx);
	if (rc == 0)
		rc = hm_out_commit(&o, ctx);
cleanup:
	hm_out_discard(&o);
	return rc;
}
