/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* utf8.c: strict UTF-8 validation for text from outside. */
#include "core/utf8.h"


/* True for the ASCII bytes that text may hold: printable ones, TAB, LF, CR. */
static bool utf8_ascii_ok(unsigned char c)
{
	if (c == '\t' || c == '\n' || c == '\r')
		return true;
	return c >= 0x20 && c != 0x7f;
}

/* Checks every byte: RFC 3629 sequences only (the lead byte fixes the length
 * and the smallest code point it may encode, so overlongs are caught by
 * comparing against that minimum), then ranges: no surrogates, nothing above
 * U+10FFFF. */
bool utf8_valid_text(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		unsigned char c = p[i];
		size_t n;
		uint32_t cp, min;

		if (c < 0x80) {
			if (!utf8_ascii_ok(c))
				return false;
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1f;
			min = 0x80;
		} else if ((c & 0xf0) == 0xe0) {
			n = 2;
			cp = c & 0x0f;
			min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07;
			min = 0x10000;
		} else {
			/* stray continuation byte, C0/C1 overlong lead, or F5..FF */
			return false;
		}
		if (len - i - 1 < n)
			return false; /* truncated */
		for (size_t k = 1; k <= n; k++) {
			unsigned char b = p[i + k];
			if ((b & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (b & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += n + 1;
	}
	return true;
}

/* Counts the bytes that are not continuation bytes; meaningful only for
 * input that utf8_valid_text accepted. */
size_t utf8_length(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		if ((p[i] & 0xc0) != 0x80)
			n++;
	return n;
}

size_t utf8_seq_len(unsigned char lead)
{
	if (lead < 0x80)
		return 1;
	if ((lead & 0xE0) == 0xC0)
		return 2;
	if ((lead & 0xF0) == 0xE0)
		return 3;
	if ((lead & 0xF8) == 0xF0)
		return 4;
	return 1;
}

uint32_t utf8_next(const char *s, size_t *i)
{
	const unsigned char *p = (const unsigned char *)s + *i;
	size_t n = utf8_seq_len(p[0]);
	/* A lead byte of n > 1 bytes carries 7 - n bits of the code point. */
	uint32_t cp = p[0] & (n == 1 ? 0x7Fu : 0x7Fu >> n);
	for (size_t k = 1; k < n; k++)
		cp = (cp << 6) | (p[k] & 0x3F);
	*i += n;
	return cp;
}
