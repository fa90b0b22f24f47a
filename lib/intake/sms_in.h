/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* sms_in.h: complaints by SMS. Kannel's smsbox passes each message from a
 * phone to /sms/in (app/web/page_notify.c); this decides what it asks and
 * does it, once per message (db/migrations/0023_sms_intake.sql):
 *
 *   - "상태 2026-000123" / "STATUS 2026-000123" (the keywords are
 *     configurable): the case's status and department, answered only to
 *     the number of the case's filer (any other number hears "no case of
 *     this number", so a number reveals nothing);
 *   - any other text from a number with an open case it filed by SMS is
 *     held and the number asked "1 = add to <tracking>, 2 = new"; the next
 *     message "1" adds the held text to that case, "2" files it as a new
 *     case, anything else is appended to the held text without an answer
 *     (the question stands; nothing is lost, nothing filed by guesswork,
 *     and an auto-responder cannot start an endless exchange; a
 *     text that would make the held text longer than a case's body,
 *     CASE_BODY_MAX, is refused);
 *   - any other text files a short complaint from that number (the
 *     account whose verified mobile it is, else the number's guest),
 *     answered with the tracking number.
 *
 * Every answer goes by SMS through the outbox (notice_sms_reply), in the
 * transaction that records the message. */
#ifndef MDG_SMS_IN_H
#define MDG_SMS_IN_H
#include <stdbool.h>
#include <stddef.h>

#include "core/text.h"
#include "db/db.h"

/* The longest text taken, in characters (ten concatenated parts are
 * fewer); longer is refused, not cut, and the phone is answered so
 * (action "toolong"). */
#define SMS_IN_TEXT_MAX 2000
/* Kannel's message id (%I, a UUID) and the configured keywords. */
#define SMS_IN_ID_MAX 64
#define SMS_IN_KEYWORDS_DEFAULT "상태 STATUS"
/* The title of a case filed by SMS: its first characters. */
#define SMS_IN_TITLE_CHARS 40

/* What one message asks (sms_in_classify). */
typedef enum sms_in_ask {
	SMS_IN_TEXT,   /* a complaint (or text for the held choice) */
	SMS_IN_STATUS, /* keyword + tracking number */
	SMS_IN_ONE,    /* "1": add the held text to the offered case */
	SMS_IN_TWO     /* "2": file the held text as a new case */
} sms_in_ask;

/* Pure: what text (trimmed, valid UTF-8) asks. keywords: the status
 * keywords separated by spaces (compared without regard to ASCII case);
 * a status question is exactly one keyword and one tracking number, which
 * goes to tracking (TRACKING_LEN + 1 bytes). *lang gets the keyword's
 * language for a status question ("ko" when it has Hangul, else "en"). */
sms_in_ask sms_in_classify(const char *text, const char *keywords, char *tracking, const char **lang);

/* Pure: the language of a text: "ko" when it has a Hangul syllable or
 * letter, "en" when it has Latin letters and no Hangul, NULL otherwise
 * (digits only: the caller keeps the language it knows). */
const char *sms_in_lang(const char *text);

/* Pure: the title of a case filed from text: its first
 * SMS_IN_TITLE_CHARS characters on one line (line breaks as spaces),
 * "…" when cut. A new string the caller frees. */
char *sms_in_title(const char *text);

/* What /sms/in was given; strings borrowed. */
typedef struct sms_in_msg {
	const char *kannel_id; /* Kannel's message id, 1 to SMS_IN_ID_MAX of [A-Za-z0-9-] */
	const char *from;      /* the sender as Kannel gives it */
	const char *text;      /* UTF-8 */
} sms_in_msg;

/* The configuration (sms.in_*). */
typedef struct sms_in_config {
	const char *keywords;  /* status keywords; NULL: SMS_IN_KEYWORDS_DEFAULT */
	long long category_id; /* the category of cases filed by SMS */
} sms_in_config;

/* What was done, for the HTTP answer and the log. */
typedef struct sms_in_result {
	const char *action;             /* "filed", "added", "status", "unknown", "asked", "held", "nochoice", "toolong", "duplicate" */
	char tracking[TRACKING_LEN + 1]; /* the case concerned, or "" */
} sms_in_result;

/* Validates and handles one message. MDG_OK (also for a message handled
 * before: action "duplicate", nothing done); MDG_EINVAL (no Korean mobile
 * number, a bad id, empty text), MDG_EUTF8, MDG_ETOOBIG (a held text
 * grown past CASE_BODY_MAX): the message is refused and nothing stored;
 * a text over SMS_IN_TEXT_MAX is MDG_OK, action "toolong": recorded and
 * answered, nothing filed; MDG_EDB /
 * MDG_ERR: nothing stored, Kannel may try again. */
int sms_in_handle(db *d, const sms_in_config *cfg, const sms_in_msg *m, sms_in_result *out);

#endif
