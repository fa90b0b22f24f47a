/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* outbox.h: the delivery side of the transactional outbox (the outbox
 * table, db/migrations/0007_notify.sql): claiming rows under a lease,
 * marking them sent, retrying with backoff or dead-lettering them, and the
 * supervisor's view with retry and cancel. Rows are written by
 * lib/notify/notice.c in the transaction of the change they report. */
#ifndef MDG_OUTBOX_H
#define MDG_OUTBOX_H
#include <stdbool.h>
#include <time.h>

#include "db/db.h"
#include "org/audit.h"

/* One claimed row, as the notifier delivers it. The strings belong to
 * the batch (outbox_batch.rows). */
typedef struct outbox_item {
	long long id;
	const char *channel;    /* "email" or "sms" */
	const char *recipient;  /* the address, or the number in international form */
	const char *name;       /* the recipient's name, NULL when none */
	const char *lang;       /* "ko" or "en" */
	const char *kind;       /* notice_kind_name's */
	const char *payload;    /* the notice's JSON */
	const char *message_id; /* the Message-ID's local part, the same on every attempt */
	long long attempts;     /* this attempt counted */
} outbox_item;

/* The rows of one claim. */
typedef struct outbox_batch {
	size_t n;
	outbox_item *items;
	db_result *rows;        /* owns the strings of items */
} outbox_batch;

/* Claims up to limit rows due now (state 'pending', next_attempt_at and
 * any earlier lease passed) in one short transaction with SELECT ... FOR
 * UPDATE SKIP LOCKED, leasing them to owner for lease_seconds. With
 * sms_allowed false (quiet hours) SMS rows stay where they are, except the
 * codes and links a person just asked for (lib/auth/verify.h). *out
 * holds them (free it with outbox_batch_free, also after a failure).
 * MDG_OK (possibly no rows), MDG_EDB, MDG_ERR. */
int outbox_claim(db *d, const char *owner, int lease_seconds, bool sms_allowed, int limit, outbox_batch *out);
/* Frees what a claim holds; *b is empty afterwards. */
void outbox_batch_free(outbox_batch *b);

/* Marks a claimed row sent, if owner still holds its lease. */
int outbox_mark_sent(db *d, long long id, const char *owner);

/* Records a failed attempt of a claimed row: MDG_ETEMPFAIL schedules the
 * next attempt by outbox_backoff_seconds, or dead-letters the row once it
 * has been failing for OUTBOX_GIVE_UP_SECONDS; MDG_EPERMFAIL dead-letters
 * it at once. error is kept (cut to 500 bytes) as last_error. *dead tells
 * which it was. */
int outbox_mark_failed(db *d, long long id, const char *owner, int failure, const char *error, bool *dead);

/* The wait before attempt number attempts + 1 after attempts failures:
 * 60 s doubling up to 3600 s, with up to 20 % random jitter added
 * (jitter in [0, 1): pass a random value; tests pass fixed ones). */
#define OUTBOX_BACKOFF_FIRST 60
#define OUTBOX_BACKOFF_MAX 3600
#define OUTBOX_GIVE_UP_SECONDS (3 * 24 * 3600)
long outbox_backoff_seconds(int attempts, double jitter);

/* Whether SMS may be sent at hh:mm (local time) with quiet hours from
 * quiet_start to quiet_end ("HH:MM"; the span may cross midnight; equal
 * values mean no quiet hours). Malformed values count as the default
 * 21:00-08:00. */
bool outbox_sms_allowed(int hour, int minute, const char *quiet_start, const char *quiet_end);
/* "HH:MM" (00:00-23:59, two digits each) as minutes after midnight, or
 * -1: the one check of quiet-hour settings, for the notifier and the
 * settings form alike. */
int outbox_parse_hhmm(const char *s);

/* The supervisor's view: rows in state (NULL: 'pending' and 'dead'),
 * newest first, OUTBOX_PAGE_SIZE per page, columns named as the page
 * shows them: id, channel, recipient, kind, state, attempts, next (the
 * next attempt), error (the last), created, sent, dlr (the delivery
 * report's status), tracking (the case's number). *total counts the
 * matches. */
#define OUTBOX_PAGE_SIZE 50
int outbox_list(db *d, const char *state, long page, db_result **out, long *total);
/* Counts per state: state, n. */
int outbox_counts(db *d, db_result **out);
/* The pending rows per channel, for monitoring: channel, n, oldest (the
 * age in seconds of the oldest pending row). Channels with none have no
 * row. */
int outbox_pending_stats(db *d, db_result **out);

/* A supervisor sends a dead or pending row again now (attempts kept,
 * lease cleared) or cancels it; audited. MDG_ENOTFOUND when the row is
 * not in a state that allows it. */
int outbox_retry(db *d, const actor *who, long long id);
int outbox_cancel(db *d, const actor *who, long long id);

/* Records an SMS delivery report against its row (Kannel's dlr-url):
 * status is sms_dlr_type_name's. MDG_OK; MDG_ECONFLICT when the row has a
 * final report (delivered, failed, smsc_reject) other than status, which
 * stays; MDG_ENOTFOUND when id is no SMS row. */
int outbox_record_dlr(db *d, long long id, const char *status);

#endif
