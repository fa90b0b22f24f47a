/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_verify.c: the rules of verification codes (lib/auth/verify.h):
 * six decimal digits, uniform, leading zeros kept; only exactly six ASCII
 * digits are well-formed; the signed links of verification and recovery
 * cannot pass for each other; the stored digest is the SHA-256 hex. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "auth/verify.h"
#include "core/crypto.h"
#include "core/mdg.h"
#include "notify/notice.h"

static int setup(void **state)
{
	(void)state;
	return crypto_init() == MDG_OK ? 0 : -1;
}

static void test_code_new(void **state)
{
	(void)state;
	unsigned first[10] = {0};
	for (int i = 0; i < 2000; i++) {
		char c[VERIFY_CODE_LEN + 1];
		memset(c, 'x', sizeof c);
		verify_code_new(c);
		assert_int_equal(strlen(c), VERIFY_CODE_LEN);
		assert_true(verify_code_wellformed(c));
		first[c[0] - '0']++;
	}
	/* Every leading digit, 0 included, turns up (about 200 times each). */
	for (int d = 0; d < 10; d++)
		assert_true(first[d] > 100);
}

static void test_code_wellformed(void **state)
{
	(void)state;
	assert_true(verify_code_wellformed("000000"));
	assert_true(verify_code_wellformed("123456"));
	assert_false(verify_code_wellformed(NULL));
	assert_false(verify_code_wellformed(""));
	assert_false(verify_code_wellformed("12345"));
	assert_false(verify_code_wellformed("1234567"));
	assert_false(verify_code_wellformed("12 456"));
	assert_false(verify_code_wellformed("12345a"));
	assert_false(verify_code_wellformed(" 123456"));
	assert_false(verify_code_wellformed("１２３４５６")); /* full-width digits */
}

static void test_link_labels(void **state)
{
	(void)state;
	static const unsigned char key[32] = {1, 2, 3};
	char token[NOTICE_TOKEN_MAX], subject[NOTICE_TOKEN_SUBJECT_MAX + 1];
	notice_token_sign(key, sizeof key, VERIFY_LINK_LABEL, "0123456789abcdef0123456789abcdef", token);
	assert_true(notice_token_verify(key, sizeof key, VERIFY_LINK_LABEL, token, subject, sizeof subject));
	assert_string_equal(subject, "0123456789abcdef0123456789abcdef");
	/* A verification link is no reset link, and the reverse. */
	assert_false(notice_token_verify(key, sizeof key, RECOVER_LINK_LABEL, token, subject, sizeof subject));
	notice_token_sign(key, sizeof key, RECOVER_LINK_LABEL, "0123456789abcdef0123456789abcdef", token);
	assert_false(notice_token_verify(key, sizeof key, VERIFY_LINK_LABEL, token, subject, sizeof subject));
}

static void test_digest(void **state)
{
	(void)state;
	char h[CRYPTO_HASH_HEX];
	crypto_sha256_hex("abc", h);
	assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_limits(void **state)
{
	(void)state;
	/* The numbers issue 13 asks for. */
	assert_int_equal(VERIFY_CODE_LEN, 6);
	assert_int_equal(VERIFY_CODE_MINUTES, 5);
	assert_int_equal(VERIFY_CODE_TRIES, 5);
	assert_int_equal(RECOVER_MINUTES, 30);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_code_new),     cmocka_unit_test(test_code_wellformed),
		cmocka_unit_test(test_link_labels),  cmocka_unit_test(test_digest),
		cmocka_unit_test(test_limits),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
