/* The names and ISO codes of a shapefile's records, from its .dbf, as
 * UTF-8: hotmap's shipped countries (NAME, ISO_A3) and genuine Natural Earth
 * downloads (ADMIN/NAME/ISO_A3/ADM0_A3; .cpg, or Windows-1252 without). */
#ifndef HM_SHP_NAMES_H
#define HM_SHP_NAMES_H

#include "shapes_priv.h"

#include <iconv.h>
#include <shapefil.h>

typedef struct {
	DBFHandle dbf;
	iconv_t cd;			/* (iconv_t)-1 when the file is UTF-8 */
	int guess;			/* no .cpg: UTF-8 if the bytes are, else Windows-1252 */
	int fname, fiso, fadm, falt[3]; /* field indices, -1 when absent */
} hm_shp_names;

/* Find the fields and the text encoding of dbf (which must outlive n);
 * name_field (NULL: the usual ones) names the records. */
void hm_shp_names_open(hm_shp_names *n, DBFHandle dbf, const char *name_field);

/* Fill f's name, ISO code and other names from record rec; returns 0, or
 * -1 when out of memory (f->name NULL). */
int hm_shp_names_read(hm_shp_names *n, int rec, hm_feature *f);

void hm_shp_names_close(hm_shp_names *n);

#endif
