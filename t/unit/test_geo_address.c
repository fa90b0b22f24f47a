/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_geo_address.c: the public part of an address (lib/geo,
 * geo_mask_address), Korean and English, and the guest's tracking-link
 * token (lib/auth/case_link). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "auth/case_link.h"
#include "core/mdg.h"
#include "geo/geo.h"

static void expect_mask(const char *in, const char *want)
{
	char out[256];
	geo_mask_address(in, GEO_ADDRESS_STREET, out, sizeof out);
	assert_string_equal(out, want);
}

static void test_korean(void **state)
{
	(void)state;
	expect_mask("세종대로 110 3층", "세종대로 …");
	expect_mask("서울특별시 중구 세종대로 110", "서울특별시 중구 세종대로 …");
	expect_mask("서울 중구 세종대로110", "서울 중구 세종대로 …");
	expect_mask("경기도 성남시 분당구 불정로 6 (정자동)", "경기도 성남시 분당구 불정로 …");
	expect_mask("역삼동 123-45", "역삼동 …");
	expect_mask("서울특별시 중구 세종대로(태평로1가)", "서울특별시 중구 세종대로 …");
	/* No number: at most GEO_ADDRESS_WORDS words. */
	expect_mask("시청 앞 광장", "시청 앞 광장");
	expect_mask("가 나 다 라 마 바", "가 나 다 라 …");
	expect_mask("  세종대로   110  ", "세종대로 …");
}

static void test_english(void **state)
{
	(void)state;
	expect_mask("Main Street 12, Springfield", "Main Street …");
	expect_mask("Flat 3, 10 Downing St", "Flat …");
	expect_mask("Sejong-daero, Jung-gu", "Sejong-daero …");
	expect_mask("City Hall Plaza", "City Hall Plaza");
	/* Starts with the house number: nothing is safe to show. */
	expect_mask("10 Downing Street", "");
	expect_mask("", "");
	expect_mask(NULL, "");
}

static void test_off_and_short(void **state)
{
	(void)state;
	char out[16];
	geo_mask_address("세종대로 110", GEO_ADDRESS_OFF, out, sizeof out);
	assert_string_equal(out, "");
	/* Too small a buffer: whole characters only ("세종" is 6 bytes). */
	char small[8];
	geo_mask_address("세종대로 110", GEO_ADDRESS_STREET, small, sizeof small);
	assert_string_equal(small, "세종");
	geo_mask_address("Main 1", GEO_ADDRESS_STREET, small, 1);
	assert_string_equal(small, "");
}

static void test_case_link(void **state)
{
	(void)state;
	const unsigned char key[32] = "0123456789abcdef0123456789abcde";
	const unsigned char other[32] = "fedcba9876543210fedcba987654321";
	char t[CASE_LINK_TOKEN_LEN + 1], t2[CASE_LINK_TOKEN_LEN + 1];
	case_link_token(key, sizeof key, 42, 7, t);
	assert_int_equal(strlen(t), CASE_LINK_TOKEN_LEN);
	assert_true(strspn(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == strlen(t));
	assert_true(case_link_valid(key, sizeof key, 42, 7, t));
	/* Another case, another guest, another key: refused. */
	assert_false(case_link_valid(key, sizeof key, 43, 7, t));
	assert_false(case_link_valid(key, sizeof key, 42, 8, t));
	assert_false(case_link_valid(other, sizeof other, 42, 7, t));
	/* "4:27" and "42:7" are different messages. */
	case_link_token(key, sizeof key, 4, 27, t2);
	assert_string_not_equal(t, t2);
	assert_false(case_link_valid(key, sizeof key, 42, 7, NULL));
	assert_false(case_link_valid(key, sizeof key, 42, 7, ""));
	t[CASE_LINK_TOKEN_LEN - 1] = t[CASE_LINK_TOKEN_LEN - 1] == 'A' ? 'B' : 'A';
	assert_false(case_link_valid(key, sizeof key, 42, 7, t));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_korean),
		cmocka_unit_test(test_english),
		cmocka_unit_test(test_off_and_short),
		cmocka_unit_test(test_case_link),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
