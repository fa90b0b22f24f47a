/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_analysis.c: the managers' report's period buckets and periods, its
 * group names and its averages and medians (lib/reports/analysis.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/mdg.h"
#include "reports/analysis.h"

static void bucket_is(analysis_group g, int y, int m, int d, const char *want)
{
	char out[16];
	analysis_bucket(g, (bizdate){y, m, d}, out);
	assert_string_equal(out, want);
}

static void test_buckets(void **state)
{
	(void)state;
	bucket_is(GROUP_DAY, 2026, 12, 7, "2026-12-07");
	bucket_is(GROUP_MONTH, 2026, 12, 7, "2026-12");
	bucket_is(GROUP_QUARTER, 2026, 12, 7, "2026-Q4");
	bucket_is(GROUP_QUARTER, 2026, 1, 1, "2026-Q1");
	bucket_is(GROUP_QUARTER, 2026, 6, 30, "2026-Q2");
	bucket_is(GROUP_YEAR, 2026, 12, 7, "2026");
	/* ISO weeks: 2026-12-07 is the Monday of week 50; 2027-01-01 (a
	 * Friday) is in 2026's week 53; 2025-12-29 (Monday) starts 2026-W01. */
	bucket_is(GROUP_WEEK, 2026, 12, 7, "2026-W50");
	bucket_is(GROUP_WEEK, 2026, 12, 13, "2026-W50");
	bucket_is(GROUP_WEEK, 2027, 1, 1, "2026-W53");
	bucket_is(GROUP_WEEK, 2025, 12, 29, "2026-W01");
	bucket_is(GROUP_WEEK, 2024, 12, 30, "2025-W01");
	bucket_is(GROUP_DEPARTMENT, 2026, 12, 7, "");
}

static void period_is(analysis_group g, int y, int m, int d, const char *from, const char *to, const char *until)
{
	report_period p;
	assert_int_equal(analysis_period_around(g, (bizdate){y, m, d}, &p), MDG_OK);
	assert_string_equal(p.from, from);
	assert_string_equal(p.to, to);
	assert_string_equal(p.until, until);
}

static void test_periods(void **state)
{
	(void)state;
	report_period p;
	period_is(GROUP_DAY, 2026, 12, 31, "2026-12-31", "2026-12-31", "2027-01-01");
	period_is(GROUP_WEEK, 2026, 12, 10, "2026-12-07", "2026-12-13", "2026-12-14");
	period_is(GROUP_WEEK, 2026, 12, 13, "2026-12-07", "2026-12-13", "2026-12-14");
	period_is(GROUP_MONTH, 2024, 2, 10, "2024-02-01", "2024-02-29", "2024-03-01");
	period_is(GROUP_MONTH, 2026, 12, 7, "2026-12-01", "2026-12-31", "2027-01-01");
	period_is(GROUP_QUARTER, 2026, 11, 7, "2026-10-01", "2026-12-31", "2027-01-01");
	period_is(GROUP_QUARTER, 2026, 5, 7, "2026-04-01", "2026-06-30", "2026-07-01");
	period_is(GROUP_YEAR, 2026, 5, 7, "2026-01-01", "2026-12-31", "2027-01-01");
	assert_int_equal(analysis_period_around(GROUP_STATUS, (bizdate){2026, 5, 7}, &p), MDG_EINVAL);
}

static void test_group_names(void **state)
{
	(void)state;
	analysis_group g;
	assert_true(analysis_group_parse("handler", &g));
	assert_int_equal(g, GROUP_HANDLER);
	assert_string_equal(analysis_group_name(g), "handler");
	assert_true(analysis_group_parse("quarter", &g));
	assert_true(analysis_group_is_period(g));
	assert_false(analysis_group_parse("department_id", &g));
	assert_false(analysis_group_parse("", &g));
	assert_false(analysis_group_parse(NULL, &g));
	assert_int_equal(g, GROUP_NONE);
}

static void test_average_median(void **state)
{
	(void)state;
	analysis_row r = {.ratings = 3, .rating_sum = 13};
	char out[16];
	analysis_add_workdays(&r, 5, 1);
	analysis_add_workdays(&r, 1, 1);
	analysis_add_workdays(&r, 2, 1);
	analysis_add_workdays(&r, 10, 1);
	analysis_average(&r, out, sizeof out);
	assert_string_equal(out, "4.5");
	analysis_median(&r, out, sizeof out); /* 1 2 5 10 */
	assert_string_equal(out, "3.5");
	analysis_add_workdays(&r, 2, 2);      /* 1 2 2 2 5 10 */
	analysis_median(&r, out, sizeof out);
	assert_string_equal(out, "2.0");
	analysis_add_workdays(&r, 0, 1);      /* 0 1 2 2 2 5 10 */
	analysis_median(&r, out, sizeof out);
	assert_string_equal(out, "2.0");
	analysis_average(&r, out, sizeof out); /* 22 / 7 = 3.14 */
	assert_string_equal(out, "3.1");
	analysis_rating(&r, out, sizeof out);
	assert_string_equal(out, "4.3");
	free(r.answers);
	r = (analysis_row){.ratings = 3, .rating_sum = 13};
	r.nworkdays = 0;
	r.ratings = 0;
	analysis_median(&r, out, sizeof out);
	assert_string_equal(out, "");
	analysis_average(&r, out, sizeof out);
	assert_string_equal(out, "");
	analysis_rating(&r, out, sizeof out);
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buckets),
		cmocka_unit_test(test_periods),
		cmocka_unit_test(test_group_names),
		cmocka_unit_test(test_average_median),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
