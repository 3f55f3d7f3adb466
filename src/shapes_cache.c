/* The session cache: each shapefile read once, whole and lazy, for batches
 * and watch sessions, whose maps then clip from memory. */
#include "shapes_priv.h"

#include "context.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct hm_shapes_cache {
	pthread_mutex_t lock;
	struct {
		char *path;
		hm_layer *layer;
	} e[16];
	size_t n, reads;
};

hm_shapes_cache *hm_shapes_cache_new(void)
{
	hm_shapes_cache *c = calloc(1, sizeof(*c));

	if (c && pthread_mutex_init(&c->lock, NULL) != 0) {
		free(c);
		return NULL;
	}
	return c;
}

/* Read path into a new entry of c (locked). */
static int cache_add(const hm_layer **out, hm_ctx *ctx, hm_shapes_cache *c, const char *path)
{
	hm_layer *L = NULL;
	int rc;

	if (c->n == sizeof(c->e) / sizeof(c->e[0]))
		return hm_error(ctx, HM_EUSAGE, "%s: too many shapefiles in one session", path);
	rc = hm_layer_load_lazy(&L, ctx, path);
	if (rc < 0)
		return rc;
	c->e[c->n].path = hm_strdup(path);
	if (!c->e[c->n].path) {
		hm_layer_free(L);
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	}
	c->e[c->n].layer = L;
	c->n++;
	c->reads++;
	*out = L;
	return HM_OK;
}

int hm_shapes_cache_get(const hm_layer **out, hm_ctx *ctx, hm_shapes_cache *c, const char *path)
{
	int rc = HM_OK;

	*out = NULL;
	pthread_mutex_lock(&c->lock);
	for (size_t i = 0; i < c->n && !*out; i++)
		if (strcmp(c->e[i].path, path) == 0)
			*out = c->e[i].layer;
	if (!*out)
		rc = cache_add(out, ctx, c, path);
	pthread_mutex_unlock(&c->lock);
	return rc;
}

size_t hm_shapes_cache_reads(const hm_shapes_cache *c)
{
	return c->reads;
}

void hm_shapes_cache_free(hm_shapes_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->e[i].path);
		hm_layer_free(c->e[i].layer);
	}
	pthread_mutex_destroy(&c->lock);
	free(c);
}
