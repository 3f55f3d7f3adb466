/* The one rule that gives a site its country (assign.h). */
#include "assign.h"

#include <string.h>

long hm_assign_country(hm_layer *layer, const hm_site *s, double near_km, hm_assign_memo *memo,
		       hm_assign_how *how, int *unknown_name)
{
	hm_assign_how h = HM_ASSIGN_NONE;
	long f = -1;

	if (unknown_name)
		*unknown_name = 0;
	if (s->country && s->country[0]) {
		if (memo && memo->name && strcmp(s->country, memo->name) == 0) {
			f = memo->feature;
		} else {
			f = hm_layer_find_name(layer, s->country);
			if (memo)
				*memo = (hm_assign_memo){s->country, f};
		}
		if (f >= 0)
			h = HM_ASSIGN_NAMED;
		else if (unknown_name)
			*unknown_name = 1;
	}
	if (f < 0 && (f = hm_layer_find_point(layer, s->lon, s->lat)) >= 0)
		h = HM_ASSIGN_INSIDE;
	if (f < 0 && near_km > 0 && (f = hm_layer_find_near(layer, s->lon, s->lat, near_km)) >= 0)
		h = HM_ASSIGN_NEAR;
	if (how)
		*how = h;
	return f;
}
