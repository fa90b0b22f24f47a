/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* holiday.h: the holiday calendar administrators edit; besides weekends,
 * these days do not count towards case deadlines (org/calendar.h). Every
 * change moves holidays_version (triggers, 0017_holidays_version.sql),
 * which tells each worker's cached holidays that they are out of date. */
#ifndef MDG_HOLIDAY_H
#define MDG_HOLIDAY_H
#include "db/db.h"
#include "org/audit.h"

#define HOLIDAY_NAME_MAX 100   /* characters */

/* The current year by the database's clock. */
int holiday_year_now(db *d, int *year);
/* The holidays of year in date order: day ("YYYY-MM-DD"), name, weekday
 * (0 = Sunday … 6 = Saturday). */
int holiday_list(db *d, int year, db_result **out);
/* Adds day ("YYYY-MM-DD", a real date checked by the caller) with its
 * name, audited. MDG_ECONFLICT when the day is already a holiday. */
int holiday_add(db *d, const actor *who, const char *day, const char *name);
/* Removes day, audited. MDG_ENOTFOUND when it is not a holiday. */
int holiday_remove(db *d, const actor *who, const char *day);

#endif
