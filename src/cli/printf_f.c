/* Cairo writes every coordinate of an SVG or PDF through snprintf(buf, n,
 * "%f", d) or snprintf(buf, n, "%.*f", 3, d) (_cairo_dtostr); glibc prints a
 * double exactly, digit by digit in multi-precision arithmetic, and on the
 * example map that was 40% of writing the SVG (about 9 of 21 ms) and the
 * most of writing the PDF's page content. The hotmap program (not the
 * library) takes snprintf's entry points and prints "%f" and "%.*f" (up to 9
 * decimals) itself, to the same bytes: the value times 10^decimals, exact in
 * 128-bit integers, rounded half to even as glibc rounds, then its digits.
 * Every other format, a value it cannot take whole (not finite, 10^(18 -
 * decimals) and above) and a decimal point other than "." go to glibc's
 * vsnprintf. tests/unit/test_printf_f.c compares the two on millions of
 * values. */
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* declared by glibc's fortified headers only; defined in libc */
int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *format, ...);
int __vsnprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *format, va_list ap);

__extension__ typedef unsigned __int128 u128;

static const uint64_t pow10[] = {1u,	  10u,	    100u,      1000u,	   10000u,
				 100000u, 1000000u, 10000000u, 100000000u, 1000000000u};
static const double limit[] = {1e18, 1e17, 1e16, 1e15, 1e14, 1e13, 1e12, 1e11, 1e10, 1e9};

/* d as "%.*f" prints it with prec (0 to 9) decimals, into out (at least 40
 * bytes); its length, or -1 if vsnprintf must do it. */
static int format_f(char *out, double d, int prec)
{
	const struct lconv *lc = localeconv();
	u128 p;
	uint64_t n, ip, frac, m;
	int e, len = 0, neg = signbit(d) != 0;
	char digits[24];
	int nd = 0;

	if (prec < 0 || prec > 9 || !isfinite(d) || fabs(d) >= limit[prec] ||
	    lc->decimal_point[0] != '.' || lc->decimal_point[1] != '\0')
		return -1;
	d = fabs(d);
	if (d == 0) {
		n = 0;
	} else {
		/* d = m * 2^e exactly, m < 2^53 */
		double f = frexp(d, &e);
		m = (uint64_t)ldexp(f, 53);
		e -= 53;
		p = (u128)m * pow10[prec]; /* < 2^83 */
		if (e >= 0) {
			if (e > 10) /* d < 10^(18 - prec) rules this out */
				return -1;
			n = (uint64_t)(p << e);
		} else {
			int s = -e;
			u128 q, r, half;
			if (s > 120)
				return -1;
			q = p >> s;
			r = p - (q << s);
			half = (u128)1 << (s - 1);
			/* to nearest, ties to the even last digit */
			if (r > half || (r == half && (q & 1)))
				q++;
			n = (uint64_t)q;
		}
	}
	ip = n / pow10[prec];
	frac = n % pow10[prec];
	if (neg)
		out[len++] = '-';
	do {
		digits[nd++] = (char)('0' + ip % 10);
		ip /= 10;
	} while (ip);
	while (nd)
		out[len++] = digits[--nd];
	if (prec > 0) {
		out[len++] = '.';
		for (int k = prec - 1; k >= 0; k--) {
			out[len + k] = (char)('0' + frac % 10);
			frac /= 10;
		}
		len += prec;
	}
	out[len] = '\0';
	return len;
}

/* The fast path: fmt is exactly "%f" or "%.*f". */
static int try_f(char *s, size_t maxlen, const char *fmt, va_list ap)
{
	char tmp[40];
	int len, prec = 6;
	va_list aq;

	if (fmt[0] != '%')
		return -1;
	va_copy(aq, ap);
	if (fmt[1] == 'f' && fmt[2] == '\0') {
		len = format_f(tmp, va_arg(aq, double), 6);
	} else if (fmt[1] == '.' && fmt[2] == '*' && fmt[3] == 'f' && fmt[4] == '\0') {
		prec = va_arg(aq, int);
		len = format_f(tmp, va_arg(aq, double), prec);
	} else {
		len = -1;
	}
	va_end(aq);
	if (len < 0)
		return -1;
	if (maxlen > 0) {
		size_t k = (size_t)len < maxlen - 1 ? (size_t)len : maxlen - 1;
		memcpy(s, tmp, k);
		s[k] = '\0';
	}
	return len;
}

int snprintf(char *s, size_t maxlen, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = try_f(s, maxlen, fmt, ap);
	if (rc < 0)
		rc = vsnprintf(s, maxlen, fmt, ap);
	va_end(ap);
	return rc;
}

int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *fmt, ...)
{
	va_list ap;
	int rc = -1;

	va_start(ap, fmt);
	/* a buffer smaller than claimed: glibc's check reports it */
	if (maxlen <= slen)
		rc = try_f(s, maxlen, fmt, ap);
	if (rc < 0)
		rc = __vsnprintf_chk(s, maxlen, flag, slen, fmt, ap);
	va_end(ap);
	return rc;
}
