/* hotmap build [--watch] [-j N] SPEC.ini: render what is out of date.
 * An output is rebuilt when the content of an input, its section's options or
 * hotmap's version (with the commit it was built from) changed: SHA-256
 * digests kept in a small state file next to the outputs (.hotmap-state), not
 * timestamps. */
#include "cli.h"

#include <errno.h>
#include <glib.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_ARGS 128
#define MAX_INPUTS 8

typedef struct {
	int watch, verbose, quiet;
	const char *jobs;
	const char *spec_path;
} build_opts;

/* What a section's build depends on, each part digested. */
typedef struct {
	char names[MAX_INPUTS + 2][256]; /* "version", "options", then input paths */
	char digests[MAX_INPUTS + 2][65];
	size_t n;
	char inputs[MAX_INPUTS][4096];
	size_t ninputs;
} deps;

static char *digest_file(const char *path)
{
	GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
	FILE *f = fopen(path, "rb");
	unsigned char buf[65536];
	size_t n;
	char *r;

	if (!f) {
		g_checksum_free(c);
		return g_strdup("missing");
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		g_checksum_update(c, buf, n);
	fclose(f);
	r = g_strdup(g_checksum_get_string(c));
	g_checksum_free(c);
	return r;
}

static int is_yes(const char *v)
{
	return !g_ascii_strcasecmp(v, "yes") || !g_ascii_strcasecmp(v, "true") || !strcmp(v, "1") ||
	       !g_ascii_strcasecmp(v, "on");
}

static int is_flag(const char *key, hm_spec_kind kind)
{
	return !strcmp(key, "strict") || !strcmp(key, "plain") || !strcmp(key, "locator") ||
	       !strcmp(key, "dorling") || (kind == HM_SPEC_BATCH && !strcmp(key, "manifest"));
}

/* The command line a section stands for. */
static int section_argv(char **argv, char **own, size_t *nown, const hm_spec *spec,
			const hm_spec_section *s, const build_opts *bo)
{
	int argc = 0;
	const char *outputs = hm_spec_get(s, "output");

	argv[argc++] = s->kind == HM_SPEC_MAP ? "render" : "batch";
	argv[argc++] = (char *)hm_spec_get(s, "sites");
	if (outputs) {
		char **parts = g_strsplit(outputs, ",", -1);
		for (char **p = parts; *p && argc < MAX_ARGS - 4; p++) {
			argv[argc++] = "-o";
			argv[argc++] = own[(*nown)++] = g_strdup(*p);
		}
		g_strfreev(parts);
	}
	for (size_t i = 0; i < s->n && argc < MAX_ARGS - 4; i++) {
		const hm_spec_entry *e = &s->entries[i];
		if (!strcmp(e->key, "sites") || !strcmp(e->key, "output"))
			continue;
		if (is_flag(e->key, s->kind)) {
			if (is_yes(e->value))
				argv[argc++] = own[(*nown)++] = g_strdup_printf("--%s", e->key);
			continue;
		}
		argv[argc++] = own[(*nown)++] = g_strdup_printf("--%s", e->key);
		if (s->kind == HM_SPEC_MAP && !strcmp(e->key, "manifest") && e->value[0] != '/')
			argv[argc++] = own[(*nown)++] =
				g_strdup_printf("%s/%s", spec->dir, e->value);
		else
			argv[argc++] = e->value;
	}
	if (s->kind == HM_SPEC_BATCH && bo->jobs && !hm_spec_get(s, "jobs")) {
		argv[argc++] = "--jobs";
		argv[argc++] = (char *)bo->jobs;
	}
	if (bo->quiet)
		argv[argc++] = "--quiet";
	argv[argc] = NULL;
	return argc;
}

static void add_dep(deps *d, const char *name, char *digest)
{
	if (d->n < MAX_INPUTS + 2) {
		snprintf(d->names[d->n], sizeof(d->names[0]), "%s", name);
		snprintf(d->digests[d->n], sizeof(d->digests[0]), "%s", digest);
		d->n++;
	}
	g_free(digest);
}

static void add_input(deps *d, const char *path)
{
	if (path && d->ninputs < MAX_INPUTS) {
		/* recorded under its absolute name: the same from any folder */
		char *canon = g_canonicalize_filename(path, NULL);
		snprintf(d->inputs[d->ninputs++], sizeof(d->inputs[0]), "%s", path);
		add_dep(d, canon, digest_file(path));
		g_free(canon);
	}
}

/* A value as it should be digested: paths (each item of a list) absolute
 * and normalised, so that the digest is the same from any folder. */
static char *canon_value(const hm_spec *spec, const hm_spec_section *s, const hm_spec_entry *e)
{
	GString *out;
	char **parts;

	if (s->kind == HM_SPEC_MAP && !strcmp(e->key, "manifest")) {
		char *full = e->value[0] == '/' ? g_strdup(e->value)
						: g_build_filename(spec->dir, e->value, NULL);
		char *c = g_canonicalize_filename(full, NULL);
		g_free(full);
		return c;
	}
	if (!hm_spec_key_is_path(e->key))
		return g_strdup(e->value);
	out = g_string_new(NULL);
	parts = g_strsplit(e->value, ",", -1);
	for (char **p = parts; *p; p++) {
		char *c = g_canonicalize_filename(*p, NULL);
		g_string_append_printf(out, "%s%s", p == parts ? "" : ",", c);
		g_free(c);
	}
	g_strfreev(parts);
	return g_string_free(out, FALSE);
}

static void section_deps(deps *d, const hm_spec *spec, const hm_spec_section *s)
{
	GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
	const char *shp = hm_spec_get(s, "shapes");

	memset(d, 0, sizeof(*d));
	/* the version and the commit built from: a newer build of the same
	 * version may draw differently */
	add_dep(d, "version", g_strdup_printf("%s %s", hm_version(), HOTMAP_BUILD_ID));
	/* paths as absolute names, so that the digest does not depend on the
	 * folder hotmap is run from */
	for (size_t i = 0; i < s->n; i++) {
		char *canon = canon_value(spec, s, &s->entries[i]);
		g_checksum_update(c, (const guchar *)s->entries[i].key, -1);
		g_checksum_update(c, (const guchar *)"=", 1);
		g_checksum_update(c, (const guchar *)canon, -1);
		g_checksum_update(c, (const guchar *)"\n", 1);
		g_free(canon);
	}
	add_dep(d, "options", g_strdup(g_checksum_get_string(c)));
	g_checksum_free(c);
	add_input(d, hm_spec_get(s, "sites"));
	add_input(d, hm_spec_get(s, "style"));
	if (shp) {
		char *base = g_strndup(shp, strlen(shp) > 4 ? strlen(shp) - 4 : strlen(shp));
		char *dbf = g_strdup_printf("%s.dbf", base);
		add_input(d, shp);
		add_input(d, dbf);
		g_free(dbf);
		g_free(base);
	}
}

/* Where a section's state lives: the folder of its (first) output. */
static char *state_path(const hm_spec_section *s)
{
	const char *out = hm_spec_get(s, s->kind == HM_SPEC_MAP ? "output" : "out-dir");
	char *first = g_strndup(out, strcspn(out, ","));
	char *dir = s->kind == HM_SPEC_MAP ? g_path_get_dirname(first) : g_strdup(first);
	char *r = g_build_filename(dir, ".hotmap-state", NULL);

	g_free(first);
	g_free(dir);
	return r;
}

/* The recorded digests of key "SPEC:SECTION": lines "KEY\tNAME\tDIGEST". */
static GHashTable *read_state(const char *path, const char *key)
{
	GHashTable *t = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	char *text = NULL;

	if (g_file_get_contents(path, &text, NULL, NULL)) {
		char **lines = g_strsplit(text, "\n", -1);
		for (char **l = lines; *l; l++) {
			char **f = g_strsplit(*l, "\t", 3);
			if (f[0] && f[1] && f[2] && !strcmp(f[0], key))
				g_hash_table_replace(t, g_strdup(f[1]), g_strdup(f[2]));
			g_strfreev(f);
		}
		g_strfreev(lines);
		g_free(text);
	}
	return t;
}

/* Replace this key's lines in the state file, atomically. */
static void write_state(const char *path, const char *key, const deps *d)
{
	GString *out = g_string_new(NULL);
	char *text = NULL, *tmp;

	if (g_file_get_contents(path, &text, NULL, NULL)) {
		char **lines = g_strsplit(text, "\n", -1);
		for (char **l = lines; *l; l++) {
			size_t kl = strlen(key);
			if (**l && !(strncmp(*l, key, kl) == 0 && (*l)[kl] == '\t'))
				g_string_append_printf(out, "%s\n", *l);
		}
		g_strfreev(lines);
		g_free(text);
	}
	for (size_t i = 0; i < d->n; i++)
		g_string_append_printf(out, "%s\t%s\t%s\n", key, d->names[i], d->digests[i]);
	tmp = g_strdup_printf("%s.tmp", path);
	if (g_file_set_contents(tmp, out->str, (gssize)out->len, NULL) && rename(tmp, path) != 0)
		unlink(tmp);
	g_free(tmp);
	g_string_free(out, TRUE);
}

/* NULL if up to date, else why not (static storage). */
static const char *why_rebuild(const hm_spec_section *s, const deps *d, GHashTable *state)
{
	static char why[512];
	const char *outs = hm_spec_get(s, "output");

	if (g_hash_table_size(state) == 0)
		return "no earlier build recorded";
	for (size_t i = 0; i < d->n; i++) {
		const char *old = g_hash_table_lookup(state, d->names[i]);
		if (!old || strcmp(old, d->digests[i]) != 0) {
			snprintf(why, sizeof(why), "%s changed",
				 !strcmp(d->names[i], "version")   ? "hotmap's version"
				 : !strcmp(d->names[i], "options") ? "the section's options"
								   : d->names[i]);
			return why;
		}
	}
	if (s->kind == HM_SPEC_MAP) {
		char **parts = g_strsplit(outs, ",", -1);
		for (char **p = parts; *p; p++) {
			if (access(*p, F_OK) != 0) {
				snprintf(why, sizeof(why), "%s is missing", *p);
				g_strfreev(parts);
				return why;
			}
		}
		g_strfreev(parts);
	} else {
		char *idx = g_build_filename(hm_spec_get(s, "out-dir"), "index.html", NULL);
		int missing = access(idx, F_OK) != 0;
		g_free(idx);
		if (missing)
			return "its index.html is missing";
	}
	return NULL;
}

/* A spec names where its maps go: create those folders, as a batch does. */
static void make_output_dirs(const hm_spec *spec, const hm_spec_section *s)
{
	const char *outs = hm_spec_get(s, "output"), *man = hm_spec_get(s, "manifest");
	char **parts = outs ? g_strsplit(outs, ",", -1) : NULL;

	for (char **p = parts; p && *p; p++) {
		char *d = g_path_get_dirname(*p);
		g_mkdir_with_parents(d, 0777);
		g_free(d);
	}
	g_strfreev(parts);
	if (s->kind == HM_SPEC_MAP && man) {
		char *full = man[0] == '/' ? g_strdup(man) : g_build_filename(spec->dir, man, NULL);
		char *d = g_path_get_dirname(full);
		g_mkdir_with_parents(d, 0777);
		g_free(d);
		g_free(full);
	}
}

/* Build every out-of-date section; returns the worst exit status. */
static int build_once(const hm_spec *spec, const build_opts *bo)
{
	int worst = 0;

	for (size_t i = 0; i < spec->n; i++) {
		const hm_spec_section *s = &spec->sections[i];
		char *argv[MAX_ARGS + 1], *own[MAX_ARGS];
		size_t nown = 0;
		int argc, status;
		deps d;
		char *abs = g_canonicalize_filename(spec->path, NULL);
		char *sp = state_path(s),
		     *key = g_strdup_printf("%s:%s", abs ? abs : spec->path, s->name);
		GHashTable *state = read_state(sp, key);
		const char *why;

		section_deps(&d, spec, s);
		why = why_rebuild(s, &d, state);
		if (!why) {
			if (bo->verbose)
				fprintf(stderr,
					"hotmap: [%s %s] up to date (inputs, options and "
					"version unchanged)\n",
					s->kind == HM_SPEC_MAP ? "map" : "batch", s->name);
		} else {
			if (!bo->quiet)
				fprintf(stderr, "hotmap: [%s %s] building: %s\n",
					s->kind == HM_SPEC_MAP ? "map" : "batch", s->name, why);
			make_output_dirs(spec, s);
			argc = section_argv(argv, own, &nown, spec, s, bo);
			status = s->kind == HM_SPEC_MAP ? cmd_render(argc, argv)
							: cmd_batch(argc, argv);
			if (status == 0) {
				write_state(sp, key, &d);
			} else {
				/* the last good outputs stay; so does the old state */
				fprintf(stderr, "hotmap: [%s %s] failed; earlier outputs kept\n",
					s->kind == HM_SPEC_MAP ? "map" : "batch", s->name);
				if (status > worst)
					worst = status;
			}
			for (size_t k = 0; k < nown; k++)
				g_free(own[k]);
		}
		g_hash_table_destroy(state);
		g_free(key);
		g_free(sp);
		g_free(abs);
	}
	return worst;
}

/* Watch the folders of every input and of the spec; rebuild on a change.
 * Folders, not files: editors that save by writing a new file and renaming
 * it over the old one replace the file a watch would be on. */
static int watch_loop(hm_spec **specp, const build_opts *bo)
{
	int ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC), sfd;
	sigset_t mask;
	GHashTable *names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

	if (ifd < 0) {
		fprintf(stderr, "hotmap: cannot watch files: %s\n", strerror(errno));
		return 1;
	}
	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	sfd = signalfd(-1, &mask, SFD_CLOEXEC);
	for (;;) {
		hm_spec *spec = *specp;
		struct pollfd pf[2] = {{ifd, POLLIN, 0}, {sfd, POLLIN, 0}};
		char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
		int changed = 0, spec_changed = 0;
		char *spec_base = g_path_get_basename(bo->spec_path);

		/* (re)add watches on every folder with an input */
		g_hash_table_remove_all(names);
		g_hash_table_add(names, g_strdup(spec_base));
		{
			char *d = g_path_get_dirname(bo->spec_path);
			inotify_add_watch(ifd, d, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE);
			g_free(d);
		}
		for (size_t i = 0; spec && i < spec->n; i++) {
			deps dd;
			section_deps(&dd, spec, &spec->sections[i]);
			for (size_t k = 0; k < dd.ninputs; k++) {
				char *d = g_path_get_dirname(dd.inputs[k]);
				inotify_add_watch(ifd, d, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE);
				g_hash_table_add(names, g_path_get_basename(dd.inputs[k]));
				g_free(d);
			}
		}
		if (!bo->quiet)
			fprintf(stderr, "hotmap: watching %s (Ctrl-C stops)\n", bo->spec_path);
		while (!changed) {
			if (poll(pf, 2, -1) < 0) {
				if (errno == EINTR)
					continue;
				break;
			}
			if (pf[1].revents & POLLIN) {
				struct signalfd_siginfo si;
				if (read(sfd, &si, sizeof(si)) > 0) {
					if (!bo->quiet)
						fprintf(stderr, "hotmap: stopped\n");
					g_free(spec_base);
					g_hash_table_destroy(names);
					close(ifd);
					close(sfd);
					return 0;
				}
			}
			if (pf[0].revents & POLLIN) {
				ssize_t n;
				/* take the burst of events a save makes, then build */
				for (int quiet_rounds = 0; quiet_rounds < 2;) {
					n = read(ifd, buf, sizeof(buf));
					if (n <= 0) {
						struct timespec ts = {0, 60 * 1000000L};
						nanosleep(&ts, NULL);
						quiet_rounds++;
						continue;
					}
					quiet_rounds = 0;
					for (char *p = buf; p < buf + n;) {
						struct inotify_event *ev =
							(struct inotify_event *)p;
						if (ev->len &&
						    g_hash_table_contains(names, ev->name)) {
							changed = 1;
							if (!strcmp(ev->name, spec_base))
								spec_changed = 1;
						}
						p += sizeof(struct inotify_event) + ev->len;
					}
				}
			}
		}
		g_free(spec_base);
		if (spec_changed) {
			hm_ctx *ctx = hm_ctx_new();
			hm_spec *fresh = NULL;
			if (ctx && hm_spec_load(&fresh, ctx, bo->spec_path) == 0) {
				hm_spec_free(*specp);
				*specp = fresh;
			} else if (ctx) {
				fprintf(stderr, "hotmap: %s; keeping the previous spec\n",
					hm_ctx_errmsg(ctx));
			}
			hm_ctx_free(ctx);
		}
		build_once(*specp, bo);
	}
	g_hash_table_destroy(names);
	close(ifd);
	close(sfd);
	return 1;
}

int cmd_build(int argc, char **argv)
{
	build_opts bo = {0, 0, 0, NULL, NULL};
	cli_opts o;
	hm_ctx *ctx;
	hm_spec *spec = NULL;
	int status;

	status = cli_parse(&o, CMD_BUILD, "build", argc, argv);
	if (status != 0 || o.help) {
		if (o.help)
			cli_usage(stdout, CMD_BUILD, "build");
		cli_free(&o);
		return status;
	}
	bo.watch = o.watch;
	bo.verbose = o.verbose;
	bo.quiet = o.quiet;
	bo.jobs = o.jobs;
	bo.spec_path = o.input;
	ctx = hm_ctx_new();
	if (!ctx) {
		cli_free(&o);
		return 1;
	}
	if (hm_spec_load(&spec, ctx, bo.spec_path) < 0) {
		status = cli_fail(ctx);
		hm_ctx_free(ctx);
		cli_free(&o);
		return status;
	}
	hm_ctx_free(ctx);
	status = build_once(spec, &bo);
	if (bo.watch)
		status = watch_loop(&spec, &bo);
	hm_spec_free(spec);
	cli_free(&o);
	return status;
}
