/* CSV stage. libcsv does the quoting; this file finds the columns, tracks the
 * line each row starts on (libcsv does not), and applies the bad-input rules. */
#include "hotmap/sites.h"

#include "context.h"
#include "numfmt.h"
#include "util.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>

enum { COL_NAME, COL_LAT, COL_LON, COL_VALUE, COL_COUNTRY, COL_LABEL, COL_CATEGORY, NCOLS };

static const char *const col_label[NCOLS] = {"name",	"latitude", "longitude", "value",
					     "country", "label",    "category"};
/* Header names recognised for each role, in order of preference; labels and
 * categories only by option. */
static const char *const col_names[NCOLS][6] = {
	{"name", "site", "place", NULL},
	{"lat", "latitude", NULL},
	{"lon", "lng", "long", "longitude", NULL},
	{"value", "count", "victims", "n", NULL},
	{"country", "iso_a3", "iso", NULL},
	{NULL},
	{NULL},
};

typedef struct {
	hm_ctx *ctx;
	const hm_sites_opts *opts;
	hm_sites *sites;
	size_t sites_cap;
	/* the row being assembled: fields packed in pool, offsets in off */
	char *pool;
	size_t pool_len, pool_cap;
	size_t *off;
	size_t nfields, fields_cap;
	size_t row_line; /* line where the current row started */
	int have_header;
	int col[NCOLS]; /* field index of each role, -1 if absent */
	char **headers;
	size_t nheaders;
	int err;	    /* first fatal error; stops the parse */
	size_t compact_cap; /* hm_sites_opts.compact: room in lons, lats, values */
	int dirty;	    /* a row was bad: a quiet helper's piece is read again */
	int borrowed;	    /* lons, lats, values are a part of another loader's */
} loader;

static int push_field(loader *L, const char *s, size_t len)
{
	if (L->nfields == L->fields_cap) {
		size_t cap = L->fields_cap ? L->fields_cap * 2 : 16;
		size_t *off = realloc(L->off, cap * sizeof(*off));
		if (!off)
			return -1;
		L->off = off;
		L->fields_cap = cap;
	}
	if (L->pool_len + len + 1 > L->pool_cap) {
		size_t cap = (L->pool_len + len + 1) * 2;
		char *pool = realloc(L->pool, cap);
		if (!pool)
			return -1;
		L->pool = pool;
		L->pool_cap = cap;
	}
	L->off[L->nfields++] = L->pool_len;
	if (len)
		memcpy(L->pool + L->pool_len, s, len);
	L->pool[L->pool_len + len] = '\0';
	L->pool_len += len + 1;
	return 0;
}

static const char *field(const loader *L, int i)
{
	return (i >= 0 && (size_t)i < L->nfields) ? L->pool + L->off[i] : NULL;
}

static void cb_field(void *s, size_t len, void *data)
{
	loader *L = data;

	if (L->err)
		return;
	if (len > HM_MAX_FIELD_BYTES || L->pool_len + len > HM_MAX_ROW_BYTES ||
	    L->nfields >= HM_MAX_COLUMNS) {
		L->err = hm_error(L->ctx, HM_EDATA, "%s:%zu: %s; is this a CSV file?",
				  L->sites->path, L->row_line,
				  len > HM_MAX_FIELD_BYTES	 ? "a field longer than 64 KiB"
				  : L->nfields >= HM_MAX_COLUMNS ? "more than 1000 columns"
								 : "a row longer than 1 MiB");
		return;
	}
	/* compact rows keep three columns: the others are not copied */
	if (L->opts->compact && L->have_header && (int)L->nfields != L->col[COL_LAT] &&
	    (int)L->nfields != L->col[COL_LON] && (int)L->nfields != L->col[COL_VALUE])
		len = 0;
	if (push_field(L, s ? s : "", s ? len : 0) < 0)
		L->err = hm_error(L->ctx, HM_ENOMEM, "out of memory reading %s", L->sites->path);
}

static int find_header(const loader *L, const char *want)
{
	for (size_t i = 0; i < L->nheaders; i++)
		if (strcasecmp(L->headers[i], want) == 0)
			return (int)i;
	return -1;
}

static void list_headers(const loader *L, char *buf, size_t cap)
{
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < L->nheaders && n + 4 < cap; i++) {
		int w = snprintf(buf + n, cap - n, "%s\"%s\"", i ? ", " : "", L->headers[i]);
		if (w < 0 || (size_t)w >= cap - n)
			break;
		n += (size_t)w;
	}
}

static void take_header(loader *L)
{
	const char *given[NCOLS] = {L->opts->name_column,    L->opts->lat_column,
				    L->opts->lon_column,     L->opts->value_column,
				    L->opts->country_column, L->opts->label_column,
				    L->opts->category_column};
	const char *path = L->sites->path;
	char have[512];

	L->headers = calloc(L->nfields ? L->nfields : 1, sizeof(char *));
	if (!L->headers) {
		L->err = hm_error(L->ctx, HM_ENOMEM, "out of memory");
		return;
	}
	for (size_t i = 0; i < L->nfields; i++) {
		char *h = hm_trim_dup(field(L, (int)i));
		if (!h) {
			L->err = hm_error(L->ctx, HM_ENOMEM, "out of memory");
			return;
		}
		L->headers[L->nheaders++] = h;
	}
	list_headers(L, have, sizeof(have));
	for (int c = 0; c < NCOLS; c++) {
		L->col[c] = -1;
		if (given[c]) {
			L->col[c] = find_header(L, given[c]);
			if (L->col[c] < 0) {
				L->err = hm_error(L->ctx, HM_EDATA,
						  "%s:%zu: no %s column named \"%s\"; "
						  "the columns are %s",
						  path, L->row_line, col_label[c], given[c], have);
				return;
			}
			continue;
		}
		for (int k = 0; col_names[c][k] && L->col[c] < 0; k++)
			L->col[c] = find_header(L, col_names[c][k]);
		if (L->col[c] < 0 && (c == COL_LAT || c == COL_LON)) {
			char looked[128] = "";
			size_t n = 0;
			for (int k = 0; col_names[c][k]; k++)
				n += (size_t)snprintf(looked + n, sizeof(looked) - n, "%s%s",
						      k ? ", " : "", col_names[c][k]);
			L->err = hm_error(L->ctx, HM_EDATA,
					  "%s:%zu: no %s column (looked for a header "
					  "named %s; the columns are %s)",
					  path, L->row_line, col_label[c], looked, have);
			return;
		}
	}
	free(L->sites->value_column);
	L->sites->value_column = NULL;
	if (L->col[COL_VALUE] >= 0)
		L->sites->value_column = hm_strdup(L->headers[L->col[COL_VALUE]]);
	else
		hm_log(L->ctx, HM_LOG_INFO,
		       "%s: no value column (looked for value, count, victims, n): every row "
		       "counts 1",
		       path);
	if (L->col[COL_NAME] >= 0)
		L->sites->name_column = hm_strdup(L->headers[L->col[COL_NAME]]);
	if (L->col[COL_CATEGORY] >= 0)
		L->sites->category_column = hm_strdup(L->headers[L->col[COL_CATEGORY]]);
	L->have_header = 1;
}

/* Report a bad row: a warning, or with strict an error that stops the load. */
static void bad_row(loader *L, int c, const char *text, const char *what)
{
	char q[64];
	const char *path = L->sites->path;
	int idx = L->col[c];

	L->dirty = 1;
	hm_quote_text(q, sizeof(q), text ? text : "");
	if (L->opts->strict) {
		L->err = hm_error(L->ctx, HM_EDATA, "%s:%zu: column %d \"%s\": \"%s\": %s", path,
				  L->row_line, idx + 1, L->headers[idx], q, what);
		return;
	}
	hm_log(L->ctx, HM_LOG_WARN, "%s:%zu: column %d \"%s\": \"%s\": %s; row skipped", path,
	       L->row_line, idx + 1, L->headers[idx], q, what);
	L->sites->skipped++;
}

static int row_is_blank(const loader *L)
{
	for (size_t i = 0; i < L->nfields; i++)
		for (const char *p = field(L, (int)i); *p; p++)
			if (*p != ' ' && *p != '\t')
				return 0;
	return 1;
}

/* Check one coordinate; returns 0 and *out, or -1 after reporting. */
static int get_coord(loader *L, int c, double lim, double *out)
{
	const char *t = field(L, L->col[c]);
	char what[96];

	if (!t || hm_is_blank(t)) {
		snprintf(what, sizeof(what), "empty %s", col_label[c]);
		bad_row(L, c, t, what);
		return -1;
	}
	if (hm_parse_coord(out, t) < 0) {
		snprintf(what, sizeof(what), "%s is not a number", col_label[c]);
		bad_row(L, c, t, what);
		return -1;
	}
	if (*out < -lim || *out > lim) {
		hm_snprintf_c(what, sizeof(what), "%s outside [-%g, %g]", col_label[c], lim, lim);
		bad_row(L, c, t, what);
		return -1;
	}
	return 0;
}

/* A compact row: its coordinates and value in the arrays. */
/* len bytes on 2 MiB boundaries, in huge pages where the system gives them
 * on request (madvise): a fresh page costs a fault on first touch, about
 * 10 us here, and the first fill of the pieces' 8 MiB buffer took 11 ms.
 * free() releases it. */
static void *huge_alloc(size_t len)
{
	const size_t huge = (size_t)2 << 20;
	void *p = NULL;

	if (posix_memalign(&p, huge, (len + huge - 1) / huge * huge) != 0)
		return NULL;
#ifdef MADV_HUGEPAGE
	madvise(p, (len + huge - 1) / huge * huge, MADV_HUGEPAGE);
#endif
	return p;
}

/* Room for cap compact rows; -1 out of memory (reported). */
static int compact_reserve(loader *L, size_t cap)
{
	hm_sites *S = L->sites;
	double *lons = realloc(S->lons, cap * sizeof(double));
	double *lats = lons ? realloc(S->lats, cap * sizeof(double)) : NULL;
	float *values =
		lats && L->col[COL_VALUE] >= 0 ? realloc(S->values, cap * sizeof(float)) : NULL;

	if (lons)
		S->lons = lons;
	if (lats)
		S->lats = lats;
	if (values)
		S->values = values;
	if (!lons || !lats || (L->col[COL_VALUE] >= 0 && !values)) {
		L->err = hm_error(L->ctx, HM_ENOMEM, "out of memory");
		return -1;
	}
	L->compact_cap = cap;
	return 0;
}

static void keep_compact(loader *L, const hm_site *s)
{
	hm_sites *S = L->sites;

	/* a part has room for a row per line: more cannot be; read again */
	if (L->borrowed && S->count == L->compact_cap) {
		L->dirty = 1;
		return;
	}
	/* a quarter more at a time: ten million rows must not double */
	if (S->count == L->compact_cap &&
	    compact_reserve(L, L->compact_cap + L->compact_cap / 4 + 4096) < 0)
		return;
	S->lons[S->count] = s->lon, S->lats[S->count] = s->lat;
	if (S->values)
		S->values[S->count] = (float)s->value;
	S->count++;
}

static void take_row(loader *L)
{
	hm_site s;
	const char *t;

	if (row_is_blank(L))
		return;
	if (get_coord(L, COL_LAT, 90, &s.lat) < 0 || get_coord(L, COL_LON, 180, &s.lon) < 0)
		return;
	t = L->col[COL_VALUE] >= 0 ? field(L, L->col[COL_VALUE]) : "1";
	if (!t || hm_is_blank(t)) {
		bad_row(L, COL_VALUE, t, "empty value");
		return;
	}
	if (hm_parse_number(&s.value, t, L->sites->delimiter == ';') < 0) {
		bad_row(L, COL_VALUE, t, "value is not a number");
		return;
	}
	if (s.value < 0) {
		bad_row(L, COL_VALUE, t, "negative value");
		return;
	}
	if (L->opts->compact) {
		if (L->sites->count >= HM_MAX_SITES)
			L->err = hm_error(L->ctx, HM_EDATA,
					  "%s:%zu: more than %zu sites; split the file",
					  L->sites->path, L->row_line, HM_MAX_SITES);
		else
			keep_compact(L, &s);
		return;
	}
	s.name = hm_trim_dup(L->col[COL_NAME] >= 0 ? field(L, L->col[COL_NAME]) : "");
	t = field(L, L->col[COL_COUNTRY]);
	s.country = t ? hm_trim_dup(t) : NULL;
	s.line = L->row_line;
	s.label = s.category = NULL;
	if (!s.name || (t && !s.country))
		goto nomem;
	if (L->col[COL_LABEL] >= 0 && !(s.label = hm_trim_dup(field(L, L->col[COL_LABEL]))))
		goto nomem;
	if (L->col[COL_CATEGORY] >= 0 &&
	    !(s.category = hm_trim_dup(field(L, L->col[COL_CATEGORY]))))
		goto nomem;
	if (L->sites->count >= HM_MAX_SITES) {
		free(s.name);
		free(s.country);
		free(s.label);
		free(s.category);
		L->err = hm_error(L->ctx, HM_EDATA, "%s:%zu: more than %zu sites; split the file",
				  L->sites->path, L->row_line, HM_MAX_SITES);
		return;
	}
	if (L->sites->count == L->sites_cap) {
		size_t cap = L->sites_cap ? L->sites_cap * 2 : 64;
		hm_site *items = realloc(L->sites->items, cap * sizeof(*items));
		if (!items)
			goto nomem;
		L->sites->items = items;
		L->sites_cap = cap;
	}
	L->sites->items[L->sites->count++] = s;
	return;
nomem:
	free(s.name);
	free(s.country);
	free(s.label);
	free(s.category);
	L->err = hm_error(L->ctx, HM_ENOMEM, "out of memory");
}

static void cb_row(int term, void *data)
{
	loader *L = data;

	(void)term;
	if (!L->err) {
		if (!L->have_header)
			take_header(L);
		else
			take_row(L);
	}
	L->nfields = 0;
	L->pool_len = 0;
}

/* The separator with most occurrences outside quotes in the first line. */
static char detect_delimiter(const char *buf, size_t len)
{
	size_t comma = 0, semi = 0, tab = 0;
	int inq = 0;

	for (size_t i = 0; i < len; i++) {
		char c = buf[i];
		if (c == '"')
			inq = !inq;
		else if (!inq && (c == '\n' || c == '\r'))
			break;
		else if (!inq && c == ',')
			comma++;
		else if (!inq && c == ';')
			semi++;
		else if (!inq && c == '\t')
			tab++;
	}
	if (semi > comma && semi >= tab)
		return ';';
	if (tab > comma && tab > semi)
		return '\t';
	return ',';
}

static int csv_space(unsigned char c)
{
	return c == ' ';
}

/* A load in progress: the parser and where the text has got to. */
typedef struct {
	loader L;
	struct csv_parser p;
	int parser_ready;
	size_t line; /* the line the next text starts on */
	int started; /* the first text was seen: BOM and separator */
} load_state;

static int load_begin(load_state *S, hm_ctx *ctx, const char *name, const hm_sites_opts *opts)
{
	memset(S, 0, sizeof(*S));
	S->line = 1;
	S->L.ctx = ctx;
	S->L.opts = opts;
	S->L.sites = calloc(1, sizeof(hm_sites));
	if (!S->L.sites || !(S->L.sites->path = hm_strdup(name ? name : "<buffer>")))
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	if (csv_init(&S->p, CSV_APPEND_NULL) != 0)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	S->parser_ready = 1;
	/* a tab separator must not be eaten as leading space */
	csv_set_space_func(&S->p, csv_space);
	return HM_OK;
}

/* Parse text made of whole lines (or, last, the file's end): UTF-8 checked,
 * fed to libcsv line by line, so that every row knows its line. */
static int load_feed(load_state *S, const char *buf, size_t len, int last)
{
	loader *L = &S->L;
	size_t pos = 0, bad;

	if (!S->started) {
		if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
			buf += 3, len -= 3;
		L->sites->delimiter = detect_delimiter(buf, len);
		csv_set_delim(&S->p, (unsigned char)L->sites->delimiter);
		S->started = 1;
	}
	if (hm_utf8_check(buf, len, &bad) < 0)
		return hm_error(L->ctx, HM_EDATA,
				"%s:%zu: not UTF-8 text (byte 0x%02X); save the "
				"file as CSV UTF-8",
				L->sites->path, S->line - 1 + hm_line_of(buf, bad),
				(unsigned char)buf[bad]);
	while (pos < len && !L->err) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (buf + pos)) + 1 : len - pos;
		if (S->p.pstate == 0)
			L->row_line = S->line;
		if (csv_parse(&S->p, buf + pos, n, cb_field, cb_row, L) != n)
			return hm_error(L->ctx, HM_EDATA, "%s:%zu: %s", L->sites->path, L->row_line,
					csv_strerror(csv_error(&S->p)));
		pos += n;
		if (nl || last)
			S->line++;
	}
	return L->err;
}

static int load_end(load_state *S, hm_sites **out)
{
	loader *L = &S->L;
	hm_ctx *ctx = L->ctx;

	if (!L->err && S->p.quoted && S->p.pstate == 2)
		return hm_error(ctx, HM_EDATA,
				"%s:%zu: a quoted field is never closed (a "
				"missing '\"')",
				L->sites->path, L->row_line);
	if (!L->err)
		csv_fini(&S->p, cb_field, cb_row, L);
	if (L->err)
		return L->err;
	if (!L->have_header)
		return hm_error(ctx, HM_EDATA,
				"%s:1: the file is empty: no header "
				"and no sites",
				L->sites->path);
	if (L->sites->count == 0)
		return hm_error(ctx, HM_EDATA,
				"%s:%zu: no sites: %zu rows skipped, "
				"none usable",
				L->sites->path, S->line > 1 ? S->line - 1 : 1, L->sites->skipped);
	*out = L->sites;
	L->sites = NULL;
	return HM_OK;
}

static void load_free(load_state *S)
{
	if (S->parser_ready)
		csv_free(&S->p);
	for (size_t i = 0; i < S->L.nheaders; i++)
		free(S->L.headers[i]);
	free(S->L.headers);
	free(S->L.pool);
	free(S->L.off);
	hm_sites_free(S->L.sites);
}

int hm_sites_load_buffer(hm_sites **out, hm_ctx *ctx, const char *buf, size_t len, const char *name,
			 const hm_sites_opts *opts)
{
	hm_sites_opts defaults = HM_SITES_OPTS_INIT;
	load_state S;
	int rc;

	*out = NULL;
	rc = load_begin(&S, ctx, name, opts ? opts : &defaults);
	if (rc == HM_OK)
		rc = load_feed(&S, buf, len, 1);
	if (rc == HM_OK)
		rc = load_end(&S, out);
	load_free(&S);
	return rc;
}

/* Helpers for compact pieces: a piece without quotes is cut at line ends
 * into parts, each read by a quiet loader of its own (no context: no
 * message, no error kept) straight into the rows' arrays, from where the
 * lines before it end: rows are never more than lines, and a part with
 * fewer (blank lines) is moved down after. A part with a bad row, or any
 * error, and the whole piece is read again by the one loader, which says
 * what is wrong on the right line. */
typedef struct {
	load_state S;
	const char *text;
	size_t len, lines, at; /* at: its first row's index in the arrays */
	int ready;
} helper;

static void helper_run(void *arg, hm_worker *w)
{
	helper *h = arg;

	(void)w;
	h->S.L.sites->count = 0;
	h->S.L.dirty = 0;
	h->S.L.err = 0;
	load_feed(&h->S, h->text, h->len, 0);
}

/* A quiet loader that reads rows as L does (L has read the header). */
static int helper_init(helper *h, const loader *L, char delimiter)
{
	memset(h, 0, sizeof(*h));
	if (load_begin(&h->S, NULL, NULL, L->opts) != HM_OK)
		return -1;
	memcpy(h->S.L.col, L->col, sizeof(L->col));
	h->S.L.headers = L->headers; /* L's, for messages no one reads; not freed */
	h->S.L.have_header = 1;
	h->S.L.borrowed = 1;
	h->S.started = 1;
	csv_set_delim(&h->S.p, (unsigned char)delimiter);
	h->S.L.sites->delimiter = delimiter;
	h->ready = 1;
	return 0;
}

/* Parts of a piece per thread: a thread still busy (a new pool thread sets
 * up its fonts first) leaves its parts to the others. */
#define PARTS_PER_THREAD 4

static size_t count_lines(const char *p, size_t len)
{
	size_t n = 0;

	for (const char *end = p + len; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
		n++;
	return n;
}

/* Cut buf into nparts parts at line ends, each with its lines and where
 * its rows go (after those of L); 0, or -1 out of memory. */
static int cut_parts(loader *L, helper *hs, int nparts, const char *buf, size_t len)
{
	size_t from = 0, at = L->sites->count;

	for (int k = 0; k < nparts; k++) {
		size_t to = k == nparts - 1 ? len : len * (size_t)(k + 1) / (size_t)nparts;
		const char *nl = to < len ? memchr(buf + to, '\n', len - to) : NULL;
		to = k == nparts - 1 ? len : nl ? (size_t)(nl - buf) + 1 : len;
		to = to > from ? to : from;
		if (!hs[k].ready && helper_init(&hs[k], L, L->sites->delimiter) < 0)
			return -1;
		hs[k].text = buf + from, hs[k].len = to - from;
		hs[k].lines = count_lines(buf + from, to - from);
		/* the last part may end without a newline: one row more */
		hs[k].at = at;
		at += hs[k].lines + 1;
		from = to;
	}
	if (at > L->compact_cap && compact_reserve(L, at + at / 4) < 0)
		return -1;
	for (int k = 0; k < nparts; k++) {
		hm_sites *h = hs[k].S.L.sites, *d = L->sites;
		h->lons = d->lons + hs[k].at;
		h->lats = d->lats + hs[k].at;
		h->values = d->values ? d->values + hs[k].at : NULL;
		hs[k].S.L.compact_cap = hs[k].lines + 1;
	}
	return 0;
}

/* Read piece (whole lines, no quote) in nparts parts on the context's
 * threads; 1 when done, 0 when the caller must read it itself, -1 out of
 * memory. */
static int piece_parallel(load_state *S, helper *hs, int nparts, const char *buf, size_t len)
{
	loader *L = &S->L;
	void *args[HM_MAX_THREADS * PARTS_PER_THREAD];
	size_t lines = 0, rows = 0;
	hm_sites *d = L->sites;

	if (nparts < 2 || !L->have_header || memchr(buf, '"', len))
		return 0;
	if (cut_parts(L, hs, nparts, buf, len) < 0)
		return -1;
	for (int k = 0; k < nparts; k++)
		args[k] = &hs[k];
	hm_ctx_run(L->ctx, helper_run, args, nparts);
	for (int k = 0; k < nparts; k++) {
		if (hs[k].S.L.err || hs[k].S.L.dirty || hs[k].S.p.pstate != 0)
			return 0;
		rows += hs[k].S.L.sites->count;
		lines += hs[k].lines;
	}
	if (d->count + rows > HM_MAX_SITES)
		return 0;
	/* the parts' rows one after the other */
	for (int k = 0; k < nparts; k++) {
		size_t n = hs[k].S.L.sites->count;
		if (hs[k].at != d->count) {
			memmove(d->lons + d->count, d->lons + hs[k].at, n * sizeof(double));
			memmove(d->lats + d->count, d->lats + hs[k].at, n * sizeof(double));
			if (d->values)
				memmove(d->values + d->count, d->values + hs[k].at,
					n * sizeof(float));
		}
		d->count += n;
	}
	S->line += lines;
	return 1;
}

/* Read size of a piece of a file read in pieces (compact loads). */
#define PIECE ((size_t)4 << 20)

/* A compact load reads the file in pieces of whole lines: ten million rows
 * need not be in memory as text. */
static int load_pieces(hm_sites **out, hm_ctx *ctx, const char *path, const hm_sites_opts *opts)
{
	FILE *f = fopen(path, "rb");
	char *buf = huge_alloc(PIECE * 2);
	size_t have = 0, total = 0, fed = 0, file_size = 0;
	load_state S;
	int rc = HM_OK, reserved = 0, nt = hm_ctx_threads(ctx), nparts;
	helper *hs;

	nt = nt < 1 ? 1 : nt > HM_MAX_THREADS ? HM_MAX_THREADS : nt;
	nparts = nt > 1 ? nt * PARTS_PER_THREAD : 1;
	hs = calloc((size_t)nparts, sizeof(*hs));

	if (!f || !buf || !hs) {
		int e = errno;
		free(buf);
		free(hs);
		if (f)
			fclose(f);
		return f ? hm_error(ctx, HM_ENOMEM, "out of memory")
			 : hm_error(ctx, HM_EIO, "%s: cannot open: %s", path, strerror(e));
	}
	rc = load_begin(&S, ctx, path, opts);
	if (rc == HM_OK && fseek(f, 0, SEEK_END) == 0) {
		long size = ftell(f);
		file_size = size > 0 ? (size_t)size : 0;
		rewind(f);
	}
	while (rc == HM_OK) {
		/* the first piece small: the header, and rows enough to guess
		 * the rest's number; then pieces on every thread */
		size_t want = S.L.have_header ? PIECE : PIECE / 16;
		size_t got = fread(buf + have, 1, 2 * PIECE - have < want ? 2 * PIECE - have : want,
				   f),
		       upto;
		const char *nl;
		have += got;
		total += got;
		if (total > HM_MAX_CSV_BYTES) {
			rc = hm_error(ctx, HM_EDATA, "%s: larger than %zu MiB; split the file",
				      path, HM_MAX_CSV_BYTES >> 20);
			break;
		}
		if (got == 0) {
			if (ferror(f))
				rc = hm_error(ctx, HM_EIO, "%s: cannot read: %s", path,
					      strerror(errno));
			else if (have)
				rc = load_feed(&S, buf, have, 1);
			break;
		}
		/* whole lines now, the rest with the next piece */
		for (nl = buf + have; nl > buf && nl[-1] != '\n'; nl--)
			;
		upto = (size_t)(nl - buf);
		if (upto == 0 && have < 2 * PIECE)
			continue; /* one long line: read on */
		if (upto == 0) {
			/* a line longer than the buffer (libcsv keeps its state, and
			 * rejects rows over 1 MiB): cut it between characters */
			for (upto = have - 1;
			     upto > 1 && ((unsigned char)buf[upto] & 0xC0) == 0x80;)
				upto--;
		}
		switch (nparts > 1 ? piece_parallel(&S, hs, nparts, buf, upto) : 0) {
		case 1: break;
		case 0: rc = load_feed(&S, buf, upto, 0); break;
		default: rc = hm_error(ctx, HM_ENOMEM, "out of memory");
		}
		fed += upto;
		/* after the first piece, room for the rows the file's size
		 * promises at this piece's bytes a row, and a twentieth more */
		if (rc == HM_OK && !reserved && S.L.sites->count > 0 && file_size > fed) {
			double per_row = (double)fed / (double)S.L.sites->count;
			double rows = (double)file_size / per_row * 1.05 + 4096;
			size_t room = rows > HM_MAX_SITES ? HM_MAX_SITES + 1 : (size_t)rows;
			reserved = 1;
			if (room > S.L.compact_cap && compact_reserve(&S.L, room) < 0)
				rc = S.L.err;
		}
		memmove(buf, buf + upto, have - upto);
		have -= upto;
	}
	if (rc == HM_OK)
		rc = load_end(&S, out);
	load_free(&S);
	for (int k = 0; k < nparts; k++)
		if (hs[k].ready) {
			hm_sites *h = hs[k].S.L.sites;
			h->lons = h->lats = NULL; /* borrowed from S */
			h->values = NULL;
			hs[k].S.L.headers = NULL;
			load_free(&hs[k].S);
		}
	free(hs);
	free(buf);
	fclose(f);
	return rc;
}

int hm_sites_load(hm_sites **out, hm_ctx *ctx, const char *path, const hm_sites_opts *opts)
{
	char *buf = NULL;
	size_t len = 0;
	int rc;

	double t0 = hm_now();

	*out = NULL;
	if (opts && opts->compact) {
		rc = load_pieces(out, ctx, path, opts);
	} else {
		rc = hm_read_file(&buf, &len, ctx, path, HM_MAX_CSV_BYTES);
		if (rc < 0)
			return rc;
		rc = hm_sites_load_buffer(out, ctx, buf, len, path, opts);
		free(buf);
	}
	hm_ctx_add_time(ctx, HM_STAGE_LOAD_CSV, hm_now() - t0);
	return rc;
}

double hm_sites_max_value(const hm_sites *sites)
{
	double m = 0;

	for (size_t i = 0; sites && i < sites->count; i++) {
		double v = sites->items	   ? sites->items[i].value
			   : sites->values ? sites->values[i]
					   : 1;
		if (v > m)
			m = v;
	}
	return m;
}

void hm_sites_free(hm_sites *sites)
{
	if (!sites)
		return;
	for (size_t i = 0; sites->items && i < sites->count; i++) {
		free(sites->items[i].name);
		free(sites->items[i].country);
		free(sites->items[i].label);
		free(sites->items[i].category);
	}
	free(sites->items);
	free(sites->lons);
	free(sites->lats);
	free(sites->values);
	free(sites->path);
	free(sites->value_column);
	free(sites->name_column);
	free(sites->category_column);
	free(sites);
}
