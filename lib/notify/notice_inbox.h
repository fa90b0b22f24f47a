/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* notice_inbox.h: a person's web inbox of notices (the notices table;
 * not the staff's inbox of cases, cases/inbox.h): their notices newest
 * first, the unread count and latest unread for the staff
 * alert, marking them read, and the one-line text of a notice from its
 * language string and its JSON payload. */
#ifndef MDG_NOTICE_INBOX_H
#define MDG_NOTICE_INBOX_H
#include <stdbool.h>

#include "core/buf.h"
#include "db/db.h"

#define NOTICES_PAGE_SIZE 20
#define NOTICES_ALERT_ITEMS 5

/* One notice of the inbox, as notices_row reads it from a result of
 * notices_list or notices_latest_unread; the strings belong to the result. */
typedef struct notice_row {
	long long id;
	const char *kind;     /* notice_kind_name's */
	const char *payload;  /* the JSON object, "{}" when missing */
	const char *at;       /* created, "YYYY-MM-DD HH:MM" */
	const char *iso;      /* created, ISO 8601 "YYYY-MM-DDTHH:MM:SS+09:00" */
	const char *tracking; /* the case's tracking number, NULL: about no one case */
	bool unread;
} notice_row;

/* account_id's notices, newest first, NOTICES_PAGE_SIZE per page (page
 * from 1): read each row with notices_row. *total counts them all. */
int notices_list(db *d, long long account_id, long page, db_result **out, long *total);
/* The latest limit unread notices of account_id, same columns. */
int notices_latest_unread(db *d, long long account_id, int limit, db_result **out);
/* Row row of such a result into *out. */
void notices_row(const db_result *r, unsigned row, notice_row *out);
/* How many of account_id's notices are unread. */
int notices_unread(db *d, long long account_id, long *count);
/* Marks every notice of account_id read (only theirs). *marked counts
 * those that were unread (may be NULL). */
int notices_mark_all_read(db *d, long long account_id, long *marked);

/* Marks one notice of account_id read (someone else's is left alone). */
int notices_mark_read(db *d, long long account_id, long long id);

/* Appends to out the notice line pattern with each {name} replaced by
 * the payload's string (or number) member name; an unknown or missing
 * name becomes "" (a line never shows a raw placeholder). payload is the
 * stored JSON text; when it does not parse, the pattern's text without
 * placeholders is written and false returned. */
bool notices_text(const char *pattern, const char *payload, buf *out);
/* The payload's string member name copied into out (at most outlen
 * bytes); "" when missing. */
void notices_payload_str(const char *payload, const char *name, char *out, size_t outlen);
/* True for the kinds sent to staff (their links go to the staff pages). */
bool notices_kind_staff(const char *kind);

#endif
