/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* notifier.h: madang-notifier's state and one run (scan, then drain). */
#ifndef MDG_NOTIFIER_H
#define MDG_NOTIFIER_H
#include <signal.h>
#include <stdbool.h>

#include "core/config.h"
#include "db/db.h"
#include "notify/mail.h"
#include "notify/message.h"
#include "notify/sms.h"

typedef struct notifier {
	HDF *cfg;
	db *db;                /* NULL until connected */
	const char *now;       /* --now: the test clock, or NULL */
	char owner[64];        /* lease_owner: --owner or host:pid */
	int batch;             /* rows per claim */
	int lease;             /* seconds a claim holds its rows */
	mail_server mail;
	const char *mail_from;      /* envelope and From: address */
	const char *mail_from_name;
	const char *msgid_domain;   /* the part of mail_from after '@' */
	const char *reply_to;       /* intake.address (replies reach madang-mailin), or NULL */
	sms_gateway sms;
	bool sms_on;           /* sms.url set: SMS rows are sent, else they wait */
	sms_client *smsc;      /* made at the first SMS, kept (keep-alive) */
	message_site site;
	unsigned char key[CONFIG_SECRET_BYTES];
	volatile sig_atomic_t *stop; /* set by SIGTERM/SIGINT: no new claims */
	time_t marks_until;    /* the batch in hand: keep trying marks until then */
	bool marks_lost;       /* the batch in hand: a mark failed for good */
} notifier;

/* What one run did, for its summary line. */
typedef struct run_stats {
	long scanned;   /* notices the deadline scan made */
	int escalated;  /* idle cases moved by routing_escalate */
	long claimed, sent, retried, dead;
	long scan_ms;   /* wall-clock time of the escalation and the scan */
} run_stats;

/* Reads the mail, sms and notifier settings of n->cfg into n. MDG_OK, or
 * MDG_EINVAL (logged) when a value is malformed. */
int notifier_configure(notifier *n);

/* One run: connects (or reconnects) to the database, escalates idle
 * cases, runs the deadline scan, then claims and delivers due outbox rows
 * until none are left or *n->stop is set (the batch in hand is finished).
 * Delivery failures are recorded on their rows and do not fail the run.
 * MDG_OK; MDG_EDB when the database is unreachable or lost (rows claimed
 * and not yet marked are picked up again when their lease ends); MDG_ERR. */
int notifier_run(notifier *n, run_stats *st);

#endif
