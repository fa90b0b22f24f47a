/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* assign.h: giving a case to a handler, the step that routing (by the
 * category's mode, escalation) and absences (hand-over to the substitute)
 * share. */
#ifndef MDG_ASSIGN_H
#define MDG_ASSIGN_H
#include "db/db.h"

/* Makes handler a handler of case_id in department_id (kept when already
 * one), with a public event of kind ("assigned", "escalated" or
 * "substituted": the citizen sees who has the case at each stage) by
 * actor (0: the system), and tells handler (NOTICE_STAFF_ESCALATED for
 * "escalated", else NOTICE_STAFF_ASSIGNED). In the caller's transaction. */
int assign_handler(db *d, long long case_id, long long department_id, long long handler, long long actor,
		   const char *kind);

#endif
