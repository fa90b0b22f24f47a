/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_report_scope.c: who sees which figures of the workload report
 * (lib/reports/report_scope.c), on hand-made reaches. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "reports/report_scope.h"

/* The demo's 도시교통국 (3) with 도로과 (4) and 교통행정과 (5) below it. */
enum { BUREAU = 3, ROAD = 4, TRAFFIC = 5 };

/* A viewer of 도시교통국 and everything below it (perm_load lists each
 * department of the subtree, by id). */
static perm_reach bureau_reach[] = {
	{BUREAU, PERM_VIEWER, PERM_VIEWER},
	{ROAD, PERM_VIEWER, PERM_VIEWER},
	{TRAFFIC, PERM_VIEWER, PERM_VIEWER},
};
static const staff_perm bureau_viewer = {.viewer = true, .reach = bureau_reach, .nreach = 3};

/* A manager of 도로과 alone, and a handler of 교통행정과 (no reports). */
static perm_reach road_reach[] = {{ROAD, PERM_MANAGER, 0}, {TRAFFIC, PERM_HANDLER, 0}};
static const staff_perm road_manager = {.manager = true, .handler = true, .reach = road_reach, .nreach = 2};

static const staff_perm global_viewer = {.viewer = true, .global = PERM_VIEWER};
/* An agent of the whole institution: the call centre, not the reports. */
static const staff_perm global_agent = {.agent = true, .global = PERM_AGENT};

static void test_covers(void **state)
{
	(void)state;
	report_scope s = report_scope_of(&bureau_viewer);
	assert_false(s.whole);
	assert_true(report_scope_covers(&s, BUREAU));
	assert_true(report_scope_covers(&s, ROAD));
	assert_true(report_scope_covers(&s, TRAFFIC));
	assert_false(report_scope_covers(&s, 99));
	assert_false(report_scope_covers(&s, 0));

	s = report_scope_of(&road_manager);
	assert_true(report_scope_covers(&s, ROAD));
	assert_false(report_scope_covers(&s, BUREAU));
	/* A role that does not read reports reaches none of them. */
	assert_false(report_scope_covers(&s, TRAFFIC));

	s = report_scope_of(&global_viewer);
	assert_true(s.whole);
	assert_true(report_scope_covers(&s, TRAFFIC));
	assert_true(report_scope_covers(&s, 99));

	s = report_scope_of(&global_agent);
	assert_false(s.whole);
	assert_false(report_scope_covers(&s, ROAD));
}

static void test_unplaced_and_partial(void **state)
{
	(void)state;
	report_scope whole = report_scope_of(&global_viewer);
	report_scope part = report_scope_of(&bureau_viewer);
	/* The cases no rule placed: the whole institution's, unchosen. */
	assert_true(report_scope_unplaced(&whole, 0));
	assert_false(report_scope_unplaced(&whole, ROAD));
	assert_false(report_scope_unplaced(&part, 0));
	assert_false(report_scope_unplaced(&part, ROAD));
	/* Figures read for some departments only. */
	assert_false(report_scope_partial(&whole, 0));
	assert_true(report_scope_partial(&whole, ROAD));
	assert_true(report_scope_partial(&part, 0));
	assert_true(report_scope_partial(&part, ROAD));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_covers),
		cmocka_unit_test(test_unplaced_and_partial),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
