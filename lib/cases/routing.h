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

/* The handlers a department's case goes to, chosen by the category's
 * mode; none for manual mode or when nobody is available. */
struct handler_picks {
	long long id[64];
	int n;
};

/* Placing a case just filed, in the caller's transaction: the rule in
 * force copied onto the case (deadline, approval, escalation, reopening),
 * its lead and joint departments, handlers by the mode. A case no rule
 * can place is marked unplaced for the supervisor's queue, with an
 * internal event saying so and a NOTICE_STAFF_UNPLACED notice to each
 * global supervisor. In two steps, so that the filing writes the case's
 * row once with all of it (case_file): what routing decides before the
 * row is written (routing_plan_make), and the rest (routing_plan_apply). */
typedef struct routing_plan {
	long long category_id;
	long long lead; /* the lead department; 0: no rule places it (unplaced) */
	char due[20];   /* the deadline, "YYYY-MM-DD 18:00:00" */
	long long needs_approval, escalate_hours, reminder_hours, reopen_days, max_extensions;
	struct handler_picks picks; /* the lead department's handlers */
	db_result *rule;            /* the category's rule as read (mode, joint) */
} routing_plan;

/* Reads category_id's rule in force, works out the deadline (the rule's,
 * or deadline_days business days when positive: a proposal's review,
 * setting proposal.answer_workdays) and chooses the lead department's
 * handlers (taking the round-robin turn), in the caller's transaction;
 * writes nothing of a case. routing_plan_free afterwards, whatever it
 * returns. */
int routing_plan_make(db *d, long long category_id, int deadline_days, routing_plan *p);
/* For case_id, whose row already holds p's department, deadline, rule
 * values, unplaced flag and status ('assigned' when p.picks has anyone):
 * what placing adds besides (departments, events, handlers and
 * notices), in the caller's transaction. */
int routing_plan_apply(db *d, long long case_id, const routing_plan *p);
/* The lead department category_id's rule places a case in now, as
 * routing_plan_make finds it, without choosing handlers (no round-robin
 * turn taken, nothing written): *lead 0 when no rule places it (no
 * department, or a deactivated one). For permission checks before
 * filing (a proposal's review). */
int routing_lead(db *d, long long category_id, long long *lead);
/* Frees what routing_plan_make read. */
void routing_plan_free(routing_plan *p);

/* Places a case again by category_id's rule (re-filing, 분야재지정), in
 * the caller's transaction: sets the category, lets go of its departments
 * and handlers (their work stays in the history) and places it as
 * a filing is placed, except that the deadline stays as it was. The
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
