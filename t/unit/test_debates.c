/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_debates.c: the rules of lib/debates and lib/posts that need no
 * database: a debate's state by its times, the times a form sends, the
 * tally's percentages (always 100 in all), the sides and kinds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/mdg.h"
#include "debates/debate.h"
#include "posts/post.h"

static void test_state_by_time(void **state)
{
	(void)state;
	const char *opens = "2026-12-07 10:00:00", *closes = "2026-12-14 18:00:00";
	assert_int_equal(debate_state_at("2026-12-07 09:59:59", opens, closes), DEBATE_UPCOMING);
	assert_int_equal(debate_state_at("2026-12-07 10:00:00", opens, closes), DEBATE_OPEN);
	assert_int_equal(debate_state_at("2026-12-14 17:59:59", opens, closes), DEBATE_OPEN);
	/* The closing second itself is closed: nothing is taken at it. */
	assert_int_equal(debate_state_at("2026-12-14 18:00:00", opens, closes), DEBATE_CLOSED);
	assert_int_equal(debate_state_at("2027-01-01 00:00:00", opens, closes), DEBATE_CLOSED);
}

static void test_state_names(void **state)
{
	(void)state;
	enum debate_state s;
	assert_string_equal(debate_state_name(DEBATE_OPEN), "open");
	assert_true(debate_state_parse("closed", &s));
	assert_int_equal(s, DEBATE_CLOSED);
	assert_true(debate_state_parse("upcoming", &s));
	assert_int_equal(s, DEBATE_UPCOMING);
	assert_false(debate_state_parse("Open", &s));
	assert_false(debate_state_parse("", &s));
	assert_false(debate_state_parse(NULL, &s));
	assert_string_equal(debate_side_name(SIDE_DISAGREE), "disagree");
}

static void test_time_parse(void **state)
{
	(void)state;
	char out[DEBATE_TIME_TEXT];
	assert_int_equal(debate_time_parse("2026-12-25T14:00", out), MDG_OK);
	assert_string_equal(out, "2026-12-25 14:00:00");
	assert_int_equal(debate_time_parse("2026-12-25 14:05", out), MDG_OK);
	assert_string_equal(out, "2026-12-25 14:05:00");
	assert_int_equal(debate_time_parse("2026-12-25T14:05:30", out), MDG_OK);
	assert_string_equal(out, "2026-12-25 14:05:30");
	assert_int_equal(debate_time_parse("2028-02-29 00:00", out), MDG_OK); /* a leap year */
	static const char *const bad[] = {
		"", "2026-12-25", "2026-12-25T14", "2026-02-29 10:00", "2026-02-30 10:00", "2026-13-01 10:00",
		"2026-04-31 10:00", "2026-12-25 24:00", "2026-12-25 23:60", "2026-12-25T14:00:60",
		"2026/12/25 14:00", "2026-12-25x14:00", "１０２６-12-25 14:00", "2026-12-25 14:00 ", "2026-1a-25 14:00",
		"1999-12-31 23:59", "2100-02-29 10:00",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(debate_time_parse(bad[i], out), MDG_EINVAL);
	assert_int_equal(debate_time_parse(NULL, out), MDG_EINVAL);
}

static void check_tally(long a, long d, long n, int pa, int pd, int pn)
{
	long counts[SIDE__COUNT] = {a, d, n};
	int pct[SIDE__COUNT];
	debate_tally_percent(counts, pct);
	assert_int_equal(pct[SIDE_AGREE], pa);
	assert_int_equal(pct[SIDE_DISAGREE], pd);
	assert_int_equal(pct[SIDE_NEUTRAL], pn);
}

static void test_tally_percent(void **state)
{
	(void)state;
	check_tally(0, 0, 0, 0, 0, 0);         /* nobody: an empty bar */
	check_tally(1, 0, 0, 100, 0, 0);
	check_tally(1, 1, 0, 50, 50, 0);
	check_tally(3, 2, 1, 50, 33, 17);      /* 50 + 33.3 + 16.7: the larger remainder rounds up */
	check_tally(1, 1, 1, 34, 33, 33);      /* a tie: the earlier side gets the point */
	check_tally(3, 1, 1, 60, 20, 20);
	check_tally(2, 1, 0, 67, 33, 0);
	check_tally(1, 999, 0, 0, 100, 0);     /* 0.1 % and 99.9 % */
	check_tally(-5, 1, 0, 0, 100, 0);      /* no negative count counts */
	long counts[SIDE__COUNT] = {7, 13, 29};
	int pct[SIDE__COUNT];
	debate_tally_percent(counts, pct);
	assert_int_equal(pct[0] + pct[1] + pct[2], 100);
}

static void test_sides_and_kinds(void **state)
{
	(void)state;
	assert_true(post_side_valid("agree"));
	assert_true(post_side_valid("disagree"));
	assert_true(post_side_valid("neutral"));
	assert_false(post_side_valid("Agree"));
	assert_false(post_side_valid("maybe"));
	assert_false(post_side_valid(""));
	assert_false(post_side_valid(NULL));
	assert_true(post_kind_valid("debate"));
	assert_true(post_kind_valid("proposal"));
	assert_false(post_kind_valid("case"));
	assert_false(post_kind_valid(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_state_by_time),
		cmocka_unit_test(test_state_names),
		cmocka_unit_test(test_time_parse),
		cmocka_unit_test(test_tally_percent),
		cmocka_unit_test(test_sides_and_kinds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
