/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* codec.c: hex digits, percent-encoding and base64 (libsodium's encoder). */
#include "core/codec.h"
#include "core/xalloc.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

int hex_digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int pct_decode_byte(const char *p, size_t avail)
{
	if (avail < 3)
		return -1;
	int hi = hex_digit_value(p[1]);
	int lo = hex_digit_value(p[2]);
	if (hi < 0 || lo < 0)
		return -1;
	return hi << 4 | lo;
}

void pct_encode(buf *out, const char *s, const char *keep)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~", *p) || (keep && strchr(keep, *p))) {
			buf_putc(out, (char)*p);
		} else {
			char esc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			buf_append(out, esc, sizeof esc);
		}
	}
}

void base64_append(buf *out, const void *p, size_t n, size_t wrap)
{
	size_t size = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
	char *text = xmalloc(size);
	sodium_bin2base64(text, size, p, n, sodium_base64_VARIANT_ORIGINAL);
	size_t len = strlen(text), line = wrap - wrap % 4;
	if (line == 0)
		line = len;
	for (size_t i = 0; i < len; i += line) {
		if (i > 0)
			buf_append(out, "\r\n", 2);
		buf_append(out, text + i, len - i < line ? len - i : line);
	}
	free(text);
}
