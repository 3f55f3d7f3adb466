/* Clusters: sites whose symbols would overlap at the map's scale drawn as
 * one symbol sized by their sum, labelled with the largest member and a
 * count ("KK Park +2"). */
#ifndef HM_CLUSTER_H
#define HM_CLUSTER_H

#include "map_priv.h"

/* The distance (mm on the page) within which sites merge when a crowd is
 * clustered because no symbol size can show it (hm_map_opts.cluster_mm 0). */
#define HM_CLUSTER_AUTO_MM 1.0

/* Merge the sites of m in its frame (projected, values and m->rmax set):
 * in order of weight (value, or 1 when counted; ties by latitude,
 * longitude, name, line: the same clusters whatever the rows' order), each
 * site not yet taken starts a cluster that takes every site within d_px of
 * it; then, until no two symbols overlap, each cluster takes the clusters
 * whose symbols (sized by the sums) overlap its own. Sets each site's
 * cluster fields, m->vmax (the largest sum, unless max_value > 0) and the
 * radii, and the representatives' labels ("Name +N"). -1 out of memory. */
int hm_cluster_sites(hm_map *m, double d_px, double max_value);

#endif
