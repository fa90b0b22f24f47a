/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_mileage.c: the rules of mileage and penalties without the
 * database: the penalty ladder and its decay, the levels' names and
 * days, the reasons' names and default amounts, the content kinds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "participation/mileage.h"
#include "participation/penalty.h"

#define DECAY 90

static void test_ladder_climbs(void **state)
{
	(void)state;
	/* Nothing before: a warning; then each penalty in force (clean
	 * days 0) one step up, stopping at indefinite. */
	assert_int_equal(penalty_next(PENALTY_NONE, 0, DECAY), PENALTY_WARNING);
	assert_int_equal(penalty_next(PENALTY_WARNING, 0, DECAY), PENALTY_RESTRICT_7);
	assert_int_equal(penalty_next(PENALTY_RESTRICT_7, 0, DECAY), PENALTY_RESTRICT_30);
	assert_int_equal(penalty_next(PENALTY_RESTRICT_30, 0, DECAY), PENALTY_INDEFINITE);
	assert_int_equal(penalty_next(PENALTY_INDEFINITE, 0, DECAY), PENALTY_INDEFINITE);
	/* A restriction not yet over counts as not clean at all. */
	assert_int_equal(penalty_next(PENALTY_RESTRICT_7, -3, DECAY), PENALTY_RESTRICT_30);
}

static void test_decay_steps_down(void **state)
{
	(void)state;
	/* Less than one clean period: no step down. */
	assert_int_equal(penalty_standing(PENALTY_RESTRICT_30, 89, DECAY), PENALTY_RESTRICT_30);
	assert_int_equal(penalty_next(PENALTY_RESTRICT_30, 89, DECAY), PENALTY_INDEFINITE);
	/* One period: one step down, so the next is the same level again. */
	assert_int_equal(penalty_standing(PENALTY_RESTRICT_30, 90, DECAY), PENALTY_RESTRICT_7);
	assert_int_equal(penalty_next(PENALTY_RESTRICT_30, 90, DECAY), PENALTY_RESTRICT_30);
	/* Two periods: two steps. */
	assert_int_equal(penalty_standing(PENALTY_RESTRICT_30, 180, DECAY), PENALTY_WARNING);
	assert_int_equal(penalty_next(PENALTY_RESTRICT_30, 199, DECAY), PENALTY_RESTRICT_7);
	/* Long clean: back to the start, never below it. */
	assert_int_equal(penalty_standing(PENALTY_RESTRICT_30, 10000, DECAY), PENALTY_NONE);
	assert_int_equal(penalty_next(PENALTY_RESTRICT_30, 10000, DECAY), PENALTY_WARNING);
	assert_int_equal(penalty_next(PENALTY_WARNING, 90, DECAY), PENALTY_WARNING);
	assert_int_equal(penalty_next(PENALTY_WARNING, 89, DECAY), PENALTY_RESTRICT_7);
}

static void test_indefinite_and_no_decay(void **state)
{
	(void)state;
	/* Indefinite never decays: only lifting ends it. */
	assert_int_equal(penalty_standing(PENALTY_INDEFINITE, 100000, DECAY), PENALTY_INDEFINITE);
	/* decay_days 0 or less: no decay. */
	assert_int_equal(penalty_standing(PENALTY_RESTRICT_7, 100000, 0), PENALTY_RESTRICT_7);
	assert_int_equal(penalty_next(PENALTY_RESTRICT_7, 100000, -1), PENALTY_RESTRICT_30);
	/* Out-of-range levels are held at indefinite. */
	assert_int_equal(penalty_next((penalty_level)9, 0, DECAY), PENALTY_INDEFINITE);
}

static void test_level_names_and_days(void **state)
{
	(void)state;
	const char *names[] = {"warning", "restrict_7", "restrict_30", "indefinite"};
	for (int l = PENALTY_WARNING; l <= PENALTY_INDEFINITE; l++) {
		assert_string_equal(penalty_level_name((penalty_level)l), names[l - 1]);
		assert_int_equal(penalty_level_from_name(names[l - 1]), l);
	}
	assert_int_equal(penalty_level_from_name("none"), PENALTY_NONE);
	assert_int_equal(penalty_level_from_name("ban"), PENALTY_NONE);
	assert_int_equal(penalty_level_from_name(NULL), PENALTY_NONE);
	assert_int_equal(penalty_level_days(PENALTY_WARNING), 0);
	assert_int_equal(penalty_level_days(PENALTY_RESTRICT_7), 7);
	assert_int_equal(penalty_level_days(PENALTY_RESTRICT_30), 30);
	assert_int_equal(penalty_level_days(PENALTY_INDEFINITE), -1);
}

static void test_reasons_and_kinds(void **state)
{
	(void)state;
	assert_string_equal(mileage_reason_name(MILEAGE_COMPLAINT_ANSWERED), "complaint_answered");
	assert_string_equal(mileage_reason_name(MILEAGE_PROPOSAL_THRESHOLD), "proposal_threshold");
	assert_string_equal(mileage_reason_name(MILEAGE_PROPOSAL_ACCEPTED), "proposal_accepted");
	assert_string_equal(mileage_reason_name(MILEAGE_OPINION_RECOMMENDED), "opinion_recommended");
	assert_string_equal(mileage_reason_name(MILEAGE_REPORT_VALID), "report_valid");
	assert_string_equal(mileage_reason_name(MILEAGE_REVERSAL), "reversal");
	assert_string_equal(mileage_reason_name(MILEAGE_REASON__MAX), "unknown");
	for (int r = 0; r < MILEAGE_REVERSAL; r++)
		assert_true(mileage_default_points((mileage_reason)r) > 0);
	assert_int_equal(mileage_default_points(MILEAGE_REVERSAL), 0);
	assert_true(mileage_kind_valid("case"));
	assert_true(mileage_kind_valid("proposal"));
	assert_true(mileage_kind_valid("post"));
	assert_true(mileage_kind_valid("cpost"));
	assert_false(mileage_kind_valid("comment"));
	assert_false(mileage_kind_valid(""));
	assert_false(mileage_kind_valid(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ladder_climbs),
		cmocka_unit_test(test_decay_steps_down),
		cmocka_unit_test(test_indefinite_and_no_decay),
		cmocka_unit_test(test_level_names_and_days),
		cmocka_unit_test(test_reasons_and_kinds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
