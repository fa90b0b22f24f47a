/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_password.c: the password policy and argon2id hashing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "auth/password.h"
#include "core/crypto.h"
#include "core/mdg.h"

static int setup(void **state)
{
	(void)state;
	char dir[4096];
	const char *src = getenv("MADANG_SOURCE_DIR");
	snprintf(dir, sizeof dir, "%s/data", src ? src : ".");
	if (crypto_init() != MDG_OK || password_policy_init(dir) != MDG_OK)
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	password_policy_free();
	return 0;
}

static void test_policy(void **state)
{
	(void)state;
	assert_int_equal(password_check_policy("short"), PASSWORD_TOO_SHORT);
	assert_int_equal(password_check_policy("123456789"), PASSWORD_TOO_SHORT);
	/* Ten characters counted as code points, not bytes. */
	assert_int_equal(password_check_policy("비밀번호비밀번호"), PASSWORD_TOO_SHORT);
	assert_int_equal(password_check_policy("비밀번호는마당이좋아요"), PASSWORD_OK);
	assert_int_equal(password_check_policy("1234567890"), PASSWORD_COMMON);
	assert_int_equal(password_check_policy("qwertyuiop"), PASSWORD_COMMON);
	assert_int_equal(password_check_policy("Password123"), PASSWORD_COMMON); /* case-insensitive */
	assert_int_equal(password_check_policy("1q2w3e4r5t"), PASSWORD_COMMON);
	assert_int_equal(password_check_policy("correct-horse-battery"), PASSWORD_OK);
	assert_int_equal(password_check_policy("bad\xc0\xafutf8-password"), PASSWORD_INVALID);
	char longpw[300];
	memset(longpw, 'a', sizeof longpw - 1);
	longpw[sizeof longpw - 1] = '\0';
	assert_int_equal(password_check_policy(longpw), PASSWORD_TOO_LONG);
}

/* Each verdict names its own message (a key under L.Err). */
static void test_problem(void **state)
{
	(void)state;
	assert_null(password_problem("correct-horse-battery"));
	assert_string_equal(password_problem("short"), "password_short");
	assert_string_equal(password_problem("qwertyuiop"), "password_common");
	assert_string_equal(password_problem("bad\xc0\xafutf8-password"), "utf8");
	char longpw[300];
	memset(longpw, 'a', sizeof longpw - 1);
	longpw[sizeof longpw - 1] = '\0';
	assert_string_equal(password_problem(longpw), "too_long");
}

static void test_hash_verify(void **state)
{
	(void)state;
	char hash[PASSWORD_HASH_MAX];
	assert_int_equal(password_hash("correct-horse-battery", hash), MDG_OK);
	/* argon2id with at least m=19456 KiB, t=2, p=1, stored with the hash. */
	assert_non_null(strstr(hash, "$argon2id$"));
	assert_non_null(strstr(hash, "m=19456,t=2,p=1"));
	assert_true(password_verify(hash, "correct-horse-battery"));
	assert_false(password_verify(hash, "correct-horse-batterY"));
	assert_false(password_verify(hash, ""));
	assert_false(password_needs_rehash(hash));
	/* Unusable hashes never match. */
	assert_false(password_verify("!", "anything at all"));
	assert_false(password_verify(NULL, "anything at all"));
	/* Weaker parameters are noticed so they can be raised at sign-in. */
	assert_true(password_needs_rehash("$argon2id$v=19$m=4096,t=1,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"));
}

/* crypto_hmac keeps the last key's state (crypto.c): RFC 4231's cases 1
 * and 2 in turn, and a key changed in place, give each its own MAC. */
static void hmac_hex(const uint8_t *key, size_t keylen, const char *msg, char hex[2 * CRYPTO_HASH_BYTES + 1])
{
	uint8_t mac[CRYPTO_HASH_BYTES];
	crypto_hmac(key, keylen, msg, strlen(msg), mac);
	for (size_t i = 0; i < sizeof mac; i++)
		snprintf(hex + 2 * i, 3, "%02x", mac[i]);
}

static void test_hmac_keys(void **state)
{
	(void)state;
	static const char case1[] = "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7";
	static const char case2[] = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
	uint8_t key1[20], key2[4] = {'J', 'e', 'f', 'e'};
	char hex[2 * CRYPTO_HASH_BYTES + 1];
	memset(key1, 0x0b, sizeof key1);
	for (int round = 0; round < 2; round++) {
		hmac_hex(key1, sizeof key1, "Hi There", hex);
		assert_string_equal(hex, case1);
		hmac_hex(key2, sizeof key2, "what do ya want for nothing?", hex);
		assert_string_equal(hex, case2);
	}
	hmac_hex(key2, sizeof key2, "what do ya want for nothing?", hex);
	assert_string_equal(hex, case2);
	/* The same buffer, other bytes: another key. */
	uint8_t key[20];
	memset(key, 0x0b, sizeof key);
	memcpy(key, key2, sizeof key2);
	hmac_hex(key, sizeof key2, "what do ya want for nothing?", hex);
	assert_string_equal(hex, case2);
	memset(key, 0x0b, sizeof key);
	hmac_hex(key, sizeof key, "Hi There", hex);
	assert_string_equal(hex, case1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_policy),
		cmocka_unit_test(test_problem),
		cmocka_unit_test(test_hash_verify),
		cmocka_unit_test(test_hmac_keys),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
