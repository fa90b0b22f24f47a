/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* notice.h: who is told what about a case. Each function writes the
 * notice (the person's web inbox) and its outbox rows (e-mail, SMS, by the
 * person's choices) on the caller's connection, so that they commit or
 * roll back with the change that causes them: call them inside that
 * change's transaction. Nothing here talks to SMTP or SMS; madang-notifier
 * delivers the outbox (lib/notify/outbox.h). */
#ifndef MDG_NOTICE_H
#define MDG_NOTICE_H
#include <stdbool.h>
#include <stddef.h>

#include "db/db.h"

/* The kinds of notice. Each names its templates, cs-templates/mail/NAME.cs
 * and cs-templates/sms/NAME.cs, and its line in the web inbox
 * (L.Notice.NAME). */
typedef enum notice_kind {
	/* to the citizen who filed the case */
	NOTICE_RECEIPT,      /* 접수: tracking number, department if placed */
	NOTICE_ASSIGNED,     /* a handler took the case (department, handler) */
	NOTICE_TRANSFERRED,  /* 이첩: the new department, the reason */
	NOTICE_EXTENDED,     /* the new deadline and the reason */
	NOTICE_ANSWERED,     /* the answer is there: link, rating link */
	NOTICE_APOLOGY,      /* 처리지연 사과: once per case and deadline */
	/* to staff */
	NOTICE_STAFF_ASSIGNED,  /* a case was given to you */
	NOTICE_STAFF_ESCALATED, /* an idle case moved to you, the manager */
	NOTICE_STAFF_REMINDER,  /* a case of yours is due soon */
	NOTICE_STAFF_DIGEST,    /* the day's notices in one mail */
	NOTICE_KIND__MAX
} notice_kind;

/* The template name of a kind ("receipt", "staff_assigned", ...). */
const char *notice_kind_name(notice_kind kind);
/* The kind named name, or NOTICE_KIND__MAX. */
notice_kind notice_kind_from_name(const char *name);

/* Notices to the citizen who filed case_id. reason is the transfer's or
 * the extension's reason (NULL for other kinds). The payload (a JSON
 * object the templates read as Notice.*) holds: tracking, title, name
 * (the citizen's), department (in the citizen's language, when the case
 * has one), handler (name or role, as the timeline shows it), due
 * (YYYY-MM-DD), reason, and for NOTICE_ANSWERED rate_nonce (the
 * satisfaction link's nonce, see notice_rate_link). MDG_OK, MDG_ENOTFOUND
 * (no such case), MDG_ERR/MDG_EDB. */
int notice_citizen(db *d, long long case_id, notice_kind kind, const char *reason);

/* A notice to one staff member about case_id (NOTICE_STAFF_ASSIGNED,
 * NOTICE_STAFF_ESCALATED, NOTICE_STAFF_REMINDER). Staff who chose the
 * daily digest get no mail now: the notice waits for their digest
 * (SMS, if they opted in, is sent at once). */
int notice_staff(db *d, long long account_id, long long case_id, notice_kind kind);

/* The deadline scan: enqueues every delay apology and staff reminder now
 * due, and the daily digests of staff who chose them. Each case is read
 * once per deadline (cases.apology_due, cases.remind_at), so the cost
 * grows with the cases that fell due, not with the table. Runs in short
 * transactions of its own; safe to run from several notifiers at once
 * (each notice has an idempotency key). *made counts the notices made.
 * limit bounds the cases read per kind and call (0: no bound). */
int notice_scan(db *d, long limit, long *made);

/* The signed single-use rating link's last path segment for a
 * satisfaction nonce: "NONCE.SIGNATURE" (HMAC-SHA-256 under key, URL-safe
 * base64), written into out (at least NOTICE_RATE_TOKEN_MAX bytes). */
#define NOTICE_RATE_TOKEN_MAX 96
void notice_rate_token(const unsigned char *key, size_t keylen, const char *nonce, char *out);
/* True when token is a well-formed "NONCE.SIGNATURE" signed under key;
 * the nonce is copied into nonce (33 bytes). Constant-time comparison. */
bool notice_rate_token_valid(const unsigned char *key, size_t keylen, const char *token, char nonce[33]);

#endif
