/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_calendar.c: the rules of lib/calendar that need no database: day
 * numbers, the occurrences of weekly and monthly series (until a date, a
 * count, months without the day), the event form's bounds, and the
 * iCalendar text parsed back with libical (VTIMEZONE, TZID, RRULE, UID,
 * SEQUENCE, STATUS). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <libical/ical.h>

#include "calendar/event.h"
#include "core/mdg.h"

static long day(const char *s)
{
	return event_day_parse(s);
}

static void test_days(void **state)
{
	(void)state;
	int y, m, d;
	char text[11];
	assert_int_equal(day("1970-01-01"), 0);
	assert_int_equal(day("2026-12-07") - day("2026-11-30"), 7);
	assert_int_equal(day("2028-03-01") - day("2028-02-28"), 2); /* leap year */
	assert_int_equal(day("2026-02-29"), -1);
	assert_int_equal(day("2026-13-01"), -1);
	assert_int_equal(day("20261207"), -1);
	assert_int_equal(day(NULL), -1);
	event_day_civil(day("2026-12-31"), &y, &m, &d);
	assert_int_equal(y * 10000 + m * 100 + d, 20261231);
	event_day_text(day("2030-07-04"), text);
	assert_string_equal(text, "2030-07-04");
}

static void test_weekly(void **state)
{
	(void)state;
	long out[20];
	event_rule once = {RECUR_NONE, -1, 0};
	assert_int_equal(event_occurrences(day("2026-12-10"), &once, day("2026-12-01"), day("2026-12-31"), out, 20), 1);
	assert_int_equal(event_occurrences(day("2026-12-10"), &once, day("2027-01-01"), day("2027-01-31"), out, 20), 0);
	event_rule weekly = {RECUR_WEEKLY, -1, 0};
	int n = event_occurrences(day("2026-11-26"), &weekly, day("2026-12-01"), day("2026-12-31"), out, 20);
	assert_int_equal(n, 5); /* 3, 10, 17, 24, 31 December */
	assert_int_equal(out[0], day("2026-12-03"));
	assert_int_equal(out[4], day("2026-12-31"));
	event_rule count = {RECUR_WEEKLY, -1, 3}; /* 26 Nov, 3 and 10 Dec */
	assert_int_equal(event_occurrences(day("2026-11-26"), &count, day("2026-12-01"), day("2026-12-31"), out, 20), 2);
	event_rule until = {RECUR_WEEKLY, day("2026-12-17"), 0};
	assert_int_equal(event_occurrences(day("2026-11-26"), &until, day("2026-12-01"), day("2026-12-31"), out, 20), 3);
	/* max bounds the answer */
	assert_int_equal(event_occurrences(day("2026-11-26"), &weekly, day("2026-12-01"), day("2026-12-31"), out, 2), 2);
}

/* Which occurrence an answer is to: a day of the series, and the one a
 * page shows by default (the next, else the last). */
static void test_occurrence(void **state)
{
	(void)state;
	event e;
	memset(&e, 0, sizeof e);
	snprintf(e.starts_at, sizeof e.starts_at, "%s", "2026-11-26 19:00:00");
	e.rule = (event_rule){RECUR_WEEKLY, -1, 3}; /* 26 Nov, 3 and 10 Dec */
	assert_true(event_occurs_on(&e, day("2026-12-03")));
	assert_false(event_occurs_on(&e, day("2026-12-04")));
	assert_false(event_occurs_on(&e, day("2026-12-17")));
	assert_false(event_occurs_on(&e, -1));
	assert_int_equal(event_occurrence_default(&e, day("2026-11-01")), day("2026-11-26"));
	assert_int_equal(event_occurrence_default(&e, day("2026-11-27")), day("2026-12-03"));
	assert_int_equal(event_occurrence_default(&e, day("2026-12-10")), day("2026-12-10"));
	assert_int_equal(event_occurrence_default(&e, day("2027-01-01")), day("2026-12-10"));
	e.rule = (event_rule){RECUR_NONE, -1, 0};
	assert_int_equal(event_occurrence_default(&e, day("2027-01-01")), day("2026-11-26"));
}

static void test_monthly(void **state)
{
	(void)state;
	long out[20];
	event_rule monthly = {RECUR_MONTHLY, -1, 0};
	/* the 31st: only months that have one */
	int n = event_occurrences(day("2027-01-31"), &monthly, day("2027-01-01"), day("2027-06-30"), out, 20);
	assert_int_equal(n, 3); /* January, March, May */
	assert_int_equal(out[1], day("2027-03-31"));
	assert_int_equal(out[2], day("2027-05-31"));
	/* a count counts only real occurrences */
	event_rule count = {RECUR_MONTHLY, -1, 3};
	n = event_occurrences(day("2027-01-31"), &count, day("2027-01-01"), day("2027-12-31"), out, 20);
	assert_int_equal(n, 3);
	assert_int_equal(out[2], day("2027-05-31"));
	/* across a year */
	assert_int_equal(event_last_day(day("2027-01-31"), &count), day("2027-05-31"));
	event_rule once = {RECUR_NONE, -1, 0};
	assert_int_equal(event_last_day(day("2027-01-31"), &once), day("2027-01-31"));
	event_rule weekly = {RECUR_WEEKLY, -1, 0}; /* 500 times at most */
	assert_int_equal(event_last_day(day("2027-01-07"), &weekly), day("2027-01-07") + 7 * (EVENT_COUNT_MAX - 1));
	event_rule until = {RECUR_MONTHLY, day("2027-02-15"), 0};
	n = event_occurrences(day("2026-11-15"), &until, day("2026-01-01"), day("2027-12-31"), out, 20);
	assert_int_equal(n, 4);
	assert_int_equal(out[3], day("2027-02-15"));
}

static void test_input_check(void **state)
{
	(void)state;
	const char *field;
	event_input in = {"모임", "주민센터", "", "2026-12-10 19:00:00", "2026-12-10 21:00:00", {RECUR_NONE, -1, 0}};
	assert_int_equal(event_input_check(&in, &field), MDG_OK);
	in.ends_at = "2026-12-10 19:00:00";
	assert_int_equal(event_input_check(&in, &field), MDG_EINVAL);
	assert_string_equal(field, "ends_at");
	in.ends_at = "2026-12-10 21:00:00";
	in.rule.count = 3; /* a count without a recurrence */
	assert_int_equal(event_input_check(&in, &field), MDG_EINVAL);
	in.rule.freq = RECUR_WEEKLY;
	assert_int_equal(event_input_check(&in, &field), MDG_OK);
	in.rule.until_day = day("2027-01-01"); /* both */
	assert_int_equal(event_input_check(&in, &field), MDG_EINVAL);
	in.rule.count = 0;
	in.rule.until_day = day("2026-12-01"); /* before the start */
	assert_int_equal(event_input_check(&in, &field), MDG_EINVAL);
	assert_string_equal(field, "recur_until");
	in.rule.until_day = -1;
	in.title = "";
	assert_int_equal(event_input_check(&in, &field), MDG_EINVAL);
	assert_string_equal(field, "title");
}

static void test_ical(void **state)
{
	(void)state;
	event e[2];
	memset(e, 0, sizeof e);
	e[0].id = 7;
	snprintf(e[0].title, sizeof e[0].title, "%s", "주민 모임, 12월; \"정기\"");
	snprintf(e[0].place, sizeof e[0].place, "%s", "주민센터 2층");
	e[0].description = "첫 줄\n둘째 줄";
	snprintf(e[0].starts_at, sizeof e[0].starts_at, "%s", "2026-12-10 19:00:00");
	snprintf(e[0].ends_at, sizeof e[0].ends_at, "%s", "2026-12-10 21:00:00");
	snprintf(e[0].created_at, sizeof e[0].created_at, "%s", "2026-12-01 09:00:00");
	snprintf(e[0].updated_at, sizeof e[0].updated_at, "%s", "2026-12-02 08:30:00");
	e[0].rule = (event_rule){RECUR_WEEKLY, day("2027-01-28"), 0};
	e[0].sequence = 2;
	e[1] = e[0];
	e[1].id = 8;
	e[1].description = "";
	e[1].rule = (event_rule){RECUR_MONTHLY, -1, 5};
	e[1].cancelled = true;
	e[1].sequence = 1;
	char *text = event_ical(e, 2, "동네모임", "https://madang.example.kr", "dongne");
	assert_non_null(text);
	assert_non_null(strstr(text, "BEGIN:VTIMEZONE"));
	assert_non_null(strstr(text, "DTSTART;TZID=Asia/Seoul:20261210T190000"));
	icalcomponent *cal = icalparser_parse_string(text);
	assert_non_null(cal);
	assert_int_equal(icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), 2);
	assert_int_equal(icalcomponent_count_components(cal, ICAL_VTIMEZONE_COMPONENT), 1);
	icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	assert_string_equal(icalcomponent_get_uid(ev), "event-7@madang.example.kr");
	assert_string_equal(icalcomponent_get_summary(ev), "주민 모임, 12월; \"정기\"");
	assert_string_equal(icalcomponent_get_location(ev), "주민센터 2층");
	assert_string_equal(icalcomponent_get_description(ev), "첫 줄\n둘째 줄");
	assert_int_equal(icalcomponent_get_sequence(ev), 2);
	struct icaltimetype stamp = icalcomponent_get_dtstamp(ev);
	assert_true(icaltime_is_utc(stamp));
	assert_int_equal(stamp.hour, 23); /* 08:30 in Seoul is 23:30 UTC the day before */
	assert_int_equal(stamp.day, 1);
	icalproperty *start = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
	icalparameter *tzid = icalproperty_get_first_parameter(start, ICAL_TZID_PARAMETER);
	assert_string_equal(icalparameter_get_tzid(tzid), "Asia/Seoul");
	struct icalrecurrencetype rule =
	    icalproperty_get_rrule(icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY));
	assert_int_equal(rule.freq, ICAL_WEEKLY_RECURRENCE);
	assert_int_equal(rule.until.year, 2027);
	assert_int_equal(rule.until.hour, 14); /* the end of the 28th in Seoul */
	assert_int_equal(icalcomponent_get_status(ev), ICAL_STATUS_CONFIRMED);
	ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT);
	assert_int_equal(icalcomponent_get_status(ev), ICAL_STATUS_CANCELLED);
	rule = icalproperty_get_rrule(icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY));
	assert_int_equal(rule.freq, ICAL_MONTHLY_RECURRENCE);
	assert_int_equal(rule.count, 5);
	/* libical's own expansion agrees with ours: 10 Dec to 28 Jan, weekly */
	ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	rule = icalproperty_get_rrule(icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY));
	icalrecur_iterator *it = icalrecur_iterator_new(rule, icalcomponent_get_dtstart(ev));
	int n = 0;
	while (!icaltime_is_null_time(icalrecur_iterator_next(it)))
		n++;
	icalrecur_iterator_free(it);
	long out[20];
	assert_int_equal(n, event_occurrences(day("2026-12-10"), &e[0].rule, day("2026-01-01"), day("2030-01-01"), out, 20));
	icalcomponent_free(cal);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_days),       cmocka_unit_test(test_weekly), cmocka_unit_test(test_monthly),
		cmocka_unit_test(test_input_check), cmocka_unit_test(test_ical),   cmocka_unit_test(test_occurrence),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
