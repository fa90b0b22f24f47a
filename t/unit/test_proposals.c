/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_proposals.c: the rules of a policy proposal's life cycle: who may
 * edit, withdraw, support and promote in which state, the identity one
 * support counts for, the names of states and sorts
 * (lib/proposals/proposal.c), and how a proposal follows its review
 * case (lib/proposals/review.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/mdg.h"
#include "proposals/proposal.h"
#include "proposals/review.h"

static void test_edit(void **state)
{
	(void)state;
	assert_true(proposal_may_edit(PROPOSAL_OPEN, 0));
	/* The first support freezes the text its supporters agreed to. */
	assert_false(proposal_may_edit(PROPOSAL_OPEN, 1));
	for (int s = PROPOSAL_THRESHOLD; s < PROPOSAL_STATE__MAX; s++)
		assert_false(proposal_may_edit((proposal_state)s, 0));
}

static void test_withdraw(void **state)
{
	(void)state;
	assert_true(proposal_may_withdraw(PROPOSAL_OPEN));
	for (int s = PROPOSAL_THRESHOLD; s < PROPOSAL_STATE__MAX; s++)
		assert_false(proposal_may_withdraw((proposal_state)s));
}

static void test_support(void **state)
{
	(void)state;
	assert_true(proposal_may_support(PROPOSAL_OPEN, 0, 50, false));
	assert_true(proposal_may_support(PROPOSAL_OPEN, 49, 50, false));
	/* At the threshold, or past closing, supports stop (and so does
	 * taking one back: the count that reached it stays). */
	assert_false(proposal_may_support(PROPOSAL_OPEN, 50, 50, false));
	assert_false(proposal_may_support(PROPOSAL_OPEN, 10, 50, true));
	for (int s = PROPOSAL_THRESHOLD; s < PROPOSAL_STATE__MAX; s++)
		assert_false(proposal_may_support((proposal_state)s, 0, 50, false));
}

static void test_promote(void **state)
{
	(void)state;
	assert_true(proposal_may_promote(PROPOSAL_OPEN));
	for (int s = PROPOSAL_THRESHOLD; s < PROPOSAL_STATE__MAX; s++)
		assert_false(proposal_may_promote((proposal_state)s));
}

static void test_identity(void **state)
{
	(void)state;
	char id[40];
	proposal_identity(42, "01012345678", id);
	assert_string_equal(id, "m:01012345678");
	/* No verified number: the account itself. */
	proposal_identity(42, NULL, id);
	assert_string_equal(id, "a:42");
	proposal_identity(42, "", id);
	assert_string_equal(id, "a:42");
	/* Something too long to be a number is not trusted as one. */
	proposal_identity(7, "0101234567801012345678010123456780101234", id);
	assert_string_equal(id, "a:7");
}

static void test_names(void **state)
{
	(void)state;
	proposal_state s;
	proposal_sort o;
	assert_int_equal(proposal_state_parse("open", &s), MDG_OK);
	assert_int_equal(s, PROPOSAL_OPEN);
	assert_int_equal(proposal_state_parse("withdrawn", &s), MDG_OK);
	assert_int_equal(s, PROPOSAL_WITHDRAWN);
	/* Closed without an answer (its review case rejected), since 0042. */
	assert_int_equal(proposal_state_parse("closed", &s), MDG_OK);
	assert_int_equal(s, PROPOSAL_CLOSED);
	assert_string_equal(proposal_state_name(PROPOSAL_CLOSED), "closed");
	assert_string_equal(proposal_state_name(PROPOSAL_STATE__MAX), "");
	assert_int_equal(proposal_state_parse("Closed", &s), MDG_EINVAL);
	assert_int_equal(proposal_state_parse(NULL, &s), MDG_EINVAL);
	assert_int_equal(proposal_sort_parse("supported", &o), MDG_OK);
	assert_int_equal(o, PROPOSAL_SORT_SUPPORTED);
	assert_int_equal(proposal_sort_parse("closing", &o), MDG_OK);
	assert_int_equal(o, PROPOSAL_SORT_CLOSING);
	assert_int_equal(proposal_sort_parse("Newest", &o), MDG_EINVAL);
	assert_int_equal(proposal_sort_parse("", &o), MDG_EINVAL);
}

/* The outcomes an answer of a proposal's case may carry. */
static void test_outcome(void **state)
{
	(void)state;
	assert_true(proposal_outcome_valid("accepted"));
	assert_true(proposal_outcome_valid("partly"));
	assert_true(proposal_outcome_valid("rejected"));
	assert_false(proposal_outcome_valid(""));
	assert_false(proposal_outcome_valid(NULL));
	assert_false(proposal_outcome_valid("Accepted"));
	assert_false(proposal_outcome_valid("accepted "));
}

/* Every action of the case workflow either moves the proposal to the
 * state its case reaches, moves its department, or leaves it. */
static void test_follow(void **state)
{
	(void)state;
	assert_int_equal(proposal_follow_state(ACT_ANSWER), PROPOSAL_ANSWERED);
	/* An answer waiting for approval is not sent: sent when approved. */
	assert_int_equal(proposal_follow_state(ACT_SUBMIT), PROPOSAL_STATE__MAX);
	assert_int_equal(proposal_follow_state(ACT_APPROVE), PROPOSAL_ANSWERED);
	assert_int_equal(proposal_follow_state(ACT_WITHDRAW), PROPOSAL_WITHDRAWN);
	assert_int_equal(proposal_follow_state(ACT_REJECT), PROPOSAL_CLOSED);
	assert_int_equal(proposal_follow_state(ACT_REOPEN), PROPOSAL_REVIEW);
	/* Closing an answered case keeps the proposal answered. */
	assert_int_equal(proposal_follow_state(ACT_CLOSE), PROPOSAL_STATE__MAX);
	int moving = 0;
	for (int a = 0; a < CASE_ACTION__MAX; a++) {
		bool moves = proposal_follow_department((case_action)a);
		moving += moves;
		/* A move of department never changes the state too. */
		if (moves)
			assert_int_equal(proposal_follow_state((case_action)a), PROPOSAL_STATE__MAX);
	}
	assert_int_equal(moving, 3);
	assert_true(proposal_follow_department(ACT_TRANSFER));
	assert_true(proposal_follow_department(ACT_SEND_BACK));
	assert_true(proposal_follow_department(ACT_REFILE));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edit),     cmocka_unit_test(test_withdraw), cmocka_unit_test(test_support),
		cmocka_unit_test(test_promote),  cmocka_unit_test(test_identity), cmocka_unit_test(test_names),
		cmocka_unit_test(test_outcome), cmocka_unit_test(test_follow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
