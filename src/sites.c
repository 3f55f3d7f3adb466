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
	int err; /* first fatal error; stops the parse */
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

int hm_sites_load_buffer(hm_sites **out, hm_ctx *ctx, const char *buf, size_t len, const char *name,
			 const hm_sites_opts *opts)
{
	hm_sites_opts defaults = HM_SITES_OPTS_INIT;
	struct csv_parser p;
	loader L;
	size_t line = 1, pos = 0, bad;
	int rc = HM_OK, parser_ready = 0;

	*out = NULL;
	memset(&L, 0, sizeof(L));
	L.ctx = ctx;
	L.opts = opts ? opts : &defaults;
	L.sites = calloc(1, sizeof(hm_sites));
	if (!L.sites || !(L.sites->path = hm_strdup(name ? name : "<buffer>"))) {
		rc = hm_error(ctx, HM_ENOMEM, "out of memory");
		goto cleanup;
	}
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	if (hm_utf8_check(buf, len, &bad) < 0) {
		rc = hm_error(ctx, HM_EDATA,
			      "%s:%zu: not UTF-8 text (byte 0x%02X); save the "
			      "file as CSV UTF-8",
			      L.sites->path, hm_line_of(buf, bad), (unsigned char)buf[bad]);
		goto cleanup;
	}
	L.sites->delimiter = detect_delimiter(buf, len);
	if (csv_init(&p, CSV_APPEND_NULL) != 0) {
		rc = hm_error(ctx, HM_ENOMEM, "out of memory");
		goto cleanup;
	}
	parser_ready = 1;
	csv_set_delim(&p, (unsigned char)L.sites->delimiter);
	/* a tab separator must not be eaten as leading space */
	csv_set_space_func(&p, csv_space);

	while (pos < len && !L.err) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (buf + pos)) + 1 : len - pos;
		if (p.pstate == 0)
			L.row_line = line;
		if (csv_parse(&p, buf + pos, n, cb_field, cb_row, &L) != n) {
			rc = hm_error(ctx, HM_EDATA, "%s:%zu: %s", L.sites->path, L.row_line,
				      csv_strerror(csv_error(&p)));
			goto cleanup;
		}
		pos += n;
		line++;
	}
	if (!L.err && p.quoted && p.pstate == 2) {
		rc = hm_error(ctx, HM_EDATA,
			      "%s:%zu: a quoted field is never closed (a "
			      "missing '\"')",
			      L.sites->path, L.row_line);
		goto cleanup;
	}
	if (!L.err)
		csv_fini(&p, cb_field, cb_row, &L);
	if (L.err) {
		rc = L.err;
		goto cleanup;
	}
	if (!L.have_header) {
		rc = hm_error(ctx, HM_EDATA,
			      "%s:1: the file is empty: no header "
			      "and no sites",
			      L.sites->path);
		goto cleanup;
	}
	if (L.sites->count == 0) {
		rc = hm_error(ctx, HM_EDATA,
			      "%s:%zu: no sites: %zu rows skipped, "
			      "none usable",
			      L.sites->path, line > 1 ? line - 1 : 1, L.sites->skipped);
		goto cleanup;
	}
	*out = L.sites;
	L.sites = NULL;

cleanup:
	if (parser_ready)
		csv_free(&p);
	for (size_t i = 0; i < L.nheaders; i++)
		free(L.headers[i]);
	free(L.headers);
	free(L.pool);
	free(L.off);
	hm_sites_free(L.sites);
	return rc;
}

int hm_sites_load(hm_sites **out, hm_ctx *ctx, const char *path, const hm_sites_opts *opts)
{
	char *buf = NULL;
	size_t len = 0;
	int rc;

	double t0 = hm_now();

	*out = NULL;
	rc = hm_read_file(&buf, &len, ctx, path, HM_MAX_CSV_BYTES);
	if (rc < 0)
		return rc;
	rc = hm_sites_load_buffer(out, ctx, buf, len, path, opts);
	free(buf);
	hm_ctx_add_time(ctx, HM_STAGE_LOAD_CSV, hm_now() - t0);
	return rc;
}

double hm_sites_max_value(const hm_sites *sites)
{
	double m = 0;

	for (size_t i = 0; sites && i < sites->count; i++)
		if (sites->items[i].value > m)
			m = sites->items[i].value;
	return m;
}

void hm_sites_free(hm_sites *sites)
{
	if (!sites)
		return;
	for (size_t i = 0; i < sites->count; i++) {
		free(sites->items[i].name);
		free(sites->items[i].country);
		free(sites->items[i].label);
		free(sites->items[i].category);
	}
	free(sites->items);
	free(sites->path);
	free(sites->value_column);
	free(sites->name_column);
	free(sites->category_column);
	free(sites);
}
