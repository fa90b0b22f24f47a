/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_chart.c: the SVG charts (lib/render/chart.c): accessible names,
 * escaping, the bars' and the line's geometry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "render/chart.h"

static const char *const cats[] = {"도로과", "A&B <x>", "C"};
static const long long received[] = {10, 5, 0};
static const long long answered[] = {4, 5, 0};

/* How many times needle occurs in hay. */
static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void test_bars(void **state)
{
	(void)state;
	const chart_series series[] = {{"받음", received}, {"Answered \"x\"", answered}};
	const chart c = {CHART_BARS, "c1", "Cases by department", "The table below <has> the figures.", cats, 3,
			 series, 2};
	buf out = {0};
	chart_svg(&out, &c);
	const char *svg = buf_str(&out);
	assert_non_null(strstr(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\""));
	assert_non_null(strstr(svg, "aria-labelledby=\"c1-title c1-desc\""));
	assert_non_null(strstr(svg, "<title id=\"c1-title\">Cases by department</title>"));
	assert_non_null(strstr(svg, "<desc id=\"c1-desc\">The table below &lt;has&gt; the figures.</desc>"));
	/* Every text escaped; Korean as it is. */
	assert_non_null(strstr(svg, ">A&amp;B &lt;x&gt;</text>"));
	assert_non_null(strstr(svg, ">Answered &quot;x&quot;</text>"));
	assert_non_null(strstr(svg, ">도로과</text>"));
	assert_null(strstr(svg, "<x>"));
	/* One bar per value and category, two legend squares; the axis
	 * reaches 10: the tallest bar fills the plot (200 high). */
	assert_int_equal(count(svg, "<rect "), 3 * 2 + 2);
	assert_non_null(strstr(svg, "height=\"200.0\""));
	assert_non_null(strstr(svg, ">10</text>"));
	/* The grid at whole steps of 2, each line where its value is. */
	assert_non_null(strstr(svg, "y=\"60.0\" text-anchor=\"end\">8</text>"));
	assert_null(strstr(svg, ">7</text>"));
	assert_int_equal(count(svg, "stroke=\"#bbb\""), 6);
	assert_int_equal(count(svg, "<svg"), 1);
	assert_non_null(strstr(svg, "</svg>"));
	assert_null(strstr(svg, "<script"));
	buf_free(&out);
}

static void test_stacked_and_line(void **state)
{
	(void)state;
	const chart_series series[] = {{"a", received}, {"b", answered}};
	chart c = {CHART_STACKED, "c2", "t", "d", cats, 3, series, 2};
	buf out = {0};
	chart_svg(&out, &c);
	/* The first stack is 14: the axis goes up to 20. */
	assert_non_null(strstr(buf_str(&out), ">20</text>"));
	assert_non_null(strstr(buf_str(&out), "stroke=\"#fff\""));
	buf_reset(&out);
	c.kind = CHART_LINE;
	chart_svg(&out, &c);
	assert_int_equal(count(buf_str(&out), "<polyline"), 2);
	assert_int_equal(count(buf_str(&out), "<circle"), 6);
	assert_non_null(strstr(buf_str(&out), ">10</text>"));
	buf_free(&out);
}

static void test_empty(void **state)
{
	(void)state;
	static const long long none[] = {0};
	const chart_series series[] = {{"a", none}};
	const chart c = {CHART_BARS, "c3", "t", "d", cats, 1, series, 1};
	buf out = {0};
	chart_svg(&out, &c);
	/* No division by zero: an axis up to 1 and a flat bar. */
	assert_non_null(strstr(buf_str(&out), ">1</text>"));
	assert_non_null(strstr(buf_str(&out), "height=\"0.0\""));
	buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bars),
		cmocka_unit_test(test_stacked_and_line),
		cmocka_unit_test(test_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
