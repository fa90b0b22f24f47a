/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* workflow.h: the case life cycle: statuses, actions, and the one table
 * of allowed transitions. */
#ifndef MDG_WORKFLOW_H
#define MDG_WORKFLOW_H
#include <stdbool.h>

typedef enum case_status {
	CASE_RECEIVED,    /* 접수: filed or transferred in, no handler yet */
	CASE_ASSIGNED,    /* 배정: a handler has it */
	CASE_IN_PROGRESS, /* 처리 중 */
	CASE_APPROVAL,    /* 승인 대기: an answer waits for the manager */
	CASE_ANSWERED,    /* 답변 완료 */
	CASE_CLOSED,      /* 종결 */
	CASE_WITHDRAWN,   /* 취하: by the citizen before the answer */
	CASE_REJECTED,    /* 반려: with a reason */
	CASE_STATUS__MAX
} case_status;

typedef enum case_action {
	ACT_ASSIGN,        /* a manager or the routing rules give it a handler */
	ACT_START,         /* the handler starts work */
	ACT_TRANSFER,      /* 이첩: to another department, with a reason */
	ACT_SEND_BACK,     /* the receiving department returns a transfer */
	ACT_EXTEND,        /* a new deadline, with a reason */
	ACT_SUBMIT,        /* the handler submits an answer for approval */
	ACT_APPROVE,       /* the manager approves it: the answer is sent */
	ACT_RETURN_ANSWER, /* the manager sends the draft back */
	ACT_ANSWER,        /* the handler answers (no approval needed) */
	ACT_CLOSE,         /* the case is closed after its answer */
	ACT_WITHDRAW,      /* the citizen withdraws it */
	ACT_REJECT,        /* 반려, with a reason */
	ACT_REOPEN,        /* the citizen reopens it after the answer */
	ACT_REFILE,        /* 분야재지정: another category, routed by its rule */
	CASE_ACTION__MAX
} case_action;

/* Who may take an action (a bit set). */
enum case_actor {
	ACTOR_CITIZEN = 1 << 0,
	ACTOR_HANDLER = 1 << 1,
	ACTOR_MANAGER = 1 << 2,
	ACTOR_SYSTEM = 1 << 3
};

/* The status an action leads to from a status. MDG_OK with *to set, or
 * MDG_EINVAL when the table does not allow it. */
int workflow_next(case_status from, case_action action, case_status *to);
/* The actors (enum case_actor bits) allowed to take action from status;
 * 0 when the transition is not allowed at all. */
unsigned workflow_actors(case_status from, case_action action);
/* True when the case is finished (no handling left). */
bool workflow_is_final(case_status s);

/* Names as stored in the database and used in URLs and templates. */
const char *case_status_name(case_status s);
int case_status_parse(const char *name, case_status *out);
const char *case_action_name(case_action a);
int case_action_parse(const char *name, case_action *out);

#endif
