/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* routing.h: placing cases by their category's rules (분류별 처리지침):
 * departments, handlers by distribution mode (passing over the absent,
 * cases/absence.h), deadlines in working days (org/calendar.h); and the
 * escalation of idle cases. */
#ifndef MDG_ROUTING_H
#define MDG_ROUTING_H
#include <stdbool.h>
#include <stddef.h>

#include "db/db.h"

#define DISTRIBUTION_MODES "manual", "random", "round_robin", "joint"

/* Places a case just filed, in the caller's transaction: copies the rule
 * in force onto the case (deadline, approval, escalation, reopening),
 * adds its lead and joint departments and hands it to handlers by the
 * mode. A case no rule can place is marked unplaced for the supervisor's
 * queue, with an internal event saying so and a NOTICE_STAFF_UNPLACED
 * notice to each global supervisor. */
int routing_place(db *d, long long case_id, long long category_id);
/* routing_place with deadline_days business days to answer instead of
 * the rule's (a proposal's review: setting proposal.answer_workdays);
 * 0: the rule's. */
int routing_place_within(db *d, long long case_id, long long category_id, int deadline_days);

/* Places a case again by category_id's rule (re-filing, 분야재지정), in
 * the caller's transaction: sets the category, lets go of its departments
 * and handlers (their work stays in the history) and places it as
 * routing_place does, except that the deadline stays as it was. The
 * status is 'received', or 'assigned' when the rule gave it a handler. */
int routing_replace(db *d, long long case_id, long long category_id);

/* Gives a case to handlers of department_id by the category's mode (used
 * after filing and after a transfer), in the caller's transaction;
 * *assigned counts the handlers given it (0 for manual mode or when no
 * handler is available). Records 'assigned' events. When nobody was given
 * it, the department's managers (routing_managers; else the supervisors
 * over it) get a NOTICE_STAFF_WAITING notice. */
int routing_assign_department(db *d, long long case_id, long long category_id,
			      long long department_id, int *assigned);

/* The managers a department's cases go to: its own (active, holding a
 * manager role on it), else those of its nearest ancestor that has any
 * whose role reaches down to it, else global managers; one column,
 * account_id. The caller frees *out (NULL on failure). */
int routing_managers(db *d, long long department_id, db_result **out);
/* The supervisors over a department: global ones, and those whose role
 * is on it or on an ancestor with its subtree (department_id 0: global
 * ones only); one column, account_id. The caller frees *out. */
int routing_supervisors(db *d, long long department_id, db_result **out);

/* Moves cases without action for their escalation period: to the
 * substitute of an absent handler, else to the department's managers
 * (routing_managers; else to the supervisor's unplaced queue); hands over
 * the open cases of absences that have started (absence_hand_over).
 * *moved counts cases moved. */
int routing_escalate(db *d, int *moved);

#endif
