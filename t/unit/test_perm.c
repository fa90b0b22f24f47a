/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_perm.c: the scope rules of lib/org/perm.c on hand-made reaches:
 * what a role covers, which grants stay within the granter's rights. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "org/perm.h"

/* The demo's 도시교통국 (3) with 도로과 (4) and 교통행정과 (5) below it. */
enum { BUREAU = 3, ROAD = 4, TRAFFIC = 5 };

/* road.choi after the review's first step: supervisor on 도로과 with its
 * subtree, manager on 도로과 without. */
static perm_reach road_reach[] = {
	{ROAD, PERM_SUPERVISOR | PERM_MANAGER, PERM_SUPERVISOR},
};
static const staff_perm road_supervisor = {
	.supervisor = true, .manager = true, .reach = road_reach, .nreach = 1,
};

/* A supervisor of 도시교통국 alone, without the departments below it. */
static perm_reach bureau_reach[] = {{BUREAU, PERM_SUPERVISOR, 0}};
static const staff_perm bureau_only = {.supervisor = true, .reach = bureau_reach, .nreach = 1};

static const staff_perm global_supervisor = {.supervisor = true, .global = PERM_SUPERVISOR};
static const staff_perm global_sysadmin = {.sysadmin = true, .global = PERM_SYSADMIN};

static void test_role_bits(void **state)
{
	(void)state;
	assert_int_equal(perm_role_bit("sysadmin"), PERM_SYSADMIN);
	assert_int_equal(perm_role_bit("viewer"), PERM_VIEWER);
	assert_int_equal(perm_role_bit("king"), 0);
	assert_int_equal(perm_role_bit(""), 0);
	assert_int_equal(perm_role_bit(NULL), 0);
}

static void test_covers(void **state)
{
	(void)state;
	assert_true(perm_covers_dept(&road_supervisor, PERM_ADMIN, ROAD));
	assert_false(perm_covers_dept(&road_supervisor, PERM_ADMIN, TRAFFIC));
	assert_false(perm_covers_dept(&road_supervisor, PERM_ADMIN, BUREAU));
	assert_false(perm_covers_dept(&road_supervisor, PERM_ADMIN, 0)); /* the institution */
	assert_false(perm_covers_dept(&road_supervisor, PERM_VIEWER | PERM_AGENT, ROAD));
	assert_true(perm_covers_subtree(&road_supervisor, PERM_ADMIN, ROAD));
	assert_false(perm_covers_subtree(&road_supervisor, PERM_MANAGER, ROAD));
	assert_true(perm_covers_dept(&global_supervisor, PERM_ADMIN, TRAFFIC));
	assert_true(perm_covers_subtree(&global_supervisor, PERM_ADMIN, 0));
	assert_false(perm_covers_dept(&global_supervisor, PERM_AGENT, TRAFFIC));
	assert_true(perm_is_admin(&road_supervisor));
	assert_false(perm_is_global_admin(&road_supervisor));
	assert_true(perm_is_global_admin(&global_supervisor));
}

static void test_departments(void **state)
{
	(void)state;
	char *ids = perm_departments(&road_supervisor, PERM_ADMIN);
	assert_string_equal(ids, "4");
	free(ids);
	ids = perm_departments(&road_supervisor, PERM_AGENT);
	assert_string_equal(ids, ""); /* none: a list shows nothing */
	free(ids);
	assert_null(perm_departments(&global_supervisor, PERM_ADMIN)); /* all */
}

static void test_grants(void **state)
{
	(void)state;
	/* Within 도로과: any role but sysadmin, with or without the subtree. */
	assert_true(perm_may_grant(&road_supervisor, "handler", ROAD, false));
	assert_true(perm_may_grant(&road_supervisor, "supervisor", ROAD, true));
	assert_true(perm_may_grant(&road_supervisor, "viewer", ROAD, true));
	assert_false(perm_may_grant(&road_supervisor, "sysadmin", ROAD, true));
	/* Anything wider: global, a sibling, the bureau above. */
	assert_false(perm_may_grant(&road_supervisor, "sysadmin", 0, true));
	assert_false(perm_may_grant(&road_supervisor, "supervisor", 0, true));
	assert_false(perm_may_grant(&road_supervisor, "handler", 0, true));
	assert_false(perm_may_grant(&road_supervisor, "handler", TRAFFIC, false));
	assert_false(perm_may_grant(&road_supervisor, "handler", BUREAU, false));
	assert_false(perm_may_grant(&road_supervisor, "nobody", ROAD, false));
	/* Holding the bureau without its subtree: only the bureau itself. */
	assert_true(perm_may_grant(&bureau_only, "handler", BUREAU, false));
	assert_false(perm_may_grant(&bureau_only, "handler", BUREAU, true));
	assert_false(perm_may_grant(&bureau_only, "handler", ROAD, false));
	/* Globally: everything, but sysadmin takes a sysadmin. */
	assert_true(perm_may_grant(&global_supervisor, "supervisor", 0, true));
	assert_false(perm_may_grant(&global_supervisor, "sysadmin", 0, true));
	assert_true(perm_may_grant(&global_sysadmin, "sysadmin", 0, true));
	assert_true(perm_may_grant(&global_sysadmin, "viewer", TRAFFIC, false));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_role_bits),
		cmocka_unit_test(test_covers),
		cmocka_unit_test(test_departments),
		cmocka_unit_test(test_grants),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
