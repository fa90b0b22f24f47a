/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_text.c: name masking, phone numbers, tracking numbers, login IDs,
 * e-mail addresses and integer parsing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/mdg.h"
#include "core/text.h"

static void check_mask(const char *in, const char *want)
{
	char *got = text_mask_name(in);
	assert_string_equal(got, want);
	free(got);
}

static void test_mask_name(void **state)
{
	(void)state;
	check_mask("홍길동", "홍*동");
	check_mask("남궁민수", "남**수");
	check_mask("김철", "김*");
	check_mask("김", "*");
	check_mask("", "");
	check_mask("John Smith", "J********h");
	check_mask("Ann", "A*n");
}

static void check_mobile(const char *in, const char *want)
{
	char out[16];
	int rc = text_normalise_mobile(in, out, sizeof out);
	if (!want) {
		assert_int_equal(rc, MDG_EINVAL);
		return;
	}
	assert_int_equal(rc, MDG_OK);
	assert_string_equal(out, want);
}

static void test_mobile(void **state)
{
	(void)state;
	check_mobile("010-1234-5678", "01012345678");
	check_mobile("01012345678", "01012345678");
	check_mobile("010 1234 5678", "01012345678");
	check_mobile("010.1234.5678", "01012345678");
	check_mobile("+82 10-1234-5678", "01012345678");
	check_mobile("+82-10-1234-5678", "01012345678");
	check_mobile("821012345678", "01012345678");
	check_mobile("+82 (0)10 1234 5678", "01012345678");
	check_mobile("011-123-4567", "0111234567");
	check_mobile("016-1234-5678", "01612345678");
	check_mobile("02-123-4567", NULL);      /* a Seoul landline */
	check_mobile("010-123-4567", NULL);     /* 010 numbers have 11 digits */
	check_mobile("010-0234-5678", NULL);
	check_mobile("012-1234-5678", NULL);
	check_mobile("010-1234-5678x", NULL);
	check_mobile("", NULL);
	check_mobile("0101234567890123456789", NULL);
	check_mobile("010\n1234\n5678", NULL);
}

static void check_format_mobile(const char *digits, const char *want)
{
	char out[TEXT_MOBILE_SHOWN];
	text_format_mobile(digits, out, sizeof out);
	assert_string_equal(out, want);
}

static void test_format_mobile(void **state)
{
	(void)state;
	check_format_mobile("01012345678", "010-1234-5678");
	check_format_mobile("0111234567", "011-123-4567");
	check_format_mobile("01698765432", "016-9876-5432");
	/* Anything else as it is: an old or foreign number, nothing. */
	check_format_mobile("", "");
	check_format_mobile("021234567", "021234567");
	check_format_mobile("+821012345678", "+821012345678");
	/* Whatever text_normalise_mobile accepts reads back the usual way. */
	char digits[12];
	assert_int_equal(text_normalise_mobile("+82 10 1234 5678", digits, sizeof digits), MDG_OK);
	check_format_mobile(digits, "010-1234-5678");
	/* Too small a buffer cuts, never overflows. */
	char small[8];
	text_format_mobile("01012345678", small, sizeof small);
	assert_string_equal(small, "010-123");
}

static void test_tracking(void **state)
{
	(void)state;
	char out[TRACKING_LEN + 1];
	int year;
	unsigned seq;
	tracking_format(2026, 123, out, sizeof out);
	assert_string_equal(out, "2026-000123");
	assert_int_equal(tracking_parse("2026-000123", &year, &seq), MDG_OK);
	assert_int_equal(year, 2026);
	assert_int_equal(seq, 123);
	assert_int_equal(tracking_parse("2026-999999", &year, &seq), MDG_OK);
	assert_int_equal(tracking_parse("2026-000000", &year, &seq), MDG_EINVAL);
	assert_int_equal(tracking_parse("2026-00012", &year, &seq), MDG_EINVAL);
	assert_int_equal(tracking_parse("2026-0001234", &year, &seq), MDG_EINVAL);
	assert_int_equal(tracking_parse("2026_000123", &year, &seq), MDG_EINVAL);
	assert_int_equal(tracking_parse("20a6-000123", &year, &seq), MDG_EINVAL);
	assert_int_equal(tracking_parse("2026-00012a", &year, &seq), MDG_EINVAL);
	assert_int_equal(tracking_parse("1999-000001", &year, &seq), MDG_EINVAL);
	assert_int_equal(tracking_parse("", &year, &seq), MDG_EINVAL);
}

static void test_login_id(void **state)
{
	(void)state;
	assert_true(text_login_id_valid("hong"));
	assert_true(text_login_id_valid("hong.gildong_2-x"));
	assert_false(text_login_id_valid("hon"));
	assert_false(text_login_id_valid("Hong"));
	assert_false(text_login_id_valid("1hong"));
	assert_false(text_login_id_valid("hong gil"));
	assert_false(text_login_id_valid("홍길동"));
	assert_false(text_login_id_valid("abcdefghijabcdefghijabcdefghijabc"));
}

/* The one address check, shared by the forms and the mail transport
 * (issue 8: the forms once took a@b_c.kr and a@-b.kr, which the transport
 * then refused, so every notice to such an account dead-lettered). */
static void test_email(void **state)
{
	char local64[80], local65[80], long_domain[300];
	(void)state;
	memset(local64, 'a', 64);
	strcpy(local64 + 64, "@b.kr");
	memset(local65, 'a', 65);
	strcpy(local65 + 65, "@b.kr");
	char label61[62];
	memset(label61, 'x', 61);
	label61[61] = '\0';
	/* "a@" and four 61-byte labels and "kr": 252 bytes, then 255. */
	strcpy(long_domain, "a@");
	for (int i = 0; i < 4; i++) {
		strcat(long_domain, label61);
		strcat(long_domain, ".");
	}
	strcat(long_domain, "kr");
	assert_int_equal(strlen(long_domain), 252);
	assert_true(text_email_valid(long_domain));
	strcat(long_domain, "xxx");
	assert_false(text_email_valid(long_domain));

	assert_true(text_email_valid("a@b.kr"));
	assert_true(text_email_valid("hong.gildong+x@mail.example.kr"));
	assert_true(text_email_valid("o'brien@x-y.example.com"));
	assert_true(text_email_valid("A.B@Example.KR"));
	assert_true(text_email_valid(local64));
	/* the two of issue 8 first */
	assert_false(text_email_valid("a@b_c.kr"));
	assert_false(text_email_valid("a@-b.kr"));
	assert_false(text_email_valid(local65));
	assert_false(text_email_valid(""));
	assert_false(text_email_valid("hong"));
	assert_false(text_email_valid("@b.kr"));
	assert_false(text_email_valid("a@b"));
	assert_false(text_email_valid("a@@b.kr"));
	assert_false(text_email_valid("a b@c.kr"));
	assert_false(text_email_valid("a@b.kr\r\nBcc: x@y.kr"));
	assert_false(text_email_valid("a@b.kr\n"));
	assert_false(text_email_valid("<a@b.kr>"));
	assert_false(text_email_valid("\"a\"@b.kr"));
	assert_false(text_email_valid("a@b.kr,c@d.kr"));
	assert_false(text_email_valid("a..b@c.kr"));
	assert_false(text_email_valid(".a@b.kr"));
	assert_false(text_email_valid("a.@b.kr"));
	assert_false(text_email_valid("a@.kr"));
	assert_false(text_email_valid("a@b..kr"));
	assert_false(text_email_valid("a@b.kr."));
	assert_false(text_email_valid("a@b-.kr"));
	assert_false(text_email_valid("홍@b.kr"));
	assert_false(text_email_valid("a@마당.kr"));
	assert_false(text_email_valid(NULL));
}

static void test_parse_long(void **state)
{
	(void)state;
	long v;
	assert_int_equal(text_parse_long("42", 1, 100, &v), MDG_OK);
	assert_int_equal(v, 42);
	assert_int_equal(text_parse_long("-5", -10, 0, &v), MDG_OK);
	assert_int_equal(text_parse_long("101", 1, 100, &v), MDG_EINVAL);
	assert_int_equal(text_parse_long("0", 1, 100, &v), MDG_EINVAL);
	assert_int_equal(text_parse_long(" 4", 1, 100, &v), MDG_EINVAL);
	assert_int_equal(text_parse_long("4 ", 1, 100, &v), MDG_EINVAL);
	assert_int_equal(text_parse_long("+4", 1, 100, &v), MDG_EINVAL);
	assert_int_equal(text_parse_long("0x10", 1, 100, &v), MDG_EINVAL);
	assert_int_equal(text_parse_long("", 1, 100, &v), MDG_EINVAL);
	assert_int_equal(text_parse_long("99999999999999999999999", 1, 100, &v), MDG_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mask_name), cmocka_unit_test(test_mobile),
		cmocka_unit_test(test_format_mobile),
		cmocka_unit_test(test_tracking),  cmocka_unit_test(test_login_id),
		cmocka_unit_test(test_email),     cmocka_unit_test(test_parse_long),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
