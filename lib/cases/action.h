/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* action.h: acting on a case: one transaction per action, checked against
 * the transition table, the actor's abilities and the case's version
 * (optimistic locking), recorded as an event. Also notes, the thread
 * between departments and the parts of compound cases. */
#ifndef MDG_ACTION_H
#define MDG_ACTION_H
#include "cases/workflow.h"
#include "db/db.h"
#include "org/audit.h"

/* The free text of a case's life cycle, in characters (a Korean
 * character is three bytes in UTF-8, some are four): one definition for
 * the forms' checks, case_apply's, the templates' maxlength (Limit.Reason
 * and Limit.Answer in every page's HDF) and the columns that hold them
 * (static checks in action.c). A reason is that of a transfer, sending
 * back, extension, rejection, reopening, withdrawal or returned answer,
 * an internal note, a message between departments, a rating's comment or
 * a callback's note; an answer is an answer or a joint department's
 * part. */
#define CASE_REASON_MAX 2000
#define CASE_ANSWER_MAX 20000

typedef struct case_cmd {
	long long case_id;
	long long version;       /* the version the actor's form showed */
	case_action action;
	long long actor_id;      /* 0: the system */
	unsigned actor_kind;     /* enum case_actor bits the actor holds here */
	long long department_id; /* transfer: the receiving department */
	long long handler_id;    /* assign: the new handler */
	const char *text;        /* reason, or the answer's body */
	const char *due_date;    /* extend: "YYYY-MM-DD" */
	long long answer_id;     /* approve / return_answer: the answer */
	long long category_id;   /* refile: the new category */
	const actor *who;        /* refile: who, from where, for the audit log */
	const char *outcome;     /* answer / submit of a proposal's case: accepted, partly, rejected */
	const char *plan;        /* with it: the plan, required when accepted */
} case_cmd;

/* Applies cmd. MDG_OK; MDG_ECONFLICT with *problem = "changed" when the
 * case changed since cmd->version (nothing done); MDG_EINVAL with
 * *problem naming what is wrong (a key under L.Act.Problem): not_allowed,
 * reason_required, text_required, bad_department, same_department,
 * text_too_long (over CASE_REASON_MAX, or CASE_ANSWER_MAX for an answer),
 * bad_handler, bad_date, too_many_extensions, reopen_expired,
 * parts_open, needs_approval, no_answer, nothing_to_send_back,
 * same_category, bad_category; for a proposal's case (kind 'proposal')
 * outcome_required, plan_required;
 * MDG_ENOTFOUND for an unknown case; MDG_EDENIED when the actor may not. */
int case_apply(db *d, const case_cmd *cmd, const char **problem);

/* An internal note (never shown to the citizen) by a staff member. Notes
 * and messages hold at most CASE_REASON_MAX characters, parts
 * CASE_ANSWER_MAX (MDG_EINVAL, like a blank text). */
int case_add_note(db *d, long long case_id, long long actor_id, long long department_id, const char *text);
/* A message in the thread between the case's departments (협업관리). */
int case_add_message(db *d, long long case_id, long long actor_id, long long department_id, const char *text);
/* A joint department submits its part of a compound case's answer; the
 * part is sent to the citizen under the lead's answer. MDG_EINVAL when
 * the case is no longer open for parts (an answer drafted or sent),
 * MDG_ENOTFOUND when department_id is not one of its joint departments. */
int case_submit_part(db *d, long long case_id, long long department_id, long long actor_id, const char *text);

#endif
