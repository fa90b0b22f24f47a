/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* timed.h: the jobs the passing of time drives, in one list: every
 * notifier run (each minute) and `madangctl tick` (which an operator or a
 * test runs, maybe at a clock of its own) call timed_run, so the two never
 * disagree on what time does. The outbox's delivery and the daily
 * retention job stay with their callers. */
#ifndef MDG_TIMED_H
#define MDG_TIMED_H
#include "db/db.h"

/* Which of the optional jobs to run as well. */
enum timed_job {
	/* The scans that make notices: reminders, escalation notices, the
	 * delay apology (notice_scan), followers' news (follow_scan) and
	 * community events' reminders (event_reminder_scan).
	 * The notifier's; tick leaves them to the next notifier run. */
	TIMED_NOTICES = 1u << 0,
	/* Last month's report to each department manager on the month's
	 * first working day (the setting notifier.monthly_reports). */
	TIMED_MONTHLY = 1u << 1
};

/* What one run did. */
typedef struct timed_counts {
	int escalated;   /* idle cases moved up (routing_escalate) */
	long notices;    /* notices made by the scans (TIMED_NOTICES) */
	long expired;    /* proposals whose support period ended */
	long reports;    /* monthly reports queued (TIMED_MONTHLY) */
	long reviews;    /* proposals at their threshold filed for review */
	long archived;   /* communities archived for want of activity */
} timed_counts;

/* Runs the jobs in their order (escalation, notice scan, proposal expiry,
 * community archiving, followers' news, monthly reports, event
 * reminders, proposal reviews), the optional ones
 * when jobs names them, each in transactions of its own; stops at the
 * first failure. MDG_OK or that job's error; *out counts what ran. */
int timed_run(db *d, unsigned jobs, timed_counts *out);

#endif
