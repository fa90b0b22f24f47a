/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* encode.c: values the server writes into a response. */
#include "http/encode.h"
#include "core/codec.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

char *http_content_disposition(const char *name)
{
	buf ascii = {0}, utf8 = {0};
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if (*p >= 0x20 && *p < 0x7F && *p != '"' && *p != '\\' && *p != ';')
			buf_putc(&ascii, (char)*p);
		else if (*p < 0x80)
			buf_putc(&ascii, '_');
	}
	pct_encode(&utf8, name, NULL);
	char *v = xasprintf("attachment; filename=\"%s\"; filename*=UTF-8''%s",
			    ascii.len ? buf_str(&ascii) : "file", buf_str(&utf8));
	buf_free(&ascii);
	buf_free(&utf8);
	return v;
}

void http_csv_field(buf *b, const char *s, bool first)
{
	if (!first)
		buf_putc(b, ',');
	if (!s)
		return;
	bool formula = s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
	bool quote = formula || strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		buf_putc(b, '"');
	if (formula)
		buf_putc(b, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	if (quote)
		buf_putc(b, '"');
}
