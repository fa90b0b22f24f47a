/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* buf.h: a growable byte buffer, always NUL-terminated. */
#ifndef MDG_BUF_H
#define MDG_BUF_H
#include <stddef.h>

typedef struct buf {
	char *data; /* NUL-terminated; NULL until the first append */
	size_t len;
	size_t cap;
} buf;

void buf_append(buf *b, const void *p, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The contents as a C string ("" when empty); owned by the buffer. */
const char *buf_str(const buf *b);
/* Hands the contents to the caller (who frees them) and empties the buffer. */
char *buf_detach(buf *b);
void buf_reset(buf *b);
void buf_free(buf *b);

#endif
