/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* fuzz_path.c: libFuzzer target for http_decode_path, the decoder of the
 * request path. It agrees with a reference decoder written here, and a
 * path it decodes, percent-encoded again (every byte), decodes back to
 * itself. */
#include <stdbool.h>

#include "core/buf.h"
#include "fuzz.h"
#include "http/parse.h"

/* The reference: the bytes before the first '?' or '#', each %XX (two hex
 * digits, either case) one byte, everything else as it is; refused (NULL)
 * when a '%' lacks its two hex digits or decodes to NUL. */
static char *ref_decode_path(const char *uri)
{
	buf out = {0};
	const char *end = uri;
	while (*end && *end != '?' && *end != '#')
		end++;
	buf_puts(&out, ""); /* "" rather than NULL for an empty path */
	for (const char *p = uri; p < end; p++) {
		if (*p != '%') {
			buf_putc(&out, *p);
			continue;
		}
		int hi = p + 1 < end ? fuzz_hexval((unsigned char)p[1]) : -1;
		int lo = p + 2 < end ? fuzz_hexval((unsigned char)p[2]) : -1;
		if (hi < 0 || lo < 0 || hi * 16 + lo == 0) {
			buf_free(&out);
			return NULL;
		}
		buf_putc(&out, (char)(hi * 16 + lo));
		p += 2;
	}
	return buf_detach(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *uri = fuzz_cstr(data, size);
	char *got = http_decode_path(uri);
	char *want = ref_decode_path(uri);

	FUZZ_CHECK((got == NULL) == (want == NULL));
	if (got) {
		FUZZ_CHECK(strcmp(got, want) == 0);
		buf enc = {0};
		for (const unsigned char *p = (const unsigned char *)got; *p; p++)
			buf_printf(&enc, "%%%02x", *p);
		char *again = http_decode_path(buf_str(&enc));
		FUZZ_CHECK(again && strcmp(again, got) == 0);
		free(again);
		buf_free(&enc);
	}
	free(got);
	free(want);
	free(uri);
	return 0;
}
