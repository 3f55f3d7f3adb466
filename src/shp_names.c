/* Record names from the .dbf. Natural Earth before 4.0 ships no .cpg and
 * writes Windows-1252; later files are UTF-8 and say so. */
#include "shp_names.h"

#include "context.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int valid_utf8(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	while (*u) {
		int n = *u < 0x80	      ? 0
			: (*u & 0xE0) == 0xC0 ? 1
			: (*u & 0xF0) == 0xE0 ? 2
			: (*u & 0xF8) == 0xF0 ? 3
					      : -1;
		if (n < 0)
			return 0;
		for (int k = 1; k <= n; k++)
			if ((u[k] & 0xC0) != 0x80)
				return 0;
		u += n + 1;
	}
	return 1;
}

static char *to_utf8(hm_shp_names *tc, const char *s)
{
	size_t in_left, out_left, cap;
	char *out, *ip, *op;

	if (!s)
		s = "";
	if (tc->cd == (iconv_t)-1 || (tc->guess && valid_utf8(s)))
		return valid_utf8(s) ? hm_strdup(s) : hm_strdup("?");
	in_left = strlen(s);
	cap = in_left * 4 + 1;
	out = malloc(cap);
	if (!out)
		return NULL;
	ip = (char *)s;
	op = out;
	out_left = cap - 1;
	iconv(tc->cd, NULL, NULL, NULL, NULL);
	while (in_left > 0) {
		if (iconv(tc->cd, &ip, &in_left, &op, &out_left) == (size_t)-1) {
			if (errno != EILSEQ && errno != EINVAL)
				break;
			/* a byte Windows-1252 leaves undefined */
			*op++ = '?';
			out_left--;
			ip++;
			in_left--;
		}
	}
	*op = '\0';
	return out;
}

static void text_conv_open(hm_shp_names *tc, DBFHandle dbf)
{
	const char *cp = DBFGetCodePage(dbf);

	tc->cd = (iconv_t)-1;
	tc->guess = 0;
	if (cp && (strcasecmp(cp, "UTF-8") == 0 || strcasecmp(cp, "UTF8") == 0 ||
		   strcmp(cp, "65001") == 0))
		return;
	if (cp && strncmp(cp, "LDID/", 5) != 0) {
		char name[64];
		snprintf(name, sizeof(name), "%s%s", isdigit((unsigned char)cp[0]) ? "CP" : "", cp);
		tc->cd = iconv_open("UTF-8", name);
		if (tc->cd != (iconv_t)-1)
			return;
	}
	/* No .cpg (Natural Earth before 4.0): Windows-1252, unless the bytes
	 * are valid UTF-8, which Windows-1252 names almost never are. */
	tc->cd = iconv_open("UTF-8", "CP1252");
	tc->guess = 1;
}

static int find_field(DBFHandle dbf, const char *const *names)
{
	for (int k = 0; names[k]; k++) {
		int i = DBFGetFieldIndex(dbf, names[k]);
		if (i >= 0)
			return i;
	}
	return -1;
}

/* other names a CSV may use: NAME is "Lao PDR" where ADMIN is "Laos" */
static const char *const alt_fields[3] = {"ADMIN", "NAME_LONG", "FORMAL_EN"};

void hm_shp_names_open(hm_shp_names *n, DBFHandle dbf, const char *name_field)
{
	static const char *const name_fields[] = {"NAME", "ADMIN", "NAME_LONG", "NAME_EN", NULL};
	static const char *const iso_fields[] = {"ISO_A3", "ISO_A3_EH", "ADM0_A3", NULL};
	static const char *const adm_fields[] = {"ADM0_A3", "GU_A3", NULL};

	n->dbf = dbf;
	n->fname = name_field ? DBFGetFieldIndex(dbf, name_field) : find_field(dbf, name_fields);
	for (int k = 0; k < 3; k++)
		n->falt[k] = DBFGetFieldIndex(dbf, alt_fields[k]);
	n->fiso = find_field(dbf, iso_fields);
	n->fadm = find_field(dbf, adm_fields);
	text_conv_open(n, dbf);
}

/* The ISO code, where Natural Earth's ISO_A3 says -99 (France, Norway,
 * Kosovo), from its ADM0_A3. */
static void read_iso(hm_shp_names *n, int rec, hm_feature *f)
{
	const char *iso;

	if (n->fiso < 0)
		return;
	iso = DBFReadStringAttribute(n->dbf, rec, n->fiso);
	if ((!iso || strncmp(iso, "-99", 3) == 0 || !iso[0]) && n->fadm >= 0)
		iso = DBFReadStringAttribute(n->dbf, rec, n->fadm);
	if (iso && strncmp(iso, "-99", 3) != 0)
		snprintf(f->iso_a3, sizeof(f->iso_a3), "%.3s", iso);
}

int hm_shp_names_read(hm_shp_names *n, int rec, hm_feature *f)
{
	f->name = to_utf8(n, n->fname >= 0 ? DBFReadStringAttribute(n->dbf, rec, n->fname) : "");
	read_iso(n, rec, f);
	if (!f->name)
		return -1;
	for (int k = 0, a = 0; k < 3; k++) {
		char *alt;
		if (n->falt[k] < 0 || n->falt[k] == n->fname)
			continue;
		alt = to_utf8(n, DBFReadStringAttribute(n->dbf, rec, n->falt[k]));
		if (alt && alt[0] && strcmp(alt, f->name) != 0)
			f->alt_names[a++] = alt;
		else
			free(alt);
	}
	return 0;
}

void hm_shp_names_close(hm_shp_names *n)
{
	if (n->cd != (iconv_t)-1)
		iconv_close(n->cd);
	n->cd = (iconv_t)-1;
}
