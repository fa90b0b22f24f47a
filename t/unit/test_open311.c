/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_open311.c: the Open311 API's parsers: W3C dates with their zones
 * into the database's zone, coordinates, list values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/mdg.h"
#include "open311/open311.h"

/* in, read in the zone "+09:00", is want (NULL: refused). */
static void check_w3c(const char *in, const char *want)
{
	char out[20] = "";
	int rc = open311_parse_w3c(in, "+09:00", out);
	if (!want) {
		assert_int_equal(rc, MDG_EINVAL);
		return;
	}
	assert_int_equal(rc, MDG_OK);
	assert_string_equal(out, want);
}

static void test_w3c(void **state)
{
	(void)state;
	check_w3c("2026-12-07", "2026-12-07 00:00:00");
	check_w3c("2026-12-07T09:30:00+09:00", "2026-12-07 09:30:00");
	check_w3c("2026-12-07T09:30+09:00", "2026-12-07 09:30:00");
	check_w3c("2026-12-07T09:30:00", "2026-12-07 09:30:00");
	check_w3c("2026-12-07T00:00:00Z", "2026-12-07 09:00:00");
	check_w3c("2026-12-06T20:00:00Z", "2026-12-07 05:00:00");
	check_w3c("1994-11-05T08:15:30-05:00", "1994-11-05 22:15:30");
	check_w3c("2026-12-31T23:30:00-01:00", "2027-01-01 09:30:00");
	check_w3c("2026-12-07T09:30:00.123Z", "2026-12-07 18:30:00");
	check_w3c("2024-02-29T00:00:00+09:00", "2024-02-29 00:00:00");
	check_w3c("", NULL);
	check_w3c("yesterday", NULL);
	check_w3c("2026-02-30", NULL);
	check_w3c("2025-02-29T00:00:00Z", NULL);
	check_w3c("2026-13-01", NULL);
	check_w3c("2026-12-07T24:00:00Z", NULL);
	check_w3c("2026-12-07T09:60:00Z", NULL);
	check_w3c("2026-12-07T09:30:00+0900", NULL);
	check_w3c("2026-12-07T09:30:00+15:00", NULL);
	check_w3c("2026-12-07T09:30:00 ", NULL);
	check_w3c("2026-12-07 09:30:00", NULL);
	check_w3c("2026-12-07T09:30:00.Z", NULL);
	check_w3c("1969-12-31", NULL);
	check_w3c("２026-12-07", NULL);
	/* The database's zone must itself be one. */
	char out[20];
	assert_int_equal(open311_parse_w3c("2026-12-07", "KST", out), MDG_EINVAL);
	assert_int_equal(open311_parse_w3c("2026-12-07T00:00:00Z", "+00:00", out), MDG_OK);
	assert_string_equal(out, "2026-12-07 00:00:00");
}

static void test_coordinates(void **state)
{
	(void)state;
	assert_true(open311_coordinate_valid("37.5665", 90));
	assert_true(open311_coordinate_valid("-37.5665", 90));
	assert_true(open311_coordinate_valid("+126.978", 180));
	assert_true(open311_coordinate_valid("90", 90));
	assert_true(open311_coordinate_valid("90.000", 90));
	assert_true(open311_coordinate_valid("-180.0", 180));
	assert_true(open311_coordinate_valid("0", 90));
	assert_true(open311_coordinate_valid("1.123456", 90));
	assert_false(open311_coordinate_valid("90.000001", 90));
	assert_false(open311_coordinate_valid("91", 90));
	assert_false(open311_coordinate_valid("180.5", 180));
	assert_false(open311_coordinate_valid("1.1234567", 90));
	assert_false(open311_coordinate_valid("1e2", 90));
	assert_false(open311_coordinate_valid("", 90));
	assert_false(open311_coordinate_valid("-", 90));
	assert_false(open311_coordinate_valid("1.", 90));
	assert_false(open311_coordinate_valid(".5", 90));
	assert_false(open311_coordinate_valid(" 1", 90));
	assert_false(open311_coordinate_valid("1 ", 90));
	assert_false(open311_coordinate_valid("0x10", 90));
	assert_false(open311_coordinate_valid("NaN", 90));
	assert_false(open311_coordinate_valid("00012", 90));
}

static void test_list(void **state)
{
	(void)state;
	const char *list = "pothole=포트홀\nsidewalk=보도블록\nsign=표지판";
	assert_true(open311_list_has(list, "pothole"));
	assert_true(open311_list_has(list, "sidewalk"));
	assert_true(open311_list_has(list, "sign"));
	assert_false(open311_list_has(list, "side"));
	assert_false(open311_list_has(list, "포트홀"));
	assert_false(open311_list_has(list, ""));
	assert_false(open311_list_has(list, "pothole=포트홀"));
	assert_false(open311_list_has("", "a"));
	assert_false(open311_list_has(NULL, "a"));
	assert_true(open311_list_has("a=1\r\nb=2", "b"));
}

/* An answer as people read it: a list's keys by their names. */
static void shown_is(const char *datatype, const char *list, const char *answer, const char *want)
{
	char *got = open311_answer_shown(datatype, list, answer);
	assert_string_equal(got, want);
	free(got);
}

static void test_answer_shown(void **state)
{
	(void)state;
	const char *list = "pothole=포트홀\r\nsidewalk=보도블록\nsign=표지판";
	shown_is("singlevaluelist", list, "pothole", "포트홀");
	shown_is("singlevaluelist", list, "sign", "표지판");
	shown_is("singlevaluelist", list, "bench", "bench"); /* an option deleted since */
	shown_is("multivaluelist", list, "pothole,sign", "포트홀, 표지판");
	shown_is("multivaluelist", list, "sidewalk,bench,sign", "보도블록, bench, 표지판");
	shown_is("multivaluelist", NULL, "a,b", "a, b");
	shown_is("singlevaluelist", "empty=", "empty", "empty"); /* no name: the key */
	shown_is("string", list, "pothole", "pothole");
	shown_is("number", NULL, "40", "40");
}

static void test_datatypes(void **state)
{
	(void)state;
	assert_true(open311_datatype_valid("singlevaluelist"));
	assert_true(open311_datatype_valid("text"));
	assert_false(open311_datatype_valid("list"));
	assert_false(open311_datatype_valid(""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_w3c),
		cmocka_unit_test(test_coordinates),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_answer_shown),
		cmocka_unit_test(test_datatypes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
