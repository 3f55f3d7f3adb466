/* Which country each site belongs to: the one rule that every map, every
 * batch and every manifest follow. The country the CSV names (a name, an
 * alias or an ISO code of the shapes), else the country the site lies in,
 * else the nearest country within near_km (coarse borders, sites on a
 * coast). */
#ifndef HOTMAP_ASSIGN_H
#define HOTMAP_ASSIGN_H

#include "hotmap/common.h"
#include "hotmap/sites.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Each site's country by the rule above, from the countries of the
 * shapefile shapes (NULL: the shipped 1:10m countries in shapes_dir, NULL
 * for the default folder), as the batch decides it. A country name that the
 * shapes do not know, and a site in no country, are warned about through
 * ctx's log with file:line.
 * @param iso receives sites->count ISO 3166 alpha-3 codes, "" for a site
 *        in no country; the caller's array
 * @param nassigned receives the number of sites with a country (may be NULL)
 * @return 0, HM_EDATA or HM_EIO (the shapefile) or HM_ENOMEM */
HM_EXTERN int hm_assign_sites(char (*iso)[8], size_t *nassigned, hm_ctx *ctx, const hm_sites *sites,
			      const char *shapes, const char *shapes_dir, double near_km);

#ifdef __cplusplus
}
#endif
#endif
