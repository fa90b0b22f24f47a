/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* fuzz_form.c: libFuzzer target for urlencoded bodies under tight limits:
 * the same properties as fuzz_query (agreement with the reference in
 * ref_urlencoded.h, the round trip), where the limits decide often. */
#include "ref_urlencoded.h"

/* The first two bytes pick small limits, so that the limit paths are
 * reached often; the rest is the body. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	http_limits lim = {.max_body = 1 << 20, .max_file_size = 0, .max_files = 0};
	char *s;

	if (size < 2)
		return 0;
	lim.max_fields = data[0] % 16;
	lim.max_field_len = data[1] % 64;
	data += 2;
	size -= 2;
	s = malloc(size ? size : 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	ref_check_urlencoded(s, size, &lim);
	free(s);
	return 0;
}
