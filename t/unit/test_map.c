/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_map.c: the public rounding of a location and the tile server's
 * origin for the Content-Security-Policy (lib/geo). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/mdg.h"
#include "geo/geo.h"

static void expect_round(const char *in, int decimals, const char *want)
{
	char out[GEO_DEGREE_TEXT];
	geo_round(in, decimals, out, sizeof out);
	assert_string_equal(out, want);
}

static void test_round(void **state)
{
	(void)state;
	expect_round("37.566535", 3, "37.567");
	expect_round("126.978012", 3, "126.978");
	expect_round("-33.868820", 2, "-33.87");
	expect_round("37.566535", 0, "38");
	expect_round("37.566535", 6, "37.566535");
	expect_round("37.566535", 9, "37.566535");
	expect_round("-0.000400", 3, "0.000");
	expect_round("0.000000", 3, "0.000");
	expect_round("180.000000", 1, "180.0");
	/* Not a stored degree: nothing rather than a guess. */
	expect_round("", 3, "");
	expect_round(NULL, 3, "");
	expect_round("37.5x", 3, "");
	expect_round("nan", 3, "");
	expect_round("1e9", 3, "");
}

static void expect_origin(const char *url, const char *want)
{
	char out[GEO_ORIGIN_MAX];
	int rc = geo_tile_origin(url, out, sizeof out);
	if (!want) {
		assert_int_equal(rc, MDG_EINVAL);
		return;
	}
	assert_int_equal(rc, MDG_OK);
	assert_string_equal(out, want);
}

static void test_origin(void **state)
{
	(void)state;
	expect_origin("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org");
	expect_origin("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org");
	expect_origin("http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png", "http://127.0.0.1:8080");
	expect_origin("https://xdworld.vworld.kr/2d/Base/service/{z}/{x}/{y}.png", "https://xdworld.vworld.kr");
	expect_origin("https://tiles.example.org", "https://tiles.example.org");
	/* Nothing that could end the directive or add a source. */
	expect_origin("https://a.example.org; script-src *", NULL);
	expect_origin("https://a.example.org/x y", NULL);
	expect_origin("https://a.example.org/'x'", NULL);
	expect_origin("https://a\".example.org/", NULL);
	expect_origin("https://*.example.org/", NULL);
	expect_origin("ftp://tiles.example.org/{z}", NULL);
	expect_origin("javascript:alert(1)", NULL);
	expect_origin("//tiles.example.org/{z}", NULL);
	expect_origin("https:///{z}", NULL);
	expect_origin("https://tiles.example.org:/", NULL);
	expect_origin("https://tiles.example.org:80x/", NULL);
	expect_origin("https://user@tiles.example.org/", NULL);
	expect_origin("", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round),
		cmocka_unit_test(test_origin),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
