/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* sms.c: SMS notices through Kannel's smsbox (libcurl), and its delivery reports. */
#include "notify/sms.h"

#include <curl/curl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/crypto.h"
#include "core/mdg.h"
#include "core/text.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#define SMS_DEFAULT_TIMEOUT_S 10
#define SMS_CONNECT_TIMEOUT_S 5
#define SMS_REPLY_MAX 1024      /* bytes of smsbox's answer kept */
#define SMS_MIN_SECRET 16
#define SMS_ELLIPSIS "\xe2\x80\xa6" /* U+2026 */

int sms_normalise_number(const char *in, char *out, size_t outlen)
{
	char domestic[12];

	if (!in || text_normalise_mobile(in, domestic, sizeof domestic) != MDG_OK)
		return MDG_EINVAL;
	/* 010xxxxxxxx → +8210xxxxxxxx: the trunk 0 goes, the country code comes. */
	int n = snprintf(out, outlen, "+82%s", domestic + 1);
	if (n < 0 || (size_t)n >= outlen)
		return MDG_EINVAL;
	return MDG_OK;
}

static size_t sms_cp_units(uint32_t cp)
{
	return cp > 0xffff ? 2 : 1;
}

size_t sms_units(const char *utf8)
{
	size_t len = strlen(utf8), i = 0, units = 0;

	if (!utf8_valid_text(utf8, len))
		return 0;
	while (i < len)
		units += sms_cp_units(utf8_next(utf8, &i));
	return units;
}

/* Units that max_parts SMS hold. */
static size_t sms_capacity(int max_parts)
{
	return max_parts == 1 ? SMS_UNITS_SINGLE : (size_t)max_parts * SMS_UNITS_PART;
}

int sms_plan(const char *utf8, int max_parts, buf *out, int *parts)
{
	size_t len, units, cap, i = 0, used = 0, cut = 0;
	const unsigned char *s = (const unsigned char *)utf8;

	if (!utf8 || !*utf8 || max_parts < 1 || max_parts > SMS_MAX_PARTS_LIMIT)
		return MDG_EINVAL;
	len = strlen(utf8);
	if (!utf8_valid_text(utf8, len))
		return MDG_EUTF8;
	units = sms_units(utf8);
	if (units <= SMS_UNITS_SINGLE) {
		buf_append(out, utf8, len);
		*parts = 1;
		return MDG_OK;
	}
	cap = sms_capacity(max_parts);
	if (units <= cap) {
		buf_append(out, utf8, len);
		*parts = (int)((units + SMS_UNITS_PART - 1) / SMS_UNITS_PART);
		return MDG_OK;
	}
	/* Too long: keep the longest prefix that leaves one unit for "…". */
	while (i < len) {
		size_t at = i;
		size_t u = sms_cp_units(utf8_next(utf8, &i));
		if (used + u > cap - 1) {
			cut = at;
			break;
		}
		used += u;
	}
	while (cut > 0 && (s[cut - 1] == ' ' || s[cut - 1] == '\t' || s[cut - 1] == '\n' ||
			   s[cut - 1] == '\r'))
		cut--;
	buf_append(out, utf8, cut);
	buf_puts(out, SMS_ELLIPSIS);
	*parts = max_parts;
	return MDG_OK;
}

int sms_to_ucs2(const char *utf8, buf *out)
{
	size_t len = strlen(utf8), i = 0;

	if (!utf8_valid_text(utf8, len))
		return MDG_EUTF8;
	while (i < len) {
		uint32_t cp = utf8_next(utf8, &i);
		unsigned char b[4];
		if (cp > 0xffff) {
			uint32_t v = cp - 0x10000;
			uint32_t hi = 0xd800 | (v >> 10), lo = 0xdc00 | (v & 0x3ff);
			b[0] = (unsigned char)(hi >> 8);
			b[1] = (unsigned char)hi;
			b[2] = (unsigned char)(lo >> 8);
			b[3] = (unsigned char)lo;
			buf_append(out, b, 4);
		} else {
			b[0] = (unsigned char)(cp >> 8);
			b[1] = (unsigned char)cp;
			buf_append(out, b, 2);
		}
	}
	return MDG_OK;
}

/* ---- Sending ------------------------------------------------------------ */

struct sms_client {
	const sms_gateway *g;
	CURL *curl;
	buf reply;
	char curl_err[CURL_ERROR_SIZE];
};

int sms_gateway_from_config(HDF *cfg, sms_gateway *g)
{
	const char *empty_to_null;

	memset(g, 0, sizeof *g);
	g->url = config_str(cfg, "sms.url", NULL);
	if (!g->url || !*g->url)
		return MDG_ENOTFOUND;
	g->user = config_str(cfg, "sms.user", "");
	g->password = config_str(cfg, "sms.password", "");
	empty_to_null = config_str(cfg, "sms.from", NULL);
	g->from = empty_to_null && *empty_to_null ? empty_to_null : NULL;
	empty_to_null = config_str(cfg, "sms.dlr_url", NULL);
	g->dlr_url_base = empty_to_null && *empty_to_null ? empty_to_null : NULL;
	g->dlr_secret = config_str(cfg, "sms.dlr_secret", NULL);
	/* A report URL without its secret (the example configuration's
	 * empty dlr_secret) means no reports, not a notifier that cannot
	 * send SMS at all. */
	if (!g->dlr_secret || !*g->dlr_secret)
		g->dlr_url_base = NULL;
	g->max_parts = (int)config_long(cfg, "sms.max_parts", SMS_MAX_PARTS_DEFAULT, 1,
					SMS_MAX_PARTS_LIMIT);
	g->timeout_s = (int)config_long(cfg, "sms.timeout", SMS_DEFAULT_TIMEOUT_S, 1, 120);
	return MDG_OK;
}

/* Delivery reports are asked for when both their URL and their secret
 * are set; an empty secret turns them off. */
static bool sms_dlr_on(const sms_gateway *g)
{
	return g->dlr_url_base && *g->dlr_url_base && g->dlr_secret && *g->dlr_secret;
}

static bool sms_key_valid(const char *k)
{
	size_t n = 0;

	if (!k)
		return false;
	for (; k[n]; n++) {
		unsigned char c = (unsigned char)k[n];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			return false;
	}
	return n >= 1 && n <= SMS_KEY_MAX;
}

static bool sms_digits(const char *s, size_t max)
{
	size_t n = strspn(s, "0123456789");
	return n >= 1 && n <= max && s[n] == '\0';
}

static void sms_err(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void sms_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* Keeps the first SMS_REPLY_MAX bytes of smsbox's answer; more is read
 * and dropped so that the transfer completes. */
static size_t sms_on_body(char *p, size_t size, size_t n, void *ctx)
{
	buf *b = ctx;
	size_t total = size * n;

	if (b->len < SMS_REPLY_MAX)
		buf_append(b, p, total < SMS_REPLY_MAX - b->len ? total : SMS_REPLY_MAX - b->len);
	return total;
}

sms_client *sms_client_new(const sms_gateway *g, char *err, size_t errlen)
{
	sms_client *c = NULL;

	if (!g || !g->url || !*g->url || !g->user || !*g->user || !g->password) {
		sms_err(err, errlen, "sms: url, user and password are required");
		goto fail;
	}
	if (g->from && *g->from && !sms_digits(g->from, 20)) {
		sms_err(err, errlen, "sms: sms.from must be digits only");
		goto fail;
	}
	if (sms_dlr_on(g) && strlen(g->dlr_secret) < SMS_MIN_SECRET) {
		sms_err(err, errlen, "sms: sms.dlr_secret must have %d bytes or more (or be empty: no "
			"delivery reports)", SMS_MIN_SECRET);
		goto fail;
	}
	/* /sms/dlr refuses any parameter it did not sign. */
	if (sms_dlr_on(g) && strchr(g->dlr_url_base, '?')) {
		sms_err(err, errlen, "sms: sms.dlr_url must be the address of /sms/dlr without a query");
		goto fail;
	}
	if (g->max_parts < 0 || g->max_parts > SMS_MAX_PARTS_LIMIT) {
		sms_err(err, errlen, "sms: sms.max_parts must be 1 to %d", SMS_MAX_PARTS_LIMIT);
		goto fail;
	}
	c = xcalloc(1, sizeof *c);
	c->g = g;
	c->curl = curl_easy_init(); /* initialises libcurl once if nobody did */
	if (!c->curl) {
		sms_err(err, errlen, "sms: curl_easy_init failed");
		goto fail;
	}
	long timeout = g->timeout_s > 0 ? g->timeout_s : SMS_DEFAULT_TIMEOUT_S;
	curl_easy_setopt(c->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c->curl, CURLOPT_TIMEOUT, timeout);
	curl_easy_setopt(c->curl, CURLOPT_CONNECTTIMEOUT,
			 timeout < SMS_CONNECT_TIMEOUT_S ? timeout : (long)SMS_CONNECT_TIMEOUT_S);
	curl_easy_setopt(c->curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c->curl, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c->curl, CURLOPT_WRITEFUNCTION, sms_on_body);
	curl_easy_setopt(c->curl, CURLOPT_WRITEDATA, &c->reply);
	curl_easy_setopt(c->curl, CURLOPT_ERRORBUFFER, c->curl_err);
	curl_easy_setopt(c->curl, CURLOPT_USERAGENT, "madang-notifier");
	return c;
fail:
	sms_client_free(c);
	return NULL;
}

void sms_client_free(sms_client *c)
{
	if (!c)
		return;
	if (c->curl)
		curl_easy_cleanup(c->curl);
	buf_free(&c->reply);
	free(c);
}

/* Appends "&name=" and value[0..len) percent-encoded. */
static void sms_param(CURL *curl, buf *q, const char *name, const char *value, size_t len)
{
	char *esc = curl_easy_escape(curl, value, (int)len);

	if (!esc)
		abort(); /* only out of memory; the xalloc policy */
	buf_printf(q, "%s%s=%s", q->len ? "&" : "", name, esc);
	curl_free(esc);
}

/* The dlr-url for one message; Kannel replaces %d (report type), %T (its
 * Unix time) and %A (the SMSC's reply) when it calls it. */
static void sms_dlr_url(const sms_gateway *g, const char *key, long long ref, buf *out)
{
	char sig[SMS_DLR_SIG_LEN];

	sms_dlr_sign(g->dlr_secret, ref, key, sig);
	buf_printf(out, "%s?ref=%lld&key=%s&sig=%s&type=%%d&ts=%%T&reply=%%A", g->dlr_url_base, ref, key, sig);
}

/* The smsbox answer as one line of printable ASCII for err. */
static void sms_reply_line(const buf *b, char *out, size_t outlen)
{
	size_t n = 0;

	for (size_t i = 0; i < b->len && n + 1 < outlen && n < 200; i++) {
		unsigned char c = (unsigned char)b->data[i];
		if (c == '\r' || c == '\n')
			c = ' ';
		out[n++] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
	}
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
}

/* Maps a finished request to our codes (see sms_client_send). */
static int sms_classify(long status, const buf *reply, char *err, size_t errlen)
{
	char line[208];

	sms_reply_line(reply, line, sizeof line);
	if (status >= 200 && status < 300 &&
	    (strncmp(line, "0:", 2) == 0 || strncmp(line, "3:", 2) == 0))
		return MDG_OK;
	if (status == 401 || status == 403) {
		sms_err(err, errlen, "sendsms refused our credentials (HTTP %ld: %s): "
			"check sms.user and sms.password", status, line);
		return MDG_ETEMPFAIL;
	}
	sms_err(err, errlen, "sendsms HTTP %ld: %s", status, line);
	if (status >= 400 && status < 500)
		return MDG_EPERMFAIL;
	/* 5xx, 3xx (a wrong sms.url), or a 2xx we do not know: try again. */
	return MDG_ETEMPFAIL;
}

int sms_client_send(sms_client *c, const char *to_intl, const char *utf8_text,
		    const char *idem_key, long long dlr_ref, char *err, size_t errlen)
{
	const sms_gateway *g = c->g;
	char check[SMS_NUMBER_LEN];
	buf text = {0}, ucs2 = {0}, q = {0}, dlr = {0}, url = {0};
	int parts = 0, rc = MDG_ERR;
	long status = 0;
	bool with_dlr = sms_dlr_on(g);

	if (err && errlen)
		err[0] = '\0';
	if (!to_intl || sms_normalise_number(to_intl, check, sizeof check) != MDG_OK ||
	    strcmp(check, to_intl) != 0) {
		sms_err(err, errlen, "sms: not a normalised mobile number");
		rc = MDG_EINVAL;
		goto done;
	}
	if (!sms_key_valid(idem_key) || (with_dlr && dlr_ref <= 0)) {
		sms_err(err, errlen, "sms: bad idempotency key or reference");
		rc = MDG_EINVAL;
		goto done;
	}
	rc = sms_plan(utf8_text, g->max_parts ? g->max_parts : SMS_MAX_PARTS_DEFAULT, &text, &parts);
	if (rc != MDG_OK) {
		sms_err(err, errlen, "sms: text refused (%s)", mdg_rc_name(rc));
		goto done;
	}
	if (sms_to_ucs2(buf_str(&text), &ucs2) != MDG_OK) {
		rc = MDG_EUTF8; /* sms_plan checked it: cannot happen */
		goto done;
	}

	sms_param(c->curl, &q, "username", g->user, strlen(g->user));
	sms_param(c->curl, &q, "password", g->password, strlen(g->password));
	if (g->from && *g->from)
		sms_param(c->curl, &q, "from", g->from, strlen(g->from));
	sms_param(c->curl, &q, "to", to_intl, strlen(to_intl));
	sms_param(c->curl, &q, "coding", "2", 1);
	sms_param(c->curl, &q, "charset", "UTF-16BE", 8);
	sms_param(c->curl, &q, "text", ucs2.data, ucs2.len);
	if (with_dlr) {
		sms_dlr_url(g, idem_key, dlr_ref, &dlr);
		buf_printf(&q, "&dlr-mask=%d", SMS_DLR_MASK_ALL);
		sms_param(c->curl, &q, "dlr-url", dlr.data, dlr.len);
	}
	/* A meta-data group no SMSC module knows: passed along untouched and
	 * written to Kannel's access log, where a duplicate can be found. */
	buf_printf(&q, "&meta-data=%%3Fmadang%%3Fkey%%3D%s", idem_key);
	buf_printf(&url, "%s%c%s", g->url, strchr(g->url, '?') ? '&' : '?', buf_str(&q));

	buf_reset(&c->reply);
	c->curl_err[0] = '\0';
	curl_easy_setopt(c->curl, CURLOPT_URL, buf_str(&url));
	curl_easy_setopt(c->curl, CURLOPT_HTTPGET, 1L);
	CURLcode cc = curl_easy_perform(c->curl);
	if (cc != CURLE_OK) {
		/* Refused, timed out, reset, a name that does not resolve: the
		 * gateway may be back later. The message does not name the URL's
		 * query, which holds the password. */
		sms_err(err, errlen, "sendsms: %s", c->curl_err[0] ? c->curl_err : curl_easy_strerror(cc));
		rc = cc == CURLE_UNSUPPORTED_PROTOCOL || cc == CURLE_URL_MALFORMAT ? MDG_EPERMFAIL
										    : MDG_ETEMPFAIL;
		goto done;
	}
	curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &status);
	rc = sms_classify(status, &c->reply, err, errlen);
done:
	buf_free(&text);
	buf_free(&ucs2);
	buf_free(&q);
	buf_free(&dlr);
	buf_free(&url);
	return rc;
}

int sms_send(const sms_gateway *g, const char *to_intl, const char *utf8_text,
	     const char *idem_key, long long dlr_ref, char *err, size_t errlen)
{
	sms_client *c = sms_client_new(g, err, errlen);
	int rc;

	if (!c)
		return MDG_EINVAL;
	rc = sms_client_send(c, to_intl, utf8_text, idem_key, dlr_ref, err, errlen);
	sms_client_free(c);
	return rc;
}

/* ---- Delivery reports --------------------------------------------------- */

/* The names of the dlr-url's parameters: those Madang sets (signed with
 * their values), the signature, and those Kannel fills in (their names
 * signed). A report with any other parameter is not one of ours. */
static const char *const dlr_signed_params[] = {"ref", "key"};
static const char *const dlr_kannel_params[] = {"type", "ts", "reply"};

void sms_dlr_sign(const char *secret, long long ref, const char *key, char out[SMS_DLR_SIG_LEN])
{
	uint8_t mac[CRYPTO_HASH_BYTES];
	buf msg = {0};

	buf_printf(&msg, "madang-sms-dlr:2:%s=%lld&%s=%s", dlr_signed_params[0], ref, dlr_signed_params[1],
		   key ? key : "");
	for (size_t i = 0; i < sizeof dlr_kannel_params / sizeof *dlr_kannel_params; i++)
		buf_printf(&msg, "&%s", dlr_kannel_params[i]);
	crypto_hmac((const uint8_t *)secret, strlen(secret), msg.data, msg.len, mac);
	crypto_b64url(mac, sizeof mac, out, SMS_DLR_SIG_LEN);
	buf_free(&msg);
}

/* True when name is one of the dlr-url's parameters. */
static bool dlr_param_known(const char *name)
{
	if (strcmp(name, "sig") == 0)
		return true;
	for (size_t i = 0; i < sizeof dlr_signed_params / sizeof *dlr_signed_params; i++)
		if (strcmp(name, dlr_signed_params[i]) == 0)
			return true;
	for (size_t i = 0; i < sizeof dlr_kannel_params / sizeof *dlr_kannel_params; i++)
		if (strcmp(name, dlr_kannel_params[i]) == 0)
			return true;
	return false;
}

/* MDG_OK when every parameter is a known one and none comes twice
 * (kv_get reads the first: a second could mean something else to another
 * reader); MDG_EDENIED for an unknown name (not a URL we signed),
 * MDG_EINVAL for a repeated one. */
static int dlr_params_check(const kvlist *query)
{
	for (const kv *p = query->head; p; p = p->next) {
		if (!dlr_param_known(p->key))
			return MDG_EDENIED;
		for (const kv *q = p->next; q; q = q->next)
			if (strcmp(p->key, q->key) == 0)
				return MDG_EINVAL;
	}
	return MDG_OK;
}

const char *sms_dlr_type_name(int type)
{
	switch (type) {
	case SMS_DLR_DELIVERED:
		return "delivered";
	case SMS_DLR_FAILED:
		return "failed";
	case SMS_DLR_BUFFERED:
		return "buffered";
	case SMS_DLR_SMSC_ACK:
		return "smsc_ack";
	case SMS_DLR_SMSC_REJECT:
		return "smsc_reject";
	default:
		return NULL;
	}
}

/* A whole-string decimal in [min, max]. */
static int sms_parse_ll(const char *s, long long min, long long max, long long *out)
{
	long v;

	if (!s || text_parse_long(s, (long)min, (long)max, &v) != MDG_OK)
		return MDG_EINVAL;
	*out = v;
	return MDG_OK;
}

int sms_dlr_parse(const kvlist *query, const char *secret, sms_dlr *out)
{
	const char *ref = kv_get(query, "ref"), *sig = kv_get(query, "sig");
	const char *type = kv_get(query, "type"), *ts = kv_get(query, "ts");
	const char *key = kv_get(query, "key"), *reply = kv_get(query, "reply");
	char want[SMS_DLR_SIG_LEN];
	long long v;

	memset(out, 0, sizeof *out);
	int rc = dlr_params_check(query);
	if (rc != MDG_OK)
		return rc;
	if (!ref || !sig || !type || !key)
		return MDG_EINVAL;
	if (sms_parse_ll(ref, 1, INT64_MAX, &out->ref) != MDG_OK || !sms_key_valid(key))
		return MDG_EINVAL;
	/* The signature before anything else is believed. */
	if (!secret || strlen(secret) < SMS_MIN_SECRET)
		return MDG_EDENIED;
	sms_dlr_sign(secret, out->ref, key, want);
	if (strlen(sig) != SMS_DLR_SIG_LEN - 1 || !crypto_str_equal(sig, want))
		return MDG_EDENIED;
	if (sms_parse_ll(type, 1, 16, &v) != MDG_OK || !sms_dlr_type_name((int)v))
		return MDG_EINVAL;
	out->type = (int)v;
	/* ts: absent or empty (an SMSC that gives none) is 0. */
	if (ts && *ts && sms_parse_ll(ts, 0, 1LL << 40, &out->ts) != MDG_OK)
		return MDG_EINVAL;
	snprintf(out->key, sizeof out->key, "%s", key);
	if (reply) {
		/* The SMSC's free text ("ACK/", "NACK/0x0b/Invalid Destination
		 * Address"): kept for the dashboard as printable ASCII, cut. */
		size_t n = 0;
		for (const char *p = reply; *p && n + 1 < sizeof out->reply; p++) {
			unsigned char c = (unsigned char)*p;
			out->reply[n++] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
		}
		out->reply[n] = '\0';
	}
	return MDG_OK;
}
