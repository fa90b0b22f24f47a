/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* calendar.h: the institution's working days: Monday to Friday, except
 * the holidays administrators keep (org/holiday.h). Case deadlines and
 * the dates promised to citizens count working days. */
#ifndef MDG_CALENDAR_H
#define MDG_CALENDAR_H
#include "db/db.h"

/* The end of the office day (18:00) of the workdays-th working day after
 * today (the database's date; today itself is not counted), as
 * "YYYY-MM-DD 18:00:00" into out[20]. Holidays count from a week ago to
 * two years ahead; the process keeps them until they change (or the day
 * does), checking their version on each call. */
int calendar_deadline(db *d, int workdays, char out[20]);

/* What calendar_deadline reads before each use: today (the database's
 * date, YYYYMMDD) and the holidays' version, as the columns
 * calendar_today and calendar_version, for a caller's own query... */
#define CALENDAR_TODAY_COLS                                                                                  \
	"DATE_FORMAT(CURDATE(), '%Y%m%d') AS calendar_today,"                                                  \
	" (SELECT version FROM holidays_version WHERE id = 1) AS calendar_version"
/* ...to save the statement: calendar_deadline with those two values. */
int calendar_deadline_from(db *d, long long today, long long version, int workdays, char out[20]);
/* The holidays from from to before until ("YYYY-MM-DD"), as sorted
 * YYYYMMDD numbers in a new array *days (the caller frees it) of *n: for
 * counting working days in the past (reports). */
int calendar_holidays(db *d, const char *from, const char *until, long **days, size_t *n);

#endif
