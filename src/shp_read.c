/* Reading a shapefile's records. Records outside the map are skipped by
 * reading only their header, found through the .shx index; shapelib's
 * public API reads whole records only, and the record of the United States
 * (its box spans the world) costs milliseconds to read. */
#include "shp_read.h"

#include "context.h"
#include "shapes_priv.h"
#include "shp_geos.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* shapelib's hooks take no user data, so they find the load they serve
 * through this pointer. It holds no buffer: hm_shp_io_begin points it at
 * the hm_shp_io of one load call (on that call's stack or in its load
 * object) and hm_shp_io_end puts back what it was, so it never outlives
 * that call. A thread outside a load (a pool thread reading records, a
 * lazy layer's later reads) sees NULL and its shapelib messages are
 * dropped: what cannot be read is counted and reported by the caller. */
static _Thread_local hm_shp_io *current_io;

static void shp_error(const char *msg)
{
	if (current_io)
		snprintf(current_io->errmsg, sizeof(current_io->errmsg), "%s", msg);
}

/* In-memory files for hm_layer_load_buffers. */
typedef struct {
	const unsigned char *buf;
	size_t len, pos;
} memfile;

static SAFile mem_open(const char *name, const char *access)
{
	static const char *const ext[4] = {".shp", ".shx", ".dbf", ".cpg"};
	size_t n = strlen(name);
	memfile *m;

	if (access[0] != 'r' || n < 4 || !current_io)
		return NULL;
	for (int k = 0; k < 4; k++) {
		if (strcasecmp(name + n - 4, ext[k]) != 0 || !current_io->mem[k])
			continue;
		m = calloc(1, sizeof(*m));
		if (!m)
			return NULL;
		m->buf = current_io->mem[k];
		m->len = current_io->mem_len[k];
		return (SAFile)m;
	}
	return NULL;
}

static SAOffset mem_read(void *p, SAOffset size, SAOffset nmemb, SAFile f)
{
	memfile *m = (memfile *)f;
	size_t want, avail;

	if (size == 0)
		return 0;
	avail = m->pos < m->len ? m->len - m->pos : 0;
	want = (size_t)nmemb;
	if (want > avail / (size_t)size)
		want = avail / (size_t)size;
	memcpy(p, m->buf + m->pos, want * (size_t)size);
	m->pos += want * (size_t)size;
	return (SAOffset)want;
}

static SAOffset mem_write(void *p, SAOffset size, SAOffset nmemb, SAFile f)
{
	(void)p, (void)size, (void)nmemb, (void)f;
	return 0;
}

static SAOffset mem_seek(SAFile f, SAOffset off, int whence)
{
	memfile *m = (memfile *)f;
	size_t base = whence == SEEK_CUR ? m->pos : whence == SEEK_END ? m->len : 0;

	m->pos = base + (size_t)off;
	return 0;
}

static SAOffset mem_tell(SAFile f)
{
	return (SAOffset)((memfile *)f)->pos;
}

static int mem_flush(SAFile f)
{
	(void)f;
	return 0;
}

static int mem_close(SAFile f)
{
	free(f);
	return 0;
}

static int mem_remove(const char *name)
{
	(void)name;
	return -1;
}

void hm_shp_io_begin(hm_shp_io *io, SAHooks *hooks)
{
	io->errmsg[0] = '\0';
	io->outer = current_io;
	current_io = io;
	hooks->Error = shp_error;
	if (!io->mem[0])
		return;
	hooks->FOpen = mem_open;
	hooks->FRead = mem_read;
	hooks->FWrite = mem_write;
	hooks->FSeek = mem_seek;
	hooks->FTell = mem_tell;
	hooks->FFlush = mem_flush;
	hooks->FClose = mem_close;
	hooks->Remove = mem_remove;
}

void hm_shp_io_end(hm_shp_io *io)
{
	current_io = io->outer;
	io->outer = NULL;
}

static uint32_t be32(const unsigned char *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | (uint32_t)b[3];
}

static uint32_t le32(const unsigned char *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static double le64d(const unsigned char *b)
{
	uint64_t u = 0;
	double d;

	for (int i = 7; i >= 0; i--)
		u = u << 8 | b[i];
	memcpy(&d, &u, sizeof(d));
	return d;
}

int hm_shp_header_type(const SAHooks *hooks, const char *shp, int *type, const char **why)
{
	unsigned char hdr[100];
	SAFile f = hooks->FOpen(shp, "rb");
	size_t got = f ? (size_t)hooks->FRead(hdr, 1, sizeof(hdr), f) : 0;

	if (f)
		hooks->FClose(f);
	if (got < sizeof(hdr)) {
		*why = "shorter than its header";
		return -1;
	}
	if (hdr[0] || hdr[1] || hdr[2] != 0x27 || hdr[3] != 0x0A) {
		*why = "wrong file code";
		return -1;
	}
	*type = (int)le32(hdr + 32);
	return 0;
}

/* The size of an open file, 0 when it cannot be told. */
static uint64_t file_size(const SAHooks *hooks, SAFile f)
{
	SAOffset end;

	if (hooks->FSeek(f, 0, SEEK_END) != 0)
		return 0;
	end = hooks->FTell(f);
	return end == (SAOffset)-1 ? 0 : (uint64_t)end;
}

int hm_shp_boxes_open(hm_shp_boxes *b, const SAHooks *hooks, const char *shp, const char *shx,
		      int n)
{
	size_t need = n > 0 ? (size_t)n * 8 : 0;
	SAFile x;
	int ok;

	memset(b, 0, sizeof(*b));
	b->hooks = hooks;
	b->n = n > 0 ? n : 0;
	b->shp = hooks->FOpen(shp, "rb");
	if (!b->shp)
		return -1;
	b->shp_size = file_size(hooks, b->shp);
	x = hooks->FOpen(shx, "rb");
	if (!x)
		return -1;
	b->index = malloc(need ? need : 1);
	ok = b->index && file_size(hooks, x) >= 100 + (uint64_t)need &&
	     hooks->FSeek(x, 100, SEEK_SET) == 0 &&
	     (need == 0 || (size_t)hooks->FRead(b->index, 1, need, x) == need);
	hooks->FClose(x);
	return ok ? 0 : -1;
}

int hm_shp_boxes_get(hm_shp_boxes *b, int i, double box[4])
{
	const unsigned char *e;
	uint64_t len, at;
	unsigned char r[36];
	uint32_t type;

	if (i < 0 || i >= b->n)
		return -1;
	/* a record: 8 bytes of header, then its content (length excludes it):
	 * type, then x, y of a point or the box of anything else */
	e = b->index + 8 * (size_t)i;
	len = (uint64_t)be32(e + 4) * 2;
	at = (uint64_t)be32(e) * 2 + 8;
	if (len < 4 || at + 4 > b->shp_size ||
	    b->hooks->FSeek(b->shp, (SAOffset)at, SEEK_SET) != 0 ||
	    b->hooks->FRead(r, 1, 4, b->shp) != 4)
		return -1;
	type = le32(r);
	if (type == SHPT_NULL)
		return SHPT_NULL;
	if (type == SHPT_POINT || type == SHPT_POINTZ || type == SHPT_POINTM) {
		if (at + 20 > b->shp_size || b->hooks->FRead(r + 4, 1, 16, b->shp) != 16)
			return -1;
		box[0] = box[2] = le64d(r + 4);
		box[1] = box[3] = le64d(r + 12);
		return (int)type;
	}
	if (len < 36 || at + 36 > b->shp_size || b->hooks->FRead(r + 4, 1, 32, b->shp) != 32)
		return -1;
	for (int k = 0; k < 4; k++)
		box[k] = le64d(r + 4 + 8 * k);
	return (int)type;
}

void hm_shp_boxes_close(hm_shp_boxes *b)
{
	if (b->shp)
		b->hooks->FClose(b->shp);
	free(b->index);
	memset(b, 0, sizeof(*b));
}

GEOSGeometry *hm_shp_read_record(GEOSContextHandle_t g, hm_ctx *ctx, const hm_shp_src *src,
				 SHPHandle h, int i, const double box[4], int *unreadable)
{
	SHPObject *o = SHPReadObject(h, i);
	GEOSGeometry *gm, *clipped;
	const char *why;

	if (!o) {
		(*unreadable)++;
		return NULL;
	}
	why = hm_shp_check(o);
	if (why) {
		hm_log(ctx, HM_LOG_WARN, "%s: record %d: %s; skipped", src->shp, i + 1, why);
		SHPDestroyObject(o);
		return NULL;
	}
	gm = hm_shp_to_geos(g, o, src->polygons, src->rects, src->nr);
	SHPDestroyObject(o);
	if (!gm)
		return NULL;
	/* wholly inside one rectangle (most records): no clip, no copy */
	for (int k = 0; k < src->nr; k++)
		if (hm_box_within(box, src->rects[k]))
			return gm;
	clipped = hm_geom_clip(g, gm, src->rects, src->nr, box);
	GEOSGeom_destroy_r(g, gm);
	return clipped;
}

/* Reading the records that meet the map (SHPReadObject, GEOS geometry,
 * clipping) is most of the shape stage, and records are independent: the
 * context's threads take them one at a time, each through its own handle
 * on the files (a shapelib handle reads through one buffer), and each
 * writes only its records' slots. */
typedef struct {
	const hm_shp_src *src;
	hm_ctx *ctx;
	const int *rec; /* candidate records */
	const double (*box)[4];
	const size_t *order; /* the candidates, largest record first */
	GEOSGeometry **geom; /* out: one per candidate, NULL when none */
	unsigned char *done; /* out: 1 where the candidate was read */
	size_t n;
	atomic_size_t next;
	atomic_int unreadable;
} read_job;

typedef struct {
	read_job *job;
	int first; /* runs on the caller's thread, with its handle */
} read_task;

static void read_run(void *arg, hm_worker *w)
{
	read_task *t = arg;
	read_job *J = t->job;
	SHPHandle h = t->first ? J->src->h : NULL;
	GEOSContextHandle_t g = NULL;
	int unreadable = 0;

	for (;;) {
		size_t k = atomic_fetch_add(&J->next, 1);
		if (k >= J->n)
			break;
		k = J->order[k];
		/* a thread that cannot open the files or start GEOS leaves
		 * the rest to the caller (see hm_shp_read_records) */
		if ((!h && !(h = SHPOpenLL(J->src->shp, "rb", J->src->hooks))) ||
		    (!g && !(g = hm_geos_new())))
			break;
		J->geom[k] =
			hm_shp_read_record(g, J->ctx, J->src, h, J->rec[k], J->box[k], &unreadable);
		J->done[k] = 1;
	}
	if (h && !t->first)
		SHPClose(h);
	if (g)
		GEOS_finish_r(g); /* its geometries are plain data, kept */
	atomic_fetch_add(&J->unreadable, unreadable);
	(void)w;
}

typedef struct {
	double area; /* of the record's box */
	size_t k;
} by_box;

static int by_box_area(const void *a, const void *b)
{
	const by_box *x = a, *y = b;

	if (x->area != y->area)
		return x->area < y->area ? 1 : -1;
	return x->k < y->k ? -1 : 1;
}

/* The candidates, the widest records first (the United States, Russia,
 * Indonesia's islands, ...), so that no thread ends on a big one alone;
 * the box is all that is known of a record before it is read. NULL when
 * out of memory. */
static size_t *widest_first(const double (*box)[4], size_t n)
{
	size_t *order = malloc(n * sizeof(*order));
	by_box *bb = order ? malloc(n * sizeof(*bb)) : NULL;

	for (size_t k = 0; bb && k < n; k++)
		bb[k] = (by_box){(box[k][2] - box[k][0]) * (box[k][3] - box[k][1]), k};
	if (bb)
		qsort(bb, n, sizeof(*bb), by_box_area);
	for (size_t k = 0; order && k < n; k++)
		order[k] = bb ? bb[k].k : k;
	free(bb);
	return order;
}

/* Memory hooks find their buffers through the calling thread's load (see
 * current_io), so such a load stays on the caller's thread. */
static void read_parallel(read_job *J, int nt)
{
	read_task tasks[HM_MAX_THREADS];
	void *args[HM_MAX_THREADS];
	size_t *order;

	nt = nt > HM_MAX_THREADS ? HM_MAX_THREADS : nt;
	if (nt < 2 || !(order = widest_first(J->box, J->n)))
		return;
	J->order = order;
	for (int k = 0; k < nt; k++) {
		tasks[k] = (read_task){J, k == 0};
		args[k] = &tasks[k];
	}
	hm_ctx_run(J->ctx, read_run, args, nt);
	J->order = NULL;
	free(order);
}

int hm_shp_read_records(hm_ctx *ctx, const hm_shp_src *src, GEOSContextHandle_t g, const int *rec,
			const double (*box)[4], GEOSGeometry **geom, unsigned char *done, size_t n)
{
	read_job J = {src, ctx, rec, box, NULL, geom, done, n, 0, 0};
	int unreadable;

	if (src->any_thread && n >= 4 && ctx)
		read_parallel(&J, hm_ctx_threads(ctx));
	unreadable = atomic_load(&J.unreadable);
	/* what no thread read (none could, or one failed), on this one */
	for (size_t k = 0; k < n; k++)
		if (!done[k])
			geom[k] = hm_shp_read_record(g, ctx, src, src->h, rec[k], box[k],
						     &unreadable);
	return unreadable;
}
