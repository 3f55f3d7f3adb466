/* Manifest: a small JSON writer; the values come straight from the layout
 * that was drawn, so the manifest and the images cannot disagree. */
#include "hotmap/manifest.h"

#include "context.h"
#include "density.h"
#include "map_priv.h"
#include "numfmt.h"
#include "provinces.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void jstr(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p == '\t')
			fputs("\\t", f);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

/* JSON has no infinities: unprojectable points are null. */
static void jnum(FILE *f, double v)
{
	if (isfinite(v) && v != HUGE_VAL)
		fprintf(f, "%.3f", v);
	else
		fputs("null", f);
}

/* The JSON text of a map; the caller has made the numbers print as in C. */
/* The map's layers, bottom first: [{"id": ..., "kind": ...}, ...]. */
static void write_layers(FILE *f, const hm_map *m)
{
	fputc('[', f);
	for (size_t i = 0; i < m->nlayers; i++) {
		fputs(i ? ", {\"id\": " : "{\"id\": ", f);
		jstr(f, m->layers[i].name);
		fputs(", \"kind\": ", f);
		jstr(f, m->layers[i].kind->name);
		fputc('}', f);
	}
	fputc(']', f);
}

/* Placed names (countries', provinces'): [{name, x, y, width, height}]. */
static void write_names(FILE *f, const hm_map_country_label *l, size_t n)
{
	fputc('[', f);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ", {\"name\": " : "{\"name\": ", f);
		jstr(f, l[i].name);
		fprintf(f, ", \"x\": %.3f, \"y\": %.3f, \"width\": %.3f, \"height\": %.3f}",
			l[i].box[0], l[i].box[1], l[i].box[2], l[i].box[3]);
	}
	fputc(']', f);
}

/* The CRS, transform, frame, size and extent. */
static void write_frame(FILE *f, const hm_map *m)
{
	fputs("{\n  \"generator\": ", f);
	jstr(f, "hotmap " HOTMAP_VERSION);
	fputs(",\n  \"crs\": ", f);
	jstr(f, hm_proj_definition(m->proj));
	fputs(",\n  \"projection\": {\"description\": ", f);
	jstr(f, hm_proj_description(m->proj));
	fprintf(f, ", \"auto\": %s},\n", hm_proj_is_auto(m->proj) ? "true" : "false");
	fputs("  \"transform\": [", f);
	for (int i = 0; i < 6; i++)
		fprintf(f, "%s%.17g", i ? ", " : "", m->t[i]);
	fprintf(f,
		"],\n  \"frame\": {\"x\": %.3f, \"y\": %.3f, \"width\": %.3f, "
		"\"height\": %.3f},\n",
		m->frame[0], m->frame[1], m->frame[2], m->frame[3]);
	fprintf(f, "  \"width\": %.0f,\n  \"height\": %.0f,\n  \"dpi\": %g,\n", m->width, m->height,
		m->dpi);
	fprintf(f, "  \"extent\": [%.6f, %.6f, %.6f, %.6f],\n", m->extent.w, m->extent.s,
		m->extent.e, m->extent.n);
	fputs("  \"shapes\": ", f);
	jstr(f, m->shapes_path);
	fprintf(f,
		",\n  \"scale\": %.0f,\n  \"max_value\": %.17g,\n"
		"  \"r_max\": %.6f,\n",
		m->scale, m->vmax, m->rmax);
	fputs("  \"value_column\": ", f);
	if (m->value_column)
		jstr(f, m->value_column);
	else
		fputs("null", f);
	fprintf(f,
		",\n  \"aggregate\": \"%s\",\n"
		"  \"crowding\": {\"r_max_style\": %.6f, \"r_max\": %.6f, \"covered\": %.4f},\n"
		"  \"sites\": [",
		m->counted ? "count" : "sum", m->rmax_style, m->rmax, m->covered);
}

/* Every site: position, radius, country, label. */
static void write_sites(FILE *f, const hm_map *m)
{
	for (size_t i = 0; i < m->nsites; i++) {
		const hm_map_site *s = &m->sites[i];
		fputs(i ? ",\n    {\"name\": " : "\n    {\"name\": ", f);
		jstr(f, s->name);
		fprintf(f, ", \"lon\": %.7g, \"lat\": %.7g, \"value\": %.17g, \"x\": ", s->lon,
			s->lat, s->value);
		jnum(f, s->x);
		fputs(", \"y\": ", f);
		jnum(f, s->y);
		fprintf(f, ", \"r\": %.3f, \"country\": ", s->r);
		jstr(f, s->country_iso);
		if (m->prov_file) {
			fputs(", \"province\": ", f);
			if (s->province)
				jstr(f, s->province);
			else
				fputs("null", f);
		}
		fprintf(f, ", \"line\": %zu, \"label\": ", s->line);
		if (s->labelled) {
			fputs("{\"text\": ", f);
			jstr(f, s->label);
			fprintf(f,
				", \"x\": %.3f, \"y\": %.3f, \"width\": %.3f, "
				"\"height\": %.3f, \"leader\": %s}",
				s->label_box[0], s->label_box[1], s->label_box[2], s->label_box[3],
				s->leader ? "true" : "false");
		} else {
			fputs("null", f);
		}
		if (s->category) {
			fputs(", \"category\": ", f);
			jstr(f, s->category);
		}
		if (m->clustered)
			fprintf(f, ", \"cluster_of\": %zu", s->cluster_of);
		if (m->true_xy) {
			fputs(", \"true_x\": ", f);
			jnum(f, m->true_xy[2 * i]);
			fputs(", \"true_y\": ", f);
			jnum(f, m->true_xy[2 * i + 1]);
		}
		fputc('}', f);
	}
	fputs(m->nsites ? "\n  ],\n" : "],\n", f);
}

/* Legend, scale bar, north arrow, country names, legend box. */
static void write_furniture(FILE *f, const hm_map *m)
{
	fputs("  \"legend\": {\"values\": [", f);
	for (size_t i = 0; i < m->nlegend; i++)
		fprintf(f, "%s%.17g", i ? ", " : "", m->legend_values[i]);
	fputs("], \"radii\": [", f);
	for (size_t i = 0; i < m->nlegend; i++)
		fprintf(f, "%s%.3f", i ? ", " : "", m->legend_radii[i]);
	fputs("]},\n  \"scaling\": ", f);
	jstr(f, m->look.scaling == HM_SCALING_FLANNERY ? "flannery" : "area");
	fprintf(f, ",\n  \"scalebar\": ");
	if (m->scalebar_km > 0 || m->scalebar_mi > 0)
		fprintf(f,
			"{\"km\": %.17g, \"km_px\": %.3f, \"mi\": %.17g, \"mi_px\": %.3f, "
			"\"box\": {\"x\": %.3f, \"y\": %.3f, \"width\": %.3f, \"height\": %.3f}}",
			m->scalebar_km, m->scalebar_km > 0 ? m->scalebar_px : 0, m->scalebar_mi,
			m->scalebar_mi > 0 ? m->scalebar_mi_px : 0, m->scalebar_box[0],
			m->scalebar_box[1], m->scalebar_box[2], m->scalebar_box[3]);
	else
		fputs("null", f);
	/* where north points, in degrees clockwise from up */
	fprintf(f, ",\n  \"north_arrow\": ");
	if (m->north[2] > 0)
		fprintf(f, "{\"x\": %.3f, \"y\": %.3f, \"length\": %.3f, \"angle\": %.3f}",
			m->north[0], m->north[1], m->north[2],
			m->north[3] * 180 / 3.14159265358979323846);
	else
		fputs("null", f);
	fputs(",\n  \"country_labels\": ", f);
	write_names(f, m->country_labels, m->ncountry_labels);
	fputs(",\n  \"legend_box\": ", f);
	if (m->legend_box[2] > 0)
		fprintf(f, "{\"x\": %.3f, \"y\": %.3f, \"width\": %.3f, \"height\": %.3f}",
			m->legend_box[0], m->legend_box[1], m->legend_box[2], m->legend_box[3]);
	else
		fputs("null", f);
	fprintf(f, ",\n  \"missing_glyphs\": %zu", m->missing_glyphs);
	fputs(",\n  \"alt_text\": ", f);
	if (m->alt_text)
		jstr(f, m->alt_text);
	else
		fputs("null", f);
}

/* A locator's mark of the main map: the outline of its frame (a closed
 * ring, or lines where it crosses the locator's seam) or a dot and ring. */
static void write_outline(FILE *f, const hm_map *im)
{
	const hm_pxpath *o = &im->outline;

	fputs(", \"outline\": ", f);
	if (im->mark[2] > 0) {
		fprintf(f, "{\"kind\": \"mark\", \"x\": %.3f, \"y\": %.3f, \"r\": %.3f}",
			im->mark[0], im->mark[1], im->mark[2]);
		return;
	}
	if (!o->nrings) {
		fputs("null", f);
		return;
	}
	fprintf(f, "{\"kind\": \"%s\", \"%s\": [", o->closed ? "ring" : "lines",
		o->closed ? "points" : "lines");
	for (size_t r = 0; r < o->nrings; r++) {
		size_t a = o->rings[r], b = r + 1 < o->nrings ? o->rings[r + 1] : o->npts;
		if (!o->closed)
			fputs(r ? ", [" : "[", f);
		for (size_t i = a; i < b; i++)
			fprintf(f, "%s[%.2f, %.2f]", i > a ? ", " : "", o->pts[2 * i],
				o->pts[2 * i + 1]);
		if (!o->closed)
			fputc(']', f);
	}
	fputs("]}", f);
}

/* Inset i of m: its kind, extent, CRS, transform, frame, source box, the
 * symbols inside its frame and its layers. */
static void write_inset(FILE *f, const hm_map *m, size_t i)
{
	const hm_map *im = m->insets[i];
	const double *sb = m->inset_source[i];
	int first = 1;
	fprintf(f,
		"%s\n    {\"kind\": \"%s\", \"extent\": [%.6f, %.6f, %.6f, %.6f], "
		"\"crs\": ",
		i ? "," : "", m->inset_kind[i] == HM_INSET_LOCATOR ? "locator" : "detail",
		im->extent.w, im->extent.s, im->extent.e, im->extent.n);
	jstr(f, hm_proj_definition(im->proj));
	fputs(", \"transform\": [", f);
	for (int k = 0; k < 6; k++)
		fprintf(f, "%s%.17g", k ? ", " : "", im->t[k]);
	fprintf(f,
		"], \"frame\": {\"x\": %.3f, \"y\": %.3f, \"width\": %.3f, "
		"\"height\": %.3f}",
		im->frame[0], im->frame[1], im->frame[2], im->frame[3]);
	if (m->inset_kind[i] == HM_INSET_DETAIL)
		fprintf(f,
			", \"source\": {\"x\": %.3f, \"y\": %.3f, \"width\": %.3f, "
			"\"height\": %.3f}",
			sb[0], sb[1], sb[2], sb[3]);
	else
		write_outline(f, im);
	fputs(", \"sites\": [", f);
	for (size_t j = 0; j < im->nsites && !im->hide_symbols; j++) {
		const hm_map_site *s = &im->sites[j];
		if (!hm_site_in_frame(im, s))
			continue;
		fputs(first ? "{\"name\": " : ", {\"name\": ", f);
		first = 0;
		jstr(f, s->name);
		fprintf(f, ", \"x\": %.3f, \"y\": %.3f, \"r\": %.3f, \"label\": ", s->x, s->y,
			s->r);
		if (s->labelled)
			fprintf(f,
				"{\"x\": %.3f, \"y\": %.3f, \"width\": %.3f, "
				"\"height\": %.3f}",
				s->label_box[0], s->label_box[1], s->label_box[2], s->label_box[3]);
		else
			fputs("null", f);
		fputc('}', f);
	}
	fputs("], \"layers\": ", f);
	write_layers(f, im);
	fputc('}', f);
}

/* A country's map: its parts, those kept and those left out (null when
 * the map is not a country's). */
static void write_country(FILE *f, const hm_map *m)
{
	const hm_country_fit *c = m->country;

	fputs(",\n  \"country\": ", f);
	if (!c) {
		fputs("null", f);
		return;
	}
	fputs("{\"iso\": ", f);
	jstr(f, c->iso);
	fputs(", \"name\": ", f);
	jstr(f, c->name);
	fprintf(f,
		", \"parts\": %zu, \"parts_kept\": %zu, \"area_km2\": %.0f, "
		"\"area_kept_km2\": %.0f, \"extent\": [%.6f, %.6f, %.6f, %.6f], \"left_out\": [",
		c->nparts, c->nkept, c->area_km2, c->kept_km2, c->extent.w, c->extent.s,
		c->extent.e, c->extent.n);
	for (size_t i = 0; i < c->nleft_out; i++) {
		const hm_country_part *p = &c->left_out[i];
		fprintf(f, "%s{\"box\": [%.6f, %.6f, %.6f, %.6f], \"area_km2\": %.1f}",
			i ? ", " : "", p->box[0], p->box[1], p->box[2], p->box[3], p->area_km2);
	}
	fputs("]}", f);
}

/* The provinces: the file, its name field, and per province with sites
 * their count and sum; null without a province file. */
static void write_provinces(FILE *f, const hm_map *m)
{
	hm_province_tally *t = NULL;
	size_t n;

	fputs(",\n  \"provinces\": ", f);
	if (!m->prov_file) {
		fputs("null", f);
		return;
	}
	n = hm_provinces_tally(m, &t);
	if (n == (size_t)-1)
		n = 0;
	fputs("{\"file\": ", f);
	jstr(f, m->prov_file);
	fputs(", \"field\": ", f);
	jstr(f, m->prov_field);
	fputs(", \"with_sites\": [", f);
	for (size_t k = 0; k < n; k++) {
		fputs(k ? ",\n    {\"name\": " : "\n    {\"name\": ", f);
		jstr(f, t[k].name);
		fprintf(f, ", \"sites\": %zu, \"total\": %.17g}", t[k].sites, t[k].total);
	}
	fputs(n ? "\n  ], \"labels\": " : "], \"labels\": ", f);
	write_names(f, m->province_labels, m->nprovince_labels);
	fputc('}', f);
	free(t);
}

/* Each symbol of a clustered map: the site drawn (its index), the sum
 * and the CSV lines of the sites it stands for. */
static void write_clusters(FILE *f, const hm_map *m)
{
	size_t n = 0, *start, *idx;

	if (!m->clustered)
		return;
	/* the members of each symbol, by a counting sort on cluster_of */
	start = calloc(m->nsites + 1, sizeof(size_t));
	idx = malloc((m->nsites ? m->nsites : 1) * sizeof(size_t));
	if (!start || !idx) {
		free(start);
		free(idx);
		return; /* the manifest stays valid JSON, without the list */
	}
	for (size_t j = 0; j < m->nsites; j++)
		start[m->sites[j].cluster_of + 1]++;
	for (size_t j = 0; j < m->nsites; j++)
		start[j + 1] += start[j];
	for (size_t j = 0, *fill = start; j < m->nsites; j++)
		idx[fill[m->sites[j].cluster_of]++] = j;
	for (size_t j = m->nsites; j > 0; j--)
		start[j] = start[j - 1];
	start[0] = 0;
	fputs(",\n  \"clusters\": [", f);
	for (size_t i = 0; i < m->nsites; i++) {
		const hm_map_site *s = &m->sites[i];
		size_t k = 0;
		if (s->cluster_size == 0 || s->cluster_of != i)
			continue;
		fputs(n++ ? ",\n    {\"site\": " : "\n    {\"site\": ", f);
		fprintf(f, "%zu, \"name\": ", i);
		jstr(f, s->name);
		fprintf(f, ", \"value\": %.17g, \"count\": %zu, \"r\": %.3f, \"lines\": [",
			s->symbol_value, s->cluster_size, s->r);
		for (size_t q = start[i]; q < start[i + 1]; q++)
			fprintf(f, "%s%zu", k++ ? ", " : "", m->sites[idx[q]].line);
		fputs("]}", f);
	}
	fputs(n ? "\n  ]" : "]", f);
	free(start);
	free(idx);
}

/* A density surface: its cells (centre, grid index, value, class), the
 * class breaks and colours. */
static void write_density(FILE *f, const hm_map *m)
{
	const hm_density *d = m->density;

	if (!d)
		return;
	fprintf(f,
		",\n  \"density\": {\"mode\": \"%s\", \"cell_px\": %.3f, \"cell_mm\": %g, "
		"\"cell_km\": %.3f, \"palette\": \"%s\", \"sites\": %zu, \"total\": %.17g,\n",
		d->mode == HM_MODE_KDE	    ? "kde"
		: d->mode == HM_MODE_HEXBIN ? "hexbin"
		: d->mode == HM_MODE_GRID   ? "grid"
					    : "hotspot",
		d->cell_px, d->cell_mm, d->cell_km, d->palette, d->sites_in, d->total);
	fputs("    \"projected\": ", f);
	if (d->lattice_cells)
		fprintf(f, "{\"by\": \"lattice\", \"cells\": %d, \"max_error_px\": %.3g},\n",
			d->lattice_cells, d->lattice_error);
	else
		fputs("{\"by\": \"proj\"},\n", f);
	fputs("    \"breaks\": [", f);
	for (int k = 0; k <= d->nclasses; k++)
		fprintf(f, "%s%.17g", k ? ", " : "", d->breaks[k]);
	fputs("], \"colors\": [", f);
	for (int k = 0; k < d->nclasses; k++)
		fprintf(f, "%s\"#%02x%02x%02x\"", k ? ", " : "", (int)lround(d->colors[k][0] * 255),
			(int)lround(d->colors[k][1] * 255), (int)lround(d->colors[k][2] * 255));
	if (d->mode == HM_MODE_HOTSPOT)
		fprintf(f, "], \"p_cut\": {\"90\": %.17g, \"95\": %.17g, \"99\": %.17g",
			d->p_cut[0], d->p_cut[1], d->p_cut[2]);
	fputs(d->mode == HM_MODE_HOTSPOT ? "}, \"legend\": [" : "], \"legend\": [", f);
	for (int k = 0; k < d->nclasses; k++) {
		char text[96];
		hm_density_class_text(m, k, text, sizeof(text));
		fputs(k ? ", " : "", f);
		jstr(f, text);
	}
	if (d->mode == HM_MODE_KDE) {
		/* a raster of thousands of cells: its figures, not its cells */
		fprintf(f,
			"],\n    \"kernel\": \"quartic\", \"bandwidth_km\": %.17g, \"integral\": "
			"%.17g, \"unit_km2\": %.17g, \"ncells\": %zu, \"max\": %.17g}",
			d->bandwidth_km, d->integral, d->unit_km2, d->ncells,
			d->nclasses ? d->breaks[d->nclasses] : 0);
		return;
	}
	fputs("],\n    \"cells\": [", f);
	for (size_t i = 0; i < d->ncells; i++) {
		const hm_density_cell *c = &d->cells[i];
		fprintf(f,
			"%s{\"i\": %ld, \"j\": %ld, \"x\": %.3f, \"y\": %.3f, \"value\": %.17g, "
			"\"class\": %d",
			i ? ",\n      " : "\n      ", c->i, c->j, c->x, c->y, c->value, c->cls);
		if (d->mode == HM_MODE_HOTSPOT)
			fprintf(f, ", \"z\": %.17g, \"p\": %.17g, \"neighbours\": %d", c->z, c->p,
				c->neighbours);
		fputc('}', f);
	}
	fputs(d->ncells ? "\n    ]}" : "]}", f);
}

static void write_manifest(FILE *f, const hm_map *m)
{
	write_frame(f, m);
	write_sites(f, m);
	write_furniture(f, m);
	fputs(",\n  \"insets\": [", f);
	for (size_t i = 0; i < m->ninsets; i++)
		write_inset(f, m, i);
	fputs(m->ninsets ? "\n  ]" : "]", f);
	fputs(",\n  \"highlighted\": [", f);
	for (size_t i = 0; i < m->nhighlighted; i++) {
		if (i)
			fputs(", ", f);
		jstr(f, m->highlighted[i]);
	}
	fputs("]", f);
	write_country(f, m);
	write_provinces(f, m);
	write_clusters(f, m);
	write_density(f, m);
	if (m->dorling)
		fprintf(f,
			",\n  \"dorling\": {\"bound\": %.3f, \"max\": %.3f, \"mean\": %.3f, "
			"\"moved\": %zu, \"overlaps\": %zu}",
			m->dorling_bound, m->dorling_max, m->dorling_mean, m->dorling_moved,
			m->dorling_overlaps);
	fputs(",\n  \"layers\": ", f);
	write_layers(f, m);
	fputs("\n}\n", f);
}

int hm_manifest_buffer(char **out, size_t *len, hm_ctx *ctx, const hm_map *m)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	locale_t saved;

	*out = NULL;
	if (!f)
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	/* JSON wants '.' whatever the caller's LC_NUMERIC */
	saved = hm_numfmt_begin();
	write_manifest(f, m);
	hm_numfmt_end(saved);
	if (fclose(f) != 0 || !buf) {
		free(buf);
		return hm_error(ctx, HM_ENOMEM, "out of memory");
	}
	*out = buf;
	*len = n;
	return HM_OK;
}
