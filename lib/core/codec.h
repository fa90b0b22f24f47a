/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* codec.h: the byte encodings of the web and of mail, one copy each:
 * hex digits, percent-encoding (RFC 3986) and base64 (RFC 4648). */
#ifndef MDG_CODEC_H
#define MDG_CODEC_H
#include <stddef.h>

#include "core/buf.h"

/* The value of the hex digit c (0-9, a-f, A-F), or -1. */
int hex_digit_value(char c);

/* The byte of the %XX escape at p (p[0] is the '%'), of which avail bytes
 * may be read: 0-255, or -1 when fewer than 3 bytes are left or XX is not
 * two hex digits. */
int pct_decode_byte(const char *p, size_t avail);

/* Appends s percent-encoded to out: the unreserved bytes of RFC 3986
 * (A-Z a-z 0-9 - . _ ~) and those in keep (NULL: none) as they are, every
 * other byte as %XX with upper-case hex. With keep NULL the result is safe
 * as one query argument or an RFC 8187 value; "/" keeps a path readable. */
void pct_encode(buf *out, const char *s, const char *keep);

/* Appends the base64 of p[0..n) (RFC 4648 alphabet, '=' padding) to out,
 * in lines of wrap characters joined by CRLF (no CRLF after the last);
 * wrap is rounded down to a multiple of 4 (MIME's 76 stays 76), and below
 * 4 (0) means one line. */
void base64_append(buf *out, const void *p, size_t n, size_t wrap);

#endif
