/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* utf8.h: strict UTF-8 validation for text from outside. */
#ifndef MDG_UTF8_H
#define MDG_UTF8_H
#include <stdbool.h>
#include <stddef.h>

/* True when s[0..len) is well-formed UTF-8 (RFC 3629: no overlongs, no
 * surrogates, nothing above U+10FFFF) and holds no NUL and no C0 control
 * other than TAB, LF and CR. */
bool utf8_valid_text(const char *s, size_t len);
/* Number of code points in a valid UTF-8 string. */
size_t utf8_length(const char *s, size_t len);

#endif
