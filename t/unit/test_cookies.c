/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_cookies.c: the Cookie header parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/mdg.h"
#include "http/parse.h"

static void test_basic(void **state)
{
	kvlist l = {0};
	(void)state;
	assert_int_equal(http_parse_cookies("sid=abc123; theme=dark;lang=ko", &l), MDG_OK);
	assert_int_equal(l.count, 3);
	assert_string_equal(kv_get(&l, "sid"), "abc123");
	assert_string_equal(kv_get(&l, "theme"), "dark");
	assert_string_equal(kv_get(&l, "lang"), "ko");
	kv_free(&l);
}

static void test_none(void **state)
{
	kvlist l = {0};
	(void)state;
	assert_int_equal(http_parse_cookies(NULL, &l), MDG_OK);
	assert_int_equal(http_parse_cookies("", &l), MDG_OK);
	assert_int_equal(http_parse_cookies(" ; ;;", &l), MDG_OK);
	assert_int_equal(l.count, 0);
}

static void test_trim_and_quotes(void **state)
{
	kvlist l = {0};
	(void)state;
	assert_int_equal(http_parse_cookies("  a = 1 ;\tb=\"quoted value\"; c=\"\"; d=\"; e=x\"y", &l),
			 MDG_OK);
	assert_string_equal(kv_get(&l, "a"), "1");
	assert_string_equal(kv_get(&l, "b"), "quoted value");
	assert_string_equal(kv_get(&l, "c"), "");
	assert_string_equal(kv_get(&l, "d"), "\""); /* a lone quote stays */
	assert_string_equal(kv_get(&l, "e"), "x\"y");
	kv_free(&l);
}

static void test_skipped_pairs(void **state)
{
	kvlist l = {0};
	(void)state;
	/* no '=', empty names, a name that is not text: skipped */
	assert_int_equal(http_parse_cookies("flag; =v; =; ok=1; \x01n=2; x=", &l), MDG_OK);
	assert_int_equal(l.count, 2);
	assert_string_equal(kv_get(&l, "ok"), "1");
	assert_string_equal(kv_get(&l, "x"), "");
	assert_null(kv_get(&l, "flag"));
	kv_free(&l);
}

static void test_no_decoding(void **state)
{
	kvlist l = {0};
	(void)state;
	assert_int_equal(http_parse_cookies("t=a%20b+c; u=x=y==", &l), MDG_OK);
	assert_string_equal(kv_get(&l, "t"), "a%20b+c");
	assert_string_equal(kv_get(&l, "u"), "x=y==");
	kv_free(&l);
}

static void test_utf8(void **state)
{
	kvlist l = {0};
	(void)state;
	assert_int_equal(http_parse_cookies("name=도로 파손", &l), MDG_OK);
	assert_string_equal(kv_get(&l, "name"), "도로 파손");
	kv_free(&l);
	assert_int_equal(http_parse_cookies("a=1; b=\xc0\xaf", &l), MDG_EUTF8);
	assert_int_equal(l.count, 1); /* what came before stays */
	kv_free(&l);
	assert_int_equal(http_parse_cookies("b=\xed\xa0\x80", &l), MDG_EUTF8);
	kv_free(&l);
	assert_int_equal(http_parse_cookies("b=\"\xe2\x82\"", &l), MDG_EUTF8);
	kv_free(&l);
	assert_int_equal(http_parse_cookies("b=\x7f", &l), MDG_EUTF8);
	kv_free(&l);
}

static void test_too_many(void **state)
{
	kvlist l = {0};
	buf b = {0};
	(void)state;
	for (int i = 0; i < 64; i++)
		buf_printf(&b, "c%d=%d; ", i, i);
	assert_int_equal(http_parse_cookies(buf_str(&b), &l), MDG_OK);
	assert_int_equal(l.count, 64);
	kv_free(&l);
	/* skipped pairs do not count */
	buf_puts(&b, "junk; =x");
	assert_int_equal(http_parse_cookies(buf_str(&b), &l), MDG_OK);
	kv_free(&l);
	buf_puts(&b, "; c64=64");
	assert_int_equal(http_parse_cookies(buf_str(&b), &l), MDG_ETOOBIG);
	kv_free(&l);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic),
		cmocka_unit_test(test_none),
		cmocka_unit_test(test_trim_and_quotes),
		cmocka_unit_test(test_skipped_pairs),
		cmocka_unit_test(test_no_decoding),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_too_many),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
