/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* fuzz_cookie.c: libFuzzer target for the Cookie header parser. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/mdg.h"
#include "core/utf8.h"
#include "http/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input, NUL-terminated, is the header value. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	kvlist out = {0};
	char *s = malloc(size + 1);
	int rc;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	rc = http_parse_cookies(s, &out);
	if (rc != MDG_OK && rc != MDG_EUTF8 && rc != MDG_ETOOBIG)
		abort();
	if (out.count > 64)
		abort();
	for (const kv *e = out.head; e; e = e->next)
		if (e->key[0] == '\0' || !utf8_valid_text(e->val, e->vlen))
			abort();
	kv_free(&out);
	free(s);
	return 0;
}
