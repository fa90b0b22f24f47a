/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* calendar.c: working days with the institution's holidays. */
#include "org/calendar.h"
#include "core/bizdays.h"
#include "core/mdg.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>

/* The holidays from a week ago to two years ahead. The caller frees
 * cal->holidays. */
static int holidays_load(db *d, bizcal *cal)
{
	db_result *r = NULL;
	long *days = NULL;
	cal->holidays = NULL;
	cal->nholidays = 0;
	int rc = db_query(d, &r, "SELECT DATE_FORMAT(day, '%Y%m%d') AS day FROM holidays"
				 " WHERE day >= CURDATE() - INTERVAL 7 DAY AND day <= CURDATE() + INTERVAL 2 YEAR"
				 " ORDER BY day",
			  DB_NO_ARGS);
	if (rc != MDG_OK)
		return rc;
	days = xcalloc(r->nrows ? r->nrows : 1, sizeof *days);
	for (unsigned i = 0; i < r->nrows; i++)
		days[i] = (long)db_get_ll(r, i, "day", 0);
	cal->holidays = days;
	cal->nholidays = r->nrows;
	db_result_free(r);
	return MDG_OK;
}

int calendar_deadline(db *d, int workdays, char out[20])
{
	db_result *r = NULL;
	bizcal cal;
	bizdate today;
	int rc = db_query(d, &r, "SELECT DATE_FORMAT(CURDATE(), '%Y%m%d') AS today", DB_NO_ARGS);
	if (rc != MDG_OK)
		return rc;
	rc = biz_from_number((long)db_get_ll(r, 0, "today", 0), &today);
	db_result_free(r);
	if (rc != MDG_OK)
		return MDG_ERR;
	rc = holidays_load(d, &cal);
	if (rc != MDG_OK)
		return rc;
	bizdate due = biz_add_workdays(&cal, today, workdays);
	free((void *)cal.holidays);
	/* The end of the office day of the last working day. */
	snprintf(out, 20, "%04u-%02u-%02u 18:00:00", (unsigned)due.year % 10000u, (unsigned)due.month % 100u,
		 (unsigned)due.day % 100u);
	return MDG_OK;
}
