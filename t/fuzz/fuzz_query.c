/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* fuzz_query.c: libFuzzer target for QUERY_STRING parsing and UTF-8 checks. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/mdg.h"
#include "core/utf8.h"
#include "http/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Parses the input as a query string with the production-like limits and
 * checks what comes out: every key and value is valid text. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const http_limits lim = {
		.max_body = 1 << 20,
		.max_fields = 64,
		.max_field_len = 4096,
		.max_file_size = 0,
		.max_files = 0,
	};
	kvlist out = {0};
	/* a copy, so that reading past size is caught by ASan */
	char *s = malloc(size ? size : 1);
	int rc;

	if (!s)
		return 0;
	memcpy(s, data, size);
	if (utf8_valid_text(s, size))
		(void)utf8_length(s, size);
	rc = http_parse_urlencoded(s, size, &lim, &out);
	if (rc != MDG_OK && rc != MDG_EINVAL && rc != MDG_EUTF8 && rc != MDG_ETOOBIG)
		abort();
	if (out.count > lim.max_fields)
		abort();
	for (const kv *e = out.head; e; e = e->next) {
		if (e->key[0] == '\0' || !utf8_valid_text(e->key, strlen(e->key)))
			abort();
		if (e->vlen > lim.max_field_len || !utf8_valid_text(e->val, e->vlen))
			abort();
		if (e->val[e->vlen] != '\0')
			abort();
	}
	kv_free(&out);
	free(s);
	return 0;
}
