#include "output.h"

#include "context.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Temp files of runs that were killed: ".NAME.hotmap-PID-XXXXXX" that no
 * process holds. A writer keeps an exclusive flock on its temp file until it
 * is renamed or removed, and the kernel drops the lock when the process dies,
 * so a lock we can take marks an orphan (PIDs are reused: no test on them). */
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
		char full[4096 + 256];
		int fd;
		if (strncmp(e->d_name, prefix, strlen(prefix)) != 0)
			continue;
		snprintf(full, sizeof(full), "%s/%s", dir, e->d_name);
		fd = open(full, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
		if (fd < 0)
			continue;
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			unlink(full);
		close(fd);
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
		return hm_error(ctx, HM_EIO, "%s: cannot write: %s", path, strerror(e));
	}
	(void)fchmod(fd, 0644);
	/* held until the file is renamed or removed: see remove_stale() */
	(void)flock(fd, LOCK_EX | LOCK_NB);
	o->f = fdopen(fd, "wb");
	if (!o->f) {
		close(fd);
		hm_out_discard(o);
		return hm_error(ctx, HM_EIO, "%s: cannot write: %s", path, strerror(errno));
	}
	return HM_OK;
}

int hm_out_finish(hm_out *o, hm_ctx *ctx)
{
	int bad = 0, e = 0;

	if (!o->f || o->done)
		return HM_OK;
	if (fflush(o->f) != 0 || ferror(o->f))
		bad = 1, e = errno;
	if (!bad && fsync(fileno(o->f)) != 0)
		bad = 1, e = errno;
	/* the file stays open, and locked, until it is renamed or removed */
	o->done = !bad;
	if (bad)
		return hm_error(ctx, HM_EIO, "%s: write failed: %s", o->path,
				strerror(e ? e : EIO));
	return HM_OK;
}

int hm_out_commit(hm_out *o, hm_ctx *ctx)
{
	if (rename(o->tmp, o->path) != 0)
		return hm_error(ctx, HM_EIO, "%s: cannot replace: %s", o->path, strerror(errno));
	free(o->tmp);
	o->tmp = NULL;
	if (o->f) {
		fclose(o->f);
		o->f = NULL;
	}
	return HM_OK;
}

void hm_out_discard(hm_out *o)
{
	if (o->tmp)
		unlink(o->tmp);
	if (o->f)
		fclose(o->f);
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
		rc = hm_error(ctx, HM_EIO, "%s: write failed: %s", path, strerror(errno));
		goto cleanup;
	}
	rc = hm_out_finish(&o, ctx);
	if (rc == 0)
		rc = hm_out_commit(&o, ctx);
cleanup:
	hm_out_discard(&o);
	return rc;
}
