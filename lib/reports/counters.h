/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* counters.h: the reports' counters (db/migrations/0045_case_counts.sql):
 * each case's figures per day, department, handler, category, channel,
 * status and kind, kept exact by every writer of a case in its own
 * transaction, and read by the workload report instead of the cases
 * (from case_counts_day and case_counts_open, 0062: the same sums without
 * the keys it does not need). */
#ifndef MDG_COUNTERS_H
#define MDG_COUNTERS_H
#include "db/db.h"

/* Statuses of a case that still needs handling: not yet answered and not
 * finished (closed, withdrawn, rejected). */
#define REPORT_OPEN_STATUSES "'received', 'assigned', 'in_progress', 'approval'"

/* The due key of the counters' rows that hold no open case; those below
 * it are the open cases' (ix_case_counts_open). */
#define COUNTERS_NOT_OPEN "'9999-12-31'"

/* Counts the case again: takes its last contribution out of the counters
 * and adds what it holds now (its row, departments, handlers, events and
 * ratings). Call it in the writer's transaction, after the case's rows
 * are written (at the case's event row); calling it twice is harmless. */
int counters_case_changed(db *d, long long case_id);

/* Counts every case again, in transactions of a few thousand cases
 * (madangctl counters-rebuild: after migration 0045, after writing cases
 * by hand, to repair). *cases gets the number of cases counted. */
int counters_rebuild(db *d, long long *cases);

#endif
