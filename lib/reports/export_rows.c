/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* export_rows.c: the cases of the managers' report, row by row, for the
 * raw exports (export_rows.h). */
#include "reports/export_rows.h"
#include "core/bizdays.h"
#include "core/mdg.h"
#include "org/calendar.h"

#include <stdlib.h>
#include <string.h>

#define MINUTE_FORMAT "'%Y-%m-%d %H:%i'"

/* One batch: the cases after the last id seen that the filters select,
 * filed in the period. Keyset paging on the primary key: each batch is a
 * range read of cases from where the last stopped, however far along the
 * export is. The cases are read first, in the primary key's order (left
 * to itself, the optimiser started from the ten categories and sorted a
 * million rows for each batch: 29 s instead of 0.2 s per batch). */
static const char batch_sql[] =
	"SELECT STRAIGHT_JOIN c.id AS id, c.tracking_no AS tracking, DATE_FORMAT(c.created_at, " MINUTE_FORMAT ") AS filed,"
	" IFNULL(IF(? = 'en', d.name_en, d.name_ko), '') AS department,"
	" IF(? = 'en', g.name_en, g.name_ko) AS category, c.channel AS channel, c.status AS status,"
	" c.kind AS kind, IFNULL(DATE_FORMAT(c.due_at, " MINUTE_FORMAT "), '') AS due,"
	" IFNULL(DATE_FORMAT(c.answered_at, " MINUTE_FORMAT "), '') AS answered,"
	" IFNULL(c.answered_at > c.due_at, 0) AS late, DATE_FORMAT(c.created_at, '%Y%m%d') AS filed_day,"
	" IFNULL(DATE_FORMAT(c.answered_at, '%Y%m%d'), 0) AS answered_day"
	" FROM cases c FORCE INDEX (PRIMARY) LEFT JOIN departments d ON d.id = c.department_id JOIN categories g ON g.id = c.category_id"
	" WHERE c.id > ? AND c.created_at >= CAST(? AS DATETIME) AND c.created_at < CAST(? AS DATETIME)"
	" AND (? IS NULL OR FIND_IN_SET(c.department_id, ?) > 0)"
	" AND (? = 0 OR c.category_id = ?) AND (? = '' OR c.channel = ?)"
	" AND (? = '' OR c.status = ?) AND (? = '' OR c.kind = ?)"
	" AND (? = 0 OR EXISTS (SELECT 1 FROM case_handlers hf WHERE hf.case_id = c.id AND hf.account_id = ?))"
	" ORDER BY c.id LIMIT ?";

/* The handlers of the cases of a batch (ids first to last), by case id:
 * one range of case_handlers' primary key instead of a lookup per case
 * (a third of the batch's time). Only the handlers of the departments
 * reported on, as the report's handler figures count them: a joint
 * department's handler is not named to a reader outside it. */
static const char handlers_sql[] =
	"SELECT h.case_id AS case_id, GROUP_CONCAT(a.name ORDER BY a.name SEPARATOR ', ') AS names"
	" FROM case_handlers h JOIN accounts a ON a.id = h.account_id"
	" WHERE h.case_id BETWEEN ? AND ? AND (? IS NULL OR FIND_IN_SET(h.department_id, ?) > 0)"
	" GROUP BY h.case_id ORDER BY h.case_id";

/* Reads row i of a batch into *out, with its working days. */
static void row_read(const db_result *r, unsigned i, const bizcal *cal, export_row *out)
{
	bizdate filed, answered;
	out->tracking = db_get(r, i, "tracking", "");
	out->filed = db_get(r, i, "filed", "");
	out->department = db_get(r, i, "department", "");
	out->handlers = "";
	out->category = db_get(r, i, "category", "");
	out->channel = db_get(r, i, "channel", "");
	out->status = db_get(r, i, "status", "");
	out->kind = db_get(r, i, "kind", "");
	out->due = db_get(r, i, "due", "");
	out->answered = db_get(r, i, "answered", "");
	out->late = db_get_ll(r, i, "late", 0) != 0;
	out->workdays = -1;
	if (*out->answered && biz_from_number((long)db_get_ll(r, i, "filed_day", 0), &filed) == MDG_OK &&
	    biz_from_number((long)db_get_ll(r, i, "answered_day", 0), &answered) == MDG_OK)
		out->workdays = biz_workdays_between(cal, filed, answered);
}

int export_rows_each(db *d, const analysis_filter *f, int (*put)(void *ctx, const export_row *row), void *ctx,
		     long long *count)
{
	const char *lang = f->lang ? f->lang : "ko", *channel = f->channel ? f->channel : "";
	const char *status = f->status ? f->status : "", *kind = f->kind ? f->kind : "";
	long *days = NULL;
	size_t ndays = 0;
	long long after = 0;
	db_result *r = NULL, *h = NULL;
	export_row row;
	*count = 0;
	int rc = calendar_holidays(d, "1970-01-01", f->period.until, &days, &ndays);
	if (rc != MDG_OK)
		return rc;
	bizcal cal = {days, ndays};
	for (;;) {
		rc = db_query(d, &r, batch_sql,
			      DB_ARGS(DB_STR(lang), DB_STR(lang), DB_INT(after), DB_STR(f->period.from),
				      DB_STR(f->period.until), DB_STR(f->dept_ids), DB_STR(f->dept_ids),
				      DB_INT(f->category), DB_INT(f->category), DB_STR(channel), DB_STR(channel),
				      DB_STR(status), DB_STR(status), DB_STR(kind), DB_STR(kind), DB_INT(f->handler),
				      DB_INT(f->handler), DB_INT(EXPORT_ROWS_BATCH)));
		if (rc != MDG_OK)
			goto done;
		unsigned n = r->nrows, k = 0;
		if (n)
			rc = db_query(d, &h, handlers_sql,
				      DB_ARGS(DB_INT(db_get_ll(r, 0, "id", 0)), DB_INT(db_get_ll(r, n - 1, "id", 0)),
					      DB_STR(f->dept_ids), DB_STR(f->dept_ids)));
		/* Both in id order: the handlers' rows are walked along. */
		for (unsigned i = 0; i < n && rc == MDG_OK; i++) {
			long long id = db_get_ll(r, i, "id", 0);
			row_read(r, i, &cal, &row);
			while (k < h->nrows && db_get_ll(h, k, "case_id", 0) < id)
				k++;
			if (k < h->nrows && db_get_ll(h, k, "case_id", 0) == id)
				row.handlers = db_get(h, k, "names", "");
			rc = put(ctx, &row);
			++*count;
		}
		if (n)
			after = db_get_ll(r, n - 1, "id", 0);
		db_result_free(r);
		db_result_free(h);
		r = h = NULL;
		if (rc != MDG_OK || n < EXPORT_ROWS_BATCH)
			break;
	}
done:
	db_result_free(r);
	db_result_free(h);
	free(days);
	return rc;
}
