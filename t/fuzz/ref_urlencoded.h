/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* ref_urlencoded.h: for fuzz_query and fuzz_form, a reference decoder of
 * application/x-www-form-urlencoded written the plain way (whole pieces
 * decoded, then checked), the parser's list compared with it, and the
 * round trip: the parsed pairs encoded again parse back to themselves. */
#ifndef MDG_REF_URLENCODED_H
#define MDG_REF_URLENCODED_H
#include <stdbool.h>

#include "core/buf.h"
#include "core/mdg.h"
#include "core/utf8.h"
#include "fuzz.h"
#include "http/parse.h"

/* Decodes s[0..len) into out; false on a bad or cut %XX. */
static bool ref_decode(const char *s, size_t len, buf *out)
{
	buf_reset(out);
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '+') {
			buf_putc(out, ' ');
		} else if (s[i] != '%') {
			buf_putc(out, s[i]);
		} else {
			if (len - i < 3)
				return false;
			int hi = fuzz_hexval((unsigned char)s[i + 1]), lo = fuzz_hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return false;
			buf_putc(out, (char)(hi * 16 + lo));
			i += 2;
		}
	}
	return true;
}

/* The pairs of s appended to out; false when the parser must refuse s:
 * a bad escape, a name of more than 256 bytes or a value over max_field_len, text that is not
 * valid, more than max_fields pairs. */
static bool ref_urlencoded(const char *s, size_t len, const http_limits *lim, kvlist *out)
{
	buf name = {0}, val = {0};
	size_t count = 0, start = 0;
	bool ok = true;
	while (ok && start < len) {
		size_t end = start;
		while (end < len && s[end] != '&')
			end++;
		size_t eq = start;
		while (eq < end && s[eq] != '=')
			eq++;
		if (eq > start) {
			size_t vstart = eq < end ? eq + 1 : end;
			ok = ++count <= lim->max_fields && ref_decode(s + start, eq - start, &name) &&
			     name.len <= 256 && utf8_valid_text(buf_str(&name), name.len) &&
			     ref_decode(s + vstart, end - vstart, &val) && val.len <= lim->max_field_len &&
			     utf8_valid_text(buf_str(&val), val.len);
			if (ok)
				kv_add(out, buf_str(&name), buf_str(&val), val.len);
		}
		start = end + 1;
	}
	buf_free(&name);
	buf_free(&val);
	return ok;
}

static bool ref_same_list(const kvlist *a, const kvlist *b)
{
	const kv *x = a->head, *y = b->head;
	if (a->count != b->count)
		return false;
	for (; x && y; x = x->next, y = y->next)
		if (strcmp(x->key, y->key) != 0 || x->vlen != y->vlen || memcmp(x->val, y->val, x->vlen) != 0)
			return false;
	return !x && !y;
}

/* Every byte but A-Z a-z 0-9 - . _ ~ as %XX. */
static void ref_encode(buf *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c && strchr("-._~", c)))
			buf_putc(out, (char)c);
		else
			buf_printf(out, "%%%02X", c);
	}
}

/* The property: http_parse_urlencoded accepts s exactly when the
 * reference does, with the same pairs; and those pairs, encoded again,
 * parse back to the same list. */
static void ref_check_urlencoded(const char *s, size_t len, const http_limits *lim)
{
	kvlist got = {0}, want = {0}, again = {0};
	buf enc = {0};
	int rc = http_parse_urlencoded(s, len, lim, &got);
	bool ref_ok = ref_urlencoded(s, len, lim, &want);

	FUZZ_CHECK(rc == MDG_OK || rc == MDG_EINVAL || rc == MDG_EUTF8 || rc == MDG_ETOOBIG);
	FUZZ_CHECK((rc == MDG_OK) == ref_ok);
	FUZZ_CHECK(got.count <= lim->max_fields);
	if (rc == MDG_OK) {
		FUZZ_CHECK(ref_same_list(&got, &want));
		for (const kv *e = got.head; e; e = e->next) {
			if (e != got.head)
				buf_putc(&enc, '&');
			ref_encode(&enc, e->key, strlen(e->key));
			buf_putc(&enc, '=');
			ref_encode(&enc, e->val, e->vlen);
		}
		FUZZ_CHECK(http_parse_urlencoded(buf_str(&enc), enc.len, lim, &again) == MDG_OK);
		FUZZ_CHECK(ref_same_list(&got, &again));
	}
	kv_free(&got);
	kv_free(&want);
	kv_free(&again);
	buf_free(&enc);
}

#endif
