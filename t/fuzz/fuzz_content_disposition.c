/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* fuzz_content_disposition.c: libFuzzer target for
 * http_content_disposition (the header of an attachment's download). The
 * value is printable ASCII (no line break can end the header); it parses
 * back as attachment; filename="..."; filename*=UTF-8''...; the quoted
 * fallback is what a reference mapping makes of the name; and filename*
 * decodes back to the name, byte for byte (a round trip). */
#include <stdbool.h>

#include "core/buf.h"
#include "fuzz.h"
#include "http/encode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char head[] = "attachment; filename=\"";
	static const char mid[] = "\"; filename*=UTF-8''";
	char *name = fuzz_cstr(data, size);
	char *v = http_content_disposition(name);
	buf fallback = {0}, decoded = {0};

	for (const char *p = v; *p; p++)
		FUZZ_CHECK(*p >= 0x20 && *p <= 0x7E);
	FUZZ_CHECK(strncmp(v, head, sizeof head - 1) == 0);
	const char *ascii = v + sizeof head - 1;
	const char *quote = strchr(ascii, '"');
	FUZZ_CHECK(quote && strncmp(quote, mid, sizeof mid - 1) == 0);
	const char *enc = quote + sizeof mid - 1;

	/* The reference fallback: printable ASCII but " \ ; kept, other
	 * ASCII bytes '_', the bytes of other characters dropped. */
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if (*p >= 0x20 && *p < 0x7F && !strchr("\"\\;", *p))
			buf_putc(&fallback, (char)*p);
		else if (*p < 0x80)
			buf_putc(&fallback, '_');
	}
	if (fallback.len == 0)
		buf_puts(&fallback, "file");
	FUZZ_CHECK((size_t)(quote - ascii) == fallback.len && memcmp(ascii, fallback.data, fallback.len) == 0);

	/* filename*: attr-chars and %XX only, decoding to the name. */
	for (const char *p = enc; *p; p++) {
		if (*p == '%') {
			int hi = fuzz_hexval((unsigned char)p[1]);
			int lo = hi < 0 ? -1 : fuzz_hexval((unsigned char)p[2]);
			FUZZ_CHECK(hi >= 0 && lo >= 0);
			buf_putc(&decoded, (char)(hi * 16 + lo));
			p += 2;
		} else {
			FUZZ_CHECK((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
				   (*p >= '0' && *p <= '9') || strchr("-._~", *p));
			buf_putc(&decoded, *p);
		}
	}
	FUZZ_CHECK(decoded.len == strlen(name) && memcmp(buf_str(&decoded), name, decoded.len) == 0);
	buf_free(&fallback);
	buf_free(&decoded);
	free(v);
	free(name);
	return 0;
}
