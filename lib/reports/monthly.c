/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* monthly.c: the monthly report mailed to the department managers. */
#include "reports/monthly.h"
#include "core/mdg.h"
#include "notify/notice.h"
#include "org/calendar.h"
#include "org/perm.h"
#include "reports/analysis.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Today (the database's date, which `madangctl tick --now` sets) and
 * whether the report of the month before is due: today is the month's
 * first working day or later, and the month is not done yet. */
static int monthly_due(db *d, bizdate *today, bool *due)
{
	db_result *r = NULL;
	long *days = NULL;
	size_t ndays = 0;
	char first[11], until[11];
	*due = false;
	int rc = db_query(d, &r, "SELECT DATE_FORMAT(CURDATE(), '%Y%m%d') AS today,"
				 " (SELECT COUNT(*) FROM report_monthly_runs"
				 "  WHERE month = DATE_FORMAT(CURDATE() - INTERVAL 1 MONTH, '%Y-%m')) AS done",
			  DB_NO_ARGS);
	if (rc != MDG_OK)
		return rc;
	bool done = db_get_ll(r, 0, "done", 0) > 0;
	rc = biz_from_number((long)db_get_ll(r, 0, "today", 0), today) == MDG_OK ? MDG_OK : MDG_ERR;
	db_result_free(r);
	if (rc != MDG_OK || done || today->day > 20)
		return rc;
	/* The first working day: the first one after the month's eve. */
	snprintf(first, sizeof first, "%04d-%02d-01", today->year, today->month);
	snprintf(until, sizeof until, "%04d-%02d-21", today->year, today->month);
	rc = calendar_holidays(d, first, until, &days, &ndays);
	if (rc != MDG_OK)
		return rc;
	bizcal cal = {days, ndays};
	bizdate start = biz_add_workdays(&cal, biz_add_calendar((bizdate){today->year, today->month, 1}, -1), 1);
	*due = biz_number(*today) >= biz_number(start);
	free(days);
	return MDG_OK;
}

/* Last month's figures of the departments a manager manages into
 * payload's members. */
static int manager_figures(db *d, long long account_id, const report_period *month, const char *lang,
			   json_t *payload)
{
	staff_perm perm = {0};
	analysis a = {0};
	db_result *names = NULL;
	char *ids = NULL, avg[16];
	int rc = perm_load(d, account_id, &perm);
	if (rc != MDG_OK)
		return rc;
	ids = perm_departments(&perm, PERM_MANAGER);
	analysis_filter f = {.period = *month, .dept_ids = ids ? ids : "", .lang = lang, .group = GROUP_NONE};
	rc = analysis_run(d, &f, &a);
	if (rc != MDG_OK)
		goto done;
	/* The departments of the roles (their sub-departments are in the
	 * figures). */
	rc = db_query(d, &names, "SELECT GROUP_CONCAT(IF(? = 'en', dp.name_en, dp.name_ko) ORDER BY dp.id SEPARATOR ', ')"
				 " AS names FROM staff_roles r JOIN departments dp ON dp.id = r.department_id"
				 " WHERE r.account_id = ? AND r.role = 'manager'",
		      DB_ARGS(DB_STR(lang), DB_INT(account_id)));
	if (rc != MDG_OK)
		goto done;
	analysis_average(&a.total, avg, sizeof avg);
	json_object_set_new(payload, "department", json_string(db_get(names, 0, "names", "")));
	json_object_set_new(payload, "received", json_integer(a.total.received));
	json_object_set_new(payload, "answered", json_integer(a.total.answered));
	json_object_set_new(payload, "open", json_integer(a.total.open));
	json_object_set_new(payload, "overdue", json_integer(a.total.overdue));
	json_object_set_new(payload, "late", json_integer(a.total.late));
	json_object_set_new(payload, "average", json_string(avg));
done:
	db_result_free(names);
	analysis_free(&a);
	free(ids);
	perm_free(&perm);
	return rc;
}

/* One manager's monthly notice: notice_tx's arguments. */
struct report_notice {
	long long account_id;
	json_t *payload;
	const char *key;
};

/* The transaction of one manager's monthly notice (db_transaction). */
static int notice_tx(db *d, void *arg)
{
	const struct report_notice *t = arg;
	return notice_account(d, t->account_id, NOTICE_REPORT_MONTHLY, t->payload, t->key);
}

int report_monthly_scan(db *d, long *made)
{
	db_result *managers = NULL;
	bizdate today;
	bool due;
	report_period month;
	char name[8], link[96], key[64];
	*made = 0;
	int rc = monthly_due(d, &today, &due);
	if (rc != MDG_OK || !due)
		return rc;
	bizdate last = biz_add_calendar((bizdate){today.year, today.month, 1}, -1);
	analysis_period_around(GROUP_MONTH, last, &month);
	snprintf(name, sizeof name, "%.7s", month.from);
	snprintf(link, sizeof link, "/staff/reports?period=month&at=%s&group=department", month.from);
	rc = db_query(d, &managers, "SELECT DISTINCT a.id AS id, IFNULL(a.lang, 'ko') AS lang FROM staff_roles r"
				    " JOIN accounts a ON a.id = r.account_id"
				    " WHERE r.role = 'manager' AND r.department_id IS NOT NULL"
				    " AND a.kind = 'staff' AND a.active = 1 ORDER BY a.id",
		      DB_NO_ARGS);
	for (unsigned i = 0; rc == MDG_OK && i < managers->nrows; i++) {
		long long id = db_get_ll(managers, i, "id", 0);
		json_t *payload = json_pack("{s:s, s:s}", "link", link, "month", name);
		rc = manager_figures(d, id, &month, db_get(managers, i, "lang", "ko"), payload);
		snprintf(key, sizeof key, "report_monthly:%s:%lld", name, id);
		struct report_notice t = {.account_id = id, .payload = payload, .key = key};
		if (rc == MDG_OK)
			rc = db_transaction(d, notice_tx, &t);
		if (rc == MDG_OK)
			(*made)++;
		json_decref(payload);
	}
	if (rc == MDG_OK)
		rc = db_exec(d, "INSERT IGNORE INTO report_monthly_runs (month, done_at) VALUES (?, NOW())",
			     DB_ARGS(DB_STR(name)));
	db_result_free(managers);
	return rc;
}
