/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* holiday.c: the holiday calendar: list, add and remove, audited. */
#include "org/holiday.h"
#include "db/sql.h"
#include "core/mdg.h"

#include <stdio.h>

int holiday_year_now(db *d, int *year)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT YEAR(CURDATE()) AS year", DB_NO_ARGS);
	if (rc == MDG_OK)
		*year = (int)db_get_ll(r, 0, "year", 2026);
	db_result_free(r);
	return rc;
}

int holiday_list(db *d, int year, db_result **out)
{
	/* A range on the primary key rather than YEAR(day), which no index serves. */
	char from[32], to[32];
	snprintf(from, sizeof from, "%04d-01-01", year);
	snprintf(to, sizeof to, "%04d-01-01", year + 1);
	return db_query(d, out, "SELECT " SQL_DAY("day") " AS day, name, DAYOFWEEK(day) - 1 AS weekday FROM holidays"
				" WHERE day >= ? AND day < ? ORDER BY day",
			DB_ARGS(DB_STR(from), DB_STR(to)));
}

/* Ends the transaction of a change: commits when rc is MDG_OK. */
static int finish(db *d, int rc)
{
	if (rc == MDG_OK)
		rc = db_commit(d);
	if (rc != MDG_OK)
		db_rollback(d);
	return rc;
}

int holiday_add(db *d, const actor *who, const char *day, const char *name)
{
	int rc = db_begin(d);
	if (rc != MDG_OK)
		return rc;
	rc = db_exec(d, "INSERT INTO holidays (day, name) VALUES (?, ?)", DB_ARGS(DB_STR(day), DB_STR(name)));
	if (rc == MDG_OK)
		rc = audit_write(d, who, "holiday", day, "create", name);
	return finish(d, rc);
}

int holiday_remove(db *d, const actor *who, const char *day)
{
	db_result *r = NULL;
	int rc = db_begin(d);
	if (rc != MDG_OK)
		return rc;
	/* The name goes to the log, so that it says what was removed. */
	rc = db_query(d, &r, "SELECT name FROM holidays WHERE day = ? FOR UPDATE", DB_ARGS(DB_STR(day)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		rc = db_exec(d, "DELETE FROM holidays WHERE day = ?", DB_ARGS(DB_STR(day)));
	if (rc == MDG_OK)
		rc = audit_write(d, who, "holiday", day, "delete", db_get(r, 0, "name", NULL));
	db_result_free(r);
	return finish(d, rc);
}
