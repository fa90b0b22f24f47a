/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_outbox.c: the outbox's retry schedule and the SMS quiet hours. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

#include "core/mdg.h"
#include "notify/outbox.h"

static void test_backoff_doubles_to_an_hour(void **state)
{
	(void)state;
	static const long want[] = {60, 120, 240, 480, 960, 1920, 3600, 3600, 3600};
	for (int i = 0; i < (int)MDG_ARRAY_LEN(want); i++)
		assert_int_equal(outbox_backoff_seconds(i + 1, 0.0), want[i]);
	assert_int_equal(outbox_backoff_seconds(1000, 0.0), OUTBOX_BACKOFF_MAX);
	assert_int_equal(outbox_backoff_seconds(30000, 0.0), OUTBOX_BACKOFF_MAX);
	/* No failure yet counts as the first. */
	assert_int_equal(outbox_backoff_seconds(0, 0.0), OUTBOX_BACKOFF_FIRST);
	assert_int_equal(outbox_backoff_seconds(-5, 0.0), OUTBOX_BACKOFF_FIRST);
}

static void test_backoff_jitter_bounds(void **state)
{
	(void)state;
	/* Jitter adds up to 20 %, never takes away. */
	for (int attempts = 1; attempts <= 10; attempts++) {
		long base = outbox_backoff_seconds(attempts, 0.0);
		for (double j = 0.0; j < 1.0; j += 0.05) {
			long w = outbox_backoff_seconds(attempts, j);
			assert_true(w >= base);
			assert_true(w < base + base / 5 + 1);
		}
		assert_true(outbox_backoff_seconds(attempts, 0.999999) <= base + base / 5);
	}
	assert_int_equal(outbox_backoff_seconds(1, 0.5), 66);
	assert_int_equal(outbox_backoff_seconds(7, 0.5), 3960);
	/* Out-of-range jitter is ignored rather than trusted. */
	assert_int_equal(outbox_backoff_seconds(1, 1.0), 60);
	assert_int_equal(outbox_backoff_seconds(1, -0.5), 60);
	assert_int_equal(outbox_backoff_seconds(1, NAN), 60);
}

static void test_backoff_total_reaches_give_up(void **state)
{
	(void)state;
	/* Without jitter, 3 days of retries take this many attempts: the
	 * schedule really ends in the dead letter, it does not retry forever. */
	long total = 0;
	int attempts = 0;
	while (total < OUTBOX_GIVE_UP_SECONDS)
		total += outbox_backoff_seconds(++attempts, 0.0);
	assert_int_equal(attempts, 77);
}

static void test_quiet_hours_across_midnight(void **state)
{
	(void)state;
	assert_false(outbox_sms_allowed(21, 0, "21:00", "08:00"));
	assert_false(outbox_sms_allowed(23, 59, "21:00", "08:00"));
	assert_false(outbox_sms_allowed(0, 0, "21:00", "08:00"));
	assert_false(outbox_sms_allowed(7, 59, "21:00", "08:00"));
	assert_true(outbox_sms_allowed(8, 0, "21:00", "08:00"));
	assert_true(outbox_sms_allowed(12, 0, "21:00", "08:00"));
	assert_true(outbox_sms_allowed(20, 59, "21:00", "08:00"));
}

static void test_quiet_hours_same_day(void **state)
{
	(void)state;
	assert_true(outbox_sms_allowed(12, 59, "13:00", "14:30"));
	assert_false(outbox_sms_allowed(13, 0, "13:00", "14:30"));
	assert_false(outbox_sms_allowed(14, 29, "13:00", "14:30"));
	assert_true(outbox_sms_allowed(14, 30, "13:00", "14:30"));
	assert_true(outbox_sms_allowed(0, 0, "00:01", "23:59"));
	assert_false(outbox_sms_allowed(23, 58, "00:01", "23:59"));
	assert_false(outbox_sms_allowed(0, 0, "00:00", "06:00"));
}

static void test_quiet_hours_equal_means_none(void **state)
{
	(void)state;
	for (int h = 0; h < 24; h++) {
		assert_true(outbox_sms_allowed(h, 0, "00:00", "00:00"));
		assert_true(outbox_sms_allowed(h, 30, "22:00", "22:00"));
	}
}

static void test_quiet_hours_malformed_is_default(void **state)
{
	(void)state;
	static const char *bad[] = {NULL, "", "9:00", "24:00", "21:60", "21-00", "2100", "21:00x", "ab:cd", " 21:00"};
	for (size_t i = 0; i < MDG_ARRAY_LEN(bad); i++) {
		/* A bad start or a bad end: the default 21:00-08:00 holds. */
		assert_false(outbox_sms_allowed(22, 0, bad[i], "08:00"));
		assert_false(outbox_sms_allowed(7, 0, "21:00", bad[i]));
		assert_true(outbox_sms_allowed(12, 0, bad[i], bad[i]));
		assert_false(outbox_sms_allowed(3, 0, "13:00", bad[i]));
		assert_true(outbox_sms_allowed(13, 30, "13:00", bad[i]));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_backoff_doubles_to_an_hour),
		cmocka_unit_test(test_backoff_jitter_bounds),
		cmocka_unit_test(test_backoff_total_reaches_give_up),
		cmocka_unit_test(test_quiet_hours_across_midnight),
		cmocka_unit_test(test_quiet_hours_same_day),
		cmocka_unit_test(test_quiet_hours_equal_means_none),
		cmocka_unit_test(test_quiet_hours_malformed_is_default),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
