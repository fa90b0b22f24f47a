/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* parse.c: the request path, urlencoded (query string and form body) and
 * Cookie parsers. */
#include "http/parse.h"
#include "core/buf.h"
#include "core/codec.h"
#include "core/mdg.h"
#include "core/utf8.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

#define HTTP_NAME_MAX 256   /* bytes of one decoded field or cookie name */
#define HTTP_COOKIES_MAX 64 /* cookies per header */

char *http_decode_path(const char *uri)
{
	size_t n = strcspn(uri, "?#");
	char *out = xmalloc(n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (uri[i] == '%') {
			int byte = pct_decode_byte(uri + i, n - i);
			if (byte <= 0) { /* a bad escape, or %00 */
				free(out);
				return NULL;
			}
			out[o++] = (char)byte;
			i += 2;
		} else {
			out[o++] = uri[i];
		}
	}
	out[o] = '\0';
	return out;
}

/* Decodes s[0..len) into out ('+' is a space, %XX a byte). MDG_EINVAL on a
 * bad or truncated escape, MDG_ETOOBIG as soon as more than max bytes come
 * out (so an oversized value is never copied whole). */
static int http_url_decode(const char *s, size_t len, size_t max, buf *out)
{
	size_t i = 0;

	buf_reset(out);
	while (i < len) {
		size_t run = 0;
		char c;

		while (i + run < len && s[i + run] != '+' && s[i + run] != '%')
			run++;
		if (run > 0) {
			if (run > max - out->len)
				return MDG_ETOOBIG;
			buf_append(out, s + i, run);
			i += run;
			continue;
		}
		if (s[i] == '+') {
			c = ' ';
			i++;
		} else {
			int byte = pct_decode_byte(s + i, len - i);
			if (byte < 0)
				return MDG_EINVAL;
			c = (char)byte;
			i += 3;
		}
		if (out->len >= max)
			return MDG_ETOOBIG;
		buf_putc(out, c);
	}
	return MDG_OK;
}

/* Splits on '&' only (';' is an ordinary byte here). The count limit covers
 * the pairs of this call, not what out held before. A value keeps any CR LF
 * it decodes to: textareas send CRLF line ends. */
int http_parse_urlencoded(const char *s, size_t len, const http_limits *lim, kvlist *out)
{
	buf name = {0}, val = {0};
	size_t count = 0, i = 0;
	int rc = MDG_OK;

	while (i < len) {
		const char *seg = s + i;
		const char *amp = memchr(seg, '&', len - i);
		size_t slen = amp ? (size_t)(amp - seg) : len - i;
		const char *eq, *v;
		size_t nlen, vlen;

		i += slen + 1;
		eq = memchr(seg, '=', slen);
		nlen = eq ? (size_t)(eq - seg) : slen;
		if (nlen == 0)
			continue; /* empty pair or empty name */
		if (++count > lim->max_fields) {
			rc = MDG_ETOOBIG;
			goto out;
		}
		rc = http_url_decode(seg, nlen, HTTP_NAME_MAX, &name);
		if (rc != MDG_OK)
			goto out;
		if (!utf8_valid_text(name.data, name.len)) {
			rc = MDG_EUTF8;
			goto out;
		}
		v = eq ? eq + 1 : seg + slen;
		vlen = eq ? slen - nlen - 1 : 0;
		rc = http_url_decode(v, vlen, lim->max_field_len, &val);
		if (rc != MDG_OK)
			goto out;
		if (!utf8_valid_text(val.data, val.len)) {
			rc = MDG_EUTF8;
			goto out;
		}
		kv_add(out, buf_str(&name), buf_str(&val), val.len);
	}
out:
	buf_free(&name);
	buf_free(&val);
	return rc;
}

static bool http_is_ows(char c)
{
	return c == ' ' || c == '\t';
}

/* One "name=value" piece of a Cookie header, s[0..len). Returns 1 when a
 * cookie was added, 0 when the piece was skipped, MDG_EUTF8 for a value that
 * is not text. */
static int http_cookie_pair(const char *s, size_t len, kvlist *out, size_t *count)
{
	const char *eq = memchr(s, '=', len);
	const char *n = s, *v;
	size_t nlen, vlen;
	char name[HTTP_NAME_MAX + 1];

	if (!eq)
		return 0;
	nlen = (size_t)(eq - s);
	while (nlen > 0 && http_is_ows(n[0])) {
		n++;
		nlen--;
	}
	while (nlen > 0 && http_is_ows(n[nlen - 1]))
		nlen--;
	if (nlen == 0 || nlen > HTTP_NAME_MAX || !utf8_valid_text(n, nlen))
		return 0; /* malformed: skipped, as browsers do */
	v = eq + 1;
	vlen = (size_t)(s + len - v);
	while (vlen > 0 && http_is_ows(v[0])) {
		v++;
		vlen--;
	}
	while (vlen > 0 && http_is_ows(v[vlen - 1]))
		vlen--;
	if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
		v++;
		vlen -= 2;
	}
	if (++*count > HTTP_COOKIES_MAX)
		return MDG_ETOOBIG;
	if (!utf8_valid_text(v, vlen))
		return MDG_EUTF8;
	memcpy(name, n, nlen);
	name[nlen] = '\0';
	kv_add(out, name, v, vlen);
	return 1;
}

/* Splits on ';'; no percent-decoding (a cookie value is whatever the
 * application stored). A NULL header (none sent) is no cookie. */
int http_parse_cookies(const char *header, kvlist *out)
{
	const char *p = header;
	size_t count = 0;
	int rc = MDG_OK;

	if (!p)
		goto out;
	while (*p) {
		const char *semi = strchr(p, ';');
		size_t len = semi ? (size_t)(semi - p) : strlen(p);
		int r = http_cookie_pair(p, len, out, &count);

		if (r < 0) {
			rc = r;
			goto out;
		}
		p += len;
		if (*p == ';')
			p++;
	}
out:
	return rc;
}
