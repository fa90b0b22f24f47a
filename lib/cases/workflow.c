/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* workflow.c: the case life cycle and its one table of transitions. */
#include "cases/workflow.h"
#include "core/mdg.h"

#include <string.h>

static const char *const status_names[CASE_STATUS__MAX] = {
	[CASE_RECEIVED] = "received",   [CASE_ASSIGNED] = "assigned", [CASE_IN_PROGRESS] = "in_progress",
	[CASE_APPROVAL] = "approval",   [CASE_ANSWERED] = "answered", [CASE_CLOSED] = "closed",
	[CASE_WITHDRAWN] = "withdrawn", [CASE_REJECTED] = "rejected",
};

static const char *const action_names[CASE_ACTION__MAX] = {
	[ACT_ASSIGN] = "assign",   [ACT_START] = "start",     [ACT_TRANSFER] = "transfer",
	[ACT_SEND_BACK] = "send_back", [ACT_EXTEND] = "extend", [ACT_SUBMIT] = "submit",
	[ACT_APPROVE] = "approve", [ACT_RETURN_ANSWER] = "return_answer", [ACT_ANSWER] = "answer",
	[ACT_CLOSE] = "close",     [ACT_WITHDRAW] = "withdraw", [ACT_REJECT] = "reject",
	[ACT_REOPEN] = "reopen",   [ACT_REFILE] = "refile",
};

#define STAFF (ACTOR_HANDLER | ACTOR_MANAGER)

/* Every allowed (status, action) pair; anything not here is refused. */
static const struct transition {
	case_status from;
	case_action action;
	case_status to;
	unsigned actors;
} transitions[] = {
	{CASE_RECEIVED, ACT_ASSIGN, CASE_ASSIGNED, ACTOR_MANAGER | ACTOR_SYSTEM},
	{CASE_ASSIGNED, ACT_ASSIGN, CASE_ASSIGNED, ACTOR_MANAGER | ACTOR_SYSTEM},
	{CASE_IN_PROGRESS, ACT_ASSIGN, CASE_ASSIGNED, ACTOR_MANAGER | ACTOR_SYSTEM},

	{CASE_ASSIGNED, ACT_START, CASE_IN_PROGRESS, STAFF},

	/* A transfer lands in the new department as received; its routing
	 * rules then assign it. */
	{CASE_RECEIVED, ACT_TRANSFER, CASE_RECEIVED, STAFF},
	{CASE_ASSIGNED, ACT_TRANSFER, CASE_RECEIVED, STAFF},
	{CASE_IN_PROGRESS, ACT_TRANSFER, CASE_RECEIVED, STAFF},
	{CASE_RECEIVED, ACT_SEND_BACK, CASE_RECEIVED, STAFF},
	{CASE_ASSIGNED, ACT_SEND_BACK, CASE_RECEIVED, STAFF},
	{CASE_IN_PROGRESS, ACT_SEND_BACK, CASE_RECEIVED, STAFF},

	/* A re-filing lands where the new category's rule places it, as
	 * received; the rule may assign it at once. */
	{CASE_RECEIVED, ACT_REFILE, CASE_RECEIVED, STAFF},
	{CASE_ASSIGNED, ACT_REFILE, CASE_RECEIVED, STAFF},
	{CASE_IN_PROGRESS, ACT_REFILE, CASE_RECEIVED, STAFF},

	{CASE_RECEIVED, ACT_EXTEND, CASE_RECEIVED, STAFF},
	{CASE_ASSIGNED, ACT_EXTEND, CASE_ASSIGNED, STAFF},
	{CASE_IN_PROGRESS, ACT_EXTEND, CASE_IN_PROGRESS, STAFF},
	{CASE_APPROVAL, ACT_EXTEND, CASE_APPROVAL, ACTOR_MANAGER},

	{CASE_ASSIGNED, ACT_SUBMIT, CASE_APPROVAL, STAFF},
	{CASE_IN_PROGRESS, ACT_SUBMIT, CASE_APPROVAL, STAFF},
	{CASE_APPROVAL, ACT_APPROVE, CASE_ANSWERED, ACTOR_MANAGER},
	{CASE_APPROVAL, ACT_RETURN_ANSWER, CASE_IN_PROGRESS, ACTOR_MANAGER},
	{CASE_ASSIGNED, ACT_ANSWER, CASE_ANSWERED, STAFF},
	{CASE_IN_PROGRESS, ACT_ANSWER, CASE_ANSWERED, STAFF},

	{CASE_ANSWERED, ACT_CLOSE, CASE_CLOSED, STAFF | ACTOR_CITIZEN | ACTOR_SYSTEM},

	{CASE_RECEIVED, ACT_WITHDRAW, CASE_WITHDRAWN, ACTOR_CITIZEN},
	{CASE_ASSIGNED, ACT_WITHDRAW, CASE_WITHDRAWN, ACTOR_CITIZEN},
	{CASE_IN_PROGRESS, ACT_WITHDRAW, CASE_WITHDRAWN, ACTOR_CITIZEN},
	{CASE_APPROVAL, ACT_WITHDRAW, CASE_WITHDRAWN, ACTOR_CITIZEN},

	{CASE_RECEIVED, ACT_REJECT, CASE_REJECTED, STAFF},
	{CASE_ASSIGNED, ACT_REJECT, CASE_REJECTED, STAFF},
	{CASE_IN_PROGRESS, ACT_REJECT, CASE_REJECTED, STAFF},

	/* Within the category's reopening period (checked by the caller). */
	{CASE_ANSWERED, ACT_REOPEN, CASE_IN_PROGRESS, ACTOR_CITIZEN},
	{CASE_CLOSED, ACT_REOPEN, CASE_IN_PROGRESS, ACTOR_CITIZEN},
};

static const struct transition *find(case_status from, case_action action)
{
	for (size_t i = 0; i < MDG_ARRAY_LEN(transitions); i++)
		if (transitions[i].from == from && transitions[i].action == action)
			return &transitions[i];
	return NULL;
}

int workflow_next(case_status from, case_action action, case_status *to)
{
	const struct transition *t = find(from, action);
	if (!t)
		return MDG_EINVAL;
	*to = t->to;
	return MDG_OK;
}

unsigned workflow_actors(case_status from, case_action action)
{
	const struct transition *t = find(from, action);
	return t ? t->actors : 0;
}

/* The staff actions the case page offers, in its order. */
static const case_action staff_actions[] = {
	ACT_ASSIGN,  ACT_START,         ACT_TRANSFER, ACT_SEND_BACK, ACT_EXTEND, ACT_SUBMIT,
	ACT_APPROVE, ACT_RETURN_ANSWER, ACT_ANSWER,   ACT_CLOSE,     ACT_REJECT, ACT_REFILE,
};

unsigned workflow_staff_actions(const case_state *s, unsigned actor_kind, bool can_send_back)
{
	unsigned allowed = 0;
	for (size_t i = 0; i < MDG_ARRAY_LEN(staff_actions); i++) {
		case_action a = staff_actions[i];
		if (!(workflow_actors(s->status, a) & actor_kind))
			continue;
		if ((a == ACT_ANSWER && s->needs_approval) || (a == ACT_SUBMIT && !s->needs_approval) ||
		    (a == ACT_SEND_BACK && !can_send_back) || (a == ACT_EXTEND && s->extensions >= s->max_extensions))
			continue;
		allowed |= ACTION_BIT(a);
	}
	return allowed;
}

unsigned workflow_owner_actions(const case_state *s)
{
	static const case_action owner_actions[] = {ACT_WITHDRAW, ACT_CLOSE, ACT_REOPEN};
	unsigned allowed = 0;
	for (size_t i = 0; i < MDG_ARRAY_LEN(owner_actions); i++) {
		case_action a = owner_actions[i];
		if (!(workflow_actors(s->status, a) & ACTOR_CITIZEN))
			continue;
		/* Reopening only within the category's period after the answer. */
		if (a == ACT_REOPEN && !s->reopen_open)
			continue;
		allowed |= ACTION_BIT(a);
	}
	return allowed;
}

const char *workflow_example_problem(bool is_public, case_status status)
{
	if (!is_public)
		return "example_private";
	if (status != CASE_ANSWERED && status != CASE_CLOSED)
		return "example_unanswered";
	return NULL;
}

bool workflow_example_switchable(const case_state *s)
{
	/* The page's rule since 처리 사례 came: public, and answered or
	 * already an example. */
	return s->is_public && (s->is_example || workflow_example_problem(s->is_public, s->status) == NULL);
}

bool workflow_is_final(case_status s)
{
	return s == CASE_CLOSED || s == CASE_WITHDRAWN || s == CASE_REJECTED;
}

const char *case_status_name(case_status s)
{
	return (unsigned)s < CASE_STATUS__MAX ? status_names[s] : "?";
}

int case_status_parse(const char *name, case_status *out)
{
	for (int i = 0; i < CASE_STATUS__MAX; i++)
		if (strcmp(name, status_names[i]) == 0) {
			*out = (case_status)i;
			return MDG_OK;
		}
	return MDG_EINVAL;
}

const char *case_action_name(case_action a)
{
	return (unsigned)a < CASE_ACTION__MAX ? action_names[a] : "?";
}

int case_action_parse(const char *name, case_action *out)
{
	for (int i = 0; i < CASE_ACTION__MAX; i++)
		if (strcmp(name, action_names[i]) == 0) {
			*out = (case_action)i;
			return MDG_OK;
		}
	return MDG_EINVAL;
}
