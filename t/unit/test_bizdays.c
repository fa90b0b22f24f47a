/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_bizdays.c: business days across weekends, holidays and the turn of
 * the year. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/bizdays.h"
#include "core/mdg.h"

/* Korean public holidays around the end of 2026 and start of 2027. */
static const long holidays[] = {20261003, 20261009, 20261225, 20270101, 20270206,
				20270207, 20270208, 20270209};
static const bizcal cal = {holidays, sizeof holidays / sizeof holidays[0]};

static bizdate D(long n)
{
	bizdate d = {0, 0, 0};
	assert_int_equal(biz_from_number(n, &d), MDG_OK);
	return d;
}

static void assert_date(bizdate d, long want)
{
	assert_int_equal(biz_number(d), want);
}

static void test_weekday(void **state)
{
	(void)state;
	assert_int_equal(biz_weekday(D(19700101)), 4); /* Thursday */
	assert_int_equal(biz_weekday(D(20261125)), 3); /* Wednesday */
	assert_int_equal(biz_weekday(D(20261227)), 0); /* Sunday */
	assert_int_equal(biz_weekday(D(20000229)), 2); /* Tuesday, leap day */
}

static void test_dates(void **state)
{
	(void)state;
	bizdate d;
	assert_int_equal(biz_from_number(20260230, &d), MDG_EINVAL);
	assert_int_equal(biz_from_number(20270229, &d), MDG_EINVAL);
	assert_int_equal(biz_from_number(20280229, &d), MDG_OK);
	assert_int_equal(biz_parse("2026-12-31", &d), MDG_OK);
	assert_date(d, 20261231);
	assert_int_equal(biz_parse("2026-13-01", &d), MDG_EINVAL);
	assert_int_equal(biz_parse("2026-1-01", &d), MDG_EINVAL);
	assert_int_equal(biz_parse("2026-01-01x", &d), MDG_EINVAL);
	assert_date(biz_add_calendar(D(20261231), 1), 20270101);
	assert_date(biz_add_calendar(D(20280228), 1), 20280229);
	assert_date(biz_add_calendar(D(20270101), -1), 20261231);
}

static void test_weekends(void **state)
{
	(void)state;
	/* Wednesday + 7 working days: skips one weekend. */
	assert_date(biz_add_workdays(&cal, D(20261125), 7), 20261204);
	/* Friday + 1 → Monday. */
	assert_date(biz_add_workdays(&cal, D(20261127), 1), 20261130);
	/* Saturday + 1 → Monday; Sunday + 1 → Monday. */
	assert_date(biz_add_workdays(&cal, D(20261128), 1), 20261130);
	assert_date(biz_add_workdays(&cal, D(20261129), 1), 20261130);
	/* 0 days: the day itself if it works, else the next working day. */
	assert_date(biz_add_workdays(&cal, D(20261125), 0), 20261125);
	assert_date(biz_add_workdays(&cal, D(20261128), 0), 20261130);
}

static void test_holidays(void **state)
{
	(void)state;
	assert_false(biz_is_workday(&cal, D(20261225)));
	assert_true(biz_is_workday(&cal, D(20261224)));
	/* Thursday 24 Dec + 1 → Friday 25 is Christmas → Monday 28. */
	assert_date(biz_add_workdays(&cal, D(20261224), 1), 20261228);
	/* Without the calendar the same is Friday. */
	assert_date(biz_add_workdays(NULL, D(20261224), 1), 20261225);
	/* Seollal 2027: Sat 6 – Tue 9 Feb (substitute holiday on the 9th). */
	assert_date(biz_add_workdays(&cal, D(20270205), 1), 20270210);
}

static void test_turn_of_year(void **state)
{
	(void)state;
	/* Wed 30 Dec + 7: Thu 31, (Fri 1 Jan holiday), Mon 4 … Wed 6, Thu 7,
	 * Fri 8, Mon 11. */
	assert_date(biz_add_workdays(&cal, D(20261230), 7), 20270111);
	assert_int_equal(biz_workdays_between(&cal, D(20261230), D(20270111)), 7);
	assert_int_equal(biz_workdays_between(&cal, D(20261225), D(20261225)), 0);
	assert_int_equal(biz_workdays_between(&cal, D(20261224), D(20261228)), 1);
	/* Across a leap day. */
	assert_date(biz_add_workdays(NULL, D(20280228), 1), 20280229);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_weekday),  cmocka_unit_test(test_dates),
		cmocka_unit_test(test_weekends), cmocka_unit_test(test_holidays),
		cmocka_unit_test(test_turn_of_year),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
