/* The map's text alternative (alttext.c): plain-language sentences made from
 * what was drawn, for the manifest, the SVG's <desc>, the PDF's metadata and
 * the batch's index.html. */
#ifndef HM_ALTTEXT_H
#define HM_ALTTEXT_H

#include "map_priv.h"

/* The alt text of laid-out map m, rows_skipped: the CSV's rows left out as
 * bad. @return a malloc'd string, or NULL when out of memory. */
char *hm_alt_text_make(const hm_map *m, size_t rows_skipped);

#endif
