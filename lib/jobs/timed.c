/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* timed.c: the jobs time drives, in the order they run. */
#include "jobs/timed.h"
#include "calendar/event.h"
#include "cases/routing.h"
#include "communities/community.h"
#include "core/mdg.h"
#include "db/idem.h"
#include "notify/notice.h"
#include "proposals/proposal.h"
#include "proposals/review.h"
#include "reports/monthly.h"
#include "similar/follow.h"

#include <string.h>

int timed_run(db *d, unsigned jobs, timed_counts *out)
{
	long made = 0;
	memset(out, 0, sizeof *out);
	int rc = routing_escalate(d, &out->escalated);
	/* The whole scan, unbounded: it reads only the cases that fell due
	 * (in short transactions of its own), and a bound that stopped on a
	 * round of closed cases would leave later due ones waiting a minute. */
	if (rc == MDG_OK && (jobs & TIMED_NOTICES)) {
		rc = notice_scan(d, 0, &made);
		out->notices += made;
	}
	/* Proposals whose support period ended are archived as expired. */
	if (rc == MDG_OK)
		rc = proposal_expire(d, &out->expired);
	/* Communities without activity for community.archive_days archived. */
	if (rc == MDG_OK)
		rc = community_archive_inactive(d, &out->archived);
	/* Followers of public cases ("this is my problem too") told of news. */
	if (rc == MDG_OK && (jobs & TIMED_NOTICES)) {
		made = 0;
		rc = follow_scan(d, &made);
		out->notices += made;
	}
	/* Once a month (later scans read one row and stop). */
	if (rc == MDG_OK && (jobs & TIMED_MONTHLY))
		rc = report_monthly_scan(d, &out->reports);
	/* A day before a community event, its reminder to who said they come. */
	if (rc == MDG_OK && (jobs & TIMED_NOTICES)) {
		made = 0;
		rc = event_reminder_scan(d, &made);
		out->notices += made;
	}
	/* Proposals at their threshold are filed as cases for their review. */
	if (rc == MDG_OK)
		rc = proposal_review_scan(d, 0, &out->reviews);
	/* Idempotency keys past any retry (lib/db/idem.h). */
	if (rc == MDG_OK) {
		long purged = 0;
		rc = idem_purge(d, &purged);
	}
	return rc;
}
