/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* utf8.h: strict UTF-8 validation for text from outside. */
#ifndef MDG_UTF8_H
#define MDG_UTF8_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when s[0..len) is well-formed UTF-8 (RFC 3629: no overlongs, no
 * surrogates, nothing above U+10FFFF) and holds no NUL and no C0 control
 * other than TAB, LF and CR. */
bool utf8_valid_text(const char *s, size_t len);
/* Number of code points in a valid UTF-8 string. */
size_t utf8_length(const char *s, size_t len);
/* Bytes of the UTF-8 sequence whose first byte is lead: 1 for ASCII, 2 to
 * 4 for a lead byte of that many; 1 for a byte that leads nothing (a
 * continuation byte, F8-FF), so that a loop over any bytes moves on. */
size_t utf8_seq_len(unsigned char lead);
/* The code point at s[*i] of valid UTF-8 (checked by utf8_valid_text:
 * it reads the whole sequence unchecked), advancing *i past it. */
uint32_t utf8_next(const char *s, size_t *i);

#endif
