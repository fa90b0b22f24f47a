/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_callcentre.c: the call centre's telephone numbers (calls/phone.h):
 * mobiles and landlines in the ways people and phone systems write them,
 * what is refused, and how they are shown. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "calls/phone.h"
#include "core/mdg.h"

static void check_ok(const char *in, const char *want)
{
	char out[PHONE_DIGITS];
	if (phone_normalise(in, out, sizeof out) != MDG_OK)
		fail_msg("\"%s\" refused, want %s", in, want);
	if (strcmp(out, want) != 0)
		fail_msg("\"%s\" gave %s, want %s", in, out, want);
}

static void check_refused(const char *in)
{
	char out[PHONE_DIGITS];
	if (phone_normalise(in, out, sizeof out) == MDG_OK)
		fail_msg("\"%s\" accepted as %s", in, out);
}

static void test_mobiles(void **state)
{
	(void)state;
	check_ok("010-1234-5678", "01012345678");
	check_ok("01012345678", "01012345678");
	check_ok("+82 10-1234-5678", "01012345678");
	check_ok("0082 10 1234 5678", "01012345678");
	check_ok("821012345678", "01012345678");
	check_ok("011-123-4567", "0111234567");
}

static void test_landlines(void **state)
{
	(void)state;
	check_ok("02-123-4567", "021234567");
	check_ok("02-1234-5678", "0212345678");
	check_ok("(02) 1234 5678", "0212345678");
	check_ok("+82 2-1234-5678", "0212345678");
	check_ok("+82 (0)2 1234 5678", "0212345678");
	check_ok("0082-2-123-4567", "021234567");
	check_ok("8221234567", "021234567");
	check_ok("031-123-4567", "0311234567");
	check_ok("064-1234-5678", "06412345678");
	check_ok("+82 51 123 4567", "0511234567");
	check_ok("070-1234-5678", "07012345678");
	check_ok("0505-123-4567", "05051234567");
	check_ok("1588-1234", "15881234");
	check_ok("1644 5678", "16445678");
}

static void test_refused(void **state)
{
	(void)state;
	check_refused("");
	check_refused("   ");
	check_refused("02-123");            /* too short */
	check_refused("02-12345-67890");    /* too long */
	check_refused("039-123-4567");      /* no such area code */
	check_refused("031-023-4567");      /* an exchange never starts with 0 */
	check_refused("070-123-4567");      /* 070 takes 8 digits after it */
	check_refused("1088-1234");         /* not a nationwide number */
	check_refused("010-1234-567a");
	check_refused("tel:02-123-4567");
	check_refused("02/123/4567");
	check_refused("+1 202 555 0100");   /* not Korean */
	check_refused("12345678901234567890123");
	assert_int_equal(phone_normalise(NULL, (char[PHONE_DIGITS]){0}, PHONE_DIGITS), MDG_EINVAL);
}

static void check_format(const char *digits, const char *want)
{
	char out[PHONE_SHOWN];
	phone_format(digits, out, sizeof out);
	assert_string_equal(out, want);
}

static void test_format(void **state)
{
	(void)state;
	check_format("01012345678", "010-1234-5678");
	check_format("021234567", "02-123-4567");
	check_format("0212345678", "02-1234-5678");
	check_format("0311234567", "031-123-4567");
	check_format("06412345678", "064-1234-5678");
	check_format("07012345678", "070-1234-5678");
	check_format("05051234567", "0505-123-4567");
	check_format("15881234", "1588-1234");
	check_format("12", "12");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mobiles),
		cmocka_unit_test(test_landlines),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
