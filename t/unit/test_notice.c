/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_notice.c: notice kinds and their names, and the signed single-use
 * rating link's token. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/crypto.h"
#include "notify/notice.h"

static const unsigned char key[32] = "0123456789abcdef0123456789abcdef";
static const char nonce[] = "00112233445566778899aabbccddeeff";

static void test_kind_names(void **state)
{
	(void)state;
	for (int k = 0; k < NOTICE_KIND__MAX; k++) {
		const char *name = notice_kind_name((notice_kind)k);
		assert_non_null(name);
		assert_int_equal(notice_kind_from_name(name), k);
	}
	assert_string_equal(notice_kind_name(NOTICE_APOLOGY), "apology");
	assert_int_equal(notice_kind_from_name("nonsense"), NOTICE_KIND__MAX);
	assert_int_equal(notice_kind_from_name(NULL), NOTICE_KIND__MAX);
}

static void test_rate_token_round_trip(void **state)
{
	(void)state;
	char token[NOTICE_RATE_TOKEN_MAX], got[33];
	notice_rate_token(key, sizeof key, nonce, token);
	assert_int_equal(strlen(token), 32 + 1 + 43);
	assert_true(notice_rate_token_valid(key, sizeof key, token, got));
	assert_string_equal(got, nonce);
}

static void test_rate_token_refused(void **state)
{
	(void)state;
	char token[NOTICE_RATE_TOKEN_MAX], bad[NOTICE_RATE_TOKEN_MAX], got[33];
	unsigned char other[32];
	notice_rate_token(key, sizeof key, nonce, token);

	memcpy(other, key, sizeof other);
	other[0] ^= 1;
	assert_false(notice_rate_token_valid(other, sizeof other, token, got)); /* another key */

	strcpy(bad, token);
	bad[0] = bad[0] == '0' ? '1' : '0'; /* another nonce, same MAC */
	assert_false(notice_rate_token_valid(key, sizeof key, bad, got));

	strcpy(bad, token);
	bad[40] = bad[40] == 'A' ? 'B' : 'A'; /* a forged MAC */
	assert_false(notice_rate_token_valid(key, sizeof key, bad, got));

	strcpy(bad, token);
	bad[5] = 'G'; /* not hex */
	assert_false(notice_rate_token_valid(key, sizeof key, bad, got));

	assert_false(notice_rate_token_valid(key, sizeof key, "", got));
	assert_false(notice_rate_token_valid(key, sizeof key, NULL, got));
	assert_false(notice_rate_token_valid(key, sizeof key, nonce, got)); /* no MAC */
	strcpy(bad, token);
	strcat(bad, "x"); /* too long */
	assert_false(notice_rate_token_valid(key, sizeof key, bad, got));
}

int main(void)
{
	if (crypto_init() != 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kind_names),
		cmocka_unit_test(test_rate_token_round_trip),
		cmocka_unit_test(test_rate_token_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
