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

#include <jansson.h>

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
	NOTICE_STARTED,      /* 처리 시작: the handler started work */
	NOTICE_REFILED,      /* 분야재지정: the new category, its department, the reason */
	NOTICE_APOLOGY,      /* 처리지연 사과: once per case and deadline (the last citizen kind) */
	/* to staff */
	NOTICE_STAFF_ASSIGNED,  /* a case was given to you */
	NOTICE_STAFF_ESCALATED, /* an idle case moved to you, the manager */
	NOTICE_STAFF_REMINDER,  /* a case of yours is due soon */
	NOTICE_STAFF_WAITING,   /* a case arrived in your department and waits to be assigned */
	NOTICE_STAFF_UNPLACED,  /* no rule could place a case: the supervisor's queue */
	NOTICE_STAFF_MESSAGE,   /* the citizen wrote to a case of yours (e-mail intake) */
	NOTICE_STAFF_DIGEST,    /* the day's notices in one mail */
	/* to a mobile number that texted us (lib/intake/sms_in.c) */
	NOTICE_SMS_REPLY,       /* the answer to an SMS: filed, added, status, a question */
	/* to one account about something other than a case (notice_account):
	 * proposals, debates, moderation, mileage; each part adds its kinds
	 * here, after this line */
	NOTICE_PENALTY_APPLIED,     /* mileage: a warning or restriction, its reason, how to object */
	NOTICE_PENALTY_LIFTED,      /* mileage: a penalty lifted (an objection accepted) */
	NOTICE_OBJECTION_REJECTED,  /* mileage: an objection to a penalty rejected, why */
	NOTICE_DEBATE_SUMMARY,  /* a debate one took part in has its official summary */
	NOTICE_MODERATION_HIDDEN,  /* your post is held or hidden: why, how to object */
	NOTICE_MODERATION_DELETED, /* your post was deleted: why, how to object */
	NOTICE_PROPOSAL_THRESHOLD, /* a proposal one wrote or supports reached its threshold */
	NOTICE_FOLLOWED,            /* a public case the person follows changed (similar/follow.h) */
	NOTICE_REPORT_MONTHLY,      /* reports: last month's figures to a department manager */
	NOTICE_NOTE_RECEIVED,       /* notes: a note arrived (no text: read it signed in) */
	/* identity (lib/auth/verify.c), sent to one address by notice_to_address */
	NOTICE_VERIFY,          /* a code (SMS) or link (e-mail) proving a contact */
	NOTICE_RECOVER,         /* a code (SMS) or link (e-mail) to choose a new password */
	NOTICE_PASSWORD_RESET,  /* the password was reset: to every verified contact */
	NOTICE_LOGIN_ID,        /* the login ID asked for ("Forgot your ID?") */
	NOTICE_TOTP_RESET,      /* a supervisor reset one's second sign-in factor */
	NOTICE_PROPOSAL_REVIEW,    /* a proposal one supports went to a department for its answer */
	NOTICE_PROPOSAL_ANSWERED,  /* a proposal one wrote or supports has its official answer */
	NOTICE_ACCOUNT_CLOSED,     /* one's account was closed at one's request (notice_to_address) */
	NOTICE_COMMUNITY_INVITED,  /* communities: a manager invited you to join */
	NOTICE_COMMUNITY_REQUEST,  /* communities: someone asks to join yours (to owner and managers) */
	NOTICE_COMMUNITY_APPROVED, /* communities: your request to join was approved */
	NOTICE_COMMUNITY_GOVERNED, /* communities: a supervisor suspended, closed or reopened yours */
	NOTICE_EVENT_REMINDER,     /* a community event one answered going or maybe is soon */
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
 * (YYYY-MM-DD), reason, for NOTICE_REFILED category (the new one, in
 * the citizen's language), and for NOTICE_ANSWERED rate_nonce (the
 * satisfaction link's nonce, see notice_rate_link) and, for a case filed
 * by e-mail, answer (the answer's text: its filer may be a guest, who
 * cannot sign in to read it). To a guest also guest_case and
 * guest_account, from which the message's case link is signed
 * (auth/case_link.h). MDG_OK, MDG_ENOTFOUND
 * (no such case), MDG_ERR/MDG_EDB. */
int notice_citizen(db *d, long long case_id, notice_kind kind, const char *reason);

/* A notice to one staff member about case_id (NOTICE_STAFF_ASSIGNED,
 * NOTICE_STAFF_ESCALATED, NOTICE_STAFF_REMINDER, NOTICE_STAFF_WAITING,
 * NOTICE_STAFF_UNPLACED, NOTICE_STAFF_MESSAGE). Staff who chose the
 * daily digest get no mail now: the notice waits for their digest
 * (SMS, if they opted in, is sent at once). */
int notice_staff(db *d, long long account_id, long long case_id, notice_kind kind);

/* notice_staff to each handler of case_id (e.g. NOTICE_STAFF_MESSAGE when
 * the citizen wrote to the case by mail or SMS). */
int notice_case_handlers(db *d, long long case_id, notice_kind kind);

/* The deadline scan: enqueues every delay apology and staff reminder now
 * due, and the daily digests of staff who chose them. Each case is read
 * once per deadline (cases.apology_due, cases.remind_at), so the cost
 * grows with the cases that fell due, not with the table. Runs in short
 * transactions of its own; safe to run from several notifiers at once
 * (each notice has an idempotency key). *made counts the notices made.
 * limit bounds the cases read per kind and call (0: no bound). */
int notice_scan(db *d, long limit, long *made);

/* A notice to account_id about something that is not one case (a
 * proposal, a debate, a moderation decision): kind is one of those after
 * NOTICE_SMS_REPLY. payload (borrowed, not changed) is the JSON object
 * the kind's templates read as Notice.* (the recipient's name is added as
 * "name"); its string member "link", a path of this site such as
 * "/proposals/12", is where the web inbox leads. idem_key (or NULL) makes
 * a second identical notice a no-op. Delivered by e-mail and SMS as the
 * person chose (staff who take the digest read it there). In the
 * caller's transaction. MDG_OK (an inactive account is told nothing),
 * MDG_EINVAL (a case's kind), MDG_ERR/MDG_EDB. */
int notice_account(db *d, long long account_id, notice_kind kind, json_t *payload, const char *idem_key);

/* Queues the SMS answer to a message received by SMS (NOTICE_SMS_REPLY)
 * to to_intl ("+8210...") in lang, on the caller's connection (inside the
 * transaction that records the message), whatever the account's notice
 * choices: the person just wrote from that number. payload is the JSON
 * object the template reads (Notice.reply says which answer; see
 * cs-templates/sms/sms_reply.cs); key (1 to 64 of [A-Za-z0-9._-]) makes
 * the row's Message-ID, so one message gets one answer. account_id may
 * be 0. When account_id is the guest that filed the case the payload
 * names (tracking), guest_case and guest_account are added as
 * notice_citizen adds them, so that its link is the signed one. No web
 * notice is written: the answer is to the SMS. */
int notice_sms_reply(db *d, long long account_id, const char *to_intl, const char *lang, const char *payload,
		     const char *key);

/* Queues one message of kind (NOTICE_VERIFY ... NOTICE_LOGIN_ID, or
 * NOTICE_ACCOUNT_CLOSED) to
 * address on channel ("email", or "sms" with a normalised mobile number),
 * in lang, whatever the account's notice choices and without a web
 * notice: the person asked for it just now. payload (borrowed) is what
 * the templates read as Notice.*. MDG_EINVAL for another kind or an
 * address that is no valid one. */
int notice_to_address(db *d, long long account_id, const char *channel, const char *address, const char *name,
		      const char *lang, notice_kind kind, json_t *payload);

/* Signed links, followed without signing in: the last path segment is
 * "SUBJECT.MAC", where SUBJECT names what the link acts on (1 to
 * NOTICE_TOKEN_SUBJECT_MAX of [A-Za-z0-9_-]) and MAC is HMAC-SHA-256 under
 * the site key (config_secret) of LABEL ":" SUBJECT in URL-safe base64
 * without padding. Each kind of link has its own label ("rate", "unsub"),
 * so that no link can pass for another kind. */
#define NOTICE_TOKEN_MAX 96
#define NOTICE_TOKEN_MAC_LEN 43
#define NOTICE_TOKEN_SUBJECT_MAX 40
/* Writes the token into out (NOTICE_TOKEN_MAX bytes); "" when subject is
 * not a valid one (empty, too long, other characters). */
void notice_token_sign(const unsigned char *key, size_t keylen, const char *label, const char *subject, char *out);
/* True when token is a well-formed "SUBJECT.MAC" signed under key and
 * label; the subject is then copied into subject (subjectlen bytes, which
 * must hold it and its NUL, or false). Constant-time comparison. */
bool notice_token_verify(const unsigned char *key, size_t keylen, const char *label, const char *token,
			 char *subject, size_t subjectlen);

/* The signed single-use rating link's last path segment for a
 * satisfaction nonce (32 hex digits): "NONCE.SIGNATURE", label "rate". */
#define NOTICE_RATE_TOKEN_MAX NOTICE_TOKEN_MAX
void notice_rate_token(const unsigned char *key, size_t keylen, const char *nonce, char *out);
/* True when token is a well-formed "NONCE.SIGNATURE" signed under key;
 * the nonce is copied into nonce (33 bytes). */
bool notice_rate_token_valid(const unsigned char *key, size_t keylen, const char *token, char nonce[33]);

/* The one-click unsubscribe link's last path segment (/unsubscribe/TOKEN,
 * RFC 8058) for an account: "ID.SIGNATURE", label "unsub". It does not
 * expire: it can only turn the account's e-mail notices off. */
void notice_unsub_token(const unsigned char *key, size_t keylen, long long account_id, char *out);
/* True when token is such a link signed under key; *account_id is then
 * the account (positive), otherwise 0. */
bool notice_unsub_token_valid(const unsigned char *key, size_t keylen, const char *token, long long *account_id);

#endif
