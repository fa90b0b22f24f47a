/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* retention.h: the retention job (issue 13 section 4): deletes what has
 * outlived its use (expired sessions, codes and recovery links, throttle
 * rows, real-name states) and removes the personal data of cases closed
 * more than retention.closed_case_years ago, keeping the cases' figures.
 * Every period is in docs/operations.md ("Retention"). */
#ifndef MDG_RETENTION_H
#define MDG_RETENTION_H

#include <stdbool.h>
#include <stddef.h>

#include "core/config.h"
#include "db/db.h"

/* The setting (the settings table) and its default: years after a case
 * was closed (closed, withdrawn or rejected: closed_at, else its last
 * change) that its personal data is kept. Shared with account deletion. */
#define RETENTION_CASE_YEARS_SETTING "retention.closed_case_years"
#define RETENTION_CASE_YEARS_DEFAULT 5
/* Two runs (two notifiers, a notifier and madangctl, on any database
 * node) never run the job at once: a run holds the lease LEASE_RETENTION
 * (jobs/lease.h) for at most this long. */
#define RETENTION_LEASE_SECONDS 1800

/* What the job needs from the configuration. */
typedef struct retention_limits {
	long session_idle_minutes;   /* session.idle_minutes */
	long session_absolute_hours; /* session.absolute_hours */
	const char *uploads_dir;     /* web.uploads: the attachments' files */
} retention_limits;

/* The limits of the configuration cfg (the web's defaults). */
void retention_limits_read(HDF *cfg, retention_limits *out);

/* What one run removed. */
typedef struct retention_counts {
	long sessions, codes, throttle, states, cases, guests, files;
} retention_counts;

/* Runs the job once now, whatever ran today, under the lease (not
 * waited for): *ran is false when another run holds it (nothing done).
 * Records the day in retention_runs, so the notifier's daily run skips
 * it. MDG_EDB; a file that cannot be removed is logged and counted out. */
int retention_run(db *d, const retention_limits *lim, retention_counts *out, bool *ran);

/* The notifier's daily run: retention_run unless a run finished today
 * (by the database clock); *ran says whether it ran. */
int retention_daily(db *d, const retention_limits *lim, retention_counts *out, bool *ran);

/* "sessions=N codes=N ..." for the log and retention_runs. */
void retention_summary(const retention_counts *c, char *out, size_t n);

#endif
