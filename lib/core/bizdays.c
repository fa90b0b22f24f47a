/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* bizdays.c: business-day arithmetic on the proleptic Gregorian calendar
 * (days counted from 1970-01-01, so no time zone or DST can shift them). */
#include "core/bizdays.h"
#include "core/mdg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Days since 1970-01-01 of a civil date (H. Hinnant's algorithm). */
static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static bizdate civil_from_days(long z)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	bizdate out;
	out.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	out.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	out.year = (int)(y + (out.month <= 2));
	return out;
}

long biz_number(bizdate d)
{
	return (long)d.year * 10000 + d.month * 100 + d.day;
}

int biz_from_number(long n, bizdate *out)
{
	bizdate d = {(int)(n / 10000), (int)(n / 100 % 100), (int)(n % 100)};
	if (d.year < 1900 || d.year > 9999 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31)
		return MDG_EINVAL;
	/* A round trip rejects 2026-02-30 and the like. */
	bizdate back = civil_from_days(days_from_civil(d.year, d.month, d.day));
	if (back.year != d.year || back.month != d.month || back.day != d.day)
		return MDG_EINVAL;
	*out = d;
	return MDG_OK;
}

int biz_parse(const char *s, bizdate *out)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return MDG_EINVAL;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return MDG_EINVAL;
	long n = atol(s) * 10000 + atol(s + 5) * 100 + atol(s + 8);
	return biz_from_number(n, out);
}

int biz_weekday(bizdate d)
{
	long z = days_from_civil(d.year, d.month, d.day);
	/* 1970-01-01 was a Thursday (4). */
	return (int)(((z % 7) + 7 + 4) % 7);
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

bool biz_is_workday(const bizcal *cal, bizdate d)
{
	int wd = biz_weekday(d);
	if (wd == 0 || wd == 6)
		return false;
	long key = biz_number(d);
	return !(cal && cal->nholidays &&
		 bsearch(&key, cal->holidays, cal->nholidays, sizeof key, cmp_long));
}

bizdate biz_add_calendar(bizdate d, long n)
{
	return civil_from_days(days_from_civil(d.year, d.month, d.day) + n);
}

bizdate biz_add_workdays(const bizcal *cal, bizdate d, int n)
{
	if (n <= 0) {
		while (!biz_is_workday(cal, d))
			d = biz_add_calendar(d, 1);
		return d;
	}
	while (n > 0) {
		d = biz_add_calendar(d, 1);
		if (biz_is_workday(cal, d))
			n--;
	}
	return d;
}

int biz_workdays_between(const bizcal *cal, bizdate a, bizdate b)
{
	int count = 0;
	long from = days_from_civil(a.year, a.month, a.day);
	long to = days_from_civil(b.year, b.month, b.day);
	for (long z = from + 1; z <= to; z++)
		if (biz_is_workday(cal, civil_from_days(z)))
			count++;
	return count;
}
