/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* bizdays.h: business-day arithmetic for case deadlines: weekends and an
 * administrator-edited holiday calendar are not working days. */
#ifndef MDG_BIZDAYS_H
#define MDG_BIZDAYS_H
#include <stdbool.h>
#include <stddef.h>

/* A calendar date. */
typedef struct bizdate {
	int year, month, day;
} bizdate;

/* Holidays as a sorted array of YYYYMMDD numbers (20261225). */
typedef struct bizcal {
	const long *holidays;
	size_t nholidays;
} bizcal;

/* YYYYMMDD for a date, and back. biz_from_number is MDG_EINVAL for a
 * number that is not a real date. */
long biz_number(bizdate d);
int biz_from_number(long n, bizdate *out);
/* Parses "YYYY-MM-DD" exactly. MDG_OK or MDG_EINVAL. */
int biz_parse(const char *s, bizdate *out);
/* 0 = Sunday … 6 = Saturday. */
int biz_weekday(bizdate d);
bool biz_is_workday(const bizcal *cal, bizdate d);
/* The date n calendar days after d (n may be negative). */
bizdate biz_add_calendar(bizdate d, long n);
/* The nth working day after d, d itself not counted (the day a case is
 * filed is not a day of its handling period): filed Friday with n = 1 →
 * the next Monday, or the next working day after a holiday Monday. n = 0
 * gives d if it is a working day, else the next working day. */
bizdate biz_add_workdays(const bizcal *cal, bizdate d, int n);
/* Working days from a to b: how many working days d with a < d <= b. */
int biz_workdays_between(const bizcal *cal, bizdate a, bizdate b);

#endif
