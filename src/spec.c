/* Spec parsing. inih reads the INI; a line-counting reader gives messages
 * their line, as for styles. */
#include "hotmap/spec.h"

#include "context.h"
#include "util.h"

#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* key, and where it is allowed: 1 map, 2 batch, 3 both */
static const struct {
	const char *key;
	int kinds;
	int path;
} keys[] = {
	{"sites", 3, 1},    {"style", 3, 1},	    {"shapes", 3, 1},	     {"proj", 3, 0},
	{"size", 3, 0},	    {"dpi", 3, 0},	    {"name", 3, 0},	     {"lat", 3, 0},
	{"lon", 3, 0},	    {"value", 3, 0},	    {"country", 3, 0},	     {"label", 3, 0},
	{"category", 3, 0}, {"max-value", 3, 0},    {"title", 3, 0},	     {"subtitle", 3, 0},
	{"source", 3, 0},   {"legend-title", 3, 0}, {"strict", 3, 0},	     {"plain", 3, 0},
	{"inset", 3, 0},    {"locator", 3, 0},	    {"output", 1, 1},	     {"extent", 1, 0},
	{"manifest", 3, 0}, {"out-dir", 2, 1},	    {"countries", 2, 0},     {"format", 2, 0},
	{"jobs", 2, 0},	    {"provinces", 3, 1},    {"province-name", 3, 0}, {"aggregate", 3, 0},
	{"r-max", 3, 0},    {"labels", 3, 0},	    {"cluster", 3, 0},	     {"dorling", 3, 0},
	{"mode", 3, 0},	    {"cell", 3, 0},	    {"palette", 3, 0},	     {"bandwidth", 3, 0},
};
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

typedef struct {
	hm_spec *spec;
	const char *name;
	int line;
	int err_line;
	char err[512];
	hm_spec_section *cur;
} parser;

static int fail(parser *ps, const char *fmt, ...) HM_PRINTF(2, 3);

static int fail(parser *ps, const char *fmt, ...)
{
	va_list ap;

	if (!ps->err_line) {
		ps->err_line = ps->line;
		va_start(ap, fmt);
		vsnprintf(ps->err, sizeof(ps->err), fmt, ap);
		va_end(ap);
	}
	return 0;
}

int hm_spec_key_is_path(const char *key)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (strcasecmp(keys[i].key, key) == 0)
			return keys[i].path;
	return 0;
}

/* A path relative to the spec's folder; absolute paths stay as they are. */
static char *resolve(const char *dir, const char *v)
{
	size_t n;
	char *r;

	if (v[0] == '/' || !dir || !*dir)
		return hm_strdup(v);
	n = strlen(dir) + strlen(v) + 2;
	r = malloc(n);
	if (r)
		snprintf(r, n, "%s/%s", dir, v);
	return r;
}

/* "a.png, b.svg" -> each resolved, joined by ',' again */
static char *resolve_list(const char *dir, const char *v)
{
	size_t cap = strlen(v) * 2 + (dir ? strlen(dir) : 0) * 8 + 64, n = 0;
	char *out = malloc(cap);
	const char *p = v;

	if (!out)
		return NULL;
	out[0] = '\0';
	while (*p) {
		size_t len = strcspn(p, ",");
		char item[1024];
		char *t = item, *e;
		char *r;
		snprintf(item, sizeof(item), "%.*s", (int)(len < 1023 ? len : 1023), p);
		while (*t == ' ' || *t == '\t')
			t++;
		e = t + strlen(t);
		while (e > t && (e[-1] == ' ' || e[-1] == '\t'))
			*--e = '\0';
		if (*t) {
			r = resolve(dir, t);
			if (!r || n + strlen(r) + 2 > cap) {
				free(r);
				free(out);
				return NULL;
			}
			n += (size_t)snprintf(out + n, cap - n, "%s%s", n ? "," : "", r);
			free(r);
		}
		p += len + (p[len] == ',');
	}
	return out;
}

static int handler(void *user, const char *section, const char *key, const char *value)
{
	parser *ps = user;
	hm_spec_section *s = ps->cur;
	hm_spec_entry *e;
	size_t k;

	(void)section;
	if (!s)
		return fail(ps, "key \"%s\" outside a [map NAME] or [batch NAME] section", key);
	for (k = 0; k < NKEYS; k++)
		if (strcasecmp(keys[k].key, key) == 0)
			break;
	if (k == NKEYS)
		return fail(ps,
			    "unknown key \"%s\" in [%s %s] (keys are the long options "
			    "of hotmap %s)",
			    key, s->kind == HM_SPEC_MAP ? "map" : "batch", s->name,
			    s->kind == HM_SPEC_MAP ? "render" : "batch");
	if (!(keys[k].kinds & (s->kind == HM_SPEC_MAP ? 1 : 2)))
		return fail(ps, "key \"%s\" is not for a [%s] section", key,
			    s->kind == HM_SPEC_MAP ? "map" : "batch");
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->entries[i].key, keys[k].key) == 0 &&
		    strcmp(keys[k].key, "inset") != 0)
			return fail(ps, "\"%s\" given twice in [%s] (first on line %d)", key,
				    s->name, s->entries[i].line);
	if (!*value)
		return fail(ps, "\"%s\" has no value", key);
	if (strcmp(keys[k].key, "output") == 0 && strspn(value, ", \t") == strlen(value))
		return fail(ps, "\"%s\" names no file", key);
	e = realloc(s->entries, (s->n + 1) * sizeof(*e));
	if (!e)
		return fail(ps, "out of memory");
	s->entries = e;
	e = &s->entries[s->n];
	e->key = hm_strdup(keys[k].key);
	if (strcmp(keys[k].key, "output") == 0)
		e->value = resolve_list(ps->spec->dir, value);
	else if (keys[k].path)
		e->value = resolve(ps->spec->dir, value);
	else
		e->value = hm_strdup(value);
	e->line = ps->line;
	if (!e->key || !e->value) {
		free(e->key);
		free(e->value);
		return fail(ps, "out of memory");
	}
	s->n++;
	return 1;
}

/* A section header: "[map NAME]" or "[batch NAME]". */
static void begin_section(parser *ps, const char *line)
{
	const char *b = line + 1, *e = strchr(b, ']');
	char head[256], *name;
	hm_spec_section *s;
	hm_spec_kind kind;

	if (!e) {
		fail(ps, "a section header needs its closing ']'");
		return;
	}
	snprintf(head, sizeof(head), "%.*s", (int)(e - b), b);
	name = strchr(head, ' ');
	if (name)
		*name++ = '\0';
	while (name && *name == ' ')
		name++;
	if (strcasecmp(head, "map") == 0)
		kind = HM_SPEC_MAP;
	else if (strcasecmp(head, "batch") == 0)
		kind = HM_SPEC_BATCH;
	else {
		fail(ps, "unknown section [%s]; sections are [map NAME] and [batch NAME]", head);
		return;
	}
	if (!name || !*name) {
		fail(ps, "[%s] needs a name, e.g. [%s sea]", head, head);
		return;
	}
	for (const char *q = name; *q; q++)
		if (!(*q == '-' || *q == '_' || *q == '.' || (*q >= '0' && *q <= '9') ||
		      (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z'))) {
			fail(ps, "section name \"%s\": use letters, digits, '-', '_', '.'", name);
			return;
		}
	for (size_t i = 0; i < ps->spec->n; i++)
		if (strcmp(ps->spec->sections[i].name, name) == 0) {
			fail(ps, "a second section named \"%s\" (first on line %d)", name,
			     ps->spec->sections[i].line);
			return;
		}
	s = realloc(ps->spec->sections, (ps->spec->n + 1) * sizeof(*s));
	if (!s) {
		fail(ps, "out of memory");
		return;
	}
	ps->spec->sections = s;
	s = &s[ps->spec->n++];
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->name = hm_strdup(name);
	s->line = ps->line;
	ps->cur = s;
	if (!s->name)
		fail(ps, "out of memory");
}

static void on_section(void *owner, const char *text)
{
	begin_section(owner, text);
}

static void on_too_long(void *owner, int max)
{
	fail(owner, "line longer than %d characters", max);
}

const char *hm_spec_get(const hm_spec_section *s, const char *key)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->entries[i].key, key) == 0)
			return s->entries[i].value;
	return NULL;
}

int hm_spec_load_buffer(hm_spec **out, hm_ctx *ctx, const char *text, const char *name,
			const char *dir)
{
	parser ps;
	int r;

	*out = NULL;
	memset(&ps, 0, sizeof(ps));
	ps.name = name ? name : "<buffer>";
	ps.spec = calloc(1, sizeof(hm_spec));
	if (!ps.spec || !(ps.spec->path = hm_strdup(ps.name)) ||
	    !(ps.spec->dir = hm_strdup(dir ? dir : "."))) {
		hm_spec_free(ps.spec);
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	}
	{
		hm_ini_lines src = {text, &ps.line, &ps.err_line, on_section, on_too_long, &ps};
		r = ini_parse_stream(hm_ini_read_line, &src, handler, &ps);
	}
	if (r == -2 && !ps.err_line) {
		hm_spec_free(ps.spec);
		return hm_error(ctx, HM_ENOMEM, "%s: out of memory", ps.name);
	}
	if (!ps.err_line && r > 0) {
		ps.line = r;
		fail(&ps, "not an INI line (expected [section], key = value or a comment)");
	}
	for (size_t i = 0; !ps.err_line && i < ps.spec->n; i++) {
		const hm_spec_section *s = &ps.spec->sections[i];
		ps.line = s->line;
		if (!hm_spec_get(s, "sites"))
			fail(&ps, "[%s %s] needs sites = FILE.csv",
			     s->kind == HM_SPEC_MAP ? "map" : "batch", s->name);
		else if (s->kind == HM_SPEC_MAP && !hm_spec_get(s, "output"))
			fail(&ps, "[map %s] needs output = FILE.png[, FILE.svg ...]", s->name);
		else if (s->kind == HM_SPEC_BATCH && !hm_spec_get(s, "out-dir"))
			fail(&ps, "[batch %s] needs out-dir = DIR", s->name);
	}
	if (!ps.err_line && ps.spec->n == 0) {
		ps.line = 1;
		fail(&ps, "no [map NAME] or [batch NAME] section");
	}
	if (ps.err_line) {
		hm_error(ctx, HM_EDATA, "%s:%d: %s", ps.name, ps.err_line, ps.err);
		hm_spec_free(ps.spec);
		return HM_EDATA;
	}
	*out = ps.spec;
	return HM_OK;
}

int hm_spec_load(hm_spec **out, hm_ctx *ctx, const char *path)
{
	char *buf = NULL, *dir, *slash;
	size_t len = 0, bad;
	int rc;

	*out = NULL;
	rc = hm_read_file(&buf, &len, ctx, path, (size_t)1 << 24);
	if (rc < 0)
		return rc;
	if (hm_utf8_check(buf, len, &bad) < 0) {
		rc = hm_error(ctx, HM_EDATA, "%s:%zu: not UTF-8 text", path, hm_line_of(buf, bad));
		free(buf);
		return rc;
	}
	dir = hm_strdup(path);
	if (!dir) {
		free(buf);
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	}
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	else
		strcpy(dir, ".");
	rc = hm_spec_load_buffer(out, ctx, buf, path, dir);
	free(dir);
	free(buf);
	return rc;
}

void hm_spec_free(hm_spec *spec)
{
	if (!spec)
		return;
	for (size_t i = 0; i < spec->n; i++) {
		hm_spec_section *s = &spec->sections[i];
		for (size_t k = 0; k < s->n; k++) {
			free(s->entries[k].key);
			free(s->entries[k].value);
		}
		free(s->entries);
		free(s->name);
	}
	free(spec->sections);
	free(spec->path);
	free(spec->dir);
	free(spec);
}
