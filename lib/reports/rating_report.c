/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* rating_report.c: the ratings' figures per department and handler. */
#include "reports/rating_report.h"
#include "core/mdg.h"

#include <stdio.h>

int report_ratings_by_department(db *d, const report_period *p, db_result **out)
{
	/* ix_satisfaction_rated finds the period's ratings; their cases by
	 * primary key. */
	return db_query(d, out, "SELECT c.department_id AS department_id, COUNT(*) AS ratings, SUM(s.rating) AS"
				" rating_sum FROM satisfaction s"
				" JOIN cases c ON c.id = s.case_id"
				" WHERE s.rated_at >= ? AND s.rated_at < ? GROUP BY c.department_id",
			DB_ARGS(DB_STR(p->from), DB_STR(p->until)));
}

int report_ratings_by_handler(db *d, const report_period *p, const char *dept_ids, db_result **out)
{
	return db_query(d, out, "SELECT ch.department_id AS department_id, ch.account_id AS account_id, COUNT(*) AS"
				" ratings,"
				" SUM(s.rating) AS rating_sum"
				" FROM satisfaction s JOIN case_handlers ch ON ch.case_id = s.case_id"
				" WHERE s.rated_at >= ? AND s.rated_at < ? AND FIND_IN_SET(ch.department_id, ?) > 0"
				" GROUP BY ch.department_id, ch.account_id",
			DB_ARGS(DB_STR(p->from), DB_STR(p->until), DB_STR(dept_ids)));
}

void report_rating_average(long long n, long long sum, char *out, size_t outlen)
{
	if (n <= 0) {
		snprintf(out, outlen, "%s", "");
		return;
	}
	/* Rounded half up at one decimal, in whole numbers: no float surprises. */
	long long tenths = (sum * 100 / n + 5) / 10;
	snprintf(out, outlen, "%lld.%lld", tenths / 10, tenths % 10);
}
