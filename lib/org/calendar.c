/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* calendar.c: working days with the institution's holidays. */
#include "org/calendar.h"
#include "core/bizdays.h"
#include "core/mdg.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>

/* The holidays this process read last and what they were read for: the
 * version of the holidays (holidays_version, moved by every change,
 * 0017_holidays_version.sql) and the day their window starts from.
 * Workers are single-threaded processes: one cache each, each checking
 * the version before every use, so a change reaches all of them. */
static struct {
	long long version; /* 0: nothing read */
	long today;        /* YYYYMMDD */
	long *days;        /* YYYYMMDD, sorted */
	size_t ndays;
} cache;

/* Reads the holidays from a week before today to two years after it
 * into the cache, for version. */
static int cache_fill(db *d, long long version, long today)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT DATE_FORMAT(day, '%Y%m%d') AS day FROM holidays"
				 " WHERE day >= CURDATE() - INTERVAL 7 DAY AND day <= CURDATE() + INTERVAL 2 YEAR"
				 " ORDER BY day",
			  DB_NO_ARGS);
	if (rc != MDG_OK)
		return rc;
	free(cache.days);
	cache.days = xcalloc(r->nrows ? r->nrows : 1, sizeof *cache.days);
	for (unsigned i = 0; i < r->nrows; i++)
		cache.days[i] = (long)db_get_ll(r, i, "day", 0);
	cache.ndays = r->nrows;
	cache.version = version;
	cache.today = today;
	db_result_free(r);
	return MDG_OK;
}

/* The holidays around day (YYYYMMDD, today), read again only when they
 * changed (version) or the day did. */
static int calendar_cal(db *d, long day, long long version, bizdate *today, bizcal *cal)
{
	int rc = MDG_OK;
	if (biz_from_number(day, today) != MDG_OK)
		return MDG_ERR;
	/* Version 0: no counter to trust; read them every time. */
	if (version == 0 || version != cache.version || day != cache.today)
		rc = cache_fill(d, version, day);
	*cal = (bizcal){cache.days, cache.ndays};
	return rc;
}

int calendar_deadline(db *d, int workdays, char out[20])
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT " CALENDAR_TODAY_COLS, DB_NO_ARGS);
	if (rc != MDG_OK)
		return rc;
	rc = calendar_deadline_from(d, db_get_ll(r, 0, "calendar_today", 0), db_get_ll(r, 0, "calendar_version", 0),
				    workdays, out);
	db_result_free(r);
	return rc;
}

int calendar_deadline_from(db *d, long long today_number, long long version, int workdays, char out[20])
{
	bizcal cal;
	bizdate today;
	int rc = calendar_cal(d, (long)today_number, version, &today, &cal);
	if (rc != MDG_OK)
		return rc;
	bizdate due = biz_add_workdays(&cal, today, workdays);
	/* The end of the office day of the last working day. */
	snprintf(out, 20, "%04u-%02u-%02u 18:00:00", (unsigned)due.year % 10000u, (unsigned)due.month % 100u,
		 (unsigned)due.day % 100u);
	return MDG_OK;
}

int calendar_holidays(db *d, const char *from, const char *until, long **days, size_t *n)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT DATE_FORMAT(day, '%Y%m%d') AS day FROM holidays"
				 " WHERE day >= ? AND day < ? ORDER BY day",
			  DB_ARGS(DB_STR(from), DB_STR(until)));
	if (rc != MDG_OK)
		return rc;
	*days = xcalloc(r->nrows ? r->nrows : 1, sizeof **days);
	for (unsigned i = 0; i < r->nrows; i++)
		(*days)[i] = (long)db_get_ll(r, i, "day", 0);
	*n = r->nrows;
	db_result_free(r);
	return MDG_OK;
}
