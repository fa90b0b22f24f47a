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

/* The working state of a case (dossier_state reads it): what decides
 * which actions it allows now. */
typedef struct case_state {
	long long version;
	case_status status;
	char due[20];            /* "YYYY-MM-DD HH:MM", "" when there is none */
	char due_date[12];       /* "YYYY-MM-DD", "" */
	bool overdue;            /* past the deadline while open */
	long long extensions, max_extensions;
	bool needs_approval;     /* answers go through the manager (submit, approve) */
	bool is_example;         /* published as an example case (처리 사례) */
	bool unplaced;           /* no rule placed it */
	long long department_id; /* the lead department, 0: none */
	long long owner;         /* the filer's account */
	bool is_public;
	bool reopen_open;        /* the citizen may still reopen it */
} case_state;

/* One action as a bit of an allowed set (unsigned: CASE_ACTION__MAX < 32). */
#define ACTION_BIT(a) (1u << (unsigned)(a))

/* The staff actions a case in state s allows now to an actor of kind
 * actor_kind (enum case_actor bits): the transition table, then the
 * case's own rules: with approval the handler submits, without it
 * answers; an extension while some are left; a send-back only when
 * can_send_back (the case came by a transfer that can be returned). A
 * set of ACTION_BIT. */
unsigned workflow_staff_actions(const case_state *s, unsigned actor_kind, bool can_send_back);
/* The actions open to the case's owner now (withdraw, close, reopen
 * within the reopening period): a set of ACTION_BIT. */
unsigned workflow_owner_actions(const case_state *s);
/* Why a case cannot be published as an example case (처리 사례): NULL
 * when it can (public, answered or closed), else "example_private" or
 * "example_unanswered". */
const char *workflow_example_problem(bool is_public, case_status status);
/* True when a manager may switch the example mark of the case: it can be
 * published now, or it is published (and can be withdrawn). */
bool workflow_example_switchable(const case_state *s);

/* Names as stored in the database and used in URLs and templates. */
const char *case_status_name(case_status s);
int case_status_parse(const char *name, case_status *out);
const char *case_action_name(case_action a);
int case_action_parse(const char *name, case_action *out);

#endif
