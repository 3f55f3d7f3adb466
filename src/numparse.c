/* Numbers as spreadsheets write them. strtod alone would accept "nan", "inf",
 * hex and locale-dependent forms, and would stop at a thousands separator, so
 * the text is checked against the forms we accept and normalised first.
 * Also the library's locale-independent strtod and snprintf (numfmt.h). */
#define _GNU_SOURCE /* strtod_l */
#include "hotmap/sites.h"
#include "numfmt.h"

#include <ctype.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The C locale, made once: a read-only object (glibc hands out its static
 * one), shared by every thread. (locale_t)0 if it could not be made. */
static locale_t c_locale;

static void make_c_locale(void)
{
	c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

static locale_t get_c_locale(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, make_c_locale);
	return c_locale;
}

/* Plain decimals ("-12.3456") of at most 15 digits: the digits as an
 * integer, divided by a power of ten; both are exact doubles, so the one
 * rounding is strtod's (Clinger's fast path), at a tenth of its cost. 1 and
 * the value, or 0 for anything else. */
static int fast_decimal(const char *s, char **end, double *out)
{
	static const double p10[16] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,	 1e6,  1e7,
				       1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
	const char *p = s;
	uint64_t mant = 0;
	int digits = 0, frac = 0, neg = 0;

	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	for (; *p >= '0' && *p <= '9'; p++, digits++)
		mant = mant * 10 + (uint64_t)(*p - '0');
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++, digits++, frac++)
			mant = mant * 10 + (uint64_t)(*p - '0');
	if (digits == 0 || digits > 15 || *p == 'e' || *p == 'E' || *p == 'x' || *p == 'X' ||
	    *p == 'p' || *p == 'P' || *p == '.')
		return 0;
	*out = (double)mant / p10[frac];
	if (neg)
		*out = -*out;
	if (end)
		*end = (char *)p;
	return 1;
}

double hm_strtod(const char *s, char **end)
{
	locale_t c = get_c_locale();
	double v;

	if (fast_decimal(s, end, &v))
		return v;
	return c ? strtod_l(s, end, c) : strtod(s, end);
}

locale_t hm_numfmt_begin(void)
{
	locale_t c = get_c_locale();

	return c ? uselocale(c) : (locale_t)0;
}

void hm_numfmt_end(locale_t saved)
{
	if (saved)
		uselocale(saved);
}

int hm_vsnprintf_c(char *buf, size_t cap, const char *fmt, va_list ap)
{
	locale_t saved = hm_numfmt_begin();
	int n = vsnprintf(buf, cap, fmt, ap);

	hm_numfmt_end(saved);
	return n;
}

int hm_snprintf_c(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = hm_vsnprintf_c(buf, cap, fmt, ap);
	va_end(ap);
	return n;
}

#define MAXNUM 64

/* Length of a space-like separator at s (ASCII space, NBSP, narrow NBSP,
 * thin space), 0 if none. */
static size_t space_len(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] == ' ' || u[0] == '\t')
		return 1;
	if (u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xAF || u[2] == 0x89))
		return 3;
	return 0;
}

/* Strip surrounding spaces into buf; returns 0, or -1 if too long/empty. */
static int trim(char *buf, const char *text)
{
	const char *b = text, *e = text + strlen(text);
	size_t n;

	while (*b && space_len(b))
		b += space_len(b);
	while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	while (e - b >= 2 && (unsigned char)e[-1] == 0xA0 && (unsigned char)e[-2] == 0xC2)
		e -= 2;
	n = (size_t)(e - b);
	if (n == 0 || n >= MAXNUM)
		return -1;
	memcpy(buf, b, n);
	buf[n] = '\0';
	return 0;
}

/* Convert a normalised "[-]digits[.digits][e[+-]digits]" string. */
static int finish(double *out, const char *norm)
{
	char *end;
	double v;
	const char *p = norm;

	if (*p == '-' || *p == '+')
		p++;
	if (!isdigit((unsigned char)*p))
		return -1;
	v = hm_strtod(norm, &end);
	if (*end != '\0' || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

/* Match digit groups "d{1,3}(SEP d{3})+" where SEP is one separator kind;
 * copies digits to dst and returns the number of bytes consumed, 0 if the
 * text does not match with at least one separator. */
static size_t grouped(char *dst, const char *s, char sep)
{
	const char *p = s;
	size_t n = 0, lead = 0, groups = 0;

	while (isdigit((unsigned char)*p) && lead < 4) {
		dst[n++] = *p++;
		lead++;
	}
	if (lead == 0 || lead > 3)
		return 0;
	for (;;) {
		size_t sl;
		if (sep == ' ')
			sl = space_len(p);
		else
			sl = (*p == sep) ? 1 : 0;
		if (!sl)
			break;
		if (!(isdigit((unsigned char)p[sl]) && isdigit((unsigned char)p[sl + 1]) &&
		      isdigit((unsigned char)p[sl + 2])) ||
		    isdigit((unsigned char)p[sl + 3]))
			return 0;
		memcpy(dst + n, p + sl, 3);
		n += 3;
		p += sl + 3;
		groups++;
	}
	dst[n] = '\0';
	return groups ? (size_t)(p - s) : 0;
}

/* After the integer part: "" or DEC digits+. Appends ".digits" to dst. */
static int decimals(char *dst, const char *p, char dec)
{
	size_t n = strlen(dst), digits;

	if (*p == '\0')
		return 0;
	if (*p != dec)
		return -1;
	digits = strspn(p + 1, "0123456789");
	if (digits == 0 || p[1 + digits] != '\0')
		return -1;
	dst[n++] = '.';
	memcpy(dst + n, p + 1, digits + 1);
	return 0;
}

int hm_parse_number(double *out, const char *text, int dot_groups)
{
	char buf[MAXNUM], norm[MAXNUM * 2];
	const char *p;
	size_t used, k;
	static const char seps[] = {',', ' ', '\'', '.'};

	if (!text || trim(buf, text) < 0)
		return -1;
	p = buf;
	k = 0;
	if (*p == '-' || *p == '+')
		norm[k++] = *p++;
	norm[k] = '\0';

	/* Grouped thousands first, so that "2,198" is 2198, not 2.198. */
	for (size_t i = 0; i < sizeof(seps); i++) {
		char sep = seps[i];
		used = grouped(norm + k, p, sep);
		if (!used)
			continue;
		if (sep == '.' && !dot_groups && strchr(p + used, ',') == NULL &&
		    strchr(p, '.') == strrchr(p, '.'))
			continue; /* "1.000": a decimal point, not a group */
		if (decimals(norm, p + used, sep == '.' ? ',' : '.') == 0 ||
		    (sep != ',' && sep != '.' && decimals(norm, p + used, ',') == 0))
			return finish(out, norm);
		norm[k] = '\0';
	}

	/* Plain number, with '.' or a single ',' as the decimal separator. */
	{
		size_t n = k;
		int seen_dec = 0;
		for (const char *q = p; *q; q++) {
			if (isdigit((unsigned char)*q)) {
				norm[n++] = *q;
			} else if ((*q == '.' || *q == ',') && !seen_dec) {
				norm[n++] = '.';
				seen_dec = 1;
			} else if ((*q == 'e' || *q == 'E') && q != p &&
				   isdigit((unsigned char)q[-1])) {
				/* exponent: copy the rest verbatim and let finish check */
				size_t rest = strlen(q);
				memcpy(norm + n, q, rest + 1);
				n += rest;
				break;
			} else {
				return -1;
			}
		}
		norm[n] = '\0';
		return finish(out, norm);
	}
}

int hm_parse_coord(double *out, const char *text)
{
	char buf[MAXNUM];
	size_t n = 0;
	int seen_dec = 0;

	if (!text || trim(buf, text) < 0)
		return -1;
	for (const char *q = buf; *q; q++) {
		if (isdigit((unsigned char)*q) || ((*q == '-' || *q == '+') && q == buf)) {
			buf[n++] = *q;
		} else if ((*q == '.' || *q == ',') && !seen_dec) {
			buf[n++] = '.';
			seen_dec = 1;
		} else {
			return -1;
		}
	}
	buf[n] = '\0';
	return finish(out, buf);
}
