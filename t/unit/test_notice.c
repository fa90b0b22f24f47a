/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_notice.c: notice kinds and their names, and the signed links'
 * tokens (the single-use rating link, the one-click unsubscribe link). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
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

/* The rating token is the one scheme with the label "rate": its bytes
 * stay what the e2e tests compute (t/e2e/85-notify-web.t). */
static void test_token_scheme(void **state)
{
	(void)state;
	char rate[NOTICE_TOKEN_MAX], generic[NOTICE_TOKEN_MAX], subject[NOTICE_TOKEN_SUBJECT_MAX + 1];
	notice_rate_token(key, sizeof key, nonce, rate);
	notice_token_sign(key, sizeof key, "rate", nonce, generic);
	assert_string_equal(rate, generic);
	/* The same subject under another label is another MAC. */
	notice_token_sign(key, sizeof key, "unsub", nonce, generic);
	assert_string_not_equal(rate, generic);
	assert_false(notice_token_verify(key, sizeof key, "unsub", rate, subject, sizeof subject));
	assert_true(notice_token_verify(key, sizeof key, "unsub", generic, subject, sizeof subject));
	assert_string_equal(subject, nonce);
	/* The subject must fit the caller's buffer. */
	assert_false(notice_token_verify(key, sizeof key, "unsub", generic, subject, 32));
	/* Subjects that are not [A-Za-z0-9_-]{1,40} are not signed. */
	notice_token_sign(key, sizeof key, "unsub", "a.b", generic);
	assert_string_equal(generic, "");
	notice_token_sign(key, sizeof key, "unsub", "", generic);
	assert_string_equal(generic, "");
	notice_token_sign(key, sizeof key, "unsub", "01234567890123456789012345678901234567890", generic);
	assert_string_equal(generic, "");
}

static void test_unsub_token(void **state)
{
	(void)state;
	char token[NOTICE_TOKEN_MAX], bad[NOTICE_TOKEN_MAX + 8], rate[NOTICE_TOKEN_MAX];
	long long id = -1;
	notice_unsub_token(key, sizeof key, 42, token);
	assert_int_equal(strncmp(token, "42.", 3), 0);
	assert_int_equal(strlen(token), 3 + NOTICE_TOKEN_MAC_LEN);
	assert_true(notice_unsub_token_valid(key, sizeof key, token, &id));
	assert_int_equal(id, 42);

	strcpy(bad, token);
	bad[1] = '3'; /* another account, same MAC */
	assert_false(notice_unsub_token_valid(key, sizeof key, bad, &id));
	assert_int_equal(id, 0);
	strcpy(bad, token);
	bad[10] = bad[10] == 'A' ? 'B' : 'A'; /* a forged MAC */
	assert_false(notice_unsub_token_valid(key, sizeof key, bad, &id));
	snprintf(bad, sizeof bad, "%sx", token); /* too long */
	assert_false(notice_unsub_token_valid(key, sizeof key, bad, &id));
	assert_false(notice_unsub_token_valid(key, sizeof key, "42", &id));
	assert_false(notice_unsub_token_valid(key, sizeof key, "", &id));
	assert_false(notice_unsub_token_valid(key, sizeof key, NULL, &id));
	/* A rating link is not an unsubscribe link, even for a numeric
	 * subject, nor the other way round. */
	notice_token_sign(key, sizeof key, "rate", "42", rate);
	assert_false(notice_unsub_token_valid(key, sizeof key, rate, &id));
	/* Well signed but not an id notice_unsub_token writes. */
	notice_token_sign(key, sizeof key, "unsub", "042", bad);
	assert_false(notice_unsub_token_valid(key, sizeof key, bad, &id));
	notice_token_sign(key, sizeof key, "unsub", "0", bad);
	assert_false(notice_unsub_token_valid(key, sizeof key, bad, &id));
	notice_token_sign(key, sizeof key, "unsub", "abc", bad);
	assert_false(notice_unsub_token_valid(key, sizeof key, bad, &id));
	notice_token_sign(key, sizeof key, "unsub", "1234567890123456789", bad);
	assert_false(notice_unsub_token_valid(key, sizeof key, bad, &id));
}

int main(void)
{
	if (crypto_init() != 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kind_names),
		cmocka_unit_test(test_rate_token_round_trip),
		cmocka_unit_test(test_rate_token_refused),
		cmocka_unit_test(test_token_scheme),
		cmocka_unit_test(test_unsub_token),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
