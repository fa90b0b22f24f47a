/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* monthly.h: the monthly report mailed to each department manager on the
 * month's first working day: last month's figures of the departments
 * they manage and a link to the report page with that month's filters,
 * through the notifier's outbox (notice_account, NOTICE_REPORT_MONTHLY). */
#ifndef MDG_MONTHLY_H
#define MDG_MONTHLY_H
#include "db/db.h"

/* From the month's first working day on (the database's today; weekends
 * and the holidays table are days off), once per month: queues last
 * month's report to every active manager, one mail per manager (their
 * departments and those below together). Each mail has an idempotency key
 * (month and account), so that a second run, or two notifiers at once,
 * send nothing twice; the month is then marked done
 * (report_monthly_runs) and later scans only look there. *made counts the
 * mails queued by this call. */
int report_monthly_scan(db *d, long *made);

#endif
