/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_identity.c: the real-name check's protocol (lib/auth/identity.c):
 * the signed state, the callback's signature against a vector computed
 * independently (Python's hmac), the claim's checks, the keyed person
 * hash and the list of actions that need the check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "auth/identity.h"
#include "core/crypto.h"

static const uint8_t site[32] = "0123456789abcdef0123456789abcdef";
static const uint8_t provider[32] = "provider-secret-provider-secret!";
static const char nonce[] = "00112233445566778899aabbccddeeff";

static void test_state_round_trip(void **state)
{
	(void)state;
	char s[IDENTITY_STATE_MAX], got[IDENTITY_NONCE_TEXT];
	identity_state_sign(site, sizeof site, nonce, s);
	assert_int_equal(strlen(s), 32 + 1 + 43);
	assert_true(identity_state_check(site, sizeof site, s, got));
	assert_string_equal(got, nonce);
}

static void test_state_refused(void **state)
{
	(void)state;
	char s[IDENTITY_STATE_MAX], got[IDENTITY_NONCE_TEXT];
	uint8_t other[32];
	memcpy(other, site, sizeof other);
	other[0] ^= 1;
	identity_state_sign(site, sizeof site, nonce, s);
	assert_false(identity_state_check(other, sizeof other, s, got)); /* another key */
	s[3] = s[3] == 'a' ? 'b' : 'a';                                  /* another nonce */
	assert_false(identity_state_check(site, sizeof site, s, got));
	identity_state_sign(site, sizeof site, nonce, s);
	s[strlen(s) - 1] ^= 1; /* a MAC cut or changed */
	assert_false(identity_state_check(site, sizeof site, s, got));
	s[40] = '\0';
	assert_false(identity_state_check(site, sizeof site, s, got));
	assert_false(identity_state_check(site, sizeof site, "", got));
	assert_false(identity_state_check(site, sizeof site, NULL, got));
	assert_false(identity_state_check(site, sizeof site, "00112233445566778899AABBCCDDEEFF.x", got));
}

static void test_callback_signature(void **state)
{
	(void)state;
	char sig[IDENTITY_SIG_TEXT];
	identity_claim c = {"abc.def", "홍길동", "1990-01-31", "CI-0001"};
	identity_callback_sign(provider, sizeof provider, "madang", &c, sig);
	/* hmac.new(secret, b"madang\nabc.def\n홍길동\n1990-01-31\nCI-0001", sha256) */
	assert_string_equal(sig, "db8c11c7f5e840ec3a6b384256043ec98e5ed9acc164cbb1f1e55c4a37a97d3a");
	assert_true(identity_callback_check(provider, sizeof provider, "madang", &c, sig));
	/* Any field changed, another client or key: refused. */
	identity_claim name = c, key = c, birth = c;
	name.name = "홍길순";
	key.person_key = "CI-0002";
	birth.birth = "1990-01-30";
	assert_false(identity_callback_check(provider, sizeof provider, "madang", &name, sig));
	assert_false(identity_callback_check(provider, sizeof provider, "madang", &key, sig));
	assert_false(identity_callback_check(provider, sizeof provider, "madang", &birth, sig));
	assert_false(identity_callback_check(provider, sizeof provider, "other", &c, sig));
	assert_false(identity_callback_check(site, sizeof site, "madang", &c, sig));
	assert_false(identity_callback_check(provider, sizeof provider, "madang", &c, ""));
	assert_false(identity_callback_check(provider, sizeof provider, "madang", &c, NULL));
	sig[0] = sig[0] == '0' ? '1' : '0';
	assert_false(identity_callback_check(provider, sizeof provider, "madang", &c, sig));
}

static void test_claim_valid(void **state)
{
	(void)state;
	identity_claim ok = {"abc.def", "홍길동", "2000-02-29", "CI-0001"};
	assert_true(identity_claim_valid(&ok));
	/* 100 characters of 3 bytes each: as long as accounts.name holds */
	char name[101 * 3 + 1] = ""; /* room for the one character too many */
	for (int i = 0; i < 100; i++)
		strcat(name, "가");
	identity_claim longest = {"abc.def", name, "1990-01-01", "CI-0001"};
	assert_true(identity_claim_valid(&longest));
	strcat(name, "가");
	assert_false(identity_claim_valid(&longest));
	identity_claim bad[] = {
		{"abc.def", "홍길동", "1900-02-29", "CI-0001"}, /* no such day */
		{"abc.def", "홍길동", "1990-13-01", "CI-0001"},
		{"abc.def", "홍길동", "19900101", "CI-0001"},
		{"abc.def", "홍길동", "1990-01-0a", "CI-0001"},
		{"abc.def", "", "1990-01-01", "CI-0001"},
		{"abc.def", "홍\n길동", "1990-01-01", "CI-0001"}, /* would forge a line */
		{"abc.def", "홍길동", "1990-01-01", ""},
		{"abc.def", "홍길동", "1990-01-01", "CI 0001"},
		{"", "홍길동", "1990-01-01", "CI-0001"},
		{"a\nb", "홍길동", "1990-01-01", "CI-0001"},
		{NULL, "홍길동", "1990-01-01", "CI-0001"},
		{"abc.def", "\xed\x99", "1990-01-01", "CI-0001"}, /* cut UTF-8 */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(identity_claim_valid(&bad[i]));
}

static void test_person_hash(void **state)
{
	(void)state;
	char h[IDENTITY_HASH_TEXT], h2[IDENTITY_HASH_TEXT];
	identity_person_hash(site, sizeof site, "CI-0001", h);
	/* hmac.new(site, b"CI-0001", sha256): not the key, not its plain hash */
	assert_string_equal(h, "cc599e62981e5a54ee329e54c48d97a5fd643987d8b47db3ef6534ce96730d3f");
	identity_person_hash(provider, sizeof provider, "CI-0001", h2);
	assert_string_not_equal(h, h2);
}

static void test_list_names(void **state)
{
	(void)state;
	assert_true(identity_list_names("file", "file"));
	assert_true(identity_list_names("support, file ,opinion", "file"));
	assert_true(identity_list_names("support,opinion", "opinion"));
	assert_false(identity_list_names("", "file"));
	assert_false(identity_list_names("files,profile", "file"));
	assert_false(identity_list_names("support", ""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_state_round_trip), cmocka_unit_test(test_state_refused),
		cmocka_unit_test(test_callback_signature), cmocka_unit_test(test_claim_valid),
		cmocka_unit_test(test_person_hash), cmocka_unit_test(test_list_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
