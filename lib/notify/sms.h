/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* sms.h: SMS notices through Kannel: numbers, the length rule, sending, delivery reports. */
#ifndef MDG_NOTIFY_SMS_H
#define MDG_NOTIFY_SMS_H
#include <stddef.h>

#include <ClearSilver.h>

#include "core/buf.h"
#include "http/kv.h"

/* ---- Numbers ------------------------------------------------------------ */

/* "+821012345678" and its NUL fit in this. */
#define SMS_NUMBER_LEN 16

/* A Korean mobile number as people write it (010-1234-5678, 010 1234 5678,
 * 01012345678, +82 10-1234-5678, +82 010-..., 82-10-..., 0082 10 ...) in
 * international form, "+821012345678". Mobile numbers only (010, 011,
 * 016-019): a landline cannot receive an SMS, so 02-..., 031-... and foreign
 * numbers are refused. The parsing is text_normalise_mobile's (the one used
 * at registration); this only adds the country code. out needs
 * SMS_NUMBER_LEN bytes. MDG_OK or MDG_EINVAL. */
int sms_normalise_number(const char *in, char *out, size_t outlen);

/* ---- The length rule ----------------------------------------------------
 *
 * Every SMS goes as UCS-2 (coding=2), Korean or not: one rule, and a Korean
 * notice needs it anyway (GSM 7-bit would fit 160 ASCII characters, but an
 * English notice in two parts costs less than a second code path).
 * Lengths are in UTF-16 units: a character of the Basic Multilingual Plane
 * (every Hangul syllable) is 1, one outside it (an emoji) is 2 and goes as
 * a surrogate pair, as phones expect.
 *
 *   - at most 70 units: one SMS, as it is;
 *   - at most 67 x max_parts units: ceil(units / 67) concatenated parts
 *     (Kannel splits; each part loses 3 units to the concatenation header);
 *   - longer: cut on a character boundary (trailing spaces dropped) so that
 *     the text plus "…" (U+2026) fills max_parts parts exactly. Notices
 *     carry their link early, so the cut only loses detail the link shows.
 *
 * With max_parts 1 the limit is 70 (no concatenation header). */
#define SMS_UNITS_SINGLE 70
#define SMS_UNITS_PART 67
#define SMS_MAX_PARTS_DEFAULT 3
#define SMS_MAX_PARTS_LIMIT 10 /* deploy/kannel's max-messages must be >= sms.max_parts */

/* UTF-16 units of valid UTF-8 text (see above); 0 for invalid text. */
size_t sms_units(const char *utf8);

/* Applies the length rule to utf8 (valid UTF-8 text, not empty) with at
 * most max_parts parts (1..SMS_MAX_PARTS_LIMIT): the text to send is
 * appended to out (the caller owns and frees out), the number of SMS it
 * makes goes to *parts. Returns MDG_OK, MDG_EINVAL (empty text or
 * max_parts out of range) or MDG_EUTF8. */
int sms_plan(const char *utf8, int max_parts, buf *out, int *parts);

/* Appends utf8 as UTF-16BE bytes (surrogate pairs outside the BMP) to out;
 * out->len counts bytes (the data holds NULs). MDG_OK or MDG_EUTF8. */
int sms_to_ucs2(const char *utf8, buf *out);

/* ---- Sending --------------------------------------------------------- */

/* Where and how to send; strings are borrowed (typically from the config
 * tree: sms.url, sms.user, ...). */
typedef struct sms_gateway {
	const char *url;          /* smsbox sendsms: http://127.0.0.1:13013/cgi-bin/sendsms */
	const char *user;         /* a sendsms-user group's username and password */
	const char *password;
	const char *from;         /* sender number (digits); NULL: Kannel's global-sender */
	const char *dlr_url_base; /* public URL of our /sms/dlr; NULL: no delivery reports */
	const char *dlr_secret;   /* HMAC key for the dlr-url (>= 16 bytes); NULL or "": no reports */
	int timeout_s;            /* whole request; 0: 10 s */
	int max_parts;            /* 0: SMS_MAX_PARTS_DEFAULT */
} sms_gateway;

/* Fills g from the configuration's sms.* keys (docs/operations.md): url,
 * user, password, from, dlr_url, dlr_secret, max_parts (default 3, 1-10),
 * timeout (seconds, default 10, 1-120). Strings stay owned by cfg.
 * dlr_url counts only with a dlr_secret: an empty secret leaves
 * dlr_url_base NULL (no delivery reports). MDG_OK; MDG_ENOTFOUND when
 * sms.url is unset or empty (SMS not set up). */
int sms_gateway_from_config(HDF *cfg, sms_gateway *g);

/* Idempotency keys: 1 to SMS_KEY_MAX of [A-Za-z0-9._-]. */
#define SMS_KEY_MAX 64

/* A connection to one gateway, reused across sends (keep-alive).
 * Not shared between threads. */
typedef struct sms_client sms_client;

/* A new client for g (g and its strings must outlive it); NULL after
 * writing the reason to err when g is incomplete (no url, user or
 * password; dlr_url_base with a secret shorter than 16 bytes) or libcurl
 * fails. An empty or NULL secret is no error: it means no reports. */
sms_client *sms_client_new(const sms_gateway *g, char *err, size_t errlen);
void sms_client_free(sms_client *c);

/* Sends utf8_text (after the length rule) to to_intl ("+8210...": what
 * sms_normalise_number gives) through smsbox's sendsms interface, GET,
 * coding=2, charset=UTF-16BE. With dlr_url_base and dlr_secret set it
 * asks for every
 * delivery report (dlr-mask 31) at
 *   dlr_url_base?ref=REF&key=KEY&sig=SIG&type=%d&ts=%T&reply=%A
 * (SIG: sms_dlr_sign over every parameter we set)
 * Kannel has no idempotency key of its own: idem_key travels in the
 * dlr-url and in meta-data ("?madang?key=KEY", written to Kannel's access
 * log), so a message sent twice (a notifier killed after the send, before
 * marking the row sent) shows up as two reports with the same ref and key.
 * Returns MDG_OK (202 "0: Accepted" or "3: Queued"), MDG_ETEMPFAIL
 * (refused, timeout, 5xx, 401/403: our credentials, fixed by the operator
 * and then retried, not dead-lettered), MDG_EPERMFAIL (other 4xx: the
 * gateway refuses this message), MDG_EINVAL (bad number, key or text:
 * nothing was sent). err gets the reason on failure (no password in it). */
int sms_client_send(sms_client *c, const char *to_intl, const char *utf8_text,
		    const char *idem_key, long long dlr_ref, char *err, size_t errlen);

/* One send on a new connection: sms_client_new + sms_client_send + free. */
int sms_send(const sms_gateway *g, const char *to_intl, const char *utf8_text,
	     const char *idem_key, long long dlr_ref, char *err, size_t errlen);

/* ---- Delivery reports -------------------------------------------------- */

/* Kannel's report types (its dlr-mask bits; %d in the dlr-url). */
enum sms_dlr_type {
	SMS_DLR_DELIVERED = 1,    /* reached the phone */
	SMS_DLR_FAILED = 2,       /* will not reach the phone */
	SMS_DLR_BUFFERED = 4,     /* the SMSC holds it (phone off) */
	SMS_DLR_SMSC_ACK = 8,     /* the SMSC accepted it */
	SMS_DLR_SMSC_REJECT = 16  /* the SMSC refused it */
};
#define SMS_DLR_MASK_ALL 31

/* base64url of an HMAC-SHA-256, no padding, + NUL. */
#define SMS_DLR_SIG_LEN 44

/* The signature the dlr-url carries: HMAC-SHA-256 under secret, base64url
 * in out[SMS_DLR_SIG_LEN], of every parameter Madang sets and the names of
 * those Kannel fills in, as "madang-sms-dlr:2:ref=REF&key=KEY&type&ts&reply".
 * Kannel cannot sign the values it fills in (type, ts, reply): those are
 * bounded instead (sms_dlr_parse) and a final report is never replaced by
 * another (outbox_record_dlr). key must pass the idempotency-key rule. */
void sms_dlr_sign(const char *secret, long long ref, const char *key, char out[SMS_DLR_SIG_LEN]);

/* One delivery report as /sms/dlr received it. */
typedef struct sms_dlr {
	long long ref;                 /* the outbox row */
	int type;                      /* one enum sms_dlr_type value */
	long long ts;                  /* Unix time Kannel got it; 0 when absent */
	char key[SMS_KEY_MAX + 1];     /* the idempotency key; "" when absent */
	char reply[128];               /* the SMSC's words (printable ASCII), may be "" */
} sms_dlr;

/* Validates the query of a report (ref, key, sig, type required; ts, reply
 * optional; each at most once) into *out. Pure: no DB, no clock.
 * MDG_OK, MDG_EINVAL (missing, repeated or malformed), MDG_EDENIED (the
 * signature does not match ref and key, or a parameter the dlr-url does
 * not have was added: a forged report; also when secret is empty). */
int sms_dlr_parse(const kvlist *query, const char *secret, sms_dlr *out);

/* "delivered", "failed", "buffered", "smsc_ack", "smsc_reject" or NULL. */
const char *sms_dlr_type_name(int type);

#endif
