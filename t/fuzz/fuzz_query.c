/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* fuzz_query.c: libFuzzer target for QUERY_STRING parsing with the
 * production-like limits: the parser agrees with the reference decoder in
 * ref_urlencoded.h (same verdict, same pairs), and what it returns,
 * encoded again, parses back to the same pairs. */
#include "ref_urlencoded.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const http_limits lim = {
		.max_body = 1 << 20,
		.max_fields = 64,
		.max_field_len = 4096,
		.max_file_size = 0,
		.max_files = 0,
	};
	/* a copy of exactly size bytes, so that reading past it is caught */
	char *s = malloc(size ? size : 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	ref_check_urlencoded(s, size, &lim);
	free(s);
	return 0;
}
