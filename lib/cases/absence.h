/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* absence.h: staff absences (leave, training) with their substitutes
 * (부재시 대체 담당자), as handlers and their managers edit them, and the
 * hand-over of open cases to the substitute; who acts for whom now. The
 * hand-over when an absence starts is routing_escalate's (routing.h). */
#ifndef MDG_ABSENCE_H
#define MDG_ABSENCE_H
#include <stdbool.h>

#include "db/db.h"
#include "org/audit.h"

#define ABSENCE_KINDS "leave", "training", "other"
bool absence_kind_valid(const char *kind);

/* Absences viewer_id may see and edit, not ended more than 30 days ago,
 * soonest first: their own and those of staff of departments they
 * manage: id, account_id, name, kind, first and last (days,
 * "YYYY-MM-DD"), substitute (a name; NULL for none), handed_over, state
 * ("future", "current", "past"). */
int absence_list(db *d, long long viewer_id, db_result **out);
/* Whom viewer_id may add an absence for (themselves first, then staff of
 * the departments they manage): id, name. */
int absence_people(db *d, long long viewer_id, db_result **out);
/* Possible substitutes for account_id: the other active staff of their
 * departments (never account_id itself), when viewer_id may edit
 * account_id's absences (else no rows): id, name, department_id,
 * department (its name in lang); one row per department, by department. */
int absence_substitutes(db *d, long long viewer_id, long long account_id, const char *lang, db_result **out);

typedef struct absence_new {
	long long account_id;    /* who is away */
	const char *kind;        /* ABSENCE_KINDS */
	const char *first_day;   /* "YYYY-MM-DD", valid */
	const char *last_day;    /* "YYYY-MM-DD", valid, inclusive */
	long long substitute_id;
	bool hand_over_now;      /* move their open cases at once */
} absence_new;

/* Adds an absence in one transaction, by who (who->account_id must be
 * the absent person or manage one of their departments: else
 * MDG_ENOTFOUND). MDG_EINVAL with *problem (a key under L.Absence.Err):
 * bad_dates, past, same_person, bad_substitute, overlap. *moved counts
 * the cases handed over. */
int absence_add(db *d, const actor *who, const absence_new *a, long long *id, int *moved, const char **problem);
/* Deletes an absence that has not started, if who may edit it;
 * MDG_ENOTFOUND otherwise, MDG_EINVAL ("started") once it has begun. */
int absence_delete(db *d, const actor *who, long long id, const char **problem);
/* Ends an absence that has begun now instead of on its last day, if who
 * may edit it (else MDG_ENOTFOUND); MDG_EINVAL with *problem "not_started"
 * (delete it instead) or "over". What follows is what follows the end of
 * any absence: new cases reach the person again, and the cases handed to
 * the substitute stay with them. Audited. */
int absence_end(db *d, const actor *who, long long id, const char **problem);

/* The account that acts for account_id now: its substitute (followed
 * through up to five absences) when it is absent, else itself; 0 when it
 * is absent without a substitute. */
int absence_resolve(db *d, long long account_id, long long *acting);

/* Moves account_id's open cases to acting (its substitute, already
 * resolved), each with a 'substituted' event, a notice to acting and a new
 * version (forms showing the old one are stale); actor_id is who did it
 * (0: the system). Call inside a transaction. *moved counts the cases. */
int absence_hand_over(db *d, long long actor_id, long long account_id, long long acting, int *moved);

/* The month calendar: absences overlapping the month that starts on
 * first_day ("YYYY-MM-01", valid) of staff of the departments in
 * viewer_id's scope and viewer_id's own: account_id, name, kind, first
 * and last (days, "YYYY-MM-DD"), substitute (a name; NULL for none); by
 * name, then start. */
int absence_month(db *d, long long viewer_id, const char *first_day, db_result **out);
/* Active staff of the departments in viewer_id's scope, and viewer_id:
 * id, name, departments (their departments in that scope, names in
 * lang, joined by ", "); by name. */
int absence_month_staff(db *d, long long viewer_id, const char *lang, db_result **out);
/* The holidays of that month: day ("YYYY-MM-DD"), name. */
int absence_month_holidays(db *d, const char *first_day, db_result **out);

#endif
