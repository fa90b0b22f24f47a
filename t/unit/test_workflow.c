/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_workflow.c: every (status, action) pair of the case life cycle,
 * allowed and forbidden, against an expectation written out here. */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "cases/workflow.h"
#include "core/mdg.h"

/* Rows: from-status; columns: actions in enum order; each cell the status
 * reached, or "-" when refused. Written from the life cycle, not
 * from workflow.c. */
static const char *const expected[CASE_STATUS__MAX][CASE_ACTION__MAX] = {
	/*               assign      start          transfer    send_back   extend         submit      approve     return_answer  answer      close     withdraw    reject      reopen  refile */
	[CASE_RECEIVED] = {"assigned", "-", "received", "received", "received", "-", "-", "-", "-", "-", "withdrawn", "rejected", "-", "received"},
	[CASE_ASSIGNED] = {"assigned", "in_progress", "received", "received", "assigned", "approval", "-", "-", "answered", "-", "withdrawn", "rejected", "-", "received"},
	[CASE_IN_PROGRESS] = {"assigned", "-", "received", "received", "in_progress", "approval", "-", "-", "answered", "-", "withdrawn", "rejected", "-", "received"},
	/* Re-filing is for open work: not once an answer is drafted or sent. */
	[CASE_APPROVAL] = {"-", "-", "-", "-", "approval", "-", "answered", "in_progress", "-", "-", "withdrawn", "-", "-", "-"},
	[CASE_ANSWERED] = {"-", "-", "-", "-", "-", "-", "-", "-", "-", "closed", "-", "-", "in_progress", "-"},
	[CASE_CLOSED] = {"-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "in_progress", "-"},
	[CASE_WITHDRAWN] = {"-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-"},
	[CASE_REJECTED] = {"-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-"},
};

static void test_every_pair(void **state)
{
	(void)state;
	int allowed = 0;
	for (int s = 0; s < CASE_STATUS__MAX; s++) {
		for (int a = 0; a < CASE_ACTION__MAX; a++) {
			case_status to = CASE_STATUS__MAX;
			int rc = workflow_next((case_status)s, (case_action)a, &to);
			const char *want = expected[s][a];
			if (strcmp(want, "-") == 0) {
				if (rc != MDG_EINVAL)
					fail_msg("%s --%s--> should be refused", case_status_name(s),
						 case_action_name(a));
				assert_int_equal(workflow_actors((case_status)s, (case_action)a), 0);
			} else {
				if (rc != MDG_OK)
					fail_msg("%s --%s--> should be allowed", case_status_name(s),
						 case_action_name(a));
				assert_string_equal(case_status_name(to), want);
				assert_int_not_equal(workflow_actors((case_status)s, (case_action)a), 0);
				allowed++;
			}
		}
	}
	assert_int_equal(allowed, 33);
}

#define H ACTOR_HANDLER
#define M ACTOR_MANAGER
#define C ACTOR_CITIZEN
#define SYS ACTOR_SYSTEM

/* Who may take each allowed step, written from the life cycle:
 * every allowed pair of the table above, with its actors exactly. */
static const struct {
	case_status from;
	case_action action;
	unsigned actors;
} expected_actors[] = {
	{CASE_RECEIVED, ACT_ASSIGN, M | SYS},       {CASE_ASSIGNED, ACT_ASSIGN, M | SYS},
	{CASE_IN_PROGRESS, ACT_ASSIGN, M | SYS},    {CASE_ASSIGNED, ACT_START, H | M},
	{CASE_RECEIVED, ACT_TRANSFER, H | M},       {CASE_ASSIGNED, ACT_TRANSFER, H | M},
	{CASE_IN_PROGRESS, ACT_TRANSFER, H | M},    {CASE_RECEIVED, ACT_SEND_BACK, H | M},
	{CASE_ASSIGNED, ACT_SEND_BACK, H | M},      {CASE_IN_PROGRESS, ACT_SEND_BACK, H | M},
	{CASE_RECEIVED, ACT_REFILE, H | M},         {CASE_ASSIGNED, ACT_REFILE, H | M},
	{CASE_IN_PROGRESS, ACT_REFILE, H | M},      {CASE_RECEIVED, ACT_EXTEND, H | M},
	{CASE_ASSIGNED, ACT_EXTEND, H | M},         {CASE_IN_PROGRESS, ACT_EXTEND, H | M},
	{CASE_APPROVAL, ACT_EXTEND, M},             {CASE_ASSIGNED, ACT_SUBMIT, H | M},
	{CASE_IN_PROGRESS, ACT_SUBMIT, H | M},      {CASE_APPROVAL, ACT_APPROVE, M},
	{CASE_APPROVAL, ACT_RETURN_ANSWER, M},      {CASE_ASSIGNED, ACT_ANSWER, H | M},
	{CASE_IN_PROGRESS, ACT_ANSWER, H | M},      {CASE_ANSWERED, ACT_CLOSE, H | M | C | SYS},
	{CASE_RECEIVED, ACT_WITHDRAW, C},           {CASE_ASSIGNED, ACT_WITHDRAW, C},
	{CASE_IN_PROGRESS, ACT_WITHDRAW, C},        {CASE_APPROVAL, ACT_WITHDRAW, C},
	{CASE_RECEIVED, ACT_REJECT, H | M},         {CASE_ASSIGNED, ACT_REJECT, H | M},
	{CASE_IN_PROGRESS, ACT_REJECT, H | M},      {CASE_ANSWERED, ACT_REOPEN, C},
	{CASE_CLOSED, ACT_REOPEN, C},
};

/* Each allowed pair's actors, exactly; and the list above covers every
 * pair the transition table allows (a new transition needs its line). */
static void test_every_actor(void **state)
{
	(void)state;
	int listed[CASE_STATUS__MAX][CASE_ACTION__MAX] = {{0}};
	for (size_t i = 0; i < sizeof expected_actors / sizeof expected_actors[0]; i++) {
		case_status s = expected_actors[i].from;
		case_action a = expected_actors[i].action;
		unsigned got = workflow_actors(s, a);
		if (got != expected_actors[i].actors)
			fail_msg("%s --%s--> actors %#x, expected %#x", case_status_name(s), case_action_name(a), got,
				 expected_actors[i].actors);
		listed[s][a]++;
	}
	for (int s = 0; s < CASE_STATUS__MAX; s++)
		for (int a = 0; a < CASE_ACTION__MAX; a++)
			if (workflow_actors((case_status)s, (case_action)a) && listed[s][a] != 1)
				fail_msg("%s --%s--> is allowed but listed %d times", case_status_name(s),
					 case_action_name(a), listed[s][a]);
}

static void test_actors(void **state)
{
	(void)state;
	/* Only the citizen withdraws and reopens. */
	assert_int_equal(workflow_actors(CASE_RECEIVED, ACT_WITHDRAW), ACTOR_CITIZEN);
	assert_int_equal(workflow_actors(CASE_ANSWERED, ACT_REOPEN), ACTOR_CITIZEN);
	/* Only a manager approves; a handler cannot. */
	assert_int_equal(workflow_actors(CASE_APPROVAL, ACT_APPROVE), ACTOR_MANAGER);
	assert_false(workflow_actors(CASE_APPROVAL, ACT_APPROVE) & ACTOR_HANDLER);
	/* A citizen never assigns, transfers or answers. */
	assert_false(workflow_actors(CASE_RECEIVED, ACT_ASSIGN) & ACTOR_CITIZEN);
	assert_false(workflow_actors(CASE_ASSIGNED, ACT_TRANSFER) & ACTOR_CITIZEN);
	assert_false(workflow_actors(CASE_IN_PROGRESS, ACT_ANSWER) & ACTOR_CITIZEN);
	/* Re-filing is the staff's (handlers of the case, managers and
	 * supervisors), never the citizen's nor the system's. */
	assert_int_equal(workflow_actors(CASE_IN_PROGRESS, ACT_REFILE), ACTOR_HANDLER | ACTOR_MANAGER);
	assert_false(workflow_actors(CASE_RECEIVED, ACT_REFILE) & (ACTOR_CITIZEN | ACTOR_SYSTEM));
}

#define B(a) ACTION_BIT(ACT_##a)
#define STAFF_KIND (ACTOR_HANDLER | ACTOR_MANAGER)

/* The actions the staff case page offers, for states and actors written
 * out by hand: the rules on top of the table (approval, extensions left,
 * a transfer to send back) are where a handler's page went wrong before. */
static void test_staff_actions(void **state)
{
	(void)state;
	static const struct {
		case_status status;
		unsigned kind;
		bool approval;
		long long extensions, max_extensions;
		bool send_back;
		unsigned want;
	} rows[] = {
		{CASE_RECEIVED, STAFF_KIND, false, 0, 2, false, B(ASSIGN) | B(TRANSFER) | B(EXTEND) | B(REJECT) | B(REFILE)},
		{CASE_RECEIVED, ACTOR_HANDLER, false, 0, 2, true, B(TRANSFER) | B(SEND_BACK) | B(EXTEND) | B(REJECT) | B(REFILE)},
		{CASE_ASSIGNED, ACTOR_HANDLER, true, 2, 2, true,
		 B(START) | B(TRANSFER) | B(SEND_BACK) | B(SUBMIT) | B(REJECT) | B(REFILE)},
		{CASE_ASSIGNED, ACTOR_HANDLER, false, 0, 1, false,
		 B(START) | B(TRANSFER) | B(EXTEND) | B(ANSWER) | B(REJECT) | B(REFILE)},
		{CASE_IN_PROGRESS, STAFF_KIND, true, 1, 2, false,
		 B(ASSIGN) | B(TRANSFER) | B(EXTEND) | B(SUBMIT) | B(REJECT) | B(REFILE)},
		{CASE_APPROVAL, ACTOR_HANDLER, true, 0, 2, false, 0},
		{CASE_APPROVAL, STAFF_KIND, true, 0, 2, false, B(EXTEND) | B(APPROVE) | B(RETURN_ANSWER)},
		{CASE_APPROVAL, STAFF_KIND, true, 2, 2, false, B(APPROVE) | B(RETURN_ANSWER)},
		{CASE_ANSWERED, ACTOR_HANDLER, false, 0, 2, false, B(CLOSE)},
		{CASE_CLOSED, STAFF_KIND, false, 0, 2, true, 0},
		{CASE_WITHDRAWN, STAFF_KIND, false, 0, 2, true, 0},
		{CASE_IN_PROGRESS, 0, false, 0, 2, true, 0}, /* reads the case only */
		{CASE_IN_PROGRESS, ACTOR_CITIZEN, false, 0, 2, false, 0},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		case_state s = {
			.status = rows[i].status,
			.needs_approval = rows[i].approval,
			.extensions = rows[i].extensions,
			.max_extensions = rows[i].max_extensions,
		};
		unsigned got = workflow_staff_actions(&s, rows[i].kind, rows[i].send_back);
		if (got != rows[i].want)
			fail_msg("row %zu (%s): allowed %#x, expected %#x", i, case_status_name(rows[i].status), got,
				 rows[i].want);
	}
}

static void test_owner_actions(void **state)
{
	(void)state;
	case_state s = {.status = CASE_RECEIVED};
	assert_int_equal(workflow_owner_actions(&s), B(WITHDRAW));
	s.status = CASE_APPROVAL;
	assert_int_equal(workflow_owner_actions(&s), B(WITHDRAW));
	s.status = CASE_ANSWERED;
	assert_int_equal(workflow_owner_actions(&s), B(CLOSE));
	s.reopen_open = true;
	assert_int_equal(workflow_owner_actions(&s), B(CLOSE) | B(REOPEN));
	s.status = CASE_CLOSED;
	assert_int_equal(workflow_owner_actions(&s), B(REOPEN));
	s.status = CASE_REJECTED;
	assert_int_equal(workflow_owner_actions(&s), 0);
}

/* Example cases (처리 사례): public and answered (or closed) only; one
 * already published can always be withdrawn while public. */
static void test_example_rule(void **state)
{
	(void)state;
	assert_null(workflow_example_problem(true, CASE_ANSWERED));
	assert_null(workflow_example_problem(true, CASE_CLOSED));
	assert_string_equal(workflow_example_problem(false, CASE_ANSWERED), "example_private");
	assert_string_equal(workflow_example_problem(true, CASE_IN_PROGRESS), "example_unanswered");
	assert_string_equal(workflow_example_problem(true, CASE_REJECTED), "example_unanswered");
	case_state s = {.status = CASE_ANSWERED, .is_public = true};
	assert_true(workflow_example_switchable(&s));
	s.status = CASE_IN_PROGRESS; /* reopened after publishing */
	assert_false(workflow_example_switchable(&s));
	s.is_example = true;
	assert_true(workflow_example_switchable(&s));
	s.is_public = false;
	assert_false(workflow_example_switchable(&s));
}

static void test_names(void **state)
{
	(void)state;
	for (int s = 0; s < CASE_STATUS__MAX; s++) {
		case_status back;
		assert_int_equal(case_status_parse(case_status_name(s), &back), MDG_OK);
		assert_int_equal(back, s);
	}
	for (int a = 0; a < CASE_ACTION__MAX; a++) {
		case_action back;
		assert_int_equal(case_action_parse(case_action_name(a), &back), MDG_OK);
		assert_int_equal(back, a);
	}
	case_status s;
	assert_int_equal(case_status_parse("deleted", &s), MDG_EINVAL);
	assert_true(workflow_is_final(CASE_CLOSED));
	assert_true(workflow_is_final(CASE_WITHDRAWN));
	assert_true(workflow_is_final(CASE_REJECTED));
	assert_false(workflow_is_final(CASE_ANSWERED));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_pair),
		cmocka_unit_test(test_every_actor),
		cmocka_unit_test(test_actors),
		cmocka_unit_test(test_staff_actions),
		cmocka_unit_test(test_owner_actions),
		cmocka_unit_test(test_example_rule),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
