/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_http_text.c: the request path decoder, the route matcher, the
 * Content-Disposition of a download and the CSV field writer (lib/http). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "http/encode.h"
#include "http/parse.h"
#include "http/route.h"

static void expect_path(const char *uri, const char *want)
{
	char *got = http_decode_path(uri);
	if (!want) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void test_decode_path(void **state)
{
	(void)state;
	expect_path("/cases/2026-000001?x=1", "/cases/2026-000001");
	expect_path("/a%20b/%EC%A7%80#top", "/a b/\xEC\xA7\x80");
	expect_path("/x+y/%2f", "/x+y//");
	expect_path("/%41%4a%4A", "/AJJ");
	expect_path("", "");
	expect_path("/%00", NULL);
	expect_path("/%zz", NULL);
	expect_path("/%4", NULL);
	expect_path("/%", NULL);
	expect_path("/%4?1", NULL);
}

static void free_captures(char *c[HTTP_MAX_PARAMS])
{
	for (int i = 0; i < HTTP_MAX_PARAMS; i++) {
		free(c[i]);
		c[i] = NULL;
	}
}

static void test_route_match(void **state)
{
	char *c[HTTP_MAX_PARAMS] = {0};
	(void)state;
	assert_true(http_route_match("/", "/", c));
	assert_false(http_route_match("/", "", c));
	assert_true(http_route_match("/cases/{tracking}", "/cases/2026-000001", c));
	assert_string_equal(c[0], "2026-000001");
	assert_true(http_route_match("/staff/cases/{t}/act", "/staff/cases/2026-000002/act", c));
	assert_string_equal(c[0], "2026-000002");
	assert_true(http_route_match("/a/{x}/b/{y}", "/a/1/b/22", c));
	assert_string_equal(c[0], "1");
	assert_string_equal(c[1], "22");
	assert_false(http_route_match("/cases/{t}", "/cases/", c));     /* empty segment */
	assert_false(http_route_match("/cases/{t}", "/cases/1/2", c));  /* one segment only */
	assert_false(http_route_match("/cases/{t}", "/cases", c));
	assert_false(http_route_match("/cases/new", "/cases/new/", c));
	assert_false(http_route_match("/cases/new", "/cases/nex", c));
	assert_false(http_route_match("/{a}/{b}/{c}/{d}/{e}", "/1/2/3/4/5", c)); /* too many */
	assert_false(http_route_match("/x/{open", "/x/1", c));
	free_captures(c);
}

static void test_content_disposition(void **state)
{
	(void)state;
	char *v = http_content_disposition("민원 사진.jpg");
	assert_string_equal(v, "attachment; filename=\" .jpg\"; filename*=UTF-8''"
			       "%EB%AF%BC%EC%9B%90%20%EC%82%AC%EC%A7%84.jpg");
	free(v);
	v = http_content_disposition("a\"b\\c;d\r\n.txt");
	assert_string_equal(v, "attachment; filename=\"a_b_c_d__.txt\"; filename*=UTF-8''"
			       "a%22b%5Cc%3Bd%0D%0A.txt");
	free(v);
	v = http_content_disposition("사진");
	assert_string_equal(v, "attachment; filename=\"file\"; filename*=UTF-8''%EC%82%AC%EC%A7%84");
	free(v);
}

static void test_csv_field(void **state)
{
	buf b = {0};
	(void)state;
	http_csv_field(&b, "plain", true);
	http_csv_field(&b, "a,b", false);
	http_csv_field(&b, "say \"hi\"", false);
	http_csv_field(&b, "two\r\nlines", false);
	http_csv_field(&b, NULL, false);
	http_csv_field(&b, "", false);
	assert_string_equal(buf_str(&b), "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\",,");
	buf_reset(&b);
	http_csv_field(&b, "=HYPERLINK(\"x\")", true);
	http_csv_field(&b, "+1", false);
	http_csv_field(&b, "-1", false);
	http_csv_field(&b, "@SUM(A1)", false);
	http_csv_field(&b, "\tx", false);
	http_csv_field(&b, "a=b", false);
	assert_string_equal(buf_str(&b),
			    "\"'=HYPERLINK(\"\"x\"\")\",\"'+1\",\"'-1\",\"'@SUM(A1)\",\"'\tx\",a=b");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_path),
		cmocka_unit_test(test_route_match),
		cmocka_unit_test(test_content_disposition),
		cmocka_unit_test(test_csv_field),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
