/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* fuzz_form.c: libFuzzer target for urlencoded bodies under tight limits. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/mdg.h"
#include "core/utf8.h"
#include "http/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The first two bytes pick small limits, so that the limit paths are
 * reached often; the rest is the body. Every result must respect them. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	http_limits lim = {.max_body = 1 << 20, .max_file_size = 0, .max_files = 0};
	kvlist out = {0};
	char *s;
	int rc;

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
	rc = http_parse_urlencoded(s, size, &lim, &out);
	if (rc != MDG_OK && rc != MDG_EINVAL && rc != MDG_EUTF8 && rc != MDG_ETOOBIG)
		abort();
	if (out.count > lim.max_fields)
		abort();
	for (const kv *e = out.head; e; e = e->next)
		if (e->vlen > lim.max_field_len || !utf8_valid_text(e->val, e->vlen) ||
		    strlen(e->key) > 256)
			abort();
	kv_free(&out);
	free(s);
	return 0;
}
