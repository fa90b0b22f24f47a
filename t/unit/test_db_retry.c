/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_db_retry.c: which server errors run a whole transaction again
 * (db_transaction), and the pause between attempts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "db/db.h"

static void test_lock_conflicts_are_retried(void **state)
{
	(void)state;
	assert_true(db_errno_retryable(1213)); /* ER_LOCK_DEADLOCK, also Galera's certification */
	assert_true(db_errno_retryable(1205)); /* ER_LOCK_WAIT_TIMEOUT */
}

static void test_other_errors_are_not(void **state)
{
	(void)state;
	assert_false(db_errno_retryable(0));
	assert_false(db_errno_retryable(1062)); /* duplicate key: would only come again */
	assert_false(db_errno_retryable(1064)); /* a syntax error */
	assert_false(db_errno_retryable(1146)); /* no such table */
	assert_false(db_errno_retryable(2006)); /* server gone: a reconnect's matter */
	assert_false(db_errno_retryable(2013));
}

static void test_delay_doubles_with_jitter(void **state)
{
	(void)state;
	static const long base[] = {10, 20, 40, 80, 160};
	for (int a = 1; a <= DB_TX_ATTEMPTS; a++) {
		assert_int_equal(db_retry_delay_ms(a, 0.0), base[a - 1]);
		for (double j = 0.0; j < 1.0; j += 0.1) {
			long ms = db_retry_delay_ms(a, j);
			assert_true(ms >= base[a - 1]);
			assert_true(ms < 2 * base[a - 1]);
		}
	}
	assert_int_equal(db_retry_delay_ms(3, 0.5), 60);
	/* Out of range: clamped, never negative or huge. */
	assert_int_equal(db_retry_delay_ms(0, 0.0), 10);
	assert_int_equal(db_retry_delay_ms(-3, 0.0), 10);
	assert_int_equal(db_retry_delay_ms(1000, 0.0), 160);
	assert_int_equal(db_retry_delay_ms(1, 1.0), 10);
	assert_int_equal(db_retry_delay_ms(1, -0.5), 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lock_conflicts_are_retried),
		cmocka_unit_test(test_other_errors_are_not),
		cmocka_unit_test(test_delay_doubles_with_jitter),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
