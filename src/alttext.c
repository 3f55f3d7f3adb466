/* The map's text alternative: what was drawn, said in plain English for a
 * reader who cannot see the picture (WCAG 2.1's text alternative). Made
 * from the laid-out map only: the area, the sites and their countries, the
 * largest sites, the total, what the legend means and what was left out.
 * Every sentence is in the table below, for a later translation. */
#include "alttext.h"

#include "context.h"
#include "density.h"
#include "numfmt.h"
#include "text.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* The sentences, in the order they are said; %s are texts made here. */
#define S_WORLD "A world map"
#define S_AREA "A map of the area from %s to %s and from %s to %s"
#define S_COUNTRY "A map of %s"
#define S_TITLED ", titled \"%s\"."
#define S_POINTS_SUM " It shows %s as circles whose areas are proportional to %s"
#define S_POINTS_COUNT " It shows %s as dots of one size"
#define S_ONE_COUNTRY ", all in %s."
#define S_COUNTRIES ", in %s countries: "
#define S_AT_SEA " %s lie outside every country's borders."
#define S_LARGEST " The largest %s %s."
#define S_TOTAL " All the sites total %s."
#define S_LEGEND " The legend shows circles for %s."
#define S_CLUSTERS                                                                                 \
	" Where symbols would overlap, %s are merged into %s, each sized by %s and labelled"       \
	" with its largest site and the number of others."
#define S_THEIR_TOTAL "their total"
#define S_THEIR_NUMBER "their number"
#define S_OTHERS "%s other%s"
#define S_NEAR " and %zu site%s near it"
#define S_TOGETHER " together"
#define S_UNLABELLED " %s of the %s are not labelled, for lack of room."
#define S_OUTSIDE " %s of the data lie outside the map's frame and are not counted here."
#define S_SKIPPED " %s of the data could not be read and were left out."
#define S_INSET " An inset enlarges the area from %s to %s and from %s to %s (%s)."
#define S_LOCATOR " A locator map shows where the map lies in the wider region."
#define S_DENSITY                                                                                  \
	" It shows where %s lie, as %s of %s on the page coloured by the number"                   \
	" of sites in each"
#define S_DENSITY_SUM " It shows %s, as %s of %s on the page coloured by their total %s"
#define S_DENSITY_CLASSES ", in %s classes from %s to %s."
#define S_HOTSPOT                                                                                  \
	" It shows hot and cold spots of %s (Getis-Ord Gi* over hexagons of %s,"                   \
	" with a false discovery rate correction): %s hexagons are hot spots and"                  \
	" %s cold spots at 90%% confidence or more; the others are not significant."
#define S_KDE                                                                                      \
	" It shows the density of %s as a smooth surface (a quartic kernel of %s"                  \
	" bandwidth), coloured in %s classes from %s to %s %s."
#define S_AND " and "
#define S_LIST_SEP ", "
/* between sites, whose names may hold commas */
#define S_SITE_SEP "; "
#define S_SITE_AND "; and "

typedef struct {
	char *s;
	size_t len, cap;
	int oom;
} sbuf;

static void add(sbuf *b, const char *fmt, ...) HM_NUMFMT_PRINTF(2, 3);

static void add(sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->oom)
		return;
	for (;;) {
		va_start(ap, fmt);
		n = hm_vsnprintf_c(b->s ? b->s + b->len : NULL, b->s ? b->cap - b->len : 0, fmt,
				   ap);
		va_end(ap);
		if (n < 0) {
			b->oom = 1;
			return;
		}
		if (b->s && b->len + (size_t)n < b->cap) {
			b->len += (size_t)n;
			return;
		}
		{
			size_t cap = (b->len + (size_t)n + 1) * 2;
			char *ns = realloc(b->s, cap);
			if (!ns) {
				b->oom = 1;
				return;
			}
			b->s = ns;
			b->cap = cap;
		}
	}
}

/* "1 site", "12 sites": n and the noun, singular or plural. */
static const char *count_of(char *buf, size_t cap, double n, const char *one, const char *many)
{
	char num[48];

	hm_format_value(num, sizeof(num), n);
	hm_snprintf_c(buf, cap, "%s %s", num, n == 1 ? one : many);
	return buf;
}

static const char *value_text(char *buf, size_t cap, double v)
{
	if (v == floor(v) || fabs(v) >= 1000)
		hm_format_value(buf, cap, round(v)); /* 2,624 */
	else
		hm_snprintf_c(buf, cap, "%.3g", v); /* 7.5, 0.0548, 935 */
	return buf;
}

/* A degree of longitude or latitude, rounded to suit a box span degrees
 * across: "92°E" (10 and more), "98.2°E" (1 to 10), "98.25°E" (under 1). */
static const char *degree(char *buf, size_t cap, double v, int lon, double span)
{
	double k = span >= 10 ? 1 : span >= 1 ? 10 : 100, r = round(fabs(v) * k) / k;
	const char *h = r == 0 ? "" : lon ? (v < 0 ? "W" : "E") : (v < 0 ? "S" : "N");

	hm_snprintf_c(buf, cap, "%g\xC2\xB0%s", r, h);
	return buf;
}

/* "from W to E and from S to N" of box b, in S_AREA's or S_INSET's order. */
static void box_degrees(const hm_bbox *b, char w[32], char e[32], char s[32], char n[32])
{
	double span = fmax(hm_bbox_lon_span(b), b->n - b->s);

	degree(w, 32, b->w, 1, span);
	degree(e, 32, b->e, 1, span);
	degree(s, 32, b->s, 0, span);
	degree(n, 32, b->n, 0, span);
}

/* What the values are, as words in a sentence: the legend's caption (else
 * the value column), its first letter lowered when the second is lower
 * case ("Victims" -> "victims", "USD" stays). */
static const char *what(char *buf, size_t cap, const hm_map *m)
{
	const char *w = m->density && m->density->legend_caption[0] ? m->density->legend_caption
			: m->legend_caption[0]			    ? m->legend_caption
			: m->value_column			    ? m->value_column
								    : "sites";

	hm_snprintf_c(buf, cap, "%s", w);
	if (buf[0] >= 'A' && buf[0] <= 'Z' && buf[1] >= 'a' && buf[1] <= 'z')
		buf[0] = (char)(buf[0] - 'A' + 'a');
	return buf;
}

static void area(sbuf *b, const hm_map *m)
{
	char w[32], e[32], s[32], n[32];

	if (m->country)
		add(b, S_COUNTRY, m->country->name);
	else if (m->extent.e - m->extent.w >= 359 && m->extent.n - m->extent.s >= 170)
		add(b, "%s", S_WORLD);
	else {
		box_degrees(&m->extent, w, e, s, n);
		add(b, S_AREA, w, e, s, n);
	}
	if (m->title && m->title[0])
		add(b, S_TITLED, m->title);
	else
		add(b, ".");
}

/* What a list's items are read from: the map, and the sites in order. */
typedef struct {
	const hm_map *m;
	const size_t *idx;
	const char *sep, *last; /* NULL: S_LIST_SEP and S_AND */
} items;

/* "A, B and C", from n items each written by item(). */
static void list(sbuf *b, size_t n, void (*item)(sbuf *, const items *, size_t), const items *it)
{
	for (size_t i = 0; i < n; i++) {
		if (i && i + 1 == n)
			add(b, "%s", it->last ? it->last : S_AND);
		else if (i)
			add(b, "%s", it->sep ? it->sep : S_LIST_SEP);
		item(b, it, i);
	}
}

/* Most countries named; the others are counted. */
#define NAMED_COUNTRIES 5

/* Country idx[i], or after NAMED_COUNTRIES the number of the others. */
static void country_item(sbuf *b, const items *it, size_t i)
{
	char n[64];
	const hm_site_country *c;

	if (i == NAMED_COUNTRIES) {
		size_t rest = it->m->nsite_countries - NAMED_COUNTRIES;
		hm_format_value(n, sizeof(n), (double)rest);
		add(b, S_OTHERS, n, rest == 1 ? "" : "s");
		return;
	}
	c = &it->m->site_countries[it->idx[i]];
	add(b, "%s (%s)", c->name, count_of(n, sizeof(n), (double)c->nsites, "site", "sites"));
}

/* The countries by their number of sites, most first (ties: first met). */
static void countries(sbuf *b, const hm_map *m)
{
	size_t n = m->nsite_countries, *idx = malloc(n * sizeof(size_t));
	items it = {m, idx, NULL, NULL};
	char k[32];

	if (!idx) {
		b->oom = 1;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		size_t j = i;
		for (; j > 0 && m->site_countries[idx[j - 1]].nsites < m->site_countries[i].nsites;
		     j--)
			idx[j] = idx[j - 1];
		idx[j] = i;
	}
	hm_format_value(k, sizeof(k), (double)n);
	add(b, S_COUNTRIES, k);
	list(b, n > NAMED_COUNTRIES ? NAMED_COUNTRIES + 1 : n, country_item, &it);
	add(b, ".");
	free(idx);
}

/* The sites by the value of their symbol, largest first (ties: CSV order). */
static size_t *largest(const hm_map *m, size_t *n)
{
	size_t *idx = malloc((m->nsites ? m->nsites : 1) * sizeof(size_t)), k = 0;

	if (!idx)
		return NULL;
	for (size_t i = 0; i < m->nsites; i++)
		if (m->sites[i].cluster_size > 0 && hm_site_in_frame(m, &m->sites[i]))
			idx[k++] = i;
	/* a partial selection of the first three */
	for (size_t a = 0; a < k && a < 3; a++)
		for (size_t j = a + 1; j < k; j++)
			if (m->sites[idx[j]].symbol_value > m->sites[idx[a]].symbol_value) {
				size_t t = idx[a];
				idx[a] = idx[j];
				idx[j] = t;
			}
	*n = k < 3 ? k : 3;
	return idx;
}

static void site_item(sbuf *b, const items *it, size_t i)
{
	const hm_map *m = it->m;
	const hm_map_site *s = &m->sites[it->idx[i]];
	/* the country is said once when all the sites are in it */
	const char *c = s->country_iso[0] && m->nsite_countries > 1
				? hm_site_country_name(m, s->country_iso)
				: NULL;
	char v[48];

	add(b, "%s", s->name && s->name[0] ? s->name : "an unnamed site");
	if (s->cluster_size > 1)
		add(b, S_NEAR, s->cluster_size - 1, s->cluster_size == 2 ? "" : "s");
	if (c)
		add(b, " in %s", c);
	add(b, " (%s%s)", value_text(v, sizeof(v), s->symbol_value),
	    s->cluster_size > 1 ? S_TOGETHER : "");
}

static void legend_item(sbuf *b, const items *it, size_t i)
{
	char v[48];

	add(b, "%s", value_text(v, sizeof(v), it->m->legend_values[i]));
}

static void points(sbuf *b, const hm_map *m)
{
	char n[64], n2[64], w[160];
	size_t at_sea = 0, outside = 0, unlabelled = 0, symbols = 0, in_clusters = 0, top = 0;
	double total = 0;
	size_t *idx;

	for (size_t i = 0; i < m->nsites; i++) {
		const hm_map_site *s = &m->sites[i];
		if (!hm_site_in_frame(m, s)) {
			outside++;
			continue;
		}
		total += s->value;
		at_sea += !s->country_iso[0];
		if (s->cluster_size > 0) {
			symbols++;
			unlabelled += !s->labelled;
		}
		if (s->cluster_size > 1)
			in_clusters += s->cluster_size;
	}
	count_of(n, sizeof(n), (double)(m->nsites - outside), "site", "sites");
	if (m->counted)
		add(b, S_POINTS_COUNT, n);
	else
		add(b, S_POINTS_SUM, n, what(w, sizeof(w), m));
	if (m->nsite_countries == 1)
		add(b, S_ONE_COUNTRY, m->site_countries[0].name);
	else if (m->nsite_countries > 1)
		countries(b, m);
	else
		add(b, ".");
	if (at_sea && m->nsite_countries)
		add(b, S_AT_SEA, count_of(n, sizeof(n), (double)at_sea, "site", "sites"));
	idx = largest(m, &top);
	if (!idx) {
		b->oom = 1;
		return;
	}
	if (!m->counted && top > 0) {
		sbuf l = {0};
		items it = {m, idx, S_SITE_SEP, S_SITE_AND};
		list(&l, top, site_item, &it);
		if (l.oom)
			b->oom = 1;
		else
			add(b, S_LARGEST, top == 1 ? "is" : "are", l.s);
		free(l.s);
		add(b, S_TOTAL, value_text(n, sizeof(n), total));
	}
	free(idx);
	if (!m->counted && m->nlegend > 0) {
		sbuf l = {0};
		items it = {m, NULL, NULL, NULL};
		list(&l, m->nlegend, legend_item, &it);
		if (l.oom)
			b->oom = 1;
		else
			add(b, S_LEGEND, l.s);
		free(l.s);
	}
	if (in_clusters > 0) {
		size_t groups = 0;
		for (size_t i = 0; i < m->nsites; i++)
			groups += m->sites[i].cluster_size > 1;
		add(b, S_CLUSTERS, count_of(n, sizeof(n), (double)in_clusters, "site", "sites"),
		    count_of(n2, sizeof(n2), (double)groups, "symbol", "symbols"),
		    m->counted ? S_THEIR_NUMBER : S_THEIR_TOTAL);
	}
	if (unlabelled > 0 && symbols > 0)
		add(b, S_UNLABELLED, value_text(n, sizeof(n), (double)unlabelled),
		    count_of(n2, sizeof(n2), (double)symbols, "symbol", "symbols"));
	if (outside > 0)
		add(b, S_OUTSIDE, count_of(n, sizeof(n), (double)outside, "site", "sites"));
}

static void density(sbuf *b, const hm_map *m)
{
	const hm_density *d = m->density;
	char n[64], cell[48], lo[48], hi[48], k[16], w[160];
	const char *shape = d->mode == HM_MODE_GRID ? "squares" : "hexagons";

	count_of(n, sizeof(n), (double)d->sites_in, "site", "sites");
	hm_snprintf_c(cell, sizeof(cell), "%g mm", d->cell_mm);
	hm_snprintf_c(k, sizeof(k), "%d", d->nclasses);
	value_text(lo, sizeof(lo), d->breaks[0]);
	value_text(hi, sizeof(hi), d->breaks[d->nclasses]);
	if (d->mode == HM_MODE_HOTSPOT) {
		size_t hot = 0, cold = 0;
		for (size_t i = 0; i < d->ncells; i++) {
			/* classes 0-2 cold, 3 not significant, 4-6 hot (hotspot.c) */
			hot += d->cells[i].cls > 3;
			cold += d->cells[i].cls < 3;
		}
		{
			char h[32], c[32];
			hm_format_value(h, sizeof(h), (double)hot);
			hm_format_value(c, sizeof(c), (double)cold);
			add(b, S_HOTSPOT, n, cell, h, c);
		}
		return;
	}
	if (d->mode == HM_MODE_KDE) {
		char bw[48];
		hm_snprintf_c(bw, sizeof(bw), "%.3g km", d->bandwidth_km);
		what(w, sizeof(w), m);
		w[strcspn(w, "(")] = '\0'; /* the caption's "(quartic kernel, ...)" is said */
		w[strlen(w) - (strlen(w) && w[strlen(w) - 1] == ' ')] = '\0';
		add(b, S_KDE, n, bw, k, lo, hi, w);
		return;
	}
	if (m->counted)
		add(b, S_DENSITY, n, shape, cell);
	else
		add(b, S_DENSITY_SUM, n, shape, cell, what(w, sizeof(w), m));
	add(b, S_DENSITY_CLASSES, k, lo, hi);
}

/* The insets: what each detail panel enlarges, and the locator. */
static void insets(sbuf *b, const hm_map *m)
{
	for (size_t i = 0; i < m->ninsets; i++) {
		const hm_map *im = m->insets[i];
		char w[32], e[32], s[32], n[32], k[64];
		size_t in = 0;

		if (m->inset_kind[i] == HM_INSET_LOCATOR) {
			add(b, "%s", S_LOCATOR);
			continue;
		}
		for (size_t j = 0; j < im->nsites; j++)
			in += hm_site_in_frame(im, &im->sites[j]);
		box_degrees(&im->extent, w, e, s, n);
		add(b, S_INSET, w, e, s, n, count_of(k, sizeof(k), (double)in, "site", "sites"));
	}
}

char *hm_alt_text_make(const hm_map *m, size_t rows_skipped)
{
	sbuf b = {0};

	area(&b, m);
	if (m->density)
		density(&b, m);
	else
		points(&b, m);
	insets(&b, m);
	if (rows_skipped > 0) {
		char n[64];
		add(&b, S_SKIPPED, count_of(n, sizeof(n), (double)rows_skipped, "row", "rows"));
	}
	if (b.oom) {
		free(b.s);
		return NULL;
	}
	return b.s;
}
