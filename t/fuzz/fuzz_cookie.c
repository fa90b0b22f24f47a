/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* fuzz_cookie.c: libFuzzer target for the Cookie header parser. The
 * parser agrees with a reference written here (same verdict, same
 * cookies), and the cookies it returns, written out again as a header
 * (each value quoted), parse back to themselves. */
#include <stdbool.h>

#include "core/buf.h"
#include "core/mdg.h"
#include "core/utf8.h"
#include "fuzz.h"
#include "http/parse.h"

static bool is_ows(char c)
{
	return c == ' ' || c == '\t';
}

/* The reference: each ';'-separated piece with an '=' and a name of 1-256
 * bytes of text (spaces and tabs around name and value trimmed, one pair
 * of quotes around the value removed) is a cookie; malformed pieces are
 * skipped; a 65th cookie or a value that is not text refuses the header
 * (returns false). */
static bool ref_cookies(const char *h, kvlist *out)
{
	size_t count = 0;
	for (const char *piece = h; ; ) {
		size_t len = strcspn(piece, ";");
		const char *eq = memchr(piece, '=', len);
		if (eq) {
			const char *n = piece, *n_end = eq, *v = eq + 1, *v_end = piece + len;
			while (n < n_end && is_ows(*n))
				n++;
			while (n_end > n && is_ows(n_end[-1]))
				n_end--;
			while (v < v_end && is_ows(*v))
				v++;
			while (v_end > v && is_ows(v_end[-1]))
				v_end--;
			if (v_end - v >= 2 && *v == '"' && v_end[-1] == '"') {
				v++;
				v_end--;
			}
			size_t nlen = (size_t)(n_end - n);
			if (nlen >= 1 && nlen <= 256 && utf8_valid_text(n, nlen)) {
				if (++count > 64 || !utf8_valid_text(v, (size_t)(v_end - v)))
					return false;
				char *name = strndup(n, nlen);
				if (!name)
					abort();
				kv_add(out, name, v, (size_t)(v_end - v));
				free(name);
			}
		}
		if (piece[len] == '\0')
			break;
		piece += len + 1;
	}
	return true;
}

static bool same_list(const kvlist *a, const kvlist *b)
{
	const kv *x = a->head, *y = b->head;
	if (a->count != b->count)
		return false;
	for (; x && y; x = x->next, y = y->next)
		if (strcmp(x->key, y->key) != 0 || x->vlen != y->vlen || memcmp(x->val, y->val, x->vlen) != 0)
			return false;
	return !x && !y;
}

/* The input, NUL-terminated, is the header value. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	kvlist got = {0}, want = {0}, again = {0};
	buf header = {0};
	char *s = fuzz_cstr(data, size);
	int rc = http_parse_cookies(s, &got);
	bool ref_ok = ref_cookies(s, &want);

	FUZZ_CHECK(rc == MDG_OK || rc == MDG_EUTF8 || rc == MDG_ETOOBIG);
	FUZZ_CHECK((rc == MDG_OK) == ref_ok);
	FUZZ_CHECK(got.count <= 64);
	if (rc == MDG_OK) {
		FUZZ_CHECK(same_list(&got, &want));
		for (const kv *e = got.head; e; e = e->next) {
			FUZZ_CHECK(e->key[0] != '\0' && utf8_valid_text(e->val, e->vlen));
			buf_printf(&header, "%s%s=\"", e == got.head ? "" : "; ", e->key);
			buf_append(&header, e->val, e->vlen);
			buf_putc(&header, '"');
		}
		FUZZ_CHECK(http_parse_cookies(buf_str(&header), &again) == MDG_OK);
		FUZZ_CHECK(same_list(&got, &again));
	}
	kv_free(&got);
	kv_free(&want);
	kv_free(&again);
	buf_free(&header);
	free(s);
	return 0;
}
