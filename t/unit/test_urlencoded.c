/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_urlencoded.c: query strings and application/x-www-form-urlencoded. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/mdg.h"
#include "http/parse.h"

static const http_limits lim = {
	.max_body = 1 << 20,
	.max_fields = 8,
	.max_field_len = 16,
	.max_file_size = 1 << 20,
	.max_files = 2,
};

/* Parses s (a C string) with the test limits into a fresh list. */
static int parse(const char *s, kvlist *out)
{
	memset(out, 0, sizeof *out);
	return http_parse_urlencoded(s, strlen(s), &lim, out);
}

static void expect_rc(const char *s, int want)
{
	kvlist l;
	int rc = parse(s, &l);
	if (rc != want)
		fail_msg("\"%s\": got %d, want %d", s, rc, want);
	kv_free(&l);
}

static void test_basic(void **state)
{
	kvlist l;
	(void)state;
	assert_int_equal(parse("a=1&b=two&a=3", &l), MDG_OK);
	assert_int_equal(l.count, 3);
	assert_string_equal(kv_get(&l, "a"), "1"); /* the first one */
	assert_string_equal(kv_get(&l, "b"), "two");
	assert_null(kv_get(&l, "c"));
	assert_string_equal(l.head->next->next->val, "3");
	assert_int_equal(l.head->next->vlen, 3);
	kv_free(&l);
	assert_null(l.head);
	assert_int_equal(l.count, 0);
}

static void test_decoding(void **state)
{
	kvlist l;
	(void)state;
	assert_int_equal(parse("q=road+damage%21&x%20y=%2B%26%3d%25", &l), MDG_OK);
	assert_string_equal(kv_get(&l, "q"), "road damage!");
	assert_string_equal(kv_get(&l, "x y"), "+&=%");
	kv_free(&l);
	/* ';' is not a separator. */
	assert_int_equal(parse("a=1;b=2", &l), MDG_OK);
	assert_int_equal(l.count, 1);
	assert_string_equal(kv_get(&l, "a"), "1;b=2");
	kv_free(&l);
}

static void test_empty_and_missing(void **state)
{
	kvlist l;
	(void)state;
	assert_int_equal(parse("", &l), MDG_OK);
	assert_int_equal(l.count, 0);
	memset(&l, 0, sizeof l);
	assert_int_equal(http_parse_urlencoded(NULL, 0, &lim, &l), MDG_OK);
	assert_int_equal(parse("&&=x&=&a&b=&&", &l), MDG_OK);
	assert_int_equal(l.count, 2);
	assert_string_equal(kv_get(&l, "a"), "");
	assert_int_equal(l.head->vlen, 0);
	assert_string_equal(kv_get(&l, "b"), "");
	kv_free(&l);
	/* A value may hold '='. */
	assert_int_equal(parse("k=a=b", &l), MDG_OK);
	assert_string_equal(kv_get(&l, "k"), "a=b");
	kv_free(&l);
}

static void test_bad_escapes(void **state)
{
	(void)state;
	expect_rc("a=%G1", MDG_EINVAL);
	expect_rc("a=%1G", MDG_EINVAL);
	expect_rc("a=%4", MDG_EINVAL);
	expect_rc("a=%", MDG_EINVAL);
	expect_rc("a=x%", MDG_EINVAL);
	expect_rc("%zz=1", MDG_EINVAL);
	expect_rc("ok=1&b=%%41", MDG_EINVAL);
	expect_rc("a=%4&b=1", MDG_EINVAL); /* "%4&" is not an escape */
	expect_rc("a=%41", MDG_OK);
	expect_rc("a=%e2%82%ac", MDG_OK); /* lower case hex */
}

static void test_bad_utf8(void **state)
{
	(void)state;
	expect_rc("a=%c0%af", MDG_EUTF8);       /* overlong */
	expect_rc("a=%ed%a0%80", MDG_EUTF8);    /* surrogate */
	expect_rc("a=%e2%82", MDG_EUTF8);       /* truncated */
	expect_rc("a=\xc0\xaf", MDG_EUTF8);     /* raw bytes too */
	expect_rc("a=\xed\xa0\x80", MDG_EUTF8);
	expect_rc("a=\xe2\x82", MDG_EUTF8);
	expect_rc("%c0%af=1", MDG_EUTF8);       /* in a name */
	expect_rc("a=%00", MDG_EUTF8);          /* NUL */
	expect_rc("a=%1b", MDG_EUTF8);          /* ESC */
	expect_rc("a=%7f", MDG_EUTF8);          /* DEL */
	expect_rc("a=%09", MDG_OK);             /* TAB is text */
}

static void test_limits(void **state)
{
	char s[600];
	(void)state;
	expect_rc("a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8", MDG_OK);
	expect_rc("a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9", MDG_ETOOBIG);
	/* dropped pairs do not count */
	expect_rc("a=1&&b=2&c=3&=&d=4&e=5&f=6&g=7&h=8&", MDG_OK);
	expect_rc("a=0123456789abcdef", MDG_OK);   /* 16 bytes */
	expect_rc("a=0123456789abcdefg", MDG_ETOOBIG);
	expect_rc("a=%41%41%41%41%41%41%41%41%41%41%41%41%41%41%41%41", MDG_OK);
	expect_rc("a=%41%41%41%41%41%41%41%41%41%41%41%41%41%41%41%41+", MDG_ETOOBIG);
	memset(s, 'n', 256);
	strcpy(s + 256, "=1");
	expect_rc(s, MDG_OK);
	memset(s, 'n', 257);
	strcpy(s + 257, "=1");
	expect_rc(s, MDG_ETOOBIG);
}

static void test_crlf_and_korean(void **state)
{
	kvlist l;
	(void)state;
	assert_int_equal(parse("t=a%0D%0Ab%0d%0a", &l), MDG_OK);
	assert_string_equal(kv_get(&l, "t"), "a\r\nb\r\n");
	assert_int_equal(l.head->vlen, 6);
	kv_free(&l);
	/* "도로 파손" as a browser sends it */
	assert_int_equal(parse("%EC%A0%9C%EB%AA%A9=%EB%8F%84%EB%A1%9C+%ED%8C%8C%EC%86%90", &l),
			 MDG_OK);
	assert_string_equal(kv_get(&l, "제목"), "도로 파손");
	kv_free(&l);
}

static void test_appends(void **state)
{
	kvlist l = {0};
	(void)state;
	assert_int_equal(http_parse_urlencoded("a=1", 3, &lim, &l), MDG_OK);
	assert_int_equal(http_parse_urlencoded("b=2", 3, &lim, &l), MDG_OK);
	assert_int_equal(l.count, 2);
	assert_string_equal(l.tail->key, "b");
	kv_free(&l);
	/* On failure the list keeps what came before the bad pair. */
	assert_int_equal(http_parse_urlencoded("a=1&b=%zz&c=3", 13, &lim, &l), MDG_EINVAL);
	assert_int_equal(l.count, 1);
	kv_free(&l);
	/* len, not a NUL, ends the input */
	assert_int_equal(http_parse_urlencoded("a=1&b=2", 3, &lim, &l), MDG_OK);
	assert_int_equal(l.count, 1);
	kv_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic),
		cmocka_unit_test(test_decoding),
		cmocka_unit_test(test_empty_and_missing),
		cmocka_unit_test(test_bad_escapes),
		cmocka_unit_test(test_bad_utf8),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_crlf_and_korean),
		cmocka_unit_test(test_appends),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
