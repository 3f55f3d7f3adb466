#include "util.h"

#include "context.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int hm_read_file(char **out, size_t *len, hm_ctx *ctx, const char *path, size_t max)
{
	FILE *f;
	char *buf = NULL;
	size_t n = 0, cap = 0;
	int rc = HM_OK;

	*out = NULL;
	*len = 0;
	f = fopen(path, "rb");
	if (!f)
		return hm_error(ctx, errno == ENOENT ? HM_EDATA : HM_EIO, "%s: cannot open: %s",
				path, strerror(errno));
	{
		struct stat st;
		if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
			fclose(f);
			return hm_error(ctx, HM_EDATA, "%s: is a folder, not a file", path);
		}
	}
	for (;;) {
		size_t got;
		if (cap - n < 65536) {
			char *nb;
			cap = cap ? cap * 2 : 65536;
			if (cap > max + 65536)
				cap = max + 65536;
			nb = realloc(buf, cap + 1);
			if (!nb) {
				rc = hm_error(ctx, HM_ENOMEM, "%s: out of memory", path);
				goto cleanup;
			}
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (n > max) {
			rc = hm_error(ctx, HM_EDATA, "%s: file larger than the limit of %zu MiB",
				      path, max >> 20);
			goto cleanup;
		}
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		rc = hm_error(ctx, HM_EIO, "%s: read error: %s", path, strerror(errno));
		goto cleanup;
	}
	if (!buf && !(buf = malloc(1))) {
		rc = hm_error(ctx, HM_ENOMEM, "%s: out of memory", path);
		goto cleanup;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	buf = NULL;
cleanup:
	fclose(f);
	free(buf);
	return rc;
}

int hm_utf8_check(const char *buf, size_t len, size_t *bad)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n;
		unsigned int cp;
		if (c < 0x80) {
			if (c == 0)
				goto fail;
			i++;
			continue;
		}
		if ((c & 0xE0) == 0xC0) {
			n = 1;
			cp = c & 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			n = 2;
			cp = c & 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			n = 3;
			cp = c & 0x07;
		} else {
			goto fail;
		}
		if (i + n >= len)
			goto fail;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				goto fail;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		/* overlong forms, surrogates, beyond U+10FFFF */
		if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			goto fail;
		i += n + 1;
	}
	return 0;
fail:
	*bad = i;
	return -1;
}

size_t hm_line_of(const char *buf, size_t off)
{
	size_t line = 1;

	for (size_t i = 0; i < off; i++)
		if (buf[i] == '\n')
			line++;
	return line;
}

void *hm_zalloc(size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size)
		return NULL;
	p = malloc(n * size > 0 ? n * size : 1);
	if (p)
		memset(p, 0, n * size);
	return p;
}

char *hm_trim_dup(const char *s)
{
	const char *e;
	char *r;

	if (!s)
		s = "";
	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
		e--;
	r = malloc((size_t)(e - s) + 1);
	if (!r)
		return NULL;
	memcpy(r, s, (size_t)(e - s));
	r[e - s] = '\0';
	return r;
}

int hm_is_blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 0;
	return 1;
}

void hm_quote_text(char *dst, size_t cap, const char *src)
{
	size_t n = 0;

	for (; *src && n + 5 < cap && n < 40; src++) {
		unsigned char c = (unsigned char)*src;
		dst[n++] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
	}
	if (*src) {
		while (n > 0 && ((unsigned char)dst[n - 1] & 0xC0) == 0x80)
			n--;
		if (n > 0 && ((unsigned char)dst[n - 1] & 0xC0) == 0xC0)
			n--;
		memcpy(dst + n, "...", 3);
		n += 3;
	}
	dst[n] = '\0';
}

char *hm_ini_read_line(char *str, int num, void *stream)
{
	hm_ini_lines *src = stream;
	const char *b = src->p, *nl;
	size_t n;

	if (*src->stop || !*b)
		return NULL;
	nl = strchr(b, '\n');
	n = nl ? (size_t)(nl - b) : strlen(b);
	src->p = nl ? nl + 1 : b + n;
	(*src->line)++;
	if (*src->line == 1 && n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0)
		b += 3, n -= 3;
	while (n && (*b == ' ' || *b == '\t'))
		b++, n--;
	if (n && b[n - 1] == '\r')
		n--;
	/* inih needs room for "\r\n\0"; a longer line would be split in two */
	if (num < 4 || n > (size_t)num - 3) {
		src->on_too_long(src->owner, num - 3);
		return NULL;
	}
	memcpy(str, b, n);
	str[n] = '\n';
	str[n + 1] = '\0';
	if (*str == '[')
		src->on_section(src->owner, str);
	return str;
}
