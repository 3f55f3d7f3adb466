/* The order of a map's layers: the one place that says which layers a map
 * has and which is drawn over which (layer.h). */
#include "layers.h"

#include <stdio.h>

static void add(hm_map *m, const hm_layer_kind *kind, const void *data, const char *name)
{
	hm_map_layer *l;

	if (m->nlayers >= HM_MAX_MAP_LAYERS)
		return;
	l = &m->layers[m->nlayers++];
	l->kind = kind;
	l->data = data;
	snprintf(l->name, sizeof(l->name), "%s", name ? name : kind->name);
}

static void add_style(hm_map *m, int above)
{
	for (size_t k = 0; k < m->nextra; k++)
		if (m->extra[k].style->above_borders == above)
			add(m, above ? &hm_layer_style_over : &hm_layer_style_under, &m->extra[k],
			    m->extra[k].style->name);
}

void hm_layers_assemble(hm_map *m)
{
	size_t labelled = 0;

	m->nlayers = 0;
	add(m, &hm_layer_sea, NULL, NULL);
	if (m->nfeatures)
		add(m, &hm_layer_land, NULL, NULL);
	if (m->graticule.nrings)
		add(m, &hm_layer_graticule, &m->graticule, NULL);
	add_style(m, 0);
	if (m->density)
		add(m, &hm_layer_density, m->density, NULL);
	if (m->nprov_paths)
		add(m, &hm_layer_provinces, NULL, NULL);
	if (m->nfeatures)
		add(m, &hm_layer_borders, NULL, NULL);
	if (m->sphere.nrings)
		add(m, &hm_layer_globe_edge, &m->sphere, NULL);
	add_style(m, 1);
	if (m->nprovince_labels)
		add(m, &hm_layer_province_names, NULL, NULL);
	if (m->ncountry_labels)
		add(m, &hm_layer_country_names, NULL, NULL);
	if (!m->hide_symbols && m->true_xy)
		add(m, &hm_layer_displacement, NULL, NULL);
	if (!m->hide_symbols && m->nsites)
		add(m, &hm_layer_symbols, NULL, NULL);
	if (m->outline.nrings || m->mark[2] > 0)
		add(m, &hm_layer_locator_frame, &m->outline, NULL);
	for (size_t i = 0; i < m->nsites; i++)
		labelled += m->sites[i].labelled;
	if (labelled)
		add(m, &hm_layer_site_labels, NULL, NULL);
	if (m->ngrat_labels)
		add(m, &hm_layer_graticule_labels, NULL, NULL);
}
