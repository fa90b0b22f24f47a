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

/* holiday_add's and holiday_remove's arguments, for their transactions. */
struct holiday_change {
	const actor *who;
	const char *day, *name;
};

/* The transaction of holiday_add (db_transaction). */
static int add_tx(db *d, void *arg)
{
	const struct holiday_change *t = arg;
	int rc = db_exec(d, "INSERT INTO holidays (day, name) VALUES (?, ?)", DB_ARGS(DB_STR(t->day), DB_STR(t->name)));
	if (rc == MDG_OK)
		rc = audit_write(d, t->who, "holiday", t->day, "create", t->name);
	return rc;
}

int holiday_add(db *d, const actor *who, const char *day, const char *name)
{
	struct holiday_change t = {.who = who, .day = day, .name = name};
	return db_transaction(d, add_tx, &t);
}

/* The transaction of holiday_remove (db_transaction). */
static int remove_tx(db *d, void *arg)
{
	const struct holiday_change *t = arg;
	db_result *r = NULL;
	/* The name goes to the log, so that it says what was removed. */
	int rc = db_query(d, &r, "SELECT name FROM holidays WHERE day = ? FOR UPDATE", DB_ARGS(DB_STR(t->day)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		rc = db_exec(d, "DELETE FROM holidays WHERE day = ?", DB_ARGS(DB_STR(t->day)));
	if (rc == MDG_OK)
		rc = audit_write(d, t->who, "holiday", t->day, "delete", db_get(r, 0, "name", NULL));
	db_result_free(r);
	return rc;
}

int holiday_remove(db *d, const actor *who, const char *day)
{
	struct holiday_change t = {.who = who, .day = day};
	return db_transaction(d, remove_tx, &t);
}
