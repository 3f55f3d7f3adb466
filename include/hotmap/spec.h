/* Spec files for `hotmap build`: INI (inih), one [map NAME] or [batch NAME]
 * section per output, keys named as the long command-line options, paths
 * relative to the spec file. This module parses and checks them; the build
 * command decides what is out of date and renders it. */
#ifndef HOTMAP_SPEC_H
#define HOTMAP_SPEC_H

#include "hotmap/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Section kinds. */
typedef enum { HM_SPEC_MAP = 1, HM_SPEC_BATCH = 2 } hm_spec_kind;

/** One key of a section; path values are already resolved against the
 * spec's folder. Read-only for callers. Stable: fields may be added only at
 * the end, with a new SOVERSION (sections hold arrays of them). */
typedef struct {
	char *key;
	char *value;
	int line;
} hm_spec_entry;

/** One [map NAME] or [batch NAME] section; read-only for callers. Stable:
 * fields may be added only at the end, with a new SOVERSION (hm_spec holds
 * an array of them). */
typedef struct {
	hm_spec_kind kind;
	char *name;
	int line;
	hm_spec_entry *entries;
	size_t n;
} hm_spec_section;

/** A parsed spec, made by hm_spec_load; read-only for callers. Stable:
 * fields may be added only at the end. */
typedef struct {
	char *path; /**< the spec file ("<buffer>" for buffers) */
	char *dir;  /**< its folder, against which paths were resolved */
	hm_spec_section *sections;
	size_t n;
} hm_spec;

/** Read and check a spec file. Unknown sections or keys, a missing
 * `sites`, `output` (map) or `out-dir` (batch), repeated keys or section
 * names are errors naming file and line. @return 0, HM_EDATA, HM_EIO */
HM_EXTERN int hm_spec_load(hm_spec **out, hm_ctx *ctx, const char *path);

/** As hm_spec_load from text; name for messages, dir for relative paths. */
HM_EXTERN int hm_spec_load_buffer(hm_spec **out, hm_ctx *ctx, const char *text, const char *name,
				  const char *dir);

/** @return the value of key in a section, NULL if absent. */
HM_EXTERN const char *hm_spec_get(const hm_spec_section *s, const char *key);

/** @return 1 if the key names a file (resolved against the spec's folder). */
HM_EXTERN int hm_spec_key_is_path(const char *key);

/** Free; NULL is a no-op. */
HM_EXTERN void hm_spec_free(hm_spec *spec);

#ifdef __cplusplus
}
#endif
#endif
